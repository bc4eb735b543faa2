"""Scheduled runs over an inbox directory (``astro-ie serve``, the ``astro-ie-inbox`` deployment).

Each run looks at every file in the inbox. When every file's content hash
was already processed with the same ontology, the run has nothing to do and
says so; otherwise it runs ``extract-corpus --update`` over the new files:
only abstracts the outputs do not hold yet (new ids, or changed content) are
tagged, and the outputs grow from their saved statistics at the cost of what
is new (:mod:`astro_ie.incremental`). Abstracts of files since removed from the
inbox stay in the outputs. After another ontology, every file counts as new
and every abstract is tagged again. The ledger of processed hashes lives
beside the outputs, in ``<out>.inbox-ledger.json``.

A new file that cannot be read (not a known format, a bad record without
``skip_bad``) is moved to ``<inbox>/.failed/`` with its error beside it in
``<name>.error.txt``, and the run goes on with the others: one bad file
must not stop an inbox.

Schedules need a Prefect server's scheduler: ``serve_inbox`` uses the one
``PREFECT_API_URL`` names, else starts a local server for as long as it serves.
"""

# No ``from __future__ import annotations`` here: a served deployment runs its flow in a
# subprocess that gets the flow by value (cloudpickle), without this module's globals, so
# Prefect can only validate parameters whose annotations are objects, not strings.

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Annotated

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from pydantic import Field

from astro_ie.errors import AstroIEError
from astro_ie.io import sha256_file, write_text
from astro_ie.ontology import ontology_hash
from astro_ie.resources import default_ontology_dir

from .extract_corpus import flow_for

QUIET_ENV = "ASTRO_IE_QUIET_INTERRUPTS"
"""Set by ``astro-ie serve`` (without ``--verbose``) for the flow-run processes it starts."""


def _quiet_interrupts() -> None:
    """In a served run's process: Ctrl-C of ``astro-ie serve`` is a stop, not a crash to print as ERROR.

    The terminal's Ctrl-C reaches the run's process too; Prefect records the
    run as crashed (the UI shows it) and would also print its ERROR lines.
    """
    import logging

    if os.environ.get(QUIET_ENV) != "1":
        return
    from astro_ie.cli import _UserErrorFilter

    quiet = _UserErrorFilter()
    loggers = [logging.getLogger()] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)
                                       if name.startswith("prefect")]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(f, _UserErrorFilter) for f in handler.filters):
                handler.addFilter(quiet)


_quiet_interrupts()

FAILED_DIR = ".failed"
"""Where bad inbox files go, each with ``<name>.error.txt``."""

INPUT_SUFFIXES = {".txt", ".md", ".jsonl", ".ndjson", ".csv"}


def ledger_path(out_dir: Path) -> Path:
    return out_dir.with_name(f"{out_dir.name}.inbox-ledger.json")


@task(name="scan-inbox", cache_policy=NO_CACHE)
def scan_inbox(inbox: str) -> dict[str, str]:
    """Input files of the inbox -> their sha256."""
    files = sorted(p for p in Path(inbox).iterdir() if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                   and not p.name.startswith("."))
    return {str(p): sha256_file(p) for p in files}


@task(name="check-inbox-file", cache_policy=NO_CACHE)
def check_inbox_file(path: str, skip_bad: bool) -> str | None:
    """Read every record of an inbox file; the error line if it cannot be processed, else None."""
    from astro_ie import ingest

    try:
        ingest.check_files([Path(path)], "auto")
        for _ in ingest.read_abstracts([Path(path)], input_format="auto", skip_bad=skip_bad,
                                       on_skip=lambda error: None, on_warning=lambda text: None):
            pass
    except AstroIEError as error:
        return error.one_line() + (f" ({error.hint})" if error.hint else "")
    return None


def quarantine(path: Path, error: str) -> Path:
    """Move a bad inbox file to ``<inbox>/.failed/`` and write its error beside it."""
    failed = path.parent / FAILED_DIR
    failed.mkdir(exist_ok=True)
    target = failed / path.name
    write_text(failed / f"{path.name}.error.txt", error + "\n")
    os.replace(path, target)
    return target


