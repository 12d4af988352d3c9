"""The reference moment and the date arithmetic every rule shares.

Wall-clock arithmetic happens on naive local dates and times; a zone is attached only at
the end (`Context.local`), so "tomorrow at 9" is 09:00 on the wall even across a DST change.
A wall time that does not exist (the spring-forward gap) moves forward by the gap; one that
exists twice (fall back) is the first of the two (fold=0).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dateutil.relativedelta import relativedelta

from nlu.dates.policy import Policy

GRAIN_STEP = {
    "second": timedelta(seconds=1),
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
}


@dataclass(frozen=True)
class Context:
    """`now` (aware) with its zone, wall time and date, and the reading policy."""

    now: datetime
    policy: Policy

    @property
    def tz(self) -> tzinfo:
        zone = self.now.tzinfo
        if zone is None:  # resolve() always passes an aware reference time
            raise ValueError("Context.now must be timezone-aware")
        return zone

    @property
    def wall(self) -> datetime:
        return self.now.replace(tzinfo=None)

    @property
    def today(self) -> date:
        return self.now.date()

    def local(self, wall: datetime) -> datetime:
        """The aware moment of a wall time here (gap times moved forward, fold=0)."""
        moment = wall.replace(tzinfo=self.tz, fold=0)
        back = moment.astimezone(UTC).astimezone(self.tz)
        return back if back.replace(tzinfo=None) != wall else moment

    def day_start(self, day: date) -> datetime:
        return self.local(datetime.combine(day, time()))

    def day_span(self, first: date, last: date) -> tuple[datetime, datetime]:
        """[first 00:00, the day after last 00:00) as aware moments."""
        return self.day_start(first), self.day_start(last + timedelta(days=1))

    def shift(self, delta: timedelta) -> datetime:
        """`now` moved by an elapsed duration (absolute time, right across DST)."""
        return self.after(self.now, delta)

    def after(self, moment: datetime, delta: timedelta) -> datetime:
        """`moment` plus elapsed time. (Aware + timedelta in Python adds wall time, which is
        an hour off across a DST change: 01:30 EDT + 1h must be 01:30 EST.)"""
        return (moment.astimezone(UTC) + delta).astimezone(self.tz)


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week holding `day`."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def unit_start(moment: datetime, grain: str, first_weekday: int = 0) -> datetime:
    """The start of the calendar unit (second ... year) holding `moment`, in its own zone."""
    if grain == "second":
        return moment.replace(microsecond=0)
    if grain == "minute":
        return moment.replace(second=0, microsecond=0)
    if grain == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if grain == "week":
        return midnight - timedelta(days=(moment.weekday() - first_weekday) % 7)
    if grain == "month":
        return midnight.replace(day=1)
    if grain == "quarter":
        return midnight.replace(day=1, month=(moment.month - 1) // 3 * 3 + 1)
    if grain == "year":
        return midnight.replace(day=1, month=1)
    return midnight


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    return day + relativedelta(months=months)


def next_weekday(today: date, weekday: int, include_today: bool = False) -> date:
    """The first `weekday` after today (or from today on)."""
    ahead = (weekday - today.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return today + timedelta(days=ahead)


def last_weekday(today: date, weekday: int) -> date:
    """The most recent `weekday` before today."""
    back = (today.weekday() - weekday) % 7 or 7
    return today - timedelta(days=back)


def valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def next_month_day(today: date, month: int, day: int, future: bool = True) -> date | None:
    """The next `month`/`day` on or after today (Feb 29 looks ahead to a leap year)."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    for year in range(today.year, today.year + 9):
        found = valid_date(year, month, day)
        if found and (found >= today or not future):
            return found
    return None


def next_day_of_month(today: date, day: int) -> date | None:
    """The next date with this day of the month, on or after today ("the 18th")."""
    if not 1 <= day <= 31:
        return None
    start = today.replace(day=1)
    for k in range(14):
        found = valid_date((start + relativedelta(months=k)).year, (start + relativedelta(months=k)).month, day)
        if found and found >= today:
            return found
    return None
