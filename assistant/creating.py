"""Creating events: the draft a command gives, the checks asked before writing, the write.

The title is composed from the slots: the NLU's title (the NAME, else the DOMAIN word)
"with" the people said ("lunch" + Sara -> "lunch with Sara"), and the people are stored as
attendees. Before anything is written the dialogue asks, in this order, when the NLU was
unsure of the intent (confidence below nlu.CONFIRM_BELOW), when there is no title or no
day, when the time is over, and when the same title already starts at the same time.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from assistant import agenda, checks, matching, phrasing, store, timing
from assistant.commands import Command
from assistant.exceptions import BadEvent
from assistant.models import Event
from assistant.questions import ConfirmCreate, Draft, NeedDate, NeedTitle
from assistant.views import EventView, Reply, to_utc
from nlu import CONFIRM_BELOW
from nlu.exceptions import BadRecurrence
from nlu.result import TimeSpan

if TYPE_CHECKING:
    from assistant.dialogue import Dialogue

YES_NO = ["yes", "no"]


def create(d: Dialogue, cmd: Command) -> Reply:
    """ "schedule lunch with Sara tomorrow at noon": a draft, then the checks, then the write."""
    return plan(d, draft_of(d, cmd), cmd.when)


def draft_of(d: Dialogue, cmd: Command) -> Draft:
    """The event a create command describes, not yet written."""
    people = cmd.people + cmd.add_people
    # "remind me to ...": a reminder's length; "team call": a call's, the kind word ending the title
    kind = cmd.kind or ("reminder" if cmd.reminder else None) or _kind_ending(d, cmd.name)
    return Draft(
        title=composed_title(cmd.name, cmd.kind, people),
        kind=kind,
        location=cmd.location,
        attendees=tuple(dict.fromkeys(people)),
        alerts=(cmd.alert,) if cmd.alert is not None else (),
        utterance=d.turn.text,
        reminder=cmd.reminder,
    )


def _kind_ending(d: Dialogue, name: str | None) -> str | None:
    """The kind a title ends with, when the settings give that kind a length ("team call",
    "yoga class"; not "standup"): the model keeps such a kind word inside the NAME."""
    last = (name or "").lower().split()[-1:]
    return last[0] if last and last[0] in d.bot.settings.lengths and last[0] != "default" else None


def ask_to_schedule(d: Dialogue, draft: Draft, span: TimeSpan | None, lead: str = "") -> Reply:
    """ "Did you mean to schedule "X" for ...?": a yes goes on with the create's other checks."""
    what = f'"{draft.title}"' if draft.title else "an event"
    question = f"{lead} Did you mean to schedule {what}{_planned(d, draft, span)}?".lstrip()
    return d.ask(ConfirmCreate(draft, span, "intent"), question, "confirm", choices=YES_NO)


def _planned(d: Dialogue, draft: Draft, span: TimeSpan | None) -> str:
    """ " for Wednesday, January 1 at 10:00 AM, every day": the day, the time and the
    repetition a yes would write ("" when no day was said)."""
    if span is None or span.start is None:
        return ""
    times = times_of(d, draft, span)
    if times is None:
        return ""
    day = phrasing.day_text(times.start, d.turn.now.year)
    last = times.end - timedelta(days=1)
    if times.all_day and last.date() > times.start.date():  # "for Monday, July 12 to Monday, July 19"
        day += f" to {phrasing.day_text(last, d.turn.now.year)}"
    clock = "" if times.all_day else f" at {phrasing.clock_text(times.start)}"
    repeat = phrasing.repeat_text(times.recurrence)
    return f" for {day}{clock}" + (f", {repeat}" if repeat else "")


# ACTION words that put something on a calendar: a change "adding" a title no stored event
# has is a new event ("add to calendar may two is mary's birthday repeat every year").
ADD_VERBS = frozenset(
    {"add", "put", "schedule", "book", "mark", "create", "enter", "insert", "pencil", "plan", "save", "note", "block"}
    | {"added", "scheduled", "booked", "marked", "created", "entered", "inserted", "pencilled", "penciled", "planned"}
    | {"saved", "noted", "blocked", "adding", "putting", "scheduling", "booking", "marking"}
)


