"""Writing outputs so that a reader never sees a partial file.

Every file goes to a temporary sibling and is moved into place with
``os.replace``, atomic on POSIX within one directory. A run that dies leaves
at most a stray ``.tmp-*`` file, never a truncated output.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .errors import OutputError

_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", encoding: str | None = "utf-8", durable: bool = True) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on clean exit, replace ``path`` with it.

    ``durable``: wait for the disk (``fsync``) before the rename, so a crash
    leaves the old file or the new one whole. Files that can be rebuilt (the
    batch cache, a run's staging batches) skip the wait: their readers check
    what they read instead.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".tmp-{path.name}.", dir=path.parent)
    except OSError as exc:
        raise OutputError("E201", path, detail=exc.strerror or str(exc)) from exc
    kwargs = {"encoding": encoding, "newline": "\n"} if "b" not in mode else {}
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are for sharing
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def cache_root() -> Path:
    """Where astro-ie keeps what it can rebuild: ``$ASTRO_IE_CACHE`` or ``~/.cache/astro-ie``."""
    base = os.environ.get("ASTRO_IE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "astro-ie"
    )
    return Path(base)


def read_cached_json(path: Path):
    """A cache entry written by :func:`write_cached_json`, or None when absent or unreadable."""
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def write_cached_json(path: Path, data) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    import json

    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # json.dump would encode in Python
        with atomic_open(path) as handle:
            handle.write(text)
    except (OSError, OutputError):
        pass


def write_text(path: Path, text: str) -> None:
    with atomic_open(path) as handle:
        handle.write(text)


def write_lines(path: Path, lines: Iterable[str]) -> int:
    """Write one line per item (a newline is added); return how many."""
    count = 0
    with atomic_open(path) as handle:
        for line in lines:
            handle.write(line)
            handle.write("\n")
            count += 1
    return count


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


# --- publishing a run's outputs as one set ------------------------------------

_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), _RENAME_EXCHANGE)
    return result == 0


def publish_directory(staging: Path, target: Path) -> None:
    """Put the complete ``staging`` directory in place of ``target``, as one step.

    Where the kernel can, the two directories are swapped atomically, so a
    reader sees the old set or the new set, never a mix, and a run killed at
    any point leaves the previous outputs whole. ``staging`` then holds the
    previous outputs, for the caller to delete.
    """
    staging, target = Path(staging), Path(target)
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        return
    parked = target.with_name(f".{target.name}.previous")
    if parked.exists():
        import shutil

        shutil.rmtree(parked)
    os.rename(target, parked)
    os.rename(staging, target)
    os.rename(parked, staging)


# --- staging a run's outputs beside the target --------------------------------


def check_replaceable(target: Path) -> None:
    """Refuse an output directory that holds anything but a previous astro-ie run.

    Publishing swaps the whole directory, so whatever it holds is deleted: it
    must not exist, be empty, or hold an astro-ie ``manifest.json``.
    """
    target = Path(target)
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputError("E201", target, detail="it exists and is not a directory")
    if not any(target.iterdir()):
        return
    try:
        with open(target / "manifest.json", encoding="utf-8") as handle:
            ours = "astro_ie" in json.load(handle)
    except (OSError, ValueError, TypeError):
        ours = False
    if not ours:
        raise OutputError("E201", target, detail="the directory holds files but no astro-ie manifest.json; "
                                                  "publishing would delete them, so give an empty or new directory")


def _staging_prefix(target: Path) -> str:
    return f".{target.name}.staging-"


@contextlib.contextmanager
def staging_directory(target: Path) -> Iterator[Path]:
    """A new directory beside ``target`` for a run to fill and publish; removed on exit.

    The run holds an exclusive ``flock`` on it while it lives, so that a later
    run can tell the staging directory of a killed run (no lock: removed) from
    that of a run still going (locked: left alone). Staging directories of
    killed runs are cleaned before this one is made.
    """
    target = Path(target)
    started = time.time()
    remove_stale_staging(target, older_than=started)
    staging = target.parent / f"{_staging_prefix(target)}{uuid.uuid4().hex[:12]}"
    try:
        staging.mkdir(parents=True)
        lock = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise OutputError("E201", staging, detail=exc.strerror or str(exc)) from exc
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield staging
    finally:
        # After a publish, ``staging`` holds the previous outputs.
        shutil.rmtree(staging, ignore_errors=True)
        os.close(lock)


def remove_stale_staging(target: Path, older_than: float | None = None) -> list[Path]:
    """Delete the staging directories of runs that died (no lock held), last changed before ``older_than``."""
    target = Path(target)
    removed: list[Path] = []
    if not target.parent.is_dir():
        return removed
    prefix = _staging_prefix(target)
    for path in sorted(target.parent.iterdir()):
        if not path.name.startswith(prefix) or path.is_symlink() or not path.is_dir():
            continue
        try:
            if older_than is not None and path.stat().st_mtime >= older_than:
                continue
            lock = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a live run holds it
            os.close(lock)
            continue
        try:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
        finally:
            os.close(lock)
    return removed
