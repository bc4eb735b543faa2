"""Tests of astro_ie.report: the page's content, escaping, determinism, and the page in a real browser.

The report reads a run directory; the fixtures write one with the run's own
writers (``corpus.write_corpus`` and ``graph.write_exports``).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import os
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from astro_ie import report as report_module
from astro_ie.corpus import write_corpus
from astro_ie.errors import OutputError
from astro_ie.graph import graph_views, write_exports
from astro_ie.ontology import load_ontology
from astro_ie.report import PNG_NAME, REPORT_NAME, abstract_anchor, geometry, render_abstract, write_report

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "report" / "corpus.jsonl"
ONTOLOGY = FIXTURES / "mini-ontology"

CNN = "technique:convolutional-neural-network"
LSST = "survey:legacy-survey-of-space-and-time"
HST = "telescope:hubble-space-telescope"
SCRIPT_TITLE = "<script>window.__pwned = true</script> Photometric redshifts with random forests"


def load_records() -> list[dict]:
    with open(CORPUS, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


RECORDS = load_records()
ONTOLOGY_LOADED = load_ontology(ONTOLOGY)


def run_directory(directory: Path, records: list[dict], view: nx.Graph, stem: str = "technique-instrument") -> Path:
    """A run directory as the flow leaves it before the report: corpus, tables, the graph view."""
    directory.mkdir(parents=True, exist_ok=True)
    write_corpus(records, directory, ONTOLOGY_LOADED)
    write_exports(view, directory, stem)
    return directory


@pytest.fixture(scope="module")
def views() -> dict[str, nx.Graph]:
    return graph_views(RECORDS, ONTOLOGY_LOADED.concepts)


@pytest.fixture(scope="module")
def view(views) -> nx.Graph:
    return views["technique-instrument"]


@pytest.fixture(scope="module")
def written(tmp_path_factory, view) -> tuple[Path, Path]:
    """The report of the fixture corpus, written once for the module."""
    directory = run_directory(tmp_path_factory.mktemp("report"), RECORDS, view)
    page, png = write_report(directory, title="ML for surveys")
    return page, png


@pytest.fixture(scope="module")
def page_text(written) -> str:
    return written[0].read_text(encoding="utf-8")


def page_data(text: str) -> dict:
    """The JSON the page's script reads."""
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', text, re.S)
    assert match
    return json.loads(match.group(1))


# --- files -------------------------------------------------------------------------------


def test_writes_the_page_and_the_png(written):
    page, png = written
    assert (page.name, png.name) == (REPORT_NAME, PNG_NAME)
    assert page.parent == png.parent
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not list(page.parent.glob(".tmp-*"))  # written atomically, nothing left behind


def test_same_inputs_same_bytes(tmp_path, view):
    first = write_report(run_directory(tmp_path / "one", RECORDS, view))
    second = write_report(run_directory(tmp_path / "two", RECORDS, view))
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    png = first[1].read_bytes()
    assert b"matplotlib" not in png.lower()  # no software version in the PNG metadata


def test_reads_a_gzipped_corpus(tmp_path, view, page_text):
    directory = run_directory(tmp_path, RECORDS, view)
    corpus = directory / "corpus.jsonl"
    with gzip.open(directory / "corpus.jsonl.gz", "wb") as handle:
        handle.write(corpus.read_bytes())
    corpus.unlink()
    page, _ = write_report(directory, title="ML for surveys")
    assert page.read_text(encoding="utf-8") == page_text


# --- what the page says ---------------------------------------------------------------------


def test_counts_match_the_records(page_text):
    mentions = Counter(e["label"] for r in RECORDS for e in r["entities"])
    abstracts = Counter(label for r in RECORDS for label in {e["label"] for e in r["entities"]})
    concepts = Counter(label for label, _ in {(e["label"], e["concept_id"]) for r in RECORDS for e in r["entities"]})
    for label in ("TECHNIQUE", "TELESCOPE", "SURVEY", "DATASET", "SOFTWARE"):
        row = re.search(rf'<tr data-label="{label}">(.*?)</tr>', page_text, re.S).group(1)
        cells = dict(re.findall(r'data-count="(\w+)">(\d+)<', row))
        assert cells == {
            "mentions": str(mentions[label]),
            "abstracts": str(abstracts[label]),
            "concepts": str(concepts[label]),
        }, label
    assert f'data-count="total-mentions">{sum(mentions.values())}<' in page_text
    assert f'data-count="total-abstracts">{len(RECORDS)}<' in page_text


