"""Concept co-occurrence graphs: which concepts appear together, in which abstracts.

Nodes are concepts (ontology entries, plus the ``candidate:`` concepts extraction
found outside the ontology); an edge joins two concepts mentioned in the same
abstract. Everything here is a pure function over plain data, in the manner of
``networkx.readwrite``: records and concepts in, an ``nx.Graph`` whose node, edge
and graph attributes are plain dicts out, and one small writer per export format.

Edge attributes
---------------
``weight``
    c_ij, the number of abstracts that mention both concepts.
``examples``
    the smallest few ids of those abstracts (:data:`astro_ie.digest.EXAMPLES`);
    every abstract of every edge is in ``edges-evidence.parquet``.
``first_year``, ``last_year``, ``mean_year``, ``abstracts_per_year``
    when the records have dates: the years of those abstracts (nodes too).
``association_strength``
    VOSviewer's normalisation (van Eck & Waltman 2009, "How to normalize
    cooccurrence data? An analysis of some well-known similarity measures",
    JASIST 60(8):1635-1651; in the form VOSviewer applies it, Waltman, van Eck &
    Noyons 2010, "A unified approach to mapping and clustering of bibliometric
    networks", J. Informetrics 4(4):629-635)::

        AS_ij = 2 m c_ij / (s_i s_j)

    with s_i = sum_j c_ij the total link strength of node i and m = sum of c_ij
    over all edges (each once), so 2m = sum_i s_i. It is the observed weight
    divided by the weight expected if links were placed at random with each
    node's total strength kept (the configuration model): 1 means "as often as
    chance", and it equals CWTS networkanalysis'
    ``Network.createNormalizedNetworkUsingAssociationStrength``, the code behind
    VOSviewer. s and m are those of the graph the edge is in, so a view (which
    drops edges) recomputes them over its own edges, as VOSviewer would on
    opening that view's file.
``npmi``
    normalised pointwise mutual information over abstracts (Bouma 2009,
    "Normalized (pointwise) mutual information in collocation extraction",
    Proc. GSCL 2009, 31-40)::

        NPMI_ij = log(p_ij / (p_i p_j)) / -log p_ij

    with p_i = n_i / N, p_ij = c_ij / N, n_i the abstracts mentioning concept i and
    N the number of abstracts in the corpus (those without any mention included).
    An edge has c_ij >= 1, so p_ij > 0 and NPMI lies in (-1, 1]; when p_ij = 1 the
    denominator is 0, and since p_ij = 1 forces p_i = p_j = 1 (the two always
    occur together) NPMI is defined as 1 there. It is a corpus quantity, so views
    keep it unchanged.

Node attributes
---------------
``label``, ``type``, ``kind``, ``generic``, ``broader`` (list of ids) from the
ontology; for a ``candidate:`` concept, the mentions' ``concept_label`` and entity
``label`` (the most frequent pair, ties to the smallest) and kind ``"candidate"``.
``n_abstracts`` and ``n_mentions`` count the corpus; ``n_links`` and
``link_strength`` (s_i) describe the graph; ``community`` numbers the Louvain
communities (Blondel et al. 2008, "Fast unfolding of communities in large
networks", J. Stat. Mech. P10008; ``nx.community.louvain_communities`` on
``weight`` with a fixed seed) from 1, largest first, ties by smallest node id.
Roll-up graphs add ``members``: the mentioned concept ids merged into the node.

Graphs are built from the sufficient statistics of :class:`astro_ie.digest.CorpusDigest`
(per-concept and per-pair counts), gathered in one pass: memory grows with the
number of concepts and pairs, not with the corpus.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree as _ET

import networkx as nx
from networkx.readwrite.gexf import GEXF, GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from .digest import CorpusDigest, year_stats
from .io import atomic_open
from .models import Concept

LOUVAIN_SEED = 42
"""Seed of the Louvain run: the same graph always gets the same communities."""

DECIMALS = 6
"""Floats are rounded to this many decimals in the graph, so exports are stable."""

TECHNIQUE = "TECHNIQUE"
INSTRUMENT_TYPES = ("TELESCOPE", "SURVEY", "DATASET")
"""What a technique is applied to in the technique-instrument view."""

VIEW_NAMES = ("full", "full-rollup", "technique-instrument", "technique-instrument-rollup")
LIST_SEPARATOR = ";"
"""Joins list attributes (examples, broader, members) in GraphML, GEXF and CSV."""

VOSVIEWER_MAX_CLUSTER = 1000
"""VOSviewer clusters are integers 1..1000; items in a later community get none."""

_DERIVED_NODE_KEYS = ("n_links", "link_strength", "community")


# --- the two measures ----------------------------------------------------------


def association_strength(c_ij: float, s_i: float, s_j: float, m: float) -> float:
    """VOSviewer's association strength, ``2 m c_ij / (s_i s_j)``.

    van Eck & Waltman (2009), JASIST 60(8):1635-1651, in the scaling of Waltman,
    van Eck & Noyons (2010), J. Informetrics 4(4):629-635: observed co-occurrences
    over those expected under the configuration model. ``s_i`` is the total link
    strength of i, ``m`` the total weight of all links. 0 where it is undefined.
    """
    if c_ij <= 0 or s_i <= 0 or s_j <= 0:
        return 0.0
    return 2.0 * m * c_ij / (s_i * s_j)


def npmi(c_ij: int, n_i: int, n_j: int, n: int) -> float:
    """Normalised PMI over abstracts (Bouma 2009), in [-1, 1].

    ``log(p_ij / (p_i p_j)) / -log p_ij`` with ``p = count / n``. -1 when the two
    never co-occur (``c_ij = 0``); 1 when ``p_ij = 1``, where the formula is 0/0
    but the pair always occurs together; clamped against rounding.
    """
    if n <= 0 or n_i <= 0 or n_j <= 0:
        return 0.0
    if c_ij <= 0:
        return -1.0
    if c_ij >= n:
        return 1.0
    p_ij = c_ij / n
    value = math.log(p_ij / ((n_i / n) * (n_j / n))) / -math.log(p_ij)
    return max(-1.0, min(1.0, value))


# --- graphs from the digest -----------------------------------------------------


def _graph_from_digest(digest: CorpusDigest, rollup: bool) -> nx.Graph:
    """One view's graph from the digest's sufficient statistics: no pass over the corpus."""
    nodes = []
    if rollup:
        for node, tally in digest.rollup_nodes.items():
            data = digest.node_info(node)
            data.update(n_abstracts=tally.abstracts, n_mentions=tally.mentions, members=sorted(tally.members))
            data.update(year_stats(tally.years))
            nodes.append((node, data))
        pairs = digest.rollup_pairs
    else:
        for node in digest.shown:
            tally = digest.concepts[node]
            data = digest.node_info(node)
            data.update(n_abstracts=tally.abstracts, n_mentions=tally.mentions)
            data.update(year_stats(tally.years))
            nodes.append((node, data))
        pairs = digest.pairs
    edges = []
    for (a, b), tally in pairs.items():
        data = {"weight": tally.abstracts, "examples": list(tally.examples)}
        data.update(year_stats(tally.years))
        edges.append((a, b, data))
    graph = {
        "name": "astro-ie concept co-occurrence",
        "view": "full-rollup" if rollup else "full",
        "n_abstracts": digest.abstracts,
        "include_generic": digest.include_generic,
        "rollup": rollup,
        "louvain_seed": LOUVAIN_SEED,
    }
    return _annotate(_assemble(graph, nodes, edges))


def _assemble(graph: Mapping[str, Any], nodes: Iterable, edges: Iterable) -> nx.Graph:
    """A graph whose insertion order is sorted: iteration, Louvain and exports follow it."""
    G = nx.Graph()
    G.graph.update(graph)
    G.add_nodes_from(sorted(nodes, key=lambda item: item[0]))
    G.add_edges_from(sorted(((min(u, v), max(u, v), d) for u, v, d in edges), key=lambda e: e[:2]))
    return G


def _round(value: float) -> float:
    return round(float(value), DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0


def _annotate(G: nx.Graph) -> nx.Graph:
    """Add what depends on the graph as a whole: s_i, AS, NPMI, communities."""
    n = G.graph["n_abstracts"]
    strength = dict(G.degree(weight="weight"))
    m = G.size(weight="weight")
    for u, v, data in G.edges(data=True):
        data["association_strength"] = _round(association_strength(data["weight"], strength[u], strength[v], m))
        data["npmi"] = _round(npmi(data["weight"], G.nodes[u]["n_abstracts"], G.nodes[v]["n_abstracts"], n))
    for node, data in G.nodes(data=True):
        data["n_links"] = G.degree(node)
        data["link_strength"] = strength[node]
    for number, community in enumerate(communities(G), 1):
        for node in community:
            G.nodes[node]["community"] = number
    return G


def communities(G: nx.Graph) -> list[list[str]]:
    """Louvain communities (Blondel et al. 2008) on ``weight``, seeded, numbered stably.

    Sorted by size, largest first, then by smallest node id; members sorted.
    """
    if G.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(G, weight="weight", seed=LOUVAIN_SEED)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


# --- the public API -------------------------------------------------------------


def build_graph(
    records: Iterable[Mapping],
    concepts: Mapping[str, Concept],
    include_generic: bool = False,
    rollup: bool = False,
) -> nx.Graph:
    """The co-occurrence graph of parsed ``corpus.jsonl`` lines.

    ``concepts`` maps ontology ids to ``Concept`` (or plain dicts of its fields).
    Generic umbrella concepts are left out unless ``include_generic``; with
    ``rollup`` each concept is replaced by its first broader parent (see
    :func:`roll_up`). The order of the records does not matter.
    """
    return _graph_from_digest(CorpusDigest(concepts, include_generic).add_all(records), rollup)


def roll_up(
    records: Iterable[Mapping], concepts: Mapping[str, Concept], include_generic: bool = False
) -> nx.Graph:
    """The graph one level up ``broader``: children merged into their parent.

    Counts are recomputed from the abstracts, not summed: an abstract that
    mentions two children of one parent counts once for the parent, and once
    for each of the parent's edges. Mentions do add up. Each node lists the
    concept ids it stands for in ``members``.
    """
    return build_graph(records, concepts, include_generic=include_generic, rollup=True)


def technique_instrument_view(G: nx.Graph) -> nx.Graph:
    """The bipartite graph of techniques against telescopes, surveys and datasets.

    Keeps only edges between a TECHNIQUE node and a TELESCOPE, SURVEY or DATASET
    node, and the nodes they join. Weights, examples, years and NPMI are kept (they
    count abstracts); link strength, association strength and communities are
    recomputed over the kept edges. Nodes get networkx's ``bipartite`` mark:
    0 for techniques, 1 for the rest.
    """
    types = {node: data.get("type") for node, data in G.nodes(data=True)}
    edges = [
        (u, v, {key: _copy(value) for key, value in data.items()})
        for u, v, data in G.edges(data=True)
        if is_technique_instrument(types[u], types[v])
    ]
    keep = {u for u, _, _ in edges} | {v for _, v, _ in edges}
    nodes = []
    for node in keep:
        data = {key: _copy(value) for key, value in G.nodes[node].items() if key not in _DERIVED_NODE_KEYS}
        data["bipartite"] = 0 if types[node] == TECHNIQUE else 1
        nodes.append((node, data))
    graph = dict(G.graph)
    graph["view"] = "technique-instrument-rollup" if graph.get("rollup") else "technique-instrument"
    return _annotate(_assemble(graph, nodes, edges))


def is_technique_instrument(type_a: str | None, type_b: str | None) -> bool:
    """True for a TECHNIQUE paired with a TELESCOPE, SURVEY or DATASET, either way round."""
    return (type_a == TECHNIQUE and type_b in INSTRUMENT_TYPES) or (
        type_b == TECHNIQUE and type_a in INSTRUMENT_TYPES
    )


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    return dict(value) if isinstance(value, dict) else value


def graph_views(
    records: Iterable[Mapping], concepts: Mapping[str, Concept], include_generic: bool = False
) -> dict[str, nx.Graph]:
    """The four views, counting the corpus once: keys as in :data:`VIEW_NAMES`."""
    return views_from_digest(CorpusDigest(concepts, include_generic).add_all(records))


def views_from_digest(digest: CorpusDigest) -> dict[str, nx.Graph]:
    """The four views of a corpus already digested (:mod:`astro_ie.digest`)."""
    full = _graph_from_digest(digest, rollup=False)
    rolled = _graph_from_digest(digest, rollup=True)
    return {
        "full": full,
        "full-rollup": rolled,
        "technique-instrument": technique_instrument_view(full),
        "technique-instrument-rollup": technique_instrument_view(rolled),
    }


def summarise(G: nx.Graph, top: int = 10) -> dict[str, Any]:
    """Sizes, the most frequent concepts and the strongest pairs, for reports.

    Concepts rank by abstracts, then mentions, then id; pairs by weight, then
    NPMI, then ids. ``top_technique_instrument`` lists only technique-instrument
    pairs, the technique first.
    """
    concepts = sorted(
        G.nodes(data=True), key=lambda item: (-item[1].get("n_abstracts", 0), -item[1].get("n_mentions", 0), item[0])
    )
    pairs = sorted(G.edges(data=True), key=lambda e: (-e[2]["weight"], -e[2].get("npmi", 0.0), e[0], e[1]))

    def pair_row(u: str, v: str, data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "source": u,
            "source_label": G.nodes[u].get("label"),
            "target": v,
            "target_label": G.nodes[v].get("label"),
            "weight": data["weight"],
            "association_strength": data.get("association_strength"),
            "npmi": data.get("npmi"),
        }

    technique_instrument = []
    for u, v, data in pairs:
        tu, tv = G.nodes[u].get("type"), G.nodes[v].get("type")
        if tv == TECHNIQUE and tu in INSTRUMENT_TYPES:
            u, v, tu, tv = v, u, tv, tu
        if tu == TECHNIQUE and tv in INSTRUMENT_TYPES:
            technique_instrument.append(
                {
                    "technique": u,
                    "technique_label": G.nodes[u].get("label"),
                    "instrument": v,
                    "instrument_label": G.nodes[v].get("label"),
                    "instrument_type": tv,
                    "weight": data["weight"],
                    "association_strength": data.get("association_strength"),
                    "npmi": data.get("npmi"),
                }
            )
            if len(technique_instrument) >= top:
                break
    return {
        "view": G.graph.get("view"),
        "n_abstracts": G.graph.get("n_abstracts"),
        "n_concepts": G.number_of_nodes(),
        "n_links": G.number_of_edges(),
        "n_communities": len({d["community"] for _, d in G.nodes(data=True) if "community" in d}),
        "top_concepts": [
            {
                "id": node,
                "label": data.get("label"),
                "type": data.get("type"),
                "n_abstracts": data.get("n_abstracts"),
                "n_mentions": data.get("n_mentions"),
                "community": data.get("community"),
            }
            for node, data in concepts[:top]
        ],
        "top_pairs": [pair_row(u, v, d) for u, v, d in pairs[:top]],
        "top_technique_instrument": technique_instrument,
    }


# --- writers: one small function per format --------------------------------------


def _scalar(value: Any) -> Any:
    """Lists joined with ';', per-year counts as 'year:count;...' (GraphML and GEXF hold scalars only)."""
    if isinstance(value, dict):
        return LIST_SEPARATOR.join(f"{key}:{item}" for key, item in value.items())
    if isinstance(value, (list, tuple, set)):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return value


def _flat(G: nx.Graph) -> nx.Graph:
    """A copy with list attributes joined and ``None`` attributes dropped."""
    H = nx.Graph()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items() if v is not None})
    H.add_nodes_from((n, {k: _scalar(v) for k, v in d.items() if v is not None}) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, {k: _scalar(x) for k, x in d.items() if x is not None}) for u, v, d in G.edges(data=True))
    return H


def write_graphml(G: nx.Graph, handle: IO[str]) -> None:
    """GraphML for Gephi and Cytoscape; list attributes joined with ';'."""
    graph_keys = {k for k, v in G.graph.items() if v is not None}
    if G.number_of_nodes() == 0 or G.is_directed() or G.is_multigraph() or {"id", "node_default",
                                                                             "edge_default"} & graph_keys:
        writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
        writer.add_graph_element(_flat(G))
        handle.write("<?xml version='1.0' encoding='utf-8'?>\n")
        _write_xml(writer, handle)
    else:
        for chunk in _graphml_direct(G):
            handle.write(chunk)


def _graphml_direct(G: nx.Graph) -> list[str]:
    """What ``GraphMLWriter(prettyprint=True)`` writes for ``_flat(G)``, as ASCII chunks, without its element tree.

    Building that tree (an element and a dict per attribute of every node and
    edge), and the flattened copy of the graph, were most of the cost of the
    GraphML exports. This follows networkx's writer step by step on the
    attributes :func:`_flat` gives (``None`` dropped, lists joined), read from
    ``G`` itself: keys ``d0, d1, ...`` in the order the attributes are first
    met (graph, then nodes, then edges; the graph's own data is written last),
    typed by the value's Python type and listed newest first; the text is
    ``str`` of the value; the same indentation, escaping and ASCII character
    references as :func:`_write_xml`. Undirected simple graphs with at least
    one node and no ``id``/``*_default`` graph attribute only; the rest goes
    through networkx.
    """
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)  # its type table and namespaces
    xml_type = writer.get_xml_type
    escape_text, escape_attrib = _ET._escape_cdata, _ET._escape_attrib
    keys: dict[tuple[str, str, str], str] = {}  # (name, GraphML type, scope) -> key id, first met first
    known: dict[str, dict[tuple[str, type], str]] = {"graph": {}, "node": {}, "edge": {}}
    escaped: dict[str, str] = {}
    chunks: list[str] = []
    pieces: list[str] = []
    append = pieces.append

    def data_elements(data: Mapping[Any, Any], scope: str, indent: str) -> list[str]:
        """The ``<data>`` elements of one node, edge or the graph, keys assigned as met."""
        found = known[scope]
        elements = []
        for name, value in data.items():
            if value is None:
                continue
            kind = type(value)
            if kind is str:
                text = value
            elif kind is int or kind is float or kind is bool:
                text = str(value)
            else:
                value = _scalar(value)
                kind = type(value)
                text = str(value)
            if type(name) is not str:
                name = str(name)
            key = found.get((name, kind))
            if key is None:
                type_name = xml_type(kind)
                key = keys.get((name, type_name, scope))
                if key is None:
                    key = keys[(name, type_name, scope)] = f"d{len(keys)}"
                found[(name, kind)] = key
            if text:
                if kind is str:
                    safe = escaped.get(text)
                    if safe is None:
                        safe = escaped[text] = escape_text(text)
                else:
                    safe = escape_text(text)
                elements.append(f'{indent}<data key="{key}">{safe}</data>')
            else:
                elements.append(f'{indent}<data key="{key}" />')
        return elements

    def flush() -> None:
        chunks.append("".join(pieces).encode("ascii", "xmlcharrefreplace").decode("ascii"))
        pieces.clear()

    graph_data = data_elements(G.graph, "graph", "\n    ")
    node_text: dict[Any, str] = {}
    for node, data in G.nodes(data=True):
        node_id = node_text[node] = escape_attrib(str(node))
        elements = data_elements(data, "node", "\n      ")
        if elements:
            append(f'\n    <node id="{node_id}">' + "".join(elements) + "\n    </node>")
        else:
            append(f'\n    <node id="{node_id}" />')
        if len(pieces) >= _XML_PIECES:
            flush()
    for u, v, data in G.edges(data=True):
        elements = data_elements(data, "edge", "\n      ")
        tag = f'\n    <edge source="{node_text[u]}" target="{node_text[v]}"'
        if elements:
            append(tag + ">" + "".join(elements) + "\n    </edge>")
        else:
            append(tag + " />")
        if len(pieces) >= _XML_PIECES:
            flush()
    append("".join(graph_data))  # networkx appends the graph's data last
    append("\n  </graph>\n</graphml>\n")
    flush()
    head = [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        f'<graphml xmlns="{escape_attrib(writer.NS_GRAPHML)}" xmlns:xsi="{escape_attrib(writer.NS_XSI)}" '
        f'xsi:schemaLocation="{escape_attrib(writer.SCHEMALOCATION)}">',
    ]
    for (name, type_name, scope), key in reversed(keys.items()):
        head.append(f'\n  <key id="{key}" for="{scope}" attr.name="{escape_attrib(name)}" '
                    f'attr.type="{escape_attrib(type_name)}" />')
    head.append('\n  <graph edgedefault="undirected">')
    return ["".join(head).encode("ascii", "xmlcharrefreplace").decode("ascii"), *chunks]


def _year_start(year: int) -> str:
    return f"{year:04d}-01-01"


def _year_end(year: int) -> str:
    return f"{year:04d}-12-31"


def _year_runs(years: Iterable[int]) -> list[tuple[int, int]]:
    """The years as runs of consecutive years, (first, last) each, in order."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return [(a, b) for a, b in runs]


def _spells(years: Mapping[int, int]) -> list[tuple[str, str]]:
    """The years with abstracts as GEXF spells, consecutive years merged into one."""
    return [(_year_start(a), _year_end(b)) for a, b in _year_runs(years)]


def _dynamic(data: Mapping[str, Any]) -> dict[str, Any]:
    """GEXF attributes of a node or edge: static ones joined, per-year counts as a timeline.

    Gephi's timeline reads ``spells`` (when the concept or pair has abstracts)
    and the dynamic attribute ``abstracts`` (how many, per year), both as dates.
    """
    years = data.get("abstracts_per_year")
    flat = {k: _scalar(v) for k, v in data.items() if v is not None and k != "abstracts_per_year"}
    if years:
        flat["spells"] = _spells(years)
        flat["abstracts"] = [(count, _year_start(y), _year_end(y)) for y, count in years.items()]
    return flat


def write_gexf(G: nx.Graph, handle: IO[str]) -> None:
    """GEXF 1.2 for Gephi, with a fixed ``meta``; a dynamic graph when records have dates.

    networkx stamps ``meta`` with today's date and its own version; both are
    replaced (date dropped, creator 'astro-ie') so the bytes depend on the graph
    alone. The bytes are those of networkx's ``GEXFWriter`` (see
    :func:`_gexf_direct`); a graph the direct path does not cover goes through
    networkx itself.
    """
    try:
        chunks = _gexf_direct(G)
    except _Unusual:
        _write_gexf_networkx(G, handle)
        return
    for chunk in chunks:
        handle.write(chunk)


def _write_gexf_networkx(G: nx.Graph, handle: IO[str]) -> None:
    """:func:`write_gexf` through networkx's element tree: any graph networkx can write."""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "astro-ie"
    H = nx.Graph()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items() if v is not None})
    H.add_nodes_from((n, _dynamic(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, _dynamic(d)) for u, v, d in G.edges(data=True))
    writer.add_graph(H)
    handle.write("<?xml version='1.0' encoding='utf-8'?>\n")
    _write_xml(writer, handle)


class _Unusual(Exception):
    """A graph the direct GEXF writer leaves to networkx."""


_GEXF_TYPES = {int: "long", float: "double", bool: "boolean", str: "string"}
"""networkx's GEXF ``xml_type`` for the scalar types the direct writer renders (the last entry per type wins there)."""

_GEXF_NODE_RESERVED = frozenset({"id", "pid", "start", "end", "parents", "viz", "key", "spells", "abstracts"})
_GEXF_EDGE_RESERVED = frozenset({"id", "label", "type", "start", "end", "viz", "key", "spells", "abstracts"})
"""Attribute names networkx's GEXF writer treats specially (or :func:`_dynamic` adds): left to networkx."""


_GEXF_FLOAT_NAMES = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}
"""networkx's GEXF text of the float values ``str`` writes as inf, -inf, nan."""


