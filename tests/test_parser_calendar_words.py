"""Commands plainly for the calendar are not refused (nlu.calendar_words): one that names the
calendar, or opens with a scheduling verb and says when, gets a calendar intent at the low
confidence the model gave it, so the dialogue asks before it writes."""

from __future__ import annotations

from datetime import datetime

import pytest

from nlu.calendar_words import calendar_reading, names_calendar, shaped_like_booking
from nlu.calibration import CONFIRM_BELOW
from nlu.intent_shapes import TIMED_BOOKING

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday
OUT_MOSTLY = {"out_of_scope": 0.80, "cancel": 0.12, "create": 0.06, "query": 0.02}


@pytest.mark.parametrize(
    "text, want",
    [
        ("delete grocery shopping from my saturday schedule", True),
        ("set calendar info for the wedding", True),
        ("what are my current alerts", True),
        ("send me a reminder to feed the cat at six", True),
        ("put the school play in my diary", True),
        ("what do i have scheduled for tomorrow i need to cancel", True),
        ("have we got anything booked for the weekend", True),
        ("what exhibits are scheduled at the metropolitan theater", False),
        ("the next four scheduled trains to chicago", False),
        ("what is the schedule of the punjab mail", False),  # not "my" schedule
        ("tell me all local events", False),
        ("add eggs to my shopping list", False),
        ("set my calendar for an alarm at five pm", False),  # an alarm, though it says calendar
        ("please send a reminder email to peter", False),
    ],
)
def test_which_commands_name_the_calendar(text, want):
    assert names_calendar(text) is want


@pytest.mark.parametrize(
    "text, said_when, create, want",
    [
        ("add car wash on sunday at 10am", True, 0.18, True),
        ("could you schedule coffee with siobhan friday at eleven", True, 0.22, True),
        ("um can you put dog grooming on friday", True, 0.30, True),
        ("add car wash", False, 0.18, False),  # says no time: nothing to book
        ("schedule a tweet for 9am tomorrow", True, 0.01, False),  # create has no weight
        ("add milk to my list for tomorrow", True, 0.20, False),  # another assistant's list
        ("the car wash on sunday, add it", True, 0.20, False),  # no opening verb
        ("book a table for two at dishoom on saturday at 8", True, 0.02, True),  # a reservation
        ("book me an appointment at the clinic friday", True, 0.01, True),
        ("book a taxi to the airport tomorrow at 6", True, 0.20, False),  # another assistant's booking
    ],
)
def test_which_commands_are_shaped_like_a_booking(text, said_when, create, want):
    probabilities = {"out_of_scope": 1.0 - create, "create": create}
    assert shaped_like_booking(text, said_when, probabilities) is want


def test_a_command_naming_the_calendar_takes_the_best_calendar_intent_at_its_own_probability():
    assert calendar_reading("remove the car wash from my sunday schedule", "out_of_scope", OUT_MOSTLY) == (
        "cancel",
        0.12,
    )


def test_a_booking_is_read_as_a_create_at_its_probability():
    assert calendar_reading("add car wash on sunday at 10am", "out_of_scope", OUT_MOSTLY, said_when=True) == (
        "create",
        0.06,
    )


@pytest.mark.parametrize(
    "text, intent",
    [
        ("remove the car wash from my sunday schedule", "query"),  # the model already chose
        ("what is the train schedule", "out_of_scope"),  # names no calendar
    ],
)
def test_other_readings_are_left_alone(text, intent):
    assert calendar_reading(text, intent, OUT_MOSTLY, said_when=True) is None


def test_the_shipped_model_reads_them_for_the_calendar(shipped_parser):
    # a booking with its time is as sure as its shape (nlu.intent_shapes.TIMED_BOOKING)
    parse = shipped_parser("add car wash on sunday at 10am", now=NOW, tz="UTC")
    assert (parse.intent, parse.title, parse.confidence) == ("create", "car wash", TIMED_BOOKING)
    # a cancel keeps the model's doubt: a caller asks first
    parse = shipped_parser("remove the car wash from my sunday schedule", now=NOW, tz="UTC")
    assert (parse.intent, parse.title) == ("cancel", "car wash") and parse.confidence < CONFIRM_BELOW


@pytest.mark.parametrize("text", ["schedule a tweet for 9am tomorrow", "add milk to my shopping list for tomorrow"])
def test_other_assistants_requests_stay_out_of_scope(shipped_parser, text):
    assert shipped_parser(text, now=NOW, tz="UTC").intent == "out_of_scope"


def test_a_booking_with_its_time_is_written_and_a_cancel_the_model_doubted_is_asked(db_url, shipped_parser, owner):
    from assistant import Assistant

    bot = Assistant(db_url, parser=shipped_parser)
    done = bot.handle(owner, "add car wash on sunday at 10am", now=NOW, tz="UTC", user=owner)
    assert done.operation == "create"
    assert [(e.title, e.start) for e in bot.events(owner, tz="UTC")] == [("car wash", "2026-11-29T10:00:00")]
    asked = bot.handle(owner, "remove the car wash from my sunday schedule", now=NOW, tz="UTC", user=owner)
    assert asked.operation == "confirm" and len(bot.events(owner)) == 1


def test_a_question_about_clashes_is_a_look_never_a_write():
    mostly_cancel = {"out_of_scope": 0.6, "cancel": 0.3, "query": 0.08, "availability": 0.02}
    assert calendar_reading("any conflicts on tuesday?", "out_of_scope", mostly_cancel) == ("query", 0.08)
    assert calendar_reading("the conflict in ukraine", "out_of_scope", mostly_cancel) is None
