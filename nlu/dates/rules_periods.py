"""Grammar rules for periods: this week, next month, this weekend, rest of the week, named
months and years."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from nlu.dates import holidays
from nlu.dates.calendar import add_months, month_start, week_start
from nlu.dates.lexicon import MONTHS, SEASONS
from nlu.dates.pieces import Day, Period, Word
from nlu.dates.rules_dates import half_span, month_period, quarter_span, read_year
from nlu.dates.scanner import MODIFIERS, Scan


def period(s: Scan, i: int) -> int:
    """this week, next month, last year, the coming weekend, this quarter, march, 2027."""
    mod = MODIFIERS.get(s.key(i))
    j = i + 1 if mod else i
    unit = {"yr": "year", "wk": "week"}.get(s.key(j)) or s.word(j)
    shift = {"next": 1, "coming": 1, "last": -1}.get(mod or "", 0)
    today, ctx = s.ctx.today, s.ctx
    if mod is None and unit in ("week", "month", "year") and s.word(j + 1) == "after" and s.word(j + 2) == "next":
        return _shifted_unit(s, unit, 2, j + 3)  # "the week after next"
    after_this = _after_this_one(s, j + 1) if mod is None else None
    if after_this is not None:  # "the winter after this one", "the weekend after this one"
        return _one_after_this(s, unit, after_this, i)
    if unit in ("season", "seasons") and mod is not None:
        return _season_of(s, j + 1, {"this": 0, "last": -1}.get(mod, 1))
    if (
        unit in ("week", "weekend")
        and mod is None
        and s.word(j + 1) in WEEK_RELATIONS
        and s.word(j + 2) not in ("next", "this")
    ):
        s.out.append(Word(f"{unit}_{WEEK_RELATIONS[s.key(j + 1)]}"))  # "the week of december 7th": relations.py
        return j + 2
    if unit == "weekend" and mod is None and s.out and isinstance(s.out[-1], Day) and s.out[-1].weekday is None:
        s.out[-1] = Period(*ctx.day_span(*holidays.long_weekend(s.out[-1].date)), "day")  # "july 4th weekend"
        return j + 1
    if unit in ("week", "weeks") and (mod or s.word(i - 1) in ("the", "this")):
        first = week_start(today, ctx.policy.week_start) + timedelta(days=7 * shift)
        s.out.append(Period(*ctx.day_span(first, first + timedelta(days=6)), "week", week=first))
        return j + 1
    if unit in ("weekend", "weekends"):
        if mod is None and s.word(j + 1) == "after" and s.word(j + 2) == "next":
            return _weekend(s, j + 3, "next", extra_weeks=1)  # "the weekend after next"
        return _weekend(s, j + 1, mod)
    if unit == "month" and (mod or s.word(i - 1) == "the"):
        s.out.append(month_period(ctx, add_months(month_start(today), shift)))
        return j + 1
    if unit == "year" and (mod or s.word(i - 1) == "the") and s.num(j + 1) is None:
        first = date(today.year + shift, 1, 1)
        s.out.append(Period(*ctx.day_span(first, date(first.year, 12, 31)), "year"))
        return j + 1
    if unit == "quarter" and mod:
        end = quarter_span(s, j + 1, None, shift)
        if mod == "last":  # "last quarter": the previous one, or the fourth of this year
            fourth = date(today.year, 10, 1)
            quarter = s.out[-1]
            assert isinstance(quarter, Period)  # quarter_span has just added it
            s.out[-1] = replace(quarter, alts=((*ctx.day_span(fourth, date(today.year, 12, 31)), "quarter"),))
        return end
    number = s.num(j + 1)
    if unit == "q" and number is not None and 1 <= number.val <= 4:
        return quarter_span(s, j + 2, number.val)
    if unit == "h" and number is not None and number.val in (1, 2) and not number.ordinal:
        return half_span(s, j + 2, number.val)  # "H1 2027", "H2"
    if unit in ("week", "wk", "w") and mod is None and number is not None and not number.ordinal:
        return _week_number(s, j + 1, number.val, i)  # "week 5", "W05", "wk 50 of 2027"
    if unit in SEASONS:
        year, end = read_year(s, j + 1)
        if year is not None:  # "summer 2027"; "winter 2027" is the one holding January 2027
            start = date(year - (SEASONS[unit] == 12), SEASONS[unit], 1)
            s.out.append(Period(*ctx.day_span(start, add_months(start, 3) - timedelta(days=1)), "month"))
            return end
        return _season(s, j + 1, SEASONS[unit], mod)
    if unit in MONTHS and (mod or unit != "may" or s.word(i - 1) in ("in", "of", "during")):
        return _named_month(s, j + 1, MONTHS[unit], mod)
    if j < len(s.toks) and s.toks[j].kind == "decade":
        first = date(s.toks[j].val, 1, 1)
        s.out.append(Period(*ctx.day_span(first, date(first.year + 9, 12, 31)), "year"))
        return j + 1
    year, end = read_year(s, j) if s.num(j) is not None else (None, j)
    if year is not None and s.word(end) not in ("hours", "hrs", "h"):
        first = date(year, 1, 1)
        s.out.append(Period(*ctx.day_span(first, date(year, 12, 31)), "year"))
        return end
    return i


# "the week of / after / before / starting / commencing <day>"
WEEK_RELATIONS = {
    "of": "of",
    "after": "after",
    "before": "before",
    "starting": "of",
    "beginning": "of",
    "commencing": "of",
    "including": "of",
    "containing": "of",
}


def _week_number(s: Scan, j: int, number: int, i: int) -> int:
    """ "week 5", "W05 2027": the ISO 8601 week (Monday to Sunday) of that number; without a
    year, this year's unless it is over, then next year's."""
    year, end = read_year(s, j + 1)
    today = s.ctx.today
    try:
        first = date.fromisocalendar(year or today.isocalendar()[0], number, 1)
        if year is None and first + timedelta(days=6) < today:
            first = date.fromisocalendar(today.isocalendar()[0] + 1, number, 1)
    except ValueError:
        return i
    s.out.append(Period(*s.ctx.day_span(first, first + timedelta(days=6)), "week", week=first))
    return end


def _shifted_unit(s: Scan, unit: str, shift: int, end: int) -> int:
    today, ctx = s.ctx.today, s.ctx
    if unit == "week":
        first = week_start(today, ctx.policy.week_start) + timedelta(days=7 * shift)
        s.out.append(Period(*ctx.day_span(first, first + timedelta(days=6)), "week", week=first))
    elif unit == "month":
        s.out.append(month_period(ctx, add_months(month_start(today), shift)))
    else:
        first = date(today.year + shift, 1, 1)
        s.out.append(Period(*ctx.day_span(first, date(first.year, 12, 31)), "year"))
    return end


def _after_this_one(s: Scan, j: int) -> int | None:
    """The index after "after this (one)" at j, if it is there."""
    if s.word(j) == "after" and s.word(j + 1) == "this":
        return j + 2 + (s.word(j + 2) == "one")
    return None


def _one_after_this(s: Scan, unit: str | None, end: int, i: int) -> int:
    """ "the <unit> after this one": the one that follows this one."""
    if unit in SEASONS:
        return _season(s, end, SEASONS[unit], "this", later=1)
    if unit == "season":
        return _season_of(s, end, 1)
    if unit == "weekend":
        return _weekend(s, end, "this", extra_weeks=1)
    if unit == "quarter":
        return quarter_span(s, end, None, 1)
    if unit in ("week", "month", "year"):
        return _shifted_unit(s, unit, 1, end)
    return i


def _season(s: Scan, end: int, first_month: int, mod: str | None, later: int = 0) -> int:
    """this summer, next winter, last spring: three whole months (meteorological seasons);
    bare or "this": the current one, else the next; `later` seasons of that name on."""
    today = s.ctx.today
    start = date(today.year, first_month, 1)
    if add_months(start, -12 + 3) > today:  # the one that started last year is still on (winter)
        start = add_months(start, -12)
    if mod == "last":
        start = add_months(start, -12) if add_months(start, 3) > today else start
    elif (mod in ("next", "coming") and start <= today) or add_months(start, 3) <= today:
        start = add_months(start, 12)
    start = add_months(start, 12 * later)
    s.out.append(Period(*s.ctx.day_span(start, add_months(start, 3) - timedelta(days=1)), "month"))
    return end


def _season_of(s: Scan, end: int, shift: int) -> int:
    """ "this season", "next season", "the following season", "last season": the season we
    are in, moved by `shift` seasons."""
    today = s.ctx.today
    current = date(today.year, today.month, 1) - relativedelta(months=today.month % 3)  # Dec, Mar, Jun, Sep
    start = add_months(current, 3 * shift)
    s.out.append(Period(*s.ctx.day_span(start, add_months(start, 3) - timedelta(days=1)), "month"))
    return end


def _named_month(s: Scan, end: int, month: int, mod: str | None) -> int:
    today = s.ctx.today
    year = today.year
    if mod == "last":
        year -= 1 if month >= today.month else 0
    elif mod == "next":
        year += 1 if month <= today.month else 0
    elif s.ctx.policy.future_bias and month < today.month:
        year += 1
    s.out.append(month_period(s.ctx, date(year, month, 1)))
    return end


def _weekend(s: Scan, end: int, mod: str | None, extra_weeks: int = 0) -> int:
    """The saturday and sunday of this week; "next weekend" follows the next-weekday policy."""
    ctx = s.ctx
    saturday = week_start(ctx.today) + timedelta(days=5)
    in_weekend = ctx.today.weekday() >= 5
    if mod == "last":
        saturday -= timedelta(days=7)
    elif (mod == "coming" and in_weekend) or (mod == "next" and (in_weekend or ctx.policy.next_weekday == "following")):
        saturday += timedelta(days=7)
    saturday += timedelta(days=7 * extra_weeks)
    s.out.append(Period(*ctx.day_span(saturday, saturday + timedelta(days=1)), "day"))
    return end


def rest_of(s: Scan, i: int) -> int:
    """rest of the week, remainder of the month, the balance of the year: from now on."""
    if s.word(i) not in ("rest", "remainder", "remaining", "balance"):
        return i
    return _rest_of(s, s.skip(i + 1, "of", "the", "this"), i)


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
