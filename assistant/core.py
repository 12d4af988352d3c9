"""The facade other code uses: `Assistant` (chat turns and event CRUD over one database)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session, sessionmaker

from assistant import checks, store
from assistant.db import sessions_for
from assistant.exceptions import BadEvent, BadInput, Conflict
from assistant.settings import Settings
from assistant.views import CalendarSnapshot, EventView, Reply, to_utc, wall
from nlu.result import Parse

if TYPE_CHECKING:
    from assistant.models import Event
    from assistant.series import Record

Parser = Callable[..., Parse]  # (text, now=aware datetime, tz=str) -> Parse, as nlu.parse

EVENT_FIELDS = ("title", "start", "end", "all_day", "location", "kind", "attendees", "recurrence", "tz", "alerts")


class Assistant:
    """A calendar assistant over one database.

    `handle` runs one chat turn (the conversation state lives in the database, keyed by
    user and session id); `events`, `create_event`, `update_event`, `cancel_event` are the
    plain CRUD the REST API and the UI use. The schema is created or upgraded (Alembic) on
    first use.
    """

    def __init__(
        self, db_url: str | None = None, *, parser: Parser | None = None, settings: Settings | None = None
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.url = db_url or self.settings.url
        self._parser = parser
        self._factory: sessionmaker[Session] | None = None

    # -- plumbing ---------------------------------------------------------------------
    @property
    def sessions(self) -> sessionmaker[Session]:
        """The session factory (opens the database and upgrades its schema on first use)."""
        if self._factory is None:
            self._factory = sessions_for(self.url)
        return self._factory

    @property
    def parser(self) -> Parser:
        """The NLU callable: the injected one, else `nlu.parse` (loaded lazily)."""
        if self._parser is None:
            import nlu

            self._parser = nlu.parse
        return self._parser

    def zone(self, tz: str | None) -> str:
        """A checked, portable IANA zone name (the settings' default when None)."""
        return checks.zone_name(tz or self.settings.default_tz)

    # -- conversation -----------------------------------------------------------------
    def handle(
        self, session_id: str, text: str, *, now: datetime | None = None, tz: str | None = None, user: str = "me"
    ) -> Reply:
        """One chat turn: understand `text` in this conversation, act, and answer."""
        from assistant.dialogue import Turn, run_turn

        turn = Turn.make(self, session_id=session_id, text=text, now=now, tz=self.zone(tz), user=user)
        return run_turn(self, turn)

    # -- CRUD -------------------------------------------------------------------------
    def events(
        self,
        user: str = "me",
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        include_cancelled: bool = False,
        tz: str | None = None,
        expand: bool = False,
    ) -> list[EventView]:
        """The user's events overlapping [start, end), in time order (naive times are in `tz`).

        `expand=True` (needs `start`) lists each occurrence of recurring events in the window
        (same id, the occurrence's times), as a calendar view wants; the default lists rows.
        """
        zone = self.zone(tz)
        with self.sessions.begin() as session:
            if expand and start is not None:
                from assistant import agenda

                return agenda.window(
                    session=session,
                    owner=user,
                    start_utc=to_utc(start, zone),
                    end_utc=to_utc(end, zone) if end else None,
                    tz=zone,
                    include_cancelled=include_cancelled,
                )
            return _rows_in(session, user, start, end, include_cancelled, zone)

    def get_event(self, user: str, event_id: int, *, tz: str | None = None) -> EventView | None:
        """One event of this user (cancelled ones too), or None."""
        with self.sessions.begin() as session:
            row = store.get_event(session=session, owner=user, event_id=event_id)
            return EventView.of(row, self.zone(tz)) if row else None

    def create_event(
        self,
        user: str,
        *,
        title: str,
        start: datetime,
        end: datetime,
        all_day: bool = False,
        location: str | None = None,
        kind: str | None = None,
        tz: str | None = None,
        attendees: list[str] | None = None,
        recurrence: str | None = None,
        utterance: str | None = None,
        session_id: str = "api",
        alerts: list[int] | None = None,
    ) -> EventView:
        """Store a new event (naive times are wall times in `tz`) and log it; `alerts` are
        minutes before the start."""
        zone = self.zone(tz)
        fields = check_fields(
            {
                "title": title,
                "start": start,
                "end": end,
                "location": location,
                "all_day": all_day,
                "kind": kind,
                "attendees": attendees,
                "recurrence": recurrence,
                "alerts": alerts,
            },
            zone,
        )
        with self.sessions.begin() as session, refused_rule():
            row = store.add_event(session=session, owner=user, tz=zone, utterance=utterance, **fields)
            store.log_write(session, user, session_id, "create", row, None, utterance=utterance)
            return EventView.of(row, zone)

    def update_event(self, user: str, event_id: int, **changes: Any) -> EventView | None:
        """Change fields of an event (title, start, end, all_day, location, kind, attendees,
        recurrence, tz); None when this user has no such event."""
        unknown = set(changes) - set(EVENT_FIELDS) - {"session_id"}
        if unknown:
            raise BadEvent(f"cannot change {sorted(unknown)}: changeable fields are {list(EVENT_FIELDS)}")
        session_id = changes.pop("session_id", "api")
        with self.sessions.begin() as session, refused_rule():
            row = store.get_event(session=session, owner=user, event_id=event_id, lock=True)
            if row is None:
                return None
            if row.cancelled_at is not None:
                # a change to a cancelled event would be invisible and then undone by any restore
                raise Conflict(f"event {event_id} is cancelled; undo the cancel before changing it")
            zone = self.zone(changes.get("tz") or row.tz)
            before = store.snapshot(row)
            fields = check_fields(changes, zone, current=row)
            if "tz" in changes:
                fields["tz"] = zone
            store.update_event(session=session, event=row, changes=fields)
            store.log_operation(
                session=session,
                owner=user,
                session_id=session_id,
                operation="reschedule" if {"start_utc", "end_utc"} & set(fields) else "update",
                event=row,
                before=before,
                after=store.snapshot(row),
            )
            return EventView.of(row, zone)

    def cancel_event(self, user: str, event_id: int, *, session_id: str = "api") -> EventView | None:
        """Soft-delete an event (it stays in the database, marked cancelled); None if not found.

        Idempotent: the row is locked while read, so however many cancels arrive at once,
        one finds it live and logs the operation; the others answer the cancelled event."""
        with self.sessions.begin() as session:
            row = store.get_event(session=session, owner=user, event_id=event_id, lock=True)
            if row is None:
                return None
            if row.cancelled_at is None:
                store.cancel_and_log(session=session, owner=user, session_id=session_id, event=row)
            return EventView.of(row, row.tz)

    # -- alerts and free time -----------------------------------------------------------
    def due_alerts(self, user: str, start: datetime, end: datetime, *, tz: str | None = None) -> list[dict[str, Any]]:
        """The alerts ringing in [start, end) (naive = wall times in `tz`), in time order:
        {event_id, title, event_start, alert_at, minutes_before, original_start, tz}, one
        per alert of each event, and of each occurrence of a series."""
        from assistant import alerts

        zone = self.zone(tz)
        first, last = _window(start, end, zone)
        with self.sessions.begin() as session:
            return alerts.due(session=session, owner=user, start_utc=first, end_utc=last, tz=zone)

    def free(
        self, user: str, start: datetime, end: datetime, min_minutes: int = 0, *, tz: str | None = None
    ) -> list[dict[str, str]]:
        """The free windows of [start, end) inside waking hours (settings.waking), at least
        `min_minutes` long, as [{"start", "end"}] wall times in `tz`. Timed events and
        occurrences are busy; all-day events are not (as calendar apps treat them)."""
        from assistant import freetime

        zone = self.zone(tz)
        first, last = _window(start, end, zone)
        if not isinstance(min_minutes, int) or min_minutes < 0:
            raise BadEvent("min_minutes must be a whole number of minutes, 0 or more")
        with self.sessions.begin() as session:
            spans = freetime.windows(
                session=session,
                owner=user,
                start_utc=first,
                end_utc=last,
                tz=zone,
                waking=self.settings.waking,
                min_minutes=min_minutes,
            )
        return [
            {"start": wall(a, zone).isoformat(timespec="seconds"), "end": wall(b, zone).isoformat(timespec="seconds")}
            for a, b in spans
        ]

    # -- one occurrence of a series ------------------------------------------------------
    def cancel_occurrence(
        self,
        user: str,
        event_id: int,
        original_start: datetime,
        *,
        scope: str = "one",
        tz: str | None = None,
        session_id: str = "api",
    ) -> EventView | None:
        """Cancel one occurrence of a series by its original start (as `expand` lists it in
        `original_start`; naive = wall time in `tz`): alone (an EXDATE), with the following
        ones (`scope="following"`: the series ends before it) or the whole series ("all").
        None when this user has no such series or occurrence."""
        from assistant import occurrences

        zone = self.zone(tz)
        with self.sessions.begin() as session:
            found = occurrences.find(
                session=session, owner=user, event_id=event_id, original_start=original_start, zone=zone
            )
            if found is None:
                return None
            return occurrences.cancel(
                session=session,
                row=found[0],
                original=found[1],
                scope=_scope(scope),
                zone=zone,
                record=self._recorder(session, user, session_id),
            )

    def change_occurrence(
        self,
        user: str,
        event_id: int,
        original_start: datetime,
        *,
        scope: str = "one",
        tz: str | None = None,
        session_id: str = "api",
        **changes: Any,
    ) -> EventView | None:
        """Change one occurrence of a series (`start`, `end`; `title`, `location` alone only):
        alone (its own row, RFC 5545 RECURRENCE-ID), with the following ones (the series is
        split there) or the whole series. Returns the changed occurrence; None when this user
        has no such series or occurrence."""
        from assistant import occurrences

        unknown = set(changes) - {"start", "end", "title", "location"}
        if unknown:
            raise BadEvent(f"cannot change {sorted(unknown)} of one occurrence: use start, end, title, location")
        zone = self.zone(tz)
        with self.sessions.begin() as session, refused_rule():
            found = occurrences.find(
                session=session, owner=user, event_id=event_id, original_start=original_start, zone=zone
            )
            if found is None:
                return None
            return occurrences.change(
                session=session,
                row=found[0],
                original=found[1],
                scope=_scope(scope),
                zone=zone,
                record=self._recorder(session, user, session_id),
                **changes,
            )

    def _recorder(self, session: Session, user: str, session_id: str) -> Record:
        """Log each write of one facade call with one stamp (undo and audit)."""
        stamp = store.utcnow()

        def record(operation: str, row: Event, before: dict[str, Any] | None) -> None:
            store.log_write(session, user, session_id, operation, row, before, at=stamp)

        return record

    # -- the whole calendar: the demo's reset and its undo ------------------------------
    def export(self, user: str = "me") -> CalendarSnapshot:
        """This user's rows as stored (events, operation log, conversations), read in one
        transaction; `restore` puts them back exactly."""
        with self.sessions.begin() as session:
            return CalendarSnapshot(user, **_tuples(store.owner_rows(session=session, owner=user)))

    def reset(self, user: str = "me") -> CalendarSnapshot:
        """The demo's "reset calendar": HARD-deletes this user's events, log and conversations.

        Unlike a spoken cancel (a soft delete), this is an explicit button for demo data. It
        returns exactly what it removed (read and deleted in one transaction), so
        `restore(user, snapshot)` can undo it without loss.
        """
        with self.sessions.begin() as session:
            return CalendarSnapshot(user, **_tuples(store.clear_owner(session=session, owner=user)))

    def restore(self, user: str, snapshot: CalendarSnapshot) -> dict[int, int]:
        """Write back a snapshot of this user (from `export` or `reset`): every event with its
        alerts, EXDATEs, changed occurrences (linked to their series) and zone, the operation
        log (so "undo" still works) and the conversations with their open questions. Events
        get new ids; rows made since stay. Returns old id -> new id."""
        if snapshot.user != user:
            raise BadInput(f"this snapshot holds the calendar of {snapshot.user!r}, not of {user!r}")
        with self.sessions.begin() as session:
            return store.restore_owner(session=session, owner=user, rows=snapshot.rows())


def _tuples(rows: Mapping[str, list[dict[str, Any]]]) -> dict[str, tuple[dict[str, Any], ...]]:
    return {name: tuple(table) for name, table in rows.items()}


def _rows_in(
    session: Session, user: str, start: datetime | None, end: datetime | None, include_cancelled: bool, zone: str
) -> list[EventView]:
    """The rows overlapping [start, end) for a viewer in `zone` (all-day ones by their own dates)."""
    from assistant.agenda import FLOATING_SLACK, overlapping

    first = to_utc(start, zone) if start else None
    last = to_utc(end, zone) if end else None
    rows = store.list_events(
        session=session,
        owner=user,
        start_utc=first and first - FLOATING_SLACK,
        end_utc=last and last + FLOATING_SLACK,
        include_cancelled=include_cancelled,
    )
    views = [EventView.of(row, zone) for row in rows]
    return [v for v in views if overlapping(v, first or datetime.min, last or datetime.max, zone)]


MAX_WINDOW = timedelta(days=366)


def _window(start: datetime, end: datetime, zone: str) -> tuple[datetime, datetime]:
    """A checked [start, end) as naive UTC: end after start, at most a year long."""
    first, last = to_utc(checks.moment("start", start), zone), to_utc(checks.moment("end", end), zone)
    if last <= first:
        raise BadEvent("end must be after start")
    if last - first > MAX_WINDOW:
        raise BadEvent("the window must be at most 366 days long")
    return first, last


def _scope(scope: str) -> str:
    from assistant.occurrences import SCOPES

    if scope not in SCOPES:
        raise BadEvent(f"scope must be one of {list(SCOPES)}, not {scope!r}")
    return scope


@contextmanager
def refused_rule() -> Iterator[None]:
    """A recurrence rule storage refused (nlu/dates/rrule_limits.py) is the caller's mistake: BadEvent."""
    from nlu.exceptions import BadRecurrence

    try:
        yield
    except BadRecurrence as err:
        raise BadEvent(f"recurrence: {err}") from err


def check_fields(changes: Mapping[str, Any], zone: str, current: Event | None = None) -> dict[str, Any]:
    """Validate event fields and turn start/end into stored naive-UTC columns."""
    out: dict[str, Any] = {}
    if "title" in changes:
        out["title"] = checks.title(changes["title"])
    for name, limit in (("location", checks.MAX_FIELD), ("kind", checks.MAX_KIND), ("recurrence", checks.MAX_FIELD)):
        if name in changes:
            out[name] = checks.optional_text(changes[name], name, limit)
    if "attendees" in changes:
        attendees = changes["attendees"] or []
        if not isinstance(attendees, (list, tuple)) or not all(isinstance(a, str) for a in attendees):
            raise BadEvent("attendees must be a list of names")
        out["attendees"] = [checks.title(a, "attendee") for a in attendees]
    if "alerts" in changes:
        out["alerts"] = checks.alerts(changes["alerts"])
    if "all_day" in changes:
        if not isinstance(changes["all_day"], bool):
            raise BadEvent("all_day must be true or false")
        out["all_day"] = changes["all_day"]
    for name in ("start", "end"):
        if name in changes:
            out[f"{name}_utc"] = to_utc(checks.moment(name, changes[name]), zone)
    start = out.get("start_utc", current.start_utc if current is not None else None)
    end = out.get("end_utc", current.end_utc if current is not None else None)
    if start is not None and end is not None and end <= start:
        raise BadEvent("end must be after start")
    all_day = out.get("all_day", current.all_day if current is not None else False)
    if all_day and start is not None and end is not None and {"start", "end", "all_day"} & set(changes):
        out["start_utc"], out["end_utc"] = checks.whole_days(start, end, zone)
    return out
