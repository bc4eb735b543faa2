"""The offline HTML report: what the corpus holds, for people who would rather look.

``write_report`` writes two files into an output directory:

``report.html``
    one self-contained page that opens from disk with no network: counts per
    label, the top concepts of each label, an interactive technique-instrument
    graph, a heat-map of techniques against telescopes and surveys, and the
    tagged abstracts rendered in displaCy's entity style. Everything is inline:
    the graph is SVG drawn here, with node positions precomputed by
    ``nx.spring_layout`` under a fixed seed, and a small inline script adds pan,
    zoom, search, filters and the abstract lists. A Content-Security-Policy
    allows only that script (by its hash) and no network, so corpus text that
    slipped through escaping still could not run or fetch anything.
``technique-instrument.png``
    the same graph drawn by matplotlib for papers and slides.

Same inputs, same bytes: the layout is seeded, the page stamps no date and the
PNG carries no software version. Records are streamed once and reduced to
counts, titles of the abstracts the page links to and the rendered HTML of the
first ``max_abstracts``, so a large corpus costs the page's size, not its own.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from spacy import displacy

from .errors import InputError, OutputError
from .io import atomic_open, write_text
from .models import LABELS, as_mapping

REPORT_NAME = "report.html"
PNG_NAME = "technique-instrument.png"

LABEL_COLOURS: dict[str, str] = {
    "TECHNIQUE": "#E69F00",
    "TELESCOPE": "#56B4E9",
    "SURVEY": "#009E73",
    "DATASET": "#CC79A7",
    "SOFTWARE": "#F0E442",
}
"""Okabe-Ito colours, told apart by colour-blind readers; graph nodes use them as is."""

OTHER_COLOUR = "#999999"
"""For a concept whose type is none of the labels (a candidate seen without one)."""

MARK_TINT = 0.55
"""How far displaCy's mark backgrounds are lightened towards white, so black text stays legible."""

LAYOUT_SEED = 42
"""Seed of ``nx.spring_layout``: the same graph is always drawn the same way."""

TOP_CONCEPTS = 10
"""Concepts listed per label."""

HEATMAP_TOP = 15
"""Rows (techniques) and columns (telescopes and surveys) of the heat-map."""

NODE_ABSTRACT_LIMIT = 100
"""Abstracts listed when a node or a heat-map cell is clicked; the count says how many more."""

GRAPH_NODE_LIMIT = 400
"""Most concepts drawn in the graph (by abstracts): beyond this an SVG graph is unreadable and slow."""

GRAPH_EDGE_LIMIT = 4000
"""Most links drawn (the heaviest), for the same reason."""

PNG_LABELS = 30
"""Nodes named in the PNG (by abstracts); more labels overlap into noise."""

SVG_WIDTH, SVG_HEIGHT, SVG_MARGIN = 1000, 700, 40
SVG_LABEL_ROOM = 160
"""Room kept right of the layout for the labels of the rightmost nodes."""

HEADER_CHARACTERS = 30
"""Longer heat-map column labels are cut (the full label is in the tooltip)."""

INSTRUMENT_COLUMNS = ("TELESCOPE", "SURVEY")
"""Columns of the heat-map. Datasets stay in the graph: the table asks where a technique was pointed."""


# --- small helpers ----------------------------------------------------------------


def _esc(value: Any) -> str:
    """HTML-escape any value for text or a double- or single-quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _tint(colour: str, amount: float = MARK_TINT) -> str:
    """``colour`` mixed with white: ``amount`` 0 keeps it, 1 gives white."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(c + (255 - c) * amount) for c in (red, green, blue))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def colour_of(label: str | None) -> str:
    return LABEL_COLOURS.get(str(label or "").upper(), OTHER_COLOUR)


def abstract_anchor(abstract_id: str) -> str:
    """The element id of an abstract in the page: stable, linkable from outside, no spaces."""
    return "abstract-" + quote(abstract_id, safe="")


def concept_link(concept_id: str) -> str:
    """A link the page's script turns into "select this concept in the graph"."""
    return "#concept=" + quote(concept_id, safe="")


