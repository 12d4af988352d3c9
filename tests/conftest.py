"""Shared fixtures. Each area adds its own below, in its own clearly headed section."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# The reference time of every golden case: Monday 2026-11-23 09:00 (the issues' examples).
NOW = datetime(2026, 11, 23, 9, 0)


@pytest.fixture(scope="session")
def now() -> datetime:
    return NOW
