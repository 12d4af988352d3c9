"""Engines (one per URL), sessions, and the Alembic upgrade run on first use.

SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE transactions (set on every new
connection), so concurrent writers wait for each other instead of failing with
"database is locked"; other URLs (postgresql+psycopg://...) are used as they are.
"""
from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from assistant.exceptions import StorageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 15000
MIGRATION_LOCK = 4_2026_1123  # any constant: the advisory lock key of schema upgrades

_engines: dict[str, Engine] = {}
_factories: dict[str, sessionmaker[Session]] = {}
_upgraded: set[str] = set()
_lock = threading.Lock()


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


def _make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as err:  # sqlalchemy raises ArgumentError with a terse text
        raise StorageError(f"not a database URL: {url!r} (e.g. sqlite:///data/calendar.db)") from err
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        try:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StorageError(f"cannot create the folder of the SQLite calendar {parsed.database!r}: {err}") from err
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection, _record) -> None:
    # Take transactions out of the driver's hands so "begin" below can say IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection) -> None:
    # A deferred transaction that later writes can fail at once with SQLITE_BUSY; taking
    # the write lock up front makes writers queue on busy_timeout instead.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


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
    except Exception as err:
        raise StorageError(f"could not open or upgrade the database at {engine.url!r}: {err}") from err


def dispose(url: str) -> None:
    """Close and forget the engine of one URL (tests that make a database per test)."""
    with _lock:
        engine = _engines.pop(url, None)
        _factories.pop(url, None)
        _upgraded.discard(url)
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
