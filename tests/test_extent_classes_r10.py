"""Classes of span-extent errors on arXiv text the project never saw (issue 12, development sets
``fixtures/unseen/abstracts-r``, ``abstracts-s``, ``fragments-k``).

Each test tags sentences written in the style of astronomy abstracts and data sections with the
shipped ontology and rules, and checks the whole name and its type as the guideline asks ("Span
extent", "Not entities"). The record that showed the class is named in a comment.
"""

from __future__ import annotations

import pytest

from tests.test_linking import concepts, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- 1. A paradigm's adjective without a learning head is no mention of the paradigm -------------


@pytest.mark.parametrize(
    ("sentence", "adjective"),
    [
        # abstracts-r arXiv:2107.06301
        ("Each light curve is labelled by a committee of supervised learners trained on Kepler data.", "supervised"),
        # abstracts-r arXiv:2201.02696
        ("We advocate an unsupervised methodology for the exploration of the spectra.", "unsupervised"),
        # abstracts-o arXiv:2110.13151, abstracts-s arXiv:2601.23013 (borderline in both golds)
        ("A self-supervised approach characterises the tidal features around each galaxy.", "self-supervised"),
        ("The two catalogues are combined by a semi-supervised scheme of our own.", "semi-supervised"),
        # abstracts-p arXiv:2305.03761
        ("We adopt a weakly-supervised search for resonant anomalies.", "weakly-supervised"),
    ],
)
def test_a_paradigm_adjective_alone_is_no_technique(real, sentence, adjective):
    record = tag(real, sentence)
    assert not any(text.lower() == adjective for text, _ in spans(record))


def test_a_paradigm_adjective_before_a_model_noun_leaves_the_umbrella(real):
    # abstracts-s arXiv:2203.06288: "a semi-supervised deep learning model"
    record = tag(real, "We designed a semi-supervised deep learning model made of two convolutional networks.")
    assert ("deep learning", "TECHNIQUE") in spans(record)
    assert not any(text == "semi-supervised" for text, _ in spans(record))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Clusters are found with unsupervised learning, an unsupervised methodology.", "unsupervised learning"),
        ("We pre-train with self-supervised learning, a self-supervised approach.", "self-supervised learning"),
        (
            "Anomalies are ranked by unsupervised machine learning and unsupervised scores.",
            "unsupervised machine learning",
        ),
        (
            "A Supervised Variational Autoencoder (sVAE) is one of our supervised learners.",
            "Supervised Variational Autoencoder",
        ),
        ("We apply unsupervised domain adaptation, a semi-supervised scheme.", "unsupervised domain adaptation"),
        ("Masked reconstruction gives a self-supervision signal to a self-supervised encoder.", "self-supervision"),
    ],
)
def test_a_paradigm_with_its_head_stays_beside_a_bare_adjective(real, sentence, name):
    record = tag(real, sentence)
    assert [text for text, _ in spans(record) if "upervis" in text] == [name]
    if name == "self-supervision":  # the noun is the paradigm, no adjective
        assert concepts(record)[name] == "technique:self-supervised-learning"


def test_a_prefixed_paradigm_before_a_learning_field_names_the_paradigm(real):
    # abstracts-n arXiv:2406.03643 (both golds: "self-supervised deep learning"); abstracts-s arXiv:2203.06288
    # ("a semi-supervised deep learning model": the model's noun keeps the field apart, test above)
    record = tag(real, "Leveraging self-supervised deep learning, we classify the prompt emission of bursts.")
    assert spans(record) == [("self-supervised deep learning", "TECHNIQUE")]


# -- 2. A descriptive "mechanism" after a named kind of attention ---------------------------------


