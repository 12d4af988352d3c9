"""Small dependencies the routes share."""
from __future__ import annotations

from datetime import datetime

from fastapi import HTTPException, Request, status

from assistant.api.schemas import MAX_YEAR, MIN_YEAR, known_zone
from assistant.core import Assistant


def assistant(request: Request) -> Assistant:
    """The Assistant this app serves."""
    return request.app.state.assistant


def checked_zone(tz: str | None) -> str | None:
    """A query-string zone, checked like a body field (422 with the reason)."""
    try:
        return known_zone(tz)
    except ValueError as err:
        raise unprocessable("tz", str(err)) from err


def checked_moment(name: str, value: datetime | None) -> datetime | None:
    """A query-string date-time within the years a calendar holds."""
    if value is not None and not (MIN_YEAR <= value.year <= MAX_YEAR):
        raise unprocessable(name, f"must be between the years {MIN_YEAR} and {MAX_YEAR}")
    return value


def unprocessable(field: str, message: str) -> HTTPException:
    """A 422 naming the query field at fault."""
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"{field}: {message}")
