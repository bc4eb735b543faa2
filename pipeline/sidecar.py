"""The run's side process: ingest, then the output pass, on the other core while tagging runs.

In the flow's process, ingest shares the GIL with tagging, and the output pass
(corpus, tables, graphs) can only start once the last batch is tagged. A run
over fresh inputs (no ``--update``) hands both to a child process instead
(``python -m astro_ie.sidecar``, which imports neither Prefect nor spaCy):
it writes the batch files the flow tags, then writes the outputs from the
tagged parts that the flow passes on in batch order as tasks finish them,
so the outputs are the same bytes as a pass after tagging.

The flow talks to it through pipes: JSON lines in (the request first, then
lists of tagged parts, then ``{"end": true}``) and JSON replies out (the
ingest's result, then the outputs' summary, or the error that stopped it, by
its code and fields: nothing read back is unpickled). An
end of input without ``end`` (the flow failed or died) aborts the output
pass: every file it was writing is removed (:func:`astro_ie.io.atomic_open`)
and the child exits.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import AstroIEError, EvaluationError, InputError, OutputError, _restore

GRAPH_STEMS = {
    "full": "graph",
    "full-rollup": "graph-rollup",
    "technique-instrument": "technique-instrument",
    "technique-instrument-rollup": "technique-instrument-rollup",
}
"""The file stem of each graph view's exports."""

STOP_SECONDS = 60.0
"""How long an aborted side process may take to remove its files before it is killed."""


# --- the two jobs, in any process ---------------------------------------------------


def ingest_batches(inputs: Iterable[str], staging: str, *, input_format: str = "auto", skip_bad: bool = False,
                   categories: Iterable[str] = (), since: int | None = None, until: int | None = None,
                   batch_size: int = 256, keep_abstracts: bool = False, plan: Any = None,
                   on_skip: Callable | None = None, on_warning: Callable | None = None) -> dict:
    """Read the inputs into batch files under ``staging/.batches``; what was read, skipped and left out."""
    from . import batching, ingest
    from .incremental import in_period

    inputs = [Path(p) for p in inputs]
    result: dict[str, Any] = {"skipped": [], "warnings": [], "outside_period": 0, "unchanged": 0, "records": []}

    def skip(error) -> None:
        result["skipped"].append(error.one_line())
        if on_skip is not None:
            on_skip(error)

    def warn(text: str) -> None:
        result["warnings"].append(text)
        if on_warning is not None:
            on_warning(text)

    def wanted(abstracts):
        for abstract in abstracts:
            if in_period(abstract.date, since, until):
                yield abstract
            else:
                result["outside_period"] += 1

    abstracts = ingest.read_abstracts(inputs, input_format=input_format, skip_bad=skip_bad, on_skip=skip,
                                      on_warning=warn, categories=tuple(categories))
    abstracts = count_by_input(abstracts, [p.name for p in inputs], result["records"])
    if plan is not None:
        abstracts = plan.to_tag(abstracts)
        result["unchanged"] = len(plan.unchanged)
    abstracts_path = Path(staging) / "abstracts.jsonl" if keep_abstracts else None
    paths, result["abstracts"] = batching.write_batches(wanted(abstracts), Path(staging) / ".batches", batch_size,
                                                        abstracts_path)
    result["batches"] = [str(p) for p in paths]
    return result


def count_by_input(abstracts, names: list[str], counts: list[int]):
    """Pass the abstracts on, counting in ``counts`` how many came from each input (by its file name, in order)."""
    counts[:] = [0] * len(names)
    current = 0
    for abstract in abstracts:
        if abstract.source != names[current]:
            current = next((i for i in range(current + 1, len(names)) if names[i] == abstract.source), current)
        counts[current] += 1
        yield abstract


def finish_outputs(summary: Any, directory: str | Path, timings: dict | None = None) -> dict:
    """The graphs from a written corpus's digest; the counts, rankings and sizes the flow reports."""
    from . import graph

    started = time.perf_counter()
    views = graph.views_from_digest(summary.digest)
    for name, view in views.items():
        graph.write_exports(view, directory, GRAPH_STEMS[name])
    result = {"counts": summary.to_dict(), "top_concepts": summary.top_concepts,
              "new_candidates": summary.new_candidates, "corpus_file": summary.corpus_file,
              "nodes": {name: view.number_of_nodes() for name, view in views.items()},
              "edges": {name: view.number_of_edges() for name, view in views.items()},
              "summary": graph.summarise(views["technique-instrument"], top=10)}
    if timings is not None:
        timings["graphs_s"] = round(time.perf_counter() - started, 3)
    return json.loads(json.dumps(result))  # as the side process's JSON reply brings it: one shape either way


def write_outputs(paths: Iterable[str], directory: str, ontology_dir: str, *, include_generic: bool = False,
                  tables: Iterable[str] = ("parquet",), compress: str = "auto", timings: dict | None = None) -> dict:
    """The output pass over tagged parts (in batch order): corpus, mentions, evidence, tables, graphs.

    ``timings``, when given, gets the seconds of the corpus pass and of the graphs.
    """
    from . import batching, corpus
    from .ontology import load_ontology

    started = time.perf_counter()
    summary = corpus.write_corpus(batching.iter_tagged(paths), Path(directory), load_ontology(ontology_dir),
                                  include_generic=include_generic, tables=tuple(tables), compress=compress)
    if timings is not None:
        timings["corpus_s"] = round(time.perf_counter() - started, 3)
    release_memory()
    return finish_outputs(summary, directory, timings)


