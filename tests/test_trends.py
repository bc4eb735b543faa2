"""The time axis end to end: a trend planted in dated records comes back out of the core.

``benchmarks/make_corpus.py --years`` plants a known trend (the share of each
year's records that mention Kolmogorov-Arnold networks rises linearly from 5 %
to 50 %). Tagged by the real extractor and written by the real writers, that
trend must come back in ``trends.csv``, in the graphs' time attributes (GEXF for
Gephi's timeline, VOSviewer's mean-year score) and in the report's trends
section. No Prefect: this is the core a flow wraps.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from astro_ie import corpus, graph, report
from astro_ie.extract import Extractor
from astro_ie.models import Abstract
from astro_ie.ontology import load_ontology
from astro_ie.resources import default_ontology_dir

REPO = Path(__file__).resolve().parent.parent
YEARS = (2015, 2024)
PER_YEAR = 60


@pytest.fixture(scope="module")
def make_corpus():
    spec = importlib.util.spec_from_file_location("astro_ie_make_corpus_trends", REPO / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, make_corpus) -> Path:
    """A run directory written from 600 dated synthetic records, 60 a year."""
    records = [Abstract(**raw) for raw in make_corpus.synthetic_records(PER_YEAR * 10, years=YEARS)]
    out = tmp_path_factory.mktemp("trends-run")
    ontology = load_ontology(default_ontology_dir())
    tagged = (json.loads(line) for line in Extractor(default_ontology_dir()).tag_lines(records))
    summary = corpus.write_corpus(tagged, out, ontology)
    for name, view in graph.views_from_digest(summary.digest).items():
        stem = {"full": "graph", "full-rollup": "graph-rollup"}.get(name, name)
        graph.write_exports(view, out, stem)
    report.write_report(out, summary.to_dict())
    return out


def test_trends_csv_gives_back_the_planted_share_year_by_year(run_dir, make_corpus):
    with open(run_dir / "trends.csv", newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["concept_id"] == make_corpus.PLANTED_CONCEPT]
    assert [int(row["year"]) for row in rows] == list(range(YEARS[0], YEARS[1] + 1))
    for row in rows:
        planted = int(PER_YEAR * make_corpus.planted_share(int(row["year"]), YEARS) + 1e-9)
        assert int(row["abstracts"]) == planted, row
        assert float(row["share"]) == pytest.approx(planted / PER_YEAR, abs=1e-6), row
    shares = [float(row["share"]) for row in rows]
    assert shares == sorted(shares) and shares[-1] - shares[0] > 0.4  # rising, as planted


def test_every_year_holds_its_records_and_the_shares_use_them(run_dir, make_corpus):
    with open(run_dir / "trends.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    per_concept_year = Counter((row["concept_id"], row["year"]) for row in rows)
    assert max(per_concept_year.values()) == 1  # one row per concept and year
    for row in rows:  # share = abstracts / that year's abstracts (60 each)
        assert float(row["share"]) == pytest.approx(int(row["abstracts"]) / PER_YEAR, abs=1e-6)


def test_the_graphs_carry_the_years_for_gephi_and_vosviewer(run_dir, make_corpus):
    G = nx.read_gexf(run_dir / "graph.gexf")
    node = G.nodes[make_corpus.PLANTED_CONCEPT]
    assert (int(node["first_year"]), int(node["last_year"])) == YEARS
    mean_year = float(node["mean_year"])
    planted_years = [
        year
        for year in range(YEARS[0], YEARS[1] + 1)
        for _ in range(int(PER_YEAR * make_corpus.planted_share(year, YEARS) + 1e-9))
    ]
    assert mean_year == pytest.approx(sum(planted_years) / len(planted_years), abs=0.01)
    assert 'mode="dynamic"' in (run_dir / "graph.gexf").read_text(encoding="utf-8")

    vos = json.loads((run_dir / "graph.vosviewer.json").read_text(encoding="utf-8"))
    items = {item["id"]: item for item in vos["network"]["items"]}
    by_label = {item.get("label"): item for item in items.values()}
    item = by_label[node["label"]]
    assert item["scores"]["Avg. pub. year"] == pytest.approx(mean_year, abs=0.01)


def test_the_report_shows_the_planted_technique_rising(run_dir, make_corpus):
    html = (run_dir / "report.html").read_text(encoding="utf-8")
    assert "Trends over the years" in html
    section = html[html.index("Trends over the years") :]
    label = load_ontology(default_ontology_dir()).concepts[make_corpus.PLANTED_CONCEPT].label
    assert label in section
    panel = section[section.index(label) :][:600]
    assert f"{YEARS[0]}: 5.0% &rarr; {YEARS[1]}: 50% &middot; peak 50% ({YEARS[1]})" in panel, panel


def test_dates_are_the_records_own(run_dir, make_corpus):
    """Every record keeps its date; none is guessed (the synthetic corpus dates them all)."""
    years = Counter(
        dt.date.fromisoformat(record["date"]).year for record in corpus.read_corpus(corpus.corpus_path(run_dir))
    )
    assert years == {year: PER_YEAR for year in range(YEARS[0], YEARS[1] + 1)}
