"""Breadth of the shipped ontology's SOFTWARE and instrument vocabulary (issue 12).

Sentences in the style of abstracts and data sections, written for these tests, are
tagged with the ontology astro-ie ships. Each asserts whole names (GUIDELINE "Span
extent") and the concept they link to; the guarded short forms that are also common
words or other concepts ("FIRE", "HERMES", "cesium") must stay untagged unless the
text defines them or uses them as a tool.
"""

from __future__ import annotations

import pytest

from astro_ie.extract import Extractor
from astro_ie.models import Abstract
from astro_ie.ontology import load_ontology
from astro_ie.resources import default_ontology_dir

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(default_ontology_dir())


def tagged(extractor: Extractor, text: str) -> list[tuple[str, str, str]]:
    """(text, label, concept id) of every entity of a title-less record."""
    [record] = extractor.tag_batch([Abstract(id="r1", title="", abstract=text)])
    return [(e.text, e.label, e.concept_id) for e in record.entities]


SOFTWARE_SENTENCES = [
    (
        "Stellar activity signals were simulated with SOAP 2.0 and the lines identified with XCLASS.",
        [
            ("SOAP 2.0", "software:spot-oscillation-and-planet"),
            ("XCLASS", "software:extended-casa-line-analysis-software-suite"),
        ],
    ),
    (
        "The maps were reprojected with GDAL and compact sources and filaments extracted with getsf.",
        [("GDAL", "software:geospatial-data-abstraction-library"), ("getsf", "software:getsf")],
    ),
    (
        "DarkEmulator2 is trained on simulations run with the Ginkaku code.",
        [("DarkEmulator2", "software:dark-emulator-2"), ("Ginkaku", "software:ginkaku")],
    ),
    (
        "The GMOS spectra were reduced with DRAGONS and Gemini IRAF, and telluric lines removed with molecfit.",
        [
            ("DRAGONS", "software:data-reduction-for-astronomy-from-gemini-observatory-north-and-south"),
            ("Gemini IRAF", "software:gemini-iraf"),
            ("molecfit", "software:molecfit"),
        ],
    ),
    (
        "Eclipsing binaries were modelled with PHOEBE 2 and JKTEBOP, and transit timing variations with TTVFast.",
        [
            ("PHOEBE 2", "software:physics-of-eclipsing-binaries"),
            ("JKTEBOP", "software:jktebop"),
            ("TTVFast", "software:ttvfast"),
        ],
    ),
    (
        "Gas kinematics were fitted with 3D-Barolo and TiRiFiC, and line ratios interpreted with PyNeb and RADEX.",
        [
            ("3D-Barolo", "software:3d-barolo"),
            ("TiRiFiC", "software:tirific"),
            ("PyNeb", "software:pyneb"),
            ("RADEX", "software:radex"),
        ],
    ),
    (
        "The Spitzer mosaics were built with MOPEX and the Herschel maps in HIPE; voids were found with VIDE.",
        [
            ("MOPEX", "software:mopex"),
            ("HIPE", "software:herschel-interactive-processing-environment"),
            ("VIDE", "software:vide"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SOFTWARE_SENTENCES, ids=[e[0][1] for _, e in SOFTWARE_SENTENCES])
def test_software_names_are_tagged_whole_and_linked(extractor, text, expected):
    found = {(t, cid) for t, label, cid in tagged(extractor, text) if label == "SOFTWARE"}
    assert set(expected) <= found


INSTRUMENT_SENTENCES = [
    (
        "The transient was classified with the SEDM on the Palomar 60-inch telescope.",
        [
            ("SEDM", "telescope:spectral-energy-distribution-machine"),
            ("Palomar 60-inch telescope", "telescope:palomar-60-inch-telescope"),
        ],
    ),
    (
        "Spectra were taken with the Folded-port InfraRed Echellette (FIRE) on the Magellan Baade telescope.",
        [
            ("Folded-port InfraRed Echellette", "telescope:folded-port-infrared-echellette"),
            ("FIRE", "telescope:folded-port-infrared-echellette"),
        ],
    ),
    (
        "Flare fluxes come from the X-ray Sensor on GOES-15.",
        [
            ("X-ray Sensor", "telescope:goes-x-ray-sensor"),
            ("GOES-15", "telescope:geostationary-operational-environmental-satellite"),
        ],
    ),
    (
        "The pulsar was observed with the Ultra-Wideband Low system on Murriyang.",
        [("Ultra-Wideband Low", "telescope:ultra-wideband-low-receiver")],
    ),
    (
        "Sun-as-a-star spectra from the HARPS-N Solar Telescope trace the activity cycle.",
        [("HARPS-N Solar Telescope", "telescope:harps-n-solar-telescope")],
    ),
    (
        "Abundances come from the High Efficiency and Resolution Multi-Element Spectrograph (HERMES) on the AAT.",
        [("HERMES", "telescope:high-efficiency-and-resolution-multi-element-spectrograph")],
    ),
    (
        "High-contrast images were taken with IRDIS behind SAXO, and mid-infrared images with COMICS on Subaru.",
        [
            ("IRDIS", "telescope:infrared-dual-band-imager-and-spectrograph"),
            ("SAXO", "telescope:sphere-extreme-adaptive-optics"),
            ("COMICS", "telescope:cooled-mid-infrared-camera-and-spectrometer"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), INSTRUMENT_SENTENCES, ids=[e[0][1] for _, e in INSTRUMENT_SENTENCES])
def test_instrument_names_are_tagged_whole_and_linked(extractor, text, expected):
    found = {(t, cid) for t, label, cid in tagged(extractor, text) if label == "TELESCOPE"}
    assert set(expected) <= found


@pytest.mark.parametrize(
    "text",
    [
        "The FIRE simulations predict bursty star formation in dwarf galaxies.",
        "HERMES data were not used in this work.",
        "We combine SED machine learning with spectral cube fitting of the ALMA data.",
        "Strong X-class flares were excluded; the cesium clock and a fiasco are irrelevant.",
        "Imaging from the Mayall -band Legacy Survey covers the north.",
        "Out of curiosity we cast a GOLD standard set at the right TIME; you MUST see the ICON.",
    ],
)
def test_guarded_forms_stay_untagged_as_software_or_instruments(extractor, text):
    new = {
        "telescope:folded-port-infrared-echellette",
        "telescope:high-efficiency-and-resolution-multi-element-spectrograph",
        "telescope:spectral-energy-distribution-machine",
        "telescope:nicholas-u.-mayall-telescope",
        "software:spectral-cube",
        "software:extended-casa-line-analysis-software-suite",
        "software:cesium",
        "software:fiasco",
        "telescope:mars-science-laboratory",
        "telescope:cern-axion-solar-telescope",
        "telescope:global-scale-observations-of-the-limb-and-disk",
        "telescope:tomographic-ionized-carbon-mapping-experiment",
        "telescope:multiplexed-survey-telescope",
        "telescope:ionospheric-connection-explorer",
    }
    assert not {cid for _, _, cid in tagged(extractor, text)} & new


def test_guarded_software_counts_in_the_company_of_tools(extractor):
    found = tagged(extractor, "Software: astropy, numpy, cesium and fiasco.")
    assert ("cesium", "SOFTWARE", "software:cesium") in found
    assert ("fiasco", "SOFTWARE", "software:fiasco") in found


def test_new_instruments_point_at_their_telescope():
    ontology = load_ontology(default_ontology_dir())
    expected = {
        "telescope:spectral-energy-distribution-machine": "telescope:palomar-60-inch-telescope",
        "telescope:folded-port-infrared-echellette": "telescope:magellan-baade-telescope",
        "telescope:high-efficiency-and-resolution-multi-element-spectrograph": "telescope:anglo-australian-telescope",
        "telescope:infrared-dual-band-imager-and-spectrograph": (
            "telescope:spectro-polarimetric-high-contrast-exoplanet-research"
        ),
    }
    for instrument, telescope in expected.items():
        concept = ontology.get(instrument)
        assert concept is not None and concept.kind == "instrument"
        assert concept.relations["instrument_of"] == [telescope]
        assert telescope in ontology


def test_spectral_fitting_and_self_supervised_libraries_with_their_common_words_guarded(extractor):
    # fragments-f r4y-frag-03, -04, -06, -09: codes of spectroscopic surveys and SSL libraries.
    found = tagged(
        extractor,
        "Continua were fitted with FastSpecFit, grism redshifts with grizli, features were extracted with "
        "light-curve-feature, and a SimCLR encoder was trained with the Lightly library.",
    )
    for name, cid in [("FastSpecFit", "software:fastspecfit"), ("grizli", "software:grizli"),
                      ("light-curve-feature", "software:light-curve"), ("Lightly", "software:lightly")]:
        assert (name, "SOFTWARE", cid) in found
    assert not tagged(extractor, "Lightly shaded regions show the errors of the light-curve features.")
