"""What a conversation waits for: one frozen dataclass per kind of open question, and their JSON.

A turn that asks something leaves one of these in the conversation state
(`conversations.pending`); the next turn loads it back and `answers.answer` matches on its
kind. The JSON form lives here and nowhere else: `dump` and `load` are the only way in or
out of the stored state, and a stored value this version cannot read (an older format, a
hand-edited row) loads as None, so the question is dropped and the turn is read as a command.

The pieces a question carries are typed too: a `Draft` (an event not written yet), a
`Target` (an event, or one occurrence of a series by its original start: RFC 5545's
RECURRENCE-ID), and the change waiting to be made (`Cancel`, `Move`, `Edit`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from nlu.result import TimeSpan

VERSION = 2  # the JSON form's version: anything else loads as None

SCOPES = ("one", "following", "all")  # one occurrence, this and the following ones, the whole series


# -- the pieces -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Draft:
    """An event being created, before it is written. `passed` lists the checks the user
    already said yes to ("intent", "past", "duplicate"), so they are not asked again."""

    title: str | None
    kind: str | None = None
    location: str | None = None
    attendees: tuple[str, ...] = ()
    alerts: tuple[int, ...] = ()
    utterance: str = ""
    length: timedelta | None = None  # a length said before the day ("for two hours")
    day: TimeSpan | None = None  # the day said with a length but no time ("a 15-min call tomorrow"): asked its hour
    reminder: bool = False  # "remind me to ...": a day without a time gets the default hour
    passed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Target:
    """Which event a change is about: an event row, or one occurrence of a series (its
    original start, naive UTC)."""

    event_id: int
    occurrence: datetime | None = None


@dataclass(frozen=True)
class Cancel:
    """Cancel the target."""


@dataclass(frozen=True)
class Move:
    """Move the target: to a said time (merged with the old one by grain) or by a delta."""

    span: TimeSpan | None = None
    delta: timedelta | None = None
    day_said: bool = False  # whether the new time names a day ("friday at 3", not "3 pm")
    length: timedelta | None = None  # a new length, same start ("make it an hour and a half long")
    stretch: timedelta | None = None  # longer (or shorter, negative) by ("extend it by 30 minutes")


@dataclass(frozen=True)
class Edit:
    """Change the target other than its time: people, title, place, alerts, repetition."""

    title: str | None = None
    location: str | None = None
    add_people: tuple[str, ...] = ()
    remove_people: tuple[str, ...] = ()
    alert: int | None = None
    repeat: str | None = None  # a new RRULE ("make it weekly")
    repeat_span: TimeSpan | None = None  # the time the new rule was said with ("every tuesday at 10")
    until: datetime | None = None  # the series' last moment ("stop the standup after december 21"), aware

    def is_empty(self) -> bool:
        return self == Edit()


Action = Cancel | Move | Edit


# -- the questions --------------------------------------------------------------------------
@dataclass(frozen=True)
class NeedTitle:
    """ "What should I call the event?" """

    draft: Draft
    span: TimeSpan | None = None
    tries: int = 0


@dataclass(frozen=True)
class NeedDate:
    """ "When should I schedule "dentist"?" """

    draft: Draft
    tries: int = 0


@dataclass(frozen=True)
class NeedTime:
    """ "When should I move "dentist" to?" """

    target: Target
    tries: int = 0


@dataclass(frozen=True)
class ConfirmCreate:
    """A create waiting for a yes: `reason` is the check it failed ("intent": the NLU was
    unsure; "past": the time is over; "duplicate": the same title at the same time exists)."""

    draft: Draft
    span: TimeSpan | None
    reason: str
    tries: int = 0


@dataclass(frozen=True)
class Confirm:
    """A change to one event waiting for a yes (a cancel, a "did you mean", an unsure move)."""

    target: Target
    action: Action
    tries: int = 0


@dataclass(frozen=True)
class Scope:
    """A change to one occurrence of a series: only this one, this and the following ones,
    or all of them? ("yes" means only this one.)"""

    target: Target
    action: Action
    tries: int = 0


@dataclass(frozen=True)
class Choose:
    """Several events match: which one (the labels are the spoken descriptions, in order)?"""

    targets: tuple[Target, ...]
    labels: tuple[str, ...]
    action: Action
    tries: int = 0


@dataclass(frozen=True)
class Listed:
    """Not a question: the events the last answer listed, which "it" may mean next turn."""

    ids: tuple[int, ...]


Asked = NeedTitle | NeedDate | NeedTime | ConfirmCreate | Confirm | Scope | Choose  # questions that count tries
Question = Asked | Listed
QUESTIONS = (NeedTitle, NeedDate, NeedTime, ConfirmCreate, Confirm, Scope, Choose, Listed)
TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Draft,
        Target,
        Cancel,
        Move,
        Edit,
        NeedTitle,
        NeedDate,
        NeedTime,
        ConfirmCreate,
        Confirm,
        Scope,
        Choose,
        Listed,
        TimeSpan,
    )
}


def retried(question: Asked) -> Asked:
    """The same question asked once more (its `tries` counted)."""
    return replace(question, tries=question.tries + 1)


# -- JSON -----------------------------------------------------------------------------------
def dump(question: Question | None) -> dict[str, Any] | None:
    """The JSON stored in conversations.pending for a question (None: nothing waits)."""
    return None if question is None else {"v": VERSION, "question": _encode(question)}


def load(data: Any) -> Question | None:
    """The question back from its stored JSON; None when nothing waits or the JSON is not
    one this version wrote (the question is then dropped, never half-read)."""
    if not isinstance(data, dict) or data.get("v") != VERSION:
        return None
    try:
        question = _decode(data.get("question"))
    except (KeyError, TypeError, ValueError):
        return None
    return question if isinstance(question, QUESTIONS) else None


def renumbered(data: Any, ids: Mapping[int, int]) -> Any:
    """A stored question with the event ids it names replaced (`ids`: old id -> new id), for
    rows put back under new ids (store.restore_owner). A question naming an event not in
    `ids` is dropped (None); JSON this version cannot read is returned as it is (it is
    dropped when read, like any other)."""
    question = load(data)
    if question is None:
        return data
    try:
        return dump(_renumber(question, ids))
    except KeyError:
        return None


def _renumber(value: Any, ids: Mapping[int, int]) -> Any:
    """`value` with every Target's event id and every Listed id mapped through `ids`."""
    if isinstance(value, Target):
        return replace(value, event_id=ids[value.event_id])
    if isinstance(value, Listed):
        return Listed(tuple(ids[i] for i in value.ids))
    if isinstance(value, tuple):
        return tuple(_renumber(v, ids) for v in value)
    if isinstance(value, QUESTIONS):
        return replace(value, **{f.name: _renumber(getattr(value, f.name), ids) for f in fields(value)})
    return value