def _gexf_direct(G: nx.Graph) -> list[str]:
    """What :func:`_write_gexf_networkx` writes for ``G``, as ASCII chunks, without an element tree.

    Building networkx's tree (an element per node, edge, spell and attribute
    value, then indenting and serialising it) was the largest share of a run's
    graph exports. This follows ``GEXFWriter.add_graph`` step by step on the
    attributes :func:`_dynamic` gives: node ``label`` and edge ``weight`` as XML
    attributes (``str`` of the value), ``spells`` before ``attvalues``,
    attribute ids numbered in the order first met (nodes, then edges) and typed
    by that first value, booleans in lower case and float infinities and NaN
    renamed, each ``attributes`` block put first when it is created, the graph
    made dynamic (``timeformat="date"``) by the first spell; networkx's
    indentation, ElementTree's escaping and ASCII character references as
    :func:`_write_xml`. Undirected simple graphs with plain scalar (or list,
    tuple, set, dict) attributes only: anything else raises :class:`_Unusual`,
    before anything is written.
    """
    if G.is_directed() or G.is_multigraph():
        raise _Unusual
    graph_data = {k: _scalar(v) for k, v in G.graph.items() if v is not None}
    if {"mode", "node_default", "edge_default"} & graph_data.keys():
        raise _Unusual
    name = graph_data.get("name", "")
    if not isinstance(name, str):
        raise _Unusual
    escape_attrib = _ET._escape_attrib
    declared: list[tuple[str, str, str, str]] = []  # (class, mode, title, type), the id is the position
    prefixes: dict[str, dict[str, str]] = {}  # "<class> <mode>" -> title -> the attvalue's text up to its value
    years_text: dict[Any, tuple[str, str, str]] = {}  # year -> its start, end, and ' start=".." end=".."'
    escaped: dict[str, str] = {}
    dynamic = False
    chunks: list[str] = []
    pieces: list[str] = []
    append = pieces.append
    float_names = _GEXF_FLOAT_NAMES

    def declare(scope: str, mode: str, title: str, value_type: type) -> str:
        type_name = _GEXF_TYPES.get(value_type)
        if type_name is None:
            raise _Unusual
        declared.append((scope, mode, title, type_name))
        prefix = f'\n          <attvalue for="{len(declared) - 1}" value="'
        prefixes[f"{scope} {mode}"][title] = prefix
        return prefix

    def year(value: Any) -> tuple[str, str, str]:
        found = years_text.get(value)
        if found is None:
            start, end = _year_start(value), _year_end(value)
            found = years_text[value] = (start, end, f' start="{start}" end="{end}"')
        return found

    def element(scope: str, data: Mapping[Any, Any], special: str, special_text: str | None,
                reserved: frozenset[str], head: str, close: str) -> None:
        """One node or edge: ``head`` (its tag, open), ``special`` as an XML attribute, spells, attvalues.

        ``special_text`` is the XML attribute's text when the data has no ``special`` value.
        """
        nonlocal dynamic
        if not reserved.isdisjoint(data):
            raise _Unusual
        static = prefixes[f"{scope} static"]
        values = []
        years = None
        for title, value in data.items():
            if value is None:
                continue
            if title == "abstracts_per_year":
                years = value
                continue
            if title == special:
                special_text = str(_scalar(value))
                continue
            value_type = type(value)
            if value_type is str:
                text = escaped.get(value)
                if text is None:
                    text = escaped[value] = escape_attrib(value)
            elif value_type is int:
                text = int.__repr__(value)
            elif value_type is float:
                text = float.__repr__(value)
                if text in float_names:
                    text = float_names[text]
            elif value_type is bool:
                text = "true" if value else "false"
            else:
                value = _scalar(value)
                value_type = type(value)
                if value_type is not str:
                    raise _Unusual
                text = escape_attrib(value)
            if type(title) is not str:
                title = str(title)
            prefix = static.get(title)
            if prefix is None:
                prefix = declare(scope, "static", title, value_type)
            values.append(prefix + text + '" />')
        if special_text is not None:
            head += f' {special}="{escape_attrib(special_text)}"'
        append(head)
        if years:
            if not isinstance(years, Mapping):
                raise _Unusual
            dynamic = True
            append(">\n        <spells>")
            for first, last in _year_runs(years):
                append(f'\n          <spell start="{year(first)[0]}" end="{year(last)[1]}" />')
            append("\n        </spells>\n        <attvalues>")
            append("".join(values))
            prefix = prefixes[f"{scope} dynamic"].get("abstracts")
            for when, count in years.items():
                if type(count) is not int:
                    raise _Unusual
                if prefix is None:
                    prefix = declare(scope, "dynamic", "abstracts", int)
                append(f'{prefix}{count}"{year(when)[2]} />')
            append("\n        </attvalues>" + close)
        elif values:
            append(">\n        <attvalues>")
            append("".join(values))
            append("\n        </attvalues>" + close)
        else:
            append(" />")
        if len(pieces) >= _XML_PIECES:
            chunks.append("".join(pieces).encode("ascii", "xmlcharrefreplace").decode("ascii"))
            pieces.clear()

    for scope in ("node", "edge"):
        for mode in ("static", "dynamic"):
            prefixes[f"{scope} {mode}"] = {}
    node_text: dict[Any, str] = {}
    append("\n    <nodes>" if len(G) else "\n    <nodes />")
    for node, data in G.nodes(data=True):
        node_id = node_text[node] = escape_attrib(str(node))
        element("node", data, "label", str(node), _GEXF_NODE_RESERVED, f'\n      <node id="{node_id}"',
                "\n      </node>")  # networkx's label defaults to the node
    if len(G):
        append("\n    </nodes>")
    append("\n    <edges>" if G.number_of_edges() else "\n    <edges />")
    for number, (u, v, data) in enumerate(G.edges(data=True)):
        element("edge", data, "weight", None, _GEXF_EDGE_RESERVED,
                f'\n      <edge source="{node_text[u]}" target="{node_text[v]}" id="{number}"', "\n      </edge>")
    if G.number_of_edges():
        append("\n    </edges>")
    append("\n  </graph>\n</gexf>\n")
    chunks.append("".join(pieces).encode("ascii", "xmlcharrefreplace").decode("ascii"))

    gexf = GEXF()
    gexf.set_version("1.2draft")
    head = [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        f'<gexf xmlns="{gexf.NS_GEXF}" xmlns:xsi="{gexf.NS_XSI}" xsi:schemaLocation="{gexf.SCHEMALOCATION}" '
        f'version="{gexf.VERSION}">\n  <meta>\n    <creator>astro-ie</creator>\n  </meta>',
        f'\n  <graph defaultedgetype="undirected" mode="{"dynamic" if dynamic else "static"}" '
        f'name="{escape_attrib(name)}"' + (' timeformat="date">' if dynamic else ">"),
    ]
    groups: dict[tuple[str, str], list[str]] = {}
    for number, (scope, mode, title, type_name) in enumerate(declared):
        groups.setdefault((scope, mode), []).append(
            f'\n      <attribute id="{number}" title="{escape_attrib(title)}" type="{type_name}" />'
        )
    for (scope, mode), declarations in reversed(groups.items()):
        head.append(f'\n    <attributes mode="{mode}" class="{scope}">')
        head.extend(declarations)
        head.append("\n    </attributes>")
    return ["".join(head).encode("ascii", "xmlcharrefreplace").decode("ascii"), *chunks]


