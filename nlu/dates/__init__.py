"""Resolve DATE text ("coming wednesday at 11 am", "half past four") into a TimeSpan.

    resolve("tomorrow at 3 for two hours", now=datetime(2026, 11, 23, 9), tz="America/New_York")
    -> TimeSpan(start=2026-11-24 15:00-05:00, end=2026-11-24 17:00-05:00, grain="hour", ...)
    explain("every 0 days", now, tz) -> "'every 0 days': a repeat needs a whole number ..."

The text goes through a tokenizer that makes typed and spoken forms alike (tokens.py,
numbers.py, spelling.py), a rule scan that finds pieces (grammar.py), and the assembly of
the pieces into one span (combine.py, times.py, recurrence.py). Policy knobs: policy.Policy.
See docs/dates.md for what is understood and the reading choices.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, tzinfo

from nlu.dates.calendar import Context
from nlu.dates.combine import combine
from nlu.dates.grammar import scan
from nlu.dates.pieces import Num, Word
from nlu.dates.policy import Policy
from nlu.dates.spelling import corrected
from nlu.dates.tokens import MAX_CHARS, tokenize
from nlu.exceptions import BadDatePhrase
from nlu.result import TimeSpan
from nlu.timezones import reference_time

__all__ = ["Policy", "explain", "resolve"]

NO_DATE = "no date or time expression found"
# "from 3/10 onwards", "from now on", "tuesdays going forward", "the 5th and after": the
# time and everything after it (open_end), where the words alone read only as the time.
ONWARDS = re.compile(
    r"^\s*(?:(?P<lead>from|starting(?: from)?|beginning|as of)\s+)?(?P<when>.+?)[\s,]+"
    r"(?P<tail>onwards?|going forward|and (?:after|later|beyond)|or later|(?<=\s)on)\s*$",
    re.IGNORECASE,
)


def _looks_like_a_date(pieces: list, unknown: int) -> bool:
    """Some time pieces, and not drowned in unknown words ("play 5 songs by queen" is no
    date; "actually let's do thursday morning instead" is). A bare number counts half."""
    strength = sum(0.5 if isinstance(p, Num) else 1 for p in pieces if not isinstance(p, Word))
    return strength > 0 and unknown <= max(2, 2 * strength)


def resolve(text: str, now: datetime | None = None, tz: str | tzinfo | None = None, **policy) -> TimeSpan | None:
    """The span `text` means relative to `now` in zone `tz`, or None when not understood
    (explain() says why).

    Policy keywords (see Policy): next_weekday="following"|"nearest", future_bias=True,
    day_start=7, day_end=23, week_start=0, day_first=False, counted="whole"|"from_now",
    minutes_to="clock"|"range". Never raises on any text; an unknown zone name raises
    BadTimeZone.
    """
    return _read(text, reference_time(now, tz), policy)[0]


def explain(text: str, now: datetime | None = None, tz: str | tzinfo | None = None, **policy) -> str | None:
    """Why `text` gives no span, as a sentence a person can act on ("every 5 minutes":
    events repeat at most hourly), or None when it resolves. Never raises on any text."""
    return _read(text, reference_time(now, tz), policy)[1]


def _read(text: str, ref: datetime, policy: dict) -> tuple[TimeSpan | None, str | None]:
    """(span, None) or (None, the reason there is none)."""
    if not isinstance(text, str) or not text.strip():
        return None, "empty text: no date or time to read"
    if len(text) > MAX_CHARS:
        return None, f"longer than {MAX_CHARS} characters: not a date phrase"
    onwards = ONWARDS.match(text)
    if onwards and (onwards["lead"] or onwards["tail"].lower() != "on"):
        span, why = _read(onwards["when"], ref, policy)
        if span is None or span.start is None or span.rrule:
            return span, why  # a repeat already runs on ("tuesdays going forward")
        return replace(span, open_end=True), None
    try:
        ctx = Context(ref, Policy.of(policy))
        found = scan(corrected(tokenize(text)), ctx)
        if not _looks_like_a_date(found.out, found.unknown):
            return None, NO_DATE
        span = combine(found.out, ctx)
        return span, (None if span is not None else "these date words do not make one time together")
    except BadDatePhrase as err:
        return None, str(err)
    except Exception:
        # numbers too large for a calendar ("in 99999999 years"), or a rule that trips on odd
        # input: not a date we can read, and never the caller's crash. (logging is imported
        # here, not at the top: the CLI's start-up time is part of its measured speed.)
        import logging

        logging.getLogger(__name__).debug("date phrase not resolved: %r", text, exc_info=True)
        return None, "not a date or time this resolver can place on a calendar"
