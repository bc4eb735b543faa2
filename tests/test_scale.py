"""Scale-out: the batch tasks on a Dask cluster publish the same outputs as a local run.

* ``astro-ie run --dask local --workers 2`` (prefect-dask's DaskTaskRunner on a
  2-process LocalCluster it starts) publishes the same bytes as a plain local
  run, but for manifest.json (timestamps, timings, parameters);
* the flow on a cluster that is already running (``--dask-address``: here a
  LocalCluster the test starts, ``processes=True``) does too, and each Dask
  worker builds its spaCy pipeline once however many batches it tags: the
  per-process count of :func:`astro_ie.batching.pipelines_built`, read on
  every worker with ``Client.run``;
* ``--dask`` takes only ``local``, and not together with ``--dask-address``;
* the graph exports that stream into their files (GraphML, GEXF, node-link
  JSON: no whole document in memory) write the bytes the whole-document
  writers did.

The reference run and the ``--dask-address`` run go through the flow in this
process (one shared Prefect test API, started once); the ``--dask local`` run
goes through the CLI as a user would type it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MINI_ONTOLOGY = REPO / "tests" / "fixtures" / "mini-ontology"
ASTRO_IE = [str(Path(sys.executable).with_name("astro-ie"))]
CORPUS_SIZE = 120
BATCH_SIZE = 15
"""8 batches: enough for both workers of a 2-worker cluster to tag several."""
RUN_TIMEOUT = 240


def _make_corpus_module():
    spec = importlib.util.spec_from_file_location("astro_ie_make_corpus", REPO / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def published(directory: Path) -> dict[str, bytes]:
    """Every published file but manifest.json (timestamps, timings, parameters)."""
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name not in ("manifest.json", "run.json")
    }


def assert_same_outputs(mine: dict[str, bytes], reference: dict[str, bytes], what: str) -> None:
    assert sorted(mine) == sorted(reference), f"{what}: other files than a local run"
    differ = [name for name in sorted(mine) if mine[name] != reference[name]]
    assert not differ, f"{what} and a local run differ in {differ}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("scale-corpus") / "synthetic.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for record in _make_corpus_module().synthetic_records(CORPUS_SIZE):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def run_flow(flow_fn, corpus: Path, out: Path, cache: Path, workers: int) -> dict:
    return flow_fn(
        inputs=[str(corpus)],
        out_dir=str(out),
        ontology_dir=str(MINI_ONTOLOGY),
        batch_size=BATCH_SIZE,
        workers=workers,
        cache_dir=str(cache),
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory, corpus: Path, prefect_harness: str) -> dict[str, bytes]:
    """A plain local run (threads, one batch at a time): the outputs every other run must equal."""
    from astro_ie.flows.extract_corpus import flow_for

    root = tmp_path_factory.mktemp("scale-reference")
    result = run_flow(flow_for(1), corpus, root / "out", root / "cache", workers=1)
    assert result["counts"]["abstracts"] == CORPUS_SIZE and result["counts"]["mentions"] > 0
    assert result["counts"]["batches"] == -(-CORPUS_SIZE // BATCH_SIZE)
    # One process (this one); its pipeline may be built already by an earlier test of the session.
    assert result["extraction"]["processes"] == 1 and result["extraction"]["pipelines_built"] <= 1
    return published(root / "out")


@pytest.mark.slow
def test_dask_local_two_workers_publishes_what_a_local_run_does(
    tmp_path: Path, corpus: Path, reference, prefect_env: dict[str, str]
) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            *ASTRO_IE,
            "run",
            str(corpus),
            "--out",
            str(out),
            "--ontology",
            str(MINI_ONTOLOGY),
            "--batch-size",
            str(BATCH_SIZE),
            "--workers",
            "2",
            "--dask",
            "local",
            "--cache-dir",
            str(tmp_path / "cache"),
        ],
        env=prefect_env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    assert "DaskTaskRunner" in log or "LocalCluster" in log, "the run did not go through Dask"
    assert log.count("Starting temporary server") == 1, "the Dask workers started API servers of their own"
    info = re.compile(r"\| INFO +\| distributed\.|distributed\.[\w.]+ - INFO")
    noise = [line for line in log.splitlines() if info.search(line)]
    assert not noise, f"distributed's INFO lines reach the user: {noise[:3]}"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["workers"] == 2
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]["cached_batches"] == 0
    assert_same_outputs(published(out), reference, "--dask local --workers 2")
    # Each worker process built its pipeline once: as many builds as processes that tagged, at most 2.
    built = re.search(r"extraction: (\d+) pipeline\(s\) built in (\d+) process\(es\)", log)
    assert built, log[-3000:]
    assert int(built[1]) == int(built[2]) and 1 <= int(built[2]) <= 2, built[0]


@pytest.mark.slow
def test_dask_address_runs_on_an_existing_cluster_and_builds_once_per_worker(
    tmp_path: Path, corpus: Path, reference
) -> None:
    from distributed import Client, LocalCluster

    from astro_ie import batching
    from astro_ie.flows.extract_corpus import flow_for

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        result = run_flow(
            flow_for(1, cluster.scheduler_address), corpus, tmp_path / "out", tmp_path / "cache", workers=1
        )
        per_worker = client.run(batching.pipelines_built)
    assert_same_outputs(published(tmp_path / "out"), reference, "--dask-address")
    assert len(per_worker) == 2
    assert all(count <= 1 for count in per_worker.values()), per_worker
    extraction = result["extraction"]
    assert extraction["pipelines_built"] == sum(per_worker.values()) == extraction["processes"] >= 1, (
        extraction,
        per_worker,
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--dask", "tcp://127.0.0.1:8786"], "--dask takes 'local'"),
        (["--dask", "local", "--dask-address", "tcp://127.0.0.1:8786"], "give one of --dask local and --dask-address"),
    ],
)
def test_dask_options_are_checked_before_any_work(
    tmp_path: Path, corpus: Path, prefect_env: dict[str, str], args: list[str], message: str
) -> None:
    proc = subprocess.run(
        [*ASTRO_IE, "run", str(corpus), "--out", str(tmp_path / "out"), *args],
        env=prefect_env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("astro-ie: error:") and message in proc.stderr, proc.stderr
    assert not (tmp_path / "out").exists()


# --- streamed graph exports: the bytes of the whole-document writers -----------------------------


def _awkward_graph():
    import networkx as nx

    G = nx.Graph(name="tést — graph", n_abstracts=3)
    G.add_node("a", label='Émilie naïve 🚀 <&> "q"\n', type="TECHNIQUE", broader=["x", "ÿ"], n_abstracts=2)
    G.add_node("b", label="trailing newlines\n\n", type="SURVEY", n_abstracts=1)
    G.add_edge("a", "b", weight=2, evidence=["id-é1", "id\n2"], npmi=0.5, association_strength=1.0)
    return G


def test_streamed_xml_exports_are_the_bytes_of_the_whole_document_writers() -> None:
    """GraphML and GEXF stream into the file; the bytes are those ``str(writer)`` gave (ASCII, char refs)."""
    import io

    from networkx.readwrite.gexf import GEXFWriter
    from networkx.readwrite.graphml import GraphMLWriter

    from astro_ie import graph

    G = _awkward_graph()
    whole = GraphMLWriter(encoding="utf-8", prettyprint=True)
    whole.add_graph_element(graph._flat(G))
    expected = "<?xml version='1.0' encoding='utf-8'?>\n" + str(whole).rstrip("\n") + "\n"
    streamed = io.StringIO()
    graph.write_graphml(G, streamed)
    assert streamed.getvalue() == expected

    # GEXF: the library's own whole-document writer, untouched; only its <meta> (a date and the
    # networkx version) differs from ours, so both are compared without it, and ours on its own.
    import re

    whole = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    whole.add_graph(graph._flat(G))
    library = "<?xml version='1.0' encoding='utf-8'?>\n" + str(whole).rstrip("\n") + "\n"
    streamed = io.StringIO()
    graph.write_gexf(G, streamed)
    ours = streamed.getvalue()
    meta = re.compile(r"\s*<meta\b.*?</meta>", re.S)
    assert meta.sub("", ours) == meta.sub("", library)
    assert "lastmodifieddate" not in ours and "<creator>astro-ie</creator>" in meta.search(ours).group(0)
    assert ours.isascii() and "&#201;milie" in ours  # non-ASCII as character references, as before


def test_streamed_node_link_json_is_the_bytes_of_json_dumps(monkeypatch) -> None:
    import io

    import networkx as nx

    from astro_ie import graph

    monkeypatch.setattr(graph, "_JSON_CHUNKS", 3)  # many writes, as on a large graph
    G = _awkward_graph()
    streamed = io.StringIO()
    graph.write_node_link(G, streamed)
    expected = (
        json.dumps(nx.node_link_data(G, edges="links"), ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
        + "\n"
    )
    assert streamed.getvalue() == expected


def _paths_in(value, found: list) -> list:
    """Every Path, and every string naming something on this machine's disk, inside a task's arguments."""
    from dataclasses import asdict, is_dataclass

    if isinstance(value, Path):
        found.append(value)
    elif isinstance(value, str):
        if "/" in value and Path(value).exists():
            found.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _paths_in(item, found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _paths_in(item, found)
    elif is_dataclass(value):
        _paths_in(asdict(value), found)
    return found


@pytest.mark.slow
def test_dask_cluster_needs_no_disk_of_the_flow(tmp_path: Path, corpus: Path, reference, monkeypatch) -> None:
    """On Dask, batches go to workers and tagged lines come back by value; the cache stays with the flow."""
    from distributed import Client, LocalCluster

    from astro_ie.flows import extract_corpus as module

    given: list = []
    for name in ("extract_by_value_task", "warm_up_by_value_task", "extract_batch_task", "warm_up_task"):
        task = getattr(module, name)
        monkeypatch.setattr(
            task,
            "submit",
            lambda *args, _submit=task.submit, _name=name, **kwargs: (
                given.append((_name, args, kwargs)),
                _submit(*args, **kwargs),
            )[1],
        )
    elsewhere, cache = tmp_path / "worker-space", tmp_path / "flow-cache"
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, local_directory=str(elsewhere)
        ) as cluster,
        Client(cluster),
    ):
        first = run_flow(module.flow_for(1, cluster.scheduler_address), corpus, tmp_path / "out", cache, workers=1)
        tasks_first = [name for name, _, _ in given]
        again = run_flow(module.flow_for(1, cluster.scheduler_address), corpus, tmp_path / "again", cache, workers=1)
    assert_same_outputs(published(tmp_path / "out"), reference, "Dask by value")
    assert tasks_first and set(tasks_first) <= {"extract_by_value_task", "warm_up_by_value_task"}, tasks_first
    assert [
        (name, _paths_in([args, kwargs], [])) for name, args, kwargs in given if _paths_in([args, kwargs], [])
    ] == []
    batches = -(-CORPUS_SIZE // BATCH_SIZE)
    assert first["counts"]["cached_batches"] == 0 and len(list(cache.rglob("*.jsonl"))) == batches
    assert again["counts"]["cached_batches"] == batches  # looked up by the flow: no task for a cached batch
    assert [name for name, _, _ in given[len(tasks_first) :] if name != "warm_up_by_value_task"] == []
    assert_same_outputs(published(tmp_path / "again"), reference, "Dask by value, from the flow's cache")
