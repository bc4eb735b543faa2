"""The offline HTML report of a run: what the corpus holds, for people who would rather look.

``write_report(directory)`` reads the outputs a run has written into
``directory`` (see :mod:`.data`) and adds two files:

``report.html``
    one self-contained page that opens from disk with no network: counts per
    label, the top concepts of each label, an interactive technique-instrument
    graph, a heat-map of techniques against telescopes and surveys, the trends
    over the years when the records have dates, and the first tagged abstracts
    with their mentions marked. Everything is inline: the graph is SVG with
    node positions precomputed by a seeded ``nx.spring_layout``, and a small
    script adds pan, zoom, search, filters and the abstract lists. A
    Content-Security-Policy allows only that script (by its hash) and no
    network, so corpus text that slipped through escaping still could not run
    or fetch anything.
``technique-instrument.png``
    the same graph drawn by matplotlib for papers and slides.

Same outputs, same bytes: the layouts are seeded, the page stamps no date and
the PNG carries no software version. The page, its stylesheet and its script
are templates shipped as package data (``templates/``).

Modules: :mod:`.data` reads the run, :mod:`.geometry` places the graph,
:mod:`.svg`, :mod:`.heatmap`, :mod:`.trends` and :mod:`.abstracts` shape what
the templates draw, :mod:`.page` renders them, :mod:`.figure` draws the PNG.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..io import write_text
from . import geometry
from .abstracts import abstract_anchor, concept_link
from .colors import LABEL_COLORS, color_of
from .data import RunOutputs, read_run
from .figure import draw_figure, write_png
from .geometry import drawn_graph, layout
from .heatmap import heatmap_axes
from .page import render_abstract, render_page

REPORT_NAME = "report.html"
PNG_NAME = "technique-instrument.png"

__all__ = [
    "LABEL_COLORS", "PNG_NAME", "REPORT_NAME", "RunOutputs", "abstract_anchor", "color_of", "concept_link",
    "draw_figure", "drawn_graph", "geometry", "heatmap_axes", "layout", "read_run", "render_abstract", "write_png",
    "write_report",
]


def write_report(
    directory: Path,
    counts: Mapping[str, Any] | None = None,
    title: str = "astro-ie report",
    max_abstracts: int = 2000,
    graph: str = "technique-instrument",
) -> list[Path]:
    """Write ``report.html`` and ``technique-instrument.png`` into the run directory ``directory``.

    Call it once the run's tables and graphs are written. ``counts`` are the
    run's counts as ``manifest.json`` holds them (``abstracts``, ``undated``,
    ...); without them the manifest in ``directory`` is read, if there is one.
    At most ``max_abstracts`` abstracts are embedded, the first in corpus
    order, and the page says so when it stops short. ``graph`` names the
    view drawn (the stem of its node-link JSON, e.g.
    ``technique-instrument-rollup``). Returns the paths written, page first.
    """
    if not isinstance(max_abstracts, int) or isinstance(max_abstracts, bool) or max_abstracts < 0:
        raise OutputError("E204", path=directory, detail=f"max_abstracts must be >= 0, got {max_abstracts!r}")
    directory = Path(directory)
    run = read_run(directory, counts, max_abstracts, graph)
    G = drawn_graph(run.view)
    page = render_page(run, title, G, layout(G), PNG_NAME)
    report_path = directory / REPORT_NAME
    write_text(report_path, page)
    png_path = write_png(directory / PNG_NAME, G, title)
    return [report_path, png_path]
