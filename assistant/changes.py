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

from assistant import agenda, finder, followups, phrasing, store, timing
from assistant.commands import Command
from assistant.finder import Found
from assistant.models import Event
from assistant.questions import Action, Cancel, Choose, Confirm, Edit, Move, NeedTime, Target
from assistant.views import EventView, Reply, to_utc
from nlu.result import TimeSpan

if TYPE_CHECKING:
    from assistant.dialogue import Dialogue

NEVER_MIND = "never mind"
YES_NO = ["yes", "no"]
MAX_LISTED = 8
# Words of a cancel that means many events ("clear my calendar"): refused, one at a time.
BULK = frozenset({"all", "everything", "every", "clear", "wipe", "empty", "whole", "entire"})


# -- the commands -------------------------------------------------------------------------------
def cancel(d: "Dialogue", cmd: Command) -> Reply:
    """ "cancel the dentist": find it, then ask before cancelling."""
    if BULK & set(followups.words(d.turn.text)):
        return d.say("I cancel one event at a time, so nothing is lost by mistake. Which one should I cancel?",
                     "none")
    found = find(d, cmd.name, cmd.kind, cmd.when, dated=cmd.dated)
    return decide(d, found, Cancel(), cmd.when)


def reschedule(d: "Dialogue", cmd: Command, delta: timedelta | None = None) -> Reply:
    """ "move the dentist to friday", "push it back an hour": find it, then move it. The
    DATE slots marked old name the event; the new time is the parse's `when`."""
    action = Move(delta=delta) if delta is not None else Move(span=cmd.when, day_said=cmd.day_said)
    found = find(d, cmd.name, cmd.kind, cmd.old_when, relative=delta is not None, dated=cmd.old_when is not None)
    return decide(d, found, action, cmd.old_when)


# -- which event --------------------------------------------------------------------------------
def find(d: "Dialogue", name: str | None, kind: str | None, span: TimeSpan | None, relative: bool = False,
         dated: bool = False) -> Found:
    """The events a command names; "it" / "that", a bare "cancel please" or a relative move
    naming nothing is the event last talked about (or, right after a list, one of those)."""
    text = d.turn.text
    bare = len(followups.words(text)) <= 2 and kind is None and not dated
    refers_back = name is None and (followups.mentions_it(text) or relative or bare)
    if refers_back and d.listed:
        return Found([row for row in map(d.event, d.listed) if row is not None])
    return finder.find(session=d.session, owner=d.turn.user, name=name, kind=kind, span=span, tz=d.turn.tz,
                       now=d.turn.now, last_event_id=d.last_event_id, refers_back=refers_back)


def decide(d: "Dialogue", found: Found, action: Action, span: TimeSpan | None) -> Reply:
    """One event found: go on with it; several: ask which; none: say so (or offer the closest)."""
    if not found.hits:
        return not_found(d, found, action)
    targets = [target_of(d, row, span, action) for row in found.hits[:MAX_LISTED]]
    if len(targets) > 1:
        return choose(d, targets, action)
    return propose(d, targets[0], action)


def target_of(d: "Dialogue", row: Event, span: TimeSpan | None, action: Action) -> Target:
    """The event, or for a series the occurrence the command is about (edits are about the
    whole series)."""
    if not row.recurrence or isinstance(action, Edit):
        return Target(row.id)
    return Target(row.id, occurrence_in(d, row, span))


def occurrence_in(d: "Dialogue", row: Event, span: TimeSpan | None) -> datetime | None:
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


def target_view(d: "Dialogue", row: Event, target: Target) -> EventView:
    """How the target looks: the occurrence for a series occurrence, else the event."""
    if target.occurrence is None:
        return d.view(row)
    return agenda.occurrence(row, target.occurrence, d.turn.tz)


def not_found(d: "Dialogue", found: Found, action: Action) -> Reply:
    """ "I couldn't find ..." and, when a title is close enough, "Did you mean ...?" """
    heard = f"\"{found.heard}\"" if found.heard else "that event"
    if found.elsewhere:
        heard += " at that time"
    if found.closest is not None:
        target = target_of(d, found.closest, None, action)
        view = target_view(d, found.closest, target)
        d.last_event_id = found.closest.id
        return d.ask(Confirm(target, action), f"I couldn't find {heard}. Did you mean {d.describe(view)}?",
                     "confirm", [view], YES_NO)
    if found.heard is None and not d.command.dated:
        return d.say("Which event do you mean? Tell me its name or its day.", "none")
    return d.say(f"I couldn't find {heard} on your calendar.", "none")


def choose(d: "Dialogue", targets: list[Target], action: Action) -> Reply:
    """ "I found 3 events: 1) ..., 2) .... Which one should I cancel?" """
    views = [target_view(d, d.event(t.event_id), t) for t in targets]
    labels = [d.describe(v) for v in views]
    listed = phrasing.join([f"{i + 1}) {label}" for i, label in enumerate(labels)])
    verb = {Cancel: "cancel", Move: "move"}.get(type(action), "change")
    return d.ask(Choose(tuple(targets), tuple(labels), action),
                 f"I found {len(targets)} events: {listed}. Which one should I {verb}?", "clarify", views,
                 labels + [NEVER_MIND])


