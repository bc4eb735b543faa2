"""Tests of the Prefect orchestration: ``astro-ie run``, the outputs it publishes, ``astro-ie serve``.

What the flow promises, checked from the outside:

* ``astro-ie run`` (a subprocess, local ephemeral API, no server) exits 0 with
  progress and without an ERROR line or a traceback, writes every table, graph
  export, the report and ``manifest.json``, and ``prefect flow-run ls`` shows
  the run Completed;
* the manifest tells the truth: input sha256, ontology hash, code hash,
  package versions, counts, timings, and each file with its sha256;
* the graph's weights are the co-occurrence counts of ``corpus.jsonl``
  (recomputed here), and every export reads back with its reader into the
  same graph;
* a rerun reads every batch from the cache and rewrites the same bytes, and
  publishes the Prefect artifacts (summary, table, link to the report);
* bad input ends in one ``astro-ie: error: file:line: E...`` line, exit 2,
  and leaves the previous outputs alone;
* ``astro-ie serve`` runs the inbox deployment on its schedule, then skips
  inputs it has processed, and stops cleanly on Ctrl-C;
* ``prefect.yaml`` parses and its entrypoints and parameters load;
* the committed outputs/ml4astro-2024/ are those of the current code,
  ontology and corpus.

Prefect runs only in the tests marked ``slow``; every one of them is sandboxed
by tests/conftest.py (PREFECT_HOME, the batch cache, no analytics).
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
import yaml

from astro_ie import __version__ as ASTRO_IE_VERSION
from astro_ie.manifest import code_hash
from astro_ie.models import Abstract, TaggedRecord
from astro_ie.ontology import load_ontology, ontology_hash

REPO = Path(__file__).resolve().parents[1]
MINI_ONTOLOGY = REPO / "tests" / "fixtures" / "mini-ontology"
DEFAULT_CORPUS = REPO / "data" / "ml4astro-2024-book-of-abstracts.txt"
ONTOLOGY = REPO / "ontologies"
COMMITTED = REPO / "outputs" / "ml4astro-2024"

TABLES = (
    "abstracts.jsonl",
    "corpus.jsonl",
    "mentions.csv",
    "mentions.parquet",
    "edges-evidence.parquet",
    "concepts.csv",
    "candidates.csv",
    "corpus-index.parquet",
    "digest-state.json.gz",
)
# abstracts.jsonl and mentions.csv: asked for by cli_run; the index and the state: what --update starts from
GRAPH_STEMS = ("graph", "graph-rollup", "technique-instrument", "technique-instrument-rollup")
GRAPH_SUFFIXES = (".graphml", ".gexf", ".json", ".vosviewer.json", ".edges.csv", ".nodes.csv")
EXPECTED_FILES = (
    *TABLES,
    *(stem + suffix for stem in GRAPH_STEMS for suffix in GRAPH_SUFFIXES),
    "report.html",
    "manifest.json",
    "run.json",
)
TECHNIQUE, INSTRUMENTS = "TECHNIQUE", {"TELESCOPE", "SURVEY", "DATASET"}

BATCH_SIZE = 2
SMALL_RECORDS = [
    {
        "id": "flow-1",
        "title": "Galaxy morphology with a convolutional neural network",
        "abstract": "We train a CNN on Hubble Space Telescope images and Gaia DR3 photometry with Astropy. "
        "Machine learning baselines include a random forest (RF) on VLT spectra.",
    },
    {
        "id": "flow-2",
        "title": "Self-organizing maps for LSST light curves",
        "abstract": "A self-organizing map (SOM) clusters LSST light curves; k-nearest neighbors and a CNN "
        "are compared on Dark Energy Survey DR2 data.",
    },
    {
        "id": "flow-3",
        "title": "Attention on MUSE cubes",
        "abstract": "An attention mechanism reads MUSE cubes from the VLT; Swift observations and Gaia "
        "confirm the sources. We use kNN and t-SNE.",
    },
    {
        "id": "flow-4",
        "title": "Machine learning everywhere",
        "abstract": "Neural networks and machine learning are used with DES imaging and the Hubble Space Telescope.",
    },
    {
        "id": "flow-5",
        "title": "A note without instruments",
        "abstract": "We discuss the sociology of a conference and the weather in Catania.",
    },
    {
        "id": "flow-6",
        "title": "Random forests on Gaia",
        "abstract": "A random forest classifies stars from Gaia Data Release 3; t-SNE embeddings show LSST "
        "and Gaia DR3 samples.",
    },
]

ERROR_LINE = re.compile(r"^astro-ie: error: (?P<path>.+?)(?::(?P<line>\d+))?: (?P<code>E\d{3}) \S.*$")


def astro_ie_command() -> list[str]:
    """The console script of this environment (what a user runs), else the module."""
    script = Path(sys.executable).with_name("astro-ie")
    return [str(script)] if script.exists() else [sys.executable, "-m", "astro_ie"]


def start_logged(args: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen:
    """``astro-ie ARGS`` in a session of its own (a terminal's Ctrl-C reaches its group), output to ``log``."""
    with open(log, "w", encoding="utf-8") as sink:
        return subprocess.Popen(
            [*astro_ie_command(), *args],
            env=env,
            cwd=cwd,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def run_cli(args: list[str], env: dict[str, str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*astro_ie_command(), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def output_files(directory: Path) -> dict[str, bytes]:
    """Every published file but manifest.json, by path relative to ``directory``."""
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name not in ("manifest.json", "run.json")
    }


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def leftovers(parent: Path) -> list[str]:
    """Staging directories and temporary files a run must not leave behind."""
    return sorted(
        p.name
        for p in parent.iterdir()
        if ".staging-" in p.name or p.name.startswith(".tmp-") or p.name.endswith(".previous")
    )


def describe(proc: subprocess.CompletedProcess) -> str:
    return f"exit {proc.returncode}\n--- stdout ---\n{proc.stdout[-4000:]}\n--- stderr ---\n{proc.stderr[-6000:]}"


# --- fixtures --------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("inputs") / "small.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in SMALL_RECORDS), encoding="utf-8")
    return path


@dataclass
class CliRun:
    proc: subprocess.CompletedProcess
    input: Path
    out: Path
    cache: Path
    manifest: dict
    files: dict[str, bytes]

    @property
    def log(self) -> str:
        return self.proc.stdout + self.proc.stderr


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory, small_jsonl: Path, prefect_env: dict[str, str]) -> CliRun:
    """``astro-ie run small.jsonl --out out --ontology mini``: one subprocess, no Prefect server.

    Relative input and output paths, as a user types them. The first run of
    the session over these batches, with a batch cache of its own.
    """
    cwd = tmp_path_factory.mktemp("cli")
    shutil.copy(small_jsonl, cwd / "small.jsonl")
    cache = cwd / "batch-cache"
    proc = run_cli(
        [
            "run",
            "small.jsonl",
            "--out",
            "out",
            "--ontology",
            str(MINI_ONTOLOGY),
            "--batch-size",
            str(BATCH_SIZE),
            "--cache-dir",
            str(cache),
            "--tables",
            "parquet,csv",
            "--abstracts",
        ],
        prefect_env,
        cwd,
    )
    out = cwd / "out"
    assert proc.returncode == 0, describe(proc)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return CliRun(proc, cwd / "small.jsonl", out, cache, manifest, output_files(out))


# --- isolation -----------------------------------------------------------------------


def test_prefect_is_sandboxed(sandbox: Path) -> None:
    """tests/conftest.py ran before Prefect was imported: its home is the session's tmp dir."""
    from prefect.settings import PREFECT_HOME

    assert Path(PREFECT_HOME.value()).resolve() == (sandbox / "prefect-home").resolve()
    assert Path(os.environ["ASTRO_IE_CACHE"]).resolve().is_relative_to(sandbox.resolve())
    assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"


def test_a_developers_prefect_server_does_not_leak_into_the_tests(prefect_env) -> None:
    """With a developer's server and profile in the environment, conftest leaves Prefect on neither."""
    leaked = dict(os.environ, PREFECT_API_URL="http://developer.invalid:4200/api", PREFECT_PROFILE="developer")
    probe = (
        "import sys; sys.path.insert(0, 'tests'); import conftest, os; "
        "from prefect.settings import PREFECT_API_URL; "
        "print(os.environ.get('PREFECT_API_URL'), PREFECT_API_URL.value(), os.environ.get('PREFECT_PROFILE'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=leaked, cwd=REPO, capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == ["None", "None", "None"], result.stderr
    assert not {"PREFECT_API_URL", "PREFECT_PROFILE"} & set(prefect_env)  # nor into the subprocesses


# --- astro-ie run, end to end ---------------------------------------------------------


@pytest.mark.slow
def test_run_succeeds_quietly_with_progress(cli_run: CliRun) -> None:
    log = cli_run.log
    assert "ERROR" not in log, describe(cli_run.proc)
    assert "Traceback" not in log, describe(cli_run.proc)
    batches = -(-len(SMALL_RECORDS) // BATCH_SIZE)
    n = len(SMALL_RECORDS)
    assert re.search(rf"progress: {n}/{n} abstracts tagged, \d+/s", log), describe(cli_run.proc)
    assert batches > 1
    # A run over new inputs writes its outputs in the side process, from the parts as they are tagged.
    assert re.search(r"outputs: written beside tagging \([\d.]+ s waiting for tagged parts", log), log
    for task_name in (
        "ingest",
        "extract-batch",
        "write-outputs",
        "write-report",
        "write-manifest",
        "publish-outputs",
        "publish-artifacts",
    ):
        assert re.search(rf"Task run '{task_name}-\w+' - Finished in state Completed", log), task_name
    assert re.search(r"Flow run '[\w-]+' - Finished in state Completed", log)
    last = re.fullmatch(r"(\d+) abstracts, \d+ mentions -> (.+)", cli_run.proc.stdout.strip().splitlines()[-1])
    assert last and int(last[1]) == len(SMALL_RECORDS) and Path(last[2]).resolve() == cli_run.out.resolve()


@pytest.mark.slow
def test_run_writes_every_output_and_nothing_else(cli_run: CliRun) -> None:
    present = {p.name for p in cli_run.out.iterdir()}
    missing = sorted(set(EXPECTED_FILES) - present)
    assert not missing, f"missing outputs: {missing}"
    empty = sorted(name for name in EXPECTED_FILES if (cli_run.out / name).stat().st_size == 0)
    assert not empty, f"empty outputs: {empty}"
    assert not leftovers(cli_run.out) and not leftovers(cli_run.out.parent)
    assert not any(p.name.startswith(".") for p in cli_run.out.iterdir()), "hidden files (.batches?) published"


@pytest.mark.slow
def test_manifest_tells_inputs_ontology_code_versions_counts_timings(cli_run: CliRun) -> None:
    manifest, out = cli_run.manifest, cli_run.out
    data = cli_run.input.read_bytes()
    assert manifest["inputs"] == [
        {
            "path": "small.jsonl",
            "name": "small.jsonl",  # relative to the cwd
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "records": len(SMALL_RECORDS),
            "run": 1,  # the run that made the directory; an --update adds its inputs as run 2, ...
        }
    ]
    ontology = load_ontology(MINI_ONTOLOGY)
    assert manifest["ontology"]["hash"] == ontology_hash(MINI_ONTOLOGY) == ontology.hash
    assert manifest["ontology"]["concepts"] == len(ontology)
    assert manifest["code_hash"] == code_hash()
    assert manifest["astro_ie"] == ASTRO_IE_VERSION
    packages = manifest["packages"]
    assert packages["astro-ie"] == ASTRO_IE_VERSION
    for name in ("prefect", "spacy", "scispacy", "networkx", "pydantic", "pyarrow", "pandas"):
        assert packages[name] == metadata.version(name), name

    records = read_jsonl(out / "corpus.jsonl")
    counts = manifest["counts"]
    batches = -(-len(SMALL_RECORDS) // BATCH_SIZE)
    assert counts["abstracts"] == len(records) == len(read_jsonl(out / "abstracts.jsonl")) == len(SMALL_RECORDS)
    mentions = [e for r in records for e in r["entities"]]
    assert counts["mentions"] == len(mentions) == len(pd.read_csv(out / "mentions.csv")) > 0
    per_label = counts["mentions_per_label"]
    assert {label: n for label, n in per_label.items() if n} == Counter(e["label"] for e in mentions)
    concepts = {e["concept_id"] for e in mentions}
    assert counts["concepts"] == sum(1 for c in concepts if not c.startswith("candidate:"))
    assert counts["candidates"] == sum(1 for c in concepts if c.startswith("candidate:"))
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))  # what differs run to run
    assert (counts["batches"], run["counts"]["cached_batches"], counts["skipped"]) == (batches, 0, 0)
    assert "created" not in manifest and "timings_seconds" not in manifest and "cached_batches" not in counts

    stages = {"ontology", "extract", "outputs", "report"}
    assert stages <= set(run["timings_seconds"]) and run["created"]
    assert all(isinstance(v, (int, float)) and v >= 0 for v in run["timings_seconds"].values())

    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(cli_run.files), "manifest must list exactly the published files"
    for path, content in cli_run.files.items():
        assert listed[path]["sha256"] == sha256_bytes(content), path
        assert listed[path]["bytes"] == len(content), path


@pytest.mark.slow
def test_flow_run_ls_shows_the_run_completed(cli_run: CliRun, prefect_env: dict[str, str]) -> None:
    """``prefect flow-run ls`` with the same PREFECT_HOME finds the CLI's run, Completed."""
    name = re.search(r"Flow run '([\w-]+)' - Beginning flow run", cli_run.log).group(1)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "prefect",
            "flow-run",
            "ls",
            "--flow-name",
            "extract-corpus",
            "--limit",
            "50",
            "-o",
            "json",
        ],
        env=prefect_env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, describe(proc)
    runs = {run["name"]: run for run in json.loads(proc.stdout)}
    assert name in runs, f"flow run {name!r} not in {sorted(runs)}"
    assert (runs[name]["state_type"], runs[name]["state_name"]) == ("COMPLETED", "Completed")
    assert Path(runs[name]["parameters"]["out_dir"]).resolve() == cli_run.out.resolve()


# --- the graph and the exports ------------------------------------------------------


def cooccurrence(records: list[dict]) -> tuple[Counter, dict[tuple[str, str], list[str]], set[str]]:
    """Weights and evidence recomputed from corpus.jsonl: pairs of distinct non-generic concepts per abstract."""
    weights: Counter = Counter()
    evidence: dict[tuple[str, str], list[str]] = defaultdict(list)
    nodes: set[str] = set()
    for record in records:
        present = {e["concept_id"] for e in record["entities"] if not e["generic"]}
        nodes |= present
        for pair in itertools.combinations(sorted(present), 2):
            weights[pair] += 1
            evidence[pair].append(record["id"])
    return weights, {pair: sorted(ids) for pair, ids in evidence.items()}, nodes


def edge_key(u: str, v: str) -> tuple[str, str]:
    return (u, v) if u <= v else (v, u)


@pytest.mark.slow
def test_graphml_weights_are_the_corpus_cooccurrences(cli_run: CliRun) -> None:
    records = read_jsonl(cli_run.out / "corpus.jsonl")
    ontology = load_ontology(MINI_ONTOLOGY)
    for entity in (e for r in records for e in r["entities"]):
        concept = ontology.get(entity["concept_id"])
        if concept is not None:  # the mention's flag is the ontology's
            assert entity["generic"] == concept.generic, entity
    assert any(e["generic"] for r in records for e in r["entities"]), "fixture must exercise the generic filter"
    weights, evidence, nodes = cooccurrence(records)
    assert len(weights) >= 5, "fixture too poor to test the graph"

    G = nx.read_graphml(cli_run.out / "graph.graphml")
    assert set(G.nodes) == nodes
    found = {edge_key(u, v): d for u, v, d in G.edges(data=True)}
    assert {pair: int(d["weight"]) for pair, d in found.items()} == dict(weights)
    assert {pair: d["examples"].split(";") for pair, d in found.items()} == {p: ids[:3] for p, ids in evidence.items()}
    table = pd.read_parquet(cli_run.out / "edges-evidence.parquet").query("view == 'full'")
    from_table = table.groupby(["source", "target"])["abstract_id"].apply(sorted).to_dict()
    assert from_table == evidence

    # The technique-instrument view keeps exactly those pairs, with the same weights.
    types = {node: G.nodes[node]["type"] for node in G.nodes}

    def technique_instrument(a: str, b: str) -> bool:
        return (types[a] == TECHNIQUE and types[b] in INSTRUMENTS) or (
            types[b] == TECHNIQUE and types[a] in INSTRUMENTS
        )

    expected = {pair: w for pair, w in weights.items() if technique_instrument(*pair)}
    assert expected, "fixture must have technique-instrument pairs"
    view = nx.read_graphml(cli_run.out / "technique-instrument.graphml")
    assert {edge_key(u, v): int(d["weight"]) for u, v, d in view.edges(data=True)} == expected


def read_every_export(directory: Path, stem: str) -> dict[str, tuple[set[str], dict[tuple[str, str], float]]]:
    """Each export of ``stem`` read back with its own reader: nodes and edge weights."""

    def from_graph(G: nx.Graph) -> tuple[set[str], dict[tuple[str, str], float]]:
        return set(G.nodes), {edge_key(u, v): float(d["weight"]) for u, v, d in G.edges(data=True)}

    read: dict[str, tuple[set[str], dict[tuple[str, str], float]]] = {}
    read[".graphml"] = from_graph(nx.read_graphml(directory / f"{stem}.graphml"))
    read[".gexf"] = from_graph(nx.read_gexf(directory / f"{stem}.gexf"))
    node_link = json.loads((directory / f"{stem}.json").read_text(encoding="utf-8"))
    read[".json"] = from_graph(nx.node_link_graph(node_link, edges="links"))
    network = json.loads((directory / f"{stem}.vosviewer.json").read_text(encoding="utf-8"))["network"]
    read[".vosviewer.json"] = (
        {item["id"] for item in network["items"]},
        {edge_key(link["source_id"], link["target_id"]): float(link["strength"]) for link in network["links"]},
    )
    edges = pd.read_csv(directory / f"{stem}.edges.csv", dtype={"source": str, "target": str})
    nodes = pd.read_csv(directory / f"{stem}.nodes.csv", dtype={"id": str})
    read[".edges.csv/.nodes.csv"] = (
        set(nodes["id"]),
        {edge_key(s, t): float(w) for s, t, w in zip(edges["source"], edges["target"], edges["weight"])},
    )
    return read


@pytest.mark.slow
@pytest.mark.parametrize("stem", GRAPH_STEMS)
def test_every_graph_export_reads_back_as_the_same_graph(cli_run: CliRun, stem: str) -> None:
    read = read_every_export(cli_run.out, stem)
    reference_nodes, reference_edges = read[".graphml"]
    assert reference_edges, f"{stem} has no edges"
    for fmt, (nodes, edges) in read.items():
        assert nodes == reference_nodes, f"{stem}{fmt}: nodes differ from the GraphML"
        assert edges == reference_edges, f"{stem}{fmt}: edges differ from the GraphML"
        assert all(u in nodes and v in nodes for u, v in edges), f"{stem}{fmt}: dangling edge"


class _HTMLCheck(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter = Counter()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags[tag] += 1


@pytest.mark.slow
def test_every_table_reads_back(cli_run: CliRun) -> None:
    out = cli_run.out
    abstracts = [
        Abstract.model_validate_json(line)
        for line in (out / "abstracts.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    records = [
        TaggedRecord.model_validate_json(line)
        for line in (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [a.id for a in abstracts] == [r.id for r in records] == [r["id"] for r in SMALL_RECORDS]
    for record in records:
        for entity in record.entities:
            assert record.text[entity.start : entity.end] == entity.text, (record.id, entity)

    mentions_csv = pd.read_csv(out / "mentions.csv", keep_default_na=False)
    mentions_parquet = pd.read_parquet(out / "mentions.parquet")
    assert list(mentions_csv.columns) == list(mentions_parquet.columns)
    assert len(mentions_csv) == len(mentions_parquet) == sum(len(r.entities) for r in records)
    pd.testing.assert_frame_equal(mentions_csv.astype(str), mentions_parquet.astype(str))
    assert list(mentions_parquet["record_id"]) == [r.id for r in records for _ in r.entities]

    concepts = pd.read_csv(out / "concepts.csv", keep_default_na=False)
    assert set(concepts["concept_id"]) == {e.concept_id for r in records for e in r.entities}
    with open(out / "candidates.csv", encoding="utf-8", newline="") as handle:
        candidates = list(csv.DictReader(handle))
    assert {c["candidate_id"] for c in candidates} == {
        e.concept_id for r in records for e in r.entities if e.concept_id.startswith("candidate:")
    }

    report = _HTMLCheck()
    report.feed((out / "report.html").read_text(encoding="utf-8"))
    assert report.tags["html"] == 1 and report.tags["body"] == 1
    json.loads((out / "manifest.json").read_text(encoding="utf-8"))


# --- a rerun: the batch cache, identical bytes, the Prefect artifacts --------------------


@pytest.mark.slow
def test_rerun_reads_the_cache_writes_the_same_bytes_and_publishes_artifacts(
    cli_run: CliRun, prefect_harness: str
) -> None:
    """The same inputs again, in process (one shared Prefect API): every batch is a cache hit."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    from astro_ie.flows.extract_corpus import extract_corpus

    state = extract_corpus(
        inputs=[str(cli_run.input.resolve())],
        out_dir=str(cli_run.out),
        ontology_dir=str(MINI_ONTOLOGY),
        batch_size=BATCH_SIZE,
        cache_dir=str(cli_run.cache),
        tables=["parquet", "csv"],
        keep_abstracts=True,
        return_state=True,
    )
    assert state.is_completed(), state
    manifest = json.loads((cli_run.out / "manifest.json").read_text(encoding="utf-8"))
    run = json.loads((cli_run.out / "run.json").read_text(encoding="utf-8"))
    assert run["counts"]["cached_batches"] == manifest["counts"]["batches"] == cli_run.manifest["counts"]["batches"]

    again = output_files(cli_run.out)
    assert sorted(again) == sorted(cli_run.files)
    changed = sorted(path for path in again if again[path] != cli_run.files[path])
    assert not changed, f"a rerun on the same inputs changed {changed}"
    assert not leftovers(cli_run.out.parent)

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id]))
        )
    by_key = {artifact.key: artifact for artifact in artifacts}
    assert {"astro-ie-summary", "astro-ie-concepts"} <= set(by_key), sorted(by_key)
    summary = by_key["astro-ie-summary"]
    assert summary.type == "markdown"
    assert f"**{manifest['counts']['abstracts']}** abstracts" in summary.data
    assert f"**{manifest['counts']['mentions']}** mentions" in summary.data
    table = by_key["astro-ie-concepts"]
    assert table.type == "table"
    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    assert rows and {"label", "concept_id", "abstracts"} <= set(rows[0])
    # The UI cannot open file:// links: the report's path is text to copy.
    assert f"`{(cli_run.out / 'report.html').resolve()}`" in summary.data
    assert not any("file://" in str(artifact.data) for artifact in artifacts)


# --- bad input ----------------------------------------------------------------------


def assert_user_error(proc: subprocess.CompletedProcess, path: Path, line: int | None, code: str) -> None:
    assert proc.returncode == 2, describe(proc)
    assert "Traceback" not in proc.stdout + proc.stderr, describe(proc)
    assert "ERROR" not in proc.stdout + proc.stderr, describe(proc)
    errors = [text for text in proc.stderr.splitlines() if text.startswith("astro-ie: error:")]
    assert len(errors) == 1, describe(proc)
    match = ERROR_LINE.match(errors[0])
    assert match, errors[0]
    assert Path(match["path"]).resolve() == path.resolve(), errors[0]
    assert (int(match["line"]) if match["line"] else None, match["code"]) == (line, code), errors[0]


@pytest.fixture
def previous_outputs(cli_run: CliRun, tmp_path: Path) -> Path:
    """A copy of a good run's outputs, as the --out of a failing run."""
    out = tmp_path / "out"
    shutil.copytree(cli_run.out, out)
    return out


def snapshot(directory: Path) -> dict[str, tuple[str, int]]:
    return {
        p.relative_to(directory).as_posix(): (sha256_bytes(p.read_bytes()), p.stat().st_mtime_ns)
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_missing_input_is_one_error_line_and_exit_2(previous_outputs: Path, prefect_env: dict[str, str]) -> None:
    before = snapshot(previous_outputs)
    missing = previous_outputs.parent / "no-such-file.jsonl"
    proc = run_cli(
        ["run", str(missing), "--out", str(previous_outputs), "--ontology", str(MINI_ONTOLOGY)],
        prefect_env,
        previous_outputs.parent,
    )
    assert_user_error(proc, missing, None, "E001")
    assert snapshot(previous_outputs) == before
    assert not leftovers(previous_outputs.parent)


@pytest.mark.slow
def test_malformed_jsonl_line_is_one_error_line_and_exit_2(
    previous_outputs: Path, prefect_env: dict[str, str], prefect_harness: str
) -> None:
    """A bad line fails the ingest task inside the flow: still one line, no traceback, old outputs intact.

    This run talks to the shared test API through PREFECT_API_URL (the
    "use a server when one is set" path, and no second ephemeral server).
    """
    before = snapshot(previous_outputs)
    bad = previous_outputs.parent / "bad.jsonl"
    bad.write_text(
        json.dumps(SMALL_RECORDS[0]) + "\n" + '{"id": "flow-x", "title": oops}\n' + json.dumps(SMALL_RECORDS[1]) + "\n",
        encoding="utf-8",
    )
    env = dict(prefect_env, PREFECT_API_URL=prefect_harness)
    proc = run_cli(
        ["run", str(bad), "--out", str(previous_outputs), "--ontology", str(MINI_ONTOLOGY)],
        env,
        previous_outputs.parent,
    )
    assert_user_error(proc, bad, 2, "E007")
    assert snapshot(previous_outputs) == before
    assert not leftovers(previous_outputs.parent)


# --- astro-ie serve --------------------------------------------------------------------


def wait_until(condition: Callable[[], bool], seconds: float, what: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if proc.poll() is not None:
            pytest.fail(f"astro-ie serve exited ({proc.returncode}) before {what}:\n{log.read_text()[-6000:]}")
        time.sleep(0.5)
    pytest.fail(f"no {what} within {seconds:.0f} s:\n{log.read_text()[-6000:]}")


def stop_process_group(proc: subprocess.Popen) -> tuple[str, list[str]]:
    """Ctrl-C the group, then SIGTERM, then SIGKILL; return how it stopped and what had to be killed.

    Every descendant is collected first (the local Prefect server that
    ``serve`` starts lives in a session of its own) and waited for.
    """
    import psutil

    try:
        family = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        family = []
    how = "already exited"
    for sig, grace in ((signal.SIGINT, 45), (signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        if proc.poll() is not None:
            break
        os.killpg(proc.pid, sig)
        how = sig.name
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
    _, alive = psutil.wait_procs(family, timeout=20)
    killed = []
    for leftover in alive:
        try:
            killed.append(" ".join(leftover.cmdline()) or leftover.name())
            leftover.kill()
        except psutil.NoSuchProcess:
            pass
    return how, killed


@pytest.mark.slow
def test_serve_processes_the_inbox_on_schedule_then_skips_it(
    tmp_path: Path, small_jsonl: Path, prefect_env: dict[str, str]
) -> None:
    """``astro-ie serve --interval 5``: a file dropped in the inbox is processed once, then skipped.

    Its own PREFECT_HOME and no PREFECT_API_URL: serve must bring its own
    scheduler (Prefect's ephemeral API has none).
    """
    inbox, out, log = tmp_path / "inbox", tmp_path / "served", tmp_path / "serve.log"
    inbox.mkdir()
    env = dict(prefect_env, PREFECT_HOME=str(tmp_path / "prefect-home"), ASTRO_IE_CACHE=str(tmp_path / "cache"))
    proc = start_logged(
        ["serve", "--interval", "5", "--inbox", str(inbox), "--out", str(out), "--ontology", str(MINI_ONTOLOGY)],
        env,
        tmp_path,
        log,
    )
    try:
        staged = inbox / ".small.jsonl.part"  # hidden while written: the scan skips dot files
        shutil.copy(small_jsonl, staged)
        staged.rename(inbox / "small.jsonl")
        corpus, ledger = out / "corpus.jsonl", out.with_name(f"{out.name}.inbox-ledger.json")
        wait_until(lambda: corpus.exists() and ledger.exists(), 150, "outputs from a scheduled run", proc, log)
        first = corpus.stat().st_mtime_ns
        digest = hashlib.sha256(small_jsonl.read_bytes()).hexdigest()
        assert json.loads(ledger.read_text(encoding="utf-8")) == {digest: ontology_hash(MINI_ONTOLOGY)}
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert [i["sha256"] for i in manifest["inputs"]] == [digest]

        def skips() -> int:
            return log.read_text(encoding="utf-8").count("already processed with this ontology")

        seen = skips()
        wait_until(lambda: skips() > seen, 90, "later scheduled run that skips the processed input", proc, log)
        assert corpus.stat().st_mtime_ns == first, "a run re-processed an input already in the ledger"
        assert json.loads(ledger.read_text(encoding="utf-8")) == {digest: ontology_hash(MINI_ONTOLOGY)}
    finally:
        how, killed = stop_process_group(proc)
    text = log.read_text(encoding="utf-8")
    assert how == "SIGINT", f"serve did not stop on Ctrl-C (needed {how}):\n{text[-4000:]}"
    assert not killed, f"left running after serve stopped: {killed}"
    assert "Traceback" not in text and "| ERROR" not in text, text[-6000:]
    assert "Cannot schedule flows on an ephemeral server" not in text


# --- prefect.yaml -----------------------------------------------------------------------


def test_prefect_yaml_declares_both_deployments_with_cron_and_loadable_entrypoints() -> None:
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.flows import load_flow_from_entrypoint

    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    deployments = {d["entrypoint"]: d for d in config["deployments"]}
    assert set(deployments) == {
        "astro_ie.flows.inbox.process_inbox",
        "astro_ie.flows.default_corpus.rebuild_default_corpus",
    }
    for entrypoint, deployment in deployments.items():
        assert deployment["name"] and deployment["work_pool"]["name"], entrypoint
        crons = [s for s in deployment["schedules"] if "cron" in s]
        assert crons, f"{entrypoint}: no cron schedule"
        for schedule in crons:
            CronSchedule(cron=schedule["cron"], timezone=schedule.get("timezone"))
        flow = load_flow_from_entrypoint(entrypoint)  # from the installed package, no checkout path
        flow.validate_parameters(deployment["parameters"])  # every required parameter, of the right type
    try:
        from prefect.cli.deploy._models import PrefectYamlModel  # the schema `prefect deploy` reads
    except ImportError:  # pragma: no cover - private module moved
        return
    PrefectYamlModel.model_validate(config)


# --- the committed default outputs are current ------------------------------------------

REMAKE = "run `make run` and commit outputs/ml4astro-2024/"


def committed_manifest() -> dict:
    path = COMMITTED / "manifest.json"
    if not path.exists():
        pytest.skip("outputs/ml4astro-2024/manifest.json is not committed yet: nothing to check for staleness")
    return json.loads(path.read_text(encoding="utf-8"))


def test_committed_outputs_match_current_corpus_ontology_and_code() -> None:
    manifest = committed_manifest()
    stale = []
    inputs = {Path(i["path"]).name: i["sha256"] for i in manifest["inputs"]}
    if inputs != {DEFAULT_CORPUS.name: sha256_bytes(DEFAULT_CORPUS.read_bytes())}:
        stale.append(f"the corpus changed (manifest inputs: {inputs})")
    if manifest["ontology"]["hash"] != ontology_hash(ONTOLOGY):
        stale.append("the ontology changed")
    if manifest.get("code_hash") != code_hash():
        stale.append("the code (pipeline/*.py, flows/*.py) changed")
    if manifest.get("astro_ie") != ASTRO_IE_VERSION:
        stale.append(f"astro-ie {manifest.get('astro_ie')} made them, this is {ASTRO_IE_VERSION}")
    assert not stale, f"outputs/ml4astro-2024/ is stale: {'; '.join(stale)}. To fix: {REMAKE}."

    broken = [
        f["path"]
        for f in manifest["files"]
        if not (COMMITTED / f["path"]).is_file() or sha256_bytes((COMMITTED / f["path"]).read_bytes()) != f["sha256"]
    ]
    assert not broken, f"outputs/ml4astro-2024/ differs from its manifest: {broken}. To fix: {REMAKE}."


@pytest.mark.slow
def test_committed_outputs_equal_a_fresh_run(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """The real staleness check: a fresh run of the default job writes the committed data, byte for byte.

    Compared: corpus, tables and graph exports. Not compared: manifest.json
    (timestamps, timings) and the rendered report (report.html, images), whose
    bytes may depend on the plotting library and fonts of the machine.
    """
    manifest = committed_manifest()
    request.getfixturevalue("prefect_harness")  # only now: a skip costs no Prefect server
    from astro_ie.flows.extract_corpus import extract_corpus

    parameters = manifest.get("parameters", {})
    out = tmp_path / "ml4astro-2024"
    state = extract_corpus(
        inputs=[str(DEFAULT_CORPUS)],
        out_dir=str(out),
        ontology_dir=str(ONTOLOGY),
        batch_size=parameters.get("batch_size", 256),
        include_generic=parameters.get("include_generic", False),
        return_state=True,
    )
    assert state.is_completed(), state

    def data_files(directory: Path) -> dict[str, bytes]:
        return {
            name: content
            for name, content in output_files(directory).items()
            if not name.startswith("report") and not name.endswith((".png", ".svg"))
        }

    fresh, committed = data_files(out), data_files(COMMITTED)
    assert fresh["corpus.jsonl"] == committed.get("corpus.jsonl"), f"corpus.jsonl is stale. To fix: {REMAKE}."
    differ = sorted(name for name in fresh.keys() | committed.keys() if fresh.get(name) != committed.get(name))
    assert not differ, f"outputs/ml4astro-2024/ is stale: {differ} differ from a fresh run. To fix: {REMAKE}."


# --- incremental runs and the time axis ----------------------------------------------


def dated(records: list[dict]) -> list[dict]:
    """SMALL_RECORDS with dates over three years, the last one undated."""
    years = ["2019-03-01", "2020-06-01", "2020-09-01", "2021-01-15", "2021-02-01", None]
    return [dict(r, date=d) if d else dict(r) for r, d in zip(records, years)]


def write_inputs(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


@pytest.mark.slow
def test_update_is_byte_identical_to_a_full_run(tmp_path: Path, prefect_harness: str) -> None:
    """Run A, then --update with B (one changed, one unchanged, two new): the same bytes as one run over both."""
    from astro_ie.flows.extract_corpus import extract_corpus

    records = dated(SMALL_RECORDS)
    changed = dict(records[1], abstract=records[1]["abstract"] + " We also try a random forest on Gaia.")
    first = write_inputs(tmp_path / "a.jsonl", records[:4])
    second = write_inputs(tmp_path / "b.jsonl", [records[0], changed, *records[4:]])
    merged = write_inputs(tmp_path / "all.jsonl", [records[0], changed, *records[2:]])
    common = {"ontology_dir": str(MINI_ONTOLOGY), "batch_size": BATCH_SIZE, "cache_dir": str(tmp_path / "cache")}

    out, full = tmp_path / "out", tmp_path / "full"
    extract_corpus(inputs=[first], out_dir=str(out), **common)
    result = extract_corpus(inputs=[second], out_dir=str(out), update=True, **common)
    extract_corpus(inputs=[merged], out_dir=str(full), **common)

    counts = result["counts"]
    assert (counts["abstracts"], counts["tagged"], counts["unchanged"]) == (6, 3, 1)
    assert counts["undated"] == 1
    assert result["update"] == "in place"  # from the previous state, not a pass over its corpus
    updated, reference = output_files(out), output_files(full)
    assert sorted(updated) == sorted(reference)
    assert [name for name in updated if updated[name] != reference[name]] == []
    records_out = read_jsonl(out / "corpus.jsonl")
    assert [r["id"] for r in records_out] == [r["id"] for r in records]
    assert "random forest" in records_out[1]["text"]

    # The changed abstract changed back: the same bytes as a full run over the original inputs.
    restored = write_inputs(tmp_path / "c.jsonl", [records[1]])
    back = extract_corpus(inputs=[restored], out_dir=str(out), update=True, **common)
    extract_corpus(inputs=[write_inputs(tmp_path / "orig.jsonl", records)], out_dir=str(full), **common)
    assert back["counts"]["tagged"] == 1 and back["update"] in ("in place", "merged")
    assert output_files(out) == output_files(full)

    # Another ontology: every record is tagged again, from the previous corpus; still the same bytes.
    other = tmp_path / "ontology"
    shutil.copytree(MINI_ONTOLOGY, other)
    with open(next(other.glob("*.yaml")), "a", encoding="utf-8") as handle:
        handle.write("\n# a comment changes the ontology hash\n")
    again = extract_corpus(inputs=[second], out_dir=str(out), update=True, **dict(common, ontology_dir=str(other)))
    assert again["counts"]["tagged"] == 6
    assert read_jsonl(out / "corpus.jsonl") == records_out


@pytest.mark.slow
def test_inbox_runs_tag_only_what_is_new(tmp_path: Path, prefect_harness: str) -> None:
    """process-inbox: the first run tags the inbox; a new file later adds only its new abstracts to the outputs."""
    from astro_ie.flows.inbox import process_inbox

    inbox, out = tmp_path / "inbox", tmp_path / "served"
    inbox.mkdir()
    write_inputs(inbox / "a.jsonl", SMALL_RECORDS[:4])
    common = {
        "inbox": str(inbox),
        "out_dir": str(out),
        "ontology_dir": str(MINI_ONTOLOGY),
        "batch_size": BATCH_SIZE,
        "cache_dir": str(tmp_path / "cache"),
    }
    first = process_inbox(**common)
    assert first["counts"]["tagged"] == 4
    write_inputs(inbox / "b.jsonl", SMALL_RECORDS[3:])  # one abstract already in the outputs, two new
    second = process_inbox(**common)
    assert second["processed"] == [str(inbox / "b.jsonl")]
    counts = second["counts"]
    assert (counts["abstracts"], counts["tagged"], counts["unchanged"]) == (len(SMALL_RECORDS), 2, 1)
    assert [r["id"] for r in read_jsonl(out / "corpus.jsonl")] == [r["id"] for r in SMALL_RECORDS]
    assert process_inbox(**common)["processed"] == []


@pytest.mark.slow
def test_dated_records_give_trends_a_dynamic_gexf_and_a_period(tmp_path: Path, prefect_harness: str) -> None:
    from astro_ie.flows.extract_corpus import extract_corpus

    inputs = [write_inputs(tmp_path / "dated.jsonl", dated(SMALL_RECORDS))]
    common = {"ontology_dir": str(MINI_ONTOLOGY), "batch_size": BATCH_SIZE, "cache_dir": str(tmp_path / "cache")}
    out = tmp_path / "out"
    extract_corpus(inputs=inputs, out_dir=str(out), **common)
    trends = pd.read_csv(out / "trends.csv")
    assert set(trends.year) == {2019, 2020, 2021}
    assert ((trends.share > 0) & (trends.share <= 1)).all()
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]["undated"] == 1
    assert len(pd.read_csv(out / "pair-trends.csv")) > 0

    G = nx.read_gexf(out / "graph.gexf")
    assert G.graph.get("mode") == "dynamic"
    _node, data = next((n, d) for n, d in G.nodes(data=True) if "spells" in d)
    assert all(str(start).endswith("-01-01") for start, _ in data["spells"])
    node_link = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    years = [n for n in node_link["nodes"] if "mean_year" in n]
    assert years and all(n["first_year"] <= n["mean_year"] <= n["last_year"] for n in years)
    items = json.loads((out / "graph.vosviewer.json").read_text(encoding="utf-8"))["network"]["items"]
    assert any("Avg. pub. year" in item.get("scores", {}) for item in items)

    since = extract_corpus(inputs=inputs, out_dir=str(tmp_path / "since"), since=2020, until=2020, **common)
    assert (since["counts"]["abstracts"], since["counts"]["outside_period"]) == (2, 4)
    assert set(pd.read_csv(tmp_path / "since" / "trends.csv").year) == {2020}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--tables", "xml"], "--tables takes parquet, csv or both"),
        (["--compress", "zip"], "--compress takes auto, none or gzip"),
        (["--since", "2022", "--until", "2020"], "--since 2022 is after --until 2020"),
    ],
)
def test_run_options_are_checked_before_any_work(
    tmp_path: Path, small_jsonl: Path, prefect_env: dict[str, str], args: list[str], message: str
) -> None:
    proc = run_cli(["run", str(small_jsonl), "--out", str(tmp_path / "out"), *args], prefect_env, tmp_path, 60)
    assert proc.returncode == 2, describe(proc)
    [line] = [text for text in proc.stderr.splitlines() if text.startswith("astro-ie: error:")]
    assert message in line and "E204" in line
    assert not (tmp_path / "out").exists()
