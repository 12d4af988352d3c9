"""The Streamlit demo driven headlessly with `streamlit.testing.v1.AppTest`.

Each test runs ui/app.py on its own throw-away SQLite calendar (DATABASE_URL) with "now"
fixed at Monday 2026-11-23 09:00 Europe/Paris (DEMO_NOW), sends commands through the chat
input or the buttons, and checks both what the page shows and the rows in the database.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest

from assistant import Assistant, EventView

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "ui" / "app.py"
TZ = "Europe/Paris"
TIMEOUT = 120  # seconds; the first run of a process loads the model


@pytest.fixture
def ui_db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'ui.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DEMO_NOW", "2026-11-23T09:00:00")
    monkeypatch.setenv("ASSISTANT_TZ", TZ)
    return url


@pytest.fixture
def calendar(ui_db_url: str) -> Assistant:
    """The same calendar the app uses, for setting up and checking rows."""
    return Assistant(ui_db_url)


@pytest.fixture
def app(ui_db_url: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


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
    panel = at.main.get_by_key("calendar")
    return "\n".join(m.value for m in panel.markdown) + "\n" + "\n".join(c.value for c in panel.caption)


def bubbles(at: AppTest) -> list[tuple[str, str]]:
    """(role, text) of every chat bubble, text being its markdown and error lines."""
    return [(m.name, "\n".join([x.value for x in m.markdown] + [e.value for e in m.error]))
            for m in at.main.get_by_key("chat").chat_message]


def rows(calendar: Assistant, *, include_cancelled: bool = False) -> list[EventView]:
    return calendar.events("me", include_cancelled=include_cancelled, tz=TZ)


def add(calendar: Assistant, title: str, start: datetime, end: datetime, all_day: bool = False) -> EventView:
    return calendar.create_event("me", title=title, start=start, end=end, all_day=all_day, tz=TZ)


def test_ui_app_command_creates_event_that_appears_in_calendar(app: AppTest, calendar: Assistant) -> None:
    # Given an empty calendar
    assert "Nothing coming up" in calendar_text(app)
    # When the person types the product's first command
    say(app, "Schedule event for visit to Trivandrum on July 18")
    # Then the database holds the all-day event on the next July 18
    [event] = rows(calendar)
    assert (event.title, event.start, event.end, event.all_day) == (
        "visit to Trivandrum", "2027-07-18T00:00:00", "2027-07-19T00:00:00", True)
    # and the chat shows the command with its slots, labels named, then the answer
    (user, command), (role, answer) = bubbles(app)
    assert (user, role) == ("user", "assistant")
    for label in ("ACTION", "DOMAIN", "NAME", "DATE"):
        assert f">{label}</span>" in command
    assert "intent **create**" in "\n".join(c.value for c in app.main.get_by_key("chat").caption)
    assert "visit to Trivandrum" in answer
    # and the calendar shows it in the agenda and in its week (paged to July 2027)
    shown = calendar_text(app)
    assert "Sun 18 Jul 2027 · all day — **visit to Trivandrum**" in shown
    assert "Week of Mon 12 Jul 2027" in shown
    assert "| Sun&nbsp;18&nbsp;Jul | all day **visit to Trivandrum** |" in shown


@pytest.mark.parametrize(("answer", "cancelled"), [("Yes", True), ("No", False)])
def test_ui_app_confirm_buttons_answer_the_question(app: AppTest, calendar: Assistant, answer: str,
                                                   cancelled: bool) -> None:
    # Given the AI event tomorrow
    event = add(calendar, "AI", datetime(2026, 11, 24), datetime(2026, 11, 25), all_day=True)
    say(app, "Cancel the AI event")
    assert bubbles(app)[-1][1].startswith("Cancel")
    assert {b.label for b in app.button if b.key.startswith("choice-")} == {"Yes", "No"}
    # When the person clicks a button
    click(app, answer)
    # Then the click was the next utterance and the event is cancelled (or kept) accordingly
    role, said = bubbles(app)[-2]
    assert role == "user" and answer.lower() in said.lower()
    [row] = rows(calendar, include_cancelled=True)
    assert (row.id, row.cancelled) == (event.id, cancelled)
    assert ("**AI**" in calendar_text(app)) is not cancelled
    assert not [b for b in app.button if b.key.startswith("choice-")]  # question answered: buttons gone


def test_ui_app_cancelled_events_show_only_when_asked(app: AppTest, calendar: Assistant) -> None:
    event = add(calendar, "AI", datetime(2026, 11, 24), datetime(2026, 11, 25), all_day=True)
    calendar.cancel_event("me", event.id)
    app.run()
    assert "AI" not in calendar_text(app)
    app.toggle(key="show_cancelled").set_value(True).run()
    assert "~~**AI**~~ (cancelled)" in calendar_text(app)


def test_ui_app_clarify_buttons_pick_one_of_several(app: AppTest, calendar: Assistant) -> None:
    # Given two team meetings this week
    tuesday = add(calendar, "team meeting", datetime(2026, 11, 24, 10), datetime(2026, 11, 24, 11))
    thursday = add(calendar, "team meeting", datetime(2026, 11, 26, 10), datetime(2026, 11, 26, 11))
    say(app, "Cancel the team meeting")
    choices = [b for b in app.button if b.key.startswith("choice-")]
    assert len(choices) == 3  # the two meetings and "never mind"
    assert "Tuesday" in choices[0].label and "Thursday" in choices[1].label
    # When the person clicks the first one
    choices[0].click().run()
    assert not app.exception
    # Then that one, and only that one, is cancelled
    state = {row.id: row.cancelled for row in rows(calendar, include_cancelled=True)}
    assert state == {tuesday.id: True, thursday.id: False}
    assert "10:00–11:00 **team meeting**" in calendar_text(app)


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
    assert "Wed 02 Dec 2026 · all day — **AI**" in calendar_text(app)


def test_ui_app_calendar_shows_wall_times_in_the_chosen_zone(app: AppTest, calendar: Assistant) -> None:
    add(calendar, "standup", datetime(2026, 11, 24, 10), datetime(2026, 11, 24, 10, 15))
    app.run()
    assert "Tue 24 Nov 2026 · 10:00–10:15 — **standup**" in calendar_text(app)
    app.selectbox(key="tz").set_value("Asia/Kolkata").run()
    assert "Tue 24 Nov 2026 · 14:30–14:45 — **standup**" in calendar_text(app)


def test_ui_app_example_button_runs_the_command(app: AppTest, calendar: Assistant) -> None:
    click(app, "Create event happening tomorrow on AI")
    [event] = rows(calendar)
    assert (event.title, event.start, event.all_day) == ("AI", "2026-11-24T00:00:00", True)
    assert "Tue 24 Nov 2026 · all day — **AI**" in calendar_text(app)


def test_ui_app_reset_empties_the_calendar(app: AppTest, calendar: Assistant) -> None:
    say(app, "Schedule event for visit to Trivandrum on July 18")
    add(calendar, "dentist", datetime(2026, 11, 25, 16, 30), datetime(2026, 11, 25, 17, 30))
    app.run()
    assert len(rows(calendar)) == 2
    click(app, "Reset demo calendar")
    assert rows(calendar, include_cancelled=True) == []
    assert "Nothing coming up" in calendar_text(app)
    assert bubbles(app)[0][0] == "assistant" and len(bubbles(app)) == 1  # only the greeting


def test_ui_app_error_is_a_short_message_and_the_chat_goes_on(app: AppTest, calendar: Assistant,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
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
    assert "Week of Mon 23 Nov 2026" in calendar_text(app)
    click(app, "Next ▶")
    assert "Week of Mon 30 Nov 2026" in calendar_text(app)
    click(app, "◀ Previous")
    click(app, "◀ Previous")
    assert "Week of Mon 16 Nov 2026" in calendar_text(app)
    click(app, "This week")
    assert "Week of Mon 23 Nov 2026" in calendar_text(app)


def test_ui_app_inspector_tables_many_commands(app: AppTest) -> None:
    app.switch_page("views/inspector.py").run()
    assert not app.exception
    app.text_area(key="inspector_text").set_value(
        "Schedule event for visit to Trivandrum on July 18\n\nplay some jazz\n").run()
    [table] = app.dataframe[:1]
    frame = table.value
    assert list(frame["text"]) == ["Schedule event for visit to Trivandrum on July 18", "play some jazz"]
    assert list(frame["intent"]) == ["create", "out_of_scope"]
    assert frame["start"][0] == "2027-07-18T00:00:00"
    assert "NAME: visit to Trivandrum" in frame["slots"][0]
    assert not app.main.error
    # The model card beside it names the shipped pipeline's labels, from its meta.json
    meta = json.loads((ROOT / "models" / "nlu-calendar" / "meta.json").read_text(encoding="utf-8"))
    card = "\n".join(m.value for m in app.markdown)
    for label in meta["labels"]["ner"]:
        assert f">{label}</span>" in card
    assert "Labels" in card  # the README's section, shown too


def test_ui_app_now_defaults_to_the_real_time(ui_db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEMO_NOW")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert at.toggle(key="fixed_now").value is False
    today = datetime.now(ZoneInfo(TZ))
    assert any(c.value.startswith(f"Now: {today:%a %d %b %Y}") and c.value.endswith("(real time)")
               for c in at.sidebar.caption)
    # Fixing it shows the date and time pickers, preset to the present
    at.toggle(key="fixed_now").set_value(True).run()
    assert at.date_input(key="now_date").value == today.date()


def test_ui_app_calendar_shows_each_occurrence_of_a_recurring_event(app: AppTest, calendar: Assistant) -> None:
    # Given a weekly Monday standup whose series began two weeks ago
    calendar.create_event("me", title="standup", start=datetime(2026, 11, 9, 10), end=datetime(2026, 11, 9, 10, 15),
                          recurrence="FREQ=WEEKLY;BYDAY=MO", tz=TZ)
    # When the page is drawn on Monday 2026-11-23 at 09:00
    app.run()
    # Then this week's Monday and the upcoming list both show today's occurrence
    text = calendar_text(app)
    assert "Mon 23 Nov 2026 · 10:00–10:15 — **standup**" in text
    assert "10:00–10:15 **standup**" in text
