"""Classes of span-extent errors on arXiv text the project never saw (issue 12, development sets
``fixtures/unseen/abstracts-n``, ``abstracts-o``, ``fragments-i``).

Each test tags real sentences of those sets (or of older unseen sets with the same class) with the
shipped ontology and rules, and checks the whole name and its type as the guideline asks ("Span
extent", "Not entities").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_linking import concepts, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


# -- 1. A data set's bare "catalogue" only says what it is ---------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # fragments-i r7y-frag-08
        (
            "We analyse strain data from the third observing run of Advanced LIGO and Advanced Virgo, together "
            "with the GWTC-3 catalogue.",
            "GWTC-3",
        ),
        # fragments-i r7y-frag-01 wrote "the unWISE catalogue", since known as the unWISE Catalog (a product of the
        # unWISE images: tests/test_dataset_names_z.py); a catalogue-kind data set's bare catalogue is the data set
        (
            "Host identifications were taken from the DESI Legacy Imaging Surveys DR10 and the Quaia catalogue.",
            "Quaia",
        ),
        # abstracts-o arXiv:2510.10032
        ("We train on galaxies of the COSMOS2020 catalog with photometry in 30 bands.", "COSMOS2020"),
    ],
)
def test_a_data_sets_bare_catalogue_is_the_data_set(real, sentence, name):
    record = tag(real, sentence)
    assert (name, "DATASET") in spans(record)
    assert not any(text.endswith(("catalogue", "catalog")) for text, _ in spans(record))


def test_a_catalogue_of_one_kind_drawn_from_a_data_set_is_a_product_of_its_own(real):
    # fragments-i r7y-frag-02
    record = tag(real, "Cluster members were matched to the eRASS1 cluster catalogue built with eROMaPPer.")
    assert ("eRASS1 cluster catalogue", "DATASET") in spans(record)


def test_a_survey_product_of_a_facility_with_a_described_catalogue_stays_the_facility(real):
    # abstracts-c arXiv:2309.17077: "galaxy cluster" says what a facility's catalogue lists, the gold keeps Planck
    record = tag(real, "Masses are taken from the Planck galaxy cluster catalogue.")
    assert ("Planck", "TELESCOPE") in spans(record)


# -- 2. A model's kind before a field of learning describes the model ---------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # abstracts-n arXiv:2511.20830
        (
            "We introduce the first autoregressive machine learning surrogate for steady-state solar wind radial "
            "velocity.",
            "machine learning",
        ),
        # abstracts-d arXiv:2501.01496
        (
            "We present ORACLE, the first hierarchical deep-learning model for real-time, context-aware "
            "classification of transients.",
            "deep-learning",
        ),
    ],
)
def test_a_models_kind_before_a_field_of_learning_is_not_part_of_it(real, sentence, name):
    record = tag(real, sentence)
    assert spans(record)[-1] == (name, "TECHNIQUE")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "This study establishes multi-modal deep learning as a powerful, interpretable tool.",
            "multi-modal deep learning",
        ),
        ("We train three decision-tree based ensemble machine learning algorithms.", "ensemble machine learning"),
        ("Bayesian deep learning gives calibrated uncertainties on the flare forecasts.", "Bayesian deep learning"),
    ],
)
def test_a_kind_of_field_before_a_field_of_learning_is_one_name(real, sentence, name):
    assert (name, "TECHNIQUE") in spans(tag(real, sentence))


# -- 3. A descriptive word an established name keeps -------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # abstracts-n arXiv:2211.01520
        (
            "The main ingredients are a 54-layer deep residual network (ResNet) and curriculum learning.",
            "deep residual network",
        ),
        # abstracts-n arXiv:2310.10409
        (
            "The Deep Residual Neural Network model (ResNet) was trained for the detection of BBH signals.",
            "Deep Residual Neural Network",
        ),
    ],
)
def test_deep_is_part_of_the_established_name_of_the_residual_network(real, sentence, name):
    assert concepts(tag(real, sentence)).get(name) == "technique:residual-neural-network"


def test_deep_before_another_network_is_still_dropped(real):
    # GUIDELINE "Span extent": "deep CNNs" -> "CNNs"
    record = tag(real, "Galaxy morphologies are predicted by deep convolutional neural networks.")
    assert ("convolutional neural networks", "TECHNIQUE") in spans(record)


# -- 4. Defined short forms typed from their long form ------------------------------------------


def test_a_defined_normalization_with_an_ml_word_is_a_technique(real):
    # abstracts-n arXiv:2211.01520: the long form is known to no list, its head and "deep" type it
    record = tag(
        real,
        "The main ingredients are a deep residual network and a Deep Adaptive Input Normalization "
        "(DAIN). The DAIN layer rescales each input.",
    )
    assert ("Deep Adaptive Input Normalization", "TECHNIQUE") in spans(record)
    assert ("DAIN", "TECHNIQUE") in spans(record)


def test_a_normalization_without_an_ml_word_is_no_technique(real):
    record = tag(real, "Spectra are divided by a Continuum Flux Normalization (CFN) before fitting.")
    assert not any(label == "TECHNIQUE" for _, label in spans(record))


def test_lower_case_data_defined_by_a_short_form_is_no_data_set(real):
    # abstracts-n arXiv:2310.10409 (GUIDELINE "Not entities": described data, no name)
    record = tag(
        real,
        "We evaluated the performance of single sub-detector data (SSDD) from the Einstein "
        "Telescope (ET) for binary black hole detection. Compared to SSDD, the accuracy improves.",
    )
    assert not any(label == "DATASET" for _, label in spans(record))
    assert ("Einstein Telescope", "TELESCOPE") in spans(record)


def test_a_defined_data_set_whose_long_form_names_its_source_stays_one(real):
    # abstracts-c arXiv:2309.17077
    record = tag(
        real,
        "We improve the cluster purity in the extended catalogue of Sunyaev-Zeldovich objects from "
        "Planck data (SZcat) in the ACT footprint. From SZcat, we create a new catalogue.",
    )
    assert ("SZcat", "DATASET") in spans(record)


# -- 5. An observing run after its facility is a second name ------------------------------------


def test_an_observing_run_after_its_detector_is_two_names(real):
    # abstracts-n arXiv:2211.01520
    record = tag(real, "Waveforms were injected into real LIGO O3a noise samples.")
    assert spans(record) == [("LIGO", "TELESCOPE"), ("O3a", "DATASET")]


def test_a_product_after_its_facility_is_still_one_name(real):
    record = tag(real, "Blazars were selected from the Fermi 4LAC and matched to radio sources.")
    assert ("Fermi 4LAC", "DATASET") in spans(record)


# -- 6. A mission and its instrument written as one unit; a head shared by a co-ordination -----


def test_a_survey_named_on_an_instrument_written_with_its_mission_is_one_name(real):
    # abstracts-n arXiv:2302.13689
    record = tag(real, "The efficiency of the method is illustrated using the SRG/eROSITA Survey of Lockman Hole.")
    assert ("SRG/eROSITA Survey of Lockman Hole", "SURVEY") in spans(record)


def test_a_catalogue_of_an_instrument_written_with_its_mission_is_one_data_set(real):
    # abstracts-n arXiv:2406.05005
    record = tag(real, "In this work, we extend our analysis to the Fermi/GBM catalog and identify five clusters.")
    assert spans(record) == [("Fermi/GBM catalog", "DATASET")]


def test_two_facilities_written_as_one_unit_stay_two(real):
    record = tag(real, "Spectra of the arcs were taken with VLT/MUSE and HST/ACS imaging.")
    assert spans(record) == [("VLT", "TELESCOPE"), ("MUSE", "TELESCOPE"), ("HST", "TELESCOPE"), ("ACS", "TELESCOPE")]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # abstracts-n arXiv:2302.13689
        (
            "We have produced a validation sample based on the Chandra and XMM-Newton catalogues of X-ray sources.",
            [("Chandra", "TELESCOPE"), ("XMM-Newton", "TELESCOPE")],
        ),
        # fragments-h r6y-frag-01
        ("Radio counterparts come from the FIRST and NVSS catalogues.", [("FIRST", "SURVEY"), ("NVSS", "SURVEY")]),
    ],
)
def test_a_plural_catalogue_shared_by_a_coordination_leaves_each_facility_alone(real, sentence, names):
    assert spans(tag(real, sentence)) == names


# -- 7. A lower-case part of a survey glued to its name ----------------------------------------


def test_a_lower_case_part_glued_to_a_survey_is_one_survey(real):
    # fragments-i r7y-frag-03
    record = tag(real, "Spectroscopic redshifts come from zCOSMOS-bright and DEIMOS 10K.")
    assert ("zCOSMOS-bright", "SURVEY") in spans(record)
    assert concepts(record)["zCOSMOS-bright"] == "survey:zcosmos-bright"  # the ontology knows it now
    # a part the ontology does not list composes all the same, as a candidate under its survey
    record = tag(real, "Galaxies of the 2dFLenS-bright sample were used.")
    assert ("2dFLenS-bright", "SURVEY") in spans(record)
    assert concepts(record)["2dFLenS-bright"] == "candidate:2dflens-bright"


def test_a_likeness_glued_to_a_survey_is_no_part_of_it(real):
    record = tag(real, "We build KiDS-like mocks and SDSS-based colour cuts.")
    assert ("KiDS-like", "SURVEY") not in spans(record)


# -- 8. Two methods made one; prefixes that change the model -----------------------------------


def test_two_methods_joined_by_a_dash_and_hybrid_are_one_model_with_its_short_form(real):
    # abstracts-n arXiv:2412.20091
    record = tag(
        real,
        "We reconstruct light curves using a Gaussian Process\u2013Random Forest Hybrid (GP-RF) and a "
        "Multi-Layer Perceptron (MLP).",
    )
    named = concepts(record)
    assert named["Gaussian Process\u2013Random Forest Hybrid"] == named["GP-RF"]
    assert ("Gaussian Process", "TECHNIQUE") not in spans(record)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # abstracts-n arXiv:2412.20091
        ("MLP and Bi-Mamba outperform other methods.", "Bi-Mamba"),
        # abstracts-o arXiv:2510.22190
        (
            "We train an E(2)-equivariant steerable CNN (E2CNN) on radio galaxy images.",
            "E(2)-equivariant steerable CNN",
        ),
    ],
)
def test_a_prefix_that_changes_the_model_is_part_of_its_name(real, sentence, name):
    assert (name, "TECHNIQUE") in spans(tag(real, sentence))


# -- 9. A survey named with a facility's long form and its short form in parentheses ------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # abstracts-o arXiv:2405.12975
        (
            "Neural networks have been used to discover lenses in imaging surveys such as the Kilo Degree Survey, "
            "Hyper-Suprime Cam (HSC) Survey and Dark Energy Survey.",
            "Hyper-Suprime Cam (HSC) Survey",
        ),
        # abstracts-o arXiv:2110.13151
        (
            "We use 42 million galaxy images from the latest data release of the Dark Energy Spectroscopic Instrument "
            "(DESI) Legacy Imaging Surveys.",
            "Dark Energy Spectroscopic Instrument (DESI) Legacy Imaging Surveys",
        ),
    ],
)
def test_a_survey_written_around_its_facilitys_short_form_is_one_name(real, sentence, name):
    assert (name, "SURVEY") in spans(tag(real, sentence))


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # abstracts-d arXiv:2508.20087: the release of the survey, the facility's short form kept
        (
            "Cutouts come from the Dark Energy Spectroscopic Instrument (DESI) Legacy Imaging Surveys Data Release 10.",
            ("DESI", "SURVEY"),
        ),
        # abstracts-c arXiv:2208.11456: a survey not ending in "Survey" is a second name
        ("We use images of the Hubble Space Telescope (HST) CANDELS fields.", ("HST", "TELESCOPE")),
    ],
)
def test_a_facility_and_its_short_form_stay_apart_otherwise(real, sentence, kept):
    assert kept in spans(tag(real, sentence))


# -- 10. Not entities: a facility's band, a programme id in lower-case words -------------------


@pytest.mark.parametrize(
    ("sentence", "vetoed"),
    [
        # fragments-i r7y-frag-03
        ("We imposed i < 24.5 in the HSC i2 filter and removed stars using Gaia DR3 parallaxes.", "HSC"),
        # abstracts-l arXiv:2505.16320
        ("The third criterion uses magnitude differences in the Gaia G band.", "Gaia"),
        # fragments-i r7y-frag-02
        ("S.M. acknowledges support from Chandra award GO2-23105X issued by the Chandra X-ray Center.", "Chandra"),
    ],
)
def test_a_band_or_a_programme_id_after_a_facility_is_no_facility(real, sentence, vetoed):
    assert vetoed not in {text for text, _ in spans(tag(real, sentence))}


def test_a_facility_before_a_lower_case_word_that_is_no_band_stays(real):
    record = tag(real, "Deep imaging from the HSC wide layer and a Chandra programme of deep pointings were used.")
    assert ("HSC", "TELESCOPE") in spans(record)
    assert ("Chandra", "TELESCOPE") in spans(record)


# -- 11. Context that types a tool nobody listed ------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # abstracts-o arXiv:2511.16256: "the <hyphenated adjectives> code X"
        (
            "We present a framework that reduces this bottleneck for the photon-conserving semi-numerical code SCRIPT.",
            "SCRIPT",
        ),
        # fragments-i r7y-frag-10: a processing verb before "with" ("reprojected with reproject")
        (
            "Photometry was measured with SourceExtractor++; images were reprojected with reproject and plotted with "
            "Matplotlib.",
            "reproject",
        ),
        # abstracts-n arXiv:2111.03249: a naming verb, the thing named, the name
        ("We call this procedure POLISH, in contrast to the traditional CLEAN algorithm.", "POLISH"),
    ],
)
def test_context_types_an_unknown_tool(real, sentence, name):
    assert (name, "SOFTWARE") in spans(tag(real, sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "We call this procedure robust, since it never fails.",
        "The code was run on the cluster with version 2.1 of the data.",
    ],
)
def test_no_tool_without_a_name_in_that_context(real, sentence):
    assert not any(label == "SOFTWARE" for _, label in spans(tag(real, sentence)))


def test_a_tools_release_before_the_noun_that_says_it_is_a_tool_is_its_name(real):
    # abstracts-o arXiv:2510.22190, the whole abstract: RGC is a tool by its company; "RGC 1.0 model" is its release
    [record] = [
        json.loads(line) for line in (UNSEEN / "abstracts-o.jsonl").open(encoding="utf-8") if "arXiv:2510.22190" in line
    ]
    named = spans(tag(real, record["abstract"], record["title"]))
    assert ("RGC 1.0", "SOFTWARE") in named
    assert ("RGC", "SOFTWARE") in named


def test_a_facilitys_sample_named_by_a_code_is_a_data_set(real):
    # abstracts-o arXiv:2504.10230
    record = tag(real, "Finally, we apply our SBI-based approach to the real Planck MMF3 cosmology sample.")
    assert ("Planck MMF3 cosmology sample", "DATASET") in spans(record)


def test_a_facilitys_sample_of_a_kind_of_object_is_no_data_set(real):
    # abstracts-e arXiv:2602.13036: "SN" is a kind of object, not a product's code
    record = tag(real, "We test the classifier on the ZTF SN sample of 2019.")
    assert ("ZTF", "SURVEY") in spans(record)


def test_the_part_of_a_known_deep_field_is_part_of_its_name(real):
    # fragments-i r7y-frag-10
    record = tag(real, "We use Euclid Q1 VIS and NISP imaging of the Euclid Deep Field North.")
    assert ("Euclid Deep Field North", "SURVEY") in spans(record)
