"""Request and response bodies of the routes for occurrences, alerts and free time.

Kept apart from schemas.py (the events' create / update / public shapes), built from the
same checked field types.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from assistant.api.schemas import Moment, Short, StrictBody, Title, Zone, _check_order

Scope = Literal["one", "following", "all"]


class OccurrenceUpdate(StrictBody):
    """A change to one occurrence: its new times (naive = wall time in `tz`), and, for that
    occurrence alone, a title or place of its own."""

    start: Moment | None = None
    end: Moment | None = None
    title: Title | None = None
    location: Short | None = None
    tz: Zone = Field(None, description="zone of naive times, of the original start in the path, and of the answer")

    @model_validator(mode="after")
    def _ordered(self) -> OccurrenceUpdate:
        _check_order(self.start, self.end)
        if not self.model_fields_set - {"tz"}:
            raise ValueError("send at least one of start, end, title, location")
        return self

    def changes(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True, exclude={"tz"})


class DueAlert(BaseModel):
    """One alert to ring: for one event, or one occurrence of a series."""

    event_id: int
    title: str
    event_start: str = Field(description="the event's (occurrence's) start, wall time in `tz`")
    alert_at: str = Field(description="when to alert, wall time in `tz`")
    minutes_before: int
    original_start: str | None = Field(None, description="the occurrence's key, for a series")
    tz: str


class FreeWindow(BaseModel):
    """A stretch of free time, wall times in the requested zone."""

    start: str
    end: str


def checked_window(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """Query bounds a calendar can hold, both with a UTC offset or both wall times, end after
    start (a 422 naming the field otherwise)."""
    from assistant.api import deps

    start, end = deps.checked_moment("start", start), deps.checked_moment("end", end)
    if (start.tzinfo is None) != (end.tzinfo is None):
        raise deps.unprocessable("end", "start and end must both carry a UTC offset or both be wall times")
    if end <= start:
        raise deps.unprocessable("end", "must be after start")
    return start, end
