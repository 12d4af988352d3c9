"""Tokens to pieces: a left-to-right scan that tries each rule at each position.

Every rule looks at the tokens from position i and, when it recognises something, appends
pieces and returns the position after it (or returns i). Words no rule wants are skipped:
fillers ("uh", "the", "at") silently, other words counted as unknown.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from nlu.dates import holidays
from nlu.dates.calendar import (
    Context, add_months, last_weekday, month_start, next_day_of_month, next_month_day,
    next_weekday, valid_date, week_start,
)
from nlu.dates.lexicon import FILLERS, FREQUENCIES, MONTHS, PARTS_OF_DAY, UNITS, WEEKDAYS, WEEKDAYS_PLURAL
from nlu.dates.pieces import Day, Dur, Num, Period, Piece, Pod, Recur, Time, Word
from nlu.dates.tokens import Tok

MODIFIERS = {
    "this": "this", "current": "this", "coming": "coming", "upcoming": "coming", "next": "next",
    "following": "next", "last": "last", "past": "last", "previous": "last", "prior": "last",
}
CONNECTORS = {
    "to": "to", "till": "until", "til": "until", "until": "until", "through": "to", "thru": "to",
    "and": "and", "from": "from", "between": "between", "by": "by", "before": "before",
    "after": "after", "since": "after", "ago": "ago", "later": "later", "hence": "later",
    "in": "in", "within": "within", "for": "for", "every": "every", "each": "every",
    "other": "other", "alternate": "other", "over": "in", "into": "in", "upto": "until",
}
AMPM = {"am": "am", "pm": "pm", "morning": None}
RELATIVE_DAYS: dict[tuple[str, ...], int] = {
    ("day", "after", "tomorrow"): 2, ("day", "before", "yesterday"): -2, ("today",): 0,
    ("todays",): 0, ("tomorrow",): 1, ("tomorrows",): 1, ("tmrw",): 1, ("tmr",): 1,
    ("tomorow",): 1, ("tommorow",): 1, ("tommorrow",): 1, ("yesterday",): -1, ("next", "day"): 1,
    ("day", "after"): 2, ("this", "day"): 0, ("tonight",): 0, ("tonite",): 0, ("last", "night"): -1,
    ("yesterdays",): -1,
}
_REL_BY_FIRST: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _pattern, _shift in sorted(RELATIVE_DAYS.items(), key=lambda kv: -len(kv[0])):
    _REL_BY_FIRST.setdefault(_pattern[0], []).append((_pattern, _shift))


class Scan:
    """The state of one scan: tokens, context, pieces found, unknown words seen."""

    __slots__ = ("toks", "ctx", "out", "unknown")

    def __init__(self, toks: list[Tok], ctx: Context) -> None:
        self.toks, self.ctx, self.out, self.unknown = toks, ctx, [], 0

    def word(self, i: int) -> str | None:
        if i < len(self.toks) and self.toks[i].kind == "w":
            return self.toks[i].text
        return None

    def num(self, i: int) -> Tok | None:
        if i < len(self.toks) and self.toks[i].kind == "n":
            return self.toks[i]
        return None

    def skip(self, i: int, *words: str) -> int:
        """i moved past any of these optional words."""
        while self.word(i) in words:
            i += 1
        return i


def scan(toks: list[Tok], ctx: Context) -> Scan:
    """Run the rules over the tokens; the result holds the pieces and the unknown count."""
    s = Scan(toks, ctx)
    i = 0
    while i < len(toks):
        for rule in RULES:
            j = rule(s, i)
            if j > i:
                i = j
                break
        else:
            if s.word(i) not in FILLERS:
                s.unknown += 1
            i += 1
    return s


# ---- days ---------------------------------------------------------------------------------

def relative_day(s: Scan, i: int) -> int:
    """today, tomorrow, day after tomorrow, yesterday, tonight, last night, now."""
    first = s.word(i)
    if first in ("now", "rightnow", "asap", "immediately"):
        s.out.append(Period(s.ctx.now.replace(second=0, microsecond=0), s.ctx.now.replace(second=0, microsecond=0) + timedelta(minutes=1), "minute"))
        return i + 1
    for pattern, shift in _REL_BY_FIRST.get(first, ()):
        if all(s.word(i + k) == w for k, w in enumerate(pattern)):
            s.out.append(Day(s.ctx.today + timedelta(days=shift), rank=2))
            if pattern[-1] in ("tonight", "tonite", "night"):
                s.out.append(Pod("tonight", *PARTS_OF_DAY["tonight"]))
            return i + len(pattern)
    return i


def holiday(s: Scan, i: int) -> int:
    """christmas, new year's eve, thanksgiving, memorial day (optionally this/next/last)."""
    mod = MODIFIERS.get(s.word(i))
    j = i + 1 if mod else i
    if s.word(j) not in holidays.FIRST_WORDS:
        return i
    for name in holidays.NAMES:
        if all(s.word(j + k) == w for k, w in enumerate(name)):
            end = j + len(name)
            end = end + 1 if s.word(end) == "day" and name[-1] != "day" else end
            year, end = read_year(s, end)
            s.out.append(Day(_holiday_date(" ".join(name), s.ctx.today, mod, year), rank=3))
            return end
    return i


