"""The acceptance conversation of issue 4, with hand-built NLU readings (the dialogue takes
plain Parse data), checked against the replies and the database rows."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from assistant import Assistant
from assistant.models import Event
from assistant.testing import ScriptedParser, day_span, reading, time_span

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday

SCRIPT = [
    reading(
        "Schedule event for visit to Trivandrum on July 18",
        "create",
        ACTION="Schedule",
        DOMAIN="event",
        NAME="visit to Trivandrum",
        dates={"July 18": day_span(date(2027, 7, 18))},
    ),
    reading(
        "Create event happening tomorrow on AI",
        "create",
        ACTION="Create",
        DOMAIN="event",
        NAME="AI",
        dates={"tomorrow": day_span(date(2026, 11, 24))},
    ),
    reading(
        "Could you please reserve a team brainstorming session on coming Wednesday at 11 AM?",
        "create",
        ACTION="reserve",
        NAME="team brainstorming session",
        dates={"coming Wednesday at 11 AM": time_span(datetime(2026, 11, 25, 11))},
    ),
    reading(
        "Schedule a calendar event in Teak oaks HOA about competitions happening tomorrow",
        "create",
        ACTION="Schedule",
        DOMAIN="calendar event",
        LOCATION="Teak oaks HOA",
        NAME="competitions",
        dates={"tomorrow": day_span(date(2026, 11, 24))},
    ),
    reading("what do i have tomorrow", "query", dates={"tomorrow": day_span(date(2026, 11, 24))}),
    reading(
        "Change time of team brainstorming session to 6 PM",
        "reschedule",
        ACTION="Change",
        NAME="team brainstorming session",
        dates={"6 PM": time_span(datetime(2026, 11, 23, 18))},
    ),
    reading("Cancel the AI event", "cancel", ACTION="Cancel", NAME="AI", DOMAIN="event"),
    reading("what's on my calendar on november 24", "query", dates={"november 24": day_span(date(2026, 11, 24))}),
]
# (utterance, operation, [(title, start, end, all_day, location)] of the reply's events)
EXPECTED = [
    ("create", [("visit to Trivandrum", "2027-07-18T00:00:00", "2027-07-19T00:00:00", True, None)]),
    ("create", [("AI", "2026-11-24T00:00:00", "2026-11-25T00:00:00", True, None)]),
    ("create", [("team brainstorming session", "2026-11-25T11:00:00", "2026-11-25T12:00:00", False, None)]),
    ("create", [("competitions", "2026-11-24T00:00:00", "2026-11-25T00:00:00", True, "Teak oaks HOA")]),
    (
        "query",
        [
            ("AI", "2026-11-24T00:00:00", "2026-11-25T00:00:00", True, None),
            ("competitions", "2026-11-24T00:00:00", "2026-11-25T00:00:00", True, "Teak oaks HOA"),
        ],
    ),
    ("reschedule", [("team brainstorming session", "2026-11-25T18:00:00", "2026-11-25T19:00:00", False, None)]),
    ("confirm", [("AI", "2026-11-24T00:00:00", "2026-11-25T00:00:00", True, None)]),
    ("cancel", [("AI", "2026-11-24T00:00:00", "2026-11-25T00:00:00", True, None)]),
    ("query", [("competitions", "2026-11-24T00:00:00", "2026-11-25T00:00:00", True, "Teak oaks HOA")]),
]


def _shape(reply) -> list[tuple]:
    return [(e.title, e.start, e.end, e.all_day, e.location) for e in reply.events]


@pytest.fixture
def acceptance(bot: Assistant, scripted: ScriptedParser) -> Assistant:
    for parse in SCRIPT:
        scripted.add(parse)
    return bot


def test_dialogue_acceptance_conversation(acceptance: Assistant, owner: str) -> None:
    utterances = [p.text for p in SCRIPT[:7]] + ["yes", SCRIPT[7].text]
    replies = [acceptance.handle("s1", u, now=NOW, user=owner) for u in utterances]
    assert [(r.operation, _shape(r)) for r in replies] == EXPECTED
    assert replies[0].reply == 'Scheduled "visit to Trivandrum" for Sunday, July 18, 2027 (all day).'
    assert replies[2].reply == 'Scheduled "team brainstorming session" for Wednesday, November 25 at 11:00 AM.'
    assert replies[6].choices == ["yes", "no"]
    # The database holds exactly the four events, AI soft-cancelled
    with acceptance.sessions.begin() as session:
        rows = session.scalars(select(Event).where(Event.owner == owner).order_by(Event.id)).all()
        assert [(r.title, r.cancelled_at is not None) for r in rows] == [
            ("visit to Trivandrum", False),
            ("AI", True),
            ("team brainstorming session", False),
            ("competitions", False),
        ]


def test_dialogue_acceptance_chat_json_shape(acceptance: Assistant, owner: str) -> None:
    data = acceptance.handle("s1", SCRIPT[0].text, now=NOW, user=owner).to_dict()
    event = data["events"][0]
    assert data["reply"] == 'Scheduled "visit to Trivandrum" for Sunday, July 18, 2027 (all day).'
    assert data["operation"] == "create"
    assert {k: event[k] for k in ("title", "start", "end", "all_day", "location")} == {
        "title": "visit to Trivandrum",
        "start": "2027-07-18T00:00:00",
        "end": "2027-07-19T00:00:00",
        "all_day": True,
        "location": None,
    }
    assert isinstance(event["id"], int) and data["parse"]["intent"] == "create"


def test_dialogue_state_survives_a_restart(
    acceptance: Assistant, db_url: str, scripted: ScriptedParser, owner: str
) -> None:
    # Given a cancel waiting for its yes when the process stops
    acceptance.handle("s1", SCRIPT[1].text, now=NOW, user=owner)
    assert acceptance.handle("s1", "Cancel the AI event", now=NOW, user=owner).operation == "confirm"
    # When a new process (a new Assistant on the same database) hears "yes"
    from assistant.db import dispose

    if db_url.startswith("sqlite"):
        dispose(db_url)
    reborn = Assistant(db_url, parser=scripted)
    reply = reborn.handle("s1", "yes", now=NOW, user=owner)
    # Then the half-finished exchange completes
    assert (reply.operation, _shape(reply)[0][0]) == ("cancel", "AI")
    assert reborn.events(owner) == []
    # And another session of the same user was never waiting for that yes
    assert reborn.handle("s2", "yes", now=NOW, user=owner).operation == "none"
