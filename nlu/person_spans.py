"""PERSON spans decided by rule after the model: names it has not seen, where the sentence
says a person stands.

- In an update whose verb adds or takes off people ("add", "invite", "remove", "drop", ...),
  the words between the verb and "to"/"from"/"off" the event are people, whatever the model
  made of them ("drop [uncle ravi] from the family zoom"); not when the event is the
  calendar itself ("add my dinner reservations to my calendar").
- One or two words no slot took after "with" or "w/", up to a time, a place word, a slot or
  the end, are a person ("lunch with [takumi] to thursday"); "with everyone", "with regard
  to" are no one.
- Capitalised words no slot took right after a PERSON or a title finish the name ("[Hiroshi
  Tanaka]", "[Ms. Achterberg]"); two capitalised PERSONs side by side are one.

People said together are all people: the model finds the first of "Jim and Priyanka" and often misses a name it has not seen
after it ("add [Jim] and Priyanka to the lunch" adds only Jim). A PERSON followed by ", X",
"and X" or ", and X", where X is one or two words no slot took and no time, is a list of
people: X is a PERSON too ("add [Jim] and [Priyanka] to the lunch", "lunch with [Tom] and
[Aisha] tomorrow"), and so on down the list ("[Jess], [Omar] and [Bea]").
"""

from __future__ import annotations

import re
from datetime import datetime

from nlu import dates
from nlu.result import Slot

JOINER = re.compile(r"\s*(?:,\s*and|,|and|&)\s+", re.IGNORECASE)
NAME_WORDS = re.compile(r"[\w'’.-]+(?:\s+[\w'’.-]+)?")
# Words that end a list of people: what is done with them, where, when, a pronoun.
NOT_A_NAME = frozenset(
    {"to", "from", "for", "with", "at", "on", "in", "the", "a", "an", "my", "our", "me", "us", "it", "them", "i"}
    | {"you", "him", "her", "that", "this", "then", "also", "please", "too", "as", "about", "into", "onto", "of"}
    | {"tomorrow", "today", "tonight", "next", "every", "add", "remove", "invite", "cancel", "move", "so", "but"}
    | {"and", "or", "&", "is", "are", "was", "were", "will", "can", "could", "should", "would", "do", "does", "did"}
    | {"has", "have", "had", "what", "when", "where", "who", "how", "why", "if", "not", "no", "yes", "be", "let"}
)
MAX_PEOPLE = 8
# An update's verbs that take people, and the word that then introduces the event
# ("add [X] to the lunch", "take [X] off the retro", "leave [X] out of the sync").
_TO, _ON, _OFF = r"to|into|in", r"on|onto|in", r"from|off|out of"
PEOPLE_VERBS = {"add": _TO, "invite": _TO, "include": _TO, "bring": _TO, "loop": _ON, "cc": _ON, "put": _ON}
PEOPLE_VERBS |= {"remove": _OFF, "drop": _OFF, "uninvite": _OFF, "take": _OFF, "leave": r"out of", "kick": _OFF}
# Words after "with" that are no one: times, things, the pronoun run of a request.
NOT_SOMEONE = NOT_A_NAME | {"everyone", "everybody", "anyone", "someone", "nobody", "all", "some", "any", "no"}
NOT_SOMEONE |= {
    "these",
    "those",
    "people",
    "other",
    "others",
    "regard",
    "regards",
    "respect",
    "reference",
    "love",
    "thanks",
    "details",
    "notes",
    "agenda",
}
CALENDAR = re.compile(
    r"(?:(?:my|the|our|your)\s+)?(?:[\w-]+\s+)?(?:calendar|schedule|diary|agenda|planner)\b", re.IGNORECASE
)
WITH = re.compile(r"\b(?:with|w/)\s+", re.IGNORECASE)
BOUNDARY = re.compile(
    r"\s*(?:$|[,.;:!?&]|\s(?:to|on|at|for|from|in|about|next|this|tomorrow|today|tonight|and|by"
    r"|can|could|would|will|should|is|are|was|were|please|so|but|because|uh|um|er|erm|i|we|you|she|he|they"
    r"|shes|hes|she's|he's|it|it's)\b)",
    re.IGNORECASE,
)
FILLERS = frozenset({"uh", "um", "er", "erm", "like", "hmm"})
CAPITALISED = re.compile(r"\s([A-Z][\w'’-]+)")
TITLES = {"dr", "dr.", "doctor", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "prof", "prof.", "professor", "uncle"}
TITLES |= {"aunt", "auntie", "coach", "grandma", "grandpa", "cousin", "nana"}


