"""TELESCOPE and SURVEY names in full text: classes of errors of the development set ``fixtures/unseen/fragments-p``
(GUIDELINE "Types" TELESCOPE/SURVEY, "Span extent", "Not entities").

Each test tags sentences written for it (or taken from the fragment named in the comment) with the shipped
ontology and rules; each failed before this round. The near misses say what must not change.
"""

from __future__ import annotations

import pytest

from tests.test_linking import labels_of, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- AAS "Facilities:" keywords: each item of the line is a facility by the journals' own list -------------------


def test_aas_facility_keywords_are_facilities(real):
    # fragments-p r13d-frag-09 (first gold; the second calls them borderline)
    record = tag(real, "Spectra were taken at Palomar.\n\n"
                       "Facilities: PO:1.2m (ZTF), PO:1.5m (SEDM), Liverpool:2m (SPRAT), NTT (EFOSC2), XMM.\n"
                       "Software: astropy, george.")
    for name in ("PO:1.2m", "PO:1.5m", "Liverpool:2m"):
        assert labels_of(record, name) == {"TELESCOPE"}, name
    assert labels_of(record, "NTT") == {"TELESCOPE"}
    assert labels_of(record, "SPRAT") == {"TELESCOPE"}


def test_aas_keyword_with_a_colon_outside_a_facilities_line_is_left(real):
    # a ratio or a time written with a colon is no facility
    record = tag(real, "The ratio PO:1.2m was fixed, and the fits converged at 12:30 UT.")
    assert labels_of(record, "PO:1.2m") == set()


def test_other_keywords_of_a_facilities_line_keep_their_names(real):
    record = tag(real, "Facilities: Keck:I (HIRES), Gemini:South (GMOS), Swift (UVOT, XRT).")
    assert labels_of(record, "Keck:I") == {"TELESCOPE"}
    assert labels_of(record, "Gemini:South") == {"TELESCOPE"}
    assert labels_of(record, "HIRES") == {"TELESCOPE"}
    assert labels_of(record, "Swift") == {"TELESCOPE"}


# -- an instrument written after its facility with a slash ----------------------------------------------------


def test_unknown_instrument_after_its_facility_and_a_slash(real):
    # fragments-p r13d-frag-06: "neutral-gas densities from ROSINA/COPS" (both golds: COPS)
    record = tag(real, "We add neutral-gas densities from ROSINA/COPS to the Rosetta images.")
    assert labels_of(record, "COPS") == {"TELESCOPE"}
    assert labels_of(record, "ROSINA") == {"TELESCOPE"}


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("We use HST/F814W images of the cluster.", "F814W"),  # a filter
        ("Distances come from Gaia/DR3 parallaxes.", "DR3"),  # a release
        ("The survey is described by HST/GO programmes.", "GO"),  # a programme kind
        ("Fluxes from WISE/W1 agree.", "W1"),  # a band
        ("We add GALEX/NUV magnitudes.", "NUV"),  # a band with three letters
    ],
)
def test_what_follows_a_facility_and_a_slash_that_is_no_instrument(real, text, form):
    assert labels_of(tag(real, text), form) == set()


# -- a mission named with the word "mission" -------------------------------------------------------------------


def test_mission_word_after_a_mission_name_is_dropped(real):
    # fragments-p r13d-frag-12: "developed for the NEO Surveyor mission" (both golds: NEO Surveyor)
    record = tag(real, "Forecasts were compared with the NEO Survey Simulator developed for the NEO Surveyor mission.")
    assert ("NEO Surveyor", "TELESCOPE") in spans(record)
    assert labels_of(record, "NEO Surveyor mission") == set()


def test_a_mission_whose_name_ends_in_mission_keeps_it(real):
    record = tag(real, "We use data of the Solar Maximum Mission and of the X-ray Multi-Mirror Mission.")
    assert ("Solar Maximum Mission", "TELESCOPE") in spans(record)


# -- an organisation named like a facility ------------------------------------------------------------------


def test_observatory_said_to_be_an_organisation_is_not_a_facility(real):
    # fragments-p r13d-frag-10: "The SKA Observatory (SKAO) is an intergovernmental organisation" (first gold:
    # neither; second: borderline); GUIDELINE "Not entities": organisations
    record = tag(real, "We thank the team. The SKA Observatory (SKAO) is an intergovernmental organisation; "
                       "we thank its Science Data Challenge team.")
    assert labels_of(record, "SKA Observatory") == set()
    assert labels_of(record, "SKAO") == set()


def test_facility_said_to_be_a_facility_stays(real):
    # fragments-p r13d-frag-05 (both golds: FAST)
    record = tag(real, "FAST is a Chinese national mega-science facility, built by the National Astronomical "
                       "Observatories.")
    assert labels_of(record, "FAST") == {"TELESCOPE"}


# -- a survey named inside a spelled-out release with the release's own name beside it ---------------------