def test_top_concepts_rank_by_abstracts(page_text):
    block = re.search(r'<div data-label="TECHNIQUE">(.*?)</div>', page_text, re.S).group(1)
    ranked = re.findall(r'<tr data-concept="([^"]+)">', block)
    assert ranked[0] == CNN  # 3 abstracts
    assert "technique:machine-learning" in ranked  # generic: counted here, badged
    assert "generic</span>" in block
    assert f'href="#concept={CNN.replace(":", "%3A")}"' in block  # in the graph: links to it


def test_graph_has_every_node_and_link_of_the_view(page_text, view):
    nodes = [html.unescape(n) for n in re.findall(r'<g class="node[^"]*" data-node="([^"]+)"', page_text)]
    assert sorted(nodes) == sorted(view)
    edges = re.findall(r'data-source="([^"]+)" data-target="([^"]+)" data-weight="(\d+)"', page_text)
    got = {(html.unescape(u), html.unescape(v)): int(w) for u, v, w in edges}
    assert got == {(u, v): d["weight"] for u, v, d in view.edges(data=True)}
    assert 'id="graph-cap"' not in page_text  # small view: nothing capped


def test_node_lists_hold_the_abstracts_of_each_concept(page_text, view):
    data = page_data(page_text)
    for node in view:
        expected = [r["id"] for r in RECORDS if node in {e["concept_id"] for e in r["entities"]}]
        entry = data["nodes"][node]
        assert [data["abstracts"][i]["id"] for i in entry["abstracts"]] == expected
        assert entry["n"] == view.nodes[node]["n_abstracts"] == len(expected)
    assert "cnn" in data["nodes"][CNN]["surface"]  # search finds acronyms


def test_heatmap_cells_are_the_view_weights(page_text, view):
    rows, columns = report_module.heatmap_axes(view)
    assert all(view.nodes[c]["type"] in ("TELESCOPE", "SURVEY") for c in columns)
    assert all(view.nodes[r]["type"] == "TECHNIQUE" for r in rows)
    table = re.search(r'<table class="heatmap">(.*?)</table>', page_text, re.S).group(1)
    body = re.findall(r"<tr><th scope=\"row\"[^>]*>.*?</th>(.*?)</tr>", table)
    assert len(body) == len(rows)
    for r, cells in zip(rows, body):
        values = [int(v) for v in re.findall(r'data-value="(\d+)"', cells)]
        assert values == [view.edges[r, c]["weight"] if view.has_edge(r, c) else 0 for c in columns]
    data = page_data(page_text)
    cnn_hst = next(c for c in data["cells"] if (c["row"], c["column"]) == (CNN, HST))
    assert [data["abstracts"][i]["id"] for i in cnn_hst["abstracts"]] == view.edges[CNN, HST]["examples"]


def test_every_abstract_is_linked_and_rendered(page_text):
    for record in RECORDS:
        anchor = html.escape(abstract_anchor(record["id"]))
        assert f'<article class="abstract" id="{anchor}"' in page_text
        assert f'href="#{anchor}"' in page_text
    assert abstract_anchor("ml-for-surveys 7") == "abstract-ml-for-surveys%207"  # no space in an id
    assert page_text.count('<mark class="entity"') == sum(len(r["entities"]) for r in RECORDS)
    assert 'id="abstracts-cap"' not in page_text


def test_only_its_own_script_runs_and_nothing_is_fetched(page_text):
    assert page_text.count("<script") == 2  # the data and the code; corpus text adds none
    scripts = re.findall(r"<script>(.*?)</script>", page_text, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page_text).group(1)
    csp = html.unescape(csp)
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp
    shipped = (Path(report_module.__file__).parent / "templates" / "report.js").read_bytes()
    assert scripts[0].encode("utf-8") == shipped  # the shipped file, byte for byte
    assert not re.search(r"\b(src|href)=\"(https?:)?//", page_text)  # no CDN, no remote anything


