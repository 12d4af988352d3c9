"""LOCATION span conventions decided by rule after the model: one place, one span.

The model cuts a place it has not seen into pieces about as often as not: "[Lotus]
[Flow Studio]", "[Flat 4], [19 Harrington Gardens]", "[Specsavers] on [Church Road]" (the
street even tagged NAME). ANNOTATION.md's LOCATION is the whole place, so:

- LOCATION pieces side by side, or with only a comma between, are one LOCATION;
- a LOCATION followed by "on" and a street ("... Road", "... St", "... Lane") is one
  LOCATION with it, whatever label the street got: "[Kwik Fit on Mill Lane]", and so is
  one followed by the street the model left untagged, after "on" or a comma: "[the barbers
  on station road]", "[Boots Opticians, Princes St]";
- a street address no slot took is a LOCATION: "at [535 Pierce Street]", "[42 Jacaranda
  Ave]";
- someone's home after "at" or "to" is a LOCATION, whatever label it got: "at [Hannah's
  flat]", "to [Jen's place]".
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from nlu import dates
from nlu.result import Slot

STREET_WORDS = (
    r"(?:street|st|road|rd|lane|ln|avenue|ave|boulevard|blvd|drive|dr|way|place|pl|square|sq|high street|row|"
    r"parade|terrace|crescent|close|court|ct)"
)
STREET = re.compile(r".*\b" + STREET_WORDS + r"\.?$", re.IGNORECASE)


# A street said after a place without a label: "on" or a comma, then up to four words (a
# house number first) ending in a street word.
STREET_AFTER = re.compile(
    r"(?:\s+on\s+|,\s*)((?:\d{1,5}[a-z]?\s+)?(?:[\w'’.&-]+\s+){0,3}?" + STREET_WORDS + r")\b\.?",
    re.IGNORECASE,
)
ADDRESS = re.compile(r"\b\d{1,5}[a-z]?\s+(?:[A-Za-z][\w'’.-]*\s+){1,3}?" + STREET_WORDS + r"\b\.?", re.IGNORECASE)
HOME = re.compile(
    r"\b(?:at|to)\s+((?:(?:auntie|aunt|uncle|grandma|grandpa|nana|cousin)\s+)?[a-z][\w-]*(?:'s|’s|s)\s+"
    r"(?:place|house|flat|home|apartment|flat|cottage))\b",
    re.IGNORECASE,
)


def conventions(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with the pieces of one place joined into one LOCATION, the street after a
    place and untagged addresses and homes taken in."""
    return _homes(text, _addresses(text, _joined(text, slots), ref))


def _joined(text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    out: list[Slot] = []
    for slot in slots:
        prev = out[-1] if out else None
        if prev is not None and prev.label == "LOCATION" and _same_place(text, prev, slot):
            out[-1] = Slot("LOCATION", text[prev.start : slot.end], prev.start, slot.end)
            continue
        out.append(slot)
    return tuple(_with_street(text, s, out) if s.label == "LOCATION" else s for s in out)


def _with_street(text: str, place: Slot, slots: list[Slot]) -> Slot:
    """The place with the untagged street said right after it ("the barbers [on station road]")."""
    found = STREET_AFTER.match(text, place.end)
    if found is None or any(s.start < found.end() and place.end < s.end for s in slots):
        return place
    return Slot("LOCATION", text[place.start : found.end(1)], place.start, found.end(1))


def _addresses(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with each street address no slot touches as a LOCATION; a DATE that ran on
    over the address after a comma ("[Sunday, 2-5 PM, 42 Jacaranda Ave]") ends before it."""
    out = list(slots)
    for m in ADDRESS.finditer(text):
        start, end = m.start(), m.start() + len(m.group().rstrip("."))
        touching = [s for s in out if s.start < end and start < s.end]
        if len(touching) == 1 and touching[0].label == "DATE" and touching[0].start < start and touching[0].end <= end:
            date = touching[0]
            cut = date.start + len(text[date.start : start].rstrip(" ,;"))
            kept = text[date.start : cut]
            out[out.index(date)] = replace(date, text=kept, end=cut, value=dates.resolve(kept, ref))
        elif touching:
            continue
        out.append(Slot("LOCATION", text[start:end], start, end))
    return tuple(sorted(out, key=lambda s: s.start))


def _homes(text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """`slots` with someone's home after "at"/"to" as one LOCATION, replacing the slots inside it."""
    out = list(slots)
    for m in HOME.finditer(text):
        start, end = m.span(1)
        inside = [s for s in out if s.start < end and start < s.end]
        if any(s.start < start or s.end > end or s.label in ("DATE", "ACTION") for s in inside):
            continue
        out = sorted(
            [*(s for s in out if s not in inside), Slot("LOCATION", text[start:end], start, end)], key=lambda s: s.start
        )
    return tuple(out)


def _same_place(text: str, place: Slot, nxt: Slot) -> bool:
    between = text[place.end : nxt.start]
    if nxt.label == "LOCATION" and between.strip() in ("", ","):
        return True
    return between.strip().lower() == "on" and nxt.label in ("LOCATION", "NAME") and bool(STREET.match(nxt.text))
