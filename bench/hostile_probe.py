"""A blind hostile-client probe of the REST API (in-process, starlette TestClient, temp SQLite).

    .venv/bin/python bench/hostile_probe.py [-v] [-k SUBSTRING]

Fires requests a careless or malicious client would send and checks, for each:
- no 5xx; every error is a 4xx whose body is JSON with a non-empty `detail` and a `message`
  (docs/api.md "Errors": every error is JSON with a `detail` and a one-line `message`);
- the status is one the docs promise (where the docs are silent, any 4xx, sometimes 2xx too);
- a rejected request changes nothing stored (alice's and bob's events, cancelled included,
  listed before and after), and odd chat text writes nothing;
- successful answers stay within the documented shapes (chat JSON keys, event fields).

Expectations come from docs/api.md and docs/assistant.md only (the implementation in
assistant/api/ was not read). Written blind on 2026-12-01 against main at 0c49673, with the
shipped NLU model for /v1/chat (about 20 s per run).

First score (2026-12-01, git 0c49673): 294/299 passed, 5 failed, all in one family:
- an occurrence key given as a Unix timestamp (`DELETE|PATCH /v1/events/{id}/occurrences/
  1804492800`, also `...800.0`) is read as that moment instead of being refused with 422
  ("a number such as 1764064800 is not read as a Unix timestamp: 422"). When the number
  lands on a real occurrence, the request acts: it cancels the occurrence (scope=one), ends
  the series there (scope=following), or detaches and retitles it (PATCH). When it lands
  on no occurrence, the answer is 404 instead of 422.
(An earlier draft of 287 cases scored 285/287: the same family once, plus one probe-side
error — httpx refuses a non-ASCII header given as str — since fixed by sending bytes.)

After the fix (the occurrence key goes through the same ISO 8601 check as every other
date-time: a number is refused with 422): 299/299.
"""

# ruff: noqa: BLE001  (a probe reports every failure, it never stops on one)
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EVENT_FIELDS = {
    "id",
    "title",
    "kind",
    "start",
    "end",
    "all_day",
    "location",
    "attendees",
    "recurrence",
    "cancelled",
    "tz",
    "alerts",
    "series_id",
    "original_start",
    "exdates",
}
CHAT_KEYS = {"reply", "operation", "events", "choices", "parse"}
OPERATIONS = {"create", "cancel", "reschedule", "update", "query", "availability", "undo", "confirm", "clarify", "none"}

ALICE_KEY = "key-alice-hostile-0001"
BOB_KEY = "key-bob-hostile-0002"
READER_KEY = "key-reader-hostile-0003"
ALICE = {"X-API-Key": ALICE_KEY}
BOB = {"Authorization": f"Bearer {BOB_KEY}"}
READER = {"X-API-Key": READER_KEY}
JSON_CT = {"Content-Type": "application/json"}

GOOD = {"title": "probe event", "start": "2027-03-10T10:00:00", "end": "2027-03-10T11:00:00"}


@dataclass
class Case:
    name: str
    family: str
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=lambda: dict(ALICE))
    json_body: Any = None  # sent with json=
    content: bytes | str | None = None  # raw body (overrides json_body)
    params: dict[str, Any] | None = None
    expect: set[int] | Callable[[int], bool] | None = None  # None: any 4xx
    preserves: bool = True  # a rejection (or this request at all, see writes_nothing) keeps data
    writes_nothing: bool = False  # even a 2xx must leave the stored events unchanged
    check: Callable[[Any], str | None] | None = None  # extra check on the response: problem or None
    send_json: bool = False  # json_body is meant to be sent even when it is None (JSON null)


@dataclass
class Result:
    case: Case
    status: int | None
    body: str
    problems: list[str]


def excerpt(value: Any, limit: int = 160) -> str:
    if isinstance(value, bytes):
        value = value[: limit * 2].decode("utf-8", "backslashreplace")
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=True, default=str)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[:limit] + f"...(+{len(text) - limit} chars)"


# ------------------------------------------------------------------------------------------
def build_client(tmp: Path):
    from fastapi.testclient import TestClient

    from assistant import Assistant
    from assistant.api import create_app

    url = f"sqlite:///{tmp / 'calendar.db'}"
    bot = Assistant(url)  # the shipped NLU pipeline for /v1/chat, loaded lazily
    spec = f"alice:{ALICE_KEY},bob:{BOB_KEY},reader:{READER_KEY}:ro"
    client = TestClient(create_app(bot, api_keys=spec), raise_server_exceptions=False)
    return client, bot


def snapshot(client) -> Any:
    out = {}
    for who, hdr in (("alice", ALICE), ("bob", BOB)):
        r = client.get("/v1/events", headers=hdr, params={"include_cancelled": "true"})
        out[who] = (r.status_code, r.json() if r.status_code == 200 else r.text)
    return out


def count_rows(bot, user: str = "alice") -> int:
    return len(bot.events(user, include_cancelled=True))


def error_body_problems(resp) -> list[str]:
    problems = []
    ctype = resp.headers.get("content-type", "")
    if "json" not in ctype:
        problems.append(f"error body is not JSON (content-type {ctype!r})")
        return problems
    try:
        body = resp.json()
    except Exception:
        return ["error body does not parse as JSON"]
    if not isinstance(body, dict):
        return [f"error body is not an object: {excerpt(body)}"]
    if not body.get("detail"):
        problems.append("error body has no non-empty 'detail'")
    if not isinstance(body.get("message"), str) or not body.get("message"):
        problems.append("error body has no one-line 'message'")
    return problems


def run_case(client, case: Case) -> Result:
    before = snapshot(client) if (case.preserves or case.writes_nothing) else None
    kwargs: dict[str, Any] = {"headers": case.headers}
    if case.params is not None:
        kwargs["params"] = case.params
    if case.content is not None:
        kwargs["content"] = case.content
    elif case.json_body is not None or case.send_json:
        kwargs["content"] = json.dumps(case.json_body).encode()
        kwargs["headers"] = {**JSON_CT, **case.headers}
    problems: list[str] = []
    try:
        t0 = time.monotonic()
        resp = client.request(case.method, case.path, **kwargs)
        took = time.monotonic() - t0
    except Exception as err:
        return Result(
            case, None, f"{type(err).__name__}: {err}", [f"request raised {type(err).__name__}: {excerpt(str(err))}"]
        )
    status = resp.status_code
    body_text = resp.text if case.method != "HEAD" else ""
    if took > 20:
        problems.append(f"slow: {took:.1f}s")
    if status >= 500:
        problems.append(f"5xx: {status}")
    expect = case.expect
    if expect is None:
        ok = 400 <= status < 500
        want = "any 4xx"
    elif callable(expect):
        ok = expect(status)
        want = "per check"
    else:
        ok = status in expect
        want = "/".join(map(str, sorted(expect)))
    if not ok and status < 500:
        problems.append(f"status {status}, expected {want}")
    if status >= 400 and case.method != "HEAD":
        problems += error_body_problems(resp)
    if case.check is not None and status < 500:
        try:
            extra = case.check(resp)
        except Exception as err:
            extra = f"check raised {type(err).__name__}: {err}"
        if extra:
            problems.append(extra)
    if before is not None and (status >= 400 or case.writes_nothing or not ok):
        after = snapshot(client)
        if after != before:
            problems.append(
                "stored events changed"
                + (
                    " by a rejected request"
                    if status >= 400
                    else " by a request the docs say to reject"
                    if not ok
                    else " (should write nothing)"
                )
            )
    return Result(case, status, body_text, problems)


# ------------------------------------------------------------------------------------------
def chat_shape(resp) -> str | None:
    if resp.status_code != 200:
        return None
    body = resp.json()
    if not isinstance(body, dict):
        return "chat answer is not an object"
    missing = CHAT_KEYS - set(body)
    if missing:
        return f"chat answer lacks {sorted(missing)}"
    if body["operation"] not in OPERATIONS:
        return f"unknown operation {body['operation']!r}"
    if not isinstance(body["reply"], str) or not body["reply"].strip():
        return "empty reply"
    for ev in body["events"]:
        if not set(ev) >= EVENT_FIELDS:
            return f"event lacks {sorted(EVENT_FIELDS - set(ev))}"
    return None


