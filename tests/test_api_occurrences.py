"""REST: one occurrence of a series, by its original start (DELETE and PATCH
/v1/events/{id}/occurrences/{original_start}), and expanded listings that carry series_id
and original_start."""

from __future__ import annotations

import pytest

STANDUP = {
    "title": "standup",
    "start": "2026-11-23T09:00:00",
    "end": "2026-11-23T09:15:00",
    "recurrence": "FREQ=WEEKLY;BYDAY=MO",
    "tz": "Europe/Paris",
}
WINDOW = {"start": "2026-11-23T00:00:00", "end": "2026-12-15T00:00:00", "tz": "Europe/Paris", "expand": "true"}


@pytest.fixture
def series(make_api):
    client, headers, _bot, users = make_api(parser=None)
    made = client.post("/v1/events", headers=headers["alice"], json=STANDUP).json()
    return client, headers["alice"], made["id"], headers, users


def _listed(client, alice) -> list[tuple]:
    return [
        (e["id"], e["start"], e["series_id"], e["original_start"])
        for e in client.get("/v1/events", headers=alice, params=WINDOW).json()
    ]


def test_api_occurrences_listing_carries_the_series_and_original_start(series):
    client, alice, sid, *_ = series
    assert _listed(client, alice) == [
        (sid, f"2026-{d}T09:00:00", sid, f"2026-{d}T09:00:00") for d in ("11-23", "11-30", "12-07", "12-14")
    ]


def test_api_occurrences_delete_one_is_an_exdate(series):
    client, alice, sid, *_ = series
    gone = client.delete(
        f"/v1/events/{sid}/occurrences/2026-12-07T09:00:00", headers=alice, params={"tz": "Europe/Paris"}
    )
    assert gone.status_code == 200
    assert (gone.json()["start"], gone.json()["cancelled"], gone.json()["original_start"]) == (
        "2026-12-07T09:00:00",
        True,
        "2026-12-07T09:00:00",
    )
    assert [s for _, s, _, _ in _listed(client, alice)] == [
        "2026-11-23T09:00:00",
        "2026-11-30T09:00:00",
        "2026-12-14T09:00:00",
    ]
    row = client.get(f"/v1/events/{sid}", headers=alice, params={"tz": "Europe/Paris"}).json()
    assert (row["exdates"], row["cancelled"]) == (["2026-12-07T09:00:00"], False)
    # And the same occurrence cannot be cancelled twice: it no longer exists
    assert (
        client.delete(
            f"/v1/events/{sid}/occurrences/2026-12-07T09:00:00", headers=alice, params={"tz": "Europe/Paris"}
        ).status_code
        == 404
    )


def test_api_occurrences_patch_one_is_a_row_of_its_own(series):
    client, alice, sid, *_ = series
    moved = client.patch(
        f"/v1/events/{sid}/occurrences/2026-11-30T09:00:00",
        headers=alice,
        json={"start": "2026-11-30T11:00:00", "title": "standup (late)", "tz": "Europe/Paris"},
    )
    assert moved.status_code == 200
    body = moved.json()
    assert (body["title"], body["start"], body["end"], body["series_id"], body["original_start"]) == (
        "standup (late)",
        "2026-11-30T11:00:00",
        "2026-11-30T11:15:00",
        sid,
        "2026-11-30T09:00:00",
    )
    assert _listed(client, alice)[1] == (body["id"], "2026-11-30T11:00:00", sid, "2026-11-30T09:00:00")
    assert len(_listed(client, alice)) == 4


def test_api_occurrences_patch_following_splits_and_all_moves_the_rule(series):
    client, alice, sid, *_ = series
    split = client.patch(
        f"/v1/events/{sid}/occurrences/2026-12-07T09:00:00",
        headers=alice,
        params={"scope": "following"},
        json={"start": "2026-12-07T10:00:00", "tz": "Europe/Paris"},
    )
    assert split.status_code == 200 and split.json()["recurrence"] == "FREQ=WEEKLY;BYDAY=MO"
    old = client.get(f"/v1/events/{sid}", headers=alice).json()
    assert old["recurrence"] == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261207T085959"
    assert [s for _, s, _, _ in _listed(client, alice)] == [
        "2026-11-23T09:00:00",
        "2026-11-30T09:00:00",
        "2026-12-07T10:00:00",
        "2026-12-14T10:00:00",
    ]
    moved = client.patch(
        f"/v1/events/{split.json()['id']}/occurrences/2026-12-14T10:00:00",
        headers=alice,
        params={"scope": "all"},
        json={"start": "2026-12-15T10:00:00", "tz": "Europe/Paris"},
    )
    assert moved.status_code == 200
    assert client.get(f"/v1/events/{split.json()['id']}", headers=alice).json()["recurrence"] == "FREQ=WEEKLY;BYDAY=TU"


def test_api_occurrences_delete_following_and_all(series):
    client, alice, sid, *_ = series
    assert (
        client.delete(
            f"/v1/events/{sid}/occurrences/2026-11-30T09:00:00",
            headers=alice,
            params={"scope": "following", "tz": "Europe/Paris"},
        ).status_code
        == 200
    )
    assert [s for _, s, _, _ in _listed(client, alice)] == ["2026-11-23T09:00:00"]
    assert (
        client.delete(
            f"/v1/events/{sid}/occurrences/2026-11-23T09:00:00",
            headers=alice,
            params={"scope": "all", "tz": "Europe/Paris"},
        ).json()["cancelled"]
        is True
    )
    assert _listed(client, alice) == []


