"""CPU seconds of each graph writer on the four views of a run: the tail after the last batch.

Reads the digest a run saved (``digest-state.json.gz`` in its output directory),
builds the four views and times every writer of :data:`astro_ie.graph.WRITERS`
with ``time.process_time`` (best of ``--repeat``, written into a scratch
directory as ``write_exports`` does). With ``--before REV`` the writers of
``pipeline/graph.py`` at that git revision are timed beside them, and every
file's bytes are checked equal. The last line printed is JSON.

    astro-ie run corpus-20000.jsonl --out work/out-20000
    python benchmarks/graph_exports.py work/out-20000 --before f8b36db
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import emit, machine

from astro_ie import graph
from astro_ie.corpus import read_state
from astro_ie.digest import CorpusDigest
from astro_ie.io import atomic_open
from astro_ie.ontology import load_ontology
from astro_ie.resources import default_ontology_dir

ROOT = Path(__file__).resolve().parent.parent


def writers_at(revision: str) -> dict:
    """:data:`astro_ie.graph.WRITERS` as ``pipeline/graph.py`` had them at ``revision``."""
    source = subprocess.run(["git", "show", f"{revision}:pipeline/graph.py"], cwd=ROOT, check=True,
                            capture_output=True).stdout
    path = Path(tempfile.mkdtemp(prefix="graph-before-")) / "graph_before.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("astro_ie.graph_before", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # relative imports resolve inside astro_ie
    return module.WRITERS


def best_of(writer, G, path: Path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        with atomic_open(path) as handle:
            writer(G, handle)
        best = min(best, time.process_time() - start)
    return round(best, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a run's output directory (with digest-state.json.gz)")
    parser.add_argument("--ontology", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", metavar="REV", help="also time the writers at this git revision, check the bytes")
    args = parser.parse_args()
    concepts = load_ontology(args.ontology or default_ontology_dir()).concepts
    digest = CorpusDigest.from_state(read_state(args.out)["digest"], concepts)
    views = graph.views_from_digest(digest)
    result: dict = {"abstracts": digest.abstracts, "machine": machine(), "views": {}}
    before = writers_at(args.before) if args.before else {}
    totals = {"writers": 0.0, "before": 0.0}
    with tempfile.TemporaryDirectory(prefix="graph-exports-") as scratch:
        for name, G in views.items():
            row: dict = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "cpu_s": {}}
            for suffix, writer in graph.WRITERS.items():
                path = Path(scratch) / f"{name}{suffix}"
                row["cpu_s"][suffix] = best_of(writer, G, path, args.repeat)
                totals["writers"] += row["cpu_s"][suffix]
                if suffix in before:
                    ours = path.read_bytes()
                    row.setdefault("before_cpu_s", {})[suffix] = best_of(before[suffix], G, path, args.repeat)
                    totals["before"] += row["before_cpu_s"][suffix]
                    if path.read_bytes() != ours:
                        sys.exit(f"{name}{suffix}: the bytes differ from those of {args.before}")
            result["views"][name] = row
            print(name, row, file=sys.stderr)
    result["writers_cpu_s"] = round(totals["writers"], 3)
    if args.before:
        result["before"] = args.before
        result["before_writers_cpu_s"] = round(totals["before"], 3)
    emit(result)


if __name__ == "__main__":
    main()
