"""Build a reproducible synthetic corpus of N abstracts from the default corpus.

Each synthetic abstract takes a title and 6-12 sentences sampled (fixed seed)
from the default corpus's abstracts, so the mix of entities, acronym
definitions and sentence lengths is that of real abstracts.

    python benchmarks/make_corpus.py 100000 --out benchmarks/work/corpus-100000.jsonl
    python benchmarks/make_corpus.py 20000 --years 2015-2024

With ``--years FIRST-LAST`` every record gets a ``date`` in those years (the
years take turns, so each has the same number of records, and the day is drawn
at random), and a known trend is planted on purpose, for tests and demos of the
time axis to recover: the share of each year's records that mention
**Kolmogorov-Arnold networks** (:data:`PLANTED_CONCEPT`, absent from the
default corpus; sampled sentences that name it are left out) rises linearly,
from :data:`PLANTED_FIRST_SHARE` in the first year to :data:`PLANTED_LAST_SHARE`
in the last (:func:`planted_share`). The records that mention it are spread
evenly over each year's turn, so of the first n records of a year
``floor(n * share)`` carry the sentence :data:`PLANTED_SENTENCE`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
from collections.abc import Iterator
from pathlib import Path

from astro_ie.ingest import read_abstracts
from astro_ie.models import Abstract

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "data" / "ml4astro-2024-book-of-abstracts.txt"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

PLANTED_CONCEPT = "technique:kolmogorov-arnold-network"
PLANTED_SENTENCE = "We compare our model with a Kolmogorov-Arnold network (KAN)."
PLANTED_FIRST_SHARE = 0.05
PLANTED_LAST_SHARE = 0.50
_PLANTED_FORMS = re.compile(r"kolmogorov|\bKANs?\b", re.IGNORECASE)


def planted_share(year: int, years: tuple[int, int]) -> float:
    """The share of ``year``'s records that mention the planted technique."""
    first, last = years
    if last == first:
        return PLANTED_FIRST_SHARE
    return PLANTED_FIRST_SHARE + (PLANTED_LAST_SHARE - PLANTED_FIRST_SHARE) * (year - first) / (last - first)


def parse_years(text: str) -> tuple[int, int]:
    """'2015-2024' -> (2015, 2024); '2020' -> (2020, 2020)."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", text)
    if not match or int(match[2] or match[1]) < int(match[1]):
        raise argparse.ArgumentTypeError(f"expected years like 2015-2024, got {text!r}")
    return int(match[1]), int(match[2] or match[1])


def synthetic_records(n: int, seed: int = 20240708, years: tuple[int, int] | None = None) -> Iterator[dict]:
    """``n`` records {id, title, abstract} (and ``date``, with ``years``), the same for the same arguments."""
    abstracts = list(read_abstracts([DEFAULT_CORPUS]))
    titles = [a.title for a in abstracts]
    sentences = [s.strip() for a in abstracts for s in _SENTENCE.split(a.abstract) if len(s.split()) > 3]
    if years:
        sentences = [s for s in sentences if not _PLANTED_FORMS.search(s)]
    rng = random.Random(seed)
    for i in range(n):
        body = " ".join(rng.choice(sentences) for _ in range(rng.randint(6, 12)))
        record = {"id": f"synthetic-{i:07d}", "title": rng.choice(titles), "abstract": body}
        if years:
            span = years[1] - years[0] + 1
            year, turn = years[0] + i % span, i // span
            share = planted_share(year, years)
            if math.floor((turn + 1) * share + 1e-9) > math.floor(turn * share + 1e-9):
                record["abstract"] = f"{body} {PLANTED_SENTENCE}"
            day = rng.randrange(365 + (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)))
            record["date"] = (dt.date(year, 1, 1) + dt.timedelta(days=day)).isoformat()
        yield record


def synthetic_abstracts(n: int, seed: int = 20240708, years: tuple[int, int] | None = None) -> list[Abstract]:
    return [Abstract(**record) for record in synthetic_records(n, seed, years)]


def make_corpus(n: int, out: Path, seed: int = 20240708, years: tuple[int, int] | None = None) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as handle:
        for record in synthetic_records(n, seed, years):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of abstracts")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=20240708)
    parser.add_argument(
        "--years",
        type=parse_years,
        default=None,
        help="FIRST-LAST: give records dates in these years, with a planted trend",
    )
    args = parser.parse_args()
    suffix = f"-{args.years[0]}-{args.years[1]}" if args.years else ""
    out = args.out or ROOT / "benchmarks" / "work" / f"corpus-{args.n}{suffix}.jsonl"
    print(make_corpus(args.n, out, args.seed, args.years))


if __name__ == "__main__":
    main()
