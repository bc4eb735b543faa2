"""Classes of span-extent errors on arXiv text the project never saw (issue 12, development sets
``fixtures/unseen/abstracts-l``, ``abstracts-m``, ``fragments-h``).

Each test tags sentences written in the style of astronomy abstracts with the shipped ontology
and rules, and checks the whole name and its type as the guideline asks ("Span extent").
"""

from __future__ import annotations

import pytest

from tests.test_linking import concepts, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- 1. Supervised / unsupervised before a learning umbrella: one paradigm ----------------------


@pytest.mark.parametrize(("sentence", "name", "concept"), [
    ("We combine the statistical model of the detector with supervised deep learning.",
     "supervised deep learning", "candidate:supervised-deep-learning"),
    ("Light curves of variable stars are grouped with unsupervised deep learning.",
     "unsupervised deep learning", "candidate:unsupervised-deep-learning"),
    ("Supervised DL classifiers are trained on simulated lenses.", "Supervised DL", "candidate:supervised-deep-learning"),
    ("The sources are then ranked by supervised machine learning.", "supervised machine learning",
     "technique:supervised-learning"),
])
def test_a_field_paradigm_before_a_learning_umbrella_is_one_technique(real, sentence, name, concept):
    record = tag(real, sentence)
    assert concepts(record).get(name) == concept
    assert ("deep learning", "TECHNIQUE") not in spans(record)


def test_a_prefixed_paradigm_stays_apart_from_the_umbrella_before_a_models_noun(real):
    # how one model is trained, not the paradigm of a field (dev gold: "self-supervised deep learning networks";
    # the bare adjective is no technique since round 10, tests/test_extent_classes_r10.py)
    record = tag(real, "We pre-train the encoder with self-supervised deep learning networks on unlabeled cutouts.")
    assert ("deep learning", "TECHNIQUE") in spans(record)
    assert "self-supervised deep learning" not in concepts(record)


def test_the_paradigm_does_not_swallow_a_network_umbrella(real):
    record = tag(real, "Supervised neural networks and a random forest classify the spectra.")
    assert ("neural networks", "TECHNIQUE") in spans(record)


# -- 2. The head noun a recurrent family's name ends with ---------------------------------------


@pytest.mark.parametrize(("sentence", "name", "concept"), [
    ("A bidirectional long short-term memory network predicts the flux of the next orbit.",
     "bidirectional long short-term memory network", "technique:bidirectional-long-short-term-memory"),
    ("We feed the spectra to a bidirectional gated recurrent unit network.",
     "bidirectional gated recurrent unit network", "technique:bidirectional-gated-recurrent-unit"),
    ("A convolutional long short-term memory network forecasts solar wind speed.",
     "convolutional long short-term memory network", "technique:convolutional-long-short-term-memory"),
])
def test_a_recurrent_name_keeps_the_network_its_family_name_ends_with(real, sentence, name, concept):
    assert concepts(tag(real, sentence)).get(name) == concept


def test_a_short_form_does_not_take_a_network_its_forms_do_not_have(real):
    # "the LSTM network" is annotated "LSTM" (abstracts-e); no form of the LSTM is "LSTM network"
    record = tag(real, "We then fine-tune the LSTM network on a few residuals of each pulsar.")
    assert ("LSTM", "TECHNIQUE") in spans(record)
    assert "LSTM network" not in concepts(record)


# -- 3. Modifiers that change the method, and words that only describe it -----------------------


@pytest.mark.parametrize(("sentence", "name"), [
    ("Foreground maps on the sphere are cleaned by a spherical U-Net trained on HEALPix patches.", "spherical U-Net"),
    ("A wide residual neural network classifies the radio galaxy morphologies.", "wide residual neural network"),
    ("Redshift intervals are calibrated with split conformal prediction on a held-out sample.",
     "split conformal prediction"),
    ("A fully convolutional neural network segments the coronal holes.", "fully convolutional neural network"),
])
def test_a_modifier_that_makes_a_kind_of_method_stays_in_the_name(real, sentence, name):
    assert (name, "TECHNIQUE") in spans(tag(real, sentence))


@pytest.mark.parametrize(("sentence", "name", "kept"), [
    ("We present a fully deep-learning pipeline for transient vetting.", "fully deep-learning", "deep-learning"),
    ("A probabilistic BNN returns calibrated errors on the stellar masses.", "probabilistic BNN", "BNN"),
    ("The photometric redshifts of a probabilistic CNN are compared with templates.", "probabilistic CNN", "CNN"),
])
def test_a_word_that_only_describes_the_method_is_dropped(real, sentence, name, kept):
    found = spans(tag(real, sentence))
    assert (kept, "TECHNIQUE") in found
    assert (name, "TECHNIQUE") not in found


# -- 6. Code identifiers in a list of tools ------------------------------------------------------


def test_code_identifiers_in_a_software_list_are_tools(real):
    record = tag(real, "Software: Astropy, NumPy, SciPy, healpy_utils, light-curve-features, illustris_python, emcee.")
    found = spans(record)
    for name in ("healpy_utils", "light-curve-features", "illustris_python", "emcee"):
        assert (name, "SOFTWARE") in found


def test_a_list_of_tools_takes_no_english_compound_person_or_word(real):
    record = tag(real, "This research made use of Astropy, NumPy, Andrew Smith, time, state-of-the-art, "
                       "end-to-end and Matplotlib.")
    assert {e.text for e in record.entities} == {"Astropy", "NumPy", "Matplotlib"}


def test_a_code_identifier_alone_is_not_a_tool(real):
    # outside a list of tools a lower-case compound is English: "a one-to-one mapping", "two-point-correlation"
    record = tag(real, "We adopt a one-to-one mapping and a cross-match-based estimator of the halo_mass field.")
    assert not [e for e in record.entities if e.label == "SOFTWARE"]


# -- 7. A facility's name before the words of a simulation of galaxies is a simulation suite ------


def test_a_camera_name_before_cosmological_simulation_words_is_a_simulation_suite(real):
    record = tag(real, "Discs are drawn from the ARTEMIS cosmological hydrodynamical zoom-in simulations.")
    assert ("ARTEMIS", "DATASET") in spans(record)
    assert concepts(record)["ARTEMIS"] != "telescope:artemis-camera"


@pytest.mark.parametrize("sentence", [
    "The dust continuum was imaged with ArTeMiS on APEX.",
    "We build Euclid simulations of the wide survey and LSST simulations of the deep drilling fields.",
])
def test_a_facility_before_simulations_of_its_data_stays_a_facility(real, sentence):
    assert all(e.label != "DATASET" for e in tag(real, sentence).entities)


# -- 5. A product's short name after its facility's is one product -------------------------------


@pytest.mark.parametrize(("sentence", "name"), [
    ("Blazars of the Fermi 4LAC are cross-matched with the radio sources.", "Fermi 4LAC"),
    ("Compact sources of the Planck PCCS2 catalogue are masked before training.", "Planck PCCS2"),
])
def test_a_product_named_with_its_facility_is_one_data_set(real, sentence, name):
    found = spans(tag(real, sentence))
    assert (name, "DATASET") in found
    assert not [label for text, label in found if label == "TELESCOPE"]


def test_a_facility_and_a_product_of_another_stay_two_names(real):
    found = spans(tag(real, "Gaia 4LAC counterparts are rare; Planck and PCCS2 agree."))
    assert ("Gaia", "TELESCOPE") in found and ("4LAC", "DATASET") in found
    assert ("PCCS2", "DATASET") in found and ("Planck", "TELESCOPE") in found