def _holiday_date(name: str, today: date, mod: str | None, year: int | None) -> date:
    if year is not None:
        return holidays.holiday_on(name, year)
    this = holidays.holiday_on(name, today.year)
    if mod == "last":
        return this if this < today else holidays.holiday_on(name, today.year - 1)
    return this if this >= today else holidays.holiday_on(name, today.year + 1)


def weekday(s: Scan, i: int) -> int:
    """friday, this friday, coming wednesday, next tuesday, last monday, tuesday after next."""
    mod = MODIFIERS.get(s.word(i))
    j = i + 1 if mod else i
    name = s.word(j)
    if name in WEEKDAYS_PLURAL or name in ("weekdays", "weekends"):
        s.out.append(Recur("week", 1, _plural_days(name)))
        return j + 1
    if name not in WEEKDAYS:
        return i
    wd = WEEKDAYS[name]
    j += 1
    if s.word(j) == "after" and s.word(j + 1) == "next":
        mod, j = "next", j + 2
        chosen, alts = _weekday_date(s.ctx, wd, mod)
        chosen, alts = chosen + timedelta(days=7), tuple(a + timedelta(days=7) for a in alts)
    else:
        chosen, alts = _weekday_date(s.ctx, wd, mod)
    s.out.append(Day(chosen, alts, weekday=wd if mod is None else None, rank=1))
    return j


def _plural_days(name: str) -> tuple[int, ...]:
    if name == "weekdays":
        return (0, 1, 2, 3, 4)
    if name == "weekends":
        return (5, 6)
    return (WEEKDAYS_PLURAL[name],)


def _weekday_date(ctx: Context, wd: int, mod: str | None) -> tuple[date, tuple[date, ...]]:
    today = ctx.today
    if mod == "last":
        return last_weekday(today, wd), ()
    if mod == "next":
        nearest = next_weekday(today, wd)
        following = week_start(today, ctx.policy.week_start) + timedelta(days=7 + (wd - ctx.policy.week_start) % 7)
        chosen, other = (following, nearest) if ctx.policy.next_weekday == "following" else (nearest, following)
        return chosen, (() if other == chosen else (other,))
    if mod == "this":
        return next_weekday(today, wd, include_today=True), ()
    if not ctx.policy.future_bias and mod is None:
        return week_start(today, ctx.policy.week_start) + timedelta(days=(wd - ctx.policy.week_start) % 7), ()
    return next_weekday(today, wd), ()


# ---- calendar dates -----------------------------------------------------------------------

def read_year(s: Scan, i: int) -> tuple[int | None, int]:
    """A year at i ("2023", "two thousand and seventeen", "twenty seventeen"), if any."""
    j = s.skip(i, "of", "in", "year")
    tok = s.num(j)
    if tok is None or tok.ordinal:
        return None, i
    if 1900 <= tok.val <= 2199 and tok.digits in (0, 4):
        return tok.val, j + 1
    nxt = s.num(j + 1)
    if tok.digits == 0 and tok.val in (19, 20, 21) and nxt is not None and nxt.digits == 0 and 10 <= nxt.val <= 99 and not nxt.ordinal:
        return tok.val * 100 + nxt.val, j + 2
    return None, i


