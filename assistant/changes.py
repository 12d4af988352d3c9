"""Changes to events the user names: which event (a `Target`), asking first where it must,
then cancelling or moving it; and undo.

A series is named by any of its occurrences; the target is then that occurrence (the one
the said time falls on, else the next one), and a change to it is asked about before
anything is written.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from assistant import agenda, creating, finder, followups, occurrences, phrasing, series, store, timing
from assistant.commands import Command
from assistant.finder import Found
from assistant.models import Event, Operation
from assistant.questions import Action, Cancel, Choose, Confirm, Edit, Move, NeedTime, Target
from assistant.views import EventView, Reply, to_utc
from nlu import CONFIRM_BELOW
from nlu.exceptions import BadRecurrence
from nlu.result import TimeSpan

if TYPE_CHECKING:
    from assistant.dialogue import Dialogue

NEVER_MIND = "never mind"
YES_NO = ["yes", "no"]
MAX_LISTED = 8
# Words of a cancel that means many events ("clear my calendar"): refused, one at a time.
BULK = frozenset({"all", "everything", "every", "clear", "wipe", "empty", "whole", "entire"})


# -- the commands -------------------------------------------------------------------------------
def cancel(d: Dialogue, cmd: Command) -> Reply:
    """ "cancel the dentist": find it, then ask before cancelling."""
    if BULK & set(followups.words(d.turn.text)):
        return d.say("I cancel one event at a time, so nothing is lost by mistake. Which one should I cancel?", "none")
    found = find(d, cmd.name, cmd.kind, cmd.when, dated=cmd.dated)
    found, unnamed = named_by_date(d, cmd, found, cmd.when)
    if unnamed is not None:
        return unnamed
    at_clock = by_clock(d, cmd, found, cmd.when, cmd.day_said)
    if at_clock is not None:
        return decide(d, at_clock, Cancel(), None)
    return decide(d, found, Cancel(), cmd.when)


def reschedule(d: Dialogue, cmd: Command, delta: timedelta | None = None) -> Reply:
    """ "move the dentist to friday", "push it back an hour": find it, then move it. The
    DATE slots marked old name the event; the new time is the parse's `when`."""
    if delta is None and cmd.when is None and cmd.location:  # "move lunch to the cafeteria": a new place
        from assistant import edits

        return edits.update(d, cmd)
    resized = followups.resize(d.turn.text, cmd.when, cmd.intent) if delta is None else None
    if resized is not None:  # "make it an hour and a half long", "extend the meeting by 30 minutes"
        action = Move(length=resized[0], stretch=resized[1])
    elif delta is not None:
        action = Move(delta=delta)
    else:
        action = Move(span=cmd.when, day_said=cmd.day_said)
    found = find(d, cmd.name, cmd.kind, cmd.old_when, relative=delta is not None, dated=cmd.old_when is not None)
    found = found if found.hits else the_last(d, cmd.name, cmd.kind, cmd.old_when) or found  # "move to saturday"
    if delta is None and not found.hits and (made := creating.add_new(d, cmd)) is not None:
        return made  # "put mary's birthday on may two": a new event, not a move
    found, unnamed = named_by_date(d, cmd, found, cmd.old_when)
    if unnamed is not None:
        return unnamed
    at_clock = by_clock(d, cmd, found, cmd.old_when, cmd.old_day_said)
    if at_clock is not None:
        return decide(d, at_clock, action, None)
    return decide(d, found, action, cmd.old_when)


def the_last(d: Dialogue, name: str | None, kind: str | None, said: TimeSpan | None) -> Found | None:
    """The event just talked about, for a change that names no event, no kind and no time
    of the event ("dentist friday at 3" - "move to saturday", "remind me an hour before"),
    or right after a list of several, those; None when there is none or the change names one."""
    if name is not None or kind is not None or said is not None:
        return None
    if d.listed:  # right after a list of several: which of them (asked)
        return Found([row for row in map(d.event, d.listed) if row is not None])
    row = d.event(d.last_event_id)
    return Found([row]) if row is not None else None


