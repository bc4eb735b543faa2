"""CPU seconds of each graph writer on the four views of a run: the tail after the last batch.

Reads the digest a run saved (``digest-state.json.gz`` in its output directory),
builds the four views and times every writer of :data:`astro_ie.graph.WRITERS`
with ``time.process_time`` (best of ``--repeat``, written into a scratch
directory as ``write_exports`` does). With ``--reference`` the whole-tree
writers networkx offers are timed beside them (GEXF through ``GEXFWriter``,
node-link JSON through ``nx.node_link_data`` + the JSON encoder), and the bytes
are checked equal. The last line printed is JSON.

    astro-ie run corpus-20000.jsonl --out work/out-20000
    python benchmarks/graph_exports.py work/out-20000 --reference
"""

from __future__ import annotations

import argparse
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

REFERENCES = {".gexf": graph._write_gexf_networkx, ".json": graph._write_node_link_networkx}
"""The networkx paths the direct writers replaced: what a run spent before."""


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
    parser.add_argument("--reference", action="store_true", help="also time the networkx paths, check the bytes")
    args = parser.parse_args()
    concepts = load_ontology(args.ontology or default_ontology_dir()).concepts
    digest = CorpusDigest.from_state(read_state(args.out)["digest"], concepts)
    views = graph.views_from_digest(digest)
    result: dict = {"abstracts": digest.abstracts, "machine": machine(), "views": {}}
    totals = {"writers": 0.0, "reference": 0.0}
    with tempfile.TemporaryDirectory(prefix="graph-exports-") as scratch:
        for name, G in views.items():
            row: dict = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "cpu_s": {}}
            for suffix, writer in graph.WRITERS.items():
                path = Path(scratch) / f"{name}{suffix}"
                row["cpu_s"][suffix] = best_of(writer, G, path, args.repeat)
                totals["writers"] += row["cpu_s"][suffix]
                reference = REFERENCES.get(suffix) if args.reference else None
                if reference is not None:
                    ours = path.read_bytes()
                    row.setdefault("networkx_cpu_s", {})[suffix] = best_of(reference, G, path, args.repeat)
                    totals["reference"] += row["networkx_cpu_s"][suffix] - row["cpu_s"][suffix]
                    if path.read_bytes() != ours:
                        sys.exit(f"{name}{suffix}: the direct writer's bytes differ from networkx's")
            result["views"][name] = row
            print(name, row, file=sys.stderr)
    result["writers_cpu_s"] = round(totals["writers"], 3)
    if args.reference:
        result["networkx_writers_cpu_s"] = round(totals["writers"] + totals["reference"], 3)
    emit(result)


if __name__ == "__main__":
    main()
