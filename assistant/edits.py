"""Changes to an event other than its time (the NLU's `update` intent): people, title,
place, alerts, and how a series repeats or when it stops.

What changes is read from the Command (roles, alert and `when` as the NLU gave them):
PERSON new / old are added / removed, a NAME new is the new title ("rename X to Y"; "call it
Y" renames the event talked about), a LOCATION is the new place, an ALERT adds an alert,
a DATE with a rule makes the event repeat ("make it weekly"), and a DATE that closes a
range ("after december 21", "until friday", or "stop ... on friday") ends a series. Every
reply names the event and the change; a series changes as a whole (with its changed
occurrences), and a new rule for a series with a past applies from its next occurrence on.

Two readings come here from elsewhere: an update that says only a plain time is a move
(`moved`), and a create that names nothing but "it" is a change of the event talked about
(`change_of_it`, called by the dialogue's dispatch).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from assistant import agenda, changes, creating, followups, phrasing, series, store
from assistant.commands import GENERIC_KINDS, Command
from assistant.finder import Found
from assistant.models import Event
from assistant.questions import Edit
from assistant.timing import TIME_GRAINS
from assistant.views import Reply, to_utc, wall
from nlu.dates.rrule_limits import check_rrule

if TYPE_CHECKING:
    from assistant.dialogue import Dialogue

RENAME_VERBS = ("rename", "call", "name", "retitle", "title", "change the name", "change the title")
STOP_VERBS = ("stop", "end", "finish", "discontinue")
HINT = (
    'I heard a change but not what to change. Try "rename it to ...", "add Sam to it", '
    '"remind me an hour before it" or "make it weekly".'
)
ONE_SECOND = timedelta(seconds=1)


def update(d: Dialogue, cmd: Command) -> Reply:
    """ "add jim to the lunch", "rename lunch to team lunch", "remind me an hour before the
    dentist", "make the standup every tuesday", "stop the standup after december 21"."""
    edit, name = edit_of(d, cmd)
    if edit.is_empty():
        return creating.add_new(d, cmd) or creating.offer_new(d, cmd) or moved(d, cmd) or d.say(HINT, "none")
    # The said time names the event, unless it is the change itself (a rule, an end).
    span = cmd.old_when if (edit.repeat or edit.until) else (cmd.old_when or cmd.when)
    if span is not None and span.rrule:
        span = None  # "from weekly to every other week": the old rule is no day to look on
    found = changes.find(d, name, cmd.kind, span, dated=span is not None)
    found = found if found.hits else changes.the_last(d, name, cmd.kind, span) or found
    if not found.hits and (made := creating.add_new(d, cmd)) is not None:
        return made  # "add to calendar may two is mary's birthday": a new event, not a change
    return changes.decide(d, found, edit, span)


def moved(d: Dialogue, cmd: Command) -> Reply | None:
    """An update that changes nothing but says a time ("make the dentist thursday", "actually
    make that saturday") is a move: a plain time is no change the update intent can make
    (a rule or an end would be one). None: no such time."""
    when = cmd.when
    if when is None or when.start is None or when.rrule or when.open_end or when.open_start:
        return None
    return changes.reschedule(d, replace(cmd, intent="reschedule"))


# Words a bare time answer may carry besides the time ("uh at 2 please").
TIME_GLUE = frozenset({"at", "on", "for", "by", "around", "about", "uh", "um", "erm", "ok", "okay", "please", "then"})


def only_a_time(d: Dialogue) -> bool:
    """Whether the turn says nothing but a time ("at 2", "uh friday at 3 please"): right after
    an event was talked about, the time of that event."""
    dates = d.parse.slots_of("DATE")
    said = {w for s in dates for w in followups.words(s.text)}
    rest = [w for w in followups.words(d.turn.text) if w not in said and w not in TIME_GLUE]
    return bool(dates) and not rest


