"""Recurring phrases ("every other monday at nine", "weekdays", "the 15th of every month")
as a first occurrence plus an RFC 5545 RRULE line built with dateutil.rrule.

The RRULE line has no DTSTART: the span's start is the first occurrence, so
`dateutil.rrule.rrulestr(span.rrule, dtstart=span.start.replace(tzinfo=None))` gives the
wall-clock occurrences. An end said with it ("for two weeks", "until june") becomes UNTIL
(a wall time, the last second the rule may produce an occurrence in).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from dateutil import rrule as rr
from dateutil.relativedelta import relativedelta

from nlu.dates.calendar import GRAIN_STEP, Context
from nlu.dates.pieces import Day, Dur, Num, Period, Piece, Pod, Recur, Time, Word
from nlu.dates.rrule_limits import check_rrule
from nlu.dates.times import clock_readings
from nlu.exceptions import BadDatePhrase, BadRecurrence
from nlu.result import TimeSpan

FREQ = {
    "year": rr.YEARLY,
    "quarter": rr.MONTHLY,
    "month": rr.MONTHLY,
    "week": rr.WEEKLY,
    "day": rr.DAILY,
    "hour": rr.HOURLY,
    "minute": rr.MINUTELY,
    "second": rr.SECONDLY,
}
DAYS = (rr.MO, rr.TU, rr.WE, rr.TH, rr.FR, rr.SA, rr.SU)


def recurrence(pieces: list[Piece], ctx: Context) -> TimeSpan | None:
    """The first occurrence (from now on) and the rule, or None when no rule is said."""
    cut = next(
        (k for k, p in enumerate(pieces) if isinstance(p, Word) and p.text in ("until", "to", "by")), len(pieces)
    )
    pieces, limit = pieces[:cut], [p for p in pieces[cut + 1 :] if isinstance(p, (Day, Period))]
    pieces = _without_exceptions(pieces)
    rule = _rule_parts(pieces, ctx)
    if rule is None:
        return None
    kwargs, grain, length, lasting = rule
    wall = ctx.wall.replace(second=0, microsecond=0)
    if grain in ("day",):
        threshold = datetime.combine(ctx.today, time())
    else:
        threshold = wall - length + timedelta(seconds=1) if length > GRAIN_STEP.get(grain, length) else wall
    begins = _start_bound(pieces, kwargs)
    if begins is not None:
        threshold = max(threshold, datetime.combine(begins, time()))
    start_at = (
        datetime.combine(ctx.today, time()) if kwargs["freq"] not in (rr.HOURLY, rr.MINUTELY, rr.SECONDLY) else wall
    )
    interval = kwargs.pop("interval", 1)
    first = rr.rrule(dtstart=start_at, count=400, **kwargs).after(threshold, inc=True)
    if first is None:
        return None
    until = _until(first, limit, lasting)
    line = str(rr.rrule(dtstart=first, interval=interval, until=until, **kwargs)).splitlines()[-1]
    try:
        check_rrule(line, first)  # the one check every door uses: what we make, storage accepts
    except BadRecurrence as err:
        raise BadDatePhrase(f"this repeat cannot be stored: {err}") from err
    start = ctx.local(first)
    end = ctx.local(first + length) if grain == "day" else ctx.after(start, length)
    return TimeSpan(start, end, grain, rrule=line)


def _start_bound(pieces: list[Piece], kwargs: dict) -> date | None:
    """The day a rule starts from when one is said beside it and the rule does not use it:
    "every tuesday starting [december 8]", "every day starting [tomorrow]", "every tuesday
    from [next week]", "weekly on mondays beginning [next month]"; the first occurrence is
    the first on or after it. A date the rule is made of ("the 15th of every month", "every
    july 4th", "every first monday of the month") starts nothing."""
    if "bymonthday" in kwargs or "bymonth" in kwargs:
        return None
    if any(isinstance(w, rr.weekday) and w.n for w in kwargs.get("byweekday", ())):
        return None
    for piece in pieces:
        if isinstance(piece, Day) and piece.weekday is None and piece.nth is None:
            return piece.date
        if isinstance(piece, Period) and piece.grain in ("day", "week", "month", "quarter", "year"):
            return piece.start.date()
    return None


def _without_exceptions(pieces: list[Piece]) -> list[Piece]:
    """ "every day except weekends": the weekdays said after "except" taken out of the rule."""
    cut = next((k for k, p in enumerate(pieces) if isinstance(p, Word) and p.text == "except"), None)
    if cut is None:
        return pieces
    before, after = pieces[:cut], pieces[cut + 1 :]
    recurs = [p for p in before if isinstance(p, Recur)]
    said = weekdays_of(recurs, [p for p in before if isinstance(p, Day)]) or list(range(7))
    dropped = set(weekdays_of([p for p in after if isinstance(p, Recur)], [p for p in after if isinstance(p, Day)]))
    kept = tuple(d for d in said if d not in dropped)
    if not kept:
        return before
    interval = max((r.interval for r in recurs), default=1)
    rest = [p for p in before if not isinstance(p, (Recur, Day)) or (isinstance(p, Day) and p.weekday is None)]
    rest += [p for p in after if not isinstance(p, (Recur, Day))]  # "... except wednesday at 10"
    return [*rest, Recur("week", interval, kept)]


def _until(first: datetime, limit: list[Day | Period], lasting: relativedelta | None) -> datetime | None:
    """The last wall second of the rule: "until june" (end of june), "for two weeks" (from first)."""
    last_second = timedelta(seconds=1)
    bound = limit[0] if limit else None
    if isinstance(bound, Day):
        return datetime.combine(bound.date, time()) + timedelta(days=1) - last_second
    if bound is not None:
        until = bound.end.replace(tzinfo=None) - last_second
        if until < first and bound.grain == "month" and bound.start.replace(tzinfo=None) <= first:
            until += relativedelta(years=1)  # "every monday until june" said late in june: next june
        return until
    return first + lasting - last_second if lasting is not None else None


def _rule_parts(pieces: list[Piece], ctx: Context) -> tuple[dict, str, timedelta, relativedelta | None] | None:
    """rrule keyword arguments, the grain and length of one occurrence, and how long it lasts."""
    recurs = [p for p in pieces if isinstance(p, Recur)]
    durs = [p for p in pieces if isinstance(p, Dur)]
    days = [p for p in pieces if isinstance(p, Day)]
    times = [p for p in pieces if isinstance(p, Time)] + [
        Time(p.value) for p in pieces if isinstance(p, Num) and 1 <= p.value <= 23
    ]
    pods = [p for p in pieces if isinstance(p, Pod)]
    interval = max((r.interval for r in recurs), default=1)
    freq = next((r.freq for r in recurs if r.freq), None)
    if freq is None and durs and not weekdays_of(recurs, days):
        freq, interval = durs[0].grain, max(1, int(durs[0].count)) * interval
        durs = durs[1:]
    if freq == "minute" and interval % 60 == 0:  # "every 120 minutes" is every 2 hours
        freq, interval = "hour", interval // 60
    if freq in ("minute", "second"):
        raise BadDatePhrase(
            f"every {interval} {freq}{'s' if interval > 1 else ''}: events repeat at most hourly "
            "(every hour, every 2 hours)"
        )
    weekdays = weekdays_of(recurs, days)
    kwargs: dict = {"interval": interval * (3 if freq == "quarter" else 1)}
    lasting = durs[-1].delta if durs else None  # "every day for a week"
    dated = [d for d in days if d.weekday is None]
    nth = next((d for d in dated if d.nth is not None), None)
    if nth is not None and nth.nth is not None and freq in (None, "month", "year"):  # "every first monday of the month"
        wd, n = nth.nth
        kwargs.update(freq=rr.YEARLY if nth.month_named else rr.MONTHLY, byweekday=[DAYS[wd](n)])
        if nth.month_named:
            kwargs["bymonth"] = nth.date.month
    elif weekdays:
        kwargs.update(freq=rr.WEEKLY, byweekday=[DAYS[w] for w in weekdays])
    elif dated and (dated[0].month_known and freq in (None, "year")):
        kwargs.update(freq=rr.YEARLY, bymonth=dated[0].date.month, bymonthday=dated[0].date.day)
    elif dated and freq in (None, "month"):
        kwargs.update(freq=rr.MONTHLY, bymonthday=dated[0].date.day)
    elif freq is not None:
        kwargs["freq"] = FREQ[freq]
    elif times or pods:
        kwargs["freq"] = rr.DAILY
    else:
        return None
    return (*_timed(kwargs, times, pods, ctx), lasting)


def weekdays_of(recurs: list[Recur], days: list[Day]) -> list[int]:
    """The weekdays a rule names ("mondays", "every tuesday and thursday", "weekdays")."""
    return sorted({w for r in recurs for w in r.weekdays} | {d.weekday for d in days if d.weekday is not None})


def _timed(kwargs: dict, times: list[Time], pods: list[Pod], ctx: Context) -> tuple[dict, str, timedelta]:
    """The time of day of each occurrence (a clock time or a part of the day) and its length."""
    pod = pods[0] if pods else None
    if times:
        t = times[0]
        hour = clock_readings(t, pod, ctx)[0][0]
        kwargs.update(byhour=hour, byminute=t.minute, bysecond=0)
        return kwargs, t.grain, GRAIN_STEP[t.grain]
    if pod is not None:
        kwargs.update(byhour=pod.start, byminute=0, bysecond=0)
        return kwargs, "hour", timedelta(hours=pod.end - pod.start)
    if kwargs["freq"] in (rr.HOURLY, rr.MINUTELY, rr.SECONDLY):
        grain = {rr.HOURLY: "hour", rr.MINUTELY: "minute", rr.SECONDLY: "second"}[kwargs["freq"]]
        return kwargs, grain, GRAIN_STEP[grain]
    return kwargs, "day", timedelta(days=1)
