"""Names on new text: classes of names the ontology does not list, found by the candidate rules.

Each test tags a real sentence (from the development sets under ``fixtures/unseen`` and
``fixtures/measure``, or from the arXiv abstract it cites) with the shipped ontology and
rules, and checks the whole name and its type (GUIDELINE "Span extent").
"""

from __future__ import annotations

import pytest

from astro_ie.extract import Extractor
from tests.test_linking import REAL, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


@pytest.fixture(scope="module")
def real() -> Extractor:
    return Extractor(REAL)


def test_a_guarded_facility_short_form_counts_before_a_facility_noun(real):
    # fixtures/unseen/fragments-d m2-fragment-03: "HERMES" needs a definition, "HERMES spectrograph" says it.
    record = tag(
        real, "The GALAH DR4 spectra were obtained with the HERMES spectrograph fed by the 2dF fibre positioner."
    )
    assert ("HERMES", "TELESCOPE") in spans(record)
    hermes = next(e for e in record.entities if e.text == "HERMES")
    assert hermes.concept_id.startswith("telescope:")
    assert ("HERMES", "TELESCOPE") not in spans(tag(real, "Messengers such as HERMES carried the news."))


def test_a_long_form_starts_at_a_whole_hyphenated_word(real):
    # After arXiv:2010.07457 (whose SGAN the ontology knows now): the detector's long form starts at
    # "Supervised", the name at "Semi-".
    record = tag(
        real,
        "Here we describe a Semi-Supervised Ladder Variational Network (SLVN) which achieves better "
        "classification performance. The SLVN is trained on 100 labelled candidates.",
    )
    named = [(e.text, e.concept_id) for e in record.entities]
    long = "Semi-Supervised Ladder Variational Network"
    assert (long, "candidate:semi-supervised-ladder-variational-network") in named
    assert [cid for text, cid in named if text == "SLVN"] == [dict(named)[long]] * 2


def test_a_model_named_before_the_title_colon_is_the_authors_tool_and_so_is_its_short_form(real):
    # arXiv:2008.02093: "):" after the short form is no emoticon, and "Point" belongs to the long form.
    record = tag(
        real,
        "This paper proposes the Point Proposal Network (PPN): a point source detector that utilises deep "
        "convolutional neural networks. PPN performs source detection faster.",
        title="Point Proposal Network: Accelerating Point Source Detection Through Deep Learning",
    )
    software = [(e.text, e.concept_id) for e in record.entities if e.label == "SOFTWARE"]
    assert (
        software
        == [("Point Proposal Network", "candidate:point-proposal-network")] * 2
        + [("PPN", "candidate:point-proposal-network")] * 2
    )


def test_one_word_before_a_title_colon_and_an_article_or_gerund_is_a_tool_when_the_abstract_uses_it(real):
    # arXiv:2102.13352 and arXiv:2501.01942.
    tails = tag(
        real,
        "We present Tails, an open-source deep-learning framework for the identification of comets. "
        "Tails employs a custom EfficientDet-based architecture.",
        title="Tails: Chasing Comets with the Zwicky Transient Facility and Deep Learning",
    )
    assert [e.text for e in tails.entities if e.label == "SOFTWARE"] == ["Tails"] * 3
    hybrid = tag(
        real,
        "We present Hybrid-z, a deep learning method. Hybrid-z combines images and photometry.",
        title="Hybrid-z: Enhancing Kilo-Degree Survey bright galaxy sample photometric redshifts with deep learning",
    )
    assert [e.text for e in hybrid.entities if e.label == "SOFTWARE"] == ["Hybrid-z"] * 3
    review = tag(real, "We review the methods of the field.", title="Review: A Decade of Machine Learning")
    assert [e.text for e in review.entities if e.label == "SOFTWARE"] == []


