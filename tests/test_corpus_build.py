"""The training corpus: valid rows, deterministic per seed, a dev split that holds out templates and values."""
from __future__ import annotations

import random
import re
from collections import Counter

import pytest
import spacy

from nlu.corpus import build, examples, lexicons, markup, realdata, split
from nlu.corpus.segments import Piece, to_annotated
from nlu.corpus.spoken import add_fillers, speechify, speak
from nlu.annotated import read_jsonl
from nlu.result import INTENTS, LABELS


@pytest.fixture(scope="module")
def corpus():
    return examples(seed=0)


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _problems(row, nlp) -> list[str]:
    doc = nlp.make_doc(row.text)
    found, taken = [], set()
    for start, end, label in row.spans:
        piece = row.text[start:end]
        if label not in LABELS:
            found.append(f"label {label}")
        if piece != piece.strip() or piece[:1] in ",;:!?\"(" or piece[-1:] in ",;:!?\"(":
            found.append(f"edge {piece!r}")
        span = doc.char_span(start, end)
        if span is None:
            found.append(f"not on tokens {piece!r}")
        elif taken.intersection(range(span.start, span.end)):
            found.append(f"overlap {piece!r}")
        else:
            taken.update(range(span.start, span.end))
    if row.intent not in INTENTS:
        found.append(f"intent {row.intent}")
    return found


def test_corpus_rows_are_valid(corpus, nlp):
    # Given every train and dev row, Then each span sits on tokens, has clean edges, no overlap
    train, dev = corpus
    bad = [(r.text, p) for r in train + dev for p in _problems(r, nlp)]
    assert bad == []
    assert all(r.text == r.text.strip() and "  " not in r.text for r in train + dev)


@pytest.mark.xfail(strict=True, reason="until the NLU issue (9) corpus covers update, availability and ALERT")
def test_corpus_sizes_and_coverage(corpus):
    train, dev = corpus
    assert 15_000 <= len(train) <= 30_000 and len(dev) >= 1_500
    intents = Counter(r.intent for r in train)
    assert set(intents) == set(INTENTS)
    assert min(intents.values()) >= 0.12 * len(train)  # balanced: no intent starved
    labels = Counter(label for r in train for *_, label in r.spans)
    assert set(labels) == set(LABELS)
    assert {r.source for r in train} >= {"generated-typed", "generated-spoken", "handwritten", "slurp-even"}


def test_corpus_is_deterministic_for_a_seed(tmp_path):
    a = build(tmp_path / "a", seed=3)
    b = build(tmp_path / "b", seed=3)
    c = build(tmp_path / "c", seed=4)
    assert a[0].read_bytes() == b[0].read_bytes() and a[1].read_bytes() == b[1].read_bytes()
    assert a[0].read_bytes() != c[0].read_bytes()
    assert [r.text for r in read_jsonl(a[0])][:50] == [r.text for r in read_jsonl(b[0])][:50]


def test_dev_holds_out_templates(corpus):
    train, dev = corpus
    train_templates = {r.template for r in train if r.source.startswith("generated")}
    dev_only = {r.template for r in dev if r.source.startswith("generated")} - train_templates
    assert len(dev_only) >= 20  # whole templates only dev sees
    held = {r.template for r in dev if r.source.startswith("generated")}
    assert not any(t in train_templates for t in held if t in dev_only)
    share = sum(r.template in dev_only for r in dev if r.source.startswith("generated")) / len(dev)
    assert share >= 0.4


def test_dev_holds_out_values(corpus):
    # Given the NAME and verb values the split keeps for dev, Then no generated training row uses them
    train, dev = corpus
    _, dev_names = split.partition(lexicons.NAMES)
    _, dev_verbs = split.partition([v for verbs in lexicons.VERBS.values() for v in verbs])
    assert len(dev_names) >= 10 and len(dev_verbs) >= 5
    generated = [r for r in train if r.source == "generated-typed"]
    train_names = {r.text[s:e] for r in generated for s, e, label in r.spans if label == "NAME"}
    train_verbs = {r.text[s:e].lower() for r in generated for s, e, label in r.spans if label == "ACTION"}
    assert not train_names & set(dev_names)
    assert not train_verbs & {v.lower() for v in dev_verbs}
    dev_names_seen = {r.text[s:e] for r in dev for s, e, label in r.spans if label == "NAME"}
    assert dev_names_seen & set(dev_names)


def test_dev_holds_out_long_date_phrases(corpus):
    train, _ = corpus
    dates = [r.text[s:e] for r in train if r.source == "generated-typed" for s, e, label in r.spans if label == "DATE"]
    long = [d for d in dates if len(d.split()) >= split.DATE_MIN_WORDS]
    assert long and sum(split.held_out_date(d) for d in long) / len(long) < 0.02


def test_slurp_only_even_ids_train(corpus):
    train, dev = corpus
    ids = {int(r.template.split(":")[1]) for r in train if r.source == "slurp-even"}
    assert ids and all(i % 2 == 0 for i in ids)
    assert not any(r.source.startswith("slurp") for r in dev)


