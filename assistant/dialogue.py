"""One turn of a conversation: answer what was pending, or understand a new command and act.

The conversation state (the open question, typed in assistant/questions.py, and the event
last talked about) is read from and written to the database in the same transaction as the
turn's writes, so a restart loses nothing and a turn is all-or-nothing.

`Dialogue` is the turn's context (who, when, the database session, the parse, the state);
the handlers are plain functions that take it: creating.py, changes.py, edits.py,
queries.py, and answers.py for the answers to open questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from assistant import answers, changes, creating, edits, followups, phrasing, queries, questions, store
from assistant.checks import MAX_TURN_CHARS
from assistant.commands import Command, command_of
from assistant.exceptions import BadInput, StorageError
from assistant.followups import FollowUp
from assistant.models import Event
from assistant.questions import Question
from assistant.views import EventView, Reply
from nlu.result import Parse

if TYPE_CHECKING:
    from assistant.core import Assistant

TURN_ATTEMPTS = 3  # a turn that lost a race (first turn of a session, a busy database) is retried
OUT_OF_SCOPE = (
    "Sorry, I can only help with your calendar: scheduling, moving, cancelling "
    "or listing events, and finding free time."
)


@dataclass(frozen=True)
class Turn:
    """One utterance in a conversation, with the reference time and zone it is read in."""

    session_id: str
    text: str
    now: datetime  # aware, in `tz`
    tz: str
    user: str

    @classmethod
    def make(cls, bot: Assistant, *, session_id: str, text: str, now: datetime | None, tz: str, user: str) -> Turn:
        from nlu.timezones import reference_time

        return cls(
            session_id=_name(session_id, "session id"),
            text=clean(text if isinstance(text, str) else ""),
            now=reference_time(now, tz),
            tz=tz,
            user=_name(user, "user"),
        )


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


def run_turn(bot: Assistant, turn: Turn) -> Reply:
    """Answer one turn in one transaction, tried up to TURN_ATTEMPTS times when it lost a race
    (a concurrent first turn of the session, a busy database)."""
    if not turn.text.strip():
        return Reply(
            'I didn\'t catch anything. Try "what do I have tomorrow" or "schedule lunch with Sam on friday at noon".',
            "none",
        )
    if len(turn.text) > MAX_TURN_CHARS:
        return Reply(
            f"That is too long for one command ({len(turn.text)} characters). Please say one command at a time.", "none"
        )
    for attempt in range(TURN_ATTEMPTS):
        try:
            with bot.sessions.begin() as session:
                return Dialogue(bot, turn, session).respond()
        except (IntegrityError, OperationalError) as err:
            if attempt == TURN_ATTEMPTS - 1:
                raise StorageError(
                    f"the calendar database did not take this turn ({type(err).__name__}): "
                    "try again, or check the database (--db / DATABASE_URL)"
                ) from err
    raise AssertionError("unreachable")


class Dialogue:
    """One turn's context: the turn, its database session, the parse, the conversation state.

    `question` is what this turn leaves open for the next one (None: nothing); handlers set
    it through `ask`. Every write of the turn is logged with one `stamp`, so an undo reverts
    all of them together.
    """

    def __init__(self, bot: Assistant, turn: Turn, session: Session) -> None:
        self.bot, self.turn, self.session = bot, turn, session
        self.state = store.conversation(session=session, owner=turn.user, session_id=turn.session_id)
        self.question: Question | None = None
        self.last_event_id = self.state.last_event_id
        self.listed: tuple[int, ...] = ()  # the events the previous turn listed, when it listed several
        self.stamp = store.utcnow()
        self._parse: Parse | None = None
        self._command: Command | None = None

    def respond(self) -> Reply:
        waiting = questions.load(self.state.pending)
        reply = answers.answer(self, waiting) if waiting is not None else None
        if reply is None:
            reply = dispatch(self)
        store.save_conversation(
            session=self.session,
            state=self.state,
            pending=questions.dump(self.question),
            last_event_id=self.last_event_id,
        )
        return reply

    # -- what was said ------------------------------------------------------------------
    @property
    def parse(self) -> Parse:
        """The NLU reading of this turn (parsed once, only when needed)."""
        if self._parse is None:
            self._parse = self.bot.parser(self.turn.text, now=self.turn.now, tz=self.turn.tz)
        return self._parse

    @property
    def command(self) -> Command:
        """What the parse asks, typed (assistant/commands.py)."""
        if self._command is None:
            self._command = command_of(self.parse, self.turn.now, self.turn.tz)
        return self._command

    @property
    def unsure(self) -> bool:
        """Whether the NLU's intent confidence is below the documented threshold (ask first)."""
        from nlu import CONFIRM_BELOW

        return self.command.confidence < CONFIRM_BELOW

    # -- answering ----------------------------------------------------------------------
    def say(
        self, text: str, operation: str, events: Sequence[Event | EventView] = (), choices: Sequence[str] = ()
    ) -> Reply:
        return Reply(text, operation, [self.view(e) for e in events], self._parse, list(choices))

    def ask(
        self,
        question: Question,
        text: str,
        operation: str = "clarify",
        events: Sequence[Event | EventView] = (),
        choices: Sequence[str] = (),
    ) -> Reply:
        """Say `text` and leave `question` open for the next turn."""
        self.question = question
        return self.say(text, operation, events, choices)

    def view(self, event: Event | EventView) -> EventView:
        return event if isinstance(event, EventView) else EventView.of(event, self.turn.tz)

    def when(self, event: Event | EventView) -> str:
        return phrasing.when_text(self.view(event), self.turn.now.year)

    def describe(self, event: Event | EventView) -> str:
        return phrasing.describe(self.view(event), self.turn.now.year)

    def event(self, event_id: int | None) -> Event | None:
        """A live event of this user by id (None when gone or cancelled)."""
        if event_id is None:
            return None
        row = store.get_event(session=self.session, owner=self.turn.user, event_id=event_id)
        return row if row is not None and row.cancelled_at is None else None

    def forget_last(self) -> None:
        """The conversation moved on to an event that is not there: "it" no longer names the
        one talked about before (nor a list shown before)."""
        self.last_event_id = None
        self.listed = ()

    def aware(self, moment_utc: datetime) -> datetime:
        """A stored naive-UTC moment as an aware time in the turn's zone."""
        return moment_utc.replace(tzinfo=UTC).astimezone(ZoneInfo(self.turn.tz))

    def log(self, operation: str, row: Event, before: dict[str, Any] | None) -> None:
        """Record one write of this turn (undo and audit); the row becomes "it"."""
        parse = self._parse.to_dict() if self._parse is not None else None
        store.log_write(
            self.session,
            self.turn.user,
            self.turn.session_id,
            operation,
            row,
            before,
            utterance=self.turn.text,
            parse=parse,
            at=self.stamp,
        )
        self.last_event_id = row.id


