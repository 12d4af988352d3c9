"""`python -m nlu bench`: how fast the parser is, measured the way callers feel it, and against a
stock spaCy pipeline on the same sentences in the same run (ratios survive a busy machine).

    latency     `nlu.parse(text).to_dict()` per command, one at a time after a warm-up, beside
                the stock pipeline's `nlp(text)` on the same command: p50 ratio <= 1.5
    throughput  `python -m nlu parse` over a file of 9,000 commands, start-up included, beside
                the stock pipeline's `nlp.pipe` over the same lines: ratio >= 0.5
The stock pipeline is what `spacy init config --lang en --pipeline ner,textcat --optimize
efficiency` gives, built blank with our labels (untrained weights run exactly as fast as
trained ones). The commands are a realistic mix: SLURP's real spoken transcripts (lowercase,
numbers as words) and typed commands from our corpus (mixed case, digits, punctuation).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from itertools import chain, cycle, islice
from pathlib import Path

from nlu.cli import usable_cores

ROOT = Path(__file__).resolve().parent.parent
TYPED = (
    ROOT / "build" / "corpus" / "dev.jsonl",
    ROOT / "build" / "corpus" / "train.jsonl",
    ROOT / "tests" / "data" / "tiny.jsonl",
)
NOW = datetime(2026, 11, 23, 9, 0)
WARM_UP = 50
FILE_LINES = 9000
LATENCY_TARGET = 1.5  # our p50 / stock p50, at most
THROUGHPUT_TARGET = 0.5  # our CLI commands/s (start-up included) / stock nlp.pipe commands/s, at least


def spoken_commands() -> list[str]:
    """SLURP's transcripts (real speech), when the shared data is at hand."""
    from nlu.settings import settings

    slurp = settings().slurp_devel
    if not slurp.exists():
        return []
    with open(slurp, encoding="utf-8") as handle:
        return [json.loads(line)["sentence"] for line in handle if line.strip()]


def typed_commands() -> list[str]:
    """Corpus texts: the first corpus file found (generated and handwritten commands)."""
    for path in TYPED:
        if path.exists():
            with open(path, encoding="utf-8") as handle:
                return [json.loads(line)["text"] for line in handle if line.strip()]
    return []


def mix(n: int) -> tuple[list[str], str]:
    """`n` commands alternating spoken and typed, and a note of what went in."""
    spoken, typed = spoken_commands(), typed_commands()
    sources = [s for s in (spoken, typed) if s]
    if not sources:
        raise SystemExit("bench: no commands to time (no SLURP data and no corpus)")
    pairs = chain.from_iterable(zip(*(cycle(s) for s in sources), strict=False))
    note = f"{'SLURP spoken' if spoken else ''}{' + ' if spoken and typed else ''}{'corpus typed' if typed else ''}"
    return list(islice(pairs, n)), note


def stock_pipeline():
    """spaCy's stock "efficiency" ner + textcat pipeline, blank English, with our labels."""
    import spacy
    from spacy.cli.init_config import init_config
    from spacy.training import Example

    from nlu.result import INTENTS, LABELS

    nlp = spacy.util.load_model_from_config(
        init_config(lang="en", pipeline=["ner", "textcat"], optimize="efficiency"), auto_fill=True
    )
    doc = nlp.make_doc("schedule lunch tomorrow")
    samples = [
        Example.from_dict(doc, {"entities": [(0, 8, label)], "cats": {i: float(i == INTENTS[0]) for i in INTENTS}})
        for label in LABELS
    ]
    for label in LABELS:
        nlp.get_pipe("ner").add_label(label)
    for intent in INTENTS:
        nlp.get_pipe("textcat").add_label(intent)
    nlp.initialize(lambda: samples)
    return nlp


