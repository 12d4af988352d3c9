"""The hand-written corpus format: one command a line, slots in brackets, the intent first.

    create | [Schedule](ACTION) [event](DOMAIN) for [visit to Trivandrum](NAME) on [July 18](DATE)
    reschedule | [move](ACTION) the [3 pm](DATE/old) [meeting](DOMAIN) to [5 pm](DATE/new)
    out_of_scope | play some jazz
    # a comment; blank lines are ignored

A slot may carry a role after its label (`DATE/old`, `PERSON/new`, ANNOTATION.md's "Roles").
Readable, diff-able and easy to extend; `parse_line` turns a line into an Annotated row with
exact character offsets.
"""

from __future__ import annotations

import re
from pathlib import Path

from nlu.annotated import Annotated
from nlu.corpus.segments import Piece, to_annotated
from nlu.exceptions import BadData
from nlu.result import INTENTS, LABELS, ROLES

_SLOT = re.compile(r"\[([^\[\]]+)\]\((\w+)(?:/(\w+))?\)")


def parse_line(line: str, source: str = "handwritten", template: str = "") -> Annotated:
    """`intent | text with [slot](LABEL) marks` -> Annotated."""
    intent, sep, body = line.partition("|")
    intent = intent.strip()
    if not sep or intent not in INTENTS:
        raise BadData(f"expected 'intent | text' with intent one of {INTENTS}: {line!r}")
    pieces, pos = [], 0
    body = body.strip()
    for match in _SLOT.finditer(body):
        if match[2] not in LABELS:
            raise BadData(f"unknown label {match[2]!r} in {line!r}")
        if match[3] is not None and match[3] not in ROLES:
            raise BadData(f"unknown role {match[3]!r} in {line!r} (known: {', '.join(ROLES)})")
        pieces += [Piece(body[pos : match.start()]), Piece(match[1], match[2], match[3])]
        pos = match.end()
    pieces.append(Piece(body[pos:]))
    return to_annotated(pieces, intent, source, template)


def read(path: str | Path, source: str = "handwritten") -> list[Annotated]:
    """Every command in a hand-written file, with `template` = file name and line number."""
    path = Path(path)
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append(parse_line(line, source, f"{path.stem}:{number}"))
    return rows
