"""Build the calendar-biased language model and dictionary the recognizer ships with.

    python -m nlu asr-lm [--output models/asr-calendar] [--seed 0]

1. Text: the NLU corpus (train and dev splits of `nlu.corpus.examples(seed)`) and the NLU
   Evaluation Data, each split into calendar and general sentences (`lm_text`).
2. Three parts: a Witten-Bell trigram of the calendar text, one of the general text, and the
   20,000 most frequent words of the recognizer's stock English model (`stock_words`), so a
   word our text lacks can still be heard.
3. The mixing weights are measured: the parts are fitted on the training text and EM finds
   the weights that maximise the likelihood of the held-out text (corpus dev rows and a tenth
   of the evaluation data). Other mixes are scored beside it for the model card.
4. The shipped model is refitted on all the text with those weights, written as ARPA and
   converted to pocketsphinx's binary format; the dictionary lists every word of it.
Same seed, same files: nothing here depends on time or on dictionary order.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from nlu.annotated import Annotated
from nlu.asr_lm import lm_text, ngram, pronounce, stock_words
from nlu.asr_lm.lm_text import LmText

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = ROOT / "models" / "asr-calendar"
LM_FILE, DICT_FILE = "calendar.lm.bin", "calendar.dict"
ENGLISH_WORDS = 20_000  # general English words added to our ~5,000 (a choice, not a measurement)
MIN_TRIGRAM = 2  # trigrams seen once are left to the backoff (file size; perplexity barely moves)
PARTS = ("calendar", "general", "english")


@dataclass(frozen=True)
class MixPoint:
    """Held-out perplexities of one mix (weights of the calendar, general and English parts)."""

    name: str
    weights: tuple[float, ...]
    perplexity: float
    calendar_perplexity: float
    general_perplexity: float


def fit_parts(text: LmText, english: dict[str, float]) -> tuple[tuple, frozenset[str]]:
    """The three parts over one vocabulary (our text's words and the English words)."""
    vocab = frozenset(text.words()) | frozenset(english)
    parts = (
        ngram.WittenBell.train(text.calendar, vocab),
        ngram.WittenBell.train(text.general, vocab),
        ngram.Unigram(english),
    )
    return parts, vocab


def measure_mix(fit: LmText, held_out: LmText, english: dict[str, float]) -> list[MixPoint]:
    """The EM weights first, then other mixes, each with its held-out perplexities."""
    parts, vocab = fit_parts(fit, english)
    calendar = ngram.token_probs(parts, held_out.calendar, vocab)
    general = ngram.token_probs(parts, held_out.general, vocab)
    both = calendar + general
    two = ngram.em_weights([row[:2] for row in both])
    mixes = {
        "chosen: EM over the three parts": ngram.em_weights(both) if english else (*two, 0.0),
        "EM over calendar and general only": (*two, 0.0),
        "calendar text only": (1.0, 0.0, 0.0),
        "general text only": (0.0, 1.0, 0.0),
        "equal thirds": (1 / 3, 1 / 3, 1 / 3) if english else (0.5, 0.5, 0.0),
    }
    return [
        MixPoint(name, w, ngram.perplexity(both, w), ngram.perplexity(calendar, w), ngram.perplexity(general, w))
        for name, w in mixes.items()
    ]


def oov_rate(vocab: set[str] | frozenset[str], held_out: LmText) -> float:
    """Share of the held-out words a vocabulary lacks."""
    words = [w for sentence in held_out.calendar + held_out.general for w in sentence]
    return sum(w not in vocab for w in words) / max(1, len(words))


def build(
    output: Path,
    train_rows: Sequence[Annotated],
    dev_rows: Sequence[Annotated],
    *,
    eval_data: Path | None = lm_text.EVAL_DATA,
    seed: int = 0,
    english_words: int = ENGLISH_WORDS,
    listed: dict[str, str] | None = None,
) -> dict:
    """Measure the mix, write the model folder (LM, dictionary, meta.json, README.md); return meta."""
    fit = lm_text.from_rows(train_rows, seed)
    held_out = lm_text.from_rows(dev_rows, seed + 1)
    if eval_data is not None:
        fit += lm_text.from_eval_data(eval_data, held_out=False, seed=seed)
        held_out += lm_text.from_eval_data(eval_data, held_out=True, seed=seed)
    cmudict = pronounce.read_cmudict(cmudict_path())
    english = stock_words.frequent_words(english_words, cmudict)
    points = measure_mix(fit, held_out, english)
    text = fit + held_out
    output.mkdir(parents=True, exist_ok=True)
    sizes, vocab = write_model(text, english, points[0].weights, output / LM_FILE)
    lines, derived = pronounce.dictionary(vocab, cmudict, listed)
    (output / DICT_FILE).write_text("".join(f"{w} {p}\n" for w, p in lines), encoding="utf-8")
    oov = {
        "our text": oov_rate(fit.words(), held_out),
        "with the English words": oov_rate(fit.words() | set(english), held_out),
    }
    meta = _meta(text, len(vocab), english_words, points, oov, sizes, derived, seed, eval_data)
    (output / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (output / "README.md").write_text(render_card(meta), encoding="utf-8")
    return meta


def write_model(
    text: LmText, english: dict[str, float], weights: tuple[float, ...], path: Path
) -> tuple[dict[int, int], frozenset[str]]:
    """Fit the parts on `text`, mix them, write ARPA and convert it to the binary at `path`."""
    from pocketsphinx import NGramModel

    parts, vocab = fit_parts(text, english)
    mixture = ngram.Mixture(parts, weights)
    with tempfile.TemporaryDirectory() as tmp:
        arpa = Path(tmp) / "calendar.arpa"
        with open(arpa, "w", encoding="utf-8") as out:
            sizes = ngram.write_arpa(mixture, vocab, out, min_count=MIN_TRIGRAM)
        NGramModel.readfile(str(arpa)).write(str(path), NGramModel.str_to_type("bin"))
    return sizes, vocab


def cmudict_path() -> Path:
    """The CMUdict that ships inside the pocketsphinx wheel."""
    from pocketsphinx import get_model_path

    return Path(get_model_path("en-us/cmudict-en-us.dict"))


def _meta(
    text: LmText,
    vocabulary: int,
    english_words: int,
    points: list[MixPoint],
    oov: dict[str, float],
    sizes: dict[int, int],
    derived: list[str],
    seed: int,
    eval_data: Path | None,
) -> dict:
    return {
        "name": "asr_calendar",
        "command": "python -m nlu asr-lm",
        "seed": seed,
        "files": {"lm": LM_FILE, "dict": DICT_FILE},
        "sentences": {"calendar": len(text.calendar), "general": len(text.general)},
        "text_words": len(text.words()),
        "english_words": english_words,
        "vocabulary": vocabulary,
        "ngrams": {str(n): c for n, c in sizes.items()},
        "min_trigram_count": MIN_TRIGRAM,
        "weights": dict(zip(PARTS, points[0].weights, strict=True)),
        "mix_measurement": [asdict(p) for p in points],
        "held_out_oov_rate": {k: round(v, 4) for k, v in oov.items()},
        "eval_data": eval_data is not None and eval_data.exists(),
        "derived_pronunciations": len(derived),
        "derived_examples": derived[:40],
    }


def render_card(meta: dict) -> str:
    """README.md of the model folder, generated from meta.json so the two never disagree."""
    rows = "\n".join(
        f"| {p['name']} | {' / '.join(f'{w:.3f}' for w in p['weights'])} | {p['perplexity']:.1f} | "
        f"{p['calendar_perplexity']:.1f} | {p['general_perplexity']:.1f} |"
        for p in meta["mix_measurement"]
    )
    grams = ", ".join(f"{c:,} {n}-grams" for n, c in meta["ngrams"].items())
    weights = ", ".join(f"{part} {w:.3f}" for part, w in meta["weights"].items())
    oov = meta["held_out_oov_rate"]
    return f"""# asr-calendar: the recognizer's calendar-biased language model

Built by `{meta["command"]}` (seed {meta["seed"]}) from the NLU corpus (`nlu/corpus/`, which holds
the even half of SLURP: Bastianelli, Vanzo, Swietojanski and Rieser, EMNLP 2020, CC BY 4.0), the
NLU Evaluation Data (Liu, Eshghi, Swietojanski and Rieser, IWSDS 2019, CC BY 4.0) and the word
frequencies of pocketsphinx's stock English model; used by `assistant.voice` with pocketsphinx's
own English acoustic model. Regenerated, never edited by hand.

- `{meta["files"]["lm"]}`: a trigram model (pocketsphinx binary), {grams}; trigrams seen fewer
  than {meta["min_trigram_count"]} times are left to the backoff.
- `{meta["files"]["dict"]}`: {meta["vocabulary"]:,} words: the {meta["text_words"]:,} of our text and the
  {meta["english_words"]:,} most frequent of the stock model; {meta["derived_pronunciations"]} are not in CMUdict and
  were read by espeak-ng (e.g. {", ".join(meta["derived_examples"][:8])}).
- Text: {meta["sentences"]["calendar"]:,} calendar sentences, {meta["sentences"]["general"]:,} general ones
  (out-of-scope commands: music, weather, alarms, ...), as a recognizer writes them.

## Mixing weights, measured

Three parts mixed linearly: a Witten-Bell trigram of the calendar text, one of the general text,
and the English word frequencies. Fitted on the training text, the weights are those that
maximise the likelihood of the held-out text (the corpus's dev rows and a tenth of the
evaluation data, never fitted on), found by EM: **{weights}**. Then all the text is fitted
with them. Held-out words missing from the vocabulary: {oov["our text"]:.1%} with our text's
words alone, {oov["with the English words"]:.1%} with the English words (a word the model lacks is
heard as the nearest words it has).

| mix | weights (calendar / general / English) | held-out perplexity | its calendar sentences | its general sentences |
|---|---|---|---|---|
{rows}
"""
