"""One occurrence of a series, by its original start, for the facade and the REST API.

The key of an occurrence is the start the series' rule gives it (RFC 5545 RECURRENCE-ID),
as expanded listings show it in `original_start`: a naive wall time in the caller's zone
(all-day series: in their own zone), or an aware time. These functions find it, then cancel
or change it alone, with the ones after it, or with the whole series (assistant/series.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from assistant import agenda, checks, series, store
from assistant.exceptions import BadEvent
from assistant.models import Event
from assistant.series import Record
from assistant.views import EventView, to_utc

SCOPES = ("one", "following", "all")


def find(
    *, session: Session, owner: str, event_id: int, original_start: datetime, zone: str
) -> tuple[Event, datetime] | None:
    """The live series and the original start (naive UTC) of one of its occurrences, or
    None when this owner has no such series or the rule gives no occurrence then."""
    row = series.locked(session=session, owner=owner, event_id=event_id)
    if row is None or row.cancelled_at is not None or not row.recurrence:
        return None
    original = to_utc(original_start, row.tz if row.all_day else zone)
    found = agenda.starts(row, original, original + timedelta(seconds=1), agenda.replaced(session=session, series=row))
    return (row, original) if original in found else None


def cancel(*, session: Session, row: Event, original: datetime, scope: str, zone: str, record: Record) -> EventView:
    """Cancel the occurrence alone (EXDATE), with the following ones (UNTIL), or the series."""
    view = replace(agenda.occurrence(row, original, zone), cancelled=True)
    if scope == "one":
        series.exclude(session=session, series=row, original_utc=original, record=record)
    elif scope == "following":
        series.end_before(session=session, series=row, original_utc=original, record=record)
    else:
        before = store.snapshot(row)
        store.cancel_event(session=session, event=row)
        record("cancel", row, before)
    return view


def change(
    *,
    session: Session,
    row: Event,
    original: datetime,
    scope: str,
    zone: str,
    record: Record,
    start: datetime | None = None,
    end: datetime | None = None,
    title: str | None = None,
    location: str | None = None,
) -> EventView:
    """Move the occurrence (and retitle or relocate it, alone only), with the following ones
    (a new series from there), or the whole series."""
    length = row.end_utc - row.start_utc
    zone = row.tz if row.all_day else zone  # an all-day series' days are its own, as in find()
    new_start = to_utc(checks.moment("start", start), zone) if start is not None else original
    if row.all_day:  # moved to a day: from its midnight, for as many days as the series lasts
        new_start = checks.whole_days(new_start, new_start + timedelta(seconds=1), zone)[0]
    new_end = to_utc(checks.moment("end", end), zone) if end is not None else new_start + length
    if new_end <= new_start:
        raise BadEvent("end must be after start")
    if row.all_day:
        new_start, new_end = checks.whole_days(new_start, new_end, zone)
    fields: dict[str, Any] = {k: v for k, v in (("title", title), ("location", location)) if v is not None}
    if "title" in fields:
        fields["title"] = checks.title(fields["title"])
    if scope == "one":
        moved = series.override(
            session=session,
            series=row,
            original_utc=original,
            start_utc=new_start,
            end_utc=new_end,
            record=record,
            **fields,
        )
        return EventView.of(moved, zone)
    if fields:
        raise BadEvent(
            "title and location change one occurrence at a time (scope=one), or the whole "
            "series with PATCH /v1/events/{id}"
        )
    if scope == "following":
        return EventView.of(
            series.split(
                session=session, series=row, original_utc=original, start_utc=new_start, end_utc=new_end, record=record
            ),
            zone,
        )
    moved = series.move_all(
        session=session, series=row, original_utc=original, start_utc=new_start, end_utc=new_end, record=record
    )
    return agenda.occurrence(moved, new_start, zone)
