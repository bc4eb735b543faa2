"""Breadth of the shipped ontology, sixth pass: names of ML-heavy subfields on plain sentences.

Each case is a sentence written for this test in the style of an abstract or a data
section, and one whole name that must come out with its label and concept: tools,
models, data products, surveys and instruments of heliophysics, planetary surfaces,
exoplanets, stellar spectroscopy, gravitational waves, high-energy astrophysics, radio,
high-contrast imaging, time-domain classifiers, photometric redshifts, strong lensing,
simulations, 21-cm, CMB and galaxy morphology. The negatives are the ordinary-English
and other meanings of the guarded short or common-word names ("Jim", "ASSET", "Lilith",
"Cannon", "compass", "proper", "lamp", "space warps"), which must stay untagged.
"""

from __future__ import annotations

import pytest

from tests.test_ontology_breadth_software import extractor, tagged  # noqa: F401

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")

CASES = [
    # names missed on last round's blind sets
    (
        "Our labels come from the Cannon 2 model, compared with StarNet on one training set.",
        "Cannon 2",
        "SOFTWARE",
        "software:the-cannon",
    ),
    (
        "StarNet needs more stars than the original Cannon to reach the same precision.",
        "Cannon",
        "SOFTWARE",
        "software:the-cannon",
    ),
    ("Crater rims were annotated in Label Studio.", "Label Studio", "SOFTWARE", "software:label-studio"),
    (
        "Rims were checked against the Robbins Mars crater database.",
        "Robbins Mars crater database",
        "DATASET",
        "dataset:robbins-mars-crater-database",
    ),
    ("The V-FASTR commensal system flags dispersed pulses.", "V-FASTR", "SOFTWARE", "software:v-fastr"),
    ("Spectra of blazars were taken from VTSCat.", "VTSCat", "DATASET", "dataset:vtscat"),
    (
        "We select galaxies from the SDSS Main Galaxy Sample with r < 17.77.",
        "SDSS Main Galaxy Sample",
        "DATASET",
        "dataset:sdss-main-galaxy-sample",
    ),
    (
        "Convergence maps were reconstructed from DES SV shear catalogs.",
        "DES SV",
        "DATASET",
        "dataset:des-science-verification-data",
    ),
    ("Redshifts in COSMOS are taken from DEIMOS 10K.", "DEIMOS 10K", "DATASET", "dataset:deimos-10k"),
    (
        "The spectra were taken with the APOGEE-N and APOGEE-S spectrographs.",
        "APOGEE-S",
        "TELESCOPE",
        "telescope:apogee-s",
    ),
    ("The segmentation backbone is a U2-Net with nested residual blocks.", "U2-Net", "TECHNIQUE", "technique:u2-net"),
    ("Light curves were extracted with fermipy.", "fermipy", "SOFTWARE", "software:fermipy"),
    ("Initial conditions were generated with 2LPTic at z = 127.", "2LPTic", "SOFTWARE", "software:2lptic"),
    (
        "Blazar classes follow the Fourth LAT AGN Catalog.",
        "Fourth LAT AGN Catalog",
        "DATASET",
        "dataset:fourth-catalog-of-active-galactic-nuclei-detected-by-the-fermi-lat",
    ),
    ("The CAMELS runs include IllustrisTNG, SIMBA and Astrid.", "Astrid", "DATASET", "dataset:astrid"),
    # heliophysics and planetary surfaces
    (
        "Interplanetary coronal mass ejections are taken from ICMECAT.",
        "ICMECAT",
        "DATASET",
        "dataset:icmecat",
    ),
    (
        "Events were cross-checked with the Richardson and Cane ICME list.",
        "Richardson and Cane ICME list",
        "DATASET",
        "dataset:richardson-and-cane-icme-list",
    ),
    (
        "Training tiles were drawn from the Murray Lab CTX mosaic.",
        "Murray Lab CTX mosaic",
        "DATASET",
        "dataset:murray-lab-ctx-mosaic",
    ),
    ("Slopes were computed on SLDEM2015.", "SLDEM2015", "DATASET", "dataset:sldem2015"),
    ("Craters were detected with DeepMoon.", "DeepMoon", "SOFTWARE", "software:deepmoon"),
    ("Terrain labels come from AI4Mars.", "AI4Mars", "DATASET", "dataset:ai4mars"),
    (
        "Images were taken with MVIC on New Horizons.",
        "MVIC",
        "TELESCOPE",
        "telescope:multispectral-visible-imaging-camera",
    ),
    (
        "Mosaics from MoRIC on Tianwen-1 were used.",
        "MoRIC",
        "TELESCOPE",
        "telescope:moderate-resolution-imaging-camera",
    ),
    ("The reflectance was measured by Chandrayaan-1.", "Chandrayaan-1", "TELESCOPE", "telescope:chandrayaan-1"),
    # exoplanets and stellar spectroscopy
    ("Line lists were taken from ExoMol and HITEMP.", "HITEMP", "DATASET", "dataset:hitemp"),
    ("Clouds follow the Sonora Elf Owl grid.", "Sonora Elf Owl", "DATASET", "dataset:sonora-elf-owl"),
    ("Planet parameters were cross-checked against TEPCat.", "TEPCat", "DATASET", "dataset:tepcat"),
    ("Companions were searched for with PynPoint.", "PynPoint", "SOFTWARE", "software:pynpoint"),
    ("A detection map was built with SODINN.", "SODINN", "SOFTWARE", "software:sodinn"),
    ("The frames were processed with VIP_HCI.", "VIP_HCI", "SOFTWARE", "software:vortex-image-processing"),
    ("Polarimetric images were obtained with VAMPIRES.", "VAMPIRES", "TELESCOPE", "telescope:vampires"),
    (
        "Targets were vetted by the Discovery And Vetting of Exoplanets (DAVE) pipeline; DAVE flags offsets.",
        "DAVE",
        "SOFTWARE",
        "software:discovery-and-vetting-of-exoplanets",
    ),
    (
        "Abundances were calibrated on the Gaia FGK benchmark stars.",
        "Gaia FGK benchmark stars",
        "DATASET",
        "dataset:gaia-fgk-benchmark-stars",
    ),
    # gravitational waves and high-energy astrophysics
    (
        "We use waveforms from the RIT waveform catalog.",
        "RIT waveform catalog",
        "DATASET",
        "dataset:rit-waveform-catalog",
    ),
    ("Glitches are vetted by GSpyNetTree.", "GSpyNetTree", "SOFTWARE", "software:gspynettree"),
    ("Low-latency triggers come from PyCBC Live.", "PyCBC Live", "SOFTWARE", "software:pycbc-live"),
    ("Sources are cross-matched with 1FLE.", "1FLE", "DATASET", "dataset:fermi-lat-low-energy-catalog"),
    ("Bursts are taken from 2FLGC.", "2FLGC", "DATASET", "dataset:second-fermi-lat-gamma-ray-burst-catalog"),
    ("We analyse the H.E.S.S. DL3 DR1 event lists.", "H.E.S.S. DL3 DR1", "DATASET", "dataset:h.e.s.s.-dl3-dr1"),
    ("X-ray sources come from AEGIS-XD.", "AEGIS-XD", "SURVEY", "survey:aegis-xd"),
    # radio, 21-cm and CMB
    ("Sources are selected from the LoTSS Deep Fields.", "LoTSS Deep Fields", "DATASET", "dataset:lotss-deep-fields"),
    ("The sample is drawn from 3CRR.", "3CRR", "DATASET", "dataset:3crr"),
    ("HI detections come from MIGHTEE-HI.", "MIGHTEE-HI", "SURVEY", "survey:mightee-hi"),
    ("The field was observed within LOFAR-EoR.", "LOFAR-EoR", "SURVEY", "survey:lofar-eor"),
    ("The global signal was emulated with 21cmGEM.", "21cmGEM", "SOFTWARE", "software:21cmgem"),
    ("Thermal dust is estimated with GNILC.", "GNILC", "SOFTWARE", "software:gnilc"),
    ("Foregrounds were simulated with PySM3.", "PySM3", "SOFTWARE", "software:pysm"),
    # photometric redshifts, lensing, simulations and morphology
    ("Photometric redshifts are validated on DES Y3 Gold.", "DES Y3 Gold", "DATASET", "dataset:des-y3-gold"),
    ("Cosmic shear is measured on KV450.", "KV450", "DATASET", "dataset:kv450"),
    ("Redshifts were computed with Mizuki.", "Mizuki", "SOFTWARE", "software:mizuki"),
    ("The lenses resemble those of SLACS.", "SLACS", "SURVEY", "survey:sloan-lens-acs-survey"),
    ("Candidates were compared with SuGOHI systems.", "SuGOHI", "SURVEY", "survey:sugohi"),
    (
        "Known lenses are listed in the Strong Lensing Database.",
        "Strong Lensing Database",
        "DATASET",
        "dataset:strong-lensing-database",
    ),
    ("The network is trained on CosmoGrid.", "CosmoGrid", "DATASET", "dataset:cosmogrid"),
    ("We use the Goku simulation suite.", "Goku simulation suite", "DATASET", "dataset:goku"),
    (
        "Morphologies come from the Nair and Abraham catalog.",
        "Nair and Abraham catalog",
        "DATASET",
        "dataset:nair-and-abraham-catalog",
    ),
    ("Bar masks were drawn from Galaxy Zoo 3D.", "Galaxy Zoo 3D", "DATASET", "dataset:galaxy-zoo-3d"),
    (
        "Disks were imaged by DSHARP.",
        "DSHARP",
        "SURVEY",
        "survey:disk-substructures-at-high-angular-resolution-project",
    ),
    ("Protoclusters were observed by ALMA-IMF.", "ALMA-IMF", "SURVEY", "survey:alma-imf"),
    ("Spectra were typed with Astrodash.", "Astrodash", "SOFTWARE", "software:astrodash"),
    # ISM, star formation, time domain and archives
    (
        "Dense cores were mapped by the Green Bank Ammonia Survey.",
        "Green Bank Ammonia Survey",
        "SURVEY",
        "survey:green-bank-ammonia-survey",
    ),
    ("The Galactic Centre was imaged by CMZoom.", "CMZoom", "SURVEY", "survey:cmzoom"),
    ("HII regions were catalogued by SIGNALS.", "SIGNALS", "SURVEY", "survey:signals"),
    ("Young stellar objects are drawn from SPICY.", "SPICY", "DATASET", "dataset:spicy"),
    ("Lines were decomposed with GaussPy+.", "GaussPy+", "SOFTWARE", "software:gausspy"),
    ("Spectra were fitted with MADCUBA.", "MADCUBA", "SOFTWARE", "software:madcuba"),
    (
        "Light curves come from the Northern Sky Variability Survey.",
        "Northern Sky Variability Survey",
        "SURVEY",
        "survey:northern-sky-variability-survey",
    ),
    ("Proper motions were taken from VIRAC2.", "VIRAC2", "DATASET", "dataset:virac"),
    (
        "The Wide-Fast-Deep survey covers 18,000 square degrees.",
        "Wide-Fast-Deep survey",
        "SURVEY",
        "survey:wide-fast-deep",
    ),
    ("Features were extracted with sktime.", "sktime", "SOFTWARE", "software:sktime"),
    ("Abstracts were retrieved from SciX.", "SciX", "DATASET", "dataset:science-explorer"),
]


