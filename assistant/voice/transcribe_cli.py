"""`python -m assistant transcribe FILE.wav`: print what a recording says.

Exit status: 0 with the transcript on stdout; 1 when no voice or no words were heard (the
reason on stderr); 2 when the file cannot be read as a recording (the reason on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.exceptions import BadAudio


def add_transcribe_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `transcribe` subcommand's arguments."""
    p = commands.add_parser("transcribe", help="print the words of a WAV recording (offline speech recognition)")
    p.add_argument("wav", type=Path, help="the recording (WAV: any rate, mono or stereo, at most 60 s)")
    p.add_argument("--model", type=Path, help="language model folder (default: ASR_MODEL or models/asr-calendar)")
    p.add_argument("--stock", action="store_true", help="use pocketsphinx's general English model instead")
    p.add_argument("--json", action="store_true", help="print the transcript and the recording's format as JSON")


def transcribe_command(args: argparse.Namespace) -> int:
    """Read at most the upload limit from the file, transcribe it, print the words."""
    from assistant.voice import MAX_BYTES, AsrModel, read_wav
    from assistant.voice.recognizer import Recognizer

    try:
        with open(args.wav, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # a huge file is refused without reading it all
    except OSError as err:
        raise BadAudio(f"cannot read {args.wav}: {err.strerror or err}") from err
    recording = read_wav(data)
    model = AsrModel.stock() if args.stock else AsrModel.calendar(args.model)
    transcript = Recognizer(model).transcribe(recording)
    if args.json:
        print(
            json.dumps(
                {
                    "transcript": transcript.text,
                    "note": transcript.note(),
                    "audio": recording.describe(),
                    "decode_seconds": round(transcript.decode_seconds, 3),
                }
            )
        )
    elif transcript.text:
        print(transcript.text)
    if transcript.note():
        print(transcript.note(), file=sys.stderr)
        return 1
    return 0
