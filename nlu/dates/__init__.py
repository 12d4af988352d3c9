"""Resolve DATE text ("coming wednesday at 11 am", "half past four") into a TimeSpan.

    resolve("tomorrow at 3 for two hours", now=datetime(2026, 11, 23, 9), tz="America/New_York")
    -> TimeSpan(start=2026-11-24 15:00-05:00, end=2026-11-24 17:00-05:00, grain="hour", ...)

The text goes through a tokenizer that makes typed and spoken forms alike (tokens.py,
numbers.py), a rule scan that finds pieces (grammar.py), and the assembly of the pieces
into one span (combine.py, times.py, recurrence.py). Policy knobs: policy.Policy.
See docs/dates.md for what is understood and the reading choices.
"""
from __future__ import annotations

import logging
from datetime import datetime, tzinfo

from nlu.dates.calendar import Context
from nlu.dates.combine import combine
from nlu.dates.grammar import scan
from nlu.dates.pieces import Num, Word
from nlu.dates.policy import Policy
from nlu.dates.spelling import corrected
from nlu.dates.tokens import tokenize
from nlu.result import TimeSpan
from nlu.timezones import reference_time

__all__ = ["resolve", "Policy"]
_log = logging.getLogger(__name__)


def _looks_like_a_date(pieces: list, unknown: int) -> bool:
    """Some time pieces, and not drowned in unknown words ("play 5 songs by queen" is no
    date; "actually let's do thursday morning instead" is). A bare number counts half."""
    strength = sum(0.5 if isinstance(p, Num) else 1 for p in pieces if not isinstance(p, Word))
    return strength > 0 and unknown <= max(2, 2 * strength)


def resolve(text: str, now: datetime | None = None, tz: str | tzinfo | None = None, **policy) -> TimeSpan | None:
    """The span `text` means relative to `now` in zone `tz`, or None when not understood.

    Policy keywords (see Policy): next_weekday="following"|"nearest", future_bias=True,
    day_start=7, day_end=23, week_start=0. Never raises on any text.
    """
    ref = reference_time(now, tz)
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        ctx = Context(ref, Policy.of(policy))
        found = scan(corrected(tokenize(text)), ctx)
        if not _looks_like_a_date(found.out, found.unknown):
            return None
        return combine(found.out, ctx)
    except Exception:  # noqa: BLE001 - the contract: any text gives a span or None, never an error
        # numbers too large for a calendar ("in 99999999 years"), impossible dates, or a rule
        # that trips on odd input: not a date we can read, and never the caller's crash
        _log.debug("date phrase not resolved: %r", text, exc_info=True)
        return None
