"""What the grammar finds in a phrase, before the pieces are put together.

A phrase is read into a flat list of pieces (a day, a clock time, a part of the day, a
period, a duration, a bare number, a connector word); `combine` then joins them, so the
pieces may come in any order ("at 4 tomorrow afternoon" = "tomorrow afternoon at 4").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

CalendarDate = date  # in Day's body, `date` names its field


@dataclass
class Day:
    """A calendar day; `weekday` is set when it came from a weekday name (may move into a
    named week), `month_known` when the month was said (so "3 to 5" can share it)."""

    date: date
    alts: tuple[CalendarDate, ...] = ()
    weekday: int | None = None
    month_known: bool = False
    rank: int = 1  # 3 calendar date, 2 relative day / holiday, 1 weekday
    dom_only: bool = False  # "the 18th": only the day of the month was said
    nth: tuple[int, int] | None = None  # "first monday of the month": (weekday, n), for recurrences
    month_named: bool = False  # the month was named ("of december"), not just "of the month"
    year_free: bool = False  # a calendar date said without a year: a weekday said with it picks one


@dataclass
class Time:
    """A clock time; ampm None when not said ("at 4"), exact when it cannot be 12-hour."""

    hour: int
    minute: int = 0
    second: int = 0
    ampm: str | None = None
    grain: str = "hour"
    exact: bool = False
    next_day: bool = False  # midnight: the end of the day it is on


@dataclass
class Pod:
    """A part of the day, [start hour, end hour) (end may be 24)."""

    name: str
    start: int
    end: int


@dataclass
class Period:
    """An already resolved interval: a week, month, year, quarter, weekend, offset point."""

    start: datetime
    end: datetime
    grain: str
    open_start: bool = False
    open_end: bool = False
    week: date | None = None  # first day, when this is a calendar week
    alts: tuple[tuple[datetime, datetime, str], ...] = ()  # other readings: (start, end, grain)


@dataclass
class Dur:
    """An amount of time; `grain` is its finest unit (two and a half hours: minute)."""

    delta: relativedelta
    grain: str
    unit: str = ""
    count: float = 1


@dataclass
class Num:
    """A bare number whose meaning depends on its neighbours (an hour, a day of month)."""

    value: int


@dataclass
class Recur:
    """A recurrence word: daily, weekly, "every day", "mondays", "weekdays"."""

    freq: str | None = None
    interval: int = 1
    weekdays: tuple[int, ...] = ()


@dataclass
class Word:
    """A connector that relates pieces: to, from, between, until, by, after, ago, every..."""

    text: str


@dataclass
class Zone:
    """A time zone named after a time ("3pm eastern"): an IANA name."""

    name: str


@dataclass
class TimeRange:
    first: Time
    last: Time


@dataclass
class DayRange:
    first: Day
    last: Day


Piece = Day | Time | Pod | Period | Dur | Num | Recur | Word | TimeRange | DayRange | Zone
