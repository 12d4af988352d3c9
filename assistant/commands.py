"""What one command asks, read once from the NLU's Parse: the typed input of every handler.

The NLU already knows which slot names the current value and which the new one (roles),
how long before an event to alert, and the time the command is about (`when`, the new
time where there are roles); this reads those as given, in one place, so no handler looks
at slots or guesses them again from the text.

One correction is made here: a meal word the model heard as a time ("move [lunch] to one
thirty", "cancel [lunch]") is the event's name when a calendar verb acts on it and nothing
else names the event (issue 10: "cancel lunch" must find "lunch").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from assistant import followups
from assistant.timing import at
from nlu.dates.lexicon import MEALS
from nlu.result import Parse, Slot, TimeSpan

# DOMAIN words that say nothing about which event ("cancel the event on friday").
GENERIC_KINDS = frozenset(
    {
        "event",
        "events",
        "calendar",
        "calendar event",
        "entry",
        "thing",
        "something",
        "plan",
        "plans",
        "reminder",
        "reminders",
        "item",
    }
)
REMIND_WORDS = ("remind", "reminder")
# A question about the alerts themselves ("what are my current alerts", "does the dentist
# have an alert"), not one that sets one ("alert me an hour before": an ALERT slot).
ALERT_WORDS = re.compile(r"\b(?:alerts?|notifications?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Command:
    """The dialogue's reading of one Parse (see the module docstring)."""

    intent: str
    confidence: float
    name: str | None = None  # the event the command names (a NAME, or a meal word acted on)
    kind: str | None = None  # the DOMAIN word, lowercase
    when: TimeSpan | None = None  # the time said (the new one, where slots carry roles)
    old_when: TimeSpan | None = None  # the time that names the event ("move the [3 pm] meeting")
    day_said: bool = False  # whether the new time names a day ("friday at 3"), not only a clock time
    old_day_said: bool = False  # whether the old time names a day ("move [friday's] lunch"), not only "[3 pm]"
    new_title: str | None = None  # "rename X to [Y]"
    location: str | None = None
    people: tuple[str, ...] = ()  # PERSON without a role ("lunch with [Sara]")
    add_people: tuple[str, ...] = ()  # PERSON new ("add [jim] to the lunch")
    remove_people: tuple[str, ...] = ()  # PERSON old ("remove [jim] from the lunch")
    alert: int | None = None  # minutes before the start ("remind me [an hour before]")
    action: str = ""  # the ACTION words, lowercase ("remind me", "rename")
    dated: bool = False  # any DATE slot was said (old or new)
    asks_alerts: bool = False  # a query about the alerts set ("what are my current alerts")
    probabilities: Mapping[str, float] = field(default_factory=dict)  # calibrated, per intent

    def confidence_in(self, *intents: str) -> float:
        """How sure the NLU is that the command is one of `intents` (their calibrated sum; at
        least `confidence` when the reading's own intent is among them)."""
        summed = sum(self.probabilities.get(i, 0.0) for i in intents)
        return max(summed, self.confidence) if self.intent in intents else summed

    @property
    def reminder(self) -> bool:
        """A reminder ("remind me to call mom"): a day without a time gets the default hour.
        With an ALERT the reminding is the alert's ("dentist friday at 3, remind me a day
        before" is a dentist appointment, not a reminder)."""
        if self.alert is not None:
            return False
        return self.action.startswith(REMIND_WORDS) or (self.kind or "") in REMIND_WORDS


def command_of(parse: Parse, now: datetime, tz: str) -> Command:
    """The Command a Parse gives (roles, alert and `when` as the NLU gave them)."""
    slots = list(parse.slots)
    meal = _meal_name(parse.intent, slots)
    if meal is not None:
        slots.remove(meal)
    dates = [s for s in slots if s.label == "DATE"]
    new_dates = [s for s in dates if s.role != "old"]
    return Command(
        intent=parse.intent,
        confidence=parse.confidence,
        name=meal.text if meal is not None else _owned(parse, _name(parse, slots), slots),
        kind=_first(slots, "DOMAIN", None, lower=True),
        when=_keeping_time(parse.intent, parse.when if meal is None else _together(new_dates, now, tz), new_dates, tz),
        old_when=_together([s for s in dates if s.role == "old"], now, tz),
        day_said=any(followups.says_date(s.text) for s in new_dates),
        old_day_said=any(followups.says_date(s.text) for s in dates if s.role == "old"),
        new_title=_renamed(parse, slots),
        location=_first(slots, "LOCATION", "new") or _first(slots, "LOCATION", None),
        people=_texts(slots, "PERSON", None),
        add_people=_texts(slots, "PERSON", "new"),
        remove_people=_texts(slots, "PERSON", "old"),
        alert=parse.alert,
        action=" ".join(s.text.lower() for s in slots if s.label == "ACTION"),
        dated=bool(dates),
        asks_alerts=parse.intent == "query" and parse.alert is None and bool(ALERT_WORDS.search(parse.text)),
        probabilities=dict(parse.probabilities),
    )


