"""SOFTWARE names, twelfth round (GUIDELINE "Types": SOFTWARE is named tools, codes, pipelines, alert brokers and
the named models the authors build; physical models are no entity; "Span extent": the whole name, no more).

Each test is a development record's sentence (cited) or one of the same shape, and each failed on the rules before
this round; each also holds a sentence of the same shape that names no tool.
"""

from __future__ import annotations

import pytest

from tests.test_linking import labels_of, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


def _ids(record, text: str) -> set[str]:
    return {e.concept_id for e in record.entities if e.text == text}


# -- physical and empirical models named after people are no software ----------------------------------------------


def test_an_empirical_model_named_after_its_authors_is_no_software(real):
    # fixtures/unseen/abstracts-x arXiv:2509.06181 (both golds): the Wang-Sheeley-Arge relation is a physical model
    record = tag(
        real,
        "The Wang-Sheeley-Arge (WSA) model has been the cornerstone of operational solar wind forecasting. We tune "
        "the empirical parameters of the WSA solar wind speed relation.",
    )
    assert labels_of(record, "Wang-Sheeley-Arge") == set()
    assert labels_of(record, "WSA") == set()
    # the code that couples it to a heliospheric model is a code
    code = tag(real, "Arrival times were forecast with WSA-ENLIL at the CCMC.")
    assert labels_of(code, "WSA-ENLIL") == {"SOFTWARE"}


def test_the_short_form_of_a_model_named_after_a_person_is_no_tool(real):
    # fixtures/unseen/abstracts-n arXiv:2412.20091 (both golds): "the Willingale model (W07)" is a fitted light-curve
    # model, cited by its author and year
    record = tag(
        real,
        "These methods are compared to the Willingale model (W07) over a sample of 545 GRBs, with the plateau "
        "parameters of the W07 model.",
    )
    assert labels_of(record, "W07") == set()
    # a coined name in parentheses after the authors' "model" is still their model
    own = tag(real, "We train our model (SpecNet) on APOGEE spectra; SpecNet recovers effective temperatures.")
    assert labels_of(own, "SpecNet") == {"SOFTWARE"}


# -- a named variant: a name and a "+" ---------------------------------------------------------------------------


def test_a_known_method_with_a_plus_is_the_authors_named_variant(real):
    # fixtures/unseen/abstracts-y arXiv:2512.05909 (both golds: "GAT+" SOFTWARE)
    record = tag(
        real,
        "Third, we train a graph attention network (GAT) on each galaxy's graph metrics. For massive galaxies, our "
        "GAT+ model achieves an accuracy of 85 per cent.",
    )
    assert labels_of(record, "GAT+") == {"SOFTWARE"}
    assert labels_of(record, "GAT") == {"TECHNIQUE"}


def test_a_defined_short_form_with_a_plus_is_a_named_variant(real):
    # fixtures/unseen/abstracts-x arXiv:2509.06181 (both golds: "WSA+" SOFTWARE, the base model no entity)
    record = tag(
        real,
        "The Wang-Sheeley-Arge (WSA) model has been the cornerstone of solar wind forecasting. We present a neural "
        "enhancement to the WSA framework (referred to as WSA+). The developed WSA+ preserves the interpretability "
        "of the original relation.",
    )
    assert labels_of(record, "WSA+") == {"SOFTWARE"}
    assert labels_of(record, "WSA") == set()


def test_a_plus_after_an_ion_or_between_two_names_names_no_variant(real):
    record = tag(
        real,
        "We map HCO+ and N2H+ emission in the cloud, and combine the CNN+LSTM network with SDSS+WISE photometry.",
    )
    assert {e.text for e in record.entities if e.label == "SOFTWARE"} == set()


# -- an indefinite article before a word and a tool's noun: a kind, no name ------------------------------------------


