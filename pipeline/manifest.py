"""``manifest.json``: what a run read, with what, what it wrote, and how long it took.

The manifest names the complete set of output files with their sha256, so a
reader can check that a directory is whole. It is the only output that holds
timestamps and timings: everything else is byte-identical across runs on the
same inputs and ontology.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
import json
import platform
from importlib import metadata
from pathlib import Path

from . import __version__
from .io import sha256_file, write_text
from .models import LABELS

CODE_PACKAGES = ("astro_ie", "astro_ie.flows")
"""The packages whose source makes the outputs: :func:`code_hash` covers their ``*.py``."""

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


def code_hash() -> str:
    """sha256 over the source of the ``astro_ie`` and ``astro_ie.flows`` modules, in sorted order.

    Each file adds its name within the package (``astro_ie/cli.py``,
    ``astro_ie/flows/inbox.py``) and its bytes, line endings normalised to
    ``\\n``, so a checkout, an editable install and a wheel of the same code
    hash the same. Committed outputs whose manifest records another value were
    made by other code.
    """
    import importlib

    files = []
    for package in CODE_PACKAGES:
        directory = Path(importlib.import_module(package).__file__).parent
        prefix = package.replace(".", "/")
        files.extend((f"{prefix}/{p.name}", p) for p in directory.glob("*.py"))
    digest = hashlib.sha256()
    for name, path in sorted(files):
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def write_manifest(directory: Path, inputs: list[Path], ontology: dict, counts: dict, timings: dict,
                   parameters: dict) -> Path:
    files = sorted(p for p in directory.rglob("*") if p.is_file() and not p.name.startswith(".")
                   and ".batches" not in p.parts and p.name != "manifest.json")
    manifest = {
        "astro_ie": __version__,
        "code_hash": code_hash(),
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "inputs": [{"path": shown_path(p), "name": p.name, "bytes": p.stat().st_size, "sha256": sha256_file(p)}
                   for p in inputs],
        "ontology": {"hash": ontology["hash"], "concepts": ontology["concepts"], "directory": shown_path(Path(ontology["directory"]))},
        "parameters": parameters,
        "packages": package_versions(),
        "counts": counts,
        "timings_seconds": timings,
        "files": [{"path": str(p.relative_to(directory)), "bytes": p.stat().st_size, "sha256": sha256_file(p)}
                  for p in files],
    }
    path = directory / "manifest.json"
    write_text(path, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return path


def summary_markdown(out_dir: str, counts: dict, written: dict, graph_info: dict) -> tuple[str, list[dict]]:
    """The Prefect summary artifact: markdown, and the rows of the top-concepts table."""
    lines = [f"# astro-ie run: {out_dir}", "",
             f"**{counts['abstracts']}** abstracts, **{counts['mentions']}** mentions, "
             f"**{counts['concepts']}** concepts, **{counts['candidates']}** new candidates, "
             f"{counts.get('cached_batches', 0)}/{counts.get('batches', 0)} batches from cache.", "",
             "| label | mentions |", "|---|---|"]
    for label in LABELS:
        lines.append(f"| {label} | {counts['mentions_per_label'].get(label, 0)} |")
    rows: list[dict] = []
    lines += ["", "## Top concepts", ""]
    for label in LABELS:
        top = written["top_concepts"].get(label, [])[:5]
        if top:
            lines.append(f"- **{label}**: " + ", ".join(f"{name} ({n})" for _, name, n in top))
        rows += [{"label": label, "concept_id": cid, "concept": name, "abstracts": n} for cid, name, n in top]
    pairs = graph_info.get("summary", {}).get("top_technique_instrument", [])
    if pairs:
        lines += ["", "## Top technique–instrument pairs", "", "| technique | instrument | abstracts |", "|---|---|---|"]
        for pair in pairs[:10]:
            lines.append(f"| {pair.get('source_label') or pair.get('source')} | "
                         f"{pair.get('target_label') or pair.get('target')} | {pair.get('weight')} |")
    if written.get("new_candidates"):
        lines += ["", "## New candidates (for curators)", ""]
        lines += [f"- `{cid}` ({label}, {n} abstracts)" for cid, label, n in written["new_candidates"][:10]]
    report = Path(out_dir) / "report.html"
    if report.exists():
        lines += ["", f"[Open the report]({report.resolve().as_uri()})"]
    return "\n".join(lines) + "\n", rows
