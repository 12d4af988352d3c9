"""Span conventions after the model (nlu.date_spans, nlu.name_spans): coordinated times, lead words, titles and their kind words.

Hand-built slots stand for what the model drew, so these pin the rules themselves; the last
tests run the shipped pipeline end to end.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from nlu import action_spans, date_growth, date_spans, dates, name_spans, person_spans, place_spans, roles
from nlu.parser import Parser
from nlu.result import Slot

NOW = datetime(2026, 11, 23, 9, 0)  # a Monday


def marked_slots(text: str, marked: list[tuple[str, str]]) -> tuple[Slot, ...]:
    """Slots for the (words, label) pairs, found left to right in `text`; DATE values resolved."""
    out, cursor = [], 0
    for words, label in marked:
        start = text.index(words, cursor)
        cursor = start + len(words)
        out.append(Slot(label, words, start, cursor, dates.resolve(words, NOW) if label == "DATE" else None))
    return tuple(out)


def labelled(slots: tuple[Slot, ...]) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in slots]


def spans(intent: str, text: str, drawn: list[str]) -> list[tuple[str, str | None]]:
    tidy = date_spans.tidy(intent, text, marked_slots(text, [(d, "DATE") for d in drawn]), NOW)
    return [(s.text, s.role) for s in roles.assign(intent, text, date_spans.cut(intent, text, tidy, NOW))]


@pytest.mark.parametrize(
    "intent, text, drawn, want",
    [
        # alternatives are two spans, the second may be an ellipsis
        ("query", "is yoga at 6 or 7 tonight", ["6 or 7 tonight"], [("6", None), ("7 tonight", None)]),
        ("query", "do i have physio this week or next", ["this week or next"], [("this week", None), ("next", None)]),
        ("query", "is it on the 9th or the 10th", ["the 9th or the 10th"], [("the 9th", None), ("the 10th", None)]),
        # two times joined by "and" outside a "between" range
        ("availability", "is there a gap between my 2pm and 4pm", ["2pm and 4pm"], [("2pm", None), ("4pm", None)]),
        (
            "query",
            "anything this saturday between two and four pm",
            ["this saturday between two and four pm"],
            [("this saturday between two and four pm", None)],
        ),
        # a reschedule's "from A to B" is the old and the new time
        ("reschedule", "move my 10:30 to 11", ["10:30 to 11"], [("10:30", "old"), ("11", "new")]),
        ("reschedule", "shift gym from 6 to 7am", ["from 6 to 7am"], [("6", "old"), ("7am", "new")]),
        (
            "reschedule",
            "move my 1:1 from Friday to Thursday at 2",
            ["from Friday to Thursday at 2"],
            [("Friday", "old"), ("Thursday at 2", "new")],
        ),
        # elsewhere "from A to B" is one range, joined when the model drew two
        (
            "create",
            "add Spain trip from July 3rd to July 17th",
            ["July 3rd", "July 17th"],
            [("from July 3rd to July 17th", None)],
        ),
        ("create", "block my calendar from 3 to 5 pm", ["from 3 to 5 pm"], [("from 3 to 5 pm", None)]),
        # a spoken number's "and" and a repetition are never cut
        (
            "create",
            "meeting on march first two thousand and seventeen",
            ["march first two thousand and seventeen"],
            [("march first two thousand and seventeen", None)],
        ),
        (
            "create",
            "yoga every monday and wednesday at 9",
            ["every monday and wednesday at 9"],
            [("every monday and wednesday at 9", None)],
        ),
        # lead words that only introduce the time
        ("cancel", "call off the offsite in March", ["in March"], [("March", None)]),
        ("create", "put a meeting in tomorrow at 4", ["in tomorrow at 4"], [("tomorrow at 4", None)]),
        ("update", "The 4pm meeting: call it Offsite prep", ["The 4pm"], [("4pm", None)]),
        ("cancel", "remove that from Thursday", ["from Thursday"], [("Thursday", None)]),
        ("create", "remind me in two hours", ["in two hours"], [("in two hours", None)]),
        ("query", "is the 20th clear", ["the 20th"], [("the 20th", None)]),
        # words the date grammar never reads, drawn into the front of a span, go; its own
        # words stay even where the time would read the same without them
        ("create", "add to calendar may two is mary's birthday", ["calendar may two"], [("may two", None)]),
        ("availability", "am i free at all tuesday evening", ["all tuesday evening"], [("tuesday evening", None)]),
        ("reschedule", "i have a clash on wednesday", ["a clash on wednesday"], [("wednesday", None)]),
        ("query", "what's on this friday", ["this friday"], [("this friday", None)]),
        ("query", "do i have anything next tuesday", ["next tuesday"], [("next tuesday", None)]),
        ("create", "gym tomorrow morning", ["tomorrow morning"], [("tomorrow morning", None)]),
        ("create", "lunch with sam an hour from now", ["an hour from now"], [("an hour from now", None)]),
        # four digits right after a date that the model left out: the year it completes or refuses
        ("create", "dentist on january 1 2027 at 3", ["january 1"], [("january 1 2027", None)]),
        ("create", "dentist on january 1 9999", ["january 1"], [("january 1 9999", None)]),
        ("create", "book room 5 for friday 1530", ["friday"], [("friday 1530", None)]),
        # "from" inside the first span opens the range too
        (
            "create",
            "add a meeting on Friday from 2 to 3:30pm",
            ["Friday from 2", "3:30pm"],
            [("Friday from 2 to 3:30pm", None)],
        ),
        # a time the speaker takes back is left out; a corrected hour keeps the day said before it
        ("create", "band practice on tuesday no sorry wednesday", ["tuesday", "wednesday"], [("wednesday", None)]),
        (
            "create",
            "add pilates tuesday at six i mean seven",
            ["tuesday at six", "seven"],
            [("tuesday", None), ("seven", None)],
        ),
        ("create", "add pilates tuesday at six i mean seven", ["tuesday at six"], [("tuesday", None), ("seven", None)]),
        ("create", "add gym tomorrow at 6 no 7", ["tomorrow at 6 no 7"], [("tomorrow", None), ("7", None)]),
        ("reschedule", "move it to friday, no wait, the 4th", ["friday", "the 4th"], [("the 4th", None)]),
        ("reschedule", "move standup to 10 sorry 11", ["10", "11"], [("11", None)]),
        # not a correction: a move's old and new day, a limit, an apology before the request
        (
            "reschedule",
            "the class on monday, make it tuesday",
            ["monday", "tuesday"],
            [("monday", "old"), ("tuesday", "new")],
        ),
        ("create", "lunch tomorrow and no later than 2pm", ["tomorrow", "2pm"], [("tomorrow", None), ("2pm", None)]),
        ("query", "sorry, what do i have today", ["today"], [("today", None)]),
        # a change of one repeat for another: the old repeat and the new one
        (
            "reschedule",
            "swap choir from mondays to thursdays",
            ["from mondays to thursdays"],
            [("mondays", "old"), ("thursdays", "new")],
        ),
        ("update", "make band practice daily until june", ["daily until june"], [("daily until june", None)]),
    ],
)
def test_date_spans_conventions(intent, text, drawn, want):
    assert spans(intent, text, drawn) == want


@pytest.fixture(scope="module")
def parser() -> Parser:
    return Parser.load()


def test_date_spans_reschedule_from_to_moves_to_the_new_time_through_the_shipped_model(parser):
    parse = parser.parse("could you move my 1:1 with Priyanka from Friday to Thursday at 2pm", now=NOW, tz="UTC")
    dates_said = [(s.text, s.role) for s in parse.slots if s.label == "DATE"]
    assert parse.intent == "reschedule"
    assert dates_said == [("Friday", "old"), ("Thursday at 2pm", "new")]
    assert parse.when is not None and parse.when.start == datetime(2026, 11, 26, 14, 0, tzinfo=parse.when.start.tzinfo)


def test_a_corrected_time_is_the_when_through_the_shipped_model(parser):
    moved = parser.parse("move standup to ten no sorry eleven", now=NOW, tz="UTC")
    assert moved.when is not None and moved.when.start.hour == 11
    day = parser.parse("schedule band practice on tuesday no sorry wednesday", now=NOW, tz="UTC")
    assert day.when is not None and day.when.start.date() == datetime(2026, 11, 25).date()


def test_date_spans_alternatives_keep_the_whole_phrase_as_when_through_the_shipped_model(parser):
    whole = parser.parse("what do i have on the 9th", now=NOW, tz="UTC")
    parse = parser.parse("what do i have on the 9th or the 10th", now=NOW, tz="UTC")
    assert [s.text for s in parse.slots if s.label == "DATE"] == ["the 9th", "the 10th"]
    assert parse.when == whole.when


def names(text: str, marked: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return labelled(name_spans.conventions(text, marked_slots(text, marked), NOW))


@pytest.mark.parametrize(
    "text, marked, want",
    [
        # a title the model drew with its container word is the title and its kind
        (
            "delete the retirement party event",
            [("retirement party event", "NAME")],
            [("NAME", "retirement party"), ("DOMAIN", "event")],
        ),
        ("add an event", [("event", "NAME")], [("DOMAIN", "event")]),
        # a kind word right after a title is part of it; a container word is not
        (
            "nix the breakfast meeting tomorrow",
            [("breakfast", "NAME"), ("meeting", "DOMAIN"), ("tomorrow", "DATE")],
            [("NAME", "breakfast meeting"), ("DATE", "tomorrow")],
        ),
        (
            "delete my 6:30 gym session",
            [("6:30", "DATE"), ("gym", "NAME"), ("session", "DOMAIN")],
            [("DATE", "6:30"), ("NAME", "gym session")],
        ),
        (
            "schedule Pongal celebration event on June 20",
            [("Pongal celebration", "NAME"), ("event", "DOMAIN")],
            [("NAME", "Pongal celebration"), ("DOMAIN", "event")],
        ),
        (
            "add dentist reminders for friday",
            [("dentist", "NAME"), ("reminders", "DOMAIN")],
            [("NAME", "dentist"), ("DOMAIN", "reminders")],
        ),
        (
            "lunch with the team meeting notes",
            [("lunch", "NAME"), ("meeting", "DOMAIN")],
            [("NAME", "lunch"), ("DOMAIN", "meeting")],
        ),
        # a day in front of a title is its DATE
        ("the Friday dinner is now at Luigi's", [("Friday dinner", "NAME")], [("DATE", "Friday"), ("NAME", "dinner")]),
        ("end the tuesday's yoga after May 30", [("tuesday's yoga", "NAME")], [("DATE", "tuesday"), ("NAME", "yoga")]),
        ("add Sunday roast", [("Sunday", "NAME")], [("NAME", "Sunday")]),
        ("add Monday.com demo", [("Monday.com demo", "NAME")], [("NAME", "Monday.com demo")]),
        # a container said as a title is no title
        (
            "Add one event to my calendar.",
            [("Add", "ACTION"), ("one event", "NAME")],
            [("ACTION", "Add"), ("DOMAIN", "one event")],
        ),
        # a title in quotes is the title, whatever the model drew over it
        (
            "Put 'Submit taxes' on April 15th",
            [("Put 'Submit taxes", "NAME"), ("April 15th", "DATE")],
            [("NAME", "Submit taxes"), ("DATE", "April 15th")],
        ),
        (
            'create an event called "Board meeting prep" tomorrow',
            [
                ("create", "ACTION"),
                ("event", "DOMAIN"),
                ("Board meeting", "NAME"),
                ("prep", "DOMAIN"),
                ("tomorrow", "DATE"),
            ],
            [("ACTION", "create"), ("DOMAIN", "event"), ("NAME", "Board meeting prep"), ("DATE", "tomorrow")],
        ),
        (
            "add “Dinner with Sam” on friday",
            [("Dinner", "NAME"), ("Sam", "PERSON"), ("friday", "DATE")],
            [("NAME", "Dinner with Sam"), ("DATE", "friday")],
        ),
        (
            "add Sam's party on friday",
            [("Sam's party", "NAME"), ("friday", "DATE")],
            [("NAME", "Sam's party"), ("DATE", "friday")],
        ),
        # a day said at the end of a title is its DATE; a holiday's day word is the title's
        (
            "Remind me to repot the ficus today.",
            [("repot the ficus today", "NAME")],
            [("NAME", "repot the ficus"), ("DATE", "today")],
        ),
        (
            "remind me to pay rent this friday",
            [("pay rent this friday", "NAME")],
            [("NAME", "pay rent"), ("DATE", "this friday")],
        ),
        ("add good friday", [("good friday", "NAME")], [("NAME", "good friday")]),
        ("add the next meeting", [("next meeting", "NAME")], [("NAME", "next meeting")]),
        # spoken, without the apostrophe
        (
            "please call off tomorrows standup",
            [("tomorrows standup", "NAME")],
            [("DATE", "tomorrows"), ("NAME", "standup")],
        ),
        # one title the model cut in two; two titles joined by a link stay two
        (
            "create an event called siobhans going away party",
            [("siobhans", "NAME"), ("party", "DOMAIN")],
            [("NAME", "siobhans going away party")],
        ),
        (
            "add dads seventieth birthday dinner",
            [("dads seventieth", "NAME"), ("birthday dinner", "NAME")],
            [("NAME", "dads seventieth birthday dinner")],
        ),
        ("book dinner and drinks", [("dinner", "NAME"), ("drinks", "NAME")], [("NAME", "dinner"), ("NAME", "drinks")]),
    ],
)
def test_name_spans_conventions(text, marked, want):
    assert names(text, marked) == want


@pytest.mark.parametrize(
    "intent, text, marked, want",
    [
        # a service person said as the event is the appointment
        (
            "cancel",
            "cancel my physio on friday",
            [("my physio", "PERSON"), ("friday", "DATE")],
            [("NAME", "physio"), ("DATE", "friday")],
        ),
        # a kind word with the untagged words that say what it is
        (
            "reschedule",
            "push the budget review meeting to 4",
            [("meeting", "DOMAIN"), ("4", "DATE")],
            [("NAME", "budget review meeting"), ("DATE", "4")],
        ),
        (
            "query",
            "how many meetings do i have today",
            [("meetings", "DOMAIN"), ("today", "DATE")],
            [("DOMAIN", "meetings"), ("DATE", "today")],
        ),
        (
            "cancel",
            "cancel tomorrow's meeting",
            [("tomorrow", "DATE"), ("meeting", "DOMAIN")],
            [("DATE", "tomorrow"), ("DOMAIN", "meeting")],
        ),
        # the event after an alert
        (
            "update",
            "ping me two hours before the school run",
            [("two hours before", "ALERT")],
            [("ALERT", "two hours before"), ("NAME", "school run")],
        ),
        (
            "update",
            "remind me a day ahead for my car service please",
            [("a day ahead", "ALERT")],
            [("ALERT", "a day ahead"), ("NAME", "car service")],
        ),
        (
            "create",
            "set up the pta meeting monday at 6",
            [("meeting", "DOMAIN"), ("monday at 6", "DATE")],
            [("NAME", "pta meeting"), ("DATE", "monday at 6")],
        ),
        # a create keeps what the model drew
        (
            "create",
            "book my dentist for friday",
            [("my dentist", "PERSON"), ("friday", "DATE")],
            [("PERSON", "my dentist"), ("DATE", "friday")],
        ),
        # but a place the model made of the service person is the create's title
        (
            "create",
            "pencil in the dentist friday at eleven",
            [("pencil in", "ACTION"), ("the dentist", "LOCATION"), ("friday at eleven", "DATE")],
            [("ACTION", "pencil in"), ("NAME", "dentist"), ("DATE", "friday at eleven")],
        ),
        (
            "create",
            "lunch at the dentist friday",
            [("lunch", "NAME"), ("the dentist", "LOCATION"), ("friday", "DATE")],
            [("NAME", "lunch"), ("LOCATION", "the dentist"), ("DATE", "friday")],
        ),
    ],
)
def test_name_spans_the_event_a_change_names(intent, text, marked, want):
    assert labelled(name_spans.event_titles(intent, text, marked_slots(text, marked))) == want


def places(text: str, marked: list[tuple[str, str]], intent: str = "") -> list[tuple[str, str]]:
    return labelled(place_spans.conventions(text, marked_slots(text, marked), NOW, intent))


@pytest.mark.parametrize(
    "intent, text, marked, want",
    [
        # a numbered place is one LOCATION, and the DATE that took its number lets it go
        (
            "create",
            "book squash at Court 4 Saturday 10-11am",
            [("squash", "NAME"), ("Court", "LOCATION"), ("4 Saturday 10-11am", "DATE")],
            [("NAME", "squash"), ("LOCATION", "Court 4"), ("DATE", "Saturday 10-11am")],
        ),
        ("update", "the viva is now in room 2.14", [("viva", "NAME")], [("NAME", "viva"), ("LOCATION", "room 2.14")]),
        # a capitalised place after at / in in a calendar command
        (
            "create",
            "Add the retreat in Lake Bled on May 3",
            [("retreat", "NAME"), ("May 3", "DATE")],
            [("NAME", "retreat"), ("LOCATION", "Lake Bled"), ("DATE", "May 3")],
        ),
        (
            "create",
            "Put the service in at Halfords Autocentre next Tuesday",
            [("service", "NAME"), ("next Tuesday", "DATE")],
            [("NAME", "service"), ("LOCATION", "Halfords Autocentre"), ("DATE", "next Tuesday")],
        ),
        ("create", "Meet Tom in March", [("Tom", "PERSON"), ("March", "DATE")], [("PERSON", "Tom"), ("DATE", "March")]),
        # the hour the model read as the head of a place is the DATE's; the rest is the title
        (
            "create",
            "tomorrow at 3 haircut",
            [("tomorrow", "DATE"), ("3 haircut", "LOCATION")],
            [("DATE", "tomorrow at 3"), ("NAME", "haircut")],
        ),
        (
            "create",
            "yoga friday at 7 gym",
            [("yoga", "NAME"), ("friday at", "DATE"), ("7 gym", "LOCATION")],
            [("NAME", "yoga"), ("DATE", "friday at 7"), ("LOCATION", "gym")],
        ),
        (
            "create",
            "lunch friday at 12 Main Street",
            [("lunch", "NAME"), ("friday", "DATE"), ("12 Main Street", "LOCATION")],
            [("NAME", "lunch"), ("DATE", "friday"), ("LOCATION", "12 Main Street")],
        ),
        ("out_of_scope", "What's the weather in Lisbon today?", [("today", "DATE")], [("DATE", "today")]),
    ],
)
def test_place_spans_numbered_and_capitalised_places(intent, text, marked, want):
    assert places(text, marked, intent) == want


@pytest.mark.parametrize(
    "text, marked, want",
    [
        (
            "add yoga at Lotus Flow Studio",
            [("yoga", "NAME"), ("Lotus", "LOCATION"), ("Flow Studio", "LOCATION")],
            [("NAME", "yoga"), ("LOCATION", "Lotus Flow Studio")],
        ),
        # the untagged words after "[event] at", up to a time, a mark or a new clause
        (
            "book me a haircut at Great Clips next Thursday at 4:30pm",
            [("haircut", "NAME"), ("next Thursday at 4:30pm", "DATE")],
            [("NAME", "haircut"), ("LOCATION", "Great Clips"), ("DATE", "next Thursday at 4:30pm")],
        ),
        (
            "lunch with sam at his place tomorrow",
            [("lunch", "NAME"), ("sam", "PERSON"), ("tomorrow", "DATE")],
            [("NAME", "lunch"), ("PERSON", "sam"), ("LOCATION", "his place"), ("DATE", "tomorrow")],
        ),
        (
            "please delete the barbecue at chidis were not going",
            [("barbecue", "NAME")],
            [("NAME", "barbecue"), ("LOCATION", "chidis")],
        ),
        ("dinner at eight thirty", [("dinner", "NAME")], [("NAME", "dinner")]),  # a time, untagged
        # what a change of location, venue or address goes "to" is the new place, whatever its label
        (
            "change the location of parents evening to the school hall",
            [("parents evening", "NAME"), ("school hall", "NAME")],
            [("NAME", "parents evening"), ("LOCATION", "school hall")],
        ),
        (
            "change the venue for the party to the red lion please",
            [("party", "DOMAIN")],
            [("DOMAIN", "party"), ("LOCATION", "the red lion")],
        ),
        # a DATE the model drew at the head of the place is part of it; a time said after it is not
        (
            "set the location for the project review to the fourth floor lounge",
            [("project review", "NAME"), ("the fourth", "DATE")],
            [("NAME", "project review"), ("LOCATION", "the fourth floor lounge")],
        ),
        (
            "change the location of the dentist to the fourth",
            [("dentist", "NAME"), ("the fourth", "DATE")],
            [("NAME", "dentist"), ("DATE", "the fourth")],
        ),
        (
            "change the location to the office tomorrow",
            [("tomorrow", "DATE")],
            [("LOCATION", "the office"), ("DATE", "tomorrow")],
        ),
        (
            "rename parents evening to school night",
            [("parents evening", "NAME"), ("school night", "NAME")],
            [("NAME", "parents evening"), ("NAME", "school night")],
        ),
        ("look at it tomorrow", [("look", "NAME"), ("tomorrow", "DATE")], [("NAME", "look"), ("DATE", "tomorrow")]),
        (
            "eid dinner at auntie zainabs tonight",
            [("eid dinner", "NAME"), ("zainabs", "NAME"), ("tonight", "DATE")],
            [("NAME", "eid dinner"), ("NAME", "zainabs"), ("DATE", "tonight")],
        ),
        (
            "viewing at Flat 4, 19 Harrington Gardens",
            [("Flat 4", "LOCATION"), ("19 Harrington Gardens", "LOCATION")],
            [("LOCATION", "Flat 4, 19 Harrington Gardens")],
        ),
        (
            "eye test at Specsavers on Church Road",
            [("eye test", "NAME"), ("Specsavers", "LOCATION"), ("Church Road", "NAME")],
            [("NAME", "eye test"), ("LOCATION", "Specsavers on Church Road")],
        ),
        (
            "car service at Kwik Fit on Mill Lane",
            [("Kwik Fit", "LOCATION"), ("Mill Lane", "LOCATION")],
            [("LOCATION", "Kwik Fit on Mill Lane")],
        ),
        # a place, then something else that is no street, stays apart
        (
            "lunch at Pret on Friday",
            [("Pret", "LOCATION"), ("Friday", "DATE")],
            [("LOCATION", "Pret"), ("DATE", "Friday")],
        ),
        (
            "meet at the office on team sync",
            [("the office", "LOCATION"), ("team sync", "NAME")],
            [("LOCATION", "the office"), ("NAME", "team sync")],
        ),
        (
            "from Pret to Wagamama",
            [("Pret", "LOCATION"), ("Wagamama", "LOCATION")],
            [("LOCATION", "Pret"), ("LOCATION", "Wagamama")],
        ),
        # the street the model left untagged after a place, after "on" or a comma
        (
            "haircut tomorrow at the barbers on station road",
            [("haircut", "NAME"), ("tomorrow", "DATE"), ("the barbers", "LOCATION")],
            [("NAME", "haircut"), ("DATE", "tomorrow"), ("LOCATION", "the barbers on station road")],
        ),
        (
            "eye test at Boots Opticians, Princes St. on Tue",
            [("eye test", "NAME"), ("Boots Opticians", "LOCATION"), ("Tue", "DATE")],
            [("NAME", "eye test"), ("LOCATION", "Boots Opticians, Princes St"), ("DATE", "Tue")],
        ),
        # a street address no slot took; a DATE that ran on over it ends before it
        ("meet Ana at 535 Pierce Street", [("Ana", "PERSON")], [("PERSON", "Ana"), ("LOCATION", "535 Pierce Street")]),
        (
            "baby shower Sunday, 2-5 PM, 42 Jacaranda Ave.",
            [("baby shower", "NAME"), ("Sunday, 2-5 PM, 42 Jacaranda Ave", "DATE")],
            [("NAME", "baby shower"), ("DATE", "Sunday, 2-5 PM"), ("LOCATION", "42 Jacaranda Ave")],
        ),
        # someone's home after "at"/"to", whatever the model called it
        (
            "change the book club location to hannahs flat",
            [("book club", "NAME"), ("hannahs", "NAME")],
            [("NAME", "book club"), ("LOCATION", "hannahs flat")],
        ),
        ("dinner at Jen's place", [("dinner", "NAME")], [("NAME", "dinner"), ("LOCATION", "Jen's place")]),
        # numbers that are no address, and a time after a comma, stay as they are
        (
            "lunch on friday, 2 pm",
            [("lunch", "NAME"), ("friday, 2 pm", "DATE")],
            [("NAME", "lunch"), ("DATE", "friday, 2 pm")],
        ),
        ("book 3 rooms at the hotel", [("the hotel", "LOCATION")], [("LOCATION", "the hotel")]),
        # the words the model cut off a place's end; not a time or a new clause
        (
            "book tennis at kensington park courts",
            [("tennis", "NAME"), ("kensington park", "LOCATION")],
            [("NAME", "tennis"), ("LOCATION", "kensington park courts")],
        ),
        (
            "dinner at nandos tonight because im hungry",
            [("dinner", "NAME"), ("nandos", "LOCATION")],
            [("NAME", "dinner"), ("LOCATION", "nandos")],
        ),
        # after a time too, "at" or "in" an untagged place
        (
            "add the wedding june twelfth in stockholm",
            [("wedding", "NAME"), ("june twelfth", "DATE")],
            [("NAME", "wedding"), ("DATE", "june twelfth"), ("LOCATION", "stockholm")],
        ),
        (
            "choir practice every sunday at four at saint josephs",
            [("choir practice", "NAME"), ("every sunday at four", "DATE")],
            [("NAME", "choir practice"), ("DATE", "every sunday at four"), ("LOCATION", "saint josephs")],
        ),
        (
            "dentist friday in my calendar",
            [("dentist", "NAME"), ("friday", "DATE")],
            [("NAME", "dentist"), ("DATE", "friday")],
        ),
    ],
)
def test_place_spans_conventions(text, marked, want):
    assert places(text, marked) == want


def test_a_date_cut_before_an_address_is_read_again():
    text = "baby shower Sunday, 2-5 PM, 42 Jacaranda Ave."
    slots = place_spans.conventions(text, marked_slots(text, [("Sunday, 2-5 PM, 42 Jacaranda Ave", "DATE")]), NOW)
    date = next(s for s in slots if s.label == "DATE")
    assert date.value is not None and date.value.start.replace(tzinfo=None) == datetime(2026, 11, 29, 14, 0)


def test_a_place_named_by_its_owner_keeps_the_possessive_through_the_shipped_model(parser):
    parse = parser.parse("add BBQ at Steve's on Sunday at 1pm", now=NOW, tz="UTC")
    assert [s.text for s in parse.slots if s.label == "LOCATION"] == ["Steve's"]


@pytest.mark.parametrize(
    "text, marked, want",
    [
        (
            "please set a reminder for me to go to work in ten minutes",
            [("set", "ACTION"), ("in ten minutes", "DATE")],
            [("ACTION", "set"), ("NAME", "go to work"), ("DATE", "in ten minutes")],
        ),
        (
            "remind me about the upcoming national holiday",
            [("remind me", "ACTION")],
            [("ACTION", "remind me"), ("NAME", "upcoming national holiday")],
        ),
        (
            "cancel my reminder to buy stamps, thanks",
            [("cancel", "ACTION"), ("reminder", "DOMAIN")],
            [("ACTION", "cancel"), ("DOMAIN", "reminder"), ("NAME", "buy stamps")],
        ),
        # "remember me to" is a reminder too
        (
            "remember me to meet reveca today at six pm",
            [("reveca", "PERSON"), ("today at six pm", "DATE")],
            [("NAME", "meet"), ("PERSON", "reveca"), ("DATE", "today at six pm")],
        ),
        # a day said first: the words after it
        (
            "remind me for tomorrow interview",
            [("remind me", "ACTION"), ("tomorrow", "DATE")],
            [("ACTION", "remind me"), ("DATE", "tomorrow"), ("NAME", "interview")],
        ),
        (
            "remind me for friday dentist at 3",
            [("remind me", "ACTION"), ("friday", "DATE"), ("3", "DATE")],
            [("ACTION", "remind me"), ("DATE", "friday"), ("NAME", "dentist"), ("DATE", "3")],
        ),
        ("remind me for tomorrow", [("tomorrow", "DATE")], [("DATE", "tomorrow")]),
        ("set reminder for tomorrow for this item", [("tomorrow", "DATE")], [("DATE", "tomorrow")]),
        (
            "remind me about tomorrow's meeting tonight",
            [("tomorrow", "DATE"), ("meeting", "DOMAIN"), ("tonight", "DATE")],
            [("DATE", "tomorrow"), ("DOMAIN", "meeting"), ("DATE", "tonight")],
        ),
        (
            "set a reminder for next saturday go to the library",
            [("next saturday", "DATE"), ("the library", "LOCATION")],
            [("DATE", "next saturday"), ("LOCATION", "the library")],
        ),
        # a NAME the model found wins; a pronoun, a person or a container word is no title
        ("remind me to call mom at 6", [("call mom", "NAME"), ("6", "DATE")], [("NAME", "call mom"), ("DATE", "6")]),
        ("remind me about it tomorrow", [("tomorrow", "DATE")], [("DATE", "tomorrow")]),
        ("remind me of my brother's birthday", [("my brother", "PERSON")], [("PERSON", "my brother")]),
        ("remind me about calendar", [], []),
        # the day said first, then "to" and the errand
        (
            "remind me at half past six tonight to start the slow cooker",
            [("half past six tonight", "DATE")],
            [("DATE", "half past six tonight"), ("NAME", "start the slow cooker")],
        ),
        ("remind me that tomorrow is a holiday", [("tomorrow", "DATE")], [("DATE", "tomorrow")]),
        # an errand the model cut short runs to the next slot or the end; not over a place
        (
            "remind me to take my blood pressure meds every day at nine",
            [("take my blood", "NAME"), ("every day at nine", "DATE")],
            [("NAME", "take my blood pressure meds"), ("DATE", "every day at nine")],
        ),
        (
            "remind me tomorrow to take the chicken out of the freezer",
            [("tomorrow", "DATE"), ("take the chicken out", "NAME")],
            [("DATE", "tomorrow"), ("NAME", "take the chicken out of the freezer")],
        ),
        ("remind me to buy milk at the shop", [("buy milk", "NAME")], [("NAME", "buy milk")]),
    ],
)
def test_name_spans_reminder_words_title_a_reminder_without_a_name(text, marked, want):
    assert names(text, marked) == want


def untagged(intent: str, text: str, marked: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return labelled(name_spans.untagged_title(intent, text, marked_slots(text, marked)))


@pytest.mark.parametrize(
    "intent, text, marked, want",
    [
        (
            "create",
            "add a weekly standup every monday at 9",
            [("add", "ACTION"), ("weekly", "DATE"), ("every monday at 9", "DATE")],
            [("ACTION", "add"), ("DATE", "weekly"), ("NAME", "standup"), ("DATE", "every monday at 9")],
        ),
        # "my calendar for ...": the title comes after the calendar
        (
            "create",
            "please mark my calendar for a holiday in cuba on april two",
            [("mark", "ACTION"), ("april two", "DATE")],
            [("ACTION", "mark"), ("NAME", "holiday"), ("DATE", "april two")],
        ),
        (
            "cancel",
            "Clear my calendar for Friday the 13th. Taking a personal day.",
            [("Clear", "ACTION"), ("Friday the 13th", "DATE")],
            [("ACTION", "Clear"), ("DATE", "Friday the 13th")],
        ),
        # a cancel's untagged words to the end are the event it names; not a quantifier or the calendar
        ("cancel", "delete the flight", [("delete", "ACTION")], [("ACTION", "delete"), ("NAME", "flight")]),
        (
            "cancel",
            "delete eric's bday from the calendar",
            [("delete", "ACTION")],
            [("ACTION", "delete"), ("NAME", "eric's bday")],
        ),
        ("cancel", "delete the flight and the hotel", [("delete", "ACTION")], [("ACTION", "delete")]),
        ("cancel", "wipe calendar clean", [("wipe", "ACTION")], [("ACTION", "wipe")]),
        ("cancel", "delete all of my events", [("delete", "ACTION")], [("ACTION", "delete")]),
        ("cancel", "cancel it", [("cancel", "ACTION")], [("ACTION", "cancel")]),
        (
            "create",
            "book me in for a haircut tomorrow",
            [("book", "ACTION"), ("tomorrow", "DATE")],
            [("ACTION", "book"), ("NAME", "haircut"), ("DATE", "tomorrow")],
        ),
        (
            "create",
            "add coffee chat with Ines on wednesday",
            [("add", "ACTION"), ("Ines", "PERSON"), ("wednesday", "DATE")],
            [("ACTION", "add"), ("NAME", "coffee chat"), ("PERSON", "Ines"), ("DATE", "wednesday")],
        ),
        # nothing to do: a NAME or a kind word found, no ACTION, another intent, a pronoun,
        # a word about the container, or no time, person or place after the words
        (
            "create",
            "add gym on friday",
            [("add", "ACTION"), ("gym", "NAME"), ("friday", "DATE")],
            [("ACTION", "add"), ("NAME", "gym"), ("DATE", "friday")],
        ),
        (
            "create",
            "set up a meeting tomorrow",
            [("set up", "ACTION"), ("meeting", "DOMAIN"), ("tomorrow", "DATE")],
            [("ACTION", "set up"), ("DOMAIN", "meeting"), ("DATE", "tomorrow")],
        ),
        # a verbless note: its first untagged words are the title, unless it opens like a
        # sentence about the speaker or a question
        ("create", "gym on friday", [("friday", "DATE")], [("NAME", "gym"), ("DATE", "friday")]),
        (
            "create",
            "uh vacation from the 12th of july to the 19th",
            [("from the 12th of july to the 19th", "DATE")],
            [("NAME", "vacation"), ("DATE", "from the 12th of july to the 19th")],
        ),
        ("create", "i'm thinking friday", [("friday", "DATE")], [("DATE", "friday")]),
        # a move's untagged words after its verb, before the new time
        (
            "reschedule",
            "push the run to saturday",
            [("push", "ACTION"), ("saturday", "DATE")],
            [("ACTION", "push"), ("NAME", "run"), ("DATE", "saturday")],
        ),
        (
            "reschedule",
            "move everything to monday",
            [("move", "ACTION"), ("monday", "DATE")],
            [("ACTION", "move"), ("DATE", "monday")],
        ),
        (
            "reschedule",
            "Make it Thursday instead of Tuesday",
            [("Make it", "ACTION"), ("Thursday", "DATE"), ("Tuesday", "DATE")],
            [("ACTION", "Make it"), ("DATE", "Thursday"), ("DATE", "Tuesday")],
        ),
        (
            "create",
            "olly meet with joe tomorrow",
            [("joe", "PERSON"), ("tomorrow", "DATE")],
            [("PERSON", "joe"), ("DATE", "tomorrow")],
        ),
        ("create", "how about friday at 3", [("friday at 3", "DATE")], [("DATE", "friday at 3")]),
        ("query", "gym on friday", [("friday", "DATE")], [("DATE", "friday")]),
        (
            "cancel",
            "cancel gym on friday",
            [("cancel", "ACTION"), ("friday", "DATE")],
            [("ACTION", "cancel"), ("NAME", "gym"), ("DATE", "friday")],
        ),
        (
            "reschedule",
            "move gym to friday",
            [("move", "ACTION"), ("friday", "DATE")],
            [("ACTION", "move"), ("NAME", "gym"), ("DATE", "friday")],
        ),
        (
            "create",
            "put it in for tomorrow",
            [("put", "ACTION"), ("tomorrow", "DATE")],
            [("ACTION", "put"), ("DATE", "tomorrow")],
        ),
        (
            "create",
            "put a repeating event on friday",
            [("put", "ACTION"), ("event", "DOMAIN"), ("friday", "DATE")],
            [("ACTION", "put"), ("DOMAIN", "event"), ("DATE", "friday")],
        ),
        (
            "create",
            "add the following date and time to my calendar",
            [("add", "ACTION"), ("following", "DATE")],
            [("ACTION", "add"), ("DATE", "following")],
        ),
    ],
)
def test_name_spans_a_create_titles_the_words_after_its_action(intent, text, marked, want):
    assert untagged(intent, text, marked) == want


@pytest.mark.parametrize(
    "intent, text, marked, want",
    [
        (
            "create",
            "add shopping to my calendar for tomorrow",
            [("tomorrow", "DATE")],
            [("ACTION", "add"), ("DATE", "tomorrow")],
        ),
        (
            "create",
            "uh can you pencil in dentist on friday",
            [("friday", "DATE")],
            [("ACTION", "pencil in"), ("DATE", "friday")],
        ),
        ("create", "Hi, please set up coffee with Ana", [("Ana", "PERSON")], [("ACTION", "set up"), ("PERSON", "Ana")]),
        # a tagged ACTION stays; another intent, an ambiguous verb or a verb further in is no opening
        ("create", "add gym friday", [("add", "ACTION"), ("friday", "DATE")], [("ACTION", "add"), ("DATE", "friday")]),
        ("cancel", "add nothing, cancel gym", [], []),
        ("create", "make dinner for me", [], []),
        ("create", "tomorrow add gym", [("tomorrow", "DATE")], [("DATE", "tomorrow")]),
        # a move's or a cancel's verb the model drew into the title
        (
            "reschedule",
            "postpone fatimas surprise party by a week",
            [("postpone fatimas surprise party", "NAME"), ("by a week", "DATE")],
            [("ACTION", "postpone"), ("NAME", "fatimas surprise party"), ("DATE", "by a week")],
        ),
        ("cancel", "uh delete the standup", [("the standup", "NAME")], [("ACTION", "delete"), ("NAME", "the standup")]),
    ],
)
def test_action_spans_a_create_opening_with_a_create_verb_has_it_as_action(intent, text, marked, want):
    assert labelled(action_spans.opening_verb(intent, text, marked_slots(text, marked))) == want


def test_an_untagged_create_verb_and_title_through_the_shipped_model(parser):
    parse = parser.parse("add shopping to my calendar for tomorrow", now=NOW, tz="UTC")
    assert [(s.label, s.text) for s in parse.slots if s.label in ("ACTION", "NAME")] == [
        ("ACTION", "add"),
        ("NAME", "shopping"),
    ]
    assert parse.title == "shopping"


@pytest.mark.parametrize(
    "text, marked, want",
    [
        (
            "add jim and priyanka to the team sync",
            [("add", "ACTION"), ("jim", "PERSON"), ("team sync", "NAME")],
            [("ACTION", "add"), ("PERSON", "jim"), ("PERSON", "priyanka"), ("NAME", "team sync")],
        ),
        (
            "invite Ana, Oluwaseun and Mei Lin to the retro",
            [("Ana", "PERSON"), ("retro", "NAME")],
            [("PERSON", "Ana"), ("PERSON", "Oluwaseun"), ("PERSON", "Mei Lin"), ("NAME", "retro")],
        ),
        (
            "lunch with Tom and Aisha tomorrow",
            [("lunch", "NAME"), ("Tom", "PERSON"), ("tomorrow", "DATE")],
            [("NAME", "lunch"), ("PERSON", "Tom"), ("PERSON", "Aisha"), ("DATE", "tomorrow")],
        ),
        # what follows "and" is no person: a time, a slot, a pronoun or a verb
        (
            "lunch with Tom and tomorrow dinner",
            [("lunch", "NAME"), ("Tom", "PERSON")],
            [("NAME", "lunch"), ("PERSON", "Tom")],
        ),
        (
            "call with Dana, and is it at the office",
            [("call", "DOMAIN"), ("Dana", "PERSON")],
            [("DOMAIN", "call"), ("PERSON", "Dana")],
        ),
        ("meet sara and then lunch", [("sara", "PERSON"), ("lunch", "NAME")], [("PERSON", "sara"), ("NAME", "lunch")]),
        (
            "coffee with Sam and the team",
            [("coffee", "NAME"), ("Sam", "PERSON"), ("the team", "PERSON")],
            [("NAME", "coffee"), ("PERSON", "Sam"), ("PERSON", "the team")],
        ),
    ],
)
def test_person_spans_people_said_together_are_all_people(text, marked, want):
    assert labelled(person_spans.conventions(text, marked_slots(text, marked), NOW)) == want


@pytest.mark.parametrize(
    "intent, text, marked, want",
    [
        # an update that adds or takes off people: the words before the event are people
        (
            "update",
            "add thandiwe to the marketing sync",
            [("add", "ACTION"), ("marketing sync", "NAME")],
            [("ACTION", "add"), ("PERSON", "thandiwe"), ("NAME", "marketing sync")],
        ),
        (
            "update",
            "drop uncle ravi from the family zoom",
            [("drop", "ACTION"), ("uncle ravi", "NAME"), ("family zoom", "NAME")],
            [("ACTION", "drop"), ("PERSON", "uncle ravi"), ("NAME", "family zoom")],
        ),
        (
            "update",
            "Add Ifeoma and Chen to the design review",
            [("Add", "ACTION"), ("Ifeoma", "PERSON"), ("the design review", "PERSON")],
            [("ACTION", "Add"), ("PERSON", "Ifeoma"), ("PERSON", "Chen"), ("NAME", "design review")],
        ),
        # not people: something added to the calendar, a possessive title, "from" inside a name
        (
            "update",
            "add my dinner reservations to my calendar",
            [("add", "ACTION"), ("dinner reservations", "NAME")],
            [("ACTION", "add"), ("NAME", "dinner reservations")],
        ),
        (
            "update",
            "add Grandma's 80th on the 9th",
            [("add", "ACTION"), ("Grandma's 80th", "NAME"), ("the 9th", "DATE")],
            [("ACTION", "add"), ("NAME", "Grandma's 80th"), ("DATE", "the 9th")],
        ),
        (
            "update",
            "put the dentist on friday",
            [("put", "ACTION"), ("dentist", "NAME"), ("friday", "DATE")],
            [("ACTION", "put"), ("NAME", "dentist"), ("DATE", "friday")],
        ),
        # after "with": one or two words no slot took, up to a time, a place word or the end
        (
            "reschedule",
            "move lunch with takumi to thursday",
            [("move", "ACTION"), ("lunch", "NAME"), ("thursday", "DATE")],
            [("ACTION", "move"), ("NAME", "lunch"), ("PERSON", "takumi"), ("DATE", "thursday")],
        ),
        (
            "create",
            "book a meeting with oluwaseun adebayo thursday afternoon",
            [("book", "ACTION"), ("meeting", "DOMAIN"), ("thursday afternoon", "DATE")],
            [
                ("ACTION", "book"),
                ("DOMAIN", "meeting"),
                ("PERSON", "oluwaseun adebayo"),
                ("DATE", "thursday afternoon"),
            ],
        ),
        ("create", "calendar event with these people", [("calendar event", "DOMAIN")], [("DOMAIN", "calendar event")]),
        ("create", "a meeting with regard to the budget", [("meeting", "DOMAIN")], [("DOMAIN", "meeting")]),
        ("out_of_scope", "make tea with honey", [], []),
        # a name's other half: capitalised words after a PERSON or a title, two PERSONs side by side
        (
            "query",
            "meetings with Hiroshi Tanaka this month",
            [("Hiroshi", "PERSON"), ("this month", "DATE")],
            [("PERSON", "Hiroshi Tanaka"), ("DATE", "this month")],
        ),
        (
            "update",
            "remove Dr Hamid Karimi",
            [("remove", "ACTION"), ("Dr Hamid", "PERSON"), ("Karimi", "PERSON")],
            [("ACTION", "remove"), ("PERSON", "Dr Hamid Karimi")],
        ),
        (
            "create",
            "call w/ Ms. Achterberg",
            [("call", "DOMAIN"), ("Ms.", "PERSON")],
            [("DOMAIN", "call"), ("PERSON", "Ms. Achterberg")],
        ),
        (
            "update",
            "add a lunch date with mike jim and bob",
            [("add", "ACTION"), ("lunch", "NAME"), ("mike", "PERSON"), ("jim", "PERSON"), ("bob", "PERSON")],
            [("ACTION", "add"), ("NAME", "lunch"), ("PERSON", "mike"), ("PERSON", "jim"), ("PERSON", "bob")],
        ),
        # a name the model ran into the time after it; one before a new clause; no filler
        (
            "reschedule",
            "move the meeting with tomas two hours earlier",
            [("meeting", "DOMAIN"), ("tomas two hours earlier", "DATE")],
            [("DOMAIN", "meeting"), ("PERSON", "tomas"), ("DATE", "two hours earlier")],
        ),
        (
            "reschedule",
            "um the call with siobhan can we make it half past two",
            [("call", "DOMAIN"), ("make it", "ACTION"), ("half past two", "DATE")],
            [("DOMAIN", "call"), ("PERSON", "siobhan"), ("ACTION", "make it"), ("DATE", "half past two")],
        ),
        (
            "reschedule",
            "reschedule coffee with aisha uh to next week",
            [("coffee", "NAME"), ("next week", "DATE")],
            [("NAME", "coffee"), ("PERSON", "aisha"), ("DATE", "next week")],
        ),
        (
            "create",
            "lunch with tomorrow",
            [("lunch", "NAME"), ("tomorrow", "DATE")],
            [("NAME", "lunch"), ("DATE", "tomorrow")],
        ),
    ],
)
def test_person_spans_people_an_update_adds_people_after_with_and_whole_names(intent, text, marked, want):
    assert labelled(person_spans.conventions(text, marked_slots(text, marked), NOW, intent)) == want


@pytest.mark.parametrize(
    "text, window, minutes",
    [
        ("Do I have 2 free hours tomorrow afternoon?", (datetime(2026, 11, 24, 12), datetime(2026, 11, 24, 18)), 120),
        ("am i free tomorrow afternoon for two hours", (datetime(2026, 11, 24, 12), datetime(2026, 11, 24, 18)), 120),
    ],
)
def test_availability_searches_the_whole_window_for_the_length_said_in_one_span(parser, text, window, minutes):
    # One DATE span holds the length and the window: `when` is the window, the length its duration
    parse = parser.parse(text, now=NOW, tz="UTC")
    assert parse.intent == "availability"
    assert parse.when is not None and parse.when.duration == timedelta(minutes=minutes)
    assert (parse.when.start.replace(tzinfo=None), parse.when.end.replace(tzinfo=None)) == window


def grown(text: str, marked: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return labelled(date_growth.grown(text, marked_slots(text, marked), NOW))


@pytest.mark.parametrize(
    "text, marked, want",
    [
        # the untagged date words beside a DATE that change what it means join it
        (
            "schedule the dentist COB Wednesday",
            [("dentist", "NAME"), ("Wednesday", "DATE")],
            [("NAME", "dentist"), ("DATE", "COB Wednesday")],
        ),
        ("what do i have late next week", [("next week", "DATE")], [("DATE", "late next week")]),
        (
            "put lunch with sam in on 10/16 EOD",
            [("lunch", "NAME"), ("sam", "PERSON"), ("10/16", "DATE")],
            [("NAME", "lunch"), ("PERSON", "sam"), ("DATE", "10/16 EOD")],
        ),
        (
            "call mom first thing Thursday",
            [("call mom", "NAME"), ("Thursday", "DATE")],
            [("NAME", "call mom"), ("DATE", "first thing Thursday")],
        ),
        ("what do i have the day before yesterday", [("yesterday", "DATE")], [("DATE", "day before yesterday")]),
        # the working day behind after/before, and a hedge in front
        (
            "remind me to post the parcel friday after work",
            [("post the parcel", "NAME"), ("friday after", "DATE")],
            [("NAME", "post the parcel"), ("DATE", "friday after work")],
        ),
        (
            "move the retro to sometime next week",
            [("retro", "NAME"), ("next week", "DATE")],
            [("NAME", "retro"), ("DATE", "sometime next week")],
        ),
        ("the bbq starts around 4", [("bbq", "NAME"), ("4", "DATE")], [("NAME", "bbq"), ("DATE", "around 4")]),
        (
            "football practice at work friday",
            [("football practice", "NAME"), ("friday", "DATE")],
            [("NAME", "football practice"), ("DATE", "friday")],
        ),
        # "ten to four" said as two DATEs is one clock time
        (
            "add gym at twenty minutes to six tonight",
            [("gym", "NAME"), ("twenty minutes", "DATE"), ("six tonight", "DATE")],
            [("NAME", "gym"), ("DATE", "twenty minutes to six tonight")],
        ),
        # an untagged run with a shorthand word is a DATE of its own, with the "the" of a day
        ("what do i have EOQ", [], [("DATE", "EOQ")]),
        ("move the retro to Weds 2p", [("retro", "NAME")], [("NAME", "retro"), ("DATE", "Weds 2p")]),
        (
            "what time does my flight leave on the 18th?",
            [("flight", "NAME")],
            [("NAME", "flight"), ("DATE", "the 18th")],
        ),
        # what changes nothing, a linking word, a meal, another slot or a sentence break stays out
        ("move the standup to 5pm", [("standup", "NAME"), ("5pm", "DATE")], [("NAME", "standup"), ("DATE", "5pm")]),
        ("have dinner tomorrow", [("tomorrow", "DATE")], [("DATE", "tomorrow")]),
        ("Morning. What does today look like?", [("today", "DATE")], [("DATE", "today")]),
        (
            "arrange a meeting about the Q1 hiring plan next week",
            [("meeting", "DOMAIN"), ("next week", "DATE")],
            [("DOMAIN", "meeting"), ("DATE", "next week")],
        ),
        ("move my ten to four", [("ten", "DATE"), ("four", "DATE")], [("DATE", "ten"), ("DATE", "four")]),
        ("move it from ten to four", [("ten", "DATE"), ("four", "DATE")], [("DATE", "ten"), ("DATE", "four")]),
        # a title or place made only of date words with a shorthand one is a DATE; a holiday title stays
        ("move the retro to EOQ", [("retro", "NAME"), ("EOQ", "NAME")], [("NAME", "retro"), ("DATE", "EOQ")]),
        (
            "move the retro to Weds 2p",
            [("retro", "NAME"), ("Weds 2p", "LOCATION")],
            [("NAME", "retro"), ("DATE", "Weds 2p")],
        ),
        ("add Thanksgiving", [("Thanksgiving", "NAME")], [("NAME", "Thanksgiving")]),
        ("move my 1:1 to friday", [("1:1", "NAME"), ("friday", "DATE")], [("NAME", "1:1"), ("DATE", "friday")]),
        # two DATEs with only phrase or linking words between them that read as one finer time
        ("what do i have 14h tomorrow", [("14h", "DATE"), ("tomorrow", "DATE")], [("DATE", "14h tomorrow")]),
        (
            "move it to end of business on the 26th",
            [("end", "DATE"), ("the 26th", "DATE")],
            [("DATE", "end of business on the 26th")],
        ),
        (
            "what is my afternoon schedule tomorrow",
            [("afternoon", "DATE"), ("tomorrow", "DATE")],
            [("DATE", "afternoon"), ("DATE", "tomorrow")],
        ),
        (
            "tuesday or wednesday",
            [("tuesday", "DATE"), ("wednesday", "DATE")],
            [("DATE", "tuesday"), ("DATE", "wednesday")],
        ),
        # a DATE cut inside a word takes the whole word
        ("what do i have 2027-W02", [("2027", "DATE")], [("DATE", "2027-W02")]),
        # the head cut off a range: the month before its day, the "from" of from-to
        (
            "plan a team offsite from Sept 15 to Sept 17",
            [("15 to Sept 17", "DATE")],
            [("DATE", "from Sept 15 to Sept 17")],
        ),
        ("conference Oct 3-5", [("3-5", "DATE")], [("DATE", "Oct 3-5")]),
        (
            "move it from friday to monday",
            [("friday", "DATE"), ("monday", "DATE")],
            [("DATE", "friday"), ("DATE", "monday")],
        ),
    ],
)
def test_date_spans_grow_over_the_date_words_the_model_left_out(text, marked, want):
    assert grown(text, marked) == want


def test_a_business_day_word_is_part_of_the_when_through_the_shipped_model(parser):
    parse = parser.parse("schedule a dentist appointment close of business Monday", now=NOW, tz="UTC")
    assert parse.when is not None and parse.when.start.replace(tzinfo=None) == datetime(2026, 11, 30, 17, 0)
    clock = parser.parse("move the team meeting to twenty minutes to six tonight", now=NOW, tz="UTC")
    assert clock.when is not None and clock.when.start.replace(tzinfo=None) == datetime(2026, 11, 23, 17, 40)
