"""Confidence calibration: temperature scaling, its fit, ECE and the reliability table."""

from __future__ import annotations

import random

import pytest

from nlu import calibration


def test_calibration_scaling_keeps_the_ranking_and_softens():
    scores = {"create": 0.98, "reschedule": 0.015, "out_of_scope": 0.005}
    soft = calibration.scaled(scores, 3.0)
    assert max(soft, key=soft.get) == "create"
    assert soft["create"] < scores["create"] and abs(sum(soft.values()) - 1.0) < 1e-9
    assert calibration.scaled(scores, 1.0)["create"] == pytest.approx(0.98)


@pytest.mark.slow
def test_calibration_fit_finds_the_temperature_that_made_the_data():
    # Given answers drawn from a model whose true confidence is the raw score scaled by T = 3,
    # When the temperature is fitted on them, Then it comes back near 3 and the ECE drops
    rng = random.Random(0)
    rows = []
    for _ in range(3000):
        raw = {"a": rng.uniform(0.6, 0.999)}
        raw["b"] = 1 - raw["a"]
        true = calibration.scaled(raw, 3.0)
        rows.append((raw, "a" if rng.random() < true["a"] else "b"))
    temperature = calibration.fit_temperature(rows)
    assert 2.5 < temperature < 3.5
    before = calibration.ece([(max(s.values()), gold == max(s, key=s.get)) for s, gold in rows])
    after = calibration.ece(
        [(max(calibration.scaled(s, temperature).values()), gold == max(s, key=s.get)) for s, gold in rows]
    )
    assert after < 0.03 < before


def test_calibration_reliability_table_and_ece():
    pairs = [(0.95, True)] * 9 + [(0.95, False)] + [(0.55, True)] * 5 + [(0.55, False)] * 5
    table = calibration.reliability(pairs)
    assert [(r["low"], r["n"], r["accuracy"]) for r in table] == [(0.5, 10, 0.5), (0.9, 10, 0.9)]
    assert calibration.ece(pairs) == pytest.approx((10 * 0.05 + 10 * 0.05) / 20)
    assert calibration.fit_temperature([]) == 1.0 and calibration.ece([]) == 0.0


def test_calibration_threshold_is_exposed():
    import nlu

    assert nlu.CONFIRM_BELOW == calibration.CONFIRM_BELOW and 0 < nlu.CONFIRM_BELOW < 1
