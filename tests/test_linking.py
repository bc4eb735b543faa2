"""Tests of astro_ie.linking (and the candidates it chooses from): what one abstract's mentions link to.

Each test tags one small record (title, blank line, abstract) with the mini ontology and
reads the entities of the resulting :class:`TaggedRecord`, the way users see them.
The last test is property-based: random texts from a vocabulary of ontology forms,
filler words and punctuation never break the invariants of a record.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from astro_ie.extract import Extractor
from astro_ie.models import LABELS, Abstract, TaggedRecord
from astro_ie.nlp import build_pipeline
from astro_ie.ontology import load_ontology, surface_forms

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")

MINI = Path(__file__).parent / "fixtures" / "mini-ontology"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(MINI)


def tag(extractor: Extractor, abstract: str, title: str = "A study") -> TaggedRecord:
    [record] = extractor.tag_batch([Abstract(id="r1", title=title, abstract=abstract)])
    return record


def mentions(record: TaggedRecord) -> list[tuple[str, str]]:
    """(text, concept id) of every entity, in text order."""
    return [(e.text, e.concept_id) for e in record.entities]


def links_of(record: TaggedRecord, text: str) -> set[str]:
    return {e.concept_id for e in record.entities if e.text == text}


# --- local definitions ---------------------------------------------------------------

DANN = "candidate:domain-adversarial-neural-network"


def test_defined_acronym_unknown_to_the_ontology_links_every_use_to_the_long_form(extractor):
    record = tag(extractor, "We train a domain-adversarial neural network (DANN). The DANN beats two DANNs.")
    assert mentions(record) == [
        ("domain-adversarial neural network", DANN),
        ("DANN", DANN),
        ("DANN", DANN),
        ("DANNs", DANN),
    ]
    assert {e.label for e in record.entities} == {"TECHNIQUE"}
    assert [e.source for e in record.entities] == ["candidate", "abbreviation", "abbreviation", "abbreviation"]
    # the candidate's label is the long form, for every use of the short form
    assert {e.concept_label for e in record.entities} == {"domain-adversarial neural network"}


def test_use_before_the_definition_links_too(extractor):
    record = tag(extractor, "A DANN is used: a domain-adversarial neural network (DANN).")
    assert links_of(record, "DANN") == {DANN}
    assert [e.text for e in record.entities].count("DANN") == 2


def test_defined_acronym_of_an_ontology_concept_links_to_it(extractor):
    # "AM" is not in the ontology; the long form is the concept's label.
    record = tag(extractor, "We add an attention mechanism (AM). The AM and both AMs help.")
    assert mentions(record) == [
        ("attention mechanism", "technique:attention-mechanism"),
        ("AM", "technique:attention-mechanism"),
        ("AM", "technique:attention-mechanism"),
        ("AMs", "technique:attention-mechanism"),
    ]
    assert {e.concept_label for e in record.entities} == {"attention mechanism"}


def test_defined_plural_acronym_links_its_singular(extractor):
    record = tag(extractor, "We use random forests (RFs). One RF and two RFs.")
    assert mentions(record) == [
        ("random forests", "technique:random-forest"),
        ("RFs", "technique:random-forest"),
        ("RF", "technique:random-forest"),
        ("RFs", "technique:random-forest"),
    ]


def test_local_definition_as_a_non_entity_hides_the_global_concept(extractor):
    # "ML" is machine learning in the ontology; defined as maximum likelihood it is no entity here.
    assert links_of(tag(extractor, "Results with ML are good."), "ML") == {"technique:machine-learning"}
    record = tag(extractor, "We fit by maximum likelihood (ML) and machine learning. The ML estimate is biased.")
    assert mentions(record) == [("machine learning", "technique:machine-learning")]


def test_local_definition_as_another_entity_wins_over_the_global_alias(extractor):
    record = tag(extractor, "A Cosmic Noise Network (CNN) is used. The CNN works.")
    assert links_of(record, "CNN") == {"candidate:cosmic-noise-network"}
    assert "technique:convolutional-neural-network" not in {e.concept_id for e in record.entities}


def test_definition_resembling_the_global_concept_keeps_it(extractor):
    # The long form names nothing known but shares most words with the concept of "ML".
    record = tag(extractor, "A Machine Learning Method (ML) is used. The ML works.")
    assert links_of(record, "ML") == {"technique:machine-learning"}


def test_a_global_acronym_defined_as_its_own_concept_links_to_it(extractor):
    record = tag(extractor, "We use the Hubble Space Telescope (HST). The HST images are deep.")
    assert links_of(record, "HST") == {"telescope:hubble-space-telescope"}
    assert len(record.entities) == 3


# --- requires_definition ------------------------------------------------------------------


def test_form_that_requires_a_definition_counts_when_defined_as_that_concept(extractor):
    record = tag(extractor, "We use a random forest (RF). The RF is accurate.")
    assert mentions(record) == [
        ("random forest", "technique:random-forest"),
        ("RF", "technique:random-forest"),
        ("RF", "technique:random-forest"),
    ]


@pytest.mark.parametrize(
    "abstract",
    [
        "The RF is accurate.",
        "We use radio frequency (RF) data. The RF band is noisy.",
        "A nearest neighbour (NN) search: the NN is close.",
    ],
)
def test_form_that_requires_a_definition_does_not_count_otherwise(extractor, abstract):
    record = tag(extractor, abstract)
    assert {e.text for e in record.entities} & {"RF", "NN"} == set()


def test_requires_definition_with_its_own_concept_for_nn(extractor):
    record = tag(extractor, "A neural network (NN) fit: the NN is close.")
    assert links_of(record, "NN") == {"technique:neural-network"}


# --- choice between overlapping matches ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("convolutional neural networks", "technique:convolutional-neural-network"),
        ("Hubble Space Telescope", "telescope:hubble-space-telescope"),
        ("Gaia DR3", "dataset:gaia-dr3"),
        ("Gaia Data Release 3", "dataset:gaia-dr3"),
        ("attention mechanism", "technique:attention-mechanism"),
        ("GaSNet-II", "software:gasnet-ii"),
    ],
)
def test_longest_match_wins(extractor, text, concept):
    assert mentions(tag(extractor, f"We use the {text} here.")) == [(text, concept)]


def test_exact_form_wins_over_a_generated_variant(tmp_path):
    # "SWIFT" is the code's acronym as written and the all-capitals variant of the mission's "Swift".
    onto = tmp_path / "onto"
    shutil.copytree(MINI, onto)
    software = onto / "software.yaml"
    software.write_text(
        software.read_text(encoding="utf-8").replace(
            "acronyms: [{text: SWIFT, requires_definition: true}]", "acronyms: [SWIFT]"
        ),
        encoding="utf-8",
    )
    nlp = build_pipeline(onto)
    doc = nlp("Runs\n\nSWIFT runs while Swift observes.")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [
        ("SWIFT", "software:swift-code"),
        ("Swift", "telescope:neil-gehrels-swift-observatory"),
    ]


# --- candidates ---------------------------------------------------------------------------


def test_typed_capitalised_name_is_a_candidate(extractor):
    record = tag(extractor, "We study the Rubin Deep Drilling Survey fields and the Zwicky Transient Facility.")
    assert [(e.text, e.label, e.concept_id, e.source) for e in record.entities] == [
        ("Rubin Deep Drilling Survey", "SURVEY", "candidate:rubin-deep-drilling-survey", "candidate"),
        ("Zwicky Transient Facility", "TELESCOPE", "candidate:zwicky-transient-facility", "candidate"),
    ]


def test_title_case_phrase_only_in_the_title_is_ignored(extractor):
    title = "Photometric Redshifts in the Rubin Deep Drilling Survey"
    assert tag(extractor, "We study photometric redshifts.", title=title).entities == []
    record = tag(extractor, "We study the Rubin Deep Drilling Survey.", title=title)
    assert [(e.text, e.start < record.abstract_start) for e in record.entities] == [
        ("Rubin Deep Drilling Survey", True),
        ("Rubin Deep Drilling Survey", False),
    ]


def test_tool_named_in_the_title_is_software_everywhere(extractor):
    record = tag(
        extractor,
        "LEMON fits lenses. We compare LEMON with others.",
        title="LEMON: Lens modelling with neural networks",
    )
    tools = [(e.start, e.label, e.concept_id) for e in record.entities if e.text == "LEMON"]
    assert [(label, cid) for _, label, cid in tools] == [("SOFTWARE", "candidate:lemon")] * 3
    assert tools[0][0] == 0
    assert links_of(record, "neural networks") == {"technique:neural-network"}


def test_tool_introduced_by_called_is_software(extractor):
    record = tag(extractor, "We present a tool called XYZNet. XYZNet is fast, unlike XYZNets.")
    assert mentions(record) == [("XYZNet", "candidate:xyznet"), ("XYZNet", "candidate:xyznet")]
    assert {e.label for e in record.entities} == {"SOFTWARE"}


def test_named_data_product_is_a_dataset_candidate(extractor):
    record = tag(extractor, "We use HalfDome simulations of clusters.")
    assert [(e.text, e.label, e.concept_id) for e in record.entities] == [
        ("HalfDome simulations", "DATASET", "candidate:halfdome-simulation")
    ]


def test_acronym_method_with_simulations_is_not_a_dataset(extractor):
    # "MHD simulations", "SPH simulations": an all-capitals acronym before the head is a method.
    assert tag(extractor, "We run MHD simulations of discs.").entities == []


def test_heuristic_candidate_never_overrides_an_ontology_match(extractor):
    record = tag(extractor, "We use the Very Large Telescope and the Dark Energy Survey.")
    assert mentions(record) == [
        ("Very Large Telescope", "telescope:very-large-telescope"),
        ("Dark Energy Survey", "survey:dark-energy-survey"),
    ]


# --- data releases -------------------------------------------------------------------------


def test_release_of_a_survey_links_to_the_ontologys_dataset(extractor):
    # "DES DR2" is not a surface form: the release is found from the survey's label.
    record = tag(extractor, "We use DES DR2 photometry.")
    assert [(e.text, e.label, e.concept_id) for e in record.entities] == [
        ("DES DR2", "DATASET", "dataset:dark-energy-survey-dr2")
    ]


def test_unknown_release_of_a_survey_is_a_dataset_candidate(extractor):
    record = tag(extractor, "We compare DES DR2 with DES DR4 and Gaia DR4.")
    assert [(e.text, e.label, e.concept_id) for e in record.entities] == [
        ("DES DR2", "DATASET", "dataset:dark-energy-survey-dr2"),
        ("DES DR4", "DATASET", "candidate:dark-energy-survey-dr4"),
        ("Gaia DR4", "DATASET", "candidate:gaia-dr4"),
    ]


def test_bare_release_after_a_survey_is_that_surveys_release(extractor):
    record = tag(extractor, "We use the DES data. The DR4 catalog is deeper.")
    assert [(e.text, e.label, e.concept_id) for e in record.entities] == [
        ("DES", "SURVEY", "survey:dark-energy-survey"),
        ("DR4", "DATASET", "candidate:dark-energy-survey-dr4"),
    ]
    assert record.entities[1].concept_label == "Dark Energy Survey DR4"


def test_bare_release_with_no_survey_before_it_is_a_plain_candidate(extractor):
    record = tag(extractor, "The DR4 catalog is deeper.")
    assert [(e.text, e.label, e.concept_id) for e in record.entities] == [("DR4", "DATASET", "candidate:dr4")]


# --- offsets ----------------------------------------------------------------------------


def test_entity_text_is_the_record_text_at_its_offsets(extractor):
    record = tag(
        extractor,
        "A Convolutional  Neural\nnetwork (CNN) on VLT/MUSE cubes; the CNN and GAIA DR3 and a tool called XYZNet.",
        title="Deep  learning   for\tspectra",
    )
    assert record.text.startswith("Deep  learning   for\tspectra\n\n")
    assert record.abstract_start == len("Deep  learning   for\tspectra\n\n")
    assert len(record.entities) >= 6
    for entity in record.entities:
        assert record.text[entity.start : entity.end] == entity.text


# --- property: random texts -------------------------------------------------------------------


def _vocabulary() -> list[str]:
    forms = sorted({f.text for c in load_ontology(MINI) for f in surface_forms(c)})
    variants = ["CNNs", "SOMs", "GAIA", "self organising maps", "Kohonen-maps", "DANNs", "RFs", "NNs"]
    fillers = [
        "we",
        "use",
        "the",
        "a",
        "of",
        "and",
        "with",
        "data",
        "new",
        "called",
        "named",
        "simulations",
        "catalog",
        "Survey",
        "Telescope",
        "Network",
        "Deep",
        "Drilling",
        "Rubin",
        "XYZNet",
        "HalfDome",
        "domain-adversarial",
        "neural",
        "network",
        "random",
        "forest",
        "radio",
        "frequency",
        "DR3",
        "DR4",
        "EDR3",
        "constant",
        "pay",
        "to",
        "ß",
        "é",
        "Δ",
        "🚀",
        "  ",
        "\n",
        "\t",
    ]
    punctuation = ["(", ")", "(", ")", ".", ",", ";", ":", "-", "/", "+", "'", '"', "[", "]", "–"]
    return forms + variants + fillers + punctuation


VOCABULARY = _vocabulary()
JOINERS = st.sampled_from([" ", " ", " ", "", "-", "\n", "  "])
PHRASE = st.lists(st.tuples(st.sampled_from(VOCABULARY), JOINERS), max_size=30).map(
    lambda parts: "".join(word + sep for word, sep in parts)
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=PHRASE, abstract=PHRASE)
def test_any_text_gives_a_well_formed_record(extractor, title, abstract):
    record = tag(extractor, abstract, title=title)
    ontology = extractor.ontology
    previous_end = 0
    for entity in record.entities:
        assert record.text[entity.start : entity.end] == entity.text
        assert entity.text.strip() == entity.text and entity.text
        assert entity.start >= previous_end, "entities overlap or are out of order"
        previous_end = entity.end
        assert entity.label in LABELS
        assert entity.source in {"ruler", "abbreviation", "candidate"}
        assert entity.concept_label
        concept = ontology.get(entity.concept_id)
        if concept is None:
            assert entity.concept_id.startswith("candidate:") and len(entity.concept_id) > len("candidate:")
            assert entity.generic is False
        else:
            assert entity.label in {concept.type, *concept.alt_types}
            assert entity.generic == concept.generic
    # the record is valid against its own model
    TaggedRecord.model_validate(record.model_dump())


def test_record_without_a_title_has_no_title_rules(extractor):
    [record] = extractor.tag_batch(
        [Abstract(id="r1", title="", abstract=("We study the Rubin Deep Drilling Survey.\n\nA second paragraph."))]
    )
    assert record.abstract_start == 0
    assert mentions(record) == [("Rubin Deep Drilling Survey", "candidate:rubin-deep-drilling-survey")]


# -- whole names with the shipped ontology and span rules (GUIDELINE "Span extent") --------

REAL = Path(__file__).resolve().parent.parent / "ontologies"


@pytest.fixture(scope="module")
def real() -> Extractor:
    return Extractor(REAL)


def concepts(record: TaggedRecord) -> dict[str, str]:
    """Each mention's text and the concept it links to."""
    return {e.text: e.concept_id for e in record.entities}


