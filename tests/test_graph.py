"""Tests of astro_ie.graph: counts, measures, views, roll-up, exports, determinism."""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from astro_ie import graph as graph_module
from astro_ie.errors import InputError
from astro_ie.graph import (
    association_strength,
    build_graph,
    graph_views,
    npmi,
    roll_up,
    summarise,
    technique_instrument_view,
    write_exports,
)
from astro_ie.models import Concept, Entity, TaggedRecord

REPO = Path(__file__).resolve().parents[1]

# --- a hand-made corpus -----------------------------------------------------------

CONCEPTS = {
    c.id: c
    for c in [
        Concept(id="technique:neural-network", label="neural network", type="TECHNIQUE", kind="family"),
        Concept(
            id="technique:cnn",
            label="convolutional neural network",
            type="TECHNIQUE",
            kind="architecture",
            broader=["technique:neural-network"],
        ),
        Concept(
            id="technique:transformer",
            label="transformer",
            type="TECHNIQUE",
            kind="architecture",
            broader=["technique:neural-network"],
        ),
        # First parent generic: rolls up to the CNN unless generics are included.
        Concept(
            id="technique:resnet",
            label="ResNet",
            type="TECHNIQUE",
            kind="architecture",
            broader=["technique:deep-learning", "technique:cnn"],
        ),
        Concept(id="technique:random-forest", label="random forest", type="TECHNIQUE"),
        Concept(id="technique:deep-learning", label="deep learning", type="TECHNIQUE", generic=True),
        Concept(id="telescope:jwst", label="James Webb Space Telescope", type="TELESCOPE", kind="space telescope"),
        Concept(id="survey:sdss", label="Sloan Digital Sky Survey", type="SURVEY"),
        Concept(id="dataset:galaxy-zoo", label="Galaxy Zoo", type="DATASET"),
        Concept(id="software:astropy", label="Astropy", type="SOFTWARE"),
    ]
}

TYPE = {cid: c.type for cid, c in CONCEPTS.items()}
CANDIDATE = "candidate:photoz-net"


def mention(concept_id: str, label: str | None = None, concept_label: str | None = None) -> dict:
    """One entity as it appears in a corpus.jsonl line."""
    concept = CONCEPTS.get(concept_id)
    return {
        "start": 0,
        "end": 1,
        "text": concept_label or (concept.label if concept else concept_id),
        "label": label or (concept.type if concept else "TECHNIQUE"),
        "concept_id": concept_id,
        "concept_label": concept_label or (concept.label if concept else concept_id),
        "source": "candidate" if concept is None else "ruler",
        "generic": bool(concept and concept.generic),
    }


RECORDS = [
    {"id": "a1", "entities": [mention("technique:cnn"), mention("survey:sdss"), mention("technique:deep-learning"),
                              mention("technique:cnn")]},
    {"id": "a2", "entities": [mention("technique:cnn"), mention("technique:transformer"), mention("telescope:jwst")]},
    {"id": "a3", "entities": [mention("technique:random-forest"), mention("survey:sdss"),
                              mention("software:astropy")]},
    {"id": "a4", "entities": [mention("technique:transformer"), mention("dataset:galaxy-zoo"),
                              mention(CANDIDATE, "TECHNIQUE", "PhotoZ-Net")]},
    {"id": "a5", "entities": [mention("technique:cnn"), mention("survey:sdss"), mention("dataset:galaxy-zoo")]},
    {"id": "a6", "entities": [mention("technique:resnet"), mention("telescope:jwst")]},
    {"id": "a7", "entities": []},
]  # fmt: skip
N = 7

