"""Storage: events round-trip exactly, in time order, per owner, soft-deleted, times in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from assistant import Assistant, BadEvent, store
from assistant.models import Event, Operation

NAUGHTY_TITLES = [
    "Robert'); DROP TABLE events;--",
    "1' OR '1'='1",
    '"quoted" title; SELECT * FROM users',
    "emoji 🎉🦄 party 👨‍👩‍👧",
    "ünïcödé ßpäß 日本語 العربية",
    "tab\there and bell\x07 and escape\x1b[31m",
    "line\nbreak\r\nand more",
    "  leading and trailing spaces  ",
    "%s %d {0} ${x} $(rm -rf /)",
    "x" * 500,
    "\u202eright-to-left override",
    "zero\u200bwidth",
]


def test_store_title_is_byte_exact(bot: Assistant, owner: str) -> None:
    for title in NAUGHTY_TITLES:
        made = bot.create_event(owner, title=title, start=datetime(2026, 12, 1, 10), end=datetime(2026, 12, 1, 11))
        again = bot.get_event(owner, made.id)
        assert again is not None and again.title == title
        assert again.title.encode("utf-8") == title.encode("utf-8")
    assert [e.title for e in bot.events(owner)] == NAUGHTY_TITLES


def test_store_refuses_nul_empty_invisible_and_overlong_titles(bot: Assistant, owner: str) -> None:
    for title in ("", "   ", "nul\x00inside", "\u200b\u200b", "\u200d \ufeff", "x" * 501):
        with pytest.raises(BadEvent):
            bot.create_event(owner, title=title, start=datetime(2026, 12, 1, 10), end=datetime(2026, 12, 1, 11))
    with pytest.raises(BadEvent):
        bot.create_event(owner, title="backwards", start=datetime(2026, 12, 1, 11), end=datetime(2026, 12, 1, 10))
    assert bot.events(owner) == []


def test_store_times_are_utc_plus_zone_and_shown_in_wall_time(bot: Assistant, owner: str) -> None:
    # Given a 10:00 meeting in Paris (UTC+1 in December)
    made = bot.create_event(
        owner, title="standup", start=datetime(2026, 12, 1, 10), end=datetime(2026, 12, 1, 10, 15), tz="Europe/Paris"
    )
    # Then the row holds 09:00 UTC and the zone, and each viewer sees their own wall time
    with bot.sessions.begin() as session:
        row = session.get(Event, made.id)
        assert (row.start_utc, row.end_utc, row.tz) == (
            datetime(2026, 12, 1, 9),
            datetime(2026, 12, 1, 9, 15),
            "Europe/Paris",
        )
    assert made.start == "2026-12-01T10:00:00"
    assert bot.events(owner, tz="America/New_York")[0].start == "2026-12-01T04:00:00"
    aware = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    assert (
        bot.create_event(owner, title="aware", start=aware, end=aware.replace(hour=10)).start == "2026-12-01T10:30:00"
    )


def test_store_all_day_events_keep_their_dates_in_any_zone(bot: Assistant, owner: str) -> None:
    made = bot.create_event(
        owner, title="holiday", start=datetime(2027, 7, 18), end=datetime(2027, 7, 19), all_day=True, tz="Europe/Paris"
    )
    shown = bot.events(owner, tz="America/Los_Angeles")[0]
    assert (shown.start, shown.end, shown.all_day) == ("2027-07-18T00:00:00", "2027-07-19T00:00:00", True)
    assert made.to_dict()["all_day"] is True


def test_store_lists_in_time_order_within_range(bot: Assistant, owner: str) -> None:
    for title, day, hour in [("c", 3, 9), ("a", 1, 9), ("b", 2, 9), ("a2", 1, 8)]:
        bot.create_event(owner, title=title, start=datetime(2026, 12, day, hour), end=datetime(2026, 12, day, hour + 1))
    assert [e.title for e in bot.events(owner)] == ["a2", "a", "b", "c"]
    window = bot.events(owner, start=datetime(2026, 12, 1, 8, 30), end=datetime(2026, 12, 3))
    assert [e.title for e in window] == ["a2", "a", "b"]  # a2 overlaps the window's start


def test_store_cancel_is_soft_and_owners_are_isolated(bot: Assistant, owner: str) -> None:
    mine = bot.create_event(owner, title="mine", start=datetime(2026, 12, 1, 10), end=datetime(2026, 12, 1, 11))
    other = owner + "-other"
    assert bot.cancel_event(other, mine.id) is None
    assert bot.update_event(other, mine.id, title="stolen") is None
    assert bot.events(other) == [] and bot.get_event(other, mine.id) is None
    cancelled = bot.cancel_event(owner, mine.id)
    assert cancelled is not None and cancelled.cancelled
    assert bot.events(owner) == []
    assert [e.title for e in bot.events(owner, include_cancelled=True)] == ["mine"]
    with bot.sessions.begin() as session:
        assert session.get(Event, mine.id).cancelled_at is not None  # the row is still there


def test_store_update_and_operation_log(bot: Assistant, owner: str) -> None:
    made = bot.create_event(owner, title="dentist", start=datetime(2026, 12, 1, 10), end=datetime(2026, 12, 1, 11))
    moved = bot.update_event(
        owner, made.id, start=datetime(2026, 12, 2, 15), end=datetime(2026, 12, 2, 16), location="Main St 1"
    )
    assert (moved.start, moved.end, moved.location) == ("2026-12-02T15:00:00", "2026-12-02T16:00:00", "Main St 1")
    with pytest.raises(BadEvent):
        bot.update_event(owner, made.id, colour="red")
    with bot.sessions.begin() as session:
        log = store.operations(session=session, owner=owner)
        assert [op.operation for op in log] == ["create", "reschedule"]
        assert log[1].before["start_utc"] == "2026-12-01T09:00:00"
        assert log[1].after["start_utc"] == "2026-12-02T14:00:00"


def test_store_reset_hard_deletes_only_that_user(bot: Assistant, owner: str) -> None:
    bot.create_event(owner, title="a", start=datetime(2026, 12, 1, 10), end=datetime(2026, 12, 1, 11))
    bot.create_event(owner + "-keep", title="b", start=datetime(2026, 12, 1, 10), end=datetime(2026, 12, 1, 11))
    assert len(bot.reset(owner).events) == 1
    assert bot.events(owner, include_cancelled=True) == []
    assert [e.title for e in bot.events(owner + "-keep")] == ["b"]
    with bot.sessions.begin() as session:
        assert session.scalars(select(Operation).where(Operation.owner == owner)).all() == []


def test_store_sqlite_uses_wal_and_busy_timeout(tmp_path) -> None:
    from assistant.db import engine_for

    engine = engine_for(f"sqlite:///{tmp_path / 'c.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_store_concurrent_writers_lose_nothing(db_url: str, owner: str) -> None:
    # Given 4 threads creating 15 events each through their own Assistant objects
    from concurrent.futures import ThreadPoolExecutor

    def work(n: int) -> None:
        bot = Assistant(db_url)
        for i in range(15):
            bot.create_event(owner, title=f"t{n}-{i}", start=datetime(2026, 12, 1, 10), end=datetime(2026, 12, 1, 11))

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(work, range(4)))
    titles = sorted(e.title for e in Assistant(db_url).events(owner))
    assert titles == sorted(f"t{n}-{i}" for n in range(4) for i in range(15))


def test_store_event_view_dict_has_the_chat_fields(bot: Assistant, owner: str) -> None:
    made = bot.create_event(
        owner,
        title="visit",
        start=datetime(2027, 7, 18),
        end=datetime(2027, 7, 19),
        all_day=True,
        location=None,
        attendees=["Sam"],
        tz="Europe/Paris",
    )
    data = made.to_dict()
    assert {k: data[k] for k in ("id", "title", "start", "end", "all_day", "location")} == {
        "id": made.id,
        "title": "visit",
        "start": "2027-07-18T00:00:00",
        "end": "2027-07-19T00:00:00",
        "all_day": True,
        "location": None,
    }
    assert data["attendees"] == ["Sam"] and data["cancelled"] is False
    assert ZoneInfo(data["tz"])


def test_store_unreachable_database_is_a_storage_error(tmp_path) -> None:
    from assistant import StorageError

    # A file where the database's folder should be: it can never be opened
    (tmp_path / "blocked").write_text("not a folder")
    with pytest.raises(StorageError):
        Assistant(f"sqlite:///{tmp_path / 'blocked' / 'calendar.db'}").events("me")


def test_store_refuses_rules_that_would_hang_expansion(bot: Assistant, owner: str) -> None:
    for rule in (
        "FREQ=SECONDLY",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;INTERVAL=-1",
        "DTSTART:19990101\nRRULE:FREQ=DAILY",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    ):
        with pytest.raises(BadEvent, match="recurrence"):
            bot.create_event(
                owner,
                title="tick",
                start=datetime(2026, 1, 1, 10),
                end=datetime(2026, 1, 1, 11),
                recurrence=rule,
                tz="UTC",
            )
    assert bot.events(owner) == []


def _stored_directly(bot: Assistant, owner: str, rule: str, start: datetime) -> int:
    """A row as an older version (before the rule check) could have left it."""
    with bot.sessions.begin() as session:
        row = Event(
            owner=owner,
            title="old rule",
            start_utc=start,
            end_utc=start + timedelta(hours=1),
            tz="UTC",
            attendees=[],
            recurrence=rule,
            exdates=[],
            alerts=[],
            created_at=store.utcnow(),
            updated_at=store.utcnow(),
        )
        session.add(row)
        session.flush()
        return row.id


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=SECONDLY",
        "FREQ=DAILY;INTERVAL=-1",
        "DTSTART:19990101\nRRULE:FREQ=DAILY",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    ],
)
def test_store_agenda_of_a_stored_bad_rule_shows_its_first_occurrence_at_once(
    bot: Assistant, owner: str, rule: str
) -> None:
    import time

    event_id = _stored_directly(bot, owner, rule, datetime(2026, 1, 1, 10))
    began = time.monotonic()
    views = bot.events(owner, start=datetime(2026, 1, 1), end=datetime(2026, 3, 1), tz="UTC", expand=True)
    assert [(v.id, v.start) for v in views] == [(event_id, "2026-01-01T10:00:00")]
    assert bot.events(owner, start=datetime(2026, 2, 1), tz="UTC", expand=True) == []
    assert time.monotonic() - began < 2


def test_store_agenda_of_an_old_hourly_series_is_capped_and_quick(bot: Assistant, owner: str) -> None:
    # Given an hourly series that started in 1900 (dateutil would walk a million hours)
    import time

    from assistant.agenda import MAX_OCCURRENCES

    bot.create_event(
        owner,
        title="tick",
        start=datetime(1900, 1, 1, 10),
        end=datetime(1900, 1, 1, 10, 30),
        recurrence="FREQ=HOURLY",
        tz="UTC",
    )
    # When a calendar asks for the coming year (the UI's agenda: no end)
    began = time.monotonic()
    views = bot.events(owner, start=datetime(2026, 1, 1), tz="UTC", expand=True)
    # Then it lists the capped first occurrences of the window, in phase, at once
    assert [v.start for v in views[:2]] == ["2026-01-01T00:00:00", "2026-01-01T01:00:00"]
    assert len(views) == MAX_OCCURRENCES
    assert time.monotonic() - began < 2
