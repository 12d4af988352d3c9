"""The speed benchmark: its command mix, its percentile, and the two lines it prints."""

from __future__ import annotations

import argparse
import re

import pytest

from nlu import bench


def test_bench_percentile():
    values = [float(v) for v in range(100, 0, -1)]
    assert bench.percentile(values, 0.95) == 95.0
    assert bench.percentile(values, 0.0) == 1.0 and bench.percentile(values, 1.0) == 100.0


def test_bench_mix_alternates_spoken_and_typed(monkeypatch):
    monkeypatch.setattr(bench, "spoken_commands", lambda: ["s1", "s2"])
    monkeypatch.setattr(bench, "typed_commands", lambda: ["t1"])
    commands, note = bench.mix(5)
    assert commands == ["s1", "t1", "s2", "t1", "s1"]
    assert note == "SLURP spoken + corpus typed"


@pytest.mark.slow
def test_bench_prints_latency_and_throughput_beside_the_stock_pipeline(nlu_model_path, capsys, monkeypatch):
    monkeypatch.setattr(bench, "FILE_LINES", 300)
    assert bench.bench_command(argparse.Namespace(model=str(nlu_model_path), n=60)) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    latency, alone, shared = lines[:3]
    assert re.match(
        r"nlu\.parse latency over 60 commands \(.+\): median [\d.]+ ms, p95 [\d.]+ ms, .*"
        r"stock spaCy efficiency ner\+textcat median [\d.]+ ms: ratio [\d.]+ \(target <= 1\.5\)",
        latency,
    )
    for line, what in ((alone, "one process"), (shared, r"its default \d+ worker processes")):
        assert re.match(
            rf"python -m nlu parse over 300 commands incl\. start-up, {what}: [\d.]+ s = \d+ commands/s .*"
            r"stock nlp\.pipe \(one process\) \d+ commands/s: ratio [\d.]+ \(target >= 0\.5\)",
            line,
        )


def test_bench_stock_pipeline_is_the_efficiency_recipe_with_our_labels():
    from nlu.result import INTENTS, LABELS

    nlp = bench.stock_pipeline()
    assert nlp.pipe_names == ["tok2vec", "ner", "textcat"]
    assert set(nlp.get_pipe("ner").labels) == set(LABELS) and set(nlp.get_pipe("textcat").labels) == set(INTENTS)
    assert nlp.config["components"]["textcat"]["model"]["@architectures"] == "spacy.TextCatBOW.v3"
    doc = nlp("move the 3 pm meeting to 5 pm")
    assert set(doc.cats) == set(INTENTS)


@pytest.mark.parametrize("n", ["0", "-5"])
def test_bench_refuses_a_count_below_one(n, capsys):
    from nlu.cli import main

    assert main(["bench", "--n", n]) == 2
    assert "--n" in capsys.readouterr().err