def add_new(d: Dialogue, cmd: Command) -> Reply | None:
    """An update or move with an adding verb ("add", "put", "book" ...), a title, and nothing
    else to change (no rename, no people, no alert, no end), whose title shares no word with
    any stored event (matching.distinct): the new event it describes, created like any create
    (asked first when the NLU was unsure; asked its day when none was said: "add a team
    offsite"). None: not one, the usual change goes on."""
    if not ADD_VERBS & set(cmd.action.split()):
        return None
    if not (_describes_new(d, cmd) or (cmd.when is None and _new_title_only(d, cmd))):
        return None
    draft = draft_of(d, cmd)
    if cmd.confidence_in("create", cmd.intent) < CONFIRM_BELOW:
        return ask_to_schedule(d, draft, cmd.when, f'I couldn\'t find "{cmd.name}".')
    # Sure enough of "a new thing to write" (create and the change read, together): no question
    return plan(d, replace(draft, passed=(*draft.passed, "intent")), cmd.when)


def offer_new(d: Dialogue, cmd: Command) -> Reply | None:
    """A change that says nothing to change but a title no stored event has and a day
    ("today needs to be marked as my cheat day"): asked as a new event, never written on the
    guess. None: not one."""
    if not _describes_new(d, cmd):
        return None
    lead = f'I couldn\'t find "{cmd.name}" to change.'
    return ask_to_schedule(d, draft_of(d, cmd), cmd.when, lead)


def _describes_new(d: Dialogue, cmd: Command) -> bool:
    """A title and a day, nothing an existing event would take (no rename, people or series
    end; an alert only beside a clock time: "schedule the dentist on Jan 22 at 2pm and remind
    me 30 minutes before" is a create with its alert), and a title that shares no word with
    any stored event."""
    if cmd.when is None or cmd.when.start is None or not cmd.day_said:
        return False
    if cmd.when.open_end or cmd.when.open_start:
        return False  # "until friday", "after may two" end a series
    return _new_title_only(d, cmd, alert_ok=cmd.when.grain in timing.TIME_GRAINS)


def _new_title_only(d: Dialogue, cmd: Command, alert_ok: bool = False) -> bool:
    """A title that shares no word with any stored event, and nothing an existing event would
    take: no old time, rename, people, nor an alert unless `alert_ok` (an alert said without
    the event's own time changes an event: "add a reminder an hour before the meeting")."""
    if cmd.name is None or cmd.old_when is not None or cmd.new_title is not None:
        return False
    if cmd.add_people or cmd.remove_people or (cmd.alert is not None and not alert_ok):
        return False
    stored = store.list_events(session=d.session, owner=d.turn.user)
    return all(matching.distinct(cmd.name, row.title) for row in stored)


def composed_title(name: str | None, kind: str | None, people: tuple[str, ...]) -> str | None:
    """The stored title: the name "with" the people not already in it ("lunch with Sara");
    people and no name make a meeting ("meeting with joe")."""
    if not people:
        return name
    base = name or _kind_word(kind) or "meeting"
    said = set(base.lower().split())
    extra = [p for p in people if not set(p.lower().split()) <= said]
    return f"{base} with {phrasing.join(extra)}" if extra else base


def _kind_word(kind: str | None) -> str | None:
    from assistant.commands import GENERIC_KINDS

    return kind if kind and kind not in GENERIC_KINDS else None


