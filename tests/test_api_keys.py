"""API keys: `python -m assistant keys ...` makes keys that the API accepts; stored hashed."""

from __future__ import annotations

import io
import uuid

import pytest
from fastapi.testclient import TestClient

from assistant import Assistant
from assistant.api import create_app
from assistant.api.keys import hash_key, parse_env_keys
from assistant.api.keys_cli import keys_command
from assistant.exceptions import BadSettings
from assistant.models import ApiKey
from assistant.shell import build_parser


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = keys_command(build_parser().parse_args(["keys", *argv]), stdout=out)
    return status, out.getvalue()


def test_api_keys_cli_create_list_revoke(api_db_url):
    user = f"erin-{uuid.uuid4().hex[:8]}"
    status, printed = run("create", user, "--label", "kitchen speaker", "--db", api_db_url)
    key = printed.strip()
    assert status == 0 and key.startswith("cal_") and len(key) > 40
    bot = Assistant(api_db_url)
    with bot.sessions() as session:
        rows = session.query(ApiKey).filter_by(owner=user).all()
    assert [(r.key_hash, r.label, r.read_only) for r in rows] == [(hash_key(key), "kitchen speaker", False)]
    client = TestClient(create_app(bot, api_keys=""))
    made = client.post(
        "/v1/events", headers={"Authorization": f"Bearer {key}"}, json={"title": "demo", "start": "2026-11-30T10:00:00"}
    )
    assert made.status_code == 201
    assert run("list", "--user", user, "--db", api_db_url)[1].split("\t")[:3] == [rows[0].prefix, user, "read-write"]
    assert run("revoke", rows[0].prefix, "--db", api_db_url) == (0, "revoked 1 key(s)\n")
    assert client.get("/v1/events", headers={"X-API-Key": key}).status_code == 401
    assert run("revoke", rows[0].prefix, "--db", api_db_url)[0] == 1


def test_api_keys_cli_read_only_key_gets_403_on_writes(api_db_url):
    key = run("create", f"finn-{uuid.uuid4().hex[:8]}", "--read-only", "--db", api_db_url)[1].strip()
    client = TestClient(create_app(Assistant(api_db_url), api_keys=""))
    assert client.get("/v1/events", headers={"X-API-Key": key}).status_code == 200
    assert (
        client.post(
            "/v1/events", headers={"X-API-Key": key}, json={"title": "x", "start": "2026-11-30T10:00:00"}
        ).status_code
        == 403
    )


@pytest.mark.parametrize("spec", ["alice", "alice:", ":key", "bad name:key", "alice:key:admin"])
def test_api_keys_env_spec_fails_fast_on_nonsense(spec):
    with pytest.raises(BadSettings):
        parse_env_keys(spec)


def test_api_keys_env_spec_reads_users_and_modes():
    keys = parse_env_keys(" alice:key1 , bob:key2:ro ,")
    assert {p.user: p.read_only for p in keys.values()} == {"alice": False, "bob": True}
    assert hash_key("key1") in keys and "key1" not in keys


def test_api_keys_migration_upgrades_an_existing_calendar_without_loss(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine, inspect, text

    from assistant.db import alembic_config, upgrade

    # Given a calendar made before API keys existed (schema at 0001), with one event
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO events (owner, title, start_utc, end_utc, tz, all_day, attendees, created_at, "
                "updated_at) VALUES ('me', 'dentist', '2026-11-24 09:00:00', '2026-11-24 10:00:00', "
                "'UTC', 0, '[]', '2026-11-23 09:00:00', '2026-11-23 09:00:00')"
            )
        )
    assert "api_keys" not in inspect(engine).get_table_names()
    # When it is upgraded to head, Then the keys table is there and the event is untouched
    upgrade(engine)
    assert "api_keys" in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT owner, title FROM events")).all() == [("me", "dentist")]
    # And the revision downgrades cleanly
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert "api_keys" not in inspect(engine).get_table_names()
    engine.dispose()
