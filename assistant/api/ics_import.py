"""Importing an .ics file into a user's calendar: `POST /v1/events.ics`.

Each VEVENT read by assistant/api/ics_reader.py is checked as strictly as a REST create
(assistant/core.py's `check_fields`: titles, lengths, years, zones; storage's recurrence
check) and stored in a savepoint of its own, so one bad row is reported and the others
still go in. Re-importing updates events by UID instead of adding copies: the UID is
stored (events.uid, migration 0004), and our own exported UIDs (event-ID@calendar-assistant)
find the event they came from. An import never undoes what the user did here: occurrences
cancelled here stay cancelled (EXDATEs are merged), alerts are merged, and an event
cancelled here is not brought back by an older file (that row is reported as skipped).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assistant import store
from assistant.api.ics import UID_DOMAIN
from assistant.api.ics_reader import Incoming, SkipEvent, Skipped, read_calendar
from assistant.core import Assistant, check_fields
from assistant.exceptions import BadEvent
from assistant.models import Event
from nlu.exceptions import BadRecurrence

SESSION_ID = "ics-import"  # the operation log's "conversation" of imports
OWN_UID = re.compile(rf"^event-(\d{{1,10}})@{re.escape(UID_DOMAIN)}$")


@dataclass
class Report:
    """What an import did: counts, each event touched, and every VEVENT skipped with its reason."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def done(self, uid: str, action: str, row: Event) -> None:
        setattr(self, action, getattr(self, action) + 1)
        self.events.append({"uid": uid, "id": row.id, "action": action})

    def to_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "cancelled": self.cancelled,
            "skipped": [s.to_dict() for s in self.skipped],
            "events": self.events,
        }


def import_calendar(bot: Assistant, user: str, body: bytes, tz: str | None = None) -> Report:
    """Store the events of an .ics body for `user`; NotACalendar when the body is no calendar."""
    zone = bot.zone(tz)
    reading = read_calendar(body, zone, bot.settings.length_of(None))
    report = Report(skipped=list(reading.skipped))
    with bot.sessions.begin() as session:
        for item in reading.events:
            try:
                with session.begin_nested():
                    action, row = store_one(session, user, item)
            except (BadEvent, BadRecurrence, SkipEvent) as err:
                report.skipped.append(Skipped(item.uid, item.title, _reason(err)))
            except (ValueError, TypeError, OverflowError) as err:  # a time no zone arithmetic can hold
                report.skipped.append(Skipped(item.uid, item.title, f"could not be stored ({err})"[:300]))
            except IntegrityError as err:
                report.skipped.append(Skipped(item.uid, item.title, f"the database refused it ({err.orig})"[:300]))
            else:
                report.done(item.uid, action, row)
    return report


def _reason(err: Exception) -> str:
    return f"recurrence: {err}" if isinstance(err, BadRecurrence) else str(err)


def store_one(session: Session, owner: str, item: Incoming) -> tuple[str, Event]:
    """Create, update or cancel the event this VEVENT describes; (what was done, the row)."""
    if item.recurrence_id is not None:
        return _occurrence(session, owner, item, item.recurrence_id)
    fields = _fields(item)
    row = _existing(session, owner, item.uid)
    if row is None:
        if item.cancelled:
            raise SkipEvent("cancelled in the file, and not on this calendar: nothing to import")
        return "created", _create(session, owner, item, fields)
    if row.cancelled_at is not None:
        if item.cancelled:
            return "unchanged", row
        raise SkipEvent(f"event {row.id} was cancelled here: an import does not bring it back")
    if item.cancelled:
        return "cancelled", _cancel(session, owner, row)
    return _update(session, owner, row, item, fields)


def _fields(item: Incoming) -> dict[str, Any]:
    """The stored columns, checked like a REST create (BadEvent names the field at fault)."""
    return check_fields(
        {
            "title": item.title,
            "start": item.start,
            "end": item.end,
            "all_day": item.all_day,
            "location": item.location,
            "kind": item.kind,
            "attendees": list(item.attendees),
        },
        item.tz,
    )


def _existing(session: Session, owner: str, uid: str) -> Event | None:
    """The owner's event this UID names: imported with it, or exported by us as event-ID@..."""
    row = store.event_by_uid(session=session, owner=owner, uid=uid)
    own = OWN_UID.match(uid)
    if row is None and own is not None:
        row = store.get_event(session=session, owner=owner, event_id=int(own.group(1)), lock=True)
        row = row if row is not None and row.uid is None and row.series_id is None else None
    return row


def _create(session: Session, owner: str, item: Incoming, fields: dict[str, Any]) -> Event:
    row = store.add_event(
        session=session,
        owner=owner,
        tz=item.tz,
        recurrence=item.recurrence,
        alerts=list(item.alerts),
        utterance=None,
        **fields,
    )
    row.uid = item.uid
    row.exdates = _stamps(item.exdates)
    session.flush()
    store.log_write(session, owner, SESSION_ID, "create", row, None)
    return row


def _cancel(session: Session, owner: str, row: Event) -> Event:
    return store.cancel_and_log(session=session, owner=owner, session_id=SESSION_ID, event=row)


def _update(session: Session, owner: str, row: Event, item: Incoming, fields: dict[str, Any]) -> tuple[str, Event]:
    before = store.snapshot(row)
    changes = {
        **fields,
        "tz": item.tz,
        "recurrence": item.recurrence,
        "alerts": sorted(set(row.alerts or ()) | set(item.alerts)),
        "exdates": sorted(set(row.exdates or ()) | set(_stamps(item.exdates))),
    }
    store.update_event(session=session, event=row, changes=changes)
    after = store.snapshot(row)
    if _same(before, after):
        return "unchanged", row
    store.log_operation(
        session=session, owner=owner, session_id=SESSION_ID, operation="update", event=row, before=before, after=after
    )
    return "updated", row


def _same(before: dict[str, Any] | None, after: dict[str, Any] | None) -> bool:
    return before is not None and after is not None and all(before[k] == after[k] for k in store.UPDATABLE)


def _occurrence(session: Session, owner: str, item: Incoming, recurrence_id: datetime) -> tuple[str, Event]:
    """An occurrence of a series changed (or cancelled) alone: RECURRENCE-ID."""
    series = _existing(session, owner, item.uid)
    if series is None or not series.recurrence:
        raise SkipEvent("RECURRENCE-ID of a series that is not on this calendar (import the series too)")
    original = _utc(recurrence_id)
    if item.cancelled:  # one occurrence cancelled: an EXDATE of the series, which is updated
        if original.isoformat() in (series.exdates or ()):
            return "unchanged", series
        before = store.snapshot(series)
        store.exclude_occurrence(session=session, series=series, original_start_utc=original)
        store.log_write(session, owner, SESSION_ID, "update", series, before)
        return "updated", series
    fields = _fields(item)
    query = select(Event).where(Event.series_id == series.id, Event.original_start_utc == original)
    row = session.scalars(query.with_for_update()).first()
    if row is None:
        row = store.add_event(
            session=session,
            owner=owner,
            tz=item.tz,
            alerts=list(item.alerts),
            series_id=series.id,
            original_start_utc=original,
            **fields,
        )
        store.log_write(session, owner, SESSION_ID, "create", row, None)
        return "created", row
    return _update(session, owner, row, item, fields)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _stamps(moments: Iterable[datetime]) -> list[str]:
    """EXDATEs as stored: naive-UTC ISO original starts."""
    return sorted({_utc(m).isoformat() for m in moments})
