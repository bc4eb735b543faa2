"""Build a reproducible synthetic corpus of N abstracts from the default corpus.

Each synthetic abstract takes a title and 6-12 sentences sampled (fixed seed)
from the default corpus's abstracts, so the mix of entities, acronym
definitions and sentence lengths is that of real abstracts.

    python benchmarks/make_corpus.py 100000 --out benchmarks/work/corpus-100000.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from astro_ie.ingest import read_abstracts
from astro_ie.models import Abstract

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "data" / "ml4astro-2024-book-of-abstracts.txt"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def synthetic_records(n: int, seed: int = 20240708):
    """``n`` records {id, title, abstract}, the same for the same ``n`` and ``seed``."""
    abstracts = list(read_abstracts([DEFAULT_CORPUS]))
    titles = [a.title for a in abstracts]
    sentences = [s.strip() for a in abstracts for s in _SENTENCE.split(a.abstract) if len(s.split()) > 3]
    rng = random.Random(seed)
    for i in range(n):
        body = " ".join(rng.choice(sentences) for _ in range(rng.randint(6, 12)))
        yield {"id": f"synthetic-{i:07d}", "title": rng.choice(titles), "abstract": body}


def synthetic_abstracts(n: int, seed: int = 20240708) -> list[Abstract]:
    return [Abstract(**record) for record in synthetic_records(n, seed)]


def make_corpus(n: int, out: Path, seed: int = 20240708) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        for record in synthetic_records(n, seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of abstracts")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=20240708)
    args = parser.parse_args()
    out = args.out or ROOT / "benchmarks" / "work" / f"corpus-{args.n}.jsonl"
    print(make_corpus(args.n, out, args.seed))


if __name__ == "__main__":
    main()
