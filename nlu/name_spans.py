"""NAME span conventions decided by rule after the model (ANNOTATION.md, DOMAIN and NAME).

- A kind word right after a title is part of the title: "[client meeting]NAME", "[gym
  session]NAME", "[holiday party]NAME", where the model often draws "[gym]NAME
  [session]DOMAIN". Container words stay apart ("[Pongal celebration]NAME [event]DOMAIN",
  "[dentist]NAME [reminder]DOMAIN"): they say what every calendar item is, not what kind.
- A day said in front of a title is its DATE: "the [Friday]DATE [dinner]NAME", "end the
  [Tuesday]DATE [yoga]NAME", where the model often draws "[Friday dinner]NAME". Only a day
  that resolves on its own is split off, and only when a title remains.
"""

from __future__ import annotations

import re
from datetime import datetime

from nlu import dates
from nlu.result import Slot

# Words that name what every calendar item is, not what kind it is: "a reminder for the
# meeting" is a meeting; "do I have any events" asks about all of them; "schedule an event
# tomorrow" has said nothing about what the event is, so the assistant asks for a name.
CONTAINER_WORDS = frozenset(
    {
        "event",
        "calendar event",
        "reminder",
        "entry",
        "calendar entry",
        "item",
        "calendar item",
        "calendar",
        "schedule",
        "agenda",
        "plan",
    }
)

DAY = re.compile(
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|tomorrow)('s)?$",
    re.IGNORECASE,
)


def conventions(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with NAME spans joined to their kind word and days split off their front."""
    out: list[Slot] = []
    for slot in slots:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == "NAME"
            and slot.label == "DOMAIN"
            and text[prev.end : slot.start].isspace()
            and not is_container(slot.text)
        ):
            out[-1] = Slot("NAME", text[prev.start : slot.end], prev.start, slot.end)
            continue
        out.extend(_day_off(text, slot, ref) if slot.label == "NAME" else [slot])
    return tuple(out)


def _day_off(text: str, slot: Slot, ref: datetime) -> list[Slot]:
    """A NAME, or the DATE of the day in front of it and the NAME after."""
    first, _, rest = slot.text.partition(" ")
    if not rest.strip() or not DAY.match(first):
        return [slot]
    day_end = slot.start + len(first) - (2 if first.lower().endswith("'s") else 0)
    value = dates.resolve(text[slot.start : day_end], ref)
    if value is None:
        return [slot]
    name_start = slot.end - len(rest)
    return [
        Slot("DATE", text[slot.start : day_end], slot.start, day_end, value),
        Slot("NAME", text[name_start : slot.end], name_start, slot.end),
    ]


def is_container(word: str) -> bool:
    """A container word, singular or plural ("events", "reminders", "calendar entries")."""
    low = " ".join(word.lower().split())
    singular = low[:-3] + "y" if low.endswith("ies") else low[:-1] if low.endswith("s") else low
    return low in CONTAINER_WORDS or singular in CONTAINER_WORDS
