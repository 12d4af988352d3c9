"""Pieces to one TimeSpan: relations first (relations.py), then day + time + duration.

The order of pieces in the phrase does not matter ("at 4 tomorrow afternoon" and
"tomorrow afternoon at 4" give the same pieces). A zone word re-reads the phrase on that
zone's clock; "every" hands over to recurrence.py; a leading until / by / after opens the
span at one end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from nlu.dates.calendar import GRAIN_STEP, Context
from nlu.dates.pieces import Day, DayRange, Dur, Num, Period, Piece, Pod, Recur, Time, TimeRange, Word, Zone
from nlu.dates.relations import (
    SUB_DAY,
    as_time,
    merge_durations,
    offsets,
    on_or_after,
    ranges,
    same_month,
    year_of_weekday,
)
from nlu.dates.rules_parts import narrow_day_parts
from nlu.dates.times import resolve_time, resolve_time_range
from nlu.exceptions import BadDatePhrase
from nlu.result import GRAINS, TimeSpan

MODES = ("until", "by", "before", "after")


def combine(pieces: list[Piece], ctx: Context) -> TimeSpan | None:
    """The span the pieces mean together, or None when they do not fit together."""
    zones = [p for p in pieces if isinstance(p, Zone)]
    if zones:  # "3pm pacific": read on that zone's clock, returned on the user's
        there = Context(ctx.now.astimezone(ZoneInfo(zones[0].name)), ctx.policy)
        span = combine([p for p in pieces if not isinstance(p, Zone)], there)
        return _to_zone(span, ctx.tz) if span is not None else None
    pieces = offsets(merge_durations(narrow_day_parts(pieces)), ctx)
    if any(isinstance(p, Recur) or (isinstance(p, Word) and p.text == "every") for p in pieces):
        # imported here: dateutil.rrule and the rule check cost a CLI start-up ~20 ms, and
        # most phrases repeat nothing
        from nlu.dates.recurrence import recurrence

        return recurrence(pieces, ctx)
    pieces = ranges(pieces, ctx)
    mode = _mode(pieces)
    if mode is None:
        joined = _split_range(pieces, ctx)
        if joined is not None:
            return joined
    shifted = _shifted_time(pieces, ctx)
    if shifted is not None:
        return shifted
    content = [p for p in pieces if not isinstance(p, Word)]
    span = _assemble(content, ctx)
    if span is None or mode is None or (mode == "by" and span.start is None):
        return span  # "by a week": the length of a shift
    return _open_span(span, mode, ctx, day_first=not isinstance(pieces[0], Word))


def _to_zone(span: TimeSpan, tz) -> TimeSpan:
    def move(moment: datetime | None) -> datetime | None:
        return moment.astimezone(tz) if moment is not None else None

    return replace(
        span, start=move(span.start), end=move(span.end), alternatives=tuple(_to_zone(a, tz) for a in span.alternatives)
    )


def _split_range(pieces: list[Piece], ctx: Context) -> TimeSpan | None:
    """ "from monday 9am to friday 5pm", "tomorrow until 5": each side read on its own (the
    right side borrows the left's day when it names none), then joined."""
    for k, piece in enumerate(pieces):
        if not (isinstance(piece, Word) and piece.text in ("to", "until")):
            continue
        left = [p for p in pieces[:k] if not isinstance(p, Word)]
        right: list[Piece] = [p for p in pieces[k + 1 :] if not isinstance(p, Word)]
        if not left or not right:
            continue
        if not any(isinstance(p, (Day, DayRange, Period)) for p in right):
            right += [p for p in left if isinstance(p, Day)]
        first = _assemble(left, ctx)
        if first is None or first.start is None:
            continue
        right = [on_or_after(p, first.start.date()) for p in right]
        last = _assemble(right, ctx)
        if last is None or last.start is None:
            continue
        end = last.start if last.grain in SUB_DAY else last.end
        if end is not None and end.timestamp() > first.start.timestamp():
            grain = min(first.grain, last.grain, key=GRAINS.index)
            return TimeSpan(first.start, end, grain)
    return None


def _shifted_time(pieces: list[Piece], ctx: Context) -> TimeSpan | None:
    """ "3 hours after noon tomorrow", "an hour before noon on friday": the time read with its
    day, then moved by the amount; the grain is the amount's ("an hour": hour)."""
    for k in range(len(pieces) - 2):
        dur, word, anchor = pieces[k], pieces[k + 1], pieces[k + 2]
        if not (
            isinstance(dur, Dur)
            and dur.grain in SUB_DAY
            and isinstance(word, Word)
            and word.text in ("after", "before")
            and isinstance(anchor, (Time, Num))
            and not (k and _is_for(pieces[k - 1]))
        ):
            continue
        span = _assemble([p for p in pieces[:k] + pieces[k + 2 :] if not isinstance(p, Word)], ctx)
        if span is None or span.start is None or span.grain not in SUB_DAY:
            return None
        sign = 1 if word.text == "after" else -1
        start = _add(
            span.start,
            relativedelta(
                hours=sign * dur.delta.hours, minutes=sign * dur.delta.minutes, seconds=sign * dur.delta.seconds
            ),
            ctx,
        )
        return TimeSpan(start, ctx.after(start, GRAIN_STEP[dur.grain]), dur.grain)
    return None


def _is_for(piece: Piece) -> bool:
    return isinstance(piece, Word) and piece.text == "for"


def _mode(pieces: list[Piece]) -> str | None:
    """until / by / before / after when it leads the phrase (before the first real piece);
    after / before also right behind a day ("friday after lunch", "tomorrow before noon")."""
    day_said = False
    for piece in pieces:
        if isinstance(piece, Word):
            if piece.text in MODES and (not day_said or piece.text in ("after", "before")):
                return piece.text
            continue
        if isinstance(piece, Day) and not day_said:
            day_said = True
            continue
        return None
    return None


def _open_span(span: TimeSpan, mode: str, ctx: Context, day_first: bool = False) -> TimeSpan | None:
    """until/by X: from now to X; after X: from X to the end of its day. `day_first`: the
    day was said before the mode word ("friday before noon" starts on friday)."""
    if span.start is None or span.end is None:
        return None
    day_level = span.grain not in SUB_DAY
    if mode in ("until", "by", "before"):
        end = span.end if day_level and mode != "before" else span.start
        if end <= ctx.now:
            return span
        start = ctx.now  # a deadline: "before 5pm tomorrow", "by friday EOD"
        if day_first and not day_level:  # "friday before noon": that day's morning
            start = max(ctx.now, ctx.day_span(span.start.date(), span.start.date())[0])
        return TimeSpan(start, end, span.grain, open_start=True)
    longer_than_grain = span.end - span.start > GRAIN_STEP.get(span.grain or "", timedelta(0))
    start = span.end if day_level or longer_than_grain else span.start  # "after lunch": from 14:00
    end = ctx.day_span(start.date(), start.date())[1]
    return TimeSpan(start, end, span.grain, open_end=True)


# ---- assembly: one day, one time (or part of day, or time range), one duration ----------


DAY_OR_COARSER = frozenset({"day", "week", "month", "year"})


def _assemble(content: Sequence[Piece], ctx: Context) -> TimeSpan | None:
    durs = [p for p in content if isinstance(p, Dur)]
    duration = durs[0].delta if durs else None
    rest = [p for p in content if not isinstance(p, Dur)]
    if not rest:
        return _pure_duration(durs[0], ctx) if durs else None
    span = _dated(rest, ctx)
    if span is None or duration is None or span.start is None:
        return span
    end = _add(span.start, duration, ctx)
    if span.grain in DAY_OR_COARSER and span.end is not None and end < span.end:
        end = span.end  # "tomorrow for 2 hours": two hours somewhere in tomorrow, not its first two
    return TimeSpan(span.start, end, span.grain, duration=_said(duration, span.start), alternatives=span.alternatives)


def _pure_duration(dur: Dur, ctx: Context) -> TimeSpan:
    return TimeSpan(None, None, dur.grain, duration=_said(dur.delta, ctx.now))


def _add(start: datetime, delta: relativedelta, ctx: Context) -> datetime:
    """start + delta: days and longer on the wall clock, hours and shorter as elapsed time."""
    wall = start.replace(tzinfo=None) + relativedelta(years=delta.years, months=delta.months, days=delta.days)
    moment = ctx.local(wall)
    return ctx.after(moment, timedelta(hours=delta.hours, minutes=delta.minutes, seconds=delta.seconds))


def _said(delta: relativedelta, start: datetime) -> timedelta:
    """The duration as said ("for a week" is 7 days even across a DST change)."""
    wall = start.replace(tzinfo=None)
    return (wall + delta) - wall


def _dated(rest: Sequence[Piece], ctx: Context) -> TimeSpan | None:
    """The span of one day (or day range, or period) with at most one time on it."""
    days = sorted((p for p in rest if isinstance(p, Day)), key=lambda d: -d.rank)
    periods = [p for p in rest if isinstance(p, Period)]
    ranges = [p for p in rest if isinstance(p, DayRange)]
    nums = [as_time(p) for p in rest if isinstance(p, Num)]
    if None in nums:  # "tomorrow at 25": no hour of the day, never dropped for the day alone
        bad = next(p.value for p in rest if isinstance(p, Num) and as_time(p) is None)
        raise BadDatePhrase(f"{bad} is no time of day (hours run from 0 to 24)")
    times = [p for p in rest if isinstance(p, (Time, TimeRange))] + [t for t in nums if t]
    pods = [p for p in rest if isinstance(p, Pod)]
    if ranges:
        return TimeSpan(*ctx.day_span(ranges[0].first.date, ranges[0].last.date), "day")
    day, periods = _the_day(days, periods, bool(times), ctx)
    moment = next((p for p in periods if p.grain in SUB_DAY), None)
    if moment is not None and not times and (day is None or day.date == moment.start.date()):
        return _period_span(moment)  # "today in 90 minutes", "later today in 2 hrs"
    if day is None and periods:
        return _period_span(periods[0])
    return _day_and_time(day, times[0] if times else None, pods[0] if pods else None, ctx)


def _the_day(days: list[Day], periods: list[Period], timed: bool, ctx: Context) -> tuple[Day | None, list[Period]]:
    """The day the pieces name, placed by the others ("tuesday the 19th", "wednesday next
    week", "the 5th of next month", "this time next week"); the periods not used up."""
    day = days[0] if days else None
    week = next((p for p in periods if p.week is not None), None)
    named = next((d.weekday for d in days if d.weekday is not None), None)  # a weekday said
    if day is not None and day.year_free and named is not None:
        day = year_of_weekday(day, named)
    if day is not None and day.dom_only:
        day = _dom_on_weekday(day, named) if named is not None else day
        month = next((p for p in periods if p.grain == "month"), None)
        moved = same_month(month.start.date(), day.date.day) if month is not None else None
        day = Day(moved, month_known=True, rank=3) if moved else day
    # the day's weekday in that week; no day: today's weekday, when a time was said
    weekday = day.weekday if day is not None else ctx.today.weekday() if timed else None
    if week is not None and week.week is not None and weekday is not None:
        day = Day(week.week + timedelta(days=(weekday - ctx.policy.week_start) % 7))
        periods = [p for p in periods if p is not week]
    return day, periods


def _dom_on_weekday(day: Day, weekday: int) -> Day:
    """The first date from `day` on with its day of the month that falls on `weekday`."""
    found = day.date
    for _ in range(28):
        if found.weekday() == weekday:
            return Day(found, rank=day.rank, dom_only=True)
        found = same_month(found + relativedelta(months=1, day=1), day.date.day) or found + relativedelta(
            months=1, day=1
        )
    return day


def _period_span(period: Period) -> TimeSpan:
    alts = tuple(TimeSpan(*alt) for alt in period.alts)
    return TimeSpan(
        period.start,
        period.end,
        period.grain,
        alternatives=alts,
        open_start=period.open_start,
        open_end=period.open_end,
    )


def _day_and_time(day: Day | None, clock: Time | TimeRange | None, pod: Pod | None, ctx: Context) -> TimeSpan | None:
    if clock is None and pod is None:
        if day is None:
            return None
        main = TimeSpan(*ctx.day_span(day.date, day.date), "day")
        alts = tuple(TimeSpan(*ctx.day_span(d, d), "day") for d in day.alts)
        return TimeSpan(main.start, main.end, "day", alternatives=alts)
    on = day.date if day is not None else None
    if isinstance(clock, TimeRange):
        span = resolve_time_range(clock, on, pod, ctx)
    elif clock is not None:
        span = resolve_time(clock, on, pod, ctx)
    else:
        assert pod is not None  # no clock and no part of the day returned above
        span = _pod_span(pod, on, ctx)
    if span is None or day is None or not day.alts:
        return span
    alts = tuple(
        TimeSpan(s.start, s.end, s.grain)
        for d in day.alts
        for s in [_day_and_time(Day(d), clock, pod, ctx)]
        if s is not None
    )
    return TimeSpan(span.start, span.end, span.grain, alternatives=alts + span.alternatives)


def _pod_span(pod: Pod, on: date | None, ctx: Context) -> TimeSpan:
    """A part of the day on `on`; without a day, today's unless it is over, else tomorrow's."""

    def bounds(day: date) -> tuple[datetime, datetime]:
        midnight = datetime.combine(day, time())
        return ctx.local(midnight + timedelta(hours=pod.start)), ctx.local(midnight + timedelta(hours=pod.end))

    if on is None:
        on = ctx.today
        if ctx.policy.future_bias and bounds(on)[1] <= ctx.now:
            on += timedelta(days=1)
    return TimeSpan(*bounds(on), "hour")
