"""Pieces to one TimeSpan: offsets first, then ranges, then day + time + duration.

The order of pieces in the phrase does not matter ("at 4 tomorrow afternoon" and
"tomorrow afternoon at 4" give the same pieces); connectors that relate neighbours
("3 to 5", "two days after christmas", "in 20 minutes") are applied before assembly.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from nlu.dates.calendar import GRAIN_STEP, Context, week_start
from nlu.dates.pieces import Day, DayRange, Dur, Num, Period, Piece, Pod, Recur, Time, TimeRange, Word, Zone
from nlu.dates.recurrence import recurrence
from nlu.dates.times import resolve_time, resolve_time_range
from nlu.result import GRAINS, TimeSpan

SUB_DAY = ("second", "minute", "hour")
MODES = ("until", "by", "before", "after")


def combine(pieces: list[Piece], ctx: Context) -> TimeSpan | None:
    """The span the pieces mean together, or None when they do not fit together."""
    zones = [p for p in pieces if isinstance(p, Zone)]
    if zones:  # "3pm pacific": read on that zone's clock, returned on the user's
        there = Context(ctx.now.astimezone(ZoneInfo(zones[0].name)), ctx.policy)
        span = combine([p for p in pieces if not isinstance(p, Zone)], there)
        return _to_zone(span, ctx.tz) if span is not None else None
    pieces = _offsets(_merge_durations(pieces), ctx)
    if any(isinstance(p, Recur) or (isinstance(p, Word) and p.text == "every") for p in pieces):
        return recurrence(pieces, ctx)
    pieces = _ranges(pieces, ctx)
    mode = _mode(pieces)
    if mode is None:
        joined = _split_range(pieces, ctx)
        if joined is not None:
            return joined
    content = [p for p in pieces if not isinstance(p, Word)]
    span = _assemble(content, ctx)
    if span is None or mode is None:
        return span
    return _open_span(span, mode, ctx)


def _to_zone(span: TimeSpan, tz) -> TimeSpan:
    def move(moment: datetime | None) -> datetime | None:
        return moment.astimezone(tz) if moment is not None else None

    return replace(span, start=move(span.start), end=move(span.end),
                   alternatives=tuple(_to_zone(a, tz) for a in span.alternatives))


def _merge_durations(pieces: list[Piece]) -> list[Piece]:
    """"an hour and 30 minutes", "1 hr 30 min": one duration."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Dur) and out:
            k = len(out) - 1 - (isinstance(out[-1], Word) and out[-1].text == "and")
            if k >= 0 and isinstance(out[k], Dur) and GRAINS.index(piece.grain) < GRAINS.index(out[k].grain):
                prev = out[k]
                del out[k:]
                out.append(Dur(prev.delta + piece.delta, piece.grain, piece.unit, prev.count))
                continue
        out.append(piece)
    return out


# ---- offsets: in 20 minutes, two weeks ago, a day from now, two days after christmas --------

def _offsets(pieces: list[Piece], ctx: Context) -> list[Piece]:
    out: list[Piece] = []
    k = 0
    while k < len(pieces):
        piece = pieces[k]
        nxt = pieces[k + 1] if k + 1 < len(pieces) else None
        before = out[-1] if out else None
        anchor = pieces[k + 2] if k + 2 < len(pieces) else None
        if isinstance(piece, Word) and piece.text == "week_of" and isinstance(nxt, Day):
            first = week_start(nxt.date, ctx.policy.week_start)
            out.append(Period(*ctx.day_span(first, first + timedelta(days=6)), "week", week=first))
            k += 2
            continue
        if (isinstance(piece, Day) and piece.weekday is not None and isinstance(nxt, Word)
                and nxt.text in ("after", "before") and isinstance(anchor, Day)):
            out.append(_weekday_beside(piece, anchor, nxt.text))  # "the monday after thanksgiving"
            k += 3
            continue
        if isinstance(piece, Dur):
            after_word = nxt.text if isinstance(nxt, Word) else None
            if isinstance(before, Word) and before.text in ("in", "within") or after_word in ("ago", "later"):
                sign = -1 if after_word == "ago" else 1
                within = isinstance(before, Word) and before.text == "within"
                if isinstance(before, Word) and before.text in ("in", "within"):
                    out.pop()
                out.append(_offset(piece, sign, ctx, within))
                k += 2 if after_word in ("ago", "later") else 1
                continue
            if after_word in ("after", "before", "from") and isinstance(anchor, Day) and piece.grain not in SUB_DAY:
                sign = -1 if after_word == "before" else 1
                out.append(Day(anchor.date + sign * piece.delta, rank=anchor.rank, month_known=anchor.month_known))
                k += 3
                continue
        out.append(piece)
        k += 1
    return out