def by_clock(d: Dialogue, cmd: Command, found: Found, said: TimeSpan | None, day_said: bool) -> Found | None:
    """The named events at the clock time that names them, on any day, when that time names
    no day and nothing matched it today: "move the 3 pm meeting to 5" and "cancel the 3 pm
    meeting" are the meeting at 3 pm tomorrow as well as today (the resolver reads a bare
    "3 pm" as today's). None: not such a case."""
    if found.hits or said is None or said.start is None or day_said or said.grain not in ("hour", "minute"):
        return None
    if cmd.name is None and cmd.kind is None:
        return _next_at(d, said)
    named = find(d, cmd.name, cmd.kind, None)
    clock = said.start.time().replace(tzinfo=None)
    hits = [r for r in named.hits if not r.all_day and timing.aware(r.start_utc, d.turn.tz).time() == clock]
    return Found(hits, heard=named.heard) if hits else None


NEXT_DAYS = 7


def _next_at(d: Dialogue, said: TimeSpan) -> Found | None:
    """ "cancel my 1pm" with nothing at 1 pm today: the first event starting at that clock
    time in the next week, only offered ("Did you mean ...?"): it is a guess of the day."""
    if said.start is None:
        return None
    clock = said.start.time().replace(tzinfo=None)
    for days in range(1, NEXT_DAYS + 1):
        shift = timedelta(days=days)
        span = replace(said, start=said.start + shift, end=said.end + shift if said.end else None, alternatives=())
        hits = [
            row
            for row in find(d, None, None, span, dated=True).hits
            if not row.all_day and target_view(d, row, target_of(d, row, span, Cancel())).start_dt.time() == clock
        ]
        if hits:
            return Found([], closest=hits[0])
    return None


# -- which event --------------------------------------------------------------------------------
def find(
    d: Dialogue, name: str | None, kind: str | None, span: TimeSpan | None, relative: bool = False, dated: bool = False
) -> Found:
    """The events a command names; "it" / "that", a bare "cancel please" or a relative move
    naming nothing is the event last talked about (or, right after a list, one of those, or
    the one it names by place: "the second one")."""
    text = d.turn.text
    shown = d.listed or ((d.last_event_id,) if d.last_event_id is not None else ())
    if shown and (pick := followups.listed_pick(text, len(shown))) is not None:
        row = d.event(shown[pick])  # "move the second one to wednesday", right after a list
        return Found([row] if row is not None else [])
    bare = len(followups.words(text)) <= 2 and kind is None and not dated
    refers_back = name is None and (followups.mentions_it(text) or relative or bare)
    if refers_back and d.listed:
        return Found([row for row in map(d.event, d.listed) if row is not None])
    return finder.find(
        session=d.session,
        owner=d.turn.user,
        name=name,
        kind=kind,
        span=span,
        tz=d.turn.tz,
        now=d.turn.now,
        last_event_id=d.last_event_id,
        refers_back=refers_back,
    )


def named_by_date(d: Dialogue, cmd: Command, found: Found, span: TimeSpan | None) -> tuple[Found, Reply | None]:
    """Events found by their day alone (no title said) are only those the command's other
    words may name: every PERSON said is an attendee or in the title, the place said is
    theirs. "remind me of my brother's birthday on april twenty" (read as a cancel) is not
    the weekly "standup" that day. When none is left: the reply says what was not found.
    Events found by their title must match the people and place said as well, or they are
    only offered (`_named_with`)."""
    people = cmd.people + cmd.remove_people + cmd.add_people
    place = cmd.location
    if not found.hits or not (people or place):
        return found, None
    said = (f" with {phrasing.join(list(people))}" if people else "") + (f" at {place}" if place else "")
    if found.heard is not None:
        return _named_with(found, people, place, said), None
    if span is None:
        return found, None
    hits = [row for row in found.hits if _names(row, people, place)]
    if hits:
        return Found(hits), None
    day = f" on {phrasing.day_text(span.start, d.turn.now.year)}" if span.start is not None else ""
    return found, d.say(f"I couldn't find an event{said}{day}.", "none")


