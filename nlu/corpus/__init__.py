"""The training corpus: generated commands, hand-written ones, and the even half of SLURP.

    from nlu.corpus import build
    train_path, dev_path = build(Path("build/corpus"), seed=0)

See nlu/corpus/README.md for the JSONL format, the design and the held-out split.
"""
from __future__ import annotations

import random
from pathlib import Path

from nlu.corpus import markup, realdata, split
from nlu.corpus.generator import generate
from nlu.annotated import Annotated, write_jsonl

DATA = Path(__file__).resolve().parent / "data"
HANDWRITTEN = DATA / "handwritten.txt"
TRAIN_COUNTS = {"create": 5600, "cancel": 3300, "reschedule": 3300, "query": 4400, "out_of_scope": 6000}
DEV_COUNTS = {intent: max(150, n // 10) for intent, n in TRAIN_COUNTS.items()}
HANDWRITTEN_REPEAT = 2  # hand-written rows are few and carefully phrased: seen twice per epoch
DEV_SHARE = 20  # percent of hand-written rows (outside the issue's own block) kept for dev
ISSUE_BLOCK_END = 34  # the issue's and acceptance conversation's commands: lines 1..34


def handwritten() -> tuple[list[Annotated], list[Annotated]]:
    """(train, dev) hand-written rows; the issue's own examples (first block) always train."""
    train, dev = [], []
    for row in markup.read(HANDWRITTEN):
        line = int(row.template.rsplit(":", 1)[1])
        to_dev = line > ISSUE_BLOCK_END and split.bucket("hand:" + row.text) < DEV_SHARE
        (dev if to_dev else train).append(row)
    return train, dev



def aligned(rows: list[Annotated]) -> list[Annotated]:
    """Rows whose spans all fall on spaCy token boundaries (the rest would be noise)."""
    import spacy

    nlp = spacy.blank("en")
    keep = []
    for row in rows:
        doc = nlp.make_doc(row.text)
        if all(doc.char_span(s, e) is not None for s, e, _ in row.spans):
            keep.append(row)
    return keep


def examples(seed: int = 0) -> tuple[list[Annotated], list[Annotated]]:
    """(train, dev) rows for a seed: the same seed always gives the same rows, in the same order."""
    rng = random.Random(seed)
    hand_train, hand_dev = handwritten()
    train = list(generate(rng, "train", TRAIN_COUNTS)) + hand_train * HANDWRITTEN_REPEAT
    train += realdata.training_examples()
    dev = list(generate(random.Random(seed + 1), "dev", DEV_COUNTS)) + hand_dev
    rng.shuffle(train)
    return aligned(train), aligned(dev)


def build(out_dir: Path, seed: int = 0) -> tuple[Path, Path]:
    """Write train.jsonl and dev.jsonl (our corpus format, nlu/annotated.py) under `out_dir`."""
    out_dir = Path(out_dir)
    train, dev = examples(seed)
    train_path, dev_path = out_dir / "train.jsonl", out_dir / "dev.jsonl"
    write_jsonl(train_path, train)
    write_jsonl(dev_path, dev)
    return train_path, dev_path
