"""SLURP figures on one half of devel (odd or even slurp_id), for comparison with older releases.

Until this release the even half was trained on and the odd half was the clean check; now no
SLURP row is trained on, so `../shared/tools/slurp-score` over all rows is the figure of
record and a half only lets old and new figures be compared on the same rows.

    .venv/bin/python bench/slurp_half.py [--half odd|even|all] [--model DIR] [--errors N]
    .venv/bin/python bench/slurp_half.py --record models/nlu-calendar   # both figures onto the model card

Runs the parser over the chosen rows of ../shared/data/slurp_devel.jsonl with the same `now`
as ../shared/tools/slurp-score and scores them with that tool's own slurp_score.py, so the
four figures (intent, title, when, false-writes) mean exactly what they mean there.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from nlu.settings import settings  # noqa: E402 - the project root goes on the path first

DATA = settings().slurp_devel
SCORER = settings().shared / "tools" / "slurp_score.py"
NOW = datetime(2020, 1, 1, 9, 0)  # slurp-score's --now


def rows_of(half: str, path: Path = DATA) -> list[dict]:
    """The SLURP rows of one half: odd slurp_id, even, or all."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if half == "all":
        return rows
    parity = 1 if half == "odd" else 0
    return [r for r in rows if int(r["slurp_id"]) % 2 == parity]


def parse_rows(rows: list[dict], model: str | None) -> list[dict]:
    """The parser's JSON for each row's sentence (the `nlu parse` contract)."""
    import nlu

    parser = nlu.load(model)
    return [p.to_dict() for p in parser.parse_many([r["sentence"] for r in rows], now=NOW)]


def score(half: str, model: str | None, errors: int = 0) -> str:
    """slurp_score.py's output for one half (its last line is the four figures)."""
    rows = rows_of(half)
    parsed = parse_rows(rows, model)
    with tempfile.TemporaryDirectory() as tmp:
        gold, out = Path(tmp) / "gold.jsonl", Path(tmp) / "parsed.jsonl"
        gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        out.write_text("".join(json.dumps(p) + "\n" for p in parsed), encoding="utf-8")
        extra = ["--errors", str(errors)] if errors else []
        done = subprocess.run(
            [sys.executable, str(SCORER), str(gold), str(out), *extra], capture_output=True, text=True, check=True
        )
    return done.stdout


def record(model_dir: Path) -> dict:
    """Put slurp-score's figures (all rows) and the odd-half figures on the model card."""
    from nlu import modelcard

    figures = modelcard.measure_slurp(model_dir)
    odd = modelcard.parse_slurp_line(score("odd", str(model_dir)).strip().splitlines()[-1])
    figures.update({f"{key} (odd half)": value for key, value in odd.items()})
    command = (
        "../shared/tools/slurp-score (all 2,033 rows, none trained on) and "
        "bench/slurp_half.py --half odd (the odd-id half, for comparison with earlier releases)"
    )
    modelcard.set_slurp_scores(model_dir, figures, command)
    return figures


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--half", choices=("odd", "even", "all"), default="odd")
    args.add_argument("--model", help="trained pipeline directory (default: the shipped one)")
    args.add_argument("--errors", type=int, default=0, help="print the first N mistakes too")
    args.add_argument(
        "--record",
        type=Path,
        metavar="MODEL_DIR",
        help="write slurp-score's and the odd-half figures onto this pipeline's model card",
    )
    opts = args.parse_args(argv)
    if opts.record:
        figures = record(opts.record)
        print(f"{opts.record}: " + "  ".join(f"{k} {v:.3f}" for k, v in figures.items()))
        return 0
    print(f"SLURP {opts.half} half: " + score(opts.half, opts.model, opts.errors), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
