"""SOFTWARE names on abstracts-z, and the typing of the names authors coin for their models (GUIDELINE "Types":
SOFTWARE is named tools, codes and the named models the authors build; model families and architectures, "Bayesian
convolutional neural network" among them, are TECHNIQUE; physical models are no entity).

Each test is a development record's sentence (cited; both golds agree) or one of the same shape, and each failed on
the rules before this change; each also holds a sentence of the same shape that must not change.
"""

from __future__ import annotations

import pytest

from tests.test_linking import labels_of, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


def _ids(record, text: str) -> set[str]:
    return {e.concept_id for e in record.entities if e.text == text}


def _tools(record) -> set[str]:
    return {e.text for e in record.entities if e.label == "SOFTWARE"}


# -- a coined "Net" name of a network named for what it studies: the authors' model ----------------------------------


def test_a_coined_net_short_form_of_a_lower_case_network_about_quasars_is_the_authors_model(real):
    # fixtures/unseen/abstracts-z arXiv:2006.04814
    record = tag(
        real,
        "We present a novel intelligent quasar continuum neural network (iQNet), predicting the intrinsic continuum "
        "of any quasar. The iQNet achieves a median AFFE of 2.24% on the training quasar spectra.",
    )
    assert labels_of(record, "intelligent quasar continuum neural network") == {"SOFTWARE"}
    assert labels_of(record, "iQNet") == {"SOFTWARE"}
    assert len(_ids(record, "iQNet") | _ids(record, "intelligent quasar continuum neural network")) == 1
    # nothing in the long form says what the network is for: an architecture described, no model named
    kind = tag(
        real,
        "We train a dense residual convolutional network (DRCNet) on galaxy images; DRCNet reaches 90 per cent.",
    )
    assert labels_of(kind, "dense residual convolutional network") == {"TECHNIQUE"}
    assert labels_of(kind, "DRCNet") == {"TECHNIQUE"}


def test_a_coined_net_short_form_of_a_half_capitalised_network_about_planets_is_the_authors_model(real):
    # fixtures/unseen/abstracts-z arXiv:2111.15196
    record = tag(
        real,
        "To cope with these disadvantages, we developed Planet Gap neural Networks (PGNets) to infer the planet mass "
        "from 2D images. The gradient-weighted class activation mapping confirms that PGNets use proper disk features.",
    )
    assert labels_of(record, "Planet Gap neural Networks") == {"SOFTWARE"}
    assert labels_of(record, "PGNets") == {"SOFTWARE"}


# -- the short form of a kind of network is no tool's name -------------------------------------------------------


def test_the_short_form_of_an_autoencoder_cnn_is_a_technique(real):
    # fixtures/unseen/abstracts-z arXiv:2507.21876
    record = tag(
        real,
        "We compare an autoencoder convolutional neural network (AE-CNN) with a conventional maximum-likelihood "
        "estimator (MLE) for inferring cluster virial masses. The AE-CNN is trained on mock galaxy catalogues.",
    )
    assert labels_of(record, "autoencoder convolutional neural network") == {"TECHNIQUE"}
    assert labels_of(record, "AE-CNN") == {"TECHNIQUE"}


def test_the_short_form_of_a_bayesian_cnn_is_a_technique(real):
    # fixtures/unseen/abstracts-z arXiv:2206.13696
    record = tag(
        real,
        "We construct Bayesian multilayer perceptron (B-MLP) and Bayesian convolutional neural network (B-CNN) to "
        "predict photo-z along with the PDFs. We combine the B-MLP and B-CNN together.",
    )
    assert labels_of(record, "B-CNN") == {"TECHNIQUE"}
    assert labels_of(record, "B-MLP") == {"TECHNIQUE"}
    # a coined name in parentheses after "network" that defines no kind of network is still the authors' model
    named = tag(real, "We train a deep neural network (Radio-GalNet) on LOFAR images; Radio-GalNet finds 90 per cent.")
    assert labels_of(named, "Radio-GalNet") == {"SOFTWARE"}


# -- names written with an apostrophe, a superscript digit, an en dash ---------------------------------------------


def test_a_title_name_with_an_apostrophe_before_a_capital_is_the_tool_the_title_presents(real):
    # fixtures/unseen/abstracts-z arXiv:2112.10280
    record = tag(
        real,
        "We built a Convolutional Neural Network (CNN) algorithm in order to perform a real/bogus classification task.",
        title="O'TRAIN: a robust and flexible Real/Bogus classifier for the study of the optical transient sky",
    )
    assert labels_of(record, "O'TRAIN") == {"SOFTWARE"}
    # a possessive is no name
    plain = tag(
        real,
        "We built a Convolutional Neural Network (CNN) algorithm to classify transients.",
        title="NASA's view: a robust and flexible classifier for the study of the optical transient sky",
    )
    assert _tools(plain) == set()


def test_a_short_name_with_a_superscript_digit_after_or_is_the_same_tool(real):
    # fixtures/unseen/abstracts-z arXiv:2401.05620
    record = tag(
        real,
        "We present a novel, deep-learning based method - dubbed Galactic-Seismology Substructures and Streams "
        "Hunter, or GS³ Hunter for short, to search for substructures and streams in stellar kinematics data. GS³ "
        "Hunter relies on a combined application of Siamese Neural Networks.",
    )
    assert labels_of(record, "Galactic-Seismology Substructures and Streams Hunter") == {"SOFTWARE"}
    assert labels_of(record, "GS³ Hunter") == {"SOFTWARE"}
    assert _ids(record, "GS³ Hunter") == _ids(record, "Galactic-Seismology Substructures and Streams Hunter")


