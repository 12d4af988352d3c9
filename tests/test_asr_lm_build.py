"""The recognizer's language model builder: counts, the mix, ARPA, pronunciations, the folder."""

from __future__ import annotations

import json
import math
import random
import shutil
from hashlib import sha256

import pytest

from nlu.annotated import read_jsonl
from nlu.asr_lm import builder, lm_text, ngram, pronounce
from tests.conftest import ROOT, TINY_CORPUS

SENTENCES = [
    ("schedule", "a", "meeting"),
    ("cancel", "the", "meeting"),
    ("schedule", "a", "call"),
    ("play", "some", "jazz"),
]
VOCAB = frozenset(w for s in SENTENCES for w in s)


def test_asr_lm_witten_bell_sums_to_one_over_the_vocabulary():
    model = ngram.WittenBell.train(SENTENCES, VOCAB | {"unseen"})
    for history in [(), ("<s>",), ("<s>", "schedule"), ("schedule", "a"), ("never", "seen")]:
        total = sum(model.prob(w, history) for w in model.vocab)
        assert total == pytest.approx(1.0, abs=1e-9), history


def test_asr_lm_witten_bell_exact_values():
    model = ngram.WittenBell.train(SENTENCES, VOCAB)
    # After "schedule a" the corpus saw "meeting" once and "call" once: c=2, T=2,
    # so P(meeting | schedule a) = (1 + 2 P(meeting | a)) / 4, and "a" is only followed
    # by meeting and call too: P(meeting | a) = (1 + 2 P(meeting)) / 4.
    unigram = model.prob("meeting", ())
    assert model.prob("meeting", ("a",)) == pytest.approx((1 + 2 * unigram) / 4)
    assert model.prob("meeting", ("schedule", "a")) == pytest.approx((1 + 2 * model.prob("meeting", ("a",))) / 4)
    # 16 tokens with the four </s>, 10 types (</s> one of them), uniform 1/|V| with |V| = 10
    assert len(model.vocab) == 10
    assert unigram == pytest.approx((2 + 10 * (1 / 10)) / (16 + 10))


def test_asr_lm_arpa_is_read_by_pocketsphinx_and_normalised(tmp_path):
    from pocketsphinx import NGramModel

    calendar = ngram.WittenBell.train(SENTENCES[:3], VOCAB)
    general = ngram.WittenBell.train(SENTENCES[3:], VOCAB)
    mix = ngram.Mixture((calendar, general), (0.7, 0.3))
    path = tmp_path / "tiny.arpa"
    with open(path, "w") as out:
        sizes = ngram.write_arpa(mix, VOCAB, out)
    assert sizes[1] == len(VOCAB) + 2  # words, </s>, <s>
    lm = NGramModel.readfile(str(path))
    log_base = math.log(1.0001)  # pocketsphinx's default log base

    def prob(word, *history):  # pocketsphinx wants the word first, then the history newest first
        return math.exp(lm.prob([word, *reversed(history)]) * log_base)

    # A listed trigram is the exact mixture; an unlisted one backs off so that each history sums to 1.
    assert prob("meeting", "schedule", "a") == pytest.approx(mix.prob("meeting", ("schedule", "a")), rel=1e-3)
    for history in [("schedule", "a"), ("play", "some"), ("cancel",)]:
        assert sum(prob(w, *history) for w in VOCAB | {"</s>"}) == pytest.approx(1.0, abs=2e-3)


def test_asr_lm_arpa_with_an_english_unigram_part_lists_its_words(tmp_path):
    from pocketsphinx import NGramModel

    english = ngram.Unigram({"penguins": 0.5, "meeting": 0.5})
    vocab = VOCAB | {"penguins"}
    mix = ngram.Mixture((ngram.WittenBell.train(SENTENCES, vocab), english), (0.9, 0.1))
    path = tmp_path / "open.arpa"
    with open(path, "w") as out:
        ngram.write_arpa(mix, vocab, out)
    lm = NGramModel.readfile(str(path))
    heard = math.exp(lm.prob(["penguins", "about"][:1]) * math.log(1.0001))
    assert heard == pytest.approx(mix.prob("penguins", ()), rel=1e-3)
    assert sum(mix.prob(w, ("a",)) for w in vocab | {"</s>"}) == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([(0.2, 0.1)] * 10, (1.0, 0.0)),  # one part always better: all weight to it
        ([(0.9, 0.1), (0.1, 0.9)] * 5, (0.5, 0.5)),  # symmetric: half each
        ([(0.5, 0.5, 0.0)] * 4 + [(0.0, 0.0, 1.0)], (0.4, 0.4, 0.2)),  # only the third part knows one token in five
    ],
)
def test_asr_lm_em_weights_find_the_held_out_optimum(rows, expected):
    weights = ngram.em_weights(rows, iterations=500)
    assert sum(weights) == pytest.approx(1.0, abs=1e-9)
    assert weights == pytest.approx(expected, abs=0.01)


def test_asr_lm_perplexity_prefers_the_matching_mixture():
    calendar = ngram.WittenBell.train(SENTENCES[:3], VOCAB)
    general = ngram.WittenBell.train(SENTENCES[3:], VOCAB)
    rows = ngram.token_probs((calendar, general), [("schedule", "a", "meeting")], VOCAB)
    assert len(rows) == 4  # three words and </s>
    assert ngram.perplexity(rows, (0.9, 0.1)) < ngram.perplexity(rows, (0.1, 0.9))


@pytest.mark.parametrize(
    "text, words",
    [
        ("Move it to 4:30 PM, please!", ("move", "it", "to", "four", "thirty")),  # then pm / p m
        ("what's on my mom's calendar", ("what's", "on", "my", "mom's", "calendar")),
        ("Привет, как дела", None),
        ("🎉🎉", None),
    ],
)
def test_asr_lm_text_is_what_a_recognizer_writes(text, words):
    got = lm_text.spoken_words(text, random.Random(0))
    if words is None:
        assert got is None
    else:
        assert got[: len(words)] == words and all(w == w.lower() for w in got)


