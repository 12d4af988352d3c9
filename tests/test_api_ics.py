"""The iCalendar export: RFC 5545 structure, escaping, folding, CRLF, and a parse back."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

TRICKY = "Budget, Q3; review \\ draft\nsecond line 🎉 " + "é" * 40


@pytest.fixture
def exported(make_api):
    client, headers, _bot, _users = make_api()
    alice = headers["alice"]
    ids = {}
    for name, body in {
        "timed": {
            "title": TRICKY,
            "start": "2026-11-25T11:00:00",
            "end": "2026-11-25T12:30:00",
            "tz": "Europe/Paris",
            "location": "Teak oaks HOA; room 2",
            "kind": "meeting",
        },
        "all_day": {"title": "visit to Trivandrum", "start": "2027-07-18", "all_day": True, "tz": "Asia/Kolkata"},
        "weekly": {
            "title": "standup",
            "start": "2026-11-23T09:30:00-05:00",
            "end": "2026-11-23T09:45:00-05:00",
            "recurrence": "FREQ=WEEKLY;BYDAY=MO,WE",
            "attendees": ["Ann", "Raj"],
        },
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
    assert timed["dtstart"].dt == datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    assert timed["dtend"].dt == datetime(2026, 11, 25, 11, 30, tzinfo=UTC)
    assert timed["dtstart"].params["TZID"] == "Europe/Paris"
    assert timed["dtstamp"].dt.tzinfo is not None
    day = events[f"event-{ids['all_day']}@calendar-assistant"]
    assert (day["dtstart"].dt, day["dtend"].dt) == (date(2027, 7, 18), date(2027, 7, 19))
    weekly = events[f"event-{ids['weekly']}@calendar-assistant"]
    assert weekly["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO,WE"
    assert weekly["dtstart"].dt == datetime(2026, 11, 23, 14, 30, tzinfo=UTC)


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
    assert "DTSTART;VALUE=DATE:20270718" in unfolded
    assert "DTSTART;TZID=Europe/Paris:20261125T110000" in unfolded  # the event's own zone, not UTC
    assert unfolded.count("BEGIN:VTIMEZONE") == 1 and "TZID:Europe/Paris" in unfolded
    for needed in ("VERSION:2.0", "PRODID:", "BEGIN:VEVENT", "DTSTAMP:", "UID:"):
        assert needed in unfolded


def test_api_ics_cancelled_on_request_and_by_token(exported):
    client, alice, ids = exported
    token = client.post("/v1/feed-token", headers=alice).json()["token"]
    events = _vevents(client.get(f"/v1/events.ics?token={token}&include_cancelled=true").content)
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
        session.add(
            Event(
                owner=users["alice"],
                title="odd rule",
                start_utc=datetime(2026, 11, 30, 8),
                end_utc=datetime(2026, 11, 30, 9),
                tz="Europe/Paris",
                attendees=[],
                exdates=[],
                alerts=[],
                recurrence="every other full moon",
                created_at=store.utcnow(),
                updated_at=store.utcnow(),
            )
        )
    response = client.get("/v1/events.ics", headers=headers["alice"])
    assert response.status_code == 200
    [event] = _vevents(response.content).values()
    assert str(event["summary"]) == "odd rule" and "rrule" not in event


def _series_with_exceptions(client, alice, bot, users):
    """A weekly standup (10 and 60 minute alerts), Dec 7 cancelled alone, Dec 14 moved to 10:00."""
    from assistant import store
    from assistant.models import Event as Row

    made = client.post(
        "/v1/events",
        headers=alice,
        json={
            "title": "standup",
            "start": "2026-11-30T09:30:00",
            "end": "2026-11-30T09:45:00",
            "tz": "Europe/Paris",
            "recurrence": "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270125T083000Z",
        },
    ).json()
    with bot.sessions.begin() as session:
        series = session.get(Row, made["id"])
        series.alerts = [10, 60]
        store.exclude_occurrence(session=session, series=series, original_start_utc=datetime(2026, 12, 7, 8, 30))
        moved = store.add_event(
            session=session,
            owner=users["alice"],
            title="standup (late)",
            start_utc=datetime(2026, 12, 14, 9),
            end_utc=datetime(2026, 12, 14, 9, 15),
            tz="Europe/Paris",
            series_id=series.id,
            original_start_utc=datetime(2026, 12, 14, 8, 30),
        )
        dropped = store.add_event(
            session=session,
            owner=users["alice"],
            title="standup (dropped)",
            start_utc=datetime(2026, 12, 21, 9),
            end_utc=datetime(2026, 12, 21, 9, 15),
            tz="Europe/Paris",
            series_id=series.id,
            original_start_utc=datetime(2026, 12, 21, 8, 30),
        )
        store.cancel_event(session=session, event=dropped)
    return made["id"], moved.id


def test_api_ics_series_with_exdate_recurrence_id_and_alarms(make_api):
    from dateutil.rrule import rrulestr

    client, headers, bot, users = make_api()
    alice = headers["alice"]
    series_id, _moved = _series_with_exceptions(client, alice, bot, users)
    body = client.get("/v1/events.ics", headers=alice).content
    events = Calendar.from_ical(body).walk("VEVENT")
    uid = f"event-{series_id}@calendar-assistant"
    master = next(e for e in events if "recurrence-id" not in e)
    [override] = [e for e in events if "recurrence-id" in e]
    # The series: RRULE with its UNTIL in UTC, EXDATE for the occurrences cancelled alone, a VALARM per alert
    assert str(master["uid"]) == uid and master["rrule"].to_ical() == b"FREQ=WEEKLY;UNTIL=20270125T083000Z;BYDAY=MO"
    unfolded = body.replace(b"\r\n ", b"").decode()
    assert "EXDATE;TZID=Europe/Paris:20261207T093000,20261221T093000" in unfolded
    assert sorted(str(a["trigger"].dt) for a in master.walk("VALARM")) == ["-1 day, 23:00:00", "-1 day, 23:50:00"]
    assert {str(a["action"]) for a in master.walk("VALARM")} == {"DISPLAY"}
    # The occurrence changed alone: the series' UID and its original start as RECURRENCE-ID
    assert str(override["uid"]) == uid and str(override["summary"]) == "standup (late)"
    assert "RECURRENCE-ID;TZID=Europe/Paris:20261214T093000" in unfolded
    assert "DTSTART;TZID=Europe/Paris:20261214T100000" in unfolded
    # And a reader expanding the file finds the calendar's own occurrences
    rule = rrulestr(master["rrule"].to_ical().decode(), dtstart=master["dtstart"].dt)
    skipped = {d.dt for d in master["exdate"].dts} | {override["recurrence-id"].dt}
    starts = [d.strftime("%m-%d %H:%M") for d in rule if d not in skipped]
    assert starts == ["11-30 09:30", "12-28 09:30", "01-04 09:30", "01-11 09:30", "01-18 09:30", "01-25 09:30"]


def test_api_ics_cancelled_occurrence_shown_as_cancelled_when_asked(make_api):
    client, headers, bot, users = make_api()
    alice = headers["alice"]
    _series_with_exceptions(client, alice, bot, users)
    body = client.get("/v1/events.ics", headers=alice, params={"include_cancelled": "true"}).content
    overrides = {str(e["summary"]): e for e in Calendar.from_ical(body).walk("VEVENT") if "recurrence-id" in e}
    assert set(overrides) == {"standup (late)", "standup (dropped)"}
    assert str(overrides["standup (dropped)"]["status"]) == "CANCELLED"
    assert b"EXDATE;TZID=Europe/Paris:20261207T093000\r\n" in body  # only the one cancelled alone


def test_api_ics_never_fails_for_a_stored_row(make_api):
    # Given rows an older version could leave behind: a quarantined rule, a rule that no
    # longer passes the checks, a multi-line rule, odd titles, a cancelled series
    from assistant import store
    from assistant.models import Event as Row

    client, headers, bot, users = make_api()
    alice = headers["alice"]
    stamp = store.utcnow()
    odd = [
        ("quarantined", None, "FREQ=DAILY;INTERVAL=0"),
        ("secondly", "FREQ=SECONDLY", None),
        ("multi-line", "DTSTART:19990101\nRRULE:FREQ=DAILY", None),
        ("\x07\x1b[31m", None, None),
        ("'; DROP TABLE events;-- \\ , ;\n🎉", None, None),
    ]
    with bot.sessions.begin() as session:
        for title, rule, quarantined in odd:
            session.add(
                Row(
                    owner=users["alice"],
                    title=title,
                    start_utc=datetime(2026, 11, 30, 8),
                    end_utc=datetime(2026, 11, 30, 9),
                    tz="Europe/Paris",
                    attendees=[],
                    exdates=[],
                    alerts=[],
                    recurrence=rule,
                    recurrence_quarantine=quarantined,
                    created_at=stamp,
                    updated_at=stamp,
                )
            )
    gone = client.post(
        "/v1/events",
        headers=alice,
        json={"title": "gone", "start": "2026-12-01T10:00:00", "recurrence": "FREQ=DAILY;COUNT=5"},
    ).json()
    client.delete(f"/v1/events/{gone['id']}", headers=alice)
    # When they are exported, with and without cancelled events
    for params in ({}, {"include_cancelled": "true"}):
        response = client.get("/v1/events.ics", headers=alice, params=params)
        # Then the export succeeds and holds each row, the unsafe rules as a first occurrence and a COMMENT
        assert response.status_code == 200
        events = {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
        assert set(events) >= {"quarantined", "secondly", "multi-line", "[31m", "'; DROP TABLE events;-- \\ , ;\n🎉"}
        for title in ("quarantined", "secondly", "multi-line"):
            assert "rrule" not in events[title]
            assert str(events[title]["comment"]).startswith("repeat rule not exported, it cannot be expanded safely: ")
        assert ("gone" in events) == bool(params)
    assert b"\n" not in response.content.replace(b"\r\n", b"")
