"""The calendar beside the chat: an agenda of what comes next and a week you can page through.

Both read the database afresh on every run, after the command of that run was handled,
so the calendar always shows the effect of the last command. Cancelled events (soft
deleted) stay hidden unless the toggle asks for them.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import streamlit as st

from assistant import Assistant, EventView
from ui import state
from ui.safe_markdown import md
from ui.state import Context

AGENDA_SIZE = 8
def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def title_md(event: EventView) -> str:
    """The event's title (and place), struck through when cancelled."""
    title = f"**{md(event.title)}**"
    if event.location:
        title += f" at {md(event.location)}"
    return f"~~{title}~~ (cancelled)" if event.cancelled else title


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


def render(bot: Assistant, ctx: Context) -> None:
    """The whole calendar panel: toggle, agenda, week."""
    st.subheader("Calendar", anchor=False)
    show_cancelled = st.toggle("Show cancelled events", key="show_cancelled")
    render_agenda(bot, ctx, show_cancelled)
    render_week(bot, ctx, show_cancelled)


def render_agenda(bot: Assistant, ctx: Context, show_cancelled: bool) -> None:
    """The next events from now on, soonest first."""
    st.markdown("##### Upcoming")
    events = bot.events(ctx.user, start=ctx.reference(), include_cancelled=show_cancelled, tz=ctx.tz,
                        expand=True)
    if not events:
        st.caption("Nothing coming up. Ask the assistant to schedule something.")
        return
    lines = [f"- {time_label(e)} — {title_md(e)}" for e in events[:AGENDA_SIZE]]
    st.markdown("\n".join(lines), unsafe_allow_html=True)
    if len(events) > AGENDA_SIZE:
        st.caption(f"…and {len(events) - AGENDA_SIZE} more")


def render_week(bot: Assistant, ctx: Context, show_cancelled: bool) -> None:
    """Seven days as a table, one row per day, with previous/next navigation."""
    today = ctx.reference().date()
    monday = state.week_start() or monday_of(today)
    st.markdown(f"##### Week of {monday:%a %d %b %Y}")
    with st.container(horizontal=True, gap="small"):
        st.button("◀ Previous", key="week_prev", on_click=state.show_week_of, args=(monday - timedelta(days=7),))
        st.button("This week", key="week_this", on_click=state.show_week_of, args=(None,))
        st.button("Next ▶", key="week_next", on_click=state.show_week_of, args=(monday + timedelta(days=7),))
    start = datetime.combine(monday, time())
    events = bot.events(ctx.user, start=start, end=start + timedelta(days=7),
                        include_cancelled=show_cancelled, tz=ctx.tz, expand=True)
    st.markdown(week_table(monday, events, today), unsafe_allow_html=True)


def week_table(monday: date, events: list[EventView], today: date) -> str:
    """A markdown table of the week starting `monday`: day, then that day's events."""
    rows = ["| Day | Events |", "|---|---|"]
    for offset in range(7):
        day = monday + timedelta(days=offset)
        label = f"{day:%a %d %b}".replace(" ", "&nbsp;")  # one line, even in a narrow column
        label = f"**{label} (today)**" if day == today else label
        cells = [f"{time_label(e, day)} {title_md(e)}" for e in events if _on_day(e, day)]
        rows.append(f"| {label} | {'<br>'.join(cells) or '—'} |")
    return "\n".join(rows)


def _on_day(event: EventView, day: date) -> bool:
    """Whether the event overlaps the day (end exclusive, so midnight ends belong to the day before)."""
    day_start = datetime.combine(day, time())
    end = max(event.end_dt, event.start_dt + timedelta(seconds=1))  # a zero-length event still shows
    return event.start_dt < day_start + timedelta(days=1) and end > day_start
