"""Tests of astro_ie.incremental: which abstracts an update tags, and the merged corpus order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from astro_ie.corpus import corpus_path, read_corpus, write_corpus
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
    return [Abstract(id=i, title=f"On {i}", abstract=text, date="2021-05-01", metadata={"n": i}) for i, text in specs]


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
            exclude={"source", "line"}
        )


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


def tagged_lines(extractor: Extractor, items: list[Abstract]) -> list[bytes]:
    return [(line + "\n").encode("utf-8") for line in extractor.tag_lines(items)]


def many(n: int, start: int = 0, extra: str = "") -> list[Abstract]:
    texts = ["A CNN on Gaia data.", "Random forests on SDSS.", "Nothing here.", "A CNN and a random forest on SDSS."]
    return abstracts(*((f"r{i:04d}", texts[i % len(texts)] + extra) for i in range(start, start + n)))


def files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.mark.parametrize("compress", ["none", "gzip", "auto"])
def test_update_in_place_writes_the_bytes_of_a_full_pass(tmp_path, extractor, monkeypatch, compress):
    """Previous run of 23, then 1 changed + 5 new: whole gzip members copied, rows spliced, same bytes as one pass."""
    from astro_ie import corpus as corpus_module
    from astro_ie.incremental import update_outputs

    monkeypatch.setattr(corpus_module, "GZIP_MEMBER_RECORDS", 4)
    monkeypatch.setattr(corpus_module, "MENTION_ROWS_PER_GROUP", 7)
    old, new = many(23), many(5, start=23)
    changed = abstracts(("r0009", "A CNN on SDSS and Gaia, with a random forest."))
    old_lines = tagged_lines(extractor, old)
    write_corpus(
        [(line, json.loads(line)) for line in old_lines], tmp_path / "out", extractor.ontology, compress=compress
    )
    if compress == "auto":  # the previous corpus is plain, the merged one passes the size: gzipped
        monkeypatch.setattr(corpus_module, "AUTO_GZIP_BYTES", (tmp_path / "out" / "corpus.jsonl").stat().st_size)
    (tmp_path / "out" / "manifest.json").write_text(
        json.dumps({"ontology": {"hash": "h"}, "code_hash": "c", "parameters": {"tables": ["parquet"]}})
    )
    previous = PreviousRun.find(tmp_path / "out", "h", "c")
    assert previous.indexed and previous.reusable
    plan = UpdatePlan.make(previous, [*changed, *new])
    assert plan.replaced == {"r0009"} and plan.positions == {"r0009": 9}
    part = tmp_path / "part.jsonl"
    part.write_bytes(b"".join(tagged_lines(extractor, [*changed, *new])))
    copied = []
    copy_member = corpus_module.CorpusSink.copy_member
    monkeypatch.setattr(
        corpus_module.CorpusSink,
        "copy_member",
        lambda self, raw, *args: copied.append(raw) or copy_member(self, raw, *args),
    )
    summary = update_outputs(plan, [part], tmp_path / "updated", extractor.ontology, compress=compress)
    assert summary is not None and summary.abstracts == 28
    assert len(copied) == (4 if compress == "gzip" else 0)  # members 1, 2, 4, 5 of 6: no change, full
    if compress == "auto":
        assert (tmp_path / "out" / "corpus.jsonl").exists() and summary.corpus_file == "corpus.jsonl.gz"

    merged = [*old[:9], *changed, *old[10:], *new]
    lines = tagged_lines(extractor, merged)
    write_corpus([(line, json.loads(line)) for line in lines], tmp_path / "full", extractor.ontology, compress=compress)
    assert files(tmp_path / "updated") == files(tmp_path / "full")
    assert [r["id"] for r in read_corpus(corpus_path(tmp_path / "updated"))] == [a.id for a in merged]


def test_digest_takes_back_a_record_exactly_or_asks_for_a_recount(extractor):
    from astro_ie.digest import CorpusDigest, Recount

    records = [json.loads(line) for line in tagged_lines(extractor, many(9))]
    other = json.loads(tagged_lines(extractor, abstracts(("r0005", "Random forests on SDSS.")))[0])
    full = CorpusDigest(extractor.ontology.concepts).add_all([*records[:5], other, *records[6:]])
    digest = CorpusDigest.from_state(
        CorpusDigest(extractor.ontology.concepts).add_all(records).to_state(), extractor.ontology.concepts
    )
    digest.remove(records[5], 5)
    digest.add(other, 5)
    digest.check()
    assert digest.to_state() == full.to_state()

    first = CorpusDigest(extractor.ontology.concepts).add_all(records)
    first.remove(records[0], 0)  # the first mention of its concepts, and one of three examples
    first.add(json.loads(tagged_lines(extractor, abstracts(("r0000", "Nothing here.")))[0]), 0)
    with pytest.raises(Recount):
        first.check()
