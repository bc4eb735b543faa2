"""``technique-instrument.png``: the graph as a figure for papers and slides.

Drawn on a bare ``Figure`` with the Agg canvas (no pyplot state, safe in
worker threads). The graph fills the canvas; only the concepts in the most
abstracts are named, each label put where it overlaps no other label and no
node, or left out; the legend sits in its own strip inside the canvas.
``metadata={"Software": None}`` drops the matplotlib version, so the same
graph gives the same bytes.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from ..io import atomic_open
from .colors import color_of, type_order
from .geometry import by_abstracts, component_layout, heaviest_weight, largest_node, layout

FIGURE_SIZE = (13.333, 7.5)
"""Inches: a 16:9 slide."""

FIGURE_DPI = 150

FIGURE_LABELS = 30
"""Concepts the figure tries to name (by abstracts); a label that finds no free place is left out."""

FIGURE_SPREAD = 1.8
"""How much further apart than on the page the layout keeps nodes, to leave room for names."""

AXES_BOX = (0.01, 0.08, 0.98, 0.84)
"""Where the graph goes (left, bottom, width, height): the title above, the legend below."""

SIDE_COLUMN = 0.2
"""Share of the width given to the small components, beside the largest one."""

_OFFSETS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
"""Places tried for a label around its node: right, left, above, below, then the diagonals."""


def _plain(text: str) -> str:
    """Text matplotlib shows as written: ``$`` would start mathtext."""
    return text.replace("$", r"\$")


def _marker_size(n_abstracts: int, largest: int) -> float:
    """Scatter size (points squared): area grows with the number of abstracts."""
    return (5.0 + 19.0 * math.sqrt(max(0, n_abstracts) / max(1, largest))) ** 2


def _place_labels(figure: Figure, axes, G: nx.Graph, positions, sizes) -> list:
    """Name the top nodes where a label overlaps no other label and no named node, inside the axes.

    A label may cover small unnamed nodes (its white halo keeps it legible);
    a node whose label finds no free place of the eight tried stays unnamed.
    """
    renderer = figure.canvas.get_renderer()
    frame = axes.get_window_extent(renderer)
    to_display = axes.transData.transform
    candidates = by_abstracts(G)[:FIGURE_LABELS]
    node_boxes = []
    for node in candidates:
        x, y = to_display(positions[node])
        half = math.sqrt(sizes[node]) / 3 * figure.dpi / 72  # the node's core: a label may graze its rim
        node_boxes.append((node, Bbox.from_extents(x - half, y - half, x + half, y + half)))
    placed: list[Bbox] = []
    texts = []
    for node in candidates:
        x, y = positions[node]
        gap = (math.sqrt(sizes[node]) / 2 + 3) * figure.dpi / 72
        text = axes.text(x, y, _plain(str(G.nodes[node].get("label") or node)), fontsize=10, zorder=4,
                         path_effects=[patheffects.withStroke(linewidth=3, foreground="white")])
        for (dx, dy), reach in ((offset, reach) for reach in (1, 2.5) for offset in _OFFSETS):
            ha = "left" if dx > 0 else "right" if dx < 0 else "center"
            va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
            px, py = to_display((x, y))
            text.set_position(axes.transData.inverted().transform((px + dx * gap * reach, py + dy * gap * reach)))
            text.set_ha(ha)
            text.set_va(va)
            box = text.get_window_extent(renderer).expanded(1.04, 1.1)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(other) for other in placed) and not any(
                box.overlaps(b) for n, b in node_boxes if n != node
            ):
                placed.append(box)
                texts.append(text)
                break
        else:
            text.remove()
    return texts


def figure_layout(G: nx.Graph, width: float, height: float) -> dict[str, tuple[float, float]]:
    """Positions that fill a wide canvas: the largest component stretched over most of it.

    The small components (often a technique and one instrument) go in a grid
    in a column on the right. When no component holds most nodes, the page's
    packed layout is used as is.
    """
    components = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    if len(components[0]) * 2 < G.number_of_nodes():
        return layout(G, width=width, height=height, margin=0, label_room=0, spread=FIGURE_SPREAD)
    rest = components[1:]
    main_width = width * (1 - SIDE_COLUMN) if rest else width
    main = component_layout(G, components[0], FIGURE_SPREAD)
    us, vs = [u for u, _ in main.values()], [v for _, v in main.values()]
    span_u, span_v = (max(us) - min(us)) or 1.0, (max(vs) - min(vs)) or 1.0
    # Stretched to the canvas's shape: a wide slide gets a wide graph.
    positions = {n: ((u - min(us)) / span_u * main_width, (v - min(vs)) / span_v * height)
                 for n, (u, v) in main.items()}
    if rest:
        columns = 2
        rows = math.ceil(len(rest) / columns)
        cell_w, cell_h = (width - main_width) / columns, height / rows
        for i, component in enumerate(rest):
            left, top = main_width + (i % columns) * cell_w, (i // columns) * cell_h
            for n, (u, v) in component_layout(G, component, FIGURE_SPREAD).items():
                positions[n] = (left + cell_w * (0.2 + 0.6 * u), top + cell_h * (0.2 + 0.6 * v))
    return {n: (round(x, 1) + 0.0, round(y, 1) + 0.0) for n, (x, y) in sorted(positions.items())}


def draw_figure(G: nx.Graph, title: str) -> Figure:
    """The technique-instrument graph as a matplotlib ``Figure`` (not yet saved)."""
    figure = Figure(figsize=FIGURE_SIZE, dpi=FIGURE_DPI)
    FigureCanvasAgg(figure)
    figure.suptitle(_plain(f"{title}: techniques and the telescopes, surveys and datasets they are applied to"),
                    fontsize=14, y=0.975)
    axes = figure.add_axes(AXES_BOX)
    axes.set_axis_off()
    if G.number_of_nodes() == 0:
        axes.set_xlim(0, 1)
        axes.set_ylim(0, 1)
        axes.text(0.5, 0.5, "No technique is mentioned with an instrument.", ha="center", fontsize=12)
        return figure
    width, height = FIGURE_SIZE[0] * AXES_BOX[2], FIGURE_SIZE[1] * AXES_BOX[3]
    positions = figure_layout(G, width * 100, height * 100)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    pad = 0.04 * max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    axes.set_xlim(min(xs) - pad, max(xs) + pad)
    axes.set_ylim(max(ys) + pad, min(ys) - pad)  # y grows downwards, as on the page
    heaviest, largest = heaviest_weight(G), largest_node(G)
    segments = [[positions[u], positions[v]] for u, v in G.edges()]
    widths = [0.4 + 3.0 * math.sqrt(d.get("weight", 1) / heaviest) for _, _, d in G.edges(data=True)]
    axes.add_collection(LineCollection(segments, linewidths=widths, colors="#8c8c8c", alpha=0.4, zorder=1))
    sizes = {n: _marker_size(G.nodes[n].get("n_abstracts", 0), largest) for n in G}
    order = by_abstracts(G)[::-1]  # the largest last, so on top
    axes.scatter([positions[n][0] for n in order], [positions[n][1] for n in order], s=[sizes[n] for n in order],
                 c=[color_of(G.nodes[n].get("type")) for n in order], edgecolors="white", linewidths=0.8, zorder=2)
    labeled = _place_labels(figure, axes, G, positions, sizes)
    present = sorted({G.nodes[n].get("type") or "" for n in G}, key=type_order)
    handles = [Line2D([], [], marker="o", linestyle="", markersize=10, color=color_of(t), label=t or "other")
               for t in present]
    handles.append(Line2D([], [], linestyle="", label=(
        f"node area: abstracts; link width: abstracts mentioning both; named: {len(labeled)} of the most frequent"
    )))
    figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.01), ncol=len(handles),
                  frameon=False, fontsize=10, handletextpad=0.3, columnspacing=1.2)
    return figure


def write_png(path: Path, G: nx.Graph, title: str) -> Path:
    """Write the figure of ``G`` to ``path``, byte for byte the same for the same graph."""
    figure = draw_figure(G, title)
    with atomic_open(path, "wb", encoding=None) as handle:
        figure.savefig(handle, format="png", metadata={"Software": None})
    return path
