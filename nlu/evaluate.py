"""`python -m nlu evaluate DATA`: per-label P/R/F1 (spaCy's scorer), intent accuracy with a
confusion table, role accuracy (old/new), and the worst errors, for any format
`nlu.importers.load_examples` reads (our hand-written markup included).

Scoring goes through the parser's public path (`parse_many`), so it measures what callers
get. Labels a source cannot be trusted on (`Annotated.meta["unscored"]`, e.g. SLURP marks no
ACTION/DOMAIN) are dropped from both gold and predicted spans of that example.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlu.annotated import Annotated
from nlu.result import INTENTS

if TYPE_CHECKING:
    from spacy.tokens import Doc

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Scored:
    """One example with what the parser said about it."""

    example: Annotated
    gold: tuple[Span, ...]
    predicted: tuple[Span, ...]
    intent: str
    predicted_roles: tuple[tuple[int, int, str], ...] = ()

    @property
    def intent_ok(self) -> bool:
        """Right intent; a source may accept several (SLURP's calendar_set: create or reschedule)."""
        return self.intent == self.example.intent or self.intent in self.example.meta.get("intents_ok", ())

    @property
    def mistakes(self) -> int:
        """Spans missed or invented, plus one for a wrong intent."""
        wrong_spans = len(set(self.gold) ^ set(self.predicted))
        return wrong_spans + int(self.example.intent is not None and not self.intent_ok)


def scored_spans(spans: tuple[Span, ...] | list[Span], example: Annotated) -> tuple[Span, ...]:
    """The spans that count for this example: its source's unscored labels left out."""
    skip = set(example.meta.get("unscored", ()))
    return tuple(sorted(s for s in spans if s[2] not in skip))


def run(examples: list[Annotated], parser) -> list[Scored]:
    """Parse every example once (batched) and pair gold with predicted."""
    parses = parser.parse_many([ex.text for ex in examples])
    out = []
    for example, parse in zip(examples, parses, strict=True):
        predicted = [(s.start, s.end, s.label) for s in parse.slots]
        roles = tuple((s.start, s.end, s.role) for s in parse.slots if s.role)
        out.append(
            Scored(example, scored_spans(example.spans, example), scored_spans(predicted, example), parse.intent, roles)
        )
    return out


def role_scores(results: list[Scored]) -> dict:
    """Roles (old/new) on the spans found exactly: of those where the gold or the parse gives a
    role, the share where both give the same one (a missing role counts as wrong)."""
    right = judged = 0
    for r in results:
        predicted = {(s, e): role for s, e, role in r.predicted_roles}
        for start, end, _ in set(r.gold) & set(r.predicted):
            gold, said = r.example.role_of(start, end), predicted.get((start, end))
            if gold or said:
                judged += 1
                right += gold == said
    return {"accuracy": round(right / judged, 4) if judged else None, "n": judged}


def span_scores(results: list[Scored]) -> dict:
    """Micro and per-label P/R/F1 with spaCy's scorer (exact span match)."""
    from spacy.scorer import get_ner_prf
    from spacy.training import Example

    from nlu.importers import blank_nlp

    nlp = blank_nlp()
    examples, adjusted = [], 0
    for r in results:
        (predicted, _), (gold, changed) = _doc(nlp, r.example.text, r.predicted), _doc(nlp, r.example.text, r.gold)
        examples.append(Example(predicted, gold))
        adjusted += changed
    prf = get_ner_prf(examples)
    support = Counter(label for r in results for _, _, label in r.gold)
    per_label = {
        label: {**{k: round(v, 4) for k, v in scores.items()}, "support": support[label]}
        for label, scores in sorted((prf.get("ents_per_type") or {}).items())
    }
    return {
        "p": _round(prf["ents_p"]),
        "r": _round(prf["ents_r"]),
        "f": _round(prf["ents_f"]),
        "per_label": per_label,
        "gold_adjusted": adjusted,
    }


def _round(value: float | None) -> float:
    return round(float(value or 0.0), 4)


def _doc(nlp, text: str, spans: tuple[Span, ...]) -> tuple[Doc, int]:
    """A Doc with `spans` as entities, and how many had to change: a span off token boundaries
    widens to the tokens it touches, one overlapping an earlier span is left out."""
    doc = nlp.make_doc(text)
    ents, used, changed = [], set(), 0
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or used.intersection(range(span.start, span.end)):
            changed += 1
            continue
        changed += (span.start_char, span.end_char) != (start, end)
        used.update(range(span.start, span.end))
        ents.append(span)
    doc.ents = sorted(ents, key=lambda s: s.start)
    return doc, changed


def intent_scores(results: list[Scored]) -> dict:
    """Accuracy over examples with a gold intent, and the confusion table gold -> predicted."""
    judged = [r for r in results if r.example.intent is not None]
    confusion = {gold: dict.fromkeys(INTENTS, 0) for gold in INTENTS}
    for r in judged:
        confusion.setdefault(r.example.intent, dict.fromkeys(INTENTS, 0))[r.intent] += 1
    right = sum(r.intent_ok for r in judged)
    return {"accuracy": round(right / len(judged), 4) if judged else None, "n": len(judged), "confusion": confusion}


def worst(results: list[Scored], n: int) -> list[dict]:
    """The `n` examples with the most mistakes, most first (ties in data order)."""
    bad = sorted((r for r in results if r.mistakes), key=lambda r: -r.mistakes)[:n]
    return [
        {
            "text": r.example.text,
            "mistakes": r.mistakes,
            "source": r.example.source,
            "gold_intent": r.example.intent,
            "intent": r.intent,
            "gold": [_show(r.example.text, s) for s in r.gold],
            "predicted": [_show(r.example.text, s) for s in r.predicted],
        }
        for r in bad
    ]


def _show(text: str, span: Span) -> str:
    start, end, label = span
    return f"{label}:{text[start:end]!r}"


def evaluate(examples: list[Annotated], parser, errors: int = 10) -> dict:
    """Scores of `parser` on `examples`: spans, intent, worst errors (the CLI's and model card's data)."""
    results = run(examples, parser)
    return {
        "n": len(examples),
        "spans": span_scores(results),
        "intent": intent_scores(results),
        "roles": role_scores(results),
        "by_source": by_source(results),
        "errors": worst(results, errors),
    }


def by_source(results: list[Scored]) -> dict:
    """Micro-F1 and intent accuracy per source, when the data mixes several (generated, slurp, ...)."""
    groups: dict[str, list[Scored]] = {}
    for r in results:
        groups.setdefault(r.example.source or "unknown", []).append(r)
    if len(groups) < 2:
        return {}
    return {
        source: {"n": len(group), "f": span_scores(group)["f"], "intent_accuracy": intent_scores(group)["accuracy"]}
        for source, group in sorted(groups.items())
    }


# --- the command ----------------------------------------------------------------------------


def evaluate_command(args: argparse.Namespace) -> int:
    """`python -m nlu evaluate DATA [--model PATH] [--fail-under F1] [--json] [--errors N]`.

    Exits 1 when the slot micro-F1 (over the labels each source is scored on) is below
    --fail-under, given as a fraction (0.85).
    """
    import nlu
    from nlu.exceptions import BadData
    from nlu.importers import load_examples

    if args.fail_under is not None and not 0 <= args.fail_under <= 1:
        raise BadData(f"--fail-under is an F1 between 0 and 1, not {args.fail_under}")
    examples = load_examples(args.data)
    result = evaluate(examples, nlu.load(args.model), errors=args.errors)
    result["data"] = str(args.data)
    failed = args.fail_under is not None and result["spans"]["f"] < args.fail_under
    if args.json:
        print(json.dumps({**result, "fail_under": args.fail_under, "passed": not failed}, ensure_ascii=False))
    else:
        print(report(result))
        if args.fail_under is not None:
            verdict = "below" if failed else "meets"
            print(f"\nslot micro-F1 {result['spans']['f']:.3f} {verdict} --fail-under {args.fail_under}")
    return 1 if failed else 0


def report(result: dict) -> str:
    """The human-readable form: label table, intent accuracy and confusion, worst errors."""
    parts = [
        _label_table(result),
        _source_table(result.get("by_source") or {}),
        _confusion_table(result["intent"]),
        _role_line(result.get("roles") or {}),
        _error_list(result["errors"]),
    ]
    return "\n\n".join(p for p in parts if p)


def _role_line(roles: dict) -> str:
    if not roles.get("n"):
        return "roles: none in the gold spans found or the parses"
    return (
        f"role accuracy {roles['accuracy']:.3f} over {roles['n']} spans found where the gold or the parse gives a role"
    )


def _source_table(sources: dict) -> str:
    if not sources:
        return ""
    lines = [f"{'source':<14} {'n':>6} {'F1':>6} {'intent':>7}"]
    for source, s in sources.items():
        accuracy = "-" if s["intent_accuracy"] is None else f"{s['intent_accuracy']:.3f}"
        lines.append(f"{source:<14} {s['n']:>6} {s['f']:>6.3f} {accuracy:>7}")
    return "\n".join(lines)


def _label_table(result: dict) -> str:
    spans = result["spans"]
    lines = [
        f"{result.get('data', 'data')}: {result['n']} examples",
        f"{'label':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}",
    ]
    for label, s in spans["per_label"].items():
        lines.append(f"{label:<10} {s['p']:>6.3f} {s['r']:>6.3f} {s['f']:>6.3f} {s['support']:>6}")
    lines.append(f"{'micro':<10} {spans['p']:>6.3f} {spans['r']:>6.3f} {spans['f']:>6.3f}")
    if spans.get("gold_adjusted"):
        lines.append(
            f"({spans['gold_adjusted']} gold spans were off token boundaries or overlapping: "
            "widened to whole tokens or left out; `python -m nlu convert` lists them)"
        )
    return "\n".join(lines)


def _confusion_table(intent: dict) -> str:
    if not intent["n"]:
        return "intent: no gold intents in this data"
    short = {"out_of_scope": "oos", "reschedule": "resched", "availability": "avail"}
    head = " ".join(f"{short.get(p, p):>8}" for p in INTENTS)
    lines = [
        f"intent accuracy {intent['accuracy']:.3f} over {intent['n']} examples",
        "confusion (rows: gold, columns: predicted)",
        f"{'':<13}{head}",
    ]
    for gold, row in intent["confusion"].items():
        if sum(row.values()):
            lines.append(f"{gold:<13}" + " ".join(f"{row.get(p, 0):>8}" for p in INTENTS))
    return "\n".join(lines)


def _error_list(errors: list[dict]) -> str:
    if not errors:
        return "no errors listed"
    lines = [f"worst {len(errors)} errors:"]
    for i, e in enumerate(errors, 1):
        lines += [
            f"{i:>3}. [{e['mistakes']}] {e['text']!r}",
            f"     gold: {e['gold_intent']:<12} {' '.join(e['gold'])}",
            f"     said: {e['intent']:<12} {' '.join(e['predicted'])}",
        ]
    return "\n".join(lines)
