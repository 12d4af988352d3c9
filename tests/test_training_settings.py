"""nlu.settings: the environment read in one place, nonsense refused where it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlu.settings import DEFAULT_MODEL, BadSetting, Settings


def test_settings_defaults_when_nothing_is_set():
    s = Settings.from_env({})
    assert s.model == DEFAULT_MODEL and s.corpus is None
    assert s.slurp_devel == s.shared / "data" / "slurp_devel.jsonl"


def test_settings_read_the_variables(tmp_path):
    s = Settings.from_env({"NLU_MODEL": str(tmp_path / "m"), "NLU_CORPUS": str(tmp_path), "NLU_SHARED": "/x"})
    assert (s.model, s.corpus, s.shared) == (tmp_path / "m", tmp_path, Path("/x"))
    assert Settings.from_env({"NLU_MODEL": "  "}).model == DEFAULT_MODEL  # blank counts as unset


def test_settings_refuse_a_corpus_that_is_not_a_folder(tmp_path):
    with pytest.raises(BadSetting, match="NLU_CORPUS"):
        Settings.from_env({"NLU_CORPUS": str(tmp_path / "missing")})


def test_settings_model_variable_reaches_the_parser(monkeypatch, tmp_path):
    from nlu.exceptions import ModelNotFound
    from nlu.parser import Parser

    monkeypatch.setenv("NLU_MODEL", str(tmp_path / "nowhere"))
    with pytest.raises(ModelNotFound, match="nowhere"):
        Parser.load()
