"""Ordinal places in a month or year: the first monday of december, the penultimate friday
of april, the 2nd-to-last week of july, the last weekend of may, the 12th day of next month,
the last sunday of the year, the third quarter, the first half of next year.

"Of the month" is the month we are in, even when that day is past (the issue's and
Duckling's reading); a month named without a year is the next one whose day (or week) is
not over; "of the year" is this year. "Every first monday of the month" is a recurrence
(recurrence.py), whose first occurrence is the next one to come.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as nth_weekday

from nlu.dates.calendar import add_months, month_start
from nlu.dates.lexicon import MONTHS, WEEKDAYS
from nlu.dates.pieces import Day, Period, Recur, Word
from nlu.dates.rules_dates import half_span, quarter_span, read_year, year_ref
from nlu.dates.scanner import MODIFIERS, Scan

ORDINAL_WORDS = {"last": -1, "final": -1, "penultimate": -2}
PLACES = frozenset(WEEKDAYS) | {"day", "week", "weekend"}


def nth_of(s: Scan, i: int) -> int:
    """first monday of december, last day of february, the 12th day of next month, the
    last weekend of may, the penultimate friday of april, third quarter, second half."""
    found = read_ordinal(s, i)
    if found is None:
        return i
    nth, k = found
    what = s.word(k)
    if what == "quarter" and -1 <= nth <= 4 and nth:
        if s.word(i) == "last" and s.word(k + 1) not in ("of", "in"):
            return i  # bare "last quarter" is the one before this (rules_periods), Q4 its alternative
        return quarter_span(s, k + 1, nth if nth > 0 else 4)
    if what == "half" and nth in (1, 2, -1):
        return half_span(s, k + 1, 2 if nth == -1 else nth)
    if what not in PLACES or (abs(nth) > 5 and what != "day"):
        return i
    j = s.skip(k + 1, "of", "in")
    every = s.word(j) in ("every", "each") and s.word(j + 1) == "month"
    if every:
        return _every_month(s, what, nth, j + 2)
    first, end, roll = _anchor(s, j, nth)
    if first is None:
        return i
    place = _place(first, what, nth)
    if roll and (place is None or place[1] < s.ctx.today):
        place = _place(add_months(first, roll), what, nth)
    if place is None:
        return i
    s.out.append(_piece(s, place, what, nth, named=s.word(s.skip(j, "the")) != "month"))
    return end


def read_ordinal(s: Scan, i: int) -> tuple[int, int] | None:
    """(n, index after): "first" 1, "3rd" 3, "last" -1, "penultimate" / "second to last" -2."""
    if s.word(i) in ORDINAL_WORDS:
        return ORDINAL_WORDS[s.key(i)], i + 1
    tok = s.num(i)
    if tok is None or not tok.ordinal:
        return None
    if s.word(i + 1) == "to" and s.word(i + 2) in ("last", "final"):
        return -tok.val, i + 3
    if s.word(i + 1) == "last" and s.word(i + 2) in PLACES:  # "second last friday"
        return -tok.val, i + 2
    return tok.val, i + 1


def _every_month(s: Scan, what: str, nth: int, end: int) -> int:
    """ "the first monday of every month": a monthly rule from the next such day on."""
    first = month_start(s.ctx.today)
    found = _place(first, what, nth)
    if found is None or found[0] < s.ctx.today:
        found = _place(add_months(first, 1), what, nth)
    if found is None:
        return end - 2
    s.out.append(_piece(s, found, what, nth, named=False))
    s.out.extend((Word("every"), Recur("month")))
    return end


def _anchor(s: Scan, j: int, nth: int) -> tuple[date | None, int, int]:
    """The month the place is counted in, the index after it, and how many months to move
    on when the place is over (0: never; 12: a month named without a year)."""
    k = s.skip(j, "the")
    mod = MODIFIERS.get(s.key(k))
    unit = s.word(k + 1 if mod else k)
    if unit in ("year", "yr"):
        year, end = year_ref(s, j)
        return (date(year, 1 if nth > 0 else 12, 1) if year else None), end, 0
    year, end = read_year(s, k)
    if year is not None:
        return date(year, 1 if nth > 0 else 12, 1), end, 0
    first, end = month_ref(s, j)
    return first, end, 12 if s.word(k) in MONTHS and end == k + 1 else 0


def month_ref(s: Scan, j: int) -> tuple[date | None, int]:
    """The month named at j: "the month", "this month", "next month", "march", "march 2027"."""
    j = s.skip(j, "the")
    mod = MODIFIERS.get(s.key(j))
    k = j + 1 if mod else j
    this = month_start(s.ctx.today)
    if s.word(k) == "month":
        shift = {"next": 1, "coming": 1, "last": -1}.get(mod or "", 0)
        return add_months(this, shift), k + 1
    month = MONTHS.get(s.key(k))
    if month is None:
        return None, j
    year, end = read_year(s, k + 1)
    if year is None:
        year = this.year + (1 if mod == "next" and month <= this.month else 0)
    return date(year, month, 1), end


def _place(first: date, what: str, nth: int) -> tuple[date, date] | None:
    """The nth day, week (days 1-7, 8-14...; the last 7 days), weekend (the one whose
    Saturday is the month's nth Saturday) or weekday of the month starting `first`."""
    last = first + relativedelta(day=31)
    if what == "day":
        found = first + timedelta(days=nth - 1) if nth > 0 else last + timedelta(days=nth + 1)
        return (found, found) if found.month == first.month else None
    if what == "week":
        begin = first + timedelta(days=7 * (nth - 1)) if nth > 0 else last + timedelta(days=7 * nth + 1)
        return (begin, begin + timedelta(days=6)) if begin.month == first.month else None
    wd = 5 if what == "weekend" else WEEKDAYS[what]
    anchor = first if nth > 0 else last
    found = anchor + relativedelta(weekday=nth_weekday(wd, nth))
    if found.month != first.month:
        return None
    return (found, found + timedelta(days=1)) if what == "weekend" else (found, found)


def _piece(s: Scan, found: tuple[date, date], what: str, nth: int, named: bool) -> Day | Period:
    if what == "week":
        return Period(*s.ctx.day_span(*found), "week")
    if what == "weekend":
        return Period(*s.ctx.day_span(*found), "day")
    wd = WEEKDAYS.get(what)
    return Day(found[0], month_known=True, rank=3, nth=(wd, nth) if wd is not None else None, month_named=named)
