"""What a chat turn did, in a few words, for the line under the command.

The line shows the stored result (the event's time after the change, in the calendar's
zone), not what the NLU read: "move it to five pm" may read as today at 17:00 while the
event moved to its own day at 17:00. Times are recomputed in the zone shown now, so after
a zone switch this line and the calendar still agree.
"""
from __future__ import annotations

from datetime import timedelta

from assistant import EventView
from assistant.phrasing import count
from ui.event_text import in_zone, time_label

DONE = {"create": "created", "reschedule": "moved to", "cancel": "cancelled", "undo": "undone:",
        "update": "updated"}
WAITING = {"confirm": "nothing changed yet: waiting for yes or no",
           "clarify": "nothing changed yet: waiting for a choice"}


def outcome_text(operation: str | None, events: tuple[EventView, ...], parse: object, tz: str) -> str | None:
    """ "created Tue 24 Nov 2026 · 15:00–16:00", "looked at Mon 30 Nov – Sun 06 Dec: no events",
    "nothing changed yet: ..."; None when the turn did nothing worth a line."""
    if operation in WAITING:
        return WAITING[operation]
    if operation == "query":
        return query_text(events, parse)
    if not events or operation in (None, "none"):
        return None
    first = in_zone(events[0], tz)
    more = f" and {count(len(events) - 1, 'other')}" if len(events) > 1 else ""
    verb = DONE.get(operation, operation)
    return f"{verb} {first.title!s} · {time_label(first)}{more}" if verb.endswith(":") else \
        f"{verb} {time_label(first)}{more}"


def query_text(events: tuple[EventView, ...], parse: object) -> str:
    """The window a question looked at (its days) and how many events it found."""
    found = f"found {count(len(events), 'event')}" if events else "found no events"
    when = getattr(parse, "when", None)
    if when is None or when.start is None:
        return found
    start = when.start.replace(tzinfo=None)
    end = when.end.replace(tzinfo=None) if when.end else start
    last = (end - timedelta(microseconds=1)).date() if end > start else start.date()
    days = f"{start:%a %d %b %Y}" + (f" – {last:%a %d %b %Y}" if last > start.date() else "")
    return f"looked at {days}: {found}"
