"""The parser: a trained spaCy pipeline (NER + intent textcat) plus the date resolver.

What was heard (spans, intent) comes from the pipeline; what it means now (DATE and ALERT
values) is resolved afterwards against the caller's `now` and zone, never cached across
calls. Span conventions the model does not keep reliably come from `nlu.name_spans`,
`nlu.place_spans`, `nlu.person_spans`, `nlu.date_growth` and `nlu.date_spans`, slot roles
from `nlu.roles`; a command plainly for the calendar that the classifier refused is read
again by `nlu.sentences` and `nlu.calendar_words`; the intent confidence is
temperature-scaled (`nlu.calibration`, the temperature stored with the pipeline).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from nlu import (
    action_spans,
    calendar_words,
    date_growth,
    date_spans,
    dates,
    intent_shapes,
    name_spans,
    person_spans,
    place_spans,
    roles,
    sentences,
)
from nlu.calibration import scaled
from nlu.dates.lexicon import UNITS
from nlu.exceptions import ModelNotFound
from nlu.name_spans import is_container
from nlu.result import INTENTS, Alert, Parse, Slot, TimeSpan
from nlu.settings import settings
from nlu.timezones import reference_time

# A spoken or typed command is a sentence or two; past this the line is not a command and
# the model would only waste time on it.
MAX_CHARS = 1000
BATCH_SIZE = 256


def default_model_path() -> Path:
    """The shipped pipeline, or the one NLU_MODEL names (for people who retrain)."""
    return settings().model


def clean(text: str) -> str:
    """Text the model may see: control and format characters become spaces, offsets kept."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs") else ch for ch in text)


def readable(text: str) -> bool:
    """Whether a line can be a command at all: not too long, and some letter or digit in it.

    Empty lines, lone punctuation or emoji and 100 KB pastes never reach the model: they are
    out of scope by definition, and an empty doc would only upset the textcat's n-grams.
    """
    return len(text) <= MAX_CHARS and any(ch.isalnum() for ch in text)


