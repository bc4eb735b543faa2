"""Typing names nobody listed, on new text: classes of SOFTWARE/TECHNIQUE errors of the development sets
``fixtures/unseen/abstracts-p``, ``abstracts-q`` and ``fragments-j`` (GUIDELINE "Types": SOFTWARE is named
tools and named models, TECHNIQUE method families; "Not entities").

Each test tags a real sentence from the arXiv abstract or fragment it cites with the shipped ontology and
rules; each failed on the rules before this round.
"""

from __future__ import annotations

import pytest

from tests.test_linking import labels_of, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- defined short forms of things that are not entities ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "short"),
    [
        # arXiv:1904.07991: a common-noun phrase and its short form, in apposition to "model" / "algorithm"
        (
            "I present an automated system for crater detection using a digital terrain model (DTM) of Mars. "
            "I describe the crater detection algorithm (CDA) and compare its performance. "
            "A version of this CDA has been used to process DTM data from the Moon.",
            "DTM",
        ),
        (
            "I present an automated system for crater detection using a digital terrain model (DTM) of Mars. "
            "I describe the crater detection algorithm (CDA) and compare its performance. "
            "A version of this CDA has been used to process DTM data from the Moon.",
            "CDA",
        ),
        # arXiv:2504.15875: astrophysical objects, in apposition to "systems"
        (
            "Eclipsing binary systems (EBs), as foundational objects in stellar astrophysics, have garnered "
            "attention. We identified 9,351 new EBs.",
            "EBs",
        ),
        # arXiv:2411.00333: a physical quantity listed "with" a known code
        (
            "Their stellar masses and star formation rates (SFRs) are the most fundamental. We compare the "
            "stellar masses and SFRs with CIGALE.",
            "SFRs",
        ),
        # arXiv:2002.02130: a capitalised name of an activity, no tool word in it
        (
            "The Search for Extraterrestrial Intelligence (SETI) attempts to address the possibility of "
            "technological civilizations. We remove interference utilizing the Nebula SETI software pipeline.",
            "SETI",
        ),
    ],
)
def test_the_short_form_of_no_entity_is_no_tool(real, text, short):
    assert labels_of(tag(real, text), short) == set()


def test_a_capitalised_long_form_with_a_tool_word_keeps_its_short_form_a_tool(real):
    # arXiv:1802.02803: the long form names a tool ("... Using Machine learning Algorithms"), so the
    # veto above leaves CAT-PUMA alone.
    record = tag(
        real,
        "In this paper, we propose a new approach for partial-/full-halo CME Arrival Time Prediction Using "
        "Machine learning Algorithms (CAT-PUMA). We demonstrate that CAT-PUMA is accurate and fast.",
        title="A New Tool for CME Arrival Time Prediction Using Machine Learning Algorithms: CAT-PUMA",
    )
    assert labels_of(record, "CAT-PUMA") == {"SOFTWARE"}


# -- an author's coined model name is SOFTWARE, a method family TECHNIQUE -------------------------------------


def test_a_defined_long_form_ending_in_net_is_the_authors_model(real):
    # arXiv:2504.15875: "Net" ends a model's name ("network" would end a family's).
    record = tag(
        real,
        "At the core of this method is CNN_Attention_LSTM Net (CALNet), a hybrid deep learning model "
        "integrating Convolutional Neural Networks (CNNs). CALNet achieved a recall rate of 99.1%.",
    )
    assert labels_of(record, "CNN_Attention_LSTM Net") == {"SOFTWARE"}
    assert labels_of(record, "CALNet") == {"SOFTWARE"}
    assert labels_of(record, "Convolutional Neural Networks") == {"TECHNIQUE"}


def test_a_hybrid_of_two_families_stays_a_technique(real):
    # arXiv:2510.05736: "a hybrid convolutional and graph neural network model (CNN-GNN)" is a kind of model.
    record = tag(
        real,
        "Three such deep learning-based models are proposed: (1) a hybrid convolutional and graph neural "
        "network model (CNN-GNN) using both image and graph data; (2) an enhanced CNN-GNN variant.",
    )
    assert labels_of(record, "CNN-GNN") == {"TECHNIQUE"}


def test_a_definition_written_as_an_apposition_names_the_tool(real):
    # arXiv:2510.07747: the initials of "Stellar Evolutionary Stage Heuristic Assessment Tool" spell SESHAT.
    record = tag(
        real,
        "In this work, we introduce SESHAT, the Stellar Evolutionary Stage Heuristic Assessment Tool for the "
        "identification of Young Stellar Objects. SESHAT is released as a Python package.",
        title="Introducing SESHAT: A Tool for Object Classification from JWST Catalogs",
    )
    assert labels_of(record, "SESHAT") == {"SOFTWARE"}
    assert labels_of(record, "Stellar Evolutionary Stage Heuristic Assessment Tool") == {"SOFTWARE"}
    # an apposition whose initials spell nothing is no definition
    other = tag(real, "We observed NGC 1275, the Brightest Cluster Galaxy of Perseus, with the VLA.")
    assert labels_of(other, "Brightest Cluster Galaxy") == set()