def _script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` can end it early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


# --- one abstract in displaCy's entity style ---------------------------------------

_MARK_TEMPLATE = """
<mark class="entity" data-label="{label}" data-concept="{concept}" title="{tooltip}" \
style="background: {bg}; padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; border-radius: 0.35em;">
    {text}
    <span style="font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; \
vertical-align: middle; margin-left: 0.5rem">{label}{kb_link}</span>
</mark>
"""
"""displaCy's ``TPL_ENT`` with the concept in a tooltip and data attributes.

displaCy escapes the text it slices but not ``label``, ``kb_id``, ``kb_url`` or
extra params: every one of those is escaped before it is handed over.
"""

DISPLACY_OPTIONS: dict[str, Any] = {
    "colors": {label: _tint(colour) for label, colour in LABEL_COLOURS.items()},
    "template": _MARK_TEMPLATE,
}


def _clean_spans(entities: Iterable[Any], length: int) -> list[Mapping]:
    """Entities inside the text, sorted, without overlaps (displaCy would repeat text).

    Overlaps keep the earlier, then the longer, mention.
    """
    spans = []
    for raw in entities:
        entity = as_mapping(raw)
        start, end = entity.get("start"), entity.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length:
            spans.append(entity)
    spans.sort(key=lambda e: (e["start"], -e["end"]))
    kept: list[Mapping] = []
    for entity in spans:
        if not kept or entity["start"] >= kept[-1]["end"]:
            kept.append(entity)
    return kept


def _displacy(text: str, spans: list[Mapping], offset: int) -> str:
    """displaCy's markup of ``text`` whose spans start ``offset`` characters later in the record."""
    ents = []
    for entity in spans:
        label = str(entity.get("label") or "")
        concept_id = str(entity.get("concept_id") or "")
        concept_label = str(entity.get("concept_label") or concept_id)
        tooltip = f"{concept_label} ({concept_id})" + (", generic" if entity.get("generic") else "")
        ents.append(
            {
                "start": entity["start"] - offset,
                "end": entity["end"] - offset,
                "label": _esc(label),
                "kb_id": _esc(concept_id),
                "kb_url": _esc(concept_link(concept_id)),
                "params": {"concept": _esc(concept_id), "tooltip": _esc(tooltip)},
            }
        )
    doc = {"text": text, "ents": ents, "title": None}
    return displacy.render(doc, style="ent", manual=True, jupyter=False, options=DISPLACY_OPTIONS)


def render_abstract(record: Mapping | Any) -> str:
    """One tagged abstract as an ``<article>``: title and abstract marked up by displaCy.

    The title part of ``text`` (before ``abstract_start``) and the abstract are
    rendered apart so the title can be set as a heading with its own mentions.
    Every piece of corpus text is escaped, by displaCy (mention and plain text)
    or here (ids, labels, metadata).
    """
    record = as_mapping(record)
    abstract_id = str(record.get("id") or "")
    text = str(record.get("text") or "")
    start = record.get("abstract_start")
    if not isinstance(start, int) or not 0 <= start <= len(text):
        start = 0
    spans = _clean_spans(record.get("entities") or (), len(text))
    if start > 0:
        head = text[:start].rstrip()
        title_html = _displacy(head, [e for e in spans if e["end"] <= len(head)], 0)
    else:
        title_html = _esc(record.get("title") or abstract_id)
    body_html = _displacy(text[start:], [e for e in spans if e["start"] >= start], start)

    meta = [f"<code>{_esc(abstract_id)}</code>"]
    if record.get("session"):
        meta.append(_esc(record["session"]) + (f" #{_esc(record['number'])}" if record.get("number") else ""))
    if record.get("date"):
        meta.append(_esc(record["date"]))
    names = [_esc(as_mapping(s).get("name")) for s in record.get("speakers") or () if as_mapping(s).get("name")]
    if names:
        meta.append(", ".join(names))
    return (
        f'<article class="abstract" id="{_esc(abstract_anchor(abstract_id))}" '
        f'data-abstract-id="{_esc(abstract_id)}">\n'
        f'<div class="abstract-title">{title_html}</div>\n'
        f'<p class="meta">{" &middot; ".join(meta)} &middot; {_plural(len(record.get("entities") or ()), "mention")}'
        "</p>\n"
        f"{body_html}\n"
        '<p class="back"><a href="#abstracts">back to the list</a> &middot; '
        '<a href="#graph-section">graph</a></p>\n'
        "</article>"
    )


# --- what the page keeps of the corpus ------------------------------------------------


@dataclass
class _Digest:
    """The corpus reduced, in one pass, to what the page shows.

    ``node_of`` maps a mentioned concept id to the graph node that stands for it
    (itself, or its roll-up parent); ``wanted`` holds the abstract ids the
    heat-map cells list, whose titles must be kept.
    """

    node_of: Mapping[str, str]
    wanted: set[str]
    max_abstracts: int
    n_records: int = 0
    n_without_mentions: int = 0
    mentions: Counter = field(default_factory=Counter)
    abstracts_with: Counter = field(default_factory=Counter)
    concept_mentions: Counter = field(default_factory=Counter)
    concept_abstracts: Counter = field(default_factory=Counter)
    concept_names: dict = field(default_factory=lambda: defaultdict(Counter))
    generic: set = field(default_factory=set)
    node_abstracts: dict = field(default_factory=lambda: defaultdict(list))
    node_counts: Counter = field(default_factory=Counter)
    surface: dict = field(default_factory=lambda: defaultdict(set))
    titles: dict = field(default_factory=dict)
    embedded: list = field(default_factory=list)
    embedded_ids: set = field(default_factory=set)

    def add(self, raw: Any) -> None:
        record = as_mapping(raw)
        abstract_id = str(record.get("id") or "")
        entities = [as_mapping(e) for e in record.get("entities") or ()]
        self.n_records += 1
        if not entities:
            self.n_without_mentions += 1
        labels, concepts, nodes = set(), set(), set()
        for entity in entities:
            label = str(entity.get("label") or "UNLABELLED")
            concept_id = str(entity.get("concept_id") or "")
            key = (label, concept_id)
            self.mentions[label] += 1
            self.concept_mentions[key] += 1
            self.concept_names[key][str(entity.get("concept_label") or concept_id)] += 1
            if entity.get("generic"):
                self.generic.add(key)
            labels.add(label)
            concepts.add(key)
            node = self.node_of.get(concept_id)
            if node is not None:
                nodes.add(node)
                if len(self.surface[node]) < 20 and entity.get("text"):
                    self.surface[node].add(str(entity["text"]).lower())
        self.abstracts_with.update(labels)
        self.concept_abstracts.update(concepts)
        referenced = abstract_id in self.wanted
        for node in nodes:
            self.node_counts[node] += 1
            listed = self.node_abstracts[node]
            if len(listed) < NODE_ABSTRACT_LIMIT and (not listed or listed[-1] != abstract_id):
                listed.append(abstract_id)
                referenced = True
        if len(self.embedded) < self.max_abstracts and abstract_id not in self.embedded_ids:
            self.embedded.append((abstract_id, str(record.get("title") or ""), len(entities), render_abstract(record)))
            self.embedded_ids.add(abstract_id)
            referenced = True
        if referenced and abstract_id not in self.titles:
            self.titles[abstract_id] = str(record.get("title") or "")

    def concept_label(self, key: tuple[str, str]) -> str:
        """The most frequent label the mentions gave the concept; ties to the smallest."""
        return min(self.concept_names[key].items(), key=lambda item: (-item[1], item[0]))[0]

    def labels(self) -> list[str]:
        """The fixed labels first, in their report order, then any other label seen."""
        return list(LABELS) + sorted(set(self.mentions) - set(LABELS))


# --- the graph as drawn ------------------------------------------------------------------


def _by_abstracts(G: nx.Graph) -> list[str]:
    return sorted(G, key=lambda n: (-G.nodes[n].get("n_abstracts", 0), -G.nodes[n].get("n_mentions", 0), n))


def drawn_graph(view: nx.Graph) -> nx.Graph:
    """The part of ``view`` the page and the PNG draw: the largest nodes and heaviest links.

    The whole view when it is within :data:`GRAPH_NODE_LIMIT` and
    :data:`GRAPH_EDGE_LIMIT`; otherwise the top nodes by abstracts and the
    heaviest links among them, with nodes left without a link dropped.
    """
    if view.number_of_nodes() <= GRAPH_NODE_LIMIT and view.number_of_edges() <= GRAPH_EDGE_LIMIT:
        return view
    keep = set(_by_abstracts(view)[:GRAPH_NODE_LIMIT])
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


def layout(G: nx.Graph) -> dict[str, tuple[float, float]]:
    """Node positions in SVG units (y down), from a seeded spring layout.

    Each connected component is laid out on its own and the components are
    packed in rows, largest first: one spring layout of the whole graph throws
    small components to the far corners and squeezes the main one. Links pull
    with ``1 + log(weight)``, since raw counts let a few heavy links collapse
    the hubs onto each other. Rounded to 0.1 so the bytes are stable.
    """
    if G.number_of_nodes() == 0:
        return {}
    components = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    sides = [math.sqrt(len(c)) for c in components]
    row_width = max(max(sides), math.sqrt(sum(len(c) for c in components)) * SVG_WIDTH / SVG_HEIGHT)
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for component, side in zip(components, sides):
        if x > 0 and x + side > row_width + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (u, v) in _component_layout(G, component).items():
            placed[node] = (x + side * (0.1 + 0.8 * u), y + side * (0.1 + 0.8 * v))
        x += side
        row_height = max(row_height, side)
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    inner_w, inner_h = SVG_WIDTH - 2 * SVG_MARGIN - SVG_LABEL_ROOM, SVG_HEIGHT - 2 * SVG_MARGIN
    factor = min(inner_w / span_x if span_x > 1e-12 else math.inf, inner_h / span_y if span_y > 1e-12 else math.inf)
    if math.isinf(factor):
        factor = 0.0
    offset_x = SVG_MARGIN + (inner_w - span_x * factor) / 2
    offset_y = SVG_MARGIN + (inner_h - span_y * factor) / 2
    return {
        node: (
            round(offset_x + (px - min(xs)) * factor, 1) + 0.0,
            round(offset_y + (py - min(ys)) * factor, 1) + 0.0,
        )
        for node, (px, py) in sorted(placed.items())
    }


def _component_layout(G: nx.Graph, component: list[str]) -> dict[str, tuple[float, float]]:
    """A seeded spring layout of one component, scaled into the unit square."""
    if len(component) == 1:
        return {component[0]: (0.5, 0.5)}
    H = nx.Graph()
    H.add_nodes_from(component)
    H.add_edges_from(
        (min(u, v), max(u, v), {"pull": 1.0 + math.log(max(1, d.get("weight", 1)))})
        for u, v, d in sorted(G.subgraph(component).edges(data=True), key=lambda e: (min(e[:2]), max(e[:2])))
    )
    raw = nx.spring_layout(H, seed=LAYOUT_SEED, weight="pull", iterations=100)
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    pad_x = (span - (max(xs) - min(xs))) / 2
    pad_y = (span - (max(ys) - min(ys))) / 2
    return {n: ((float(p[0]) - min(xs) + pad_x) / span, (float(p[1]) - min(ys) + pad_y) / span) for n, p in raw.items()}


def _radius(n_abstracts: int, largest: int) -> float:
    """Area grows with the number of abstracts."""
    return round(4.0 + 16.0 * math.sqrt(max(0, n_abstracts) / max(1, largest)), 1)


def _svg(G: nx.Graph, positions: Mapping[str, tuple[float, float]]) -> str:
    """The graph as SVG elements: ``line.edge`` and ``g.node[data-node]``, labels for the largest."""
    largest = max((d.get("n_abstracts", 0) for _, d in G.nodes(data=True)), default=1)
    heaviest = max((d.get("weight", 1) for _, _, d in G.edges(data=True)), default=1)
    named = set(_by_abstracts(G)[:PNG_LABELS])
    parts = ['<g class="edges">']
    for u, v, d in G.edges(data=True):
        (x1, y1), (x2, y2) = positions[u], positions[v]
        weight = d.get("weight", 1)
        width = round(0.6 + 3.4 * math.sqrt(weight / heaviest), 2)
        parts.append(
            f'<line class="edge" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="{width}" '
            f'data-source="{_esc(u)}" data-target="{_esc(v)}" data-weight="{weight}">'
            f"<title>{_esc(G.nodes[u].get('label') or u)} &#8212; {_esc(G.nodes[v].get('label') or v)}: "
            f"{_plural(weight, 'abstract')}</title></line>"
        )
    parts.append('</g><g class="nodes">')
    for node in _by_abstracts(G)[::-1]:  # the largest last, so on top
        data = G.nodes[node]
        x, y = positions[node]
        n = data.get("n_abstracts", 0)
        r = _radius(n, largest)
        label = data.get("label") or node
        parts.append(
            f'<g class="node{"" if node in named else " minor"}" data-node="{_esc(node)}" '
            f'data-type="{_esc(data.get("type") or "")}" data-abstracts="{n}" tabindex="0">'
            f'<circle cx="{x}" cy="{y}" r="{r}" fill="{colour_of(data.get("type"))}"/>'
            f'<text x="{round(x + r + 2, 1)}" y="{round(y + 4, 1)}">{_esc(label)}</text>'
            f"<title>{_esc(label)} ({_esc(node)}): {_plural(n, 'abstract')}</title></g>"
        )
    parts.append("</g>")
    return "\n".join(parts)


# --- the heat-map --------------------------------------------------------------------------


def heatmap_axes(view: nx.Graph, top: int = HEATMAP_TOP) -> tuple[list[str], list[str]]:
    """Rows: the top techniques by abstracts; columns: the top telescopes and surveys."""
    ranked = _by_abstracts(view)
    rows = [n for n in ranked if view.nodes[n].get("type") == "TECHNIQUE"][:top]
    columns = [n for n in ranked if view.nodes[n].get("type") in INSTRUMENT_COLUMNS][:top]
    return rows, columns


def _shorten(text: str, limit: int = HEADER_CHARACTERS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _heatmap(view: nx.Graph, rows: list[str], columns: list[str]) -> tuple[str, list[dict[str, Any]]]:
    """The table, and per non-empty cell the abstracts that mention both (for the script)."""
    if not rows or not columns:
        return '<p class="empty">No technique is mentioned with a telescope or survey.</p>', []
    cells: list[dict[str, Any]] = []
    values = [[view.edges[r, c].get("weight", 0) if view.has_edge(r, c) else 0 for c in columns] for r in rows]
    largest = max((v for row in values for v in row), default=0) or 1
    head = "".join(
        f'<th scope="col" class="col" title="{_esc(view.nodes[c].get("label") or c)} ({_esc(c)})">'
        f'<span>{_esc(_shorten(str(view.nodes[c].get("label") or c)))}</span></th>'
        for c in columns
    )
    body = []
    for r, row in zip(rows, values):
        tds = []
        for c, value in zip(columns, row):
            if not value:
                tds.append('<td class="cell" data-value="0"></td>')
                continue
            evidence = list(view.edges[r, c].get("examples") or ())  # a few ids; all in edges-evidence.parquet
            cells.append({"row": r, "column": c, "n": value, "abstracts": evidence[:NODE_ABSTRACT_LIMIT]})
            alpha = round(0.12 + 0.88 * value / largest, 3)
            tds.append(
                f'<td class="cell" data-value="{value}" data-cell="{len(cells) - 1}" tabindex="0" '
                f'style="background: rgba(0, 114, 178, {alpha}); color: {"#fff" if alpha > 0.55 else "#000"}" '
                f'title="{_esc(view.nodes[r].get("label") or r)} &#215; {_esc(view.nodes[c].get("label") or c)}: '
                f'{_plural(value, "abstract")}">{value}</td>'
            )
        body.append(
            f'<tr><th scope="row" title="{_esc(r)}">{_esc(view.nodes[r].get("label") or r)}</th>{"".join(tds)}</tr>'
        )
    table = (
        '<table class="heatmap"><thead><tr><th></th>' + head + "</tr></thead><tbody>\n" + "\n".join(body) + "\n"
        "</tbody></table>"
    )
    return table, cells


# --- the PNG -----------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Text matplotlib shows as written: ``$`` would start mathtext."""
    return text.replace("$", r"\$")


def write_png(path: Path, G: nx.Graph, positions: Mapping[str, tuple[float, float]], title: str) -> Path:
    """The technique-instrument graph as a PNG, byte for byte the same for the same graph.

    Drawn on a bare ``Figure`` with the Agg canvas (no pyplot state, safe in
    worker threads); ``metadata={"Software": None}`` drops the matplotlib
    version from the file.
    """
    figure = Figure(figsize=(12, 8.4), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.0, 0.0, 0.9, 0.93))
    axes.set_axis_off()
    axes.set_xlim(0, SVG_WIDTH + 160)
    axes.set_ylim(SVG_HEIGHT, 0)  # SVG's y grows downwards: same picture as the page
    figure.suptitle(_plain(f"{title}: techniques and the telescopes, surveys, datasets they are applied to"))
    if G.number_of_nodes() == 0:
        axes.text(SVG_WIDTH / 2, SVG_HEIGHT / 2, "No technique is mentioned with an instrument.", ha="center")
    else:
        heaviest = max((d.get("weight", 1) for _, _, d in G.edges(data=True)), default=1)
        segments = [[positions[u], positions[v]] for u, v in G.edges()]
        widths = [0.3 + 2.5 * math.sqrt(d.get("weight", 1) / heaviest) for _, _, d in G.edges(data=True)]
        axes.add_collection(LineCollection(segments, linewidths=widths, colors="#8c8c8c", alpha=0.45, zorder=1))
        order = _by_abstracts(G)[::-1]
        largest = max(G.nodes[n].get("n_abstracts", 0) for n in order) or 1
        axes.scatter(
            [positions[n][0] for n in order],
            [positions[n][1] for n in order],
            s=[(_radius(G.nodes[n].get("n_abstracts", 0), largest) * 1.1) ** 2 for n in order],
            c=[colour_of(G.nodes[n].get("type")) for n in order],
            edgecolors="white",
            linewidths=0.6,
            zorder=2,
        )
        for node in _by_abstracts(G)[:PNG_LABELS]:
            x, y = positions[node]
            r = _radius(G.nodes[node].get("n_abstracts", 0), largest)
            axes.text(x + r + 3, y, _plain(str(G.nodes[node].get("label") or node)), fontsize=7, va="center", zorder=3)
        present = sorted({G.nodes[n].get("type") or "" for n in G}, key=_type_order)
        handles = [
            Line2D([], [], marker="o", linestyle="", markersize=8, color=colour_of(t), label=t or "other")
            for t in present
        ]
        figure.legend(handles=handles, loc="upper right", frameon=False, fontsize=8)
    with atomic_open(path, "wb", encoding=None) as handle:
        figure.savefig(handle, format="png", metadata={"Software": None})
    return path


def _type_order(label: str) -> tuple[int, str]:
    return (LABELS.index(label) if label in LABELS else len(LABELS), label)


# --- the page ------------------------------------------------------------------------------------

_STYLE = """
:root { --ink: #1b1b1b; --muted: #5f6368; --rule: #d9d9d9; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial,
       sans-serif; }
header.page, main { max-width: 1280px; margin: 0 auto; padding: 0 1.5rem; }
header.page { padding-top: 1.5rem; }
h1 { margin: 0 0 .25rem; font-size: 1.7rem; }
h2 { margin: 2.5rem 0 .75rem; padding-top: .5rem; border-top: 1px solid var(--rule); font-size: 1.3rem; }
nav a { margin-right: 1rem; }
a { color: var(--accent); }
.summary, .note, .meta { color: var(--muted); }
.note { font-size: .9rem; }
table { border-collapse: collapse; }
th, td { padding: .25rem .6rem; text-align: left; border-bottom: 1px solid #eee; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: .4em;
          vertical-align: -.05em; }
.top-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 1rem 2rem; }
.top-grid h3 { margin: .5rem 0; font-size: 1.05rem; }
.badge { font-size: .75rem; color: var(--muted); border: 1px solid var(--rule); border-radius: .3rem;
         padding: 0 .3rem; margin-left: .3rem; }
.controls { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; margin-bottom: .5rem; }
.controls label { white-space: nowrap; }
.controls input[type=search] { width: 16rem; padding: .25rem .4rem; }
.graph-area { display: grid; grid-template-columns: minmax(0, 3fr) minmax(260px, 1fr); gap: 1rem; }
svg.graph { width: 100%; height: 640px; border: 1px solid var(--rule); border-radius: .4rem; background: #fcfcfc;
            cursor: grab; touch-action: none; user-select: none; }
svg.graph.panning { cursor: grabbing; }
svg.graph line.edge { stroke: #9a9a9a; stroke-opacity: .55; }
svg.graph g.node { cursor: pointer; }
svg.graph g.node:focus { outline: none; }
svg.graph g.node:focus-visible circle { stroke: #000; stroke-width: 2.5; }
svg.graph g.node circle { stroke: #fff; stroke-width: 1.2; }
svg.graph g.node text { font-size: 11px; fill: #222; paint-order: stroke; stroke: #fcfcfc; stroke-width: 3px; }
svg.graph g.node.minor text { display: none; }
svg.graph.zoomed g.node.minor text, svg.graph g.node.match text, svg.graph g.node.selected text,
svg.graph g.node.neighbour text { display: inline; }
svg.graph .hidden { display: none; }
svg.graph g.node.dim { opacity: .18; }
svg.graph line.edge.dim { stroke-opacity: .08; }
svg.graph g.node.match circle { stroke: #000; stroke-width: 2.5; }
svg.graph g.node.selected circle { stroke: #d00; stroke-width: 3.5; }
svg.graph line.edge.active { stroke: #d00; stroke-opacity: .8; }
.panel { border: 1px solid var(--rule); border-radius: .4rem; padding: .75rem 1rem; max-height: 640px; overflow: auto; }
.panel h3 { margin: 0 0 .25rem; font-size: 1.05rem; }
.panel ol { padding-left: 1.4rem; margin: .5rem 0; }
.panel button.neighbour { border: 0; background: none; color: var(--accent); cursor: pointer; padding: 0;
                          font: inherit; text-decoration: underline; }
.heatmap-wrap { overflow-x: auto; }
table.heatmap th.col { height: 12.5rem; white-space: nowrap; vertical-align: bottom; padding: 0; }
table.heatmap th.col span { display: inline-block; transform: rotate(-55deg); transform-origin: left bottom;
                            width: 1.9rem; margin-left: 1.2rem; }
table.heatmap td.cell { width: 2.2rem; min-width: 2.2rem; text-align: center; border: 1px solid #fff;
                        font-variant-numeric: tabular-nums; cursor: default; }
table.heatmap td.cell[data-cell] { cursor: pointer; }
details.index ol { columns: 2 28rem; font-size: .9rem; }
article.abstract { border-top: 1px solid var(--rule); padding: 1rem 0; }
article.abstract:target { background: #fffbe6; }
.abstract-title .entities { font-size: 1.1rem; font-weight: 600; }
.abstract-title { font-size: 1.1rem; font-weight: 600; }
.meta { font-size: .85rem; margin: .25rem 0; }
.back { font-size: .85rem; }
.empty { color: var(--muted); font-style: italic; }
"""

_SCRIPT = r"""
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const svg = document.getElementById("graph");
  const panel = document.getElementById("selection");
  if (!svg || !panel) { return; }
  const viewport = document.getElementById("viewport");
  const nodeEls = Array.from(svg.querySelectorAll("g.node"));
  const edgeEls = Array.from(svg.querySelectorAll("line.edge"));
  const nodeById = new Map(nodeEls.map((el) => [el.dataset.node, el]));
  const search = document.getElementById("search");
  const searchCount = document.getElementById("search-count");
  const minWeight = document.getElementById("min-weight");
  const minWeightValue = document.getElementById("min-weight-value");
  const typeBoxes = Array.from(document.querySelectorAll("input[data-type-filter]"));
  const view = { x: 0, y: 0, k: 1 };

  // --- pan and zoom -------------------------------------------------------
  function apply() {
    viewport.setAttribute("transform", "translate(" + view.x + " " + view.y + ") scale(" + view.k + ")");
    svg.classList.toggle("zoomed", view.k >= 2);
  }
  function svgPoint(event) {
    const matrix = svg.getScreenCTM();
    if (!matrix) { return { x: 0, y: 0 }; }
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    return { x: point.x, y: point.y };
  }
  function zoomAt(point, factor) {
    const k = Math.min(40, Math.max(0.2, view.k * factor));
    view.x = point.x - (point.x - view.x) * (k / view.k);
    view.y = point.y - (point.y - view.y) * (k / view.k);
    view.k = k;
    apply();
  }
  const centre = () => { const box = svg.viewBox.baseVal; return { x: box.width / 2, y: box.height / 2 }; };
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    zoomAt(svgPoint(event), Math.exp(-event.deltaY * 0.0015));
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || event.target.closest("g.node")) { return; }
    const start = svgPoint(event);
    drag = { start: start, x: view.x, y: view.y, id: event.pointerId };
    svg.setPointerCapture(event.pointerId);
    svg.classList.add("panning");
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.id) { return; }
    const point = svgPoint(event);
    view.x = drag.x + point.x - drag.start.x;
    view.y = drag.y + point.y - drag.start.y;
    apply();
  });
  const endDrag = () => { drag = null; svg.classList.remove("panning"); };
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  document.getElementById("zoom-in").addEventListener("click", () => zoomAt(centre(), 1.4));
  document.getElementById("zoom-out").addEventListener("click", () => zoomAt(centre(), 1 / 1.4));
  document.getElementById("zoom-reset").addEventListener("click", () => {
    view.x = 0; view.y = 0; view.k = 1; apply();
  });
  function centreOn(el) {
    const circle = el.querySelector("circle");
    const c = centre();
    view.k = Math.max(view.k, 2);
    view.x = c.x - Number(circle.getAttribute("cx")) * view.k;
    view.y = c.y - Number(circle.getAttribute("cy")) * view.k;
    apply();
  }

  // --- filters --------------------------------------------------------------
  function applyFilters() {
    const types = new Set(typeBoxes.filter((box) => box.checked).map((box) => box.dataset.typeFilter));
    const least = Number(minWeight.value);
    minWeightValue.textContent = String(least);
    const linked = new Set();
    for (const edge of edgeEls) {
      const source = nodeById.get(edge.dataset.source);
      const target = nodeById.get(edge.dataset.target);
      const shown = Number(edge.dataset.weight) >= least &&
        types.has(source.dataset.type) && types.has(target.dataset.type);
      edge.classList.toggle("hidden", !shown);
      if (shown) { linked.add(edge.dataset.source); linked.add(edge.dataset.target); }
    }
    for (const el of nodeEls) {
      el.classList.toggle("hidden", !(types.has(el.dataset.type) && linked.has(el.dataset.node)));
    }
    runSearch();
  }
  typeBoxes.forEach((box) => box.addEventListener("change", applyFilters));
  minWeight.addEventListener("input", applyFilters);

  // --- search ------------------------------------------------------------------
  function matches(id, query) {
    const node = data.nodes[id] || {};
    const words = [id, node.label || ""].concat(node.surface || []);
    return words.some((word) => word.toLowerCase().includes(query));
  }
  function runSearch() {
    const query = search.value.trim().toLowerCase();
    let count = 0;
    for (const el of nodeEls) {
      const hit = query !== "" && !el.classList.contains("hidden") && matches(el.dataset.node, query);
      el.classList.toggle("match", hit);
      el.classList.toggle("dim", query !== "" && !hit);
      if (hit) { count += 1; }
    }
    edgeEls.forEach((edge) => edge.classList.toggle("dim", query !== ""));
    searchCount.textContent = query === "" ? "" : count + (count === 1 ? " match" : " matches");
    return count;
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") { return; }
    event.preventDefault();
    const first = nodeEls.slice().reverse().find((el) => el.classList.contains("match"));
    if (first) { select(first.dataset.node); centreOn(first); }
  });

  // --- the selection panel -----------------------------------------------------------
  function element(tag, text, className) {
    const el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    if (className) { el.className = className; }
    return el;
  }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }
  function abstractList(indices, total) {
    const list = element("ol");
    for (const index of indices) {
      const entry = data.abstracts[index];
      const item = element("li");
      if (entry.anchor) {
        const link = element("a", entry.title || entry.id);
        link.href = "#" + entry.anchor;
        item.appendChild(link);
      } else {
        item.appendChild(element("span", entry.title || entry.id));
        item.appendChild(element("span", " (not embedded in this page)", "note"));
      }
      item.appendChild(document.createTextNode(" "));
      item.appendChild(element("code", entry.id));
      list.appendChild(item);
    }
    const nodes = [list];
    if (total > indices.length) {
      nodes.push(element("p", "and " + plural(total - indices.length, "more abstract") +
        " (see corpus.jsonl)", "note"));
    }
    return nodes;
  }
  function showPanel(heading, subtitle, children) {
    panel.replaceChildren(element("h3", heading), element("p", subtitle, "note"), ...children);
  }
  function select(id) {
    const el = nodeById.get(id);
    if (!el) { return false; }
    const node = data.nodes[id];
    const neighbours = [];
    for (const edge of edgeEls) {
      const other = edge.dataset.source === id ? edge.dataset.target :
        (edge.dataset.target === id ? edge.dataset.source : null);
      edge.classList.toggle("active", other !== null);
      if (other !== null) { neighbours.push([Number(edge.dataset.weight), other]); }
    }
    const near = new Set(neighbours.map((pair) => pair[1]));
    for (const other of nodeEls) {
      other.classList.toggle("selected", other === el);
      other.classList.toggle("neighbour", near.has(other.dataset.node));
    }
    neighbours.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
    const partners = element("p", "", "note");
    partners.appendChild(document.createTextNode("Most often with: "));
    neighbours.slice(0, 8).forEach((pair, i) => {
      if (i > 0) { partners.appendChild(document.createTextNode(", ")); }
      const button = element("button", (data.nodes[pair[1]] || {}).label || pair[1], "neighbour");
      button.type = "button";
      button.addEventListener("click", () => select(pair[1]));
      partners.appendChild(button);
      partners.appendChild(document.createTextNode(" (" + pair[0] + ")"));
    });
    showPanel(node.label, node.type + " \u00b7 " + id + " \u00b7 " + plural(node.n, "abstract"),
      [partners].concat(abstractList(node.abstracts, node.n)));
    panel.dataset.selected = id;
    return true;
  }
  for (const el of nodeEls) {
    el.addEventListener("click", () => select(el.dataset.node));
    el.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(el.dataset.node); }
    });
  }
  for (const td of document.querySelectorAll("td.cell[data-cell]")) {
    const show = () => {
      const cell = data.cells[Number(td.dataset.cell)];
      const row = (data.nodes[cell.row] || {}).label || cell.row;
      const column = (data.nodes[cell.column] || {}).label || cell.column;
      showPanel(row + " \u00d7 " + column, plural(cell.n, "abstract") + " mention both",
        abstractList(cell.abstracts, cell.n));
      panel.dataset.selected = cell.row + " " + cell.column;
      document.getElementById("graph-section").scrollIntoView();
    };
    td.addEventListener("click", show);
    td.addEventListener("keydown", (event) => { if (event.key === "Enter") { show(); } });
  }

  // --- links to a concept: "#concept=<id>" -----------------------------------------------
  function focusConcept(id) {
    if (select(id)) {
      centreOn(nodeById.get(id));
      document.getElementById("graph-section").scrollIntoView();
    } else {
      showPanel(id, "not in the technique\u2013instrument graph", []);
    }
  }
  document.addEventListener("click", (event) => {
    const link = event.target.closest('a[href^="#concept="]');
    if (!link) { return; }
    event.preventDefault();
    focusConcept(decodeURIComponent(link.getAttribute("href").slice("#concept=".length)));
  });
  if (location.hash.startsWith("#concept=")) {
    focusConcept(decodeURIComponent(location.hash.slice("#concept=".length)));
  }
  applyFilters();
  apply();
  document.body.dataset.ready = "true";
})();
"""

_SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")

_CSP = (
    "default-src 'none'; "
    f"script-src '{_SCRIPT_HASH}'; "
    "style-src 'unsafe-inline'; "
    "img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
"""Only the report's own script runs; nothing is fetched. Corpus text is escaped
anyway: this is the second lock on the door, and the proof the page is offline."""


def _counts_table(digest: _Digest) -> str:
    rows = []
    for label in digest.labels():
        concepts = sum(1 for (lab, _) in digest.concept_mentions if lab == label)
        rows.append(
            f'<tr data-label="{_esc(label)}"><th scope="row"><span class="swatch" '
            f'style="background: {colour_of(label)}"></span>{_esc(label)}</th>'
            f'<td class="num" data-count="mentions">{digest.mentions[label]}</td>'
            f'<td class="num" data-count="abstracts">{digest.abstracts_with[label]}</td>'
            f'<td class="num" data-count="concepts">{concepts}</td></tr>'
        )
    total = sum(digest.mentions.values())
    return (
        '<table class="counts"><thead><tr><th>Label</th><th class="num">Mentions</th>'
        '<th class="num">Abstracts</th><th class="num">Distinct concepts</th></tr></thead><tbody>\n'
        + "\n".join(rows)
        + f'\n</tbody><tfoot><tr><th scope="row">All</th><td class="num" data-count="total-mentions">{total}</td>'
        f'<td class="num" data-count="total-abstracts">{digest.n_records}</td><td></td></tr></tfoot></table>'
    )


def _top_concepts(digest: _Digest, in_graph: set[str]) -> str:
    blocks = []
    for label in digest.labels():
        keys = sorted(
            (key for key in digest.concept_abstracts if key[0] == label),
            key=lambda key: (-digest.concept_abstracts[key], -digest.concept_mentions[key], key[1]),
        )[:TOP_CONCEPTS]
        if not keys:
            blocks.append(f'<div><h3>{_esc(label)}</h3><p class="empty">No mention.</p></div>')
            continue
        rows = []
        for key in keys:
            concept_id = key[1]
            name = _esc(digest.concept_label(key))
            if concept_id in in_graph:
                name = f'<a href="{_esc(concept_link(concept_id))}" title="show in the graph">{name}</a>'
            badge = '<span class="badge">generic</span>' if key in digest.generic else ""
            rows.append(
                f'<tr data-concept="{_esc(concept_id)}"><td>{name}{badge}<br><code class="note">'
                f"{_esc(concept_id)}</code></td>"
                f'<td class="num">{digest.concept_abstracts[key]}</td>'
                f'<td class="num">{digest.concept_mentions[key]}</td></tr>'
            )
        blocks.append(
            f'<div data-label="{_esc(label)}"><h3><span class="swatch" style="background: {colour_of(label)}">'
            f"</span>{_esc(label)}</h3>"
            '<table><thead><tr><th>Concept</th><th class="num">Abstracts</th><th class="num">Mentions</th></tr>'
            "</thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>"
        )
    return '<div class="top-grid">\n' + "\n".join(blocks) + "\n</div>"


def _graph_section(view: nx.Graph, G: nx.Graph, positions: Mapping[str, tuple[float, float]]) -> str:
    if G.number_of_nodes() == 0:
        return '<p class="empty">No technique is mentioned with a telescope, survey or dataset.</p>'
    types = Counter(G.nodes[n].get("type") or "" for n in G)
    boxes = "".join(
        f'<label><input type="checkbox" checked data-type-filter="{_esc(t)}"> '
        f'<span class="swatch" style="background: {colour_of(t)}"></span>{_esc(t or "other")} ({types[t]})</label>'
        for t in sorted(types, key=_type_order)
    )
    heaviest = max((d.get("weight", 1) for _, _, d in G.edges(data=True)), default=1)
    capped = ""
    if G is not view:
        capped = (
            f'<p class="note" id="graph-cap">The view holds {_plural(view.number_of_nodes(), "concept")} and '
            f'{_plural(view.number_of_edges(), "link")}; drawn here: the {G.number_of_nodes():,} most frequent '
            f"concepts and the {G.number_of_edges():,} heaviest links among them. The graph exports "
            "(GraphML, GEXF, CSV) hold all of them.</p>"
        )
    return f"""<div class="controls">
<label>Search <input type="search" id="search" placeholder="concept, acronym or id" autocomplete="off"></label>
<span id="search-count" class="note" aria-live="polite"></span>
{boxes}
<label>Minimum abstracts per link <input type="range" id="min-weight" min="1" max="{heaviest}" value="1" step="1">
<output id="min-weight-value">1</output></label>
<span><button type="button" id="zoom-in" title="zoom in">+</button>
<button type="button" id="zoom-out" title="zoom out">&#8722;</button>
<button type="button" id="zoom-reset" title="reset the view">reset</button></span>
</div>
{capped}<div class="graph-area">
<svg id="graph" class="graph" viewBox="0 0 {SVG_WIDTH} {SVG_HEIGHT}" role="img"
 aria-label="technique-instrument co-occurrence graph">
<g id="viewport">
{_svg(G, positions)}
</g>
</svg>
<aside id="selection" class="panel" aria-live="polite"><h3>Click a concept</h3>
<p class="note">Node size: abstracts mentioning the concept. Link width: abstracts mentioning both.
Drag to pan, scroll to zoom. Clicking a node lists its abstracts.</p></aside>
</div>
<p class="note">A static picture of this graph for papers and slides:
<a href="{PNG_NAME}">{PNG_NAME}</a>.</p>"""


def _abstracts_section(digest: _Digest) -> str:
    shown = len(digest.embedded)
    if shown < digest.n_records:
        note = (
            f'<p class="note" id="abstracts-cap">This page embeds the first {shown:,} of {digest.n_records:,} '
            "abstracts (in corpus order); all of them are in corpus.jsonl.</p>"
        )
    else:
        note = f'<p class="note">All {_plural(shown, "abstract")} of the corpus.</p>'
    index = "\n".join(
        f'<li><a href="#{_esc(abstract_anchor(aid))}">{_esc(title or aid)}</a> <code>{_esc(aid)}</code> '
        f'<span class="note">({_plural(n, "mention")})</span></li>'
        for aid, title, n, _ in digest.embedded
    )
    legend = " ".join(
        f'<mark style="background: {DISPLACY_OPTIONS["colors"][label]}; padding: .1em .4em; border-radius: .3em">'
        f"{label}</mark>"
        for label in LABELS
    )
    articles = "\n".join(article for *_, article in digest.embedded)
    return (
        f'{note}\n<p class="note">Colours: {legend}. Hover a mention for its concept; its id links to the graph.</p>\n'
        f'<details class="index"><summary>Index of the {_plural(shown, "abstract")}</summary>\n<ol>\n{index}\n'
        f"</ol></details>\n{articles}"
    )


def _page(
    title: str,
    digest: _Digest,
    view: nx.Graph,
    G: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    heatmap: str,
    cells: list[dict[str, Any]],
    columns_note: str,
) -> str:
    listed = list(digest.titles)
    index_of = {aid: i for i, aid in enumerate(listed)}
    abstracts = [
        {
            "id": aid,
            "title": digest.titles[aid],
            "anchor": abstract_anchor(aid) if aid in digest.embedded_ids else "",
        }
        for aid in listed
    ]
    # Heat-map cells may cite abstracts absent from the records: listed by id alone.
    for cell in cells:
        for aid in cell["abstracts"]:
            if aid not in index_of:
                index_of[aid] = len(abstracts)
                abstracts.append({"id": aid, "title": "", "anchor": ""})
    heat_nodes = {c["row"] for c in cells} | {c["column"] for c in cells}
    nodes = {}
    for node in sorted(set(G) | heat_nodes):
        attrs = view.nodes[node]
        nodes[node] = {
            "label": str(attrs.get("label") or node),
            "type": str(attrs.get("type") or ""),
            "n": attrs.get("n_abstracts", digest.node_counts[node]),
            "abstracts": [index_of[aid] for aid in digest.node_abstracts.get(node, ())],
            "surface": sorted(digest.surface.get(node, ())),
        }
    data = {
        "abstracts": abstracts,
        "cells": [
            {"row": c["row"], "column": c["column"], "n": c["n"], "abstracts": [index_of[a] for a in c["abstracts"]]}
            for c in cells
        ],
        "nodes": nodes,
    }
    n_concepts = len({cid for _, cid in digest.concept_mentions})
    summary = (
        f"{_plural(digest.n_records, 'abstract')} ({digest.n_without_mentions:,} without a mention), "
        f"{_plural(sum(digest.mentions.values()), 'mention')} of {_plural(n_concepts, 'concept')}. "
        f"Graph view: <code>{_esc(view.graph.get('view', 'technique-instrument'))}</code>."
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_esc(_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="astro-ie">
<link rel="icon" href="data:,">
<title>{_esc(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header class="page">
<h1>{_esc(title)}</h1>
<p class="summary" id="summary">{summary}</p>
<nav><a href="#counts">Counts</a><a href="#top-concepts">Top concepts</a><a href="#graph-section">Graph</a>
<a href="#heatmap">Heat-map</a><a href="#abstracts">Abstracts</a></nav>
</header>
<main>
<section id="counts"><h2>Mentions per label</h2>
{_counts_table(digest)}
<p class="note">Abstracts: how many mention the label at least once. Generic umbrella terms
(machine learning, deep learning) are counted here; the graph leaves them out unless asked.</p>
</section>
<section id="top-concepts"><h2>Top concepts per label</h2>
<p class="note">The {TOP_CONCEPTS} concepts of each label mentioned in the most abstracts.</p>
{_top_concepts(digest, set(G))}
</section>
<section id="graph-section"><h2>Techniques and the instruments they are applied to</h2>
<p class="note">Techniques linked to the telescopes, surveys and datasets mentioned in the same abstract.</p>
{_graph_section(view, G, positions)}
</section>
<section id="heatmap"><h2>Techniques &#215; telescopes and surveys</h2>
<p class="note">{columns_note} Cell: abstracts mentioning both; click a cell to list them.</p>
<div class="heatmap-wrap">{heatmap}</div>
</section>
<section id="abstracts"><h2>Tagged abstracts</h2>
{_abstracts_section(digest)}
</section>
</main>
<script type="application/json" id="report-data">{_script_json(data)}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""


# --- the public API --------------------------------------------------------------------------------


def write_report(
    directory: Path,
    records: Iterable[dict],
    view: nx.Graph,
    title: str = "astro-ie report",
    max_abstracts: int = 2000,
) -> list[Path]:
    """Write ``report.html`` and ``technique-instrument.png`` into ``directory``.

    ``records`` are parsed ``corpus.jsonl`` lines (or ``TaggedRecord``), read
    once; ``view`` is the technique-instrument graph of ``astro_ie.graph``
    (plain or rolled up), whose nodes, weights and ``evidence`` the graph and
    heat-map show. At most ``max_abstracts`` abstracts are rendered into the
    page, the first in corpus order, and the page says so when it stops short.
    Returns the paths written, page first.
    """
    if not isinstance(max_abstracts, int) or max_abstracts < 0:
        raise OutputError("E204", path=directory, detail=f"max_abstracts must be >= 0, got {max_abstracts!r}")
    directory = Path(directory)
    G = drawn_graph(view)
    positions = layout(G)
    rows, columns = heatmap_axes(view)
    heatmap, cells = _heatmap(view, rows, columns)
    node_of = {}
    for node, data in view.nodes(data=True):
        for member in data.get("members") or (node,):
            node_of.setdefault(member, node)
    digest = _Digest(
        node_of=node_of,
        wanted={aid for cell in cells for aid in cell["abstracts"]},
        max_abstracts=max_abstracts,
    )
    for record in records:
        digest.add(record)
    columns_note = (
        f"Rows: the {len(rows)} techniques, columns: the {len(columns)} telescopes and surveys "
        f"mentioned in the most abstracts (at most {HEATMAP_TOP} of each)."
    )
    page = _page(title, digest, view, G, positions, heatmap, cells, columns_note)
    report_path = directory / REPORT_NAME
    write_text(report_path, page)
    png_path = write_png(directory / PNG_NAME, G, positions, title)
    return [report_path, png_path]
