"""Reading an .ics file (a Google Calendar or Outlook export) into events to store, or into
the reason each VEVENT cannot be imported. Nothing here touches the database: storing is
assistant/api/ics_import.py, which checks every field as strictly as REST does.

Zones: a TZID that is a portable IANA name is kept; a Windows name (Outlook's "W. Europe
Standard Time") is mapped to its IANA zone with the CLDR table icalendar ships; a
"/vendor/Europe/Berlin" TZID keeps its IANA tail. Any other TZID defined by a VTIMEZONE in
the file (Outlook's "Customized Time Zone") is read at its instants, computed from that
file's own VTIMEZONE, and the event is stored in the import's zone. Floating times (no
TZID, no Z) are wall times in the import's zone: X-WR-TIMEZONE (Google writes it), else
the request's `tz`.

A VTIMEZONE is the file's own: icalendar caches the first definition of each TZID for the
whole process, so two users' "Customized Time Zone" (Outlook's name for every custom zone)
would otherwise share whichever was imported first, and one file could move another user's
events by hours. Its transitions must repeat yearly, as real zones do: dateutil walks a
zone's rule from its DTSTART (often 1601) to each date it converts, so a rule repeating
every second or hour would hang the import and fill memory.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Calendar, Component
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from nlu.dates.rrule_limits import check_rrule
from nlu.exceptions import BadRecurrence, BadTimeZone
from nlu.timezones import zone as portable_zone

MAX_UID = 1000  # long enough for any calendar's UIDs; the unique index must hold it
UNSUPPORTED = ("rdate", "exrule")
MAX_ZONE_PARTS = 400  # STANDARD/DAYLIGHT blocks of one VTIMEZONE: a zone's whole history has under 300
MAX_FILE_ZONE_PARTS = 1000  # in the whole file: an export holds one VTIMEZONE per zone its events use
ZONE_BLOCK = re.compile(rb"^BEGIN:(?:STANDARD|DAYLIGHT)\s*$", re.IGNORECASE | re.MULTILINE)
MAX_CHANGES_A_YEAR = 2  # a zone's transition rule: summer time starts, or ends, once a year
YEAR_ONE = datetime(2001, 1, 1)  # where a transition rule is counted
ATTENDEES_LINE = "Attendees: "  # assistant/api/ics.py writes attendees' names in DESCRIPTION


class NotACalendar(ValueError):
    """The body is not an iCalendar file (or holds no VCALENDAR)."""


@dataclass(frozen=True)
class Incoming:
    """One VEVENT as it will be stored: aware start/end (or dates for all-day events)."""

    uid: str
    title: str
    start: datetime
    end: datetime
    all_day: bool
    tz: str
    location: str | None = None
    kind: str | None = None
    attendees: tuple[str, ...] = ()
    recurrence: str | None = None
    exdates: tuple[datetime, ...] = ()  # aware moments (all-day: midnight in `tz`)
    alerts: tuple[int, ...] = ()
    cancelled: bool = False
    recurrence_id: datetime | None = None  # the original start of an occurrence changed alone


@dataclass(frozen=True)
class Skipped:
    """A VEVENT that was not imported, and why."""

    uid: str | None
    summary: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"uid": self.uid, "summary": self.summary, "reason": self.reason}


@dataclass
class Reading:
    """What a file holds: events to store (series before their changed occurrences) and skips."""

    events: list[Incoming] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def read_calendar(body: bytes, default_tz: str, length: timedelta) -> Reading:
    """Every VEVENT of the file, read or skipped with a reason; `length` is for events that
    give neither DTEND nor DURATION."""
    _few_zone_blocks(body)
    try:
        calendars = Calendar.from_ical(body, multiple=True)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as err:
        # AttributeError: icalendar's own slip on a garbled VTIMEZONE TZID ('list' has no 'strip')
        raise NotACalendar(f"not an iCalendar file: {str(err)[:200]}") from err
    if not calendars:
        raise NotACalendar("not an iCalendar file: no BEGIN:VCALENDAR ... END:VCALENDAR")
    try:
        reading = Reading()
        for cal in calendars:
            zones = FileZones(calendar_zone(cal, default_tz), file_zones(cal))
            for component in cal.walk("VEVENT"):
                _read_into(reading, component, zones, length)
    finally:
        _forget_file_zones(calendars)
    reading.events.sort(key=lambda e: e.recurrence_id is not None)  # series first
    return reading


def _read_into(reading: Reading, component: Component, zones: FileZones, length: timedelta) -> None:
    """One VEVENT read into `reading`: an event to store, or a skip with its reason."""
    try:
        reading.events.append(read_event(component, zones, length))
    except SkipEvent as skip:
        reading.skipped.append(_skipped(component, str(skip)))
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError) as err:
        # a value icalendar read but nobody could mean (year 9999 plus a day...)
        reading.skipped.append(_skipped(component, f"could not be read ({type(err).__name__}: {err})"[:300]))


def _few_zone_blocks(body: bytes) -> None:
    """icalendar builds every VTIMEZONE while it parses, before any check here can run: a
    1 MB file of STANDARD/DAYLIGHT blocks took seconds. A file holding more than any real
    export is refused before parsing (NotACalendar, a 422)."""
    blocks = len(ZONE_BLOCK.findall(body))
    if blocks > MAX_FILE_ZONE_PARTS:
        raise NotACalendar(
            f"not an iCalendar file we can read: its time zones hold {blocks} STANDARD/DAYLIGHT blocks, "
            f"at most {MAX_FILE_ZONE_PARTS}; export it with only the zones its events use"
        )


class SkipEvent(ValueError):
    """This VEVENT cannot be imported; the message says why."""


def _skipped(component: Component, reason: str) -> Skipped:
    return Skipped(_text(component.get("uid")), _text(component.get("summary")), reason)


def calendar_zone(cal: Calendar, default_tz: str) -> str:
    """The zone of the file's floating times: X-WR-TIMEZONE when portable, else the default."""
    named = iana_name(str(cal.get("x-wr-timezone") or ""))
    return named or default_tz


