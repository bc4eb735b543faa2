"""Facility, survey and data-set names of the development set ``fixtures/unseen/abstracts-w`` (issue 12).

Each test tags a sentence in the style of an astronomy abstract with the shipped ontology and rules and
checks the whole name and its type (GUIDELINE "Span extent"; "Not entities"). The record that showed the
class is named in a comment; the near misses below each class must not change.
"""

from __future__ import annotations

import pytest

from tests.test_linking import concepts, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- 1. A facility's name with a descriptive tail --------------------------------------------------------


def test_a_detector_written_with_its_kind_is_the_bare_name(real):
    # abstracts-w arXiv:2001.00279 (both golds: "Virgo")
    record = tag(real, "We classify glitches in data of the Virgo interferometer with a convolutional neural network.")
    assert ("Virgo", "TELESCOPE") in spans(record)
    assert concepts(record)["Virgo"] == "telescope:virgo-interferometer"
    assert not any("interferometer" in text for text, _ in spans(record))


def test_a_mission_with_a_lower_case_space_telescope_is_the_mission(real):
    # abstracts-w arXiv:2507.19520 (both golds: "Kepler"; the first marks the long form borderline)
    record = tag(real, "The dataset is acquired from NASA's Kepler space telescope.")
    assert ("Kepler", "TELESCOPE") in spans(record)
    assert ("Kepler space telescope", "TELESCOPE") not in spans(record)


def test_capitalized_space_telescope_names_stay_whole(real):
    record = tag(real, "Light curves from the Kepler Space Telescope and images from the Hubble Space Telescope.")
    assert ("Kepler Space Telescope", "TELESCOPE") in spans(record)
    assert ("Hubble Space Telescope", "TELESCOPE") in spans(record)


def test_smart_telescopes_are_no_facility(real):
    # abstracts-w arXiv:2510.17540: automated amateur "smart telescopes"
    record = tag(real, "Citizen scientists observe with smart telescopes such as the Seestar S50.")
    assert not any(text.lower() == "smart telescopes" for text, _ in spans(record))
    record = tag(real, "Full-disk H-alpha images from the SMART telescope at Hida Observatory are used.")
    assert ("SMART telescope", "TELESCOPE") in spans(record)


# -- 2. An instrument pair written with a slash ----------------------------------------------------------


def test_an_instrument_pair_written_with_a_slash_is_one_name(real):
    # abstracts-w arXiv:2106.14922 (both golds: "GMOS-N/S")
    record = tag(real, "The model maintains high precision on Gemini GMOS-N/S 1x1 and 2x2 binning images.")
    assert ("GMOS-N/S", "TELESCOPE") in spans(record)
    assert ("S", "TELESCOPE") not in spans(record)
    assert ("GMOS-N", "TELESCOPE") not in spans(record)


def test_a_part_after_a_slash_that_is_a_name_stays_its_own(real):
    record = tag(real, "We use EPIC-pn/MOS data of the field and GMOS-N and GMOS-S spectra.")
    assert ("EPIC-pn", "TELESCOPE") in spans(record)
    assert ("MOS", "TELESCOPE") in spans(record)
    assert ("GMOS-N", "TELESCOPE") in spans(record)
    assert ("GMOS-S", "TELESCOPE") in spans(record)


# -- 3. A telescope the ontology had as a survey ---------------------------------------------------------


def test_meerlicht_is_a_telescope(real):
    # abstracts-w arXiv:2407.19461 (both golds: TELESCOPE)
    record = tag(real, "The U-Net was trained on manually labelled full-field MeerLICHT images.")
    assert ("MeerLICHT", "TELESCOPE") in spans(record)
    assert {e.concept_id for e in record.entities if e.text == "MeerLICHT"} == {"telescope:meerlicht"}


# -- 4. A catalogue's name, capitalized, against the objects it lists ------------------------------------


def test_kepler_objects_of_interest_in_lower_case_are_stars(real):
    # abstracts-w arXiv:1706.05459 (both golds: only "Kepler")
    record = tag(real, "We provide a table of rotation periods for these 1132 Kepler objects of interest.")
    assert ("Kepler", "TELESCOPE") in spans(record)
    assert not any("objects of interest" in text for text, _ in spans(record))


def test_the_capitalized_koi_catalog_stays_a_data_set(real):
    record = tag(real, "We train the classifier on the Kepler Objects of Interest and their vetting labels.")
    assert ("Kepler Objects of Interest", "DATASET") in spans(record)


def test_the_strong_lensing_challenge_is_the_lens_finding_challenge(real):
    # abstracts-w arXiv:1705.07132 (both golds: "Strong Lensing challenge")
    record = tag(real, "The method was applied to the Strong Lensing challenge and achieved first place.")
    assert ("Strong Lensing challenge", "DATASET") in spans(record)
    assert concepts(record)["Strong Lensing challenge"] == "dataset:strong-gravitational-lens-finding-challenge"