# By hand, generic excluded. Abstract -> concepts:
#   a1 {cnn, sdss}            a2 {cnn, transformer, jwst}   a3 {rf, sdss, astropy}
#   a4 {transformer, gz, cand}  a5 {cnn, sdss, gz}            a6 {resnet, jwst}   a7 {}
EXPECTED_EDGES = {
    ("survey:sdss", "technique:cnn"): ["a1", "a5"],
    ("technique:cnn", "technique:transformer"): ["a2"],
    ("technique:cnn", "telescope:jwst"): ["a2"],
    ("technique:transformer", "telescope:jwst"): ["a2"],
    ("survey:sdss", "technique:random-forest"): ["a3"],
    ("software:astropy", "technique:random-forest"): ["a3"],
    ("software:astropy", "survey:sdss"): ["a3"],
    ("dataset:galaxy-zoo", "technique:transformer"): ["a4"],
    (CANDIDATE, "technique:transformer"): ["a4"],
    (CANDIDATE, "dataset:galaxy-zoo"): ["a4"],
    ("dataset:galaxy-zoo", "technique:cnn"): ["a5"],
    ("dataset:galaxy-zoo", "survey:sdss"): ["a5"],
    ("technique:resnet", "telescope:jwst"): ["a6"],
}
# Total link strength s_i (sum of weights) and m = total weight (13 edges, weights 2+12).
S = {
    "technique:cnn": 5, "technique:transformer": 4, "telescope:jwst": 3, "technique:random-forest": 2,
    "survey:sdss": 5, "software:astropy": 2, "dataset:galaxy-zoo": 4, CANDIDATE: 2, "technique:resnet": 1,
}  # fmt: skip
M = 14


def edge_key(u: str, v: str) -> tuple[str, str]:
    return (min(u, v), max(u, v))


def edges_of(G: nx.Graph) -> dict[tuple[str, str], dict]:
    return {edge_key(u, v): d for u, v, d in G.edges(data=True)}


@pytest.fixture(scope="module")
def full() -> nx.Graph:
    return build_graph(RECORDS, CONCEPTS)


# --- the full graph ------------------------------------------------------------------


def test_nodes_counts_and_generic_left_out(full):
    assert set(full) == set(S)
    assert "technique:deep-learning" not in full  # generic
    assert "technique:neural-network" not in full  # never mentioned
    expected_abstracts = {
        "technique:cnn": 3, "technique:transformer": 2, "telescope:jwst": 2, "technique:random-forest": 1,
        "survey:sdss": 3, "software:astropy": 1, "dataset:galaxy-zoo": 2, CANDIDATE: 1, "technique:resnet": 1,
    }  # fmt: skip
    assert {n: d["n_abstracts"] for n, d in full.nodes(data=True)} == expected_abstracts
    assert full.nodes["technique:cnn"]["n_mentions"] == 4  # twice in a1
    assert full.graph["n_abstracts"] == N  # a7, with no mention, still counts
    cnn = full.nodes["technique:cnn"]
    assert (cnn["label"], cnn["type"], cnn["kind"]) == ("convolutional neural network", "TECHNIQUE", "architecture")
    assert cnn["broader"] == ["technique:neural-network"]
    assert {n: d["link_strength"] for n, d in full.nodes(data=True)} == S


def test_candidate_concept_is_a_node(full):
    node = full.nodes[CANDIDATE]
    assert node["label"] == "PhotoZ-Net"
    assert node["type"] == "TECHNIQUE"
    assert node["kind"] == "candidate"
    assert node["broader"] == []


def test_edge_weights_and_evidence(full):
    got = edges_of(full)
    assert set(got) == {edge_key(*pair) for pair in EXPECTED_EDGES}
    for pair, evidence in EXPECTED_EDGES.items():
        assert got[edge_key(*pair)]["weight"] == len(evidence)
        assert got[edge_key(*pair)]["examples"] == evidence


def test_association_strength_by_hand(full):
    e = edges_of(full)
    # AS = 2 m c_ij / (s_i s_j), m = 14
    assert e[edge_key("technique:cnn", "survey:sdss")]["association_strength"] == pytest.approx(56 / 25, abs=1e-6)
    assert e[edge_key("technique:cnn", "telescope:jwst")]["association_strength"] == pytest.approx(28 / 15, abs=1e-6)
    assert e[edge_key("technique:resnet", "telescope:jwst")]["association_strength"] == pytest.approx(28 / 3, abs=1e-6)
    for (u, v), d in e.items():
        assert d["association_strength"] == pytest.approx(2 * M * d["weight"] / (S[u] * S[v]), abs=1e-6)


