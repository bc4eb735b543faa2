"""``manifest.json`` is deterministic; ``run.json`` holds what differs run to run; Prefect artifacts.

``make run`` twice must leave ``git status`` clean: the manifest of the same
inputs, ontology and code is the same bytes whatever the time, the timings or
the cache, and ``run.json`` (not listed in the manifest) is ignored by git.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from astro_ie.flows.artifacts import concept_rows, summary_markdown
from astro_ie.manifest import RUN_FILE, input_entries, write_manifest

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY = {"hash": "abc", "concepts": 3, "directory": str(REPO / "ontologies")}


def run_once(directory: Path, source: Path, timings: dict, cached: int) -> bytes:
    counts = {"abstracts": 2, "mentions": 5, "batches": 1, "cached_batches": cached, "skipped": 0}
    write_manifest(directory, [source], ONTOLOGY, counts, timings, {"batch_size": 256})
    return (directory / "manifest.json").read_bytes()


def test_manifest_is_the_same_bytes_whatever_the_time_timings_and_cache(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a"}\n', encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "corpus.jsonl").write_text("{}\n", encoding="utf-8")
    first = run_once(out, source, {"extract": 1.5}, cached=0)
    run = json.loads((out / RUN_FILE).read_text(encoding="utf-8"))
    assert run["timings_seconds"] == {"extract": 1.5} and run["counts"] == {"cached_batches": 0} and run["created"]
    second = run_once(out, source, {"extract": 0.1}, cached=1)
    assert first == second
    manifest = json.loads(first)
    assert [f["path"] for f in manifest["files"]] == ["corpus.jsonl"], "run.json must not be listed"
    assert manifest["run_file"] == RUN_FILE
    assert json.loads((out / RUN_FILE).read_text(encoding="utf-8"))["counts"] == {"cached_batches": 1}


def test_git_ignores_run_json_of_committed_outputs() -> None:
    proc = subprocess.run(["git", "check-ignore", "-q", "outputs/ml4astro-2024/run.json"], cwd=REPO)
    if proc.returncode == 128:
        pytest.skip("not a git checkout")
    assert proc.returncode == 0, "outputs/*/run.json would make `make run` leave git status dirty"


SUMMARY = {
    "counts": {
        "abstracts": 3,
        "mentions": 7,
        "concepts": 4,
        "candidates": 1,
        "skipped": 1,
        "batches": 2,
        "cached_batches": 2,
        "mentions_per_label": {"TECHNIQUE": 4, "TELESCOPE": 3},
    },
    "top_concepts": {
        "TECHNIQUE": [("technique:cnn", "convolutional neural network", 2)],
        "TELESCOPE": [("telescope:hst", "Hubble Space Telescope", 2)],
    },
    "top_pairs": [
        {"source_label": "convolutional neural network", "target_label": "Hubble Space Telescope", "weight": 2}
    ],
    "new_candidates": [("candidate:foo", "SOFTWARE", 1)],
}


def test_summary_artifact_shows_the_figures_and_the_report_path_as_text(tmp_path: Path) -> None:
    (tmp_path / "report.html").write_text("<html></html>", encoding="utf-8")
    markdown = summary_markdown(tmp_path, SUMMARY)
    assert "**3** abstracts, **7** mentions" in markdown and "2/2 batches from the cache" in markdown
    assert (
        "| TECHNIQUE | 4 |" in markdown and "| convolutional neural network | Hubble Space Telescope | 2 |" in markdown
    )
    assert f"`{tmp_path / 'report.html'}`" in markdown and "file://" not in markdown
    assert concept_rows(SUMMARY) == [
        {
            "label": "TECHNIQUE",
            "concept_id": "technique:cnn",
            "concept": "convolutional neural network",
            "abstracts": 2,
        },
        {"label": "TELESCOPE", "concept_id": "telescope:hst", "concept": "Hubble Space Telescope", "abstracts": 2},
    ]


def test_the_code_hash_covers_every_code_package_and_the_report_templates() -> None:
    """A subpackage left out of the hash would let stale committed outputs and caches pass as current."""
    import pkgutil

    import astro_ie
    from astro_ie.manifest import CODE_PACKAGES, code_files

    packages = {info.name for info in pkgutil.walk_packages(astro_ie.__path__, "astro_ie.") if info.ispkg}
    data_packages = {name for name in packages if name.split(".")[1] in ("ontologies", "data")}
    assert packages - data_packages <= set(CODE_PACKAGES), packages - data_packages - set(CODE_PACKAGES)
    names = {name for name, _ in code_files()}
    assert {
        "astro_ie/cli.py",
        "astro_ie/flows/extract_corpus.py",
        "astro_ie/ingest/book.py",
        "astro_ie/report/page.py",
        "astro_ie/report/templates/report.js",
    } <= names
    assert not any(name.startswith(("astro_ie/ontologies", "astro_ie/data")) for name in names)


def test_inputs_of_an_update_follow_those_of_the_runs_before(tmp_path: Path) -> None:
    """An update lists the directory's earlier inputs, then its own as the next run; old entries count as run 1."""
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text('{"id": "a"}\n', encoding="utf-8")
    second.write_text('{"id": "b"}\n{"id": "c"}\n', encoding="utf-8")
    made = input_entries([first], [1])
    assert [(e["name"], e["bytes"], e["records"], e["run"]) for e in made] == [("a.jsonl", 12, 1, 1)]
    updated = input_entries([second], [2], previous=made)
    assert updated[0] == made[0]
    assert [(e["name"], e["records"], e["run"]) for e in updated] == [("a.jsonl", 1, 1), ("b.jsonl", 2, 2)]
    assert input_entries([first], [1], previous=updated)[-1]["run"] == 3  # given again: listed again, as run 3
    older = {k: v for k, v in made[0].items() if k not in ("records", "run")}  # a manifest before these fields
    assert [e["run"] for e in input_entries([second], [2], previous=[older])] == [1, 2]
    with pytest.raises(ValueError):  # a count per input, or none
        input_entries([first, second], [1])


def test_run_json_names_the_run_of_the_directory(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a"}\n', encoding="utf-8")
    counts = {"abstracts": 1, "mentions": 0}
    previous = input_entries([source], [1])
    write_manifest(tmp_path, [source], ONTOLOGY, counts, {}, {}, records=[1], previous_inputs=previous)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [e["run"] for e in manifest["inputs"]] == [1, 2]
    assert json.loads((tmp_path / RUN_FILE).read_text(encoding="utf-8"))["run"] == 2
