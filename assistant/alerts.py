"""Alerts that fall in a window: what a client should ring, and when.

An event carries its alerts as minutes before its start (RFC 5545 VALARM with a negative
TRIGGER); a series rings for each occurrence, exceptions applied (a cancelled occurrence
rings nothing, a moved one rings before its new time).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import agenda
from assistant.models import Event
from assistant.views import to_utc, wall


def due(*, session: Session, owner: str, start_utc: datetime, end_utc: datetime, tz: str) -> list[dict[str, Any]]:
    """The alerts ringing in [start_utc, end_utc), in time order: one item per event (or
    occurrence) and alert, with wall times in `tz`."""
    lead = longest(session=session, owner=owner)
    if lead is None:
        return []
    views = agenda.window(
        session=session, owner=owner, start_utc=start_utc, end_utc=end_utc + timedelta(minutes=lead), tz=tz
    )
    rings = sorted(
        ((to_utc(v.start_dt, v.tz) - timedelta(minutes=m), v.id, m, v) for v in views for m in v.alerts),
        key=lambda ring: ring[:3],
    )
    return [
        {
            "event_id": view.id,
            "title": view.title,
            "event_start": view.start,
            "alert_at": wall(at, tz).isoformat(timespec="seconds"),
            "minutes_before": minutes,
            "original_start": view.original_start,
            "tz": tz,
        }
        for at, _, minutes, view in rings
        if start_utc <= at < end_utc
    ]


def longest(*, session: Session, owner: str) -> int | None:
    """The longest lead time among the owner's live events with alerts (None: no alerts)."""
    lists = session.scalars(select(Event.alerts).where(Event.owner == owner, Event.cancelled_at.is_(None)))
    leads = [m for alerts in lists for m in alerts or ()]
    return max(leads) if leads else None
