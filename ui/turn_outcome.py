"""What a chat turn did, in a few words, for the line under the command.

The line shows the stored result (the event's time after the change, in the calendar's
zone), not what the NLU read: "move it to five pm" may read as today at 17:00 while the
event moved to its own day at 17:00. Times are recomputed in the zone shown now, so after
a zone switch this line and the calendar still agree. A free-time answer shows the window
the assistant searched and the free stretches it found (`Reply.free`); an update shows
what changed on the stored event, against the event as it was before the turn.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from assistant import EventView
from assistant.phrasing import count, join
from assistant.views import FreeTime
from ui.event_text import alert_text, details, in_zone, rule_text, time_label

DONE = {"create": "created", "reschedule": "moved to", "cancel": "cancelled", "undo": "undone:"}
WAITING = {
    "confirm": "nothing changed yet: waiting for yes or no",
    "clarify": "nothing changed yet: waiting for a choice",
}
FREE_SHOWN = 3  # free stretches named on the line; the answer itself says them all


def outcome_text(
    operation: str | None,
    events: tuple[EventView, ...],
    parse: object,
    tz: str,
    *,
    free: FreeTime | None = None,
    before: tuple[EventView, ...] = (),
) -> str | None:
    """ "created Tue 24 Nov 2026 · 15:00–16:00", "looked at Mon 30 Nov – Sun 06 Dec: no events",
    "looked at Fri 27 Nov 2026: free 08:00–10:00 and 11:00–22:00", "updated dentist · ...:
    added jim", "nothing changed yet: ..."; None when the turn did nothing worth a line.
    `before` holds the events as they were before the turn (for an update's changes)."""
    if operation in WAITING:
        return WAITING[operation]
    if operation == "query":
        return query_text(events, parse)
    if operation == "availability":
        return free_text(free, tz) if free is not None else None
    if not events or operation in (None, "none"):
        return None
    if operation == "update":
        return update_text(events[0], before, tz)
    first = in_zone(events[0], tz)
    more = f" and {count(len(events) - 1, 'other')}" if len(events) > 1 else ""
    verb = DONE.get(operation, operation)
    return (
        f"{verb} {first.title!s} · {time_label(first)}{more}"
        if verb.endswith(":")
        else f"{verb} {time_label(first)}{more}"
    )


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


# -- free time ------------------------------------------------------------------------------
def free_text(free: FreeTime, tz: str) -> str:
    """ "looked at Fri 27 Nov 2026: free 08:00–10:00, 11:00–14:00 and 15:30–22:00";
    "looked at Tue 24 Nov 2026: no free stretch of 2 h" (times in the zone shown)."""
    start, end = moved(free.start, free.tz, tz), moved(free.end, free.tz, tz)
    stretches = [(moved(a, free.tz, tz), moved(b, free.tz, tz)) for a, b in free.windows]
    need = alert_text(free.min_minutes) if free.min_minutes else ""
    if not stretches:
        found = f"no free stretch of {need}" if need else "no free time"
    else:
        one_day = end - start <= timedelta(days=1) and len({a.date() for a, _ in stretches}) == 1
        named = [stretch_label(a, b, with_day=not one_day) for a, b in stretches[:FREE_SHOWN]]
        if len(stretches) > FREE_SHOWN:
            named.append(f"{len(stretches) - FREE_SHOWN} more")
        found = f"free{f' for {need}:' if need else ''} {join(named)}"
    return f"looked at {window_label(start, end)}: {found}"


def moved(stamp: str, source: str, target: str) -> datetime:
    """A wall time (ISO) in zone `source` as the wall time in zone `target`."""
    moment = datetime.fromisoformat(stamp).replace(tzinfo=ZoneInfo(source))
    return moment.astimezone(ZoneInfo(target)).replace(tzinfo=None)


def window_label(start: datetime, end: datetime) -> str:
    """ "Fri 27 Nov 2026", "Mon 23 Nov 2026 – Sun 29 Nov 2026" (whole days), "Fri 27 Nov 2026 ·
    12:00–18:00", "Mon 23 Nov 2026 · 09:00–24:00"; else both ends with their days."""
    midnight = time(0)
    if start.time() == midnight and end.time() == midnight:
        last = (end - timedelta(days=1)).date()
        return f"{start:%a %d %b %Y}" + (f" – {last:%a %d %b %Y}" if last > start.date() else "")
    if end.date() == start.date() or end == datetime.combine(start.date() + timedelta(days=1), midnight):
        close = "24:00" if end.date() > start.date() else f"{end:%H:%M}"
        return f"{start:%a %d %b %Y} · {start:%H:%M}–{close}"
    return f"{start:%a %d %b %Y %H:%M} – {end:%a %d %b %Y %H:%M}"


def stretch_label(start: datetime, end: datetime, *, with_day: bool) -> str:
    """ "08:00–10:00", or "Tue 24 Nov 08:00–22:00" when the window holds several days."""
    span = f"{start:%H:%M}–{end:%H:%M}"
    return f"{start:%a %d %b} {span}" if with_day else span


# -- updates --------------------------------------------------------------------------------
def update_text(event: EventView, before: tuple[EventView, ...], tz: str) -> str:
    """ "updated dentist · Wed 25 Nov 2026 · 09:00–10:00: added jim and jerry"; without the
    event as it was (a series that a rule change split), its people, alerts and rule."""
    now = in_zone(event, tz)
    head = f"updated {now.title} · {time_label(now)}"
    was = next((in_zone(b, tz) for b in before if b.id == event.id), None)
    changes = changed(was, now) if was is not None else []
    if changes:
        return f"{head}: {'; '.join(changes)}"
    return head + "".join(f" · {x}" for x in [*details(now), rule_text(now)] if x)


def changed(was: EventView, now: EventView) -> list[str]:
    """What an update changed on a stored event, in a few words each."""
    out = []
    if now.title != was.title:
        out.append(f'renamed from "{was.title}"')
    if now.location != was.location:
        out.append(f"at {now.location}" if now.location else "place removed")
    out += _added_removed(
        [p for p in now.attendees if p not in was.attendees], [p for p in was.attendees if p not in now.attendees], "{}"
    )
    out += _added_removed(
        [alert_text(m) for m in sorted(set(now.alerts) - set(was.alerts))],
        [alert_text(m) for m in sorted(set(was.alerts) - set(now.alerts))],
        "alert {} before",
    )
    if now.recurrence != was.recurrence:
        out.append(f"now {rule_text(now)}" if now.recurrence else "no longer repeats")
    if (now.start, now.end) != (was.start, was.end):
        out.append(f"was {time_label(was)}")
    return out


def _added_removed(added: list[str], removed: list[str], shape: str) -> list[str]:
    """ "added jim and jerry", "removed alert 1 h before": a list's change in words."""
    return ([f"added {shape.format(join(added))}"] if added else []) + (
        [f"removed {shape.format(join(removed))}"] if removed else []
    )
