"""The real commands we train on: the NLU Evaluation Data (8,387 rows), in our labels and intents.

The file is our copy, `data/nlu_eval_data.jsonl` (Liu, Eshghi, Swietojanski and Rieser,
"Benchmarking Natural Language Understanding Services for building Conversational Agents",
IWSDS 2019; CC BY 4.0), with the intent-label fixes listed in the corpus README. Its slot
types are mapped by `nlu.slot_scheme` (the one mapping shared with SLURP). This module adds
only what training needs on top:

- our intent for each row (`intent_of`, rules documented in the corpus README): calendar_set
  is create, reschedule (a move verb and no create verb) or update (an alert offset, people
  added to an event, a repetition or a place set on an existing event); calendar_query is
  query or availability (a free-time question); calendar_remove is cancel; other scenarios
  are out_of_scope;
- ALERT spans ("fifteen minutes before", "a two day notification before") found by a pattern,
  replacing the DATE piece SLURP's scheme tags there;
- ACTION and DOMAIN, which the source does not mark, added by lexicon matching;
- outside the calendar scenario only DATE spans are kept (as in our generated out-of-scope rows);
- a stable split into train, dev and calibration slices, and the calendar oversampling.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from nlu import slot_scheme
from nlu.annotated import Annotated
from nlu.corpus import lexicons, split
from nlu.exceptions import BadData

DATA = Path(__file__).resolve().parent / "data" / "nlu_eval_data.jsonl"
CREDIT = (
    'NLU Evaluation Data (Liu, Eshghi, Swietojanski and Rieser, "Benchmarking Natural Language '
    'Understanding Services for building Conversational Agents", IWSDS 2019), text under CC BY 4.0'
)
DEV_SHARE = 6  # percent of rows for spaCy's dev split (model selection)
CALIBRATION_SHARE = 10  # percent of rows never trained on, for fitting the confidence temperature
CALENDAR_REPEAT = 3  # calendar rows are 5% of the file and the ones we care most about

GENERIC = set(lexicons.DOMAINS) | set(lexicons.DOMAINS_PLURAL) | {"events"}
NOT_GENERIC = {"date", "plan", "plans", "item", "slot", "task", "function", "visit", "class", "shift", "call"}
WAKE = {"olly", "siri", "alexa", "hey", "hi", "ok", "okay", "google", "please", "pikachu"}
ACTIONS = {
    "create": [
        "remind me about",
        "remind me of",
        "remind me",
        "schedule",
        "create",
        "add",
        "put",
        "book",
        "reserve",
        "set up",
        "arrange",
        "plan",
        "organise",
        "organize",
        "make",
        "set",
        "mark",
        "note",
        "enter",
        "save",
        "block off",
        "block",
        "pencil in",
        "log",
        "insert",
        "remember",
        "notify me",
        "alert me",
        "write down",
        "flag",
    ],
    "reschedule": [
        "reschedule",
        "change",
        "move",
        "postpone",
        "push back",
        "push",
        "shift",
        "delay",
        "bring forward",
        "rearrange",
    ],
    "update": [
        "remind me",
        "notify me",
        "alert me",
        "add",
        "invite",
        "remove",
        "repeat",
        "set",
        "make",
        "activate",
        "rename",
        "call it",
        "stop",
    ],
    "cancel": [
        "cancel",
        "delete",
        "remove",
        "call off",
        "drop",
        "clear",
        "scrap",
        "erase",
        "get rid of",
        "take off",
        "take out",
        "wipe",
        "dismiss",
        "destroy",
        "empty",
    ],
    "query": [
        "show me",
        "show",
        "list",
        "check",
        "tell me",
        "read me",
        "give me",
        "look up",
        "find",
        "pull up",
        "display",
        "open",
        "search",
    ],
    "availability": ["find"],
}
MOVE_WORDS = ("reschedule", "postpone", "move", "push", "change", "shift", "delay", "rearrange")
FREE_TIME = re.compile(
    r"\b(am i (free|available|busy)|free time|free break|openings?|off days|"
    r"calendar free|schedule full|when am i free|do i have time|any time)\b"
)
# "fifteen minutes before", "a one week notification before", "two day notification before",
# "an hour before", "in advance": the offset of an alert (ANNOTATION.md's ALERT).
_AMOUNT = r"(?:\d+|a|an|one|two|three|four|five|ten|fifteen|twenty|thirty|forty five|half an?)"
_UNIT = r"(?:minutes?|mins?|hours?|days?|weeks?)"
ALERT = re.compile(rf"\b(?:{_AMOUNT} )?(?:{_AMOUNT} )?{_UNIT}(?: notification)? (?:before|in advance|prior)\b")
UPDATE_SHAPES = re.compile(r"\b(add \w+ and \w+ to|repeat|recur|location is|notification before)\b")


def rows(path: Path = DATA) -> list[dict]:
    """The rows of our copy; a missing copy is an error (a fresh clone must be able to retrain)."""
    if not path.exists():
        raise BadData(
            f"the real training data is missing: {path} (it ships with the project; "
            "restore it from git or copy ../shared/data/nlu_eval_data.jsonl there)"
        )
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def intent_of(row: dict, alert: bool) -> str:
    """Our intent for a row (rules in the module docstring and the corpus README)."""
    if row["scenario"] != "calendar":
        return "out_of_scope"
    kind, text = row["intent"].split("_")[-1], " " + row["text"].lower() + " "
    if kind == "remove":
        return "cancel"
    if kind == "query":
        return "availability" if FREE_TIME.search(text) else "query"
    creates = any(f" {v} " in text for v in ACTIONS["create"])
    if alert or (UPDATE_SHAPES.search(text) and not re.search(r"\b(create|schedule|new)\b", text)):
        return "update"
    moves = any(f" {v} " in text for v in MOVE_WORDS)
    return "reschedule" if moves and not creates else "create"


def alert_spans(text: str, spans: tuple) -> tuple[list[tuple[int, int, str]], bool]:
    """The spans with each alert offset as one ALERT span (DATE pieces inside it dropped)."""
    found = [m.span() for m in ALERT.finditer(text.lower())]
    kept = [s for s in spans if not any(a < s[1] and s[0] < b for a, b in found)]
    return sorted(kept + [(a, b, "ALERT") for a, b in found]), bool(found)


def to_annotated(row: dict, line: int = 0) -> Annotated:
    """One row as a training example in our labels, with ACTION and DOMAIN added."""
    example = slot_scheme.from_realdata(row, line)
    spans, alert = alert_spans(example.text, example.spans) if row["scenario"] == "calendar" else (example.spans, False)
    intent = intent_of(row, alert)
    if intent == "out_of_scope":
        spans = [s for s in spans if s[2] == "DATE"]
    else:
        spans = lexical(example.text, list(spans), intent)
    return Annotated(
        text=example.text, spans=tuple(sorted(spans)), intent=intent, source="realdata", template=f"realdata:{line}"
    )


def lexical(text: str, spans: list[tuple[int, int, str]], intent: str) -> list[tuple[int, int, str]]:
    """ACTION (the intent's verb) and DOMAIN (generic kind words) where no slot is yet; a NAME
    made only of kind words ("appointments") becomes DOMAIN."""
    words = [(m.start(), m.end(), m.group().lower()) for m in re.finditer(r"[\w']+", text)]
    out = [
        (s, e, "DOMAIN") if label == "NAME" and text[s:e].lower() in GENERIC else (s, e, label) for s, e, label in spans
    ]
    taken = lambda a, b: any(s < b and a < e for s, e, _ in out)  # noqa: E731 - one-line test
    verb = _find_verb(words, ACTIONS.get(intent, []), taken, question=intent in ("query", "availability"))
    if verb:
        out.append((*verb, "ACTION"))
    for start, end, word in words:
        if word in GENERIC and word not in NOT_GENERIC and not taken(start, end):
            out.append((start, end, "DOMAIN"))
    return out


def _find_verb(words, phrases: list[str], taken, question: bool) -> tuple[int, int] | None:
    """Bounds of the first of `phrases` (longest first) outside other slots; in a question only
    at its start (after wake words), since "what do i have" has no ACTION."""
    low = [w for _, _, w in words]
    first = 0
    while question and first < len(low) and low[first] in WAKE | {"can", "you", "could", "would", "i", "want", "to"}:
        first += 1
    for i in range(first, len(low)):
        for phrase in sorted(phrases, key=len, reverse=True):
            n = len(phrase.split())
            if low[i : i + n] == phrase.split() and not taken(words[i][0], words[i + n - 1][1]):
                return words[i][0], words[i + n - 1][1]
        if question:
            return None
    return None


def part_of(text: str) -> str:
    """Which slice a row belongs to: "train", "dev" or "calibration" (a stable hash of its text)."""
    bucket = split.bucket("realdata:" + text)
    if bucket < CALIBRATION_SHARE:
        return "calibration"
    return "dev" if bucket < CALIBRATION_SHARE + DEV_SHARE else "train"


def examples(path: Path = DATA) -> dict[str, list[Annotated]]:
    """{"train", "dev", "calibration"}: the rows of each slice; calendar training rows repeated."""
    out: dict[str, list[Annotated]] = {"train": [], "dev": [], "calibration": []}
    for line, row in enumerate(rows(path), start=1):
        example = to_annotated(row, line)
        part = part_of(row["text"])
        repeat = CALENDAR_REPEAT if part == "train" and row["scenario"] == "calendar" else 1
        out[part].extend([example] * repeat)
    return out


def for_evaluation(example: Annotated) -> Annotated:
    """A real row as evaluation data: ACTION/DOMAIN unscored (they were added by rule)."""
    return replace(example, meta={**example.meta, "unscored": ["ACTION", "DOMAIN"]})
