"""The model card: meta.json fields and README.md of a trained pipeline, always generated.

`write_after_training` runs at the end of `python -m nlu train` (labels, data, seed, dev
scores, the calibration fitted); `python -m nlu.modelcard` measures the pipeline on SLURP
devel (slurp-score, per-label scores, the reliability table) and on the typed test set;
`python -m nlu.ablation --record` adds the ablation and seed table. Each rewrites README.md
from meta.json, so the card never drifts from the figures it shows.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from nlu.result import INTENTS, LABELS

if TYPE_CHECKING:
    from nlu.training import Corpus

ROOT = Path(__file__).resolve().parent.parent
SLURP_CREDIT = (
    'SLURP (Bastianelli, Vanzo, Swietojanski and Rieser, "SLURP: A Spoken Language '
    'Understanding Resource Package", EMNLP 2020), text under CC BY 4.0'
)


REALDATA_CREDIT = (
    'the NLU Evaluation Data (Liu, Eshghi, Swietojanski and Rieser, "Benchmarking Natural '
    'Language Understanding Services for building Conversational Agents", IWSDS 2019), text under CC BY 4.0'
)
SLURP_TARGETS = {"intent": ">= 0.90", "title": ">= 0.82", "when": ">= 0.91", "false-writes": "<= 0.02"}
SLURP_BASELINE = {"intent": "0.876", "title": "0.796", "when": "0.907"}
TYPED_TARGETS = {"intent": ">= 0.92", "NAME": ">= 0.85", "DATE": ">= 0.92"}
KEPT = ("devel", "typed", "ablation")  # measurements of the experiment, kept when the weights change


def read_meta(model_dir: Path) -> dict:
    return json.loads((Path(model_dir) / "meta.json").read_text(encoding="utf-8"))


def write_meta(model_dir: Path, meta: dict) -> None:
    (Path(model_dir) / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (Path(model_dir) / "README.md").write_text(render(meta), encoding="utf-8")


def data_summary(corpus: Corpus) -> dict:
    """Sizes of the splits, by source, for the card."""
    return {
        "origin": corpus.origin,
        "train": len(corpus.train),
        "dev": len(corpus.dev),
        "train_by_source": dict(Counter(ex.source or "unknown" for ex in corpus.train).most_common()),
        "dev_by_source": dict(Counter(ex.source or "unknown" for ex in corpus.dev).most_common()),
        "train_by_intent": dict(Counter(ex.intent or "none" for ex in corpus.train).most_common()),
    }


def write_after_training(
    model_dir: Path, corpus: Corpus, seed: int, config: Path, max_steps: int | None, recipe=None, vectors: bool = False
) -> dict:
    """Score the new pipeline on its dev split and write meta.json + README.md."""
    import nlu
    from nlu.evaluate import evaluate

    scores = evaluate(corpus.dev, nlu.load(model_dir), errors=0)
    meta = read_meta(model_dir)
    meta.update(
        {
            "name": "nlu_calendar",
            "lang": "en",
            "description": "Calendar commands: intent (textcat) and slots (NER), trained from spacy.blank('en')",
            "license": meta.get("license") or "see the repository",
            "intents": list(INTENTS),
        }
    )
    meta["training"] = {
        "seed": seed,
        "config": _rel(config),
        "max_steps": max_steps,
        "command": "python -m nlu train",
        "data": data_summary(corpus),
        "vectors": vectors,
        "recipe": {"template_ratio": recipe.template_ratio, "handwritten": recipe.handwritten}
        if recipe is not None
        else None,
    }
    meta["dev_scores"] = {
        "n": scores["n"],
        "spans": scores["spans"],
        "intent_accuracy": scores["intent"]["accuracy"],
        "intent_confusion": scores["intent"]["confusion"],
    }
    meta["slurp"] = None  # new weights: earlier SLURP figures no longer describe them
    meta["devel"] = None
    if meta.get("typed"):
        meta["typed"] = {"first": meta["typed"].get("first")}  # the before-figure stays; the rest is re-measured
    write_meta(model_dir, meta)
    return meta


def set_slurp_scores(model_dir: Path, figures: dict, command: str) -> dict:
    """Record SLURP figures (e.g. slurp-score's intent/title/when/false-writes) on the card."""
    meta = read_meta(model_dir)
    meta["slurp"] = {"figures": figures, "command": command, "credit": SLURP_CREDIT}
    write_meta(model_dir, meta)
    return meta


def set_measurements(model_dir: Path, key: str, value, command: str) -> dict:
    """Record one measurement ("devel", "typed", "ablation") on the card, with its command."""
    meta = read_meta(model_dir)
    meta[key] = {**(value if isinstance(value, dict) else {"rows": value}), "command": command}
    write_meta(model_dir, meta)
    return meta


def set_ablation(model_dir: Path, rows: list[dict], command: str) -> dict:
    """Record the ablation and seed rows (`python -m nlu.ablation --record`)."""
    return set_measurements(model_dir, "ablation", rows, command)


def _rel(path: Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def render(meta: dict) -> str:
    """README.md text of the card."""
    parts = [
        _head(meta),
        _labels(meta),
        _data(meta),
        _slurp(meta),
        _devel(meta),
        _typed(meta),
        _calibration(meta),
        _ablation(meta),
        _dev(meta),
        _notes(meta),
        _reproduce(meta),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _head(meta: dict) -> str:
    size = meta.get("training", {}).get("data", {})
    return (
        f"# {meta.get('name', 'pipeline')} (spaCy {meta.get('spacy_version', '?')})\n\n"
        f"{meta.get('description', '')}.\n\nPipeline: {', '.join(meta.get('pipeline', []))}. "
        f"Trained on {size.get('train', '?')} examples, scored on {size.get('dev', '?')} held-out ones.\n\n"
        "Figures below are for `nlu.parse`: this pipeline plus the span rules applied after it "
        "(`nlu/*_spans.py`, `nlu/date_growth.py`, `nlu/sentences.py`, `nlu/calendar_words.py`, `nlu/roles.py`; "
        'docs/training.md, "After the model").\n\n'
        "This file and the card fields in meta.json are generated by `nlu/modelcard.py`; "
        "do not edit them by hand."
    )


def _labels(meta: dict) -> str:
    ents = meta.get("labels", {}).get("ner", list(LABELS))
    cats = meta.get("labels", {}).get("textcat", list(INTENTS))
    return f"## Labels\n\n- NER: {', '.join(ents)}\n- Intent (exclusive textcat): {', '.join(cats)}"


def _data(meta: dict) -> str:
    data = meta.get("training", {}).get("data")
    if not data:
        return ""
    rows = "\n".join(
        f"| {src} | {data['train_by_source'].get(src, 0)} | {data['dev_by_source'].get(src, 0)} |"
        for src in dict.fromkeys([*data["train_by_source"], *data["dev_by_source"]])
    )
    intents = ", ".join(f"{k} {v}" for k, v in data.get("train_by_intent", {}).items())
    sources = [*data["train_by_source"], *data["dev_by_source"]]
    credit = f"\n\nUses {SLURP_CREDIT}." if any("slurp" in s for s in sources) else ""
    credit += f"\n\nReal commands (`realdata`): {REALDATA_CREDIT}." if "realdata" in sources else ""
    recipe = meta.get("training", {}).get("recipe")
    if recipe:
        credit += (
            f"\n\nRecipe: {recipe['template_ratio']} generated rows per real training row, hand-written rows "
            f"{'in' if recipe['handwritten'] else 'out'}, static vectors "
            f"{'on' if meta['training'].get('vectors') else 'off'}."
        )
    return (
        f"## Data\n\nFrom `{data['origin']}`. Training intents: {intents}.\n\n"
        f"| source | train | dev |\n|---|---|---|\n{rows}{credit}"
    )


def _dev(meta: dict) -> str:
    dev = meta.get("dev_scores")
    if not dev:
        return ""
    spans = dev["spans"]
    rows = "\n".join(
        f"| {label} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} | {s['support']} |"
        for label, s in spans["per_label"].items()
    )
    return (
        f"## Scores on the training dev split ({dev['n']} examples, model selection)\n\n"
        f"| label | P | R | F1 | gold spans |\n|---|---|---|---|---|\n{rows}\n"
        f"| **micro** | {spans['p']:.3f} | {spans['r']:.3f} | {spans['f']:.3f} | |\n\n"
        f"Intent accuracy: {dev['intent_accuracy']}. Exact span match (spaCy's scorer)."
    )


def _slurp(meta: dict) -> str:
    slurp = meta.get("slurp")
    if not slurp:
        return (
            "## SLURP (real spoken commands)\n\nNot measured for these weights yet: "
            "`python -m nlu.modelcard MODEL_DIR` runs `../shared/tools/slurp-score` and records "
            "its figures here."
        )
    rows = "\n".join(
        f"| {key} | {value:.3f} | {SLURP_TARGETS.get(key, '')} | {SLURP_BASELINE.get(key, '')} |"
        for key, value in slurp["figures"].items()
    )
    return (
        f"## SLURP devel (real spoken commands, never trained on)\n\nAll 2,033 rows of slurp_devel: "
        f"intent, title and when on its 280 calendar rows (token-F1 as the tool defines it), false-writes "
        f"on the others. No SLURP row is in the training data.\n\n| figure | this pipeline | target | "
        f"HerMiT (SLURP test split, trained on SLURP) |\n|---|---|---|---|\n{rows}\n\n"
        f"Measured with `{slurp['command']}`. Data: {slurp['credit']}."
    )


def _per_label(scores: dict) -> str:
    rows = "\n".join(
        f"| {label} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} | {s['support']} |"
        for label, s in scores["spans"]["per_label"].items()
    )
    spans = scores["spans"]
    return (
        f"| label | P | R | F1 | gold spans |\n|---|---|---|---|---|\n{rows}\n"
        f"| **micro** | {spans['p']:.3f} | {spans['r']:.3f} | {spans['f']:.3f} | |"
    )


def _devel(meta: dict) -> str:
    devel = meta.get("devel")
    if not devel:
        return ""
    return (
        f"## SLURP devel per label\n\nExact spans (spaCy's scorer) over the labels SLURP marks (ACTION and "
        f"DOMAIN unscored; outside the calendar only DATE), intent accuracy "
        f"{devel['intent']:.3f} (create/reschedule/update count for calendar_set, query/availability for "
        f"calendar_query).\n\n{_per_label(devel)}\n\nMeasured with `{devel['command']}`."
    )


def _typed(meta: dict) -> str:
    typed = meta.get("typed") or {}
    first, final = typed.get("first"), typed.get("final")
    if not first and not final:
        return ""
    out = ["## Typed test set (written blind, never trained on)"]
    if first:
        out.append(
            f"First score, with the pipeline shipped before this work: intent {first['intent']:.3f}, "
            f"NAME F1 {first['NAME']:.3f}, DATE F1 {first['DATE']:.3f} ({first['n']} commands; "
            f"`{first['command']}`)."
        )
    if final:
        roles = final.get("roles") or {}
        role = f", role accuracy {roles['accuracy']:.3f} over {roles['n']} spans" if roles.get("n") else ""
        out.append(
            f"This pipeline: intent accuracy {final['intent']:.3f} (target {TYPED_TARGETS['intent']}){role}; "
            f"targets NAME F1 {TYPED_TARGETS['NAME']}, DATE F1 {TYPED_TARGETS['DATE']}.\n\n"
            f"{_per_label(final)}\n\nMeasured with `{typed['command']}`."
        )
    return "\n\n".join(out)


def _calibration(meta: dict) -> str:
    fitted = meta.get("calibration")
    devel = (meta.get("devel") or {}).get("reliability")
    if not fitted:
        return ""
    out = [
        (
            f"## Calibration\n\nTemperature {fitted['temperature']} fitted on {fitted['fitted_on']} real commands "
            f"the pipeline never trained on (the corpus's calibration slice): ECE there {fitted['ece_before']:.3f} "
            f"raw, {fitted['ece_after']:.3f} scaled. `Parse.confidence` is the scaled probability; `Parse.scores` "
            f"keeps the raw ones."
        )
    ]
    if devel:
        rows = "\n".join(
            f"| {r['low']:.1f}-{r['high']:.1f} | {r['n']} | {r['confidence']:.3f} | {r['accuracy']:.3f} |"
            for r in devel["table"]
        )
        out.append(
            f"On SLURP devel ({devel['n']} rows): ECE {devel['ece_raw']:.3f} raw, **{devel['ece']:.3f}** "
            f"calibrated (target <= 0.05).\n\n| confidence | rows | mean confidence | accuracy |\n"
            f"|---|---|---|---|\n{rows}\n\nAsk before acting below `nlu.CONFIRM_BELOW` = "
            f"{devel['confirm_below']}: {devel['share_below'] * 100:.1f}% of devel falls below it; at or "
            f"above it the intent is right {devel['accuracy_at_or_above'] * 100:.1f}% of the time."
        )
    return "\n\n".join(out)


def _ablation(meta: dict) -> str:
    ablation = meta.get("ablation")
    if not ablation:
        return ""
    rows = ablation["rows"]

    def fig(value) -> str:
        return "-" if value is None else f"{value:.3f}"

    lines = []
    for r in rows:
        typed = r.get("typed") or {}
        lines.append(
            f"| {r['variant']} | {r['seed']} | {r.get('corpus', 'shipped')} | {r['template_ratio']} | "
            f"{'yes' if r['handwritten'] else 'no'} | "
            f"{'yes' if r['vectors'] else 'no'} | {fig(r['slurp']['intent'])} | {fig(r['slurp']['title'])} | "
            f"{fig(r['slurp']['when'])} | {fig(r['slurp']['false-writes'])} | {fig(r.get('ece'))} | "
            f"{fig(typed.get('intent'))} | {fig(typed.get('NAME'))} | {fig(typed.get('DATE'))} | {r['size_mb']} |"
        )
    out = (
        "## Ablation and seeds\n\nEach row is one training run (`python -m nlu train --template-ratio R "
        "[--no-handwritten] [--no-vectors] --seed S`), scored on SLURP devel with slurp-score, and on the typed "
        "set. `corpus`: the commit whose corpus code a run used (`shipped`: this pipeline's).\n\n"
        "| variant | seed | corpus | templates per real row | hand-written | vectors | intent | title | when | "
        "false-writes | devel ECE | typed intent | typed NAME | typed DATE | MB |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n" + "\n".join(lines)
    )
    spread = _spread(rows)
    return out + (f"\n\n{spread}" if spread else "") + f"\n\nMeasured with `{ablation['command']}`."


def _spread(rows: list[dict]) -> str:
    """Min-max over seeds of the variant run with more than one seed."""
    by_variant: dict[str, list[dict]] = {}
    for r in rows:
        by_variant.setdefault(r["variant"], []).append(r)
    parts = []
    for name, runs in by_variant.items():
        if len(runs) > 1:
            figs = ", ".join(
                f"{k} {min(r['slurp'][k] for r in runs):.3f}-{max(r['slurp'][k] for r in runs):.3f}"
                for k in ("intent", "title", "when", "false-writes")
            )
            parts.append(
                f"Seed spread of `{name}` over seeds {sorted(r['seed'] for r in runs)}: {figs}. "
                "The shipped pipeline is seed 0, whatever its rank."
            )
    return "\n\n".join(parts)


def _notes(meta: dict) -> str:
    """Facts about these weights a reader should know that no figure shows (kept across measurements)."""
    notes = meta.get("notes") or []
    return "## Notes\n\n" + "\n".join(f"- {n}" for n in notes) if notes else ""


def _reproduce(meta: dict) -> str:
    training = meta.get("training")
    if not training:
        return ""
    steps = f" --max-steps {training['max_steps']}" if training.get("max_steps") else ""
    recipe = training.get("recipe") or {}
    flags = (
        (f" --template-ratio {recipe['template_ratio']}" if recipe else "")
        + ("" if recipe.get("handwritten", True) else " --no-handwritten")
        + ("" if training.get("vectors", True) else " --no-vectors")
    )
    return (
        f"## Reproduce\n\n    python -m nlu train --config {training['config']} --seed {training['seed']}{flags}{steps}\n"
        "    python -m nlu.modelcard      # SLURP devel figures, calibration, typed set\n\n"
        "Same seed, same corpus and same spaCy version give the same weights."
    )


# --- recording the SLURP figures: python -m nlu.modelcard [MODEL_DIR] ---------------------


def parse_slurp_line(line: str) -> dict:
    """slurp-score's summary ("intent 0.811  title 0.501  when 0.864  false-writes 0.205 (...)")."""
    words = line.split("(")[0].split()
    return {key: float(value) for key, value in zip(words[::2], words[1::2], strict=False)}


def measure_slurp(model_dir: Path) -> dict:
    """Run the shared slurp-score on `model_dir` and return its four figures."""
    import os
    import subprocess

    from nlu.settings import settings

    env = {**os.environ, "NLU_MODEL": str(Path(model_dir).resolve())}
    tool = settings().shared / "tools" / "slurp-score"
    done = subprocess.run([str(tool)], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return parse_slurp_line(done.stdout.strip().splitlines()[-1])


def measure_devel(model: Path) -> dict:
    """SLURP devel per label and intent (`python -m nlu evaluate`), and the calibration on it."""
    import nlu
    from nlu import devel
    from nlu.evaluate import evaluate
    from nlu.importers import load_examples
    from nlu.settings import settings

    scores = evaluate(load_examples(settings().slurp_devel), nlu.load(model), errors=0)
    return {"spans": scores["spans"], "intent": scores["intent"]["accuracy"], "reliability": devel.reliability(model)}


def measure_typed(model: Path, path: Path) -> dict:
    """The typed test set: per label, intent accuracy and role accuracy."""
    import nlu
    from nlu.evaluate import evaluate
    from nlu.importers import load_examples

    scores = evaluate(load_examples(path), nlu.load(model), errors=0)
    per = scores["spans"]["per_label"]
    return {
        "n": scores["n"],
        "spans": scores["spans"],
        "intent": scores["intent"]["accuracy"],
        "roles": scores["roles"],
        "NAME": per.get("NAME", {}).get("f"),
        "DATE": per.get("DATE", {}).get("f"),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure a pipeline on SLURP devel (slurp-score, per label, calibration) and on the typed
    test set, and write every figure onto its model card."""
    import argparse

    from nlu.ablation import TYPED
    from nlu.training import DEFAULT_OUTPUT

    args = argparse.ArgumentParser(description=main.__doc__)
    args.add_argument(
        "model", nargs="?", default=str(DEFAULT_OUTPUT), help="pipeline folder (default: the shipped one)"
    )
    model = Path(args.parse_args(argv).model)
    figures = measure_slurp(model)
    set_slurp_scores(model, figures, "../shared/tools/slurp-score")
    set_measurements(
        model,
        "devel",
        measure_devel(model),
        "python -m nlu evaluate ../shared/data/slurp_devel.jsonl; nlu.devel.reliability",
    )
    if TYPED.exists():
        meta = read_meta(model)
        typed = {"first": (meta.get("typed") or {}).get("first"), "final": measure_typed(model, TYPED)}
        set_measurements(model, "typed", typed, f"python -m nlu evaluate {TYPED.relative_to(ROOT)}")
    print(f"{model}: SLURP devel " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
