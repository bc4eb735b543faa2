"""Extent and typing of data products, facilities and surveys on new text: classes of errors of the
development sets ``fixtures/unseen/abstracts-t``, ``abstracts-u`` and ``fragments-l`` (GUIDELINE "Span
extent", "Not entities").

Each test tags sentences written for it (not the records' own) with the shipped ontology and rules; the
record that motivated the class is named in a comment. Each failed on the rules before this round; the
near misses say what must not change.
"""

from __future__ import annotations

import pytest

from tests.test_linking import labels_of, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- a catalogue named with the period or the sky of its data, or by its place in a series ------------------


@pytest.mark.parametrize(
    ("text", "name", "facility"),
    [
        # fragments-l r10y-frag-03: "the 105-month Swift-BAT all-sky catalogue" (both golds)
        ("Hard X-ray fluxes come from the 105-month Swift-BAT all-sky catalogue.",
         "105-month Swift-BAT all-sky catalogue", "Swift-BAT"),
        # fragments-l r10y-frag-03: "the Fermi-LAT 14-year Source Catalog (4FGL-DR4)" (both golds)
        ("Associations are taken from the Fermi-LAT 12-year Source Catalog.",
         "Fermi-LAT 12-year Source Catalog", "Fermi-LAT"),
        ("We select blazars from the 70-month Swift/BAT catalog.", "70-month Swift/BAT catalog", "BAT"),
    ],
)
def test_a_catalogue_named_with_the_period_of_its_data_is_one_data_set(real, text, name, facility):
    record = tag(real, text)
    assert labels_of(record, name) == {"DATASET"}
    assert labels_of(record, facility) == set()
    assert labels_of(record, "Source Catalog") == set()


def test_an_ordinal_before_a_known_catalogue_names_one_of_the_series(real):
    # fragments-l r10y-frag-09: "the Third Gravitational-Wave Transient Catalog (GWTC-3)" (both golds)
    record = tag(real, "We analyse the binary black holes of the Third Gravitational-Wave Transient Catalog (GWTC-3).")
    assert labels_of(record, "Third Gravitational-Wave Transient Catalog") == {"DATASET"}
    assert labels_of(record, "Gravitational-Wave Transient Catalog") == set()
    assert labels_of(record, "GWTC-3") == {"DATASET"}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a period of a facility's data that names no catalogue: the facility stays
        ("We built 10-year Fermi-LAT light curves of the blazars.", ("Fermi-LAT", "TELESCOPE")),
        # an ordinal that counts the sentence's points, not the catalogue
        ("Third, the Gravitational-Wave Transient Catalog lists confident events.",
         ("Gravitational-Wave Transient Catalog", "DATASET")),
    ],
)
def test_a_period_or_ordinal_that_names_no_catalogue_stays_out(real, text, kept):
    assert kept in spans(tag(real, text))


# -- a release written out, and its code in brackets after a data set's name --------------------------------


def test_a_release_code_in_brackets_after_a_data_set_is_its_short_form_throughout(real):
    # abstracts-m arXiv:2503.15328, abstracts-u arXiv:2511.03064: "Euclid Quick Data Release (Q1)" (both golds)
    record = tag(real, "We test the network on real Euclid Quick Data Release (Q1) images. In Q1 we find 40 arcs.")
    q1 = [e for e in record.entities if e.text == "Q1"]
    assert [e.label for e in q1] == ["DATASET", "DATASET"]
    assert {e.concept_id for e in q1} == {"dataset:euclid-quick-data-release-1"}


def test_a_quick_release_written_out_after_a_possessive_is_the_release(real):
    # abstracts-u arXiv:2503.15310: "a catalogue for Euclid's Quick Release 1 (Q1)" (both golds)
    record = tag(real, "We present a morphology catalogue for Euclid's Quick Release 1 (Q1), 380000 galaxies in Q1.")
    assert labels_of(record, "Quick Release 1") == {"DATASET"}
    assert labels_of(record, "Q1") == {"DATASET"}
    assert labels_of(record, "Euclid") == {"TELESCOPE"}