def test_a_hyphenated_short_form_is_defined_and_typed_by_the_head_before_for(real):
    # arXiv:2604.22986: scispaCy never defines "LO-CAMS" (a one-letter token); the head is "Cameras".
    record = tag(
        real,
        "We employ 28,177 meteor events observed in 2023 by the Lowell Observatory Cameras for All-Sky Meteor "
        "Surveillance (LO-CAMS) network to evaluate multiple normalization algorithms. LO-CAMS data are public.",
    )
    long = "Lowell Observatory Cameras for All-Sky Meteor Surveillance"
    assert spans(record) == [(long, "TELESCOPE"), ("LO-CAMS", "TELESCOPE"), ("LO-CAMS", "TELESCOPE")]
    assert len({e.concept_id for e in record.entities}) == 1


def test_a_defined_network_part_is_a_technique_and_its_compounds_with_an_architecture_are_one_name(real):
    # arXiv:2412.12394.
    record = tag(
        real,
        "We use a Convolutional Autoencoder (CAE) enhanced by an Information-Ordered Bottleneck (IOB) layer. "
        "In contrast, the IOB-augmented CAE excelled. Applied to real FRBs from CHIME, the IOB-CAE generalized.",
    )
    assert spans(record) == [
        ("Convolutional Autoencoder", "TECHNIQUE"),
        ("CAE", "TECHNIQUE"),
        ("Information-Ordered Bottleneck", "TECHNIQUE"),
        ("IOB", "TECHNIQUE"),
        ("IOB-augmented CAE", "TECHNIQUE"),
        ("CHIME", "TELESCOPE"),
        ("IOB-CAE", "TECHNIQUE"),
    ]
    assert next(e for e in record.entities if e.text == "IOB-CAE").concept_id.startswith("candidate:")


def test_a_lower_case_learning_method_the_authors_introduce_is_their_tool(real):
    # arXiv:2405.13469: no head word, no capitals, but "we introduce" and no article.
    record = tag(
        real,
        "We introduce machine learning for cross-correlation spectroscopy (MLCCS); the method aims to leverage "
        "weak assumptions. MLCCS methods, including a perceptron, operate in the cross-correlated dimension.",
    )
    assert [e.text for e in record.entities if e.label == "SOFTWARE"] == [
        "machine learning for cross-correlation spectroscopy",
        "MLCCS",
        "MLCCS",
    ]
    kind = tag(real, "We apply machine learning for galaxy classification (MLGC) to the images.")
    assert [e.text for e in kind.entities if e.label == "SOFTWARE"] == []


def test_a_quoted_name_after_dubbed_is_one_software_name(real):
    # arXiv:2403.05452: the quotes bound a name with lower-case words and a known short form inside.
    record = tag(
        real,
        "To address this challenge, we introduce a novel deep learning approach, dubbed "
        "\u201cResidual-to-Residual DNN series for high-Dynamic range imaging\u201d. It is fast.",
    )
    assert spans(record) == [
        ("deep learning", "TECHNIQUE"),
        ("Residual-to-Residual DNN series for high-Dynamic range imaging", "SOFTWARE"),
    ]


def test_coined_model_names_a_survey_and_net_or_a_flow_and_a_hyphenated_version(real):
    # arXiv:2402.05184, arXiv:2506.19925, and fragments of measure-fragments (r3y-frag-05).
    record = tag(
        real,
        "APOGEE Net has been applied to near-IR spectra from the SDSS-V APOGEE survey. Here we develop a "
        "complementary model, BOSS Net. We present EoRFlow, a simulation-based inference (SBI) framework. "
        "Candidates were vetted with astronet-triage-v2.",
    )
    assert [e.text for e in record.entities if e.label == "SOFTWARE"] == [
        "APOGEE Net",
        "BOSS Net",
        "EoRFlow",
        "astronet-triage-v2",
    ]
    assert ("APOGEE", "SURVEY") in spans(record)


