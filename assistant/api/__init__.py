"""The REST API (FastAPI): `create_app()` for tests and embedding, `serve()` to run it.

    python -m assistant serve [--host 127.0.0.1] [--port 8000] [--db URL]

OpenAPI docs at /docs. See docs/api.md for the routes, keys and error statuses.
"""
from __future__ import annotations

from assistant.api.app import app_from_env, create_app
from assistant.api.server import serve

__all__ = ["create_app", "app_from_env", "serve"]
