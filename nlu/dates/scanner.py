"""The scan state every grammar rule works on, and the small word tables the rules share.

A rule is a function (scan, i) -> int: it looks at the tokens from position i and, when it
recognises something, appends pieces to `scan.out` and returns the position after it;
otherwise it returns i unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from nlu.dates.calendar import Context
from nlu.dates.pieces import Piece
from nlu.dates.tokens import Tok

# words before a day or period and the reading they ask for
MODIFIERS = {
    "this": "this",
    "current": "this",
    "coming": "coming",
    "upcoming": "coming",
    "next": "next",
    "following": "next",
    "last": "last",
    "past": "last",
    "previous": "last",
    "prior": "last",
}
# words that relate pieces, by the relation they stand for
CONNECTORS = {
    "to": "to",
    "till": "until",
    "til": "until",
    "until": "until",
    "through": "to",
    "thru": "to",
    "and": "and",
    "from": "from",
    "between": "between",
    "by": "by",
    "before": "before",
    "after": "after",
    "since": "from",
    "ago": "ago",
    "later": "later",
    "hence": "later",
    "in": "in",
    "within": "within",
    "for": "for",
    "every": "every",
    "each": "every",
    "other": "other",
    "alternate": "other",
    "over": "in",
    "into": "in",
    "upto": "until",
    "except": "except",
    "excluding": "except",
}


class Scan:
    """The state of one scan: tokens, context, pieces found, unknown words seen.

    `word(i)` / `num(i)` look tokens up in lists padded with None on the right, so rules can
    peek ahead (and at i - 1 from the start) without bounds checks.
    """

    __slots__ = ("_nums", "_words", "ctx", "out", "toks", "unknown")
    PAD = 16

    def __init__(self, toks: list[Tok], ctx: Context) -> None:
        self.toks, self.ctx, self.unknown = toks, ctx, 0
        self.out: list[Piece] = []
        self._words: list[str | None] = [t.text if t.kind == "w" else None for t in toks] + [None] * self.PAD
        self._nums: list[Tok | None] = [t if t.kind == "n" else None for t in toks] + [None] * self.PAD

    def word(self, i: int) -> str | None:
        return self._words[i] if i < len(self._words) else None

    def key(self, i: int) -> str:
        """`word(i)` to look up in a word table: "" where there is no word (no table has that key)."""
        return self.word(i) or ""

    def text(self, i: int) -> str | None:
        """The token's text whatever its kind ("second" is a number token, ordinal 2)."""
        return self.toks[i].text if 0 <= i < len(self.toks) else None

    def num(self, i: int) -> Tok | None:
        return self._nums[i] if i < len(self._nums) else None

    def skip(self, i: int, *words: str) -> int:
        """i moved past any of these optional words."""
        while self.word(i) in words:
            i += 1
        return i


Rule = Callable[[Scan, int], int]
