"""What is on the calendar in a window: stored events plus the occurrences of recurring ones.

A recurring event is stored once (its first occurrence and an RFC 5545 RRULE); a window
shows each occurrence that overlaps it, expanded in the event's own zone with dateutil so
"every monday at nine" stays at nine across DST changes. Occurrences cancelled alone
(EXDATE) are skipped, and one changed alone is listed from its own row (RECURRENCE-ID).

Expansion is bounded whatever is stored: a rule that fails nlu/dates/rrule_limits.py (a row
written before the check existed) shows only its first occurrence; at most MAX_OCCURRENCES
are listed per series and window; and a series that started long ago is expanded from a
start moved forward by whole periods (same phase), so an hourly rule from 1900 costs no more
than one from last week.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import takewhile

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rrulestr
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import store
from assistant.models import Event
from assistant.series import parts_of
from assistant.views import EventView, to_utc, wall
from nlu.dates.rrule_limits import check_rrule
from nlu.exceptions import BadRecurrence

log = logging.getLogger("assistant.agenda")
MAX_OCCURRENCES = 200  # per event and window: a daily rule over years must not flood a reply
# Periods a series' start may be moved forward by, per frequency.
_STEP = {"HOURLY": timedelta(hours=1), "DAILY": timedelta(days=1), "WEEKLY": timedelta(weeks=1)}


# All-day events are dates, the same in every zone (RFC 5545 DATE values float): a window is
# fetched this much wider, then each all-day event is kept by its dates in the viewer's zone.
FLOATING_SLACK = timedelta(hours=27)


def window(
    *,
    session: Session,
    owner: str,
    start_utc: datetime,
    end_utc: datetime | None,
    tz: str,
    include_cancelled: bool = False,
) -> list[EventView]:
    """The events overlapping [start_utc, end_utc) as the user sees them, in time order; an
    all-day event belongs to its own dates in any zone (so a reply's day and the calendar's
    day agree wherever the user is)."""
    horizon = end_utc or start_utc + timedelta(days=366)
    low, high = start_utc - FLOATING_SLACK, horizon + FLOATING_SLACK
    rows = store.list_events(
        session=session, owner=owner, start_utc=low, end_utc=high, include_cancelled=include_cancelled
    )
    views = [EventView.of(r, tz) for r in rows if not r.recurrence]
    for row in recurring(session=session, owner=owner, before_utc=high, include_cancelled=include_cancelled):
        first, last = (low, high) if row.all_day else (start_utc, horizon)  # the cap counts from the window
        views.extend(occurrences(row, first, last, tz, skip=replaced(session=session, series=row)))
    kept = [v for v in views if overlapping(v, start_utc, horizon, tz)]
    return sorted(kept, key=lambda v: (bounds(v, tz)[0], v.id))


def bounds(view: EventView, tz: str) -> tuple[datetime, datetime]:
    """The moments (naive UTC) an event covers for a viewer in `tz`: an all-day event from
    midnight to midnight of its own dates there, a timed one its own instants."""
    zone = tz if view.all_day else view.tz
    return to_utc(view.start_dt, zone), to_utc(view.end_dt, zone)


def overlapping(view: EventView, start_utc: datetime, end_utc: datetime, tz: str) -> bool:
    """Whether an event (or occurrence) overlaps [start_utc, end_utc) for a viewer in `tz`."""
    first, last = bounds(view, tz)
    return first < end_utc and last > start_utc


def recurring(*, session: Session, owner: str, before_utc: datetime, include_cancelled: bool = False) -> list[Event]:
    """The owner's recurring events (live ones unless asked) whose series starts before `before_utc`."""
    query = select(Event).where(Event.owner == owner, Event.recurrence.is_not(None), Event.start_utc < before_utc)
    if not include_cancelled:
        query = query.where(Event.cancelled_at.is_(None))
    return list(session.scalars(query.order_by(Event.start_utc)))


def replaced(*, session: Session, series: Event) -> set[datetime]:
    """Original starts (naive UTC) the rule no longer gives: EXDATEs and occurrences changed alone."""
    return store.excluded(series) | {
        o.original_start_utc
        for o in store.overrides(session=session, series=series)
        if o.original_start_utc is not None
    }


