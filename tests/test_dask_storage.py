"""``--storage URL``: a Dask run whose batches and results go through an fsspec location.

* On a cluster of worker processes that cannot read the flow's disk (an audit
  hook in each worker refuses to open anything under the flow's input, output,
  staging, cache and ontology directories), a run with ``--storage file://DIR``
  publishes the bytes of a local run; the extract tasks get URLs, not batches
  or paths; the storage is empty again after the run.
* A run that fails keeps its objects in the storage and says where (here
  ``memory://``, with a cluster of threads in this process).
* The CLI refuses, in one line and before any work, ``--storage`` without
  Dask, a protocol fsspec does not know or whose package is missing, and a
  location it cannot write.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_scale import _make_corpus_module, published

REPO = Path(__file__).resolve().parents[1]
MINI_ONTOLOGY = REPO / "tests" / "fixtures" / "mini-ontology"
ASTRO_IE = [str(Path(sys.executable).with_name("astro-ie"))]
CORPUS_SIZE = 60
BATCH_SIZE = 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("storage-corpus") / "synthetic.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for record in _make_corpus_module().synthetic_records(CORPUS_SIZE):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def run_flow(flow_fn, corpus: Path, out: Path, cache: Path, storage: str | None = None) -> dict:
    return flow_fn(
        inputs=[str(corpus)],
        out_dir=str(out),
        ontology_dir=str(MINI_ONTOLOGY),
        batch_size=BATCH_SIZE,
        cache_dir=str(cache),
        storage=storage,
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory, corpus: Path, prefect_harness: str) -> dict[str, bytes]:
    """A plain local run: the outputs a run through the storage must equal."""
    from astro_ie.flows.extract_corpus import flow_for

    root = tmp_path_factory.mktemp("storage-reference")
    result = run_flow(flow_for(1), corpus, root / "out", root / "cache")
    assert result["counts"]["abstracts"] == CORPUS_SIZE and result["counts"]["mentions"] > 0
    return published(root / "out")


def refuse_paths_under(prefixes: list[str]) -> int:
    """Run in a worker: from now on, opening or listing anything under ``prefixes`` raises PermissionError."""
    import os
    import sys

    refused = tuple(p.rstrip("/") + "/" for p in prefixes)

    def hook(event: str, args: tuple) -> None:
        if event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.abspath(os.fsdecode(args[0])) + "/"
            if path.startswith(refused):
                raise PermissionError(f"not readable from this worker: {path}")

    sys.addaudithook(hook)
    return os.getpid()


def can_read(path: str) -> bool:
    try:
        with open(path, "rb"):
            return True
    except PermissionError:
        return False


@pytest.mark.slow
def test_storage_carries_batches_on_a_cluster_that_cannot_read_the_flows_disk(
    tmp_path: Path, corpus: Path, reference, monkeypatch
) -> None:
    import cloudpickle
    from distributed import Client, LocalCluster

    from astro_ie.flows import extract_corpus as module

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the hook travels to the workers by value
    submitted: list = []
    for name in ("extract_stored_task", "extract_by_value_task", "extract_batch_task"):
        task = getattr(module, name)
        monkeypatch.setattr(
            task,
            "submit",
            lambda *args, _submit=task.submit, _name=name, **kwargs: (
                submitted.append((_name, args)),
                _submit(*args, **kwargs),
            )[1],
        )
    flow_side, shared = tmp_path / "flow", tmp_path / "shared"
    flow_side.mkdir()
    shared.mkdir()
    out, cache = flow_side / "out", flow_side / "cache"
    refused = [str(flow_side), str(corpus.parent), str(MINI_ONTOLOGY)]
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            local_directory=str(tmp_path / "worker-space"),
        ) as cluster,
        Client(cluster) as client,
    ):
        pids = client.run(refuse_paths_under, refused)
        assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
        # The hook works: the workers cannot read the input, which this process can.
        assert set(client.run(can_read, str(corpus)).values()) == {False} and can_read(str(corpus))
        result = run_flow(module.flow_for(1, cluster.scheduler_address), corpus, out, cache, storage=f"file://{shared}")
    assert published(out) == reference
    batches = -(-CORPUS_SIZE // BATCH_SIZE)
    assert result["counts"]["batches"] == batches and result["counts"]["cached_batches"] == 0
    names = [name for name, _ in submitted]
    assert names and set(names) == {"extract_stored_task"}, names
    urls = [batch for _, (pairs, ontology_url, _hash) in submitted for batch, _result in pairs]
    assert len(urls) == batches and all(u.startswith(f"file://{shared}/run-") for u in urls), urls[:2]
    assert list(shared.rglob("*")) == []  # every batch and result removed after the run
    assert len(list(cache.rglob("*.jsonl"))) == batches  # the flow keeps its cache


@pytest.mark.slow
def test_a_failed_run_keeps_its_storage_and_says_where(
    tmp_path: Path, corpus: Path, prefect_harness, monkeypatch
) -> None:
    """memory:// is one process's store: the cluster here is threads of this process."""
    from distributed import Client, LocalCluster

    from astro_ie import batching, storage
    from astro_ie.flows.extract_corpus import flow_for

    def broken(batch_url, result_url, ontology_url, ontology_hash):
        raise RuntimeError(f"cannot tag {batch_url}")

    monkeypatch.setattr(batching, "tag_stored_batch", broken)
    root = f"memory://astro-ie-test-{tmp_path.name}"
    said: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: said.append(record.getMessage())
    logger = logging.getLogger("prefect.flow_runs")
    logger.addHandler(handler)
    try:
        with (
            LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
            Client(cluster),
            pytest.raises(RuntimeError, match="cannot tag memory://"),
        ):
            run_flow(flow_for(1, cluster.scheduler_address), corpus, tmp_path / "out", tmp_path / "cache", storage=root)
    finally:
        logger.removeHandler(handler)
    kept = storage.objects(root)
    assert any("/batches/" in url for url in kept) and any(url.endswith(".zip") for url in kept), kept
    (run,) = {re.search(r"/(run-[0-9a-f]{32})/", url)[1] for url in kept}  # one run's prefix
    where = rf"stay in memory:///?astro-ie-test-{tmp_path.name}/{run}$"
    assert any(re.search(where, line) for line in said), said
    assert not (tmp_path / "out").exists()
    storage.remove(root)


