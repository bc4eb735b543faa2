"""The shipped ontology, thirteenth pass: breadth by subfield, from the names each subfield's ML papers use.

Each case is a sentence written for this test in the style of an abstract, a data section or an
acknowledgement (no gold set was read for them), and one whole name that must come out with its type
and concept: geospace and heliophysics missions and particle instruments, spectrographs and imagers of
large and small ground telescopes, future instruments, radio/CMB-foreground and plate-archive surveys,
exoplanet, transient and spectroscopic survey programmes, archives, libraries, ephemerides, radio
benchmarks, and the codes of gravitational-wave, neutrino, CMB, weak-lensing, IFU, SED and
exoplanet-climate work. Then the near misses: the ordinary words among these names ("lightning",
"virga", "SMILES" strings, "help"), which must stay untagged unless the text defines or cues them.
"""

from __future__ import annotations

import pytest

from tests.test_linking import tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


def _found(record) -> list[tuple[str, str, str]]:
    return [(e.text, e.label, e.concept_id) for e in record.entities]


BREADTH = [
    # geospace and heliophysics missions and their particle instruments
    (
        "Heavy-ion fluences from ULEIS are used to label the events.",
        "ULEIS",
        "TELESCOPE",
        "telescope:ultra-low-energy-isotope-spectrometer",
    ),
    (
        "Thermospheric densities derived from GOCE accelerometers serve as targets.",
        "GOCE",
        "TELESCOPE",
        "telescope:goce",
    ),
    ("Temperature profiles from SABER constrain the mesosphere model.", "SABER", "TELESCOPE", "telescope:saber"),
    (
        "Auroral electrojet currents will be imaged by EZIE.",
        "EZIE",
        "TELESCOPE",
        "telescope:electrojet-zeeman-imaging-explorer",
    ),
    ("Cusp crossings of TRACERS are simulated.", "TRACERS", "TELESCOPE", "telescope:tracers"),
    (
        "Ion escape rates measured by ASPERA-3 are regressed on solar wind drivers.",
        "ASPERA-3",
        "TELESCOPE",
        "telescope:aspera-3",
    ),
    (
        "Proton fluxes from the Solar Isotope Spectrometer (SIS) were binned; SIS onsets are compared.",
        "SIS",
        "TELESCOPE",
        "telescope:solar-isotope-spectrometer",
    ),
    # small and future missions
    ("Kilonova light curves for QUVIK are forecast.", "QUVIK", "TELESCOPE", "telescope:quvik"),
    (
        "High-redshift bursts found by the Gamow Explorer would be classified on board.",
        "Gamow Explorer",
        "TELESCOPE",
        "telescope:gamow-explorer",
    ),
    (
        "The infrared survey proposed as NEOCam would detect most hazardous asteroids.",
        "NEOCam",
        "TELESCOPE",
        "telescope:neocam",
    ),
    (
        "Drill samples of the Rosalind Franklin rover will be analysed.",
        "Rosalind Franklin rover",
        "TELESCOPE",
        "telescope:rosalind-franklin-rover",
    ),
    (
        "The Aspera SmallSat will map O VI emission around nearby galaxies.",
        "Aspera SmallSat",
        "TELESCOPE",
        "telescope:aspera-smallsat",
    ),
    ("Maps at 150 and 260 GHz were taken with NIKA on the IRAM 30-m telescope.", "NIKA", "TELESCOPE", "telescope:nika"),
    # spectrographs, imagers and adaptive optics of ground telescopes, current and future
    (
        "Reconnaissance spectra were obtained with TRES on the 1.5-m Tillinghast telescope.",
        "TRES",
        "TELESCOPE",
        "telescope:tillinghast-reflector-echelle-spectrograph",
    ),
    (
        "Follow-up photometry was taken with KeplerCam on the FLWO 1.2-m telescope.",
        "KeplerCam",
        "TELESCOPE",
        "telescope:keplercam",
    ),
    ("Near-infrared spectra of the asteroids come from NIHTS.", "NIHTS", "TELESCOPE", "telescope:nihts"),
    (
        "The spectrum was taken with the DeVeny spectrograph on the Lowell Discovery Telescope.",
        "DeVeny spectrograph",
        "TELESCOPE",
        "telescope:deveny-spectrograph",
    ),
    (
        "Classification spectra were taken with SEDMv2 on the Kitt Peak 2.1-m telescope.",
        "SEDMv2",
        "TELESCOPE",
        "telescope:sedmv2",
    ),
    ("Companions were imaged behind PALM-3000 with PHARO.", "PALM-3000", "TELESCOPE", "telescope:palm-3000"),
    ("Spectra were taken with ARCoIRIS on the Blanco telescope.", "ARCoIRIS", "TELESCOPE", "telescope:arcoiris"),
    ("Near-infrared images come from WHIRC on the WIYN telescope.", "WHIRC", "TELESCOPE", "telescope:whirc"),
    (
        "Echelle spectra were obtained with BOES.",
        "BOES",
        "TELESCOPE",
        "telescope:bohyunsan-optical-echelle-spectrograph",
    ),
    ("Polarimetry of the blazar was obtained with HONIR.", "HONIR", "TELESCOPE", "telescope:honir"),
    ("Linear polarization was measured with HIPPI-2.", "HIPPI-2", "TELESCOPE", "telescope:hippi"),
    (
        "Light curves were obtained with the Russian-Turkish Telescope.",
        "Russian-Turkish Telescope",
        "TELESCOPE",
        "telescope:russian-turkish-telescope",
    ),
    ("Transits were first flagged by WASP-South.", "WASP-South", "TELESCOPE", "telescope:wasp-south"),
    (
        "Afterglow photometry came from the Rapid Eye Mount.",
        "Rapid Eye Mount",
        "TELESCOPE",
        "telescope:rapid-eye-mount",
    ),
    (
        "Zenith drift-scan images of the ILMT were searched for transients.",
        "ILMT",
        "TELESCOPE",
        "telescope:international-liquid-mirror-telescope",
    ),
    (
        "Near-ultraviolet spectra from CUBES will resolve beryllium lines.",
        "CUBES",
        "TELESCOPE",
        "telescope:cubes-spectrograph",
    ),
    (
        "Target selection is forecast for WFOS on the Thirty Meter Telescope.",
        "WFOS",
        "TELESCOPE",
        "telescope:wide-field-optical-spectrometer",
    ),
    (
        "We simulate adaptive-optics cubes of GMTIFS.",
        "GMTIFS",
        "TELESCOPE",
        "telescope:gmt-integral-field-spectrograph",
    ),
    ("High-redshift galaxies targeted by MegaMapper are forecast.", "MegaMapper", "TELESCOPE", "telescope:megamapper"),
    ("Integral-field data of WEAVE-LIFU are modelled.", "WEAVE-LIFU", "TELESCOPE", "telescope:weave-lifu"),
    (
        "Interferometric visibilities for MROI are simulated.",
        "MROI",
        "TELESCOPE",
        "telescope:magdalena-ridge-observatory-interferometer",
    ),
    # surveys: radio and CMB foregrounds, plate archives, exoplanets, transients, spectroscopic programmes
    ("Synchrotron templates are built from C-BASS and S-PASS.", "C-BASS", "SURVEY", "survey:c-band-all-sky-survey"),
    (
        "Synchrotron templates are built from C-BASS and S-PASS.",
        "S-PASS",
        "SURVEY",
        "survey:s-band-polarization-all-sky-survey",
    ),
    ("Century-long light curves come from DASCH.", "DASCH", "SURVEY", "survey:dasch"),
    (
        "Finding charts were taken from the Digitized Sky Survey (DSS). The DSS images were resampled.",
        "DSS",
        "SURVEY",
        "survey:digitized-sky-survey",
    ),
    (
        "Radial velocities come from the California Planet Search.",
        "California Planet Search",
        "SURVEY",
        "survey:california-planet-search",
    ),
    (
        "Transients were found in the La Silla-QUEST Variability Survey.",
        "La Silla-QUEST Variability Survey",
        "SURVEY",
        "survey:la-silla-quest-variability-survey",
    ),
    ("Candidates from the SPOTLIGHT survey are classified.", "SPOTLIGHT", "SURVEY", "survey:spotlight"),
    # a survey written with its facility is one name (GUIDELINE "Span extent": "ASKAP-EMU", "VST KiDS")
    ("Candidates from GMRT SPOTLIGHT are classified.", "GMRT SPOTLIGHT", "SURVEY", "survey:spotlight"),
    (
        "Kinematics of solar-neighbourhood dwarfs come from the Geneva-Copenhagen Survey.",
        "Geneva-Copenhagen Survey",
        "SURVEY",
        "survey:geneva-copenhagen-survey",
    ),
    ("Dwarf irregulars from FIGGS are used.", "FIGGS", "SURVEY", "survey:faint-irregular-galaxies-gmrt-survey"),
    (
        "Medium-band fluxes from the Merian Survey select dwarf galaxies.",
        "Merian Survey",
        "SURVEY",
        "survey:merian-survey",
    ),
    ("Lyman-alpha forests of WEAVE-QSO are simulated.", "WEAVE-QSO", "SURVEY", "survey:weave-qso"),
    ("Fast transients were found in KNTraP.", "KNTraP", "SURVEY", "survey:kilonova-and-transients-program"),
    ("Shock-breakout candidates from KEGS are revisited.", "KEGS", "SURVEY", "survey:kepler-extragalactic-survey"),
    (
        "Low-redshift SNe Ia from DEBASS anchor the Hubble diagram.",
        "DEBASS",
        "SURVEY",
        "survey:dark-energy-bedrock-all-sky-supernova-program",
    ),
    ("Radial velocities of the outskirts come from MagES.", "MagES", "SURVEY", "survey:magellanic-edges-survey"),
    (
        "The 4MOST ORCHIDSS targets are selected from radio continuum data.",
        "4MOST ORCHIDSS",
        "SURVEY",
        "survey:orchidss",
    ),
    (
        "Distances of the DESI Peculiar Velocity Survey are predicted.",
        "DESI Peculiar Velocity Survey",
        "SURVEY",
        "survey:desi-peculiar-velocity-survey",
    ),
    # datasets: archives, libraries, ephemerides, compilations, benchmarks
    ("Mock catalogs were downloaded from CosmoHub.", "CosmoHub", "DATASET", "dataset:cosmohub"),
    ("Cluster memberships were taken from WEBDA.", "WEBDA", "DATASET", "dataset:webda"),
    ("The density field is reconstructed from 2M++.", "2M++", "DATASET", "dataset:2m++"),
    (
        "Templates come from the Next Generation Spectral Library.",
        "Next Generation Spectral Library",
        "DATASET",
        "dataset:next-generation-spectral-library",
    ),
    ("Flux standards are taken from CALSPEC.", "CALSPEC", "DATASET", "dataset:calspec"),
    ("Spectropolarimetric data were retrieved from PolarBase.", "PolarBase", "DATASET", "dataset:polarbase"),
    ("Barycentric corrections use the DE440 ephemeris.", "DE440", "DATASET", "dataset:jpl-de440"),
    ("The timing model uses DE405.", "DE405", "DATASET", "dataset:jpl-de405"),
    ("We train on FRDEEP-F and test on MiraBest.", "FRDEEP-F", "DATASET", "dataset:frdeep"),
    ("The classifier is trained on CRUMB.", "CRUMB", "DATASET", "dataset:crumb"),
    ("Lensed quasars are drawn from OM10.", "OM10", "DATASET", "dataset:om10"),
    (
        "Light curves of the Open Kilonova Catalog are fitted.",
        "Open Kilonova Catalog",
        "DATASET",
        "dataset:open-kilonova-catalog",
    ),
    # software: GW waveforms, neutrinos, pulsars, CMB, solar, lensing, IFU, near-infrared, SEDs, samplers, climate
    ("Injections use the TaylorF2 and IMRPhenomHM approximants.", "TaylorF2", "SOFTWARE", "software:taylorf2"),
    ("Injections use the TaylorF2 and IMRPhenomHM approximants.", "IMRPhenomHM", "SOFTWARE", "software:imrphenomhm"),
    (
        "Binary neutron star signals are generated with IMRPhenomPv2_NRTidal.",
        "IMRPhenomPv2_NRTidal",
        "SOFTWARE",
        "software:imrphenompv2-nrtidal",
    ),
    ("Templates are built from SEOBNRv4HM.", "SEOBNRv4HM", "SOFTWARE", "software:seobnrv4hm"),
    (
        "Eccentric waveforms were computed with TEOBResumS-Dalí.",
        "TEOBResumS-Dalí",
        "SOFTWARE",
        "software:teobresums-dali",
    ),
    ("Event rates were computed with SNOwGLoBES through SNEWPY.", "SNOwGLoBES", "SOFTWARE", "software:snowglobes"),
    ("Event rates were computed with SNOwGLoBES through SNEWPY.", "SNEWPY", "SOFTWARE", "software:snewpy"),
    ("Detector data were read with km3pipe.", "km3pipe", "SOFTWARE", "software:km3pipe"),
    ("The training pulsars were simulated with PsrPopPy.", "PsrPopPy", "SOFTWARE", "software:psrpoppy"),
    ("Cross-spectra were estimated with xQML.", "xQML", "SOFTWARE", "software:xqml"),
    ("B modes were delensed with delensalot.", "delensalot", "SOFTWARE", "software:delensalot"),
    ("The likelihood is MFLike within Cobaya.", "MFLike", "SOFTWARE", "software:mflike"),
    ("Horizontal flows were inferred with DeepVel.", "DeepVel", "SOFTWARE", "software:deepvel"),
    ("Shears were measured with metadetection.", "metadetection", "SOFTWARE", "software:metadetection"),
    ("Dithered exposures were combined with Imcom.", "Imcom", "SOFTWARE", "software:imcom"),
    ("Stellar spectra were extracted from the cubes with PampelMuse.", "PampelMuse", "SOFTWARE", "software:pampelmuse"),
    ("Extended Lyman-alpha nebulae were detected with CubEx.", "CubEx", "SOFTWARE", "software:cubex"),
    ("Emitters were catalogued with LSDCat.", "LSDCat", "SOFTWARE", "software:lsdcat"),
    ("SpeX spectra were reduced with Spextool.", "Spextool", "SOFTWARE", "software:spextool"),
    ("Telluric lines were removed with TelFit.", "TelFit", "SOFTWARE", "software:telfit"),
    ("Spectra are forward-modelled with DSPS and Diffstar.", "DSPS", "SOFTWARE", "software:dsps"),
    ("Spectra are forward-modelled with DSPS and Diffstar.", "Diffstar", "SOFTWARE", "software:diffstar"),
    ("Posteriors of galaxy properties were estimated with SEDflow.", "SEDflow", "SOFTWARE", "software:sedflow"),
    ("Photometric redshifts come from FRANKEN-Z.", "FRANKEN-Z", "SOFTWARE", "software:franken-z"),
    ("The orbit was sampled with DNest4.", "DNest4", "SOFTWARE", "software:dnest4"),
    (
        "Tensions between the chains were quantified with tensiometer.",
        "tensiometer",
        "SOFTWARE",
        "software:tensiometer",
    ),
    (
        "Climates of tidally locked planets were simulated with ExoPlaSim.",
        "ExoPlaSim",
        "SOFTWARE",
        "software:exoplasim",
    ),
    ("Climates were simulated with ROCKE-3D.", "ROCKE-3D", "SOFTWARE", "software:rocke-3d"),
    ("The emulator is trained on spectra from SPARC/MITgcm.", "SPARC/MITgcm", "SOFTWARE", "software:mitgcm"),
    # names that are common words count where the text cues them (other tools beside them, a definition)
    ("SED fitting was done with CIGALE and Lightning.", "Lightning", "SOFTWARE", "software:lightning-sed"),
    ("Cloud profiles come from PICASO and Virga.", "Virga", "SOFTWARE", "software:virga"),
    # X-ray and ultraviolet probes, the gamma-ray burst network
    ("Spectra of the warm-hot gas were simulated for Arcus.", "Arcus", "TELESCOPE", "telescope:arcus"),
    (
        "Ultraviolet spectra from WSO-UV will extend the training set.",
        "WSO-UV",
        "TELESCOPE",
        "telescope:world-space-observatory-ultraviolet",
    ),
    (
        "The burst was localized by the InterPlanetary Network (IPN); the IPN annulus overlaps the field.",
        "IPN",
        "TELESCOPE",
        "telescope:interplanetary-network",
    ),
    # Cherenkov telescopes, cameras and air-shower detectors
    ("Stereo events of MAGIC-I and MAGIC-II were reconstructed.", "MAGIC-II", "TELESCOPE", "telescope:magic-ii"),
    ("Images from the SST-1M camera were cleaned.", "SST-1M", "TELESCOPE", "telescope:sst-1m"),
    ("Waveforms of CHEC-S were simulated.", "CHEC-S", "TELESCOPE", "telescope:compact-high-energy-camera"),
    (
        "Muon counts of the Underground Muon Detector are predicted.",
        "Underground Muon Detector",
        "TELESCOPE",
        "telescope:underground-muon-detector",
    ),
    # neutrino, double-beta-decay and dark-matter detectors
    ("Pulse shapes from GERDA and LEGEND-200 are classified.", "GERDA", "TELESCOPE", "telescope:gerda"),
    ("Pulse shapes from GERDA and LEGEND-200 are classified.", "LEGEND-200", "TELESCOPE", "telescope:legend-200"),
    ("Electron spectra of KATRIN are fitted with a neural emulator.", "KATRIN", "TELESCOPE", "telescope:katrin"),
    ("Bolometer events of CUORE are denoised.", "CUORE", "TELESCOPE", "telescope:cuore"),
    ("Backgrounds in KamLAND-Zen are modelled.", "KamLAND-Zen", "TELESCOPE", "telescope:kamland-zen"),
    ("Events of DEAP-3600 are classified by pulse shape.", "DEAP-3600", "TELESCOPE", "telescope:deap-3600"),
    (
        "The annual modulation of DAMA/LIBRA is tested with COSINE-100.",
        "COSINE-100",
        "TELESCOPE",
        "telescope:cosine-100",
    ),
    ("Bubble images of PICO-60 are classified.", "PICO-60", "TELESCOPE", "telescope:pico-60"),
    ("Axion searches with HAYSTAC and MADMAX are compared.", "MADMAX", "TELESCOPE", "telescope:madmax"),
    ("The sensitivity of XLZD is forecast.", "XLZD", "TELESCOPE", "telescope:xlzd"),
    ("Gradiometer signals of ZAIGA are simulated.", "ZAIGA", "TELESCOPE", "telescope:zaiga"),
    # CMB and submillimeter experiments
    ("Maps from ACBAR and Archeops are combined.", "Archeops", "TELESCOPE", "telescope:archeops"),
    ("Polarization maps of LSPE-STRIP are simulated.", "LSPE-STRIP", "TELESCOPE", "telescope:lspe-strip"),
    ("Line-intensity maps of SPT-SLIM are forecast.", "SPT-SLIM", "TELESCOPE", "telescope:spt-slim"),
    (
        "Far-infrared spectra of the Space Infrared Telescope for Cosmology and Astrophysics (SPICA) were forecast. "
        "SPICA would have resolved them.",
        "SPICA",
        "TELESCOPE",
        "telescope:spica",
    ),
    # radio pathfinders and transient systems
    (
        "Candidates from the Apertif Radio Transient System are classified.",
        "Apertif Radio Transient System",
        "TELESCOPE",
        "telescope:apertif-radio-transient-system",
    ),
    ("Maps from the CHIME Pathfinder were cleaned.", "CHIME Pathfinder", "TELESCOPE", "telescope:chime-pathfinder"),
    # ground geospace instruments and their archives
    (
        "Auroral images from the THEMIS ASI are segmented.",
        "THEMIS ASI",
        "TELESCOPE",
        "telescope:themis-all-sky-imager-array",
    ),
    (
        "Red-line images from REGO are classified.",
        "REGO",
        "TELESCOPE",
        "telescope:red-line-emission-geospace-observatory",
    ),
    (
        "Electron densities from PFISR are the targets.",
        "PFISR",
        "TELESCOPE",
        "telescope:poker-flat-incoherent-scatter-radar",
    ),
    ("Magnetograms from CARISMA are used.", "CARISMA", "TELESCOPE", "telescope:carisma"),
    ("Count rates were retrieved from the NMDB.", "NMDB", "DATASET", "dataset:neutron-monitor-database"),
    # upper-atmosphere, solar, nucleosynthesis, supernova, TESS and solar-system codes
    (
        "Thermospheric densities simulated with GITM and WACCM-X are emulated.",
        "GITM",
        "SOFTWARE",
        "software:global-ionosphere-thermosphere-model",
    ),
    (
        "Thermospheric densities simulated with GITM and WACCM-X are emulated.",
        "WACCM-X",
        "SOFTWARE",
        "software:waccm-x",
    ),
    (
        "Microwave maps of the flare were synthesized with GX Simulator.",
        "GX Simulator",
        "SOFTWARE",
        "software:gx-simulator",
    ),
    ("Flares were forecast with SolarFlareNet.", "SolarFlareNet", "SOFTWARE", "software:solarflarenet"),
    ("Abundances were computed with WinNet using JINA REACLIB rates.", "WinNet", "SOFTWARE", "software:winnet"),
    (
        "Abundances were computed with WinNet using JINA REACLIB rates.",
        "JINA REACLIB",
        "DATASET",
        "dataset:jina-reaclib",
    ),
    ("Collapse profiles were computed with GR1D.", "GR1D", "SOFTWARE", "software:gr1d"),
    (
        "Light curves of the host galaxies were extracted with TESSreduce.",
        "TESSreduce",
        "SOFTWARE",
        "software:tessreduce",
    ),
    ("Surface ages were fitted with Craterstats-II.", "Craterstats-II", "SOFTWARE", "software:craterstats"),
    # heliophysics archives, stellar property and molecular databases, Galactic structure
    (
        "One-minute solar wind data come from High Resolution OMNI.",
        "High Resolution OMNI",
        "DATASET",
        "dataset:high-resolution-omni",
    ),
    (
        "EUI images were retrieved from the Solar Orbiter Archive.",
        "Solar Orbiter Archive",
        "DATASET",
        "dataset:solar-orbiter-archive",
    ),
    (
        "Radii of the hosts come from the Gaia-Kepler Stellar Properties Catalog.",
        "Gaia-Kepler Stellar Properties Catalog",
        "DATASET",
        "dataset:gaia-kepler-stellar-properties-catalog",
    ),
    ("Collision rates were taken from LAMDA.", "LAMDA", "DATASET", "dataset:leiden-atomic-and-molecular-database"),
    ("PAH spectra from PAHdb train the decomposition.", "PAHdb", "DATASET", "dataset:nasa-ames-pah-database"),
    ("Young stars from SPYGLASS are the labelled set.", "SPYGLASS", "DATASET", "dataset:spyglass"),
    ("Labels from RAVE-on are used for training.", "RAVE-on", "DATASET", "dataset:rave-on"),
    ("Streams were detected with STREAMFINDER.", "STREAMFINDER", "SOFTWARE", "software:streamfinder"),
    # named ML models and a transient simulation
    ("Cosmological parameters were inferred with SimBIG.", "SimBIG", "SOFTWARE", "software:simbig"),
    ("Quasar hosts were decomposed with PSFGAN.", "PSFGAN", "SOFTWARE", "software:psfgan"),
    ("The classifier is trained on SCOTCH light curves.", "SCOTCH", "DATASET", "dataset:scotch"),
    # radio, spectroscopic and exoplanet programmes, citizen science and calibration catalogs
    ("Pulsar candidates of SPAN512 are classified.", "SPAN512", "SURVEY", "survey:span512"),
    ("Radio sources in eMERGE are cross-matched with JWST.", "eMERGE", "SURVEY", "survey:emerge"),
    ("Lyman-break targets for DESI-II are selected.", "DESI-II", "SURVEY", "survey:desi-ii"),
    ("Masses come from the Magellan-TESS Survey.", "Magellan-TESS Survey", "SURVEY", "survey:magellan-tess-survey"),
    ("Light curves of SUDARE are classified.", "SUDARE", "SURVEY", "survey:sudare"),
    (
        "Detection limits of the NaCo Large Program are revisited.",
        "NaCo Large Program",
        "SURVEY",
        "survey:naco-large-program",
    ),
    (
        "Volunteer labels from Citizen ASAS-SN train the classifier.",
        "Citizen ASAS-SN",
        "DATASET",
        "dataset:citizen-asas-sn",
    ),
    ("Crater counts from Moon Zoo are compared.", "Moon Zoo", "DATASET", "dataset:moon-zoo"),
    ("Redshift priors come from the DES Deep Fields.", "DES Deep Fields", "DATASET", "dataset:des-deep-fields"),
    ("Spectral types come from the GUCDS.", "GUCDS", "DATASET", "dataset:gaia-ultracool-dwarf-sample"),
    # planetary-mission instruments: rover cameras, IMAP, Europa Clipper, JUICE, New Horizons, Huygens, Rosetta
    (
        "Terrain labels were drawn on Navcam images of Curiosity.",
        "Navcam",
        "TELESCOPE",
        "telescope:rover-navigation-camera",
    ),
    ("Rocks in Hazcam frames were segmented.", "Hazcam", "TELESCOPE", "telescope:hazard-avoidance-camera"),
    ("Pickup ions measured by SWAPI are classified.", "SWAPI", "TELESCOPE", "telescope:swapi"),
    ("Energetic neutral atom maps of IMAP-Hi are simulated.", "IMAP-Hi", "TELESCOPE", "telescope:imap-hi"),
    ("Thermal anomalies in E-THEMIS images are forecast.", "E-THEMIS", "TELESCOPE", "telescope:e-themis"),
    ("Plume spectra for MASPEX are simulated.", "MASPEX", "TELESCOPE", "telescope:maspex"),
    ("Methane ice maps of Pluto come from LEISA.", "LEISA", "TELESCOPE", "telescope:leisa"),
    ("The Huygens probe imaged the surface of Titan.", "Huygens probe", "TELESCOPE", "telescope:huygens-probe"),
    ("Dust grains collected by COSIMA are classified.", "COSIMA", "TELESCOPE", "telescope:cosima"),
    (
        "Electron spectra from JEDI are clustered.",
        "JEDI",
        "TELESCOPE",
        "telescope:jupiter-energetic-particle-detector-instrument",
    ),
]


