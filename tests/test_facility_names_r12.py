"""TELESCOPE/SURVEY names and their precision (issue 12, round 12, i12au).

A defined long form "X Y Telescope (ABC)" is one facility named by its head; a generic facility phrase
("Radio Observatory", "Patrol Telescope") found inside a longer capitalised name that is something else is
no facility of its own. Sentences are from the development sets (cited by set and id) or written like
real papers; the near misses must not change.
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


def _facilities(found: set[tuple[str, str, str | None]]) -> set[str]:
    return {t for t, label, _ in found if label in ("TELESCOPE", "SURVEY")}


# -- a defined long form written beside another, "X/Y (A/B)" -------------------------------------------------


def test_a_pair_of_long_forms_defines_each_short_form_of_the_pair(extractor):
    # abstracts-x arXiv:1909.06580 (both golds): the observatory and its telescope, each with its short form
    found = entity_triples(
        extractor,
        "These images are obtained from the Big Bear Solar Observatory/Full-Disk H-alpha Patrol Telescope "
        "(BBSO/FDHA) in 2013. The FDHA images are taken every minute.",
    )
    telescopes = {t: cid for t, label, cid in found if label == "TELESCOPE"}
    assert "Full-Disk H-alpha Patrol Telescope" in telescopes
    assert telescopes.get("FDHA") == telescopes["Full-Disk H-alpha Patrol Telescope"]
    assert telescopes.get("BBSO") == telescopes.get("Big Bear Solar Observatory") is not None
    assert "Patrol Telescope" not in telescopes


def test_a_pair_of_known_facilities_keeps_their_concepts(extractor):
    # near miss: both names are known; the pair changes nothing
    found = entity_triples(
        extractor,
        "We use magnetograms from the Solar Dynamics Observatory/Helioseismic and Magnetic Imager (SDO/HMI).",
    )
    assert ("SDO", "TELESCOPE", "telescope:solar-dynamics-observatory") in found
    assert any(t == "HMI" and label == "TELESCOPE" for t, label, _ in found)


def test_a_possessive_after_the_second_long_form_stays_out_of_it(extractor):
    # near miss, abstracts-r arXiv:2403.02536: the instrument's name ends before "'s"
    found = entity_triples(
        extractor,
        "the dataset combines the Solar Dynamics Observatory/Helioseismic and Magnetic Imager's (SDO/HMI) Space "
        "weather HMI Active Region Patches (SHARP) with older data.",
    )
    assert any(t == "Helioseismic and Magnetic Imager" and label == "TELESCOPE" for t, label, _ in found)
    assert not any(t.endswith("'s") for t, _, _ in found)


def test_a_slash_between_codes_in_parentheses_defines_nothing(extractor):
    # near miss: a ratio or a pair of bands in parentheses is no definition
    found = entity_triples(extractor, "We compare the flux ratio of the two lines (Ha/Hb) across the sample.")
    assert not _facilities(found)


# -- a hyphenated word with a capital first part is inside the name ---------------------------------------------


def test_a_capitalised_name_keeps_its_hyphenated_word(extractor):
    # abstracts-x arXiv:1909.06580: "H-alpha" is a word of the telescope's name, not where it starts
    found = entity_triples(extractor, "Observations were taken with the Full-Disk H-alpha Patrol Telescope in 2013.")
    assert "Full-Disk H-alpha Patrol Telescope" in _facilities(found)
    assert "Patrol Telescope" not in _facilities(found)


def test_a_lower_case_word_before_the_name_stays_out(extractor):
    # near miss: a description before a capitalised name is not part of it
    found = entity_triples(extractor, "We took wide-field images with the Abbey Ridge Patrol Telescope in 2019.")
    assert "Abbey Ridge Patrol Telescope" in _facilities(found)
    assert not any("wide" in t for t in _facilities(found))


# -- a facility phrase inside a longer name that is something else ---------------------------------------------


def test_a_facility_phrase_that_opens_a_software_name_is_no_facility(extractor):
    # abstracts-x arXiv:2307.01054 (both golds): "Radio Observatory Anomaly Detector" is a framework
    found = entity_triples(
        extractor,
        "We present the Radio Observatory Anomaly Detector (ROAD), a framework that combines both SSL-based "
        "anomaly detection and a supervised classification.",
    )
    assert "Radio Observatory" not in _facilities(found)


def test_a_navigation_satellite_system_is_no_facility(extractor):
    # abstracts-x arXiv:2509.00631 (both golds): GNSS navigates, it observes nothing astronomical
    found = entity_triples(
        extractor,
        "The ionosphere critically influences Global Navigation Satellite Systems (GNSS), satellite "
        "communications, and Low Earth Orbit (LEO) operations. The BeiDou Navigation Satellite System is one.",
    )
    assert not any("Satellite" in t for t in _facilities(found))


def test_an_observatory_inside_a_database_name_is_no_facility(extractor):
    # abstracts-x arXiv:2101.12628 (both golds): the observatories name who built the database
    found = entity_triples(
        extractor,
        "This study was conducted using images from the Hong Kong/Australian Astronomical Observatory/Strasbourg "
        "Observatory H-alpha Planetary Nebula research platform database (HASH DB) and the Panoramic Survey "
        "Telescope and Rapid Response System (Pan-STARRS).",
    )
    assert "Strasbourg Observatory" not in _facilities(found)
    assert "Pan-STARRS" in _facilities(found)


def test_an_unknown_observatory_followed_by_punctuation_stays_a_facility(extractor):
    # near miss: the name ends where the capitals end
    found = entity_triples(extractor, "Spectra were obtained at the Abbey Ridge Observatory, and reduced with IRAF.")
    assert "Abbey Ridge Observatory" in _facilities(found)


def test_an_unknown_observatory_before_its_telescope_in_lower_case_stays_a_facility(extractor):
    # near miss: the telescope named after the site, its noun in lower case
    found = entity_triples(extractor, "We used the Abbey Ridge Observatory Schmidt telescope for follow-up.")
    assert "Abbey Ridge Observatory" in _facilities(found)


def test_an_unknown_observatory_followed_by_its_instrument_stays_a_facility(extractor):
    # near miss: what follows is another facility's name, not the rest of a name of something else
    found = entity_triples(extractor, "We observed with the Abbey Ridge Observatory Schmidt Telescope in 2019.")
    assert any(t.startswith("Abbey Ridge Observatory") for t in _facilities(found))


# -- the tail of a known name is no new name -------------------------------------------------------------------


def test_a_title_cut_by_a_parenthesis_is_no_new_survey(extractor):
    # abstracts-y arXiv:2102.12776 (both golds): "Energy Survey" is the tail of the Dark Energy Survey
    found = entity_triples(
        extractor,
        "Employing the Dark Energy Survey (DES) and machine learning techniques, we classify dwarf galaxies.",
        title="Dwarfs from the Dark (Energy Survey): a machine learning approach to classify dwarf galaxies",
    )
    assert "Energy Survey" not in _facilities(found)
    assert ("Dark Energy Survey", "SURVEY", "survey:dark-energy-survey") in found


def test_a_new_survey_named_in_title_and_abstract_stays(extractor):
    # near miss: a survey the ontology lacks, named whole in both
    found = entity_triples(
        extractor,
        "We present the Abbey Ridge Transient Survey, a nightly search for novae.",
        title="The Abbey Ridge Transient Survey",
    )
    assert "Abbey Ridge Transient Survey" in _facilities(found)


# -- LaTeX around a mission before its instrument ---------------------------------------------------------------


def test_a_mission_in_latex_before_a_slash_and_its_instrument(extractor):
    # abstracts-y arXiv:1705.05857 (both golds): "\\textit{HST}/ACS" is HST and ACS
    found = entity_triples(
        extractor, "We further apply our algorithm to the \\textit{HST}/ACS i-band observations of the COSMOS field."
    )
    assert "HST" in _facilities(found)
    assert "ACS" in _facilities(found)


# -- a collaboration in lower case is no facility ---------------------------------------------------------------


def test_a_collaboration_written_in_lower_case_before_a_verb_is_no_survey(extractor):
    # abstracts-x arXiv:2202.10076 (both golds): the collaboration published the catalogue
    found = entity_triples(
        extractor, "The CHIME/FRB collaboration has recently published a catalog containing about 500 bursts."
    )
    assert "CHIME/FRB" not in _facilities(found)


def test_the_facility_itself_stays_beside_the_word_collaboration_elsewhere(extractor):
    # near miss: the instrument detected the bursts
    found = entity_triples(extractor, "The bursts were detected by CHIME/FRB between 2018 and 2019.")
    assert "CHIME/FRB" in _facilities(found)


# -- breadth: facilities of thin subfields ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # abstracts-x arXiv:2507.01501 (both golds)
        ("an issue amplified for missions such as ESA’s LUMIO that rely on meteor shower observations", "LUMIO"),
        # abstracts-x arXiv:2507.07541 (both golds)
        ("The GRANDProto300 prototype primarily focuses on UHE cosmic rays.", "GRANDProto300"),
        # abstracts-x arXiv:1507.03538 (both golds)
        ("the accurate prediction of system types using Rossi X-ray Timing Explorer All Sky Monitor data",
         "All Sky Monitor"),
        # abstracts-x arXiv:2512.11487 (both golds)
        ("data recorded by the Compound Astronomical Low frequency Low cost Instrument for Spectroscopy and "
         "Transportable Observatory (e-Callisto) network",
         "Compound Astronomical Low frequency Low cost Instrument for Spectroscopy and Transportable Observatory"),
        ("Type II bursts were identified in the Wind/WAVES dynamic spectra.", "Wind/WAVES"),
        ("Meteors were recorded by the Canadian Automated Meteor Observatory (CAMO).", "CAMO"),
        ("forward-scatter echoes of the Belgian RAdio Meteor Stations (BRAMS) network", "BRAMS"),
        ("impact flashes observed by NELIOTA on the night side of the Moon", "NELIOTA"),
        ("the water ice detected by LCROSS in Cabeus crater", "LCROSS"),
        ("permanently shadowed regions imaged by ShadowCam on Danuri", "ShadowCam"),
        ("permanently shadowed regions imaged by ShadowCam on Danuri", "Danuri"),
        ("radio pulses recorded by the Askaryan Radio Array (ARA)", "ARA"),
        ("the energy spectrum measured by AGASA above 10 EeV", "AGASA"),
    ],
)
def test_facilities_of_thin_subfields(extractor, text, name):
    assert name in _facilities(entity_triples(extractor, text))


def test_all_sky_monitor_links_to_the_rxte_instrument(extractor):
    found = entity_triples(extractor, "using Rossi X-ray Timing Explorer All Sky Monitor data")
    assert ("All Sky Monitor", "TELESCOPE", "telescope:rxte-all-sky-monitor") in found


def test_wind_waves_is_no_waves_survey(extractor):
    # near miss the other way: WAVES of 4MOST is a survey; "Wind/WAVES" is the radio receiver on Wind
    found = entity_triples(extractor, "Type III bursts were identified in Wind/WAVES dynamic spectra.")
    assert not any(label == "SURVEY" for _, label, _ in found)


def test_rubin_observatory_with_its_old_telescope_name_is_one_name(extractor):
    # abstracts-m arXiv:2602.03312 (both golds): the observatory and its survey telescope written as one unit
    found = entity_triples(
        extractor, "We forecast the yield of the Rubin Observatory Large Synoptic Survey Telescope for lensed quasars."
    )
    assert "Rubin Observatory Large Synoptic Survey Telescope" in _facilities(found)


@pytest.mark.parametrize(
    "text",
    [
        "Positions were measured with GPS receivers at each station.",
        "The Galileo and GLONASS constellations broadcast navigation signals.",
        "Starlink satellites leave streaks in wide-field images.",
    ],
)
def test_navigation_and_communication_constellations_are_no_facilities(extractor, text):
    assert not _facilities(entity_triples(extractor, text))


# -- a short form and its head noun in one parenthesis -----------------------------------------------------------


def test_a_short_form_called_a_survey_in_its_parenthesis_defines_the_survey(extractor):
    # abstracts-g arXiv:2105.05602 (both golds): the long form is the survey's name, the field names inside it
    found = entity_triples(
        extractor,
        "We present a sample of 16 likely strong gravitational lenses identified in the VST Optical Imaging of "
        "the CDFS and ES1 fields (VOICE survey) using Convolutional Neural Networks (CNNs). We apply both networks "
        "to real data from the VOICE survey.",
    )
    surveys = {t: cid for t, label, cid in found if label == "SURVEY"}
    assert "VST Optical Imaging of the CDFS and ES1 fields" in surveys
    assert surveys.get("VOICE") == surveys["VST Optical Imaging of the CDFS and ES1 fields"]
    assert "CDFS" not in surveys and "VST" not in _facilities(found)


def test_a_lower_case_description_before_a_short_form_and_survey_stays_untyped(extractor):
    # near miss: a description, no name, before the parenthesis
    found = entity_triples(extractor, "We searched the deep optical imaging of two fields (DOIT survey) for lenses.")
    assert not any("imaging" in t for t in _facilities(found))


# -- what follows a name says it is no facility or survey --------------------------------------------------------


def test_a_supernova_class_after_a_survey_is_no_supernova_programme(extractor):
    # abstracts-o arXiv:2402.18690 (both golds): "SN Ia" is the class of the samples, DES the survey
    found = entity_triples(extractor, "Compared to other DES SN Ia samples with spectroscopic redshifts, ours is deeper.")
    assert "DES SN" not in _facilities(found)
    assert "DES" in _facilities(found)


def test_the_supernova_programme_written_alone_stays(extractor):
    # near miss: the programme's own short name
    found = entity_triples(extractor, "We use light curves from the five-year DES-SN programme.")
    assert any(cid == "survey:dark-energy-survey-supernova-program" for _, _, cid in found)


def test_a_data_centre_named_with_a_mission_is_an_organisation(extractor):
    # fragments-h r6y-frag-10 (both golds): British spelling of the organisation word
    found = entity_triples(extractor, "Computing was done on the Euclid Science Data Centre cluster at Jodrell Bank.")
    assert "Euclid" not in _facilities(found)


def test_the_mission_beside_a_lower_case_centre_stays(extractor):
    # near miss: "centre" of an image, no organisation
    found = entity_triples(extractor, "Euclid images were cut around the centre of each galaxy.")
    assert "Euclid" in _facilities(found)


# -- a survey's short name before a lower-case "survey" is the survey, the noun stays out -----------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # fragments-c measure-fragment-09: "VLA FIRST", not "VLA FIRST survey"
        ("Higher-frequency counterparts come from the VLA FIRST survey and NVSS at 1.4 GHz.", "VLA FIRST"),
        # fragments-d m2-fragment-12: a short form that needs a definition, typed by the noun after it
        ("Bursts were localised by the CRAFT survey with ASKAP.", "CRAFT"),
        ("We select galaxies from the VIDEO survey and the MACHO survey light curves.", "VIDEO"),
    ],
)
def test_a_survey_written_with_a_lower_case_survey_is_its_short_name(extractor, text, name):
    found = _facilities(entity_triples(extractor, text))
    assert name in found
    assert not any(t.endswith(" survey") for t in found)


@pytest.mark.parametrize(
    "text",
    [
        "This is the first survey to apply deep learning to these data.",
        "A video survey of meteor trails was carried out by amateurs.",
    ],
)
def test_a_common_word_before_survey_is_no_survey(extractor, text):
    # near misses: the survey names written in lower case are words
    assert not _facilities(entity_triples(extractor, text))


# -- defined instruments and missions typed by their head ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Juno's Microwave Radiometer (MWR) probes the deep atmosphere of Jupiter.", "Microwave Radiometer"),
        ("Radio bursts were imaged by the Gauribidanur Radioheliograph (GRAPH) at 80 MHz.",
         "Gauribidanur Radioheliograph"),
        ("We use spectra from the Chashan Broadband Solar millimeter spectrometer (CBS) at Weihai.",
         "Chashan Broadband Solar millimeter spectrometer"),
    ],
)
def test_a_defined_instrument_is_typed_by_its_head(extractor, text, name):
    assert name in _facilities(entity_triples(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Imaging atmospheric Cherenkov telescopes (IACTs) detect very-high-energy gamma rays.",
        "Heliospheric imagers (HIs) track coronal mass ejections.",
        "Synthetic Aperture Radar (SAR) images of the lunar poles reveal ice.",
    ],
)
def test_a_kind_of_instrument_defined_is_no_facility(extractor, text):
    # near misses: a kind written with a proper adjective, a technique's name
    assert not _facilities(entity_triples(extractor, text))


def test_the_magic_telescopes_in_lower_case_are_magic(extractor):
    # near miss, heldout-fragment-11: "the MAGIC telescopes" is MAGIC; the capitalised plural is the name
    found = entity_triples(extractor, "the La Palma site, where the MAGIC telescopes and LST-1 are located")
    assert "MAGIC" in _facilities(found)
    found = entity_triples(extractor, "the data analysis of the MAGIC Telescopes, a system of two Cherenkov telescopes")
    assert "MAGIC Telescopes" in _facilities(found)


def test_a_short_form_said_to_be_a_mission_is_the_mission(extractor):
    # fragments-c measure-fragment-02: "IRIS" alone needs a definition; the sentence gives one
    found = entity_triples(extractor, "IRIS is a NASA small explorer mission developed and operated by LMSAL.")
    assert "IRIS" in _facilities(found)


def test_a_short_form_said_to_be_a_method_stays_untyped(extractor):
    # near miss: the same form said to be something else
    assert not _facilities(entity_triples(extractor, "IRIS is a method for image reconstruction in interferometry."))


@pytest.mark.parametrize(
    ("text", "name", "concept"),
    [
        ("Type IV bursts recorded by ARTEMIS-JLS at Thermopylae.", "ARTEMIS-JLS", "telescope:artemis-jls"),
        ("Spectra from a CALLISTO station in Ireland.", "CALLISTO", "telescope:e-callisto"),
        ("Jovian emission observed with the Nançay Decameter Array.", "Nançay Decameter Array",
         "telescope:nancay-decameter-array"),
        ("The Pragyan rover measured the regolith near the south pole.", "Pragyan rover", "telescope:pragyan"),
    ],
)
def test_solar_radio_and_lunar_facilities_link_to_their_concepts(extractor, text, name, concept):
    assert (name, "TELESCOPE", concept) in entity_triples(extractor, text)


def test_the_moon_callisto_is_no_spectrometer(extractor):
    # near miss: the Galilean moon is written in mixed case
    assert not _facilities(entity_triples(extractor, "Tidal heating of Callisto is weak compared with Io."))
