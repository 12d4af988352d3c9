"""The API's request and response bodies: separate create / update / public shapes.

Every text field that reaches the database is checked here, because the database is where
odd input turns into a 500: PostgreSQL refuses NUL characters in text, and a lone surrogate
(valid in JSON's "\\ud800", invalid in UTF-8) breaks every driver. Such input is a 422.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, model_validator

from assistant import checks
from assistant.checks import MAX_FIELD, MAX_KIND, MAX_TITLE

MAX_TEXT = 200_000  # a command longer than this is not a command; 100 KB still gets an answer


def storable(value: str) -> str:
    """Refuse the characters no database driver can store (NUL, lone surrogates): assistant/checks.py."""
    return checks.storable(value, "the value")


def not_blank(value: str) -> str:
    """A title must show something: not only spaces or zero-width characters."""
    return checks.title(value, "the title")


def known_zone(value: str | None) -> str | None:
    """A portable IANA zone name, checked before it reaches the dialogue."""
    return None if value is None else checks.zone_name(checks.storable(value, "the zone"))


def sane_moment(value: datetime | None) -> datetime | None:
    """A date-time a calendar can hold (assistant/checks.py's years)."""
    return None if value is None else checks.moment("the date-time", value)


def valid_rrule(value: str | None) -> str | None:
    """An RFC 5545 recurrence rule ("FREQ=WEEKLY;BYDAY=MO") within nlu/dates/rrule_limits.py's
    limits; storage checks it again from the event's own start."""
    from nlu.dates.rrule_limits import check_rrule
    from nlu.exceptions import BadRecurrence

    if value is None:
        return None
    try:
        return check_rrule(storable(value))
    except BadRecurrence as err:
        raise ValueError(str(err)) from err


Text = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(storable)]
Title = Annotated[str, Field(min_length=1, max_length=MAX_TITLE), AfterValidator(storable), AfterValidator(not_blank)]
Short = Annotated[str, Field(max_length=MAX_FIELD), AfterValidator(storable)]
Kind = Annotated[str, Field(max_length=MAX_KIND), AfterValidator(storable)]
Zone = Annotated[str | None, Field(max_length=64, examples=["Europe/Paris"]), AfterValidator(known_zone)]
RRule = Annotated[
    str | None, Field(max_length=MAX_FIELD, examples=["FREQ=WEEKLY;BYDAY=MO"]), AfterValidator(valid_rrule)
]


def iso_text(value: object) -> object:
    """Date-times come as ISO 8601 text: a number (or a string of digits) is not taken as a Unix
    timestamp, which would silently put an event in 1970 or 2023."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or value.strip().lstrip("+-").replace(".", "", 1).isdigit():
        raise ValueError(
            "must be an ISO 8601 date-time such as 2026-11-25T11:00:00 (numbers are not read as timestamps)"
        )
    return value


def digits_only(value: object) -> object:
    """An id in a path is written in digits: pydantic's lax integers read "1_0" as 10 and " 1"
    or "+1" as 1, so a client's typo reached another of the user's events."""
    if isinstance(value, str) and not (value.isascii() and value.isdigit()):
        raise ValueError("must be a whole number written in digits, such as 42")
    return value


def true_or_false(value: object) -> object:
    """A query flag is `true` or `false` (not "yes", "on" or 1)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError("must be true or false")


Moment = Annotated[datetime, BeforeValidator(iso_text), AfterValidator(sane_moment)]
Flag = Annotated[bool, Strict()]  # JSON true or false only
QueryFlag = Annotated[bool, BeforeValidator(true_or_false)]
QueryMoment = Annotated[datetime | None, BeforeValidator(iso_text)]
AlertMinutes = Annotated[int, Field(ge=0, le=checks.MAX_ALERT_MINUTES, strict=True)]
SessionId = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:@-]+$")]


class StrictBody(BaseModel):
    """Unknown fields are a mistake worth a 422, not something to ignore silently."""

    model_config = ConfigDict(extra="forbid")


class ParseRequest(StrictBody):
    """One command to read, against an optional reference time and zone."""

    text: Text = Field(examples=["Schedule event for visit to Trivandrum on July 18"])
    now: Moment | None = Field(None, description="reference time (ISO); naive means wall time in `tz`")
    tz: Zone = None


