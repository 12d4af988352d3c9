"""Each input format load_examples reads, with exact character offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlu.exceptions import BadData
from nlu.importers import label_of, load_examples, sniff, write_docbin

TEXT = "Schedule event for visit to Trivandrum on July 18"
WANT = ((0, 8, "ACTION"), (9, 14, "DOMAIN"), (19, 38, "NAME"), (42, 49, "DATE"))
TINY = Path(__file__).parent / "data" / "tiny.jsonl"


def write(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_importers_tutorial_inclusive_end_becomes_exclusive(tmp_path):
    # Given the tutorial format, whose `end` is the index of the last character
    data = {
        "examples": [
            {
                "content": TEXT,
                "annotations": [
                    {"start": 0, "end": 7, "tag_name": "action"},
                    {"start": 9, "end": 13, "tag_name": "Domain"},
                    {"start": 19, "end": 37, "tag_name": "NAME"},
                    {"start": 42, "end": 48, "tag_name": "date"},
                ],
            }
        ]
    }
    # When it is loaded
    [example] = load_examples(write(tmp_path / "tutorial.json", data))
    # Then the spans are ours (end exclusive), labels upper-cased, texts exact
    assert example.spans == WANT
    assert [TEXT[s:e] for s, e, _ in example.spans] == ["Schedule", "event", "visit to Trivandrum", "July 18"]
    assert example.source == "tutorial" and example.intent is None


def test_importers_spacy_pairs_with_cats(tmp_path):
    data = [
        [
            "Cancel client meeting tomorrow",
            {"entities": [[0, 6, "ACTION"], [7, 21, "NAME"], [22, 30, "date"]], "cats": {"create": 0.0, "cancel": 1.0}},
        ],
        ["play some jazz", {"entities": []}],
    ]
    first, second = load_examples(write(tmp_path / "pairs.json", data))
    assert first.spans == ((0, 6, "ACTION"), (7, 21, "NAME"), (22, 30, "DATE"))
    assert first.intent == "cancel"
    assert second.spans == () and second.intent is None


def test_importers_our_jsonl_keeps_line_numbers():
    examples = load_examples(TINY)
    assert len(examples) == 32
    assert examples[0].text == TEXT and examples[0].spans == WANT and examples[0].intent == "create"
    assert [ex.meta["row"] for ex in examples[:3]] == [1, 2, 3]


def test_importers_docbin_round_trip(tmp_path):
    examples = load_examples(TINY)
    n, problems = write_docbin(examples, tmp_path / "tiny.spacy")
    back = load_examples(tmp_path / "tiny.spacy")
    assert n == 32 and problems == []
    assert [(b.text, b.spans, b.intent) for b in back] == [(e.text, tuple(sorted(e.spans)), e.intent) for e in examples]


@pytest.mark.parametrize(
    "content, fmt",
    [
        ('{"text": "hi", "spans": []}\n', "jsonl"),
        ('{"sentence": "hi", "tokens": [], "entities": []}\n', "slurp"),
        ('{"examples": []}', "tutorial"),
        ('[["hi", {"entities": []}]]', "pairs"),
    ],
)
def test_importers_sniff(tmp_path, content, fmt):
    path = tmp_path / "data.txt"
    path.write_text(content, encoding="utf-8")
    assert sniff(path) == fmt


def test_importers_unknown_rows_are_an_error(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"utterance": "hi"}\n', encoding="utf-8")
    with pytest.raises(BadData):
        load_examples(path)


@pytest.mark.parametrize(
    "tag, label",
    [("date", "DATE"), ("Place_Name", "LOCATION"), ("time", "DATE"), ("person", "PERSON"), ("colour", "COLOUR")],
)
def test_importers_label_of(tag, label):
    assert label_of(tag) == label
