"""Tests of the archive readers (astro_ie.ingest.arxiv, .ads, .indico): the fixtures in
tests/fixtures/sources/ are in exactly the shapes of an arXiv metadata snapshot, ADS
search-API pages and an Indico event export."""

from __future__ import annotations

import datetime as dt
import json
import tracemalloc
from pathlib import Path

import pytest

from astro_ie.errors import InputError
from astro_ie.ingest import detect_format, read_abstracts
from astro_ie.ingest.text import html_to_text, unwrap

SOURCES = Path(__file__).resolve().parent / "fixtures" / "sources"
ARXIV = SOURCES / "arxiv-metadata-oai-snapshot.json"
ADS = SOURCES / "ads-search.json"
INDICO = SOURCES / "indico-event-4242.json"


def by_id(*paths: Path, **options) -> dict:
    return {record.id: record for record in read_abstracts(list(paths), **options)}


def error_reading(path: Path, **options) -> InputError:
    with pytest.raises(InputError) as caught:
        list(read_abstracts([path], **options))
    return caught.value


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path, expected", [(ARXIV, "arxiv"), (ADS, "ads"), (INDICO, "indico")])
def test_each_source_is_recognised_by_its_content(path, expected, tmp_path):
    assert detect_format(path) == expected
    renamed = write(tmp_path, "export.dat", path.read_text(encoding="utf-8"))  # no telling extension
    assert detect_format(renamed) == expected


def test_json_lines_of_plain_records_stay_jsonl(tmp_path):
    plain = write(tmp_path, "a.json", '{"id": "1", "title": "T", "abstract": "About versions: \\"versions\\": 2."}\n')
    assert detect_format(plain) == "jsonl"
    arxiv_as_jsonl = write(tmp_path, "b.jsonl", ARXIV.read_text(encoding="utf-8"))
    assert detect_format(arxiv_as_jsonl) == "arxiv"


def test_arxiv_records_get_the_source_id_first_version_date_authors_and_metadata():
    records = by_id(ARXIV)
    assert list(records) == ["arXiv:2401.99901", "arXiv:2306.99902", "arXiv:astro-ph/0601999", "arXiv:2212.99903"]
    paper = records["arXiv:2401.99901"]
    assert paper.title == "Galaxy morphology from Euclid-like images with a convolutional neural network"
    assert paper.abstract == (
        "We classify galaxy morphologies with a convolutional neural network trained on simulated images of the "
        "Euclid Wide Survey. The network reaches 94 per cent accuracy.\n\n"
        "A second paragraph compares it with a random forest on the same features."
    )
    assert paper.date == dt.date(2024, 1, 2)  # v1, not v2 or update_date
    assert [a.name for a in paper.authors] == ["Ana Lima", "Ben Okafor", "Chen Wei"]
    assert paper.metadata["categories"] == "astro-ph.GA cs.LG"
    assert paper.metadata["doi"] == "10.0000/astro-ie.fixture.1"
    assert "versions" not in paper.metadata and "authors_parsed" not in paper.metadata
    assert (paper.source, paper.line) == (ARXIV.name, 1)
    old = records["arXiv:astro-ph/0601999"]  # no versions: the update date, and it says so
    assert (old.date, old.metadata["date_source"]) == (dt.date(2009, 10, 31), "update_date")
    assert [a.name for a in old.authors] == ["E. Park", "F. Novak Jr"]


def test_arxiv_categories_filter_by_prefix_on_any_category():
    kept = by_id(ARXIV, categories=["astro-ph"])
    assert list(kept) == ["arXiv:2401.99901", "arXiv:astro-ph/0601999", "arXiv:2212.99903"]
    assert list(by_id(ARXIV, categories=["astro-ph.IM", "stat"])) == ["arXiv:2306.99902", "arXiv:2212.99903"]
    assert list(by_id(ARXIV, categories=["gr-qc"])) == []


def test_the_category_filter_leaves_other_formats_alone():
    assert len(by_id(ADS, INDICO, categories=["astro-ph"])) == 5


def test_bad_arxiv_lines_fail_naming_file_and_line_or_are_skipped(tmp_path):
    lines = ARXIV.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["versions"][0]["created"] = "yesterday"
    no_abstract = json.loads(lines[3])
    del no_abstract["abstract"]
    path = write(tmp_path, "snapshot.json", "\n".join([lines[0], json.dumps(broken), "{oops", json.dumps(no_abstract)]))
    error = error_reading(path)
    assert (error.code, error.line) == ("E012", 2)
    assert "'created' is not an RFC 2822 date" in error.one_line()
    skipped: list[InputError] = []
    kept = list(read_abstracts([path], skip_bad=True, on_skip=skipped.append))
    assert [r.id for r in kept] == ["arXiv:2401.99901"]
    assert [(e.code, e.line) for e in skipped] == [("E012", 2), ("E007", 3), ("E008", 4)]
    # A bad record outside the requested categories is passed over, not reported; a line
    # that is not JSON has no categories to tell, and is.
    skipped.clear()
    kept = list(read_abstracts([path], categories=["astro-ph.GA"], skip_bad=True, on_skip=skipped.append))
    assert [r.id for r in kept] == ["arXiv:2401.99901"]
    assert [(e.code, e.line) for e in skipped] == [("E007", 3)]


