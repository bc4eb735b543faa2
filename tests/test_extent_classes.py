"""Classes of span-extent errors on arXiv text the project never saw (issue 12, development sets
``fixtures/unseen/abstracts-j``, ``abstracts-k``, ``fragments-g``).

Each test tags sentences written in the style of those abstracts (and, where it says so, the
sentence of a development set) with the shipped ontology and rules, and checks the whole name
and its type as the guideline asks ("Span extent", "Not entities").
"""

from __future__ import annotations

from collections import Counter

import pytest

from astro_ie.normalize import normalize_word, tex_plain
from tests.test_linking import concepts, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- 1. TeX markup inside names: matched through the markup, the span as written ----------------


@pytest.mark.parametrize(("word", "plain"), [
    ('na\\"ive', "naïve"), ('na\\"{\\i}ve', "naïve"), ("$k$", "k"), ("$\\beta$", "β"),
    ("Poincar\\'e", "Poincaré"), ("$", "$"), ("\\textit{", "\\textit{"), ("{\\it", "{\\it"),
])
def test_tex_plain_reads_accents_greek_letters_and_one_symbol_math(word, plain):
    assert tex_plain(word) == plain


def test_the_norm_of_a_tex_word_is_the_norm_of_what_it_typesets():
    assert normalize_word('Na\\"ive') == normalize_word("naïve")
    assert normalize_word("$k$") == "k"


def test_tex_marked_technique_names_are_found_and_keep_their_markup(real):
    # arXiv:1808.08371 (abstracts-j) and sentences in its style.
    record = tag(
        real,
        'We compare a na\\"ive Bayes classifier, a $k$-nearest neighbour classifier and $k$-means '
        "clustering; a $\\beta$-VAE learns a disentangled latent space of the light curves.",
    )
    found = concepts(record)
    assert found['na\\"ive Bayes'] == "technique:naive-bayes"
    assert found["$k$-nearest neighbour"] == "technique:k-nearest-neighbors"
    assert found["$k$-means clustering"] == "technique:k-means"
    assert found["$\\beta$-VAE"] == "technique:beta-variational-autoencoder"
    text = record.text
    for entity in record.entities:  # offsets into the text as written
        assert text[entity.start:entity.end] == entity.text


def test_case_sensitive_short_forms_are_found_through_tex_markup(real):
    record = tag(real, "The embeddings were projected with $t$-SNE and labelled by a $k$-NN vote; t-SNE maps agree.")
    found = concepts(record)
    assert found["$t$-SNE"] == found["t-SNE"] == "technique:t-distributed-stochastic-neighbor-embedding"
    assert found["$k$-NN"] == "technique:k-nearest-neighbors"


def test_tex_marked_words_are_read_once_however_many_abstracts_bring_new_ones(real, monkeypatch):
    # Math symbols make most TeX-marked words of an archive new ones ("$M_{12}$"); the words the exact-case
    # forms are matched again through are found among the words added since the last look, never among all
    # of them again, or tagging slows with the square of the archive.
    from astro_ie import ruler_index

    calls = []
    monkeypatch.setattr(ruler_index, "tex_plain", lambda word: calls.append(word) or tex_plain(word))
    abstracts = [f"We project $M_{{{i}q}}$ and $z_{{{i}r}}$ with $t$-SNE on {{\\it Gaia}} data." for i in range(40)]
    records = [tag(real, text) for text in abstracts]
    assert all(("$t$-SNE", "TECHNIQUE") in spans(record) for record in records)
    read = Counter(word for word in calls if word != "$t$")  # "$t$" itself is read again where it stands
    assert len(read) == 2 * len(abstracts) and set(read.values()) == {1}
    assert calls.count("$t$") <= len(abstracts) + 1


def test_tex_font_groups_around_facility_names(real):
    record = tag(real, "We cross-match {\\it Gaia} astrometry with \\textit{Kepler} light curves and {\\sc TESS} data.")
    assert {("Gaia", "TELESCOPE"), ("Kepler", "TELESCOPE"), ("TESS", "TELESCOPE")} <= set(spans(record))


def test_money_and_math_that_is_not_one_symbol_are_left_alone(real):
    record = tag(real, "The $\\Lambda$CDM fit cost $5 per hour on $N$ GPUs with a random forest.")
    assert spans(record) == [("random forest", "TECHNIQUE")]


# -- 2. Hyphenated compounds: a name does not end inside one, a "-based" modifier belongs to the name --


