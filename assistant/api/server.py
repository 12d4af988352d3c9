"""Run the API under uvicorn: one process by default, or several workers sharing the database.

Stopping: SIGTERM (or Ctrl-C) stops accepting connections, lets the requests in flight
finish for GRACEFUL_SECONDS, then cancels them. A request thread that is still stuck after
that (waiting on a database lock held elsewhere) would keep Python from exiting, so the
process then ends anyway (`exit_when_stuck`): the database rolls back its open transaction,
and nothing it had not answered was ever acknowledged.

Logs: the access log never shows a secret from a query string (`?token=` feed tokens and
anything named like a key are replaced by REDACTED).
"""

from __future__ import annotations

import copy
import logging
import os
import re
import sys
import threading
import time
from typing import Any

GRACEFUL_SECONDS = 5
STUCK_GRACE_SECONDS = 2
SECRET_IN_QUERY = re.compile(r"(?i)([?&](?:token|key|api_key|apikey|access_token|auth_token)=)[^&\s\"]*")
log = logging.getLogger("assistant.api")


def serve(
    host: str = "127.0.0.1", port: int = 8000, db: str | None = None, *, workers: int = 1, log_level: str = "info"
) -> None:
    """Serve the API until interrupted. Several workers re-create the app from the
    environment in each process (the database URL travels as DATABASE_URL)."""
    import uvicorn

    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": log_level,
        "log_config": log_config(),
        "timeout_graceful_shutdown": GRACEFUL_SECONDS,
    }
    if workers > 1:
        if db:
            os.environ["DATABASE_URL"] = db  # read by each worker's Settings.from_env()
        uvicorn.run("assistant.api:app_from_env", factory=True, workers=workers, **options)
        return
    from assistant.api.factory import create_app, warmed

    uvicorn.run(warmed(create_app(db_url=db)), **options)


class RedactSecrets(logging.Filter):
    """Replace secrets in query strings of log records (uvicorn's access log passes the path as an arg)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def redact(text: str) -> str:
    """'/v1/events.ics?token=feed_abc' -> '/v1/events.ics?token=REDACTED'."""
    return SECRET_IN_QUERY.sub(r"\1REDACTED", text)


def log_config() -> dict[str, Any]:
    """uvicorn's own logging configuration, with RedactSecrets on every handler."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["redact"] = {"()": f"{__name__}.RedactSecrets"}
    for handler in config["handlers"].values():
        handler.setdefault("filters", []).append("redact")
    return config


def exit_when_stuck(grace: float = STUCK_GRACE_SECONDS) -> None:
    """End this process `grace` seconds after its main thread finished, if threads still hold it.

    Python waits for every non-daemon thread at exit, and a request thread blocked in the
    database (a lock held by another process) would keep a stopped server alive for as long.
    The watcher is a daemon thread: when nothing is stuck, the process exits before it wakes.
    """

    def watch() -> None:
        threading.main_thread().join()
        time.sleep(grace)
        stuck = [t.name for t in threading.enumerate() if t is not threading.current_thread() and not t.daemon]
        log.error("still running %.0f s after shutdown (%s): ending the process", grace, ", ".join(stuck))
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        os._exit(0)

    threading.Thread(target=watch, name="exit-when-stuck", daemon=True).start()
