"""The tables: events, the operation log (undo and audit), the conversation state and API keys.

Times are stored as naive UTC (`*_utc`, `*_at`) plus the user's IANA zone, so they are
unambiguous on every backend and shown in wall time. Cancelling is a soft delete
(`cancelled_at`): nothing a user made is destroyed by a misheard command.

A recurring event (a series) is one row with an RRULE in `recurrence`, in RFC 5545 terms:
occurrences cancelled alone are listed in `exdates` (EXDATE), and an occurrence changed
alone is a row of its own with `series_id` and `original_start_utc` (RECURRENCE-ID).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base; the Alembic migrations in assistant/migrations mirror these tables."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[int]: JSON,
        datetime: DateTime(),
    }


class Event(Base):
    """One calendar entry owned by one user: a single event, a series, or one changed occurrence of a series."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_owner_start", "owner", "start_utc"),
        Index("ix_events_series", "series_id"),
        Index("ux_events_owner_uid", "owner", "uid", unique=True),
        CheckConstraint("end_utc > start_utc", name="ck_events_end_after_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(200))
    start_utc: Mapped[datetime]
    end_utc: Mapped[datetime]
    tz: Mapped[str] = mapped_column(String(64))
    all_day: Mapped[bool] = mapped_column(default=False)
    location: Mapped[str | None] = mapped_column(Text)
    attendees: Mapped[list[str]] = mapped_column(default=list)
    recurrence: Mapped[str | None] = mapped_column(Text)
    # Original starts (naive UTC, ISO) of occurrences cancelled alone: RFC 5545 EXDATE.
    exdates: Mapped[list[str]] = mapped_column(default=list)
    # Minutes before the start at which to alert (several allowed): RFC 5545 VALARM.
    alerts: Mapped[list[int]] = mapped_column(default=list)
    # An occurrence changed alone: the series it belongs to and the start it replaces.
    series_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    original_start_utc: Mapped[datetime | None]
    # A stored rule the 0003 upgrade refused (kept, never expanded): see nlu/dates/rrule_limits.py.
    recurrence_quarantine: Mapped[str | None] = mapped_column(Text)
    # The RFC 5545 UID of an event imported from an .ics file: a re-import updates, never copies.
    uid: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]
    utterance: Mapped[str | None] = mapped_column(Text)


class Operation(Base):
    """One write (or undo) made through a conversation: enough to revert and to audit it."""

    __tablename__ = "operations"
    __table_args__ = (Index("ix_operations_session", "owner", "session_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = mapped_column(String(200))
    session_id: Mapped[str] = mapped_column(String(200))
    utterance: Mapped[str | None] = mapped_column(Text)
    parse: Mapped[dict[str, Any] | None]
    operation: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    at: Mapped[datetime]
    reverted_at: Mapped[datetime | None]


class Conversation(Base):
    """What a half-finished exchange is waiting for, so a restart does not lose it."""

    __tablename__ = "conversations"

    owner: Mapped[str] = mapped_column(String(200), primary_key=True)
    session_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    pending: Mapped[dict[str, Any] | None]
    last_event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime]


class ApiKey(Base):
    """One key of one user; revoking sets `revoked_at` (kept for the audit trail).

    `scope` "api": a key sent in a header, for every route; "feed": a read-only token for
    the calendar subscription URL (GET /v1/events.ics?token=...) and nothing else.
    """

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(200), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    label: Mapped[str | None] = mapped_column(String(200))
    read_only: Mapped[bool] = mapped_column(Boolean, default=False)
    scope: Mapped[str] = mapped_column(String(10), default="api", server_default="api")
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