class ChatRequest(ParseRequest):
    """One turn of a conversation; `session_id` is private to the caller's user."""

    session_id: SessionId = Field(examples=["kitchen-speaker"])


class RasaParseRequest(BaseModel):
    """Rasa's `/model/parse` body: `text` and an optional `message_id` (other fields ignored)."""

    text: Text = Field(examples=["cancel the dentist tomorrow"])
    message_id: str | None = None


class EventBase(StrictBody):
    """Fields an event may be created with or changed to."""

    location: Short | None = None
    kind: Kind | None = Field(None, description="the DOMAIN word: meeting, call, party...")
    attendees: list[Short] | None = Field(None, max_length=200)
    recurrence: RRule = None
    tz: Zone = Field(None, description="zone of naive start/end and of the answer (default: the server's)")
    alerts: list[AlertMinutes] | None = Field(
        None, max_length=checks.MAX_ALERTS, description="minutes before the start at which to alert, e.g. [10, 60]"
    )


class EventCreate(EventBase):
    """A new event. Naive start/end are wall times in `tz`; all-day events may give dates."""

    title: Title = Field(examples=["visit to Trivandrum"])
    start: Moment = Field(examples=["2027-07-18T00:00:00"])
    end: Moment | None = Field(None, description="default: start plus the kind's usual length")
    all_day: Flag = False

    @model_validator(mode="after")
    def _ordered(self) -> EventCreate:
        _check_order(self.start, self.end)
        return self


class EventUpdate(EventBase):
    """A partial change: only the fields sent are changed (PATCH semantics)."""

    title: Title | None = None
    start: Moment | None = None
    end: Moment | None = None
    all_day: Flag | None = None

    @model_validator(mode="after")
    def _ordered(self) -> EventUpdate:
        _check_order(self.start, self.end)
        for name in ("title", "start", "end", "all_day"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be removed, only changed")
        return self

    def changes(self) -> dict[str, Any]:
        """The fields the caller actually sent."""
        return self.model_dump(exclude_unset=True, exclude={"tz"})


class EventPublic(BaseModel):
    """An event as the API shows it: wall times in the requested zone."""

    id: int
    title: str
    kind: str | None = None
    start: str | None
    end: str | None
    all_day: bool
    location: str | None = None
    attendees: list[str] = []
    recurrence: str | None = None
    cancelled: bool = False
    tz: str | None = None
    alerts: list[int] = Field([], description="minutes before the start at which to alert")
    series_id: int | None = Field(None, description="the series an occurrence belongs to (expanded listings)")
    original_start: str | None = Field(None, description="the start the series' rule gives this occurrence")
    exdates: list[str] = Field([], description="starts of occurrences cancelled alone (wall times)")


class ChatReply(BaseModel):
    """The chat JSON of `python -m assistant chat --json` (plus the choices and the parse)."""

    model_config = ConfigDict(extra="allow")

    reply: str = Field(examples=['Scheduled "visit to Trivandrum" for Sunday, July 18, 2027 (all day).'])
    operation: str = Field(
        examples=["create"],
        description="create, cancel, reschedule, update, query, availability, undo, confirm, clarify or none",
    )
    events: list[EventPublic]
    choices: list[str] = []
    parse: dict[str, Any] | None = None


class ErrorBody(BaseModel):
    """Every error answer: a `detail` a person can act on."""

    detail: str = Field(examples=["invalid or revoked API key"])


class InvalidBody(BaseModel):
    """A 422: each problem with its location, and one readable line."""

    detail: list[dict[str, Any]] = Field(
        examples=[[{"loc": ["body", "tz"], "msg": "unknown time zone", "type": "value_error"}]]
    )
    message: str = Field(examples=["invalid request: body.tz: unknown time zone 'Mars/Base'"])


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "no key, or an unknown or revoked key"},
    403: {"model": ErrorBody, "description": "a read-only key tried to write"},
    413: {"model": ErrorBody, "description": "request body over 1 MB"},
    422: {"model": InvalidBody, "description": "invalid body, path or query"},
}


def _check_order(start: datetime | None, end: datetime | None) -> None:
    """End after start; both with a UTC offset or both without (else they do not compare)."""
    if start is None or end is None:
        return
    if (start.tzinfo is None) != (end.tzinfo is None):
        raise ValueError("start and end must both carry a UTC offset or both be wall times")
    if end <= start:
        raise ValueError("end must be after start")
