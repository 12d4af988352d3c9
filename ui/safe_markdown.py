"""User text inside Streamlit markdown or HTML: shown as typed, never interpreted."""

from __future__ import annotations

import html
import re

# Marks that change inline rendering (Streamlit also reads $...$ as LaTeX).
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|~$#])")


def md(text: str) -> str:
    """`text` made inert for markdown: HTML escaped, markdown marks backslashed."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))


def html_text(text: str) -> str:
    """`text` made inert inside HTML (st.html, which no markdown or LaTeX reaches): escaped."""
    return html.escape(text, quote=True)
