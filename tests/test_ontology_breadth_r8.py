"""Breadth of the shipped ontology, eighth pass: names of last round's blind sets, then subfields.

Each case is a sentence written for this test in the style of an abstract, a data
section or an acknowledgement, and one whole name that must come out with its label
and concept: the names last round's blind sets missed (POLISH, Blast, eROMaPPer,
SCRIPT, RGC 1.0, nflow-z, cNSF, Bi-Mamba, DAIN, GP-RF, FIRST-2060, GDR3,
zCOSMOS-bright, the eROSITA Lockman Hole survey), then tools of software sections
across subfields (image, spectrum and archive tools, radio/VLBI, X-ray,
gravitational-wave, pulsar-search and space-weather codes, ML models and
emulators), catalogs and data releases across wavelengths, and nearby-galaxy,
deep-field, JWST-programme, HI and star-formation surveys. The negatives are the
ordinary-English and other meanings of the guarded names ("Polish", "script",
"excels", "species", the Andromeda galaxy, the planet Mars, halo mass function,
water), which must stay untagged.
"""

from __future__ import annotations

import pytest

from tests.test_ontology_breadth_software import extractor, tagged  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")

CASES = [
    # names missed on last round's blind sets
    (
        "We call this procedure POLISH, in contrast to the traditional CLEAN algorithm.",
        "POLISH",
        "SOFTWARE",
        "software:polish",
    ),
    (
        "Cluster redshifts were confirmed by eROMaPPer on the Legacy Surveys imaging.",
        "eROMaPPer",
        "SOFTWARE",
        "software:eromapper",
    ),
    (
        "We present an emulator for the photon-conserving semi-numerical code SCRIPT (Semi-numerical Code for "
        "ReIonization with PhoTon-conservation, SCRIPT).",
        "SCRIPT",
        "SOFTWARE",
        "software:script-reionization",
    ),
    ("We release the semi-supervised RGC 1.0 model.", "RGC 1.0", "SOFTWARE", "software:radio-galaxy-classifier-rgc"),
    ("We release FIRST-2060, a four-class labelled dataset.", "FIRST-2060", "DATASET", "dataset:first-2060"),
    ("We introduce nflow-$z$, a photo-$z$ estimation method.", "nflow-$z$", "SOFTWARE", "software:nflow-z"),
    (
        "Of the two implementations, cNSF outperforms the cINN on the mock.",
        "cNSF",
        "TECHNIQUE",
        "technique:conditional-neural-spline-flow",
    ),
    ("Light curves are reconstructed with Bi-Mamba.", "Bi-Mamba", "TECHNIQUE", "technique:bidirectional-mamba"),
    (
        "Inputs pass a Deep Adaptive Input Normalization (DAIN) layer before the ResNet.",
        "DAIN",
        "TECHNIQUE",
        "technique:deep-adaptive-input-normalization",
    ),
    (
        "The plateau is filled by a Gaussian Process–Random Forest Hybrid (GP-RF).",
        "GP-RF",
        "TECHNIQUE",
        "technique:gaussian-process-random-forest-hybrid",
    ),
    (
        "We use a polynomial regression model of the coronal-hole area.",
        "polynomial regression",
        "TECHNIQUE",
        "technique:polynomial-regression",
    ),
    (
        "We map the potential in the solar neighborhood with GDR3 astrometry.",
        "GDR3",
        "DATASET",
        "dataset:gaia-data-release-3",
    ),
    (
        "Spectroscopic redshifts were compiled from GAMA DR4 and zCOSMOS-bright.",
        "zCOSMOS-bright",
        "SURVEY",
        "survey:zcosmos-bright",
    ),
    (
        "The method is illustrated on the SRG/eROSITA Survey of Lockman Hole.",
        "SRG/eROSITA Survey of Lockman Hole",
        "SURVEY",
        "survey:srg-erosita-lockman-hole-survey",
    ),
    (
        "Redshifts are taken from the eRASS1 cluster catalogue.",
        "eRASS1 cluster catalogue",
        "DATASET",
        "dataset:erass1-galaxy-cluster-catalog",
    ),
    (
        "We apply the method to the real Planck MMF3 cosmology sample.",
        "Planck MMF3 cosmology sample",
        "DATASET",
        "dataset:planck-mmf3-cosmology-sample",
    ),
    (
        "Data were collected with the VISTA telescope at the La Silla Paranal Observatory.",
        "La Silla Paranal Observatory",
        "TELESCOPE",
        "telescope:la-silla-paranal-observatory",
    ),
    (
        "The encoder is an E(2)-equivariant steerable CNN pre-trained on unlabelled images.",
        "E(2)-equivariant steerable CNN",
        "TECHNIQUE",
        "technique:steerable-convolutional-neural-network",
    ),
    # image, spectrum and archive tools of data sections
    ("Region files were read with pyregion.", "pyregion", "SOFTWARE", "software:pyregion"),
    ("The cubes were inspected in Cubeviz.", "Cubeviz", "SOFTWARE", "software:cubeviz"),
    ("Type Ia spectra were fitted with SYNAPPS.", "SYNAPPS", "SOFTWARE", "software:synapps"),
    ("Equivalent widths were measured with DAOSPEC.", "DAOSPEC", "SOFTWARE", "software:daospec"),
    ("Emission lines follow the Platefit measurements.", "Platefit", "SOFTWARE", "software:platefit"),
    ("Yields were explored with Chempy and NuPyCEE.", "NuPyCEE", "SOFTWARE", "software:nupycee"),
    (
        "Transmission spectra were computed with the Planetary Spectrum Generator.",
        "Planetary Spectrum Generator",
        "SOFTWARE",
        "software:planetary-spectrum-generator",
    ),
    ("JWST photometry was measured with forcepho.", "forcepho", "SOFTWARE", "software:forcepho"),
    ("The SPHERE data were reduced with vlt-sphere.", "vlt-sphere", "SOFTWARE", "software:vlt-sphere"),
    # radio, X-ray, gravitational-wave, pulsar-search and space-weather tools
    ("Count rates were converted with WebPIMMS.", "WebPIMMS", "SOFTWARE", "software:pimms"),
    ("Measurement Sets are read through dask-ms.", "dask-ms", "SOFTWARE", "software:dask-ms"),
    ("The black-hole image was reconstructed with Comrade.jl.", "Comrade.jl", "SOFTWARE", "software:comrade.jl"),
    ("Dispersion measures were corrected with the YMW16 model.", "YMW16", "SOFTWARE", "software:ymw16"),
    ("RFI was removed with IQRM before the search.", "IQRM", "SOFTWARE", "software:iqrm"),
    (
        "Posteriors were sampled with PyCBC Inference.",
        "PyCBC Inference",
        "SOFTWARE",
        "software:pycbc-inference",
    ),
    ("The magnetosphere was simulated with OpenGGCM.", "OpenGGCM", "SOFTWARE", "software:openggcm"),
    ("Redshifts were measured with redmonster.", "redmonster", "SOFTWARE", "software:redmonster"),
    # machine-learning models and emulators
    ("Blended galaxies were separated with Debvader.", "Debvader", "SOFTWARE", "software:debvader"),
    ("Sources were localized by AutoSourceID-Light.", "AutoSourceID-Light", "SOFTWARE", "software:autosourceid"),
    ("The global signal is emulated with 21cmLSTM.", "21cmLSTM", "SOFTWARE", "software:21cmlstm"),
    ("Galaxy images and captions are aligned with CosmoCLIP.", "CosmoCLIP", "SOFTWARE", "software:cosmoclip"),
    ("Maps were produced with Commander3.", "Commander3", "SOFTWARE", "software:commander3"),
    # catalogs and data releases across wavelengths
    ("X-ray counterparts come from 1SXPS and 3MAXI.", "3MAXI", "DATASET", "dataset:3maxi"),
    (
        "Bursts are drawn from the Konus-Wind catalog.",
        "Konus-Wind catalog",
        "DATASET",
        "dataset:konus-wind-grb-catalog",
    ),
    ("Flare times are taken from the RHESSI flare list.", "RHESSI flare list", "DATASET", "dataset:rhessi-flare-list"),
    ("Line data come from VALD and CHIANTI.", "VALD", "DATASET", "dataset:vienna-atomic-line-database"),
    ("Plasma emissivities are taken from AtomDB.", "AtomDB", "DATASET", "dataset:atomdb"),
    ("Galaxy SEDs are taken from RCSED.", "RCSED", "DATASET", "dataset:reference-catalog-of-galaxy-seds"),
    ("Host properties come from PSCompPars.", "PSCompPars", "DATASET", "dataset:pscomppars"),
    ("Abundances are from the astroNN catalog.", "astroNN catalog", "DATASET", "dataset:astronn-catalog"),
    ("The training set is built from Mufasa and Simba.", "Mufasa", "DATASET", "dataset:mufasa"),
    ("The monthly values follow the SILSO series.", "SILSO", "DATASET", "dataset:international-sunspot-number"),
    ("Stellar parameters come from SDSS DR13.", "SDSS DR13", "DATASET", "dataset:sdss-data-release-13"),
    ("Shapes are measured on KiDS DR3 images.", "KiDS DR3", "DATASET", "dataset:kids-data-release-3"),
    ("HI sources come from WALLABY PDR2.", "WALLABY PDR2", "DATASET", "dataset:wallaby-pilot-data-release-2"),
    (
        "We analyse the NANOGrav 11-year data set.",
        "NANOGrav 11-year data set",
        "DATASET",
        "dataset:nanograv-11-year-data-set",
    ),
    ("Photometry is taken from JADES DR3.", "JADES DR3", "DATASET", "dataset:jades-dr3"),
    ("Fluxes are from the GLEAM EGC.", "GLEAM EGC", "DATASET", "dataset:gleam-extragalactic-catalogue"),
    ("Unassociated sources are taken from 4FGL-DR2.", "4FGL-DR2", "DATASET", "dataset:4fgl-dr2"),
    # surveys and sub-surveys
    ("Dust masses come from KINGFISH.", "KINGFISH", "SURVEY", "survey:kingfish"),
    ("CO maps were taken from HERACLES.", "HERACLES", "SURVEY", "survey:hera-co-line-extragalactic-survey"),
    ("Near-infrared photometry is from ZFOURGE.", "ZFOURGE", "SURVEY", "survey:fourstar-galaxy-evolution-survey"),
    ("The u-band data come from CLAUDS.", "CLAUDS", "SURVEY", "survey:cfht-large-area-u-band-deep-survey"),
    (
        "Training redshifts come from C3R2.",
        "C3R2",
        "SURVEY",
        "survey:complete-calibration-of-the-color-redshift-relation",
    ),
    (
        "We use imaging of the Euclid Deep Field South.",
        "Euclid Deep Field South",
        "SURVEY",
        "survey:euclid-deep-field-south",
    ),
    ("Cosmic-noon spectra come from the Blue Jay survey.", "Blue Jay survey", "SURVEY", "survey:bluejay"),
    ("Spectra were taken from EXCELS.", "EXCELS", "SURVEY", "survey:excels"),
    ("Stars were observed in APOGEE-2S.", "APOGEE-2S", "SURVEY", "survey:apogee-2s"),
    ("Far-infrared maps come from HeViCS.", "HeViCS", "SURVEY", "survey:herschel-virgo-cluster-survey"),
    (
        "Lensed galaxies are taken from the ALMA Lensing Cluster Survey.",
        "ALMA Lensing Cluster Survey",
        "SURVEY",
        "survey:alma-lensing-cluster-survey",
    ),
    ("IRAC fluxes come from SDWFS.", "SDWFS", "SURVEY", "survey:spitzer-deep-wide-field-survey"),
    ("Disk masses are from AGE-PRO.", "AGE-PRO", "SURVEY", "survey:age-pro"),
    (
        "Redshifts of the lensed galaxies come from CANUCS.",
        "CANUCS",
        "SURVEY",
        "survey:canadian-niriss-unbiased-cluster-survey",
    ),
    (
        "Emitters were found in the MUSE eXtremely Deep Field.",
        "MUSE eXtremely Deep Field",
        "SURVEY",
        "survey:muse-extremely-deep-field",
    ),
    ("Medium-band photometry is from NMBS.", "NMBS", "SURVEY", "survey:newfirm-medium-band-survey"),
    ("Candidates lie in the JADES Origins Field.", "JADES Origins Field", "SURVEY", "survey:jades-origins-field"),
    # reference catalogs, citizen science, infrastructure and multi-messenger products
    ("Cluster ages come from MWSC.", "MWSC", "DATASET", "dataset:milky-way-star-clusters-catalog"),
    ("Orbits were taken from SB9.", "SB9", "DATASET", "dataset:sb9"),
    (
        "Types are taken from the Henry Draper Catalogue.",
        "Henry Draper Catalogue",
        "DATASET",
        "dataset:henry-draper-catalogue",
    ),
    (
        "Distances come from the Extragalactic Distance Database.",
        "Extragalactic Distance Database",
        "DATASET",
        "dataset:extragalactic-distance-database",
    ),
    ("Candidates were vetted by volunteers of Disk Detective.", "Disk Detective", "DATASET", "dataset:disk-detective"),
    (
        "Volunteers of Backyard Worlds: Planet 9 found new brown dwarfs.",
        "Backyard Worlds: Planet 9",
        "DATASET",
        "dataset:backyard-worlds",
    ),
    ("Jets were catalogued by Solar Jet Hunter.", "Solar Jet Hunter", "DATASET", "dataset:solar-jet-hunter"),
    ("The classifier is trained on HiRISE v3.", "HiRISE v3", "DATASET", "dataset:hirise-labeled-data-set"),
    ("Photo-z codes were compared on PZ DC1.", "PZ DC1", "DATASET", "dataset:pz-dc1"),
    ("Alerts are exchanged through SCiMMA.", "SCiMMA", "SOFTWARE", "software:scimma"),
    ("Cubes are stored as Zarr arrays.", "Zarr", "SOFTWARE", "software:zarr"),
    (
        "Tracks are taken from the IceCube 10-year point-source data release.",
        "IceCube 10-year point-source data release",
        "DATASET",
        "dataset:icecube-10-year-point-source-data-release",
    ),
    ("Spectra come from the Cosmic-Ray DataBase (CRDB).", "CRDB", "DATASET", "dataset:cosmic-ray-database"),
]