@pytest.mark.parametrize(
    "text",
    [
        # a quarter of a mission's data, with no data set named before it in brackets
        "Kepler long-cadence light curves from Q1 to Q17 were detrended.",
        # a version in brackets is no release code of the data set
        "We use the Planck PR4 maps (v2) and EfficientNet v2 as the encoder.",
    ],
)
def test_a_code_alone_or_a_version_in_brackets_is_no_release(real, text):
    record = tag(real, text)
    assert labels_of(record, "Q1") == set() and labels_of(record, "v2") == set()


# -- two names side by side: a survey and a simulation made for it ---------------------------------------------


def test_a_simulation_made_for_a_survey_stays_apart_from_the_survey(real):
    # abstracts-u arXiv:2205.13622: "the synthetic LSST cosmoDC2 catalogue" is LSST and cosmoDC2 (both golds)
    record = tag(real, "The method is demonstrated on the synthetic LSST cosmoDC2 catalogue.")
    assert ("LSST", "SURVEY") in spans(record)
    assert ("cosmoDC2", "DATASET") in spans(record)
    assert labels_of(record, "LSST cosmoDC2") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a product of the facility's own data stays one name with it
        ("Blazars are drawn from the Fermi 4LAC.", "Fermi 4LAC"),
        # a simulation known by the joined name is an alias
        ("Noise maps come from the Planck FFP10 simulations.", "Planck FFP10"),
    ],
)
def test_a_product_of_a_facility_written_with_it_stays_one_name(real, text, name):
    assert labels_of(tag(real, text), name) == {"DATASET"}


# -- a short form that needs a definition, where the record writes the name it ends --------------------------


def test_a_suite_short_form_stands_where_its_full_name_is_written(real):
    # fragments-l r10y-frag-08, fragments-e r3y-frag-08: "IllustrisTNG ... TNG galaxies" (both golds)
    record = tag(real, "We train on the IllustrisTNG suite. Mock images of TNG galaxies were made with SKIRT.")
    assert [(e.text, e.label, e.concept_id) for e in record.entities if e.text == "TNG"] == [
        ("TNG", "DATASET", "dataset:illustristng")]


def test_a_short_form_without_its_full_name_needs_a_definition(real):
    # near miss: no IllustrisTNG in the record, so TNG is not the simulation
    record = tag(real, "Mock images of TNG galaxies were made with SKIRT.")
    assert labels_of(record, "TNG") != {"DATASET"}


# -- instruments: a defined long form ending in an instrument's noun; a telescope named by aperture and site --


def test_a_defined_polarimeter_is_an_instrument(real):
    # fragments-l r10y-frag-01: "the Spectro-Polarimeter (SP) of the Solar Optical Telescope on Hinode" (both golds)
    record = tag(real, "Vector magnetograms come from the Spectro-Polarimeter (SP) of the Solar Optical Telescope on "
                       "Hinode. The SP maps were calibrated.")
    assert labels_of(record, "Spectro-Polarimeter") == {"TELESCOPE"}
    assert labels_of(record, "SP") == {"TELESCOPE"}


def test_a_capitalised_telescope_named_by_aperture_and_site_is_a_telescope(real):
    # fragments-l r10y-frag-07: "the 60-inch Telescope at the Palomar Observatory" (first gold; borderline in the second)
    record = tag(real, "Based on observations obtained with the 60-inch Telescope at the Palomar Observatory.")
    assert labels_of(record, "60-inch Telescope") == {"TELESCOPE"}
    assert labels_of(record, "Palomar Observatory") == {"TELESCOPE"}


@pytest.mark.parametrize(
    "text",
    [
        # a telescope of some size, no name: no site, or lower case and plural
        "We observed the field with an 8-meter telescope at a dark site.",
        "The 1-m telescopes at Las Cumbres took the images.",
    ],
)
def test_an_aperture_alone_names_no_telescope(real, text):
    assert not any(t.startswith(("8-meter", "1-m")) for t, _ in spans(tag(real, text)))


# -- a mission's short form that needs a definition, ending a list of known missions ---------------------------


