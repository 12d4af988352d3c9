"""The NLU inspector, for people integrating the NLU: many commands in, a table out.

Paste commands (one per line), read them all with the shipped pipeline against the
sidebar's "now" and zone, and get one row per command (intent, calibrated confidence,
slots, title, resolved time), with the whole command text. Lines the chat reads as
follow-ups ("yes", "undo", "the first one") are marked as such, not as the NLU's
out_of_scope. The table sorts and filters by intent and confidence; what it shows
downloads as CSV, or as JSONL in the `python -m nlu parse` format. The model card
(ui/model_card_view.py) is the page's second tab.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import streamlit as st

import nlu
from assistant import followups
from assistant.changes import MAX_LISTED
from assistant.commands import command_of
from nlu.result import Parse
from ui import errors, model_card_view, sample_commands, slots_view, state
from ui.state import Context

MAX_LINES = 500
HIGHLIGHT_LINES = 30
FOLLOW_UP = "follow-up"  # the intent column's value for a line the chat reads as a follow-up
SORTS = ("input order", "confidence, lowest first", "confidence, highest first", "intent")
COLUMNS = ("text", "intent", "follow-up", "confidence", "low", "slots", "title", "start", "end", "grain")


@dataclass(frozen=True)
class Row:
    """One command's line in the table, and the parse it came from (for JSONL)."""

    values: dict[str, Any]  # the CSV's columns (COLUMNS)
    parse: Parse

    def shown(self) -> dict[str, str]:
        """The row as the page's table shows it: fewer, wider columns (the CSV keeps them apart)."""
        v = self.values
        confidence = "—" if v["confidence"] is None else f"{v['confidence']:.2f}" + (" ⚠️" if v["low"] else "")
        when = " → ".join(x for x in (v["start"], v["end"]) if x) + (f" ({v['grain']})" if v["grain"] else "")
        return {
            "text": v["text"],
            "intent": f"{FOLLOW_UP}: {v['follow-up']}" if v["follow-up"] else v["intent"],
            "confidence": confidence,
            "slots": v["slots"].replace("  ", " · "),
            "title": v["title"] or "",
            "when": when,
        }


def page(ctx: Context) -> None:
    """Draw the inspector: input, table and downloads in one tab, the model card in the other
    (each gets the page's whole width, so wide tables stay readable)."""
    st.title("NLU inspector", anchor=False)
    commands, card = st.tabs(["Commands", "Model card"])
    with commands:
        lines = read_input(ctx)
        if lines:
            with errors.guard("parse those commands"):
                render_parses(ctx, lines)
    with card, errors.guard("read the model card"):
        model_card_view.render(state.model_card())


def read_input(ctx: Context) -> list[str]:
    """The text box; its non-blank lines (at most MAX_LINES) are the commands."""
    text = st.text_area(
        "Commands, one per line",
        value="\n".join(sample_commands.TYPED + sample_commands.SPOKEN),
        height=220,
        key="inspector_text",
    )
    lines = [line for line in text.splitlines() if line.strip()]
    note = f" · only the first {MAX_LINES} are read" if len(lines) > MAX_LINES else ""
    st.caption(f"{len(lines)} command(s) · read at {ctx.reference():%a %d %b %Y %H:%M} {ctx.tz}{note}")
    return lines[:MAX_LINES]


def render_parses(ctx: Context, lines: list[str]) -> None:
    """Filters and sort, the table of readings, its downloads, and the highlighted slots."""
    rows = table_rows(state.parse_many(tuple(lines), ctx.reference(), ctx.tz), ctx.reference(), ctx.tz)
    shown = choose(rows)
    st.caption(
        f"Showing {len(shown)} of {len(rows)} · confidence is the NLU's calibrated figure; "
        f"⚠️ marks it under nlu.CONFIRM_BELOW ({nlu.CONFIRM_BELOW:.2f}), where the assistant should ask first"
    )
    with st.container(key="inspector_table"):
        if shown:
            st.table([row.shown() for row in shown])
        else:
            st.info("No command matches these filters.", icon=":material/filter_alt_off:")
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            "Download CSV",
            data=to_csv(shown),
            file_name="nlu-parses.csv",
            mime="text/csv",
            icon=":material/download:",
            key="download_csv",
        )
        st.download_button(
            "Download JSONL",
            data=to_jsonl([row.parse for row in shown]),
            file_name="nlu-parses.jsonl",
            mime="application/jsonl",
            icon=":material/download:",
            key="download_jsonl",
        )
    with st.expander("Highlighted slots"):
        for row in shown[:HIGHLIGHT_LINES]:
            slots_view.render(row.parse)


