"""The probe's hostile recurrence rules through every door (REST create and PATCH, the facade,
the chat through the shipped model, .ics import in test_api_ics_import.py), each with a time
limit; rows that hold such rules anyway (written before the checks) never hang a listing, a
chat query or the export; and properties of rule validation through REST (hypothesis)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from fault_helpers import ROOT, within
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import Assistant, BadEvent, store
from assistant.agenda import MAX_OCCURRENCES
from assistant.models import Event
from assistant.testing import day_span, reading

HOSTILE = [
    "FREQ=DAILY;INTERVAL=0",
    "FREQ=SECONDLY",
    "FREQ=MINUTELY",
    "FREQ=DAILY;INTERVAL=-1",
    "DTSTART:19990101\nRRULE:FREQ=DAILY",
    "RRULE:FREQ=DAILY\nEXDATE:20261201T090000",
    "FREQ=DAILY;COUNT=0",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31",
    "FREQ=YEARLY;BYWEEKNO=1",
    "FREQ=HOURLY;BYMINUTE=0,10,20,30,40,50",
    "FREQ=DAILY;UNTIL=19990101T000000Z",
    "FREQ=WEEKLY;BYDAY=XX",
    "FREQ=DAILY;INTERVAL=99999999999999999999",
    "FREQ=DAILY;" + "BYHOUR=1;" * 200,
    "EVERY FULL MOON",
    "",
]
# The schema refuses what a rule is on its own; storage what it is from the event's start.
REFUSED = re.compile(r"^invalid request: (body\.)?recurrence: \S")
EVENT = {"title": "drink water", "start": "2026-11-30T09:00:00", "end": "2026-11-30T09:15:00", "tz": "Europe/Paris"}
YEAR = {"start": "2026-11-23T00:00:00", "end": "2027-11-23T00:00:00", "tz": "Europe/Paris", "expand": "true"}


@pytest.mark.parametrize("rule", HOSTILE)
def test_faults_rules_rest_refuses_each_hostile_rule(make_api, rule):
    client, headers, *_ = make_api()
    alice = headers["alice"]
    made = client.post("/v1/events", headers=alice, json={**EVENT, "title": "plain"}).json()
    with within(5, f"REST with {rule[:40]!r}"):
        created = client.post("/v1/events", headers=alice, json={**EVENT, "recurrence": rule})
        patched = client.patch(f"/v1/events/{made['id']}", headers=alice, json={"recurrence": rule})
    for answer in (created, patched):
        assert answer.status_code == 422, answer.text
        assert REFUSED.match(answer.json()["message"]), answer.json()["message"]
    assert [e["recurrence"] for e in client.get("/v1/events", headers=alice).json()] == [None]


@pytest.mark.parametrize("rule", HOSTILE)
def test_faults_rules_facade_refuses_each_hostile_rule(bot: Assistant, owner: str, rule):
    with within(5, f"the facade with {rule[:40]!r}"), pytest.raises(BadEvent, match=r"^recurrence"):
        bot.create_event(
            owner,
            title="tick",
            start=datetime(2026, 11, 30, 9),
            end=datetime(2026, 11, 30, 10),
            recurrence=rule,
            tz="Europe/Paris",
        )
    assert bot.events(owner, include_cancelled=True) == []


def test_faults_rules_chat_every_zero_days_through_the_shipped_model(shipped_parser, db_url, owner):
    # The probe: "remind me every 0 days to drink water", then "what do i have tomorrow"
    bot = Assistant(db_url, parser=shipped_parser)
    now = datetime(2026, 11, 23, 9)
    with within(30, "the probe's spoken rule"):
        first = bot.handle("kitchen", "remind me every 0 days to drink water", now=now, tz="Europe/Paris", user=owner)
        second = bot.handle("kitchen", "what do i have tomorrow", now=now, tz="Europe/Paris", user=owner)
    # Nothing is written (the date resolver gives no time for "every 0 days", so the chat asks
    # for one, or first whether an event is meant), and the next question is answered at once
    assert first.operation in ("none", "clarify", "confirm") and not first.events
    assert (second.operation, second.reply) == ("query", "You have nothing on Tuesday, November 24.")
    assert bot.events(owner, include_cancelled=True) == []


@pytest.mark.parametrize("rule", ["RRULE:FREQ=DAILY;INTERVAL=0", "RRULE:FREQ=MINUTELY", "RRULE:FREQ=DAILY;INTERVAL=-1"])
def test_faults_rules_chat_answers_a_sentence_when_storage_refuses_the_rule(bot: Assistant, scripted, owner, rule):
    # Given a reading whose time carries a rule storage refuses (whatever produced it)
    from dataclasses import replace

    text = "remind me every day to drink water"
    span = replace(day_span(date(2026, 11, 24)), rrule=rule)
    scripted.add(reading(text, "create", NAME="drink water", dates={"every day": span}))
    # When it is said in the chat
    with within(10, "a refused rule in the chat"):
        reply = bot.handle("kitchen", text, now=datetime(2026, 11, 23, 9), tz="Europe/Paris", user=owner)
    # Then the chat says why in a sentence, and stores nothing
    assert reply.operation == "none"
    assert reply.reply.startswith('I can\'t repeat "drink water" that way (')
    assert bot.events(owner, include_cancelled=True) == []


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=SECONDLY",
        "FREQ=MINUTELY",
        "FREQ=DAILY;INTERVAL=-1",
        "DTSTART:19990101\nRRULE:FREQ=DAILY",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    ],
)
def test_faults_rules_stored_hostile_rows_never_hang(make_api, rule):
    # Given a row written before the checks existed (from 1990, so an unbounded walk would be long)
    client, headers, bot, users = make_api(parser=_tomorrow_query)
    alice = headers["alice"]
    stamp = store.utcnow()
    with bot.sessions.begin() as session:
        session.add(
            Event(
                owner=users["alice"],
                title="legacy",
                start_utc=datetime(1990, 1, 1, 8),
                end_utc=datetime(1990, 1, 1, 9),
                tz="Europe/Paris",
                attendees=[],
                exdates=[],
                alerts=[],
                recurrence=rule,
                created_at=stamp,
                updated_at=stamp,
            )
        )
    # When it is listed, expanded, exported and asked about in the chat
    with within(10, f"reading a stored {rule[:40]!r}"):
        expanded = client.get("/v1/events", headers=alice, params=YEAR)
        exported = client.get("/v1/events.ics", headers=alice)
        chat = client.post(
            "/v1/chat",
            headers=alice,
            json={"session_id": "s", "text": "what do i have tomorrow", "now": "2026-11-23T09:00:00"},
        )
    # Then each answers at once, the rule unexpanded (its first occurrence is long past)
    assert expanded.status_code == 200 and expanded.json() == []
    assert exported.status_code == 200 and b"SUMMARY:legacy" in exported.content
    assert b"\r\nRRULE:" not in exported.content
    assert chat.status_code == 200 and chat.json()["reply"] == "You have nothing on Tuesday, November 24."


def _tomorrow_query(text: str, now=None, tz=None):
    return reading(text, "query", dates={"tomorrow": day_span(date(2026, 11, 24))})


@pytest.mark.slow
def test_faults_rules_no_line_feed_in_the_export_under_python_O(tmp_path):
    # The probe: under `python -O` (asserts stripped) a multi-line rule put a raw LF in the file
    script = (
        "import json, sys; from datetime import datetime; from fastapi.testclient import TestClient;"
        "from assistant import Assistant, store; from assistant.api import create_app;"
        "from assistant.models import Event;"
        f"bot = Assistant('sqlite:///{tmp_path / 'o.db'}');"
        "s = bot.sessions.begin().__enter__();"
        "s.add(Event(owner='alice', title='x', start_utc=datetime(2026, 11, 30, 8), end_utc=datetime(2026, 11, "
        "30, 9), tz='UTC', attendees=[], exdates=[], alerts=[], recurrence='DTSTART:19990101\\nRRULE:FREQ=DAILY',"
        " created_at=store.utcnow(), updated_at=store.utcnow())); s.commit();"
        "c = TestClient(create_app(bot, api_keys='alice:k'));"
        "r = c.get('/v1/events.ics', headers={'X-API-Key': 'k'});"
        "p = c.post('/v1/events', headers={'X-API-Key': 'k'}, json={'title': 'y', 'start': '2026-11-30T10:00:00',"
        " 'recurrence': 'DTSTART:19990101\\nRRULE:FREQ=DAILY'});"
        "print(json.dumps([r.status_code, b'\\n' in r.content.replace(b'\\r\\n', b''), p.status_code]))"
    )
    with within(60, "python -O"):
        done = subprocess.run(
            [sys.executable, "-O", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=55
        )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [200, False, 422], done.stderr[-2000:]


# ---- properties (hypothesis) ------------------------------------------------------------

FINE = ("MINUTELY", "SECONDLY")
RUNS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@st.composite
def rules(draw) -> tuple[str, dict]:
    """RRULE-like strings: real parts with values inside and outside their ranges, in any order."""
    parts = {"FREQ": draw(st.sampled_from(["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", *FINE]))}
    optional = {
        "INTERVAL": st.integers(-2, 40).map(str),
        "COUNT": st.integers(-1, 30).map(str),
        "BYDAY": st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True).map(",".join),
        "BYMONTHDAY": st.lists(st.integers(-32, 32), min_size=1, max_size=2, unique=True).map(
            lambda xs: ",".join(map(str, xs))
        ),
        "BYMONTH": st.lists(st.integers(0, 13), min_size=1, max_size=2, unique=True).map(
            lambda xs: ",".join(map(str, xs))
        ),
        "BYHOUR": st.lists(st.integers(0, 25), min_size=1, max_size=4, unique=True).map(
            lambda xs: ",".join(map(str, xs))
        ),
        "UNTIL": st.dates(date(2025, 1, 1), date(2028, 1, 1)).map(lambda d: f"{d:%Y%m%d}T000000Z"),
    }
    for name in draw(st.lists(st.sampled_from(sorted(optional)), max_size=3, unique=True)):
        if not ((name == "COUNT" and "UNTIL" in parts) or (name == "UNTIL" and "COUNT" in parts)):
            parts[name] = draw(optional[name])
    names = draw(st.permutations(sorted(parts)))
    return ";".join(f"{n}={parts[n]}" for n in names), parts


@pytest.mark.slow
def test_faults_rules_property_rest_accepts_only_rules_it_can_expand(make_api):
    client, headers, *_ = make_api()
    alice = headers["alice"]
    window = {"start": "2026-11-30T00:00:00", "end": "2027-01-30T00:00:00", "tz": "Europe/Paris", "expand": "true"}

    @RUNS
    @given(rule=rules())
    def check(rule: tuple[str, dict]) -> None:
        text, parts = rule
        with within(5, f"a generated rule {text!r}"):
            made = client.post("/v1/events", headers=alice, json={**EVENT, "recurrence": text})
            # Never a 5xx: a rule is stored (201) or refused with the reason (422)
            assert made.status_code in (201, 422), made.text
            refused = parts["FREQ"] in FINE or int(parts.get("INTERVAL", 1)) < 1 or int(parts.get("COUNT", 1)) < 1
            if made.status_code == 422:
                assert REFUSED.match(made.json()["message"]), made.json()["message"]
                return
            assert not refused, f"{text} was stored"
            # An accepted rule expands at once, to what dateutil itself gives from the series' start
            listed = client.get("/v1/events", headers=alice, params=window).json()
            client.delete(f"/v1/events/{made.json()['id']}", headers=alice)
        mine = [e["start"] for e in listed if e["id"] == made.json()["id"]]
        low, high, length = datetime(2026, 11, 30), datetime(2027, 1, 30), timedelta(minutes=15)
        every = rrulestr(made.json()["recurrence"], dtstart=datetime(2026, 11, 30, 9)).between(
            low - length, high, inc=True
        )
        expected = [d.isoformat() for d in every if d < high and d + length > low]
        assert mine == expected[:MAX_OCCURRENCES]

    check()