def _day_number(tok: Tok | None) -> int | None:
    if tok is None or tok.digits > 2 or not 1 <= tok.val <= 31:
        return None
    return tok.val


def _dated(s: Scan, month: int, dom: int, year: int | None) -> Day | None:
    if year is not None:
        found = valid_date(year, month, dom)
    elif s.ctx.policy.future_bias:
        found = next_month_day(s.ctx.today, month, dom)
    else:
        found = valid_date(s.ctx.today.year, month, dom)
    return Day(found, month_known=True, rank=3) if found else None


def typed_date(s: Scan, i: int) -> int:
    """2026-07-18, 7/18, 7/18/2027 (US month/day; 18/7 read day/month since 18 is no month)."""
    if i >= len(s.toks) or s.toks[i].kind != "ymd":
        return i
    year, month, dom = s.toks[i].val
    if month > 12 >= dom:
        month, dom = dom, month
    day = _dated(s, month, dom, year)
    if day is None:
        return i
    s.out.append(day)
    return i + 1


def month_first(s: Scan, i: int) -> int:
    """july 18, june 20 2023, december the third, march twenty first, july 2027."""
    month = MONTHS.get(s.word(i))
    if month is None:
        return i
    j = s.skip(i + 1, "the")
    dom = _day_number(s.num(j))
    year_like = dom in (19, 20, 21) and s.num(j).digits == 0 and read_year(s, j)[0] and not read_year(s, j + 1)[0]
    if dom is not None and not year_like:
        year, end = read_year(s, j + 1)
        day = _dated(s, month, dom, year)
        if day is not None:
            s.out.append(day)
            return end
    year, end = read_year(s, i + 1)
    if year is not None:
        start = date(year, month, 1)
        s.out.append(_month_period(s.ctx, start))
        return end
    return i


def day_first(s: Scan, i: int) -> int:
    """18 july, the first of march, twenty second of march twenty seventeen."""
    dom = _day_number(s.num(i))
    if dom is None:
        return i
    j = s.skip(i + 1, "of", "day")
    month = MONTHS.get(s.word(j))
    if month is None:
        return i
    year, end = read_year(s, j + 1)
    day = _dated(s, month, dom, year)
    if day is None:
        return i
    s.out.append(day)
    return end


def ordinal_day(s: Scan, i: int) -> int:
    """the 18th, the twenty first, fifteenth: the next day with that day of the month."""
    tok = s.num(i)
    dom = _day_number(tok)
    if dom is None or not tok.ordinal or s.word(i + 1) in UNITS:
        return i
    found = next_day_of_month(s.ctx.today, dom)
    if found is None:
        return i
    s.out.append(Day(found, rank=2))
    return i + 1


def nth_of(s: Scan, i: int) -> int:
    """first monday of december, last day of february, first week of october, third quarter."""
    tok = s.num(i)
    if s.word(i) == "last":
        nth = -1
    elif tok is not None and tok.ordinal and 1 <= tok.val <= 5:
        nth = tok.val
    else:
        return i
    what = s.word(i + 1)
    if what == "quarter" and nth > 0 and nth <= 4:
        return _quarter(s, i + 2, nth)
    if what not in WEEKDAYS and what not in ("day", "week"):
        return i
    j = s.skip(i + 2, "of", "in")
    first, end = month_ref(s, j)
    if first is None:
        return i
    found = _nth_in_month(first, what, nth)
    if found is None:
        return i
    if month_unspecified(s, j) and found[0] < s.ctx.today:
        found = _nth_in_month(add_months(first, 12), what, nth)
    if what == "week":
        s.out.append(Period(*s.ctx.day_span(found[0], found[1]), "week"))
    else:
        s.out.append(Day(found[0], month_known=True, rank=3))
    return end


def month_unspecified(s: Scan, j: int) -> bool:
    """True when the month was named without a year or modifier ("of march")."""
    return s.word(j) in MONTHS and read_year(s, j + 1)[0] is None


