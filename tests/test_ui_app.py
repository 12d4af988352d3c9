"""The Streamlit demo driven headlessly with `streamlit.testing.v1.AppTest`.

Each test runs ui/app.py on its own throw-away SQLite calendar (DATABASE_URL) with "now"
fixed at Monday 2026-11-23 09:00 Europe/Paris (DEMO_NOW), sends commands through the chat
input or the buttons, and checks both what the page shows and the rows in the database
(read through the `Assistant` facade).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest
from test_ui_views import visible

import nlu
from assistant import Assistant, CalendarSnapshot, EventView
from assistant.checks import MAX_TURN_CHARS
from assistant.testing import ScriptedParser, day_span, reading
from nlu.dates import resolve
from tests.conftest import UI_APP, UI_TIMEOUT, UI_TZ
from ui import reset_panel, state

ROOT = Path(__file__).resolve().parent.parent
APP = UI_APP
TZ = UI_TZ
TIMEOUT = UI_TIMEOUT
WEEKLY_MONDAY_9 = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0"


@pytest.fixture
def script(ui_db_url: str, monkeypatch: pytest.MonkeyPatch) -> ScriptedParser:
    """The app's assistant reads commands from this table (assistant.testing), not through the
    model, so a test of the merged dialogue does not depend on what the model reads."""
    parser = ScriptedParser()
    bot = Assistant(ui_db_url, parser=parser)
    monkeypatch.setattr(state, "assistant", lambda url: bot)
    return parser


@pytest.fixture
def scripted_app(script: ScriptedParser) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


NOW = datetime(2026, 11, 23, 9, 0)
STANDUP = reading(
    "add a weekly standup every monday at 9",
    "create",
    ACTION="add",
    NAME="weekly standup",
    dates={"every monday at 9": resolve("every monday at 9", NOW, TZ)},
)


def cancel_standup_on(day: date) -> nlu.Parse:
    """ "cancel the standup on december 7", read as the NLU would."""
    when = f"{day:%B} {day.day}".lower()
    return reading(
        f"cancel the standup on {when}", "cancel", ACTION="cancel", NAME="standup", dates={when: day_span(day)}
    )


def say(at: AppTest, text: str) -> AppTest:
    at.chat_input[0].set_value(text).run()
    assert not at.exception
    return at


def click(at: AppTest, label: str) -> AppTest:
    [button] = [b for b in at.button if b.label == label]
    button.click().run()
    assert not at.exception
    return at


def calendar_text(at: AppTest) -> str:
    """What the calendar panel shows, as text: headings, captions, the agenda and week lines."""
    panel = at.main.get_by_key("calendar")
    parts = (
        [m.value for m in panel.markdown] + [c.value for c in panel.caption] + [visible(h.value) for h in panel.html]
    )
    return "\n".join(parts)


def week_lines(at: AppTest) -> list[str]:
    [week] = [h.value for h in at.main.get_by_key("calendar").html if "table" in h.value]
    return visible(week).splitlines()[1:]


def highlighted(at: AppTest) -> list[str]:
    """The texts of the highlighted events (week cells and agenda lines)."""
    import re

    markup = "".join(h.value for h in at.main.get_by_key("calendar").html)
    return [visible(m) for m in re.findall(r'<(?:div class="ev focus"|li class="focus")>(.*?)</(?:div|li)>', markup)]


def bubbles(at: AppTest) -> list[tuple[str, str]]:
    """(role, text) of every chat bubble, text being its markdown and error lines."""
    return [
        (m.name, "\n".join([x.value for x in m.markdown] + [e.value for e in m.error]))
        for m in at.main.get_by_key("chat").chat_message
    ]


def chat_captions(at: AppTest) -> list[str]:
    return [c.value for c in at.main.get_by_key("chat").caption]


def rows(calendar: Assistant, *, include_cancelled: bool = False, user: str = "me") -> list[EventView]:
    return calendar.events(user, include_cancelled=include_cancelled, tz=TZ)


def add(calendar: Assistant, title: str, start: datetime, end: datetime, all_day: bool = False, **more) -> EventView:
    return calendar.create_event("me", title=title, start=start, end=end, all_day=all_day, tz=TZ, **more)


# ---- 1. the calendar follows the conversation --------------------------------------------


def test_ui_app_command_creates_event_that_appears_in_calendar(app: AppTest, calendar: Assistant) -> None:
    # Given an empty calendar
    assert "Nothing coming up" in calendar_text(app)
    # When the person types the product's first command
    say(app, "Schedule event for visit to Trivandrum on July 18")
    # Then the database holds the all-day event on the next July 18
    [event] = rows(calendar)
    assert (event.title, event.start, event.end, event.all_day) == (
        "visit to Trivandrum",
        "2027-07-18T00:00:00",
        "2027-07-19T00:00:00",
        True,
    )
    # and the chat shows the command with its slots, labels named, then the answer
    (user, command), (role, answer) = bubbles(app)
    assert (user, role) == ("user", "assistant")
    for label in ("ACTION", "DOMAIN", "NAME", "DATE"):
        assert f">{label}</span>" in command
    assert "intent **create**" in chat_captions(app)[0]
    assert "**created Sun 18 Jul 2027 · all day**" in chat_captions(app)[0]
    assert "visit to Trivandrum" in answer
    # and the calendar shows it in the agenda and in its week (paged to July 2027), highlighted
    shown = calendar_text(app)
    assert "Sun 18 Jul 2027 · all day — visit to Trivandrum" in shown
    assert "Week of 12 Jul 2027" in shown
    assert "Sun 18 Jul | all day visit to Trivandrum" in week_lines(app)
    assert highlighted(app) == ["all day visit to Trivandrum", "Sun 18 Jul 2027 · all day — visit to Trivandrum"]


def test_ui_app_week_follows_a_question_about_another_week(app: AppTest, calendar: Assistant) -> None:
    # Given the dentist on Friday of next week and an empty week after it
    add(calendar, "dentist", datetime(2026, 12, 4, 17), datetime(2026, 12, 4, 18))
    app.run()
    assert "Week of 23 Nov 2026" in calendar_text(app)
    # When the person asks about next week, the week view goes there and highlights what was found
    say(app, "what's on my calendar next week")
    assert "Week of 30 Nov 2026" in calendar_text(app)
    assert "Fri 04 Dec | 17:00–18:00 dentist" in week_lines(app)
    assert highlighted(app) == ["17:00–18:00 dentist", "Fri 04 Dec 2026 · 17:00–18:00 — dentist"]
    assert "**looked at Mon 30 Nov 2026 – Sun 06 Dec 2026: found 1 event**" in chat_captions(app)[-1]
    # and a question about a day with nothing on it still shows that day's week
    say(app, "what do i have on december 24th")
    assert "Week of 21 Dec 2026" in calendar_text(app)
    assert highlighted(app) == []


def test_ui_app_line_under_a_move_shows_the_stored_time(app: AppTest, calendar: Assistant) -> None:
    # Given the dentist on Friday December 4 at 3 PM
    say(app, "dentist on december 4 at 3pm")
    # When the person moves "it" to five (the NLU reads that as today, Monday, at 17:00)
    say(app, "move it to five pm")
    # Then the event moved on its own day, and the line under the command says so
    [event] = rows(calendar)
    assert (event.title, event.start) == ("dentist", "2026-12-04T17:00:00")
    assert bubbles(app)[-1][1] == 'Moved "dentist" on Friday, December 4 from 3:00 PM to 5:00 PM.'
    assert chat_captions(app)[-1].endswith("· **moved to Fri 04 Dec 2026 · 17:00–18:00**")
    assert "2026-11-23" not in chat_captions(app)[-1] and "Mon 23 Nov" not in chat_captions(app)[-1]
    assert "Week of 30 Nov 2026" in calendar_text(app)
    assert highlighted(app)[0] == "17:00–18:00 dentist"


@pytest.mark.parametrize(("answer", "cancelled"), [("Yes", True), ("No", False)])
def test_ui_app_confirm_buttons_answer_the_question(
    app: AppTest, calendar: Assistant, answer: str, cancelled: bool
) -> None:
    # Given the AI event tomorrow
    event = add(calendar, "AI", datetime(2026, 11, 24), datetime(2026, 11, 25), all_day=True)
    say(app, "Cancel the AI event")
    assert bubbles(app)[-1][1].startswith("Cancel")
    assert "nothing changed yet: waiting for yes or no" in chat_captions(app)[-1]
    assert {b.label for b in app.button if b.key.startswith("choice-")} == {"Yes", "No"}
    # When the person clicks a button
    click(app, answer)
    # Then the click was the next utterance and the event is cancelled (or kept) accordingly
    role, said = bubbles(app)[-2]
    assert role == "user" and answer.lower() in said.lower()
    [row] = rows(calendar, include_cancelled=True)
    assert (row.id, row.cancelled) == (event.id, cancelled)
    # a cancel the person just made stays in sight, struck through and highlighted
    expected = "all day AI (cancelled)" if cancelled else "all day AI"
    assert "Tue 24 Nov | " + expected in week_lines(app)
    assert not [b for b in app.button if b.key.startswith("choice-")]  # question answered: buttons gone


def test_ui_app_cancelled_events_show_only_when_asked(app: AppTest, calendar: Assistant) -> None:
    event = add(calendar, "AI", datetime(2026, 11, 24), datetime(2026, 11, 25), all_day=True)
    calendar.cancel_event("me", event.id)
    app.run()
    assert "AI" not in calendar_text(app)
    app.toggle(key="show_cancelled").set_value(True).run()
    assert "Tue 24 Nov 2026 · all day — AI (cancelled)" in calendar_text(app)
    assert "Tue 24 Nov | all day AI (cancelled)" in week_lines(app)


def test_ui_app_clarify_buttons_pick_one_of_several(app: AppTest, calendar: Assistant) -> None:
    # Given two team meetings this week
    tuesday = add(calendar, "team meeting", datetime(2026, 11, 24, 10), datetime(2026, 11, 24, 11))
    thursday = add(calendar, "team meeting", datetime(2026, 11, 26, 10), datetime(2026, 11, 26, 11))
    say(app, "Cancel the team meeting")
    choices = [b for b in app.button if b.key.startswith("choice-")]
    assert len(choices) == 3  # the two meetings and "never mind"
    assert "Tuesday" in choices[0].label and "Thursday" in choices[1].label
    assert highlighted(app) == [
        "10:00–11:00 team meeting",
        "10:00–11:00 team meeting",
        "Tue 24 Nov 2026 · 10:00–11:00 — team meeting",
        "Thu 26 Nov 2026 · 10:00–11:00 — team meeting",
    ]
    # When the person clicks the first one
    choices[0].click().run()
    assert not app.exception
    # Then that one, and only that one, is cancelled
    state = {row.id: row.cancelled for row in rows(calendar, include_cancelled=True)}
    assert state == {tuesday.id: True, thursday.id: False}
    assert "Thu 26 Nov | 10:00–11:00 team meeting" in week_lines(app)


def test_ui_app_sidebar_now_and_user_frame_the_command(app: AppTest, calendar: Assistant) -> None:
    # Given the demo clock set to Tuesday 2026-12-01 and the user "alice"
    app.date_input(key="now_date").set_value(date(2026, 12, 1))
    app.text_input(key="user").set_value("alice").run()
    # When she asks for an event tomorrow
    say(app, "Create event happening tomorrow on AI")
    # Then it is alice's, on Wednesday 2026-12-02, and "me" still has nothing
    [event] = calendar.events("alice", tz=TZ)
    assert (event.title, event.start, event.all_day) == ("AI", "2026-12-02T00:00:00", True)
    assert rows(calendar) == []
    assert "Wed 02 Dec 2026 · all day — AI" in calendar_text(app)


def test_ui_app_example_button_runs_the_command(app: AppTest, calendar: Assistant) -> None:
    click(app, "Create event happening tomorrow on AI")
    [event] = rows(calendar)
    assert (event.title, event.start, event.all_day) == ("AI", "2026-11-24T00:00:00", True)
    assert "Tue 24 Nov 2026 · all day — AI" in calendar_text(app)


def test_ui_app_error_is_a_short_message_and_the_chat_goes_on(
    app: AppTest, calendar: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("database exploded in /secret/path.py line 42")

    with monkeypatch.context() as patch:
        patch.setattr(Assistant, "handle", broken)
        say(app, "Schedule event for visit to Trivandrum on July 18")
    [error] = app.main.get_by_key("chat").error
    assert error.value.startswith("Could not handle that command")
    assert "secret" not in error.value and "Traceback" not in error.value
    assert not app.exception
    # The conversation goes on
    say(app, "Schedule event for visit to Trivandrum on July 18")
    assert [e.title for e in rows(calendar)] == ["visit to Trivandrum"]
    assert bubbles(app)[-1][0] == "assistant" and "visit to Trivandrum" in bubbles(app)[-1][1]


def test_ui_app_week_navigation(app: AppTest) -> None:
    assert "Week of 23 Nov 2026" in calendar_text(app)
    assert week_lines(app)[0] == "Mon 23 Nov (today) | —"
    click(app, "▶")
    assert "Week of 30 Nov 2026" in calendar_text(app)
    click(app, "◀")
    click(app, "◀")
    assert "Week of 16 Nov 2026" in calendar_text(app)
    click(app, "This week")
    assert "Week of 23 Nov 2026" in calendar_text(app)


def test_ui_app_now_defaults_to_the_real_time(ui_db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEMO_NOW")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert at.toggle(key="fixed_now").value is False
    today = datetime.now(ZoneInfo(TZ))
    assert any(
        c.value.startswith(f"Now: {today:%a %d %b %Y}") and c.value.endswith("(real time)") for c in at.sidebar.caption
    )
    # Fixing it shows the date and time pickers, preset to the present
    at.toggle(key="fixed_now").set_value(True).run()
    assert at.date_input(key="now_date").value == today.date()


# ---- 2. trust: zones, limits, reset, series, details ---------------------------------------


def test_ui_app_panel_names_its_zone_and_shows_wall_times_in_it(app: AppTest, calendar: Assistant) -> None:
    add(calendar, "standup", datetime(2026, 11, 24, 10), datetime(2026, 11, 24, 10, 15))
    app.run()
    assert "Times in Europe/Paris (UTC+01:00)" in calendar_text(app)
    assert "Tue 24 Nov 2026 · 10:00–10:15 — standup" in calendar_text(app)
    app.selectbox(key="tz").set_value("Asia/Kolkata").run()
    assert "Times in Asia/Kolkata (UTC+05:30)" in calendar_text(app)
    assert "Tue 24 Nov 2026 · 14:30–14:45 — standup" in calendar_text(app)


def test_ui_app_chat_and_calendar_agree_after_a_zone_switch(app: AppTest, calendar: Assistant) -> None:
    # Given a meeting made at 3 PM Paris time
    say(app, "meeting with bob tomorrow at 3 pm")
    assert bubbles(app)[-1][1] == 'Scheduled "meeting with bob" for Tuesday, November 24 at 3:00 PM.'
    assert "Tue 24 Nov | 15:00–16:00 meeting with bob · with bob" in week_lines(app)
    # When the person switches to New York
    app.selectbox(key="tz").set_value("America/New_York").run()
    # Then the calendar shows 09:00, the line under the command says 09:00 too, and the old
    # answer says which zone its "3:00 PM" was in
    assert "Tue 24 Nov | 09:00–10:00 meeting with bob · with bob" in week_lines(app)
    assert chat_captions(app)[0].endswith("**created Tue 24 Nov 2026 · 09:00–10:00**")
    assert chat_captions(app)[1] == (
        "Times in this answer are Europe/Paris time; the calendar now shows America/New_York."
    )
    # and a new answer speaks the calendar's zone
    say(app, "what do i have tomorrow")
    assert bubbles(app)[-1][1] == 'On Tuesday, November 24 you have 1 event: "meeting with bob" at 9:00 AM.'
    assert not [c for c in chat_captions(app)[2:] if c.startswith("Times in this answer")]


def test_ui_app_paste_over_the_limit_says_the_limit(app: AppTest, calendar: Assistant) -> None:
    pasted = "schedule lunch tomorrow at noon " * 40  # 1,280 characters
    assert len(pasted.strip()) > MAX_TURN_CHARS
    say(app, pasted)
    (user, echoed), (_role, answer) = bubbles(app)
    assert user == "user" and echoed.startswith("schedule lunch tomorrow at noon") and echoed.endswith("…")
    assert answer == (
        f"That is {len(pasted.strip()):,} characters: a command can be at most {MAX_TURN_CHARS:,} "
        "characters. Nothing was sent; please send one command (a sentence or two) at a time."
    )
    assert rows(calendar) == []
    # exactly the limit still goes through
    say(app, ("schedule lunch tomorrow at noon" + " " * MAX_TURN_CHARS)[:MAX_TURN_CHARS])
    assert [e.title for e in rows(calendar)] == ["lunch"]


def test_ui_app_reset_asks_first(app: AppTest, calendar: Assistant) -> None:
    add(calendar, "dentist", datetime(2026, 11, 25, 16, 30), datetime(2026, 11, 25, 17, 30))
    app.run()
    click(app, "Reset demo calendar…")
    [warning] = app.sidebar.warning
    assert warning.value == "Delete all 1 event of 'me' and start a new chat? You can undo this for one minute."
    click(app, "Keep")
    assert len(rows(calendar)) == 1 and not app.sidebar.warning


def test_ui_app_reset_empties_the_calendar_and_undo_puts_it_back(
    scripted_app: AppTest, script: ScriptedParser, calendar: Assistant
) -> None:
    app = scripted_app
    # Given a chat that made a weekly standup and now asks which occurrences to cancel
    script.add(STANDUP)
    script.add(cancel_standup_on(date(2026, 12, 7)))
    say(app, "add a weekly standup every monday at 9")
    say(app, "cancel the standup on december 7")
    asked = bubbles(app)[-1]
    old = add(calendar, "old plan", datetime(2026, 11, 26, 9), datetime(2026, 11, 26, 10))
    calendar.cancel_event("me", old.id)
    app.run()
    # When the person resets (and confirms)
    click(app, "Reset demo calendar…")
    click(app, "Delete")
    # Then everything is gone, the chat starts over, and the undo is offered
    assert rows(calendar, include_cancelled=True) == []
    assert "Nothing coming up" in calendar_text(app)
    assert bubbles(app)[0][0] == "assistant" and len(bubbles(app)) == 1  # only the greeting
    assert [s.value for s in app.sidebar.success] == ["Calendar of 'me' reset: 2 events removed."]
    # When the person undoes it within the minute
    click(app, "Undo reset")
    # Then the events and the chat are back, the open question with its buttons
    assert [(e.title, e.recurrence, e.cancelled) for e in rows(calendar, include_cancelled=True)] == [
        ("weekly standup", WEEKLY_MONDAY_9, False),
        ("old plan", None, True),
    ]
    assert [t.value for t in app.toast] == ["Reset undone: 2 events back."]
    assert len(bubbles(app)) == 4 and bubbles(app)[-1] == asked
    assert "Mon 23 Nov 2026 · 09:00–09:15 — weekly standup · every Monday at 9:00" in calendar_text(app)
    assert not app.sidebar.success and not [b for b in app.button if b.key == "reset_undo"]
    # and the assistant remembers the question: "Only this one" cancels December 7 alone
    click(app, "Only this one")
    assert bubbles(app)[-1][1] == (
        'Cancelled "weekly standup" on Monday, December 7 at 9:00 AM. The other occurrences stay.'
    )
    [standup] = rows(calendar)
    assert standup.exdates == ("2026-12-07T09:00:00",)


def test_ui_app_reset_undo_restores_every_row_exactly(app: AppTest, calendar: Assistant) -> None:
    # Given what create_event alone could not write back: an occurrence cancelled alone, one
    # moved alone, alerts, and an event kept in its own zone
    series = add(
        calendar,
        "standup",
        datetime(2026, 11, 9, 9),
        datetime(2026, 11, 9, 9, 15),
        recurrence=WEEKLY_MONDAY_9,
        attendees=["Sara", "Jim"],
        location="room 4",
        alerts=[5],
    )
    calendar.cancel_occurrence("me", series.id, datetime(2026, 12, 7, 9), tz=TZ)
    calendar.change_occurrence(
        "me",
        series.id,
        datetime(2026, 11, 30, 9),
        tz=TZ,
        start=datetime(2026, 12, 1, 11),
        end=datetime(2026, 12, 1, 11, 15),
    )
    add(calendar, "lunch", datetime(2026, 11, 24, 12), datetime(2026, 11, 24, 13), alerts=[10, 60])
    calendar.create_event(
        "me", title="call", start=datetime(2026, 11, 25, 10), end=datetime(2026, 11, 25, 11), tz="America/New_York"
    )
    before = calendar.export("me")
    app.run()
    # When the calendar is reset and the reset undone
    click(app, "Reset demo calendar…")
    click(app, "Delete")
    assert calendar.export("me") == CalendarSnapshot("me")
    click(app, "Undo reset")
    # Then every row is back as stored (only the ids are new), and nothing is said to be missing
    assert by_position(calendar.export("me").events) == by_position(before.events)
    assert [t.value for t in app.toast] == ["Reset undone: 4 events back."]
    lines = [h.value for h in app.main.get_by_key("calendar").html if "agenda" in h.value]
    assert visible(lines[0]).splitlines()[:2] == [
        (
            "Mon 23 Nov 2026 · 09:00–09:15 — standup at room 4 · with Sara and Jim · alert 5 min before · "
            "every Monday at 9:00 · not on Mon 07 Dec · Mon 30 Nov moved to Tue 01 Dec 11:00"
        ),
        "Tue 24 Nov 2026 · 12:00–13:00 — lunch · alert 10 min and 1 h before",
    ]
    [call] = [e for e in calendar.events("me", tz="America/New_York") if e.title == "call"]
    assert (call.start, call.end) == ("2026-11-25T10:00:00", "2026-11-25T11:00:00")


def by_position(events: tuple[dict, ...]) -> list[dict]:
    """Stored event rows with their ids (and series links) as positions, to compare across a restore."""
    place = {row["id"]: index for index, row in enumerate(events)}
    return [{**row, "id": place[row["id"]], "series_id": place.get(row["series_id"])} for row in events]


def test_ui_app_reset_undo_ends_after_a_minute(app: AppTest, calendar: Assistant) -> None:
    add(calendar, "dentist", datetime(2026, 11, 25, 16, 30), datetime(2026, 11, 25, 17, 30))
    app.run()
    click(app, "Reset demo calendar…")
    click(app, "Delete")
    # Given the reset happened just over a minute ago
    removed = app.session_state[reset_panel.REMOVED]
    app.session_state[reset_panel.REMOVED] = replace(removed, at=removed.at - reset_panel.UNDO_SECONDS - 1)
    app.run()
    # Then no undo is offered any more, and nothing came back
    assert not [b for b in app.button if b.key == "reset_undo"]
    assert rows(calendar, include_cancelled=True) == []


def test_ui_app_reset_undo_that_fails_can_be_tried_again(
    app: AppTest, calendar: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(calendar, "dentist", datetime(2026, 11, 25, 16, 30), datetime(2026, 11, 25, 17, 30))
    app.run()
    click(app, "Reset demo calendar…")
    click(app, "Delete")
    # Given a database that refuses the first undo
    with monkeypatch.context() as patch:
        patch.setattr(Assistant, "restore", refuse)
        click(app, "Undo reset")
    # Then the chat says so, nothing came back, and the undo (with what it keeps) is still offered
    assert [e.value for e in app.main.error] == [
        "Could not undo the reset: the calendar database is read-only. Check the file's permissions."
    ]
    assert rows(calendar, include_cancelled=True) == []
    # and the second try puts the event back
    click(app, "Undo reset")
    assert [e.title for e in rows(calendar)] == ["dentist"]


def refuse(*args, **kwargs) -> None:
    from assistant.exceptions import DatabaseReadOnly

    raise DatabaseReadOnly("the calendar database is read-only. Check the file's permissions.")


def test_ui_app_series_shows_once_with_its_rule_and_exceptions(app: AppTest, calendar: Assistant) -> None:
    # Given a weekly Monday standup with the occurrence of December 7 cancelled alone, and a dentist
    series = add(
        calendar, "standup", datetime(2026, 11, 9, 9), datetime(2026, 11, 9, 9, 15), recurrence=WEEKLY_MONDAY_9
    )
    add(calendar, "dentist", datetime(2026, 11, 25, 16), datetime(2026, 11, 25, 17))
    calendar.cancel_occurrence("me", series.id, datetime(2026, 12, 7, 9), tz=TZ)
    app.run()
    # Then "Upcoming" lists the series once, its rule in words and its exception, then the dentist
    agenda = [h.value for h in app.main.get_by_key("calendar").html if "agenda" in h.value]
    assert visible(agenda[0]).splitlines() == [
        "Mon 23 Nov 2026 · 09:00–09:15 — standup · every Monday at 9:00 · not on Mon 07 Dec",
        "Wed 25 Nov 2026 · 16:00–17:00 — dentist",
    ]
    assert "more" not in calendar_text(app)
    # and the week of December 7 shows the cancelled occurrence only with the toggle on
    click(app, "▶")
    click(app, "▶")
    assert week_lines(app)[0] == "Mon 07 Dec | —"
    app.toggle(key="show_cancelled").set_value(True).run()
    assert week_lines(app)[0] == "Mon 07 Dec | 09:00–09:15 standup (cancelled) (this occurrence) · ↻ every Monday"


def test_ui_app_alerts_and_attendees_show_on_events(app: AppTest, calendar: Assistant) -> None:
    add(
        calendar,
        "lunch with Sara",
        datetime(2026, 11, 24, 12),
        datetime(2026, 11, 24, 13),
        attendees=["Sara"],
        alerts=[60, 10],
    )
    app.run()
    assert "Tue 24 Nov 2026 · 12:00–13:00 — lunch with Sara · with Sara · alert 10 min and 1 h before" in calendar_text(
        app
    )
    assert "Tue 24 Nov | 12:00–13:00 lunch with Sara · with Sara · alert 10 min and 1 h before" in week_lines(app)


# ---- the merged assistant in the demo: series scopes, alerts, people, free time --------------


def choice_buttons(at: AppTest) -> list[tuple[str, str]]:
    return [(b.label, b.proto.type) for b in at.button if b.key.startswith("choice-")]


@pytest.mark.parametrize(
    ("button", "said", "stored"),
    [
        ("Only this one", "only this one", (WEEKLY_MONDAY_9, ("2026-12-07T09:00:00",), False)),
        (
            "This and the following ones",
            "this and the following ones",
            (WEEKLY_MONDAY_9 + ";UNTIL=20261207T085959", (), False),
        ),  # ends just before it (wall time)
        ("All of them", "all of them", (WEEKLY_MONDAY_9, (), True)),
    ],
)
def test_ui_app_scope_buttons_answer_for_a_series(
    scripted_app: AppTest, script: ScriptedParser, calendar: Assistant, button: str, said: str, stored: tuple
) -> None:
    app = scripted_app
    # Given a weekly standup made in the chat, and a cancel of its December 7 occurrence
    script.add(STANDUP)
    script.add(cancel_standup_on(date(2026, 12, 7)))
    say(app, "add a weekly standup every monday at 9")
    say(app, "cancel the standup on december 7")
    # Then the question names that occurrence and offers the three scopes, "only this one" first
    assert bubbles(app)[-1][1] == (
        'Cancel "weekly standup" on Monday, December 7 at 9:00 AM? It repeats every '
        'Monday: say yes for only this one, or "this and the following ones" or '
        '"all of them".'
    )
    assert choice_buttons(app) == [
        ("Only this one", "primary"),
        ("This and the following ones", "secondary"),
        ("All of them", "secondary"),
        ("Never mind", "secondary"),
    ]
    # When the person clicks one
    click(app, button)
    # Then its words were sent as the next utterance, and the series is stored accordingly
    assert bubbles(app)[-2] == ("user", said)
    [series] = rows(calendar, include_cancelled=True)
    assert (series.recurrence, series.exdates, series.cancelled) == stored
    assert not choice_buttons(app)


def test_ui_app_one_cancelled_occurrence_shows_in_its_week(
    scripted_app: AppTest, script: ScriptedParser, calendar: Assistant
) -> None:
    app = scripted_app
    script.add(STANDUP)
    script.add(cancel_standup_on(date(2026, 12, 7)))
    say(app, "add a weekly standup every monday at 9")
    say(app, "cancel the standup on december 7")
    click(app, "Only this one")
    # The calendar pages to December 7 and shows the occurrence cancelled alone, highlighted;
    # "Upcoming" names the exception
    assert "Week of 07 Dec 2026" in calendar_text(app)
    assert week_lines(app)[0] == (
        "Mon 07 Dec | 09:00–09:15 weekly standup (cancelled) (this occurrence) · ↻ every Monday"
    )
    assert highlighted(app)[0] == "09:00–09:15 weekly standup (cancelled) (this occurrence) · ↻ every Monday"
    assert "Mon 23 Nov 2026 · 09:00–09:15 — weekly standup · every Monday at 9:00 · not on Mon 07 Dec" in calendar_text(
        app
    )
    assert chat_captions(app)[-1].endswith("**cancelled Mon 07 Dec 2026 · 09:00–09:15**")


def test_ui_app_alert_and_people_added_in_the_chat_show_on_the_event(
    scripted_app: AppTest, script: ScriptedParser, calendar: Assistant
) -> None:
    app = scripted_app
    # Given the dentist on Wednesday at 9
    dentist = add(calendar, "dentist", datetime(2026, 11, 25, 9), datetime(2026, 11, 25, 10))
    script.add(
        reading(
            "remind me an hour before the dentist",
            "update",
            ACTION="remind me",
            NAME="dentist",
            alerts={"an hour before": 60},
        )
    )
    script.add(
        reading("add jim to the dentist", "update", ACTION="add", PERSON="jim", NAME="dentist", roles={"jim": "new"})
    )
    app.run()
    # When the person asks for a reminder
    say(app, "remind me an hour before the dentist")
    # Then the alert is stored, nothing moved, and the line and the calendar say so
    assert bubbles(app)[-1][1] == 'I\'ll remind you 1 hour before "dentist" (Wednesday, November 25 at 9:00 AM).'
    assert chat_captions(app)[-1].endswith(
        "**updated dentist · Wed 25 Nov 2026 · 09:00–10:00: added alert 1 h before**"
    )
    assert "Wed 25 Nov | 09:00–10:00 dentist · alert 1 h before" in week_lines(app)
    # When jim is added
    say(app, "add jim to the dentist")
    # Then he is on the stored event, and the week and "Upcoming" show both
    [row] = rows(calendar)
    assert (row.id, row.start, row.attendees, row.alerts) == (dentist.id, "2026-11-25T09:00:00", ("jim",), (60,))
    assert chat_captions(app)[-1].endswith("**updated dentist · Wed 25 Nov 2026 · 09:00–10:00: added jim**")
    assert highlighted(app) == [
        "09:00–10:00 dentist · with jim · alert 1 h before",
        "Wed 25 Nov 2026 · 09:00–10:00 — dentist · with jim · alert 1 h before",
    ]


def test_ui_app_free_time_answer_shows_the_window_and_the_free_stretches(
    scripted_app: AppTest, script: ScriptedParser, calendar: Assistant
) -> None:
    app = scripted_app
    # Given two meetings on Friday of next week
    add(calendar, "a", datetime(2026, 12, 4, 10), datetime(2026, 12, 4, 11))
    add(calendar, "b", datetime(2026, 12, 4, 14), datetime(2026, 12, 4, 15, 30))
    script.add(
        reading(
            "when am i free on friday next week",
            "availability",
            dates={"friday next week": day_span(date(2026, 12, 4))},
        )
    )
    app.run()
    # When the person asks when they are free then
    say(app, "when am i free on friday next week")
    # Then the answer, the line under the question (the window and the free stretches), and the
    # calendar on that week with the meetings that make the gaps highlighted
    assert bubbles(app)[-1][1] == (
        "On Friday, December 4 you are free from 8:00 AM to 10:00 AM, from 11:00 AM to "
        "2:00 PM and from 3:30 PM to 10:00 PM."
    )
    assert chat_captions(app)[-1].endswith(
        "**looked at Fri 04 Dec 2026: free 08:00–10:00, 11:00–14:00 and 15:30–22:00**"
    )
    assert "Week of 30 Nov 2026" in calendar_text(app)
    assert highlighted(app)[:2] == ["10:00–11:00 a", "14:00–15:30 b"]


# ---- 3. phone width (what AppTest can see; the browser test checks the layout) -----------


def test_ui_app_example_asks_the_phone_to_close_the_sidebar(app: AppTest) -> None:
    def scripts() -> list[str]:
        return [h.value for h in app.main.html if "<script>" in h.value]

    say(app, "what do i have tomorrow")
    [typed] = scripts()
    assert (
        "const closing = false && bar" in typed and "scrollIntoView" in typed
    )  # a typed turn: scroll, leave the sidebar
    click(app, "What do I have tomorrow?")
    [example] = scripts()
    assert "const closing = true && bar" in example and 'data-collapsed") === "false"' in example
    assert "max-width: 768px" in example  # only where the sidebar overlays the page


def test_ui_app_chat_history_is_not_a_scroll_box(app: AppTest) -> None:
    for _ in range(4):
        say(app, "what do i have tomorrow")
    assert len(bubbles(app)) == 8
    assert app.main.get_by_key("chat").proto.height_config.pixel_height == 0


# ---- 4. confidence and the inspector -------------------------------------------------------


def test_ui_app_confidence_is_the_calibrated_figure_flagged_below_the_threshold(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = "Create event happening tomorrow on AI"
    confidence = nlu.parse(command, now=datetime(2026, 11, 23, 9, tzinfo=ZoneInfo(TZ)), tz=TZ).confidence
    monkeypatch.setattr(nlu, "CONFIRM_BELOW", confidence + 0.01)
    say(app, command)
    assert f"confidence **{confidence:.0%}** ⚠️ low (under {confidence + 0.01:.0%})" in chat_captions(app)[0]
    monkeypatch.setattr(nlu, "CONFIRM_BELOW", confidence - 0.01)
    app.run()
    assert f"confidence **{confidence:.0%}** ·" in chat_captions(app)[0] and "⚠️" not in chat_captions(app)[0]


def inspector(app: AppTest, text: str) -> AppTest:
    app.switch_page("views/inspector.py").run()
    assert not app.exception
    app.text_area(key="inspector_text").set_value(text).run()
    assert not app.exception
    return app


def test_ui_app_inspector_tables_many_commands(app: AppTest) -> None:
    long = (
        "could you please put a meeting with the whole design team about the new onboarding flow "
        "in my calendar for next thursday at four in the afternoon"
    )
    inspector(
        app, f"Schedule event for visit to Trivandrum on July 18\n\nplay some jazz\nundo\nyes\nthe first one\n{long}\n"
    )
    frame = app.table[0].value
    assert list(frame["text"]) == [
        "Schedule event for visit to Trivandrum on July 18",
        "play some jazz",
        "undo",
        "yes",
        "the first one",
        long,
    ]  # the whole text
    assert list(frame["intent"])[:5] == [
        "create",
        "out_of_scope",
        "follow-up: undo",
        "follow-up: yes",
        "follow-up: choice",
    ]
    assert list(frame["confidence"])[2:5] == ["—", "—", "—"]  # the chat reads them by rule, not by the NLU
    assert frame["when"][0] == "2027-07-18T00:00:00 → 2027-07-19T00:00:00 (day)"
    assert "NAME: visit to Trivandrum" in frame["slots"][0]
    assert not app.main.error


def test_ui_app_inspector_filters_sorts_and_downloads(app: AppTest, served: dict[str, list[str]]) -> None:
    inspector(app, "Schedule event for visit to Trivandrum on July 18\nplay some jazz\nundo\nwhat do i have tomorrow\n")
    app.multiselect(key="filter_intents").set_value(["create", "query"]).run()
    assert list(app.table[0].value["text"]) == [
        "Schedule event for visit to Trivandrum on July 18",
        "what do i have tomorrow",
    ]
    app.multiselect(key="filter_intents").set_value(["create", "query", "out_of_scope", "follow-up"])
    app.selectbox(key="sort_rows").set_value("intent").run()
    assert list(app.table[0].value["intent"]) == ["create", "follow-up: undo", "out_of_scope", "query"]
    # a narrowed confidence range keeps the rows inside it (a follow-up, with no NLU confidence, goes)
    everything = app.table[0].value
    inside = [
        t for t, c in zip(everything["text"], everything["confidence"], strict=True) if c != "—" and float(c[:4]) <= 0.9
    ]
    app.slider(key="filter_confidence").set_value((0.0, 0.9)).run()
    shown = list(app.table[0].value["text"]) if app.table else []
    assert shown == inside and "undo" not in shown
    assert bool(app.main.get_by_key("inspector_table").info) is (not inside)
    # the downloads hold exactly the rows shown: CSV with the table's columns, JSONL the parse contract
    assert [b.label for b in app.get("download_button")] == ["Download CSV", "Download JSONL"]
    assert [r["text"] for r in csv.DictReader(io.StringIO(served["csv"][-1]))] == shown
    assert [json.loads(line)["text"] for line in served["jsonl"][-1].splitlines()] == shown


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What the inspector hands its download buttons, run by run (AppTest keeps no file bytes)."""
    from ui import inspector_panel

    seen: dict[str, list[str]] = {"csv": [], "jsonl": []}
    for kind, real in (("csv", inspector_panel.to_csv), ("jsonl", inspector_panel.to_jsonl)):

        def record(items, real=real, kind=kind) -> str:
            seen[kind].append(real(items))
            return seen[kind][-1]

        monkeypatch.setattr(inspector_panel, f"to_{kind}", record)
    return seen


def test_ui_app_model_card_is_readable(app: AppTest) -> None:
    inspector(app, "play some jazz\n")
    # The model card beside it names the shipped pipeline's labels, from its meta.json
    meta = json.loads((ROOT / "models" / "nlu-calendar" / "meta.json").read_text(encoding="utf-8"))
    card_block = app.main.get_by_key("model_card")
    card = "\n".join(m.value for m in card_block.markdown)
    for label in meta["labels"]["ner"]:
        assert f">{label}</span>" in card
    assert "Labels" in card and "| label |" in card  # the README's sections and tables, shown whole
    assert "do not edit" not in card and "generated by" not in card  # no note for maintainers
    assert card_block.proto.height_config.pixel_height == 0
