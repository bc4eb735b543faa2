"""Whole DATASET names in full text: classes of errors of the development set ``fixtures/unseen/fragments-n``
(data sections and acknowledgements; GUIDELINE "Types" DATASET, "Span extent", "Not entities").

Each test tags sentences written for it, in the style of the fragment that motivated the class (named in a
comment, with what both golds say), with the shipped ontology and rules. The near misses say what must not change.
"""

from __future__ import annotations

import pytest

from tests.test_linking import concept_ids_of, labels_of, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


def _datasets(record) -> list[str]:
    return [e.text for e in record.entities if e.label == "DATASET"]


# -- a generic product noun after a data set's own name says what it is, not which -----------------------------


@pytest.mark.parametrize(
    ("text", "name", "concept", "dropped"),
    [
        # fragments-n r12d-frag-10: "merged in the high-resolution OMNI data set distributed through OMNIWeb" (both
        # golds: "OMNI"); fragments-l r10y-frag-02 "the MiraBest data set", fragments-f "the PLAsTiCC data set"
        ("Wind and ACE measurements are merged in the high-resolution OMNI data set distributed by SPDF.", "OMNI",
         "dataset:omniweb", "OMNI data set"),
        # fragments-n r12d-frag-08: "pPXF with templates from the MILES stellar library" (both golds: "MILES", the
        # whole borderline); fragments-f r4y-frag-04: "pPXF using the E-MILES library" (both golds: "E-MILES")
        ("Kinematics are measured with pPXF and templates from the MILES stellar library.", "MILES",
         "dataset:miles-stellar-library", "MILES stellar library"),
        ("Kinematics are measured with pPXF and templates from the MILES library.", "MILES",
         "dataset:miles-stellar-library", "MILES library"),
        # a benchmark's own name before "dataset" (abstracts-i arXiv:2507.00866: "the PREML dataset" is PREML)
        ("The backbone was pre-trained on the COCO dataset before the lunar images.", "COCO",
         "dataset:microsoft-common-objects-in-context", "COCO dataset"),
    ],
)
def test_a_generic_product_noun_after_a_data_sets_own_name_stays_out(real, text, name, concept, dropped):
    record = tag(real, text)
    assert concept_ids_of(record, name) == {concept}
    assert labels_of(record, dropped) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the name is not complete without the noun: "Pickles" alone names no library
        ("Templates are drawn from the Pickles library.", "Pickles library"),
        # the noun is capitalised as part of the name (fragments-n r12d-frag-15, both golds)
        ("Maps come from the CAMELS Multifield Dataset (CMD).", "CAMELS Multifield Dataset"),
        # the period of data makes the name (fragments-n r12d-frag-02, both golds)
        ("We analyse the NANOGrav 15-year data set with a normalizing flow.", "NANOGrav 15-year data set"),
        ("Spectral types come from the MaNGA Stellar Library.", "MaNGA Stellar Library"),
    ],
)
def test_a_product_noun_that_completes_the_name_stays(real, text, name):
    assert labels_of(tag(real, text), name) == {"DATASET"}


# -- a co-ordination of data sets shares its product head ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names", "not_names"),
    [
        # fragments-n r12d-frag-14: "using the Websky and Agora simulations as training sets" and fragments-k
        # r9y-frag-09: "together with the Websky and AGORA simulations" (both golds of both: "Websky", "Agora")
        ("We train a diffusion model on the Websky and Agora simulations as training sets.", ("Websky", "Agora"),
         "Agora simulations"),
        ("The lensing maps are compared with the Websky and AGORA simulations.", ("Websky", "AGORA"),
         "AGORA simulations"),
        # the first of a list of three
        ("Halo catalogues of the Websky, Quijote and Agora simulations are used.", ("Websky", "Agora"),
         "Agora simulations"),
    ],
)
def test_a_shared_plural_head_after_co_ordinated_data_sets_is_no_part_of_the_last(real, text, names, not_names):
    record = tag(real, text)
    for name in names:
        assert labels_of(record, name) == {"DATASET"}
    assert labels_of(record, not_names) == set()