def change_of_it(d: Dialogue, cmd: Command) -> Reply | None:
    """A create that names nothing but "it" / "that" while an event was talked about ("put it
    at Sotto Mare", "make that tuesday", "set it for 8"), or says nothing but a time ("at 2"
    right after "schedule the dentist for next friday"), is a change of that event, as the
    relative moves are (followups.follow_up): a place, people or an alert are an edit, a time
    alone a move. None: a create after all (it names something, says nothing to change, or
    is a reminder: "remind me about it tomorrow" is a new reminder)."""
    if cmd.intent != "create" or cmd.name is not None or cmd.reminder:
        return None
    if cmd.kind not in (None, *GENERIC_KINDS) or not (followups.mentions_it(d.turn.text) or only_a_time(d)):
        return None
    if d.last_event_id is None and not d.listed:
        return None
    people = cmd.people + cmd.add_people
    edits_something = bool(cmd.location or people or cmd.remove_people or cmd.alert is not None)
    timed = cmd.when is not None and cmd.when.start is not None
    if edits_something and not timed:
        return update(d, replace(cmd, intent="update", people=(), add_people=people))
    if timed and not edits_something:
        return moved(d, cmd)
    return None


# A time that is only how often ("weekly", "every month", "a daily thing"): no day, no hour.
FREQUENCY_ONLY = re.compile(
    r"(?:every (?:single )?|each )?(?:day|week|month|year)|daily|weekly|monthly|yearly|annually|fortnightly"
)


def repeat_existing(d: Dialogue, cmd: Command) -> Reply | None:
    """ "make the call with mom weekly" read as a create: when the only time said is how
    often and an event of that title exists, it is that event made to repeat (asked about
    like any edit), not a second one. None: a create after all."""
    dates = d.parse.slots_of("DATE")
    if cmd.when is None or not cmd.when.rrule or not dates:
        return None
    if not all(FREQUENCY_ONLY.fullmatch(s.text.lower().strip()) for s in dates):
        return None
    title = creating.composed_title(cmd.name, cmd.kind, cmd.people + cmd.add_people)
    if title is None:
        return None
    found = changes.find(d, title, None, None)
    if not found.hits:
        return None
    return changes.decide(d, found, Edit(repeat=cmd.when.rrule, repeat_span=cmd.when), None)


# "remind me about/of <event>", not "remind me to <errand>": the event is one already there.
ABOUT_AN_EVENT = re.compile(r"\bremind(?:er)?\b(?: me)? (?:about|of)\b", re.IGNORECASE)


