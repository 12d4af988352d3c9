"""The whole training path on a tiny slice: corpus -> DocBin -> spaCy train -> pipeline + card."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import nlu
from nlu.result import INTENTS, LABELS
from nlu.training import corpus_generator

ROOT = Path(__file__).resolve().parent.parent


def corpus_env(tiny_corpus_dir: Path) -> dict:
    """The real corpus generator when it exists; until then the handwritten tiny set."""
    env = dict(os.environ)
    if corpus_generator() is None:
        env["NLU_CORPUS"] = str(tiny_corpus_dir)
    return env


@pytest.fixture(scope="module")
def smoke_model(tmp_path_factory, tiny_corpus_dir) -> Path:
    out = tmp_path_factory.mktemp("smoke") / "tmp"
    done = subprocess.run(
        [sys.executable, "-m", "nlu", "train", "--limit", "40", "--max-steps", "5", "--output", str(out)],
        cwd=ROOT,
        env=corpus_env(tiny_corpus_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return out


@pytest.mark.slow
def test_training_smoke_pipeline_loads_and_parses(smoke_model):
    parser = nlu.load(smoke_model)
    assert parser.nlp.pipe_names == ["tok2vec", "ner", "textcat"]
    # every label and intent exists even though a 40-example slice may lack some
    assert set(parser.nlp.get_pipe("ner").labels) == set(LABELS)
    assert set(parser.nlp.get_pipe("textcat").labels) == set(INTENTS)
    p = parser.parse("Cancel client meeting scheduled tomorrow")
    assert p.intent in INTENTS
    assert all(p.text[s.start : s.end] == s.text for s in p.slots)


@pytest.mark.slow
def test_training_smoke_model_card(smoke_model):
    meta = json.loads((smoke_model / "meta.json").read_text())
    assert meta["training"]["seed"] == 0 and meta["training"]["max_steps"] == 5
    assert meta["training"]["data"]["train"] <= 40
    assert set(meta["dev_scores"]["spans"]) >= {"p", "r", "f", "per_label"}
    assert meta["slurp"] is None
    card = (smoke_model / "README.md").read_text()
    assert "## Labels" in card and "ACTION" in card and "Intent accuracy" in card
    # the shipped config names no build/ paths of this run
    assert "build/" not in (smoke_model / "config.cfg").read_text()


@pytest.mark.slow
def test_training_same_seed_same_weights(tmp_path, tiny_corpus_dir):
    from nlu.training import train

    runs = [train(tmp_path / f"run{i}", max_steps=3, limit=20, corpus_dir=tiny_corpus_dir) for i in (1, 2)]
    assert (runs[0] / "ner" / "model").read_bytes() == (runs[1] / "ner" / "model").read_bytes()
    assert (runs[0] / "textcat" / "model").read_bytes() == (runs[1] / "textcat" / "model").read_bytes()


def test_training_refuses_to_overwrite_a_folder_that_is_no_pipeline(tmp_path, tiny_corpus_dir):
    from nlu.exceptions import NLUError
    from nlu.training import train

    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(NLUError):
        train(tmp_path, max_steps=1, limit=10, corpus_dir=tiny_corpus_dir)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_training_rebuilds_the_speech_model_only_for_a_full_run_into_the_shipped_folder(tmp_path):
    # The speech language model is made from the same corpus as the shipped pipeline: a full
    # training run into models/nlu-calendar rebuilds it, a smoke run or another folder does not
    from nlu.training import DEFAULT_OUTPUT, rebuilds_asr_lm

    assert rebuilds_asr_lm(DEFAULT_OUTPUT, limit=None, skip=False)
    assert not rebuilds_asr_lm(DEFAULT_OUTPUT, limit=None, skip=True)  # --no-asr-lm
    assert not rebuilds_asr_lm(DEFAULT_OUTPUT, limit=40, skip=False)
    assert not rebuilds_asr_lm(tmp_path / "model", limit=None, skip=False)


def test_training_cli_has_the_flag_to_skip_the_speech_model():
    from nlu.cli import build

    args = build().parse_args(["train", "--no-asr-lm"])
    assert args.no_asr_lm is True
