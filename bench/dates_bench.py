"""Accuracy and speed of nlu.dates.resolve beside dateparser and parsedatetime.

    .venv/bin/python bench/dates_bench.py [--cases bench/dates_cases.jsonl] [--failures] [--ours-only]

The cases (bench/dates_cases.jsonl: {"text", "start", "end", "grain", "family"}) were
written by hand at now = Monday 2026-11-23 09:00, America/New_York. A row may carry its own
reference time ("now": "2027-06-26T22:15:00", as the blind suite bench/dates_blind.jsonl does);
every tool is then asked at that time. Every tool is scored
the same way ("start-acc"): its start, cut to the expected grain (a "next month" start
matches on year and month; a "tomorrow" start on the date; "at 6pm" on date and hour),
equals the expected start; a phrase expected to have no start (a duration, not a date) is
right when the tool returns nothing. Ours is also scored strictly: start, end and grain
exactly as expected.

Speed is measured twice: in process (mean per phrase, best of 3 passes, the tools taking
turns), and as whole processes with start-up included, the way a caller pays for it:
`python -m nlu dates` over a file of the phrases beside a Python process running
parsedatetime over the same file (both read stdin and write one line per phrase), best of
5 runs taking turns, wall clock and CPU time, as this environment runs them and both from
bytecode; the ratios, the date, the core count and the load are printed with them.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlu.dates import resolve
from nlu.timezones import reference_time

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 23, 9, 0)
ZONE = "America/New_York"
CASES = Path(__file__).with_name("dates_cases.jsonl")
Answer = tuple[datetime | None, datetime | None, str | None]
Tool = Callable[[str, datetime], Answer]


def case_now(case: dict) -> datetime:
    """The row's own reference time (naive wall time in ZONE), else the suite's NOW."""
    return datetime.fromisoformat(case["now"]) if case.get("now") else NOW


def ours() -> Tool:
    refs: dict[datetime, datetime] = {}

    def run(text: str, now: datetime) -> Answer:
        ref = refs.get(now) or refs.setdefault(now, reference_time(now, ZONE))
        span = resolve(text, ref)
        if span is None or span.start is None:
            return None, None, span.grain if span else None
        return span.start.replace(tzinfo=None), span.end.replace(tzinfo=None), span.grain

    return run


def dateparser_tool() -> Tool:
    import dateparser

    settings = {"PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": False}

    def run(text: str, now: datetime) -> Answer:
        found = (
            dateparser.parse(text, languages=["en"], settings={**settings, "RELATIVE_BASE": now})
            if text.strip()
            else None
        )
        return found, None, None

    return run


def parsedatetime_tool() -> Tool:
    import parsedatetime

    cal = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)

    def run(text: str, now: datetime) -> Answer:
        found, ctx = cal.parseDT(text, sourceTime=now)
        return (found if ctx.hasDateOrTime else None), None, None

    return run


PARSEDATETIME_PROCESS = """
import sys, warnings
from datetime import datetime
import parsedatetime
warnings.filterwarnings("ignore")
cal = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
now = datetime.fromisoformat(sys.argv[1])
write = sys.stdout.write
for line in sys.stdin:
    found, ctx = cal.parseDT(line.rstrip("\\n"), sourceTime=now)
    write((found.isoformat() if ctx.hasDateOrTime else "null") + "\\n")
"""


def processes(texts: list[str], env: dict | None = None, runs: int = 5) -> dict[str, tuple[float, float]]:
    """Best wall-clock and best CPU seconds (user + system) of a whole process, start-up
    included, over a file of the phrases: `python -m nlu dates` with its default options,
    and parsedatetime. On a shared machine the wall clock also counts time spent waiting
    for a core; the CPU time does not. Each command runs once untimed first (a warm-up:
    the file cache, and the bytecode cache when `env` allows one)."""
    commands = {
        "python -m nlu dates": [sys.executable, "-m", "nlu", "dates", "--now", NOW.isoformat(), "--tz", ZONE],
        "parsedatetime": [sys.executable, "-c", PARSEDATETIME_PROCESS, NOW.isoformat()],
    }
    wall = {name: float("inf") for name in commands}
    cpu = dict(wall)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as phrases:
        phrases.write("\n".join(texts) + "\n")
        for run in range(runs + 1):
            for name, command in commands.items():
                phrases.seek(0)
                used = _children_cpu()
                began = time.perf_counter()
                subprocess.run(command, stdin=phrases, stdout=subprocess.DEVNULL, cwd=ROOT, check=True, env=env)
                if run:
                    wall[name] = min(wall[name], time.perf_counter() - began)
                    cpu[name] = min(cpu[name], _children_cpu() - used)
    return {name: (wall[name], cpu[name]) for name in commands}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def print_processes(texts: list[str]) -> None:
    """Both processes as this environment runs them, then both from bytecode: parsedatetime
    comes precompiled from its installation, while a source checkout run with
    PYTHONDONTWRITEBYTECODE=1 compiles every module of ours at each start; a fresh
    bytecode cache (PYTHONPYCACHEPREFIX, outside the tree) puts both on the same footing."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"whole process over {len(texts)} lines, start-up included, best of 5 ({date.today()}, {cores} cores, "
        f"load {os.getloadavg()[0]:.1f}):"
    )
    with tempfile.TemporaryDirectory() as cache:
        bytecode = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        bytecode["PYTHONPYCACHEPREFIX"] = cache
        for label, env in (("as run here", None), ("from bytecode", bytecode)):
            best = processes(texts, env)
            (ours_wall, ours_cpu), (peer_wall, peer_cpu) = best["python -m nlu dates"], best["parsedatetime"]
            print(
                f"  {label:14} python -m nlu dates {ours_wall:.2f} s wall / {ours_cpu:.2f} s cpu, parsedatetime "
                f"{peer_wall:.2f} s / {peer_cpu:.2f} s: ratio {ours_wall / peer_wall:.2f} wall, "
                f"{ours_cpu / peer_cpu:.2f} cpu (limit 3)",
                flush=True,
            )


