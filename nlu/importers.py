"""Read the annotated formats people bring and turn them into spaCy DocBins, loudly.

Formats `load_examples` recognises (sniffed from the content, not the file name):

    ours      JSONL rows {"text", "intent", "spans": [{"start", "end", "label"}]}  (end exclusive)
    tutorial  {"examples": [{"content", "annotations": [{"start", "end", "tag_name"}]}]}
              with `end` INCLUSIVE and tag names in any casing
    pairs     spaCy's [[text, {"entities": [[start, end, label]], "cats"?: {...}}], ...]
    docbin    a .spacy file (doc.ents, doc.cats)
    slurp     SLURP JSONL rows (sentence, tokens, entities, intent, scenario)
    realdata  the NLU Evaluation Data rows (text, scenario, intent, entities with char offsets)
    markup    our hand-written lines, `intent | text with [slot](LABEL) or [slot](LABEL/role) marks`

Conversion to a DocBin never drops a span silently: every span that does not fall on token
boundaries, overlaps another, or has an unknown label is reported as a `Problem`.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from nlu.annotated import Annotated
from nlu.exceptions import BadData
from nlu.result import INTENTS, LABELS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


ROLES_KEY = "roles"  # the DocBin span group that carries slot roles (its span labels: old, new)


@dataclass(frozen=True)
class Problem:
    """A gold span that cannot go into a Doc as it stands, and why."""

    row: int  # 1-based position of the example in its source
    text: str
    span: tuple[int, int, str]
    reason: str

    def __str__(self) -> str:
        start, end, label = self.span
        where = f" [{start}:{end}] {self.text[start:end]!r}" if end > start else ""
        return f"row {self.row}: {label}{where} {self.reason} in {self.text!r}"


def blank_nlp() -> Language:
    """The tokenizer the pipeline trains with: spaCy's blank English."""
    import spacy

    return spacy.blank("en")


def to_doc(nlp: Language, example: Annotated, row: int = 0, roles: bool = True) -> tuple[Doc, list[Problem]]:
    """A Doc with the example's entities, their roles (the span group `doc.spans["roles"]`,
    labelled "old"/"new") and one-hot intent cats, plus the spans left out.

    Where the source cannot be trusted on some labels (meta["unscored"], e.g. SLURP has no
    ACTION/DOMAIN tags) the tokens outside its spans are marked missing, not "outside", so
    training does not learn that an untagged verb is no ACTION.

    `roles=False` leaves the role span group out: the pipeline does not learn roles (rules
    decide them, `nlu.roles`), and reading span groups back costs spaCy a registry scan per
    doc, every epoch.
    """
    row = example.meta.get("row", row)
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
    doc.set_ents(ents, default="missing" if example.meta.get("unscored") else "outside")
    if roles and example.roles:
        doc.spans[ROLES_KEY] = [
            doc.char_span(s, e, label=role)
            for s, e, role in example.roles
            if any(span.start_char == s and span.end_char == e for span in ents)
        ]
    if example.intent in INTENTS:
        doc.cats = {intent: float(intent == example.intent) for intent in INTENTS}
    return doc, problems


def _span_problem(doc: Doc, start: int, end: int, label: str, taken: set[int]) -> str:
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


def _tokens_around(doc: Doc, start: int, end: int) -> str:
    return " | ".join(t.text for t in doc if t.idx < end and t.idx + len(t) > start)


def to_docs(
    examples: Iterable[Annotated], nlp: Language | None = None, roles: bool = True
) -> tuple[list[Doc], list[Problem]]:
    """Docs for `examples` and every span that had to be left out (load-time ones included)."""
    nlp = nlp or blank_nlp()
    docs, problems = [], []
    for row, example in enumerate(examples, start=1):
        doc, bad = to_doc(nlp, example, row, roles)
        docs.append(doc)
        problems.extend(example.meta.get("load_problems", ()))
        problems.extend(bad)
    return docs, problems


def save_docbin(docs: list[Doc], path: str | Path) -> None:
    from spacy.tokens import DocBin

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)


def write_docbin(
    examples: Iterable[Annotated], path: str | Path, nlp: Language | None = None, roles: bool = True
) -> tuple[int, list[Problem]]:
    """Write examples to a .spacy DocBin; returns (docs written, spans left out with reasons)."""
    docs, problems = to_docs(examples, nlp, roles)
    save_docbin(docs, path)
    return len(docs), problems


# --- reading --------------------------------------------------------------------------------

# Tag names other tools use for our labels; anything else is upper-cased and, if still not
# one of ours, reported as an unknown label at conversion.
TAG_ALIASES = {
    "TIME": "DATE",
    "DATETIME": "DATE",
    "DATE_TIME": "DATE",
    "EVENT_NAME": "NAME",
    "TITLE": "NAME",
    "LOC": "LOCATION",
    "PLACE": "LOCATION",
    "PLACE_NAME": "LOCATION",
    "PER": "PERSON",
}


def label_of(tag: str) -> str:
    """Our label for a tag name in any casing ("date", "Date", "place_name" -> DATE, LOCATION)."""
    key = tag.strip().replace(" ", "_").replace("-", "_").upper()
    return TAG_ALIASES.get(key, key)


def intent_of(value) -> str | None:
    """Our intent for a source's intent value (None when it names none of ours)."""
    text = str(value or "").strip().lower().replace("-", "_").replace(" ", "_")
    return text if text in INTENTS else None


