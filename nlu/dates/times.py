"""Clock times onto days: which of 4:00 / 16:00 "at 4" means, and on which day.

Rules (docs/dates.md): an explicit am/pm or a 24-hour time is taken as said. A bare hour
is read into the part of the day named with it ("nine tonight" 21:00, "ten in the morning"
10:00), else into the waking hours [policy.day_start, policy.day_end): "at 4" is 16:00,
"at 9" is 09:00 or 21:00. Without a day, the first such reading still to come is chosen
(future bias); the other reading is offered in `alternatives`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from nlu.dates.calendar import GRAIN_STEP, Context
from nlu.dates.pieces import Pod, Time, TimeRange
from nlu.result import TimeSpan


def clock_readings(t: Time, pod: Pod | None, ctx: Context) -> tuple[list[int], list[int]]:
    """(preferred hours in order, other possible hours) for a clock time."""
    if t.ampm == "am":
        return [0 if t.hour == 12 else t.hour], []
    if t.ampm == "pm":
        return [12 if t.hour == 12 else t.hour + 12], []
    if t.exact or t.hour == 0 or t.hour > 12:
        return [t.hour], []
    both = [t.hour % 12, t.hour % 12 + 12] if t.hour != 12 else [12, 0]
    if pod is not None:
        inside = [h for h in both if pod.start <= h + t.minute / 60 <= pod.end]
        if inside:
            return inside[:1], []  # the part of the day settles it
        if pod.end <= 12 or pod.start >= 12:  # "three in the morning", "nine at night"
            return [both[0] if pod.end <= 12 else both[1]], []
    lo, hi = ctx.policy.day_start, ctx.policy.day_end
    waking = sorted(h for h in both if lo <= h < hi)
    return (waking or both[:1]), [h for h in both if h not in waking] if waking else both[1:]


def _at(day: date, hour: int, t: Time, ctx: Context) -> datetime:
    wall = datetime.combine(day, time(hour, t.minute, t.second))
    if t.next_day:
        wall += timedelta(days=1)
    return ctx.local(wall)


def _first_after(day_hours: list[int], t: Time, ctx: Context, on: date | None) -> tuple[datetime, int]:
    """The earliest reading on `on`; without a day, the first one not before now.
    Returns the moment and the hour reading it came from."""
    if on is not None:
        return _at(on, day_hours[0], t, ctx), day_hours[0]
    candidates = sorted(
        ((_at(ctx.today + timedelta(days=k), h, t, ctx), h) for k in (0, 1) for h in day_hours),
        key=lambda c: c[0].timestamp(),
    )
    if not ctx.policy.future_bias:
        return candidates[0]
    now = ctx.now.timestamp()
    return next((c for c in candidates if c[0].timestamp() >= now), candidates[-1])


def _point(start: datetime, grain: str, ctx: Context) -> TimeSpan:
    return TimeSpan(start, ctx.after(start, GRAIN_STEP[grain]), grain)


def resolve_time(t: Time, on: date | None, pod: Pod | None, ctx: Context) -> TimeSpan:
    """A clock time (with an optional day and part of day) as a span of its grain."""
    preferred, others = clock_readings(t, pod, ctx)
    start, hour = _first_after(preferred, t, ctx, on)
    alts = tuple(_point(_first_after([h], t, ctx, on)[0], t.grain, ctx) for h in preferred + others if h != hour)
    main = _point(start, t.grain, ctx)
    return TimeSpan(main.start, main.end, main.grain, alternatives=alts)


def resolve_time_range(tr: TimeRange, on: date | None, pod: Pod | None, ctx: Context) -> TimeSpan:
    """ "2-3pm", "from 10:30 to noon", "between 2 and 4": the first end decides the second."""
    first, last = tr.first, tr.last
    if first.ampm is None and not first.exact and last.ampm is not None and first.hour <= 12:
        cand = Time(first.hour, first.minute, first.second, last.ampm, first.grain)
        last_hour = clock_readings(last, pod, ctx)[0][0]
        first_hour = clock_readings(cand, pod, ctx)[0][0]
        if first_hour * 60 + first.minute > last_hour * 60 + last.minute:
            cand = Time(first.hour, first.minute, first.second, "am" if last.ampm == "pm" else "pm", first.grain)
        first = cand
    start_hours, _ = clock_readings(first, pod, ctx)
    start = _first_after(start_hours, first, ctx, on)[0]
    end = _end_after(start, last, pod, ctx)
    grain = "minute" if "minute" in (first.grain, last.grain) else "hour"
    return TimeSpan(start, end, grain)


def _end_after(start: datetime, last: Time, pod: Pod | None, ctx: Context) -> datetime:
    """The first reading of `last` after `start` (same day, or the next one)."""
    preferred, others = clock_readings(last, pod, ctx)
    hours = preferred if last.ampm or last.exact else sorted(preferred + others)
    day = start.date()
    for k in (0, 1):
        for h in hours:
            moment = _at(day + timedelta(days=k), h, last, ctx)
            if moment.timestamp() > start.timestamp():
                return moment
    return ctx.after(start, timedelta(hours=1))