class _OneFinalNewline:
    """A text sink that ends the document with exactly one newline, whatever newlines it was given last."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.pending = ""  # newlines that may be the document's last characters

    def write(self, text: str) -> None:
        body = text.rstrip("\n")
        if body:
            self.handle.write(self.pending + body)
            self.pending = text[len(body):]
        else:
            self.pending += text

    def close(self) -> None:
        self.handle.write("\n")


_XML_PIECES = 16384
"""Pieces of markup joined, made ASCII and written at once."""


def _write_xml(writer: GraphMLWriter | GEXFWriter, handle: IO[str]) -> None:
    """The bytes of ``str(writer).rstrip("\\n") + "\\n"``, streamed into ``handle``.

    ``str(writer)`` indents the element tree and serialises it with
    ``ElementTree.tostring`` (ASCII, other characters as decimal character
    references). Serialising the tree here instead gives the same bytes without
    ElementTree's namespace pass and per-element generic dispatch, which took
    most of an update's graph exports; it uses ElementTree's own escaping
    functions, and the tree networkx builds has plain tags and string values
    only (anything else raises as ElementTree would).
    """
    if writer.prettyprint:
        writer.indent(writer.xml)
    sink = _OneFinalNewline(handle)
    pieces: list[str] = []
    append = pieces.append
    escape_text, escape_attrib = _ET._escape_cdata, _ET._escape_attrib

    def text_of(value: Any) -> str:
        if not isinstance(value, str):
            _ET._raise_serialization_error(value)
        return value

    def flush() -> None:
        sink.write("".join(pieces).encode("ascii", "xmlcharrefreplace").decode("ascii"))
        pieces.clear()

    def serialize(element: Any) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag[:1] == "{":
            raise ValueError(f"graph export: unexpected XML tag {tag!r}")
        append("<" + tag)
        for key, value in element.items():
            if not isinstance(key, str) or key[:1] == "{":
                raise ValueError(f"graph export: unexpected XML attribute {key!r}")
            append(f' {key}="{escape_attrib(text_of(value))}"')
        text = element.text
        if text or len(element):
            append(">")
            if text:
                append(escape_text(text_of(text)))
            for child in element:
                serialize(child)
            append("</" + tag + ">")
        else:
            append(" />")
        if element.tail:
            append(escape_text(text_of(element.tail)))
        if len(pieces) >= _XML_PIECES:
            flush()

    serialize(writer.xml)
    flush()
    sink.close()


_JSON_CHUNKS = 8192
"""Encoder pieces joined per write: few calls, and no string of the whole document."""


def write_json(data: Any, handle: IO[str], indent: int = 1, sort_keys: bool = False) -> None:
    """``json.dump(data, handle, ensure_ascii=False, indent=indent, sort_keys=sort_keys, allow_nan=False)``, faster.

    The same bytes as the standard library's encoder, which with ``indent``
    runs its pure-Python generator per value; this walks the data once,
    appending to a list, with the C string encoder. Plain JSON data only
    (dict, list, tuple, str, int, float, bool, None), as the graph files hold.
    """
    pieces: list[str] = []
    value = _json_walker(pieces, handle, indent, sort_keys)
    value(data, 0)
    handle.write("".join(pieces))


def _json_floatstr(value: float) -> str:
    if value != value or value in (math.inf, -math.inf):
        raise ValueError("Out of range float values are not JSON compliant: " + repr(value))
    return float.__repr__(value)


def _json_key(key: Any) -> str:
    """The text of an object key, as the standard library's encoder makes it."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _json_floatstr(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _json_walker(pieces: list[str], handle: IO[str], indent: int, sort_keys: bool) -> Callable[[Any, int], None]:
    """:func:`write_json`'s encoder: ``value(item, level)`` appends ``item``'s text at ``level`` to ``pieces``.

    Writes the pieces to ``handle`` when they grow past :data:`_JSON_CHUNKS`.
    """
    append = pieces.append
    encode_str = json.encoder.encode_basestring  # ensure_ascii=False: the C encoder when available
    step = " " * indent
    floatstr = _json_floatstr
    key_of = _json_key

    def scalar(value: Any) -> str | None:
        if isinstance(value, str):
            return encode_str(value)
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, int):
            return int.__repr__(value)
        if isinstance(value, float):
            return floatstr(value)
        return None

    def value(item: Any, level: int) -> None:
        kind = type(item)  # the exact common types first: the same text as the checks below
        if kind is str:
            append(encode_str(item))
        elif kind is int:
            append(int.__repr__(item))
        elif kind is float:
            append(floatstr(item))
        elif kind is dict:
            mapping(item, level)
        elif kind is list:
            array(item, level)
        elif (text := scalar(item)) is not None:
            append(text)
        elif isinstance(item, (list, tuple)):
            array(item, level)
        elif isinstance(item, dict):
            mapping(item, level)
        else:
            raise TypeError(f"Object of type {item.__class__.__name__} is not JSON serializable")
        if len(pieces) >= _JSON_CHUNKS:
            handle.write("".join(pieces))
            pieces.clear()

    def array(items: list | tuple, level: int) -> None:
        if not items:
            append("[]")
            return
        inner = "\n" + step * (level + 1)
        append("[" + inner)
        separator = "," + inner
        for number, item in enumerate(items):
            if number:
                append(separator)
            value(item, level + 1)
        append("\n" + step * level + "]")

    def mapping(items: dict, level: int) -> None:
        if not items:
            append("{}")
            return
        inner = "\n" + step * (level + 1)
        append("{" + inner)
        separator = "," + inner
        for number, (key, item) in enumerate(sorted(items.items()) if sort_keys else items.items()):
            if number:
                append(separator)
            append(encode_str(key_of(key)) + ": ")
            value(item, level + 1)
        append("\n" + step * level + "}")

    return value