def test_an_arxiv_snapshot_streams(tmp_path):
    record = json.loads(ARXIV.read_text(encoding="utf-8").splitlines()[0])
    path = tmp_path / "big.json"
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(dict(record, id=f"2401.{n:05d}")) + "\n" for n in range(3000))
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_abstracts([path]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 3000
    assert peak < path.stat().st_size / 2  # the ids seen are kept; the records are not


def test_ads_pages_give_bibcodes_partial_dates_authors_and_clean_text():
    records = by_id(ADS)
    assert list(records) == ["2024FixA..001..101L", "2023FixB..002..202K", "2019FixC..003..303S"]  # both pages
    first = records["2024FixA..001..101L"]
    assert (first.date, first.metadata["date_precision"]) == (dt.date(2024, 7, 1), "month")
    assert [(a.name, a.affiliation) for a in first.authors] == [
        ("Lopez, Maria", "Fixture University"),
        ("Osei, Kwame", None),
    ]
    assert first.metadata["doi"] == ["10.0000/astro-ie.fixture.2"]
    assert first.metadata["keyword"][1] == "Gaussian processes"
    assert "bibcode" not in first.metadata and "pubdate" not in first.metadata
    second = records["2023FixB..002..202K"]
    assert (second.date, second.metadata["date_precision"]) == (dt.date(2023, 1, 1), "year")
    assert second.title == "Deep learning & the Gaia DR3 H0 ladder"
    assert second.abstract == "A convolutional neural network on Gaia DR3 astrometry.\n\nSecond paragraph."
    # Each doc's line is where it starts: errors can name it.
    text = ADS.read_text(encoding="utf-8").splitlines()
    assert text[first.line - 1].strip() == "{" and "2024FixA" in text[first.line]
    assert records["2019FixC..003..303S"].line == next(i for i, line in enumerate(text, 1) if "2019FixC" in line)


def test_bad_ads_input_fails_in_one_line(tmp_path):
    page = json.loads(ADS.read_text(encoding="utf-8").split("\n{")[0])
    del page["response"]["docs"][1]["abstract"]
    path = write(tmp_path, "page.json", json.dumps(page, indent=2))
    error = error_reading(path)
    assert error.code == "E008" and "'abstract'" in error.message
    assert '"2023FixB' in path.read_text().splitlines()[error.line]  # the doc's opening brace
    assert [r.id for r in read_abstracts([path], skip_bad=True, on_skip=lambda e: None)] == ["2024FixA..001..101L"]
    not_a_page = write(tmp_path, "other.json", '{"responseHeader": {"status": 0}, "error": {"msg": "bad"}}')
    error = error_reading(not_a_page)
    assert error.one_line() == f"{not_a_page}:1: E025 not an ADS search result: no 'response.docs' list"
    truncated = write(tmp_path, "cut.json", '{"responseHeader": {},\n "response": {"docs": [\n{"bibcode": "x"')
    assert (error_reading(truncated).code, error_reading(truncated).line) == ("E007", 3)


def test_indico_contributions_get_event_ids_sessions_people_and_dates():
    records = by_id(INDICO)
    assert list(records) == ["indico:4242-1", "indico:4242-2"]
    talk = records["indico:4242-1"]
    assert talk.title == "Self-organizing maps of MUSE data cubes"
    assert talk.abstract == (
        "We cluster VLT/MUSE data cubes with self-organizing maps.\n\nThe maps reveal kinematic components."
    )
    assert (talk.session, talk.date) == ("Galaxies", dt.date(2024, 7, 9))
    assert [(s.name, s.affiliation) for s in talk.speakers] == [("Ines Moreau", "Fixture Observatory")]
    assert [a.name for a in talk.authors] == ["Ines Moreau", "Tom Baker"]
    assert talk.metadata["event_id"] == "4242"
    assert talk.metadata["event_title"] == "Machine Learning for Astrophysics (fixture)"
    assert talk.metadata["friendly_id"] == 1
    assert not any(key.startswith("_") for key in talk.metadata)
    unscheduled = records["indico:4242-2"]
    assert (unscheduled.date, unscheduled.metadata["date_source"]) == (dt.date(2024, 7, 8), "event")


def test_indico_sessions_detail_and_bad_contributions(tmp_path):
    export = json.loads(INDICO.read_text(encoding="utf-8"))
    event = export["results"][0]
    first, second = event["contributions"]
    del second["description"]
    event["contributions"] = [first]
    event["sessions"] = [{"_type": "SessionSlot", "title": "Time domain", "contributions": [second]}]
    path = write(tmp_path, "event.json", json.dumps(export, indent=1))
    error = error_reading(path)
    assert (error.code, error.fields["field"]) == ("E008", "description")
    assert path.read_text().splitlines()[error.line - 1].strip() == "{"
    assert '"Anomaly detection' in "".join(path.read_text().splitlines()[error.line : error.line + 12])
    second["description"] = "<p>Isolation forests on ZTF alerts.</p>"
    path = write(tmp_path, "event.json", json.dumps(export, indent=1))
    assert by_id(path)["indico:4242-2"].abstract == "Isolation forests on ZTF alerts."
    no_results = write(tmp_path, "x.json", '{"_type": "HTTPAPIResult", "count": 0}')
    assert error_reading(no_results).code == "E025"


def test_text_mending_helpers():
    assert unwrap("  One line\nwrapped.\n  New paragraph.\n") == "One line wrapped.\n\nNew paragraph."
    assert html_to_text("A &lt; B and <em>C</em><br/>D") == "A < B and C\n\nD"
    assert html_to_text("No tags &amp; entities") == "No tags & entities"