def test_association_strength_matches_cwts_normalisation():
    # CWTS networkanalysis: a'_ij = a_ij / (n_i n_j / total node weight), total node weight = 2m.
    a_ij, n_i, n_j, m = 3, 7, 5, 11
    assert association_strength(a_ij, n_i, n_j, m) == pytest.approx(a_ij / (n_i * n_j / (2 * m)))
    assert association_strength(0, 1, 1, 1) == 0.0


def test_npmi_by_hand(full):
    e = edges_of(full)
    # cnn-sdss: p_ij = 2/7, p_i = p_j = 3/7 -> log(14/9) / log(7/2)
    assert e[edge_key("technique:cnn", "survey:sdss")]["npmi"] == pytest.approx(
        math.log(14 / 9) / math.log(7 / 2), abs=1e-6
    )
    # transformer-jwst: p_ij = 1/7, p_i = p_j = 2/7 -> log(7/4) / log(7)
    assert e[edge_key("technique:transformer", "telescope:jwst")]["npmi"] == pytest.approx(
        math.log(7 / 4) / math.log(7), abs=1e-6
    )
    # astropy-rf: each in one abstract, the same one -> log(7) / log(7) = 1
    assert e[edge_key("software:astropy", "technique:random-forest")]["npmi"] == pytest.approx(1.0)


def test_npmi_edge_cases():
    assert npmi(5, 5, 5, 5) == 1.0  # p_ij = 1: 0/0 in the formula, perfect co-occurrence
    assert npmi(0, 2, 2, 4) == -1.0  # never together
    assert npmi(1, 2, 2, 4) == pytest.approx(0.0)  # independent: p_ij = p_i p_j
    assert npmi(1, 1, 1, 0) == 0.0  # no abstracts at all
    G = build_graph([{"id": "x", "entities": [mention("technique:cnn"), mention("survey:sdss")]}], CONCEPTS)
    assert G.edges["technique:cnn", "survey:sdss"]["npmi"] == 1.0


def test_include_generic():
    G = build_graph(RECORDS, CONCEPTS, include_generic=True)
    assert G.nodes["technique:deep-learning"]["n_abstracts"] == 1
    assert G.nodes["technique:deep-learning"]["generic"] is True
    assert sorted(G["technique:deep-learning"]) == ["survey:sdss", "technique:cnn"]
    assert G.edges["technique:deep-learning", "technique:cnn"]["examples"] == ["a1"]


def test_entity_generic_flag_counts_for_concepts_outside_the_ontology():
    records = [{"id": "x", "entities": [mention("survey:sdss"), {**mention("candidate:ai"), "generic": True}]}]
    assert set(build_graph(records, CONCEPTS)) == {"survey:sdss"}
    assert set(build_graph(records, CONCEPTS, include_generic=True)) == {"survey:sdss", "candidate:ai"}


def test_communities_numbered_by_size_then_smallest_id(full):
    by_number: dict[int, list[str]] = {}
    for node, data in full.nodes(data=True):
        by_number.setdefault(data["community"], []).append(node)
    numbers = sorted(by_number)
    assert numbers == list(range(1, len(numbers) + 1))
    keys = [(-len(by_number[k]), min(by_number[k])) for k in numbers]
    assert keys == sorted(keys)
    again = build_graph(list(reversed(RECORDS)), CONCEPTS)
    assert nx.get_node_attributes(again, "community") == nx.get_node_attributes(full, "community")


# --- views -----------------------------------------------------------------------------


def test_technique_instrument_view(full):
    view = technique_instrument_view(full)
    assert view.graph["view"] == "technique-instrument"
    for u, v in view.edges():
        types = {view.nodes[u]["type"], view.nodes[v]["type"]}
        assert "TECHNIQUE" in types and types - {"TECHNIQUE"} <= {"TELESCOPE", "SURVEY", "DATASET"}
        assert len(types) == 2
    expected = {
        ("survey:sdss", "technique:cnn"), ("technique:cnn", "telescope:jwst"),
        ("technique:transformer", "telescope:jwst"), ("survey:sdss", "technique:random-forest"),
        ("dataset:galaxy-zoo", "technique:transformer"), (CANDIDATE, "dataset:galaxy-zoo"),
        ("dataset:galaxy-zoo", "technique:cnn"), ("technique:resnet", "telescope:jwst"),
    }  # fmt: skip
    assert set(edges_of(view)) == {edge_key(*p) for p in expected}
    assert "software:astropy" not in view
    assert view.nodes["technique:cnn"]["bipartite"] == 0
    assert view.nodes["survey:sdss"]["bipartite"] == 1
    assert nx.is_bipartite(view)
    e, f = edges_of(view), edges_of(full)
    for key in e:
        assert e[key]["weight"] == f[key]["weight"]
        assert e[key]["examples"] == f[key]["examples"]
        assert e[key]["npmi"] == f[key]["npmi"]  # a corpus quantity
    # Association strength over the view's own links: cnn s=4, sdss s=3, m=9.
    assert e[edge_key("technique:cnn", "survey:sdss")]["association_strength"] == pytest.approx(2 * 9 * 2 / (4 * 3))
    assert full.nodes["technique:cnn"]["link_strength"] == 5  # the full graph is left alone


