"""Alerts: "remind me an hour before X" adds one and moves nothing; a create may carry one;
a series rings for each occurrence (exceptions applied); Assistant.due_alerts lists them."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from assistant import Assistant, BadEvent
from assistant.models import Event
from assistant.testing import ScriptedParser, reading, time_span
from nlu.dates import resolve

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday
TZ = "Europe/Paris"


def stored(bot: Assistant, owner: str) -> list[tuple]:
    with bot.sessions.begin() as session:
        return [
            (r.title, r.start_utc, r.end_utc, list(r.alerts))
            for r in session.scalars(select(Event).where(Event.owner == owner).order_by(Event.id))
        ]


@pytest.fixture
def dentist(bot: Assistant, owner: str) -> int:
    return bot.create_event(owner, title="dentist", start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 10)).id


def test_dialogue_alerts_remind_me_before_adds_an_alert_and_moves_nothing(
    bot, scripted: ScriptedParser, owner, dentist
) -> None:
    scripted.add(
        reading(
            "remind me 1 hour before the dentist",
            "update",
            ACTION="remind me",
            NAME="dentist",
            alerts={"1 hour before": 60},
        )
    )
    scripted.add(
        reading(
            "alert me 30 minutes before the dentist",
            "update",
            ACTION="alert me",
            NAME="dentist",
            alerts={"30 minutes before": 30},
        )
    )
    done = bot.handle("s1", "remind me 1 hour before the dentist", now=NOW, user=owner)
    assert (done.operation, done.reply) == (
        "update",
        'I\'ll remind you 1 hour before "dentist" (Wednesday, November 25 at 9:00 AM).',
    )
    assert done.to_dict()["events"][0]["alerts"] == [60]
    assert stored(bot, owner) == [("dentist", datetime(2026, 11, 25, 8), datetime(2026, 11, 25, 9), [60])]
    bot.handle("s1", "alert me 30 minutes before the dentist", now=NOW, user=owner)
    again = bot.handle("s1", "remind me 1 hour before the dentist", now=NOW, user=owner)
    assert (again.operation, again.reply) == ("none", 'You already have a reminder 1 hour before "dentist".')
    assert stored(bot, owner) == [("dentist", datetime(2026, 11, 25, 8), datetime(2026, 11, 25, 9), [30, 60])]
    # And undo takes the last alert back
    bot.handle("s1", "undo", now=NOW, user=owner)
    assert stored(bot, owner)[0][3] == [60]


def test_dialogue_alerts_an_alert_read_as_a_move_still_moves_nothing(bot, scripted, owner, dentist) -> None:
    # Given a model that reads the alert as a reschedule (the bug of issue 10)
    scripted.add(
        reading(
            "remind me 1 hour before the dentist",
            "reschedule",
            ACTION="remind me",
            NAME="dentist",
            alerts={"1 hour before": 60},
        )
    )
    done = bot.handle("s1", "remind me 1 hour before the dentist", now=NOW, user=owner)
    assert done.operation == "update"
    assert stored(bot, owner) == [("dentist", datetime(2026, 11, 25, 8), datetime(2026, 11, 25, 9), [60])]


# "remind me" alone rings when the reminder starts; said with its own lead, only that rings
# and the event keeps its own length (the ACTION the model may or may not tag)
@pytest.mark.parametrize("action", [{}, {"ACTION": "remind me"}])
def test_dialogue_alerts_a_create_may_carry_one(bot, scripted, owner, action) -> None:
    text = "dentist friday at 3, remind me a day before"
    scripted.add(
        reading(
            text,
            "create",
            NAME="dentist",
            **action,
            dates={"friday at 3": time_span(datetime(2026, 11, 27, 15))},
            alerts={"a day before": 1440},
        )
    )
    done = bot.handle("s1", text, now=NOW, user=owner)
    assert done.reply == 'Scheduled "dentist" for Friday, November 27 at 3:00 PM. I\'ll remind you 1 day before.'
    assert stored(bot, owner) == [("dentist", datetime(2026, 11, 27, 14), datetime(2026, 11, 27, 15), [1440])]


def test_dialogue_alerts_a_series_rings_for_each_occurrence(bot, scripted, owner) -> None:
    # Given a weekly standup with one occurrence cancelled and one moved
    scripted.add(
        reading(
            "add standup every monday at 9",
            "create",
            NAME="standup",
            dates={"every monday at 9": resolve("every monday at 9", NOW, TZ)},
        )
    )
    scripted.add(
        reading(
            "notify me 30 minutes before every standup",
            "update",
            ACTION="notify me",
            NAME="standup",
            alerts={"30 minutes before": 30},
        )
    )
    bot.handle("s1", "add standup every monday at 9", now=NOW, user=owner)
    series = bot.events(owner)[0].id
    bot.cancel_occurrence(owner, series, datetime(2026, 11, 30, 9))
    bot.change_occurrence(owner, series, datetime(2026, 12, 7, 9), start=datetime(2026, 12, 7, 11))
    # When the alert is added to every standup
    done = bot.handle("s1", "notify me 30 minutes before every standup", now=NOW, user=owner)
    assert done.reply == 'I\'ll remind you 30 minutes before "standup" (every Monday at 9:00 AM).'
    # Then each occurrence rings once, before its own time; the cancelled one rings nothing
    due = bot.due_alerts(owner, datetime(2026, 11, 24), datetime(2026, 12, 15))
    assert [(a["event_start"], a["alert_at"], a["minutes_before"], a["original_start"]) for a in due] == [
        ("2026-12-07T11:00:00", "2026-12-07T10:30:00", 30, "2026-12-07T09:00:00"),
        ("2026-12-14T09:00:00", "2026-12-14T08:30:00", 30, "2026-12-14T09:00:00"),
    ]
    assert {a["title"] for a in due} == {"standup"} and due[1]["event_id"] == series


def test_dialogue_alerts_due_alerts_window_and_zone(bot, owner) -> None:
    made = bot.create_event(
        owner, title="flight", start=datetime(2026, 11, 25, 8), end=datetime(2026, 11, 25, 10), alerts=[60, 1440, 60]
    )
    assert made.alerts == (60, 1440)
    due = bot.due_alerts(owner, datetime(2026, 11, 24, 7), datetime(2026, 11, 25, 7, 30), tz="UTC")
    # 08:00 Paris is 07:00 UTC: a day before is 07:00 UTC on the 24th, an hour before 06:00 UTC
    assert due == [
        {
            "event_id": made.id,
            "title": "flight",
            "event_start": "2026-11-25T07:00:00",
            "alert_at": "2026-11-24T07:00:00",
            "minutes_before": 1440,
            "original_start": None,
            "tz": "UTC",
        },
        {
            "event_id": made.id,
            "title": "flight",
            "event_start": "2026-11-25T07:00:00",
            "alert_at": "2026-11-25T06:00:00",
            "minutes_before": 60,
            "original_start": None,
            "tz": "UTC",
        },
    ]
    assert bot.due_alerts(owner, datetime(2026, 11, 25, 7, 30), datetime(2026, 11, 26), tz="UTC") == []


@pytest.mark.parametrize("alerts", [[-5], ["ten"], [50_000], [True], list(range(30))])
def test_dialogue_alerts_bad_alerts_are_refused(bot, owner, alerts) -> None:
    with pytest.raises(BadEvent):
        bot.create_event(
            owner, title="x", start=datetime(2026, 11, 25, 8), end=datetime(2026, 11, 25, 9), alerts=alerts
        )
    assert bot.events(owner) == []


def test_dialogue_alerts_e2e_remind_me_before(shipped_parser, db_url: str, owner: str) -> None:
    bot = Assistant(db_url, parser=shipped_parser)
    bot.create_event(owner, title="dentist", start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 10))
    done = bot.handle("e2e", "remind me an hour before the dentist", now=NOW, tz=TZ, user=owner)
    assert done.operation == "update"
    assert stored(bot, owner) == [("dentist", datetime(2026, 11, 25, 8), datetime(2026, 11, 25, 9), [60])]


def test_dialogue_alerts_a_reminder_about_an_event_there_is_its_alert_not_a_second_event(
    bot, scripted, owner, dentist
) -> None:
    # "remind me about the dentist tomorrow at 6pm": rung then, 15 hours before Wednesday's
    # dentist; "remind me to call the dentist ..." is an errand of its own
    about = "remind me about the dentist tomorrow at 6pm"
    errand = "remind me to call the dentist tomorrow at 6pm"
    at_six = {"tomorrow at 6pm": time_span(datetime(2026, 11, 24, 18))}
    scripted.add(reading(about, "create", ACTION="remind me", NAME="dentist", dates=at_six))
    scripted.add(reading(errand, "create", ACTION="remind me", NAME="call the dentist", dates=at_six))
    done = bot.handle("s1", about, now=NOW, user=owner)
    assert (done.operation, done.reply) == (
        "update",
        'I\'ll remind you 15 hours before "dentist" (Wednesday, November 25 at 9:00 AM): on Tuesday, November 24 at 6:00 PM.',
    )
    assert stored(bot, owner) == [("dentist", datetime(2026, 11, 25, 8), datetime(2026, 11, 25, 9), [900])]
    made = bot.handle("s1", errand, now=NOW, user=owner)
    assert made.operation == "create"
    assert stored(bot, owner)[1] == (
        "call the dentist",
        datetime(2026, 11, 24, 17),
        datetime(2026, 11, 24, 17, 15),
        [0],
    )


def test_dialogue_alerts_a_reminder_said_after_the_event_is_a_reminder_of_its_own(
    bot, scripted, owner, dentist
) -> None:
    text = "remind me about the dentist on friday at 6pm"  # the dentist is on wednesday
    scripted.add(
        reading(
            text,
            "create",
            ACTION="remind me",
            NAME="dentist",
            dates={"friday at 6pm": time_span(datetime(2026, 11, 27, 18))},
        )
    )
    assert bot.handle("s1", text, now=NOW, user=owner).operation == "create"
    assert stored(bot, owner) == [
        ("dentist", datetime(2026, 11, 25, 8), datetime(2026, 11, 25, 9), []),
        ("dentist", datetime(2026, 11, 27, 17), datetime(2026, 11, 27, 17, 15), [0]),
    ]


def test_dialogue_alerts_e2e_remind_me_about_an_event_tomorrow_evening(shipped_parser, db_url: str, owner: str) -> None:
    bot = Assistant(db_url, parser=shipped_parser)
    bot.create_event(owner, title="dentist", start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 10), tz=TZ)
    done = bot.handle("e2e", "remind me about the dentist tomorrow evening", now=NOW, tz=TZ, user=owner)
    assert done.operation == "update"
    assert stored(bot, owner) == [("dentist", datetime(2026, 11, 25, 8), datetime(2026, 11, 25, 9), [900])]


@pytest.fixture
def alerted(bot: Assistant, owner: str) -> None:
    bot.create_event(
        owner, title="dentist", start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 10), alerts=[60]
    )
    bot.create_event(
        owner, title="gym", start=datetime(2026, 11, 26, 18), end=datetime(2026, 11, 26, 19), alerts=[30, 120]
    )
    bot.create_event(owner, title="standup", start=datetime(2026, 11, 24, 9), end=datetime(2026, 11, 24, 10))
    bot.create_event(
        owner, title="flight", start=datetime(2026, 12, 10, 7), end=datetime(2026, 12, 10, 9), alerts=[1440]
    )


def test_dialogue_alerts_a_question_about_alerts_lists_the_weeks_alerts(bot, scripted, owner, alerted) -> None:
    scripted.add(reading("what are my current alerts", "query"))
    said = bot.handle("s1", "what are my current alerts", now=NOW, user=owner)
    assert said.operation == "query"
    assert said.reply == (
        'In the next 7 days you have 3 alerts: "dentist" on Wednesday, November 25 at 9:00 AM (1 hour before) '
        'and "gym" on Thursday, November 26 at 6:00 PM (2 hours before and 30 minutes before).'
    )


def test_dialogue_alerts_a_question_about_alerts_on_a_day_or_an_event(bot, scripted, owner, alerted) -> None:
    scripted.add(reading("any alerts tomorrow", "query", dates={"tomorrow": resolve("tomorrow", now=NOW, tz=TZ)}))
    scripted.add(reading("what alerts are set for the standup", "query", NAME="standup"))
    day = bot.handle("s1", "any alerts tomorrow", now=NOW, user=owner)
    assert day.reply == "You have no alerts set on Tuesday, November 24."
    named = bot.handle("s1", "what alerts are set for the standup", now=NOW, user=owner)
    assert named.reply == 'You have no alerts set for "standup" in the next 7 days.'


def test_dialogue_alerts_e2e_what_are_my_alerts(shipped_parser, db_url: str, owner: str) -> None:
    bot = Assistant(db_url, parser=shipped_parser)
    bot.create_event(
        owner, title="dentist", start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 10), alerts=[60]
    )
    said = bot.handle("e2e", "what are my current alerts", now=NOW, tz=TZ, user=owner)
    assert said.operation == "query"
    assert (
        said.reply
        == 'In the next 7 days you have 1 alert: "dentist" on Wednesday, November 25 at 9:00 AM (1 hour before).'
    )
