"""Breadth of the SOFTWARE and TECHNIQUE vocabulary, third pass: names on plain sentences.

Each case is a sentence an astronomy or ML paper could write and one whole name
that must come out as a mention linked to its concept, across subfields:
astroparticle event generators, databases and computing infrastructure,
cross-matching, stellar models, solar inversion codes, radio imaging, transient
classifiers, boosting variants, anomaly detection, bottleneck and ordering
methods, time-series models and named language models. The negatives are the
other meanings of the guarded forms (common words, units, places, people, other
acronyms), which must stay untagged.
"""

from __future__ import annotations

import pytest

from tests.test_ontology_breadth_software import tagged

SOFTWARE_CASES = [
    # air showers, particle physics and dark matter
    ("Air showers were simulated with CORSIKA and the hadronic model Sibyll-2.3d.", "Sibyll-2.3d", "software:sibyll"),
    ("We compare EPOS-LHC with QGSJET-II-04 for the muon content of showers.", "EPOS-LHC", "software:epos-lhc"),
    ("We compare EPOS-LHC with QGSJET-II-04 for the muon content of showers.", "QGSJET-II-04", "software:qgsjet"),
    ("Low-energy interactions are handled by FLUKA and UrQMD.", "FLUKA", "software:fluka"),
    ("Low-energy interactions are handled by FLUKA and UrQMD.", "UrQMD", "software:urqmd"),
    ("Signal events were generated with Pythia 8 and MadGraph5_aMC@NLO.", "Pythia 8", "software:pythia"),
    ("Signal events were generated with Pythia 8 and MadGraph5_aMC@NLO.", "MadGraph5_aMC@NLO", "software:madgraph"),
    ("The radio emission of each shower is computed with ZHAireS and CoREAS.", "CoREAS", "software:coreas"),
    ("The radio emission of each shower is computed with ZHAireS and CoREAS.", "ZHAireS", "software:zhaires"),
    ("Atmospheric lepton fluxes follow from MCEq and nuSQuIDS.", "MCEq", "software:mceq"),
    ("Relic densities were computed with micrOMEGAs and DarkSUSY.", "micrOMEGAs", "software:micromegas"),
    ("Cosmic-ray propagation was modelled with USINE and GAMERA.", "USINE", "software:usine"),
    # databases, messaging and computing infrastructure
    (
        "Alerts are stored in MongoDB and cached in Valkey before they reach the web client.",
        "MongoDB",
        "software:mongodb",
    ),
    (
        "Alerts are stored in MongoDB and cached in Valkey before they reach the web client.",
        "Valkey",
        "software:valkey",
    ),
    ("The catalog lives in PostgreSQL with the Q3C spatial index.", "PostgreSQL", "software:postgresql"),
    ("The catalog lives in PostgreSQL with the Q3C spatial index.", "Q3C", "software:q3c"),
    ("Rubin catalogs are served by Qserv.", "Qserv", "software:qserv"),
    (
        "Alert packets are serialized with Apache Avro and distributed through Hopskotch.",
        "Hopskotch",
        "software:hopskotch",
    ),
    ("The code runs on Amazon Web Services with CUDA kernels.", "Amazon Web Services", "software:amazon-web-services"),
    ("The solver is parallelized with OpenMP and mpi4py.", "OpenMP", "software:openmp"),
    ("The solver is parallelized with OpenMP and mpi4py.", "mpi4py", "software:mpi4py"),
    ("The integrator is written in Julia for speed.", "Julia", "software:julia"),
    ("The legacy code is written in Fortran 90.", "Fortran 90", "software:fortran"),
    (
        "The training images were labelled with Google Cloud AutoML Vision.",
        "Google Cloud AutoML Vision",
        "software:google-cloud-automl",
    ),
    # cross-matching and catalog tools
    ("X-ray sources were matched to their optical counterparts with NWAY.", "NWAY", "software:nway"),
    ("Counterparts were found with the CDS XMatch service and LSDB.", "LSDB", "software:lsdb"),
    ("Coverage maps were built with MOCpy.", "MOCpy", "software:mocpy"),
    # general machine-learning and Bayesian libraries
    ("The graph of co-mentions was analyzed with NetworkX and plotted.", "NetworkX", "software:networkx"),
    ("We searched for closed-form laws with gplearn and PySINDy.", "PySINDy", "software:pysindy"),
    ("Equations were recovered with PhySO under unit constraints.", "PhySO", "software:physo"),
    ("The hierarchical model was fitted with JAGS.", "JAGS", "software:jags"),
    ("Objects are detected with a YOLOv8 model trained with Ultralytics.", "Ultralytics", "software:ultralytics"),
    ("We trained the classifier in Weka.", "Weka", "software:weka"),
    ("A backbone from PyTorch Image Models was fine-tuned.", "PyTorch Image Models", "software:timm"),
    # images, photometry and lensing
    ("Difference imaging used DIAPL for the bulge fields.", "DIAPL", "software:diapl"),
    ("Galaxy profiles were fitted with GALAPAGOS-2 across the mosaic.", "GALAPAGOS-2", "software:galapagos"),
    ("Contaminants were flagged with MaxiMask before stacking.", "MaxiMask", "software:maximask"),
    ("Rubin images were simulated with imSim and PhoSim.", "PhoSim", "software:phosim"),
    ("Shear was measured with metacalibration on the HSC images.", "metacalibration", "software:metacalibration"),
    ("Clusters were detected with AMICO and with YOLO-CL.", "YOLO-CL", "software:yolo-cl"),
    ("Strong lenses were found with CMU DeepLens.", "CMU DeepLens", "software:cmu-deeplens"),
    # stars, spectra and the Sun
    ("Ages were derived from PARSEC and MIST isochrones.", "PARSEC", "software:parsec"),
    ("Ages were derived from PARSEC and MIST isochrones.", "MIST", "software:mesa-isochrones-and-stellar-tracks"),
    ("The tracks of BaSTI agree with those of the Dartmouth Stellar Evolution Program.", "BaSTI", "software:basti"),
    ("Stellar parameters come from APOGEE Net and from BOSS Net.", "APOGEE Net", "software:apogee-net"),
    ("Labels were transferred from synthetic spectra with Cycle-StarNet.", "Cycle-StarNet", "software:cycle-starnet"),
    ("Spectra were inverted with STiC and NICOLE.", "STiC", "software:stockholm-inversion-code"),
    ("HMI vector magnetograms come from the VFISV inversion.", "VFISV", "software:vfisv"),
    ("The CME arrival was forecast with ENLIL and BATS-R-US.", "BATS-R-US", "software:bats-r-us"),
    ("Flares were forecast with Deep Flare Net (DeFN).", "DeFN", "software:deep-flare-net"),
    (
        "Meteor orbits were computed with the Western Meteor Python Library.",
        "Western Meteor Python Library",
        "software:western-meteor-python-library",
    ),
    ("Orbits were integrated with IAS15 and MERCURIUS.", "IAS15", "software:ias15"),
    ("Broad emission lines were fitted with QSOFit.", "QSOFit", "software:pyqsofit"),
    # exoplanets, radio, gravitational waves and transients
    (
        "Transmission spectra were reduced with ExoTiC-JEDI and retrieved with Pyrat Bay.",
        "Pyrat Bay",
        "software:pyrat-bay",
    ),
    ("Cluster light curves come from the CDIPS pipeline.", "CDIPS", "software:cdips"),
    (
        "Periodic transits were searched with transitleastsquares.",
        "transitleastsquares",
        "software:transit-least-squares",
    ),
    ("Images were reconstructed with AIRI and compared with uSARA.", "AIRI", "software:airi"),
    ("Images were reconstructed with AIRI and compared with uSARA.", "uSARA", "software:usara"),
    ("The 21-cm global signal was emulated with globalemu and 21cmVAE.", "21cmVAE", "software:21cmvae"),
    ("Continuous waves were searched with FrequencyHough and SkyHough.", "SkyHough", "software:skyhough"),
    ("Bursts were searched with MLy in the O3 data.", "MLy", "software:mly"),
    ("Photometric classification used snmachine and BayeSN.", "snmachine", "software:snmachine"),
    ("Kilonova spectra were computed with POSSIS.", "POSSIS", "software:possis"),
    ("Afterglows were emulated with DeepGlow.", "DeepGlow", "software:deepglow"),
    ("Redshifts were measured with redrock.", "redrock", "software:redrock"),
    # high-energy, neutrino, solar and likelihood-free tools
    ("The XRT spectra were processed with XRTDAS and the LAT data fitted with gtlike.", "XRTDAS", "software:xrtdas"),
    ("Ultra-high-energy nuclei were propagated with PriNCe and SimProp.", "PriNCe", "software:prince"),
    ("Public alerts were vetted with GWSkyNet before follow-up.", "GWSkyNet", "software:gwskynet"),
    ("Coronal structure was reconstructed with SuNeRF from EUV images.", "SuNeRF", "software:sunerf"),
    ("Posteriors were estimated with ELFI and pyABC.", "pyABC", "software:pyabc"),
    (
        "The images were shown in WorldWide Telescope by volunteers.",
        "WorldWide Telescope",
        "software:worldwide-telescope",
    ),
    ("The heat equation was solved with DeepXDE.", "DeepXDE", "software:deepxde"),
    # cosmology, reionization and CMB
    ("The Planck likelihood was evaluated with clik and Plik_lite.", "Plik_lite", "software:plik"),
    ("Foregrounds were separated with FGBuster.", "FGBuster", "software:fgbuster"),
    ("Modified-gravity runs were made with MG-GLAM.", "MG-GLAM", "software:mg-glam"),
    ("Reionization was simulated with Meraxes and A-SLOTH.", "A-SLOTH", "software:a-sloth"),
    ("Lyman-alpha mocks were built with LyaCoLoRe and quickquasars.", "LyaCoLoRe", "software:lyacolore"),
    ("The correlations were measured with picca.", "picca", "software:picca"),
    ("Black-hole images were ray traced with BHOSS.", "BHOSS", "software:bhoss"),
    ("The torus was modelled with SKIRTOR and borus02.", "SKIRTOR", "software:skirtor"),
    # streams, photo-z and foundation models
    ("Streams were found with Via Machinae and StarGO.", "Via Machinae", "software:via-machinae"),
    ("Photometric redshifts come from NNPZ for Euclid.", "NNPZ", "software:nnpz"),
    ("Answers of AstroSage are compared with those of general models.", "AstroSage", "software:astrosage"),
    ("We fine-tune AION-1 on galaxy spectra.", "AION-1", "software:aion-1"),
    ("Reductions were run in the EsoReflex environment.", "EsoReflex", "software:eso-reflex"),
]

