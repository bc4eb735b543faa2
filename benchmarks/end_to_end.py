"""Whole run against tagging alone: how close does ``astro-ie run`` come to the speed of its tagger?

Makes (or reuses) the synthetic corpus of N abstracts, runs ``astro-ie run``
over it (``--workers 1``, a fresh batch cache) and divides the corpus's words
by the wall time; then tags the same abstracts in this process with
:class:`astro_ie.extract.Extractor` (``tag_lines``: the tagger and the JSON
lines, nothing else) and divides the same words by that time. Words are
whitespace-separated tokens of each record's text (title and abstract).
Target: whole-run words/s >= 0.8x tagging-only words/s at 300,000 abstracts.
Also prints the run's stage timings (``run.json``) and the seconds of tagging it
logged, so the costs besides tagging can be told apart, and the CPU seconds
of both (the run's whole process tree: CLI, Prefect's server, the side
process that ingests and writes the outputs), which a busy shared machine
disturbs less than wall times. ``ratio_after_start_up`` leaves out the run's
start-up (wall time before the first stage and after the last), a fixed cost
whose share shrinks with the corpus. ``side_process_s`` is what the side
process (``astro_ie.sidecar``) logged: seconds waiting for tagged parts, of its
corpus pass, after the last part, and of the graphs. The last line printed is JSON.

The timed run finds a Prefect home that exists (``--prefect-home existing``,
the default): before it, a run over the default corpus in the same home
creates Prefect's database, as a user's first run does once, so the figure is
that of every run after it (a daily run, ``serve``). ``--prefect-home fresh``
times a machine's very first run, database creation included.

    python benchmarks/end_to_end.py --size 20000
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time

from harness import astro_ie_run, check, corpus_of, emit, machine, run_measured, sandbox_env, scratch

from astro_ie.extract import Extractor, compose_text
from astro_ie.ingest import read_abstracts
from astro_ie.resources import default_corpus, default_ontology_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--prefect-home", choices=("existing", "fresh"), default="existing",
                        help="time a run after Prefect's database exists (default), or the first run of a machine")
    args = parser.parse_args()
    host = machine()
    corpus = corpus_of(args.size)
    abstracts = list(read_abstracts([corpus]))
    words = sum(len(compose_text(a)[0].split()) for a in abstracts)
    with scratch("end-to-end-") as home:
        if args.prefect_home == "existing":
            check(run_measured(astro_ie_run(default_corpus(), home / "first"), sandbox_env(home)))
        run = check(
            run_measured(astro_ie_run(corpus, home / "out", "--cache-dir", str(home / "cache")), sandbox_env(home))
        )
        stages = json.loads((home / "out" / "run.json").read_text(encoding="utf-8"))["timings_seconds"]
    logged = re.search(r"([\d.]+) s of tagging", run.stdout + run.stderr)
    side = re.search(r"outputs: written beside tagging \(([\d.]+) s waiting for tagged parts, ([\d.]+) s of the "
                     r"corpus pass\), ([\d.]+) s after the last part \(graphs ([\d.]+) s\)", run.stdout + run.stderr)
    extractor = Extractor(default_ontology_dir())
    started, cpu = time.perf_counter(), time.process_time()
    for _ in extractor.tag_lines(abstracts):
        pass
    tagging_s = time.perf_counter() - started
    tagging_cpu_s = time.process_time() - cpu
    staged_s = sum(stages.values())
    result = {
        "size": args.size,
        "prefect_home": args.prefect_home,
        "words": words,
        "whole_run_s": run.wall_s,
        "tagging_only_s": round(tagging_s, 3),
        "whole_run_wps": round(words / run.wall_s),
        "tagging_only_wps": round(words / tagging_s),
        "ratio": round(tagging_s / run.wall_s, 3),
        "ratio_after_start_up": round(tagging_s / staged_s, 3),
        "start_up_s": round(run.wall_s - staged_s, 3),
        "run_stages_s": stages,
        "run_tagging_s": float(logged[1]) if logged else None,
        "side_process_s": dict(zip(("waiting", "corpus_pass", "after_last_part", "graphs"), map(float, side.groups())))
        if side else None,
        "run_cpu_s": run.tree_cpu_s,
        "tagging_only_cpu_s": round(tagging_cpu_s, 3),
        "others_cpu_s": run.others_cpu_s,
        "machine": host,
    }
    print(result, file=sys.stderr)
    emit(result)


if __name__ == "__main__":
    main()
