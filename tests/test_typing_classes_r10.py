"""Typing names written once, on new text: classes of errors of the development sets ``fixtures/unseen/
abstracts-r``, ``abstracts-s`` and ``fragments-k`` (GUIDELINE "Types", "Not entities").

Each test tags sentences written for it (not the records' own) with the shipped ontology and rules; the
record that motivated the class is named in a comment. Each failed on the rules before this round.
"""

from __future__ import annotations

import pytest

from tests.test_linking import labels_of, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- a quoted name after "competition" / "challenge" names its data set ---------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # abstracts-r arXiv:2310.15674: 'the public Kaggle competition "IceCube – Neutrinos in Deep Ice"'
        (
            "Entrants to the Kaggle competition \u201cRadio Galaxies \u2013 Morphologies at Scale\u201d trained "
            "convolutional neural networks on the cutouts.",
            "Radio Galaxies \u2013 Morphologies at Scale",
        ),
        (
            'We took part in the data challenge "Strong Lens Finding in Wide Surveys" and report our results.',
            "Strong Lens Finding in Wide Surveys",
        ),
    ],
)
def test_a_quoted_name_after_a_competition_is_a_data_set(real, text, name):
    assert labels_of(tag(real, text), name) == {"DATASET"}


def test_the_competition_name_in_the_title_is_the_same_data_set(real):
    # arXiv:2310.15674: the title writes the name with a hyphen, the abstract with an en dash
    record = tag(
        real,
        "During the Kaggle competition \u201cRadio Galaxies \u2013 Morphologies at Scale\u201d, hundreds of "
        "classifiers were submitted. A quoted \u201cfinal round\u201d of the challenge ranked them.",
        title="Radio Galaxies - Morphologies at Scale",
    )
    assert labels_of(record, "Radio Galaxies - Morphologies at Scale") == {"DATASET"}
    assert labels_of(record, "Radio Galaxies \u2013 Morphologies at Scale") == {"DATASET"}
    assert labels_of(record, "final round") == set()


# -- a Title Case name the authors give, "we call X, or Y" ------------------------------------------------------


def test_a_title_case_name_after_we_call_and_its_short_name_are_the_tool(real):
    # abstracts-r arXiv:2312.03671: "a post-processing algorithm we call Direct Exoplanet Detection with
    # Convolutional Image Reconstruction, or ConStruct"
    record = tag(
        real,
        "The network is embedded in a detection pipeline we call Transient Event Recognition with Residual "
        "Attention, or TERRA. TERRA runs in real time on the alert stream.",
    )
    assert labels_of(record, "Transient Event Recognition with Residual Attention") == {"SOFTWARE"}
    assert labels_of(record, "TERRA") == {"SOFTWARE"}
    ids = {
        e.concept_id
        for e in record.entities
        if e.text in ("TERRA", "Transient Event Recognition with Residual Attention")
    }
    assert len(ids) == 1


def test_a_known_technique_after_called_stays_a_technique(real):
    record = tag(
        real,
        "We smooth the light curves with a method called Gaussian Process Regression, and call our pipeline "
        "Smoothed Flux Curve Tracker, or SFCT, in what follows.",
    )
    assert labels_of(record, "Gaussian Process Regression") == {"TECHNIQUE"}
    assert labels_of(record, "Smoothed Flux Curve Tracker") == {"SOFTWARE"}
    assert labels_of(record, "SFCT") == {"SOFTWARE"}


def test_a_title_that_opens_with_a_definition_and_a_tool_subtitle_names_the_tool(real):
    # abstracts-r arXiv:2312.03671: "... Image Reconstruction (ConStruct): A New Algorithm for Post-Processing ..."
    record = tag(
        real,
        "Source finding in interferometric images is slow. RASEA finds compact and extended sources in seconds.",
        title="Radio Source Extraction with Attention (RASEA): A Fast Algorithm for Interferometric Images",
    )
    assert labels_of(record, "RASEA") == {"SOFTWARE"}
    assert labels_of(record, "Radio Source Extraction with Attention") == {"SOFTWARE"}
    review = tag(
        real,
        "We review searches for FRBs with machine learning.",
        title="Fast Radio Bursts (FRBs): A Review of Machine Learning Searches",
    )
    assert labels_of(review, "FRBs") == set()
    assert labels_of(review, "Fast Radio Bursts") == set()


# -- a defined Title Case name typed by what it does or what it is listed with ------------------------------------