def _encode(value: Any) -> Any:
    """Typed values as tagged JSON: {"type": ...} for our dataclasses, {"dt"} and {"td"} for
    times (aware datetimes keep their zone name, so wall-clock arithmetic survives)."""
    if is_dataclass(value):
        return {"type": type(value).__name__, **{f.name: _encode(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, datetime):
        zone = getattr(value.tzinfo, "key", None)
        return (
            {"dt": value.replace(tzinfo=None).isoformat(), "tz": zone, "fold": value.fold}
            if zone
            else {"dt": value.isoformat()}
        )
    if isinstance(value, timedelta):
        return {"td": value.total_seconds()}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if not isinstance(value, dict):
        return value
    if "type" in value:
        cls = TYPES[value["type"]]
        return cls(**{f.name: _decode(value[f.name]) for f in fields(cls) if f.name in value})
    if "dt" in value:
        return _moment(value)
    if "td" in value:
        return timedelta(seconds=float(value["td"]))
    raise ValueError(f"unknown value {sorted(value)}")


def _moment(value: dict[str, Any]) -> datetime:
    from zoneinfo import ZoneInfo

    moment = datetime.fromisoformat(value["dt"])
    if value.get("tz"):
        moment = moment.replace(tzinfo=ZoneInfo(value["tz"]), fold=int(value.get("fold", 0)))
    return moment
