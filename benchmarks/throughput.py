"""Throughput of the extraction pipeline against bare spaCy tokenization.

Both are measured in this process on the same texts: the baseline is
``spacy.blank("en")`` tokenizing; the pipeline is everything extraction does
(tokenizer, sentencizer, abbreviations, ontology ruler, candidates, linker,
building the records). Each is timed three times, alternating, and the best
run counts. The last line printed is JSON:
``{"baseline_wps", "pipeline_wps", "ratio"}``.

    python benchmarks/throughput.py [--n 2000]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy
from make_corpus import synthetic_abstracts  # this folder is on sys.path when run as a script

from pipeline.extract import Extractor, compose_text

ROOT = Path(__file__).resolve().parent.parent


def words_per_second(run, texts: list[str], words: int) -> float:
    started = time.perf_counter()
    run(texts)
    return words / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="synthetic abstracts to process")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--ontology", type=Path, default=ROOT / "ontologies")
    args = parser.parse_args()

    abstracts = synthetic_abstracts(args.n)
    texts = [compose_text(a)[0] for a in abstracts]
    words = sum(len(t.split()) for t in texts)
    blank = spacy.blank("en")
    extractor = Extractor(args.ontology)

    def baseline(batch: list[str]) -> None:
        for _ in blank.pipe(batch, batch_size=64):
            pass

    def pipeline(batch: list[str]) -> None:
        for _ in extractor.tag_lines(abstracts, batch_size=64):
            pass

    extractor.tag_batch(abstracts[:50])  # warm the vocabulary of both
    baseline(texts[:50])
    base, full = 0.0, 0.0
    for _ in range(args.repeats):
        base = max(base, words_per_second(baseline, texts, words))
        full = max(full, words_per_second(pipeline, texts, words))
    print(f"{len(texts)} abstracts, {words} words")
    print(json.dumps({"baseline_wps": round(base), "pipeline_wps": round(full), "ratio": round(full / base, 3)}))


if __name__ == "__main__":
    main()
