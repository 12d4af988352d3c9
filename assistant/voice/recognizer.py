"""Speech to text on this machine: pocketsphinx with the calendar-biased language model.

The acoustic model ships inside the pocketsphinx wheel; the language model and dictionary
are ours (models/asr-calendar, built by `python -m nlu asr-lm`). A pocketsphinx decoder is
not thread-safe, so each thread gets its own (`for_this_thread`): a FastAPI worker thread
or a Streamlit script thread never shares one. Loading one takes about 0.1 s.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.exceptions import RecognizerUnavailable
from assistant.settings import Settings
from assistant.voice.recording import RATE, Recording

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MODEL = ROOT / "models" / "asr-calendar"
# Below this level (the loudest 30 ms of the recording, in dB below full scale) there is
# no voice to hear: a muted or unplugged microphone. Quiet speech is around -35 dBFS.
SILENCE_DBFS = -50.0
FRAME = RATE * 30 // 1000


@dataclass(frozen=True)
class AsrModel:
    """Which language model and dictionary a decoder loads (None, None: pocketsphinx's stock ones)."""

    name: str
    lm: Path | None = None
    dictionary: Path | None = None

    @classmethod
    def calendar(cls, folder: Path | None = None) -> AsrModel:
        """The shipped calendar model, or the folder ASR_MODEL names."""
        folder = Path(folder or Settings.from_env().asr_model or DEFAULT_MODEL)
        lm, dictionary = folder / "calendar.lm.bin", folder / "calendar.dict"
        if not (lm.exists() and dictionary.exists()):
            raise RecognizerUnavailable(f"no speech language model in {folder}: run `python -m nlu asr-lm`")
        return cls("calendar", lm, dictionary)

    @classmethod
    def stock(cls) -> AsrModel:
        """pocketsphinx's general English model (the benchmark's baseline)."""
        return cls("stock")


@dataclass(frozen=True)
class Transcript:
    """What was heard: the words, whether any voice was there, and how long it took."""

    text: str
    seconds: float
    heard: bool
    decode_seconds: float = 0.0

    def note(self) -> str | None:
        """A sentence for the user when nothing usable was heard."""
        if not self.heard:
            return "I heard no voice in that recording: check the microphone and speak a little closer."
        if not self.text:
            return "I couldn't make out any words in that recording: please say it again."
        return None


class Recognizer:
    """One pocketsphinx decoder. Not thread-safe: use `for_this_thread`."""

    def __init__(self, model: AsrModel) -> None:
        try:
            from pocketsphinx import Decoder
        except ImportError as err:
            raise RecognizerUnavailable("pocketsphinx is not installed: pip install -r requirements.txt") from err
        options = {"lm": str(model.lm), "dict": str(model.dictionary)} if model.lm else {}
        self.model = model
        self.decoder = Decoder(loglevel="FATAL", samprate=RATE, **options)

    def transcribe(self, recording: Recording) -> Transcript:
        """Decode the whole recording at once; silence is not decoded (it would read as "what")."""
        if not has_voice(recording.samples):
            return Transcript("", recording.seconds, heard=False)
        started = time.perf_counter()
        self.decoder.reinit_feat()  # the noise estimate would carry over: same audio, same words, whatever came before
        self.decoder.start_utt()
        self.decoder.process_raw(recording.pcm(), full_utt=True)
        self.decoder.end_utt()
        hypothesis = self.decoder.hyp()
        text = " ".join(hypothesis.hypstr.split()) if hypothesis else ""
        return Transcript(text, recording.seconds, heard=True, decode_seconds=time.perf_counter() - started)


def has_voice(samples: np.ndarray) -> bool:
    """Whether the loudest 30 ms frame is above the silence level."""
    usable = len(samples) // FRAME * FRAME
    frames = samples[:usable].astype(np.float64).reshape(-1, FRAME) if usable else samples[None, :].astype(np.float64)
    loudest = float(np.sqrt((frames**2).mean(axis=1)).max()) if frames.size else 0.0
    return loudest > 0 and 20 * np.log10(loudest / 32768.0) > SILENCE_DBFS


_local = threading.local()


def for_this_thread(model: AsrModel) -> Recognizer:
    """This thread's recognizer for `model`, made on first use (never shared between threads)."""
    recognizers: dict[AsrModel, Recognizer] = getattr(_local, "recognizers", None) or {}
    _local.recognizers = recognizers
    if model not in recognizers:
        recognizers[model] = Recognizer(model)
    return recognizers[model]