def event_shape(resp) -> str | None:
    if resp.status_code not in (200, 201):
        return None
    ev = resp.json()
    if not isinstance(ev, dict) or not set(ev) >= EVENT_FIELDS:
        return f"event lacks {sorted(EVENT_FIELDS - set(ev)) if isinstance(ev, dict) else ev}"
    for k in ("start", "end"):
        v = ev[k]
        if isinstance(v, str) and (v.endswith("Z") or "+" in v[10:] or v[10:].count("-")):
            return f"{k} carries an offset: {v}"
    return None


def title_roundtrip(title: str):
    def check(resp) -> str | None:
        if resp.status_code != 201:
            return None
        got = resp.json().get("title")
        return None if got == title else f"title not byte-exact: {excerpt(got)}"

    return check


def alerts_are(expected: list[int]):
    def check(resp) -> str | None:
        if resp.status_code not in (200, 201):
            return None
        got = resp.json().get("alerts")
        return None if got == expected else f"alerts {got}, expected {expected}"

    return check


def is_list_of(keys: set[str]):
    def check(resp) -> str | None:
        if resp.status_code != 200:
            return None
        body = resp.json()
        if not isinstance(body, list):
            return "answer is not a list"
        for item in body[:50]:
            if not keys <= set(item):
                return f"item lacks {sorted(keys - set(item))}"
        return None

    return check


def www_authenticate(resp) -> str | None:
    if resp.status_code == 401 and resp.headers.get("www-authenticate", "").lower() != "bearer":
        return f"401 without WWW-Authenticate: Bearer ({resp.headers.get('www-authenticate')!r})"
    return None


def any4xx_or(*ok: int):
    return lambda s: 400 <= s < 500 or s in ok


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# ------------------------------------------------------------------------------------------
def seed(client) -> dict[str, Any]:
    """Alice: a plain event, a weekly series with alerts, a cancelled one; bob: one event."""
    ids: dict[str, Any] = {}
    r = client.post(
        "/v1/events", headers=ALICE, json={**GOOD, "title": "dentist", "location": "Rue X", "alerts": [10, 60]}
    )
    assert r.status_code == 201, r.text
    ids["plain"] = r.json()["id"]
    r = client.post(
        "/v1/events",
        headers=ALICE,
        json={
            "title": "standup",
            "start": "2027-03-01T09:00:00",
            "end": "2027-03-01T09:15:00",
            "recurrence": "FREQ=WEEKLY;BYDAY=MO",
            "alerts": [5],
            "tz": "Europe/Paris",
        },
    )
    assert r.status_code == 201, r.text
    ids["series"] = r.json()["id"]
    r = client.post(
        "/v1/events",
        headers=ALICE,
        json={**GOOD, "title": "old plan", "start": "2027-04-01T10:00:00", "end": "2027-04-01T11:00:00"},
    )
    ids["cancelled"] = r.json()["id"]
    client.delete(f"/v1/events/{ids['cancelled']}", headers=ALICE)
    r = client.post("/v1/events", headers=BOB, json={**GOOD, "title": "bob private"})
    assert r.status_code == 201, r.text
    ids["bob"] = r.json()["id"]
    return ids


