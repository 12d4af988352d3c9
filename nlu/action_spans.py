"""The ACTION the model left untagged, by rule: the calendar verb a create, update, move or
cancel opens with (drawn into the title: "[postpone] fatimas surprise party").

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


# A move's and a cancel's verbs, read the same way ("[postpone] fatimas surprise party by a
# week": the model drew the verb into the title).
RESCHEDULE_VERBS = ("reschedule", "postpone", "move", "push back", "push", "delay", "bring forward", "shift")
CANCEL_VERBS = ("cancel", "delete", "remove", "call off", "scrap", "erase")
OPENING = {
    "create": _opening(VERBS),
    "update": _opening(UPDATE_VERBS),
    "reschedule": _opening(RESCHEDULE_VERBS),
    "cancel": _opening(CANCEL_VERBS),
}


def opening_verb(intent: str, text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """`slots` with the verb a command opens with as its ACTION, when none was tagged; a title
    the model drew over the verb starts after it."""
    if intent not in OPENING or any(s.label == "ACTION" for s in slots):
        return slots
    found = OPENING[intent].match(text.lstrip())
    if found is None:
        return slots
    offset = len(text) - len(text.lstrip())
    start, end = offset + found.start("verb"), offset + found.end("verb")
    slots = tuple(_after_verb(text, s, start, end) for s in slots)
    if any(s.start < end and start < s.end for s in slots):
        return slots
    action = Slot("ACTION", text[start:end], start, end)
    return tuple(sorted((*slots, action), key=lambda s: s.start))


def _after_verb(text: str, slot: Slot, start: int, end: int) -> Slot:
    """A NAME that starts with the verb at `start`-`end`, from the word after it."""
    if slot.label != "NAME" or slot.start != start or slot.end <= end or not text[end : end + 1].isspace():
        return slot
    rest = end + len(text[end : slot.end]) - len(text[end : slot.end].lstrip())
    return Slot("NAME", text[rest : slot.end], rest, slot.end)
