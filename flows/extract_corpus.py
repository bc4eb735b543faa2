"""The ``extract-corpus`` Prefect flow: the whole astro-ie job.

The flow reads like the table of contents of the job; every task wraps one
function of :mod:`pipeline`, which runs without Prefect too. The flow only
orchestrates: retries, concurrency (a process pool or a Dask cluster), caching
of batches, artifacts and logging.
"""

# No ``from __future__ import annotations`` here: a served deployment runs its flow in a
# subprocess that gets the flow by value (cloudpickle), without this module's globals, so
# Prefect can only validate parameters whose annotations are objects, not strings.

import json
import shutil
import time
from pathlib import Path
from typing import Annotated, Literal, Optional

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from pydantic import Field

from pipeline import batching, corpus, graph, ingest, manifest, report
from pipeline.io import check_replaceable, publish_directory, staging_directory
from pipeline.ontology import load_ontology

GRAPH_STEMS = {
    "full": "graph",
    "full-rollup": "graph-rollup",
    "technique-instrument": "technique-instrument",
    "technique-instrument-rollup": "technique-instrument-rollup",
}


# --- tasks: each wraps one function of the core ----------------------------------


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


@task(name="extract-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def extract_batch_task(batch: str, ontology_dir: str, ontology_hash: str, cache_dir: str) -> dict:
    path, count, hit = batching.extract_batch(Path(batch), ontology_dir, ontology_hash, Path(cache_dir))
    return {"path": str(path), "records": count, "cached": hit}


@task(name="write-corpus", cache_policy=NO_CACHE)
def write_corpus_task(parts: list[str], staging: str, ontology_dir: str) -> dict:
    ontology = load_ontology(ontology_dir)
    summary = corpus.write_corpus(batching.iter_records(Path(p) for p in parts), Path(staging), ontology)
    return {
        "counts": summary.to_dict(),
        "top_concepts": summary.top_concepts,
        "new_candidates": summary.new_candidates,
    }


@task(name="build-graph", cache_policy=NO_CACHE)
def build_graph_task(staging: str, ontology_dir: str, include_generic: bool) -> dict:
    ontology = load_ontology(ontology_dir)
    views = graph.graph_views(corpus.read_corpus(Path(staging) / "corpus.jsonl"), ontology.concepts, include_generic)
    written: list[str] = []
    for name, view in views.items():
        written += [str(p) for p in graph.write_exports(view, staging, GRAPH_STEMS[name])]
    pairs = graph.summarise(views["technique-instrument"], top=10)
    return {
        "files": written,
        "nodes": {name: view.number_of_nodes() for name, view in views.items()},
        "edges": {name: view.number_of_edges() for name, view in views.items()},
        "summary": pairs,
    }


@task(name="write-report", cache_policy=NO_CACHE)
def write_report_task(staging: str) -> list[str]:
    records = corpus.read_corpus(Path(staging) / "corpus.jsonl")
    view = graph.read_node_link(Path(staging) / f"{GRAPH_STEMS['technique-instrument']}.json")
    return [str(p) for p in report.write_report(Path(staging), records, view)]


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
    markdown, rows = manifest.summary_markdown(out_dir, counts, written, graph_info)
    create_markdown_artifact(markdown=markdown, key="astro-ie-summary", description="astro-ie run summary")
    create_table_artifact(table=rows, key="astro-ie-concepts", description="Top concepts per label")
    report = Path(out_dir) / "report.html"
    if report.exists():
        create_link_artifact(link=report.resolve().as_uri(), link_text="astro-ie report", key="astro-ie-report")


# --- the flow -------------------------------------------------------------------


@flow(name="extract-corpus", validate_parameters=True, log_prints=False)
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
    with staging_directory(out) as staging:
        ontology = load_ontology_task(ontology_dir)
        timings["ontology"] = _lap(started, timings)

        ingested = ingest_task(inputs, input_format, skip_bad, str(staging), batch_size)
        timings["ingest"] = _lap(started, timings)

        futures = [extract_batch_task.submit(b, ontology["directory"], ontology["hash"], cache)
                   for b in ingested["batches"]]
        parts = []
        for done, future in enumerate(futures, 1):
            parts.append(future.result())
            if done == len(futures) or done % max(1, len(futures) // 10) == 0:
                logger.info("extracted %d/%d batches", done, len(futures))
        timings["extract"] = _lap(started, timings)

        written = write_corpus_task([p["path"] for p in parts], str(staging), ontology["directory"])
        timings["write"] = _lap(started, timings)

        graph_info = build_graph_task(str(staging), ontology["directory"], include_generic)
        timings["graph"] = _lap(started, timings)

        write_report_task(str(staging))
        timings["report"] = _lap(started, timings)

        counts = dict(written["counts"], skipped=len(ingested["skipped"]),
                      cached_batches=sum(1 for p in parts if p["cached"]), batches=len(parts))
        parameters = {"input_format": input_format, "batch_size": batch_size, "workers": workers,
                      "skip_bad": skip_bad, "include_generic": include_generic}
        write_manifest_task(str(staging), inputs, ontology, counts, timings, parameters)
        publish_task(str(staging), str(out))
        publish_artifacts_task(str(out), counts, written, graph_info)
        logger.info("%d abstracts, %d mentions -> %s", counts["abstracts"], counts["mentions"], out)
        return {"out_dir": str(out), "counts": counts, "timings": timings}


def _lap(started: float, timings: dict[str, float]) -> float:
    return round(time.perf_counter() - started - sum(timings.values()), 3)


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


def summary_json(result: dict) -> str:
    return json.dumps(result, indent=2, sort_keys=True)