def _weekday_beside(day: Day, anchor: Day, word: str) -> Day:
    step = 1 if word == "after" else -1
    found = anchor.date + timedelta(days=step)
    while found.weekday() != day.weekday:
        found += timedelta(days=step)
    return Day(found, rank=anchor.rank, month_known=anchor.month_known)


def _offset(dur: Dur, sign: int, ctx: Context, within: bool) -> Piece:
    if dur.grain in SUB_DAY:
        moment = ctx.shift(timedelta(days=dur.delta.days, hours=dur.delta.hours, minutes=dur.delta.minutes,
                                     seconds=dur.delta.seconds) * sign)
        moment = moment.replace(microsecond=0) if dur.grain == "second" else moment.replace(second=0, microsecond=0)
        if within:
            return Period(ctx.now, moment, dur.grain, open_start=True)
        return Period(moment, ctx.after(moment, GRAIN_STEP[dur.grain]), dur.grain)
    target = ctx.today + sign * dur.delta
    if within:
        return Period(ctx.now, ctx.day_span(target, target)[1], "day", open_start=True)
    return Day(target, rank=2)


# ---- ranges: 2-3pm, from 10:30 to noon, between 2 and 4, august 3 to 5, monday to friday --

def _ranges(pieces: list[Piece], ctx: Context) -> list[Piece]:
    out: list[Piece] = []
    between = False
    k = 0
    while k < len(pieces):
        piece = pieces[k]
        if isinstance(piece, Word) and piece.text == "between":
            between = True
        if isinstance(piece, Word) and piece.text in ("to", "until", "and") and out and k + 1 < len(pieces):
            joined = None
            if piece.text != "and" or between:
                joined = _pair(out[-1], pieces[k + 1], ctx)
            if joined is not None:
                out[-1] = joined
                k += 2
                continue
        out.append(piece)
        k += 1
    return out


def _split_range(pieces: list[Piece], ctx: Context) -> TimeSpan | None:
    """"from monday 9am to friday 5pm", "tomorrow until 5": each side read on its own (the
    right side borrows the left's day when it names none), then joined."""
    for k, piece in enumerate(pieces):
        if not (isinstance(piece, Word) and piece.text in ("to", "until")):
            continue
        left = [p for p in pieces[:k] if not isinstance(p, Word)]
        right = [p for p in pieces[k + 1:] if not isinstance(p, Word)]
        if not left or not right:
            continue
        if not any(isinstance(p, (Day, DayRange, Period)) for p in right):
            right += [p for p in left if isinstance(p, Day)]
        first = _assemble(left, ctx)
        if first is None or first.start is None:
            continue
        right = [_on_or_after(p, first.start.date()) for p in right]
        last = _assemble(right, ctx)
        if last is None or last.start is None:
            continue
        end = last.start if last.grain in SUB_DAY else last.end
        if end.timestamp() > first.start.timestamp():
            grain = min(first.grain, last.grain, key=GRAINS.index)
            return TimeSpan(first.start, end, grain)
    return None


