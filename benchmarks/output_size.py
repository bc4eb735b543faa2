"""Output bytes against input bytes: are the outputs lean?

Runs ``astro-ie run`` with the default options on the synthetic corpus of each
size (make_corpus.py) and sums the bytes of every published file. Target:
total output <= 1.5x the input's bytes at 300,000 abstracts.
The last line printed is JSON: per size the ratio, the totals and the largest files.

    python benchmarks/output_size.py                   # 20,000 abstracts
    python benchmarks/output_size.py --sizes 2000 20000
    python benchmarks/output_size.py --options --tables parquet,csv --compress none
"""

from __future__ import annotations

import argparse
import sys

from harness import astro_ie_run, check, corpus_of, emit, machine, run_measured, sandbox_env, scratch


def measure(n: int, options: list[str]) -> dict:
    corpus = corpus_of(n)
    with scratch(f"size-{n}-") as home:
        out = home / "out"
        measured = check(run_measured(astro_ie_run(corpus, out, *options), sandbox_env(home)))
        files = {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file()}
    total, input_bytes = sum(files.values()), corpus.stat().st_size
    largest = dict(sorted(files.items(), key=lambda kv: -kv[1]))
    result = {
        "abstracts": n,
        "input_bytes": input_bytes,
        "output_bytes": total,
        "ratio": round(total / input_bytes, 3),
        "wall_s": measured.wall_s,
        "files": largest,
    }
    print(f"n={n}: {result}", file=sys.stderr)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000])
    parser.add_argument("--options", nargs=argparse.REMAINDER, default=[], help="passed to astro-ie run")
    args = parser.parse_args()
    host = machine()
    emit(
        {
            "sizes": [measure(n, args.options) for n in args.sizes],
            "options": args.options,
            "measured": "sum of the published files' bytes / bytes of the input JSONL",
            "machine": host,
        }
    )


if __name__ == "__main__":
    main()
