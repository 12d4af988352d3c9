"""Event UIDs from imported calendars, and feed tokens beside API keys.

- events.uid: the RFC 5545 UID of an event imported from an .ics file (Google Calendar,
  Outlook), unique per owner, so importing the same file again updates those events
  instead of adding copies. Events made here have none (their exported UID is
  event-ID@calendar-assistant);
- api_keys.scope: "api" for API keys (headers only), "feed" for the read-only token a
  calendar app puts in its subscription URL (GET /v1/events.ics?token=...), which opens
  nothing else.

Revision ID: 0004_uids_feed_tokens
Revises: 0003_series_alerts_checks
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_uids_feed_tokens"
down_revision = "0003_series_alerts_checks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("uid", sa.Text(), nullable=True))
        batch.create_index("ux_events_owner_uid", ["owner", "uid"], unique=True)
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("scope", sa.String(10), nullable=False, server_default="api"))


def downgrade() -> None:
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("scope")
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ux_events_owner_uid")
        batch.drop_column("uid")
