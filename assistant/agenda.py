"""What is on the calendar in a window: stored events plus the occurrences of recurring ones.

A recurring event is stored once (its first occurrence and an RFC 5545 RRULE); a window
shows each occurrence that overlaps it, expanded in the event's own zone with dateutil so
"every monday at nine" stays at nine across DST changes.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from itertools import takewhile

from dateutil.rrule import rrulestr
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import store
from assistant.models import Event
from assistant.views import EventView, to_utc, wall

MAX_OCCURRENCES = 200  # per event and window: a daily rule over years must not flood a reply


def window(*, session: Session, owner: str, start_utc: datetime, end_utc: datetime | None,
           tz: str, include_cancelled: bool = False) -> list[EventView]:
    """The events overlapping [start_utc, end_utc) as the user sees them, in time order."""
    rows = store.list_events(session=session, owner=owner, start_utc=start_utc, end_utc=end_utc,
                             include_cancelled=include_cancelled)
    views = [EventView.of(r, tz) for r in rows if not r.recurrence]
    horizon = end_utc or start_utc + timedelta(days=366)
    for row in recurring(session=session, owner=owner, before_utc=horizon, include_cancelled=include_cancelled):
        views.extend(occurrences(row, start_utc, horizon, tz))
    return sorted(views, key=lambda v: (to_utc(v.start_dt, v.tz), v.id))


def recurring(*, session: Session, owner: str, before_utc: datetime,
              include_cancelled: bool = False) -> list[Event]:
    """The owner's recurring events (live ones unless asked) whose series starts before `before_utc`."""
    query = select(Event).where(Event.owner == owner, Event.recurrence.is_not(None), Event.start_utc < before_utc)
    if not include_cancelled:
        query = query.where(Event.cancelled_at.is_(None))
    return list(session.scalars(query.order_by(Event.start_utc)))


def occurrences(row: Event, start_utc: datetime, end_utc: datetime, tz: str) -> list[EventView]:
    """The views of a recurring event's occurrences overlapping [start_utc, end_utc)."""
    first = EventView.of(row, tz)
    zone = row.tz
    local_start = wall(row.start_utc, zone)
    length = row.end_utc - row.start_utc
    try:
        rule = rrulestr(row.recurrence, dtstart=local_start, forceset=True)
    except (ValueError, TypeError):  # a rule we cannot read: show the stored occurrence only
        return [first] if row.end_utc > start_utc and row.start_utc < end_utc else []
    out: list[EventView] = []
    low, high = wall(start_utc - length, zone), wall(end_utc, zone)
    # xafter stops after the cap; between() would first list every occurrence in the window
    # (a per-second rule over the agenda's year is 31 million datetimes).
    for moment in takewhile(lambda m: m <= high, rule.xafter(low, count=MAX_OCCURRENCES, inc=True)):
        begin = to_utc(moment, zone)
        if start_utc < begin + length and begin < end_utc:
            out.append(_moved(first, moment, begin, length, tz))
    return out


def _moved(first: EventView, moment: datetime, begin_utc: datetime, length: timedelta, tz: str) -> EventView:
    """The first occurrence's view moved to another one: timed events keep their real length
    (shown in `tz`), all-day ones their number of days (on the series' own dates)."""
    if first.all_day:
        start, end = moment, moment + timedelta(days=max(1, round(length / timedelta(days=1))))
    else:
        start, end = wall(begin_utc, tz), wall(begin_utc + length, tz)
    return replace(first, start=start.isoformat(timespec="seconds"), end=end.isoformat(timespec="seconds"))