def test_a_mission_ending_a_list_of_missions_is_a_mission(real):
    # abstracts-t arXiv:2605.29428: "in Kepler, K2, TESS, PLATO, and Earth 2.0 data" (both golds)
    record = tag(real, "The method prepares searches for terrestrial planets in Kepler, K2, TESS, PLATO, and "
                       "Earth 2.0 data.")
    assert labels_of(record, "Earth 2.0") == {"TELESCOPE"}


@pytest.mark.parametrize(
    "text",
    [
        "The Earth 2.0 network of ideas was discussed.",
        # one mission before it is no list of its kind
        "Planets found by TESS and Earth 2.0 will be confirmed.",
    ],
)
def test_a_mission_short_form_outside_a_list_of_missions_needs_a_definition(real, text):
    assert labels_of(tag(real, text), "Earth 2.0") == set()


# -- an unknown short name ending a list of known names that share the head "catalogues" -----------------------


def test_an_acronym_ending_a_list_of_known_catalogues_is_a_data_set(real):
    # abstracts-t arXiv:2306.02686: "light curves are provided by Kepler, ASAS and CALEB catalogues" (both golds)
    record = tag(real, "The light curves are provided by Kepler, ASAS and CALEB catalogues.")
    assert labels_of(record, "CALEB") == {"DATASET"}
    assert labels_of(record, "CALEB catalogues") == set()


@pytest.mark.parametrize(
    "text",
    [
        # one name and a kind of object: no list of names
        "We combine the SDSS and AGN catalogues.",
        # a kind of object the record writes as a plural
        "We use SDSS, 2MASS and AGN catalogues to select AGNs.",
    ],
)
def test_a_kind_of_object_before_catalogues_is_no_data_set(real, text):
    assert labels_of(tag(real, text), "AGN") == set()


def test_a_release_code_in_brackets_after_the_word_release_is_a_release(real):
    # fragments-c measure-fragment-10: "the Commander maps of the 2018 release (PR3)" (the gold has PR3)
    record = tag(real, "We use the Planck satellite's Commander maps of the 2018 release (PR3), and PR3 masks.")
    pr3 = [e for e in record.entities if e.text == "PR3"]
    assert [e.label for e in pr3] == ["DATASET", "DATASET"]
    assert {e.concept_id for e in pr3} == {"dataset:planck-legacy-release"}


def test_a_bracketed_code_after_other_words_is_no_release(real):
    # near miss: a code in brackets after a word that is no release, nor a data set's name
    record = tag(real, "The first quarter of the mission (Q1) had gaps in Q1 light curves.")
    assert labels_of(record, "Q1") == set()


@pytest.mark.parametrize(
    ("sentence", "name", "label", "concept"),
    [
        # abstracts-u arXiv:2301.01354 and abstracts-o arXiv:2404.18897 (both golds): the survey of the camera
        ("Galaxies of the HSC survey are classified by a CNN.", "HSC survey", "SURVEY",
         "survey:hyper-suprime-cam-subaru-strategic-program"),
        ("Mergers were taken from the Second Gravitational-Wave Transient Catalog.",
         "Second Gravitational-Wave Transient Catalog", "DATASET", "dataset:gwtc-2"),
        ("Radio components come from the CIRADA catalog of VLASS.", "CIRADA catalog", "DATASET",
         "dataset:cirada-catalogs"),
    ],
)
def test_written_out_names_of_known_products_link_to_them(real, sentence, name, label, concept):
    record = tag(real, sentence)
    assert (name, label) in spans(record)
    assert {e.concept_id for e in record.entities if e.text == name} == {concept}


def test_an_organisation_that_distributes_catalogues_is_no_data_set(real):
    # fragments-l r10y-frag-02 (both golds): "distributed by CIRADA", the Canadian Initiative for Radio Astronomy
    # Data Analysis (GUIDELINE "Not entities": institutions)
    record = tag(real, "Cutouts of VLASS were distributed by CIRADA and classified by a random forest.")
    assert all(e.text != "CIRADA" for e in record.entities)
    assert ("VLASS", "SURVEY") in spans(record)
