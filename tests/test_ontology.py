"""Tests of astro_ie.ontology: loading, validation (every problem, with file:line, at once), hash, SKOS.

Broken ontologies are written into ``tmp_path``, one small file per case; the line
numbers asserted are those of the YAML written in the test.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from astro_ie.errors import AstroIEError, OntologyError
from astro_ie.models import LABELS
from astro_ie.ontology import (
    ASTRO_IE_NS,
    load_ontology,
    ontology_hash,
    surface_forms,
    to_skos,
)

MINI = Path(__file__).parent / "fixtures" / "mini-ontology"


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(directory: Path) -> list[AstroIEError]:
    with pytest.raises(OntologyError) as info:
        load_ontology(directory)
    error = info.value
    assert error.code == "E109"
    assert str(len(error.problems)) in error.message
    return error.problems


def codes(problems: list[AstroIEError]) -> list[str]:
    return [p.code for p in problems]


# --- the mini ontology ----------------------------------------------------------


def test_mini_ontology_loads():
    onto = load_ontology(MINI)
    assert len(onto) == len(list(onto)) >= 10
    assert "technique:convolutional-neural-network" in onto
    assert set(onto.by_type()) == set(LABELS)
    assert [p.name for p in onto.files] == sorted(p.name for p in MINI.glob("*.yaml"))
    cnn = onto.get("technique:convolutional-neural-network")
    assert cnn.label == "convolutional neural network"
    assert [a.text for a in cnn.acronyms] == ["CNN"]
    assert cnn.acronyms[0].case_sensitive  # acronyms are case-sensitive by default
    assert not cnn.aliases[0].case_sensitive  # aliases are not
    assert onto.get("technique:nonexistent") is None


def test_where_points_at_the_line_of_each_concept():
    onto = load_ontology(MINI)
    for cid, at in onto.where.items():
        lines = Path(at.path).read_text(encoding="utf-8").splitlines()
        assert lines[at.line - 1] == f"- id: {cid}"


def test_ancestors_are_transitive_nearest_first():
    onto = load_ontology(MINI)
    assert onto.ancestors["technique:convolutional-neural-network"] == (
        "technique:neural-network",
        "technique:machine-learning",
    )
    assert onto.ancestors["technique:machine-learning"] == ()


def test_surface_forms_respect_match_label(tmp_path):
    write(
        tmp_path,
        "telescopes.yaml",
        """
        - id: telescope:planck
          label: Planck
          match_label: false
          type: TELESCOPE
          aliases: [{text: Planck satellite}]
        """,
    )
    concept = load_ontology(tmp_path).get("telescope:planck")
    assert [f.text for f in surface_forms(concept)] == ["Planck satellite"]


# --- validation -------------------------------------------------------------------


def test_duplicate_id_is_reported_with_both_places(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        """
        - id: technique:alpha
          label: alpha
          type: TECHNIQUE
        """,
    )
    write(
        tmp_path,
        "b.yaml",
        """
        - id: technique:beta
          label: beta
          type: TECHNIQUE
        - id: technique:alpha
          label: alpha again
          type: TECHNIQUE
        """,
    )
    [problem] = problems_of(tmp_path)
    assert problem.code == "E104"
    assert problem.location == f"{tmp_path / 'b.yaml'}:4"
    assert f"{tmp_path / 'a.yaml'}:1" in problem.message


def test_alias_claimed_twice_without_a_rule_is_reported(tmp_path):
    write(
        tmp_path,
        "t.yaml",
        """
        - id: technique:one
          label: first thing
          type: TECHNIQUE
          aliases: [shared name]
        - id: technique:two
          label: second thing
          type: TECHNIQUE
          aliases: [Shared-Names]
        """,
    )
    [problem] = problems_of(tmp_path)
    assert problem.code == "E105"
    assert problem.location == f"{tmp_path / 't.yaml'}:5"
    assert "technique:one" in problem.message and "technique:two" in problem.message


def test_same_case_sensitive_acronym_on_two_concepts_is_reported(tmp_path):
    write(
        tmp_path,
        "t.yaml",
        """
        - id: technique:one
          label: first thing
          type: TECHNIQUE
          acronyms: [FT]
        - id: technique:two
          label: further trick
          type: TECHNIQUE
          acronyms: [FT]
        """,
    )
    assert codes(problems_of(tmp_path)) == ["E105"]


@pytest.mark.parametrize(
    "second",
    [
        "acronyms: [{text: FT, requires_definition: true}]",  # one side needs a definition
        "acronyms: [Ft]",  # both case-sensitive, written differently
    ],
)
def test_alias_claimed_twice_with_a_separating_rule_is_allowed(tmp_path, second):
    write(
        tmp_path,
        "t.yaml",
        f"""
        - id: technique:one
          label: first thing
          type: TECHNIQUE
          acronyms: [FT]
        - id: technique:two
          label: further trick
          type: TECHNIQUE
          {second}
        """,
    )
    assert len(load_ontology(tmp_path)) == 2


def test_case_insensitive_alias_against_an_acronym_of_other_case_is_reported(tmp_path):
    # "Ft" matched case-insensitively also matches "FT": case alone does not separate them.
    write(
        tmp_path,
        "t.yaml",
        """
        - id: technique:one
          label: first thing
          type: TECHNIQUE
          acronyms: [FT]
        - id: technique:two
          label: further trick
          type: TECHNIQUE
          aliases: [ft]
        """,
    )
    assert codes(problems_of(tmp_path)) == ["E105"]


def test_dangling_broader_and_relation_are_reported(tmp_path):
    write(
        tmp_path,
        "t.yaml",
        """
        - id: technique:child
          label: child
          type: TECHNIQUE
          broader: [technique:missing-parent]
        - id: technique:other
          label: other
          type: TECHNIQUE
          relations: {related: [telescope:nowhere]}
        """,
    )
    problems = problems_of(tmp_path)
    assert sorted(codes(problems)) == ["E106", "E108"]
    by_code = {p.code: p for p in problems}
    assert by_code["E106"].location.endswith("t.yaml:1")
    assert "technique:missing-parent" in by_code["E106"].message
    assert by_code["E108"].location.endswith("t.yaml:5")
    assert "'related'" in by_code["E108"].message and "telescope:nowhere" in by_code["E108"].message


def test_relation_to_a_concept_of_another_file_is_fine(tmp_path):
    write(
        tmp_path,
        "telescopes.yaml",
        """
        - id: telescope:scope
          label: scope
          type: TELESCOPE
        """,
    )
    write(
        tmp_path,
        "surveys.yaml",
        """
        - id: survey:look
          label: look survey
          type: SURVEY
          relations: {uses: [telescope:scope]}
        """,
    )
    assert len(load_ontology(tmp_path)) == 2


def test_broader_cycle_is_reported_once(tmp_path):
    write(
        tmp_path,
        "t.yaml",
        """
        - id: technique:a
          label: a thing
          type: TECHNIQUE
          broader: [technique:c]
        - id: technique:b
          label: b thing
          type: TECHNIQUE
          broader: [technique:a]
        - id: technique:c
          label: c thing
          type: TECHNIQUE
          broader: [technique:b]
        - id: technique:self
          label: self thing
          type: TECHNIQUE
          broader: [technique:self]
        """,
    )
    problems = problems_of(tmp_path)
    assert codes(problems) == ["E107", "E107"]
    texts = " | ".join(p.message for p in problems)
    assert "technique:self -> technique:self" in texts
    cycle = next(p.message for p in problems if "technique:a" in p.message)
    for cid in ("technique:a", "technique:b", "technique:c"):
        assert cid in cycle
    assert all(p.line is not None for p in problems)


def test_bad_yaml_is_reported_with_its_line(tmp_path):
    write(
        tmp_path,
        "t.yaml",
        """
        - id: technique:ok
          label: ok
          type: TECHNIQUE
        - id: technique:broken
          label: broken
          aliases: [unclosed
        """,
    )
    [problem] = problems_of(tmp_path)
    assert problem.code == "E102"
    assert problem.path == str(tmp_path / "t.yaml")
    assert problem.line is not None and problem.line >= 6


def test_file_that_is_not_a_list_is_reported(tmp_path):
    write(
        tmp_path,
        "t.yaml",
        """
        id: technique:x
        label: x
        type: TECHNIQUE
        """,
    )
    [problem] = problems_of(tmp_path)
    assert problem.code == "E102"
    assert problem.line == 1


def test_item_that_is_not_a_mapping_is_reported_with_its_line(tmp_path):
    write(
        tmp_path,
        "t.yaml",
        """
        - id: technique:ok
          label: ok
          type: TECHNIQUE

        - just a string
        """,
    )
    [problem] = problems_of(tmp_path)
    assert problem.code == "E103"
    assert problem.location == f"{tmp_path / 't.yaml'}:5"


def test_non_utf8_file_is_reported_with_its_line(tmp_path):
    (tmp_path / "t.yaml").write_bytes(b"- id: technique:x\n  label: caf\xe9\n  type: TECHNIQUE\n")
    [problem] = problems_of(tmp_path)
    assert problem.code == "E102"
    assert problem.line == 2
    assert "UTF-8" in problem.message


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("- id: Technique:Bad_Id\n  label: bad\n  type: TECHNIQUE\n", "id"),
        ("- id: technique:ok\n  label: ok\n  type: TECHNIQUE\n  colour: red\n", "colour"),
        ("- id: technique:ok\n  label: ok\n  type: TECHNIQUES\n", "type"),
        ("- id: technique:ok\n  label: ok\n  type: TECHNIQUE\n  generic: maybe\n", "generic"),
        ("- id: technique:ok\n  label: ok\n  type: TECHNIQUE\n  aliases: [{text: x, rule: y}]\n", "aliases"),
        ("- id: technique:ok\n  label: ok\n  type: TECHNIQUE\n  wikidata: 12345\n", "wikidata"),
        ("- id: technique:ok\n  label: ok\n  type: TECHNIQUE\n  relations: {cousin_of: []}\n", "relations"),
        ("- id: technique:ok\n  type: TECHNIQUE\n", "label"),
    ],
)
def test_pydantic_invalid_concept_is_reported(tmp_path, body, field):
    (tmp_path / "t.yaml").write_text("# header\n" + body, encoding="utf-8")
    problems = problems_of(tmp_path)
    assert codes(problems) == ["E103"] * len(problems)
    assert all(p.location == f"{tmp_path / 't.yaml'}:2" for p in problems)
    assert any(field in p.message for p in problems)


def test_every_problem_is_reported_at_once(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        """
        - id: technique:dup
          label: dup
          type: TECHNIQUE
          broader: [technique:ghost]
        - id: technique:dup
          label: dup again
          type: TECHNIQUE
        - id: technique:bad
          label: bad
          type: TECHNIQUE
          unknown_field: 1
        """,
    )
    write(tmp_path, "b.yaml", "- id: [unclosed\n")
    write(
        tmp_path,
        "c.yaml",
        """
        - id: technique:x
          label: x
          type: TECHNIQUE
          relations: {related: [technique:nobody]}
          aliases: [dup]
        """,
    )
    problems = problems_of(tmp_path)
    assert sorted(codes(problems)) == ["E102", "E103", "E104", "E105", "E106", "E108"]
    for problem in problems:
        assert problem.path is not None and problem.line is not None, problem.one_line()
        assert problem.one_line().startswith(f"{problem.path}:{problem.line}: {problem.code} ")


def test_empty_or_missing_directory_is_reported(tmp_path):
    [problem] = problems_of(tmp_path)
    assert problem.code == "E101"
    [problem] = problems_of(tmp_path / "does-not-exist")
    assert problem.code == "E101"


def test_empty_yaml_file_holds_no_concepts(tmp_path):
    write(tmp_path, "a.yaml", "# nothing yet\n")
    write(
        tmp_path,
        "b.yaml",
        """
        - id: technique:x
          label: x
          type: TECHNIQUE
        """,
    )
    assert list(load_ontology(tmp_path).concepts) == ["technique:x"]


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        "!!python/object:builtins.dict {{}}",
        '!!python/name:os.system ""',
    ],
)
def test_python_tags_are_rejected_not_executed(tmp_path, tag):
    marker = tmp_path / "executed"
    write(
        tmp_path,
        "t.yaml",
        f"""
        - id: technique:x
          label: x
          type: TECHNIQUE
          description: {tag.format(marker=marker)}
        """,
    )
    [problem] = problems_of(tmp_path)
    assert problem.code == "E102"
    assert problem.line == 4
    assert not marker.exists()


# --- hash -----------------------------------------------------------------------


def test_hash_changes_with_the_content_and_only_with_it(tmp_path):
    onto = tmp_path / "onto"
    shutil.copytree(MINI, onto)
    before = ontology_hash(onto)
    assert load_ontology(onto).hash == before
    assert ontology_hash(onto) == before  # stable
    assert ontology_hash(MINI) == before  # names and bytes, not the directory path

    path = onto / "software.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    edited = ontology_hash(onto)
    assert edited != before

    path.rename(onto / "software2.yaml")
    assert ontology_hash(onto) != edited


def test_hash_ignores_files_that_are_not_yaml(tmp_path):
    onto = tmp_path / "onto"
    shutil.copytree(MINI, onto)
    before = ontology_hash(onto)
    (onto / "README.md").write_text("notes\n", encoding="utf-8")
    assert ontology_hash(onto) == before


# --- SKOS export -------------------------------------------------------------------


def test_skos_export_parses_back_with_the_labels_and_links():
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import RDF, SKOS

    onto = load_ontology(MINI)
    graph = Graph()
    graph.parse(data=to_skos(onto), format="turtle")
    ns = Namespace(ASTRO_IE_NS)

    def uri(cid: str) -> URIRef:
        return ns[cid.replace(":", "/")]

    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts == {uri(c.id) for c in onto}
    for concept in onto:
        node = uri(concept.id)
        assert set(graph.objects(node, SKOS.prefLabel)) == {Literal(concept.label, lang="en")}
        assert set(graph.objects(node, SKOS.broader)) == {uri(b) for b in concept.broader}
        assert (node, SKOS.notation, Literal(concept.id)) in graph

    cnn = uri("technique:convolutional-neural-network")
    alt = {str(o) for o in graph.objects(cnn, SKOS.altLabel)}
    assert alt == {"ConvNet", "CNN"}
    # an acronym valid only when defined is a hidden label, not an alternative name
    rf = uri("technique:random-forest")
    assert set(graph.objects(rf, SKOS.altLabel)) == set()
    assert {str(o) for o in graph.objects(rf, SKOS.hiddenLabel)} == {"RF"}

    muse = uri("telescope:multi-unit-spectroscopic-explorer")
    assert (muse, ns.instrument_of, uri("telescope:very-large-telescope")) in graph
    assert (muse, SKOS.related, uri("telescope:very-large-telescope")) in graph
    assert (uri("telescope:gaia"), SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q767805")) in graph
    assert (uri("technique:machine-learning"), SKOS.topConceptOf, URIRef(ASTRO_IE_NS.rstrip("/"))) in graph


def test_skos_export_is_deterministic():
    onto = load_ontology(MINI)
    assert to_skos(onto) == to_skos(load_ontology(MINI))


# --- span rules and alias extent (GUIDELINE "Span extent") ----------------------

RULES = """
    descriptive_words: [deep, NASA/ESA]
    descriptive_tails: [algorithm, emulator]
    established_names: [deep neural network]
    """


def test_alias_with_a_descriptive_word_the_guideline_drops_is_rejected(tmp_path):
    (tmp_path / "rules").mkdir()
    write(tmp_path / "rules", "span.yaml", RULES)
    write(
        tmp_path,
        "t.yaml",
        """
        - id: technique:convolutional-neural-network
          label: convolutional neural network
          type: TECHNIQUE
          aliases: [deep convolutional neural network]
        - id: technique:random-forest
          label: random forest
          type: TECHNIQUE
          aliases: [random forest algorithm]
        - id: technique:deep-neural-network
          label: deep neural network
          type: TECHNIQUE
        - id: technique:neural-network
          label: neural network
          type: TECHNIQUE
        - id: telescope:hst
          label: Hubble Space Telescope
          type: TELESCOPE
          aliases: [NASA/ESA Hubble Space Telescope]
        """,
    )
    problems = problems_of(tmp_path)
    assert codes(problems) == ["E111", "E111", "E111"]
    text = " ".join(p.message for p in problems)
    assert "'deep convolutional neural network'" in text and "'random forest algorithm'" in text
    assert "'NASA/ESA Hubble Space Telescope'" in text and "deep neural network'" not in text.replace(
        "deep convolutional neural network'", ""
    )


def test_alias_whose_hyphen_dropped_spelling_is_another_concept_is_rejected(tmp_path):
    write(
        tmp_path,
        "t.yaml",
        """
        - id: telescope:a
          label: Ultra-Violet Imager
          type: TELESCOPE
        - id: telescope:b
          label: Ultraviolet Imager
          type: TELESCOPE
        """,
    )
    [problem] = problems_of(tmp_path)
    assert problem.code == "E111" and "without its hyphen" in problem.message


def test_hyphen_before_a_letter_or_two_is_never_dropped():
    from astro_ie.ruler_index import variants

    assert "GMOSS" not in variants("GMOS-S", True)
    assert "selforganizing map" in variants("self-organizing map", False)


def test_span_rules_are_validated_on_load(tmp_path):
    shutil.copytree(MINI, tmp_path / "onto")
    (tmp_path / "onto" / "rules").mkdir()
    write(
        tmp_path / "onto" / "rules",
        "span.yaml",
        """
        release_patterns: ['DR(']
        unknown_list: [x]
        """,
    )
    [problem] = problems_of(tmp_path / "onto")
    assert problem.code == "E110"


def test_span_rules_change_the_ontology_hash(tmp_path):
    shutil.copytree(MINI, tmp_path / "onto")
    before = ontology_hash(tmp_path / "onto")
    (tmp_path / "onto" / "rules").mkdir()
    write(tmp_path / "onto" / "rules", "span.yaml", "technique_modifiers: [Bayesian]\n")
    assert ontology_hash(tmp_path / "onto") != before
    assert load_ontology(tmp_path / "onto").span_rules.technique_modifiers == ("Bayesian",)


def test_shipped_ontology_has_span_rules():
    from astro_ie.resources import default_ontology_dir

    rules = load_ontology(default_ontology_dir()).span_rules
    assert "Bayesian" in rules.technique_modifiers and "deep" not in rules.technique_modifiers


def test_contained_concept_is_the_longest_known_run_of_words_rightmost_first():
    onto = load_ontology(Path(__file__).resolve().parent.parent / "ontologies")
    assert onto.contained_concept("Bayesian CNNs") == "technique:convolutional-neural-network"
    assert onto.contained_concept("hyperspherical variational autoencoder") == "technique:variational-autoencoder"
    assert onto.contained_concept("OGLE catalog") == "survey:optical-gravitational-lensing-experiment"
    assert onto.contained_concept("Heimdall GPU search") == "software:heimdall"
    assert onto.contained_concept("zzz qqq") is None


# --- breadth across subfields: the shipped ontology on one real sentence each -----


@pytest.fixture(scope="module")
def shipped_nlp():
    from astro_ie.nlp import build_pipeline
    from astro_ie.resources import default_ontology_dir

    return build_pipeline(default_ontology_dir())


BREADTH = [
    (  # radio, pulsars
        "Pulsars were observed with the Ultra-Wideband Low (UWL) receiver of Murriyang and with PTUSE on MeerKAT.",
        [
            ("UWL", "TELESCOPE", "telescope:ultra-wideband-low-receiver"),
            ("PTUSE", "TELESCOPE", "telescope:pulsar-timing-user-supplied-equipment"),
        ],
    ),
    (  # pulsar timing arrays
        "We search the NANOGrav 15-year data set and EPTA DR2 for a gravitational-wave background (GWB).",
        [
            ("NANOGrav 15-year data set", "DATASET", "dataset:nanograv-15-year-data-set"),
            ("EPTA DR2", "DATASET", "dataset:epta-dr2"),
        ],
    ),
    (  # FRBs
        "Candidates from MeerTRAP were classified with FETCH before comparison with the first CHIME/FRB catalog.",
        [
            ("MeerTRAP", "TELESCOPE", "telescope:meertrap"),
            ("FETCH", "SOFTWARE", "software:fetch"),
            ("first CHIME/FRB catalog", "DATASET", "dataset:chime-frb-catalog-1"),
        ],
    ),
    (  # gamma rays, water Cherenkov and air-shower detector blocks
        "The 1LHAASO and 3HWC sources were fitted with LHAASO-KM2A and WCDA spectra.",
        [
            ("1LHAASO", "DATASET", "dataset:1lhaaso"),
            ("3HWC", "DATASET", "dataset:3hwc"),
            ("LHAASO-KM2A", "TELESCOPE", "telescope:lhaaso-kilometer-square-array"),
            ("WCDA", "TELESCOPE", "telescope:lhaaso-water-cherenkov-detector-array"),
        ],
    ),
    (  # X rays
        "We cross-match 2SXPS with 2RXS and time the pulsar with the NICER XTI.",
        [
            ("2SXPS", "DATASET", "dataset:2sxps"),
            ("2RXS", "DATASET", "dataset:second-rosat-all-sky-survey-source-catalog"),
            # a mission and its instrument's short name side by side are two names (GUIDELINE "Span extent";
            # "Cassini RADAR", fragments-n r12d-frag-11)
            ("NICER", "TELESCOPE", "telescope:neutron-star-interior-composition-explorer"),
            ("XTI", "TELESCOPE", "telescope:x-ray-timing-instrument"),
        ],
    ),
    (  # neutrinos
        "Tracks from the IceCube Upgrade and IceTop are compared with IceCat-1 alerts and with ARCA.",
        [
            ("IceCube Upgrade", "TELESCOPE", "telescope:icecube-upgrade"),
            ("IceTop", "TELESCOPE", "telescope:icetop"),
            ("IceCat-1", "DATASET", "dataset:icecat-1"),
            ("ARCA", "TELESCOPE", "telescope:km3net-arca"),
        ],
    ),
    (  # gravitational waves
        "Candidates in GraceDB from MBTA were followed up with bilby_pipe and RIFT.",
        [
            ("GraceDB", "DATASET", "dataset:gracedb"),
            ("MBTA", "SOFTWARE", "software:mbta"),
            ("bilby_pipe", "SOFTWARE", "software:bilby-pipe"),
            ("RIFT", "SOFTWARE", "software:rift"),
        ],
    ),
    (  # solar
        "Coronal mass ejections seen by Metis and LASCO C2 are listed in the CDAW CME catalog; magnetograms come from JSOC.",
        [
            ("Metis", "TELESCOPE", "telescope:metis-coronagraph"),
            ("LASCO C2", "TELESCOPE", "telescope:lasco-c2"),
            ("CDAW CME catalog", "DATASET", "dataset:cdaw-cme-catalog"),
            ("JSOC", "DATASET", "dataset:joint-science-operations-center"),
        ],
    ),
    (  # solar system
        # the Minor Planet Center itself is an organisation (GUIDELINE "Not entities"; fragments-m r11y-frag-10,
        # both golds): its database is the data
        "HiRISE images from the Mars Reconnaissance Orbiter and astrometry from the Minor Planet Center database were "
        "fitted with OpenOrb.",
        [
            ("HiRISE", "TELESCOPE", "telescope:high-resolution-imaging-science-experiment"),
            ("Mars Reconnaissance Orbiter", "TELESCOPE", "telescope:mars-reconnaissance-orbiter"),
            ("Minor Planet Center database", "DATASET", "dataset:minor-planet-center-database"),
            ("OpenOrb", "SOFTWARE", "software:openorb"),
        ],
    ),
    (  # (sub)mm and CMB
        "TolTEC on the LMT maps dust while the SO LAT and PIXIE target the CMB.",
        [
            ("TolTEC", "TELESCOPE", "telescope:toltec"),
            ("SO LAT", "TELESCOPE", "telescope:simons-observatory-large-aperture-telescope"),
            ("PIXIE", "TELESCOPE", "telescope:pixie"),
        ],
    ),
    (  # spectroscopic surveys and archives
        "Abundances from GALAH DR4 and parallaxes from TGAS were retrieved from SkyServer and the Chandra Data Archive.",
        [
            ("GALAH DR4", "DATASET", "dataset:galah-dr4"),
            ("TGAS", "DATASET", "dataset:tycho-gaia-astrometric-solution"),
            ("SkyServer", "DATASET", "dataset:skyserver"),
            ("Chandra Data Archive", "DATASET", "dataset:chandra-data-archive"),
        ],
    ),
    (  # time domain
        "Alerts of the ZTF alert stream are classified by ATAT in the ALeRCE broker.",
        [("ZTF alert stream", "DATASET", "dataset:ztf-alert-stream"), ("ATAT", "SOFTWARE", "software:atat")],
    ),
    (  # exoplanets
        "Spectra reduced with Eureka! were retrieved with petitRADTRANS, and TESS light curves came from the QLP.",
        [
            ("Eureka!", "SOFTWARE", "software:eureka"),
            ("petitRADTRANS", "SOFTWARE", "software:petitradtrans"),
            ("QLP", "SOFTWARE", "software:quick-look-pipeline"),
        ],
    ),
    (  # simulations, photometric redshifts
        "Mock catalogues from FIREbox and CAMELS-SAM are compared with Phosphoros photometric redshifts.",
        [
            ("FIREbox", "DATASET", "dataset:firebox"),
            ("CAMELS-SAM", "DATASET", "dataset:camels-sam"),
            ("Phosphoros", "SOFTWARE", "software:phosphoros"),
        ],
    ),
]


@pytest.mark.parametrize("text,expected", BREADTH, ids=[e[1][0][0] for e in BREADTH])
def test_breadth_names_of_every_subfield_are_whole_typed_and_linked(shipped_nlp, text, expected):
    found = {(e.text, e.label_, e.kb_id_) for e in shipped_nlp(text).ents}
    for item in expected:
        assert item in found, (item, sorted(found))


@pytest.mark.parametrize(
    "text,word,meant",
    [
        ("The power density spectrum (PDS) shows a quasi-periodic oscillation.", "PDS", None),
        ("The gravitational-wave background (GWB) is searched for in pulsar timing data.", "GWB", None),
        (
            "Principal component analysis (PCA) reduces the light curves to ten numbers.",
            "PCA",
            "technique:principal-component-analysis",
        ),
        ("A starry sky is not a tool.", "starry", None),
        (
            "The METIS instrument of the ELT will image exoplanets.",
            "METIS",
            "telescope:mid-infrared-elt-imager-and-spectrograph",
        ),
    ],
)
def test_breadth_short_forms_keep_their_other_meanings(shipped_nlp, text, word, meant):
    """A new instrument or tool whose short form means something else elsewhere stays out."""
    ids = {e.kb_id_ for e in shipped_nlp(text).ents if e.text == word}
    assert ids == ({meant} if meant else set())
