"""Misspelt date words ("wednsday", "febuary", "thrusday", "immediatly") read as meant.

A word the grammar does not know, of five letters or more, is replaced by the one date word
it is closest to when they share the first letter and differ by one edit (two for words of
eight letters or more; an edit is an insertion, deletion, substitution or swap of two
neighbouring letters). A tie between two date words leaves the word alone. Lookup goes
through an index of the date words with one or two letters deleted (the symmetric-delete
method), so an unknown word costs a few dictionary lookups, not a scan of the vocabulary.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

from nlu.dates import holidays
from nlu.dates.grammar import TRIGGERS
from nlu.dates.lexicon import (
    ALIASES,
    FILLERS,
    FREQUENCIES,
    MONTHS,
    NOW_PHRASES,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
    WEEKDAYS_PLURAL,
    ZONE_WORDS,
)
from nlu.dates.numbers import NUMBER_WORDS
from nlu.dates.rules_days import RELATIVE_DAYS
from nlu.dates.scanner import CONNECTORS, MODIFIERS
from nlu.dates.tokens import Tok

MIN_LENGTH = 5
# ordinary words one letter away from a date word, which are meant as themselves
NOT_TYPOS = frozenset({"winner", "winners", "sunny", "summit", "mourning", "marcher", "daily", "dinners"})
# the date words a typo is corrected to
TARGETS = frozenset(
    w
    for w in (
        *MONTHS,
        *WEEKDAYS,
        *WEEKDAYS_PLURAL,
        *UNITS,
        *PARTS_OF_DAY,
        *SEASONS,
        *FREQUENCIES,
        *NUMBER_WORDS,
        *(w for n in holidays.NAMES for w in n),
        *(w for p in RELATIVE_DAYS for w in p),
        *(w for p in NOW_PHRASES for w in p),
        "weekend",
        "weekends",
        "weekday",
        "weekdays",
        "quarter",
        "midnight",
        "fortnight",
        "following",
        "previous",
        "upcoming",
        "beginning",
        "between",
        "until",
    )
    if len(w) >= MIN_LENGTH and w.isalpha()
)
# every word the grammar reads: never "corrected"
KNOWN = (
    TARGETS
    | FILLERS
    | frozenset(ALIASES)
    | frozenset(CONNECTORS)
    | frozenset(MODIFIERS)
    | frozenset(w for words, _kinds in TRIGGERS.values() for w in words)
    | frozenset(ZONE_WORDS)
)


def _deletes(word: str, most: int) -> set[str]:
    """`word` with up to `most` letters taken out (itself included)."""
    out = {word}
    for k in range(1, most + 1):
        out |= {"".join(c for n, c in enumerate(word) if n not in gone) for gone in combinations(range(len(word)), k)}
    return out


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    """Each date word under each of its one- and two-letter deletions (built on first use:
    most phrases have no unknown long word, and start-up time counts for the CLI)."""
    index: dict[str, set[str]] = {}
    for target in TARGETS:
        for key in _deletes(target, 2):
            index.setdefault(key, set()).add(target)
    return {key: frozenset(found) for key, found in index.items()}


def distance(a: str, b: str) -> int:
    """Edits between two words: insertions, deletions, substitutions and swaps of neighbours."""
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        prev2, prev = prev, row
    return prev[-1]


@lru_cache(maxsize=4096)
def correct(word: str) -> str | None:
    """The date word `word` is a misspelling of, or None."""
    if len(word) < MIN_LENGTH or word in KNOWN or word in NOT_TYPOS or not word.isalpha():
        return None
    allowed = 2 if len(word) >= 8 else 1
    index = _index()
    candidates = {
        t
        for key in _deletes(word, allowed)
        for t in index.get(key, ())
        if t[0] == word[0] and abs(len(t) - len(word)) <= allowed
    }
    scored = sorted((d, t) for t in candidates for d in [distance(word, t)] if d <= allowed)
    best = [t for d, t in scored if d == scored[0][0]] if scored else []
    if len({UNITS.get(t, t) for t in best}) != 1:  # none, or a tie between words that differ
        return None
    return best[0]


def corrected(toks: list[Tok]) -> list[Tok]:
    """The tokens with misspelt date words replaced (the list itself when none is)."""
    fixes = {k: fix for k, t in enumerate(toks) if t.kind == "w" for fix in [correct(t.text)] if fix}
    if not fixes:
        return toks
    return [Tok("w", fixes[k]) if k in fixes else t for k, t in enumerate(toks)]
