"""Which stored event a command means: by title (fuzzy), by date, or "it" (the last one talked about)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from assistant import followups, matching, store
from assistant.commands import GENERIC_KINDS
from assistant.models import Event
from assistant.views import EventView, to_utc
from nlu.result import TimeSpan

MAX_DAY_ANSWER_WORDS = 4  # "on friday", "the one on december 1", "tomorrow at ten"


@dataclass(frozen=True)
class Found:
    """The events a command may mean (best first) and, when none, the closest one to offer."""

    hits: list[Event]
    closest: Event | None = None
    heard: str | None = None
    elsewhere: bool = False  # the closest has the right title but not the day that was said


def overlaps(event: Event, span: TimeSpan, tz: str, skip: AbstractSet[datetime] = frozenset()) -> bool:
    """Whether an event is the one a time span names: for a day or longer, any event that
    overlaps it; for a time of day ("my event at one pm"), the timed events starting then.
    A series is named by any of its occurrences (minus `skip`: EXDATEs, changed ones)."""
    if span.start is None:  # a length or a rule alone names no moment
        return False
    start = to_utc(span.start, tz)
    end = to_utc(span.end, tz) if span.end is not None else start
    if event.recurrence:
        from assistant.agenda import starts

        found = starts(event, start, max(end, start + timedelta(minutes=1)), skip)
        if span.grain in ("second", "minute", "hour"):
            return not event.all_day and any(start <= s < max(end, start + timedelta(minutes=1)) for s in found)
        return bool(found)
    return view_overlaps(EventView.of(event, tz), span, tz)


def _within(
    ev_start: datetime, ev_end: datetime, all_day: bool, grain: str | None, start: datetime, end: datetime
) -> bool:
    if grain in ("second", "minute", "hour"):
        return not all_day and (start <= ev_start < end or ev_start == start)
    if end <= start:
        return ev_start <= start < ev_end
    return ev_start < end and ev_end > start


def view_overlaps(view: EventView, span: TimeSpan, tz: str) -> bool:
    """`overlaps` for one listed event or occurrence (an all-day one by its own dates)."""
    from assistant.agenda import bounds

    if span.start is None:  # a length or a rule alone names no moment
        return False
    start = to_utc(span.start, tz)
    end = to_utc(span.end, tz) if span.end is not None else start
    return _within(*bounds(view, tz), view.all_day, span.grain, start, end)


def find(
    *,
    session: Session,
    owner: str,
    name: str | None,
    kind: str | None,
    span: TimeSpan | None,
    tz: str,
    now: datetime,
    last_event_id: int | None,
    refers_back: bool,
) -> Found:
    """The events a cancel/reschedule/query command names."""
    if name is not None and followups.is_pronoun(name):
        name, refers_back = None, True
    if kind and kind.lower() in GENERIC_KINDS:
        kind = None
    if refers_back:
        last = store.get_event(session=session, owner=owner, event_id=last_event_id) if last_event_id else None
        return Found([last] if last is not None and last.cancelled_at is None else [])
    if name is None and kind is None and span is None:
        return Found([])  # nothing says which event: the dialogue asks
    rows = store.list_events(session=session, owner=owner)
    dated = on_span(session, rows, span, tz)
    heard = name or kind
    if heard is None:
        return Found(_upcoming_first(dated, now))
    scored = [(_score(heard, kind if name is None else None, r), r) for r in dated]
    scored.sort(key=lambda x: (-x[0], x[1].start_utc))
    hits = [r for s, r in scored if s >= matching.MATCH]
    if hits and scored[0][0] >= 0.95:  # a near-exact title wins over loose ones
        hits = [r for s, r in scored if s >= scored[0][0] - 0.05]
    if hits:
        return Found(_upcoming_first(hits, now), heard=heard)
    everywhere = sorted(
        ((_score(heard, None, r), r) for r in _upcoming_first(rows, now)), key=lambda x: (-x[0], x[1].start_utc)
    )
    closest = everywhere[0][1] if everywhere and everywhere[0][0] >= matching.CLOSE else None
    return Found([], closest, heard, elsewhere=bool(everywhere) and everywhere[0][0] >= matching.MATCH)


def on_span(session: Session, rows: list[Event], span: TimeSpan | None, tz: str) -> list[Event]:
    """The rows the span names (all of them when no time was said)."""
    if span is None or span.start is None:
        return rows
    from assistant.agenda import replaced

    return [r for r in rows if overlaps(r, span, tz, replaced(session=session, series=r) if r.recurrence else set())]


def _score(heard: str, kind: str | None, event: Event) -> float:
    best = matching.score(heard, event.title)
    if kind is not None and event.kind and event.kind.lower() == kind.lower():
        best = max(best, 0.9)
    return best


def _upcoming_first(rows: list[Event], now: datetime) -> list[Event]:
    """Events not yet over when there are any (one rarely cancels the past), else all."""
    now_utc = to_utc(now, "UTC")
    upcoming = [r for r in rows if r.end_utc > now_utc]
    return upcoming or rows


def pick(text: str, candidates: list[EventView], labels: list[str], tz: str, now: datetime) -> int | None:
    """Which listed candidate an answer means: a button label, "the first one", a title,
    or "the one on friday"."""
    from assistant.timing import resolve

    phrase = followups.normal(text)
    for i, label in enumerate(labels):
        if phrase == followups.normal(label):
            return i
    index = followups.ordinal(text, len(candidates))
    if index is not None:
        return index
    scored = sorted(((matching.score(text, c.title), i) for i, c in enumerate(candidates)), reverse=True)
    if scored and scored[0][0] >= matching.MATCH and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1]
    rest = phrase
    for lead in ("the one", "one", "that one", "it's", "its", "it is", "the event", "the"):
        rest = rest.removeprefix(lead + " ") if rest.startswith(lead + " ") else rest
    # Only a short answer is read as a day: the resolver finds dates inside any sentence
    # ("set an alarm for ten tomorrow" must not pick the ten o'clock event).
    span = resolve(rest, now, tz) if rest and len(rest.split()) <= MAX_DAY_ANSWER_WORDS else None
    if span is not None and span.start is not None:
        on = [i for i, c in enumerate(candidates) if view_overlaps(c, span, tz)]
        if len(on) == 1:
            return on[0]
    return None
