"""DATE span conventions decided by rule after the model: coordinated times and lead words.

The model draws one span over "this week or next", "10:30 to 11" or "from Friday to
Thursday at 2", and two over "from July 3rd to July 17th", about as often as not. What the
span should be follows from the words and the intent, the same way in every command
(ANNOTATION.md: one span for a range, "from 3 to 5 pm"; separate spans, each with its role,
for the old and the new time, "move the [3 pm] meeting to [5 pm]"):

- alternatives are two spans: "[6] or [7 tonight]", "[the 9th] or [the 10th]", "[this
  week] or [next]";
- two times joined by "and" outside a "between" range are two spans: "my [2pm] and [4pm]";
- in a reschedule, "(from) A to B" is the old and the new time, two spans: "move my
  [10:30] to [11]", "from [Friday] to [Thursday at 2]";
- elsewhere "from A" and "to B" said side by side are one range: "[from July 3rd to July
  17th]", "[Friday from 2 to 3:30pm]";
- a lead word that only introduces the time is left out when the time means the same
  without it: "[in] March", "put it [in] tomorrow at 4", "[the] 4pm meeting", "[the]
  Monday standup", and a "from" that starts no range ("remove it [from] Thursday"). "in two
  hours" keeps its "in" (without it, it is a length), "the 20th" its "the" (a day of the
  month is said with it).
- words in front that the date grammar never reads go, with the linking words among and
  after them, when the time reads the same without them: "add to [calendar] may two", "a
  [clash on] Wednesday"; the grammar's own words ("this", "next", "an") stay.

- a time the speaker takes back is left out ("tuesday no sorry [wednesday]"); a corrected
  hour keeps the day said before it ("[tuesday] at six i mean [seven]"), also when the model
  drew both into one span or left the correction untagged (`corrected`).

A part is kept only when it resolves on its own (the second of two alternatives may be an
ellipsis, "or [next]"), so a phrase the resolver reads as one thing ("between two and four
pm", "half past four") is never cut.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from nlu import dates
from nlu.dates import spelling
from nlu.result import Slot, TimeSpan

RANGE_WORDS = ("to", "until", "till", "through", "thru")
WEEKDAY = re.compile(r"(mon|tues?|wed(nes)?|thu(rs?)?|fri|sat(ur)?|sun)(day)?s?\b", re.IGNORECASE)
CLOCK = re.compile(r"\d{1,2}(:\d\d)?\s*(am|pm|a\.m\.|p\.m\.)?\b", re.IGNORECASE)


def tidy(intent: str, text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with DATE lead words trimmed, self-corrections applied and, outside a
    reschedule, ranges joined."""
    trimmed = []
    for slot in slots:
        new = _trim_lead(text, slot, ref) if slot.label == "DATE" else slot
        # a year taken in after the span must not run into another slot ("[2027]" said again)
        clash = any(o is not slot and o.start < new.end and new.start < o.end for o in slots)
        trimmed.append(slot if clash else new)
    out = corrected(text, tuple(trimmed), ref)
    return out if intent == "reschedule" else _join_ranges(text, out, ref)


