"""SLURP's slot scheme mapped to our labels, for both files that use it:

- SLURP rows (`from_slurp`: sentence, tokens, entities over token ids), our dev set;
- the NLU Evaluation Data rows (`from_realdata`: text, entities with character offsets), the
  real commands we train on. They share SLURP's intents and slot types, so they are cut into
  tokens the way SLURP cuts them ("friday's" -> "friday" + "'s") and go through the same
  mapping, below; nothing here is specific to one file.

The mapping follows /shared/data/README.md and ANNOTATION.md:
    event_name              NAME (DOMAIN when it is only a generic word: "meeting", "event")
    date, time, timeofday,  DATE, one span where they stand together ("tomorrow at ten am",
    general_frequency       "this saturday between two and four pm"), with the modifiers SLURP
                            leaves outside ("next [saturday]", "every", "until", "in [two hours]")
    person, relation        PERSON ("my [colleague]" -> "my colleague"); a person's event is
                            one NAME ("[mary 's] [birthday]" -> "mary's birthday")
    place_name              LOCATION
    meal_type               NAME ("schedule [lunch] with sara": the meal is what the event is)
    calendar_set/remove/query -> create (or reschedule) / cancel / query; other scenarios
                            -> out_of_scope
SLURP tags no ACTION or DOMAIN words, so those labels are listed in meta["unscored"]: the
evaluator ignores them there and training marks the untagged tokens as missing rather than
"no entity". Outside the calendar scenario only DATE is scored (see OUTSIDE_CALENDAR_UNSCORED).

SLURP: Bastianelli, Vanzo, Swietojanski and Rieser, EMNLP 2020; text under CC BY 4.0.
NLU Evaluation Data: Liu, Eshghi, Swietojanski and Rieser, IWSDS 2019; text under CC BY 4.0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from nlu.annotated import Annotated
from nlu.importers import Problem

LABEL_OF = {
    "event_name": "NAME",
    "meal_type": "NAME",
    "date": "DATE",
    "time": "DATE",
    "timeofday": "DATE",
    "general_frequency": "DATE",
    "person": "PERSON",
    "relation": "PERSON",
    "place_name": "LOCATION",
}
NAME_TYPES = {"event_name", "meal_type"}
TIME_TYPES = {"time", "timeofday"}
GENERIC = {
    "event",
    "events",
    "calendar event",
    "meeting",
    "meetings",
    "appointment",
    "appointments",
    "reminder",
    "reminders",
    "call",
    "calls",
    "session",
    "sessions",
    "party",
    "parties",
    "booking",
    "bookings",
}
DETERMINERS = {"a", "an", "the", "my", "our", "your", "his", "her", "their"}
# Words that sit between two parts of one time expression ("tomorrow at ten", "friday the
# third", "next week in the morning"); range words only join times ("from two to four").
LINKS = {"at", "on", "in", "the", "this", "next", "of", "around"}
RANGE_LINKS = {"to", "and", "till", "until", "through", "-"}
# Words in front of a DATE that change its meaning, which SLURP often leaves outside.
DATE_MODIFIERS = {
    "next",
    "this",
    "every",
    "each",
    "last",
    "coming",
    "upcoming",
    "following",
    "until",
    "till",
    "before",
    "after",
    "since",
    "by",
    "within",
}
RANGE_OPENERS = {"from", "between"}
DATE_TAILS = {"o'clock", "pm", "p.m.", "a.m."}
NUMBER_WORDS = {
    "a",
    "an",
    "half",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "few",
    "couple",
}
INTENT_OF = {"set": "create", "remove": "cancel", "query": "query"}
# Our intents that each SLURP calendar intent covers: calendar_set also holds moves, edits
# and alerts of existing events, calendar_query also holds free-time questions.
COVERS = {"create": ["create", "reschedule", "update"], "cancel": ["cancel"], "query": ["query", "availability"]}
# Outside the calendar only times are held to our guide: SLURP's persons and places there
# follow other scenarios' rules ("convert nine am [cst] to [est]"), and titles do not exist.
OUTSIDE_CALENDAR_UNSCORED = ["ACTION", "DOMAIN", "NAME", "LOCATION", "PERSON", "ALERT"]
# The scheme has no alert type (SLURP tags "one hour before" as a time), so ALERT is never scored.
CALENDAR_UNSCORED = ["ACTION", "DOMAIN", "ALERT"]


@dataclass(frozen=True)
class Piece:
    """A slot over SLURP tokens [start, end), with the SLURP types at its two ends."""

    label: str
    start: int
    end: int
    first_type: str
    last_type: str


def token_offsets(sentence: str, words: list[str]) -> list[tuple[int, int] | None]:
    """Character offsets of each token in `sentence` ("what's" is "what" + "'s"), None if lost."""
    out, cursor, low = [], 0, sentence.lower()
    for i, word in enumerate(words):
        at = low.find(word.lower(), cursor)
        end = at + len(word)
        follower = words[i + 1].lower() if i + 1 < len(words) else ""
        whole = end == len(low) or not low[end].isalnum() or (follower and low.startswith(follower, end))
        if at < 0 or low[cursor:at].strip() or not whole:
            out.append(None)
            continue
        out.append((at, end))
        cursor = end
    return out


def raw_pieces(row: dict, words: list[str]) -> list[Piece]:
    """The row's entities that map to our labels, as token pieces (NAME only in calendar rows)."""
    out = []
    for entity in row.get("entities") or ():
        label = LABEL_OF.get(entity["type"])
        ids = sorted(entity["span"])
        if label is None or not ids or (label == "NAME" and row.get("scenario") != "calendar"):
            continue
        if entity["type"] == "meal_type" and any(e["type"] == "event_name" for e in row.get("entities") or ()):
            continue
        out.append(Piece(label, ids[0], ids[-1] + 1, entity["type"], entity["type"]))
    return sorted(out, key=lambda p: p.start)


