"""Small dependencies the routes share."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from typing import overload

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from assistant import db
from assistant.api.schemas import known_zone
from assistant.checks import MAX_YEAR, MIN_YEAR
from assistant.core import Assistant
from assistant.exceptions import DatabaseDamaged


def assistant(request: Request) -> Assistant:
    """The Assistant this app serves; a database once seen damaged serves nobody (503), so
    nothing more is written into a corrupt file before it is restored."""
    bot: Assistant = request.app.state.assistant
    damage = db.damage(bot.url)
    if damage is not None:
        raise DatabaseDamaged(damage)
    return bot


_sqlite_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()


def one_at_a_time(bot: Assistant) -> AbstractContextManager[object]:
    """On SQLite, one database turn at a time in this process; elsewhere, no limit.

    SQLite has one writer, and every transaction here takes the write lock up front
    (BEGIN IMMEDIATE). Many threadpool threads then wait in SQLite's busy handler, which
    polls with growing sleeps and is unfair: with 8 clients the slowest turn took 3.5 s.
    A plain lock queues them instead (load bench: p95 291 -> 112 ms, max 3504 -> 269 ms,
    81 -> 122 req/s). Several worker processes still meet in the busy handler.
    """
    if not bot.url.startswith("sqlite"):
        return nullcontext()
    with _guard:
        return _sqlite_locks.setdefault(bot.url, threading.Lock())


def checked_zone(tz: str | None) -> str | None:
    """A query-string zone, checked like a body field (422 with the reason)."""
    try:
        return known_zone(tz)
    except ValueError as err:
        raise unprocessable("tz", str(err)) from err


@overload
def checked_moment(name: str, value: datetime) -> datetime: ...
@overload
def checked_moment(name: str, value: None) -> None: ...
def checked_moment(name: str, value: datetime | None) -> datetime | None:
    """A query-string date-time within the years a calendar holds."""
    if value is not None and not (MIN_YEAR <= value.year <= MAX_YEAR):
        raise unprocessable(name, f"must be between the years {MIN_YEAR} and {MAX_YEAR}")
    return value


def unprocessable(field: str, message: str) -> RequestValidationError:
    """A 422 naming the query field at fault, in the same shape as FastAPI's own."""
    return RequestValidationError([{"loc": ("query", field), "msg": message, "type": "value_error"}])
