"""The title rule of nlu.parse: NAME, else a DOMAIN word that says what kind of item it is."""

import pytest

from nlu.parser import title_of
from nlu.result import Slot


def slots(*pairs: tuple[str, str]) -> tuple[Slot, ...]:
    out, pos = [], 0
    for label, text in pairs:
        out.append(Slot(label, text, pos, pos + len(text)))
        pos += len(text) + 1
    return tuple(out)


@pytest.mark.parametrize(
    "given, title",
    [
        (slots(("DOMAIN", "event"), ("NAME", "visit to Trivandrum")), "visit to Trivandrum"),
        (slots(("DOMAIN", "meeting")), "meeting"),
        (slots(("DOMAIN", "event")), None),
        (slots(("DOMAIN", "calendar entry")), None),
        (slots(("DOMAIN", "reminder"), ("DOMAIN", "meeting")), "meeting"),
        (slots(("DOMAIN", "events")), None),
        (slots(("DOMAIN", "reminders")), None),
        (slots(("DOMAIN", "meetings")), "meetings"),
        (slots(("DATE", "tomorrow")), None),
        ((), None),
    ],
)
def test_parser_title_prefers_name_then_specific_domain(given, title) -> None:
    assert title_of(given) == title
