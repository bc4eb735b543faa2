"""The page: templates shipped as package data, rendered by Jinja2 with every value escaped.

``templates/report.html`` is the page; ``report.css`` and ``report.js`` are
inlined into it, and the Content-Security-Policy lets only that script run,
by the hash of the file's bytes. Jinja2 escapes every value a template
prints (``autoescape``), so corpus text reaches the page as text; the only
unescaped inserts are the stylesheet, the script and the JSON blob the script
reads, which is encoded so no ``<``, ``>`` or ``&`` can end its element.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

import networkx as nx
from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup

from ..models import LABELS
from .abstracts import abstract_anchor, abstract_context, concept_link
from .colors import LABEL_COLORS, color_of, mark_color_of, type_order
from .data import RunOutputs
from .geometry import SVG_HEIGHT, SVG_WIDTH, heaviest_weight
from .heatmap import HEATMAP_TOP, NODE_ABSTRACT_LIMIT, heatmap, heatmap_axes
from .svg import graph_elements
from .trends import trends_section

TOP_CONCEPTS = 10
"""Concepts listed per label."""

SURFACE_FORMS = 20
"""Surface forms per node the search box matches (the most frequent first)."""

UNDATED_LISTED = 50
"""Ids of undated records named in the trends section; the count says how many more."""


def _template_source(name: str) -> str:
    return (files("astro_ie.report") / "templates" / name).read_text(encoding="utf-8")


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


@cache
def environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(_template_source),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["plural"] = plural
    env.globals.update(color_of=color_of, concept_link=concept_link, abstract_anchor=abstract_anchor)
    return env


@cache
def script() -> tuple[str, str]:
    """The page's script and its CSP source, ``'sha256-...'`` of the file's bytes."""
    raw = (files("astro_ie.report") / "templates" / "report.js").read_bytes()
    return raw.decode("utf-8"), "sha256-" + base64.b64encode(hashlib.sha256(raw).digest()).decode("ascii")


def csp() -> str:
    """Only the report's own script runs; nothing is fetched.

    Corpus text is escaped anyway: this is the second lock on the door, and the
    proof the page is offline.
    """
    return (
        "default-src 'none'; "
        f"script-src '{script()[1]}'; "
        "style-src 'unsafe-inline'; "
        "img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def script_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` can end it early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_abstract(record: Mapping | Any) -> str:
    """One tagged abstract as an ``<article>``: title and abstract with their mentions marked."""
    return environment().get_template("abstract.html").render(a=abstract_context(record))


# --- what the page shows, from the run's outputs --------------------------------------------


def _labels(run: RunOutputs) -> list[str]:
    """The fixed labels first, in their report order, then any other type seen."""
    return list(LABELS) + sorted({c.type for c in run.concepts} - set(LABELS), key=type_order)


def _per_label_abstracts(run: RunOutputs) -> dict[str, int] | None:
    """Abstracts mentioning each label: from the run's counts, else a sample that is the whole corpus."""
    given = run.counts.get("abstracts_per_label")
    if isinstance(given, Mapping):
        return {str(k): int(v) for k, v in given.items()}
    if not run.sample_is_complete:
        return None
    seen: Counter = Counter()
    for record in run.sample:
        seen.update({str(e.get("label") or "") for e in record.get("entities") or ()})
    return dict(seen)


def _counts(run: RunOutputs) -> dict[str, Any]:
    abstracts = _per_label_abstracts(run)
    rows = []
    for label in _labels(run):
        concepts = [c for c in run.concepts if c.type == label]
        rows.append({
            "label": label, "color": color_of(label), "mentions": sum(c.n_mentions for c in concepts),
            "abstracts": None if abstracts is None else abstracts.get(label, 0), "concepts": len(concepts),
        })
    return {"rows": rows, "mentions": sum(c.n_mentions for c in run.concepts), "abstracts": run.n_abstracts,
            "concepts": len(run.concepts)}


def _top_concepts(run: RunOutputs, in_graph: set[str]) -> list[dict[str, Any]]:
    blocks = []
    for label in _labels(run):
        ranked = sorted((c for c in run.concepts if c.type == label),
                        key=lambda c: (-c.n_abstracts, -c.n_mentions, c.concept_id))[:TOP_CONCEPTS]
        blocks.append({"label": label, "color": color_of(label), "concepts": ranked, "in_graph": in_graph})
    return blocks


