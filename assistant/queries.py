"""Queries: what is on the calendar, and when the user is free, said the way a speaker reads it aloud.

"what do I have tomorrow", "when is the dentist", "what's next": the events of the window
(occurrences of recurring events included, exceptions applied: assistant/agenda.py).
"when am I free on Friday", "do I have time for a 2 hour meeting tomorrow": the free
windows inside waking hours (assistant/freetime.py).
"what are my current alerts", "any alerts tomorrow": the events of the window (the next
week when none is said) that carry alerts, and when each rings.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from assistant import agenda, freetime, matching, phrasing, timing
from assistant.commands import Command
from assistant.freetime import Span
from assistant.questions import Listed
from assistant.views import EventView, FreeTime, Reply, to_utc, wall
from nlu.result import TimeSpan

if TYPE_CHECKING:
    from assistant.dialogue import Dialogue

MAX_LISTED = 8
ALERTS_AHEAD = timedelta(days=7)  # the window of "what are my alerts" when no time is said


def query(d: Dialogue, cmd: Command) -> Reply:
    """The events in the said window, or (no window) what is left today and what comes next."""
    span = cmd.when
    if cmd.asks_alerts:
        return query_alerts(d, cmd)
    if span is None or span.start is None:
        return query_upcoming(d, cmd.name)
    start = span.start
    end = span.end or start + timedelta(days=1)
    name = cmd.name
    views = events_in(d, start, end, name)
    if not views and kind_only(cmd):
        name, views = None, events_in(d, start, end, None)  # "how many meetings do i have": all of them
    where = window_text(d, span, start, end)
    if not views:
        if name:
            d.forget_last()  # "it" next is the event asked about, which is not there
        return d.say(f"You have nothing {where}." if not name else f'I found no "{name}" {where}.', "query")
    same_day = start.date() == (end - timedelta(microseconds=1)).date()
    items = [item(d, v, same_day and v.start_dt.date() == start.date()) for v in views]
    remember(d, views)
    return d.say(
        f"{where[0].upper()}{where[1:]} you have {phrasing.count(len(views), 'event')}: {listing(items)}.",
        "query",
        views,
    )


def kind_only(cmd: Command) -> bool:
    """Whether the command names events only by a plural kind word ("how many [meetings] do i
    have this week", "any [appointments] on friday"): when no title has that word, the
    question is about every event of the window."""
    return cmd.name is not None and cmd.kind is not None and cmd.name.lower() == cmd.kind and cmd.kind.endswith("s")


def query_alerts(d: Dialogue, cmd: Command) -> Reply:
    """The events of the said window (or the week ahead) that carry alerts, each with when
    it rings: 'In the next 7 days you have 2 alerts: "dentist" on ... (1 hour before) ...'."""
    span = cmd.when
    if span is None or span.start is None:
        start, end = d.turn.now, d.turn.now + ALERTS_AHEAD
        where = f"in the next {ALERTS_AHEAD.days} days"
    else:
        start, end = span.start, span.end or span.start + timedelta(days=1)
        where = window_text(d, span, start, end)
    views = events_in(d, start, end, cmd.name)
    rings = [v for v in views if v.alerts]
    if not rings:
        named = f' for "{cmd.name}"' if cmd.name else ""
        return d.say(f"You have no alerts set{named} {where}.", "query", views[:MAX_LISTED])
    items = [
        f"{d.describe(v)} ({phrasing.join([phrasing.before_text(m) for m in sorted(v.alerts, reverse=True)])})"
        for v in rings
    ]
    remember(d, rings)
    alerts = phrasing.count(sum(len(v.alerts) for v in rings), "alert")
    return d.say(f"{where[0].upper()}{where[1:]} you have {alerts}: {listing(items)}.", "query", rings)


def query_upcoming(d: Dialogue, name: str | None) -> Reply:
    """No range: what is left today and what comes next."""
    now = d.turn.now
    midnight = timing.at(now.date() + timedelta(days=1), datetime.min.time(), d.turn.tz)
    views = events_in(d, now, None, name)
    if name:
        return next_of(d, name, views)
    cut = midnight.replace(tzinfo=None)
    today = [v for v in views if v.start_dt < cut]
    later = [v for v in views if v.start_dt >= cut][:3]
    parts = [
        f"Today you have {phrasing.count(len(today), 'event')}: {listing([item(d, v, True) for v in today])}."
        if today
        else "Nothing else today."
    ]
    if later:
        parts.append(f"Next: {listing([d.describe(v) for v in later])}.")
    elif not today:
        parts = ["Your calendar is clear from now on."]
    remember(d, today + later)
    return d.say(" ".join(parts), "query", today + later)


def next_of(d: Dialogue, name: str, views: list[EventView]) -> Reply:
    """'"dentist" is on Wednesday, November 25 at 9:00 AM. Then ...'"""
    if not views:
        d.forget_last()
        return d.say(f'I found no upcoming "{name}".', "query")
    first = views[0]
    place = f" at {first.location}" if first.location else ""
    people = f", with {phrasing.join(list(first.attendees))}" if first.attendees else ""
    more = f" Then {listing([d.when(v) for v in views[1:4]])}." if len(views) > 1 else ""
    remember(d, views[:1])
    return d.say(f'"{first.title}"{place} is on {d.when(first)}{people}.{more}', "query", views[:MAX_LISTED])


def events_in(d: Dialogue, start: datetime, end: datetime | None, name: str | None) -> list[EventView]:
    """The events in the window (recurring ones expanded), narrowed to a title when one was said."""
    views = agenda.window(
        session=d.session,
        owner=d.turn.user,
        start_utc=to_utc(start, d.turn.tz),
        end_utc=to_utc(end, d.turn.tz) if end else None,
        tz=d.turn.tz,
    )
    if name:
        views = [v for v in views if matching.score(name, v.title) >= matching.MATCH]
    return views


def remember(d: Dialogue, views: list[EventView]) -> None:
    """What "it" means next turn: the one event said, or (several said) a choice among them."""
    ids = list(dict.fromkeys(v.id for v in views))
    if len(ids) == 1:
        d.last_event_id = ids[0]
    elif ids:  # "move it to five pm" right after a list: ask which of those
        d.question = Listed(tuple(ids[:MAX_LISTED]))


def item(d: Dialogue, view: EventView, day_known: bool) -> str:
    if not day_known:
        return d.describe(view)
    place = f" at {view.location}" if view.location else ""
    return f'"{view.title}"{place} ' + ("(all day)" if view.all_day else f"at {phrasing.clock_text(view.start_dt)}")


def listing(items: list[str]) -> str:
    if len(items) > MAX_LISTED:
        items = [*items[:MAX_LISTED], f"{len(items) - MAX_LISTED} more"]
    return phrasing.join(items)


def window_text(d: Dialogue, span: TimeSpan, start: datetime, end: datetime) -> str:
    """ "on Tuesday, December 1" for one day said as a day, else `between`."""
    one_day = end - start <= timedelta(days=1) and span.grain not in timing.TIME_GRAINS
    return f"on {phrasing.day_text(start, d.turn.now.year)}" if one_day else between(d, start, end)


def between(d: Dialogue, start: datetime, end: datetime) -> str:
    """ "from Monday, November 23 to Sunday, November 29" (whole days: the last day said
    inclusively), else "between ... at 2:00 PM and ... at 4:00 PM"."""
    year = d.turn.now.year
    midnight = datetime.min.time()
    if start.time() == midnight and end.time() == midnight:
        return f"from {phrasing.day_text(start, year)} to {phrasing.day_text(end - timedelta(days=1), year)}"
    if start.date() == end.date() or end - start <= timedelta(hours=1):
        clock = (
            f"at {phrasing.clock_text(start)}"
            if end - start <= timedelta(hours=1)
            else f"between {phrasing.clock_text(start)} and {phrasing.clock_text(end)}"
        )
        return f"on {phrasing.day_text(start, year)} {clock}"
    return f"between {moment(start, year)} and {moment(end, year)}"


def moment(value: datetime, year: int) -> str:
    text = phrasing.day_text(value, year)
    return text if value.time() == datetime.min.time() else f"{text} at {phrasing.clock_text(value)}"


# -- free time --------------------------------------------------------------------------------
MAX_DAYS_SAID = 7


def availability(d: Dialogue, cmd: Command) -> Reply:
    """The free windows of the said window (today when none), at least the said length."""
    span = cmd.when
    start, end = _search(d, span)
    if end <= start:
        return d.say("That time is already over.", "availability")
    minutes = int(span.duration.total_seconds() // 60) if span is not None and span.duration else 0
    first, last = to_utc(start, d.turn.tz), to_utc(end, d.turn.tz)
    free = freetime.windows(
        session=d.session,
        owner=d.turn.user,
        start_utc=first,
        end_utc=last,
        tz=d.turn.tz,
        waking=d.bot.settings.waking,
        min_minutes=minutes,
    )
    busy = freetime.busy_in(session=d.session, owner=d.turn.user, start_utc=first, end_utc=last, tz=d.turn.tz)
    whole = freetime.waking_hours(first, last, d.turn.tz, d.bot.settings.waking)
    clipped = span is None or span.start is None or start > span.start
    reply = d.say(free_text(d, span, free, whole, minutes, clipped), "availability", busy)
    return replace(
        reply,
        free=FreeTime(
            _iso(first, d.turn.tz),
            _iso(last, d.turn.tz),
            d.turn.tz,
            tuple((_iso(a, d.turn.tz), _iso(b, d.turn.tz)) for a, b in free),
            minutes,
        ),
    )


def _iso(moment_utc: datetime, tz: str) -> str:
    return wall(moment_utc, tz).isoformat(timespec="seconds")


def _search(d: Dialogue, span: TimeSpan | None) -> tuple[datetime, datetime]:
    """The window to search: the said one (its rest, when it has begun), else the rest of today."""
    now = d.turn.now
    if span is None or span.start is None:
        return now, timing.at(now.date() + timedelta(days=1), datetime.min.time(), d.turn.tz)
    return max(span.start, now), span.end or span.start + timedelta(days=1)


def free_text(
    d: Dialogue, span: TimeSpan | None, free: list[Span], whole: list[Span], minutes: int, clipped: bool
) -> str:
    """ "On Friday, November 27 you are free from 8:00 AM to 10:00 AM and from 11:00 AM to
    10:00 PM."; with a length asked for, a yes or no first. `clipped`: the search began now."""
    if len({wall(s, d.turn.tz).date() for s, _ in whole}) > 1:
        return _days_text(d, free, whole, minutes)
    where = _where(d, span)
    if not free:
        bounds = f" between {_clock(d, whole[0][0])} and {_clock(d, whole[-1][1])}" if whole else ""
        if whole:  # the day, then the hours searched: said once ("... of 3 hours between 8 and 12")
            where = f"on {phrasing.day_text(wall(whole[0][0], d.turn.tz), d.turn.now.year)}"
        need = f" no free stretch of {phrasing.length_text(minutes)}" if minutes else " no free time"
        return _cap(f"{'No, ' if minutes else ''}{where} you have{need}{bounds}.")
    room = f"Yes, {where} you have room for {phrasing.length_text(minutes)}" if minutes else f"{where} you are free"
    if free == whole and not clipped:
        what = "the whole time" if span is not None and span.grain in timing.TIME_GRAINS else "all day"
        return _cap(f"{room} {what}, from {_clock(d, free[0][0])} to {_clock(d, free[0][1])}.")
    return _cap(f"{room} {_ranges(d, free)}.")


def _days_text(d: Dialogue, free: list[Span], whole: list[Span], minutes: int) -> str:
    """Several days: each day's free windows ("Monday, November 23 from 8:00 AM to 10:00 PM";
    a day free from waking to sleeping: "all day")."""
    year = d.turn.now.year
    first, last = wall(whole[0][0], d.turn.tz), wall(whole[-1][1], d.turn.tz)
    where = f"from {phrasing.day_text(first, year)} to {phrasing.day_text(last, year)}"
    need = f" for {phrasing.length_text(minutes)}" if minutes else ""
    if not free:
        return _cap(f"{'No, ' if minutes else ''}{where} you have no free time{need}.")
    by_day: dict[date, list[Span]] = {}
    for a, b in free:
        by_day.setdefault(wall(a, d.turn.tz).date(), []).append((a, b))
    full = {wall(a, d.turn.tz).date(): [(a, b)] for a, b in whole}
    said = [
        f"{phrasing.day_text(wall(spans[0][0], d.turn.tz), year)} "
        + ("all day" if spans == full.get(day) else _ranges(d, spans))
        for day, spans in list(by_day.items())[:MAX_DAYS_SAID]
    ]
    more = f"; and {phrasing.count(len(by_day) - MAX_DAYS_SAID, 'more day')}" if len(by_day) > MAX_DAYS_SAID else ""
    return _cap(f"{'Yes, ' if minutes else ''}{where} you are free{need}: {'; '.join(said)}{more}.")


def _where(d: Dialogue, span: TimeSpan | None) -> str:
    """ "on Friday, November 27", "on Friday, November 27 between 12:00 PM and 6:00 PM", "today"."""
    if span is None or span.start is None:
        return f"today, {phrasing.day_text(d.turn.now, d.turn.now.year)},"
    start, end = span.start, span.end or span.start + timedelta(days=1)
    if span.grain in timing.TIME_GRAINS or end - start > timedelta(days=1):
        return between(d, start, end)
    return f"on {phrasing.day_text(start, d.turn.now.year)}"


def _ranges(d: Dialogue, spans: list[Span]) -> str:
    return phrasing.join([f"from {_clock(d, a)} to {_clock(d, b)}" for a, b in spans])


def _clock(d: Dialogue, moment_utc: datetime) -> str:
    return phrasing.clock_text(wall(moment_utc, d.turn.tz))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