def dispatch(d: Dialogue) -> Reply:
    """The turn read as a new command: a follow-up first (assistant.followups.follow_up, the
    one place that says how a line is read as one), else the handler of its intent."""
    match followups.follow_up(d.turn.text, lambda: d.command, last_event=d.last_event_id is not None):
        case FollowUp(kind="undo"):
            return changes.undo(d)
        case FollowUp(kind="yes" | "no") if not cancels_it(d):
            return d.say(small_talk(d.turn.text) or "There is nothing waiting for a yes or no right now.", "none")
        case FollowUp(kind="relative move", delta=delta):
            return changes.reschedule(d, d.command, delta=delta)
        case FollowUp(kind="rename", title=str(title)):
            return edits.rename_it(d, title)
    cmd = d.command
    if cmd.intent in ("cancel", "update") and followups.resize(d.turn.text, cmd.when, cmd.intent) is not None:
        return changes.reschedule(d, cmd)  # "extend the meeting by 30 minutes": longer, not gone
    if cmd.alert is not None and cmd.intent == "reschedule":
        return edits.update(d, cmd)  # "remind me an hour before X" adds an alert; it moves nothing
    if cmd.intent == "create" and (repeated := edits.repeat_existing(d, cmd)) is not None:
        return repeated  # "make the call with mom weekly": that call, not a second one
    if (reminded := edits.remind_of_existing(d, cmd)) is not None:
        return reminded  # "remind me about the dentist tomorrow at 8": that dentist's alert
    if (changed := edits.change_of_it(d, cmd)) is not None:
        return changed  # "put it at Sotto Mare": the event talked about, not a new one
    handler = HANDLERS.get(cmd.intent)
    if handler is None:
        return d.say(small_talk(d.turn.text) or bare_verb_hint(d.turn.text) or OUT_OF_SCOPE, "none")
    return handler(d, cmd)