def test_two_known_names_crossing_at_a_hyphenated_word_are_one_name(real):
    # arXiv:2310.15234 (abstracts-k) and arXiv:2302.14101 (abstracts-d): not "field-level likelihood".
    record = tag(real, "We train graph neural networks to perform field-level likelihood-free inference on "
                       "halo catalogs from hydrodynamic simulations.")
    found = concepts(record)
    assert found["field-level likelihood-free inference"] == "candidate:field-level-likelihood-free-inference"
    assert "field-level likelihood" not in found
    # the composed name is no silent alias of the known one inside it
    assert record.entities[[e.text for e in record.entities].index("field-level likelihood-free inference")].concept_id \
        .startswith("candidate:")


def test_a_name_that_only_touches_a_hyphenated_word_is_unchanged(real):
    record = tag(real, "The SOM-derived labels agree with a field-level inference of the density field.")
    assert ("SOM", "TECHNIQUE") in spans(record)
    assert ("field-level inference", "TECHNIQUE") in spans(record)


@pytest.mark.parametrize("written", ["Attention-based Neural Network", "attention-based neural networks",
                                     "graph-based neural network"])
def test_a_modifier_joined_by_based_is_part_of_the_network_name(real, written):
    # arXiv:2505.22574 (abstracts-k): "Attention-based Neural Network Emulators for Multi-Probe Data Vectors".
    record = tag(real, f"We train {written} emulators of the CMB power spectra for upcoming surveys.")
    assert spans(record)[0] == (written, "TECHNIQUE")


def test_a_joined_modifier_does_not_make_an_umbrella_field_a_method(real):
    record = tag(real, "An attention-based machine learning pipeline classifies the light curves.")
    assert ("machine learning", "TECHNIQUE") in spans(record)


# -- 3. Product words, phases and samples written after a name ------------------------------------


@pytest.mark.parametrize(("sentence", "name", "label"), [
    # arXiv:2507.12363 (abstracts-j): the guideline drops "spectra" as it does for "Gaia XP spectra"
    ("The networks were trained on simulated Gaia RVS spectra of double-lined binaries.", "Gaia RVS", "DATASET"),
    # a pipeline's catalogue is a data product (fragments-g r5y-frag-02)
    ("Cluster redshifts were taken from the redMaPPer catalogue built on the Legacy Surveys.",
     "redMaPPer catalogue", "DATASET"),
    ("Richness values come from the public redMaPPer catalog of SDSS clusters.", "redMaPPer catalog", "DATASET"),
    # a survey's Science Verification data (arXiv:1908.00543, abstracts-k)
    ("We reconstruct convergence maps from the DES SV shear measurements.", "DES SV", "DATASET"),
    ("Mass maps were made from DES Science Verification data with a U-Net.", "DES Science Verification", "DATASET"),
    # the word the survey's own name ends with (arXiv:2201.11142, abstracts-k)
    ("We classify light curves from the DES SN programme with a recurrent network.", "DES SN programme", "SURVEY"),
    # a spectroscopic sample named by its size (fragments-g r5y-frag-03)
    ("Spectroscopic redshifts come from zCOSMOS and DEIMOS 10K in the COSMOS field.", "DEIMOS 10K", "DATASET"),
    # the sky a survey covers, in its name (fragments-g r5y-frag-06)
    ("Additional epochs come from the Pan-STARRS1 3π Steradian Survey stacks.",
     "Pan-STARRS1 3π Steradian Survey", "SURVEY"),
    ("The DESI Early Data Release spectra were classified by a CNN.", "DESI Early Data Release", "DATASET"),
    # a release written after the survey's definition (arXiv:2507.03260, abstracts-k)
    ("Quasars in the Dark Energy Spectroscopic Instrument (DESI) Early Data Release were fit by a CNN.",
     "Early Data Release", "DATASET"),
])
def test_product_phase_and_sample_words_after_a_name(real, sentence, name, label):
    assert (name, label) in spans(tag(real, sentence))


def test_a_product_word_stays_out_only_after_a_data_set_and_a_programme_only_in_its_own_name(real):
    record = tag(real, "The JADES program observed the field with NIRSpec; DEIMOS spectra were reduced with spec2d.")
    assert ("JADES", "SURVEY") in spans(record)
    assert ("DEIMOS", "TELESCOPE") in spans(record)


# -- 4. Kinds of codes and of telescopes are no names ---------------------------------------------


@pytest.mark.parametrize("sentence", [
    # arXiv:2509.15010 (abstracts-j), and the same class in other subfields
    "Imaging atmospheric Cherenkov telescopes (IACTs) record air showers; each IACT camera is read out fast.",
    "CMEs are observed with coronagraphs and heliospheric imagers (HIs) on board spacecraft.",
    "Space-based gravitational-wave detectors (GWDs) will open the millihertz band.",
])
def test_a_kind_of_instrument_defined_in_lower_case_is_no_facility(real, sentence):
    assert not [s for s in spans(tag(real, sentence)) if s[1] == "TELESCOPE"]