def write_node_link(G: nx.Graph, handle: IO[str]) -> None:
    """networkx node-link JSON (``edges="links"``), read back by ``nx.node_link_graph``.

    The bytes of ``json.dumps(nx.node_link_data(G, edges="links"), indent=1, sort_keys=True)``,
    streamed in chunks. The node and edge objects, most of the file, are written
    here with their sorted keys' text computed once per set of keys and common
    values (strings, numbers, lists of strings) rendered inline; the rest goes
    through :func:`write_json`'s encoder. Multigraphs go through networkx.
    """
    if G.is_multigraph():
        _write_node_link_networkx(G, handle)
        return
    pieces: list[str] = []
    append = pieces.append
    value = _json_walker(pieces, handle, 1, True)
    encode_str = json.encoder.encode_basestring
    floatstr = _json_floatstr
    layouts: dict[tuple, list[tuple[Any, str]]] = {}  # an object's keys -> (key, text before its value), sorted

    def layout(keys: tuple) -> list[tuple[Any, str]]:
        return [  # keys are unique, so json's sorted(items) is their order
            (key, ("{" if number == 0 else ",") + "\n   " + encode_str(_json_key(key)) + ": ")
            for number, key in enumerate(sorted(keys))
        ]

    def objects(items: Iterable[dict]) -> None:
        """A list of objects at level 1 (the list), 2 (the objects), 3 (their values)."""
        opened = False
        for item in items:
            append(",\n  " if opened else "[\n  ")
            opened = True
            if not item:
                append("{}")
                continue
            keys = tuple(item)
            fields = layouts.get(keys)
            if fields is None:
                fields = layouts[keys] = layout(keys)
            for key, before in fields:
                append(before)
                field = item[key]
                kind = type(field)
                if kind is str:
                    append(encode_str(field))
                elif kind is int:
                    append(int.__repr__(field))
                elif kind is float:
                    append(floatstr(field))
                elif kind is list and field:
                    try:  # a list of strings, most often: one join
                        append("[\n    " + ",\n    ".join(map(encode_str, field)) + "\n   ]")
                    except TypeError:
                        value(field, 3)
                elif kind is dict and field:
                    entries = []  # per-year counts, most often: int keys and values
                    for year, count in sorted(field.items()):
                        if type(year) is not int or type(count) is not int:
                            value(field, 3)
                            break
                        entries.append(f'"{year}": {count}')
                    else:
                        append("{\n    " + ",\n    ".join(entries) + "\n   }")
                else:
                    value(field, 3)
            append("\n  }")
            if len(pieces) >= _JSON_CHUNKS:
                handle.write("".join(pieces))
                pieces.clear()
        append("\n ]" if opened else "[]")

    append('{\n "directed": ' + ("true" if G.is_directed() else "false") + ',\n "graph": ')
    value(G.graph, 1)
    append(',\n "links": ')
    objects({**data, "source": u, "target": v} for u, v, data in G.edges(data=True))
    append(',\n "multigraph": false,\n "nodes": ')
    objects({**G.nodes[n], "id": n} for n in G)
    append("\n}\n")
    handle.write("".join(pieces))