def _named_with(found: Found, people: tuple[str, ...], place: str | None, said: str) -> Found:
    """Events found by their title are those the people and place said may name too: "cancel
    lunch with priya" is not "lunch with Sara" outright; it is offered as the closest, so the
    question says what was not found ("I couldn't find "lunch" with Priya. Did you mean ...?")."""
    hits = [row for row in found.hits if _names(row, people, place)]
    if hits:
        return Found(hits, heard=found.heard)
    return Found([], closest=found.hits[0], heard=f"{found.heard}{said}")


def _names(row: Event, people: tuple[str, ...], place: str | None) -> bool:
    """Whether every person said is an attendee of the event (or in its title) and the
    place said is its place (or in its title)."""
    from assistant.matching import distinct

    def known(word: str, fields: list[str]) -> bool:
        return any(not distinct(word, field) for field in fields if field)

    attendees = list(row.attendees or ())
    return all(known(p, [*attendees, row.title]) for p in people) and (
        place is None or known(place, [row.location or "", row.title])
    )


def decide(d: Dialogue, found: Found, action: Action, span: TimeSpan | None) -> Reply:
    """One event found: go on with it; several: ask which; none: say so (or offer the closest)."""
    if not found.hits:
        return not_found(d, found, action)
    hits = found.hits
    if isinstance(action, Edit):  # an edit changes a series with its changed occurrences
        hits = list({row.id: row for row in (series_of(d, row) for row in hits)}.values())
    picked = [(row, target_of(d, row, span, action)) for row in hits[:MAX_LISTED]]
    if len(picked) > 1:
        return choose(d, picked, action)
    return propose(d, picked[0][1], action)


def series_of(d: Dialogue, row: Event) -> Event:
    """The live series a changed occurrence belongs to (else the row itself)."""
    series_row = d.event(row.series_id) if row.series_id is not None else None
    return series_row or row


def target_of(d: Dialogue, row: Event, span: TimeSpan | None, action: Action) -> Target:
    """The event, or for a series the occurrence the command is about (edits are about the
    whole series)."""
    if not row.recurrence or isinstance(action, Edit):
        return Target(row.id)
    return Target(row.id, occurrence_in(d, row, span))


def occurrence_in(d: Dialogue, row: Event, span: TimeSpan | None) -> datetime | None:
    """The original start (naive UTC) of the series' first occurrence in the span, or of its
    next one from now when no time was said (None: it has no such occurrence)."""
    if span is not None and span.start is not None:
        start = to_utc(span.start, d.turn.tz)
        end = max(to_utc(span.end, d.turn.tz) if span.end else start, start + timedelta(minutes=1))
    else:
        start = to_utc(d.turn.now, d.turn.tz)
        end = start + timedelta(days=366)
    found = agenda.starts(row, start, end, agenda.replaced(session=d.session, series=row))
    return found[0] if found else None


def target_view(d: Dialogue, row: Event, target: Target) -> EventView:
    """How the target looks: the occurrence for a series occurrence, else the event."""
    if target.occurrence is None:
        return d.view(row)
    return agenda.occurrence(row, target.occurrence, d.turn.tz)