@pytest.mark.parametrize(("text", "form", "label", "concept"), CASES, ids=[c[1] for c in CASES])
def test_whole_name_is_tagged_with_its_label_and_concept(extractor, text, form, label, concept):  # noqa: F811
    assert (form, label, concept) in tagged(extractor, text)


GUARDED = {
    "software:jim",
    "software:asset",
    "software:lilith",
    "software:label-studio",
    "software:the-cannon",
    "software:compass-ao",
    "software:proper-optical-propagation",
    "software:connect-emulator",
    "software:final-luminosity-age-mass-estimator",
    "software:discovery-and-vetting-of-exoplanets",
    "software:conan",
    "software:vortex-image-processing",
    "software:air-force-data-assimilative-photospheric-flux-transport",
    "software:magnetohydrodynamic-algorithm-outside-a-sphere",
    "software:space-warps",
    "software:mars-trek",
    "telescope:lyman-alpha-mapping-project",
    "telescope:lunar-exploration-neutron-detector",
    "telescope:high-energy-underwater-neutrino-telescope",
    "telescope:gamma-ray-and-antimatter-survey",
    "dataset:astrid",
    "dataset:mapping-dark-matter-challenge",
    "dataset:sdss-main-galaxy-sample",
    "dataset:evolution-of-21-cm-structure",
    "dataset:unit-simulations",
    "dataset:molino",
    "survey:cores-to-disks",
    "survey:signals",
    "survey:wide-fast-deep",
    "survey:green-bank-ammonia-survey",
}


