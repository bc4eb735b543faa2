"""SOFTWARE names written once, on new text (GUIDELINE "Types": SOFTWARE is named tools, codes, pipelines and the
named models the authors build).

An author's own model or a tool used in passing is named once and no ontology knows it; what finds it is the
sentence around it: a presenting verb and a long form in parentheses, a naming verb said of a tool's noun, an
apposition to a tool's noun, a citation after "with"/"using". Each test is a new sentence in the style of the
development record it cites; each failed on the rules before this round. Each also holds a sentence of the same
shape that names no tool.
"""

from __future__ import annotations

import pytest

from tests.test_linking import labels_of, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- a presented name before its long form ---------------------------------------------------------------------


def test_a_presented_name_with_a_count_digit_is_defined_by_its_long_form(real):
    # fixtures/unseen/abstracts-g arXiv:2512.18693: "GS3" is G and three S's, a digit the long form cannot spell
    record = tag(
        real,
        "We present PS2 Finder (Pulsar Search and Spectral Finder), a neural network that flags pulsar candidates. "
        "PS2 Finder recovers every known pulsar in the test fields.",
    )
    assert labels_of(record, "PS2 Finder") == {"SOFTWARE"}
    assert labels_of(record, "Pulsar Search and Spectral Finder") == {"SOFTWARE"}


def test_a_presented_word_whose_long_form_spells_it_is_a_tool(real):
    # the backronym of a model (arXiv:2507.07452's shape, "We present AppleCiDEr (...)"), written as a word
    record = tag(
        real,
        "We present Otter (Orbital Tracking of Transients with Embedded Representations), a transformer for "
        "asteroid detections. Otter is trained on simulated streaks.",
    )
    assert labels_of(record, "Otter") == {"SOFTWARE"}
    assert labels_of(record, "Orbital Tracking of Transients with Embedded Representations") == {"SOFTWARE"}
    # a word whose parentheses do not spell it: an aside, no definition
    other = tag(real, "We present Figure (Section Two Analysis), a summary of the results for the sample.")
    assert labels_of(other, "Figure") == set()


# -- a naming verb said of a tool's noun -------------------------------------------------------------------------


def test_a_capitalised_word_a_tool_noun_is_dubbed_is_its_name(real):
    # the shape of arXiv:2301.04292 and the brief's "our network, dubbed X": a word, not a coined shape
    record = tag(
        real,
        "Our classifier, dubbed Heron, separates real transients from bogus detections. Heron is fast.",
    )
    assert labels_of(record, "Heron") == {"SOFTWARE"}
    model = tag(real, "We train a recurrent network, named Kestrel, on simulated light curves.")
    assert labels_of(model, "Kestrel") == {"SOFTWARE"}
    # an adjective after the verb, or a verb said of no tool, names nothing
    family = tag(real, "The method, called Bayesian, is applied to the light curves of the sample.")
    assert labels_of(family, "Bayesian") == set()
    region = tag(real, "The bright region, named Hercules, lies close to the Galactic plane.")
    assert labels_of(region, "Hercules") == set()


# -- an apposition to a tool's noun ------------------------------------------------------------------------------


def test_a_word_in_apposition_to_a_tool_noun_after_a_verb_is_a_tool(real):
    # the brief's "we present X, a ..." with other verbs of the same job (release, describe, train)
    released = tag(real, "We release Lantern, an open-source Python package for the analysis of radio spectra.")
    assert labels_of(released, "Lantern") == {"SOFTWARE"}
    described = tag(real, "This paper describes Quill, a software library for modelling eclipsing binaries.")
    assert labels_of(described, "Quill") == {"SOFTWARE"}
    # a section or a place before the comma is no tool
    section = tag(real, "In Section, a new model for the dust emission is described.")
    assert labels_of(section, "Section") == set()


def test_a_presented_word_before_a_colon_and_a_tool_noun_is_a_tool(real):
    # "X: a deep learning framework for ..." written in the abstract's sentence, not in the title
    record = tag(real, "We present Marten: a machine learning pipeline for the classification of variable stars.")
    assert labels_of(record, "Marten") == {"SOFTWARE"}


def test_a_coined_name_the_authors_present_is_a_tool_whatever_follows(real):
    # capitals inside a word ("ExoSeer"), presented, then a clause: the authors' model
    record = tag(
        real,
        "We propose DustSeer, which combines a convolutional network with a transformer to map dust lanes.",
    )
    assert labels_of(record, "DustSeer") == {"SOFTWARE"}
    # an acronym the verb presents is data more often than a tool
    data = tag(real, "We present NIR, optical and X-ray spectra of the nova.")
    assert labels_of(data, "NIR") == set()


# -- a tool used in passing, with its citation ---------------------------------------------------------------------


def test_a_capitalised_word_after_with_and_before_a_citation_is_a_tool(real):
    # the brief's "with X (Author et al. YEAR)" (fixtures/unseen/fragments-h r6y-frag-06 is its lower-case form)
    record = tag(
        real,
        "We fit the spectral energy distributions with Magpie (Okafor et al. 2021) and sample the posterior. "
        "Redshifts were estimated using Corvid (Lind & Park 2019).",
    )
    assert labels_of(record, "Magpie") == {"SOFTWARE"}
    assert labels_of(record, "Corvid") == {"SOFTWARE"}
    # an adjective, a plural or a citation with no author is no tool
    other = tag(
        real,
        "The profiles agree with Gaussians (Smith et al. 2020) and with Newtonian (Jones 2019) expectations. "
        "We compare with Monday (2019).",
    )
    assert labels_of(other, "Gaussians") == set()
    assert labels_of(other, "Newtonian") == set()
    assert labels_of(other, "Monday") == set()


def test_a_name_before_a_parenthesis_that_says_what_tool_it_is_is_a_tool(real):
    # the brief's "X (Y-based Z)": the parentheses hold the tool's noun, not a short form
    record = tag(real, "We develop Kestrel (a CNN-based classifier) to find strong lenses in survey images.")
    assert labels_of(record, "Kestrel") == {"SOFTWARE"}
    assert labels_of(record, "CNN") == {"TECHNIQUE"}
    coined = tag(real, "The emulator LumiCast (transformer-based emulator) reproduces the power spectrum.")
    assert labels_of(coined, "LumiCast") == {"SOFTWARE"}
    # a short form or a description of something else in the parentheses names no tool
    other = tag(real, "The Moon (a natural satellite) was observed. Paper (a preprint) is cited.")
    assert labels_of(other, "Moon") == set()
    assert labels_of(other, "Paper") == set()


def test_a_capitalised_word_between_commas_after_our_tool_noun_is_its_name(real):
    # "our network, dubbed X" without the verb: "our code, X,"
    record = tag(real, "We make our code, Wren, publicly available to the community.")
    assert labels_of(record, "Wren") == {"SOFTWARE"}
    # a sentence's next word after a clause is no name
    other = tag(real, "We describe the pipeline, However, the data are noisy.")
    assert labels_of(other, "However") == set()
