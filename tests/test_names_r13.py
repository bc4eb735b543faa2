"""DATASET and SOFTWARE names, thirteenth round (GUIDELINE "Types": named data products and named tools;
"Span extent": the whole name, no more).

Each test is a development record's sentence (cited) or one of the same shape, and failed on the rules before this
round; each also holds a near miss of the same shape that must not change.
"""

from __future__ import annotations

import pytest

from tests.test_linking import labels_of, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


def _texts(record) -> set[str]:
    return {e.text for e in record.entities}


# -- a product named with capitalised words after a known name ----------------------------------------------------


def test_a_table_or_database_named_in_capitals_after_a_data_set_or_mission_is_one_product(real):
    # fixtures/unseen/fragments-o r12y-frag-08 (both golds)
    record = tag(
        real,
        "Mid-infrared variability was characterised with the AllWISE Multiepoch Photometry Table and the "
        "NEOWISE-R Single-exposure Source Database, using the W1 and W2 bands.",
    )
    assert labels_of(record, "AllWISE Multiepoch Photometry Table") == {"DATASET"}
    assert labels_of(record, "NEOWISE-R Single-exposure Source Database") == {"DATASET"}
    assert "AllWISE" not in _texts(record) and "NEOWISE-R" not in _texts(record)
    # a table of the paper is no product of the data set
    near = tag(real, "The cross-matched sources are listed in the AllWISE Table 2 of this paper.")
    assert labels_of(near, "AllWISE") == {"DATASET"}
    assert not any("Table" in t for t in _texts(near))


def test_a_release_named_with_what_it_holds_before_a_lower_case_table_is_the_product_without_the_noun(real):
    # fixtures/unseen/fragments-o r12y-frag-09 (both golds: "Gaia DR3 Solar System Objects")
    record = tag(real, "We add sparse photometry from the Gaia DR3 Solar System Objects table.")
    assert labels_of(record, "Gaia DR3 Solar System Objects") == {"DATASET"}
    assert "Gaia DR3" not in _texts(record)
    near = tag(real, "Parallaxes are taken from the Gaia DR3 table of the source.")
    assert labels_of(near, "Gaia DR3") == {"DATASET"}


def test_a_simulations_mock_catalogue_is_the_simulation(real):
    # fixtures/unseen/fragments-o r12y-frag-10 (both golds: "MICE2")
    record = tag(real, "Redshift distributions are calibrated on spectra and validated on the MICE2 mock catalogue.")
    assert labels_of(record, "MICE2") == {"DATASET"}
    assert "MICE2 mock catalogue" not in _texts(record)


# -- a release written with its span of years ---------------------------------------------------------------------


def test_a_missions_data_written_with_its_years_abbreviated_is_a_release(real):
    # fixtures/unseen/abstracts-ab arXiv:1010.1634 (both golds: "WMAP 5yr" DATASET)
    record = tag(real, "Here, simple neural networks are applied to the WMAP 5yr temperature data.")
    assert labels_of(record, "WMAP 5yr") == {"DATASET"}
    near = tag(real, "The WMAP temperature maps were smoothed to 1 degree.")
    assert labels_of(near, "WMAP") == {"TELESCOPE"}


# -- code hosts are no tools -------------------------------------------------------------------------------------


def test_a_code_host_is_no_tool(real):
    # fixtures/unseen/abstracts-aa arXiv:2108.00670 (both golds: "Deep-Transit" only)
    record = tag(
        real,
        "Our network and detection functions are implemented in the Deep-Transit toolkit, which is an open-source "
        "Python package hosted on GitHub and PyPI.",
    )
    assert "GitHub" not in _texts(record) and "PyPI" not in _texts(record)
    assert labels_of(record, "Deep-Transit") == {"SOFTWARE"}
    # a pair of surnames before a kind of code names the equations it solves, no tool
    near = tag(real, "Spectra were computed with an Einstein-Boltzmann code and the Navier-Stokes solver.")
    assert "Einstein-Boltzmann" not in _texts(near) and "Navier-Stokes" not in _texts(near)


# -- a tool's version ---------------------------------------------------------------------------------------------


def test_a_version_after_a_coined_tool_name_is_part_of_it(real):
    # fixtures/unseen/abstracts-ab arXiv:2304.02661 (both golds: "SegU-Net v2")
    record = tag(
        real,
        "In this study, we present the SegU-Net v2 framework, which is an enhanced version of our U-Net "
        "architecture-based convolutional neural network. The regions identified by SegU-Net v2 are robust.",
    )
    assert labels_of(record, "SegU-Net v2") == {"SOFTWARE"}
    assert "v2" not in _texts(record) and "SegU-Net" not in _texts(record)


# -- a tool whose name is a word, in a sentence of tools ---------------------------------------------------------


def test_a_tool_named_by_a_word_closing_its_item_in_a_sentence_of_tools_is_the_tool(real):
    # fixtures/unseen/fragments-o r12y-frag-02 (both golds: "juliet"), r12y-frag-06 (both golds: "PROPOSAL")
    record = tag(
        real,
        "Stellar activity was modelled with a Gaussian process implemented in celerite2, jointly with the Keplerian "
        "signals in juliet, with nested sampling performed by dynesty.",
    )
    assert labels_of(record, "juliet") == {"SOFTWARE"}
    icecube = tag(
        real,
        "Monte Carlo events were simulated within the IceTray framework, with photon propagation by CLSim and muon "
        "propagation by PROPOSAL.",
    )
    assert labels_of(icecube, "PROPOSAL") == {"SOFTWARE"}
    # no tool in the sentence: the word is a word
    near = tag(real, "The panel reviewed the PROPOSAL. The star is named after Juliet in the play.")
    assert "PROPOSAL" not in _texts(near)


def test_a_tool_name_in_a_file_name_is_no_tool(real):
    # fixtures/unseen/fragments-o r12y-frag-04 (both golds: the file "allStar-dr17-synspec_rev1", borderline)
    record = tag(real, "We adopt the calibrated ASPCAP parameters from the allStar-dr17-synspec_rev1 file.")
    assert "allStar" not in _texts(record)
    near = tag(real, "PSF photometry was performed with DAOPHOT and ALLSTAR.")
    assert labels_of(near, "ALLSTAR") == {"SOFTWARE"}
