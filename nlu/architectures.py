"""The intent classifier's architecture: spaCy's text-classification ensemble, with its output
layer started from random weights instead of zeros.

spaCy's `spacy.TextCatEnsemble.v2` joins a bag of words (a softmax over the intents) and the
tok2vec's attention summary under one softmax layer whose weights start at zero. The bag's
first outputs are all alike (1/7 each), so the zero layer gives each the same gradient, which
the bag's own softmax cancels: the bag never leaves that point and the words it sees ("did",
"calendar", "coffee") weigh nothing. After a full training run its largest weight is 0.005,
where a bag trained alone reaches 0.17 in two epochs of a quarter of the rows. Starting the
output layer from Glorot-uniform weights breaks the tie; everything else is spaCy's.

`spacy.load` of a pipeline that uses it needs this module imported first: `nlu.parser`
and `nlu.training` import it.
"""

from __future__ import annotations

from spacy.ml.models.textcat import init_ensemble_textcat
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    Dropout,
    LayerNorm,
    Linear,
    Logistic,
    Maxout,
    Model,
    ParametricAttention,
    Softmax,
    chain,
    concatenate,
    glorot_uniform_init,
    list2ragged,
    reduce_sum,
    residual,
)
from thinc.types import Floats2d


@registry.architectures("calendar.TextCatEnsemble.v1")
def text_classifier(
    tok2vec: Model[list[Doc], list[Floats2d]],
    linear_model: Model[list[Doc], Floats2d],
    nO: int | None = None,
) -> Model[list[Doc], Floats2d]:
    """`spacy.TextCatEnsemble.v2` with a randomly initialised output layer (see the module doc)."""
    exclusive_classes = not linear_model.attrs["multi_label"]
    width = tok2vec.maybe_get_dim("nO")
    attention_layer = ParametricAttention(width)
    maxout_layer = Maxout(nO=width, nI=width)
    norm_layer = LayerNorm(nI=width)
    cnn_model: Model[list[Doc], Floats2d] = chain(
        tok2vec,
        list2ragged(),
        attention_layer,
        reduce_sum(),
        residual(chain(maxout_layer, norm_layer, Dropout(0.0))),
    )
    both = nO * 2 if nO else None
    output_layer: Model = (
        Softmax(nO=nO, nI=both, init_W=glorot_uniform_init)
        if exclusive_classes
        else chain(Linear(nO=nO, nI=both, init_W=glorot_uniform_init), Logistic())
    )
    model: Model[list[Doc], Floats2d] = chain(concatenate(linear_model, cnn_model), output_layer)
    model.set_ref("tok2vec", tok2vec)
    if model.has_dim("nO") is not False and nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", linear_model.get_ref("output_layer"))
    model.set_ref("attention_layer", attention_layer)
    model.set_ref("maxout_layer", maxout_layer)
    model.set_ref("norm_layer", norm_layer)
    model.attrs["multi_label"] = not exclusive_classes
    model.init = init_ensemble_textcat
    return model