def spans(record: TaggedRecord) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in record.entities]


def labels_of(record: TaggedRecord, text: str) -> set[str]:
    """The labels a record gives the mentions written ``text``."""
    return {e.label for e in record.entities if e.text == text}


def concept_ids_of(record: TaggedRecord, text: str) -> set[str]:
    """The concepts a record links the mentions written ``text`` to."""
    return {e.concept_id for e in record.entities if e.text == text}


def entity_triples(extractor: Extractor, text: str, title: str = "") -> set[tuple[str, str, str | None]]:
    """(text, label, concept id) of every entity of one record, title empty unless given (full-text sentences)."""
    return {(e.text, e.label, e.concept_id) for e in tag(extractor, text, title=title).entities}


def labels_by_text(found: set[tuple[str, str, str | None]]) -> dict[str, set[str]]:
    """The labels of ``entity_triples`` by mention text."""
    out: dict[str, set[str]] = {}
    for text, label, _ in found:
        out.setdefault(text, set()).add(label)
    return out


def test_meaning_changing_modifier_stays_with_the_technique_under_a_candidate(real):
    record = tag(real, "We train Bayesian CNNs and a multimodal convolutional neural network on the cutouts.")
    assert ("Bayesian CNNs", "TECHNIQUE") in spans(record)
    assert ("multimodal convolutional neural network", "TECHNIQUE") in spans(record)
    assert ("CNNs", "TECHNIQUE") not in spans(record)
    bayesian = next(e for e in record.entities if e.text == "Bayesian CNNs")
    assert bayesian.concept_id.startswith("candidate:") and "convolutional" in bayesian.concept_id


