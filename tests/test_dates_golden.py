"""Golden readings of DATE phrases at now = Monday 2026-11-23 09:00, exact to the second.

Each row: phrase, expected wall start, expected wall end (exclusive), grain. The same table
runs in America/New_York and in UTC: the wall times are the same, the offsets differ.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from nlu.dates import resolve

NOW = datetime(2026, 11, 23, 9, 0)
ZONES = ("America/New_York", "UTC")

GOLDEN = [
    # relative days
    ("today", "2026-11-23T00:00", "2026-11-24T00:00", "day"),
    ("tonight", "2026-11-23T18:00", "2026-11-24T00:00", "hour"),
    ("tomorrow", "2026-11-24T00:00", "2026-11-25T00:00", "day"),
    ("day after tomorrow", "2026-11-25T00:00", "2026-11-26T00:00", "day"),
    ("yesterday", "2026-11-22T00:00", "2026-11-23T00:00", "day"),
    ("in three days", "2026-11-26T00:00", "2026-11-27T00:00", "day"),
    ("a week from today", "2026-11-30T00:00", "2026-12-01T00:00", "day"),
    ("two weeks ago", "2026-11-09T00:00", "2026-11-10T00:00", "day"),
    ("uh tomorrow's", "2026-11-24T00:00", "2026-11-25T00:00", "day"),
    ("actually let's do thursday morning instead", "2026-11-26T06:00", "2026-11-26T12:00", "hour"),
    # weekdays
    ("friday", "2026-11-27T00:00", "2026-11-28T00:00", "day"),
    ("on fri", "2026-11-27T00:00", "2026-11-28T00:00", "day"),
    ("this friday", "2026-11-27T00:00", "2026-11-28T00:00", "day"),
    ("coming wednesday", "2026-11-25T00:00", "2026-11-26T00:00", "day"),
    ("next tuesday", "2026-12-01T00:00", "2026-12-02T00:00", "day"),
    ("last monday", "2026-11-16T00:00", "2026-11-17T00:00", "day"),
    ("wednesday next week", "2026-12-02T00:00", "2026-12-03T00:00", "day"),
    ("the tuesday after next", "2026-12-08T00:00", "2026-12-09T00:00", "day"),
    ("monday morning", "2026-11-30T06:00", "2026-11-30T12:00", "hour"),
    ("monday", "2026-11-30T00:00", "2026-12-01T00:00", "day"),
    ("the monday after thanksgiving", "2026-11-30T00:00", "2026-12-01T00:00", "day"),
    ("this time next week", "2026-11-30T09:00", "2026-11-30T09:01", "minute"),
    # calendar dates
    ("July 18", "2027-07-18T00:00", "2027-07-19T00:00", "day"),
    ("18 July", "2027-07-18T00:00", "2027-07-19T00:00", "day"),
    ("the 18th", "2026-12-18T00:00", "2026-12-19T00:00", "day"),
    ("the 24th", "2026-11-24T00:00", "2026-11-25T00:00", "day"),
    ("7/18", "2027-07-18T00:00", "2027-07-19T00:00", "day"),
    ("2026-07-18", "2026-07-18T00:00", "2026-07-19T00:00", "day"),
    ("27.11.2026", "2026-11-27T00:00", "2026-11-28T00:00", "day"),
    ("11-27-2026", "2026-11-27T00:00", "2026-11-28T00:00", "day"),
    ("2026-11-27T15:00", "2026-11-27T15:00", "2026-11-27T15:01", "minute"),
    ("next business day", "2026-11-24T00:00", "2026-11-25T00:00", "day"),
    ("this time tomorrow", "2026-11-24T09:00", "2026-11-24T09:01", "minute"),
    ("June 20, 2023", "2023-06-20T00:00", "2023-06-21T00:00", "day"),
    ("march third", "2027-03-03T00:00", "2027-03-04T00:00", "day"),
    ("december the third", "2026-12-03T00:00", "2026-12-04T00:00", "day"),
    ("the first of march", "2027-03-01T00:00", "2027-03-02T00:00", "day"),
    ("end of the month", "2026-11-30T00:00", "2026-12-01T00:00", "day"),
    ("last day of february", "2027-02-28T00:00", "2027-03-01T00:00", "day"),
    ("the twenty first", "2026-12-21T00:00", "2026-12-22T00:00", "day"),
    ("the twenty-first", "2026-12-21T00:00", "2026-12-22T00:00", "day"),
    ("the 5th of next month", "2026-12-05T00:00", "2026-12-06T00:00", "day"),
    ("20 of next month", "2026-12-20T00:00", "2026-12-21T00:00", "day"),
    ("Tuesday the 19th", "2027-01-19T00:00", "2027-01-20T00:00", "day"),
    ("2/2013", "2013-02-01T00:00", "2013-03-01T00:00", "month"),
    ("twenty second of march twenty seventeen", "2017-03-22T00:00", "2017-03-23T00:00", "day"),
    ("april one two thousand and seventeen", "2017-04-01T00:00", "2017-04-02T00:00", "day"),
    ("last monday of this month", "2026-11-30T00:00", "2026-12-01T00:00", "day"),
    # times
    ("6 PM", "2026-11-23T18:00", "2026-11-23T19:00", "hour"),
    ("six p m", "2026-11-23T18:00", "2026-11-23T19:00", "hour"),
    ("18:00", "2026-11-23T18:00", "2026-11-23T18:01", "minute"),
    ("6:30", "2026-11-23T18:30", "2026-11-23T18:31", "minute"),
    ("half past four", "2026-11-23T16:30", "2026-11-23T16:31", "minute"),
    ("quarter to nine", "2026-11-23T20:45", "2026-11-23T20:46", "minute"),
    ("noon", "2026-11-23T12:00", "2026-11-23T13:00", "hour"),
    ("midnight", "2026-11-24T00:00", "2026-11-24T01:00", "hour"),
    ("ten thirty am", "2026-11-23T10:30", "2026-11-23T10:31", "minute"),
    ("eleven forty five a m", "2026-11-23T11:45", "2026-11-23T11:46", "minute"),
    ("ten a.m.", "2026-11-23T10:00", "2026-11-23T11:00", "hour"),
    ("nine tonight", "2026-11-23T21:00", "2026-11-23T22:00", "hour"),
    ("five in the afternoon", "2026-11-23T17:00", "2026-11-23T18:00", "hour"),
    ("seven o'clock", "2026-11-23T19:00", "2026-11-23T20:00", "hour"),
    ("twenty three hundred hours", "2026-11-23T23:00", "2026-11-24T00:00", "hour"),
    ("seventeen hundred", "2026-11-23T17:00", "2026-11-23T18:00", "hour"),
    ("half four", "2026-11-23T16:30", "2026-11-23T16:31", "minute"),
    ("3 in the AM", "2026-11-24T03:00", "2026-11-24T04:00", "hour"),
    ("at 3p", "2026-11-23T15:00", "2026-11-23T16:00", "hour"),
    ("3ish pm", "2026-11-23T15:00", "2026-11-23T16:00", "hour"),
    ("a quarter to noon", "2026-11-23T11:45", "2026-11-23T11:46", "minute"),
    ("quarter past midnight", "2026-11-24T00:15", "2026-11-24T00:16", "minute"),
    ("at 3am", "2026-11-24T03:00", "2026-11-24T04:00", "hour"),
    ("three in the morning", "2026-11-24T03:00", "2026-11-24T04:00", "hour"),
    ("at 4", "2026-11-23T16:00", "2026-11-23T17:00", "hour"),
    # parts of day
    ("morning", "2026-11-23T06:00", "2026-11-23T12:00", "hour"),
    ("afternoon", "2026-11-23T12:00", "2026-11-23T18:00", "hour"),
    ("evening", "2026-11-23T18:00", "2026-11-23T22:00", "hour"),
    ("lunch", "2026-11-23T12:00", "2026-11-23T14:00", "hour"),
    ("end of day", "2026-11-23T17:00", "2026-11-23T18:00", "hour"),
    # combinations in any order
    ("tomorrow at 6pm", "2026-11-24T18:00", "2026-11-24T19:00", "hour"),
    ("at 4 tomorrow afternoon", "2026-11-24T16:00", "2026-11-24T17:00", "hour"),
    ("tomorrow afternoon at 4", "2026-11-24T16:00", "2026-11-24T17:00", "hour"),
    ("coming Wednesday at 11 AM", "2026-11-25T11:00", "2026-11-25T12:00", "hour"),
    ("at 8:15 PM on Sat, Oct 3", "2026-10-03T20:15", "2026-10-03T20:16", "minute"),  # the year it is a saturday
    ("on Sunday for 10am", "2026-11-29T10:00", "2026-11-29T11:00", "hour"),
    ("at ten am on the fifteenth", "2026-12-15T10:00", "2026-12-15T11:00", "hour"),
    ("five pm tonight", "2026-11-23T17:00", "2026-11-23T18:00", "hour"),
    # ranges
    ("from 10:30 to noon on tuesday", "2026-11-24T10:30", "2026-11-24T12:00", "minute"),
    ("2-3pm", "2026-11-23T14:00", "2026-11-23T15:00", "hour"),
    ("between 2 and 4 tomorrow", "2026-11-24T14:00", "2026-11-24T16:00", "hour"),
    ("August 3 to 5", "2027-08-03T00:00", "2027-08-06T00:00", "day"),
    ("this weekend", "2026-11-28T00:00", "2026-11-30T00:00", "day"),
    ("next week", "2026-11-30T00:00", "2026-12-07T00:00", "week"),
    ("the next three days", "2026-11-24T00:00", "2026-11-27T00:00", "day"),
    ("monday to friday", "2026-11-30T00:00", "2026-12-05T00:00", "day"),
    ("rest of the week", "2026-11-23T09:00", "2026-11-30T00:00", "day"),
    ("from monday 9am to friday 5pm", "2026-11-30T09:00", "2026-12-04T17:00", "hour"),
    ("friday 5pm to monday 9am", "2026-11-27T17:00", "2026-11-30T09:00", "hour"),
    ("tomorrow until 5", "2026-11-24T00:00", "2026-11-24T17:00", "hour"),
    ("the weekend after next", "2026-12-12T00:00", "2026-12-14T00:00", "day"),
    ("the week after next", "2026-12-07T00:00", "2026-12-14T00:00", "week"),
    # offsets
    ("in 20 minutes", "2026-11-23T09:20", "2026-11-23T09:21", "minute"),
    ("in half an hour", "2026-11-23T09:30", "2026-11-23T09:31", "minute"),
    ("in two and a half hours", "2026-11-23T11:30", "2026-11-23T11:31", "minute"),
    ("a day from now", "2026-11-24T00:00", "2026-11-25T00:00", "day"),
    ("in an hour and 30 minutes", "2026-11-23T10:30", "2026-11-23T10:31", "minute"),
    ("in a quarter of an hour", "2026-11-23T09:15", "2026-11-23T09:16", "minute"),
    ("two days before christmas", "2026-12-23T00:00", "2026-12-24T00:00", "day"),
    # weeks, months, quarters, years
    ("this week", "2026-11-23T00:00", "2026-11-30T00:00", "week"),
    ("next month", "2026-12-01T00:00", "2027-01-01T00:00", "month"),
    ("in march", "2027-03-01T00:00", "2027-04-01T00:00", "month"),
    ("next year", "2027-01-01T00:00", "2028-01-01T00:00", "year"),
    ("this summer", "2027-06-01T00:00", "2027-09-01T00:00", "month"),  # three whole months, not a calendar quarter
    ("winter", "2026-12-01T00:00", "2027-03-01T00:00", "month"),
    ("this fall", "2026-09-01T00:00", "2026-12-01T00:00", "month"),
    ("the first half of next year", "2027-01-01T00:00", "2027-07-01T00:00", "quarter"),
    ("the last quarter of 2025", "2025-10-01T00:00", "2026-01-01T00:00", "quarter"),
    ("the end of 1998", "1998-12-31T00:00", "1999-01-01T00:00", "day"),
    ("mid-1999", "1999-05-01T00:00", "1999-09-01T00:00", "month"),  # the middle third of the year
    ("the 1990s", "1990-01-01T00:00", "2000-01-01T00:00", "year"),
    ("the third quarter", "2027-07-01T00:00", "2027-10-01T00:00", "quarter"),
    ("this quarter", "2026-10-01T00:00", "2027-01-01T00:00", "quarter"),
    ("the first week of october", "2027-10-01T00:00", "2027-10-08T00:00", "week"),
    ("the week of december 7th", "2026-12-07T00:00", "2026-12-14T00:00", "week"),
    ("first monday of the month", "2026-11-02T00:00", "2026-11-03T00:00", "day"),  # this month, even when past
    # holidays
    ("christmas", "2026-12-25T00:00", "2026-12-26T00:00", "day"),
    ("new year's eve", "2026-12-31T00:00", "2027-01-01T00:00", "day"),
    ("thanksgiving", "2026-11-26T00:00", "2026-11-27T00:00", "day"),
    ("memorial day", "2027-05-31T00:00", "2027-06-01T00:00", "day"),
    ("labor day", "2027-09-06T00:00", "2027-09-07T00:00", "day"),
    ("independence day", "2027-07-04T00:00", "2027-07-05T00:00", "day"),
    ("halloween", "2027-10-31T00:00", "2027-11-01T00:00", "day"),
    ("valentine's day", "2027-02-14T00:00", "2027-02-15T00:00", "day"),
    ("mother's day", "2027-05-09T00:00", "2027-05-10T00:00", "day"),
]


@pytest.mark.parametrize("zone", sorted(ZONES))
@pytest.mark.parametrize(("text", "start", "end", "grain"), GOLDEN)
def test_dates_golden_span(text: str, start: str, end: str, grain: str, zone: str) -> None:
    # Given now = Monday 2026-11-23 09:00 on the wall in `zone`
    span = resolve(text, NOW, zone)
    # Then the phrase means exactly this wall-time span
    assert span is not None, text
    assert (
        span.start.replace(tzinfo=None).isoformat(timespec="minutes"),
        span.end.replace(tzinfo=None).isoformat(timespec="minutes"),
        span.grain,
    ) == (start, end, grain)
    assert span.start.utcoffset() == ZoneInfo(zone).utcoffset(span.start.replace(tzinfo=None))


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("for two hours", "PT2H"),
        ("half an hour", "PT30M"),
        ("for an hour and a half", "PT1H30M"),
        ("for 3 days", "P3D"),
    ],
)
def test_dates_golden_pure_duration(text: str, duration: str) -> None:
    span = resolve(text, NOW, "UTC")
    assert span is not None and span.start is None and span.end is None
    assert span.to_dict()["duration"] == duration


def test_dates_golden_time_with_duration() -> None:
    span = resolve("tomorrow at 3 for two hours", NOW, "America/New_York")
    assert span.to_dict()["start"] == "2026-11-24T15:00:00" and span.to_dict()["end"] == "2026-11-24T17:00:00"
    assert span.to_dict()["duration"] == "PT2H"


@pytest.mark.parametrize(
    ("text", "start", "rrule"),
    [
        (
            "every other monday at ten",
            "2026-11-23T10:00:00",
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=10;BYMINUTE=0;BYSECOND=0",
        ),
        ("every weekday", "2026-11-23T00:00:00", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("every friday", "2026-11-27T00:00:00", "RRULE:FREQ=WEEKLY;BYDAY=FR"),
        ("daily at 7am", "2026-11-24T07:00:00", "RRULE:FREQ=DAILY;BYHOUR=7;BYMINUTE=0;BYSECOND=0"),
        ("the 15th of every month", "2026-12-15T00:00:00", "RRULE:FREQ=MONTHLY;BYMONTHDAY=15"),
        ("every june third", "2027-06-03T00:00:00", "RRULE:FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=3"),
        ("every three hours", "2026-11-23T09:00:00", "RRULE:FREQ=HOURLY;INTERVAL=3"),
        ("every first monday of the month", "2026-12-07T00:00:00", "RRULE:FREQ=MONTHLY;BYDAY=+1MO"),
        ("the last friday of every month", "2026-11-27T00:00:00", "RRULE:FREQ=MONTHLY;BYDAY=-1FR"),
        ("every day for a week", "2026-11-23T00:00:00", "RRULE:FREQ=DAILY;UNTIL=20261129T235959"),
        ("every day except weekends", "2026-11-23T00:00:00", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        (
            "every weekday except wednesday at 10",
            "2026-11-23T10:00:00",
            "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,TH,FR;BYHOUR=10;BYMINUTE=0;BYSECOND=0",
        ),
        (
            "weekday mornings",
            "2026-11-23T06:00:00",
            "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=6;BYMINUTE=0;BYSECOND=0",
        ),
        ("once a week", "2026-11-23T00:00:00", "RRULE:FREQ=WEEKLY"),
        ("every monday until december 15", "2026-11-23T00:00:00", "RRULE:FREQ=WEEKLY;UNTIL=20261215T235959;BYDAY=MO"),
        # a start said beside the rule: the first occurrence on or after it
        (
            "every tuesday at 7am starting next week",
            "2026-12-01T07:00:00",
            "RRULE:FREQ=WEEKLY;BYDAY=TU;BYHOUR=7;BYMINUTE=0;BYSECOND=0",
        ),
        ("every friday from december 10", "2026-12-11T00:00:00", "RRULE:FREQ=WEEKLY;BYDAY=FR"),
        ("every day starting tomorrow", "2026-11-24T00:00:00", "RRULE:FREQ=DAILY"),
        ("weekly on mondays beginning next month", "2026-12-07T00:00:00", "RRULE:FREQ=WEEKLY;BYDAY=MO"),
        (
            "every weekday starting january 4 until january 8",
            "2027-01-04T00:00:00",
            "RRULE:FREQ=WEEKLY;UNTIL=20270108T235959;BYDAY=MO,TU,WE,TH,FR",
        ),
    ],
)
def test_dates_golden_recurrence(text: str, start: str, rrule: str) -> None:
    span = resolve(text, NOW, "America/New_York")
    assert span is not None and span.to_dict()["start"] == start and span.rrule == rrule


@pytest.mark.parametrize(
    ("text", "start", "end", "open_flag"),
    [
        ("until friday", "2026-11-23T09:00:00", "2026-11-28T00:00:00", "open_start"),
        ("by 2pm", "2026-11-23T09:00:00", "2026-11-23T14:00:00", "open_start"),
        ("after 5", "2026-11-23T17:00:00", "2026-11-24T00:00:00", "open_end"),
    ],
)
def test_dates_golden_open_ranges(text: str, start: str, end: str, open_flag: str) -> None:
    out = resolve(text, NOW, "America/New_York").to_dict()
    assert (out["start"], out["end"], out.get(open_flag)) == (start, end, True)


@pytest.mark.parametrize(
    "text", ["", "   ", "my birth date", "play some jazz", "the", "uh um", "x" * 100_000, "play 5 songs by queen"]
)
def test_dates_golden_not_a_date(text: str) -> None:
    assert resolve(text, NOW, "UTC") is None
