"""The NLU package's settings, read from the environment in one place and checked at once.

    NLU_MODEL    the pipeline `nlu.parse` and the CLI load (default: models/nlu-calendar)
    NLU_CORPUS   a folder with train.jsonl and dev.jsonl to train on instead of the built corpus
    NLU_SHARED   the shared data folder (SLURP devel, the original real-data file; default: ../shared)

Every other module asks `settings()` instead of reading `os.environ`, so a wrong value fails
with a clear message where it is read, and tests can pass their own `Settings`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from nlu.exceptions import NLUError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = ROOT / "models" / "nlu-calendar"
DEFAULT_SHARED = ROOT.parent / "shared"


class BadSetting(NLUError):
    """An NLU_* environment variable names something that is not there."""


@dataclass(frozen=True)
class Settings:
    """Where the NLU finds its model, an overriding corpus and the shared data."""

    model: Path = DEFAULT_MODEL
    corpus: Path | None = None
    shared: Path = DEFAULT_SHARED

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from `env` (default: os.environ); an empty variable counts as unset."""
        env = os.environ if env is None else env
        corpus = _path(env, "NLU_CORPUS")
        if corpus is not None and not corpus.is_dir():
            raise BadSetting(f"NLU_CORPUS={corpus} is not a folder (it should hold train.jsonl and dev.jsonl)")
        return cls(
            model=_path(env, "NLU_MODEL") or DEFAULT_MODEL,
            corpus=corpus,
            shared=_path(env, "NLU_SHARED") or DEFAULT_SHARED,
        )

    @property
    def slurp_devel(self) -> Path:
        """SLURP's devel split: the dev set, never trained on."""
        return self.shared / "data" / "slurp_devel.jsonl"


def _path(env: Mapping[str, str], name: str) -> Path | None:
    value = (env.get(name) or "").strip()
    return Path(value).expanduser() if value else None


def settings() -> Settings:
    """The settings of this process, read from the environment now (cheap; nothing cached,
    so a test that sets a variable sees it)."""
    return Settings.from_env()
