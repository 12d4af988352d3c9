"""iCalendar (RFC 5545) export of a user's events, so calendar apps can import or subscribe.

The `icalendar` package does the RFC's fiddly parts (TEXT escaping of , ; \\ and newlines,
folding at 75 octets, CRLF). Here we only map our events: timed events in UTC ("Z"),
all-day ones as VALUE=DATE with an exclusive end, recurrence as RRULE, cancelled ones
(when asked for) with STATUS:CANCELLED.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from assistant.api.schemas import valid_rrule

log = logging.getLogger("assistant.api")
PRODID = "-//calendar-assistant//REST API//EN"
UID_DOMAIN = "calendar-assistant"
# RFC 5545 TEXT may not hold control characters other than HTAB (newlines get escaped).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def calendar_bytes(events: Iterable, *, stamp: datetime | None = None) -> bytes:
    """The VCALENDAR of these events (EventView-like objects), as CRLF-terminated bytes."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    stamp = stamp or datetime.now(timezone.utc)
    for event in events:
        cal.add_component(vevent(event, stamp))
    return cal.to_ical()


def vevent(event, stamp: datetime) -> Event:
    """One VEVENT: UID, DTSTAMP, DTSTART/DTEND, SUMMARY and the optional fields."""
    out = Event()
    out.add("uid", f"event-{event.id}@{UID_DOMAIN}")
    out.add("dtstamp", stamp)
    start, end = _moment(event.start, event), _moment(event.end, event)
    out.add("dtstart", start)
    out.add("dtend", end)
    out.add("summary", text(event.title))
    if event.location:
        out.add("location", text(event.location))
    if event.kind:
        out.add("categories", [text(event.kind)])
    if event.attendees:
        out.add("description", text("Attendees: " + ", ".join(event.attendees)))
    if event.recurrence:
        _add_rrule(out, event)
    if event.cancelled:
        out.add("status", "CANCELLED")
    return out


def _add_rrule(out: Event, event) -> None:
    """RRULE, unless the stored rule is not one (then the first occurrence is still exported)."""
    try:
        out.add("rrule", vRecur.from_ical(valid_rrule(event.recurrence)))
    except ValueError:
        log.warning("event %s: recurrence %r is not an RRULE; exported without it", event.id, event.recurrence)


def text(value: str) -> str:
    """A TEXT value without the control characters RFC 5545 forbids (CR LF becomes LF)."""
    return CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _moment(wall_iso: str, event) -> date | datetime:
    """All-day: the date; timed: the wall time in the event's zone, as UTC."""
    wall = datetime.fromisoformat(wall_iso)
    if event.all_day:
        return wall.date()
    if wall.tzinfo is None:
        wall = wall.replace(tzinfo=ZoneInfo(getattr(event, "tz", None) or "UTC"))
    return wall.astimezone(timezone.utc)
