"""Answers to the questions the dialogue asked (assistant/questions.py), one function per kind.

Each returns the reply, or None when the turn is not an answer: a new full command ("what
do I have tomorrow" while a name was asked for), a sentence about something else, or a
second unclear answer. The question is then dropped and the turn is read as a command.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant import changes, creating, followups, matching, timing
from assistant.changes import NEVER_MIND
from assistant.finder import pick
from assistant.questions import (
    Asked,
    Cancel,
    Choose,
    Confirm,
    ConfirmCreate,
    Edit,
    Listed,
    Move,
    NeedDate,
    NeedTime,
    NeedTitle,
    Question,
    Scope,
    retried,
)
from assistant.views import EventView, Reply
from nlu.result import TimeSpan

if TYPE_CHECKING:
    from assistant.dialogue import Dialogue
    from assistant.models import Event

# Words an answer may wrap a time in ("uh how about friday", "let's say noon, I think").
ANSWER_GLUE = frozenset(
    {
        "on",
        "at",
        "for",
        "in",
        "the",
        "it",
        "make",
        "let's",
        "lets",
        "say",
        "how",
        "about",
        "maybe",
        "then",
        "i",
        "think",
        "guess",
        "probably",
        "ok",
        "okay",
        "that",
        "would",
        "be",
        "is",
        "to",
        "put",
        "schedule",
        "move",
        "a",
        "an",
        "of",
        "around",
        "by",
        "sometime",
        "yes",
        "yeah",
        "sure",
        "try",
        "do",
        "we",
        "can",
        "could",
        "you",
    }
)
MAX_BARE_TIME_WORDS = 7
MAX_TITLE_WORDS = 8  # a longer answer to "what should I call it?" is another sentence
MAX_RETRIES = 1  # questions asked again after an unclear answer, before they are dropped
NAME_LEADS = ("call it ", "name it ", "it's called ", "it is called ", "the title is ", "it's ", "it is ")
COMMANDS = ("query", "availability", "cancel", "update", "reschedule")


def answer(d: Dialogue, question: Question) -> Reply | None:
    """The reply to an answer to `question`, or None when the turn is a command instead."""
    match question:
        case Listed(ids=ids):  # not a question: what "it" may mean this turn
            d.listed = ids
            return None
        case Confirm() | ConfirmCreate():
            return answer_confirm(d, question)
        case Scope():
            return answer_scope(d, question)
        case Choose():
            return answer_choose(d, question)
        case NeedDate():
            return answer_date(d, question)
        case NeedTime():
            return answer_time(d, question)
        case NeedTitle():
            return answer_title(d, question)
    return None


# -- yes / no -----------------------------------------------------------------------------------
def answer_confirm(d: Dialogue, question: Confirm | ConfirmCreate) -> Reply | None:
    text = d.turn.text
    if followups.is_yes(text):
        return confirmed(d, question)
    if followups.is_no(text) and not (isinstance(question, ConfirmCreate) and corrected_time(d, question)):
        return d.say(f"OK, I won't {_verb(question)}.", "none")
    if isinstance(question, Confirm) and repeats(d, question):
        return confirmed(d, question)
    if isinstance(question, ConfirmCreate) and (span := missing_day(d, question)) is not None:
        return confirmed(d, replace(question, span=span))
    if isinstance(question, ConfirmCreate) and (span := corrected_time(d, question)) is not None:
        # "Did you mean to schedule "haircut" for Thursday at 4:30 PM?" - "actually make that 5":
        # the user means the event, at the time said now; the other checks run on the new time
        draft = question.draft
        return creating.plan(d, replace(draft, passed=(*draft.passed, "intent")), span, answering=True)
    return None


def corrected_time(d: Dialogue, question: ConfirmCreate) -> TimeSpan | None:
    """The new time an answer gives to a create asked about with its time ("make that 5", "an
    hour later", "no, friday at 5"): a time without a day stays on the day asked about, a day
    without a time keeps the time asked about. None: the create had no time (`missing_day`),
    the question was about a duplicate, or the turn names an event of its own or is no time."""
    asked = question.span
    if asked is None or asked.start is None or question.reason == "duplicate":
        return None  # "You already have ... Schedule another one?" - a day is no yes (nor a no)
    cmd = d.command
    if commanding(d, allow=("reschedule", "update")) or cmd.name is not None:
        return None
    delta = followups.shift(d.turn.text)
    if delta is not None:
        start = timing.plus(asked.start, delta, d.turn.tz)
        end = timing.plus(asked.end, delta, d.turn.tz) if asked.end is not None else None
        return replace(asked, start=start, end=end, alternatives=())
    span = heard_time(d)
    if span is None:
        return None
    if not _day_said(d):
        return creating.on_day(span, asked, d.turn.tz)  # "make that 5": on the day asked about
    if span.grain not in timing.TIME_GRAINS and asked.grain in timing.TIME_GRAINS:
        return creating.on_day(asked, span, d.turn.tz)  # "no, friday": at the time asked about
    return span


def missing_day(d: Dialogue, question: ConfirmCreate) -> TimeSpan | None:
    """The day an answer gives to "Did you mean to schedule "team offsite"?" asked of a
    create that had none: saying when is saying yes ("january twenty ninth"). None: the
    create had its time, or the turn is no time (or a new command)."""
    if question.span is not None and question.span.start is not None:
        return None
    if commanding(d, allow=()):
        return None
    return heard_time(d)


VERBS = {Cancel: "cancel it", Move: "move it", Edit: "change it"}
INTENTS = {Cancel: "cancel", Move: "reschedule", Edit: "update"}


def _verb(question: Confirm | ConfirmCreate) -> str:
    return "schedule it" if isinstance(question, ConfirmCreate) else VERBS[type(question.action)]


def confirmed(d: Dialogue, question: Confirm | ConfirmCreate) -> Reply:
    """Go on with what was asked about, the check answered."""
    if isinstance(question, ConfirmCreate):
        draft = replace(question.draft, passed=(*question.draft.passed, question.reason))
        return creating.plan(d, draft, question.span, answering=True)
    return changes.propose(d, question.target, question.action, confirmed=True)


def repeats(d: Dialogue, question: Confirm) -> bool:
    """Whether the answer repeats the command being confirmed ("cancel it", "yes cancel the
    AI event"): the same kind of change, naming nothing else."""
    cmd = d.command
    if cmd.intent != INTENTS[type(question.action)] or cmd.dated:
        return False
    row = d.event(question.target.event_id)
    return row is not None and (cmd.name is None or matching.score(cmd.name, row.title) >= matching.MATCH)


# -- which occurrences --------------------------------------------------------------------------
def answer_scope(d: Dialogue, question: Scope) -> Reply | None:
    """ "yes" / "only this one", "this and the following ones", "all of them", or no."""
    text = d.turn.text
    if followups.is_no(text) or followups.normal(text) == NEVER_MIND:
        return d.say(f"OK, I won't {VERBS[type(question.action)]}.", "none")
    scope = followups.scope(text)
    if scope is not None:
        return changes.perform(d, question.target, question.action, scope)
    return ask_again(
        d, question, "Sorry: only this one, this and the following ones, or all of them?", choices=changes.SCOPE_CHOICES
    )


# -- which one ----------------------------------------------------------------------------------
def answer_choose(d: Dialogue, question: Choose) -> Reply | None:
    text = d.turn.text
    if followups.is_no(text) or followups.normal(text) == NEVER_MIND:
        return d.say("OK, never mind.", "none")
    live = [
        (t, label, row)
        for t, label in zip(question.targets, question.labels, strict=True)
        if (row := d.event(t.event_id)) is not None
    ]
    views = [changes.target_view(d, row, t) for t, _, row in live]
    index = pick(text, views, [label for _, label, _ in live], d.turn.tz, d.turn.now)
    if index is not None:
        return changes.propose(
            d, live[index][0], question.action, confirmed=isinstance(question.action, Cancel), answering=True
        )
    return ask_again(
        d,
        question,
        'Sorry, which one? Say "the first one", its name or its day.',
        views,
        [*(label for _, label, _ in live), NEVER_MIND],
    )


# -- when -----------------------------------------------------------------------------------------
def answer_date(d: Dialogue, question: NeedDate) -> Reply | None:
    draft = question.draft
    if followups.is_no(d.turn.text):
        return d.say(f'OK, I won\'t schedule "{draft.title}".', "none")
    if commanding(d, allow=()):
        return None
    span = heard_time(d)
    if span is not None and draft.day is not None and not _day_said(d):
        span = creating.on_day(span, draft.day, d.turn.tz)  # "at 3pm" after "a 15-min call tomorrow"
    if span is not None:
        return creating.plan(d, replace(draft, day=None), span, answering=True)
    return ask_again(d, question, f'Sorry, I didn\'t catch a day. When should I schedule "{draft.title}"?')


def answer_time(d: Dialogue, question: NeedTime) -> Reply | None:
    row = d.event(question.target.event_id)
    if row is None or followups.is_no(d.turn.text):
        return d.say("OK, I'll leave it as it is.", "none")
    if commanding(d, allow=("reschedule",)):
        return None
    delta = followups.shift(d.turn.text)
    span = None if delta is not None else heard_time(d)
    if delta is not None or span is not None:
        move = Move(delta=delta) if delta is not None else Move(span=span, day_said=_day_said(d))
        return changes.propose(d, question.target, move, confirmed=True)
    return ask_again(d, question, f'Sorry, I didn\'t catch a time. When should I move "{row.title}" to?', [row])


def _day_said(d: Dialogue) -> bool:
    """Whether a time answer names a day: its DATE slots do, or (no slot) the short answer does."""
    dates = d.parse.slots_of("DATE")
    return d.command.day_said if dates else followups.says_date(d.turn.text)


def heard_time(d: Dialogue) -> TimeSpan | None:
    """The time an answer gives ("friday at 3", "uh how about tomorrow at noon"), or None when
    the turn says more than a time ("what's the weather tomorrow" is no answer)."""
    dates = d.parse.slots_of("DATE")
    words = followups.words(d.turn.text)
    if dates:
        said = {w for s in dates for w in followups.words(s.text)}
        if len([w for w in words if w not in said and w not in ANSWER_GLUE]) > 1:
            return None
        span = d.command.when
        if span is None or span.start is None:
            span = timing.resolve(" ".join(s.text for s in dates), d.turn.now, d.turn.tz)
    elif len(words) <= MAX_BARE_TIME_WORDS:  # the model tagged nothing: a short bare phrase
        span = timing.resolve(" ".join(words), d.turn.now, d.turn.tz)
    else:
        return None
    return span if span is not None and span.start is not None else None


# -- what name ----------------------------------------------------------------------------------
def answer_title(d: Dialogue, question: NeedTitle) -> Reply | None:
    text = d.turn.text.strip()
    cmd = d.command
    if followups.is_no(text):
        return d.say("OK, I won't schedule anything.", "none")
    if (
        len(followups.words(text)) > MAX_TITLE_WORDS
        or followups.is_question(text)
        or commanding(d, allow=("update",), naming=True)
        or (cmd.intent == "update" and not _only_a_name(d))
    ):
        return None  # a new command or another sentence, not a name
    if cmd.intent in ("create", "update") and cmd.name is not None and cmd.action:
        text = cmd.name  # "book the dentist", "call it team lunch": the name in it
    else:
        for lead in NAME_LEADS:
            if text.lower().startswith(lead):
                text = text[len(lead) :].strip()
                break
    return creating.plan(d, replace(question.draft, title=text), question.span, answering=True)


def _only_a_name(d: Dialogue) -> bool:
    """ "call it Lunch with Sam": an update that says nothing but a name."""
    cmd = d.command
    return cmd.alert is None and not (cmd.add_people or cmd.remove_people or cmd.dated or cmd.location)


# -- dropping the question ------------------------------------------------------------------
def commanding(d: Dialogue, allow: tuple[str, ...], naming: bool = False) -> bool:
    """Whether the turn is a new full command rather than an answer: a calendar command of
    another kind than `allow` ("what do I have tomorrow" while a name was asked for), or a
    create naming its own event with a verb ("can you make dinner for me"; while a name is
    asked for, only one that also says its time)."""
    cmd = d.command
    if cmd.intent in COMMANDS and cmd.intent not in allow:
        return True
    return cmd.intent == "create" and cmd.name is not None and bool(cmd.action) and (cmd.dated or not naming)


def ask_again(
    d: Dialogue, question: Asked, text: str, events: Sequence[Event | EventView] = (), choices: Sequence[str] = ()
) -> Reply | None:
    """The question once more after an answer we could not use; None (dropped, the turn read
    as a command) after MAX_RETRIES or when the turn is a sentence about something else."""
    if question.tries >= MAX_RETRIES or unrelated(d):
        return None
    return d.ask(retried(question), text, "clarify", events, choices)


def unrelated(d: Dialogue) -> bool:
    """A whole sentence the NLU is sure is about something else ("play some jazz please")."""
    cmd = d.command
    if cmd.intent == "out_of_scope":
        return cmd.confidence >= 0.9 and len(followups.words(d.turn.text)) >= 3
    return cmd.intent in COMMANDS or bool(cmd.action) or cmd.name is not None
