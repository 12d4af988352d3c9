"""A length said alone is no DATE slot (ANNOTATION.md calls it a DURATION), yet `when` keeps
it; a shift or a new length of an event being changed stays a DATE (nlu.parser.without_lengths)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from nlu.parser import without_lengths
from nlu.result import Slot, TimeSpan

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday
HOUR = TimeSpan(start=None, end=None, grain="hour", duration=timedelta(hours=1))
FRIDAY = TimeSpan(start=datetime(2026, 11, 27), end=datetime(2026, 11, 28), grain="day")
SLOTS = (Slot("DATE", "an hour", 10, 17, HOUR), Slot("DATE", "friday", 30, 36, FRIDAY))


@pytest.mark.parametrize("intent", ["create", "query", "availability", "cancel", "out_of_scope"])
def test_a_length_alone_is_dropped(intent):
    assert without_lengths(intent, SLOTS) == SLOTS[1:]


@pytest.mark.parametrize("intent", ["reschedule", "update"])
def test_a_length_that_is_the_change_stays(intent):
    assert without_lengths(intent, SLOTS) == SLOTS


@pytest.mark.slow
def test_the_shipped_parser_keeps_the_length_in_when(shipped_parser):
    made = shipped_parser("schedule a 2 hour planning session tomorrow at 3", now=NOW, tz="UTC")
    assert [s.text for s in made.slots if s.label == "DATE"] == ["tomorrow at 3"]
    assert (made.when.start.replace(tzinfo=None), made.when.duration) == (
        datetime(2026, 11, 24, 15),
        timedelta(hours=2),
    )
    timer = shipped_parser("set a timer for 25 minutes", now=NOW, tz="UTC")
    assert [s for s in timer.slots if s.label == "DATE"] == []
    later = shipped_parser("push the standup back an hour", now=NOW, tz="UTC")
    assert later.intent == "reschedule" and [s.text for s in later.slots if s.label == "DATE"] == ["an hour"]


@pytest.mark.slow
def test_a_shift_takes_its_by(shipped_parser):
    later = shipped_parser("delay the retro by 15 min, the room is taken", now=NOW, tz="UTC")
    assert later.intent == "reschedule"
    assert [s.text for s in later.slots if s.label == "DATE"] == ["by 15 min"]
    assert later.when.duration == timedelta(minutes=15)


@pytest.mark.parametrize(
    "phrase, minutes", [("the night before", 1440), ("the evening before", 1440), ("the day before", 1440)]
)
def test_the_night_before_is_the_day_before(phrase, minutes):
    from nlu.parser import alert_value

    assert alert_value(phrase, NOW).minutes_before == minutes
