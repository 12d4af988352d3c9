"""Shared fixtures. Each area adds its own below, in its own clearly headed section."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# The reference time of every golden case: Monday 2026-11-23 09:00 (the issues' examples).
NOW = datetime(2026, 11, 23, 9, 0)


def pytest_configure(config) -> None:
    """Markers used across the suite (`-m "not slow"` skips the ones that take seconds each)."""
    config.addinivalue_line("markers", "slow: takes several seconds (a training run, a benchmark); "
                            "deselect with -m 'not slow'")


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
        headers = {"alice": {"X-API-Key": keys["alice"]}, "bob": {"Authorization": f"Bearer {keys['bob']}"},
                   "reader": {"X-API-Key": keys["reader"]}}
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
