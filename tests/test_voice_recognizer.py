"""The recognizer on committed spoken commands (festival voices, 16 kHz mono)."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from scipy.signal import resample_poly

from assistant.voice import AsrModel, read_wav, transcribe
from assistant.voice.recognizer import Recognizer, for_this_thread
from tests.conftest import wav_bytes

COMMANDS = {
    "dentist_friday": "schedule a dentist appointment on friday at ten am",  # kal_diphone
    "lunch_priya": "add lunch with priya tomorrow at noon",  # cmu_us_slt_arctic_hts
    "play_jazz": "play some jazz",  # a general command stays itself
}


def samples(data: bytes) -> np.ndarray:
    return read_wav(data).samples


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_voice_recognizer_hears_the_fixture_word_for_word(spoken, name):
    heard = transcribe(spoken(name))
    assert heard.text == COMMANDS[name]
    assert heard.heard and heard.note() is None
    assert 0 < heard.decode_seconds < 10


def test_voice_recognizer_hears_48k_stereo_float_the_same(spoken):
    mono = samples(spoken("lunch_priya")).astype(np.float32) / 32768
    high = resample_poly(mono, 3, 1).astype(np.float32)
    stereo = np.stack([high, high * 0.8], axis=1)
    assert transcribe(wav_bytes(stereo, 48_000)).text == COMMANDS["lunch_priya"]


def test_voice_recognizer_hears_8_bit_the_same(spoken):
    eight_bit = (samples(spoken("dentist_friday")).astype(np.int32) // 256 + 128).astype(np.uint8)
    assert transcribe(wav_bytes(eight_bit, 16_000)).text == COMMANDS["dentist_friday"]


def test_voice_recognizer_calendar_model_beats_the_stock_one_on_a_diphone_voice(spoken):
    recording = read_wav(spoken("dentist_friday"))
    stock = Recognizer(AsrModel.stock()).transcribe(recording).text
    calendar = Recognizer(AsrModel.calendar()).transcribe(recording).text
    assert calendar == COMMANDS["dentist_friday"]
    assert stock != calendar  # the stock model mishears this voice; the bias is what fixes it


def test_voice_recognizer_same_audio_same_words_whatever_came_before(spoken):
    # Given one recognizer that has just decoded another recording
    recognizer = Recognizer(AsrModel.calendar())
    jazz = read_wav(spoken("play_jazz"))
    first = recognizer.transcribe(jazz).text
    recognizer.transcribe(read_wav(spoken("dentist_friday")))
    # Then the first recording still reads the same (no state carried between utterances)
    assert recognizer.transcribe(jazz).text == first == COMMANDS["play_jazz"]


def test_voice_recognizer_silence_is_not_decoded():
    heard = transcribe(wav_bytes(np.zeros(16_000 * 2, np.int16), 16_000))
    assert (heard.text, heard.heard) == ("", False)
    assert "no voice" in heard.note()


def test_voice_recognizer_white_noise_gives_no_calendar_words():
    noise = np.random.default_rng(0).normal(0, 3000, 16_000 * 3).astype(np.int16)
    heard = transcribe(wav_bytes(noise, 16_000))
    assert heard.heard
    assert heard.text == ""
    assert "couldn't make out any words" in heard.note()


def test_voice_recognizer_one_per_thread_never_shared():
    model = AsrModel.calendar()
    mine = for_this_thread(model)
    assert for_this_thread(model) is mine
    theirs = []
    thread = threading.Thread(target=lambda: theirs.append(for_this_thread(model)))
    thread.start()
    thread.join()
    assert theirs[0] is not mine and theirs[0].decoder is not mine.decoder


def test_voice_recognizer_missing_model_folder_says_how_to_build_it(tmp_path):
    from assistant.exceptions import RecognizerUnavailable

    with pytest.raises(RecognizerUnavailable, match="python -m nlu asr-lm"):
        AsrModel.calendar(tmp_path)
