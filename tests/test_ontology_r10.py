"""The shipped ontology, tenth pass: names the r9 sets missed, alias hygiene, then breadth across subfields.

Each case is a sentence written for this test in the style of an abstract, a data section or an
acknowledgement, and one whole name that must come out with its label and concept. First the names
``fixtures/unseen/abstracts-r``, ``abstracts-s`` and ``fragments-k`` missed (the record that motivated
each is cited beside it); then the aliases that named an ordinary phrase or a metric ("a log-loss of
0.5", a title "Mapping Dark Matter in the Milky Way"); then facilities, surveys, data products and codes
of the subfields far from the default corpus. The negatives are the other meanings of the guarded names,
which must stay untagged.
"""

from __future__ import annotations

import pytest

from tests.test_linking import tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


def _found(record) -> list[tuple[str, str, str]]:
    return [(e.text, e.label, e.concept_id) for e in record.entities]


# -- names the r9 sets missed --------------------------------------------------------------------------------

MISSED = [
    # abstracts-r arXiv:2205.01129: the family of flows MAF and IAF belong to
    (
        "We fit autoregressive flows to the phase-space density of halo stars.",
        "autoregressive flows",
        "TECHNIQUE",
        "technique:autoregressive-flow",
    ),
    # abstracts-r arXiv:2107.06301: the second-level learner of a stacking ensemble
    (
        "The outputs of five base classifiers are combined by a metaclassifier.",
        "metaclassifier",
        "TECHNIQUE",
        "technique:stacked-generalization",
    ),
    (
        "The meta-classifier weighs the votes of the base learners.",
        "meta-classifier",
        "TECHNIQUE",
        "technique:stacked-generalization",
    ),
    # abstracts-r arXiv:2410.11436: an ensemble for imbalanced classes, its short form defined
    (
        "Rare quasars are recovered with a Self-Paced Ensemble (SPE) trained on the cross-match.",
        "Self-Paced Ensemble",
        "TECHNIQUE",
        "technique:self-paced-ensemble",
    ),
    (
        "Rare quasars are recovered with a Self-Paced Ensemble (SPE). The SPE beats a random forest.",
        "SPE",
        "TECHNIQUE",
        "technique:self-paced-ensemble",
    ),
    # abstracts-s arXiv:2601.23013
    (
        "Tidal features are embedded with NNCLR before clustering.",
        "NNCLR",
        "TECHNIQUE",
        "technique:nnclr",
    ),
    (
        "We apply nearest-neighbor contrastive learning of visual representations to the cutouts.",
        "nearest-neighbor contrastive learning of visual representations",
        "TECHNIQUE",
        "technique:nnclr",
    ),
    # abstracts-r arXiv:2008.10516: the false-positive probability code, as its package is written
    (
        "False-positive probabilities of the candidates were computed with vespa.",
        "vespa",
        "SOFTWARE",
        "software:vespa",
    ),
    # fragments-k r9y-frag-06: the Gaussian-process library, named in lower case
    (
        "Each light curve is smoothed with a Gaussian process (george) before feature extraction.",
        "george",
        "SOFTWARE",
        "software:george",
    ),
    # fragments-k r9y-frag-02: XMM-Newton's SAS beside another X-ray analysis system, with a version
    (
        "The EPIC data were reduced with the eROSITA pipeline, and the pointed ones with SAS 20.0 and CIAO 4.14.",
        "SAS",
        "SOFTWARE",
        "software:xmm-newton-science-analysis-system",
    ),
    # abstracts-s arXiv:2302.02496: the first phase of the Sloan survey
    (
        "The spectra come from the SDSS-I main galaxy sample.",
        "SDSS-I",
        "SURVEY",
        "survey:sdss-i",
    ),
    # abstracts-r arXiv:2008.10516: the Kepler pipeline's list of periodic signals
    (
        "Labels come from the Kepler TCE catalog of the final data release.",
        "Kepler TCE catalog",
        "DATASET",
        "dataset:kepler-threshold-crossing-event-catalog",
    ),
    (
        "Labels come from the Kepler Threshold Crossing Event catalog.",
        "Kepler Threshold Crossing Event catalog",
        "DATASET",
        "dataset:kepler-threshold-crossing-event-catalog",
    ),
    # abstracts-r arXiv:2403.02536: the mission's name as NASA and ESA also write it
    (
        "Magnetograms from SoHO/MDI extend the sample back to 1996.",
        "SoHO",
        "TELESCOPE",
        "telescope:solar-and-heliospheric-observatory",
    ),
    # fragments-k r9y-frag-02: the name of the simulation project, without the lower-case word after it
    (
        "Mock maps were drawn from The Three Hundred project clusters.",
        "The Three Hundred",
        "DATASET",
        "dataset:the-three-hundred",
    ),
    (
        "Mock maps were drawn from the Three Hundred Project.",
        "Three Hundred Project",
        "DATASET",
        "dataset:the-three-hundred",
    ),
]


