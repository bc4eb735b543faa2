"""The ``astro-ie`` command line.

Each command is a thin shell over a function of the core (or, for ``run`` and
``serve``, over the Prefect flow). Every failure a user can cause or meet
becomes one line on stderr (``astro-ie: error: ...``, with a hint where one
helps) and a non-zero exit: 2 for bad input or usage, 1 for anything else,
130 for Ctrl-C. ``--verbose`` shows tracebacks and library logs.
"""

from __future__ import annotations

import contextlib
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import AstroIEError, OntologyError

EXIT_USAGE, EXIT_FAILURE, EXIT_INTERRUPTED = 2, 1, 130


class _State:
    verbose = False


def _plain_help_types() -> None:
    """Help shows flags bare and values as metavars (``PATH``), not Python types (``<bool>``, ``<list[Path]>``)."""
    from typer import core

    def display_type(self, ctx) -> str:
        if getattr(self, "is_flag", False) or getattr(self, "count", False):
            return ""
        label = original(self, ctx).strip("<>")
        while label.startswith("list[") and label.endswith("]"):
            label = label[5:-1]
        if label.endswith(" range"):  # the range itself is shown beside it
            label = label.split()[0]
        return label if "|" in label or " " in label else label.upper()

    parameter = getattr(core, "_TyperParameter", None)  # typer's help internals; other versions: left alone
    original = getattr(parameter, "display_type", None)
    if original is not None and not getattr(original, "_astro_ie", False):
        display_type._astro_ie = True
        parameter.display_type = display_type


_plain_help_types()

