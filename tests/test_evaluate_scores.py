"""nlu.evaluate on a crafted case, where every figure can be worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import nlu
from nlu.annotated import Annotated
from nlu.cli import main
from nlu.evaluate import evaluate
from nlu.importers import load_examples
from nlu.result import Parse, Slot

GOLD = [
    Annotated("cancel the call tomorrow", ((0, 6, "ACTION"), (11, 15, "DOMAIN"), (16, 24, "DATE")), "cancel"),
    Annotated(
        "add lunch tomorrow",
        ((4, 9, "NAME"), (10, 18, "DATE")),
        "create",
        source="slurp",
        meta={"unscored": ["ACTION", "DOMAIN"], "intents_ok": ["create", "reschedule"]},
    ),
    Annotated("play jazz", (), "out_of_scope"),
]
SAID = {
    # DOMAIN "call" read as NAME: one span missed, one invented
    "cancel the call tomorrow": ("cancel", ((0, 6, "ACTION"), (11, 15, "NAME"), (16, 24, "DATE"))),
    # ACTION is not scored on this source; reschedule counts for SLURP's calendar_set
    "add lunch tomorrow": ("reschedule", ((0, 3, "ACTION"), (4, 9, "NAME"), (10, 18, "DATE"))),
    # an invented DATE and a wrong intent
    "play jazz": ("query", ((5, 9, "DATE"),)),
}


class FakeParser:
    """Says exactly what SAID holds, so the scores are known in advance."""

    def parse_many(self, texts, now=None, tz=None):
        for text in texts:
            intent, spans = SAID[text]
            slots = tuple(Slot(label, text[s:e], s, e) for s, e, label in spans)
            yield Parse(text=text, intent=intent, confidence=1.0, slots=slots)


def test_evaluate_span_scores_exact():
    scores = evaluate(GOLD, FakeParser())["spans"]
    # tp: ACTION 1, DATE 2, NAME 1; fp: NAME 1, DATE 1; fn: DOMAIN 1
    assert (scores["p"], scores["r"], scores["f"]) == (0.6667, 0.8, 0.7273)
    assert scores["per_label"]["ACTION"] == {"p": 1.0, "r": 1.0, "f": 1.0, "support": 1}
    assert scores["per_label"]["DATE"] == {"p": 0.6667, "r": 1.0, "f": 0.8, "support": 2}
    assert scores["per_label"]["NAME"] == {"p": 0.5, "r": 1.0, "f": 0.6667, "support": 1}
    assert scores["per_label"]["DOMAIN"] == {"p": 0.0, "r": 0.0, "f": 0.0, "support": 1}


def test_evaluate_intent_accuracy_and_confusion():
    intent = evaluate(GOLD, FakeParser())["intent"]
    assert intent["accuracy"] == 0.6667 and intent["n"] == 3
    assert intent["confusion"]["cancel"]["cancel"] == 1
    assert intent["confusion"]["create"]["reschedule"] == 1
    assert intent["confusion"]["out_of_scope"]["query"] == 1
    assert sum(sum(row.values()) for row in intent["confusion"].values()) == 3


def test_evaluate_counts_gold_spans_it_had_to_adjust():
    # "tomorrow's" gold ends inside a token; the second span overlaps the first
    gold = [Annotated("call tomorrows thing", ((5, 13, "DATE"), (5, 14, "DATE")), "create")]

    class Says:
        def parse_many(self, texts, now=None, tz=None):
            yield Parse(text=texts[0], intent="create", confidence=1.0, slots=(Slot("DATE", "tomorrows", 5, 14),))

    spans = evaluate(gold, Says())["spans"]
    assert spans["gold_adjusted"] == 2 and spans["f"] == 1.0


def test_evaluate_by_source():
    sources = evaluate(GOLD, FakeParser())["by_source"]
    # "" (our handwritten rows) has ACTION+DATE right, DOMAIN missed, NAME and DATE invented
    assert sources["unknown"] == {"n": 2, "f": 0.5714, "intent_accuracy": 0.5}
    assert sources["slurp"] == {"n": 1, "f": 1.0, "intent_accuracy": 1.0}


def test_evaluate_worst_errors_most_first():
    errors = evaluate(GOLD, FakeParser(), errors=5)["errors"]
    assert [(e["text"], e["mistakes"]) for e in errors] == [("cancel the call tomorrow", 2), ("play jazz", 2)]
    assert errors[0]["gold"] == ["ACTION:'cancel'", "DOMAIN:'call'", "DATE:'tomorrow'"]
    assert errors[0]["predicted"] == ["ACTION:'cancel'", "NAME:'call'", "DATE:'tomorrow'"]


@pytest.fixture
def gold_file(tmp_path, monkeypatch):
    monkeypatch.setattr(nlu, "load", lambda path=None: FakeParser())
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps({**ex.to_json(), "meta": ex.meta}) for ex in GOLD) + "\n", encoding="utf-8")
    return path


def test_evaluate_cli_json(gold_file, capsys):
    assert main(["evaluate", str(gold_file), "--json", "--fail-under", "0.7"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["spans"]["f"] == 0.7273 and out["intent"]["accuracy"] == 0.6667 and out["passed"] is True


def test_evaluate_cli_fails_under_threshold(gold_file, capsys):
    assert main(["evaluate", str(gold_file), "--fail-under", "0.75", "--errors", "1"]) == 1
    out = capsys.readouterr().out
    assert "micro       0.667  0.800  0.727" in out
    assert "intent accuracy 0.667 over 3 examples" in out
    assert "slot micro-F1 0.727 below --fail-under 0.75" in out
    assert "worst 1 errors:" in out and "'cancel the call tomorrow'" in out


def test_evaluate_real_pipeline_on_handwritten_set(nlu_model_path):
    # The handwritten set follows ANNOTATION.md; any pipeline we test with reads it well
    examples = load_examples(Path(__file__).parent / "data" / "tiny.jsonl")
    result = evaluate(examples, nlu.load(nlu_model_path))
    assert result["n"] == 32 and result["intent"]["n"] == 32
    assert set(result["spans"]["per_label"]) >= {"ACTION", "DOMAIN", "NAME", "DATE"}
    assert result["intent"]["accuracy"] >= 0.8 and result["spans"]["f"] >= 0.7


class RoleParser:
    """Reads "move the 3 pm call to 5 pm" with one role right and one missing."""

    def parse_many(self, texts, now=None, tz=None):
        for text in texts:
            slots = (
                Slot("ACTION", "move", 0, 4),
                Slot("DATE", "3 pm", 9, 13, role="old"),
                Slot("DOMAIN", "call", 14, 18),
                Slot("DATE", "5 pm", 22, 26),
            )
            yield Parse(text=text, intent="reschedule", confidence=1.0, slots=slots)


def test_evaluate_role_accuracy_on_the_spans_found():
    from nlu.corpus.markup import parse_line

    gold = [parse_line("reschedule | [move](ACTION) the [3 pm](DATE/old) [call](DOMAIN) to [5 pm](DATE/new)")]
    roles = evaluate(gold, RoleParser())["roles"]
    assert roles == {"accuracy": 0.5, "n": 2}  # "3 pm" old as gold says; "5 pm" lost its "new"


def test_evaluate_reads_the_markup_format(tmp_path):
    path = tmp_path / "typed.txt"
    path.write_text(
        "# a comment\nreschedule | [move](ACTION) the [3 pm](DATE/old) [call](DOMAIN) to [5 pm](DATE/new)\n"
        "out_of_scope | play jazz\n",
        encoding="utf-8",
    )
    rows = load_examples(path)
    assert [r.intent for r in rows] == ["reschedule", "out_of_scope"]
    assert rows[0].roles == ((9, 13, "old"), (22, 26, "new"))
