"""The calendar assistant: storage, the resolver from parses to operations, the dialogue.

    from assistant import Assistant
    bot = Assistant()                      # DATABASE_URL or ./data/calendar.db
    reply = bot.handle("s1", "Schedule event for visit to Trivandrum on July 18")
    reply.reply, reply.operation, reply.events   # reply.to_dict() is the chat JSON

The names below load on first use, so `python -m assistant` can answer Ctrl-C cleanly even
while SQLAlchemy is still being imported (assistant/__main__.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the type checker sees the names as they are; at run time they load on first use
    from assistant.core import Assistant
    from assistant.exceptions import AssistantError, BadEvent, BadInput, BadSettings, StorageError
    from assistant.settings import Settings
    from assistant.views import CalendarSnapshot, EventView, Reply

__all__ = [
    "Assistant",
    "AssistantError",
    "BadEvent",
    "BadInput",
    "BadSettings",
    "CalendarSnapshot",
    "EventView",
    "Reply",
    "Settings",
    "StorageError",
]
_HOMES = {
    "Assistant": "assistant.core",
    "Reply": "assistant.views",
    "EventView": "assistant.views",
    "CalendarSnapshot": "assistant.views",
    "Settings": "assistant.settings",
    "AssistantError": "assistant.exceptions",
    "BadEvent": "assistant.exceptions",
    "BadInput": "assistant.exceptions",
    "BadSettings": "assistant.exceptions",
    "StorageError": "assistant.exceptions",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
