"""The typed conversation state: every kind of open question round-trips through the one
JSON form (assistant/questions.py); a stored state this version did not write is dropped,
never half-read; and the dialogue reads the NLU's roles instead of guessing from the text."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from assistant import Assistant, questions
from assistant.models import Conversation, Event
from assistant.questions import (
    Cancel,
    Choose,
    Confirm,
    ConfirmCreate,
    Draft,
    Edit,
    Listed,
    Move,
    NeedDate,
    NeedTime,
    NeedTitle,
    Scope,
    Target,
)
from assistant.testing import ScriptedParser, day_span, reading, time_span
from nlu.dates import resolve

NOW = datetime(2026, 11, 23, 9, 0)
PARIS = ZoneInfo("Europe/Paris")
DRAFT = Draft(
    title="dentist",
    kind="appointment",
    location="clinic",
    attendees=("Sam", "Ann"),
    alerts=(60,),
    utterance="dentist with Sam",
    length=timedelta(minutes=90),
    reminder=True,
    passed=("intent",),
)
# a span with an alternative reading, an aware time in the repeated hour of a fall-back night
FOLDED = datetime(2026, 10, 25, 2, 30, tzinfo=PARIS, fold=1)
SPAN = resolve("one thirty", NOW, "Europe/Paris")
TARGET = Target(7, datetime(2026, 12, 7, 8))
EDIT = Edit(
    title="team lunch",
    add_people=("jim",),
    alert=30,
    repeat="RRULE:FREQ=WEEKLY",
    repeat_span=resolve("weekly", NOW, "Europe/Paris"),
    until=FOLDED,
)


@pytest.mark.parametrize(
    "question",
    [
        NeedTitle(DRAFT, SPAN, tries=1),
        NeedTitle(Draft(title=None)),
        NeedDate(DRAFT),
        NeedTime(TARGET, tries=1),
        ConfirmCreate(DRAFT, day_span(date(2026, 11, 24)), "duplicate"),
        ConfirmCreate(DRAFT, None, "intent"),
        Confirm(Target(3), Cancel()),
        Confirm(TARGET, Move(delta=timedelta(hours=-2))),
        Scope(TARGET, Move(span=time_span(datetime(2026, 11, 23, 10)), day_said=True)),
        Confirm(Target(3), EDIT),
        Choose((Target(1), TARGET), ("one", "two"), Cancel(), tries=1),
        Listed((4, 5, 6)),
    ],
)
def test_dialogue_state_every_question_round_trips(question) -> None:
    import json

    stored = json.loads(json.dumps(questions.dump(question)))  # as the database column keeps it
    back = questions.load(stored)
    assert back == question and type(back) is type(question)
    assert questions.dump(back) == questions.dump(question)


def test_dialogue_state_keeps_the_fold_of_a_repeated_hour() -> None:
    back = questions.load(questions.dump(Confirm(TARGET, Edit(until=FOLDED))))
    assert back.action.until.fold == 1 and back.action.until.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    "stored",
    [
        {"kind": "confirm", "action": "cancel", "event_id": 3},  # the untyped form of earlier versions
        {"v": 2, "question": {"type": "Nonsense"}},
        {"v": 2, "question": {"type": "Target", "event_id": 1}},
        {"v": 1, "question": {"type": "Listed", "ids": [1]}},
        "yes",
        42,
        [],
    ],
)
def test_dialogue_state_an_unreadable_state_is_dropped(stored) -> None:
    assert questions.load(stored) is None


def test_dialogue_state_an_old_pending_row_is_dropped_not_answered(bot: Assistant, owner: str) -> None:
    made = bot.create_event(owner, title="AI", start=datetime(2026, 11, 24), end=datetime(2026, 11, 25), all_day=True)
    with bot.sessions.begin() as session:
        session.add(
            Conversation(
                owner=owner,
                session_id="s1",
                pending={"kind": "confirm", "action": "cancel", "event_id": made.id},
                updated_at=NOW,
            )
        )
    assert bot.handle("s1", "yes", now=NOW, user=owner).reply == "There is nothing waiting for a yes or no right now."
    assert [e.title for e in bot.events(owner)] == ["AI"]


def test_dialogue_state_pending_is_stored_as_typed_json(bot: Assistant, scripted: ScriptedParser, owner: str) -> None:
    scripted.add(reading("add the dentist", "create", ACTION="add", NAME="dentist"))
    bot.handle("s1", "add the dentist", now=NOW, user=owner)
    with bot.sessions.begin() as session:
        pending = session.scalars(select(Conversation.pending).where(Conversation.owner == owner)).one()
    assert pending["v"] == questions.VERSION and pending["question"]["type"] == "NeedDate"
    assert pending["question"]["draft"]["title"] == "dentist"


# -- roles decide ---------------------------------------------------------------------------------
def _meetings(bot: Assistant, owner: str) -> None:
    bot.create_event(owner, title="meeting", start=datetime(2026, 11, 23, 15), end=datetime(2026, 11, 23, 16))
    bot.create_event(owner, title="meeting", start=datetime(2026, 11, 24, 15), end=datetime(2026, 11, 24, 16))


def test_dialogue_state_old_time_names_the_event_new_time_moves_it(bot, scripted, owner) -> None:
    _meetings(bot, owner)
    scripted.add(
        reading(
            "move the meeting on tuesday to 5 pm",
            "reschedule",
            ACTION="move",
            NAME="meeting",
            dates={"tuesday": day_span(date(2026, 11, 24)), "5 pm": time_span(datetime(2026, 11, 23, 17))},
            roles={"tuesday": "old", "5 pm": "new"},
        )
    )
    moved = bot.handle("s1", "move the meeting on tuesday to 5 pm", now=NOW, user=owner)
    assert moved.reply == 'Moved "meeting" on Tuesday, November 24 from 3:00 PM to 5:00 PM.'
    with bot.sessions.begin() as session:
        assert [r.start_utc for r in session.scalars(select(Event).where(Event.owner == owner).order_by(Event.id))] == [
            datetime(2026, 11, 23, 14),
            datetime(2026, 11, 24, 16),
        ]


def test_dialogue_state_a_lone_date_in_a_reschedule_is_the_new_time(bot, scripted, owner) -> None:
    # "to" or not, without roles the one DATE is where the event goes (no guessing from the words)
    bot.create_event(owner, title="dentist", start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 10))
    scripted.add(
        reading(
            "the dentist should be friday", "reschedule", NAME="dentist", dates={"friday": day_span(date(2026, 11, 27))}
        )
    )
    moved = bot.handle("s1", "the dentist should be friday", now=NOW, user=owner)
    assert (moved.operation, moved.events[0].start) == ("reschedule", "2026-11-27T09:00:00")
