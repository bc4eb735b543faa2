"""``manifest.json``: what a run read, with what, and what it wrote; ``run.json``: when and how long.

The manifest names the complete set of output files with their sha256, so a
reader can check that a directory is whole. It is deterministic like every
other output; the timestamp, the timings and the cache hits of a run live in
``run.json``, which the manifest does not list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import __version__
from .io import sha256_file, write_text

CODE_PACKAGES = ("astro_ie", "astro_ie.flows", "astro_ie.ingest", "astro_ie.report")
"""The packages whose source makes the outputs: :func:`code_hash` covers their code and templates."""

CODE_SUFFIXES = (".py", ".html", ".css", ".js")
"""What counts as code in a package directory (and its ``templates/``): source and report templates."""

PACKAGES = ("spacy", "scispacy", "prefect", "prefect-dask", "pydantic", "networkx", "pandas", "pyarrow", "rdflib")


def package_versions() -> dict[str, str]:
    versions = {"astro-ie": __version__, "python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def shown_path(path: Path) -> str:
    """A path as a reader of the manifest can use it: relative to the working directory when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@lru_cache(maxsize=1)
def code_version() -> str:
    """The astro-ie version and the hash of its source: the key part of every cache.

    A cache keyed on this misses as soon as the code changes, released or not.
    """
    return f"astro-ie {__version__} {code_hash()}"


def code_files() -> list[tuple[str, Path]]:
    """``(name, path)`` of every file :func:`code_hash` covers, by its name within the installed package."""
    import importlib.util

    files = []
    for package in CODE_PACKAGES:  # found, not imported: a process that hashes need not load the report's libraries
        directory = Path(importlib.util.find_spec(package).origin).parent
        prefix = package.replace(".", "/")
        for folder, name in ((directory, prefix), (directory / "templates", f"{prefix}/templates")):
            files.extend((f"{name}/{p.name}", p) for p in folder.glob("*") if p.suffix in CODE_SUFFIXES)
    return sorted(files)


def code_hash() -> str:
    """sha256 over the code of :data:`CODE_PACKAGES` (sources and report templates), in sorted order.

    Each file adds its name within the package (``astro_ie/cli.py``,
    ``astro_ie/report/templates/report.js``) and its bytes, line endings
    normalised to ``\\n``, so a checkout, an editable install and a wheel of the
    same code hash the same. Committed outputs whose manifest records another
    value were made by other code.
    """
    files = code_files()
    digest = hashlib.sha256()
    for name, path in sorted(files):
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


RUN_FILE = "run.json"
"""When a run happened, how long it took, what came from the cache: the one output that differs run to run.

``manifest.json`` does not list it, so the manifest (and every file it lists)
is the same bytes for the same inputs, ontology and code: ``make run`` leaves a
checkout clean.
"""

VOLATILE_COUNTS = ("cached_batches",)
"""Counts that depend on the cache, not on the inputs: kept in ``run.json``."""


def input_entries(inputs: list[Path], records: list[int] | None = None,
                  previous: list[dict] | None = None) -> list[dict]:
    """Every input that went into a directory: those of the runs it updates, then this run's.

    Each entry names the file (as given, and its name), its bytes, sha256, the
    records read from it, and ``run``: 1 for the run that made the directory,
    2 for its first ``--update``, and so on. A full run over the same files
    lists the same entries but for ``run``. Entries of directories made before
    ``run`` and ``records`` were recorded count as run 1 and keep what they had.
    """
    earlier = [dict(entry, run=entry.get("run", 1)) for entry in previous or []]
    run = max((entry["run"] for entry in earlier), default=0) + 1
    counts = list(records) if records is not None else [None] * len(inputs)
    return earlier + [{"path": shown_path(p), "name": p.name, "bytes": p.stat().st_size, "sha256": sha256_file(p),
                       "records": n, "run": run} for p, n in zip(inputs, counts, strict=True)]


def write_manifest(directory: Path, inputs: list[Path], ontology: dict, counts: dict, timings: dict,
                   parameters: dict, records: list[int] | None = None, previous_inputs: list[dict] | None = None) -> Path:
    """Write ``manifest.json`` (deterministic) and ``run.json`` (this run's time, timings, cache use).

    ``records`` (per input) and ``previous_inputs`` (the manifest inputs of the
    directory an update adds to) make the manifest's ``inputs`` list every input
    of the directory (:func:`input_entries`).
    """
    stable_counts = {k: v for k, v in counts.items() if k not in VOLATILE_COUNTS}
    listed = input_entries([Path(p) for p in inputs], records, previous_inputs)
    run = {
        "run": listed[-1]["run"] if listed else 1,
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "timings_seconds": timings,
        "counts": {k: counts[k] for k in VOLATILE_COUNTS if k in counts},
    }
    write_text(directory / RUN_FILE, json.dumps(run, indent=2, sort_keys=True) + "\n")
    files = sorted(p for p in directory.rglob("*") if p.is_file() and not p.name.startswith(".")
                   and ".batches" not in p.parts and p.name not in ("manifest.json", RUN_FILE))
    manifest = {
        "astro_ie": __version__,
        "code_hash": code_hash(),
        "inputs": listed,
        "ontology": {"hash": ontology["hash"], "concepts": ontology["concepts"],
                     "directory": shown_path(Path(ontology["directory"]))},
        "parameters": parameters,
        "packages": package_versions(),
        "counts": stable_counts,
        "run_file": RUN_FILE,
        "files": [{"path": str(p.relative_to(directory)), "bytes": p.stat().st_size, "sha256": sha256_file(p)}
                  for p in files],
    }
    path = directory / "manifest.json"
    write_text(path, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return path
