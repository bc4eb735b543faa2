"""SOFTWARE names in the data and software sections of full text (GUIDELINE "Types": SOFTWARE is named tools, codes,
pipelines and alert brokers; "Span extent": the whole name, no more; a method is a TECHNIQUE or nothing).

Each test is a sentence of fragments-n (cited; both golds agree unless said) or one of the same shape, and each failed
on the rules before this change; each also holds a sentence of the same shape that names no tool.
"""

from __future__ import annotations

import pytest

from tests.test_linking import labels_of, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


def _tools(record) -> set[str]:
    return {e.text for e in record.entities if e.label == "SOFTWARE"}


# -- a lower-case tool's name that is also a word, as an item of a list of tools --------------------------------------


def test_a_lower_case_word_after_a_processing_verb_in_a_sentence_of_tools_is_a_tool(real):
    # fixtures/unseen/fragments-n r12d-frag-01: "eat", the EHT analysis toolkit
    record = tag(
        real,
        "Data were correlated with the DiFX software correlator, fringe-fitted with the EHT-HOPS pipeline and with "
        "rPICARD, which is built on CASA, and network-calibrated with eat.",
    )
    assert labels_of(record, "eat") == {"SOFTWARE"}
    # the same word-shaped item in a sentence of other tools (not a tool the ontology knows)
    other = tag(real, "LRIS spectra were extracted with PypeIt and flux-calibrated with lpipe v2.1.")
    assert labels_of(other, "lpipe") == {"SOFTWARE"}


def test_a_manner_word_or_a_lone_word_after_a_processing_verb_is_no_tool(real):
    record = tag(real, "The spectra were reduced with care.")
    assert _tools(record) == set()
    # with other tools in the sentence: how it was done, not with what
    manner = tag(real, "Spectra were reduced with IRAF and flux-calibrated with care.")
    assert _tools(manner) == {"IRAF"}


def test_a_lower_case_word_joined_to_a_known_tool_is_the_last_tool_of_the_list(real):
    # fixtures/unseen/fragments-n r12d-frag-04 (both golds: "foscgui")
    record = tag(
        real,
        "SEDM spectra were reduced with pysedm, EFOSC2 data with the PESSTO pipeline, and ALFOSC data with PypeIt "
        "and foscgui. Spectra were classified with SNID and DASH.",
    )
    assert labels_of(record, "foscgui") == {"SOFTWARE"}
    # a version written after each tool of the list
    versions = tag(real, "ALFOSC data were reduced with PypeIt 1.14 and lpipe v2.1, and imaged with Astropy.")
    assert labels_of(versions, "lpipe") == {"SOFTWARE"}
    # a plural, an adverb or a word of a task closes a list without naming a tool
    plain = tag(real, "Fits were made with Astropy and others, sources extracted with SExtractor and visually.")
    assert _tools(plain) == {"Astropy", "SExtractor"}
    # a comma alone before the last word: no list of tools ("comparable to that given by redMaPPer, dex")
    unit = tag(real, "The scatter is comparable to that given by redMaPPer, dex.")
    assert labels_of(unit, "dex") == set()


def test_lower_case_tasks_listed_in_parentheses_after_a_suite_are_tools(real):
    # fixtures/unseen/fragments-n r12d-frag-07 (both golds: "uvotimsum" and "uvotsource")
    record = tag(
        real,
        "UVOT images in the UVW2, UVM2 and UVW1 filters were processed with HEASoft 6.32 (uvotimsum, uvotsource) "
        "and CALDB version 20230725.",
    )
    assert labels_of(record, "uvotimsum") == {"SOFTWARE"}
    assert labels_of(record, "uvotsource") == {"SOFTWARE"}
    # tasks of a suite that the ontology knows none of
    tasks = tag(real, "Event files were filtered with CIAO 4.15 (dmcopy and dmgroup) before the spectral fits.")
    assert labels_of(tasks, "dmcopy") == {"SOFTWARE"}
    assert labels_of(tasks, "dmgroup") == {"SOFTWARE"}
    # a version, a citation or a description in parentheses: no task
    plain = tag(real, "ALMA data were calibrated with the CASA pipeline (version 6.4.1) and Astropy (Astropy Collaboration 2018).")
    assert _tools(plain) == {"CASA", "Astropy"}
    # one plain word alone is a parameter or a model of the tool
    model = tag(real, "Bulges were fitted with GALFIT (sersic) on the F160W images.")
    assert labels_of(model, "sersic") == set()


