"""The assistant page: chat on the left, the calendar it keeps on the right.

Each run first handles the utterance of this run (typed in the chat input, or queued by a
button: an example, Yes/No, a clarification choice), then draws the history and the
calendar, so both show the effect of that command at once: the week view pages to the week
the answer is about and highlights its events. Columns stack on a phone; the history is
part of the page (no scroll box inside the scrolling page).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from assistant import Assistant, Reply
from assistant.checks import MAX_TURN_CHARS
from ui import calendar_view, errors, layout, reset_panel, sample_commands, slots_view, state, voice_input
from ui.calendar_view import event_key, monday_of
from ui.safe_markdown import md
from ui.state import Context, Message
from ui.turn_outcome import outcome_text

GREETING = (
    "Hi! Tell me what to put in your calendar, or ask what is on it. "
    "Try *Schedule event for visit to Trivandrum on July 18*, or an example from the sidebar."
)
PLACEHOLDER = "Type or paste a command…"
SHOWN_OF_LONG = 280  # characters of an over-long paste echoed in its bubble


def page(ctx: Context) -> None:
    """Draw the page and handle this run's utterance, if any."""
    bot = _assistant()
    if bot is None:
        return
    with errors.guard("load the language model"):
        state.parser()  # load it now (once per process), not on the first command
    render_sidebar(bot, ctx)
    # No max_chars: the box would cut a long paste silently; handle() says the limit instead.
    prompt = st.chat_input(PLACEHOLDER, key="chat_input")
    queued = state.take_pending()
    text = prompt if prompt is not None else queued
    said = (text or "").strip()
    turn = bool(said)
    if turn:
        with st.spinner("Thinking…"):
            handle(bot, ctx, said)
    notice = state.take_flash()
    if notice:
        st.error(notice, icon=":material/error:")
    left, right = st.columns([11, 9], gap="large")
    with left, st.container(key="chat"):
        render_history(state.messages())
    with left:
        voice_input.render()
    with right, st.container(key="calendar"), errors.guard("show the calendar"):
        calendar_view.render(bot, ctx)
    if turn:
        layout.show_turn()


def _assistant() -> Assistant | None:
    """The cached assistant for the configured database, or None after showing why not."""
    try:
        return state.assistant(state.settings().url)
    except Exception as err:  # noqa: BLE001 - the page's edge
        st.error(errors.report(err, "open the calendar"), icon=":material/error:")
        return None


def handle(bot: Assistant, ctx: Context, text: str) -> None:
    """Run one chat turn and record both sides of it; a failure becomes a short message."""
    if len(text) > MAX_TURN_CHARS:
        too_long(text)
        return
    try:
        stored = bot.events(ctx.user, include_cancelled=True, tz=ctx.tz)  # to say what an update changed
        reply = bot.handle(state.session_id(), text, now=ctx.now, tz=ctx.tz, user=ctx.user)
    except Exception as err:  # noqa: BLE001 - the conversation must go on
        state.add_message(Message("user", text))
        state.add_message(Message("assistant", errors.report(err, "handle that command"), error=True))
        return
    events = tuple(reply.events)
    ids = {e.id for e in events} if reply.operation == "update" else set()
    state.add_message(
        Message(
            "user",
            text,
            parse=reply.parse,
            operation=reply.operation,
            tz=ctx.tz,
            events=events,
            before=tuple(e for e in stored if e.id in ids),
            free=reply.free,
        )
    )
    state.add_message(
        Message(
            "assistant", reply.reply, operation=reply.operation, choices=tuple(reply.choices), tz=ctx.tz, events=events
        )
    )
    _follow(reply)


def too_long(text: str) -> None:
    """A paste over the limit: echoed cut short, answered with the limit, not sent."""
    state.add_message(Message("user", text[:SHOWN_OF_LONG] + "…"))
    state.add_message(
        Message(
            "assistant",
            f"That is {len(text):,} characters: a command can be at most "
            f"{MAX_TURN_CHARS:,} characters. Nothing was sent; please send one command "
            "(a sentence or two) at a time.",
            error=True,
        )
    )


def _follow(reply: Reply) -> None:
    """Page the week view to what the reply is about and highlight its events, so the change is in
    sight: a question's own days (even when nothing is on them), else the first event's week."""
    when = getattr(reply.parse, "when", None)
    if reply.operation == "query" and when is not None and when.start is not None:
        state.show_week_of(monday_of(when.start.date()))
    elif reply.free is not None:
        state.show_week_of(monday_of(date.fromisoformat(reply.free.start[:10])))
    elif reply.events:
        state.show_week_of(monday_of(reply.events[0].start_dt.date()))
    state.set_focus(frozenset(event_key(e) for e in reply.events))


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
    """A user's command: highlighted slots, intent, confidence and what was done (plain text if
    unread); the outcome's times are in the zone the calendar shows now."""
    outcome = outcome_text(
        message.operation, message.events, message.parse, state.context().tz, free=message.free, before=message.before
    )
    if message.parse is not None:
        slots_view.render(message.parse, outcome, heard_when=False)
    else:
        st.markdown(md(message.text))
        if outcome:
            st.caption(f"**{md(outcome)}**")


def render_answer(message: Message, index: int, *, live: bool) -> None:
    """The assistant's answer; an open confirmation or clarification gets its buttons."""
    if message.error:
        st.error(message.text, icon=":material/error:")
        return
    st.markdown(md(message.text))
    shown_tz = state.context().tz
    if message.tz and message.tz != shown_tz:
        st.caption(f"Times in this answer are {message.tz} time; the calendar now shows {shown_tz}.")
    if not (live and message.choices):
        return
    with st.container(horizontal=True, gap="small"):
        for number, choice in enumerate(message.choices):
            primary = message.operation == "confirm" and number == 0
            label = choice[:1].upper() + choice[1:]  # the assistant's "yes" reads as a "Yes" button
            st.button(
                label,
                key=f"choice-{index}-{number}",
                on_click=state.send,
                args=(choice,),
                type="primary" if primary else "secondary",
            )


def render_sidebar(bot: Assistant, ctx: Context) -> None:
    """The page's part of the sidebar: reset, and example commands that run in one click."""
    with st.sidebar:
        reset_panel.render(bot, ctx)
        with st.container(key="examples"):
            st.markdown("**Examples** (click to send)")
            for style, commands in sample_commands.EXAMPLES.items():
                st.caption(style)
                for number, command in enumerate(commands):
                    st.button(
                        command,
                        key=f"example-{style}-{number}",
                        on_click=send_example,
                        args=(command,),
                        type="tertiary",
                    )


def send_example(command: str) -> None:
    """An example button: send its command, and close the sidebar on a phone so the answer shows."""
    state.send(command)
    layout.ask_to_close_sidebar()
