"""REST: GET /v1/free?start=&end=&min_minutes= lists the free windows inside waking hours."""

from __future__ import annotations

import pytest


@pytest.fixture
def api(make_api):
    client, headers, _bot, _users = make_api(parser=None)
    client.post(
        "/v1/events",
        headers=headers["alice"],
        json={"title": "x", "start": "2026-11-25T10:00:00", "end": "2026-11-25T11:00:00", "tz": "Europe/Paris"},
    )
    return client, headers


def test_api_free_windows(api):
    client, headers = api
    window = {"start": "2026-11-25T00:00:00", "end": "2026-11-26T00:00:00", "tz": "Europe/Paris"}
    assert client.get("/v1/free", headers=headers["alice"], params=window).json() == [
        {"start": "2026-11-25T08:00:00", "end": "2026-11-25T10:00:00"},
        {"start": "2026-11-25T11:00:00", "end": "2026-11-25T22:00:00"},
    ]
    longer = client.get("/v1/free", headers=headers["alice"], params={**window, "min_minutes": 121}).json()
    assert longer == [{"start": "2026-11-25T11:00:00", "end": "2026-11-25T22:00:00"}]
    assert client.get("/v1/free", headers=headers["bob"], params=window).json() == [  # bob's calendar is empty
        {"start": "2026-11-25T08:00:00", "end": "2026-11-25T22:00:00"}
    ]
    assert client.get("/v1/free", headers=headers["reader"], params=window).status_code == 200
    assert client.get("/v1/free", params=window).status_code == 401


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-11-25T00:00:00"},
        {"start": "2026-11-25T00:00:00", "end": "2026-11-25T00:00:00"},
        {"start": "2026-11-25T00:00:00", "end": "2026-11-26T00:00:00", "min_minutes": -1},
        {"start": "2026-11-25T00:00:00", "end": "2026-11-26T00:00:00", "min_minutes": "long"},
        {"start": "2026-11-25T00:00:00+01:00", "end": "2026-11-26T00:00:00"},
        {"start": "2026-01-01T00:00:00", "end": "2027-06-01T00:00:00"},
    ],
)
def test_api_free_bad_queries_are_422(api, params):
    client, headers = api
    assert client.get("/v1/free", headers=headers["alice"], params=params).status_code == 422
