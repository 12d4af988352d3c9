"""Properties of the dialogue over generated input: nothing crashes, nothing unasked is
written, and any title the NLU hands over is stored and returned byte for byte."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import Assistant, checks, followups
from assistant.testing import ScriptedParser, day_span, reading

NOW = datetime(2026, 11, 23, 9, 0)
SLOW_OK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Titles as a transcript or a typed command may carry them: any printable or control
# character except NUL (refused by PostgreSQL, turned into a space at the door), as long as
# the title shows something (assistant/checks.py refuses invisible titles at every door).
# A title that only refers back ("it", "the event") names no new event: the create asks.
TITLES = (
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=80)
    .filter(checks.visible)
    .filter(lambda title: not followups.is_pronoun(title))
)


_made: list[str] = []


def _bot(tmp_path_factory, scripted: ScriptedParser) -> Assistant:
    from assistant.db import dispose

    while _made:  # one throw-away database per example: close the previous one
        dispose(_made.pop())
    _made.append(f"sqlite:///{tmp_path_factory.mktemp('prop') / 'c.db'}")
    return Assistant(_made[-1], parser=scripted)


@pytest.mark.slow
@SLOW_OK
@given(text=st.text(max_size=300))
def test_dialogue_any_text_gets_an_answer_and_writes_nothing(tmp_path_factory, text: str) -> None:
    bot = _bot(tmp_path_factory, ScriptedParser())  # every text reads as out of scope
    reply = bot.handle("p", text, now=NOW, user="prop")
    assert reply.reply and reply.operation in ("none", "undo")
    assert bot.events("prop", include_cancelled=True) == []


@pytest.mark.slow
@SLOW_OK
@given(title=TITLES)
def test_dialogue_any_title_round_trips_byte_exact(tmp_path_factory, title: str) -> None:
    scripted = ScriptedParser()
    text = f"schedule {title} on friday"
    scripted.add(reading(text, "create", NAME=title, dates={"friday": day_span(date(2026, 11, 27))}))
    bot = _bot(tmp_path_factory, scripted)
    reply = bot.handle("p", text, now=NOW, user="prop")
    assert reply.operation == "create"
    assert reply.events[0].title == title
    assert [e.title.encode("utf-8") for e in bot.events("prop")] == [title.encode("utf-8")]


@pytest.mark.slow
@SLOW_OK
@given(title=st.text(st.sampled_from(" \t\u200b\ufeff\x1b\x07\u00a0"), min_size=1, max_size=20))
def test_dialogue_an_invisible_title_gets_a_clear_answer_and_writes_nothing(tmp_path_factory, title: str) -> None:
    scripted = ScriptedParser()
    text = f"schedule {title} on friday"
    scripted.add(reading(text, "create", NAME=title, dates={"friday": day_span(date(2026, 11, 27))}))
    bot = _bot(tmp_path_factory, scripted)
    reply = bot.handle("p", text, now=NOW, user="prop")
    assert reply.operation == "none" and reply.reply.startswith("I can't schedule that: title must not be empty")
    assert bot.events("prop", include_cancelled=True) == []


@pytest.mark.parametrize("title", ["THE:EVENT", "It!", "that-one", "Event 2"])
def test_dialogue_a_title_that_only_looks_like_a_reference_is_stored(tmp_path_factory, title: str) -> None:
    # Found by the property above: "THE:EVENT" was read as "the event" (a reference) and asked about
    scripted = ScriptedParser()
    text = f"schedule {title} on friday"
    scripted.add(reading(text, "create", NAME=title, dates={"friday": day_span(date(2026, 11, 27))}))
    reply = _bot(tmp_path_factory, scripted).handle("p", text, now=NOW, user="prop")
    assert (reply.operation, reply.events[0].title) == ("create", title)
