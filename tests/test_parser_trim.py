"""Slot edges: linking words and possessive endings the model drew into a span are trimmed."""

import pytest
import spacy
from spacy.tokens import Span

from nlu.parser import trimmed

NLP = spacy.blank("en")


def bounds(text: str, words: str, label: str) -> str | None:
    doc = NLP(text)
    start = text.index(words)
    ent = doc.char_span(start, start + len(words), label=label)
    assert isinstance(ent, Span)
    got = trimmed(ent)
    return None if got is None else text[got[0] : got[1]]


@pytest.mark.parametrize(
    "text, span, label, expected",
    [
        ("put lunch with bob on friday", "lunch with", "NAME", "lunch"),
        ("remind me about the dentist", "the dentist", "NAME", "dentist"),
        ("did you add tomorrow's meeting", "tomorrow's", "DATE", "tomorrow"),
        ("see you on friday at noon", "on friday at noon", "DATE", "friday at noon"),
        ("call with the landlord", "the landlord", "PERSON", "the landlord"),
        ("meet at the mall", "at the mall", "LOCATION", "the mall"),
        ("Schedule event for visit to Trivandrum", "visit to Trivandrum", "NAME", "visit to Trivandrum"),
        ("in two hours", "in two hours", "DATE", "in two hours"),
        ("the", "the", "NAME", None),
    ],
)
def test_parser_trim_drops_linking_words_at_edges(text, span, label, expected) -> None:
    assert bounds(text, span, label) == expected
