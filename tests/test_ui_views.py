"""The demo's pure view helpers: slot highlighting, the week table, markdown escaping."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from assistant import EventView
from nlu.result import Parse, Slot, TimeSpan
from ui import calendar_view, inspector_panel, slots_view
from ui.safe_markdown import md

PARIS = ZoneInfo("Europe/Paris")
TEXT = "Schedule event for visit to Trivandrum on July 18"


def trivandrum() -> Parse:
    when = TimeSpan(datetime(2027, 7, 18, tzinfo=PARIS), datetime(2027, 7, 19, tzinfo=PARIS), "day")
    slots = (Slot("ACTION", "Schedule", 0, 8), Slot("DOMAIN", "event", 9, 14),
             Slot("NAME", "visit to Trivandrum", 19, 38), Slot("DATE", "July 18", 42, 49, when))
    return Parse(TEXT, "create", 0.97, slots, "visit to Trivandrum", when)


def event(title: str, start: datetime, end: datetime, *, all_day: bool = False, cancelled: bool = False,
          location: str | None = None) -> EventView:
    return EventView(id=1, title=title, kind=None, start=start.isoformat(), end=end.isoformat(),
                     all_day=all_day, location=location, cancelled=cancelled)


def test_ui_slots_html_marks_each_slot_with_its_label_and_colour() -> None:
    markup = slots_view.slots_html(trivandrum())
    for slot in trivandrum().slots:
        colour = slots_view.COLORS[slot.label]
        assert f'background: {colour}' in markup
        assert f">{slot.label}</span>" in markup
    assert "\n" not in markup  # markdown would split the HTML at blank lines


def test_ui_slots_html_escapes_the_command() -> None:
    text = "<script>alert(1)</script> tomorrow"
    when = TimeSpan(datetime(2026, 11, 24, tzinfo=PARIS), datetime(2026, 11, 25, tzinfo=PARIS), "day")
    with_slot = Parse(text, "create", 0.5, (Slot("DATE", "tomorrow", 26, 34, when),))
    for parse in (with_slot, Parse(text, "out_of_scope", 1.0)):
        markup = slots_view.slots_html(parse)
        assert "<script>" not in markup and "&lt;script&gt;" in markup


@pytest.mark.parametrize(("when", "expected"), [
    (TimeSpan(datetime(2027, 7, 18, tzinfo=PARIS), datetime(2027, 7, 19, tzinfo=PARIS), "day"),
     "Sun 2027-07-18 (day)"),
    (TimeSpan(datetime(2026, 11, 25, 11, tzinfo=PARIS), datetime(2026, 11, 25, 11, 1, tzinfo=PARIS), "minute"),
     "Wed 2026-11-25 11:00 (minute)"),
    (TimeSpan(datetime(2026, 11, 25, 15, tzinfo=PARIS), datetime(2026, 11, 25, 17, tzinfo=PARIS), "hour"),
     "Wed 2026-11-25 15:00 → 17:00 (hour)"),
    (TimeSpan(datetime(2026, 11, 30, tzinfo=PARIS), datetime(2026, 12, 7, tzinfo=PARIS), "week"),
     "Mon 2026-11-30 → Sun 2026-12-06 (week)"),
    (None, None),
])
def test_ui_when_text(when: TimeSpan | None, expected: str | None) -> None:
    assert slots_view.when_text(Parse("x", "create", 1.0, when=when)) == expected


def test_ui_caption_names_intent_and_confidence() -> None:
    assert slots_view.caption_text(trivandrum()) == (
        "intent **create** · confidence **97%** · when **Sun 2027-07-18 (day)**")


def test_ui_md_keeps_user_text_inert() -> None:
    assert md("a*b_c [x](y) | $5 <b>") == r"a\*b\_c \[x\](y) \| \$5 &lt;b&gt;"


def test_ui_week_table_puts_each_event_on_its_days() -> None:
    monday = date(2026, 11, 23)
    events = [
        event("AI", datetime(2026, 11, 24), datetime(2026, 11, 25), all_day=True),
        event("team brainstorming session", datetime(2026, 11, 25, 18), datetime(2026, 11, 25, 19)),
        event("night shift", datetime(2026, 11, 26, 22), datetime(2026, 11, 27, 6), location="Ward 4"),
        event("old", datetime(2026, 11, 27, 9), datetime(2026, 11, 27, 10), cancelled=True),
    ]
    table = calendar_view.week_table(monday, events, today=monday).splitlines()
    assert table[2] == "| **Mon&nbsp;23&nbsp;Nov (today)** | — |"
    assert table[3] == "| Tue&nbsp;24&nbsp;Nov | all day **AI** |"
    assert table[4] == "| Wed&nbsp;25&nbsp;Nov | 18:00–19:00 **team brainstorming session** |"
    assert table[5] == "| Thu&nbsp;26&nbsp;Nov | 22:00 → Fri 27 Nov 06:00 **night shift** at Ward 4 |"
    assert table[6] == ("| Fri&nbsp;27&nbsp;Nov | until 06:00 **night shift** at Ward 4<br>"
                        "09:00–10:00 ~~**old**~~ (cancelled) |")
    assert len(table) == 2 + 7


def test_ui_agenda_label_has_the_date() -> None:
    multi = event("trip", datetime(2026, 12, 1), datetime(2026, 12, 4), all_day=True)
    assert calendar_view.time_label(multi) == "Tue 01 Dec 2026 – Thu 03 Dec · all day"
    timed = event("dentist", datetime(2026, 12, 3, 16, 30), datetime(2026, 12, 3, 17, 30))
    assert calendar_view.time_label(timed) == "Thu 03 Dec 2026 · 16:30–17:30"


def test_ui_inspector_jsonl_is_the_parse_contract() -> None:
    import json

    lines = inspector_panel.to_jsonl([trivandrum(), Parse("play some jazz", "out_of_scope", 0.9)]).splitlines()
    assert [json.loads(line) for line in lines] == [trivandrum().to_dict(),
                                                    Parse("play some jazz", "out_of_scope", 0.9).to_dict()]
    [row, _] = inspector_panel.table_rows([trivandrum(), Parse("play some jazz", "out_of_scope", 0.9)])
    assert row["slots"] == "ACTION: Schedule  DOMAIN: event  NAME: visit to Trivandrum  DATE: July 18"
    assert (row["start"], row["end"], row["grain"]) == ("2027-07-18T00:00:00", "2027-07-19T00:00:00", "day")


def test_ui_monday_of() -> None:
    assert calendar_view.monday_of(date(2026, 11, 29)) == date(2026, 11, 23)
    assert calendar_view.monday_of(date(2026, 11, 23)) == date(2026, 11, 23)
    assert calendar_view.monday_of(date(2026, 11, 30)) - timedelta(days=7) == date(2026, 11, 23)