def cases(ids: dict[str, Any]) -> list[Case]:
    P, S, B = ids["plain"], ids["series"], ids["bob"]
    ev = f"/v1/events/{P}"
    occ = f"/v1/events/{S}/occurrences"
    C: list[Case] = []
    add = C.append

    # ---- malformed bodies (POST /v1/events, PATCH, /v1/chat, /v1/parse) ------------------
    fam = "body"
    add(
        Case(
            "invalid JSON",
            fam,
            "POST",
            "/v1/events",
            headers={**ALICE, **JSON_CT},
            content=b'{"title": "x", "start": ',
            expect={422},
        )
    )
    add(
        Case(
            "invalid JSON chat",
            fam,
            "POST",
            "/v1/chat",
            headers={**ALICE, **JSON_CT},
            content=b"{session_id: kitchen}",
            expect={422},
        )
    )
    add(
        Case(
            "trailing garbage JSON",
            fam,
            "POST",
            "/v1/events",
            headers={**ALICE, **JSON_CT},
            content=json.dumps(GOOD).encode() + b"}}",
            expect={422},
        )
    )
    add(Case("JSON list body", fam, "POST", "/v1/events", json_body=[GOOD], expect={422}))
    add(Case("JSON string body", fam, "POST", "/v1/events", json_body="probe", expect={422}))
    add(Case("JSON number body", fam, "POST", "/v1/events", json_body=42, expect={422}))
    add(Case("JSON null body", fam, "POST", "/v1/events", json_body=None, send_json=True, expect={422}))
    add(Case("JSON null body PATCH", fam, "PATCH", ev, json_body=None, send_json=True, expect={422}))
    add(Case("JSON list body PATCH", fam, "PATCH", ev, json_body=[{"title": "x"}], expect={422}))
    add(
        Case(
            "JSON list body chat", fam, "POST", "/v1/chat", json_body=[{"session_id": "s", "text": "hi"}], expect={422}
        )
    )
    add(Case("empty body", fam, "POST", "/v1/events", headers={**ALICE, **JSON_CT}, content=b"", expect={422}))
    add(Case("empty object", fam, "POST", "/v1/events", json_body={}, expect={422}))
    add(Case("missing start", fam, "POST", "/v1/events", json_body={"title": "x"}, expect={422}))
    add(Case("missing title", fam, "POST", "/v1/events", json_body={"start": GOOD["start"]}, expect={422}))
    add(Case("chat missing session", fam, "POST", "/v1/chat", json_body={"text": "hello"}, expect={422}))
    add(Case("chat missing text", fam, "POST", "/v1/chat", json_body={"session_id": "s1"}, expect={422}))
    add(Case("extra field create", fam, "POST", "/v1/events", json_body={**GOOD, "owner": "bob"}, expect={422}))
    add(Case("extra field id create", fam, "POST", "/v1/events", json_body={**GOOD, "id": P}, expect={422}))
    add(Case("extra field PATCH", fam, "PATCH", ev, json_body={"title": "x", "cancelled": False}, expect={422}))
    add(
        Case(
            "extra field chat",
            fam,
            "POST",
            "/v1/chat",
            json_body={"session_id": "s1", "text": "hi", "user": "bob"},
            expect={422},
        )
    )
    add(Case("title as number", fam, "POST", "/v1/events", json_body={**GOOD, "title": 12345}, expect={422}))
    add(Case("title as object", fam, "POST", "/v1/events", json_body={**GOOD, "title": {"$ne": None}}, expect={422}))
    add(Case("title as list", fam, "POST", "/v1/events", json_body={**GOOD, "title": ["a", "b"]}, expect={422}))
    add(
        Case(
            "start as unix number",
            fam,
            "POST",
            "/v1/events",
            json_body={**GOOD, "start": 1764064800, "end": None},
            expect={422},
        )
    )
    add(
        Case(
            "start as object",
            fam,
            "POST",
            "/v1/events",
            json_body={**GOOD, "start": {"date": "2027-03-10"}},
            expect={422},
        )
    )
    add(Case("all_day 'yes'", fam, "POST", "/v1/events", json_body={**GOOD, "all_day": "yes"}, expect={422}))
    add(Case("all_day 1", fam, "POST", "/v1/events", json_body={**GOOD, "all_day": 1}, expect={422}))
    add(Case("attendees as string", fam, "POST", "/v1/events", json_body={**GOOD, "attendees": "bob"}, expect={422}))
    add(
        Case(
            "attendees nested objects",
            fam,
            "POST",
            "/v1/events",
            json_body={**GOOD, "attendees": [{"name": "x"}]},
            expect={422},
        )
    )
    add(Case("session_id as number", fam, "POST", "/v1/chat", json_body={"session_id": 7, "text": "hi"}, expect={422}))
    add(
        Case("chat text as list", fam, "POST", "/v1/chat", json_body={"session_id": "s1", "text": ["hi"]}, expect={422})
    )
    add(Case("parse text as number", fam, "POST", "/v1/parse", json_body={"text": 5}, expect={422}))
    add(Case("rasa text as object", fam, "POST", "/model/parse", json_body={"text": {"a": 1}}, expect={422}))
    add(Case("title 1 MB", fam, "POST", "/v1/events", json_body={**GOOD, "title": "A" * (1 << 20)}, expect={413}))
    add(
        Case(
            "chat text 1 MB",
            fam,
            "POST",
            "/v1/chat",
            json_body={"session_id": "s1", "text": "b" * (1 << 20)},
            expect={413},
        )
    )
    add(Case("title 600 KB", fam, "POST", "/v1/events", json_body={**GOOD, "title": "A" * 600_000}, expect={422}))
    add(Case("title 501 chars", fam, "POST", "/v1/events", json_body={**GOOD, "title": "t" * 501}, expect={422}))
    add(
        Case(
            "location 900 KB",
            fam,
            "POST",
            "/v1/events",
            json_body={**GOOD, "location": "L" * 900_000},
            expect=any4xx_or(201),
        )
    )
    add(
        Case(
            "deeply nested title",
            fam,
            "POST",
            "/v1/events",
            headers={**ALICE, **JSON_CT},
            content=('{"title": ' + nested(5000) + ', "start": "2027-03-10T10:00:00"}').encode(),
            expect={422},
        )
    )
    add(
        Case(
            "deeply nested top-level",
            fam,
            "POST",
            "/v1/chat",
            headers={**ALICE, **JSON_CT},
            content=nested(100_000).encode(),
            expect={422, 413},
        )
    )
    add(
        Case(
            "deeply nested objects",
            fam,
            "POST",
            "/v1/parse",
            headers={**ALICE, **JSON_CT},
            content=('{"a":' * 3000 + "1" + "}" * 3000).encode(),
            expect={422},
        )
    )
    add(
        Case(
            "non-UTF-8 title",
            fam,
            "POST",
            "/v1/events",
            headers={**ALICE, **JSON_CT},
            content=b'{"title": "caf\xe9 \xff\xfe", "start": "2027-03-10T10:00:00"}',
            expect={422},
        )
    )
    add(
        Case(
            "non-UTF-8 chat",
            fam,
            "POST",
            "/v1/chat",
            headers={**ALICE, **JSON_CT},
            content=b'{"session_id": "s1", "text": "\xc3\x28 \xa0\xa1"}',
            expect={422},
        )
    )
    add(
        Case(
            "UTF-16 body",
            fam,
            "POST",
            "/v1/events",
            headers={**ALICE, **JSON_CT},
            content=json.dumps(GOOD).encode("utf-16"),
            expect=any4xx_or(201),
        )
    )
    add(
        Case(
            "lone surrogate title",
            fam,
            "POST",
            "/v1/events",
            headers={**ALICE, **JSON_CT},
            content=b'{"title": "x\\ud800y", "start": "2027-03-10T10:00:00"}',
            expect={422},
        )
    )
    add(Case("NUL in title", fam, "POST", "/v1/events", json_body={**GOOD, "title": "a\u0000b"}, expect={422}))
    add(Case("NUL in location PATCH", fam, "PATCH", ev, json_body={"location": "x\u0000"}, expect={422}))
    add(Case("blank title", fam, "POST", "/v1/events", json_body={**GOOD, "title": "   \t"}, expect={422}))
    add(Case("zero-width title", fam, "POST", "/v1/events", json_body={**GOOD, "title": "\u200b\u200d"}, expect={422}))
    add(Case("blank title PATCH", fam, "PATCH", ev, json_body={"title": ""}, expect={422}))
    add(
        Case(
            "text/plain content-type",
            fam,
            "POST",
            "/v1/events",
            headers={**ALICE, "Content-Type": "text/plain"},
            content=json.dumps(GOOD).encode(),
            expect=any4xx_or(201),
            preserves=False,
        )
    )
    add(
        Case(
            "form content-type",
            fam,
            "POST",
            "/v1/events",
            headers={**ALICE, "Content-Type": "application/x-www-form-urlencoded"},
            content=b"title=x&start=2027-03-10T10:00:00",
            expect=None,
        )
    )
    add(
        Case(
            "multipart to chat",
            fam,
            "POST",
            "/v1/chat",
            headers={**ALICE, "Content-Type": "multipart/form-data; boundary=zz"},
            content=b'--zz\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi\r\n--zz--\r\n',
            expect=None,
        )
    )
    add(Case("json to events.ics", fam, "POST", "/v1/events.ics", json_body=GOOD, expect={415}))
    add(
        Case(
            "garbage ics",
            fam,
            "POST",
            "/v1/events.ics",
            headers={**ALICE, "Content-Type": "text/calendar"},
            content=b"BEGIN:VCALENDAR\r\nthis is not\r\n\x00\xff",
            expect={422},
        )
    )
    add(
        Case(
            "ics 1.5 MB",
            fam,
            "POST",
            "/v1/events.ics",
            headers={**ALICE, "Content-Type": "text/calendar"},
            content=b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"p" * 1_500_000 + b"\r\nEND:VCALENDAR\r\n",
            expect={413},
        )
    )

    # ---- audio upload and ics import, briefly ---------------------------------------------
    fam = "uploads"
    add(
        Case(
            "audio not a WAV",
            fam,
            "POST",
            "/v1/chat/audio",
            headers={**ALICE, "Content-Type": "multipart/form-data; boundary=zz"},
            content=b'--zz\r\nContent-Disposition: form-data; name="session_id"\r\n\r\ns1\r\n--zz\r\nContent-Disposition: form-data; name="audio"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\nRIFF\x00\x00\x00\x00WAVEgarbage\r\n--zz--\r\n',
            expect={415, 422},
        )
    )
    add(
        Case(
            "audio missing file",
            fam,
            "POST",
            "/v1/chat/audio",
            headers={**ALICE, "Content-Type": "multipart/form-data; boundary=zz"},
            content=b'--zz\r\nContent-Disposition: form-data; name="session_id"\r\n\r\ns1\r\n--zz--\r\n',
            expect={422},
        )
    )
    add(
        Case(
            "audio as JSON",
            fam,
            "POST",
            "/v1/chat/audio",
            json_body={"session_id": "s1", "audio": "UklGRg=="},
            expect={415, 422},
        )
    )
    add(
        Case(
            "audio broken multipart",
            fam,
            "POST",
            "/v1/chat/audio",
            headers={**ALICE, "Content-Type": "multipart/form-data; boundary=zz"},
            content=b"--zz\r\nnonsense",
            expect=None,
        )
    )
    hostile_ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x\r\n"
        "BEGIN:VEVENT\r\nUID:sec@x\r\nDTSTART:20270310T100000Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:tick\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:far@x\r\nDTSTART:99990310T100000Z\r\nSUMMARY:far\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:tz@x\r\nDTSTART;TZID=Mars/Olympus:20270310T100000\r\nSUMMARY:mars\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:back@x\r\nDTSTART:20270310T100000Z\r\nDTEND:20270310T090000Z\r\nSUMMARY:backwards\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    add(
        Case(
            "ics import of hostile rows",
            fam,
            "POST",
            "/v1/events.ics",
            headers={**ALICE, "Content-Type": "text/calendar"},
            content=hostile_ics.encode(),
            expect={200, 201},
            writes_nothing=True,
            check=lambda r: (
                None
                if len(r.json().get("skipped", [])) == 4 and r.json().get("created") == 0
                else f"report {excerpt(r.json())}"
            ),
        )
    )

    # ---- chat text ------------------------------------------------------------------------
    fam = "chat"

    def chat(name, text, expect=frozenset({200}), session="hostile-1"):
        add(
            Case(
                name,
                fam,
                "POST",
                "/v1/chat",
                json_body={"session_id": session, "text": text, "now": "2027-03-08T09:00:00"},
                expect=expect,
                writes_nothing=True,
                check=chat_shape,
            )
        )

    chat("empty text", "")
    chat("whitespace text", " \t\n  ")
    chat("100k chars", "lorem ipsum " * 8334)
    chat("emoji", "🎉🎂🥳💥🔥" * 20)
    chat("control chars", "\x01\x02\x07\x1b[31m\x7f\x08")
    chat("NUL bytes", "hello\x00\x00world", expect={200, 422})
    chat("SQL injection", "'; DROP TABLE events; --")
    chat("SQL union", "1' UNION SELECT owner, title FROM events WHERE '1'='1")
    chat("HTML script", "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>")
    chat("RTL text", "\u202eמה יש לי מחר\u202c مرحبا كيف حالك")
    chat("Japanese chit-chat", "今日はいい天気ですね")
    chat("Russian chit-chat", "Привет, как дела?")
    chat("only numbers", "1234567890 42 3.14159")
    chat("text just over 200k", "z" * 200_001, expect={422})
    chat("lone surrogate chat", "x\ud800", expect={422})
    chat("format string", "%s%s%s%n {0} {__class__} ${jndi:ldap://x/a}")
    add(
        Case(
            "session_id 129 chars",
            fam,
            "POST",
            "/v1/chat",
            json_body={"session_id": "s" * 129, "text": "hi"},
            expect={422},
        )
    )
    add(Case("session_id empty", fam, "POST", "/v1/chat", json_body={"session_id": "", "text": "hi"}, expect={422}))
    add(
        Case(
            "session_id traversal",
            fam,
            "POST",
            "/v1/chat",
            json_body={"session_id": "../../etc/passwd", "text": "hi"},
            expect={422},
        )
    )
    add(
        Case(
            "session_id SQL",
            fam,
            "POST",
            "/v1/chat",
            json_body={"session_id": "a' OR '1'='1", "text": "hi"},
            expect={422},
        )
    )
    add(
        Case(
            "chat tz Mars",
            fam,
            "POST",
            "/v1/chat",
            json_body={"session_id": "s1", "text": "hi", "tz": "Mars/Olympus"},
            expect={422},
        )
    )
    add(
        Case(
            "chat now year 9999",
            fam,
            "POST",
            "/v1/chat",
            json_body={"session_id": "s1", "text": "hi", "now": "9999-01-01T00:00:00"},
            expect={422},
        )
    )
    add(
        Case(
            "chat now number",
            fam,
            "POST",
            "/v1/chat",
            json_body={"session_id": "s1", "text": "hi", "now": 1764064800},
            expect={422},
        )
    )
    add(
        Case(
            "parse odd text",
            fam,
            "POST",
            "/v1/parse",
            json_body={"text": "'; DROP TABLE events; --"},
            expect={200},
            writes_nothing=True,
            check=lambda r: None if "intent" in r.json() else "parse answer lacks intent",
        )
    )
    add(Case("parse empty text", fam, "POST", "/v1/parse", json_body={"text": ""}, expect={200}, writes_nothing=True))
    add(
        Case(
            "rasa 100k",
            fam,
            "POST",
            "/model/parse",
            json_body={"text": "ab " * 33_000},
            expect={200},
            writes_nothing=True,
            check=lambda r: None if {"intent", "entities", "intent_ranking"} <= set(r.json()) else "rasa shape",
        )
    )

    # ---- event fields: odd but valid, stored byte-exact ------------------------------------
    fam = "fields-valid"
    for label, title in (
        ("SQL title", "'; DROP TABLE events; --"),
        ("emoji+combining", "🎉 cafe\u0301 \\ , ; \n x"),
        ("RTL title", "\u202eפגישה"),
        ("title 500 chars", "t" * 500),
    ):
        add(
            Case(
                label,
                fam,
                "POST",
                "/v1/events",
                json_body={**GOOD, "title": title},
                expect={201},
                preserves=False,
                check=lambda r, t=title: title_roundtrip(t)(r) or event_shape(r),
            )
        )
    add(
        Case(
            "alerts dedup sorted",
            fam,
            "POST",
            "/v1/events",
            json_body={**GOOD, "alerts": [60, 10, 60, 0]},
            expect={201},
            preserves=False,
            check=alerts_are([0, 10, 60]),
        )
    )
    add(
        Case(
            "20 alerts",
            fam,
            "POST",
            "/v1/events",
            json_body={**GOOD, "alerts": list(range(20))},
            expect={201},
            preserves=False,
            check=alerts_are(list(range(20))),
        )
    )
    add(
        Case(
            "year 2200 end",
            fam,
            "POST",
            "/v1/events",
            json_body={"title": "far", "start": "2200-06-01T10:00:00"},
            expect={201},
            preserves=False,
        )
    )
    add(
        Case(
            "offset start Z",
            fam,
            "POST",
            "/v1/events",
            json_body={"title": "z", "start": "2027-03-10T10:00:00Z", "tz": "Asia/Kolkata"},
            expect={201},
            preserves=False,
            check=lambda r: (
                event_shape(r) or (None if r.json()["start"] == "2027-03-10T15:30:00" else f"start {r.json()['start']}")
            ),
        )
    )

    # ---- event fields: invalid -------------------------------------------------------------
    fam = "fields-invalid"

    def bad(name, body, path="/v1/events", method="POST", expect=frozenset({422})):
        add(Case(name, fam, method, path, json_body=body, expect=expect))

    bad("end before start", {**GOOD, "end": "2027-03-10T09:00:00"})
    bad("end == start", {**GOOD, "end": GOOD["start"]})
    bad("end 1us after start", {**GOOD, "end": "2027-03-10T10:00:00.000001"})
    bad("PATCH end before start", {"end": "2027-03-10T09:00:00"}, ev, "PATCH")
    bad("PATCH start after end", {"start": "2027-03-10T12:00:00"}, ev, "PATCH")
    bad("start year 0", {**GOOD, "start": "0000-01-01T10:00:00", "end": None})
    bad("start year 9999", {**GOOD, "start": "9999-12-31T10:00:00", "end": None})
    bad("start year 10000", {**GOOD, "start": "10000-01-01T10:00:00", "end": None})
    bad("start year 1899", {**GOOD, "start": "1899-12-31T10:00:00", "end": None})
    bad("end year 9999", {**GOOD, "end": "9999-12-31T23:59:59"})
    bad("PATCH start year 9999", {"start": "9999-01-01T10:00:00", "end": "9999-01-01T11:00:00"}, ev, "PATCH")
    bad("impossible date", {**GOOD, "start": "2027-02-30T10:00:00", "end": None})
    bad("hour 25", {**GOOD, "start": "2027-03-10T25:00:00", "end": None})
    bad("start garbage", {**GOOD, "start": "next tuesday-ish", "end": None})
    bad("start empty", {**GOOD, "start": "", "end": None})
    bad("offset +99:00", {**GOOD, "start": "2027-03-10T10:00:00+99:00", "end": None})
    bad("tz Mars/Olympus", {**GOOD, "tz": "Mars/Olympus"})
    bad("tz path traversal", {**GOOD, "tz": "../../etc/passwd"})
    bad("tz localtime", {**GOOD, "tz": "localtime"})
    bad("tz right/UTC", {**GOOD, "tz": "right/UTC"})
    bad("tz posix/Europe/Paris", {**GOOD, "tz": "posix/Europe/Paris"})
    bad("tz empty", {**GOOD, "tz": ""})
    bad("tz NUL", {**GOOD, "tz": "Europe/Paris\u0000"})
    bad("tz number", {**GOOD, "tz": 5})
    bad("PATCH tz Mars", {"tz": "Mars/Olympus"}, ev, "PATCH")
    bad("rrule SECONDLY", {**GOOD, "recurrence": "FREQ=SECONDLY"})
    bad("rrule MINUTELY", {**GOOD, "recurrence": "FREQ=MINUTELY;INTERVAL=1"})
    bad("rrule garbage", {**GOOD, "recurrence": "EVERY SECOND FOREVER ☠"})
    bad("rrule INTERVAL=0", {**GOOD, "recurrence": "FREQ=DAILY;INTERVAL=0"})
    bad("rrule COUNT=0", {**GOOD, "recurrence": "FREQ=DAILY;COUNT=0"})
    bad("rrule COUNT=-5", {**GOOD, "recurrence": "FREQ=DAILY;COUNT=-5"})
    bad("rrule two lines", {**GOOD, "recurrence": "FREQ=DAILY\nRRULE:FREQ=SECONDLY"})
    bad("rrule CRLF injection", {**GOOD, "recurrence": "FREQ=DAILY\r\nEND:VEVENT\r\nBEGIN:VEVENT"})
    bad("rrule >24 a day", {**GOOD, "recurrence": "FREQ=HOURLY;BYMINUTE=" + ",".join(map(str, range(0, 60, 2)))})
    bad("rrule never matches", {**GOOD, "recurrence": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31"})
    bad("rrule BYSECOND", {**GOOD, "recurrence": "FREQ=DAILY;BYSECOND=" + ",".join(map(str, range(60)))})
    bad("rrule as list", {**GOOD, "recurrence": ["FREQ=DAILY"]})
    bad("PATCH rrule SECONDLY", {"recurrence": "FREQ=SECONDLY"}, ev, "PATCH")
    add(
        Case(
            "rrule COUNT=10000000",
            fam,
            "POST",
            "/v1/events",
            json_body={**GOOD, "recurrence": "FREQ=DAILY;COUNT=10000000"},
            expect=any4xx_or(201),
            preserves=False,
        )
    )
    add(
        Case(
            "rrule INTERVAL huge",
            fam,
            "POST",
            "/v1/events",
            json_body={**GOOD, "recurrence": "FREQ=HOURLY;INTERVAL=999999999999"},
            expect=any4xx_or(201),
            preserves=False,
        )
    )
    bad("alerts negative", {**GOOD, "alerts": [-10]})
    bad("alerts 40321", {**GOOD, "alerts": [40321]})
    bad("alerts 2**70", {**GOOD, "alerts": [2**70]})
    bad("alerts 1e308", {**GOOD, "alerts": [1e308]})
    bad("alerts fractional", {**GOOD, "alerts": [10.5]})
    bad("alerts string", {**GOOD, "alerts": ["10"]})
    bad("alerts bool", {**GOOD, "alerts": [True]})
    bad("alerts null item", {**GOOD, "alerts": [None]})
    bad("alerts not a list", {**GOOD, "alerts": 10})
    bad("alerts 21", {**GOOD, "alerts": list(range(21))})
    bad("alerts 100000 items", {**GOOD, "alerts": [5] * 100_000})
    bad("PATCH alerts negative", {"alerts": [-1]}, ev, "PATCH")
    bad("kind as object", {**GOOD, "kind": {"x": 1}})

    # ---- ids in paths -----------------------------------------------------------------------
    fam = "ids"
    for label, pid, exp in (
        ("id -1", "-1", {422}),
        ("id 0", "0", {404, 422}),
        ("id 2**64", str(2**64), {422}),
        ("id 2**63", str(2**63), {422}),
        ("id 100 digits", "9" * 100, {422}),
        ("id abc", "abc", {422}),
        ("id 1.5", "1.5", {422}),
        ("id +1", "%2B1", {422}),
        ("id encoded traversal", "..%2F..%2Fhealth", None),
        ("id unicode digits", "%D9%A1", {422}),
        ("id nonexistent", "987654", {404}),
        ("id NUL", "1%00", {404, 422}),
    ):
        add(Case(f"GET {label}", fam, "GET", f"/v1/events/{pid}", expect=exp))
        if label in ("id -1", "id 2**64", "id abc", "id nonexistent"):
            add(Case(f"PATCH {label}", fam, "PATCH", f"/v1/events/{pid}", json_body={"title": "x"}, expect=exp))
            add(Case(f"DELETE {label}", fam, "DELETE", f"/v1/events/{pid}", expect=exp))
    add(Case("GET traversal literal", fam, "GET", f"/v1/events/../events/{P}", expect=lambda s: s in (200, 404, 422)))

    # ---- occurrences --------------------------------------------------------------------------
    fam = "occurrences"
    add(Case("occ delete garbage start", fam, "DELETE", f"{occ}/garbage", expect={422}))
    add(Case("occ delete impossible date", fam, "DELETE", f"{occ}/2027-02-30T09:00:00", expect={422}))
    add(Case("occ delete year 10000", fam, "DELETE", f"{occ}/10000-03-08T09:00:00", expect={422}))
    add(Case("occ delete number", fam, "DELETE", f"{occ}/1764064800", expect={422}))
    add(Case("occ delete not an occurrence", fam, "DELETE", f"{occ}/2027-03-09T09:00:00", expect={404}))
    add(Case("occ delete before series", fam, "DELETE", f"{occ}/2020-03-02T09:00:00", expect={404}))
    add(
        Case(
            "occ delete bad scope",
            fam,
            "DELETE",
            f"{occ}/2027-03-08T09:00:00",
            params={"scope": "everything"},
            expect={422},
        )
    )
    add(
        Case(
            "occ delete scope SQL",
            fam,
            "DELETE",
            f"{occ}/2027-03-08T09:00:00",
            params={"scope": "one' OR 1=1"},
            expect={422},
        )
    )
    add(
        Case(
            "occ delete tz Mars",
            fam,
            "DELETE",
            f"{occ}/2027-03-08T09:00:00",
            params={"tz": "Mars/Olympus"},
            expect={422},
        )
    )
    add(Case("occ on non-series", fam, "DELETE", f"/v1/events/{P}/occurrences/2027-03-10T10:00:00", expect={404, 422}))
    add(
        Case(
            "occ on bob's series id",
            fam,
            "DELETE",
            f"/v1/events/{B}/occurrences/2027-03-10T10:00:00",
            expect={404, 422},
        )
    )
    add(
        Case(
            "occ patch end before start",
            fam,
            "PATCH",
            f"{occ}/2027-03-08T09:00:00",
            json_body={"start": "2027-03-08T10:00:00", "end": "2027-03-08T09:30:00"},
            expect={422},
        )
    )
    add(
        Case(
            "occ patch year 9999",
            fam,
            "PATCH",
            f"{occ}/2027-03-08T09:00:00",
            json_body={"start": "9999-03-08T10:00:00"},
            expect={422},
        )
    )
    add(
        Case(
            "occ patch extra field",
            fam,
            "PATCH",
            f"{occ}/2027-03-08T09:00:00",
            json_body={"recurrence": "FREQ=SECONDLY"},
            expect={422},
        )
    )
    add(
        Case(
            "occ patch NUL title",
            fam,
            "PATCH",
            f"{occ}/2027-03-08T09:00:00",
            json_body={"title": "a\u0000"},
            expect={422},
        )
    )
    add(
        Case(
            "occ patch null body",
            fam,
            "PATCH",
            f"{occ}/2027-03-08T09:00:00",
            json_body=None,
            send_json=True,
            expect={422},
        )
    )

    # 2027-03-08T09:00 Europe/Paris (a real occurrence of the seeded series) as a Unix timestamp
    def ts(month: int, day: int) -> str:  # a Monday 09:00 Paris occurrence of the seeded series, as Unix seconds
        utc_hour = 8 if (month, day) < (3, 28) else 7  # CET before 2027-03-28, CEST after
        return str(int(datetime(2027, month, day, utc_hour, 0, tzinfo=UTC).timestamp()))

    add(Case("occ delete unix ts of real occurrence", fam, "DELETE", f"{occ}/{ts(3, 8)}", expect={422}))
    add(Case("occ delete unix ts float", fam, "DELETE", f"{occ}/{ts(3, 22)}.0", expect={422}))
    add(
        Case(
            "occ patch unix ts of real occurrence",
            fam,
            "PATCH",
            f"{occ}/{ts(3, 1)}",
            json_body={"title": "moved by number"},
            expect={422},
        )
    )
    add(
        Case(
            "occ delete unix ts scope following",
            fam,
            "DELETE",
            f"{occ}/{ts(4, 5)}",
            params={"scope": "following"},
            expect={422},
        )
    )
    add(
        Case(
            "occ patch start as number",
            fam,
            "PATCH",
            f"{occ}/2027-03-08T09:00:00",
            json_body={"start": 1804489200},
            expect={422},
        )
    )
    add(Case("PATCH start as number", fam, "PATCH", ev, json_body={"start": 1804489200}, expect={422}))
    add(Case("PATCH all_day 'yes'", fam, "PATCH", ev, json_body={"all_day": "true"}, expect={422}))
    add(Case("occ path traversal", fam, "DELETE", f"{occ}/..%2F..%2F..%2Fetc%2Fpasswd", expect=None))

    # ---- query parameters ---------------------------------------------------------------------
    fam = "query"
    W = {"start": "2027-03-01T00:00:00", "end": "2027-03-08T00:00:00"}
    for route, keys in (
        ("/v1/free", {"start", "end"}),
        ("/v1/alerts", {"event_id", "title", "event_start", "alert_at", "minutes_before", "original_start", "tz"}),
    ):
        add(
            Case(
                f"{route} valid week",
                fam,
                "GET",
                route,
                params=W,
                expect={200},
                preserves=False,
                check=is_list_of(keys),
            )
        )
        add(
            Case(
                f"{route} start after end",
                fam,
                "GET",
                route,
                params={"start": W["end"], "end": W["start"]},
                expect={422},
            )
        )
        add(
            Case(
                f"{route} 100 years",
                fam,
                "GET",
                route,
                params={"start": "1950-01-01T00:00:00", "end": "2050-01-01T00:00:00"},
                expect={422},
            )
        )
        add(
            Case(
                f"{route} 367 days",
                fam,
                "GET",
                route,
                params={"start": "2027-01-01T00:00:00", "end": "2028-01-03T00:00:00"},
                expect={422},
            )
        )
        add(
            Case(
                f"{route} malformed start",
                fam,
                "GET",
                route,
                params={"start": "2027-13-45T99:00", "end": W["end"]},
                expect={422},
            )
        )
        add(
            Case(
                f"{route} numeric start",
                fam,
                "GET",
                route,
                params={"start": "1764064800", "end": W["end"]},
                expect={422},
            )
        )
        add(
            Case(
                f"{route} offset on one bound",
                fam,
                "GET",
                route,
                params={"start": "2027-03-01T00:00:00+02:00", "end": W["end"]},
                expect={422},
            )
        )
        add(
            Case(
                f"{route} year 10000",
                fam,
                "GET",
                route,
                params={"start": "9999-12-31T00:00:00", "end": "10000-01-01T00:00:00"},
                expect={422},
            )
        )
        add(Case(f"{route} tz traversal", fam, "GET", route, params={**W, "tz": "../../etc/passwd"}, expect={422}))
        add(
            Case(
                f"{route} repeated start",
                fam,
                "GET",
                f"{route}?start=2027-03-01T00:00:00&start=garbage&end=2027-03-08T00:00:00",
                expect=any4xx_or(200),
            )
        )
    add(
        Case(
            "free min_minutes negative",
            fam,
            "GET",
            "/v1/free",
            params={**W, "min_minutes": "-30"},
            expect=any4xx_or(200),
        )
    )
    add(
        Case(
            "free min_minutes huge",
            fam,
            "GET",
            "/v1/free",
            params={**W, "min_minutes": str(10**12)},
            expect=any4xx_or(200),
            check=lambda r: None if r.status_code != 200 or r.json() == [] else "windows longer than 10**12 minutes?",
        )
    )
    add(
        Case(
            "free min_minutes 2**70",
            fam,
            "GET",
            "/v1/free",
            params={**W, "min_minutes": str(2**70)},
            expect=any4xx_or(200),
        )
    )
    add(Case("free min_minutes abc", fam, "GET", "/v1/free", params={**W, "min_minutes": "abc"}, expect={422}))
    add(Case("free min_minutes 1.5", fam, "GET", "/v1/free", params={**W, "min_minutes": "1.5"}, expect=any4xx_or(200)))
    add(Case("free min_minutes NaN", fam, "GET", "/v1/free", params={**W, "min_minutes": "nan"}, expect={422}))
    add(
        Case(
            "events end before start",
            fam,
            "GET",
            "/v1/events",
            params={"start": W["end"], "end": W["start"]},
            expect={422},
        )
    )
    add(Case("events expand without start", fam, "GET", "/v1/events", params={"expand": "true"}, expect={422}))
    add(
        Case(
            "events expand 100 years",
            fam,
            "GET",
            "/v1/events",
            params={"expand": "true", "start": "1990-01-01T00:00:00", "end": "2090-01-01T00:00:00"},
            expect=any4xx_or(200),
            preserves=False,
        )
    )
    add(
        Case(
            "events include_cancelled yes", fam, "GET", "/v1/events", params={"include_cancelled": "yes"}, expect={422}
        )
    )
    add(Case("events include_cancelled 1", fam, "GET", "/v1/events", params={"include_cancelled": "1"}, expect={422}))
    add(
        Case(
            "events expand TRUE",
            fam,
            "GET",
            "/v1/events",
            params={"expand": "TRUE", "start": W["start"]},
            expect=any4xx_or(200),
        )
    )
    add(Case("events tz Mars", fam, "GET", "/v1/events", params={"tz": "Mars/Olympus"}, expect={422}))
    add(Case("events start garbage", fam, "GET", "/v1/events", params={"start": "' OR 1=1 --"}, expect={422}))
    add(Case("events start NUL", fam, "GET", "/v1/events", params={"start": "2027-03-01\x00"}, expect={422}))
    add(
        Case(
            "ics end before start",
            fam,
            "GET",
            "/v1/events.ics",
            params={"start": W["end"], "end": W["start"]},
            expect={422},
        )
    )
    add(Case("ics year 0", fam, "GET", "/v1/events.ics", params={"start": "0000-01-01T00:00:00"}, expect={422}))
    add(Case("get event tz Mars", fam, "GET", ev, params={"tz": "Mars/Olympus"}, expect={422}))

    # ---- auth ----------------------------------------------------------------------------------
    fam = "auth"
    add(Case("no key", fam, "GET", "/v1/events", headers={}, expect={401}, check=www_authenticate))
    add(
        Case("no key POST", fam, "POST", "/v1/events", headers={}, json_body=GOOD, expect={401}, check=www_authenticate)
    )
    add(
        Case(
            "wrong key",
            fam,
            "GET",
            "/v1/events",
            headers={"X-API-Key": "cal_nope"},
            expect={401},
            check=www_authenticate,
        )
    )
    add(Case("empty key", fam, "GET", "/v1/events", headers={"X-API-Key": ""}, expect={401}))
    add(Case("key 64 KB", fam, "GET", "/v1/events", headers={"X-API-Key": "k" * 65536}, expect=None))
    add(Case("Bearer empty", fam, "GET", "/v1/events", headers={"Authorization": "Bearer "}, expect={401}))
    add(Case("Basic auth", fam, "GET", "/v1/events", headers={"Authorization": "Basic YWxpY2U6cHc="}, expect={401}))
    add(
        Case(
            "Bearer wrong case key",
            fam,
            "GET",
            "/v1/events",
            headers={"Authorization": f"Bearer {ALICE_KEY.upper()}"},
            expect={401},
        )
    )
    add(
        Case(
            "key with trailing space+junk",
            fam,
            "GET",
            "/v1/events",
            headers={"X-API-Key": ALICE_KEY + " x"},
            expect={401},
        )
    )
    add(Case("key prefix only", fam, "GET", "/v1/events", headers={"X-API-Key": ALICE_KEY[:-1]}, expect={401}))
    add(Case("key SQL", fam, "GET", "/v1/events", headers={"X-API-Key": "' OR '1'='1"}, expect={401}))
    add(Case("key latin-1 bytes", fam, "GET", "/v1/events", headers={"X-API-Key": b"caf\xe9\xff"}, expect={401}))
    add(Case("key in ?token=", fam, "GET", "/v1/events", headers={}, params={"token": ALICE_KEY}, expect={401}))
    add(
        Case(
            "key in ?token= rasa",
            fam,
            "POST",
            "/model/parse",
            headers={},
            params={"token": ALICE_KEY},
            json_body={"text": "hi"},
            expect={401},
        )
    )
    add(Case("key in ?api_key=", fam, "GET", "/v1/events", headers={}, params={"api_key": ALICE_KEY}, expect={401}))
    add(Case("reader POST event", fam, "POST", "/v1/events", headers=READER, json_body=GOOD, expect={403}))
    add(Case("reader PATCH", fam, "PATCH", ev, headers=READER, json_body={"title": "x"}, expect={403, 404}))
    add(
        Case(
            "reader chat",
            fam,
            "POST",
            "/v1/chat",
            headers=READER,
            json_body={"session_id": "s", "text": "hi"},
            expect={403},
        )
    )
    add(Case("reader feed token", fam, "POST", "/v1/feed-token", headers=READER, expect={403}))
    add(Case("bob GET alice event", fam, "GET", ev, headers=BOB, expect={404}))
    add(Case("bob PATCH alice event", fam, "PATCH", ev, headers=BOB, json_body={"title": "pwned"}, expect={404}))
    add(Case("bob DELETE alice event", fam, "DELETE", ev, headers=BOB, expect={404}))
    add(Case("bob cancel alice occurrence", fam, "DELETE", f"{occ}/2027-03-08T09:00:00", headers=BOB, expect={404}))
    add(Case("alice GET bob event", fam, "GET", f"/v1/events/{B}", expect={404}))
    add(
        Case(
            "both headers, one wrong",
            fam,
            "GET",
            "/v1/events",
            headers={"X-API-Key": ALICE_KEY, "Authorization": "Bearer nope"},
            expect=any4xx_or(200),
        )
    )
    add(
        Case(
            "X-Forwarded/Host spoof",
            fam,
            "GET",
            "/v1/events",
            headers={"X-Forwarded-User": "alice", "X-Remote-User": "alice", "Host": "evil"},
            expect={401},
        )
    )

    # ---- methods --------------------------------------------------------------------------------
    fam = "methods"
    for method, path in (
        ("PUT", "/v1/events"),
        ("DELETE", "/v1/events"),
        ("PATCH", "/v1/events"),
        ("PUT", ev),
        ("POST", ev),
        ("GET", "/v1/chat"),
        ("PUT", "/v1/chat"),
        ("DELETE", "/v1/chat"),
        ("GET", "/v1/parse"),
        ("POST", "/v1/free"),
        ("DELETE", "/v1/alerts"),
        ("PATCH", "/v1/events.ics"),
        ("GET", "/v1/feed-token"),
        ("POST", "/health"),
        ("GET", f"{occ}/2027-03-08T09:00:00"),
        ("TRACE", "/v1/events"),
        ("FOO", "/v1/events"),
    ):
        add(
            Case(
                f"{method} {path}",
                fam,
                method,
                path,
                expect={405, 404, 400, 501} if method in ("TRACE", "FOO") else {405},
                json_body=GOOD if method in ("PUT", "POST", "PATCH") else None,
            )
        )
    for method in ("HEAD", "OPTIONS"):
        for path in ("/v1/events", ev, "/v1/chat", "/health"):
            add(Case(f"{method} {path}", fam, method, path, expect=lambda s: s < 500))
    add(Case("unknown route", fam, "GET", "/v1/nope", expect={404}))
    add(Case("unknown route no key", fam, "GET", "/v1/nope", headers={}, expect={401, 404}))
    return C


# ------------------------------------------------------------------------------------------
def stateful_cases(client, bot, ids) -> list[Result]:
    """Repeated requests, 404 sameness, burst of creates: checks that need several requests."""
    out: list[Result] = []

    def record(name, family, method, path, resp, problems, body=None):
        c = Case(name, family, method, path, json_body=body)
        out.append(Result(c, None if resp is None else resp.status_code, "" if resp is None else resp.text, problems))

    fam = "repeat"
    # DELETE twice: both answer the cancelled event
    r = client.post("/v1/events", headers=ALICE, json={**GOOD, "title": "to cancel twice"})
    eid = r.json()["id"]
    r1 = client.delete(f"/v1/events/{eid}", headers=ALICE)
    r2 = client.delete(f"/v1/events/{eid}", headers=ALICE)
    probs = []
    for rr in (r1, r2):
        if rr.status_code != 200 or not rr.json().get("cancelled"):
            probs.append(f"DELETE answered {rr.status_code} {excerpt(rr.text)}")
    if r1.status_code == 200 and r2.status_code == 200 and r1.json() != r2.json():
        probs.append("second DELETE answers a different event")
    record("DELETE twice", fam, "DELETE", f"/v1/events/{eid}", r2, probs)

    # PATCH a cancelled event: 409, nothing changes
    before = snapshot(client)
    r = client.patch(f"/v1/events/{eid}", headers=ALICE, json={"title": "revived"})
    probs = [] if r.status_code == 409 else [f"status {r.status_code}, expected 409"]
    probs += error_body_problems(r) if r.status_code >= 400 else []
    if snapshot(client) != before:
        probs.append("stored events changed by a rejected request")
    record("PATCH cancelled event", fam, "PATCH", f"/v1/events/{eid}", r, probs, {"title": "revived"})

    # PATCH the same change twice: same answer
    body = {"title": "dentist (moved)", "start": "2027-03-10T14:00:00", "end": "2027-03-10T15:00:00"}
    p1 = client.patch(f"/v1/events/{ids['plain']}", headers=ALICE, json=body)
    p2 = client.patch(f"/v1/events/{ids['plain']}", headers=ALICE, json=body)
    probs = []
    if p1.status_code != 200 or p2.status_code != 200:
        probs.append(f"statuses {p1.status_code}, {p2.status_code}")
    elif p1.json() != p2.json():
        probs.append("the second identical PATCH answers differently")
    elif p1.json()["alerts"] != [10, 60] or p1.json()["location"] != "Rue X":
        probs.append("fields not sent were changed")
    record("PATCH same twice", fam, "PATCH", f"/v1/events/{ids['plain']}", p2, probs, body)

    # cancel the same occurrence twice: second is 404 (already cancelled), exdates once
    path = f"/v1/events/{ids['series']}/occurrences/2027-03-15T09:00:00"
    ex0 = len(client.get(f"/v1/events/{ids['series']}", headers=ALICE).json().get("exdates", []))
    o1 = client.delete(path, headers=ALICE, params={"scope": "one"})
    o2 = client.delete(path, headers=ALICE, params={"scope": "one"})
    probs = []
    if o1.status_code != 200:
        probs.append(f"first cancel {o1.status_code} {excerpt(o1.text)}")
    if o2.status_code != 404:
        probs.append(f"second cancel {o2.status_code}, docs: already cancelled answers 404")
    if o2.status_code >= 400:
        probs += error_body_problems(o2)
    series = client.get(f"/v1/events/{ids['series']}", headers=ALICE).json()
    if len(series.get("exdates", [])) != ex0 + 1:
        probs.append(f"exdates {series.get('exdates')}")
    record("occurrence cancel twice", fam, "DELETE", path, o2, probs)

    # the same chat turn twice in one session: no 5xx; and a chat create then "yes" spam
    for i in range(2):
        r = client.post(
            "/v1/chat",
            headers=ALICE,
            json={"session_id": "rep", "text": "what do I have on march 10", "now": "2027-03-08T09:00:00"},
        )
        probs = (
            [f"5xx {r.status_code}"]
            if r.status_code >= 500
            else ([] if r.status_code == 200 else [f"status {r.status_code}"])
        )
        if r.status_code == 200:
            probs += [p for p in [chat_shape(r)] if p]
        record(f"chat query repeated #{i + 1}", fam, "POST", "/v1/chat", r, probs)
    before = snapshot(client)
    probs = []
    for _ in range(5):
        r = client.post("/v1/chat", headers=ALICE, json={"session_id": "yes-spam", "text": "yes"})
        if r.status_code != 200:
            probs.append(f"status {r.status_code} {excerpt(r.text)}")
    if snapshot(client) != before:
        probs.append("'yes' with no open question changed stored events")
    record("chat 'yes' x5 with nothing pending", fam, "POST", "/v1/chat", r, probs, {"text": "yes"})

    # 404 for another user's id answers exactly as a nonexistent id
    fam = "auth"
    other = client.get(f"/v1/events/{ids['bob']}", headers=ALICE)
    missing = client.get("/v1/events/987654", headers=ALICE)
    probs = []
    if other.status_code != missing.status_code:
        probs.append(f"{other.status_code} vs {missing.status_code}")
    elif other.text.replace(str(ids["bob"]), "N") != missing.text.replace("987654", "N"):
        probs.append(f"bodies differ: {excerpt(other.text)} vs {excerpt(missing.text)}")
    record("other user's id == nonexistent id", fam, "GET", f"/v1/events/{ids['bob']}", other, probs)

    # feed token used as a header: 401; on another route via ?token=: 401
    ft = client.post("/v1/feed-token", headers=ALICE)
    probs = [] if ft.status_code == 201 else [f"feed-token {ft.status_code}"]
    if ft.status_code == 201:
        tok = ft.json()["token"]
        for label, req in (
            ("header", lambda: client.get("/v1/events", headers={"X-API-Key": tok})),
            ("bearer", lambda: client.get("/v1/events", headers={"Authorization": f"Bearer {tok}"})),
            ("?token= on /v1/events", lambda: client.get("/v1/events", params={"token": tok})),
            (
                "?token= POST ics",
                lambda: client.post(
                    "/v1/events.ics",
                    params={"token": tok},
                    content=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                    headers={"Content-Type": "text/calendar"},
                ),
            ),
        ):
            rr = req()
            if rr.status_code != 401:
                probs.append(f"feed token as {label}: {rr.status_code}")
        ok = client.get("/v1/events.ics", params={"token": tok})
        if ok.status_code != 200 or "text/calendar" not in ok.headers.get("content-type", ""):
            probs.append(f"feed token on events.ics: {ok.status_code}")
    record("feed token misuse", fam, "GET", "/v1/events", None, probs)

    # burst of 50 creates
    fam = "burst"
    n0 = count_rows(bot)
    statuses, ids_seen = [], set()
    t0 = time.monotonic()
    for i in range(50):
        r = client.post(
            "/v1/events",
            headers=ALICE,
            json={"title": f"burst {i}", "start": f"2027-05-{1 + i % 28:02d}T{8 + i % 10:02d}:00:00"},
        )
        statuses.append(r.status_code)
        if r.status_code == 201:
            ids_seen.add(r.json()["id"])
    took = time.monotonic() - t0
    n1 = count_rows(bot)
    probs = []
    if any(s != 201 for s in statuses):
        probs.append(f"statuses {sorted(set(statuses))}")
    if len(ids_seen) != statuses.count(201):
        probs.append("duplicate ids")
    if n1 - n0 != statuses.count(201):
        probs.append(f"rows +{n1 - n0}, creates reported {statuses.count(201)}")
    listed = client.get(
        "/v1/events", headers=ALICE, params={"start": "2027-05-01T00:00:00", "end": "2027-06-01T00:00:00"}
    )
    if listed.status_code != 200 or sum(1 for e in listed.json() if e["title"].startswith("burst ")) != 50:
        probs.append(
            f"listing May shows {listed.status_code} / {sum(1 for e in listed.json() if e['title'].startswith('burst ')) if listed.status_code == 200 else '?'} burst events"
        )
    record(f"burst 50 creates ({took:.1f}s)", fam, "POST", "/v1/events", None, probs)

    # concurrent-ish burst: 50 creates from threads
    import concurrent.futures as cf

    n0 = count_rows(bot)

    def one(i):
        return client.post(
            "/v1/events", headers=ALICE, json={"title": f"thread {i}", "start": "2027-06-01T10:00:00"}
        ).status_code

    with cf.ThreadPoolExecutor(8) as pool:
        sts = list(pool.map(one, range(50)))
    n1 = count_rows(bot)
    probs = []
    if any(s >= 500 for s in sts):
        probs.append(f"5xx: {[s for s in sts if s >= 500]}")
    if n1 - n0 != sts.count(201):
        probs.append(f"rows +{n1 - n0}, creates reported {sts.count(201)}")
    if sts.count(201) != 50:
        probs.append(f"statuses {sorted(set(sts))}")
    record("burst 50 creates, 8 threads", fam, "POST", "/v1/events", None, probs)

    # a hostile rule that slipped through (if any) must not hang listing/export/alerts
    fam = "rules-after"
    for path, params in (
        ("/v1/events", {"expand": "true", "start": "2027-01-01T00:00:00", "end": "2028-01-01T00:00:00"}),
        ("/v1/events.ics", None),
        ("/v1/alerts", {"start": "2027-03-01T00:00:00", "end": "2028-03-01T00:00:00"}),
        ("/v1/free", {"start": "2027-03-01T00:00:00", "end": "2028-03-01T00:00:00"}),
    ):
        t0 = time.monotonic()
        r = client.get(path, headers=ALICE, params=params)
        took = time.monotonic() - t0
        probs = []
        if r.status_code != 200:
            probs.append(f"status {r.status_code}")
        if took > 20:
            probs.append(f"slow {took:.1f}s")
        record(f"{path} after hostile creates ({took:.1f}s)", fam, "GET", path, r, probs)
    return out


# ------------------------------------------------------------------------------------------
def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("-k", default=None, help="run only cases whose name contains this")
    args = ap.parse_args()
    os.environ.setdefault("ASSISTANT_TZ", "Europe/Paris")
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        client, bot = build_client(Path(tmp))
        with client:
            ids = seed(client)
            all_cases = cases(ids)
            for case in all_cases:
                if args.k and args.k not in case.name:
                    continue
                try:
                    res = run_case(client, case)
                except Exception:
                    res = Result(case, None, "", [f"probe crashed: {traceback.format_exc(limit=2)}"])
                results.append(res)
                if args.verbose:
                    mark = "ok  " if not res.problems else "FAIL"
                    print(f"{mark} [{case.family}] {case.name}: {res.status} {excerpt(res.body, 100)}", flush=True)
            if not args.k:
                for res in stateful_cases(client, bot, ids):
                    results.append(res)
                    if args.verbose:
                        print(
                            f"{'ok  ' if not res.problems else 'FAIL'} [{res.case.family}] {res.case.name}: {res.status}",
                            flush=True,
                        )
            # final integrity: the seeded rows are intact
            final = client.get(f"/v1/events/{ids['bob']}", headers=BOB).json()
            if final.get("title") != "bob private" or final.get("cancelled"):
                results.append(
                    Result(
                        Case("bob's event intact at the end", "integrity", "GET", f"/v1/events/{ids['bob']}"),
                        200,
                        json.dumps(final),
                        ["bob's event changed"],
                    )
                )
    failed = [r for r in results if r.problems]
    print(f"\n{len(results)} cases, {len(results) - len(failed)} passed, {len(failed)} failed\n")
    by_family: dict[str, list[Result]] = {}
    for r in failed:
        by_family.setdefault(r.case.family, []).append(r)
    for fam, rs in by_family.items():
        print(f"== {fam} ({len(rs)})")
        for r in rs:
            c = r.case
            body = c.content if c.content is not None else c.json_body
            print(
                f"  - {c.name}: {c.method} {c.path}"
                + (f" params={c.params}" if c.params else "")
                + (f" body={excerpt(body, 90)}" if body is not None else "")
            )
            print(f"      -> {r.status} {excerpt(r.body, 220)}")
            print(f"      problems: {'; '.join(r.problems)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
