"""Classes of span-extent errors on arXiv text the project never saw (issue 12, development sets
``fixtures/unseen/abstracts-p``, ``abstracts-q``, ``fragments-j``).

Each test tags real sentences of those sets (or of older unseen sets with the same class) with the
shipped ontology and rules, and checks the whole name and its type as the guideline asks ("Span
extent", "Not entities").
"""

from __future__ import annotations

import pytest

from tests.test_linking import concepts, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- 1. A part of an instrument written after a hyphen, at the end of a sentence -----------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # fragments-j r8y-frag-02
        ("Archival pointed observations come from XMM-Newton and Chandra ACIS-I.", "ACIS-I"),
        # heldout-fragment-05: one spacecraft of a pair
        ("Coronal images were taken by SOHO and STEREO-A.", "STEREO-A"),
    ],
)
def test_a_part_letter_before_a_full_stop_stays_with_its_instrument(real, sentence, name):
    assert (name, "TELESCOPE") in spans(tag(real, sentence))


# -- 2. A facility's data release named by its year ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "concept"),
    [
        # abstracts-q arXiv:2503.00108
        (
            "Applying this framework to Planck 2018 Cosmic Microwave Background (CMB) temperature anisotropy data "
            "we find our reconstructed PPS to be consistent with near scale-invariance.",
            "Planck 2018",
            "dataset:planck-legacy-release",
        ),
        ("We choose a prior on the optical depth based on Planck 2015 measurements.", "Planck 2015",
         "dataset:planck-pr2"),
        # fragments-d m2-fragment-07
        ("The training cosmologies were drawn from a Latin hypercube spanning the Planck 2018 prior volume.",
         "Planck 2018", "dataset:planck-legacy-release"),
    ],
)
def test_a_facility_and_the_year_of_a_known_release_is_that_release(real, sentence, name, concept):
    record = tag(real, sentence)
    assert (name, "DATASET") in spans(record)
    assert concepts(record)[name] == concept
    assert ("Planck", "TELESCOPE") not in spans(record)


def test_a_year_that_names_no_known_release_leaves_the_facility(real):
    # fragments-h r6y-frag-09 and fragments fragment-19: an observing season, and a range of them
    record = tag(real, "We add the SPT-3G 2019 temperature data and the SPT-3G 2019/2020 maps of the main field.")
    assert spans(record) == [("SPT-3G", "TELESCOPE"), ("SPT-3G", "TELESCOPE")]


# -- 3. A simulation written with the model that populated it, or with one of its runs ----------


def test_a_simulation_hyphenated_with_the_model_that_populated_it_is_one_data_set(real):
    # abstracts-q arXiv:2507.20378
    record = tag(real, "Trained on the Uchuu-UniverseMachine simulation, our approach significantly reduces scatter.")
    assert spans(record) == [("Uchuu-UniverseMachine", "DATASET")]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # fragments-j r8y-frag-05
        ("The large-volume validation uses TNG300-1 and the FLAMINGO L1_m9 run.", "FLAMINGO L1_m9"),
        ("Galaxies are drawn from the EAGLE L0100N1504 run.", "EAGLE L0100N1504"),
    ],
)
def test_a_simulation_and_the_code_of_its_run_is_one_data_set(real, sentence, name):
    assert (name, "DATASET") in spans(tag(real, sentence))


# -- 4. Modifiers: a group named in TeX, an adverb, a count, a paradigm before a named model -----


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # abstracts-q arXiv:2603.19046: "fully" says how equivariant the network is, the group names its kind
        (
            "Here we construct a fully D$_4$-equivariant deep neural network for galaxy shape measurement.",
            "D$_4$-equivariant deep neural network",
        ),
        ("Rotations are handled by a C8-equivariant convolutional neural network.",
         "C8-equivariant convolutional neural network"),
        # the wheel check of round 9, a title of abstracts-q's kind: the name itself starts with "equivariant"
        ("A D$_4$-equivariant network for weak-lensing shear", "D$_4$-equivariant network"),
        ("Radio galaxies are classified by an E(2)-equivariant CNN.", "E(2)-equivariant CNN"),
    ],
)
def test_equivariance_to_a_named_group_is_part_of_the_name(real, sentence, name):
    assert spans(tag(real, sentence)) == [(name, "TECHNIQUE")]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # abstracts-d arXiv:2407.21240
        ("We segment the images with Fully Convolution Neural Networks.", "Fully Convolution Neural Networks"),
        ("The emulator is a fully connected neural network with four hidden layers.",
         "fully connected neural network"),
    ],
)
def test_fully_stays_before_the_layers_it_qualifies(real, sentence, name):
    assert (name, "TECHNIQUE") in spans(tag(real, sentence))


