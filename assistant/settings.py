"""Settings read once from the environment and defaults, failing fast on nonsense.

    ASSISTANT_DATA_DIR   folder for the default SQLite calendar (default ./data)
    DATABASE_URL         any SQLAlchemy URL (default sqlite:///<data dir>/calendar.db)
    ASSISTANT_TZ         IANA zone used when a caller gives none (default Europe/Paris)
    ASSISTANT_LENGTHS    default event lengths per kind in minutes, "meeting=60,call=30"
                         (merged over the built-in table; the key "default" is the fallback)
    ASSISTANT_API_KEYS   development REST keys, "alice:key1,bob:key2:ro" (assistant/api/keys.py)
    ASSISTANT_REMINDER_TIME  the time of a reminder said with a day and no time (default 09:00)
    ASSISTANT_WAKING_HOURS   the hours free time is looked for in, "08:00-22:00" (the default)
    ASR_MODEL            the speech language model folder (default models/asr-calendar)

This is the one place the assistant package reads its environment (the ui package reads
DEMO_NOW in ui/state.py; nlu reads NLU_MODEL and NLU_CORPUS).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta
from pathlib import Path
from types import MappingProxyType

from assistant.exceptions import BadSettings

# Lengths, in minutes, of an event whose end was not said, by its kind (the DOMAIN word).
DEFAULT_LENGTHS: Mapping[str, int] = MappingProxyType(
    {
        "default": 60,
        "meeting": 60,
        "appointment": 60,
        "call": 30,
        "phone call": 30,
        "reminder": 15,
        "lunch": 60,
        "dinner": 120,
        "breakfast": 45,
        "party": 180,
        "class": 60,
        "lecture": 90,
        "interview": 60,
        "session": 60,
        "workshop": 120,
        "conference": 480,
        "standup": 15,
        "stand-up": 15,
        "event": 60,
        "task": 30,
    }
)


@dataclass(frozen=True)
class Settings:
    """Where the calendar lives and the defaults the dialogue uses."""

    data_dir: Path = Path("data")
    database_url: str | None = None
    default_tz: str = "Europe/Paris"
    lengths: Mapping[str, int] = field(default_factory=lambda: DEFAULT_LENGTHS)
    api_keys: str = ""
    reminder_time: time = time(9)
    waking: tuple[time, time] = (time(8), time(22))
    asr_model: Path | None = None  # None: the shipped models/asr-calendar

    def __post_init__(self) -> None:
        _check_zone(self.default_tz)
        if not self.waking[0] < self.waking[1]:
            first, last = self.waking
            raise BadSettings(f"waking hours must start before they end, not {first:%H:%M}-{last:%H:%M}")
        for kind, minutes in self.lengths.items():
            if not isinstance(minutes, int) or minutes <= 0 or minutes > 7 * 24 * 60:
                raise BadSettings(f"default length for {kind!r} must be 1..10080 minutes, not {minutes!r}")
        if "default" not in self.lengths:
            raise BadSettings("the default lengths need a 'default' entry")
        if self.database_url is not None and "://" not in self.database_url:
            raise BadSettings(f"DATABASE_URL {self.database_url!r} is not a URL: use e.g. sqlite:///data/calendar.db")

    @property
    def url(self) -> str:
        """The database URL: DATABASE_URL, else the SQLite file in the data folder."""
        return self.database_url or f"sqlite:///{(self.data_dir / 'calendar.db').resolve()}"

    def length_of(self, kind: str | None) -> timedelta:
        """How long an event of this kind lasts when nobody said."""
        key = (kind or "").strip().lower()
        return timedelta(minutes=self.lengths.get(key, self.lengths["default"]))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from environment variables (see the module docstring)."""
        env = os.environ if env is None else env
        lengths = dict(DEFAULT_LENGTHS)
        lengths.update(_parse_lengths(env.get("ASSISTANT_LENGTHS", "")))
        return cls(
            data_dir=Path(env.get("ASSISTANT_DATA_DIR") or "data"),
            database_url=env.get("DATABASE_URL") or None,
            default_tz=env.get("ASSISTANT_TZ") or "Europe/Paris",
            lengths=MappingProxyType(lengths),
            api_keys=env.get("ASSISTANT_API_KEYS", ""),
            reminder_time=_clock(env.get("ASSISTANT_REMINDER_TIME") or "09:00", "ASSISTANT_REMINDER_TIME"),
            waking=_hours(env.get("ASSISTANT_WAKING_HOURS") or "08:00-22:00"),
            asr_model=Path(env["ASR_MODEL"]) if env.get("ASR_MODEL") else None,
        )


def _clock(text: str, name: str) -> time:
    """ "09:00" -> time(9): a wall-clock time HH:MM."""
    clock = text.strip()
    try:
        if len(clock) != 5:
            raise ValueError(clock)
        return time.fromisoformat(clock)
    except ValueError:
        raise BadSettings(f"{name} {text!r} must be a time HH:MM, e.g. 09:00") from None


def _hours(text: str) -> tuple[time, time]:
    """ "08:00-22:00" -> (time(8), time(22))."""
    first, sep, last = text.partition("-")
    if not sep:
        raise BadSettings(f"ASSISTANT_WAKING_HOURS {text!r} must look like 08:00-22:00")
    return _clock(first, "ASSISTANT_WAKING_HOURS"), _clock(last, "ASSISTANT_WAKING_HOURS")


def _parse_lengths(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        kind, sep, minutes = item.partition("=")
        if not sep or not minutes.strip().isdigit():
            raise BadSettings(f"ASSISTANT_LENGTHS item {item!r} must look like kind=minutes, e.g. meeting=60")
        out[kind.strip().lower()] = int(minutes)
    return out


def _check_zone(name: str) -> None:
    """A portable IANA name: 'localtime' or 'right/UTC' would mean another zone on the next server."""
    from nlu.exceptions import BadTimeZone
    from nlu.timezones import zone

    try:
        zone(name or "?")
    except BadTimeZone as err:
        raise BadSettings(f"ASSISTANT_TZ: {err}") from err
