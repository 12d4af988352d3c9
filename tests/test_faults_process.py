"""Real processes: a server stopped by SIGTERM in the middle of a request, a server killed
(-9) during a burst of writes, a server started on a damaged file, secrets kept out of the
access log, and Ctrl-C in the chat command."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fault_helpers import ROOT, start_server, stop, within

from assistant.api.keys import create_feed_token
from assistant.db import dispose, sessions_for

KEYS = {"ASSISTANT_API_KEYS": "alice:key-alice"}
ALICE = {"X-API-Key": "key-alice"}
EVENT = {"title": "dentist", "start": "2026-11-25T11:00:00", "tz": "Europe/Paris"}


@pytest.mark.slow
def test_faults_process_sigterm_mid_request_stops_the_server_and_logs_no_secret(tmp_path):
    # Given a server with a feed token on its calendar
    path = tmp_path / "calendar.db"
    url = f"sqlite:///{path}"
    with sessions_for(url).begin() as session:
        _row, token = create_feed_token("alice", session=session)
    dispose(url)
    log = tmp_path / "server.log"
    proc, base = start_server(url, log, env=KEYS)
    try:
        # When a calendar app fetches the feed, the access log shows the request without the token
        assert httpx.get(f"{base}/v1/events.ics", params={"token": token}, timeout=10).status_code == 200
        # And when a write is stuck behind a lock another process holds, SIGTERM arrives
        holder = sqlite3.connect(path, isolation_level=None, timeout=1)
        holder.execute("BEGIN IMMEDIATE")
        stuck = ThreadPoolExecutor(1).submit(_post_quietly, base)
        time.sleep(1.0)
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        with within(20, "a server stopping mid-request"):
            proc.wait()
        stopped_after = time.monotonic() - started
        holder.rollback()
        holder.close()
    finally:
        stop(proc)
    # Then it stopped after its graceful timeout (5 s), not after the database's 15 s busy
    # timeout, with the status of the signal that stopped it (uvicorn re-raises it)
    assert stopped_after < 12, stopped_after
    assert proc.returncode == -signal.SIGTERM
    # And the request it could not finish was told so, and wrote nothing
    status, body = stuck.result(timeout=20)
    assert status == 503 and body["message"].startswith("the server stopped before this request finished")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM events").fetchone() == (0,)
    text = log.read_text()
    assert "GET /v1/events.ics?token=REDACTED HTTP/1.1" in text and token not in text


def _post_quietly(base: str) -> tuple[int | None, dict]:
    """The stuck request: (status, body), or (None, {}) if the connection dropped."""
    try:
        answer = httpx.post(f"{base}/v1/events", headers=ALICE, json=EVENT, timeout=30)
        return answer.status_code, answer.json()
    except httpx.HTTPError:
        return None, {}


@pytest.mark.slow
def test_faults_process_kill_9_during_a_write_burst_loses_no_acknowledged_write(tmp_path):
    path = tmp_path / "calendar.db"
    proc, base = start_server(f"sqlite:///{path}", tmp_path / "server.log", env=KEYS)
    acknowledged: list[tuple[int, str]] = []
    lock = threading.Lock()

    def writer(client: int) -> None:
        with httpx.Client(base_url=base, timeout=10) as http:
            for i in range(1000):
                title = f"burst {client}-{i}"
                try:
                    answer = http.post("/v1/events", headers=ALICE, json={**EVENT, "title": title})
                except httpx.HTTPError:
                    return  # the server is gone
                if answer.status_code == 201:
                    with lock:
                        acknowledged.append((answer.json()["id"], title))

    try:
        with within(60, "a write burst and kill -9"), ThreadPoolExecutor(4) as pool:
            for client in range(4):
                pool.submit(writer, client)
            while len(acknowledged) < 80:
                time.sleep(0.02)
            proc.kill()  # SIGKILL: no shutdown, no flush
    finally:
        stop(proc)
    # Then the file is intact and every write the server acknowledged is in it
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = dict(db.execute("SELECT id, title FROM events").fetchall())
    assert len(acknowledged) >= 80
    assert all(stored.get(event_id) == title for event_id, title in acknowledged)


@pytest.mark.slow
def test_faults_process_server_on_a_damaged_file_starts_and_says_so(tmp_path):
    path = tmp_path / "calendar.db"
    path.write_bytes(b"this is not a calendar " * 500)
    proc, base = start_server(f"sqlite:///{path}", tmp_path / "server.log", env=KEYS)
    try:
        health = httpx.get(f"{base}/health", timeout=10)
        listing = httpx.get(f"{base}/v1/events", headers=ALICE, timeout=10)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    assert health.status_code == 503 and "damaged (file is not a database)" in health.json()["database"]
    assert listing.status_code == 503 and "restore it from a backup" in listing.json()["message"]
    assert proc.returncode == -signal.SIGTERM


def _chat_process(tmp_path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assistant",
            "chat",
            "--json",
            "--db",
            f"sqlite:///{tmp_path / 'chat.db'}",
            "--now",
            "2026-11-23T09:00:00",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,
    )


def _interruptible() -> None:
    """Ctrl-C as a terminal would deliver it: a child inherits its parent's blocked signals
    and ignored ones, and libraries loaded by other tests in this worker may leave SIGINT
    either way (the chat then never saw the signal and ended at the end of input)."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_faults_process_ctrl_c_in_the_chat_ends_without_a_traceback(tmp_path):
    # Given a chat that answered one line and waits for the next
    chat = _chat_process(tmp_path)
    try:
        with within(60, "the chat's first answer"):
            chat.stdin.write("\n")
            chat.stdin.flush()
            first = json.loads(chat.stdout.readline())
        # When the user presses Ctrl-C
        chat.send_signal(signal.SIGINT)
        with within(20, "the chat ending"):
            chat.wait()  # before closing stdin: an end of input read first ends it with 0
            _out, err = chat.communicate()
    finally:
        stop(chat)
    # Then it ends at once with the shell's status for an interrupt, and no traceback
    assert first["operation"] == "none"
    assert chat.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