def test_an_en_dash_in_a_name_is_its_hyphen(real):
    # arXiv:2103.08118: "XMM\u2013Newton" with an en dash is XMM-Newton, and so is its catalogue.
    record = tag(
        real,
        "The ESA\u2019s X-ray Multi-mirror Mission (XMM\u2013Newton) created a new high-quality version of the "
        "XMM\u2013Newton serendipitous source catalogue, 4XMM-DR9, which provides a wealth of information.",
    )
    named = [(e.text, e.concept_id) for e in record.entities]
    assert ("XMM\u2013Newton", "telescope:xmm-newton") in named
    assert ("XMM\u2013Newton serendipitous source catalogue", "dataset:4xmm") in named


def test_a_name_before_algorithm_is_a_named_tool(real):
    # arXiv:2509.02842 and arXiv:2505.03509 (fixtures/unseen/abstracts-c).
    record = tag(
        real,
        "Counterparts were found using Gaia DR3 with the Bayesian NWAY algorithm and trained priors. We present "
        "AnomalyMatch, an anomaly detection framework combining the semi-supervised FixMatch algorithm.",
    )
    software = [e.text for e in record.entities if e.label == "SOFTWARE"]
    assert "NWAY" in software
    # FixMatch is a known method now; the paradigm's adjective before the coined name stays apart.
    assert ("FixMatch", "technique:fixmatch") in [(e.text, e.concept_id) for e in record.entities]
    assert [e.text for e in tag(real, "We run the fitting algorithm twice.").entities] == []


def test_a_long_capitalised_survey_name_is_whole_and_two_known_names_stay_the_known_survey(real):
    # arXiv:2010.07457; arXiv:2208.11456 (fixtures/unseen/abstracts-c).
    record = tag(
        real,
        "We release a new pulsar-candidate dataset produced from the High Time Resolution Universe - South Low "
        "Latitude Survey. Galaxies of the JWST Cosmic Evolution Early Release Science Survey are fit.",
    )
    named = {(e.text, e.label): e.concept_id for e in record.entities}
    assert ("High Time Resolution Universe - South Low Latitude Survey", "SURVEY") in named
    jwst = named[("JWST Cosmic Evolution Early Release Science Survey", "SURVEY")]
    assert jwst == "survey:cosmic-evolution-early-release-science-survey"


def test_a_capitalised_network_of_stations_is_a_facility(real):
    # arXiv:2604.22986: no definition, but "Meteor" says the network watches the sky.
    record = tag(
        real,
        "We classify meteoroids from 13 directly observed parameters from the Global Meteor Network. "
        "The Deep Residual Network is not a facility.",
    )
    assert ("Global Meteor Network", "TELESCOPE") in spans(record)
    assert all(label != "TELESCOPE" for text, label in spans(record) if "Residual" in text)


def test_a_release_written_after_a_slash_belongs_to_its_survey(real):
    # arXiv:2509.02842: "eROSITA/DR1" is one release; "VLT/MUSE" stays two names.
    record = tag(
        real,
        "Within the LS10 footprint, all 656,614 eROSITA/DR1 sources have at least one possible optical "
        "counterpart. Spectra were taken with VLT/MUSE and compared with SDSS/DR7.",
    )
    named = {(e.text, e.label): e.concept_id for e in record.entities}
    assert ("eROSITA/DR1", "DATASET") in named
    assert named[("SDSS/DR7", "DATASET")] == "dataset:sdss-data-release-7"
    assert ("VLT", "TELESCOPE") in named and ("MUSE", "TELESCOPE") in named


def test_a_survey_named_with_its_facility_and_a_capitalised_word_is_one_survey(real):
    # arXiv:2102.13352: "ZTF Twilight survey"; a known name alone before "survey" stays that name.
    record = tag(
        real,
        "We report the initial results of the Tails efficiency evaluation on the data of the ZTF Twilight "
        "survey. The ZTF survey and the pilot survey are not names.",
    )
    assert ("ZTF Twilight survey", "SURVEY") in spans(record)
    assert ("ZTF", "SURVEY") in spans(record)


