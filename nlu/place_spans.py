"""LOCATION span conventions decided by rule after the model: one place, one span.

The model cuts a place it has not seen into pieces about as often as not: "[Lotus]
[Flow Studio]", "[Flat 4], [19 Harrington Gardens]", "[Specsavers] on [Church Road]" (the
street even tagged NAME). ANNOTATION.md's LOCATION is the whole place, so:

- LOCATION pieces side by side, or with only a comma between, are one LOCATION;
- a LOCATION followed by "on" and a street ("... Road", "... St", "... Lane") is one
  LOCATION with it, whatever label the street got: "[Kwik Fit on Mill Lane]".
"""

from __future__ import annotations

import re

from nlu.result import Slot

STREET = re.compile(
    r".*\b(street|st|road|rd|lane|ln|avenue|ave|boulevard|blvd|drive|dr|way|place|pl|square|sq|high street|row|"
    r"parade|terrace|crescent|close|court|ct)\.?$",
    re.IGNORECASE,
)


def conventions(text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """`slots` with the pieces of one place joined into one LOCATION."""
    out: list[Slot] = []
    for slot in slots:
        prev = out[-1] if out else None
        if prev is not None and prev.label == "LOCATION" and _same_place(text, prev, slot):
            out[-1] = Slot("LOCATION", text[prev.start : slot.end], prev.start, slot.end)
            continue
        out.append(slot)
    return tuple(out)


def _same_place(text: str, place: Slot, nxt: Slot) -> bool:
    between = text[place.end : nxt.start]
    if nxt.label == "LOCATION" and between.strip() in ("", ","):
        return True
    return between.strip().lower() == "on" and nxt.label in ("LOCATION", "NAME") and bool(STREET.match(nxt.text))
