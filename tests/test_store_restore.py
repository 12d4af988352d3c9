"""A user's whole calendar out and back in: `Assistant.export`, `reset` (which returns what
it removed) and `restore`. Every row comes back as stored: alerts, EXDATEs, occurrences
changed alone (linked to their series' new id), each event's own zone, cancelled events,
the operation log that "undo" reads and the conversation with its open question. Exact
rows, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from assistant import Assistant, BadInput, CalendarSnapshot
from assistant.testing import ScriptedParser, day_span, reading
from nlu.dates import resolve

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday
TZ = "Europe/Paris"
RULE = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0"


@pytest.fixture
def filled(bot: Assistant, scripted: ScriptedParser, owner: str) -> Assistant:
    """A calendar in use: a chat-made weekly standup with an alert, one occurrence cancelled
    alone and one moved alone, a call in New York's zone with people and two alerts, a
    cancelled event, an all-day one, and a conversation waiting for "only this one"."""
    for parse in (
        reading(
            "add a weekly standup every monday at 9",
            "create",
            ACTION="add",
            NAME="weekly standup",
            dates={"every monday at 9": resolve("every monday at 9", NOW, TZ)},
        ),
        reading(
            "cancel the standup on december 21",
            "cancel",
            ACTION="cancel",
            NAME="standup",
            dates={"december 21": day_span(date(2026, 12, 21))},
        ),
    ):
        scripted.add(parse)
    standup = bot.handle("s1", "add a weekly standup every monday at 9", now=NOW, user=owner).events[0]
    bot.update_event(owner, standup.id, alerts=[10])
    bot.cancel_occurrence(owner, standup.id, datetime(2026, 12, 7, 9), tz=TZ)
    bot.change_occurrence(
        owner,
        standup.id,
        datetime(2026, 12, 14, 9),
        tz=TZ,
        start=datetime(2026, 12, 14, 10),
        end=datetime(2026, 12, 14, 11),
        title="standup (late)",
    )
    bot.create_event(
        owner,
        title="call",
        start=datetime(2026, 11, 24, 15),
        end=datetime(2026, 11, 24, 16),
        tz="America/New_York",
        attendees=["Sara"],
        alerts=[60, 1440],
        location="zoom",
    )
    old = bot.create_event(
        owner, title="old plan", start=datetime(2026, 11, 26, 9), end=datetime(2026, 11, 26, 10), tz=TZ
    )
    bot.cancel_event(owner, old.id)
    bot.create_event(
        owner, title="holiday", start=datetime(2026, 12, 24), end=datetime(2026, 12, 26), all_day=True, tz=TZ
    )
    asked = bot.handle("s1", "cancel the standup on december 21", now=NOW, user=owner)
    assert asked.choices == ["only this one", "this and the following ones", "all of them", "never mind"]
    return bot


def renumbered(snapshot: CalendarSnapshot, ids: dict[int, int]) -> dict:
    """What a restore must give back: the same rows with event ids mapped (log entries get new
    ids of their own, so they are compared without them)."""
    events = [{**row, "id": ids[row["id"]], "series_id": ids.get(row["series_id"])} for row in snapshot.events]

    def snap(value: dict | None) -> dict | None:
        return value and {**value, "id": ids.get(value["id"]), "series_id": ids.get(value["series_id"])}

    operations = [
        {
            **{k: v for k, v in row.items() if k != "id"},
            "event_id": ids.get(row["event_id"]),
            "before": snap(row["before"]),
            "after": snap(row["after"]),
        }
        for row in snapshot.operations
    ]
    return {"events": events, "operations": operations}


def comparable(snapshot: CalendarSnapshot) -> dict:
    return {
        "events": list(snapshot.events),
        "operations": [{k: v for k, v in row.items() if k != "id"} for row in snapshot.operations],
    }


def test_store_restore_puts_back_every_row_exactly(filled: Assistant, owner: str) -> None:
    bot = filled
    # Given the calendar as stored
    before = bot.export(owner)
    assert [(e["title"], e["tz"], e["alerts"], e["exdates"], e["cancelled_at"] is not None) for e in before.events] == [
        ("weekly standup", TZ, [10], ["2026-12-07T08:00:00"], False),
        ("standup (late)", TZ, [10], [], False),
        ("call", "America/New_York", [60, 1440], [], False),
        ("old plan", TZ, [], [], True),
        ("holiday", TZ, [], [], False),
    ]
    assert before.events[1]["series_id"] == before.events[0]["id"]
    assert before.events[1]["original_start_utc"] == "2026-12-14T08:00:00"
    # When it is reset: exactly those rows are removed, and nothing of the user is left
    removed = bot.reset(owner)
    assert removed == before
    assert bot.export(owner) == CalendarSnapshot(owner)
    # and restored
    ids = bot.restore(owner, removed)
    # Then every row is back as it was, under new ids, the changed occurrence linked to the new series
    after = bot.export(owner)
    assert comparable(after) == renumbered(before, ids)
    assert after.events[1]["series_id"] == after.events[0]["id"] == ids[before.events[0]["id"]]
    [conversation] = after.conversations
    assert conversation["last_event_id"] == ids[before.conversations[0]["last_event_id"]]
    assert conversation["pending"]["question"]["type"] == "Scope"
    assert conversation["pending"]["question"]["target"]["event_id"] == after.events[0]["id"]
    assert {k: v for k, v in conversation.items() if k not in ("pending", "last_event_id")} == {
        k: v for k, v in before.conversations[0].items() if k not in ("pending", "last_event_id")
    }
    # and the calendar shows what it showed: the call still in New York time, the cancelled occurrence gone
    assert [
        (e.title, e.start, e.tz)
        for e in bot.events(owner, start=datetime(2026, 12, 7), end=datetime(2026, 12, 15), tz=TZ, expand=True)
    ] == [("standup (late)", "2026-12-14T10:00:00", TZ)]
    call = bot.get_event(owner, ids[before.events[2]["id"]], tz=TZ)
    assert (call.start, call.location, call.attendees, call.alerts) == (
        "2026-11-24T21:00:00",
        "zoom",
        ("Sara",),
        (60, 1440),
    )


def test_store_restore_the_conversation_goes_on(filled: Assistant, owner: str) -> None:
    bot = filled
    ids = bot.restore(owner, bot.reset(owner))
    standup = ids[min(ids)]
    # When the open question is answered after the restore
    done = bot.handle("s1", "only this one", now=NOW, user=owner)
    # Then the restored series gets its second EXDATE
    assert done.reply == 'Cancelled "weekly standup" on Monday, December 21 at 9:00 AM. The other occurrences stay.'
    assert bot.get_event(owner, standup).exdates == ("2026-12-07T09:00:00", "2026-12-21T09:00:00")
    # and "undo" reads the restored log: first that answer, then the chat's create before the reset
    assert bot.handle("s1", "undo", now=NOW, user=owner).operation == "undo"
    assert bot.get_event(owner, standup).exdates == ("2026-12-07T09:00:00",)
    undone = bot.handle("s1", "undo", now=NOW, user=owner)
    assert undone.reply == 'Undone: "weekly standup" is no longer on your calendar.'
    assert bot.get_event(owner, standup).cancelled


def test_store_restore_keeps_what_was_made_since(bot: Assistant, owner: str) -> None:
    bot.create_event(owner, title="dentist", start=datetime(2026, 12, 1, 9), end=datetime(2026, 12, 1, 10), tz=TZ)
    removed = bot.reset(owner)
    bot.create_event(owner, title="gym", start=datetime(2026, 12, 2, 9), end=datetime(2026, 12, 2, 10), tz=TZ)
    bot.restore(owner, removed)
    assert [e.title for e in bot.events(owner, tz=TZ)] == ["dentist", "gym"]


def test_store_restore_refuses_another_users_calendar(bot: Assistant, owner: str) -> None:
    bot.create_event(owner, title="dentist", start=datetime(2026, 12, 1, 9), end=datetime(2026, 12, 1, 10), tz=TZ)
    snapshot = bot.export(owner)
    with pytest.raises(BadInput, match="calendar of"):
        bot.restore(owner + "-other", snapshot)
    assert bot.events(owner + "-other", include_cancelled=True) == []


def test_store_restore_snapshot_json_round_trip(filled: Assistant, owner: str) -> None:
    snapshot = filled.export(owner)
    text = json.dumps(snapshot.to_dict())
    assert CalendarSnapshot.from_dict(json.loads(text)) == snapshot


def test_store_restore_renumbers_every_event_a_question_names() -> None:
    from assistant import questions
    from assistant.questions import Cancel, Choose, Listed, Target

    ids = {3: 30, 4: 40}
    choose = Choose((Target(3), Target(4, datetime(2026, 12, 7, 8))), ("a", "b"), Cancel())
    assert questions.load(questions.renumbered(questions.dump(choose), ids)) == Choose(
        (Target(30), Target(40, datetime(2026, 12, 7, 8))), ("a", "b"), Cancel()
    )
    assert questions.load(questions.renumbered(questions.dump(Listed((4, 3))), ids)) == Listed((40, 30))
    assert questions.renumbered(questions.dump(Listed((5,))), ids) is None  # an event not put back: dropped
    assert questions.renumbered({"v": 1, "old": True}, ids) == {"v": 1, "old": True}  # unreadable: left as stored
    assert questions.renumbered(None, ids) is None
