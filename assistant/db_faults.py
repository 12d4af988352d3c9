"""What a database error means for the caller: damaged, read-only, full, busy, or a conflict.

The drivers say it with codes (SQLite's primary result codes, PostgreSQL's SQLSTATE); a raw
"(sqlite3.DatabaseError) database disk image is malformed" would otherwise reach the REST
API as a 500, and a read-only disk as an endless "try again shortly". Faults that no retry
can fix (damaged, read-only, full, I/O) replace the SQLAlchemy error where it is raised (an
engine `handle_error` hook in assistant/db.py), so every door sees them; busy databases and
constraint conflicts stay SQLAlchemy errors (the dialogue retries those) and are named by
`classify` at the edge.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from assistant.exceptions import (
    AssistantError,
    Conflict,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseFull,
    DatabaseReadOnly,
    StorageError,
)

# SQLite primary result codes (https://sqlite.org/rescode.html).
SQLITE_FAULTS: dict[int, type[AssistantError]] = {
    5: DatabaseBusy,
    6: DatabaseBusy,  # BUSY, LOCKED
    8: DatabaseReadOnly,  # READONLY
    10: StorageError,
    14: StorageError,  # IOERR, CANTOPEN
    11: DatabaseDamaged,
    26: DatabaseDamaged,  # CORRUPT, NOTADB
    13: DatabaseFull,  # FULL
    19: Conflict,  # CONSTRAINT
}
# PostgreSQL SQLSTATEs, most specific prefix first.
POSTGRES_FAULTS: tuple[tuple[str, type[AssistantError]], ...] = (
    ("53100", DatabaseFull),
    ("25006", DatabaseReadOnly),
    ("XX001", DatabaseDamaged),
    ("XX002", DatabaseDamaged),
    ("23", Conflict),
    ("40", DatabaseBusy),
    ("08", DatabaseBusy),
    ("57P", DatabaseBusy),
    ("53", DatabaseBusy),
)
ADVICE: dict[type[AssistantError], str] = {
    DatabaseDamaged: "the calendar database is damaged ({cause}): restore it from a backup and restart the server",
    DatabaseReadOnly: "the calendar database is read-only ({cause}): the file or disk does not accept writes; "
    "nothing was changed",
    DatabaseFull: "the disk holding the calendar database is full ({cause}): free some space; nothing was changed",
    DatabaseBusy: "the calendar database is busy or unreachable ({cause}): try again shortly",
    StorageError: "the calendar database could not be read or written ({cause}): check the disk and the file",
    Conflict: "this change conflicts with the event as it is now ({cause}): read it again and retry",
}
PERMANENT = (DatabaseDamaged, DatabaseReadOnly, DatabaseFull)


def classify(error: BaseException) -> AssistantError | None:
    """The fault an error means, with a message naming the cause; None when it is none of ours."""
    if isinstance(error, AssistantError):
        return error
    if isinstance(error, PoolTimeout):
        return DatabaseBusy(ADVICE[DatabaseBusy].format(cause="no free connection"))
    original = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    kind = _kind(original)
    if kind is None and isinstance(error, (OperationalError, InterfaceError)):
        kind = DatabaseBusy  # no code: a lost or refused connection, which a later try may find back
    if kind is None:
        return None
    return kind(ADVICE[kind].format(cause=_cause(original)))


def permanent(error: BaseException) -> AssistantError | None:
    """The fault when no retry can fix it (damaged, read-only, full, I/O), else None."""
    fault = classify(error)
    if isinstance(fault, PERMANENT) or type(fault) is StorageError:
        return fault
    return None


def in_chain(error: BaseException) -> AssistantError | None:
    """The most telling fault in an error's cause chain (a StorageError wrapping a driver error)."""
    seen: BaseException | None = error
    while seen is not None:
        fault = classify(seen) if not isinstance(seen, AssistantError) else None
        if fault is not None:
            return fault
        seen = seen.__cause__ or seen.__context__
    return None


def _kind(original: BaseException) -> type[AssistantError] | None:
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        return SQLITE_FAULTS.get(code & 0xFF) if isinstance(code, int) else None
    state = getattr(original, "sqlstate", None)
    if isinstance(state, str):
        return next((kind for prefix, kind in POSTGRES_FAULTS if state.startswith(prefix)), None)
    return None


def _cause(original: BaseException) -> str:
    """The driver's own first line, short (never the SQL or its parameters)."""
    text = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    return text[:200]
