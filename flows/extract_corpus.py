"""The ``extract-corpus`` Prefect flow: the whole astro-ie job.

The flow reads like the table of contents of the job; every task wraps one
function of :mod:`pipeline`, which runs without Prefect too. The flow only
orchestrates: retries, concurrency (a process pool or a Dask cluster), caching
of batches, artifacts and logging.
"""

# No ``from __future__ import annotations`` here: a served deployment runs its flow in a
# subprocess that gets the flow by value (cloudpickle), without this module's globals, so
# Prefect can only validate parameters whose annotations are objects, not strings.

import os
import shutil
import time
from collections import deque
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Annotated, Literal, Optional

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import Field

from astro_ie import batching, ingest, manifest
from astro_ie.io import check_replaceable, publish_directory, staging_directory
from astro_ie.ontology import load_ontology

GRAPH_STEMS = {
    "full": "graph",
    "full-rollup": "graph-rollup",
    "technique-instrument": "technique-instrument",
    "technique-instrument-rollup": "technique-instrument-rollup",
}


# --- tasks: each wraps one function of the core ----------------------------------
#
# The output tasks import their modules when they run: on a process pool or a Dask
# cluster the flow's own process only orchestrates, and so need not hold spaCy,
# matplotlib, pyarrow and networkx (some 120 MB) for the whole run.


@task(name="load-ontology", cache_policy=NO_CACHE)
def load_ontology_task(ontology_dir: str) -> dict:
    ontology = load_ontology(ontology_dir)
    return {"hash": ontology.hash, "concepts": len(ontology), "directory": str(ontology.directory)}


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(inputs: list[str], input_format: str, skip_bad: bool, staging: str, batch_size: int) -> dict:
    logger = get_run_logger()
    skipped: list[str] = []
    warnings: list[str] = []

    def on_skip(error) -> None:
        skipped.append(error.one_line())
        logger.warning("skipped: %s", error.one_line())

    def on_warning(text: str) -> None:
        warnings.append(text)
        logger.warning(text)

    abstracts = ingest.read_abstracts(
        [Path(p) for p in inputs], input_format=input_format, skip_bad=skip_bad, on_skip=on_skip, on_warning=on_warning
    )
    paths, count = batching.write_batches(
        abstracts, Path(staging) / "abstracts.jsonl", Path(staging) / ".batches", batch_size
    )
    logger.info("ingested %d abstracts into %d batches", count, len(paths))
    return {"batches": [str(p) for p in paths], "abstracts": count, "skipped": skipped, "warnings": warnings}


@task(name="warm-up", cache_policy=NO_CACHE)
def warm_up_task(ontology_dir: str) -> dict:
    """Build a worker's pipeline while the flow ingests: the pool starts and builds in parallel with it."""
    built = batching.pipelines_built()
    batching.extractor_for(ontology_dir)
    return {"pid": os.getpid(), "built": batching.pipelines_built() - built}


