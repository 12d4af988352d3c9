"""A blind dialogue probe: short multi-turn conversations through the shipped NLU model.

Each conversation starts from a calendar made through the facade, at a reference time in a
user zone, and is checked on the stored rows (titles, times, people, places, alerts,
occurrences of series) and on the replies (they name the event and the change; they ask
when they should ask). Half the turns are spoken style (lowercase, no punctuation, numbers
as words, fillers), half typed. Expectations are what a demanding user expects.

    .venv/bin/python bench/dialogue_probe.py [-v] [-k NAME]

Written before any fix, without copying the tests' sentences (ten five-word runs are
shared with tests/ and one with the hand-written corpus, common phrasings such as "when am
i free on friday", the task's own example), and run against main at b6b14c4 with the
shipped model: first score 43/52 (spoken 20/24, typed 23/28). The
dialogue families it found were fixed on branch dprobe (a bare hour moved to another day,
a change of "it" read as a create or update, undo after a lead-in, the day said to an
unsure create): 47/52. What still fails, and why:

- create-typed-person-place: the model drops the place ("Lunch with Priya at Nopa ...":
  no LOCATION). NLU.
- rename-typed-dentist: the model drops the new title ("Rename the dentist appointment to
  orthodontist": one NAME, no role), and the lone NAME after "rename" is then taken as the
  new title of nothing ("Which event do you mean?"). NLU first.
- free-typed-two-hours: one DATE "2 free hours tomorrow afternoon", resolved as 2 PM. NLU.
- followup-spoken-make-that-saturday: now read as a move, but the model was unsure (update,
  0.62), so it asks "Did you mean to move ...?" first, as the documented rule says.
- tz-sydney-create-and-query: "team call" is one NAME and no DOMAIN, so it gets the default
  hour, not a call's 30 minutes (the kind is the DOMAIN word only). Left as designed.

The sentences are no longer blind once read: a new blind probe needs new sentences.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant import Assistant, Reply  # noqa: E402

# Reference times (weekday noted): most conversations happen on Wednesday 2027-01-13 10:00 in Chicago.
WED = datetime(2027, 1, 13, 10, 0)
CHI = "America/Chicago"
STANDUP_RULE = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


# -- the calendar a conversation starts from ---------------------------------------------
def standup(bot: Assistant, user: str, tz: str) -> None:
    """Weekday standup at 9:00-9:15 since Monday January 4."""
    bot.create_event(
        user,
        title="standup",
        kind="standup",
        start=datetime(2027, 1, 4, 9),
        end=datetime(2027, 1, 4, 9, 15),
        recurrence=STANDUP_RULE,
        tz=tz,
    )


def team_meeting(bot: Assistant, user: str, tz: str) -> None:
    """Tuesday team meeting 14:00-15:00, weekly since January 5."""
    bot.create_event(
        user,
        title="team meeting",
        kind="meeting",
        start=datetime(2027, 1, 5, 14),
        end=datetime(2027, 1, 5, 15),
        recurrence="FREQ=WEEKLY;BYDAY=TU",
        tz=tz,
    )


def dentist(bot: Assistant, user: str, tz: str) -> None:
    """Dentist on Friday January 15, 15:00-16:00."""
    bot.create_event(
        user,
        title="dentist",
        kind="appointment",
        start=datetime(2027, 1, 15, 15),
        end=datetime(2027, 1, 15, 16),
        tz=tz,
    )


def lunch_sara(bot: Assistant, user: str, tz: str) -> None:
    """Lunch with Sara on Thursday January 14, 12:30-13:30."""
    bot.create_event(
        user,
        title="lunch with Sara",
        kind="lunch",
        start=datetime(2027, 1, 14, 12, 30),
        end=datetime(2027, 1, 14, 13, 30),
        attendees=["Sara"],
        tz=tz,
    )


def birthday(bot: Assistant, user: str, tz: str) -> None:
    """Mom's birthday, all day Sunday January 24."""
    bot.create_event(
        user,
        title="mom's birthday",
        kind="birthday",
        start=datetime(2027, 1, 24),
        end=datetime(2027, 1, 25),
        all_day=True,
        tz=tz,
    )


