"""A second blind dialogue probe: 50 short conversations through the shipped NLU model.

Same idea as bench/dialogue_probe.py, with new sentences and a new calendar. Each
conversation starts from a calendar made through the facade (Assistant.create_event), at a
reference time in a user zone (mostly Tuesday 2027-04-13 10:00 in New York), runs 1-4 turns
through Assistant.handle and is checked on the stored rows (titles, wall-time starts/ends,
people, places, alerts as minutes before, occurrences of series), on due alerts where the
user expects something to ring, and on the replies (operation, the event named, a question
asked when one is due, nothing written when nothing was asked for, no internal error).
Half the conversations are spoken style (lowercase, no punctuation, numbers as words,
fillers), half typed. Expectations are what a demanding user expects, written from
docs/assistant.md and the issue text, not from the implementation.

    .venv/bin/python bench/dialogue_probe2.py [-v] [-k NAME]

A turn marked `if_asked` is only said when the turn before asked a question (for requests
where asking first and acting at once are both fine).

Written blind (docs/assistant.md and the issue text only, not the code under assistant/ or
nlu/). Before the first run the sentences were checked for five-word runs shared with tests/,
nlu/corpus/ and bench/dialogue_probe.py and reworded; two common runs remain ("at eleven in
the morning", "for a 2 hour meeting").

First score on c7f0ba9 (working tree with the uncommitted changes then in assistant/creating.py,
nlu/date_growth.py, nlu/name_spans.py, nlu/place_spans.py and tests, not made by this probe),
shipped model: 39/50; spoken 17/25, typed 22/25.

Corrections after the first run (own arithmetic or script bugs only): none.

After the families it found were fixed (a move to a repetition read as a move of one
occurrence to today, a new place read as a date and moved without asking, "call it X"
refused, "tomorrow for a 2-hour meeting" searched in the first two hours of the day, a
service person taken for a place, a day at the end of a reminder's title, unsure but plain
creates and timed reminders asked about): 48/50 on ce10003 (spoken 23/25, typed 25/25).
The two left are clear commands the model doubts (create 0.42, update 0.09), asked about
first as the documented threshold says.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant import Assistant, Reply  # noqa: E402

FIRST_SCORE = "39/50 on c7f0ba9 (spoken 17/25, typed 22/25)"

# Reference time: Tuesday 2027-04-13 10:00 in New York (EDT).
# April 2027: Mon 12, Tue 13, Wed 14, Thu 15, Fri 16, Sat 17, Sun 18, Mon 19, ..., Thu 22, Fri 23.
TUE = datetime(2027, 4, 13, 10, 0)
NY = "America/New_York"
WRITES = ("create", "cancel", "reschedule", "update", "undo")
NOT_WRITES = ("query", "availability", "confirm", "clarify", "none")


def apr(d: int, h: int = 0, mi: int = 0) -> str:
    return datetime(2027, 4, d, h, mi).isoformat(timespec="seconds")


def may(d: int, h: int = 0, mi: int = 0) -> str:
    return datetime(2027, 5, d, h, mi).isoformat(timespec="seconds")


# -- the calendar a conversation starts from ---------------------------------------------
def standup(bot: Assistant, user: str, tz: str) -> None:
    """Weekday standup 8:45-9:00 since Monday April 5."""
    bot.create_event(
        user,
        title="standup",
        kind="standup",
        start=datetime(2027, 4, 5, 8, 45),
        end=datetime(2027, 4, 5, 9, 0),
        recurrence="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        tz=tz,
    )


def piano(bot: Assistant, user: str, tz: str) -> None:
    """Piano lesson every Wednesday 17:00-18:00 since April 7."""
    bot.create_event(
        user,
        title="piano lesson",
        kind="class",
        start=datetime(2027, 4, 7, 17),
        end=datetime(2027, 4, 7, 18),
        recurrence="FREQ=WEEKLY;BYDAY=WE",
        tz=tz,
    )


def book_club(bot: Assistant, user: str, tz: str) -> None:
    """Book club every other Thursday 19:00-20:30 since April 8 (Apr 8, 22, May 6, 20 ...)."""
    bot.create_event(
        user,
        title="book club",
        start=datetime(2027, 4, 8, 19),
        end=datetime(2027, 4, 8, 20, 30),
        recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        tz=tz,
    )


def dentist(bot: Assistant, user: str, tz: str) -> None:
    """Dentist on Friday April 16, 11:00-12:00."""
    bot.create_event(
        user, title="dentist", kind="appointment", start=datetime(2027, 4, 16, 11), end=datetime(2027, 4, 16, 12), tz=tz
    )


def review(bot: Assistant, user: str, tz: str) -> None:
    """Project review on Thursday April 15, 14:00-15:00, with Maya, in Room 4."""
    bot.create_event(
        user,
        title="project review",
        kind="meeting",
        start=datetime(2027, 4, 15, 14),
        end=datetime(2027, 4, 15, 15),
        attendees=["Maya"],
        location="Room 4",
        tz=tz,
    )


def dinner_omar(bot: Assistant, user: str, tz: str) -> None:
    """Dinner with Omar on Saturday April 17, 19:00-21:00."""
    bot.create_event(
        user,
        title="dinner with Omar",
        kind="dinner",
        start=datetime(2027, 4, 17, 19),
        end=datetime(2027, 4, 17, 21),
        attendees=["Omar"],
        tz=tz,
    )


def vet(bot: Assistant, user: str, tz: str) -> None:
    """Vet appointment on Monday April 19, 16:00-17:00."""
    bot.create_event(
        user,
        title="vet appointment",
        kind="appointment",
        start=datetime(2027, 4, 19, 16),
        end=datetime(2027, 4, 19, 17),
        tz=tz,
    )


def training(bot: Assistant, user: str, tz: str) -> None:
    """Safety training on Wednesday April 14, 10:00-16:30."""
    bot.create_event(
        user, title="safety training", start=datetime(2027, 4, 14, 10), end=datetime(2027, 4, 14, 16, 30), tz=tz
    )


def call_ana(bot: Assistant, user: str, tz: str) -> None:
    """Call with Ana on Friday April 16, 14:00-14:30."""
    bot.create_event(
        user,
        title="call with Ana",
        kind="call",
        start=datetime(2027, 4, 16, 14),
        end=datetime(2027, 4, 16, 14, 30),
        attendees=["Ana"],
        tz=tz,
    )


# -- expectations ---------------------------------------------------------------------------
@dataclass
class Say:
    """One user turn and what the reply must do."""

    text: str
    says: tuple[str, ...] = ()  # substrings the reply must hold (case aside)
    not_says: tuple[str, ...] = ()
    op: str | tuple[str, ...] | None = None  # the reply's operation (one of)
    asks: bool | None = None  # True: the reply must ask (question / confirmation); False: must not
    if_asked: bool = False  # only said when the turn before asked


@dataclass
class Row:
    """A live row that must exist (the fields given are compared; titles and people case aside)."""

    title: str | None = None
    title_has: str | None = None
    title_words: tuple[str, ...] = ()  # each must be in the title
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
    """The starts of the occurrences whose title holds `title`, in [start, end) (expanded listing,
    wall times): `starts`, or one of `alts`."""

    title: str
    start: str
    end: str
    starts: tuple[str, ...] = ()
    alts: tuple[tuple[str, ...], ...] = ()


@dataclass
class Convo:
    name: str
    style: str  # spoken | typed
    turns: list[Say]
    setup: tuple[Callable[[Assistant, str, str], None], ...] = ()
    now: datetime = TUE
    tz: str = NY
    rows: list[Row] | None = None  # every live row (None: rows not checked as a whole)
    has: list[Row] = field(default_factory=list)  # rows that must exist (others may)
    occ: list[Occ] = field(default_factory=list)
    extra: tuple[Callable[[Assistant, str, str], list[str]], ...] = ()  # (bot, user, tz) -> problems
    note: str = ""


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip().lower() == (b or "").strip().lower()


def row_fits(view: Any, want: Row) -> bool:
    title = (view.title or "").lower()
    checks = [
        want.title is None or _same(view.title, want.title),
        want.title_has is None or want.title_has.lower() in title,
        all(w.lower() in title for w in want.title_words),
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
    if view.all_day:
        bits.append("all-day")
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
    if view.series_id:
        bits.append(f"(occurrence of #{view.series_id} at {view.original_start})")
    return " ".join(str(b) for b in bits)


def _asking(reply: Reply) -> bool:
    return reply.operation in ("clarify", "confirm") or bool(reply.choices)


def check_reply(say: Say, reply: Reply) -> list[str]:
    text = reply.reply.lower()
    problems = [f"reply lacks {s!r}" for s in say.says if s.lower() not in text]
    problems += [f"reply says {s!r}" for s in say.not_says if s.lower() in text]
    if not text.strip():
        problems.append("empty reply")
    if "error" in reply.to_dict():
        problems.append(f"error: {reply.to_dict()['error']!r}")
    if say.op is not None:
        ops = (say.op,) if isinstance(say.op, str) else say.op
        if reply.operation not in ops:
            problems.append(f"operation {reply.operation!r}, wanted {ops}")
    if say.asks is True and not _asking(reply):
        problems.append("did not ask")
    if say.asks is False and _asking(reply):
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
                problems.append(f"no row like {_want(want)}")
            else:
                left.remove(hit)
        problems += [f"unexpected row {_short(v)}" for v in left]
    for want in convo.has:
        if not any(row_fits(v, want) for v in views):
            problems.append(f"no row like {_want(want)}")
    for occ in convo.occ:
        listed = bot.events(
            user,
            start=datetime.fromisoformat(occ.start),
            end=datetime.fromisoformat(occ.end),
            tz=convo.tz,
            expand=True,
        )
        starts = tuple(sorted(v.start for v in listed if occ.title.lower() in (v.title or "").lower()))
        wanted = [tuple(sorted(occ.starts))] if not occ.alts else [tuple(sorted(a)) for a in occ.alts]
        if starts not in wanted:
            problems.append(
                f"{occ.title!r} occurrences in {occ.start[:10]}..{occ.end[:10]}: {starts}, "
                f"wanted {' or '.join(map(str, wanted))}"
            )
    for check in convo.extra:
        problems += check(bot, user, convo.tz)
    if problems:
        problems.append("rows: " + ("; ".join(_short(v) for v in views) or "(none)"))
    return problems


def _want(want: Row) -> str:
    return "Row(" + ", ".join(f"{k}={v!r}" for k, v in vars(want).items() if v not in (None, ())) + ")"


def rings(title_has: str, lo: str, hi: str, window: tuple[str, str], count: int = 1) -> Callable:
    """An extra check: in `window`, the events whose title holds `title_has` have exactly `count`
    due alerts, each ringing between lo and hi (wall times, inclusive)."""

    def check(bot: Assistant, user: str, tz: str) -> list[str]:
        due = bot.due_alerts(user, datetime.fromisoformat(window[0]), datetime.fromisoformat(window[1]), tz=tz)
        mine = [d for d in due if title_has.lower() in (d["title"] or "").lower()]
        ok = len(mine) == count and all(lo <= str(d["alert_at"])[:19] <= hi for d in mine)
        if ok:
            return []
        got = [(d["title"], d["alert_at"], d["minutes_before"]) for d in mine]
        return [f"alerts of {title_has!r}: {got}, wanted {count} ringing between {lo} and {hi}"]

    return check


def run(convo: Convo, bot: Assistant, verbose: bool) -> tuple[bool, list[str]]:
    """Play one conversation: whether it passed, and the lines to print (the turns of a
    failed one, with what went wrong; every turn when verbose)."""
    user = f"u-{convo.name}"
    for make in convo.setup:
        make(bot, user, convo.tz)
    lines: list[str] = []
    failed = False
    asked_before = False
    for i, say in enumerate(convo.turns):
        if say.if_asked and not asked_before:
            lines.append(f"  > ({say.text!r} not said: nothing was asked)")
            continue
        try:
            reply = bot.handle("s", say.text, now=convo.now, tz=convo.tz, user=user)
        except Exception as exc:  # noqa: BLE001 - a crash fails the conversation, not the probe
            lines.append(f"  > {say.text[:120]}\n    ! turn {i + 1}: raised {type(exc).__name__}: {exc}")
            failed = True
            break
        asked_before = _asking(reply)
        bad = check_reply(say, reply)
        failed = failed or bool(bad)
        parse = reply.parse
        reading = ""
        if parse is not None:
            slots = " ".join(f"{s.label}{'/' + s.role if s.role else ''}={s.text!r}" for s in parse.slots)
            reading = f" [{parse.intent} {parse.confidence:.2f}: {slots}]"
        shown = say.text if len(say.text) <= 120 else say.text[:117] + "..."
        lines.append(f"  > {shown}\n    < ({reply.operation}) {reply.reply}{reading}")
        lines += [f"    ! turn {i + 1}: {p}" for p in bad]
    state = check_state(bot, user, convo)
    lines += [f"    ! state: {p}" for p in state]
    failed = failed or bool(state)
    return not failed, lines if (failed or verbose) else []


def weekdays(first: int, last: int, h: int = 8, mi: int = 45) -> tuple[str, ...]:
    """Starts of the standup on the weekdays of April first..last."""
    return tuple(apr(d, h, mi) for d in range(first, last + 1) if datetime(2027, 4, d).weekday() < 5)


# Zones: Tokyo (UTC+9) just after midnight on Wednesday April 14 (still Tuesday in UTC and
# in New York); Berlin (CEST, UTC+2) late on Sunday April 18 (already Sunday 21:30 UTC).
TOKYO_NOW = datetime(2027, 4, 14, 0, 20)
BERLIN_NOW = datetime(2027, 4, 18, 23, 30)
LONG = "Schedule " + "a very long planning meeting with everybody from the whole department " * 20 + "on Friday"


# -- the conversations ----------------------------------------------------------------------
CONVOS: list[Convo] = [
    # --- creates: title and time
    Convo(
        "create-spoken-car-wash",
        "spoken",
        [
            Say(
                "uh can you put a car wash on thursday at three in the afternoon",
                says=("car wash", "thursday", "3:00"),
                op="create",
                asks=False,
            )
        ],
        rows=[Row(title="car wash", start=apr(15, 15), end=apr(15, 16))],
    ),
    # --- creates: people
    Convo(
        "create-spoken-dinner-person",
        "spoken",
        [Say("set up dinner with nadia on friday at seven thirty in the evening", says=("nadia", "7:30"), op="create")],
        rows=[Row(title="dinner with nadia", start=apr(16, 19, 30), end=apr(16, 21, 30), attendees=("nadia",))],
        note="documented dinner length 120 minutes",
    ),
    Convo(
        "create-typed-two-people",
        "typed",
        [Say("Lunch with Kofi and Ines on Wednesday at 1pm", says=("kofi", "ines"), op="create")],
        rows=[
            Row(title_words=("lunch", "kofi", "ines"), start=apr(14, 13), end=apr(14, 14), attendees=("Kofi", "Ines"))
        ],
    ),
    # --- creates: places
    Convo(
        "create-spoken-place",
        "spoken",
        [
            Say(
                "book a haircut at the barber shop on elm street saturday at eleven in the morning",
                says=("haircut", "saturday", "11:00"),
                op="create",
            )
        ],
        rows=[Row(title="haircut", start=apr(17, 11), end=apr(17, 12), location_has="barber")],
    ),
    Convo(
        "create-typed-place-range",
        "typed",
        [Say("Team offsite at the Hilton on April 23 from 9am to 5pm.", says=("offsite", "april 23"), op="create")],
        rows=[Row(title_has="offsite", start=apr(23, 9), end=apr(23, 17), location_has="hilton")],
    ),
    # --- creates: an alert
    Convo(
        "create-spoken-alert",
        "spoken",
        [
            Say(
                "schedule a call with the bank tomorrow at two and remind me ten minutes before",
                says=("bank", "2:00"),
                op="create",
            )
        ],
        rows=[Row(title_has="bank", start=apr(14, 14), end=apr(14, 14, 30), alerts=(10,))],
        note="a call lasts 30 minutes by default; a bare two is 2 PM (waking hours)",
    ),
    Convo(
        "create-typed-alert",
        "typed",
        [
            Say(
                "Add my flight to Lisbon on Friday at 6:15 AM, alert me 2 hours before.",
                says=("flight", "6:15"),
                op="create",
            )
        ],
        rows=[Row(title_has="flight", start=apr(16, 6, 15), alerts=(120,))],
    ),
    # --- creates: repetition
    Convo(
        "create-spoken-every-other",
        "spoken",
        [Say("uh add tennis practice every other tuesday at six pm", says=("tennis",), op="create")],
        rows=[Row(title_has="tennis", repeats=True)],
        occ=[
            Occ(
                "tennis",
                apr(13),
                may(12),
                alts=((apr(13, 18), apr(27, 18), may(11, 18)), (apr(20, 18), may(4, 18))),
            )
        ],
        note="every two weeks on Tuesday at 6 PM, from today or from next Tuesday",
    ),
    Convo(
        "create-typed-weekly-checkin",
        "typed",
        [Say("Set up a weekly check-in with Dana every Monday at 3pm.", says=("dana", "monday"), op="create")],
        rows=[Row(title_has="dana", attendees=("Dana",), repeats=True)],
        occ=[Occ("dana", apr(13), may(4), (apr(19, 15), apr(26, 15), may(3, 15)))],
    ),
    # --- reminders
    Convo(
        "remind-spoken-trash-tonight",
        "spoken",
        [Say("remind me to take out the trash at eight tonight", says=("trash", "8:00"), op="create")],
        rows=[Row(title_has="trash", start=apr(13, 20))],
        extra=(rings("trash", apr(13, 20), apr(13, 20), (apr(13), apr(14))),),
        note="the user expects to be reminded at 8 PM: an alert rings then",
    ),
    Convo(
        "remind-typed-passport-no-time",
        "typed",
        [Say("Remind me to renew my passport tomorrow.", says=("passport", "9:00"), op="create", asks=False)],
        rows=[Row(title_has="passport", start=apr(14, 9), end=apr(14, 9, 15), alerts=(0,))],
        note="documented: a day and no time -> ASSISTANT_REMINDER_TIME 09:00, 15 minutes, alert at start",
    ),
    Convo(
        "remind-typed-hour-before-dentist",
        "typed",
        [Say("Send me an alert one hour before my dentist appointment.", says=("dentist", "1 hour"), op="update")],
        setup=(dentist,),
        rows=[Row(title="dentist", start=apr(16, 11), end=apr(16, 12), alerts=(60,))],
    ),
    Convo(
        "remind-spoken-dentist-evening",
        "spoken",
        [
            Say("remind me about my dentist appointment tomorrow evening", says=("dentist",), not_says=("scheduled",)),
            Say("six pm", if_asked=True),
        ],
        setup=(dentist,),
        rows=[Row(title="dentist", start=apr(16, 11), end=apr(16, 12))],
        extra=(rings("dentist", apr(14, 17), apr(14, 21), (apr(13), apr(17))),),
        note="the dentist is on Friday: one alert on it, ringing Wednesday evening; no second dentist",
    ),
    Convo(
        "remind-typed-vet-sunday",
        "typed",
        [Say("Remind me about the vet appointment on Sunday at 8 pm.", says=("vet",), op="update")],
        setup=(vet,),
        rows=[Row(title="vet appointment", start=apr(19, 16), end=apr(19, 17), alerts=(1200,))],
        note="Monday 4 PM minus Sunday 8 PM = 20 hours = 1200 minutes",
    ),
    Convo(
        "remind-spoken-series-alert",
        "spoken",
        [Say("i want a reminder ten minutes before my piano lesson", says=("piano", "10 minutes"), op="update")],
        setup=(piano,),
        rows=[Row(title="piano lesson", start=apr(7, 17), alerts=(10,), repeats=True)],
        occ=[Occ("piano", apr(14), apr(22), (apr(14, 17), apr(21, 17)))],
    ),
    # --- series: cancel
    Convo(
        "series-spoken-cancel-one",
        "spoken",
        [
            Say("cancel piano lesson tomorrow", says=("piano", "april 14"), asks=True),
            Say("just this one please", op="cancel"),
        ],
        setup=(piano,),
        has=[Row(title="piano lesson", repeats=True)],
        occ=[Occ("piano", apr(14), apr(29), (apr(21, 17), apr(28, 17)))],
    ),
    Convo(
        "series-typed-cancel-following",
        "typed",
        [
            Say("Cancel the standup on April 21.", says=("standup", "april 21"), asks=True),
            Say("This one and all the ones after it.", op="cancel"),
        ],
        setup=(standup,),
        occ=[Occ("standup", apr(14), apr(30), weekdays(14, 20))],
    ),
    Convo(
        "series-spoken-cancel-all",
        "spoken",
        [
            Say("get rid of the book club", says=("book club",), asks=True),
            Say("yeah all of them", says=("book club",), op="cancel"),
        ],
        setup=(book_club, dentist),
        occ=[Occ("book club", apr(13), "2027-06-01T00:00:00", ())],
        has=[Row(title="dentist", start=apr(16, 11))],
    ),
    # --- series: move
    Convo(
        "series-typed-move-one",
        "typed",
        [
            Say("Move Wednesday's piano lesson to 6pm.", says=("piano", "april 14"), asks=True),
            Say("Only that one, please.", op="reschedule"),
        ],
        setup=(piano,),
        occ=[Occ("piano", apr(14), apr(22), (apr(14, 18), apr(21, 17)))],
    ),
    Convo(
        "series-spoken-move-all",
        "spoken",
        [
            Say("move book club to eight pm", says=("book club",), asks=True),
            Say("every one of them", op="reschedule"),
        ],
        setup=(book_club,),
        occ=[Occ("book club", apr(13), may(13), (apr(22, 20), may(6, 20)))],
        note="still every other Thursday, now at 8 PM",
    ),
    Convo(
        "series-spoken-query-then-move-it",
        "spoken",
        [
            Say("whens my next piano lesson", says=("april 14", "5:00"), op="query"),
            Say("could you shift it over to thursday at that same time", says=("piano",), asks=True),
            Say("just that one", op="reschedule"),
        ],
        setup=(piano,),
        occ=[Occ("piano", apr(13), apr(23), (apr(15, 17), apr(21, 17)))],
        note="the next lesson (Wed Apr 14) moves to Thu Apr 15 at 5 PM; Apr 21 stays",
    ),
    # --- series: rule changes
    Convo(
        "series-typed-end-on-date",
        "typed",
        [
            Say("End the standup series on April 23.", says=("standup",), op=("update", "confirm", "clarify")),
            Say("Yes", op="update", if_asked=True),
        ],
        setup=(standup,),
        occ=[Occ("standup", apr(19), may(1), weekdays(19, 23))],
        note="last standup Friday April 23",
    ),
    Convo(
        "series-spoken-make-it-every-week",
        "spoken",
        [
            Say("when is book club", says=("book club", "april 22"), op="query"),
            Say("um can it be every week instead", says=("book club",), op=("update", "confirm", "clarify")),
            Say("yes", op="update", if_asked=True),
        ],
        setup=(book_club,),
        occ=[Occ("book club", apr(13), may(1), (apr(15, 19), apr(22, 19), apr(29, 19)))],
    ),
    Convo(
        "series-typed-every-tuesday",
        "typed",
        [
            Say("Change the piano lesson to every Tuesday.", says=("piano", "tuesday"), op=("update", "confirm")),
            Say("Yes", op="update", if_asked=True),
        ],
        setup=(piano,),
        occ=[Occ("piano", apr(14), may(1), (apr(20, 17), apr(27, 17)))],
    ),
    # --- moves
    Convo(
        "move-spoken-push-back",
        "spoken",
        [Say("uh can we bump the dentist back an hour", says=("dentist", "12:00"), op="reschedule")],
        setup=(dentist,),
        rows=[Row(title="dentist", start=apr(16, 12), end=apr(16, 13))],
    ),
    Convo(
        "move-typed-thursday-same-time",
        "typed",
        [
            Say(
                "Move the dentist appointment to Thursday, same time.",
                says=("dentist", "thursday", "11:00"),
                op="reschedule",
            )
        ],
        setup=(dentist,),
        rows=[Row(title="dentist", start=apr(15, 11), end=apr(15, 12))],
    ),
    Convo(
        "move-typed-meal-title",
        "typed",
        [Say("Move dinner with Omar to 8:30pm.", says=("omar", "8:30"), op="reschedule")],
        setup=(dinner_omar,),
        rows=[Row(title="dinner with Omar", start=apr(17, 20, 30), end=apr(17, 22, 30), attendees=("Omar",))],
    ),
    Convo(
        "move-spoken-half-hour-earlier",
        "spoken",
        [Say("move the project review half an hour earlier", says=("project review", "1:30"), op="reschedule")],
        setup=(review,),
        rows=[
            Row(
                title="project review",
                start=apr(15, 13, 30),
                end=apr(15, 14, 30),
                attendees=("Maya",),
                location="Room 4",
            )
        ],
    ),
    Convo(
        "move-typed-followup-day",
        "typed",
        [
            Say("Schedule a haircut on Thursday at 4pm", says=("haircut",), op="create"),
            Say("Actually, make it Friday instead.", says=("haircut", "friday"), op="reschedule"),
        ],
        rows=[Row(title="haircut", start=apr(16, 16), end=apr(16, 17))],
    ),
    # --- people, titles, places
    Convo(
        "people-spoken-add-two",
        "spoken",
        [Say("add hana and felix to the project review", says=("hana", "felix", "project review"), op="update")],
        setup=(review,),
        rows=[Row(title="project review", start=apr(15, 14), attendees=("Maya", "hana", "felix"), location="Room 4")],
    ),
    Convo(
        "people-typed-remove",
        "typed",
        [Say("Take Maya off the project review.", says=("maya", "project review"), op="update")],
        setup=(review,),
        rows=[Row(title="project review", start=apr(15, 14), attendees=(), location="Room 4")],
    ),
    Convo(
        "rename-spoken-call-it",
        "spoken",
        [
            Say("book a design team meeting for friday at ten am", op="create"),
            Say("call it design crit", says=("design crit",), op="update"),
        ],
        rows=[Row(title="design crit", start=apr(16, 10), end=apr(16, 11))],
    ),
    Convo(
        "rename-typed-review",
        "typed",
        [Say("Rename the project review to Q2 planning.", says=("q2 planning",), op="update")],
        setup=(review,),
        rows=[Row(title="Q2 planning", start=apr(15, 14), attendees=("Maya",), location="Room 4")],
    ),
    Convo(
        "place-spoken-review",
        "spoken",
        [
            Say(
                "set the location for the project review to the fourth floor lounge",
                says=("lounge",),
                op=("update", "reschedule"),
            )
        ],
        setup=(review,),
        rows=[Row(title="project review", start=apr(15, 14), end=apr(15, 15), location_has="fourth floor lounge")],
    ),
    # --- free time
    Convo(
        "free-spoken-friday-afternoon",
        "spoken",
        [
            Say(
                "uh is my friday afternoon open at all",
                says=("friday", "2:00 pm", "2:30 pm"),
                not_says=("8:00 am",),
                op="availability",
            )
        ],
        setup=(dentist, call_ana),
        rows=[Row(title="dentist"), Row(title="call with Ana")],
        note="Friday: dentist 11-12, call with Ana 2:00-2:30; the afternoon is free but for the call",
    ),
    Convo(
        "free-typed-fit-two-hours",
        "typed",
        [Say("Is there room tomorrow for a 2-hour meeting?", says=("yes", "6:00 pm"), op="availability")],
        setup=(standup, piano, training),
        rows=[Row(title="standup"), Row(title="piano lesson"), Row(title="safety training")],
        note="Wednesday: standup 8:45-9, training 10-4:30, piano 5-6: only 6 PM-10 PM is 2 hours long",
    ),
    Convo(
        "free-spoken-no-gap",
        "spoken",
        [Say("do i have a three hour gap tomorrow morning", says=("no",), op="availability")],
        setup=(standup, training),
        rows=[Row(title="standup"), Row(title="safety training")],
        note="Wednesday morning: free 8-8:45 and 9-10 only",
    ),
    # --- queries
    Convo(
        "query-spoken-thursday",
        "spoken",
        [
            Say(
                "whats happening on thursday",
                says=("project review", "standup"),
                not_says=("dentist",),
                op="query",
            )
        ],
        setup=(standup, review, dentist),
    ),
    Convo(
        "query-typed-next-week",
        "typed",
        [
            Say(
                "What have I got lined up next week?",
                says=("vet", "book club"),
                not_says=("dentist", "omar"),
                op="query",
            )
        ],
        setup=(dentist, dinner_omar, vet, book_club),
        note="next week: Apr 19-25 (or 18-24): vet Mon 19, book club Thu 22; not Fri 16 / Sat 17",
    ),
    # --- duplicates, undo, odd commands, out of scope, bad input
    Convo(
        "duplicate-spoken-no",
        "spoken",
        [
            Say("pencil in the dentist friday at eleven", says=("already",), asks=True),
            Say("no thanks", asks=False),
        ],
        setup=(dentist,),
        rows=[Row(title="dentist", start=apr(16, 11), end=apr(16, 12))],
    ),
    Convo(
        "undo-typed-move",
        "typed",
        [
            Say("Move the project review to 4pm.", says=("project review", "4:00"), op="reschedule"),
            Say("Undo that.", says=("project review",), op="undo"),
        ],
        setup=(review,),
        rows=[Row(title="project review", start=apr(15, 14), end=apr(15, 15), attendees=("Maya",), location="Room 4")],
    ),
    Convo(
        "odd-spoken-unsure",
        "spoken",
        [
            Say("uh the dentist thing friday or whatever three maybe i dunno", op=NOT_WRITES),
            Say("never mind", op=NOT_WRITES),
        ],
        rows=[],
        note="a garbled request: ask or refuse, never write",
    ),
    Convo(
        "oos-typed-weather",
        "typed",
        [Say("What's the weather like on Saturday?", op="none")],
        setup=(dinner_omar,),
        rows=[Row(title="dinner with Omar", start=apr(17, 19))],
    ),
    Convo(
        "bad-typed-emoji",
        "typed",
        [Say("🎉🎉🎂🎈", op=NOT_WRITES)],
        rows=[],
    ),
    Convo(
        "bad-typed-sql",
        "typed",
        [Say("1; DELETE FROM events WHERE owner LIKE '%'; --", op=NOT_WRITES)],
        setup=(dentist,),
        rows=[Row(title="dentist", start=apr(16, 11))],
    ),
    Convo(
        "bad-typed-too-long",
        "typed",
        [Say(LONG, says=("too long",), op=NOT_WRITES)],
        rows=[],
        note=f"{len(LONG)} characters",
    ),
    Convo(
        "question-spoken-dropped-by-cancel",
        "spoken",
        [
            Say("add a pottery class", says=("pottery",), asks=True),
            Say("actually cancel the dentist", says=("dentist",), asks=True),
            Say("yes", says=("dentist",), op="cancel"),
        ],
        setup=(dentist,),
        rows=[],
        note="the cancel drops the question about the pottery class; the yes cancels the dentist",
    ),
    # --- zones
    Convo(
        "tz-tokyo-spoken-today",
        "spoken",
        [
            Say(
                "schedule a swim today at seven am",
                says=("swim", "wednesday", "7:00"),
                not_says=("tuesday",),
                op="create",
            )
        ],
        now=TOKYO_NOW,
        tz="Asia/Tokyo",
        rows=[Row(title="swim", start=apr(14, 7), end=apr(14, 8))],
        note="00:20 on Wednesday in Tokyo, still Tuesday in UTC",
    ),
    Convo(
        "tz-tokyo-typed-reminder-today",
        "typed",
        [Say("Remind me to repot the ficus today.", says=("ficus", "9:00"), not_says=("tuesday",), op="create")],
        now=TOKYO_NOW,
        tz="Asia/Tokyo",
        rows=[Row(title_has="ficus", start=apr(14, 9), end=apr(14, 9, 15), alerts=(0,))],
    ),
    Convo(
        "tz-berlin-typed-tomorrow",
        "typed",
        [
            Say(
                "Anything planned for tomorrow?",
                says=("physio", "monday"),
                not_says=("concert",),
                op="query",
            )
        ],
        setup=(
            lambda b, u, tz: b.create_event(
                u, title="physio", start=datetime(2027, 4, 19, 8), end=datetime(2027, 4, 19, 9), tz=tz
            ),
            lambda b, u, tz: b.create_event(
                u, title="concert", start=datetime(2027, 4, 18, 20), end=datetime(2027, 4, 18, 22), tz=tz
            ),
        ),
        now=BERLIN_NOW,
        tz="Europe/Berlin",
        note="23:30 on Sunday in Berlin: tomorrow is Monday April 19",
    ),
]


def main() -> int:
    from dialogue_probe import probe_main  # the runner both probes share (bench/ is on sys.path)

    return probe_main(CONVOS, run, __doc__ or "", "probe2.db")


if __name__ == "__main__":
    raise SystemExit(main())
