"""Who is calling: per-user API keys from the `X-API-Key` header or `Authorization: Bearer`.

Keys live hashed in the `api_keys` table (`python -m assistant keys create NAME`); for
development and tests, ASSISTANT_API_KEYS="alice:key1,bob:key2" adds keys from the
environment. A read-only key (`--read-only`, or "user:key:ro") may read but not write: 403.

An API key is never taken from a URL: URLs end up in access logs, proxies and browser
history. Calendar apps that subscribe to `GET /v1/events.ics` cannot send headers, so that
one route also takes `?token=FEED_TOKEN`, a per-user read-only feed token (keys.py) that
opens nothing else; the server's logs redact it (assistant/api/server.py).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import APIKeyHeader, APIKeyQuery, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from assistant.api.keys import API, FEED, Principal, find_key, hash_key

header_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="your API key")
bearer_key = HTTPBearer(auto_error=False, description="the same API key as a bearer token")
feed_token = APIKeyQuery(
    name="token", auto_error=False, description="a feed token (not an API key): GET /v1/events.ics only"
)


class KeyRing:
    """Resolves a presented key to a Principal: development keys first, then the table."""

    def __init__(
        self,
        sessions: Callable[[], sessionmaker[Session]] | None,
        env_keys: dict[str, Principal],
        guard: Callable[[], AbstractContextManager[object]] = nullcontext,
    ) -> None:
        self.sessions = sessions  # called at the first lookup: the database opens on first use
        self.env_keys = env_keys
        self.guard = guard  # on SQLite, the same queue as every other database turn

    def principal(self, key: str, scope: str = API) -> Principal | None:
        """Who this key (scope "api") or feed token (scope "feed") acts as; None if nobody."""
        digest = hash_key(key)
        for known, who in self.env_keys.items():
            if hmac.compare_digest(known, digest):
                return who if scope == API else None
        if self.sessions is None:
            return None
        with self.guard(), self.sessions()() as session:
            row = find_key(key, session=session, scope=scope)
            return Principal(row.owner, row.read_only or scope == FEED) if row else None


def keyring(request: Request) -> KeyRing:
    """The app's KeyRing (the factory puts it in `app.state.keys`)."""
    ring: KeyRing = request.app.state.keys
    return ring


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, message, headers={"WWW-Authenticate": "Bearer"})


def _resolve(request: Request, key: str | None) -> Principal:
    if not key:
        raise _unauthorized("missing API key: send it as the X-API-Key header or 'Authorization: Bearer KEY'")
    principal = keyring(request).principal(key)
    if principal is None:
        raise _unauthorized("invalid or revoked API key")
    return principal


def reader(
    request: Request,
    api_key: str | None = Security(header_key),
    bearer: HTTPAuthorizationCredentials | None = Security(bearer_key),
) -> Principal:
    """Any valid key: the caller may read their own calendar."""
    return _resolve(request, api_key or (bearer.credentials if bearer else None))


def feed_reader(
    request: Request,
    api_key: str | None = Security(header_key),
    bearer: HTTPAuthorizationCredentials | None = Security(bearer_key),
    token: str | None = Security(feed_token),
) -> Principal:
    """Like `reader`, or a feed token as `?token=` for calendar apps that cannot set headers."""
    header = api_key or (bearer.credentials if bearer else None)
    if header or not token:
        return _resolve(request, header)
    principal = keyring(request).principal(token, FEED)
    if principal is not None:
        return principal
    if keyring(request).principal(token) is not None:
        raise _unauthorized(
            "API keys are not accepted in URLs, where logs keep them: send it in the X-API-Key "
            "header, or subscribe with a feed token (POST /v1/feed-token)"
        )
    raise _unauthorized("invalid or revoked feed token")


def writer(principal: Principal = Depends(reader)) -> Principal:
    """A key that may change the calendar (read-only keys get 403)."""
    if principal.read_only:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "this API key is read-only: make a full key to change events")
    return principal