def test_survey_of_a_spelled_out_release_with_its_short_name_apposed(real):
    # fragments-p r13d-frag-08: "the fourth data release of the Kilo-Degree Survey, KiDS-DR4" (both golds: the
    # survey, and KiDS-DR4 the release)
    record = tag(real, "We use the fourth data release of the Kilo-Degree Survey, KiDS-DR4, imaged with OmegaCAM.")
    assert ("Kilo-Degree Survey", "SURVEY") in spans(record)
    assert labels_of(record, "fourth data release of the Kilo-Degree Survey") == set()
    assert labels_of(record, "KiDS-DR4") == {"DATASET"}


def test_spelled_out_release_without_a_name_beside_stays_the_release(real):
    record = tag(real, "We use the fourth data release of the Kilo-Degree Survey, which covers 1000 deg2.")
    assert ("fourth data release of the Kilo-Degree Survey", "DATASET") in spans(record)


# -- a survey's plural title ---------------------------------------------------------------------------------


def test_facility_with_capitalised_surveys_is_one_survey(real):
    # fragments-p r13d-frag-12: "The Pan-STARRS1 Surveys have been made possible through ..." (both golds)
    record = tag(real, "The Pan-STARRS1 Surveys have been made possible through contributions by the Institute "
                       "for Astronomy.")
    assert ("Pan-STARRS1 Surveys", "SURVEY") in spans(record)


# -- upgraded instruments and accented survey names -----------------------------------------------------------


def test_upgraded_instrument_written_with_a_plus(real):
    # fragments-p r13d-frag-03: "observed with OSIRIS+ on the Gran Telescopio Canarias (GTC)" (both golds)
    record = tag(real, "87 faint objects were observed with OSIRIS+ on the Gran Telescopio Canarias (GTC).")
    assert labels_of(record, "OSIRIS+") == {"TELESCOPE"}


def test_survey_long_form_written_with_accents(real):
    # fragments-p r13d-frag-13: "VVV, the VISTA Variables in the Vía Láctea survey" (both golds: the long form,
    # no VISTA inside it)
    record = tag(real, "Photometry comes from 2MASS and from VVV, the VISTA Variables in the Vía Láctea survey.")
    assert ("VISTA Variables in the Vía Láctea", "SURVEY") in spans(record)
    assert labels_of(record, "VISTA") == set()


def test_channel_of_an_instrument_after_a_slash_is_no_instrument(real):
    # fragments-h r6y-frag-10: "HST ACS/WFC mosaics" (first gold: WFC borderline; second: ACS/WFC whole)
    assert labels_of(tag(real, "HST ACS/WFC mosaics come from CANDELS."), "WFC") == set()


# -- a short form that needs a definition, told by its company -------------------------------------------------


def test_survey_short_form_before_programme(real):
    # fragments-p r13d-frag-01: "HARPS-N on the Telescopio Nazionale Galileo (TNG) within the GAPS programme"
    record = tag(real, "Northern coverage came from HARPS-N on the TNG within the GAPS programme.")
    assert labels_of(record, "GAPS") == {"SURVEY"}
    assert labels_of(tag(real, "The GAPS in the disc are carved by planets."), "GAPS") == set()


def test_counted_units_of_a_facility_are_the_facility(real):
    # fragments-p r13d-frag-12: "the four ATLAS units in Hawaii, Chile and South Africa" (both golds: ATLAS)
    record = tag(real, "Tracklets come from the four ATLAS units in Hawaii, Chile and South Africa.")
    assert labels_of(record, "ATLAS") & {"TELESCOPE", "SURVEY"}
    assert labels_of(tag(real, "All masses are given in Planck units."), "Planck") == set()


# -- ontology check: a mission's alias with the word "mission" ------------------------------------------------


def test_mission_alias_whose_name_matches_alone_is_rejected(tmp_path):
    from tests.test_ontology import codes, problems_of, write

    (tmp_path / "rules").mkdir()
    write(tmp_path / "rules", "span.yaml", "facility_descriptive_tails: [mission, missions]\n")
    write(
        tmp_path,
        "t.yaml",
        """
        - id: telescope:neo-surveyor
          label: NEO Surveyor
          type: TELESCOPE
          aliases: [NEO Surveyor mission]
        - id: telescope:juno
          label: Juno
          type: TELESCOPE
          match_label: false
          aliases: [Juno mission]
        - id: telescope:smm
          label: Solar Maximum Mission
          type: TELESCOPE
          aliases: [Solar Maximum]
        """,
    )
    problems = problems_of(tmp_path)
    assert codes(problems) == ["E111"]
    assert "'NEO Surveyor mission'" in problems[0].message


def test_a_facilities_line_joined_to_the_paragraph_before_it(real):
    # text exported from a paper's page often loses the line break before "Facilities:"; the line then ends at
    # its own full stop, and the sentence after it is no keyword list
    record = tag(real, "This work was supported by grant AST-2034437. Facilities: PO:1.2m (ZTF), Liverpool:2m "
                       "(SPRAT). The KiDS production team acknowledges support from NOVA (Leiden).")
    assert labels_of(record, "PO:1.2m") == {"TELESCOPE"}
    assert labels_of(record, "Liverpool:2m") == {"TELESCOPE"}
    assert labels_of(record, "NOVA") == set()
    assert labels_of(record, "Leiden") == set()
