"""Free time: the windows inside waking hours that no timed event covers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query

from assistant.api import deps
from assistant.api.auth import reader
from assistant.api.bodies import FreeWindow, checked_window
from assistant.api.keys import Principal
from assistant.api.schemas import ERRORS
from assistant.core import Assistant

router = APIRouter(prefix="/v1", tags=["free time"], responses=ERRORS)


@router.get("/free", response_model=list[FreeWindow], summary="Your free windows in a time range")
def free_windows(
    start: datetime = Query(description="search from"),
    end: datetime = Query(description="search until (at most 366 days after start)"),
    min_minutes: int = Query(0, ge=0, le=7 * 24 * 60, description="shortest window worth listing"),
    tz: str | None = Query(None, max_length=64),
    who: Principal = Depends(reader),
    bot: Assistant = Depends(deps.assistant),
) -> Any:
    """Free windows of [start, end) inside waking hours (ASSISTANT_WAKING_HOURS), each at
    least `min_minutes` long, as wall times in `tz`; all-day events do not make you busy."""
    zone = deps.checked_zone(tz)
    start, end = checked_window(start, end)
    with deps.one_at_a_time(bot):
        return bot.free(who.user, start, end, min_minutes, tz=zone)
