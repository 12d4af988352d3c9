"""Shared fixtures. Each area adds its own below, in its own clearly headed section."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# The reference time of every golden case: Monday 2026-11-23 09:00 (the issues' examples).
NOW = datetime(2026, 11, 23, 9, 0)


@pytest.fixture(scope="session")
def now() -> datetime:
    return NOW


# ---- REST API (tests/test_api_*.py) -------------------------------------------------------
# One database per backend for the whole run (SQLite file; PostgreSQL when DATABASE_URL
# names one); each test gets fresh, unique user names, so tests never see each other's rows.


def _postgres_url() -> str | None:
    import os

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        return None
    return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def api_db_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('api') / 'calendar.db'}"
    url = _postgres_url()
    if url is None:
        pytest.skip("PostgreSQL: set DATABASE_URL=postgresql+psycopg://... (scripts/test.sh does)")
    return url


@pytest.fixture(scope="session")
def api_model_parser():
    """The shipped NLU pipeline's parse function (tests that need real meaning skip without it)."""
    import nlu
    from nlu.exceptions import ModelNotFound

    try:
        return nlu.load().parse
    except ModelNotFound as err:
        pytest.skip(f"no trained pipeline yet: {err}")


@pytest.fixture
def make_api(api_db_url):
    """Build a TestClient over a fresh Assistant: make_api(parser) -> (client, headers_by_role, bot).

    Roles: "alice" and "bob" (full keys, one by X-API-Key, one by Bearer) and "reader"
    (a read-only key); each test gets unique user names behind these roles.
    """
    import uuid

    from fastapi.testclient import TestClient

    from assistant import Assistant
    from assistant.api import create_app

    clients = []

    def make(parser=None, **app_kwargs):
        tag = uuid.uuid4().hex[:10]
        users = {role: f"{role}-{tag}" for role in ("alice", "bob", "reader")}
        keys = {role: f"key-{role}-{tag}" for role in users}
        spec = ",".join(f"{users[r]}:{keys[r]}" + (":ro" if r == "reader" else "") for r in users)
        bot = Assistant(api_db_url, parser=parser)
        client = TestClient(create_app(bot, api_keys=spec, **app_kwargs), raise_server_exceptions=False)
        clients.append(client)
        headers = {
            "alice": {"X-API-Key": keys["alice"]},
            "bob": {"Authorization": f"Bearer {keys['bob']}"},
            "reader": {"X-API-Key": keys["reader"]},
        }
        return client, headers, bot, users

    yield make
    for client in clients:
        client.close()


# ---- NLU training / evaluation / CLI (tests/test_training_*, test_evaluate_*, test_cli_parse_*) ----
# A pipeline for tests that need one: the shipped models/nlu-calendar when it exists, else a
# small one trained once per run from tests/data/tiny.jsonl (about half a minute).

TINY_CORPUS = ROOT / "tests" / "data" / "tiny.jsonl"


@pytest.fixture(scope="session")
def tiny_corpus_dir(tmp_path_factory) -> Path:
    """A corpus folder (train.jsonl, dev.jsonl) made of the handwritten tiny set."""
    import shutil

    folder = tmp_path_factory.mktemp("tiny-corpus")
    for name in ("train.jsonl", "dev.jsonl"):
        shutil.copy(TINY_CORPUS, folder / name)
    return folder


@pytest.fixture(scope="session")
def nlu_model_path(tmp_path_factory, tiny_corpus_dir) -> Path:
    shipped = ROOT / "models" / "nlu-calendar"
    if (shipped / "config.cfg").exists():
        return shipped
    from nlu.training import train

    return train(tmp_path_factory.mktemp("nlu-model") / "model", max_steps=150, corpus_dir=tiny_corpus_dir)


