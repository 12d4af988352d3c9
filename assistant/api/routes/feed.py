"""The calendar subscription token: make one (revoking the last) or revoke it.

A calendar app subscribes to `GET /v1/events.ics?token=FEED_TOKEN`; the token is read-only,
opens that route only, and is redacted from the server's logs. API keys never go in URLs.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, status

from assistant.api import deps
from assistant.api.auth import writer
from assistant.api.keys import Principal, create_feed_token, revoke_feed_tokens
from assistant.core import Assistant

router = APIRouter(prefix="/v1", tags=["events"])


@router.post("/feed-token", status_code=status.HTTP_201_CREATED, summary="A new calendar subscription token")
def new_feed_token(
    request: Request, who: Principal = Depends(writer), bot: Assistant = Depends(deps.assistant)
) -> dict[str, Any]:
    """Shown once; the previous feed token of this user stops working."""
    with deps.one_at_a_time(bot), bot.sessions.begin() as session:
        row, token = create_feed_token(who.user, session=session, label="calendar subscription")
        prefix = row.prefix
    return {"token": token, "prefix": prefix, "url": f"{request.base_url}v1/events.ics?token={token}"}


@router.delete("/feed-token", summary="Revoke your calendar subscription token")
def revoke_feed_token(who: Principal = Depends(writer), bot: Assistant = Depends(deps.assistant)) -> dict[str, int]:
    """Subscriptions using it stop working (401); make a new one with POST."""
    with deps.one_at_a_time(bot), bot.sessions.begin() as session:
        return {"revoked": len(revoke_feed_tokens(who.user, session=session))}
