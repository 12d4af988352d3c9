"""The assistant page: chat on the left, the calendar it keeps on the right.

Each run first handles the utterance of this run (typed in the chat input, or queued by a
button: an example, Yes/No, a clarification choice), then draws the history and the
calendar, so both show the effect of that command at once. Columns stack on a phone.
"""
from __future__ import annotations

import streamlit as st

from assistant import Assistant, Reply
from ui import calendar_view, errors, sample_commands, slots_view, state, voice_input
from ui.calendar_view import monday_of
from ui.safe_markdown import md
from ui.state import Context, Message

GREETING = ("Hi! Tell me what to put in your calendar, or ask what is on it. "
            "Try *Schedule event for visit to Trivandrum on July 18*, or an example from the sidebar.")
PLACEHOLDER = "Type or paste a command…"
CHAT_HEIGHT = 560  # pixels: the history scrolls inside, the calendar stays in view beside it
SHORT_HISTORY = 4  # messages that fit without a scroll box
MAX_CHARS = 1000  # a spoken command is a sentence or two (the assistant reads no more)


def page(ctx: Context) -> None:
    """Draw the page and handle this run's utterance, if any."""
    bot = _assistant()
    if bot is None:
        return
    with errors.guard("load the language model"):
        state.parser()  # load it now (once per process), not on the first command
    render_sidebar(bot, ctx)
    prompt = st.chat_input(PLACEHOLDER, key="chat_input", max_chars=MAX_CHARS)
    queued = state.take_pending()
    text = prompt if prompt is not None else queued
    if text and text.strip():
        with st.spinner("Thinking…"):
            handle(bot, ctx, text.strip())
    notice = state.take_flash()
    if notice:
        st.error(notice, icon=":material/error:")
    left, right = st.columns([3, 2], gap="large")
    # A long history scrolls inside a box that follows the newest bubble; a short one does not
    # leave a tall empty box (on a phone the calendar comes right below).
    height = CHAT_HEIGHT if len(state.messages()) > SHORT_HISTORY else "content"
    with left, st.container(key="chat", height=height):
        render_history(state.messages())
    with left:
        voice_input.render()
    with right, st.container(key="calendar"), errors.guard("show the calendar"):
        calendar_view.render(bot, ctx)


def _assistant() -> Assistant | None:
    """The cached assistant for the configured database, or None after showing why not."""
    try:
        return state.assistant(state.settings().url)
    except Exception as err:  # noqa: BLE001 - the page's edge
        st.error(errors.report(err, "open the calendar"), icon=":material/error:")
        return None


def handle(bot: Assistant, ctx: Context, text: str) -> None:
    """Run one chat turn and record both sides of it; a failure becomes a short message."""
    try:
        reply = bot.handle(state.session_id(), text, now=ctx.now, tz=ctx.tz, user=ctx.user)
    except Exception as err:  # noqa: BLE001 - the conversation must go on
        state.add_message(Message("user", text))
        state.add_message(Message("assistant", errors.report(err, "handle that command"), error=True))
        return
    state.add_message(Message("user", text, parse=reply.parse))
    state.add_message(Message("assistant", reply.reply, operation=reply.operation, choices=tuple(reply.choices)))
    _follow(reply)


def _follow(reply: Reply) -> None:
    """Page the week view to the event the reply is about, so the change is in sight."""
    if reply.events:
        state.show_week_of(monday_of(reply.events[0].start_dt.date()))


def render_history(messages: list[Message]) -> None:
    """Every bubble so far; buttons only under the last answer (the question still open)."""
    if not messages:
        with st.chat_message("assistant"):
            st.markdown(GREETING)
    for index, message in enumerate(messages):
        with st.chat_message(message.role):
            if message.role == "user":
                render_command(message)
            else:
                render_answer(message, index, live=index == len(messages) - 1)


def render_command(message: Message) -> None:
    """A user's command: highlighted slots, intent and confidence (plain text if unread)."""
    if message.parse is not None:
        slots_view.render(message.parse)
    else:
        st.markdown(md(message.text))


def render_answer(message: Message, index: int, *, live: bool) -> None:
    """The assistant's answer; an open confirmation or clarification gets its buttons."""
    if message.error:
        st.error(message.text, icon=":material/error:")
        return
    st.markdown(md(message.text))
    if not (live and message.choices):
        return
    with st.container(horizontal=True, gap="small"):
        for number, choice in enumerate(message.choices):
            primary = message.operation == "confirm" and number == 0
            label = choice[:1].upper() + choice[1:]  # the assistant's "yes" reads as a "Yes" button
            st.button(label, key=f"choice-{index}-{number}", on_click=state.send, args=(choice,),
                      type="primary" if primary else "secondary")


def render_sidebar(bot: Assistant, ctx: Context) -> None:
    """The page's part of the sidebar: reset, and example commands that run in one click."""
    with st.sidebar:
        st.button("Reset demo calendar", key="reset", icon=":material/restart_alt:", on_click=reset,
                  args=(bot, ctx.user), help=f"Deletes every event of user {ctx.user!r} and starts a new chat.")
        st.markdown("**Examples** (click to send)")
        for style, commands in sample_commands.EXAMPLES.items():
            st.caption(style)
            for number, command in enumerate(commands):
                st.button(command, key=f"example-{style}-{number}", on_click=state.send, args=(command,),
                          type="tertiary")


def reset(bot: Assistant, user: str) -> None:
    """Empty this user's demo calendar and start a fresh conversation (a button callback)."""
    try:
        removed = bot.reset(user)
    except Exception as err:  # noqa: BLE001 - callbacks are an edge too
        state.flash(errors.report(err, "reset the calendar"))
        return
    state.new_conversation()
    st.toast(f"Calendar reset: {removed} event(s) removed.", icon=":material/restart_alt:")
