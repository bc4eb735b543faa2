"""What the benchmarks share: a sandboxed environment, a measured subprocess, the machine's load.

Every benchmark runs ``astro-ie`` (or a trivial flow) as a subprocess, as a
user would, in an environment of its own: ``PREFECT_HOME`` and
``ASTRO_IE_CACHE`` point into a fresh temporary directory, and a Prefect server
or profile the developer has configured is not inherited, so the run starts
Prefect's temporary local server like a first-time user's.

:func:`run_measured` times the subprocess and samples, with psutil, the
resident memory of its whole process tree (the CLI, Prefect's temporary
server, pool and Dask worker processes): the peak of the sum over the tree, and
the peak of the largest single process. ``resource.getrusage(RUSAGE_CHILDREN)``
gives a second figure for the largest single process that sampling cannot miss
(the kernel's own high-water mark of every waited-for descendant), and the CPU
seconds the tree used: what the whole machine was busy for besides is
``others_cpu_s``, the load other users put on it during the run.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
ASTRO_IE = str(Path(sys.executable).with_name("astro-ie"))
NOT_INHERITED = ("PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_PROFILES_PATH", "PREFECT_PROFILE")


def sandbox_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a benchmarked subprocess: its own Prefect home and astro-ie cache."""
    env = dict(os.environ)
    for name in NOT_INHERITED:
        env.pop(name, None)
    env.update(
        {
            "PREFECT_HOME": str(home / "prefect-home"),
            "ASTRO_IE_CACHE": str(home / "astro-ie-cache"),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1",
            "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


@contextmanager
def scratch(prefix: str, keep: bool = False):
    """A temporary directory under ``benchmarks/work`` (same disk as the corpora), removed afterwards."""
    WORK.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=WORK))
    try:
        yield path
    finally:
        if not keep:
            shutil.rmtree(path, ignore_errors=True)


def corpus_of(n: int) -> Path:
    """``benchmarks/work/corpus-N.jsonl``, made by make_corpus.py when missing."""
    from make_corpus import make_corpus  # this folder is on sys.path when run as a script

    path = WORK / f"corpus-{n}.jsonl"
    if not path.exists():
        make_corpus(n, path)
    return path


@dataclass
class Measured:
    """One measured subprocess: wall time, memory of its tree, and what it printed."""

    command: list[str]
    returncode: int
    wall_s: float
    peak_tree_mb: float
    peak_single_mb: float
    children_maxrss_mb: float
    processes_seen: int
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    tree_cpu_s: float
    others_cpu_s: float
    timeline: list[tuple[float, float, float]] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""

    def summary(self) -> dict:
        data = asdict(self)
        for key in ("timeline", "stdout", "stderr", "command"):
            data.pop(key)
        return data


def _tree_rss(root: psutil.Process) -> tuple[int, int, int]:
    """(sum of RSS over the tree, largest single RSS, number of processes) right now."""
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0, 0
    total, largest = 0, 0
    for process in processes:
        try:
            rss = process.memory_info().rss
        except psutil.Error:
            continue
        total += rss
        largest = max(largest, rss)
    return total, largest, len(processes)


def run_measured(
    command: list[str], env: dict[str, str], cwd: Path = ROOT, interval: float = 0.1, timeout: float | None = None
) -> Measured:
    """Run ``command``, sampling its process tree's RSS every ``interval`` seconds."""
    load_before = os.getloadavg()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_before = _busy_cpu()
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=err, text=True)
        root = psutil.Process(proc.pid)
        peak_tree = peak_single = 0
        seen: set[int] = set()
        timeline: list[tuple[float, float, float]] = []
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak_tree, peak_single
            while not stop.is_set():
                total, largest, _ = _tree_rss(root)
                with contextlib.suppress(psutil.Error):
                    seen.update(p.pid for p in root.children(recursive=True))
                peak_tree, peak_single = max(peak_tree, total), max(peak_single, largest)
                timeline.append(
                    (round(time.perf_counter() - started, 2), round(total / 2**20, 1), round(largest / 2**20, 1))
                )
                stop.wait(interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            returncode = proc.wait(timeout=timeout)
        finally:
            wall = time.perf_counter() - started
            stop.set()
            sampler.join()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    busy = _busy_cpu() - busy_before
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # ru_maxrss is in KiB on Linux; it is a high-water mark over all children so far,
    # so it says something about this run only when it rose during it.
    children_maxrss = after.ru_maxrss if after.ru_maxrss > before.ru_maxrss else 0
    tree_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Measured(
        command=command,
        returncode=returncode,
        wall_s=round(wall, 3),
        peak_tree_mb=round(peak_tree / 2**20, 1),
        peak_single_mb=round(peak_single / 2**20, 1),
        children_maxrss_mb=round(children_maxrss / 1024, 1),
        processes_seen=len(seen) + 1,
        load_before=tuple(round(x, 2) for x in load_before),
        load_after=tuple(round(x, 2) for x in os.getloadavg()),
        tree_cpu_s=round(tree_cpu, 1),
        others_cpu_s=round(max(0.0, busy - tree_cpu), 1),
        timeline=timeline,
        stdout=stdout,
        stderr=stderr,
    )


def _busy_cpu() -> float:
    """CPU seconds the whole machine has been busy (all cores): others' load is this less our tree's."""
    times = psutil.cpu_times()
    return sum(getattr(times, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq", "steal"))


def check(measured: Measured) -> Measured:
    """Stop the benchmark, showing the subprocess's stderr, when it failed."""
    if measured.returncode != 0:
        sys.stderr.write(measured.stderr[-4000:])
        raise SystemExit(f"benchmark subprocess failed ({measured.returncode}): {' '.join(measured.command)}")
    return measured


def astro_ie_run(corpus: Path, out: Path, *options: str) -> list[str]:
    return [ASTRO_IE, "run", str(corpus), "--out", str(out), *options]


def machine() -> dict:
    """What the figures depend on: cores, memory, and the load when the benchmark started."""
    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load": [round(x, 2) for x in os.getloadavg()],
        "python": sys.version.split()[0],
    }


def emit(result: dict) -> None:
    """The last line a benchmark prints: one JSON object."""
    print(json.dumps(result, sort_keys=False))