app = typer.Typer(
    name="astro-ie",
    help="Information extraction for the astronomy + machine-learning literature.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

OntologyOpt = Annotated[
    Path | None, typer.Option("--ontology", help="Ontology directory (default: the one astro-ie ships).")
]
OntologyArg = Annotated[Path | None, typer.Argument(help="Ontology directory (default: the one astro-ie ships).")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"astro-ie {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks and library logs.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Information extraction for the astronomy + machine-learning literature."""
    _State.verbose = verbose


def ontology_or_default(directory: Path | None) -> Path:
    from .resources import default_ontology_dir

    return directory if directory is not None else default_ontology_dir()


class InputFormat(str, Enum):
    auto = "auto"
    book = "book"
    jsonl = "jsonl"
    csv = "csv"
    arxiv = "arxiv"
    ads = "ads"
    indico = "indico"


def error_line(error: AstroIEError) -> str:
    """``astro-ie: error: <where>: <code> <message> (<hint>)``: what a user sees of an error."""
    hint = f" ({error.hint})" if error.hint else ""
    return f"astro-ie: error: {error.one_line()}{hint}"


def fail(error: AstroIEError, code: int = EXIT_USAGE) -> None:
    """Report a user error in one line (every line, for an ontology) and exit non-zero."""
    text = error.report() if isinstance(error, OntologyError) else error_line(error)
    typer.echo(text, err=True)
    raise typer.Exit(code=code)


InputsArg = Annotated[list[Path], typer.Argument(
    help="Book-of-abstracts text, JSONL or CSV files, arXiv snapshots, ADS or Indico JSON exports.")]
FormatOpt = Annotated[InputFormat, typer.Option("--input-format", help="auto: by extension and content.")]
SkipBadOpt = Annotated[bool, typer.Option("--skip-bad", help="Skip bad records, report each, go on.")]
CategoriesOpt = Annotated[list[str] | None, typer.Option(
    "--categories", metavar="PREFIX,...",
    help="arXiv snapshots: keep records with a category starting with one of these (repeat or comma-separate).")]


def split_categories(categories: list[str] | None) -> list[str]:
    return [c.strip() for value in categories or [] for c in value.split(",") if c.strip()]


@app.command()
def ingest(
    inputs: InputsArg,
    out: Annotated[Path, typer.Option("--out", help="Output directory for abstracts.jsonl.")],
    input_format: FormatOpt = InputFormat.auto,
    skip_bad: SkipBadOpt = False,
    categories: CategoriesOpt = None,
) -> None:
    """Parse abstracts into clean records: OUT/abstracts.jsonl."""
    from . import ingest as ingest_mod
    from .errors import InputError
    from .io import write_lines

    skipped: list[AstroIEError] = []

    def report_skip(error: AstroIEError) -> None:
        skipped.append(error)
        _report_skip(error)

    def report_warning(message: str) -> None:
        typer.echo(f"astro-ie: warning: {message}", err=True)

    try:
        records = ingest_mod.read_abstracts(
            inputs,
            input_format=input_format.value,
            skip_bad=skip_bad,
            on_skip=report_skip,
            on_warning=report_warning,
            categories=split_categories(categories),
        )
        count = write_lines(out / "abstracts.jsonl", (r.to_json_line() for r in records))
    except AstroIEError as error:
        fail(error)
    if skipped:
        typer.echo(f"astro-ie: {InputError('E014', count=len(skipped)).one_line()}", err=True)
    typer.echo(f"{count} abstracts -> {out / 'abstracts.jsonl'}")


def _report_skip(error: AstroIEError) -> None:
    typer.echo(f"astro-ie: skipped: {error.one_line()}", err=True)


QUIET_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
    # The temporary server can take more than Prefect's 20 s to start on a busy machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}
NOISE_ENV = {
    # Library logs a user cannot act on stay at WARNING (inherited by workers and servers). A Dask worker whose
    # heartbeat meets the scheduler already closing at the end of a run logs a traceback at ERROR; a task that fails
    # on a worker reaches the flow, which reports it in one line, so the worker's own log keeps only CRITICAL.
    "DASK_LOGGING": repr({"distributed": "warning", "distributed.worker": "critical"}),
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOGGERS_PREFECT_CLIENT_LEVEL": "WARNING",
}
NOISY_LOGGERS = ("distributed", "prefect.server", "prefect.client", "prefect._internal", "uvicorn", "httpx",
                 "prefect.events")


def _quiet_prefect() -> None:
    """Defaults for a command-line run: nothing phones home, no ERROR noise for user errors or Ctrl-C."""
    import logging
    import os

    for name, value in QUIET_ENV.items():
        os.environ.setdefault(name, value)
    if not _State.verbose:
        for name, value in NOISE_ENV.items():
            os.environ.setdefault(name, value)
        for name in NOISY_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger().addFilter(_UserErrorFilter())
    for name in ("prefect", "prefect.flow_runs", "prefect.task_runs", "prefect.engine"):
        logging.getLogger(name).addFilter(_UserErrorFilter())


INTERRUPT_TEXTS = ("Crash detected", "interrupt signal", "KeyboardInterrupt")


class _UserErrorFilter:
    """Drop Prefect's failure logs caused by an AstroIEError or Ctrl-C: the CLI reports either in one line."""

    def filter(self, record) -> bool:
        if _State.verbose:
            return True
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, (AstroIEError, KeyboardInterrupt)):
            return False
        text = str(record.msg)
        try:
            message = record.getMessage()
        except Exception:
            message = text
        if any(t in message for t in INTERRUPT_TEXTS) and (record.levelno >= 30 or "Crash" in message):
            return False
        return not any(name in text for name in ("InputError", "OntologyError", "AstroIEError", "OutputError"))


class _FinalSummaryFilter:
    """The flow logs its final counts; the CLI prints them once, in its own last line."""

    def filter(self, record) -> bool:
        return record.msg != "%d abstracts, %d mentions -> %s"


def _install_filters_on_handlers() -> None:
    import logging

    for logger in [logging.getLogger()] + [logging.getLogger(n) for n in logging.root.manager.loggerDict]:
        for handler in getattr(logger, "handlers", []):
            handler.addFilter(_UserErrorFilter())
            handler.addFilter(_FinalSummaryFilter())


INTERRUPTED_LINE = "astro-ie: interrupted; outputs already published are kept"


def _stop_on_ctrl_c() -> None:
    """Ctrl-C during a run: stop this process and its children now, exit 130, print one line.

    A terminal's Ctrl-C reaches Prefect's temporary API server too (same
    process group), so the flow cannot report its end anywhere: left to
    itself, the engine retries a dead server and then logs a crash. Nothing
    is lost by stopping at once: outputs are published by one atomic
    directory exchange, and the next run removes a dead run's staging
    directory.
    """
    import logging
    import os
    import signal

    def stop(signum, frame) -> None:
        logging.disable(logging.CRITICAL)  # the run's other threads say nothing more: the line below is the last
        _stop_children()
        sys.stdout.flush()
        sys.stderr.write(INTERRUPTED_LINE + "\n")
        sys.stderr.flush()
        os._exit(EXIT_INTERRUPTED)

    signal.signal(signal.SIGINT, stop)


def _stop_children(grace: float = 5.0) -> None:
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with distributed
        return
    children = psutil.Process().children(recursive=True)
    for child in children:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.terminate()
    _, alive = psutil.wait_procs(children, timeout=grace)
    for child in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()


DASK_CONNECT_SECONDS = 5.0
PREFECT_API_SECONDS = 5.0


def check_dask_address(address: str) -> None:
    """Fail fast when no Dask scheduler answers at ``address`` (Dask itself waits 30 s, then a traceback)."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if parts.scheme not in ("tcp", "tls") or not host or not port:
        raise AstroIEError("E204", detail=f"--dask-address takes tcp://HOST:PORT, got {address!r}")
    try:
        with socket.create_connection((host, port), timeout=DASK_CONNECT_SECONDS):
            pass
    except OSError as exc:
        raise AstroIEError("E205", address=address, seconds=DASK_CONNECT_SECONDS) from exc


def check_storage_option(url: str, dask: str | None) -> str:
    """``--storage``: only with Dask, a protocol fsspec has, a location that takes a write; the URL made absolute."""
    from .storage import check_storage

    if not dask:
        raise AstroIEError("E212", url=url, detail="it serves Dask runs: add --dask-address tcp://HOST:PORT or --dask local")
    return check_storage(url)


def check_dask_options(dask: str | None, dask_address: str | None, storage: str | None) -> tuple[str | None, str | None]:
    """``--dask``, ``--dask-address`` and ``--storage`` checked together: the cluster to run on and the storage URL."""
    if dask is not None and dask != "local":
        raise AstroIEError("E204", detail=f"--dask takes 'local' (a cluster elsewhere: --dask-address), got {dask!r}")
    if dask and dask_address:
        raise AstroIEError("E204", detail="give one of --dask local and --dask-address")
    if storage is not None:
        storage = check_storage_option(storage, dask_address or dask)
    if dask_address:
        check_dask_address(dask_address)
    return ("local" if dask else dask_address), storage


def check_prefect_api() -> None:
    """Fail fast when ``PREFECT_API_URL`` names a server that does not answer."""
    import httpx
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        return
    try:
        httpx.get(f"{url.rstrip('/')}/health", timeout=PREFECT_API_SECONDS).raise_for_status()
    except httpx.HTTPError as exc:
        raise AstroIEError("E206", url=url) from exc


def check_cron(cron: str) -> None:
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    try:
        CronSchedule(cron=cron)
    except ValidationError as exc:
        detail = exc.errors()[0].get("msg", "not a cron expression").removeprefix("Value error, ")
        raise AstroIEError("E207", cron=cron, detail=detail.splitlines()[0]) from None


def final_line(counts: dict, out_dir: str) -> str:
    """The run's one summary line: counts, bad records skipped, what came from the cache."""
    parts = [f"{counts['abstracts']} abstracts", f"{counts['mentions']} mentions"]
    if counts.get("skipped"):
        parts.append(f"{counts['skipped']} bad record(s) skipped")
    cached, batches = counts.get("cached_batches", 0), counts.get("batches", 0)
    if batches and cached == batches:
        parts.append(f"all {batches} batch(es) from the cache")
    elif cached:
        parts.append(f"{cached} of {batches} batches from the cache")
    return ", ".join(parts) + f" -> {out_dir}"


@app.command()
def run(
    inputs: Annotated[list[Path] | None, typer.Argument(help="Inputs; default: the ML4Astro 2024 book.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Output directory (default: ./outputs/<input name>).")] = None,
    input_format: FormatOpt = InputFormat.auto,
    ontology: OntologyOpt = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Abstracts per batch (the unit of caching).")] = 256,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Parallel extraction processes.")] = 1,
    skip_bad: SkipBadOpt = False,
    categories: CategoriesOpt = None,
    include_generic: Annotated[bool, typer.Option("--include-generic", help="Keep umbrella concepts in graph views.")] = False,
    dask_address: Annotated[str | None, typer.Option("--dask-address", metavar="tcp://HOST:PORT", help="A Dask scheduler.")] = None,
    dask: Annotated[str | None, typer.Option("--dask", metavar="local", help="'local': a Dask LocalCluster of --workers processes.")] = None,
    storage: Annotated[str | None, typer.Option("--storage", metavar="URL", help="Dask runs: batches and results go through this fsspec location (file:///shared/dir, s3://bucket/prefix), not through the scheduler.")] = None,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", help="Batch cache (default ~/.cache/astro-ie).")] = None,
    update: Annotated[bool, typer.Option("--update", help="Tag only abstracts --out does not hold yet (new or changed); merge.")] = False,
    since: Annotated[int | None, typer.Option("--since", metavar="YEAR", help="Only records dated in or after YEAR.")] = None,
    until: Annotated[int | None, typer.Option("--until", metavar="YEAR", help="Only records dated in or before YEAR.")] = None,
    tables: Annotated[str, typer.Option("--tables", metavar="parquet,csv", help="Formats of the mentions table.")] = "parquet",
    compress: Annotated[str, typer.Option("--compress", metavar="auto|none|gzip", help="Tagged corpus: gzip when large (auto), never, always.")] = "auto",
    keep_abstracts: Annotated[bool, typer.Option("--abstracts", help="Also write abstracts.jsonl, the ingested records.")] = False,
) -> None:
    """Run the whole job as the Prefect flow 'extract-corpus'."""
    from .ingest import check_files
    from .io import check_replaceable
    from .ontology import load_ontology
    from .resources import default_corpus, default_out_dir

    out = out or default_out_dir(inputs)
    inputs = inputs or [default_corpus()]
    ontology = ontology_or_default(ontology)
    table_formats = [t.strip() for t in tables.split(",") if t.strip()]
    if not table_formats or set(table_formats) - {"parquet", "csv"}:
        fail(AstroIEError("E204", detail=f"--tables takes parquet, csv or both (comma-separated), got {tables!r}"))
    if compress not in ("auto", "none", "gzip"):
        fail(AstroIEError("E204", detail=f"--compress takes auto, none or gzip, got {compress!r}"))
    if since is not None and until is not None and since > until:
        fail(AstroIEError("E204", detail=f"--since {since} is after --until {until}"))
    try:  # every problem found here, before any work starts (and before Prefect's server)
        load_ontology(ontology)
        check_files(inputs, input_format.value)
        check_replaceable(out)
        address, storage = check_dask_options(dask, dask_address, storage)
        _quiet_prefect()
        check_prefect_api()
    except AstroIEError as error:
        fail(error)
    from astro_ie.flows.extract_corpus import flow_for

    flow_fn = flow_for(workers, address)
    _install_filters_on_handlers()
    _stop_on_ctrl_c()
    try:
        result = flow_fn(
            inputs=[str(p.resolve()) for p in inputs], out_dir=str(out.resolve()), ontology_dir=str(ontology.resolve()),
            input_format=input_format.value, batch_size=batch_size, workers=workers, skip_bad=skip_bad,
            categories=split_categories(categories), include_generic=include_generic, cache_dir=str(cache_dir.resolve()) if cache_dir else None,
            since=since, until=until, tables=sorted(set(table_formats), reverse=True), compress=compress,
            keep_abstracts=keep_abstracts, update=update, storage=storage,
        )
    except AstroIEError as error:
        fail(error)
    typer.echo(final_line(result["counts"], result["out_dir"]))


