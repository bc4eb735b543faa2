"""benchmarks/make_corpus.py: synthetic records with dates carry the planted trend, counted in the records."""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import math
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def make_corpus():
    spec = importlib.util.spec_from_file_location("astro_ie_make_corpus", REPO / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_planted_technique_share_rises_linearly_year_by_year(make_corpus):
    years = (2015, 2024)
    records = list(make_corpus.synthetic_records(2000, years=years))
    per_year, planted = Counter(), Counter()
    for record in records:
        year = dt.date.fromisoformat(record["date"]).year
        per_year[year] += 1
        planted[year] += "Kolmogorov-Arnold" in record["abstract"]
    assert sorted(per_year) == list(range(2015, 2025))
    assert set(per_year.values()) == {200}
    shares = [planted[year] / per_year[year] for year in range(2015, 2025)]
    assert shares[0] == pytest.approx(0.05) and shares[-1] == pytest.approx(0.50)
    for year, _share in zip(range(2015, 2025), shares):
        assert planted[year] == math.floor(200 * make_corpus.planted_share(year, years) + 1e-9)
    steps = [b - a for a, b in itertools.pairwise(shares)]
    assert all(step == pytest.approx(0.05, abs=1 / 200) for step in steps)  # linear, rising
    assert all(record["abstract"].count("Kolmogorov") <= 1 for record in records)  # only planted mentions


def test_without_years_the_corpus_is_undated_and_unchanged_by_the_option(make_corpus):
    plain = list(make_corpus.synthetic_records(50))
    assert all("date" not in record for record in plain)
    dated = list(make_corpus.synthetic_records(50, years=(2020, 2020)))
    assert {record["date"][:4] for record in dated} == {"2020"}
    assert list(make_corpus.synthetic_records(50, years=(2020, 2020))) == dated  # reproducible
    assert make_corpus.parse_years("2015-2024") == (2015, 2024)


def test_the_pipeline_finds_the_planted_technique(make_corpus):
    from astro_ie.extract import Extractor
    from astro_ie.models import Abstract
    from astro_ie.resources import default_ontology_dir

    [record] = Extractor(default_ontology_dir()).tag_batch([Abstract(id="x", abstract=make_corpus.PLANTED_SENTENCE)])
    assert make_corpus.PLANTED_CONCEPT in {entity.concept_id for entity in record.entities}
