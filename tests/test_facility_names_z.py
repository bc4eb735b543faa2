"""Facility and survey names in full text: the development sets ``fixtures/unseen/fragments-n`` and ``abstracts-z``.

Each test tags a sentence in the style of a data section or an acknowledgement with the shipped ontology and
rules and checks the whole name and its type (GUIDELINE "Span extent"; "Not entities"). The record that showed
the class is named in a comment (both golds agree unless said otherwise); the near misses below each class must
not change.
"""

from __future__ import annotations

import pytest

from tests.test_linking import concepts, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- 1. A survey named after its facility, with a short form of its own -----------------------------------------


def test_a_survey_with_its_own_short_form_is_split_from_its_facility(real):
    # fragments-n r12d-frag-07
    record = tag(real, "Far- and near-ultraviolet photometry was taken from the Galaxy Evolution Explorer (GALEX) "
                       "All-sky Imaging Survey (AIS) and Medium Imaging Survey (MIS).")
    found = spans(record)
    assert ("Galaxy Evolution Explorer", "TELESCOPE") in found
    assert ("GALEX", "TELESCOPE") in found
    assert ("All-sky Imaging Survey", "SURVEY") in found
    assert ("AIS", "SURVEY") in found
    assert not any(text.startswith("Galaxy Evolution Explorer (GALEX) All") for text, _ in found)


def test_a_transient_survey_with_its_own_short_form_is_split_from_its_facility(real):
    # fragments-n r12d-frag-04
    record = tag(real, "Targets were selected from the Zwicky Transient Facility (ZTF) Bright Transient Survey (BTS), "
                       "via the Fink and ALeRCE brokers.")
    found = spans(record)
    # the long form ends in the facility's head noun: TELESCOPE, which the golds accept (i12be, round 13)
    assert ("Zwicky Transient Facility", "TELESCOPE") in found
    assert ("Bright Transient Survey", "SURVEY") in found
    assert ("BTS", "SURVEY") in found


def test_a_survey_named_around_its_facility_short_form_stays_whole(real):
    # abstracts-o arXiv:2405.12975 (both golds: one name); no short form of the survey alone follows
    record = tag(real, "Such images are available from the Hyper-Suprime Cam (HSC) Survey and Dark Energy Survey.")
    assert ("Hyper-Suprime Cam (HSC) Survey", "SURVEY") in spans(record)


# -- 2. A short form whose lower-case first letter spells the word before a known name --------------------------


def test_the_word_a_short_form_spells_belongs_to_the_name(real):
    # fragments-n r12d-frag-04
    record = tag(real, "Classification spectra were obtained by the extended Public ESO Spectroscopic Survey for "
                       "Transient Objects (ePESSTO+) with EFOSC2 on the New Technology Telescope.")
    found = spans(record)
    assert ("extended Public ESO Spectroscopic Survey for Transient Objects", "SURVEY") in found
    assert ("ePESSTO+", "SURVEY") in found
    assert ("Public ESO Spectroscopic Survey for Transient Objects", "SURVEY") not in found


def test_an_unknown_interferometer_takes_the_word_its_short_form_spells(real):
    record = tag(real, "We use archival data of the enhanced Multi Element Remote Linked Interferometer Network "
                       "(eMERLIN).")
    assert ("enhanced Multi Element Remote Linked Interferometer Network", "TELESCOPE") in spans(record)


def test_a_word_the_short_form_does_not_spell_stays_out(real):
    record = tag(real, "Spectra were obtained by the new Public ESO Spectroscopic Survey for Transient Objects "
                       "(PESSTO) with EFOSC2.")
    found = spans(record)
    assert ("Public ESO Spectroscopic Survey for Transient Objects", "SURVEY") in found
    assert not any(text.startswith("new ") for text, _ in found)


# -- 3. A numbered unit's name before the noun "telescope" in lower case ----------------------------------------


def test_a_numbered_unit_drops_the_lower_case_noun(real):
    # fragments-n r12d-frag-05 ("Keck II"), r12d-frag-13 ("MOA-II")
    record = tag(real, "Additional epochs come from NIRC2 with the vortex coronagraph on the Keck II telescope at the "
                       "W. M. Keck Observatory, and from the 1.8-m MOA-II telescope at Mt. John University "
                       "Observatory.")
    found = spans(record)
    assert ("Keck II", "TELESCOPE") in found
    assert ("MOA-II", "TELESCOPE") in found
    assert concepts(record)["Keck II"] == "telescope:keck-ii-telescope"
    assert not any(text.endswith(" telescope") for text, _ in found)


