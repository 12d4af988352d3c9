"""Load benchmark of the REST API: concurrent chat clients over HTTP on loopback.

Starts `python -m assistant serve` on a free 127.0.0.1 port against a fresh SQLite file
and, when one is available, PostgreSQL (DATABASE_URL, --pg-url, or a throw-away server
from scripts/pg-test-server.sh); gives each client a real API key (stored hashed, as
`keys create` does); drives N clients x M chat commands (creates, queries, reschedules,
cancels answered "yes", prompts answered, odd input) through /v1/chat; then counts the
rows in the database. Prints per backend: requests, 5xx, p50/p95 latency, and
whether every create the server reported is stored exactly once.

    .venv/bin/python bench/load_bench.py                          # 8 clients x 200 commands
    .venv/bin/python bench/load_bench.py --clients 2 --commands 5 --backend sqlite

Traffic goes to 127.0.0.1 only; every loop is bounded in count and by --max-seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the row count reads assistant.models
NOW = "2026-11-23T09:00:00"
TITLES = [
    "budget review",
    "dentist appointment",
    "team lunch",
    "project sync",
    "yoga class",
    "client call",
    "board meeting",
    "piano lesson",
    "book club",
    "code review",
    "parent teacher meeting",
    "AI workshop",
]
DAYS = [
    "tomorrow",
    "on friday",
    "next monday",
    "on december 3",
    "on november 30",
    "this thursday",
    "on the 2nd of december",
    "next wednesday",
]
TIMES = ["at 10 am", "at 2 pm", "at 4:30 pm", "at noon", "at 9", "at six in the evening", "at 11:15"]
ODD = [
    "",
    "'; DROP TABLE events; --",
    "🎉🎉🎉",
    "play some jazz",
    "\x07\x1b[31m",
    "uh",
    "x" * 5000,
    "what's the weather like",
]
MAX_FOLLOW_UPS = 2


@dataclass
class Tally:
    """What the clients saw: latencies, statuses, and the writes the server reported."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    scripted_creates: int = 0
    created_ids: list[int] = field(default_factory=list)
    cancelled_ids: set[int] = field(default_factory=set)
    operations: dict[str, int] = field(default_factory=dict)

    def record(self, status: int, seconds: float) -> None:
        self.latencies.append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1


def script(client: int) -> Iterator[tuple[str, bool]]:
    """An endless, client-specific mix of commands: (text, is it meant to create an event)."""
    step = 0
    while True:
        title, day = TITLES[(client + step) % len(TITLES)], DAYS[(client * 3 + step) % len(DAYS)]
        time_, later = TIMES[(client + step) % len(TIMES)], TIMES[(client + step + 3) % len(TIMES)]
        yield f"Schedule {title} {day} {time_}", True
        yield f"what do i have {day}", False
        yield f"Move the {title} to {later.removeprefix('at ')}", False
        yield f"uh can you put {TITLES[(client + step + 5) % len(TITLES)]} on my calendar {day} {later}", True
        yield ODD[(client + step) % len(ODD)], False
        yield f"Cancel the {title}", False
        yield f"Book a {TITLES[(client + step + 7) % len(TITLES)]}", True
        yield "what's on my calendar tomorrow", False
        step += 1


def answer_to(reply: dict) -> str | None:
    """What a person answers to a prompt: yes to a confirmation, a pick or a date to a question."""
    if reply.get("operation") == "confirm":
        return "yes"
    if reply.get("operation") == "clarify":
        return "the first one" if reply.get("choices") or len(reply.get("events") or []) > 1 else "friday at 3 pm"
    return None


async def run_client(
    http: httpx.AsyncClient, client: int, key: str, commands: int, tally: Tally, deadline: float
) -> None:
    """One client: `commands` chat requests in its own session, answering the prompts."""
    session, sent, lines = f"bench-{client}", 0, script(client)
    while sent < commands and time.monotonic() < deadline:
        text, creates = next(lines)
        tally.scripted_creates += creates
        for _turn in range(1 + MAX_FOLLOW_UPS):
            reply = await chat(http, key, session, text, tally)
            sent += 1
            text = answer_to(reply) if reply else None
            if text is None or sent >= commands:
                break


async def chat(http: httpx.AsyncClient, key: str, session: str, text: str, tally: Tally) -> dict | None:
    started = time.perf_counter()
    try:
        response = await http.post(
            "/v1/chat", headers={"X-API-Key": key}, json={"session_id": session, "text": text, "now": NOW}
        )
    except httpx.HTTPError:
        tally.errors += 1
        return None
    tally.record(response.status_code, time.perf_counter() - started)
    if response.status_code != 200:
        return None
    reply = response.json()
    operation = reply.get("operation", "?")
    tally.operations[operation] = tally.operations.get(operation, 0) + 1
    if operation == "create" and reply.get("events"):
        tally.created_ids.append(reply["events"][0]["id"])
    if operation == "cancel":
        tally.cancelled_ids.update(e["id"] for e in reply.get("events") or () if e.get("cancelled"))
    return reply


async def drive(base: str, keys: list[str], commands: int, max_seconds: float) -> tuple[Tally, float]:
    tally = Tally()
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=len(keys) + 2)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(run_client(http, i, key, commands, tally, deadline) for i, key in enumerate(keys)))
        return tally, time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(db_url: str, workers: int, log_path: Path) -> Iterator[str]:
    """`python -m assistant serve` on a free loopback port; stopped (by its pid) on exit."""
    port = free_port()
    cmd = [sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1", "--port", str(port), "--db", db_url]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    env = {**os.environ, "ASSISTANT_API_KEYS": "", "PYTHONUNBUFFERED": "1"}
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base, proc)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_until_up(base: str, proc: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode} (see its log)")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer on {base} within {seconds:.0f} s")


