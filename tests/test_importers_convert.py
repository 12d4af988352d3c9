"""Conversion to DocBin reports every span it cannot keep instead of dropping it silently."""

from __future__ import annotations

import json

import pytest

from nlu.annotated import Annotated
from nlu.cli import main
from nlu.importers import blank_nlp, load_examples, to_doc, write_docbin

TEXT = "Schedule event for visit to Trivandrum on July 18"


@pytest.fixture
def tutorial(tmp_path):
    # Given one good span, one cut through a word, one overlapping another, one unknown label
    annotations = [
        {"start": 0, "end": 7, "tag_name": "action"},  # "Schedule": fine
        {"start": 20, "end": 22, "tag_name": "name"},  # "isi": inside "visit"
        {"start": 19, "end": 37, "tag_name": "name"},  # "visit to Trivandrum": fine
        {"start": 28, "end": 37, "tag_name": "location"},  # "Trivandrum": overlaps NAME
        {"start": 42, "end": 48, "tag_name": "colour"},
    ]  # "July 18": unknown label
    path = tmp_path / "tutorial.json"
    path.write_text(json.dumps({"examples": [{"content": TEXT, "annotations": annotations}]}), encoding="utf-8")
    return path


def test_importers_convert_reports_each_bad_span(tutorial, tmp_path, capsys):
    out = tmp_path / "out.spacy"
    # When it is converted
    code = main(["convert", str(tutorial), str(out)])
    printed = capsys.readouterr().out.splitlines()
    # Then each bad span is printed with its row, text and reason, and the rest is written
    assert code == 0
    assert any("row 1: NAME [20:23] 'isi' not aligned to token boundaries" in line for line in printed)
    assert any("row 1: LOCATION [28:38] 'Trivandrum' overlaps another span" in line for line in printed)
    assert any("row 1: COLOUR [42:49] 'July 18' unknown label" in line for line in printed)
    assert printed[-1] == f"1 examples, 5 spans, 3 left out; wrote {out}"
    [kept] = load_examples(out)
    assert kept.spans == ((0, 8, "ACTION"), (19, 38, "NAME"))


def test_importers_convert_strict_fails_and_writes_nothing(tutorial, tmp_path, capsys):
    out = tmp_path / "out.spacy"
    assert main(["convert", str(tutorial), str(out), "--strict"]) == 1
    assert "nothing written (--strict)" in capsys.readouterr().out
    assert not out.exists()


def test_importers_convert_clean_file_strict_passes(tmp_path, capsys):
    rows = [
        {
            "text": "cancel it tomorrow",
            "intent": "cancel",
            "spans": [{"start": 0, "end": 6, "label": "ACTION"}, {"start": 10, "end": 18, "label": "DATE"}],
        }
    ]
    src = tmp_path / "ok.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["convert", str(src), str(tmp_path / "ok.spacy"), "--strict"]) == 0
    assert (
        capsys.readouterr().out.strip().endswith("1 examples, 2 spans, 0 left out; wrote " + str(tmp_path / "ok.spacy"))
    )


def test_importers_doc_has_one_hot_intent_and_entities():
    doc, problems = to_doc(blank_nlp(), Annotated("cancel it tomorrow", ((0, 6, "ACTION"), (10, 18, "DATE")), "cancel"))
    assert problems == []
    assert [(e.text, e.label_) for e in doc.ents] == [("cancel", "ACTION"), ("tomorrow", "DATE")]
    assert doc.cats == {
        "create": 0.0,
        "cancel": 1.0,
        "reschedule": 0.0,
        "update": 0.0,
        "query": 0.0,
        "availability": 0.0,
        "out_of_scope": 0.0,
    }
    assert [t.ent_iob_ for t in doc] == ["B", "O", "B"]


def test_importers_unscored_labels_leave_other_tokens_missing(tmp_path):
    # A source without ACTION tags: "remind" is unknown, not "no entity", also in the DocBin
    from spacy.tokens import DocBin

    example = Annotated("remind me tomorrow", ((10, 18, "DATE"),), "create", meta={"unscored": ["ACTION", "DOMAIN"]})
    doc, _ = to_doc(blank_nlp(), example)
    assert [t.ent_iob_ for t in doc] == ["", "", "B"]
    write_docbin([example], tmp_path / "one.spacy")
    [back] = DocBin().from_disk(tmp_path / "one.spacy").get_docs(blank_nlp().vocab)
    assert [t.ent_iob_ for t in back] == ["", "", "B"] and back.cats["create"] == 1.0
