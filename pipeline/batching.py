"""Batches of abstracts: the unit of parallel work and of caching.

Ingestion cuts the abstracts into batch files; each batch is extracted on its
own (a Prefect task, a worker process, a Dask worker), and its tagged records
are kept in a content-addressed cache keyed on the batch's bytes, the
ontology hash and the code (:func:`pipeline.manifest.code_version`). A rerun over an unchanged corpus
reads the cache instead of running spaCy again; a change to the ontology or
the code misses it.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .io import atomic_open, cache_root
from .manifest import code_version
from .models import Abstract

_EXTRACTORS: dict[str, object] = {}
_EXTRACTORS_LOCK = threading.Lock()
_BUILDS = 0


def default_cache_dir() -> Path:
    return cache_root() / "batches"


def write_batches(abstracts: Iterable[Abstract], batch_dir: Path, batch_size: int,
                  abstracts_path: Path | None = None) -> tuple[list[Path], int]:
    """Write the batch files (and ``abstracts.jsonl`` when asked) in one pass; return the batch paths and the count."""
    batch_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    count = 0
    current: list[str] = []

    def flush() -> None:
        path = batch_file(batch_dir, len(paths) + 1)
        with atomic_open(path, durable=False) as handle:  # staging: a run that stops leaves none behind
            handle.write("".join(current))
        paths.append(path)
        current.clear()

    with atomic_open(abstracts_path) if abstracts_path else contextlib.nullcontext() as out:
        for abstract in abstracts:
            line = abstract.to_json_line() + "\n"
            if out is not None:
                out.write(line)
            current.append(line)
            count += 1
            if len(current) >= batch_size:
                flush()
        if current:
            flush()
    return paths, count


def batch_file(batch_dir: Path, number: int) -> Path:
    """The path of the ``number``-th batch (from 1) that :func:`write_batches` writes."""
    return Path(batch_dir) / f"batch-{number:06d}.jsonl"


def written_batches(batch_dir: Path, done: int) -> list[Path]:
    """The batches after the first ``done`` that are written already, in order.

    :func:`write_batches` writes each batch whole (``atomic_open`` renames it
    into place), one after another, so a batch file that exists is complete:
    a reader may start on it while later ones are still being written.
    """
    found: list[Path] = []
    while (path := batch_file(batch_dir, done + len(found) + 1)).exists():
        found.append(path)
    return found


def batch_key(batch_path: Path, ontology_hash: str) -> str:
    return batch_key_of(Path(batch_path).read_bytes(), ontology_hash)


def extractor_for(ontology_dir: str):
    """One Extractor per process and ontology directory: built once, reused by every batch.

    Once built, what the process holds (the pipeline, and in a run's own
    process Prefect's client and the flow's state) is frozen out of the cyclic
    collector's generations (``gc.freeze``): it lives as long as the process,
    and tagging's full collections no longer walk it each time.
    """
    global _BUILDS
    from .extract import Extractor

    with _EXTRACTORS_LOCK:  # two threads of one process must not both build it
        extractor = _EXTRACTORS.get(ontology_dir)
        if extractor is None:
            extractor = _EXTRACTORS[ontology_dir] = Extractor(ontology_dir)
            _BUILDS += 1
            gc.freeze()
    return extractor


def pipelines_built() -> int:
    """How many Extractors this process has built: once per ontology directory, however many batches."""
    return _BUILDS


@dataclass(frozen=True)
class TaggedPart:
    """One tagged batch: where its records are, how many, and what tagging it cost."""

    path: str
    records: int
    cached: bool
    pid: int
    built: int
    seconds: float


def extract_batch(batch_path: Path, ontology_dir: str, ontology_hash: str, cache_dir: Path) -> TaggedPart:
    """Tag one batch into the cache (or find it there)."""
    built, started = _BUILDS, time.perf_counter()
    data = Path(batch_path).read_bytes()
    target = cache_entry(data, ontology_hash, cache_dir)
    count = cached_count(target, records_in(data))
    if count is not None:
        return TaggedPart(str(target), count, True, os.getpid(), 0, time.perf_counter() - started)
    abstracts = [Abstract.model_validate_json(line) for line in data.split(b"\n") if line.strip()]
    extractor = extractor_for(ontology_dir)
    count = 0
    with atomic_open(target, durable=False) as handle:
        for line in extractor.tag_lines(abstracts):
            handle.write(line)
            handle.write("\n")
            count += 1
    return TaggedPart(str(target), count, False, os.getpid(), _BUILDS - built, time.perf_counter() - started)


def read_lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield line


def iter_records(paths: Iterable[Path | str]) -> Iterator[dict]:
    """The tagged records of the batches, in batch order."""
    for path in paths:
        for line in read_lines(path):
            yield json.loads(line)


def iter_tagged(paths: Iterable[Path | str]) -> Iterator[tuple[bytes, dict]]:
    """(line, record) of every tagged record of the batches, in batch order: the line is the corpus line as is."""
    for path in paths:
        with open(path, "rb") as handle:
            for line in handle:
                if line.strip():
                    yield (line if line.endswith(b"\n") else line + b"\n"), json.loads(line)


# --- batches that travel by value: a cluster that shares no disk with the flow ------------

COMPRESS_RESULTS_BYTES = 64 * 1024
"""Tagged lines larger than this travel back zlib-compressed."""


def ontology_files(directory: Path | str) -> dict[str, bytes]:
    """The files of an ontology directory by relative path: what a worker without the flow's disk needs."""
    directory = Path(directory)
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"}


