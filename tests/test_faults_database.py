"""A database that cannot serve answers a clear 503 naming the cause, never a 500 or a hang.

Read-only and full disks are simulated with SQLite's own pragmas on every connection
(`query_only`, `max_page_count`), which raise the real SQLITE_READONLY and SQLITE_FULL
errors: CI runs as root, where file modes cannot make anything read-only.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from fault_helpers import ROOT, sqlite_pragma, within
from sqlalchemy import event as sa_event

from assistant import Assistant, BadSettings
from assistant.api import create_app
from assistant.db import dispose
from assistant.shell import build_parser, chat

EVENT = {"title": "dentist", "start": "2026-11-25T11:00:00", "tz": "Europe/Paris"}
BIG = {**EVENT, "attendees": ["x" * 500] * 200}  # 100 KB: needs new pages in the file


def _client(url: str, key: str = "k") -> TestClient:
    return TestClient(create_app(Assistant(url), api_keys=f"alice:{key}"), raise_server_exceptions=False)


def _damaged_file(path) -> str:
    """A calendar with events whose table pages are then overwritten (as a bad disk would)."""
    url = f"sqlite:///{path}"
    bot = Assistant(url)
    for i in range(200):
        bot.create_event(
            "alice",
            title=f"event {i} " + "x" * 200,
            start=datetime(2027, 1, 1, 10),
            end=datetime(2027, 1, 1, 11),
            tz="UTC",
        )
    dispose(url)
    with sqlite3.connect(path) as db:
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events'").fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as raw:
        for page in range(root + 1, root + 6):
            raw.seek((page - 1) * size)
            raw.write(os.urandom(size))
    return url


def test_faults_damaged_database_health_and_routes_say_so(tmp_path):
    # Given a calendar file whose event pages are damaged
    url = _damaged_file(tmp_path / "calendar.db")
    client = _client(url)
    alice = {"X-API-Key": "k"}
    with within(20, "answers on a damaged database"):
        # Then /health says so (no key needed)
        health = client.get("/health")
        # And every data route answers 503 with the cause, without Retry-After
        listing = client.get("/v1/events", headers=alice)
        made = client.post("/v1/events", headers=alice, json=EVENT)
    assert health.status_code == 503 and health.json()["status"] == "unavailable"
    assert health.json()["database"].startswith("the calendar database is damaged (database disk image is malformed)")
    for answer in (listing, made):
        assert answer.status_code == 503, answer.text
        assert answer.json()["message"] == health.json()["database"]
        assert "retry-after" not in answer.headers
    dispose(url)


def test_faults_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "calendar.db"
    path.write_bytes(b"this is not a calendar " * 500)
    client = _client(f"sqlite:///{path}")
    health = client.get("/health")
    listing = client.get("/v1/events", headers={"X-API-Key": "k"})
    assert health.status_code == 503 and "damaged (file is not a database)" in health.json()["database"]
    assert listing.status_code == 503 and "damaged (file is not a database)" in listing.json()["message"]
    dispose(f"sqlite:///{path}")


def test_faults_healthy_database_is_ok(tmp_path):
    client = _client(f"sqlite:///{tmp_path / 'calendar.db'}")
    assert client.get("/health").json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize(
    "url",
    ["sqlite://", "sqlite:///:memory:", "sqlite:///file::memory:?uri=true", "sqlite:///file:cal?mode=memory&uri=true"],
)
def test_faults_in_memory_database_is_refused_at_start(url):
    with pytest.raises(BadSettings, match="in-memory database"):
        create_app(db_url=url, api_keys="")
    with pytest.raises(BadSettings, match="in-memory database"):
        Assistant(url).events("me")
    args = build_parser().parse_args(["chat", "--db", url])
    with pytest.raises(BadSettings, match="in-memory database"):
        chat(args, io.StringIO("what do i have tomorrow\n"), io.StringIO())


@pytest.mark.slow
def test_faults_serve_refuses_an_in_memory_database():
    with within(60, "serve with an in-memory database"):
        done = subprocess.run(
            [sys.executable, "-m", "assistant", "serve", "--db", "sqlite:///:memory:", "--port", "1"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=55,
        )
    assert done.returncode == 2
    assert done.stderr.startswith("error: 'sqlite:///:memory:' is an in-memory database")
    assert "Traceback" not in done.stderr


def test_faults_read_only_database_is_503_naming_it(make_api, api_db_url):
    client, headers, bot, _users = make_api()
    alice = headers["alice"]
    made = client.post("/v1/events", headers=alice, json=EVENT).json()
    with read_only(bot, api_db_url), within(20, "writes on a read-only database"):
        refused = [
            client.post("/v1/events", headers=alice, json=EVENT),
            client.patch(f"/v1/events/{made['id']}", headers=alice, json={"title": "x"}),
            client.delete(f"/v1/events/{made['id']}", headers=alice),
        ]
        listing = client.get("/v1/events", headers=alice)
    for answer in refused:
        assert answer.status_code == 503, answer.text
        assert answer.json()["message"].startswith("the calendar database is read-only (")
        assert answer.json()["message"].endswith("nothing was changed")
        assert "retry-after" not in answer.headers
    # Reads still work, and nothing changed
    assert listing.status_code == 200 and [e["title"] for e in listing.json()] == ["dentist"]


def read_only(bot, url: str):
    """Every new connection refuses writes: SQLite query_only, PostgreSQL read-only transactions."""
    if url.startswith("sqlite"):
        return sqlite_pragma(bot, "query_only=1")
    return _postgres_read_only(bot)


class _postgres_read_only:
    def __init__(self, bot):
        self.engine = bot.sessions.kw["bind"]

    def _apply(self, dbapi_connection, _record):
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET default_transaction_read_only = on")
        dbapi_connection.commit()

    def __enter__(self):
        self.engine.dispose()
        sa_event.listen(self.engine, "connect", self._apply)

    def __exit__(self, *_exc):
        sa_event.remove(self.engine, "connect", self._apply)
        self.engine.dispose()


def test_faults_full_disk_is_503_naming_it(make_api, api_db_url):
    if not api_db_url.startswith("sqlite"):
        pytest.skip("a full disk is simulated with SQLite's max_page_count")
    client, headers, bot, users = make_api()
    alice = headers["alice"]
    # max_page_count never goes below the current size: no page may be added
    with sqlite_pragma(bot, "max_page_count=1"), within(20, "a write on a full disk"):
        refused = client.post("/v1/events", headers=alice, json=BIG)
    assert refused.status_code == 503, refused.text
    assert refused.json()["message"].startswith(
        "the disk holding the calendar database is full (database or disk is full): free some space"
    )
    assert "retry-after" not in refused.headers
    assert bot.events(users["alice"]) == []
    # Once there is room again, the same request is stored
    assert client.post("/v1/events", headers=alice, json=BIG).status_code == 201


def test_faults_chat_on_a_read_only_database_names_the_cause(make_api, api_db_url):
    from assistant.testing import ScriptedParser, day_span, reading

    parser = ScriptedParser()
    parser.add(
        reading(
            "schedule dentist tomorrow",
            "create",
            NAME="dentist",
            dates={"tomorrow": day_span(datetime(2026, 11, 24).date())},
        )
    )
    client, headers, bot, _users = make_api(parser=parser)
    with read_only(bot, api_db_url):
        answer = client.post(
            "/v1/chat",
            headers=headers["alice"],
            json={"session_id": "s", "text": "schedule dentist tomorrow", "now": "2026-11-23T09:00:00"},
        )
    assert answer.status_code == 503, answer.text
    assert answer.json()["message"].startswith("the calendar database is read-only (")
