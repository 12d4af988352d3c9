"""Tokens to pieces: a left-to-right scan that tries each rule at each position.

Every rule looks at the tokens from position i and, when it recognises something, appends
pieces and returns the position after it (or returns i). Words no rule wants are skipped:
fillers ("uh", "the", "at") silently, other words counted as unknown.
"""

from __future__ import annotations

from nlu.dates import holidays
from nlu.dates.calendar import Context
from nlu.dates.lexicon import (
    FILLERS,
    FREQUENCIES,
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
    WEEKDAYS_PLURAL,
    ZONE_WORDS,
)
from nlu.dates.rules_amounts import bare_number, connector, duration, every
from nlu.dates.rules_counted import counted_span
from nlu.dates.rules_dates import day_first, month_first, ordinal_day, typed_date
from nlu.dates.rules_days import (
    CLOSEST,
    NOW_FIRST_WORDS,
    RELATIVE_FIRST_WORDS,
    holiday,
    now_word,
    relative_day,
    weekday,
)
from nlu.dates.rules_ordinals import ORDINAL_WORDS, nth_of
from nlu.dates.rules_parts import ABBREVIATIONS, EDGES, UNIT_WORDS, first_thing, part_of_unit
from nlu.dates.rules_periods import period, rest_of
from nlu.dates.rules_times import clock, part_of_day, past_to, zone_word
from nlu.dates.scanner import CONNECTORS, MODIFIERS, Rule, Scan
from nlu.dates.tokens import Tok

# order matters: longer, more specific readings first ("day after tomorrow" before "day")
RULES: tuple[Rule, ...] = (
    now_word,
    holiday,
    relative_day,
    first_thing,
    nth_of,
    part_of_unit,
    counted_span,
    rest_of,
    typed_date,
    month_first,
    day_first,
    weekday,
    period,
    past_to,
    clock,
    zone_word,
    part_of_day,
    ordinal_day,
    duration,
    every,
    connector,
    bare_number,
)

_MODS = frozenset(MODIFIERS)
_UNIT_WORDS = frozenset(
    {"week", "weeks", "weekend", "weekends", "month", "year", "quarter", "q", "yr", "wk", "season", "seasons", "h", "w"}
)
# the first token each rule can start on: (words, token kinds); the scan only tries those rules
TRIGGERS: dict[Rule, tuple[frozenset[str], frozenset[str]]] = {
    now_word: (NOW_FIRST_WORDS, frozenset()),
    holiday: (_MODS | holidays.FIRST_WORDS | {"ides"}, frozenset()),
    relative_day: (frozenset(RELATIVE_FIRST_WORDS) | {"next"}, frozenset()),
    first_thing: (frozenset({"last"}), frozenset({"n"})),
    nth_of: (frozenset(ORDINAL_WORDS), frozenset({"n"})),
    part_of_unit: (frozenset(EDGES) | frozenset(ABBREVIATIONS) | frozenset(UNIT_WORDS), frozenset()),
    counted_span: (_MODS, frozenset({"n"})),
    rest_of: (frozenset({"rest", "remainder", "remaining", "balance"}), frozenset()),
    typed_date: (frozenset(), frozenset({"ymd", "mdy", "dmy", "isoweek"})),
    month_first: (frozenset(MONTHS), frozenset()),
    day_first: (frozenset(), frozenset({"n"})),
    weekday: (
        _MODS | set(WEEKDAYS) | set(WEEKDAYS_PLURAL) | CLOSEST | {"weekdays", "weekends", "weekday", "weekend"},
        frozenset({"n"}),
    ),
    period: (_MODS | _UNIT_WORDS | set(SEASONS) | set(MONTHS), frozenset({"n", "decade"})),
    past_to: (frozenset({"a", "half", "quarter"}), frozenset({"n"})),
    clock: (frozenset({"this", "same", "noon", "midday", "midnight"}), frozenset({"hm", "n"})),
    zone_word: (frozenset(ZONE_WORDS), frozenset()),
    part_of_day: (frozenset({"this", "last", "next"}) | set(PARTS_OF_DAY), frozenset()),
    ordinal_day: (frozenset(), frozenset({"n"})),
    duration: (
        frozenset({"a", "an", "couple", "few", "several", "half", "quarter"}) | set(UNITS),
        frozenset({"n", "dec", "hm"}),
    ),
    every: (frozenset(FREQUENCIES) | {"every", "each", "once"}, frozenset()),
    connector: (frozenset(CONNECTORS) | {"from", "up", "no", "give"}, frozenset({"-"})),
    bare_number: (frozenset(), frozenset({"n"})),
}
_BY_WORD: dict[str, tuple[Rule, ...]] = {
    word: tuple(r for r in RULES if word in TRIGGERS[r][0]) for r0 in RULES for word in TRIGGERS[r0][0]
}
_BY_KIND: dict[str, tuple[Rule, ...]] = {
    kind: tuple(r for r in RULES if kind in TRIGGERS[r][1]) for r0 in RULES for kind in TRIGGERS[r0][1]
}


def scan(toks: list[Tok], ctx: Context) -> Scan:
    """Run the rules over the tokens; the result holds the pieces and the unknown count."""
    s = Scan(toks, ctx)
    i = 0
    while i < len(toks):
        tok = toks[i]
        for rule in _BY_WORD.get(tok.text, ()) if tok.kind == "w" else _BY_KIND.get(tok.kind, ()):
            j = rule(s, i)
            if j > i:
                i = j
                break
        else:
            if s.word(i) not in FILLERS:
                s.unknown += 1
            i += 1
    return s