# ---- Assistant store / dialogue / chat (tests/test_store_*, test_dialogue_*, test_chat_*, test_migrations_*) ----
# Every test runs against a fresh SQLite file and, when DATABASE_URL names a PostgreSQL
# server (scripts/test.sh starts one), against PostgreSQL too; there, each test gets its
# own unique owner and session names so tests never see each other's rows.


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> Path:
    """A SQLite calendar migrated once per run; each test copies it (faster than migrating)."""
    from assistant.db import dispose, engine_for

    path = tmp_path_factory.mktemp("template") / "calendar.db"
    engine_for(f"sqlite:///{path}")
    dispose(f"sqlite:///{path}")  # closing the last connection folds the WAL into the file
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, _sqlite_template):
    import shutil

    from assistant.db import dispose

    if request.param == "sqlite":
        shutil.copy(_sqlite_template, tmp_path / "calendar.db")
        url = f"sqlite:///{tmp_path / 'calendar.db'}"
    else:
        url = _postgres_url()
        if url is None:
            pytest.skip("PostgreSQL: set DATABASE_URL=postgresql+psycopg://... (scripts/test.sh does)")
    yield url
    if request.param == "sqlite":
        dispose(url)


@pytest.fixture
def owner() -> str:
    import uuid

    return f"user-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def scripted():
    """A parser callable answering from a table of hand-built Parse objects."""
    from assistant.testing import ScriptedParser

    return ScriptedParser()


@pytest.fixture
def bot(db_url, scripted):
    from assistant import Assistant

    return Assistant(db_url, parser=scripted)


@pytest.fixture(scope="session")
def shipped_parser():
    """nlu.parse over the shipped pipeline (end-to-end dialogue tests skip without it)."""
    import nlu
    from nlu.exceptions import ModelNotFound

    try:
        nlu.default_parser()
    except ModelNotFound as err:
        pytest.skip(f"no trained pipeline in models/ yet: {err}")
    return nlu.parse


# ---- Voice (tests/test_voice_*, test_asr_lm_*, test_api_audio.py, test_ui_voice.py) ----
# Spoken commands synthesised once with festival (tests/data/voice/make_fixtures.sh) and
# committed, so the tests need no speech synthesiser: 16 kHz mono 16-bit WAV.

VOICE = ROOT / "tests" / "data" / "voice"


def wav_bytes(samples, rate: int) -> bytes:
    """A WAV file of `samples` (numpy: frames, or frames x channels) in their own dtype."""
    import io

    from scipy.io import wavfile

    out = io.BytesIO()
    wavfile.write(out, rate, samples)
    return out.getvalue()


@pytest.fixture(scope="session")
def spoken():
    """spoken(name) -> the bytes of tests/data/voice/NAME.wav."""
    return lambda name: (VOICE / f"{name}.wav").read_bytes()


# ---- The demo (tests/test_ui_app.py, test_ui_voice.py; in a browser: test_ui_browser*.py) ----
# AppTest runs ui/app.py on a throw-away SQLite calendar with "now" fixed (DEMO_NOW); the
# browser tests serve the demo with `streamlit run` on a free port, once per test module.

UI_APP = ROOT / "ui" / "app.py"
UI_TZ = "Europe/Paris"
UI_NOW = "2026-11-23T09:00:00"
UI_TIMEOUT = 120  # seconds; the first run of a process loads the model


@pytest.fixture
def ui_db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'ui.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DEMO_NOW", UI_NOW)
    monkeypatch.setenv("ASSISTANT_TZ", UI_TZ)
    return url


@pytest.fixture
def calendar(ui_db_url: str):
    """The same calendar the app uses, for setting up and checking rows."""
    from assistant import Assistant

    return Assistant(ui_db_url)


@pytest.fixture
def app(ui_db_url: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(UI_APP), default_timeout=UI_TIMEOUT)
    at.run()
    assert not at.exception
    return at


def wait_healthy(url: str, proc, seconds: float = 60) -> None:
    """Block until Streamlit answers its health check (or fail with the server's log)."""
    import time
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not come up at {url} within {seconds}s")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory):
    """The demo served on a free local port, on a throw-away database; stopped afterwards."""
    import os
    import socket
    import subprocess
    import sys

    tmp = tmp_path_factory.mktemp("ui-browser")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'calendar.db'}",
        "DEMO_NOW": UI_NOW,
        "ASSISTANT_TZ": UI_TZ,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    log = (tmp / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "ui/app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
