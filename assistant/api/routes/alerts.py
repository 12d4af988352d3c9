"""The alerts that ring in a window, so a client can notify (one item per occurrence of a series)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query

from assistant.api import deps
from assistant.api.auth import reader
from assistant.api.bodies import DueAlert, checked_window
from assistant.api.keys import Principal
from assistant.api.schemas import ERRORS
from assistant.core import Assistant

router = APIRouter(prefix="/v1", tags=["alerts"], responses=ERRORS)


@router.get("/alerts", response_model=list[DueAlert], summary="Alerts ringing in a time range")
def due_alerts(
    start: datetime = Query(description="alerts at or after this"),
    end: datetime = Query(description="alerts before this (at most 366 days after start)"),
    tz: str | None = Query(None, max_length=64),
    who: Principal = Depends(reader),
    bot: Assistant = Depends(deps.assistant),
) -> Any:
    """Each alert of each event (and occurrence) whose time `alert_at` is in [start, end),
    in time order; naive times are wall times in `tz`."""
    zone = deps.checked_zone(tz)
    start, end = checked_window(start, end)
    with deps.one_at_a_time(bot):
        return bot.due_alerts(who.user, start, end, tz=zone)
