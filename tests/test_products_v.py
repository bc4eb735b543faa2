"""Data products, phases and survey names of the development set ``fixtures/unseen/abstracts-v`` (issue 12).

Each test tags a sentence in the style of an astronomy abstract with the shipped ontology and rules and
checks the whole name and its type (GUIDELINE "Span extent": releases and phases as written, a data
product of a facility or survey is one DATASET name). The record that showed the class is named in a
comment; the near misses below each class must not change.
"""

from __future__ import annotations

import pytest

from tests.test_linking import concepts, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- 1. A facility's phase written with a hyphen ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # abstracts-v arXiv:1803.10698 (both golds)
        ("The analysis is applied to images from the four H.E.S.S. phase-I telescopes.", "H.E.S.S. phase-I"),
        ("Events recorded by the HERA Phase-II array are simulated.", "HERA Phase-II"),
        # the form with a space keeps working (abstracts-h: "HERA Phase I")
        ("We model the HERA Phase I data with a neural network.", "HERA Phase I"),
    ],
)
def test_a_phase_written_after_a_facility_is_part_of_its_name(real, sentence, name):
    record = tag(real, sentence)
    assert (name, "TELESCOPE") in spans(record)
    assert not any(text in name and text != name for text, _ in spans(record))


def test_a_hyphenated_phase_word_that_names_no_phase_stays_outside(real):
    record = tag(real, "We classify the Kepler phase-folded light curves with a random forest.")
    assert ("Kepler", "TELESCOPE") in spans(record)
    assert not any("phase" in text for text, _ in spans(record))


# -- 2. A mission's numbered campaign, a survey's named sample ----------------------------------------


def test_a_numbered_campaign_of_a_mission_is_a_data_set(real):
    # abstracts-v arXiv:1804.07495 (both golds: DATASET, alt SURVEY/TELESCOPE)
    record = tag(real, "We reach an accuracy of 98% on K2 Campaign 6 stars and of 99% on K2 Campaign 3 stars.")
    assert ("K2 Campaign 6", "DATASET") in spans(record)
    assert ("K2 Campaign 3", "DATASET") in spans(record)
    assert ("K2", "TELESCOPE") not in spans(record)


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # no number: the mission's campaign in general
        ("The K2 campaign light curves were detrended before training.", "K2"),
        # TESS sectors: the golds keep the mission alone (fragments-c measure-fragment-18, abstracts-r
        # arXiv:2504.00347, borderline in one gold)
        ("We use 2-min cadence light curves from TESS Sectors 1-57 for training.", "TESS"),
    ],
)
def test_a_campaign_without_its_number_or_a_sector_range_leaves_the_mission(real, sentence, kept):
    record = tag(real, sentence)
    assert (kept, "TELESCOPE") in spans(record)
    assert not any(label == "DATASET" for _, label in spans(record))


def test_a_survey_sample_named_in_capitals_is_the_data_set(real):
    # abstracts-v arXiv:2312.08043, a title (both golds)
    record = tag(real, "We improve redshifts.", title="Deep learning based photometric redshifts for the Kilo-Degree "
                                                      "Survey Bright Galaxy Sample")
    assert ("Kilo-Degree Survey Bright Galaxy Sample", "DATASET") in spans(record)
    assert concepts(record)["Kilo-Degree Survey Bright Galaxy Sample"] == "dataset:kids-bright"


def test_a_sample_named_by_its_kind_after_a_survey_is_one_product(real):
    record = tag(real, "Redshifts of the BOSS Luminous Red Galaxy Sample are predicted by a CNN.")
    assert ("BOSS Luminous Red Galaxy Sample", "DATASET") in spans(record)


@pytest.mark.parametrize(
    ("sentence", "survey"),
    [
        # abstracts-b arXiv:2501.01942 (a title in lower case: only the survey is annotated)
        ("Enhancing the Kilo-Degree Survey bright galaxy sample photometric redshifts with deep learning.",
         "Kilo-Degree Survey"),
        ("We select the DES galaxy sample with a random forest.", "DES"),
    ],
)
def test_a_sample_described_in_lower_case_is_no_product(real, sentence, survey):
    record = tag(real, sentence)
    assert (survey, "SURVEY") in spans(record)
    assert not any(label == "DATASET" for _, label in spans(record))


def test_a_challenge_data_set_written_with_a_tex_double_hyphen(real):
    # abstracts-v arXiv:2606.02788 (both golds); abstracts-r arXiv:2310.15674 writes an en dash
    record = tag(real, "The public IceCube--Neutrinos in Deep Ice Kaggle competition provided simulated events.")
    assert ("IceCube--Neutrinos in Deep Ice", "DATASET") in spans(record)
    dashed = tag(real, "During the public Kaggle competition “IceCube – Neutrinos in Deep Ice”, many solutions came.")
    assert concepts(dashed)["IceCube – Neutrinos in Deep Ice"] == concepts(record)["IceCube--Neutrinos in Deep Ice"]


# -- 3. Surveys named with a modifier or with the survey they belong to -------------------------------


def test_the_southern_pulsar_survey_of_htru_is_one_name(real):
    # abstracts-v arXiv:1811.04929 (both golds)
    record = tag(real, "We searched archival data of the Southern High Time Resolution Universe pulsar survey.")
    assert spans(record) == [("Southern High Time Resolution Universe pulsar survey", "SURVEY")]
    assert concepts(record)["Southern High Time Resolution Universe pulsar survey"] == \
        "survey:high-time-resolution-universe-survey"


def test_a_survey_layer_written_with_its_survey_is_one_name(real):
    # abstracts-v arXiv:2008.04921 (first gold "LSST Wide-Fast-Deep survey", second "LSST Wide-Fast-Deep")
    record = tag(real, "The PS1-MDS is similar to the planned LSST Wide-Fast-Deep survey in terms of cadence.")
    assert ("LSST Wide-Fast-Deep survey", "SURVEY") in spans(record)
    assert ("LSST", "SURVEY") not in spans(record)
    assert concepts(record)["LSST Wide-Fast-Deep survey"] == "survey:wide-fast-deep"


def test_a_lower_case_cadence_after_lsst_stays_the_survey_alone(real):
    record = tag(real, "We assume the LSST wide-fast-deep cadence for the simulated light curves.")
    assert ("LSST", "SURVEY") in spans(record)
    assert not any("wide" in text.lower() for text, _ in spans(record))