def latency(commands: list[str], model: str | None, stock=None) -> tuple[list[float], list[float]]:
    """Milliseconds per `nlu.parse(...).to_dict()` call (the shipped pipeline, or `model`) and,
    on the same command right after, per stock `nlp(text)` call (empty when `stock` is None)."""
    import nlu

    parse = nlu.load(model).parse if model else nlu.parse
    for text in commands[:WARM_UP]:
        parse(text, now=NOW).to_dict()
        if stock is not None:
            stock(text)
    ours, theirs = [], []
    for text in commands:
        start = time.perf_counter()
        parse(text, now=NOW).to_dict()
        ours.append((time.perf_counter() - start) * 1000)
        if stock is not None:
            start = time.perf_counter()
            stock(text)
            theirs.append((time.perf_counter() - start) * 1000)
    return ours, theirs


def stock_throughput(nlp, lines: list[str], processes: int = 1) -> float:
    """Commands per second of the stock pipeline's `nlp.pipe` over `lines` (loaded already)."""
    start = time.perf_counter()
    for _ in nlp.pipe(lines, batch_size=256, n_process=processes):
        pass
    return len(lines) / (time.perf_counter() - start)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def file_lines(commands: list[str]) -> list[str]:
    """The lines of the throughput file: the commands, cycled to FILE_LINES."""
    return list(islice(cycle(commands), max(FILE_LINES, len(commands))))


def throughput(lines: list[str], model: str | None, workers: int | None = None) -> tuple[int, float, float]:
    """(commands, wall seconds, CPU seconds) of `python -m nlu parse` over a file, start-up included,
    with its default worker processes or `workers` of them.

    The CPU time tells what the wall clock would be on an idle machine when other work
    shares the cores."""
    cmd = [sys.executable, "-m", "nlu", "parse", "--now", NOW.isoformat()]
    cmd += (["--model", model] if model else []) + (["--workers", str(workers)] if workers else [])
    with tempfile.TemporaryFile("w+", encoding="utf-8") as source:
        source.write("\n".join(lines) + "\n")
        source.seek(0)
        before, start = _child_cpu(), time.perf_counter()
        done = subprocess.run(cmd, stdin=source, capture_output=True, cwd=ROOT, check=False)
        seconds, cpu = time.perf_counter() - start, _child_cpu() - before
    answers = done.stdout.decode("utf-8").splitlines()
    if done.returncode != 0 or len(answers) != len(lines):
        raise SystemExit(
            f"bench: `nlu parse` failed ({len(answers)} answers for {len(lines)} lines): "
            + done.stderr.decode("utf-8")[-500:]
        )
    return len(lines), seconds, cpu


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_command(args: argparse.Namespace) -> int:
    """Print the latency and throughput lines, ours beside the stock pipeline's (figures, not a test)."""
    from nlu.exceptions import BadData

    if args.n < 1:
        raise BadData(f"--n is how many commands to time: at least 1, not {args.n}")
    commands, note = mix(args.n)
    stock = stock_pipeline()
    ours, theirs = latency(commands, args.model, stock)
    p50, p95, stock_p50 = statistics.median(ours), percentile(ours, 0.95), statistics.median(theirs)
    print(
        f"nlu.parse latency over {len(ours)} commands ({note}): median {p50:.2f} ms, p95 {p95:.2f} ms, "
        f"max {max(ours):.1f} ms; stock spaCy efficiency ner+textcat median {stock_p50:.2f} ms: "
        f"ratio {p50 / stock_p50:.2f} (target <= {LATENCY_TARGET})"
    )
    lines = file_lines(commands)
    stock_rate = stock_throughput(stock, lines)
    cores = usable_cores()
    for workers, what in ((1, "one process"), (None, f"its default {cores} worker processes")):
        n, seconds, cpu = throughput(lines, args.model, workers)
        print(
            f"python -m nlu parse over {n} commands incl. start-up, {what}: {seconds:.2f} s = "
            f"{n / seconds:.0f} commands/s (CPU {cpu:.2f} s); stock nlp.pipe (one process) {stock_rate:.0f} "
            f"commands/s: ratio {n / seconds / stock_rate:.2f} (target >= {THROUGHPUT_TARGET})"
        )
    if cores > 1:
        print(
            f"for reference, stock nlp.pipe with n_process={cores}: {stock_throughput(stock, lines, cores):.0f} commands/s"
        )
    return 0