def test_roll_up_merges_children_and_recounts_abstracts():
    G = roll_up(RECORDS, CONCEPTS)
    assert G.graph["view"] == "full-rollup"
    nn = G.nodes["technique:neural-network"]
    # cnn in a1 a2 a5, transformer in a2 a4: a2 counts once -> 4, not 3 + 2.
    assert nn["n_abstracts"] == 4
    assert nn["n_mentions"] == 6  # mentions do add up: 4 + 2
    assert nn["members"] == ["technique:cnn", "technique:transformer"]
    assert nn["label"] == "neural network"
    # ResNet's first parent is generic: it rolls up to its next parent, the CNN.
    assert G.nodes["technique:cnn"]["members"] == ["technique:resnet"]
    assert "technique:transformer" not in G and "technique:resnet" not in G
    e = edges_of(G)
    # cnn-jwst and transformer-jwst both come from a2: one abstract, weight 1.
    assert e[edge_key("technique:neural-network", "telescope:jwst")]["weight"] == 1
    assert e[edge_key("technique:neural-network", "telescope:jwst")]["examples"] == ["a2"]
    assert e[edge_key("technique:neural-network", "dataset:galaxy-zoo")]["examples"] == ["a4", "a5"]
    assert e[edge_key("technique:neural-network", "survey:sdss")]["examples"] == ["a1", "a5"]
    assert e[edge_key("technique:cnn", "telescope:jwst")]["examples"] == ["a6"]
    assert nx.number_of_selfloops(G) == 0
    # NPMI recomputed with the parent's own count: p_i = 4/7, p_j = 3/7, p_ij = 2/7.
    assert e[edge_key("technique:neural-network", "survey:sdss")]["npmi"] == pytest.approx(
        math.log((2 / 7) / ((4 / 7) * (3 / 7))) / -math.log(2 / 7), abs=1e-6
    )


def test_roll_up_with_generic_parents():
    G = roll_up(RECORDS, CONCEPTS, include_generic=True)
    dl = G.nodes["technique:deep-learning"]
    assert dl["members"] == ["technique:deep-learning", "technique:resnet"]
    assert dl["n_abstracts"] == 2  # a1 (itself) and a6 (ResNet)
    assert "technique:cnn" not in G


def test_graph_views():
    views = graph_views(iter(RECORDS), CONCEPTS)  # an iterator: counted once
    assert list(views) == ["full", "full-rollup", "technique-instrument", "technique-instrument-rollup"]
    assert [v.graph["view"] for v in views.values()] == list(views)

    def data(G):
        return nx.node_link_data(G, edges="links")

    assert data(views["full"]) == data(build_graph(RECORDS, CONCEPTS))
    assert data(views["full-rollup"]) == data(roll_up(RECORDS, CONCEPTS))
    rolled_ti = views["technique-instrument-rollup"]
    assert rolled_ti.edges["technique:neural-network", "telescope:jwst"]["weight"] == 1
    assert "software:astropy" not in rolled_ti


def test_tagged_records_are_accepted_too():
    record = TaggedRecord(
        id="t1",
        title="t",
        text="CNN on SDSS",
        abstract_start=0,
        entities=[
            Entity(start=0, end=3, text="CNN", label="TECHNIQUE", concept_id="technique:cnn",
                   concept_label="convolutional neural network", source="ruler"),
            Entity(start=7, end=11, text="SDSS", label="SURVEY", concept_id="survey:sdss",
                   concept_label="Sloan Digital Sky Survey", source="ruler"),
        ],
    )  # fmt: skip
    G = build_graph([record], CONCEPTS)
    assert G.edges["technique:cnn", "survey:sdss"]["examples"] == ["t1"]


