"""The graph writers astro-ie streams itself write networkx's bytes, on awkward attribute values too."""

from __future__ import annotations

import io
import json
import random
from fractions import Fraction
from xml.etree.ElementTree import tostring

import networkx as nx
import pytest
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from astro_ie import graph


def awkward_graph() -> nx.Graph:
    G = nx.Graph()
    G.graph.update(name="a & b <c>", view="full", n_abstracts=3, rollup=False, ratio=0.5)
    G.add_node(
        "technique:x",
        label='Gauß "quoted"\tand\nnewline',
        type="TECHNIQUE",
        n_abstracts=2,
        generic=False,
        broader=["a", "b"],
        empty="",
        mean_year=2020.5,
        abstracts_per_year={2019: 1, 2021: 1},
    )
    G.add_node("telescope:é", label="", type="TELESCOPE", n_abstracts=1)
    G.add_node("bare")
    G.add_edge("technique:x", "telescope:é", weight=1, examples=["id-1", "id&2"], npmi=-0.25, flag=True)
    G.add_edge("bare", "technique:x", weight=2)
    return G


def specials_graph() -> nx.Graph:
    """XML specials and non-ASCII in every place a GEXF file holds text, and each scalar type in one title."""
    G = nx.Graph(name='<"Q&A"> \'tést\' 🚀', view="full", rollup=None)
    G.add_node("a&b", label="<b>bold</b> & \"quoted\" 'single' > ü 𝛼\r", type="TECHNIQUE", score=float("inf"),
               low=float("-inf"), odd=float("nan"), n=-3, broader=["x&y", "z<w"], note=None, zero=0.0)
    G.add_node("c\"d", label=7, type="SURVEY", score=1e-7, low=-0.0, odd=2.5, n=10**20, broader=[], flag=True)
    G.add_node("e<f", type="DATASET", score=True, abstracts_per_year={})  # bool under a double title: first type wins
    G.add_node(3, label=None, members=("p", "q"), counts={"k": 1})
    G.add_edge("a&b", "c\"d", weight=2.5, examples=["ü-1", "a&b"], npmi=float("nan"), note="\t")
    G.add_edge("e<f", "a&b", weight=True, flag=False)
    G.add_edge(3, "c\"d")
    G.add_edge("e<f", "e<f", weight=0, abstracts_per_year={2030: 1, 1999: 2, 2000: 4})
    G.add_edge(("tuple", "node"), 3, weight=[1, 2])
    return G


def networkx_graphml(G: nx.Graph) -> str:
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(graph._flat(G))
    writer.indent(writer.xml)
    return "<?xml version='1.0' encoding='utf-8'?>\n" + tostring(writer.xml).decode("ascii").rstrip("\n") + "\n"


@pytest.mark.parametrize("G", [awkward_graph(), nx.Graph(), nx.path_graph(["b", "a", "c"]), specials_graph(),
                               nx.empty_graph(["lonely", "nodes"]), nx.DiGraph([("b", "a"), ("a", "b")])])
def test_graphml_is_networkx_bytes(G):
    out = io.StringIO()
    graph.write_graphml(G, out)
    assert out.getvalue() == networkx_graphml(G)
    assert sorted(nx.parse_graphml(out.getvalue()).nodes) == sorted(map(str, G.nodes))


def test_json_is_standard_library_bytes():
    G = awkward_graph()
    for data, sort_keys in (
        (nx.node_link_data(G, edges="links"), True),
        (graph.vosviewer_data(G), False),
        ({"a": [], "b": {}, 3: [1.0, None, True, [{}]], "c": "ü\u2028"}, False),
    ):
        out = io.StringIO()
        graph.write_json(data, out, indent=1, sort_keys=sort_keys)
        assert out.getvalue() == json.dumps(data, ensure_ascii=False, indent=1, sort_keys=sort_keys, allow_nan=False)


def test_json_refuses_what_the_standard_library_refuses():
    with pytest.raises(ValueError, match="Out of range float"):
        graph.write_json({"x": float("nan")}, io.StringIO())
    with pytest.raises(TypeError, match="not JSON serializable"):
        graph.write_json([object()], io.StringIO())


