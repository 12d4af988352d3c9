"""Replies a speaker could read aloud: "Sunday, July 18, 2027 (all day)", "Wednesday, November 25 at 11:00 AM"."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from assistant.views import EventView


def day_text(day: datetime, ref_year: int) -> str:
    """ "Wednesday, November 25", with the year when it is not the reference year."""
    text = f"{day:%A, %B} {day.day}"
    return f"{text}, {day.year}" if day.year != ref_year else text


def clock_text(moment: datetime) -> str:
    """ "11:00 AM", "6:30 PM"."""
    return f"{moment.hour % 12 or 12}:{moment:%M %p}"


def when_text(view: EventView, ref_year: int) -> str:
    """When an event happens, as spoken: the day(s), all day or from a time."""
    start, end = view.start_dt, view.end_dt
    if view.all_day:
        last = end - timedelta(days=1)
        if last.date() <= start.date():
            return f"{day_text(start, ref_year)} (all day)"
        return f"{day_text(start, ref_year)} to {day_text(last, ref_year)} (all day)"
    if end.date() != start.date() and end - start >= timedelta(days=1):
        return f"{day_text(start, ref_year)} at {clock_text(start)} to {day_text(end, ref_year)} at {clock_text(end)}"
    return f"{day_text(start, ref_year)} at {clock_text(start)}"


def describe(view: EventView, ref_year: int) -> str:
    """'"AI" on Tuesday, November 24 (all day)', with the place when known."""
    place = f" at {view.location}" if view.location else ""
    return f'"{view.title}"{place} on {when_text(view, ref_year)}'


def join(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def count(n: int, noun: str) -> str:
    """ "1 event", "3 events"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


_DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
_NTH = {"1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth", "-1": "last", "-2": "second to last"}
_UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}


def repeat_text(rrule: str | None) -> str:
    """ "every Monday", "every other week", "every weekday": how a recurrence sounds ("" if none)."""
    if not rrule:
        return ""
    parts = dict(p.split("=", 1) for p in rrule.removeprefix("RRULE:").split(";") if "=" in p)
    interval = int(parts.get("INTERVAL", "1") or 1)
    every = "every" if interval == 1 else ("every other" if interval == 2 else f"every {interval}")
    days = [d[-2:] for d in parts.get("BYDAY", "").split(",") if d]
    if days == ["MO", "TU", "WE", "TH", "FR"] and interval == 1:
        return "every weekday"
    if days and parts.get("FREQ") == "WEEKLY":
        return f"{every} " + join([_DAYS.get(d, d) for d in days])
    unit = _UNITS.get(parts.get("FREQ", ""), "time")
    nth = re.fullmatch(r"([+-]?\d)([A-Z]{2})", parts.get("BYDAY", ""))
    if nth and parts.get("FREQ") == "MONTHLY" and nth.group(1).lstrip("+") in _NTH:
        # "+1TU": "the first Tuesday of every month"
        month = f"{every} month" if interval <= 2 else f"every {interval} months"
        return f"the {_NTH[nth.group(1).lstrip('+')]} {_DAYS.get(nth.group(2), nth.group(2))} of {month}"
    if parts.get("FREQ") == "MONTHLY" and parts.get("BYMONTHDAY", "").isdigit():
        day = int(parts["BYMONTHDAY"])  # "the 15th of every month"
        suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        month = f"{every} month" if interval <= 2 else f"every {interval} months"
        return f"the {day}{suffix} of {month}"
    return f"{every} {unit}" if interval <= 2 else f"every {interval} {unit}s"


def series_text(view: EventView) -> str:
    """How a series repeats, with its time: "every Monday at 9:00 AM", "every day (all day)"."""
    repeat = repeat_text(view.recurrence)
    return f"{repeat} (all day)" if view.all_day else f"{repeat} at {clock_text(view.start_dt)}"


def length_text(minutes: int) -> str:
    """ "1 hour", "1 hour and 30 minutes", "2 days", "45 minutes"."""
    days, rest = divmod(int(minutes), 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [count(n, unit) for n, unit in ((days, "day"), (hours, "hour"), (mins, "minute")) if n]
    return join(parts) if parts else "0 minutes"


def before_text(minutes: int) -> str:
    """When an alert rings: "1 hour before", "when it starts"."""
    return "when it starts" if minutes == 0 else f"{length_text(minutes)} before"


def alert_on_text(minutes: int, event: str) -> str:
    """An alert on a named event: "1 hour before "dentist"", "when "dentist" starts"."""
    return f"when {event} starts" if minutes == 0 else f"{length_text(minutes)} before {event}"