def yoga(bot: Assistant, user: str, tz: str) -> None:
    """Yoga class on Saturday January 16, 10:00-11:00 (once)."""
    bot.create_event(
        user, title="yoga class", kind="class", start=datetime(2027, 1, 16, 10), end=datetime(2027, 1, 16, 11), tz=tz
    )


def breakfast_fri(bot: Assistant, user: str, tz: str) -> None:
    """Breakfast with Tom on Friday January 15, 8:00-8:45."""
    bot.create_event(
        user,
        title="breakfast with Tom",
        kind="breakfast",
        start=datetime(2027, 1, 15, 8),
        end=datetime(2027, 1, 15, 8, 45),
        attendees=["Tom"],
        tz=tz,
    )


def usual(bot: Assistant, user: str, tz: str) -> None:
    """The usual calendar: standup, team meeting, dentist, lunch with Sara, mom's birthday."""
    for make in (standup, team_meeting, dentist, lunch_sara, birthday):
        make(bot, user, tz)


# -- expectations ---------------------------------------------------------------------------
@dataclass
class Say:
    """One user turn and what the reply must do."""

    text: str
    says: tuple[str, ...] = ()  # substrings the reply must hold (case aside)
    not_says: tuple[str, ...] = ()
    op: str | tuple[str, ...] | None = None  # the reply's operation (one of)
    asks: bool | None = None  # True: the reply must ask (question / confirmation); False: must not


@dataclass
class Row:
    """A live row that must exist (the fields given are compared; titles and people case aside)."""

    title: str | None = None
    title_has: str | None = None
    start: str | None = None
    end: str | None = None
    all_day: bool | None = None
    location: str | None = None
    location_has: str | None = None
    attendees: tuple[str, ...] | None = None
    alerts: tuple[int, ...] | None = None
    repeats: bool | None = None  # has a recurrence rule


@dataclass
class Occ:
    """The starts of a title's occurrences in [start, end) (expanded listing, wall times)."""

    title: str
    start: str
    end: str
    starts: tuple[str, ...]


@dataclass
class Convo:
    name: str
    style: str  # spoken | typed
    turns: list[Say]
    setup: tuple[Callable[[Assistant, str, str], None], ...] = ()
    now: datetime = WED
    tz: str = CHI
    rows: list[Row] | None = None  # every live row (None: rows not checked as a whole)
    has: list[Row] = field(default_factory=list)  # rows that must exist (others may)
    occ: list[Occ] = field(default_factory=list)
    note: str = ""


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip().lower() == (b or "").strip().lower()


def row_fits(view: Any, want: Row) -> bool:
    checks = [
        want.title is None or _same(view.title, want.title),
        want.title_has is None or want.title_has.lower() in view.title.lower(),
        want.start is None or view.start == want.start,
        want.end is None or view.end == want.end,
        want.all_day is None or view.all_day == want.all_day,
        want.location is None or _same(view.location, want.location),
        want.location_has is None or want.location_has.lower() in (view.location or "").lower(),
        want.attendees is None
        or sorted(a.lower() for a in view.attendees) == sorted(a.lower() for a in want.attendees),
        want.alerts is None or sorted(view.alerts) == sorted(want.alerts),
        want.repeats is None or bool(view.recurrence) == want.repeats,
    ]
    return all(checks)


def _short(view: Any) -> str:
    bits = [repr(view.title), view.start, view.end]
    if view.location:
        bits.append(f"@{view.location}")
    if view.attendees:
        bits.append(f"with {list(view.attendees)}")
    if view.alerts:
        bits.append(f"alerts {list(view.alerts)}")
    if view.recurrence:
        bits.append(view.recurrence)
    if view.exdates:
        bits.append(f"exdates {list(view.exdates)}")
    return " ".join(str(b) for b in bits)


