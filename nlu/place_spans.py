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
  flat]", "to [Jen's place]";
- the untagged words after "at" that follow the event or a person, up to a time, a comma
  or the end, are where it happens: "a haircut at [Great Clips] next Thursday", "lunch with
  sam at [his place]"; not when they read as a time ("at eight thirty") or a pronoun;
- in a command that changes the location, venue or address, what comes after its "to" is
  the new place, whatever label it got: "change the location of parents evening to [the
  school hall]" (the model drew a NAME there, which read as a rename), "change the venue
  for the party to [the red lion]".
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from nlu import dates
from nlu.date_spans import date_slot
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


def conventions(text: str, slots: tuple[Slot, ...], ref: datetime, intent: str = "") -> tuple[Slot, ...]:
    """`slots` with the pieces of one place joined into one LOCATION, the street after a
    place and untagged addresses and homes taken in. A capitalised place after "at"/"in" is
    read only in a calendar command ("the weather in Mumbai" names no event's place)."""
    slots = _homes(text, _addresses(text, _joined(text, _numbered(text, slots, ref)), ref))
    slots = _clock_not_place(text, slots, ref)
    if intent != "out_of_scope":  # "the weather tomorrow in chicago" names no event's place
        slots = _place_tails(text, _venues(text, slots, ref), ref)
    if intent and intent != "out_of_scope":
        slots = _named_places(text, slots, ref)
    return _new_place(text, slots)


# A place with its number: "[Court 3]", "[room 3.06]", "[Gate 12]" (the model reads the
# number as a day or an hour: "Court [3 Sunday 9-10am]").
NUMBERED = re.compile(
    r"\b(?:room|rm|court|pitch|gate|floor|suite|studio|hall|lab|bay|platform|level|booth|unit|ward|block|"
    r"lecture theatre|theatre)\s+\d{1,4}(?:\.\d{1,3})?[a-z]?\b",
    re.IGNORECASE,
)


