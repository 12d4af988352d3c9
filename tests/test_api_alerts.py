"""REST: events carry alerts (minutes before the start), and GET /v1/alerts lists the alerts
ringing in a window, one item per occurrence of a series."""

from __future__ import annotations

import pytest

EVENT = {"title": "flight", "start": "2026-11-25T08:00:00", "end": "2026-11-25T10:00:00", "tz": "Europe/Paris"}


@pytest.fixture
def api(make_api):
    client, headers, _bot, _users = make_api(parser=None)
    return client, headers


def test_api_alerts_on_events_and_in_a_window(api):
    client, headers = api
    alice = headers["alice"]
    made = client.post("/v1/events", headers=alice, json={**EVENT, "alerts": [60, 1440, 60]})
    assert (made.status_code, made.json()["alerts"]) == (201, [60, 1440])
    weekly = client.post(
        "/v1/events",
        headers=alice,
        json={
            "title": "standup",
            "start": "2026-11-23T09:00:00",
            "end": "2026-11-23T09:15:00",
            "tz": "Europe/Paris",
            "recurrence": "FREQ=WEEKLY;BYDAY=MO",
            "alerts": [10],
        },
    ).json()
    due = client.get(
        "/v1/alerts",
        headers=alice,
        params={"start": "2026-11-24T00:00:00", "end": "2026-12-01T00:00:00", "tz": "Europe/Paris"},
    )
    assert due.status_code == 200
    assert [
        (a["event_id"], a["alert_at"], a["minutes_before"], a["event_start"], a["original_start"]) for a in due.json()
    ] == [
        (made.json()["id"], "2026-11-24T08:00:00", 1440, "2026-11-25T08:00:00", None),
        (made.json()["id"], "2026-11-25T07:00:00", 60, "2026-11-25T08:00:00", None),
        (weekly["id"], "2026-11-30T08:50:00", 10, "2026-11-30T09:00:00", "2026-11-30T09:00:00"),
    ]
    changed = client.patch(f"/v1/events/{made.json()['id']}", headers=alice, json={"alerts": []})
    assert changed.json()["alerts"] == []
    left = client.get(
        "/v1/alerts",
        headers=alice,
        params={"start": "2026-11-24T00:00:00", "end": "2026-12-01T00:00:00", "tz": "Europe/Paris"},
    )
    assert [a["title"] for a in left.json()] == ["standup"]


@pytest.mark.parametrize("alerts", [[-1], [40321], ["10"], [1.5], [True], list(range(21))])
def test_api_alerts_bad_values_are_422(api, alerts):
    client, headers = api
    response = client.post("/v1/events", headers=headers["alice"], json={**EVENT, "alerts": alerts})
    assert response.status_code == 422
    assert client.get("/v1/events", headers=headers["alice"]).json() == []


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-11-25T00:00:00"},
        {"start": "2026-11-25T00:00:00", "end": "2026-11-24T00:00:00"},
        {"start": "2026-11-25T00:00:00Z", "end": "2026-11-26T00:00:00"},
        {"start": "2026-01-01T00:00:00", "end": "2027-06-01T00:00:00"},
        {"start": "2026-11-25T00:00:00", "end": "2026-11-26T00:00:00", "tz": "Mars/Base"},
        {"start": "1500-01-01T00:00:00", "end": "1500-01-02T00:00:00"},
    ],
)
def test_api_alerts_bad_windows_are_422(api, params):
    client, headers = api
    assert client.get("/v1/alerts", headers=headers["alice"], params=params).status_code == 422


def test_api_alerts_need_a_key_and_read_only_keys_may_read(api):
    client, headers = api
    window = {"start": "2026-11-25T00:00:00", "end": "2026-11-26T00:00:00"}
    assert client.get("/v1/alerts", params=window).status_code == 401
    assert client.get("/v1/alerts", headers=headers["reader"], params=window).json() == []
