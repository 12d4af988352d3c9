"""PERSON spans decided by rule after the model: people said together are all people.

The model finds the first of "Jim and Priyanka" and often misses a name it has not seen
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


def conventions(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with the people listed after a PERSON added as PERSONs."""
    out = list(slots)
    for _ in range(MAX_PEOPLE):
        added = _next_person(text, out, ref)
        if added is None:
            break
        out = sorted([*out, added], key=lambda s: s.start)
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