def test_a_pipeline_named_after_an_instrument_with_a_plus_is_one_name(real):
    # fixtures/heldout heldout-fragment-01: "HAWC+" is a name, not punctuation.
    record = tag(real, "Level 4 products were generated with the HAWC+ Data Reduction Pipeline (DRP) of sofia_redux.")
    assert ("HAWC+ Data Reduction Pipeline", "SOFTWARE") in spans(record)


def test_a_proper_name_before_simulations_is_a_data_set_but_an_adjective_is_not(real):
    # arXiv:2507.07184 (fixtures/unseen/abstracts-d).
    record = tag(
        real,
        "We apply T2N-MusE to selected data from the Goku simulation suite, covering a 10-dimensional "
        "parameter space. We compare with Newtonian simulations and Gaussian simulations.",
    )
    assert [e.text for e in record.entities if e.label == "DATASET"] == ["Goku simulation suite"]


def test_a_name_set_in_typewriter_type_is_code(real):
    # arXiv:2408.16814 and arXiv:2603.27623 (fixtures/unseen/abstracts-d), as arXiv writes them.
    record = tag(
        real,
        "We introduce \\texttt{SERENEt}, a deep-learning framework designed to recover the 21-cm signal. "
        "\\texttt{SERENEt} can recover the signal distribution. A transformer-based neural network "
        "($\\texttt{Exoformer}$) generates priors; $\\texttt{Exoformer}$-derived priors are fast.",
    )
    assert [e.text for e in record.entities if e.label == "SOFTWARE"] == ["SERENEt"] * 2 + ["Exoformer"] * 2


def test_a_challenge_named_with_its_mission_and_year_is_one_data_set(real):
    # arXiv:2309.09337.
    record = tag(
        real,
        "This paper presents novel machine learning models developed by the AstroAI team for the Ariel Data "
        "Challenge 2023, where one of the models secured the top position. Ariel will observe 1000 planets.",
    )
    assert spans(record) == [
        ("machine learning", "TECHNIQUE"),
        ("Ariel Data Challenge 2023", "DATASET"),
        ("Ariel", "TELESCOPE"),
    ]


def test_a_long_form_the_ontology_writes_another_way_names_the_short_forms_concept(real):
    # arXiv:2410.18562 ("Activity" for the ontology's "Active") and heldout-fragment-03.
    record = tag(
        real,
        "We use the Space-weather HMI Activity Region Patches (SHARP) data. SHARP parameters are fit. "
        "We further use the 3HWC catalogue of the High-Altitude Water Cherenkov Observatory (HAWC).",
    )
    named = [(e.text, e.concept_id) for e in record.entities]
    sharp = "dataset:space-weather-hmi-active-region-patches"
    assert ("Space-weather HMI Activity Region Patches", sharp) in named
    assert [cid for text, cid in named if text == "SHARP"] == [sharp, sharp]
    assert ("High-Altitude Water Cherenkov Observatory", "telescope:high-altitude-water-cherenkov-observatory") in named


def test_facilities_hyphenated_into_a_collaboration_name_are_no_facilities(real):
    # measure-fragments r3y-frag-06.
    record = tag(
        real,
        "We use the O3a and O3b bulk releases for the Advanced LIGO Hanford and Livingston detectors. Posterior "
        "samples were taken from the LIGO-Virgo-KAGRA Collaboration data releases on Zenodo.",
    )
    assert [s for s in spans(record) if s[1] == "TELESCOPE"] == [("Advanced LIGO", "TELESCOPE")]


def test_a_release_of_a_lower_case_part_of_a_survey_is_one_data_set(real):
    # fixtures/unseen/fragments-d m2-fragment-01.
    record = tag(
        real,
        "As training labels we compile secure spectroscopic redshifts from zCOSMOS-bright DR3 and the VIMOS "
        "Ultra-Deep Survey.",
    )
    assert spans(record) == [("zCOSMOS-bright DR3", "DATASET"), ("VIMOS Ultra-Deep Survey", "SURVEY")]


