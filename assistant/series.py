"""Changes to recurring series, in RFC 5545 terms, as plain storage functions.

A series is one row with an RRULE. Changing one occurrence alone writes a row of its own
(`series_id` + `original_start_utc`: RECURRENCE-ID); cancelling one alone adds an EXDATE
(store.exclude_occurrence). "This and the following ones" splits the series: the old row
gets an UNTIL just before the occurrence, a new series starts there, and the exceptions
after the split (EXDATEs and changed occurrences) move to the new series. Changing "all of
them" edits the row itself, rewriting the rule's BYDAY / BYHOUR / BYMINUTE so the rule
still gives the new start.

Like store.py these never commit and never decide what to say; each write is reported to
`record(operation, row, before_snapshot)` so the caller logs it (undo reverts them together).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import takewhile
from typing import Any

from dateutil.rrule import rrulestr
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import store
from assistant.models import Event
from assistant.views import to_utc, wall
from nlu.exceptions import BadRecurrence

Record = Callable[[str, Event, dict[str, Any] | None], None]  # (operation, row, its snapshot before)
ONE_SECOND = timedelta(seconds=1)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


# -- the rule, as RFC 5545 parts ------------------------------------------------------------
def parts_of(rule: str) -> dict[str, str]:
    """ "FREQ=WEEKLY;BYDAY=MO" -> {"FREQ": "WEEKLY", "BYDAY": "MO"} (order kept)."""
    body = rule.strip().removeprefix("RRULE:")
    return dict(part.split("=", 1) for part in body.split(";") if "=" in part)


def rule_in(series: Event) -> str:
    """The RRULE of a row that is a series (callers reach here only for rows that repeat)."""
    if not series.recurrence:
        raise BadRecurrence(f"event {series.id} does not repeat: it has no rule to change")
    return series.recurrence


def rule_of(parts: dict[str, str]) -> str:
    return ";".join(f"{name}={value}" for name, value in parts.items())


def with_until(rule: str, until_wall: datetime) -> str:
    """The rule ending at `until_wall` (the series' own wall clock): UNTIL replaces COUNT."""
    parts = {k: v for k, v in parts_of(rule).items() if k not in ("UNTIL", "COUNT")}
    parts["UNTIL"] = until_wall.strftime("%Y%m%dT%H%M%S")
    return rule_of(parts)


def moved_rule(rule: str, old_wall: datetime, new_wall: datetime) -> str:
    """The rule of a series whose occurrence at `old_wall` now falls at `new_wall`: its clock
    parts (BYHOUR, BYMINUTE, BYSECOND) take the new time and its day parts (BYDAY,
    BYMONTHDAY, BYMONTH) shift by the same days. BadRecurrence when the result does not give
    the new time (a rule with several hours a day, say)."""
    parts = parts_of(rule)
    for name, value in (("BYHOUR", new_wall.hour), ("BYMINUTE", new_wall.minute), ("BYSECOND", new_wall.second)):
        if name in parts:
            parts[name] = str(value)
    days = (new_wall.date() - old_wall.date()).days
    if days and "BYDAY" in parts:
        parts["BYDAY"] = ",".join(_shift_day(code, days) for code in parts["BYDAY"].split(","))
    if days and "BYMONTHDAY" in parts:
        parts["BYMONTHDAY"] = str(new_wall.day)
    if days and "BYMONTH" in parts:
        parts["BYMONTH"] = str(new_wall.month)
    moved = rule_of(parts)
    if first_at_or_after(moved, new_wall, new_wall) != new_wall:
        raise BadRecurrence("the series' rule cannot give that new time (it repeats at several times a day)")
    return moved


def _shift_day(code: str, days: int) -> str:
    """ "MO" shifted by 1 day is "TU"; an ordinal prefix ("1MO", "-1FR") is kept."""
    prefix, day = code[:-2], code[-2:]
    return prefix + WEEKDAYS[(WEEKDAYS.index(day) + days) % 7]


def first_at_or_after(rule: str, dtstart: datetime, moment: datetime) -> datetime | None:
    """The rule's first occurrence at or after `moment`, counted from `dtstart` (wall times)."""
    return rrulestr(rule, dtstart=dtstart).after(moment, inc=True)


def count_before(rule: str, dtstart: datetime, moment: datetime) -> int:
    """How many occurrences the rule gives before `moment` (bounded: COUNT is at most 1000)."""
    return sum(1 for _ in takewhile(lambda m: m < moment, rrulestr(rule, dtstart=dtstart)))


def locked(*, session: Session, owner: str, event_id: int) -> Event | None:
    """The owner's event, its row locked for this transaction (PostgreSQL: FOR UPDATE), so two
    writers cannot lose each other's EXDATE or alert in a read-modify-write of its lists."""
    query = select(Event).where(Event.id == event_id, Event.owner == owner).with_for_update()
    return session.scalars(query.execution_options(populate_existing=True)).first()


# -- one occurrence -------------------------------------------------------------------------
def override(
    *,
    session: Session,
    series: Event,
    original_utc: datetime,
    start_utc: datetime,
    end_utc: datetime,
    record: Record,
    all_day: bool | None = None,
    **fields: Any,
) -> Event:
    """Change one occurrence alone: its own row (RECURRENCE-ID), created or updated; `fields`
    (title, location...) may differ from the series' too."""
    all_day = series.all_day if all_day is None else all_day
    existing = next(
        (o for o in store.overrides(session=session, series=series) if o.original_start_utc == original_utc), None
    )
    if existing is not None:
        before = store.snapshot(existing)
        store.update_event(
            session=session,
            event=existing,
            changes={"start_utc": start_utc, "end_utc": end_utc, "all_day": all_day, **fields},
        )
        record("reschedule", existing, before)
        return existing
    copied = {
        "title": series.title,
        "location": series.location,
        "attendees": series.attendees,
        "alerts": series.alerts,
        "kind": series.kind,
        **fields,
    }
    row = store.add_event(
        session=session,
        owner=series.owner,
        start_utc=start_utc,
        end_utc=end_utc,
        tz=series.tz,
        all_day=all_day,
        series_id=series.id,
        original_start_utc=original_utc,
        utterance=series.utterance,
        **copied,
    )
    record("create", row, None)
    return row


def exclude(*, session: Session, series: Event, original_utc: datetime, record: Record) -> Event:
    """Cancel one occurrence alone (EXDATE)."""
    before = store.snapshot(series)
    store.exclude_occurrence(session=session, series=series, original_start_utc=original_utc)
    record("cancel", series, before)
    return series


# -- this and the following ones ------------------------------------------------------------
def end_before(
    *, session: Session, series: Event, original_utc: datetime, record: Record, exdates: list[str] | None = None
) -> None:
    """Stop a series just before one of its occurrences (UNTIL); the occurrences changed alone
    from there on are cancelled with it. At its first occurrence the whole series is cancelled.
    `exdates`, when given, replaces the series' EXDATEs in the same write."""
    before = store.snapshot(series)
    if original_utc <= series.start_utc:
        store.cancel_event(session=session, event=series)
        record("cancel", series, before)
        return
    changes: dict[str, Any] = {"recurrence": with_until(rule_in(series), wall(original_utc, series.tz) - ONE_SECOND)}
    if exdates is not None:
        changes["exdates"] = exdates
    store.update_event(session=session, event=series, changes=changes)
    record("update", series, before)
    _cancel_overrides(session=session, series=series, since_utc=original_utc, record=record)


def end_at(*, session: Session, series: Event, until_wall: datetime, record: Record) -> None:
    """The series' last occurrence is the last one at or before `until_wall` (UNTIL)."""
    before = store.snapshot(series)
    store.update_event(session=session, event=series, changes={"recurrence": with_until(rule_in(series), until_wall)})
    record("update", series, before)
    _cancel_overrides(
        session=session, series=series, since_utc=to_utc(until_wall, series.tz) + ONE_SECOND, record=record
    )


def _cancel_overrides(*, session: Session, series: Event, since_utc: datetime, record: Record) -> None:
    for row in store.overrides(session=session, series=series):
        original = row.original_start_utc
        if original is not None and original >= since_utc and row.cancelled_at is None:
            before = store.snapshot(row)
            store.cancel_event(session=session, event=row)
            record("cancel", row, before)


def split(
    *, session: Session, series: Event, original_utc: datetime, start_utc: datetime, end_utc: datetime, record: Record
) -> Event:
    """ "This and the following ones": the series ends before the occurrence and a new
    series starts at its new time with the rest of the count. EXDATEs from there on move to
    the new series; occurrences changed alone from there on are cancelled with the old part
    (the new series gives them again, at its own time)."""
    if original_utc <= series.start_utc:
        return move_all(
            session=session,
            series=series,
            original_utc=original_utc,
            start_utc=start_utc,
            end_utc=end_utc,
            record=record,
        )
    zone = series.tz
    old_first, old_wall, new_wall = wall(series.start_utc, zone), wall(original_utc, zone), wall(start_utc, zone)
    rule = rule_in(series)
    if "COUNT" in parts_of(rule):
        left = int(parts_of(rule)["COUNT"]) - count_before(rule, old_first, old_wall)
        rule = rule_of({**parts_of(rule), "COUNT": str(left)})
    rule = store.stored_rule(moved_rule(rule, old_wall, new_wall), start_utc, zone)  # checked before any write
    later = [x for x in series.exdates if datetime.fromisoformat(x) > original_utc]
    end_before(
        session=session,
        series=series,
        original_utc=original_utc,
        record=record,
        exdates=[x for x in series.exdates if x not in later],
    )
    new = store.add_event(
        session=session,
        owner=series.owner,
        title=series.title,
        kind=series.kind,
        start_utc=start_utc,
        end_utc=end_utc,
        tz=zone,
        all_day=series.all_day,
        location=series.location,
        attendees=series.attendees,
        recurrence=rule,
        alerts=series.alerts,
        utterance=series.utterance,
    )
    new.exdates = sorted(_shifted(x, new_wall - old_wall, zone) for x in later)
    record("create", new, None)
    return new


def _shifted(stamp: str, shift: timedelta, zone: str) -> str:
    """An EXDATE (naive UTC, ISO) moved by a wall-clock shift in the series' zone."""
    return to_utc(wall(datetime.fromisoformat(stamp), zone) + shift, zone).isoformat()


# -- all of them ----------------------------------------------------------------------------
def move_all(
    *, session: Session, series: Event, original_utc: datetime, start_utc: datetime, end_utc: datetime, record: Record
) -> Event:
    """Every occurrence moves as the one at `original_utc` does: the series' start, its
    EXDATEs and its changed occurrences' original starts shift by the same wall-clock
    amount, and the rule follows the new day and time."""
    zone = series.tz
    shift = wall(start_utc, zone) - wall(original_utc, zone)
    first = wall(series.start_utc, zone) + shift
    rule = moved_rule(rule_in(series), wall(series.start_utc, zone), first)
    before = store.snapshot(series)
    new_start = to_utc(first, zone)
    store.update_event(
        session=session,
        event=series,
        changes={
            "start_utc": new_start,
            "end_utc": new_start + (end_utc - start_utc),
            "recurrence": rule,
            "exdates": sorted(_shifted(x, shift, zone) for x in series.exdates),
        },
    )
    record("reschedule", series, before)
    for row in store.overrides(session=session, series=series):
        if row.original_start_utc is None:  # an override always has one; the type allows None
            continue
        before = store.snapshot(row)
        row.original_start_utc = to_utc(wall(row.original_start_utc, zone) + shift, zone)
        session.flush()
        record("update", row, before)
    return series


def set_rule(
    *, session: Session, event: Event, rule: str, first_wall: datetime, now_utc: datetime, record: Record
) -> Event:
    """Make an event repeat by `rule` from `first_wall` (its first occurrence under the new
    rule). A series with occurrences already over keeps them: it ends before the next one
    and a new series carries the new rule (the past is not rewritten)."""
    zone = event.tz
    length = event.end_utc - event.start_utc
    start_utc = to_utc(first_wall, zone)
    upcoming = _next_start(session, event, now_utc) if event.recurrence and event.start_utc < now_utc else None
    if upcoming is not None and upcoming > event.start_utc:
        end_before(session=session, series=event, original_utc=upcoming, record=record)
        new = store.add_event(
            session=session,
            owner=event.owner,
            title=event.title,
            kind=event.kind,
            start_utc=start_utc,
            end_utc=start_utc + length,
            tz=zone,
            all_day=event.all_day,
            location=event.location,
            attendees=event.attendees,
            recurrence=rule,
            alerts=event.alerts,
            utterance=event.utterance,
        )
        record("create", new, None)
        return new
    before = store.snapshot(event)
    store.update_event(
        session=session,
        event=event,
        changes={"start_utc": start_utc, "end_utc": start_utc + length, "recurrence": rule, "exdates": []},
    )
    record("update", event, before)
    _cancel_overrides(session=session, series=event, since_utc=datetime.min, record=record)  # the old rule's
    return event


def _next_start(session: Session, series: Event, now_utc: datetime) -> datetime | None:
    """The original start of the series' next occurrence from now (None: it has no more)."""
    from assistant.agenda import replaced, starts

    found = starts(series, now_utc, now_utc + timedelta(days=3660), replaced(session=session, series=series))
    return found[0] if found else None
