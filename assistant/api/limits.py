"""A request-body size limit: a 50 MB POST is refused (413) before it is read into memory.

Commands and events are small; the largest legitimate body is a 200,000-character text
(up to 800 KB of UTF-8 in JSON). Bodies are checked by their Content-Length and, for
chunked uploads, as they stream in. A route with larger bodies (the audio upload) names
its own limit and message in `routes`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 1_000_000


@dataclass(frozen=True)
class Limit:
    """A body size limit and the sentence a 413 says about it."""

    max_bytes: int
    message: str


class BodyLimit:
    """ASGI middleware answering 413 to bodies over `max_bytes` (or over their path's own limit)."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY, routes: Mapping[str, Limit] | None = None) -> None:
        self.app = app
        self.default = Limit(max_bytes, f"request body too large: at most {max_bytes:,} bytes")
        self.routes = dict(routes or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.routes.get(scope.get("path", ""), self.default)
        declared = dict(scope.get("headers") or ()).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit.max_bytes:
            await JSONResponse({"detail": limit.message, "message": limit.message}, status_code=413)(
                scope, receive, send
            )
            return
        await self.app(scope, self._counting(receive, limit), send)

    def _counting(self, receive: Receive, limit: Limit) -> Receive:
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit.max_bytes:
                    raise HTTPException(413, limit.message)
            return message

        return limited
