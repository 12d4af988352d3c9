"""A command under construction: a list of (text, label) pieces, so offsets are never computed by hand.

Generators, the spoken transform and the hand-written markup all work on pieces; only
`to_annotated` turns them into text plus character spans. Because a label belongs to a
whole piece, any rewrite of a piece (lowercasing, digits to words, dropping punctuation)
keeps every span exactly on its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from nlu.annotated import Annotated

_SPACES = re.compile(r"\s+")
# What a labelled piece may not start or end with (the guide: no edge spaces or punctuation).
_EDGE = ' \t\n,;:!?"()[]{}'
# A labelled piece keeps the full stop of an abbreviation it ends with ("6 p.m.", "Dr.").
_ABBREV = re.compile(r"((?<![a-zA-Z])[a-zA-Z]\.[a-zA-Z]|\b(?:Dr|Mr|Mrs|Ms|St|Jr|Prof))\.$")


@dataclass(frozen=True)
class Piece:
    """A run of text; `label` is a slot label (ACTION, DATE, ...) or None for plain words;
    `role` is a labelled piece's role ("old"/"new") when it has one."""

    text: str
    label: str | None = None
    role: str | None = None


Pieces = list[Piece]


def plain(text: str) -> Piece:
    """An unlabelled piece."""
    return Piece(text, None)


def normalise(pieces: Iterable[Piece]) -> Pieces:
    """Collapse spaces, trim labelled pieces to their words, merge neighbouring plain text."""
    out: Pieces = []
    for piece in pieces:
        if piece.label is None:
            text = _SPACES.sub(" ", piece.text)
            if out and out[-1].label is None:
                out[-1] = plain(_SPACES.sub(" ", out[-1].text + text))
            elif text:
                out.append(plain(text))
            continue
        core = piece.text.strip(_EDGE + ".") + ("." if _ABBREV.search(piece.text.rstrip()) else "")
        if not core:
            continue
        lead, tail = piece.text[: piece.text.index(core)], piece.text[piece.text.index(core) + len(core) :]
        out.extend(p for p in (plain(lead), Piece(core, piece.label, piece.role), plain(tail)) if p.text)
    return _merge_plain(out)


def _merge_plain(pieces: Pieces) -> Pieces:
    merged: Pieces = []
    for piece in pieces:
        if merged and piece.label is None and merged[-1].label is None:
            merged[-1] = plain(_SPACES.sub(" ", merged[-1].text + piece.text))
        else:
            merged.append(piece)
    return merged


def to_annotated(pieces: Iterable[Piece], intent: str, source: str, template: str = "") -> Annotated:
    """Join pieces into one command: single spaces between words, spans where labels are."""
    text, spans, roles = "", [], []
    for piece in normalise(pieces):
        chunk = piece.text
        if text.endswith(" ") and chunk.startswith(" "):
            chunk = chunk[1:]
        if piece.label is not None and text and not text.endswith(" ") and _needs_space(text[-1]):
            chunk = " " + chunk
        if piece.label is None and text and chunk and not chunk[0].isspace() and _joins_words(text[-1], chunk[0]):
            chunk = " " + chunk
        start = len(text) + (len(chunk) - len(chunk.lstrip(" ")))
        text += chunk
        if piece.label is not None:
            spans.append((start, len(text), piece.label))
            if piece.role:
                roles.append((start, len(text), piece.role))
    stripped = text.rstrip()
    lead = len(stripped) - len(stripped.lstrip())
    spans = [(s - lead, e - lead, label) for s, e, label in spans]
    roles = [(s - lead, e - lead, role) for s, e, role in roles]
    return Annotated(
        text=stripped.strip(), spans=tuple(spans), intent=intent, source=source, template=template, roles=tuple(roles)
    )


def _needs_space(prev: str) -> bool:
    """A labelled piece after a word character or closing punctuation needs a space before it."""
    return prev.isalnum() or prev in ",.;:!?)'\""


def _joins_words(prev: str, nxt: str) -> bool:
    """Two word characters meeting across a piece boundary would glue two words into one."""
    return (prev.isalnum() or prev in ".,;:!?") and (nxt.isalnum() or nxt in '"(')