def _nth_in_month(first: date, what: str, nth: int) -> tuple[date, date] | None:
    last = first + relativedelta(day=31)
    if what == "day":
        found = first + timedelta(days=nth - 1) if nth > 0 else last
        return (found, found) if found.month == first.month else None
    if what == "week":
        if nth > 0:
            begin = first + timedelta(days=7 * (nth - 1))
            return (begin, begin + timedelta(days=6)) if begin.month == first.month else None
        return last - timedelta(days=6), last
    wd = WEEKDAYS[what]
    found = first + relativedelta(weekday=_rd_weekday(wd)(nth)) if nth > 0 else last + relativedelta(weekday=_rd_weekday(wd)(-1))
    return (found, found) if found.month == first.month else None


def _rd_weekday(wd: int):
    from dateutil.relativedelta import weekdays

    return weekdays[wd]


def month_ref(s: Scan, j: int) -> tuple[date | None, int]:
    """The month named at j: "the month", "this month", "next month", "march", "march 2027"."""
    j = s.skip(j, "the")
    mod = MODIFIERS.get(s.word(j))
    k = j + 1 if mod else j
    this = month_start(s.ctx.today)
    if s.word(k) == "month":
        shift = {"next": 1, "last": -1}.get(mod, 0)
        return add_months(this, shift), k + 1
    month = MONTHS.get(s.word(k))
    if month is None:
        return None, j
    year, end = read_year(s, k + 1)
    if year is None:
        year = this.year + (1 if mod == "next" and month <= this.month else 0)
    return date(year, month, 1), end


def boundary(s: Scan, i: int) -> int:
    """end of the month, beginning of next week, end of day, mid march."""
    edge = s.word(i)
    if edge in ("eod", "cob"):
        s.out.append(Time(17, exact=True))
        return i + 1
    if edge not in ("end", "beginning", "start", "middle", "mid", "close"):
        return i
    j = s.skip(i + 1, "of", "the")
    if s.word(j) in ("day", "business"):
        s.out.append(Time(17, exact=True))
        return j + 1 + (s.word(j + 1) == "day")
    mod = MODIFIERS.get(s.word(j))
    k = j + 1 if mod else j
    unit = s.word(k)
    shift = {"next": 1, "last": -1}.get(mod, 0)
    today = s.ctx.today
    if unit == "week":
        first = week_start(today, s.ctx.policy.week_start) + timedelta(days=7 * shift)
        found = {"end": first + timedelta(days=4), "middle": first + timedelta(days=2), "mid": first + timedelta(days=2)}.get(edge, first)
        end = k + 1
    elif unit == "year":
        year = today.year + shift
        found = {"end": date(year, 12, 31), "middle": date(year, 7, 1), "mid": date(year, 7, 1)}.get(edge, date(year, 1, 1))
        end = k + 1
    else:
        first, end = month_ref(s, j)
        if first is None:
            return i
        if month_unspecified(s, j) and first + relativedelta(day=31) < today:
            first = add_months(first, 12)
        found = {"end": first + relativedelta(day=31), "middle": first.replace(day=15), "mid": first.replace(day=15)}.get(edge, first)
    s.out.append(Day(found, month_known=True, rank=3))
    return end


# ---- periods ------------------------------------------------------------------------------

def _month_period(ctx: Context, first: date) -> Period:
    return Period(*ctx.day_span(first, first + relativedelta(day=31)), "month")


def _quarter(s: Scan, i: int, nth: int | None, shift: int = 0) -> int:
    year, end = read_year(s, i)
    today = s.ctx.today
    if nth is None:
        q0 = (today.month - 1) // 3
        first = add_months(date(today.year, 3 * q0 + 1, 1), 3 * shift)
    else:
        first = date(year or today.year, 3 * nth - 2, 1)
        if year is None and add_months(first, 3) <= today:
            first = add_months(first, 12)
    last = add_months(first, 3) - timedelta(days=1)
    s.out.append(Period(*s.ctx.day_span(first, last), "quarter"))
    return end


