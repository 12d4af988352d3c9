"""Events CRUD and the iCalendar export, always scoped to the caller's own calendar.

Another user's event id answers 404, exactly like an id that does not exist, so ids
leak nothing. DELETE is a soft cancel: the event stays, marked cancelled.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from assistant import store, timing
from assistant.api import deps
from assistant.api.auth import feed_reader, reader, writer
from assistant.api.ics import calendar_bytes
from assistant.api.ics_import import import_calendar
from assistant.api.ics_reader import NotACalendar
from assistant.api.keys import Principal
from assistant.api.schemas import (
    ERRORS,
    ErrorBody,
    EventCreate,
    EventPublic,
    EventUpdate,
    QueryFlag,
    QueryMoment,
    digits_only,
)
from assistant.checks import all_day_bounds
from assistant.core import Assistant
from assistant.models import Event
from assistant.views import EventView, to_utc

router = APIRouter(prefix="/v1", tags=["events"], responses=ERRORS)
EventId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the event's id"), BeforeValidator(digits_only)]
FAR_FUTURE = datetime(9999, 1, 1)
IMPORT_TZ = "zone of the file's floating times when it names none (X-WR-TIMEZONE); default: the server's"
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such event in your calendar"}
}


@router.get("/events", response_model=list[EventPublic], summary="Your events in a time range")
def list_events(
    start: Annotated[QueryMoment, Query(description="events ending after this")] = None,
    end: Annotated[QueryMoment, Query(description="events starting before this")] = None,
    include_cancelled: QueryFlag = False,
    tz: str | None = Query(None, max_length=64),
    expand: Annotated[QueryFlag, Query(description="each occurrence of recurring events (needs start)")] = False,
    who: Principal = Depends(reader),
    bot: Assistant = Depends(deps.assistant),
) -> list[Any]:
    """Events overlapping [start, end), in time order; naive times are wall times in `tz`."""
    if expand and start is None:
        raise deps.unprocessable("expand", "needs a start (and preferably an end) to bound the occurrences")
    with deps.one_at_a_time(bot):
        return [e.to_dict() for e in _query(bot, who, start, end, include_cancelled, tz, expand)]


@router.get(
    "/events.ics",
    summary="Your events as an iCalendar file (RFC 5545)",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
def export_ics(
    start: QueryMoment = None,
    end: QueryMoment = None,
    include_cancelled: QueryFlag = False,
    who: Principal = Depends(feed_reader),
    bot: Assistant = Depends(deps.assistant),
) -> Response:
    """Import it in a calendar app, or subscribe to this URL with `?token=FEED_TOKEN`
    (POST /v1/feed-token makes one; API keys are never accepted in URLs)."""
    start, end = _bounds(start, end)
    zone = bot.zone(None)
    with deps.one_at_a_time(bot), bot.sessions.begin() as session:
        rows, overrides = exported_rows(
            session,
            who.user,
            to_utc(start, zone) if start else None,
            to_utc(end, zone) if end else None,
            include_cancelled,
        )
    body = calendar_bytes(rows, overrides, include_cancelled=include_cancelled)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="calendar.ics"'},
    )


@router.post(
    "/events.ics",
    summary="Import an iCalendar file (a Google Calendar or Outlook export)",
    responses={415: {"model": ErrorBody, "description": "the body is not sent as text/calendar"}},
    openapi_extra={"requestBody": {"content": {"text/calendar": {"schema": {"type": "string"}}}, "required": True}},
)
async def import_ics(
    request: Request,
    tz: str | None = Query(None, max_length=64, description=IMPORT_TZ),
    who: Principal = Depends(writer),
    bot: Assistant = Depends(deps.assistant),
) -> dict[str, Any]:
    """Each VEVENT is checked like a REST create and stored, or reported in `skipped` with the
    reason; importing the same file again updates those events (by UID) instead of copying."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "text/calendar":
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, "send the .ics file as the body with Content-Type: text/calendar"
        )
    body = await request.body()
    zone = deps.checked_zone(tz)

    def run() -> dict[str, Any]:
        with deps.one_at_a_time(bot):
            return import_calendar(bot, who.user, body, zone).to_dict()

    try:
        return await run_in_threadpool(run)
    except NotACalendar as err:
        raise RequestValidationError([{"loc": ("body",), "msg": str(err), "type": "value_error"}]) from err


