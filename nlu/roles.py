"""Slot roles ("old" / "new", ANNOTATION.md) decided once, by rules over a parse.

The model finds the spans and the intent; which of two DATEs is the current time and which
the new one follows from the words around them, the same way in every command, so a few
rules decide it here and nowhere else (the assistant reads `Slot.role`).

DATE (reschedule, update), NAME (update) and LOCATION (reschedule, update), when a command
has two or more slots of that label:
- a slot is marked new when "to", "into", "till" or "until" introduces it, or "instead"
  follows it ("make it [4] instead of 3"); marked old when "from" or "instead of"
  introduces it;
- with at least one slot marked new, an unmarked slot is old when it stands between the
  ACTION and a new slot ("move my [10:30] to 11"), or is of the same kind as the new one
  (a day beside a day, a clock time beside a clock time: "I have a clash on [Wednesday];
  move it to Thursday"); otherwise it has no counterpart and no role ("running late
  [today], move my 10:30 to 11");
- in a reschedule with nothing marked, the last slot is new and the others old ("move
  [friday]'s lunch, [monday] works"); an update with nothing marked gets no roles ("remind
  me an hour before the 3pm meeting tomorrow" names one event, not two times).
A lone slot carries no role: a lone DATE in a reschedule is the new time.

PERSON (update): with an ACTION that adds people ("add", "invite", "include", ...) every
PERSON before the event's name is new, with one that removes people ("remove", "drop",
"uninvite", ...) old ("[Marco] is joining, add him to the retro"); with "swap"/"replace",
the PERSON after "for"/"with" is new and the other old. A PERSON after the event's name
names the event ("add jim to the lunch with [sara]"): no role.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from nlu.result import Slot

NEW_BEFORE = {"to", "into", "till", "until"}
OLD_BEFORE = {"from"}
SKIP = {"the", "a", "an", "my", "our", "his", "her", "their", "this", "that", "it", "be", "at", "on"}
ADD_VERBS = {"add", "invite", "include", "bring", "put", "loop", "cc", "sign", "get"}
REMOVE_VERBS = {"remove", "drop", "uninvite", "exclude", "take", "kick", "delete", "cut", "disinvite"}
SWAP_VERBS = {"swap", "replace", "switch", "substitute", "change"}
PAIRED = {"reschedule": ("DATE", "LOCATION"), "update": ("DATE", "NAME", "LOCATION")}
CLOCK_TIME = timedelta(hours=1)
_WORD = re.compile(r"[\w']+")


def assign(intent: str, text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """`slots` with their roles set (a new tuple; slots without a role keep role None)."""
    roles: dict[int, str] = {}
    action = next((i for i, s in enumerate(slots) if s.label == "ACTION"), None)
    for label in PAIRED.get(intent, ()):
        indices = [i for i, s in enumerate(slots) if s.label == label]
        roles.update(_old_and_new(text, indices, slots, action, guess=intent == "reschedule"))
    if intent == "update":
        roles.update(_people(text, slots))
    return tuple(replace(s, role=roles.get(i, s.role)) for i, s in enumerate(slots))


def _old_and_new(
    text: str, indices: list[int], slots: tuple[Slot, ...], action: int | None, guess: bool
) -> dict[int, str]:
    """Roles of one label's slots (module docstring)."""
    if len(indices) < 2:
        return {}
    marks = {i: _mark(text, slots[i]) for i in indices}
    new = [i for i in indices if marks[i] == "new"]
    if not new:
        if not guess:
            return {i: m for i, m in marks.items() if m} if any(marks.values()) else {}
        return {i: ("new" if i == indices[-1] else "old") for i in indices}
    out = {}
    start = slots[action].start if action is not None else -1
    for i in indices:
        if marks[i]:
            out[i] = marks[i]
        elif start <= slots[i].start < slots[new[0]].start or any(_same_kind(slots[i], slots[j]) for j in new):
            out[i] = "old"
    return out


def _mark(text: str, slot: Slot) -> str | None:
    """ "new", "old" or None from the words right around a slot."""
    before = [w.lower() for w in _WORD.findall(text[: slot.start])]
    while before and before[-1] in SKIP:
        before.pop()
    after = [w.lower() for w in _WORD.findall(text[slot.end :])[:2]]
    if before[-2:] == ["instead", "of"] or (before and before[-1] in OLD_BEFORE):
        return "old"
    if (before and before[-1] in NEW_BEFORE) or (after[:1] == ["instead"]):
        return "new"
    return None


def _same_kind(a: Slot, b: Slot) -> bool:
    """Two DATEs of one kind (both clock times, or both days, parts of days or longer); other
    labels always are."""
    if a.label != "DATE":
        return True
    kinds = [_clock_time(s) for s in (a, b)]
    return None not in kinds and kinds[0] == kinds[1]


def _clock_time(slot: Slot) -> bool | None:
    """Whether a DATE is a clock time (an hour or less long), None when it did not resolve."""
    value = slot.value
    if value is None or value.start is None or value.end is None:
        return None
    return value.end - value.start <= CLOCK_TIME


def _people(text: str, slots: tuple[Slot, ...]) -> dict[int, str]:
    """PERSON roles in an update, from the verb of its ACTION (module docstring)."""
    action = next((s for s in slots if s.label == "ACTION"), None)
    verb = action.text.lower().split()[0] if action and action.text.split() else ""
    people = [i for i, s in enumerate(slots) if s.label == "PERSON" and not _after_event(slots, s, action)]
    if verb in SWAP_VERBS and len(people) >= 2:
        return {i: "new" if _preceded_by(text, slots[i], {"for", "with", "by", "to"}) else "old" for i in people}
    role = "new" if verb in ADD_VERBS else "old" if verb in REMOVE_VERBS else None
    return dict.fromkeys(people, role) if role else {}


def _after_event(slots: tuple[Slot, ...], person: Slot, action: Slot | None) -> bool:
    """Whether a PERSON comes after the event's name (the first NAME/DOMAIN after the ACTION)."""
    start = action.start if action is not None else -1
    event = next((s for s in slots if s.label in ("NAME", "DOMAIN") and s.start > start), None)
    return event is not None and person.start > event.start


def _preceded_by(text: str, slot: Slot, words: set[str]) -> bool:
    before = [w.lower() for w in _WORD.findall(text[: slot.start])]
    return bool(before) and before[-1] in words