@dataclass(frozen=True)
class FileZones:
    """The zones a file's times are read in: `default` for floating times, and each TZID the
    file defines in a VTIMEZONE of its own (a zone, or the reason it cannot be used)."""

    default: str
    defined: Mapping[str, tzinfo | str] = field(default_factory=dict)


def file_zones(cal: Calendar) -> dict[str, tzinfo | str]:
    """The zones this file defines (VTIMEZONE), built from this file alone, never from
    icalendar's process-wide cache (another file's, another user's, definition of the TZID)."""
    zones: dict[str, tzinfo | str] = {}
    for definition in cal.walk("VTIMEZONE"):
        tzid = str(definition.get("tzid") or "")
        if not tzid or tzid in zones or iana_name(tzid):
            continue
        try:
            _check_zone(definition)
            zones[tzid] = tzp.create_timezone(definition)
        except (SkipEvent, ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as err:
            zones[tzid] = f"time zone {tzid[:64]!r} cannot be used: {str(err)[:200]}"
    return zones


def _check_zone(definition: Component) -> None:
    """A VTIMEZONE that converts times at once: few blocks, each repeating at most yearly."""
    parts = [c for c in definition.subcomponents if c.name in ("STANDARD", "DAYLIGHT")]
    if len(parts) > MAX_ZONE_PARTS:
        raise SkipEvent(f"its VTIMEZONE has {len(parts)} STANDARD/DAYLIGHT blocks; at most {MAX_ZONE_PARTS}")
    for part in parts:
        found = part.get("rrule")
        for rule in found if isinstance(found, list) else [found] if found is not None else []:
            _check_zone_rule(rule.to_ical().decode("utf-8", "replace"))


def _check_zone_rule(text: str) -> None:
    """A zone's transition rule: yearly, within nlu/dates/rrule_limits.py, at most
    MAX_CHANGES_A_YEAR changes a year (so converting a date walks a few hundred steps)."""
    frequency = re.search(r"FREQ=(\w*)", text.upper())
    if frequency is None or frequency.group(1) != "YEARLY":
        raise SkipEvent(
            f"its transitions must repeat yearly, not {frequency.group(1) if frequency else 'without FREQ'}"
        )
    try:
        rule = rrulestr(check_rrule(text), dtstart=YEAR_ONE, ignoretz=True)
    except BadRecurrence as err:
        raise SkipEvent(f"its transition rule is not usable: {err}") from err
    first = islice(rule.xafter(YEAR_ONE, count=MAX_CHANGES_A_YEAR + 1, inc=True), MAX_CHANGES_A_YEAR + 1)
    if sum(moment.year == YEAR_ONE.year for moment in first) > MAX_CHANGES_A_YEAR:
        raise SkipEvent(f"its transitions happen more than {MAX_CHANGES_A_YEAR} times a year (RRULE:{text[:80]})")


def _forget_file_zones(calendars: list[Calendar]) -> None:
    """Drop the file's own TZIDs from icalendar's process-wide zone cache: they are read from
    the file each time (file_zones), and the cache would otherwise grow with every import."""
    cache = getattr(tzp, "_TZP__tz_cache", None)  # private; without it there is nothing to drop
    if not isinstance(cache, dict):
        return
    for cal in calendars:
        for definition in cal.walk("VTIMEZONE"):
            tzid = str(definition.get("tzid") or "")
            if tzid and not iana_name(tzid):
                cache.pop(tzp.clean_timezone_id(tzid), None)


def iana_name(tzid: str) -> str | None:
    """A portable IANA name for a TZID (IANA, Windows, or "/vendor/Area/City"), else None."""
    name = tzid.strip().strip('"')
    candidates = [name, WINDOWS_TO_OLSON.get(name, "")]
    parts = name.strip("/").split("/")
    candidates += ["/".join(parts[i:]) for i in range(1, len(parts))] if name.startswith("/") else []
    for candidate in filter(None, candidates):
        try:
            portable_zone(candidate)
            return candidate
        except BadTimeZone:
            continue
    return None


def read_event(component: Component, zones: FileZones, length: timedelta) -> Incoming:
    """One VEVENT as an Incoming, or SkipEvent saying what is wrong with it."""
    if component.errors:
        name, problem = component.errors[0]
        raise SkipEvent(f"{name}: {problem}"[:300])
    uid = _text(component.get("uid"))
    if not uid or not uid.strip():
        raise SkipEvent("no UID: a re-import could not find this event again")
    if len(uid) > MAX_UID:
        raise SkipEvent(f"UID longer than {MAX_UID} characters")
    for name in UNSUPPORTED:
        if component.get(name) is not None:
            raise SkipEvent(f"{name.upper()} is not supported: only RRULE and EXDATE describe a series here")
    start, end, all_day, event_zone = _span(component, zones, length)
    return Incoming(
        uid=uid,
        title=_text(component.get("summary")) or "",
        start=start,
        end=end,
        all_day=all_day,
        tz=event_zone,
        location=_text(component.get("location")),
        kind=_kind(component),
        attendees=_attendees(component),
        recurrence=_rule(component),
        exdates=_exdates(component, FileZones(event_zone, zones.defined)),
        alerts=_alerts(component),
        cancelled=str(component.get("status") or "").upper() == "CANCELLED",
        recurrence_id=_recurrence_id(component, FileZones(event_zone, zones.defined)),
    )


def _span(component: Component, zones: FileZones, length: timedelta) -> tuple[datetime, datetime, bool, str]:
    """(start, end, all day, the event's zone) from DTSTART and DTEND or DURATION."""
    first = component.get("dtstart")
    if first is None:
        raise SkipEvent("no DTSTART")
    event_zone = _zone_of(first, zones.default)
    start = first.dt
    if isinstance(start, date) and not isinstance(start, datetime):
        return _day_span(component, start, event_zone)
    own = FileZones(event_zone, zones.defined)
    begin = _aware(start, first, own)
    last = component.get("dtend")
    if last is not None:
        if not isinstance(last.dt, datetime):
            raise SkipEvent("DTSTART is a date-time but DTEND a date: they must be of one kind")
        return begin, _aware(last.dt, last, own), False, event_zone
    duration = component.get("duration")
    span = duration.dt if duration is not None and isinstance(duration.dt, timedelta) else length
    return begin, begin + span, False, event_zone


def _day_span(component: Component, first: date, zone: str) -> tuple[datetime, datetime, bool, str]:
    last = component.get("dtend")
    duration = component.get("duration")
    if last is not None and isinstance(last.dt, datetime):
        raise SkipEvent("DTSTART is a date but DTEND a date-time: they must be of one kind")
    end = last.dt if last is not None else first + (duration.dt if duration is not None else timedelta(days=1))
    midnight = ZoneInfo(zone)
    return (
        datetime.combine(first, datetime.min.time(), midnight),
        datetime.combine(end, datetime.min.time(), midnight),
        True,
        zone,
    )


def _zone_of(prop: Any, default: str) -> str:
    """The IANA zone of a date-time property: its TZID mapped, else the import's zone (UTC
    moments, floating times, and zones only a VTIMEZONE in the file defines)."""
    tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
    return (iana_name(str(tzid)) if tzid else None) or default


def _aware(moment: datetime, prop: Any, zones: FileZones) -> datetime:
    """The moment with its zone: TZID (mapped, or from this file's VTIMEZONE), UTC, or
    floating in the default zone. A TZID's value is the wall time written in the file:
    the zone icalendar attached may be another file's definition of that TZID."""
    tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
    if not tzid:
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=ZoneInfo(zones.default))
    wall = moment.replace(tzinfo=None)
    named = iana_name(str(tzid))
    if named is not None:
        return wall.replace(tzinfo=ZoneInfo(named))
    own = zones.defined.get(str(tzid))
    if own is None:
        raise SkipEvent(f"unknown time zone {str(tzid)[:64]!r}, and the file has no VTIMEZONE for it")
    if isinstance(own, str):
        raise SkipEvent(own)
    return wall.replace(tzinfo=own)


