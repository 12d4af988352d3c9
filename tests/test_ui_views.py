"""The demo's pure view helpers: slot highlighting, event texts, the week and agenda, the inspector's table."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import nlu
from assistant import EventView
from assistant.testing import reading
from assistant.views import FreeTime
from nlu.result import Parse, Slot, TimeSpan
from ui import calendar_view, event_text, inspector_panel, model_card_view, slots_view
from ui.safe_markdown import html_text, md
from ui.turn_outcome import outcome_text

PARIS = ZoneInfo("Europe/Paris")
TEXT = "Schedule event for visit to Trivandrum on July 18"
NOW = datetime(2026, 11, 23, 9, 0)
WEEKLY_MONDAY_9 = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0"


def trivandrum(confidence: float = 0.97) -> Parse:
    when = TimeSpan(datetime(2027, 7, 18, tzinfo=PARIS), datetime(2027, 7, 19, tzinfo=PARIS), "day")
    slots = (
        Slot("ACTION", "Schedule", 0, 8),
        Slot("DOMAIN", "event", 9, 14),
        Slot("NAME", "visit to Trivandrum", 19, 38),
        Slot("DATE", "July 18", 42, 49, when),
    )
    return Parse(TEXT, "create", confidence, slots, "visit to Trivandrum", when)


def event(
    title: str,
    start: datetime,
    end: datetime,
    *,
    all_day: bool = False,
    cancelled: bool = False,
    location: str | None = None,
    event_id: int = 1,
    tz: str = "Europe/Paris",
    **more,
) -> EventView:
    return EventView(
        id=event_id,
        title=title,
        kind=None,
        start=start.isoformat(),
        end=end.isoformat(),
        all_day=all_day,
        location=location,
        cancelled=cancelled,
        tz=tz,
        **more,
    )


def visible(markup: str) -> str:
    """What a person reads in the HTML the panels draw: cells as "day | events", one row a line."""
    text = re.sub(r"</th>", " | ", markup)
    text = re.sub(r"</div>(?=<div)", " / ", text)
    text = re.sub(r"</tr>|</li>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return (
        "\n".join(line.strip() for line in text.replace("&nbsp;", " ").splitlines() if line.strip())
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#x27;", "'")
    )


# ---- what the NLU heard ------------------------------------------------------------------


def test_ui_slots_html_marks_each_slot_with_its_label_and_colour() -> None:
    markup = slots_view.slots_html(trivandrum())
    for slot in trivandrum().slots:
        colour = slots_view.COLORS[slot.label]
        assert f"background: {colour}" in markup
        assert f">{slot.label}</span>" in markup
    assert "\n" not in markup  # markdown would split the HTML at blank lines


def test_ui_slots_html_escapes_the_command() -> None:
    text = "<script>alert(1)</script> tomorrow"
    when = TimeSpan(datetime(2026, 11, 24, tzinfo=PARIS), datetime(2026, 11, 25, tzinfo=PARIS), "day")
    with_slot = Parse(text, "create", 0.5, (Slot("DATE", "tomorrow", 26, 34, when),))
    for parse in (with_slot, Parse(text, "out_of_scope", 1.0)):
        markup = slots_view.slots_html(parse)
        assert "<script>" not in markup and "&lt;script&gt;" in markup


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (
            TimeSpan(datetime(2027, 7, 18, tzinfo=PARIS), datetime(2027, 7, 19, tzinfo=PARIS), "day"),
            "Sun 2027-07-18 (day)",
        ),
        (
            TimeSpan(datetime(2026, 11, 25, 11, tzinfo=PARIS), datetime(2026, 11, 25, 11, 1, tzinfo=PARIS), "minute"),
            "Wed 2026-11-25 11:00 (minute)",
        ),
        (
            TimeSpan(datetime(2026, 11, 25, 15, tzinfo=PARIS), datetime(2026, 11, 25, 17, tzinfo=PARIS), "hour"),
            "Wed 2026-11-25 15:00 → 17:00 (hour)",
        ),
        (
            TimeSpan(datetime(2026, 11, 30, tzinfo=PARIS), datetime(2026, 12, 7, tzinfo=PARIS), "week"),
            "Mon 2026-11-30 → Sun 2026-12-06 (week)",
        ),
        (None, None),
    ],
)
def test_ui_when_text(when: TimeSpan | None, expected: str | None) -> None:
    assert slots_view.when_text(Parse("x", "create", 1.0, when=when)) == expected


def test_ui_caption_names_intent_confidence_and_heard_time() -> None:
    assert slots_view.caption_text(trivandrum()) == (
        "intent **create** · confidence **97%** · when **Sun 2027-07-18 (day)**"
    )


def test_ui_caption_shows_what_was_done_instead_of_the_heard_time() -> None:
    assert slots_view.caption_text(trivandrum(), "moved to Fri 04 Dec 2026 · 17:00–18:00", heard_when=False) == (
        "intent **create** · confidence **97%** · **moved to Fri 04 Dec 2026 · 17:00–18:00**"
    )


def test_ui_confidence_is_flagged_below_the_documented_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    # The threshold is read from nlu at each call, never copied: a retrained model moves it.
    monkeypatch.setattr(nlu, "CONFIRM_BELOW", 0.6)
    assert slots_view.confidence_text(0.59) == "confidence **59%** ⚠️ low (under 60%)"
    assert slots_view.confidence_text(0.6) == "confidence **60%**"
    monkeypatch.setattr(nlu, "CONFIRM_BELOW", 0.3)
    assert slots_view.confidence_text(0.59) == "confidence **59%**"


def test_ui_md_and_html_text_keep_user_text_inert() -> None:
    assert md("a*b_c [x](y) | $5 <b>") == r"a\*b\_c \[x\](y) \| \$5 &lt;b&gt;"
    assert html_text('<img src=x onerror="alert(1)"> & $5') == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; $5"


# ---- what a turn did ---------------------------------------------------------------------


def test_ui_outcome_is_the_stored_time_in_the_zone_shown_now() -> None:
    # The event moved to Friday 17:00 Paris (the parse read Monday): the line says Friday,
    # and in New York it says the New York time, as the calendar does.
    moved = event("dentist", datetime(2026, 12, 4, 17), datetime(2026, 12, 4, 18))
    assert outcome_text("reschedule", (moved,), None, "Europe/Paris") == "moved to Fri 04 Dec 2026 · 17:00–18:00"
    assert outcome_text("reschedule", (moved,), None, "America/New_York") == "moved to Fri 04 Dec 2026 · 11:00–12:00"
    day = event("AI", datetime(2026, 11, 24), datetime(2026, 11, 25), all_day=True)
    assert outcome_text("create", (day,), None, "Asia/Tokyo") == "created Tue 24 Nov 2026 · all day"
    assert (
        outcome_text("cancel", (day, moved), None, "Europe/Paris") == "cancelled Tue 24 Nov 2026 · all day and 1 other"
    )
    assert outcome_text("undo", (day,), None, "Europe/Paris") == "undone: AI · Tue 24 Nov 2026 · all day"


def test_ui_outcome_of_questions_and_open_questions() -> None:
    week = TimeSpan(datetime(2026, 11, 30, tzinfo=PARIS), datetime(2026, 12, 7, tzinfo=PARIS), "week")
    query = Parse("what's on my calendar next week", "query", 0.9, when=week)
    assert (
        outcome_text("query", (), query, "Europe/Paris")
        == "looked at Mon 30 Nov 2026 – Sun 06 Dec 2026: found no events"
    )
    found = event("AI", datetime(2026, 12, 1), datetime(2026, 12, 2), all_day=True)
    assert outcome_text("query", (found,), query, "Europe/Paris").endswith(": found 1 event")
    assert outcome_text("confirm", (found,), None, "Europe/Paris") == "nothing changed yet: waiting for yes or no"
    assert outcome_text("none", (), None, "Europe/Paris") is None


def test_ui_outcome_of_free_time_names_the_window_and_the_free_stretches() -> None:
    friday = FreeTime(
        "2026-11-27T00:00:00",
        "2026-11-28T00:00:00",
        "Europe/Paris",
        (
            ("2026-11-27T08:00:00", "2026-11-27T10:00:00"),
            ("2026-11-27T11:00:00", "2026-11-27T14:00:00"),
            ("2026-11-27T15:30:00", "2026-11-27T22:00:00"),
        ),
    )
    assert (
        outcome_text("availability", (), None, "Europe/Paris", free=friday)
        == "looked at Fri 27 Nov 2026: free 08:00–10:00, 11:00–14:00 and 15:30–22:00"
    )
    # in New York the same stretches, at New York's wall times (the window is no longer whole days)
    assert (
        outcome_text("availability", (), None, "America/New_York", free=friday)
        == "looked at Thu 26 Nov 2026 18:00 – Fri 27 Nov 2026 18:00: free 02:00–04:00, 05:00–08:00 and 09:30–16:00"
    )
    none = FreeTime("2026-11-24T00:00:00", "2026-11-25T00:00:00", "Europe/Paris", (), 120)
    assert (
        outcome_text("availability", (), None, "Europe/Paris", free=none)
        == "looked at Tue 24 Nov 2026: no free stretch of 2 h"
    )
    today = FreeTime(
        "2026-11-23T09:00:00",
        "2026-11-24T00:00:00",
        "Europe/Paris",
        (("2026-11-23T09:00:00", "2026-11-23T22:00:00"),),
        30,
    )
    assert (
        outcome_text("availability", (), None, "Europe/Paris", free=today)
        == "looked at Mon 23 Nov 2026 · 09:00–24:00: free for 30 min: 09:00–22:00"
    )
    days = FreeTime(
        "2026-11-23T00:00:00",
        "2026-11-30T00:00:00",
        "Europe/Paris",
        tuple((f"2026-11-{d}T08:00:00", f"2026-11-{d}T22:00:00") for d in range(23, 30)),
    )
    assert outcome_text("availability", (), None, "Europe/Paris", free=days) == (
        "looked at Mon 23 Nov 2026 – Sun 29 Nov 2026: free Mon 23 Nov 08:00–22:00, Tue 24 Nov 08:00–22:00, "
        "Wed 25 Nov 08:00–22:00 and 4 more"
    )
    assert outcome_text("availability", (), None, "Europe/Paris") is None  # "that time is already over"


def test_ui_outcome_of_an_update_says_what_changed_on_the_stored_event() -> None:
    start, end = datetime(2026, 11, 25, 9), datetime(2026, 11, 25, 10)
    was = event("dentist", start, end, event_id=7, attendees=("jim",), alerts=(10,))
    now = event("dentist", start, end, event_id=7, attendees=("jim", "jerry", "sara"), alerts=(10, 60))
    assert (
        outcome_text("update", (now,), None, "Europe/Paris", before=(was,))
        == "updated dentist · Wed 25 Nov 2026 · 09:00–10:00: added jerry and sara; added alert 1 h before"
    )
    renamed = event("team lunch", start, end, event_id=7, location="cafe")
    assert (
        outcome_text(
            "update",
            (renamed,),
            None,
            "Europe/Paris",
            before=(event("lunch", start, end, event_id=7, attendees=("jim",)),),
        )
        == 'updated team lunch · Wed 25 Nov 2026 · 09:00–10:00: renamed from "lunch"; at cafe; removed jim'
    )
    weekly = event(
        "standup",
        datetime(2026, 11, 24, 9),
        datetime(2026, 11, 24, 9, 15),
        event_id=3,
        recurrence="FREQ=WEEKLY;BYDAY=TU",
    )
    monday = event(
        "standup", datetime(2026, 11, 23, 9), datetime(2026, 11, 23, 9, 15), event_id=3, recurrence=WEEKLY_MONDAY_9
    )
    assert outcome_text("update", (weekly,), None, "Europe/Paris", before=(monday,)) == (
        "updated standup · Tue 24 Nov 2026 · 09:00–09:15: now every Tuesday at 9:00; was Mon 23 Nov 2026 · 09:00–09:15"
    )
    # a series split by the change is a new row: the line shows it whole
    assert (
        outcome_text("update", (weekly,), None, "Europe/Paris", before=())
        == "updated standup · Tue 24 Nov 2026 · 09:00–09:15 · every Tuesday at 9:00"
    )
    assert outcome_text("update", (now,), None, "America/New_York", before=(was,)).startswith(
        "updated dentist · Wed 25 Nov 2026 · 03:00–04:00: "
    )


# ---- events in words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "start", "expected"),
    [
        (WEEKLY_MONDAY_9, datetime(2026, 11, 23, 9), "every Monday at 9:00"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", datetime(2026, 11, 23, 17, 30), "every weekday at 17:30"),
        ("FREQ=DAILY;COUNT=5", datetime(2026, 11, 23, 8), "every day at 8:00, 5 times"),
        (
            "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261221T225959Z",
            datetime(2026, 11, 23, 9),
            "every Monday at 9:00, until Mon 21 Dec 2026",
        ),
    ],
)
def test_ui_rule_text(rule: str, start: datetime, expected: str) -> None:
    assert event_text.rule_text(event("standup", start, start + timedelta(minutes=15), recurrence=rule)) == expected


def test_ui_details_name_people_and_alerts() -> None:
    lunch = event(
        "lunch with Sara",
        datetime(2026, 11, 24, 12),
        datetime(2026, 11, 24, 13),
        attendees=("Sara", "Jim"),
        alerts=(60, 10, 1440 + 90),
    )
    assert event_text.details(lunch) == ["with Sara and Jim", "alert 10 min, 1 h and 1 day 1 h 30 min before"]
    assert event_text.details(event("x", datetime(2026, 11, 24, 12), datetime(2026, 11, 24, 13))) == []


def test_ui_in_zone_moves_timed_events_only() -> None:
    meeting = event("meeting", datetime(2026, 11, 24, 15), datetime(2026, 11, 24, 16))
    there = event_text.in_zone(meeting, "America/New_York")
    assert (there.start, there.end, there.tz) == ("2026-11-24T09:00:00", "2026-11-24T10:00:00", "America/New_York")
    day = event("AI", datetime(2026, 11, 24), datetime(2026, 11, 25), all_day=True)
    assert event_text.in_zone(day, "Asia/Tokyo") == day


def test_ui_time_labels() -> None:
    multi = event("trip", datetime(2026, 12, 1), datetime(2026, 12, 4), all_day=True)
    assert event_text.time_label(multi) == "Tue 01 Dec 2026 – Thu 03 Dec · all day"
    timed = event("dentist", datetime(2026, 12, 3, 16, 30), datetime(2026, 12, 3, 17, 30))
    assert event_text.time_label(timed) == "Thu 03 Dec 2026 · 16:30–17:30"


# ---- the calendar panel ------------------------------------------------------------------


def test_ui_week_html_puts_each_event_on_its_days() -> None:
    monday = date(2026, 11, 23)
    events = [
        event("AI", datetime(2026, 11, 24), datetime(2026, 11, 25), all_day=True),
        event("team brainstorming session", datetime(2026, 11, 25, 18), datetime(2026, 11, 25, 19), event_id=2),
        event("night shift", datetime(2026, 11, 26, 22), datetime(2026, 11, 27, 6), location="Ward 4", event_id=3),
        event("old", datetime(2026, 11, 27, 9), datetime(2026, 11, 27, 10), cancelled=True, event_id=4),
    ]
    markup = calendar_view.week_html(monday, events, today=date(2026, 11, 30))
    assert visible(markup).splitlines() == [
        "Day | Events |",
        "Mon 23 Nov | —",
        "Tue 24 Nov | all day AI",
        "Wed 25 Nov | 18:00–19:00 team brainstorming session",
        "Thu 26 Nov | 22:00 → Fri 27 Nov 06:00 night shift at Ward 4",
        "Fri 27 Nov | until 06:00 night shift at Ward 4 / 09:00–10:00 old (cancelled)",
        "Sat 28 Nov | —",
        "Sun 29 Nov | —",
    ]
    assert "<s><b>old</b></s> (cancelled)" in markup


def test_ui_week_html_today_label_never_wraps_and_focus_is_marked() -> None:
    monday = date(2026, 11, 30)
    standup = event(
        "standup",
        datetime(2026, 11, 30, 9),
        datetime(2026, 11, 30, 9, 15),
        event_id=7,
        recurrence=WEEKLY_MONDAY_9,
        series_id=7,
        original_start="2026-11-30T09:00:00",
        attendees=("Sara",),
        alerts=(10,),
    )
    other = event("other", datetime(2026, 12, 1, 9), datetime(2026, 12, 1, 10), event_id=8)
    markup = calendar_view.week_html(
        monday, [standup, other], today=monday, focus=frozenset({(7, "2026-11-30T09:00:00")})
    )
    assert '<tr class="today"><th scope="row">Mon&nbsp;30&nbsp;Nov&nbsp;(today)</th>' in markup
    assert (
        '<div class="ev focus">09:00–09:15 <b>standup</b> · ↻ every Monday · <span class="ev-detail">with Sara'
        '</span> · <span class="ev-detail">alert 10 min before</span></div>'
    ) in markup
    assert '<div class="ev">09:00–10:00 <b>other</b></div>' in markup


def test_ui_week_html_escapes_titles() -> None:
    nasty = event("<img src=x onerror=alert(1)> $x$ **b**", datetime(2026, 11, 24, 9), datetime(2026, 11, 24, 10))
    markup = calendar_view.week_html(date(2026, 11, 23), [nasty], today=date(2026, 11, 23))
    assert "<img" not in markup and "&lt;img src=x onerror=alert(1)&gt; $x$ **b**" in markup


def test_ui_agenda_shows_a_series_once_with_its_rule_and_exceptions() -> None:
    def occurrence(day: int) -> EventView:
        start = datetime(2026, 11, day, 9) if day <= 30 else datetime(2026, 12, day - 30, 9)
        return event(
            "standup",
            start,
            start + timedelta(minutes=15),
            event_id=5,
            recurrence=WEEKLY_MONDAY_9,
            series_id=5,
            original_start=start.isoformat(),
            exdates=("2026-11-16T09:00:00", "2026-12-07T09:00:00"),
        )

    moved = event(
        "standup",
        datetime(2026, 12, 15, 11),
        datetime(2026, 12, 15, 11, 15),
        event_id=9,
        series_id=5,
        original_start="2026-12-14T09:00:00",
    )
    dentist = event("dentist", datetime(2026, 11, 25, 16), datetime(2026, 11, 25, 17), event_id=6)
    events = sorted([occurrence(23), dentist, occurrence(30), occurrence(51), moved], key=lambda e: e.start)
    items = calendar_view.agenda_items(events, today=date(2026, 11, 23))
    assert [i.event.title for i in items] == ["standup", "dentist"]
    markup = calendar_view.agenda_html(items, focus=frozenset({(6, None)}))
    assert visible(markup).splitlines() == [
        (
            "Mon 23 Nov 2026 · 09:00–09:15 — standup · every Monday at 9:00 · not on Mon 07 Dec · "
            "Mon 14 Dec moved to Tue 15 Dec 11:00"
        ),
        "Wed 25 Nov 2026 · 16:00–17:00 — dentist",
    ]
    assert '<li class="focus">Wed 25 Nov 2026' in markup


def test_ui_cancelled_occurrences_of_a_series_in_a_window() -> None:
    series = event(
        "standup",
        datetime(2026, 11, 9, 9),
        datetime(2026, 11, 9, 9, 15),
        event_id=5,
        recurrence=WEEKLY_MONDAY_9,
        exdates=("2026-11-30T09:00:00", "2026-12-07T09:00:00"),
    )
    start = datetime(2026, 11, 30)
    [skipped] = calendar_view.cancelled_occurrences([series], start, start + timedelta(days=7))
    assert (skipped.start, skipped.end, skipped.cancelled, skipped.series_id) == (
        "2026-11-30T09:00:00",
        "2026-11-30T09:15:00",
        True,
        5,
    )
    cell = calendar_view.week_cell(skipped, date(2026, 11, 30), focus=False)
    assert visible(cell) == "09:00–09:15 standup (cancelled) (this occurrence) · ↻ every Monday"


def test_ui_zone_caption_names_zone_and_offset() -> None:
    assert calendar_view.zone_caption("Europe/Paris", datetime(2026, 11, 23, 9)) == "Times in Europe/Paris (UTC+01:00)"
    assert calendar_view.zone_caption("Asia/Kolkata", datetime(2026, 7, 1)) == "Times in Asia/Kolkata (UTC+05:30)"


def test_ui_monday_of() -> None:
    assert calendar_view.monday_of(date(2026, 11, 29)) == date(2026, 11, 23)
    assert calendar_view.monday_of(date(2026, 11, 23)) == date(2026, 11, 23)
    assert calendar_view.monday_of(date(2026, 11, 30)) - timedelta(days=7) == date(2026, 11, 23)


# ---- the inspector -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parse", "kind"),
    [
        (reading("undo", "out_of_scope"), "undo"),
        (reading("scratch that", "out_of_scope"), "undo"),
        (reading("yes", "out_of_scope"), "yes"),
        (reading("uh yeah sure", "out_of_scope"), "yes"),
        (reading("no thanks", "out_of_scope"), "no"),
        (reading("the first one", "out_of_scope"), "choice"),
        (reading("number two", "out_of_scope"), "choice"),
        (reading("push it back an hour", "reschedule", NAME="it"), "relative move"),
        (reading("push it back an hour", "create", NAME="it"), "relative move"),  # "it" names no new event
        # the chat adds an alert here and moves nothing: not a relative move (the copy the UI kept said it was)
        (
            reading(
                "remind me an hour before the dentist", "reschedule", NAME="dentist", alerts={"an hour before": 60}
            ),
            None,
        ),
        (reading("play some jazz", "out_of_scope"), None),
        (reading("cancel the second meeting", "cancel", NAME="second meeting"), None),
        (reading("schedule lunch tomorrow", "create", NAME="lunch"), None),
    ],
)
def test_ui_inspector_follow_up_kinds_are_the_chats(parse: Parse, kind: str | None) -> None:
    assert inspector_panel.follow_up_kind(parse, NOW, "Europe/Paris") == kind


def test_ui_inspector_rows_mark_followups_and_low_confidence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlu, "CONFIRM_BELOW", 0.5)
    parses = [trivandrum(0.97), Parse("asdf", "out_of_scope", 0.31), Parse("undo", "out_of_scope", 0.88)]
    rows = [r.values for r in inspector_panel.table_rows(parses, NOW, "Europe/Paris")]
    assert [(r["intent"], r["follow-up"], r["confidence"], r["low"]) for r in rows] == [
        ("create", "", 0.97, ""),
        ("out_of_scope", "", 0.31, "⚠️"),
        ("follow-up", "undo", None, ""),
    ]
    assert rows[0]["slots"] == "ACTION: Schedule  DOMAIN: event  NAME: visit to Trivandrum  DATE: July 18"
    assert (rows[0]["start"], rows[0]["end"], rows[0]["grain"]) == ("2027-07-18T00:00:00", "2027-07-19T00:00:00", "day")
    shown = [r.shown() for r in inspector_panel.table_rows(parses, NOW, "Europe/Paris")]
    assert [(r["intent"], r["confidence"]) for r in shown] == [
        ("create", "0.97"),
        ("out_of_scope", "0.31 ⚠️"),
        ("follow-up: undo", "—"),
    ]
    assert shown[0]["when"] == "2027-07-18T00:00:00 → 2027-07-19T00:00:00 (day)"
    assert shown[0]["slots"] == "ACTION: Schedule · DOMAIN: event · NAME: visit to Trivandrum · DATE: July 18"


def test_ui_inspector_filter_and_sort() -> None:
    parses = [
        trivandrum(0.97),
        Parse("asdf", "out_of_scope", 0.31),
        Parse("undo", "out_of_scope", 0.9),
        Parse("what do i have", "query", 0.64),
    ]
    rows = inspector_panel.table_rows(parses, NOW, "Europe/Paris")
    texts = lambda rs: [r.values["text"] for r in rs]  # noqa: E731
    everything = {"create", "out_of_scope", "follow-up", "query"}
    assert texts(inspector_panel.filter_rows(rows, {"create", "query"}, 0.0, 1.0)) == [TEXT, "what do i have"]
    assert texts(inspector_panel.filter_rows(rows, everything, 0.0, 1.0)) == texts(rows)
    # a narrowed range keeps only rows whose confidence is in it (follow-ups have none)
    assert texts(inspector_panel.filter_rows(rows, everything, 0.3, 0.7)) == ["asdf", "what do i have"]
    assert texts(inspector_panel.sort_rows(rows, "confidence, lowest first")) == [
        "asdf",
        "what do i have",
        TEXT,
        "undo",
    ]
    assert texts(inspector_panel.sort_rows(rows, "confidence, highest first")) == [
        TEXT,
        "what do i have",
        "asdf",
        "undo",
    ]
    assert texts(inspector_panel.sort_rows(rows, "intent")) == [TEXT, "undo", "asdf", "what do i have"]


def test_ui_inspector_csv_and_jsonl() -> None:
    long_text = "please " * 40 + "schedule lunch"
    parses = [trivandrum(), Parse(long_text, "create", 0.4), Parse("undo", "out_of_scope", 0.9)]
    rows = inspector_panel.table_rows(parses, NOW, "Europe/Paris")
    read = list(csv.DictReader(io.StringIO(inspector_panel.to_csv(rows))))
    assert list(read[0]) == list(inspector_panel.COLUMNS)
    assert read[1]["text"] == long_text  # the whole text, not cut
    assert [(r["intent"], r["follow-up"], r["confidence"]) for r in read] == [
        ("create", "", "0.97"),
        ("create", "", "0.4"),
        ("follow-up", "undo", ""),
    ]
    lines = inspector_panel.to_jsonl(parses).splitlines()
    assert [json.loads(line) for line in lines] == [p.to_dict() for p in parses]


def test_ui_model_card_for_readers_drops_maintainer_notes() -> None:
    readme = (
        "# card\n\nIntro.\n\nThis file and the card fields in meta.json are generated by `nlu/modelcard.py`; "
        "do not edit them by hand.\n\n## Scores\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<!-- build note -->\n"
    )
    shown = model_card_view.for_readers(readme)
    assert shown == "#### card\n\nIntro.\n\n##### Scores\n\n| a | b |\n|---|---|\n| 1 | 2 |"