def test_descriptive_deep_is_not_part_of_the_name(real):
    record = tag(real, "We use deep convolutional neural networks to classify galaxies.")
    assert spans(record) == [("convolutional neural networks", "TECHNIQUE")]


def test_two_techniques_joined_by_based_are_one_name(real):
    record = tag(real, "Anomalies are found with GAN-based autoencoders and gradient boosting decision trees.")
    assert ("GAN-based autoencoders", "TECHNIQUE") in spans(record)
    assert ("gradient boosting decision trees", "TECHNIQUE") in spans(record)


def test_a_named_model_before_its_family_stays_two_names(real):
    record = tag(real, "Our classifier is a ResNet-50 convolutional neural network initialised on ImageNet.")
    assert ("ResNet-50", "TECHNIQUE") in spans(record)
    assert ("convolutional neural network", "TECHNIQUE") in spans(record)


def test_survey_named_with_its_facility_is_one_survey(real):
    record = tag(real, "We use 38 ASKAP-EMU tiles, the VST KiDS imaging and MeerKAT MIGHTEE cutouts.")
    assert [s for s in spans(record) if s[1] == "SURVEY"] == [
        ("ASKAP-EMU", "SURVEY"),
        ("VST KiDS", "SURVEY"),
        ("MeerKAT MIGHTEE", "SURVEY"),
    ]
    kids = next(e for e in record.entities if e.text == "VST KiDS")
    assert kids.concept_id == "survey:kilo-degree-survey"


def test_a_full_facility_name_before_a_survey_stays_two_names(real):
    record = tag(real, "The Vera C. Rubin Observatory LSST will observe the southern sky.")
    assert ("Vera C. Rubin Observatory", "TELESCOPE") in spans(record)
    assert ("LSST", "SURVEY") in spans(record)


def test_releases_and_products_make_a_dataset(real):
    record = tag(
        real,
        "We use Gaia XP spectra, the Euclid Q1 release, Radio Galaxy Zoo DR1 and the OGLE catalog, "
        "and the DESI Legacy Imaging Surveys Data Release 10.",
    )
    found = spans(record)
    for name in (
        "Gaia XP",
        "Euclid Q1",
        "Radio Galaxy Zoo DR1",
        "OGLE catalog",
        "DESI Legacy Imaging Surveys Data Release 10",
    ):
        assert (name, "DATASET") in found, found
    xp = next(e for e in record.entities if e.text == "Gaia XP")
    assert xp.concept_id == "dataset:gaia-xp-spectra"


def test_an_ordinal_before_a_catalogue_belongs_to_it(real):
    record = tag(real, "For fast radio bursts we use the 536 bursts of the first CHIME/FRB catalogue.")
    assert ("first CHIME/FRB catalogue", "DATASET") in spans(record)


def test_facility_names_inside_organisations_programmes_designations_and_filters_are_dropped(real):
    record = tag(
        real,
        "J.R. is supported by the NASA Hubble Fellowship grant HST-HF2-51512.001-A awarded by the "
        "Space Telescope Science Institute. Hosts fainter than 17.5 mag in the WISE W1 band are "
        "flagged; sources such as IRAS 16293-2422 and WASP-39 b are removed. We used Astro-WISE.",
    )
    assert [s for s in spans(record) if s[1] in {"TELESCOPE", "SURVEY"}] == []


def test_a_source_number_with_a_component_letter_is_a_designation(real):
    # abstracts-v arXiv:2504.18760: "R CrA IRS 7B" is a protostar, not Spitzer's Infrared Spectrograph
    record = tag(real, "Dust temperatures of R CrA IRS 7B and NGC 1333 IRAS 4A are predicted by a random forest.")
    assert [s for s in spans(record) if s[1] in {"TELESCOPE", "SURVEY"}] == []
    kept = tag(real, "Spitzer IRS spectra of 40 protostars and IRAS 60 micron fluxes train a random forest.")
    assert {"IRS", "IRAS"} <= {s[0] for s in spans(kept) if s[1] == "TELESCOPE"}


def test_a_lower_case_collaboration_keeps_the_facility(real):
    record = tag(real, "We show the code used in ACT and SO collaboration pipelines and the Planck Collaboration.")
    assert ("ACT", "TELESCOPE") in spans(record)
    assert ("Planck", "TELESCOPE") not in spans(record)


def test_year_after_a_facility_is_no_designation(real):
    record = tag(real, "We add the SPT-3G 2019/2020 maps of the South Pole Telescope main field.")
    assert ("SPT-3G", "TELESCOPE") in spans(record) or ("SPT-3G", "SURVEY") in spans(record)


def test_bare_gcn_in_transient_text_is_the_alert_network(real):
    record = tag(real, "Alerts are distributed through GCN within seconds of the trigger.")
    assert mentions(record) == [("GCN", "dataset:general-coordinates-network")]
    defined = tag(real, "A graph convolutional network (GCN) classifies the light curves; the GCN is fast.")
    assert {e.concept_id for e in defined.entities if e.text == "GCN"} == {"technique:graph-convolutional-network"}


