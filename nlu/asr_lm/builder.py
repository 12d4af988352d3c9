"""Build the calendar-biased language model and dictionary the recognizer ships with.

    python -m nlu asr-lm [--output models/asr-calendar] [--seed 0]

1. Text: the NLU corpus (train and dev splits of `nlu.corpus.examples(seed)`) and the NLU
   Evaluation Data, each split into calendar and general sentences (`lm_text`).
2. The mixing weight is measured: a Witten-Bell trigram per kind is fitted on the training
   text, and the weight of the calendar model that gives the lowest perplexity on the
   held-out text (corpus dev rows and a tenth of the evaluation data) is chosen.
3. The shipped model is refitted on all the text with that weight, written as ARPA and
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
from nlu.asr_lm import lm_text, ngram, pronounce
from nlu.asr_lm.lm_text import LmText

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = ROOT / "models" / "asr-calendar"
LM_FILE, DICT_FILE = "calendar.lm.bin", "calendar.dict"
WEIGHTS = tuple(round(0.05 * i, 2) for i in range(1, 20))  # calendar share 0.05 .. 0.95
MIN_TRIGRAM = 2  # trigrams seen once are left to the backoff (file size; perplexity barely moves)


@dataclass(frozen=True)
class MixPoint:
    """Held-out perplexities of one calendar weight."""

    calendar_weight: float
    perplexity: float
    calendar_perplexity: float
    general_perplexity: float


def measure_mix(fit: LmText, held_out: LmText) -> list[MixPoint]:
    """Perplexity of the held-out text for each calendar weight (models fitted on `fit`)."""
    vocab = frozenset(fit.words())
    parts = (ngram.WittenBell.train(fit.calendar, vocab), ngram.WittenBell.train(fit.general, vocab))
    calendar = ngram.token_probs(parts, held_out.calendar, vocab)
    general = ngram.token_probs(parts, held_out.general, vocab)
    points = []
    for weight in WEIGHTS:
        mix = (weight, 1 - weight)
        points.append(MixPoint(weight, ngram.perplexity(calendar + general, mix),
                               ngram.perplexity(calendar, mix), ngram.perplexity(general, mix)))
    return points


def oov_rate(fit: LmText, held_out: LmText) -> float:
    """Share of the held-out words the fitted vocabulary lacks: what a closed vocabulary costs."""
    vocab = fit.words()
    words = [w for sentence in held_out.calendar + held_out.general for w in sentence]
    return sum(w not in vocab for w in words) / max(1, len(words))


def build(output: Path, train_rows: Sequence[Annotated], dev_rows: Sequence[Annotated], *,
          eval_data: Path | None = lm_text.EVAL_DATA, seed: int = 0,
          listed: dict[str, str] | None = None) -> dict:
    """Measure the mix, write the model folder (LM, dictionary, meta.json, README.md); return meta."""
    fit = lm_text.from_rows(train_rows, seed)
    held_out = lm_text.from_rows(dev_rows, seed + 1)
    if eval_data is not None:
        fit += lm_text.from_eval_data(eval_data, held_out=False, seed=seed)
        held_out += lm_text.from_eval_data(eval_data, held_out=True, seed=seed)
    points = measure_mix(fit, held_out)
    best = min(points, key=lambda p: p.perplexity)
    text = fit + held_out
    output.mkdir(parents=True, exist_ok=True)
    sizes = write_model(text, best.calendar_weight, output / LM_FILE)
    cmudict = pronounce.read_cmudict(cmudict_path())
    lines, derived = pronounce.dictionary(text.words(), cmudict, listed)
    (output / DICT_FILE).write_text("".join(f"{w} {p}\n" for w, p in lines), encoding="utf-8")
    meta = _meta(text, points, best, sizes, derived, seed, eval_data)
    meta["held_out_oov_rate"] = round(oov_rate(fit, held_out), 4)
    (output / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (output / "README.md").write_text(render_card(meta), encoding="utf-8")
    return meta


def write_model(text: LmText, calendar_weight: float, path: Path) -> dict[int, int]:
    """Fit both kinds on `text`, mix them, write ARPA and convert it to the binary at `path`."""
    from pocketsphinx import NGramModel

    vocab = frozenset(text.words())
    parts = (ngram.WittenBell.train(text.calendar, vocab), ngram.WittenBell.train(text.general, vocab))
    mixture = ngram.Mixture(parts, (calendar_weight, 1 - calendar_weight))
    with tempfile.TemporaryDirectory() as tmp:
        arpa = Path(tmp) / "calendar.arpa"
        with open(arpa, "w", encoding="utf-8") as out:
            sizes = ngram.write_arpa(mixture, vocab, out, min_count=MIN_TRIGRAM)
        NGramModel.readfile(str(arpa)).write(str(path), NGramModel.str_to_type("bin"))
    return sizes


def cmudict_path() -> Path:
    """The CMUdict that ships inside the pocketsphinx wheel."""
    from pocketsphinx import get_model_path

    return Path(get_model_path("en-us/cmudict-en-us.dict"))


def _meta(text: LmText, points: list[MixPoint], best: MixPoint, sizes: dict[int, int],
          derived: list[str], seed: int, eval_data: Path | None) -> dict:
    return {
        "name": "asr_calendar", "command": "python -m nlu asr-lm", "seed": seed,
        "files": {"lm": LM_FILE, "dict": DICT_FILE},
        "sentences": {"calendar": len(text.calendar), "general": len(text.general)},
        "vocabulary": len(text.words()), "ngrams": {str(n): c for n, c in sizes.items()},
        "min_trigram_count": MIN_TRIGRAM,
        "calendar_weight": best.calendar_weight,
        "mix_measurement": [asdict(p) for p in points],
        "eval_data": eval_data is not None and eval_data.exists(),
        "derived_pronunciations": len(derived),
        "derived_examples": derived[:40],
    }


def render_card(meta: dict) -> str:
    """README.md of the model folder, generated from meta.json so the two never disagree."""
    rows = "\n".join(f"| {p['calendar_weight']:.2f} | {p['perplexity']:.1f} | {p['calendar_perplexity']:.1f} | "
                     f"{p['general_perplexity']:.1f} |" for p in meta["mix_measurement"])
    grams = ", ".join(f"{c:,} {n}-grams" for n, c in meta["ngrams"].items())
    return f"""# asr-calendar: the recognizer's calendar-biased language model

