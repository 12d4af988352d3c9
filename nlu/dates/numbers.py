"""Spoken numbers to integers: "twenty first" -> 21 (ordinal), "twenty three hundred" -> 2300.

ASR transcripts spell every number out, and times are read digit-group by digit-group
("eleven forty five" is 11 and 45, not 56), so a number stops where a spoken time would
start a new group: after a unit or teen, a following tens word begins a new number.
"""

from __future__ import annotations

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twelveth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(ORDINALS) | {"hundred", "thousand"}


def read_number(words: list[str], i: int) -> tuple[int, bool, int] | None:
    """The spoken number starting at words[i]: (value, is_ordinal, index after it), or None."""
    value, i2, ordinal = _below_hundred(words, i)
    if i2 == i:
        return None
    if ordinal:
        return value, True, i2
    if i2 < len(words) and words[i2] == "thousand":
        rest = _after_multiplier(words, i2 + 1)
        return (value * 1000 + rest[0], rest[1], rest[2]) if rest else (value * 1000, False, i2 + 1)
    if i2 < len(words) and words[i2] == "hundred":
        rest = _after_multiplier(words, i2 + 1, limit=100)
        return (value * 100 + rest[0], rest[1], rest[2]) if rest else (value * 100, False, i2 + 1)
    return value, False, i2


def _after_multiplier(words: list[str], i: int, limit: int = 1000) -> tuple[int, bool, int] | None:
    """What follows "hundred"/"thousand": an optional "and" then a smaller number."""
    j = i + 1 if i < len(words) and words[i] == "and" else i
    if j >= len(words):
        return None
    if limit == 1000:
        inner = read_number(words, j)
        if inner and inner[0] < 1000:
            return inner
        return None
    value, j2, ordinal = _below_hundred(words, j)
    return (value, ordinal, j2) if j2 > j else None


def _below_hundred(words: list[str], i: int) -> tuple[int, int, bool]:
    """A number below 100 at words[i]: (value, index after, ordinal); index == i if none."""
    if i >= len(words):
        return 0, i, False
    word = words[i]
    if word in ORDINALS:
        return ORDINALS[word], i + 1, True
    if word in UNITS:
        return UNITS[word], i + 1, False
    if word in TENS:
        tens = TENS[word]
        if i + 1 < len(words):
            nxt = words[i + 1]
            if nxt in ORDINALS and ORDINALS[nxt] < 10:
                return tens + ORDINALS[nxt], i + 2, True
            if nxt in UNITS and 0 < UNITS[nxt] < 10:
                return tens + UNITS[nxt], i + 2, False
        return tens, i + 1, False
    return 0, i, False
