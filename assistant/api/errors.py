"""Every error the API answers, in one place: JSON with a `detail` and a one-line `message`.

- 422: invalid input (pydantic's field list; a body that is not JSON or is nested too
  deep; values the assistant refuses), never echoing a 100 KB input back;
- 409: a change that conflicts with what is stored now (a constraint the database holds);
- 503: the database or the NLU cannot serve, naming the cause (damaged, read-only, full,
  busy); only a busy or unreachable database gets a Retry-After, since waiting cannot
  mend a damaged file or a full disk;
- 500: a bug, logged with its traceback, answered without details;
- a request still running when a stopping server gives up waiting (uvicorn cancels it)
  gets a 503 saying so (`AnswerWhenStopped`), not uvicorn's bare 500.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant import db_faults
from assistant.exceptions import AssistantError, BadEvent, BadSettings, Conflict, DatabaseBusy, StorageError

log = logging.getLogger("assistant.api")
RETRY_AFTER_SECONDS = "5"
E = TypeVar("E", bound=Exception)


def install(app: FastAPI) -> None:
    """Register the handlers on the app (most specific first, as Starlette looks them up by type)."""
    on(app, RequestValidationError, invalid_request)
    on(app, HTTPException, http_error)
    on(app, BadEvent, bad_input)
    on(app, BadSettings, bad_input)
    on(app, Conflict, conflict)
    on(app, StorageError, unavailable)
    on(app, AssistantError, bad_input)
    on(app, DBAPIError, database_error)
    on(app, Exception, unexpected)
    from nlu.exceptions import BadTimeZone, ModelNotFound

    on(app, BadTimeZone, bad_input)
    on(app, ModelNotFound, unavailable)


def on(app: FastAPI, kind: type[E], handler: Callable[[Request, E], Awaitable[JSONResponse]]) -> None:
    """Register `handler` for errors of `kind`, checking here that it takes that kind."""
    # Starlette types every handler as taking any Exception; it calls each only with its own kind.
    app.add_exception_handler(kind, handler)  # type: ignore[arg-type]


def answer(status_code: int, detail: object, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The one error shape: `detail` (a sentence or a field list) and `message` (one line)."""
    return JSONResponse({"detail": detail, "message": message}, status_code=status_code, headers=headers)


async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [
        {"loc": list(err.get("loc", ())), "msg": _reason(err), "type": err.get("type", "")} for err in exc.errors()
    ]
    summary = "; ".join(f"{'.'.join(map(str, p['loc']))}: {p['msg']}" for p in problems[:5])
    return answer(status.HTTP_422_UNPROCESSABLE_CONTENT, problems, f"invalid request: {summary}")


def _reason(err: Mapping[str, Any]) -> str:
    """pydantic's message; for broken JSON also what the decoder expected ("Expecting ',' delimiter")."""
    reason = err.get("msg", "")
    detail = (err.get("ctx") or {}).get("error")
    return f"{reason}: {detail}" if err.get("type") == "json_invalid" and isinstance(detail, str) else reason


async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
    """Starlette's and ours; a body FastAPI could not read (its bare 400) is invalid input: 422."""
    if exc.status_code == status.HTTP_400_BAD_REQUEST and exc.__cause__ is not None:
        reason = unreadable(exc.__cause__)
        return answer(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            [{"loc": ["body"], "msg": reason, "type": "json_invalid"}],
            f"invalid request: body: {reason}",
        )
    return answer(exc.status_code, exc.detail, str(exc.detail), headers=getattr(exc, "headers", None))


def unreadable(cause: BaseException) -> str:
    if isinstance(cause, RecursionError):
        return "the JSON is nested too deeply"
    if isinstance(cause, UnicodeDecodeError):
        return "the body is not UTF-8 text"
    return f"the body could not be read as JSON ({type(cause).__name__})"


async def bad_input(_request: Request, exc: Exception) -> JSONResponse:
    # The assistant refused the values (e.g. a PATCHed end before the stored start).
    return answer(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc), f"invalid request: {exc}")


async def conflict(_request: Request, exc: Exception) -> JSONResponse:
    return answer(status.HTTP_409_CONFLICT, str(exc), str(exc))


async def unavailable(_request: Request, exc: Exception) -> JSONResponse:
    fault: Exception = exc
    if type(exc) is StorageError:  # a wrapper (a turn that gave up, an upgrade): name what is under it
        inner = db_faults.in_chain(exc.__cause__) if exc.__cause__ is not None else None
        fault = inner if isinstance(inner, StorageError) else exc
    log.error("service unavailable: %s", fault)
    retry = {"Retry-After": RETRY_AFTER_SECONDS} if isinstance(fault, DatabaseBusy) else None
    return answer(status.HTTP_503_SERVICE_UNAVAILABLE, str(fault), str(fault), headers=retry)


async def database_error(request: Request, exc: DBAPIError) -> JSONResponse:
    fault = db_faults.classify(exc)
    if isinstance(fault, Conflict):
        return await conflict(request, fault)
    if isinstance(fault, StorageError):
        return await unavailable(request, fault)
    return await unexpected(request, exc)


async def unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return answer(
        status.HTTP_500_INTERNAL_SERVER_ERROR, "internal error: it has been logged; please report it", "internal error"
    )


STOPPED = "the server stopped before this request finished: it may not have taken effect; check before sending it again"


class AnswerWhenStopped:
    """ASGI middleware: a request cancelled by the server's shutdown is answered 503 (when no
    answer has started yet), then the cancellation goes on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except asyncio.CancelledError:
            if not started:
                await answer(status.HTTP_503_SERVICE_UNAVAILABLE, STOPPED, STOPPED, headers={"Connection": "close"})(
                    scope, receive, send
                )
            raise
