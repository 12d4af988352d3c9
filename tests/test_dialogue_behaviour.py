"""Dialogue behaviour (issue 10, part 6): a new full command drops the open question; an
exact duplicate asks first; an unsure intent asks "Did you mean to ...?" before any write;
reply days and calendar days agree in every zone; a reminder without a time gets the
default reminder time; requests naming the event and its time are created at once."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from assistant import Assistant, Settings
from assistant.models import Event
from assistant.testing import ScriptedParser, day_span, reading, time_span
from nlu.dates import resolve

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday
TZ = "Europe/Paris"
FRIDAY_3PM = time_span(datetime(2026, 11, 27, 15))


def stored(bot: Assistant, owner: str) -> list[tuple]:
    with bot.sessions.begin() as session:
        return [
            (r.title, r.start_utc, r.end_utc, r.all_day, list(r.alerts), r.cancelled_at is not None)
            for r in session.scalars(select(Event).where(Event.owner == owner).order_by(Event.id))
        ]


def say(bot: Assistant, owner: str, text: str, **kw):
    return bot.handle("s1", text, now=kw.pop("now", NOW), user=owner, **kw)


# -- a new full command drops the open question ---------------------------------------------
def test_dialogue_behaviour_a_query_is_no_name(bot, scripted: ScriptedParser, owner) -> None:
    # As the shipped model reads them: no title in the first, a query in the second
    scripted.add(
        reading(
            "schedule something tomorrow",
            "create",
            ACTION="schedule",
            dates={"something tomorrow": day_span(date(2026, 11, 24))},
        )
    )
    scripted.add(reading("what do i have tomorrow", "query", dates={"tomorrow": day_span(date(2026, 11, 24))}))
    assert say(bot, owner, "schedule something tomorrow").reply == "What should I call the event?"
    answer = say(bot, owner, "what do i have tomorrow")
    assert (answer.operation, answer.reply) == ("query", "You have nothing on Tuesday, November 24.")
    assert stored(bot, owner) == []
    assert say(bot, owner, "dentist").operation == "none"  # the question is gone


def test_dialogue_behaviour_a_new_create_is_no_date(bot, scripted, owner) -> None:
    scripted.add(
        reading("silence for two hours", "create", NAME="silence", dates={"two hours": resolve("two hours", NOW, TZ)})
    )
    scripted.add(reading("can you make dinner for me", "create", ACTION="make", NAME="dinner"))
    assert say(bot, owner, "silence for two hours").reply == 'When should I schedule "silence"?'
    answer = say(bot, owner, "can you make dinner for me")
    assert (answer.operation, answer.reply) == ("clarify", 'When should I schedule "dinner"?')
    assert stored(bot, owner) == []


def test_dialogue_behaviour_a_name_answer_is_still_a_name(bot, scripted, owner) -> None:
    scripted.add(
        reading(
            "schedule something tomorrow",
            "create",
            ACTION="schedule",
            dates={"something tomorrow": day_span(date(2026, 11, 24))},
        )
    )
    scripted.add(reading("book the dentist", "create", ACTION="book", NAME="dentist"))
    say(bot, owner, "schedule something tomorrow")
    done = say(bot, owner, "book the dentist")
    assert (done.operation, done.events[0].title, done.events[0].start) == ("create", "dentist", "2026-11-24T00:00:00")


@pytest.mark.xfail(strict=True, reason="the shipped model misreads this command family (NLU round 2)")
def test_dialogue_behaviour_e2e_new_commands_drop_the_question(shipped_parser, db_url: str, owner: str) -> None:
    bot = Assistant(db_url, parser=shipped_parser)
    assert say(bot, owner, "schedule something tomorrow", tz=TZ).operation == "clarify"
    assert say(bot, owner, "what do i have tomorrow", tz=TZ).operation == "query"
    # "silence for two hours" is a phone setting: declined, or at most a question, never a write
    assert say(bot, owner, "silence for two hours", tz=TZ).operation in ("none", "clarify")
    assert say(bot, owner, "can you make dinner for me", tz=TZ).reply == 'When should I schedule "dinner"?'
    assert stored(bot, owner) == []


# -- exact duplicates ---------------------------------------------------------------------------
def test_dialogue_behaviour_an_exact_duplicate_asks_first(bot, scripted, owner) -> None:
    scripted.add(reading("dentist friday at 3", "create", NAME="dentist", dates={"friday at 3": FRIDAY_3PM}))
    scripted.add(reading("Dentist friday at 3", "create", NAME="Dentist", dates={"friday at 3": FRIDAY_3PM}))
    assert say(bot, owner, "dentist friday at 3").operation == "create"
    asked = say(bot, owner, "Dentist friday at 3")
    assert (asked.operation, asked.reply) == (
        "confirm",
        'You already have "dentist" on Friday, November 27 at 3:00 PM. Schedule another one?',
    )
    assert say(bot, owner, "no").operation == "none" and len(stored(bot, owner)) == 1
    say(bot, owner, "dentist friday at 3")
    assert say(bot, owner, "yes").operation == "create"
    assert [r[:2] for r in stored(bot, owner)] == [("dentist", datetime(2026, 11, 27, 14))] * 2


# -- an unsure intent asks before any write -----------------------------------------------------
def test_dialogue_behaviour_unsure_create_asks(bot, scripted, owner) -> None:
    scripted.add(
        reading(
            "dentist on friday",
            "create",
            confidence=0.3,
            NAME="dentist",
            dates={"friday": day_span(date(2026, 11, 27))},
        )
    )
    asked = say(bot, owner, "dentist on friday")
    assert (asked.operation, asked.reply, asked.choices) == (
        "confirm",
        'Did you mean to schedule "dentist" for Friday, November 27?',
        ["yes", "no"],
    )
    assert stored(bot, owner) == []
    assert say(bot, owner, "no").reply == "OK, I won't schedule it." and stored(bot, owner) == []
    say(bot, owner, "dentist on friday")
    assert say(bot, owner, "yes").operation == "create"
    assert stored(bot, owner) == [("dentist", datetime(2026, 11, 26, 23), datetime(2026, 11, 27, 23), True, [], False)]


def test_dialogue_behaviour_unsure_create_of_several_days_names_them_all(bot, scripted, owner) -> None:
    text = "vacation from the 12th of july to the 19th"
    week = day_span(date(2027, 7, 12), days=8)
    scripted.add(
        reading(text, "create", confidence=0.5, NAME="vacation", dates={"from the 12th of july to the 19th": week})
    )
    asked = say(bot, owner, text)
    assert (asked.operation, asked.reply) == (
        "confirm",
        'Did you mean to schedule "vacation" for Monday, July 12, 2027 to Monday, July 19, 2027?',
    )
    assert say(bot, owner, "yes").operation == "create"
    assert stored(bot, owner) == [
        ("vacation", datetime(2027, 7, 11, 22), datetime(2027, 7, 19, 22), True, [], False),
    ]


def test_dialogue_behaviour_unsure_create_names_the_time_and_repetition_it_would_write(bot, scripted, owner) -> None:
    # Given an unsure create of a daily standup at ten, and one of a reminder at one pm
    daily = resolve("daily at ten am", NOW, TZ)
    scripted.add(
        reading(
            "please put to my calendar daily standup to ten am",
            "create",
            when=daily,
            confidence=0.5,
            ACTION="put",
            NAME="standup",
            dates={"daily": resolve("daily", NOW, TZ), "ten am": resolve("ten am", NOW, TZ)},
        )
    )
    scripted.add(
        reading(
            "send me a reminder to pick up my dog at one pm",
            "create",
            confidence=0.6,
            NAME="pick up my dog",
            dates={"one pm": time_span(datetime(2026, 11, 23, 13))},
        )
    )
    # When each is said, Then the question names the time (and the repetition) a yes writes
    asked = say(bot, owner, "please put to my calendar daily standup to ten am")
    assert (asked.operation, asked.reply) == (
        "confirm",
        'Did you mean to schedule "standup" for Monday, November 23 at 10:00 AM, every day?',
    )
    assert stored(bot, owner) == []
    # And the yes writes exactly that: 10:00 Paris (9:00 UTC), every day
    done = say(bot, owner, "yes")
    assert (done.operation, done.reply) == (
        "create",
        'Scheduled "standup" for Monday, November 23 at 10:00 AM, every day.',
    )
    asked = say(bot, owner, "send me a reminder to pick up my dog at one pm")
    assert asked.reply == 'Did you mean to schedule "pick up my dog" for Monday, November 23 at 1:00 PM?'
    assert say(bot, owner, "yes").operation == "create"
    assert stored(bot, owner) == [
        ("standup", datetime(2026, 11, 23, 9), datetime(2026, 11, 23, 9, 15), False, [], False),
        ("pick up my dog", datetime(2026, 11, 23, 12), datetime(2026, 11, 23, 13), False, [], False),
    ]
    with bot.sessions.begin() as session:
        rules = session.scalars(select(Event.recurrence).where(Event.owner == owner).order_by(Event.id)).all()
    assert rules == ["FREQ=DAILY;BYHOUR=10;BYMINUTE=0;BYSECOND=0", None]


def test_dialogue_behaviour_unsure_move_and_edit_ask(bot, scripted, owner) -> None:
    bot.create_event(owner, title="dentist", start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 10))
    scripted.add(
        reading(
            "dentist to friday",
            "reschedule",
            confidence=0.4,
            NAME="dentist",
            dates={"friday": day_span(date(2026, 11, 27))},
        )
    )
    scripted.add(
        reading("jim to the dentist", "update", confidence=0.4, NAME="dentist", PERSON="jim", roles={"jim": "new"})
    )
    asked = say(bot, owner, "dentist to friday")
    assert asked.reply == (
        'Did you mean to move "dentist" on Wednesday, November 25 at 9:00 AM to Friday, November 27 at 9:00 AM?'
    )
    assert stored(bot, owner)[0][1] == datetime(2026, 11, 25, 8)
    assert say(bot, owner, "yes").reply == (
        'Moved "dentist" on Wednesday, November 25 at 9:00 AM to Friday, November 27 at 9:00 AM.'
    )
    asked = say(bot, owner, "jim to the dentist")
    assert asked.reply == 'Did you mean to add jim to "dentist" on Friday, November 27 at 9:00 AM?'
    assert say(bot, owner, "no").operation == "none"
    with bot.sessions.begin() as session:
        assert session.scalars(select(Event.attendees).where(Event.owner == owner)).one() == []


def test_dialogue_behaviour_an_unsure_answer_to_our_question_asks_nothing_more(bot, scripted, owner) -> None:
    # Given two dentists and a move that asks which one
    for day in (25, 26):
        bot.create_event(owner, title="dentist", start=datetime(2026, 11, day, 9), end=datetime(2026, 11, day, 10))
    scripted.add(
        reading(
            "move the dentist to friday", "reschedule", NAME="dentist", dates={"friday": day_span(date(2026, 11, 27))}
        )
    )
    scripted.add(reading("the second one", "out_of_scope", confidence=0.2))
    assert say(bot, owner, "move the dentist to friday").operation == "clarify"
    # When the answer is one the NLU is unsure of, Then it is still the answer: the move is made
    moved = say(bot, owner, "the second one")
    assert (moved.operation, moved.events[0].start) == ("reschedule", "2026-11-27T09:00:00")


# -- days agree in every zone -------------------------------------------------------------------
@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/New_York", "Pacific/Pago_Pago", "Asia/Kolkata"])
def test_dialogue_behaviour_reply_days_and_calendar_days_agree_in_every_zone(bot, scripted, owner, zone) -> None:
    # Given an all-day holiday on Tuesday, November 24 made in Paris, and a call at 11:30 PM Paris on Monday
    bot.create_event(owner, title="holiday", start=datetime(2026, 11, 24), end=datetime(2026, 11, 25), all_day=True)
    bot.create_event(owner, title="call", start=datetime(2026, 11, 23, 23, 30), end=datetime(2026, 11, 23, 23, 45))
    # When the user, in another zone, asks about each of their own days
    now = datetime(2026, 11, 23, 12, tzinfo=ZoneInfo(zone))
    for day in (date(2026, 11, 23), date(2026, 11, 24)):
        text = f"what do i have on {day:%B %d}"
        scripted.add(reading(text, "query", dates={f"{day:%B %d}": day_span(day, tz=zone)}))
        reply = bot.handle("s1", text, now=now, tz=zone, user=owner)
        shown = bot.events(
            owner, start=datetime.combine(day, time()), end=datetime.combine(day, time(23, 59)), tz=zone, expand=True
        )
        # Then the reply names the day asked and lists exactly what the calendar shows that day
        assert f"{day:%A, %B} {day.day}" in reply.reply
        assert [e.title for e in reply.events] == [e.title for e in shown]
        assert all(e.start[:10] == day.isoformat() or e.end[:10] >= day.isoformat() for e in shown)
    # And the holiday is on November 24 in every zone
    listed = bot.events(owner, start=datetime(2026, 11, 24), end=datetime(2026, 11, 25), tz=zone)
    assert "holiday" in [e.title for e in listed]
    assert "holiday" not in [
        e.title for e in bot.events(owner, start=datetime(2026, 11, 23), end=datetime(2026, 11, 24), tz=zone)
    ]


# -- reminders without a time -------------------------------------------------------------------
@pytest.mark.parametrize(
    "clock, start_utc, said",
    [(time(9), datetime(2026, 11, 24, 8), "9:00 AM"), (time(7, 30), datetime(2026, 11, 24, 6, 30), "7:30 AM")],
)
def test_dialogue_behaviour_reminder_without_a_time_gets_the_default_time(
    db_url, scripted, owner, clock, start_utc, said
) -> None:
    bot = Assistant(db_url, parser=scripted, settings=Settings(reminder_time=clock))
    scripted.add(
        reading(
            "remind me to call mom tomorrow",
            "create",
            ACTION="remind me",
            NAME="call mom",
            dates={"tomorrow": day_span(date(2026, 11, 24))},
        )
    )
    done = say(bot, owner, "remind me to call mom tomorrow")
    assert done.reply == (
        f'Scheduled "call mom" for Tuesday, November 24 at {said}, your default reminder time. '
        "I'll remind you when it starts."
    )
    assert stored(bot, owner) == [
        ("call mom", start_utc, start_utc.replace(minute=start_utc.minute + 15), False, [0], False)
    ]


def test_dialogue_behaviour_reminder_with_a_time_keeps_it(bot, scripted, owner) -> None:
    scripted.add(
        reading(
            "remind me to call mom at 6 pm",
            "create",
            ACTION="remind me",
            NAME="call mom",
            dates={"at 6 pm": time_span(datetime(2026, 11, 23, 18))},
        )
    )
    done = say(bot, owner, "remind me to call mom at 6 pm")
    assert done.reply == 'Scheduled "call mom" for Monday, November 23 at 6:00 PM. I\'ll remind you when it starts.'
    assert stored(bot, owner)[0][1:3] == (datetime(2026, 11, 23, 17), datetime(2026, 11, 23, 17, 15))


# -- created at once ----------------------------------------------------------------------------
def test_dialogue_behaviour_event_and_time_named_is_created_at_once(bot, scripted, owner) -> None:
    scripted.add(
        reading(
            "add shopping to my calendar for tomorrow",
            "create",
            ACTION="add",
            NAME="shopping",
            DOMAIN="calendar",
            dates={"tomorrow": day_span(date(2026, 11, 24))},
        )
    )
    done = say(bot, owner, "add shopping to my calendar for tomorrow")
    assert (done.operation, done.reply) == ("create", 'Scheduled "shopping" for Tuesday, November 24 (all day).')


def test_dialogue_behaviour_e2e_created_at_once(shipped_parser, db_url: str, owner: str) -> None:
    bot = Assistant(db_url, parser=shipped_parser)
    assert say(bot, owner, "add shopping to my calendar for tomorrow", tz=TZ).operation == "create"
    assert say(bot, owner, "meet with joe tomorrow at three", tz=TZ).operation == "create"
    assert [r[0] for r in stored(bot, owner)] == ["shopping", "meeting with joe"]


def test_dialogue_behaviour_chat_titles_pass_the_same_checks_as_every_door(bot, scripted, owner) -> None:
    title = "x" * 600  # a turn may hold 1000 characters; a title at most 500 (assistant/checks.py)
    scripted.add(
        reading(f"schedule {title} tomorrow", "create", NAME=title, dates={"tomorrow": day_span(date(2026, 11, 24))})
    )
    reply = say(bot, owner, f"schedule {title} tomorrow")
    assert (reply.operation, reply.reply) == ("none", "I can't schedule that: title must be at most 500 characters.")
    assert stored(bot, owner) == []


# -- through the shipped model: what is asked, created or not offered -----------------------------
def _rows(bot: Assistant, owner: str) -> list[tuple]:
    with bot.sessions.begin() as session:
        return [
            (r.title, r.start_utc, r.all_day, r.recurrence, r.cancelled_at is not None)
            for r in session.scalars(select(Event).where(Event.owner == owner).order_by(Event.id))
        ]


def test_dialogue_behaviour_e2e_what_a_turn_names(shipped_parser, db_url: str, owner: str) -> None:
    # Given a weekly standup on Tuesdays at 9 and mom's birthday, through the shipped model
    bot = Assistant(db_url, parser=shipped_parser)
    bot.create_event(
        owner,
        title="standup",
        start=datetime(2026, 11, 24, 9),
        end=datetime(2026, 11, 24, 9, 15),
        tz=TZ,
        recurrence="FREQ=WEEKLY;BYDAY=TU",
    )
    bot.create_event(
        owner, title="mom's birthday", start=datetime(2026, 11, 29), end=datetime(2026, 11, 30), all_day=True, tz=TZ
    )
    given = _rows(bot, owner)
    # A cancel naming a person the Tuesday standup does not have offers nothing (April 20, 2027 is a Tuesday)
    said = say(bot, owner, "cancel the event with my brother on april twenty", tz=TZ)
    assert (said.operation, said.reply) == (
        "none",
        "I couldn't find an event with my brother on Tuesday, April 20, 2027.",
    )
    # "add ... mary's birthday ..." read as an update: a new yearly event, not "mom's birthday"
    made = say(bot, owner, "add to calendar may two is mary's birthday repeat every year", tz=TZ)
    assert (made.operation, made.reply) == (
        "create",
        'Scheduled "mary\'s birthday" for Sunday, May 2, 2027 (all day), every year.',
    )
    assert _rows(bot, owner) == [
        *given,
        ("mary's birthday", datetime(2027, 5, 1, 22), True, "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=2", False),
    ]
    assert say(bot, owner, "undo", tz=TZ).operation == "undo"
    assert _rows(bot, owner)[-1][-1] is True
    # An unsure create says the time and repetition it would write, and the yes writes them
    asked = say(bot, owner, "i'd like standup daily at ten am", tz=TZ)
    assert (asked.operation, asked.reply) == (
        "confirm",
        'Did you mean to schedule "standup" for Monday, November 23 at 10:00 AM, every day?',
    )
    assert say(bot, owner, "yes", tz=TZ).operation == "create"
    assert _rows(bot, owner)[-1] == (
        "standup",
        datetime(2026, 11, 23, 9),
        False,
        "FREQ=DAILY;BYHOUR=10;BYMINUTE=0;BYSECOND=0",
        False,
    )


# -- "it" after an event that is not there ---------------------------------------------------
@pytest.mark.parametrize(
    "missing",
    [
        reading("cancel the client meeting tomorrow", "cancel", ACTION="cancel", NAME="client meeting"),
        reading("when is the client meeting", "query", NAME="client meeting"),
    ],
    ids=["cancel", "query"],
)
def test_dialogue_behaviour_it_after_an_event_not_found_is_not_the_event_before(bot, scripted, owner, missing) -> None:
    # Given the dentist just scheduled, then a command about a client meeting that is not there
    scripted.add(
        reading(
            "dentist on friday at 3",
            "create",
            NAME="dentist",
            dates={"friday at 3": time_span(datetime(2026, 11, 27, 15))},
        )
    )
    scripted.add(missing)
    scripted.add(
        reading(
            "move it to six pm", "reschedule", ACTION="move", dates={"six pm": time_span(datetime(2026, 11, 23, 18))}
        )
    )
    say(bot, owner, "dentist on friday at 3")
    before = stored(bot, owner)
    say(bot, owner, missing.text)
    # When "move it" follows, Then the dentist is not moved: "it" was the client meeting
    moved = say(bot, owner, "move it to six pm")
    assert moved.operation == "none"
    assert stored(bot, owner) == before


def test_dialogue_behaviour_a_bare_clock_time_offers_the_next_event_then(bot, scripted, owner) -> None:
    # Given lunch tomorrow at 1 pm and nothing at 1 pm today
    bot.create_event(owner, title="lunch", start=datetime(2026, 11, 24, 13), end=datetime(2026, 11, 24, 14))
    scripted.add(
        reading("cancel my 1pm", "cancel", ACTION="cancel", dates={"1pm": time_span(datetime(2026, 11, 23, 13))})
    )
    scripted.add(
        reading("cancel my 5pm", "cancel", ACTION="cancel", dates={"5pm": time_span(datetime(2026, 11, 23, 17))})
    )
    # When "cancel my 1pm", Then tomorrow's lunch is only offered; a yes cancels it
    asked = say(bot, owner, "cancel my 1pm")
    assert (asked.operation, asked.reply) == (
        "confirm",
        'I couldn\'t find anything at that time. Did you mean "lunch" on Tuesday, November 24 at 1:00 PM?',
    )
    assert stored(bot, owner)[0][-1] is False
    assert say(bot, owner, "yes").operation == "cancel" and stored(bot, owner)[0][-1] is True
    # And with nothing at that clock time in the next week, nothing is offered
    assert say(bot, owner, "cancel my 5pm").reply == "I couldn't find anything at that time on your calendar."


def test_dialogue_behaviour_a_change_naming_no_event_is_about_the_one_just_talked_about(bot, scripted, owner) -> None:
    scripted.add(
        reading(
            "dentist friday at 3",
            "create",
            NAME="dentist",
            dates={"friday at 3": time_span(datetime(2026, 11, 27, 15))},
        )
    )
    scripted.add(
        reading("move to saturday", "reschedule", ACTION="move", dates={"saturday": day_span(date(2026, 11, 28))})
    )
    scripted.add(reading("remind me an hour before", "update", ACTION="remind me", alerts={"an hour before": 60}))
    say(bot, owner, "dentist friday at 3")
    moved = say(bot, owner, "move to saturday")
    assert (moved.operation, moved.reply) == (
        "reschedule",
        'Moved "dentist" on Friday, November 27 at 3:00 PM to Saturday, November 28 at 3:00 PM.',
    )
    assert say(bot, owner, "remind me an hour before").operation == "update"
    assert stored(bot, owner) == [
        ("dentist", datetime(2026, 11, 28, 14), datetime(2026, 11, 28, 15), False, [60], False)
    ]


def test_dialogue_behaviour_a_change_naming_no_event_after_a_list_asks_which(bot, scripted, owner) -> None:
    for title, hour in (("dentist", 15), ("gym", 18)):
        bot.create_event(owner, title=title, start=datetime(2026, 11, 27, hour), end=datetime(2026, 11, 27, hour + 1))
    scripted.add(reading("what's on friday", "query", dates={"friday": day_span(date(2026, 11, 27))}))
    scripted.add(
        reading("move to saturday", "reschedule", ACTION="move", dates={"saturday": day_span(date(2026, 11, 28))})
    )
    before = stored(bot, owner)
    say(bot, owner, "what's on friday")
    asked = say(bot, owner, "move to saturday")
    assert asked.operation == "clarify" and "Which one should I move?" in asked.reply
    assert stored(bot, owner) == before