def test_a_named_facility_defined_in_the_same_way_is_still_one(real):
    record = tag(real, "We observed with the Kyoto Tridimensional Spectrograph (KTS) and the Lijiang 2.4-m telescope (LJT).")
    assert ("Kyoto Tridimensional Spectrograph", "TELESCOPE") in spans(record)
    assert ("LJT", "TELESCOPE") in spans(record)


@pytest.mark.parametrize("sentence", [
    # arXiv:2405.07903 (abstracts-k)
    "Emulators of Einstein-Boltzmann codes speed up the inference of cosmological parameters.",
    "Navier-Stokes solvers and Fokker-Planck codes are too slow for the inference loop.",
])
def test_codes_named_after_their_equations_are_no_tools(real, sentence):
    assert not [s for s in spans(tag(real, sentence)) if s[1] == "SOFTWARE"]


def test_a_coined_hyphenated_name_before_a_code_noun_is_still_a_tool(real):
    assert ("Deep-LC", "SOFTWARE") in spans(tag(real, "Light curves were classified with the Deep-LC toolkit."))


# -- 5. The authors' named tools -------------------------------------------------------------------


def test_a_long_form_read_back_over_a_sentence_end_is_no_definition(real):
    # arXiv:1709.09182 (abstracts-j): "StarNet" spelt from "spectra. When our convolutional neural network
    # model" is no definition, so the known model keeps its name.
    record = tag(real, "We analyse synthetic stellar spectra. When our convolutional neural network model (StarNet) is "
                       "trained on APOGEE spectra, StarNet predicts stellar parameters.")
    assert spans(record).count(("StarNet", "SOFTWARE")) == 2


def test_an_unknown_model_named_in_parentheses_after_a_tool_noun_is_a_tool(real):
    record = tag(real, "We train on Gaia spectra. Then our convolutional neural network model (SpecFormerNet) is "
                       "applied to LAMOST. SpecFormerNet recovers effective temperatures.")
    assert spans(record).count(("SpecFormerNet", "SOFTWARE")) == 2


@pytest.mark.parametrize("sentence", [
    # arXiv:2409.14016 (abstracts-j)
    "We integrate contrastive learning with a GRU to develop a novel classifier, termed ContReg, which is fast.",
    "A transformer-based regressor termed FlareCast predicts the peak flux of flares.",
])
def test_a_name_after_termed_is_the_authors_tool(real, sentence):
    name = "ContReg" if "ContReg" in sentence else "FlareCast"
    assert (name, "SOFTWARE") in spans(tag(real, sentence))


def test_a_coined_network_name_before_architecture_is_a_technique_unless_the_authors_own(real):
    # arXiv:2601.13538 (abstracts-k): "based on the U2-Net architecture"
    record = tag(real, "We introduce MIU2Net, a deep-learning framework for mass mapping based on the U2-Net architecture.")
    assert ("U2-Net", "TECHNIQUE") in spans(record)
    assert ("MIU2Net", "SOFTWARE") in spans(record)
    record = tag(real, "We train our PulsarNet architecture on folded profiles. PulsarNet finds new pulsars.")
    assert spans(record).count(("PulsarNet", "SOFTWARE")) == 2


# -- The network a method trained, and a mission's funding programme ---------------------------


@pytest.mark.parametrize(("sentence", "name"), [
    # fragments-g r5y-frag-01 and r4y-frag-03: the encoder is what the method trained
    ("We compare against a self-supervised BYOL encoder trained on unlabelled cutouts.", "BYOL"),
    ("Galaxy images were embedded with a SimCLR encoder before clustering.", "SimCLR"),
])
def test_an_encoder_after_a_training_method_is_not_part_of_its_name(real, sentence, name):
    found = spans(tag(real, sentence))
    assert (name, "TECHNIQUE") in found
    assert not any(text.endswith("encoder") for text, _ in found)


def test_an_encoder_after_an_architecture_still_completes_its_name(real):
    assert ("transformer encoder", "TECHNIQUE") in spans(tag(real, "A transformer encoder embeds the light curves."))


@pytest.mark.parametrize("sentence", [
    # fragments-g r5y-frag-07, fragments-c measure-fragment-18
    "This work was supported by the Solar Orbiter Guest Investigator programme.",
    "Support came from TESS Guest Investigator grant 80NSSC23K0290.",
    "We acknowledge the Fermi Guest Investigator Program for funding.",
])
def test_a_guest_investigator_programme_named_with_a_mission_is_no_facility(real, sentence):
    assert not [s for s in spans(tag(real, sentence)) if s[1] == "TELESCOPE"]