def conventions(text: str, slots: tuple[Slot, ...], ref: datetime, intent: str = "") -> tuple[Slot, ...]:
    """`slots` with the people an update adds or takes off, people after "with", whole
    names and the people listed after a PERSON added as PERSONs."""
    slots = _whole_names(text, _with_someone(intent, text, _invited(intent, text, _name_with(text, slots, ref)), ref))
    out = list(slots)
    for _ in range(MAX_PEOPLE):
        added = _next_person(text, out, ref)
        if added is None:
            break
        out = sorted([*out, added], key=lambda s: s.start)
    return tuple(out)


NAME_WITH = re.compile(r"^(?P<name>.*?\S)\s+(?:with|w/)\s+(?P<who>[\w'’.-]+(?:\s+[\w'’.-]+){0,2})$", re.IGNORECASE)


def _name_with(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """A title the model drew with the person it is with is the title and the person:
    "[coffee with Aisha]" is "[coffee] with [Aisha]" (ANNOTATION.md: "[call] with [the
    landlord]", not "[call with the landlord]", once PERSON exists)."""
    out: list[Slot] = []
    for slot in slots:
        found = NAME_WITH.match(slot.text) if slot.label == "NAME" else None
        who = found["who"].split() if found else []
        if (
            not found
            or any(w.lower() in NOT_SOMEONE - {"the", "my", "our"} for w in who)
            or dates.resolve(found["who"], ref) is not None
        ):
            out.append(slot)
            continue
        out.append(Slot("NAME", found["name"], slot.start, slot.start + found.end("name")))
        out.append(Slot("PERSON", found["who"], slot.start + found.start("who"), slot.end))
    return tuple(out)


def _next_person(text: str, slots: list[Slot], ref: datetime) -> Slot | None:
    """The person listed right after some PERSON, not yet a slot, or None."""
    for person in (s for s in slots if s.label == "PERSON"):
        joined = JOINER.match(text, person.end)
        if joined is None:
            continue
        words = NAME_WORDS.match(text, joined.end())
        if words is None:
            continue
        tokens = words.group().split()
        while tokens and tokens[-1].lower() in NOT_A_NAME:
            tokens.pop()
        if not tokens or tokens[0].lower() in NOT_A_NAME:
            continue
        start = words.start()
        end = text.index(tokens[-1], start) + len(tokens[-1])
        if any(s.start < end and start < s.end for s in slots):
            continue
        if dates.resolve(text[start:end], ref) is not None:
            continue
        return Slot("PERSON", text[start:end], start, end)
    return None


def _invited(intent: str, text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """In an update whose ACTION takes people, the words between it and "to"/"from"/"off"
    the event are people, whatever the model made of them ("add [thandiwe] to the
    marketing sync", "drop [uncle ravi] from the family zoom"); "and" and commas part them."""
    action = next((s for s in slots if s.label == "ACTION"), None) or _opening_verb(text, slots)
    verb = action.text.lower().split()[0] if action is not None and action.text.split() else ""
    if intent != "update" or action is None or verb not in PEOPLE_VERBS:
        return slots
    start = len(text) - len(text[action.end :].lstrip())
    event = re.compile(rf"\s+(?:{PEOPLE_VERBS[verb]})\s", re.IGNORECASE).search(text, start)
    if event is None or event.start() - start > 40 or event.start() <= start:
        return slots
    if CALENDAR.match(text, event.end()):
        return slots  # "add my dinner reservations to my calendar": a new item, not people
    after = next((s for s in slots if s.start >= event.end()), None)
    if (
        after is not None
        and after.label == "DATE"
        and not text[event.end() : after.start].strip()
        and not text[after.end :].startswith(("'s", "’s"))
    ):
        return slots  # "put the dentist on friday": a time, not an event ("to friday's standup")
    inside = [s for s in slots if s.start < event.start() and start < s.end]
    if any(s.label not in ("NAME", "LOCATION", "PERSON") or s.start < start or s.end > event.start() for s in inside):
        return slots
    people = _listed(text, start, event.start())
    if not people:
        return slots
    kept = [_the_event(text, s) if s.label == "PERSON" and s.start == event.end() else s for s in slots]
    return tuple(sorted([*(s for s in kept if s not in inside), *people], key=lambda s: s.start))


OPENING_VERB = re.compile(
    r"^\W*(?:(?:hey|hi|ok|okay|so|please|pls|can you|could you|would you|also|just)\W+)*(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)


def _opening_verb(text: str, slots: tuple[Slot, ...]) -> Slot | None:
    """The people verb a request opens with when the model tagged no ACTION ("Add Kofi, Ama
    and Yaw to Diwali dinner"), as the slot `_invited` reads; never a slot of the parse."""
    found = OPENING_VERB.match(text)
    if found is None or found["verb"].lower() not in PEOPLE_VERBS:
        return None
    if any(s.start < found.end("verb") and found.start("verb") < s.end for s in slots):
        return None
    return Slot("ACTION", found["verb"], found.start("verb"), found.end("verb"))


def _the_event(text: str, slot: Slot) -> Slot:
    """The event a PERSON slot after "to"/"from" really names ("to [the design review]"), as a
    NAME without its article."""
    first, _, rest = slot.text.partition(" ")
    if rest and first.lower() in ("the", "my", "our", "a", "an", "this", "that"):
        start = slot.end - len(rest)
        return Slot("NAME", rest, start, slot.end)
    return Slot("NAME", slot.text, slot.start, slot.end)


def _listed(text: str, start: int, end: int) -> list[Slot]:
    """The people of "A", "A and B", "A, B and C" between `start` and `end`, or [] when a
    piece is no one."""
    out, pos = [], start
    for piece in [*JOINER.split(text[start:end])]:
        at = text.index(piece, pos)
        pos = at + len(piece)
        words = piece.split()
        if not words or len(words) > 3 or words[0].lower() in NOT_SOMEONE - {"my", "the", "our"}:
            return []
        if any(w.lower() in NOT_SOMEONE or "'" in w or "’" in w for w in words[1:]):
            return []
        out.append(Slot("PERSON", piece, at, at + len(piece)))
    return out


def _with_someone(intent: str, text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """After "with" or "w/", one or two words no slot took, up to a time, a place word or
    the end, are a person ("lunch with [takumi] to thursday", "coffee w/ [Paloma]")."""
    if intent in ("", "out_of_scope"):
        return slots
    out = list(slots)
    for found in WITH.finditer(text):
        start = found.end()
        out = [_date_without(text, s, ref) if s.label == "DATE" and s.start == start else s for s in out]
        if any(s.start <= found.start() < s.end or s.start <= start < s.end for s in out):
            continue
        words = list(re.finditer(r"[\w'’.-]+", text[start : start + 40]))[:2]
        for k in range(len(words), 0, -1):
            end = start + words[k - 1].end()
            piece = text[start:end]
            low = [w.lower() for w in piece.split()]
            bounded = BOUNDARY.match(text, end) is not None or any(s.start == _next_word(text, end) for s in out)
            if not bounded or any(w in NOT_SOMEONE | FILLERS or w.isdigit() for w in low):
                continue
            if dates.resolve(piece, ref) is not None:
                continue
            if any(s.start < end and start < s.end for s in out):
                continue
            out = sorted([*out, Slot("PERSON", piece, start, end)], key=lambda s: s.start)
            break
    return tuple(out)


def _date_without(text: str, date: Slot, ref: datetime) -> Slot:
    """A DATE the model ran over the name after "with" ("with [emeka tuesday at two]"), from
    its second word, when that reads as the same time and the first word alone reads as
    none; else the DATE as it is."""
    first = re.match(r"[\w'’.-]+", date.text)
    if first is None or date.value is None or dates.resolve(first.group(), ref) is not None:
        return date
    rest = _next_word(text, date.start + first.end())
    value = dates.resolve(text[rest : date.end], ref) if rest < date.end else None
    if value is None or (value.start, value.end, value.duration) != (
        date.value.start,
        date.value.end,
        date.value.duration,
    ):
        return date
    return Slot("DATE", text[rest : date.end], rest, date.end, value)


def _next_word(text: str, at: int) -> int:
    return at + len(text[at:]) - len(text[at:].lstrip())


def _whole_names(text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """A PERSON with the rest of the name: two PERSONs side by side are one ("[Dr Hamid]
    [Karimi]"), and a capitalised word or two no slot took right after one, or after a
    title, belong to it ("[Hiroshi] Tanaka", "[Ms.] Achterberg")."""
    out: list[Slot] = []
    for slot in slots:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == slot.label == "PERSON"
            and text[prev.end : slot.start] == " "
            and slot.text[:1].isupper()
            and (prev.text[:1].isupper() or prev.text.split()[-1].lower() in TITLES)
        ):
            out[-1] = Slot("PERSON", text[prev.start : slot.end], prev.start, slot.end)
            continue
        out.append(slot)
    return tuple(_longer(text, s, out) if s.label == "PERSON" else s for s in out)


def _longer(text: str, person: Slot, slots: list[Slot]) -> Slot:
    end = person.end
    for _ in range(2):
        nxt = CAPITALISED.match(text, end)
        last = text[person.start : end].split()[-1].lower()
        if nxt is None and last in TITLES:
            nxt = re.compile(r"\s([\w'’-]+)").match(text, end)
        if (
            nxt is None
            or nxt.group(1).lower() in NOT_SOMEONE
            or any(s.start < nxt.end() and end < s.end for s in slots)
        ):
            break
        if not (person.text[:1].isupper() or last in TITLES):
            break
        end = nxt.end()
    return person if end == person.end else Slot("PERSON", text[person.start : end], person.start, end)
