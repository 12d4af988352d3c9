"""General English words and how often they are said, from the recognizer's own stock model.

Our text holds about 5,000 words; a person may say any other ("my son", "penguins", a
colleague's name). pocketsphinx's wheel ships a general English trigram model (72,000 words)
beside CMUdict: the unigram probabilities of its most frequent words become a third part of
the mixture, so an unexpected word can still be heard, at a weight measured on held-out text.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

_PLAIN = re.compile(r"[a-z]+(?:'[a-z]+)?")


def frequent_words(count: int, cmudict: dict[str, list[str]], model: Path | None = None) -> dict[str, float]:
    """The `count` most probable CMUdict words of the stock model, probabilities summing to 1.

    Ties are broken by the word, so the list is the same on every machine.
    """
    if count <= 0:
        return {}
    from pocketsphinx import NGramModel, get_model_path

    lm = NGramModel.readfile(str(model or get_model_path("en-us/en-us.lm.bin")))
    unknown = lm.prob(["<unk>"])
    scored = [(lm.prob([word]), word) for word in sorted(cmudict) if _PLAIN.fullmatch(word)]
    best = sorted(((-score, word) for score, word in scored if score != unknown))[:count]
    base = math.log(1.0001)  # pocketsphinx's log base
    probs = {word: math.exp(-score * base) for score, word in best}
    total = sum(probs.values())
    return {word: p / total for word, p in probs.items()}
