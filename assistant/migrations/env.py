"""Alembic environment: runs on the connection assistant.db.upgrade hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from assistant.models import Base

config = context.config
target_metadata = Base.metadata


def run(connection: Connection) -> None:
    # render_as_batch lets later revisions ALTER tables on SQLite too.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:  # the alembic command line, with sqlalchemy.url set in its config
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise SystemExit("set sqlalchemy.url in the Alembic config, or run the upgrade through assistant.db")
    with create_engine(url).connect() as conn:
        run(conn)
        conn.commit()
