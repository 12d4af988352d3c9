"""The FastAPI application: `create_app()` wires the Assistant, the key ring and the routes.

Errors are turned into JSON here, once: validation problems are 422 with the field and
the reason (never echoing a 100 KB input back), the assistant's own errors map to 422/503,
and anything unexpected is logged with a traceback and answered as a plain 500 JSON body.
"""
from __future__ import annotations

import logging
import os

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from assistant.api.auth import KeyRing
from assistant.api.deps import one_at_a_time
from assistant.api.keys import parse_env_keys
from assistant.api.limits import BodyLimit
from assistant.api.routes import audio, chat, events, parse
from assistant.api.routes import alerts, free, occurrences
from assistant.core import Assistant
from assistant.exceptions import AssistantError, BadEvent, BadSettings, StorageError

log = logging.getLogger("assistant.api")

DESCRIPTION = """Calendar assistant: parse spoken commands, chat with the assistant, manage events.

Authenticate with your API key in the `X-API-Key` header (or `Authorization: Bearer KEY`).
Make one with `python -m assistant keys create NAME`.
"""


def create_app(assistant: Assistant | None = None, *, db_url: str | None = None,
               api_keys: str | None = None) -> FastAPI:
    """The app over `assistant` (default: one over `db_url`, DATABASE_URL or the data folder).

    `api_keys` adds development keys ("alice:key1,bob:key2"); default: ASSISTANT_API_KEYS.
    """
    bot = assistant or Assistant(db_url)
    env_keys = parse_env_keys(os.environ.get("ASSISTANT_API_KEYS", "") if api_keys is None else api_keys)
    app = FastAPI(title="Calendar assistant API", version="1.0", description=DESCRIPTION)
    app.state.assistant = bot
    app.state.keys = KeyRing(bot.sessions, env_keys, guard=lambda: one_at_a_time(bot))
    for module in (parse, chat, audio, events):
        app.include_router(module.router)
    app.include_router(occurrences.router)
    app.include_router(alerts.router)
    app.include_router(free.router)
    app.add_middleware(BodyLimit, routes={audio.PATH: audio.UPLOAD_LIMIT})
    app.add_api_route("/health", health, methods=["GET"], tags=["meta"], summary="Liveness (no key needed)")
    _install_error_handlers(app)
    return app


def health() -> dict[str, str]:
    """For load balancers and the load benchmark: the process answers."""
    return {"status": "ok"}


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` with several workers (database from ASSISTANT_DB)."""
    return warmed(create_app(db_url=os.environ.get("ASSISTANT_DB") or None))


def warmed(app: FastAPI) -> FastAPI:
    """Open the database and load the NLU pipeline now, so the first caller does not wait."""
    from nlu.exceptions import ModelNotFound

    bot = app.state.assistant
    bot.sessions  # noqa: B018 - opens the engine and runs the migrations
    try:
        bot.parser("warm up", tz=bot.zone(None))
    except ModelNotFound as err:
        log.warning("no NLU pipeline: /v1/parse and /v1/chat will answer 503 (%s)", err)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(BadEvent, _bad_event)
    app.add_exception_handler(BadSettings, _bad_event)
    app.add_exception_handler(StorageError, _unavailable)
    app.add_exception_handler(AssistantError, _bad_event)
    app.add_exception_handler(OperationalError, _database_down)
    app.add_exception_handler(Exception, _unexpected)
    _install_nlu_handlers(app)


def _install_nlu_handlers(app: FastAPI) -> None:
    from nlu.exceptions import BadTimeZone, ModelNotFound

    app.add_exception_handler(BadTimeZone, _bad_event)
    app.add_exception_handler(ModelNotFound, _unavailable)


async def _invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [{"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
                for err in exc.errors()]
    summary = "; ".join(f"{'.'.join(map(str, p['loc']))}: {p['msg']}" for p in problems[:5])
    return JSONResponse({"detail": problems, "message": f"invalid request: {summary}"},
                        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _bad_event(_request: Request, exc: Exception) -> JSONResponse:
    # The assistant refused the values (e.g. a PATCHed end before the stored start).
    return JSONResponse({"detail": str(exc), "message": f"invalid request: {exc}"},
                        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _unavailable(_request: Request, exc: Exception) -> JSONResponse:
    log.error("service unavailable: %s", exc)
    return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_503_SERVICE_UNAVAILABLE)


async def _database_down(_request: Request, exc: Exception) -> JSONResponse:
    log.error("database unavailable: %s", exc)
    return JSONResponse({"detail": "the database is unavailable right now: try again shortly"},
                        status_code=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": "5"})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "internal error: it has been logged; please report it"},
                        status_code=status.HTTP_500_INTERNAL_SERVER_ERROR)