def make_keys(db_url: str, owners: list[str]) -> list[str]:
    """One real API key per client, stored hashed in the database as `keys create` does."""
    from assistant.api.keys import create_key
    from assistant.db import dispose_all, sessions_for

    try:
        with sessions_for(db_url).begin() as session:
            return [create_key(owner, session=session, label="load bench")[1] for owner in owners]
    finally:
        dispose_all()


def stored_events(db_url: str, owners: list[str]) -> list[tuple[int, bool]]:
    """(id, is cancelled) of every event row of these owners, cancelled ones included."""
    from sqlalchemy import select

    from assistant.db import dispose_all, sessions_for
    from assistant.models import Event

    try:
        with sessions_for(db_url)() as session:
            query = select(Event.id, Event.cancelled_at.is_not(None)).where(Event.owner.in_(owners))
            return [(row[0], bool(row[1])) for row in session.execute(query)]
    finally:
        dispose_all()


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_backend(name: str, db_url: str, args: argparse.Namespace, workdir: Path) -> bool:
    """One full run against one database; prints its figures and returns whether it passed."""
    run = uuid.uuid4().hex[:8]
    owners = [f"bench-{run}-{i // 2}" for i in range(args.clients)]  # two sessions per user
    keys = make_keys(db_url, owners)
    log_path = workdir / f"server-{name}.log"
    try:
        with server(db_url, args.workers, log_path) as base:
            tally, seconds = asyncio.run(drive(base, keys, args.commands, args.max_seconds))
        ok = report(name, args, tally, seconds, stored_events(db_url, sorted(set(owners))))
    except RuntimeError as err:
        print(f"[{name}] FAIL: {err}")
        ok = False
    if not ok:
        print(f"[{name}] server log (last lines):", *log_path.read_text().splitlines()[-25:], sep="\n  ")
    return ok


def report(name: str, args: argparse.Namespace, tally: Tally, seconds: float, rows: list[tuple[int, bool]]) -> bool:
    total = len(tally.latencies) + tally.errors
    five_xx = sum(n for status, n in tally.statuses.items() if status >= 500)
    row_ids = sorted(r[0] for r in rows)
    reported = tally.created_ids
    lost = sorted(set(reported) - set(row_ids))
    duplicated = len(reported) - len(set(reported))
    unreported = sorted(set(row_ids) - set(reported))
    cancelled_rows = {r[0] for r in rows if r[1]}
    ok = (
        five_xx == 0
        and tally.errors == 0
        and not lost
        and not duplicated
        and not unreported
        and cancelled_rows == tally.cancelled_ids
        and total == args.clients * args.commands
    )
    ops = ", ".join(f"{op} {n}" for op, n in sorted(tally.operations.items()))
    print(
        f"[{name}] {args.clients} clients x {args.commands} chat commands, workers={args.workers}: "
        f"{total} requests in {seconds:.1f} s ({total / seconds:.1f} req/s)"
    )
    print(f"[{name}] statuses {dict(sorted(tally.statuses.items()))}, 5xx {five_xx}, transport errors {tally.errors}")
    print(
        f"[{name}] latency p50 {percentile(tally.latencies, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(tally.latencies, 0.95) * 1000:.0f} ms, max {max(tally.latencies, default=0) * 1000:.0f} ms"
    )
    print(f"[{name}] operations: {ops}")
    print(
        f"[{name}] writes: scripted creates {tally.scripted_creates}, creates reported {len(reported)}, "
        f"rows stored {len(row_ids)}; lost {len(lost)}, duplicated {duplicated}, unreported rows {len(unreported)}"
    )
    print(
        f"[{name}] cancels: events reported cancelled {len(tally.cancelled_ids)}, rows cancelled "
        f"{len(cancelled_rows)}, mismatched {len(cancelled_rows ^ tally.cancelled_ids)}"
    )
    print(f"[{name}] {'PASS' if ok else 'FAIL'}")
    return ok


@contextmanager
def postgres(args: argparse.Namespace) -> Iterator[str | None]:
    """A PostgreSQL URL: --pg-url, DATABASE_URL, or a throw-away server (stopped after)."""
    url = args.pg_url or os.environ.get("DATABASE_URL", "")
    if url.startswith("postgresql"):
        yield url.replace("postgresql://", "postgresql+psycopg://", 1)
        return
    script_path = ROOT / "scripts" / "pg-test-server.sh"
    if not script_path.exists():
        yield None
        return
    started = subprocess.run(["bash", str(script_path), "start"], capture_output=True, text=True)
    if started.returncode != 0:
        print(f"[postgresql] could not start a server: {started.stderr.strip()[-300:]}")
        yield None
        return
    try:
        yield started.stdout.strip().splitlines()[-1].replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        subprocess.run(["bash", str(script_path), "stop"], capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--commands", type=int, default=200, help="chat requests per client")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-url", help="PostgreSQL URL (default: DATABASE_URL or a throw-away server)")
    parser.add_argument("--max-seconds", type=float, default=900, help="stop sending after this long")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="load-bench-") as tmp:
        workdir = Path(tmp)
        if args.backend in ("sqlite", "both"):
            results.append(run_backend("sqlite", f"sqlite:///{workdir / 'calendar.db'}", args, workdir))
        if args.backend in ("postgresql", "both"):
            with postgres(args) as url:
                if url is None:
                    print("[postgresql] skipped: no DATABASE_URL, --pg-url or scripts/pg-test-server.sh")
                    results.append(args.backend != "postgresql")
                else:
                    results.append(run_backend("postgresql", url, args, workdir))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
