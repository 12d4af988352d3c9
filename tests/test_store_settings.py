"""Settings: read once from the environment, defaults documented, nonsense refused at start."""
from __future__ import annotations

from datetime import timedelta
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
    settings = Settings.from_env({"ASSISTANT_DATA_DIR": str(tmp_path), "ASSISTANT_TZ": "America/New_York",
                                  "ASSISTANT_LENGTHS": "call=20, default=45"})
    assert settings.url == f"sqlite:///{tmp_path / 'calendar.db'}"
    assert (settings.default_tz, settings.length_of("call"), settings.length_of("x")) == (
        "America/New_York", timedelta(minutes=20), timedelta(minutes=45))
    url = "postgresql+psycopg://u@localhost/cal"
    assert Settings.from_env({"DATABASE_URL": url}).url == url


@pytest.mark.parametrize("env", [
    {"ASSISTANT_TZ": "Mars/Olympus"},
    {"ASSISTANT_LENGTHS": "call=abc"},
    {"ASSISTANT_LENGTHS": "call"},
    {"ASSISTANT_LENGTHS": "call=0"},
    {"DATABASE_URL": "calendar.db"},
])
def test_store_settings_refuse_nonsense(env: dict) -> None:
    with pytest.raises(BadSettings):
        Settings.from_env(env)


def test_store_default_database_is_created_in_the_data_folder(tmp_path) -> None:
    bot = Assistant(settings=Settings.from_env({"ASSISTANT_DATA_DIR": str(tmp_path / "nested" / "data")}))
    bot.events("me")  # first use creates the file and its schema
    assert (tmp_path / "nested" / "data" / "calendar.db").exists()
