"""Engines (one per URL), sessions, the Alembic upgrade run on first use, and health.

SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE transactions (set on every new
connection), so concurrent writers wait for each other instead of failing with
"database is locked"; other URLs (postgresql+psycopg://...) are used as they are.

Every engine turns the faults no retry can fix (a damaged file, a read-only or full disk:
assistant/db_faults.py) into their own StorageError where they happen, and remembers a
damaged database, so /health and every later request can say so instead of a 500.
An in-memory SQLite URL is refused: each pooled connection would see its own empty
database, and the calendar would vanish with the process.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, ExceptionContext, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from assistant import db_faults
from assistant.exceptions import BadSettings, DatabaseDamaged, DatabaseReadOnly, StorageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 15000
MIGRATION_LOCK = 4_2026_1123  # any constant: the advisory lock key of schema upgrades

_engines: dict[str, Engine] = {}
_factories: dict[str, sessionmaker[Session]] = {}
_upgraded: set[str] = set()
_damaged: dict[str, str] = {}  # URL -> what the driver said, once a request or check saw damage
_checked: dict[str, tuple[float, str | None]] = {}  # URL -> (monotonic time, problem) of the last check
_lock = threading.Lock()
HEALTH_TTL = 10.0  # seconds a health check is reused: a full quick_check per probe would be wasteful


def engine_for(url: str) -> Engine:
    """The engine of this URL, made once per process (schema upgraded to head on first use)."""
    with _lock:
        if url not in _engines:
            _engines[url] = _make_engine(url)
        engine = _engines[url]
        if url not in _upgraded:
            upgrade(engine)
            _upgraded.add(url)
    return engine


def sessions_for(url: str) -> sessionmaker[Session]:
    """A session factory bound to this URL's engine; use `with factory.begin() as session:`."""
    engine = engine_for(url)
    with _lock:
        if url not in _factories:
            _factories[url] = sessionmaker(engine, expire_on_commit=False)
        return _factories[url]


def checked_url(url: str) -> URL:
    """The parsed URL of a database a calendar can live in (not an in-memory one)."""
    try:
        parsed = make_url(url)
    except Exception as err:  # sqlalchemy raises ArgumentError with a terse text
        raise StorageError(f"not a database URL: {url!r} (e.g. sqlite:///data/calendar.db)") from err
    if parsed.get_backend_name() == "sqlite" and _in_memory(parsed):
        raise BadSettings(
            f"{url!r} is an in-memory database: the calendar would vanish with the process "
            "(and each connection would see its own empty one); use a file, e.g. "
            "sqlite:///data/calendar.db"
        )
    return parsed


def _in_memory(parsed: URL) -> bool:
    name = parsed.database or ""
    return (
        name in ("", ":memory:")
        or name.startswith("file::memory:")
        or parsed.query.get("mode") == "memory"
        or "mode=memory" in name
    )


def _make_engine(url: str) -> Engine:
    parsed = checked_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True)
    else:
        try:
            Path(parsed.database or "").parent.mkdir(parents=True, exist_ok=True)  # "" is refused above
        except OSError as err:
            raise StorageError(f"cannot create the folder of the SQLite calendar {parsed.database!r}: {err}") from err
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    event.listen(engine, "handle_error", lambda context: _named_fault(url, context), retval=True)
    return engine


def _named_fault(url: str, context: ExceptionContext) -> BaseException | None:
    """Replace a driver error no retry can fix by its named StorageError; remember damage."""
    fault = db_faults.permanent(context.original_exception)
    if isinstance(fault, DatabaseDamaged):
        _damaged.setdefault(url, str(fault))
    if fault is not None:
        fault.__cause__ = context.sqlalchemy_exception
    return fault


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
    # Take transactions out of the driver's hands so "begin" below can say IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # A deferred transaction that later writes can fail at once with SQLITE_BUSY; taking
    # the write lock up front makes writers queue on busy_timeout instead. On a read-only
    # file or disk the write lock cannot be had: reads still work, writes then say why.
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except DatabaseReadOnly:
        connection.exec_driver_sql("BEGIN")


def alembic_config() -> Config:
    """The Alembic configuration, built in code (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema of this database to `revision` (Alembic), keeping every row."""
    cfg = alembic_config()
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Processes starting together on a new database take turns (SQLite's
                # BEGIN IMMEDIATE already serialises them).
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
    except StorageError:
        raise
    except Exception as err:
        fault = db_faults.in_chain(err)
        if isinstance(fault, StorageError):
            raise fault from err
        raise StorageError(f"could not open or upgrade the database at {engine.url!r}: {err}") from err


def damage(url: str) -> str | None:
    """What the driver said when this database was last seen damaged (None: never seen so)."""
    return _damaged.get(url)


def problem(url: str) -> str | None:
    """Why this database cannot serve now (damaged, unreachable, ...), None when it can.

    SQLite files get a `PRAGMA quick_check` (page-level damage in any table, not only the
    ones a query happens to read); PostgreSQL a `SELECT 1`. Results are reused for
    HEALTH_TTL seconds, so a load balancer polling /health costs little.
    """
    if url in _damaged:
        return _damaged[url]
    seen = _checked.get(url)
    if seen is not None and time.monotonic() - seen[0] < HEALTH_TTL:
        return seen[1]
    found = _check(url)
    _checked[url] = (time.monotonic(), found)
    return found


def _check(url: str) -> str | None:
    try:
        engine = engine_for(url)
        raw = engine.raw_connection()  # no BEGIN IMMEDIATE: a check must not queue behind writers
        try:
            cursor = raw.cursor()
            sqlite = engine.dialect.name == "sqlite"
            cursor.execute("PRAGMA quick_check" if sqlite else "SELECT 1")
            verdict = [str(row[0]) for row in cursor.fetchall()]
            cursor.close()
        finally:
            raw.close()
    except Exception as err:  # noqa: BLE001 - a health check: any failure is the answer, said as it is
        fault = db_faults.in_chain(err) or err
        if isinstance(fault, DatabaseDamaged):
            _damaged.setdefault(url, str(fault))
        return str(fault)
    if sqlite and verdict != ["ok"]:
        message = (
            f"the calendar database is damaged ({'; '.join(verdict)[:200]}): "
            "restore it from a backup and restart the server"
        )
        _damaged.setdefault(url, message)
        return message
    return None


def dispose(url: str) -> None:
    """Close and forget the engine of one URL (tests that make a database per test)."""
    with _lock:
        engine = _engines.pop(url, None)
        _factories.pop(url, None)
        _upgraded.discard(url)
        _damaged.pop(url, None)
        _checked.pop(url, None)
    if engine is not None:
        engine.dispose()


def dispose_all() -> None:
    """Close every engine (tests, and processes that fork)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _factories.clear()
        _upgraded.clear()
        _damaged.clear()
        _checked.clear()
