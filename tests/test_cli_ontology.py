"""Tests of the ``astro-ie`` commands over the core: ``ontology check``, ``ontology export``,
``evaluate`` and ``schema``.

Most tests run the Typer app in-process (``CliRunner``, stdout and stderr kept apart);
two run the installed console script, to see exactly what a user sees: one line per
problem, exit code 2, no traceback.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from astro_ie.cli import app
from astro_ie.models import Entity, TaggedRecord, schema_texts
from astro_ie.ontology import load_ontology, ontology_hash

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini-ontology"
SEED_DEV = FIXTURES / "seed-dev.jsonl"
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<code>E\d{3}) \S")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def broken_ontology(tmp_path) -> Path:
    directory = tmp_path / "broken"
    directory.mkdir()
    (directory / "techniques.yaml").write_text(
        textwrap.dedent("""\
        - id: technique:alpha
          label: alpha
          type: TECHNIQUE
          broader: [technique:ghost]
        - id: technique:alpha
          label: alpha again
          type: TECHNIQUE
        - id: technique:beta
          label: beta
          type: TECHNIQUE
          colour: blue
        """),
        encoding="utf-8",
    )
    (directory / "software.yaml").write_text("- id: software:x\n  label: [unclosed\n", encoding="utf-8")
    return directory


def assert_problem_report(stderr: str, expected_count: int) -> list[re.Match]:
    """Every line but the last is ``file:line: Ecode message``; the last counts them."""
    lines = stderr.rstrip("\n").split("\n")
    assert "Traceback" not in stderr
    assert lines[-1] == f"E109 {expected_count} ontology problem(s) found"
    matches = [PROBLEM_LINE.match(line) for line in lines[:-1]]
    assert all(matches), lines
    assert len(matches) == expected_count
    return matches


# --- ontology check ----------------------------------------------------------------


def test_check_passes_on_the_mini_ontology(runner):
    result = runner.invoke(app, ["ontology", "check", str(MINI)])
    assert result.exit_code == 0, result.output
    onto = load_ontology(MINI)
    assert result.stdout.startswith(f"ok: {len(onto)} concepts (")
    assert result.stdout.rstrip().endswith(f"hash {ontology_hash(MINI)[:12]}")
    for label, concepts in onto.by_type().items():
        assert f"{len(concepts)} {label}" in result.stdout
    assert result.stderr == ""


def test_check_reports_every_problem_with_file_and_line(runner, broken_ontology):
    result = runner.invoke(app, ["ontology", "check", str(broken_ontology)])
    assert result.exit_code == 2
    assert result.stdout == ""
    matches = assert_problem_report(result.stderr, 4)
    found = {(Path(m["path"]).name, int(m["line"]), m["code"]) for m in matches}
    assert found == {
        ("techniques.yaml", 5, "E104"),
        ("techniques.yaml", 8, "E103"),
        ("techniques.yaml", 1, "E106"),
        ("software.yaml", 3, "E102"),
    }


def test_check_reports_an_empty_directory(runner, tmp_path):
    result = runner.invoke(app, ["ontology", "check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path}: E101 ontology directory has no *.yaml files",
        "E109 1 ontology problem(s) found",
    ]


def test_console_script_reports_without_traceback(broken_ontology):
    script = Path(sys.executable).with_name("astro-ie")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "astro_ie"]
    result = subprocess.run(
        [*command, "ontology", "check", str(broken_ontology)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert_problem_report(result.stderr, 4)


# --- ontology export -------------------------------------------------------------------


def test_export_skos_to_a_file(runner, tmp_path):
    from rdflib import Graph
    from rdflib.namespace import RDF, SKOS

    out = tmp_path / "out" / "ontology.ttl"
    result = runner.invoke(app, ["ontology", "export", str(MINI), "--format", "skos", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    graph = Graph().parse(out, format="turtle")
    assert len(set(graph.subjects(RDF.type, SKOS.Concept))) == len(load_ontology(MINI))


def test_export_skos_to_stdout_is_the_same_turtle(runner, tmp_path):
    out = tmp_path / "ontology.ttl"
    runner.invoke(app, ["ontology", "export", str(MINI), "--out", str(out)])
    result = runner.invoke(app, ["ontology", "export", str(MINI), "--format", "skos"])
    assert result.exit_code == 0
    assert result.stdout == out.read_text(encoding="utf-8")


def test_export_of_a_broken_ontology_fails_like_check(runner, broken_ontology, tmp_path):
    out = tmp_path / "ontology.ttl"
    result = runner.invoke(app, ["ontology", "export", str(broken_ontology), "--out", str(out)])
    assert result.exit_code == 2
    assert_problem_report(result.stderr, 4)
    assert not out.exists()


def test_export_rejects_an_unknown_format(runner, tmp_path):
    result = runner.invoke(app, ["ontology", "export", str(MINI), "--format", "owl"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- evaluate ----------------------------------------------------------------------------

R3 = "past-and-future-multiwavelength-all-sky-surveys-3"
R5 = "past-and-future-multiwavelength-all-sky-surveys-5"


def tagged(rid: str, text: str, spec: list[tuple[str, str, str]]) -> str:
    """A corpus.jsonl line; ``spec`` lists (surface, label, concept id), each at its next occurrence."""
    entities, cursor = [], {}
    for surface, label, cid in spec:
        start = text.index(surface, cursor.get(surface, 0))
        cursor[surface] = start + 1
        entities.append(
            Entity(
                start=start,
                end=start + len(surface),
                text=surface,
                label=label,
                concept_id=cid,
                concept_label=surface,
                source="ruler",
            )
        )
    title = text.split("\n\n", 1)[0]
    return TaggedRecord(id=rid, title=title, text=text, abstract_start=len(title) + 2, entities=entities).to_json_line()


@pytest.fixture
def predictions(tmp_path) -> Path:
    path = tmp_path / "corpus.jsonl"
    lines = [
        tagged(
            R3,
            "LSST\n\nWe apply machine learning to Legacy Survey of Space and Time (LSST) images and a random forest.",
            [
                ("LSST", "SURVEY", "survey:lsst"),
                ("machine learning", "TECHNIQUE", "technique:ml"),
                ("Legacy Survey of Space and Time", "SURVEY", "survey:lsst"),
                ("LSST", "SURVEY", "survey:lsst"),
                ("random forest", "TECHNIQUE", "technique:rf"),
            ],
        ),
        tagged(
            R5,
            "Adaptation\n\nA domain-adversarial neural network (DANN) with noise injection.",
            [
                ("domain-adversarial neural network", "TECHNIQUE", "candidate:dann"),
                ("DANN", "TECHNIQUE", "candidate:dann"),
                ("noise injection", "TECHNIQUE", "candidate:noise"),
            ],
        ),
        tagged("not-in-the-gold", "Other\n\nA CNN.", [("CNN", "TECHNIQUE", "technique:cnn")]),
    ]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_evaluate_json(runner, predictions):
    result = runner.invoke(app, ["evaluate", "--gold", str(SEED_DEV), "--pred", str(predictions), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    # TPs: machine learning, domain-adversarial neural network, DANN (TECHNIQUE); the LSST long
    # and short forms (SURVEY). random forest is an FP; noise injection is borderline (ignored).
    assert (report["labels"]["TECHNIQUE"]["tp"], report["labels"]["TECHNIQUE"]["fp"]) == (3, 1)
    assert (report["labels"]["SURVEY"]["tp"], report["labels"]["SURVEY"]["fp"]) == (2, 0)
    assert (report["micro"]["tp"], report["micro"]["fp"]) == (5, 1)
    assert report["records"] == {"gold": 50, "predicted": 3, "scored": 2, "missing": 48, "unmatched": 1}
    assert report["false_positives"] == [{"form": "random forest", "label": "TECHNIQUE", "count": 1, "examples": [R3]}]
    linking = report["linking"]
    assert (linking["items"], linking["precision"], linking["recall"]) == (5, 1.0, 1.0)
    assert (linking["predicted_clusters"], linking["gold_clusters"]) == (3, 3)


def test_evaluate_table(runner, predictions):
    result = runner.invoke(app, ["evaluate", "--gold", str(SEED_DEV), "--pred", str(predictions), "--top", "5"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["TP", "FP", "FN", "precision", "recall", "F1"]
    micro = next(line.split() for line in lines if line.startswith("micro"))
    assert micro[1:3] == ["5", "1"]
    assert (
        "records: 50 gold, 3 predicted, 2 scored, 48 missing from the prediction, 1 not in the gold (ignored)"
    ) in lines
    assert any(line.split()[:3] == ["1", "TECHNIQUE", "random"] for line in lines)
    fn_block = lines[lines.index("top false negatives") + 2 :]
    assert 0 < len([line for line in fn_block if line.strip()]) <= 5


def test_evaluate_interval_in_json_and_table(runner, predictions):
    args = ["evaluate", "--gold", str(SEED_DEV), "--pred", str(predictions), "--interval"]
    report = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    spread = report["micro_interval"]
    assert (spread["records"], spread["resamples"], spread["confidence"]) == (50, 2000, 0.95)
    # 48 of the 50 gold records are missing from the prediction: the score is low and so is its interval
    assert 0.0 <= spread["low"] < report["micro"]["f1"] < spread["high"] < 0.5
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    line = table.stdout.splitlines()[-1]
    assert line.startswith("micro F1 95% interval: ") and "over 50 gold records" in line
    assert "micro_interval" not in json.loads(runner.invoke(app, [*args[:-1], "--json"]).stdout)


def test_evaluate_reports_a_bad_gold_file_in_one_line(runner, tmp_path, predictions):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "entities": []}\n{"id": "b", "entities": [\n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(predictions)])
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"astro-ie: error: {gold}:2: E202 gold file: ")
    assert "Traceback" not in result.stderr


def test_evaluate_reports_a_missing_gold_file(runner, tmp_path, predictions):
    result = runner.invoke(app, ["evaluate", "--gold", str(tmp_path / "none.jsonl"), "--pred", str(predictions)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"astro-ie: error: {tmp_path / 'none.jsonl'}: E202 ")


def test_evaluate_reports_a_bad_prediction_in_one_line(runner, tmp_path):
    pred = tmp_path / "corpus.jsonl"
    record = json.loads(tagged(R3, "T\n\nmachine learning", [("machine learning", "TECHNIQUE", "technique:ml")]))
    record["entities"][0]["end"] += 1  # offsets no longer cut the entity's text
    pred.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(SEED_DEV), "--pred", str(pred)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"astro-ie: error: {pred}:1: E203 prediction file: ")


# --- schema --------------------------------------------------------------------------------


def test_schema_writes_the_published_schemas(runner, tmp_path):
    result = runner.invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(Path(line).name for line in result.stdout.splitlines())
    assert written == sorted(schema_texts())
    for name in written:
        assert (tmp_path / name).read_text(encoding="utf-8") == (ROOT / "schemas" / name).read_text(encoding="utf-8"), (
            f"schemas/{name} is out of date: run `astro-ie schema`"
        )
