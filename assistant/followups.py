"""Dialogue-level understanding of short follow-ups the NLU is not trained for.

"yes" / "no", "the first one", "undo", "it" / "that", "push it back an hour", "the
following day same time": small closed word lists, read on a normalised text. Time phrases
inside follow-ups ("the one on friday") go to nlu.dates.resolve, not to these tables.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from nlu.dates import numbers
from nlu.result import TimeSpan

if TYPE_CHECKING:
    from assistant.commands import Command

FILLERS = frozenset(
    {
        "uh",
        "um",
        "umm",
        "uhm",
        "er",
        "erm",
        "ah",
        "hmm",
        "oh",
        "well",
        "please",
        "just",
        "like",
        "so",
        "okay so",
        "actually",
    }
)
YES = frozenset(
    {
        "yes",
        "yeah",
        "yep",
        "yup",
        "ya",
        "yea",
        "sure",
        "ok",
        "okay",
        "confirm",
        "confirmed",
        "correct",
        "right",
        "affirmative",
        "absolutely",
        "definitely",
        "of course",
        "do it",
        "go ahead",
        "please do",
        "yes please",
        "sounds good",
        "that's right",
        "that is right",
        "go for it",
        "alright",
        "all right",
        "fine",
        "perfect",
        "exactly",
        "yes do it",
        "y",
    }
)
NO = frozenset(
    {
        "no",
        "nope",
        "nah",
        "no thanks",
        "no thank you",
        "don't",
        "do not",
        "dont",
        "never mind",
        "nevermind",
        "forget it",
        "stop",
        "negative",
        "not really",
        "leave it",
        "keep it",
        "no don't",
        "no dont",
        "none",
        "none of them",
        "neither",
        "cancel that",
        "n",
        "abort",
    }
)
UNDO = frozenset(
    {
        "undo",
        "undo that",
        "undo it",
        "undo the last change",
        "undo last",
        "revert",
        "revert that",
        "revert it",
        "take that back",
        "take it back",
        "scratch that",
        "undo the last one",
        "go back",
        "put it back",
        "reverse that",
        "roll back",
        "rollback",
        "undo my last change",
        "undo the last thing",
    }
)
PRONOUNS = frozenset(
    {
        "it",
        "that",
        "this",
        "this one",
        "that one",
        "the event",
        "this event",
        "that event",
        "the same",
        "the same one",
        "them",
    }
)
ORDINALS = {
    "first": 1,
    "1st": 1,
    "one": 1,
    "second": 2,
    "2nd": 2,
    "two": 2,
    "third": 3,
    "3rd": 3,
    "three": 3,
    "fourth": 4,
    "4th": 4,
    "four": 4,
    "fifth": 5,
    "5th": 5,
    "five": 5,
    "sixth": 6,
    "6th": 6,
    "six": 6,
    "last": -1,
    "latter": -1,
    "former": 1,
}
# Amount words that are no number ("an hour", "a couple of days"); spoken numbers ("forty
# five minutes") are read by the date resolver's number reader, the one list of them.
AMOUNTS = {
    "a": 1,
    "an": 1,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a few": 3,
    "few": 3,
}
UNITS = {
    "minute": timedelta(minutes=1),
    "min": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "hr": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
}
LATER = frozenset({"back", "later", "delay", "delayed", "postpone", "postponed", "push", "ahead", "after"})
EARLIER = frozenset({"earlier", "forward", "up", "sooner", "before", "advance"})

# Day names and month names count as "a date was said" (and must not end up as a title).
DAY_WORDS = frozenset(
    {d.lower() for d in calendar.day_name}
    | {d.lower() for d in calendar.day_abbr}
    | {m.lower() for m in calendar.month_name if m}
    | {m.lower() for m in calendar.month_abbr if m}
    | {
        "today",
        "tonight",
        "tomorrow",
        "tmrw",
        "tomorrows",
        "yesterday",
        "day",
        "days",
        "week",
        "weeks",
        "weekend",
        "month",
        "months",
        "year",
        "years",
        "next",
        "last",
        "this",
        "coming",
        "upcoming",
        "weekday",
        "weekdays",
        "christmas",
        "thanksgiving",
        "halloween",
        "easter",
        "eve",
        "holiday",
        "mondays",
        "tuesdays",
        "wednesdays",
        "thursdays",
        "fridays",
        "saturdays",
        "sundays",
        "sept",
        "tues",
        "thur",
        "thurs",
        "weds",
        "following",
        "fortnight",
    }
)
ORDINAL_DAY = re.compile(
    r"\b\d{1,2}(st|nd|rd|th)\b|\b\d{1,4}[/-]\d{1,2}\b|\b(first|second|third|fourth|"
    r"fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|[a-z]+teenth|"
    r"twentieth|thirtieth)\b"
)
OFFSET = re.compile(
    r"\bin\s+(a|an|half|\d+|[a-z]+)\b.*\b(minutes?|hours?|days?|weeks?|mins?|hrs?)\b"
    r"|\bfrom now\b|\bago\b"
)

_WORD = re.compile(r"[a-z0-9']+")


def words(text: str) -> list[str]:
    """Lowercase words with fillers and punctuation dropped."""
    return [w for w in _WORD.findall(text.lower().replace("\u2019", "'")) if w not in FILLERS]


def normal(text: str) -> str:
    """The text as one lowercase, filler-free, single-spaced phrase."""
    return " ".join(words(text))


def _strip_tail(phrase: str) -> str:
    for tail in (" thanks", " thank you", " please", " then", " it", " that"):
        if phrase.endswith(tail) and phrase != tail.strip():
            phrase = phrase[: -len(tail)]
    return phrase


def is_yes(text: str) -> bool:
    """A yes to a yes/no question ("yes", "uh yeah sure", "ok do it")."""
    phrase = normal(text)
    ws = phrase.split()
    return (
        phrase in YES
        or _strip_tail(phrase) in YES
        or (
            0 < len(ws) <= 4
            and ws[0] in {"yes", "yeah", "yep", "sure", "ok", "okay"}
            and not any(w in {"no", "not", "don't", "dont"} for w in ws)
        )
    )


def is_no(text: str) -> bool:
    """A no ("no", "nope", "never mind", "no don't")."""
    phrase = normal(text)
    return (
        phrase in NO
        or _strip_tail(phrase) in NO
        or (bool(phrase) and phrase.split()[0] in {"no", "nope", "nah"} and len(phrase.split()) <= 4)
    )


# What a speaker says before "undo" without changing it ("wait undo that", "oops, can you
# undo that"): interjections and polite requests, dropped from the front one at a time.
UNDO_LEADS = (
    "wait",
    "no wait",
    "oops",
    "whoops",
    "sorry",
    "oh no",
    "no",
    "hold on",
    "hang on",
    "can you",
    "could you",
    "would you",
    "will you",
    "i want to",
    "i'd like to",
    "i need to",
    "let's",
    "lets",
)


def is_undo(text: str) -> bool:
    """An undo request ("undo", "scratch that", "undo the last change"), also after a lead-in
    ("wait undo that", "oops can you undo that"); never one that says not to ("don't undo")."""
    phrase = normal(text)
    if set(phrase.split()) & {"not", "don't", "dont"}:
        return False
    while True:
        if phrase in UNDO or _strip_tail(phrase) in UNDO or phrase.startswith("undo "):
            return True
        lead = next((w for w in UNDO_LEADS if phrase.startswith(w + " ")), None)
        if lead is None:
            return False
        phrase = phrase[len(lead) + 1 :]


def is_pronoun(title: str | None) -> bool:
    """Whether a heard title is only a reference ("it", "that one") to the event last talked about."""
    if title is None:
        return False
    said = " ".join(title.lower().split())  # words as said: "THE:EVENT" is a title, not "the event"
    return said.removeprefix("the ") in PRONOUNS | {"event", "one", "same"}


QUESTION = re.compile(
    r"^(?:what|what's|whats|when|when's|whens|where|where's|who|who's|how|which|why)\b"
    r"|^(?:do|does|did|am|is|are|can|could|will|would|have|has|any)\s+(?:i|we|you|there|it|my|anything|something)\b"
)


def is_question(text: str) -> bool:
    """Whether a turn asks something ("what's the earliest thing tomorrow", "do i have ...",
    "...?"): no answer to "What should I call the event?"."""
    return text.rstrip().endswith("?") or bool(QUESTION.match(" ".join(words(text))))


def mentions_it(text: str) -> bool:
    """Whether the command refers back with "it" / "that" / "this one"."""
    ws = set(words(text))
    return bool(ws & {"it", "that", "this"})


CARDINALS = frozenset(numbers.UNITS) | frozenset(numbers.TENS)  # "two", "twenty": counts, not places


LISTED_REF = re.compile(r"\b(?:the\s+)?([a-z0-9]+)\s+(?:one|event|item|entry)\b|\bnumber\s+([a-z0-9]+)\b")


def listed_pick(text: str, count: int) -> int | None:
    """The 0-based index a whole command picks among `count` items just listed, by place:
    "move [the second one] to wednesday", "cancel [the last one]", "[number 2] is off". None
    when it names none by place ("the one on friday", "this one")."""
    for m in LISTED_REF.finditer(" ".join(words(text))):
        word = m.group(1) or m.group(2)
        n = int(word) if m.group(2) and word.isdigit() else ORDINALS.get(word)
        if n is not None and (m.group(2) or word not in CARDINALS):
            index = count - 1 if n == -1 else n - 1
            return index if 0 <= index < count else None
    return None


def ordinal(text: str, count: int) -> int | None:
    """The 0-based index an answer picks among `count` listed items ("the first one", "number 2")."""
    ws = words(text)
    if not ws or len(ws) > 6:
        return None
    for i, w in enumerate(ws):
        after_number = i > 0 and ws[i - 1] == "number"
        if w == "one" and not (after_number or len(ws) == 1):
            continue  # "the one on friday": "one" is a pronoun there
        if w in ORDINALS and (w not in CARDINALS or len(ws) <= 2 or after_number or "one" in ws):
            n = ORDINALS[w]
            index = count - 1 if n == -1 else n - 1
            return index if 0 <= index < count else None
        if w.isdigit() and 1 <= int(w) <= count and len(ws) <= 3:
            return int(w) - 1
    return None


SCOPE_ONE = (
    "only this one",
    "just this one",
    "this one",
    "only that one",
    "just that one",
    "that one",
    "only this",
    "just this",
    "only that",
    "just that",
    "only this occurrence",
    "just the one",
    "only the one",
    "only one",
    "just one",
    "this occurrence",
    "that occurrence",
    "only that day",
    "just that day",
    "only this time",
    "just this time",
    "this time",
)
SCOPE_FOLLOWING = re.compile(
    r"\b(following|after( that| this)?|onwards?|from (then|now|there) on|"
    r"future( ones)?|all future|and later|later ones|going forward|from that one)\b"
)
SCOPE_ALL = re.compile(
    r"\b(all( of)?( them| it)?|every( one| occurrence| time)?|everything|whole( series)?|"
    r"entire( series)?|the series|all occurrences|each( one)?)\b"
)


def scope(text: str) -> str | None:
    """Which occurrences of a series an answer means: "one" (yes, "only this one"),
    "following" ("this and the following ones"), "all" ("all of them"), or None."""
    phrase = _strip_tail(normal(text))
    if SCOPE_FOLLOWING.search(phrase):
        return "following"
    if SCOPE_ALL.search(phrase):
        return "all"
    if phrase in SCOPE_ONE or phrase.removeprefix("yes ") in SCOPE_ONE or is_yes(text):
        return "one"
    return None


# A quarter of the year ("Q3", "quarter two"); "a quarter to five" is a clock time.
QUARTER = re.compile(r"\bq[1-4]\b|\bquarter (one|two|three|four|[1-4])\b")


def says_date(text: str) -> bool:
    """Whether a time phrase names a day (a weekday, a month, tomorrow, the 18th...)."""
    phrase = normal(text)
    raw = text.lower()
    return (
        bool(set(phrase.split()) & DAY_WORDS)
        or bool(ORDINAL_DAY.search(raw))
        or bool(OFFSET.search(phrase))
        or bool(QUARTER.search(phrase))
    )


# Words that change how long an event lasts, not when it starts.
LONGER = re.compile(r"\b(?:extend|extends|lengthen|longer|stretch|add)\b")
SHORTER = re.compile(r"\b(?:shorten|shorter|cut|trim|reduce|less)\b")
LASTS = re.compile(r"\b(?:long|last|lasts|run|runs)\b")


def resize(text: str, when: TimeSpan | None, intent: str) -> tuple[timedelta | None, timedelta | None] | None:
    """A change of length: (new length, None) for "make it an hour and a half long", "make
    the dentist two hours", "shorten it to 45 minutes"; (None, by how much) for "extend the
    meeting by 30 minutes" (negative: "cut it by 15 minutes"). None: the command says a time,
    or no length. A model that reads such a command as a cancel is believed only without a
    word of length ("extend", "shorten", "long")."""
    if when is None or when.start is not None or not when.duration:
        return None
    phrase = normal(text)
    cue = LONGER.search(phrase) or SHORTER.search(phrase) or LASTS.search(phrase)
    if intent not in ("reschedule", "update") and not cue:
        return None
    if re.search(r"\bby\b", phrase) and (LONGER.search(phrase) or SHORTER.search(phrase)):
        return None, -when.duration if SHORTER.search(phrase) else when.duration
    return when.duration, None


def shift(text: str) -> timedelta | None:
    """The relative move of a follow-up: "push it back an hour" (+1h), "two days earlier" (-2d),
    "the following day same time" (+1d), "same time next week" (+7d); None when it is not one."""
    phrase = normal(text)
    ws = phrase.split()
    if re.search(
        r"\b(the )?(following|next) day\b|\bday after\b|\bsame time (the )?(next|following) day\b", phrase
    ) and not re.search(r"\bday after tomorrow\b", phrase):
        return timedelta(days=1)
    if re.search(r"\b(the )?(previous|prior) day\b|\bday before\b", phrase) and "yesterday" not in ws:
        return timedelta(days=-1)
    if re.search(r"\bsame time (the )?(next|following) week\b|\b(the )?following week\b|\ba week later\b", phrase):
        return timedelta(weeks=1)
    amount = _amount(phrase)
    if amount is None:
        return None
    direction = (1 if set(ws) & LATER else 0) - (1 if set(ws) & EARLIER else 0)
    return amount * direction if direction else None


def _count(words: str) -> int | None:
    """How many the amount words say: "3", "an", "a couple of", "forty five" (the last word
    alone when the first is no number: "by [two] hours")."""
    if words.isdigit():
        return int(words)
    if words in AMOUNTS:
        return AMOUNTS[words]
    split = words.split()
    read = numbers.read_number(split, 0)
    if read is not None and not read[1] and read[2] == len(split):
        return read[0]
    return _count(split[-1]) if len(split) > 1 else None


def _amount(phrase: str) -> timedelta | None:
    """ "an hour", "two hours", "30 minutes", "half an hour", "an hour and a half"."""
    if re.search(r"\bhalf (an|a) hour\b", phrase):
        return timedelta(minutes=30)
    match = re.search(
        r"\b(\d+|a couple of|a couple|couple of|a few|[a-z]+(?: [a-z]+)?)\s+(minute|min|hour|hr|day|week)s?\b",
        phrase,
    )
    if not match:
        return None
    n = _count(match.group(1))
    if n is None:
        return None
    extra = timedelta(minutes=30) if re.search(r"\bhours? and a half\b", phrase) else timedelta()
    return n * UNITS[match.group(2)] + extra


# -- how the chat reads a line before acting on its intent ----------------------------------------
# "call it design crit", "rename it to team sync", "name that one the offsite": a new title for
# the event just talked about, however the NLU reads the words of the title (not "call it a
# day" or "call it quits").
RENAME_IT = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|actually|please|uh|um|oh|can you|could you|let's|lets)\W+)*"
    r"(?:call|name|rename|retitle|title)\s+(?:it|that|this)(?:\s+one)?\s+(?:to\s+|as\s+)?"
    r"[\"'“‘]?(?P<title>[^\"”’]+?)[\"'”’]?(?:\s+(?:please|instead|then))?[\s.!]*$",
    re.IGNORECASE,
)
NOT_A_TITLE = frozenset({"a day", "quits", "a night", "even", "off", "a wrap"})


def renamed_to(text: str) -> str | None:
    """The new title of "call it X" / "rename it to X" said of the event talked about, or None."""
    found = RENAME_IT.match(text)
    if found is None or found["title"].lower() in NOT_A_TITLE:
        return None
    return found["title"].strip()


@dataclass(frozen=True)
class FollowUp:
    """A line the chat reads as continuing the conversation, not as a new command: "undo",
    "yes", "no", "relative move" (with its `delta`), "rename" (with its new `title`) or
    "choice" (with its 0-based `index`)."""

    kind: str
    delta: timedelta | None = None
    index: int | None = None
    title: str | None = None  # "rename": the new title


def follow_up(
    text: str, command: Callable[[], Command], *, last_event: bool = True, offered: int = 0
) -> FollowUp | None:
    """How the chat reads `text` as a follow-up, in the order the dialogue's dispatch applies
    (dispatch calls this, so the NLU inspector that calls it too cannot drift from it), or None
    when the line is a command for its intent's handler.

    "undo", "yes" and "no" are read from the words alone, before the NLU: `command` (the
    line's typed reading, assistant/commands.py) is only called past them. A relative move
    ("push it back an hour") that names no new event is about one already there: a
    reschedule, or a create with no name while an event was talked about (`last_event`); an
    alert ("an hour before") or an update is never one. A choice ("the first one") picks
    among `offered` listed choices when the NLU reads nothing calendar-like in it: 0 in
    dispatch, where nothing is offered (the answer to an open list is answers.py's).
    """
    for kind, said in (("undo", is_undo), ("yes", is_yes), ("no", is_no)):
        if said(text):
            return FollowUp(kind)
    cmd = command()
    delta = shift(text) if cmd.alert is None and cmd.intent != "update" else None
    if delta is not None and (
        cmd.intent == "reschedule" or (cmd.intent == "create" and cmd.name is None and last_event)
    ):
        return FollowUp("relative move", delta=delta)
    if last_event and cmd.intent in ("create", "update", "out_of_scope") and (title := renamed_to(text)):
        return FollowUp("rename", title=title)
    index = ordinal(text, offered) if cmd.intent == "out_of_scope" else None
    return FollowUp("choice", index=index) if index is not None else None
