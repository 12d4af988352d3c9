"""The scan state every grammar rule works on, and the small word tables the rules share.

A rule is a function (scan, i) -> int: it looks at the tokens from position i and, when it
recognises something, appends pieces to `scan.out` and returns the position after it;
otherwise it returns i unchanged.
"""
from __future__ import annotations

from collections.abc import Callable

from nlu.dates.calendar import Context
from nlu.dates.tokens import Tok

# words before a day or period and the reading they ask for
MODIFIERS = {
    "this": "this", "current": "this", "coming": "coming", "upcoming": "coming", "next": "next",
    "following": "next", "last": "last", "past": "last", "previous": "last", "prior": "last",
}
# words that relate pieces, by the relation they stand for
CONNECTORS = {
    "to": "to", "till": "until", "til": "until", "until": "until", "through": "to", "thru": "to",
    "and": "and", "from": "from", "between": "between", "by": "by", "before": "before",
    "after": "after", "since": "from", "ago": "ago", "later": "later", "hence": "later",
    "in": "in", "within": "within", "for": "for", "every": "every", "each": "every",
    "other": "other", "alternate": "other", "over": "in", "into": "in", "upto": "until",
}


class Scan:
    """The state of one scan: tokens, context, pieces found, unknown words seen."""

    __slots__ = ("toks", "ctx", "out", "unknown")

    def __init__(self, toks: list[Tok], ctx: Context) -> None:
        self.toks, self.ctx, self.out, self.unknown = toks, ctx, [], 0

    def word(self, i: int) -> str | None:
        if i < len(self.toks) and self.toks[i].kind == "w":
            return self.toks[i].text
        return None

    def num(self, i: int) -> Tok | None:
        if i < len(self.toks) and self.toks[i].kind == "n":
            return self.toks[i]
        return None

    def skip(self, i: int, *words: str) -> int:
        """i moved past any of these optional words."""
        while self.word(i) in words:
            i += 1
        return i



Rule = Callable[[Scan, int], int]
