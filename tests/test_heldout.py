"""Scores on the former held-out sets must not fall (``tests/fixtures/heldout/``).

They were written as held-out text and have been read for errors since 0.2.0
(the round's held-out text is ``tests/fixtures/measure/``, see test_measure.py);
the floors sit a margin under the scores recorded in benchmarks/README.md, so a
change that loses real mentions on them fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from astro_ie import evaluate
from astro_ie.extract import Extractor
from tests.test_unseen import read_records

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"

MICRO_F1_FLOOR = {
    "heldout-abstracts": 0.94,
    "heldout-fragments": 0.89,
    "final-abstracts": 0.91,
    "final-fragments": 0.94,
}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ROOT / "ontologies")


@pytest.mark.parametrize("name", sorted(MICRO_F1_FLOOR))
def test_micro_f1_on_held_out_text_holds(name: str, extractor: Extractor) -> None:
    records = read_records(HELDOUT / f"{name}.jsonl")
    predictions = {
        r.id: [evaluate.PredictedMention(e.text, e.label, e.concept_id) for e in r.entities]
        for r in extractor.tag(records)
    }
    evaluation = evaluate.score(evaluate.load_gold(HELDOUT / f"{name}.gold.jsonl"), predictions, top=10)
    assert evaluation.records.missing == 0 and evaluation.records.gold == len(records), name
    assert evaluation.micro.f1 >= MICRO_F1_FLOOR[name], evaluation.to_table()
