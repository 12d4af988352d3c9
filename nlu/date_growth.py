"""DATE words the model left outside a DATE span, taken in after it (ANNOTATION.md: DATE is
every word needed to resolve when).

The date reader knows shorthand and business words the model rarely saw ("COB", "EOQ",
"2p", "noon-1", "late", "first thing"); the model leaves them out ("COB [Wednesday]"),
draws them as a title ("move the retro to [EOQ]"NAME) or splits one time in two ("[twenty
minutes] to [six]", "[14h] [tomorrow]"). So, after the model:

- a NAME or LOCATION made only of date words with a shorthand one among them is a DATE;
- two DATEs that read as one clock time ("ten to four") or, with only phrase and linking
  words between them, as one finer time ("[end] of business on [the 26th]") are one;
- a DATE cut inside a word takes the word ("[2027]-W02");
- a DATE grows over the untagged date words beside it that change what it means ("[late]
  next week"), never over linking words, meals, other slots or a sentence break;
- a run of untagged date words with a shorthand word in it is a DATE of its own ("what do
  i have [EOQ]"), unless it qualifies the next word ("a Q1 hiring plan").

Each step keeps a change only when the date reader reads the new span, and reads it
differently: what the model drew already is never made vaguer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from nlu.date_spans import clock_minute, date_slot, same_time
from nlu.dates import lexicon, spelling
from nlu.dates.numbers import ORDINALS
from nlu.result import Slot

TOKEN = re.compile(r"[\w'/:.\-–]+")
CLAUSE_BREAK = re.compile(r"[,;!?]|\.\s")
MAX_GROWTH = 4
ORDINAL_START = re.compile(
    rf"(?:\d+(?:st|nd|rd|th)|{'|'.join(sorted(ORDINALS, key=len, reverse=True))})\b", re.IGNORECASE
)
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
    if not any(s.label == "DATE" for s in slots) and not any(SHORTHAND.search(w.group().strip(".'")) for w in words):
        return slots  # nothing to grow and no shorthand to find: most commands without a time
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
            out[k] = _hedged(text, _grow(text, slot, words, _taken(words, out), ref), words, _taken(words, out), ref)
            out[k] = _range_head(text, out[k], words, _taken(words, out), ref)
    runs = _untagged_runs(text, words, _taken(words, out), ref)
    return _apart(sorted((*out, *runs), key=lambda s: (s.start, s.start - s.end)))


# Words that say a time is rough; they belong to the time they qualify ("[sometime next
# week]", "starts [around 1]") though the reader gives the same span with or without them.
HEDGES = frozenset({"sometime", "around", "approximately", "approx", "roughly", "circa"})


def _hedged(text: str, slot: Slot, words: list, taken: list[bool], ref: datetime) -> Slot:
    """The DATE with the untagged hedge word right before it taken in."""
    before = [i for i, w in enumerate(words) if w.end() <= slot.start]
    if slot.value is None or not before:
        return slot
    i = before[-1]
    if taken[i] or words[i].group().lower() not in HEDGES or text[words[i].end() : slot.start].strip():
        return slot
    longer = date_slot(text, words[i].start(), slot.end, ref)
    return longer if longer.value is not None else slot


RANGE_TAIL = re.compile(r"\s(?:to|till|until|through|thru)\s|\d\s*[-–]\s*\d", re.IGNORECASE)


def _range_head(text: str, slot: Slot, words: list, taken: list[bool], ref: datetime) -> Slot:
    """The DATE with the head the model cut off a range: the month before a day number
    ("Sept [15 to Sept 17]": the reader guesses the month from the end, so nothing changes
    its meaning and `_grow` leaves it), then the "from" of a from-to range (ANNOTATION.md:
    "from ... to" is in the DATE)."""
    if slot.value is None:
        return slot
    for test in (_month_before_day, _from_before_range):
        before = [i for i, w in enumerate(words) if w.end() <= slot.start]
        if not before:
            return slot
        i = before[-1]
        if taken[i] or text[words[i].end() : slot.start].strip() or not test(words[i].group(), slot.text):
            continue
        longer = date_slot(text, words[i].start(), slot.end, ref)
        if longer.value is not None and not (test is _from_before_range and longer.value.rrule):
            slot = longer  # "from weekly to every other week" is one repeat for another, no range
    return slot


def _month_before_day(word: str, span: str) -> bool:
    return word.lower().strip(".") in lexicon.MONTHS and span[:1].isdigit()


def _from_before_range(word: str, span: str) -> bool:
    return word.lower() == "from" and bool(RANGE_TAIL.search(span))


def _apart(slots: list[Slot]) -> tuple[Slot, ...]:
    """The slots with none overlapping another (the first and longest kept): the steps above
    each keep slots apart, but a DATE cut inside a word said twice ("2027-W02 2027-W02") can
    still meet another."""
    kept: list[Slot] = []
    for slot in slots:
        if not kept or slot.start >= kept[-1].end:
            kept.append(slot)
    return tuple(kept)


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
    date = date_slot(text, slot.start, slot.end, ref)
    return date if date.value is not None and date.value.start is not None else slot


NO_CLOCK = re.compile(r"\d[:\-]\d(?!\d)")


def _side_by_side(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """Two DATEs with only date words between them that read as one finer time are one DATE:
    "[14h] [tomorrow]", "[end] of business on [the 26th]", "[first] thing [Thursday]". Not
    across "or", "and", a range word, a correction ("[tuesday] no sorry [wednesday]") or
    any other word (`GAP_WORDS`)."""

    def next_to(prev: Slot, slot: Slot) -> bool:
        return _mergeable(text[prev.end : slot.start])

    def finer(prev: Slot, slot: Slot, joined: Slot) -> bool:
        value = joined.value
        return (
            value is not None
            and value.start is not None
            and not same_time(value, prev.value)
            and not same_time(value, slot.value)
        )

    return _pairs_joined(text, slots, ref, next_to, finer)


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
    whole = date_slot(text, min(slot.start, inside[0].start()), max(slot.end, inside[-1].end()), ref)
    return whole if whole.value is not None and not same_time(whole.value, slot.value) else slot


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

    def next_to(prev: Slot, slot: Slot) -> bool:
        said_before = text[: prev.start].lower().split()[-1:]
        return text[prev.end : slot.start].strip().lower() == "to" and said_before not in (["from"], ["my"], ["the"])

    return _pairs_joined(text, slots, ref, next_to, lambda prev, slot, joined: clock_minute(joined.value))


def _pairs_joined(
    text: str,
    slots: tuple[Slot, ...],
    ref: datetime,
    next_to: Callable[[Slot, Slot], bool],
    reads: Callable[[Slot, Slot, Slot], bool],
) -> tuple[Slot, ...]:
    """`slots` with each two DATEs side by side made one where `next_to(first, second)` (the
    words between them, checked first: it costs no date reading) and then `reads(first,
    second, joined)` say so."""
    out: list[Slot] = []
    for slot in slots:
        prev = out[-1] if out else None
        if prev is not None and prev.label == slot.label == "DATE" and next_to(prev, slot):
            joined = date_slot(text, prev.start, slot.end, ref)
            if reads(prev, slot, joined):
                out[-1] = joined
                continue
        out.append(slot)
    return tuple(out)


def _date_word(word: str) -> bool:
    low = word.lower().strip(".'")
    return bool(low) and low not in lexicon.MEALS and (low in spelling.KNOWN or any(ch.isdigit() for ch in low))


def _edge_ok(word: str) -> bool:
    """A word that may end an untagged run: not a filler or linking word."""
    return word.lower().strip(".'") not in EDGE_WORDS


def _grow_edge_ok(word: str) -> bool:
    """A word that may end a grown span: a date word that is no linking word ("to 5pm" is a
    deadline the model leaves to the verb) nor a filler, unless the filler starts a phrase
    ("[day before] yesterday"); `_grow` then checks that the meaning changes."""
    low = word.lower().strip(".'")
    if low in lexicon.WORKING_PARTS:  # "tomorrow after [work]": `_grow` checks the meaning changes
        return True
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
            longer = date_slot(text, words[i].start(), best.end, ref)
            if longer.value is not None and not same_time(longer.value, best.value):
                best = longer
    for step in range(1, MAX_GROWTH + 1):  # to the right
        i = last + step
        if i >= len(words) or taken[i] or not _passable(words[i].group()) or not _joined(text, words[i - 1], words[i]):
            break
        if _grow_edge_ok(words[i].group()):
            longer = date_slot(text, best.start, words[i].end(), ref)
            if longer.value is not None and not same_time(longer.value, best.value):
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
    longer = date_slot(text, words[i].start(), slot.end, ref)
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
    slot = date_slot(text, run[0].start(), run[-1].end(), ref)
    if slot.value is None or slot.value.start is None:
        return []
    return [_with_the(text, slot, words, taken, ref)]
