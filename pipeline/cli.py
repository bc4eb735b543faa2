"""The ``astro-ie`` command line.

Each command is a thin shell over a function of the core (or, for ``run`` and
``serve``, over the Prefect flow). User errors become one line on stderr and
exit code 2; there is no traceback for them.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import AstroIEError, OntologyError

app = typer.Typer(
    name="astro-ie",
    help="Information extraction for the astronomy + machine-learning literature.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

OntologyOpt = Annotated[
    Optional[Path], typer.Option("--ontology", help="Ontology directory (default: the one astro-ie ships).")
]
OntologyArg = Annotated[Optional[Path], typer.Argument(help="Ontology directory (default: the one astro-ie ships).")]


def ontology_or_default(directory: Optional[Path]) -> Path:
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


def fail(error: AstroIEError) -> None:
    """Report a user error in one line (every line, for an ontology) and exit non-zero."""
    text = error.report() if isinstance(error, OntologyError) else error.one_line()
    typer.echo(f"astro-ie: error: {text}" if "\n" not in text else text, err=True)
    raise typer.Exit(code=2)


InputsArg = Annotated[list[Path], typer.Argument(
    help="Book-of-abstracts text, JSONL or CSV files, arXiv snapshots, ADS or Indico JSON exports.")]
FormatOpt = Annotated[InputFormat, typer.Option("--input-format", help="auto: by extension and content.")]
SkipBadOpt = Annotated[bool, typer.Option("--skip-bad", help="Skip bad records, report each, go on.")]
CategoriesOpt = Annotated[Optional[list[str]], typer.Option(
    "--categories", metavar="PREFIX,...",
    help="arXiv snapshots: keep records with a category starting with one of these (repeat or comma-separate).")]


def split_categories(categories: Optional[list[str]]) -> list[str]:
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


def _quiet_prefect() -> None:
    """Defaults for a command-line run: nothing phones home, no ERROR noise for user errors."""
    import logging
    import os

    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT", "false")
    # The temporary server can take more than Prefect's 20 s to start on a busy machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    logging.getLogger().addFilter(_UserErrorFilter())
    for name in ("prefect", "prefect.flow_runs", "prefect.task_runs", "prefect.engine"):
        logging.getLogger(name).addFilter(_UserErrorFilter())


class _UserErrorFilter:
    """Drop Prefect's failure logs caused by an AstroIEError: the CLI prints that error in one line."""

    def filter(self, record) -> bool:  # noqa: ANN001 - logging's protocol
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, AstroIEError):
            return False
        text = str(record.msg)
        return not any(name in text for name in ("InputError", "OntologyError", "AstroIEError", "OutputError"))


def _install_filters_on_handlers() -> None:
    import logging

    for logger in [logging.getLogger()] + [logging.getLogger(n) for n in logging.root.manager.loggerDict]:
        for handler in getattr(logger, "handlers", []):
            handler.addFilter(_UserErrorFilter())


