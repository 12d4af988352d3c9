"""Properties over generated input (hypothesis): no door answers 500 to any text, and any
storable title comes back byte-exact."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.checks import visible
from nlu.result import Parse

STORABLE = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
ANY_TEXT = st.text(max_size=300)  # NUL and lone surrogates included: those must be a 422
RUNS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def out_of_scope(text: str, now=None, tz=None) -> Parse:
    return Parse(text=text, intent="out_of_scope", confidence=1.0)


@pytest.mark.slow
def test_api_properties_titles_round_trip(make_api):
    client, headers, *_ = make_api(parser=out_of_scope)
    alice = headers["alice"]

    @RUNS
    @given(title=st.text(STORABLE, min_size=1, max_size=500).filter(visible))
    def round_trip(title: str) -> None:
        made = client.post("/v1/events", headers=alice, json={"title": title, "start": "2026-11-30T10:00:00"})
        assert made.status_code == 201, made.text
        got = client.get(f"/v1/events/{made.json()['id']}", headers=alice).json()
        assert got["title"].encode("utf-8") == title.encode("utf-8")

    round_trip()


@pytest.mark.slow
def test_api_properties_no_door_answers_500(make_api):
    client, headers, *_ = make_api(parser=out_of_scope)
    alice = headers["alice"]

    @RUNS
    @given(text=ANY_TEXT, session=st.text(max_size=20), tz=st.none() | st.text(max_size=20))
    def never_500(text: str, session: str, tz: str | None) -> None:
        doors = [
            ("/v1/parse", {"text": text, "tz": tz}),
            ("/model/parse", {"text": text}),
            ("/v1/chat", {"session_id": session, "text": text, "tz": tz}),
            ("/v1/events", {"title": text, "start": "2026-11-30T10:00:00", "tz": tz}),
        ]
        for path, body in doors:
            response = client.post(path, headers=alice, json=body)
            assert response.status_code in (200, 201, 422), (path, body, response.text[:200])
            assert response.json()

    never_500()
