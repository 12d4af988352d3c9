"""The calendar beside the chat: what comes next, and a week you can page through.

Both read the database afresh on every run, after the command of that run was handled,
so the calendar always shows the effect of the last command, in the zone the panel names.
A series shows once in "Upcoming" with its rule in words and its exceptions; in the week,
each occurrence shows on its day. The events the last answer was about are highlighted
(state.focus); cancelled ones (soft deleted, or one occurrence of a series) show only with
the toggle on, unless the last answer was about them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import streamlit as st

from assistant import Assistant, EventView
from assistant.phrasing import repeat_text
from ui import state
from ui.event_text import details_html, rule_text, time_label, title_html
from ui.safe_markdown import html_text
from ui.state import Context

AGENDA_SIZE = 5  # with the week, the panel fits a laptop screen beside the chat
Focus = frozenset[tuple[int, str | None]]


@dataclass(frozen=True)
class AgendaItem:
    """One line of "Upcoming": an event, or a whole series shown by its next occurrence."""

    event: EventView
    rule: str = ""
    exceptions: tuple[str, ...] = ()
    keys: tuple[tuple[int, str | None], ...] = field(default=())


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def zone_caption(tz: str, at: datetime) -> str:
    """ "Times in Europe/Paris (UTC+01:00)": the zone every time on the panel is in."""
    offset = at.replace(tzinfo=ZoneInfo(tz)).strftime("%z")
    return f"Times in {tz} (UTC{offset[:3]}:{offset[3:]})"


def render(bot: Assistant, ctx: Context) -> None:
    """The whole calendar panel: its zone and the toggle, the week the conversation is about,
    then what comes next (compact, so it all fits beside the chat on a laptop screen)."""
    with st.container(horizontal=True, gap="medium", vertical_alignment="center"):
        st.markdown(f"**Calendar** · {zone_caption(ctx.tz, ctx.reference())}", width="content")
        show_cancelled = st.toggle("Show cancelled", key="show_cancelled", width="content")
    render_week(bot, ctx, show_cancelled)
    render_agenda(bot, ctx, show_cancelled)


def render_agenda(bot: Assistant, ctx: Context, show_cancelled: bool) -> None:
    """The next events from now on, soonest first, each series once."""
    st.markdown("##### Upcoming")
    events = bot.events(ctx.user, start=ctx.reference(), include_cancelled=show_cancelled, tz=ctx.tz, expand=True)
    items = agenda_items(events, ctx.reference().date())
    if not items:
        st.caption("Nothing coming up. Ask the assistant to schedule something.")
        return
    st.html(agenda_html(items[:AGENDA_SIZE], state.focus()))
    if len(items) > AGENDA_SIZE:
        st.caption(f"…and {len(items) - AGENDA_SIZE} more")


def agenda_items(events: list[EventView], today: date) -> list[AgendaItem]:
    """The agenda's lines: single events as they come, each series once at its next occurrence,
    with its rule and its exceptions (occurrences cancelled or moved alone, from today on)."""
    groups: dict[int, list[EventView]] = {}
    for event in events:
        groups.setdefault(event.series_id if event.series_id is not None else -event.id - 1, []).append(event)
    items = []
    for members in groups.values():
        first = members[0]
        if first.series_id is None:
            items.append(AgendaItem(first, keys=((first.id, None),)))
            continue
        rule_view = next((m for m in members if m.recurrence), first)
        items.append(
            AgendaItem(
                first,
                rule_text(rule_view),
                series_exceptions(rule_view, members, today),
                tuple((m.id, m.original_start) for m in members),
            )
        )
    return items


def series_exceptions(series: EventView, members: list[EventView], today: date) -> tuple[str, ...]:
    """ "not on Mon 07 Dec", "Mon 14 Dec moved to Tue 15 Dec 11:00": a series' exceptions from today on."""
    skipped = [datetime.fromisoformat(x) for x in series.exdates]
    out = [f"not on {moment:%a %d %b}" for moment in sorted(skipped) if moment.date() >= today]
    for member in members:
        if member.id != member.series_id and member.original_start:
            original = datetime.fromisoformat(member.original_start)
            out.append(f"{original:%a %d %b} moved to {member.start_dt:%a %d %b %H:%M}")
    return tuple(out)


def agenda_html(items: list[AgendaItem], focus: Focus) -> str:
    """The agenda as an inert HTML list, the lines the last answer was about highlighted."""
    lines = []
    for item in items:
        extra = "".join(f" · {html_text(x)}" for x in (item.rule, *item.exceptions) if x)
        css = ' class="focus"' if any(focused(key, focus) for key in item.keys) else ""
        lines.append(
            f"<li{css}>{html_text(time_label(item.event))} — {title_html(item.event)}"
            f"{details_html(item.event)}{extra}</li>"
        )
    return f'<ul class="agenda">{"".join(lines)}</ul>'


