"""Concurrent writes through REST, on SQLite and PostgreSQL: the probe's cases.

Each test holds the rows in another transaction while the requests arrive (those for one
event sent side by side, as the database pool lets 15 in at once), so they meet at the same
moment (the probe saw end-before-start on 13 of 20 events, and two
cancel operations logged on 16 of 20).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from fault_helpers import rows_held, within
from sqlalchemy import select

from assistant.models import Event, Operation

EVENTS = 20
SLOT = {"start": "2026-11-25T10:00:00", "end": "2026-11-25T11:00:00", "tz": "Europe/Paris"}


def _make_events(client, alice) -> list[int]:
    return [
        client.post("/v1/events", headers=alice, json={"title": f"review {i}", **SLOT}).json()["id"]
        for i in range(EVENTS)
    ]


@pytest.mark.slow
def test_faults_concurrent_patches_never_leave_end_before_start(make_api):
    # Given 20 events from 10:00 to 11:00
    client, headers, bot, users = make_api()
    alice = headers["alice"]
    ids = _make_events(client, alice)
    # When, for each, one PATCH moves the start to 10:45 and another the end to 10:15, at once
    changes = [(i, body) for i in ids for body in ({"start": "2026-11-25T10:45:00"}, {"end": "2026-11-25T10:15:00"})]
    with within(60, "40 concurrent PATCHes"), ThreadPoolExecutor(len(changes)) as pool:
        with rows_held(bot, ids, waiters=12, seconds=3):
            futures = [pool.submit(client.patch, f"/v1/events/{i}", headers=alice, json=body) for i, body in changes]
        answers = [f.result() for f in futures]
    # Then for each event exactly one wins; the other is told why (its change no longer fits)
    for i in ids:
        mine = [a for (event_id, _), a in zip(changes, answers, strict=True) if event_id == i]
        assert sorted(a.status_code for a in mine) == [200, 422], [a.text for a in mine]
        refused = next(a for a in mine if a.status_code == 422).json()
        assert refused["message"] == "invalid request: end must be after start"
    # And every stored event still ends after it starts
    with bot.sessions() as session:
        rows = session.scalars(select(Event).where(Event.owner == users["alice"])).all()
        assert len(rows) == EVENTS and all(r.end_utc > r.start_utc for r in rows)


@pytest.mark.slow
def test_faults_concurrent_deletes_log_one_cancel(make_api):
    # Given 20 events
    client, headers, bot, users = make_api()
    alice = headers["alice"]
    ids = _make_events(client, alice)
    # When each is DELETEd three times at once
    with within(60, "60 concurrent DELETEs"), ThreadPoolExecutor(3 * EVENTS) as pool:
        with rows_held(bot, ids, waiters=12, seconds=3):
            futures = [pool.submit(client.delete, f"/v1/events/{i}", headers=alice) for i in ids for _ in range(3)]
        answers = [f.result() for f in futures]
    # Then every DELETE answers the cancelled event, and one cancel is logged per event
    assert {a.status_code for a in answers} == {200} and all(a.json()["cancelled"] for a in answers)
    with bot.sessions() as session:
        logged = session.scalars(
            select(Operation.event_id).where(Operation.owner == users["alice"], Operation.operation == "cancel")
        ).all()
    assert sorted(logged) == sorted(ids)


def test_faults_check_constraint_violation_is_409_not_500(make_api):
    # Given a write that reaches the database's CHECK (end > start) without the facade's check
    from sqlalchemy.exc import IntegrityError

    client, headers, bot, _users = make_api()
    made = client.post("/v1/events", headers=headers["alice"], json={"title": "review", **SLOT}).json()
    with bot.sessions() as session:
        row = session.get(Event, made["id"])
        row.end_utc = row.start_utc
        try:
            session.commit()
        except IntegrityError as err:
            violation = err
    # When the API meets that error
    original = bot.update_event

    def racing(*_args, **_kwargs):
        raise violation

    bot.update_event = racing
    response = client.patch(f"/v1/events/{made['id']}", headers=headers["alice"], json={"title": "x"})
    bot.update_event = original
    # Then it answers 409 with a message, and the stored event is unchanged
    assert response.status_code == 409
    assert response.json()["message"].startswith("this change conflicts with the event as it is now (")
    assert client.get(f"/v1/events/{made['id']}", headers=headers["alice"]).json()["end"] == "2026-11-25T11:00:00"