# --- GEXF: the direct writer against networkx's GEXFWriter -----------------------------------


def networkx_gexf(G: nx.Graph) -> str:
    """What networkx's ``GEXFWriter`` writes for ``G`` with astro-ie's fixed ``meta``, whole, as bytes of text."""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    del meta.attrib["lastmodifieddate"]
    meta.find("creator").text = "astro-ie"
    H = nx.Graph()
    H.graph.update({k: graph._scalar(v) for k, v in G.graph.items() if v is not None})
    H.add_nodes_from((n, graph._dynamic(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, graph._dynamic(d)) for u, v, d in G.edges(data=True))
    writer.add_graph(H)
    writer.indent(writer.xml)
    return "<?xml version='1.0' encoding='utf-8'?>\n" + tostring(writer.xml).decode("ascii").rstrip("\n") + "\n"


def direct_gexf(G: nx.Graph) -> str:
    """The direct writer's text; raises if it would leave ``G`` to networkx."""
    return "".join(graph._gexf_direct(G))


def test_gexf_direct_is_networkx_bytes_on_awkward_graphs():
    for G in (awkward_graph(), specials_graph(), nx.Graph(), nx.Graph(name="only"), nx.path_graph(["b", "a", "c"]),
              nx.empty_graph(["lonely", "nodes"])):
        expected = networkx_gexf(G)
        assert direct_gexf(G) == expected
        out = io.StringIO()
        graph.write_gexf(G, out)
        assert out.getvalue() == expected
    text = direct_gexf(specials_graph())
    assert text.isascii() and "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;" in text and "&#120572;" in text
    assert 'mode="dynamic"' in text and '<spell start="1999-01-01" end="2000-12-31" />' in text


@pytest.mark.parametrize(
    "change",
    [
        lambda G: G.nodes["a&b"].update(viz={"size": 2.0}),
        lambda G: G.nodes["a&b"].update(start=2001),
        lambda G: G.nodes["a&b"].update(id="other"),
        lambda G: G.nodes["a&b"].update(spells="2001"),
        lambda G: G.edges["a&b", 'c"d'].update(label="an edge"),
        lambda G: G.edges["a&b", 'c"d'].update(type="directed"),
        lambda G: G.edges["a&b", 'c"d'].update(id="e7"),
        lambda G: G.edges["a&b", 'c"d'].update(key="k"),
        lambda G: G.edges["a&b", 'c"d'].update(npmi=Fraction(1, 3)),
        lambda G: G.nodes[3].update(abstracts_per_year={2001: True}),
        lambda G: G.graph.update(node_default={"type": "SURVEY"}),
        lambda G: G.graph.update(mode="dynamic"),
    ],
)
def test_gexf_leaves_what_it_does_not_cover_to_networkx(change):
    G = specials_graph()
    change(G)
    with pytest.raises(graph._Unusual):
        graph._gexf_direct(G)
    out = io.StringIO()
    try:
        expected = networkx_gexf(G)
    except Exception as error:  # networkx refuses it (a value type, a flattened viz): so does write_gexf
        with pytest.raises(type(error)):
            graph.write_gexf(G, out)
    else:
        graph.write_gexf(G, out)
        assert out.getvalue() == expected


def test_gexf_of_a_directed_graph_is_that_of_networkx_path():
    G = nx.DiGraph()
    G.add_edge("b", "a", weight=1, note="back")
    G.add_edge("a", "b", weight=2)
    with pytest.raises(graph._Unusual):
        graph._gexf_direct(G)
    out = io.StringIO()
    graph.write_gexf(G, out)
    assert out.getvalue() == networkx_gexf(G)


# --- the views of real corpora ----------------------------------------------------------------


@pytest.fixture(scope="module")
def default_records(shipped_extractor) -> list[dict]:
    """The default corpus, tagged by the shipped tagger (records carry dates)."""
    from astro_ie.ingest import read_abstracts
    from astro_ie.resources import default_corpus

    return [record.model_dump(mode="json") for record in shipped_extractor.tag(read_abstracts([default_corpus()]))]


@pytest.fixture(scope="module")
def concepts():
    from astro_ie.ontology import load_ontology
    from astro_ie.resources import default_ontology_dir

    return load_ontology(default_ontology_dir()).concepts


def resampled(records: list[dict], size: int, seed: int = 13) -> list[dict]:
    """``size`` records, each with the entities of three real ones and a year of 2010-2024: a denser, larger graph."""
    rng = random.Random(seed)
    out = []
    for number in range(size):
        picked = rng.sample(records, 3)
        out.append({
            "id": f"resampled-{number:06d}",
            "date": f"{rng.randint(2010, 2024)}-06-01" if number % 7 else None,
            "entities": [entity for record in picked for entity in record["entities"]],
        })
    return out


def graphml_text(G: nx.Graph) -> str:
    out = io.StringIO()
    graph.write_graphml(G, out)
    return out.getvalue()


def test_xml_of_the_default_corpus_views_is_networkx_bytes(default_records, concepts):
    undated = [{**record, "date": None} for record in default_records]
    for records in (default_records, undated):
        for name, G in graph.graph_views(records, concepts).items():
            assert G.number_of_edges() > 100, name
            assert direct_gexf(G) == networkx_gexf(G), name
            assert graphml_text(G) == networkx_graphml(G), name
    assert "<spells>" in direct_gexf(graph.graph_views(default_records, concepts)["full"])


@pytest.fixture(scope="module")
def resampled_views(default_records, concepts) -> dict[str, nx.Graph]:
    return graph.graph_views(resampled(default_records, 500), concepts)


def test_xml_of_a_resampled_corpus_is_networkx_bytes(resampled_views):
    assert resampled_views["full"].number_of_edges() > 5000
    for name, G in resampled_views.items():
        assert direct_gexf(G) == networkx_gexf(G), name
        assert graphml_text(G) == networkx_graphml(G), name


# --- node-link JSON: the direct writer against json.dumps of nx.node_link_data ---------------


def networkx_node_link(G: nx.Graph) -> str:
    data = nx.node_link_data(G, edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"


def json_graph() -> nx.Graph:
    """Each kind of value a node or edge object can hold, in keys of every order."""
    G = awkward_graph()
    G.graph["nested"] = {"b": [1, {"z": None}], "a": ()}
    G.nodes["bare"].update(z=None, a=True, mixed=["x", 2, None], empty=[], nested=[["ü"]], obj={}, id="ignored")
    G.nodes["telescope:é"].update(big=10**30, tiny=-1e-300, tuple=("a", "b"), years={2021: 3, 2019: 1},
                                  counts={"b": 1, "a": 2}, flags={2: True, 1: False}, mixed={3: 1, 2: 1.5})
    G.add_edge("bare", "telescope:é", examples=[], weight=0.5, source="kept?", note='"\\\u2028')
    G.add_node(7, label="an int node")
    G.add_edge(7, "bare")
    return G


@pytest.mark.parametrize("G", [awkward_graph(), json_graph(), nx.Graph(), nx.Graph(name="only"),
                               nx.path_graph(["b", "a", "c"]), nx.DiGraph([("b", "a"), ("a", "b")]),
                               nx.MultiGraph([("a", "b"), ("a", "b")])])
def test_node_link_is_json_dumps_bytes(G, monkeypatch):
    expected = networkx_node_link(G)
    for chunks in (graph._JSON_CHUNKS, 3):
        monkeypatch.setattr(graph, "_JSON_CHUNKS", chunks)
        out = io.StringIO()
        graph.write_node_link(G, out)
        assert out.getvalue() == expected


def test_node_link_refuses_what_json_refuses():
    G = json_graph()
    G.nodes["bare"]["score"] = float("nan")
    with pytest.raises(ValueError, match="Out of range float"):
        graph.write_node_link(G, io.StringIO())
    G.nodes["bare"]["score"] = object()
    with pytest.raises(TypeError, match="not JSON serializable"):
        graph.write_node_link(G, io.StringIO())


def test_node_link_of_real_views_is_json_dumps_bytes(default_records, concepts, resampled_views):
    views = {**graph.graph_views(default_records, concepts), **{f"resampled {k}": G for k, G in resampled_views.items()}}
    for name, G in views.items():
        out = io.StringIO()
        graph.write_node_link(G, out)
        assert out.getvalue() == networkx_node_link(G), name
