"""Alembic: an existing calendar upgrades to the newest schema without losing a row, and the
migrations build exactly the tables the ORM models describe."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from assistant import Assistant
from assistant.db import alembic_config, engine_for, upgrade
from assistant.models import Base


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_migrations_upgrade_existing_database_without_loss(tmp_path) -> None:
    # Given a calendar made with the first schema revision, holding an event and a log entry
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url)
    cfg = alembic_config()
    with old.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    title = "visit to Trivandrum'); DROP TABLE events;-- 🎉"
    with old.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO events (owner, title, kind, start_utc, end_utc, tz, all_day, attendees, created_at, updated_at)"
                " VALUES ('me', :title, 'event', '2027-07-17 22:00:00', '2027-07-18 22:00:00', 'Europe/Paris', 1, '[]',"
                " '2026-11-23 08:00:00', '2026-11-23 08:00:00')"
            ),
            {"title": title},
        )
        conn.execute(
            text(
                "INSERT INTO operations (owner, session_id, operation, event_id, at)"
                " VALUES ('me', 's1', 'create', 1, '2026-11-23 08:00:00')"
            )
        )
    old.dispose()
    # When the assistant opens it (upgrading to head on first use)
    bot = Assistant(url)
    events = bot.events("me")
    # Then the schema is at head and every row is intact
    with engine_for(url).connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == _head()
        assert conn.execute(text("SELECT count(*) FROM operations")).scalar() == 1
    assert [(e.id, e.title, e.start, e.end, e.all_day) for e in events] == [
        (1, title, "2027-07-18T00:00:00", "2027-07-19T00:00:00", True)
    ]
    # And the upgraded calendar keeps working
    bot.create_event("me", title="AI", start=datetime(2026, 11, 24), end=datetime(2026, 11, 25), all_day=True)
    assert [e.title for e in bot.events("me")] == ["AI", title]


CORE_TABLES = {"events", "operations", "conversations", "api_keys"}


def _core(obj, name, type_, reflected, compare_to) -> bool:
    """Only the tables of assistant/models.py (other packages check their own)."""
    table = obj if type_ == "table" else getattr(obj, "table", None)
    return getattr(table, "name", name) in CORE_TABLES


def test_migrations_match_the_models(db_url: str) -> None:
    engine = engine_for(db_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _core})
        diffs = compare_metadata(context, Base.metadata)
    assert diffs == []


def test_migrations_upgrade_is_idempotent(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    engine = engine_for(url)
    Assistant(url).create_event("me", title="x", start=datetime(2026, 12, 1, 9), end=datetime(2026, 12, 1, 10))
    upgrade(engine)  # a second run is a no-op
    assert [e.title for e in Assistant(url).events("me")] == ["x"]


def test_migrations_0003_repairs_or_quarantines_rows_that_break_the_rules(tmp_path) -> None:
    # Given a calendar at revision 0002 holding rows an older version accepted
    url = f"sqlite:///{tmp_path / 'v2.db'}"
    old = create_engine(url)
    cfg = alembic_config()
    with old.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002_api_keys")
    rows = [  # (title, recurrence, start, end)
        ("water", "FREQ=DAILY;INTERVAL=0", "2026-11-23 08:00:00", "2026-11-23 08:15:00"),
        ("ics", "DTSTART:19990101\nRRULE:FREQ=DAILY", "2026-11-23 08:00:00", "2026-11-23 09:00:00"),
        (
            "standup",
            "RRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0",
            "2026-11-23 08:00:00",
            "2026-11-23 08:15:00",
        ),
        ("tick", "FREQ=SECONDLY", "2026-11-23 08:00:00", "2026-11-23 08:00:01"),
        ("skewed", None, "2026-11-23 09:45:00", "2026-11-23 09:15:00"),
    ]
    with old.begin() as conn:
        for title, rule, start, end in rows:
            conn.execute(
                text(
                    "INSERT INTO events (owner, title, start_utc, end_utc, tz, all_day, attendees, recurrence, created_at,"
                    " updated_at) VALUES ('me', :title, :start, :end, 'Europe/Paris', 0, '[]', :rule,"
                    " '2026-11-23 08:00:00', '2026-11-23 08:00:00')"
                ),
                {"title": title, "rule": rule, "start": start, "end": end},
            )
    old.dispose()
    # When the assistant opens it
    Assistant(url).events("me")
    # Then fixable rules are in stored form, the rest quarantined (kept, not expanded), ends after starts
    with engine_for(url).connect() as conn:
        got = {
            r.title: (r.recurrence, r.recurrence_quarantine, r.end_utc > r.start_utc)
            for r in conn.execute(
                text("SELECT title, recurrence, recurrence_quarantine, start_utc, end_utc FROM events")
            )
        }
    assert got == {
        "water": (None, "FREQ=DAILY;INTERVAL=0", True),
        "ics": ("FREQ=DAILY", None, True),
        "standup": ("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0", None, True),
        "tick": (None, "FREQ=SECONDLY", True),
        "skewed": (None, None, True),
    }
    # And the CHECK constraint now refuses an end before the start
    import pytest
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), engine_for(url).begin() as conn:
        conn.execute(text("UPDATE events SET end_utc = '2000-01-01 00:00:00' WHERE title = 'standup'"))
