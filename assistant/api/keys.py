"""Per-user API keys and feed tokens, stored hashed: the database never holds a key anyone could reuse.

A key is shown once, when it is made (`python -m assistant keys create NAME`); the table
keeps its SHA-256 and a short prefix to tell keys apart in listings. Keys are random
(256 bits), so a plain hash is enough: there is nothing to brute-force, unlike passwords.

API keys travel in headers only. A calendar app subscribing to /v1/events.ics cannot send
headers, so each user may have one feed token (`feed_...`, scope "feed"): read-only, good
for that one route, put in the URL; making a new one revokes the old one.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.exceptions import BadSettings
from assistant.models import ApiKey
from assistant.store import utcnow

KEY_PREFIX = "cal_"
FEED_PREFIX = "feed_"
API, FEED = "api", "feed"  # ApiKey.scope
USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")


@dataclass(frozen=True)
class Principal:
    """Who is calling: the user whose calendar the request may see, and whether it may write."""

    user: str
    read_only: bool = False


def hash_key(key: str) -> str:
    """The stored form of a key (hex SHA-256 of its UTF-8 bytes)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def check_user_name(name: str) -> str:
    """User names are short and plain, so they are safe in logs, URLs and session keys."""
    if not USER_NAME.match(name):
        raise BadSettings(f"user name {name!r} must be 1-100 letters, digits, '.', '_', '@' or '-'")
    return name


def create_key(
    owner: str, *, session: Session, label: str | None = None, read_only: bool = False
) -> tuple[ApiKey, str]:
    """Make a new key for `owner`; returns the row and the key itself (shown only now)."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(
        owner=check_user_name(owner),
        key_hash=hash_key(key),
        prefix=key[: len(KEY_PREFIX) + 6],
        label=label,
        read_only=read_only,
        created_at=utcnow(),
        revoked_at=None,
    )
    session.add(row)
    session.flush()
    return row, key


def create_feed_token(owner: str, *, session: Session, label: str | None = None) -> tuple[ApiKey, str]:
    """A new feed token for `owner` (shown only now); the owner's older feed tokens are revoked."""
    revoke_feed_tokens(owner, session=session)
    token = FEED_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(
        owner=check_user_name(owner),
        key_hash=hash_key(token),
        prefix=token[: len(FEED_PREFIX) + 6],
        label=label,
        read_only=True,
        scope=FEED,
        created_at=utcnow(),
        revoked_at=None,
    )
    session.add(row)
    session.flush()
    return row, token


def revoke_feed_tokens(owner: str, *, session: Session) -> list[ApiKey]:
    """Revoke every live feed token of `owner` (their subscription URLs stop working)."""
    rows = [r for r in list_keys(session=session, owner=owner) if r.scope == FEED and r.revoked_at is None]
    for row in rows:
        row.revoked_at = utcnow()
    return rows


def find_key(key: str, *, session: Session, scope: str = API) -> ApiKey | None:
    """The live (not revoked) row of this key in this scope ("api" or "feed"), or None."""
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key)))
    return row if row is not None and row.revoked_at is None and row.scope == scope else None


def list_keys(*, session: Session, owner: str | None = None) -> list[ApiKey]:
    """Every key (of one owner, when given), oldest first."""
    query = select(ApiKey).order_by(ApiKey.id)
    if owner is not None:
        query = query.where(ApiKey.owner == owner)
    return list(session.scalars(query))


def revoke_key(prefix: str, *, session: Session) -> list[ApiKey]:
    """Revoke the live keys whose prefix (or full key) is given; returns what was revoked."""
    rows = [
        r
        for r in list_keys(session=session)
        if r.revoked_at is None and (r.prefix == prefix or r.key_hash == hash_key(prefix))
    ]
    for row in rows:
        row.revoked_at = utcnow()
    return rows


def parse_env_keys(text: str) -> dict[str, Principal]:
    """Development keys from ASSISTANT_API_KEYS="alice:key1,bob:key2[:ro]", by key hash."""
    out: dict[str, Principal] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        user, _, rest = item.partition(":")
        key, _, mode = rest.partition(":")
        if not key or mode not in ("", "ro", "rw"):
            raise BadSettings(f"ASSISTANT_API_KEYS item {item!r} must look like user:key or user:key:ro")
        out[hash_key(key)] = Principal(check_user_name(user), read_only=mode == "ro")
    return out
