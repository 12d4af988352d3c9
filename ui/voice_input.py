"""The microphone in the chat: record a command, see what was heard, correct it, send it.

The recording is transcribed on the server (assistant.voice: pocketsphinx with the
calendar-biased model, nothing leaves the machine). The transcript is put in an editable
box, not sent at once: a misheard word is fixed before the assistant acts on it. "Send"
queues the text exactly as an example button does, so it takes the typed text's path.
"""

from __future__ import annotations

import streamlit as st

from ui import errors, state

RECORDER = "voice_recording"  # the st.audio_input widget
REVIEW = "voice_review"  # the editable transcript (a text_input)
HEARD = "voice_heard"  # id of the recording already transcribed, so a rerun does not redo it
SHOWN = "voice_shown"  # "review" while a transcript waits, else a message, else None
MAX_CHARS = 1000  # as the chat input


def render() -> None:
    """The recorder, then the transcript to review (or why there is none)."""
    with st.container(key="voice"):
        recording = st.audio_input(
            "Speak a command",
            key=RECORDER,
            sample_rate=16000,
            help="Recorded in the browser, transcribed on this server (no cloud).",
        )
        if recording is not None and st.session_state.get(HEARD) != recording.file_id:
            st.session_state[HEARD] = recording.file_id
            with st.spinner("Listening…"):
                hear(recording.getvalue())
        shown = st.session_state.get(SHOWN)
        if shown == "review":
            st.text_input("Heard (correct it if needed, then send)", key=REVIEW, max_chars=MAX_CHARS)
            st.button("Send", key="voice_send", icon=":material/send:", on_click=send_reviewed)
        elif shown:
            st.warning(shown, icon=":material/mic_off:")


def hear(data: bytes) -> None:
    """Transcribe a recording into the review box, or leave a message saying why not."""
    from assistant.exceptions import BadAudio
    from assistant.voice import transcribe

    try:
        transcript = transcribe(data)
    except BadAudio as err:
        st.session_state[SHOWN] = str(err)
        return
    except Exception as err:  # noqa: BLE001 - the page's edge: a short line, the traceback to the log
        st.session_state[SHOWN] = errors.report(err, "transcribe the recording")
        return
    if transcript.note():
        st.session_state[SHOWN] = transcript.note()
        return
    st.session_state[REVIEW] = transcript.text
    st.session_state[SHOWN] = "review"


def send_reviewed() -> None:
    """The Send button: queue the reviewed text as this run's utterance and close the review."""
    text = (st.session_state.get(REVIEW) or "").strip()
    if text:
        state.send(text)
    st.session_state[SHOWN] = None
