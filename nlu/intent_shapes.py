"""Shapes of a command that settle which calendar intent it is, where the classifier mixes
them up.

The classifier learnt its intents mostly from words, and three families of typed requests
share their words with another intent:

- **A free-time question** asks about time with nothing in it: "am I available Sunday
  morning for brunch?", "any gaps in my schedule this week?", "is the 20th clear",
  "could I squeeze in a call before noon?". The classifier reads the event words (brunch, a
  call) or the day and answers create, query, cancel or out of scope. A question whose
  words ask for free time is an availability question: a read, never a write.
- **An alert on an event already there**: "set a reminder for 30 minutes before my
  interview on Thursday", "alert me two days in advance of Mum's birthday", "put a reminder
  on the dentist, the day before", "turn off the reminder for the standup". "Set a reminder"
  reads as a create, yet the ALERT points at an event the user already has (my, the, all,
  someone's), so it is an update. "dentist friday at 3, remind me a day before" names no
  event after its ALERT and stays a create.
- **A reminder at a time it says**: "remind me about the meeting in one hour" is a new
  reminder (create), which the classifier half reads as an update of the meeting.
- **A new repetition**: "change the piano lesson to every tuesday", "can it be every week
  instead" read as a move of one occurrence; the time they give is how the event repeats,
  an update of the series.
- **People put on or taken off an event**: "add Olu to the design review" reads as a create
  of "Olu"; the verb, the people and "to/from the <event>" make it an update.
- **A new event with someone's name in its title**: "add Emma's parents evening 17/10 6pm",
  "schedule Mom's colonoscopy 3/28 at 7:30am". The possessive looks like the event of an
  update or a query, but a command that opens with a scheduling verb, names a title and a
  time, and has none of an update's parts (people added, a "to" or "from", an alert, a time
  being replaced) is a create.

Each rule only settles which of a few readings the command is, so its confidence is the
calibrated probability the model gave that group of readings (`GROUPS`): "add a weekly
standup every monday at 9", torn between create (0.44) and update (0.52), is a create at
0.96. From out of scope the group's probability is low, and a caller that asks below
`nlu.calibration.CONFIRM_BELOW` asks before a write ("alert me two days in advance of Mum's
birthday" asks: the model had put 0.91 on out of scope).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlu.calendar_words import BOOKING_VERB, OTHER_ASSISTANT, REMINDER
from nlu.result import Slot
from nlu.sentences import split

_LEAD = (
    r"^\W*(?:(?:please|pls|hey|hi|hello|ok|okay|so|uh|um|erm|quick question|just|"
    r"can you|could you|would you|will you|can u|could u)\W+)*"
)

# Words that ask for time with nothing in it.
FREE_TIME = re.compile(
    r"\b(?:am|are|is|be|'m|’m) (?:i|we|you|he|she|they)?\s*(?:free|available|open)\b"
    r"|\b(?:i|we)(?:'m|’m| am| are|'re) (?:free|available)\b"
    r"|\b(?:my|our|your) (?:availability|free time|free slots?)\b"
    r"|\b(?:any|some|free|spare|open|empty) (?:time|gaps?|slots?|openings?|windows?|spots?)\b"
    r"|\b(?:gaps?|openings?|free slots?|open slots?) in my\b"
    r"|\b(?:squeeze|fit) (?:\w+ ){0,4}?in\b|\b(?:can|could) (?:i|we) (?:squeeze|fit)\b"
    r"|\bnothing (?:on|booked|scheduled|planned)\b"
    r"|\b(?:don't|dont|do not|doesn't|does not) have anything (?:on|booked|scheduled|planned)\b"
    r"|\b(?:times?|days?|slots?|evenings?|mornings?|afternoons?|weekends?) (?:are |is )?(?:open|free|clear)\b"
    r"|\bis (?:the |my )?[\w'’]+(?: \w+)? (?:clear|free|open)\b",
    re.IGNORECASE,
)
QUESTION_OPENING = re.compile(
    _LEAD + r"(?:am|are|is|do|does|did|can|could|when|whens|what|whats|which|where|wheres|who|whos|why|any|find"
    r"|have|has|how|hows|will|would|should|shall"
    r"|check|show|tell|let me know|see if|i need|i'm looking|im looking|looking for)\b",
    re.IGNORECASE,
)

# An event the user already has, right after an ALERT phrase (or after "reminder on/for").
EVENT_AFTER_ALERT = re.compile(
    r"^[\s,]*(?:(?:of|for|on|about|to|ahead of|in advance of)\s+)?"
    r"(?:the|my|our|his|her|their|all|every|each|any|this|that|these|those|[\w]+['’]s)\b",
    re.IGNORECASE,
)
ALERT_ON_EVENT = re.compile(
    r"\b(?:reminders?|alerts?|notifications?|heads[- ]up)\s+(?:on|for|about|before|ahead of)\s+"
    r"(?:the|my|our|all|every|each|[\w]+['’]s)\b",
    re.IGNORECASE,
)
ALERT_OFF = re.compile(r"\b(?:turn|switch|shut) off|\b(?:disable|mute|silence|stop)\b", re.IGNORECASE)
ALERT_WORD = re.compile(r"\b(?:reminders?|alerts?|notifications?)\b", re.IGNORECASE)

CREATE_OPENING = re.compile(
    _LEAD + r"(?:would you mind |i'd like you to |i need you to |i want you to )?"
    r"(?:schedule|add|put|book|plan|arrange|create|set up|pencil in|block out|"
    r"scheduling|adding|putting|booking|setting up|pencilling in|penciling in)\b",
    re.IGNORECASE,
)
# Parts of an update that a plain create lacks.
NOT_A_NEW_EVENT = re.compile(
    r"\b(?:to|from|into|onto)\s+(?:the|my|our|this|that|[\w]+['’]s)\b|\b(?:rename|call it|retitle|instead)\b",
    re.IGNORECASE,
)


# The readings each shape tells apart: the intent taken is sure as far as the model is sure
# of one of them.
GROUPS = {
    "availability": ("availability", "query"),
    "update": ("update", "create", "reschedule", "cancel"),
    "create": ("create", "update", "query"),
    "reschedule": ("reschedule", "update"),
    "out_of_scope": ("out_of_scope", "create", "update"),
}


# How sure two shapes of a create are, whatever the classifier thinks: the share of the
# NLU Evaluation Data rows (the training data) of that shape, with a time, that are filed
# under calendar. The classifier's own reading of these is torn by their errands and titles
# ("send me a reminder to pick up my dog from the groomer at one pm": 0.91 out of scope;
# "can you put a car wash on thursday at three": 0.58), and asking "Did you mean to
# schedule ...?" of a plain request is a needless question. tests/test_parser_intent_shapes.py
# recounts both shares.
# - A reminder asked for at a time it says: 23 of 26; the other three are alarms ("remind
#   me at five pm"), for which a reminder in the calendar does the same.
TIMED_REMINDER = 0.88
# - A scheduling verb first ("schedule", "put", "add", "set up", ...), no ride, ticket,
#   device or other assistant's object: 25 of 28; the others are a news update and two
#   food orders.
TIMED_BOOKING = 0.89
# What a scheduling verb also puts or sets up that is no event: a ride or a ticket ("schedule
# an uber for 8"), a device ("put the heating on at 6").
NOT_BOOKED = re.compile(
    r"\b(?:taxis?|cabs?|ubers?|lyfts?|rides?|tickets?|lights?|lamps?|heating|heater|kettle|tv|television|radio|"
    r"fan|oven|thermostat|air ?con(?:ditioning)?|vacuum|hoover|plug|music|songs?|playlists?)\b",
    re.IGNORECASE,
)


def reading(text: str, intent: str, probabilities: dict[str, float], found: Sequence[Slot]) -> tuple[str, float] | None:
    """The intent the command's shape settles and its calibrated probability, or None when
    the classifier's reading stands (module docstring). `found`: the model's slots."""
    taken = _shape(text, intent, found)
    if taken is None and intent == "create" and sure_create(text, found):
        taken = "create"
    if taken is None:
        return None
    sure = min(1.0, sum(probabilities.get(k, 0.0) for k in GROUPS[taken]))
    return taken, max(sure, sure_create(text, found)) if taken == "create" else sure


def sure_create(text: str, found: Sequence[Slot]) -> float:
    """How sure the create's shape alone makes it a calendar request (TIMED_REMINDER,
    TIMED_BOOKING); 0 for other shapes."""
    if reminder_with_time(text, found):
        return TIMED_REMINDER
    return TIMED_BOOKING if timed_booking(text, found) else 0.0


def timed_booking(text: str, found: Sequence[Slot]) -> bool:
    """Whether the command opens with a scheduling verb and says a time ("uh can you put a
    car wash on thursday at three"), with no ride, ticket, device or other assistant's
    object ("schedule a cab at 8", "put the heating on at 6", "add eggs to my list for
    tomorrow")."""
    if not BOOKING_VERB.search(text) or OTHER_ASSISTANT.search(text) or NOT_BOOKED.search(text):
        return False
    return any(s.label == "DATE" and s.value is not None and getattr(s.value, "start", None) for s in found)


def _shape(text: str, intent: str, found: Sequence[Slot]) -> str | None:
    if intent != "availability" and free_time_question(text):
        return "availability"
    if intent in ("create", "out_of_scope", "reschedule") and alert_on_existing(text, found):
        return "update"
    if intent in ("create", "out_of_scope") and people_update(text, found):
        return "update"
    if intent == "cancel" and people_update(text, found) and _someone_named(text, found):
        return "update"  # "take Olu off the design review": Olu, not the review
    if intent == "reschedule" and new_repetition(found):
        return "update"  # "change the piano lesson to every tuesday": the rule, not one occurrence
    if intent in ("update", "query") and new_event(text, found):
        return "create"
    if intent in ("create", "update") and reminder_with_time(text, found):
        return "create"
    if intent in ("create", "query") and note(text, found):
        return "create"
    if intent == "update" and created_with_alert(text, found):
        return "create"  # "schedule a one on one ... and remind me fifteen minutes before"
    if intent == "update" and plain_move(text, found):
        return "reschedule"  # "move mei lins recital to the fourth of may"
    if intent in ("create", "update") and (MESSAGE.search(text) or HOW_MUCH.search(text)):
        return "out_of_scope"  # "text priya that im running late", "how long will it take to drive ..."
    return None


# A message to someone, not an event: "text priya that im running late", "email jim to say ...".
MESSAGE = re.compile(
    _LEAD + r"(?:text|message|msg|email|e-mail|whatsapp|dm|tell|ask|ping)\s+(?!me\b|us\b)[\w'’-]+(?:\s+[\w'’-]+)?"
    r"\s+(?:that|to say|saying|if|whether)\b",
    re.IGNORECASE,
)
# A question of measure, never a write: "how long will it take to drive to the airport on friday".
HOW_MUCH = re.compile(_LEAD + r"how\s+(?:long|far|much|many|old|big|hot|cold|late)\b", re.IGNORECASE)
MOVE_OPENING = re.compile(_LEAD + r"(?:reschedule|move|postpone|push|delay|bring forward|shift)\b", re.IGNORECASE)


def created_with_alert(text: str, found: Sequence[Slot]) -> bool:
    """Whether a command that opens with a scheduling verb names a new event, its time and
    its own alert ("schedule X every other thursday at eleven and remind me fifteen minutes
    before"): the alert points at no event already there, so it is a create that carries one."""
    labels = {s.label for s in found}
    if not {"NAME", "ALERT"} <= labels or not CREATE_OPENING.search(text) or alert_on_existing(text, found):
        return False
    return any(s.label == "DATE" and s.value is not None and getattr(s.value, "start", None) for s in found)


def plain_move(text: str, found: Sequence[Slot]) -> bool:
    """Whether an update opens with a move verb and says only a new time ("move mei lins
    recital to the fourth of may"): a reschedule; people, a place or an alert would make it
    an update ("move the review to room 4")."""
    if not MOVE_OPENING.search(text) or any(s.label in ("ALERT", "PERSON", "LOCATION") for s in found):
        return False
    dates = [s for s in found if s.label == "DATE"]
    return bool(dates) and all(s.value is not None and getattr(s.value, "rrule", None) is None for s in dates)


CLOCK = re.compile(r"\d|\b(?:noon|midday|midnight|morning|afternoon|evening|tonight|o'?clock)\b", re.IGNORECASE)


def note(text: str, found: Sequence[Slot]) -> bool:
    """Whether the command is a note of an event and its time, with no verb and no question
    ("tuesday meeting noon", "dentist thurs 4pm"): what a calendar is written in."""
    labels = {s.label for s in found}
    if "ACTION" in labels or not labels & {"NAME", "DOMAIN"} or OTHER_ASSISTANT.search(text):
        return False
    if "?" in text or QUESTION_OPENING.search(text) or len(text.split()) > 8:
        return False
    return any(s.label == "DATE" and s.value is not None and CLOCK.search(s.text) for s in found)


def reminder_with_time(text: str, found: Sequence[Slot]) -> bool:
    """Whether the command asks for a reminder at a time it says ("remind me about the
    meeting in one hour"): a new reminder, not an alert on the meeting (that says how long
    before, an ALERT). A possessive date ("remind me about tomorrow's meeting tonight") names
    the event, so which time is the reminder's is left to the classifier and the dialogue;
    so is a command naming another assistant's object ("remind me to set an alarm")."""
    if not REMINDER.search(text) or OTHER_ASSISTANT.search(text) or any(s.label == "ALERT" for s in found):
        return False
    dates = [s for s in found if s.label == "DATE"]
    return not any(text[s.end : s.end + 2] in ("'s", "’s") for s in dates) and any(
        s.value is not None and getattr(s.value, "start", None) for s in dates
    )


def new_repetition(found: Sequence[Slot]) -> bool:
    """Whether the time a move gives is a repetition ("to every tuesday", "every week
    instead"): a change of how the event repeats, an update, not a move of one occurrence.
    A repetition said as the old time ("move the weekly review to 3") is the event's name."""
    dates = [s for s in found if s.label == "DATE" and s.role != "old"]
    return bool(dates) and getattr(dates[-1].value, "rrule", None) is not None


def free_time_question(text: str) -> bool:
    """Whether a sentence of the message asks for free time (a question, not an order)."""
    if OTHER_ASSISTANT.search(text):
        return False
    for sentence in split(text):
        if FREE_TIME.search(sentence) and (sentence.rstrip().endswith("?") or QUESTION_OPENING.search(sentence)):
            return True
    return False


def alert_on_existing(text: str, found: Sequence[Slot]) -> bool:
    """Whether an alert is set on, or taken off, an event the user already has."""
    alerts = [s for s in found if s.label == "ALERT"]
    if any(EVENT_AFTER_ALERT.search(text[s.end :]) for s in alerts):
        return True
    if alerts and _event_named_after(text, alerts, found):
        return True
    if alerts and ALERT_ON_EVENT.search(text):
        return True
    return bool(ALERT_OFF.search(text) and ALERT_ON_EVENT.search(text))


def _event_named_after(text: str, alerts: Sequence[Slot], found: Sequence[Slot]) -> bool:
    """Whether a title follows an ALERT and its linking word, and no time is said for a new
    event ("alert me two days in advance for wojciechs housewarming": spoken, the possessive
    has no apostrophe)."""
    if any(s.label == "DATE" and s.value is not None and getattr(s.value, "start", None) for s in found):
        return False
    for alert in alerts:
        link = re.match(r"[\s,]*(?:for|of|on|about|before|ahead of)\s+", text[alert.end :], re.IGNORECASE)
        if link and any(s.label == "NAME" and s.start == alert.end + link.end() for s in found):
            return True
    return False


# "add Olu to the design review", "drop Jean-Luc from the retro", "loop in Hiroshi on the
# vendor call": people put on or taken off an event already there (the, my, someone's).
_ON_AN_EVENT = {
    r"add|invite|include|loop in|cc": r"to|into|on",
    r"remove|drop|uninvite|kick": r"from|off|out of",
    r"take": r"off|out of",
    r"put": r"on|onto",
}
PEOPLE_UPDATE = re.compile(
    _LEAD
    + r"(?:also\s+)?(?:"
    + "|".join(
        rf"(?:{verbs})\s+(?P<who{k}>[^,.?!]{{1,40}}?)\s+(?:{to})" for k, (verbs, to) in enumerate(_ON_AN_EVENT.items())
    )
    + r")\s+(?P<event>(?:the|my|our|this|that|[\w]+['’]s)\s+[^,.?!]+)",
    re.IGNORECASE,
)
# Who is no one: the speaker, a ride ("add taxi to the airport"), a song; where is no event
# (a place, a playlist or a basket).
NOT_PEOPLE = re.compile(
    r"^(?:me|us|myself)\b|\b(?:taxi|cab|uber|lyft|ride|flight|train|bus|shuttle|car|trip|songs?|tracks?|albums?)\b",
    re.IGNORECASE,
)
MEDIA = re.compile(r"\b(?:playlists?|albums?|podcasts?|library|basket|cart|wish ?list)\b", re.IGNORECASE)
PLACE_NOT_EVENT = re.compile(
    r"^(?:the|my|our)\s+(?:airport|station|office|hospital|school|gym|house|home|city|centre|center|mall|shop|store)\b",
    re.IGNORECASE,
)
CALENDAR_ITSELF = re.compile(
    r"^(?:the|my|our|this|that)\s+(?:[\w-]+\s+)?(?:calendar|schedule|diary|agenda|planner|list)\b", re.IGNORECASE
)


def people_update(text: str, found: Sequence[Slot]) -> bool:
    """Whether the command puts people on, or takes them off, an event already there: the
    words between the verb and the event hold no time or title of a new event, and the event
    is no calendar and no time ("add the dentist to my calendar", "put lunch on friday")."""
    match = PEOPLE_UPDATE.search(text)
    if match is None or OTHER_ASSISTANT.search(text) or CALENDAR_ITSELF.match(match["event"]):
        return False
    group = next(g for g in match.groupdict() if g.startswith("who") and match[g])
    if NOT_PEOPLE.search(match[group]) or PLACE_NOT_EVENT.match(match["event"]) or MEDIA.search(match["event"]):
        return False
    who = (match.start(group), match.end(group))
    if any(s.label in ("DATE", "DOMAIN", "ALERT") and s.start < who[1] and who[0] < s.end for s in found):
        return False
    event_at = match.start("event")
    return not any(s.label == "DATE" and s.start <= event_at < s.end for s in found)


def _someone_named(text: str, found: Sequence[Slot]) -> bool:
    """Whether the people words of a people update hold a PERSON or a capitalised name (not
    the first word): a cancel's "remove lunch from the offsite" takes off no one."""
    match = PEOPLE_UPDATE.search(text)
    if match is None:
        return False
    group = next(g for g in match.groupdict() if g.startswith("who") and match[g])
    start, end = match.start(group), match.end(group)
    if any(s.label == "PERSON" and s.start < end and start < s.end for s in found):
        return True
    return start > 0 and any(w[:1].isupper() for w in text[start:end].split())


def new_event(text: str, found: Sequence[Slot]) -> bool:
    """Whether the command opens with a scheduling verb and names a new event and its time,
    with no part of an update (people, alerts, a time replaced, "to the ...")."""
    labels = {s.label for s in found}
    if not {"NAME", "DATE"} <= labels or labels & {"PERSON", "ALERT"} or ALERT_WORD.search(text):
        return False
    if not any(CREATE_OPENING.search(sentence) for sentence in split(text)):
        return False
    return not any(NOT_A_NEW_EVENT.search(sentence) for sentence in split(text) if CREATE_OPENING.search(sentence))