def period(s: Scan, i: int) -> int:
    """this week, next month, last year, the coming weekend, this quarter, march, 2027."""
    mod = MODIFIERS.get(s.word(i))
    j = i + 1 if mod else i
    unit = s.word(j)
    shift = {"next": 1, "coming": 1, "last": -1}.get(mod, 0)
    today, ctx = s.ctx.today, s.ctx
    if unit in ("week", "weeks") and (mod or s.word(i - 1) in ("the", "this")):
        first = week_start(today, ctx.policy.week_start) + timedelta(days=7 * shift)
        s.out.append(Period(*ctx.day_span(first, first + timedelta(days=6)), "week", week=first))
        return j + 1
    if unit in ("weekend", "weekends"):
        return _weekend(s, j + 1, mod)
    if unit == "month" and (mod or s.word(i - 1) == "the"):
        s.out.append(_month_period(ctx, add_months(month_start(today), shift)))
        return j + 1
    if unit == "year" and (mod or s.word(i - 1) == "the") and s.num(j + 1) is None:
        first = date(today.year + shift, 1, 1)
        s.out.append(Period(*ctx.day_span(first, date(first.year, 12, 31)), "year"))
        return j + 1
    if unit == "quarter" and mod:
        return _quarter(s, j + 1, None, shift)
    if unit == "q" and s.num(j + 1) is not None and 1 <= s.num(j + 1).val <= 4:
        return _quarter(s, j + 2, s.num(j + 1).val)
    if unit in MONTHS and (mod or unit != "may" or s.word(i - 1) in ("in", "of", "during")):
        return _named_month(s, j + 1, MONTHS[unit], mod)
    year, end = read_year(s, j) if s.num(j) is not None else (None, j)
    if year is not None and s.word(end) not in ("hours", "hrs", "h"):
        first = date(year, 1, 1)
        s.out.append(Period(*ctx.day_span(first, date(year, 12, 31)), "year"))
        return end
    return i


def _named_month(s: Scan, end: int, month: int, mod: str | None) -> int:
    today = s.ctx.today
    year = today.year
    if mod == "last":
        year -= 1 if month >= today.month else 0
    elif mod == "next":
        year += 1 if month <= today.month else 0
    elif s.ctx.policy.future_bias and month < today.month:
        year += 1
    s.out.append(_month_period(s.ctx, date(year, month, 1)))
    return end


def _weekend(s: Scan, end: int, mod: str | None) -> int:
    """The saturday and sunday of this week; "next weekend" follows the next-weekday policy."""
    ctx = s.ctx
    saturday = week_start(ctx.today) + timedelta(days=5)
    in_weekend = ctx.today.weekday() >= 5
    if mod == "last":
        saturday -= timedelta(days=7)
    elif mod == "coming" and in_weekend:
        saturday += timedelta(days=7)
    elif mod == "next" and (in_weekend or ctx.policy.next_weekday == "following"):
        saturday += timedelta(days=7)
    s.out.append(Period(*ctx.day_span(saturday, saturday + timedelta(days=1)), "day"))
    return end


def span_of_units(s: Scan, i: int) -> int:
    """the next three days, next five days, the last two hours, past hour, rest of the week."""
    word = s.word(i)
    if word in ("rest", "remainder", "remaining", "balance"):
        return _rest_of(s, s.skip(i + 1, "of", "the", "this"), i)
    mod = MODIFIERS.get(word)
    if mod not in ("next", "last", "coming"):
        return i
    tok = s.num(i + 1)
    j = i + 2 if tok is not None and not tok.ordinal else i + 1
    count = tok.val if j == i + 2 else 1
    unit = UNITS.get(s.word(j))
    if unit is None or (j == i + 1 and unit[0] not in ("hour", "minute")) or count > 1000:
        return i
    grain = unit[0]
    forward = mod != "last"
    if grain in ("hour", "minute", "second"):
        delta = timedelta(**{grain + "s": count})
        ends = (s.ctx.now, s.ctx.shift(delta)) if forward else (s.ctx.shift(-delta), s.ctx.now)
        s.out.append(Period(*ends, grain))
        return j + 1
    step = relativedelta(**{(grain if grain != "quarter" else "month") + "s": count * (3 if grain == "quarter" else 1)})
    today = s.ctx.today
    first, last = (today + timedelta(days=1), today + step) if forward else (today - step, today - timedelta(days=1))
    s.out.append(Period(*s.ctx.day_span(first, last), "day"))
    return j + 1