def _name(parse: Parse, slots: list[Slot]) -> str | None:
    """The event named: the old NAME of a rename, else the first NAME without a role, else
    the parse's title (a DOMAIN word); a bare "it" / "that" names nothing by itself."""
    name = (
        _first(slots, "NAME", "old")
        or _first(slots, "NAME", None)
        or (parse.title if not any(s.label == "NAME" for s in slots) else None)
    )
    return None if followups.is_pronoun(name) else name


# "X's" that is no owner: contractions, and times ("tomorrow's", "friday's": DATE words).
NOT_OWNERS = frozenset({"it's", "that's", "what's", "there's", "here's", "let's", "he's", "she's", "who's", "one's"})
OWNER = re.compile(r"\b([a-z][a-z-]*'s)\s+$", re.IGNORECASE)


def _owned(parse: Parse, name: str | None, slots: list[Slot]) -> str | None:
    """A new event's name with the owner said right before it, which the NLU left out of the
    NAME: "remind me of my [brother's] birthday" is "brother's birthday", not "birthday" (the
    parse's title keeps the NLU's span; only the stored title gains the owner)."""
    slot = next((s for s in slots if s.label == "NAME" and s.text == name), None)
    if parse.intent != "create" or slot is None:
        return name
    found = OWNER.search(parse.text[: slot.start])
    if found is None or found.group(1).lower() in NOT_OWNERS or followups.says_date(found.group(1)[:-2]):
        return name
    if any(s.start <= found.start(1) < s.end for s in slots):
        return name  # a slot of its own (a PERSON "sally's" is composed as "with ...")
    return f"{found.group(1)} {name}"


def _renamed(parse: Parse, slots: list[Slot]) -> str | None:
    """The new title of a rename: the NAME marked new; in an update with two NAMEs and no
    roles ("rename the meeting team sync"), the last one (ANNOTATION.md: old, then new)."""
    marked = _first(slots, "NAME", "new")
    names = [s for s in slots if s.label == "NAME"]
    if marked is None and parse.intent == "update" and len(names) >= 2 and not any(s.role for s in names):
        return names[-1].text
    return marked


def _meal_name(intent: str, slots: list[Slot]) -> Slot | None:
    """A DATE that is only a meal word and is the event a calendar verb acts on: in a
    create, cancel or update naming nothing else; in a reschedule, beside the new time or
    place ("move lunch to one thirty", "move lunch to the cafeteria")."""
    if intent not in ("create", "cancel", "reschedule", "update"):
        return None
    if any(s.label == "NAME" for s in slots) or any(
        s.label == "DOMAIN" and s.text.lower() not in GENERIC_KINDS for s in slots
    ):
        return None
    dates = [s for s in slots if s.label == "DATE"]
    meals = [s for s in dates if _bare(s.text) in MEALS and s.role != "new"]
    changes_place = any(s.label == "LOCATION" for s in slots)
    if not meals or (intent == "reschedule" and len(dates) < 2 and not changes_place):
        return None  # "move it to lunch": the lone DATE of a reschedule is the new time
    return meals[0]


def _bare(text: str) -> str:
    words = [w for w in text.lower().split() if w not in ("the", "my", "our", "a")]
    return " ".join(words)


def _together(dates: list[Slot], now: datetime, tz: str) -> TimeSpan | None:
    """The time several DATE slots give together ("friday" ... "at 3"), as the NLU combines them."""
    if len(dates) > 1:
        from assistant.timing import resolve

        joined = resolve(" ".join(s.text for s in dates), now, tz)
        if joined is not None:
            return joined
    return next((s.value for s in dates if isinstance(s.value, TimeSpan)), None)


SAME_TIME = re.compile(r"\b(?:same|usual) time\b", re.IGNORECASE)


def _keeping_time(intent: str, when: TimeSpan | None, dates: list[Slot], tz: str) -> TimeSpan | None:
    """A move "to next monday same time": the day alone, so the event keeps its own time (the
    date reader reads "same time" as the time it is now, which says nothing about the event)."""
    if intent not in ("reschedule", "update") or when is None or when.start is None:
        return when
    if not any(SAME_TIME.search(s.text) for s in dates):
        return when
    day = when.start.date()
    return TimeSpan(at(day, time(), tz), at(day + timedelta(days=1), time(), tz), "day")


def _first(slots: list[Slot], label: str, role: str | None, lower: bool = False) -> str | None:
    text = next((s.text for s in slots if s.label == label and s.role == role), None)
    return text.lower() if text is not None and lower else text


def _texts(slots: list[Slot], label: str, role: str | None) -> tuple[str, ...]:
    return tuple(s.text for s in slots if s.label == label and s.role == role)