def test_counted_inputs_before_a_network_are_part_of_its_name(real):
    # abstracts-p arXiv:2304.04807
    record = tag(
        real,
        "We compare various neural network architectures including single line CNNs, an ensemble of single "
        "line CNNs, and a multi-line CNN.",
    )
    assert ("single line CNNs", "TECHNIQUE") in spans(record)
    assert ("multi-line CNN", "TECHNIQUE") in spans(record)
    assert not {("CNN", "TECHNIQUE"), ("CNNs", "TECHNIQUE")} & set(spans(record))


def test_a_paradigm_before_a_named_model_only_says_how_it_was_trained(real):
    # abstracts-p arXiv:2401.10802
    record = tag(real, "In this paper, we apply the unsupervised Gaussian Mixture Model (GMM) to thirteen clusters.")
    assert spans(record) == [("Gaussian Mixture Model", "TECHNIQUE"), ("GMM", "TECHNIQUE")]
    assert concepts(record)["Gaussian Mixture Model"] == "technique:gaussian-mixture-model"


def test_a_paradigm_before_a_task_names_that_paradigm(real):
    record = tag(real, "We use unsupervised domain adaptation between the simulated and observed images.")
    assert spans(record) == [("unsupervised domain adaptation", "TECHNIQUE")]


# -- 5. A product named on a facility's data: an instrument with its mission, a code and a release


def test_a_data_set_named_on_an_instrument_written_with_its_mission_is_one_name(real):
    # abstracts-p arXiv:2012.08164: the spaced hyphen belongs to the data set's own name
    record = tag(
        real,
        "We use the SOHO/MDI-Debrecen Data (SDD) and the SDO/HMI - Debrecen Data (HMIDD) sunspot catalogues.",
    )
    assert ("SDO/HMI - Debrecen Data", "DATASET") in spans(record)
    assert ("SDO", "TELESCOPE") not in spans(record)
    assert concepts(record)["HMIDD"] == concepts(record)["SDO/HMI - Debrecen Data"]


def test_a_facility_a_products_code_and_a_release_are_one_data_set(real):
    # abstracts-q arXiv:2405.15566
    record = tag(real, "We use photometry from SDSS and AllWISE, trained on the SDSS MPA-JHU DR8 catalogue.")
    assert ("SDSS MPA-JHU DR8", "DATASET") in spans(record)
    assert ("DR8", "DATASET") not in spans(record)
    assert ("SDSS", "SURVEY") in spans(record)


# -- 6. A method named after its network; the stage a network is trained in -------------------


def test_masked_autoencoding_is_the_masked_autoencoder_and_its_training_stage_is_no_part(real):
    # fragments-j r8y-frag-06
    record = tag(real, "Our classifier is a transformer encoder with masked autoencoding pre-training.")
    assert ("masked autoencoding", "TECHNIQUE") in spans(record)
    assert concepts(record)["masked autoencoding"] == "technique:masked-autoencoder"


def test_a_methods_pre_training_is_still_one_name(real):
    record = tag(real, "Features come from contrastive pre-training on unlabeled cutouts.")
    assert spans(record) == [("contrastive pre-training", "TECHNIQUE")]


# -- 7. A part co-ordinated with a hyphenated instrument name shares its prefix -----------------


def test_a_part_coordinated_with_a_hyphenated_instrument_shares_its_prefix(real):
    # fragments-j r8y-frag-02
    record = tag(real, "We add archival pointed observations from XMM-Newton (EPIC-pn and MOS cameras).")
    assert ("MOS", "TELESCOPE") in spans(record)
    assert concepts(record)["MOS"] == concepts(tag(real, "The EPIC-MOS camera."))["EPIC-MOS"]


def test_a_coordinated_word_that_makes_no_known_name_stays_untagged(real):
    record = tag(real, "Fields were observed by COSMOS-Web and JADES programmes, and XMM-Newton and Chandra.")
    assert [text for text, _ in spans(record)] == ["COSMOS-Web", "JADES", "XMM-Newton", "Chandra"]


# -- 8. The mountain an observatory stands on is a place ------------------------------------------


def test_the_mountain_an_observatory_stands_on_is_no_facility(real):
    # fragments-j r8y-frag-04 (GUIDELINE "Not entities")
    record = tag(
        real,
        "Funding for DESI is provided by the U.S. Department of Energy; we are honoured to conduct research on "
        "Iolkam Du'ag (Kitt Peak), a mountain of particular significance to the Tohono O'odham Nation.",
    )
    assert ("Kitt Peak", "TELESCOPE") not in spans(record)
    assert ("DESI", "SURVEY") in spans(record)


