"""`python -m nlu parse`: exactly one JSON line per input line, in order, whatever comes in."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from pathlib import Path

import pytest

from nlu.result import INTENTS, LABELS

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-23T09:00:00"

COMMANDS = [
    "Schedule event for visit to Trivandrum on July 18",
    "",
    "uh can you put the dentist on december third at half past four",
    "   ",
    "Cancel client meeting scheduled tomorrow",
    "what's the weather like in Paris",
]
# Lines that are no command at all: nothing applies, so out_of_scope.
EMPTY_OR_HUGE = ["", "   ", "\t", "schedule a meeting " * 6000, "add lunch " * 105_000]  # ~114 KB, ~1 MB
ODD = [
    "bell\x07 null\x00 escape\x1b[31m red",
    "🎉🎉🎉 🗓️",
    "Schedule 🎂 party with 👩‍👩‍👧 tomorrow",
    "'; DROP TABLE events; --",
    "SELECT * FROM events WHERE 1=1",
    "Termin morgen um zehn Uhr eintragen",
    "明天上午十点开会",
    "\u202egnitteem\u202c right-to-left override",
]


def run_parse(model: Path, data: bytes, *extra: str) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "nlu", "parse", "--model", str(model), "--now", NOW, *extra],
        input=data,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


def check_contract(out: dict) -> None:
    assert out["intent"] in INTENTS
    assert 0.0 <= out["confidence"] <= 1.0
    for slot in out["slots"]:
        assert slot["label"] in LABELS
        assert out["text"][slot["start"] : slot["end"]] == slot["text"]


@pytest.mark.slow
def test_cli_parse_one_line_per_line_in_order(nlu_model_path):
    out = run_parse(nlu_model_path, ("\n".join(COMMANDS) + "\n").encode())
    assert [o["text"] for o in out] == COMMANDS
    for o in out:
        check_contract(o)
    assert out[1]["intent"] == "out_of_scope" and out[1]["slots"] == []


def test_cli_parse_long_input_shared_by_workers_keeps_order_and_answers(nlu_model_path):
    """Past the first lines a long input goes to worker processes: the answers are the very
    ones a single process gives, one per line, in input order."""
    lines = [f"{text} {i}" for i, text in enumerate(COMMANDS * 150 + ODD * 50)]
    data = ("\n".join(lines) + "\n").encode()
    shared, alone = run_parse(nlu_model_path, data, "--workers", "2"), run_parse(nlu_model_path, data, "--workers", "1")
    assert len(lines) > 2 * 512
    assert [o["text"] for o in shared] == lines
    assert shared == alone


def test_cli_parse_last_line_without_newline(nlu_model_path):
    out = run_parse(nlu_model_path, b"cancel it\nplay jazz")
    assert [o["text"] for o in out] == ["cancel it", "play jazz"]


@pytest.mark.slow
@pytest.mark.parametrize("line", EMPTY_OR_HUGE, ids=["empty", "spaces", "tab", "100KB", "1MB"])
def test_cli_parse_nothing_to_read_is_out_of_scope(nlu_model_path, line):
    [out] = run_parse(nlu_model_path, (line + "\n").encode())
    assert out == {
        "text": line,
        "intent": "out_of_scope",
        "confidence": 1.0,
        "slots": [],
        "title": None,
        "when": None,
        "alert": None,
    }


@pytest.mark.slow
def test_cli_parse_odd_input_is_valid_json_each(nlu_model_path):
    out = run_parse(nlu_model_path, ("\n".join(ODD) + "\n").encode())
    assert [o["text"] for o in out] == ODD
    for o in out:
        check_contract(o)


@pytest.mark.slow
def test_cli_parse_binary_junk_never_crashes(nlu_model_path):
    junk = bytes(range(256)).replace(b"\n", b"").replace(b"\r", b"")
    out = run_parse(nlu_model_path, b"\xff\xfe\xfa junk\n" + junk + b"\nplay jazz\n")
    assert len(out) == 3 and out[2]["text"] == "play jazz"
    assert out[0]["text"] == "\ufffd\ufffd\ufffd junk"  # undecodable bytes become U+FFFD
    for o in out:
        check_contract(o)


@pytest.mark.slow
def test_cli_parse_answers_each_line_as_it_comes(nlu_model_path):
    # An interactive caller gets its answer before it sends the next line (flushed per line)
    proc = subprocess.Popen(
        [sys.executable, "-m", "nlu", "parse", "--model", str(nlu_model_path), "--now", NOW],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        for text in ("cancel the dentist tomorrow", "play jazz"):
            proc.stdin.write((text + "\n").encode())
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            assert ready, "no answer within 60 s"
            assert json.loads(proc.stdout.readline())["text"] == text
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0


NOT_COMMANDS = ["🎉🎉🎉 🗓️", "\x00\x01\x02", "'; DROP TABLE events; --", "SELECT * FROM events WHERE 1=1"]


@pytest.mark.slow
def test_cli_parse_shipped_pipeline_declines_what_is_no_command():
    # Judged on the shipped pipeline: a small test model has never seen such lines
    shipped = ROOT / "models" / "nlu-calendar"
    if not (shipped / "config.cfg").exists():
        pytest.skip("no shipped pipeline in models/nlu-calendar")
    out = run_parse(shipped, ("\n".join(NOT_COMMANDS) + "\n").encode() + b"\xff\xfe\xfa\n")
    assert [o["intent"] for o in out] == ["out_of_scope"] * 5
    assert [o["title"] for o in out] == [None] * 5


@pytest.mark.slow
def test_cli_parse_contract_check_lines():
    # The lines ../shared/tools/contract-check sends, through the shipped pipeline: every
    # contract field, slot offsets that match the text, roles in the contract's set, the two
    # new families read as the tool wants (availability; update with a 60-minute alert)
    shipped = ROOT / "models" / "nlu-calendar"
    if not (shipped / "config.cfg").exists():
        pytest.skip("no shipped pipeline in models/nlu-calendar")
    lines = [
        "Schedule event for visit to Trivandrum on July 18",
        "cancel the client meeting tomorrow",
        "",
        "what do i have on friday",
        "when am i free on friday",
        "remind me an hour before the dentist",
    ]
    out = run_parse(shipped, ("\n".join(lines) + "\n").encode())
    for text, row in zip(lines, out, strict=True):
        assert {"text", "intent", "confidence", "slots", "title", "when", "alert"} <= set(row)
        assert all(s["role"] in (None, "old", "new") and text[s["start"] : s["end"]] == s["text"] for s in row["slots"])
        assert row["when"] is None or {"start", "end", "grain"} <= set(row["when"])
    assert [row["intent"] for row in out] == ["create", "cancel", "out_of_scope", "query", "availability", "update"]
    assert out[5]["alert"] == 60 and out[0]["alert"] is None
