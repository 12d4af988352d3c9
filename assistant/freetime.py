"""Free time: the stretches inside waking hours (a setting) that no timed event covers.

All-day events do not count as busy, as calendar apps treat them; occurrences of series
do, with their exceptions (assistant/agenda.py). Windows are computed in UTC and shown in
the caller's zone, so a day that loses or gains an hour (DST) has the right length.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy.orm import Session

from assistant import agenda
from assistant.timing import at
from assistant.views import EventView, to_utc, wall

Span = tuple[datetime, datetime]  # naive UTC


def windows(
    *,
    session: Session,
    owner: str,
    start_utc: datetime,
    end_utc: datetime,
    tz: str,
    waking: tuple[time, time],
    min_minutes: int = 0,
) -> list[Span]:
    """The free stretches of [start_utc, end_utc) inside each day's waking hours, at least
    `min_minutes` long (and never empty), in time order, as naive UTC."""
    busy = merged(
        [
            (to_utc(v.start_dt, v.tz), to_utc(v.end_dt, v.tz))
            for v in busy_in(session=session, owner=owner, start_utc=start_utc, end_utc=end_utc, tz=tz)
        ]
    )
    shortest = timedelta(minutes=max(min_minutes, 0))
    out: list[Span] = []
    for day_start, day_end in waking_hours(start_utc, end_utc, tz, waking):
        out += [gap for gap in gaps(day_start, day_end, busy) if gap[1] - gap[0] >= shortest and gap[1] > gap[0]]
    return out


def busy_in(*, session: Session, owner: str, start_utc: datetime, end_utc: datetime, tz: str) -> list[EventView]:
    """The timed events (and occurrences) overlapping the window."""
    return [
        v
        for v in agenda.window(session=session, owner=owner, start_utc=start_utc, end_utc=end_utc, tz=tz)
        if not v.all_day
    ]


def waking_hours(start_utc: datetime, end_utc: datetime, tz: str, waking: tuple[time, time]) -> list[Span]:
    """Each day's waking hours (wall clock in `tz`) clipped to the window, as naive UTC."""
    day, last = wall(start_utc, tz).date(), wall(end_utc, tz).date()
    out: list[Span] = []
    while day <= last:
        first = max(to_utc(at(day, waking[0], tz), tz), start_utc)
        stop = min(to_utc(at(day, waking[1], tz), tz), end_utc)
        if first < stop:
            out.append((first, stop))
        day += timedelta(days=1)
    return out


def merged(spans: list[Span]) -> list[Span]:
    """Busy spans sorted, overlapping or touching ones merged."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def gaps(start: datetime, end: datetime, busy: list[Span]) -> list[Span]:
    """[start, end) minus the busy spans."""
    out, cursor = [], start
    for b_start, b_end in busy:
        if b_end <= cursor or b_start >= end:
            continue
        if b_start > cursor:
            out.append((cursor, b_start))
        cursor = max(cursor, b_end)
    if cursor < end:
        out.append((cursor, end))
    return out