def focused(key: tuple[int, str | None], focus: Focus) -> bool:
    """Whether an event (id, original start or None) is one the last answer was about."""
    return key in focus or (key[0], None) in focus


def event_key(event: EventView) -> tuple[int, str | None]:
    """An event's key for the focus: (series id, original start) for an occurrence, else (id, None)."""
    if event.series_id is not None and event.original_start is not None:
        return event.series_id, event.original_start
    return event.id, None


def render_week(bot: Assistant, ctx: Context, show_cancelled: bool) -> None:
    """Seven days as a table, one row per day, with previous/next navigation."""
    today = ctx.reference().date()
    monday = state.week_start() or monday_of(today)
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.markdown(f"**Week of {monday:%d %b %Y}**", width="content")
        with st.container(horizontal=True, gap="small", width="content", key="week_nav"):  # wraps as one
            st.button(
                "◀",
                key="week_prev",
                help="Previous week",
                on_click=state.show_week_of,
                args=(monday - timedelta(days=7),),
            )
            st.button("This week", key="week_this", on_click=state.show_week_of, args=(None,))
            st.button(
                "▶", key="week_next", help="Next week", on_click=state.show_week_of, args=(monday + timedelta(days=7),)
            )
    st.html(week_html(monday, week_events(bot, ctx, monday, show_cancelled), today, state.focus()))


def week_events(bot: Assistant, ctx: Context, monday: date, show_cancelled: bool) -> list[EventView]:
    """The week's occurrences, plus the ones cancelled (alone or with their event) that should show."""
    start = datetime.combine(monday, time())
    end = start + timedelta(days=7)
    focus = state.focus()
    events = bot.events(ctx.user, start=start, end=end, include_cancelled=True, tz=ctx.tz, expand=True)
    shown = [e for e in events if show_cancelled or not e.cancelled or focused(event_key(e), focus)]
    series = [e for e in bot.events(ctx.user, end=end, tz=ctx.tz) if e.recurrence]
    skipped = [e for e in cancelled_occurrences(series, start, end) if show_cancelled or focused(event_key(e), focus)]
    return sorted(shown + skipped, key=lambda e: (e.start_dt, e.id))


def cancelled_occurrences(series: list[EventView], start: datetime, end: datetime) -> list[EventView]:
    """The occurrences cancelled alone (EXDATE) in [start, end), as cancelled views of their series."""
    out = []
    for event in series:
        length = event.end_dt - event.start_dt
        for stamp in event.exdates:
            moment = datetime.fromisoformat(stamp)
            if start <= moment < end:
                out.append(
                    replace(
                        event,
                        start=stamp,
                        end=(moment + length).isoformat(timespec="seconds"),
                        cancelled=True,
                        series_id=event.id,
                        original_start=stamp,
                    )
                )
    return out


def week_html(monday: date, events: list[EventView], today: date, focus: Focus = frozenset()) -> str:
    """The week starting `monday` as an inert HTML table: day, then that day's events."""
    rows = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        label = f"{day:%a %d %b}" + (" (today)" if day == today else "")
        cells = [week_cell(e, day, focused(event_key(e), focus)) for e in events if _on_day(e, day)]
        css = ' class="today"' if day == today else ""
        rows.append(
            f'<tr{css}><th scope="row">{label.replace(" ", "&nbsp;")}</th><td>{"".join(cells) or "—"}</td></tr>'
        )
    head = '<thead><tr><th scope="col">Day</th><th scope="col">Events</th></tr></thead>'
    return f'<div class="week-wrap"><table class="week">{head}<tbody>{"".join(rows)}</tbody></table></div>'


def week_cell(event: EventView, day: date, focus: bool) -> str:
    """One event in a day's cell: time, title, how it repeats, who comes, its alerts."""
    repeat = repeat_text(event.recurrence)
    extra = (f" · ↻ {html_text(repeat)}" if repeat else "") + details_html(event)
    if event.cancelled and event.original_start in event.exdates:  # cancelled alone, the series goes on
        extra = " (this occurrence)" + extra
    css = "ev focus" if focus else "ev"
    return f'<div class="{css}">{html_text(time_label(event, day))} {title_html(event)}{extra}</div>'


def _on_day(event: EventView, day: date) -> bool:
    """Whether the event overlaps the day (end exclusive, so midnight ends belong to the day before)."""
    day_start = datetime.combine(day, time())
    end = max(event.end_dt, event.start_dt + timedelta(seconds=1))  # a zero-length event still shows
    return event.start_dt < day_start + timedelta(days=1) and end > day_start
