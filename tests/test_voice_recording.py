"""WAV uploads read into 16 kHz mono: rates, channels, sample formats, limits, broken files."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.exceptions import AudioTooLong, BadAudio, NotWav
from assistant.voice.recognizer import has_voice
from assistant.voice.recording import MAX_BYTES, RATE, read_wav
from tests.conftest import wav_bytes


def tone(rate: int, seconds: float = 1.0, hz: float = 440.0, amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return amplitude * np.sin(2 * np.pi * hz * t)


def peak_hz(samples: np.ndarray, rate: int = RATE) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64)))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[spectrum.argmax()])


@pytest.mark.parametrize("rate", [8_000, 11_025, 16_000, 22_050, 32_000, 44_100, 48_000])
def test_voice_recording_any_rate_becomes_16k_with_pitch_and_length_kept(rate):
    recording = read_wav(wav_bytes((tone(rate, 2.0) * 32767).astype(np.int16), rate))
    assert recording.source_rate == rate
    assert len(recording.samples) == pytest.approx(2 * RATE, abs=2)
    assert peak_hz(recording.samples) == pytest.approx(440, abs=1)
    assert recording.describe()["converted"] is (rate != RATE)


def test_voice_recording_48k_stereo_is_averaged_to_mono():
    left, right = tone(48_000, hz=440), tone(48_000, hz=1000)
    recording = read_wav(wav_bytes((np.stack([left, right], axis=1) * 32767).astype(np.int16), 48_000))
    spectrum = np.abs(np.fft.rfft(recording.samples.astype(np.float64)))
    freqs = np.fft.rfftfreq(len(recording.samples), 1 / RATE)
    strongest = sorted(freqs[np.argsort(spectrum)[-2:]])
    assert strongest == pytest.approx([440, 1000], abs=1)
    assert (recording.source_channels, len(recording.samples)) == (2, RATE)


@pytest.mark.parametrize(
    "dtype, scale, offset",
    [
        (np.uint8, 127, 128),  # 8-bit WAV is unsigned
        (np.int16, 32767, 0),
        (np.int32, 2**31 - 1, 0),
        (np.float32, 1.0, 0),
    ],
)
def test_voice_recording_sample_formats_keep_the_level(dtype, scale, offset):
    samples = (tone(RATE, amplitude=0.5) * scale + offset).astype(dtype)
    recording = read_wav(wav_bytes(samples, RATE))
    assert recording.source_format == np.dtype(dtype).name
    assert np.abs(recording.samples).max() == pytest.approx(0.5 * 32767, rel=0.02)


def test_voice_recording_pcm_is_little_endian_16_bit():
    recording = read_wav(wav_bytes(np.array([0, 1, -2, 32767], np.int16), RATE))
    assert recording.pcm() == b"\x00\x00\x01\x00\xfe\xff\xff\x7f"


def test_voice_recording_over_60_seconds_is_refused_with_its_length():
    with pytest.raises(AudioTooLong, match=r"61\.0 s long: at most 60 s"):
        read_wav(wav_bytes(np.zeros(RATE * 61, np.int16), RATE))


def test_voice_recording_a_ten_minute_file_is_refused_before_decoding():
    ten_minutes = wav_bytes(np.zeros(RATE * 600, np.int16), RATE)
    with pytest.raises(AudioTooLong, match=r"600\.0 s long"):
        read_wav(ten_minutes)


def test_voice_recording_bytes_beyond_the_upload_limit_are_refused_unread():
    with pytest.raises(AudioTooLong, match="at most 60 s of audio"):
        read_wav(b"RIFF" + bytes(MAX_BYTES))


def test_voice_recording_60_seconds_exactly_is_accepted():
    assert read_wav(wav_bytes(np.zeros(RATE * 60, np.int16), RATE)).seconds == 60


@pytest.mark.parametrize(
    "data", [b"", b"ID3\x04" + bytes(200), b"hello, this is text", b"\x89PNG\r\n\x1a\n" + bytes(64)]
)
def test_voice_recording_not_a_wav_says_so(data):
    with pytest.raises(NotWav, match="not a WAV file"):
        read_wav(data)


def test_voice_recording_truncated_wav_is_refused():
    whole = wav_bytes(np.zeros(RATE, np.int16), RATE)
    with pytest.raises(BadAudio, match="truncated"):
        read_wav(whole[: len(whole) // 2])


@pytest.mark.parametrize("cut", [30, 44])
def test_voice_recording_header_only_is_refused(cut):
    whole = wav_bytes(np.zeros(RATE, np.int16), RATE)
    with pytest.raises(BadAudio):
        read_wav(whole[:cut])


def test_voice_recording_without_samples_is_refused():
    with pytest.raises(BadAudio, match="no audio"):
        read_wav(wav_bytes(np.zeros(0, np.int16), RATE))


@pytest.mark.parametrize("rate", [4_000, 192_000])
def test_voice_recording_odd_rates_are_refused(rate):
    with pytest.raises(BadAudio, match=f"sample rate {rate} Hz"):
        read_wav(wav_bytes(np.zeros(rate // 10, np.int16), rate))


def test_voice_recording_riff_with_garbage_inside_is_refused():
    with pytest.raises(BadAudio, match="unreadable WAV"):
        read_wav(b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00" + b"\xff" * 16)


def test_voice_silence_has_no_voice_and_a_tone_has():
    assert not has_voice(np.zeros(RATE, np.int16))
    assert not has_voice((tone(RATE, amplitude=0.001) * 32767).astype(np.int16))  # -60 dBFS hiss
    assert has_voice((tone(RATE, amplitude=0.05) * 32767).astype(np.int16))
    assert not has_voice(np.zeros(3, np.int16))  # shorter than one frame