def test_a_coined_net_name_with_an_en_dash_is_a_model(real):
    # fixtures/unseen/abstracts-z arXiv:2011.10243
    record = tag(
        real,
        "Then we use these data to train a DNN (Tel\u2013Net). After training, the Tel\u2013Net can estimate PSF in any "
        "field of view.",
    )
    assert labels_of(record, "Tel\u2013Net") == {"SOFTWARE"}
    # a known architecture set with an en dash is still that architecture
    known = tag(real, "We segment the images with a U\u2013Net.")
    assert labels_of(known, "U\u2013Net") == {"TECHNIQUE"}


# -- a coined word before a system's noun -----------------------------------------------------------------------


def test_a_coined_word_before_system_names_a_tool(real):
    # fixtures/unseen/abstracts-z arXiv:2102.10326
    record = tag(
        real,
        "The AI/ML ThetaRay system is trained initially with Kepler exoplanetary data. By the application of "
        "ThetaRay system to 10,803 light curves, the algorithm yields about 50 targets.",
    )
    assert labels_of(record, "ThetaRay") == {"SOFTWARE"}
    # a planetary system is named by its star, no coined word; a model or a method with a capital inside its
    # person's name is that person's
    plain = tag(real, "The planets of the Kepler-90 system and of the HR 8799 system orbit in resonance.")
    assert _tools(plain) == set()
    person = tag(real, "We fit the MacDonald model to the light curves and compare it with the VanderPlas method.")
    assert _tools(person) == set()


# -- a name cased apart from a known short form is another name ----------------------------------------------------


def test_a_name_cased_apart_from_a_mission_short_form_is_the_tool_the_text_presents(real):
    # fixtures/unseen/abstracts-z arXiv:2204.09288 (both golds: "LiSA" SOFTWARE, not the LISA mission)
    record = tag(
        real,
        "We introduce LiSA, a set of python modules for the denoising, detection and characterization of HI sources "
        "in 3D spectral data. LiSA was developed and tested on the SDC2 dataset.",
    )
    assert labels_of(record, "LiSA") == {"SOFTWARE"}
    # the mission's short form as written is the mission
    mission = tag(real, "We forecast the sensitivity of LISA, a space-based gravitational-wave observatory.")
    assert labels_of(mission, "LISA") == {"TELESCOPE"}


# -- what a naming verb names: a method's name, not a physical model's ---------------------------------------------


def test_a_method_named_in_a_relative_clause_is_the_authors_tool(real):
    # fixtures/unseen/abstracts-z arXiv:2211.10305 (both golds: SOFTWARE, alt TECHNIQUE)
    record = tag(
        real,
        "We also introduce a new method of inference of Gaussian process parameters, which we call Neural Inference. "
        "In our experiments, the Neural Inference method results in significant improvement over the baseline MLE.",
    )
    assert labels_of(record, "Neural Inference") == {"SOFTWARE"}


def test_a_stochastic_model_the_authors_name_is_no_tool(real):
    # fixtures/unseen/abstracts-z arXiv:2211.10305 (both golds: no entity)
    record = tag(
        real,
        "In this work, we introduce a new stochastic model that we call Convolved Damped Random Walk (CDRW). This "
        "model introduces a concept of smoothness to a DRW.",
    )
    assert labels_of(record, "Convolved Damped Random Walk") == set()
    assert labels_of(record, "CDRW") == set()
    # a learning model the authors name is their tool
    tool = tag(real, "We introduce a new deep learning model that we call Spectral Flow Network (SFN).")
    assert labels_of(tool, "Spectral Flow Network") == {"SOFTWARE"}


# -- a lower-case name before "code" that also opens a sentence ----------------------------------------------------


def test_a_lower_case_code_name_that_opens_a_sentence_is_a_tool(real):
    # fixtures/unseen/abstracts-z arXiv:1805.07089
    record = tag(
        real,
        "We also make the autovet code used to implement the algorithm publicly accessible. autovet is designed to "
        "perform machine learned vetting of planetary candidates.",
    )
    assert labels_of(record, "autovet") == {"SOFTWARE"}
    # a common word before "code" in a record whose sentences open in capitals is no name
    plain = tag(real, "We make the analysis code publicly accessible. The analysis is designed to be fast.")
    assert _tools(plain) == set()


# -- not tools ---------------------------------------------------------------------------------------------------


def test_a_diagram_derived_from_a_catalogue_after_validated_with_is_no_tool(real):
    # fixtures/unseen/abstracts-z arXiv:1902.03496
    record = tag(real, "The separation is validated with HRD derived from Gaia DR2.")
    assert labels_of(record, "HRD") == set()
    # a code after the same verb is still a code
    code = tag(real, "The separation is validated with PARSEC and the fit.")
    assert labels_of(code, "PARSEC") == {"SOFTWARE"}


def test_large_survey_databases_in_a_title_is_a_description(real):
    # fixtures/unseen/abstracts-z arXiv:1305.5023
    record = tag(
        real,
        "We apply the k-nearest neighbor algorithm (kNN) to estimate the photometric redshifts of quasars.",
        title="Estimating Photometric Redshifts of Quasars via K-nearest Neighbor Approach Based on Large Survey Databases",
    )
    assert _tools(record) == set()
    # the framework, written as its authors write it
    named = tag(real, "Catalogs were cross-matched with the Large Survey DataBase framework.")
    assert labels_of(named, "Large Survey DataBase") == {"SOFTWARE"}
