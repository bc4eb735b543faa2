"""The tagging hot paths give what the plain code they replace gives, on real text."""

from __future__ import annotations

import pytest
from spacy.language import Language

from astro_ie.extract import Extractor, compose_text
from astro_ie.ingest import read_abstracts
from astro_ie.resources import default_corpus

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    from astro_ie.resources import default_ontology_dir

    return Extractor(default_ontology_dir())


@pytest.fixture(scope="module")
def abstracts() -> list:
    return list(read_abstracts([default_corpus()]))


def test_records_from_the_linkers_tuples_are_the_records_from_doc_ents(extractor, abstracts):
    fast = list(extractor.tag_lines(abstracts))
    plain = Extractor("", nlp=extractor.nlp)
    plain._linker_last = False  # read every entity from doc.ents
    assert list(plain.tag_lines(abstracts)) == fast
    assert sum(line.count('"concept_id"') for line in fast) > 500


def test_records_read_doc_ents_when_a_component_runs_after_the_linker(abstracts):
    from astro_ie.nlp import build_pipeline
    from astro_ie.resources import default_ontology_dir

    nlp = build_pipeline(default_ontology_dir())
    name = "drop_entities_for_test"
    if not Language.has_factory(name):
        Language.component(name, func=lambda doc: doc.set_ents([], default="outside") or doc)
    nlp.add_pipe(name)
    lines = list(Extractor("", nlp=nlp).tag_lines(abstracts[:3]))
    assert all('"entities": []' in line for line in lines)


def test_modifier_start_is_the_plain_search_at_every_position(extractor, abstracts):
    extent = extractor.nlp.get_pipe("astro_linker").index.extent
    texts = [compose_text(a)[0] for a in abstracts[:25]]
    texts += ["Bayesian \nCNN", "a Multi-Task\n CNN", "3D-U-Net", "  - CNN", "SPARSE-CNN", "bayesian  - CNN"]
    found = 0
    for text in texts:
        for start in range(len(text) + 1):
            plain = extent._modifiers.search(text, max(0, start - 80), start)
            assert extent.modifier_start(text, start) == (plain.start() if plain else None), (text, start)
            found += plain is not None
    assert found > 20
