"""The dialogue's own small understanding: yes/no, ordinals, undo, relative moves, fuzzy
titles and how new times merge with old ones."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from assistant import followups, matching, timing
from assistant.commands import command_of
from assistant.followups import FollowUp
from assistant.testing import day_span, reading, time_span
from nlu.result import TimeSpan

TZ = "Europe/Paris"


@pytest.mark.parametrize(
    "text",
    ["yes", "Yes.", "uh yeah", "yep", "sure", "ok do it", "yes please", "go ahead", "that's right", "Yeah, sure!"],
)
def test_dialogue_followups_yes(text: str) -> None:
    assert followups.is_yes(text) and not followups.is_no(text)


@pytest.mark.parametrize(
    "text", ["no", "No!", "nope", "uh no", "never mind", "no thanks", "no don't", "forget it", "nah"]
)
def test_dialogue_followups_no(text: str) -> None:
    assert followups.is_no(text) and not followups.is_yes(text)


@pytest.mark.parametrize("text", ["cancel the dentist", "yesterday", "yes no maybe so", "what's next", "noon"])
def test_dialogue_followups_neither_yes_nor_no(text: str) -> None:
    assert not followups.is_yes(text) and not followups.is_no(text)


@pytest.mark.parametrize(
    "text, index",
    [
        ("the first one", 0),
        ("first", 0),
        ("uh the second one", 1),
        ("number three", 2),
        ("the last one", 3),
        ("2", 1),
        ("the third", 2),
        ("the one on friday", None),
        ("the fifth one", None),
        ("move it to five pm", None),
    ],
)
def test_dialogue_followups_ordinals(text: str, index: int | None) -> None:
    assert followups.ordinal(text, 4) == index


@pytest.mark.parametrize(
    "text, delta",
    [
        ("push it back an hour", timedelta(hours=1)),
        ("uh push it back by two hours", timedelta(hours=2)),
        ("move it 30 minutes later", timedelta(minutes=30)),
        ("push it back twenty five minutes", timedelta(minutes=25)),
        ("move it forty five minutes later", timedelta(minutes=45)),
        ("push it a couple of days later", timedelta(days=2)),
        ("bring it forward half an hour", timedelta(minutes=-30)),
        ("make it a day earlier", timedelta(days=-1)),
        ("postpone it by a week", timedelta(weeks=1)),
        ("the following day same time", timedelta(days=1)),
        ("same time next week", timedelta(weeks=1)),
        ("move it to the day before", timedelta(days=-1)),
        ("move it to five pm", None),
        ("move it to the day after tomorrow", None),
        ("schedule lunch in two hours", None),
    ],
)
def test_dialogue_followups_relative_moves(text: str, delta: timedelta | None) -> None:
    assert followups.shift(text) == delta


@pytest.mark.parametrize(
    "text",
    [
        "undo",
        "Undo that.",
        "scratch that",
        "take that back",
        "uh undo the last change",
        # a lead-in before the undo: an interjection, a polite request, or both
        "wait undo that",
        "Oops, can you undo that?",
        "no wait, undo",
        "sorry scratch that",
        "hold on take that back",
        "could you undo the last change please",
    ],
)
def test_dialogue_followups_undo(text: str) -> None:
    assert followups.is_undo(text)


@pytest.mark.parametrize(
    "text",
    ["wait", "no", "can you", "don't undo that", "no don't undo it", "can you move the dentist", "go back to friday"],
)
def test_dialogue_followups_no_undo(text: str) -> None:
    assert not followups.is_undo(text)


NOW = datetime(2026, 11, 23, 9, 0)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    "parse, last_event, offered, heard",
    [
        (reading("undo", "out_of_scope"), True, 0, FollowUp("undo")),
        (reading("scratch that", "create"), True, 0, FollowUp("undo")),
        (reading("uh yeah sure", "out_of_scope"), True, 0, FollowUp("yes")),
        (reading("no thanks", "cancel"), True, 0, FollowUp("no")),
        (reading("push it back an hour", "reschedule"), False, 0, FollowUp("relative move", delta=HOUR)),
        # a create naming only "it" names no new event: a move of the event talked about, if any
        (reading("push it back an hour", "create", NAME="it"), True, 0, FollowUp("relative move", delta=HOUR)),
        (reading("push it back an hour", "create", NAME="it"), False, 0, None),
        (reading("push the gym back an hour", "create", NAME="gym"), True, 0, None),
        # an alert is never a move, whatever intent the model gave it
        (
            reading(
                "remind me an hour before the dentist", "reschedule", NAME="dentist", alerts={"an hour before": 60}
            ),
            True,
            0,
            None,
        ),
        (reading("push it back an hour", "update"), True, 0, None),
        # a choice only where one is offered, and only when the NLU reads nothing calendar-like
        (reading("the first one", "out_of_scope"), True, 8, FollowUp("choice", index=0)),
        (reading("number two", "out_of_scope"), True, 8, FollowUp("choice", index=1)),
        (reading("the first one", "out_of_scope"), True, 0, None),
        (reading("the ninth one", "out_of_scope"), True, 8, None),
        (reading("cancel the second meeting", "cancel", NAME="second meeting"), True, 8, None),
        (reading("play some jazz", "out_of_scope"), True, 8, None),
    ],
)
def test_dialogue_followups_follow_up_in_the_dialogue_order(
    parse, last_event: bool, offered: int, heard: FollowUp | None
) -> None:
    command = lambda: command_of(parse, NOW, TZ)  # noqa: E731
    assert followups.follow_up(parse.text, command, last_event=last_event, offered=offered) == heard


def test_dialogue_followups_follow_up_reads_yes_no_undo_without_the_nlu() -> None:
    def never() -> None:
        raise AssertionError("the NLU reading was asked for")

    assert [followups.follow_up(t, never).kind for t in ("undo", "yes", "nope")] == ["undo", "yes", "no"]


@pytest.mark.parametrize(
    "phrase, dated",
    [
        ("6 PM", False),
        ("five thirty pm", False),
        ("noon", False),
        ("friday", True),
        ("tomorrow at 6", True),
        ("july 18", True),
        ("the 18th at 9", True),
        ("in two hours", True),
        ("7/18", True),
        ("quarter to five", False),  # a clock time, no quarter of the year
        ("a quarter past three", False),
        ("Q3", True),
        ("next quarter", True),
    ],
)
def test_dialogue_followups_says_date(phrase: str, dated: bool) -> None:
    assert followups.says_date(phrase) is dated


@pytest.mark.parametrize(
    "heard, stored, match",
    [
        ("brain storming session", "team brainstorming session", True),
        ("AI", "AI", True),
        ("the AI event", "AI", True),
        ("competitons", "competitions", True),
        ("trivandrum visit", "visit to Trivandrum", True),
        ("dentist", "dentist appointment", True),
        ("AI", "Aim", False),
        ("AI", "visit to Trivandrum", False),
        ("team meeting", "team brainstorming session", False),
        ("dentist", "piano lesson", False),
        # a word of its own on each side that is no slip of the other's: different events
        ("john's birthday", "mom's birthday", False),
        ("marketing meeting", "team meeting", False),
        ("lunch with priya", "lunch with Sara", False),
        ("doctor appointment", "dentist appointment", False),
        ("birthday", "mom's birthday", True),
        ("sara lunch", "lunch with Sara", True),
        ("client meeting", "client meetings", True),
    ],
)
def test_dialogue_matching_titles(heard: str, stored: str, match: bool) -> None:
    assert (matching.score(heard, stored) >= matching.MATCH) is match


def _old(start: datetime, minutes: int = 90, all_day: bool = False) -> timing.Times:
    start = start.replace(tzinfo=ZoneInfo(TZ))
    return timing.Times(start, start + timedelta(minutes=minutes), all_day)


def test_dialogue_timing_all_day_event_moved_to_a_time_gets_a_default_length() -> None:
    old = timing.Times(
        *[datetime(2026, 11, 24, tzinfo=ZoneInfo(TZ)), datetime(2026, 11, 25, tzinfo=ZoneInfo(TZ))], True
    )
    new = timing.merge(old, time_span(datetime(2026, 11, 23, 15)), False, timedelta(minutes=45), TZ)
    assert (new.start.isoformat(), new.end.isoformat(), new.all_day) == (
        "2026-11-24T15:00:00+01:00",
        "2026-11-24T15:45:00+01:00",
        False,
    )


def test_dialogue_timing_all_day_moves_to_another_day() -> None:
    old = timing.Times(datetime(2026, 11, 24, tzinfo=ZoneInfo(TZ)), datetime(2026, 11, 26, tzinfo=ZoneInfo(TZ)), True)
    new = timing.merge(old, day_span(datetime(2026, 11, 30).date()), True, timedelta(hours=1), TZ)
    assert (new.start.day, new.end.day, new.all_day) == (30, 2, True)  # two days kept


def test_dialogue_timing_day_shift_keeps_wall_time_across_dst() -> None:
    # Saturday 2027-03-27 10:00 in Paris; clocks go forward that night
    new = timing.shifted(_old(datetime(2027, 3, 27, 10)), timedelta(days=1), TZ)
    assert new.start.isoformat() == "2027-03-28T10:00:00+02:00"
    assert timing.elapsed(new.start, new.end) == timedelta(minutes=90)


@given(
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2030, 12, 31)),
    st.integers(min_value=15, max_value=600),
    st.integers(min_value=-72, max_value=72),
)
def test_dialogue_timing_shift_keeps_length(start: datetime, minutes: int, hours: int) -> None:
    # Whole days move on the wall clock (a day later is the same time, DST or not: the test
    # above); timedelta cannot tell "72 hours" from "3 days", so this property is about hours.
    assume(hours % 24 != 0)
    old = _old(start.replace(second=0, microsecond=0), minutes)
    new = timing.shifted(old, timedelta(hours=hours), TZ)
    assert timing.elapsed(new.start, new.end) == timing.elapsed(old.start, old.end)
    if hours % 24:  # hours are elapsed time
        assert new.start.astimezone(ZoneInfo("UTC")) - old.start.astimezone(ZoneInfo("UTC")) == timedelta(hours=hours)
    else:  # whole days keep the wall clock ("three days earlier" across a DST change)
        assert (new.start.date() - old.start.date(), new.start.time()) == (
            timedelta(days=hours // 24),
            old.start.time(),
        )


def test_dialogue_timing_point_in_the_repeated_hour_is_not_a_range() -> None:
    # Given "at 2 am" on 2026-10-25, the night Paris falls back: the resolver's hour ends one
    # real hour later, at the second 2:00 (fold=1), which is the same wall clock as its start
    start = datetime(2026, 10, 25, 2, tzinfo=ZoneInfo(TZ))
    span = TimeSpan(start=start, end=start.replace(fold=1), grain="hour")
    # When an event is planned from it, Then it is a point: the event gets the default length
    assert not timing.is_range(span)
    new = timing.plan_create(span, timedelta(minutes=30), TZ)
    assert timing.elapsed(new.start, new.end) == timedelta(minutes=30)


@pytest.mark.parametrize(
    "rrule, said",
    [
        ("FREQ=MONTHLY;BYDAY=+1TU;BYHOUR=19", "the first Tuesday of every month"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "the last Friday of every month"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=2MO", "the second Monday of every other month"),
        ("FREQ=MONTHLY;BYMONTHDAY=22", "the 22nd of every month"),
        ("FREQ=MONTHLY;BYMONTHDAY=11", "the 11th of every month"),
        ("FREQ=MONTHLY", "every month"),
        ("FREQ=WEEKLY;BYDAY=MO,WE", "every Monday and Wednesday"),
    ],
)
def test_dialogue_phrasing_a_repeat_reads_aloud(rrule: str, said: str) -> None:
    from assistant.phrasing import repeat_text

    assert repeat_text(rrule) == said