def astro_ie(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*ASTRO_IE, "run", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize(
    "storage, dask, message",
    [
        ("file://{tmp}/shared", [], "it serves Dask runs: add --dask-address"),
        ("nosuch://bucket/prefix", ["--dask", "local"], "fsspec knows no protocol 'nosuch'"),
        ("file://{tmp}/a-file/below", ["--dask", "local"], "not writable"),
        ("s3://bucket/prefix", ["--dask", "local"], "its protocol 's3' is not installed"),
    ],
)
def test_storage_option_is_refused_in_one_line_before_any_work(
    tmp_path: Path, corpus: Path, prefect_env: dict[str, str], storage: str, dask: list[str], message: str
) -> None:
    if storage.startswith("s3://") and importlib.util.find_spec("s3fs") is not None:
        pytest.skip("s3fs is installed here: s3:// is a known, installed protocol")
    (tmp_path / "a-file").write_text("not a directory\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = astro_ie(
        [str(corpus), "--out", str(out), "--storage", storage.format(tmp=tmp_path), *dask], tmp_path, prefect_env
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("astro-ie: error: E212 cannot use the storage "), proc.stderr
    assert message in lines[0] and "--storage takes an fsspec URL" in lines[0], lines[0]
    assert not out.exists() and not (tmp_path / "shared").exists()


def test_storage_objects_appear_whole_under_a_run_prefix_and_go_with_it(tmp_path: Path, monkeypatch) -> None:
    from astro_ie import storage

    monkeypatch.chdir(tmp_path)
    root = storage.check_storage("shared")  # a plain path: made an absolute file:// URL (workers have other cwds)
    assert root == f"file://{tmp_path / 'shared'}" and list((tmp_path / "shared").iterdir()) == []  # probe removed
    run = storage.run_prefix(root)
    url = storage.join(run, "batches", "k.jsonl")
    storage.put_bytes(url, b'{"id": "a"}\n')
    assert storage.get_bytes(url) == b'{"id": "a"}\n'
    assert storage.objects(run) == [url]  # no temporary object left beside it
    storage.remove(run)
    assert list((tmp_path / "shared").iterdir()) == []

    memory = storage.run_prefix(storage.check_storage("memory://"))
    assert memory.startswith("memory://run-")
    storage.put_bytes(storage.join(memory, "results", "k.jsonl"), b"x\n")
    assert [u.rsplit("/", 2)[-2:] for u in storage.objects(memory)] == [["results", "k.jsonl"]]
    storage.remove(memory)
    assert storage.objects(memory) == []

    files = {"a.yaml": b"a: 1\n", "rules/b.yaml": b"b: 2\n"}
    assert storage.unpack_files(storage.pack_files(files)) == files
