"""NLU doors: our `nlu parse` JSON, and Rasa's `/model/parse` shape for Rasa-built software."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from assistant.api import deps
from assistant.api.auth import reader
from assistant.api.keys import Principal
from assistant.api.rasa import rasa_parse
from assistant.api.schemas import ERRORS, ParseRequest, RasaParseRequest
from assistant.core import Assistant

router = APIRouter(tags=["nlu"], responses=ERRORS)


@router.post("/v1/parse", summary="Read one command: intent, slots, title, resolved time")
def parse_command(
    body: ParseRequest, _who: Principal = Depends(reader), bot: Assistant = Depends(deps.assistant)
) -> dict[str, Any]:
    """The JSON line `python -m nlu parse` prints for this text (nothing is stored)."""
    return bot.parser(body.text, now=body.now, tz=bot.zone(body.tz)).to_dict()


@router.post("/model/parse", summary="Rasa-compatible parse (drop-in for Rasa's HTTP API)")
def rasa_model_parse(
    body: RasaParseRequest, _who: Principal = Depends(reader), bot: Assistant = Depends(deps.assistant)
) -> dict[str, Any]:
    """Rasa's answer shape: intent, entities (with Duckling-style `time`), intent_ranking."""
    return rasa_parse(bot.parser(body.text, now=None, tz=bot.zone(None)))
