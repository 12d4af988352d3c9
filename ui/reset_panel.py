"""The sidebar's reset of the demo calendar: it asks first, and can be undone for a minute.

`Assistant.reset` hard-deletes a user's events, operation log and conversations and returns
exactly what it removed (a `CalendarSnapshot`). The panel keeps that snapshot, the chat
history and this tab's conversation id in the session; "Undo reset" hands the snapshot to
`Assistant.restore`, which puts every row back as stored (alerts, occurrences cancelled or
changed alone, each event's zone, the log "undo" reads, the open question), so the chat
goes on where it was, its last buttons included.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from assistant import Assistant, CalendarSnapshot
from assistant.phrasing import count
from ui import errors, state
from ui.state import Context, Message

UNDO_SECONDS = 60
ASKING = "reset_asking"  # session key: the confirmation is showing
REMOVED = "reset_removed"  # session key: the last reset's Removed, while it can be undone


@dataclass(frozen=True)
class Removed:
    """What a reset took away, kept for its undo."""

    user: str
    snapshot: CalendarSnapshot
    session_id: str  # this tab's conversation, whose state the snapshot holds
    messages: tuple[Message, ...]
    at: float  # time.monotonic() of the reset

    def undoable(self) -> bool:
        return time.monotonic() - self.at < UNDO_SECONDS


def render(bot: Assistant, ctx: Context) -> None:
    """The reset button, its confirmation, or the undo of the reset just done."""
    removed: Removed | None = st.session_state.get(REMOVED)
    if removed is not None and removed.undoable():
        st.success(
            f"Calendar of {removed.user!r} reset: {count(len(removed.snapshot.events), 'event')} removed.",
            icon=":material/restart_alt:",
        )
        st.button(
            "Undo reset",
            key="reset_undo",
            icon=":material/undo:",
            on_click=undo,
            args=(bot,),
            help="Puts the events and the chat back (for one minute after the reset).",
        )
    if st.session_state.get(ASKING):
        stored = len(bot.events(ctx.user, include_cancelled=True))
        st.warning(
            f"Delete all {count(stored, 'event')} of {ctx.user!r} and start a new chat? "
            "You can undo this for one minute.",
            icon=":material/warning:",
        )
        with st.container(horizontal=True, gap="small"):
            st.button("Delete", key="reset_confirm", type="primary", on_click=reset, args=(bot, ctx.user))
            st.button("Keep", key="reset_keep", on_click=asking, args=(False,))
        return
    st.button(
        "Reset demo calendar…",
        key="reset",
        icon=":material/restart_alt:",
        on_click=asking,
        args=(True,),
        help=f"Deletes every event of user {ctx.user!r} and starts a new chat (asks first).",
    )


def asking(value: bool) -> None:
    """Show (or close) the confirmation (button callbacks)."""
    st.session_state[ASKING] = value


def reset(bot: Assistant, user: str) -> None:
    """Empty the calendar, keeping what it removed and the chat for the undo (a button callback)."""
    st.session_state[ASKING] = False
    try:
        snapshot = bot.reset(user)
    except Exception as err:  # noqa: BLE001 - callbacks are an edge too
        state.flash(errors.report(err, "reset the calendar"))
        return
    st.session_state[REMOVED] = Removed(user, snapshot, state.session_id(), tuple(state.messages()), time.monotonic())
    state.new_conversation()


def undo(bot: Assistant) -> None:
    """Put every removed row back and the chat with it, if the minute has not passed."""
    removed: Removed | None = st.session_state.get(REMOVED)
    if removed is None or not removed.undoable():
        st.session_state.pop(REMOVED, None)
        state.flash("The reset can no longer be undone: undo works for one minute after it.")
        return
    try:
        bot.restore(removed.user, removed.snapshot)
    except Exception as err:  # noqa: BLE001 - callbacks are an edge too
        state.flash(errors.report(err, "undo the reset"))  # nothing was written: the undo can be tried again
        return
    st.session_state.pop(REMOVED, None)
    state.restore_conversation(removed.session_id, list(removed.messages))
    st.toast(f"Reset undone: {count(len(removed.snapshot.events), 'event')} back.", icon=":material/undo:")