def sniff(path: Path) -> str:
    """Which format a file is in: "docbin", "markup", "tutorial", "pairs", "slurp" or "jsonl" (ours)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "docbin"
    if path.suffix == ".spacy":
        return "docbin"
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise BadData(f"{path} is empty")
    command = next((line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    if command.partition("|")[0].strip() in INTENTS and "|" in command:
        return "markup"
    if first.lstrip().startswith("["):
        return "pairs"
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict) and "examples" in whole:
        return "tutorial"
    if isinstance(whole, list):
        return "pairs"
    return _sniff_row(path, first)


def _sniff_row(path: Path, first: str) -> str:
    try:
        row = json.loads(first)
    except json.JSONDecodeError as err:
        raise BadData(f"{path}: not JSON, JSONL or a DocBin ({err})") from err
    if isinstance(row, dict) and "sentence" in row and "tokens" in row:
        return "slurp"
    if isinstance(row, dict) and "text" in row and "scenario" in row and "spans" not in row:
        return "realdata"
    if isinstance(row, dict) and "text" in row:
        return "jsonl"
    raise BadData(f"{path}: JSON rows without 'text' (ours) or 'sentence'+'tokens' (SLURP)")


def load_examples(path: str | Path) -> list[Annotated]:
    """Every example in `path`, whatever the format (see the module docstring)."""
    path = Path(path)
    if not path.is_file():
        raise BadData(f"no such data file: {path}")
    fmt = sniff(path)
    if fmt == "docbin":
        return read_docbin(path)
    if fmt == "markup":
        from nlu.corpus import markup

        return markup.read(path, source=path.stem)
    if fmt in ("jsonl", "slurp", "realdata"):
        rows = list(_jsonl_rows(path))
        if fmt in ("slurp", "realdata"):
            from nlu.slot_scheme import from_realdata, from_slurp

            read = from_slurp if fmt == "slurp" else from_realdata
            return [read(row, line) for line, row in rows]
        return [_ours(row, line) for line, row in rows]
    data = json.loads(path.read_text(encoding="utf-8"))
    return read_tutorial(data) if fmt == "tutorial" else read_pairs(data)


def _jsonl_rows(path: Path) -> Iterable[tuple[int, dict]]:
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    yield line_no, json.loads(line)
                except json.JSONDecodeError as err:
                    raise BadData(f"{path}:{line_no}: not a JSON line ({err})") from err


def _ours(row: dict, line: int) -> Annotated:
    example = Annotated.from_json(row)
    return replace(example, meta={**(row.get("meta") or {}), "row": line})


def read_tutorial(data: dict) -> list[Annotated]:
    """The tutorial format; its `end` is inclusive, so end + 1 is ours."""
    out = []
    for row, item in enumerate(data["examples"], start=1):
        annotations = item.get("annotations") or ()
        spans = tuple((int(a["start"]), int(a["end"]) + 1, label_of(a["tag_name"])) for a in annotations)
        roles = tuple((int(a["start"]), int(a["end"]) + 1, str(a["role"])) for a in annotations if a.get("role"))
        out.append(
            Annotated(
                text=item["content"],
                spans=spans,
                intent=intent_of(item.get("intent")),
                source="tutorial",
                meta={"row": row},
                roles=roles,
            )
        )
    return out


def read_pairs(data: list) -> list[Annotated]:
    """spaCy's [text, {"entities": [[start, end, label]], "cats": {...}}] pairs (end exclusive)."""
    out = []
    for row, item in enumerate(data, start=1):
        text, annotations = item[0], (item[1] if len(item) > 1 else {}) or {}
        spans = tuple((int(s), int(e), label_of(label)) for s, e, label in annotations.get("entities") or ())
        cats = annotations.get("cats") or {}
        intent = intent_of(max(cats, key=cats.get)) if cats else intent_of(annotations.get("intent"))
        out.append(Annotated(text=text, spans=spans, intent=intent, source="pairs", meta={"row": row}))
    return out


def read_docbin(path: Path) -> list[Annotated]:
    """A .spacy DocBin: doc.ents are the spans, doc.spans["roles"] their roles, the top doc.cats the intent."""
    from spacy.tokens import DocBin

    try:
        docs = list(DocBin().from_disk(path).get_docs(blank_nlp().vocab))
    except Exception as err:  # msgpack/zlib errors: the file is not a DocBin
        raise BadData(f"{path}: not a spaCy DocBin ({err})") from err
    out = []
    for row, doc in enumerate(docs, start=1):
        spans = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
        roles = tuple((r.start_char, r.end_char, r.label_) for r in doc.spans.get(ROLES_KEY, ()))
        intent = intent_of(max(doc.cats, key=doc.cats.get)) if doc.cats else None
        out.append(
            Annotated(text=doc.text, spans=spans, intent=intent, source="docbin", meta={"row": row}, roles=roles)
        )
    return out


# --- converting -----------------------------------------------------------------------------


def convert_command(args: argparse.Namespace) -> int:
    """`python -m nlu convert INPUT OUTPUT.spacy [--strict]`: every span left out is printed.

    By default the rest is converted and the exit code is 0, so a few bad spans in a large
    file do not block work; with --strict any bad span is an error (exit 1, nothing written).
    """
    examples = load_examples(args.input)
    docs, problems = to_docs(examples)
    for problem in problems:
        print(problem)
    refuse = bool(problems) and getattr(args, "strict", False)
    if not refuse:
        save_docbin(docs, args.output)
    spans = sum(len(ex.spans) for ex in examples)
    print(
        f"{len(docs)} examples, {spans} spans, {len(problems)} left out; "
        + ("nothing written (--strict)" if refuse else f"wrote {args.output}")
    )
    return 1 if refuse else 0
