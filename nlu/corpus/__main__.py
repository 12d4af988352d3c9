"""`python -m nlu.corpus OUT_DIR [--seed N]`: write train.jsonl and dev.jsonl by hand."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from nlu.annotated import read_jsonl
from nlu.corpus import build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlu.corpus", description=__doc__)
    parser.add_argument("out_dir", type=Path, help="folder for train.jsonl and dev.jsonl")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    for path in build(args.out_dir, args.seed):
        rows = read_jsonl(path)
        intents = Counter(r.intent for r in rows)
        print(f"{path}: {len(rows)} rows " + " ".join(f"{k}={v}" for k, v in sorted(intents.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
