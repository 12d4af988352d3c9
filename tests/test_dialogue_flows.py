"""Dialogue flows beyond the acceptance script: asking for a missing date, past dates,
overlaps, choosing among several matches, fuzzy titles, merging times, undo, "it"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from assistant import Assistant, Settings
from assistant.models import Event, Operation
from assistant.testing import ScriptedParser, day_span, reading, time_span
from nlu.result import TimeSpan

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday


class Chat:
    """A conversation with one user and session: `chat("text")` -> Reply."""

    def __init__(self, bot: Assistant, scripted: ScriptedParser, owner: str, session: str = "s1") -> None:
        self.bot, self.scripted, self.owner, self.session = bot, scripted, owner, session

    def __call__(self, text: str, now: datetime = NOW):
        return self.bot.handle(self.session, text, now=now, user=self.owner)

    def knows(self, *parses) -> None:
        for parse in parses:
            self.scripted.add(parse)

    def make(self, title: str, start: datetime, end: datetime | None = None, all_day: bool = False, kind=None):
        return self.bot.create_event(
            self.owner, title=title, start=start, end=end or start + timedelta(hours=1), all_day=all_day, kind=kind
        )

    def titles(self) -> list[tuple[str, str, str]]:
        return [(e.title, e.start, e.end) for e in self.bot.events(self.owner)]


@pytest.fixture
def chat(bot: Assistant, scripted: ScriptedParser, owner: str) -> Chat:
    return Chat(bot, scripted, owner)


def test_dialogue_missing_date_is_asked_and_taken_from_next_turn(chat: Chat) -> None:
    chat.knows(reading("put the dentist in my calendar", "create", ACTION="put", NAME="dentist"))
    asked = chat("put the dentist in my calendar")
    assert (asked.operation, asked.reply) == ("clarify", 'When should I schedule "dentist"?')
    assert chat.titles() == []
    done = chat("friday at 3 pm")  # read by nlu.dates.resolve, no NLU model needed
    assert done.operation == "create"
    assert chat.titles() == [("dentist", "2026-11-27T15:00:00", "2026-11-27T16:00:00")]


def test_dialogue_unclear_answer_asks_again_then_gives_up(chat: Chat) -> None:
    chat.knows(reading("add the dentist", "create", ACTION="add", NAME="dentist"))
    chat("add the dentist")
    again = chat("banana")
    assert again.operation == "clarify" and "didn't catch" in again.reply
    assert chat("banana").reply.startswith("Sorry, I can only help")  # asked once again, then dropped
    assert chat("friday at 3 pm").operation == "none"  # no question waits: read as a command
    assert chat.titles() == []
    chat("add the dentist")
    assert chat("no").operation == "none" and chat("friday at 3 pm").operation == "none"
    assert chat.titles() == []


def test_dialogue_an_unrelated_command_drops_the_question(chat: Chat) -> None:
    chat.knows(reading("add the dentist", "create", ACTION="add", NAME="dentist"))
    chat("add the dentist")
    assert chat("play some jazz please").reply.startswith("Sorry, I can only help")
    assert chat("friday at 3 pm").operation == "none" and chat.titles() == []


def test_dialogue_default_length_per_kind_and_spoken_duration(
    db_url: str, scripted: ScriptedParser, owner: str
) -> None:
    settings = Settings(lengths={"default": 60, "call": 20})
    chat = Chat(Assistant(db_url, parser=scripted, settings=settings), scripted, owner)
    at_ten = time_span(datetime(2026, 11, 24, 10))
    chat.knows(
        reading(
            "schedule a call with Sam tomorrow at 10",
            "create",
            DOMAIN="call",
            PERSON="Sam",
            dates={"tomorrow at 10": at_ten},
        ),
        reading(
            "book lunch on friday from noon to 2",
            "create",
            NAME="lunch",
            dates={"friday from noon to 2": time_span(datetime(2026, 11, 27, 12), end=datetime(2026, 11, 27, 14))},
        ),
        reading(
            "plan yoga on friday at 8 for 90 minutes",
            "create",
            NAME="yoga",
            dates={"friday at 8 for 90 minutes": time_span(datetime(2026, 11, 27, 8), duration=timedelta(minutes=90))},
        ),
    )
    call = chat("schedule a call with Sam tomorrow at 10")
    assert (call.events[0].end, call.events[0].kind, call.events[0].attendees) == (
        "2026-11-24T10:20:00",
        "call",
        ("Sam",),
    )
    assert chat("book lunch on friday from noon to 2").events[0].end == "2026-11-27T14:00:00"
    assert chat("plan yoga on friday at 8 for 90 minutes").events[0].end == "2026-11-27T09:30:00"


def test_dialogue_past_date_is_confirmed_before_writing(chat: Chat) -> None:
    yesterday = day_span(date(2026, 11, 22))
    chat.knows(reading("log the party yesterday", "create", NAME="party", dates={"yesterday": yesterday}))
    asked = chat("log the party yesterday")
    assert asked.operation == "confirm" and asked.reply.startswith("Sunday, November 22 (all day) is in the past.")
    assert chat.titles() == []
    assert chat("no").operation == "none" and chat.titles() == []
    chat("log the party yesterday")
    assert chat("yes please").operation == "create"
    assert chat.titles() == [("party", "2026-11-22T00:00:00", "2026-11-23T00:00:00")]


def test_dialogue_overlap_is_named(chat: Chat) -> None:
    chat.make("standup", datetime(2026, 11, 24, 10, 30), datetime(2026, 11, 24, 11))
    chat.knows(
        reading(
            "schedule review tomorrow at 10",
            "create",
            NAME="review",
            dates={"tomorrow at 10": time_span(datetime(2026, 11, 24, 10))},
        )
    )
    reply = chat("schedule review tomorrow at 10")
    assert reply.operation == "create"
    assert reply.reply.endswith('Note: it overlaps "standup" (Tuesday, November 24 at 10:30 AM).')


def _three_meetings(chat: Chat) -> None:
    chat.make("team meeting", datetime(2026, 11, 24, 10))
    chat.make("team meeting", datetime(2026, 11, 27, 14))
    chat.make("team meeting", datetime(2026, 12, 1, 9))
    chat.knows(reading("cancel the team meeting", "cancel", ACTION="cancel", NAME="team meeting"))


@pytest.mark.parametrize(
    "answer, gone",
    [
        ("the first one", "2026-11-24T10:00:00"),
        ("uh the second one", "2026-11-27T14:00:00"),
        ("the last one", "2026-12-01T09:00:00"),
        ("the one on friday", "2026-11-27T14:00:00"),
        ("the one on december 1", "2026-12-01T09:00:00"),
    ],
)
def test_dialogue_several_matches_are_listed_and_chosen(chat: Chat, answer: str, gone: str) -> None:
    _three_meetings(chat)
    listed = chat("cancel the team meeting")
    assert listed.operation == "clarify" and len(listed.events) == 3
    assert listed.choices[:3] == [
        f'"team meeting" on {d}'
        for d in (
            "Tuesday, November 24 at 10:00 AM",
            "Friday, November 27 at 2:00 PM",
            "Tuesday, December 1 at 9:00 AM",
        )
    ]
    done = chat(answer)
    assert (done.operation, done.events[0].start) == ("cancel", gone)
    assert [s for _, s, _ in chat.titles()] == sorted(
        {"2026-11-24T10:00:00", "2026-11-27T14:00:00", "2026-12-01T09:00:00"} - {gone}
    )


def test_dialogue_choice_button_label_picks_that_event(chat: Chat) -> None:
    _three_meetings(chat)
    listed = chat("cancel the team meeting")
    assert chat(listed.choices[1]).events[0].start == "2026-11-27T14:00:00"
    listed = chat("cancel the team meeting")
    assert chat(listed.choices[-1]).operation == "none"  # "never mind"
    assert len(chat.titles()) == 2


def test_dialogue_choice_by_title_among_different_events(chat: Chat) -> None:
    chat.make("dentist", datetime(2026, 11, 25, 9))
    chat.make("piano lesson", datetime(2026, 11, 25, 17))
    chat.knows(
        reading("cancel wednesday", "cancel", ACTION="cancel", dates={"wednesday": day_span(date(2026, 11, 25))})
    )
    assert chat("cancel wednesday").operation == "clarify"
    assert chat("the piano lesson").events[0].title == "piano lesson"
    assert [t for t, _, _ in chat.titles()] == ["dentist"]


def test_dialogue_cancel_tolerates_transcription_slips(chat: Chat) -> None:
    chat.make("team brainstorming session", datetime(2026, 11, 25, 11))
    chat.make("visit to Trivandrum", datetime(2027, 7, 18), datetime(2027, 7, 19), all_day=True)
    chat.knows(reading("cancel the brain storming session", "cancel", NAME="brain storming session"))
    asked = chat("cancel the brain storming session")
    assert (asked.operation, asked.events[0].title) == ("confirm", "team brainstorming session")
    assert chat("yeah").operation == "cancel"


def test_dialogue_no_match_offers_the_closest(chat: Chat) -> None:
    chat.make("baseball practice", datetime(2026, 11, 25, 9))
    chat.knows(
        reading("cancel the soccer practice", "cancel", NAME="soccer practice"),
        reading("cancel the opera", "cancel", NAME="opera"),
    )
    nothing = chat("cancel the opera")
    assert (nothing.operation, nothing.reply) == ("none", 'I couldn\'t find "opera" on your calendar.')
    offered = chat("cancel the soccer practice")
    assert offered.operation == "confirm" and offered.reply == (
        'I couldn\'t find "soccer practice". Did you mean "baseball practice" on Wednesday, November 25 at 9:00 AM?'
    )
    assert chat("yes").operation == "cancel" and chat.titles() == []


def test_dialogue_a_rival_title_is_only_offered_never_moved(chat: Chat) -> None:
    # "john's birthday" is not "mom's birthday", however alike the letters: ask, don't move it
    from nlu.dates import resolve

    chat.make("mom's birthday", datetime(2026, 11, 29), datetime(2026, 11, 30), all_day=True)
    said = "move john's birthday to friday"
    chat.knows(
        reading(
            said,
            "reschedule",
            ACTION="move",
            NAME="john's birthday",
            dates={"friday": resolve("friday", NOW, "Europe/Paris")},
        )
    )
    offered = chat(said)
    assert offered.operation == "confirm" and offered.reply.startswith(
        'I couldn\'t find "john\'s birthday". Did you mean "mom\'s birthday"'
    )
    assert chat.titles() == [("mom's birthday", "2026-11-29T00:00:00", "2026-11-30T00:00:00")]


def test_dialogue_unsure_change_to_a_missing_event_offers_to_schedule_it(chat: Chat) -> None:
    # Disfluent speech read (unsure) as an edit of an event that isn't there: it says what and when
    from nlu.dates import resolve

    said = "uh can you add a team sync every monday at 10am"
    every = resolve("every monday at 10am", NOW, "Europe/Paris")
    chat.knows(
        reading(said, "update", confidence=0.51, ACTION="add", NAME="team sync", dates={"every monday at 10am": every}),
        reading(
            "add jim to the piano lesson",
            "update",
            roles={"jim": "new"},
            ACTION="add",
            NAME="piano lesson",
            PERSON="jim",
        ),
    )
    offered = chat(said)
    assert (offered.operation, offered.reply) == (
        "confirm",
        (
            'I couldn\'t find "team sync". Did you mean to schedule "team sync" for Monday, November 23 at 10:00 AM, '
            "every Monday?"
        ),
    )
    assert chat.titles() == []
    made = chat("yes")
    assert (
        made.operation == "create"
        and made.events[0].recurrence == "FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0;BYSECOND=0"
    )
    assert chat.titles() == [("team sync", "2026-11-23T10:00:00", "2026-11-23T11:00:00")]
    # a confident edit of a missing event is only told so
    assert chat("add jim to the piano lesson").reply == 'I couldn\'t find "piano lesson" on your calendar.'


def _records(bot: Assistant, owner: str) -> list[tuple]:
    with bot.sessions.begin() as session:
        return [
            (r.title, r.start_utc, r.end_utc, r.all_day, r.recurrence, r.cancelled_at is not None)
            for r in session.scalars(select(Event).where(Event.owner == owner).order_by(Event.id))
        ]


MOMS_BIRTHDAY = ("mom's birthday", datetime(2026, 11, 28, 23), datetime(2026, 11, 29, 23), True, None, False)


def test_dialogue_adding_a_title_no_event_has_read_as_a_change_creates_it(
    chat: Chat, bot: Assistant, owner: str
) -> None:
    # Given "mom's birthday" on the calendar, and "add ... mary's birthday" read (confidently) as an update
    from nlu.dates import resolve

    chat.make("mom's birthday", datetime(2026, 11, 29), datetime(2026, 11, 30), all_day=True)
    said = "add to calendar may two is mary's birthday repeat every year"
    chat.knows(
        reading(
            said,
            "update",
            when=resolve("may two every year", NOW, "Europe/Paris"),
            confidence=0.72,
            ACTION="add",
            NAME="mary's birthday",
            dates={
                "may two": resolve("may two", NOW, "Europe/Paris"),
                "every year": resolve("every year", NOW, "Europe/Paris"),
            },
        )
    )
    # When it is said, Then "mary's birthday" (no word in common with "mom's birthday" but
    # "birthday") is a new yearly event, created at once and named in the reply
    made = chat(said)
    assert (made.operation, made.reply) == (
        "create",
        'Scheduled "mary\'s birthday" for Sunday, May 2, 2027 (all day), every year.',
    )
    assert _records(bot, owner) == [
        MOMS_BIRTHDAY,
        (
            "mary's birthday",
            datetime(2027, 5, 1, 22),
            datetime(2027, 5, 2, 22),
            True,
            "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=2",
            False,
        ),
    ]
    # And undo takes it back
    assert chat("undo").reply == 'Undone: "mary\'s birthday" is no longer on your calendar.'
    assert [r[-1] for r in _records(bot, owner)] == [False, True]


def test_dialogue_a_change_with_nothing_to_change_but_a_new_title_and_day_is_asked_as_a_new_event(
    chat: Chat, bot: Assistant, owner: str
) -> None:
    # Given "mom's birthday", and a statement with no verb read as an update naming a new title and a day
    chat.make("mom's birthday", datetime(2026, 11, 29), datetime(2026, 11, 30), all_day=True)
    said = "today needs to be marked as my cheat day"
    chat.knows(
        reading(said, "update", confidence=0.66, NAME="cheat day", dates={"today": day_span(date(2026, 11, 30))}),
        reading("mom's birthday needs to be marked", "update", NAME="mom's birthday"),
    )
    # When it is said, Then it is offered as a new event, and nothing is written before the yes
    asked = chat(said)
    assert (asked.operation, asked.reply) == (
        "confirm",
        'I couldn\'t find "cheat day" to change. Did you mean to schedule "cheat day" for Monday, November 30?',
    )
    assert _records(bot, owner) == [MOMS_BIRTHDAY]
    made = chat("yes")
    assert made.operation == "create"
    assert _records(bot, owner) == [
        MOMS_BIRTHDAY,
        ("cheat day", datetime(2026, 11, 29, 23), datetime(2026, 11, 30, 23), True, None, False),
    ]
    # And a title a stored event has, with nothing to change, still gets the hint
    hint = chat("mom's birthday needs to be marked")
    assert hint.operation == "none"
    assert hint.reply.startswith("I heard a change but not what to change.")


def test_dialogue_adding_a_new_title_read_as_an_update_asks_its_day_and_creates_it(
    chat: Chat, bot: Assistant, owner: str
) -> None:
    # Given "mom's birthday", and "add a team offsite" read (confidently) as an update that
    # names only a title no stored event has, with no day and nothing to change
    chat.make("mom's birthday", datetime(2026, 11, 29), datetime(2026, 11, 30), all_day=True)
    chat.knows(
        reading("add a team offsite", "update", confidence=0.84, ACTION="add", NAME="team offsite"),
        reading("friday", "out_of_scope", confidence=0.5, dates={"friday": day_span(date(2026, 12, 4))}),
        reading("add mom's birthday", "update", ACTION="add", NAME="mom's birthday"),
    )
    # When it is said, Then it is a new event whose day is asked, and nothing is written yet
    asked = chat("add a team offsite")
    assert (asked.operation, asked.reply) == ("clarify", 'When should I schedule "team offsite"?')
    assert _records(bot, owner) == [MOMS_BIRTHDAY]
    # And the day answered writes it
    made = chat("friday")
    assert (made.operation, made.reply) == ("create", 'Scheduled "team offsite" for Friday, December 4 (all day).')
    assert _records(bot, owner) == [
        MOMS_BIRTHDAY,
        ("team offsite", datetime(2026, 12, 3, 23), datetime(2026, 12, 4, 23), True, None, False),
    ]
    # And a title a stored event has is no new event: the usual hint
    hint = chat("add mom's birthday")
    assert hint.operation == "none"
    assert hint.reply.startswith("I heard a change but not what to change.")


@pytest.mark.parametrize(
    "said, name, title",
    [
        ("add my brother's birthday on friday", "birthday", "brother's birthday"),
        ("put Jo-Anne's recital on friday", "recital", "Jo-Anne's recital"),
        ("add tomorrow's standup on friday", "standup", "standup"),  # a time, no owner
        ("add what's left of the move on friday", "move", "move"),  # a contraction, no owner
    ],
)
def test_dialogue_a_new_events_owner_said_before_its_name_stays_in_the_title(
    chat: Chat, bot: Assistant, owner: str, said: str, name: str, title: str
) -> None:
    # Given a create whose NAME the NLU drew without the owner in front of it
    chat.knows(
        reading(said, "create", ACTION=said.split()[0], NAME=name, dates={"on friday": day_span(date(2026, 11, 27))})
    )
    # Then the stored title keeps the owner (the parse's title is the NLU's)
    made = chat(said)
    assert made.operation == "create"
    assert [r[0] for r in _records(bot, owner)] == [title]


@pytest.mark.parametrize(
    "said, name, date_said, reason",
    [
        ("schedule the dentist on february 30", "dentist", "february 30", "February has no day 30."),
        (
            "add yoga every 0 days",
            "yoga",
            "every 0 days",
            "a repeat needs a whole number of at least 1 (every 2 weeks, every day).",
        ),
    ],
)
def test_dialogue_a_time_the_date_reader_refuses_is_asked_again_with_the_reason(
    chat: Chat, bot: Assistant, owner: str, said: str, name: str, date_said: str, reason: str
) -> None:
    # Given a create whose DATE has no value (the date reader refuses it)
    chat.knows(reading(said, "create", NAME=name, dates={date_said: None}))
    # Then nothing is written, and the question says why it asks
    asked = chat(said)
    assert (asked.operation, asked.reply) == (
        "clarify",
        f'I can\'t use "{date_said}": {reason} When should I schedule "{name}"?',
    )
    assert _records(bot, owner) == []


@pytest.mark.parametrize("intent", ["reschedule", "update"])
def test_dialogue_a_move_to_where_the_event_already_is_changes_nothing(
    chat: Chat, bot: Assistant, owner: str, intent: str
) -> None:
    # Given the dentist on Friday at 3 PM, and "add dentist on friday at 3pm" read as a change of it
    chat.make("dentist", datetime(2026, 11, 27, 15))
    said = "add dentist on friday at 3pm"
    chat.knows(
        reading(
            said,
            intent,
            ACTION="add",
            NAME="dentist",
            dates={"on friday at 3pm": time_span(datetime(2026, 11, 27, 15))},
        )
    )
    # Then nothing is asked or written, and the reply says it is there
    reply = chat(said)
    assert (reply.operation, reply.reply) == (
        "none",
        '"dentist" on Friday, November 27 at 3:00 PM is already on your calendar; nothing changed.',
    )
    assert chat.titles() == [("dentist", "2026-11-27T15:00:00", "2026-11-27T16:00:00")]


def test_dialogue_a_create_with_its_alert_read_as_an_update_is_created_with_the_alert(
    chat: Chat, bot: Assistant, owner: str
) -> None:
    # Given a create with its clock time and an alert, read (unsure) as an update, nothing stored
    said = "schedule a dentist appointment on jan 22 at 2pm and remind me 30 minutes before"
    chat.knows(
        replace(
            reading(
                said,
                "update",
                confidence=0.61,
                ACTION=["schedule", "remind me"],
                NAME="dentist appointment",
                dates={"on jan 22 at 2pm": time_span(datetime(2027, 1, 22, 14))},
                alerts={"30 minutes before": 30},
            ),
            probabilities={"update": 0.61, "create": 0.35, "query": 0.04},
        )
    )
    # Then it is written with its alert, at once (create and update together are sure)
    made = chat(said)
    assert made.operation == "create" and list(made.events[0].alerts) == [30]
    assert chat.titles() == [("dentist appointment", "2027-01-22T14:00:00", "2027-01-22T15:00:00")]


@pytest.mark.parametrize(
    "name, minutes",
    [("team call", 30), ("Birthday Party", 180), ("standup", 15), ("dentist", 60), ("call with mom", 60)],
)
def test_dialogue_a_title_ending_in_a_kind_gets_that_kinds_length(
    chat: Chat, bot: Assistant, owner: str, name: str, minutes: int
) -> None:
    # Given a create whose NAME holds the kind word and no DOMAIN ("schedule a team call ...")
    said = f"schedule {name} tomorrow at 9"
    chat.knows(
        reading(
            said, "create", ACTION="schedule", NAME=name, dates={"tomorrow at 9": time_span(datetime(2026, 11, 24, 9))}
        )
    )
    # Then it lasts as long as the settings say that kind lasts (the default when none)
    assert chat(said).operation == "create"
    [(_title, start, end, *_rest)] = _records(bot, owner)
    assert end - start == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    "said, hint",
    [
        ("cancel", "Which event should I cancel?"),
        ("Delete, please.", "Which event should I cancel?"),
        ("reschedule", "Which event should I move, and to when?"),
        ("book an event", "What should I schedule, and when?"),
        ("play some jazz", "Sorry, I can only help with your calendar"),
    ],
)
def test_dialogue_a_calendar_verb_said_alone_is_told_what_to_add(
    chat: Chat, bot: Assistant, owner: str, said: str, hint: str
) -> None:
    # Given a lone verb the NLU reads as out of scope, on a calendar with one event
    chat.make("mom's birthday", datetime(2026, 11, 29), datetime(2026, 11, 30), all_day=True)
    chat.knows(reading(said, "out_of_scope", confidence=0.9))
    # Then the answer says what the request lacks (another domain's request is still refused)
    reply = chat(said)
    assert reply.operation == "none" and reply.reply.startswith(hint)
    assert _records(bot, owner) == [MOMS_BIRTHDAY]


@pytest.mark.parametrize(
    "probabilities, operation",
    [
        ({"create": 0.44, "update": 0.52, "query": 0.04}, "create"),  # sure of a write, split between the two
        ({"create": 0.10, "update": 0.52, "out_of_scope": 0.38}, "confirm"),  # maybe no calendar request at all
    ],
)
def test_dialogue_adding_a_new_title_split_between_create_and_update_asks_only_when_both_are_unsure(
    chat: Chat, bot: Assistant, owner: str, probabilities: dict[str, float], operation: str
) -> None:
    # Given "add a weekly standup at 9 tomorrow" read as an update at 0.52, below the ask threshold
    said = "add a weekly standup at 9 tomorrow"
    nine = time_span(datetime(2026, 11, 24, 9))
    chat.knows(
        replace(
            reading(
                said, "update", confidence=0.52, ACTION="add", NAME="weekly standup", dates={"at 9 tomorrow": nine}
            ),
            probabilities=probabilities,
        )
    )
    # When it is said, Then it is written at once only when create and update together are sure
    reply = chat(said)
    assert reply.operation == operation
    written = [("weekly standup", datetime(2026, 11, 24, 8), datetime(2026, 11, 24, 8, 15), False, None, False)]
    assert _records(bot, owner) == (written if operation == "create" else [])


@pytest.mark.parametrize(
    "probabilities, operation",
    [
        ({"update": 0.62, "reschedule": 0.37, "create": 0.01}, "reschedule"),  # a move either way: sure
        ({"update": 0.52, "create": 0.44, "query": 0.04}, "confirm"),  # maybe a new item: asked
    ],
)
def test_dialogue_a_move_read_as_an_update_asks_only_when_both_readings_together_are_unsure(
    chat: Chat, bot: Assistant, owner: str, probabilities: dict[str, float], operation: str
) -> None:
    # Given the dentist on Friday at 3 pm, and "Move the dentist to 4:30 PM." read as an update below the threshold
    chat.make("dentist", datetime(2026, 11, 27, 15), datetime(2026, 11, 27, 16))
    said = "Move the dentist to 4:30 PM."
    half_four = time_span(datetime(2026, 11, 27, 16, 30), grain="minute")
    chat.knows(
        replace(
            reading(said, "update", confidence=0.62, ACTION="Move", NAME="dentist", dates={"4:30 PM": half_four}),
            probabilities=probabilities,
        )
    )
    # When it is said, Then it moves at once only when reschedule and update together are sure
    reply = chat(said)
    assert reply.operation == operation
    start = datetime(2026, 11, 27, 16, 30) if operation == "reschedule" else datetime(2026, 11, 27, 15)
    assert chat.titles() == [("dentist", start.isoformat(), (start + timedelta(hours=1)).isoformat())]


@pytest.mark.parametrize(
    "answer, when, start",
    [
        ("at 3pm", time_span(datetime(2026, 11, 23, 15)), datetime(2026, 11, 24, 15)),  # on the day said first
        ("friday at 10", time_span(datetime(2026, 11, 27, 10)), datetime(2026, 11, 27, 10)),  # a new day wins
    ],
)
def test_dialogue_a_day_with_a_length_and_no_time_asks_the_hour_and_keeps_the_length(
    chat: Chat, bot: Assistant, owner: str, answer: str, when: TimeSpan, start: datetime
) -> None:
    # Given "a 15-min call with Ana tomorrow": a day and a length, no time of day
    said = "schedule a 15-min call with Ana tomorrow"
    tomorrow = replace(day_span(date(2026, 11, 24)), duration=timedelta(minutes=15))
    chat.knows(reading(said, "create", when=tomorrow, ACTION="schedule", DOMAIN="call", PERSON="Ana"))
    dates = {answer.removeprefix("at "): when}
    chat.knows(reading(answer, "create", dates=dates))
    # Then the hour is asked (an all-day event would drop the 15 minutes), nothing written yet
    asked = chat(said)
    assert (asked.operation, asked.reply) == (
        "clarify",
        'What time on Tuesday, November 24 should I schedule "call with Ana"?',
    )
    assert chat.titles() == []
    # When the hour is said, Then the call is written then, 15 minutes long
    assert chat(answer).operation == "create"
    assert chat.titles() == [("call with Ana", start.isoformat(), (start + timedelta(minutes=15)).isoformat())]


@pytest.mark.parametrize("verb", ["put", "book", "booked"])
def test_dialogue_putting_a_new_title_on_a_day_read_as_a_move_creates_it(
    chat: Chat, bot: Assistant, owner: str, verb: str
) -> None:
    chat.make("mom's birthday", datetime(2026, 11, 29), datetime(2026, 11, 30), all_day=True)
    chat.knows(
        reading(
            f"{verb} the piano recital on friday",
            "reschedule",
            ACTION=verb,
            NAME="piano recital",
            dates={"friday": day_span(date(2026, 11, 27))},
        )
    )
    made = chat(f"{verb} the piano recital on friday")
    assert (made.operation, made.reply) == ("create", 'Scheduled "piano recital" for Friday, November 27 (all day).')
    assert _records(bot, owner) == [
        MOMS_BIRTHDAY,
        ("piano recital", datetime(2026, 11, 26, 23), datetime(2026, 11, 27, 23), True, None, False),
    ]


def test_dialogue_adding_a_title_that_partly_names_an_event_still_asks(chat: Chat, bot: Assistant, owner: str) -> None:
    # Given "mom's birthday", a change adding "the birthday" (a word of it, none of its own) on another day
    chat.make("mom's birthday", datetime(2026, 11, 29), datetime(2026, 11, 30), all_day=True)
    friday = day_span(date(2026, 11, 27))
    chat.knows(
        reading(
            "put the birthday at the pub on friday",
            "update",
            ACTION="put",
            NAME="birthday",
            LOCATION="the pub",
            dates={"friday": friday},
        ),
        reading("move the gala to friday", "reschedule", ACTION="move", NAME="gala", dates={"friday": friday}),
        reading(
            "cancel mary's birthday on friday",
            "cancel",
            ACTION="cancel",
            NAME="mary's birthday",
            dates={"friday": friday},
        ),
        reading(
            "add an alert an hour before the gala on friday",
            "update",
            ACTION="add",
            NAME="gala",
            alerts={"an hour before": 60},
            dates={"friday": friday},
        ),
    )
    # Then the stored one is asked about, as before; nothing is written
    asked = chat("put the birthday at the pub on friday")
    assert (asked.operation, asked.reply) == (
        "confirm",
        'I couldn\'t find "birthday" at that time. Did you mean "mom\'s birthday" on Sunday, November 29 (all day)?',
    )
    assert chat("no").operation == "none"
    # And a cancel never creates, nor does a change that is only an alert
    assert chat("cancel mary's birthday on friday").reply == (
        'I couldn\'t find "mary\'s birthday". Did you mean "mom\'s birthday" on Sunday, November 29 (all day)?'
    )
    assert chat("no").operation == "none"
    assert chat("add an alert an hour before the gala on friday").reply == 'I couldn\'t find "gala" on your calendar.'
    # nor a move whose verb adds nothing
    assert chat("move the gala to friday").reply == 'I couldn\'t find "gala" on your calendar.'
    assert _records(bot, owner) == [MOMS_BIRTHDAY]


def test_dialogue_a_person_said_is_no_event_found_by_its_day_alone(chat: Chat, bot: Assistant, owner: str) -> None:
    # Given a weekly standup (Mondays at 9) and lunch with Sara on Monday, November 30
    bot.create_event(
        owner,
        title="standup",
        start=datetime(2026, 11, 23, 9),
        end=datetime(2026, 11, 23, 9, 15),
        recurrence="FREQ=WEEKLY;BYDAY=MO",
    )
    bot.create_event(
        owner, title="lunch", start=datetime(2026, 11, 30, 12), end=datetime(2026, 11, 30, 13), attendees=["Sara"]
    )
    monday = day_span(date(2026, 11, 30))
    chat.knows(
        # "remind me of my brother's birthday on monday", read as a cancel naming no title
        reading(
            "don't forget to remind me of my brother's birthday on monday",
            "cancel",
            confidence=0.58,
            ACTION="remind me",
            PERSON="my brother",
            dates={"monday": monday},
        ),
        reading(
            "move the one with jim on monday to tuesday",
            "reschedule",
            ACTION="move",
            PERSON="jim",
            dates={"monday": monday, "tuesday": day_span(date(2026, 12, 1))},
            roles={"monday": "old", "tuesday": "new"},
        ),
        reading(
            "cancel the one at the gym on monday",
            "cancel",
            ACTION="cancel",
            LOCATION="the gym",
            dates={"monday": monday},
        ),
        reading(
            "cancel the one with sara on monday", "cancel", ACTION="cancel", PERSON="sara", dates={"monday": monday}
        ),
    )
    # When a cancel or a move names someone no event that day has: it says so, and offers nothing
    said = chat("don't forget to remind me of my brother's birthday on monday")
    assert (said.operation, said.reply) == ("none", "I couldn't find an event with my brother on Monday, November 30.")
    assert chat("yes").reply == "There is nothing waiting for a yes or no right now."
    moved = chat("move the one with jim on monday to tuesday")
    assert (moved.operation, moved.reply) == ("none", "I couldn't find an event with jim on Monday, November 30.")
    gym = chat("cancel the one at the gym on monday")
    assert (gym.operation, gym.reply) == ("none", "I couldn't find an event at the gym on Monday, November 30.")
    # And a person who is an attendee still finds their event
    asked = chat("cancel the one with sara on monday")
    assert (asked.operation, asked.reply) == ("confirm", 'Cancel "lunch" on Monday, November 30 at 12:00 PM?')
    assert chat("no").operation == "none"
    assert _records(bot, owner) == [
        ("standup", datetime(2026, 11, 23, 8), datetime(2026, 11, 23, 8, 15), False, "FREQ=WEEKLY;BYDAY=MO", False),
        ("lunch", datetime(2026, 11, 30, 11), datetime(2026, 11, 30, 12), False, None, False),
    ]


def test_dialogue_a_person_said_with_a_title_is_offered_not_taken(chat: Chat, bot: Assistant, owner: str) -> None:
    # Given lunch with Sara on Monday, November 30 (the zone is Europe/Paris: 12:00 is 11:00 UTC)
    from nlu.dates import resolve

    bot.create_event(
        owner,
        title="lunch with Sara",
        start=datetime(2026, 11, 30, 12),
        end=datetime(2026, 11, 30, 13),
        attendees=["Sara"],
    )
    two_pm = resolve("2 pm", NOW, "Europe/Paris")
    chat.knows(
        reading("cancel lunch with priya", "cancel", ACTION="cancel", NAME="lunch", PERSON="priya"),
        reading(
            "move lunch at the cafe to 2 pm",
            "reschedule",
            ACTION="move",
            NAME="lunch",
            LOCATION="the cafe",
            dates={"2 pm": two_pm},
        ),
        reading("cancel lunch with sara", "cancel", ACTION="cancel", NAME="lunch", PERSON="sara"),
    )
    # When a cancel names the title but someone who is not there: it says so and only offers the event
    offered = chat("cancel lunch with priya")
    assert (offered.operation, offered.reply) == (
        "confirm",
        'I couldn\'t find "lunch with priya". Did you mean "lunch with Sara" on Monday, November 30 at 12:00 PM?',
    )
    assert chat("no").operation == "none"
    # A move naming a place that is not the event's is offered the same way
    moved = chat("move lunch at the cafe to 2 pm")
    assert (moved.operation, moved.reply) == (
        "confirm",
        'I couldn\'t find "lunch at the cafe". Did you mean "lunch with Sara" on Monday, November 30 at 12:00 PM?',
    )
    assert chat("no").operation == "none"
    # And the person who is there still names it; "yes" then cancels it
    asked = chat("cancel lunch with sara")
    assert (asked.operation, asked.reply) == ("confirm", 'Cancel "lunch with Sara" on Monday, November 30 at 12:00 PM?')
    assert chat("yes").operation == "cancel"
    assert _records(bot, owner) == [
        ("lunch with Sara", datetime(2026, 11, 30, 11), datetime(2026, 11, 30, 12), False, None, True)
    ]


def test_dialogue_make_it_weekly_read_as_a_create_repeats_the_event_said(
    chat: Chat, bot: Assistant, owner: str
) -> None:
    # "make the call with mom weekly" read as a create: only how often is said and "call with mom" exists
    from nlu.dates import resolve

    chat.make("call with mom", datetime(2026, 11, 29, 18), kind="call")
    weekly = resolve("weekly", NOW, "Europe/Paris")
    chat.knows(
        reading(
            "make the call with mom weekly",
            "create",
            ACTION="make",
            DOMAIN="call",
            PERSON="mom",
            dates={"weekly": weekly},
        ),
        reading("make the gym weekly", "create", ACTION="make", NAME="gym", dates={"weekly": weekly}),
    )
    made = chat("make the call with mom weekly")
    assert made.operation == "update"
    assert chat.titles() == [("call with mom", "2026-11-29T18:00:00", "2026-11-29T19:00:00")]
    assert [(e.title, e.recurrence) for e in bot.events(owner)] == [("call with mom", "FREQ=WEEKLY")]
    # no "gym" on the calendar: a new weekly gym, as the create said
    assert chat("make the gym weekly").operation == "create"


def test_dialogue_right_title_wrong_day_is_said(chat: Chat) -> None:
    chat.make("meeting", datetime(2026, 11, 25, 10))
    chat.knows(
        reading(
            "delete the meeting tonight",
            "cancel",
            NAME="meeting",
            dates={"tonight": time_span(datetime(2026, 11, 23, 18), end=datetime(2026, 11, 24))},
        )
    )
    offered = chat("delete the meeting tonight")
    assert offered.reply == (
        'I couldn\'t find "meeting" at that time. Did you mean "meeting" on Wednesday, November 25 at 10:00 AM?'
    )


def test_dialogue_a_time_of_day_names_timed_events_starting_then(chat: Chat) -> None:
    chat.make("holiday", datetime(2026, 11, 23), datetime(2026, 11, 24), all_day=True)
    chat.make("long workshop", datetime(2026, 11, 23, 10), datetime(2026, 11, 23, 17))
    chat.make("lunch", datetime(2026, 11, 23, 13))
    chat.knows(
        reading(
            "remove my event at one pm",
            "cancel",
            DOMAIN="event",
            dates={"at one pm": time_span(datetime(2026, 11, 23, 13))},
        )
    )
    asked = chat("remove my event at one pm")
    assert (asked.operation, [e.title for e in asked.events]) == ("confirm", ["lunch"])


def test_dialogue_cancel_by_date_only(chat: Chat) -> None:
    chat.make("dentist", datetime(2026, 11, 25, 9))
    chat.make("gym", datetime(2026, 11, 26, 9))
    chat.knows(
        reading(
            "cancel my event on wednesday", "cancel", DOMAIN="event", dates={"wednesday": day_span(date(2026, 11, 25))}
        )
    )
    assert chat("cancel my event on wednesday").events[0].title == "dentist"


@pytest.mark.parametrize(
    "said, span, start, end",
    [
        (
            "move the dentist to 6 PM",
            time_span(datetime(2026, 11, 23, 18)),
            "2026-11-25T18:00:00",
            "2026-11-25T19:30:00",
        ),
        ("move the dentist to friday", day_span(date(2026, 11, 27)), "2026-11-27T09:00:00", "2026-11-27T10:30:00"),
        (
            "move the dentist to friday at 2 pm",
            time_span(datetime(2026, 11, 27, 14)),
            "2026-11-27T14:00:00",
            "2026-11-27T15:30:00",
        ),
        ("move the dentist to next week", None, "2026-12-02T09:00:00", "2026-12-02T10:30:00"),
    ],
)
def test_dialogue_reschedule_merges_by_grain_and_keeps_length(chat: Chat, said, span, start, end) -> None:
    from nlu.dates import resolve

    chat.make("dentist", datetime(2026, 11, 25, 9), datetime(2026, 11, 25, 10, 30))  # a Wednesday, 90 minutes
    phrase = said.split(" to ", 1)[1]
    span = span or resolve(phrase, NOW, "Europe/Paris")
    chat.knows(reading(said, "reschedule", ACTION="move", NAME="dentist", dates={phrase: span}))
    moved = chat(said)
    assert (moved.operation, moved.events[0].start, moved.events[0].end) == ("reschedule", start, end)


@pytest.mark.parametrize(
    "said, start",
    [
        ("push it back an hour", "2026-11-25T10:00:00"),
        ("move it two hours earlier", "2026-11-25T07:00:00"),
        ("the following day same time", "2026-11-26T09:00:00"),
        ("delay it by 30 minutes", "2026-11-25T09:30:00"),
    ],
)
def test_dialogue_relative_moves_of_the_last_event(chat: Chat, said: str, start: str) -> None:
    chat.knows(reading("when is the dentist", "query", NAME="dentist"), reading(said, "reschedule"))
    chat.make("dentist", datetime(2026, 11, 25, 9))
    assert chat("when is the dentist").operation == "query"  # the dentist is now "it"
    moved = chat(said)
    assert (moved.operation, moved.events[0].title, moved.events[0].start) == ("reschedule", "dentist", start)


def test_dialogue_reschedule_without_time_asks_for_it(chat: Chat) -> None:
    chat.make("dentist", datetime(2026, 11, 25, 9))
    chat.knows(reading("reschedule the dentist", "reschedule", ACTION="reschedule", NAME="dentist"))
    asked = chat("reschedule the dentist")
    assert (asked.operation, asked.reply) == ("clarify", 'When should I move "dentist" to?')
    moved = chat("thursday at 10 am")
    assert (moved.operation, moved.events[0].start) == ("reschedule", "2026-11-26T10:00:00")


def test_dialogue_it_refers_to_the_last_event(chat: Chat) -> None:
    chat.knows(
        reading(
            "schedule gym tomorrow at 7",
            "create",
            NAME="gym",
            dates={"tomorrow at 7": time_span(datetime(2026, 11, 24, 19))},
        ),
        reading("cancel it", "cancel", ACTION="cancel"),
        reading(
            "move it to five pm", "reschedule", ACTION="move", dates={"five pm": time_span(datetime(2026, 11, 23, 17))}
        ),
    )
    chat("schedule gym tomorrow at 7")
    moved = chat("move it to five pm")
    assert (moved.events[0].title, moved.events[0].start) == ("gym", "2026-11-24T17:00:00")
    asked = chat("cancel it")
    assert (asked.operation, asked.events[0].title) == ("confirm", "gym")


def test_dialogue_undo_reverts_this_conversations_writes_in_turn(chat: Chat, bot: Assistant) -> None:
    chat.knows(
        reading(
            "schedule gym tomorrow at 7",
            "create",
            NAME="gym",
            dates={"tomorrow at 7": time_span(datetime(2026, 11, 24, 19))},
        ),
        reading(
            "move the gym to 8 pm", "reschedule", NAME="gym", dates={"8 pm": time_span(datetime(2026, 11, 23, 20))}
        ),
        reading("cancel the gym", "cancel", NAME="gym"),
    )
    chat("schedule gym tomorrow at 7")
    chat("move the gym to 8 pm")
    chat("cancel the gym")
    chat("yes")
    assert chat.titles() == []
    other = Chat(bot, chat.scripted, chat.owner, session="another")
    assert other("undo").operation == "none"  # not that conversation's writes
    assert chat("undo").reply == 'Undone: "gym" on Tuesday, November 24 at 8:00 PM is back.'
    assert chat.titles() == [("gym", "2026-11-24T20:00:00", "2026-11-24T21:00:00")]
    assert chat("undo that").events[0].start == "2026-11-24T19:00:00"
    assert chat("scratch that").reply == 'Undone: "gym" is no longer on your calendar.'
    assert chat.titles() == [] and chat("undo").operation == "none"
    with bot.sessions.begin() as session:
        ops = session.scalars(select(Operation).where(Operation.owner == chat.owner).order_by(Operation.id)).all()
        assert [o.operation for o in ops] == ["create", "reschedule", "cancel", "undo", "undo", "undo"]
        assert all(o.reverted_at is not None for o in ops[:3])


def test_dialogue_query_without_range_tells_today_and_what_is_next(chat: Chat) -> None:
    chat.knows(reading("what's next", "query"))
    assert chat("what's next").reply == "Your calendar is clear from now on."
    chat.make("lunch", datetime(2026, 11, 23, 12, 30))
    chat.make("early", datetime(2026, 11, 23, 7))  # already over at 9:00
    chat.make("visit", datetime(2027, 7, 18), datetime(2027, 7, 19), all_day=True)
    reply = chat("what's next")
    assert reply.reply == (
        'Today you have 1 event: "lunch" at 12:30 PM. Next: "visit" on Sunday, July 18, 2027 (all day).'
    )
    assert [e.title for e in reply.events] == ["lunch", "visit"]


def test_dialogue_query_empty_day(chat: Chat) -> None:
    chat.knows(reading("what do i have on friday", "query", dates={"friday": day_span(date(2026, 11, 27))}))
    assert chat("what do i have on friday").reply == "You have nothing on Friday, November 27."


def test_dialogue_out_of_scope_and_stray_answers_write_nothing(chat: Chat, bot: Assistant) -> None:
    assert chat("play some jazz").reply.startswith("Sorry, I can only help with your calendar")
    assert chat("yes").operation == "none" and chat("no").operation == "none"
    with bot.sessions.begin() as session:
        assert session.scalars(select(Event).where(Event.owner == chat.owner)).all() == []


def test_dialogue_new_command_replaces_a_pending_question(chat: Chat) -> None:
    chat.make("dentist", datetime(2026, 11, 25, 9))
    chat.knows(
        reading("cancel the dentist", "cancel", ACTION="cancel", NAME="dentist"),
        reading("what do i have on wednesday", "query", dates={"wednesday": day_span(date(2026, 11, 25))}),
    )
    assert chat("cancel the dentist").operation == "confirm"
    assert chat("what do i have on wednesday").operation == "query"
    assert chat("yes").operation == "none"  # the cancel question is gone
    assert len(chat.titles()) == 1


@pytest.mark.parametrize(
    "title", ["Robert'); DROP TABLE events;--", "🎉 party 🦄", "tab\tand\x07bell", "quote \" and ' and \\ backslash"]
)
def test_dialogue_odd_titles_are_stored_byte_exact(chat: Chat, title: str) -> None:
    text = f"schedule {title} tomorrow"
    chat.knows(reading(text, "create", NAME=title, dates={"tomorrow": day_span(date(2026, 11, 24))}))
    reply = chat(text)
    assert reply.events[0].title == title and chat.bot.events(chat.owner)[0].title == title
    assert f'"{title}"' in reply.reply


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "x" * 100_000, "🎉🎉🎉", "\ud800 lone surrogate"])
def test_dialogue_bad_input_gets_a_clear_answer(chat: Chat, text: str) -> None:
    reply = chat(text)
    assert reply.operation == "none" and reply.reply
    assert chat.titles() == []


def test_dialogue_recurring_event_shows_in_later_queries(chat: Chat) -> None:
    from nlu.dates import resolve

    every = resolve("every monday at nine", NOW, "Europe/Paris")
    chat.knows(
        reading(
            "schedule standup every monday at nine", "create", NAME="standup", dates={"every monday at nine": every}
        ),
        reading("what do i have next week", "query", dates={"next week": resolve("next week", NOW, "Europe/Paris")}),
    )
    made = chat("schedule standup every monday at nine")
    assert made.reply == 'Scheduled "standup" for Monday, November 23 at 9:00 AM, every Monday.'
    assert made.events[0].recurrence == "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0"
    week = chat("what do i have next week")
    assert [(e.title, e.start, e.end) for e in week.events] == [
        ("standup", "2026-11-30T09:00:00", "2026-11-30T09:15:00")
    ]


def test_dialogue_query_a_week_names_its_last_day(chat: Chat) -> None:
    from nlu.dates import resolve

    chat.make("gym", datetime(2026, 11, 29, 18))
    chat.make("next monday", datetime(2026, 11, 30, 9))
    chat.knows(
        reading("what do i have this week", "query", dates={"this week": resolve("this week", NOW, "Europe/Paris")})
    )
    assert chat("what do i have this week").reply == (
        'From Monday, November 23 to Sunday, November 29 you have 1 event: "gym" on Sunday, November 29 at 6:00 PM.'
    )


def test_dialogue_query_by_name_says_when(chat: Chat) -> None:
    chat.make("dentist", datetime(2026, 11, 25, 9))
    chat.make("dentist", datetime(2026, 12, 9, 9))
    chat.knows(reading("when is my dentist appointment", "query", NAME="dentist appointment"))
    reply = chat("when is my dentist appointment")
    assert reply.reply == '"dentist" is on Wednesday, November 25 at 9:00 AM. Then Wednesday, December 9 at 9:00 AM.'


def test_dialogue_cancel_all_is_refused(chat: Chat) -> None:
    chat.make("dentist", datetime(2026, 11, 25, 9))
    chat.knows(reading("delete all my events", "cancel", ACTION="delete", DOMAIN="events"))
    reply = chat("delete all my events")
    assert reply.operation == "none" and "one event at a time" in reply.reply
    assert len(chat.titles()) == 1


def test_dialogue_duration_said_before_the_day_is_kept(chat: Chat) -> None:
    from nlu.dates import resolve

    chat.knows(
        reading(
            "book the workshop for two hours",
            "create",
            NAME="workshop",
            dates={"for two hours": resolve("for two hours", NOW, "Europe/Paris")},
        )
    )
    assert chat("book the workshop for two hours").operation == "clarify"
    done = chat("tomorrow at 2 pm")
    assert (done.events[0].start, done.events[0].end) == ("2026-11-24T14:00:00", "2026-11-24T16:00:00")


def test_dialogue_concurrent_sessions_lose_no_write(db_url: str, scripted: ScriptedParser, owner: str) -> None:
    # Given 4 clients talking at once, each in its own session, 10 creates each
    from concurrent.futures import ThreadPoolExecutor

    for n in range(4):  # distinct titles: the same title at the same time would ask first (a duplicate)
        for i in range(10):
            scripted.add(
                reading(
                    f"schedule task {n}.{i} tomorrow",
                    "create",
                    NAME=f"task {n}.{i}",
                    dates={"tomorrow": day_span(date(2026, 11, 24))},
                )
            )

    def client(n: int) -> list[str]:
        bot = Assistant(db_url, parser=scripted)
        return [
            bot.handle(f"client-{n}", f"schedule task {n}.{i} tomorrow", now=NOW, user=owner).operation
            for i in range(10)
        ]

    with ThreadPoolExecutor(4) as pool:
        operations = [op for ops in pool.map(client, range(4)) for op in ops]
    # Then every turn wrote exactly one event
    assert operations == ["create"] * 40
    titles = sorted(e.title for e in Assistant(db_url).events(owner))
    assert titles == sorted(f"task {n}.{i}" for i in range(10) for n in range(4))


def test_dialogue_missing_title_is_asked(chat: Chat) -> None:
    noon = time_span(datetime(2026, 11, 24, 12))
    chat.knows(
        reading("schedule lunch tomorrow at noon", "create", ACTION="schedule", dates={"lunch tomorrow at noon": noon})
    )
    asked = chat("schedule lunch tomorrow at noon")
    assert (asked.operation, asked.reply) == ("clarify", "What should I call the event?")
    done = chat("call it Lunch with Sam")
    assert (done.operation, done.events[0].title, done.events[0].start) == (
        "create",
        "Lunch with Sam",
        "2026-11-24T12:00:00",
    )


@pytest.mark.parametrize(
    "phrase, span, said",
    [
        ("at 3 pm tomorrow", time_span(datetime(2026, 11, 24, 15)), "On Tuesday, November 24 at 3:00 PM you have"),
        (
            "tomorrow afternoon",
            time_span(datetime(2026, 11, 24, 12), end=datetime(2026, 11, 24, 18)),
            "On Tuesday, November 24 between 12:00 PM and 6:00 PM you have",
        ),
    ],
)
def test_dialogue_query_within_a_day_says_the_hours(chat: Chat, phrase: str, span, said: str) -> None:
    chat.make("review", datetime(2026, 11, 24, 15, 30))
    chat.make("dinner", datetime(2026, 11, 24, 19))
    chat.knows(reading(f"what do i have {phrase}", "query", dates={phrase: span}))
    reply = chat(f"what do i have {phrase}")
    assert reply.reply == f'{said} 1 event: "review" at 3:30 PM.'


def test_dialogue_relative_move_read_as_create_still_moves_the_last_event(chat: Chat) -> None:
    # Given the model reads "the following day same time" as a create with no title
    chat.knows(
        reading(
            "uh the following day same time", "create", dates={"the following day same": day_span(date(2026, 11, 24))}
        ),
        reading("when is the dentist", "query", NAME="dentist"),
    )
    chat.make("dentist", datetime(2026, 11, 25, 9))
    chat("when is the dentist")
    moved = chat("uh the following day same time")
    assert (moved.operation, moved.events[0].start) == ("reschedule", "2026-11-26T09:00:00")


def test_dialogue_an_unrelated_sentence_with_a_date_is_no_answer(chat: Chat) -> None:
    # Given a create waiting for its day, when the user says something else that has a date in it
    chat.knows(
        reading("add the dentist", "create", ACTION="add", NAME="dentist"),
        reading("what's the weather tomorrow", "out_of_scope", dates={"tomorrow": day_span(date(2026, 11, 24))}),
        reading(
            "uh how about tomorrow at noon", "create", dates={"tomorrow at noon": time_span(datetime(2026, 11, 24, 12))}
        ),
    )
    chat("add the dentist")
    # Then it is not taken as the day (it is answered as what it is), and a wrapped answer is
    assert chat("what's the weather tomorrow").reply.startswith("Sorry, I can only help")
    assert chat.titles() == []
    chat("add the dentist")
    done = chat("uh how about tomorrow at noon")
    assert (done.operation, done.events[0].start) == ("create", "2026-11-24T12:00:00")


def test_dialogue_repeating_the_command_confirms_it(chat: Chat) -> None:
    chat.make("AI", datetime(2026, 11, 24), datetime(2026, 11, 25), all_day=True)
    chat.knows(
        reading("Cancel the AI event", "cancel", ACTION="Cancel", NAME="AI", DOMAIN="event"),
        reading("cancel it", "cancel", ACTION="cancel"),
    )
    assert chat("Cancel the AI event").operation == "confirm"
    assert chat("cancel it").operation == "cancel"
    assert chat.titles() == []


@pytest.mark.parametrize("session, user", [("", "me"), ("s" * 201, "me"), ("s1", "nul\x00user")])
def test_dialogue_unusable_session_or_user_is_refused(bot: Assistant, session: str, user: str) -> None:
    from assistant import BadInput

    with pytest.raises(BadInput):
        bot.handle(session, "hello", now=NOW, user=user)


@pytest.mark.parametrize("text", ["wipe my calendar clean", "please remove something from my calendar"])
def test_dialogue_cancel_without_saying_which_never_guesses(chat: Chat, text: str) -> None:
    chat.knows(reading("when is the dentist", "query", NAME="dentist"), reading(text, "cancel", DOMAIN="calendar"))
    chat.make("dentist", datetime(2026, 11, 25, 9))
    chat("when is the dentist")  # the dentist is the event last talked about
    reply = chat(text)
    assert reply.operation == "none" and reply.events == []


def test_dialogue_relative_words_in_other_sentences_move_nothing(chat: Chat) -> None:
    chat.knows(
        reading("when is the dentist", "query", NAME="dentist"),
        reading("what will the weather be the day after", "out_of_scope"),
    )
    chat.make("dentist", datetime(2026, 11, 25, 9))
    chat("when is the dentist")
    assert chat("what will the weather be the day after").operation == "none"
    assert chat.titles() == [("dentist", "2026-11-25T09:00:00", "2026-11-25T10:00:00")]


def test_dialogue_a_long_sentence_is_not_taken_as_a_title(chat: Chat) -> None:
    chat.knows(
        reading(
            "remind me tomorrow at two pm",
            "create",
            dates={"tomorrow at two pm": time_span(datetime(2026, 11, 24, 14))},
        )
    )
    assert chat("remind me tomorrow at two pm").reply == "What should I call the event?"
    assert chat("ok google can you please start the radio station now").operation == "none"
    assert chat.titles() == []


def test_dialogue_a_sentence_with_a_time_does_not_pick_a_candidate(chat: Chat) -> None:
    _three_meetings(chat)
    assert chat("cancel the team meeting").operation == "clarify"
    assert chat("set an alarm for ten o'clock tomorrow morning").operation != "cancel"
    assert len(chat.titles()) == 3


def test_dialogue_a_series_is_found_by_any_occurrence(chat: Chat) -> None:
    chat.bot.create_event(
        chat.owner,
        title="standup",
        start=datetime(2026, 11, 23, 9),
        end=datetime(2026, 11, 23, 9, 15),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=MO",
    )
    chat.knows(
        reading(
            "cancel the standup on december 7",
            "cancel",
            NAME="standup",
            dates={"december 7": day_span(date(2026, 12, 7))},
        )
    )
    asked = chat("cancel the standup on december 7")
    assert (asked.operation, asked.events[0].title) == ("confirm", "standup")


def test_dialogue_spelled_out_letters_match_the_title(chat: Chat) -> None:
    chat.make("AI", datetime(2026, 11, 24), datetime(2026, 11, 25), all_day=True)
    chat.knows(reading("cancel the a i event", "cancel", NAME="a i", DOMAIN="event"))
    assert chat("cancel the a i event").events[0].title == "AI"


def test_dialogue_times_are_read_and_stored_in_the_callers_zone(
    bot: Assistant, scripted: ScriptedParser, owner: str
) -> None:
    from zoneinfo import ZoneInfo

    ny = ZoneInfo("America/New_York")
    scripted.add(
        reading(
            "schedule review tomorrow at 10",
            "create",
            NAME="review",
            dates={"tomorrow at 10": time_span(datetime(2026, 11, 24, 10), tz="America/New_York")},
        )
    )
    reply = bot.handle(
        "ny",
        "schedule review tomorrow at 10",
        now=datetime(2026, 11, 23, 9, tzinfo=ny),
        tz="America/New_York",
        user=owner,
    )
    assert reply.reply == 'Scheduled "review" for Tuesday, November 24 at 10:00 AM.'
    with bot.sessions.begin() as session:
        row = session.scalars(select(Event).where(Event.owner == owner)).one()
        assert (row.start_utc, row.tz) == (datetime(2026, 11, 24, 15), "America/New_York")
    assert bot.events(owner, tz="Europe/Paris")[0].start == "2026-11-24T16:00:00"


def test_dialogue_it_after_a_list_asks_which_one(chat: Chat) -> None:
    chat.make("AI", datetime(2026, 11, 24), datetime(2026, 11, 25), all_day=True)
    chat.make("competitions", datetime(2026, 11, 24), datetime(2026, 11, 25), all_day=True)
    chat.knows(
        reading("what do i have tomorrow", "query", dates={"tomorrow": day_span(date(2026, 11, 24))}),
        reading(
            "move it to five pm", "reschedule", ACTION="move", dates={"five pm": time_span(datetime(2026, 11, 23, 17))}
        ),
    )
    assert len(chat("what do i have tomorrow").events) == 2
    asked = chat("move it to five pm")
    assert (asked.operation, [e.title for e in asked.events]) == ("clarify", ["AI", "competitions"])
    moved = chat("the second one")
    assert (moved.operation, moved.events[0].title, moved.events[0].start) == (
        "reschedule",
        "competitions",
        "2026-11-24T17:00:00",
    )


def test_dialogue_past_time_in_the_repeated_hour_is_confirmed(chat: Chat) -> None:
    # Given 02:30 after Paris fell back (the second 02:30, fold=1) and a call at the first 02:45,
    # which was three quarters of an hour ago in real time
    now = datetime(2026, 10, 25, 2, 30, fold=1)
    quarter_to = time_span(datetime(2026, 10, 25, 2, 45), grain="minute")
    chat.knows(reading("schedule the call at 2:45", "create", NAME="call", dates={"at 2:45": quarter_to}))
    # When it is scheduled, Then the assistant asks first, as for any time in the past
    asked = chat("schedule the call at 2:45", now=now)
    assert asked.operation == "confirm" and "is in the past" in asked.reply
    assert chat.titles() == []


def test_dialogue_a_bare_clock_time_names_the_event_at_that_time_on_its_own_day(chat: Chat) -> None:
    # Given a meeting tomorrow at 3 pm and another one at 11 am (the user's zone, Paris)
    chat.make("team meeting", datetime(2026, 11, 24, 15))
    chat.make("sales meeting", datetime(2026, 11, 24, 11))
    today_at = {h: time_span(NOW.replace(hour=h)) for h in (15, 16, 17, 18)}
    chat.knows(
        reading(
            "move the 3 pm meeting to 5 pm",
            "reschedule",
            ACTION="move",
            DOMAIN="meeting",
            dates={"3 pm": today_at[15], "5 pm": today_at[17]},
            roles={"3 pm": "old", "5 pm": "new"},
        ),
        reading(
            "move the 4 pm meeting to 6 pm",
            "reschedule",
            ACTION="move",
            DOMAIN="meeting",
            dates={"4 pm": today_at[16], "6 pm": today_at[18]},
            roles={"4 pm": "old", "6 pm": "new"},
        ),
    )
    # When the move names the meeting by its clock time alone ("3 pm" resolves to today's)
    moved = chat("move the 3 pm meeting to 5 pm")
    # Then it is the meeting at 3 pm on its own day, moved on that day, and the reply says so
    assert (moved.operation, moved.reply) == (
        "reschedule",
        'Moved "team meeting" on Tuesday, November 24 from 3:00 PM to 5:00 PM.',
    )
    assert ("team meeting", "2026-11-24T17:00:00", "2026-11-24T18:00:00") in chat.titles()
    # and a clock time no meeting has moves nothing
    assert chat("move the 4 pm meeting to 6 pm").operation != "reschedule"
    assert sorted(chat.titles()) == [
        ("sales meeting", "2026-11-24T11:00:00", "2026-11-24T12:00:00"),
        ("team meeting", "2026-11-24T17:00:00", "2026-11-24T18:00:00"),
    ]


def test_dialogue_a_bare_clock_time_through_the_shipped_model(shipped_parser, db_url: str, owner: str) -> None:
    bot = Assistant(db_url, parser=shipped_parser)
    bot.handle("clock", "add gym on friday at 6 pm", now=NOW, tz="UTC", user=owner)
    moved = bot.handle("clock", "shift gym from 6 to 7pm", now=NOW, tz="UTC", user=owner)
    assert (moved.operation, moved.reply) == (
        "reschedule",
        'Moved "gym" on Friday, November 27 from 6:00 PM to 7:00 PM.',
    )
    assert [(e.title, e.start) for e in bot.events(owner, tz="UTC")] == [("gym", "2026-11-27T19:00:00")]


def test_dialogue_everyone_listed_is_added_through_the_shipped_model(shipped_parser, db_url: str, owner: str) -> None:
    # Given a team sync; when two people are added, one of them a name the model never saw
    bot = Assistant(db_url, parser=shipped_parser)
    bot.handle("people", "add team sync on friday at 10am", now=NOW, tz="UTC", user=owner)
    added = bot.handle("people", "add jim and priyanka to the team sync", now=NOW, tz="UTC", user=owner)
    # Then both are attendees, and the reply names both
    assert (added.operation, added.reply) == (
        "update",
        'Added jim and priyanka to "team sync" (Friday, November 27 at 10:00 AM).',
    )
    [event] = bot.events(owner, tz="UTC")
    assert sorted(event.attendees) == ["jim", "priyanka"]


def test_dialogue_a_cancel_by_bare_clock_time_asks_about_the_event_at_that_time(chat: Chat) -> None:
    # Given a meeting tomorrow at 3 pm; "3 pm" alone resolves to today's
    chat.make("team meeting", datetime(2026, 11, 24, 15))
    chat.knows(
        reading(
            "cancel the 3 pm meeting",
            "cancel",
            ACTION="cancel",
            DOMAIN="meeting",
            dates={"3 pm": time_span(NOW.replace(hour=15))},
        )
    )
    # When it is cancelled by its clock time: the question names tomorrow's meeting, and yes cancels it
    asked = chat("cancel the 3 pm meeting")
    assert (asked.operation, asked.reply) == ("confirm", 'Cancel "team meeting" on Tuesday, November 24 at 3:00 PM?')
    assert chat("yes").operation == "cancel"
    assert chat.titles() == []


# -- a bare hour moved to another day (assistant/timing.py, moved_clock) ------------------------
def _bare(moment: datetime, other: datetime, grain: str = "hour"):
    """A bare hour as the resolver gives it: `moment`, with its am/pm twin `other` in alternatives."""
    from dataclasses import replace

    return replace(time_span(moment, grain=grain), alternatives=(time_span(other, grain=grain),))


def _occurrence_starts(bot: Assistant, owner: str, start: datetime, end: datetime) -> list[str]:
    return [v.start for v in bot.events(owner, start=start, end=end, expand=True)]


def test_dialogue_a_bare_hour_moved_to_another_day_keeps_the_events_part_of_the_day(
    chat: Chat, bot: Assistant, owner: str
) -> None:
    # Given a weekly standup at 9:00 and, at 9:00 today, "eight thirty" read as 20:30 today
    # (8:30 is over) with tomorrow's 8:30 as the other reading
    bot.create_event(
        owner,
        title="standup",
        start=datetime(2026, 11, 23, 9),
        end=datetime(2026, 11, 23, 9, 15),
        recurrence="FREQ=WEEKLY;BYDAY=MO",
    )
    eight_thirty = _bare(datetime(2026, 11, 23, 20, 30), datetime(2026, 11, 24, 8, 30), grain="minute")
    chat.knows(
        reading(
            "move the standup on the thirtieth to eight thirty",
            "reschedule",
            ACTION="move",
            NAME="standup",
            dates={"the thirtieth": day_span(date(2026, 11, 30)), "eight thirty": eight_thirty},
            roles={"the thirtieth": "old", "eight thirty": "new"},
        )
    )
    # When next Monday's standup is moved to "eight thirty", only that one
    asked = chat("move the standup on the thirtieth to eight thirty")
    assert asked.reply.startswith('Move "standup" on Monday, November 30 at 9:00 AM to Monday, November 30 at 8:30 AM?')
    assert chat("only this one").operation == "reschedule"
    # Then it is at 8:30 AM that day, and the next one at 9:00 as before
    starts = _occurrence_starts(bot, owner, datetime(2026, 11, 30), datetime(2026, 12, 8))
    assert starts == ["2026-11-30T08:30:00", "2026-12-07T09:00:00"]


def test_dialogue_a_bare_hour_with_a_day_keeps_an_evening_event_in_the_evening(chat: Chat) -> None:
    # Given dinner on Thursday at 7 PM; "saturday at eight" is 08:00 to the resolver, 20:00 the other reading
    chat.make("dinner with Ann", datetime(2026, 11, 26, 19), datetime(2026, 11, 26, 21))
    at_eight = _bare(datetime(2026, 11, 28, 8), datetime(2026, 11, 28, 20))
    chat.knows(
        reading(
            "move dinner with ann to saturday at eight",
            "reschedule",
            ACTION="move",
            NAME="dinner",
            PERSON="ann",
            dates={"saturday at eight": at_eight},
        )
    )
    moved = chat("move dinner with ann to saturday at eight")
    # Then it moves to 8 PM, its length kept
    assert moved.operation == "reschedule"
    assert chat.titles() == [("dinner with Ann", "2026-11-28T20:00:00", "2026-11-28T22:00:00")]


def test_dialogue_a_bare_hour_on_the_resolvers_own_day_is_never_moved_into_the_past(chat: Chat) -> None:
    # Given a call today at 3 PM, at 9:00: "eight" is 20:00 today (8:00 is over), 08:00 tomorrow the other reading
    chat.make("call with Bo", datetime(2026, 11, 23, 15))
    chat.knows(
        reading(
            "move the call with bo to eight",
            "reschedule",
            ACTION="move",
            NAME="call with bo",
            dates={"eight": _bare(datetime(2026, 11, 23, 20), datetime(2026, 11, 24, 8))},
        )
    )
    chat("move the call with bo to eight")
    # Then it stays today, at 8 PM (8 AM today is over)
    assert chat.titles() == [("call with Bo", "2026-11-23T20:00:00", "2026-11-23T21:00:00")]


# -- a change of "it" the NLU read as a create, a time the NLU read as an update (edits.py) --------
def _rowing(chat: Chat) -> None:
    friday_7 = time_span(datetime(2026, 11, 27, 7))
    chat.knows(
        reading(
            "book a rowing lesson on friday at 7am",
            "create",
            ACTION="book",
            NAME="rowing lesson",
            dates={"friday at 7am": friday_7},
        )
    )
    assert chat("book a rowing lesson on friday at 7am").operation == "create"


def test_dialogue_a_place_for_it_read_as_a_create_sets_the_place_of_the_event_talked_about(
    chat: Chat, bot: Assistant, owner: str
) -> None:
    _rowing(chat)
    chat.knows(reading("put it at the boathouse", "create", confidence=0.9, ACTION="put", LOCATION="the boathouse"))
    placed = chat("put it at the boathouse")
    assert (placed.operation, placed.reply) == (
        "update",
        '"rowing lesson" (Friday, November 27 at 7:00 AM) is now at the boathouse.',
    )
    assert [(e.title, e.start, e.location) for e in bot.events(owner)] == [
        ("rowing lesson", "2026-11-27T07:00:00", "the boathouse")
    ]


def test_dialogue_a_day_for_that_read_as_a_create_moves_the_event_talked_about(chat: Chat) -> None:
    _rowing(chat)
    chat.knows(
        reading(
            "make that saturday",
            "create",
            confidence=0.9,
            ACTION="make",
            dates={"saturday": day_span(date(2026, 11, 28))},
        )
    )
    moved = chat("make that saturday")
    assert (moved.operation, moved.reply) == (
        "reschedule",
        'Moved "rowing lesson" on Friday, November 27 at 7:00 AM to Saturday, November 28 at 7:00 AM.',
    )
    assert chat.titles() == [("rowing lesson", "2026-11-28T07:00:00", "2026-11-28T08:00:00")]


def test_dialogue_a_change_of_it_the_nlu_was_unsure_of_is_asked_first(chat: Chat) -> None:
    _rowing(chat)
    chat.knows(
        reading(
            "make that saturday",
            "create",
            confidence=0.4,
            ACTION="make",
            dates={"saturday": day_span(date(2026, 11, 28))},
        )
    )
    asked = chat("make that saturday")
    assert (asked.operation, asked.reply) == (
        "confirm",
        'Did you mean to move "rowing lesson" on Friday, November 27 at 7:00 AM to Saturday, November 28 at 7:00 AM?',
    )
    assert chat.titles() == [("rowing lesson", "2026-11-27T07:00:00", "2026-11-27T08:00:00")]
    assert chat("yes").operation == "reschedule"
    assert chat.titles() == [("rowing lesson", "2026-11-28T07:00:00", "2026-11-28T08:00:00")]


@pytest.mark.parametrize(
    "parse",
    [
        # a reminder about "it" is a new reminder, not a move
        reading(
            "remind me about it tomorrow",
            "create",
            ACTION="remind me",
            dates={"tomorrow": day_span(date(2026, 11, 24))},
        ),
        # a place and a time together: not read as one change
        reading(
            "put it at the boathouse on saturday",
            "create",
            ACTION="put",
            LOCATION="the boathouse",
            dates={"saturday": day_span(date(2026, 11, 28))},
        ),
    ],
    ids=["reminder", "place and time"],
)
def test_dialogue_a_create_of_it_that_is_no_plain_change_moves_nothing(chat: Chat, parse) -> None:
    _rowing(chat)
    chat.knows(parse)
    assert chat(parse.text).operation == "clarify"  # "What should I call the event?", as before
    assert chat.titles() == [("rowing lesson", "2026-11-27T07:00:00", "2026-11-27T08:00:00")]


def test_dialogue_a_place_for_it_with_no_event_talked_about_is_still_a_create(chat: Chat) -> None:
    chat.knows(reading("put it at the boathouse", "create", confidence=0.9, ACTION="put", LOCATION="the boathouse"))
    asked = chat("put it at the boathouse")
    assert (asked.operation, asked.reply) == ("clarify", "What should I call the event?")
    assert chat.titles() == []


def test_dialogue_an_update_that_only_says_a_day_moves_the_event_named(chat: Chat) -> None:
    chat.make("dentist", datetime(2026, 11, 27, 15))
    chat.knows(
        reading(
            "make the dentist thursday",
            "update",
            ACTION="make",
            NAME="dentist",
            dates={"thursday": day_span(date(2026, 11, 26))},
        )
    )
    moved = chat("make the dentist thursday")
    assert (moved.operation, moved.reply) == (
        "reschedule",
        'Moved "dentist" on Friday, November 27 at 3:00 PM to Thursday, November 26 at 3:00 PM.',
    )
    assert chat.titles() == [("dentist", "2026-11-26T15:00:00", "2026-11-26T16:00:00")]


def test_dialogue_undo_after_a_lead_in_reverts_the_cancel(chat: Chat) -> None:
    # Given the dentist cancelled in this conversation (the model reads "wait undo that" as out of scope)
    chat.make("dentist", datetime(2026, 11, 27, 15))
    chat.knows(reading("delete the dentist", "cancel", ACTION="delete", NAME="dentist"))
    chat("delete the dentist")
    assert chat("yes").operation == "cancel" and chat.titles() == []
    # When the user takes it back with a lead-in, Then the dentist is back as it was
    undone = chat("wait, undo that")
    assert (undone.operation, undone.reply) == ("undo", 'Undone: "dentist" on Friday, November 27 at 3:00 PM is back.')
    assert chat.titles() == [("dentist", "2026-11-27T15:00:00", "2026-11-27T16:00:00")]


def test_dialogue_saying_when_to_an_unsure_create_without_a_day_is_a_yes(chat: Chat) -> None:
    # Given a create the NLU was unsure of, said without a day: it asks "Did you mean ...?"
    chat.knows(reading("add a team offsite", "create", confidence=0.5, ACTION="add", NAME="team offsite"))
    asked = chat("add a team offsite")
    assert (asked.operation, asked.reply) == ("confirm", 'Did you mean to schedule "team offsite"?')
    # When the answer is the day (read by the date resolver), Then it is scheduled that day
    done = chat("december the third")
    assert (done.operation, done.reply) == ("create", 'Scheduled "team offsite" for Thursday, December 3 (all day).')
    assert chat.titles() == [("team offsite", "2026-12-03T00:00:00", "2026-12-04T00:00:00")]


def test_dialogue_a_day_said_to_a_duplicate_question_is_no_yes(chat: Chat) -> None:
    # Given "already have ... schedule another one?" about a create that had its day
    chat.make("dentist", datetime(2026, 11, 27, 15))
    at_three = time_span(datetime(2026, 11, 27, 15))
    chat.knows(
        reading("add dentist friday at 3", "create", ACTION="add", NAME="dentist", dates={"friday at 3": at_three})
    )
    assert chat("add dentist friday at 3").operation == "confirm"
    # When the answer is a day, Then nothing is written on its strength
    chat("december the third")
    assert chat.titles() == [("dentist", "2026-11-27T15:00:00", "2026-11-27T16:00:00")]


def _haircut_asked_about(chat: Chat) -> None:
    """ "Did you mean to schedule "haircut" for Thursday, December 3 at 4:30 PM?" is open."""
    said = "book me a haircut next thursday at 4:30pm"
    at = time_span(datetime(2026, 12, 3, 16, 30))
    chat.knows(
        reading(said, "create", confidence=0.61, ACTION="book", NAME="haircut", dates={"next thursday at 4:30pm": at})
    )
    asked = chat(said)
    assert asked.operation == "confirm" and chat.titles() == []


@pytest.mark.parametrize(
    "answer, dates, want",
    [
        # a time alone stays on the day asked about
        ("actually make that 5", {}, ("2026-12-03T17:00:00", "2026-12-03T18:00:00")),
        ("an hour later", {}, ("2026-12-03T17:30:00", "2026-12-03T18:30:00")),
        # "no" with a time corrects rather than declines; a day said moves the day too
        (
            "no, friday at 5",
            {"friday at 5": time_span(datetime(2026, 11, 27, 17))},
            ("2026-11-27T17:00:00", "2026-11-27T18:00:00"),
        ),
        ("no, friday", {"friday": day_span(date(2026, 11, 27))}, ("2026-11-27T16:30:00", "2026-11-27T17:30:00")),
    ],
)
def test_dialogue_a_time_corrected_while_a_create_is_asked_about_is_written_at_the_new_time(
    chat: Chat, answer: str, dates: dict, want: tuple[str, str]
) -> None:
    _haircut_asked_about(chat)
    chat.knows(reading(answer, "reschedule", confidence=0.38, dates=dates))
    done = chat(answer)
    assert done.operation == "create"
    assert chat.titles() == [("haircut", *want)]


def test_dialogue_a_plain_no_to_a_create_asked_about_writes_nothing(chat: Chat) -> None:
    _haircut_asked_about(chat)
    assert chat("no").reply == "OK, I won't schedule it."
    assert chat.titles() == []


def test_dialogue_a_query_by_a_plural_kind_no_title_has_lists_every_event_of_the_window(chat: Chat) -> None:
    from nlu.dates import resolve

    chat.make("client meeting", datetime(2026, 11, 25, 14))
    chat.make("dentist", datetime(2026, 11, 27, 9))
    week = resolve("this week", NOW, "Europe/Paris")
    chat.knows(
        reading("how many meetings do i have this week", "query", DOMAIN="meetings", dates={"this week": week}),
        reading("any appointments this week", "query", DOMAIN="appointments", dates={"this week": week}),
    )
    meetings = chat("how many meetings do i have this week")
    assert meetings.reply.endswith('you have 1 event: "client meeting" on Wednesday, November 25 at 2:00 PM.')
    everything = chat("any appointments this week")
    assert [e.title for e in everything.events] == ["client meeting", "dentist"]


def test_dialogue_cancel_that_with_no_question_open_cancels_the_event_talked_about(chat: Chat) -> None:
    chat.make("dentist", datetime(2026, 11, 27, 15))
    chat.knows(
        reading("when is the dentist", "query", NAME="dentist"),
        reading("cancel that", "cancel", ACTION="cancel"),
    )
    assert chat("when is the dentist").operation == "query"
    asked = chat("cancel that")
    assert (asked.operation, asked.reply) == ("confirm", 'Cancel "dentist" on Friday, November 27 at 3:00 PM?')
    assert chat("yes").operation == "cancel" and chat.titles() == []


def test_dialogue_undoing_a_change_says_the_event_is_back_as_it_was(chat: Chat) -> None:
    chat.make("dentist", datetime(2026, 11, 27, 15))
    chat.knows(
        reading("add sara to the dentist", "update", ACTION="add", NAME="dentist", PERSON="sara", roles={"sara": "new"})
    )
    assert chat("add sara to the dentist").operation == "update"
    undone = chat("undo")
    assert undone.reply == 'Undone: "dentist" on Friday, November 27 at 3:00 PM is back as it was.'
    assert [e.attendees for e in chat.bot.events(chat.owner)] == [()]


def test_dialogue_when_is_an_event_names_its_people(chat: Chat) -> None:
    chat.bot.create_event(
        chat.owner,
        title="dentist",
        start=datetime(2026, 11, 27, 15),
        end=datetime(2026, 11, 27, 16),
        attendees=["Sara", "Tom"],
    )
    chat.knows(reading("when is the dentist", "query", NAME="dentist"))
    assert chat("when is the dentist").reply == '"dentist" is on Friday, November 27 at 3:00 PM, with Sara and Tom.'


@pytest.mark.parametrize(
    "text, reply",
    [
        ("Thanks!", "You're welcome!"),
        ("thank you so much", "You're welcome!"),
        ("ok great thanks", "You're welcome!"),
        ("Hello", 'Hi! What can I do for your calendar? For example "what do I have tomorrow".'),
        ("bye", "Bye for now!"),
        ("ok", "There is nothing waiting for a yes or no right now."),
        (
            "play some jazz",
            "Sorry, I can only help with your calendar: scheduling, moving, cancelling or listing events, and finding free time.",
        ),
    ],
)
def test_dialogue_thanks_and_greetings_get_a_polite_answer_and_write_nothing(chat: Chat, text: str, reply: str) -> None:
    chat.knows(reading(text, "out_of_scope"))
    said = chat(text)
    assert (said.operation, said.reply) == ("none", reply)
    assert chat.titles() == []


def test_dialogue_a_move_to_a_day_at_the_same_time_keeps_the_events_time(chat: Chat) -> None:
    from nlu.dates import resolve

    chat.make("design review", datetime(2026, 11, 27, 14), datetime(2026, 11, 27, 15, 30))
    said = "move the design review to next monday same time"
    chat.knows(
        reading(
            said,
            "reschedule",
            NAME="design review",
            dates={"next monday same time": resolve("next monday same time", NOW, "Europe/Paris")},
        )
    )
    moved = chat(said)
    assert moved.operation == "reschedule"
    assert chat.titles() == [("design review", "2026-11-30T14:00:00", "2026-11-30T15:30:00")]


def _length(minutes: int) -> TimeSpan:
    return TimeSpan(None, None, "minute", duration=timedelta(minutes=minutes))


def test_dialogue_a_new_length_keeps_the_start_and_changes_the_end(chat: Chat) -> None:
    chat.make("design review", datetime(2026, 11, 27, 14))
    chat.knows(
        reading(
            "make it an hour and a half long", "reschedule", ACTION="make it", dates={"an hour and a half": _length(90)}
        ),
        # the model reads "extend" as a cancel: the length word decides
        reading(
            "extend the design review by 30 minutes", "cancel", NAME="design review", dates={"30 minutes": _length(30)}
        ),
        reading("shorten it by 15 minutes", "reschedule", dates={"15 minutes": _length(15)}),
    )
    chat.knows(reading("when is the design review", "query", NAME="design review"))
    chat("when is the design review")
    longer = chat("make it an hour and a half long")
    assert (longer.operation, longer.reply) == (
        "reschedule",
        '"design review" on Friday, November 27 now runs from 2:00 PM to 3:30 PM.',
    )
    assert chat("extend the design review by 30 minutes").operation == "reschedule"
    assert chat.titles() == [("design review", "2026-11-27T14:00:00", "2026-11-27T16:00:00")]
    chat("shorten it by 15 minutes")
    assert chat.titles() == [("design review", "2026-11-27T14:00:00", "2026-11-27T15:45:00")]


@pytest.mark.parametrize(
    "text, intent, said, want",
    [
        ("make it an hour and a half long", "reschedule", 90, (timedelta(minutes=90), None)),
        ("extend the meeting by 30 minutes", "cancel", 30, (None, timedelta(minutes=30))),
        ("cut it by 15 minutes", "reschedule", 15, (None, timedelta(minutes=-15))),
        ("cancel the 30 minutes call", "cancel", 30, None),  # a cancel without a word of length
    ],
)
def test_dialogue_followups_resize(text: str, intent: str, said: int, want) -> None:
    from assistant import followups

    assert followups.resize(text, _length(said), intent) == want


def test_dialogue_after_a_list_an_event_is_named_by_its_place(chat: Chat) -> None:
    from nlu.dates import resolve

    chat.make("yoga", datetime(2026, 11, 24, 7))
    chat.make("dentist", datetime(2026, 11, 24, 15))
    tuesday = resolve("tuesday", NOW, "Europe/Paris")
    wednesday = resolve("wednesday", NOW, "Europe/Paris")
    chat.knows(
        reading("what do i have on tuesday", "query", dates={"tuesday": tuesday}),
        reading("move the second one to wednesday", "reschedule", ACTION="move", dates={"wednesday": wednesday}),
        reading("cancel the first one", "cancel", ACTION="cancel", NAME="first one"),
    )
    chat("what do i have on tuesday")
    moved = chat("move the second one to wednesday")
    assert moved.operation == "reschedule" and moved.events[0].title == "dentist"
    chat("what do i have on tuesday")
    asked = chat("cancel the first one")
    assert (asked.operation, asked.reply) == ("confirm", 'Cancel "yoga" on Tuesday, November 24 at 7:00 AM?')


@pytest.mark.parametrize(
    "text, count, want",
    [
        ("move the second one to wednesday", 3, 1),
        ("cancel the last one", 3, 2),
        ("number 2 is off", 2, 1),
        ("the one on friday", 2, None),
        ("cancel the fifth one", 2, None),
        ("move two meetings", 3, None),
    ],
)
def test_dialogue_followups_listed_pick(text: str, count: int, want: int | None) -> None:
    from assistant import followups

    assert followups.listed_pick(text, count) == want


def test_dialogue_a_bare_time_right_after_a_create_is_that_events_time(chat: Chat) -> None:
    friday = day_span(date(2026, 11, 27))
    chat.knows(
        reading(
            "schedule the dentist for friday", "create", ACTION="schedule", NAME="dentist", dates={"friday": friday}
        ),
        reading("at 2", "create", confidence=0.9, dates={"2": time_span(datetime(2026, 11, 23, 14))}),
    )
    assert chat("schedule the dentist for friday").operation == "create"
    moved = chat("at 2")
    assert moved.operation == "reschedule"
    assert chat.titles() == [("dentist", "2026-11-27T14:00:00", "2026-11-27T15:00:00")]


def test_dialogue_a_question_is_no_title(chat: Chat) -> None:
    tomorrow = day_span(date(2026, 11, 24))
    chat.knows(
        reading("schedule something tomorrow", "create", ACTION="schedule", dates={"tomorrow": tomorrow}),
        reading("what's the earliest thing tomorrow", "out_of_scope", confidence=0.96, dates={"tomorrow": tomorrow}),
    )
    assert chat("schedule something tomorrow").reply == "What should I call the event?"
    chat("what's the earliest thing tomorrow")
    assert chat.titles() == []


@pytest.mark.parametrize(
    "text, asks",
    [
        ("what's the earliest thing tomorrow", True),
        ("do i have anything on friday", True),
        ("Lunch with Sam?", True),
        ("do taxes", False),
        ("team lunch", False),
    ],
)
def test_dialogue_followups_is_question(text: str, asks: bool) -> None:
    from assistant import followups

    assert followups.is_question(text) is asks