@app.command()
def run(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Inputs; default: the ML4Astro 2024 book.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Output directory.")] = None,
    input_format: FormatOpt = InputFormat.auto,
    ontology: OntologyOpt = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Abstracts per batch (the unit of caching).")] = 256,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Parallel extraction processes.")] = 1,
    skip_bad: SkipBadOpt = False,
    categories: CategoriesOpt = None,
    include_generic: Annotated[bool, typer.Option("--include-generic", help="Keep umbrella concepts in graph views.")] = False,
    dask_address: Annotated[Optional[str], typer.Option("--dask-address", help="tcp://HOST:PORT of a Dask scheduler.")] = None,
    dask: Annotated[Optional[str], typer.Option("--dask", metavar="local", help="'local': a Dask LocalCluster of --workers processes.")] = None,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="Batch cache (default ~/.cache/astro-ie).")] = None,
    update: Annotated[bool, typer.Option("--update", help="Tag only abstracts --out does not hold yet (new or changed); merge.")] = False,
    since: Annotated[Optional[int], typer.Option("--since", metavar="YEAR", help="Only records dated in or after YEAR.")] = None,
    until: Annotated[Optional[int], typer.Option("--until", metavar="YEAR", help="Only records dated in or before YEAR.")] = None,
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
    if dask is not None and dask != "local":
        fail(AstroIEError("E204", detail=f"--dask takes 'local' (a cluster elsewhere: --dask-address), got {dask!r}"))
    if dask and dask_address:
        fail(AstroIEError("E204", detail="give one of --dask local and --dask-address"))
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
    except AstroIEError as error:
        fail(error)
    _quiet_prefect()
    from astro_ie.flows.extract_corpus import flow_for

    address = "local" if dask else dask_address
    flow_fn = flow_for(workers, address)
    _install_filters_on_handlers()
    try:
        result = flow_fn(
            inputs=[str(p.resolve()) for p in inputs], out_dir=str(out.resolve()), ontology_dir=str(ontology.resolve()),
            input_format=input_format.value, batch_size=batch_size, workers=workers, skip_bad=skip_bad,
            categories=split_categories(categories), include_generic=include_generic, cache_dir=str(cache_dir.resolve()) if cache_dir else None,
            since=since, until=until, tables=sorted(set(table_formats), reverse=True), compress=compress,
            keep_abstracts=keep_abstracts, update=update,
        )
    except AstroIEError as error:
        fail(error)
    counts = result["counts"]
    typer.echo(f"{counts['abstracts']} abstracts, {counts['mentions']} mentions -> {result['out_dir']}")


@app.command()
def serve(
    inbox: Annotated[Path, typer.Option("--inbox", help="Directory whose files each run processes.")],
    out: Annotated[Path, typer.Option("--out", help="Output directory.")] = Path("outputs") / "inbox",
    cron: Annotated[Optional[str], typer.Option("--cron", help="Cron schedule, e.g. '0 6 * * 1'.")] = None,
    interval: Annotated[Optional[int], typer.Option("--interval", min=1, help="Or: every N seconds.")] = None,
    ontology: OntologyOpt = None,
    name: Annotated[str, typer.Option("--name", help="Deployment name.")] = "astro-ie-inbox",
) -> None:
    """Serve a scheduled deployment that processes an inbox directory."""
    from .io import check_replaceable
    from .ontology import load_ontology

    ontology = ontology_or_default(ontology)
    if (cron is None) == (interval is None):
        fail(AstroIEError("E204", detail="give exactly one of --cron and --interval"))
    try:
        load_ontology(ontology)
        if not inbox.is_dir():
            raise AstroIEError("E001", inbox)
        check_replaceable(out)
    except AstroIEError as error:
        fail(error)
    _quiet_prefect()
    from astro_ie.flows.inbox import serve_inbox

    serve_inbox(inbox.resolve(), out.resolve(), ontology.resolve(), cron=cron, interval=interval, name=name)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Gold annotations (JSONL).")],
    pred: Annotated[Path, typer.Option("--pred", help="Predictions: a corpus.jsonl.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    top: Annotated[int, typer.Option("--top", min=0, help="How many false positives/negatives to list.")] = 20,
) -> None:
    """Score predictions against gold annotations (the project's SCORING.md)."""
    import json as json_mod

    from . import evaluate as ev

    try:
        result = ev.score(ev.load_gold(gold), ev.load_predictions(pred), top=top)
    except AstroIEError as error:
        fail(error)
    typer.echo(json_mod.dumps(result.to_dict(), indent=2) if as_json else result.to_table())


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
    out: Annotated[Optional[Path], typer.Option("--out", help="File to write (default: stdout).")] = None,
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


def main() -> None:
    try:
        app()
    except AstroIEError as error:  # raised outside a command's own handler
        typer.echo(f"astro-ie: error: {error.one_line()}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