@app.command()
def serve(
    inbox: Annotated[Path, typer.Option("--inbox", help="Directory whose files each run processes.")],
    out: Annotated[Path, typer.Option("--out", help="Output directory.")] = Path("outputs") / "inbox",
    cron: Annotated[str | None, typer.Option("--cron", help="Cron schedule, e.g. '0 6 * * 1'.")] = None,
    interval: Annotated[int | None, typer.Option("--interval", min=1, metavar="SECONDS", help="Or: every N seconds.")] = None,
    ontology: OntologyOpt = None,
    name: Annotated[str, typer.Option("--name", help="Deployment name.")] = "astro-ie-inbox",
    skip_bad: SkipBadOpt = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Parallel extraction processes.")] = 1,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Abstracts per batch.")] = 256,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", help="Batch cache (default ~/.cache/astro-ie).")] = None,
    dask_address: Annotated[str | None, typer.Option("--dask-address", metavar="tcp://HOST:PORT", help="Each run tags on this Dask scheduler.")] = None,
    dask: Annotated[str | None, typer.Option("--dask", metavar="local", help="'local': each run tags on a Dask LocalCluster of --workers processes.")] = None,
    storage: Annotated[str | None, typer.Option("--storage", metavar="URL", help="Dask runs: batches and results go through this fsspec location, not through the scheduler.")] = None,
) -> None:
    """Serve a scheduled deployment that processes an inbox directory.

    A file that cannot be read is moved to INBOX/.failed/ with its error in
    <name>.error.txt; the other files are processed. A run whose Dask
    scheduler does not answer fails in one line and leaves the outputs as
    they were; the next run tries again.
    """
    from .io import check_replaceable
    from .ontology import load_ontology

    ontology = ontology_or_default(ontology)
    if (cron is None) == (interval is None):
        fail(AstroIEError("E204", detail="give exactly one of --cron and --interval"))
    try:
        load_ontology(ontology)
        if not inbox.is_dir():
            raise AstroIEError("E208", inbox)
        check_replaceable(out)
        address, storage = check_dask_options(dask, dask_address, storage)
        _quiet_prefect()
        if cron is not None:
            check_cron(cron)
        check_prefect_api()
    except AstroIEError as error:
        fail(error)
    import os

    if not _State.verbose:
        os.environ["ASTRO_IE_QUIET_INTERRUPTS"] = "1"  # for the flow-run processes serve starts
    from astro_ie.flows.inbox import serve_inbox

    every = f"on cron '{cron}'" if cron else f"every {interval} s"

    def ready(api_url: str, ui_url: str | None) -> None:
        typer.echo(f"astro-ie: serving deployment 'process-inbox/{name}' {every} on {inbox}; Ctrl-C stops", err=True)
        if ui_url:
            typer.echo(f"astro-ie: Prefect UI: {ui_url.rstrip('/')}/deployments", err=True)
        else:
            typer.echo(f"astro-ie: Prefect API (no UI): {api_url}", err=True)

    _install_filters_on_handlers()
    serve_inbox(inbox.resolve(), out.resolve(), ontology.resolve(), cron=cron, interval=interval, name=name,
                skip_bad=skip_bad, workers=workers, batch_size=batch_size,
                cache_dir=cache_dir.resolve() if cache_dir else None, dask_address=address, storage=storage,
                on_ready=ready)
    raise typer.Exit(code=EXIT_INTERRUPTED)  # serve returns only when stopped (Ctrl-C, SIGTERM)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Gold annotations (JSONL).")],
    pred: Annotated[Path, typer.Option("--pred", help="Predictions: a corpus.jsonl.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    top: Annotated[int, typer.Option("--top", min=0, help="How many false positives/negatives to list.")] = 20,
    interval: Annotated[
        bool,
        typer.Option(
            "--interval",
            help="Also give a 95% confidence interval of micro F1: a percentile bootstrap over the gold records "
            "(2000 resamples, fixed seed, so the same files give the same interval).",
        ),
    ] = False,
) -> None:
    """Score predictions against gold annotations, as docs/SCORING.md defines."""
    import json as json_mod

    from . import evaluate as ev

    try:
        gold_records, predictions = ev.load_gold(gold), ev.load_predictions(pred)
        if not set(gold_records) & set(predictions):
            raise AstroIEError("E209", pred)
        result = ev.score(gold_records, predictions, top=top)
        spread = result.micro_interval() if interval else None
    except AstroIEError as error:
        fail(error)
    if as_json:
        data = result.to_dict()
        if spread is not None:
            data["micro_interval"] = spread.to_dict()
        typer.echo(json_mod.dumps(data, indent=2))
    else:
        typer.echo(result.to_table() + (f"\n{spread.describe()}" if spread is not None else ""))


ontology_app = typer.Typer(help="Check and export the ontology.", no_args_is_help=True)
app.add_typer(ontology_app, name="ontology")


class OntologyFormat(str, Enum):
    skos = "skos"


@ontology_app.command("check")
def ontology_check(
    directory: OntologyArg = None,
) -> None:
    """Validate the ontology; report every problem with file:line."""
    from .ontology import load_ontology

    try:
        onto = load_ontology(ontology_or_default(directory))
    except AstroIEError as error:
        fail(error)
    counts = ", ".join(f"{len(v)} {k}" for k, v in sorted(onto.by_type().items()))
    typer.echo(f"ok: {len(onto)} concepts ({counts}); hash {onto.hash[:12]}")


@ontology_app.command("export")
def ontology_export(
    directory: OntologyArg = None,
    fmt: Annotated[OntologyFormat, typer.Option("--format", help="Export format.")] = OntologyFormat.skos,
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default: stdout).")] = None,
) -> None:
    """Export the ontology (SKOS Turtle) for ontology tools."""
    from .io import write_text
    from .ontology import load_ontology, to_skos

    try:
        text = to_skos(load_ontology(ontology_or_default(directory)))
        if out is None:
            typer.echo(text, nl=False)
        else:
            write_text(out, text)
            typer.echo(str(out))
    except AstroIEError as error:
        fail(error)


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", help="Directory for the JSON Schemas.")] = Path("schemas"),
) -> None:
    """Write the JSON Schemas of the published records."""
    from .models import write_schemas

    for path in write_schemas(out):
        typer.echo(str(path))


