"""The plain results the assistant hands out (chat JSON, REST bodies, the UI), in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from assistant.models import Event

OPERATIONS = ("create", "cancel", "reschedule", "update", "query", "availability", "undo", "confirm", "clarify", "none")


@dataclass(frozen=True)
class EventView:
    """An event as a user sees it: wall times in their zone (ISO, no offset).

    In an expanded listing each occurrence of a series carries the series' id as `id` and
    `series_id`, and `original_start`, the start the rule gives it (wall time in the same
    zone as `start`): the key to cancel or change that occurrence alone. A changed
    occurrence (its own row) carries its own `id` and the same two keys.
    """

    id: int
    title: str
    kind: str | None
    start: str
    end: str
    all_day: bool
    location: str | None
    attendees: tuple[str, ...] = ()
    recurrence: str | None = None
    cancelled: bool = False
    tz: str = "UTC"
    alerts: tuple[int, ...] = ()
    series_id: int | None = None
    original_start: str | None = None
    exdates: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "all_day": self.all_day,
            "location": self.location,
            "kind": self.kind,
            "attendees": list(self.attendees),
            "recurrence": self.recurrence,
            "cancelled": self.cancelled,
            "tz": self.tz,
            "alerts": list(self.alerts),
            "series_id": self.series_id,
            "original_start": self.original_start,
            "exdates": list(self.exdates),
        }

    @classmethod
    def of(cls, event: Event, tz: str | None = None) -> EventView:
        """The view of a stored event in zone `tz` (all-day events keep their own dates)."""
        zone_name = event.tz if (event.all_day or not tz) else tz
        start, end = wall(event.start_utc, zone_name), wall(event.end_utc, zone_name)
        original = event.original_start_utc
        return cls(
            id=event.id,
            title=event.title,
            kind=event.kind,
            start=start.isoformat(timespec="seconds"),
            end=end.isoformat(timespec="seconds"),
            all_day=event.all_day,
            location=event.location,
            attendees=tuple(event.attendees or ()),
            recurrence=event.recurrence,
            cancelled=event.cancelled_at is not None,
            tz=zone_name,
            alerts=tuple(event.alerts or ()),
            series_id=event.series_id,
            original_start=wall(original, zone_name).isoformat(timespec="seconds") if original else None,
            exdates=tuple(
                wall(datetime.fromisoformat(x), zone_name).isoformat(timespec="seconds") for x in event.exdates or ()
            ),
        )

    @property
    def start_dt(self) -> datetime:
        """The start as a naive wall time (for formatting)."""
        return datetime.fromisoformat(self.start)

    @property
    def end_dt(self) -> datetime:
        return datetime.fromisoformat(self.end)


@dataclass(frozen=True)
class FreeTime:
    """What a free-time answer looked at: the window searched (after "now", inside it) and
    the free stretches found there, wall times (ISO, no offset) in `tz`; `min_minutes` is
    the length asked for (0: any)."""

    start: str
    end: str
    tz: str
    windows: tuple[tuple[str, str], ...] = ()
    min_minutes: int = 0


@dataclass(frozen=True)
class Reply:
    """One answer of the dialogue: what to say, what was done, the events it is about."""

    reply: str
    operation: str = "none"
    events: list[EventView] = field(default_factory=list)
    parse: Any = None  # nlu.result.Parse of the utterance, when it was parsed
    choices: list[str] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict, compare=False)
    # An availability answer's window and free stretches, for in-process callers (the demo):
    # not in the chat JSON, whose contract is fixed (REST clients have GET /v1/free).
    free: FreeTime | None = None

    def to_dict(self) -> dict[str, Any]:
        """The chat JSON: reply, operation, events, plus choices and the parse."""
        out: dict[str, Any] = {
            "reply": self.reply,
            "operation": self.operation,
            "events": [e.to_dict() for e in self.events],
            "choices": list(self.choices),
            "parse": self.parse.to_dict() if self.parse is not None else None,
        }
        out.update(self.extras)
        return out


@dataclass(frozen=True)
class CalendarSnapshot:
    """One user's calendar as stored: what `Assistant.reset` removes and `Assistant.restore`
    puts back exactly (alerts, EXDATEs, changed occurrences, each event's zone, the
    operation log that undo reads, the conversations and their open questions).

    Each row is a JSON-able dict of its table's columns but the owner (times as ISO
    strings), under the ids it had; a restore gives new ids and keeps every link. Treat the
    rows as read-only; `to_dict` / `from_dict` are its JSON form.
    """

    user: str
    events: tuple[dict[str, Any], ...] = ()
    operations: tuple[dict[str, Any], ...] = ()
    conversations: tuple[dict[str, Any], ...] = ()

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """The rows by table name, as the storage functions take them."""
        return {name: list(getattr(self, name)) for name in TABLES}

    def to_dict(self) -> dict[str, Any]:
        return {"user": self.user, **self.rows()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CalendarSnapshot:
        return cls(user=data["user"], **{name: tuple(data.get(name, ())) for name in TABLES})


TABLES = ("events", "operations", "conversations")


def wall(moment_utc: datetime, zone_name: str) -> datetime:
    """A stored naive-UTC moment as naive wall time in the zone."""
    return moment_utc.replace(tzinfo=UTC).astimezone(ZoneInfo(zone_name)).replace(tzinfo=None)


def to_utc(moment: datetime, zone_name: str) -> datetime:
    """An aware moment, or a naive wall time in `zone_name`, as naive UTC for storage."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone_name))
    return moment.astimezone(UTC).replace(tzinfo=None)
