"""The conversation door: one chat turn, answered with the chat JSON."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from assistant.api import deps
from assistant.api.auth import writer
from assistant.api.keys import Principal
from assistant.api.schemas import ERRORS, ChatReply, ChatRequest
from assistant.core import Assistant

router = APIRouter(tags=["chat"], responses=ERRORS)


@router.post("/v1/chat", response_model=ChatReply, summary="One turn of a conversation with the assistant")
def chat_turn(
    body: ChatRequest, who: Principal = Depends(writer), bot: Assistant = Depends(deps.assistant)
) -> dict[str, Any]:
    """Same as a line of `python -m assistant chat --json`.

    The conversation is keyed by the caller's user and `session_id`, so one user's
    session id never reaches another user's conversation.
    """
    with deps.one_at_a_time(bot):
        return bot.handle(body.session_id, body.text, now=body.now, tz=body.tz, user=who.user).to_dict()