@pytest.mark.parametrize(("sentence", "text", "label", "concept_id"), BREADTH)
def test_breadth_name_is_found_with_its_type_and_concept(real, sentence, text, label, concept_id):
    found = _found(tag(real, sentence))
    assert (text, label, concept_id) in found, found


NEAR_MISSES = [
    # weather and chemistry words, and short forms nobody defined
    ("Lightning flashes on Jupiter were detected by Juno.", "Lightning"),
    ("Virga was observed below the cloud deck.", "Virga"),
    ("Molecules are encoded as SMILES strings for the graph network.", "SMILES"),
    ("The DSS images show no counterpart.", "DSS"),
    ("We thank the HELP desk of the archive.", "HELP"),
    ("A speculator would buy the bond.", "speculator"),
    ("The KISS principle guided the design of the network.", "KISS"),
    ("Christiaan Huygens described the rings of Saturn.", "Huygens"),
    ("Ralph Waldo Emerson wrote about the stars.", "Ralph"),
    ("Illuminance of 300 LUX was set in the clean room.", "LUX"),
    ("The LEGEND of the figure lists the classes.", "LEGEND"),
    ("A TAP query returns the catalog.", "TAP"),
    ("The SIS model of the lens is fitted.", "SIS"),
]


def test_a_lower_case_description_before_omni_is_not_the_high_resolution_product(real):
    # fragments-n r12d-frag-10, both golds: "OMNI", the words before it describe the data
    found = _found(tag(real, "Wind data are merged in the high-resolution OMNI data set distributed through OMNIWeb."))
    assert ("OMNI", "DATASET", "dataset:omniweb") in found, found
    assert not [f for f in found if f[0].startswith("high")], found


@pytest.mark.parametrize(("sentence", "word"), NEAR_MISSES)
def test_common_words_among_the_new_names_stay_untagged(real, sentence, word):
    found = _found(tag(real, sentence))
    assert not [f for f in found if word in f[0]], found
