"""One turn of a conversation: answer what was pending, or understand a new command and act.

The conversation state (what we are waiting for, the event last talked about) is read from
and written to the database in the same transaction as the turn's writes, so a restart
loses nothing and a turn is all-or-nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from assistant import agenda, checks, followups, phrasing, store, timing
from assistant.checks import MAX_TURN_CHARS
from assistant.answers import NEVER_MIND, Asking
from assistant.exceptions import BadEvent, BadInput, StorageError
from assistant.finder import Found, find
from assistant.models import Event
from assistant.queries import MAX_LISTED, Telling
from assistant.timing import span_json, span_of, times_json
from assistant.views import EventView, Reply, to_utc
from nlu.exceptions import BadRecurrence
from nlu.result import Parse, TimeSpan

if TYPE_CHECKING:
    from assistant.core import Assistant

TURN_ATTEMPTS = 3  # a turn that lost a race (first turn of a session, a busy database) is retried
YES_NO = ["yes", "no"]
# Words of a cancel that means many events ("clear my calendar"): refused, one at a time.
BULK = frozenset({"all", "everything", "every", "clear", "wipe", "empty", "whole", "entire"})
OUT_OF_SCOPE = ("Sorry, I can only help with your calendar: scheduling, moving, cancelling "
                "or listing events.")


@dataclass(frozen=True)
class Turn:
    """One utterance in a conversation, with the reference time and zone it is read in."""

    session_id: str
    text: str
    now: datetime  # aware, in `tz`
    tz: str
    user: str

    @classmethod
    def make(cls, bot: "Assistant", *, session_id: str, text: str, now: datetime | None, tz: str,
             user: str) -> "Turn":
        from nlu.timezones import reference_time

        return cls(session_id=_name(session_id, "session id"), text=clean(text if isinstance(text, str) else ""),
                   now=reference_time(now, tz), tz=tz, user=_name(user, "user"))


def _name(value: object, what: str) -> str:
    """A session id or user name we can key rows by: 1 to 200 characters, no NUL."""
    text = str(value)
    if not text or len(text) > 200 or "\x00" in text or _has_surrogates(text):
        raise BadInput(f"the {what} must be 1 to 200 characters without NUL: got {len(text)} characters")
    return text


def clean(text: str) -> str:
    """Text we can store anywhere: NUL (PostgreSQL refuses it) becomes a space and lone
    surrogates become U+FFFD; everything else is kept byte for byte."""
    text = text.replace("\x00", " ")
    return text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def run_turn(bot: "Assistant", turn: Turn) -> Reply:
    """Answer one turn in one transaction, tried up to TURN_ATTEMPTS times when it lost a race
    (a concurrent first turn of the session, a busy database)."""
    if not turn.text.strip():
        return Reply("I didn't catch anything. Try \"what do I have tomorrow\" or "
                     "\"schedule lunch with Sam on friday at noon\".", "none")
    if len(turn.text) > MAX_TURN_CHARS:
        return Reply(f"That is too long for one command ({len(turn.text)} characters). "
                     "Please say one command at a time.", "none")
    for attempt in range(TURN_ATTEMPTS):
        try:
            with bot.sessions.begin() as session:
                return Dialogue(bot, turn, session).respond()
        except (IntegrityError, OperationalError) as err:
            if attempt == TURN_ATTEMPTS - 1:
                raise StorageError(f"the calendar database did not take this turn ({type(err).__name__}): "
                                   "try again, or check the database (--db / DATABASE_URL)") from err
    raise AssertionError("unreachable")


class Dialogue(Asking, Telling):
    """The turn handler: reads the conversation state, answers, writes the state back."""

    def __init__(self, bot: "Assistant", turn: Turn, session: Session) -> None:
        self.bot, self.turn, self.session = bot, turn, session
        self.state = store.conversation(session=session, owner=turn.user, session_id=turn.session_id)
        self.pending: dict[str, Any] | None = None
        self.last_event_id = self.state.last_event_id
        self._parse = None
        self.listed: list[int] = []  # the events the previous turn listed, when it listed several

    # -- the turn -----------------------------------------------------------------------
    def respond(self) -> Reply:
        waiting = self.state.pending
        reply = self.answer(waiting) if waiting else None
        if reply is None:
            reply = self.command()
        store.save_conversation(session=self.session, state=self.state, pending=self.pending,
                                last_event_id=self.last_event_id)
        return reply

    @property
    def parse(self) -> Parse:
        """The NLU reading of this turn (parsed once, only when needed)."""
        if self._parse is None:
            self._parse = self.bot.parser(self.turn.text, now=self.turn.now, tz=self.turn.tz)
        return self._parse

    def say(self, text: str, operation: str, events: list = (), choices: list[str] = ()) -> Reply:
        return Reply(text, operation, [self.view(e) for e in events], self._parse, list(choices))

    def view(self, event: Event | EventView) -> EventView:
        return event if isinstance(event, EventView) else EventView.of(event, self.turn.tz)

    def when(self, event: Event | EventView) -> str:
        return phrasing.when_text(self.view(event), self.turn.now.year)

    def describe(self, event: Event | EventView) -> str:
        return phrasing.describe(self.view(event), self.turn.now.year)

    def event(self, event_id: int | None) -> Event | None:
        if event_id is None:
            return None
        row = store.get_event(session=self.session, owner=self.turn.user, event_id=event_id)
        return row if row is not None and row.cancelled_at is None else None

    # -- new commands -------------------------------------------------------------------
    def command(self) -> Reply:
        text = self.turn.text
        if followups.is_undo(text):
            return self.undo()
        if followups.is_yes(text) or followups.is_no(text):
            return self.say("There is nothing waiting for a yes or no right now.", "none")
        parse = self.parse
        delta = followups.shift(text)
        # A relative move ("push it back an hour", "the following day same time") that names
        # no new event is about an existing one, whatever intent the model guessed for it.
        if delta is not None and (parse.intent == "reschedule" or (
                parse.intent == "create" and parse.title is None and self.last_event_id is not None)):
            return self.reschedule(parse, delta=delta)
        handler = {"create": self.create, "cancel": self.cancel, "reschedule": self.reschedule,
                   "query": self.query}.get(parse.intent)
        return handler(parse) if handler else self.say(OUT_OF_SCOPE, "none")

    def slot(self, label: str) -> str | None:
        found = self.parse.slots_of(label)
        return found[0].text if found else None

    # -- create -------------------------------------------------------------------------
    def create(self, parse: Parse) -> Reply:
        title = parse.title if parse.title and not followups.is_pronoun(parse.title) else None
        draft = {"title": title, "kind": (self.slot("DOMAIN") or "").lower() or None,
                 "location": self.slot("LOCATION"), "attendees": [s.text for s in parse.slots_of("PERSON")],
                 "utterance": self.turn.text}
        if title is None:
            self.pending = {"kind": "need_title", "draft": draft, "span": span_json(parse.when)}
            return self.say("What should I call the event?", "clarify")
        return self.create_with(draft, parse.when)

    def create_with(self, draft: dict[str, Any], span) -> Reply:
        length = self.bot.settings.length_of(draft.get("kind"))
        if span is not None and span.duration and span.start is None:
            draft = {**draft, "minutes": span.duration.total_seconds() / 60}  # "for two hours", day unknown
        if draft.get("minutes"):
            length = timedelta(minutes=draft["minutes"])
        times = timing.plan_create(span, length, self.turn.tz)
        if times is None:
            self.pending = {"kind": "need_date", "draft": draft, "tries": 0}
            return self.say(f"When should I schedule \"{draft['title']}\"?", "clarify")
        return self.create_at(draft, times)

    def create_at(self, draft: dict[str, Any], times: timing.Times, confirmed: bool = False) -> Reply:
        try:
            checks.moment("the start", times.start)
            checks.moment("the end", times.end)
        except BadEvent as err:
            return self.say(f"I can't schedule \"{draft['title']}\" then: {err}.", "none")
        if not confirmed and self.in_past(times):
            self.pending = {"kind": "confirm", "action": "create", "draft": draft, "times": times_json(times)}
            probe = EventView(0, draft["title"], None, times.start.replace(tzinfo=None).isoformat(),
                              times.end.replace(tzinfo=None).isoformat(), times.all_day, None)
            when = phrasing.when_text(probe, self.turn.now.year)
            return self.say(f"{when} is in the past. Schedule \"{draft['title']}\" anyway?", "confirm",
                            choices=YES_NO)
        try:
            row = store.add_event(session=self.session, owner=self.turn.user, title=draft["title"],
                                  kind=draft.get("kind"), start_utc=to_utc(times.start, self.turn.tz),
                                  end_utc=to_utc(times.end, self.turn.tz), tz=self.turn.tz, all_day=times.all_day,
                                  location=draft.get("location"), attendees=draft.get("attendees") or [],
                                  recurrence=times.recurrence, utterance=draft.get("utterance"))
        except BadRecurrence as err:
            return self.say(f"I can't repeat \"{draft['title']}\" that way ({err}). Try \"every day\", "
                            "\"every monday\" or \"every 2 weeks\".", "none")
        self.log("create", row, None)
        place = f" at {row.location}" if row.location else ""
        repeat = phrasing.repeat_text(row.recurrence)
        text = f"Scheduled \"{row.title}\"{place} for {self.when(row)}" + (f", {repeat}." if repeat else ".")
        return self.say(text + self.overlap_note(row), "create", [row])

    def in_past(self, times: timing.Times) -> bool:
        """Compared in UTC: within one zone Python compares wall clocks and ignores the fold,
        so the first 2:45 of a fall-back night would look later than the second 2:30."""
        now = to_utc(self.turn.now, self.turn.tz)
        if times.all_day:
            return to_utc(times.end, self.turn.tz) <= now
        return to_utc(times.start, self.turn.tz) < now

    def overlap_note(self, row: Event) -> str:
        """ ' It overlaps "standup" (Monday, ... at 9:00 AM).' for timed events that clash."""
        if row.all_day:
            return ""
        clashes = [e for e in store.list_events(session=self.session, owner=self.turn.user,
                                                start_utc=row.start_utc, end_utc=row.end_utc)
                   if e.id != row.id and not e.all_day]
        if not clashes:
            return ""
        names = phrasing.join([f"\"{e.title}\" ({self.when(e)})" for e in clashes[:3]])
        return f" Note: it overlaps {names}."

    # -- finding events -----------------------------------------------------------------
    def find(self, parse: Parse, span: TimeSpan | None, relative: bool = False) -> Found:
        name = self.slot("NAME")
        kind = self.slot("DOMAIN")
        # "it"/"that", a bare "cancel please", or a relative move naming nothing ("the
        # following day same time"): the event last talked about
        bare = len(followups.words(self.turn.text)) <= 2 and kind is None and not parse.slots_of("DATE")
        refers_back = name is None and (followups.mentions_it(self.turn.text) or relative or bare)
        if refers_back and self.listed:
            return Found([row for row in map(self.event, self.listed) if row is not None])
        return find(session=self.session, owner=self.turn.user, name=name, kind=kind, span=span,
                    tz=self.turn.tz, now=self.turn.now, last_event_id=self.last_event_id,
                    refers_back=refers_back)

    def not_found(self, found: Found, action: str, payload: dict[str, Any]) -> Reply:
        heard = f"\"{found.heard}\"" if found.heard else "that event"
        if found.elsewhere:
            heard += " at that time"
        if found.closest is not None:
            self.pending = {"kind": "confirm", "action": action, "event_id": found.closest.id, **payload}
            self.last_event_id = found.closest.id
            return self.say(f"I couldn't find {heard}. Did you mean {self.describe(found.closest)}?",
                            "confirm", [found.closest], YES_NO)
        if found.heard is None and not self.slot("DATE"):
            return self.say("Which event do you mean? Tell me its name or its day.", "none")
        return self.say(f"I couldn't find {heard} on your calendar.", "none")

    def choose(self, rows: list[Event], action: str, payload: dict[str, Any]) -> Reply:
        rows = rows[:MAX_LISTED]
        labels = [self.describe(r) for r in rows]
        self.pending = {"kind": "choose", "action": action, "ids": [r.id for r in rows], "labels": labels,
                        **payload}
        listed = phrasing.join([f"{i + 1}) {label}" for i, label in enumerate(labels)])
        verb = "cancel" if action == "cancel" else "move"
        return self.say(f"I found {len(rows)} events: {listed}. Which one should I {verb}?", "clarify",
                        rows, labels + [NEVER_MIND])

    # -- cancel -------------------------------------------------------------------------
    def cancel(self, parse: Parse) -> Reply:
        if BULK & set(followups.words(self.turn.text)):
            return self.say("I cancel one event at a time, so nothing is lost by mistake. Which one should I cancel?",
                            "none")
        found = self.find(parse, parse.when)
        payload = {"span": span_json(parse.when)}
        if not found.hits:  # a "did you mean" names another time: its next occurrence, not the said one
            return self.not_found(found, "cancel", {})
        if len(found.hits) > 1:
            return self.choose(found.hits, "cancel", payload)
        return self.ask_cancel(found.hits[0], parse.when)

    def ask_cancel(self, row: Event, span: TimeSpan | None = None) -> Reply:
        """The yes/no question before a cancel; for a series it names one occurrence (the one
        the said time falls on, else the next one) and a yes cancels that one alone."""
        self.last_event_id = row.id
        if not row.recurrence:
            self.pending = {"kind": "confirm", "action": "cancel", "event_id": row.id}
            return self.say(f"Cancel {self.describe(row)}?", "confirm", [row], YES_NO)
        original = self.occurrence_in(row, span)
        if original is None:
            return self.say(f"\"{row.title}\" does not happen then.", "none", [row])
        view = agenda.occurrence(row, original, self.turn.tz)
        self.pending = {"kind": "confirm", "action": "cancel", "event_id": row.id, "occurrence": original.isoformat()}
        return self.say(f"Cancel {self.describe(view)}? Only that one: the other occurrences stay.", "confirm",
                        [view], YES_NO)

    def occurrence_in(self, row: Event, span: TimeSpan | None) -> datetime | None:
        """The original start (naive UTC) of the series' first occurrence in the span, or of
        its next one from now when no time was said."""
        if span is not None and span.start is not None:
            start = to_utc(span.start, self.turn.tz)
            end = max(to_utc(span.end, self.turn.tz) if span.end else start, start + timedelta(minutes=1))
        else:
            start = to_utc(self.turn.now, self.turn.tz)
            end = start + timedelta(days=366)
        found = agenda.starts(row, start, end, agenda.replaced(session=self.session, series=row))
        return found[0] if found else None

    def do_cancel(self, row: Event, occurrence: str | None = None) -> Reply:
        before = store.snapshot(row)
        if occurrence is None:
            store.cancel_event(session=self.session, event=row)
            self.log("cancel", row, before)
            return self.say(f"Cancelled {self.describe(row)}.", "cancel", [row])
        original = datetime.fromisoformat(occurrence)
        store.exclude_occurrence(session=self.session, series=row, original_start_utc=original)
        self.log("cancel", row, before)
        view = replace(agenda.occurrence(row, original, self.turn.tz), cancelled=True)
        return self.say(f"Cancelled {self.describe(view)}. The other occurrences stay.", "cancel", [view])

    # -- reschedule ---------------------------------------------------------------------
    def reschedule(self, parse: Parse, delta: timedelta | None = None) -> Reply:
        old_span, new_span, phrase = self.split_dates(parse)
        if delta is not None:
            new_span, phrase = None, ""
        payload = {"span": span_json(new_span), "phrase": phrase,
                   "delta": delta.total_seconds() if delta is not None else None}
        found = self.find(parse, old_span, relative=delta is not None)
        if not found.hits:
            return self.not_found(found, "reschedule", payload)
        if len(found.hits) > 1:
            return self.choose(found.hits, "reschedule", payload)
        return self.move(found.hits[0], payload)

    def split_dates(self, parse: Parse) -> tuple[TimeSpan | None, TimeSpan | None, str]:
        """(old span, new span, new phrase): DATE slots from the one after "to"/"until" on are the
        new time, the ones before it say which event ("move friday's lunch to monday")."""
        dates = parse.slots_of("DATE")
        if not dates:
            return None, None, ""
        cut = next((i for i, s in enumerate(dates)
                    if parse.text[:s.start].split()[-1:] in (["to"], ["till"], ["until"], ["into"], ["for"],
                                                            ["onto"])), 0)
        old, new = dates[:cut], dates[cut:]
        new_span = parse.when if not old else (
            timing.resolve(" ".join(s.text for s in new), self.turn.now, self.turn.tz) or new[0].value)
        old_span = (timing.resolve(" ".join(s.text for s in old), self.turn.now, self.turn.tz)
                    or old[0].value) if old else None
        return old_span, new_span, " ".join(s.text for s in new)

    def move(self, row: Event, payload: dict[str, Any]) -> Reply:
        self.last_event_id = row.id
        old = timing.Times(self.aware(row.start_utc), self.aware(row.end_utc), row.all_day, row.recurrence)
        if payload.get("delta") is not None:
            times = timing.shifted(old, timedelta(seconds=payload["delta"]), self.turn.tz)
        else:
            times = timing.merge(old, span_of(payload.get("span")), payload.get("phrase") or "",
                                 self.bot.settings.length_of(row.kind), self.turn.tz)
        if times is None:
            self.pending = {"kind": "need_time", "event_id": row.id, "tries": 0}
            return self.say(f"When should I move \"{row.title}\" to?", "clarify", [row])
        before = store.snapshot(row)
        store.update_event(session=self.session, event=row, changes={
            "start_utc": to_utc(times.start, self.turn.tz), "end_utc": to_utc(times.end, self.turn.tz),
            "all_day": times.all_day})
        self.log("reschedule", row, before)
        return self.say(f"Moved \"{row.title}\" to {self.when(row)}." + self.overlap_note(row), "reschedule", [row])

    def aware(self, moment_utc: datetime) -> datetime:
        from datetime import timezone
        from zoneinfo import ZoneInfo

        return moment_utc.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(self.turn.tz))

    # -- undo ---------------------------------------------------------------------------
    def undo(self) -> Reply:
        entry = store.last_write(session=self.session, owner=self.turn.user, session_id=self.turn.session_id)
        row = store.get_event(session=self.session, owner=self.turn.user, event_id=entry.event_id) \
            if entry is not None and entry.event_id is not None else None
        if row is None:
            return self.say("There is nothing to undo in this conversation.", "none")
        before = store.snapshot(row)
        if entry.operation == "create":
            store.cancel_event(session=self.session, event=row)
            text = f"Undone: \"{row.title}\" is no longer on your calendar."
        else:
            store.restore_event(session=self.session, event=row, snapshot=entry.before)
            text = f"Undone: {self.describe(row)} is back."
        entry.reverted_at = store.utcnow()
        self.log("undo", row, before)
        self.last_event_id = row.id
        return self.say(text, "undo", [row])

    def log(self, operation: str, row: Event, before: dict | None) -> None:
        parse = self._parse.to_dict() if self._parse is not None else None
        store.log_operation(session=self.session, owner=self.turn.user, session_id=self.turn.session_id,
                            operation=operation, event=row, before=before, after=store.snapshot(row),
                            utterance=self.turn.text, parse=parse)
        self.last_event_id = row.id
