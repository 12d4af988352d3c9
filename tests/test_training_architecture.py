"""The intent classifier's ensemble (nlu.architectures): its bag of words learns.

spaCy's `spacy.TextCatEnsemble.v2` starts its output layer at zero, and its bag of words never
leaves its starting point; ours starts the output layer at random, and the bag learns. Both are
trained here the same way on a toy task the bag alone can solve (one keyword per intent)."""

from __future__ import annotations

import numpy as np
import pytest

import nlu.architectures  # noqa: F401  (registers calendar.TextCatEnsemble.v1)

spacy = pytest.importorskip("spacy")

ROWS = [
    ("cancel the dentist", "cancel"),
    ("please cancel lunch", "cancel"),
    ("cancel my run on friday", "cancel"),
    ("show the dentist", "query"),
    ("please show lunch", "query"),
    ("show my run on friday", "query"),
]


def _trained(architecture: str, seed: int = 0):
    from spacy.training import Example
    from spacy.util import fix_random_seed

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    tok2vec = {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": 16,
            "attrs": ["NORM"],
            "rows": [200],
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": 16,
            "depth": 1,
            "window_size": 1,
            "maxout_pieces": 2,
        },
    }
    bow = {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 1,
        "no_output_layer": False,
        "length": 1024,
    }
    textcat = nlp.add_pipe(
        "textcat", config={"model": {"@architectures": architecture, "tok2vec": tok2vec, "linear_model": bow}}
    )
    for label in ("cancel", "query"):
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {"cancel": float(i == "cancel"), "query": float(i == "query")}})
        for text, i in ROWS
    ]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, sgd=optimizer)
    return nlp, textcat


def _bag_weights(textcat) -> np.ndarray:
    layer = next(node for node in textcat.model.walk() if node.name == "sparse_linear")
    return np.abs(layer.get_param("W"))


def test_our_ensemble_trains_its_bag_of_words_and_reads_the_keyword():
    nlp, textcat = _trained("calendar.TextCatEnsemble.v1")
    assert _bag_weights(textcat).max() > 0.005
    assert nlp("cancel the gym").cats["cancel"] > 0.5
    assert nlp("show the gym").cats["query"] > 0.5


def test_spacys_ensemble_leaves_its_bag_of_words_where_it_started():
    _, textcat = _trained("spacy.TextCatEnsemble.v2")
    assert _bag_weights(textcat).max() < 0.001