def test_what_a_method_is_implemented_in_is_a_tool(real):
    # fixtures/unseen/fragments-n r12d-frag-14 (both golds: "pyilc")
    record = tag(
        real,
        "Foreground-cleaned maps are obtained with the needlet internal linear combination (NILC) as implemented in "
        "pyilc, and power spectra are estimated with NaMaster on HEALPix grids via healpy.",
    )
    assert labels_of(record, "pyilc") == {"SOFTWARE"}
    # fixtures/unseen/fragments-n r12d-frag-06 (both golds: "TMVA"), written with a name the ontology does not know
    named = tag(real, "Gamma/hadron separation uses boosted decision trees (BDTs) as implemented in BDTKit, whereas CTAO uses ctapipe.")
    assert labels_of(named, "BDTKit") == {"SOFTWARE"}
    # where it runs is no tool
    plain = tag(real, "The network is small enough to be implemented in FPGA hardware, and it was implemented in 3D.")
    assert _tools(plain) == set()
    section = tag(real, "The likelihood is described and implemented in Appendix.")
    assert _tools(section) == set()


# -- a facility's or a survey's name opening the name of its pipeline or data system ----------------------------------


def test_a_survey_pipeline_used_as_a_tool_is_named_with_the_survey(real):
    # fixtures/unseen/fragments-n r12d-frag-04 (both golds: "PESSTO pipeline" SOFTWARE, no "PESSTO")
    record = tag(real, "SEDM spectra were reduced with pysedm, and EFOSC2 data with the PESSTO pipeline.")
    assert labels_of(record, "PESSTO pipeline") == {"SOFTWARE"}
    assert labels_of(record, "PESSTO") == set()
    # fixtures/unseen/abstracts-z arXiv:1811.07754 (both golds: only "WASP"): what a survey's pipeline finds
    survey = tag(real, "In the past, possible transit-like events identified by the WASP pipeline have been vetted.")
    assert _tools(survey) == set()
    # a known tool's own name before "pipeline" is the name alone (fragments-n r12d-frag-03: "CASA")
    known = tag(real, "ALMA data were calibrated with the CASA pipeline and imaged with tclean.")
    assert labels_of(known, "CASA") == {"SOFTWARE"}
    assert labels_of(known, "CASA pipeline") == set()
    # a facility's pipeline the ontology knows keeps its concept
    alma = tag(real, "Visibilities were calibrated with the ALMA pipeline.")
    assert {e.concept_id for e in alma.entities if e.text == "ALMA pipeline"} == {"software:alma-science-pipeline"}


def test_a_facility_data_system_is_software(real):
    # fixtures/unseen/fragments-n r12d-frag-09 (both golds: "VISTA Data Flow System")
    record = tag(
        real,
        "Images were obtained with VIRCAM on VISTA, processed by the Cambridge Astronomy Survey Unit (CASU) with the "
        "VISTA Data Flow System, and re-reduced into the proper-motion catalogue VIRAC2.",
    )
    assert labels_of(record, "VISTA Data Flow System") == {"SOFTWARE"}
    # fixtures/unseen/fragments-n r12d-frag-13 (both golds: DATASET, alt SOFTWARE): an alert stream the ontology
    # knows keeps its concept's type
    alerts = tag(real, "Light curves come from the OGLE Early Warning System (EWS) and the MOA alert system.")
    assert labels_of(alerts, "OGLE Early Warning System") == {"DATASET"}
    # a facility's optics are hardware (abstracts-b: "Active Optics System" TELESCOPE, borderline)
    optics = tag(real, "Wavefronts are measured by the Rubin Observatory Active Optics System during the night.")
    assert labels_of(optics, "Rubin Observatory Active Optics System") != {"SOFTWARE"}


# -- a code's name written before "code" or "pipeline": the name alone ------------------------------------------------


