"""Throughput of the extraction pipeline against bare spaCy tokenization.

Both are measured in this process on the same texts: the baseline is
``spacy.blank("en")`` tokenizing; the pipeline is everything extraction does
(tokenizer, abbreviations, ontology ruler, candidates, linker,
building the records). Each is timed three times, alternating, and the best
run counts.

Then each stage is timed on its own over the same abstracts (best of the
repeats, in seconds per 1,000 abstracts), and so is the *floor*: what any
ontology-driven spaCy pipeline writing these records must spend, whatever its
rules: tokenizing, the ruler's two ``PhraseMatcher`` passes, setting
``doc.ents`` and encoding the JSON line. ``floor_ratio`` is the ratio a
pipeline doing only that would reach. The last line printed is JSON:
``{"baseline_wps", "pipeline_wps", "ratio", "floor_ratio", "stages_s_per_1000"}``.

    python benchmarks/throughput.py [--n 2000]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy
from make_corpus import synthetic_abstracts  # this folder is on sys.path when run as a script

from astro_ie.extract import Extractor, compose_text
from astro_ie.models import json_line

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
    stages = stage_seconds(extractor, abstracts, args.repeats)
    floor = sum(stages[name] for name in FLOOR)
    per_1000 = {name: round(seconds * 1000 / len(abstracts), 3) for name, seconds in stages.items()}
    print(f"{len(texts)} abstracts, {words} words; seconds per 1,000 abstracts: {per_1000}")
    print(
        json.dumps(
            {
                "baseline_wps": round(base),
                "pipeline_wps": round(full),
                "ratio": round(full / base, 3),
                "floor_ratio": round(words / floor / base, 3),
                "stages_s_per_1000": per_1000,
            }
        )
    )


FLOOR = ("tokenize", "phrase_matchers", "set_ents", "json_line")


def stage_seconds(extractor: Extractor, abstracts: list, repeats: int) -> dict[str, float]:
    """Seconds each stage takes over all the abstracts (best of ``repeats``), stage by stage.

    The docs go through the components one at a time, as ``nlp.pipe`` would
    take them. ``phrase_matchers`` and ``set_ents`` are parts of the floor: the
    ruler's matchers alone, and ``doc.ents`` set again to the entities the
    linker chose.
    """
    nlp = extractor.nlp
    index = nlp.get_pipe("astro_ontology_ruler").index
    best: dict[str, float] = {}

    def timed(name: str, run) -> None:
        started = time.perf_counter()
        run()
        best[name] = min(best.get(name, float("inf")), time.perf_counter() - started)

    for _ in range(repeats):
        docs: list = []
        timed("tokenize", lambda docs=docs: docs.extend(extractor.make_doc(a) for a in abstracts))
        for name, component in nlp.pipeline:
            timed(name, lambda component=component, docs=docs: [component(doc) for doc in docs])
        timed("records", lambda docs=docs: [json_line(extractor.record_dict(d, a)) for d, a in zip(docs, abstracts)])
        timed("phrase_matchers", lambda docs=docs: [(index.insensitive(doc), index.sensitive(doc)) for doc in docs])
        ents = [doc.ents for doc in docs]
        timed("set_ents", lambda docs=docs, ents=ents: [setattr(doc, "ents", e) for doc, e in zip(docs, ents)])
        records = [extractor.record_dict(d, a) for d, a in zip(docs, abstracts)]
        timed("json_line", lambda records=records: [json_line(record) for record in records])
    return best


if __name__ == "__main__":
    main()
