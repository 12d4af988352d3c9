"""Resolve DATE text ("coming wednesday at 11 am", "half past four") into a TimeSpan.

PLACEHOLDER until the resolver lands (issue 3): understands nothing yet.
"""
from __future__ import annotations

from datetime import datetime, tzinfo

from nlu.result import TimeSpan


def resolve(text: str, now: datetime | None = None, tz: str | tzinfo | None = None, **policy) -> TimeSpan | None:
    """The span `text` means relative to `now` in zone `tz`, or None when not understood."""
    return None