def test_a_defined_name_that_employs_a_learning_method_is_a_tool(real):
    # abstracts-r arXiv:2507.07452: "the Advanced Northern Tracks Selection (ANTS) employs a graph
    # convolutional neural network"
    record = tag(
        real,
        "The Fast Radio Transient Sorter (FRTS) employs a residual convolutional network to rank candidates. "
        "FRTS runs in real time.",
    )
    assert labels_of(record, "Fast Radio Transient Sorter") == {"SOFTWARE"}
    assert labels_of(record, "FRTS") == {"SOFTWARE"}
    # a learning umbrella term says nothing of what the thing is
    umbrella = tag(
        real,
        "The Search for Extraterrestrial Intelligence (SETI) employs machine learning to sift signals.",
    )
    assert labels_of(umbrella, "SETI") == set()


def test_a_defined_name_listed_with_a_known_method_is_a_method(real):
    # abstracts-r arXiv:2410.11436: "Two machine learning methods, CatBoost and Self-Paced Ensemble (SPE)"
    record = tag(
        real,
        "We compare two classifiers, XGBoost and Balanced Cascade Boosting (BCB), on the same features. "
        "The sample holds stars, galaxies and Young Stellar Objects (YSOs).",
    )
    assert labels_of(record, "Balanced Cascade Boosting") == {"TECHNIQUE"}
    assert labels_of(record, "BCB") == {"TECHNIQUE"}
    assert labels_of(record, "Young Stellar Objects") == set()


# -- "X surveys": a kind of survey --------------------------------------------------------------------------------


def test_an_acronym_before_plural_surveys_names_a_kind_of_survey(real):
    # abstracts-r arXiv:2109.09077: "future wide-field VLBI surveys" (VLBI is an observing technique)
    record = tag(
        real,
        "The method scales to the data volumes of future wide-field VLBI surveys. We add data from the SAGA "
        "and LOVES surveys.",
    )
    assert labels_of(record, "VLBI") == set()
    assert labels_of(record, "LOVES") == {"SURVEY"}  # a shared head: "SAGA and LOVES surveys" are two surveys


# -- "Not entities": a fellowship named with a facility -----------------------------------------------------------


def test_a_facility_name_in_a_fellowship_is_no_facility(real):
    # fragments-k r9y-frag-09: "support from a Simons Observatory postdoctoral fellowship"
    record = tag(
        real,
        "M.R. was supported by a Rubin Observatory graduate fellowship. Images were taken at the Rubin Observatory.",
    )
    assert [s for s in spans(record) if s[0] == "Rubin Observatory"] == [("Rubin Observatory", "TELESCOPE")]


# -- tools written once: versions, parentheses, "the X algorithm" ---------------------------------------------------


def test_a_tool_with_its_version_number_in_a_list_of_tools(real):
    # fragments-k r9y-frag-02: "and the pointed data with SAS 21.0 and CIAO 4.15"
    record = tag(
        real,
        "The optical images were reduced with THELI, and the X-ray spectra with SAS 20.0 and HEASoft 6.31.",
    )
    assert labels_of(record, "SAS") == {"SOFTWARE"}


def test_a_tool_in_parentheses_after_the_method_it_implements(real):
    # fragments-k r9y-frag-06: "Light curves are interpolated with a Gaussian process (george)"
    record = tag(real, "The light curves are smoothed with a Gaussian process (george) before training.")
    assert labels_of(record, "george") == {"SOFTWARE"}


def test_a_lower_case_name_before_algorithm_that_the_text_uses_alone_is_a_tool(real):
    # abstracts-r arXiv:2008.10516: "the vespa algorithm (Morton et al. 2016)", "with vespa"
    record = tag(
        real,
        "False-positive probabilities were computed with the triton algorithm (Smith et al. 2019). We compare "
        "our scores with those of triton, and find good agreement with the clustering algorithm.",
    )
    assert labels_of(record, "triton") == {"SOFTWARE"}
    assert labels_of(record, "clustering") == set()
    task = tag(
        real,
        "Candidates were found with the detection algorithm (Smith et al. 2020), which raises the completeness "
        "of detection. Our scores agree with triton.",
    )
    assert labels_of(task, "detection") == set()
    assert labels_of(task, "triton") == set()  # used alone, but never written before "algorithm" with a citation


# -- a facility's data archive ------------------------------------------------------------------------------------


def test_a_facility_data_archive_system_is_one_data_set(real):
    # fragments-k r9y-frag-03, fragments-c measure-fragment-15: "the HSC data archive system"
    record = tag(real, "The reduced frames are distributed through the SPHEREx data archive system at IRSA.")
    assert labels_of(record, "SPHEREx data archive system") == {"DATASET"}
    assert labels_of(record, "SPHEREx data archive") == set()
