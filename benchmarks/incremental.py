"""An update against a full run: does ``--update`` tag only what is new?

Makes the synthetic corpus of N + EXTRA abstracts, runs ``astro-ie run`` over
its first N into a directory, then ``astro-ie run --update`` with the last
EXTRA, and a full run over all N + EXTRA for comparison (each with a fresh batch
cache). All three share one ``PREFECT_HOME``, as a user's daily runs do, so
the update pays no Prefect database creation; only the first run does. Target: adding 1,000 abstracts to a 300,000-abstract output takes
<= 10 % of the full run's wall time. Also checks that both directories hold the
same bytes (manifest.json aside). The last line printed is JSON.

    python benchmarks/incremental.py --size 20000 --extra 1000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from harness import astro_ie_run, check, corpus_of, emit, machine, run_measured, sandbox_env, scratch


def digests(directory: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.iterdir())
        if p.is_file() and p.name not in ("manifest.json", "run.json")
    }


def timings(directory: Path) -> dict:
    return json.loads((directory / "run.json").read_text(encoding="utf-8"))["timings_seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--extra", type=int, default=1_000)
    args = parser.parse_args()
    host = machine()
    corpus = corpus_of(args.size + args.extra)
    with scratch("incremental-") as home:
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        base, new = home / "base.jsonl", home / "new.jsonl"
        base.write_text("".join(lines[: args.size]), encoding="utf-8")
        new.write_text("".join(lines[args.size :]), encoding="utf-8")
        env = sandbox_env(home)
        first = check(run_measured(astro_ie_run(base, home / "out", "--cache-dir", str(home / "c1")), env))
        update = check(run_measured(astro_ie_run(new, home / "out", "--update", "--cache-dir", str(home / "c2")), env))
        update_stages = timings(home / "out")
        full = check(run_measured(astro_ie_run(corpus, home / "full", "--cache-dir", str(home / "c3")), env))
        identical = digests(home / "out") == digests(home / "full")
        output_bytes = sum(p.stat().st_size for p in (home / "full").iterdir() if p.is_file())
        result = {
            "size": args.size,
            "extra": args.extra,
            "first_run_s": first.wall_s,
            "update_s": update.wall_s,
            "full_run_s": full.wall_s,
            "update_over_full": round(update.wall_s / full.wall_s, 3),
            "update_stages_s": update_stages,
            "full_stages_s": timings(home / "full"),
            "output_bytes": output_bytes,
            "input_bytes": corpus.stat().st_size,
            "byte_identical": identical,
            "machine": host,
        }
    print(result, file=sys.stderr)
    emit(result)


if __name__ == "__main__":
    main()
