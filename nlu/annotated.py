"""The annotated example every importer produces and every trainer/evaluator consumes.

Our corpus format is JSONL, one object a line:

    {"text": "Schedule event for visit to Trivandrum on July 18",
     "intent": "create",
     "spans": [{"start": 0, "end": 8, "label": "ACTION"}, ...],   # end exclusive
     "source": "generated" | "handwritten" | "slurp" | ...,      # optional
     "template": "create/basic-07"}                               # optional, for held-out splits
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Annotated:
    """One command with its gold spans (start, end exclusive, label) and intent (or None)."""

    text: str
    spans: tuple[tuple[int, int, str], ...] = ()
    intent: str | None = None
    source: str = ""
    template: str = ""
    meta: dict = field(default_factory=dict, compare=False)

    def to_json(self) -> dict:
        out = {"text": self.text, "intent": self.intent,
               "spans": [{"start": s, "end": e, "label": label} for s, e, label in self.spans]}
        if self.source:
            out["source"] = self.source
        if self.template:
            out["template"] = self.template
        return out

    @classmethod
    def from_json(cls, row: dict) -> "Annotated":
        spans = tuple((int(s["start"]), int(s["end"]), str(s["label"])) for s in row.get("spans") or ())
        return cls(text=row["text"], spans=spans, intent=row.get("intent"),
                   source=row.get("source", ""), template=row.get("template", ""))


def read_jsonl(path: str | Path) -> list[Annotated]:
    """Our corpus format, one Annotated per non-empty line."""
    with open(path, encoding="utf-8") as handle:
        return [Annotated.from_json(json.loads(line)) for line in handle if line.strip()]


def write_jsonl(path: str | Path, examples: Iterable[Annotated]) -> int:
    """Write examples in our corpus format; returns how many."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(path, "w", encoding="utf-8") as handle:
        for ex in examples:
            handle.write(json.dumps(ex.to_json(), ensure_ascii=False) + "\n")
            n += 1
    return n
