"""The text the recognizer's language model learns from, in the words a recognizer writes.

Two kinds, kept apart so they can be mixed by a measured weight:
- calendar: the NLU corpus's calendar rows (typed and spoken) and the calendar rows of the
  NLU Evaluation Data (the project's copy, `nlu/corpus/data/nlu_eval_data.jsonl`);
- general: the corpus's out-of-scope rows and the other scenarios of that file, so "play
  some jazz" stays likely enough to be heard as itself (and then declined).

Typed rows are read out the way the corpus's own spoken twins are (`nlu.corpus.spoken`):
lowercase, numbers as words, punctuation gone. Rows with anything else left (emoji, SQL,
other scripts) are not speech and are dropped.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from nlu.annotated import Annotated
from nlu.corpus.realdata import DATA as REALDATA
from nlu.corpus.spoken import speak
from nlu.exceptions import BadData

# The project's own copy (nlu/corpus/data), not ../shared's: a clean clone must build the same model.
EVAL_DATA = REALDATA
HELD_OUT_SHARE = 10  # percent of the evaluation data kept to measure the mixing weight
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class LmText:
    """Sentences (lists of words) of each kind."""

    calendar: tuple[tuple[str, ...], ...] = ()
    general: tuple[tuple[str, ...], ...] = ()

    def __add__(self, other: LmText) -> LmText:
        return LmText(self.calendar + other.calendar, self.general + other.general)

    def words(self) -> set[str]:
        """Every word of either kind: the recognizer's vocabulary."""
        return {w for sentence in self.calendar + self.general for w in sentence}


def spoken_words(text: str, rng: random.Random) -> tuple[str, ...] | None:
    """The words a recognizer would write for `text`, or None when it is not speech."""
    spoken = speak(text, rng)
    spoken = re.sub(r"\s+'", "'", spoken).strip()  # "tomorrow 's" -> "tomorrow's"
    words = tuple(spoken.split())
    if not words or not all(_WORD.fullmatch(w) for w in words):
        return None
    return words


def from_rows(rows: Iterable[Annotated], seed: int = 0) -> LmText:
    """Corpus rows split by intent: out_of_scope is general text, every other intent calendar."""
    rng = random.Random(seed)
    calendar, general = [], []
    for row in rows:
        words = spoken_words(row.text, rng)
        if words:
            (general if row.intent == "out_of_scope" else calendar).append(words)
    return LmText(tuple(calendar), tuple(general))


def from_eval_data(path: Path = EVAL_DATA, *, held_out: bool, seed: int = 0) -> LmText:
    """The NLU Evaluation Data's training part (or its held-out part): calendar rows and the rest.

    A missing file is an error: a model built without it would differ from the shipped one unnoticed.
    """
    if not path.is_file():
        raise BadData(f"the NLU Evaluation Data is missing: {path} (it ships with the project; restore it with git)")
    rng = random.Random(seed)
    calendar, general = [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if _held_out(row["text"]) != held_out:
                continue
            words = spoken_words(row["text"], rng)
            if words:
                (calendar if row.get("scenario") == "calendar" else general).append(words)
    return LmText(tuple(calendar), tuple(general))


def _held_out(text: str) -> bool:
    """A stable split by the text's hash: the same rows are held out on every machine."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 100 < HELD_OUT_SHARE
