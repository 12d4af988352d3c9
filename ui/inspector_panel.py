"""The NLU inspector, for people integrating the NLU: many commands in, a table out.

Paste commands (one per line), read them all with the shipped pipeline against the
sidebar's "now" and zone, and get one row per command (intent, confidence, slots, title,
resolved time), downloadable as JSONL in the `python -m nlu parse` format. The model card
(labels, data, scores) sits beside the table.
"""
from __future__ import annotations

import html
import json
import re
from typing import Any

import streamlit as st

from nlu.result import Parse
from ui import errors, sample_commands, slots_view, state
from ui.state import Context, ModelCard

MAX_LINES = 500
HIGHLIGHT_LINES = 30


def page(ctx: Context) -> None:
    """Draw the inspector: input, table and download on the left, the model card beside."""
    st.title("NLU inspector", anchor=False)
    left, right = st.columns([2, 1], gap="large")
    with left:
        lines = read_input(ctx)
        if lines:
            with errors.guard("parse those commands"):
                render_parses(ctx, lines)
    with right, errors.guard("read the model card"):
        render_model_card(state.model_card())


def read_input(ctx: Context) -> list[str]:
    """The text box; its non-blank lines (at most MAX_LINES) are the commands."""
    text = st.text_area("Commands, one per line", value="\n".join(sample_commands.TYPED + sample_commands.SPOKEN),
                        height=220, key="inspector_text")
    lines = [line for line in text.splitlines() if line.strip()]
    note = f" · only the first {MAX_LINES} are read" if len(lines) > MAX_LINES else ""
    st.caption(f"{len(lines)} command(s) · read at {ctx.reference():%a %d %b %Y %H:%M} {ctx.tz}{note}")
    return lines[:MAX_LINES]


def render_parses(ctx: Context, lines: list[str]) -> None:
    """The table of readings, its JSONL download, and the highlighted slots."""
    parses = state.parse_many(tuple(lines), ctx.reference(), ctx.tz)
    st.dataframe(table_rows(parses), hide_index=True, width="stretch", column_config={
        "text": st.column_config.TextColumn(width="medium"),
        "confidence": st.column_config.NumberColumn(format="%.2f", width="small"),
        "slots": st.column_config.TextColumn(width="large"),
    })
    st.download_button("Download JSONL", data=to_jsonl(parses), file_name="nlu-parses.jsonl",
                       mime="application/jsonl", icon=":material/download:")
    with st.expander("Highlighted slots"):
        for parse in parses[:HIGHLIGHT_LINES]:
            slots_view.render(parse)


def table_rows(parses: list[Parse]) -> list[dict[str, Any]]:
    """One flat row per parse, for the table."""
    rows = []
    for parse in parses:
        when = parse.when.to_dict() if parse.when else {}
        rows.append({
            "text": parse.text,
            "intent": parse.intent,
            "confidence": round(parse.confidence, 4),
            "slots": "  ".join(f"{s.label}: {s.text}" for s in parse.slots),
            "title": parse.title,
            "start": when.get("start"),
            "end": when.get("end"),
            "grain": when.get("grain"),
        })
    return rows


def to_jsonl(parses: list[Parse]) -> str:
    """The parses as JSON lines, exactly `python -m nlu parse`'s output."""
    return "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in parses)


def render_model_card(card: ModelCard) -> None:
    """Headline scores and labels from meta.json, then the card itself (README.md)."""
    st.subheader("Model card", anchor=False)
    if not card.meta and not card.readme:
        st.info(f"No model card found at `{card.path}`.")
        return
    meta = card.meta
    if meta:
        st.caption(f"{meta.get('lang', '')}_{meta.get('name', '?')} {meta.get('version', '')} · "
                   f"spaCy {meta.get('spacy_version', '?')} · `{card.path}`")
        render_headline(meta)
        labels = meta.get("labels", {}).get("ner", [])
        if labels:
            st.markdown(label_chips(labels), unsafe_allow_html=True)
    if card.readme:
        with st.container(height=480, border=True):
            st.markdown(demote_headings(card.readme))


def render_headline(meta: dict[str, Any]) -> None:
    """The figures a reader looks for first (dev split, real speech, data size)."""
    dev = meta.get("dev_scores") or {}
    figures = {
        "slot F1 (dev)": (dev.get("spans") or {}).get("f"),
        "intent accuracy (dev)": dev.get("intent_accuracy"),
        "intent accuracy (SLURP, held out)": ((meta.get("slurp") or {}).get("figures") or {}).get("intent (odd half)"),
        "training examples": ((meta.get("training") or {}).get("data") or {}).get("train"),
    }
    shown = [f"{name} **{value:.3f}**" if isinstance(value, float) else f"{name} **{value:,}**"
             for name, value in figures.items() if isinstance(value, (int, float))]
    if shown:
        st.markdown("\n".join(f"- {line}" for line in shown))


def label_chips(labels: list[str]) -> str:
    """The NER labels in the colours the chat highlights them with."""
    chips = "".join(
        f'<span style="background:{slots_view.COLORS.get(label, "#ddd")};color:#000;border-radius:.35rem;'
        f'padding:.1rem .45rem;margin:0 .3rem .3rem 0;font-size:.8rem;font-weight:700;display:inline-block">{html.escape(label)}</span>'
        for label in labels)
    return f"<div style=\"margin:.25rem 0 .75rem\">{chips}</div>"


def demote_headings(markdown: str) -> str:
    """The README's headings three levels down, so the card sits under the page's title."""
    return re.sub(r"^(#{1,3}) ", lambda m: "#" * (len(m.group(1)) + 3) + " ", markdown, flags=re.MULTILINE)