def _rule(component: Component) -> str | None:
    rules = component.get("rrule")
    if rules is None:
        return None
    if isinstance(rules, list):
        raise SkipEvent("more than one RRULE: a series here follows one rule")
    return str(rules.to_ical().decode("utf-8", "replace"))


def _exdates(component: Component, zones: FileZones) -> tuple[datetime, ...]:
    found = component.get("exdate")
    lists = found if isinstance(found, list) else [found] if found is not None else []
    out = []
    for listed in lists:
        for item in listed.dts:
            moment = item.dt
            if isinstance(moment, date) and not isinstance(moment, datetime):
                out.append(datetime.combine(moment, datetime.min.time(), ZoneInfo(zones.default)))
            else:
                out.append(_aware(moment, listed, zones))
    return tuple(out)


def _recurrence_id(component: Component, zones: FileZones) -> datetime | None:
    prop = component.get("recurrence-id")
    if prop is None:
        return None
    moment = prop.dt
    if isinstance(moment, date) and not isinstance(moment, datetime):
        return datetime.combine(moment, datetime.min.time(), ZoneInfo(zones.default))
    return _aware(moment, prop, zones)


def _alerts(component: Component) -> tuple[int, ...]:
    """Minutes before the start of each VALARM triggered relative to the start (others are
    not alerts this calendar can hold: after the start, relative to the end, or at a date)."""
    minutes = set()
    for alarm in component.walk("VALARM"):
        trigger = alarm.get("trigger")
        before = getattr(trigger, "dt", None)
        related = str(trigger.params.get("RELATED", "START")).upper() if trigger is not None else "START"
        if isinstance(before, timedelta) and before <= timedelta(0) and related == "START":
            minutes.add(int(-before.total_seconds() // 60))
    return tuple(sorted(minutes))


def _attendees(component: Component) -> tuple[str, ...]:
    """ATTENDEE names (CN, else the address); else the "Attendees: a, b" line our export writes
    (names without addresses cannot be ATTENDEE properties)."""
    found = component.get("attendee")
    people = found if isinstance(found, list) else [found] if found is not None else []
    described = _text(component.get("description")) or ""
    if not people and described.startswith(ATTENDEES_LINE) and "\n" not in described:
        return tuple(n.strip() for n in described[len(ATTENDEES_LINE) :].split(",") if n.strip())
    names = []
    for person in people:
        name = person.params.get("CN") if hasattr(person, "params") else None
        names.append(str(name or str(person).removeprefix("mailto:").removeprefix("MAILTO:")))
    return tuple(n for n in names if n.strip())


def _kind(component: Component) -> str | None:
    found = component.get("categories")
    first = found[0] if isinstance(found, list) and found else found
    cats = getattr(first, "cats", None)
    return str(cats[0]) if cats else None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value)