def _rest_of(s: Scan, j: int, i: int) -> int:
    unit = s.word(j)
    today, ctx = s.ctx.today, s.ctx
    if unit == "day":
        end = today
    elif unit == "week":
        end = week_start(today, ctx.policy.week_start) + timedelta(days=6)
    elif unit == "month":
        end = today + relativedelta(day=31)
    elif unit == "year":
        end = date(today.year, 12, 31)
    else:
        return i
    s.out.append(Period(ctx.now, ctx.day_span(end, end)[1], "hour" if unit == "day" else "day"))
    return j + 1


# ---- times --------------------------------------------------------------------------------

def _ampm(s: Scan, j: int) -> tuple[str | None, int]:
    word = s.word(j)
    if word in ("am", "pm"):
        return word, j + 1
    return None, j


def _with_ampm(hour: int, minute: int, ampm: str | None, grain: str, exact: bool = False) -> Time | None:
    if ampm is not None and not 1 <= hour <= 12 and not (hour == 0 and ampm == "am"):
        return None if hour > 12 else Time(hour, minute, 0, ampm, grain, True)
    if not 0 <= hour <= 24 or not 0 <= minute <= 59:
        return None
    if hour == 24:
        return Time(0, minute, 0, None, grain, True, next_day=True)
    return Time(hour, minute, 0, ampm, grain, exact or hour == 0 or hour > 12)


def clock(s: Scan, i: int) -> int:
    """6 pm, 18:00, ten thirty am, eleven forty five a m, 2300 hours, seven o'clock, noon."""
    word = s.word(i)
    if word in ("noon", "midday", "midnight"):
        s.out.append(Time(12, ampm="pm", exact=True) if word != "midnight" else Time(0, exact=True, next_day=True))
        return i + 1
    tok = s.toks[i] if i < len(s.toks) else None
    if tok is None:
        return i
    if tok.kind == "hm":
        h, m, sec = tok.val
        ampm, j = _ampm(s, i + 1)
        found = _with_ampm(h, m, ampm, "minute", exact=tok.text.startswith("0"))
        if found is None:
            return i
        j = s.skip(j, "oclock", "hours", "hrs", "h")
        s.out.append(found)
        return j
    if tok.kind != "n" or tok.ordinal:
        return i
    return _clock_number(s, i, tok)