def _numbered(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with each numbered place a LOCATION (a LOCATION on its word grows over the
    number), and a DATE that took the number read again without it."""
    out = list(slots)
    for m in NUMBERED.finditer(text):
        start, end = m.span()
        if any(s.label in ("NAME", "PERSON", "ACTION", "DOMAIN") and s.start < end and start < s.end for s in out):
            continue
        place = next((s for s in out if s.label == "LOCATION" and s.start < end and start < s.end), None)
        if place is not None:
            start, end = min(start, place.start), max(end, place.end)
        kept: list[Slot] = []
        for s in out:
            if s is place:
                continue
            if s.label == "DATE" and s.start < end and start < s.end:
                rest = text[end : s.end].lstrip(" ,")
                if rest and s.end > end:
                    again = date_slot(text, s.end - len(rest), s.end, ref)
                    if again.value is not None:
                        kept.append(again)
                continue
            kept.append(s)
        out = sorted([*kept, Slot("LOCATION", text[start:end], start, end)], key=lambda s: s.start)
    return tuple(out)


# A place that opens with the hour its DATE lacks: "[tomorrow at] [3 gym]" (the model reads
# "at 3 gym" as an address, though no street word follows).
CLOCK_GAP = re.compile(r"\s*(?:(?:at|around|by|@)\s+)?", re.IGNORECASE)
HOUR_FIRST = re.compile(r"(\d{1,2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?)\s+\S", re.IGNORECASE)


def _clock_not_place(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with the hour at the head of a LOCATION right after a DATE given to that DATE;
    the rest is the title when there is none ("[tomorrow at 3] [gym]"), else still the place."""
    out = list(slots)
    for k, place in enumerate(out):
        head = HOUR_FIRST.match(place.text) if place.label == "LOCATION" else None
        date = out[k - 1] if k > 0 else None
        if (
            head is None
            or date is None
            or date.label != "DATE"
            or not CLOCK_GAP.fullmatch(text[date.end : place.start])
        ):
            continue
        hour_end = place.start + head.end(1)
        longer = date_slot(text, date.start, hour_end, ref)
        if longer.value is None or ADDRESS.match(text, place.start):
            continue
        rest_start = place.start + len(place.text) - len(place.text[head.end(1) :].lstrip())
        label = "LOCATION" if any(s.label == "NAME" for s in out) else "NAME"
        out[k - 1 : k + 1] = [longer, Slot(label, text[rest_start : place.end], rest_start, place.end)]
    return tuple(out)


# Capitalised words after "at" or "in" that no slot took, in typed text: the place ("in [Lake
# Tahoe]", "at [Kwik Fit]", "at [the O2]", "at [Aunt Carol's]").
NAMED_PLACE = re.compile(
    r"\s(?:at|in)\s+((?:the\s+)?(?:[A-Z][\w'’&.-]*|\d+\w*)(?:\s+(?:[A-Z][\w'’&.-]*|of|on|the|&|\d+\w*)){0,3})"
)
NOT_A_PLACE = frozenset(
    {"I", "I'm", "Im", "The", "A", "An", "It", "This", "That", "My", "Our", "Your", "Please", "Thanks"}
)


def _named_places(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with the capitalised place after "at"/"in" that no slot took a LOCATION."""
    if any(s.label == "LOCATION" for s in slots) or text.lower() == text:
        return slots
    for m in NAMED_PLACE.finditer(text):
        stop = min((s.start for s in slots if s.start >= m.start(1)), default=len(text))
        words = text[m.start(1) : min(m.end(1), stop)].split()
        while words and (words[-1].lower() in ("of", "on", "the", "&") or words[-1][:1].isdigit()):
            words.pop()
        if not words or words[-1] in NOT_A_PLACE or (words[0] in NOT_A_PLACE and len(words) == 1):
            continue
        start = m.start(1)
        end = start + len(" ".join(words))
        if text[start:end] != " ".join(words) or any(s.start < end and start < s.end for s in slots):
            continue
        if dates.resolve(text[start:end], ref) is not None or not any(ch.isupper() for ch in text[start:end]):
            continue  # "at Noon", "in March": a time
        return tuple(sorted((*slots, Slot("LOCATION", text[start:end], start, end)), key=lambda s: s.start))
    return slots


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


VENUE_AFTER = ("NAME", "DOMAIN", "PERSON", "DATE")
AT = re.compile(r"\s+(?:(?:at|in)\s+)+", re.IGNORECASE)
VENUE_WORD = re.compile(r"\w[\w'’&.-]*")
MAX_VENUE_WORDS = 4
VENUE_TAIL = frozenset({"on", "at", "for", "this", "next", "in", "by", "from", "the", "a", "please", "and", "to"})
CLAUSE_WORDS = frozenset(
    {"i", "im", "i'm", "we", "were", "we're", "was", "is", "are", "am", "you", "he", "she", "they", "it's", "its"}
    | {"not", "dont", "don't", "cant", "can't", "because", "but", "so", "then", "if", "when", "please", "thanks"}
)
NOT_VENUE = frozenset(
    {"it", "that", "this", "them", "him", "her", "me", "us", "all", "least", "most", "once", "with", "between"}
    | {"person", "advance", "mind", "case", "total", "time", "general", "private", "public", "there", "touch"}
)
# What a thing is put in that is no place: "put game day in [the diary]".
NOT_A_PLACE_WORD = frozenset({"calendar", "diary", "schedule", "agenda", "planner", "reminders", "list", "progress"})
TAIL_STOP = frozenset(
    {"to", "from", "on", "at", "for", "with", "by", "about", "in", "into", "until", "till", "or", "as", "than"}
    | {"can", "could", "would", "will", "should", "shall", "might", "must", "do", "does", "did", "let", "lets"}
)


MAX_TAIL_WORDS = 3


def _place_tails(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with each LOCATION grown over the untagged words the model cut off its end
    ("at [salon] mirage", "at [kensington park] courts"): up to the next slot, a mark, a new
    clause or a time, without linking words at the end."""
    out = list(slots)
    for k, place in enumerate(out):
        if place.label != "LOCATION":
            continue
        limit = out[k + 1].start if k + 1 < len(out) else len(text)
        words = []
        for word in VENUE_WORD.finditer(text, place.end, limit):
            gap = text[(words[-1].end() if words else place.end) : word.start()]
            low = word.group().lower()
            if gap.strip() or low in CLAUSE_WORDS | NOT_VENUE | TAIL_STOP or len(words) == MAX_TAIL_WORDS:
                break
            words.append(word)
        while words and words[-1].group().lower() in VENUE_TAIL:
            words.pop()
        if not words or not text[place.end : words[0].start()].isspace():
            continue
        if any(dates.resolve(w.group(), ref) is not None for w in words):
            continue  # "at [nandos] tonight": the time the model left untagged
        out[k] = Slot("LOCATION", text[place.start : words[-1].end()], place.start, words[-1].end())
    return tuple(out)


def _venues(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with the untagged place after "[event] at" as a LOCATION (module docstring)."""
    found = []
    for k, slot in enumerate(slots):
        at = AT.match(text, slot.end)
        if slot.label not in VENUE_AFTER or at is None or any(s.label == "LOCATION" for s in slots):
            continue
        after = slots[k + 1] if k + 1 < len(slots) else None
        if after is not None and after.label != "DATE" and not text[at.end() : after.start].strip():
            continue  # the model labelled the words after "at" already
        limit = after.start if after is not None else len(text)
        words = []
        for word in VENUE_WORD.finditer(text, at.end(), limit):
            if text[(words[-1].end() if words else at.end()) : word.start()].strip():
                break  # a comma or other mark ends the place
            if word.group().lower() in CLAUSE_WORDS:
                break  # "the barbecue at chidis [were not going]": a new clause
            words.append(word)
        if after is not None and after.label != "DATE" and words and words[-1].end() == len(text[:limit].rstrip()):
            continue  # the place runs into another slot ("at auntie [zainabs]"): not ours to cut
        while words and words[-1].group().lower() in VENUE_TAIL:
            words.pop()
        if not words or len(words) > MAX_VENUE_WORDS or words[0].group().lower() in NOT_VENUE:
            continue
        if any(w.group().lower() in NOT_A_PLACE_WORD for w in words):
            continue
        start, end = words[0].start(), words[-1].end()
        if dates.resolve(text[start:end], ref) is not None:
            continue  # "at eight thirty": a time the model left untagged
        place = text[start:end].rstrip(".")
        if place:
            found.append(Slot("LOCATION", place, start, start + len(place)))
    return tuple(sorted((*slots, *found), key=lambda s: s.start))


PLACE_CHANGE = re.compile(r"\b(?:location|venue|address)\b[^.?!]*\sto\s+(?=\S)", re.IGNORECASE)
PLACE_END = re.compile(r"[.?!,;]|\s+(?:please|instead|thanks)\b", re.IGNORECASE)


def _new_place(text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """`slots` with the place after "change the location ... to" as a LOCATION (module docstring)."""
    found = PLACE_CHANGE.search(text)  # greedy: the last "to" of the sentence
    if found is None:
        return slots
    start = found.end()
    if any(s.start < start < s.end for s in slots):
        return slots
    nxt = next((s for s in slots if s.start >= start), None)
    if nxt is not None and text[start : nxt.start].strip() in ("", "the", "The"):
        if nxt.label in ("NAME", "DOMAIN"):
            return tuple(replace(s, label="LOCATION") if s is nxt else s for s in slots)
        if nxt.label == "DATE" and _date_opens_place(text, nxt, slots):
            slots = tuple(s for s in slots if s is not nxt)  # "to [the fourth] floor lounge": a floor
            nxt = None
        else:
            return slots
    if nxt is not None and nxt.label != "DATE":
        return slots  # something else is said first: not ours to read
    stop = PLACE_END.search(text, start)
    if nxt is not None:  # "to [the office] tomorrow": the place ends where its time starts
        words = re.sub(r"(?:\s+(?:on|at|for|from|by))+\s*$", "", text[start : nxt.start], flags=re.IGNORECASE)
        end = start + len(words.rstrip())
        if end > start and any(ch.isalnum() for ch in text[start:end]):
            return tuple(sorted((*slots, Slot("LOCATION", text[start:end], start, end)), key=lambda s: s.start))
        return slots
    end = start + len(text[start : stop.start() if stop else len(text)].rstrip())
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return slots
    place = Slot("LOCATION", text[start:end], start, end)
    return tuple(sorted((*slots, place), key=lambda s: s.start))


def _date_opens_place(text: str, date: Slot, slots: tuple[Slot, ...]) -> bool:
    """Whether a DATE the model drew is the head of the place words that follow it, untagged
    and before any break ("the fourth" of "the fourth floor lounge", "the second floor")."""
    rest = text[date.end :]
    stop = PLACE_END.search(rest)
    tail = rest[: stop.start() if stop else len(rest)]
    return bool(re.match(r"\s+[a-z]", tail, re.IGNORECASE)) and not any(s.start >= date.end for s in slots)


def _same_place(text: str, place: Slot, nxt: Slot) -> bool:
    between = text[place.end : nxt.start]
    if nxt.label == "LOCATION" and between.strip() in ("", ","):
        return True
    return between.strip().lower() == "on" and nxt.label in ("LOCATION", "NAME") and bool(STREET.match(nxt.text))
