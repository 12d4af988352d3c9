"""A typed message of several sentences: the request may sit in one of them.

"Hi! Just wondering, when is the quarterly all-hands? I keep forgetting." reads as chat
as a whole, and the intent classifier says out_of_scope; the middle sentence alone is a
plain query. When the whole message reads as out of scope, each sentence is classified on
its own and the most confident calendar reading among them is taken.

The two readings disagree, so the confidence reported is that sentence's calibrated
confidence times the whole message's calibrated doubt that it is out of scope: a caller
that asks below `nlu.calibration.CONFIRM_BELOW` then asks before writing ("I keep
forgetting to drink water. Any tips?" must not schedule anything unasked), while a query
is answered. Spoken input has no sentence marks and is never split.
"""

from __future__ import annotations

import re

from nlu.calibration import scaled

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
OUT = "out_of_scope"


def split(text: str) -> list[str]:
    """The sentences of a message (one item when it has no sentence marks inside)."""
    return [s for s in SENTENCE_END.split(text.strip()) if s.strip()]


def calendar_reading(nlp, text: str, whole: dict[str, float], temperature: float) -> tuple[str, float] | None:
    """The intent and confidence of the most confident calendar sentence, or None.

    `whole` holds the message's raw intent scores; the reading is taken only when the whole
    message reads as out of scope and has two sentences or more.
    """
    sentences = split(text)
    if len(sentences) < 2 or not whole or max(whole, key=whole.get) != OUT:
        return None
    best: tuple[str, float] | None = None
    for doc in nlp.pipe(sentences, disable=["ner"]):
        probs = scaled({k: float(v) for k, v in doc.cats.items() if k in whole}, temperature)
        intent = max(probs, key=probs.get)
        if intent != OUT and (best is None or probs[intent] > best[1]):
            best = (intent, probs[intent])
    if best is None:
        return None
    doubt = 1.0 - scaled(whole, temperature)[OUT]
    return best[0], best[1] * doubt
