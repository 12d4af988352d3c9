"""Text to tokens: one pass of regexes that make typed and spoken forms look alike.

"Six P.M.", "6pm" and "six p m" all become [6, "pm"]; "tomorrow's" becomes "tomorrow";
spelled-out numbers become number tokens ("twenty first" -> 21, ordinal).
"""

from __future__ import annotations

import re

from nlu.dates.lexicon import ALIASES
from nlu.dates.numbers import NUMBER_WORDS, UNITS, read_number

MAX_CHARS = 300  # a DATE phrase is short; longer text is not one and is refused quickly

_CLOCK = re.compile(r"\bo\s*'?\s*clock\b")
_AMPM = re.compile(r"(?<![a-z])([ap])\s*\.?\s*m\b\.?")
_POSSESSIVE = re.compile(r"(?<=[a-z])'s\b")
_IN_THE_AMPM = re.compile(r"\bin the ([ap])\.?m\b\.?")  # "3 in the am"
_AMPM_LETTER = re.compile(r"(?<=\d)([ap])\b(?!\.?\s*m\b)")  # "3p", "9:30a"
_ISH = re.compile(r"\b([a-z]+|\d+)ish\b")  # "3ish", "noonish"
_WORD_HYPHEN = re.compile(r"\b([a-z]+)-(?=([a-z]+))")  # "twenty-first", "mid-december"; not "mon-fri"
_TEXTING = re.compile(r"\b2(moro+w?|mor+ow|mrw|day|nite|night)\b")  # "2moro", "2nite"
_TEXTED = {"day": "today", "nite": "tonight", "night": "tonight"}
_MID_COMPOUND = re.compile(r"\bmid(?!night|day|dle|st\b)(?=[a-z]{3,})")  # "midweek", "midmarch"; not "midnight"
_DAY_MONTH_DASHES = re.compile(r"\b(\d{1,2})-([a-z]{3,9})-(\d{2}|\d{4})\b")  # "14-Apr-2027"
_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}(?:[a-z]\b\.?)?")  # "a.s.a.p.", "e.o.d": one word
_PRIME_MINUTES = re.compile(r"(?<=\d)\s*['\u2032](?![a-z0-9])")  # "in 20'": minutes
_SHORT_YEAR = re.compile(r"(?<![\w'])'(\d{2})(?![\w'])")  # "Dec '26", "Q2 '27"
# "15-min", "2-hr", "30-minute", "3-day": a count and its unit, not "15" then a range dash.
_COUNT_UNIT_HYPHEN = re.compile(
    r"(?<=\d)-(?=(?:h|hrs?|hours?|mins?|minutes?|secs?|seconds?|days?|wks?|weeks?|months?|yrs?|years?)\b)"
)
_UNIT_AHEAD = r"(?=\s*(?:of\s+)?(?:an?\s+)?(?:h|hrs?|hours?|mins?|minutes?|secs?|seconds?|days?|wks?|weeks?|months?|yrs?|years?)\b)"
_TOKEN = re.compile(
    r"(?P<isoweek>\d{4}-?w\d{1,2})(?![\d-])"
    r"|(?P<iso>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?!\d)"
    r"|(?P<ym>\d{4}[-/.]\d{1,2})(?![\d/.-])"
    r"|(?P<ymd8>(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?![\d])"
    r"|(?P<dmy>\d{1,2}\.\d{1,2}\.\d{2,4})(?![\d.])"
    r"|(?P<mdy>\d{1,2}-\d{1,2}-\d{2,4})(?![\d-])"
    r"|(?P<my>\d{1,2}[/-]\d{4})(?![\d/-])"
    r"|(?P<frac>\d{1,2}/\d{1,2})" + _UNIT_AHEAD + r"|(?P<slash>\d{1,2}/\d{1,2}(?:/\d{2,4})?)(?![\d/])"
    r"|(?P<hm>\d{1,2}[:.]\d{2}(?::\d{2})?)(?![\d.:])"
    r"|(?P<hform>\d{1,2}h\d{2}|\d{1,4}h)(?![a-z\d])"
    r"|(?P<decade>(?:1[89]|20)?\d0)'?s(?![a-z])"
    r"|(?P<dec>\d{1,3}\.\d)(?![\d.])"
    r"|(?P<ord>\d{1,2})(?:st|nd|rd|th)(?![a-z])"
    r"|(?P<num>\d+)"
    r"|(?P<word>[a-z]+)"
    r"|(?P<dash>[-\u2013\u2014~])"
)


