"""Read the annotated formats people bring and turn them into spaCy DocBins, loudly.

Formats `load_examples` recognises (sniffed from the content, not the file name):

    ours      JSONL rows {"text", "intent", "spans": [{"start", "end", "label"}]}  (end exclusive)
    tutorial  {"examples": [{"content", "annotations": [{"start", "end", "tag_name"}]}]}
              with `end` INCLUSIVE and tag names in any casing
    pairs     spaCy's [[text, {"entities": [[start, end, label]], "cats"?: {...}}], ...]
    docbin    a .spacy file (doc.ents, doc.cats)
    slurp     SLURP JSONL rows (sentence, tokens, entities, intent, scenario)

Conversion to a DocBin never drops a span silently: every span that does not fall on token
boundaries, overlaps another, or has an unknown label is reported as a `Problem`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from nlu.examples import Annotated
from nlu.result import INTENTS, LABELS


@dataclass(frozen=True)
class Problem:
    """A gold span that cannot go into a Doc as it stands, and why."""

    row: int  # 1-based position of the example in its source
    text: str
    span: tuple[int, int, str]
    reason: str

    def __str__(self) -> str:
        start, end, label = self.span
        return f"row {self.row}: {label} [{start}:{end}] {self.text[start:end]!r} {self.reason} in {self.text!r}"


def blank_nlp():
    """The tokenizer the pipeline trains with: spaCy's blank English."""
    import spacy

    return spacy.blank("en")


def to_doc(nlp, example: Annotated, row: int = 0) -> tuple["Doc", list[Problem]]:
    """A Doc with the example's entities and one-hot intent cats, plus the spans left out."""
    doc = nlp.make_doc(example.text)
    ents, problems, taken = [], [], set()
    for start, end, label in sorted(example.spans):
        reason = _span_problem(doc, start, end, label, taken)
        if reason:
            problems.append(Problem(row, example.text, (start, end, label), reason))
            continue
        span = doc.char_span(start, end, label=label)
        taken.update(range(span.start, span.end))
        ents.append(span)
    doc.ents = ents
    if example.intent in INTENTS:
        doc.cats = {intent: float(intent == example.intent) for intent in INTENTS}
    return doc, problems


def _span_problem(doc, start: int, end: int, label: str, taken: set[int]) -> str:
    """Why a span cannot be an entity of `doc` ("" when it can)."""
    if label not in LABELS:
        return f"unknown label (known: {', '.join(LABELS)})"
    if not 0 <= start < end <= len(doc.text):
        return "offsets outside the text or empty"
    if doc.text[start:end] != doc.text[start:end].strip():
        return "leading or trailing whitespace"
    span = doc.char_span(start, end, label=label)
    if span is None:
        return "not aligned to token boundaries (tokens: " + _tokens_around(doc, start, end) + ")"
    if taken.intersection(range(span.start, span.end)):
        return "overlaps another span"
    return ""


def _tokens_around(doc, start: int, end: int) -> str:
    return " | ".join(t.text for t in doc if t.idx < end and t.idx + len(t) > start)


def write_docbin(examples: Iterable[Annotated], path: str | Path, nlp=None) -> tuple[int, list[Problem]]:
    """Write examples to a .spacy DocBin; returns (docs written, spans left out with reasons)."""
    from spacy.tokens import DocBin

    nlp = nlp or blank_nlp()
    docbin, problems, n = DocBin(store_user_data=False), [], 0
    for row, example in enumerate(examples, start=1):
        doc, bad = to_doc(nlp, example, row)
        docbin.add(doc)
        problems.extend(bad)
        n += 1
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return n, problems
