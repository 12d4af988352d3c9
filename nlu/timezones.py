"""The reference time a command is read against: `now`, made aware in the user's zone."""
from __future__ import annotations

from datetime import datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import tz as dateutil_tz

from nlu.exceptions import BadTimeZone


@lru_cache(maxsize=1)
def local_zone() -> tzinfo:
    """This machine's zone, looked up once per process (the lookup reads files: about a
    millisecond, as long as a whole parse)."""
    return dateutil_tz.gettz() or ZoneInfo("UTC")


def zone(name: str | tzinfo | None) -> tzinfo:
    """An IANA zone by name (None: this machine's local zone)."""
    if isinstance(name, tzinfo):
        return name
    if not name:
        return local_zone()
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
