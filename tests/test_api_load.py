"""A tiny version of bench/load_bench.py: a real `python -m assistant serve` on loopback,
2 clients x 5 chat commands, then the rows are counted (the full run is not in `make test`)."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("load_bench", ROOT / "bench" / "load_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_api_load_smoke_no_5xx_no_lost_writes(api_model_parser, capsys):
    status = _bench().main(["--clients", "2", "--commands", "5", "--backend", "sqlite", "--max-seconds", "120"])
    out = capsys.readouterr().out
    assert "10 requests" in out and "5xx 0" in out and "lost 0, duplicated 0, unreported rows 0" in out, out
    assert "mismatched 0" in out, out
    assert status == 0