class Tok:
    """One token: kind is "w" (word), "n" (number), "dec" (a decimal or fraction), "hm" (clock
    time), "ymd" (a date in ISO order, day 0 for a month), "mdy" / "dmy" (numeric day and
    month as written), "isoweek", "decade" or "-"."""

    __slots__ = ("digits", "kind", "ordinal", "text", "val")

    def __init__(self, kind: str, text: str, val=None, ordinal: bool = False, digits: int = 0) -> None:
        self.kind, self.text, self.val, self.ordinal, self.digits = kind, text, val, ordinal, digits

    def __repr__(self) -> str:
        return f"{self.kind}:{self.text}" + (f"={self.val}" if self.kind != "w" else "")


def normalise(text: str) -> str:
    """Lowercase text with am/pm, o'clock and possessives in one spelling."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    # each rewrite only runs when its cue is in the text: most phrases need two of them
    if "." in text:
        text = _ACRONYM.sub(_acronym, text)
    if "@" in text:
        text = text.replace("@", " at ")
    if "2m" in text or "2n" in text or "2d" in text:
        text = _TEXTING.sub(lambda m: " " + _TEXTED.get(m.group(1), "tomorrow") + " ", text)
    if "mid" in text:
        text = _MID_COMPOUND.sub("mid ", text)
    if "w/c" in text:
        text = text.replace("w/c", "week commencing")
    if "w/e" in text:
        text = text.replace("w/e", "weekend")
    if "'" in text or "\u2032" in text:
        text = _SHORT_YEAR.sub(lambda m: f" {full_year(int(m.group(1)))} ", _PRIME_MINUTES.sub(" min ", text))
    if "clock" in text:
        text = _CLOCK.sub(" oclock ", text)
    if "in the" in text:
        text = _IN_THE_AMPM.sub(r" \1m", text)
    text = _AMPM_LETTER.sub(r" \1m", text)
    if "ish" in text:
        text = _ISH.sub(_ish, text)
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
    if "-" in text:
        text = _COUNT_UNIT_HYPHEN.sub(" ", text)
        text = _DAY_MONTH_DASHES.sub(r"\1 \2 \3", text.replace("-to-", " to "))
        text = _WORD_HYPHEN.sub(_hyphen, text).replace("mid-", "mid ")
    return _AMPM.sub(r" \1m ", text)


def _acronym(match: re.Match) -> str:
    """ "a.s.a.p." -> "asap"; the letters of a dotted abbreviation as one word."""
    return match.group(0).replace(".", "") + " "


def full_year(yy: int) -> int:
    """A two-digit year as a full one, with the POSIX pivot: 69-99 are 1969-1999, 00-68 are 20xx."""
    return yy + (1900 if yy >= 69 else 2000)


def _ish(match: re.Match) -> str:
    """ "3ish", "fiveish", "noonish" drop the -ish; other words ending in -ish stay."""
    base = match.group(1)
    if base.isdigit() or base in NUMBER_WORDS or base in ("noon", "midnight", "five", "nine"):
        return base
    return match.group(0)


def _hyphen(match: re.Match) -> str:
    """A hyphen inside a compound word is a space; between names ("mon-fri") it means "to"."""
    left, right = match.group(1), match.group(2)
    if left + right == "weekend":
        return left
    if left in NUMBER_WORDS or right in NUMBER_WORDS or left in ("mid", "end", "o", "x"):
        return left + " "
    return left + " - "


def tokenize(text: str) -> list[Tok]:
    """The tokens of `text` (empty for text that is too long to be a date phrase)."""
    if len(text) > MAX_CHARS:
        return []
    raw = [_raw_token(m) for m in _TOKEN.finditer(normalise(text))]
    return _numbers(raw)


def _raw_token(match: re.Match) -> Tok:
    kind, text = match.lastgroup, match.group()
    if kind in _DATE_FORMS:
        return _DATE_FORMS[kind](text)
    if kind == "hm":
        parts = [int(x) for x in re.split(r"[:.]", text)]
        return Tok("hm", text, (parts[0], parts[1], parts[2] if len(parts) > 2 else 0))
    if kind == "hform":  # French/military "14h30", "9h", "2130h": a 24-hour time (or "in 1h30": hours)
        digits, _, minutes = text.partition("h")
        hour, minute = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), int(minutes or 0))
        return Tok("hm", text, (hour, minute, 0))
    if kind == "frac":  # "1/2 hour", "3/4 of an hour": a decimal amount
        top, bottom = (int(x) for x in text.split("/"))
        return Tok("dec", text, top / bottom) if bottom else Tok("n", text, top)
    if kind == "decade":  # "the 1990s", "the 90s"
        year = int(match.group("decade"))
        return Tok("decade", text, year if year >= 100 else (1900 + year if year >= 30 else 2000 + year))
    if kind == "dec":
        return Tok("dec", text, float(text))
    if kind == "ord":
        return Tok("n", text, int(match.group("ord")), ordinal=True, digits=len(match.group("ord")))
    if kind == "num":
        return Tok("n", text, int(text), digits=len(text))
    if kind == "dash":
        return Tok("-", "-")
    return Tok("w", ALIASES.get(text, text))


def _ymd(text: str) -> Tok:
    y, m, d = (int(x) for x in re.split(r"[-/.]", text))
    return Tok("ymd", text, (y, m, d))


def _year_month(text: str) -> Tok:
    """2027-05, 2027/05, 2027.05 (ISO order) and 05/2027, 05-2027: a month, day 0."""
    a, b = (int(x) for x in re.split(r"[-/.]", text))
    return Tok("ymd", text, (a, b, 0) if a > 99 else (b, a, 0))


def _compact(text: str) -> Tok:
    """20270815 (ISO basic format)."""
    return Tok("ymd", text, (int(text[:4]), int(text[4:6]), int(text[6:])))


def _numeric(text: str) -> Tok:
    """Day and month in the order written, (year, first, second): "dmy" for 27.11.2026 (dots
    are written day first), "mdy" for 11-27-2026 and 7/18(/27), month first unless the
    day-first policy or a number over 12 says otherwise (rules_dates.typed_date). A missing
    year is None; two-digit years get the POSIX pivot."""
    parts = [int(x) for x in re.split(r"[-./]", text)]
    year = parts[2] if len(parts) == 3 else None
    if year is not None and year < 100:
        year = full_year(year)
    return Tok("dmy" if "." in text else "mdy", text, (year, parts[0], parts[1]))


def _iso_week(text: str) -> Tok:
    year, week = text.replace("-", "").split("w")
    return Tok("isoweek", text, (int(year), int(week)))


_DATE_FORMS = {
    "iso": _ymd,
    "ym": _year_month,
    "my": _year_month,
    "ymd8": _compact,
    "dmy": _numeric,
    "mdy": _numeric,
    "slash": _numeric,
    "isoweek": _iso_week,
}


def _numbers(raw: list[Tok]) -> list[Tok]:
    """Spoken numbers (a run of number words) to number tokens; "oh five" to a padded 5."""
    out: list[Tok] = []
    i = 0
    while i < len(raw):
        tok = raw[i]
        if tok.kind == "w" and tok.text in NUMBER_WORDS:
            j = i
            while j < len(raw) and raw[j].kind == "w" and (raw[j].text in NUMBER_WORDS or raw[j].text == "and"):
                j += 1
            words = [t.text for t in raw[i:j]]
            got = read_number(words, 0)
            if got:
                value, ordinal, used = got
                out.append(Tok("n", " ".join(words[:used]), value, ordinal=ordinal))
                i += used
                continue
        if tok.kind == "w" and tok.text in ("oh", "o") and i + 1 < len(raw) and 0 < UNITS.get(raw[i + 1].text, 0) < 10:
            out.append(Tok("n", "0" + str(UNITS[raw[i + 1].text]), UNITS[raw[i + 1].text], digits=2))
            i += 2
            continue
        out.append(tok)
        i += 1
    return out
