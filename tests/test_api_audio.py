"""POST /v1/chat/audio: a WAV recording through the same chat path as /v1/chat's text.

The spoken commands are the committed festival fixtures (tests/data/voice/); the recognizer
runs for real. Tests that need the meaning of a command use the shipped NLU pipeline.
"""

from __future__ import annotations

import numpy as np
import pytest

from assistant.voice.recording import MAX_BYTES
from tests.conftest import wav_bytes

NOW = "2026-11-23T09:00:00"  # a Monday
FORM = {"session_id": "kitchen", "tz": "Europe/Paris", "now": NOW}


def never(*_args, **_kwargs):
    raise AssertionError("the dialogue must not run when no command was heard")


def post(client, headers, data: bytes, form=FORM, name="command.wav"):
    return client.post("/v1/chat/audio", headers=headers, data=form, files={"audio": (name, data, "audio/wav")})


def test_api_audio_spoken_command_creates_the_event(make_api, api_model_parser, spoken):
    client, headers, *_ = make_api(parser=api_model_parser)
    response = post(client, headers["alice"], spoken("dentist_friday"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["transcript"] == "schedule a dentist appointment on friday at ten am"
    assert body["audio"] == {
        "seconds": 3.76,
        "sample_rate": 16000,
        "channels": 1,
        "format": "int16",
        "converted": False,
    }
    assert body["operation"] == "create"
    # The stored row, read back through the events route
    stored = client.get(f"/v1/events/{body['events'][0]['id']}", headers=headers["alice"]).json()
    assert {k: stored[k] for k in ("title", "start", "end", "all_day", "cancelled", "tz")} == {
        "title": "dentist appointment",
        "start": "2026-11-27T10:00:00",
        "end": "2026-11-27T11:00:00",
        "all_day": False,
        "cancelled": False,
        "tz": "Europe/Paris",
    }


def test_api_audio_is_the_same_turn_as_the_typed_text(make_api, api_model_parser, spoken):
    client, headers, *_ = make_api(parser=api_model_parser)
    heard = post(client, headers["alice"], spoken("lunch_priya")).json()
    typed = client.post("/v1/chat", headers=headers["bob"], json={**FORM, "text": heard["transcript"]}).json()
    assert heard["transcript"] == "add lunch with priya tomorrow at noon"
    assert {k: heard[k] for k in ("reply", "operation", "choices", "parse")} == {
        k: typed[k] for k in ("reply", "operation", "choices", "parse")
    }
    assert [{k: v for k, v in e.items() if k != "id"} for e in heard["events"]] == [
        {k: v for k, v in e.items() if k != "id"} for e in typed["events"]
    ]


def test_api_audio_general_command_is_heard_and_declined(make_api, api_model_parser, spoken):
    client, headers, *_ = make_api(parser=api_model_parser)
    body = post(client, headers["alice"], spoken("play_jazz")).json()
    assert body["transcript"] == "play some jazz"
    assert body["operation"] == "none" and body["events"] == []
    assert client.get("/v1/events", headers=headers["alice"]).json() == []


def test_api_audio_48k_stereo_is_converted(make_api, api_model_parser, spoken):
    from scipy.signal import resample_poly

    from assistant.voice import read_wav

    mono = read_wav(spoken("dentist_friday")).samples
    stereo = np.repeat(resample_poly(mono.astype(np.float64), 3, 1)[:, None], 2, axis=1).astype(np.int16)
    client, headers, *_ = make_api(parser=api_model_parser)
    body = post(client, headers["alice"], wav_bytes(stereo, 48_000)).json()
    assert body["transcript"] == "schedule a dentist appointment on friday at ten am"
    assert (body["audio"]["sample_rate"], body["audio"]["channels"], body["audio"]["converted"]) == (48000, 2, True)


def test_api_audio_needs_a_key_that_may_write(make_api, spoken):
    client, headers, *_ = make_api(parser=never)
    assert post(client, {}, spoken("play_jazz")).status_code == 401
    assert post(client, {"X-API-Key": "nope"}, spoken("play_jazz")).status_code == 401
    refused = post(client, headers["reader"], spoken("play_jazz"))
    assert refused.status_code == 403 and "read-only" in refused.json()["detail"]


def test_api_audio_bearer_key_works(make_api, spoken):
    client, headers, *_ = make_api(parser=never)
    silent = wav_bytes(np.zeros(16_000, np.int16), 16_000)
    assert post(client, headers["bob"], silent).status_code == 200


def test_api_audio_over_60_seconds_is_413_and_says_the_limit(make_api):
    client, headers, *_ = make_api(parser=never)
    response = post(client, headers["alice"], wav_bytes(np.zeros(16_000 * 61, np.int16), 16_000))
    assert response.status_code == 413
    assert response.json()["detail"] == "the recording is 61.0 s long: at most 60 s (a command takes a few seconds)"


def test_api_audio_ten_minutes_is_413(make_api):
    client, headers, *_ = make_api(parser=never)
    response = post(client, headers["alice"], wav_bytes(np.zeros(16_000 * 600, np.int16), 16_000))
    assert response.status_code == 413 and "600.0 s long" in response.json()["detail"]


def test_api_audio_upload_over_its_own_limit_is_413_before_reading(make_api):
    client, headers, *_ = make_api(parser=never)
    response = post(client, headers["alice"], bytes(MAX_BYTES + 1))
    assert response.status_code == 413
    assert response.json()["detail"].startswith("recording too large: at most 60 s of audio")


def test_api_audio_limit_is_its_own_the_json_routes_keep_1_mb(make_api):
    client, headers, *_ = make_api(parser=never)
    two_mb = wav_bytes(np.zeros(16_000 * 60, np.int16), 16_000)  # 60 s: 1.9 MB, fine here
    assert len(two_mb) > 1_000_000
    assert post(client, headers["alice"], two_mb).status_code == 200
    big_json = client.post("/v1/chat", headers=headers["alice"], json={"session_id": "s", "text": "x" * 1_000_001})
    assert big_json.status_code == 413


@pytest.mark.parametrize(
    "data, status, words",
    [
        (b"ID3\x04" + bytes(500), 415, "not a WAV file"),
        (b"just some text", 415, "not a WAV file"),
        (wav_bytes(np.zeros(16_000, np.int16), 16_000)[:20_000], 422, "truncated"),
        (wav_bytes(np.zeros(400, np.int16), 4_000), 422, "sample rate 4000 Hz"),
    ],
)
def test_api_audio_bad_file_gets_a_clear_status(make_api, data, status, words):
    client, headers, *_ = make_api(parser=never)
    response = post(client, headers["alice"], data)
    assert response.status_code == status and words in response.json()["detail"]


@pytest.mark.parametrize(
    "samples, heard",
    [
        (np.zeros(16_000 * 3, np.int16), "I heard no voice"),
        (np.random.default_rng(1).normal(0, 3000, 16_000 * 3).astype(np.int16), "I couldn't make out any words"),
    ],
)
def test_api_audio_silence_and_noise_say_so_and_do_nothing(make_api, samples, heard):
    client, headers, *_ = make_api(parser=never)
    response = post(client, headers["alice"], wav_bytes(samples, 16_000))
    assert response.status_code == 200
    body = response.json()
    assert body["reply"].startswith(heard)
    assert (body["transcript"], body["operation"], body["events"], body["parse"]) == ("", "none", [], None)


@pytest.mark.parametrize(
    "form, field",
    [
        ({"tz": "Europe/Paris"}, "session_id"),
        ({"session_id": "a b"}, "session_id"),
        ({"session_id": "s", "tz": "Moon/Base"}, "tz"),
        ({"session_id": "s", "now": "tomorrow"}, "now"),
        ({"session_id": "s", "now": "0001-01-01T00:00"}, "now"),
    ],
)
def test_api_audio_bad_form_fields_are_422(make_api, spoken, form, field):
    client, headers, *_ = make_api(parser=never)
    response = post(client, headers["alice"], spoken("play_jazz"), form=form)
    assert response.status_code == 422
    assert any(p["loc"][-1] == field for p in response.json()["detail"])


def test_api_audio_missing_file_is_422(make_api):
    client, headers, *_ = make_api(parser=never)
    response = client.post("/v1/chat/audio", headers=headers["alice"], data=FORM)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "audio"]


def test_api_audio_without_a_speech_model_is_503(make_api, spoken, tmp_path, monkeypatch):
    monkeypatch.setenv("ASR_MODEL", str(tmp_path))  # an empty folder
    client, headers, *_ = make_api(parser=never)
    response = post(client, headers["alice"], spoken("play_jazz"))
    assert response.status_code == 503 and "python -m nlu asr-lm" in response.json()["detail"]
