"""Reading choices (next weekday, bare hours, future bias), alternatives, DST and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nlu.dates import Policy, resolve

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday
NY = "America/New_York"
ROOT = Path(__file__).resolve().parent.parent


def wall(span) -> tuple[str, str]:
    return span.to_dict()["start"], span.to_dict()["end"]


def test_dates_next_weekday_default_is_following_with_nearest_as_alternative() -> None:
    span = resolve("next tuesday", NOW, NY)
    assert wall(span)[0] == "2026-12-01T00:00:00"
    assert [wall(a)[0] for a in span.alternatives] == ["2026-11-24T00:00:00"]


def test_dates_next_weekday_nearest_policy() -> None:
    span = resolve("next tuesday", NOW, NY, next_weekday="nearest")
    assert wall(span)[0] == "2026-11-24T00:00:00"
    assert [wall(a)[0] for a in span.alternatives] == ["2026-12-01T00:00:00"]


def test_dates_next_weekday_on_saturday_both_readings_agree() -> None:
    # Given a Saturday, "next monday" is the coming monday under both readings
    saturday = datetime(2026, 11, 28, 9)
    for reading in ("following", "nearest"):
        span = resolve("next monday", saturday, NY, next_weekday=reading)
        assert wall(span)[0] == "2026-11-30T00:00:00" and span.alternatives == ()


def test_dates_todays_weekday_means_next_week_with_today_as_alternative() -> None:
    span = resolve("monday at 10", NOW, NY)
    assert wall(span)[0] == "2026-11-30T10:00:00"
    assert "2026-11-23T10:00:00" in [wall(a)[0] for a in span.alternatives]


def test_dates_unknown_policy_value_falls_back_to_default() -> None:
    assert Policy.of({"next_weekday": "sometime", "colour": "blue"}) == Policy()


@pytest.mark.parametrize(
    ("text", "start", "alt"),
    [
        ("at 4", "2026-11-23T16:00:00", "2026-11-24T04:00:00"),  # 1..6 read pm
        ("at 10", "2026-11-23T10:00:00", "2026-11-23T22:00:00"),  # morning reading still to come
        ("at 8", "2026-11-23T20:00:00", "2026-11-24T08:00:00"),  # 8am today is over
        ("at 11", "2026-11-23T11:00:00", "2026-11-23T23:00:00"),  # 23:00 is outside waking hours
    ],
)
def test_dates_bare_hours_waking_rule(text: str, start: str, alt: str | None) -> None:
    span = resolve(text, NOW, NY)
    assert wall(span)[0] == start
    assert [wall(a)[0] for a in span.alternatives] == ([alt] if alt else [])


def test_dates_bare_hour_with_a_day_takes_the_daytime_reading() -> None:
    assert wall(resolve("tomorrow at 8", NOW, NY))[0] == "2026-11-24T08:00:00"
    assert wall(resolve("tomorrow at 8", NOW, NY, day_start=9))[0] == "2026-11-24T20:00:00"


def test_dates_a_length_said_with_a_day_is_somewhere_in_that_day() -> None:
    # "tomorrow for 2 hours": the window is the day, the length is the duration
    span = resolve("tomorrow for a 2-hour", NOW, NY)
    assert wall(span) == ("2026-11-24T00:00:00", "2026-11-25T00:00:00") and span.duration == timedelta(hours=2)
    # with a clock time the length still sets the end; longer than the day, it runs on
    assert wall(resolve("tomorrow at 3pm for 2 hours", NOW, NY)) == ("2026-11-24T15:00:00", "2026-11-24T17:00:00")
    assert wall(resolve("monday for two weeks", NOW, NY))[1] == "2026-12-14T00:00:00"


def test_dates_part_of_day_settles_am_pm_without_alternatives() -> None:
    span = resolve("nine tonight", NOW, NY)
    assert wall(span)[0] == "2026-11-23T21:00:00" and span.alternatives == ()


def test_dates_without_future_bias_times_stay_today() -> None:
    assert wall(resolve("at 3am", NOW, NY))[0] == "2026-11-24T03:00:00"
    assert wall(resolve("at 3am", NOW, NY, future_bias=False))[0] == "2026-11-23T03:00:00"
    assert wall(resolve("july 18", NOW, NY, future_bias=False))[0] == "2026-07-18T00:00:00"


def test_dates_week_start_sunday() -> None:
    assert wall(resolve("this week", NOW, NY, week_start=6)) == ("2026-11-22T00:00:00", "2026-11-29T00:00:00")


def test_dates_spring_forward_gap_moves_forward() -> None:
    # Given the night New York springs forward (2027-03-14, 02:00 -> 03:00)
    span = resolve("tomorrow at 2:30am", datetime(2027, 3, 13, 9), NY)
    assert span.start.isoformat() == "2027-03-14T03:30:00-04:00"
    day = resolve("tomorrow", datetime(2027, 3, 13, 9), NY)
    assert day.end - day.start == timedelta(days=1) and (day.end.timestamp() - day.start.timestamp()) == 23 * 3600


def test_dates_fall_back_uses_first_occurrence_and_elapsed_hours() -> None:
    # Given the night New York falls back (2026-11-01, 02:00 EDT -> 01:00 EST)
    span = resolve("tomorrow at 1:30 am for 1 hour", datetime(2026, 10, 31, 20), NY)
    assert span.start.isoformat() == "2026-11-01T01:30:00-04:00"
    assert span.end.isoformat() == "2026-11-01T01:30:00-05:00"
    assert span.duration == timedelta(hours=1)


def test_dates_offsets_are_elapsed_time_across_dst() -> None:
    span = resolve("in 2 hours", datetime(2027, 3, 14, 1, 30), NY)
    assert span.start.isoformat() == "2027-03-14T04:30:00-04:00"


def test_dates_time_in_a_named_zone_comes_back_in_the_users_zone() -> None:
    # Given a New York user, "3pm pacific" is 18:00 on their clock
    span = resolve("3pm pacific", NOW, NY)
    assert wall(span) == ("2026-11-23T18:00:00", "2026-11-23T19:00:00")
    assert span.start.utcoffset() == timedelta(hours=-5)


def test_dates_aware_now_in_another_zone_is_converted() -> None:
    now = datetime(2026, 11, 23, 14, 0, tzinfo=ZoneInfo("UTC"))  # 09:00 in New York
    assert wall(resolve("tomorrow at 6pm", now, NY))[0] == "2026-11-24T18:00:00"
    # the parser passes an aware now and no zone: its own zone is kept
    assert wall(resolve("at 6pm", now))[0] == "2026-11-23T18:00:00"


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02",
        "🎉🎉 tomorrow 🎉",
        "'; DROP TABLE events; --",
        "９時",
        "in 99999999999 years",
        "the 99th",
        "13/45",
        "2026-02-30",
        "25:00",
        "every",
        "between and",
        "from to",
        "-" * 50,
        "next next next",
    ],
)
def test_dates_naughty_strings_never_raise(text: str) -> None:
    span = resolve(text, NOW, NY)
    assert span is None or span.start is None or span.start < span.end


def test_dates_cli_contract() -> None:
    lines = "tomorrow at 6pm\n\nnext tuesday\nplay jazz\n"
    done = subprocess.run(
        [sys.executable, "-m", "nlu", "dates", "--now", "2026-11-23T09:00", "--tz", NY, "--next-weekday", "nearest"],
        input=lines,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    rows = [json.loads(x) for x in done.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["tomorrow at 6pm", "", "next tuesday", "play jazz"]
    assert (rows[0]["start"], rows[0]["end"], rows[0]["grain"]) == (
        "2026-11-24T18:00:00",
        "2026-11-24T19:00:00",
        "hour",
    )
    assert rows[1]["start"] is None and rows[3]["start"] is None
    assert rows[2]["start"] == "2026-11-24T00:00:00"


def test_dates_cli_error_field_and_policy_flags() -> None:
    # Given a refused repeat, a day-first date and sunday weeks
    lines = "every 0 days\n5/7\nthis week\nplay jazz\n"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "nlu",
            "dates",
            "--now",
            "2026-11-23T09:00",
            "--tz",
            NY,
            "--day-first",
            "--week-start",
            "sunday",
        ],
        input=lines,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    rows = [json.loads(x) for x in done.stdout.splitlines()]
    # Then the refusal has start null and its reason; the flags reach the resolver
    assert rows[0]["start"] is None and "at least 1" in rows[0]["error"]
    assert rows[1]["start"] == "2027-07-05T00:00:00"
    assert rows[2]["start"] == "2026-11-22T00:00:00"
    assert rows[3]["start"] is None and rows[3]["error"] == "no date or time expression found"
    assert all({"text", "start", "end", "grain"} <= set(r) for r in rows)


@pytest.mark.parametrize(
    "text, start, end, open_start, open_end",
    [
        # "after"/"before" said behind a day qualify that day
        ("tomorrow after lunch", "2026-11-24T14:00:00", "2026-11-25T00:00:00", False, True),
        ("friday after 3pm", "2026-11-27T15:00:00", "2026-11-28T00:00:00", False, True),
        ("thursday before noon", "2026-11-26T00:00:00", "2026-11-26T12:00:00", True, False),
        # a deadline said with its mode first still runs from now
        ("before 5pm tomorrow", "2026-11-23T09:00:00", "2026-11-24T17:00:00", True, False),
        # the working and school day, only beside after/before
        ("after work", "2026-11-23T17:00:00", "2026-11-24T00:00:00", False, True),
        ("wednesday after school", "2026-11-25T15:00:00", "2026-11-26T00:00:00", False, True),
        ("friday at sunset", "2026-11-27T18:00:00", "2026-11-27T19:00:00", False, False),
        # a time and everything after it
        ("from 3/10 onwards", "2027-03-10T00:00:00", "2027-03-11T00:00:00", False, True),
        ("from now on", "2026-11-23T09:00:00", "2026-11-23T09:00:01", False, True),
        ("the 5th and after", "2026-12-05T00:00:00", "2026-12-06T00:00:00", False, True),
        ("from friday on", "2026-11-27T00:00:00", "2026-11-28T00:00:00", False, True),
    ],
)
def test_dates_modes_behind_a_day_and_open_ends(text, start, end, open_start, open_end) -> None:
    span = resolve(text, NOW, NY)
    assert (*wall(span), span.open_start, span.open_end) == (start, end, open_start, open_end)


def test_dates_work_alone_and_a_repeat_going_forward() -> None:
    assert wall(resolve("work on friday", NOW, NY)) == ("2026-11-27T00:00:00", "2026-11-28T00:00:00")
    weekly = resolve("wednesdays going forward", NOW, NY)
    assert weekly.rrule == "RRULE:FREQ=WEEKLY;BYDAY=WE" and not weekly.open_end
    shift = resolve("by a week", NOW, NY)
    assert (shift.start, shift.duration) == (None, timedelta(days=7))