TECHNIQUE_CASES = [
    # boosting and tree ensembles
    ("X-ray sources were classified with LogitBoost.", "LogitBoost", "technique:logitboost"),
    (
        "We compare Gentle AdaBoost with RUSBoost on the imbalanced sample.",
        "Gentle AdaBoost",
        "technique:gentle-adaboost",
    ),
    ("We compare Gentle AdaBoost with RUSBoost on the imbalanced sample.", "RUSBoost", "technique:rusboost"),
    ("Multi-class labels were learned with SAMME.", "SAMME", "technique:samme"),
    (
        "A balanced random forest separates quasars from stars.",
        "balanced random forest",
        "technique:balanced-random-forest",
    ),
    ("Redshift uncertainties come from a Mondrian forest.", "Mondrian forest", "technique:mondrian-forest"),
    (
        "The C4.5 tree and a random subspace method are trained on the features.",
        "random subspace method",
        "technique:random-subspace-method",
    ),
    (
        "Weird galaxies are ranked with an unsupervised random forest.",
        "unsupervised random forest",
        "technique:unsupervised-random-forest",
    ),
    # anomaly detection and clustering
    (
        "Outliers were scored with COPOD and with an elliptic envelope.",
        "COPOD",
        "technique:copula-based-outlier-detection",
    ),
    (
        "Outliers were scored with COPOD and with an elliptic envelope.",
        "elliptic envelope",
        "technique:elliptic-envelope",
    ),
    ("Stellar streams were found with CATHODE and CWoLa.", "CATHODE", "technique:cathode"),
    ("Stellar streams were found with CATHODE and CWoLa.", "CWoLa", "technique:classification-without-labels"),
    ("Background templates were built with CURTAINs.", "CURTAINs", "technique:curtains"),
    ("Spectra were grouped with Ward's method and X-means.", "Ward's method", "technique:ward-s-method"),
    ("Spectra were grouped with Ward's method and X-means.", "X-means", "technique:x-means"),
    ("Categorical features were clustered with k-modes.", "k-modes", "technique:k-modes"),
    ("Features were ranked with mRMR before training.", "mRMR", "technique:minimum-redundancy-maximum-relevance"),
    (
        "Domain shift is measured by the maximum mean discrepancy between the feature sets.",
        "maximum mean discrepancy",
        "technique:maximum-mean-discrepancy",
    ),
    # bottlenecks, shallow and adaptive learning, symbolic regression
    (
        "Spectra are compressed with an information-ordered bottleneck (IOB).",
        "information-ordered bottleneck",
        "technique:information-ordered-bottleneck",
    ),
    (
        "Spectra are compressed with an information-ordered bottleneck (IOB).",
        "IOB",
        "technique:information-ordered-bottleneck",
    ),
    ("Latent units are ordered by nested dropout.", "nested dropout", "technique:nested-dropout"),
    (
        "We compare shallow learning with deep networks for flare forecasting.",
        "shallow learning",
        "technique:shallow-learning",
    ),
    (
        "A shallow neural network reproduces the line ratios.",
        "shallow neural network",
        "technique:shallow-neural-network",
    ),
    (
        "Adaptive learning lets the classifier follow the drifting alert stream.",
        "Adaptive learning",
        "technique:adaptive-learning",
    ),
    (
        "Scaling relations were found with exhaustive symbolic regression.",
        "exhaustive symbolic regression",
        "technique:exhaustive-symbolic-regression",
    ),
    (
        "The emulator is a polynomial chaos expansion of the simulator.",
        "polynomial chaos expansion",
        "technique:polynomial-chaos-expansion",
    ),
    (
        "Simple laws were recovered by equation discovery from the simulations.",
        "equation discovery",
        "technique:symbolic-regression",
    ),
    # convolutions, modulation and normalization
    (
        "The generator uses modulated convolutions conditioned on the redshift.",
        "modulated convolutions",
        "technique:modulated-convolution",
    ),
    (
        "Style enters through adaptive instance normalization.",
        "adaptive instance normalization",
        "technique:adaptive-instance-normalization",
    ),
    (
        "Cosmic-ray hits are inpainted with partial convolutions.",
        "partial convolutions",
        "technique:partial-convolution",
    ),
    (
        "Sunspots are segmented with deformable convolutions.",
        "deformable convolutions",
        "technique:deformable-convolution",
    ),
    ("Weights of the emulator are produced by a hypernetwork.", "hypernetwork", "technique:hypernetwork"),
    (
        "The mobile model relies on depthwise separable convolutions.",
        "depthwise separable convolutions",
        "technique:depthwise-separable-convolution",
    ),
    # time series and training
    (
        "Sunspot numbers are forecast with ARIMA and N-BEATS.",
        "ARIMA",
        "technique:autoregressive-integrated-moving-average",
    ),
    ("Sunspot numbers are forecast with ARIMA and N-BEATS.", "N-BEATS", "technique:n-beats"),
    ("Solar-wind speed is forecast with DeepAR and Facebook Prophet.", "Facebook Prophet", "technique:prophet"),
    ("We benchmark TimeGPT and Lag-Llama on light curves.", "Lag-Llama", "technique:lag-llama"),
    ("Light curves were compared with dynamic time warping.", "dynamic time warping", "technique:dynamic-time-warping"),
    ("Variable stars were classified with HIVE-COTE and WEASEL.", "HIVE-COTE", "technique:hive-cote"),
    ("Training used RAdam with cosine annealing.", "RAdam", "technique:rectified-adam"),
    ("Training used RAdam with cosine annealing.", "cosine annealing", "technique:cosine-annealing"),
    # explanation, calibration, semi-supervised and generative
    (
        "Probabilities were calibrated with isotonic regression and Platt scaling.",
        "Platt scaling",
        "technique:platt-scaling",
    ),
    ("Attention maps were aggregated with attention rollout.", "attention rollout", "technique:attention-rollout"),
    (
        "A concept bottleneck model predicts morphology from interpretable concepts.",
        "concept bottleneck model",
        "technique:concept-bottleneck-model",
    ),
    (
        "Pulsar candidates are classified with a semi-supervised generative adversarial network.",
        "semi-supervised generative adversarial network",
        "technique:semi-supervised-generative-adversarial-network",
    ),
    ("Labels are propagated with FixMatch.", "FixMatch", "technique:fixmatch"),
    (
        "Representations were pretrained with I-JEPA on survey cutouts.",
        "I-JEPA",
        "technique:joint-embedding-predictive-architecture",
    ),
    ("Targets were chosen by query by committee.", "query by committee", "technique:query-by-committee"),
    ("Radio images are restored with plug-and-play priors.", "plug-and-play priors", "technique:plug-and-play-prior"),
    (
        "The image is restored with diffusion posterior sampling.",
        "diffusion posterior sampling",
        "technique:diffusion-posterior-sampling",
    ),
    ("Noise is removed with DnCNN.", "DnCNN", "technique:denoising-convolutional-neural-network"),
    # named models, graphs and reinforcement learning
    ("We query Claude 3.5 Sonnet and Gemini 1.5 Pro on astronomy questions.", "Claude 3.5 Sonnet", "technique:claude"),
    (
        "We query Claude 3.5 Sonnet and Gemini 1.5 Pro on astronomy questions.",
        "Gemini 1.5 Pro",
        "technique:gemini-language-model",
    ),
    ("Abstracts were summarized with Mixtral 8x7B.", "Mixtral 8x7B", "technique:mixtral"),
    ("Talks were transcribed with OpenAI Whisper.", "OpenAI Whisper", "technique:whisper"),
    ("Jets are tagged with ParticleNet.", "ParticleNet", "technique:particlenet"),
    ("The hydrodynamics is emulated with MeshGraphNets.", "MeshGraphNets", "technique:meshgraphnet"),
    ("The adaptive-optics agent is trained with REINFORCE.", "REINFORCE", "technique:reinforce"),
    ("Scheduling is learned with a double DQN.", "double DQN", "technique:double-deep-q-network"),
    (
        "Photometric redshifts use principal component regression.",
        "principal component regression",
        "technique:principal-component-regression",
    ),
    (
        "Classes were separated with Fisher's linear discriminant.",
        "Fisher's linear discriminant",
        "technique:linear-discriminant-analysis",
    ),
]