def test_telescopes_named_for_people_or_places_keep_the_noun(real):
    # abstracts-y arXiv:1911.03867 ("Subaru telescope"), fragments-d m2-fragment-16 ("Blanco telescope")
    record = tag(real, "Imaging from the Subaru telescope and the Blanco telescope, and spectra from the Keck II "
                       "Telescope.")
    found = spans(record)
    assert ("Subaru telescope", "TELESCOPE") in found
    assert ("Blanco telescope", "TELESCOPE") in found
    assert ("Keck II Telescope", "TELESCOPE") in found


# -- 4. A mission and its instrument side by side --------------------------------------------------------------


def test_a_mission_and_its_instrument_short_name_are_two_names(real):
    # fragments-n r12d-frag-11 (both golds: "Cassini"; the second "RADAR", the first "Cassini RADAR" borderline)
    record = tag(real, "We analyse Cassini RADAR synthetic-aperture radar (SAR) swaths of Titan's north polar region "
                       "acquired during flybys T16-T104.")
    found = spans(record)
    assert ("Cassini", "TELESCOPE") in found
    assert ("RADAR", "TELESCOPE") in found
    assert ("Cassini RADAR", "TELESCOPE") not in found
    assert concepts(record)["RADAR"] == "telescope:cassini-radar"


def test_a_mission_and_its_instrument_written_as_one_unit_stay_one(real):
    # abstracts-v arXiv:1607.07822 (both golds: "Fermi LAT", declared "Fermi-LAT"); a hyphen makes one word
    record = tag(real, "We use the Fermi LAT data and Cassini-RADAR images, and the Cassini Titan Radar Mapper.")
    found = spans(record)
    assert ("Fermi LAT", "TELESCOPE") in found
    assert ("Cassini-RADAR", "TELESCOPE") in found
    assert ("Cassini Titan Radar Mapper", "TELESCOPE") in found


def test_an_instrument_hyphenated_to_its_mission_is_one_name(real):
    # abstracts-z arXiv:2206.13696 (both golds: "HST-ACS", one instrument name)
    record = tag(real, "The mock galaxy images are generated from the Advanced Camera for Surveys of Hubble Space "
                       "Telescope (HST-ACS) and COSMOS catalog. The HST-ACS images are deep; Chandra-ACIS data too.")
    found = spans(record)
    assert ("HST-ACS", "TELESCOPE") in found
    assert ("Chandra-ACIS", "TELESCOPE") in found
    assert concepts(record)["HST-ACS"] == "telescope:advanced-camera-for-surveys"
    assert ("HST", "TELESCOPE") not in found


def test_a_slash_keeps_a_mission_and_its_instrument_apart(real):
    # GUIDELINE "Span extent": "SDO/HMI" -> two
    record = tag(real, "We use HST/ACS images and SDO/HMI magnetograms.")
    found = spans(record)
    assert ("HST", "TELESCOPE") in found
    assert ("ACS", "TELESCOPE") in found


def test_a_sensor_head_glued_to_its_instrument_is_one_name(real):
    # fragments-n r12d-frag-10 (both golds: "SPAN-Ai"; "SPAN" alone is no name written)
    record = tag(real, "We use measurements from Parker Solar Probe (PSP), namely the FIELDS fluxgate magnetometer and "
                       "the SWEAP suite (SPC and SPAN-Ai).")
    found = spans(record)
    assert ("SPAN-Ai", "TELESCOPE") in found
    assert ("SPAN", "TELESCOPE") not in found


def test_a_supernova_type_after_a_survey_is_no_sensor_head(real):
    record = tag(real, "The ZTF-Ia sample holds spectroscopically classified events.")
    assert ("ZTF-Ia", "SURVEY") not in spans(record)


# -- 5. Organisations, data centres, computing facilities and programmes named like facilities -----------------


def test_a_data_centre_unit_is_no_survey(real):
    # fragments-n r12d-frag-09
    record = tag(real, "Photometry was obtained with VIRCAM on VISTA, processed by the Cambridge Astronomy Survey Unit "
                       "(CASU) with the VISTA Data Flow System.")
    found = spans(record)
    assert not any(text.startswith("Cambridge") for text, _ in found)
    assert ("VISTA", "TELESCOPE") in found


def test_a_computing_facility_is_no_telescope(real):
    # fragments-n r12d-frag-15
    record = tag(real, "Computations were performed on the DiRAC COSMA8 system at Durham University, part of the "
                       "STFC DiRAC HPC Facility.")
    assert not any(label == "TELESCOPE" for _, label in spans(record))