@task(name="extract-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def extract_batch_task(batches: list[str], ontology_dir: str, ontology_hash: str, cache_dir: str) -> list[dict]:
    """Tag a run of consecutive batches, each into the batch cache (a retry reads back those done)."""
    parts = []
    for batch in batches:
        built, started = batching.pipelines_built(), time.perf_counter()
        path, count, hit = batching.extract_batch(Path(batch), ontology_dir, ontology_hash, Path(cache_dir))
        parts.append({"path": str(path), "records": count, "cached": hit, "pid": os.getpid(),
                      "built": batching.pipelines_built() - built, "seconds": time.perf_counter() - started})
    return parts


@task(name="write-corpus", cache_policy=NO_CACHE)
def write_corpus_task(parts: list[str], staging: str, ontology_dir: str) -> dict:
    from astro_ie import corpus

    started = time.perf_counter()
    ontology = load_ontology(ontology_dir)
    summary = corpus.write_corpus(batching.iter_records(Path(p) for p in parts), Path(staging), ontology)
    return {
        "counts": summary.to_dict(),
        "top_concepts": summary.top_concepts,
        "new_candidates": summary.new_candidates,
        "seconds": time.perf_counter() - started,
    }


@task(name="build-graph", cache_policy=NO_CACHE)
def build_graph_task(parts: list[str], staging: str, ontology_dir: str, include_generic: bool,
                     rollup: bool) -> dict:
    """One graph (plain or rolled up) and its technique-instrument view, exported.

    Reads the tagged batches, the same records ``corpus.jsonl`` gets, so it
    need not wait for the corpus to be written; the plain and the rolled-up
    graphs are two tasks, which run side by side on a pool or a cluster.
    """
    from astro_ie import graph

    started = time.perf_counter()
    ontology = load_ontology(ontology_dir)
    records = batching.iter_records(Path(p) for p in parts)
    G = graph.build_graph(records, ontology.concepts, include_generic, rollup=rollup)
    names = ("full-rollup", "technique-instrument-rollup") if rollup else ("full", "technique-instrument")
    views = {names[0]: G, names[1]: graph.technique_instrument_view(G)}
    written: list[str] = []
    for name, view in views.items():
        written += [str(p) for p in graph.write_exports(view, staging, GRAPH_STEMS[name])]
    return {
        "files": written,
        "nodes": {name: view.number_of_nodes() for name, view in views.items()},
        "edges": {name: view.number_of_edges() for name, view in views.items()},
        "summary": None if rollup else graph.summarise(views["technique-instrument"], top=10),
        "seconds": time.perf_counter() - started,
    }


@task(name="write-report", cache_policy=NO_CACHE)
def write_report_task(parts: list[str], staging: str) -> dict:
    from astro_ie import graph, report

    started = time.perf_counter()
    records = batching.iter_records(Path(p) for p in parts)
    view = graph.read_node_link(Path(staging) / f"{GRAPH_STEMS['technique-instrument']}.json")
    written = [str(p) for p in report.write_report(Path(staging), records, view)]
    return {"files": written, "seconds": time.perf_counter() - started}


@task(name="write-manifest", cache_policy=NO_CACHE)
def write_manifest_task(staging: str, inputs: list[str], ontology: dict, counts: dict, timings: dict,
                        parameters: dict) -> str:
    path = manifest.write_manifest(Path(staging), [Path(p) for p in inputs], ontology, counts, timings, parameters)
    return str(path)


@task(name="publish-outputs", cache_policy=NO_CACHE)
def publish_task(staging: str, out_dir: str) -> str:
    shutil.rmtree(Path(staging) / ".batches", ignore_errors=True)
    publish_directory(Path(staging), Path(out_dir))
    return out_dir


@task(name="publish-artifacts", cache_policy=NO_CACHE)
def publish_artifacts_task(out_dir: str, counts: dict, written: dict, graph_info: dict) -> None:
    from astro_ie.flows.artifacts import publish_run_artifacts

    summary = {"counts": counts, "top_concepts": written["top_concepts"], "new_candidates": written["new_candidates"],
               "top_pairs": (graph_info.get("summary") or {}).get("top_technique_instrument", [])}
    publish_run_artifacts(Path(out_dir), summary)


# --- the flow -------------------------------------------------------------------


@flow(name="extract-corpus", validate_parameters=True, log_prints=False,
      task_runner=ThreadPoolTaskRunner(max_workers=1))
def extract_corpus(
    inputs: list[str],
    out_dir: str,
    ontology_dir: str,
    input_format: Literal["auto", "book", "jsonl", "csv"] = "auto",
    batch_size: Annotated[int, Field(ge=1, le=100_000)] = 256,
    workers: Annotated[int, Field(ge=1, le=256)] = 1,
    skip_bad: bool = False,
    include_generic: bool = False,
    cache_dir: Optional[str] = None,
) -> dict:
    """Ingest, extract per batch, write the corpus and tables, build the graph, report, publish."""
    logger = get_run_logger()
    started = time.perf_counter()
    timings: dict[str, float] = {}
    out = Path(out_dir)
    check_replaceable(out)
    cache = cache_dir or str(batching.default_cache_dir())
    with staging_directory(out) as staging, workers_share_api():
        ontology = load_ontology_task(ontology_dir)
        timings["ontology"] = _lap(started, timings)

        slots = parallel_slots(workers)
        ingest_args = {"inputs": inputs, "input_format": input_format, "skip_bad": skip_bad,
                       "staging": str(staging), "batch_size": batch_size}
        if slots > 1:
            # This process ingests on a thread of its own while the workers start (spawn,
            # imports, the pipeline: seconds each) and tag each batch as soon as it is written.
            with ThreadPoolTaskRunner(max_workers=1) as thread:
                ingesting = thread.submit(ingest_task, parameters=ingest_args)
                warming = [warm_up_task.submit(ontology["directory"]) for _ in range(slots)]
                ingested, parts, ingest_ended = extract_while_ingesting(
                    ingesting, staging / ".batches", ontology, cache, slots)
            timings["ingest"] = round(ingest_ended - started - sum(timings.values()), 3)
        else:
            warming = []
            ingested = ingest_task(**ingest_args)
            timings["ingest"] = _lap(started, timings)
            parts = extract_batches(ingested["batches"], ontology, cache, slots)
        timings["extract"] = _lap(started, timings)
        warm = [future.result() for future in warming]
        processes = len({p["pid"] for p in parts if not p["cached"]} | {w["pid"] for w in warm})
        built = sum(p["built"] for p in parts) + sum(w["built"] for w in warm)
        logger.info("extraction: %d pipeline(s) built in %d process(es); %.1f s of tagging in %.1f s",
                    built, processes, sum(p["seconds"] for p in parts), timings["extract"])

        # The corpus, the two graphs and the report read the tagged batches: they run side by
        # side where the task runner allows it (the report needs the plain graph's view). In
        # this order two workers finish together: the corpus (the longest) then the report, the
        # graph then the rolled-up graph.
        paths = [p["path"] for p in parts]
        corpus_future = write_corpus_task.submit(paths, str(staging), ontology["directory"])
        graph_future = build_graph_task.submit(paths, str(staging), ontology["directory"], include_generic, False)
        rollup_future = build_graph_task.submit(paths, str(staging), ontology["directory"], include_generic, True)
        report_future = write_report_task.submit(paths, str(staging), wait_for=[graph_future])
        written, plain, rolled, reported = (f.result() for f in
                                            (corpus_future, graph_future, rollup_future, report_future))
        graph_info = {
            "files": plain["files"] + rolled["files"],
            "nodes": {**plain["nodes"], **rolled["nodes"]},
            "edges": {**plain["edges"], **rolled["edges"]},
            "summary": plain["summary"],
        }
        # Each stage's own seconds (they may overlap); "outputs" is the wall time of all four.
        timings["write"] = round(written["seconds"], 3)
        timings["graph"] = round(plain["seconds"] + rolled["seconds"], 3)
        timings["report"] = round(reported["seconds"], 3)
        timings["outputs"] = _lap(started, timings, excluding=("write", "graph", "report"))

        counts = dict(written["counts"], skipped=len(ingested["skipped"]),
                      cached_batches=sum(1 for p in parts if p["cached"]), batches=len(parts))
        parameters = {"input_format": input_format, "batch_size": batch_size, "workers": workers,
                      "skip_bad": skip_bad, "include_generic": include_generic}
        write_manifest_task(str(staging), inputs, ontology, counts, timings, parameters)
        publish_task(str(staging), str(out))
        publish_artifacts_task(str(out), counts, written, graph_info)
        logger.info("%d abstracts, %d mentions -> %s", counts["abstracts"], counts["mentions"], out)
        return {"out_dir": str(out), "counts": counts, "timings": timings,
                "extraction": {"processes": processes, "pipelines_built": built}}


MAX_BATCHES_PER_TASK = 8
"""Most batches one extract task tags: progress and retries stay fine-grained."""

TASKS_PER_SLOT = 4
"""At least this many tasks per parallel slot, so no worker idles long at the end."""


def extract_batches(batches: list[str], ontology: dict, cache: str, slots: int) -> list[dict]:
    """Tag every batch with tasks of a few batches each, at most ``2 * slots`` in flight.

    Results come back in batch order. Each task carries a fixed cost in Prefect
    (its task run, its states, on a process pool its pickled call): some 0.3 s
    on a busy 2-core machine, half the time of a 256-abstract batch. So a task
    tags up to :data:`MAX_BATCHES_PER_TASK` consecutive batches, while every
    slot still gets :data:`TASKS_PER_SLOT` tasks or more. Submitting every task
    at once would run them all at once on a thread runner (each holding its
    Docs) and queue a future per task on the others: memory would grow with the
    corpus. A window of two per slot keeps every worker busy (its next task is
    queued when one finishes) and memory flat.
    """
    extraction = _Extraction(ontology, cache, slots)
    extraction.submit_all(batches)
    return extraction.finish()


def extract_while_ingesting(ingesting, batch_dir: Path, ontology: dict, cache: str,
                            slots: int) -> tuple[dict, list[dict], float]:
    """On a pool or a cluster: tag the batches while the ``ingesting`` task is still writing them.

    Ingest writes each batch file whole and in order
    (:func:`astro_ie.batching.written_batches`), so while it runs, every
    :data:`MAX_BATCHES_PER_TASK` batches written become a task, within the
    same window as :func:`extract_batches`, which takes the batches left when
    ingest ends. Returns the ingest result, the tagged parts in batch order
    and when ingest ended. If ingest fails, the tasks already running finish
    before its error is raised.
    """
    extraction = _Extraction(ontology, cache, slots)
    taken = 0
    while not ingesting.wrapped_future.done():
        ready = batching.written_batches(batch_dir, taken)
        if len(ready) >= MAX_BATCHES_PER_TASK and extraction.has_room():
            extraction.submit([str(p) for p in ready[:MAX_BATCHES_PER_TASK]])
            taken += MAX_BATCHES_PER_TASK
        elif not extraction.collect_done():
            time.sleep(0.05)
    try:
        ingested = ingesting.result()
    except BaseException:
        extraction.settle()
        raise
    ended = time.perf_counter()
    extraction.submit_all(ingested["batches"][taken:], total=len(ingested["batches"]))
    return ingested, extraction.finish(), ended


class _Extraction:
    """The extract tasks of a run: submitted in batch order, at most two per slot in flight."""

    def __init__(self, ontology: dict, cache: str, slots: int) -> None:
        self.ontology, self.cache, self.slots = ontology, cache, slots
        self.window = 2 * slots if slots > 1 else 1
        self.in_flight: deque = deque()
        self.parts: list[dict] = []
        self.total = 0  # batches in the run, once known: for the progress log

    def has_room(self) -> bool:
        return len(self.in_flight) < self.window

    def submit(self, group: list[str]) -> None:
        if not self.has_room():
            self.collect()
        self.in_flight.append(extract_batch_task.submit(group, self.ontology["directory"], self.ontology["hash"],
                                                        self.cache))

    def submit_all(self, batches: list[str], total: int | None = None) -> None:
        """Tasks of up to :data:`MAX_BATCHES_PER_TASK` batches, at least :data:`TASKS_PER_SLOT` per slot."""
        self.total = total if total is not None else len(batches)
        per_task = max(1, min(MAX_BATCHES_PER_TASK, len(batches) // (TASKS_PER_SLOT * self.slots)))
        for i in range(0, len(batches), per_task):
            self.submit(batches[i:i + per_task])

    def collect(self) -> None:
        """Wait for the oldest task and keep its parts."""
        done = len(self.parts)
        self.parts.extend(self.in_flight.popleft().result())
        step = max(1, self.total // 10)
        if self.total and (len(self.parts) == self.total or len(self.parts) // step > done // step):
            get_run_logger().info("extracted %d/%d batches", len(self.parts), self.total)

    def collect_done(self) -> bool:
        """Collect the oldest task if it has finished; say whether it had."""
        if self.in_flight and self.in_flight[0].wrapped_future.done():
            self.collect()
            return True
        return False

    def settle(self) -> None:
        """Let the tasks in flight end (their errors are not the run's), without keeping their parts."""
        for future in self.in_flight:
            future.wait()
        self.in_flight.clear()

    def finish(self) -> list[dict]:
        while self.in_flight:
            self.collect()
        return self.parts


def parallel_slots(workers: int) -> int:
    """How many batches the flow's task runner really runs at once.

    A process pool runs ``workers``; a Dask cluster as many as its workers have
    threads; threads run one, since spaCy holds the GIL and two batches in
    threads of one process only cost memory.
    """
    from prefect.context import FlowRunContext
    from prefect.task_runners import ProcessPoolTaskRunner

    context = FlowRunContext.get()
    runner = context.task_runner if context else None
    if isinstance(runner, ProcessPoolTaskRunner):
        return max(1, workers)
    client = getattr(runner, "client", None) if type(runner).__name__ == "DaskTaskRunner" else None
    if client is not None:
        try:
            threads = sum(client.nthreads().values())
        except Exception:  # noqa: BLE001 - a cluster that cannot say: fall back on --workers
            threads = 0
        return max(1, threads or workers)
    return 1


def workers_share_api() -> AbstractContextManager:
    """While it is entered, worker processes on this machine report to the flow run's own API server.

    With no ``PREFECT_API_URL`` configured, Prefect starts a temporary API
    server for each process that needs one: the flow's, and then every worker
    of a process pool or of a local Dask cluster too. Each costs a server
    process of some 220 MB for the whole run, the server's code (some 80 MB)
    in the worker, seconds of start-up, and one more writer of the same
    database. Workers take the flow's settings with each task they run, so a
    URL set here sends their task runs to the server this process started. A
    configured API needs no help, and workers on other machines could not
    reach a server on this one's loopback.
    """
    from prefect.context import FlowRunContext
    from prefect.settings import PREFECT_API_URL, temporary_settings

    context = FlowRunContext.get()
    if PREFECT_API_URL.value() or context is None or not _workers_on_this_machine(context.task_runner):
        return nullcontext()
    return temporary_settings(updates={PREFECT_API_URL: str(context.client.api_url)})


def _workers_on_this_machine(runner) -> bool:
    """True for a process pool, and for a Dask runner whose cluster is a ``LocalCluster``."""
    from prefect.task_runners import ProcessPoolTaskRunner

    if isinstance(runner, ProcessPoolTaskRunner):
        return True
    if type(runner).__name__ != "DaskTaskRunner":
        return False
    from distributed import LocalCluster

    return isinstance(getattr(runner.client, "cluster", None), LocalCluster)


def _lap(started: float, timings: dict[str, float], excluding: tuple[str, ...] = ()) -> float:
    spent = sum(v for k, v in timings.items() if k not in excluding)
    return round(time.perf_counter() - started - spent, 3)


def flow_for(workers: int, dask_address: str | None = None):
    """The flow with the task runner a run asks for: threads, a process pool, or Dask."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        if dask_address == "local":
            runner = DaskTaskRunner(cluster_kwargs={"n_workers": max(1, workers), "threads_per_worker": 1,
                                                    "processes": True, "dashboard_address": None})
        else:
            runner = DaskTaskRunner(address=dask_address)
        return extract_corpus.with_options(task_runner=runner)
    if workers > 1:
        from prefect.task_runners import ProcessPoolTaskRunner

        return extract_corpus.with_options(task_runner=ProcessPoolTaskRunner(max_workers=workers))
    return extract_corpus
