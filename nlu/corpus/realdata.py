"""SLURP rows as training examples in our labels (the EVEN slurp_id half only).

Policy (decided by the lead, written in the corpus README and the model card): rows with an
even `slurp_id` may be trained on; rows with an odd id never are, they are the clean
evaluation half (`bench/slurp_half.py`).

SLURP's format and its mapping to our labels live in one place, `nlu.slot_scheme` (the importer):
slot types -> labels, DATE pieces merged and widened to the modifiers SLURP leaves outside,
determiners and possessive "'s" left out, a bare generic event_name as DOMAIN. This module
adds only what training needs on top:
- outside the calendar scenario only DATE spans are kept (like our generated out-of-scope
  rows; SLURP's persons and places there follow other scenarios' rules);
- an event_name made only of our lexicon's kind words is DOMAIN ("appointments");
- ACTION and DOMAIN, which SLURP does not mark, are added by lexicon matching: the intent's
  verbs where they appear outside other slots, and the generic kind words;
- calendar_set -> create, or reschedule when a reschedule verb and no create verb is said;
- the even-id selection and the repetition weights.
"""
from __future__ import annotations

import json
from pathlib import Path

from nlu import slot_scheme as slurp_format
from nlu.corpus import lexicons
from nlu.annotated import Annotated

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "slurp_devel.jsonl"
GENERIC = set(lexicons.DOMAINS) | set(lexicons.DOMAINS_PLURAL) | {"events"}
WAKE = {"olly", "siri", "alexa", "hey", "ok", "okay", "google", "please", "pikachu"}
# Verbs whose reading is clear enough to label in SLURP rows (a subset of the generator's).
ACTIONS = {
    "create": ["remind me about", "remind me of", "remind me", "schedule", "create", "add", "put", "book",
               "reserve", "set up", "arrange", "plan", "organise", "organize", "make", "set", "mark",
               "note", "enter", "save", "block", "pencil in", "log", "insert", "remember", "notify me",
               "alert me", "flag"],
    "reschedule": ["reschedule", "change", "move", "postpone", "push back", "push", "shift", "delay",
                   "bring forward", "update", "rearrange"],
    "cancel": ["cancel", "delete", "remove", "call off", "drop", "clear", "scrap", "erase", "get rid of",
               "take off", "wipe", "wipe out"],
    "query": ["show me", "show", "list", "check", "tell me", "read me", "read", "give me", "look up",
              "find", "pull up", "display", "open"],
}


def rows(path: Path = DATA) -> list[dict]:
    """SLURP JSONL rows."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def trainable(row: dict) -> bool:
    """The lead's split: even slurp_id rows may be trained on, odd ones never."""
    return int(row["slurp_id"]) % 2 == 0


def intent_of(row: dict, words: list[str]) -> str:
    """Our intent for a SLURP row."""
    if row["scenario"] != "calendar":
        return "out_of_scope"
    kind = row["intent"].split("_")[-1]
    if kind == "remove":
        return "cancel"
    if kind == "query":
        return "query"
    text = " " + " ".join(words) + " "
    creates = any(f" {v} " in text for v in ACTIONS["create"])
    moves = any(f" {v} " in text for v in ("reschedule", "postpone", "move", "push", "change", "shift", "delay"))
    return "reschedule" if moves and not creates else "create"


def token_spans(row: dict, words: list[str], intent: str) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, label) spans: `nlu.slot_scheme`'s slots plus our training additions."""
    spans = []
    for piece in slurp_format.pieces_of(row, words):
        if intent == "out_of_scope" and piece.label != "DATE":
            continue
        label = piece.label
        if label == "NAME" and all(w in GENERIC for w in words[piece.start:piece.end]):
            label = "DOMAIN"
        spans.append((piece.start, piece.end, label))
    if intent != "out_of_scope":
        spans = _add_lexical(spans, words, intent)
    return sorted(spans)


def _add_lexical(spans, words: list[str], intent: str) -> list[tuple[int, int, str]]:
    """ACTION (the intent's verb) and DOMAIN (generic kind words) where no slot is yet."""
    taken = {i for s, e, _ in spans for i in range(s, e)}
    out = list(spans)
    verbs = ACTIONS[intent] if intent in ACTIONS else []
    found = _find(words, verbs, taken, intent == "query")
    if found:
        out.append((*found, "ACTION"))
        taken.update(range(*found))
    for i, word in enumerate(words):
        if i not in taken and word in GENERIC and word not in {"date", "plan", "plans", "item", "slot", "task",
                                                                "function", "visit", "class", "shift", "call"}:
            out.append((i, i + 1, "DOMAIN"))
            taken.add(i)
    return out


def _find(words: list[str], phrases: list[str], taken: set[int], at_start: bool) -> tuple[int, int] | None:
    """The first occurrence of one of `phrases` (longest first) outside other slots."""
    first = 0
    while at_start and first < len(words) and words[first] in WAKE | {"can", "you", "could", "would", "i", "want", "to", "need"}:
        first += 1
    for i in range(first, len(words)):
        for phrase in sorted(phrases, key=len, reverse=True):
            n = len(phrase.split())
            if words[i:i + n] == phrase.split() and not taken.intersection(range(i, i + n)):
                return i, i + n
        if at_start:
            return None
    return None


def to_annotated(row: dict) -> Annotated | None:
    """One SLURP row in our labels (module docstring), or None when its tokens do not match its text."""
    sentence = row["sentence"]
    words = [t["surface"].lower() for t in row["tokens"]]
    offsets = slurp_format.token_offsets(sentence, words)
    if None in offsets:
        return None
    intent = intent_of(row, words)
    spans = tuple((offsets[s][0], offsets[e - 1][1], label) for s, e, label in token_spans(row, words, intent))
    return Annotated(text=sentence, spans=spans, intent=intent, source="slurp-even", template=f"slurp:{row['slurp_id']}")


def training_examples(path: Path = DATA, calendar_repeat: int = 3, other_repeat: int = 2) -> list[Annotated]:
    """The even-id half as training rows, repeated: real commands are scarce and worth more than generated ones."""
    if not path.exists():
        return []
    out = []
    for row in rows(path):
        if trainable(row):
            example = to_annotated(row)
            if example is None:
                continue
            out.extend([example] * (calendar_repeat if row["scenario"] == "calendar" else other_repeat))
    return out
