"""Helpers of the fault suite (tests/test_faults_*.py): time limits, a real server process,
rows held by another transaction, and SQLite connections that fail like a read-only or
full disk (CI runs as root, so file modes cannot make a disk read-only there)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, event, text

ROOT = Path(__file__).resolve().parent.parent


class TooSlow(AssertionError):
    """A step of a fault test ran past its time limit (a hang, or close to one)."""


@contextmanager
def within(seconds: float, what: str = "this step") -> Iterator[None]:
    """Fail with TooSlow when the block takes longer than `seconds` (SIGALRM: main thread only).

    The alarm interrupts Python code in the main thread, including a wait on a request
    running in another thread, so a hang fails the test instead of stalling the suite.
    """

    def expired(_signum, _frame):
        raise TooSlow(f"{what} took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    db_url: str, log_path: Path, *, env: dict[str, str] | None = None, up_within: float = 90
) -> tuple[subprocess.Popen, str]:
    """`python -m assistant serve` on a free loopback port, answered /health (any status) once."""
    port = free_port()
    cmd = [sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port", str(port), "--db", db_url]
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    full_env.pop("DATABASE_URL", None)
    log = open(log_path, "w")  # noqa: SIM115 - the process writes to it until it ends
    proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + up_within
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server exited with {proc.returncode}:\n{log_path.read_text()[-2000:]}")
        try:
            httpx.get(f"{base}/health", timeout=2)
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError(f"the server did not answer within {up_within} s:\n{log_path.read_text()[-2000:]}")


def stop(proc: subprocess.Popen) -> None:
    """End a process this test started (by its own handle), whatever state it is in."""
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=30)


@contextmanager
def rows_held(bot, event_ids: list[int], *, waiters: int = 0, seconds: float = 1.0) -> Iterator[None]:
    """Another transaction holds these event rows while the block sends requests; on leaving,
    it waits (up to `seconds`) until `waiters` of them are blocked, then lets go.

    PostgreSQL: SELECT ... FOR UPDATE on the rows; SQLite: a write transaction on the file
    (SQLite locks the whole database). Every request the block starts then meets the others
    at the same moment, which is when a race between them shows.
    """
    engine = create_engine(bot.url)  # its own connections: the app's pool may be all in use
    try:
        with engine.connect() as holder:
            if engine.dialect.name == "postgresql":
                holder.execute(text("SELECT id FROM events WHERE id = ANY(:ids) FOR UPDATE"), {"ids": event_ids})
            else:
                holder.execute(text("UPDATE events SET title = title WHERE id = :id"), {"id": event_ids[0]})
            yield
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline and _blocked(engine) < waiters:
                time.sleep(0.05)
            holder.rollback()
    finally:
        engine.dispose()


def _blocked(engine) -> int:
    """How many sessions wait on a lock (PostgreSQL; SQLite cannot tell: 0)."""
    if engine.dialect.name != "postgresql":
        return 0
    with engine.connect() as probe:
        return probe.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
        ).scalar_one()


@contextmanager
def sqlite_pragma(bot, pragma: str) -> Iterator[None]:
    """Every new connection of this SQLite calendar runs `pragma` (e.g. query_only=1: the
    real SQLITE_READONLY error; max_page_count=N: the real SQLITE_FULL)."""
    engine = bot.sessions.kw["bind"]

    def apply(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA {pragma}")

    engine.dispose()
    event.listen(engine, "connect", apply)
    try:
        yield
    finally:
        event.remove(engine, "connect", apply)
        engine.dispose()
