"""Speech input: a WAV recording in, the transcript out, on this machine (pocketsphinx).

    from assistant.voice import transcribe
    transcribe(open("command.wav", "rb").read()).text   # "schedule a meeting with priya on thursday"

`recording` reads and converts the WAV (any rate, channels, 8-32-bit or float, at most 60 s);
`recognizer` holds one pocketsphinx decoder per thread with the calendar-biased language
model of models/asr-calendar. The transcript then goes through the chat like typed text.
"""

from __future__ import annotations

from assistant.voice.recognizer import AsrModel, Transcript, for_this_thread
from assistant.voice.recording import MAX_BYTES, MAX_SECONDS, Recording, read_wav

__all__ = ["MAX_BYTES", "MAX_SECONDS", "AsrModel", "Recording", "Transcript", "read_wav", "transcribe"]


def transcribe(data: bytes, model: AsrModel | None = None) -> Transcript:
    """The words of a WAV file's bytes (BadAudio / AudioTooLong when it cannot be one)."""
    recording = read_wav(data)
    return for_this_thread(model or AsrModel.calendar()).transcribe(recording)