# --- escaping ---------------------------------------------------------------------------------


def test_corpus_text_is_escaped(page_text):
    assert "<script>window.__pwned" not in page_text
    assert "&lt;script&gt;window.__pwned = true&lt;/script&gt;" in page_text
    assert "<img src=x" not in page_text
    assert "&lt;img src=x onerror=&#34;window.__pwned=true&#34;&gt;" in page_text
    assert "<i>Mallory</i>" not in page_text and "&lt;i&gt;Mallory&lt;/i&gt;" in page_text
    assert "<b>X-Net</b>" not in page_text  # a candidate's label, in the graph, tooltips and tables
    blob = re.search(r'id="report-data">(.*?)</script>', page_text, re.S).group(1)
    assert "<" not in blob and ">" not in blob
    assert page_data(page_text)["abstracts"][1]["title"] == SCRIPT_TITLE


def test_title_is_escaped(tmp_path, view):
    page, _ = write_report(run_directory(tmp_path, RECORDS[:1], view), title='<script>alert("t")</script> & $x$')
    text = page.read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; &amp; $x$</title>" in text


def test_render_abstract_marks_each_mention_with_its_concept():
    record = RECORDS[0]
    markup = render_abstract(record)
    marks = re.findall(r'<mark class="entity" data-label="(\w+)" data-concept="([^"]+)" title="([^"]+)"', markup)
    assert [(label, concept) for label, concept, _ in marks] == [
        (e["label"], e["concept_id"]) for e in record["entities"]
    ]
    assert "convolutional neural network (technique:convolutional-neural-network)" in marks[0][2]
    assert marks[-1][2].endswith(", generic")  # machine learning
    assert f'href="#concept={CNN.replace(":", "%3A")}">{CNN}</a>' in markup  # displaCy's kb link
    assert 'class="abstract-title"' in markup and "HST" in markup


def test_render_abstract_drops_overlapping_and_out_of_range_spans():
    text = "Title\n\nA CNN on HST."
    cnn = text.index("CNN")
    entity = {"label": "TECHNIQUE", "concept_id": CNN, "concept_label": "CNN", "text": "CNN"}
    record = {
        "id": "x",
        "title": "Title",
        "text": text,
        "abstract_start": 7,
        "entities": [
            {**entity, "start": cnn, "end": cnn + 3},
            {**entity, "start": cnn + 1, "end": cnn + 2},  # inside the first
            {**entity, "start": 5, "end": 99},  # past the end
        ],
    }
    markup = render_abstract(record)
    assert markup.count('<mark class="entity"') == 1
    assert markup.count("HST") == 1  # no text repeated


def test_render_abstract_escapes_ids_labels_and_concepts():
    evil = '"><svg onload=alert(1)>'
    record = {
        "id": evil,
        "title": evil,
        "text": "Title\n\nX",
        "abstract_start": 7,
        "session": evil,
        "entities": [{"start": 7, "end": 8, "text": "X", "label": evil, "concept_id": evil, "concept_label": evil}],
    }
    markup = render_abstract(record)
    assert "<svg" not in markup
    assert "&#34;&gt;&lt;svg onload=alert(1)&gt;" in markup


# --- limits -------------------------------------------------------------------------------------


def test_max_abstracts_caps_the_embedded_abstracts(tmp_path, view):
    page, _ = write_report(run_directory(tmp_path, RECORDS, view), max_abstracts=2)
    text = page.read_text(encoding="utf-8")
    assert text.count('<article class="abstract"') == 2
    assert "embeds the first 2 of 7" in text
    # The graph's evidence still names every abstract of a link; those not embedded are listed
    # after the embedded ones, by id (the order of the evidence), without a link and title.
    data = page_data(text)
    lsst = [data["abstracts"][i] for i in data["nodes"][LSST]["abstracts"]]
    assert [a["id"] for a in lsst] == ["ml-for-surveys-2", "ml-for-surveys 7", "ml-for-surveys-4"]
    assert [bool(a["anchor"]) for a in lsst] == [True, False, False]
    assert [a["title"] for a in lsst][1:] == ["", ""]


