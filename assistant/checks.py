"""Input checks in one home, used by every door: chat, the Python facade, REST and the UI.

What a calendar may store is decided here once: which zone names, which years, which
texts (the database is where odd input turns into a 500: PostgreSQL refuses NUL in text,
and a lone surrogate breaks every driver), how long a command may be, and what an all-day
event's bounds are. Each check raises BadEvent (a ValueError too, so pydantic turns it into
a 422 with the reason) or returns the value to store.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, time, timedelta

from assistant.exceptions import BadEvent

MAX_TURN_CHARS = 1000  # a spoken or typed command is a sentence or two (nlu.parser.MAX_CHARS alike)
MAX_TITLE = 500
MAX_FIELD = 1_000
MAX_KIND = 200  # the events.kind column is VARCHAR(200): PostgreSQL refuses longer
MIN_YEAR, MAX_YEAR = 1900, 2200  # beyond, zone arithmetic overflows and nobody means it
MAX_ALERT_MINUTES = 4 * 7 * 24 * 60  # four weeks before: calendar apps offer no more
MAX_ALERTS = 20


def zone_name(name: str) -> str:
    """A portable IANA zone name ('Europe/Paris'); machine-specific ones ('localtime',
    'right/UTC') would mean something else on the next server."""
    from nlu.exceptions import BadTimeZone
    from nlu.timezones import zone

    try:
        zone(name if isinstance(name, str) and name else "?")
    except BadTimeZone as err:
        raise BadEvent(str(err)) from err
    return name


def moment(name: str, value: object) -> datetime:
    """A date-time a calendar can hold: years MIN_YEAR to MAX_YEAR, in whole seconds.

    Fractions of a second are dropped: every answer and the export show whole seconds, so
    an end 1 µs after the start was stored as an event that showed (and exported) as
    ending when it starts."""
    if not isinstance(value, datetime):
        raise BadEvent(f"{name} must be a date-time")
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise BadEvent(f"{name} must be between the years {MIN_YEAR} and {MAX_YEAR}")
    return value.replace(microsecond=0)


def storable(value: object, name: str = "text") -> str:
    """Refuse the characters no database driver can store (NUL, lone surrogates)."""
    if not isinstance(value, str):
        raise BadEvent(f"{name} must be a text")
    if "\x00" in value:
        raise BadEvent(f"{name} must not contain NUL (\\u0000) characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise BadEvent(f"{name} must be valid Unicode (it holds a lone surrogate)") from err
    return value


def visible(value: str) -> bool:
    """Whether a text shows anything: not only spaces, zero-width or other format characters."""
    return any(
        not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn") for ch in value
    )


def title(value: object, name: str = "title") -> str:
    """An event title: storable, at most MAX_TITLE characters, and visible."""
    value = storable(value, name)
    if len(value) > MAX_TITLE:
        raise BadEvent(f"{name} must be at most {MAX_TITLE} characters")
    if not visible(value):
        raise BadEvent(f"{name} must not be empty or only spaces and invisible characters")
    return value


def optional_text(value: object, name: str, limit: int = MAX_FIELD) -> str | None:
    """A free text field (location, kind...): None, or storable text of at most `limit` characters."""
    if value is None:
        return None
    value = storable(value, name)
    if len(value) > limit:
        raise BadEvent(f"{name} must be at most {limit} characters")
    return value


def all_day_bounds(start: datetime, end: datetime | None) -> tuple[datetime, datetime]:
    """An all-day event runs from midnight to midnight: at least one day, whole days."""
    first = datetime.combine(start.date(), time(), start.tzinfo)
    if end is None or end <= first:
        return first, first + timedelta(days=1)
    last = datetime.combine(end.date(), time(), end.tzinfo)
    return first, last if last > first and end.time() == time() else last + timedelta(days=1)


def whole_days(start_utc: datetime, end_utc: datetime, zone: str) -> tuple[datetime, datetime]:
    """An all-day event's stored bounds (naive UTC): midnight to midnight in its zone,
    whichever door made or moved it (a PATCH of `all_day`, an occurrence moved to 15:00 once
    kept their clock times, and the export then wrote a zero-day DTSTART = DTEND that no
    calendar, ours included, reads back)."""
    from assistant.views import to_utc, wall

    first, last = all_day_bounds(wall(start_utc, zone), wall(end_utc, zone))
    return to_utc(first, zone), to_utc(last, zone)


def alerts(values: object) -> list[int]:
    """An event's alerts: minutes before the start, 0 to MAX_ALERT_MINUTES, at most
    MAX_ALERTS of them; returned sorted without repeats."""
    if values is None:
        return []
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise BadEvent("alerts must be a list of whole minutes before the start, e.g. [10, 60]")
    if any(not 0 <= v <= MAX_ALERT_MINUTES for v in values):
        raise BadEvent(f"each alert must be 0 to {MAX_ALERT_MINUTES} minutes (four weeks) before the start")
    if len(set(values)) > MAX_ALERTS:
        raise BadEvent(f"an event has at most {MAX_ALERTS} alerts")
    return sorted(set(values))