nlp_app = typer.Typer(help="The extraction pipeline as a spaCy pipeline.", no_args_is_help=True)
app.add_typer(nlp_app, name="nlp")


@nlp_app.command("export")
def nlp_export(
    directory: Annotated[Path, typer.Argument(help="Directory to write the pipeline to (replaced if it is one).")],
    ontology: OntologyOpt = None,
    name: Annotated[str, typer.Option("--name", help="Pipeline name in meta.json (spacy package: en_<name>).")] = "astro_ie",
) -> None:
    """Write the pipeline, ontology included, as a directory spacy.load() opens."""
    from .nlp_export import export_pipeline

    try:
        written = export_pipeline(directory, ontology_or_default(ontology), name=name)
    except AstroIEError as error:
        fail(error)
    typer.echo(str(written))


def main(argv: list[str] | None = None) -> None:
    """The console script: every failure in one line and an exit code; Ctrl-C is 130."""
    try:  # typer >= 0.20 carries its own copy of click
        from typer._click.exceptions import ClickException, NoArgsIsHelpError
        from typer.exceptions import Abort, Exit
    except ImportError:  # pragma: no cover - older typer, click itself
        from click.exceptions import Abort, ClickException, Exit, NoArgsIsHelpError

    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="astro-ie", standalone_mode=False)
    except Exit as exit_:
        code = exit_.exit_code
    except NoArgsIsHelpError as error:
        error.show()
        code = EXIT_USAGE
    except ClickException as error:  # usage: bad option, bad value, missing argument
        ctx = getattr(error, "ctx", None)
        where = f" (see: {ctx.command_path} --help)" if ctx is not None else ""
        typer.echo(f"astro-ie: error: {error.format_message()}{where}", err=True)
        code = error.exit_code
    except (KeyboardInterrupt, Abort):
        code = EXIT_INTERRUPTED
    except AstroIEError as error:  # raised outside a command's own handler
        typer.echo(error_line(error), err=True)
        code = EXIT_USAGE
    except Exception as error:
        if _State.verbose:
            raise
        detail = " ".join(f"{type(error).__name__}: {error}".split())[:300]
        typer.echo(error_line(AstroIEError("E210", detail=detail)), err=True)
        code = EXIT_FAILURE
    if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into exit code 130 by itself, silently
        typer.echo(INTERRUPTED_LINE, err=True)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
