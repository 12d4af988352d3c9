"""Feed tokens: a per-user, read-only, revocable token for the calendar subscription URL
(GET /v1/events.ics?token=...) and nothing else; API keys are never taken from a URL."""

from __future__ import annotations

import io
import logging
import uuid

from assistant.api.keys_cli import keys_command
from assistant.api.server import RedactSecrets, redact
from assistant.shell import build_parser

EVENT = {"title": "dentist", "start": "2026-11-25T11:00:00", "tz": "Europe/Paris"}


def test_api_feed_token_opens_the_ics_route_only(make_api):
    client, headers, *_ = make_api()
    alice = headers["alice"]
    client.post("/v1/events", headers=alice, json=EVENT)
    made = client.post("/v1/feed-token", headers=alice)
    assert made.status_code == 201
    token = made.json()["token"]
    assert token.startswith("feed_") and made.json()["url"].endswith(f"/v1/events.ics?token={token}")
    feed = client.get(f"/v1/events.ics?token={token}")
    assert feed.status_code == 200 and "SUMMARY:dentist" in feed.text
    # Nowhere else, neither in the URL nor as a header
    assert client.get(f"/v1/events?token={token}").status_code == 401
    assert client.get("/v1/events", headers={"X-API-Key": token}).status_code == 401
    assert client.get("/v1/events.ics", headers={"X-API-Key": token}).status_code == 401
    assert (
        client.post(
            "/v1/events.ics",
            headers={"X-API-Key": token, "Content-Type": "text/calendar"},
            content=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        ).status_code
        == 401
    )


def test_api_feed_token_is_per_user_and_revocable(make_api):
    client, headers, *_ = make_api()
    alice, bob = headers["alice"], headers["bob"]
    client.post("/v1/events", headers=alice, json=EVENT)
    first = client.post("/v1/feed-token", headers=alice).json()["token"]
    bobs = client.post("/v1/feed-token", headers=bob).json()["token"]
    assert "BEGIN:VEVENT" not in client.get(f"/v1/events.ics?token={bobs}").text
    # A new token replaces the old one
    second = client.post("/v1/feed-token", headers=alice).json()["token"]
    gone = client.get(f"/v1/events.ics?token={first}")
    assert gone.status_code == 401 and gone.json()["detail"] == "invalid or revoked feed token"
    assert client.get(f"/v1/events.ics?token={second}").status_code == 200
    # Revoking stops it; a read-only key may not make or revoke tokens
    assert client.post("/v1/feed-token", headers=headers["reader"]).status_code == 403
    assert client.delete("/v1/feed-token", headers=alice).json() == {"revoked": 1}
    assert client.get(f"/v1/events.ics?token={second}").status_code == 401
    assert client.get(f"/v1/events.ics?token={bobs}").status_code == 200


def test_api_feed_token_from_the_cli(make_api, api_db_url):
    client, *_ = make_api()
    user = f"gail-{uuid.uuid4().hex[:8]}"
    out = io.StringIO()
    assert keys_command(build_parser().parse_args(["keys", "feed", user, "--db", api_db_url]), stdout=out) == 0
    token = out.getvalue().strip()
    assert token.startswith("feed_") and client.get(f"/v1/events.ics?token={token}").status_code == 200
    listed = io.StringIO()
    keys_command(build_parser().parse_args(["keys", "list", "--user", user, "--db", api_db_url]), stdout=listed)
    assert listed.getvalue().split("\t")[1:3] == [user, "feed"]


def test_api_feed_secrets_in_query_strings_are_redacted_in_logs():
    assert redact("/v1/events.ics?token=feed_abc-DEF_123&start=2026") == "/v1/events.ics?token=REDACTED&start=2026"
    assert redact("/x?a=1&api_key=cal_zzz") == "/x?a=1&api_key=REDACTED"
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", "/v1/events.ics?token=feed_secret", "1.1", 200),
        None,
    )
    assert RedactSecrets().filter(record) and "feed_secret" not in record.getMessage()
    assert "token=REDACTED" in record.getMessage()
