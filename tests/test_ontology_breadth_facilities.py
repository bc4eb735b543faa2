"""Breadth of the TELESCOPE, SURVEY and DATASET vocabulary across subfields (issue 12).

Each case is a sentence in the style of an abstract or a data section, written for
these tests, and the whole name that must come out as one mention of its type linked
to its concept: meteor and fireball networks, radars, gravitational-wave and solar
facilities, air-shower experiments, robotic telescopes, ZTF programmes, pulsar, HI,
X-ray and exoplanet surveys, observing runs, releases, simulation runs and data
challenges. The negatives are the other meanings of the guarded short forms (an
institution's acronym, a spectral type, a molecule), which must stay untagged.
"""

from __future__ import annotations

import pytest

from astro_ie.extract import Extractor
from astro_ie.models import Abstract
from astro_ie.resources import default_ontology_dir

T, S, D = "TELESCOPE", "SURVEY", "DATASET"

CASES = [
    # meteor and fireball networks, radars
    (
        "Meteor trajectories were computed from Global Meteor Network cameras.",
        "Global Meteor Network",
        T,
        "telescope:global-meteor-network",
    ),
    (
        "We use orbits from the Cameras for Allsky Meteor Surveillance network.",
        "Cameras for Allsky Meteor Surveillance",
        T,
        "telescope:cameras-for-allsky-meteor-surveillance",
    ),
    (
        "Orbits measured by LO-CAMS were matched to the shower catalogue.",
        "LO-CAMS",
        T,
        "telescope:lowell-observatory-cameras-for-all-sky-meteor-surveillance",
    ),
    (
        "The fall was recorded by FRIPON and the meteorite was recovered.",
        "FRIPON",
        T,
        "telescope:fireball-recovery-and-interplanetary-observation-network",
    ),
    (
        "Bright bolides observed by the Desert Fireball Network are classified with a CNN.",
        "Desert Fireball Network",
        T,
        "telescope:desert-fireball-network",
    ),
    (
        "Radar meteor echoes from CMOR were denoised with an autoencoder.",
        "CMOR",
        T,
        "telescope:canadian-meteor-orbit-radar",
    ),
    (
        "Mesospheric echoes observed with MAARSY are clustered.",
        "MAARSY",
        T,
        "telescope:middle-atmosphere-alomar-radar-system",
    ),
    ("Ionospheric parameters from EISCAT_3D will be inferred in real time.", "EISCAT_3D", T, "telescope:eiscat-3d"),
    (
        "Convection maps from SuperDARN are forecast with a recurrent network.",
        "SuperDARN",
        T,
        "telescope:super-dual-auroral-radar-network",
    ),
    (
        "Space debris is tracked by the Bistatic Radar for LEO Survey.",
        "Bistatic Radar for LEO Survey",
        T,
        "telescope:bistatic-radar-for-leo-survey",
    ),
    (
        "Subsurface echoes of Ganymede will be sounded by RIME on JUICE.",
        "RIME",
        T,
        "telescope:radar-for-icy-moons-exploration",
    ),
    # the mission and its instrument's short name side by side are two names (fragments-n r12d-frag-11)
    ("Titan's lakes were mapped by Cassini RADAR.", "RADAR", T, "telescope:cassini-radar"),
    ("Titan's lakes were mapped by the Cassini Titan Radar Mapper.", "Cassini Titan Radar Mapper", T,
     "telescope:cassini-radar"),
    # gravitational waves and solar
    ("Taiji and LISA will observe massive black hole binaries.", "Taiji", T, "telescope:taiji"),
    ("In-orbit results of Taiji-1 validate the drag-free control.", "Taiji-1", T, "telescope:taiji-1"),
    ("A torsion-bar antenna (TOBA) targets the 0.1 Hz band.", "TOBA", T, "telescope:torsion-bar-antenna"),
    ("We forecast the reach of LIGO Voyager and Cosmic Explorer.", "LIGO Voyager", T, "telescope:ligo-voyager"),
    (
        "CMEs were tracked in images of the Large Angle Spectroscopic Coronagraph on SOHO.",
        "Large Angle Spectroscopic Coronagraph",
        T,
        "telescope:large-angle-and-spectrometric-coronagraph",
    ),
    (
        "Sunspot drawings from the Wilcox Solar Observatory are digitised.",
        "Wilcox Solar Observatory",
        T,
        "telescope:wilcox-solar-observatory",
    ),
    # air showers, cosmic rays, robotic telescopes, other instruments
    (
        "Radio pulses recorded by Tunka-Rex constrain the shower maximum.",
        "Tunka-Rex",
        T,
        "telescope:tunka-radio-extension",
    ),
    (
        "Antideuteron searches with GAPS (General AntiParticle Spectrometer) are simulated.",
        "General AntiParticle Spectrometer",
        T,
        "telescope:general-antiparticle-spectrometer",
    ),
    (
        "Ultra-heavy nuclei measured by SuperTIGER are compared with models.",
        "SuperTIGER",
        T,
        "telescope:super-trans-iron-galactic-element-recorder",
    ),
    (
        "Earth-skimming tau neutrinos are the target of TAMBO.",
        "TAMBO",
        T,
        "telescope:tau-air-shower-mountain-based-observatory",
    ),
    ("The Argus Array will image the whole visible sky every second.", "Argus Array", T, "telescope:argus-array"),
    ("Fast transients were found with W-FAST.", "W-FAST", T, "telescope:weizmann-fast-astronomical-survey-telescope"),
    ("Light curves from Mini-MegaTORTORA were classified.", "Mini-MegaTORTORA", T, "telescope:mini-megatortora"),
    ("Follow-up used ROTSE and the Zadko Telescope.", "Zadko Telescope", T, "telescope:zadko-telescope"),
    (
        "Occultations were timed with HIPO on SOFIA.",
        "HIPO",
        T,
        "telescope:high-speed-imaging-photometer-for-occultations",
    ),
    (
        "A dark-ages pathfinder, the Lunar Crater Radio Telescope, is studied.",
        "Lunar Crater Radio Telescope",
        T,
        "telescope:lunar-crater-radio-telescope",
    ),
    # surveys
    (
        "Atira asteroids were discovered in the ZTF Twilight Survey.",
        "ZTF Twilight Survey",
        S,
        "survey:ztf-twilight-survey",
    ),
    (
        "Host galaxies come from the ZTF Census of the Local Universe.",
        "ZTF Census of the Local Universe",
        S,
        "survey:ztf-census-of-the-local-universe",
    ),
    (
        "Variables were selected from the ZTF High-Cadence Galactic Plane Survey.",
        "ZTF High-Cadence Galactic Plane Survey",
        S,
        "survey:ztf-high-cadence-galactic-plane-survey",
    ),
    (
        "Pulsar candidates from the Parkes Multibeam Pulsar Survey were re-ranked.",
        "Parkes Multibeam Pulsar Survey",
        S,
        "survey:parkes-multibeam-pulsar-survey",
    ),
    (
        "We re-search the HTRU-South Low Latitude survey for accelerated pulsars.",
        "HTRU-South Low Latitude survey",
        S,
        "survey:high-time-resolution-universe-survey",
    ),
    ("Gas fractions are taken from xGASS.", "xGASS", S, "survey:galex-arecibo-sdss-survey"),
    ("Deep HI imaging from CHILES reaches z = 0.45.", "CHILES", S, "survey:cosmos-hi-large-extragalactic-survey"),
    ("Spectra were classified by PESSTO.", "PESSTO", S, "survey:public-eso-spectroscopic-survey-for-transient-objects"),
    ("Redshifts of the hosts come from OzDES.", "OzDES", S, "survey:australian-dark-energy-survey"),
    ("Kinematics of z ~ 1 galaxies are taken from KROSS.", "KROSS", S, "survey:kmos-redshift-one-spectroscopic-survey"),
    ("X-ray sources in XMM-LSS were cross-matched.", "XMM-LSS", S, "survey:xmm-large-scale-structure-survey"),
    (
        "We use the NuSTAR Serendipitous Survey sources.",
        "NuSTAR Serendipitous Survey",
        S,
        "survey:nustar-serendipitous-survey",
    ),
    (
        "Radial velocities come from the Terra Hunting Experiment.",
        "Terra Hunting Experiment",
        S,
        "survey:terra-hunting-experiment",
    ),
    ("Dense gas was mapped by ThrUMMS.", "ThrUMMS", S, "survey:three-mm-ultimate-mopra-milky-way-survey"),
    (
        "HI cubes from the Canadian Galactic Plane Survey are segmented.",
        "Canadian Galactic Plane Survey",
        S,
        "survey:canadian-galactic-plane-survey",
    ),
    (
        "Infrared galaxies in SWIRE were classified.",
        "SWIRE",
        S,
        "survey:spitzer-wide-area-infrared-extragalactic-survey",
    ),
    (
        "Narrow-band photometric redshifts from the PAU Survey are used.",
        "PAU Survey",
        S,
        "survey:physics-of-the-accelerating-universe-survey",
    ),
    ("Young clusters were catalogued by LEGUS.", "LEGUS", S, "survey:legacy-extragalactic-uv-survey"),
    (
        "Quasars from the UKIDSS Large Area Survey were selected.",
        "UKIDSS Large Area Survey",
        S,
        "survey:ukidss-large-area-survey",
    ),
    (
        "Trans-Neptunian objects of the Canada-France Ecliptic Plane Survey are debiased.",
        "Canada-France Ecliptic Plane Survey",
        S,
        "survey:canada-france-ecliptic-plane-survey",
    ),
    # data sets: observing runs, catalogues and releases
    ("Glitches recorded during O3a and O3b are classified.", "O3b", D, "dataset:o3b"),
    ("We analyse public strain data from O3 with a neural network.", "O3", D, "dataset:o3-observing-run"),
    ("Candidates found in O4a are re-ranked.", "O4a", D, "dataset:o4a"),
    ("Obscured AGN were selected in Stripe 82X.", "Stripe 82X", D, "dataset:stripe-82x"),
    ("Sources were drawn from the eRASS1 Main catalogue.", "eRASS1 Main catalogue", D, "dataset:erass1-main-catalogue"),
    ("Flaring sources were found in LSXPS.", "LSXPS", D, "dataset:living-swift-xrt-point-source-catalogue"),
    (
        "Cross-matches to the Gaia Synthetic Photometry Catalogue are made.",
        "Gaia Synthetic Photometry Catalogue",
        D,
        "dataset:gaia-synthetic-photometry-catalogue",
    ),
    ("Proper motions come from URAT1.", "URAT1", D, "dataset:urat1"),
    ("Stellar parameters are taken from GALAH DR3.", "GALAH DR3", D, "dataset:galah-dr3"),
    ("Mock catalogues were built on Rubin Data Preview 1.", "Rubin Data Preview 1", D, "dataset:rubin-data-preview-1"),
    ("Planet candidates from Kepler DR25 are vetted.", "Kepler DR25", D, "dataset:kepler-dr25"),
    ("Polarisation data from BK15 constrain r.", "BK15", D, "dataset:bk15"),
    (
        "Sources were matched to the Fourth XMM-Newton Serendipitous Source Catalogue.",
        "Fourth XMM-Newton Serendipitous Source Catalogue",
        D,
        "dataset:4xmm",
    ),
    ("Meteor orbits were taken from the EDMOND database.", "EDMOND database", D, "dataset:edmond-database"),
    ("Near-infrared colours of asteroids come from MOVIS.", "MOVIS", D, "dataset:movis-catalogue"),
    ("Abundances of the hosts come from the Hypatia Catalog and SWEET-Cat.", "SWEET-Cat", D, "dataset:sweet-cat"),
    (
        "Light curves were matched to the ZTF catalog of periodic variable stars.",
        "ZTF catalog of periodic variable stars",
        D,
        "dataset:ztf-catalog-of-periodic-variable-stars",
    ),
    (
        "Low-redshift anchors come from the CfA3 supernova sample.",
        "CfA3 supernova sample",
        D,
        "dataset:cfa3-supernova-sample",
    ),
    (
        "Counterparts of LVK public alerts were searched in the images.",
        "LVK public alerts",
        D,
        "dataset:lvk-public-alerts",
    ),
    (
        "Light curves from the KMTNet Supernova Program are classified.",
        "KMTNet Supernova Program",
        S,
        "survey:kmtnet-supernova-program",
    ),
    # simulations and challenges
    ("Galaxies are drawn from the EAGLE run RefL0100N1504.", "RefL0100N1504", D, "dataset:eagle-ref-l0100n1504"),
    (
        "The emulator is trained on CAMELS-SIMBA and tested on CAMELS-Astrid.",
        "CAMELS-Astrid",
        D,
        "dataset:camels-astrid",
    ),
    ("The network is trained on the IllustrisTNG SB28 suite.", "IllustrisTNG SB28", D, "dataset:camels-sb28"),
    ("Primordial non-Gaussianity is inferred from Quijote-PNG.", "Quijote-PNG", D, "dataset:quijote-png"),
    ("Images were simulated with OpenUniverse2024.", "OpenUniverse2024", D, "dataset:openuniverse2024"),
    ("Light cones from 21SSD train the emulator.", "21SSD", D, "dataset:21ssd"),
    ("Weak-lensing maps come from cosmo-SLICS.", "cosmo-SLICS", D, "dataset:scinet-light-cone-simulations"),
    (
        "Retrievals were trained on the Ariel Data Challenge 2023 spectra.",
        "Ariel Data Challenge 2023",
        D,
        "dataset:ariel-data-challenge",
    ),
    ("Galactic binaries were extracted from the LDC2a Sangria data.", "LDC2a Sangria", D, "dataset:ldc2a-sangria"),
    (
        "Dark-matter halos were located in Observing Dark Worlds.",
        "Observing Dark Worlds",
        D,
        "dataset:observing-dark-worlds",
    ),
    # searches for technosignatures (arXiv:2301.12670, abstracts-h)
    (
        "We apply the autoencoder to Breakthrough Listen observations of 820 nearby stars.",
        "Breakthrough Listen",
        "SURVEY",
        "survey:breakthrough-listen",
    ),
    # SERENDIP VI is the programme's spectrometer backend (abstracts-p arXiv:2002.02130)
    ("Commensal data from SERENDIP VI are searched for narrow-band signals.", "SERENDIP VI", "TELESCOPE",
     "telescope:serendip-vi"),
    ("Project Phoenix observed 800 nearby stars.", "Project Phoenix", "SURVEY", "survey:project-phoenix"),
    ("COSMIC SETI records voltages at the VLA.", "COSMIC SETI", "SURVEY", "survey:cosmic-seti"),
    # the capitalised detectors of a cosmic-ray or gamma-ray observatory (arXiv:2406.06315)
    (
        "Xmax is inferred event by event using the Surface Detector of the Pierre Auger Observatory.",
        "Surface Detector",
        "TELESCOPE",
        "telescope:auger-surface-detector",
    ),
    (
        "This gives a 10-fold increase in statistics compared to the Fluorescence Detector data.",
        "Fluorescence Detector",
        "TELESCOPE",
        "telescope:auger-fluorescence-detector",
    ),
    ("The CTAO Medium-Sized Telescope prototype was tested.", "CTAO Medium-Sized Telescope", "TELESCOPE",
     "telescope:ctao-medium-sized-telescope"),
    ("Radio pulses of air showers were recorded by CODALEMA.", "CODALEMA", "TELESCOPE", "telescope:codalema"),
    # the citizen-science telescopes of the Unistellar Network (arXiv:2210.16440)
    ("We envision incorporating the network onboard the eVscopes.", "eVscopes", "TELESCOPE", "telescope:evscope"),
    # the Galaxy Zoo releases by their short "GZ" names (r4y-frag-03)
    ("Labels are from the GZ Euclid volunteer classifications.", "GZ Euclid", D, "dataset:galaxy-zoo-euclid"),
    ("Labels are from GZ CANDELS.", "GZ CANDELS", D, "dataset:galaxy-zoo-candels"),
    # gravitational-wave detectors observing as one network (arXiv:2505.21261, arXiv:2304.09977)
    (
        "Data were collected during the LIGO-Virgo-KAGRA (LVK) third observing run (O3).",
        "LIGO-Virgo-KAGRA",
        "TELESCOPE",
        "telescope:ligo-virgo-kagra-network",
    ),
    (
        "LIGO-Virgo GW event candidate validation will need more automation.",
        "LIGO-Virgo",
        "TELESCOPE",
        "telescope:ligo-virgo-kagra-network",
    ),
]

