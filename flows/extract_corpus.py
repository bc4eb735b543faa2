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
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import Field

from astro_ie import batching, ingest, manifest, sidecar
from astro_ie.flows.artifacts import publish_run_artifacts
from astro_ie.io import check_replaceable, publish_directory, staging_directory
from astro_ie.ontology import load_ontology

GRAPH_STEMS = sidecar.GRAPH_STEMS


# --- typed results --------------------------------------------------------------


@dataclass(frozen=True)
class OntologyInfo:
    hash: str
    concepts: int
    directory: str


@dataclass(frozen=True)
class RunOptions:
    """What shapes a run's outputs besides its inputs and ontology."""

    input_format: str = "auto"
    batch_size: int = 256
    workers: int = 1
    skip_bad: bool = False
    include_generic: bool = False
    since: int | None = None
    until: int | None = None
    tables: tuple[str, ...] = ("parquet",)
    compress: str = "auto"
    keep_abstracts: bool = False
    update: bool = False
    categories: tuple[str, ...] = ()

    def parameters(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


@dataclass
class Ingested:
    batches: list[str]
    abstracts: int
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outside_period: int = 0
    unchanged: int = 0
    records: list[int] = field(default_factory=list)
    """Records read from each input, in input order (before the period and the update's selection)."""


@dataclass
class Written:
    """What the digest pass wrote: counts, rankings, the graphs' sizes and summary."""

    counts: dict
    top_concepts: dict
    new_candidates: list
    corpus_file: str
    nodes: dict
    edges: dict
    summary: dict
    seconds: float
    update: str | None = None
    """How an update made the outputs: "in place" (from the previous state) or "merged" (a pass over the corpus)."""


# --- tasks: each wraps one function of the core ----------------------------------
#
# The output tasks import their modules when they run: on a process pool or a Dask
# cluster the flow's own process only orchestrates, and so need not hold spaCy,
# matplotlib, pyarrow and networkx for the whole run.


@task(name="load-ontology", cache_policy=NO_CACHE)
def load_ontology_task(ontology_dir: str) -> OntologyInfo:
    ontology = load_ontology(ontology_dir)
    return OntologyInfo(ontology.hash, len(ontology), str(ontology.directory))


@task(name="plan-update", cache_policy=NO_CACHE)
def plan_update_task(inputs: list[str], out_dir: str, ontology: OntologyInfo, options: RunOptions):
    """Which abstracts of the inputs the output directory already holds (None: no previous run)."""
    from astro_ie import incremental

    previous = incremental.PreviousRun.find(Path(out_dir), ontology.hash, manifest.code_hash())
    if previous is None:
        return None
    abstracts = ingest.read_abstracts([Path(p) for p in inputs], input_format=options.input_format,
                                      skip_bad=options.skip_bad)
    plan = incremental.UpdatePlan.make(previous, abstracts)
    get_run_logger().info("update: %d unchanged, %d changed abstract(s); previous tags %s", len(plan.unchanged),
                          len(plan.replaced), "kept" if previous.reusable else "redone (ontology or code changed)")
    return plan


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(inputs: list[str], staging: str, options: RunOptions, plan=None,
                side: sidecar.SideProcess | None = None) -> Ingested:
    """Read the inputs into batch files; with ``side``, the side process does it and this task waits for it."""
    logger = get_run_logger()
    if side is not None:
        found = side.ingested()
        for line in found["skipped"]:
            logger.warning("skipped: %s", line)
        for text in found["warnings"]:
            logger.warning(text)
    else:
        found = sidecar.ingest_batches(inputs, staging, **ingest_arguments(options), plan=plan,
                                       on_skip=lambda error: logger.warning("skipped: %s", error.one_line()),
                                       on_warning=logger.warning)
    result = Ingested(found["batches"], found["abstracts"], found["skipped"], found["warnings"],
                      found["outside_period"], found["unchanged"], found["records"])
    logger.info("ingested %d abstracts into %d batches", result.abstracts, len(result.batches))
    return result


def ingest_arguments(options: RunOptions) -> dict:
    """The keyword arguments of :func:`astro_ie.sidecar.ingest_batches` that the run's options give."""
    return {"input_format": options.input_format, "skip_bad": options.skip_bad, "categories": list(options.categories),
            "since": options.since, "until": options.until, "batch_size": options.batch_size,
            "keep_abstracts": options.keep_abstracts}


count_by_input = sidecar.count_by_input


@dataclass(frozen=True)
class WarmUp:
    pid: int
    built: int


@dataclass
class Tagged:
    """The tagging stage: what ingest read, the tagged parts in batch order, the warmed workers."""

    ingested: Ingested
    parts: list
    warm: list

    def extraction(self) -> dict:
        pids = {p.pid for p in self.parts if not p.cached} | {w.pid for w in self.warm}
        return {"processes": len(pids), "pipelines_built": sum(p.built for p in self.parts) + sum(
            w.built for w in self.warm), "tagging_seconds": round(sum(p.seconds for p in self.parts), 3)}

    def counts(self) -> dict:
        return {"skipped": len(self.ingested.skipped), "tagged": sum(p.records for p in self.parts),
                "unchanged": self.ingested.unchanged, "outside_period": self.ingested.outside_period,
                "cached_batches": sum(1 for p in self.parts if p.cached), "batches": len(self.parts)}


@task(name="warm-up", cache_policy=NO_CACHE)
def warm_up_task(ontology_dir: str) -> WarmUp:
    """Build a worker's pipeline while the flow ingests: the pool starts and builds in parallel with it."""
    built = batching.pipelines_built()
    batching.extractor_for(ontology_dir)
    return WarmUp(os.getpid(), batching.pipelines_built() - built)


@task(name="extract-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def extract_batch_task(batches: list[str], ontology: OntologyInfo, cache_dir: str) -> list[batching.TaggedPart]:
    """Tag a run of consecutive batches, each into the batch cache (a retry reads back those done)."""
    return [batching.extract_batch(Path(b), ontology.directory, ontology.hash, Path(cache_dir)) for b in batches]


@task(name="warm-up", cache_policy=NO_CACHE)
def warm_up_by_value_task(ontology_files: dict, ontology_hash: str) -> WarmUp:
    """:func:`warm_up_task` on a worker that cannot read the flow's disk: the ontology comes by value."""
    built = batching.pipelines_built()
    batching.extractor_for(batching.materialize_ontology(ontology_files, ontology_hash))
    return WarmUp(os.getpid(), batching.pipelines_built() - built)


@task(name="extract-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def extract_by_value_task(batches: list[bytes], ontology_files: dict, ontology_hash: str) -> list:
    """Tag batches given by value; the tagged lines return by value (the flow writes them into its cache)."""
    return [batching.tag_batch_bytes(batch, ontology_files, ontology_hash) for batch in batches]


@task(name="extract-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def extract_stored_task(batches: list[tuple[str, str]], ontology_url: str, ontology_hash: str) -> list:
    """Tag batches read from the storage (``--storage``); each one's tagged lines are written back beside it."""
    return [batching.tag_stored_batch(batch, result, ontology_url, ontology_hash) for batch, result in batches]


class BatchSubmitter:
    """Submits extract tasks: by path where workers share the flow's disk, by value on a Dask cluster.

    On Dask the workers may run on machines that cannot read the flow's
    staging directory or cache: each task gets the batches' bytes and the
    ontology's files and returns the tagged lines; the flow looks batches up in
    its own cache first and writes the new ones into it. With a storage URL
    (``--storage``) the bytes go through that location instead, and only their
    URLs through Dask (:mod:`astro_ie.storage`).
    """

    def __init__(self, ontology: OntologyInfo, cache: str, by_value: bool, storage_url: str | None = None) -> None:
        self.ontology, self.cache, self.by_value = ontology, cache, by_value
        self.files = batching.ontology_files(ontology.directory) if by_value else None
        self.store = None
        if by_value and storage_url:
            from astro_ie import storage

            self.store = storage.run_prefix(storage.check_storage(storage_url))
            self.ontology_url = storage.join(self.store, f"ontology-{ontology.hash[:16]}.zip")
            storage.put_bytes(self.ontology_url, storage.pack_files(self.files))
        self.entries: list = []
        self.futures: list = []
        self.taken: list = []
        """The parts of the leading entries already handed out by :meth:`ready`, in batch order."""

    def warm_up(self):
        if self.by_value:
            return warm_up_by_value_task.submit(self.files, self.ontology.hash)
        return warm_up_task.submit(self.ontology.directory)

    def submit(self, paths: list[str]) -> None:
        if not self.by_value:
            future = extract_batch_task.submit(paths, self.ontology, self.cache)
            self.entries.append((paths, None, future))
            self.futures.append(future)
            return
        cached = [batching.cached_part(Path(p), self.ontology.hash, Path(self.cache)) for p in paths]
        todo = [Path(p).read_bytes() for p, part in zip(paths, cached) if part is None]
        if self.store is not None:
            future = extract_stored_task.submit(self._put(todo), self.ontology_url, self.ontology.hash) if todo else None
        else:
            future = extract_by_value_task.submit(todo, self.files, self.ontology.hash) if todo else None
        if future is not None:
            self.futures.append(future)
        self.entries.append((paths, cached, future))

    def ready(self) -> list:
        """The parts of the tasks finished since the last call, in batch order: up to the first task not done.

        A failed task stops it too: its error is raised by :meth:`parts`.
        (Its outcome is the future's own: the state the API reports may lag.)
        """
        new: list = []
        for entry in self.entries[len(self.taken):]:
            future = entry[2]
            if future is not None and not future.wrapped_future.done():
                break
            try:
                parts = self._parts_of(entry)
            except Exception:
                break
            self.taken.append(parts)
            new += parts
        return new

    def parts(self) -> list:
        """The tagged parts in batch order (on Dask, the new ones written into the flow's cache now)."""
        parts = [part for taken in self.taken for part in taken]
        for entry in self.entries[len(self.taken):]:
            parts += self._parts_of(entry)
        return parts

    def _parts_of(self, entry) -> list:
        paths, cached, future = entry
        if cached is None:
            return list(future.result())
        results = iter(future.result() if future is not None else ())
        return [part if part is not None else batching.store_part(
            Path(path), self.ontology.hash, Path(self.cache), self._fetch(next(results)))
            for path, part in zip(paths, cached)]

    def _put(self, batches: list[bytes]) -> list[tuple[str, str]]:
        """Write batches to the run's storage prefix; (batch URL, result URL) of each."""
        from astro_ie import storage

        urls = []
        for data in batches:
            key = batching.batch_key_of(data, self.ontology.hash)
            batch_url = storage.join(self.store, "batches", f"{key}.jsonl")
            storage.put_bytes(batch_url, data)
            urls.append((batch_url, storage.join(self.store, "results", f"{key}.jsonl")))
        return urls

    def _fetch(self, tagged):
        """The tagged lines of a batch, by value already or read back from the storage."""
        if not isinstance(tagged, batching.StoredPart):
            return tagged
        from astro_ie import storage

        return batching.TaggedBytes(storage.get_bytes(tagged.url), False, tagged.records, tagged.pid, tagged.built,
                                    tagged.seconds)

    def close(self, failed: bool) -> None:
        """Remove the run's storage prefix; after a failure keep it for a look, and say where."""
        if self.store is None:
            return
        from astro_ie import storage

        if failed:
            get_run_logger().warning("storage: the run failed; its batches and tagged results stay in %s", self.store)
        else:
            storage.remove(self.store)


@task(name="write-outputs", cache_policy=NO_CACHE)
def write_outputs_task(parts: list[batching.TaggedPart], staging: str, ontology: OntologyInfo,
                       options: RunOptions, plan=None, side: sidecar.SideProcess | None = None) -> Written:
    """One pass over the tagged records: corpus, mentions, evidence, tables; then the graphs from the digest.

    With ``side``, the side process has been writing them from the parts as
    tagging finished them: this task waits for it to write the rest.
    """
    started = time.perf_counter()
    if side is not None:
        found = side.finish()
        timings = found.pop("timings")
        get_run_logger().info("outputs: written beside tagging (%.1f s waiting for tagged parts, %.1f s of the "
                              "corpus pass), %.1f s after the last part (graphs %.1f s)", timings["waiting_s"],
                              timings["corpus_s"] - timings["waiting_s"], timings["after_last_part_s"],
                              timings["graphs_s"])
        return Written(**found, seconds=time.perf_counter() - started)
    from astro_ie import corpus, incremental

    loaded = load_ontology(ontology.directory)
    paths = [p.path for p in parts]
    summary, how = None, None if plan is None else "merged"
    if incremental.can_update_in_place(plan, options.since, options.until, options.tables, options.keep_abstracts):
        summary = incremental.update_outputs(plan, paths, Path(staging), loaded, options.include_generic,
                                             options.compress)
        if summary is None:
            get_run_logger().info("update: a changed abstract held what only a full pass restores; merging the corpus")
        else:
            how = "in place"
    if summary is None:
        if plan is None:
            records = batching.iter_tagged(paths)
        else:
            records = incremental.merged_records(plan, batching.iter_records(paths), batching.iter_records(paths),
                                                 options.since, options.until)
        summary = corpus.write_corpus(records, Path(staging), loaded, include_generic=options.include_generic,
                                      tables=options.tables, compress=options.compress)
    return Written(**sidecar.finish_outputs(summary, staging), seconds=time.perf_counter() - started, update=how)


@task(name="write-report", cache_policy=NO_CACHE)
def write_report_task(staging: str, counts: dict) -> list[str]:
    """The report, from the written outputs of the run and its counts."""
    from astro_ie import report

    return [str(p) for p in report.write_report(Path(staging), counts)]


@task(name="write-manifest", cache_policy=NO_CACHE)
def write_manifest_task(staging: str, inputs: list[str], ontology: OntologyInfo, counts: dict, timings: dict,
                        options: RunOptions, records: list[int] | None = None, plan=None) -> str:
    """The manifest; an update's lists the inputs of the directory's earlier runs, then this run's."""
    previous = plan.previous.inputs if plan is not None else None
    path = manifest.write_manifest(Path(staging), [Path(p) for p in inputs], asdict(ontology), counts, timings,
                                   options.parameters(), records=records, previous_inputs=previous)
    return str(path)


@task(name="publish-outputs", cache_policy=NO_CACHE)
def publish_task(staging: str, out_dir: str) -> str:
    shutil.rmtree(Path(staging) / ".batches", ignore_errors=True)
    publish_directory(Path(staging), Path(out_dir))
    return out_dir


@task(name="publish-artifacts", cache_policy=NO_CACHE)
def publish_artifacts_task(out_dir: str, summary: dict) -> None:
    publish_run_artifacts(Path(out_dir), summary)


# --- the flow -------------------------------------------------------------------


@flow(name="extract-corpus", validate_parameters=True, log_prints=False,
      task_runner=ThreadPoolTaskRunner(max_workers=1))
def extract_corpus(
    inputs: list[str],
    out_dir: str,
    ontology_dir: str,
    input_format: Literal["auto", "book", "jsonl", "csv", "arxiv", "ads", "indico"] = "auto",
    batch_size: Annotated[int, Field(ge=1, le=100_000)] = 256,
    workers: Annotated[int, Field(ge=1, le=256)] = 1,
    skip_bad: bool = False,
    include_generic: bool = False,
    cache_dir: str | None = None,
    since: int | None = None,
    until: int | None = None,
    tables: list[Literal["parquet", "csv"]] = ["parquet"],  # noqa: B006 - Prefect copies parameters
    compress: Literal["auto", "none", "gzip"] = "auto",
    keep_abstracts: bool = False,
    update: bool = False,
    categories: list[str] | None = None,
    storage: str | None = None,
) -> dict:
    """Ingest and tag (only what is new with ``update``), digest into corpus, tables and graphs, report, publish."""
    options = RunOptions(input_format, batch_size, workers, skip_bad, include_generic, since, until,
                         tuple(tables), compress, keep_abstracts, update, tuple(categories or ()))
    clock, out = Stopwatch(), Path(out_dir)
    check_replaceable(out)
    with staging_directory(out) as staging, workers_share_api(), ExitStack() as stack:
        ontology = clock.lap("ontology", load_ontology_task(ontology_dir))
        plan = clock.lap("plan", plan_update_task(inputs, out_dir, ontology, options) if update else None)
        side = side_process(inputs, str(staging), ontology, options, stack) if plan is None else None
        tagged = clock.lap("extract", tag_corpus(inputs, str(staging), ontology, options, plan,
                                                 cache_dir or str(batching.default_cache_dir()), storage, side))
        written = clock.lap("outputs", write_outputs_task(tagged.parts, str(staging), ontology, options, plan, side))
        counts = dict(written.counts, **tagged.counts())
        clock.lap("report", write_report_task(str(staging), counts))
        write_manifest_task(str(staging), inputs, ontology, counts, clock.timings, options, tagged.ingested.records,
                            plan)
        publish_task(str(staging), str(out))
        publish_artifacts_task(str(out), {"counts": counts, "top_concepts": written.top_concepts,
                                          "top_pairs": written.summary["top_pairs"],
                                          "new_candidates": written.new_candidates})
    get_run_logger().info("%d abstracts, %d mentions -> %s", counts["abstracts"], counts["mentions"], out)
    return {"out_dir": str(out), "counts": counts, "timings": clock.timings, "extraction": tagged.extraction(),
            "update": written.update}


# --- helpers of the flow: orchestration only -------------------------------------


class Stopwatch:
    """Seconds per stage, in the order the stages ran."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self.mark = time.perf_counter()

    def lap(self, name: str, value):
        now = time.perf_counter()
        self.timings[name] = round(now - self.mark, 3)
        self.mark = now
        return value


MAX_BATCHES_PER_TASK = 8
"""Most batches one extract task tags: progress and retries stay fine-grained."""

THREAD_BATCHES_PER_TASK = 32
"""The same on the flow's one tagging thread, where nothing runs beside a task: fewer, longer tasks
spend less on Prefect's bookkeeping (a few API calls each), and progress still moves every few seconds."""

TASKS_PER_SLOT = 4
"""At least this many tasks per parallel slot at the end, so no worker idles long."""


def side_process(inputs: list[str], staging: str, ontology: OntologyInfo, options: RunOptions,
                 stack: ExitStack) -> sidecar.SideProcess:
    """Start the process that ingests and writes the outputs beside tagging (:mod:`astro_ie.sidecar`).

    ``stack`` closes it when the flow leaves the staging directory: a run that
    failed aborts it, and it is gone before the staging directory is removed.
    """
    side = sidecar.SideProcess({
        "ingest": {"inputs": list(inputs), "staging": staging, **ingest_arguments(options)},
        "outputs": {"directory": staging, "ontology_dir": ontology.directory,
                    "include_generic": options.include_generic, "tables": list(options.tables),
                    "compress": options.compress},
    })
    stack.callback(side.close)
    return side


def tag_corpus(inputs: list[str], staging: str, ontology: OntologyInfo, options: RunOptions, plan,
               cache: str, storage: str | None = None, side: sidecar.SideProcess | None = None) -> Tagged:
    """Ingest on a thread of this process and tag each batch as soon as it is written.

    Ingest writes each batch file whole and in order
    (:func:`astro_ie.batching.written_batches`); every
    :data:`MAX_BATCHES_PER_TASK` batches (:data:`THREAD_BATCHES_PER_TASK` on the
    one thread of a local run) become an extract task on the flow's
    task runner, whose own limit (threads: one; a process pool: ``--workers``;
    Dask: the cluster) decides how many run at once. Each task carries a fixed
    cost in Prefect, so a task tags several consecutive batches; the batches left
    when ingest ends are spread over at least :data:`TASKS_PER_SLOT` tasks per
    slot. A storage URL (``--storage``, Dask only) carries the batches and
    their tagged lines instead of Dask itself. With ``side``, the side process
    ingests, and gets each task's tagged parts, in batch order, as soon as
    the tasks before it have finished too.
    """
    dask = on_dask()
    if storage and not dask:
        from astro_ie.errors import AstroIEError

        raise AstroIEError("E212", url=storage, detail="it serves Dask runs (--dask-address or --dask local)")
    submitter = BatchSubmitter(ontology, cache, by_value=dask, storage_url=storage)
    try:
        tagged = _tag_corpus(inputs, staging, options, plan, submitter, side)
    except BaseException:
        submitter.close(failed=True)
        raise
    submitter.close(failed=False)
    return tagged


def _tag_corpus(inputs: list[str], staging: str, options: RunOptions, plan, submitter: BatchSubmitter,
                side: sidecar.SideProcess | None = None) -> Tagged:
    slots = parallel_slots(options.workers)
    batch_dir = Path(staging) / ".batches"
    tracker = ProgressTracker()
    futures = submitter.futures
    with ThreadPoolTaskRunner(max_workers=1) as thread:
        ingesting = thread.submit(ingest_task, parameters={"inputs": inputs, "staging": staging, "options": options,
                                                            "plan": plan, "side": side})
        # The side process ingests on the other core: the one slot of a thread runner builds its pipeline meanwhile.
        warming = [submitter.warm_up() for _ in range(slots)] if slots > 1 or side is not None else []
        taken = 0
        most = THREAD_BATCHES_PER_TASK if slots == 1 and not submitter.by_value else MAX_BATCHES_PER_TASK
        while not ingesting.wrapped_future.done():
            ready = batching.written_batches(batch_dir, taken)
            if len(ready) >= most:
                submitter.submit([str(p) for p in ready[:most]])
                taken += most
            else:
                tracker.poll(futures)
                feed(side, submitter)
                time.sleep(0.05)
        try:
            ingested = ingesting.result()
        except BaseException:
            for future in futures:  # let the tasks in flight end; their errors are not the run's
                future.wait()
            raise
    rest = ingested.batches[taken:]
    per_task = max(1, min(most, len(rest) // (TASKS_PER_SLOT * slots)))
    for i in range(0, len(rest), per_task):
        submitter.submit(rest[i:i + per_task])
    tracker.total = ingested.abstracts
    while not tracker.poll(futures):
        feed(side, submitter)
        time.sleep(0.1)
    tagged = Tagged(ingested, submitter.parts(), [future.result() for future in warming])
    if side is not None:
        side.feed(p.path for p in tagged.parts[side.fed:])
    tracker.finish(tagged.parts)
    info = tagged.extraction()
    get_run_logger().info("extraction: %d pipeline(s) built in %d process(es); %.1f s of tagging",
                          info["pipelines_built"], info["processes"], info["tagging_seconds"])
    return tagged


def feed(side: sidecar.SideProcess | None, submitter: BatchSubmitter) -> None:
    """Pass the side process the parts of the tasks finished since, in batch order."""
    if side is not None:
        side.feed(p.path for p in submitter.ready())


class ProgressTracker:
    """Abstracts tagged / total, rate and ETA: in the log every few seconds, and as a Prefect progress artifact."""

    def __init__(self) -> None:
        from astro_ie.progress import Progress

        self.progress = Progress(what="abstracts tagged")
        self.total: int | None = None
        self.counted: dict[int, int] = {}
        self.artifact = None

    def poll(self, futures: list) -> bool:
        """Count the finished tasks; report when due; True when every task has finished."""
        for index, future in enumerate(futures):
            if index not in self.counted and future.wrapped_future.done():
                state = future.state  # a failed task counts as done here; its error is raised later
                self.counted[index] = sum(p.records for p in future.result()) if state.is_completed() else 0
        self._report(self.progress.update(sum(self.counted.values()), self.total))
        return len(self.counted) == len(futures)

    def finish(self, parts: list) -> None:
        self._report(self.progress.update(sum(p.records for p in parts), self.total, final=True))

    def _report(self, line: str | None) -> None:
        if line is None:
            return
        get_run_logger().info("progress: %s", line)
        percent = self.progress.percent
        if percent is None:
            return
        if self.artifact is None:
            self.artifact = create_progress_artifact(progress=percent, key="astro-ie-progress",
                                                     description="abstracts tagged")
        else:
            update_progress_artifact(artifact_id=self.artifact, progress=percent)


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
        except Exception:
            threads = 0
        return max(1, threads or workers)
    return 1


def on_dask() -> bool:
    """True when the flow runs its tasks on a Dask cluster (whose workers may share no disk with it)."""
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    return context is not None and type(context.task_runner).__name__ == "DaskTaskRunner"


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