def test_mechanism_after_a_named_attention_is_no_part_of_its_name(real):
    # abstracts-r arXiv:2511.12955 ("self-attention mechanisms" -> "self-attention"); abstracts-i
    # arXiv:2507.00866 and abstracts-k arXiv:2505.22574 ("cross-attention mechanism", "dot-product-attention
    # mechanism" are annotated without the tail)
    record = tag(
        real,
        "Unlike plain self-attention mechanisms, our gated layer and a channel attention mechanism weight the frames.",
    )
    assert ("self-attention", "TECHNIQUE") in spans(record)
    assert ("channel attention", "TECHNIQUE") in spans(record)
    assert not any(text.endswith(("mechanism", "mechanisms")) for text, _ in spans(record))
    # "attention" alone names nothing: the mechanism is the name (six golds)
    assert ("attention mechanism", "TECHNIQUE") in spans(tag(real, "An attention mechanism weights the frames."))


def test_the_shipped_rules_reject_an_alias_with_a_descriptive_mechanism(tmp_path):
    import shutil

    from astro_ie.resources import default_ontology_dir
    from tests.test_ontology import problems_of

    shutil.copytree(default_ontology_dir() / "rules", tmp_path / "rules")
    (tmp_path / "t.yaml").write_text(
        "- id: technique:self-attention\n  label: self-attention\n  type: TECHNIQUE\n"
        "  aliases: [self-attention mechanism]\n"
        "- id: technique:attention-mechanism\n  label: attention mechanism\n  type: TECHNIQUE\n",
        encoding="utf-8",
    )
    problems = problems_of(tmp_path)
    assert [p.code for p in problems] == ["E111"]
    assert "'self-attention mechanism'" in problems[0].message


# -- 3. "linear" makes a kind of method --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # abstracts-r arXiv:2403.02536 (both golds keep "linear SVM")
        ("A linear SVM trained on the magnetic parameters forecasts the events.", "linear SVM"),
        ("We compare a linear support vector machine with a random forest.", "linear support vector machine"),
    ],
)
def test_linear_before_a_method_is_part_of_its_name(real, sentence, name):
    record = tag(real, sentence)
    assert (name, "TECHNIQUE") in spans(record)
    assert concepts(record)[name].startswith("candidate:")


def test_linear_regression_keeps_its_own_concept_beside_a_linear_svm(real):
    record = tag(real, "A linear SVM and linear regression are the baselines.")
    assert spans(record) == [("linear SVM", "TECHNIQUE"), ("linear regression", "TECHNIQUE")]
    assert concepts(record)["linear regression"] == "technique:linear-regression"


# -- 6. A catalogue named by its owner: a possessive, a capitalised name of the catalogue ---------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # abstracts-r arXiv:2504.00347 ("Gaia’s variable star catalogue", both golds)
        ("Counterparts were found in Fermi’s point-source catalogue.", "Fermi’s point-source catalogue"),
        ("Labels come from a cross-match with ASAS-SN's variable star catalogue.", "ASAS-SN's variable star catalogue"),
    ],
)
def test_a_possessive_between_a_facility_and_its_catalogue_is_one_data_set(real, sentence, name):
    assert (name, "DATASET") in spans(tag(real, sentence))


def test_a_possessive_before_other_words_leaves_the_facility(real):
    record = tag(real, "We rely on Gaia's astrometry and on TESS's input catalogue.")
    assert spans(record) == [("Gaia", "TELESCOPE"), ("TESS's input catalogue", "DATASET")]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # fragments-k r9y-frag-03 ("COSMOS2020 Farmer catalogue", both golds)
        ("Photometric redshifts come from the COSMOS2020 Classic catalogue.", "COSMOS2020 Classic catalogue"),
    ],
)
def test_a_capitalised_name_between_a_data_set_and_catalogue_is_one_data_set(real, sentence, name):
    assert (name, "DATASET") in spans(tag(real, sentence))


def test_a_data_sets_bare_catalogue_is_still_the_data_set(real):
    # annotators split on "COSMOS2020 catalogue"; the convention keeps the data set ("the unWISE catalogue" is the
    # unWISE Catalog, a product of the unWISE images the ontology knows by that name: tests/test_dataset_names_z.py)
    record = tag(real, "Hosts come from the Quaia catalogue and the COSMOS2020 Farmer catalogue.")
    assert [text for text, _ in spans(record)] == ["Quaia", "COSMOS2020 Farmer catalogue"]


