"""The training corpus: real rows first, valid rows, deterministic per seed, a dev split that holds out
templates and values, a calibration slice nothing trains on, and no SLURP row anywhere in it."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
import spacy

from nlu.annotated import read_jsonl
from nlu.corpus import HANDWRITTEN, build, examples, lexicons, markup, overlap, parts, realdata, split
from nlu.corpus.segments import Piece, to_annotated
from nlu.corpus.spoken import add_fillers, speak, speechify
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
        if piece != piece.strip() or piece[:1] in ',;:!?"(' or piece[-1:] in ',;:!?"(':
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


@pytest.mark.slow
def test_corpus_rows_are_valid(corpus, nlp):
    # Given every train and dev row, Then each span sits on tokens, has clean edges, no overlap
    train, dev = corpus
    bad = [(r.text, p) for r in train + dev for p in _problems(r, nlp)]
    assert bad == []
    assert all(r.text == r.text.strip() and "  " not in r.text for r in train + dev)


@pytest.mark.slow
def test_corpus_sizes_and_coverage(corpus):
    train, dev = corpus
    assert 12_000 <= len(train) <= 30_000 and len(dev) >= 1_000
    intents = Counter(r.intent for r in train)
    assert set(intents) == set(INTENTS)
    assert min(intents.values()) >= 0.04 * len(train)  # no intent starved
    labels = Counter(label for r in train for *_, label in r.spans)
    assert set(labels) == set(LABELS)
    assert {r.source for r in train} == {"realdata", "generated-typed", "generated-spoken", "handwritten"}
    sources = Counter(r.source for r in train)
    assert sources["realdata"] >= 7_000  # real commands first: every real training row is in


@pytest.mark.slow
def test_corpus_has_no_slurp_row():
    # Given SLURP devel (the dev set of record), Then no corpus row, in any slice, is one of its sentences
    from nlu.settings import settings

    path = settings().slurp_devel
    if not path.exists():
        pytest.skip("no ../shared/data/slurp_devel.jsonl here")
    import json

    with path.open(encoding="utf-8") as lines:
        slurp = {json.loads(line)["sentence"].lower() for line in lines}
    corpus = parts(seed=0)
    rows = corpus.train + corpus.dev + corpus.calibration
    assert not any(r.source.startswith("slurp") for r in rows)
    sentences = {" ".join(overlap.words(s)) for s in slurp}
    assert not [r.text for r in rows if " ".join(overlap.words(r.text)) in sentences]
    # the fingerprints shipped in the project are those of the shared file
    assert overlap.devel_fingerprints() == {overlap.fingerprint(s) for s in slurp}


@pytest.mark.slow
def test_calibration_slice_is_never_trained_on(corpus):
    train, dev = corpus
    calibration = parts(seed=0).calibration
    assert len(calibration) >= 500 and {r.source for r in calibration} == {"realdata"}
    assert not {r.text for r in calibration} & {r.text for r in train + dev}


@pytest.mark.slow
def test_corpus_is_deterministic_for_a_seed(tmp_path):
    a = build(tmp_path / "a", seed=3)
    b = build(tmp_path / "b", seed=3)
    c = build(tmp_path / "c", seed=4)
    assert a[0].read_bytes() == b[0].read_bytes() and a[1].read_bytes() == b[1].read_bytes()
    assert a[0].read_bytes() != c[0].read_bytes()
    assert [r.text for r in read_jsonl(a[0])][:50] == [r.text for r in read_jsonl(b[0])][:50]


@pytest.mark.slow
def test_dev_holds_out_templates(corpus):
    train, dev = corpus
    train_templates = {r.template for r in train if r.source.startswith("generated")}
    dev_only = {r.template for r in dev if r.source.startswith("generated")} - train_templates
    assert len(dev_only) >= 20  # whole templates only dev sees
    held = {r.template for r in dev if r.source.startswith("generated")}
    assert not any(t in train_templates for t in held if t in dev_only)
    generated = [r for r in dev if r.source.startswith("generated")]
    share = sum(r.template in dev_only for r in generated) / len(generated)
    assert share >= 0.4


@pytest.mark.slow
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


@pytest.mark.slow
def test_dev_holds_out_long_date_phrases(corpus):
    train, _ = corpus
    dates = [r.text[s:e] for r in train if r.source == "generated-typed" for s, e, label in r.spans if label == "DATE"]
    long = [d for d in dates if len(d.split()) >= split.DATE_MIN_WORDS]
    assert long and sum(split.held_out_date(d) for d in long) / len(long) < 0.02


@pytest.mark.parametrize(
    "typed, spoken",
    [
        ("June 20, 2023", "june twentieth twenty twenty three"),
        ("4:30 PM", "four thirty pm"),
        ("7/18", "july eighteenth"),
        ("the 18th", "the eighteenth"),
        ("Q3 OKR review", "q three okr review"),
        ("2026-07-18", "july eighteenth twenty twenty six"),
    ],
)
def test_speech_reads_numbers_out(typed, spoken):
    class Fixed(random.Random):
        def random(self):  # the first choice everywhere: "pm" not "p m", ordinals, no slips
            return 0.5

        def choice(self, seq):
            return seq[0]

    assert speak(typed, Fixed()) == spoken


def test_spoken_transform_keeps_offsets():
    # Given a typed command in pieces, When it is spoken, Then every span still covers its words
    pieces = [
        Piece("Schedule", "ACTION"),
        Piece(" "),
        Piece("Pongal celebration", "NAME"),
        Piece(" at "),
        Piece("Oaks HOA", "LOCATION"),
        Piece(", on "),
        Piece("June 20, 2023 at 4:30 PM", "DATE"),
        Piece("."),
    ]
    for seed in range(20):
        row = to_annotated(speechify(pieces, random.Random(seed)), "create", "test")
        got = {label: row.text[s:e] for s, e, label in row.spans}
        assert got["ACTION"] == "schedule" and got["NAME"] == "pongal celebration" and got["LOCATION"] == "oaks hoa"
        year = r"(twenty twenty three|two thousand (and )?twenty three)"
        assert re.fullmatch(rf"june (twentieth|twenty) {year} at four thirty (pm|p m)", got["DATE"])
        assert row.text == row.text.lower() and "," not in row.text and "." not in row.text


def test_markup_line_offsets():
    row = markup.parse_line(
        "create | [Schedule](ACTION) [event](DOMAIN) for [visit to Trivandrum](NAME) on [July 18](DATE)"
    )
    assert row.text == "Schedule event for visit to Trivandrum on July 18"
    assert row.spans == ((0, 8, "ACTION"), (9, 14, "DOMAIN"), (19, 38, "NAME"), (42, 49, "DATE"))
    assert row.intent == "create"


def test_realdata_row_conversion():
    # Given a real row with SLURP's slot types over character offsets, Then it maps as SLURP rows do
    row = {
        "text": "remind me about the meeting with my colleague next saturday at two pm",
        "scenario": "calendar",
        "intent": "calendar_set",
        "entities": [
            {"type": "event_name", "start": 20, "end": 27},
            {"type": "relation", "start": 36, "end": 45},
            {"type": "date", "start": 51, "end": 59},
            {"type": "time", "start": 63, "end": 69},
        ],
    }
    got = realdata.to_annotated(row)
    spans = {(got.text[s:e], label) for s, e, label in got.spans}
    assert got.intent == "create"
    assert spans == {
        ("remind me about", "ACTION"),
        ("meeting", "DOMAIN"),
        ("my colleague", "PERSON"),
        ("next saturday at two pm", "DATE"),
    }


@pytest.mark.parametrize(
    "text, scenario_intent, entities, ours",
    [
        ("am i free on sunday day", "calendar_query", [("date", "sunday")], "availability"),
        ("what do i have scheduled on july seventh", "calendar_query", [("date", "july seventh")], "query"),
        (
            "set a two day notification before maria's birthday please",
            "calendar_set",
            [("person", "maria"), ("event_name", "birthday")],
            "update",
        ),
        ("add jim and jerry to event", "calendar_set", [("person", "jim"), ("person", "jerry")], "update"),
        ("move my meeting to friday", "calendar_set", [("event_name", "meeting"), ("date", "friday")], "reschedule"),
        (
            "add dentist appointment for friday at five",
            "calendar_set",
            [("event_name", "dentist appointment")],
            "create",
        ),
        ("delete my meeting for tomorrow", "calendar_remove", [("event_name", "meeting")], "cancel"),
        ("what's the weather like tomorrow", "weather_query", [("date", "tomorrow")], "out_of_scope"),
    ],
)
def test_realdata_intents_by_rule(text, scenario_intent, entities, ours):
    ents = [{"type": t, "start": text.index(w), "end": text.index(w) + len(w)} for t, w in entities]
    row = {"text": text, "scenario": scenario_intent.split("_")[0], "intent": scenario_intent, "entities": ents}
    assert realdata.to_annotated(row).intent == ours


def test_realdata_alert_offset_is_one_span():
    text = "remind me of meeting five minutes before time"
    row = {
        "text": text,
        "scenario": "calendar",
        "intent": "calendar_set",
        "entities": [{"type": "event_name", "start": 13, "end": 20}, {"type": "time", "start": 21, "end": 33}],
    }
    got = realdata.to_annotated(row)
    assert ("five minutes before", "ALERT") in {(text[s:e], label) for s, e, label in got.spans}
    assert got.intent == "update"


def test_realdata_copy_differs_from_the_original_only_by_the_listed_fixes():
    # Given our copy and the shared original, Then they differ in exactly the rows the README lists
    import json

    from nlu.settings import settings

    original = settings().shared / "data" / "nlu_eval_data.jsonl"
    if not original.exists():
        pytest.skip("no ../shared/data/nlu_eval_data.jsonl here")
    with realdata.DATA.open(encoding="utf-8") as lines:
        ours = [json.loads(line) for line in lines]
    with original.open(encoding="utf-8") as lines:
        theirs = [json.loads(line) for line in lines]
    assert len(ours) == len(theirs) == 8387
    changed = {a["text"]: (b["intent"], a["intent"]) for a, b in zip(ours, theirs, strict=True) if a != b}
    readme = (realdata.DATA.parent.parent / "README.md").read_text(encoding="utf-8")
    assert len(changed) == 10
    for text, (before, after) in changed.items():
        assert f"| {text} | {before} | {after} |" in readme


def test_realdata_missing_copy_fails_loudly(tmp_path):
    from nlu.exceptions import BadData

    with pytest.raises(BadData, match="real training data is missing"):
        realdata.rows(tmp_path / "nlu_eval_data.jsonl")


def test_spoken_possessive_stays_on_its_word():
    pieces = [
        Piece("Add "),
        Piece("Bob", "PERSON"),
        Piece("'s "),
        Piece("birthday", "NAME"),
        Piece(" on "),
        Piece("tomorrow", "DATE"),
        Piece("'s list"),
    ]
    for seed in range(30):  # fillers never split a word from its "'s"
        row = to_annotated(
            add_fillers(speechify(pieces, random.Random(seed)), random.Random(seed), rate=1.0), "create", "test"
        )
        assert "bob's " in row.text and "tomorrow's " in row.text
        assert [row.text[s:e] for s, e, _ in row.spans] == ["bob", "birthday", "tomorrow"]


def test_possessive_day_is_date_without_its_s():
    # Given the {DAYS} slot, When rendered, Then the day is DATE and its "'s" stays outside the span
    from nlu.corpus.generator import Filler

    filler = Filler(random.Random(0), "train")
    for _ in range(30):
        row = to_annotated(filler.render("{ACTION} {DAYS} {NAME}", "cancel"), "cancel", "t")
        start, end, label = row.spans[1]
        assert label == "DATE" and row.text[end : end + 3] == "'s " and not row.text[start:end].endswith("'s")
        assert 1 <= len(row.text[start:end].split()) <= 2


def test_slurp_possessive_day_is_date_without_its_s():
    # SLURP writes "tomorrow 's" as the date; our DATE is "tomorrow", the importer leaves the 's out
    from nlu.slot_scheme import from_slurp

    sentence = "did you add tomorrow's meeting to my calendar"
    words = ["did", "you", "add", "tomorrow", "'s", "meeting", "to", "my", "calendar"]
    row = {
        "slurp_id": 8,
        "sentence": sentence,
        "scenario": "calendar",
        "intent": "calendar_query",
        "tokens": [{"surface": w, "id": i} for i, w in enumerate(words)],
        "entities": [{"type": "date", "span": [3, 4]}, {"type": "event_name", "span": [5]}],
    }
    got = from_slurp(row)
    assert [(got.text[s:e], label) for s, e, label in got.spans] == [("tomorrow", "DATE"), ("meeting", "DOMAIN")]
    assert got.intent == "query"


def test_realdata_possessive_day_is_cut_like_slurp():
    text = "cancel tomorrow's meeting"
    row = {
        "text": text,
        "scenario": "calendar",
        "intent": "calendar_remove",
        "entities": [{"type": "date", "start": 7, "end": 15}, {"type": "event_name", "start": 18, "end": 25}],
    }
    got = realdata.to_annotated(row)
    assert [(text[s:e], label) for s, e, label in got.spans] == [
        ("cancel", "ACTION"),
        ("tomorrow", "DATE"),
        ("meeting", "DOMAIN"),
    ]


def test_markup_roles_round_trip_through_jsonl_and_docbin(tmp_path):
    from nlu.annotated import Annotated
    from nlu.importers import read_docbin, write_docbin

    row = markup.parse_line("reschedule | [move](ACTION) the [3 pm](DATE/old) [meeting](DOMAIN) to [5 pm](DATE/new)")
    assert row.roles == ((9, 13, "old"), (25, 29, "new"))
    assert Annotated.from_json(row.to_json()) == row
    write_docbin([row], tmp_path / "x.spacy")
    back = read_docbin(tmp_path / "x.spacy")[0]
    assert back.spans == row.spans and back.roles == row.roles


def test_template_roles_survive_speech_and_typing():
    from nlu.corpus.generator import Filler, realise

    filler = Filler(random.Random(3), "train")
    for spoken in (False, True):
        for seed in range(10):
            pieces = filler.render("[add](ACTION) {PER/new} to the {NAME}", "update")
            row = realise(pieces, random.Random(seed), "update", "t", spoken, "x")
            person = next((s, e) for s, e, label in row.spans if label == "PERSON")
            assert row.role_of(*person) == "new"


def test_template_fixed_spans_and_article_agreement():
    from nlu.corpus.generator import Filler

    filler = Filler(random.Random(0), "train")
    row = to_annotated(filler.render("[make it](ACTION) {DATE} instead", "reschedule"), "reschedule", "t")
    assert row.text.startswith("make it ") and row.spans[0] == (0, 7, "ACTION")
    row = to_annotated(filler.render("add a [AI](NAME) {DATE}", "create"), "create", "t")
    assert row.text.startswith("add an AI ")


# ---- kept apart from the evaluation data --------------------------------------------------

TYPED = Path(__file__).resolve().parent.parent / "nlu" / "corpus" / "eval" / "typed_commands.txt"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _grams(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _evaluation_sentences() -> list[str]:
    import json

    from nlu.settings import settings

    out = [row.text for row in markup.read(TYPED)]
    if settings().slurp_devel.exists():
        with settings().slurp_devel.open(encoding="utf-8") as lines:
            out += [json.loads(line)["sentence"] for line in lines]
    return out


def _template_runs() -> list[str]:
    """The words templates write themselves: the text between placeholders."""
    from nlu.corpus.templates import FOLLOW_UPS, TEMPLATES

    templates = [t for group in (*TEMPLATES.values(), *FOLLOW_UPS.values()) for t in group]
    plain = [re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", t) for t in templates]
    return [run for t in plain for run in re.split(r"\{[^}]*\}", t)]


def test_handwritten_and_templates_share_no_5gram_with_the_evaluation_data():
    # Given SLURP devel and the typed test set, Then no hand-written row and no template's own
    # words share a run of five words with any of their sentences (our phrasing, not theirs)
    seen = {g for sentence in _evaluation_sentences() for g in _grams(sentence)}
    hand = [row.text for row in markup.read(HANDWRITTEN)]
    assert [t for t in hand if _grams(t) & seen] == []
    assert [t for t in _template_runs() if _grams(t) & seen] == []


@pytest.mark.slow
def test_no_training_row_equals_or_nearly_equals_a_typed_line(corpus):
    # Every corpus row indexed (by length, then a word-set filter before `near`), each typed line looked up
    train, dev = corpus
    rows = overlap.Nearness(row.text for row in train + dev + parts(seed=0).calibration)
    close = [(line.text, found) for line in markup.read(TYPED) if (found := rows.close_to(line.text))]
    assert close == []


def test_typed_set_is_big_enough_and_well_formed():
    rows = markup.read(TYPED)
    assert len(rows) >= 300
    assert {r.intent for r in rows} == set(INTENTS)
    assert any(r.roles for r in rows)


@pytest.mark.parametrize("reader", [overlap.devel_fingerprints, overlap.typed_sentences])
def test_corpus_guard_files_missing_fail_loudly(tmp_path, reader):
    # A missing guard file (devel fingerprints, typed set) would let their sentences into training
    from nlu.exceptions import BadData

    with pytest.raises(BadData, match="is missing"):
        reader(tmp_path / "gone.txt")
