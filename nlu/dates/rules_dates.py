"""Grammar rules for calendar dates: july 18, 7/18, the 18th, first monday of december,
end of the month, quarters and named months."""
from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta, weekdays

from nlu.dates.calendar import (
    Context, add_months, month_start, next_day_of_month, next_month_day, valid_date, week_start,
)
from nlu.dates.lexicon import MONTHS, UNITS, WEEKDAYS
from nlu.dates.pieces import Day, Period, Recur, Time, Word
from nlu.dates.scanner import MODIFIERS, Scan
from nlu.dates.tokens import Tok


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
    """2026-07-18, 20270718, 2027-05, 05/2027, 7/18, 7/18/2027, 18.07.2027, 2027-W05.

    Numeric day and month are read month first (US) unless the day-first policy is on
    (dotted dates are always day first); a number over 12 forces the only valid order.
    """
    tok = s.toks[i] if i < len(s.toks) else None
    if tok is None or tok.kind not in ("ymd", "mdy", "dmy", "isoweek"):
        return i
    if tok.kind == "isoweek":
        return _iso_week(s, i, *tok.val)
    year, month, dom = tok.val
    if tok.kind != "ymd":
        year, month, dom = _ordered(tok.val, tok.kind == "dmy" or s.ctx.policy.day_first)
    if dom == 0:  # 2/2013, 2027-05
        if not (1 <= month <= 12 and 1 <= year <= 9999):
            return i
        s.out.append(month_period(s.ctx, date(year, month, 1)))
        return i + 1
    day = _dated(s, month, dom, year)
    if day is None:
        return i
    s.out.append(day)
    return i + 1


def _ordered(val: tuple, day_first: bool) -> tuple:
    """(year, month, day) from numbers written (year, first, second)."""
    year, first, second = val
    if first > 12 >= second:
        day_first = True
    elif second > 12 >= first:
        day_first = False
    return (year, second, first) if day_first else (year, first, second)


def _iso_week(s: Scan, i: int, year: int, week: int) -> int:
    """2027-W05: the Monday-to-Sunday ISO 8601 week."""
    try:
        first = date.fromisocalendar(year, week, 1)
    except ValueError:
        return i
    s.out.append(Period(*s.ctx.day_span(first, first + timedelta(days=6)), "week", week=first))
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
        s.out.append(month_period(s.ctx, start))
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
    if dom is None or s.word(i + 1) in UNITS or s.word(i + 1) in ("thing", "time"):
        return i
    month_follows = s.word(i + 1) == "of" and s.word(s.skip(i + 2, "the", *MODIFIERS)) == "month"
    if not tok.ordinal and not month_follows:  # "20 of next month" is a day, "20" alone is not
        return i
    found = next_day_of_month(s.ctx.today, dom)
    if found is None:
        return i
    s.out.append(Day(found, rank=2, dom_only=True))
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
    if what == "quarter" and nth <= 4:
        return quarter_span(s, i + 2, nth if nth > 0 else 4)
    if what == "half" and nth in (1, 2, -1):
        return half_span(s, i + 2, 2 if nth == -1 else nth)
    if what not in WEEKDAYS and what not in ("day", "week"):
        return i
    j = s.skip(i + 2, "of", "in")
    every = s.word(j) in ("every", "each") and s.word(j + 1) == "month"
    first, end = (month_start(s.ctx.today), j + 2) if every else month_ref(s, j)
    if first is None:
        return i
    found = _nth_in_month(first, what, nth)
    bare = every or s.word(s.skip(j, "the")) == "month"  # "of the month": this one or the next
    if (month_unspecified(s, j) or bare) and (found is None or found[0] < s.ctx.today):
        found = _nth_in_month(add_months(first, 1 if bare else 12), what, nth)
    if found is None:
        return i
    if what == "week":
        s.out.append(Period(*s.ctx.day_span(found[0], found[1]), "week"))
    else:
        wd = WEEKDAYS.get(what)
        s.out.append(Day(found[0], month_known=True, rank=3, nth=(wd, nth) if wd is not None else None,
                         month_named=not bare))
    if every:
        s.out.extend((Word("every"), Recur("month")))
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
    found = first + relativedelta(weekday=weekdays[wd](nth)) if nth > 0 else last + relativedelta(weekday=weekdays[wd](-1))
    return (found, found) if found.month == first.month else None


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


def month_period(ctx: Context, first: date) -> Period:
    return Period(*ctx.day_span(first, first + relativedelta(day=31)), "month")


def year_ref(s: Scan, j: int) -> tuple[int | None, int]:
    """The year named at j: "2027", "twenty twenty seven", "the year", "next year", "this year"."""
    k = s.skip(j, "of", "in", "the")
    mod = MODIFIERS.get(s.word(k))
    if s.word(k + (1 if mod else 0)) in ("year", "yr") and s.num(k + (2 if mod else 1)) is None:
        shift = {"next": 1, "coming": 1, "last": -1}.get(mod, 0)
        return s.ctx.today.year + shift, k + (2 if mod else 1)
    return read_year(s, j)


def half_span(s: Scan, i: int, nth: int) -> int:
    """the first half of next year, the second half of 2027, the second half (of this year)."""
    year, end = year_ref(s, i)
    first = date(year or s.ctx.today.year, 1 if nth == 1 else 7, 1)
    if year is None and add_months(first, 6) <= s.ctx.today:
        first = add_months(first, 12)
    s.out.append(Period(*s.ctx.day_span(first, add_months(first, 6) - timedelta(days=1)), "quarter"))
    return end


def quarter_span(s: Scan, i: int, nth: int | None, shift: int = 0) -> int:
    year, end = year_ref(s, i)
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
