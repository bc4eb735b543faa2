"""How far can a tool go on the measurement sets? The agreement of their two annotators.

Every set of ``tests/fixtures/measure/`` was annotated twice, apart:
``X.gold.jsonl`` (first annotator) and ``X.gold-b.jsonl`` (second). Each
gold's scored (not borderline) entities are read as predictions and scored
against the other gold with the project's metric (:mod:`astro_ie.evaluate`,
SCORING.md), both ways; the mean of the two micro F1 is the set's agreement.
A tool scored against one annotator cannot be expected to go much above what
the other annotator reaches. The last line printed is JSON:
``{"sets": {name: {"b_on_a": scores, "a_on_b": scores, "agreement_f1"}}}``.

    python benchmarks/agreement.py [--sets tests/fixtures/measure]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from harness import emit

from astro_ie import evaluate

ROOT = Path(__file__).resolve().parent.parent


def as_predictions(gold: dict[str, list[evaluate.GoldEntity]]) -> dict[str, list[evaluate.PredictedMention]]:
    return {
        rid: [evaluate.PredictedMention(e.text, e.type) for e in entities if not e.borderline]
        for rid, entities in gold.items()
    }


def scores(evaluation: evaluate.Evaluation) -> dict:
    labels = {label: round(s.f1, 3) for label, s in sorted(evaluation.labels.items())}
    micro = evaluation.micro
    return {
        "precision": round(micro.precision, 3),
        "recall": round(micro.recall, 3),
        "f1": round(micro.f1, 3),
        "labels_f1": labels,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=Path, default=ROOT / "tests" / "fixtures" / "measure")
    args = parser.parse_args()
    result: dict = {"sets": {}}
    for second in sorted(args.sets.glob("*.gold-b.jsonl")):
        name = second.name.removesuffix(".gold-b.jsonl")
        a = evaluate.load_gold(second.with_name(f"{name}.gold.jsonl"))
        b = evaluate.load_gold(second)
        b_on_a = evaluate.score(a, as_predictions(b), top=0)
        a_on_b = evaluate.score(b, as_predictions(a), top=0)
        result["sets"][name] = {
            "b_on_a": scores(b_on_a),
            "a_on_b": scores(a_on_b),
            "agreement_f1": round((b_on_a.micro.f1 + a_on_b.micro.f1) / 2, 3),
        }
        print(f"{name}: agreement micro F1 {result['sets'][name]['agreement_f1']}", file=sys.stderr)
    emit(result)


if __name__ == "__main__":
    main()
