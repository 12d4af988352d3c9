"""Grammar rules for calendar dates: july 18, 7/18, 2027-05, the 18th, years, quarters and
halves of a year."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from nlu.dates.calendar import Context, add_months, next_day_of_month, next_month_day, valid_date
from nlu.dates.lexicon import MONTHS, UNITS
from nlu.dates.pieces import Day, Period
from nlu.dates.scanner import MODIFIERS, Scan
from nlu.dates.tokens import Tok, full_year
from nlu.exceptions import BadDatePhrase


def read_year(s: Scan, i: int) -> tuple[int | None, int]:
    """A year at i ("2023", "two thousand and seventeen", "twenty seventeen"), if any."""
    j = s.skip(i, "of", "in", "year")
    tok = s.num(j)
    if tok is None or tok.ordinal:
        return None, i
    if 1900 <= tok.val <= 2199 and tok.digits in (0, 4):
        return tok.val, j + 1
    clock = tok.val // 100 <= 23 and tok.val % 100 <= 59  # "1530", "0930": a 24-hour time
    if (tok.digits == 4 and not clock) or (s.word(j - 1) == "year" and tok.digits > 0):
        # "january 1 9999", "in year 0": a year no calendar here holds, never dropped silently
        raise BadDatePhrase(f"the year {tok.val} is outside the years a calendar holds (1900 to 2199)")
    nxt = s.num(j + 1)
    if (
        tok.digits == 0
        and tok.val in (19, 20, 21)
        and nxt is not None
        and nxt.digits == 0
        and 10 <= nxt.val <= 99
        and not nxt.ordinal
    ):
        return tok.val * 100 + nxt.val, j + 2
    return None, i


def _short_year(s: Scan, j: int) -> tuple[int | None, int]:
    """A two-digit year after day and month ("14th April 27", "3 May 09"): written as two
    digits, over 24 or with a leading zero (so not an hour), nothing after it that makes it
    a time or an amount."""
    tok = s.num(j)
    if tok is None or tok.ordinal or tok.digits != 2 or not (tok.val > 24 or tok.text.startswith("0")):
        return None, j
    if s.word(j + 1) in ("am", "pm", "oclock", "h") or s.word(j + 1) in UNITS:
        return None, j
    return full_year(tok.val), j + 1


def _day_number(tok: Tok | None) -> int | None:
    if tok is None or tok.digits > 2 or not 1 <= tok.val <= 31:
        return None
    return tok.val


def _dated(s: Scan, month: int, dom: int, year: int | None) -> Day | None:
    """The day `month`/`dom` (of `year`, else the next one); a day the month never has
    ("february 30", "april 31st", "2027-02-29") is a clear error, not some other date."""
    if not (1 <= month <= 12 and 1 <= dom <= 31):
        return None
    if year is not None:
        found = valid_date(year, month, dom)
    elif s.ctx.policy.future_bias:
        found = next_month_day(s.ctx.today, month, dom)
    else:
        found = valid_date(s.ctx.today.year, month, dom) or next_month_day(s.ctx.today, month, dom)
    if found is None:
        name = date(2000, month, 1).strftime("%B")
        leap = " (it is not a leap year)" if month == 2 and dom == 29 else ""
        raise BadDatePhrase(f"{name}{' ' + str(year) if year else ''} has no day {dom}{leap}")
    return Day(found, month_known=True, rank=3, year_free=year is None)


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
    month = MONTHS.get(s.key(i))
    if month is None:
        return i
    j = s.skip(i + 1, "the")
    tok = s.num(j)
    dom = _day_number(tok)
    year_like = (
        dom in (19, 20, 21)
        and tok is not None
        and tok.digits == 0
        and read_year(s, j)[0]
        and not read_year(s, j + 1)[0]
    )
    if dom is not None and not year_like:
        year, end = read_year(s, j + 1)
        day = _dated(s, month, dom, year)
        if day is not None:
            s.out.append(day)
            return end
    dash = i + 1 < len(s.toks) and s.toks[i + 1].kind == "-"  # "Apr-2027"
    year, end = read_year(s, i + 1 + dash)
    if year is not None:
        start = date(year, month, 1)
        s.out.append(month_period(s.ctx, start))
        return end
    return i


def day_first(s: Scan, i: int) -> int:
    """18 july, the first of march, twenty second of march twenty seventeen, 3rd May 28."""
    dom = _day_number(s.num(i))
    if dom is None:
        return i
    j = s.skip(i + 1, "of", "day")
    month = MONTHS.get(s.key(j))
    if month is None:
        return i
    year, end = read_year(s, j + 1)
    if year is None:
        year, end = _short_year(s, j + 1)
    day = _dated(s, month, dom, year)
    if day is None:
        return i
    s.out.append(day)
    return end


def ordinal_day(s: Scan, i: int) -> int:
    """the 18th, the twenty first, fifteenth: the next day with that day of the month."""
    tok = s.num(i)
    dom = _day_number(tok)
    if tok is None or dom is None or s.word(i + 1) in UNITS or s.word(i + 1) in ("thing", "time"):
        return i
    month_follows = s.word(i + 1) == "of" and s.word(s.skip(i + 2, "the", *MODIFIERS)) == "month"
    if not tok.ordinal and not month_follows:  # "20 of next month" is a day, "20" alone is not
        return i
    found = next_day_of_month(s.ctx.today, dom)
    if found is None:
        return i
    s.out.append(Day(found, rank=2, dom_only=True))
    return i + 1


def month_period(ctx: Context, first: date) -> Period:
    return Period(*ctx.day_span(first, first + relativedelta(day=31)), "month")


def year_ref(s: Scan, j: int) -> tuple[int | None, int]:
    """The year named at j: "2027", "twenty twenty seven", "the year", "next year", "this year"."""
    k = s.skip(j, "of", "in", "the")
    mod = MODIFIERS.get(s.key(k))
    if s.word(k + (1 if mod else 0)) in ("year", "yr") and s.num(k + (2 if mod else 1)) is None:
        shift = {"next": 1, "coming": 1, "last": -1}.get(mod or "", 0)
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
