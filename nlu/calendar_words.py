"""Commands that are plainly for the calendar are not out of scope.

"delete grocery shopping from my saturday schedule", "set calendar info for albert's
marriage", "what are my current alerts": the intent classifier can read such a command as
out of scope (shopping lists, alarms and news alerts share its words), and the assistant
would answer "I can only help with your calendar" to someone who just named it. When the
model says out of scope and the command names the calendar itself ("calendar", "agenda",
"diary", "my ... schedule", "my ... alerts", "a reminder", "what I have scheduled"), the
best calendar intent is
taken instead. So is a create for a command shaped like a booking: it opens with a
scheduling verb ("schedule", "add", "put", "arrange", "set up", after any "please" or "can
you") and says when ("add car wash on sunday at 10am", "could you schedule coffee with
siobhan friday at eleven"), where the classifier took an unfamiliar title ("car wash") for
another assistant's request. The classifier must still give create some weight
(`MIN_CREATE`): "schedule a tweet for 9am tomorrow" keeps its out-of-scope reading. A
reservation of a table or an appointment ("book a table for two at dishoom on saturday at
8") is one whatever the weight, and so is a reminder asked for with a time ("please tell
me to take my umbrella today"); "book" alone is not (taxis, tickets and hotels are other
assistants' bookings).

A question about clashes ("any conflicts on tuesday?", "is there a clash on friday")
is a query (or a free-time question), never a write.

The confidence is that intent's own calibrated probability, which is low (the model put its
mass on out of scope): a caller that asks below `nlu.calibration.CONFIRM_BELOW` asks before
any write ("Did you mean to cancel grocery shopping?"), and a query is answered. A command
that also names another assistant's object (an email, an alarm, a timer, a list) keeps its
out-of-scope reading: "please add an item in my calendar" may be a to-do list,
"set my calendar for an alarm at five" is an alarm.
"""

from __future__ import annotations

import re

OUT = "out_of_scope"

NAMES_CALENDAR = re.compile(
    r"\b(?:calendars?|calender|agendas?|diary|planner)\b"
    r"|\bmy\s+(?:[\w'’]+\s+){0,2}?(?:schedule|reminders?|alerts?|appointments?|events|meetings)\b"
    r"|\b(?:a|any|the)\s+reminders?\b"
    r"|\b(?:i|we)(?:'ve|\s+have|\s+got)?\s+(?:[\w']+\s+){0,2}?(?:scheduled|booked|planned)\b",
    re.IGNORECASE,
)
_LEAD = (
    r"^\W*(?:(?:please|hey|hi|ok|okay|so|uh|um|erm|olly|alexa|siri|google|can you|could you|would you|will you|"
    r"i want to|i need to|i'd like to|i would like to|let's|lets)\W+)*"
)
BOOKING_VERB = re.compile(
    _LEAD + r"(?:schedule|add|put|plan|arrange|create|set up|pencil in|block out|block off)\b",
    re.IGNORECASE,
)
# A reservation of a table or an appointment: a calendar entry whatever weight the classifier
# gives create (it learnt "book" from taxis and tickets).
RESERVATION = re.compile(
    _LEAD + r"book (?:(?:me|us) )?(?:in (?:for )?)?(?:a |an )?"
    r"(?:table|appointment|slot|session|lesson|class|court|haircut|massage)\b",
    re.IGNORECASE,
)
# "book coffee with Aisha tomorrow at 10": booking time with someone is a meeting; a ride, a
# ticket or a room booked "with" a company is not.
BOOKED_WITH = re.compile(_LEAD + r"book\b[^.?!]{1,30}?\bwith\b", re.IGNORECASE)
TRAVEL = re.compile(r"\b(?:taxi|cab|uber|lyft|flights?|trains?|tickets?|hotels?|rooms?|cars?|seats?)\b", re.IGNORECASE)
# A reminder asked for ("remind me to ...", "tell me to ...", "send me a reminder to ..."):
# a calendar entry whatever weight the classifier gives create, once a time is said (SLURP
# files every such request with a time under calendar; "remind me to order more soap", with
# none, may be a shopping list).
REMINDER = re.compile(
    _LEAD + r"(?:i want you to |i need you to |don't forget to |dont forget to |be sure to )?"
    r"(?:remind me|tell me to|ping me to|nudge me to|(?:send|give) me a reminder)\b",
    re.IGNORECASE,
)
# A question about clashes ("any conflicts on tuesday", "am i double booked tomorrow"): a
# look at the calendar, never a write.
CLASH = re.compile(
    r"\b(?:any|my|a|there|have) (?:scheduling )?(?:conflicts?|clash(?:es)?|overlaps?)\b|\bdouble[- ]booked\b",
    re.IGNORECASE,
)
LOOKS = ("query", "availability")
MIN_CREATE = 0.05
OTHER_ASSISTANT = re.compile(r"\b(?:e-?mails?|mail|alarms?|timers?|lists?|to-?dos?|contacts?)\b", re.IGNORECASE)


def names_calendar(text: str) -> bool:
    """Whether the command names the calendar and no other assistant's object."""
    return bool(NAMES_CALENDAR.search(text)) and not OTHER_ASSISTANT.search(text)


def shaped_like_booking(text: str, said_when: bool, probabilities: dict[str, float]) -> bool:
    """Whether the command opens with a scheduling verb, says when, names no other assistant's
    object, and the classifier gives create some weight."""
    if not said_when or OTHER_ASSISTANT.search(text):
        return False
    if RESERVATION.search(text) or REMINDER.search(text):
        return True
    if BOOKED_WITH.search(text) and not TRAVEL.search(text) and probabilities.get("create", 0.0) >= MIN_CREATE:
        return True
    return probabilities.get("create", 0.0) >= MIN_CREATE and bool(BOOKING_VERB.search(text))


def calendar_reading(
    text: str, intent: str, probabilities: dict[str, float], said_when: bool = False
) -> tuple[str, float] | None:
    """A calendar intent and its probability for an out-of-scope reading of a command that is
    plainly for the calendar (module docstring); None otherwise. `said_when`: a DATE was found."""
    if intent != OUT:
        return None
    if shaped_like_booking(text, said_when, probabilities):
        return "create", probabilities["create"]
    if CLASH.search(text):
        look = max(LOOKS, key=lambda k: probabilities.get(k, 0.0))
        return look, probabilities.get(look, 0.0)
    if not names_calendar(text):
        return None
    calendar = {k: v for k, v in probabilities.items() if k != OUT}
    if not calendar:
        return None
    best = max(calendar, key=calendar.get)
    return best, calendar[best]