def plan(d: Dialogue, draft: Draft, span: TimeSpan | None, answering: bool = False) -> Reply:
    """Ask what is missing or doubtful, else write: intent, title, day, past, duplicate.

    `answering`: the turn answers one of our questions, so the NLU's confidence in its
    intent says nothing about this create.
    """
    if not answering and "intent" not in draft.passed and d.unsure:
        return ask_to_schedule(d, draft, span)
    if draft.title is None:
        return d.ask(NeedTitle(draft, span), "What should I call the event?")
    if span is not None and span.duration and span.start is None:
        draft = replace(draft, length=span.duration)  # "for two hours", the day still unknown
    times = times_of(d, draft, span)
    if times is None:
        return d.ask(NeedDate(draft), f'{unreadable_date(d)}When should I schedule "{draft.title}"?')
    if span is not None and _hour_missing(span, times):
        day = phrasing.day_text(times.start, d.turn.now.year)
        held = replace(draft, length=span.duration, day=span)
        return d.ask(NeedDate(held), f'What time on {day} should I schedule "{draft.title}"?')
    return check_and_write(d, draft, span, times)


def _hour_missing(span: TimeSpan, times: timing.Times) -> bool:
    """A day said with a length shorter than a day and no time ("a 15-min call tomorrow"):
    an all-day event would drop the length, so the hour is asked."""
    return times.all_day and not span.rrule and span.duration is not None and span.duration < timedelta(days=1)


def on_day(span: TimeSpan, day: TimeSpan, tz: str) -> TimeSpan:
    """A time answered without a day ("at 3pm"), on the day said before ("tomorrow")."""
    if span.start is None or day.start is None:
        return span
    start = timing.at(day.start.date(), span.start.time(), tz)
    end = timing.plus(start, span.end - span.start, tz) if span.end is not None else None
    return replace(span, start=start, end=end, alternatives=())


def unreadable_date(d: Dialogue) -> str:
    """ "I can't use "february 30": February has no day 30. " when a time was said that the
    date reader refuses, so the question says why it asks (else "")."""
    from nlu.dates import explain

    for slot in d.parse.slots_of("DATE"):
        reason = explain(slot.text, d.turn.now, d.turn.tz) if slot.value is None else None
        if reason and not reason.startswith(("no date", "these date words")):
            reason = re.sub(r"^'[^']*': ", "", reason)  # the reason may quote the phrase again
            return f'I can\'t use "{slot.text}": {reason}. '
    return ""


def times_of(d: Dialogue, draft: Draft, span: TimeSpan | None) -> timing.Times | None:
    """The event's times: the said span, the draft's or the kind's length; a reminder said
    with a day and no time is at the default reminder time (settings.reminder_time)."""
    length = draft.length or d.bot.settings.length_of(draft.kind)
    if reminder_day(draft, span) and span is not None and span.start is not None:
        start = timing.at(span.start.date(), d.bot.settings.reminder_time, d.turn.tz)
        return timing.Times(start, timing.plus(start, length, d.turn.tz), False)
    return timing.plan_create(span, length, d.turn.tz)


def reminder_day(draft: Draft, span: TimeSpan | None) -> bool:
    """A reminder said with one day and no time ("remind me to call mom tomorrow")."""
    return (
        draft.reminder
        and span is not None
        and span.start is not None
        and span.end is not None
        and span.grain not in timing.TIME_GRAINS
        and not span.rrule
        and span.end - span.start <= timedelta(days=1)
    )


def check_and_write(d: Dialogue, draft: Draft, span: TimeSpan | None, times: timing.Times) -> Reply:
    try:
        checks.moment("the start", times.start)
        checks.moment("the end", times.end)
    except BadEvent as err:
        return d.say(f'I can\'t schedule "{draft.title}" then: {err}.', "none")
    probe = _probe(draft, times)
    if "past" not in draft.passed and in_past(d, times):
        return d.ask(
            ConfirmCreate(draft, span, "past"),
            f'{d.when(probe)} is in the past. Schedule "{draft.title}" anyway?',
            "confirm",
            choices=YES_NO,
        )
    twin = None if "duplicate" in draft.passed else duplicate(d, draft, times)
    if twin is not None:
        return d.ask(
            ConfirmCreate(draft, span, "duplicate"),
            f"You already have {d.describe(twin)}. Schedule another one?",
            "confirm",
            [twin],
            YES_NO,
        )
    return write(d, draft, times, reminder_day(draft, span))


