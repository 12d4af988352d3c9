"""Storage functions: plain functions over a keyword-only `session`, returning rows or None.

They never decide what to say (that is the dialogue's job) and never commit: the caller
owns the transaction (`with factory.begin() as session:`), so one turn is one transaction.

Storage is the last door every write passes, so it is where a recurrence rule is checked
(nlu/dates/rrule_limits.py) whatever door it came in by: chat, REST, the facade or import.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, overload
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, Table, exists, select, true
from sqlalchemy.orm import Session, aliased

from assistant import checks
from assistant.models import Base, Conversation, Event, Operation
from nlu.dates.rrule_limits import check_rrule
from nlu.exceptions import BadRecurrence

# The fields a snapshot keeps (what undo restores and the audit log shows).
SNAPSHOT_FIELDS = (
    "title",
    "kind",
    "start_utc",
    "end_utc",
    "tz",
    "all_day",
    "location",
    "attendees",
    "recurrence",
    "exdates",
    "alerts",
    "cancelled_at",
)
UPDATABLE = frozenset(SNAPSHOT_FIELDS) - {"cancelled_at"}
LIST_FIELDS = ("attendees", "exdates", "alerts")


def utcnow() -> datetime:
    """The current moment as naive UTC (the storage convention)."""
    return datetime.now(UTC).replace(tzinfo=None)


def add_event(
    *,
    session: Session,
    owner: str,
    title: str,
    start_utc: datetime,
    end_utc: datetime,
    tz: str,
    all_day: bool = False,
    kind: str | None = None,
    location: str | None = None,
    attendees: list[str] | None = None,
    recurrence: str | None = None,
    alerts: list[int] | None = None,
    series_id: int | None = None,
    original_start_utc: datetime | None = None,
    utterance: str | None = None,
) -> Event:
    """Store a new event and return it (with its id); a bad recurrence rule raises BadRecurrence."""
    stamp = utcnow()
    within_years(start_utc, end_utc, tz)
    one_rule_per_series(series_id, recurrence)
    event = Event(
        owner=owner,
        title=title,
        kind=kind,
        start_utc=start_utc,
        end_utc=end_utc,
        tz=tz,
        all_day=all_day,
        location=location,
        attendees=list(attendees or []),
        recurrence=stored_rule(recurrence, start_utc, tz),
        exdates=[],
        alerts=sorted(set(alerts or [])),
        series_id=series_id,
        original_start_utc=original_start_utc,
        created_at=stamp,
        updated_at=stamp,
        utterance=utterance,
    )
    session.add(event)
    session.flush()
    return event


def within_years(start_utc: datetime, end_utc: datetime, tz: str) -> None:
    """The last door for assistant/checks.py's one year range (BadEvent), whichever door a time
    came in by: a chat move to "july 4 2700" must not be stored when a REST create is refused."""
    zone = ZoneInfo(tz)
    for name, moment in (("the start", start_utc), ("the end", end_utc)):
        checks.moment(name, moment.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None))


def one_rule_per_series(series_id: int | None, recurrence: str | None) -> None:
    """An occurrence changed alone (a row with a series_id, RFC 5545's RECURRENCE-ID) does not
    repeat: a rule there would be a series inside a series, expanded twice and exported
    as an override that repeats. BadRecurrence (a refused rule at every door) names the series."""
    if series_id is not None and recurrence is not None:
        raise BadRecurrence(
            f"this event is one occurrence of series {series_id} changed alone: it cannot repeat "
            f"on its own; change the series' recurrence instead (PATCH /v1/events/{series_id})"
        )


@overload
def stored_rule(rule: str, start_utc: datetime, tz: str) -> str: ...
@overload
def stored_rule(rule: None, start_utc: datetime, tz: str) -> None: ...
def stored_rule(rule: str | None, start_utc: datetime, tz: str) -> str | None:
    """The rule in its stored form, checked from the series' first wall-clock start (or None)."""
    if rule is None:
        return None
    wall = start_utc.replace(tzinfo=UTC).astimezone(ZoneInfo(tz)).replace(tzinfo=None)
    return check_rrule(rule, wall, tz=tz)


def get_event(*, session: Session, owner: str, event_id: int, lock: bool = False) -> Event | None:
    """The event with this id if this owner has it (cancelled ones too), else None.

    `lock=True` is for read-change-write: the row is read fresh with SELECT ... FOR UPDATE,
    so a concurrent change waits for this transaction and then sees its result (two PATCHes
    cannot each check end > start against a start the other is changing; two DELETEs cannot
    both find the event live). SQLite needs no row lock: every transaction here begins
    IMMEDIATE, which already lets one writer at a time read and write (assistant/db.py).
    """
    event = session.get(Event, event_id, with_for_update=lock or None, populate_existing=lock)
    return event if event is not None and event.owner == owner else None


def event_by_uid(*, session: Session, owner: str, uid: str) -> Event | None:
    """The owner's event imported with this RFC 5545 UID, locked for the change an import makes."""
    query = select(Event).where(Event.owner == owner, Event.uid == uid).with_for_update()
    return session.scalars(query.execution_options(populate_existing=True)).first()


def list_events(
    *,
    session: Session,
    owner: str,
    start_utc: datetime | None = None,
    end_utc: datetime | None = None,
    include_cancelled: bool = False,
) -> list[Event]:
    """The owner's events (series as rows) overlapping [start_utc, end_utc), in time order.

    A changed occurrence of a cancelled series is hidden with it (unless cancelled ones are asked for).
    """
    query = select(Event).where(Event.owner == owner)
    if start_utc is not None:
        query = query.where(Event.end_utc > start_utc)
    if end_utc is not None:
        query = query.where(Event.start_utc < end_utc)
    if not include_cancelled:
        series = aliased(Event)
        query = query.where(
            Event.cancelled_at.is_(None),
            ~exists().where(series.id == Event.series_id, series.cancelled_at.is_not(None)),
        )
    return list(session.scalars(query.order_by(Event.start_utc, Event.id)))


def overrides(*, session: Session, series: Event) -> list[Event]:
    """The occurrences of a series changed alone (cancelled ones too), by original start."""
    query = select(Event).where(Event.series_id == series.id).order_by(Event.original_start_utc)
    return list(session.scalars(query))


def exclude_occurrence(*, session: Session, series: Event, original_start_utc: datetime) -> Event:
    """Cancel one occurrence of a series alone (RFC 5545 EXDATE); the rest of the series stays."""
    stamp = original_start_utc.isoformat()
    if stamp not in series.exdates:
        series.exdates = sorted([*series.exdates, stamp])
        series.updated_at = utcnow()
        session.flush()
    return series


def excluded(series: Event) -> set[datetime]:
    """The original starts (naive UTC) the series no longer has: EXDATEs."""
    return {datetime.fromisoformat(stamp) for stamp in series.exdates or ()}


def update_event(*, session: Session, event: Event, changes: dict[str, Any]) -> Event:
    """Apply field changes (only the UPDATABLE fields) and bump updated_at."""
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}: updatable fields are {sorted(UPDATABLE)}")
    one_rule_per_series(event.series_id, changes.get("recurrence"))
    if changes.get("recurrence") is not None or ({"start_utc", "tz"} & set(changes) and event.recurrence):
        changes = {
            **changes,
            "recurrence": stored_rule(
                changes.get("recurrence", event.recurrence),
                changes.get("start_utc", event.start_utc),
                changes.get("tz", event.tz),
            ),
        }
    if {"start_utc", "end_utc", "tz"} & set(changes):
        within_years(
            changes.get("start_utc", event.start_utc),
            changes.get("end_utc", event.end_utc),
            changes.get("tz", event.tz),
        )
    for name, value in changes.items():
        setattr(event, name, list(value) if name in LIST_FIELDS else value)
    event.updated_at = utcnow()
    session.flush()
    return event


