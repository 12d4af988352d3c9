"""Golden readings of the issue-11 families, exact to the minute, at two reference times.

Written for these tests (not taken from the blind suite, which stays a measurement), with
the expected spans worked out by hand from a calendar:
- WED = Wednesday 2027-03-10 16:40, four days before New York springs forward;
- SUN = Sunday 2027-08-29 07:05.
Each row: phrase, expected wall start, expected wall end (exclusive), grain.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from nlu.dates import explain, resolve

NY = "America/New_York"
WED = datetime(2027, 3, 10, 16, 40)
SUN = datetime(2027, 8, 29, 7, 5)

FAMILIES = {
    "counted spans": [
        (WED, "the next 4 days", "2027-03-11T00:00", "2027-03-15T00:00", "day"),
        (WED, "over the coming 3 hours", "2027-03-10T17:00", "2027-03-10T20:00", "hour"),
        (WED, "the next 20 minutes", "2027-03-10T16:41", "2027-03-10T17:01", "minute"),
        (WED, "the next two weeks", "2027-03-15T00:00", "2027-03-29T00:00", "week"),
        (WED, "the upcoming 2 months", "2027-04-01T00:00", "2027-06-01T00:00", "month"),
        (WED, "the coming 2 quarters", "2027-04-01T00:00", "2027-10-01T00:00", "quarter"),
        (WED, "3 upcoming days", "2027-03-11T00:00", "2027-03-14T00:00", "day"),
        (WED, "the past 3 days", "2027-03-07T00:00", "2027-03-10T00:00", "day"),
        (WED, "the last 2 hours", "2027-03-10T14:00", "2027-03-10T16:00", "hour"),
        (WED, "the previous 2 weeks", "2027-02-22T00:00", "2027-03-08T00:00", "week"),
        (WED, "the past 2 years", "2025-01-01T00:00", "2027-01-01T00:00", "year"),
        (SUN, "the following 3 days", "2027-08-30T00:00", "2027-09-02T00:00", "day"),
        (SUN, "nxt 2 wks", "2027-08-30T00:00", "2027-09-13T00:00", "week"),
    ],
    "ordinal and relative weekdays": [
        (WED, "two mondays from now", "2027-03-22T00:00", "2027-03-23T00:00", "day"),
        (WED, "in 3 saturdays", "2027-03-27T00:00", "2027-03-28T00:00", "day"),
        (WED, "the third thursday of the month", "2027-03-18T00:00", "2027-03-19T00:00", "day"),
        (WED, "the first wednesday of the month", "2027-03-03T00:00", "2027-03-04T00:00", "day"),
        (WED, "the last monday of april", "2027-04-26T00:00", "2027-04-27T00:00", "day"),
        (WED, "the penultimate sunday of may", "2027-05-23T00:00", "2027-05-24T00:00", "day"),
        (WED, "the 2nd to last friday of june", "2027-06-18T00:00", "2027-06-19T00:00", "day"),
        (WED, "the 5th monday of march", "2027-03-29T00:00", "2027-03-30T00:00", "day"),
        (WED, "the closest tuesday to april 1", "2027-03-30T00:00", "2027-03-31T00:00", "day"),
        (WED, "the wednesday nearest to june 20", "2027-06-23T00:00", "2027-06-24T00:00", "day"),
        (WED, "friday week", "2027-03-19T00:00", "2027-03-20T00:00", "day"),
        (WED, "the tuesday after next", "2027-03-23T00:00", "2027-03-24T00:00", "day"),
        (SUN, "three tuesdays from now", "2027-09-14T00:00", "2027-09-15T00:00", "day"),
    ],
    "parts of months and years": [
        (WED, "late march", "2027-03-21T00:00", "2027-04-01T00:00", "day"),
        (WED, "mid april", "2027-04-11T00:00", "2027-04-21T00:00", "day"),
        (WED, "early next week", "2027-03-15T00:00", "2027-03-18T00:00", "day"),
        (WED, "late this week", "2027-03-11T00:00", "2027-03-13T00:00", "day"),
        (WED, "EOM", "2027-03-31T00:00", "2027-04-01T00:00", "day"),
        (WED, "BOM", "2027-04-01T00:00", "2027-04-02T00:00", "day"),
        (WED, "EOY", "2027-12-31T00:00", "2028-01-01T00:00", "day"),
        (WED, "BOY", "2028-01-01T00:00", "2028-01-02T00:00", "day"),
        (WED, "EOW", "2027-03-12T00:00", "2027-03-13T00:00", "day"),
        (WED, "EOQ", "2027-03-31T00:00", "2027-04-01T00:00", "day"),
        (WED, "year end", "2027-12-31T00:00", "2028-01-01T00:00", "day"),
        (WED, "end of next month", "2027-04-30T00:00", "2027-05-01T00:00", "day"),
        (WED, "the 18th day of next month", "2027-04-18T00:00", "2027-04-19T00:00", "day"),
        (WED, "the end of february", "2028-02-29T00:00", "2028-03-01T00:00", "day"),  # this one is over: a leap year's
        (WED, "late feb", "2028-02-21T00:00", "2028-03-01T00:00", "day"),
        (WED, "early 2028", "2028-01-01T00:00", "2028-05-01T00:00", "month"),
        (WED, "COB friday", "2027-03-12T17:00", "2027-03-12T18:00", "hour"),
        (WED, "late tonight", "2027-03-10T21:00", "2027-03-11T00:00", "hour"),
        (WED, "early morning tomorrow", "2027-03-11T06:00", "2027-03-11T09:00", "hour"),
        (WED, "mid-afternoon", "2027-03-11T14:00", "2027-03-11T16:00", "hour"),  # today's is over
    ],
    "quarters and seasons": [
        (WED, "this quarter", "2027-01-01T00:00", "2027-04-01T00:00", "quarter"),
        (WED, "last quarter", "2026-10-01T00:00", "2027-01-01T00:00", "quarter"),
        (WED, "next qtr", "2027-04-01T00:00", "2027-07-01T00:00", "quarter"),
        (WED, "Q1", "2027-01-01T00:00", "2027-04-01T00:00", "quarter"),
        (WED, "Q4 '28", "2028-10-01T00:00", "2029-01-01T00:00", "quarter"),
        (WED, "this winter", "2027-12-01T00:00", "2028-03-01T00:00", "month"),
        (WED, "this spring", "2027-03-01T00:00", "2027-06-01T00:00", "month"),
        (WED, "next season", "2027-06-01T00:00", "2027-09-01T00:00", "month"),
        (WED, "the season after this one", "2027-06-01T00:00", "2027-09-01T00:00", "month"),
        (WED, "last summer", "2026-06-01T00:00", "2026-09-01T00:00", "month"),
        (WED, "H2 2027", "2027-07-01T00:00", "2028-01-01T00:00", "quarter"),
    ],
    "fractions and shorthand amounts": [
        (WED, "in 1/2 hr", "2027-03-10T17:10", "2027-03-10T17:11", "minute"),
        (WED, "in 3/4 hour", "2027-03-10T17:25", "2027-03-10T17:26", "minute"),
        (WED, "in 1/4 h", "2027-03-10T16:55", "2027-03-10T16:56", "minute"),
        (WED, "in 40'", "2027-03-10T17:20", "2027-03-10T17:21", "minute"),
        (WED, "back in 20", "2027-03-10T17:00", "2027-03-10T17:01", "minute"),
        (WED, "in a couple of hours", "2027-03-10T18:40", "2027-03-10T19:40", "hour"),
        (WED, "in 2 1/2 hours", "2027-03-10T19:10", "2027-03-10T19:11", "minute"),
        (WED, "in 1h45", "2027-03-10T18:25", "2027-03-10T18:26", "minute"),
        (WED, "in an hour and a quarter", "2027-03-10T17:55", "2027-03-10T17:56", "minute"),
        (WED, "in half a day", "2027-03-11T04:40", "2027-03-11T05:40", "hour"),
    ],
    "clock shorthand": [
        (WED, "18h45", "2027-03-10T18:45", "2027-03-10T18:46", "minute"),
        (WED, "7h", "2027-03-11T07:00", "2027-03-11T08:00", "hour"),  # 24-hour: 07:00, tomorrow's
        (WED, "2215", "2027-03-10T22:15", "2027-03-10T22:16", "minute"),
        (WED, "0600", "2027-03-11T06:00", "2027-03-11T07:00", "hour"),
        (WED, "at 545ish", "2027-03-10T17:45", "2027-03-10T17:46", "minute"),
        (WED, "around 1015", "2027-03-11T10:15", "2027-03-11T10:16", "minute"),
        (WED, "17h-19h", "2027-03-10T17:00", "2027-03-10T19:00", "hour"),
        (WED, "between 9h30 and 11h on friday", "2027-03-12T09:30", "2027-03-12T11:00", "minute"),
        (WED, "from 1400 to 1530 tomorrow", "2027-03-11T14:00", "2027-03-11T15:30", "minute"),
    ],
    "numeric and ISO forms": [
        (WED, "2027-06", "2027-06-01T00:00", "2027-07-01T00:00", "month"),
        (WED, "11/2027", "2027-11-01T00:00", "2027-12-01T00:00", "month"),
        (WED, "2027/12", "2027-12-01T00:00", "2028-01-01T00:00", "month"),
        (WED, "Jun-2027", "2027-06-01T00:00", "2027-07-01T00:00", "month"),
        (WED, "20270704", "2027-07-04T00:00", "2027-07-05T00:00", "day"),
        (WED, "3rd May 28", "2028-05-03T00:00", "2028-05-04T00:00", "day"),
        (WED, "Mon, Apr 5", "2027-04-05T00:00", "2027-04-06T00:00", "day"),
        (WED, "Tue, Mar 9", "2027-03-09T00:00", "2027-03-10T00:00", "day"),  # next year's is a thursday
        (WED, "2027-W20", "2027-05-17T00:00", "2027-05-24T00:00", "week"),
        (WED, "4/5", "2027-04-05T00:00", "2027-04-06T00:00", "day"),  # month first by default
        (WED, "25/12", "2027-12-25T00:00", "2027-12-26T00:00", "day"),  # 25 is no month
    ],
    "now-words": [
        (WED, "right now", "2027-03-10T16:40", "2027-03-10T16:40", "second"),
        (WED, "asap", "2027-03-10T16:40", "2027-03-10T16:40", "second"),
        (WED, "as soon as possible", "2027-03-10T16:40", "2027-03-10T16:40", "second"),
        (WED, "this instant", "2027-03-10T16:40", "2027-03-10T16:40", "second"),
    ],
    "weekends and weeks": [
        (WED, "this past weekend", "2027-03-06T00:00", "2027-03-08T00:00", "day"),
        (WED, "next wknd", "2027-03-20T00:00", "2027-03-22T00:00", "day"),
        (WED, "the last weekend of april", "2027-04-24T00:00", "2027-04-26T00:00", "day"),
        (WED, "the first weekend of may", "2027-05-01T00:00", "2027-05-03T00:00", "day"),
        (WED, "the weekend of the 20th", "2027-03-20T00:00", "2027-03-22T00:00", "day"),
        (WED, "the week of april 14", "2027-04-12T00:00", "2027-04-19T00:00", "week"),
        # the weekday said with the date names the same day ("Wed, April 14")
        (WED, "the week starting Wednesday, April 14", "2027-04-12T00:00", "2027-04-19T00:00", "week"),
        (WED, "the week of mon apr 19", "2027-04-19T00:00", "2027-04-26T00:00", "week"),
        (WED, "the weekend of Sat, March 20", "2027-03-20T00:00", "2027-03-22T00:00", "day"),
        (WED, "the second week of april", "2027-04-08T00:00", "2027-04-15T00:00", "week"),
        (WED, "the 2nd-to-last week of march", "2027-03-18T00:00", "2027-03-25T00:00", "week"),
        (WED, "week 12", "2027-03-22T00:00", "2027-03-29T00:00", "week"),
    ],
    "holidays": [
        (WED, "the ides of march", "2027-03-15T00:00", "2027-03-16T00:00", "day"),
        (WED, "good friday", "2027-03-26T00:00", "2027-03-27T00:00", "day"),
        (WED, "easter monday", "2027-03-29T00:00", "2027-03-30T00:00", "day"),
        (WED, "two weeks after easter", "2027-04-11T00:00", "2027-04-12T00:00", "day"),
        (WED, "memorial day weekend", "2027-05-29T00:00", "2027-06-01T00:00", "day"),
        (WED, "independence day weekend", "2027-07-03T00:00", "2027-07-06T00:00", "day"),  # observed monday 5th
        (WED, "labor day weekend", "2027-09-04T00:00", "2027-09-07T00:00", "day"),
        (WED, "the saturday before thanksgiving", "2027-11-20T00:00", "2027-11-21T00:00", "day"),
        (WED, "christmas week", "2027-12-20T00:00", "2027-12-27T00:00", "week"),
    ],
    "compositions": [
        (WED, "in 2 years at 9am", "2029-03-10T09:00", "2029-03-10T10:00", "hour"),
        (WED, "20 minutes after 6pm", "2027-03-10T18:20", "2027-03-10T18:21", "minute"),
        (WED, "2 hours before noon tomorrow", "2027-03-11T10:00", "2027-03-11T11:00", "hour"),
        (WED, "today in 45 minutes", "2027-03-10T17:25", "2027-03-10T17:26", "minute"),
        (WED, "for 4 days starting 20th March", "2027-03-20T00:00", "2027-03-24T00:00", "day"),
        (WED, "tomorrow between 1 and 3:30ish", "2027-03-11T13:00", "2027-03-11T15:30", "minute"),
        (WED, "ten to five", "2027-03-10T16:50", "2027-03-10T16:51", "minute"),
        (WED, "at 10 to 6", "2027-03-10T17:50", "2027-03-10T17:51", "minute"),
    ],
}
ROWS = [(family, *row) for family, rows in FAMILIES.items() for row in rows]


@pytest.mark.parametrize(
    ("family", "now", "text", "start", "end", "grain"), ROWS, ids=[f"{r[0]}: {r[2]}" for r in ROWS]
)
def test_dates_families_golden(family: str, now: datetime, text: str, start: str, end: str, grain: str) -> None:
    # Given the reference time, the phrase means exactly this wall-time span
    span = resolve(text, now, NY)
    assert span is not None, (family, text, explain(text, now, NY))
    assert (
        span.start.replace(tzinfo=None).isoformat(timespec="minutes"),
        span.end.replace(tzinfo=None).isoformat(timespec="minutes"),
        span.grain,
    ) == (start, end, grain)


def test_dates_now_words_are_the_present_second() -> None:
    span = resolve("asap", datetime(2027, 3, 10, 16, 40, 27, 123456), NY)
    assert (span.start.second, span.start.microsecond, (span.end - span.start).total_seconds()) == (27, 0, 1.0)


def test_dates_counted_hours_across_spring_forward_are_elapsed() -> None:
    # Given 00:30 on the night New York springs forward (02:00 -> 03:00)
    span = resolve("the next 3 hours", datetime(2027, 3, 14, 0, 30), NY)
    # Then three elapsed hours after the current one: 01:00 EST to 05:00 EDT
    assert (span.start.isoformat(), span.end.isoformat()) == ("2027-03-14T01:00:00-05:00", "2027-03-14T05:00:00-04:00")


def test_dates_counted_spans_from_now_policy_and_alternative() -> None:
    # Given the default (whole units), the other reading is the alternative
    span = resolve("the next 2 hours", WED, NY)
    assert [a.start.strftime("%H:%M") for a in span.alternatives] == ["16:40"]
    # When the policy reads counted spans from now
    rolling = resolve("the next 2 hours", WED, NY, counted="from_now")
    weeks = resolve("the next two weeks", WED, NY, counted="from_now")
    # Then hours run from now, and days and longer from tomorrow at grain day
    assert (rolling.start.strftime("%H:%M"), rolling.end.strftime("%H:%M"), rolling.grain) == ("16:40", "18:40", "hour")
    assert (weeks.start.date().isoformat(), weeks.end.date().isoformat(), weeks.grain) == (
        "2027-03-11",
        "2027-03-25",
        "day",
    )


def test_dates_day_first_policy() -> None:
    assert resolve("4/5", WED, NY, day_first=True).start.date().isoformat() == "2027-05-04"
    assert resolve("13/5", WED, NY).start.date().isoformat() == "2027-05-13"  # 13 forces it either way
    assert resolve("05.04.2027", WED, NY).start.date().isoformat() == "2027-04-05"  # dots: day first


def test_dates_minutes_to_policy() -> None:
    # Given a sunday morning, 07:05: both readings are still to come today
    def hours(text: str, **policy) -> tuple[str, str]:
        span = resolve(text, SUN, NY, **policy)
        return span.start.strftime("%H:%M"), span.end.strftime("%H:%M")

    assert hours("ten to five") == ("16:50", "16:51")  # said as a time
    assert hours("ten to five", minutes_to="range") == ("10:00", "17:00")
    assert hours("10 to 5") == ("10:00", "17:00")  # typed: a range
    assert hours("from ten to five") == ("10:00", "17:00")
    assert hours("at 10 to 5") == ("16:50", "16:51")


def test_dates_week_start_policy_moves_weeks_not_fridays() -> None:
    sunday_weeks = resolve("the next two weeks", WED, NY, week_start=6)
    assert (sunday_weeks.start.date().isoformat(), sunday_weeks.end.date().isoformat()) == ("2027-03-14", "2027-03-28")
    assert resolve("EOW", WED, NY, week_start=6).start.date().isoformat() == "2027-03-12"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("every 0 weeks", "at least 1"),
        ("every -3 days", "at least 1"),
        ("every minus 2 months", "at least 1"),
        ("every 10 minutes", "at most hourly"),
        ("every 45 seconds", "at most hourly"),
        ("every 5000 days", "from 1 to 1000"),
        ("february 30", "February has no day 30"),
        ("2027-02-29", "not a leap year"),
        ("the 31st of april", "April has no day 31"),
        # numbers that fit nowhere are refused, never dropped for the rest of the phrase
        ("january 1 9999", "the year 9999 is outside"),
        ("every day until 9999", "the year 9999 is outside"),
        ("in year 0", "the year 0 is outside"),
        ("tomorrow at 25", "25 is no time of day"),
        ("friday at 30 pm", "30 is no time of day"),
        ("every 0 second", "at least 1"),
        # a length past any event (found by hypothesis: "1530 decade" overflowed a datetime)
        ("1530 decade", "longer than any event"),
        ("for 101 years", "longer than any event"),
    ],
)
def test_dates_clear_errors_give_none_and_a_reason(text: str, reason: str) -> None:
    assert resolve(text, WED, NY) is None
    assert reason in explain(text, WED, NY)


@pytest.mark.parametrize(
    "text, length",
    [
        ("15-min", timedelta(minutes=15)),
        ("2-hr", timedelta(hours=2)),
        ("a 30-minute", timedelta(minutes=30)),
        ("3-day", timedelta(days=3)),
        ("90-mins", timedelta(minutes=90)),
    ],
)
def test_dates_a_hyphenated_length_is_a_length_not_a_clock_time(text: str, length: timedelta) -> None:
    # "a 15-min call" was read as 15:00 and "a 2-hr workshop" as 14:00
    span = resolve(text, WED, NY)
    assert (span.start, span.duration) == (None, length)


def test_dates_a_century_is_still_a_length() -> None:
    assert resolve("for 100 years", WED, NY).duration == timedelta(days=36524)  # 2027-2127: 2100 is no leap year


def test_dates_repeats_in_whole_hours_are_hourly() -> None:
    assert resolve("every 180 minutes", WED, NY).rrule == "RRULE:FREQ=HOURLY;INTERVAL=3"


def test_dates_nth_weekday_of_every_month_is_monthly() -> None:
    span = resolve("every second monday of the month", WED, NY)
    assert (span.start.date().isoformat(), span.rrule) == ("2027-04-12", "RRULE:FREQ=MONTHLY;BYDAY=+2MO")


def test_dates_explain_is_none_for_what_resolves() -> None:
    assert explain("tomorrow at 5", WED, NY) is None
    assert explain("jan 1 1530", WED, NY) is None and explain("march 3 0930", WED, NY) is None  # 24-hour times
    assert explain("", WED, NY) and explain("play some jazz", WED, NY)
