"""SLURP rows as training examples in our labels (the EVEN slurp_id half only).

Policy (decided by the lead, written in the corpus README and the model card): rows with an
even `slurp_id` may be trained on; rows with an odd id never are, they are the clean
evaluation half (`bench/slurp_half.py`).

Conversion follows ../shared/data/README.md and ANNOTATION.md:
- event_name -> NAME, or DOMAIN when it is only a generic word ("meeting", "appointments");
  a leading "the"/"a"/"my" is left out of NAME.
- date, time, timeofday, general_frequency -> DATE; neighbours joined into one span when only
  linking words stand between them ("tomorrow at two pm"); the words SLURP leaves outside
  but our DATE includes are pulled in ("next", "this", "every", "in" of "in one hour", ...).
- person, relation -> PERSON ("my colleague" keeps its "my", as the guide writes it);
  place_name -> LOCATION; other SLURP slots are not ours and stay unlabelled.
- ACTION and DOMAIN, which SLURP does not mark, are added by lexicon matching: the intent's
  verbs where they appear outside other slots, and the generic kind words.
- calendar_set -> create (reschedule when a reschedule verb and no create verb is said),
  calendar_remove -> cancel, calendar_query -> query, every other scenario -> out_of_scope
  (with its DATE spans, like our generated out-of-scope rows).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from nlu.corpus import lexicons
from nlu.examples import Annotated

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "slurp_devel.jsonl"
WHEN_TYPES = {"date", "time", "timeofday", "general_frequency"}
LABEL_OF = {"event_name": "NAME", "person": "PERSON", "relation": "PERSON", "place_name": "LOCATION"}
GENERIC = set(lexicons.DOMAINS) | set(lexicons.DOMAINS_PLURAL) | {"events"}
DATE_GLUE = {"at", "on", "in", "the", "of", "around", "about", "in the"}
DATE_PREFIX = {"next", "this", "coming", "upcoming", "last", "every", "each", "following", "from",
               "until", "till", "before", "after", "between", "by", "in", "within", "the"}
NAME_LEAD = {"the", "a", "an", "my", "our", "his", "her"}
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


def token_offsets(sentence: str, surfaces: list[str]) -> list[tuple[int, int]]:
    """Character offsets of SLURP's tokens in its sentence ("what's" is "what" + "'s")."""
    out, pos, lower = [], 0, sentence.lower()
    for surface in surfaces:
        start = lower.find(surface.lower(), pos)
        if start < 0:
            raise ValueError(f"token {surface!r} not found in {sentence!r}")
        out.append((start, start + len(surface)))
        pos = start + len(surface)
    return out


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
    """(first token, last token + 1, label) spans in our conventions."""
    spans = []
    for ent in row["entities"]:
        ids = sorted(ent["span"])
        kind = ent["type"]
        if kind in WHEN_TYPES:
            spans.append((ids[0], ids[-1] + 1, "DATE"))
        elif intent != "out_of_scope" and kind in LABEL_OF:
            spans.append((ids[0], ids[-1] + 1, LABEL_OF[kind]))
    spans = _join_dates(sorted(spans), words)
    spans = [_adjust(s, words, spans) for s in spans]
    if intent != "out_of_scope":
        spans = _add_lexical(spans, words, intent)
    return sorted(spans)


def _join_dates(spans: list[tuple[int, int, str]], words: list[str]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out and out[-1][2] == "DATE" == span[2]:
            gap = " ".join(words[out[-1][1]:span[0]])
            if gap == "" or gap in DATE_GLUE:
                out[-1] = (out[-1][0], span[1], "DATE")
                continue
        out.append(span)
    return out


def _adjust(span: tuple[int, int, str], words: list[str], spans) -> tuple[int, int, str]:
    start, end, label = span
    taken = {i for s, e, _ in spans if (s, e) != (start, end) for i in range(s, e)}
    if label == "DATE":
        while start > 0 and start - 1 not in taken and words[start - 1] in DATE_PREFIX:
            if words[start - 1] == "the" and not (start > 1 and words[start - 2] in DATE_PREFIX):
                break
            start -= 1
    elif label == "NAME":
        while end - start > 1 and words[start] in NAME_LEAD:
            start += 1
        if all(w in GENERIC for w in words[start:end]) or " ".join(words[start:end]) in GENERIC:
            label = "DOMAIN"
    elif label == "PERSON" and start > 0 and words[start - 1] in {"my", "the"} and start - 1 not in taken:
        start -= 1
    return start, end, label


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


def _trim_possessive(text: str, start: int, end: int, label: str) -> tuple[int, int, str]:
    """PERSON is the person: "[bob]'s birthday" (SLURP's token is "bob's"); DATE keeps its 's."""
    if label == "PERSON" and text[start:end].endswith("'s") and end - start > 2:
        end -= 2
    return start, end, label


def to_annotated(row: dict) -> Annotated | None:
    """One SLURP row in our labels (module docstring), or None when its tokens do not match its text."""
    sentence = row["sentence"]
    words = [t["surface"].lower() for t in row["tokens"]]
    try:
        offsets = token_offsets(sentence, words)
    except ValueError:
        return None
    intent = intent_of(row, words)
    spans = tuple(_trim_possessive(sentence, offsets[s][0], offsets[e - 1][1], label)
                  for s, e, label in token_spans(row, words, intent))
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
