"""SLURP figures on one half only: the odd-id rows are never trained on, so they are the clean ones.

    .venv/bin/python bench/slurp_half.py [--half odd|even|all] [--model DIR] [--errors N]

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
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "slurp_devel.jsonl"
SCORER = SHARED / "tools" / "slurp_score.py"
NOW = datetime(2020, 1, 1, 9, 0)  # slurp-score's --now


def rows_of(half: str, path: Path = DATA) -> list[dict]:
    """The SLURP rows of one half: odd slurp_id (clean), even (trainable) or all."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if half == "all":
        return rows
    parity = 1 if half == "odd" else 0
    return [r for r in rows if int(r["slurp_id"]) % 2 == parity]


def parse_rows(rows: list[dict], model: str | None) -> list[dict]:
    """The parser's JSON for each row's sentence (the `nlu parse` contract)."""
    sys.path.insert(0, str(ROOT))
    import nlu

    parser = nlu.load(model)
    return [p.to_dict() for p in parser.parse_many([r["sentence"] for r in rows], now=NOW)]


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--half", choices=("odd", "even", "all"), default="odd")
    args.add_argument("--model", help="trained pipeline directory (default: the shipped one)")
    args.add_argument("--errors", type=int, default=0, help="print the first N mistakes too")
    opts = args.parse_args(argv)
    rows = rows_of(opts.half)
    parsed = parse_rows(rows, opts.model)
    with tempfile.TemporaryDirectory() as tmp:
        gold, out = Path(tmp) / "gold.jsonl", Path(tmp) / "parsed.jsonl"
        gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        out.write_text("".join(json.dumps(p) + "\n" for p in parsed), encoding="utf-8")
        extra = ["--errors", str(opts.errors)] if opts.errors else []
        print(f"SLURP {opts.half} half: ", end="", flush=True)
        return subprocess.call([sys.executable, str(SCORER), str(gold), str(out), *extra])


if __name__ == "__main__":
    raise SystemExit(main())
