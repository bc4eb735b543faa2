"""The ``astro-ie ingest`` command, run as a user runs it: the console script in a subprocess.

A bad input must give exit code != 0, exactly one line on stderr naming
``file:line``, no traceback and no ``abstracts.jsonl``; ``--skip-bad`` must
report every skipped record and write the good ones.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BOOK = REPO / "data" / "ml4astro-2024-book-of-abstracts.txt"
ASTRO_IE = Path(sys.executable).parent / "astro-ie"  # the console script of the venv running the tests

GOOD = '{"id": "1", "title": "T", "abstract": "A."}\n'
MINI_BOOK = (
    "Monday, 8 July 2024\n\n"
    "Time domain / 1\n\nA title\n\nSpeaker: Ann Lee (INAF)\n\nText.\n\n"
    "Time domain / 2\n\nNo speaker here\n\nText.\n\n"
    "Time domain / 3\n\nAnother title\n\nSpeaker: Bob Ray (CNRS)\n\nMore text.\n"
)


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ASTRO_IE), "ingest", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def output_lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "abstracts.jsonl").read_text(encoding="utf-8").splitlines()]


def assert_clean_failure(result: subprocess.CompletedProcess, out: Path, location: str, code: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith(f"astro-ie: error: {location}: {code} "), lines[0]
    assert not (out / "abstracts.jsonl").exists()
    assert not list(out.glob(".tmp-*")) if out.exists() else True


@pytest.mark.parametrize(
    "name, content, location_suffix, code",
    [
        ("missing.jsonl", None, "", "E001"),
        ("empty.txt", b"", "", "E002"),
        ("binary.txt", b"Contents\n\x00\x01\x02", ":2", "E003"),
        ("latin1.txt", "Monday, 8 July 2024\n\nCaf\u00e9\n".encode("latin-1"), ":3", "E004"),
        ("prose.txt", b"Not a book of abstracts.\n", "", "E005"),
        ("nospeaker.txt", MINI_BOOK.encode(), ":11", "E006"),
        ("notjson.jsonl", (GOOD + "{broken\n").encode(), ":2", "E007"),
        ("noid.jsonl", (GOOD + '{"title": "T", "abstract": "A."}\n').encode(), ":2", "E008"),
        ("noabstract.jsonl", (GOOD + '{"id": "2", "title": "T"}\n').encode(), ":2", "E008"),
        ("dup.jsonl", (GOOD + "\n" + GOOD).encode(), ":3", "E009"),
        ("nocol.csv", b"id,title\n1,T\n", ":1", "E011"),
    ],
)
def test_each_bad_input_fails_in_one_line_without_output(tmp_path, name, content, location_suffix, code):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    out = tmp_path / "out"
    result = run(name, "--out", out, cwd=tmp_path)
    assert result.returncode == 2
    assert_clean_failure(result, out, name + location_suffix, code)


def test_failure_mid_stream_leaves_no_output_and_keeps_the_previous_one(tmp_path):
    good_lines = "".join(json.dumps({"id": str(n), "title": "T", "abstract": "A."}) + "\n" for n in range(500))
    (tmp_path / "in.jsonl").write_text(good_lines + "{late breakage\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    previous = '{"previous": "run"}\n'
    (out / "abstracts.jsonl").write_text(previous, encoding="utf-8")
    result = run("in.jsonl", "--out", out, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "astro-ie: error: in.jsonl:501: E007 line is not valid JSON: Expecting property name enclosed in double quotes"
        " (column 2) (--skip-bad skips bad records and reports each one)"
    ]
    assert (out / "abstracts.jsonl").read_text(encoding="utf-8") == previous
    assert sorted(p.name for p in out.iterdir()) == ["abstracts.jsonl"]


def test_skip_bad_reports_each_skipped_record_and_writes_the_good_ones(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        GOOD + "{broken\n" + '{"id": "2", "title": "T"}\n' + '{"id": "3", "title": "T", "abstract": "C."}\n',
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(MINI_BOOK, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(GOOD, encoding="utf-8")  # id "1" again
    out = tmp_path / "out"
    result = run("a.jsonl", "b.txt", "c.jsonl", "--out", out, "--skip-bad", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "astro-ie: skipped: a.jsonl:2: E007 line is not valid JSON: Expecting property name enclosed in double quotes (column 2)",
        "astro-ie: skipped: a.jsonl:3: E008 record lacks the required field 'abstract'",
        "astro-ie: skipped: b.txt:11: E006 header 'Time domain / 2' has no 'Speaker:' line before the next header",
        "astro-ie: skipped: c.jsonl:1: E009 duplicate id '1' (first seen at line 1 of a.jsonl)",
        "astro-ie: E014 4 bad record(s) skipped",
    ]
    assert [(r["id"], r["source"], r["line"]) for r in output_lines(out)] == [
        ("1", "a.jsonl", 1),
        ("3", "a.jsonl", 4),
        ("time-domain-1", "b.txt", 3),
        ("time-domain-3", "b.txt", 17),
    ]
    assert result.stdout.strip() == f"4 abstracts -> {out / 'abstracts.jsonl'}"


def test_default_corpus_gives_101_abstracts_and_no_warning(tmp_path):
    out = tmp_path / "out"
    result = run(BOOK, "--out", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    records = output_lines(out)
    assert len(records) == 101
    assert records[0]["id"] == "past-and-future-multiwavelength-all-sky-surveys-1"
    assert records[0]["date"] == "2024-07-08"
    assert records[-1]["id"] == "flashtalks-25"
    assert all(r["source"] == BOOK.name for r in records)


def test_table_of_contents_mismatch_is_a_warning_on_stderr(tmp_path):
    book = "Contents\n\nA title\t1\nA title nobody wrote\t2\n\n" + MINI_BOOK.replace(
        "Time domain / 2\n\nNo speaker here\n\nText.\n\n", ""
    )
    (tmp_path / "b.txt").write_text(book, encoding="utf-8")
    out = tmp_path / "out"
    result = run("b.txt", "--out", out, cwd=tmp_path)
    assert result.returncode == 0
    warnings = result.stderr.splitlines()
    assert warnings[0] == (
        "astro-ie: warning: b.txt:4: W001 the table of contents lists 'A title nobody wrote', but no abstract has this title"
    )
    assert re.fullmatch(
        r"astro-ie: warning: b\.txt:\d+: W004 abstract 'Another title' is not in the table of contents", warnings[1]
    )
    assert [r["id"] for r in output_lines(out)] == ["time-domain-1", "time-domain-3"]


def test_jsonl_happy_path_keeps_metadata_with_its_types(tmp_path):
    (tmp_path / "papers.ndjson").write_text(
        json.dumps(
            {
                "id": "2401.00001",
                "title": "Transformers for light curves",
                "abstract": "We classify light curves.",
                "authors": ["A. Lee", "B. Ray"],
                "year": 2024,
                "open_access": True,
                "speakers": [{"name": "A. Lee", "affiliation": "INAF"}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("papers.ndjson", "--out", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (record,) = output_lines(out)
    assert record["id"] == "2401.00001"
    assert record["metadata"] == {"authors": ["A. Lee", "B. Ray"], "year": 2024, "open_access": True}
    assert record["speakers"] == [{"name": "A. Lee", "affiliation": "INAF", "invited": False}]
    assert (record["source"], record["line"], record["schema_version"]) == ("papers.ndjson", 1, "1.0")


def test_csv_happy_path_keeps_metadata_as_strings(tmp_path):
    (tmp_path / "papers.csv").write_text(
        "id,title,abstract,year,journal,date\n"
        'p1,"Galaxies, quickly","First line.\nSecond line.",2023,ApJ,2023-05-01\n'
        "p2,Stars,Text.,2024,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("papers.csv", "--out", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    first, second = output_lines(out)
    assert (first["title"], first["abstract"], first["date"], first["line"]) == (
        "Galaxies, quickly",
        "First line.\nSecond line.",
        "2023-05-01",
        2,
    )
    assert first["metadata"] == {"year": "2023", "journal": "ApJ"}
    assert (second["line"], second["date"], second["metadata"]) == (4, None, {"year": "2024", "journal": ""})


def test_input_format_option_overrides_the_extension(tmp_path):
    (tmp_path / "records.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    assert run("records.txt", "--out", out, cwd=tmp_path).returncode == 2  # read as a book: E005
    result = run("records.txt", "--out", out, "--input-format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in output_lines(out)] == ["1"]
