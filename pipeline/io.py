"""Writing outputs so that a reader never sees a partial file.

Every file goes to a temporary sibling and is moved into place with
``os.replace``, atomic on POSIX within one directory. A run that dies leaves
at most a stray ``.tmp-*`` file, never a truncated output.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .errors import OutputError

_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on clean exit, replace ``path`` with it."""
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
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are for sharing
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
