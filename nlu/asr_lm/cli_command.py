"""`python -m nlu asr-lm`: the thin shell over `nlu.asr_lm.builder.build`."""

from __future__ import annotations

import argparse
from pathlib import Path

from nlu.asr_lm.builder import DEFAULT_OUTPUT, build


def asr_lm_command(args: argparse.Namespace) -> int:
    """Build the corpus for the seed, then the model folder; print one summary line."""
    from nlu.corpus import examples

    output = Path(args.output) if args.output else DEFAULT_OUTPUT
    train_rows, dev_rows = examples(args.seed)
    meta = build(output, train_rows, dev_rows, seed=args.seed)
    size = (output / meta["files"]["lm"]).stat().st_size
    weights = "/".join(f"{w:.2f}" for w in meta["weights"].values())
    print(
        f"asr-lm: {output} ({meta['vocabulary']:,} words, {meta['derived_pronunciations']} from espeak-ng, "
        f"weights calendar/general/English {weights}, LM {size / 1e6:.1f} MB)"
    )
    return 0