Built by `{meta['command']}` (seed {meta['seed']}) from the NLU corpus (`nlu/corpus/`, which holds
the even half of SLURP: Bastianelli, Vanzo, Swietojanski and Rieser, EMNLP 2020, CC BY 4.0) and the
NLU Evaluation Data (Liu, Eshghi, Swietojanski and Rieser, IWSDS 2019, CC BY 4.0); used by
`assistant.voice` with pocketsphinx's own English acoustic model. Regenerated, never edited by hand.

- `{meta['files']['lm']}`: a trigram model (pocketsphinx binary), {grams}; trigrams seen fewer
  than {meta['min_trigram_count']} times are left to the backoff.
- `{meta['files']['dict']}`: {meta['vocabulary']:,} words; {meta['derived_pronunciations']} of them are not in
  CMUdict and were read by espeak-ng (e.g. {', '.join(meta['derived_examples'][:8])}).
- Text: {meta['sentences']['calendar']:,} calendar sentences, {meta['sentences']['general']:,} general ones
  (out-of-scope commands: music, weather, alarms, ...), as a recognizer writes them.

## Mixing weight, measured

A Witten-Bell trigram per kind of text, mixed linearly. The weight of the calendar model is the
one with the lowest perplexity on held-out text (the corpus's dev rows and a tenth of the
evaluation data, never fitted on): **{meta['calendar_weight']:.2f}**. The vocabulary is closed: of the
held-out words, {meta['held_out_oov_rate']:.1%} are not in the vocabulary fitted without them (a word the
model lacks is heard as the nearest words it has).

| calendar weight | held-out perplexity | its calendar sentences | its general sentences |
|---|---|---|---|
{rows}
"""