def test_a_data_sets_name_with_its_head_alone_keeps_it(real):
    # fragments-l r8y/r10y, fragments-m r11y-frag-08: "the Quijote simulations" (both golds, no co-ordination)
    record = tag(real, "Training fields are taken from the Agora simulations and the Quijote simulations.")
    assert labels_of(record, "Agora simulations") == {"DATASET"}
    assert labels_of(record, "Quijote simulations") == {"DATASET"}


# -- a release's code written again alone ------------------------------------------------------------------------


def test_a_release_code_written_alone_after_its_name_is_the_release(real):
    # fragments-n r12d-frag-14: "the Planck PR4 (NPIPE) ... maps ... We thank the Planck Collaboration for releasing
    # PR4." (both golds: "Planck PR4", "PR4")
    record = tag(real, "We use the Planck PR4 temperature maps. We thank the Planck Collaboration for releasing PR4.")
    assert concept_ids_of(record, "PR4") == {"dataset:planck-pr4"}
    assert concept_ids_of(record, "Planck PR4") == {"dataset:planck-pr4"}


def test_a_release_code_never_named_with_its_owner_stays_untagged(real):
    record = tag(real, "We thank the referee for comments on PR4 of the manuscript.")
    assert _datasets(record) == []


# -- GALEX releases --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # fragments-n r12d-frag-07: "All-sky Imaging Survey (AIS) ..., as released in GR6/7 through the Mikulski
        # Archive" (both golds: "GR6/7")
        ("Far-ultraviolet fluxes are from the GALEX All-sky Imaging Survey, as released in GR6/7 through MAST.",
         "GR6/7"),
        ("We cross-match with GALEX GR6/7 photometry.", "GALEX GR6/7"),
    ],
)
def test_a_galex_release_is_a_data_set(real, text, name):
    assert labels_of(tag(real, text), name) == {"DATASET"}


# -- simulation runs written alone -------------------------------------------------------------------------------


def test_a_run_code_before_a_run_noun_in_a_record_on_a_simulation_is_a_data_set(real):
    # fragments-n r12d-frag-15: "the FLAMINGO suite run with the SWIFT code, in particular the fiducial L1_m9 box"
    # (both golds: "L1_m9")
    record = tag(real, "We use the FLAMINGO suite, in particular the fiducial L1_m9 box and its variations.")
    assert labels_of(record, "L1_m9") == {"DATASET"}
    assert labels_of(record, "FLAMINGO") == {"DATASET"}


@pytest.mark.parametrize(
    "text",
    [
        # no simulation named: a code with an underscore is a file, a column or a variable
        "Stellar masses are read from the M_star column of the table for the L1_m9 box.",
        # a simulation named, but the code is no run: no run noun after it
        "We use the FLAMINGO suite and store each halo's M_200c value in a table.",
    ],
)
def test_a_code_with_an_underscore_is_no_run_without_a_simulation_and_a_run_noun(real, text):
    record = tag(real, text)
    assert not any("_" in e for e in _datasets(record))


# -- a facility's release named by its year and its object -----------------------------------------------------


def test_a_release_named_by_its_facility_year_and_object_is_one_data_set(real):
    # fragments-n r12d-frag-01: "We use the public EHT 2017 M87 data release" (both golds)
    record = tag(real, "We use the public EHT 2017 M87 data release (Stokes I visibilities, band-averaged).")
    assert labels_of(record, "EHT 2017 M87 data release") == {"DATASET"}
    assert labels_of(record, "EHT") == set()
    record = tag(real, "The ALMA 2019 data release was used to train the model.")
    assert labels_of(record, "ALMA 2019 data release") == {"DATASET"}


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        # the year of an observing campaign, no release (fragments-n r12d-frag-01: "EHT ... during the April 2017
        # campaign"); a range of seasons (fragments-n r12d-frag-14: "the SPT-3G 2019/2020 EE/TE bandpowers")
        ("The EHT 2017 campaign observed M87 with eight stations.", "EHT"),
        ("We use the SPT-3G 2019/2020 bandpowers and the data release notes.", "SPT-3G"),
    ],
)
def test_a_facility_and_a_year_without_a_release_stay_the_facility(real, text, facility):
    record = tag(real, text)
    assert labels_of(record, facility) == {"TELESCOPE"}
    assert _datasets(record) == []


