"""The shared part of the sidebar: the zone, the "now" the assistant reasons from, the user.

Drawn by app.py on every page (so its widgets keep their values across pages) and turned
into a `Context` the pages read. "Now" is the real time unless fixed for a demo; DEMO_NOW
presets a fixed one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import streamlit as st

from ui import state
from ui.state import Context

DEFAULT_USER = "me"


def render_context(default_tz: str) -> Context:
    """Draw the settings and return the context they give."""
    with st.sidebar:
        st.markdown("**Settings**")
        tz = zone_picker(default_tz)
        now = now_picker(tz)
        user = st.text_input(
            "User",
            value=DEFAULT_USER,
            key="user",
            max_chars=64,
            on_change=state.new_conversation,
            help="Each user has their own calendar in the shared database.",
        )
    return Context(now=now, tz=tz, user=user.strip() or DEFAULT_USER)


def zone_picker(default_tz: str) -> str:
    """An IANA zone: the browser's when it tells us, else the assistant's default."""
    zones = state.zones()
    browser = st.context.timezone
    preferred = browser if browser in zones else default_tz
    index = zones.index(preferred) if preferred in zones else zones.index("UTC")
    return st.selectbox("Time zone", zones, index=index, key="tz")


def now_picker(tz: str) -> datetime | None:
    """A fixed wall time in `tz`, or None for the real time."""
    preset = state.demo_now()
    fixed = st.toggle(
        "Fixed “now” (for demos)",
        value=preset is not None,
        key="fixed_now",
        help="Read commands as if it were this date and time.",
    )
    real = datetime.now(ZoneInfo(tz)).replace(tzinfo=None, second=0, microsecond=0)
    if not fixed:
        st.caption(f"Now: {real:%a %d %b %Y %H:%M} (real time)")
        return None
    base = preset or real
    day = st.date_input(
        "Date", value=base.date(), key="now_date", min_value=date(1970, 1, 1), max_value=date(2199, 12, 31)
    )
    clock = st.time_input("Time", value=base.time(), key="now_time", step=timedelta(minutes=5))
    return datetime.combine(day, clock)
