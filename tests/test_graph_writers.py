"""The graph writers astro-ie streams itself write networkx's bytes, on awkward attribute values too."""

from __future__ import annotations

import io
import json
from xml.etree.ElementTree import tostring

import networkx as nx
import pytest
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


def networkx_graphml(G: nx.Graph) -> str:
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(graph._flat(G))
    writer.indent(writer.xml)
    return "<?xml version='1.0' encoding='utf-8'?>\n" + tostring(writer.xml).decode("ascii").rstrip("\n") + "\n"


@pytest.mark.parametrize("G", [awkward_graph(), nx.Graph(), nx.path_graph(["b", "a", "c"])])
def test_graphml_is_networkx_bytes(G):
    out = io.StringIO()
    graph.write_graphml(G, out)
    assert out.getvalue() == networkx_graphml(G)
    assert sorted(nx.parse_graphml(out.getvalue()).nodes) == sorted(G.nodes)


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