def _on_or_after(piece: Piece, day: date) -> Piece:
    """A weekday piece moved to its first occurrence on or after `day` ("monday to friday")."""
    if not isinstance(piece, Day) or piece.weekday is None or piece.date >= day:
        return piece
    weeks = -(-(day - piece.date).days // 7)
    return Day(piece.date + timedelta(days=7 * weeks), weekday=piece.weekday)


def _pair(left: Piece, right: Piece, ctx: Context) -> Piece | None:
    if isinstance(left, (Time, Num)) and isinstance(right, (Time, Num)):
        first, last = _as_time(left), _as_time(right)
        return TimeRange(first, last) if first and last else None
    if isinstance(left, Day) and isinstance(right, Day):
        if left.month_known and not right.month_known and right.weekday is None:
            right = Day(_same_month(left.date, right.date.day) or right.date)
        last = right.date
        while last < left.date and right.weekday is not None:
            last += timedelta(days=7)
        return DayRange(left, Day(last)) if last >= left.date else None
    if isinstance(left, Day) and isinstance(right, Num) and left.month_known and left.date.day < right.value <= 31:
        try:
            return DayRange(left, Day(left.date.replace(day=right.value)))
        except ValueError:
            return None
    if isinstance(left, Num) and isinstance(right, Day) and right.month_known and 1 <= left.value < right.date.day:
        return DayRange(Day(right.date.replace(day=left.value)), right)
    if isinstance(left, Period) and isinstance(right, Period) and right.end > left.start:
        return Period(left.start, right.end, left.grain)
    return None


def _same_month(day: date, dom: int) -> date | None:
    try:
        return day.replace(day=dom)
    except ValueError:
        return None


def _as_time(piece: Piece) -> Time | None:
    if isinstance(piece, Time):
        return piece
    if isinstance(piece, Num) and 0 <= piece.value <= 24:
        if piece.value == 24:
            return Time(0, exact=True, next_day=True)
        return Time(piece.value, exact=piece.value == 0 or piece.value > 12)
    return None


def _mode(pieces: list[Piece]) -> str | None:
    """until / by / before / after when it leads the phrase (before the first real piece)."""
    for piece in pieces:
        if isinstance(piece, Word):
            if piece.text in MODES:
                return piece.text
            continue
        return None
    return None


def _open_span(span: TimeSpan, mode: str, ctx: Context) -> TimeSpan | None:
    """until/by X: from now to X; after X: from X to the end of its day."""
    if span.start is None:
        return None
    day_level = span.grain not in SUB_DAY
    if mode in ("until", "by", "before"):
        end = span.end if day_level and mode != "before" else span.start
        if end <= ctx.now:
            return span
        return TimeSpan(ctx.now, end, span.grain, open_start=True)
    longer_than_grain = span.end - span.start > GRAIN_STEP.get(span.grain, timedelta(0))
    start = span.end if day_level or longer_than_grain else span.start  # "after lunch": from 14:00
    end = ctx.day_span(start.date(), start.date())[1] if not day_level else ctx.after(start, span.end - span.start)
    end = ctx.day_span(start.date(), start.date())[1] if day_level else end
    return TimeSpan(start, end, span.grain, open_end=True)


# ---- assembly: one day, one time (or part of day, or time range), one duration ----------

def _assemble(content: list[Piece], ctx: Context) -> TimeSpan | None:
    durs = [p for p in content if isinstance(p, Dur)]
    duration = durs[0].delta if durs else None
    rest = [p for p in content if not isinstance(p, Dur)]
    if not rest:
        return _pure_duration(durs[0], ctx) if durs else None
    span = _dated(rest, ctx)
    if span is None or duration is None or span.start is None:
        return span
    end = _add(span.start, duration, ctx)
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


def _dated(rest: list[Piece], ctx: Context) -> TimeSpan | None:
    days = sorted((p for p in rest if isinstance(p, Day)), key=lambda d: -d.rank)
    periods = [p for p in rest if isinstance(p, Period)]
    ranges = [p for p in rest if isinstance(p, DayRange)]
    times = [p for p in rest if isinstance(p, (Time, TimeRange))] + [t for t in map(_as_time, (p for p in rest if isinstance(p, Num))) if t]
    pods = [p for p in rest if isinstance(p, Pod)]
    if ranges:
        first, last = ctx.day_span(ranges[0].first.date, ranges[0].last.date)
        return TimeSpan(first, last, "day")
    day = days[0] if days else None
    if day is not None and day.dom_only:
        named = next((d for d in days if d.weekday is not None), None)
        day = _dom_on_weekday(day, named.weekday) if named is not None else day  # "tuesday the 19th"
    if day is not None and day.weekday is not None:
        week = next((p for p in periods if p.week is not None), None)
        if week is not None:
            periods.remove(week)
            day = Day(week.week + timedelta(days=(day.weekday - ctx.policy.week_start) % 7))
    if day is not None and day.dom_only:
        month = next((p for p in periods if p.grain == "month"), None)
        if month is not None and _same_month(month.start.date(), day.date.day):  # "the 5th of next month"
            day = Day(_same_month(month.start.date(), day.date.day), month_known=True, rank=3)
    week = next((p for p in periods if p.week is not None), None)
    if day is None and week is not None and times:  # "this time next week": today's weekday then
        day = Day(week.week + timedelta(days=(ctx.today.weekday() - ctx.policy.week_start) % 7))
    if day is None and periods:
        return _period_span(periods[0])
    return _day_and_time(day, times[0] if times else None, pods[0] if pods else None, ctx)


def _dom_on_weekday(day: Day, weekday: int) -> Day:
    """The first date from `day` on with its day of the month that falls on `weekday`."""
    found = day.date
    for _ in range(28):
        if found.weekday() == weekday:
            return Day(found, rank=day.rank, dom_only=True)
        found = _same_month(found + relativedelta(months=1, day=1), day.date.day) or found + relativedelta(months=1, day=1)
    return day


def _period_span(period: Period) -> TimeSpan:
    return TimeSpan(period.start, period.end, period.grain, open_start=period.open_start, open_end=period.open_end)


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
        span = _pod_span(pod, on, ctx)
    if span is None or day is None or not day.alts:
        return span
    alts = tuple(s for d in day.alts for s in [_day_and_time(Day(d), clock, pod, ctx)] if s is not None)
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

