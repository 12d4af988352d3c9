"""The names probe (nlu/corpus/eval/names_probe.txt) measures unknown person names: its
names (names_probe_people.txt) must stay out of everything the pipeline trains on."""

from __future__ import annotations

import re
from pathlib import Path

from nlu.corpus import HANDWRITTEN, lexicons, markup

EVAL = Path(__file__).resolve().parents[1] / "nlu" / "corpus" / "eval"
PROBE, PEOPLE = EVAL / "names_probe.txt", EVAL / "names_probe_people.txt"
REAL = Path(__file__).resolve().parents[1] / "nlu" / "corpus" / "data" / "nlu_eval_data.jsonl"
TITLES = {"dr.", "doctor", "mister", "mr.", "mrs.", "ms.", "professor", "coach"}


def _probe_words() -> set[str]:
    lines = PEOPLE.read_text(encoding="utf-8").splitlines()
    return {w.lower() for line in lines if line.strip() and not line.startswith("#") for w in line.split()}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def test_probe_is_well_formed_and_its_people_are_listed():
    rows = markup.read(PROBE, "probe")
    assert len(rows) >= 150
    listed = _probe_words()
    for row in rows:
        for start, end, label in row.spans:
            if label == "PERSON":
                assert set(row.text[start:end].lower().split()) - TITLES <= listed, row.text


def test_probe_names_are_in_no_training_source():
    probe = _probe_words()
    people = [
        v
        for name in (
            "PEOPLE",
            "FIRST_NAMES",
            "WORLD_FIRST_NAMES",
            "WORLD_SURNAMES",
            "FIRST_NAME_TITLES",
            "NAMES",
            "TASKS",
            "LOCATIONS",
        )
        for v in getattr(lexicons, name, [])
    ]
    assert {w for v in people for w in _words(v)} & probe == set()
    assert _words(HANDWRITTEN.read_text(encoding="utf-8")) & probe == set()
    assert _words(REAL.read_text(encoding="utf-8")) & probe == set()
    templates = Path(lexicons.__file__).with_name("templates.py")
    assert _words(templates.read_text(encoding="utf-8")) & probe == set()
