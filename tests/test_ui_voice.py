"""The microphone in the demo, driven through AppTest's `audio_input` with committed WAVs.

Each test records into `st.audio_input`, reads the transcript in the review box, sends it,
and checks the chat and the rows in the database, as tests/test_ui_app.py does for text.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import wav_bytes
from tests.test_ui_app import bubbles, rows


def record(at: AppTest, data: bytes) -> AppTest:
    at.audio_input(key="voice_recording").set_value(("command.wav", data, "audio/wav")).run()
    assert not at.exception
    return at


def review_box(at: AppTest):
    return at.text_input(key="voice_review")


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.main.get_by_key("voice").warning]


def test_ui_voice_spoken_command_is_reviewed_then_creates_the_event(app, calendar, spoken):
    # Given a recording of "schedule a dentist appointment on friday at ten am"
    record(app, spoken("dentist_friday"))
    # Then the transcript waits in the review box, and nothing is done yet
    assert review_box(app).value == "schedule a dentist appointment on friday at ten am"
    assert rows(calendar) == [] and [who for who, _ in bubbles(app)] == ["assistant"]  # the greeting only
    # When it is sent
    app.button(key="voice_send").click().run()
    assert not app.exception
    # Then it went through the chat like typed text, and the event is stored
    [(who, said), (_, answer)] = bubbles(app)
    assert who == "user" and "dentist appointment" in said
    assert answer.startswith('Scheduled "dentist appointment" for Friday, November 27 at 10:00 AM')
    [event] = rows(calendar)
    assert (event.title, event.start_dt, event.end_dt) == (
        "dentist appointment",
        datetime(2026, 11, 27, 10, 0),
        datetime(2026, 11, 27, 11, 0),
    )
    # and the review box is gone until the next recording
    assert not [t for t in app.text_input if t.key == "voice_review"]


def test_ui_voice_transcript_can_be_corrected_before_sending(app, calendar, spoken):
    record(app, spoken("lunch_priya"))
    assert review_box(app).value == "add lunch with priya tomorrow at noon"
    review_box(app).set_value("add lunch with priyanka tomorrow at one pm").run()
    app.button(key="voice_send").click().run()
    [event] = rows(calendar)
    assert event.start_dt == datetime(2026, 11, 24, 13, 0)
    assert "priyanka" in (event.title + " ".join(event.attendees or ())).lower()


def test_ui_voice_a_rerun_does_not_transcribe_or_send_again(app, calendar, spoken):
    record(app, spoken("dentist_friday"))
    app.button(key="voice_send").click().run()
    app.run()  # a rerun with the same recording still in the widget
    assert len(rows(calendar)) == 1 and len(bubbles(app)) == 2


@pytest.mark.parametrize(
    "data, words",
    [
        (wav_bytes(np.zeros(16_000 * 2, np.int16), 16_000), "I heard no voice"),
        (wav_bytes(np.zeros(16_000 * 61, np.int16), 16_000), "at most 60 s"),
        (b"RIFF but not really a wave file", "not a WAV file"),
    ],
)
def test_ui_voice_unusable_recording_says_why_and_does_nothing(app, calendar, data, words):
    record(app, data)
    [warning] = warnings(app)
    assert words in warning
    assert not [t for t in app.text_input if t.key == "voice_review"]
    assert rows(calendar) == [] and len(bubbles(app)) == 1
