"""Classes of span-extent errors on arXiv text the project never saw (issue 12, development sets
``fixtures/unseen/abstracts-p``, ``abstracts-q``, ``fragments-j``).

Each test tags real sentences of those sets (or of older unseen sets with the same class) with the
shipped ontology and rules, and checks the whole name and its type as the guideline asks ("Span
extent", "Not entities").
"""

from __future__ import annotations

import pytest

from tests.test_linking import concepts, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- 1. A part of an instrument written after a hyphen, at the end of a sentence -----------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # fragments-j r8y-frag-02
        ("Archival pointed observations come from XMM-Newton and Chandra ACIS-I.", "ACIS-I"),
        # heldout-fragment-05: one spacecraft of a pair
        ("Coronal images were taken by SOHO and STEREO-A.", "STEREO-A"),
    ],
)
def test_a_part_letter_before_a_full_stop_stays_with_its_instrument(real, sentence, name):
    assert (name, "TELESCOPE") in spans(tag(real, sentence))


# -- 2. A facility's data release named by its year ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "concept"),
    [
        # abstracts-q arXiv:2503.00108
        (
            "Applying this framework to Planck 2018 Cosmic Microwave Background (CMB) temperature anisotropy data "
            "we find our reconstructed PPS to be consistent with near scale-invariance.",
            "Planck 2018",
            "dataset:planck-legacy-release",
        ),
        ("We choose a prior on the optical depth based on Planck 2015 measurements.", "Planck 2015",
         "dataset:planck-pr2"),
        # fragments-d m2-fragment-07
        ("The training cosmologies were drawn from a Latin hypercube spanning the Planck 2018 prior volume.",
         "Planck 2018", "dataset:planck-legacy-release"),
    ],
)
def test_a_facility_and_the_year_of_a_known_release_is_that_release(real, sentence, name, concept):
    record = tag(real, sentence)
    assert (name, "DATASET") in spans(record)
    assert concepts(record)[name] == concept
    assert ("Planck", "TELESCOPE") not in spans(record)


def test_a_year_that_names_no_known_release_leaves_the_facility(real):
    # fragments-h r6y-frag-09 and fragments fragment-19: an observing season, and a range of them
    record = tag(real, "We add the SPT-3G 2019 temperature data and the SPT-3G 2019/2020 maps of the main field.")
    assert spans(record) == [("SPT-3G", "TELESCOPE"), ("SPT-3G", "TELESCOPE")]


# -- 3. A simulation written with the model that populated it, or with one of its runs ----------


def test_a_simulation_hyphenated_with_the_model_that_populated_it_is_one_data_set(real):
    # abstracts-q arXiv:2507.20378
    record = tag(real, "Trained on the Uchuu-UniverseMachine simulation, our approach significantly reduces scatter.")
    assert spans(record) == [("Uchuu-UniverseMachine", "DATASET")]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # fragments-j r8y-frag-05
        ("The large-volume validation uses TNG300-1 and the FLAMINGO L1_m9 run.", "FLAMINGO L1_m9"),
        ("Galaxies are drawn from the EAGLE L0100N1504 run.", "EAGLE L0100N1504"),
    ],
)
def test_a_simulation_and_the_code_of_its_run_is_one_data_set(real, sentence, name):
    assert (name, "DATASET") in spans(tag(real, sentence))