def not_found(d: Dialogue, found: Found, action: Action) -> Reply:
    """ "I couldn't find ..." and, when a title is close enough, "Did you mean ...?" """
    heard = f'"{found.heard}"' if found.heard else ("anything at that time" if d.command.dated else "that event")
    if found.elsewhere:
        heard += " at that time"
    if found.closest is not None:
        target = target_of(d, found.closest, None, action)
        view = target_view(d, found.closest, target)
        d.last_event_id = found.closest.id
        return d.ask(
            Confirm(target, action),
            f"I couldn't find {heard}. Did you mean {d.describe(view)}?",
            "confirm",
            [view],
            YES_NO,
        )
    if found.heard is None and not d.command.dated:
        return d.say("Which event do you mean? Tell me its name or its day.", "none")
    if d.unsure and found.heard is not None and _says_when(d.command):
        # "uh can you add a team sync every monday at 10am", read (unsure) as a change to an
        # event that isn't there: it says what and when, so it may well be a new event
        return creating.ask_to_schedule(d, creating.draft_of(d, d.command), d.command.when, f"I couldn't find {heard}.")
    d.forget_last()  # "cancel the client meeting" not there, then "move it": not the event before
    return d.say(f"I couldn't find {heard} on your calendar.", "none")


def _says_when(cmd: Command) -> bool:
    """Whether a command gives a time a new event could start at."""
    return cmd.when is not None and cmd.when.start is not None


def choose(d: Dialogue, picked: list[tuple[Event, Target]], action: Action) -> Reply:
    """ "I found 3 events: 1) ..., 2) .... Which one should I cancel?" (each row with its target)"""
    targets = [target for _, target in picked]
    views = [target_view(d, row, target) for row, target in picked]
    labels = [d.describe(v) for v in views]
    listed = phrasing.join([f"{i + 1}) {label}" for i, label in enumerate(labels)])
    verb = {Cancel: "cancel", Move: "move"}.get(type(action), "change")
    return d.ask(
        Choose(tuple(targets), tuple(labels), action),
        f"I found {len(targets)} events: {listed}. Which one should I {verb}?",
        "clarify",
        views,
        [*labels, NEVER_MIND],
    )


# -- asking, then doing -------------------------------------------------------------------------
SCOPE_CHOICES = ["only this one", "this and the following ones", "all of them", NEVER_MIND]


def propose(d: Dialogue, target: Target, action: Action, confirmed: bool = False, answering: bool = False) -> Reply:
    """Go on with one target: ask what is still missing or must be confirmed, else act.

    A move without a new time asks for one; a change to one occurrence of a series asks
    which occurrences; a cancel is confirmed; a change the NLU was unsure of is confirmed
    (not when the turn answers our own question: `answering`, or said yes: `confirmed`).
    """
    row = d.event(target.event_id)
    if row is None:
        return d.say("That event is no longer on your calendar.", "none")
    d.last_event_id = row.id
    view = target_view(d, row, target)
    if isinstance(action, Move) and action.span is None and action.delta is None and not resizes(action):
        return d.ask(NeedTime(target), f'When should I move "{row.title}" to?', "clarify", [view])
    if isinstance(action, Move) and _stays(d, row, target, action, view):
        # "add dentist on friday at 3pm" read as a move of the dentist already there
        return d.say(f"{d.describe(view)} is already on your calendar; nothing changed.", "none", [view])
    if target.occurrence is not None and not isinstance(action, Edit):
        return ask_scope(d, row, target, action)
    if isinstance(action, Cancel) and not confirmed:
        whole = f" ({phrasing.series_text(view)}, all of its occurrences)" if row.recurrence else ""
        return d.ask(Confirm(target, action), f"Cancel {d.describe(view)}{whole}?", "confirm", [view], YES_NO)
    if not (confirmed or answering) and _unsure(d, action):
        return d.ask(
            Confirm(target, action), f"Did you mean to {summary(d, row, target, action)}?", "confirm", [view], YES_NO
        )
    return perform(d, target, action, "one")


def _unsure(d: Dialogue, action: Action) -> bool:
    """Whether to ask before acting. A new time for an event is the same change whether the NLU
    reads it as a reschedule or as an update of the event ("Move the dentist to 4:30 PM." at
    update 0.62, reschedule 0.37): how sure it is of either together decides, when it was
    unsure of its own reading (a move read as a create the dialogue already resolved)."""
    if isinstance(action, Move) and d.unsure:
        return d.command.confidence_in("reschedule", "update") < CONFIRM_BELOW
    return d.unsure


