"""From what the NLU resolved (a TimeSpan) to an event's start and end.

Creating: a day-grain span makes an all-day event; a time gets the spoken range or
duration, else the default length of its kind. Rescheduling merges the new time with the
old one by grain: a time alone keeps the day, a day alone keeps the time of day, and the
length is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from nlu.result import TimeSpan

TIME_GRAINS = ("second", "minute", "hour")
ONE = {"second": timedelta(seconds=1), "minute": timedelta(minutes=1), "hour": timedelta(hours=1)}


@dataclass(frozen=True)
class Times:
    """An event's time: aware start/end in the user's zone, all-day or not, maybe recurring."""

    start: datetime
    end: datetime
    all_day: bool
    recurrence: str | None = None


def resolve(text: str, now: datetime, tz: str) -> TimeSpan | None:
    """nlu.dates.resolve on a follow-up's time phrase (None when not understood)."""
    from nlu.dates import resolve as nlu_resolve
    from nlu.exceptions import NLUError

    try:
        return nlu_resolve(text, now, tz)
    except NLUError:  # resolve never raises on text; a zone it cannot use is a question to ask again
        return None


def aware(moment_utc: datetime, tz: str) -> datetime:
    """A stored naive-UTC moment as an aware time in the zone."""
    return moment_utc.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(tz))


def at(day: date, clock: time, tz: str) -> datetime:
    """The aware moment of a wall date and time in the zone (zoneinfo handles DST gaps/folds)."""
    return datetime.combine(day, clock).replace(tzinfo=ZoneInfo(tz))


def is_range(span: TimeSpan) -> bool:
    """Whether a time-grain span was said as a range ("2-3pm") rather than a point ("at 2pm").

    Measured in real time: within one zone Python subtracts wall clocks, so the point "at 2am"
    on a fall-back night (2:00 to the second 2:00) would look like a 0-minute range.
    """
    return (
        span.end is not None and span.start is not None and elapsed(span.start, span.end) != ONE.get(span.grain or "")
    )


def plan_create(span: TimeSpan | None, length: timedelta, tz: str) -> Times | None:
    """The times of a new event from the span the user said (None when it has no start)."""
    if span is None or span.start is None:
        return None
    start = span.start.astimezone(ZoneInfo(tz))
    if span.grain not in TIME_GRAINS:
        from assistant.checks import all_day_bounds

        first, last = all_day_bounds(start, span.end.astimezone(ZoneInfo(tz)) if span.end else None)
        return Times(first, last, True, span.rrule)
    if span.duration:
        end = plus(start, span.duration, tz)
    elif span.end is not None and is_range(span):
        end = span.end.astimezone(ZoneInfo(tz))
    else:
        end = plus(start, length, tz)
    return Times(start, end, False, span.rrule)


def merge(
    old: Times,
    span: TimeSpan | None,
    day_said: bool,
    length_if_timed: timedelta,
    tz: str,
    now: datetime | None = None,
) -> Times | None:
    """The new times of a moved event: the said span merged with the old times by grain
    (a clock time alone keeps the day; `day_said` tells whether the new time names one; a
    bare hour is read as `moved_clock` says, not before `now`)."""
    if span is None or span.start is None:
        return None
    zone = ZoneInfo(tz)
    new = span.start.astimezone(zone) if span.grain in TIME_GRAINS else span.start  # a day keeps its own date
    old_start = old.start.astimezone(zone)
    length = elapsed(old.start, old.end)
    if span.grain in TIME_GRAINS:
        day = new.date() if day_said else old_start.date()
        start = at(day, moved_clock(span, day, old_start, tz, now), tz)
        if span.duration:
            length = span.duration
        elif span.end is not None and is_range(span):
            length = elapsed(span.start, span.end)
        elif old.all_day:
            length = length_if_timed
        return Times(start, plus(start, length, tz), False, old.recurrence)
    if span.grain == "week":
        day = new.date() + timedelta(days=(old_start.weekday() - new.weekday()) % 7)
    else:
        day = new.date()
    start = at(day, time(0) if old.all_day else old_start.time(), tz)
    return Times(start, _add_wall(start, length, old.all_day, tz), old.all_day, old.recurrence)


def moved_clock(span: TimeSpan, day: date, old: datetime, tz: str, now: datetime | None) -> time:
    """The clock time a move puts the event at on `day`: among the span and its am/pm
    alternatives, the reading in waking hours nearest the event's own time of day that is
    not over yet (ties: the earlier one).

    The resolver reads a bare hour for a create: "nine thirty" said at 10:00 is 21:30 today
    (9:30 is over), "saturday at eight" is 08:00 (the earliest waking reading). A move has a
    better guide, the time the event had: a 9:00 standup moved to monday at "nine thirty"
    means 9:30 AM, a 7 PM dinner moved to "saturday at eight" 8 PM. Explicit "pm" and
    24-hour times have no alternatives and are kept as said.
    """
    from nlu.dates.policy import DEFAULT

    zone = ZoneInfo(tz)
    readings = [r.start.astimezone(zone) for r in (span, *span.alternatives) if r.grain == span.grain and r.start]
    primary = readings[0]
    if primary.date() == day:  # on the resolver's own day, only its readings of that day
        readings = [r for r in readings if r.date() == day]
    clocks = [
        r.time()
        for r in readings
        if DEFAULT.day_start <= r.hour < DEFAULT.day_end and (now is None or at(day, r.time(), tz) >= now)
    ]
    if not clocks:
        return primary.time()
    own = old.hour * 60 + old.minute
    return min(clocks, key=lambda c: (abs(c.hour * 60 + c.minute - own), c))


def shifted(old: Times, delta: timedelta, tz: str) -> Times:
    """The times moved by a wall-clock delta ("push it back an hour", "the following day")."""
    zone = ZoneInfo(tz)
    start = old.start.astimezone(zone)
    if delta % timedelta(days=1):  # hours and minutes are elapsed time
        new_start = plus(start, delta, tz)
    else:  # whole days keep the wall clock across DST changes
        new_start = at(start.date() + timedelta(days=delta.days), start.time(), tz)
    return Times(
        new_start, _add_wall(new_start, elapsed(old.start, old.end), old.all_day, tz), old.all_day, old.recurrence
    )


def _add_wall(start: datetime, length: timedelta, all_day: bool, tz: str) -> datetime:
    if all_day:
        days = max(1, round(length / timedelta(days=1)))
        return at(start.date() + timedelta(days=days), time(0), tz)
    return plus(start, length, tz)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time between two aware moments (Python subtracts wall clocks within one zone)."""
    utc = ZoneInfo("UTC")
    return end.astimezone(utc) - start.astimezone(utc)


def plus(moment: datetime, delta: timedelta, tz: str) -> datetime:
    """`moment` + elapsed `delta` (through UTC, so a DST change does not bend it)."""
    return (moment.astimezone(ZoneInfo("UTC")) + delta).astimezone(ZoneInfo(tz))