@pytest.mark.parametrize(("text", "name", "label", "concept"), MISSED)
def test_names_the_r9_sets_missed(real, text, name, label, concept):
    assert (name, label, concept) in _found(tag(real, text))


# -- alias hygiene -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # abstracts-r arXiv:2008.10516: a metric's value, not a training method
        "The classifier reaches a mean log-loss per sample of 0.54.",
        "We report a log-loss of 0.5 on the test set.",
        "The log loss falls to 0.31 after calibration.",
    ],
)
def test_a_log_loss_value_is_no_technique(real, text):
    assert not [e for e in tag(real, text).entities if "loss" in e.text.lower()]


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # abstracts-r arXiv:2305.13358: the ordinary phrase, title-cased in a title
        ("Mapping Dark Matter in the Milky Way with Normalizing Flows", "We learn the local density of stars."),
        ("A study", "Mapping Dark Matter Halos with Lensing is the aim of this work."),
    ],
)
def test_mapping_dark_matter_is_the_challenge_only_when_called_one(real, title, text):
    record = tag(real, text, title=title)
    assert "dataset:mapping-dark-matter-challenge" not in {e.concept_id for e in record.entities}


def test_the_mapping_dark_matter_challenge_is_still_found(real):
    record = tag(real, "The estimator won the Mapping Dark Matter challenge on Kaggle.")
    assert ("Mapping Dark Matter challenge", "DATASET", "dataset:mapping-dark-matter-challenge") in _found(record)


@pytest.mark.parametrize(
    "text",
    [
        "George Efstathiou and the george package are not the same.",  # the person: capitalised
        "The Vespa scooter is not a code.",
        "SAS 2 surveyed the gamma-ray sky; the SAS Institute sells statistics software.",
        "The single-photoelectron (SPE) charge of each photomultiplier is calibrated on the SPE peak.",
    ],
)
def test_guarded_names_keep_their_ordinary_meanings(real, text):
    found = {cid for _, _, cid in _found(tag(real, text))}
    assert not found & {
        "software:vespa",
        "software:xmm-newton-science-analysis-system",
        "technique:self-paced-ensemble",
    }
    assert ("George", "software:george") not in {(e.text, e.concept_id) for e in tag(real, text).entities}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # descriptions that are written like a capitalised name: only the capitalised form is the name
        ("SKA-Low, a low-frequency array of 131,072 antennas, will map the sky.", "telescope:low-frequency-array"),
        ("The science analysis system of the mission is described.", "software:xmm-newton-science-analysis-system"),
        ("Offsets are stored in a calibration database.", "dataset:chandra-calibration-database"),
        ("A photon simulator generates the events.", "software:phosim"),
        ("The data central to the method are shown.", "dataset:aao-data-central"),
        ("A chromospheric telescope is planned.", "telescope:chromospheric-telescope"),
    ],
)
def test_a_lower_case_description_is_not_the_capitalised_name(real, text, concept):
    assert concept not in {cid for _, _, cid in _found(tag(real, text))}


def test_the_capitalised_names_are_still_found(real):
    found = _found(
        tag(
            real,
            "High-band data of the Low Frequency Array (LOFAR) and XMM-Newton data reduced with the Science "
            "Analysis System are combined.",
        )
    )
    assert ("Low Frequency Array", "TELESCOPE", "telescope:low-frequency-array") in found
    assert ("Science Analysis System", "SOFTWARE", "software:xmm-newton-science-analysis-system") in found


