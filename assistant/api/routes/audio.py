"""The spoken door: a WAV recording in, the chat JSON plus what was heard out.

The recording is transcribed on this machine (pocketsphinx with the calendar-biased model,
one decoder per worker thread) and the transcript then takes exactly the path of
`POST /v1/chat`'s text. The upload has its own size limit (60 s of audio, not the 1 MB of
the JSON routes), enforced while it streams in (see assistant/api/limits.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile, status
from pydantic import AfterValidator, BaseModel, Field

from assistant.api import deps
from assistant.api.auth import writer
from assistant.api.keys import Principal
from assistant.api.limits import Limit
from assistant.api.schemas import ERRORS, ChatReply, ErrorBody, known_zone, sane_moment
from assistant.core import Assistant
from assistant.exceptions import AudioTooLong, BadAudio, NotWav, RecognizerUnavailable
from assistant.voice import MAX_BYTES, MAX_SECONDS, AsrModel, Recording, Transcript, read_wav
from assistant.voice.recognizer import for_this_thread

PATH = "/v1/chat/audio"
UPLOAD_LIMIT = Limit(
    MAX_BYTES,
    f"recording too large: at most {MAX_SECONDS} s of audio "
    f"(uploads stop at {MAX_BYTES / 1e6:.0f} MB; 60 s of 16 kHz mono WAV is 1.9 MB)",
)
router = APIRouter(tags=["chat"], responses=ERRORS)


class AudioInfo(BaseModel):
    """The upload as received, before conversion to 16 kHz mono."""

    seconds: float
    sample_rate: int
    channels: int
    format: str = Field(examples=["int16"], description="sample type in the file: uint8, int16, int32, float32...")
    converted: bool


class AudioChatReply(ChatReply):
    """The chat JSON of `/v1/chat`, plus what the recognizer heard."""

    transcript: str = Field(
        examples=["schedule a meeting with priya on thursday at three thirty"],
        description="the words heard; empty when no voice or no words were heard",
    )
    audio: AudioInfo


@router.post(
    PATH,
    response_model=AudioChatReply,
    summary="One turn of a conversation, spoken (a WAV recording)",
    responses={
        413: {"model": ErrorBody, "description": f"recording over {MAX_SECONDS} s"},
        415: {"model": ErrorBody, "description": "not a WAV file"},
        503: {"model": ErrorBody, "description": "no speech recognizer or language model"},
    },
)
def chat_audio(
    audio: Annotated[
        UploadFile,
        File(description="the command as a WAV file (16 kHz mono is native; any rate, channels, 8-32-bit or float)"),
    ],
    session_id: Annotated[str, Form(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:@-]+$")],
    tz: Annotated[str | None, Form(max_length=64), AfterValidator(known_zone)] = None,
    now: Annotated[datetime | None, Form(description="reference time (ISO)"), AfterValidator(sane_moment)] = None,
    who: Principal = Depends(writer),
    bot: Assistant = Depends(deps.assistant),
) -> dict[str, Any]:
    """Like `/v1/chat` with the text spoken: form fields `session_id`, `tz`, `now` and the file `audio`.

    Silence or a recording with no words gets a reply saying so (and nothing is done).
    """
    recording = _recording(audio.file.read())
    try:
        transcript = for_this_thread(AsrModel.calendar()).transcribe(recording)
    except RecognizerUnavailable as err:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(err)) from err
    if transcript.note():
        return _unheard(transcript, recording)
    with deps.one_at_a_time(bot):
        reply = bot.handle(session_id, transcript.text, now=now, tz=tz, user=who.user).to_dict()
    return {**reply, "transcript": transcript.text, "audio": recording.describe()}


def _recording(data: bytes) -> Recording:
    """The upload read as a recording; what cannot be one is a 413, 415 or 422 with the reason."""
    try:
        return read_wav(data)
    except AudioTooLong as err:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, str(err)) from err
    except NotWav as err:
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, str(err)) from err
    except BadAudio as err:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(err)) from err


def _unheard(transcript: Transcript, recording: Recording) -> dict[str, Any]:
    """The chat JSON for a recording nothing could be understood from: say so, do nothing."""
    return {
        "reply": transcript.note(),
        "operation": "none",
        "events": [],
        "choices": [],
        "parse": None,
        "transcript": transcript.text,
        "audio": recording.describe(),
    }