def ontology_target(ontology_hash: str) -> Path:
    """Where a worker machine keeps the ontology of this hash (:func:`materialize_ontology`)."""
    import tempfile

    return Path(tempfile.gettempdir()) / f"astro-ie-ontology-{ontology_hash[:16]}"


def materialize_ontology(files: dict[str, bytes], ontology_hash: str) -> str:
    """The ontology's files written once per worker machine under its temporary directory; its path."""
    import shutil
    import tempfile

    target = ontology_target(ontology_hash)
    if not target.is_dir():
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        for name, data in files.items():
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            (scratch / name).write_bytes(data)
        try:
            os.rename(scratch, target)
        except OSError:  # another process of this machine was first
            shutil.rmtree(scratch, ignore_errors=True)
    return str(target)


@dataclass(frozen=True)
class TaggedBytes:
    """One batch tagged on a worker: its corpus lines (zlib-compressed when large), and what it cost."""

    data: bytes
    compressed: bool
    records: int
    pid: int
    built: int
    seconds: float

    def lines(self) -> bytes:
        import zlib

        return zlib.decompress(self.data) if self.compressed else self.data


def tag_batch_bytes(batch: bytes, ontology: dict[str, bytes], ontology_hash: str) -> TaggedBytes:
    """Tag a batch given by value (its abstracts' JSON lines); the tagged lines come back by value."""
    import zlib

    built, started = _BUILDS, time.perf_counter()
    extractor = extractor_for(materialize_ontology(ontology, ontology_hash))
    abstracts = [Abstract.model_validate_json(line) for line in batch.splitlines() if line.strip()]
    data = "".join(line + "\n" for line in extractor.tag_lines(abstracts)).encode("utf-8")
    compressed = len(data) > COMPRESS_RESULTS_BYTES
    return TaggedBytes(zlib.compress(data, 1) if compressed else data, compressed, len(abstracts), os.getpid(),
                       _BUILDS - built, time.perf_counter() - started)


def cache_target(batch_path: Path, ontology_hash: str, cache_dir: Path) -> Path:
    return cache_entry(Path(batch_path).read_bytes(), ontology_hash, cache_dir)


def cache_entry(batch: bytes, ontology_hash: str, cache_dir: Path) -> Path:
    """Where the batch cache keeps the tagged lines of a batch with these bytes."""
    key = batch_key_of(batch, ontology_hash)
    return Path(cache_dir) / key[:2] / f"{key}.jsonl"


def records_in(batch: bytes) -> int:
    """How many records a batch's bytes hold: its lines that are not blank."""
    return sum(1 for line in batch.split(b"\n") if line.strip())


def cached_count(target: Path, records: int) -> int | None:
    """The lines of a batch cache entry if it holds one tagged line per record of its batch, else None.

    Cache entries are written without waiting for the disk (``atomic_open``
    with ``durable=False``): an entry cut short by a crash has too few lines,
    and its batch is tagged again.
    """
    try:
        with open(target, "rb") as handle:
            count = sum(1 for line in handle if line.endswith(b"\n"))
    except FileNotFoundError:
        return None
    return count if count == records else None


def cached_part(batch_path: Path, ontology_hash: str, cache_dir: Path) -> TaggedPart | None:
    """The batch's tagged part from the cache, or None."""
    started = time.perf_counter()
    data = Path(batch_path).read_bytes()
    target = cache_entry(data, ontology_hash, cache_dir)
    count = cached_count(target, records_in(data))
    if count is None:
        return None
    return TaggedPart(str(target), count, True, os.getpid(), 0, time.perf_counter() - started)


def store_part(batch_path: Path, ontology_hash: str, cache_dir: Path, tagged: TaggedBytes) -> TaggedPart:
    """Write a batch tagged elsewhere into this side's cache: the flow keeps the cache."""
    target = cache_target(batch_path, ontology_hash, cache_dir)
    with atomic_open(target, "wb", durable=False) as handle:
        handle.write(tagged.lines())
    return TaggedPart(str(target), tagged.records, False, tagged.pid, tagged.built, tagged.seconds)


# --- batches that travel through a shared fsspec location (``--storage URL``) --------------


@dataclass(frozen=True)
class StoredPart:
    """One batch tagged on a worker into the storage: where its tagged lines are, and what it cost."""

    url: str
    records: int
    pid: int
    built: int
    seconds: float


def batch_key_of(data: bytes, ontology_hash: str) -> str:
    """:func:`batch_key` of a batch's bytes."""
    digest = hashlib.sha256()
    digest.update(f"{code_version()}\0{ontology_hash}\0".encode())
    digest.update(data)
    return digest.hexdigest()


def tag_stored_batch(batch_url: str, result_url: str, ontology_url: str, ontology_hash: str) -> StoredPart:
    """Tag a batch read from the storage; its tagged lines go back there (whole, or not at all)."""
    from . import storage

    built, started = _BUILDS, time.perf_counter()
    target = ontology_target(ontology_hash)
    directory = str(target) if target.is_dir() else materialize_ontology(
        storage.unpack_files(storage.get_bytes(ontology_url)), ontology_hash)
    extractor = extractor_for(directory)
    batch = storage.get_bytes(batch_url)
    abstracts = [Abstract.model_validate_json(line) for line in batch.splitlines() if line.strip()]
    storage.put_bytes(result_url, "".join(line + "\n" for line in extractor.tag_lines(abstracts)).encode("utf-8"))
    return StoredPart(result_url, len(abstracts), os.getpid(), _BUILDS - built, time.perf_counter() - started)
