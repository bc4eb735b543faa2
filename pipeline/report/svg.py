"""The technique-instrument graph as the page's SVG draws it: numbers only, markup in ``graph.html``."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import networkx as nx

from .colors import color_of
from .geometry import by_abstracts, heaviest_weight, largest_node, radius

SVG_LABELS = 30
"""Nodes named before zooming in (by abstracts); more labels overlap into noise."""


def graph_elements(G: nx.Graph, positions: Mapping[str, tuple[float, float]]) -> dict[str, list[dict[str, Any]]]:
    """Edges and nodes (the largest last, so on top) with their geometry and tooltips."""
    largest, heaviest = largest_node(G), heaviest_weight(G)
    ranked = by_abstracts(G)
    named = set(ranked[:SVG_LABELS])
    label = {n: str(G.nodes[n].get("label") or n) for n in G}
    edges = []
    for u, v, d in G.edges(data=True):
        (x1, y1), (x2, y2) = positions[u], positions[v]
        weight = d.get("weight", 1)
        edges.append({
            "source": u, "target": v, "weight": weight, "x1": x1, "y1": y1, "x2": x2, "y2": y2,
            "width": round(0.6 + 3.4 * math.sqrt(weight / heaviest), 2),
            "title": f"{label[u]} \u2014 {label[v]}: {weight:,} abstract{'' if weight == 1 else 's'}",
        })
    nodes = []
    for node in ranked[::-1]:
        data = G.nodes[node]
        x, y = positions[node]
        n = data.get("n_abstracts", 0)
        r = radius(n, largest)
        nodes.append({
            "id": node, "type": str(data.get("type") or ""), "n": n, "minor": node not in named,
            "x": x, "y": y, "r": r, "color": color_of(data.get("type")), "label": label[node],
            "label_x": round(x + r + 2, 1), "label_y": round(y + 4, 1),
            "title": f"{label[node]} ({node}): {n:,} abstract{'' if n == 1 else 's'}",
        })
    return {"edges": edges, "nodes": nodes}