# -- alert systems and author-named databases --------------------------------------------------------------------


def test_the_ogle_early_warning_system_is_an_alert_stream(real):
    # fragments-n r12d-frag-13: "Light curves come from the OGLE Early Warning System (EWS)" (both golds DATASET,
    # SOFTWARE accepted)
    record = tag(real, "Light curves come from the OGLE Early Warning System (EWS) and the MOA alert system. "
                       "EWS alerts are issued daily.")
    assert concept_ids_of(record, "OGLE Early Warning System") == {"dataset:ogle-early-warning-system"}
    assert concept_ids_of(record, "EWS") == {"dataset:ogle-early-warning-system"}
    assert labels_of(record, "OGLE") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # fragments-n r12d-frag-11: "trained on the Robbins lunar crater database and the Robbins & Hynek Mars crater
        # database" (both golds); fragments-b tune-fragment-10: "the Robbins & Hynek global crater database"
        ("Craters were detected with YOLOv8 trained on the Robbins & Hynek Mars crater database.",
         "Robbins & Hynek Mars crater database"),
        ("Detections were validated against the Robbins & Hynek global crater database.",
         "Robbins & Hynek global crater database"),
        ("Events were cross-checked against the Jian & Russell ICME catalogue.", "Jian & Russell ICME catalogue"),
    ],
)
def test_a_product_named_by_its_two_authors_is_one_data_set(real, text, name):
    assert labels_of(tag(real, text), name) == {"DATASET"}


@pytest.mark.parametrize(
    "text",
    [
        # a journal, a company, prose between two names
        "The paper appeared in Astronomy & Astrophysics and its tables in the online database.",
        "Smith & Jones found that the list of candidates was incomplete.",
    ],
)
def test_two_capitalised_words_and_an_ampersand_name_no_data_set_without_a_product_noun_after(real, text):
    assert _datasets(tag(real, text)) == []


# -- a calibration database's version -----------------------------------------------------------------------------


def test_a_calibration_databases_dated_version_is_no_release(real):
    # fragments-n r12d-frag-07: "processed with HEASoft 6.32 (uvotimsum, uvotsource) and CALDB version 20230725"
    # (both golds: "CALDB" borderline, no version)
    record = tag(real, "Images were processed with HEASoft 6.32 and CALDB version 20230725.")
    assert not any("20230725" in e for e in _datasets(record))
    # a numbered version names a release (abstracts-x arXiv:2507.01501: "CAMS Meteoroid Orbit Database v3.0")
    record = tag(real, "We analyse the EDMOND Meteor Orbit Database version 2.1 with clustering.")
    assert labels_of(record, "EDMOND Meteor Orbit Database version 2.1") == {"DATASET"}


def test_the_spans_of_a_full_text_data_section(real):
    # the classes together, as a data section writes them (fragments-n r12d-frag-10, r12d-frag-14)
    record = tag(real, "We use the OMNI data set and the HELCATS catalogues. We use the Websky and Agora simulations "
                       "and the Planck PR4 maps. We thank the Planck Collaboration for releasing PR4.")
    assert ("OMNI", "DATASET") in spans(record)
    assert ("Agora", "DATASET") in spans(record)
    assert ("PR4", "DATASET") in spans(record)


def test_a_missions_period_written_alone_is_no_release(real):
    # abstracts-r arXiv:2107.06301: "Kepler Q9 light curves ... stars observed in Q9 of the Kepler space mission"
    # (both golds: "Kepler Q9" alone); the period is named with the mission, no release the ontology knows
    record = tag(real, "We use Kepler Q9 light curves and classify all stars observed in Q9 of the Kepler mission.")
    assert labels_of(record, "Kepler Q9") == {"DATASET"}
    assert labels_of(record, "Q9") == set()