def exported_rows(
    session: Session, owner: str, start_utc: datetime | None, end_utc: datetime | None, include_cancelled: bool
) -> tuple[list[Event], list[Event]]:
    """(singles and series overlapping the range, including series that began before it and
    still repeat; the occurrences of those series changed alone)."""
    from assistant import agenda

    rows = [
        r
        for r in store.list_events(
            session=session, owner=owner, start_utc=start_utc, end_utc=end_utc, include_cancelled=include_cancelled
        )
        if r.series_id is None
    ]
    if start_utc is not None:
        known = {r.id for r in rows}
        rows += [
            r
            for r in agenda.recurring(
                session=session, owner=owner, before_utc=end_utc or FAR_FUTURE, include_cancelled=include_cancelled
            )
            if r.id not in known
        ]
    overrides = [o for r in rows if r.recurrence for o in store.overrides(session=session, series=r)]
    return sorted(rows, key=lambda r: (r.start_utc, r.id)), overrides


@router.post("/events", response_model=EventPublic, status_code=status.HTTP_201_CREATED, summary="Create an event")
def create_event(
    body: EventCreate, response: Response, who: Principal = Depends(writer), bot: Assistant = Depends(deps.assistant)
) -> Any:
    """A new event; without `end`, it lasts the kind's usual length (all day: one day)."""
    start, end = _span(bot, body)
    with deps.one_at_a_time(bot):
        view = bot.create_event(
            who.user,
            title=body.title,
            start=start,
            end=end,
            all_day=body.all_day,
            location=body.location,
            kind=body.kind,
            tz=body.tz,
            attendees=body.attendees,
            recurrence=body.recurrence,
            alerts=body.alerts,
        )
    response.headers["Location"] = f"/v1/events/{view.id}"
    return view.to_dict()


@router.get("/events/{event_id}", response_model=EventPublic, responses=NOT_FOUND, summary="One event")
def get_event(
    event_id: EventId,
    tz: str | None = Query(None, max_length=64),
    who: Principal = Depends(reader),
    bot: Assistant = Depends(deps.assistant),
) -> Any:
    """One of your events (cancelled ones too)."""
    zone = deps.checked_zone(tz)
    with deps.one_at_a_time(bot):
        return _found(bot.get_event(who.user, event_id, tz=zone))


@router.patch("/events/{event_id}", response_model=EventPublic, responses=NOT_FOUND, summary="Change an event")
def update_event(
    body: EventUpdate,
    event_id: EventId,
    who: Principal = Depends(writer),
    bot: Assistant = Depends(deps.assistant),
) -> Any:
    """Change only the fields sent; naive times are wall times in `tz` (default: the event's)."""
    changes = body.changes()
    if body.tz is not None:
        changes["tz"] = body.tz
    with deps.one_at_a_time(bot):
        return _found(bot.update_event(who.user, event_id, **changes))


@router.delete(
    "/events/{event_id}", response_model=EventPublic, responses=NOT_FOUND, summary="Cancel an event (soft delete)"
)
def cancel_event(event_id: EventId, who: Principal = Depends(writer), bot: Assistant = Depends(deps.assistant)) -> Any:
    """Marks the event cancelled and returns it; it stays listed with include_cancelled."""
    with deps.one_at_a_time(bot):
        return _found(bot.cancel_event(who.user, event_id))


def _query(
    bot: Assistant,
    who: Principal,
    start: datetime | None,
    end: datetime | None,
    include_cancelled: bool,
    tz: str | None,
    expand: bool = False,
) -> list[EventView]:
    start, end = _bounds(start, end)
    return bot.events(
        who.user, start=start, end=end, include_cancelled=include_cancelled, tz=deps.checked_zone(tz), expand=expand
    )


def _bounds(start: datetime | None, end: datetime | None) -> tuple[datetime | None, datetime | None]:
    """A query's range, checked: years in range, an offset on both bounds or on neither, and
    the end after the start (a reversed range listed the events spanning both bounds), as
    /v1/free and /v1/alerts check theirs."""
    start, end = deps.checked_moment("start", start), deps.checked_moment("end", end)
    if start is not None and end is not None:
        if (start.tzinfo is None) != (end.tzinfo is None):
            raise deps.unprocessable("end", "start and end must both carry a UTC offset or both be wall times")
        if end <= start:
            raise deps.unprocessable("end", "must be after start")
    return start, end


def _span(bot: Assistant, body: EventCreate) -> tuple[datetime, datetime]:
    """Start and end as stored: all-day events run midnight to midnight."""
    if body.all_day:
        return all_day_bounds(body.start, body.end)
    return body.start, body.end or _later(body.start, bot.settings.length_of(body.kind), bot.zone(body.tz))


def _later(start: datetime, length: timedelta, zone: str) -> datetime:
    """`start` plus a real-time length: a wall time plus an hour across a DST change would be
    two hours, or no time at all (a 422 "end must be after start" for an end nobody sent)."""
    return timing.plus(start if start.tzinfo else start.replace(tzinfo=ZoneInfo(zone)), length, zone)


def _found(view: EventView | None) -> dict[str, Any]:
    if view is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such event in your calendar")
    return view.to_dict()