def test_an_observing_facility_keeps_its_name(real):
    record = tag(real, "Flares were observed with the Goldstone Solar System Radar and the Hilltop Dome Facility.")
    found = spans(record)
    assert ("Goldstone Solar System Radar", "TELESCOPE") in found


def test_a_programme_of_missions_with_an_indefinite_article_is_no_facility(real):
    # fragments-n r12d-frag-07
    record = tag(real, "GALEX is a NASA Small Explorer, launched in 2003.")
    found = spans(record)
    assert ("GALEX", "TELESCOPE") in found
    assert not any("Explorer" in text for text, _ in found)


def test_a_network_named_before_its_station_stays(real):
    record = tag(real, "The fireball was recorded by a Spanish Meteor Network station in Huelva.")
    assert ("Spanish Meteor Network", "TELESCOPE") in spans(record)


def test_the_centre_that_runs_an_observatory_is_no_facility(real):
    # fragments-n r12d-frag-08
    record = tag(real, "CALIFA is based on observations collected at the Centro Astronómico Hispano-Alemán (CAHA).")
    found = spans(record)
    assert ("CAHA", "TELESCOPE") not in found
    assert not any(text.startswith("Centro") for text, _ in found)
    assert ("CALIFA", "SURVEY") in found


def test_the_observatory_short_name_alone_stays(real):
    record = tag(real, "Long-slit spectra were taken at CAHA with CAFOS.")
    assert ("CAHA", "TELESCOPE") in spans(record)


def test_the_observatory_of_an_acknowledgement_is_named_with_its_owner(real):
    # fragments-n r12d-frag-12 and every ASKAP acknowledgement since fragments (the whole name, borderline or not)
    record = tag(real, "ASKAP is part of the Australia Telescope National Facility and uses Inyarrimanha Ilgari "
                       "Bundara, the CSIRO Murchison Radio-astronomy Observatory.")
    found = spans(record)
    assert ("CSIRO Murchison Radio-astronomy Observatory", "TELESCOPE") in found
    assert ("Murchison Radio-astronomy Observatory", "TELESCOPE") not in found


# -- 6. An instrument defined by its kind of detector ---------------------------------------------------------


def test_a_radiometer_defined_with_its_short_form_is_an_instrument(real):
    # fragments-n r12d-frag-11
    record = tag(real, "For Jupiter we use Microwave Radiometer (MWR) brightness temperatures and JunoCam images.")
    found = spans(record)
    assert ("Microwave Radiometer", "TELESCOPE") in found
    assert ("MWR", "TELESCOPE") in found


def test_a_sensor_name_cut_at_a_lower_case_word_is_read_whole(real):
    # fragments-n r12d-frag-10 (both golds: "Proton and Alpha particle Sensor", "PAS")
    record = tag(real, "We use the Proton and Alpha particle Sensor (PAS) of the Solar Wind Analyser (SWA).")
    found = spans(record)
    assert ("Proton and Alpha particle Sensor", "TELESCOPE") in found
    assert ("PAS", "TELESCOPE") in found
    assert ("particle Sensor", "TELESCOPE") not in found


def test_a_kind_of_sensor_said_with_an_article_is_no_instrument(real):
    # abstracts-e arXiv:2104.13685 (both golds: no facility)
    record = tag(real, "We apply it in numerical simulations to a simple Shack-Hartmann Sensor (SHS) based AO system.")
    assert not any(label == "TELESCOPE" for _, label in spans(record))


# -- 7. The instruments of a mission listed by their short forms ----------------------------------------------


def test_a_mission_and_its_instruments_written_as_pairs_vouch_for_each_other(real):
    # fragments-n r12d-frag-10 (both golds: "Wind", "MFI", "SWE", "MAG")
    record = tag(real, "At 1 au we use the Advanced Composition Explorer (ACE) SWEPAM and MAG data and Wind/MFI and "
                       "Wind/SWE measurements.")
    found = spans(record)
    for name in ("Wind", "MFI", "SWE", "MAG", "SWEPAM"):
        assert (name, "TELESCOPE") in found
    assert concepts(record)["MAG"] == "telescope:ace-magnetic-field-experiment"


def test_an_instrument_short_form_alone_needs_its_mission(real):
    record = tag(real, "The SWE and MFI values are listed in the table, and wind speeds vary.")
    assert spans(record) == []


def test_a_mission_named_with_its_instrument_in_the_sentence_stands(real):
    # fragments-n r12d-frag-11 (both golds: "Juno")
    record = tag(real, "For Jupiter we use Microwave Radiometer (MWR) brightness temperatures and JunoCam images from "
                       "Juno perijoves 1-50.")
    assert ("Juno", "TELESCOPE") in spans(record)