@pytest.mark.slow
def test_faults_process_ctrl_c_while_a_turn_runs(tmp_path):
    # Given a chat that is up (an empty line is answered without the NLU, so a busy machine's
    # slow interpreter start-up cannot swallow the signal), then a command that loads the NLU
    chat = _chat_process(tmp_path)
    try:
        with within(60, "the chat's first answer"):
            chat.stdin.write("\n")
            chat.stdin.flush()
            chat.stdout.readline()
        chat.stdin.write("schedule the dentist tomorrow at 10\n")
        chat.stdin.flush()
        time.sleep(0.3)  # loading the NLU, or answering
        chat.send_signal(signal.SIGINT)
        with within(30, "the chat ending mid-turn"):
            chat.wait()  # before closing stdin: an end of input read first ends it with 0
            _out, err = chat.communicate()
    finally:
        stop(chat)
    assert chat.returncode == 130, err[-2000:]
    assert "Traceback" not in err


def test_faults_process_a_stuck_thread_cannot_keep_a_stopped_server_alive():
    # Given a process whose main thread is done while a request thread still waits (60 s)
    script = (
        "import threading, time; from assistant.api.server import exit_when_stuck;"
        "threading.Thread(target=time.sleep, args=(60,), name='stuck request').start();"
        "exit_when_stuck(grace=0.5); print('main done', flush=True)"
    )
    started = time.monotonic()
    with within(30, "a process with a stuck thread"):
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=25)
    # Then it ends half a second after its main thread, saying which thread it left
    assert time.monotonic() - started < 15
    assert done.returncode == 0 and done.stdout == "main done\n"
    assert "ending the process" in done.stderr and "stuck request" in done.stderr
