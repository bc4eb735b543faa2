"""technique-instrument.png: a figure fit for a slide (not blank, names that do not overlap, legend inside)."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from matplotlib.image import imread
from matplotlib.text import Text

from astro_ie.graph import graph_views
from astro_ie.ontology import load_ontology
from astro_ie.report import draw_figure, drawn_graph
from astro_ie.report.figure import FIGURE_LABELS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEFAULT_VIEW = Path(__file__).resolve().parents[1] / "outputs" / "ml4astro-2024" / "technique-instrument.json"


def fixture_view() -> nx.Graph:
    with open(FIXTURES / "report" / "corpus.jsonl", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    return graph_views(records, load_ontology(FIXTURES / "mini-ontology").concepts)["technique-instrument"]


def default_view() -> nx.Graph:
    """The default corpus's view, as its committed run wrote it: some 150 concepts, a dense center."""
    if not DEFAULT_VIEW.exists():
        pytest.skip(f"{DEFAULT_VIEW} is not there")
    with open(DEFAULT_VIEW, encoding="utf-8") as handle:
        return nx.node_link_graph(json.load(handle), edges="links")


def pixels(figure) -> np.ndarray:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    buffer.seek(0)
    return imread(buffer)


def node_labels(figure) -> list[Text]:
    axes = figure.axes[0]
    return [t for t in axes.texts if t.get_text()]


@pytest.fixture(scope="module", params=["fixture", "default corpus"])
def figure(request):
    view = fixture_view() if request.param == "fixture" else default_view()
    return draw_figure(drawn_graph(view), "ML for surveys"), view


def test_the_figure_is_not_blank_and_fills_the_canvas(figure):
    fig, view = figure
    image = pixels(fig)
    assert (image[:, :, :3] < 0.9).any(axis=2).mean() > 0.01  # ink, not a white page
    (nodes,) = fig.axes[0].collections[1:]  # links, then nodes
    assert len(nodes.get_offsets()) == view.number_of_nodes()
    xs, ys = fig.axes[0].transData.transform(nodes.get_offsets()).T
    if view.number_of_nodes() > 20:  # the nodes, not the title and legend, span the canvas
        assert (xs.max() - xs.min()) / fig.bbox.width > 0.8
        assert (ys.max() - ys.min()) / fig.bbox.height > 0.7


def test_legend_and_title_lie_inside_the_canvas(figure):
    fig, view = figure
    renderer = fig.canvas.get_renderer()
    canvas = fig.bbox
    (legend,) = fig.legends
    for artist in (legend, fig._suptitle):
        box = artist.get_window_extent(renderer)
        assert canvas.x0 <= box.x0 and box.x1 <= canvas.x1 and canvas.y0 <= box.y0 and box.y1 <= canvas.y1, artist
    shown = [t.get_text() for t in legend.get_texts()]
    assert {view.nodes[n]["type"] for n in view} <= set(shown)


def test_node_names_do_not_overlap_and_stay_inside(figure):
    fig, view = figure
    renderer = fig.canvas.get_renderer()
    labels = node_labels(fig)
    assert 0 < len(labels) <= FIGURE_LABELS
    assert {t.get_text() for t in labels} <= {str(d.get("label")) for _, d in view.nodes(data=True)}
    boxes = [t.get_window_extent(renderer) for t in labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    frame = fig.axes[0].get_window_extent(renderer)
    for box in boxes:
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1


def test_the_most_frequent_concepts_are_named(figure):
    fig, view = figure
    named = {t.get_text() for t in node_labels(fig)}
    top = sorted(view, key=lambda n: (-view.nodes[n]["n_abstracts"], n))[:5]
    assert sum(view.nodes[n]["label"] in named for n in top) >= 4


def test_an_empty_graph_still_gets_a_figure():
    fig = draw_figure(nx.Graph(), "empty")
    assert "No technique" in fig.axes[0].texts[0].get_text()
