"""The model card is generated from meta.json; SLURP figures can be added without retraining."""

from __future__ import annotations

import json

from nlu import modelcard

META = {
    "name": "nlu_calendar",
    "spacy_version": ">=3.8",
    "description": "Calendar commands",
    "pipeline": ["tok2vec", "ner", "textcat"],
    "labels": {"ner": ["ACTION", "DATE"], "textcat": ["create", "out_of_scope"]},
    "training": {
        "seed": 0,
        "config": "nlu/configs/config.cfg",
        "max_steps": None,
        "data": {
            "origin": "nlu.corpus.build",
            "train": 10,
            "dev": 4,
            "train_by_source": {"generated": 8, "slurp": 2},
            "dev_by_source": {"generated": 4},
            "train_by_intent": {"create": 6, "out_of_scope": 4},
        },
    },
    "dev_scores": {
        "n": 4,
        "intent_accuracy": 0.75,
        "spans": {
            "p": 0.5,
            "r": 1.0,
            "f": 0.6667,
            "per_label": {"DATE": {"p": 0.5, "r": 1.0, "f": 0.6667, "support": 2}},
        },
    },
    "slurp": None,
}


def test_modelcard_renders_every_section():
    card = modelcard.render(META)
    assert "- NER: ACTION, DATE" in card
    assert "| generated | 8 | 4 |" in card and "| slurp | 2 | 0 |" in card
    assert "Uses SLURP (Bastianelli" in card  # credit where SLURP text was used
    assert "| DATE | 0.500 | 1.000 | 0.667 | 2 |" in card
    assert "Intent accuracy: 0.75" in card
    assert "Not measured for these weights yet" in card
    assert "python -m nlu train --config nlu/configs/config.cfg --seed 0\n" in card


def test_modelcard_slurp_figures_rewrite_readme(tmp_path):
    (tmp_path / "meta.json").write_text(json.dumps(META))
    figures = modelcard.parse_slurp_line(
        "intent 0.811  title 0.501  when 0.864  false-writes 0.205  (280 calendar rows, 1753 others)"
    )
    assert figures == {"intent": 0.811, "title": 0.501, "when": 0.864, "false-writes": 0.205}
    modelcard.set_slurp_scores(tmp_path, figures, "slurp-score")
    assert json.loads((tmp_path / "meta.json").read_text())["slurp"]["figures"] == figures
    card = (tmp_path / "README.md").read_text()
    assert "| intent | 0.811 | >= 0.90 | 0.876 |" in card
    assert "| false-writes | 0.205 | <= 0.02 |  |" in card


def test_modelcard_renders_calibration_ablation_and_typed_sections():
    meta = {
        **META,
        "calibration": {"temperature": 2.5, "fitted_on": 800, "ece_before": 0.03, "ece_after": 0.01},
        "typed": {
            "first": {"intent": 0.703, "NAME": 0.645, "DATE": 0.746, "n": 370, "command": "c1"},
            "final": None,
            "command": "c2",
        },
        "ablation": {
            "rows": [
                {
                    "variant": v,
                    "seed": s,
                    "template_ratio": 1.0,
                    "handwritten": True,
                    "vectors": True,
                    "slurp": {"intent": i, "title": 0.8, "when": 0.9, "false-writes": 0.01},
                    "ece": 0.01,
                    "typed": {"intent": 0.9, "NAME": 0.8, "DATE": 0.9},
                    "size_mb": 13.5,
                }
                for v, s, i in (("t1", 0, 0.86), ("t1", 1, 0.84), ("real", 0, 0.7))
            ],
            "command": "python -m nlu.ablation",
        },
    }
    card = modelcard.render(meta)
    assert "Temperature 2.5 fitted on 800 real commands" in card
    assert "First score, with the pipeline shipped before this work: intent 0.703, NAME F1 0.645, DATE F1 0.746" in card
    assert (
        "| t1 | 1 | shipped | 1.0 | yes | yes | 0.840 | 0.800 | 0.900 | 0.010 | 0.010 | 0.900 | 0.800 | 0.900 | 13.5 |"
        in card
    )
    assert "Seed spread of `t1` over seeds [0, 1]: intent 0.840-0.860" in card