@pytest.mark.parametrize(("text", "form", "label", "concept"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_whole_name_is_tagged_with_its_label_and_concept(extractor, text, form, label, concept):  # noqa: F811
    assert (form, label, concept) in tagged(extractor, text)


GUARDED = {
    "software:polish",
    "software:blast",
    "software:script-reionization",
    "software:species",
    "software:brutus",
    "software:andromeda-hci",
    "software:vice",
    "software:magic-analysis-and-reconstruction-software",
    "software:asimov-gw",
    "software:peregrine-gw",
    "software:hmf",
    "survey:excels",
    "survey:visions",
    "survey:hawaii-two-0",
    "survey:pacs-evolutionary-probe",
    "survey:mapping-obscuration-to-reionization-with-alma",
    "survey:aspire-jwst",
    "dataset:symphony-simulations",
    "dataset:westerbork-in-the-southern-hemisphere",
    "dataset:dark-energy-universe-simulation",
    "technique:deep-adaptive-input-normalization",
    "software:luigi",
    "software:rapids",
    "dataset:active-asteroids",
    "dataset:comet-hunters",
    "survey:all-the-little-things",
    "survey:mirage-or-miracle",
    "survey:cecilia",
    "survey:panoramic-jwst",
    "survey:sapphires",
    "software:comrade.jl",
}


@pytest.mark.parametrize(
    "text",
    [
        "A Polish team will polish the pipeline before release.",
        "The blast wave of the supernova sweeps up the circumstellar medium.",
        "A Python script downloads the light curves.",
        "The model excels at separating stars from galaxies.",
        "We count the number of species in the chemical network.",
        "Brutus is a common name in Roman history.",
        "Globular clusters of the Andromeda galaxy, M31, are classified.",
        "The dust storms of Mars are segmented in orbiter images.",
        "Asimov imagined robots long before deep learning.",
        "A peregrine falcon flew over the observatory.",
        "The halo mass function (hmf) is calibrated on N-body simulations.",
        "Water (H20 in the notes) ice lines shape disk chemistry.",
        "The network excels where visions of the future fail.",
        "We aspire to classify every transient.",
        "The symphony of signals is processed by the network.",
        "We wish to thank the referee.",
        "The pep talk helped; mora is not a word here.",
        "Deus ex machina is not a method.",
        "The Dain estimate is a person's name.",
        "Luigi and Mario ran the rapids of the river.",
        "RAPIDS changes in the light curve were flagged.",
        "Active asteroids and comet hunters of the past inspired this work.",
        "The ALT coordinate and the MoM estimator are defined in Section 2.",
        "Cecilia Payne-Gaposchkin measured stellar compositions.",
        "A panoramic view of the field is shown.",
        "Sapphires and a comrade in arms are not tools; a sky view of the field is shown.",
    ],
)
def test_guarded_names_keep_their_ordinary_meanings(extractor, text):  # noqa: F811
    found = {cid for _, _, cid in tagged(extractor, text)}
    assert not found & GUARDED


def test_new_concepts_point_at_their_parents():
    from astro_ie.ontology import load_ontology
    from astro_ie.resources import default_ontology_dir

    by_id = load_ontology(default_ontology_dir()).concepts
    assert by_id["technique:conditional-neural-spline-flow"].broader == ["technique:neural-spline-flow"]
    assert by_id["technique:bidirectional-mamba"].broader == ["technique:structured-state-space-sequence-model"]
    assert by_id["technique:polynomial-regression"].broader == ["technique:linear-regression"]
    assert by_id["survey:zcosmos-bright"].broader == ["survey:zcosmos"]
    assert by_id["survey:euclid-deep-field-north"].broader == ["survey:euclid-deep-survey"]
    assert by_id["survey:apogee-2s"].broader == ["survey:apache-point-observatory-galactic-evolution-experiment"]
    assert by_id["software:cubeviz"].relations["part_of"] == ["software:jdaviz"]
    assert by_id["software:pycbc-inference"].relations["part_of"] == ["software:pycbc"]
    assert by_id["dataset:erass1-galaxy-cluster-catalog"].relations["part_of"] == ["dataset:erass1"]
    assert by_id["dataset:apogee-dr14"].relations["part_of"] == ["dataset:sdss-data-release-14"]
    assert by_id["dataset:wallaby-pilot-data-release-2"].relations["from_survey"] == [
        "survey:widefield-askap-l-band-legacy-all-sky-blind-survey"
    ]
