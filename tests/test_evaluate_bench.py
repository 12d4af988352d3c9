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


def test_bench_prints_latency_and_throughput(nlu_model_path, capsys):
    assert bench.bench_command(argparse.Namespace(model=str(nlu_model_path), n=60)) == 0
    latency, throughput = capsys.readouterr().out.strip().splitlines()
    assert re.match(r"nlu\.parse latency over 60 commands \(.+\): median [\d.]+ ms, p95 [\d.]+ ms", latency)
    assert re.match(r"python -m nlu parse over 5000 commands incl\. start-up: [\d.]+ s = \d+ commands/s", throughput)


@pytest.mark.parametrize("n", ["0", "-5"])
def test_bench_refuses_a_count_below_one(n, capsys):
    from nlu.cli import main

    assert main(["bench", "--n", n]) == 2
    assert "--n" in capsys.readouterr().err