def check_reply(say: Say, reply: Reply) -> list[str]:
    text = reply.reply.lower()
    problems = [f"reply lacks {s!r}" for s in say.says if s.lower() not in text]
    problems += [f"reply says {s!r}" for s in say.not_says if s.lower() in text]
    if say.op is not None:
        ops = (say.op,) if isinstance(say.op, str) else say.op
        if reply.operation not in ops:
            problems.append(f"operation {reply.operation!r}, wanted {ops}")
    asking = reply.operation in ("clarify", "confirm") or bool(reply.choices)
    if say.asks is True and not asking:
        problems.append("did not ask")
    if say.asks is False and asking:
        problems.append("asked")
    return problems


def check_state(bot: Assistant, user: str, convo: Convo) -> list[str]:
    views = bot.events(user, tz=convo.tz)
    problems = []
    if convo.rows is not None:
        left = list(views)
        for want in convo.rows:
            hit = next((v for v in left if row_fits(v, want)), None)
            if hit is None:
                problems.append(f"no row like {want}")
            else:
                left.remove(hit)
        problems += [f"unexpected row {_short(v)}" for v in left]
    for want in convo.has:
        if not any(row_fits(v, want) for v in views):
            problems.append(f"no row like {want}")
    for occ in convo.occ:
        listed = bot.events(
            user,
            start=datetime.fromisoformat(occ.start),
            end=datetime.fromisoformat(occ.end),
            tz=convo.tz,
            expand=True,
        )
        starts = tuple(sorted(v.start for v in listed if _same(v.title, occ.title)))
        if starts != tuple(sorted(occ.starts)):
            problems.append(
                f"{occ.title} occurrences in {occ.start[:10]}..{occ.end[:10]}: {starts}, wanted {occ.starts}"
            )
    if problems:
        problems.append("rows: " + "; ".join(_short(v) for v in views))
    return problems


def run(convo: Convo, bot: Assistant, verbose: bool) -> tuple[bool, list[str]]:
    """Play one conversation: whether it passed, and the lines to print (the turns of a
    failed one, with what went wrong; every turn when verbose)."""
    user = f"u-{convo.name}"
    for make in convo.setup:
        make(bot, user, convo.tz)
    lines: list[str] = []
    failed = False
    for i, say in enumerate(convo.turns):
        reply = bot.handle("s", say.text, now=convo.now, tz=convo.tz, user=user)
        bad = check_reply(say, reply)
        failed = failed or bool(bad)
        parse = reply.parse
        reading = ""
        if parse is not None:
            slots = " ".join(f"{s.label}{'/' + s.role if s.role else ''}={s.text!r}" for s in parse.slots)
            reading = f" [{parse.intent} {parse.confidence:.2f}: {slots}]"
        lines.append(f"  > {say.text}\n    < ({reply.operation}) {reply.reply}{reading}")
        lines += [f"    ! turn {i + 1}: {p}" for p in bad]
    state = check_state(bot, user, convo)
    lines += [f"    ! state: {p}" for p in state]
    failed = failed or bool(state)
    return not failed, lines if (failed or verbose) else []


