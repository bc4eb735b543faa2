"""The report's trends section, on a synthetic run directory with a rising trend planted in it."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest
from test_report import OpenReport, browser, requires_browser  # noqa: F401 (browser: the Chromium fixture)

from astro_ie.report import write_report

YEARS = list(range(2015, 2025))
PER_YEAR = 20
DIFFUSION = "technique:diffusion-model"
CNN = "technique:convolutional-neural-network"
FOREST = "technique:random-forest"
EVIL = "technique:evil"
LSST = "survey:legacy-survey-of-space-and-time"
HST = "telescope:hubble-space-telescope"
SDSS = "survey:sloan-digital-sky-survey"

PLANTED = {  # abstracts per year, of PER_YEAR: diffusion models rise from nothing
    DIFFUSION: [0, 0, 1, 2, 3, 5, 7, 9, 11, 14],
    CNN: [12, 12, 11, 10, 9, 8, 6, 4, 3, 3],
    FOREST: [6] * 10,
    EVIL: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
}
PAIRS = {
    (LSST, DIFFUSION): [0, 0, 0, 1, 1, 2, 3, 4, 6, 8],
    (HST, CNN): [6, 6, 5, 5, 4, 3, 2, 2, 1, 1],
    (SDSS, FOREST): [2] * 10,
}
LABELS = {
    DIFFUSION: ("diffusion model", "TECHNIQUE"),
    CNN: ("convolutional neural network", "TECHNIQUE"),
    FOREST: ("random forest", "TECHNIQUE"),
    EVIL: ("<script>alert(1)</script> net", "TECHNIQUE"),
    LSST: ("Legacy Survey of Space and Time", "SURVEY"),
    HST: ("Hubble Space Telescope", "TELESCOPE"),
    SDSS: ("Sloan Digital Sky Survey", "SURVEY"),
}
UNDATED = ["no-date-1", "no-date-2", "no-date <3>"]


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _record(abstract_id: str, date: str | None) -> dict:
    text = "A title\n\nDiffusion models on LSST images."
    return {
        "schema_version": "1.0",
        "id": abstract_id,
        "title": "A title",
        "date": date,
        "text": text,
        "abstract_start": 9,
        "speakers": [],
        "metadata": {},
        "entities": [
            {
                "start": 9,
                "end": 25,
                "text": "Diffusion models",
                "label": "TECHNIQUE",
                "concept_id": DIFFUSION,
                "concept_label": "diffusion model",
                "source": "ruler",
                "generic": False,
            }
        ],
    }


def trend_run(directory: Path, with_trends: bool = True) -> Path:
    """A run directory as a run over dated records leaves it (the graph view left out: not needed here)."""
    directory.mkdir(parents=True, exist_ok=True)
    totals = {cid: sum(PLANTED.get(cid, [0])) for cid in LABELS}
    _write_csv(
        directory / "concepts.csv",
        ["concept_id", "label", "type", "kind", "generic", "broader", "n_abstracts", "n_mentions", "forms"],
        [
            [cid, label, kind, "", False, "", totals[cid] or 5, totals[cid] or 5, label]
            for cid, (label, kind) in sorted(LABELS.items())
        ],
    )
    if with_trends:
        _write_csv(
            directory / "trends.csv",
            ["concept_id", "label", "type", "year", "abstracts", "share"],
            [
                [cid, LABELS[cid][0], LABELS[cid][1], year, n, round(n / PER_YEAR, 6)]
                for cid, counts in PLANTED.items()
                for year, n in zip(YEARS, counts)
                if n
            ],
        )
        _write_csv(
            directory / "pair-trends.csv",
            ["source", "target", "source_label", "target_label", "year", "abstracts", "share"],
            [
                [a, b, LABELS[a][0], LABELS[b][0], year, n, round(n / PER_YEAR, 6)]
                for (a, b), counts in PAIRS.items()
                for year, n in zip(YEARS, counts)
                if n
            ],
        )
    records = [_record("dated-1", "2016-05-01")] + [_record(aid, None) for aid in UNDATED]
    (directory / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    directory = trend_run(tmp_path_factory.mktemp("trends"))
    counts = {"abstracts": len(YEARS) * PER_YEAR + len(UNDATED), "undated": len(UNDATED)}
    return write_report(directory, counts)[0].read_text(encoding="utf-8")


def section(page: str) -> str:
    return re.search(r'<section id="trends">(.*?)</section>', page, re.S).group(1)


def panel(page: str, concept_id: str) -> str:
    return re.search(rf'<figure class="multiple" data-concept="{concept_id}">(.*?)</figure>', page, re.S).group(1)


def test_top_techniques_are_drawn_with_their_share_per_year(page):
    drawn = re.findall(r'<figure class="multiple" data-concept="([^"]+)"', section(page))
    assert drawn[:3] == [CNN, FOREST, DIFFUSION]  # by abstracts over all years
    rising = panel(page, DIFFUSION)
    shares = [float(s) for s in re.findall(r'data-share="([^"]+)"', rising)]
    assert shares == [n / PER_YEAR for n in PLANTED[DIFFUSION]]  # a year without a row is 0
    ys = [float(y) for y in re.findall(r'<circle class="point" cx="[^"]+" cy="([^"]+)"', rising)]
    assert ys[-1] < ys[0] and ys == sorted(ys, reverse=True)  # SVG y grows down: the line climbs
    caption = html.unescape(re.search(r"<figcaption>(.*?)</figcaption>", rising, re.S).group(1))
    assert "2015: 0% → 2024: 70%" in caption and "peak 70% (2024)" in caption  # readable without hovering
    falling = [float(s) for s in re.findall(r'data-share="([^"]+)"', panel(page, CNN))]
    assert falling[0] > falling[-1]


def test_rising_pairs_put_the_planted_pair_first_technique_first(page):
    rows = re.findall(r'<tr data-pair="([^"]+)">(.*?)</tr>', section(page), re.S)
    assert [pair for pair, _ in rows] == [f"{DIFFUSION} {LSST}"]  # falling and flat pairs are not rising
    cells = re.findall(r"<td[^>]*>(.*?)</td>", rows[0][1], re.S)
    assert "diffusion model" in cells[0] and "Legacy Survey" in cells[1]
    assert cells[2:6] == ["2018", "25", "0%", "40%"]  # first seen, abstracts, first and last year's share


def test_first_seen_lists_concepts_new_since_the_first_year(page):
    first = dict(re.findall(r'<tr data-concept="([^"]+)">.*?data-first-year="(\d+)"', section(page)))
    assert first[DIFFUSION] == "2017"
    assert first[EVIL] == "2023"
    assert CNN not in first and FOREST not in first  # there from the start


def test_undated_records_are_counted_and_named_not_given_a_year(page):
    text = section(page)
    assert 'data-undated="3"' in text and "3 records without a date" in text
    named = [html.unescape(n) for n in re.findall(r'<code class="undated-id">(.*?)</code>', text)]
    assert named == UNDATED
    assert "<3>" not in text


def test_trend_labels_are_escaped(page):
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; net" in section(page)
    assert page.count("<script") == 2


def test_without_trends_the_section_says_so_and_still_counts_undated(tmp_path):
    directory = trend_run(tmp_path, with_trends=False)
    text = section(write_report(directory)[0].read_text(encoding="utf-8"))
    assert "This run wrote no trends.csv, so there are no trends to show." in text
    assert 'data-undated="3"' in text  # counted from the corpus, which is all in the sample
    assert "<svg" not in text


def test_a_run_without_any_date_says_so(tmp_path):
    directory = trend_run(tmp_path, with_trends=False)
    text = section(write_report(directory, {"abstracts": 3, "undated": 3})[0].read_text(encoding="utf-8"))
    assert "No record has a date, so this run has no trends." in text


def test_undated_unknown_beyond_the_sample_is_not_guessed(tmp_path):
    directory = trend_run(tmp_path)
    text = section(write_report(directory, max_abstracts=2)[0].read_text(encoding="utf-8"))
    assert "data-undated" not in text and "not counted in this run's outputs" in text


def test_a_malformed_trends_table_is_one_clear_error(tmp_path):
    from astro_ie.errors import InputError

    directory = trend_run(tmp_path)
    (directory / "trends.csv").write_text("concept_id,label,type,year,abstracts,share\nx,x,TECHNIQUE,soon,1,0.1\n")
    with pytest.raises(InputError) as info:
        write_report(directory)
    assert info.value.code == "E012" and "year" in str(info.value)


# --- in a real browser ---------------------------------------------------------------------


@requires_browser
def test_browser_draws_the_trends_without_errors(browser, tmp_path):  # noqa: F811 (the fixture imported above)
    directory = trend_run(tmp_path / "run")
    page = write_report(directory, {"abstracts": len(YEARS) * PER_YEAR + len(UNDATED), "undated": len(UNDATED)})[0]
    opened = OpenReport(browser, page)
    panels = opened.page.locator("#trends figure.multiple svg.trend")
    assert panels.count() == len(PLANTED)
    box = panels.first.bounding_box()
    assert box["width"] > 150 and box["height"] > 60  # drawn at a readable size, not collapsed
    assert opened.page.locator("#trends table.rising tbody tr").count() == 1
    shot = tmp_path / "trends.png"
    opened.page.locator("#trends").screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert opened.page.evaluate("typeof window.__pwned") == "undefined"
    assert opened.problems == []
    opened.page.close()