@pytest.mark.parametrize(("text", "form", "concept_id"), SOFTWARE_CASES, ids=[c[1] for c in SOFTWARE_CASES])
def test_software_names_are_tagged_whole_and_linked(shipped_extractor, text, form, concept_id):
    assert (form, "SOFTWARE", concept_id) in tagged(shipped_extractor, text)


@pytest.mark.parametrize(("text", "form", "concept_id"), TECHNIQUE_CASES, ids=[c[1] for c in TECHNIQUE_CASES])
def test_technique_names_are_tagged_whole_and_linked(shipped_extractor, text, form, concept_id):
    assert (form, "TECHNIQUE", concept_id) in tagged(shipped_extractor, text)


GUARDED = {
    "software:parsec",
    "software:mesa-isochrones-and-stellar-tracks",
    "software:message-passing-interface",
    "software:julia",
    "software:globus",
    "software:flask",
    "software:celery",
    "software:redback",
    "software:sherlock-lasair",
    "software:proposal",
    "software:magic-analysis-and-reconstruction-software",
    "software:param",
    "software:stardate",
    "software:music-initial-conditions",
    "software:concept-code",
    "software:holodeck-pta",
    "software:tricolour",
    "technique:cathode",
    "technique:anode",
    "technique:curtains",
    "technique:prophet",
    "technique:weasel",
    "technique:glow",
    "technique:non-linear-independent-components-estimation",
    "technique:mistral",
    "technique:claude",
    "technique:gemini-language-model",
    "technique:adaptive-learning",
    "technique:reinforce",
}


@pytest.mark.parametrize(
    "text",
    [
        "The cluster lies at 450 parsec, behind a mist of dust; the param file sets the stardate.",
        "Max Planck Institute for Astronomy (MPI) staff read the Julia set notes near a Globus cluster.",
        "A flask of celery; the proposal was accepted after Mars opposition; the MARS rover.",
        "Redback millisecond pulsars and black widows; Sherlock Holmes would approve.",
        "MUSIC and CONCEPT are just words here; the holodeck and the tricolour flag.",
        "The cathode and anode of the detector; curtains closed; the prophet and the weasel.",
        "A faint glow and a nice result; the Mistral wind blew over Claude's telescope at Gemini North.",
        "An adaptive learning rate schedule was used to reinforce the training.",
    ],
)
def test_guarded_forms_stay_untagged(shipped_extractor, text):
    found = {cid for _, _, cid in tagged(shipped_extractor, text)}
    assert not found & GUARDED
