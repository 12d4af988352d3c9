"""Fuzzy matching of a heard title against stored ones, tolerant of transcription slips.

"brain storming session" must find "team brainstorming session"; "the AI event" must find
"AI". Scores are in [0, 1] from difflib on three views of the text: with spaces, without
spaces (ASR splits and joins words), and as token sets (word order and extra words).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

# Words that say what kind of thing it is rather than which one.
GENERIC = frozenset(
    {
        "the",
        "a",
        "an",
        "my",
        "our",
        "event",
        "events",
        "calendar",
        "entry",
        "one",
        "thing",
        "on",
        "for",
        "about",
        "of",
        "to",
        "uh",
        "um",
    }
)
MATCH = 0.75  # at or above: a candidate the user may mean
CLOSE = 0.6  # at or above: worth offering when nothing matches
SAME_WORD = 0.8  # two words this alike are one word misheard or misspelt ("competitons")


def norm(text: str) -> str:
    """Lowercase words, punctuation dropped."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def token_set(a: str, b: str) -> float:
    """rapidfuzz-style token-set ratio: shared words count fully, the rest are compared."""
    ta, tb = set(a.split()), set(b.split())
    common = " ".join(sorted(ta & tb))
    rest_a = " ".join(sorted(ta - tb))
    rest_b = " ".join(sorted(tb - ta))
    full_a = f"{common} {rest_a}".strip()
    full_b = f"{common} {rest_b}".strip()
    scores = [_ratio(full_a, full_b)]
    if common:
        scores += [_ratio(common, full_a), _ratio(common, full_b)]
    return max(scores)


def score(heard: str, stored: str) -> float:
    """How well a heard title names a stored one (1.0: the same words)."""
    a, b = norm(heard), norm(stored)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a.replace(" ", "") == b.replace(" ", ""):  # "a i" / "AI", "brain storming" / "brainstorming"
        return 0.97
    core_a = " ".join(w for w in a.split() if w not in GENERIC) or a
    core_b = " ".join(w for w in b.split() if w not in GENERIC) or b
    if core_a == core_b:
        return 0.97
    if min(len(core_a), len(core_b)) <= 3:  # "AI" vs "Aim": too short to be a slip of the ear
        return 0.0 if core_a not in core_b.split() else 0.9
    squashed = _ratio(core_a.replace(" ", ""), core_b.replace(" ", ""))
    contained = 0.9 if (core_a.replace(" ", "") in core_b.replace(" ", "") and len(core_a) >= 3) else 0.0
    best = max(_ratio(a, b), squashed, contained, 0.95 * token_set(core_a, core_b), 0.9 * words(core_a, core_b))
    if best >= MATCH and rivals(core_a.split(), core_b.split()):
        return CLOSE  # only offered, with a question: never acted on as the same event
    return best


def rivals(heard: list[str], stored: list[str]) -> bool:
    """Whether each title has a word of its own that is no slip of the other's: "john's
    birthday" and "mom's birthday", "marketing meeting" and "team meeting", "lunch with priya"
    and "lunch with sara" name different events, however alike their letters."""
    return bool(_own_words(heard, stored)) and bool(_own_words(stored, heard))


def distinct(heard: str, stored: str) -> bool:
    """Whether two titles surely name different events: each has a content word of its own
    (they share none, or they are `rivals`: "mary's birthday" and "mom's birthday"). A title
    of generic words only ("the event") may be anything, so it is distinct from nothing."""
    core_a = [w for w in norm(heard).split() if w not in GENERIC and len(w) > 1]  # "mary's": "mary", not "s"
    core_b = [w for w in norm(stored).split() if w not in GENERIC and len(w) > 1]
    return bool(core_a) and bool(core_b) and rivals(core_a, core_b)


def _own_words(side: list[str], other: list[str]) -> list[str]:
    """Words of `side` that no word of `other` matches: equal, misspelt (SAME_WORD) or split
    and joined by a recognizer ("brain storming" / "brainstorming")."""
    return [
        w
        for w in side
        if len(w) > 1
        and not any(w == o or _ratio(w, o) >= SAME_WORD or (len(w) >= 3 and (w in o or o in w)) for o in other)
    ]


def words(heard: str, stored: str) -> float:
    """How well each heard word is matched by some stored word, on average ("dentistry" ~
    "dentist", "competitons" ~ "competitions")."""
    said, kept = heard.split(), stored.split()
    return sum(max(_ratio(w, k) for k in kept) for w in said) / len(said) if said and kept else 0.0