def test_planck_pr3_and_pr4_are_different_releases(real):
    record = tag(real, "We use the Planck PR4 maps and the Planck PR3 component-separated maps.")
    assert dict(mentions(record)) == {"Planck PR4": "dataset:planck-pr4", "Planck PR3": "dataset:planck-legacy-release"}


# -- round two: tools, defined short forms, LaTeX, releases (issue 12) ------------------------


def labelled(record: TaggedRecord, label: str) -> list[str]:
    return [e.text for e in record.entities if e.label == label]


def test_tools_named_beside_a_known_tool_are_tools(real):
    record = tag(
        real,
        "It beats conventional tools (e.g., PRESTO, Heimdall) and softwares like TransientX and "
        "FoldNet2, but not the ZTF and XYZ survey.",
    )
    assert labelled(record, "SOFTWARE") == ["PRESTO", "Heimdall", "TransientX", "FoldNet2"]


def test_a_name_after_a_processing_verb_is_a_tool_unless_data_follow(real):
    record = tag(
        real,
        "Frames were reduced with Astro-WISE and QWEPipe2, then folded using DSPSR; spectra were "
        "processed with ABCD data from the archive.",
    )
    assert labelled(record, "SOFTWARE") == ["Astro-WISE", "QWEPipe2", "DSPSR"]
    assert "ABCD" not in [e.text for e in record.entities]


def test_a_tool_called_like_a_common_word_counts_only_in_company(real):
    record = tag(real, "Software: astropy, exoplanet, PyMC, juliet, batman. Inference uses the sbi package.")
    assert labelled(record, "SOFTWARE") == ["astropy", "exoplanet", "PyMC", "juliet", "batman", "sbi"]
    prose = tag(real, "The exoplanet population shows batman-like dips; Romeo and juliet.")
    assert labelled(prose, "SOFTWARE") == []


def test_coined_model_names_and_code_words_are_tools(real):
    record = tag(real, "SolarFlareNet and BTSbot beat a ResNet; features come from the lc_classifier package.")
    assert labelled(record, "SOFTWARE") == ["SolarFlareNet", "BTSbot", "lc_classifier"]
    assert ("ResNet", "TECHNIQUE") in spans(record)


def test_a_coined_name_in_apposition_with_a_method_is_a_tool(real):
    record = tag(
        real,
        "Recently, we introduced Wavetrack - a general algorithmic method. This paper presents "
        "ROARS, a reinforcement learning approach for scheduling.",
    )
    assert labelled(record, "SOFTWARE") == ["Wavetrack", "ROARS"]


def test_a_head_noun_after_the_definition_types_it(real):
    record = tag(
        real,
        "We use the proposed ECHO (Exploring Cosmic History and Origins) mission and the "
        "Southern-sky MWA Rapid Two-metre (SMART) survey.",
    )
    assert ("ECHO", "TELESCOPE") in spans(record)
    assert ("Exploring Cosmic History and Origins", "TELESCOPE") in spans(record)
    assert ("SMART", "SURVEY") in spans(record)
    prose = tag(
        real, "It wins on the ten cross-validation (CV) dataset and uses the European Space Agency (ESA) mission Gaia."
    )
    assert [e.text for e in prose.entities if e.label in {"DATASET", "TELESCOPE"}] == ["Gaia"]


def test_latex_wrapped_names_are_found(real):
    record = tag(real, "The latest $\\textit{Fermi}$-LAT sources and \\emph{Kepler} light curves.")
    assert [e.text for e in record.entities if e.label == "TELESCOPE"] == ["Fermi", "LAT", "Kepler"]


def test_latex_markup_before_a_slash_or_in_math_mode_leaves_the_names_whole(real):
    # arXiv:1705.05857 writes "\textit{HST}/ACS i-band observations"; "$Kepler$" is math-mode italics
    record = tag(real, "We use the \\textit{HST}/ACS i-band images, {\\em Swift}/XRT and $Kepler$ and $Gaia$-based data.")
    assert [e.text for e in record.entities if e.label == "TELESCOPE"] == ["HST", "ACS", "Swift", "XRT", "Kepler", "Gaia"]


def test_a_survey_named_with_a_radar_is_a_facility(real):
    record = tag(real, "Debris is tracked by the Bistatic Radar for LEO Survey (BIRALES) every night.")
    assert ("BIRALES", "TELESCOPE") in spans(record)


def test_a_facility_full_name_before_a_named_survey_is_one_survey(real):
    record = tag(real, "The Zwicky Transient Facility Bright Transient Survey classifies supernovae.")
    assert spans(record) == [("Zwicky Transient Facility Bright Transient Survey", "SURVEY")]


def test_short_forms_of_composed_releases_link_to_them(real):
    record = tag(
        real,
        "We use the DESI Legacy Imaging Surveys Data Release 10 (LSDR10) and the Rubin Observatory "
        "Data Preview 1 (DP1). LSDR10 and DP1 overlap.",
    )
    links = {e.text: e.concept_id for e in record.entities}
    assert links["LSDR10"] == links["DESI Legacy Imaging Surveys Data Release 10"]
    assert links["DP1"] == links["Rubin Observatory Data Preview 1"]
    assert labelled(record, "DATASET") == [
        "DESI Legacy Imaging Surveys Data Release 10",
        "LSDR10",
        "Rubin Observatory Data Preview 1",
        "DP1",
        "LSDR10",
        "DP1",
    ]


def test_a_software_major_version_belongs_to_its_name(real):
    record = tag(real, "Foregrounds come from PySM 3 and chains from emcee 3.1.")
    assert labelled(record, "SOFTWARE") == ["PySM 3", "emcee"]
    assert record.entities[0].concept_id == "software:pysm"


def test_fields_physics_and_cosmologies_named_like_a_mission_are_not_facilities(real):
    record = tag(
        real,
        "Cutouts of the XMM-LSS fields assume the Planck 2018 best-fitting cosmology and the reduced "
        "Planck mass; we compare with Planck maps.",
    )
    assert [e.text for e in record.entities if e.label in {"TELESCOPE", "SURVEY"}] == ["Planck"]


def test_a_qualified_catalogue_of_a_release_is_one_data_set(real):
    record = tag(real, "Masks use the ACT DR5 point-source catalogue, the Gaia DR3 catalogue and SDSS DR16Q.")
    assert labelled(record, "DATASET") == ["ACT DR5 point-source catalogue", "Gaia DR3", "SDSS DR16Q"]


# --- whole names found on held-out text ---------------------------------------------------


def test_a_catalogue_names_what_it_lists_before_the_word(real):
    record = tag(
        real,
        "Periods come from the ASAS-SN variable star catalogue, masses from the Planck PLSZ2 catalog and "
        "clusters from the ACT DR5 SZ catalogue and the CatWISE2020 catalogue, retrieved from the MAST data "
        "archive; events from the GWTC-3 and GWTC-2.1 catalogs.",
    )
    assert labelled(record, "DATASET") == [
        "ASAS-SN variable star catalogue",
        "Planck PLSZ2 catalog",
        "ACT DR5 SZ catalogue",
        "CatWISE2020",
        "MAST",
        "GWTC-3",
        "GWTC-2.1",
    ]


