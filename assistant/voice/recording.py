"""A WAV upload read into what the recognizer wants: 16 kHz mono 16-bit samples.

scipy reads every WAV flavour a browser, a phone or sox writes (8/16/24/32-bit PCM, float,
WAVE_FORMAT_EXTENSIBLE); channels are averaged and other rates resampled with a polyphase
filter (scipy.signal.resample_poly), in memory: nothing is shelled out per request. Whatever
cannot be a spoken command is refused with a sentence saying why: not a WAV, truncated,
empty, an odd rate, over 60 seconds.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.exceptions import AudioTooLong, BadAudio, NotWav

RATE = 16_000  # the acoustic model's rate
MAX_SECONDS = 60
MIN_RATE, MAX_RATE = 8_000, 96_000
MAX_CHANNELS = 8
# The largest upload worth reading: 60 s of 48 kHz stereo 32-bit, plus room for headers.
MAX_BYTES = MAX_SECONDS * 48_000 * 2 * 4 + 65_536


@dataclass(frozen=True)
class Recording:
    """Mono 16 kHz int16 samples, and what the file was before conversion."""

    samples: np.ndarray
    source_rate: int
    source_channels: int
    source_format: str  # numpy dtype name of the file's samples: int16, uint8, float32, ...

    @property
    def seconds(self) -> float:
        return len(self.samples) / RATE

    def pcm(self) -> bytes:
        """Raw little-endian 16-bit PCM, what pocketsphinx decodes."""
        return self.samples.astype("<i2").tobytes()

    def describe(self) -> dict[str, Any]:
        """The JSON the API returns about the upload."""
        return {
            "seconds": round(self.seconds, 2),
            "sample_rate": self.source_rate,
            "channels": self.source_channels,
            "format": self.source_format,
            "converted": (self.source_rate, self.source_channels, self.source_format) != (RATE, 1, "int16"),
        }


def read_wav(data: bytes, *, max_seconds: float = MAX_SECONDS) -> Recording:
    """Parse, check and convert a WAV file's bytes; BadAudio (or AudioTooLong) says what is wrong."""
    if len(data) > MAX_BYTES:
        raise AudioTooLong(
            f"the file is {len(data) / 1e6:.1f} MB: at most {max_seconds:g} s of audio "
            f"(a 16 kHz mono WAV of {max_seconds:g} s is {max_seconds * RATE * 2 / 1e6:.1f} MB)"
        )
    rate, samples = _parse(data)
    channels = 1 if samples.ndim == 1 else samples.shape[1]
    _check_shape(rate, channels, len(samples), max_seconds)
    mono = _to_float(samples).reshape(len(samples), channels).mean(axis=1)
    return Recording(_to_int16(_resample(mono, rate)), rate, channels, samples.dtype.name)


def _parse(data: bytes) -> tuple[int, np.ndarray]:
    from scipy.io import wavfile

    if data[:4] not in (b"RIFF", b"RIFX", b"RF64") or data[8:12] != b"WAVE":
        raise NotWav(f"not a WAV file (it starts with {data[:4]!r}): record or export the command as WAV")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            rate, samples = wavfile.read(io.BytesIO(data))
        except Exception as err:  # scipy raises ValueError, struct.error, EOFError... for broken files
            raise BadAudio(f"unreadable WAV file: {err}") from err
    if any("prematurely" in str(w.message) for w in caught):
        raise BadAudio("truncated WAV file: it holds less audio than its header announces; send the whole file")
    return int(rate), samples


def _check_shape(rate: int, channels: int, frames: int, max_seconds: float) -> None:
    if not MIN_RATE <= rate <= MAX_RATE:
        raise BadAudio(f"sample rate {rate} Hz: record at {MIN_RATE:,} to {MAX_RATE:,} Hz (16,000 is best)")
    if channels > MAX_CHANNELS:
        raise BadAudio(f"{channels} channels: send mono or stereo")
    if frames == 0:
        raise BadAudio("the WAV file holds no audio")
    if frames / rate > max_seconds:
        raise AudioTooLong(
            f"the recording is {frames / rate:.1f} s long: at most {max_seconds:g} s (a command takes a few seconds)"
        )


def _to_float(samples: np.ndarray) -> np.ndarray:
    """Samples in [-1, 1] whatever the file's format (8-bit WAV is unsigned, centred on 128)."""
    kind = samples.dtype
    if kind == np.uint8:
        return (samples.astype(np.float32) - 128.0) / 128.0
    if kind.kind == "f":
        return np.clip(np.nan_to_num(samples.astype(np.float32)), -1.0, 1.0)
    if kind.kind == "i":
        return samples.astype(np.float32) / float(2 ** (8 * kind.itemsize - 1))
    raise BadAudio(f"unsupported sample format {kind.name}: send 8/16/24/32-bit PCM or float")


def _resample(mono: np.ndarray, rate: int) -> np.ndarray:
    if rate == RATE:
        return mono
    from scipy.signal import resample_poly

    step = math.gcd(rate, RATE)
    resampled: np.ndarray = resample_poly(mono, RATE // step, rate // step)  # scipy has no type hints
    return resampled


def _to_int16(mono: np.ndarray) -> np.ndarray:
    return np.clip(np.round(mono * 32768.0), -32768, 32767).astype(np.int16)
