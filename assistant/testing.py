"""Hand-built NLU readings for tests and demos that must not depend on the trained model.

The dialogue takes a `Parse` (plain data), so tests may build one directly:

    reading("Cancel the AI event", "cancel", NAME="AI", DOMAIN="event")
    reading("move the 3 pm meeting to 5 pm", "reschedule", NAME="meeting",
            dates={"3 pm": three, "5 pm": five}, roles={"3 pm": "old", "5 pm": "new"})
    reading("remind me an hour before the dentist", "update", NAME="dentist", alerts={"an hour before": 60})
    ScriptedParser({...text: Parse...})   # a parser callable for Assistant(parser=...)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from nlu.result import Alert, Parse, Slot, TimeSpan


def day_span(day: date, tz: str = "Europe/Paris", days: int = 1) -> TimeSpan:
    """A whole-day span ("tomorrow", "July 18")."""
    start = datetime.combine(day, time(0), ZoneInfo(tz))
    return TimeSpan(start=start, end=datetime.combine(day + timedelta(days=days), time(0), ZoneInfo(tz)), grain="day")


def time_span(
    moment: datetime,
    tz: str = "Europe/Paris",
    grain: str = "hour",
    end: datetime | None = None,
    duration: timedelta | None = None,
) -> TimeSpan:
    """A point in time at a grain ("6 PM": 18:00-19:00), or a range when `end` is given."""
    start = moment.replace(tzinfo=ZoneInfo(tz))
    unit = {"hour": timedelta(hours=1), "minute": timedelta(minutes=1)}[grain]
    stop = end.replace(tzinfo=ZoneInfo(tz)) if end else start + unit
    return TimeSpan(start=start, end=stop, grain=grain, duration=duration)


def reading(
    text: str,
    intent: str,
    when: TimeSpan | None = None,
    confidence: float = 0.99,
    dates: Mapping[str, TimeSpan | None] | None = None,
    alerts: Mapping[str, int] | None = None,
    roles: Mapping[str, str] | None = None,
    **slots: str | list[str],
) -> Parse:
    """A Parse of `text`, as the NLU contract gives it (nlu/result.py).

    Slot texts are found in `text` (the first occurrence); DATE slots come from `dates`
    (text -> value), ALERT slots from `alerts` (text -> minutes before), and `roles` gives
    a slot its role by its text ("3 pm" -> "old", "jim" -> "new"). As the NLU does, `when`
    defaults to the first DATE that is not old, `alert` to the first ALERT, and `title` to
    the first NAME without the role "new" (else the DOMAIN word).
    """
    roles = dict(roles or {})
    found = [
        _slot(text, label, piece, None, roles)
        for label, texts in slots.items()
        for piece in ([texts] if isinstance(texts, str) else texts)
    ]
    found += [_slot(text, "DATE", piece, value, roles) for piece, value in (dates or {}).items()]
    found += [_slot(text, "ALERT", piece, Alert(minutes), roles) for piece, minutes in (alerts or {}).items()]
    found.sort(key=lambda s: s.start)
    names = [s.text for s in found if s.label == "NAME" and s.role != "new"] or [
        s.text for s in found if s.label == "DOMAIN"
    ]
    if when is None:
        when = next(
            (s.value for s in found if s.label == "DATE" and s.role != "old" and isinstance(s.value, TimeSpan)), None
        )
    alert = next((s.value.minutes_before for s in found if s.label == "ALERT" and isinstance(s.value, Alert)), None)
    return Parse(
        text=text,
        intent=intent,
        confidence=confidence,
        slots=tuple(found),
        title=names[0] if names else None,
        when=when,
        alert=alert,
    )


def _slot(text: str, label: str, piece: str, value: TimeSpan | Alert | None, roles: Mapping[str, str]) -> Slot:
    start = text.find(piece)
    if start < 0:
        raise ValueError(f"{piece!r} is not in {text!r}")
    return Slot(label=label, text=piece, start=start, end=start + len(piece), value=value, role=roles.get(piece))


class ScriptedParser:
    """A parser callable answering from a table (text -> Parse); unknown text is out of scope."""

    def __init__(self, table: Mapping[str, Parse] | None = None) -> None:
        self.table = dict(table or {})
        self.calls: list[str] = []

    def add(self, parse: Parse) -> Parse:
        self.table[parse.text] = parse
        return parse

    def __call__(self, text: str, now: datetime | None = None, tz: str | None = None) -> Parse:
        self.calls.append(text)
        return self.table.get(text) or Parse(text=text, intent="out_of_scope", confidence=0.9)