def test_an_unknown_acronym_before_a_catalogue_is_its_maker(real):
    record = tag(real, "Halo CMEs were selected from the CDAW LASCO CME Catalog.")
    assert labelled(record, "DATASET") == ["CDAW LASCO CME Catalog"]


def test_a_release_written_apart_from_its_survey_is_that_survey_release(real):
    record = tag(real, "Light curves come from the Zwicky Transient Facility (ZTF) Data Release 19.")
    [release] = [e for e in record.entities if e.label == "DATASET"]
    assert release.text == "Data Release 19"
    assert release.concept_id == "candidate:zwicky-transient-facility-data-release-19"


def test_a_lower_case_data_release_without_a_number_is_no_name(real):
    record = tag(real, "We use the first S-PLUS data release (S-PLUS DR1) and SDSS-like filters.")
    assert spans(record) == [("S-PLUS", "SURVEY"), ("S-PLUS DR1", "DATASET")]


def test_a_facility_before_a_band_is_still_the_facility(real):
    record = tag(real, "We train on ASAS-SN V-band and ZTF r-band light curves, not on WISE W1 magnitudes.")
    assert labelled(record, "SURVEY") == ["ASAS-SN", "ZTF"]
    assert labelled(record, "TELESCOPE") == []


def test_phases_and_one_of_a_pair_of_spacecraft_belong_to_the_name(real):
    record = tag(real, "The CME was seen by STEREO-A and imaged with MWA Phase II.")
    assert spans(record) == [("STEREO-A", "TELESCOPE"), ("MWA Phase II", "TELESCOPE")]


def test_a_telescope_named_with_its_aperture_is_one_name_unless_the_name_says_it(real):
    record = tag(
        real,
        "Spectra were taken with the ANU 2.3-m telescope, timing with the Effelsberg 100-m telescope "
        "and photometry with a 1.2 m telescope.",
    )
    assert labelled(record, "TELESCOPE") == ["ANU 2.3-m telescope", "Effelsberg"]
    assert record.entities[0].concept_id == "candidate:anu-2.3-m-telescope"


def test_an_organisation_named_observatory_is_no_telescope(real):
    record = tag(real, "The JCMT is operated by the East Asian Observatory on behalf of its partners.")
    assert spans(record) == [("JCMT", "TELESCOPE")]


def test_a_network_of_cameras_is_a_facility_and_a_network_named_for_the_sky_a_model(real):
    record = tag(
        real,
        "Fireballs from the Spanish Meteor Network (SPMN) are classified with Graph Attention Networks (GAT) "
        "and the Galaxy Assembly and Interaction Neural Networks (GAINN).",
    )
    assert spans(record) == [
        ("Spanish Meteor Network", "TELESCOPE"),
        ("SPMN", "TELESCOPE"),
        ("Graph Attention Networks", "TECHNIQUE"),
        ("GAT", "TECHNIQUE"),
        ("Galaxy Assembly and Interaction Neural Networks", "SOFTWARE"),
        ("GAINN", "SOFTWARE"),
    ]


def test_a_presented_name_is_the_authors_tool_whatever_its_long_form_ends_in(real):
    record = tag(
        real,
        "We present SCREAM (Stream ChaRacterization with Error Aware Machine Learning), a weakly-supervised "
        "framework. SCREAM recovers GD-1.",
    )
    assert labelled(record, "SOFTWARE") == [
        "SCREAM",
        "Stream ChaRacterization with Error Aware Machine Learning",
        "SCREAM",
    ]


def test_a_name_introduced_as_a_catalogue_is_a_data_set(real):
    record = tag(
        real,
        "We present CatNorth, an improved Gaia DR3 quasar candidate catalog. The CatNorth catalog is pure.",
        title="CatNorth: An Improved Gaia DR3 Quasar Candidate Catalog with Pan-STARRS1",
    )
    assert labelled(record, "DATASET").count("CatNorth") == 3
    assert "CatNorth catalog" not in labelled(record, "DATASET")


def test_coined_network_names_are_tools_and_their_versions_part_of_them(real):
    record = tag(
        real,
        "We compare with QuasarNET, a standard CNN, and with the emulators 21cmLSTM and 21cmKAN.",
        title="FNet II: Spectral Classification of Quasars",
    )
    assert labelled(record, "SOFTWARE") == ["FNet II", "QuasarNET", "21cmLSTM", "21cmKAN"]
    assert ("CNN", "TECHNIQUE") in spans(record)


def test_capitalised_survey_and_pipeline_names_take_in_their_facility(real):
    record = tag(
        real,
        "Maps of the JCMT Gould Belt Survey were reduced with the CHEOPS Data Reduction Pipeline, "
        "the Ames Stereo Pipeline and the pySYD pipeline; the Data Reduction Pipeline was not used.",
    )
    assert spans(record) == [
        ("JCMT Gould Belt Survey", "SURVEY"),
        ("CHEOPS Data Reduction Pipeline", "SOFTWARE"),
        ("Ames Stereo Pipeline", "SOFTWARE"),
        ("pySYD", "SOFTWARE"),
    ]


def test_candidate_ids_fold_plurals_but_not_acronyms(real):
    record = tag(real, "We show the MARS package and Bayesian CNNs beside a Bayesian CNN.")
    ids = {e.text: e.concept_id for e in record.entities}
    assert ids["MARS"] == "candidate:mars"
    assert ids["Bayesian CNNs"] == ids["Bayesian CNN"]


def test_a_product_never_grows_over_a_name_already_chosen(real):
    # the capitalised archive's name is one name, its host's included (abstracts-d arXiv:2111.10009: "MAST Kepler
    # Archive"), and no product grows over it
    record = tag(real, "We validate planets from the MAST Kepler Archive and the CDAW LASCO CME Catalog.")
    assert spans(record) == [
        ("MAST Kepler Archive", "DATASET"),
        ("CDAW LASCO CME Catalog", "DATASET"),
    ]


# Words the whole-name rules of the shipped ontology react to, run through the same invariants.
RULE_WORDS = [
    "MAST",
    "Kepler",
    "Archive",
    "archive",
    "Catalog",
    "catalogue",
    "catalogs",
    "Data",
    "Release",
    "data",
    "release",
    "19",
    "CDAW",
    "LASCO",
    "CME",
    "SZ",
    "ACT",
    "DR5",
    "variable",
    "star",
    "ASAS-SN",
    "ZTF",
    "Gaia",
    "BP/RP",
    "Phase",
    "II",
    "A",
    "STEREO",
    "2.3",
    "m",
    "telescope",
    "ANU",
    "Survey",
    "JCMT",
    "Gould",
    "Belt",
    "Pipeline",
    "pipeline",
    "CHEOPS",
    "v8.2",
    "TIC",
    "ADR1",
    "TGSS",
    "Y3",
    "DES",
    "named",
    "present",
    "We",
    "Galaxy",
    "Neural",
    "Networks",
    "Meteor",
    "Network",
    "QuasarNET",
    "21cmKAN",
    "FNet",
    "CatNorth",
    "an",
    "a",
    "improved",
    "third",
    "of",
    "the",
    "-like",
    "band",
    "r-band",
    "Observatory",
    "East",
    "Asian",
    "fully",
    "convolutional",
    "V2",
    # units that compose: a known name and the word that grows it
    "Kepler Archive",
    "LASCO CME Catalog",
    "variable star catalogue",
    "Data Release 19",
    "(ZTF)",
    "2.3-m telescope",
    "Gould Belt Survey",
    "Data Reduction Pipeline",
    "DR5 SZ catalogue",
    "Phase II",
]
REAL_PHRASE = st.lists(st.tuples(st.sampled_from(VOCABULARY + RULE_WORDS), JOINERS), max_size=30).map(
    lambda parts: "".join(word + sep for word, sep in parts)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=REAL_PHRASE, abstract=REAL_PHRASE)
