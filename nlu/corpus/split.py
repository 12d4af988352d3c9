"""Which templates and lexicon values only the dev split may use (so dev measures generalisation).

The choice is a stable hash of the template or value text, not a random draw, so it is the
same for every seed and every run: about one template in six and one value in seven are
held out. Values the annotation guide itself names ("schedule", "cancel", "event",
"visit to Trivandrum", ...) always stay in training, as do short DATE phrases ("tomorrow",
"next friday"): a model that never saw "tomorrow" measures nothing useful. Long DATE
phrases ("the first of march at half past four") are held out by the same hash.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

TEMPLATE_SHARE = 16  # percent of templates held out
VALUE_SHARE = 14  # percent of lexicon values held out
DATE_MIN_WORDS = 3  # DATE phrases shorter than this are never held out

# The guide's own words and the examples: always in training.
PROTECTED = frozenset(
    [
        "set up",
        "remind me of",
        "call off",
        "push back",
        "bring forward",
        "make it",
        "tell me",
        "calendar event",
        "visit to Trivandrum",
        "AI",
        "Pongal celebration",
        "team brainstorming session",
        "competitions",
        "client meeting",
        "dentist appointment",
        "mall visit",
        "Teak Oaks HOA",
        "the mall",
        "Bob",
        "my boss",
        "the landlord",
        "my colleague",
        "schedule",
        "create",
        "add",
        "put",
        "book",
        "reserve",
        "arrange",
        "plan",
        "organise",
        "make",
        "cancel",
        "delete",
        "remove",
        "drop",
        "clear",
        "scrap",
        "erase",
        "change",
        "move",
        "reschedule",
        "push",
        "postpone",
        "shift",
        "delay",
        "show",
        "list",
        "check",
        "event",
        "meeting",
        "appointment",
        "reminder",
        "call",
        "session",
        "party",
        "booking",
        "dentist",
        # words templates write literally, and the ones the brief names as everyday speech
        "remind me",
        "remind me about",
        "pencil in",
        "jot down",
        "line up",
        "get rid of",
        "nix",
        "bump",
        "rebook",
        "what's happening",
        "am i free",
    ]
)


def bucket(text: str) -> int:
    """A stable number 0..99 for a string (crc32: the same on every machine and run)."""
    return zlib.crc32(text.lower().encode("utf-8")) % 100


def held_out_template(template: str) -> bool:
    """Whether a template belongs to the dev split only."""
    return bucket("template:" + template) < TEMPLATE_SHARE


def held_out_value(value: str) -> bool:
    """Whether a lexicon value belongs to the dev split only."""
    return value not in PROTECTED and bucket("value:" + value) < VALUE_SHARE


def held_out_date(text: str) -> bool:
    """Whether a generated DATE phrase belongs to the dev split only."""
    return len(text.split()) >= DATE_MIN_WORDS and bucket("date:" + text) < VALUE_SHARE


def partition(values: Sequence[str]) -> tuple[list[str], list[str]]:
    """(training values, dev-only values) of one lexicon."""
    train = [v for v in values if not held_out_value(v)]
    dev = [v for v in values if held_out_value(v)]
    return train, dev
