"""Orchestration overhead: ``astro-ie run`` on the default corpus against a trivial Prefect flow.

Both are run the same way, as a fresh subprocess from this repository, and
timed from start to exit (wall clock):

* ``astro-ie run`` on the default corpus (the ML4Astro 2024 book, 101 abstracts);
* ``python benchmarks/trivial_flow.py``: one flow, one task.

In two settings, each the same for both commands:

* cold: a fresh PREFECT_HOME and ASTRO_IE_CACHE for every run, so both start
  Prefect's temporary server on a new database (and astro-ie builds its
  pipeline without its cache): a first run on a new machine;
* warm: one PREFECT_HOME and ASTRO_IE_CACHE kept across runs (after one
  discarded run of each), as on a developer's machine. astro-ie's *batch*
  cache is fresh for every run (``--cache-dir``), so spaCy still tags every
  abstract: a warm rerun that only reads cached batches would flatter it.

Each setting runs ``--repeats`` times, alternating the two commands, and the
median counts. Target: ``run_s <= 2 x trivial_s``. The last line printed is
JSON ``{"run_s", "trivial_s", "ratio", "setting", "cold", "warm", ...}``:
the top-level figures are those of ``--setting`` (default warm).

    python benchmarks/overhead.py [--repeats 3] [--setting warm|cold]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from harness import ASTRO_IE, ROOT, check, emit, machine, run_measured, sandbox_env, scratch

TRIVIAL = [sys.executable, str(ROOT / "benchmarks" / "trivial_flow.py")]


def astro_ie(home: Path, run: int) -> list[str]:
    return [ASTRO_IE, "run", "--out", str(home / f"out-{run}"), "--cache-dir", str(home / f"batches-{run}")]


def setting(name: str, repeats: int) -> dict:
    runs, trivials = [], []
    with scratch(f"overhead-{name}-") as shared:
        if name == "warm":  # one discarded run of each fills the Prefect database and astro-ie's cache
            check(run_measured(astro_ie(shared, -1), sandbox_env(shared)))
            check(run_measured(TRIVIAL, sandbox_env(shared)))
        for run in range(repeats):
            with scratch(f"overhead-{name}-{run}-") as fresh:
                home = shared if name == "warm" else fresh
                trivial = check(run_measured(TRIVIAL, sandbox_env(home)))
                full = check(run_measured(astro_ie(fresh, run), sandbox_env(home)))
            trivials.append(trivial.wall_s)
            runs.append(full.wall_s)
            print(
                f"{name} {run}: astro-ie run {full.wall_s:.2f} s, trivial flow {trivial.wall_s:.2f} s, "
                f"load {full.load_after}",
                file=sys.stderr,
            )
    run_s, trivial_s = statistics.median(runs), statistics.median(trivials)
    return {
        "run_s": round(run_s, 2),
        "trivial_s": round(trivial_s, 2),
        "ratio": round(run_s / trivial_s, 3),
        "runs_s": runs,
        "trivials_s": trivials,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--setting", choices=("warm", "cold"), default="warm")
    args = parser.parse_args()

    host = machine()
    results = {name: setting(name, args.repeats) for name in ("cold", "warm")}
    chosen = results[args.setting]
    emit(
        {
            "run_s": chosen["run_s"],
            "trivial_s": chosen["trivial_s"],
            "ratio": chosen["ratio"],
            "setting": args.setting,
            **results,
            "machine": host,
        }
    )


if __name__ == "__main__":
    main()