def _stays(d: Dialogue, row: Event, target: Target, action: Move, view: EventView) -> bool:
    """Whether the move would leave the event (or occurrence) exactly where it is."""
    times = new_times(d, row, target, action)
    if times is None:
        return False
    there = _probe(row, times)
    return (there.start, there.end, there.all_day) == (view.start, view.end, view.all_day)


def summary(d: Dialogue, row: Event, target: Target, action: Action) -> str:
    """'move "dentist" on ... to Friday at 3:00 PM', said before doing it."""
    view = target_view(d, row, target)
    if isinstance(action, Move):
        times = new_times(d, row, target, action)
        return f"move {d.describe(view)}" + (f" to {d.when(_probe(row, times))}" if times else "")
    if isinstance(action, Cancel):
        return f"cancel {d.describe(view)}"
    from assistant import edits

    return edits.change_text(action, d.describe(view))


def ask_scope(d: Dialogue, row: Event, target: Target, action: Action) -> Reply:
    """'Move "standup" on Monday, December 7 at 9:00 AM to 10:00 AM? It repeats every
    Monday: say yes for only this one, or "this and the following ones" or "all of them".'"""
    from assistant.questions import Scope

    view = target_view(d, row, target)
    if isinstance(action, Move):
        times = new_times(d, row, target, action)
        if times is None:
            return d.ask(NeedTime(target), f'When should I move "{row.title}" to?', "clarify", [view])
        question = f"Move {d.describe(view)} to {d.when(_probe(row, times))}?"
    else:
        question = f"Cancel {d.describe(view)}?"
    repeat = phrasing.repeat_text(row.recurrence)
    return d.ask(
        Scope(target, action),
        f"{question} It repeats {repeat}: say yes for only this one, or "
        '"this and the following ones" or "all of them".',
        "confirm",
        [view],
        SCOPE_CHOICES,
    )


def _probe(row: Event, times: timing.Times) -> EventView:
    """A view of the target at its new times, to say them before anything is written."""
    return EventView(
        row.id,
        row.title,
        row.kind,
        times.start.replace(tzinfo=None).isoformat(timespec="seconds"),
        times.end.replace(tzinfo=None).isoformat(timespec="seconds"),
        times.all_day,
        row.location,
    )


def perform(d: Dialogue, target: Target, action: Action, scope: str) -> Reply:
    """Make the change (the user asked for it, or said yes to it); `scope` says which
    occurrences of a series ("one", "following", "all"). The row is locked while it changes."""
    row = series.locked(session=d.session, owner=d.turn.user, event_id=target.event_id)
    if row is None or row.cancelled_at is not None:
        return d.say("That event is no longer on your calendar.", "none")
    try:
        if isinstance(action, Cancel):
            return cancel_now(d, row, target, scope)
        if isinstance(action, Move):
            return move_now(d, row, target, action, scope)
        from assistant import edits

        return edits.apply(d, row, action)
    except BadRecurrence as err:
        return d.say(f'I can\'t change "{row.title}" that way: {err}.', "none", [row])


def cancel_now(d: Dialogue, row: Event, target: Target, scope: str) -> Reply:
    """Cancel the event, or the occurrence(s) of a series the scope says."""
    if target.occurrence is None or scope == "all":
        before = store.snapshot(row)
        store.cancel_event(session=d.session, event=row)
        d.log("cancel", row, before)
        if row.recurrence:
            return d.say(
                f'Cancelled "{row.title}" ({phrasing.series_text(d.view(row))}): all of its occurrences.',
                "cancel",
                [row],
            )
        return d.say(f"Cancelled {d.describe(row)}.", "cancel", [row])
    view = occurrences.cancel(
        session=d.session, row=row, original=target.occurrence, scope=scope, zone=d.turn.tz, record=d.log
    )
    if scope == "one":
        return d.say(f"Cancelled {d.describe(view)}. The other occurrences stay.", "cancel", [view])
    last = _last_before(row, target.occurrence)
    tail = f" Its last occurrence is on {d.when(agenda.occurrence(row, last, d.turn.tz))}." if last else ""
    return d.say(f"Cancelled {d.describe(view)} and the following ones.{tail}", "cancel", [view])