def iso(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> str:
    return datetime(y, mo, d, h, mi).isoformat(timespec="seconds")


def jan(d: int, h: int = 0, mi: int = 0) -> str:
    return iso(2027, 1, d, h, mi)


def weekdays(first: int, last: int, h: int = 9, mi: int = 0, skip: tuple[int, ...] = ()) -> tuple[str, ...]:
    """Starts of the standup on the weekdays of January first..last (16-17, 23-24 are weekends)."""
    days = [d for d in range(first, last + 1) if datetime(2027, 1, d).weekday() < 5 and d not in skip]
    return tuple(jan(d, h, mi) for d in days)


# -- the conversations ----------------------------------------------------------------------
CONVOS: list[Convo] = [
    # --- create with title and time
    Convo(
        "create-spoken-haircut",
        "spoken",
        [
            Say(
                "uh can you schedule a haircut on friday at four thirty pm",
                says=("haircut", "friday", "4:30"),
                op="create",
            )
        ],
        rows=[Row(title="haircut", start=jan(15, 16, 30), end=jan(15, 17, 30))],
    ),
    Convo(
        "create-typed-plumber",
        "typed",
        [Say("Book a call with the plumber tomorrow at 8am.", says=("plumber", "8:00"), op="create")],
        rows=[Row(title_has="plumber", start=jan(14, 8), end=jan(14, 8, 30))],
        note="call: 30 minutes by default",
    ),
    Convo(
        "create-typed-gym-noon",
        "typed",
        [Say("Put gym on Saturday at noon", says=("gym", "saturday", "12:00"), op="create")],
        rows=[Row(title="gym", start=jan(16, 12), end=jan(16, 13))],
    ),
    # --- create with person and place
    Convo(
        "create-typed-person-place",
        "typed",
        [Say("Lunch with Priya at Nopa on Thursday at 12:30", says=("priya", "nopa"), op="create")],
        rows=[
            Row(
                title="lunch with Priya",
                start=jan(14, 12, 30),
                end=jan(14, 13, 30),
                attendees=("Priya",),
                location="Nopa",
            )
        ],
    ),
    Convo(
        "create-spoken-person-place",
        "spoken",
        [Say("um set up coffee with marcus at blue bottle next tuesday at ten am", says=("marcus",), op="create")],
        rows=[Row(title_has="coffee", start=jan(19, 10), attendees=("marcus",), location="blue bottle")],
    ),
    # --- create with an alert
    Convo(
        "create-typed-alert",
        "typed",
        [
            Say(
                "Schedule a dentist appointment on Jan 22 at 2pm and remind me 30 minutes before.",
                says=("dentist", "january 22", "30 minutes"),
                op="create",
            )
        ],
        rows=[Row(title_has="dentist", start=jan(22, 14), alerts=(30,))],
    ),
    Convo(
        "create-spoken-alert",
        "spoken",
        [
            Say(
                "put my flight to denver on saturday at seven in the morning and remind me two hours before",
                says=("flight", "7:00"),
                op="create",
            )
        ],
        rows=[Row(title_has="flight", start=jan(16, 7), alerts=(120,))],
    ),
    # --- a missing day is asked; the answer completes it
    Convo(
        "create-spoken-ask-date",
        "spoken",
        [
            Say("add a team offsite", says=("offsite",), asks=True),
            Say("january twenty ninth", says=("offsite", "january 29"), op="create"),
        ],
        rows=[Row(title="team offsite", start=jan(29), all_day=True)],
    ),
    # --- duplicates
    Convo(
        "duplicate-typed-no",
        "typed",
        [Say("Add dentist on Friday at 3pm", says=("already",), asks=True), Say("No", asks=False)],
        setup=(dentist,),
        rows=[Row(title="dentist", start=jan(15, 15))],
    ),
    Convo(
        "duplicate-spoken-yes",
        "spoken",
        [Say("schedule dentist on friday at three pm", says=("already",), asks=True), Say("yeah", op="create")],
        setup=(dentist,),
        rows=[Row(title="dentist", start=jan(15, 15)), Row(title="dentist", start=jan(15, 15))],
    ),
    # --- cancel
    Convo(
        "cancel-typed-single",
        "typed",
        [
            Say("Cancel my dentist appointment on Friday", says=("dentist", "january 15"), asks=True),
            Say("yes", says=("dentist",), op="cancel"),
        ],
        setup=(dentist, lunch_sara),
        rows=[Row(title="lunch with Sara")],
    ),
    Convo(
        "cancel-spoken-no",
        "spoken",
        [Say("cancel lunch with sara", says=("lunch with sara",), asks=True), Say("nah keep it", asks=False)],
        setup=(dentist, lunch_sara),
        rows=[Row(title="dentist"), Row(title="lunch with Sara", start=jan(14, 12, 30))],
    ),
    Convo(
        "cancel-spoken-one-occurrence",
        "spoken",
        [
            Say("uh cancel the standup on monday", says=("standup", "monday, january 18"), asks=True),
            Say("just this one", op="cancel"),
        ],
        setup=(standup,),
        occ=[Occ("standup", jan(18), jan(21), weekdays(19, 20))],
        has=[Row(title="standup", repeats=True)],
        note="only Monday Jan 18 goes",
    ),
    Convo(
        "cancel-typed-occurrence-by-date",
        "typed",
        [Say("Cancel standup on Jan 20", says=("standup", "january 20"), asks=True), Say("Yes", op="cancel")],
        setup=(standup,),
        occ=[Occ("standup", jan(18), jan(23), weekdays(18, 22, skip=(20,)))],
        note="yes = only this one (documented)",
    ),
    Convo(
        "cancel-typed-whole-series",
        "typed",
        [Say("Cancel the standup", says=("standup",), asks=True), Say("All of them", says=("standup",), op="cancel")],
        setup=(standup, dentist),
        occ=[Occ("standup", jan(14), jan(30), ())],
        rows=[Row(title="dentist")],
        note="the whole series from now on: no standups left ahead",
    ),
    Convo(
        "cancel-spoken-series-next-tuesday",
        "spoken",
        [
            Say("cancel next week's team meeting", says=("team meeting", "january 19"), asks=True),
            Say("only that one", op="cancel"),
        ],
        setup=(team_meeting,),
        occ=[Occ("team meeting", jan(14), jan(30), (jan(26, 14),))],
    ),
    # --- move
    Convo(
        "move-typed-time-only",
        "typed",
        [Say("Move the dentist to 4:30 PM.", says=("dentist", "4:30"), op="reschedule")],
        setup=(dentist,),
        rows=[Row(title="dentist", start=jan(15, 16, 30), end=jan(15, 17, 30))],
    ),
    Convo(
        "move-spoken-day-and-time",
        "spoken",
        [Say("can you push the dentist to monday at ten", says=("dentist", "monday", "10:00"), op="reschedule")],
        setup=(dentist,),
        rows=[Row(title="dentist", start=jan(18, 10), end=jan(18, 11))],
    ),
    Convo(
        "move-spoken-one-occurrence",
        "spoken",
        [
            Say("move the standup on monday to nine thirty", says=("standup", "january 18"), asks=True),
            Say("just this one", op="reschedule"),
        ],
        setup=(standup,),
        occ=[Occ("standup", jan(18), jan(20), (jan(18, 9, 30), jan(19, 9)))],
    ),
    Convo(
        "move-typed-all-occurrences",
        "typed",
        [Say("Move the standup to 9:30am", says=("standup",), asks=True), Say("All of them", op="reschedule")],
        setup=(standup,),
        occ=[Occ("standup", jan(14), jan(20), weekdays(14, 19, 9, 30))],
        note="all of them: future standups at 9:30",
    ),
    Convo(
        "move-typed-lunch-place-and-time",
        "typed",
        [Say("Can we move lunch with Sara to Friday?", says=("lunch with sara", "friday"), op="reschedule")],
        setup=(lunch_sara,),
        rows=[Row(title="lunch with Sara", start=jan(15, 12, 30), end=jan(15, 13, 30), attendees=("Sara",))],
    ),
    # --- follow-ups
    Convo(
        "followup-typed-move-it-to-5",
        "typed",
        [
            Say("Schedule a call with Dana tomorrow at 2pm", says=("dana",), op="create"),
            Say("move it to 5", says=("5:00",), op="reschedule"),
        ],
        rows=[Row(title_has="dana", start=jan(14, 17), end=jan(14, 17, 30), attendees=("Dana",))],
    ),
    Convo(
        "followup-spoken-make-that-saturday",
        "spoken",
        [
            Say("book a massage on friday at six pm", says=("massage",), op="create"),
            Say("actually make that saturday", says=("massage", "saturday"), op="reschedule"),
        ],
        rows=[Row(title="massage", start=jan(16, 18), end=jan(16, 19))],
    ),
    Convo(
        "followup-spoken-push-back-hour",
        "spoken",
        [
            Say("schedule a haircut tomorrow at three pm", op="create"),
            Say("uh push it back an hour", says=("haircut", "4:00"), op="reschedule"),
        ],
        rows=[Row(title="haircut", start=jan(14, 16), end=jan(14, 17))],
    ),
    Convo(
        "followup-typed-undo-create",
        "typed",
        [Say("Schedule gym at 7am tomorrow", op="create"), Say("undo", says=("gym",), op="undo")],
        rows=[],
    ),
    Convo(
        "followup-spoken-undo-cancel",
        "spoken",
        [
            Say("delete the dentist", asks=True),
            Say("yes please", op="cancel"),
            Say("wait undo that", says=("dentist",), op="undo"),
        ],
        setup=(dentist,),
        rows=[Row(title="dentist", start=jan(15, 15))],
    ),
    Convo(
        "followup-typed-then-its-location",
        "typed",
        [
            Say("Add a team dinner on Friday at 7pm", op="create"),
            Say("Put it at Sotto Mare", says=("sotto mare",), op=("update", "reschedule")),
        ],
        rows=[Row(title="team dinner", start=jan(15, 19), location="Sotto Mare")],
    ),
    # --- alerts on existing events
    Convo(
        "alert-spoken-ping-standup",
        "spoken",
        [Say("ping me fifteen minutes before the standup", says=("standup", "15 minutes"), op="update")],
        setup=(standup,),
        has=[Row(title="standup", alerts=(15,), repeats=True)],
        occ=[Occ("standup", jan(14), jan(16), weekdays(14, 15))],
    ),
    Convo(
        "alert-typed-birthday-day-before",
        "typed",
        [Say("Remind me a day before mom's birthday", says=("birthday",), op="update")],
        setup=(birthday,),
        rows=[Row(title="mom's birthday", start=jan(24), all_day=True, alerts=(1440,))],
    ),
    Convo(
        "alert-typed-dentist-10min",
        "typed",
        [Say("Set an alert 10 minutes before my dentist appointment.", says=("dentist", "10 minutes"), op="update")],
        setup=(dentist,),
        rows=[Row(title="dentist", start=jan(15, 15), alerts=(10,))],
    ),
    # --- people
    Convo(
        "people-spoken-add-jim",
        "spoken",
        [Say("add jim to the lunch with sara", says=("jim",), op="update")],
        setup=(lunch_sara,),
        rows=[Row(start=jan(14, 12, 30), attendees=("Sara", "jim"))],
    ),
    Convo(
        "people-typed-remove-sara",
        "typed",
        [Say("Remove Sara from lunch.", says=("sara",), op="update")],
        setup=(lunch_sara,),
        rows=[Row(start=jan(14, 12, 30), attendees=())],
    ),
    Convo(
        "people-typed-invite-two",
        "typed",
        [Say("Invite Alex and Jordan to the team meeting", says=("alex", "jordan"), op="update")],
        setup=(team_meeting,),
        rows=[Row(title="team meeting", attendees=("Alex", "Jordan"), repeats=True)],
    ),
    # --- rename, place
    Convo(
        "rename-spoken-lunch",
        "spoken",
        [Say("rename lunch with sara to team lunch", says=("team lunch",), op="update")],
        setup=(lunch_sara,),
        rows=[Row(title="team lunch", start=jan(14, 12, 30), attendees=("Sara",))],
    ),
    Convo(
        "rename-typed-dentist",
        "typed",
        [Say("Rename the dentist appointment to orthodontist", says=("orthodontist",), op="update")],
        setup=(dentist,),
        rows=[Row(title="orthodontist", start=jan(15, 15))],
    ),
    Convo(
        "place-typed-lunch",
        "typed",
        [Say("Change the location of lunch with Sara to Cafe Luna", says=("cafe luna",), op=("update", "reschedule"))],
        setup=(lunch_sara,),
        rows=[Row(title="lunch with Sara", start=jan(14, 12, 30), location="Cafe Luna")],
    ),
    Convo(
        "place-spoken-dentist",
        "spoken",
        [Say("move the dentist to the downtown clinic", says=("downtown clinic",))],
        setup=(dentist,),
        rows=[Row(title="dentist", start=jan(15, 15), location_has="downtown clinic")],
    ),
    # --- repetition
    Convo(
        "repeat-spoken-yoga-weekly",
        "spoken",
        [Say("make the yoga class weekly", says=("yoga",), op="update")],
        setup=(yoga,),
        occ=[Occ("yoga class", jan(16), jan(31), (jan(16, 10), jan(23, 10), jan(30, 10)))],
    ),
    Convo(
        "repeat-typed-stop-after",
        "typed",
        [Say("Stop the standup after January 21.", says=("standup",), op="update")],
        setup=(standup,),
        occ=[Occ("standup", jan(20), jan(30), weekdays(20, 21))],
    ),
    Convo(
        "repeat-typed-lunch-every-thursday",
        "typed",
        [Say("Make lunch with Sara repeat every Thursday.", says=("lunch with sara", "thursday"), op="update")],
        setup=(lunch_sara,),
        occ=[Occ("lunch with Sara", jan(14), jan(29), (jan(14, 12, 30), jan(21, 12, 30), jan(28, 12, 30)))],
    ),
    # --- free time
    Convo(
        "free-spoken-friday",
        "spoken",
        [Say("when am i free on friday", says=("3:00 pm", "4:00 pm", "friday"), op="availability")],
        setup=(dentist, standup),
    ),
    Convo(
        "free-typed-two-hours",
        "typed",
        [Say("Do I have 2 free hours tomorrow afternoon?", says=("yes",), op="availability")],
        setup=(lunch_sara,),
    ),
    # --- queries
    Convo(
        "query-spoken-tomorrow",
        "spoken",
        [Say("whats on tomorrow", says=("lunch with sara", "standup"), not_says=("dentist",), op="query")],
        setup=(standup, dentist, lunch_sara),
    ),
    Convo(
        "query-typed-friday-afternoon",
        "typed",
        [Say("Anything Friday afternoon?", says=("dentist",), not_says=("breakfast",), op="query")],
        setup=(dentist, breakfast_fri),
    ),
    Convo(
        "query-typed-when-is-dentist",
        "typed",
        [Say("When is my dentist appointment?", says=("friday, january 15", "3:00 pm"), op="query")],
        setup=(dentist, lunch_sara),
    ),
    Convo(
        "query-spoken-monday",
        "spoken",
        [Say("uh do i have anything on monday", says=("standup",), not_says=("dentist",), op="query")],
        setup=(standup, dentist),
    ),
    # --- an open question, then a new full command
    Convo(
        "question-dropped-by-query",
        "spoken",
        [
            Say("add a team offsite", asks=True),
            Say("actually what do i have on friday", says=("dentist",), op="query"),
            Say("friday at noon", not_says=("offsite",)),
        ],
        setup=(dentist,),
        rows=[Row(title="dentist")],
        note="the third turn must not create the offsite that was asked about two turns ago",
    ),
    Convo(
        "question-dropped-by-create",
        "typed",
        [
            Say("Cancel the standup on Monday", asks=True),
            Say("Schedule a haircut on Saturday at 11am", says=("haircut",), op="create"),
            Say("yes", op="none"),
        ],
        setup=(standup,),
        occ=[Occ("standup", jan(18), jan(19), (jan(18, 9),))],
        has=[Row(title="haircut", start=jan(16, 11))],
        note="the yes comes after the question was dropped: nothing to confirm",
    ),
    # --- time zones
    Convo(
        "tz-tokyo-near-midnight",
        "typed",
        [Say("What's on tomorrow?", says=("brunch",), not_says=("karaoke",), op="query")],
        setup=(
            lambda b, u, tz: b.create_event(
                u,
                title="brunch with Ken",
                start=datetime(2027, 3, 6, 9),
                end=datetime(2027, 3, 6, 10),
                attendees=["Ken"],
                tz=tz,
            ),
            lambda b, u, tz: b.create_event(
                u, title="karaoke", start=datetime(2027, 3, 5, 22), end=datetime(2027, 3, 5, 23, 59), tz=tz
            ),
        ),
        now=datetime(2027, 3, 5, 23, 30),
        tz="Asia/Tokyo",
    ),
    Convo(
        "tz-la-near-midnight-create",
        "spoken",
        [Say("schedule a run tomorrow at six am", says=("run", "monday", "6:00"), op="create")],
        now=datetime(2027, 5, 16, 23, 40),
        tz="America/Los_Angeles",
        rows=[Row(title="run", start=iso(2027, 5, 17, 6), end=iso(2027, 5, 17, 7))],
    ),
    Convo(
        "tz-sydney-create-and-query",
        "typed",
        [
            Say("Schedule a team call at 9am on Monday", op="create"),
            Say("What do I have on Monday?", says=("team call", "9:00 am"), op="query"),
        ],
        now=datetime(2027, 1, 13, 20, 0),
        tz="Australia/Sydney",
        rows=[Row(title="team call", start=jan(18, 9), end=jan(18, 9, 30))],
    ),
    Convo(
        "tz-berlin-after-midnight-today",
        "spoken",
        [Say("schedule brunch today at eleven", says=("brunch", "11:00"), op="create")],
        now=datetime(2027, 1, 16, 0, 30),
        tz="Europe/Berlin",
        rows=[Row(title="brunch", start=jan(16, 11), end=jan(16, 12))],
    ),
]


def probe_main(convos: list, run_one: Callable, doc: str, db_name: str) -> int:
    """Run the conversations chosen on the command line through the shipped model, one
    database for all, and print each failure and the score (shared by the probes)."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="print every conversation")
    ap.add_argument("-k", default="", help="only conversations whose name holds this")
    args = ap.parse_args()
    import nlu

    parser = nlu.load().parse
    chosen = [c for c in convos if args.k in c.name]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        bot = Assistant(f"sqlite:///{tmp}/{db_name}", parser=parser)
        failed = []
        for convo in chosen:
            passed, lines = run_one(convo, bot, args.verbose)
            if not passed:
                failed.append(convo.name)
            if lines:
                print(
                    f"{'ok' if passed else 'FAIL'} {convo.name} ({convo.style}){' - ' + convo.note if convo.note else ''}"
                )
                print("\n".join(lines))
    passed = len(chosen) - len(failed)
    spoken = sum(1 for c in chosen if c.style == "spoken" and c.name not in failed)
    typed = sum(1 for c in chosen if c.style == "typed" and c.name not in failed)
    print(
        f"\n{passed}/{len(chosen)} conversations passed "
        f"(spoken {spoken}/{sum(c.style == 'spoken' for c in chosen)}, "
        f"typed {typed}/{sum(c.style == 'typed' for c in chosen)}) in {time.perf_counter() - started:.1f}s"
    )
    if failed:
        print("failed: " + ", ".join(failed))
    return 0 if not failed else 1


def main() -> int:
    return probe_main(CONVOS, run, __doc__ or "", "probe.db")


if __name__ == "__main__":
    raise SystemExit(main())
