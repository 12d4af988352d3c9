"""The UI's edge for errors: a person sees a short message, never a traceback.

Library code raises; here an error becomes one line (the library's own message when it is
one of ours, written to say what to do; a generic line otherwise) while the full traceback
goes to the server log for whoever runs the demo.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from assistant import AssistantError
from nlu.exceptions import NLUError

log = logging.getLogger("ui")
MAX_CHARS = 300


def friendly(err: BaseException, doing: str) -> str:
    """One short line about `err`, which happened while `doing` something."""
    if isinstance(err, (AssistantError, NLUError)):
        detail = str(err)
    else:
        detail = "an internal error (details are in the server log)"
    text = f"Could not {doing}: {detail}"
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"


def report(err: BaseException, doing: str) -> str:
    """Log `err` with its traceback and return the line to show instead."""
    log.error("could not %s", doing, exc_info=err)
    return friendly(err, doing)


@contextmanager
def guard(doing: str) -> Iterator[None]:
    """Run a panel; if it fails, show `st.error` with a short line and let the page go on.

    Streamlit's own rerun/stop signals derive from BaseException, not Exception, so they
    pass through untouched.
    """
    try:
        yield
    except Exception as err:  # noqa: BLE001 - this is the edge: nothing may escape as a traceback
        st.error(report(err, doing), icon=":material/error:")
