"""Series exceptions, alerts, and rows that satisfy the rules every door now enforces.

- events.exdates (EXDATE), events.series_id + events.original_start_utc (RECURRENCE-ID),
  events.alerts (VALARM minutes), events.recurrence_quarantine;
- every stored recurrence passes nlu.dates.rrule_limits.check_rrule: a rule it can repair is
  rewritten in stored form ("RRULE:" prefix dropped, a DTSTART line inside dropped), a rule
  it refuses moves to recurrence_quarantine (kept for the owner to see, never expanded:
  the event stays as its first occurrence);
- an event whose end is not after its start (left by racing PATCHes before row locks)
  ends one hour after its start, then CHECK (end_utc > start_utc) holds from now on.

Revision ID: 0003_series_alerts_checks
Revises: 0002_api_keys
Create Date: 2026-11-30
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0003_series_alerts_checks"
down_revision = "0002_api_keys"
branch_labels = None
depends_on = None

REPAIRED_LENGTH = timedelta(hours=1)


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("exdates", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("alerts", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("original_start_utc", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("recurrence_quarantine", sa.Text(), nullable=True))
    repair_rows(op.get_bind())
    with op.batch_alter_table("events") as batch:
        batch.create_foreign_key("fk_events_series", "events", ["series_id"], ["id"], ondelete="CASCADE")
        batch.create_index("ix_events_series", ["series_id"])
        batch.create_check_constraint("ck_events_end_after_start", "end_utc > start_utc")


def repair_rows(bind: sa.Connection) -> None:
    """Bring every stored row within the rules (see the module docstring)."""
    events = sa.table(
        "events",
        sa.column("id", sa.Integer()),
        sa.column("start_utc", sa.DateTime()),
        sa.column("end_utc", sa.DateTime()),
        sa.column("tz", sa.String()),
        sa.column("recurrence", sa.Text()),
        sa.column("recurrence_quarantine", sa.Text()),
    )
    rows = bind.execute(
        sa.select(events.c.id, events.c.start_utc, events.c.end_utc, events.c.tz, events.c.recurrence).where(
            events.c.recurrence.is_not(None)
        )
    ).all()
    for row in rows:
        stored, quarantined = repaired_rule(row.recurrence, row.start_utc, row.tz)
        if stored != row.recurrence or quarantined:
            bind.execute(
                events.update()
                .where(events.c.id == row.id)
                .values(recurrence=stored, recurrence_quarantine=quarantined)
            )
    broken = sa.select(events.c.id, events.c.start_utc).where(events.c.end_utc <= events.c.start_utc)
    for bad in bind.execute(broken).all():  # in Python: SQLite has no interval arithmetic
        bind.execute(events.update().where(events.c.id == bad.id).values(end_utc=bad.start_utc + REPAIRED_LENGTH))


def repaired_rule(rule: str, start_utc: datetime, tz: str) -> tuple[str | None, str | None]:
    """(recurrence to keep, rule to quarantine): the rule's stored form, or None and the rule."""
    from nlu.dates.rrule_limits import check_rrule
    from nlu.exceptions import BadRecurrence

    lines = [line.strip() for line in str(rule).splitlines() if line.strip()]
    rrule_lines = [line for line in lines if line.upper().startswith(("RRULE:", "FREQ="))]
    candidate = rrule_lines[0] if len(rrule_lines) == 1 else str(rule)
    try:
        wall = start_utc.replace(tzinfo=UTC).astimezone(ZoneInfo(tz)).replace(tzinfo=None)
        return check_rrule(candidate, wall, tz=tz), None
    except (BadRecurrence, KeyError, ValueError):
        return None, str(rule)


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_constraint("ck_events_end_after_start", type_="check")
        batch.drop_index("ix_events_series")
        batch.drop_constraint("fk_events_series", type_="foreignkey")
        batch.drop_column("recurrence_quarantine")
        batch.drop_column("original_start_utc")
        batch.drop_column("series_id")
        batch.drop_column("alerts")
        batch.drop_column("exdates")
