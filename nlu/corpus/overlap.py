"""Keeping evaluation sentences out of the corpus: near-duplicates and shared five-word runs.

The typed test set (`eval/typed_commands.txt`) and SLURP devel measure the parser; a training
row that is one of their sentences, or the same words but one or two, would let the model
remember the answer. Generated rows can land on a short everyday command by chance ("what's
on tomorrow", "set an alarm for five am"), so the corpus drops every row that is near one of
the typed set's sentences (`Nearness.drop`) or has the same words as a SLURP devel sentence
(`fingerprint`); the tests check that no hand-written row or template shares a five-word run
with either (`grams`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from nlu.annotated import Annotated

TYPED = Path(__file__).resolve().parent / "eval" / "typed_commands.txt"
DEVEL = Path(__file__).resolve().parent / "eval" / "slurp_devel.sha1"
_WORD = re.compile(r"[a-z0-9']+")


def words(text: str) -> list[str]:
    """Lowercase words, punctuation dropped ("What's on, tomorrow?" -> what's on tomorrow)."""
    return _WORD.findall(text.lower())


def grams(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """The runs of `n` consecutive words of a text."""
    found = words(text)
    return {tuple(found[i : i + n]) for i in range(len(found) - n + 1)}


def near(a: list[str], b: list[str]) -> bool:
    """The same words, or (four words or more on one side) the same words but one or two, in any order."""
    if a == b:
        return True
    if max(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 2:
        return False
    return _differ(Counter(a), Counter(b)) <= 2


def _differ(a: Counter, b: Counter) -> int:
    """How many words one side has that the other has not (both ways)."""
    return sum(((a - b) + (b - a)).values())


class Nearness:
    """Sentences to keep away from, indexed by length so a corpus is checked in seconds."""

    def __init__(self, sentences: Iterable[str]) -> None:
        self.by_length: dict[int, list[tuple[list[str], frozenset]]] = {}
        for sentence in sentences:
            found = words(sentence)
            self.by_length.setdefault(len(found), []).append((found, frozenset(found)))

    def close_to(self, text: str) -> list[str] | None:
        """The sentence `text` is near, or None (a set intersection rules most pairs out first)."""
        found = words(text)
        vocabulary = set(found)
        for n in range(len(found) - 2, len(found) + 3):
            for other, other_vocabulary in self.by_length.get(n, ()):
                if len(vocabulary & other_vocabulary) >= max(len(vocabulary), len(other_vocabulary)) - 2 and near(
                    found, other
                ):
                    return other
        return None

    def drop(self, rows: list[Annotated]) -> list[Annotated]:
        """`rows` without those near one of the sentences."""
        return [row for row in rows if self.close_to(row.text) is None]


def fingerprint(text: str) -> str:
    """The SHA-1 of a text's lowercase words: how SLURP devel's sentences are kept out of the
    corpus without its text in the project (`eval/slurp_devel.sha1`, one a line)."""
    return hashlib.sha1(" ".join(words(text)).encode("utf-8")).hexdigest()


def devel_fingerprints(path: Path = DEVEL) -> frozenset[str]:
    """SLURP devel's sentence fingerprints. A missing file is an error, not an empty set:
    without it devel sentences could slip into training unnoticed."""
    return frozenset(_required(path, "SLURP devel's fingerprints").read_text(encoding="utf-8").split())


def typed_sentences(path: Path = TYPED) -> list[str]:
    """The typed test set's sentences and the blind probes' (`eval/*_probe.txt`), kept out of
    training (a missing typed set is an error)."""
    from nlu.corpus import markup

    probes = sorted(path.parent.glob("*_probe.txt"))
    return [row.text for source in (_required(path, "the typed test set"), *probes) for row in markup.read(source)]


def _required(path: Path, what: str) -> Path:
    """`path`, or BadData naming it: training fails loudly when data it expects is missing."""
    from nlu.exceptions import BadData

    if not path.is_file():
        raise BadData(f"{what} is missing: {path} (it ships with the project; restore it with git)")
    return path
