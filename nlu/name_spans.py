"""NAME span conventions decided by rule after the model (ANNOTATION.md, DOMAIN and NAME).

- A kind word right after a title is part of the title: "[client meeting]NAME", "[gym
  session]NAME", "[holiday party]NAME", where the model often draws "[gym]NAME
  [session]DOMAIN". Container words stay apart ("[Pongal celebration]NAME [event]DOMAIN",
  "[dentist]NAME [reminder]DOMAIN"): they say what every calendar item is, not what kind.
- A create whose ACTION is followed by words no slot took, before anything else is said,
  has those words as its title: "add a weekly [standup] every monday at 9", "book me in
  for a [haircut] tomorrow" (the model knows the kinds it saw; a title it has not seen
  stands in the same place); so has a cancel whose words run to the end: "delete the
  [flight]".
- A day said in front of a title is its DATE: "the [Friday]DATE [dinner]NAME", "end the
  [Tuesday]DATE [yoga]NAME", where the model often draws "[Friday dinner]NAME". Only a day
  that resolves on its own is split off, and only when a title remains.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from nlu import dates
from nlu.result import Slot

# Words that name what every calendar item is, not what kind it is: "a reminder for the
# meeting" is a meeting; "do I have any events" asks about all of them; "schedule an event
# tomorrow" has said nothing about what the event is, so the assistant asks for a name.
CONTAINER_WORDS = frozenset(
    {
        "event",
        "calendar event",
        "reminder",
        "entry",
        "calendar entry",
        "item",
        "calendar item",
        "calendar",
        "schedule",
        "agenda",
        "plan",
    }
)

# "remind me to", "set a reminder for me to", "a reminder for", "remind me about"
REMINDER = re.compile(
    r"\b(?:remind(?:er|ers)?|remember)\b(?:\s+me)?(?:\s+for\s+me)?\s+(?:to|for|about|of|that\s+i\s+(?:have|need)\s+to)\s+",
    re.IGNORECASE,
)
# "remind me [at half past six tonight] to start the slow cooker": the day said first.
REMIND_ME = re.compile(r"\bremind\s+me\s+", re.IGNORECASE)
LEAD_WORDS = frozenset({"the", "a", "an", "my", "our"})
TAIL_WORDS = frozenset({"on", "at", "in", "for", "by", "from", "to", "and", "the", "please"})
LINK_WORDS = frozenset({"about", "of", "with"})
PRONOUNS = frozenset(
    {"it", "that", "this", "them", "him", "her", "me", "us", "i", "you", "what", "when", "which"}
    | {"something", "anything", "everything", "stuff", "things", "one"}
)
MAX_TITLE_WORDS = 6
# Words between an ACTION and its title ("book [me in for a] haircut") and words that end a
# title ("coffee [with] Sam", "lunch [on] friday", "it", "please").
FILLER = frozenset({"a", "an", "the", "my", "our", "some", "new", "me", "us", "in", "for", "up", "down", "another"})
STOP_WORDS = frozenset(
    {"on", "at", "in", "for", "with", "to", "from", "by", "next", "this", "every", "and", "please", "it", "that"}
    | {"about", "of", "as", "so", "because"}
)
BOUNDS = ("DATE", "PERSON", "LOCATION")
# What may follow the event a cancel names: "delete eric's bday [from the calendar]".
OFF_THE_CALENDAR = re.compile(
    r"\s*(?:(?:from|off|on|in)\s+(?:my\s+|the\s+)?(?:calendar|schedule|diary|agenda|planner))?[\s.!?]*$",
    re.IGNORECASE,
)
QUANTIFIERS = frozenset({"all", "everything", "every", "each", "anything", "both", "whatever"})
WORD = re.compile(r"[\w'&-]+")

DAY = re.compile(
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|tomorrow)('s)?$"
    r"|(today|tonight|tomorrow|yesterday)s$",  # spoken, without the apostrophe: "[tomorrows] standup"
    re.IGNORECASE,
)


def conventions(text: str, slots: tuple[Slot, ...], ref: datetime) -> tuple[Slot, ...]:
    """`slots` with NAME spans joined to their kind word and days split off their front."""
    out: list[Slot] = []
    for slot in slots:
        prev = out[-1] if out else None
        if prev is not None and prev.label == "NAME" and _one_title(text, prev, slot):
            out[-1] = Slot("NAME", text[prev.start : slot.end], prev.start, slot.end)
            continue
        if slot.label == "NAME" and is_container(slot.text):
            out.append(replace(slot, label="DOMAIN"))  # "add [one event] to my calendar": no title said
            continue
        out.extend(
            p for s in (_day_off(text, slot, ref) if slot.label == "NAME" else [slot]) for p in _day_after(text, s, ref)
        )
    return _quoted(text, _errand_tail(text, _reminder_title(text, tuple(p for s in out for p in _container_off(s)))))


# Words that join two titles' pieces only when the model cut one title in two: "[siobhans]
# going away [party]", "[dads seventieth] [birthday dinner]"; never a link to another slot.
MAX_GAP_WORDS = 2


def _one_title(text: str, name: Slot, slot: Slot) -> bool:
    """Whether a NAME and the NAME or kind word after it are one title: only spaces or at
    most two untagged words between them, none a linking word."""
    if slot.label not in ("NAME", "DOMAIN") or (slot.label == "DOMAIN" and is_container(slot.text)):
        return False
    gap = text[name.end : slot.start]
    words = gap.split()
    if not gap[:1].isspace() or not gap[-1:].isspace() or len(words) > MAX_GAP_WORDS:
        return False
    return not any(w.lower() in STOP_WORDS | FILLER | PRONOUNS or not w.isalpha() for w in words)


CONTAINER_TAIL = re.compile(r"^(?P<name>.*\S)\s+(?P<kind>events?|entry|entries|calendar events?)$", re.IGNORECASE)


def _container_off(slot: Slot) -> list[Slot]:
    """A NAME that ends in a container word is the name and its kind: "remove [birthday]
    [event]", "alter [lunch] [event] to repeat" (ANNOTATION.md keeps a kind word in the name
    only where it is part of it: "client meeting", not "birthday event")."""
    found = CONTAINER_TAIL.match(slot.text) if slot.label == "NAME" else None
    if found is None:
        return [slot]
    end = slot.start + found.end("name")
    return [
        Slot("NAME", found["name"], slot.start, end),
        Slot("DOMAIN", found["kind"], slot.start + found.start("kind"), slot.end),
    ]


# A title in quotes, as people type one: "Put 'Submit taxes' on April 15th", "add “Q3 review”".
# The quote opens after a space (or the start) and closes before one, so "Sam's" and "don't"
# are no quotes.
QUOTED = re.compile(r"(?:(?<=\s)|^)([\"“'‘])([^\"“”'‘’\n]{2,80}?)([\"”'’])(?=[\s.,!?;:]|$)")
CLOSING = {'"': '"', "“": "”", "'": "'", "‘": "’"}


def _quoted(text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """The quoted words as the NAME, in place of any NAME or kind word that overlaps them; a
    slot the model ran into the quote from outside keeps its own words ("[Put] 'Submit taxes'")."""
    found = next((m for m in QUOTED.finditer(text) if CLOSING[m.group(1)] == m.group(3) or m.group(1) == "“"), None)
    if found is None:
        return slots
    start, end = found.span(2)
    start += len(text[start:end]) - len(text[start:end].lstrip())
    end -= len(text[start:end]) - len(text[start:end].rstrip())
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return slots
    name = Slot("NAME", text[start:end], start, end)
    out = []
    for slot in slots:
        if slot.end <= found.start() or slot.start >= found.end():
            out.append(slot)
        elif slot.label not in ("NAME", "DOMAIN") and found.start() <= slot.start and slot.end <= found.end():
            continue  # a date or person inside the title is the title's ("'Dinner with Sam'")
        elif slot.start < found.start():
            kept = text[slot.start : found.start()].rstrip()
            if kept and slot.label != "NAME":
                out.append(replace(slot, text=kept, end=slot.start + len(kept)))
    return tuple(sorted((*out, name), key=lambda s: s.start))


def untagged_title(intent: str, text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """A create's title from the words right after its ACTION that no slot took (module
    docstring), when the model found no NAME and no kind word."""
    if intent not in ("create", "cancel", "reschedule") or any(
        s.label == "NAME" or (s.label == "DOMAIN" and not is_container(s.text)) for s in slots
    ):
        return slots
    action = next((s for s in slots if s.label == "ACTION"), None)
    if action is not None and action.text.lower().startswith("remind"):
        return slots  # a reminder's words: _reminder_title
    if action is None and (intent != "create" or _said_first(text, slots)):
        return slots
    begin = action.end if action is not None else LEAD_IN.match(text).end()  # a note: "vacation from ..."
    after = [s for s in slots if s.start >= begin]
    run: list[re.Match[str]] = []
    for word in WORD.finditer(text, begin):
        covering = next((s for s in after if s.start <= word.start() < s.end), None)
        low = word.group().lower()
        if covering is not None:
            if run and covering.label == "DOMAIN" and is_container(covering.text):
                return slots  # "a [repeating] event": a word about the container, no title
            if run or covering.label != "DATE" or intent == "reschedule":
                break  # a move's time before any title: "make it [thursday] instead"
            continue  # "a [weekly] standup": a repetition before the title
        if not run and low in FILLER:
            continue
        gap = text[run[-1].end() : word.start()].strip() if run else ""
        if (
            intent == "create"
            and run
            and low in ("for", "with")
            and not gap
            and is_container(" ".join(w.group() for w in run))
        ):
            run = []  # "mark my [calendar] for a [holiday] in cuba": the title comes after
            continue
        if low in STOP_WORDS or gap:
            break
        run.append(word)
    ends = bool(run) and bool(OFF_THE_CALENDAR.match(text, run[-1].end()))
    if not run or not (
        any(s.start >= run[-1].end() and s.label in BOUNDS for s in slots) or (intent == "cancel" and ends)
    ):
        return slots  # a title stands before its time, person or place ("add the following date"),
        # or a cancel's ends the command ("delete the [flight]")
    if len(run) > MAX_TITLE_WORDS or run[0].group().lower() in PRONOUNS:
        return slots
    if intent in ("cancel", "reschedule") and any(
        w.group().lower() in QUANTIFIERS or is_container(w.group()) for w in run
    ):
        return slots  # "wipe [calendar] clean", "delete [all] of my events": no one event
    name = Slot("NAME", text[run[0].start() : run[-1].end()], run[0].start(), run[-1].end())
    if is_container(name.text):
        return slots
    return tuple(sorted((*slots, name), key=lambda s: s.start))


# What a verbless note may open with before its title ("ok so [vacation] from ...").
LEAD_IN = re.compile(
    r"\W*(?:(?:please|ok|okay|so|uh|um|erm|hey|hi|oh|and|also|olly|alexa|siri|google|computer)\b\W*)*", re.IGNORECASE
)


# Words that open a sentence about the speaker or a question, never a note's title ("i'm
# thinking friday", "let's do friday at 3", "how about friday").
NOT_A_NOTE = frozenset(
    {"i", "i'm", "im", "i'll", "i've", "i'd", "we", "we're", "we'll", "let's", "lets", "you", "it's", "that's"}
    | {"how", "what", "what's", "whats", "when", "where", "why", "who", "which", "there", "maybe", "perhaps"}
    | {"can", "could", "would", "should", "will", "is", "are", "am", "do", "does", "did", "was", "were"}
    | {"actually", "no", "yes", "yeah", "not", "just", "then", "make", "need", "want", "have", "got", "meet", "see"}
    | {"text", "message", "email", "ring", "phone", "tell", "ask", "send", "play", "turn", "order", "buy", "get"}
    | {"find", "show", "check", "look", "give", "read", "open", "start", "stop", "go", "take", "bring"}
)


def _said_first(text: str, slots: tuple[Slot, ...]) -> bool:
    """Whether a note has no title first: a slot starts it right after its lead-in, or it
    opens like a sentence about the speaker or a question (NOT_A_NOTE)."""
    begin = LEAD_IN.match(text).end()
    first = WORD.match(text, begin)
    if first is None or first.group().lower().replace("’", "'") in NOT_A_NOTE:
        return True
    return any(s.start <= begin < s.end or s.start == begin for s in slots)


MAX_ERRAND_WORDS = 8
ERRAND_BREAK = frozenset({"and", "but", "because", "so", "then", "please", "thanks", "if", "when", "or"}) | {
    "at",
    "on",
    "in",
    "with",
    "for",
    "by",
    "from",
    "during",
    "before",
    "after",
    "until",
    "about",
}


def _errand_tail(text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """A reminder's errand the model cut short, to the next slot or the clause's end: "remind
    me to [take my blood] pressure meds every day", "to [take the chicken out] of the freezer"."""
    found = REMINDER.search(text) or REMIND_ME.search(text)
    if found is None:
        return slots
    name = next((s for s in slots if s.label == "NAME" and s.start >= found.end()), None)
    if name is None or not (name.start == found.end() or re.search(r"\bto\s+$", text[found.end() : name.start])):
        return slots
    limit = min([s.start for s in slots if s.start >= name.end] + [len(text)])
    tail = re.split(r"[.,!?;:]", text[name.end : limit], maxsplit=1)[0]
    words = tail.split()
    while words and words[-1].lower() in TAIL_WORDS:
        words.pop()
    if not words or any(w.lower() in ERRAND_BREAK for w in words):
        return slots
    if len(name.text.split()) + len(words) > MAX_ERRAND_WORDS:
        return slots
    end = name.end + len(tail[: tail.rindex(words[-1]) + len(words[-1])])
    return tuple(Slot("NAME", text[name.start : end], name.start, end) if s is name else s for s in slots)


