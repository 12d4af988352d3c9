"""The REST API (FastAPI): `create_app()` for tests and embedding, `serve()` to run it.

    python -m assistant serve [--host 127.0.0.1] [--port 8000] [--db URL] [--workers N]

OpenAPI docs at /docs. See docs/api.md for the routes, keys and error statuses. The names
below load lazily, so `python -m assistant chat` and `keys` never pay for FastAPI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the type checker sees the real names; at run time they load on first use
    from assistant.api.factory import app_from_env, create_app
    from assistant.api.server import serve

__all__ = ["app_from_env", "create_app", "serve"]


def __getattr__(name: str) -> Any:
    if name in ("create_app", "app_from_env"):
        from assistant.api import factory

        return getattr(factory, name)
    if name == "serve":
        from assistant.api.server import serve

        return serve
    raise AttributeError(name)
