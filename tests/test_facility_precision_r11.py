"""Precision of TELESCOPE/SURVEY mentions on fresh abstracts (issue 12, round 11, i12ak).

Sentences are from fresh arXiv abstracts nobody annotated (cited by id); the near misses must not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from astro_ie.extract import Extractor
from tests.test_linking import entity_triples

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ROOT / "ontologies")


def test_a_known_instrument_defined_after_its_capitalised_name_keeps_its_concept(extractor):
    # arXiv:2503.16690: "Magellan" is the first word of the instrument's name, not the telescope, and the
    # defined short form is the known instrument MagAO-X.
    text = (
        "We discuss the real-time implementation on the Magellan Adaptive Optics eXtreme (MagAO-X) "
        "instrument using the optimized TensorRT framework."
    )
    found = entity_triples(extractor, text)
    assert ("MagAO-X", "TELESCOPE", "telescope:magao-x") in found
    assert ("Magellan Adaptive Optics eXtreme", "TELESCOPE", "telescope:magao-x") in found
    assert not any(t == "Magellan" for t, _, _ in found)


def test_a_known_short_form_after_a_lower_case_description_stays_untyped(extractor):
    # near miss: a description in lower case is no name; its short form is no facility
    found = entity_triples(extractor, "We model the digital terrain model (DTM) of the crater floor.")
    assert not any(label in ("TELESCOPE", "SURVEY") for _, label, _ in found)


def test_a_known_instrument_written_alone_is_still_tagged(extractor):
    # near miss: the instrument without a definition
    assert ("MagAO-X", "TELESCOPE", "telescope:magao-x") in entity_triples(
        extractor, "We use wavefront sensor data from the MagAO-X instrument."
    )


def test_the_telescope_named_alone_stays_tagged(extractor):
    # near miss: the Magellan telescopes themselves
    found = entity_triples(extractor, "Spectra were taken with the Magellan telescopes at Las Campanas.")
    assert any(t.startswith("Magellan") and label == "TELESCOPE" for t, label, _ in found)