def _last_before(row: Event, moment_utc: datetime) -> datetime | None:
    """The series' last original start before a moment (None when it has none left)."""
    found = agenda.starts(row, row.start_utc, moment_utc)
    return found[-1] if found and row.cancelled_at is None else None


def new_times(d: Dialogue, row: Event, target: Target, action: Move) -> timing.Times | None:
    """Where a move puts the target: the said time merged with the old by grain, or shifted."""
    zone = row.tz if row.all_day else d.turn.tz  # all-day events keep their own dates
    start_utc = target.occurrence or row.start_utc
    old = timing.Times(
        timing.aware(start_utc, zone),
        timing.aware(start_utc + (row.end_utc - row.start_utc), zone),
        row.all_day,
        row.recurrence,
    )
    if action.delta is not None:
        return timing.shifted(old, action.delta, zone)
    if resizes(action):
        return resized(old, action, zone)
    return timing.merge(old, action.span, action.day_said, d.bot.settings.length_of(row.kind), zone, now=d.turn.now)


def resizes(action: Move) -> bool:
    """Whether a move changes only how long the event lasts."""
    return action.length is not None or action.stretch is not None


def resized(old: timing.Times, action: Move, zone: str) -> timing.Times | None:
    """The same start, the new length (or the old one stretched); None for an all-day event
    or a length that would not be positive (the dialogue then asks for a time)."""
    length = action.length or timing.elapsed(old.start, old.end) + (action.stretch or timedelta())
    if old.all_day or length <= timedelta():
        return None
    return timing.Times(old.start, timing.plus(old.start, length, zone), False, old.recurrence)


def move_now(d: Dialogue, row: Event, target: Target, action: Move, scope: str) -> Reply:
    """Move the event, or the occurrence(s) of a series the scope says; the reply names
    the old time and the new one."""
    from assistant.creating import overlap_note

    times = new_times(d, row, target, action)
    if times is None:
        return d.ask(NeedTime(target), f'When should I move "{row.title}" to?', "clarify", [row])
    old_view = target_view(d, row, target)
    start, end = to_utc(times.start, d.turn.tz), to_utc(times.end, d.turn.tz)
    if target.occurrence is None:
        before = store.snapshot(row)
        store.update_event(
            session=d.session, event=row, changes={"start_utc": start, "end_utc": end, "all_day": times.all_day}
        )
        d.log("reschedule", row, before)
        moved, tail = d.view(row), ""
    else:
        moved, tail = _move_series(d, row, target.occurrence, start, end, times.all_day, scope)
    return d.say(f"{moved_text(d, old_view, moved)}{tail}." + overlap_note(d, moved), "reschedule", [moved])


def moved_text(d: Dialogue, old: EventView, new: EventView) -> str:
    """'Moved "dentist" on Friday, December 4 from 3:00 PM to 5:00 PM' (same day), else
    'Moved "dentist" on Friday, December 4 at 3:00 PM to Monday, December 7 at 9:00 AM'."""
    if not (old.all_day or new.all_day) and old.start == new.start and old.end != new.end:
        return (
            f'"{old.title}" on {phrasing.day_text(old.start_dt, d.turn.now.year)} now runs from '
            f"{phrasing.clock_text(new.start_dt)} to {phrasing.clock_text(new.end_dt)}"
        )
    if not (old.all_day or new.all_day) and old.start_dt.date() == new.start_dt.date():
        place = f" at {old.location}" if old.location else ""
        return (
            f'Moved "{old.title}"{place} on {phrasing.day_text(old.start_dt, d.turn.now.year)} from '
            f"{phrasing.clock_text(old.start_dt)} to {phrasing.clock_text(new.start_dt)}"
        )
    return f"Moved {d.describe(old)} to {d.when(new)}"


