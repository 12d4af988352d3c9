"""Errors the assistant raises; the edges (CLI, API, UI) turn them into a clear message."""


class AssistantError(Exception):
    """Base of every error this package raises on purpose."""


class BadSettings(AssistantError):
    """A setting (environment variable or argument) makes no sense: fix the value named in the message."""


class BadEvent(AssistantError, ValueError):
    """An event's fields are invalid (empty title, end before start, unknown zone...): fix the named field."""


class BadInput(AssistantError):
    """A session id or user name cannot key a conversation (empty, over 200 characters, NUL)."""


class StorageError(AssistantError):
    """The database could not be opened or upgraded: check the URL (--db / DATABASE_URL)."""


class BadAudio(AssistantError):
    """The upload is not a recording we can read (not a WAV, truncated, no samples): send a PCM or float WAV."""


class NotWav(BadAudio):
    """The upload is not a WAV file at all (an MP3, a text, an image): record or export the command as WAV."""


class AudioTooLong(BadAudio):
    """The recording is longer than a spoken command needs (60 s): record a shorter one."""


class RecognizerUnavailable(AssistantError):
    """The speech recognizer or its language model is missing: `pip install pocketsphinx`, `python -m nlu asr-lm`."""