def _reminder_title(text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """A reminder's own words as its NAME when the model found no NAME: "set a reminder for
    me to [go to work] in ten minutes", "remind me about the [upcoming national holiday]",
    "cancel my reminder to [buy stamps]". The words run from "to"/"for"/"about" to the next
    slot or the end of the sentence (past a day said first: "remind me for tomorrow
    [interview]"); a pronoun, a person's slot or nothing there is no title."""
    if any(s.label == "NAME" for s in slots):
        return slots
    found = REMINDER.search(text) or REMIND_ME.search(text)
    if found is None:
        return slots
    start = found.end()
    if any(s.start < start < s.end for s in slots):
        return slots
    first_slot = min((s for s in slots if s.start >= start), key=lambda s: s.start, default=None)
    dated = first_slot is not None and first_slot.label == "DATE"
    if found.re is REMIND_ME and not (dated and text[start : first_slot.start].strip().lower() in DAY_LEADS):
        return slots  # "remind me that ...", "remind me [at six] to ...": only the latter has its errand after
    if dated and text[start : first_slot.start].strip().lower() in DAY_LEADS:
        start = _after_the_day(text, first_slot, slots)
        if start is None:
            return slots
    end = min([s.start for s in slots if s.start >= start] + [len(text)])
    words = text[start:end]
    words = re.split(r"[.,!?;:]", words, maxsplit=1)[0]
    tokens = words.split()
    while tokens and tokens[0].lower() in LEAD_WORDS:
        tokens.pop(0)
    while tokens and tokens[-1].lower() in TAIL_WORDS:
        tokens.pop()
    if not tokens or len(tokens) > MAX_TITLE_WORDS or tokens[0].lower() in PRONOUNS or is_container(" ".join(tokens)):
        return slots
    first = text.index(tokens[0], start)
    last = text.index(tokens[-1], first + len(" ".join(tokens[:-1]))) + len(tokens[-1])
    name = Slot("NAME", text[first:last], first, last)
    return tuple(sorted((*slots, name), key=lambda s: s.start))


DAY_LEADS = frozenset({"", "at", "on", "for", "by", "this", "next"})


def _after_the_day(text: str, day: Slot, slots: tuple[Slot, ...]) -> int | None:
    """Where a reminder's words start when it says its day first ("remind me for [tomorrow]
    interview"): right after the day, when a word follows that is no link or pronoun ("for
    this item", "'s meeting") and the words run to the end or to another time (not to a
    place or a kind word: "for next saturday go to [the library]")."""
    following = re.match(r"\s+([A-Za-z][\w-]*)", text[day.end :])
    if following is not None and following.group(1).lower() == "to":  # "... tonight [to] start the cooker"
        following = re.match(r"\s+to\s+([A-Za-z][\w-]*)", text[day.end :])
        if following is not None and following.group(1).lower() not in PRONOUNS:
            return day.end + following.start(1)
    if following is None or following.group(1).lower() in PRONOUNS | TAIL_WORDS | LINK_WORDS:
        return None
    after = [s for s in slots if s.start >= day.end]
    if after and min(after, key=lambda s: s.start).label != "DATE":
        return None
    return day.end


def _day_off(text: str, slot: Slot, ref: datetime) -> list[Slot]:
    """A NAME, or the DATE of the day in front of it and the NAME after."""
    first, _, rest = slot.text.partition(" ")
    if not rest.strip() or not DAY.match(first):
        return [slot]
    day_end = slot.start + len(first) - (2 if first.lower().endswith("'s") else 0)
    value = dates.resolve(text[slot.start : day_end], ref)
    if value is None:
        return [slot]
    name_start = slot.end - len(rest)
    return [
        Slot("DATE", text[slot.start : day_end], slot.start, day_end, value),
        Slot("NAME", text[name_start : slot.end], name_start, slot.end),
    ]


# Words that open a day said after a title and are never the end of one: "[repot the ficus]
# [today]", "[pay rent] [this friday]" (a holiday's day word is: "[good friday]").
DEICTIC = frozenset({"today", "tonight", "tomorrow", "tmrw", "tmr", "tomorow", "this", "next"})
MAX_DAY_WORDS = 3


def _day_after(text: str, slot: Slot, ref: datetime) -> list[Slot]:
    """A NAME, or the NAME and the DATE of the day said at its end ("repot the ficus today")."""
    if slot.label != "NAME":
        return [slot]
    words = list(WORD.finditer(text, slot.start, slot.end))
    for n in range(min(MAX_DAY_WORDS, len(words) - 1), 0, -1):
        first = words[-n]
        if first.group().lower() not in DEICTIC:
            continue
        value = dates.resolve(text[first.start() : slot.end], ref)
        if value is None:
            continue
        name_end = words[-n - 1].end()
        return [
            Slot("NAME", text[slot.start : name_end], slot.start, name_end),
            Slot("DATE", text[first.start() : slot.end], first.start(), slot.end, value),
        ]
    return [slot]


COUNTED = re.compile(r"^(?:one|a|an|new|another|1)\s+")


def is_container(word: str) -> bool:
    """A container word, singular or plural ("events", "reminders", "calendar entries", "one
    event", "a new entry")."""
    low = COUNTED.sub("", " ".join(word.lower().split()))
    singular = low[:-3] + "y" if low.endswith("ies") else low[:-1] if low.endswith("s") else low
    return low in CONTAINER_WORDS or singular in CONTAINER_WORDS


def _holiday(words: str) -> bool:
    from nlu.dates.holidays import NAMES

    said = tuple(re.sub(r"['’]s?\b|^the\s+", "", words.lower()).split())
    return said in NAMES


def holiday_title(intent: str, text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """A create that names a holiday beside another time, and no title, has the holiday as
    its title: "add [valentine's day] with her [tomorrow]" is an evening called Valentine's
    day tomorrow, not two dates that disagree."""
    if intent != "create" or any(
        s.label == "NAME" or (s.label == "DOMAIN" and not is_container(s.text)) for s in slots
    ):
        return slots
    dates_said = [s for s in slots if s.label == "DATE"]
    holidays = [s for s in dates_said if _holiday(s.text)]
    if len(dates_said) < 2 or len(holidays) != 1:
        return slots
    return tuple(Slot("NAME", s.text, s.start, s.end) if s is holidays[0] else s for s in slots)


# People whose visit is the appointment: "cancel [my dentist] tomorrow" names the event.
SERVICE_PEOPLE = frozenset(
    {"dentist", "doctor", "doc", "gp", "physio", "physiotherapist", "vet", "barber", "hairdresser", "optician"}
    | {"therapist", "chiropractor", "osteopath", "orthodontist", "dermatologist", "counsellor", "counselor"}
    | {"tutor", "trainer", "mechanic", "accountant", "nurse", "midwife", "podiatrist", "dietitian"}
)
EVENT_CHANGES = ("cancel", "reschedule", "update", "query")
# Words before a kind word that say which one, not what it is ("the next meeting").
NOT_MODIFIERS = frozenset(
    {"the", "a", "an", "my", "our", "your", "this", "that", "these", "those", "next", "last", "first", "other"}
    | {"any", "all", "every", "each", "some", "same", "new", "upcoming", "previous", "following", "one", "two"}
    | {"uh", "um", "and", "or", "to", "for", "of", "on", "at", "in", "with", "from", "about", "it", "is", "was"}
    | {"how", "many", "much", "what", "which", "whose", "when", "where", "who", "whats", "are", "do", "did", "update"}
    | {"pending", "scheduled", "planned", "booked", "existing", "current", "recurring", "regular", "usual"}
    | {"weekly", "daily", "monthly", "yearly", "annual", "morning", "afternoon", "evening"}
)


def event_titles(intent: str, text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    """The event a change or a question names, where the model tagged it as something else
    or only its kind word:

    - a service person said as the event, with no other title, is the appointment:
      "cancel [my dentist] tomorrow", "shift it ... for [the dentist]" (in a create, only
      where the model made a place of it: "pencil in [the dentist] friday at eleven");
    - untagged words right before a kind word are the name it is part of: "postpone the
      [pta meeting]" (ANNOTATION.md: "[client meeting]NAME");
    - in an alert on an event, the untagged words after the ALERT and its linking word are
      the event: "remind me the night before [bin day]", "an hour ahead for [the flight]".
    """
    if intent not in (*EVENT_CHANGES, "create") or any(s.label == "NAME" for s in slots):
        return slots
    if intent == "create":  # a new event's title: what says which kind it is ("the [pta meeting]")
        slots = _kind_with_modifier(text, slots)
        if any(s.label == "NAME" or (s.label == "DOMAIN" and not is_container(s.text)) for s in slots):
            return slots
        return _service_person(text, slots, labels=("LOCATION",))  # "pencil in [the dentist] friday"
    slots = _service_person(text, slots)
    if any(s.label == "NAME" for s in slots):
        return slots
    slots = _kind_with_modifier(text, slots)
    if any(s.label == "NAME" for s in slots) or intent != "update":
        return slots
    return _after_alert(text, slots)


def _service_person(
    text: str, slots: tuple[Slot, ...], labels: tuple[str, ...] = ("PERSON", "LOCATION")
) -> tuple[Slot, ...]:
    """A service person said as the event, tagged as one of `labels`, as its NAME. A create
    keeps a PERSON (the dialogue makes "meeting with my dentist" of it, the person an
    attendee); only a place the model made of the person is its title."""
    for slot in slots:
        words = slot.text.lower().split()
        if slot.label in labels and words and words[-1] in SERVICE_PEOPLE and len(words) <= 2:
            start = slot.end - len(slot.text.split()[-1])
            named = Slot("NAME", text[start : slot.end], start, slot.end)
            return tuple(named if s is slot else s for s in slots)
    return slots


def _kind_with_modifier(text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    for k, slot in enumerate(slots):
        if slot.label != "DOMAIN" or is_container(slot.text):
            continue
        before = slots[k - 1].end if k else 0
        words = list(WORD.finditer(text, before, slot.start))
        run: list[re.Match[str]] = []
        for word in reversed(words):
            low = word.group().lower()
            if (
                low in NOT_MODIFIERS
                or low.startswith(("'", "’"))
                or text[word.end() : (run[-1].start() if run else slot.start)].strip()
            ):
                break
            run.append(word)
        if run and len(run) <= 3:
            start = run[-1].start()
            named = Slot("NAME", text[start : slot.end], start, slot.end)
            return tuple(named if s is slot else s for s in slots)
    return slots


AFTER_ALERT = re.compile(
    r"^[\s,]*(?:(?:for|of|on|before|ahead of|about)\s+)?(?:(?:the|my|our)\s+)?"
    r"(?P<event>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}?)(?:\s+(?:please|thanks))?\s*[.?!]?$",
    re.IGNORECASE,
)


def _after_alert(text: str, slots: tuple[Slot, ...]) -> tuple[Slot, ...]:
    alert = next((s for s in slots if s.label == "ALERT"), None)
    if alert is None or any(s.start >= alert.end for s in slots):
        return slots
    found = AFTER_ALERT.match(text[alert.end :])
    if found is None or found["event"].lower().split()[0] in NOT_MODIFIERS:
        return slots
    start = alert.end + found.start("event")
    named = Slot("NAME", found["event"], start, start + len(found["event"]))
    return tuple(sorted((*slots, named), key=lambda s: s.start))