def test_an_acronym_between_an_article_and_a_tool_noun_is_a_kind_of_tool(real):
    # fixtures/unseen/abstracts-x arXiv:2506.03248 (both golds: no "PSF" entity)
    record = tag(real, "The new light curves are de-blended using a PSF algorithm, providing light curves of new sources.")
    assert labels_of(record, "PSF") == set()
    # seed-dev (ml4astro 2024): "a new N-body/SPH code, ASURA-FDPS": the code's name follows
    dev = tag(real, "We are developing a new N-body/SPH code, ASURA-FDPS, to leverage exascale computing.")
    assert labels_of(dev, "SPH") == set()
    assert labels_of(dev, "ASURA-FDPS") == {"SOFTWARE"}
    # with "the", the word is the tool's name
    named = tag(real, "Sources were de-blended with the DAOPHOT package before photometry.")
    assert labels_of(named, "DAOPHOT") == {"SOFTWARE"}


# -- a defined name in apposition to a tool's noun -------------------------------------------------------------


def test_a_defined_name_in_apposition_to_a_framework_is_a_tool(real):
    # fixtures/unseen/abstracts-x arXiv:2307.01054 (both golds)
    record = tag(
        real,
        "We present the Radio Observatory Anomaly Detector (ROAD), a framework that combines both SSL-based anomaly "
        "detection and a supervised classification. Furthermore, ROAD obtains an anomaly detection F-2 score of 0.92.",
    )
    assert labels_of(record, "Radio Observatory Anomaly Detector") == {"SOFTWARE"}
    assert labels_of(record, "ROAD") == {"SOFTWARE"}
    assert labels_of(record, "Radio Observatory") == set()


def test_a_defined_name_in_apposition_to_something_else_is_no_tool(real):
    record = tag(
        real,
        "We observe the Cosmic Dawn Deep Field (CDDF), a region of low foreground emission, and the Southern "
        "Anomaly Zone (SAZ), a patch of the sky that the framework masks.",
    )
    assert labels_of(record, "Cosmic Dawn Deep Field") == set()
    assert labels_of(record, "SAZ") == set()


# -- a tool's release written as a Roman numeral ------------------------------------------------------------------


def test_a_known_code_with_a_roman_numeral_release_is_that_code(real):
    # fixtures/unseen/fragments-m r11y-frag-08 (both golds: "Gadget-III")
    record = tag(
        real,
        "Dark-matter-only power spectra come from the Quijote simulations, whose realisations were evolved with "
        "Gadget-III from initial conditions generated with 2LPTic.",
    )
    assert labels_of(record, "Gadget-III") == {"SOFTWARE"}
    assert _ids(record, "Gadget-III") == {"software:gadget"}
    # a common word with a numeral is no code
    plain = tag(real, "The Phase-III upgrade and the Type-II supernova rates were studied with a gadget.")
    assert {e.text for e in plain.entities if e.label == "SOFTWARE"} == set()


# -- a tool's name that is also a common word, in the company of other tools -----------------------------------------


def test_a_lower_case_code_used_at_the_end_of_a_clause_that_names_other_tools(real):
    # fixtures/unseen/fragments-m r11y-frag-06 (both golds: "batman")
    record = tag(
        real,
        "Joint transit and radial-velocity fits were performed with juliet, cross-checked with exoplanet, and "
        "sampled with dynesty, and transit injection-recovery tests used batman.",
    )
    assert labels_of(record, "batman") == {"SOFTWARE"}
    # fixtures/unseen/fragments-h r6y-frag-07 (both golds: "drms")
    fetched = tag(
        real,
        "Images in the 94 and 171 channels were downloaded from the Joint Science Operations Center with drms "
        "and calibrated with aiapy.",
    )
    assert labels_of(fetched, "drms") == {"SOFTWARE"}


def test_a_common_word_used_alone_without_other_tools_is_no_code(real):
    record = tag(real, "The costume designers used batman. The study used exoplanet candidates from TESS.")
    assert {e.text for e in record.entities if e.label == "SOFTWARE"} == set()


# -- a code's name, not the description written after it -------------------------------------------------------


def test_a_semi_analytic_code_is_named_without_its_description(real):
    # fixtures/unseen/abstracts-y arXiv:2602.06492 (both golds: "SHARK", not "SHARK semi-analytic model")
    record = tag(
        real,
        "The network is trained exclusively on synthetic galaxies generated by the SHARK semi-analytic model.",
    )
    assert labels_of(record, "SHARK") == {"SOFTWARE"}
    assert labels_of(record, "SHARK semi-analytic model") == set()