@pytest.mark.parametrize(
    "mnemonics, phones",
    [
        ("t_r_'aI_v_a_n_d_r_@_m", "T R AY V AE N D R AH M"),  # Trivandrum
        ("p_'0_N_g_@L", "P AA NG G AH L"),  # Pongal
        ("'a_dZ_m_3_r-", "AE JH M ER"),  # r-coloured vowel keeps one r
        ("k_,eI_,E_f_s_'i:", "K EY EH F S IY"),  # an acronym spelt out
        ("T_'3:_z_d_eI", "TH ER Z D EY"),
    ],
)
def test_asr_lm_espeak_phonemes_map_to_cmu(mnemonics, phones):
    assert pronounce.espeak_to_cmu(mnemonics) == phones
    assert set(phones.split()) <= pronounce.CMU_PHONES


def test_asr_lm_unknown_espeak_phoneme_is_named():
    with pytest.raises(pronounce.PronunciationError, match="'Q!'"):
        pronounce.espeak_to_cmu("k_Q!_t")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed (scripts/system-deps.sh)")
def test_asr_lm_dictionary_takes_cmudict_then_espeak():
    cmudict = {"read": ["R IY D", "R EH D"], "visit": ["V IH Z AH T"]}
    lines, derived = pronounce.dictionary(["visit", "trivandrum", "read"], cmudict, {"okr": "OW K EY AA R"})
    assert derived == ["trivandrum"]
    assert lines == [
        ("read", "R IY D"),
        ("read(2)", "R EH D"),
        ("trivandrum", "T R AY V AE N D R AH M"),
        ("visit", "V IH Z AH T"),
    ]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed (scripts/system-deps.sh)")
def test_asr_lm_build_on_the_tiny_corpus(tmp_path):
    # Given the 32 hand-written rows of the tiny corpus, half for fitting, half held out
    rows = read_jsonl(TINY_CORPUS)
    train, dev = rows[::2], rows[1::2]
    # When the folder is built twice
    first = builder.build(tmp_path / "a", train, dev, eval_data=None, english_words=500)
    builder.build(tmp_path / "b", train, dev, eval_data=None, english_words=500)
    # Then it is the same, byte for byte
    for name in ("calendar.lm.bin", "calendar.dict", "meta.json", "README.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    # and the chosen (EM) weights beat every other mix on the held-out text, as the card shows
    chosen, *others = first["mix_measurement"]
    assert tuple(first["weights"].values()) == tuple(chosen["weights"]) and sum(chosen["weights"]) == pytest.approx(1)
    assert all(chosen["perplexity"] <= other["perplexity"] + 1e-6 for other in others)
    card = (tmp_path / "a" / "README.md").read_text()
    assert f"calendar {chosen['weights'][0]:.3f}, general {chosen['weights'][1]:.3f}" in card
    # and every word has phones the acoustic model knows, Trivandrum read by espeak-ng
    entries = dict(line.split(" ", 1) for line in (tmp_path / "a" / "calendar.dict").read_text().splitlines())
    assert entries["trivandrum"] == "T R AY V AE N D R AH M"
    assert all(set(p.split()) <= pronounce.CMU_PHONES for p in entries.values())
    words = {w.split("(")[0] for w in entries}
    assert {"schedule", "visit", "trivandrum", "july"} <= words
    assert {"the", "know", "people"} <= words  # general English, not in the tiny corpus
    assert first["vocabulary"] == len(words) and first["text_words"] < len(words) <= first["text_words"] + 500
    assert first["held_out_oov_rate"]["with the English words"] <= first["held_out_oov_rate"]["our text"]


def test_asr_lm_shipped_model_card_matches_its_files():
    folder = ROOT / "models" / "asr-calendar"
    meta = json.loads((folder / "meta.json").read_text())
    dictionary = (folder / "calendar.dict").read_text().splitlines()
    assert meta["vocabulary"] == len({line.split(" ")[0].split("(")[0] for line in dictionary})
    assert (folder / "README.md").read_text() == builder.render_card(meta)
    assert (folder / "calendar.lm.bin").stat().st_size < 5_000_000


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed (scripts/system-deps.sh)")
def test_asr_lm_shipped_model_is_what_the_builder_makes(tmp_path):
    # The shipped folder is regenerated, never edited: `python -m nlu asr-lm` gives the same bytes.
    from nlu.corpus import examples

    train, dev = examples(0)
    builder.build(tmp_path, train, dev)
    for name in ("calendar.lm.bin", "calendar.dict", "meta.json"):
        made, shipped = (tmp_path / name).read_bytes(), (ROOT / "models" / "asr-calendar" / name).read_bytes()
        # Compared by digest: pytest's diff of two megabyte files is quadratic and hung CI for 90 min.
        assert sha256(made).hexdigest() == sha256(shipped).hexdigest(), (
            f"models/asr-calendar/{name} is not what `python -m nlu asr-lm` makes from the corpus now "
            f"({len(shipped):,} bytes shipped, {len(made):,} made; first difference: {first_difference(made, shipped)}); "
            "rebuild it with `python -m nlu asr-lm`"
        )


def first_difference(made: bytes, shipped: bytes) -> str:
    """The first line where two files differ, cut short, for an assertion message."""
    for number, (a, b) in enumerate(zip(made.splitlines(), shipped.splitlines(), strict=False), 1):
        if a != b:
            return f"line {number}: {a[:80]!r} made, {b[:80]!r} shipped"
    return "one file is a prefix of the other"
