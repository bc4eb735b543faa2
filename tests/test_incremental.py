"""Tests of astro_ie.incremental: which abstracts an update tags, and the merged corpus order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from astro_ie.corpus import write_corpus
from astro_ie.extract import Extractor
from astro_ie.incremental import (
    PreviousRun,
    UpdatePlan,
    abstract_head,
    abstract_of,
    content_key,
    in_period,
    merged_records,
    record_head,
)
from astro_ie.models import Abstract

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")

MINI = Path(__file__).parent / "fixtures" / "mini-ontology"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(MINI)


def abstracts(*specs: tuple[str, str]) -> list[Abstract]:
    return [Abstract(id=i, title=f"On {i}", abstract=text, date="2021-05-01", metadata={"n": i})
            for i, text in specs]


OLD = abstracts(("a", "A CNN on Gaia data."), ("b", "Random forests on SDSS."), ("c", "Nothing here."))


def previous_run(tmp_path: Path, extractor: Extractor, reusable: bool = True) -> PreviousRun:
    records = [json.loads(r.to_json_line()) for r in extractor.tag(OLD)]
    write_corpus(records, tmp_path, extractor.ontology)
    return PreviousRun(tmp_path / "corpus.jsonl", reusable)


def test_content_key_of_an_abstract_equals_that_of_its_tagged_record(extractor):
    for abstract in OLD:
        record = json.loads(next(extractor.tag([abstract])).to_json_line())
        assert content_key(abstract_head(abstract)) == content_key(record_head(record))
        assert abstract_of(record).model_dump(exclude={"source", "line"}) == abstract.model_dump(
            exclude={"source", "line"})


def test_plan_keeps_unchanged_and_retags_changed_and_new(tmp_path, extractor):
    previous = previous_run(tmp_path, extractor)
    new = [OLD[0], abstracts(("b", "Random forests on SDSS and Gaia."))[0], *abstracts(("d", "A CNN."))]
    plan = UpdatePlan.make(previous, new)
    assert (plan.unchanged, plan.replaced) == ({"a"}, {"b"})
    assert [a.id for a in plan.to_tag(new)] == ["b", "d"]

    tagged = [json.loads(r.to_json_line()) for r in extractor.tag([new[1], new[2]])]
    merged = list(merged_records(plan, iter(tagged), iter(tagged)))
    assert [r["id"] for r in merged] == ["a", "b", "c", "d"]
    assert "Gaia" in merged[1]["text"]


def test_with_other_tags_every_abstract_is_tagged_again_in_merged_order(tmp_path, extractor):
    previous = previous_run(tmp_path, extractor, reusable=False)
    new = [*abstracts(("c", "Changed: a CNN."), ("e", "New."))]
    plan = UpdatePlan.make(previous, new)
    assert plan.replaced == {"c"} and not plan.unchanged
    retag = list(plan.to_tag(new))
    assert [a.id for a in retag] == ["a", "b", "c", "e"]
    assert retag[2].abstract == "Changed: a CNN."
    assert retag[0].abstract == OLD[0].abstract and retag[0].metadata == {"n": "a"}


def test_previous_run_needs_a_manifest_and_a_corpus(tmp_path, extractor):
    assert PreviousRun.find(tmp_path, "h", "c") is None
    previous_run(tmp_path, extractor)
    (tmp_path / "manifest.json").write_text(json.dumps({"ontology": {"hash": "h"}, "code_hash": "c"}))
    assert PreviousRun.find(tmp_path, "h", "c").reusable
    assert not PreviousRun.find(tmp_path, "other", "c").reusable


def test_period_is_inclusive_and_leaves_undated_records_out_only_when_given():
    assert in_period(None, None, None) and in_period("2020-01-01", None, None)
    assert in_period("2020-12-31", 2020, 2020) and not in_period("2021-01-01", 2020, 2020)
    assert not in_period(None, 2000, None)
