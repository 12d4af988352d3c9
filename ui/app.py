"""Streamlit entry point: `streamlit run ui/app.py` (what `make demo` runs).

Thin on purpose: page set-up and CSS (ui/layout.py), the shared sidebar, navigation. The pages live in
ui/views/, their panels in ui/chat_panel.py, ui/calendar_view.py, ui/slots_view.py and
ui/inspector_panel.py; cached loaders in ui/state.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run ui/app.py` puts only ui/ on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from ui import errors, layout, sidebar, state  # noqa: E402

st.set_page_config(page_title="Calendar assistant", page_icon="🗓️", layout="wide")
# Backstop: whatever slips past the guards below shows as a short line, never a traceback.
st.set_option("client.showErrorDetails", "none")
state.init()
layout.apply()
try:
    settings = state.settings()
except Exception as err:  # noqa: BLE001 - bad environment settings: say which, stop
    st.error(errors.report(err, "read the settings"), icon=":material/error:")
    st.stop()
state.set_context(sidebar.render_context(settings.default_tz))
page = st.navigation(
    [
        st.Page("views/assistant.py", title="Assistant", icon=":material/chat:", default=True),
        st.Page("views/inspector.py", title="NLU inspector", icon=":material/search:"),
    ]
)
with errors.guard("show this page"):
    page.run()
