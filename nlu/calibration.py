"""Intent confidence that means something: temperature scaling, its error, and the ask threshold.

The textcat's softmax is over-confident (1.0 on most wrong answers). Dividing its log
probabilities by one temperature T > 1, fitted on rows the model never trained on, keeps the
ranking (the intent does not change) and makes the top probability match how often it is
right. `python -m nlu train` fits T on the corpus's calibration slice and stores it in the
pipeline's meta.json ("calibration"); the parser applies it. Raw scores stay in `Parse.scores`.

CONFIRM_BELOW: below this calibrated confidence a caller should ask before acting ("Did you
mean to schedule X?"). Chosen from the reliability table on SLURP devel (model card): below
0.7 the intent is right about two times in three or less, at or above it about 97 times in
100, and only a few percent of commands fall below it, so asking there costs little.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

CONFIRM_BELOW = 0.7
BINS = 10
_FLOOR = 1e-9


def scaled(scores: dict[str, float], temperature: float) -> dict[str, float]:
    """Probabilities after temperature scaling (T = 1: unchanged up to normalisation)."""
    if not scores:
        return {}
    logits = {k: math.log(max(v, _FLOOR)) / temperature for k, v in scores.items()}
    top = max(logits.values())
    weights = {k: math.exp(v - top) for k, v in logits.items()}
    total = sum(weights.values())
    return {k: w / total for k, w in weights.items()}


def nll(rows: Sequence[tuple[dict[str, float], str]], temperature: float) -> float:
    """Mean negative log-likelihood of the gold intents under temperature `temperature`."""
    return -sum(math.log(max(scaled(s, temperature).get(gold, 0.0), _FLOOR)) for s, gold in rows) / len(rows)


def fit_temperature(rows: Sequence[tuple[dict[str, float], str]], low: float = 0.5, high: float = 20.0) -> float:
    """The T that minimises the NLL of (raw scores, gold intent) rows: golden-section search on
    log T (the NLL is unimodal in T); 1.0 when there is nothing to fit on."""
    if not rows:
        return 1.0
    a, b = math.log(low), math.log(high)
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(60):
        c, d = b - ratio * (b - a), a + ratio * (b - a)
        if nll(rows, math.exp(c)) < nll(rows, math.exp(d)):
            b = d
        else:
            a = c
    return round(math.exp((a + b) / 2), 4)


def reliability(pairs: Sequence[tuple[float, bool]], bins: int = BINS) -> list[dict]:
    """Per confidence bin: how many answers, their mean confidence and how many were right."""
    table = []
    for i in range(bins):
        low, high = i / bins, (i + 1) / bins
        inside = [(c, ok) for c, ok in pairs if low <= c < high or (i == bins - 1 and c == 1.0)]
        if inside:
            table.append(
                {
                    "low": low,
                    "high": high,
                    "n": len(inside),
                    "confidence": round(sum(c for c, _ in inside) / len(inside), 4),
                    "accuracy": round(sum(ok for _, ok in inside) / len(inside), 4),
                }
            )
    return table


def ece(pairs: Sequence[tuple[float, bool]], bins: int = BINS) -> float:
    """Expected calibration error: the bins' |accuracy - confidence|, weighted by their size."""
    if not pairs:
        return 0.0
    return round(
        sum(row["n"] * abs(row["accuracy"] - row["confidence"]) for row in reliability(pairs, bins)) / len(pairs), 4
    )
