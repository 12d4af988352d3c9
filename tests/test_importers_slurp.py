"""SLURP rows mapped to our labels: merged DATE spans, modifiers, PERSON, DOMAIN, intents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlu.importers import load_examples
from nlu.slot_scheme import from_slurp, token_offsets

SLURP_DEVEL = Path(__file__).resolve().parents[2] / "shared" / "data" / "slurp_devel.jsonl"


def row(
    sentence: str, entities: list[tuple[str, list[int]]], intent: str = "calendar_set", words: list[str] | None = None
) -> dict:
    """A SLURP row; tokens are the sentence's words unless given (SLURP splits "what's")."""
    words = words or sentence.split()
    scenario = intent.split("_")[0] if "_" in intent else "calendar"
    return {
        "slurp_id": 1,
        "sentence": sentence,
        "scenario": scenario,
        "intent": intent,
        "tokens": [{"surface": w, "id": i} for i, w in enumerate(words)],
        "entities": [{"type": t, "span": span} for t, span in entities],
    }


def spans(example) -> list[tuple[str, str]]:
    return [(example.text[s:e], label) for s, e, label in example.spans]


@pytest.mark.parametrize(
    "sentence, entities, want",
    [
        # date and time that stand together are one DATE; "next" that SLURP leaves outside joins it
        (
            "set a reminder for next saturday at ten am",
            [("date", [5]), ("time", [7, 8])],
            [("next saturday at ten am", "DATE")],
        ),
        # adjacent pieces join; a relation takes its "my"
        (
            "add lunch tomorrow evening with my colleague",
            [("event_name", [1]), ("date", [2]), ("timeofday", [3]), ("relation", [6])],
            [("lunch", "NAME"), ("tomorrow evening", "DATE"), ("my colleague", "PERSON")],
        ),
        # a range of times, with its opener
        (
            "do i have anything between two and four pm",
            [("time", [5]), ("time", [7, 8])],
            [("between two and four pm", "DATE")],
        ),
        # range words do not join two dates (a reschedule's old and new day)
        ("move it from monday to tuesday", [("date", [3]), ("date", [5])], [("monday", "DATE"), ("tuesday", "DATE")]),
        # a generic word alone is DOMAIN; articles leave the NAME; recurrence is part of DATE
        (
            "remind me of the meeting and my yoga class every friday",
            [("event_name", [4]), ("event_name", [6, 7, 8]), ("general_frequency", [9]), ("date", [10])],
            [("meeting", "DOMAIN"), ("yoga class", "NAME"), ("every friday", "DATE")],
        ),
        # "in" of "in two hours"; "o'clock" after a time; place_name is LOCATION
        (
            "meet at the library in two hours",
            [("place_name", [3]), ("time", [5, 6])],
            [("library", "LOCATION"), ("in two hours", "DATE")],
        ),
        ("wake me at five o'clock", [("time", [3])], [("five o'clock", "DATE")]),
    ],
)
def test_importers_slurp_spans(sentence, entities, want):
    assert spans(from_slurp(row(sentence, entities))) == want


def test_importers_slurp_offsets_from_split_tokens():
    # SLURP splits "tomorrow's" into "tomorrow" + "'s"; the possessive stays out of the DATE
    sentence = "olly remind me about tomorrow's meeting tonight"
    words = ["olly", "remind", "me", "about", "tomorrow", "'s", "meeting", "tonight"]
    example = from_slurp(row(sentence, [("date", [4, 5]), ("event_name", [6]), ("timeofday", [7])], words=words))
    assert example.spans == ((21, 29, "DATE"), (32, 39, "DOMAIN"), (40, 47, "DATE"))
    assert spans(example) == [("tomorrow", "DATE"), ("meeting", "DOMAIN"), ("tonight", "DATE")]


def test_importers_slurp_lost_token_is_reported():
    example = from_slurp(
        row(
            "how old is barack obama",
            [("person", [3, 4])],
            intent="qa_factoid",
            words=["how", "old", "is", "barack", "obaba"],
        ),
        line=7,
    )
    assert example.spans == ()
    [problem] = example.meta["load_problems"]
    assert problem.row == 7 and "not found in the sentence" in problem.reason


@pytest.mark.parametrize(
    "intent, ours, accepted",
    [
        ("calendar_set", "create", ["create", "reschedule", "update"]),
        ("calendar_remove", "cancel", ["cancel"]),
        ("calendar_query", "query", ["query", "availability"]),
        ("music_play", "out_of_scope", ["out_of_scope"]),
    ],
)
def test_importers_slurp_intents(intent, ours, accepted):
    example = from_slurp(row("play it", [], intent=intent))
    assert example.intent == ours and example.meta["intents_ok"] == accepted
    assert example.source == "slurp"


def test_importers_slurp_unscored_labels():
    calendar = from_slurp(row("add it", []))
    other = from_slurp(row("wake me up at six labelled gym", [("time", [4]), ("event_name", [6])], intent="alarm_set"))
    assert calendar.meta["unscored"] == ["ACTION", "DOMAIN", "ALERT"]
    assert other.meta["unscored"] == ["ACTION", "DOMAIN", "NAME", "LOCATION", "PERSON", "ALERT"]
    assert spans(other) == [("six", "DATE")]  # no event titles outside the calendar


def test_importers_token_offsets():
    assert token_offsets("what's on", ["what", "'s", "on"]) == [(0, 4), (4, 6), (7, 9)]
    assert token_offsets("orlando florida", ["orlando", "fl"]) == [(0, 7), None]


def test_importers_slurp_file(tmp_path):
    path = tmp_path / "slurp.jsonl"
    rows = [
        row("cancel my five pm call", [("time", [2, 3]), ("event_name", [4])], intent="calendar_remove"),
        row("play some jazz", [], intent="music_play"),
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second = load_examples(path)
    assert spans(first) == [("five pm", "DATE"), ("call", "DOMAIN")] and first.intent == "cancel"
    assert second.intent == "out_of_scope" and second.meta["row"] == 2


def test_importers_slurp_devel_loads_whole():
    path = SLURP_DEVEL
    if not path.exists():
        pytest.skip("the shared SLURP data is not beside this checkout")
    examples = load_examples(path)
    assert len(examples) == 2033
    assert sum(ex.meta["scenario"] == "calendar" for ex in examples) == 280
    assert sum(len(ex.meta["load_problems"]) for ex in examples) <= 3
