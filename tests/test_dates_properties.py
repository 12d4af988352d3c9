"""Properties of nlu.dates.resolve that hold for any `now`, any zone and any text.

hypothesis draws `now` across years and DST changes (zones with spring-forward gaps at
02:00, at midnight, half-hour shifts) and checks: start < end; future-biased phrases are
never over before `now`; the same phrase a week later moves by a week; nothing raises.
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from nlu.dates import explain, holidays, resolve
from nlu.dates.lexicon import ALIASES, FILLERS, MONTHS, NOW_PHRASES, PARTS_OF_DAY, SEASONS, UNITS, WEEKDAYS, ZONE_WORDS
from nlu.dates.numbers import NUMBER_WORDS
from nlu.dates.rrule_limits import check_rrule
from nlu.dates.rules_days import RELATIVE_DAYS
from nlu.dates.scanner import CONNECTORS, MODIFIERS
from nlu.exceptions import BadDatePhrase

ZONES = (
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Asia/Kolkata",
    "UTC",
    "America/Havana",
    "Europe/Berlin",
)
# zones whose DST changes never touch midnight, where "a week later" moves wall days exactly
PLAIN_ZONES = ("America/New_York", "Europe/London", "Asia/Kolkata", "UTC", "Europe/Berlin")

PHRASES = (
    "today",
    "tomorrow",
    "tonight",
    "day after tomorrow",
    "yesterday",
    "in three days",
    "friday",
    "this friday",
    "next tuesday",
    "last monday",
    "the tuesday after next",
    "monday morning",
    "july 18",
    "the 18th",
    "7/18",
    "march third",
    "end of the month",
    "last day of february",
    "6 pm",
    "18:00",
    "6:30",
    "half past four",
    "quarter to nine",
    "noon",
    "midnight",
    "at 2:30 am",
    "tomorrow at 2:30am",
    "nine tonight",
    "tomorrow at 6pm",
    "at 4 tomorrow afternoon",
    "from 10:30 to noon on tuesday",
    "2-3pm",
    "between 2 and 4 tomorrow",
    "august 3 to 5",
    "this weekend",
    "next week",
    "the next three days",
    "until friday",
    "by 2pm",
    "after 5",
    "in 20 minutes",
    "in two and a half hours",
    "this week",
    "next month",
    "in march",
    "next year",
    "the third quarter",
    "the first week of october",
    "christmas",
    "thanksgiving",
    "mother's day",
    "every other monday at nine",
    "every weekday",
    "daily at 2:30am",
    "tomorrow at 3 for two hours",
    "rest of the week",
    "the last two hours",
    "a week from today",
    "two weeks ago",
    "at 4",
    # issue 11 families
    "the next 3 days",
    "2 upcoming months",
    "the past 48 hrs",
    "the coming two quarters",
    "next 5 minutes",
    "three fridays from now",
    "the second tuesday of the month",
    "the last friday of may",
    "the closest friday to june 10",
    "thursday week",
    "the penultimate monday of march",
    "mid april",
    "late june",
    "early next week",
    "EOD",
    "COB friday",
    "EOM",
    "EOY",
    "BOM",
    "BOY",
    "the 15th day of next month",
    "late tonight",
    "Q3",
    "next qtr",
    "this summer",
    "next season",
    "in 1/2 hour",
    "in 20'",
    "in 15",
    "in a couple of minutes",
    "14h30",
    "9h",
    "1530",
    "around 1030",
    "at 230ish",
    "18h-20h",
    "2027-05",
    "05/2027",
    "14th April 27",
    "Fri, Jun 18",
    "right now",
    "asap",
    "last weekend of march 2027",
    "the week of june 7th",
    "2nd to last week of june",
    "this past weekend",
    "the ides of march",
    "three weeks before thanksgiving",
    "memorial day weekend",
    "in 3 years at 5pm",
    "20 minutes after 2pm",
    "today in an hour",
    "for 10 days starting 18th dec",
    "tomorrow between 1 and 2:30ish",
    "ten to five",
    "week 12",
    "H2",
    "christmas week",
)
# phrases that make a recurrence rule: every rule must pass the storage check from its first occurrence
REPEATS = (
    "every friday",
    "every other monday at nine",
    "every weekday at 9am",
    "every 3 hours",
    "hourly",
    "every morning",
    "every first monday of the month",
    "every second tuesday of the month",
    "the last friday of every month",
    "every month on the 15th",
    "every year on june 3",
    "every quarter",
    "quarterly",
    "every 6 months",
    "every day for 2 weeks",
    "every monday until june",
    "mondays and wednesdays at 10",
    "every 120 minutes",
    "every 1000 days",
    "every day except weekends",
    "daily at 2:30am",
    "fortnightly",
)
FUTURE = (
    "friday",
    "next tuesday",
    "tomorrow",
    "july 18",
    "the 18th",
    "christmas",
    "thanksgiving",
    "6 pm",
    "at 3am",
    "at 4",
    "noon",
    "midnight",
    "half past four",
    "in 20 minutes",
    "next week",
    "next month",
    "next year",
    "in march",
    "monday morning",
    "tomorrow at 6pm",
    "2-3pm",
    "every other monday at nine",
    "every weekday",
    "at 2:30 am",
    "the first week of october",
    "the third quarter",
    "mother's day",
    "this weekend",
)
WEEKLY = (
    "friday",
    "this friday",
    "next tuesday",
    "last monday",
    "tomorrow",
    "today",
    "in three days",
    "monday at 9",
    "tomorrow at 6pm",
    "next week",
    "this week",
    "the tuesday after next",
    "wednesday next week",
    "friday afternoon",
    "a week from today",
    "two weeks ago",
    "this weekend",
    "yesterday",
    "coming wednesday at 11 am",
)
VOCAB = sorted(
    set(FILLERS)
    | set(ALIASES)
    | {w for p in NOW_PHRASES for w in p}
    | set(MONTHS)
    | set(WEEKDAYS)
    | set(UNITS)
    | set(PARTS_OF_DAY)
    | set(MODIFIERS)
    | set(CONNECTORS)
    | set(ZONE_WORDS)
    | set(SEASONS)
    | set(NUMBER_WORDS)
    | holidays.FIRST_WORDS
    | {w for pattern in RELATIVE_DAYS for w in pattern}
    | {
        "next",
        "last",
        "this",
        "every",
        "other",
        "to",
        "from",
        "between",
        "and",
        "until",
        "by",
        "after",
        "before",
        "ago",
        "in",
        "half",
        "quarter",
        "past",
        "noon",
        "midnight",
        "am",
        "pm",
        "twenty",
        "first",
        "third",
        "hundred",
        "thousand",
        "oh",
        "1",
        "12",
        "31",
        "2027",
        "7/18",
        "2026-02-29",
        "10:30",
        "-",
        "christmas",
        "eve",
        "new",
        "year's",
        "end",
        "of",
        "rest",
        "weekend",
        "o'clock",
        "mid",
        "middle",
        "beginning",
        "q",
        "hours",
        "1990s",
        "3p",
        "27.11.2026",
        "2/2013",
        "week_of",
        "business",
        "thing",
        "ish",
        "13",
        "0",
        "24",
        "2300",
        "0900",
        "99",
        "2.5",
        "day",
        "weekday",
        "weekdays",
        # issue 11 vocabulary
        "eom",
        "eoy",
        "bom",
        "boy",
        "eod",
        "cob",
        "eow",
        "eoq",
        "early",
        "late",
        "penultimate",
        "final",
        "closest",
        "nearest",
        "ides",
        "upcoming",
        "previous",
        "qtr",
        "wknd",
        "nxt",
        "14h30",
        "9h",
        "1530",
        "245",
        "1/2",
        "3/4",
        "20'",
        "2027-05",
        "05/2027",
        "20270815",
        "2027-W05",
        "'27",
        "asap",
        "rn",
        "instant",
        "moment",
        "once",
        "soon",
        "possible",
        "season",
        "seasons",
        "h",
        "w",
        "wk",
        "week",
        "good",
        "friday",
        "easter",
        "monday",
        "tax",
        "give",
        "me",
        "minus",
        "second",
        "18h-20h",
        "apr-2027",
        "w/c",
        "2moro",
    }
)

nows = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31))


def _ts(moment: datetime) -> float:
    return moment.timestamp()


@settings(max_examples=60, deadline=None)
@given(now=nows, zone=st.sampled_from(ZONES), phrase=st.sampled_from(PHRASES))
def test_dates_start_before_end_at_any_now(now: datetime, zone: str, phrase: str) -> None:
    span = resolve(phrase, now, zone)
    assert span is not None, phrase
    if span.start is not None:
        assert _ts(span.start) < _ts(span.end), (phrase, span)
        assert span.start.tzinfo is not None and span.end.tzinfo is not None


@settings(max_examples=120, deadline=None)
@given(now=nows, zone=st.sampled_from(ZONES), phrase=st.sampled_from(REPEATS))
def test_dates_every_produced_rule_passes_the_storage_check(now: datetime, zone: str, phrase: str) -> None:
    # Given any now and zone, a repeat resolves to its first occurrence and a rule that the
    # check every door uses (nlu/dates/rrule_limits.py) accepts from that first occurrence
    span = resolve(phrase, now, zone)
    assert span is not None and span.rrule, (phrase, now, zone)
    assert _ts(span.start) < _ts(span.end)
    check_rrule(span.rrule, span.start.replace(tzinfo=None))


@settings(max_examples=100, deadline=None)
@given(
    n=st.integers(min_value=-(10**6), max_value=10**6),
    unit=st.sampled_from(sorted(UNITS)),
    sign=st.sampled_from(("", "-", "minus ")),
    now=nows,
    zone=st.sampled_from(ZONES),
)
# found by this test: "second" after a count was read as the ordinal ("every 0 second" -> the 2nd of each month)
@example(n=0, unit="second", sign="", now=datetime(2000, 1, 1), zone="America/New_York")
@example(n=1, unit="second", sign="", now=datetime(2000, 1, 1), zone="America/New_York")
def test_dates_every_n_units_is_a_valid_rule_or_none_with_a_reason(
    n: int, unit: str, sign: str, now: datetime, zone: str
) -> None:
    # "every 0 days", "every -2 weeks", "every 5 minutes": never a rule storage would refuse,
    # never an exception; a refusal says why
    text = f"every {sign}{n} {unit}"
    span = resolve(text, now, zone)
    if span is None:
        assert explain(text, now, zone), text
    elif span.rrule:
        check_rrule(span.rrule, span.start.replace(tzinfo=None))
        assert (not sign and n >= 1 and UNITS[unit][0] not in ("minute", "second")) or unit in (
            "minute",
            "minutes",
            "min",
            "mins",
        )
        assert _ts(span.start) < _ts(span.end)


@settings(max_examples=60, deadline=None)
@given(now=nows, zone=st.sampled_from(ZONES), phrase=st.sampled_from(FUTURE))
def test_dates_future_phrases_never_over_before_now(now: datetime, zone: str, phrase: str) -> None:
    ref = now.replace(tzinfo=ZoneInfo(zone))
    span = resolve(phrase, ref)
    assert span is not None, phrase
    assert _ts(span.end) > _ts(ref), (phrase, ref, span)
    if span.grain in ("minute", "hour") and not span.rrule and span.end - span.start <= timedelta(hours=1):
        assert _ts(span.start) >= _ts(ref) - 60, (phrase, ref, span)


@settings(max_examples=60, deadline=None)
@given(now=nows, zone=st.sampled_from(PLAIN_ZONES), phrase=st.sampled_from(WEEKLY))
def test_dates_a_week_later_moves_a_week(now: datetime, zone: str, phrase: str) -> None:
    first = resolve(phrase, now, zone)
    later = resolve(phrase, now + timedelta(days=7), zone)
    assert first is not None and later is not None
    moved = later.start.replace(tzinfo=None) - first.start.replace(tzinfo=None)
    assert moved == timedelta(days=7), (phrase, now, first, later)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=80))
def test_dates_any_text_never_raises(text: str) -> None:
    span = resolve(text, datetime(2026, 11, 23, 9), "America/New_York")
    assert span is None or span.start is None or _ts(span.start) < _ts(span.end)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(VOCAB), max_size=8), now=nows, zone=st.sampled_from(ZONES))
def test_dates_date_word_salad_never_raises(words: list[str], now: datetime, zone: str) -> None:
    span = resolve(" ".join(words), now, zone)
    assert span is None or span.start is None or _ts(span.start) < _ts(span.end)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(VOCAB), max_size=8), now=nows, zone=st.sampled_from(ZONES))
def test_dates_rules_themselves_never_raise_on_date_words(words: list[str], now: datetime, zone: str) -> None:
    # resolve() turns any internal error into None; here the rules run without that net, so a
    # rule that trips on an odd mix of date words fails the test instead of hiding
    from nlu.dates.calendar import Context
    from nlu.dates.combine import combine
    from nlu.dates.grammar import scan
    from nlu.dates.policy import Policy
    from nlu.dates.tokens import tokenize

    ctx = Context(now.replace(tzinfo=ZoneInfo(zone)), Policy())
    # a deliberate refusal with a reason ("every 0 days", "february 30") is not a trip
    with contextlib.suppress(BadDatePhrase):
        combine(scan(tokenize(" ".join(words)), ctx).out, ctx)


BENCH = Path(__file__).resolve().parent.parent / "bench"
BENCH_WORDS = sorted(
    {
        w
        for f in sorted(BENCH.glob("dates_*.jsonl"))
        for line in f.read_text().splitlines()
        if line.strip()
        for w in json.loads(line)["text"].split()
    }
)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(BENCH_WORDS or ["today"]), min_size=1, max_size=7),
    now=nows,
    zone=st.sampled_from(ZONES),
    reading=st.sampled_from(("following", "nearest")),
)
def test_dates_mixes_of_benchmark_words_keep_start_before_end(
    words: list[str], now: datetime, zone: str, reading: str
) -> None:
    span = resolve(" ".join(words), now, zone, next_weekday=reading)
    if span is not None and span.start is not None:
        assert _ts(span.start) < _ts(span.end), (words, span)
        assert all(_ts(a.start) < _ts(a.end) for a in span.alternatives if a.start is not None)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(sorted(set(VOCAB) | set(BENCH_WORDS))), min_size=1, max_size=7))
def test_dates_rule_dispatch_matches_trying_every_rule(words: list[str]) -> None:
    # the scan only tries the rules whose TRIGGERS hold the first token; trying all rules at
    # every position must find exactly the same pieces
    from nlu.dates import grammar
    from nlu.dates.calendar import Context
    from nlu.dates.policy import Policy
    from nlu.dates.scanner import Scan
    from nlu.dates.tokens import tokenize

    ctx = Context(datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("America/New_York")), Policy())
    toks = tokenize(" ".join(words))

    def every_rule() -> tuple[str, int]:
        slow, i = Scan(toks, ctx), 0
        while i < len(toks):
            j = next((j for rule in grammar.RULES for j in [rule(slow, i)] if j > i), None)
            if j is None:
                slow.unknown += slow.word(i) not in FILLERS
                j = i + 1
            i = j
        return repr(slow.out), slow.unknown

    def dispatched() -> tuple[str, int]:
        fast = grammar.scan(toks, ctx)
        return repr(fast.out), fast.unknown

    assert _or_refusal(dispatched) == _or_refusal(every_rule)


def _or_refusal(read) -> tuple:
    """What a scan finds, or the refusal it raises ("february 30" has no day 30)."""
    try:
        return read()
    except BadDatePhrase as err:
        return ("refused", str(err))