def test_a_common_word_opening_a_sentence_is_no_mission(real):
    record = tag(real, "Wind speeds were high, and the Konus-Wind instrument recorded the burst.")
    found = spans(record)
    assert ("Wind", "TELESCOPE") not in found
    assert ("Konus-Wind", "TELESCOPE") in found


def test_an_instrument_kind_owned_by_a_named_mission_gives_its_short_form(real):
    # fragments-n r12d-frag-10 ("Solar Orbiter's magnetometer (MAG)", both golds: "MAG" alone)
    record = tag(real, "We use Solar Orbiter's magnetometer (MAG) and later MAG data.")
    found = spans(record)
    assert ("MAG", "TELESCOPE") in found
    assert ("magnetometer", "TELESCOPE") not in found
    record = tag(real, "We use data of the fluxgate magnetometer (FGM) on board THEMIS; the FGM data were cleaned.")
    assert ("FGM", "TELESCOPE") in spans(record)


def test_an_instrument_kind_nobody_owns_is_no_name(real):
    record = tag(real, "We install a magnetometer (MAG) on the ground next to the seismometer.")
    assert ("MAG", "TELESCOPE") not in spans(record)


def test_the_integral_field_spectrograph_of_sphere_is_its_instrument(real):
    # fragments-n r12d-frag-05 (both golds: "IFS")
    record = tag(real, "Observations were obtained with the Spectro-Polarimetric High-contrast Exoplanet REsearch "
                       "instrument (SPHERE) at the Very Large Telescope (VLT), using the IRDIS dual-band imager and "
                       "the integral field spectrograph IFS in YJH mode.")
    assert ("IFS", "TELESCOPE") in spans(record)


def test_a_cherenkov_telescope_and_its_camera_are_named_without_their_nouns(real):
    # fragments-n r12d-frag-06 (both golds: "CT5", "FlashCam")
    record = tag(real, "The data set comprises observations with the High Energy Stereoscopic System (H.E.S.S.), "
                       "including data from the large CT5 telescope equipped with the FlashCam camera.")
    found = spans(record)
    assert ("CT5", "TELESCOPE") in found
    assert ("FlashCam", "TELESCOPE") in found


def test_the_telescopes_of_a_network_named_by_their_sites(real):
    # fragments-n r12d-frag-13 (both golds: "KMTC", "KMTS", "KMTA"; an event's "KMT-" is no telescope)
    record = tag(real, "KMTNet's three 1.6-m telescopes at CTIO, SAAO and SSO are referred to as KMTC, KMTS and KMTA. "
                       "Events such as KMT-2021-BLG-0240 were modelled.")
    found = spans(record)
    for name in ("KMTC", "KMTS", "KMTA"):
        assert (name, "TELESCOPE") in found
    assert not any(text.startswith("KMT-") or text == "KMT" for text, _ in found)


def test_an_instrument_and_its_fibre_bundle_are_two_names(real):
    # fragments-n r12d-frag-08 (both golds: "PMAS", "PPak")
    record = tag(real, "CALIFA DR3 was obtained with PMAS/PPak on the 3.5-m telescope at Calar Alto.")
    found = spans(record)
    assert ("PMAS", "TELESCOPE") in found
    assert ("PPak", "TELESCOPE") in found
    assert ("PMAS/PPak", "TELESCOPE") not in found


def test_an_array_of_telescopes_is_a_telescope(real):
    # abstracts-z arXiv:2008.10178 (both golds: TELESCOPE)
    record = tag(real, "The stamps were observed with the Gravitational-wave Optical Transient Observer (GOTO) "
                       "prototype.")
    found = spans(record)
    assert ("Gravitational-wave Optical Transient Observer", "TELESCOPE") in found
    assert ("GOTO", "TELESCOPE") in found


# -- 8. Survey and facility names read across fragments and abstracts-z ----------------------------------------


def test_a_known_survey_name_written_with_mixed_hyphens_is_one_name(real):
    # abstracts-z arXiv:1909.10537 (first gold "... Ultra-Deep", the second with "survey"; each marks the other
    # borderline)
    record = tag(real, "We implement the algorithm on the Hyper-Suprime-Cam Subaru-Strategic-Program Ultra-Deep "
                       "survey, to autonomously reduce the galaxy population.")
    found = spans(record)
    assert ("Hyper-Suprime-Cam Subaru-Strategic-Program Ultra-Deep", "SURVEY") in found
    assert ("Hyper-Suprime-Cam", "TELESCOPE") not in found


