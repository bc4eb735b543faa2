"""Scheduled runs over an inbox directory (``astro-ie serve``).

Each run looks at every file in the inbox. When every file's content hash
was already processed with the same ontology, the run has nothing to do and
says so; otherwise it runs ``extract-corpus`` over the whole inbox (batches
already tagged come from the batch cache, so only new inputs cost spaCy time)
and refreshes the outputs. The ledger of processed hashes lives beside the
outputs, in ``<out>.inbox-ledger.json``.

Schedules need a Prefect server's scheduler: ``serve_inbox`` uses the one
``PREFECT_API_URL`` names, else starts a local server for as long as it serves.
"""

# No ``from __future__ import annotations`` here: a served deployment runs its flow in a
# subprocess that gets the flow by value (cloudpickle), without this module's globals, so
# Prefect can only validate parameters whose annotations are objects, not strings.

import contextlib
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from astro_ie.io import sha256_file, write_text
from astro_ie.ontology import ontology_hash

from .extract_corpus import extract_corpus

INPUT_SUFFIXES = {".txt", ".md", ".jsonl", ".ndjson", ".csv"}


def ledger_path(out_dir: Path) -> Path:
    return out_dir.with_name(f"{out_dir.name}.inbox-ledger.json")


@task(name="scan-inbox", cache_policy=NO_CACHE)
def scan_inbox(inbox: str) -> dict[str, str]:
    """Input files of the inbox -> their sha256."""
    files = sorted(p for p in Path(inbox).iterdir() if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                   and not p.name.startswith("."))
    return {str(p): sha256_file(p) for p in files}


@flow(name="process-inbox", validate_parameters=True)
def process_inbox(inbox: str, out_dir: str, ontology_dir: str) -> dict:
    logger = get_run_logger()
    out = Path(out_dir)
    found = scan_inbox(inbox)
    onto_hash = ontology_hash(Path(ontology_dir))
    ledger_file = ledger_path(out)
    ledger = json.loads(ledger_file.read_text(encoding="utf-8")) if ledger_file.exists() else {}
    new = [path for path, digest in found.items() if ledger.get(digest) != onto_hash]
    if not found:
        logger.info("inbox %s is empty: nothing to do", inbox)
        return {"processed": [], "skipped": []}
    if not new and out.exists():
        logger.info("all %d inputs already processed with this ontology: nothing to do", len(found))
        return {"processed": [], "skipped": sorted(found)}
    result = extract_corpus(inputs=sorted(found), out_dir=str(out), ontology_dir=ontology_dir)
    ledger.update({digest: onto_hash for digest in found.values()})
    write_text(ledger_file, json.dumps(dict(sorted(ledger.items())), indent=2) + "\n")
    logger.info("processed %d new input(s) of %d", len(new), len(found))
    return {"processed": sorted(new), "skipped": sorted(set(found) - set(new)), "counts": result["counts"]}


def serve_inbox(inbox: Path, out_dir: Path, ontology_dir: Path, cron: str | None = None,
                interval: int | None = None, name: str = "astro-ie-inbox") -> None:
    """Serve the inbox deployment on a schedule until interrupted.

    One run at a time (``limit=1``): a run that outlasts the interval must not
    race the next one over the same outputs and ledger.
    """
    schedule = {"cron": cron} if cron else {"interval": timedelta(seconds=interval or 3600)}
    with scheduling_api():
        process_inbox.serve(
            name=name,
            parameters={"inbox": str(inbox), "out_dir": str(out_dir), "ontology_dir": str(ontology_dir)},
            limit=1,
            **schedule,
        )


SERVER_STARTUP_SECONDS = 120


@contextlib.contextmanager
def scheduling_api() -> Iterator[str]:
    """A Prefect API whose scheduler runs: ``PREFECT_API_URL``'s, else a local server while serving.

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
        yield configured
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
            yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


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
