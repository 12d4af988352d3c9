"""Trigram language models for the recognizer: Witten-Bell counts, a linear mix, ARPA out.

Why our own: no packaged LM toolkit fits here. PyPI's `kenlm` ships only the query side
(no `lmplz`), NLTK's `nltk.lm` writes no ARPA, `arpabo` (and pocketsphinx's own `lm.py`)
use fixed-discount backoff without interpolation and cannot mix two corpora, and Debian's
irstlm is a set of shell scripts unmaintained since 2016 that would put a system package
in the training path. What we need is small: interpolated Witten-Bell estimates (they
take the unbalanced counts of templated text well) for two corpora, mixed linearly with a
measured weight, written once as a static backoff ARPA file the way SRILM's `-mix-lm`
does. pocketsphinx reads that file and converts it to its binary format.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

BOS, EOS = "<s>", "</s>"
ORDER = 3
Gram = tuple[str, ...]


@dataclass
class WittenBell:
    """An interpolated Witten-Bell trigram over one corpus; every word of `vocab` gets mass.

    P(w|h) = (c(h w) + T(h) P(w|h')) / (c(h) + T(h)), T(h) = distinct words seen after h,
    down to a unigram interpolated with the uniform distribution over `vocab`.
    """

    counts: list[Counter] = field(default_factory=lambda: [Counter() for _ in range(ORDER)])
    context_total: list[Counter] = field(default_factory=lambda: [Counter() for _ in range(ORDER)])
    context_types: list[Counter] = field(default_factory=lambda: [Counter() for _ in range(ORDER)])
    vocab: frozenset[str] = frozenset()

    @classmethod
    def train(cls, sentences: Iterable[Sequence[str]], vocab: Iterable[str]) -> WittenBell:
        """Count every n-gram (n = 1..3) of the sentences, each wrapped in <s> ... </s>."""
        model = cls(vocab=frozenset(vocab) | {EOS})
        for words in sentences:
            tokens = (BOS, *words, EOS)
            for n in range(1, ORDER + 1):
                for i in range(max(1, n - 1), len(tokens)):  # <s> is context, never predicted
                    model.counts[n - 1][tokens[i - n + 1 : i + 1]] += 1
        for n, grams in enumerate(model.counts):
            for gram, count in grams.items():
                model.context_total[n][gram[:-1]] += count
                model.context_types[n][gram[:-1]] += 1
        return model

    def prob(self, word: str, history: Gram) -> float:
        """P(word | the last ORDER-1 words of history)."""
        history = history[len(history) - (ORDER - 1) :] if len(history) >= ORDER - 1 else history
        return self._prob(word, tuple(history))

    def _prob(self, word: str, history: Gram) -> float:
        n = len(history)
        if n == 0:
            total, types = self.context_total[0][()], self.context_types[0][()]
            uniform = 1.0 / len(self.vocab)
            return (self.counts[0][(word,)] + types * uniform) / (total + types) if total else uniform
        lower = self._prob(word, history[1:])
        total = self.context_total[n][history]
        if not total:
            return lower
        types = self.context_types[n][history]
        return (self.counts[n][(*history, word)] + types * lower) / (total + types)

    def seen(self, n: int) -> Iterator[Gram]:
        """The n-grams of order n this corpus has."""
        return iter(self.counts[n - 1])

    def count(self, gram: Gram) -> int:
        return self.counts[len(gram) - 1][gram]


@dataclass(frozen=True)
class Unigram:
    """A fixed word distribution with no context (general English word frequencies)."""

    probs: dict[str, float]

    def prob(self, word: str, history: Gram) -> float:
        return self.probs.get(word, 0.0)

    def seen(self, n: int) -> Iterator[Gram]:
        return iter(()) if n > 1 else ((w,) for w in self.probs)

    def count(self, gram: Gram) -> int:
        return 0


@dataclass(frozen=True)
class Mixture:
    """Σ λ_i·P_i: the calendar model, the general one and general English words, mixed linearly."""

    parts: tuple[WittenBell | Unigram, ...]
    weights: tuple[float, ...]

    def prob(self, word: str, history: Gram) -> float:
        return sum(w * part.prob(word, history) for w, part in zip(self.weights, self.parts, strict=True))


def token_probs(
    parts: Sequence[WittenBell | Unigram], sentences: Iterable[Sequence[str]], vocab: frozenset[str]
) -> list[tuple[float, ...]]:
    """Each part's probability of every in-vocabulary token of the sentences (and of </s>).

    Mixing weights only scale these, so a weight search computes them once.
    """
    rows = []
    for words in sentences:
        tokens = (BOS, *words, EOS)
        for i in range(1, len(tokens)):
            if tokens[i] in vocab or tokens[i] == EOS:
                history = tokens[max(0, i - ORDER + 1) : i]
                rows.append(tuple(part.prob(tokens[i], history) for part in parts))
    return rows


def perplexity(rows: Sequence[tuple[float, ...]], weights: Sequence[float]) -> float:
    """Perplexity of a mixture with these weights over `token_probs` rows."""
    if not rows:
        return float("nan")
    log_sum = sum(math.log(sum(w * p for w, p in zip(weights, row, strict=True))) for row in rows)
    return math.exp(-log_sum / len(rows))


def em_weights(rows: Sequence[tuple[float, ...]], iterations: int = 100) -> tuple[float, ...]:
    """The mixing weights that maximise the likelihood of `token_probs` rows (EM from uniform).

    Each step is the classic one: a part's new weight is its average share of each token's
    mixed probability. The likelihood never decreases, so the result is the held-out optimum.
    """
    size = len(rows[0])
    weights = [1.0 / size] * size
    for _ in range(iterations):
        shares = [0.0] * size
        for row in rows:
            total = sum(w * p for w, p in zip(weights, row, strict=True))
            for i in range(size):
                shares[i] += weights[i] * row[i] / total
        weights = [share / len(rows) for share in shares]
    rounded = [round(w, 4) for w in weights[:-1]]  # four places: the same weights on every machine
    return (*rounded, round(1.0 - sum(rounded), 4))


def write_arpa(model: Mixture, vocab: Iterable[str], out: TextIO, *, min_count: int = 1) -> dict[int, int]:
    """Write `model` as a backoff ARPA file; returns the number of n-grams of each order.

    Listed n-grams are those some part has seen (trigrams seen fewer than `min_count`
    times in every part are left to the backoff, which keeps the file small). Each
    listed probability is the exact mixture; each context's backoff weight gives the
    unlisted words the mass left over, in proportion to the lower order (as SRILM does).
    """
    words = sorted(set(vocab) | {EOS})
    listed: list[list[Gram]] = [[(w,) for w in words]]
    for n in range(2, ORDER + 1):
        floor = min_count if n == ORDER else 1
        grams = {g for part in model.parts for g in part.seen(n) if part.count(g) >= floor}
        listed.append(sorted(grams))
    probs = [{g: model.prob(g[-1], g[:-1]) for g in grams} for grams in listed]
    backoff = _backoff_weights(model, listed, probs)
    out.write("\\data\\\n")
    sizes = {1: len(words) + 1, 2: len(listed[1]), 3: len(listed[2])}
    for n, size in sizes.items():
        out.write(f"ngram {n}={size}\n")
    out.write("\n\\1-grams:\n")
    out.write(f"-99.0000 {BOS}\t{_log10(backoff.get((BOS,), 1.0)):.4f}\n")
    for n, grams in enumerate(listed, start=1):
        if n > 1:
            out.write(f"\n\\{n}-grams:\n")
        for gram in grams:
            line = f"{_log10(probs[n - 1][gram]):.4f} {' '.join(gram)}"
            if n < ORDER:
                line += f"\t{_log10(backoff.get(gram, 1.0)):.4f}"
            out.write(line + "\n")
    out.write("\n\\end\\\n")
    return sizes


def _backoff_weights(model: Mixture, listed: list[list[Gram]], probs: list[dict[Gram, float]]) -> dict[Gram, float]:
    """α(h) = (1 - Σ P(w|h)) / (1 - Σ P(w|h')) over the words w listed after h."""
    followers: dict[Gram, list[str]] = defaultdict(list)
    for grams in listed[1:]:
        for gram in grams:
            followers[gram[:-1]].append(gram[-1])
    weights = {}
    for history, nexts in followers.items():
        listed_mass = sum(probs[len(history)][(*history, w)] for w in nexts)
        lower_mass = sum(model.prob(w, history[1:]) for w in nexts)
        weights[history] = max(1.0 - listed_mass, 1e-12) / max(1.0 - lower_mass, 1e-12)
    return weights


def _log10(value: float) -> float:
    return math.log10(value) if value > 0 else -99.0
