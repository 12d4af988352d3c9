"""The calendar assistant: storage, the resolver from parses to operations, the dialogue.

    from assistant import Assistant
    bot = Assistant()                      # DATABASE_URL or ./data/calendar.db
    reply = bot.handle("s1", "Schedule event for visit to Trivandrum on July 18")
    reply.reply, reply.operation, reply.events   # reply.to_dict() is the chat JSON
"""
from __future__ import annotations

from assistant.core import Assistant
from assistant.exceptions import AssistantError, BadEvent, BadInput, BadSettings, StorageError
from assistant.settings import Settings
from assistant.views import EventView, Reply

__all__ = ["Assistant", "Reply", "EventView", "Settings", "AssistantError", "BadEvent", "BadInput", "BadSettings",
           "StorageError"]