def test_api_occurrences_errors(series):
    client, alice, sid, headers, _users = series
    base = f"/v1/events/{sid}/occurrences"
    assert client.delete(f"{base}/2026-12-08T09:00:00", headers=alice).status_code == 404  # a Tuesday
    assert client.delete(f"{base}/2026-12-07T09:00:00", headers=headers["bob"]).status_code == 404  # not bob's
    assert client.delete(f"{base}/2026-12-07T09:00:00", headers=headers["reader"]).status_code == 403
    assert client.delete(f"{base}/2026-12-07T09:00:00", headers=alice, params={"scope": "some"}).status_code == 422
    assert client.delete(f"{base}/yesterday", headers=alice).status_code == 422
    assert client.patch(f"{base}/2026-12-07T09:00:00", headers=alice, json={}).status_code == 422
    assert (
        client.patch(
            f"{base}/2026-12-07T09:00:00", headers=alice, params={"scope": "all"}, json={"title": "x"}
        ).status_code
        == 422
    )
    assert (
        client.patch(
            f"{base}/2026-12-07T09:00:00",
            headers=alice,
            json={"start": "2026-12-07T10:00:00", "end": "2026-12-07T09:00:00"},
        ).status_code
        == 422
    )
    assert [s for _, s, _, _ in _listed(client, alice)][2] == "2026-12-07T09:00:00"  # nothing changed


def test_api_occurrences_an_occurrence_changed_alone_cannot_repeat(series):
    # Found by build/hostile_probe.py: PATCH /v1/events/{override} {"recurrence": ...} made a
    # series inside a series; the occurrence's own row now refuses a rule and stays as it was.
    client, alice, sid, *_ = series
    moved = client.patch(
        f"/v1/events/{sid}/occurrences/2026-11-30T09:00:00", headers=alice, json={"start": "2026-11-30T10:00:00"}
    ).json()
    assert moved["id"] != sid and moved["series_id"] == sid
    before = _listed(client, alice)
    answer = client.patch(f"/v1/events/{moved['id']}", headers=alice, json={"recurrence": "FREQ=HOURLY"})
    assert answer.status_code == 422, answer.text
    assert answer.json()["message"] == (
        f"invalid request: recurrence: this event is one occurrence of series {sid} changed alone: it cannot repeat on its "
        f"own; change the series' recurrence instead (PATCH /v1/events/{sid})"
    )
    assert client.get(f"/v1/events/{moved['id']}", headers=alice).json()["recurrence"] is None
    assert _listed(client, alice) == before
    # its other fields still change as before
    assert client.patch(f"/v1/events/{moved['id']}", headers=alice, json={"title": "late standup"}).status_code == 200


def test_api_occurrences_of_an_all_day_series_stay_whole_days(series):
    # Found by build/hostile_probe.py's round trip: an all-day occurrence moved to 15:00 kept
    # its clock time, and one given only an end of 15:00 was exported DTSTART = DTEND.
    client, alice, _sid, headers, _users = series
    gym = client.post(
        "/v1/events",
        headers=alice,
        json={"title": "gym", "start": "2026-11-25", "all_day": True, "recurrence": "FREQ=WEEKLY;COUNT=5"},
    ).json()
    base = f"/v1/events/{gym['id']}/occurrences"
    moved = client.patch(f"{base}/2026-12-02T00:00:00", headers=alice, json={"start": "2026-12-03T15:00:00"}).json()
    shortened = client.patch(f"{base}/2026-12-09T00:00:00", headers=alice, json={"end": "2026-12-09T15:00:00"}).json()
    split = client.patch(
        f"{base}/2026-12-16T00:00:00",
        headers=alice,
        params={"scope": "following"},
        json={"start": "2026-12-17T09:30:00"},
    ).json()
    assert [(e["start"], e["end"], e["all_day"]) for e in (moved, shortened, split)] == [
        ("2026-12-03T00:00:00", "2026-12-04T00:00:00", True),
        ("2026-12-09T00:00:00", "2026-12-10T00:00:00", True),
        ("2026-12-17T00:00:00", "2026-12-18T00:00:00", True),
    ]
    export = client.get("/v1/events.ics", headers=alice).content
    again = client.post("/v1/events.ics", headers={**headers["bob"], "Content-Type": "text/calendar"}, content=export)
    assert again.json()["skipped"] == [], again.json()["skipped"]


@pytest.mark.parametrize("key", ["1796630400", "1796630400.0", "-1"])
def test_api_occurrences_a_number_is_no_occurrence_key(series, key):
    # 1796630400 is 2026-12-07 09:00 Paris, a real occurrence: a number is still no ISO key
    client, alice, sid, *_ = series
    before = _listed(client, alice)
    gone = client.delete(f"/v1/events/{sid}/occurrences/{key}", headers=alice, params={"tz": "Europe/Paris"})
    changed = client.patch(f"/v1/events/{sid}/occurrences/{key}", headers=alice, json={"title": "moved by number"})
    assert (gone.status_code, changed.status_code) == (422, 422)
    assert "timestamp" in gone.json()["message"] or "ISO 8601" in str(gone.json()["detail"])
    assert _listed(client, alice) == before
