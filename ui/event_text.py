"""How one event reads in the demo: its time, its rule in words, its people and alerts.

Shared by the agenda, the week table and the line under a chat command, so an event reads
the same wherever it appears. Everything here is plain text or inert HTML (user text is
escaped with ui.safe_markdown.html_text); the panels decide the layout.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from assistant import EventView
from assistant.phrasing import join, repeat_text
from ui.safe_markdown import html_text


def in_zone(event: EventView, tz: str) -> EventView:
    """The event as seen from zone `tz`: a timed event's wall times moved there, an all-day
    event unchanged (it keeps its own dates in every zone, as the assistant stores it)."""
    if event.all_day or event.tz == tz:
        return event
    here, there = ZoneInfo(event.tz), ZoneInfo(tz)

    def move(text: str) -> str:
        moment = datetime.fromisoformat(text).replace(tzinfo=here).astimezone(there)
        return moment.replace(tzinfo=None).isoformat(timespec="seconds")

    original = event.original_start
    return replace(
        event,
        start=move(event.start),
        end=move(event.end),
        tz=tz,
        original_start=move(original) if original is not None else None,
        exdates=tuple(move(x) for x in event.exdates),
    )


def time_label(event: EventView, day: date | None = None) -> str:
    """When the event happens: "all day", "11:00–12:00", or with its date when `day` is None."""
    start, end = event.start_dt, event.end_dt
    if event.all_day:
        last = (end - timedelta(days=1)).date()
        if day is not None:
            return "all day"
        return f"{start:%a %d %b %Y}" + (f" – {last:%a %d %b}" if last > start.date() else "") + " · all day"
    span = f"{start:%H:%M}–{end:%H:%M}" if end.date() == start.date() else f"{start:%H:%M} → {end:%a %d %b %H:%M}"
    if day is None:
        return f"{start:%a %d %b %Y} · {span}"
    return span if start.date() == day else f"until {end:%H:%M}"


def clock(moment: datetime) -> str:
    """ "9:00", "17:30": the clock as the rule text says it."""
    return f"{moment.hour}:{moment:%M}"


def rule_text(event: EventView) -> str:
    """A series' rule in words ("every Monday at 9:00", "every day (all day), until Fri 18 Dec");
    "" for a single event."""
    if not event.recurrence:
        return ""
    text = repeat_text(event.recurrence)
    text += " (all day)" if event.all_day else f" at {clock(event.start_dt)}"
    parts = dict(p.split("=", 1) for p in event.recurrence.removeprefix("RRULE:").split(";") if "=" in p)
    if parts.get("COUNT"):
        text += f", {parts['COUNT']} times"
    until = _until(parts.get("UNTIL", ""), event.tz)
    if until is not None:
        text += f", until {until:%a %d %b %Y}"
    return text


def _until(value: str, tz: str) -> date | None:
    """The last day of an RRULE's UNTIL (a UTC stamp ends in Z: its day in `tz`)."""
    for shape in ("%Y%m%dT%H%M%SZ", "%Y%m%dT%H%M%S", "%Y%m%d"):
        try:
            moment = datetime.strptime(value, shape)
        except ValueError:
            continue
        if value.endswith("Z"):
            moment = moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(tz))
        return moment.date()
    return None


def alert_text(minutes: int) -> str:
    """ "10 min", "1 h", "1 h 30 min", "2 days": an alert's lead time, short."""
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = [
        f"{days} day{'s' if days > 1 else ''}" if days else "",
        f"{hours} h" if hours else "",
        f"{mins} min" if mins else "",
    ]
    return " ".join(p for p in parts if p) or "at the start"


def details(event: EventView) -> list[str]:
    """What else the event carries, in words: who comes, and when it alerts."""
    out = []
    if event.attendees:
        out.append("with " + join(list(event.attendees)))
    if event.alerts:
        out.append("alert " + join([alert_text(m) for m in sorted(event.alerts)]) + " before")
    return out


def title_html(event: EventView) -> str:
    """The event's title (and place) as inert HTML, struck through when cancelled."""
    title = f"<b>{html_text(event.title)}</b>"
    if event.location:
        title += f" at {html_text(event.location)}"
    return f"<s>{title}</s> (cancelled)" if event.cancelled else title


def details_html(event: EventView) -> str:
    """The details as inert HTML after a separator ("" when there are none)."""
    pieces = details(event)
    return "".join(f' · <span class="ev-detail">{html_text(p)}</span>' for p in pieces)
