"""/v1/chat: the chat JSON over HTTP, sessions private to each user, odd input, 422s.

The conversation tests use the shipped pipeline (skipped until it is trained); the
validation tests need no model, the body is refused before the dialogue runs.
"""

from __future__ import annotations

import pytest

from assistant.views import OPERATIONS
from nlu.result import Parse, Slot

NOW = "2026-11-23T09:00:00"
ACCEPTANCE = [
    "Schedule event for visit to Trivandrum on July 18",
    "Create event happening tomorrow on AI",
    "Could you please reserve a team brainstorming session on coming Wednesday at 11 AM?",
    "Schedule a calendar event in Teak oaks HOA about competitions happening tomorrow",
    "what do i have tomorrow",
    "Change time of team brainstorming session to 6 PM",
    "Cancel the AI event",
    "yes",
    "what's on my calendar on november 24",
]
ODD = [
    "",
    " ",
    "x" * 100_000,
    "\x01\x02\x1b[2J",
    "🎉🎉 🧑‍🤝‍🧑",
    "'; DROP TABLE events; --",
    "Robert'); DELETE FROM conversations;--",
    "\u202eevil",
    "yes",
    "the first one",
    "undo",
]


def say(client, headers, text: str, session: str = "kitchen", **extra) -> dict:
    response = client.post("/v1/chat", headers=headers, json={"session_id": session, "text": text, "now": NOW, **extra})
    assert response.status_code == 200, response.text[:300]
    return response.json()


def _shape(reply: dict) -> tuple:
    """A reply without the database ids (they differ between two users' calendars)."""
    return (
        reply["reply"],
        reply["operation"],
        [{k: v for k, v in e.items() if k != "id"} for e in reply["events"]],
        reply.get("choices"),
    )


def test_api_chat_is_the_same_conversation_as_the_library(make_api, api_model_parser):
    client, headers, bot, users = make_api(parser=api_model_parser)
    from datetime import datetime

    for text in ACCEPTANCE:
        over_http = say(client, headers["alice"], text)
        direct = bot.handle("kitchen", text, now=datetime.fromisoformat(NOW), user=users["bob"]).to_dict()
        assert _shape(over_http) == _shape(direct), text
        assert over_http["operation"] in OPERATIONS


def test_api_chat_acceptance_writes(make_api, api_model_parser):
    client, headers, *_ = make_api(parser=api_model_parser)
    alice = headers["alice"]
    first = say(client, alice, ACCEPTANCE[0])
    assert first["operation"] == "create"
    assert [(e["title"], e["start"], e["all_day"]) for e in first["events"]] == [
        ("visit to Trivandrum", "2027-07-18T00:00:00", True)
    ]
    stored = client.get(f"/v1/events/{first['events'][0]['id']}", headers=alice).json()
    assert stored["title"] == "visit to Trivandrum"


def cancel_ai_reader(text: str, now=None, tz=None) -> Parse:
    """The NLU's reading of "Cancel the AI event" (anything else: out of scope), so the
    isolation test depends on the API and the dialogue, not on the trained model."""
    if text != "Cancel the AI event":
        return Parse(text=text, intent="out_of_scope", confidence=1.0)
    slots = (Slot("ACTION", "Cancel", 0, 6), Slot("NAME", "AI", 11, 13), Slot("DOMAIN", "event", 14, 19))
    return Parse(text=text, intent="cancel", confidence=0.99, slots=slots, title="AI")


def test_api_chat_sessions_are_private_to_their_user(make_api):
    client, headers, *_ = make_api(parser=cancel_ai_reader)
    alice, bob = headers["alice"], headers["bob"]
    event = client.post("/v1/events", headers=alice, json={"title": "AI", "start": "2026-11-24T10:00:00"}).json()
    # Given Alice is asked to confirm a cancel in session "kitchen"
    assert say(client, alice, "Cancel the AI event")["operation"] == "confirm"
    # When Bob says "yes" in a session of the same name
    bob_reply = say(client, bob, "yes")
    # Then nothing of Alice's is touched, and her own "yes" still completes her exchange
    assert bob_reply["operation"] != "cancel" and bob_reply["events"] == []
    assert client.get(f"/v1/events/{event['id']}", headers=alice).json()["cancelled"] is False
    done = say(client, alice, "yes")
    assert done["operation"] == "cancel" and [e["id"] for e in done["events"]] == [event["id"]]


@pytest.mark.parametrize("text", ODD)
def test_api_chat_odd_input_gets_a_clear_answer_and_writes_nothing(make_api, api_model_parser, text):
    client, headers, *_ = make_api(parser=api_model_parser)
    reply = say(client, headers["alice"], text, session="odd")
    assert reply["operation"] in OPERATIONS and reply["reply"].strip()
    assert reply["operation"] not in ("create", "cancel", "reschedule")
    assert client.get("/v1/events", headers=headers["alice"], params={"include_cancelled": "true"}).json() == []


@pytest.mark.parametrize(
    "body",
    [
        {"text": "hi"},
        {"session_id": "", "text": "hi"},
        {"session_id": "a b", "text": "hi"},
        {"session_id": "../other", "text": "hi"},
        {"session_id": "s" * 129, "text": "hi"},
        {"session_id": "s", "text": "nul\x00"},
        {"session_id": "s", "text": "hi", "tz": "Moon/Base"},
        {"session_id": "s", "text": "hi", "now": "tomorrow"},
        {"session_id": "s", "text": "hi", "now": "0001-01-01T00:00"},
        {"session_id": "s", "text": "hi", "user": "bob"},
        {"session_id": "s"},
    ],
)
def test_api_chat_bad_body_is_422(make_api, body):
    def never(*_args, **_kwargs):
        raise AssertionError("the dialogue must not run on a refused body")

    client, headers, *_ = make_api(parser=never)
    response = client.post("/v1/chat", headers=headers["alice"], json=body)
    assert response.status_code == 422, response.text