def test_any_text_gives_a_well_formed_record_with_the_shipped_rules(real, title, abstract):
    record = tag(real, abstract, title=title)
    previous_end = 0
    for entity in record.entities:
        assert record.text[entity.start : entity.end] == entity.text
        assert entity.start >= previous_end, "entities overlap or are out of order"
        previous_end = entity.end
    TaggedRecord.model_validate(record.model_dump())


def test_organisations_awards_and_their_short_forms_are_no_facilities(real):
    record = tag(
        real,
        "Support came through Chandra Award Number GO2-23045X and the European Gravitational Observatory "
        "(EGO); the EGO hosts Virgo. Catalogs were reported by the LIGO-Virgo-KAGRA (LVK) collaboration.",
    )
    assert spans(record) == [("Virgo", "TELESCOPE")]


def test_a_numbered_name_and_a_catalogue_object_are_told_apart(real):
    record = tag(
        real,
        "Images come from the Near-Infrared Camera 2 (NIRC2). Targets are drawn from the TESS Objects of "
        "Interest (TOI) catalogue, such as TOI-700 and TIC 307210830.",
    )
    assert spans(record) == [
        ("Near-Infrared Camera 2", "TELESCOPE"),
        ("NIRC2", "TELESCOPE"),
        ("TESS Objects of Interest", "DATASET"),
        ("TOI", "DATASET"),
    ]
    assert record.entities[0].concept_id == record.entities[1].concept_id


def test_tools_named_before_a_language_and_package_or_as_a_client(real):
    record = tag(real, "Features use the light_curve Python package; images were fetched with the drms client.")
    assert labelled(record, "SOFTWARE") == ["light_curve", "drms"]


def test_coined_names_with_former_or_a_hyphenated_net_and_a_modifier_the_name_says(real):
    record = tag(real, "We present R-Net, a deep convolutional ResNet, and compare it with ExoFormer and a V-Net.")
    assert spans(record) == [
        ("R-Net", "SOFTWARE"),
        ("ResNet", "TECHNIQUE"),
        ("ExoFormer", "SOFTWARE"),
        ("V-Net", "TECHNIQUE"),
    ]


def test_half_of_a_coordination_is_no_paradigm(real):
    record = tag(
        real,
        "We combine supervised and reinforcement learning; supervised methods fail, unsupervised clustering helps.",
    )
    assert spans(record) == [("reinforcement learning", "TECHNIQUE")]


def test_a_paradigm_adjective_before_a_technique_is_one_name(real):
    record = tag(real, "We apply unsupervised domain adaptation and self-supervised contrastive learning.")
    assert spans(record) == [
        ("unsupervised domain adaptation", "TECHNIQUE"),
        ("self-supervised contrastive learning", "TECHNIQUE"),
    ]


def test_a_facility_before_a_survey_name_with_function_words_is_one_survey(real):
    # arXiv:2304.04277, arXiv:2008.03303: the survey's official name starts with its observatory's.
    record = tag(
        real,
        "Telescopes such as the Rubin Observatory Legacy Survey of Space and Time (LSST) and the "
        "Vera C. Rubin Observatory Legacy Survey of Space and Time will observe millions of quasars.",
    )
    assert spans(record) == [
        ("Rubin Observatory Legacy Survey of Space and Time", "SURVEY"),
        ("LSST", "SURVEY"),
        ("Vera C. Rubin Observatory Legacy Survey of Space and Time", "SURVEY"),
    ]
    assert {e.concept_id for e in record.entities} == {"survey:legacy-survey-of-space-and-time"}


def test_a_number_after_a_known_release_series_names_one_release(real):
    record = tag(real, "The light curves are public in ZTF Data Release 20 and were retrieved through IRSA.")
    release = next(e for e in record.entities if e.label == "DATASET" and "ZTF" in e.text)
    assert release.text == "ZTF Data Release 20"
    assert release.concept_id == "candidate:ztf-data-release-20"


def test_a_defined_tool_or_data_product_named_by_its_long_form(real):
    # arXiv:2007.06235
    record = tag(
        real,
        "Here we develop the Spectrum Classifier of Astronomical Objects (SCAO) to classify stars. "
        "Finally, we apply SCAO to Spitzer Enhanced Imaging Products (SEIP), the most complete catalog.",
    )
    assert ("Spectrum Classifier of Astronomical Objects", "SOFTWARE") in spans(record)
    assert spans(record).count(("SCAO", "SOFTWARE")) == 2
    assert ("Spitzer Enhanced Imaging Products", "DATASET") in spans(record)
    assert ("SEIP", "DATASET") in spans(record)


def test_a_coined_name_opening_a_sentence_that_says_it_is_a_tool(real):
    # arXiv:2605.28596: "X is a ... emulator"; a short form in capitals is not taken for a coined name.
    record = tag(real, "DarkEmulator2 is a neural network emulator of the power spectrum. MCMC is a method.")
    assert spans(record) == [("DarkEmulator2", "SOFTWARE"), ("neural network", "TECHNIQUE")]


# --- classes from the errors on abstracts-h, abstracts-i and fragments-f -------------------


def test_a_catalogue_of_flares_or_of_one_band_after_a_facility_is_its_data_product(real):
    # arXiv:2405.16080 (abstracts-h); "GLEAM extragalactic catalogue" (fragments-c measure-fragment-16):
    # what a catalogue lists or the band it was made in is part of the product's name.
    record = tag(
        real,
        "We survey flare events using the Geostationary Operational Environmental Satellite X-ray flare "
        "catalogs and the GLEAM extragalactic catalogue.",
    )
    assert spans(record) == [
        ("Geostationary Operational Environmental Satellite X-ray flare catalogs", "DATASET"),
        ("GLEAM extragalactic catalogue", "DATASET"),
    ]


def test_a_mission_and_its_instrument_defined_as_one_long_form_are_two_names(real):
    # arXiv:2410.19402 (abstracts-i): the long form is two known names side by side; the short form is the
    # instrument of that mission, not an unknown facility (which "Space" made an institution, dropping all three).
    record = tag(
        real,
        "We use simulated data sourced from the Hubble Space Telescope Advanced Camera for Surveys (HST-ACS) "
        "and the COSMOS catalog. The HST-ACS images are deep.",
    )
    assert spans(record)[:3] == [
        ("Hubble Space Telescope", "TELESCOPE"),
        ("Advanced Camera for Surveys", "TELESCOPE"),
        ("HST-ACS", "TELESCOPE"),
    ]
    assert links_of(record, "HST-ACS") == {"telescope:advanced-camera-for-surveys"}


