"""Natural-language understanding for calendar commands.

    import nlu
    p = nlu.parse("Cancel client meeting scheduled tomorrow", now=datetime(2026, 11, 23, 9))
    p.intent, p.slots, p.title, p.when      # p.to_dict() is `python -m nlu parse`'s JSON
    parser = nlu.load("models/nlu-calendar")  # a specific pipeline; parser.parse(...) alike

The shipped pipeline loads once, lazily, on the first `parse`.

`p.confidence` is calibrated (temperature scaling, `nlu.calibration`): below
`nlu.CONFIRM_BELOW` a caller should ask before acting on the parse.
"""

from __future__ import annotations

import threading
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from nlu.calibration import CONFIRM_BELOW
from nlu.dates import resolve
from nlu.result import INTENTS, LABELS, ROLES, Alert, Parse, Slot, TimeSpan

if TYPE_CHECKING:  # the parser (and spaCy) load on first use: see __getattr__ below
    from nlu.parser import Parser

__all__ = [
    "CONFIRM_BELOW",
    "INTENTS",
    "LABELS",
    "ROLES",
    "Alert",
    "Parse",
    "Parser",
    "Slot",
    "TimeSpan",
    "load",
    "parse",
    "resolve",
]

_default = None
_lock = threading.Lock()


def load(path: str | Path | None = None) -> Parser:
    """A parser for the pipeline at `path` (default: the shipped one)."""
    from nlu.parser import Parser

    return Parser.load(path)


def default_parser() -> Parser:
    """The shipped pipeline, loaded once per process."""
    global _default
    with _lock:
        if _default is None:
            _default = load()
    return _default


def parse(text: str, now: datetime | None = None, tz: str | tzinfo | None = None) -> Parse:
    """Read one command with the shipped pipeline; `now` defaults to the current time."""
    return default_parser().parse(text, now=now, tz=tz)


def __getattr__(name: str):
    if name == "Parser":
        from nlu.parser import Parser

        return Parser
    raise AttributeError(name)
