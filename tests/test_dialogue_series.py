"""Recurring series in conversation (RFC 5545 semantics): one occurrence is cancelled or
moved alone (EXDATE, a row of its own), with the following ones (the series is split) or
all of them; the confirmation names the occurrence the user said; the series' rule changes
("make it every tuesday", "stop it after december 21", "make it weekly"). Exact stored rows."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from assistant import Assistant
from assistant.models import Event
from assistant.testing import ScriptedParser, day_span, reading, time_span
from nlu.dates import resolve

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday
TZ = "Europe/Paris"
RULE = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0"
SCOPE_QUESTION = (
    'It repeats every Monday: say yes for only this one, or "this and the following ones" or "all of them".'
)


def rows(bot: Assistant, owner: str) -> list[tuple]:
    """Every stored row of the owner: (title, start_utc, recurrence, exdates, cancelled, series_id, original)."""
    with bot.sessions.begin() as session:
        found = session.scalars(select(Event).where(Event.owner == owner).order_by(Event.id)).all()
        return [
            (
                r.title,
                r.start_utc,
                r.recurrence,
                list(r.exdates),
                r.cancelled_at is not None,
                r.series_id,
                r.original_start_utc,
            )
            for r in found
        ]


def listed(bot: Assistant, owner: str, end: datetime = datetime(2026, 12, 22)) -> list[str]:
    """The starts a calendar shows (each occurrence) from Nov 23 to `end`."""
    return [e.start for e in bot.events(owner, start=datetime(2026, 11, 23), end=end, expand=True)]


class Chat:
    def __init__(self, bot: Assistant, owner: str) -> None:
        self.bot, self.owner = bot, owner

    def __call__(self, text: str, now: datetime = NOW):
        return self.bot.handle("s1", text, now=now, user=self.owner)


@pytest.fixture
def chat(bot: Assistant, scripted: ScriptedParser, owner: str) -> Chat:
    # Given a weekly standup, every Monday at 9 in Paris, and the commands about it
    for parse in (
        reading(
            "add a weekly standup every monday at 9",
            "create",
            ACTION="add",
            NAME="weekly standup",
            dates={"every monday at 9": resolve("every monday at 9", NOW, TZ)},
        ),
        reading(
            "cancel the standup on december 7",
            "cancel",
            ACTION="cancel",
            NAME="standup",
            dates={"december 7": day_span(date(2026, 12, 7))},
        ),
        reading("cancel the standup", "cancel", ACTION="cancel", NAME="standup"),
        reading(
            "move the standup on december 7 to 10 am",
            "reschedule",
            ACTION="move",
            NAME="standup",
            dates={"december 7": day_span(date(2026, 12, 7)), "10 am": time_span(datetime(2026, 11, 23, 10))},
            roles={"december 7": "old", "10 am": "new"},
        ),
        reading(
            "make the standup every tuesday",
            "update",
            ACTION="make",
            NAME="standup",
            dates={"every tuesday": resolve("every tuesday", NOW, TZ)},
        ),
        reading(
            "stop the standup after december 21",
            "update",
            ACTION="stop",
            NAME="standup",
            dates={"after december 21": resolve("after december 21", NOW, TZ)},
        ),
        reading("what do i have on december 7", "query", dates={"december 7": day_span(date(2026, 12, 7))}),
    ):
        scripted.add(parse)
    talk = Chat(bot, owner)
    assert talk("add a weekly standup every monday at 9").operation == "create"
    return talk


def test_dialogue_series_cancel_one_occurrence_names_it_and_keeps_the_series(chat: Chat) -> None:
    # When one occurrence is cancelled by its day
    asked = chat("cancel the standup on december 7")
    # Then the question names that day, not the series' first one, and nothing is written yet
    assert asked.reply == f'Cancel "weekly standup" on Monday, December 7 at 9:00 AM? {SCOPE_QUESTION}'
    assert (asked.operation, asked.events[0].start, asked.events[0].original_start, asked.events[0].series_id) == (
        "confirm",
        "2026-12-07T09:00:00",
        "2026-12-07T09:00:00",
        asked.events[0].id,
    )
    assert asked.choices == ["only this one", "this and the following ones", "all of them", "never mind"]
    assert rows(chat.bot, chat.owner)[0][3] == []
    # And a yes cancels only that occurrence: one EXDATE (09:00 Paris is 08:00 UTC), the series live
    done = chat("yes")
    assert done.reply == 'Cancelled "weekly standup" on Monday, December 7 at 9:00 AM. The other occurrences stay.'
    assert rows(chat.bot, chat.owner) == [
        ("weekly standup", datetime(2026, 11, 23, 8), RULE, ["2026-12-07T08:00:00"], False, None, None)
    ]
    assert listed(chat.bot, chat.owner) == [
        "2026-11-23T09:00:00",
        "2026-11-30T09:00:00",
        "2026-12-14T09:00:00",
        "2026-12-21T09:00:00",
    ]
    # And queries see the exception
    assert chat("what do i have on december 7").reply == "You have nothing on Monday, December 7."


def test_dialogue_series_cancel_without_a_day_names_the_next_occurrence(chat: Chat) -> None:
    later = datetime(2026, 11, 30, 10, 0)  # the Nov 30 occurrence is over
    asked = chat("cancel the standup", now=later)
    assert asked.reply.startswith('Cancel "weekly standup" on Monday, December 7 at 9:00 AM?')
    assert chat("only this one", now=later).operation == "cancel"
    assert rows(chat.bot, chat.owner)[0][3] == ["2026-12-07T08:00:00"]


def test_dialogue_series_cancel_this_and_the_following_ones_sets_until(chat: Chat) -> None:
    chat("cancel the standup on december 7")
    done = chat("this and the following ones")
    assert done.reply == (
        'Cancelled "weekly standup" on Monday, December 7 at 9:00 AM and the following ones. '
        "Its last occurrence is on Monday, November 30 at 9:00 AM."
    )
    assert rows(chat.bot, chat.owner) == [
        ("weekly standup", datetime(2026, 11, 23, 8), RULE + ";UNTIL=20261207T085959", [], False, None, None)
    ]
    assert listed(chat.bot, chat.owner) == ["2026-11-23T09:00:00", "2026-11-30T09:00:00"]


def test_dialogue_series_cancel_all_of_them_only_when_said(chat: Chat) -> None:
    chat("cancel the standup on december 7")
    assert chat("no").operation == "none" and rows(chat.bot, chat.owner)[0][4] is False
    chat("cancel the standup on december 7")
    done = chat("all of them")
    assert done.reply == 'Cancelled "weekly standup" (every Monday at 9:00 AM): all of its occurrences.'
    assert [r[4] for r in rows(chat.bot, chat.owner)] == [True] and listed(chat.bot, chat.owner) == []


def test_dialogue_series_move_one_occurrence_is_a_row_of_its_own(chat: Chat) -> None:
    asked = chat("move the standup on december 7 to 10 am")
    assert asked.reply == (
        f'Move "weekly standup" on Monday, December 7 at 9:00 AM to Monday, December 7 at 10:00 AM? {SCOPE_QUESTION}'
    )
    done = chat("just this one")
    assert done.reply == (
        'Moved "weekly standup" on Monday, December 7 from 9:00 AM to 10:00 AM. The other occurrences stay.'
    )
    [series, moved] = rows(chat.bot, chat.owner)
    assert series == ("weekly standup", datetime(2026, 11, 23, 8), RULE, [], False, None, None)
    assert moved[1:] == (datetime(2026, 12, 7, 9), None, [], False, done.events[0].series_id, datetime(2026, 12, 7, 8))
    assert done.to_dict()["events"][0]["original_start"] == "2026-12-07T09:00:00"
    assert listed(chat.bot, chat.owner) == [
        "2026-11-23T09:00:00",
        "2026-11-30T09:00:00",
        "2026-12-07T10:00:00",
        "2026-12-14T09:00:00",
        "2026-12-21T09:00:00",
    ]
    # And an undo removes that row: the occurrence is back at 9
    assert chat("undo").reply == 'Undone: "weekly standup" on Monday, December 7 at 9:00 AM is back.'
    assert len(rows(chat.bot, chat.owner)) == 1 and "2026-12-07T09:00:00" in listed(chat.bot, chat.owner)


def test_dialogue_series_move_this_and_the_following_ones_splits_the_series(chat: Chat) -> None:
    chat("move the standup on december 7 to 10 am")
    done = chat("this and the following ones")
    assert done.reply == (
        'Moved "weekly standup" on Monday, December 7 from 9:00 AM to 10:00 AM, and the following '
        "ones with it (every Monday at 10:00 AM)."
    )
    [old, new] = rows(chat.bot, chat.owner)
    assert old == ("weekly standup", datetime(2026, 11, 23, 8), RULE + ";UNTIL=20261207T085959", [], False, None, None)
    assert new == (
        "weekly standup",
        datetime(2026, 12, 7, 9),
        RULE.replace("BYHOUR=9", "BYHOUR=10"),
        [],
        False,
        None,
        None,
    )
    assert listed(chat.bot, chat.owner) == [
        "2026-11-23T09:00:00",
        "2026-11-30T09:00:00",
        "2026-12-07T10:00:00",
        "2026-12-14T10:00:00",
        "2026-12-21T10:00:00",
    ]
    # And one undo reverts both rows of that turn
    chat("undo")
    assert [(r[2], r[4]) for r in rows(chat.bot, chat.owner)] == [
        (RULE, False),
        (RULE.replace("BYHOUR=9", "BYHOUR=10"), True),
    ]
    assert listed(chat.bot, chat.owner)[2] == "2026-12-07T09:00:00"


def test_dialogue_series_move_all_shifts_start_rule_and_exceptions(chat: Chat, scripted: ScriptedParser) -> None:
    scripted.add(
        reading(
            "cancel the standup on december 14",
            "cancel",
            NAME="standup",
            dates={"december 14": day_span(date(2026, 12, 14))},
        )
    )
    chat("cancel the standup on december 14")
    chat("yes")
    chat("move the standup on december 7 to 10 am")
    done = chat("all of them")
    assert done.reply == (
        'Moved "weekly standup" on Monday, December 7 from 9:00 AM to 10:00 AM, and every other '
        "occurrence with it (every Monday at 10:00 AM)."
    )
    assert rows(chat.bot, chat.owner) == [
        (
            "weekly standup",
            datetime(2026, 11, 23, 9),
            RULE.replace("BYHOUR=9", "BYHOUR=10"),
            ["2026-12-14T09:00:00"],
            False,
            None,
            None,
        )
    ]
    assert listed(chat.bot, chat.owner) == [
        "2026-11-23T10:00:00",
        "2026-11-30T10:00:00",
        "2026-12-07T10:00:00",
        "2026-12-21T10:00:00",
    ]


def test_dialogue_series_a_changed_occurrence_is_found_on_its_new_day(chat: Chat) -> None:
    chat("move the standup on december 7 to 10 am")
    chat("only this one")
    asked = chat("cancel the standup on december 7")
    assert asked.reply == 'Cancel "weekly standup" on Monday, December 7 at 10:00 AM?'
    chat("yes")
    assert [r[4] for r in rows(chat.bot, chat.owner)] == [False, True]
    assert "2026-12-07T09:00:00" not in listed(chat.bot, chat.owner)  # the cancelled change still replaces it
    assert "2026-12-07T10:00:00" not in listed(chat.bot, chat.owner)


def test_dialogue_series_make_it_every_tuesday(chat: Chat) -> None:
    done = chat("make the standup every tuesday")
    assert (done.operation, done.reply) == (
        "update",
        '"weekly standup" now repeats every Tuesday at 9:00 AM, from Tuesday, November 24.',
    )
    assert rows(chat.bot, chat.owner) == [
        ("weekly standup", datetime(2026, 11, 24, 8), "FREQ=WEEKLY;BYDAY=TU", [], False, None, None)
    ]
    assert listed(chat.bot, chat.owner, end=datetime(2026, 12, 2)) == ["2026-11-24T09:00:00", "2026-12-01T09:00:00"]


def test_dialogue_series_a_new_rule_keeps_the_past(chat: Chat) -> None:
    # Given two Mondays already over, When the standup moves to Tuesdays
    later = datetime(2026, 12, 1, 12, 0)
    done = chat("make the standup every tuesday", now=later)
    assert done.reply == '"weekly standup" now repeats every Tuesday at 9:00 AM, from Tuesday, December 8.'
    # Then the Mondays that happened stay, and a new series carries the new rule
    assert rows(chat.bot, chat.owner) == [
        ("weekly standup", datetime(2026, 11, 23, 8), RULE + ";UNTIL=20261207T085959", [], False, None, None),
        ("weekly standup", datetime(2026, 12, 8, 8), "FREQ=WEEKLY;BYDAY=TU", [], False, None, None),
    ]
    assert listed(chat.bot, chat.owner, end=datetime(2026, 12, 16)) == [
        "2026-11-23T09:00:00",
        "2026-11-30T09:00:00",
        "2026-12-08T09:00:00",
        "2026-12-15T09:00:00",
    ]


def test_dialogue_series_a_rule_without_a_day_keeps_the_series_day_from_this_week(
    bot: Assistant, scripted: ScriptedParser, owner: str
) -> None:
    # Given a club every other Thursday, last met Thursday November 19 (next: December 3)
    bot.create_event(
        owner,
        title="book club",
        start=datetime(2026, 11, 5, 19),
        end=datetime(2026, 11, 5, 20),
        recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
    )
    text = "can it be every week instead"
    scripted.add(reading("book club", "query", NAME="book club"))
    scripted.add(reading(text, "update", dates={"every week": resolve("every week", NOW, TZ)}))
    bot.handle("s1", "book club", now=NOW, user=owner)
    done = bot.handle("s1", text, now=NOW, user=owner)
    # Then it meets every Thursday from this one (November 26), not from December 3 on
    assert done.reply == '"book club" now repeats every week at 7:00 PM, from Thursday, November 26.'
    assert listed(bot, owner, end=datetime(2026, 12, 11)) == [
        "2026-11-26T19:00:00",
        "2026-12-03T19:00:00",
        "2026-12-10T19:00:00",
    ]


def test_dialogue_series_e2e_a_move_to_a_repetition_changes_the_rule(shipped_parser, db_url: str, owner: str) -> None:
    bot = Assistant(db_url, parser=shipped_parser)
    bot.handle("e2e", "add a weekly standup every monday at 9", now=NOW, tz=TZ, user=owner)
    done = bot.handle("e2e", "Change the standup to every Tuesday.", now=NOW, tz=TZ, user=owner)
    assert done.operation == "update"
    assert rows(bot, owner) == [
        ("weekly standup", datetime(2026, 11, 24, 8), "FREQ=WEEKLY;BYDAY=TU", [], False, None, None)
    ]


def test_dialogue_series_e2e_from_one_repeat_to_another(shipped_parser, db_url: str, owner: str) -> None:
    # "from weekly to every other week": the old rule names no day to look the event up on
    bot = Assistant(db_url, parser=shipped_parser)
    bot.handle("e2e", "add a weekly standup every monday at 9", now=NOW, tz=TZ, user=owner)
    done = bot.handle("e2e", "change the standup from weekly to every other week", now=NOW, tz=TZ, user=owner)
    assert done.operation == "update"
    assert rows(bot, owner)[0][:3] == ("weekly standup", datetime(2026, 11, 23, 8), "FREQ=WEEKLY;INTERVAL=2")


def test_dialogue_series_stop_after_a_day(chat: Chat) -> None:
    done = chat("stop the standup after december 21")
    assert done.reply == (
        '"weekly standup" now stops after Monday, December 21: its last occurrence is on '
        "Monday, December 21 at 9:00 AM."
    )
    assert rows(chat.bot, chat.owner)[0][2] == RULE + ";UNTIL=20261221T235959"
    assert listed(chat.bot, chat.owner, end=datetime(2027, 1, 31))[-1] == "2026-12-21T09:00:00"
    assert chat("undo").operation == "undo" and rows(chat.bot, chat.owner)[0][2] == RULE


def test_dialogue_series_make_it_weekly(bot: Assistant, scripted: ScriptedParser, owner: str) -> None:
    scripted.add(
        reading(
            "schedule piano on wednesday at 5 pm",
            "create",
            NAME="piano",
            dates={"wednesday at 5 pm": time_span(datetime(2026, 11, 25, 17))},
        )
    )
    scripted.add(reading("make it weekly", "update", ACTION="make it", dates={"weekly": resolve("weekly", NOW, TZ)}))
    bot.handle("s1", "schedule piano on wednesday at 5 pm", now=NOW, user=owner)
    done = bot.handle("s1", "make it weekly", now=NOW, user=owner)
    assert done.reply == '"piano" now repeats every week at 5:00 PM, from Wednesday, November 25.'
    assert rows(bot, owner) == [("piano", datetime(2026, 11, 25, 16), "FREQ=WEEKLY", [], False, None, None)]


def test_dialogue_series_overlaps_include_occurrences_and_their_exceptions(
    chat: Chat, scripted: ScriptedParser
) -> None:
    for day in (30, 7):
        month = 11 if day == 30 else 12
        scripted.add(
            reading(
                f"schedule review on {day} at 9",
                "create",
                NAME="review",
                dates={f"{day} at 9": time_span(datetime(2026, month, day, 9))},
            )
        )
    made = chat("schedule review on 30 at 9")
    assert made.reply.endswith('Note: it overlaps "weekly standup" (Monday, November 30 at 9:00 AM).')
    chat("cancel the standup on december 7")
    chat("yes")
    assert "overlaps" not in chat("schedule review on 7 at 9").reply


def test_dialogue_series_e2e_cancel_one_occurrence(shipped_parser, db_url: str, owner: str) -> None:
    # Through the shipped model: the same conversation, read by the NLU
    bot = Assistant(db_url, parser=shipped_parser)
    assert bot.handle("e2e", "add a weekly standup every monday at 9", now=NOW, tz=TZ, user=owner).operation == "create"
    asked = bot.handle("e2e", "cancel the standup on december 7", now=NOW, tz=TZ, user=owner)
    assert "December 7" in asked.reply and asked.operation == "confirm"
    assert bot.handle("e2e", "yes", now=NOW, tz=TZ, user=owner).operation == "cancel"
    [row] = rows(bot, owner)
    assert (row[3], row[4]) == (["2026-12-07T08:00:00"], False)


def test_dialogue_series_e2e_stop_after_a_day(shipped_parser, db_url: str, owner: str) -> None:
    bot = Assistant(db_url, parser=shipped_parser)
    bot.handle("e2e", "add a weekly standup every monday at 9", now=NOW, tz=TZ, user=owner)
    done = bot.handle("e2e", "stop the standup after december 21", now=NOW, tz=TZ, user=owner)
    assert done.operation == "update"
    assert rows(bot, owner)[0][2] == RULE + ";UNTIL=20261221T235959"


def test_dialogue_series_concurrent_exceptions_are_all_kept(db_url: str, owner: str) -> None:
    # Given a weekly series and four clients each cancelling another occurrence at once
    from concurrent.futures import ThreadPoolExecutor

    made = Assistant(db_url).create_event(
        owner,
        title="standup",
        start=datetime(2026, 11, 23, 9),
        end=datetime(2026, 11, 23, 9, 15),
        recurrence="FREQ=WEEKLY;BYDAY=MO",
    )
    days = [datetime(2026, 11, 30, 9), datetime(2026, 12, 7, 9), datetime(2026, 12, 14, 9), datetime(2026, 12, 21, 9)]

    def client(day: datetime):
        return Assistant(db_url).cancel_occurrence(owner, made.id, day)

    with ThreadPoolExecutor(4) as pool:
        done = list(pool.map(client, days))
    # Then every EXDATE is stored (the series row is locked while its list changes)
    assert all(view is not None for view in done)
    assert rows(Assistant(db_url), owner)[0][3] == [f"2026-{d:%m-%d}T08:00:00" for d in days]
