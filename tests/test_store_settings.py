"""Settings: read once from the environment, defaults documented, nonsense refused at start."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest

from assistant import Assistant, BadSettings, Settings


def test_store_settings_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.default_tz == "Europe/Paris"
    assert settings.url == f"sqlite:///{Path('data/calendar.db').resolve()}"
    assert settings.length_of("call") == timedelta(minutes=30)
    assert settings.length_of("Meeting") == timedelta(minutes=60)
    assert settings.length_of("unheard-of kind") == settings.length_of(None) == timedelta(minutes=60)


def test_store_settings_from_environment(tmp_path) -> None:
    settings = Settings.from_env(
        {
            "ASSISTANT_DATA_DIR": str(tmp_path),
            "ASSISTANT_TZ": "America/New_York",
            "ASSISTANT_LENGTHS": "call=20, default=45",
        }
    )
    assert settings.url == f"sqlite:///{tmp_path / 'calendar.db'}"
    assert (settings.default_tz, settings.length_of("call"), settings.length_of("x")) == (
        "America/New_York",
        timedelta(minutes=20),
        timedelta(minutes=45),
    )
    url = "postgresql+psycopg://u@localhost/cal"
    assert Settings.from_env({"DATABASE_URL": url}).url == url


def test_store_settings_reminder_time_and_waking_hours() -> None:
    assert (Settings.from_env({}).reminder_time, Settings.from_env({}).waking) == (time(9), (time(8), time(22)))
    chosen = Settings.from_env({"ASSISTANT_REMINDER_TIME": "07:30", "ASSISTANT_WAKING_HOURS": "06:45-23:15"})
    assert (chosen.reminder_time, chosen.waking) == (time(7, 30), (time(6, 45), time(23, 15)))


@pytest.mark.parametrize(
    "env",
    [
        {"ASSISTANT_TZ": "Mars/Olympus"},
        {"ASSISTANT_LENGTHS": "call=abc"},
        {"ASSISTANT_LENGTHS": "call"},
        {"ASSISTANT_LENGTHS": "call=0"},
        {"DATABASE_URL": "calendar.db"},
        {"ASSISTANT_REMINDER_TIME": "9"},
        {"ASSISTANT_REMINDER_TIME": "25:00"},
        {"ASSISTANT_REMINDER_TIME": "9 am"},
        {"ASSISTANT_WAKING_HOURS": "22:00-08:00"},
        {"ASSISTANT_WAKING_HOURS": "08:00"},
        {"ASSISTANT_WAKING_HOURS": "8-22"},
    ],
)
def test_store_settings_refuse_nonsense(env: dict) -> None:
    with pytest.raises(BadSettings):
        Settings.from_env(env)


def test_store_default_database_is_created_in_the_data_folder(tmp_path) -> None:
    bot = Assistant(settings=Settings.from_env({"ASSISTANT_DATA_DIR": str(tmp_path / "nested" / "data")}))
    bot.events("me")  # first use creates the file and its schema
    assert (tmp_path / "nested" / "data" / "calendar.db").exists()