def cancel_event(*, session: Session, event: Event) -> Event:
    """Soft-delete: mark the event cancelled (restore_event undoes it)."""
    event.cancelled_at = event.updated_at = utcnow()
    session.flush()
    return event


def cancel_and_log(*, session: Session, owner: str, session_id: str, event: Event) -> Event:
    """Cancel an event and log the operation with its before and after snapshots (what undo
    reads): the one way the facade and the calendar import cancel."""
    before = snapshot(event)
    cancel_event(session=session, event=event)
    log_operation(
        session=session,
        owner=owner,
        session_id=session_id,
        operation="cancel",
        event=event,
        before=before,
        after=snapshot(event),
    )
    return event


def restore_event(*, session: Session, event: Event, snapshot: dict[str, Any]) -> Event:
    """Put an event back exactly as a snapshot recorded it (undo)."""
    for name in SNAPSHOT_FIELDS:
        if name in snapshot:
            setattr(event, name, _from_json(name, snapshot[name]))
        elif name in LIST_FIELDS[1:]:  # a snapshot logged before the field existed
            setattr(event, name, [])
    if snapshot.get("original_start_utc"):  # a changed occurrence whose series moved
        event.original_start_utc = datetime.fromisoformat(snapshot["original_start_utc"])
    event.updated_at = utcnow()
    session.flush()
    return event


