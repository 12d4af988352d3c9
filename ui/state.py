"""What the demo keeps: the cached loaders (in this one place) and per-browser-session state.

The assistant and the parser are loaded once per process (`st.cache_resource`), so every
browser tab shares one model and one database engine; the conversation (messages, session
id, pending utterance, week shown) is per tab, in `st.session_state`.

The database and model are the ones the CLI and the API use: `Assistant()`'s settings
(DATABASE_URL / ASSISTANT_DATA_DIR, NLU_MODEL). DEMO_NOW (an ISO date-time, optional)
presets the sidebar's fixed "now", for demos and tests.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import streamlit as st

import nlu
from assistant import Assistant, EventView, Settings
from assistant.views import FreeTime
from nlu.parser import default_model_path


@dataclass(frozen=True)
class Context:
    """The frame a command is read in: the reference time, the zone, the user."""

    now: datetime | None  # naive wall time in `tz`; None means the real current time
    tz: str
    user: str

    def reference(self) -> datetime:
        """The reference time as a naive wall time in `tz` (the real time when not fixed)."""
        return self.now or datetime.now(ZoneInfo(self.tz)).replace(tzinfo=None)


@dataclass(frozen=True)
class Message:
    """One bubble of the chat history."""

    role: str  # "user" or "assistant"
    text: str
    parse: Any = None  # nlu Parse of a user command, when the assistant read one
    operation: str | None = None
    choices: tuple[str, ...] = ()
    error: bool = False
    tz: str | None = None  # the zone the turn was read and answered in
    events: tuple[EventView, ...] = ()  # what the turn acted on or found, as stored after it
    before: tuple[EventView, ...] = ()  # an update's events as stored before it (to say what changed)
    free: FreeTime | None = None  # a free-time answer's window and free stretches


@dataclass(frozen=True)
class ModelCard:
    """What the inspector shows beside its table: the model's README and meta.json."""

    path: str
    readme: str | None
    meta: dict[str, Any] = field(default_factory=dict)


# -- cached loaders ----------------------------------------------------------------------
def settings() -> Settings:
    """The assistant's settings, read on each run (cheap) so a changed environment shows."""
    return Settings.from_env()


@st.cache_resource(show_spinner="Loading the language model…")
def parser() -> nlu.Parser:
    """The shipped NLU pipeline: the same object `nlu.parse` (and so the assistant) uses."""
    return nlu.default_parser()


@st.cache_resource(show_spinner="Opening the calendar…")
def assistant(url: str) -> Assistant:
    """One assistant per database URL, shared by every session of this process."""
    return Assistant(url)


@st.cache_data(max_entries=32, show_spinner="Reading the commands…")
def parse_many(lines: tuple[str, ...], now: datetime, tz: str) -> list[nlu.Parse]:
    """The readings of many commands (cached: the inspector redraws on every widget touch)."""
    return list(parser().parse_many(lines, now=now, tz=tz))


@st.cache_data
def zones() -> list[str]:
    """The IANA zone names this machine knows, sorted, for the time-zone picker."""
    return sorted(available_timezones())


@st.cache_data
def model_card(path: str | None = None) -> ModelCard:
    """The model card of the shipped pipeline (README.md and meta.json), when present."""
    folder = Path(path) if path else default_model_path()
    readme = folder / "README.md"
    meta = folder / "meta.json"
    return ModelCard(
        path=str(folder),
        readme=readme.read_text(encoding="utf-8") if readme.exists() else None,
        meta=json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {},
    )


def demo_now() -> datetime | None:
    """DEMO_NOW as a naive wall time, or None (unset or unreadable: the real time is used)."""
    raw = os.environ.get("DEMO_NOW", "").strip()
    try:
        return datetime.fromisoformat(raw).replace(tzinfo=None) if raw else None
    except ValueError:
        return None


# -- per-session state -------------------------------------------------------------------
def init() -> None:
    """Give this browser session its conversation id and empty history on first run."""
    st.session_state.setdefault("session_id", f"ui-{uuid.uuid4().hex[:12]}")
    st.session_state.setdefault("messages", [])
    st.session_state.setdefault("pending", None)
    st.session_state.setdefault("week_start", None)
    st.session_state.setdefault("flash", None)
    st.session_state.setdefault("focus", frozenset())


def set_context(ctx: Context) -> None:
    st.session_state["context"] = ctx


def context() -> Context:
    """The context the sidebar of this run produced (set by app.py before the page runs)."""
    return st.session_state["context"]


def session_id() -> str:
    """This tab's conversation id (the assistant keeps the dialogue state under it)."""
    return st.session_state["session_id"]


def messages() -> list[Message]:
    return st.session_state["messages"]


def add_message(message: Message) -> None:
    st.session_state["messages"] = [*messages(), message]


def send(text: str) -> None:
    """Queue an utterance for this run (button callbacks: examples, Yes/No, choices)."""
    st.session_state["pending"] = text


def take_pending() -> str | None:
    """The queued utterance, if any, removed from the queue."""
    text = st.session_state.get("pending")
    st.session_state["pending"] = None
    return text


def new_conversation() -> None:
    """Forget the chat history and start a fresh dialogue session (after a reset)."""
    st.session_state["session_id"] = f"ui-{uuid.uuid4().hex[:12]}"
    st.session_state["messages"] = []
    st.session_state["week_start"] = None
    st.session_state["focus"] = frozenset()


def week_start() -> date | None:
    return st.session_state.get("week_start")


def show_week_of(day: date | None) -> None:
    st.session_state["week_start"] = day


def focus() -> frozenset[tuple[int, str | None]]:
    """The events the last answer was about, as (id, start) keys (start None: every occurrence)."""
    return st.session_state.get("focus", frozenset())


def set_focus(keys: frozenset[tuple[int, str | None]]) -> None:
    st.session_state["focus"] = keys


def flash(text: str | None) -> None:
    """A short error to show on the next run (errors inside widget callbacks land here)."""
    st.session_state["flash"] = text


def take_flash() -> str | None:
    text = st.session_state.get("flash")
    st.session_state["flash"] = None
    return text


def restore_conversation(session_id: str, history: list[Message]) -> None:
    """Put a conversation back (the undo of a reset): its id, under which the assistant keeps
    its state, and its chat history."""
    st.session_state["session_id"] = session_id
    st.session_state["messages"] = list(history)
