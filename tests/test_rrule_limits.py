"""The one check every recurrence rule passes before storage or expansion (nlu/dates/rrule_limits.py)."""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.dates.rrule_limits import check_rrule
from nlu.exceptions import BadRecurrence

START = datetime(2026, 11, 23, 9, 0)  # a Monday


@pytest.mark.parametrize(
    "rule, stored",
    [
        ("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"),
        (
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0",
        ),
        ("  FREQ=DAILY;COUNT=10 \n", "FREQ=DAILY;COUNT=10"),
        ("FREQ=DAILY;UNTIL=20270101", "FREQ=DAILY;UNTIL=20270101"),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),
        ("FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=2TU"),
        ("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
        ("FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=MONTHLY;BYMONTHDAY=31"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO"),
        ("FREQ=HOURLY;INTERVAL=2;BYHOUR=3", "FREQ=HOURLY;INTERVAL=2;BYHOUR=3"),
        ("FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24))), "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24)))),
    ],
)
def test_rrule_limits_accepts_calendar_rules_in_stored_form(rule, stored):
    assert check_rrule(rule, START) == stored


@pytest.mark.parametrize(
    "rule, reason",
    [
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL must be a whole number from 1"),
        ("FREQ=DAILY;INTERVAL=-1", "INTERVAL must be a whole number from 1"),
        ("FREQ=DAILY;COUNT=0", "COUNT must be a whole number from 1"),
        ("FREQ=SECONDLY", "at most hourly"),
        ("FREQ=MINUTELY;INTERVAL=5", "at most hourly"),
        ("DTSTART:19990101\nRRULE:FREQ=DAILY", "one RRULE line"),
        ("FREQ=DAILY\r\nEXDATE:20270101", "one RRULE line"),
        ("DTSTART:19990101", "RRULE value alone"),
        ("FREQ=HOURLY;BYMINUTE=0,30", "48 occurrences a day"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "would never happen"),
        ("FREQ=WEEKLY;BYMONTH=4,6;BYMONTHDAY=31", "would never happen"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "BYSETPOS values"),
        ("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=1", "only supported in monthly and yearly"),
        ("FREQ=WEEKLY;BYDAY=1MO", "only fits a monthly or yearly rule"),
        ("FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1", "cannot be combined"),
        ("FREQ=YEARLY;BYYEARDAY=100", "not supported"),
        ("FREQ=HOURLY;BYMONTH=2", "hourly rule may narrow only"),
        ("FREQ=HOURLY;INTERVAL=2;BYHOUR=4", "never lands"),
        ("FREQ=DAILY;UNTIL=19990101", "never happens"),
        ("FREQ=DAILY;COUNT=5;UNTIL=20270101", "not both"),
        ("FREQ=WEEKLY;FOO=1", "not a part of an RRULE"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY values"),
        ("garbage", "not NAME=VALUE"),
        ("", "non-empty"),
        ("FREQ=DAILY;" + "BYHOUR=1;" * 100, "at most 500 characters"),
    ],
)
def test_rrule_limits_refuses_with_a_reason(rule, reason):
    with pytest.raises(BadRecurrence, match=reason):
        check_rrule(rule, START)


PART = st.sampled_from(
    [
        "FREQ",
        "INTERVAL",
        "COUNT",
        "UNTIL",
        "BYDAY",
        "BYMONTHDAY",
        "BYMONTH",
        "BYHOUR",
        "BYMINUTE",
        "BYSECOND",
        "BYSETPOS",
        "WKST",
        "BYYEARDAY",
    ]
)
VALUE = st.one_of(
    st.sampled_from(
        [
            "YEARLY",
            "MONTHLY",
            "WEEKLY",
            "DAILY",
            "HOURLY",
            "MINUTELY",
            "MO",
            "-1FR",
            "2TU",
            "MO,WE",
            "20270101",
            "20270101T000000",
            "19990101",
        ]
    ),
    st.integers(-40, 400).map(str),
    st.lists(st.integers(-40, 60), min_size=1, max_size=4).map(lambda xs: ",".join(map(str, xs))),
)
RULES = st.lists(st.tuples(PART, VALUE), min_size=1, max_size=5).map(
    lambda parts: ";".join(f"{k}={v}" for k, v in parts)
)


@settings(max_examples=400, deadline=None)
@given(RULES, st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)))
def test_rrule_limits_property_accepted_rules_expand_at_once(rule, start):
    """Whatever the rule, the check answers quickly; an accepted rule yields occurrences at once."""
    began = time.perf_counter()
    try:
        stored = check_rrule(rule, start)
    except BadRecurrence:
        assert time.perf_counter() - began < 1.0
        return
    expanded = rrulestr(stored, dtstart=start)
    first = list(expanded.xafter(start, count=3, inc=True))
    assert first and first[0] >= start
    assert time.perf_counter() - began < 1.0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_rrule_limits_property_any_text_is_accepted_or_refused_clearly(text):
    try:
        check_rrule(text, START)
    except BadRecurrence as err:
        assert str(err)


def test_rrule_limits_utc_until_becomes_wall_time_in_the_series_zone():
    # Calendar apps export UNTIL in UTC; series expand on their own wall clock.
    assert (
        check_rrule("FREQ=DAILY;UNTIL=20270101T050000Z", START, tz="America/New_York")
        == "FREQ=DAILY;UNTIL=20270101T000000"
    )
    assert check_rrule("FREQ=DAILY;UNTIL=20270101T050000Z", START) == "FREQ=DAILY;UNTIL=20270101T050000Z"
