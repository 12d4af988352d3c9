"""`python -m assistant chat|serve`: thin shells over the Assistant facade.

python -m assistant chat [--json] [--db URL] [--now ISO] [--tz ZONE] [--user NAME] [--session ID]
python -m assistant serve [--host HOST] [--port PORT] [--db URL] [--workers N]
python -m assistant keys create|list|revoke ...   (REST API keys, assistant/api/keys_cli.py)
python -m assistant transcribe FILE.wav            (speech to text, assistant/voice/transcribe_cli.py)
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from assistant.exceptions import AssistantError

if TYPE_CHECKING:  # imported when used, so the CLI starts (and answers Ctrl-C) quickly
    from assistant.core import Assistant
    from assistant.views import Reply


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="Calendar voice assistant.")
    commands = parser.add_subparsers(dest="command", required=True)
    chat = commands.add_parser("chat", help="talk to the assistant: one utterance per line, one reply per line")
    chat.add_argument("--json", action="store_true", help="one chat JSON object per line")
    chat.add_argument("--db", help="SQLAlchemy URL (default: DATABASE_URL or ./data/calendar.db)")
    chat.add_argument("--now", type=_iso, help="fixed reference time for the whole session (ISO)")
    chat.add_argument("--tz", help="IANA time zone of the user (default: ASSISTANT_TZ or Europe/Paris)")
    chat.add_argument("--user", default="me", help="calendar owner (default: me)")
    chat.add_argument("--session", help="conversation id (default: a new one; reuse it to resume)")
    # ---- `serve` belongs to the REST API (assistant/api/); imported lazily so the chat
    # ---- command never pays for FastAPI/uvicorn.
    serve = commands.add_parser("serve", help="run the REST API (OpenAPI docs at /docs)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--db", help="SQLAlchemy URL (default: DATABASE_URL or ./data/calendar.db)")
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    from assistant.api.keys_cli import add_keys_parser

    add_keys_parser(commands)
    from assistant.voice.transcribe_cli import add_transcribe_parser

    add_transcribe_parser(commands)
    return parser


def _iso(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not an ISO date-time: {text!r} (e.g. 2026-11-23T09:00:00)") from err


def main(argv: list[str] | None = None) -> int:
    """Run one command; Ctrl-C ends it quietly with status 130 (the shell's own for SIGINT):
    every turn answered before it was committed, the one interrupted is rolled back whole."""
    try:
        return _run(build_parser().parse_args(argv))
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    # Transcripts may carry any byte: undecodable input becomes U+FFFD instead of a crash.
    for stream in (sys.stdin, sys.stdout):
        if isinstance(stream, io.TextIOWrapper):  # not when a caller swapped in another stream
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        if args.command == "serve":
            from assistant import api

            api.serve(args.host, args.port, args.db, workers=args.workers)
            return 0
        if args.command == "keys":
            from assistant.api.keys_cli import keys_command

            return keys_command(args)
        if args.command == "transcribe":
            from assistant.voice.transcribe_cli import transcribe_command

            return transcribe_command(args)
        return chat(args, sys.stdin, sys.stdout)
    except AssistantError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def chat(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, bot: Assistant | None = None) -> int:
    """The chat loop: one reply line per input line, flushed, until end of input."""
    from assistant.core import Assistant
    from assistant.db import checked_url

    bot = bot or Assistant(args.db)
    checked_url(bot.url)  # an in-memory calendar is refused before the first line, not at each
    tz = bot.zone(args.tz)
    session_id = args.session or f"cli-{uuid.uuid4().hex[:12]}"
    interactive = not args.json and stdin.isatty()
    if interactive:
        print("Talk to your calendar (Ctrl-D to quit).", file=stdout, flush=True)
    while True:
        if interactive:
            print("> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            return 0
        text = line.rstrip("\r\n")
        try:
            reply = bot.handle(session_id, text, now=args.now, tz=tz, user=args.user)
            out = json.dumps(reply.to_dict(), ensure_ascii=False) if args.json else plain(reply)
        except Exception as err:  # noqa: BLE001 - the CLI's edge: one bad line must not end the session
            out = (
                json.dumps(
                    {
                        "reply": f"Sorry, something went wrong: {err}",
                        "operation": "none",
                        "events": [],
                        "error": type(err).__name__,
                    }
                )
                if args.json
                else f"Sorry, something went wrong: {err}"
            )
        print(out, file=stdout, flush=True)


def plain(reply: Reply) -> str:
    """The REPL line: the reply, then the choices it offers ("[yes | no]")."""
    return f"{reply.reply}  [{' | '.join(reply.choices)}]" if reply.choices else reply.reply