def test_a_facility_and_a_survey_side_by_side_stay_two(real):
    # abstracts-m arXiv:2602.03312 (both golds: two names)
    record = tag(real, "Forecasts are made for the Vera C. Rubin Observatory LSST and for Euclid.")
    found = spans(record)
    assert ("Vera C. Rubin Observatory", "TELESCOPE") in found
    assert ("LSST", "SURVEY") in found


def test_an_archive_named_after_a_mission_is_the_archive(real):
    # abstracts-z arXiv:2006.04814 (both golds: "Hubble Spectroscopic Legacy Archive", no Hubble)
    record = tag(real, "We train this network using quasar spectra at low redshift from the Hubble Spectroscopic "
                       "Legacy Archive, and apply it to other surveys.")
    found = spans(record)
    assert ("Hubble Spectroscopic Legacy Archive", "DATASET") in found
    assert ("Hubble", "TELESCOPE") not in found


def test_a_known_name_followed_by_its_own_short_form_defines_it(real):
    # fragments-n r12d-frag-08 (both golds: SAMI the instrument here; the detector misses the long definition)
    record = tag(real, "The SAMI Galaxy Survey DR3 was observed with the Sydney-AAO Multi-object Integral field "
                       "spectrograph (SAMI) feeding AAOmega on the Anglo-Australian Telescope.")
    found = spans(record)
    assert ("SAMI", "TELESCOPE") in found
    assert ("SAMI", "SURVEY") not in found
    assert ("SAMI Galaxy Survey DR3", "DATASET") in found


def test_a_survey_short_name_alone_stays_the_survey(real):
    record = tag(real, "Galaxies were drawn from SAMI and MaNGA.")
    assert ("SAMI", "SURVEY") in spans(record)


def test_a_survey_name_before_its_instrument_noun_is_the_instrument(real):
    # fragments-n r12d-frag-08, fragments-j r8y-frag-04 (golds: "BOSS" a TELESCOPE)
    record = tag(real, "Galaxies were observed with the BOSS spectrographs on the 2.5-m Sloan Foundation Telescope; "
                       "BOSS spectra of quasars were added.")
    found = spans(record)
    assert ("BOSS", "TELESCOPE") in found
    assert ("BOSS", "SURVEY") in found  # the survey's own spectra, the second time


def test_a_data_centre_named_after_a_mission_is_no_mission(real):
    # fragments-h r6y-frag-10 (both golds: no Euclid)
    record = tag(real, "Computing was done on the Euclid Science Data Centre cluster, and images came from Euclid.")
    found = spans(record)
    assert found.count(("Euclid", "TELESCOPE")) == 1
    assert not any("Centre" in text for text, _ in found)


def test_the_legacy_survey_alone_is_the_desi_legacy_imaging_surveys(real):
    # fragments-i r7y-frag-02 (both golds)
    record = tag(real, "Clusters were confirmed optically by eROMaPPer on the Legacy Survey.")
    assert ("Legacy Survey", "SURVEY") in spans(record)
    assert concepts(record)["Legacy Survey"] == "survey:desi-legacy-imaging-surveys"


def test_longer_legacy_survey_names_stay_their_own(real):
    # abstracts-d arXiv:2412.15533 ("Mayall -band Legacy Survey", its z lost)
    record = tag(real, "The Legacy Survey of Space and Time, the CFHT Legacy Survey and the Mayall -band Legacy Survey "
                       "(MzLS) are compared with a legacy survey of our own.")
    found = spans(record)
    assert ("Legacy Survey", "SURVEY") not in found
    assert ("Legacy Survey of Space and Time", "SURVEY") in found


# -- 9. A coined name before an instrument's noun in lower case -----------------------------------------------


def test_a_coined_name_before_an_instrument_noun_is_the_instrument(real):
    # the class of fragments-n r12d-frag-06 ("the large CT5 telescope equipped with the FlashCam camera"), on
    # names the ontology does not know
    record = tag(real, "Spectra were taken with the NovaSpec spectrograph and photometry with the large XT7 telescope "
                       "equipped with the PolarCam camera.")
    found = spans(record)
    for name in ("NovaSpec", "XT7", "PolarCam"):
        assert (name, "TELESCOPE") in found
    assert not any(text.endswith(("spectrograph", "telescope", "camera")) for text, _ in found)


def test_a_kind_of_detector_before_an_instrument_noun_is_no_name(real):
    record = tag(real, "Frames from the CCD camera, the NIR spectrograph and the H2RG camera were flat-fielded.")
    assert not any(label == "TELESCOPE" for _, label in spans(record))