def _write_node_link_networkx(G: nx.Graph, handle: IO[str]) -> None:
    """:func:`write_node_link` through ``nx.node_link_data``: any graph."""
    write_json(nx.node_link_data(G, edges="links"), handle, indent=1, sort_keys=True)
    handle.write("\n")


def read_node_link(path: str | Path) -> nx.Graph:
    """A graph written by :func:`write_node_link`, with its list attributes intact."""
    with open(path, encoding="utf-8") as handle:
        return nx.node_link_graph(json.load(handle), edges="links")


def vosviewer_data(G: nx.Graph) -> dict[str, Any]:
    """The VOSviewer JSON network: items, links and clusters.

    Follows the VOSviewer JSON file type (app.vosviewer.com docs, "VOSviewer JSON
    files"): items with id, label, description, cluster (1..1000) and weights;
    links with source_id, target_id and strength. Link strength is the raw
    co-occurrence count: VOSviewer applies its own association-strength
    normalisation when it lays out and clusters the map. x/y are left out, so
    VOSviewer computes the layout.
    """
    items = []
    cluster_label: dict[int, tuple[int, str, str]] = {}
    for node, data in G.nodes(data=True):
        item: dict[str, Any] = {"id": node, "label": data.get("label") or node}
        kind = data.get("kind")
        item["description"] = f"{data.get('type')} ({kind}): {node}" if kind else f"{data.get('type')}: {node}"
        community = data.get("community")
        if isinstance(community, int) and 1 <= community <= VOSVIEWER_MAX_CLUSTER:
            item["cluster"] = community
            rank = (-data.get("n_abstracts", 0), node, item["label"])
            if community not in cluster_label or rank < cluster_label[community]:
                cluster_label[community] = rank
        item["weights"] = {
            "Links": data.get("n_links", G.degree(node)),
            "Total link strength": data.get("link_strength", G.degree(node, weight="weight")),
            "Occurrences": data.get("n_abstracts", 0),
            "Mentions": data.get("n_mentions", 0),
        }
        if data.get("mean_year") is not None:
            item["scores"] = {"Avg. pub. year": data["mean_year"]}
        items.append(item)
    links = [{"source_id": u, "target_id": v, "strength": d["weight"]} for u, v, d in G.edges(data=True)]
    # Each cluster is named after its most frequent concept.
    clusters = [{"cluster": c, "label": cluster_label[c][2]} for c in sorted(cluster_label)]
    return {"network": {"items": items, "links": links, "clusters": clusters}}


