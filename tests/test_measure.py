"""Scores on the round's blind measurement sets must not fall (``tests/fixtures/measure/``).

The sets were annotated by people who saw neither the rules nor the other gold,
each twice, apart, and scored without reading their errors (README there): they
are the figures of how astro-ie does on text it never saw. The floors sit a
margin under the scores recorded in benchmarks/README.md, against the first
annotator's gold.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from astro_ie.extract import Extractor
from tests.test_unseen import score_set

ROOT = Path(__file__).resolve().parent.parent
MEASURE = ROOT / "tests" / "fixtures" / "measure"

MICRO_F1_FLOOR = {
    "measure-abstracts": 0.92,
    "measure-abstracts-b": 0.915,
    "measure-abstracts-c": 0.895,
    "measure-fragments": 0.955,
}
FACILITY_F1_FLOOR = {"measure-fragments": 0.965}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ROOT / "ontologies")


@pytest.mark.parametrize("name", sorted(MICRO_F1_FLOOR))
def test_micro_f1_on_blind_text_holds(name: str, extractor: Extractor) -> None:
    records, evaluation = score_set(extractor, MEASURE, name, top=0)
    assert evaluation.records.missing == 0 and evaluation.records.gold == records, name
    assert evaluation.micro.f1 >= MICRO_F1_FLOOR[name], evaluation.micro
    if name in FACILITY_F1_FLOOR:
        facilities = evaluation.labels["TELESCOPE"] + evaluation.labels["SURVEY"]
        assert facilities.f1 >= FACILITY_F1_FLOOR[name], facilities
