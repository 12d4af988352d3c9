"""The title rule of nlu.parse: NAME, else the most specific DOMAIN word."""
import pytest

from nlu.parser import title_of
from nlu.result import Slot


def slots(*pairs: tuple[str, str]) -> tuple[Slot, ...]:
    out, pos = [], 0
    for label, text in pairs:
        out.append(Slot(label, text, pos, pos + len(text)))
        pos += len(text) + 1
    return tuple(out)


@pytest.mark.parametrize("given, intent, title", [
    (slots(("DOMAIN", "event"), ("NAME", "visit to Trivandrum")), "create", "visit to Trivandrum"),
    (slots(("DOMAIN", "meeting")), "create", "meeting"),
    (slots(("DOMAIN", "event")), "create", "event"),
    (slots(("DOMAIN", "reminder"), ("DOMAIN", "meeting")), "create", "meeting"),
    (slots(("DOMAIN", "events")), "query", None),
    (slots(("DOMAIN", "reminders")), "cancel", None),
    (slots(("DOMAIN", "event")), "query", None),
    (slots(("DOMAIN", "meetings")), "query", "meetings"),
    (slots(("DATE", "tomorrow")), "create", None),
    ((), "out_of_scope", None),
])
def test_parser_title_prefers_name_then_specific_domain(given, intent, title) -> None:
    assert title_of(given, intent) == title
