"""The annotated example every importer produces and every trainer/evaluator consumes.

Our corpus format is JSONL, one object a line:

    {"text": "Schedule event for visit to Trivandrum on July 18",
     "intent": "create",
     "spans": [{"start": 0, "end": 8, "label": "ACTION"}, ...],   # end exclusive
                                                                  # a span may add "role": "old" | "new"
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
    """One command with its gold spans (start, end exclusive, label) and intent (or None).

    `roles` holds (start, end, role) for the spans that carry a role ("old"/"new",
    ANNOTATION.md): most spans have none, and a role never changes a span, so it is kept
    beside the spans rather than in them.
    """

    text: str
    spans: tuple[tuple[int, int, str], ...] = ()
    intent: str | None = None
    source: str = ""
    template: str = ""
    meta: dict = field(default_factory=dict, compare=False)
    roles: tuple[tuple[int, int, str], ...] = ()

    def role_of(self, start: int, end: int) -> str | None:
        """The role of the span at [start, end), or None."""
        return next((role for s, e, role in self.roles if (s, e) == (start, end)), None)

    def to_json(self) -> dict:
        out = {
            "text": self.text,
            "intent": self.intent,
            "spans": [self._span_json(s, e, label) for s, e, label in self.spans],
        }
        if self.source:
            out["source"] = self.source
        if self.template:
            out["template"] = self.template
        return out

    def _span_json(self, start: int, end: int, label: str) -> dict:
        role = self.role_of(start, end)
        return {"start": start, "end": end, "label": label, **({"role": role} if role else {})}

    @classmethod
    def from_json(cls, row: dict) -> Annotated:
        raw = row.get("spans") or ()
        spans = tuple((int(s["start"]), int(s["end"]), str(s["label"])) for s in raw)
        roles = tuple((int(s["start"]), int(s["end"]), str(s["role"])) for s in raw if s.get("role"))
        return cls(
            text=row["text"],
            spans=spans,
            intent=row.get("intent"),
            source=row.get("source", ""),
            template=row.get("template", ""),
            roles=roles,
        )


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