def _move_series(
    d: Dialogue, row: Event, original: datetime, start: datetime, end: datetime, all_day: bool, scope: str
) -> tuple[EventView, str]:
    """One occurrence (its own row), this and the following ones (a new series), or all;
    the view of the moved occurrence and what the reply adds."""
    if all_day != row.all_day and scope != "one":
        raise BadRecurrence("a whole series cannot switch between all-day and timed; move one occurrence at a time")
    if scope == "one":
        moved = series.override(
            session=d.session,
            series=row,
            original_utc=original,
            start_utc=start,
            end_utc=end,
            all_day=all_day,
            record=d.log,
        )
        return d.view(moved), ". The other occurrences stay"
    if scope == "following":
        moved = series.split(
            session=d.session, series=row, original_utc=original, start_utc=start, end_utc=end, record=d.log
        )
        return d.view(moved), f", and the following ones with it ({phrasing.series_text(d.view(moved))})"
    moved = series.move_all(
        session=d.session, series=row, original_utc=original, start_utc=start, end_utc=end, record=d.log
    )
    view = agenda.occurrence(moved, start, d.turn.tz)
    return view, f", and every other occurrence with it ({phrasing.series_text(view)})"


# -- undo ---------------------------------------------------------------------------------------
def undo(d: Dialogue) -> Reply:
    """Revert this conversation's last turn of writes not undone yet (all its rows)."""
    entries = store.last_writes(session=d.session, owner=d.turn.user, session_id=d.turn.session_id)
    rows = [
        (e, row)
        for e in entries
        if e.event_id is not None
        and (row := store.get_event(session=d.session, owner=d.turn.user, event_id=e.event_id)) is not None
    ]
    if not rows:
        return d.say("There is nothing to undo in this conversation.", "none")
    first, main = rows[-1]  # the turn's first write says what it was
    gone = first.operation == "create"
    text = undone_text(d, first, main) if gone else ""
    for entry, row in rows:
        revert(d, entry, row)
    if main not in d.session:  # a changed occurrence, removed
        return d.say(f"Undone: {text}", "undo")
    d.last_event_id = main.id
    if not gone:
        text = (
            f'"{main.title}" ({phrasing.series_text(d.view(main))}) is back as it was.'
            if main.recurrence
            else f"{d.describe(main)} is back."
            if first.operation == "cancel"
            else f"{d.describe(main)} is back as it was."  # a move or a change (people, place, alert) undone
        )
    return d.say(f"Undone: {text}", "undo", [main])


def undone_text(d: Dialogue, entry: Operation, row: Event) -> str:
    """What undoing a creation gives back (said before the row changes)."""
    if row.series_id is None or row.original_start_utc is None:
        return f'"{row.title}" is no longer on your calendar.'
    series = store.get_event(session=d.session, owner=d.turn.user, event_id=row.series_id)
    if series is None:
        return f'"{row.title}" is no longer on your calendar.'
    return f"{d.describe(agenda.occurrence(series, row.original_start_utc, d.turn.tz))} is back."


def revert(d: Dialogue, entry: Operation, row: Event) -> None:
    """Undo one logged write: a created event is cancelled (a created changed occurrence is
    removed, so the occurrence it replaced comes back); anything else is restored."""
    before = store.snapshot(row)
    if entry.operation == "create" and row.series_id is not None:
        store.delete_event(session=d.session, event=row)
        store.log_operation(
            session=d.session,
            owner=d.turn.user,
            session_id=d.turn.session_id,
            operation="undo",
            event=None,
            before=before,
            after=None,
            utterance=d.turn.text,
            at=d.stamp,
        )
    else:
        if entry.operation == "create":
            store.cancel_event(session=d.session, event=row)
        elif entry.before is not None:  # every write but a create logs the row as it was
            store.restore_event(session=d.session, event=row, snapshot=entry.before)
        d.log("undo", row, before)
    entry.reverted_at = store.utcnow()