def test_a_descriptive_pipeline_after_a_survey_is_no_name(real):
    # fixtures/unseen/abstracts-s arXiv:2506.17376 (both golds: only "DESI" and "Astronomaly")
    record = tag(
        real,
        "Awareness of the former can help to improve the DESI spectroscopic pipeline; we use the Astronomaly "
        "package.",
    )
    assert labels_of(record, "DESI spectroscopic pipeline") == set()
    assert labels_of(record, "Astronomaly") == {"SOFTWARE"}


# -- a name in apposition to a method's noun; an unknown item among known methods -----------------------------------


def test_a_coined_name_in_apposition_to_a_new_technique_is_the_authors_tool(real):
    # fixtures/unseen/abstracts-w arXiv:1702.08456 (both golds: "PNICER")
    record = tag(
        real,
        "In this paper we present a new technique, PNICER, that estimates intrinsic colors and extinction for "
        "individual stars. PNICER effectively eliminates known biases.",
    )
    assert labels_of(record, "PNICER") == {"SOFTWARE"}


def test_an_unknown_item_listed_with_a_known_method_is_no_tool(real):
    # fixtures/unseen/abstracts-l arXiv:2303.02461 (both golds: no "cADI")
    record = tag(
        real,
        "Its detection stage performs significantly better than baseline methods (cADI, PCA), and leads to a "
        "contrast improvement.",
    )
    assert labels_of(record, "cADI") == set()
    # two coined names listed after a tool's noun are still tools
    tools = tag(real, "We compare two pipelines (RadioGNN, AstroSeg) on the same images.")
    assert labels_of(tools, "RadioGNN") == {"SOFTWARE"}


# -- a team, a project id: the people and the grant, no tool -----------------------------------------------------


def test_a_tool_named_team_is_people(real):
    # fixtures/unseen/fragments-f r4y-frag-06 (both golds) and seed-dev time-domain-7: "the SNAD team"
    record = tag(real, "Features were extracted with light-curve-feature from the SNAD team.")
    assert labels_of(record, "SNAD") == set()
    assert labels_of(record, "light-curve-feature") == {"SOFTWARE"}


def test_a_computing_project_id_in_lower_case_is_no_library(real):
    # fixtures/unseen/fragments-b tune-fragment-03: "project astroml-2023" is a computing allocation
    record = tag(
        real,
        "The network was trained on a GPU provided by the Juelich Supercomputing Centre under project astroml-2023. "
        "Periodograms were computed with astroML.",
    )
    assert labels_of(record, "astroml") == set()
    assert labels_of(record, "astroML") == {"SOFTWARE"}


def test_a_code_named_in_title_case_before_a_compound_and_its_noun(real):
    # the way the Shark authors write it: "Shark" alone is a common word (requires a definition)
    record = tag(real, "Synthetic galaxies were generated by the Shark semi-analytic model and observed in mock surveys.")
    assert labels_of(record, "Shark") == {"SOFTWARE"}
    assert labels_of(record, "Shark semi-analytic model") == set()
    # a tool's name that is a lower-case word stays a word before a compound
    plain = tag(real, "The exoplanet mass-radius model is simple.")
    assert labels_of(plain, "exoplanet") == set()


def test_a_title_name_joined_by_an_ampersand_is_the_tool_the_title_presents(real):
    # fixtures/unseen/abstracts-w arXiv:2409.17178 (both golds: "MODEL&CO")
    record = tag(
        real,
        "Direct imaging of exoplanets is particularly challenging. We compare with the PACO algorithm.",
        title="MODEL&CO: Exoplanet detection in angular differential imaging by learning across multiple observations",
    )
    assert labels_of(record, "MODEL&CO") == {"SOFTWARE"}
    # single letters joined by an ampersand are an abbreviation, no name
    plain = tag(real, "Direct imaging of exoplanets is hard.", title="R&D: lessons from a decade of instrument building")
    assert labels_of(plain, "R&D") == set()
