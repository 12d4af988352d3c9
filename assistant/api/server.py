"""Run the API under uvicorn: one process by default, or several workers sharing the database."""
from __future__ import annotations

import os


def serve(host: str = "127.0.0.1", port: int = 8000, db: str | None = None, *, workers: int = 1,
          log_level: str = "info") -> None:
    """Serve the API until interrupted. Several workers re-create the app from the
    environment in each process (the database URL travels as ASSISTANT_DB)."""
    import uvicorn

    if workers > 1:
        if db:
            os.environ["ASSISTANT_DB"] = db
        uvicorn.run("assistant.api:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level=log_level)
        return
    from assistant.api.factory import create_app, warmed

    uvicorn.run(warmed(create_app(db_url=db)), host=host, port=port, log_level=log_level)
