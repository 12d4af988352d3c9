"""Roles, alerts and `when` decided over a parse: nlu.roles and the parser's value helpers.

These run on hand-built slots (no model), so they pin the rules themselves; the golden tests
check the shipped pipeline end to end.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from nlu import dates, roles
from nlu.parser import alert_of, alert_value, when_of
from nlu.result import Slot

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday


def slots(text: str, marked: list[tuple[str, str]]) -> tuple[Slot, ...]:
    """Slots for the (words, label) pairs, found left to right in `text`, values resolved."""
    out, cursor = [], 0
    for words, label in marked:
        start = text.index(words, cursor)
        cursor = start + len(words)
        value = dates.resolve(words, NOW) if label == "DATE" else alert_value(words, NOW) if label == "ALERT" else None
        out.append(Slot(label, words, start, cursor, value))
    return tuple(out)


def role_map(intent: str, text: str, marked: list[tuple[str, str]]) -> dict[str, str | None]:
    return {s.text: s.role for s in roles.assign(intent, text, slots(text, marked)) if s.label != "ACTION"}


@pytest.mark.parametrize(
    "intent, text, marked, want",
    [
        (
            "reschedule",
            "move the 3 pm meeting to 5 pm",
            [("move", "ACTION"), ("3 pm", "DATE"), ("meeting", "DOMAIN"), ("5 pm", "DATE")],
            {"3 pm": "old", "meeting": None, "5 pm": "new"},
        ),
        (
            "reschedule",
            "running late today, move my 10:30 to 11",
            [("today", "DATE"), ("move", "ACTION"), ("10:30", "DATE"), ("11", "DATE")],
            {"today": None, "10:30": "old", "11": "new"},
        ),
        (
            "reschedule",
            "the dentist on friday? make it 4 instead of 3",
            [("dentist", "NAME"), ("friday", "DATE"), ("make it", "ACTION"), ("4", "DATE"), ("3", "DATE")],
            {"dentist": None, "friday": None, "4": "new", "3": "old"},
        ),
        (
            "reschedule",
            "bump my 4pm to tomorrow",
            [("bump", "ACTION"), ("4pm", "DATE"), ("tomorrow", "DATE")],
            {"4pm": "old", "tomorrow": "new"},
        ),
        (
            "reschedule",
            "move the dentist to friday",
            [("move", "ACTION"), ("dentist", "NAME"), ("friday", "DATE")],
            {"dentist": None, "friday": None},
        ),  # a lone DATE is the new time and carries no role
        (
            "update",
            "rename lunch to team lunch",
            [("rename", "ACTION"), ("lunch", "NAME"), ("team lunch", "NAME")],
            {"lunch": "old", "team lunch": "new"},
        ),
        (
            "update",
            "move yoga from the studio to the park",
            [("move", "ACTION"), ("yoga", "NAME"), ("the studio", "LOCATION"), ("the park", "LOCATION")],
            {"yoga": None, "the studio": "old", "the park": "new"},
        ),
        (
            "update",
            "add jim and jerry to the lunch with sara",
            [("add", "ACTION"), ("jim", "PERSON"), ("jerry", "PERSON"), ("lunch", "NAME"), ("sara", "PERSON")],
            {"jim": "new", "jerry": "new", "lunch": None, "sara": None},
        ),
        (
            "update",
            "remove tom from the planning call",
            [("remove", "ACTION"), ("tom", "PERSON"), ("planning call", "NAME")],
            {"tom": "old", "planning call": None},
        ),
        (
            "update",
            "swap dave for maria on the client call",
            [("swap", "ACTION"), ("dave", "PERSON"), ("maria", "PERSON"), ("client call", "NAME")],
            {"dave": "old", "maria": "new", "client call": None},
        ),
        (
            "update",
            "remind me an hour before the 3pm meeting tomorrow",
            [
                ("remind me", "ACTION"),
                ("an hour before", "ALERT"),
                ("3pm", "DATE"),
                ("meeting", "DOMAIN"),
                ("tomorrow", "DATE"),
            ],
            {"an hour before": None, "3pm": None, "meeting": None, "tomorrow": None},
        ),
        (
            "create",
            "lunch with sara tomorrow at noon",
            [("lunch", "NAME"), ("sara", "PERSON"), ("tomorrow at noon", "DATE")],
            {"lunch": None, "sara": None, "tomorrow at noon": None},
        ),
    ],
)
def test_parser_roles_by_rule(intent, text, marked, want):
    assert role_map(intent, text, marked) == want


@pytest.mark.parametrize(
    "phrase, minutes",
    [
        ("an hour before", 60),
        ("two days in advance", 2880),
        ("30 minutes before", 30),
        ("the day before", 1440),
        ("a week before", 10080),
        ("15 min ahead", 15),
    ],
)
def test_parser_alert_minutes(phrase, minutes):
    assert alert_value(phrase, NOW).minutes_before == minutes


def test_parser_alert_of_is_the_first_resolved_alert():
    marked = slots(
        "remind me an hour before the dentist",
        [("remind me", "ACTION"), ("an hour before", "ALERT"), ("dentist", "NAME")],
    )
    assert alert_of(marked) == 60
    assert alert_of(slots("dentist friday", [("dentist", "NAME"), ("friday", "DATE")])) is None


def test_parser_when_is_the_new_time():
    text = "move the 3 pm meeting to 5 pm"
    marked = roles.assign(
        "reschedule", text, slots(text, [("move", "ACTION"), ("3 pm", "DATE"), ("meeting", "DOMAIN"), ("5 pm", "DATE")])
    )
    when = when_of(marked, NOW)
    assert (when.start.replace(tzinfo=None), when.end.replace(tzinfo=None)) == (
        datetime(2026, 11, 23, 17, 0),
        datetime(2026, 11, 23, 18, 0),
    )


def test_parser_when_of_availability_is_the_whole_day_with_the_said_length():
    text = "can i fit a 2 hour meeting on monday"
    when = when_of(slots(text, [("2 hour", "DATE"), ("meeting", "DOMAIN"), ("monday", "DATE")]), NOW)
    assert when.start.replace(tzinfo=None) == datetime(2026, 11, 30, 0, 0)
    assert when.end.replace(tzinfo=None) == datetime(2026, 12, 1, 0, 0)
    assert when.to_dict()["duration"] == "PT2H"


def test_parser_when_of_a_lone_length_is_the_length():
    when = when_of(slots("push it back an hour", [("an hour", "DATE")]), NOW)
    assert when.start is None and when.to_dict()["duration"] == "PT1H"
