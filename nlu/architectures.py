"""The intent classifier's architecture: spaCy's text-classification ensemble, with its output
layer started from random weights instead of zeros.

spaCy's `spacy.TextCatEnsemble.v2` joins a bag of words (a softmax over the intents) and the
tok2vec's attention summary under one softmax layer whose weights start at zero. The bag's
first outputs are all alike (1/7 each), so the zero layer gives each the same gradient, which
the bag's own softmax cancels: the bag never leaves that point and the words it sees ("did",
"calendar", "coffee") weigh nothing. After a full training run its largest weight is 0.005,
where a bag trained alone reaches 0.17 in two epochs of a quarter of the rows. Starting the
output layer from Glorot-uniform weights breaks the tie; everything else is spaCy's own
builder.

`spacy.load` of a pipeline that uses it needs this module imported first: `nlu.parser`
and `nlu.training` import it.
"""

from __future__ import annotations

from spacy.ml.models.textcat import build_text_classifier_v2
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Model, Softmax, glorot_uniform_init
from thinc.types import Floats2d


@registry.architectures("calendar.TextCatEnsemble.v1")
def text_classifier(
    tok2vec: Model[list[Doc], list[Floats2d]],
    linear_model: Model[list[Doc], Floats2d],
    nO: int | None = None,
) -> Model[list[Doc], Floats2d]:
    """`spacy.TextCatEnsemble.v2` whose softmax output layer starts from random weights (see the
    module doc). A multi-label ensemble ends in a Linear layer, which starts random already."""
    model = build_text_classifier_v2(tok2vec, linear_model, nO)
    output = model.layers[-1]
    if output.name == "softmax":
        model.layers[-1] = Softmax(
            nO=output.maybe_get_dim("nO"), nI=output.maybe_get_dim("nI"), init_W=glorot_uniform_init
        )
    return model