# -- asking, then doing -------------------------------------------------------------------------
def propose(d: "Dialogue", target: Target, action: Action, confirmed: bool = False) -> Reply:
    """Go on with one target: ask what is still missing or must be confirmed, else act.

    A cancel is always confirmed first; a move without a new time asks for one.
    """
    row = d.event(target.event_id)
    if row is None:
        return d.say("That event is no longer on your calendar.", "none")
    d.last_event_id = row.id
    view = target_view(d, row, target)
    if isinstance(action, Move) and action.span is None and action.delta is None:
        return d.ask(NeedTime(target), f"When should I move \"{row.title}\" to?", "clarify", [view])
    if isinstance(action, Cancel) and not confirmed:
        extra = " Only that one: the other occurrences stay." if target.occurrence is not None else ""
        return d.ask(Confirm(target, action), f"Cancel {d.describe(view)}?{extra}", "confirm", [view], YES_NO)
    return perform(d, target, action)


def perform(d: "Dialogue", target: Target, action: Action) -> Reply:
    """Make the change (the user asked for it, or said yes to it)."""
    row = d.event(target.event_id)
    if row is None:
        return d.say("That event is no longer on your calendar.", "none")
    if isinstance(action, Cancel):
        return cancel_now(d, row, target)
    if isinstance(action, Move):
        return move_now(d, row, target, action)
    from assistant import edits

    return edits.apply(d, row, action)


def cancel_now(d: "Dialogue", row: Event, target: Target) -> Reply:
    if target.occurrence is None:
        before = store.snapshot(row)
        store.cancel_event(session=d.session, event=row)
        d.log("cancel", row, before)
        return d.say(f"Cancelled {d.describe(row)}.", "cancel", [row])
    before = store.snapshot(row)
    store.exclude_occurrence(session=d.session, series=row, original_start_utc=target.occurrence)
    d.log("cancel", row, before)
    view = replace(target_view(d, row, target), cancelled=True)
    return d.say(f"Cancelled {d.describe(view)}. The other occurrences stay.", "cancel", [view])


def new_times(d: "Dialogue", row: Event, target: Target, action: Move) -> timing.Times | None:
    """Where a move puts the target: the said time merged with the old by grain, or shifted."""
    zone = row.tz if row.all_day else d.turn.tz  # all-day events keep their own dates
    start_utc = target.occurrence or row.start_utc
    old = timing.Times(timing.aware(start_utc, zone), timing.aware(start_utc + (row.end_utc - row.start_utc), zone),
                       row.all_day, row.recurrence)
    if action.delta is not None:
        return timing.shifted(old, action.delta, zone)
    return timing.merge(old, action.span, action.day_said, d.bot.settings.length_of(row.kind), zone)


def move_now(d: "Dialogue", row: Event, target: Target, action: Move) -> Reply:
    from assistant.creating import overlap_note

    times = new_times(d, row, target, action)
    if times is None:
        return d.ask(NeedTime(target), f"When should I move \"{row.title}\" to?", "clarify", [row])
    old_view = target_view(d, row, target)
    before = store.snapshot(row)
    store.update_event(session=d.session, event=row, changes={
        "start_utc": to_utc(times.start, d.turn.tz), "end_utc": to_utc(times.end, d.turn.tz),
        "all_day": times.all_day})
    d.log("reschedule", row, before)
    return d.say(f"Moved {d.describe(old_view)} to {d.when(row)}." + overlap_note(d, row), "reschedule", [row])


# -- undo ---------------------------------------------------------------------------------------
def undo(d: "Dialogue") -> Reply:
    """Revert this conversation's last turn of writes not undone yet (all its rows)."""
    entries = store.last_writes(session=d.session, owner=d.turn.user, session_id=d.turn.session_id)
    rows = [(e, store.get_event(session=d.session, owner=d.turn.user, event_id=e.event_id)) for e in entries
            if e.event_id is not None]
    rows = [(e, row) for e, row in rows if row is not None]
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
        text = (f"\"{main.title}\" ({phrasing.repeat_text(main.recurrence)}) is back as it was." if main.recurrence
                else f"{d.describe(main)} is back.")
    return d.say(f"Undone: {text}", "undo", [main])


def undone_text(d: "Dialogue", entry, row: Event) -> str:
    """What undoing a creation gives back (said before the row changes)."""
    if row.series_id is None:
        return f"\"{row.title}\" is no longer on your calendar."
    series = store.get_event(session=d.session, owner=d.turn.user, event_id=row.series_id)
    return f"{d.describe(agenda.occurrence(series, row.original_start_utc, d.turn.tz))} is back."


def revert(d: "Dialogue", entry, row: Event) -> None:
    """Undo one logged write: a created event is cancelled (a created changed occurrence is
    removed, so the occurrence it replaced comes back); anything else is restored."""
    before = store.snapshot(row)
    if entry.operation == "create" and row.series_id is not None:
        store.delete_event(session=d.session, event=row)
        store.log_operation(session=d.session, owner=d.turn.user, session_id=d.turn.session_id,
                            operation="undo", event=None, before=before, after=None, utterance=d.turn.text,
                            at=d.stamp)
    else:
        if entry.operation == "create":
            store.cancel_event(session=d.session, event=row)
        else:
            store.restore_event(session=d.session, event=row, snapshot=entry.before)
        d.log("undo", row, before)
    entry.reverted_at = store.utcnow()
