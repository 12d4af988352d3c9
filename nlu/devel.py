"""SLURP devel as the dev set of record: the headline figures, per-label scores and calibration.

The four headline figures (intent, title, when, false-writes) come from the shared tool
`../shared/tools/slurp-score` (`nlu.modelcard.measure_slurp`). This module adds what
the tool does not print: how well the calibrated confidence matches how often the intent is
right on devel (reliability table, ECE), and the per-label scores of `python -m nlu evaluate`.

Right or wrong, as slurp-score counts it: on a calendar row the intent is right when ours
maps to the row's calendar intent (create/reschedule/update -> set, cancel -> remove,
query/availability -> query); on any other row only out_of_scope is right.
"""

from __future__ import annotations

import json
from pathlib import Path

from nlu import calibration
from nlu.settings import settings

TO_SLURP = {
    "create": "set",
    "reschedule": "set",
    "update": "set",
    "cancel": "remove",
    "query": "query",
    "availability": "query",
}


def rows() -> list[dict]:
    """SLURP devel's rows (the file named by the settings)."""
    with open(settings().slurp_devel, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def right(intent: str, row: dict) -> bool:
    """Whether `intent` is right for a devel row (module docstring)."""
    if row["scenario"] != "calendar":
        return intent == "out_of_scope"
    return TO_SLURP.get(intent) == row["intent"].split("_")[-1]


def reliability(model_dir: Path | str | None = None) -> dict:
    """Calibration of a pipeline on all of devel: accuracy, ECE with and without the temperature,
    and the reliability table of the calibrated confidence."""
    import nlu

    parser = nlu.load(model_dir)
    data = rows()
    parses = list(parser.parse_many([row["sentence"] for row in data]))
    calibrated = [(p.confidence, right(p.intent, row)) for p, row in zip(parses, data, strict=True)]
    raw = [
        (max(p.scores.values()) if p.scores else p.confidence, ok)
        for p, (_, ok) in zip(parses, calibrated, strict=True)
    ]
    return {
        "n": len(data),
        "accuracy": round(sum(ok for _, ok in calibrated) / len(data), 4),
        "temperature": parser.temperature,
        "ece_raw": calibration.ece(raw),
        "ece": calibration.ece(calibrated),
        "table": calibration.reliability(calibrated),
        "confirm_below": calibration.CONFIRM_BELOW,
        "share_below": round(sum(c < calibration.CONFIRM_BELOW for c, _ in calibrated) / len(data), 4),
        "accuracy_at_or_above": _accuracy_above(calibrated, calibration.CONFIRM_BELOW),
    }


def _accuracy_above(pairs: list[tuple[float, bool]], threshold: float) -> float | None:
    kept = [ok for c, ok in pairs if c >= threshold]
    return round(sum(kept) / len(kept), 4) if kept else None