def write_vosviewer(G: nx.Graph, handle: IO[str]) -> None:
    """VOSviewer JSON map + network file, opened by VOSviewer and VOSviewer Online."""
    write_json(vosviewer_data(G), handle, indent=1)
    handle.write("\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(_scalar(value))


_NODE_COLUMNS = (
    "label", "type", "kind", "generic", "n_abstracts", "n_mentions", "n_links",
    "link_strength", "community", "broader", "members", "bipartite",
    "first_year", "last_year", "mean_year", "abstracts_per_year",
)  # fmt: skip
_EDGE_COLUMNS = ("weight", "association_strength", "npmi", "examples", "first_year", "last_year", "mean_year",
                 "abstracts_per_year")


def _columns(preferred: tuple[str, ...], rows: Iterable[Mapping[str, Any]]) -> list[str]:
    present: set[str] = set()
    for row in rows:
        present.update(row)
    return [c for c in preferred if c in present] + sorted(present - set(preferred))


def write_nodes_csv(G: nx.Graph, handle: IO[str]) -> None:
    """One row per concept: ``id`` then its attributes; lists joined with ';'."""
    columns = _columns(_NODE_COLUMNS, (d for _, d in G.nodes(data=True)))
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["id", *columns])
    for node, data in G.nodes(data=True):
        writer.writerow([node, *(_cell(data.get(c)) for c in columns)])