def test_a_model_named_by_its_data_is_a_tool(real):
    # arXiv:1807.10380: a survey's short form and a capitalised "Classifier".
    record = tag(
        real,
        "In this work we present the FIRST Classifier, an on-line system for automated classification of "
        "radio sources. We developed the FIRST Classifier based on a trained Deep Convolutional Neural "
        "Network Model for sources observed in the FIRST radio survey.",
    )
    assert labels_of(record, "FIRST Classifier") == {"SOFTWARE"}
    assert labels_of(record, "FIRST") == {"SURVEY"}


def test_a_capitalised_word_before_pipeline_names_it(real):
    # arXiv:2002.02130: "the Nebula pipeline"; not "the Boltzmann code CLASS" (arXiv:2606.07745), whose
    # name follows the noun.
    record = tag(
        real,
        "We remove interference utilizing the Nebula SETI software pipeline. After RFI mitigation, the Nebula "
        "pipeline identifies and ranks interesting candidate signals.",
    )
    assert labels_of(record, "Nebula") == {"SOFTWARE"}
    other = tag(
        real,
        "We show excellent agreement between the posteriors obtained by our emulator and the Boltzmann code CLASS.",
    )
    assert labels_of(other, "Boltzmann") == set()


def test_a_coined_short_form_the_authors_present_is_their_tool(real):
    # arXiv:2603.24466: "FloTS" (capitals inside lower case) defined as the authors' own; the long form starts
    # at the known name it would cut ("normalizing flow").
    record = tag(
        real,
        "Our evaluation includes Gaussian processes (GP) for statistical modeling, and our novel implementation "
        "of a normalizing flow for time series (FloTS) as a flexible probabilistic method. We show that FloTS "
        "achieves the best overall balance.",
    )
    assert labels_of(record, "FloTS") == {"SOFTWARE"}
    assert labels_of(record, "normalizing flow for time series") == {"SOFTWARE"}
    assert labels_of(record, "GP") == {"TECHNIQUE"}
    # "line-of-sight (LoS)": one lower-case letter for "of" is no coined name (dev: solar-physics-1)
    los = tag(real, "We propose to use the line-of-sight (LoS) magnetic field. The LoS field is measured.")
    assert labels_of(los, "LoS") == set()


# -- names that need a definition, used as what they are in context ------------------------------------------


def test_a_guarded_short_form_stands_beside_what_its_concept_relates_to(real):
    # fixtures/unseen/fragments-j r8y-frag-08: the DINGO code is developed with normalizing flows (the
    # DINGO survey uses ASKAP), and the sentence names them.
    record = tag(
        real,
        "Our normalizing-flow posterior estimator, based on DINGO, is compared with parameter estimation using "
        "Bilby and the dynesty sampler.",
    )
    assert [e.concept_id for e in record.entities if e.text == "DINGO"] == [
        "software:deep-inference-for-gravitational-wave-observations"
    ]
    # fragments-i r7y-frag-04: HERMES is an instrument of the Anglo-Australian Telescope
    hermes = tag(
        real,
        "Stellar labels are cross-checked against GALAH DR3, observed with HERMES on the Anglo-Australian Telescope.",
    )
    assert labels_of(hermes, "HERMES") == {"TELESCOPE"}
    # the relation counts in the same sentence only
    apart = tag(real, "We use the Anglo-Australian Telescope. Messengers such as HERMES carried the news.")
    assert labels_of(apart, "HERMES") == set()


def test_a_guarded_survey_listed_among_known_surveys_is_one(real):
    # fixtures/unseen/fragments-i r7y-frag-03
    record = tag(
        real,
        "Spectroscopic redshifts were compiled from SDSS DR17, GAMA DR4, DEVILS and zCOSMOS-bright, "
        "cross-matched with TOPCAT within 1 arcsec.",
    )
    assert labels_of(record, "DEVILS") == {"SURVEY"}
    assert labels_of(tag(real, "The DEVILS of the detail are many."), "DEVILS") == set()


def test_an_observing_run_needs_more_than_its_detector_nearby(real):
    # fixtures/unseen/abstracts-a arXiv:2401.12913: "Our new O4 classifier" names no data set.
    record = tag(
        real,
        "Limitations have arisen in LIGO data. Our new O4 classifier shows improved performance for LIGO glitches.",
    )
    assert labels_of(record, "O4") == set()