def occurrences(
    row: Event, start_utc: datetime, end_utc: datetime, tz: str, skip: AbstractSet[datetime] = frozenset()
) -> list[EventView]:
    """The views of a recurring event's occurrences overlapping [start_utc, end_utc), minus `skip`."""
    first = EventView.of(row, tz)
    length = row.end_utc - row.start_utc
    return [
        _moved(first, row.id, wall(begin, row.tz), begin, length, tz) for begin in starts(row, start_utc, end_utc, skip)
    ]


def starts(
    row: Event, start_utc: datetime, end_utc: datetime, skip: AbstractSet[datetime] = frozenset()
) -> list[datetime]:
    """The original starts (naive UTC) of a series' occurrences overlapping [start_utc, end_utc), minus `skip`."""
    zone = row.tz
    length = row.end_utc - row.start_utc
    rule = expansion_rule(row, wall(start_utc - length, zone))
    if rule is None:  # a rule we cannot read or refuse to expand: the stored occurrence only
        overlapping = row.end_utc > start_utc and row.start_utc < end_utc and row.start_utc not in skip
        return [row.start_utc] if overlapping else []
    out: list[datetime] = []
    low, high = wall(start_utc - length, zone), wall(end_utc, zone)
    # xafter stops after the cap; between() would first list every occurrence in the window.
    for moment in takewhile(lambda m: m <= high, rule.xafter(low, count=MAX_OCCURRENCES, inc=True)):
        begin = to_utc(moment, zone)
        if start_utc < begin + length and begin < end_utc and begin not in skip:
            out.append(begin)
    return out


def occurrence(row: Event, original_utc: datetime, tz: str) -> EventView:
    """The view of one occurrence of a series, by its original start (naive UTC)."""
    return _moved(
        EventView.of(row, tz), row.id, wall(original_utc, row.tz), original_utc, row.end_utc - row.start_utc, tz
    )


def expansion_rule(row: Event, low: datetime) -> rrule | None:
    """The row's rule, checked, starting as close before `low` (a wall time) as its phase allows."""
    start = wall(row.start_utc, row.tz)
    try:
        text = check_rrule(row.recurrence or "", start, tz=row.tz)
        rule = rrulestr(text, dtstart=start)
    except (BadRecurrence, ValueError, TypeError) as err:
        log.warning("event %s: recurrence %r not expanded: %s", row.id, row.recurrence, err)
        return None
    if not isinstance(rule, rrule):  # one RRULE line (all check_rrule lets through) reads as an rrule
        log.warning("event %s: recurrence %r is not one rule: not expanded", row.id, row.recurrence)
        return None
    return _advanced(rule, parts_of(text), start, low)


def _advanced(rule: rrule, parts: Mapping[str, str], start: datetime, low: datetime) -> rrule:
    """The same occurrences from `low` on, with dtstart moved forward by whole periods.

    dateutil walks every period from dtstart to the window; for hourly, daily and weekly
    rules without COUNT (which counts from the real start), whole periods keep the phase,
    so the first occurrences on or after `low` are unchanged.
    """
    step = _STEP.get(parts.get("FREQ", "").upper())
    if step is None or "COUNT" in parts or low <= start:
        return rule
    period = step * int(parts.get("INTERVAL", "1"))
    periods = (low - start) // period
    return rule.replace(dtstart=start + periods * period) if periods > 0 else rule


def _moved(
    first: EventView, series_id: int, moment: datetime, begin_utc: datetime, length: timedelta, tz: str
) -> EventView:
    """The first occurrence's view moved to another one: timed events keep their real length
    (shown in `tz`), all-day ones their number of days (on the series' own dates)."""
    if first.all_day:
        start, end = moment, moment + relativedelta(days=max(1, round(length / timedelta(days=1))))
        original = moment
    else:
        start, end = wall(begin_utc, tz), wall(begin_utc + length, tz)
        original = start
    return replace(
        first,
        start=start.isoformat(timespec="seconds"),
        end=end.isoformat(timespec="seconds"),
        series_id=series_id,
        original_start=original.isoformat(timespec="seconds"),
    )
