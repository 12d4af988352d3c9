"""`python -m nlu ablation`: what each part of the training data and the static vectors is worth.

Trains one pipeline per variant and seed under build/ablation/ (never over the shipped one),
scores each on SLURP devel with the shared slurp-score, its calibration on devel, and the
typed test set when it is there, and keeps the rows in build/ablation/results.json (a run
that stops resumes where it was). `--record` writes the rows onto the shipped model card.

    real              the real data alone (no hand-written rows, no templates)
    real+hand         real data and the hand-written rows
    tN                real data, hand-written rows and N generated rows per real row
    tN-novec          the same without the static GloVe vectors
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from nlu.corpus import Recipe

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "ablation"
TYPED = ROOT / "nlu" / "corpus" / "eval" / "typed_commands.txt"
_VARIANT = re.compile(r"^(real|real\+hand|t(\d+(?:\.\d+)?))(-novec)?$")


def variant(name: str) -> tuple[Recipe, bool]:
    """(recipe, vectors) of a variant name (module docstring)."""
    match = _VARIANT.match(name)
    if not match:
        raise ValueError(f"unknown variant {name!r}: real, real+hand, tN or tN-novec (N generated rows per real row)")
    vectors = match[3] is None
    if match[1] == "real":
        return Recipe(template_ratio=0.0, handwritten=False), vectors
    if match[1] == "real+hand":
        return Recipe(template_ratio=0.0, handwritten=True), vectors
    return Recipe(template_ratio=float(match[2]), handwritten=True), vectors


def measure(model_dir: Path) -> dict:
    """Devel figures (slurp-score), devel calibration, typed-set scores and the size of a pipeline."""
    import nlu
    from nlu import devel
    from nlu.evaluate import evaluate
    from nlu.importers import load_examples
    from nlu.modelcard import measure_slurp

    out = {"slurp": measure_slurp(model_dir)}
    calibration = devel.reliability(model_dir)
    out["devel_intent_accuracy"], out["ece"] = calibration["accuracy"], calibration["ece"]
    if TYPED.exists():
        scores = evaluate(load_examples(TYPED), nlu.load(model_dir), errors=0)
        per = scores["spans"]["per_label"]
        out["typed"] = {
            "intent": scores["intent"]["accuracy"],
            "NAME": per.get("NAME", {}).get("f"),
            "DATE": per.get("DATE", {}).get("f"),
            "micro": scores["spans"]["f"],
        }
    out["size_mb"] = round(sum(f.stat().st_size for f in Path(model_dir).rglob("*") if f.is_file()) / 1e6, 1)
    return out


def run(names: list[str], seeds: list[int], out: Path = OUT) -> list[dict]:
    """Train and measure every (variant, seed) not measured yet; return all rows so far."""
    from nlu.training import train

    results_path = out / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else []
    done = {(r["variant"], r["seed"]) for r in results}
    for name in names:
        recipe, vectors = variant(name)
        for seed in seeds:
            if (name, seed) in done:
                continue
            model = train(out / f"{name}-s{seed}", seed=seed, recipe=recipe, vectors=vectors)
            results.append(
                {
                    "variant": name,
                    "seed": seed,
                    "template_ratio": recipe.template_ratio,
                    "handwritten": recipe.handwritten,
                    "vectors": vectors,
                    **measure(model),
                }
            )
            out.mkdir(parents=True, exist_ok=True)
            results_path.write_text(json.dumps(results, indent=1) + "\n")
            print(f"ablation: {name} seed {seed}: {results[-1]}")
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the variants and seeds asked for; with --record, put the table on the shipped card."""
    from nlu import modelcard
    from nlu.training import DEFAULT_OUTPUT

    args = argparse.ArgumentParser(
        prog="python -m nlu.ablation", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    args.add_argument("variants", nargs="*", default=["real", "t0.5", "t1", "t2", "t1-novec"])
    args.add_argument("--seeds", type=int, nargs="+", default=[0])
    args.add_argument("--record", action="store_true", help="write build/ablation/results.json onto the model card")
    parsed = args.parse_args(argv)
    for name in parsed.variants:
        variant(name)  # fail on a typo before hours of training
    results = run(parsed.variants, parsed.seeds)
    if parsed.record:
        said = sys.argv[1:] if argv is None else argv
        modelcard.set_ablation(DEFAULT_OUTPUT, results, "python -m nlu.ablation " + " ".join(said))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
