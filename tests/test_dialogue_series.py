"""Recurring series in conversation (RFC 5545 semantics): one occurrence is cancelled or
changed alone, and the confirmation names the occurrence the user said."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from assistant import Assistant
from assistant.models import Event
from assistant.testing import ScriptedParser, day_span, reading
from nlu.dates import resolve

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday
TZ = "Europe/Paris"


def _rows(bot: Assistant, owner: str) -> list[Event]:
    with bot.sessions.begin() as session:
        rows = session.scalars(select(Event).where(Event.owner == owner).order_by(Event.id)).all()
        session.expunge_all()
        return list(rows)


def _standup(scripted: ScriptedParser) -> None:
    scripted.add(reading("add a weekly standup every monday at 9", "create", ACTION="add", NAME="weekly standup",
                         dates={"every monday at 9": resolve("every monday at 9", NOW, TZ)}))
    scripted.add(reading("cancel the standup on december 7", "cancel", ACTION="cancel", NAME="standup",
                         dates={"december 7": day_span(date(2026, 12, 7))}))


def test_dialogue_series_cancel_one_occurrence_keeps_the_series(bot: Assistant, scripted: ScriptedParser,
                                                                owner: str) -> None:
    # Given a weekly standup
    _standup(scripted)
    made = bot.handle("s1", "add a weekly standup every monday at 9", now=NOW, user=owner)
    assert made.operation == "create"
    # When one occurrence is cancelled by its day
    asked = bot.handle("s1", "cancel the standup on december 7", now=NOW, user=owner)
    # Then the confirmation names that day, not the series' first one
    assert asked.reply == ('Cancel "weekly standup" on Monday, December 7 at 9:00 AM? '
                           'Only that one: the other occurrences stay.')
    assert (asked.operation, asked.events[0].start, asked.events[0].original_start) == (
        "confirm", "2026-12-07T09:00:00", "2026-12-07T09:00:00")
    assert _rows(bot, owner)[0].exdates == []  # nothing written before the yes
    done = bot.handle("s1", "yes", now=NOW, user=owner)
    assert done.reply == ('Cancelled "weekly standup" on Monday, December 7 at 9:00 AM. '
                          'The other occurrences stay.')
    # And only that occurrence is gone: one EXDATE (09:00 Paris is 08:00 UTC), the series live
    [row] = _rows(bot, owner)
    assert (row.exdates, row.cancelled_at, row.recurrence) == (
        ["2026-12-07T08:00:00"], None, "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0")
    listed = bot.events(owner, start=datetime(2026, 11, 30), end=datetime(2026, 12, 22), expand=True)
    assert [e.start for e in listed] == ["2026-11-30T09:00:00", "2026-12-14T09:00:00", "2026-12-21T09:00:00"]


def test_dialogue_series_cancel_without_a_day_names_the_next_occurrence(bot: Assistant, scripted: ScriptedParser,
                                                                        owner: str) -> None:
    # Given the weekly standup, a week later (its first occurrence is over)
    _standup(scripted)
    bot.handle("s1", "add a weekly standup every monday at 9", now=NOW, user=owner)
    scripted.add(reading("cancel the standup", "cancel", ACTION="cancel", NAME="standup"))
    later = datetime(2026, 11, 30, 10, 0)
    # When it is cancelled without a day, Then the question names the next occurrence alone
    asked = bot.handle("s1", "cancel the standup", now=later, user=owner)
    assert asked.reply.startswith('Cancel "weekly standup" on Monday, December 7 at 9:00 AM?')
    assert bot.handle("s1", "yes", now=later, user=owner).operation == "cancel"
    [row] = _rows(bot, owner)
    assert (row.exdates, row.cancelled_at) == (["2026-12-07T08:00:00"], None)


def test_dialogue_series_no_keeps_every_occurrence_and_undo_brings_one_back(bot: Assistant, scripted: ScriptedParser,
                                                                            owner: str) -> None:
    _standup(scripted)
    bot.handle("s1", "add a weekly standup every monday at 9", now=NOW, user=owner)
    bot.handle("s1", "cancel the standup on december 7", now=NOW, user=owner)
    assert bot.handle("s1", "no", now=NOW, user=owner).operation == "none"
    assert _rows(bot, owner)[0].exdates == []
    bot.handle("s1", "cancel the standup on december 7", now=NOW, user=owner)
    bot.handle("s1", "yes", now=NOW, user=owner)
    assert bot.handle("s1", "undo", now=NOW, user=owner).operation == "undo"
    [row] = _rows(bot, owner)
    assert (row.exdates, row.cancelled_at) == ([], None)


def test_dialogue_series_e2e_cancel_one_occurrence(shipped_parser, db_url: str, owner: str) -> None:
    # Through the shipped model: the same conversation, read by the NLU
    bot = Assistant(db_url, parser=shipped_parser)
    assert bot.handle("e2e", "add a weekly standup every monday at 9", now=NOW, tz=TZ, user=owner).operation == "create"
    asked = bot.handle("e2e", "cancel the standup on december 7", now=NOW, tz=TZ, user=owner)
    assert "December 7" in asked.reply and asked.operation == "confirm"
    assert bot.handle("e2e", "yes", now=NOW, tz=TZ, user=owner).operation == "cancel"
    [row] = _rows(bot, owner)
    assert (row.exdates, row.cancelled_at) == (["2026-12-07T08:00:00"], None)
