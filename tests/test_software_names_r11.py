"""SOFTWARE names written once, eleventh round (GUIDELINE "Types": SOFTWARE is named tools, codes, pipelines and the
named models the authors build).

Each test is a sentence in the style of the development record it cites (or the record's own sentence), and each
failed on the rules before this round; each also holds a sentence of the same shape that names no tool.
"""

from __future__ import annotations

import pytest

from tests.test_linking import labels_of, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


def _ids(record, text: str) -> set[str]:
    return {e.concept_id for e in record.entities if e.text == text}


# -- a backronym: the long form's capitals, inside words too, spell the short form ------------------------------


def test_a_long_form_and_its_short_form_inside_one_parenthesis_spelled_by_capitals(real):
    # fixtures/unseen/abstracts-t arXiv:2104.14313
    record = tag(
        real,
        "For our primary model (Coronal Hole RecOgnition Neural Network Over multi-Spectral-data; CHRONNOS) we use "
        "a progressively growing network. CHRONNOS exceeds human performance.",
    )
    long = "Coronal Hole RecOgnition Neural Network Over multi-Spectral-data"
    assert labels_of(record, long) == {"SOFTWARE"}
    assert labels_of(record, "CHRONNOS") == {"SOFTWARE"}
    assert _ids(record, "CHRONNOS") == _ids(record, long)
    assert labels_of(record, "Neural Network") == set()  # inside the name, not a mention of its own


def test_a_long_form_longer_than_the_detector_reads_is_spelled_by_its_capitals(real):
    # fixtures/unseen/abstracts-t arXiv:2605.29428: ten words for five letters
    record = tag(
        real,
        "We present DEtection in phase-folded Light curves with cOntrastive Scoring (DELOS), a framework designed "
        "to search for shallow transits. DELOS improves the recovery of long-period planets.",
    )
    long = "DEtection in phase-folded Light curves with cOntrastive Scoring"
    assert labels_of(record, long) == {"SOFTWARE"}
    assert _ids(record, "DELOS") == _ids(record, long)


def test_a_backronym_of_a_survey_keeps_its_head_type(real):
    # a capital inside a word spells a survey's name too: the head word types it
    record = tag(
        real,
        "Targets come from the GALactic Outskirts Radial Exploration Survey (GALORES), a new spectroscopic programme.",
    )
    assert labels_of(record, "GALactic Outskirts Radial Exploration Survey") == {"SURVEY"}


def test_capitals_that_do_not_spell_the_short_form_define_nothing(real):
    # a capital inside a word, but the parenthesis holds something else: no definition, no tool
    record = tag(
        real,
        "The spectra were reduced with the standard McDonald routines (MDR) and the QuickLook tables (QTS).",
    )
    assert labels_of(record, "MDR") == set()
    assert labels_of(record, "QTS") == set()
    # an ordinary definition, no capital inside a word, is left to the detector as before
    plain = tag(real, "We study the star formation rates (SFRs) of nearby galaxies.")
    assert labels_of(plain, "SFRs") == set()


# -- a naming verb, an article, then the name --------------------------------------------------------------------


def test_a_name_after_named_the_and_its_short_form_is_a_tool(real):
    # fixtures/unseen/abstracts-t arXiv:2001.04177
    record = tag(
        real,
        "The resulting instrument, named the Hazardous Object Identifier (HOI), was trained on an artificial set "
        "of impactors. HOI was able to identify 95.25% of the known impactors.",
    )
    assert labels_of(record, "Hazardous Object Identifier") == {"SOFTWARE"}
    assert labels_of(record, "HOI") == {"SOFTWARE"}


def test_a_name_after_called_the_is_a_tool_whole(real):
    # fixtures/unseen/abstracts-t arXiv:2205.02447: the name ends in a technique's word, and is the authors' model
    record = tag(
        real,
        "In this paper, we present a novel deep learning method, called the Dst Transformer, to perform short-term "
        "forecasting of the Dst index. The Dst Transformer combines a multi-head attention layer with Bayesian "
        "inference.",
    )
    assert labels_of(record, "Dst Transformer") == {"SOFTWARE"}
    assert labels_of(record, "Transformer") == set()


def test_called_the_before_a_common_phrase_names_nothing(real):
    record = tag(real, "This epoch, called the cosmic dawn, ends when the first galaxies form.")
    assert {e.label for e in record.entities} <= {"TECHNIQUE"}
    record = tag(real, "The second step, called the Hubble tension, is discussed at length in the literature.")
    assert labels_of(record, "Hubble tension") == set()


# -- a word hyphenated to an architecture's short name ---------------------------------------------------------


def test_a_word_glued_before_an_architecture_names_a_model(real):
    # fixtures/unseen/abstracts-u arXiv:2403.14235: "Gal-DINO", as the guideline's "Radio-UNet"
    record = tag(
        real,
        "The detection pipeline uses Gal-DINO computer-vision networks (Gupta et al., 2024) to predict the "
        "categories of radio morphology. The Gal-DINO network is trained on 5,000 radio galaxies.",
    )
    assert labels_of(record, "Gal-DINO") == {"SOFTWARE"}
    assert labels_of(record, "DINO") == set()