def test_a_spectrometer_backend_is_an_instrument_not_the_programme(real):
    # arXiv:2002.02130: SERENDIP VI is the spectrometer of the SERENDIP programme, installed at FAST.
    record = tag(
        real,
        "Using the data stream produced by the SERENDIP VI realtime multibeam SETI spectrometer "
        "installed at FAST, we identify and remove four kinds of radio frequency interference.",
    )
    assert labels_of(record, "SERENDIP VI") == {"TELESCOPE"}


def test_a_code_hosting_service_is_where_a_tool_is_published_not_a_tool(real):
    # fixtures/unseen/abstracts-d arXiv:2501.01496, abstracts-f, -i, -m: no annotator types GitHub SOFTWARE
    # (some mark it borderline); the tool published there is the entity.
    record = tag(real, "The code of PCPCA is publicly available on GitHub and GitLab.")
    assert labels_of(record, "GitHub") == set()
    assert labels_of(record, "GitLab") == set()


def test_a_coined_name_presented_before_its_long_form_is_a_tool(real):
    # fixtures/unseen/abstracts-b arXiv:2507.16088: scispaCy's detector takes no short form of ten characters.
    record = tag(
        real,
        "We present AppleCiDEr (Applying Multimodal Learning to Classify Transient Detections Early), a novel "
        "framework. Training on real ZTF alerts, AppleCiDEr achieves high accuracy.",
    )
    assert labels_of(record, "AppleCiDEr") == {"SOFTWARE"}
    assert labels_of(record, "Applying Multimodal Learning to Classify Transient Detections Early") == {"SOFTWARE"}
    assert labels_of(record, "Multimodal Learning") == set()


def test_a_name_after_called_may_be_an_acronym_and_its_noun(real):
    # fixtures/unseen/abstracts-c arXiv:2008.03309
    record = tag(
        real,
        "We designed and deployed a visualization tool called SN Hunter, where relevant information "
        "about each possible SN is displayed for the experts.",
    )
    assert labels_of(record, "SN Hunter") == {"SOFTWARE"}


def test_a_guarded_tool_name_before_a_kind_of_toolkit(real):
    # fixtures/unseen/abstracts-j arXiv:2410.21076: "Jim" needs a definition; "the Jim inference toolkit" is one.
    record = tag(
        real, "We integrate the Jim inference toolkit, a normalizing flow-enhanced Markov chain Monte Carlo sampler."
    )
    assert labels_of(record, "Jim") == {"SOFTWARE"}
    assert labels_of(tag(real, "We thank Jim for comments on the manuscript."), "Jim") == set()


# -- capitalised words that are no names ---------------------------------------------------------------------


def test_a_title_phrase_the_abstract_writes_in_lower_case_is_no_name(real):
    # heldout-abstracts arXiv:2507.11711: "Multi-Survey" in the title, "a multi-survey setting" in the abstract.
    record = tag(
        real,
        "We explore a pre-trained vision Transformer for photometric classification in a multi-survey setting.",
        title="Image-Based Multi-Survey Classification of Light Curves",
    )
    assert labels_of(record, "Multi-Survey") == set()


def test_a_facility_word_ending_a_coordinated_organisation_name_is_no_facility(real):
    # heldout-fragments heldout-fragment-11
    record = tag(real, "Simulations were run on the Raven supercomputer of the Max Planck Computing and Data Facility.")
    assert labels_of(record, "Data Facility") == set()


def test_a_sentence_opened_by_a_lower_case_word_that_is_a_tool(real):
    # fixtures/unseen/abstracts-h arXiv:2005.07710
    record = tag(
        real,
        "Here we developed a convolutional neural network (CNN), stella, specifically for flare "
        "detection. stella is an open-source Python tool-kit hosted on PyPI.",
    )
    assert labels_of(record, "stella") == {"SOFTWARE"}
    assert labels_of(tag(real, "The network is an open-source Python tool-kit."), "network") == set()


def test_a_family_named_after_a_coined_word_is_the_model_and_keeps_its_concept(real):
    # fixtures/unseen/abstracts-b arXiv:2303.15690: scispaCy takes no short form of ten characters;
    # "StarGRU network" is StarGRUNet written out, the concept the ontology knows.
    record = tag(
        real,
        "To this end, we proposed a deep learning model StarGRU network (StarGRUNet). This network "
        "was further applied to estimate the stellar parameters.",
    )
    found = {(e.text, e.label, e.concept_id) for e in record.entities}
    assert ("StarGRU network", "SOFTWARE", "software:stargrunet") in found
    assert ("StarGRUNet", "SOFTWARE", "software:stargrunet") in found


