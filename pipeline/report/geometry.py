"""Where the technique-instrument graph's nodes go: the part drawn and its seeded layout."""

from __future__ import annotations

import math

import networkx as nx

LAYOUT_SEED = 42
"""Seed of ``nx.spring_layout``: the same graph is always drawn the same way."""

GRAPH_NODE_LIMIT = 400
"""Most concepts drawn in the graph (by abstracts): beyond this an SVG graph is unreadable and slow."""

GRAPH_EDGE_LIMIT = 4000
"""Most links drawn (the heaviest), for the same reason."""

SVG_WIDTH, SVG_HEIGHT, SVG_MARGIN = 1000, 700, 40
SVG_LABEL_ROOM = 160
"""Room kept right of the layout for the labels of the rightmost nodes."""


def by_abstracts(G: nx.Graph) -> list[str]:
    """Nodes ranked by abstracts, then mentions, then id: the one ranking the page and the PNG use."""
    return sorted(G, key=lambda n: (-G.nodes[n].get("n_abstracts", 0), -G.nodes[n].get("n_mentions", 0), n))


def drawn_graph(view: nx.Graph) -> nx.Graph:
    """The part of ``view`` the page and the PNG draw: the largest nodes and heaviest links.

    The whole view when it is within :data:`GRAPH_NODE_LIMIT` and
    :data:`GRAPH_EDGE_LIMIT`; otherwise the top nodes by abstracts and the
    heaviest links among them, with nodes left without a link dropped.
    """
    if view.number_of_nodes() <= GRAPH_NODE_LIMIT and view.number_of_edges() <= GRAPH_EDGE_LIMIT:
        return view
    keep = set(by_abstracts(view)[:GRAPH_NODE_LIMIT])
    edges = sorted(
        ((u, v, d) for u, v, d in view.edges(data=True) if u in keep and v in keep),
        key=lambda e: (-e[2].get("weight", 1), min(e[0], e[1]), max(e[0], e[1])),
    )[:GRAPH_EDGE_LIMIT]
    H = nx.Graph()
    H.graph.update(view.graph)
    linked = {u for u, _, _ in edges} | {v for _, v, _ in edges}
    H.add_nodes_from((n, view.nodes[n]) for n in sorted(linked))
    H.add_edges_from(sorted(((min(u, v), max(u, v), d) for u, v, d in edges), key=lambda e: e[:2]))
    return H


def layout(
    G: nx.Graph, width: float = SVG_WIDTH, height: float = SVG_HEIGHT, margin: float = SVG_MARGIN,
    label_room: float = SVG_LABEL_ROOM, spread: float = 1.0,
) -> dict[str, tuple[float, float]]:
    """Node positions in drawing units (y down), from a seeded spring layout.

    Each connected component is laid out on its own and the components are
    packed in rows, largest first: one spring layout of the whole graph throws
    small components to the far corners and squeezes the main one. Links pull
    with ``1 + log(weight)``, since raw counts let a few heavy links collapse
    the hubs onto each other; ``spread`` > 1 keeps nodes further apart (the PNG,
    which names more of them at once). Rounded to 0.1 so the bytes are stable.
    """
    if G.number_of_nodes() == 0:
        return {}
    components = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    sides = [math.sqrt(len(c)) for c in components]
    row_width = max(max(sides), math.sqrt(sum(len(c) for c in components)) * width / height)
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for component, side in zip(components, sides):
        if x > 0 and x + side > row_width + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (u, v) in component_layout(G, component, spread).items():
            placed[node] = (x + side * (0.1 + 0.8 * u), y + side * (0.1 + 0.8 * v))
        x += side
        row_height = max(row_height, side)
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    inner_w, inner_h = width - 2 * margin - label_room, height - 2 * margin
    factor = min(inner_w / span_x if span_x > 1e-12 else math.inf, inner_h / span_y if span_y > 1e-12 else math.inf)
    if math.isinf(factor):
        factor = 0.0
    offset_x = margin + (inner_w - span_x * factor) / 2
    offset_y = margin + (inner_h - span_y * factor) / 2
    return {
        node: (
            round(offset_x + (px - min(xs)) * factor, 1) + 0.0,
            round(offset_y + (py - min(ys)) * factor, 1) + 0.0,
        )
        for node, (px, py) in sorted(placed.items())
    }


def component_layout(G: nx.Graph, component: list[str], spread: float = 1.0) -> dict[str, tuple[float, float]]:
    """A seeded spring layout of one component, scaled into the unit square."""
    if len(component) == 1:
        return {component[0]: (0.5, 0.5)}
    H = nx.Graph()
    H.add_nodes_from(component)
    H.add_edges_from(
        (min(u, v), max(u, v), {"pull": 1.0 + math.log(max(1, d.get("weight", 1)))})
        for u, v, d in sorted(G.subgraph(component).edges(data=True), key=lambda e: (min(e[:2]), max(e[:2])))
    )
    k = None if spread == 1.0 else spread / math.sqrt(len(component))
    raw = nx.spring_layout(H, k=k, seed=LAYOUT_SEED, weight="pull", iterations=100)
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    pad_x = (span - (max(xs) - min(xs))) / 2
    pad_y = (span - (max(ys) - min(ys))) / 2
    return {n: ((float(p[0]) - min(xs) + pad_x) / span, (float(p[1]) - min(ys) + pad_y) / span) for n, p in raw.items()}


def radius(n_abstracts: int, largest: int) -> float:
    """Area grows with the number of abstracts."""
    return round(4.0 + 16.0 * math.sqrt(max(0, n_abstracts) / max(1, largest)), 1)


def heaviest_weight(G: nx.Graph) -> int:
    return max((d.get("weight", 1) for _, _, d in G.edges(data=True)), default=1)


def largest_node(G: nx.Graph) -> int:
    return max((d.get("n_abstracts", 0) for _, d in G.nodes(data=True)), default=1) or 1

