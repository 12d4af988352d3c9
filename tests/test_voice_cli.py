"""`python -m assistant transcribe FILE.wav`: the transcript on stdout, the reason otherwise.

The command's function is called in-process; one test per exit status runs the real process.
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from assistant.exceptions import AudioTooLong, BadAudio, NotWav
from assistant.shell import build_parser
from assistant.voice.transcribe_cli import transcribe_command
from tests.conftest import ROOT, VOICE, wav_bytes


def transcribe(*argv: str) -> int:
    return transcribe_command(build_parser().parse_args(["transcribe", *argv]))


def process(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "transcribe", *argv], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_voice_cli_prints_the_transcript(capsys):
    assert transcribe(str(VOICE / "dentist_friday.wav")) == 0
    assert capsys.readouterr() == ("schedule a dentist appointment on friday at ten am\n", "")


def test_voice_cli_json_tells_the_format(capsys, tmp_path):
    stereo = np.zeros((48_000, 2), np.float32)
    stereo[:, 0] = np.random.default_rng(2).normal(0, 0.1, 48_000)
    path = tmp_path / "noise.wav"
    path.write_bytes(wav_bytes(stereo, 48_000))
    assert transcribe("--json", str(path)) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["audio"] == {"seconds": 1.0, "sample_rate": 48000, "channels": 2, "format": "float32", "converted": True}
    assert out["transcript"] == "" and "couldn't make out any words" in out["note"]


@pytest.mark.parametrize(
    "content, error, words",
    [
        (b"not audio at all", NotWav, "not a WAV file"),
        (wav_bytes(np.zeros(16_000 * 601, np.int16), 16_000), AudioTooLong, "601.0 s long: at most 60 s"),
        (wav_bytes(np.zeros(16_000, np.int16), 16_000)[:9000], BadAudio, "truncated"),
    ],
)
def test_voice_cli_bad_file_raises_the_reason(tmp_path, content, error, words):
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(error, match=words):
        transcribe(str(path))


def test_voice_cli_missing_file_says_so(tmp_path):
    with pytest.raises(BadAudio, match=r"cannot read .*nowhere\.wav"):
        transcribe(str(tmp_path / "nowhere.wav"))


@pytest.mark.slow
def test_voice_cli_process_exit_statuses(tmp_path):
    silence = tmp_path / "silence.wav"
    silence.write_bytes(wav_bytes(np.zeros(16_000, np.int16), 16_000))
    heard, quiet, broken = (
        process(str(VOICE / "play_jazz.wav")),
        process(str(silence)),
        process(str(ROOT / "README.md")),
    )
    assert (heard.returncode, heard.stdout, heard.stderr) == (0, "play some jazz\n", "")
    assert (quiet.returncode, quiet.stdout) == (1, "") and "I heard no voice" in quiet.stderr
    assert (broken.returncode, broken.stdout) == (2, "") and broken.stderr.startswith("error: not a WAV file")


def test_voice_cli_stock_model_is_another_model(capsys):
    assert transcribe("--stock", str(VOICE / "dentist_friday.wav")) == 0
    stock = capsys.readouterr().out.strip()
    assert stock and stock != "schedule a dentist appointment on friday at ten am"
