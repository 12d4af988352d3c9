"""What a stored or produced recurrence rule may be: one RFC 5545 RRULE, bounded.

One check for every door (the date resolver's output, chat, REST, the Python facade,
.ics import, and the schema upgrade that repairs old rows), so a rule that would make
expansion loop forever or flood a listing never reaches storage:

- one line, one RRULE: an optional "RRULE:" prefix, no DTSTART, EXDATE or other property
  inside (the event's own start is the rule's start);
- FREQ is YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY: nothing finer than hourly;
- 1 <= INTERVAL <= MAX_INTERVAL and 1 <= COUNT <= MAX_COUNT;
- at most MAX_PER_DAY occurrences a day (BYHOUR x BYMINUTE x BYSECOND, hourly rules
  counting 24 hours), so a calendar day never holds more than a day's worth of hours;
- the parts calendars really use, and only where they can match: BYYEARDAY and BYWEEKNO
  are refused; hourly rules narrow only by weekday, hour and minute; BYSETPOS (1st to 5th
  or last to 5th-last) only in monthly and yearly rules; every BYMONTHDAY must exist in
  some BYMONTH ("February 30th" never happens); an hourly rule's BYHOUR/BYDAY must be
  reachable from its start in INTERVAL steps. dateutil searches for the next occurrence up
  to the year 9999 when none matches, so a rule that can never match would hang whoever
  expands it: these checks make that impossible;
- given the series' start, the rule must produce an occurrence before UNTIL (an UNTIL
  before the start never happens).

`check_rrule` returns the rule in its stored form (the bare "FREQ=...;..." value, parts in
the order given) or raises BadRecurrence with a sentence a person can act on.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from dateutil.rrule import rrulestr

from nlu.exceptions import BadRecurrence

FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY")
MAX_INTERVAL = 1000
MAX_COUNT = 1000
MAX_PER_DAY = 24
MAX_LENGTH = 500
KNOWN_PARTS = frozenset(
    {
        "FREQ",
        "UNTIL",
        "COUNT",
        "INTERVAL",
        "BYSECOND",
        "BYMINUTE",
        "BYHOUR",
        "BYDAY",
        "BYMONTHDAY",
        "BYYEARDAY",
        "BYWEEKNO",
        "BYMONTH",
        "BYSETPOS",
        "WKST",
    }
)
REFUSED_PARTS = ("BYYEARDAY", "BYWEEKNO")
HOURLY_FORBIDDEN = ("BYMONTHDAY", "BYMONTH", "BYSETPOS")
MAX_SETPOS = 5
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February 29 exists in leap years
REFERENCE_START = datetime(2000, 1, 1)  # a start to check a rule's syntax when none is given


def check_rrule(text: str, dtstart: datetime | None = None, tz: str | None = None) -> str:
    """The stored form of a recurrence rule, or BadRecurrence saying what is wrong with it.

    `dtstart` (naive wall time of the first occurrence) lets the check prove the rule
    happens at all; without it only the rule's own parts are checked. A UTC UNTIL
    ("20270101T000000Z", as calendar apps export it) becomes a wall time in `tz`, because
    series are expanded on the wall clock of their own zone.
    """
    parts = _parts(_one_line(text))
    if tz is not None and parts.get("UNTIL", "").upper().endswith("Z"):
        parts["UNTIL"] = _wall_until(parts["UNTIL"], tz)
    rule = ";".join(f"{name}={value}" for name, value in parts.items())
    _check_frequency(parts)
    _check_numbers(parts)
    _check_density(parts)
    _check_matchable(parts)
    if dtstart is not None:
        _check_hours_reachable(parts, dtstart)
    parsed = _parsed(rule, dtstart or REFERENCE_START)
    if dtstart is not None:
        _check_happens(parsed, dtstart)
    return rule


def _one_line(text: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise BadRecurrence("a recurrence rule must be a non-empty text such as 'FREQ=WEEKLY;BYDAY=MO'")
    if len(text) > MAX_LENGTH:
        raise BadRecurrence(f"a recurrence rule must be at most {MAX_LENGTH} characters")
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if len(lines) != 1 or any(ch in text.strip() for ch in "\r\n\x00"):
        raise BadRecurrence(
            "a recurrence rule must be one RRULE line, without DTSTART or other properties "
            "(the event's own start is where it starts)"
        )
    rule = lines[0].strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    if ":" in rule.split(";", 1)[0] or rule.upper().startswith(("DTSTART", "EXDATE", "RDATE", "EXRULE")):
        raise BadRecurrence("a recurrence rule must be the RRULE value alone, such as 'FREQ=WEEKLY;BYDAY=MO'")
    return rule


def _parts(rule: str) -> dict[str, str]:
    parts: dict[str, str] = {}
    for item in rule.split(";"):
        name, sep, value = item.partition("=")
        name = name.strip().upper()
        if not sep or not value.strip():
            raise BadRecurrence(f"'{item}' is not NAME=VALUE: write an RFC 5545 RRULE such as 'FREQ=WEEKLY;BYDAY=MO'")
        if name not in KNOWN_PARTS:
            raise BadRecurrence(f"'{name}' is not a part of an RRULE (FREQ, INTERVAL, COUNT, UNTIL, BYDAY, ...)")
        if name in parts:
            raise BadRecurrence(f"'{name}' is given twice")
        parts[name] = value.strip()
    if "COUNT" in parts and "UNTIL" in parts:
        raise BadRecurrence("a rule may end by COUNT or by UNTIL, not both")
    return parts


def _wall_until(value: str, tz: str) -> str:
    from zoneinfo import ZoneInfo

    try:
        moment = datetime.strptime(value.upper(), "%Y%m%dT%H%M%SZ").replace(tzinfo=ZoneInfo("UTC"))
        return moment.astimezone(ZoneInfo(tz)).strftime("%Y%m%dT%H%M%S")
    except (ValueError, KeyError) as err:
        raise BadRecurrence(f"UNTIL={value} is not a UTC date-time such as 20270101T000000Z") from err


def _check_frequency(parts: dict[str, str]) -> None:
    freq = parts.get("FREQ", "").upper()
    if not freq:
        raise BadRecurrence("a recurrence rule needs FREQ (YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY)")
    if freq in ("MINUTELY", "SECONDLY"):
        raise BadRecurrence("events repeat at most hourly: FREQ=MINUTELY and FREQ=SECONDLY are refused")
    if freq not in FREQUENCIES:
        raise BadRecurrence(f"FREQ={parts['FREQ']} is not one of {', '.join(FREQUENCIES)}")
    refused = [name for name in REFUSED_PARTS if name in parts]
    if refused:
        raise BadRecurrence(f"{refused[0]} is not supported: use BYMONTH, BYMONTHDAY or BYDAY")
    if freq == "HOURLY":
        narrowed = [name for name in HOURLY_FORBIDDEN if name in parts]
        if narrowed:
            raise BadRecurrence(f"an hourly rule may narrow only by BYDAY, BYHOUR and BYMINUTE, not {narrowed[0]}")
    if "BYSETPOS" in parts and freq not in ("MONTHLY", "YEARLY"):
        raise BadRecurrence("BYSETPOS is only supported in monthly and yearly rules")


def _check_numbers(parts: dict[str, str]) -> None:
    for name, top in (("INTERVAL", MAX_INTERVAL), ("COUNT", MAX_COUNT)):
        if name in parts:
            value = parts[name]
            if not value.isdigit() or not 1 <= int(value) <= top:
                raise BadRecurrence(f"{name} must be a whole number from 1 to {top}, not {value!r}")


def _check_density(parts: dict[str, str]) -> None:
    hours = 24 if parts["FREQ"].upper() == "HOURLY" and "BYHOUR" not in parts else _count(parts, "BYHOUR")
    per_day = hours * _count(parts, "BYMINUTE") * _count(parts, "BYSECOND")
    if per_day > MAX_PER_DAY:
        raise BadRecurrence(f"this rule gives {per_day} occurrences a day; at most {MAX_PER_DAY} are allowed")


def _count(parts: dict[str, str], name: str) -> int:
    return len(parts[name].split(",")) if name in parts else 1


def _numbers(parts: dict[str, str], name: str, low: int, high: int) -> list[int]:
    """The values of a numeric BY part, each checked against its RFC 5545 range."""
    out = []
    for item in parts.get(name, "").split(",") if name in parts else ():
        item = item.strip()
        number = item[1:] if item[:1] in "+-" else item
        if not number.isdigit() or not low <= abs(int(item)) <= high:
            raise BadRecurrence(f"{name} values must be whole numbers from {low} to {high}: {item!r}")
        out.append(int(item))
    return out


def _check_matchable(parts: dict[str, str]) -> None:
    """Refuse what can never match (a search for it would run to the year 9999)."""
    months = _numbers(parts, "BYMONTH", 1, 12) or list(range(1, 13))
    if any(m < 0 for m in months):
        raise BadRecurrence("BYMONTH values are months 1 to 12")
    days = _numbers(parts, "BYMONTHDAY", 1, 31)
    longest = max(MONTH_DAYS[m - 1] for m in months)
    if days and all(abs(d) > longest for d in days):
        raise BadRecurrence(f"no month of this rule has a day {days[0]}: the rule would never happen")
    positions = _numbers(parts, "BYSETPOS", 1, MAX_SETPOS)
    if positions and not days and "BYDAY" not in parts:
        raise BadRecurrence("BYSETPOS needs BYDAY or BYMONTHDAY to pick from")
    weekdays = [day.strip().upper() for day in parts["BYDAY"].split(",")] if "BYDAY" in parts else []
    for day in weekdays:
        _check_weekday(day, parts["FREQ"].upper())
    if days and any(len(day) > 2 for day in weekdays):
        raise BadRecurrence("a numbered weekday (2TU) cannot be combined with BYMONTHDAY: use one or the other")


def _check_weekday(day: str, freq: str) -> None:
    nth, name = day[:-2], day[-2:]
    if name not in WEEKDAYS:
        raise BadRecurrence(f"BYDAY values are MO, TU, WE, TH, FR, SA, SU (optionally 1MO, -1FR): {day!r}")
    if nth:
        digits = nth[1:] if nth[0] in "+-" else nth
        if freq not in ("MONTHLY", "YEARLY") or not digits.isdigit() or not 1 <= int(digits) <= MAX_SETPOS:
            raise BadRecurrence(
                f"{day!r}: a numbered weekday (1st to 5th, or -1 for the last) only fits a monthly or yearly rule"
            )


def _check_hours_reachable(parts: dict[str, str], dtstart: datetime) -> None:
    """An hourly rule visits the hours start + k*INTERVAL: its BYHOUR/BYDAY must be among them."""
    if parts["FREQ"].upper() != "HOURLY":
        return
    step = math.gcd(int(parts.get("INTERVAL", "1")), 24 * 7)
    hours = _numbers(parts, "BYHOUR", 0, 23) or list(range(24))
    days = [WEEKDAYS.index(d.strip().upper()) for d in parts["BYDAY"].split(",")] if "BYDAY" in parts else range(7)
    origin = dtstart.weekday() * 24 + dtstart.hour
    if not any((d * 24 + h - origin) % step == 0 for d in days for h in hours):
        raise BadRecurrence("this hourly rule's INTERVAL never lands on its BYHOUR/BYDAY from the event's start")


def _parsed(rule: str, dtstart: datetime):
    utc_until = rule.upper().rstrip(";").split("UNTIL=")[-1].split(";")[0].endswith("Z")
    start = dtstart.replace(tzinfo=UTC if utc_until else None)
    try:
        return rrulestr(rule, dtstart=start)
    except (ValueError, TypeError, OverflowError, KeyError, IndexError) as err:
        raise BadRecurrence(f"not an RFC 5545 RRULE such as 'FREQ=WEEKLY;BYDAY=MO': {err}") from err


def _check_happens(parsed, dtstart: datetime) -> None:
    """The first occurrence exists (quick once _check_matchable has passed: some day matches)."""
    try:
        first = next(iter(parsed), None)
    except (ValueError, OverflowError) as err:
        raise BadRecurrence(f"this rule cannot be expanded from {dtstart:%Y-%m-%d %H:%M}: {err}") from err
    if first is None:
        raise BadRecurrence("this rule never happens after the event's start: check its UNTIL")
