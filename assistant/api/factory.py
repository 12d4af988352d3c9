"""The FastAPI application: `create_app()` wires the Assistant, the key ring and the routes.

Errors are turned into JSON once, in assistant/api/errors.py. `warmed()` prepares an app for
a real server process: the database opened (a damaged or unreachable one is reported by
/health instead of stopping the start), the NLU loaded, and a guard that ends the process
when a request thread is still stuck after the graceful shutdown (assistant/api/server.py).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from assistant import db
from assistant.api import errors
from assistant.api.auth import KeyRing
from assistant.api.deps import one_at_a_time
from assistant.api.keys import parse_env_keys
from assistant.api.limits import BodyLimit
from assistant.api.routes import alerts, audio, chat, events, feed, free, occurrences, parse
from assistant.core import Assistant
from assistant.exceptions import StorageError

log = logging.getLogger("assistant.api")

DESCRIPTION = """Calendar assistant: parse spoken commands, chat with the assistant, manage events.

Authenticate with your API key in the `X-API-Key` header (or `Authorization: Bearer KEY`).
Make one with `python -m assistant keys create NAME`.
"""


def create_app(
    assistant: Assistant | None = None, *, db_url: str | None = None, api_keys: str | None = None
) -> FastAPI:
    """The app over `assistant` (default: one over `db_url`, DATABASE_URL or the data folder).

    `api_keys` adds development keys ("alice:key1,bob:key2"); default: ASSISTANT_API_KEYS.
    """
    bot = assistant or Assistant(db_url)
    db.checked_url(bot.url)  # an in-memory database is refused now, not at the first request
    env_keys = parse_env_keys(bot.settings.api_keys if api_keys is None else api_keys)
    app = FastAPI(title="Calendar assistant API", version="1.0", description=DESCRIPTION, lifespan=_lifespan)
    app.state.assistant = bot
    app.state.keys = KeyRing(lambda: bot.sessions, env_keys, guard=lambda: one_at_a_time(bot))
    for module in (parse, chat, audio, events, feed):
        app.include_router(module.router)
    app.include_router(occurrences.router)
    app.include_router(alerts.router)
    app.include_router(free.router)
    app.add_middleware(BodyLimit, routes={audio.PATH: audio.UPLOAD_LIMIT})
    app.add_middleware(errors.AnswerWhenStopped)  # outermost: it sees the cancellation first
    app.add_api_route(
        "/health",
        health,
        methods=["GET"],
        tags=["meta"],
        response_model=None,
        summary="Is the service and its database usable? (no key needed)",
    )
    errors.install(app)
    return app


def health(request: Request) -> JSONResponse:
    """For load balancers: 200 when the database can serve, else 503 naming why (damaged,
    read-only, unreachable...). SQLite files are checked page by page (PRAGMA quick_check)."""
    trouble = db.problem(request.app.state.assistant.url)
    if trouble is None:
        return JSONResponse({"status": "ok", "database": "ok"})
    return JSONResponse(
        {"status": "unavailable", "database": trouble, "detail": trouble, "message": trouble}, status_code=503
    )


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` with several workers (database from DATABASE_URL)."""
    return warmed(create_app())


def warmed(app: FastAPI) -> FastAPI:
    """Ready for a real server process: the database opened and the NLU pipeline loaded now,
    so the first caller does not wait; stuck request threads end with the process."""
    from nlu.exceptions import ModelNotFound

    bot = app.state.assistant
    try:
        bot.sessions  # noqa: B018 - opens the engine and runs the migrations
    except StorageError as err:  # /health and every route will say so; the process still answers
        log.error("the database cannot serve: %s", err)
    try:
        bot.parser("warm up", tz=bot.zone(None))
    except ModelNotFound as err:
        log.warning("no NLU pipeline: /v1/parse and /v1/chat will answer 503 (%s)", err)
    app.state.server_process = True
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    if getattr(app.state, "server_process", False):
        from assistant.api.server import exit_when_stuck

        exit_when_stuck()