def _probe(draft: Draft, times: timing.Times) -> EventView:
    """A view of the event not written yet, to say its time."""
    return EventView(
        0,
        draft.title or "",
        draft.kind,
        times.start.replace(tzinfo=None).isoformat(),
        times.end.replace(tzinfo=None).isoformat(),
        times.all_day,
        draft.location,
    )


def in_past(d: Dialogue, times: timing.Times) -> bool:
    """Compared in UTC: within one zone Python compares wall clocks and ignores the fold,
    so the first 2:45 of a fall-back night would look later than the second 2:30."""
    now = to_utc(d.turn.now, d.turn.tz)
    if times.all_day:
        return to_utc(times.end, d.turn.tz) <= now
    return to_utc(times.start, d.turn.tz) < now


def duplicate(d: Dialogue, draft: Draft, times: timing.Times) -> EventView | None:
    """A live event (or occurrence) with the same title starting at the same time."""
    start = to_utc(times.start, d.turn.tz)
    views = agenda.window(
        session=d.session, owner=d.turn.user, start_utc=start, end_utc=start + timedelta(minutes=1), tz=d.turn.tz
    )
    title = (draft.title or "").casefold()
    return next(
        (
            v
            for v in views
            if v.title.casefold() == title
            and v.all_day == times.all_day
            and v.start == times.start.replace(tzinfo=None).isoformat(timespec="seconds")
        ),
        None,
    )


def write(d: Dialogue, draft: Draft, times: timing.Times, default_hour: bool = False) -> Reply:
    """Store the event (its fields checked as every door checks them), log it, and say what
    was scheduled."""
    try:
        row = store.add_event(
            session=d.session,
            owner=d.turn.user,
            title=checks.title(draft.title),
            kind=checks.optional_text(draft.kind, "kind", checks.MAX_KIND),
            start_utc=to_utc(times.start, d.turn.tz),
            end_utc=to_utc(times.end, d.turn.tz),
            tz=d.turn.tz,
            all_day=times.all_day,
            location=checks.optional_text(draft.location, "location"),
            attendees=[checks.title(a, "attendee") for a in draft.attendees],
            recurrence=times.recurrence,
            utterance=draft.utterance,
            alerts=checks.alerts(list(draft.alerts) or ([0] if draft.reminder else [])),
        )
    except BadRecurrence as err:
        return d.say(
            f'I can\'t repeat "{draft.title}" that way ({err}). Try "every day", "every monday" or "every 2 weeks".',
            "none",
        )
    except BadEvent as err:
        return d.say(f"I can't schedule that: {err}.", "none")
    d.log("create", row, None)
    return d.say(scheduled_text(d, row, draft, default_hour) + overlap_note(d, row), "create", [row])


def scheduled_text(d: Dialogue, row: Event, draft: Draft, default_hour: bool) -> str:
    """'Scheduled "dentist" at the clinic for Friday, November 27 at 3:00 PM, every Friday.'"""
    place = f" at {row.location}" if row.location else ""
    repeat = phrasing.repeat_text(row.recurrence)
    text = f'Scheduled "{row.title}"{place} for {d.when(row)}' + (
        ", your default reminder time." if default_hour else f", {repeat}." if repeat else "."
    )
    for minutes in sorted(set(row.alerts or ())):
        text += f" I'll remind you {phrasing.before_text(minutes)}."
    return text


def overlap_note(d: Dialogue, event: Event | EventView) -> str:
    """' Note: it overlaps "standup" (Monday, ... at 9:00 AM).' for timed events (and
    occurrences of recurring ones, exceptions applied) that clash with this one."""
    view = d.view(event)
    if view.all_day:
        return ""
    start, end = to_utc(view.start_dt, view.tz), to_utc(view.end_dt, view.tz)
    own = {view.id, view.series_id} - {None}
    clashes = [
        v
        for v in agenda.window(session=d.session, owner=d.turn.user, start_utc=start, end_utc=end, tz=d.turn.tz)
        if not v.all_day and v.id not in own and v.series_id not in own
    ]
    if not clashes:
        return ""
    names = phrasing.join([f'"{v.title}" ({d.when(v)})' for v in clashes[:3]])
    return f" Note: it overlaps {names}."