def release_memory() -> None:
    """Give the C heap's free pages back to the system (glibc), as the corpus pass frees lines and row buffers.

    The side process runs beside tagging: its peak adds to the run's. Without
    this, freed blocks of parsed lines and table rows stay in the process.
    """
    global _LIBC
    if _LIBC is None:
        import ctypes
        import ctypes.util

        try:
            _LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            _LIBC.malloc_trim  # noqa: B018 - glibc only
        except (OSError, AttributeError):
            _LIBC = False
    if _LIBC:
        _LIBC.malloc_trim(0)


_LIBC = None


# --- the flow's side ------------------------------------------------------------------


class SideProcess:
    """The child that ingests and then writes the outputs as the flow passes it the tagged parts.

    ``request`` holds ``ingest`` (the keyword arguments of
    :func:`ingest_batches`) and ``outputs`` (those of :func:`write_outputs`,
    less the parts). Call :meth:`ingested` once (any thread), :meth:`feed`
    with the parts in batch order, then :meth:`finish`; :meth:`close`
    (always) aborts a child not finished and waits until it is gone.
    """

    def __init__(self, request: dict) -> None:
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - the child's, closed by close()
        self.process = subprocess.Popen([sys.executable, "-m", "astro_ie.sidecar"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.stderr)
        self.fed = 0
        self._send(request)

    def _send(self, message: dict) -> None:
        try:
            self.process.stdin.write(json.dumps(message).encode("utf-8") + b"\n")
            self.process.stdin.flush()
        except OSError:  # the child has ended: its reply (or its exit) says why
            pass

    def feed(self, paths: Iterable[str]) -> None:
        """Tagged parts that follow those fed before, in batch order."""
        paths = [str(p) for p in paths]
        if paths:
            self.fed += len(paths)
            self._send({"parts": paths})

    def _reply(self) -> Any:
        header = self.process.stdout.read(8)
        if len(header) == 8:
            data = self.process.stdout.read(struct.unpack("<Q", header)[0])
            reply = json.loads(data)
            if reply["kind"] == "error":
                raise _error_of(reply["payload"])
            return reply["payload"]
        code = self.process.wait()
        self.stderr.seek(0)
        lines = self.stderr.read().decode("utf-8", "replace").strip().splitlines()
        detail = f"the output process ended with exit code {code}" + (f": {lines[-1]}" if lines else "")
        raise AstroIEError("E210", detail=detail)

    def ingested(self) -> dict:
        """The result of :func:`ingest_batches` in the child, once every batch file is written."""
        return self._reply()

    def finish(self) -> dict:
        """Say that every part was fed; the result of :func:`write_outputs` once the child wrote everything."""
        self._send({"end": True})
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        result = self._reply()
        self.close()
        return result

    def close(self) -> None:
        """Abort the child unless it finished, and wait until it is gone (it removes what it was writing)."""
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self.stderr.close()


# --- the child --------------------------------------------------------------------------


_ERROR_CLASSES = {cls.__name__: cls for cls in (AstroIEError, InputError, OutputError, EvaluationError)}
"""The errors a reply may carry, by class name (those whose state is their code and fields)."""


class Aborted(Exception):
    """The flow closed the pipe before it said ``end``."""


def _messages(stream: IO[bytes]) -> Iterator[dict]:
    for line in stream:
        if line.strip():
            yield json.loads(line)
    raise Aborted


def _parts(messages: Iterator[dict], timings: dict) -> Iterator[str]:
    """The parts as the flow sends them; ``timings`` gets the seconds spent waiting for them, and the last's time."""
    waited = 0.0
    while True:
        started = time.perf_counter()
        message = next(messages)
        timings["last_part_at"] = time.perf_counter()
        waited += timings["last_part_at"] - started
        timings["waiting_s"] = round(waited, 3)
        if message.get("end"):
            return
        yield from message["parts"]
        release_memory()


def _error_state(error: BaseException) -> dict:
    """An error as JSON: an astro-ie error by its class, code and fields; any other as E210 with its text."""
    if type(error) not in _ERROR_CLASSES.values():
        error = AstroIEError("E210", detail=f"{type(error).__name__}: {error}")
    state = {"code": error.code, "path": error.path, "line": error.line,
             "fields": {k: str(v) for k, v in error.fields.items()}, "message": error.message}
    return {"class": type(error).__name__, "state": state}


def _error_of(reply: dict) -> AstroIEError:
    return _restore(_ERROR_CLASSES.get(reply["class"], AstroIEError), reply["state"])


def _reply(out: IO[bytes], kind: str, payload: Any) -> None:
    if kind == "error":
        payload = _error_state(payload)
    data = json.dumps({"kind": kind, "payload": payload}).encode("utf-8")
    out.write(struct.pack("<Q", len(data)) + data)
    out.flush()


SIDE_NICENESS = 10
"""How much lower the side process's CPU priority is than the flow's: tagging, the run's critical path,
wins the core whenever both want it (the side process's compressing thread runs beside its main thread);
the side process, which waits for tagged parts most of the run, gets what tagging leaves."""


def main() -> int:
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a library prints must not mix with the replies
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(SIDE_NICENESS)
    messages = _messages(sys.stdin.buffer)
    try:
        request = next(messages)
        if request.get("ingest") is not None:
            _reply(out, "ingested", ingest_batches(**request["ingest"]))
        timings: dict = {}
        written = write_outputs(_parts(messages, timings), **request["outputs"], timings=timings)
        written["timings"] = {"after_last_part_s": round(time.perf_counter() - timings.pop("last_part_at"), 3),
                              **timings}
        _reply(out, "written", written)
    except Aborted:
        return 1
    except BaseException as exc:  # every error goes back to the flow, which reports it
        _reply(out, "error", exc)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
