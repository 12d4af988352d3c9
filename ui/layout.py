"""The page's look at laptop and phone width, in one place: its CSS and one small script.

Streamlit has no API for what the demo needs here, so this module holds the few rules
that do it: the week and model-card tables scroll sideways inside their own box instead of
being cut, day labels never wrap, example buttons all align left, the events the last
answer was about are highlighted, and (on a wide screen) the calendar stays in view beside
a long chat. On a phone the sidebar is an overlay: after an example runs, a script closes
it and scrolls to the answer, so neither the sidebar nor the page's position hides it.
"""

from __future__ import annotations

import streamlit as st

PHONE_MAX_PX = 768  # Streamlit's own breakpoint: below it the sidebar overlays the page
CLOSE_FLAG = "close_sidebar"  # session key: close the sidebar after this turn (phone only)
WAIT_MS = 5000  # longest wait for the run to finish before scrolling anyway
SLIDE_MS = 600  # the sidebar's closing slide

CSS = """<style>
.week-wrap, .st-key-model_card table { overflow-x: auto; max-width: 100%; }
.st-key-model_card table { display: block; }
.st-key-model_card td, .st-key-model_card th { white-space: nowrap; }
table.week { border-collapse: collapse; width: 100%; font-size: .92rem; }
table.week th, table.week td { border-bottom: 1px solid rgba(128,128,128,.3); padding: .25rem .5rem;
  text-align: left; vertical-align: top; }
table.week th[scope=row] { white-space: nowrap; font-weight: 400; }
table.week tr.today th { font-weight: 700; }
ul.agenda { padding-left: 1.1rem; margin: 0; }
ul.agenda li { margin: .15rem 0; }
.ev { padding: .05rem .25rem; border-radius: .3rem; }
.ev.focus, ul.agenda li.focus { background: rgba(255, 209, 102, .45); box-shadow: 0 0 0 2px rgba(230, 160, 0, .7);
  border-radius: .3rem; }
.st-key-examples button { justify-content: flex-start; text-align: left; width: 100%; }
.st-key-examples button p { text-align: left; }
.st-key-chat [data-testid=stChatMessage] { scroll-margin-top: 4rem; }
@media (min-width: 1024px) {
  [data-testid=stColumn]:has(.st-key-calendar) {
    position: sticky; top: 4rem; align-self: flex-start; }
}
</style>"""

PHONE_SCRIPT = """<script>
/* turn {nonce}: a new number each time, so the browser runs it again */
(() => {{
  if (!window.matchMedia("(max-width: {max_px}px)").matches) return;
  const app = document.querySelector('[data-testid="stApp"]');
  let waited = 0;
  const act = () => {{
    // Wait for the run to finish (the calendar is drawn after the chat), then act once.
    if (app && app.getAttribute("data-test-script-state") === "running" && waited < {wait_ms}) {{
      waited += 100; setTimeout(act, 100); return;
    }}
    const bar = document.querySelector('[data-testid="stSidebar"]');
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    const closing = {close} && bar && bar.getAttribute("data-collapsed") === "false" && button;
    if (closing) button.click();
    // After the sidebar's slide (it resizes the page, which scrolls it back to the bottom).
    setTimeout(() => {{
      const bubbles = document.querySelectorAll('.st-key-chat [data-testid="stChatMessage"]');
      if (bubbles.length >= 2) bubbles[bubbles.length - 2].scrollIntoView({{block: "start"}});
    }}, closing ? {slide_ms} : 0);
  }};
  setTimeout(act, 100);
}})();
</script>"""


def apply() -> None:
    """Add the page's CSS (a style-only st.html takes no room on the page)."""
    st.html(CSS)


def ask_to_close_sidebar() -> None:
    """Close the sidebar after this turn, if it overlays the page (an example button's callback)."""
    st.session_state[CLOSE_FLAG] = True


def show_turn() -> None:
    """On a phone, after a turn: close the sidebar if an example asked to, and scroll the command and
    its answer into view (the page would stay where it was, the answer out of sight).

    The script waits for the run to finish, so every bubble and the calendar are laid out; it
    does nothing on a wide screen, where the newest bubble is already at the bottom, above the
    input bar."""
    nonce = st.session_state.get("turns_shown", 0) + 1
    st.session_state["turns_shown"] = nonce
    close = "true" if st.session_state.pop(CLOSE_FLAG, False) else "false"
    st.html(
        PHONE_SCRIPT.format(nonce=nonce, max_px=PHONE_MAX_PX, close=close, wait_ms=WAIT_MS, slide_ms=SLIDE_MS),
        unsafe_allow_javascript=True,
    )
