"""Tests of astro_ie.extract: from abstracts to tagged records (text layout, order, fields)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from astro_ie.extract import Extractor, compose_text
from astro_ie.models import Abstract, Speaker, TaggedRecord

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")

MINI = Path(__file__).parent / "fixtures" / "mini-ontology"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(MINI)


def test_text_is_title_blank_line_abstract():
    text, start = compose_text(Abstract(id="a", title="  Deep learning \n", abstract="A CNN."))
    assert (text, start) == ("Deep learning\n\nA CNN.", len("Deep learning\n\n"))
    assert compose_text(Abstract(id="a", title=" ", abstract="A CNN.")) == ("A CNN.", 0)


def test_records_keep_the_order_and_fields_of_the_abstracts(extractor):
    abstracts = [
        Abstract(
            id=f"id-{i}",
            title=f"Title {i}",
            abstract=f"Abstract {i} uses a CNN.",
            session="S",
            number=i,
            date=dt.date(2024, 7, 8),
            speakers=[Speaker(name="A. B.", invited=True)],
            metadata={"k": i},
        )
        for i in range(7)
    ]
    records = list(extractor.tag(abstracts, batch_size=3))
    assert [r.id for r in records] == [a.id for a in abstracts]
    for record, abstract in zip(records, abstracts):
        assert isinstance(record, TaggedRecord)
        assert (record.title, record.session, record.number, record.date, record.metadata) == (
            abstract.title,
            abstract.session,
            abstract.number,
            abstract.date,
            abstract.metadata,
        )
        assert record.speakers == abstract.speakers
        assert record.text[record.abstract_start :] == abstract.abstract
        TaggedRecord.model_validate(record.model_dump())


def test_an_abstract_only_record_is_tagged_on_its_abstract_alone(extractor):
    [record] = extractor.tag_batch([Abstract(id="a", abstract="Self-organising maps on Gaia DR3.")])
    assert (record.title, record.text, record.abstract_start) == ("", "Self-organising maps on Gaia DR3.", 0)
    assert [record.text[e.start : e.end] for e in record.entities] == [e.text for e in record.entities]
    assert "Self-organising maps" in [e.text for e in record.entities]


def test_batch_size_does_not_change_the_records(extractor):
    abstracts = [
        Abstract(id=str(i), title="SOMs", abstract=text)
        for i, text in enumerate(
            [
                "A random forest (RF) and the RF.",
                "The RF alone.",
                "A DANN is a domain-adversarial neural network (DANN).",
                "Gaia DR3 and DES DR4.",
                "Hubble constant and Hubble images.",
            ]
        )
    ]
    one_by_one = [r.to_json_line() for r in extractor.tag(abstracts, batch_size=1)]
    together = [r.to_json_line() for r in extractor.tag_batch(abstracts)]
    assert one_by_one == together


def test_entity_fields_come_from_the_ontology_or_the_candidate(extractor):
    [record] = extractor.tag_batch(
        [
            Abstract(
                id="a",
                title="Maps",
                abstract=("Self-organising maps and machine learning; a domain-adversarial neural network (DANN)."),
            )
        ]
    )
    by_text = {e.text: e for e in record.entities}
    som = by_text["Self-organising maps"]
    assert (som.concept_id, som.concept_label, som.generic, som.source) == (
        "technique:self-organizing-map",
        "self-organizing map",
        False,
        "ruler",
    )
    assert by_text["machine learning"].generic is True
    dann = by_text["DANN"]
    assert (dann.concept_id, dann.concept_label, dann.source) == (
        "candidate:domain-adversarial-neural-network",
        "domain-adversarial neural network",
        "abbreviation",
    )


def test_extractor_can_reuse_a_pipeline(extractor):
    again = Extractor(MINI, nlp=extractor.nlp)
    assert again.nlp is extractor.nlp
    assert again.ontology is extractor.ontology
    assert len(again.ontology) == len(extractor.ontology)


def test_bulk_lines_are_the_model_records_byte_for_byte():
    """tag_lines() skips the models for speed; it must write exactly what the models would."""
    from astro_ie.ingest import read_abstracts
    from astro_ie.nlp import build_pipeline

    book = Path(__file__).resolve().parent.parent / "data" / "ml4astro-2024-book-of-abstracts.txt"
    abstracts = list(read_abstracts([book]))[:25]
    extractor = Extractor(MINI, nlp=build_pipeline(MINI))
    models = [record.to_json_line() for record in extractor.tag(abstracts)]
    assert list(extractor.tag_lines(abstracts)) == models
    assert any('"entities": [{' in line for line in models)
