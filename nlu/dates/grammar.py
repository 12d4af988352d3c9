"""Tokens to pieces: a left-to-right scan that tries each rule at each position.

Every rule looks at the tokens from position i and, when it recognises something, appends
pieces and returns the position after it (or returns i). Words no rule wants are skipped:
fillers ("uh", "the", "at") silently, other words counted as unknown.
"""
from __future__ import annotations

from nlu.dates.calendar import Context
from nlu.dates.lexicon import FILLERS
from nlu.dates.rules_amounts import bare_number, connector, duration, every
from nlu.dates.rules_dates import boundary, day_first, month_first, nth_of, ordinal_day, typed_date
from nlu.dates.rules_days import holiday, relative_day, weekday
from nlu.dates.rules_periods import period, span_of_units
from nlu.dates.rules_times import clock, part_of_day, past_to, zone_word
from nlu.dates.scanner import Rule, Scan
from nlu.dates.tokens import Tok

# order matters: longer, more specific readings first ("day after tomorrow" before "day")
RULES: tuple[Rule, ...] = (
    holiday, relative_day, nth_of, boundary, span_of_units, typed_date, month_first, day_first,
    weekday, period, past_to, clock, zone_word, part_of_day, ordinal_day, duration, every, connector,
    bare_number,
)


def scan(toks: list[Tok], ctx: Context) -> Scan:
    """Run the rules over the tokens; the result holds the pieces and the unknown count."""
    s = Scan(toks, ctx)
    i = 0
    while i < len(toks):
        for rule in RULES:
            j = rule(s, i)
            if j > i:
                i = j
                break
        else:
            if s.word(i) not in FILLERS:
                s.unknown += 1
            i += 1
    return s
