"""`python -m nlu bench`: how fast the parser is, measured the way callers feel it.

Two figures, with the issue's targets:
    latency     `nlu.parse` per command, one at a time after a warm-up: median <= 3 ms, p95 <= 10 ms
    throughput  `python -m nlu parse` over a file of >= 5,000 commands, start-up included,
                wall clock: >= 1,000 commands/s
The commands are a realistic mix: SLURP's real spoken transcripts (lowercase, numbers as
words) and typed commands from our corpus (mixed case, digits, punctuation).
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

ROOT = Path(__file__).resolve().parent.parent
SLURP = ROOT.parent / "shared" / "data" / "slurp_devel.jsonl"
TYPED = (ROOT / "build" / "corpus" / "dev.jsonl", ROOT / "build" / "corpus" / "train.jsonl",
         ROOT / "tests" / "data" / "tiny.jsonl")
NOW = datetime(2026, 11, 23, 9, 0)
WARM_UP = 50
FILE_LINES = 5000


def spoken_commands() -> list[str]:
    """SLURP's transcripts (real speech), when the shared data is at hand."""
    if not SLURP.exists():
        return []
    with open(SLURP, encoding="utf-8") as handle:
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
    pairs = chain.from_iterable(zip(*(cycle(s) for s in sources)))
    note = f"{'SLURP spoken' if spoken else ''}{' + ' if spoken and typed else ''}{'corpus typed' if typed else ''}"
    return list(islice(pairs, n)), note


def latency(commands: list[str], model: str | None) -> list[float]:
    """Milliseconds per `nlu.parse` call (the shipped pipeline, or `model`), after a warm-up."""
    import nlu

    parse = nlu.load(model).parse if model else nlu.parse
    for text in commands[:WARM_UP]:
        parse(text, now=NOW)
    timings = []
    for text in commands:
        start = time.perf_counter()
        parse(text, now=NOW)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def throughput(commands: list[str], model: str | None) -> tuple[int, float, float]:
    """(commands, wall seconds, CPU seconds) of `python -m nlu parse` over a file, start-up included.

    The CPU time tells what the wall clock would be on an idle machine when other work
    shares the cores."""
    lines = list(islice(cycle(commands), max(FILE_LINES, len(commands))))
    cmd = [sys.executable, "-m", "nlu", "parse", "--now", NOW.isoformat()] + (["--model", model] if model else [])
    with tempfile.TemporaryFile("w+", encoding="utf-8") as source:
        source.write("\n".join(lines) + "\n")
        source.seek(0)
        before, start = _child_cpu(), time.perf_counter()
        done = subprocess.run(cmd, stdin=source, capture_output=True, cwd=ROOT, check=False)
        seconds, cpu = time.perf_counter() - start, _child_cpu() - before
    answers = done.stdout.decode("utf-8").splitlines()
    if done.returncode != 0 or len(answers) != len(lines):
        raise SystemExit(f"bench: `nlu parse` failed ({len(answers)} answers for {len(lines)} lines): "
                         + done.stderr.decode("utf-8")[-500:])
    return len(lines), seconds, cpu


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_command(args: argparse.Namespace) -> int:
    """Print the latency and throughput lines (figures, not a pass/fail test)."""
    from nlu.exceptions import BadData

    if args.n < 1:
        raise BadData(f"--n is how many commands to time: at least 1, not {args.n}")
    commands, note = mix(args.n)
    timings = latency(commands, args.model)
    median, p95 = statistics.median(timings), percentile(timings, 0.95)
    print(f"nlu.parse latency over {len(timings)} commands ({note}): median {median:.2f} ms, "
          f"p95 {p95:.2f} ms, max {max(timings):.1f} ms  (targets: median <= 3 ms, p95 <= 10 ms)")
    n, seconds, cpu = throughput(commands, args.model)
    print(f"python -m nlu parse over {n} commands incl. start-up: {seconds:.2f} s = "
          f"{n / seconds:.0f} commands/s  (target >= 1000/s; CPU {cpu:.2f} s = {n / cpu:.0f}/CPU-s)")
    return 0