def tidy(piece: Piece, words: list[str], taken: set[int]) -> Piece | None:
    """Apply the guide's span rules to one piece; None when nothing is left."""
    low = [w.lower() for w in words]
    start, end = piece.start, piece.end
    while end > start and low[end - 1] == "'s":
        end -= 1
    if piece.label == "NAME":
        while start < end and low[start] in DETERMINERS:
            start += 1
        if start < end and " ".join(low[start:end]) in GENERIC:
            piece = replace(piece, label="DOMAIN")
    elif piece.label == "PERSON" and piece.first_type == "relation":
        if start > 0 and low[start - 1] in DETERMINERS and start - 1 not in taken:
            start -= 1
    elif piece.label == "DATE":
        start, end = _widen_date(low, start, end, taken)
    return replace(piece, start=start, end=end) if start < end else None


def _widen_date(low: list[str], start: int, end: int, taken: set[int]) -> tuple[int, int]:
    while end < len(low) and low[end] in DATE_TAILS and end not in taken:
        end += 1
    while (
        start > 0
        and start - 1 not in taken
        and (low[start - 1] in DATE_MODIFIERS or (low[start - 1] == "in" and low[start] in NUMBER_WORDS))
    ):
        start -= 1
    return start, end


def _joinable(a: Piece, b: Piece, low: list[str]) -> bool:
    gap = low[a.end : b.start]
    if a.label != b.label or b.start < a.end:
        return False
    if a.label == "PERSON":
        return not gap
    if a.label != "DATE":
        return False
    if all(w in LINKS for w in gap):
        return True
    times = a.last_type in TIME_TYPES and b.first_type in TIME_TYPES
    return times and len(gap) == 1 and gap[0] in RANGE_LINKS


def merge(pieces: list[Piece], low: list[str]) -> list[Piece]:
    """Join neighbouring pieces of one expression ("tomorrow" at "ten am" -> one DATE)."""
    out: list[Piece] = []
    for piece in pieces:
        if out and _joinable(out[-1], piece, low):
            out[-1] = replace(out[-1], end=piece.end, last_type=piece.last_type)
        else:
            out.append(piece)
    return out


def open_ranges(pieces: list[Piece], low: list[str]) -> list[Piece]:
    """ "from"/"between" in front of a DATE range belong to it ("between two and four pm")."""
    taken = {i for p in pieces for i in range(p.start, p.end)}
    out = []
    for p in pieces:
        is_range = p.label == "DATE" and any(w in RANGE_LINKS for w in low[p.start : p.end])
        if is_range and p.start > 0 and low[p.start - 1] in RANGE_OPENERS and p.start - 1 not in taken:
            p = replace(p, start=p.start - 1)
        out.append(p)
    return out


def owned(pieces: list[Piece], low: list[str]) -> list[Piece]:
    """A person's event is one NAME ("[mary's birthday]", "[john's party]"): the event's own
    title, as people write it, rather than PERSON + NAME."""
    out: list[Piece] = []
    for piece in pieces:
        last = out[-1] if out else None
        if (
            last
            and last.label == "PERSON"
            and piece.label == "NAME"
            and (
                (piece.start == last.end + 1 and low[last.end] == "'s")
                or (piece.start == last.end and low[last.end - 1].endswith("'s"))
            )
        ):
            out[-1] = replace(piece, start=last.start)
        else:
            out.append(piece)
    return out