def _clock_number(s: Scan, i: int, tok: Tok) -> int:
    nxt = s.word(i + 1)
    if nxt in ("noon", "midday") and tok.val == 12:
        s.out.append(Time(12, ampm="pm", exact=True))
        return i + 2
    if nxt == "midnight" and tok.val == 12:
        s.out.append(Time(0, exact=True, next_day=True))
        return i + 2
    minute_tok = s.num(i + 1)
    if (minute_tok is not None and not minute_tok.ordinal and tok.val <= 24 and (minute_tok.val >= 10 or minute_tok.digits == 2)
            and minute_tok.val <= 59 and (tok.digits == 0) == (minute_tok.digits == 0 or minute_tok.text.startswith("0"))):
        ampm, j = _ampm(s, i + 2)
        found = _with_ampm(tok.val, minute_tok.val, ampm, "minute")
        if found is not None:
            s.out.append(found)
            return s.skip(j, "oclock")
    ampm, j = _ampm(s, i + 1)
    if tok.val >= 100 and tok.val % 100 < 60 and tok.val < 2400:
        military = nxt in ("hours", "hrs", "h") or (tok.digits == 4 and s.word(i - 1) == "at")
        if ampm or military:
            minute = tok.val % 100
            found = _with_ampm(tok.val // 100, minute, ampm, "minute" if minute else "hour", exact=military)
            if found is not None:
                s.out.append(found)
                return j if ampm else i + 2 - (nxt not in ("hours", "hrs", "h"))
        return i
    if ampm or nxt == "oclock":
        found = _with_ampm(tok.val, 0, ampm, "hour")
        if found is None:
            return i
        s.out.append(found)
        return s.skip(j, "oclock")
    return i


def past_to(s: Scan, i: int) -> int:
    """half past four, quarter to nine, ten past six, twenty minutes to five."""
    if s.word(i) == "a" and s.word(i + 1) == "quarter":
        j = _past_to(s, i + 1)  # "a quarter to nine"
        return j if j > i + 1 else i
    return _past_to(s, i)


def _past_to(s: Scan, i: int) -> int:
    word, tok = s.word(i), s.num(i)
    if word == "half":
        minutes = 30
    elif word == "quarter":
        minutes = 15
    elif tok is not None and not tok.ordinal and 1 <= tok.val <= 59:
        minutes = tok.val
    else:
        return i
    j = s.skip(i + 1, "minutes", "minute", "mins", "min")
    rel = s.word(j)
    if rel not in ("past", "after", "to", "till", "before", "of"):
        return i
    if rel in ("to", "till", "before", "of") and word is None and j == i + 1:
        return i  # "10 to 5" is a range; "10 minutes to 5" is 4:50
    base = s.num(j + 1)
    if s.word(j + 1) in ("noon", "midnight"):
        hour, ampm, j2 = (12, "pm", j + 2) if s.word(j + 1) == "noon" else (0, "am", j + 2)
    elif base is not None and not base.ordinal and 0 <= base.val <= 23:
        hour = base.val
        ampm, j2 = _ampm(s, j + 2)
    else:
        return i
    minute = minutes if rel in ("past", "after") else 60 - minutes
    if rel not in ("past", "after"):
        hour = (hour - 1) % 24 if hour != 1 or ampm is None else 12
        if hour == 0 and ampm is None and base is not None:
            hour = 12
    found = _with_ampm(hour, minute, ampm, "minute", exact=(word is None and ampm is None and hour == 0))
    if found is None:
        return i
    s.out.append(found)
    return s.skip(j2, "oclock")


def part_of_day(s: Scan, i: int) -> int:
    """morning, this afternoon, tomorrow evening (with the day), lunch, at night."""
    word = s.word(i)
    mod = MODIFIERS.get(word) if word in ("this", "last", "next") else None
    j = i + 1 if mod else i
    name = s.word(j)
    if name not in PARTS_OF_DAY:
        return i
    if mod == "this":
        s.out.append(Day(s.ctx.today, rank=2))
    elif mod == "last":
        s.out.append(Day(s.ctx.today - timedelta(days=1), rank=2))
    elif mod == "next":
        s.out.append(Day(s.ctx.today + timedelta(days=1), rank=2))
    s.out.append(Pod(name, *PARTS_OF_DAY[name]))
    return j + 1


# ---- durations, recurrence, connectors ----------------------------------------------------

def _count(s: Scan, i: int) -> tuple[float | None, int]:
    word, tok = s.word(i), s.num(i)
    if i < len(s.toks) and s.toks[i].kind == "dec":
        return s.toks[i].val, i + 1
    if tok is not None and not tok.ordinal:
        if s.word(i + 1) == "and" and s.word(i + 2) == "a" and s.word(i + 3) == "half":
            return tok.val + 0.5, i + 4
        return float(tok.val), i + 1
    if word in ("a", "an"):
        return 1.0, i + 1
    if word == "couple":
        return 2.0, s.skip(i + 1, "of")
    if word in ("few", "several"):
        return 3.0, s.skip(i + 1, "of")
    if word == "half":
        return 0.5, s.skip(i + 1, "a", "an")
    return None, i


def _unit(s: Scan, i: int) -> tuple[str, int] | None:
    word = s.word(i)
    if word in UNITS:
        return UNITS[word][0], UNITS[word][1]
    tok = s.num(i)
    if tok is not None and tok.text == "second":
        return "second", 1
    return None


def duration(s: Scan, i: int) -> int:
    """two hours, half an hour, an hour and a half, two and a half hours, 90 minutes."""
    count, j = _count(s, i)
    if count is None and s.word(i) in UNITS and s.word(i + 1) in ("from", "after", "before", "ago", "later"):
        count = 1.0  # "week from today", "day before christmas"
    if count is None:
        return i
    unit = _unit(s, j)
    if unit is None:
        return i
    grain, mult = unit
    j += 1
    if s.word(j) == "and" and s.word(j + 1) in ("a", "an") and s.word(j + 2) == "half":
        count += 0.5
        j += 3
    amount = count * mult
    s.out.append(Dur(to_delta(grain, amount), _finest(grain, amount), grain, amount))
    return j


def to_delta(grain: str, amount: float) -> relativedelta:
    """A relativedelta of `amount` units, fractions carried to the next finer unit."""
    whole = int(amount)
    frac = amount - whole
    finer = {"year": ("months", 12), "quarter": ("months", 3), "month": ("days", 30), "week": ("days", 7),
             "day": ("hours", 24), "hour": ("minutes", 60), "minute": ("seconds", 60), "second": ("seconds", 0)}
    if grain == "quarter":
        base = relativedelta(months=3 * whole)
    else:
        base = relativedelta(**{grain + "s": whole})
    name, factor = finer[grain]
    return base + relativedelta(**{name: round(frac * factor)}) if frac else base


def _finest(grain: str, amount: float) -> str:
    if amount == int(amount):
        return grain
    return {"year": "month", "quarter": "month", "month": "day", "week": "day", "day": "hour",
            "hour": "minute", "minute": "second"}.get(grain, grain)


def every(s: Scan, i: int) -> int:
    """every day, every other monday, every 3 hours, daily, weekly."""
    word = s.word(i)
    if word in FREQUENCIES:
        freq = FREQUENCIES[word]
        s.out.append(Recur("week", 2) if freq == "biweek" else Recur("day") if freq == "night" else Recur(freq))
        if freq == "night":
            s.out.append(Pod("night", *PARTS_OF_DAY["night"]))
        return i + 1
    if CONNECTORS.get(word) != "every":
        return i
    s.out.append(Word("every"))
    j = s.skip(i + 1, "single")
    interval = 1
    tok = s.num(j)
    if s.word(j) in ("other", "alternate") or (tok is not None and tok.text in ("second", "2nd")):
        interval, j = 2, j + 1
    elif tok is not None and not tok.ordinal and s.word(j + 1) in UNITS:
        interval, j = tok.val, j + 1
    unit = UNITS.get(s.word(j))
    if unit is not None:
        s.out.append(Recur(unit[0], interval * unit[1]))
        return j + 1
    if s.word(j) in ("weekday", "weekdays", "workday", "workdays"):
        s.out.append(Recur("week", interval, (0, 1, 2, 3, 4)))
        return j + 1
    if s.word(j) in ("weekend", "weekends"):
        s.out.append(Recur("week", interval, (5, 6)))
        return j + 1
    if interval > 1:
        s.out.append(Recur(None, interval))
    return j


def connector(s: Scan, i: int) -> int:
    """to, from, between, until, by, after, ago, from now, in, for, a dash."""
    if i < len(s.toks) and s.toks[i].kind == "-":
        s.out.append(Word("to"))
        return i + 1
    word = s.word(i)
    if word == "from" and s.word(i + 1) in ("now", "today"):
        s.out.append(Word("later"))
        return i + 2
    if word == "up" and s.word(i + 1) in ("to", "until", "till"):
        s.out.append(Word("until"))
        return i + 2
    if word == "no" and s.word(i + 1) == "later" and s.word(i + 2) == "than":
        s.out.append(Word("by"))
        return i + 3
    if word in CONNECTORS:
        s.out.append(Word(CONNECTORS[word]))
        return i + 1
    return i


def bare_number(s: Scan, i: int) -> int:
    """A number no other rule took: an hour or a day of the month, decided by neighbours."""
    tok = s.num(i)
    if tok is None:
        return i
    if tok.ordinal:
        return i
    s.out.append(Num(tok.val))
    return i + 1


RULES: tuple[Callable[[Scan, int], int], ...] = (
    holiday, relative_day, nth_of, boundary, span_of_units, typed_date, month_first, day_first,
    weekday, period, past_to, clock, part_of_day, ordinal_day, duration, every, connector, bare_number,
)
