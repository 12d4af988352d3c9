"""A typed message of several sentences (nlu.sentences): the request in one of them is read,
and a reading that goes against the whole message asks before it writes."""

from __future__ import annotations

from datetime import datetime

import pytest

from nlu.calibration import CONFIRM_BELOW
from nlu.sentences import split

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday


@pytest.mark.parametrize(
    "text, want",
    [
        ("Hi! When is the retro? Thanks.", ["Hi!", "When is the retro?", "Thanks."]),
        ("move the retro to friday", ["move the retro to friday"]),
        ("Cancel it.  Then add lunch.", ["Cancel it.", "Then add lunch."]),
        ("What's on at 3.30?", ["What's on at 3.30?"]),
        ("", []),
    ],
)
def test_sentences_split(text, want):
    assert split(text) == want


def test_a_question_between_pleasantries_is_read_as_the_question(shipped_parser):
    parse = shipped_parser("Hi! Just wondering, when is the quarterly all-hands? I keep forgetting.", now=NOW, tz="UTC")
    assert parse.intent == "query"


def test_chat_around_a_calendar_word_asks_before_it_writes(bot_with_the_shipped_model, owner):
    bot = bot_with_the_shipped_model
    text = "I keep forgetting to drink water. Any tips? I'm terrible at it."
    reply = bot.handle(owner, text, now=NOW, tz="UTC", user=owner)
    assert reply.operation in ("none", "confirm")
    assert bot.events(owner) == []
    assert reply.parse is not None and (reply.parse.intent == "out_of_scope" or reply.parse.confidence < CONFIRM_BELOW)


@pytest.fixture
def bot_with_the_shipped_model(db_url, shipped_parser):
    from assistant import Assistant

    return Assistant(db_url, parser=shipped_parser)
