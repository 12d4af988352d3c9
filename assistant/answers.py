"""Answers to the questions the dialogue asked: yes/no, which one, when, what name.

A mixin of the Dialogue (assistant/dialogue.py). Each handler returns the reply, or None
when the turn is not an answer but a new command (the question is then dropped).
"""
from __future__ import annotations

from typing import Any

from assistant import followups, matching, timing
from assistant.finder import pick
from assistant.models import Event
from assistant.timing import span_json, span_of, times_of
from assistant.views import Reply

NEVER_MIND = "never mind"
# Words an answer may wrap a time in ("uh how about friday", "let's say noon, I think").
ANSWER_GLUE = frozenset({"on", "at", "for", "in", "the", "it", "make", "let's", "lets", "say", "how", "about",
                         "maybe", "then", "i", "think", "guess", "probably", "ok", "okay", "that", "would", "be",
                         "is", "to", "put", "schedule", "move", "a", "an", "of", "around", "by", "sometime",
                         "yes", "yeah", "sure", "try", "do", "we", "can", "could", "you"})
MAX_BARE_TIME_WORDS = 7
MAX_TITLE_WORDS = 8  # a longer answer to "what should I call it?" is another sentence
MAX_RETRIES = 1  # questions asked again after an unclear answer, before they are dropped


class Asking:
    """What a pending question does with the next turn."""

    def answer(self, pending: dict[str, Any]) -> Reply | None:
        """The reply to an answer, or None when the turn is a new command instead."""
        if pending["kind"] == "listed":  # not a question: what "it" may mean this turn
            self.listed = list(pending["ids"])
            return None
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
        if self.repeats(pending):
            return self.confirmed(pending)
        return None

    def repeats(self, pending: dict[str, Any]) -> bool:
        """Whether the answer repeats the command being confirmed ("cancel it", "yes cancel
        the AI event"): same action, naming nothing else."""
        parse = self.parse
        if pending["action"] != parse.intent or pending["action"] == "create" or parse.slots_of("DATE"):
            return False
        row = self.event(pending.get("event_id"))
        name = next((s.text for s in parse.slots_of("NAME")), None)
        return row is not None and (name is None or followups.is_pronoun(name)
                                    or matching.score(name, row.title) >= matching.MATCH)

    def confirmed(self, pending: dict[str, Any]) -> Reply:
        if pending["action"] == "create":
            return self.create_at(pending["draft"], times_of(pending["times"]), confirmed=True)
        row = self.event(pending.get("event_id"))
        if row is None:
            return self.say("That event is no longer on your calendar.", "none")
        return self.act(pending["action"], row, pending)

    def act(self, action: str, row: Event, pending: dict[str, Any]) -> Reply:
        if action == "cancel" and row.recurrence and pending.get("occurrence") is None:
            return self.ask_cancel(row, span_of(pending.get("span")))  # name the occurrence first
        if action == "cancel":
            return self.do_cancel(row, pending.get("occurrence"))
        return self.move(row, pending)

    def answer_choose(self, pending: dict[str, Any]) -> Reply | None:
        text = self.turn.text
        if followups.is_no(text) or followups.normal(text) == NEVER_MIND:
            return self.say("OK, never mind.", "none")
        rows = [self.event(i) for i in pending["ids"]]
        live = [(r, label) for r, label in zip(rows, pending["labels"]) if r is not None]
        index = pick(text, [r for r, _ in live], [label for _, label in live], self.turn.tz, self.turn.now)
        if index is not None:
            return self.act(pending["action"], live[index][0], pending)
        return self.ask_again(pending, "Sorry, which one? Say \"the first one\", its name or its day.",
                              [r for r, _ in live], [label for _, label in live] + [NEVER_MIND])

    def answer_date(self, pending: dict[str, Any]) -> Reply | None:
        draft = pending["draft"]
        if followups.is_no(self.turn.text):
            return self.say(f"OK, I won't schedule \"{draft['title']}\".", "none")
        span = self.heard_time()
        if span is not None:
            return self.create_with(draft, span)
        return self.ask_again(pending, f"Sorry, I didn't catch a day. When should I schedule \"{draft['title']}\"?")

    def answer_time(self, pending: dict[str, Any]) -> Reply | None:
        row = self.event(pending["event_id"])
        if row is None or followups.is_no(self.turn.text):
            return self.say("OK, I'll leave it as it is.", "none")
        delta = followups.shift(self.turn.text)
        span = None if delta is not None else self.heard_time()
        if delta is not None or span is not None:
            return self.move(row, {"span": span_json(span), "phrase": self.turn.text,
                                   "delta": delta.total_seconds() if delta is not None else None})
        return self.ask_again(pending, f"Sorry, I didn't catch a time. When should I move \"{row.title}\" to?", [row])

    def answer_title(self, pending: dict[str, Any]) -> Reply | None:
        text = self.turn.text.strip()
        if followups.is_no(text):
            return self.say("OK, I won't schedule anything.", "none")
        if len(followups.words(text)) > MAX_TITLE_WORDS or (
                self.parse.intent in ("cancel", "reschedule", "query") and self.parse.slots_of("ACTION")):
            return None  # a new command or another sentence, not a name
        for lead in ("call it ", "name it ", "it's called ", "it is called ", "the title is ", "it's ", "it is "):
            if text.lower().startswith(lead):
                text = text[len(lead):].strip()
                break
        draft = {**pending["draft"], "title": text}
        return self.create_with(draft, span_of(pending.get("span")))

    def heard_time(self):
        """The time an answer gives ("friday at 3", "uh how about tomorrow at noon"), or None when
        the turn says more than a time ("what's the weather tomorrow" is no answer)."""
        parse = self.parse
        dates = parse.slots_of("DATE")
        words = followups.words(self.turn.text)
        if dates:
            said = {w for d in dates for w in followups.words(d.text)}
            if len([w for w in words if w not in said and w not in ANSWER_GLUE]) > 1:
                return None
            span = parse.when
            if span is None or span.start is None:
                span = timing.resolve(" ".join(d.text for d in dates), self.turn.now, self.turn.tz)
        elif len(words) <= MAX_BARE_TIME_WORDS:  # the model tagged nothing: a short bare phrase
            span = timing.resolve(" ".join(words), self.turn.now, self.turn.tz)
        else:
            return None
        return span if span is not None and span.start is not None else None

    def ask_again(self, pending: dict[str, Any], question: str, events: list = (),
                  choices: list[str] = ()) -> Reply | None:
        """The question once more after an answer we could not use, counting the try; None
        (the question dropped, the turn read as a command) when `gives_up` says so."""
        if self.gives_up(pending):
            return None
        self.pending = {**pending, "tries": pending.get("tries", 0) + 1}
        return self.say(question, "clarify", events, choices)

    def gives_up(self, pending: dict[str, Any]) -> bool:
        """Drop the question when the turn is a new command or after one unclear answer."""
        return self.is_new_command() or pending.get("tries", 0) >= MAX_RETRIES

    def is_new_command(self) -> bool:
        """Whether an answer we could not use is a fresh command instead: a calendar command
        ("cancel the dentist") or a whole sentence about something else ("play some jazz")."""
        parse = self.parse
        if parse.intent == "out_of_scope":
            return parse.confidence >= 0.9 and len(followups.words(self.turn.text)) >= 3
        if parse.intent in ("cancel", "reschedule", "query"):
            return True  # it was not an answer (those are tried first), so it is a command
        return bool(parse.slots_of("ACTION") or parse.slots_of("NAME"))
