"""Plain, immutable results that cross the NLU boundary, with their JSON form in one place.

Everything the NLU hands to other code (the assistant, the CLI, the REST API, other
people's event software) is one of these frozen dataclasses; `to_dict()` is the JSON
contract of `python -m nlu parse` and `python -m nlu dates`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

INTENTS = ("create", "cancel", "reschedule", "update", "query", "availability", "out_of_scope")
LABELS = ("ACTION", "DOMAIN", "NAME", "DATE", "LOCATION", "PERSON", "ALERT")
ROLES = ("old", "new")  # ANNOTATION.md: a slot's role when one command names both values
GRAINS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year")


def wall_iso(moment: datetime | None) -> str | None:
    """ISO text of a moment as wall time in its own zone, without offset (the contract's form)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=None).isoformat(timespec="seconds")


def iso_duration(delta: timedelta) -> str:
    """ISO 8601 duration ("PT1H30M", "P2D") of a timedelta, for JSON."""
    seconds = int(delta.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    time = "".join(f"{n}{u}" for n, u in ((hours, "H"), (minutes, "M"), (secs, "S")) if n)
    return "P" + (f"{days}D" if days else "") + (("T" + time) if time else "") if seconds else "PT0S"


@dataclass(frozen=True)
class TimeSpan:
    """What a DATE phrase means: [start, end) in the user's zone, at a grain.

    `start`/`end` are timezone-aware. A pure duration ("for two hours") has no start/end
    but a `duration`; a recurrence ("every monday at nine") has its first occurrence as
    start/end plus an RFC 5545 `rrule`. Where a phrase is ambiguous, `alternatives` holds
    the other readings (the chosen one is this span).
    """

    start: datetime | None
    end: datetime | None
    grain: str | None
    duration: timedelta | None = None
    rrule: str | None = None
    alternatives: tuple[TimeSpan, ...] = ()
    open_start: bool = False  # "until friday", "by 2pm": start is only `now`
    open_end: bool = False  # "after 5": end is only the end of that day

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": wall_iso(self.start), "end": wall_iso(self.end), "grain": self.grain}
        if self.duration is not None:
            out["duration"] = iso_duration(self.duration)
        if self.rrule:
            out["rrule"] = self.rrule
        if self.alternatives:
            out["alternatives"] = [alt.to_dict() for alt in self.alternatives]
        if self.open_start:
            out["open_start"] = True
        if self.open_end:
            out["open_end"] = True
        if self.start is not None and self.start.tzinfo is not None:
            out["utc_offset"] = self.start.strftime("%z")
        return out


@dataclass(frozen=True)
class Alert:
    """What an ALERT phrase means ("an hour before", "two days in advance"): minutes before the start."""

    minutes_before: int

    def to_dict(self) -> dict[str, Any]:
        return {"minutes_before": self.minutes_before}


@dataclass(frozen=True)
class Slot:
    """One labelled span of the input: `text == source[start:end]` (character offsets).

    `value` is the resolved meaning where a label has one (DATE: a TimeSpan, ALERT: an
    Alert). `role` is "old" or "new" when the command names both the current value and the
    new one ("move the [3 pm](old) meeting to [5 pm](new)"), else None.
    """

    label: str
    text: str
    start: int
    end: int
    value: TimeSpan | Alert | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "role": self.role,
        }
        if self.label in ("DATE", "ALERT"):
            out["value"] = self.value.to_dict() if self.value else None
        return out


@dataclass(frozen=True)
class Parse:
    """The whole reading of one command: intent, slots, the title and time they give.

    `when` is the new time where slots carry roles ("move the 3 pm meeting to 5 pm" -> 17:00);
    for an availability question it is the window to search (all of Monday for "on monday"),
    with a said length in `when.duration`. `alert` is the minutes before the start that this
    command asks to be reminded, or None. `confidence` is calibrated (temperature scaling):
    below `nlu.CONFIRM_BELOW` (0.7) a caller should ask before acting; `scores` keeps the raw
    textcat scores and `probabilities` the calibrated ones (how sure the model is of a group
    of intents is their sum: "add a weekly standup" may split between create and update).
    """

    text: str
    intent: str
    confidence: float
    slots: tuple[Slot, ...] = ()
    title: str | None = None
    when: TimeSpan | None = None
    scores: dict[str, float] = field(default_factory=dict, compare=False)
    alert: int | None = None
    probabilities: dict[str, float] = field(default_factory=dict, compare=False)

    def slots_of(self, label: str, role: str | None = None) -> list[Slot]:
        """The slots with this label (and this role, when one is given), in text order."""
        return [s for s in self.slots if s.label == label and (role is None or s.role == role)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "intent": self.intent,
            "confidence": round(self.confidence, 4),
            "slots": [s.to_dict() for s in self.slots],
            "title": self.title,
            "when": self.when.to_dict() if self.when else None,
            "alert": self.alert,
        }
