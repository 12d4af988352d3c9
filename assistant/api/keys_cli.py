"""`python -m assistant keys create|list|revoke`: manage REST API keys (the CLI side of keys.py).

python -m assistant keys create alice [--read-only] [--label phone] [--db URL]   # prints the key once
python -m assistant keys feed alice [--db URL]     # a calendar subscription token (revokes the last)
python -m assistant keys list [--user alice] [--db URL]
python -m assistant keys revoke cal_AbCdEf [--db URL]                            # by prefix or full key
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from assistant.api.keys import FEED, create_feed_token, create_key, list_keys, revoke_key


def add_keys_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `keys` subcommand on the main CLI's subparsers."""
    keys = commands.add_parser("keys", help="make, list or revoke REST API keys")
    actions = keys.add_subparsers(dest="keys_action", required=True)
    create = actions.add_parser("create", help="make a new key for a user and print it (shown only once)")
    create.add_argument("user", help="the calendar owner the key acts as")
    create.add_argument("--read-only", action="store_true", help="may read events but not change them")
    create.add_argument("--label", help="a note to recognise the key by (e.g. 'kitchen speaker')")
    feed = actions.add_parser(
        "feed",
        help="make a read-only token for a calendar app's subscription URL "
        "(GET /v1/events.ics?token=...); the user's previous one stops working",
    )
    feed.add_argument("user", help="the calendar owner whose events the feed shows")
    listing = actions.add_parser("list", help="list keys (prefixes only: keys are stored hashed)")
    listing.add_argument("--user", help="only this user's keys")
    revoke = actions.add_parser("revoke", help="revoke keys by prefix (as listed) or full key")
    revoke.add_argument("prefix")
    for sub in (create, feed, listing, revoke):
        sub.add_argument("--db", help="SQLAlchemy URL (default: DATABASE_URL or ./data/calendar.db)")


def keys_command(args: argparse.Namespace, stdout: TextIO = sys.stdout) -> int:
    """Run one `keys` action against the database; exit status 1 when nothing was revoked."""
    from assistant.core import Assistant

    sessions = Assistant(args.db).sessions
    with sessions.begin() as session:
        if args.keys_action == "create":
            row, key = create_key(args.user, session=session, label=args.label, read_only=args.read_only)
            print(key, file=stdout)
            print(
                f"# key {row.prefix}… for {row.owner}{' (read-only)' if row.read_only else ''}: "
                "store it now, it is not shown again",
                file=sys.stderr,
            )
            return 0
        if args.keys_action == "feed":
            row, token = create_feed_token(args.user, session=session, label="calendar subscription")
            print(token, file=stdout)
            print(
                f"# feed token {row.prefix}… for {row.owner}: subscribe to /v1/events.ics?token={token} "
                "(store it now, it is not shown again)",
                file=sys.stderr,
            )
            return 0
        if args.keys_action == "list":
            for row in list_keys(session=session, owner=args.user):
                state = (
                    "revoked"
                    if row.revoked_at
                    else ("feed" if row.scope == FEED else "read-only" if row.read_only else "read-write")
                )
                print(f"{row.prefix}\t{row.owner}\t{state}\t{row.created_at:%Y-%m-%d}\t{row.label or ''}", file=stdout)
            return 0
        revoked = revoke_key(args.prefix, session=session)
        print(f"revoked {len(revoked)} key(s)", file=stdout)
        return 0 if revoked else 1
