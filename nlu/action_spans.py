"""The ACTION of a create or update that the model left untagged, by rule: the calendar verb
it opens with.

"add shopping to my calendar for tomorrow" reads as a create, yet the model tags no ACTION
(and so no title follows from the words after it, `name_spans.untagged_title`). A create
that opens with one of the plain create verbs, after politeness and fillers ("uh can you",
"please", "i'd like to"), has that verb as its ACTION (ANNOTATION.md, ACTION: create). Only
verbs that say create and nothing else are read: "make", "set", "note" serve too many other
commands to be guessed.
"""

from __future__ import annotations

import re

from nlu.result import Slot

VERBS = (
    "schedule",
    "create",
    "add",
    "put",
    "book",
    "reserve",
    "set up",
    "arrange",
    "organise",
    "organize",
    "pencil in",
    "jot down",
    "plan",
)
# An update's verbs that put people on an event or take them off, and renames: read the same
# way ("Add Kofi, Ama and Yaw to Diwali dinner").
UPDATE_VERBS = (
    "add",
    "invite",
    "include",
    "remove",
    "drop",
    "uninvite",
    "kick",
    "take",
    "put",
    "loop in",
    "cc",
    "rename",
)
_LEAD = (
    r"^(?:(?:uh|um|er|so|ok|okay|hey|hi|hello|please|pls|kindly|just|also|can you|could you|would you|will you"
    r"|i want to|i'd like to|i would like to|i need to|let's|go ahead and)[\s,!]+)*"
)


def _opening(verbs: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(v.replace(" ", r"\s+") for v in verbs)
    return re.compile(_LEAD + rf"(?P<verb>{alternatives})\b", re.IGNORECASE)


OPENING = {"create": _opening(VERBS), "update": _opening(UPDATE_VERBS)}


def opening_verb(intent: str, text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """`slots` with the verb a create or update opens with as its ACTION, when none was tagged."""
    if intent not in OPENING or any(s.label == "ACTION" for s in slots):
        return slots
    found = OPENING[intent].match(text.lstrip())
    if found is None:
        return slots
    offset = len(text) - len(text.lstrip())
    start, end = offset + found.start("verb"), offset + found.end("verb")
    if any(s.start < end and start < s.end for s in slots):
        return slots
    action = Slot("ACTION", text[start:end], start, end)
    return tuple(sorted((*slots, action), key=lambda s: s.start))
