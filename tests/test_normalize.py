"""Tests of astro_ie.normalize: the norm that decides which spellings are one word.

What matters to the matcher is that the variants of one word share a norm (British
and American spelling, singular and plural, acronym plurals) and that words which only
look plural keep their own. Properties are checked where the input is open-ended.
Idempotence is asserted only on real words: on made-up ones ("optimisings") the
-ise rule and the plural rule run in an order that can leave a second step to do.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from astro_ie.normalize import alias_key, normalize_word, singularize
from astro_ie.vocabulary import spelling

# The folds astro-ie ships (ontologies/rules/spelling.yaml).
_WORD_SPELLINGS = spelling().spellings
ISE_STEMS = spelling().ise_stems


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("catalogue", "catalog"),
        ("catalogues", "catalogs"),
        ("colour", "color"),
        ("modelling", "modeling"),
        ("labelled", "labeled"),
        ("neighbours", "neighbors"),
        ("neighbourhood", "neighborhood"),
        ("neighbourhoods", "neighborhoods"),  # plural of a word the table lists only in the singular
        ("modellers", "modelers"),
        ("greys", "grays"),
        ("organising", "organizing"),
        ("optimisation", "optimization"),
        ("optimisations", "optimizations"),
        ("normalised", "normalized"),
        ("regularisation", "regularization"),
        ("conformalised", "conformalized"),  # arXiv:2307.04993: "conformalised quantile regression (CQR)"
        ("quantised", "quantized"),
        ("marginalised", "marginalized"),
        ("digitised", "digitized"),
        ("analyse", "analyze"),
        ("programme", "program"),
        ("centre", "center"),
    ],
)
def test_british_and_american_spellings_share_a_norm(british, american):
    assert normalize_word(british) == normalize_word(american)
    assert normalize_word(british.capitalize()) == normalize_word(american)


@pytest.mark.parametrize(
    ("word", "norm"),
    [
        ("networks", "network"),
        ("maps", "map"),
        ("galaxies", "galaxy"),
        ("boxes", "box"),
        ("matches", "match"),
        ("classes", "class"),
        ("masses", "mass"),
        ("lenses", "lens"),
        ("gases", "gas"),
        ("biases", "bias"),
        ("analyses", "analysis"),
        ("hypotheses", "hypothesis"),
        ("Catalogues", "catalog"),
    ],
)
def test_plurals_fold_to_the_singular(word, norm):
    assert normalize_word(word) == norm


@pytest.mark.parametrize(
    "word",
    [
        "analysis",
        "basis",
        "series",
        "species",
        "physics",
        "statistics",
        "data",
        "lens",
        "gas",
        "bias",
        "mass",
        "class",
        "radius",
        "status",
        "focus",
        "corpus",
        "census",
        "cosmos",
        "atlas",
        "various",
        "this",
        "its",
    ],
)
def test_words_that_only_look_plural_keep_their_form(word):
    assert normalize_word(word) == word
    assert normalize_word(word.upper()) == word


@pytest.mark.parametrize(
    ("word", "norm"),
    [
        ("CNNs", "cnn"),
        ("GANs", "gan"),
        ("SOMs", "som"),
        ("VAEs", "vae"),
        ("ANNs", "ann"),
        ("NNs", "nn"),
        ("RFs", "rf"),
        ("GPUs", "gpu"),
        ("DR3s", "dr3"),
    ],
)
def test_acronym_plurals_fold_to_the_acronym(word, norm):
    assert normalize_word(word) == norm
    assert normalize_word(word[:-1]) == norm


def test_acronyms_with_digits_and_punctuation_are_only_lower_cased():
    assert normalize_word("ResNet-50") == "resnet-50"
    assert normalize_word("k-NN") == "k-nn"
    assert normalize_word("TNG100") == "tng100"
    assert normalize_word("ForSE+") == "forse+"


def test_short_words_are_only_lower_cased():
    assert normalize_word("Us") == "us"
    assert normalize_word("AS") == "as"
    assert normalize_word("is") == "is"


def test_singularize_is_conservative():
    assert singularize("bus") == "bus"
    assert singularize("glass") == "glass"
    assert singularize("famous") == "famous"
    assert singularize("gas") == "gas"
    assert singularize("maps") == "map"


# --- alias_key --------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("self-organizing map", "Self Organising Maps"),
        ("k-nearest neighbors", "k nearest neighbours"),
        ("machine-learning", "Machine Learning"),
        ("Gaia Data Release 3", "gaia data release 3"),
        ("Convolutional Neural Networks", "convolutional neural network"),
    ],
)
def test_alias_key_folds_separators_spelling_and_number(a, b):
    assert alias_key(a) == alias_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("neural network", "neural networking"),
        ("random forest", "random forest classifier"),
        ("Gaia DR3", "Gaia DR2"),
        ("t-SNE", "tSNE"),  # dropping the hyphen inside a word is a matcher variant, not a key fold
    ],
)
def test_alias_key_keeps_different_names_apart(a, b):
    assert alias_key(a) != alias_key(b)


def test_alias_key_separates_punctuation_into_tokens():
    assert alias_key("ForSE+") == "forse +"
    assert alias_key("VLT/MUSE") == "vlt / muse"


# --- properties ---------------------------------------------------------------

ASCII_LOWER = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14)

_REAL_SUFFIXES = ("ise", "ises", "ised", "ising", "isation", "isations", "iser", "isers")
REAL_WORDS = st.one_of(
    st.sampled_from(sorted(_WORD_SPELLINGS) + sorted(set(_WORD_SPELLINGS.values()))),
    st.builds(lambda stem, suffix: stem + suffix, st.sampled_from(ISE_STEMS), st.sampled_from(_REAL_SUFFIXES)),
    st.sampled_from(
        [
            "networks",
            "galaxies",
            "analyses",
            "hypotheses",
            "lenses",
            "classes",
            "neighbourhoods",
            "telescopes",
            "surveys",
            "catalogues",
            "simulations",
            "boxes",
            "series",
        ]
    ),
)


@given(ASCII_LOWER)
def test_case_does_not_change_the_norm_of_a_word(word):
    # Holds for words written in lower case, capitalised or in capitals. It does not hold
    # for every mixed-case string: "NNs" (an acronym plural) and "NNS" differ on purpose,
    # and non-ASCII case mappings ("ß".upper() == "SS") change the word itself.
    assert normalize_word(word) == normalize_word(word.upper()) == normalize_word(word.capitalize())


@given(ASCII_LOWER)
def test_norm_is_lower_case_and_not_empty(word):
    norm = normalize_word(word.capitalize())
    assert norm == norm.lower()
    assert norm


@given(REAL_WORDS)
def test_norm_is_idempotent_on_real_words(word):
    norm = normalize_word(word)
    assert normalize_word(norm) == norm


@given(st.lists(ASCII_LOWER, min_size=1, max_size=5))
def test_alias_key_treats_hyphens_and_spaces_alike(words):
    assert alias_key("-".join(words)) == alias_key(" ".join(words)) == alias_key(" ".join(words).upper())


def test_word_forms_of_one_method_fold_together():
    assert alias_key("foundational models") == alias_key("foundation model")
    assert alias_key("boosted decision trees") == alias_key("boosting decision tree")