def test_bad_records_are_reported():
    with pytest.raises(InputError) as caught:
        build_graph([{"entities": []}], CONCEPTS)
    assert caught.value.code == "E008"
    with pytest.raises(InputError) as caught:
        build_graph([{"id": "x", "entities": [{"label": "SURVEY"}]}], CONCEPTS)
    assert caught.value.code == "E012"


def test_empty_corpus(tmp_path):
    G = build_graph([], CONCEPTS)
    assert G.number_of_nodes() == 0 and G.graph["n_abstracts"] == 0
    paths = write_exports(G, tmp_path, "empty")
    assert all(p.exists() for p in paths)
    assert json.loads((tmp_path / "empty.vosviewer.json").read_text())["network"]["items"] == []


def test_summarise(full):
    summary = summarise(full, top=3)
    assert summary["n_concepts"] == 9 and summary["n_links"] == 13 and summary["n_abstracts"] == N
    assert [c["id"] for c in summary["top_concepts"]] == ["technique:cnn", "survey:sdss", "dataset:galaxy-zoo"]
    assert summary["top_pairs"][0]["weight"] == 2
    pairs = summary["top_technique_instrument"]
    assert len(pairs) == 3
    assert (pairs[0]["technique"], pairs[0]["instrument"], pairs[0]["weight"]) == ("technique:cnn", "survey:sdss", 2)
    assert all(p["technique"].startswith(("technique:", "candidate:")) for p in pairs)
    json.dumps(summary)  # plain data


# --- exports -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(full, tmp_path_factory):
    directory = tmp_path_factory.mktemp("exports")
    paths = write_exports(full, directory, "cooc")
    return directory, paths


def test_export_files(exported):
    directory, paths = exported
    names = [p.name for p in paths]
    assert names == [
        "cooc.graphml", "cooc.gexf", "cooc.json", "cooc.vosviewer.json", "cooc.edges.csv", "cooc.nodes.csv",
    ]  # fmt: skip
    assert all(p.parent == directory and p.stat().st_size > 0 for p in paths)
    assert not list(directory.glob(".tmp-*"))


def assert_same_weights(G: nx.Graph, weights: dict[tuple[str, str], float]):
    assert weights == {k: d["weight"] for k, d in edges_of(G).items()}


def test_graphml_round_trip(full, exported):
    directory, _ = exported
    H = nx.read_graphml(directory / "cooc.graphml")
    assert set(H) == set(full)
    assert_same_weights(full, {edge_key(u, v): d["weight"] for u, v, d in H.edges(data=True)})
    for u, v, d in H.edges(data=True):
        original = full.edges[u, v]
        assert d["examples"].split(";") == original["examples"]
        assert d["npmi"] == original["npmi"]
        assert d["association_strength"] == original["association_strength"]
    for node, d in H.nodes(data=True):
        original = full.nodes[node]
        assert d["label"] == original["label"] and d["type"] == original["type"]
        assert d["n_abstracts"] == original["n_abstracts"] and d["community"] == original["community"]
        assert d["broader"] == ";".join(original["broader"])
    assert H.graph["n_abstracts"] == N


def test_gexf_round_trip(full, exported):
    directory, _ = exported
    text = (directory / "cooc.gexf").read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text and "NetworkX" not in text
    H = nx.read_gexf(directory / "cooc.gexf")
    assert set(H) == set(full)
    assert_same_weights(full, {edge_key(u, v): d["weight"] for u, v, d in H.edges(data=True)})
    for node, d in H.nodes(data=True):
        assert d["label"] == full.nodes[node]["label"]
        assert d["n_abstracts"] == full.nodes[node]["n_abstracts"]
    for u, v, d in H.edges(data=True):
        assert d["examples"].split(";") == full.edges[u, v]["examples"]


