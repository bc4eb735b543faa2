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
    texts += ["Bayesian \nCNN", "a Multi-Task\n CNN", "3D-U-Net", "  - CNN", "SPARSE-CNN", "bayesian  - CNN",
              "multi-ta\u017fk CNN", "MULTITASK CNN", "caf\u00e9 multi-task CNN", "multi-tas\u212a CNN"]
    found = 0
    for text in texts:
        for start in range(len(text) + 1):
            plain = extent._modifiers.search(text, max(0, start - 80), start)
            assert extent.modifier_start(text, start) == (plain.start() if plain else None), (text, start)
            found += plain is not None
    assert found > 20


def test_token_arrays_are_the_docs_attributes_and_follow_the_doc(extractor, abstracts):
    from spacy.attrs import IDX, LENGTH, LOWER, NORM, ORTH, SPACY

    from astro_ie.ruler_index import token_arrays

    first, second = (extractor.make_doc(a) for a in abstracts[:2])
    arrays = token_arrays(first)
    assert token_arrays(first) is arrays  # read once per doc
    for attr in (ORTH, NORM, LOWER, IDX, LENGTH, SPACY):
        assert arrays.values(attr) == first.to_array(attr).tolist()
    assert arrays.ends() == [t.idx + len(t) for t in first]
    other = token_arrays(second)  # another doc: its own arrays
    assert other is not arrays and other.values(ORTH) == second.to_array(ORTH).tolist()
    with first.retokenize() as retokenizer:  # a doc retokenized since: read again
        retokenizer.merge(first[0:2])
    assert token_arrays(first).values(ORTH) == first.to_array(ORTH).tolist()


def test_abbreviation_offsets_are_the_detectors_spans(extractor, abstracts):
    from astro_ie.ruler_index import ABBREVIATION_TUPLES, abbreviation_tuples

    found = 0
    for doc in extractor.nlp.pipe(extractor.make_doc(a) for a in abstracts):
        plain = [(s.start, s.end, s._.long_form.start, s._.long_form.end) for s in doc._.abbreviations]
        assert doc.user_data.get(ABBREVIATION_TUPLES, []) == plain
        doc.user_data.pop(ABBREVIATION_TUPLES, None)
        assert abbreviation_tuples(doc) == plain  # read from the extensions when the detector left none
        found += len(plain)
    assert found > 100