def cut(intent: str, text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with each DATE that coordinates two times cut in two (alternatives, "and",
    and in a reschedule the old and the new time). The parse's `when` still reads the uncut
    phrase where no role tells the new time from the old: "[6] or [7 tonight]" asks about
    the evening the whole phrase names."""
    return tuple(piece for s in slots for piece in (_cut(intent, text, s, ref) if s.label == "DATE" else [s]))


# Words a speaker corrects a time with ("tuesday no sorry wednesday", "at six i mean seven").
_MARKERS = r"(?:i mean|no sorry|sorry|no wait|wait|actually|or rather|make that|no no|no|scratch that|correction)"
# Said right before the corrected time, between two DATEs (a linking word may follow: "no
# wait, on friday"); inside one DATE span ("tomorrow at 6 [no] 7"); or right after one, before
# words the model left out ("[tuesday at six] i mean seven").
CORRECTION = re.compile(rf"(?:^|[\s,.;-]){_MARKERS}[\s,.;-]*(?:(?:on|at|to|for|in|the)\s+)?$", re.IGNORECASE)
INSIDE = re.compile(rf"[\s,]+{_MARKERS}[\s,]+", re.IGNORECASE)
AFTER = re.compile(rf"[\s,]+(?:uh\s+|um\s+)?{_MARKERS}[\s,]+(?:(?:on|at)\s+)?", re.IGNORECASE)
MAX_CORRECTION_WORDS = 5


def corrected(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with a correction the model kept in one span, or left untagged, made a DATE of
    its own, and then the time the speaker took back left out (`_taken_back`)."""
    out: list[Slot] = []
    for slot in slots:
        if slot.label != "DATE" or slot.value is None:
            out.append(slot)
            continue
        out.extend(_split_correction(text, slot, ref))
        said = _untagged_correction(text, out[-1], slots, ref)
        if said is not None:
            out.append(said)
    return _taken_back(text, tuple(out), ref)


def _split_correction(text: str, slot: Slot, ref: datetime) -> list[Slot]:
    """One DATE, or its two halves when a correction parts them and both read as times."""
    found = INSIDE.search(slot.text)
    if found is None or found.start() == 0:
        return [slot]
    left = date_slot(text, slot.start, slot.start + found.start(), ref)
    right = date_slot(text, slot.start + found.end(), slot.end, ref)
    return [left, right] if left.value is not None and right.value is not None else [slot]


def _untagged_correction(text: str, slot: Slot, slots: tuple[Slot, ...], ref: datetime) -> Slot | None:
    """The time said right after "i mean", "no sorry", ... behind `slot` that no slot took:
    the longest run of up to five words there that reads as a time."""
    found = AFTER.match(text, slot.end)
    if found is None or any(s.start >= slot.end and s.start < found.end() + 1 for s in slots):
        return None
    words = list(re.finditer(r"\S+", text[found.end() :]))[:MAX_CORRECTION_WORDS]
    for k in range(len(words), 0, -1):
        end = found.end() + words[k - 1].end()
        if any(s.start < end and found.end() < s.end for s in slots):
            continue
        piece = date_slot(text, found.end(), end, ref)
        if piece.value is not None and piece.text[-1].isalnum():
            return piece
    return None


def _taken_back(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with a time the speaker took back left out. A DATE that follows a correction
    ("... no sorry [wednesday]") replaces the DATE before it when it names a day of its own;
    when it is only a time of day ("[tuesday] at six i mean [seven]"), the day before it
    stays and only the earlier time goes ("[tuesday at six] i mean [seven]" keeps
    "[tuesday]"), so `when` reads the day with the corrected time."""
    out: list[Slot] = []
    for slot in slots:
        prev = next((s for s in reversed(out) if s.label == "DATE"), None)
        if slot.label != "DATE" or prev is None or slot.value is None or not _corrects(text, prev, slot):
            out.append(slot)
            continue
        day = None if _has_day(slot.text) else _day_part(text, prev, ref)
        out = [s for s in out if s is not prev] + ([day] if day is not None else [])
        out.append(slot)
    return tuple(sorted(out, key=lambda s: s.start))


def _corrects(text: str, before: Slot, after: Slot) -> bool:
    between = text[before.end : after.start]
    return len(between) < 40 and CORRECTION.search(" " + between) is not None


def _has_day(phrase: str) -> bool:
    """Whether a time phrase names its own day ("wednesday", "the 9th", "tomorrow")."""
    low = phrase.lower()
    return bool(WEEKDAY.search(low)) or any(w in low for w in DAY_WORDS) or bool(re.search(r"\d(st|nd|rd|th)\b", low))


DAY_WORDS = frozenset(
    {"today", "tonight", "tomorrow", "yesterday", "week", "month", "year", "jan", "feb", "mar", "apr", "may", "jun"}
    | {"jul", "aug", "sep", "oct", "nov", "dec", "first", "second", "third", "teenth", "fifth", "sixth", "seventh"}
    | {"eighth", "ninth", "tenth", "eleventh", "twelfth", "twentieth"}
)


def _day_part(text: str, slot: Slot, ref: datetime) -> Slot | None:
    """The day a DATE names without its time of day ("tuesday at six" -> "tuesday"), or None."""
    words = slot.text.split()
    for k in range(len(words), 0, -1):
        piece = " ".join(words[:k])
        value = dates.resolve(piece, ref)
        if words[k - 1].lower() in _LINKS:
            continue
        if value is not None and value.grain == "day" and _has_day(piece):
            return date_slot(text, slot.start, slot.start + len(piece), ref)
    return None


def _cut(intent: str, text: str, slot: Slot, ref: datetime) -> list[Slot]:
    """One DATE slot, or the two it coordinates."""
    changes = intent in ("reschedule", "update")
    joiners = ["or", "and"] + (list(RANGE_WORDS) if changes else [])
    words = slot.text.lower().split()
    if not words or "between" in words or "every" in words:
        return [slot]
    if slot.value is not None and slot.value.rrule:
        return _repeats_changed(text, slot, ref) if changes else [slot]
    if clock_minute(slot.value) and not re.search(r"\s(?:or|and)\s", slot.text, re.IGNORECASE):
        return [slot]  # "ten to four": one clock time, no old and new
    for joiner in joiners:
        match = re.search(rf"\s{joiner}\s", slot.text, re.IGNORECASE)
        if match is None or _inside_a_phrase(slot.text[: match.start()], slot.text[match.end() :]):
            continue
        left_start = slot.start
        if joiner in RANGE_WORDS and words[0] == "from":
            left_start += len(slot.text.split()[0]) + 1
        left = date_slot(text, left_start, slot.start + match.start(), ref)
        right = date_slot(text, slot.start + match.end(), slot.end, ref)
        if left.value is not None and (right.value is not None or joiner == "or"):
            return [left, right]
    return [slot]


def _repeats_changed(text: str, slot: Slot, ref: datetime) -> list[Slot]:
    """ "change pilates [from tuesdays] to [wednesdays]", "[from daily] to [twice a week]": a
    change of one repeat for another is two DATEs, old and new, when each side repeats."""
    match = re.search(rf"\s(?:{'|'.join(RANGE_WORDS)})\s", slot.text, re.IGNORECASE)
    if match is None:
        return [slot]
    lead = len(slot.text.split()[0]) + 1 if slot.text.lower().startswith("from ") else 0
    left = date_slot(text, slot.start + lead, slot.start + match.start(), ref)
    right = date_slot(text, slot.start + match.end(), slot.end, ref)
    if left.value is None or right.value is None or not (left.value.rrule and right.value.rrule):
        return [slot]
    return [left, right]


def _inside_a_phrase(before: str, after: str) -> bool:
    """Whether a joiner belongs to one phrase: a spoken number ("two thousand and
    seventeen", "six hundred and forty five") or an amount ("two and a half hours")."""
    last = before.lower().split()[-1:]
    return last in (["hundred"], ["thousand"]) or after.lower().startswith(("a half", "a quarter"))


def _trim_lead(text: str, slot: Slot, ref: datetime) -> Slot:
    """The slot without lead words that only introduce it (module docstring), and without
    words in front that the date grammar never reads (`_drop_foreign`)."""
    slot = _with_year(text, _drop_foreign(text, slot, ref), ref)
    first, _, rest = slot.text.partition(" ")
    lead = first.lower()
    if not rest or lead not in ("in", "the", "from"):
        return slot
    if lead == "the" and not (WEEKDAY.match(rest) or CLOCK.fullmatch(rest.split()[0])):
        return slot
    if lead == "from" and any(f" {w} " in f" {rest.lower()} " for w in RANGE_WORDS):
        return slot
    trimmed = date_slot(text, slot.end - len(rest), slot.end, ref)
    return trimmed if same_time(trimmed.value, slot.value) or (slot.value is None and lead != "in") else slot


# Words that link a time to what comes before it; dropped with the foreign words in front
# of them ("a clash [on] Wednesday"), never on their own here.
_LINKS = frozenset({"a", "an", "the", "my", "on", "at", "for", "of", "to", "in", "this"})


def _drop_foreign(text: str, slot: Slot, ref: datetime) -> Slot:
    """The slot from after its last foreign word in front ("[calendar] may two", "[a clash
    on] Wednesday", "[at all] Tuesday evening"): words the model drew into the span that the
    grammar never reads, with the linking words among and after them, kept only when the
    time reads differently without them."""
    words = slot.text.split()
    cut = 0
    for i, word in enumerate(words[:-1]):
        low = word.lower()
        if _foreign(low):
            cut = i + 1
        elif low not in _LINKS:
            break
    while 0 < cut < len(words) - 1 and words[cut].lower() in ("on", "at", "for"):
        cut += 1
    if cut == 0 or slot.value is None:
        return slot
    rest = " ".join(words[cut:])
    trimmed = date_slot(text, slot.end - len(rest), slot.end, ref)
    return trimmed if text[trimmed.start : trimmed.end] == rest and same_time(trimmed.value, slot.value) else slot


def _join_ranges(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """Join "from A" and "to B" said side by side into one range span, where it resolves."""
    out: list[Slot] = []
    for slot in slots:
        prev = out[-1] if out else None
        if prev is not None and prev.label == "DATE" and slot.label == "DATE":
            between = text[prev.end : slot.start].strip().lower()
            opener = text[: prev.start].lower().split()[-1:] == ["from"]
            inside = "from" in prev.text.lower().split()[1:]  # "[Friday from 2] to [3:30pm]"
            repeats = bool(prev.value and prev.value.rrule and slot.value and slot.value.rrule)
            if (opener or inside) and between in (*RANGE_WORDS, "-", "–") and not repeats:  # not "from weekly to daily"
                start = text.lower().rindex("from", 0, prev.start) if opener else prev.start
                joined = date_slot(text, start, slot.end, ref)
                if joined.value is not None and joined.value.start is not None:
                    out[-1] = joined
                    continue
        out.append(slot)
    return tuple(out)


YEAR_AFTER = re.compile(r"\s+\d{4}\b")


def _with_year(text: str, slot: Slot, ref: datetime) -> Slot:
    """The slot with the four digits right after it that the model left out, when the date
    reader takes them with it: a year that completes the date ("january 1 [2027]") or one it
    refuses ("january 1 [9999]": the span then carries no value, and the caller says why,
    instead of the date without its year)."""
    found = YEAR_AFTER.match(text, slot.end)
    if found is None:
        return slot
    longer = date_slot(text, slot.start, found.end(), ref)
    if longer.value is not None:
        return longer
    reason = dates.explain(longer.text, ref) or ""
    return longer if reason.startswith("the year") else slot


def _foreign(word: str) -> bool:
    """A word the date grammar never reads, nor a misspelling of one it reads ("calendar",
    "clash"): in front of a time it only introduces it, unlike "this", "next" or "an"."""
    return word.isalpha() and word not in spelling.KNOWN and spelling.correct(word) is None


def date_slot(text: str, start: int, end: int, ref: datetime) -> Slot:
    return Slot(label="DATE", text=text[start:end], start=start, end=end, value=dates.resolve(text[start:end], ref))


def same_time(a: TimeSpan | None, b: TimeSpan | None) -> bool:
    """Two readings that mean the same time (alternatives aside)."""
    if a is None or b is None:
        return False
    return replace(a, alternatives=()) == replace(b, alternatives=())


def clock_minute(value: TimeSpan | None) -> bool:
    """A single clock time off the hour (one minute long): what "ten to four" means."""
    return (
        value is not None
        and value.start is not None
        and value.end is not None
        and value.grain == "minute"
        and value.end - value.start == timedelta(minutes=1)
        and value.start.minute != 0
    )
