"""Parallel speed-up: ``astro-ie run --workers 1`` against ``--workers 2``.

Runs the real CLI on the synthetic corpus of N abstracts (make_corpus.py),
each run a fresh subprocess with a fresh PREFECT_HOME and batch cache (so every
batch is tagged; nothing is read from a cache), and times it from start to
exit. The manifest's per-stage timings are reported too, so the speed-up of
the extraction stage alone can be told from the whole run's (ingest, writing
the tables, the graph and the report are serial).

Target: ``speedup >= 1.6`` for 100,000 abstracts on 2 cores. On a shared
machine, others' processes take cores from ``--workers 2`` more than from
``--workers 1``: every run prints the load average and ``others_cpu_s``, the
CPU seconds the rest of the machine used meanwhile; with ``--repeats`` the
best run of each counts. The last line printed is JSON:
``{"n", "workers1_s", "workers2_s", "speedup", ...}``.

    python benchmarks/parallel.py [--n 100000] [--repeats 1] [--batch-size N] [--extra-option ...]
"""

from __future__ import annotations

import argparse
import json
import sys

from harness import astro_ie_run, check, corpus_of, emit, machine, run_measured, sandbox_env, scratch


def timed_run(n: int, workers: int, options: list[str]) -> dict:
    corpus = corpus_of(n)
    with scratch(f"parallel-{n}-w{workers}-") as home:
        out = home / "out"
        measured = check(
            run_measured(astro_ie_run(corpus, out, "--workers", str(workers), *options), sandbox_env(home))
        )
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    result = {
        "wall_s": measured.wall_s,
        "timings": manifest.get("timings_seconds", {}),
        "peak_tree_mb": measured.peak_tree_mb,
        "load": [measured.load_before, measured.load_after],
        "cpu_s": measured.tree_cpu_s,
        "others_cpu_s": measured.others_cpu_s,
    }
    print(f"workers={workers}: {result}", file=sys.stderr)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=1, help="runs of each, alternating; the best counts")
    parser.add_argument("--batch-size", type=int, default=None, help="default: astro-ie's")
    parser.add_argument("--option", action="append", default=[], help="extra astro-ie run option (repeatable)")
    args = parser.parse_args()

    options = list(args.option)
    if args.batch_size:
        options += ["--batch-size", str(args.batch_size)]
    host = machine()
    ones, twos = [], []
    for _ in range(args.repeats):
        ones.append(timed_run(args.n, 1, options))
        twos.append(timed_run(args.n, 2, options))
    one = min(ones, key=lambda r: r["wall_s"])
    two = min(twos, key=lambda r: r["wall_s"])
    extract1, extract2 = one["timings"].get("extract"), two["timings"].get("extract")
    emit(
        {
            "n": args.n,
            "workers1_s": one["wall_s"],
            "workers2_s": two["wall_s"],
            "speedup": round(one["wall_s"] / two["wall_s"], 3),
            "extract_speedup": round(extract1 / extract2, 3) if extract1 and extract2 else None,
            "timings1": one["timings"],
            "timings2": two["timings"],
            "options": options,
            "others_cpu_s": [one["others_cpu_s"], two["others_cpu_s"]],
            "load": [one["load"], two["load"]],
            "machine": host,
        }
    )


if __name__ == "__main__":
    main()