def test_an_acronym_glued_after_an_architecture_names_a_model(real):
    # fixtures/unseen/fragments-l r10y-frag-10
    record = tag(
        real,
        "A U-Net reconstructs the lensing potential from temperature and polarization maps, in the spirit of "
        "ResUNet-CMB, and a Bayesian neural network detects clusters.",
    )
    assert labels_of(record, "ResUNet-CMB") == {"SOFTWARE"}
    assert labels_of(record, "ResUNet") == set()


def test_modifiers_versions_and_two_architectures_glued_stay_techniques(real):
    record = tag(
        real,
        "We compare a Bi-LSTM, a CNN-LSTM, a Bayesian-CNN, an Attention-UNet and a ResNet-50 with a VAE-based model.",
    )
    assert not any(e.label == "SOFTWARE" for e in record.entities)
    # a capitalised word the record also writes in lower case is a word, not a coined prefix
    record = tag(real, "The Local-CNN is trained on local patches of the radio maps, and a Galaxy-VAE on galaxy images.")
    assert not any(e.label == "SOFTWARE" for e in record.entities)


# -- not a tool: a coined-looking word that opens an organisation's name -------------------------------------------


def test_a_net_word_that_opens_an_organisations_name_is_no_model(real):
    # fixtures/unseen/fragments-l r10y-frag-10 and fragments-h r6y-frag-09 (acknowledgements)
    record = tag(real, "Computations were performed on the Niagara supercomputer at the SciNet HPC Consortium.", title="")
    assert labels_of(record, "SciNet") == set()
    # the same shape used as a model stays one
    model = tag(real, "We classify the light curves with SciNet, a convolutional network trained on simulations.")
    assert labels_of(model, "SciNet") == {"SOFTWARE"}


# -- known tools written in lower case, in the company of tools ----------------------------------------------------


def test_a_tool_written_as_its_authors_write_it_in_a_list_of_tools(real):
    # fixtures/unseen/fragments-l r10y-frag-02: the package is "tricolour", in lower case
    record = tag(
        real,
        "The visibilities were flagged with tricolour and AOFlagger, calibrated with CASA and imaged with WSClean.",
        title="",
    )
    assert _ids(record, "tricolour") == {"software:tricolour"}
    # the word alone is a colour scheme, no tool
    other = tag(real, "The tricolour image of the field shows the radio lobes in red.", title="")
    assert labels_of(other, "tricolour") == set()


def test_a_lower_case_tool_a_verb_uses_before_the_tools_it_wraps(real):
    # fixtures/unseen/fragments-l r10y-frag-06
    record = tag(real, "The joint fit used juliet, which wraps dynesty and batman, with a Gaussian process.", title="")
    assert _ids(record, "juliet") == {"software:juliet"}
    # the same verb before a common noun that is also a tool's name, with no tool after it
    other = tag(real, "We used isochrones, the parallaxes and the colours to estimate the ages.", title="")
    assert labels_of(other, "isochrones") == set()


# -- a coined name and the purpose it was made for ---------------------------------------------------------------


def test_a_coined_name_a_participle_of_making_describes_is_a_tool(real):
    # fixtures/unseen/abstracts-u arXiv:2603.10579
    record = tag(
        real,
        "We apply three approaches. These include DRAGNHunter, designed to detect likely DRAGNs from a component "
        "catalogue, and a machine learning pipeline.",
    )
    assert labels_of(record, "DRAGNHunter") == {"SOFTWARE"}
    # a known facility in the same shape keeps its type; a plain word or an acronym is no coined name
    other = tag(
        real,
        "KM3NeT, built to detect neutrinos, and the Cubes, designed to fit the spectra, and SPHERE, designed to image "
        "planets.",
    )
    assert labels_of(other, "KM3NeT") == {"TELESCOPE"}
    assert labels_of(other, "Cubes") == set()
    assert "SOFTWARE" not in labels_of(other, "SPHERE")


# -- the code a data product was made by ---------------------------------------------------------------------------


def test_the_code_a_simulation_was_generated_by_is_a_tool(real):
    # fixtures/unseen/abstracts-u arXiv:2506.06386
    record = tag(
        real,
        "We investigate the impact of the restoration on the large-scale 21-cm signal in the simulation generated "
        "by CRIME. Simulation results show that the power spectra are closer to the real one.",
    )
    assert labels_of(record, "CRIME") == {"SOFTWARE"}
    # no product made (an agent of emission), or the name goes on into a noun phrase
    other = tag(
        real,
        "The emission generated by AGN heats the gas. The cubes were generated by the WALLABY pipeline team.",
    )
    assert labels_of(other, "AGN") == set()
    assert "SOFTWARE" not in labels_of(other, "WALLABY")