# -- 9. A mission's catalogues in the plural are no one product ----------------------------------


@pytest.mark.parametrize(
    ("sentence", "mission"),
    [
        # abstracts-p arXiv:2510.07747 (a title)
        ("Introducing SESHAT: A Tool for Object Classification from JWST Catalogs.", "JWST"),
        # abstracts-g arXiv:1907.06652
        ("Transfer learning is tested on a set of mock Gaia catalogs based on simulations.", "Gaia"),
    ],
)
def test_a_missions_catalogues_in_the_plural_are_the_mission(real, sentence, mission):
    record = tag(real, sentence)
    assert (mission, "TELESCOPE") in spans(record)
    assert not any(label == "DATASET" for _, label in spans(record))


def test_a_surveys_catalogues_in_the_plural_are_still_its_product(real):
    # final-fragments final-fragment-09
    record = tag(real, "We also use HST/ACS imaging from the CANDELS survey and the 3D-HST catalogues.")
    assert ("3D-HST catalogues", "DATASET") in spans(record)


def test_a_simulation_suite_before_one_of_its_runs_is_the_run_written_whole(real):
    # abstracts-m arXiv:2602.03312
    record = tag(real, "To this end, we used Illustris TNG50, one of the highest-resolution cosmological simulations.")
    assert ("Illustris TNG50", "DATASET") in spans(record)
    assert concepts(record)["Illustris TNG50"] == "dataset:tng50"


def test_two_simulations_side_by_side_stay_two(real):
    record = tag(real, "We compare galaxies of EAGLE and TNG100 with those of SIMBA.")
    assert [text for text, _ in spans(record)] == ["EAGLE", "TNG100", "SIMBA"]


# -- The rules file ---------------------------------------------------------------------------


def test_a_modifier_pattern_must_end_with_a_modifiers_last_word(tmp_path):
    from astro_ie.extent import read_span_rules

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "span.yaml").write_text(
        "technique_modifiers: [equivariant]\nmodifier_patterns: ['[A-Z][0-9]-equivariant', '[A-Z][0-9]-steerable']\n",
        encoding="utf-8",
    )
    rules, problems = read_span_rules(tmp_path)
    assert [p.code for p in problems] == ["E110"]
    assert "steerable" in str(problems[0])
    assert rules.modifier_patterns == ()


def test_the_capitalised_layer_of_a_facilitys_survey_is_one_survey(real):
    # abstracts-m arXiv:2212.09984: the title ends with the survey's name
    record = tag(real, "We build models from five bands.", title="AGN Host Galaxies in the Hyper Suprime-Cam Wide Survey")
    assert ("Hyper Suprime-Cam Wide Survey", "SURVEY") in spans(record)
    assert ("Hyper Suprime-Cam", "TELESCOPE") not in spans(record)


def test_an_observatory_named_as_a_universitys_department_is_an_institution(real):
    # fragments-d m2-fragment-16 (GUIDELINE "Not entities": institutions)
    record = tag(
        real,
        "We thank the Bok telescope, Steward Observatory, University of Arizona; and the Mayall telescope, Kitt Peak "
        "National Observatory.",
    )
    assert ("Steward Observatory", "TELESCOPE") not in spans(record)
    assert ("Kitt Peak National Observatory", "TELESCOPE") in spans(record)


def test_probabilistic_before_deep_learning_describes_the_method(real):
    # abstracts-p arXiv:2603.24466 (both annotators), abstracts-m arXiv:2306.13179
    record = tag(
        real, "Our novel implementation of a normalizing flow is a flexible probabilistic deep learning method."
    )
    assert ("deep learning", "TECHNIQUE") in spans(record)
    assert concepts(record)["deep learning"] == "technique:deep-learning"


def test_a_title_case_release_of_a_survey_is_named_whole_beside_its_short_name(real):
    # fragments-b tune-fragment-08
    record = tag(real, "This work made use of the Third Data Release of the GALAH Survey (GALAH DR3), based on data acquired.")
    assert spans(record) == [("Third Data Release of the GALAH Survey", "DATASET"), ("GALAH DR3", "DATASET")]


def test_a_lower_case_release_with_a_named_release_beside_is_left_to_the_name(real):
    # the rule of an earlier round: "the second data release of the LOFAR Two-metre Sky Survey (LoTSS-DR2)"
    record = tag(real, "We use the second data release of the LOFAR Two-metre Sky Survey (LoTSS-DR2).")
    assert ("LoTSS-DR2", "DATASET") in spans(record)
    assert not any(text.startswith("second data release") for text, _ in spans(record))
