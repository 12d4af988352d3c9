"""`python -m assistant chat`: one reply line per input line, flushed, JSON with --json."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date, datetime

import pytest

from assistant import Assistant
from assistant.shell import build_parser, chat
from assistant.testing import ScriptedParser, day_span, reading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run_chat(bot: Assistant, lines: list[str], *extra: str) -> list[str]:
    args = build_parser().parse_args(["chat", *extra])
    out = io.StringIO()
    assert chat(args, io.StringIO("".join(line + "\n" for line in lines)), out, bot=bot) == 0
    return out.getvalue().splitlines()


def test_chat_json_lines_follow_the_contract(bot: Assistant, scripted: ScriptedParser, owner: str) -> None:
    scripted.add(
        reading(
            "Schedule event for visit to Trivandrum on July 18",
            "create",
            ACTION="Schedule",
            DOMAIN="event",
            NAME="visit to Trivandrum",
            dates={"July 18": day_span(date(2027, 7, 18))},
        )
    )
    lines = _run_chat(
        bot,
        ["Schedule event for visit to Trivandrum on July 18", "", "play jazz"],
        "--json",
        "--now",
        "2026-11-23T09:00:00",
        "--tz",
        "Europe/Paris",
        "--user",
        owner,
    )
    assert len(lines) == 3
    first = json.loads(lines[0])
    assert first["reply"] == 'Scheduled "visit to Trivandrum" for Sunday, July 18, 2027 (all day).'
    assert first["operation"] == "create"
    assert [{k: e[k] for k in ("title", "start", "end", "all_day", "location")} for e in first["events"]] == [
        {
            "title": "visit to Trivandrum",
            "start": "2027-07-18T00:00:00",
            "end": "2027-07-19T00:00:00",
            "all_day": True,
            "location": None,
        }
    ]
    assert [json.loads(x)["operation"] for x in lines[1:]] == ["none", "none"]


def test_chat_plain_mode_prints_the_reply_text(bot: Assistant, owner: str) -> None:
    assert _run_chat(bot, ["", "what's the weather"], "--user", owner) == [
        'I didn\'t catch anything. Try "what do I have tomorrow" or "schedule lunch with Sam on friday at noon".',
        (
            "Sorry, I can only help with your calendar: scheduling, moving, cancelling or listing events, "
            "and finding free time."
        ),
    ]


def test_chat_arguments_are_checked() -> None:
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["chat", "--now", "monday-ish"])
    args = parser.parse_args(["chat", "--json", "--now", "2026-11-23T09:00:00", "--db", "sqlite:///x.db"])
    assert (args.json, args.now, args.db, args.user) == (True, datetime(2026, 11, 23, 9), "sqlite:///x.db", "me")
    serve = parser.parse_args(["serve", "--port", "9000"])
    assert (serve.command, serve.host, serve.port) == ("serve", "127.0.0.1", 9000)


def _process(tmp_path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": ROOT}
    env.pop("DATABASE_URL", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assistant",
            "chat",
            "--json",
            "--db",
            f"sqlite:///{tmp_path / 'c.db'}",
            "--now",
            "2026-11-23T09:00:00",
            *extra,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )


@pytest.mark.slow
def test_chat_process_answers_each_line_as_it_comes(tmp_path) -> None:
    # Given a running chat process, when one line is sent, its reply arrives before the next is sent
    proc = _process(tmp_path)
    try:
        proc.stdin.write(b"\n")
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())
        assert first["operation"] == "none"
        # odd input: 100 KB, control characters, invalid UTF-8
        proc.stdin.write(b"x" * 100_000 + b"\n" + b"\x00\x01\x1b[31m\n" + b"\xff\xfe broken\n")
        proc.stdin.close()
        rest = [json.loads(line) for line in proc.stdout.read().splitlines()]
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
    # Then each odd line got one clear answer and nothing was written
    assert len(rest) == 3 and all(r["reply"] and r["operation"] in ("none", "clarify") for r in rest)
    assert rest[0]["reply"].startswith("That is too long for one command (100000 characters)")
    assert Assistant(f"sqlite:///{tmp_path / 'c.db'}").events("me", include_cancelled=True) == []


def test_chat_process_rejects_a_bad_zone(tmp_path) -> None:
    proc = _process(tmp_path, "--tz", "Mars/Olympus")
    out, err = proc.communicate(b"hello\n", timeout=60)
    assert proc.returncode == 2 and b"unknown time zone 'Mars/Olympus'" in err and out == b""


def test_chat_plain_mode_shows_the_choices(bot: Assistant, scripted: ScriptedParser, owner: str) -> None:
    bot.create_event(owner, title="AI", start=datetime(2026, 11, 24), end=datetime(2026, 11, 25), all_day=True)
    scripted.add(reading("Cancel the AI event", "cancel", ACTION="Cancel", NAME="AI", DOMAIN="event"))
    lines = _run_chat(bot, ["Cancel the AI event", "yes"], "--now", "2026-11-23T09:00:00", "--user", owner)
    assert lines == [
        'Cancel "AI" on Tuesday, November 24 (all day)?  [yes | no]',
        'Cancelled "AI" on Tuesday, November 24 (all day).',
    ]