# -- gravitational-wave detectors and their glitch tools (abstracts-a arXiv:2604.13687) ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We classify glitches in the Virgo detector with a ResNet.",
        "The sensitivity of Virgo limits the sky localisation.",
        "A curated dataset of Virgo O3b glitches is released.",
    ],
)
def test_virgo_the_detector_is_found_after_the_or_of(real, text):
    assert ("Virgo", "TELESCOPE", "telescope:virgo-interferometer") in _found(tag(real, text))


@pytest.mark.parametrize(
    "text",
    [
        "Dwarf galaxies of the Virgo cluster are classified.",
        "The supernova lies in Virgo, near the ecliptic.",
        "The dashboard serves the Virgo collaboration.",
        "The Virgo dwarfs are fainter than expected.",
    ],
)
def test_virgo_the_cluster_the_constellation_and_the_collaboration_are_not_the_detector(real, text):
    assert "telescope:virgo-interferometer" not in {cid for _, _, cid in _found(tag(real, text))}


def test_omicron_is_the_glitch_finder_beside_a_detector_or_run(real):
    record = tag(real, "Tree-based models are trained on Omicron triggers of Virgo O3b glitches.")
    assert ("Omicron", "SOFTWARE", "software:omicron") in _found(record)


def test_omicron_the_letter_or_variant_is_no_tool(real):
    record = tag(real, "The Omicron variant spread quickly; omicron is the fifteenth letter.")
    assert "software:omicron" not in {cid for _, _, cid in _found(record)}


def test_new_concepts_point_at_their_parents():
    from astro_ie.ontology import load_ontology
    from astro_ie.resources import default_ontology_dir

    by_id = load_ontology(default_ontology_dir()).concepts
    assert by_id["technique:autoregressive-flow"].broader == ["technique:normalizing-flow"]
    assert by_id["technique:masked-autoregressive-flow"].broader == ["technique:autoregressive-flow"]
    assert by_id["technique:nnclr"].broader == ["technique:contrastive-learning"]
    assert by_id["technique:self-paced-ensemble"].broader == ["technique:ensemble-learning"]
    assert by_id["survey:sdss-i"].broader == ["survey:sloan-digital-sky-survey"]
    assert by_id["dataset:kepler-threshold-crossing-event-catalog"].relations["from_survey"] == ["telescope:kepler"]


# -- breadth across subfields --------------------------------------------------------------------------------

