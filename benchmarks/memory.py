"""Peak memory of ``astro-ie run`` at two corpus sizes: does it stream?

Runs ``astro-ie run`` on the synthetic corpus of each size (make_corpus.py) as
a subprocess with a fresh PREFECT_HOME and batch cache, and samples the RSS of
its whole process tree every 0.1 s with psutil (see harness.py). The figure
that counts is the peak of the *sum* over the tree: the CLI process plus
Prefect's temporary server plus any worker processes. The largest single
process is reported too, both sampled and as the kernel's high-water mark
(``getrusage(RUSAGE_CHILDREN).ru_maxrss``), which no sampling gap can miss.

Target (flat memory): peak at 1,000,000 abstracts <= 1.15x the peak at
100,000, and <= 1.2 GB. The last line printed is JSON:
``{"peak_100k_mb", "peak_1000k_mb", "ratio", ...}`` (keys follow the sizes).

    python benchmarks/memory.py                       # 100,000 and 1,000,000, --workers 1
    python benchmarks/memory.py --sizes 2000 20000    # quicker, on a shared machine
    python benchmarks/memory.py --timeline work/mem   # also write the RSS-over-time CSVs
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from harness import astro_ie_run, check, corpus_of, emit, machine, run_measured, sandbox_env, scratch


def size_key(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def measure(n: int, workers: int, batch_size: int | None, timeline: Path | None):
    corpus = corpus_of(n)
    with scratch(f"memory-{n}-") as home:
        options = ["--workers", str(workers)]
        if batch_size:
            options += ["--batch-size", str(batch_size)]
        measured = check(run_measured(astro_ie_run(corpus, home / "out", *options), sandbox_env(home)))
    if timeline:
        timeline.mkdir(parents=True, exist_ok=True)
        with open(timeline / f"rss-{n}.csv", "w", encoding="utf-8") as handle:
            handle.write("seconds,tree_mb,largest_process_mb\n")
            handle.writelines(f"{t},{tree},{largest}\n" for t, tree, largest in measured.timeline)
    print(f"n={n}: {measured.summary()}", file=sys.stderr)
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[100_000, 1_000_000], metavar=("SMALL", "LARGE"))
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=None, help="default: astro-ie's")
    parser.add_argument("--timeline", type=Path, default=None, help="directory for rss-N.csv files")
    args = parser.parse_args()

    host = machine()
    small, large = (measure(n, args.workers, args.batch_size, args.timeline) for n in args.sizes)
    a, b = size_key(args.sizes[0]), size_key(args.sizes[1])
    emit(
        {
            f"peak_{a}_mb": small.peak_tree_mb,
            f"peak_{b}_mb": large.peak_tree_mb,
            "ratio": round(large.peak_tree_mb / small.peak_tree_mb, 3),
            "measured": "peak of the summed RSS of the astro-ie process tree (psutil, every 0.1 s)",
            f"largest_process_{a}_mb": small.peak_single_mb,
            f"largest_process_{b}_mb": large.peak_single_mb,
            "children_maxrss_mb": [small.children_maxrss_mb, large.children_maxrss_mb],
            f"wall_{a}_s": small.wall_s,
            f"wall_{b}_s": large.wall_s,
            "workers": args.workers,
            "load": [small.load_before, large.load_after],
            "machine": host,
        }
    )


if __name__ == "__main__":
    main()