def cut(moment: datetime, grain: str | None) -> tuple:
    """A moment reduced to what its grain says (the same rule for every tool)."""
    if grain in ("year",):
        return (moment.year,)
    if grain == "quarter":
        return moment.year, (moment.month - 1) // 3
    if grain == "month":
        return moment.year, moment.month
    if grain == "week":
        return moment.isocalendar()[:2]
    if grain == "day":
        return (moment.date(),)
    if grain == "hour":
        return moment.date(), moment.hour
    return moment.date(), moment.hour, moment.minute


def start_right(case: dict, got: Answer) -> bool:
    want = case["start"]
    if want is None:
        return got[0] is None
    return got[0] is not None and cut(got[0], case["grain"]) == cut(datetime.fromisoformat(want), case["grain"])


def strict_right(case: dict, got: Answer) -> bool:
    start, end, grain = got
    if case["start"] is None:
        return start is None and end is None
    return (
        start is not None
        and start.isoformat() == case["start"]
        and end is not None
        and end.isoformat() == case["end"]
        and grain == case["grain"]
    )


def measure(tools: dict[str, Tool], cases: list[dict], passes: int = 3) -> dict[str, tuple[list[Answer], float]]:
    """Each tool's answers and mean seconds per phrase: the best of `passes` runs over the
    whole suite, the tools taking turns pass by pass so that other load on the machine falls
    on all of them alike."""
    best = {name: float("inf") for name in tools}
    answers: dict[str, list[Answer]] = {}
    nows = [case_now(case) for case in cases]
    for run in tools.values():
        run("tomorrow at 6pm", NOW)  # warm-up: lazy imports and caches
    for _ in range(passes):
        for name, run in tools.items():
            began = time.perf_counter()
            answers[name] = [run(case["text"], when) for case, when in zip(cases, nows, strict=True)]
            best[name] = min(best[name], (time.perf_counter() - began) / len(cases))
    return {name: (answers[name], best[name]) for name in tools}


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument(
        "--cases",
        type=Path,
        nargs="+",
        default=[CASES],
        help="JSONL suites (default: the main one; bench/dates_*.jsonl: all of them)",
    )
    args.add_argument("--failures", action="store_true", help="list the phrases we get wrong")
    args.add_argument("--ours-only", action="store_true", help="skip the peers and the process timing (fast)")
    opts = args.parse_args()
    cases = [json.loads(line) for path in opts.cases for line in path.read_text().splitlines() if line.strip()]
    warnings.filterwarnings("ignore")
    tools = {"ours": ours()}
    if not opts.ours_only:
        tools.update(dateparser=dateparser_tool(), parsedatetime=parsedatetime_tool())
    print(f"{len(cases)} phrases, now={_nows(cases)} {ZONE}")
    gc.collect()
    gc.freeze()  # the peers' imported tables would otherwise slow every later garbage collection
    for name, (answers, mean) in measure(tools, cases).items():
        right = sum(start_right(c, a) for c, a in zip(cases, answers, strict=True))
        line = f"{name:14} start-acc {right / len(cases):6.1%} ({right}/{len(cases)})"
        if name == "ours":
            strict = sum(strict_right(c, a) for c, a in zip(cases, answers, strict=True))
            line += f"  strict {strict / len(cases):6.1%} ({strict}/{len(cases)})"
            ours_answers = answers
        print(f"{line:62}  mean {mean * 1000:7.3f} ms/phrase (best of 3 passes)", flush=True)
    _families(cases, ours_answers)
    if not opts.ours_only:
        print_processes([case["text"] for case in cases])
    if opts.failures:
        for case, got in zip(cases, ours_answers, strict=True):
            if not strict_right(case, got):
                print(
                    f"  {case['text']!r} @{case_now(case).isoformat()}: want {case['start']}..{case['end']} {case['grain']}, got "
                    f"{got[0] and got[0].isoformat()}..{got[1] and got[1].isoformat()} {got[2]}"
                )
    return 0


def _nows(cases: list[dict]) -> str:
    """The reference times the cases are read at, for the header line."""
    nows = sorted({case_now(c).isoformat() for c in cases})
    return nows[0] if len(nows) == 1 else "per row (" + ", ".join(nows) + ")"


def _families(cases: list[dict], answers: list[Answer]) -> None:
    """Ours per family: start-at-grain and strict."""
    total, start, strict = Counter(), Counter(), Counter()
    for case, got in zip(cases, answers, strict=True):
        total[case["family"]] += 1
        start[case["family"]] += start_right(case, got)
        strict[case["family"]] += strict_right(case, got)
    print("ours by family (start-acc / strict):")
    for f in sorted(total):
        print(
            f"  {f:32} {start[f]:4}/{total[f]:<4} {start[f] / total[f]:6.1%}   {strict[f]:4}/{total[f]:<4} {strict[f] / total[f]:6.1%}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
