"""The archive readers from the command line: ``astro-ie ingest`` and ``astro-ie run`` over a
mixed input (an arXiv snapshot, ADS search pages and an Indico export) in one command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SOURCES = TESTS / "fixtures" / "sources"
MIXED = [SOURCES / "arxiv-metadata-oai-snapshot.json", SOURCES / "ads-search.json", SOURCES / "indico-event-4242.json"]
MINI_ONTOLOGY = TESTS / "fixtures" / "mini-ontology"
ASTRO_IE = Path(sys.executable).with_name("astro-ie")

EXPECTED = {  # id: (date, title) of every record kept with --categories astro-ph, in input order
    "arXiv:2401.99901": ("2024-01-02", "Galaxy morphology from Euclid-like images with a convolutional neural network"),
    "arXiv:astro-ph/0601999": ("2009-10-31", "Photometric redshifts of SDSS galaxies with neural networks"),
    "arXiv:2212.99903": ("2022-12-30", "Anomaly detection in ZTF light curves with an isolation forest"),
    "2024FixA..001..101L": ("2024-07-01", "Gaussian processes for TESS light curves"),
    "2023FixB..002..202K": ("2023-01-01", "Deep learning & the Gaia DR3 H0 ladder"),
    "2019FixC..003..303S": ("2019-11-01", "Random forests for LSST photometric classification"),
    "indico:4242-1": ("2024-07-09", "Self-organizing maps of MUSE data cubes"),
    "indico:4242-2": ("2024-07-08", "Anomaly detection for the Rubin Observatory alert stream"),
}


def astro_ie(
    *args: str | Path, cwd: Path, env: dict | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ASTRO_IE), *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ingest_reads_a_mixed_input_with_a_category_filter(tmp_path):
    result = astro_ie("ingest", *MIXED, "--out", "out", "--categories", "astro-ph", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = read_jsonl(tmp_path / "out" / "abstracts.jsonl")
    assert {r["id"]: (r["date"], r["title"]) for r in records} == EXPECTED
    assert [r["id"] for r in records] == list(EXPECTED)
    everything = astro_ie("ingest", *MIXED, "--out", "all", "--categories", "astro-ph.GA,cs", cwd=tmp_path)
    assert everything.returncode == 0, everything.stderr
    assert [r["id"] for r in read_jsonl(tmp_path / "all" / "abstracts.jsonl")][:2] == [
        "arXiv:2401.99901",
        "arXiv:2306.99902",
    ]


def test_a_bad_archive_export_fails_in_one_line(tmp_path):
    page = json.loads((SOURCES / "ads-search.json").read_text(encoding="utf-8").split("\n{")[0])
    del page["response"]["docs"][0]["bibcode"]
    (tmp_path / "page.json").write_text(json.dumps(page, indent=2), encoding="utf-8")
    result = astro_ie("ingest", "page.json", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "astro-ie: error: page.json:18: E008 record lacks the required field 'bibcode'"
        " (--skip-bad skips bad records and reports each one)"
    ]
    assert not (tmp_path / "out" / "abstracts.jsonl").exists()
    result = astro_ie("ingest", "page.json", "--out", "out", "--input-format", "indico", cwd=tmp_path)
    assert result.stderr.splitlines() == [
        "astro-ie: error: page.json:1: E025 not an Indico export: no 'results' list of events"
    ]


@pytest.mark.slow
def test_one_run_over_arxiv_ads_and_indico_exports(tmp_path, prefect_env):
    result = astro_ie(
        "run",
        *MIXED,
        "--out",
        "out",
        "--ontology",
        MINI_ONTOLOGY,
        "--categories",
        "astro-ph",
        "--abstracts",
        "--cache-dir",
        tmp_path / "cache",
        cwd=tmp_path,
        env=prefect_env,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = tmp_path / "out"
    abstracts = {r["id"]: r for r in read_jsonl(out / "abstracts.jsonl")}
    corpus = read_jsonl(out / "corpus.jsonl")
    assert [r["id"] for r in corpus] == list(EXPECTED)
    for record in corpus:
        date, title = EXPECTED[record["id"]]
        assert (record["date"], record["title"]) == (date, title)
        assert record["text"] == f"{title}\n\n{abstracts[record['id']]['abstract']}"
        assert record["abstract_start"] == len(title) + 2
        for entity in record["entities"]:
            assert record["text"][entity["start"] : entity["end"]] == entity["text"]
    by_id = {r["id"]: r for r in corpus}
    assert [a["name"] for a in by_id["arXiv:2401.99901"]["authors"]] == ["Ana Lima", "Ben Okafor", "Chen Wei"]
    assert by_id["indico:4242-1"]["speakers"][0]["name"] == "Ines Moreau"
    assert by_id["2024FixA..001..101L"]["metadata"]["date_precision"] == "month"
    assert "convolutional neural network" in {e["text"] for e in by_id["arXiv:2401.99901"]["entities"]}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["abstracts"] == len(EXPECTED)
    assert manifest["parameters"]["categories"] == ["astro-ph"]
