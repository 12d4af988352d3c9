"""Queries: what is on the calendar, said the way a speaker reads it aloud.

"what do I have tomorrow", "when is the dentist", "what's next": the events of the window
(occurrences of recurring events included, exceptions applied: assistant/agenda.py).
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from assistant import agenda, matching, phrasing, timing
from assistant.commands import Command
from assistant.questions import Listed
from assistant.views import EventView, Reply, to_utc

if TYPE_CHECKING:
    from assistant.dialogue import Dialogue

MAX_LISTED = 8


def query(d: "Dialogue", cmd: Command) -> Reply:
    """The events in the said window, or (no window) what is left today and what comes next."""
    span = cmd.when if cmd.when is not None and cmd.when.start is not None else None
    if span is None:
        return query_upcoming(d, cmd.name)
    start, end = span.start, span.end or span.start + timedelta(days=1)
    views = events_in(d, start, end, cmd.name)
    one_day = end - start <= timedelta(days=1) and span.grain not in timing.TIME_GRAINS
    where = f"on {phrasing.day_text(start, d.turn.now.year)}" if one_day else between(d, start, end)
    if not views:
        return d.say(f"You have nothing {where}." if not cmd.name else f"I found no \"{cmd.name}\" {where}.", "query")
    same_day = start.date() == (end - timedelta(microseconds=1)).date()
    items = [item(d, v, same_day and v.start_dt.date() == start.date()) for v in views]
    remember(d, views)
    return d.say(f"{where[0].upper()}{where[1:]} you have {phrasing.count(len(views), 'event')}: "
                 f"{listing(items)}.", "query", views)


def query_upcoming(d: "Dialogue", name: str | None) -> Reply:
    """No range: what is left today and what comes next."""
    now = d.turn.now
    midnight = timing.at(now.date() + timedelta(days=1), datetime.min.time(), d.turn.tz)
    views = events_in(d, now, None, name)
    if name:
        return next_of(d, name, views)
    cut = midnight.replace(tzinfo=None)
    today = [v for v in views if v.start_dt < cut]
    later = [v for v in views if v.start_dt >= cut][:3]
    parts = [f"Today you have {phrasing.count(len(today), 'event')}: "
             f"{listing([item(d, v, True) for v in today])}." if today else "Nothing else today."]
    if later:
        parts.append(f"Next: {listing([d.describe(v) for v in later])}.")
    elif not today:
        parts = ["Your calendar is clear from now on."]
    remember(d, today + later)
    return d.say(" ".join(parts), "query", today + later)


def next_of(d: "Dialogue", name: str, views: list[EventView]) -> Reply:
    """ '"dentist" is on Wednesday, November 25 at 9:00 AM. Then ...' """
    if not views:
        return d.say(f"I found no upcoming \"{name}\".", "query")
    first = views[0]
    place = f" at {first.location}" if first.location else ""
    more = f" Then {listing([d.when(v) for v in views[1:4]])}." if len(views) > 1 else ""
    remember(d, views[:1])
    return d.say(f"\"{first.title}\"{place} is on {d.when(first)}.{more}", "query", views[:MAX_LISTED])


def events_in(d: "Dialogue", start: datetime, end: datetime | None, name: str | None) -> list[EventView]:
    """The events in the window (recurring ones expanded), narrowed to a title when one was said."""
    views = agenda.window(session=d.session, owner=d.turn.user, start_utc=to_utc(start, d.turn.tz),
                          end_utc=to_utc(end, d.turn.tz) if end else None, tz=d.turn.tz)
    if name:
        views = [v for v in views if matching.score(name, v.title) >= matching.MATCH]
    return views


def remember(d: "Dialogue", views: list[EventView]) -> None:
    """What "it" means next turn: the one event said, or (several said) a choice among them."""
    ids = list(dict.fromkeys(v.id for v in views))
    if len(ids) == 1:
        d.last_event_id = ids[0]
    elif ids:  # "move it to five pm" right after a list: ask which of those
        d.question = Listed(tuple(ids[:MAX_LISTED]))


def item(d: "Dialogue", view: EventView, day_known: bool) -> str:
    if not day_known:
        return d.describe(view)
    place = f" at {view.location}" if view.location else ""
    return f"\"{view.title}\"{place} " + ("(all day)" if view.all_day else f"at {phrasing.clock_text(view.start_dt)}")


def listing(items: list[str]) -> str:
    if len(items) > MAX_LISTED:
        items = items[:MAX_LISTED] + [f"{len(items) - MAX_LISTED} more"]
    return phrasing.join(items)


def between(d: "Dialogue", start: datetime, end: datetime) -> str:
    """ "from Monday, November 23 to Sunday, November 29" (whole days: the last day said
    inclusively), else "between ... at 2:00 PM and ... at 4:00 PM"."""
    year = d.turn.now.year
    midnight = datetime.min.time()
    if start.time() == midnight and end.time() == midnight:
        return f"from {phrasing.day_text(start, year)} to {phrasing.day_text(end - timedelta(days=1), year)}"
    if start.date() == end.date() or end - start <= timedelta(hours=1):
        clock = f"at {phrasing.clock_text(start)}" if end - start <= timedelta(hours=1) else \
            f"between {phrasing.clock_text(start)} and {phrasing.clock_text(end)}"
        return f"on {phrasing.day_text(start, year)} {clock}"
    return f"between {moment(start, year)} and {moment(end, year)}"


def moment(value: datetime, year: int) -> str:
    text = phrasing.day_text(value, year)
    return text if value.time() == datetime.min.time() else f"{text} at {phrasing.clock_text(value)}"