# -- 5. A chain of facility names hyphenated into one coined sample -------------------------------


def test_three_facilities_hyphenated_into_one_sample_are_no_facility(real):
    # abstracts-r arXiv:2410.11436: "XMM-WISE-SDSS sample" (a borderline DATASET in both golds)
    record = tag(real, "We formed a Chandra-WISE-SDSS sample and classified it with a random forest.")
    assert spans(record) == [("random forest", "TECHNIQUE")]


def test_two_names_hyphenated_and_a_known_chain_stay(real):
    record = tag(real, "The ASKAP-EMU survey, LIGO-Virgo-KAGRA alerts and a Chandra-WISE-SDSS sample are compared.")
    assert spans(record) == [("ASKAP-EMU", "SURVEY"), ("LIGO-Virgo-KAGRA", "TELESCOPE")]


# -- 7. A data set and a facility joined by a colon: one project named for the facility ------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # fragments-k r9y-frag-01 ("Radio Galaxy Zoo: LOFAR"), fragments-j r8y-frag-03 ("Galaxy Zoo: Hubble")
        ("Morphological labels were taken from Radio Galaxy Zoo: MeerKAT.", "Radio Galaxy Zoo: MeerKAT"),
        ("Volunteer votes come from Galaxy Zoo: JWST and are debiased.", "Galaxy Zoo: JWST"),
    ],
)
def test_a_data_set_colon_a_facility_is_one_data_set(real, sentence, name):
    record = tag(real, sentence)
    assert (name, "DATASET") in spans(record)
    assert not any(label == "TELESCOPE" for _, label in spans(record))


def test_a_colon_before_a_sentence_leaves_both_names(real):
    record = tag(real, "We train on ImageNet: the Euclid images are kept for tests with labels of Galaxy Zoo: JWST.")
    assert spans(record) == [("ImageNet", "DATASET"), ("Euclid", "TELESCOPE"), ("Galaxy Zoo: JWST", "DATASET")]


# -- 4. A noun naming a property after a method's word --------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # abstracts-s arXiv:2206.11927
        "The pretraining task also enforces augmentation invariance of the representation.",
        "The learned features are augmentation-invariant by construction.",
        "Dropout equivariance is not required by our loss.",
    ],
)
def test_a_property_named_after_a_method_is_no_mention_of_it(real, sentence):
    assert not any(label == "TECHNIQUE" for _, label in spans(tag(real, sentence)))


def test_the_method_itself_is_still_named_beside_the_property(real):
    record = tag(real, "We use data augmentation to enforce augmentation invariance.")
    assert spans(record) == [("data augmentation", "TECHNIQUE")]


# -- 8. An ordinal before a survey counts its passes; it is no part of the survey's name -----------


def test_an_ordinal_before_an_all_sky_survey_is_no_part_of_its_name(real):
    # fragments-k r9y-frag-02 (both golds: "eROSITA All-Sky Survey", SURVEY)
    record = tag(real, "Our clusters were detected in the first eROSITA All-Sky Survey (eRASS1) and followed up.")
    assert ("eROSITA All-Sky Survey", "SURVEY") in spans(record)
    assert not any(text.startswith("first") for text, _ in spans(record))
    assert ("eRASS1", "DATASET") in spans(record) or ("eRASS1", "SURVEY") in spans(record)


# -- 9. A fellowship named with a facility, its kind written in lower case ------------------------


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # fragments-k r9y-frag-09 (GUIDELINE "Not entities": fellowships)
        ("CD acknowledges support from a Rubin Observatory postdoctoral fellowship.", []),
        ("EF is funded by a Chandra graduate fellowship and observed with ALMA.", [("ALMA", "TELESCOPE")]),
    ],
)
def test_a_facility_naming_a_fellowship_is_no_facility(real, sentence, kept):
    assert spans(tag(real, sentence)) == kept