def test_max_abstracts_must_not_be_negative(tmp_path, view):
    with pytest.raises(OutputError) as info:
        write_report(run_directory(tmp_path, RECORDS, view), max_abstracts=-1)
    assert info.value.code == "E204"


def test_large_views_are_capped_and_say_so(tmp_path, view, monkeypatch):
    monkeypatch.setattr(geometry, "GRAPH_NODE_LIMIT", 4)
    page, _ = write_report(run_directory(tmp_path, RECORDS, view))
    text = page.read_text(encoding="utf-8")
    drawn = re.findall(r'<g class="node[^"]*" data-node="([^"]+)"', text)
    assert 0 < len(drawn) <= 4
    assert 'id="graph-cap"' in text and f"The view holds {view.number_of_nodes()} concepts" in text


def test_rolled_up_view_lists_the_abstracts_of_its_members(tmp_path, views):
    rolled = views["technique-instrument-rollup"]
    page, _ = write_report(
        run_directory(tmp_path, RECORDS, rolled, "technique-instrument-rollup"), graph="technique-instrument-rollup"
    )
    data = page_data(page.read_text(encoding="utf-8"))
    for node, attrs in rolled.nodes(data=True):
        members = set(attrs["members"])
        expected = [r["id"] for r in RECORDS if members & {e["concept_id"] for e in r["entities"]}]
        assert [data["abstracts"][i]["id"] for i in data["nodes"][node]["abstracts"]] == expected


def test_an_empty_corpus_still_gets_a_report(tmp_path):
    page, png = write_report(
        run_directory(tmp_path, [], graph_views([], ONTOLOGY_LOADED.concepts)["technique-instrument"])
    )
    text = page.read_text(encoding="utf-8")
    assert "No technique is mentioned with a telescope, survey or dataset." in text
    assert 'data-count="total-abstracts">0<' in text
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_layout_is_inside_the_drawing_and_seeded(view):
    positions = report_module.layout(view)
    assert set(positions) == set(view)
    for x, y in positions.values():
        assert 0 <= x <= geometry.SVG_WIDTH and 0 <= y <= geometry.SVG_HEIGHT
    assert report_module.layout(view) == positions


# --- in a real browser --------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


