"""Scores on the former held-out sets must not fall (``tests/fixtures/heldout/``).

They were written as held-out text and have been read for errors since 0.2.0
(the round's held-out text is ``tests/fixtures/measure/``, see test_measure.py);
the floors sit a margin under the scores recorded in benchmarks/README.md, so a
change that loses real mentions on them fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from astro_ie.extract import Extractor
from tests.test_unseen import score_set

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
    records, evaluation = score_set(extractor, HELDOUT, name)
    assert evaluation.records.missing == 0 and evaluation.records.gold == records, name
    assert evaluation.micro.f1 >= MICRO_F1_FLOOR[name], evaluation.to_table()