def test_node_link_round_trip(full, exported):
    directory, _ = exported
    data = json.loads((directory / "cooc.json").read_text(encoding="utf-8"))
    assert "links" in data
    H = nx.node_link_graph(data, edges="links")
    assert nx.utils.nodes_equal(H.nodes(data=True), full.nodes(data=True))
    assert nx.utils.edges_equal(H.edges(data=True), full.edges(data=True))
    assert H.graph == full.graph


def test_csv_round_trip(full, exported):
    directory, _ = exported
    nodes = pd.read_csv(directory / "cooc.nodes.csv", keep_default_na=False)
    edges = pd.read_csv(directory / "cooc.edges.csv", keep_default_na=False)
    assert sorted(nodes["id"]) == sorted(full)
    assert list(nodes.columns[:4]) == ["id", "label", "type", "kind"]
    for row in nodes.itertuples():
        assert row.n_abstracts == full.nodes[row.id]["n_abstracts"]
        assert row.n_mentions == full.nodes[row.id]["n_mentions"]
        assert row.label == full.nodes[row.id]["label"]
    assert list(edges.columns) == ["source", "target", "weight", "association_strength", "npmi", "examples"]
    assert_same_weights(full, {edge_key(r.source, r.target): r.weight for r in edges.itertuples()})
    for r in edges.itertuples():
        assert r.examples.split(";") == full.edges[r.source, r.target]["examples"]
        assert r.npmi == pytest.approx(full.edges[r.source, r.target]["npmi"], abs=0)


def test_vosviewer_json(full, exported):
    directory, _ = exported
    data = json.loads((directory / "cooc.vosviewer.json").read_text(encoding="utf-8"))
    network = data["network"]
    items = {item["id"]: item for item in network["items"]}
    assert set(items) == set(full)
    for node, item in items.items():
        assert set(item) <= {"id", "label", "description", "url", "x", "y", "cluster", "weights", "scores"}
        assert item["label"] == full.nodes[node]["label"]
        assert item["cluster"] == full.nodes[node]["community"]
        assert 1 <= item["cluster"] <= 1000
        assert item["weights"]["Occurrences"] == full.nodes[node]["n_abstracts"]
        assert item["weights"]["Total link strength"] == full.nodes[node]["link_strength"]
        assert all(value >= 0 for value in item["weights"].values())
    for link in network["links"]:
        assert set(link) == {"source_id", "target_id", "strength"}
    assert_same_weights(full, {edge_key(x["source_id"], x["target_id"]): x["strength"] for x in network["links"]})
    clusters = {c["cluster"] for c in network["clusters"]}
    assert clusters == {item["cluster"] for item in items.values()}


def digests(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


def test_exports_do_not_depend_on_record_order(tmp_path):
    shuffled = list(RECORDS)
    random.Random(7).shuffle(shuffled)
    # Entities reordered too.
    shuffled = [{**r, "entities": list(reversed(r["entities"]))} for r in shuffled]
    for name, G in graph_views(RECORDS, CONCEPTS).items():
        write_exports(G, tmp_path / "first", name)
    for name, G in graph_views(shuffled, CONCEPTS).items():
        write_exports(G, tmp_path / "second", name)
    first, second = digests(tmp_path / "first"), digests(tmp_path / "second")
    assert len(first) == 24
    assert first == second


def test_exports_do_not_depend_on_hash_seed(tmp_path, full):
    """Louvain and the writers must not follow set order, which PYTHONHASHSEED changes."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(REPO)!r})
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_graph import RECORDS, CONCEPTS
        from astro_ie.graph import graph_views, write_exports
        for name, G in graph_views(RECORDS, CONCEPTS).items():
            write_exports(G, sys.argv[1], name)
        """
    )
    for seed in ("0", "1", "12345"):
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / seed)],
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
            cwd=REPO,
        )
    assert digests(tmp_path / "0") == digests(tmp_path / "1") == digests(tmp_path / "12345")


