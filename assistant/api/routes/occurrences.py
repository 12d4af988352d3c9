"""One occurrence of a recurring event: cancel it or change it, alone, with the following
ones, or with the whole series (`?scope=one|following|all`, default one).

The occurrence is named by its original start, as expanded listings give it in
`original_start` (GET /v1/events?expand=true): a wall time in `tz` (the same `tz` as the
listing), or a time with an offset.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, status
from pydantic import BeforeValidator

from assistant.api import deps
from assistant.api.auth import writer
from assistant.api.bodies import OccurrenceUpdate, Scope
from assistant.api.keys import Principal
from assistant.api.schemas import ERRORS, ErrorBody, EventPublic, digits_only, iso_text
from assistant.core import Assistant
from assistant.views import EventView

router = APIRouter(prefix="/v1", tags=["events"], responses=ERRORS)
EventId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the series' id"), BeforeValidator(digits_only)]
# ISO 8601 text, as everywhere: a number is no Unix timestamp (it reached a real occurrence).
OriginalStart = Annotated[
    datetime,
    Path(description="the occurrence's original start, as listed in `original_start`"),
    BeforeValidator(iso_text),
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such series or occurrence in your calendar"}
}
PATH = "/events/{event_id}/occurrences/{original_start}"


@router.delete(PATH, response_model=EventPublic, responses=NOT_FOUND, summary="Cancel one occurrence of a series")
def cancel_occurrence(
    event_id: EventId,
    original_start: OriginalStart,
    scope: Scope = Query("one"),
    tz: str | None = Query(None, max_length=64),
    who: Principal = Depends(writer),
    bot: Assistant = Depends(deps.assistant),
) -> Any:
    """`one`: only this occurrence (EXDATE); `following`: it and the ones after (the series
    ends before it); `all`: the whole series. Answers the occurrence, marked cancelled."""
    zone, original = deps.checked_zone(tz), deps.checked_moment("original_start", original_start)
    with deps.one_at_a_time(bot):
        return _found(bot.cancel_occurrence(who.user, event_id, original, scope=scope, tz=zone))


@router.patch(PATH, response_model=EventPublic, responses=NOT_FOUND, summary="Change one occurrence of a series")
def change_occurrence(
    body: OccurrenceUpdate,
    event_id: EventId,
    original_start: OriginalStart,
    scope: Scope = Query("one"),
    who: Principal = Depends(writer),
    bot: Assistant = Depends(deps.assistant),
) -> Any:
    """`one`: this occurrence alone gets its own times (or title, place); `following`: the
    series is split there and the new part moves; `all`: the whole series moves."""
    original = deps.checked_moment("original_start", original_start)
    with deps.one_at_a_time(bot):
        return _found(bot.change_occurrence(who.user, event_id, original, scope=scope, tz=body.tz, **body.changes()))


def _found(view: EventView | None) -> dict[str, Any]:
    if view is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such occurrence of a series in your calendar")
    return view.to_dict()