@pytest.mark.parametrize("typed, spoken", [
    ("June 20, 2023", "june twentieth twenty twenty three"),
    ("4:30 PM", "four thirty pm"),
    ("7/18", "july eighteenth"),
    ("the 18th", "the eighteenth"),
    ("Q3 OKR review", "q three okr review"),
    ("2026-07-18", "july eighteenth twenty twenty six"),
])
def test_speech_reads_numbers_out(typed, spoken):
    class Fixed(random.Random):
        def random(self):  # the first choice everywhere: "pm" not "p m", ordinals, no slips
            return 0.5

        def choice(self, seq):
            return seq[0]

    assert speak(typed, Fixed()) == spoken


def test_spoken_transform_keeps_offsets():
    # Given a typed command in pieces, When it is spoken, Then every span still covers its words
    pieces = [Piece("Schedule", "ACTION"), Piece(" "), Piece("Pongal celebration", "NAME"), Piece(" at "),
              Piece("Oaks HOA", "LOCATION"), Piece(", on "), Piece("June 20, 2023 at 4:30 PM", "DATE"), Piece(".")]
    for seed in range(20):
        row = to_annotated(speechify(pieces, random.Random(seed)), "create", "test")
        got = {label: row.text[s:e] for s, e, label in row.spans}
        assert got["ACTION"] == "schedule" and got["NAME"] == "pongal celebration" and got["LOCATION"] == "oaks hoa"
        year = r"(twenty twenty three|two thousand (and )?twenty three)"
        assert re.fullmatch(rf"june (twentieth|twenty) {year} at four thirty (pm|p m)", got["DATE"])
        assert row.text == row.text.lower() and "," not in row.text and "." not in row.text


def test_markup_line_offsets():
    row = markup.parse_line("create | [Schedule](ACTION) [event](DOMAIN) for [visit to Trivandrum](NAME) on [July 18](DATE)")
    assert row.text == "Schedule event for visit to Trivandrum on July 18"
    assert row.spans == ((0, 8, "ACTION"), (9, 14, "DOMAIN"), (19, 38, "NAME"), (42, 49, "DATE"))
    assert row.intent == "create"


def test_slurp_row_conversion():
    row = {"slurp_id": 2, "sentence": "remind me about the meeting with my colleague next saturday at two pm",
           "scenario": "calendar", "intent": "calendar_set",
           "tokens": [{"surface": w} for w in "remind me about the meeting with my colleague next saturday at two pm".split()],
           "entities": [{"type": "event_name", "span": [4]}, {"type": "relation", "span": [7]},
                        {"type": "date", "span": [9]}, {"type": "time", "span": [11, 12]}]}
    got = realdata.to_annotated(row)
    spans = {(got.text[s:e], label) for s, e, label in got.spans}
    assert got.intent == "create"
    assert spans == {("remind me about", "ACTION"), ("meeting", "DOMAIN"), ("my colleague", "PERSON"),
                     ("next saturday at two pm", "DATE")}


def test_spoken_possessive_stays_on_its_word():
    pieces = [Piece("Add "), Piece("Bob", "PERSON"), Piece("'s "), Piece("birthday", "NAME"), Piece(" on "),
              Piece("tomorrow", "DATE"), Piece("'s list")]
    for seed in range(30):  # fillers never split a word from its "'s"
        row = to_annotated(add_fillers(speechify(pieces, random.Random(seed)), random.Random(seed), rate=1.0),
                           "create", "test")
        assert "bob's " in row.text and "tomorrow's " in row.text
        assert [row.text[s:e] for s, e, _ in row.spans] == ["bob", "birthday", "tomorrow"]


def test_possessive_day_is_date_without_its_s():
    # Given the {DAYS} slot, When rendered, Then the day is DATE and its "'s" stays outside the span
    from nlu.corpus.generator import Filler

    filler = Filler(random.Random(0), "train")
    for _ in range(30):
        row = to_annotated(filler.render("{ACTION} {DAYS} {NAME}", "cancel"), "cancel", "t")
        start, end, label = row.spans[1]
        assert label == "DATE" and row.text[end:end + 3] == "'s " and not row.text[start:end].endswith("'s")
        assert 1 <= len(row.text[start:end].split()) <= 2


def test_slurp_possessive_day_is_date_without_its_s():
    # SLURP writes "tomorrow 's" as the date; our DATE is "tomorrow", the corpus and the importer agree
    sentence = "did you add tomorrow's meeting to my calendar"
    words = ["did", "you", "add", "tomorrow", "'s", "meeting", "to", "my", "calendar"]
    row = {"slurp_id": 8, "sentence": sentence, "scenario": "calendar", "intent": "calendar_query",
           "tokens": [{"surface": w, "id": i} for i, w in enumerate(words)],
           "entities": [{"type": "date", "span": [3, 4]}, {"type": "event_name", "span": [5]}]}
    got = realdata.to_annotated(row)
    assert [(got.text[s:e], label) for s, e, label in got.spans] == [("tomorrow", "DATE"), ("meeting", "DOMAIN")]
    assert got.intent == "query"


def test_template_fixed_spans_and_article_agreement():
    from nlu.corpus.generator import Filler

    filler = Filler(random.Random(0), "train")
    row = to_annotated(filler.render("[make it](ACTION) {DATE} instead", "reschedule"), "reschedule", "t")
    assert row.text.startswith("make it ") and row.spans[0] == (0, 7, "ACTION")
    row = to_annotated(filler.render("add a [AI](NAME) {DATE}", "create"), "create", "t")
    assert row.text.startswith("add an AI ")

