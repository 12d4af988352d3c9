"""Which commands the chat reads as follow-ups ("yes", "undo", "the first one"), not as new ones.

The NLU is not trained on follow-ups: it reads "undo" as out_of_scope, while the dialogue
handles it before asking the NLU (assistant.followups holds its word lists). The inspector
shows such lines for what they are. The order below is the dialogue's own (Dialogue.command):
undo first, then yes/no, then a relative move of the last event; a choice among listed
events ("the first one") when the NLU reads nothing calendar-like in it.
"""
from __future__ import annotations

from assistant import followups

LISTED = 9  # the most choices a clarification offers; an ordinal beyond it picks nothing


def followup_kind(text: str, intent: str, title: str | None) -> str | None:
    """ "undo", "yes", "no", "relative move" or "choice" when the chat reads `text` as a follow-up
    (given the NLU's intent and title for it), else None."""
    if followups.is_undo(text):
        return "undo"
    if followups.is_yes(text):
        return "yes"
    if followups.is_no(text):
        return "no"
    if followups.shift(text) is not None and (intent == "reschedule" or (intent == "create" and title is None)):
        return "relative move"
    if intent == "out_of_scope" and followups.ordinal(text, LISTED) is not None:
        return "choice"
    return None