def test_a_short_form_before_a_note_in_its_parentheses_is_defined(real):
    # fixtures/unseen/fragments-c measure-fragment-15: "BASS" needs a definition; it has one, with a note.
    record = tag(
        real,
        "The Legacy Surveys consist of the Beijing-Arizona Sky Survey (BASS; NOAO Prop. ID #2015A-0801) and "
        "the Mayall z-band Legacy Survey (MzLS; Prop. ID #2016A-0453). DECaLS, BASS and MzLS include data.",
    )
    bass = [e.concept_id for e in record.entities if e.text == "BASS"]
    assert bass == ["survey:beijing-arizona-sky-survey"] * 2


def test_a_data_set_named_with_its_facility_or_its_number_is_one_name(real):
    # fixtures/unseen/fragments-c measure-fragment-09 and measure-fragment-08.
    record = tag(
        real,
        "Morphological labels are taken from the LOFAR Galaxy Zoo project. We thank the SKA Observatory for "
        "hosting the Science Data Challenge 2 images.",
    )
    datasets = [e.text for e in record.entities if e.label == "DATASET"]
    assert datasets == ["LOFAR Galaxy Zoo", "Science Data Challenge 2"]


def test_a_tool_named_like_a_word_counts_after_with_or_using_and_before_a_language_and_client(real):
    # fixtures/unseen/fragments-c measure-fragment-18 and -13; measure-fragments r3y-frag-04.
    record = tag(
        real,
        "Radial velocities were jointly fitted with the transits using juliet. Light curves were interpolated "
        "using george; data were downloaded with the drms Python client. Planets with juliet colours are rare.",
    )
    software = [e.text for e in record.entities if e.label == "SOFTWARE" and e.text != "Python"]
    assert software == ["juliet", "george", "drms"]


def test_one_capitalised_word_ending_the_phrase_after_computed_using_is_a_tool(real):
    # arXiv:2509.02842.
    record = tag(
        real,
        "For extragalactic LS10 sources, photometric redshifts were computed using Circlez. Profiles were "
        "fitted with Gaussians. Errors were derived using Bayesian.",
    )
    assert [e.text for e in record.entities if e.label == "SOFTWARE"] == ["Circlez"]


def test_two_methods_short_forms_hyphenated_are_one_model(real):
    # arXiv:2604.22986.
    record = tag(
        real,
        "We find that a combination of Factor Analysis (FA) and a Gaussian Mixture Model (GMM) works best. "
        "The model is supported by an analytical FA-GMM formulation.",
    )
    assert ("FA-GMM", "TECHNIQUE") in spans(record)
    fa_gmm = next(e for e in record.entities if e.text == "FA-GMM")
    assert fa_gmm.concept_id.startswith("candidate:")


def test_a_dimension_written_as_one_word_stays_with_the_network(real):
    # arXiv:2405.13469.
    record = tag(real, "MLCCS methods, including a perceptron and unidimensional convolutional neural networks, work.")
    assert ("unidimensional convolutional neural networks", "TECHNIQUE") in spans(record)


def test_an_unknown_acronym_before_survey_names_it_unless_it_is_a_kind_of_object(real):
    # arXiv:2105.05602; arXiv:2512.19249 (fixtures/unseen/abstracts-a) for the kind of object.
    record = tag(real, "We apply both networks to real data from the VOICE survey, a deep survey.")
    assert ("VOICE", "SURVEY") in spans(record)
    objects = tag(real, "FRBs are bright. The FRB survey finds FRBs.")
    assert ("FRB", "SURVEY") not in spans(objects)


def test_a_named_run_of_a_known_simulation_is_a_data_set(real):
    # measure-fragments r3y-frag-08.
    record = tag(
        real,
        "We use galaxies from the TNG100-1 run of IllustrisTNG, the Ref-L0100N1504 run of EAGLE and the "
        "100 Mpc box of SIMBA. The 2 runs of EAGLE differ.",
    )
    assert [e.text for e in record.entities if e.label == "DATASET"] == [
        "TNG100-1",
        "IllustrisTNG",
        "Ref-L0100N1504",
        "EAGLE",
        "SIMBA",
        "EAGLE",
    ]
