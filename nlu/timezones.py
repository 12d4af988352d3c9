"""The reference time a command is read against: `now`, made aware in the user's zone."""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from nlu.exceptions import BadTimeZone

# Files in the zone database that are not zones another machine would read the same way:
# this machine's own setting, leap-second and POSIX variants, placeholders.
MACHINE_SPECIFIC = frozenset({"localtime", "Factory", "posixrules"})


@lru_cache(maxsize=1)
def portable_zones() -> frozenset[str]:
    """IANA zone names that mean the same on every machine (Europe/Paris, UTC, US/Eastern...)."""
    return frozenset(
        name
        for name in available_timezones()
        if name not in MACHINE_SPECIFIC and not name.startswith(("posix/", "right/"))
    )


@lru_cache(maxsize=1)
def local_zone() -> tzinfo:
    """This machine's zone, looked up once per process (the lookup reads files: about a
    millisecond, as long as a whole parse)."""
    from dateutil import tz as dateutil_tz  # here, not at the top: it costs a CLI ~50 ms to import

    return dateutil_tz.gettz() or ZoneInfo("UTC")


def zone(name: str | tzinfo | None) -> tzinfo:
    """A portable IANA zone by name (None: this machine's local zone)."""
    if isinstance(name, tzinfo):
        return name
    if not name:
        return local_zone()
    if not isinstance(name, str) or name not in portable_zones():
        raise BadTimeZone(f"unknown time zone {str(name)[:64]!r}: use an IANA name such as 'Europe/Paris'")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise BadTimeZone(f"unknown time zone {name!r}: use an IANA name such as 'Europe/Paris'") from err


def reference_time(now: datetime | None = None, tz: str | tzinfo | None = None) -> datetime:
    """`now` as an aware wall time in the user's zone.

    A naive `now` is a wall time in `tz`; an aware one is converted to `tz` when given,
    otherwise kept in its own zone. No `now` means the current time.
    """
    if now is None:
        return datetime.now(zone(tz))
    if now.tzinfo is None:
        return now.replace(tzinfo=zone(tz))
    return now.astimezone(zone(tz)) if tz else now