def _node_abstracts(run: RunOutputs, view: nx.Graph) -> dict[str, list[str]]:
    """Per node the abstracts to list: the sample's in corpus order, then the links' evidence by id."""
    node_of: dict[str, str] = {}
    for node, data in view.nodes(data=True):
        for member in data.get("members") or (node,):
            node_of.setdefault(member, node)
    listed: dict[str, list[str]] = defaultdict(list)
    sampled = set()
    for record in run.sample:
        abstract_id = str(record.get("id") or "")
        sampled.add(abstract_id)
        nodes = {node_of[c] for c in (e.get("concept_id") for e in record.get("entities") or ()) if c in node_of}
        for node in nodes:
            if abstract_id not in listed[node]:
                listed[node].append(abstract_id)
    for node in view:
        if len(listed[node]) >= NODE_ABSTRACT_LIMIT:
            continue
        evidence = {aid for _, _, d in view.edges(node, data=True) for aid in d.get("examples") or ()}
        listed[node] += sorted(evidence - sampled)
    return {node: ids[:NODE_ABSTRACT_LIMIT] for node, ids in listed.items()}


def _surface(run: RunOutputs, view: nx.Graph) -> dict[str, list[str]]:
    forms = {c.concept_id: c.forms for c in run.concepts}
    surface = {}
    for node, data in view.nodes(data=True):
        found: list[str] = []
        for member in data.get("members") or (node,):
            for form in forms.get(member, ()):
                if form.lower() not in found and len(found) < SURFACE_FORMS:
                    found.append(form.lower())
        surface[node] = sorted(found)
    return surface


def _script_data(run: RunOutputs, view: nx.Graph, G: nx.Graph, cells: list[dict[str, Any]]) -> dict[str, Any]:
    titles = {str(r.get("id") or ""): str(r.get("title") or "") for r in run.sample}
    abstracts = [{"id": aid, "title": title, "anchor": abstract_anchor(aid)} for aid, title in titles.items()]
    index_of = {aid: i for i, aid in enumerate(titles)}

    def indices(ids: list[str]) -> list[int]:
        for aid in ids:  # cited but not embedded: listed by id alone
            if aid not in index_of:
                index_of[aid] = len(abstracts)
                abstracts.append({"id": aid, "title": "", "anchor": ""})
        return [index_of[aid] for aid in ids]

    listed = _node_abstracts(run, view)
    surface = _surface(run, view)
    heat_nodes = {c["row"] for c in cells} | {c["column"] for c in cells}
    nodes = {}
    for node in sorted(set(G) | heat_nodes):
        attrs = view.nodes[node]
        nodes[node] = {
            "label": str(attrs.get("label") or node), "type": str(attrs.get("type") or ""),
            "n": attrs.get("n_abstracts", 0), "abstracts": indices(listed.get(node, [])),
            "surface": surface.get(node, []),
        }
    cell_data = [{"row": c["row"], "column": c["column"], "n": c["n"], "abstracts": indices(c["abstracts"])}
                 for c in cells]
    return {"abstracts": abstracts, "cells": cell_data, "nodes": nodes}


def render_page(run: RunOutputs, title: str, G: nx.Graph, positions: Mapping[str, tuple[float, float]],
                png_name: str) -> str:
    view = run.view
    rows, columns = heatmap_axes(view)
    table, cells = heatmap(view, rows, columns)
    types = Counter(str(G.nodes[n].get("type") or "") for n in G)
    type_of = {c.concept_id: c.type for c in run.concepts}
    type_of.update({n: str(d.get("type") or "") for n, d in view.nodes(data=True)})
    code, _ = script()
    context = {
        "title": title,
        "csp": csp(),
        "style": Markup(_template_source("report.css")),
        "script": Markup(code),
        "data_json": Markup(script_json(_script_data(run, view, G, cells))),
        "counts": _counts(run),
        "view_name": str(view.graph.get("view", "technique-instrument")),
        "top_concepts": _top_concepts(run, set(G)),
        "top_n": TOP_CONCEPTS,
        "graph": {
            "empty": G.number_of_nodes() == 0, "width": SVG_WIDTH, "height": SVG_HEIGHT,
            "capped": G is not view, "view_nodes": view.number_of_nodes(), "view_edges": view.number_of_edges(),
            "drawn_nodes": G.number_of_nodes(), "drawn_edges": G.number_of_edges(),
            "types": [{"type": t, "color": color_of(t), "count": types[t]} for t in sorted(types, key=type_order)],
            "heaviest": heaviest_weight(G), "png": png_name, **graph_elements(G, positions),
        },
        "heatmap": {"table": table, "n_rows": len(rows), "n_columns": len(columns), "top": HEATMAP_TOP},
        "trends": trends_section(run.trends, run.pair_trends, type_of, run.n_undated,
                                 run.undated_in_sample[:UNDATED_LISTED], run.sample_is_complete, run.n_abstracts),
        "abstracts": {
            "records": [abstract_context(r) for r in run.sample], "total": run.n_abstracts,
            "complete": run.sample_is_complete,
            "legend": [{"label": label, "color": mark_color_of(label)} for label in LABEL_COLORS],
        },
    }
    return environment().get_template("report.html").render(**context)
