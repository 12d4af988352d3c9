"""What the NLU heard: the command with its slots highlighted in displaCy's entity style.

One colour per label, label names visible; the intent and its calibrated confidence
underneath, then what the assistant did with it (the chat) or the time the DATE slots
resolve to (the inspector). Rendered with spaCy's own `displacy` in manual mode, so
the picture is the one spaCy users know.
"""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any

import streamlit as st
from spacy import displacy

import nlu
from nlu.result import LABELS, Parse
from ui.safe_markdown import md

# Colour-blind-friendly pastel set: dark text stays readable on each.
COLORS: dict[str, str] = {
    "ACTION": "#ffd166",
    "DOMAIN": "#a0c4ff",
    "NAME": "#b9fbc0",
    "DATE": "#ffadad",
    "LOCATION": "#d0bfff",
    "PERSON": "#90e0ef",
}
# displaCy's own markup, in a box that scrolls sideways rather than overflowing a phone;
# a highlighted slot never breaks between its words and its label.
WRAPPER = (
    "<style>.slots mark.entity{{white-space:nowrap}}</style>"
    '<div class="slots" style="overflow-x:auto;border:1px solid rgba(128,128,128,.35);'
    'border-radius:.5rem;padding:.4rem .75rem;margin-bottom:.4rem">{}</div>'
)


def slots_html(parse: Parse) -> str:
    """The displaCy entity HTML of a parse (the plain, escaped text when it has no slots)."""
    if not parse.slots:
        return WRAPPER.format(f'<div style="line-height:2.5">{html.escape(parse.text)}</div>')
    doc: dict[str, Any] = {
        "text": parse.text,
        "ents": [{"start": s.start, "end": s.end, "label": s.label} for s in parse.slots],
        "title": None,
    }
    options = {"colors": COLORS, "ents": sorted({*LABELS, *(s.label for s in parse.slots)})}
    markup = displacy.render(doc, style="ent", manual=True, options=options, jupyter=False)
    # Markdown would read blank lines in displaCy's output as paragraph breaks.
    return WRAPPER.format(markup.replace("\n", " "))


def when_text(parse: Parse) -> str | None:
    """The resolved time in a few words ("Sun 2027-07-18 (day)"), or None when unresolved."""
    when = parse.when
    if when is None or when.start is None:
        return None
    start = when.start.replace(tzinfo=None)
    end = when.end.replace(tzinfo=None) if when.end else start
    if when.grain in ("hour", "minute", "second"):
        text = f"{start:%a %Y-%m-%d %H:%M}"
        if end - start > timedelta(hours=1):
            text += f" → {end:%H:%M}" if end.date() == start.date() else f" → {end:%a %Y-%m-%d %H:%M}"
    else:
        last = (end - timedelta(days=1)).date() if end > start else start.date()
        text = f"{start:%a %Y-%m-%d}" + ("" if last <= start.date() else f" → {last:%a %Y-%m-%d}")
    return f"{text} ({when.grain})" if when.grain else text


def confidence_text(confidence: float) -> str:
    """The calibrated intent confidence (nlu documents `Parse.confidence` as calibrated), flagged
    below nlu.CONFIRM_BELOW, where the assistant should ask before acting on it."""
    text = f"confidence **{confidence:.0%}**"
    if confidence < nlu.CONFIRM_BELOW:
        text += f" ⚠️ low (under {nlu.CONFIRM_BELOW:.0%})"
    return text


def caption_text(parse: Parse, outcome: str | None = None, *, heard_when: bool = True) -> str:
    """Intent and confidence, then what was done (`outcome`) or, when asked, the resolved time."""
    parts = [f"intent **{parse.intent}**", confidence_text(parse.confidence)]
    when = when_text(parse) if heard_when else None
    if outcome:
        parts.append(f"**{md(outcome)}**")
    elif when:
        parts.append(f"when **{when}**")
    return " · ".join(parts)


def render(parse: Parse, outcome: str | None = None, *, heard_when: bool = True) -> None:
    """Show one parse: the highlighted command, then intent, confidence and what was done
    (the chat) or the resolved time (the inspector)."""
    st.markdown(slots_html(parse), unsafe_allow_html=True)
    st.caption(caption_text(parse, outcome, heard_when=heard_when))
