"""The sidebar's reset of the demo calendar: it asks first, and can be undone for a minute.

`Assistant.reset` hard-deletes a user's events, operation log and conversations. Before
calling it, the panel keeps what the user can see (their events, as the facade lists them,
and the chat history) in the session; "Undo reset" writes the events back through the
facade (`create_event`, then `cancel_event` for cancelled ones). The facade cannot write
everything back: alerts, occurrences cancelled or changed alone, and the event's own zone
are not part of what `create_event` takes (a timed event comes back in the zone the page
showed), so the undo says what it could not restore.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace

import streamlit as st

from assistant import Assistant, EventView
from assistant.phrasing import count, join
from ui import errors, state
from ui.state import Context, Message

UNDO_SECONDS = 60
ASKING = "reset_asking"  # session key: the confirmation is showing
REMOVED = "reset_removed"  # session key: the last reset's Removed, while it can be undone


@dataclass(frozen=True)
class Removed:
    """What a reset took away, kept for its undo."""

    user: str
    events: tuple[EventView, ...]
    messages: tuple[Message, ...]
    at: float  # time.monotonic() of the reset

    def undoable(self) -> bool:
        return time.monotonic() - self.at < UNDO_SECONDS


def render(bot: Assistant, ctx: Context) -> None:
    """The reset button, its confirmation, or the undo of the reset just done."""
    removed: Removed | None = st.session_state.get(REMOVED)
    if removed is not None and removed.undoable():
        st.success(f"Calendar of {removed.user!r} reset: {count(len(removed.events), 'event')} removed.",
                   icon=":material/restart_alt:")
        st.button("Undo reset", key="reset_undo", icon=":material/undo:", on_click=undo, args=(bot,),
                  help="Puts the events and the chat back (for one minute after the reset).")
    if st.session_state.get(ASKING):
        stored = len(bot.events(ctx.user, include_cancelled=True))
        st.warning(f"Delete all {count(stored, 'event')} of {ctx.user!r} and start a new chat? "
                   "You can undo this for one minute.", icon=":material/warning:")
        with st.container(horizontal=True, gap="small"):
            st.button("Delete", key="reset_confirm", type="primary", on_click=reset, args=(bot, ctx.user, ctx.tz))
            st.button("Keep", key="reset_keep", on_click=asking, args=(False,))
        return
    st.button("Reset demo calendar…", key="reset", icon=":material/restart_alt:",
              on_click=asking, args=(True,),
              help=f"Deletes every event of user {ctx.user!r} and starts a new chat (asks first).")


def asking(value: bool) -> None:
    """Show (or close) the confirmation (button callbacks)."""
    st.session_state[ASKING] = value


def reset(bot: Assistant, user: str, tz: str) -> None:
    """Keep the user's events (seen from the zone shown, the one they were most likely made in)
    and chat, then empty the calendar (a button callback)."""
    st.session_state[ASKING] = False
    try:
        kept = tuple(bot.events(user, include_cancelled=True, tz=tz))
        bot.reset(user)
    except Exception as err:  # noqa: BLE001 - callbacks are an edge too
        state.flash(errors.report(err, "reset the calendar"))
        return
    st.session_state[REMOVED] = Removed(user, kept, tuple(state.messages()), time.monotonic())
    state.new_conversation()


def undo(bot: Assistant) -> None:
    """Write the removed events back and restore the chat, if the minute has not passed."""
    removed: Removed | None = st.session_state.pop(REMOVED, None)
    if removed is None or not removed.undoable():
        state.flash("The reset can no longer be undone: undo works for one minute after it.")
        return
    try:
        missing = restore(bot, removed.user, removed.events)
    except Exception as err:  # noqa: BLE001 - callbacks are an edge too
        state.flash(errors.report(err, "undo the reset"))
        return
    # The dialogue's own state went with the reset: old questions can no longer be answered.
    state.restore_messages([replace(m, choices=()) for m in removed.messages])
    note = f" Not restored: {missing}." if missing else ""
    st.toast(f"Reset undone: {count(len(removed.events), 'event')} back.{note}", icon=":material/undo:")


def restore(bot: Assistant, user: str, events: tuple[EventView, ...]) -> str:
    """Create the events again (cancelled ones cancelled again); return what the facade could not
    take back, in words ("" when nothing was lost)."""
    alerts = skipped = changed = 0
    for event in events:
        if event.series_id is not None:  # an occurrence changed alone: no facade call re-links it
            changed += 1
            continue
        made = bot.create_event(user, title=event.title, start=event.start_dt, end=event.end_dt,
                                all_day=event.all_day, location=event.location, kind=event.kind, tz=event.tz,
                                attendees=list(event.attendees), recurrence=event.recurrence,
                                session_id="ui-undo-reset")
        if event.cancelled:
            bot.cancel_event(user, made.id, session_id="ui-undo-reset")
        alerts += len(event.alerts)
        skipped += len(event.exdates)
    lost = [count(alerts, "alert") if alerts else "", count(skipped, "cancelled occurrence") if skipped else "",
            count(changed, "changed occurrence") if changed else ""]
    return join([x for x in lost if x])