def test_a_short_form_defined_by_a_coined_long_form_follows_it_not_the_known_name_it_ends_with(real):
    # arXiv:2111.12142 (abstracts-h): the detector's long form is "Artificial Intelligence", the name is longer.
    record = tag(
        real,
        "We present Alert-Classifying Artificial Intelligence (ACAI), an open-source deep-learning framework. "
        "ACAI uses a set of five binary classifiers.",
    )
    assert spans(record) == [
        ("Alert-Classifying Artificial Intelligence", "SOFTWARE"),
        ("ACAI", "SOFTWARE"),
        ("deep-learning", "TECHNIQUE"),
        ("ACAI", "SOFTWARE"),
    ]


def test_an_architecture_written_before_the_umbrella_word_is_one_name(real):
    # arXiv:2410.19402 (abstracts-i) "LSTM Neural Networks"; arXiv:2507.07844 (abstracts-d) "transformer NNs".
    record = tag(
        real,
        "We predict redshifts with LSTM Neural Networks and transformer neural networks; plain neural networks do worse.",
    )
    assert spans(record) == [
        ("LSTM Neural Networks", "TECHNIQUE"),
        ("transformer neural networks", "TECHNIQUE"),
        ("neural networks", "TECHNIQUE"),
    ]
    assert links_of(record, "LSTM Neural Networks") == {"technique:long-short-term-memory"}


def test_modifiers_that_make_a_kind_of_network_and_words_the_family_says_already(real):
    # arXiv:2507.00866 (abstracts-i), arXiv:2301.12670, arXiv:2301.04292, arXiv:2101.02946 (abstracts-h).
    record = tag(
        real,
        "We train physics-guided neural networks, a beta-Convolutional Variational Autoencoder and a "
        "two-dimension convolutional neural network; the network features recurrent long short-term memory layers.",
    )
    assert spans(record) == [
        ("physics-guided neural networks", "TECHNIQUE"),
        ("beta-Convolutional Variational Autoencoder", "TECHNIQUE"),
        ("two-dimension convolutional neural network", "TECHNIQUE"),
        ("long short-term memory", "TECHNIQUE"),
    ]


def test_a_short_form_defined_as_something_else_drops_a_known_alias_that_shares_only_middle_words(real):
    # arXiv:2412.01150 (abstracts-h): "fast X-ray transient (FXT)" shares "X-ray" with the Follow-up X-ray
    # Telescope (FXT); a long form written another way keeps its concept when an end word is the concept's
    # ("Subaru Coronagraphic Extreme Adaptive Optics system (SCExAO)", arXiv:2311.02595).
    record = tag(
        real,
        "This enabled the discovery of a new fast X-ray transient (FXT) in the Chandra archive, the first "
        "Chandra FXT of its kind. Data of the Subaru Coronagraphic Extreme Adaptive Optics system (SCExAO) "
        "instrument are used.",
    )
    assert "FXT" not in {text for text, _ in spans(record)}
    assert ("SCExAO", "TELESCOPE") in spans(record)


def test_a_missions_deep_field_or_capitalised_survey_names_its_survey(real):
    # arXiv:2511.02631 and arXiv:2410.19402 (abstracts-i): the CSST's full name, its Ultra-Deep Field and
    # the short form glued to the mission's are one SURVEY name each; so is "CSST Survey".
    record = tag(
        real,
        "We study supernova classification in the Chinese Space Station Survey Telescope Ultra-Deep Field "
        "(CSST-UDF) photometric survey. The CSST-UDF SN Ia sample is pure.",
        title="Supernova Classification in the CSST Ultra-Deep Field Survey and the CSST Survey",
    )
    assert spans(record) == [
        ("CSST Ultra-Deep Field Survey", "SURVEY"),
        ("CSST Survey", "SURVEY"),
        ("Chinese Space Station Survey Telescope Ultra-Deep Field", "SURVEY"),
        ("CSST-UDF", "SURVEY"),
        ("CSST-UDF", "SURVEY"),
    ]


def test_a_release_spelled_out_before_its_survey_is_that_release_unless_named_beside(real):
    # arXiv:1907.07681 (abstracts-h), arXiv:2606.03574 (abstracts-e); r4y-frag-01 (fragments-f) names the
    # release beside it, so the survey stays the survey there.
    record = tag(
        real,
        "A catalog of accreted stars based on the second data release of Gaia (DR2). We use the second data "
        "release of the LOFAR Two-metre Sky Survey (LoTSS-DR2) at 144 MHz.",
    )
    assert ("second data release of Gaia", "DATASET") in spans(record)
    assert links_of(record, "second data release of Gaia") == {"dataset:gaia-data-release-2"}
    assert ("LOFAR Two-metre Sky Survey", "SURVEY") in spans(record)


def test_an_instrument_short_form_listed_with_a_sibling_instrument_of_its_mission_is_that_instrument(real):
    # r4y-frag-03 (fragments-f): "VIS" needs a definition alone; beside NISP, Euclid's other instrument, it is
    # Euclid's VIS. The band ("the VIS band") stays no entity.
    record = tag(real, "We use VIS and NISP mosaics over 63 square degrees. The VIS band is red.")
    assert spans(record) == [("VIS", "TELESCOPE"), ("NISP", "TELESCOPE")]
    assert links_of(record, "VIS") == {"telescope:visible-instrument"}


def test_a_long_form_across_another_definitions_parenthesis_is_not_tagged(real):
    # arXiv:2511.02631 (abstracts-i): the detector reads "BEAMS) with Bias Corrections" as BBC's long form.
    record = tag(
        real,
        "The Bayesian Estimation Applied to Multiple Species (BEAMS) with Bias Corrections (BBC) framework "
        "is used to correct the SN Ia magnitude bias.",
    )
    assert not [text for text, _ in spans(record) if ")" in text]
    assert ("BBC", "SOFTWARE") in spans(record)


def test_a_surveys_alert_stream_is_its_data_product_a_data_sets_is_the_data_set(real):
    # GUIDELINE: alert streams are DATASET ("ZTF alert stream", arXiv:2111.12142 context); ELAsTiCC's stream is
    # ELAsTiCC (measure-fragment-13 gold).
    record = tag(real, "We classify the ATLAS alert stream, the Gaia public alert stream and the ELAsTiCC alert stream.")
    assert spans(record) == [
        ("ATLAS alert stream", "DATASET"),
        ("Gaia public alert stream", "DATASET"),
        ("ELAsTiCC", "DATASET"),
    ]


def test_the_authors_capitalised_network_is_their_model_and_a_modified_known_short_form_a_technique(real):
    # arXiv:2210.16440, arXiv:1905.09310 and arXiv:2301.04292 (abstracts-h).
    record = tag(
        real,
        "Our Occultation Detection Neural Network (ODNet) analyses three sequences per second. The machine "
        "learning technique with two-dimension convolutional neural network (2D-CNN) is tested here.",
    )
    assert ("Occultation Detection Neural Network", "SOFTWARE") in spans(record)
    assert ("ODNet", "SOFTWARE") in spans(record)
    assert ("2D-CNN", "TECHNIQUE") in spans(record)
    # a coined name glued to a known one stays a tool
    assert spans(tag(real, "We compare with Radio-UNet.")) == [("Radio-UNet", "SOFTWARE")]