requires_browser = pytest.mark.skipif(
    not CHROMIUM.exists() and not running_in_ci(),
    reason=f"{CHROMIUM} is not installed (apt-get install chromium); with CI set, this skip becomes a failure",
)


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright; under CI a missing piece fails instead of skipping."""
    if not CHROMIUM.exists():
        pytest.fail(f"CI is set and {CHROMIUM} is missing: the browser tests must run in CI")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - depends on the environment
        if running_in_ci():
            pytest.fail(f"CI is set and playwright cannot be imported: {error}")
        pytest.skip(f"playwright is not installed: {error}")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class OpenReport:
    """A page showing the report, with everything that went wrong while it ran."""

    def __init__(self, browser, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("request", lambda r: r.url != path.as_uri() and self.problems.append(f"request: {r.url}"))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready=true]")

    def node(self, concept_id: str):
        return self.page.locator(f'g.node[data-node="{concept_id}"]')


@pytest.fixture
def opened(browser, written):
    report = OpenReport(browser, written[0])
    yield report
    report.page.close()


@requires_browser
def test_browser_shows_the_graph_without_errors(opened, view, tmp_path):
    assert opened.page.locator("svg#graph g.node[data-node]").count() == view.number_of_nodes()
    assert opened.page.locator("svg#graph line.edge").count() == view.number_of_edges()
    assert opened.page.locator("svg#graph g.node.hidden").count() == 0
    shot = tmp_path / "report.png"
    opened.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert opened.problems == []  # no console error, no CSP violation, no request but the file


@requires_browser
def test_browser_search_highlights_a_concept(opened):
    opened.page.fill("#search", "CNN")  # an acronym: a surface form, not the label
    assert opened.page.locator("g.node.match").count() == 1
    assert "match" in opened.node(CNN).get_attribute("class")
    assert "dim" in opened.node(HST).get_attribute("class")
    assert opened.page.inner_text("#search-count") == "1 match"
    opened.page.press("#search", "Enter")  # selects the first match
    assert opened.page.get_attribute("#selection", "data-selected") == CNN
    opened.page.fill("#search", "telescope")  # ids match too
    assert opened.page.locator("g.node.match").count() == 5
    opened.page.fill("#search", "")
    assert opened.page.locator("g.node.match, g.node.dim").count() == 0
    assert opened.problems == []


@requires_browser
def test_browser_click_on_a_node_lists_its_abstracts(opened):
    opened.node(LSST).locator("circle").click()
    panel = opened.page.locator("#selection")
    assert panel.get_attribute("data-selected") == LSST
    assert panel.locator("h3").inner_text() == "Legacy Survey of Space and Time"
    items = panel.locator("ol li")
    assert items.count() == 3
    assert [items.nth(i).locator("code").inner_text() for i in range(3)] == [
        "ml-for-surveys-2", "ml-for-surveys-4", "ml-for-surveys 7",
    ]  # fmt: skip
    assert "<script>window.__pwned = true</script>" in items.nth(0).inner_text()  # a title, as text
    items.nth(2).locator("a").click()
    assert opened.page.evaluate("location.hash") == "#abstract-ml-for-surveys%207"
    assert opened.page.locator("article.abstract:target").get_attribute("data-abstract-id") == "ml-for-surveys 7"
    assert opened.problems == []


@requires_browser
def test_browser_script_in_a_title_is_text(opened):
    assert opened.page.evaluate("typeof window.__pwned") == "undefined"
    article = opened.page.locator('article[data-abstract-id="ml-for-surveys-2"]')
    title = article.locator(".abstract-title")
    assert title.is_visible()
    assert title.inner_text().startswith("<script>window.__pwned = true</script> Photometric redshifts")
    assert article.locator("script, img").count() == 0
    assert '<img src=x onerror="window.__pwned=true">' in article.inner_text()
    assert opened.problems == []


@requires_browser
def test_browser_filters_by_type_and_link_weight(opened):
    opened.page.uncheck('input[data-type-filter="TELESCOPE"]')
    assert opened.node(HST).is_hidden()
    assert opened.node(LSST).is_visible()
    opened.page.check('input[data-type-filter="TELESCOPE"]')
    opened.page.locator("#min-weight").fill("2")  # only CNN - HST is in two abstracts
    assert opened.page.locator("line.edge:not(.hidden)").count() == 1
    visible = opened.page.locator("g.node:not(.hidden)")
    assert sorted(visible.nth(i).get_attribute("data-node") for i in range(visible.count())) == [CNN, HST]
    assert opened.page.inner_text("#min-weight-value") == "2"
    assert opened.problems == []


@requires_browser
def test_browser_pan_and_zoom(opened):
    viewport = opened.page.locator("#viewport")
    opened.page.click("#zoom-in")
    zoomed = viewport.get_attribute("transform")
    assert "scale(1.4)" in zoomed
    box = opened.page.locator("svg#graph").bounding_box()
    opened.page.mouse.move(box["x"] + 5, box["y"] + 5)  # a corner: background, not a node
    opened.page.mouse.down()
    opened.page.mouse.move(box["x"] + 105, box["y"] + 55, steps=5)
    opened.page.mouse.up()
    moved = viewport.get_attribute("transform")
    assert moved != zoomed and moved.endswith("scale(1.4)")  # panned, same zoom
    opened.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    opened.page.mouse.wheel(0, -300)
    assert viewport.get_attribute("transform") != moved
    opened.page.click("#zoom-reset")
    assert viewport.get_attribute("transform") == "translate(0 0) scale(1)"
    assert opened.problems == []


@requires_browser
def test_browser_mention_and_heatmap_cell_open_the_panel(opened):
    opened.page.locator(f'article[data-abstract-id="ml-for-surveys-1"] mark[data-concept="{CNN}"] a').first.click()
    assert opened.page.get_attribute("#selection", "data-selected") == CNN
    opened.page.locator('td.cell[data-cell][title^="convolutional neural network × Hubble"]').click()
    assert opened.page.get_attribute("#selection", "data-selected") == f"{CNN} {HST}"
    assert opened.page.locator("#selection ol li").count() == 2
    assert opened.problems == []