def remind_of_existing(d: Dialogue, cmd: Command) -> Reply | None:
    """ "remind me about the dentist tomorrow at 8am" while "dentist" is on friday: an alert
    on that dentist, rung at the said time (stored as minutes before its start), not a
    second "dentist" at 8am. The event is the first one-off event of that name starting at
    or after the said time, at most the longest alert before it. None: no such event, or a
    reminder to do something ("remind me to call mom tomorrow"): a new reminder after all."""
    when = cmd.when
    if cmd.intent != "create" or not cmd.reminder or when is None or when.start is None or when.rrule:
        return None
    if cmd.name is None or not ABOUT_AN_EVENT.search(d.turn.text):
        return None
    from assistant.checks import MAX_ALERT_MINUTES

    ring = to_utc(when.start, d.turn.tz)
    found = changes.find(d, cmd.name, cmd.kind, None)
    later = [
        row
        for row in found.hits
        if not row.recurrence and timedelta(0) <= row.start_utc - ring <= timedelta(minutes=MAX_ALERT_MINUTES)
    ]
    if not later:
        return None
    row = min(later, key=lambda r: r.start_utc)
    minutes = int((row.start_utc - ring).total_seconds() // 60)
    reply = changes.decide(d, Found([row]), Edit(alert=minutes), None)
    if reply.operation != "update" or minutes == 0:
        return reply
    rung = phrasing.day_text(d.aware(ring), d.turn.now.year) + f" at {phrasing.clock_text(d.aware(ring))}"
    return replace(reply, reply=f"{reply.reply[:-1]}: on {rung}.")  # the time the user said


def rename_it(d: Dialogue, title: str) -> Reply:
    """ "call it design crit" right after an event was talked about: that event's new title,
    said back with the event ("Renamed ... to ..."), whatever the NLU made of the words (the
    follow-up names the change and the event itself)."""
    row = d.event(d.last_event_id)
    if row is None:
        return d.say(f'Which event should I call "{title}"?', "none")
    return apply(d, changes.series_of(d, row), Edit(title=title))


def edit_of(d: Dialogue, cmd: Command) -> tuple[Edit, str | None]:
    """The change a command asks for, and the name of the event it is about."""
    title, name = cmd.new_title, cmd.name
    if title is None and name is not None and renames(d, cmd):
        title, name = name, None  # "call it team lunch": a new title for the event talked about
    when = cmd.when
    repeat = when.rrule if when is not None and when.rrule else None
    edit = Edit(
        title=title,
        location=cmd.location,
        add_people=cmd.add_people,
        remove_people=cmd.remove_people,
        alert=cmd.alert,
        repeat=repeat,
        repeat_span=when if repeat else None,
        until=None if repeat else until_of(cmd),
    )
    return edit, name


def renames(d: Dialogue, cmd: Command) -> bool:
    """Whether a lone NAME is a new title: a rename verb ("call it X"), or "it" and nothing else."""
    alone = cmd.alert is None and not (cmd.add_people or cmd.remove_people or cmd.location or cmd.dated)
    return alone and (cmd.action.startswith(RENAME_VERBS) or followups.mentions_it(d.turn.text))


def until_of(cmd: Command) -> datetime | None:
    """The last moment of a series a command sets: "after december 21" / "until december 21"
    (ranges the resolver marks open), or a day said with "stop" / "end"."""
    when = cmd.when
    if when is None or when.start is None:
        return None
    if when.open_end:
        return when.start - ONE_SECOND
    if when.open_start and when.end is not None:
        return when.end - ONE_SECOND
    if cmd.action.startswith(STOP_VERBS):
        return (when.end or when.start + timedelta(days=1)) - ONE_SECOND
    return None


# -- applying -------------------------------------------------------------------------------
def apply(d: Dialogue, row: Event, edit: Edit) -> Reply:
    """Make the change; the reply says what changed (and what did not, and why)."""
    if edit.repeat:
        return repeat(d, row, edit, edit.repeat)
    if edit.until:
        return end_series(d, row, edit.until)
    fields, said = field_changes(row, edit)
    if not fields:
        return d.say(" ".join(s.format(event=f'"{row.title}"') for s in said) or HINT, "none", [row])
    rows = [row] + (
        [o for o in store.overrides(session=d.session, series=row) if o.cancelled_at is None] if row.recurrence else []
    )
    for each in rows:
        each_fields = field_changes(each, edit)[0]
        if each_fields:
            before = store.snapshot(each)
            store.update_event(session=d.session, event=each, changes=each_fields)
            d.log("update", each, before)
    d.last_event_id = row.id
    first = f'"{row.title}" ({_when(d, row)})'
    text = " ".join(s.format(event=first if i == 0 else f'"{row.title}"') for i, s in enumerate(said))
    return d.say(text, "update", [row])


def field_changes(row: Event, edit: Edit) -> tuple[dict[str, Any], list[str]]:
    """The stored fields an edit changes on a row, and the sentences saying it ("{event}"
    stands for the event's name)."""
    from assistant import checks

    fields: dict[str, Any] = {}
    said: list[str] = []
    if edit.title and edit.title != row.title:
        fields["title"] = checks.title(edit.title)
        said.append(f'Renamed "{row.title}" to {{event}}.')
    if edit.location and edit.location != row.location:
        fields["location"] = checks.optional_text(edit.location, "location")
        said.append(f"{{event}} is now at {edit.location}.")
    people, people_said = _people(list(row.attendees or ()), edit)
    if people != list(row.attendees or ()):
        fields["attendees"] = people
    said += people_said
    if edit.alert is not None:
        alerts = sorted(set(row.alerts or ()) | {edit.alert})
        if alerts != list(row.alerts or ()):
            fields["alerts"] = alerts
            said.append(f"I'll remind you {phrasing.alert_on_text(edit.alert, '{event}')}.")
        else:
            said.append(f"You already have a reminder {phrasing.alert_on_text(edit.alert, '{event}')}.")
    return fields, said


def _people(attendees: list[str], edit: Edit) -> tuple[list[str], list[str]]:
    """Attendees after adding and removing (names compared without case), and what to say."""
    said: list[str] = []
    known = {a.casefold() for a in attendees}
    added = [p for p in dict.fromkeys(edit.add_people) if p.casefold() not in known]
    present = [p for p in edit.add_people if p.casefold() in known]
    gone = {p.casefold() for p in edit.remove_people} & known
    missing = [p for p in edit.remove_people if p.casefold() not in known]
    if added:
        said.append(f"Added {phrasing.join(added)} to {{event}}.")
    if present:
        said.append(f"{phrasing.join(present)} {'is' if len(present) == 1 else 'are'} already on {{event}}.")
    if gone:
        said.append(f"Removed {phrasing.join([a for a in attendees if a.casefold() in gone])} from {{event}}.")
    if missing:
        said.append(f"{phrasing.join(missing)} {'was' if len(missing) == 1 else 'were'} not on {{event}}.")
    return [a for a in attendees if a.casefold() not in gone] + added, said


def _when(d: Dialogue, row: Event) -> str:
    """When an event is, for a reply: its time, or how a series repeats."""
    view = d.view(row)
    return phrasing.series_text(view) if row.recurrence else d.when(view)


# -- how a series repeats and ends ----------------------------------------------------------
def repeat(d: Dialogue, row: Event, edit: Edit, said_rule: str) -> Reply:
    """ "make it weekly", "make the standup every tuesday (at 10)": the event repeats by the
    new rule from its first occurrence on or after its start (a series: after now), at the
    time said or its own."""
    if row.series_id is not None:
        return d.say(f'That "{row.title}" is one occurrence of a series: change the series itself.', "none", [row])
    rule = check_rrule(said_rule)
    base = _base(d, row, edit)
    now = wall(to_utc(d.turn.now, d.turn.tz), row.tz)
    # the first occurrence from now on: a series under way gets this week's too, not only
    # those from its next occurrence ("can it be every week instead" of a fortnightly club)
    first = series.first_at_or_after(rule, base, max(base, now) if row.recurrence else base)
    if first is None:
        return d.say(f'"{row.title}" would never happen {phrasing.repeat_text(rule)}.', "none", [row])
    now_utc = to_utc(d.turn.now, d.turn.tz)
    changed = series.set_rule(session=d.session, event=row, rule=rule, first_wall=first, now_utc=now_utc, record=d.log)
    d.last_event_id = changed.id
    start = d.view(changed).start_dt
    return d.say(
        f'"{changed.title}" now repeats {_when(d, changed)}, from {phrasing.day_text(start, d.turn.now.year)}.',
        "update",
        [changed],
    )


def _base(d: Dialogue, row: Event, edit: Edit) -> datetime:
    """Where the new rule is counted from (a wall time in the event's zone): the event's own
    start, at the clock time said with the rule, if any. Counted from there, a rule with no
    day of its own keeps the event's ("every week" of a Thursday club is every Thursday)
    and an interval keeps its rhythm."""
    zone = row.tz
    base = wall(row.start_utc, zone)
    span = edit.repeat_span
    if span is not None and span.start is not None and span.grain in TIME_GRAINS and not row.all_day:
        clock = span.start.astimezone(ZoneInfo(zone))
        base = base.replace(hour=clock.hour, minute=clock.minute, second=0)
    return base


def end_series(d: Dialogue, row: Event, until_said: datetime) -> Reply:
    """ "stop the standup after december 21": the series' last occurrence is the last one
    on or before that day (UNTIL)."""
    if not row.recurrence:
        return d.say(f'"{row.title}" does not repeat, so it has no end to set.', "none", [row])
    until = until_said.astimezone(ZoneInfo(row.tz)).replace(tzinfo=None)
    if until < wall(row.start_utc, row.tz):
        return d.say(
            f'"{row.title}" only starts on {d.when(row)}: to remove it, say "cancel {row.title}".', "none", [row]
        )
    series.end_at(session=d.session, series=row, until_wall=until, record=d.log)
    d.last_event_id = row.id
    last = agenda.starts(row, row.start_utc, to_utc(until, row.tz) + ONE_SECOND)
    tail = f": its last occurrence is on {d.when(agenda.occurrence(row, last[-1], d.turn.tz))}" if last else ""
    return d.say(f'"{row.title}" now stops after {phrasing.day_text(until, d.turn.now.year)}{tail}.', "update", [row])


def change_text(edit: Edit, event: str) -> str:
    """The change said before it is made ("add jim to "lunch" on ...")."""
    parts = []
    if edit.title:
        parts.append(f'rename {event} to "{edit.title}"')
    if edit.location:
        parts.append(f"set the place of {event} to {edit.location}")
    if edit.add_people:
        parts.append(f"add {phrasing.join(list(edit.add_people))} to {event}")
    if edit.remove_people:
        parts.append(f"remove {phrasing.join(list(edit.remove_people))} from {event}")
    if edit.alert is not None:
        parts.append(f"remind you {phrasing.alert_on_text(edit.alert, event)}")
    if edit.repeat:
        parts.append(f"make {event} repeat {phrasing.repeat_text(edit.repeat)}")
    if edit.until:
        parts.append(f"stop {event} after {phrasing.day_text(edit.until, edit.until.year)}")
    return " and ".join(parts)