@flow(name="process-inbox", validate_parameters=True)
def process_inbox(
    inbox: str = "inbox",
    out_dir: str = "outputs/inbox",
    ontology_dir: str | None = None,
    skip_bad: bool = False,
    workers: Annotated[int, Field(ge=1, le=256)] = 1,
    batch_size: Annotated[int, Field(ge=1, le=100_000)] = 256,
    cache_dir: str | None = None,
    dask_address: str | None = None,
    storage: str | None = None,
) -> dict:
    """Process the new files of ``inbox`` into ``out_dir``; relative paths are the working directory's.

    The inbox is created when missing. ``ontology_dir`` defaults to the
    ontology astro-ie ships. ``dask_address`` (``tcp://HOST:PORT``, or
    ``local`` for a local cluster of ``workers`` processes) tags on Dask,
    ``storage`` (an fsspec URL) carries its batches and results; a scheduler
    that does not answer fails the run before anything is written.
    """
    logger = get_run_logger()
    out = Path(out_dir)
    ontology_dir = ontology_dir or str(default_ontology_dir())
    if not Path(inbox).is_dir():
        Path(inbox).mkdir(parents=True, exist_ok=True)
        logger.info("created the inbox %s: drop book-of-abstracts, JSONL or CSV files there", Path(inbox).resolve())
    found = scan_inbox(inbox)
    onto_hash = ontology_hash(Path(ontology_dir))
    ledger_file = ledger_path(out)
    ledger = json.loads(ledger_file.read_text(encoding="utf-8")) if ledger_file.exists() else {}
    new = [path for path, digest in found.items() if ledger.get(digest) != onto_hash]
    failed = []
    for path in new:
        error = check_inbox_file(path, skip_bad)
        if error:
            moved = quarantine(Path(path), error)
            logger.warning("skipped %s: %s; moved to %s", Path(path).name, error, moved.parent)
            failed.append(path)
    if failed:
        found = {path: digest for path, digest in found.items() if path not in failed}
        new = [path for path in new if path not in failed]
    if not found:
        logger.info("inbox %s holds no input to process: nothing to do", inbox)
        return {"processed": [], "skipped": [], "failed": sorted(failed)}
    if not new and out.exists():
        logger.info("all %d inputs already processed with this ontology: nothing to do", len(found))
        return {"processed": [], "skipped": sorted(found), "failed": sorted(failed)}
    if dask_address and dask_address != "local":
        from astro_ie.cli import check_dask_address

        check_dask_address(dask_address)  # E205 in one line now, not a 30 s wait and a traceback mid-run
    extract = flow_for(workers, dask_address)
    # An update: only the new files are read and only their new abstracts tagged; the outputs keep the rest.
    inputs = sorted(new) if (out / "manifest.json").exists() else sorted(found)
    result = extract(inputs=inputs, out_dir=str(out), ontology_dir=ontology_dir, skip_bad=skip_bad,
                     workers=workers, batch_size=batch_size, cache_dir=cache_dir, update=True, storage=storage)
    ledger.update({digest: onto_hash for digest in found.values()})
    write_text(ledger_file, json.dumps(dict(sorted(ledger.items())), indent=2) + "\n")
    logger.info("processed %d new input(s) of %d", len(new), len(found))
    return {"processed": sorted(new), "skipped": sorted(set(found) - set(new)), "failed": sorted(failed),
            "counts": result["counts"]}


def serve_inbox(inbox: Path, out_dir: Path, ontology_dir: Path, cron: str | None = None,
                interval: int | None = None, name: str = "astro-ie-inbox", skip_bad: bool = False,
                workers: int = 1, batch_size: int = 256, cache_dir: Path | None = None,
                dask_address: str | None = None, storage: str | None = None, on_ready=None) -> None:
    """Serve the inbox deployment on a schedule until interrupted.

    One run at a time (``limit=1``): a run that outlasts the interval must not
    race the next one over the same outputs and ledger. ``on_ready(api_url,
    ui_url)`` is called once the API answers; ``ui_url`` is None when no UI
    answers there.
    """
    schedule = {"cron": cron} if cron else {"interval": timedelta(seconds=interval or 3600)}
    parameters = {"inbox": str(inbox), "out_dir": str(out_dir), "ontology_dir": str(ontology_dir),
                  "skip_bad": skip_bad, "workers": workers, "batch_size": batch_size,
                  "cache_dir": str(cache_dir) if cache_dir else None, "dask_address": dask_address,
                  "storage": storage}
    with scheduling_api() as (api_url, ui_url):
        if on_ready is not None:
            on_ready(api_url, ui_url)
        process_inbox.serve(name=name, parameters=parameters, limit=1, print_starting_message=False, **schedule)


SERVER_STARTUP_SECONDS = 120


@contextlib.contextmanager
def scheduling_api() -> Iterator[tuple[str, str | None]]:
    """A Prefect API whose scheduler runs, and its UI's URL if one answers.

    ``PREFECT_API_URL``'s API, else a local server (no UI) while serving.

    Without ``PREFECT_API_URL`` a flow talks to Prefect's ephemeral API, which
    runs no background services, so a served deployment's schedule never makes
    a flow run (Prefect warns "Cannot schedule flows on an ephemeral server; run
    `prefect server start`"). In that case this starts ``prefect server start``
    on a free local port (same ``PREFECT_HOME`` and database), points this
    process at it, and stops it on exit. The server gets its own session, so a
    Ctrl-C reaches ``serve`` alone, which pauses its deployment before the
    server goes away.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_HOME, temporary_settings

    configured = PREFECT_API_URL.value()
    if configured:
        yield configured, _answering_ui()
        return
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    home = Path(PREFECT_HOME.value())
    home.mkdir(parents=True, exist_ok=True)
    with open(home / "astro-ie-server.log", "ab") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
             "--no-ui"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        _wait_healthy(server, url, home / "astro-ie-server.log")
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url, None
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _answering_ui() -> str | None:
    """The Prefect UI's URL, if a page answers there (a server started with ``--no-ui`` has none)."""
    import httpx
    from prefect.settings import get_current_settings

    ui_url = get_current_settings().ui_url
    if not ui_url:
        return None
    try:
        answer = httpx.get(ui_url, timeout=3, follow_redirects=True)
    except httpx.HTTPError:
        return None
    return ui_url if answer.status_code == 200 and "html" in answer.headers.get("content-type", "") else None


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(server: subprocess.Popen, url: str, log: Path) -> None:
    import httpx

    deadline = time.monotonic() + SERVER_STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the local Prefect server exited with code {server.returncode}; see {log}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        time.sleep(0.25)
    raise RuntimeError(f"the local Prefect server did not answer within {SERVER_STARTUP_SECONDS} s; see {log}")