BREADTH = [
    # solar physics and space weather
    (
        "Full-disc H-alpha images from ChroTel were segmented.",
        "ChroTel",
        "TELESCOPE",
        "telescope:chromospheric-telescope",
    ),
    ("Ca II K images from USET extend the record.", "USET", "TELESCOPE", "telescope:uccle-solar-equatorial-table"),
    (
        "Vector magnetograms from the SOLIS Vector Spectromagnetograph are used.",
        "SOLIS Vector Spectromagnetograph",
        "TELESCOPE",
        "telescope:vector-spectromagnetograph",
    ),
    (
        "Radio images from the Daocheng Solar Radio Telescope (DSRT) are denoised.",
        "DSRT",
        "TELESCOPE",
        "telescope:daocheng-solar-radio-telescope",
    ),
    (
        "Labels come from the Geostationary Solar Energetic Particle (GSEP) catalog.",
        "GSEP",
        "DATASET",
        "dataset:geostationary-solar-energetic-particle-events-catalog",
    ),
    (
        "Events were taken from the SEPEM Reference Event List.",
        "SEPEM Reference Event List",
        "DATASET",
        "dataset:sepem-reference-event-list",
    ),
    ("Flares of the STIX flare list were matched.", "STIX flare list", "DATASET", "dataset:stix-flare-list"),
    ("Arrival times are compared with the CME Scoreboard.", "CME Scoreboard", "DATASET", "dataset:cme-scoreboard"),
    ("Embeddings of SDO-FM feed the flare classifier.", "SDO-FM", "SOFTWARE", "software:sdo-fm"),
    # magnetospheric and ionospheric data of space-weather work
    (
        "Electron fluxes from MagEIS and REPT are forecast.",
        "MagEIS",
        "TELESCOPE",
        "telescope:magnetic-electron-ion-spectrometer",
    ),
    ("Chorus waves observed by EMFISIS are classified.", "EMFISIS", "TELESCOPE", "telescope:emfisis"),
    ("Conjunctions of Arase and the Van Allen Probes are used.", "Arase", "TELESCOPE", "telescope:arase"),
    (
        "Precipitation measured by MEPED on POES is mapped.",
        "POES",
        "TELESCOPE",
        "telescope:polar-orbiting-operational-environmental-satellites",
    ),
    ("Field-aligned currents from AMPERE are predicted.", "AMPERE", "TELESCOPE", "telescope:ampere"),
    ("Magnetometer records of INTERMAGNET are used.", "INTERMAGNET", "TELESCOPE", "telescope:intermagnet"),
    ("Solar-wind data were downloaded from CDAWeb.", "CDAWeb", "DATASET", "dataset:cdaweb"),
    ("TEC maps come from the Madrigal database.", "Madrigal database", "DATASET", "dataset:madrigal-database"),
    # planetary science and small bodies
    (
        "Boulders were detected in LROC NAC images.",
        "LROC NAC",
        "TELESCOPE",
        "telescope:lroc-narrow-angle-camera",
    ),
    (
        "Craters were mapped on Kaguya Terrain Camera mosaics.",
        "Kaguya Terrain Camera",
        "TELESCOPE",
        "telescope:kaguya-terrain-camera",
    ),
    (
        "Gullies were labelled in Mars Orbiter Camera (MOC) images.",
        "MOC",
        "TELESCOPE",
        "telescope:mars-orbiter-camera",
    ),
    (
        "Asteroid taxonomies were learned from SMASS and MITHNEOS spectra.",
        "MITHNEOS",
        "SURVEY",
        "survey:mit-hawaii-near-earth-object-spectroscopic-survey",
    ),
    ("Albedos come from AcuA.", "AcuA", "DATASET", "dataset:akari-asteroid-catalog"),
    ("The encoder is pre-trained on Mars32k.", "Mars32k", "DATASET", "dataset:mars32k"),
    # pulsars and FRBs
    ("The classifier is trained on HTRU2 and tested on LOTAAS1.", "HTRU2", "DATASET", "dataset:htru2"),
    ("The classifier is trained on HTRU2 and tested on LOTAAS1.", "LOTAAS1", "DATASET", "dataset:lotaas1"),
    (
        "A GH-VFDT baseline is compared with the network.",
        "GH-VFDT",
        "TECHNIQUE",
        "technique:gaussian-hellinger-very-fast-decision-tree",
    ),
    ("Candidates were folded with PulsarMiner.", "PulsarMiner", "SOFTWARE", "software:pulsarminer"),
    (
        "Residuals of the MPTA 4.5-year data release are modelled.",
        "MPTA 4.5-year data release",
        "DATASET",
        "dataset:mpta-4.5-year-data-release",
    ),
    (
        "Bursts found by the Commensal Real-time ASKAP Fast Transients survey are localised.",
        "Commensal Real-time ASKAP Fast Transients survey",
        "SURVEY",
        "survey:commensal-real-time-askap-fast-transients-survey",
    ),
    # exoplanet follow-up programmes and archives
    ("Mid-transit times come from ExoClock.", "ExoClock", "SURVEY", "survey:exoclock"),
    (
        "Amateur light curves of the Exoplanet Transit Database are used.",
        "Exoplanet Transit Database",
        "DATASET",
        "dataset:exoplanet-transit-database",
    ),
    (
        "Targets come from the Habitable Worlds Catalog.",
        "Habitable Worlds Catalog",
        "DATASET",
        "dataset:habitable-worlds-catalog",
    ),
    # stellar spectroscopy and Galactic archaeology
    ("Stars were observed by K2-HERMES.", "K2-HERMES", "SURVEY", "survey:k2-hermes"),
    ("Stars were observed by TESS-HERMES.", "TESS-HERMES", "SURVEY", "survey:tess-hermes"),
    ("Halo stars of SEGUE-1 are selected.", "SEGUE-1", "SURVEY", "survey:segue-1"),
    # gravitational waves
    ("Triggers of 3-OGC are re-ranked.", "3-OGC", "DATASET", "dataset:3-ogc"),
    # radio
    ("Sources of LoTSS-DR3 are classified.", "LoTSS-DR3", "DATASET", "dataset:lotss-data-release-3"),
    # high-energy
    (
        "Clusters of the XMM Cluster Survey (XCS) are classified.",
        "XMM Cluster Survey",
        "SURVEY",
        "survey:xmm-cluster-survey",
    ),
    # Galactic ISM, astrochemistry and lensing catalogues
    (
        "Targets come from the WISE Catalog of Galactic HII Regions.",
        "WISE Catalog of Galactic HII Regions",
        "DATASET",
        "dataset:wise-catalog-of-galactic-hii-regions",
    ),
    ("Reaction rates come from KIDA.", "KIDA", "DATASET", "dataset:kinetic-database-for-astrochemistry"),
    (
        "Reaction rates come from the UMIST Database for Astrochemistry.",
        "UMIST Database for Astrochemistry",
        "DATASET",
        "dataset:umist-database-for-astrochemistry",
    ),
    ("Line lists were queried in Splatalogue.", "Splatalogue", "DATASET", "dataset:splatalogue"),
    (
        "Known lenses come from the Master Lens Database.",
        "Master Lens Database",
        "DATASET",
        "dataset:master-lens-database",
    ),
    # galaxy clusters
    (
        "Cluster candidates of MaDCoWS are confirmed.",
        "MaDCoWS",
        "SURVEY",
        "survey:massive-and-distant-clusters-of-wise-survey",
    ),
    ("Weak-lensing masses from LoCuSS are used.", "LoCuSS", "SURVEY", "survey:local-cluster-substructure-survey"),
    (
        "X-ray clusters of REFLEX and NORAS are combined.",
        "NORAS",
        "SURVEY",
        "survey:northern-rosat-all-sky-galaxy-cluster-survey",
    ),
    (
        "Clusters of the SPT Extended Cluster Survey are detected.",
        "SPT Extended Cluster Survey",
        "SURVEY",
        "survey:spt-extended-cluster-survey",
    ),
    ("Temperatures of HIFLUGCS clusters are predicted.", "HIFLUGCS", "DATASET", "dataset:hiflugcs"),
    ("Optical clusters of WHL15 are matched.", "WHL15", "DATASET", "dataset:wen-han-liu-cluster-catalog"),
    # star formation, the Galactic plane and massive stars
    (
        "Young stars of MYStIX are classified.",
        "MYStIX",
        "SURVEY",
        "survey:massive-young-star-forming-complex-study-in-infrared-and-x-ray",
    ),
    (
        "Flares of the Chandra Orion Ultradeep Project are modelled.",
        "Chandra Orion Ultradeep Project",
        "SURVEY",
        "survey:chandra-orion-ultradeep-project",
    ),
    ("Polarization vectors come from GPIPS.", "GPIPS", "SURVEY", "survey:galactic-plane-infrared-polarization-survey"),
    ("Protoclusters of ALMA-QUARKS are segmented.", "ALMA-QUARKS", "SURVEY", "survey:alma-quarks"),
    (
        "Spectral types come from the Galactic O-Star Spectroscopic Survey.",
        "Galactic O-Star Spectroscopic Survey",
        "SURVEY",
        "survey:galactic-o-star-spectroscopic-survey",
    ),
    (
        "OB stars of the VLT-FLAMES Tarantula Survey are analysed.",
        "VLT-FLAMES Tarantula Survey",
        "SURVEY",
        "survey:vlt-flames-tarantula-survey",
    ),
    ("UV spectra of ULLYSES and optical spectra of XShootU are fitted.", "XShootU", "SURVEY", "survey:xshootu"),
    ("Magnetic OB stars of MiMeS are identified.", "MiMeS", "SURVEY", "survey:magnetism-in-massive-stars"),
    (
        "Oscillators of the Kepler LEGACY sample are fitted.",
        "Kepler LEGACY sample",
        "DATASET",
        "dataset:kepler-legacy-sample",
    ),
    (
        "Rotation measures come from the NVSS RM catalog.",
        "NVSS RM catalog",
        "DATASET",
        "dataset:nvss-rotation-measure-catalog",
    ),
    ("Light curves of the Open TDE Catalog are classified.", "Open TDE Catalog", "DATASET", "dataset:open-tde-catalog"),
    # instruments and spectroscopic facilities
    ("Speckles were imaged with DARKNESS at Palomar.", "DARKNESS", "TELESCOPE", "telescope:darkness"),
    ("Spectra of FunnelWeb stars were taken with TAIPAN.", "TAIPAN", "TELESCOPE", "telescope:taipan-instrument"),
    ("Spectra of FunnelWeb stars were taken with TAIPAN.", "FunnelWeb", "SURVEY", "survey:funnelweb"),
    ("Galaxies were observed with Hector on the AAT.", "Hector", "TELESCOPE", "telescope:hector-instrument"),
    ("Forecasts are made for Spec-S5.", "Spec-S5", "TELESCOPE", "telescope:spec-s5"),
    # CMB releases, simulations and likelihoods
    ("Cluster candidates are found in ACT DR5 maps.", "ACT DR5", "DATASET", "dataset:act-data-release-5"),
    ("Noise is drawn from the FFP10 simulations.", "FFP10", "DATASET", "dataset:planck-full-focal-plane-simulations"),
    ("The CamSpec likelihood is used for TT.", "CamSpec", "SOFTWARE", "software:camspec"),
    # fragments-k r9y-frag-09 and fragments-n r12d-frag-14: the plural head co-ordinated data sets share is no part
    # of the last name (both golds of both: "AGORA"; fragments-l r10y-frag-10 alone writes "Agora simulations");
    # the name alone keeps its head ("the AGORA simulations", as GUIDELINE's "HalfDome simulations")
    ("We use the Websky and AGORA simulations.", "AGORA", "DATASET", "dataset:agora"),
    ("We use the AGORA simulations.", "AGORA simulations", "DATASET", "dataset:agora"),
    # named models and emulators
    ("Structural parameters are predicted by GaMPEN.", "GaMPEN", "SOFTWARE", "software:gampen"),
    ("The power spectrum is emulated with e-MANTIS.", "e-MANTIS", "SOFTWARE", "software:e-mantis"),
    ("Mock galaxy catalogues were drawn with SkyPy.", "SkyPy", "SOFTWARE", "software:skypy"),
]


