"""Data sets, surveys and facilities of the development set ``fixtures/unseen/abstracts-w`` (issue 12),
second part: a spectral library, a simulation's halo catalogue, a project that is not a data set,
surveys that share their head word, and a facility's short form defined by the list it sits in.

Each test tags a sentence in the style of an astronomy abstract with the shipped ontology and rules
(GUIDELINE "Span extent"; "Not entities"); the record that showed the class is named in a comment, and
the near misses must not change.
"""

from __future__ import annotations

import pytest

from tests.test_linking import concepts, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- 1. A spectral library is data; a simulation's halo catalogue is its product ----------------------------


def test_a_spectral_library_is_a_data_set(real):
    # abstracts-w arXiv:1108.0514 (both golds: "JHC library" DATASET)
    record = tag(real, "We classify the 161 spectra of the JHC library with a self-organizing map.")
    assert ("JHC library", "DATASET") in spans(record)
    assert concepts(record)["JHC library"] == "dataset:jacoby-hunter-christian-library"


def test_a_code_library_stays_software(real):
    record = tag(real, "The model is written with the PyTorch library and trained on SDSS spectra.")
    assert ("PyTorch", "SOFTWARE") in spans(record)
    assert not any(label == "DATASET" and "PyTorch" in text for text, label in spans(record))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # abstracts-w arXiv:1410.0686 (both golds: "MDPL halo catalog")
        ("Mock clusters are drawn from Multidark's publicly available N-body MDPL halo catalog.",
         "MDPL halo catalog"),
        ("We populate the Bolshoi halo catalogs with galaxies.", "Bolshoi halo catalogs"),
    ],
)
def test_a_simulations_halo_catalogue_is_one_data_set(real, text, name):
    record = tag(real, text)
    assert (name, "DATASET") in spans(record)


def test_a_halo_catalogue_without_a_name_is_nothing(real):
    record = tag(real, "We build a halo catalog with a friends-of-friends finder.")
    assert not any("halo catalog" in text for text, _ in spans(record))


# -- 2. A project that makes data is not a data set ----------------------------------------------------------


def test_the_project_that_organizes_a_challenge_is_not_a_data_set(real):
    # abstracts-w arXiv:1705.07132 (both golds: the challenge, not its organizer)
    record = tag(real, "We took part in the Strong Lensing challenge organised by the Bologna Lens Factory.")
    assert not any("Bologna" in text for text, _ in spans(record))
    assert ("Strong Lensing challenge", "DATASET") in spans(record)


# -- 3. Two surveys sharing one head word -----------------------------------------------------------------------


def test_surveys_that_share_their_head_word_are_each_a_survey(real):
    # abstracts-w arXiv:astro-ph/0606541 (both golds)
    record = tag(real, "We run blind tests on objects in the SDSS, 2dF Galaxy Redshift and 2dF QSO Redshift "
                       "(2QZ) surveys.")
    assert ("2dF Galaxy Redshift", "SURVEY") in spans(record)
    assert ("2dF QSO Redshift", "SURVEY") in spans(record)
    assert ("2QZ", "SURVEY") in spans(record)
    assert ("2dF", "TELESCOPE") not in spans(record)


def test_the_full_survey_name_and_the_bare_instrument_do_not_change(real):
    record = tag(real, "Redshifts come from the 2dF Galaxy Redshift Survey, observed with 2dF on the AAT.")
    assert ("2dF Galaxy Redshift Survey", "SURVEY") in spans(record)
    assert ("2dF", "TELESCOPE") in spans(record)


# -- 4. A facility's short form in a list of known facilities --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # abstracts-w arXiv:astro-ph/0408118 (both golds: "RAPTOR" TELESCOPE)
        "with the advent of ultra-wide-field survey telescopes such as WASP, RAPTOR and ASAS.",
        "Transients were followed up by ROTSE, RAPTOR, and ASAS-SN.",
    ],
)
def test_a_short_form_listed_among_known_facilities_is_a_facility(real, text):
    record = tag(real, text)
    assert ("RAPTOR", "TELESCOPE") in spans(record)


@pytest.mark.parametrize(
    "text",
    [
        "The RAPTOR code traces photons through curved spacetime.",
        "We compare CNN, RAPTOR and a random forest.",
        "Light curves from WASP and RAPTOR.",
    ],
)
def test_a_short_form_that_needs_a_definition_stays_out_elsewhere(real, text):
    record = tag(real, text)
    assert ("RAPTOR", "TELESCOPE") not in spans(record)
