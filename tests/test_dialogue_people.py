"""People, titles and places: the stored title is composed from the slots ("lunch with
Sara", attendee Sara); people are added and removed; renames; new places; a meal word a
calendar verb acts on is a title ("move lunch to one thirty", "cancel lunch")."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from assistant import Assistant
from assistant.models import Event
from assistant.testing import ScriptedParser, reading, time_span
from nlu.dates import resolve

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday
TZ = "Europe/Paris"
NOON = time_span(datetime(2026, 11, 24, 12))


def stored(bot: Assistant, owner: str) -> list[tuple]:
    with bot.sessions.begin() as session:
        return [
            (r.title, r.start_utc, list(r.attendees), r.location, r.cancelled_at is not None)
            for r in session.scalars(select(Event).where(Event.owner == owner).order_by(Event.id))
        ]


def say(bot: Assistant, owner: str, text: str):
    return bot.handle("s1", text, now=NOW, user=owner)


@pytest.mark.parametrize(
    "parse",
    [
        reading(
            "lunch with Sara tomorrow at noon", "create", NAME="lunch", PERSON="Sara", dates={"tomorrow at noon": NOON}
        ),
        # the shipped model of today hears the meal word as a time: it is still the title
        reading(
            "lunch with Sara tomorrow at noon",
            "create",
            PERSON="Sara",
            dates={"lunch": resolve("lunch", NOW, TZ), "tomorrow at noon": NOON},
            when=NOON,
        ),
    ],
    ids=["name", "meal-read-as-time"],
)
def test_dialogue_people_title_is_composed_with_the_people(bot, scripted: ScriptedParser, owner, parse) -> None:
    scripted.add(parse)
    done = say(bot, owner, "lunch with Sara tomorrow at noon")
    assert (done.operation, done.reply) == (
        "create",
        'Scheduled "lunch with Sara" for Tuesday, November 24 at 12:00 PM.',
    )
    assert stored(bot, owner) == [("lunch with Sara", datetime(2026, 11, 24, 11), ["Sara"], None, False)]


def test_dialogue_people_a_meeting_with_someone_needs_no_name(bot, scripted, owner) -> None:
    scripted.add(
        reading(
            "meet with joe tomorrow at three",
            "create",
            PERSON="joe",
            dates={"tomorrow at three": time_span(datetime(2026, 11, 24, 15))},
        )
    )
    done = say(bot, owner, "meet with joe tomorrow at three")
    assert (done.operation, done.events[0].title, done.events[0].attendees) == ("create", "meeting with joe", ("joe",))


def test_dialogue_people_added_and_removed(bot, scripted, owner) -> None:
    bot.create_event(owner, title="dentist", start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 10))
    scripted.add(
        reading(
            "add jim and jerry to the dentist",
            "update",
            ACTION="add",
            PERSON=["jim", "jerry"],
            NAME="dentist",
            roles={"jim": "new", "jerry": "new"},
        )
    )
    scripted.add(
        reading(
            "remove jim from the dentist", "update", ACTION="remove", PERSON="jim", NAME="dentist", roles={"jim": "old"}
        )
    )
    added = say(bot, owner, "add jim and jerry to the dentist")
    assert (added.operation, added.reply) == (
        "update",
        'Added jim and jerry to "dentist" (Wednesday, November 25 at 9:00 AM).',
    )
    assert stored(bot, owner) == [("dentist", datetime(2026, 11, 25, 8), ["jim", "jerry"], None, False)]
    again = say(bot, owner, "add jim and jerry to the dentist")
    assert (again.operation, again.reply) == ("none", 'jim and jerry are already on "dentist".')
    removed = say(bot, owner, "remove jim from the dentist")
    assert removed.reply == 'Removed jim from "dentist" (Wednesday, November 25 at 9:00 AM).'
    assert stored(bot, owner)[0][2] == ["jerry"]
    assert say(bot, owner, "remove jim from the dentist").reply == 'jim was not on "dentist".'
    assert stored(bot, owner)[0][2] == ["jerry"]


def test_dialogue_people_rename_by_roles_and_call_it(bot, scripted, owner) -> None:
    bot.create_event(owner, title="lunch", start=datetime(2026, 11, 24, 12), end=datetime(2026, 11, 24, 13))
    scripted.add(
        reading(
            "rename lunch to team lunch",
            "update",
            ACTION="rename",
            NAME=["lunch", "team lunch"],
            roles={"lunch": "old", "team lunch": "new"},
        )
    )
    scripted.add(reading("call it team sync", "update", ACTION="call it", NAME="team sync"))
    done = say(bot, owner, "rename lunch to team lunch")
    assert (done.operation, done.reply) == (
        "update",
        'Renamed "lunch" to "team lunch" (Tuesday, November 24 at 12:00 PM).',
    )
    again = say(bot, owner, "call it team sync")  # "it": the event just renamed
    assert again.reply == 'Renamed "team lunch" to "team sync" (Tuesday, November 24 at 12:00 PM).'
    assert stored(bot, owner) == [("team sync", datetime(2026, 11, 24, 11), [], None, False)]
    say(bot, owner, "undo")
    assert stored(bot, owner)[0][0] == "team lunch"


def test_dialogue_people_call_it_renames_the_event_talked_about_whatever_the_nlu_read(bot, scripted, owner) -> None:
    bot.create_event(owner, title="lunch", start=datetime(2026, 11, 24, 12), end=datetime(2026, 11, 24, 13))
    scripted.add(reading("when is lunch", "query", NAME="lunch"))
    scripted.add(reading("call it design crit", "out_of_scope", confidence=0.82))
    scripted.add(reading("call it a day", "out_of_scope", confidence=0.9))
    say(bot, owner, "when is lunch")
    done = say(bot, owner, "call it design crit")
    assert (done.operation, done.reply) == (
        "update",
        'Renamed "lunch" to "design crit" (Tuesday, November 24 at 12:00 PM).',
    )
    assert say(bot, owner, "call it a day").operation == "none"
    assert stored(bot, owner) == [("design crit", datetime(2026, 11, 24, 11), [], None, False)]


@pytest.mark.parametrize(
    "text, title",
    [
        ("call it design crit", "design crit"),
        ("Rename it to 'Team Sync'.", "Team Sync"),
        ("ok name that one the offsite please", "the offsite"),
        ("call it a day", None),
        ("call mom about it", None),
    ],
)
def test_dialogue_people_renamed_to(text, title) -> None:
    from assistant.followups import renamed_to

    assert renamed_to(text) == title


@pytest.mark.parametrize(
    "parse",
    [
        reading(
            "change the location of the dentist to the city clinic",
            "update",
            ACTION="change",
            NAME="dentist",
            LOCATION="the city clinic",
        ),
        reading(
            "move the dentist to the city clinic",
            "reschedule",
            ACTION="move",
            NAME="dentist",
            LOCATION="the city clinic",
        ),
    ],
    ids=["update", "reschedule"],
)
def test_dialogue_people_a_new_place_moves_no_time(bot, scripted, owner, parse) -> None:
    bot.create_event(owner, title="dentist", start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 10))
    scripted.add(parse)
    done = say(bot, owner, parse.text)
    assert (done.operation, done.reply) == (
        "update",
        '"dentist" (Wednesday, November 25 at 9:00 AM) is now at the city clinic.',
    )
    assert stored(bot, owner) == [("dentist", datetime(2026, 11, 25, 8), [], "the city clinic", False)]


@pytest.mark.parametrize(
    "parse",
    [
        reading(
            "move lunch to one thirty",
            "reschedule",
            ACTION="move",
            NAME="lunch",
            dates={"one thirty": resolve("one thirty", NOW, TZ)},
        ),
        reading(
            "move lunch to one thirty",
            "reschedule",
            ACTION="move",  # today's model: "lunch" as a time
            dates={"lunch": resolve("lunch", NOW, TZ), "one thirty": resolve("one thirty", NOW, TZ)},
            roles={"lunch": "old", "one thirty": "new"},
        ),
    ],
    ids=["name", "meal-read-as-time"],
)
def test_dialogue_people_move_lunch_finds_lunch(bot, scripted, owner, parse) -> None:
    bot.create_event(owner, title="lunch", start=datetime(2026, 11, 24, 12), end=datetime(2026, 11, 24, 13))
    scripted.add(parse)
    done = say(bot, owner, "move lunch to one thirty")
    assert (done.operation, done.reply) == (
        "reschedule",
        'Moved "lunch" on Tuesday, November 24 from 12:00 PM to 1:30 PM.',
    )
    assert stored(bot, owner) == [("lunch", datetime(2026, 11, 24, 12, 30), [], None, False)]


def test_dialogue_people_cancel_lunch_finds_lunch(bot, scripted, owner) -> None:
    bot.create_event(owner, title="lunch", start=datetime(2026, 11, 24, 12), end=datetime(2026, 11, 24, 13))
    scripted.add(reading("cancel lunch", "cancel", ACTION="cancel", dates={"lunch": resolve("lunch", NOW, TZ)}))
    asked = say(bot, owner, "cancel lunch")
    assert asked.reply == 'Cancel "lunch" on Tuesday, November 24 at 12:00 PM?'
    say(bot, owner, "yes")
    assert stored(bot, owner)[0][4] is True


def test_dialogue_people_what_do_i_have_at_lunch_stays_a_time(bot, scripted, owner) -> None:
    bot.create_event(owner, title="call with Ann", start=datetime(2026, 11, 23, 12, 30), end=datetime(2026, 11, 23, 13))
    scripted.add(reading("what do i have at lunch", "query", dates={"lunch": resolve("lunch", NOW, TZ)}))
    assert [e.title for e in say(bot, owner, "what do i have at lunch").events] == ["call with Ann"]


def test_dialogue_people_e2e_add_people(shipped_parser, db_url: str, owner: str) -> None:
    bot = Assistant(db_url, parser=shipped_parser)
    bot.create_event(owner, title="dentist", start=datetime(2026, 11, 25, 9), end=datetime(2026, 11, 25, 10))
    done = bot.handle("e2e", "add jim and jerry to the dentist", now=NOW, tz=TZ, user=owner)
    assert done.operation == "update" and stored(bot, owner)[0][2] == ["jim", "jerry"]


def test_dialogue_people_e2e_lunch_with_sara(shipped_parser, db_url: str, owner: str) -> None:
    bot = Assistant(db_url, parser=shipped_parser)
    done = bot.handle("e2e", "lunch with Sara tomorrow at noon", now=NOW, tz=TZ, user=owner)
    assert done.operation == "create"
    assert stored(bot, owner) == [("lunch with Sara", datetime(2026, 11, 24, 11), ["Sara"], None, False)]