def choose(rows: list[Row]) -> list[Row]:
    """The filter and sort controls, and the rows they keep, in the order they ask for."""
    intents = sorted({row.values["intent"] for row in rows})
    picked = st.multiselect("Intents", intents, default=intents, key="filter_intents")
    with st.container(horizontal=True, gap="medium", key="inspector_filters"):
        low, high = st.slider("Confidence", 0.0, 1.0, (0.0, 1.0), step=0.05, key="filter_confidence")
        order = st.selectbox("Sort by", SORTS, key="sort_rows")
    return sort_rows(filter_rows(rows, set(picked), low, high), order)


def filter_rows(rows: list[Row], intents: set[str], low: float, high: float) -> list[Row]:
    """Rows of the chosen intents whose confidence is in [low, high]. Follow-ups have no NLU
    confidence (the chat reads them by rule): they stay unless the range was narrowed."""
    full = low <= 0.0 and high >= 1.0

    def keep(row: Row) -> bool:
        confidence = row.values["confidence"]
        in_range = full if confidence is None else low <= confidence <= high
        return row.values["intent"] in intents and in_range

    return [row for row in rows if keep(row)]


def sort_rows(rows: list[Row], order: str) -> list[Row]:
    """The rows in input order, by confidence (no confidence last), or by intent then confidence."""

    def confidence(row: Row, missing: float) -> float:
        value = row.values["confidence"]
        return missing if value is None else value

    if order == "confidence, lowest first":
        return sorted(rows, key=lambda r: confidence(r, 2.0))
    if order == "confidence, highest first":
        return sorted(rows, key=lambda r: -confidence(r, -1.0))
    if order == "intent":
        return sorted(rows, key=lambda r: (r.values["intent"], confidence(r, 2.0)))
    return list(rows)


def follow_up_kind(parse: Parse, now: datetime, tz: str) -> str | None:
    """How the chat reads the line as a follow-up ("undo", "yes", "no", "relative move",
    "choice"), asked of the assistant itself (followups.follow_up, which its dispatch uses),
    as in a conversation that talked about an event and offers a list; None for a command."""
    heard = followups.follow_up(parse.text, lambda: command_of(parse, now, tz), offered=MAX_LISTED)
    return heard.kind if heard is not None else None


def table_rows(parses: list[Parse], now: datetime, tz: str) -> list[Row]:
    """One flat row per parse (read at `now` in `tz`); a follow-up gets intent "follow-up",
    its kind, and no confidence."""
    rows = []
    for parse in parses:
        when = parse.when.to_dict() if parse.when else {}
        kind = follow_up_kind(parse, now, tz)
        confidence = None if kind else round(parse.confidence, 2)
        rows.append(
            Row(
                {
                    "text": parse.text,
                    "intent": FOLLOW_UP if kind else parse.intent,
                    "follow-up": kind or "",
                    "confidence": confidence,
                    "low": "⚠️" if confidence is not None and parse.confidence < nlu.CONFIRM_BELOW else "",
                    "slots": "  ".join(f"{s.label}: {s.text}" for s in parse.slots),
                    "title": parse.title,
                    "start": when.get("start"),
                    "end": when.get("end"),
                    "grain": when.get("grain"),
                },
                parse,
            )
        )
    return rows


def to_csv(rows: list[Row]) -> str:
    """The rows as CSV, the table's columns in its order (the "low" mark as true/false)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row.values, "low": "true" if row.values["low"] else "false"})
    return out.getvalue()


def to_jsonl(parses: list[Parse]) -> str:
    """The parses as JSON lines, exactly `python -m nlu parse`'s output."""
    return "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in parses)
