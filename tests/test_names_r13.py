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


# -- a tool named once: in a title before its subtitle, in parentheses, with a Greek letter ------------------------


def test_a_title_names_its_tool_before_a_subtitle_that_says_it_is_one(real):
    # fixtures/unseen/abstracts-ab arXiv:2503.22657 (both golds: "dolphin")
    record = tag(
        real,
        "In this paper, we present dolphin, an automated lens modeling pipeline. dolphin uses a neural network model.",
        title="dolphin: A fully automated forward modeling pipeline powered by artificial intelligence",
    )
    assert labels_of(record, "dolphin") == {"SOFTWARE"}
    # fixtures/unseen/abstracts-aa arXiv:2502.11758 (both golds: "EBOP MAVEN", no MAVEN mission)
    ebop = tag(
        real,
        "We seek to improve the efficiency of these efforts with the development of a machine learning model.",
        title="EBOP MAVEN: A machine learning model for predicting eclipsing binary light curve fitting parameters",
    )
    assert labels_of(ebop, "EBOP MAVEN") == {"SOFTWARE"}
    assert "MAVEN" not in _texts(ebop)
    # a subject before the colon, or two facilities, is no tool
    subject = tag(real, "We study quasars.", title="Quasars: A machine learning model for their variability")
    assert "Quasars" not in _texts(subject)
    facilities = tag(real, "We use ZTF spectra.", title="ZTF SEDM: A new pipeline for spectra")
    assert "ZTF SEDM" not in _texts(facilities)


def test_a_package_identifier_in_parentheses_after_a_code_is_the_code(real):
    # fixtures/unseen/abstracts-aa arXiv:2605.12391 (both golds: "tess-asteroid-ml")
    record = tag(
        real,
        "We built a code for creating TESS training data with asteroid masks that served as the foundation of our "
        "effort (tess-asteroid-ml), which we publicly released for the benefit of the community.",
    )
    assert labels_of(record, "tess-asteroid-ml") == {"SOFTWARE"}
    near = tag(real, "Our code reaches a high ratio (signal-to-noise) on the data (state-of-the-art).")
    assert "signal-to-noise" not in _texts(near) and "state-of-the-art" not in _texts(near)


def test_a_name_opened_by_a_greek_letter_is_coined(real):
    # fixtures/unseen/abstracts-ab arXiv:2505.03936 (both golds: "νGAN")
    record = tag(
        real,
        "We propose a generative adversarial network (GAN) model. Our model called νGAN (for neutrino GAN) is able "
        "to generate 2D cosmic webs of the Universe.",
    )
    assert labels_of(record, "νGAN") == {"SOFTWARE"}
    assert {e.concept_id for e in record.entities if e.text == "νGAN"} != {
        e.concept_id for e in record.entities if e.text == "GAN"}
    near = tag(real, "The radio flux is 3 μJy, as expected in ΛCDM.")
    assert "μJy" not in _texts(near) and "ΛCDM" not in _texts(near)


def test_a_tool_whose_name_is_a_word_in_a_record_on_what_it_is_made_for(real):
    # fixtures/unseen/fragments-o r12y-frag-03 (both golds: "Omicron")
    record = tag(
        real,
        "We use strain data from the third observing run (O3) of the two Advanced LIGO detectors and of Advanced "
        "Virgo. Glitch labels are taken from Gravity Spy. Omicron triggers were used to locate transients.",
    )
    assert labels_of(record, "Omicron") == {"SOFTWARE"}
    near = tag(real, "The Omicron variant spread in 2022, when we observed with the VLT.")
    assert "Omicron" not in _texts(near)


# -- a mission and its pipeline side by side -------------------------------------------------------------------------


def test_a_mission_and_its_pipelines_short_name_written_apart_are_two_names(real):
    # fixtures/unseen/abstracts-j arXiv:1902.08544 (both golds: "TESS" and "SPOC")
    record = tag(real, "The simulated data were processed using the full TESS SPOC pipeline.")
    assert labels_of(record, "TESS") == {"TELESCOPE"}
    assert labels_of(record, "SPOC") == {"SOFTWARE"}
    assert "TESS SPOC" not in _texts(record)
    # the product written as one unit keeps its name
    assert labels_of(tag(real, "We use the TESS-SPOC light curves of the full-frame images."), "TESS-SPOC") == {
        "SOFTWARE"}


# -- breadth: tools of the subfields named once ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Glitch vetoes were derived with gwdetchar and hveto from the auxiliary channels.", "gwdetchar"),
        ("Auxiliary-channel features were extracted with SNAX for iDQ.", "SNAX"),
        ("Photon propagation in the ice was simulated with photospline tables and CLSim.", "photospline"),
        ("Tracks were reconstructed with JGandalf within the KM3NeT software framework.", "JGandalf"),
        ("Events were weighted with SimWeights and LeptonWeighter.", "SimWeights"),
        ("The CHEOPS light curves were detrended with pycheops and fitted with juliet.", "pycheops"),
        ("Radio signals of neutrinos in the Askaryan Radio Array were simulated with AraSim.", "AraSim"),
    ],
)
def test_tools_of_neutrino_gravitational_wave_and_exoplanet_work(real, sentence, name):
    assert labels_of(tag(real, sentence), name) == {"SOFTWARE"}