def cancels_it(d: Dialogue) -> bool:
    """ "cancel that" with no question open, right after an event was talked about: a cancel
    of that event (with its question), not a "no" to nothing."""
    said = followups.normal(d.turn.text).split()
    return bool(said) and said[0] in ("cancel", "delete", "remove") and d.last_event_id is not None


# A calendar verb said alone ("cancel", "reschedule please"): a calendar request that names
# nothing yet, so the answer says what to add, not that we only do calendars.
BARE_VERBS = {
    "cancel": "cancel",
    "delete": "cancel",
    "remove": "cancel",
    "schedule": "schedule",
    "add": "schedule",
    "create": "schedule",
    "book": "schedule",
    "move": "move",
    "reschedule": "move",
    "postpone": "move",
}
BARE_HINTS = {
    "cancel": 'Which event should I cancel? Say it with its day, for example "cancel the dentist on friday".',
    "schedule": 'What should I schedule, and when? For example "schedule lunch with Sara tomorrow at noon".',
    "move": 'Which event should I move, and to when? For example "move the dentist to friday at 3".',
}


# Thanks and greetings said alone: a polite answer, not "I can only help with your calendar".
PRAISE = r"(?:great|perfect|awesome|cool|lovely|brilliant|nice|excellent|got it|sounds good|good)"
THANKS = re.compile(
    rf"^(?:ok(?:ay)? )?(?:{PRAISE} )*(?:thanks?(?: you)?(?: (?:so |very )?much)?(?: a lot)?|thx|ty|cheers|ta)"
    rf"|^(?:ok(?:ay)? )?{PRAISE}$"
)
GREETING = re.compile(r"^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|yo)(?: there)?$")
BYE = re.compile(r"^(?:bye|goodbye|see you|see ya|good night|that's all|thats all|that is all)(?: for now)?$")


def small_talk(text: str) -> str | None:
    """A short polite answer to thanks, a greeting or a goodbye said alone, or None."""
    said = followups.normal(text).strip()
    if not said:
        return None
    if GREETING.match(said):
        return 'Hi! What can I do for your calendar? For example "what do I have tomorrow".'
    if BYE.match(said):
        return "Bye for now!"
    if THANKS.fullmatch(said):
        return "You're welcome!"
    return None


def bare_verb_hint(text: str) -> str | None:
    """The hint for a calendar verb said alone, give or take "please" / "an event", or None."""
    words = [w for w in followups.normal(text).split() if w not in ("please", "an", "a", "event", "the")]
    return BARE_HINTS[BARE_VERBS[words[0]]] if len(words) == 1 and words[0] in BARE_VERBS else None


HANDLERS = {
    "create": creating.create,
    "cancel": changes.cancel,
    "reschedule": changes.reschedule,
    "update": edits.update,
    "query": queries.query,
    "availability": queries.availability,
}
