"""`python -m nlu ...`: thin command-line shells over the library.

parse     one command per stdin line -> one JSON line each (the parse contract)
dates     one DATE phrase per stdin line -> one JSON line each (the dates contract)
train     train the pipeline with spaCy's own machinery
convert   turn tutorial / spaCy-pairs / JSONL / SLURP data into a DocBin, reporting bad spans
evaluate  per-label P/R/F1, intent accuracy and the worst errors on a data set
bench     speed of nlu.parse and of `nlu parse` over a file
asr-lm    build the recognizer's calendar-biased language model (models/asr-calendar)
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from nlu.exceptions import NLUError


def _iso(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not an ISO date-time: {text!r} (e.g. 2026-11-23T09:00:00)") from err


def _batches(stream, limit: int = 256) -> Iterator[list[str]]:
    """Lines of `stream` in batches of what has already arrived, so a file goes through the
    pipeline in bulk while an interactive caller still gets each answer as soon as it asks."""
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    while True:
        batch = [lines.get()]
        while batch[-1] is not None and len(batch) < limit:
            try:
                batch.append(lines.get_nowait())
            except queue.Empty:
                break
        done = batch[-1] is None
        batch = [line.rstrip("\r\n") for line in batch if line is not None]
        if batch:
            yield batch
        if done:
            return


def _stdin():
    """stdin as text that never fails to decode (binary junk becomes U+FFFD)."""
    return open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False, newline="\n")


def _emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


# Lines answered in this process before a long input is shared with worker processes: a
# short or interactive input never pays for starting them.
SERIAL_LINES = 512

_PARSER = None  # the loaded pipeline; forked workers inherit it instead of loading their own


def _parsed(job: tuple[list[str], datetime | None, str | None]) -> str:
    """One batch of commands as JSON lines (run in a worker process, or in this one)."""
    batch, now, tz = job
    assert _PARSER is not None
    return "".join(
        json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in _PARSER.parse_many(batch, now=now, tz=tz)
    )


def usable_cores() -> int:
    """The cores this process may run on (what the affinity mask allows, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _answer(jobs: Iterable[tuple[list[str], datetime | None, str | None]], workers: int) -> None:
    """Answer each batch in order. The first SERIAL_LINES lines are answered here; a longer
    input (a file) is then spread over `workers` forked processes, which inherit the loaded
    pipeline, so a batch job uses every core while answers keep their input order."""
    jobs, seen = iter(jobs), 0
    for job in jobs:
        _write(_parsed(job))
        seen += len(job[0])
        if seen >= SERIAL_LINES:
            break
    else:
        return
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for job in jobs:
            _write(_parsed(job))
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for text in pool.imap(_parsed, jobs):
            _write(text)


def cmd_parse(args: argparse.Namespace) -> int:
    global _PARSER
    import nlu

    _PARSER = nlu.load(args.model)
    workers = args.workers if args.workers else usable_cores()
    _answer(((batch, args.now, args.tz) for batch in _batches(_stdin())), workers)
    return 0


WEEK_STARTS = {"monday": 0, "sunday": 6}


def cmd_dates(args: argparse.Namespace) -> int:
    """One JSON line per phrase: text, start, end, grain (+ the span's other fields), or
    start null and an "error" saying why the phrase gives no time ("every 0 days")."""
    from nlu.dates import explain, resolve
    from nlu.timezones import reference_time

    ref = reference_time(args.now, args.tz)
    policy = {
        "next_weekday": args.next_weekday,
        "day_first": args.day_first or None,
        "counted": args.counted,
        "minutes_to": args.minutes_to,
        "week_start": WEEK_STARTS.get(args.week_start),
    }
    for batch in _batches(_stdin()):
        for text in batch:
            span = resolve(text, ref, **policy)
            out = {"text": text, "start": None, "end": None, "grain": None}
            if span is not None:
                out.update(span.to_dict())
            else:
                out["error"] = explain(text, ref, **policy)
            _emit(out)
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from nlu.training import train_command

    return train_command(args)


def cmd_convert(args: argparse.Namespace) -> int:
    from nlu.importers import convert_command

    return convert_command(args)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from nlu.evaluate import evaluate_command

    return evaluate_command(args)


def cmd_bench(args: argparse.Namespace) -> int:
    from nlu.bench import bench_command

    return bench_command(args)


def cmd_asr_lm(args: argparse.Namespace) -> int:
    from nlu.asr_lm.cli_command import asr_lm_command

    return asr_lm_command(args)


def build() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m nlu", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = top.add_subparsers(dest="command", required=True)

    def command(name: str, func: Callable, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    def when_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--now", type=_iso, help="reference time, ISO (default: the current time)")
        p.add_argument("--tz", help="IANA zone the wall times are in (default: this machine's)")

    p = command("parse", cmd_parse, "read one command per stdin line, write one JSON line each")
    when_args(p)
    p.add_argument("--model", help="trained pipeline directory (default: the shipped one)")
    p.add_argument(
        "--workers",
        type=int,
        help=f"processes that share a long input (more than {SERIAL_LINES} lines; default: the usable cores, 1 = this process only)",
    )

    p = command("dates", cmd_dates, "resolve one DATE phrase per stdin line, write one JSON line each")
    when_args(p)
    p.add_argument(
        "--next-weekday", choices=("following", "nearest"), help="reading of 'next friday' (see docs/dates.md)"
    )
    p.add_argument("--day-first", action="store_true", help="numeric dates are day/month: 5/7 is 5 July")
    p.add_argument("--week-start", choices=tuple(WEEK_STARTS), help="first day of the week (default monday)")
    p.add_argument(
        "--counted",
        choices=("whole", "from_now"),
        help="'the next 3 days': whole units after the current one (default) or from now",
    )
    p.add_argument(
        "--minutes-to",
        choices=("clock", "range"),
        help="'ten to five': 16:50 when said as a time (default) or always the range 10-17",
    )

    p = command("train", cmd_train, "train the pipeline (spaCy config in nlu/configs/)")
    p.add_argument("--output", help="where the trained pipeline goes (default: models/nlu-calendar)")
    p.add_argument("--config", help="spaCy training config (default: nlu/configs/config.cfg)")
    p.add_argument("--max-steps", type=int, help="stop after this many steps (smoke tests)")
    p.add_argument("--limit", type=int, help="train on the first N examples only (smoke tests)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0: reproducible)")
    p.add_argument(
        "--template-ratio", type=float, help="generated rows per real training row (default: nlu.corpus.TEMPLATE_RATIO)"
    )
    p.add_argument("--no-handwritten", action="store_true", help="leave the hand-written rows out (ablation)")
    p.add_argument("--no-vectors", action="store_true", help="train without the static GloVe vectors (ablation)")
    p.add_argument(
        "--no-asr-lm",
        action="store_true",
        help="do not rebuild models/asr-calendar after training the shipped pipeline",
    )

    p = command("convert", cmd_convert, "convert annotated data to a spaCy DocBin, reporting spans that do not fit")
    p.add_argument("input", help="our JSONL, tutorial JSON, spaCy (text, {entities}) pairs JSON, or SLURP JSONL")
    p.add_argument("output", help="the .spacy file to write")
    p.add_argument("--strict", action="store_true", help="exit 1 and write nothing if any span has to be left out")

    p = command("evaluate", cmd_evaluate, "score slot extraction and intent on a data set")
    p.add_argument("data", help="our JSONL, tutorial JSON, spaCy pairs, a .spacy DocBin, or SLURP JSONL")
    p.add_argument("--model", help="trained pipeline directory (default: the shipped one)")
    p.add_argument("--fail-under", type=float, help="exit 1 when the slot micro-F1 is below this")
    p.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    p.add_argument("--errors", type=int, default=10, help="how many of the worst errors to list")

    p = command("bench", cmd_bench, "print parse latency (median, p95) and CLI throughput")
    p.add_argument("--model", help="trained pipeline directory (default: the shipped one)")
    p.add_argument("--n", type=int, default=2000, help="commands to time")

    p = command("asr-lm", cmd_asr_lm, "build the speech recognizer's calendar-biased language model and dictionary")
    p.add_argument("--output", help="model folder (default: models/asr-calendar)")
    p.add_argument("--seed", type=int, default=0, help="corpus seed (default 0: reproducible)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = build().parse_args(argv)
    try:
        return args.func(args)
    except NLUError as err:
        print(f"nlu: {err}", file=sys.stderr)
        return 2
    except (BrokenPipeError, KeyboardInterrupt):
        return 1