def test_a_code_named_before_its_noun_is_the_name_alone(real):
    # fixtures/unseen/fragments-n r12d-frag-15 (both golds: "SWIFT")
    record = tag(real, "We use the FLAMINGO suite run with the SWIFT code, in particular the fiducial L1_m9 box.")
    assert labels_of(record, "SWIFT") == {"SOFTWARE"}
    assert labels_of(record, "SWIFT code") == set()
    # fixtures/unseen/fragments-e r3y-frag-05 (both golds: "SPOC")
    spoc = tag(real, "Light curves were retrieved with lightkurve, using the 2-min cadence products of the SPOC pipeline.")
    assert labels_of(spoc, "SPOC") == {"SOFTWARE"}
    assert labels_of(spoc, "SPOC pipeline") == set()
    # the same words of other codes
    codes = tag(real, "Jets were simulated with the PLUTO code and the FLASH code, and the Lyman-alpha forest with the Nyx code.")
    assert {"PLUTO", "FLASH", "Nyx"} <= _tools(codes)
    assert not {"PLUTO code", "FLASH code", "Nyx code"} & _tools(codes)
    # the mission, written in capitals, is no code
    mission = tag(real, "The burst was observed by the SWIFT satellite and by Fermi.")
    assert labels_of(mission, "SWIFT") != {"SOFTWARE"}


# -- coined tool names: a CamelCase agent noun ---------------------------------------------------------------------


def test_a_coined_finder_is_a_tool(real):
    # fixtures/unseen/fragments-n r12d-frag-13 (both golds: "AlertFinder", "EventFinder")
    record = tag(
        real,
        "Light curves come from the OGLE Early Warning System (EWS), the MOA alert system and the KMTNet AlertFinder "
        "and EventFinder, and were re-reduced with the pySIS difference-imaging pipeline.",
    )
    assert labels_of(record, "AlertFinder") == {"SOFTWARE"}
    assert labels_of(record, "EventFinder") == {"SOFTWARE"}
    # a finder chart, a plural of a citizen-science project's volunteers: no tool
    plain = tag(real, "Finder charts were drawn from the DSS, and the PlanetHunter volunteers flagged transits.")
    assert _tools(plain) == set()


# -- ambiguous tools: each other's company ---------------------------------------------------------------------------


def test_two_codes_whose_names_are_words_listed_together_are_tools(real):
    # fixtures/unseen/fragments-n r12d-frag-01 (both golds: "Themis", "DMC")
    record = tag(
        real,
        "Epistemic uncertainties are estimated with Monte Carlo dropout and compared with posterior samples from "
        "Themis and DMC.",
    )
    assert labels_of(record, "Themis") == {"SOFTWARE"}
    assert labels_of(record, "DMC") == {"SOFTWARE"}
    # an asteroid family and a magnetospheric mission of the same name are no codes
    plain = tag(real, "Members of the Themis family were observed, and THEMIS measured the magnetotail.")
    assert _tools(plain) == set()
    alone = tag(real, "The D-term leakage was small, as DMC showed for the 2017 data.")
    assert labels_of(alone, "DMC") == set()


def test_a_suite_noun_after_a_tool_collection_name_among_tools(real):
    # fixtures/unseen/fragments-n r12d-frag-03 (both golds: "Starlink")
    record = tag(real, "SCUBA-2 data were reduced with ORAC-DR and the SMURF map-maker in the Starlink suite.")
    assert labels_of(record, "Starlink") == {"SOFTWARE"}
    # the satellites are no software
    plain = tag(real, "Starlink satellites left trails in 3 per cent of the SCUBA-2 frames reduced with ORAC-DR.")
    assert labels_of(plain, "Starlink") == set()


# -- a package's identifier, written as declared ----------------------------------------------------------------------


def test_a_kebab_case_identifier_is_the_package_and_its_words_are_words(real):
    # fixtures/unseen/fragments-h r6y-frag-06 (both golds: "light-curve-features")
    record = tag(
        real,
        "The classifier is compared against a random forest on features from light-curve-features and against "
        "SuperNNova.",
    )
    assert labels_of(record, "light-curve-features") == {"SOFTWARE"}
    # the same words with spaces are a feature of a light curve
    plain = tag(real, "We extract a light curve feature from each object, the amplitude.")
    assert _tools(plain) == set()


# -- a list of tools with their citations ------------------------------------------------------------------------------


def test_a_list_of_tools_runs_on_past_each_tools_citation(real):
    # a software section as journals print it (the same shape as fragments-n's lists, with citations)
    record = tag(
        real,
        "Software: Astropy (Astropy Collaboration 2022), spherical_geometry (STScI 2020), photutils (Bradley et al. "
        "2023).",
    )
    assert labels_of(record, "spherical_geometry") == {"SOFTWARE"}
    # a citation after a data set is no list of tools
    plain = tag(real, "Photometry comes from the catalogue (Weaver et al. 2022), using its_best_fit values.")
    assert _tools(plain) == set()