def test_tools_whose_names_are_words_stay_words_alone(real):
    record = tag(real, "A millipede was photographed on a monopod. The stamp was a new proposal.")
    assert _texts(record) == set()


def test_a_missions_list_of_events_is_its_product(real):
    # fixtures/unseen/fragments-c measure-fragment-01 ("GOES flare event list" DATASET)
    record = tag(real, "Flare labels come from the GOES flare event list, based on the X-Ray Sensor (XRS) on GOES-15.")
    assert labels_of(record, "GOES flare event list") == {"DATASET"}
    near = tag(real, "We list the flare events observed by GOES in Table 1.")
    assert labels_of(near, "GOES") == {"TELESCOPE"}


def test_a_coined_name_written_with_a_tex_symbol_is_a_tool(real):
    # fixtures/unseen/abstracts-h arXiv:2511.16614 (both golds: "$N$-fit", folded with "$N$-Fit")
    record = tag(
        real,
        "We present the $N$-fit algorithm designed to improve the reconstruction of neutrino events. $N$-Fit is a "
        "neural network model. The $N$-Fit algorithm refines the zenith angle over traditional $\\chi^2$-fit methods.",
    )
    assert labels_of(record, "$N$-Fit") == {"SOFTWARE"}
    assert labels_of(record, "$N$-fit") == {"SOFTWARE"}
    assert "$\\chi^2$-fit" not in _texts(record)
    near = tag(
        real,
        "We run $N$-body simulations and $N$-body codes; the $z$-band and $\\Lambda$CDM fits use $k$-means. The "
        "C$_2$H and $^{13}$CO lines of C$_2$H and $^{13}$CO.",
        title="Resolving the $H_0$-Tension with machine learning. The $H_0$-tension",
    )
    assert {t for t in _texts(near) if "$" in t} <= {"$k$-means"}  # the method the ontology knows


def test_a_short_form_of_a_data_sets_initials_and_what_it_holds_is_a_data_set(real):
    # fixtures/unseen/abstracts-aa arXiv:2504.03367 (both golds: "MWP-Bubble", "MWP-Bubbles" DATASET)
    record = tag(
        real,
        "The model is trained and validated using Spitzer bubbles identified by the Milky Way Project (MWP-Bubble). "
        "We found that using only MWP-Bubbles with clear structures improved performance.",
    )
    assert labels_of(record, "MWP-Bubble") == {"DATASET"}
    assert labels_of(record, "MWP-Bubbles") == {"DATASET"}
    # initials that are not the name's stay untyped
    near = tag(real, "Bubbles were identified by the Milky Way Project (MPW-Bubble) volunteers.")
    assert "MPW-Bubble" not in _texts(near)


def test_a_design_coined_in_mixed_case_before_architecture_is_a_technique(real):
    # fixtures/unseen/fragments-o r12y-frag-06 (both golds: "DynEdge" TECHNIQUE, alt SOFTWARE)
    record = tag(
        real,
        "Events are reconstructed with a graph neural network (GNN) based on the DynEdge architecture, implemented "
        "in GraphNeT on top of PyTorch Geometric.",
    )
    assert labels_of(record, "DynEdge") == {"TECHNIQUE"}
    # hardware written in capitals is no design of a network
    near = tag(real, "The correlator runs on the FPGA architecture of the backend.")
    assert "FPGA" not in _texts(near)


def test_a_surveys_tools_named_by_words_in_a_sentence_naming_the_survey(real):
    # fixtures/unseen/abstracts-w arXiv:1907.11259 (both golds: "Kowalski", "Zwickyverse")
    record = tag(
        real,
        "We describe the open-source software tools used internally at Caltech to archive and access ZTF’s alerts "
        "and light curves (Kowalski), and to label the data (Zwickyverse).",
    )
    assert labels_of(record, "Kowalski") == {"SOFTWARE"}
    assert labels_of(record, "Zwickyverse") == {"SOFTWARE"}
    # the author of the same name is no tool
    assert "Kowalski" not in _texts(tag(real, "As shown by Kowalski et al. (2019), ZTF alerts are many."))


def test_a_synthesis_code_named_by_a_word_beside_the_survey_whose_grids_it_computes(real):
    # fixtures/unseen/abstracts-j arXiv:1709.09182 (both golds: "ASSET")
    record = tag(
        real,
        "While StarNet was developed using the APOGEE observed spectra and corresponding ASSET synthetic data, we "
        "suggest that this technique is applicable to other wavelength ranges.",
    )
    assert labels_of(record, "ASSET") == {"SOFTWARE"}
    assert "ASSET" not in _texts(tag(real, "The ASSET programme funds the Gaia follow-up."))