def test_a_long_form_of_a_known_short_form_links_to_its_concept(real):
    # fixtures/unseen/abstracts-k arXiv:2507.03260: the long form is written another way ("Widefield").
    record = tag(
        real,
        "We use photometry from the Widefield Infrared Survey Explorer (WISE) and the Galactic "
        "Evolution Explorer (GALEX).",
    )
    ids = {e.text: e.concept_id for e in record.entities}
    assert ids["Widefield Infrared Survey Explorer"] == ids["WISE"] == "telescope:wide-field-infrared-survey-explorer"
    assert ids["GALEX"] == "telescope:galaxy-evolution-explorer"


def test_a_guarded_tool_beside_a_narrower_kind_of_what_it_is_built_on(real):
    # fixtures/unseen/fragments-f r4y-frag-08: a neural spline flow is a normalizing flow, DINGO's method.
    record = tag(
        real,
        "Our pipeline combines a 1D ResNet with a neural posterior estimation stage based on a "
        "neural spline flow, following the DINGO approach.",
    )
    assert labels_of(record, "DINGO") == {"SOFTWARE"}


def test_a_guarded_code_beside_the_mission_whose_data_it_makes(real):
    # fixtures/unseen/fragments-f r4y-frag-10: Commander (needs a definition) separates Planck's components.
    record = tag(
        real,
        "Foreground templates come from the Python Sky Model (PySM) and from the Commander "
        "component-separation maps of Planck.",
    )
    assert labels_of(record, "Commander") == {"SOFTWARE"}
    assert labels_of(tag(real, "The Commander of the base approved the launch."), "Commander") == set()


def test_a_guarded_tool_after_a_processing_verb(real):
    # fixtures/unseen/fragments-h r6y-frag-02: "reprocessed with SAS 21"
    record = tag(
        real,
        "Deeper follow-up comes from XMM-Newton EPIC-pn exposures reprocessed with SAS 21; point sources were masked.",
    )
    assert labels_of(record, "SAS") == {"SOFTWARE"}


def test_a_name_both_a_spectrograph_and_a_code_is_what_the_sentence_uses(real):
    # fixtures/unseen/fragments-j r8y-frag-06: GHOST associates hosts from Pan-STARRS1 data; GHOST on Gemini
    # is a spectrograph.
    code = tag(real, "Host-galaxy associations use GHOST and the Pan-STARRS1 3pi Steradian Survey.")
    assert labels_of(code, "GHOST") == {"SOFTWARE"}
    spectrograph = tag(real, "High-resolution spectra were taken with GHOST on Gemini South.")
    assert labels_of(spectrograph, "GHOST") == {"TELESCOPE"}
    assert labels_of(tag(real, "We used the GHOST spectrograph."), "GHOST") == {"TELESCOPE"}
    assert labels_of(tag(real, "No GHOST images remain after the correction."), "GHOST") == set()


def test_a_guarded_code_after_implemented_in(real):
    # fixtures/unseen/fragments-d m2-fragment-04
    record = tag(
        real,
        "Stellar activity was modelled with a Gaussian process with a quasi-periodic kernel, as implemented in juliet.",
    )
    assert labels_of(record, "juliet") == {"SOFTWARE"}


def test_a_coined_name_closing_a_tool_phrase_between_commas(real):
    # fixtures/unseen/abstracts-d arXiv:2507.07184
    record = tag(
        real,
        "This framework has been used to build the most powerful emulator for the matter power "
        "spectrum, GokuNEmu, and will also be used to construct emulators for other statistics.",
    )
    assert labels_of(record, "GokuNEmu") == {"SOFTWARE"}
    # a capitalised word there is no coined name
    other = tag(real, "We build an emulator for the matter power spectrum, Euclid, and the galaxy bias.")
    assert ("Euclid", "SOFTWARE") not in spans(other)


def test_a_sample_named_by_where_it_was_found_is_a_data_set(real):
    # fixtures/unseen/abstracts-d arXiv:1812.03168 (in quotes: the long form ends before the closing quote)
    # and abstracts-g arXiv:2105.05602
    record = tag(
        real,
        'We present a new sample, dubbed "Lenses in the Kilo-Degree Survey" (LinKS), of lens '
        "candidates. The LinKS sample is large.",
    )
    assert labels_of(record, "Lenses in the Kilo-Degree Survey") == {"DATASET"}
    assert labels_of(record, "LinKS") == {"DATASET"}
    live = tag(real, "We present the Lenses In VoicE (LIVE) sample. LIVE holds 16 candidates.")
    assert labels_of(live, "LIVE") == {"DATASET"}
    # a survey of its own stays one
    kids = tag(real, "We use the Kilo-Degree Survey (KiDS). KiDS images are deep.")
    assert labels_of(kids, "KiDS") == {"SURVEY"}