def test_a_short_form_defined_by_a_collaborations_facility_name_is_no_facility_either(real):
    # arXiv:2304.09977 (heldout-abstracts): "the LIGO-Virgo-KAGRA (LVK) collaboration" is the collaboration.
    record = tag(
        real,
        "We use three-detector events from the GWTC-3 and GWTC-2.1 catalogs reported by the LIGO-Virgo-KAGRA (LVK) "
        "collaboration. Overall, our model agrees.",
    )
    assert spans(record) == [("GWTC-3", "DATASET"), ("GWTC-2.1", "DATASET")]


def test_a_surveys_validation_phase_is_part_of_its_name(real):
    # r3y-frag-03 (fragments-e): "DESI Survey Validation" is one SURVEY name, as "IceCube Upgrade" is a phase.
    record = tag(real, "Redshifts are from the DESI Survey Validation spectra and the DESI main survey.")
    assert spans(record) == [("DESI Survey Validation", "SURVEY"), ("DESI", "SURVEY")]


def test_a_release_of_a_missions_instrument_is_one_name_its_archive_is_not(real):
    # arXiv:2604.25786 (abstracts-f) "Gaia RVS DR3"; heldout-fragment-01 "the Herschel PACS archive".
    record = tag(real, "We use radial velocities from Gaia RVS DR3 and 160 micron maps from the Herschel PACS archive.")
    assert spans(record)[0] == ("Gaia RVS DR3", "DATASET")
    assert ("Herschel", "TELESCOPE") in spans(record)


def test_a_capitalised_word_after_the_code_names_the_code(real):
    # arXiv:2406.02387 (abstracts-h): "the astrochemical code Nautilus"; "the code to fit" names nothing.
    record = tag(
        real,
        "We present a fast neural emulator of the astrochemical code Nautilus. The computing time is smaller "
        "than Nautilus. We used the code to fit the data.",
    )
    assert [text for text, label in spans(record) if label == "SOFTWARE"] == ["Nautilus", "Nautilus"]


def test_a_title_name_before_an_adjective_subtitle_is_the_tool_unless_a_common_noun(real):
    # arXiv:2106.14789 (abstracts-h): "Chemulator: Fast, accurate thermochemistry ...".
    record = tag(
        real,
        "We produce a statistical emulator. Chemulator replicates the outputs of UCLCHEM.",
        title="Chemulator: Fast, accurate thermochemistry for dynamical models through emulation",
    )
    assert ("Chemulator", "SOFTWARE") in spans(record)
    record = tag(real, "Quasars are bright. We study 200 quasars.", title="Quasars: Fast variability in the X-ray band")
    assert spans(record) == []


def test_a_capitalised_survey_tail_and_a_release_of_the_survey_named_after_it(real):
    # GUIDELINE "Span extent" ("GAMA Survey"); "DR17 of eBOSS" (arXiv:2407.21702), "Data Release 4 of the
    # Kilo-Degree Survey" (arXiv:1812.03168): the release is the survey's written after it.
    record = tag(real, "We use the GAMA Survey, the IceCube Upgrade and Data Release 18 of SDSS.")
    assert ("GAMA Survey", "SURVEY") in spans(record)
    assert links_of(record, "GAMA Survey") == {"survey:galaxy-and-mass-assembly"}
    assert links_of(record, "Data Release 18") == {"dataset:sdss-data-release-18"}


def test_a_likeness_names_the_facility_but_a_likeness_of_its_filters_is_a_filter_set(real):
    # arXiv:2605.21012 (abstracts-i): "an idealized SKA1-Low-like noise model" names SKA1-Low;
    # arXiv:2110.13901 (abstracts-c): "SDSS-like filters" are filters (GUIDELINE "Not entities").
    record = tag(real, "We test an idealized foreground-free SKA1-Low-like noise model with SDSS-like filters.")
    assert spans(record) == [("SKA1-Low", "TELESCOPE")]


# --- one choice, whatever the order ----------------------------------------------------------


def test_two_mentions_of_one_span_never_tie():
    """Same span, tier and concept, another label: the pick must not follow the order they came in."""
    from astro_ie.linking import Mention, _resolve

    software = Mention(3, 5, "SOFTWARE", "candidate:ghost", "candidate", 1, True, None)
    telescope = Mention(3, 5, "TELESCOPE", "candidate:ghost", "candidate", 1, True, None)
    other = Mention(4, 6, "DATASET", "candidate:x", "candidate", 1, True, "X")
    assert _resolve([software, telescope, other]) == _resolve([other, telescope, software]) == [software]
    assert software.sort_key() < telescope.sort_key()


def test_tagging_does_not_depend_on_the_hash_seed(tmp_path):
    """Sets iterate in an order PYTHONHASHSEED changes; the tagged lines must not."""
    import json
    import subprocess
    import sys
    import textwrap

    repo = Path(__file__).resolve().parent.parent
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(repo)!r})
        from pathlib import Path
        from astro_ie.extract import Extractor
        from tests.test_unseen import read_records
        unseen = Path({str(repo / "tests" / "fixtures" / "unseen")!r})
        records = [r for name in ("abstracts-p", "abstracts-n", "fragments-j") for r in read_records(unseen / f"{{name}}.jsonl")]
        Path(sys.argv[1]).write_text("".join(line + "\\n" for line in Extractor({str(repo / "ontologies")!r}).tag_lines(records)))
        """
    )
    outputs = []
    for seed in ("0", "1", "4242"):
        out = tmp_path / f"{seed}.jsonl"
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, cwd=repo,
                       env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"})
        outputs.append(out.read_bytes())
    lines = [json.loads(line) for line in outputs[0].decode("utf-8").splitlines()]
    assert len(lines) == 60 and sum(len(line["entities"]) for line in lines) > 300
    assert outputs[0] == outputs[1] == outputs[2]


def test_a_title_in_capitals_names_a_facility_by_its_short_form_only_where_the_abstract_does(real):
    # arXiv:1407.0443 (abstracts-z): "A FAST, NEURAL NET BASED, GENERAL PURPOSE LIGHT CURVE CLASSIFIER" is fast, not FAST
    title = "THE EB FACTORY PROJECT I. A FAST, NEURAL NET BASED, GENERAL PURPOSE LIGHT CURVE CLASSIFIER"
    record = tag(real, "We describe a new neural-net based light curve classifier for surveys such as LSST, with a "
                       "simple and fast geometric representation.", title=title)
    assert spans(record) == [("NEURAL NET", "TECHNIQUE"), ("neural-net", "TECHNIQUE"), ("LSST", "SURVEY")]
    # a facility the abstract does not name again, and whose letters it never writes as a word, stays
    record = tag(real, "We classify radio transients with a convolutional neural network.",
                 title="A DEEP LEARNING CLASSIFIER FOR RADIO TRANSIENTS WITH ASKAP")
    assert ("ASKAP", "TELESCOPE") in spans(record)
    # a short form the abstract uses too is the facility in the title as well
    record = tag(real, "We search FAST drift scans and Arecibo data for pulsars.", title="PULSAR SEARCH WITH FAST AND DEEP LEARNING")
    assert [e.text for e in record.entities if e.label == "TELESCOPE"] == ["FAST", "FAST", "Arecibo"]
    # a title in ordinary case keeps its short forms
    record = tag(real, "We search drift scans for pulsars.", title="Pulsar search with FAST and deep learning")
    assert ("FAST", "TELESCOPE") in spans(record)