def pieces_of(row: dict, words: list[str]) -> list[Piece]:
    """All our slots of a row, tidied and merged."""
    low = [w.lower() for w in words]
    pieces = raw_pieces(row, words)
    tidied = []
    for piece in pieces:
        others = {i for p in pieces if p is not piece for i in range(p.start, p.end)}
        tidied.extend(t for t in [tidy(piece, words, others)] if t)
    return owned(merge(open_ranges(merge(tidied, low), low), low), low)


def intents_of(row: dict) -> tuple[str, list[str]]:
    """Our intent, and every intent that counts as right (calendar_set covers reschedules too)."""
    if row.get("scenario") != "calendar":
        return "out_of_scope", ["out_of_scope"]
    intent = INTENT_OF.get(str(row.get("intent", "")).split("_")[-1], "query")
    return intent, COVERS[intent]


def from_slurp(row: dict, line: int = 0) -> Annotated:
    """One SLURP row as an Annotated example; tokens not found in the sentence are reported."""
    text = row["sentence"]
    words = [t["surface"] for t in sorted(row["tokens"], key=lambda t: t["id"])]
    offsets = token_offsets(text, words)
    spans, problems = [], []
    for p in pieces_of(row, words):
        first, last = offsets[p.start], offsets[p.end - 1]
        if first is None or last is None:
            problems.append(
                Problem(line, text, (0, 0, p.label), f"SLURP tokens {words[p.start : p.end]} not found in the sentence")
            )
            continue
        spans.append((first[0], last[1], p.label))
    intent, accepted = intents_of(row)
    unscored = CALENDAR_UNSCORED if row.get("scenario") == "calendar" else OUTSIDE_CALENDAR_UNSCORED
    meta = {
        "row": line,
        "slurp_id": row.get("slurp_id"),
        "scenario": row.get("scenario"),
        "unscored": unscored,
        "intents_ok": accepted,
        "load_problems": problems,
    }
    return Annotated(text=text, spans=tuple(spans), intent=intent, source="slurp", meta=meta)


# --- the NLU Evaluation Data: character offsets, cut into SLURP's tokens ----------------------

_WORD = re.compile(r"\S+")


def realdata_tokens(row: dict) -> list[tuple[int, int]]:
    """Character bounds of the row's tokens: whitespace-separated words, also cut where an
    entity starts or ends inside one and before a final "'s" (SLURP's "friday" + "'s")."""
    cuts = {e["start"] for e in row.get("entities") or ()} | {e["end"] for e in row.get("entities") or ()}
    out = []
    for match in _WORD.finditer(row["text"]):
        start, end = match.span()
        inner = sorted(c for c in cuts if start < c < end)
        if row["text"][start:end].lower().endswith("'s") and end - 2 > start:
            inner = sorted(set(inner) | {end - 2})
        for a, b in zip([start, *inner], [*inner, end], strict=True):
            out.append((a, b))
    return out


def as_slurp_row(row: dict) -> tuple[dict, list[str], list[tuple[int, int]]]:
    """The row in SLURP's shape (entities over token ids), its words and their bounds."""
    bounds = realdata_tokens(row)
    words = [row["text"][a:b] for a, b in bounds]
    entities = []
    for e in row.get("entities") or ():
        ids = [i for i, (a, b) in enumerate(bounds) if a >= e["start"] and b <= e["end"]]
        if ids:
            entities.append({"type": e["type"], "span": ids})
    return {**row, "entities": entities}, words, bounds


def from_realdata(row: dict, line: int = 0) -> Annotated:
    """One NLU Evaluation Data row as an Annotated example, mapped as SLURP rows are."""
    slurp_row, words, bounds = as_slurp_row(row)
    spans = tuple((bounds[p.start][0], bounds[p.end - 1][1], p.label) for p in pieces_of(slurp_row, words))
    intent, accepted = intents_of(slurp_row)
    unscored = CALENDAR_UNSCORED if row.get("scenario") == "calendar" else OUTSIDE_CALENDAR_UNSCORED
    meta = {
        "row": line,
        "scenario": row.get("scenario"),
        "source_intent": row.get("intent"),
        "unscored": unscored,
        "intents_ok": accepted,
    }
    return Annotated(text=row["text"], spans=spans, intent=intent, source="realdata", meta=meta)