@pytest.mark.parametrize(
    "text",
    [
        "We thank Astrid Jones and Jim Gunn for comments; Jim suggested the test.",
        "Each asset of the archive is an ASSET in the accounting tables.",
        "Lilith is a figure of folklore, and a label studio is where records are printed.",
        "Annie Jump Cannon classified the spectra; see Cannon et al. (1918) and Cannon (1925).",
        "This work is devoted to mapping dark matter on large scales.",
        "Our main galaxy sample contains 2000 objects, in contrast to the control sample.",
        "A compass and a proper motion; we connect the flame to the lamp, lend a hand, and conan.",
        "We hunt for grams of material; the equation of state (EoS) is stiff.",
        "A VIP guest adapts models to the unit sphere and to the UNIT of charge.",
        "The space warps around the black hole, and the Molino river flows past the mars trek.",
        "Large companies use the MAS model and the ADAPT scheme; the evolution from cores to disks.",
        "Star formation, ionized gas and the GAS phase follow the LSST wide-fast-deep cadence.",
    ],
)
def test_guarded_names_keep_their_ordinary_meanings(extractor, text):  # noqa: F811
    found = {cid for _, _, cid in tagged(extractor, text)}
    assert not found & GUARDED


def test_short_names_count_once_the_text_defines_them(extractor):  # noqa: F811
    text = (
        "Disk chemistry comes from Molecules with ALMA at Planet-forming Scales (MAPS). "
        "MAPS resolved CO, HCN and C2H in five disks."
    )
    found = [(form, cid) for form, _, cid in tagged(extractor, text)]
    assert found.count(("MAPS", "survey:molecules-with-alma-at-planet-forming-scales")) == 2
    assert not {cid for _, _, cid in tagged(extractor, "MAPS of the disk resolved CO.")} & {
        "survey:molecules-with-alma-at-planet-forming-scales"
    }


def test_new_products_point_at_their_parents():
    from astro_ie.ontology import load_ontology
    from astro_ie.resources import default_ontology_dir

    onto = load_ontology(default_ontology_dir())
    by_id = onto.concepts
    assert by_id["telescope:apogee-n"].relations["instrument_of"] == ["telescope:sloan-foundation-2.5m-telescope"]
    assert by_id["telescope:apogee-s"].broader == ["telescope:apogee-spectrograph"]
    assert "survey:dark-energy-survey" in by_id["dataset:des-science-verification-data"].relations["from_survey"]
    assert by_id["dataset:galaxy-zoo-3d"].broader == ["dataset:galaxy-zoo"]
    assert by_id["technique:u2-net"].broader == ["technique:u-net"]
    assert by_id["software:fermipy"].relations["uses"] == ["software:fermitools"]
