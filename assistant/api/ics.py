"""iCalendar (RFC 5545) export of a user's events, so calendar apps can import or subscribe.

The `icalendar` package does the RFC's fiddly parts (TEXT escaping of , ; \\ and newlines,
folding at 75 octets, CRLF, VTIMEZONE from a zone). Here we map stored rows:

- timed events in their own zone (DTSTART;TZID=Europe/Paris), with one VTIMEZONE per zone
  used; events stored in UTC are written with "Z"; all-day ones as VALUE=DATE with an
  exclusive end;
- a series' RRULE (its UNTIL in UTC, as the RFC wants beside a TZID), EXDATE for the
  occurrences cancelled alone, and a VEVENT with the series' UID and RECURRENCE-ID for each
  occurrence changed alone; VALARM for each alert;
- STATUS:CANCELLED for cancelled events when they are asked for.

Export never fails for a stored row: a rule that no longer passes the checks (or that the
0003 upgrade quarantined) leaves the event as its first occurrence, noted in a COMMENT, and
a row that cannot be written at all is left out and logged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vRecur

from assistant.models import Event as Row
from nlu.dates.rrule_limits import check_rrule
from nlu.exceptions import BadRecurrence

log = logging.getLogger("assistant.api")
PRODID = "-//calendar-assistant//REST API//EN"
UID_DOMAIN = "calendar-assistant"
# RFC 5545 TEXT may not hold control characters other than HTAB (newlines get escaped).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT"})


def calendar_bytes(
    rows: Iterable[Row], overrides: Iterable[Row], *, include_cancelled: bool = False, stamp: datetime | None = None
) -> bytes:
    """The VCALENDAR of these rows (singles and series) and of their series' occurrences changed
    alone (`overrides`), as CRLF-terminated bytes. An occurrence cancelled alone becomes an
    EXDATE of its series, or, when cancelled events are asked for, a cancelled RECURRENCE-ID."""
    stamp = stamp or datetime.now(UTC)
    rows = list(rows)
    by_id = {r.id: r for r in rows}
    changed: list[tuple[Row, Row]] = []  # (the occurrence's own row, its series)
    cancelled_alone: dict[int, list[datetime]] = {}
    for override in overrides:
        series = by_id.get(override.series_id) if override.series_id is not None else None
        if series is None or override.original_start_utc is None:
            continue
        if override.cancelled_at is not None and not include_cancelled:
            cancelled_alone.setdefault(series.id, []).append(override.original_start_utc)
        else:
            changed.append((override, series))
    components = [_safe(r, stamp, cancelled_alone.get(r.id, []), None) for r in rows]
    components += [_safe(o, stamp, [], series) for o, series in changed]
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for zone in sorted({r.tz for r in rows + [o for o, _ in changed] if not r.all_day and r.tz not in UTC_NAMES}):
        cal.add_component(vtimezone(zone))
    for component in components:
        if component is not None:
            cal.add_component(component)
    data: bytes = cal.to_ical()
    return data


def uid_of(row: Row) -> str:
    """The UID a calendar app keys the event by: the imported one, else ours (stable across exports)."""
    return row.uid or f"event-{row.id}@{UID_DOMAIN}"


@lru_cache(maxsize=64)
def vtimezone(zone: str) -> Timezone:
    """The VTIMEZONE of an IANA zone, 1970-2100 (made once per zone: it walks every transition)."""
    return Timezone.from_tzinfo(ZoneInfo(zone), zone, first_date=date(1970, 1, 1), last_date=date(2100, 1, 1))


def _safe(row: Row, stamp: datetime, cancelled_alone: Sequence[datetime], series: Row | None) -> Event | None:
    try:
        return vevent(row, stamp, cancelled_alone, series)
    except Exception:  # one odd row must not cost the user the whole export
        log.exception("event %s left out of the .ics export", row.id)
        return None


def vevent(row: Row, stamp: datetime, cancelled_alone: Sequence[datetime] = (), series: Row | None = None) -> Event:
    """One VEVENT: UID, DTSTAMP, DTSTART/DTEND, SUMMARY, the optional fields, series parts, alarms."""
    out = Event()
    out.add("uid", uid_of(series) if series is not None else uid_of(row))
    out.add("dtstamp", stamp)
    out.add("dtstart", moment(row.start_utc, row))
    out.add("dtend", moment(row.end_utc, row))
    out.add("summary", text(row.title))
    if series is not None and row.original_start_utc is not None:
        out.add("recurrence-id", moment(row.original_start_utc, series))
    if row.location:
        out.add("location", text(row.location))
    if row.kind:
        out.add("categories", [text(row.kind)])
    if row.attendees:
        out.add("description", text("Attendees: " + ", ".join(row.attendees)))
    if row.recurrence or row.recurrence_quarantine:
        _add_series(out, row, cancelled_alone)
    for minutes in row.alerts or ():
        out.add_component(alarm(row.title, minutes))
    if row.cancelled_at is not None:
        out.add("status", "CANCELLED")
    return out


def _add_series(out: Event, row: Row, cancelled_alone: Sequence[datetime]) -> None:
    """RRULE with its UNTIL in UTC (or a date), and EXDATE; a rule that fails the checks is
    left out (the event stays its first occurrence) and said so in a COMMENT."""
    first = _wall(row.start_utc, row.tz)
    try:
        rule = vRecur.from_ical(check_rrule(row.recurrence or "", first, tz=row.tz))
    except (BadRecurrence, ValueError, TypeError):
        log.warning("event %s: recurrence %r exported as one event", row.id, row.recurrence)
        refused = row.recurrence or row.recurrence_quarantine or ""
        out.add("comment", text(f"repeat rule not exported, it cannot be expanded safely: {refused}"))
        return
    if "UNTIL" in rule:
        rule["UNTIL"] = [_until(value, row) for value in rule["UNTIL"]]
    out.add("rrule", rule)
    starts = sorted({datetime.fromisoformat(s) for s in row.exdates or ()} | set(cancelled_alone))
    if starts:
        out.add("exdate", [moment(start, row) for start in starts])


def _until(value: date | datetime, row: Row) -> date | datetime:
    """A stored UNTIL (a wall time in the event's zone, or a date) as RFC 5545 wants it beside
    DTSTART: a date for all-day events, else the UTC moment."""
    if row.all_day:
        return value if not isinstance(value, datetime) else value.date()
    wall = value if isinstance(value, datetime) else datetime.combine(value, time())
    if wall.tzinfo is None:
        wall = wall.replace(tzinfo=ZoneInfo(row.tz))
    return wall.astimezone(UTC)


def alarm(title: str, minutes: int) -> Alarm:
    """A display alarm `minutes` before the start (RFC 5545 VALARM)."""
    out = Alarm()
    out.add("action", "DISPLAY")
    out.add("description", text(title) or "Reminder")
    out.add("trigger", timedelta(minutes=-minutes))
    return out


def text(value: str) -> str:
    """A TEXT value without the control characters RFC 5545 forbids (CR LF becomes LF)."""
    return CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def moment(stored_utc: datetime, row: Row) -> date | datetime:
    """A stored naive-UTC moment as the event shows it: its date (all-day), else an aware
    wall time in its own zone (icalendar writes TZID=zone; UTC as "Z")."""
    if row.all_day:
        return _wall(stored_utc, row.tz).date()
    zone = UTC if row.tz in UTC_NAMES else ZoneInfo(row.tz)
    return stored_utc.replace(tzinfo=UTC).astimezone(zone)


def _wall(stored_utc: datetime, zone: str) -> datetime:
    return stored_utc.replace(tzinfo=UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