NOT_NAMES = [
    # short forms that are also institutions, spectral types, molecules or words
    ("The telescope is operated on behalf of NAOJ, KASI and CAMS.", "CAMS"),
    ("The spectrum of the O3 V star shows weak He I lines.", "O3"),
    ("The retrieved O3 abundance of the mock Earth twin is low.", "O3"),
    ("Molecular O2 and H2O bands dominate the transmission spectrum.", "O2"),
    ("We thank the ePESSTO+ collaboration for the classification spectra.", "ePESSTO+"),
    ("The cluster sample contains 120 galaxies.", "cluster"),
    ("A thin layer of rime covered the dome.", "rime"),
    ("COSMIC rays shower the detector.", "COSMIC"),
    ("Several methods estimate Xmax from particles registered with surface detector arrays.", "surface detector"),
]


@pytest.fixture(scope="module")
def tagged() -> dict[str, list[tuple[str, str, str]]]:
    """Every sentence tagged once, in one batch: sentence -> (text, label, concept) of each mention."""
    sentences = sorted({c[0] for c in CASES} | {s for s, _ in NOT_NAMES})
    extractor = Extractor(default_ontology_dir())
    records = [Abstract(id=f"s{i}", title="", abstract=s) for i, s in enumerate(sentences)]
    out = {r.id: r for r in extractor.tag(records)}
    return {s: [(e.text, e.label, e.concept_id) for e in out[f"s{i}"].entities] for i, s in enumerate(sentences)}


@pytest.mark.parametrize(("sentence", "name", "label", "concept"), CASES, ids=[c[1] for c in CASES])
def test_whole_name_is_tagged_with_its_concept(tagged, sentence, name, label, concept):
    assert (name, label, concept) in tagged[sentence], tagged[sentence]


@pytest.mark.parametrize(("sentence", "word"), NOT_NAMES, ids=[f"{w}-{i}" for i, (_, w) in enumerate(NOT_NAMES)])
def test_guarded_short_forms_keep_their_other_meanings(tagged, sentence, word):
    assert not [m for m in tagged[sentence] if word.lower() in m[0].lower()], tagged[sentence]
