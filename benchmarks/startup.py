"""Start-up: building the spaCy pipeline from the ontology, cold and warm.

``build_pipeline`` loads and validates the ontology and tokenizes every alias
into ruler patterns; both are cached under the ontology's hash in
``ASTRO_IE_CACHE``. Each measurement is a fresh Python process (so no
in-memory state helps), with imports timed apart from the build:

* cold: an empty ``ASTRO_IE_CACHE``, as on a first run or after the ontology changed;
* warm: a second process on the cache the cold one left.

Each is repeated (a new empty cache for every cold run): ``cold_s`` and
``warm_s`` are the best, the medians and every run are printed too. Target:
< 2 s for both. The last line printed is JSON:
``{"cold_s", "warm_s", "import_s", "cold_median_s", "warm_median_s", ...}``.

    python benchmarks/startup.py [--repeats 3] [--ontology ontologies]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from harness import ROOT, emit, machine, sandbox_env, scratch

PROBE = """
import json, sys, time
started = time.perf_counter()
from astro_ie.nlp import build_pipeline
imported = time.perf_counter()
nlp = build_pipeline(sys.argv[1])
built = time.perf_counter()
print(json.dumps({"import_s": imported - started, "build_s": built - imported, "pipes": nlp.pipe_names}))
"""


def probe(ontology: Path, home: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(ontology)],
        env=sandbox_env(home),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit("startup probe failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--ontology", type=Path, default=ROOT / "ontologies")
    args = parser.parse_args()

    host = machine()
    cold, warm, imports = [], [], []
    for _ in range(args.repeats):
        with scratch("startup-") as home:
            first = probe(args.ontology.resolve(), home)
            second = probe(args.ontology.resolve(), home)
        cold.append(first["build_s"])
        warm.append(second["build_s"])
        imports += [first["import_s"], second["import_s"]]
        print(
            f"cold {first['build_s']:.3f} s, warm {second['build_s']:.3f} s, "
            f"imports {first['import_s']:.3f}/{second['import_s']:.3f} s",
            file=sys.stderr,
        )
    emit(
        {
            "cold_s": round(min(cold), 3),
            "warm_s": round(min(warm), 3),
            "import_s": round(min(imports), 3),
            "cold_median_s": round(statistics.median(cold), 3),
            "warm_median_s": round(statistics.median(warm), 3),
            "cold_all_s": [round(x, 3) for x in cold],
            "warm_all_s": [round(x, 3) for x in warm],
            "machine": host,
        }
    )


if __name__ == "__main__":
    main()