@pytest.mark.parametrize(("text", "name", "label", "concept"), BREADTH)
def test_breadth_across_subfields(real, text, name, label, concept):
    assert (name, label, concept) in _found(tag(real, text))


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("The MOC of the sample is a multi-order coverage map.", "telescope:mars-orbiter-camera"),
        ("The VSM of the features is computed.", "telescope:vector-spectromagnetograph"),
        ("The TIP of the red giant branch gives the distance.", "telescope:tenerife-infrared-polarimeter"),
        ("The SRS of the pipeline lists every requirement.", "dataset:solar-region-summary"),
        ("The XCS flag marks extended sources.", "survey:xmm-cluster-survey"),
        ("The CDMS experiment searches for dark matter.", "dataset:cologne-database-for-molecular-spectroscopy"),
        ("The lensing cluster MACS J0416.1-2403 is modelled.", "survey:massive-cluster-survey"),
        ("The HUGS of the volunteers were counted.", "survey:hst-uv-globular-cluster-survey"),
        ("A reflex response of the star is measured.", "survey:rosat-eso-flux-limited-x-ray-survey"),
        ("Hector and Achilles fought; darkness fell and a taipan slept.", "telescope:hector-instrument"),
        ("Hector and Achilles fought; darkness fell and a taipan slept.", "telescope:darkness"),
        ("Hector and Achilles fought; darkness fell and a taipan slept.", "telescope:taipan-instrument"),
        ("The twins were identical and an ampere is a unit.", "telescope:twins"),
        ("The twins were identical and an ampere is a unit.", "telescope:ampere"),
        ("The ERG of the retina was recorded.", "telescope:arase"),
    ],
)
def test_guarded_short_forms_of_the_breadth_pass_need_a_definition(real, text, concept):
    assert concept not in {cid for _, _, cid in _found(tag(real, text))}
