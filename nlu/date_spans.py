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
from nlu.dates.numbers import ORDINALS
from nlu.result import Slot, TimeSpan

RANGE_WORDS = ("to", "until", "till", "through", "thru")
WEEKDAY = re.compile(r"(mon|tues?|wed(nes)?|thu(rs?)?|fri|sat(ur)?|sun)(day)?s?\b", re.IGNORECASE)
CLOCK = re.compile(r"\d{1,2}(:\d\d)?\s*(am|pm|a\.m\.|p\.m\.)?\b", re.IGNORECASE)


def tidy(intent: str, text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with DATE lead words trimmed, self-corrections applied and, outside a
    reschedule, ranges joined."""
    out = corrected(text, tuple(_trim_lead(text, s, ref) if s.label == "DATE" else s for s in slots), ref)
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
    left = _sub(text, slot.start, slot.start + found.start(), ref)
    right = _sub(text, slot.start + found.end(), slot.end, ref)
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
        piece = _sub(text, found.end(), end, ref)
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
            return _sub(text, slot.start, slot.start + len(piece), ref)
    return None


def _cut(intent: str, text: str, slot: Slot, ref: datetime) -> list[Slot]:
    """One DATE slot, or the two it coordinates."""
    joiners = ["or", "and"] + (list(RANGE_WORDS) if intent == "reschedule" else [])
    words = slot.text.lower().split()
    if not words or "between" in words or "every" in words or (slot.value is not None and slot.value.rrule):
        return [slot]
    if _clock_minute(slot.value) and not re.search(r"\s(?:or|and)\s", slot.text, re.IGNORECASE):
        return [slot]  # "ten to four": one clock time, no old and new
    for joiner in joiners:
        match = re.search(rf"\s{joiner}\s", slot.text, re.IGNORECASE)
        if match is None or _inside_a_phrase(slot.text[: match.start()], slot.text[match.end() :]):
            continue
        left_start = slot.start
        if joiner in RANGE_WORDS and words[0] == "from":
            left_start += len(slot.text.split()[0]) + 1
        left = _sub(text, left_start, slot.start + match.start(), ref)
        right = _sub(text, slot.start + match.end(), slot.end, ref)
        if left.value is not None and (right.value is not None or joiner == "or"):
            return [left, right]
    return [slot]


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
    trimmed = _sub(text, slot.end - len(rest), slot.end, ref)
    return trimmed if _same(trimmed.value, slot.value) or (slot.value is None and lead != "in") else slot


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
    trimmed = _sub(text, slot.end - len(rest), slot.end, ref)
    return trimmed if text[trimmed.start : trimmed.end] == rest and _same(trimmed.value, slot.value) else slot


def _join_ranges(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """Join "from A" and "to B" said side by side into one range span, where it resolves."""
    out: list[Slot] = []
    for slot in slots:
        prev = out[-1] if out else None
        if prev is not None and prev.label == "DATE" and slot.label == "DATE":
            between = text[prev.end : slot.start].strip().lower()
            opener = text[: prev.start].lower().split()[-1:] == ["from"]
            inside = "from" in prev.text.lower().split()[1:]  # "[Friday from 2] to [3:30pm]"
            if (opener or inside) and between in (*RANGE_WORDS, "-", "–"):
                start = text.lower().rindex("from", 0, prev.start) if opener else prev.start
                joined = _sub(text, start, slot.end, ref)
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
    longer = _sub(text, slot.start, found.end(), ref)
    if longer.value is not None:
        return longer
    reason = dates.explain(longer.text, ref) or ""
    return longer if reason.startswith("the year") else slot


def _foreign(word: str) -> bool:
    """A word the date grammar never reads, nor a misspelling of one it reads ("calendar",
    "clash"): in front of a time it only introduces it, unlike "this", "next" or "an"."""
    return word.isalpha() and word not in spelling.KNOWN and spelling.correct(word) is None


def _sub(text: str, start: int, end: int, ref: datetime) -> Slot:
    return Slot(label="DATE", text=text[start:end], start=start, end=end, value=dates.resolve(text[start:end], ref))


def _same(a: TimeSpan | None, b: TimeSpan | None) -> bool:
    """Two readings that mean the same time (alternatives aside)."""
    if a is None or b is None:
        return False
    return replace(a, alternatives=()) == replace(b, alternatives=())


# ---- Date words the model left outside a DATE ("[Wednesday]" of "COB Wednesday") ----
# The resolver reads shorthand and business words the model rarely saw ("COB", "EOQ", "2p",
# "noon-1", "late", "first thing"); a DATE grows over the untagged date words beside it when
# they change what it means, and a run of such words no slot took, with a shorthand token in
# it, becomes a DATE of its own ("what do i have [EOQ]", "[Weds 2p]").
TOKEN = re.compile(r"[\w'/:.\-–]+")
CLAUSE_BREAK = re.compile(r"[,;!?]|\.\s")
MAX_GROWTH = 4
ORDINAL_START = re.compile(
    rf"(?:\d+(?:st|nd|rd|th)|{'|'.join(sorted(ORDINALS, key=len, reverse=True))})\b", re.IGNORECASE
)
MEALS = frozenset({"breakfast", "brunch", "lunch", "luncheon", "dinner", "supper"})
# Words the date grammar reads only inside its phrases ("first thing", "close of business",
# "close of play", "next working day"), which the spelling lexicon does not list alone.
PHRASE_WORDS = frozenset({"thing", "business", "play", "working", "work"})
# Fillers that begin a phrase of their own ("[day before] yesterday", "[start of business]");
# other fillers ("the", "at", "please") never change a time, so they are not tried.
PHRASE_STARTS = frozenset({"day", "start", "beginning"})
EDGE_WORDS = spelling.FILLERS | frozenset(spelling.CONNECTORS)
SHORTHAND = re.compile(r"\d.*[a-z]|[a-z].*\d|\d[/:.\-–]\d|^(?:eo[dwmqy]|cob|bom|boy|bow|midweek)$", re.IGNORECASE)


def grown(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with each DATE grown over the untagged date words beside it that change its
    meaning, and untagged shorthand date runs added as DATEs (section comment above)."""
    words = list(TOKEN.finditer(text))
    slots = tuple(_relabelled(text, s, ref) for s in slots)
    slots = _side_by_side(text, _minutes_to(text, slots, ref), ref)
    out = list(slots)
    for k, slot in enumerate(out):
        if slot.label == "DATE":
            whole = _whole_words(text, slot, words, ref)
            if not any(o.start < whole.end and whole.start < o.end for j, o in enumerate(out) if j != k):
                out[k] = whole
    for k, slot in enumerate(out):  # one at a time: a grown DATE is taken for the next
        if slot.label == "DATE":
            out[k] = _grow(text, slot, words, _taken(words, out), ref)
    runs = _untagged_runs(text, words, _taken(words, out), ref)
    return tuple(sorted((*out, *runs), key=lambda s: s.start))


def _relabelled(text: str, slot: Slot, ref: datetime) -> Slot:
    """A NAME or LOCATION made only of date words with a shorthand one among them is a DATE
    ("move the retro to [EOQ]", "[Weds 2p]", "[COB Wednesday]"); a holiday said as a title
    ("add [Thanksgiving]") has no shorthand word and stays a title."""
    if slot.label not in ("NAME", "LOCATION"):
        return slot
    pieces = slot.text.split()
    if not all(_date_word(w) for w in pieces) or not any(SHORTHAND.search(w.strip(".'")) for w in pieces):
        return slot
    if NO_CLOCK.search(slot.text):
        return slot  # "my [1:1] with Priyanka": a one-to-one, no clock time (minutes have two digits)
    date = _sub(text, slot.start, slot.end, ref)
    return date if date.value is not None and date.value.start is not None else slot


NO_CLOCK = re.compile(r"\d[:\-]\d(?!\d)")


def _side_by_side(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """Two DATEs with only date words between them that read as one finer time are one DATE:
    "[14h] [tomorrow]", "[end] of business on [the 26th]", "[first] thing [Thursday]". Not
    across "or", "and", a range word, a correction ("[tuesday] no sorry [wednesday]") or
    any other word (`GAP_WORDS`)."""
    out: list[Slot] = []
    for slot in slots:
        prev = out[-1] if out else None
        if prev is not None and prev.label == slot.label == "DATE" and _mergeable(text[prev.end : slot.start]):
            joined = _sub(text, prev.start, slot.end, ref)
            if (
                joined.value is not None
                and joined.value.start is not None
                and not _same(joined.value, prev.value)
                and not _same(joined.value, slot.value)
            ):
                out[-1] = joined
                continue
        out.append(slot)
    return tuple(out)


# What may stand between two DATEs that are one time: the words of the grammar's phrases
# ("end [of business on] the 26th") and the links of a date and its time ("tuesday [at] 3").
# Any other word keeps them apart, as ANNOTATION.md says ("tomorrow ... at ten").
GAP_WORDS = PHRASE_WORDS | {"of", "on", "at", "the", "in"}


def _mergeable(gap: str) -> bool:
    """A gap with no clause break and only phrase and linking words."""
    return not CLAUSE_BREAK.search(gap) and all(w.lower() in GAP_WORDS for w in TOKEN.findall(gap))


def _whole_words(text: str, slot: Slot, words: list, ref: datetime) -> Slot:
    """A DATE that ends or starts inside a word takes the whole word when that reads finer
    ("[2027]-W02" is ISO week 2)."""
    inside = [w for w in words if slot.start < w.end() and w.start() < slot.end]
    if not inside or (inside[0].start() == slot.start and inside[-1].end() == slot.end):
        return slot
    whole = _sub(text, min(slot.start, inside[0].start()), max(slot.end, inside[-1].end()), ref)
    return whole if whole.value is not None and not _same(whole.value, slot.value) else slot


def _taken(words: list, slots: list[Slot]) -> list[bool]:
    """Per word: whether some slot covers it."""
    if not slots:
        return [False] * len(words)
    covered = bytearray(max(s.end for s in slots))
    for s in slots:
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    return [any(covered[w.start() : w.end()]) for w in words]


def _minutes_to(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """ "[twenty minutes] to [six tonight]", "[a quarter] to [nine]": one clock time (16:40,
    08:45), where the two read together as a single minute; not after "from" ("from [ten] to
    [four]" is a range, or the old and the new time), "my" or "the" ("move my [ten] to
    [four]": the ten o'clock event)."""
    out: list[Slot] = []
    for slot in slots:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == slot.label == "DATE"
            and text[prev.end : slot.start].strip().lower() == "to"
            and text[: prev.start].lower().split()[-1:] not in (["from"], ["my"], ["the"])
        ):
            joined = _sub(text, prev.start, slot.end, ref)
            if _clock_minute(joined.value):
                out[-1] = joined
                continue
        out.append(slot)
    return tuple(out)


def _clock_minute(value: TimeSpan | None) -> bool:
    """A single clock time off the hour (one minute long): what "ten to four" means."""
    return (
        value is not None
        and value.start is not None
        and value.end is not None
        and value.grain == "minute"
        and value.end - value.start == timedelta(minutes=1)
        and value.start.minute != 0
    )


def _date_word(word: str) -> bool:
    low = word.lower().strip(".'")
    return bool(low) and low not in MEALS and (low in spelling.KNOWN or any(ch.isdigit() for ch in low))


def _edge_ok(word: str) -> bool:
    """A word that may end an untagged run: not a filler or linking word."""
    return word.lower().strip(".'") not in EDGE_WORDS


def _grow_edge_ok(word: str) -> bool:
    """A word that may end a grown span: a date word that is no linking word ("to 5pm" is a
    deadline the model leaves to the verb) nor a filler, unless the filler starts a phrase
    ("[day before] yesterday"); `_grow` then checks that the meaning changes."""
    low = word.lower().strip(".'")
    return _date_word(word) and low not in spelling.CONNECTORS and (low not in spelling.FILLERS or low in PHRASE_STARTS)


def _passable(word: str) -> bool:
    """A word a DATE may grow over: a date word, not a meal ("dinner tomorrow": the meal is
    the event)."""
    return _date_word(word) or word.lower().strip(".'") in PHRASE_WORDS


def _joined(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Two neighbouring words with no clause break between them (a comma, or a full stop
    before a capital: "Morning. What does today look like?")."""
    if a.group().endswith(".") and b.group()[:1].isupper():
        return False
    return not CLAUSE_BREAK.search(text[a.end() : b.start()])


def _grow(text: str, slot: Slot, words: list, taken: list[bool], ref: datetime) -> Slot:
    inside = [i for i, w in enumerate(words) if slot.start < w.end() and w.start() < slot.end]
    if not inside or slot.value is None:
        return slot
    first, last = inside[0], inside[-1]
    best = slot
    for step in range(1, MAX_GROWTH + 1):  # to the left
        i = first - step
        if i < 0 or taken[i] or not _passable(words[i].group()) or not _joined(text, words[i], words[i + 1]):
            break
        if _grow_edge_ok(words[i].group()):
            longer = _sub(text, words[i].start(), best.end, ref)
            if longer.value is not None and not _same(longer.value, best.value):
                best = longer
    for step in range(1, MAX_GROWTH + 1):  # to the right
        i = last + step
        if i >= len(words) or taken[i] or not _passable(words[i].group()) or not _joined(text, words[i - 1], words[i]):
            break
        if _grow_edge_ok(words[i].group()):
            longer = _sub(text, best.start, words[i].end(), ref)
            if longer.value is not None and not _same(longer.value, best.value):
                best = longer
    return _with_the(text, best, words, taken, ref) if best is not slot else slot


def _with_the(text: str, slot: Slot, words: list, taken: list[bool], ref: datetime) -> Slot:
    """The slot with an untagged "the" right before it ("the [18th]"): `tidy` then keeps it
    where the date is said with it and drops it where it changes nothing."""
    before = [i for i, w in enumerate(words) if w.end() <= slot.start]
    if not before:
        return slot
    i = before[-1]
    if taken[i] or words[i].group().lower() != "the" or text[words[i].end() : slot.start].strip():
        return slot
    if not ORDINAL_START.match(slot.text):
        return slot
    longer = _sub(text, words[i].start(), slot.end, ref)
    return longer if longer.value is not None else slot


def _untagged_runs(text: str, words: list, taken: list[bool], ref: datetime) -> list[Slot]:
    """Runs of untagged date words with a shorthand token in them that resolve: DATEs."""
    found: list[Slot] = []
    run: list = []
    for i, word in enumerate([*words, None]):
        joins = word is not None and not taken[i] and _date_word(word.group())
        if joins and run and not _joined(text, run[-1], word):
            found += _run_slot(text, run, words, taken, ref)
            run = []
        if joins:
            run.append(word)
            continue
        # a run said right before an untagged word of another kind qualifies it: "a [Q1]
        # hiring plan" is no date
        modifier = word is not None and not taken[i] and bool(run) and _joined(text, run[-1], word)
        found += [] if modifier else _run_slot(text, run, words, taken, ref)
        run = []
    return found


def _run_slot(text: str, run: list, words: list, taken: list[bool], ref: datetime) -> list[Slot]:
    while run and not _edge_ok(run[0].group()):
        run = run[1:]
    while run and not _edge_ok(run[-1].group()):
        run = run[:-1]
    if not run or not any(SHORTHAND.search(w.group().strip(".'")) for w in run):
        return []
    slot = _sub(text, run[0].start(), run[-1].end(), ref)
    if slot.value is None or slot.value.start is None:
        return []
    return [_with_the(text, slot, words, taken, ref)]