def test_every_export_format_is_documented():
    """A writer added to the registry without a line in the README's outputs fails here."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert graph_module.WRITERS
    for suffix in graph_module.WRITERS:
        assert f"`{suffix}`" in readme, suffix


# --- property-based -------------------------------------------------------------------------

POOL = [
    "technique:cnn", "technique:transformer", "technique:resnet", "technique:deep-learning",
    "telescope:jwst", "survey:sdss", "dataset:galaxy-zoo", "software:astropy", "candidate:x", "candidate:y",
]  # fmt: skip

corpora = st.lists(
    st.tuples(
        st.sampled_from([f"r{i}" for i in range(12)]),
        st.lists(st.sampled_from(POOL), max_size=6),
    ),
    max_size=12,
    unique_by=lambda record: record[0],  # ids are unique, as ingestion ensures
)


@settings(max_examples=80, deadline=None)
@given(corpora, st.booleans())
def test_weights_match_an_independent_count(corpus, include_generic):
    records = [{"id": rid, "entities": [mention(c) for c in cids]} for rid, cids in corpus]
    G = build_graph(records, CONCEPTS, include_generic=include_generic)

    # Recount independently: abstract id -> set of concepts kept.
    sets: dict[str, set[str]] = {}
    for rid, cids in corpus:
        kept = {c for c in cids if include_generic or not (c in CONCEPTS and CONCEPTS[c].generic)}
        sets.setdefault(rid, set()).update(kept)
    n = len(sets)
    assert G.graph["n_abstracts"] == n
    assert set(G) == set().union(*sets.values()) if sets else not G
    for a, b in itertools.combinations(sorted(G), 2):
        together = sorted(rid for rid, s in sets.items() if a in s and b in s)
        if together:
            assert G.has_edge(a, b)
            assert G[a][b]["weight"] == G[b][a]["weight"] == len(together)
            assert G[a][b]["examples"] == together[:3]
            assert -1.0 <= G[a][b]["npmi"] <= 1.0
            assert G[a][b]["association_strength"] > 0
        else:
            assert not G.has_edge(a, b)
    for node in G:
        assert G.nodes[node]["n_abstracts"] == sum(node in s for s in sets.values())

    view = technique_instrument_view(G)
    for u, v in view.edges():
        assert {view.nodes[u]["type"], view.nodes[v]["type"]} & {"TECHNIQUE"}
        assert view[u][v]["weight"] == G[u][v]["weight"]


@settings(max_examples=50, deadline=None)
@given(corpora)
def test_roll_up_counts_each_abstract_once(corpus):
    records = [{"id": rid, "entities": [mention(c) for c in cids]} for rid, cids in corpus]
    G = roll_up(records, CONCEPTS)
    parent = {"technique:cnn": "technique:neural-network", "technique:transformer": "technique:neural-network",
              "technique:resnet": "technique:cnn"}  # fmt: skip
    sets: dict[str, set[str]] = {}
    for rid, cids in corpus:
        sets.setdefault(rid, set()).update(parent.get(c, c) for c in cids if c != "technique:deep-learning")
    for node in G:
        assert G.nodes[node]["n_abstracts"] == sum(node in s for s in sets.values())
    for u, v, d in G.edges(data=True):
        assert d["weight"] == sum(u in s and v in s for s in sets.values())
        assert u != v


def test_awkward_labels_survive_every_format(tmp_path):
    label = 'Réseau “Δ-net”, <v2> & "quoted"'
    records = [{"id": "é-1", "entities": [mention("candidate:delta-net", "TECHNIQUE", label), mention("survey:sdss")]}]
    G = build_graph(records, CONCEPTS)
    write_exports(G, tmp_path, "odd")
    assert nx.read_graphml(tmp_path / "odd.graphml").nodes["candidate:delta-net"]["label"] == label
    assert nx.read_gexf(tmp_path / "odd.gexf").nodes["candidate:delta-net"]["label"] == label
    data = json.loads((tmp_path / "odd.json").read_text(encoding="utf-8"))
    assert nx.node_link_graph(data, edges="links").nodes["candidate:delta-net"]["label"] == label
    nodes = pd.read_csv(tmp_path / "odd.nodes.csv", keep_default_na=False).set_index("id")
    assert nodes.loc["candidate:delta-net", "label"] == label
    edges = pd.read_csv(tmp_path / "odd.edges.csv", keep_default_na=False)
    assert list(edges["examples"]) == ["é-1"]
    items = json.loads((tmp_path / "odd.vosviewer.json").read_text(encoding="utf-8"))["network"]["items"]
    assert {i["id"]: i["label"] for i in items}["candidate:delta-net"] == label
