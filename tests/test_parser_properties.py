"""Properties of the parse over generated commands: the span rules after the model never
break the contract's span invariants (each slot's text is the text at its offsets, no two
slots overlap) and never raise, whatever the words, casing and punctuation."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

NOW = datetime(2026, 11, 23, 9, 0)
# Words the rules look for (joiners, lead words, verbs, kinds, places, people, times) mixed
# with noise, so generated commands hit every rule's edges.
WORDS = [
    "add",
    "move",
    "cancel",
    "shift",
    "from",
    "to",
    "and",
    "or",
    "the",
    "in",
    "at",
    "on",
    "remind",
    "me",
    "reminder",
    "for",
    "about",
    "set",
    "up",
    "book",
    "put",
    "schedule",
    "jim",
    "priyanka",
    "Tom",
    "Aisha",
    "lunch",
    "with",
    "gym",
    "session",
    "meeting",
    "event",
    "weekly",
    "every",
    "between",
    "two",
    "thousand",
    "seventeen",
    "tomorrow",
    "friday",
    "3",
    "pm",
    "6",
    "7am",
    "10:30",
    "Lotus",
    "Studio",
    "Road",
    "St",
    "Specsavers",
    "uh",
    "can",
    "you",
    "please",
    "it",
    "'s",
    ",",
    ".",
    "?",
    "!",
    "-",
    "😀",
    "ñ",
    # the words the rules after the model read: shorthand dates, quotes, places, places by position
    "COB",
    "EOQ",
    "Q1",
    "2p",
    "14h",
    "10/16",
    "2027-W02",
    "late",
    "first",
    "thing",
    "business",
    "quarter",
    "twenty",
    "minutes",
    "location",
    "venue",
    "'",
    '"',
    "“",
    "’",
    "1:1",
    "Great",
    "Clips",
    "second",
    "one",
    "日本",
]
COMMANDS = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join) | st.text(max_size=60)


@pytest.fixture(scope="module")
def parse():
    import nlu
    from nlu.exceptions import ModelNotFound

    try:
        return nlu.load().parse
    except ModelNotFound as err:
        pytest.skip(f"no trained pipeline: {err}")


@settings(max_examples=300, deadline=None)
@given(text=COMMANDS, title_case=st.booleans())
def test_parser_slots_are_the_text_at_their_offsets_and_never_overlap(parse, text: str, title_case: bool) -> None:
    said = text.title() if title_case else text
    result = parse(said, now=NOW, tz="UTC")
    result.to_dict()
    bounds = sorted((s.start, s.end) for s in result.slots)
    assert all(said[s.start : s.end] == s.text and s.text.strip() == s.text and s.text for s in result.slots)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(bounds))
