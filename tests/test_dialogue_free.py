"""Free time: "when am I free on Friday (afternoon)", "do I have time for a 2 hour meeting
tomorrow" -> the free windows inside waking hours (a setting), read aloud; Assistant.free."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from assistant import Assistant, BadEvent, Settings
from assistant.testing import ScriptedParser, day_span, reading
from assistant.views import FreeTime
from nlu.dates import resolve

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday
TZ = "Europe/Paris"


@pytest.fixture
def week(bot: Assistant, owner: str) -> Assistant:
    # Given a Friday with two meetings and a holiday (all day: not busy), a busy Tuesday,
    # and a weekly standup on Mondays whose December 7 occurrence is cancelled
    for title, start, end in (
        ("a", datetime(2026, 11, 27, 10), datetime(2026, 11, 27, 11)),
        ("b", datetime(2026, 11, 27, 14), datetime(2026, 11, 27, 15, 30)),
        ("c", datetime(2026, 11, 24, 9), datetime(2026, 11, 24, 12)),
        ("d", datetime(2026, 11, 24, 13), datetime(2026, 11, 24, 20, 30)),
    ):
        bot.create_event(owner, title=title, start=start, end=end)
    bot.create_event(owner, title="holiday", start=datetime(2026, 11, 27), end=datetime(2026, 11, 28), all_day=True)
    standup = bot.create_event(
        owner,
        title="standup",
        start=datetime(2026, 11, 30, 9),
        end=datetime(2026, 11, 30, 10),
        recurrence="FREQ=WEEKLY;BYDAY=MO",
    )
    bot.cancel_occurrence(owner, standup.id, datetime(2026, 12, 7, 9))
    return bot


@pytest.mark.parametrize(
    "text, span, reply",
    [
        (
            "when am i free on friday",
            day_span(date(2026, 11, 27)),
            (
                "On Friday, November 27 you are free from 8:00 AM to 10:00 AM, from 11:00 AM to 2:00 PM and from 3:30 PM "
                "to 10:00 PM."
            ),
        ),
        (
            "when am i free on friday afternoon",
            resolve("friday afternoon", NOW, TZ),
            (
                "On Friday, November 27 between 12:00 PM and 6:00 PM you are free from 12:00 PM to 2:00 PM and from 3:30 PM "
                "to 6:00 PM."
            ),
        ),
        (
            "am i free on wednesday",
            day_span(date(2026, 11, 25)),
            "On Wednesday, November 25 you are free all day, from 8:00 AM to 10:00 PM.",
        ),
    ],
)
def test_dialogue_free_windows_read_aloud(week, scripted: ScriptedParser, owner, text, span, reply) -> None:
    scripted.add(reading(text, "availability", dates={text.split(" on ")[1]: span}))
    answer = week.handle("s1", text, now=NOW, user=owner)
    assert (answer.operation, answer.reply) == ("availability", reply)


def test_dialogue_free_time_for_a_length(week, scripted, owner) -> None:
    tomorrow = replace(day_span(date(2026, 11, 24)), duration=timedelta(hours=2))
    scripted.add(
        reading(
            "do i have time for a 2 hour meeting tomorrow",
            "availability",
            dates={"2 hour": resolve("2 hour", NOW, TZ), "tomorrow": tomorrow},
            when=tomorrow,
        )
    )
    friday = replace(day_span(date(2026, 11, 27)), duration=timedelta(hours=2))
    scripted.add(
        reading(
            "can i fit a 2 hour meeting on friday",
            "availability",
            dates={"2 hour": resolve("2 hour", NOW, TZ), "friday": friday},
            when=friday,
        )
    )
    no = week.handle("s1", "do i have time for a 2 hour meeting tomorrow", now=NOW, user=owner)
    assert no.reply == "No, on Tuesday, November 24 you have no free stretch of 2 hours between 8:00 AM and 10:00 PM."
    # a part of the day asked about: the day, then the hours searched, said once
    morning = replace(resolve("tuesday morning", NOW, TZ), duration=timedelta(hours=3))
    scripted.add(reading("any 3 hours free tuesday morning", "availability", dates={"tuesday morning": morning}))
    part = week.handle("s1", "any 3 hours free tuesday morning", now=NOW, user=owner)
    assert part.reply == "No, on Tuesday, November 24 you have no free stretch of 3 hours between 8:00 AM and 12:00 PM."
    yes = week.handle("s1", "can i fit a 2 hour meeting on friday", now=NOW, user=owner)
    assert yes.reply == (
        "Yes, on Friday, November 27 you have room for 2 hours from 8:00 AM to 10:00 AM, "
        "from 11:00 AM to 2:00 PM and from 3:30 PM to 10:00 PM."
    )
    assert [e.title for e in yes.events] == ["a", "b"]  # the events that make the gaps


def test_dialogue_free_reply_carries_the_window_and_its_free_stretches(week, scripted, owner) -> None:
    # The demo shows what an availability answer looked at; the chat JSON stays as it was
    scripted.add(reading("when am i free on friday", "availability", dates={"friday": day_span(date(2026, 11, 27))}))
    tomorrow = replace(day_span(date(2026, 11, 24)), duration=timedelta(hours=2))
    scripted.add(
        reading(
            "do i have time for a 2 hour meeting tomorrow",
            "availability",
            dates={"2 hour": resolve("2 hour", NOW, TZ), "tomorrow": tomorrow},
            when=tomorrow,
        )
    )
    scripted.add(reading("am i free", "availability"))
    friday = week.handle("s1", "when am i free on friday", now=NOW, user=owner)
    assert friday.free == FreeTime(
        "2026-11-27T00:00:00",
        "2026-11-28T00:00:00",
        TZ,
        (
            ("2026-11-27T08:00:00", "2026-11-27T10:00:00"),
            ("2026-11-27T11:00:00", "2026-11-27T14:00:00"),
            ("2026-11-27T15:30:00", "2026-11-27T22:00:00"),
        ),
        0,
    )
    assert "free" not in friday.to_dict()
    none = week.handle("s1", "do i have time for a 2 hour meeting tomorrow", now=NOW, user=owner)
    assert none.free == FreeTime("2026-11-24T00:00:00", "2026-11-25T00:00:00", TZ, (), 120)
    today = week.handle("s1", "am i free", now=NOW, user=owner)  # no day said: the rest of today
    assert today.free == FreeTime(
        "2026-11-23T09:00:00", "2026-11-24T00:00:00", TZ, (("2026-11-23T09:00:00", "2026-11-23T22:00:00"),), 0
    )


def test_dialogue_free_occurrences_are_busy_with_their_exceptions(week, owner) -> None:
    assert week.free(owner, datetime(2026, 11, 30), datetime(2026, 12, 1)) == [
        {"start": "2026-11-30T08:00:00", "end": "2026-11-30T09:00:00"},
        {"start": "2026-11-30T10:00:00", "end": "2026-11-30T22:00:00"},
    ]
    assert week.free(owner, datetime(2026, 12, 7), datetime(2026, 12, 8)) == [
        {"start": "2026-12-07T08:00:00", "end": "2026-12-07T22:00:00"}
    ]


def test_dialogue_free_min_minutes_zone_and_waking_setting(db_url, owner) -> None:
    bot = Assistant(db_url, settings=Settings(waking=(time(7), time(23))))
    bot.create_event(owner, title="x", start=datetime(2026, 11, 25, 8), end=datetime(2026, 11, 25, 21, 30))
    assert bot.free(owner, datetime(2026, 11, 25), datetime(2026, 11, 26), min_minutes=60) == [
        {"start": "2026-11-25T07:00:00", "end": "2026-11-25T08:00:00"},
        {"start": "2026-11-25T21:30:00", "end": "2026-11-25T23:00:00"},
    ]
    assert bot.free(owner, datetime(2026, 11, 25), datetime(2026, 11, 26), min_minutes=61) == [
        {"start": "2026-11-25T21:30:00", "end": "2026-11-25T23:00:00"}
    ]
    # the same day seen from New York: the Paris event is 2:00 AM to 3:30 PM there
    assert bot.free(owner, datetime(2026, 11, 25), datetime(2026, 11, 26), tz="America/New_York") == [
        {"start": "2026-11-25T15:30:00", "end": "2026-11-25T23:00:00"}
    ]


def test_dialogue_free_a_day_that_changes_clocks_has_real_lengths(bot, owner) -> None:
    # 2026-03-29: Paris springs forward at 2:00; waking hours 8:00-22:00 are 14 real hours
    windows = bot.free(owner, datetime(2026, 3, 29), datetime(2026, 3, 30))
    assert windows == [{"start": "2026-03-29T08:00:00", "end": "2026-03-29T22:00:00"}]


@pytest.mark.parametrize(
    "start, end, minutes",
    [
        (datetime(2026, 11, 25), datetime(2026, 11, 24), 0),
        (datetime(2026, 1, 1), datetime(2027, 6, 1), 0),
        (datetime(2026, 11, 25), datetime(2026, 11, 26), -5),
    ],
)
def test_dialogue_free_bad_windows_are_refused(bot, owner, start, end, minutes) -> None:
    with pytest.raises(BadEvent):
        bot.free(owner, start, end, minutes)


def test_dialogue_free_e2e_when_am_i_free(shipped_parser, db_url: str, owner: str) -> None:
    bot = Assistant(db_url, parser=shipped_parser)
    bot.create_event(owner, title="a", start=datetime(2026, 11, 27, 10), end=datetime(2026, 11, 27, 11))
    answer = bot.handle("e2e", "when am i free on friday", now=NOW, tz=TZ, user=owner)
    assert (answer.operation, answer.reply) == (
        "availability",
        "On Friday, November 27 you are free from 8:00 AM to 10:00 AM and from 11:00 AM to 10:00 PM.",
    )