def write_edges_csv(G: nx.Graph, handle: IO[str]) -> None:
    """One row per pair: ``source``, ``target`` (source < target), then the measures."""
    columns = _columns(_EDGE_COLUMNS, (d for _, _, d in G.edges(data=True)))
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["source", "target", *columns])
    for u, v, data in G.edges(data=True):
        writer.writerow([u, v, *(_cell(data.get(c)) for c in columns)])


WRITERS: dict[str, Callable[[nx.Graph, IO[str]], None]] = {
    ".graphml": write_graphml,
    ".gexf": write_gexf,
    ".json": write_node_link,
    ".vosviewer.json": write_vosviewer,
    ".edges.csv": write_edges_csv,
    ".nodes.csv": write_nodes_csv,
}
"""File suffix -> writer; :func:`write_exports` writes them all, in this order."""


def write_exports(G: nx.Graph, directory: str | Path, stem: str) -> list[Path]:
    """Write ``<stem>`` + each suffix of :data:`WRITERS` into ``directory``, atomically.

    Same graph, same bytes: nodes and edges come out in sorted order, floats are
    already rounded, and no writer stamps a date or a version.
    """
    directory = Path(directory)
    written = []
    for suffix, writer in WRITERS.items():
        path = directory / f"{stem}{suffix}"
        with atomic_open(path) as handle:
            writer(G, handle)
        written.append(path)
    return written
