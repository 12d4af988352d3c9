"""The iCalendar export: RFC 5545 structure, escaping, folding, CRLF, and a parse back."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from icalendar import Calendar

TRICKY = "Budget, Q3; review \\ draft\nsecond line 🎉 " + "é" * 40


@pytest.fixture
def exported(make_api):
    client, headers, _bot, _users = make_api()
    alice = headers["alice"]
    ids = {}
    for name, body in {
        "timed": {"title": TRICKY, "start": "2026-11-25T11:00:00", "end": "2026-11-25T12:30:00",
                  "tz": "Europe/Paris", "location": "Teak oaks HOA; room 2", "kind": "meeting"},
        "all_day": {"title": "visit to Trivandrum", "start": "2027-07-18", "all_day": True, "tz": "Asia/Kolkata"},
        "weekly": {"title": "standup", "start": "2026-11-23T09:30:00-05:00", "end": "2026-11-23T09:45:00-05:00",
                   "recurrence": "FREQ=WEEKLY;BYDAY=MO,WE", "attendees": ["Ann", "Raj"]},
        "gone": {"title": "AI", "start": "2026-11-24T10:00:00+01:00"},
    }.items():
        ids[name] = client.post("/v1/events", headers=alice, json=body).json()["id"]
    client.delete(f"/v1/events/{ids['gone']}", headers=alice)
    return client, alice, ids


def _vevents(body: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(body)
    return {str(ev["uid"]): ev for ev in cal.walk("VEVENT")}


def test_api_ics_round_trips_through_a_parser(exported):
    client, alice, ids = exported
    response = client.get("/v1/events.ics", headers=alice)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    events = _vevents(response.content)
    assert set(events) == {f"event-{ids[n]}@calendar-assistant" for n in ("timed", "all_day", "weekly")}
    timed = events[f"event-{ids['timed']}@calendar-assistant"]
    assert str(timed["summary"]) == TRICKY
    assert str(timed["location"]) == "Teak oaks HOA; room 2"
    assert timed["dtstart"].dt == datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)
    assert timed["dtend"].dt == datetime(2026, 11, 25, 11, 30, tzinfo=timezone.utc)
    assert timed["dtstamp"].dt.tzinfo is not None
    day = events[f"event-{ids['all_day']}@calendar-assistant"]
    assert (day["dtstart"].dt, day["dtend"].dt) == (date(2027, 7, 18), date(2027, 7, 19))
    weekly = events[f"event-{ids['weekly']}@calendar-assistant"]
    assert weekly["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO,WE"
    assert weekly["dtstart"].dt == datetime(2026, 11, 23, 14, 30, tzinfo=timezone.utc)


def test_api_ics_is_rfc5545_text(exported):
    client, alice, _ids = exported
    body = client.get("/v1/events.ics", headers=alice).content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long summary was folded
    unfolded = body.replace(b"\r\n ", b"").decode("utf-8")
    assert "SUMMARY:Budget\\, Q3\\; review \\\\ draft\\nsecond line 🎉" in unfolded
    assert "DTSTART;VALUE=DATE:20270718" in unfolded and "DTSTART:20261125T100000Z" in unfolded
    for needed in ("VERSION:2.0", "PRODID:", "BEGIN:VEVENT", "DTSTAMP:", "UID:"):
        assert needed in unfolded


def test_api_ics_cancelled_on_request_and_by_token(exported):
    client, alice, ids = exported
    key = alice["X-API-Key"]
    events = _vevents(client.get(f"/v1/events.ics?token={key}&include_cancelled=true").content)
    gone = events[f"event-{ids['gone']}@calendar-assistant"]
    assert str(gone["status"]) == "CANCELLED"
    assert len(events) == 4


def test_api_ics_range_and_control_characters(make_api):
    client, headers, *_ = make_api()
    alice = headers["alice"]
    client.post("/v1/events", headers=alice, json={"title": "bell\x07 and\x1b escape", "start": "2026-11-30T08:00:00Z"})
    client.post("/v1/events", headers=alice, json={"title": "later", "start": "2027-01-05T08:00:00Z"})
    body = client.get("/v1/events.ics", headers=alice, params={"end": "2026-12-31T00:00:00Z"}).content
    assert [str(e["summary"]) for e in _vevents(body).values()] == ["bell and escape"]
    assert b"\x07" not in body and b"\x1b" not in body


def test_api_ics_survives_a_stored_rule_that_is_not_an_rrule(make_api):
    # Given a rule written before storage checked rules (the facade refuses it today)
    from assistant import store
    from assistant.models import Event

    client, headers, bot, users = make_api()
    with bot.sessions.begin() as session:
        session.add(Event(owner=users["alice"], title="odd rule", start_utc=datetime(2026, 11, 30, 8),
                          end_utc=datetime(2026, 11, 30, 9), tz="Europe/Paris", attendees=[], exdates=[], alerts=[],
                          recurrence="every other full moon", created_at=store.utcnow(), updated_at=store.utcnow()))
    response = client.get("/v1/events.ics", headers=headers["alice"])
    assert response.status_code == 200
    [event] = _vevents(response.content).values()
    assert str(event["summary"]) == "odd rule" and "rrule" not in event