class Parser:
    """A loaded pipeline. `parse` one command, or `parse_many` for throughput."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.has_textcat = "textcat" in nlp.pipe_names
        self.temperature = float((nlp.meta.get("calibration") or {}).get("temperature") or 1.0)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Parser:
        import spacy

        path = Path(path) if path else default_model_path()
        if not (path / "config.cfg").exists():
            raise ModelNotFound(f"no trained pipeline at {path}: pass a model path or run `python -m nlu train`")
        return cls(spacy.load(path))

    def parse(self, text: str, now: datetime | None = None, tz: str | tzinfo | None = None) -> Parse:
        """Read one command: intent, slots, title and resolved time."""
        return next(self.parse_many([text], now=now, tz=tz))

    def parse_many(
        self, texts: Iterable[str], now: datetime | None = None, tz: str | tzinfo | None = None
    ) -> Iterator[Parse]:
        """Parse many commands in order, batched through the pipeline (same `now` for all)."""
        ref = reference_time(now, tz)
        texts = list(texts)
        cleaned = [clean(t) if readable(t) else "" for t in texts]
        docs = iter(self.nlp.pipe((c for c in cleaned if c), batch_size=BATCH_SIZE))
        for text, ready in zip(texts, cleaned, strict=True):
            if ready:
                yield self._reading(text, next(docs), ref)
            else:
                yield Parse(text=text, intent="out_of_scope", confidence=1.0)

    def _reading(self, text: str, doc, ref: datetime) -> Parse:
        intent, confidence, scores, probabilities = self._intent(doc)
        reading = sentences.calendar_reading(self.nlp, doc.text, scores, self.temperature) if scores else None
        if reading is None:
            said_when = intent == "out_of_scope" and any(ent.label_ == "DATE" for ent in doc.ents)
            reading = calendar_words.calendar_reading(doc.text, intent, probabilities, said_when)
        if reading is not None:
            intent, confidence = reading
        model_slots = _slots(text, doc, ref)
        shaped = intent_shapes.reading(text, intent, probabilities, model_slots)
        if shaped is not None:
            intent, confidence = shaped
        found = place_spans.conventions(text, name_spans.conventions(text, model_slots, ref), ref, intent)
        found = date_growth.grown(text, found, ref) if intent != "out_of_scope" else found
        found = person_spans.conventions(text, found, ref, intent)
        found = name_spans.untagged_title(intent, text, action_spans.opening_verb(intent, text, found))
        found = name_spans.event_titles(intent, text, name_spans.holiday_title(intent, text, found))
        tidy = date_spans.tidy(intent, text, found, ref)
        slots = roles.assign(intent, text, date_spans.cut(intent, text, tidy, ref))
        roled = any(s.role for s in slots if s.label == "DATE")
        when = searched(intent, when_of(slots if roled else tidy, ref), tidy, ref)
        slots = with_by(intent, text, without_lengths(intent, slots))
        return Parse(
            text=text,
            intent=intent,
            confidence=confidence,
            slots=slots,
            title=title_of(slots),
            when=when,
            scores=scores,
            alert=alert_of(slots),
            probabilities=probabilities,
        )

    def _intent(self, doc) -> tuple[str, float, dict[str, float], dict[str, float]]:
        """The best intent, its calibrated confidence, the raw scores and the calibrated ones."""
        cats = {k: float(v) for k, v in doc.cats.items() if k in INTENTS}
        if not cats:
            return "out_of_scope", 0.0, {}, {}
        best = max(cats, key=cats.get)
        probabilities = scaled(cats, self.temperature)
        return best, probabilities[best], cats, probabilities


# Words that only link a slot to the rest of the sentence (ANNOTATION.md: "leave out articles
# ... in front and the words that only link to other slots"). A span the model draws one
# token too wide ("lunch with" before a PERSON, "tomorrow's") is trimmed back to its words.
LEADING = {
    "NAME": {
        "the",
        "a",
        "an",
        "my",
        "our",
        "your",
        "about",
        "for",
        "on",
        "at",
        "called",
        "named",
        "titled",
        "to",
        "with",
        "of",
    },
    "DOMAIN": {"the", "a", "an", "my", "our", "your", "for", "on", "at", "with", "of"},
    "DATE": {"on", "at", "for"},
    "PERSON": {"with", "for", "to", "and", "about"},
    "LOCATION": {"at", "in", "on", "to", "for", "from"},
    "ALERT": {"by", "at", "for"},
}
TRAILING = {
    "with",
    "for",
    "on",
    "at",
    "about",
    "to",
    "of",
    "and",
    "from",
    "by",
    "called",
    "named",
    "the",
    "a",
    "an",
    "my",
    "'s",
    "’s",
    "'",
    "uh",
    "um",
    "please",
    "i",  # a new clause: "cancel my [eleven oclock] i wont make it"
    "we",
}

# A place named by its owner keeps the owner's "'s": "BBQ at [Steve's]", "dinner at [Luigi's]".
KEEP_TRAILING = {"LOCATION": {"'s", "’s"}}


def trimmed(ent) -> tuple[int, int] | None:
    """Character bounds of an entity without linking words or punctuation at its edges."""
    tokens = list(ent)
    lead = LEADING.get(ent.label_, set())
    while len(tokens) > 1 and (tokens[0].lower_ in lead or tokens[0].is_punct):
        tokens.pop(0)
    trail = TRAILING - KEEP_TRAILING.get(ent.label_, set())
    while tokens and (tokens[-1].lower_ in trail or tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _slots(text: str, doc, ref: datetime) -> tuple[Slot, ...]:
    found = []
    for ent in doc.ents:
        bounds = trimmed(ent)
        if bounds is not None:
            found.append(_slot(text, ent.label_, *bounds, ref))
    return tuple(found)


def _slot(text: str, label: str, start: int, end: int, ref: datetime) -> Slot:
    value = (
        dates.resolve(text[start:end], ref)
        if label == "DATE"
        else alert_value(text[start:end], ref)
        if label == "ALERT"
        else None
    )
    return Slot(label=label, text=text[start:end], start=start, end=end, value=value)


NIGHT_BEFORE = re.compile(r"\b(?:the\s+)?(?:night|evening)\s+before\b", re.IGNORECASE)


def alert_value(phrase: str, ref: datetime) -> Alert | None:
    """Minutes before the start that an ALERT phrase says ("an hour before" -> 60): the
    resolver reads the amount ("two days in advance" is a two-day duration). "The night (or
    evening) before" is read as the day before: an alert is a fixed offset from the start."""
    span = dates.resolve(NIGHT_BEFORE.sub("the day before", phrase), ref)
    if span is None or span.duration is None or span.start is not None:
        return None
    return Alert(minutes_before=int(span.duration.total_seconds() // 60))


def alert_of(slots: tuple[Slot, ...]) -> int | None:
    """The top-level `alert`: the minutes of the command's first resolved ALERT, or None."""
    return next((s.value.minutes_before for s in slots if s.label == "ALERT" and s.value is not None), None)


def title_of(slots: tuple[Slot, ...]) -> str | None:
    """The event title: the NAME text, else the DOMAIN word, else None.

    Only a DOMAIN word that says what kind of item it is ("meeting", "dentist appointment",
    "call") makes a title; container words ("event", "reminder", "calendar entry", and their
    plurals) are tagged DOMAIN but title nothing. Among several DOMAIN words the first
    specific one wins ("a reminder for the [meeting]" -> "meeting").
    """
    names = [s.text for s in slots if s.label == "NAME"]
    if names:
        return names[0]
    return next((s.text for s in slots if s.label == "DOMAIN" and not is_container(s.text)), None)


def when_of(slots: tuple[Slot, ...], ref: datetime) -> TimeSpan | None:
    """The time the DATE slots give together ("tomorrow" ... "at ten" is tomorrow 10:00).

    Where slots carry roles it is the new time (old DATEs left out). A length said apart
    from the time ("a [2 hour] meeting on [monday]") goes in `duration` of the window the
    other DATEs give; said alone, it is the span itself.
    """
    found = [s for s in slots if s.label == "DATE" and s.role != "old"]
    lengths = [s for s in found if _is_length(s.value)]
    times = [s for s in found if s not in lengths]
    window = _together(times, ref)
    if window is None:
        return lengths[0].value if lengths else None
    if lengths and window.duration is None:
        return replace(window, duration=lengths[0].value.duration)
    return window


def searched(intent: str, when: TimeSpan | None, slots: tuple[Slot, ...], ref: datetime) -> TimeSpan | None:
    """For a free-time question, the window to search, with the length asked in `duration`:
    "do I have [2 free hours tomorrow afternoon]" searches all of tomorrow afternoon for 2
    hours, where the phrase alone reads as 12:00-14:00. The length is the words up to its
    unit, in front ("2 hours ...") or behind ("... for 2 hours"); other intents keep `when`."""
    said = [s for s in slots if s.label == "DATE"]
    if intent != "availability" or when is None or when.duration is None or len(said) != 1 or said[0].value != when:
        return when
    words = said[0].text.split()
    units = [i for i, w in enumerate(words) if w.lower() in UNITS]
    if not units:
        return when
    front, back = words[units[0] + 1 :], words[: _length_start(words, units[-1], when.duration, ref)]
    for rest in (" ".join(front), " ".join(back)):
        window = dates.resolve(rest, ref) if rest else None
        if window is not None and window.start is not None and window.duration is None:
            return replace(window, duration=when.duration)
    return when


def _length_start(words: list[str], unit: int, duration: timedelta | None, ref: datetime) -> int:
    """Where the length that ends at `words[unit]` starts ("for [two] hours", "[2 free]
    hours"): the longest run before the unit that still reads as that length, and a "for"."""
    start = unit
    for k in range(unit - 1, max(-1, unit - 4), -1):
        piece = dates.resolve(" ".join(words[k : unit + 1]), ref)
        if piece is not None and piece.start is None and piece.duration == duration:
            start = k
    return start - 1 if start > 0 and words[start - 1].lower() == "for" else start


# Intents whose length said alone is the change itself: "push it back [an hour]" (a
# shift), "make the standup [45 minutes]" (a new length).
CHANGES_BY_LENGTH = ("reschedule", "update")


def without_lengths(intent: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """The slots without a DATE that is only a length ("can I fit a [2 hour] meeting in on
    monday", "set a timer for [10 minutes]"): ANNOTATION.md calls it a DURATION, which this
    pipeline does not carry, and `when.duration` already holds it. A shift or a new length
    of an event being changed stays a DATE (`CHANGES_BY_LENGTH`)."""
    if intent in CHANGES_BY_LENGTH:
        return slots
    return tuple(s for s in slots if not (s.label == "DATE" and _is_length(s.value)))


BY_WORD = re.compile(r"\bby\s+$", re.IGNORECASE)


def with_by(intent: str, text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """A shift takes its "by" ("push the party back [by a week]"): the word makes the length a
    move (ANNOTATION.md keeps the words that change a DATE's meaning)."""
    if intent != "reschedule":
        return slots
    out = []
    for s in slots:
        by = BY_WORD.search(text, 0, s.start) if s.label == "DATE" and _is_length(s.value) else None
        out.append(replace(s, text=text[by.start() : s.end], start=by.start()) if by else s)
    return tuple(out)


def _is_length(value: TimeSpan | None) -> bool:
    return value is not None and value.start is None and value.duration is not None


def _together(found: list[Slot], ref: datetime) -> TimeSpan | None:
    if len(found) > 1:
        together = dates.resolve(" ".join(s.text for s in found), ref)
        if together is not None:
            return together
    return next((s.value for s in found if s.value is not None), None)
