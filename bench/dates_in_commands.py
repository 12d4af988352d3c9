"""Date phrases inside whole commands: does `nlu.parse` find the whole phrase and resolve it?

    .venv/bin/python bench/dates_in_commands.py [--cases bench/dates_blind2.jsonl ...] [--failures N]

The date suites (bench/dates_*.jsonl) score the resolver on the phrase alone. A command
reaches it only through the model's DATE span, which can leave words out ("COB [Wednesday]")
or miss the phrase altogether ("EOQ"). Each phrase with a start is put into four carrier
commands (a create, a create with a person, a query, a move), parsed at the row's reference
time in America/New_York, and counted right when the parse's `when` starts where the suite
says. Printed: the share per carrier and in all, with the date and core count.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlu.parser import Parser

CARRIERS = (
    "schedule a dentist appointment {}",
    "can you put lunch with sam in my calendar {}",
    "what do i have {}",
    "move the team meeting to {}",
)
TZ = "America/New_York"
DEFAULT_NOW = "2026-11-23T09:00:00"


def rows(paths: list[str]) -> list[dict]:
    """The suite rows that name a start (durations and refusals have none)."""
    found = [json.loads(line) for p in paths for line in Path(p).read_text().splitlines() if line.strip()]
    return [r for r in found if r.get("start")]


def started(parse) -> str | None:
    when = parse.when
    if when is None or when.start is None:
        return None
    return when.start.replace(tzinfo=None).isoformat(timespec="seconds")


def main() -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", nargs="+", default=[str(here / "dates_blind2.jsonl")])
    ap.add_argument("--failures", type=int, default=0, help="list this many misses")
    args = ap.parse_args()
    parser = Parser.load()
    cases = rows(args.cases)
    right, misses = dict.fromkeys(CARRIERS, 0), []
    for carrier in CARRIERS:
        for row in cases:
            text = carrier.format(row["text"])
            parse = parser.parse(text, now=datetime.fromisoformat(row.get("now", DEFAULT_NOW)), tz=TZ)
            got = started(parse)
            if got == row["start"]:
                right[carrier] += 1
            else:
                dated = [s.text for s in parse.slots if s.label == "DATE"]
                misses.append(f"  {text!r}: want {row['start']}, got {got} from DATE {dated}")
    print(
        f"{len(cases)} phrases from {', '.join(Path(c).name for c in args.cases)} ({date.today()}, {os.cpu_count()} cores)"
    )
    for carrier in CARRIERS:
        print(f"  {right[carrier]}/{len(cases)} = {right[carrier] / len(cases):.1%}  {carrier.format('<phrase>')}")
    total = sum(right.values())
    print(f"all: {total}/{len(cases) * len(CARRIERS)} = {total / (len(cases) * len(CARRIERS)):.1%} start right")
    for line in misses[: args.failures]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
