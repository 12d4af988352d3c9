"""The spoken form of a typed command, piece by piece, the way a speech-to-text step writes it.

"Schedule Pongal celebration on June 20, 2023 at 4:30 PM" becomes
"schedule pongal celebration on june twentieth twenty twenty three at four thirty p m":
lowercase, punctuation gone (apostrophes kept, as SLURP keeps them), numbers as words, times
and dates read out. Each piece is rewritten on its own, so spans stay on their words.
"""

from __future__ import annotations

import random
import re

from nlu.corpus.segments import Piece, Pieces

ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORDINAL_ONES = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
ORDINAL_TENS = [
    "_",
    "_",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
]
MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def cardinal(n: int) -> str:
    """0..9999 in words, as people say them ("forty five", "three hundred and ten")."""
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + (" " + ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return ONES[hundreds] + " hundred" + (" and " + cardinal(rest) if rest else "")
    thousands, rest = divmod(n, 1000)
    return cardinal(thousands) + " thousand" + (" " + cardinal(rest) if rest else "")


def ordinal(n: int) -> str:
    """1..99 as an ordinal word ("twenty first"); larger ones as "<number>th"."""
    if n >= 100:
        return cardinal(n) + "th"
    if n < 20:
        return ORDINAL_ONES[n]
    tens, ones = divmod(n, 10)
    return ORDINAL_TENS[tens] if not ones else TENS[tens] + " " + ORDINAL_ONES[ones]


def year(n: int, rng: random.Random | None = None) -> str:
    """A year as read aloud: 2023 -> "twenty twenty three" (or "two thousand and twenty three"), 2005 -> "two thousand five"."""
    if rng is not None and 2010 <= n < 2100 and rng.random() < 0.3:
        return "two thousand " + rng.choice(("and ", "")) + cardinal(n - 2000)
    hi, lo = divmod(n, 100)
    if lo == 0:
        return cardinal(hi) + " hundred" if hi % 10 else cardinal(n)
    if 2000 <= n < 2010:
        return cardinal(n)
    return cardinal(hi) + " " + (("oh " + ONES[lo]) if lo < 10 else cardinal(lo))


def clock(hour: int, minute: int, rng: random.Random) -> str:
    """ "4:30" -> "four thirty", "9:05" -> "nine oh five", "10:00" -> "ten" or "ten o'clock"."""
    if minute == 0 and hour > 12:
        return cardinal(hour) + rng.choice((" hundred", " hundred hours"))
    if minute == 0:
        return cardinal(hour) + rng.choice(("", "", " o'clock", " o clock"))
    if minute < 10:
        return f"{cardinal(hour)} oh {ONES[minute]}"
    return f"{cardinal(hour)} {cardinal(minute)}"


def meridiem(text: str, rng: random.Random) -> str:
    """ "pm", "p.m.", "PM" spoken: "pm" or the letter-by-letter "p m" ASR often writes."""
    letter = text.strip(". ").lower()[0]
    return rng.choice((f"{letter}m", f"{letter}m", f"{letter} m"))


_TIME = re.compile(r"\b(\d{1,2}):(\d{2})(?:\s*([ap]\.?\s?m\.?))?", re.I)
_HOUR_MERIDIEM = re.compile(r"\b(\d{1,2})\s*([ap]\.?\s?m\b\.?)", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b")
_ORD = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b", re.I)
_MONTH_DAY = re.compile(
    r"\b(" + "|".join(MONTH_NAMES) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+(\d{1,2})\b", re.I
)
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(?=(" + "|".join(MONTH_NAMES) + r")\b)", re.I)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_RANGE = re.compile(r"\b(\d{1,2})\s*-\s*(\d{1,2})(?!\d)")
_NUMBER = re.compile(r"\d+")
_MIXED = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", re.I)  # "B2B", "Q3", "4B", "5k"
_PUNCT = re.compile(r"[^\w\s']")


def _month(m: int) -> str:
    return MONTH_NAMES[m - 1] if 1 <= m <= 12 else cardinal(m)


def say_numbers(text: str, rng: random.Random) -> str:
    """Digits to the words a transcript would carry, dates and times first."""
    text = _ISO.sub(lambda m: f"{_month(int(m[2]))} {ordinal(int(m[3]))} {year(int(m[1]), rng)}", text)
    text = _TIME.sub(lambda m: clock(int(m[1]), int(m[2]), rng) + (" " + meridiem(m[3], rng) if m[3] else ""), text)
    text = _RANGE.sub(lambda m: f"{cardinal(int(m[1]))} to {cardinal(int(m[2]))} ", text)
    text = _HOUR_MERIDIEM.sub(lambda m: cardinal(int(m[1])) + " " + meridiem(m[2], rng), text)
    text = _SLASH.sub(lambda m: f"{_month(int(m[1]))} {ordinal(int(m[2]))}" if int(m[2]) <= 31 else m[0], text)
    text = _ORD.sub(lambda m: ordinal(int(m[1])), text)
    text = _MONTH_DAY.sub(
        lambda m: (
            f"{m[1]} {ordinal(int(m[2])) if int(m[2]) <= 31 else cardinal(int(m[2]))}"
            if rng.random() < 0.8
            else f"{m[1]} {cardinal(int(m[2]))}"
        ),
        text,
    )
    text = _DAY_MONTH.sub(
        lambda m: ("the " if rng.random() < 0.5 else "") + ordinal(int(m[1])) + " of " if int(m[1]) <= 31 else m[0],
        text,
    )
    text = _YEAR.sub(lambda m: year(int(m[1]), rng), text)
    text = _MIXED.sub(" ", text)
    text = _RANGE.sub(lambda m: f"{cardinal(int(m[1]))} to {cardinal(int(m[2]))}", text)
    return _NUMBER.sub(lambda m: cardinal(int(m[0])) if len(m[0]) <= 4 else " ".join(ONES[int(d)] for d in m[0]), text)


def speak(text: str, rng: random.Random) -> str:
    """One piece as a transcript: numbers read out, lowercase, punctuation gone."""
    text = say_numbers(text.replace("&", " and "), rng).lower()
    text = text.replace("o'clock", "o'clock" if rng.random() < 0.5 else "o clock")
    text = _PUNCT.sub(" ", text.replace("-", " "))
    text = re.sub(r"(?<!\w)'(?!s\b)|'(?!\w)", " ", text)  # quotes go, a possessive "'s" stays
    if rng.random() < 0.08:
        text = re.sub(
            r"(?<=\w)'", "", text
        )  # ASR slip: "whats", "moms birthday" (a piece's leading "'s" stays on its word)
    return re.sub(r"\s+", " ", text)


def speechify(pieces: Pieces, rng: random.Random) -> Pieces:
    """The spoken twin of a typed command: every piece read out, labels untouched."""
    out = []
    for piece in pieces:
        spoken = speak(piece.text, rng)
        if piece.label is not None:
            spoken = spoken.strip()
            if not spoken:
                continue
        out.append(Piece(spoken, piece.label, piece.role))
    return out


FILLERS = ("uh", "um", "uh", "um", "er", "hmm", "okay", "so", "oh", "well", "like")


def add_fillers(pieces: Pieces, rng: random.Random, rate: float = 0.25) -> Pieces:
    """Hesitations a transcript keeps: "uh" at the start or between pieces, never inside a slot."""
    out: Pieces = []
    if rng.random() < rate:
        out.append(Piece(rng.choice(FILLERS) + " "))
    for i, piece in enumerate(pieces):
        if i and rng.random() < rate / 5 and not piece.text.startswith("'"):  # never "tomorrow uh 's"
            out.append(Piece(" " + rng.choice(FILLERS[:4]) + " "))
        out.append(piece)
    return out
