"""A staging location the flow and its Dask workers share: ``astro-ie run --storage URL``.

Without it, a Dask run passes each batch and its tagged lines by value through
the scheduler. With it, the flow writes each batch (and the ontology, once) to
an fsspec location (``file:///shared/dir``, ``s3://bucket/prefix``,
``memory://`` in one process), the workers read them there and write the tagged
lines back next to them; only the objects' URLs travel through Dask. Nothing
goes through a path on the flow machine's disk.

Each run keeps its objects under a prefix of its own (``run-<random>``), one
object per batch keyed by the batch's content hash (with the ontology and the
code). An object appears whole: written under a temporary name and renamed
where the filesystem renames (local and network disks), written in one put on
object stores, whose puts are atomic. The flow removes the prefix when the
tagging is done; when the run fails it keeps it and logs where.
"""

from __future__ import annotations

import io
import uuid
import zipfile

from .errors import AstroIEError

ATOMIC_PUT = frozenset({"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "memory"})
"""Protocols whose one write makes the whole object appear at once: no temporary name is needed."""

PROBE_PREFIX = ".astro-ie-probe-"


def _fs(url: str):
    from fsspec.core import url_to_fs

    return url_to_fs(url)


def check_storage(url: str) -> str:
    """The storage URL made absolute (``/dir`` and ``file://dir`` become ``file:///abs/dir``), or E212.

    Refused: a protocol fsspec does not know, one whose package is not
    installed (``s3://`` without s3fs), and a location this process cannot
    write (a small probe object is written and removed).
    """
    import fsspec
    from fsspec.utils import get_protocol

    protocol = get_protocol(url)
    try:
        fsspec.get_filesystem_class(protocol)
    except ValueError:
        raise AstroIEError("E212", url=url, detail=f"fsspec knows no protocol {protocol!r}") from None
    except ImportError as exc:
        raise AstroIEError("E212", url=url, detail=f"its protocol {protocol!r} is not installed: {exc}") from None
    try:
        fs, root = _fs(url)
        fs.makedirs(root, exist_ok=True)
        probe = _join(root, f"{PROBE_PREFIX}{uuid.uuid4().hex}")
        fs.pipe_file(probe, b"astro-ie")
        fs.rm_file(probe)
    except Exception as exc:  # any backend's error: permissions, credentials, a file in the way
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        raise AstroIEError("E212", url=url, detail=f"not writable ({detail})") from None
    return fs.unstrip_protocol(root)


def _join(root: str, name: str) -> str:
    return f"{root.rstrip('/')}/{name}"


def join(url: str, *names: str) -> str:
    """``url/name/...``: the URL of an object under ``url``."""
    base = url if url.endswith("://") else url.rstrip("/")  # memory:// is a whole root
    return base + ("" if base.endswith("/") else "/") + "/".join(names)


def put_bytes(url: str, data: bytes) -> None:
    """Write an object so that a reader sees all of it or nothing."""
    fs, path = _fs(url)
    if set(_protocols(fs)) & ATOMIC_PUT:
        fs.pipe_file(path, data)
        return
    parent = fs._parent(path)
    fs.makedirs(parent, exist_ok=True)
    temporary = _join(parent, f".{path.rsplit('/', 1)[-1]}.{uuid.uuid4().hex}.part")
    fs.pipe_file(temporary, data)
    fs.mv(temporary, path)


def _protocols(fs) -> tuple[str, ...]:
    return (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)


def get_bytes(url: str) -> bytes:
    fs, path = _fs(url)
    return fs.cat_file(path)


def remove(url: str) -> None:
    """Remove ``url`` and everything under it (nothing there is fine)."""
    fs, path = _fs(url)
    if fs.exists(path):
        fs.rm(path, recursive=True)


def objects(url: str) -> list[str]:
    """The URLs of every object under ``url``, sorted."""
    fs, path = _fs(url)
    return sorted(fs.unstrip_protocol(p) for p in fs.find(path))


def run_prefix(url: str) -> str:
    """A prefix of its own for one run under the storage URL."""
    return join(url, f"run-{uuid.uuid4().hex}")


def pack_files(files: dict[str, bytes]) -> bytes:
    """Files by relative path as one zip object (the ontology a worker needs)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr(name, files[name])
    return buffer.getvalue()


def unpack_files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