def snapshot(event: Event | None) -> dict[str, Any] | None:
    """The JSON-able state of an event, for the operation log."""
    if event is None:
        return None
    out = {name: getattr(event, name) for name in SNAPSHOT_FIELDS}
    for name, value in out.items():
        if isinstance(value, datetime):
            out[name] = value.isoformat()
        elif name in LIST_FIELDS:
            out[name] = list(value or [])
    extra = {
        "series_id": event.series_id,
        "original_start_utc": event.original_start_utc.isoformat() if event.original_start_utc else None,
    }
    return {"id": event.id, **out, **extra}


def _from_json(name: str, value: Any) -> Any:
    if name in ("start_utc", "end_utc", "cancelled_at") and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def log_operation(
    *,
    session: Session,
    owner: str,
    session_id: str,
    operation: str,
    event: Event | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    utterance: str | None = None,
    parse: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> Operation:
    """Record one write (for undo and audit). The writes of one chat turn share `at`, so an
    undo reverts them together (splitting a series writes two rows)."""
    entry = Operation(
        owner=owner,
        session_id=session_id,
        utterance=utterance,
        parse=parse,
        operation=operation,
        event_id=event.id if event is not None else None,
        before=before,
        after=after,
        at=at or utcnow(),
    )
    session.add(entry)
    session.flush()
    return entry


def log_write(
    session: Session,
    owner: str,
    session_id: str,
    operation: str,
    row: Event,
    before: dict[str, Any] | None,
    **context: Any,
) -> Operation:
    """`log_operation` for a write that leaves `row` as it now is (its snapshot is the
    "after"); `context`: utterance, parse, at."""
    return log_operation(
        session=session,
        owner=owner,
        session_id=session_id,
        operation=operation,
        event=row,
        before=before,
        after=snapshot(row),
        **context,
    )


WRITES = ("create", "cancel", "reschedule", "update")


def last_write(*, session: Session, owner: str, session_id: str) -> Operation | None:
    """This conversation's most recent write that has not been undone yet."""
    query = (
        select(Operation)
        .where(
            Operation.owner == owner,
            Operation.session_id == session_id,
            Operation.reverted_at.is_(None),
            Operation.operation.in_(WRITES),
        )
        .order_by(Operation.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def last_writes(*, session: Session, owner: str, session_id: str) -> list[Operation]:
    """The writes of this conversation's last turn not undone yet (all those sharing the
    last write's `at`), newest first."""
    last = last_write(session=session, owner=owner, session_id=session_id)
    if last is None:
        return []
    query = (
        select(Operation)
        .where(
            Operation.owner == owner,
            Operation.session_id == session_id,
            Operation.at == last.at,
            Operation.reverted_at.is_(None),
            Operation.operation.in_(WRITES),
        )
        .order_by(Operation.id.desc())
    )
    return list(session.scalars(query))


def delete_event(*, session: Session, event: Event) -> None:
    """Remove a row for good: only for undoing the creation of a changed occurrence (a
    cancelled one would still hide the occurrence it replaced)."""
    session.delete(event)
    session.flush()


def operations(*, session: Session, owner: str, session_id: str | None = None) -> list[Operation]:
    """The operation log of an owner (optionally one conversation), oldest first."""
    query = select(Operation).where(Operation.owner == owner)
    if session_id is not None:
        query = query.where(Operation.session_id == session_id)
    return list(session.scalars(query.order_by(Operation.id)))


def conversation(*, session: Session, owner: str, session_id: str) -> Conversation:
    """The state row of a conversation, created empty on first use and locked for this turn."""
    query = select(Conversation).where(Conversation.owner == owner, Conversation.session_id == session_id)
    state = session.scalars(query.with_for_update()).first()
    if state is None:
        state = Conversation(owner=owner, session_id=session_id, pending=None, updated_at=utcnow())
        session.add(state)
        session.flush()
    return state


def save_conversation(
    *, session: Session, state: Conversation, pending: dict[str, Any] | None, last_event_id: int | None
) -> Conversation:
    """Remember what the conversation waits for and which event it talks about."""
    state.pending = pending
    state.last_event_id = last_event_id
    state.updated_at = utcnow()
    session.flush()
    return state


# -- a user's whole calendar: the demo's reset and its undo ------------------------------------
Rows = dict[str, list[dict[str, Any]]]  # table name -> rows, each its columns but the owner, JSON-able
OWNED = (Conversation, Operation, Event)  # the tables an owner's rows live in, in the order they are removed


def owner_rows(*, session: Session, owner: str) -> Rows:
    """Every row of an owner as stored (events, operation log, conversations), in key order,
    for a copy `restore_owner` can put back exactly."""
    out: Rows = {}
    for model in OWNED:
        table = _table(model)
        query = select(*table.c).where(table.c.owner == owner).order_by(*table.primary_key)
        out[model.__tablename__] = [_row_json(model, row) for row in session.execute(query)]
    return out


def clear_owner(*, session: Session, owner: str) -> Rows:
    """Hard-delete every event, log entry and conversation of an owner (the demo reset) and
    return them as `owner_rows` does: exactly what was removed (DELETE ... RETURNING).

    The owner's events are locked first, so a concurrent write that points at one of them
    (a log entry, a changed occurrence) waits and then fails, instead of being removed by a
    cascade without being returned; changed occurrences go before their series for the same
    reason (SQLite returns no row a cascade removes)."""
    session.execute(select(Event.id).where(Event.owner == owner).with_for_update())
    removed: Rows = {}
    for model in OWNED:
        table = _table(model)
        steps = [table.c.series_id.is_not(None), table.c.series_id.is_(None)] if model is Event else [true()]
        rows = [
            row
            for step in steps
            for row in session.execute(table.delete().where(table.c.owner == owner, step).returning(*table.c))
        ]
        removed[model.__tablename__] = sorted((_row_json(model, row) for row in rows), key=_key_of(model))
    return removed


def restore_owner(*, session: Session, owner: str, rows: Rows) -> dict[int, int]:
    """Put back rows as `owner_rows` / `clear_owner` gave them: every column as it was, new
    event ids, and every link kept (a changed occurrence to its series; the log entries,
    their snapshots and the conversations to the events, pending questions included).
    Rows made since stay; a conversation with the same id is replaced. Returns old -> new ids."""
    from assistant import questions

    ids = _put_events(session, owner, rows.get(Event.__tablename__, []))
    for row in sorted(rows.get(Operation.__tablename__, []), key=lambda r: r["id"]):
        values = _stored(Operation, row, owner)
        values.update(
            event_id=_new_id(ids, values.get("event_id")),
            before=_renumbered(values.get("before"), ids),
            after=_renumbered(values.get("after"), ids),
        )
        session.add(Operation(**values))
    for row in rows.get(Conversation.__tablename__, []):
        values = _stored(Conversation, row, owner)
        values.update(
            last_event_id=_new_id(ids, values.get("last_event_id")),
            pending=questions.renumbered(values.get("pending"), ids),
        )
        session.merge(Conversation(**values))
    session.flush()
    return ids


def _put_events(session: Session, owner: str, rows: list[dict[str, Any]]) -> dict[int, int]:
    """Insert the events in their old order (so new ids keep it), then link the changed
    occurrences to their series' new ids."""
    made = {
        row["id"]: Event(**{**_stored(Event, row, owner), "series_id": None})
        for row in sorted(rows, key=lambda r: r["id"])
    }
    session.add_all(made.values())
    session.flush()
    ids = {old: event.id for old, event in made.items()}
    for row in rows:
        if row.get("series_id") is not None:
            made[row["id"]].series_id = ids[row["series_id"]]
    session.flush()
    return ids


def _new_id(ids: dict[int, int], old: int | None) -> int | None:
    """The new id of a restored event (None when the row named none, or one not restored)."""
    return None if old is None else ids.get(old)


def _renumbered(snap: dict[str, Any] | None, ids: dict[int, int]) -> dict[str, Any] | None:
    """An operation's event snapshot with its ids mapped (None for a row that is gone)."""
    if snap is None:
        return None
    return {**snap, **{key: ids.get(snap[key]) for key in ("id", "series_id") if key in snap}}


def _table(model: type[Base]) -> Table:
    """The model's Table (declarative mapping types `__table__` as any FROM clause)."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


def _row_json(model: type[Base], row: Any) -> dict[str, Any]:
    """A fetched row as a JSON-able dict: every column but the owner, times as ISO strings."""
    values = row._mapping
    return {
        c.name: values[c.name].isoformat() if isinstance(values[c.name], datetime) else values[c.name]
        for c in _table(model).c
        if c.name != "owner"
    }


def _stored(model: type[Base], row: dict[str, Any], owner: str) -> dict[str, Any]:
    """A JSON row back as column values for `owner` (times parsed, lists copied, no id)."""
    out: dict[str, Any] = {"owner": owner}
    for column in _table(model).c:
        if column.name in ("owner", "id") or column.name not in row:
            continue
        value = row[column.name]
        if isinstance(column.type, DateTime) and isinstance(value, str):
            value = datetime.fromisoformat(value)
        out[column.name] = copy.deepcopy(value)
    return out


def _key_of(model: type[Base]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The sort key of a table's JSON rows: its primary key without the owner."""
    names = [c.name for c in _table(model).primary_key if c.name != "owner"]
    return lambda row: tuple(row[n] for n in names)
