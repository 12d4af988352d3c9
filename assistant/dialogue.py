"""One turn of a conversation: answer what was pending, or understand a new command and act.

The conversation state (what we are waiting for, the event last talked about) is read from
and written to the database in the same transaction as the turn's writes, so a restart
loses nothing and a turn is all-or-nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from assistant import followups, speech, store, timing
from assistant.finder import Found, find, overlaps, pick
from assistant.models import Event
from assistant.views import EventView, Reply, to_utc

if TYPE_CHECKING:
    from assistant.core import Assistant

MAX_TURN_CHARS = 1000  # a spoken command is a sentence or two
MAX_LISTED = 8
YES_NO = ["yes", "no"]
NEVER_MIND = "never mind"
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

        return cls(session_id=str(session_id), text=clean(text if isinstance(text, str) else ""),
                   now=reference_time(now, tz), tz=tz, user=str(user))


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
    """Answer one turn in one transaction (retried once if a concurrent first turn raced us)."""
    if not turn.text.strip():
        return Reply("I didn't catch anything. Try \"what do I have tomorrow\" or "
                     "\"schedule lunch with Sam on friday at noon\".", "none")
    if len(turn.text) > MAX_TURN_CHARS:
        return Reply(f"That is too long for one command ({len(turn.text)} characters). "
                     "Please say one command at a time.", "none")
    for attempt in range(3):
        try:
            with bot.sessions.begin() as session:
                return Dialogue(bot, turn, session).respond()
        except (IntegrityError, OperationalError):
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def span_json(span) -> dict[str, Any] | None:
    """A resolved span as JSON for the pending state."""
    if span is None:
        return None
    return {"start": span.start.isoformat() if span.start else None,
            "end": span.end.isoformat() if span.end else None, "grain": span.grain,
            "duration": span.duration.total_seconds() if span.duration else None, "rrule": span.rrule}


def span_of(data: dict[str, Any] | None):
    """The span back from its JSON (an nlu TimeSpan)."""
    from nlu.result import TimeSpan

    if not data:
        return None
    return TimeSpan(start=datetime.fromisoformat(data["start"]) if data["start"] else None,
                    end=datetime.fromisoformat(data["end"]) if data["end"] else None, grain=data["grain"],
                    duration=timedelta(seconds=data["duration"]) if data.get("duration") else None,
                    rrule=data.get("rrule"))


class Dialogue:
    """The turn handler: reads the conversation state, answers, writes the state back."""

    def __init__(self, bot: "Assistant", turn: Turn, session: Session) -> None:
        self.bot, self.turn, self.session = bot, turn, session
        self.state = store.conversation(session=session, owner=turn.user, session_id=turn.session_id)
        self.pending: dict[str, Any] | None = None
        self.last_event_id = self.state.last_event_id
        self._parse = None

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
    def parse(self):
        """The NLU reading of this turn (parsed once, only when needed)."""
        if self._parse is None:
            self._parse = self.bot.parser(self.turn.text, now=self.turn.now, tz=self.turn.tz)
        return self._parse

    def say(self, text: str, operation: str, events: list = (), choices: list[str] = ()) -> Reply:
        return Reply(text, operation, [self.view(e) for e in events], self._parse, list(choices))

    def view(self, event: Event | EventView) -> EventView:
        return event if isinstance(event, EventView) else EventView.of(event, self.turn.tz)

    def when(self, event: Event | EventView) -> str:
        return speech.when_text(self.view(event), self.turn.now.year)

    def describe(self, event: Event | EventView) -> str:
        return speech.describe(self.view(event), self.turn.now.year)

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
        if delta is not None and parse.intent not in ("create", "query"):
            return self.reschedule(parse, delta=delta)
        handler = {"create": self.create, "cancel": self.cancel, "reschedule": self.reschedule,
                   "query": self.query}.get(parse.intent)
        return handler(parse) if handler else self.say(OUT_OF_SCOPE, "none")

    def slot(self, label: str) -> str | None:
        found = self.parse.slots_of(label)
        return found[0].text if found else None

    # -- create -------------------------------------------------------------------------
    def create(self, parse) -> Reply:
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
        if not confirmed and self.in_past(times):
            self.pending = {"kind": "confirm", "action": "create", "draft": draft, "times": times_json(times)}
            probe = EventView(0, draft["title"], None, times.start.replace(tzinfo=None).isoformat(),
                              times.end.replace(tzinfo=None).isoformat(), times.all_day, None)
            when = speech.when_text(probe, self.turn.now.year)
            return self.say(f"{when} is in the past. Schedule \"{draft['title']}\" anyway?", "confirm",
                            choices=YES_NO)
        row = store.add_event(session=self.session, owner=self.turn.user, title=draft["title"],
                              kind=draft.get("kind"), start_utc=to_utc(times.start, self.turn.tz),
                              end_utc=to_utc(times.end, self.turn.tz), tz=self.turn.tz, all_day=times.all_day,
                              location=draft.get("location"), attendees=draft.get("attendees") or [],
                              recurrence=times.recurrence, utterance=draft.get("utterance"))
        self.log("create", row, None)
        place = f" at {row.location}" if row.location else ""
        repeat = speech.repeat_text(row.recurrence)
        text = f"Scheduled \"{row.title}\"{place} for {self.when(row)}" + (f", {repeat}." if repeat else ".")
        return self.say(text + self.overlap_note(row), "create", [row])

    def in_past(self, times: timing.Times) -> bool:
        return times.end <= self.turn.now if times.all_day else times.start < self.turn.now

    def overlap_note(self, row: Event) -> str:
        """ ' It overlaps "standup" (Monday, ... at 9:00 AM).' for timed events that clash."""
        if row.all_day:
            return ""
        clashes = [e for e in store.list_events(session=self.session, owner=self.turn.user,
                                                start_utc=row.start_utc, end_utc=row.end_utc)
                   if e.id != row.id and not e.all_day]
        if not clashes:
            return ""
        names = speech.join([f"\"{e.title}\" ({self.when(e)})" for e in clashes[:3]])
        return f" Note: it overlaps {names}."

    # -- finding events -----------------------------------------------------------------
    def find(self, parse, span) -> Found:
        name = self.slot("NAME")
        kind = self.slot("DOMAIN")
        refers_back = name is None and followups.mentions_it(self.turn.text)
        return find(session=self.session, owner=self.turn.user, name=name, kind=kind, span=span,
                    tz=self.turn.tz, now=self.turn.now, last_event_id=self.last_event_id,
                    refers_back=refers_back)

    def not_found(self, found: Found, action: str, payload: dict[str, Any]) -> Reply:
        heard = f"\"{found.heard}\"" if found.heard else "that event"
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
        listed = speech.join([f"{i + 1}) {label}" for i, label in enumerate(labels)])
        verb = "cancel" if action == "cancel" else "move"
        return self.say(f"I found {len(rows)} events: {listed}. Which one should I {verb}?", "clarify",
                        rows, labels + [NEVER_MIND])

    # -- cancel -------------------------------------------------------------------------
    def cancel(self, parse) -> Reply:
        if {"all", "everything", "every"} & set(followups.words(self.turn.text)):
            return self.say("I cancel one event at a time, so nothing is lost by mistake. Which one should I cancel?",
                            "none")
        found = self.find(parse, parse.when)
        if not found.hits:
            return self.not_found(found, "cancel", {})
        if len(found.hits) > 1:
            return self.choose(found.hits, "cancel", {})
        return self.ask_cancel(found.hits[0])

    def ask_cancel(self, row: Event) -> Reply:
        self.pending = {"kind": "confirm", "action": "cancel", "event_id": row.id}
        self.last_event_id = row.id
        return self.say(f"Cancel {self.describe(row)}?", "confirm", [row], YES_NO)

    def do_cancel(self, row: Event) -> Reply:
        before = store.snapshot(row)
        store.cancel_event(session=self.session, event=row)
        self.log("cancel", row, before)
        return self.say(f"Cancelled {self.describe(row)}.", "cancel", [row])

    # -- reschedule ---------------------------------------------------------------------
    def reschedule(self, parse, delta: timedelta | None = None) -> Reply:
        old_span, new_span, phrase = self.split_dates(parse)
        if delta is not None:
            new_span, phrase = None, ""
        payload = {"span": span_json(new_span), "phrase": phrase,
                   "delta": delta.total_seconds() if delta is not None else None}
        found = self.find(parse, old_span)
        if not found.hits:
            return self.not_found(found, "reschedule", payload)
        if len(found.hits) > 1:
            return self.choose(found.hits, "reschedule", payload)
        return self.move(found.hits[0], payload)

    def split_dates(self, parse):
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

    # -- query --------------------------------------------------------------------------
    def query(self, parse) -> Reply:
        span = parse.when if parse.when is not None and parse.when.start is not None else None
        name = self.slot("NAME")
        if name is not None and followups.is_pronoun(name):
            name = None
        if span is None:
            return self.query_upcoming(name)
        start, end = span.start, span.end or span.start + timedelta(days=1)
        views = self.agenda(start, end, name)
        one_day = end - start <= timedelta(days=1) and span.grain not in timing.TIME_GRAINS
        where = f"on {speech.day_text(start, self.turn.now.year)}" if one_day else self.between(start, end)
        if not views:
            return self.say(f"You have nothing {where}." if not name else
                            f"I found no \"{name}\" {where}.", "query")
        same_day = start.date() == (end - timedelta(microseconds=1)).date()
        items = [self.item(v, same_day and v.start_dt.date() == start.date()) for v in views]
        return self.say(f"{where[0].upper()}{where[1:]} you have {speech.count(len(views), 'event')}: "
                        f"{self.listing(items)}.", "query", views)

    def query_upcoming(self, name: str | None) -> Reply:
        """No range: what is left today and what comes next."""
        now = self.turn.now
        midnight = timing.at(now.date() + timedelta(days=1), datetime.min.time(), self.turn.tz)
        views = self.agenda(now, None, name)
        if name:
            if not views:
                return self.say(f"I found no upcoming \"{name}\".", "query")
            first = views[0]
            place = f" at {first.location}" if first.location else ""
            more = f" Then {self.listing([self.when(v) for v in views[1:4]])}." if len(views) > 1 else ""
            return self.say(f"\"{first.title}\"{place} is on {self.when(first)}.{more}", "query",
                            views[:MAX_LISTED])
        cut = midnight.replace(tzinfo=None)
        today = [v for v in views if v.start_dt < cut]
        later = [v for v in views if v.start_dt >= cut][:3]
        parts = [f"Today you have {speech.count(len(today), 'event')}: "
                 f"{self.listing([self.item(v, True) for v in today])}." if today else "Nothing else today."]
        if later:
            parts.append(f"Next: {self.listing([self.describe(v) for v in later])}.")
        elif not today:
            parts = ["Your calendar is clear from now on."]
        return self.say(" ".join(parts), "query", today + later)

    def agenda(self, start: datetime, end: datetime | None, name: str | None) -> list[EventView]:
        """The events in the window (recurring ones expanded), narrowed to a title when one was said;
        a single result becomes the event "it" refers to."""
        from assistant import agenda, matching

        views = agenda.window(session=self.session, owner=self.turn.user, start_utc=to_utc(start, self.turn.tz),
                              end_utc=to_utc(end, self.turn.tz) if end else None, tz=self.turn.tz)
        if name:
            views = [v for v in views if matching.score(name, v.title) >= matching.MATCH]
        if len({v.id for v in views}) == 1:
            self.last_event_id = views[0].id
        return views

    def item(self, view: EventView, day_known: bool) -> str:
        if not day_known:
            return self.describe(view)
        place = f" at {view.location}" if view.location else ""
        return f"\"{view.title}\"{place} " + ("(all day)" if view.all_day else f"at {speech.clock_text(view.start_dt)}")

    def listing(self, items: list[str]) -> str:
        if len(items) > MAX_LISTED:
            items = items[:MAX_LISTED] + [f"{len(items) - MAX_LISTED} more"]
        return speech.join(items)

    def between(self, start: datetime, end: datetime) -> str:
        """ "from Monday, November 23 to Sunday, November 29" (whole days: the last day said
        inclusively), else "between ... at 2:00 PM and ... at 4:00 PM"."""
        midnight = datetime.min.time()
        if start.time() == midnight and end.time() == midnight:
            last = end - timedelta(days=1)
            return f"from {speech.day_text(start, self.turn.now.year)} to {speech.day_text(last, self.turn.now.year)}"
        if start.date() == end.date() or end - start <= timedelta(hours=1):
            clock = f"at {speech.clock_text(start)}" if end - start <= timedelta(hours=1) else \
                f"between {speech.clock_text(start)} and {speech.clock_text(end)}"
            return f"on {speech.day_text(start, self.turn.now.year)} {clock}"
        return f"between {self.moment(start)} and {self.moment(end)}"

    def moment(self, moment: datetime) -> str:
        text = speech.day_text(moment, self.turn.now.year)
        return text if moment.time() == datetime.min.time() else f"{text} at {speech.clock_text(moment)}"

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

    # -- answers to what we asked -------------------------------------------------------
    def answer(self, pending: dict[str, Any]) -> Reply | None:
        """The reply to an answer, or None when the turn is a new command instead."""
        handler = {"confirm": self.answer_confirm, "choose": self.answer_choose,
                   "need_date": self.answer_date, "need_time": self.answer_time,
                   "need_title": self.answer_title}[pending["kind"]]
        return handler(pending)

    def answer_confirm(self, pending: dict[str, Any]) -> Reply | None:
        text = self.turn.text
        if followups.is_yes(text):
            return self.confirmed(pending)
        if followups.is_no(text):
            verb = {"create": "schedule it", "cancel": "cancel it", "reschedule": "move it"}[pending["action"]]
            return self.say(f"OK, I won't {verb}.", "none")
        return None

    def confirmed(self, pending: dict[str, Any]) -> Reply:
        if pending["action"] == "create":
            return self.create_at(pending["draft"], times_of(pending["times"]), confirmed=True)
        row = self.event(pending.get("event_id"))
        if row is None:
            return self.say("That event is no longer on your calendar.", "none")
        return self.act(pending["action"], row, pending)

    def act(self, action: str, row: Event, pending: dict[str, Any]) -> Reply:
        return self.do_cancel(row) if action == "cancel" else self.move(row, pending)

    def answer_choose(self, pending: dict[str, Any]) -> Reply | None:
        text = self.turn.text
        if followups.is_no(text) or followups.normal(text) == NEVER_MIND:
            return self.say("OK, never mind.", "none")
        rows = [self.event(i) for i in pending["ids"]]
        live = [(r, label) for r, label in zip(rows, pending["labels"]) if r is not None]
        index = pick(text, [r for r, _ in live], [label for _, label in live], self.turn.tz, self.turn.now)
        if index is not None:
            return self.act(pending["action"], live[index][0], pending)
        if self.is_new_command():
            return None
        self.pending = pending
        return self.say("Sorry, which one? Say \"the first one\", its name or its day.", "clarify",
                        [r for r, _ in live], [label for _, label in live] + [NEVER_MIND])

    def answer_date(self, pending: dict[str, Any]) -> Reply | None:
        draft = pending["draft"]
        if followups.is_no(self.turn.text):
            return self.say(f"OK, I won't schedule \"{draft['title']}\".", "none")
        span = self.heard_time()
        if span is not None:
            return self.create_with(draft, span)
        if self.is_new_command() or pending.get("tries", 0) >= 2:
            return None
        self.pending = {**pending, "tries": pending.get("tries", 0) + 1}
        return self.say(f"Sorry, I didn't catch a day. When should I schedule \"{draft['title']}\"?", "clarify")

    def answer_time(self, pending: dict[str, Any]) -> Reply | None:
        row = self.event(pending["event_id"])
        if row is None or followups.is_no(self.turn.text):
            return self.say("OK, I'll leave it as it is.", "none")
        delta = followups.shift(self.turn.text)
        span = None if delta is not None else self.heard_time()
        if delta is not None or span is not None:
            return self.move(row, {"span": span_json(span), "phrase": self.turn.text,
                                   "delta": delta.total_seconds() if delta is not None else None})
        if self.is_new_command() or pending.get("tries", 0) >= 2:
            return None
        self.pending = {**pending, "tries": pending.get("tries", 0) + 1}
        return self.say(f"Sorry, I didn't catch a time. When should I move \"{row.title}\" to?", "clarify", [row])

    def answer_title(self, pending: dict[str, Any]) -> Reply | None:
        text = self.turn.text.strip()
        if followups.is_no(text):
            return self.say("OK, I won't schedule anything.", "none")
        if self.parse.intent in ("cancel", "reschedule", "query") and self.parse.slots_of("ACTION"):
            return None  # a new command, not a name
        for lead in ("call it ", "name it ", "it's called ", "it is called ", "the title is ", "it's ", "it is "):
            if text.lower().startswith(lead):
                text = text[len(lead):].strip()
                break
        draft = {**pending["draft"], "title": text}
        return self.create_with(draft, span_of(pending.get("span")))

    def heard_time(self):
        """The time an answer gives ("friday at 3", "uh tomorrow"): the date resolver first,
        then the NLU's reading of the whole answer."""
        for phrase in (self.turn.text, followups.normal(self.turn.text)):
            span = timing.resolve(phrase, self.turn.now, self.turn.tz)
            if span is not None and span.start is not None:
                return span
        when = self.parse.when
        return when if when is not None and when.start is not None else None

    def is_new_command(self) -> bool:
        """Whether an answer we could not use is a fresh command instead ("cancel the dentist")."""
        parse = self.parse
        return parse.intent != "out_of_scope" and bool(parse.slots_of("ACTION") or parse.slots_of("NAME"))


def times_json(times: timing.Times) -> dict[str, Any]:
    return {"start": times.start.isoformat(), "end": times.end.isoformat(), "all_day": times.all_day,
            "recurrence": times.recurrence}


def times_of(data: dict[str, Any]) -> timing.Times:
    return timing.Times(datetime.fromisoformat(data["start"]), datetime.fromisoformat(data["end"]),
                        data["all_day"], data.get("recurrence"))
