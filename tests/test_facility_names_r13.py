"""TELESCOPE/SURVEY names and their precision (issue 12, round 13, i12be).

A survey's long form that ends in a facility's head noun names the facility; a pair of short forms may define a
pair of names written "A of the B (B/A)"; a detector's code defined after its known name ("LIGO Hanford (H1)") is
that detector; a defined long form before a plural "surveys" is a kind of survey, not one; a bare site after "at"
is a place, a consortium or production team named with a survey is an organisation, and a lettered channel of an
instrument is a band. Sentences are from the development sets (cited by set and id) or written like real papers;
the near misses must not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from astro_ie.extract import Extractor
from tests.test_linking import entity_triples, labels_by_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ROOT / "ontologies")


# -- a survey's long form ending in a facility's head noun is the facility ----------------------------------------


def test_a_survey_long_form_ending_in_telescope_is_the_telescope(extractor):
    # fragments-o r12y-frag-04 (both golds), abstracts-aa arXiv:1903.07939: LAMOST written out is the telescope
    found = labels_by_text(entity_triples(
        extractor,
        "Guoshoujing Telescope (the Large Sky Area Multi-Object Fiber Spectroscopic Telescope, LAMOST) is a "
        "National Major Scientific Project built by the Chinese Academy of Sciences.",
    ))
    assert found.get("Large Sky Area Multi-Object Fiber Spectroscopic Telescope") == {"TELESCOPE"}
    assert found.get("Guoshoujing Telescope") == {"TELESCOPE"}


def test_the_short_form_and_the_survey_names_keep_their_types(extractor):
    # near misses: the short form keeps the concept's type; a survey named with the facility stays a survey
    found = labels_by_text(entity_triples(
        extractor,
        "We use spectra from the LAMOST survey and LAMOST DR8. Transients were classified by the Zwicky "
        "Transient Facility Bright Transient Survey.",
    ))
    assert found.get("LAMOST") == {"SURVEY"}
    assert found.get("LAMOST DR8") == {"DATASET"}
    assert found.get("Zwicky Transient Facility Bright Transient Survey") == {"SURVEY"}


def test_a_defined_survey_keeps_its_short_forms_type(extractor):
    # near miss: "(ZTF)" keeps the type the ontology gives the short form (two golds type bare "ZTF" SURVEY only)
    found = labels_by_text(entity_triples(extractor, "The Zwicky Transient Facility (ZTF) observes the northern sky."))
    assert found.get("ZTF") == {"SURVEY"}


# -- a pair of names written "A of the B (B/A)" ----------------------------------------------------------------


def test_a_pair_of_short_forms_after_an_instrument_of_a_telescope_defines_both(extractor):
    # fragments-o r12y-frag-07 (both golds): the instrument, the telescope it is on, each with its short form
    found = labels_by_text(entity_triples(
        extractor,
        "For a subset of events we add spectropolarimetry from the Spectro-Polarimeter of the Solar Optical "
        "Telescope (SOT/SP) on Hinode. The SP maps are calibrated.",
    ))
    for name in ("Spectro-Polarimeter", "SP", "Solar Optical Telescope", "SOT", "Hinode"):
        assert found.get(name) == {"TELESCOPE"}, name
    assert "SOT/SP" not in found


def test_a_pair_of_short_forms_after_an_instrument_on_board_a_mission_defines_both(extractor):
    # written like a planetary-science data section: an instrument "on board" / "aboard" its mission
    found = labels_by_text(entity_triples(
        extractor,
        "We use images from the Compact Imager on board the Lunar Orbiter Probe (LOP/CI). The CI frames are "
        "flat-fielded. Context comes from the Wide-angle Camera aboard the Mars Express Orbiter (MEX/WAC).",
    ))
    for name in ("Compact Imager", "CI", "Lunar Orbiter Probe", "LOP", "Wide-angle Camera", "WAC", "MEX"):
        assert found.get(name) == {"TELESCOPE"}, name


def test_of_before_a_pair_of_codes_that_name_nothing_defines_nothing(extractor):
    # near miss: a ratio of two quantities written out is no pair of names
    found = entity_triples(
        extractor, "We measure the ratio of the Signal to the Noise (S/N) of the Spectral Energy Distribution."
    )
    assert not {t for t, label, _ in found if label in ("TELESCOPE", "SURVEY")}


# -- a detector's code defined after its known name -------------------------------------------------------------


def test_detector_codes_defined_after_their_names_are_the_detectors(extractor):
    # fragments-o r12y-frag-03 (first gold; the second marks them borderline)
    found = entity_triples(
        extractor,
        "We use strain data from the third observing run of the two Advanced LIGO detectors, LIGO Hanford (H1) "
        "and LIGO Livingston (L1), and of Advanced Virgo (V1). The H1 data are noisier than the L1 data.",
    )
    ids = {t: cid for t, label, cid in found if label == "TELESCOPE"}
    assert ids.get("H1") == ids["LIGO Hanford"]
    assert ids.get("L1") == ids["LIGO Livingston"]
    assert ids.get("V1") == ids["Advanced Virgo"]


def test_detector_codes_after_names_in_capitals_are_the_detectors(extractor):
    # written like a gravitational-wave data section: the name in capitals, or with its arm length glued on
    found = entity_triples(extractor, "We add data from KAGRA (K1) and GEO600 (G1) for the O3GK period.")
    ids = {t: cid for t, label, cid in found if label == "TELESCOPE"}
    assert ids.get("K1") == ids["KAGRA"]
    assert ids.get("G1") == ids["GEO600"]


def test_a_code_that_no_word_of_the_name_starts_defines_nothing(extractor):
    # near miss: a numbered item after a facility's name whose letter the name does not start is no short form
    found = entity_triples(extractor, "Data from LIGO Hanford (Q1) were vetoed by hand.")
    assert not any(t == "Q1" for t, _, _ in found)


# -- a defined long form before a plural "surveys" is a kind of survey -------------------------------------------


def test_a_method_defined_before_plural_surveys_is_no_survey(extractor):
    # abstracts-ab arXiv:2403.03490 (both golds)
    found = entity_triples(
        extractor,
        "Weak Lensing (WL) surveys are reaching unprecedented depths. We train on WL mock datasets.",
    )
    assert not {t for t, label, _ in found if label == "SURVEY"}


def test_a_name_defined_before_a_singular_survey_is_still_a_survey(extractor):
    # near miss: one named survey, its noun after the parenthesis
    found = labels_by_text(entity_triples(extractor, "We use the Southern-sky MWA Rapid Two-metre (SMART) survey."))
    assert found.get("SMART") == {"SURVEY"}


# -- precision: sites, consortia, teams, channels -------------------------------------------------------------


def test_a_bare_site_after_at_is_a_place(extractor):
    # fragments-o r12y-frag-10 (both golds borderline), fragments-d m2-fragment-04 (gold: nothing),
    # fragments-n r12d-frag-02, -08, -09 (second gold: nothing)
    found = labels_by_text(entity_triples(
        extractor,
        "Images were taken with OmegaCAM on the VLT Survey Telescope (VST) at ESO Paranal. Light curves come "
        "from the SPECULOOS-South Observatory at Paranal. We used PMAS/PPak on the 3.5-m telescope at Calar "
        "Alto, and the Lovell Telescope at Jodrell Bank.",
    ))
    for place in ("Paranal", "Calar Alto", "Jodrell Bank"):
        assert place not in found, place
    assert found.get("VST") == {"TELESCOPE"}
    assert found.get("SPECULOOS-South Observatory") == {"TELESCOPE"}


def test_an_observatory_named_whole_after_at_stays(extractor):
    # near misses: the observatory's whole name, or its short form, after "at"
    found = labels_by_text(entity_triples(
        extractor,
        "The camera is mounted on the Schmidt telescope at the Paranal Observatory; the 4-m telescope at CTIO "
        "and the Mayall telescope at Kitt Peak National Observatory were used too.",
    ))
    assert found.get("Paranal Observatory") == {"TELESCOPE"}
    assert found.get("CTIO") == {"TELESCOPE"}
    assert found.get("Kitt Peak National Observatory") == {"TELESCOPE"}


def test_a_facility_named_after_a_person_or_a_thing_after_at_stays(extractor):
    # near misses: an observatory or detector whose name is no place ("at Keck" is the Keck telescopes)
    found = labels_by_text(entity_triples(
        extractor, "Spectra were taken with LRIS at Keck and at Gemini; the events were detected at IceCube."
    ))
    for name in ("Keck", "Gemini", "IceCube"):
        assert found.get(name) == {"TELESCOPE"}, name


def test_a_survey_consortium_or_production_team_is_an_organisation(extractor):
    # fragments-o r12y-frag-10 (both golds: KiDS is not tagged in the acknowledgement)
    found = labels_by_text(entity_triples(
        extractor,
        "Based on data products produced by the KiDS consortium. The KiDS production team acknowledges "
        "support from the Deutsche Forschungsgemeinschaft.",
    ))
    assert "KiDS" not in found


def test_a_survey_before_its_data_keeps_its_type(extractor):
    # near miss: the survey's data, and a consortium's name with capitals (an organisation, already dropped)
    found = labels_by_text(entity_triples(extractor, "We use KiDS data products and thank the Euclid Consortium."))
    assert found.get("KiDS") == {"SURVEY"}
    assert "Euclid" not in found


def test_a_lettered_channel_of_an_instrument_is_a_band(extractor):
    # fragments-o r12y-frag-07 (first gold: nothing; second: borderline)
    found = labels_by_text(entity_triples(
        extractor,
        "Flare labels are taken from the Geostationary Operational Environmental Satellite (GOES) X-ray flare event "
        "list compiled from the 1-8 Å XRS-B channel.",
    ))
    assert "XRS-B" not in found
    assert found.get("GOES") == {"TELESCOPE"}


def test_one_of_a_pair_of_spacecraft_stays(extractor):
    # near miss: "STEREO-A" is a spacecraft (span.yaml phase_patterns)
    found = labels_by_text(entity_triples(extractor, "We use EUVI images from STEREO-A and STEREO-B."))
    assert found.get("STEREO-A") == {"TELESCOPE"}


# -- breadth ----------------------------------------------------------------------------------------------------


def test_a_mission_name_written_in_one_word(extractor):
    # abstracts-aa arXiv:2605.12391 (both golds)
    found = labels_by_text(entity_triples(
        extractor,
        "Our method is of interest for upcoming missions such as the Nancy Grace Roman Space Telescope and "
        "NEOSurveyor.",
    ))
    assert found.get("NEOSurveyor") == {"TELESCOPE"}


# -- a mission's short name inside a coined tool name ------------------------------------------------------------


def test_words_in_capitals_before_a_models_subtitle_are_its_name(extractor):
    # abstracts-aa arXiv:2502.11758 (both golds): the tool is "EBOP MAVEN", no Mars mission
    found = labels_by_text(entity_triples(
        extractor,
        "We develop a machine learning model to inspect dEB light curves of survey missions such as Kepler.",
        title="EBOP MAVEN: A machine learning model for predicting eclipsing binary light curve fitting parameters",
    ))
    assert found.get("EBOP MAVEN") == {"SOFTWARE"}
    assert "MAVEN" not in found
    assert found.get("Kepler") == {"TELESCOPE"}


def test_two_known_facilities_before_a_tools_subtitle_stay_facilities(extractor):
    # near misses: every word is a known name; a subtitle that names no tool
    found = labels_by_text(entity_triples(extractor, "We use HST data.", title="HST ACS: A pipeline for cosmic rays"))
    assert found.get("HST") == {"TELESCOPE"} and found.get("ACS") == {"TELESCOPE"}
    found = labels_by_text(entity_triples(extractor, "We use MAVEN data.", title="MAVEN IUVS: A view of the Martian ionosphere"))
    assert found.get("MAVEN") == {"TELESCOPE"}


# -- a commercial telescope: its maker and its model -------------------------------------------------------------


def test_a_makers_name_and_model_before_telescope_name_one_telescope(extractor):
    # abstracts-aa arXiv:2605.03429 (both golds: the name without the noun)
    found = labels_by_text(entity_triples(
        extractor,
        "In this work, images acquired at La Sagra Observatory (L98) with a Celestron C14+Fastar telescope were "
        "used. Follow-up used a PlaneWave CDK24 telescope.",
    ))
    assert found.get("Celestron C14+Fastar") == {"TELESCOPE"}
    assert found.get("PlaneWave CDK24") == {"TELESCOPE"}


def test_a_maker_alone_names_no_telescope(extractor):
    # near misses: no model's code, or the maker after the noun
    found = entity_triples(extractor, "The Meade telescope was used, a telescope made by Celestron.")
    assert not {t for t, label, _ in found if label == "TELESCOPE"}
