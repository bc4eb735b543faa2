"""Tests of astro_ie.digest: the one counting pass every output reads."""

from __future__ import annotations

import datetime as dt
import sys

import pyarrow.parquet as pq
import pytest

from astro_ie.digest import (
    EVIDENCE_COLUMNS,
    EXAMPLES,
    CorpusDigest,
    EvidenceWriter,
    is_candidate,
    ranked,
    year_of,
    year_stats,
)
from astro_ie.errors import InputError
from astro_ie.models import Concept

CONCEPTS = {
    "technique:neural-network": Concept(id="technique:neural-network", label="neural network", type="TECHNIQUE"),
    "technique:cnn": Concept(id="technique:cnn", label="CNN", type="TECHNIQUE", broader=["technique:neural-network"]),
    "technique:machine-learning": Concept(
        id="technique:machine-learning", label="machine learning", type="TECHNIQUE", generic=True
    ),
    "telescope:jwst": Concept(id="telescope:jwst", label="JWST", type="TELESCOPE"),
    "survey:sdss": Concept(id="survey:sdss", label="SDSS", type="SURVEY"),
}


def ent(concept_id: str, label: str = "TECHNIQUE", text: str = "x", generic: bool = False) -> dict:
    return {
        "start": 0,
        "end": 1,
        "text": text,
        "label": label,
        "concept_id": concept_id,
        "concept_label": concept_id.split(":")[1],
        "source": "ruler",
        "generic": generic,
    }


CNN, JWST, SDSS = ent("technique:cnn"), ent("telescope:jwst", "TELESCOPE"), ent("survey:sdss", "SURVEY")
ML = ent("technique:machine-learning", generic=True)


def rec(rid: str, *entities: dict, date: str | None = None, text: str = "") -> dict:
    return {"id": rid, "date": date, "text": text, "entities": list(entities)}


RECORDS = [
    rec("a1", CNN, CNN, JWST, ML, date="2020-03-01"),
    rec("a2", CNN, SDSS, date="2021-01-01"),
    rec("a3", JWST, SDSS, CNN, date="2021-06-30"),
    rec("a4", SDSS),
]


@pytest.fixture
def digest() -> CorpusDigest:
    return CorpusDigest(CONCEPTS).add_all(RECORDS)


def test_concept_counts_and_forms(digest):
    assert (digest.abstracts, digest.mentions) == (4, 10)
    cnn = digest.concepts["technique:cnn"]
    assert (cnn.abstracts, cnn.mentions, dict(cnn.years)) == (3, 4, {2020: 1, 2021: 2})
    assert digest.per_label["TECHNIQUE"] == 5
    assert digest.concepts["technique:machine-learning"].abstracts == 1  # counted, though generic


def test_pairs_leave_generic_concepts_out_unless_asked(digest):
    assert set(digest.pairs) == {
        ("technique:cnn", "telescope:jwst"),
        ("survey:sdss", "technique:cnn"),
        ("survey:sdss", "telescope:jwst"),
    }
    assert "technique:machine-learning" not in digest.shown
    with_generic = CorpusDigest(CONCEPTS, include_generic=True).add_all(RECORDS)
    assert ("technique:cnn", "technique:machine-learning") in with_generic.pairs


def test_pair_tallies_have_years_and_examples(digest):
    pair = digest.pairs[("technique:cnn", "telescope:jwst")]
    assert (pair.abstracts, pair.examples, dict(pair.years)) == (2, ["a1", "a3"], {2020: 1, 2021: 1})
    assert dict(digest.abstracts_per_year) == {2020: 1, 2021: 2}
    assert digest.undated == 1 and digest.dated


def test_rollup_counts_each_abstract_once_for_the_parent(digest):
    parent = digest.rollup_nodes["technique:neural-network"]
    assert (parent.abstracts, parent.mentions, parent.members) == (3, 4, {"technique:cnn"})
    assert ("technique:neural-network", "telescope:jwst") in digest.rollup_pairs


def test_examples_are_the_smallest_ids_in_any_order():
    ids = [f"r{i:03d}" for i in range(50)]
    forward = CorpusDigest(CONCEPTS).add_all(rec(i, CNN, JWST) for i in ids)
    backward = CorpusDigest(CONCEPTS).add_all(rec(i, CNN, JWST) for i in reversed(ids))
    for d in (forward, backward):
        assert d.pairs[("technique:cnn", "telescope:jwst")].examples == ids[:EXAMPLES]


def test_state_does_not_grow_with_the_number_of_abstracts():
    """Flat memory: the tallies of 20 and of 2,000 abstracts over the same concepts are the same size."""

    def size(n: int) -> int:
        d = CorpusDigest(CONCEPTS).add_all(rec(f"r{i:05d}", CNN, JWST, SDSS, date="2022-01-01") for i in range(n))
        tallies = [*d.concepts.values(), *d.pairs.values(), *d.rollup_nodes.values(), *d.rollup_pairs.values()]
        return sum(sys.getsizeof(t.examples) if hasattr(t, "examples") else 0 for t in tallies) + len(tallies)

    assert size(20) == size(2000)


def test_evidence_streams_every_pair_of_every_abstract(tmp_path):
    rows = []
    CorpusDigest(CONCEPTS, evidence=lambda *row: rows.append(row)).add_all(RECORDS)
    full = sorted(r for r in rows if r[0] == "full")
    assert ("full", "technique:cnn", "telescope:jwst", "a1") in full
    assert len(full) == 1 + 1 + 3  # a1: one pair, a2: one, a3: three
    with open(tmp_path / "e.parquet", "wb") as handle:
        writer = EvidenceWriter(handle, rows_per_group=2)
        for row in rows:
            writer(*row)
        writer.close()
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.column_names == list(EVIDENCE_COLUMNS)
    assert [tuple(r.values()) for r in table.to_pylist()] == rows


def test_node_info_of_a_candidate_is_its_most_frequent_surface():
    cand = [ent("candidate:foo", "SURVEY"), ent("candidate:foo", "SURVEY"), ent("candidate:foo", "DATASET")]
    d = CorpusDigest(CONCEPTS).add_all([rec("x", *cand)])
    assert d.node_info("candidate:foo") | {} == {
        "label": "foo",
        "type": "SURVEY",
        "kind": "candidate",
        "generic": False,
        "broader": [],
    }
    assert is_candidate("candidate:foo") and not is_candidate("survey:sdss")


def test_one_ranking_abstracts_then_mentions_then_id(digest):
    assert ranked(digest.concepts)[:2] == ["technique:cnn", "survey:sdss"]
    assert digest.top_concepts()["SURVEY"] == [("survey:sdss", "sdss", 3)]


def test_years_of_dates_and_their_statistics():
    assert year_of("2021-06-30") == 2021 and year_of(dt.date(1999, 1, 1)) == 1999
    assert year_of(None) is None and year_of("") is None
    assert year_stats({2020: 1, 2022: 3}) == {
        "first_year": 2020,
        "last_year": 2022,
        "mean_year": 2021.5,
        "abstracts_per_year": {2020: 1, 2022: 3},
    }
    assert year_stats({}) == {}


def test_a_record_without_an_id_is_refused():
    with pytest.raises(InputError):
        CorpusDigest(CONCEPTS).add({"entities": []})
    with pytest.raises(InputError):
        CorpusDigest(CONCEPTS).add({"id": "x", "entities": [{"label": "SURVEY"}]})
