"""Train astro-ie's name model (:mod:`astro_ie.names_model`) on the project's own gold, and measure it honestly.

Every development gold set in ``tests/fixtures/`` (the dev gold over the
default corpus, ``unseen/``, ``heldout/``, ``final/``; never the blind
``measure/`` sets, which only measure) is tagged by the rules;
each candidate the model would see is labelled with the gold type of its form
in that record (``O`` if it is no gold form; borderline forms are left out).

Leave-one-set-out cross-validation: for each set, a model is trained on all the
other sets and the set is scored with the project's metric, rules alone and
rules + model. The threshold used on a held-out set is the one that gives the
most net entities (true minus false positives) on the out-of-fold predictions
of the *other* sets, so the held-out set picks neither its weights nor its
threshold. The shipped model is trained on every set, with the threshold
chosen the same way on all out-of-fold predictions.

    python benchmarks/train_names.py [--out pipeline/names_model.json] [--check]

``--check`` writes nothing and fails if the weights it makes differ from the
file's bytes. The last line printed is JSON: per-set figures with and without
the model, the threshold, and whether the model earns its place
(``on_by_default``: a pooled gain in micro or SOFTWARE F1 of at least 0.005, no pooled loss, and no set
losing more than 0.005 micro or SOFTWARE F1).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from astro_ie import evaluate
from astro_ie.candidates import candidate_id
from astro_ie.extract import Extractor
from astro_ie.ingest import read_abstracts
from astro_ie.models import Abstract
from astro_ie.names_model import OUTSIDE, NameModel, decode, examples

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by the tests
from peer import read_records  # the sets' reader the peer benchmark uses

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BOOK = ROOT / "data" / "ml4astro-2024-book-of-abstracts.txt"
OUT = ROOT / "pipeline" / "names_model.json"
CLASSES = [OUTSIDE, "DATASET", "SOFTWARE", "SURVEY", "TECHNIQUE", "TELESCOPE"]
MIN_COUNT = 5  # a feature seen in fewer training candidates gets no weight
C = 0.5  # inverse L2 strength
THRESHOLDS = [round(0.30 + 0.05 * i, 2) for i in range(14)]  # 0.30 .. 0.95
MAX_LOSS = 0.005  # on by default only if no set loses more, and the pooled gain is at least as large
DIGITS = 3
MIN_WEIGHT = 0.02


def gold_sets() -> dict[str, tuple[list[Abstract], Path]]:
    """Name -> (records, gold file), in a fixed order."""
    gold = FIXTURES / "seed-dev.jsonl"
    ids = set(evaluate.load_gold(gold))
    sets = {"dev": ([a for a in read_abstracts([BOOK]) if a.id in ids], gold)}
    for folder in ("unseen", "heldout", "final"):  # measure/: blind, never trained on
        for path in sorted((FIXTURES / folder).glob("*.gold.jsonl")):
            records = path.with_name(path.name.replace(".gold.jsonl", ".jsonl"))
            if records.exists():
                sets[records.stem] = (read_records(records), path)
    return sets


class Record:
    """One gold record as the rules tagged it: their mentions, the model's candidates and their labels."""

    def __init__(
        self,
        rules: list,
        cands: list,
        feats: list[list[str]],
        labels: list[str],
        training: tuple[list[list[str]], list[str]],
    ) -> None:
        self.rules = rules
        self.cands = cands  # what the model may tag in use, with their features and gold labels
        self.feats = feats
        self.labels = labels
        self.training = training  # every candidate, over the rules' entities too: (features, labels)


def tag_sets(sets: dict) -> dict[str, tuple[list[Record], dict]]:
    extractor = Extractor(ROOT / "ontologies")
    out = {}
    for name, (records, gold_path) in sets.items():
        gold = evaluate.load_gold(gold_path)
        tagged = []
        docs = ((extractor.make_doc(a), a) for a in records)
        for doc, abstract in extractor.nlp.pipe(docs, as_tuples=True):
            rec = extractor.record_dict(doc, abstract)
            rules = [evaluate.PredictedMention(e["text"], e["label"], e["concept_id"]) for e in rec["entities"]]
            forms: dict[str, str] = {}
            borderline = set()
            for ent in gold.get(abstract.id, []):
                if ent.borderline:
                    borderline.add(ent.form)
                else:
                    forms.setdefault(ent.form, ent.type)
            cands, feats, labels, all_feats, all_labels = [], [], [], [], []
            for cand, f, usable in examples(doc, everywhere=True):
                form = evaluate.fold(cand.text)
                # a borderline form is ignored by the metric: no lesson either way
                label = None if form in borderline and form not in forms else forms.get(form, OUTSIDE)
                all_feats.append(f)
                all_labels.append(label)
                if usable:
                    cands.append(cand)
                    feats.append(f)
                    labels.append(label)
            tagged.append(Record(rules, cands, feats, labels, (all_feats, all_labels)))
        out[name] = (tagged, gold)
    return out


def fit(records: list[Record]) -> tuple[list[str], numpy.ndarray, numpy.ndarray]:
    """(features, coefficients classes x features, intercepts) of a logistic regression on these records."""
    counts: Counter = Counter()
    rows, ys = [], []
    for rec in records:
        for f, y in zip(*rec.training):
            if y is None:
                continue
            counts.update(set(f))
            rows.append(f)
            ys.append(CLASSES.index(y))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT and f != "bias")
    index = {f: i for i, f in enumerate(vocab)}
    indptr, indices = [0], []
    for f in rows:
        cols = sorted({index[x] for x in f if x in index})
        indices.extend(cols)
        indptr.append(len(indices))
    x = csr_matrix((numpy.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))
    y = numpy.array(ys)
    model = LogisticRegression(C=C, max_iter=1000)
    model.fit(x, y)
    coef = numpy.zeros((len(CLASSES), len(vocab)))
    intercept = numpy.zeros(len(CLASSES))
    coef[model.classes_] = model.coef_
    intercept[model.classes_] = model.intercept_
    intercept[[k for k in range(len(CLASSES)) if k not in set(model.classes_)]] = -30.0  # a class never seen
    return vocab, coef, intercept


def shipped(vocab: list[str], coef: numpy.ndarray, intercept: numpy.ndarray) -> dict[str, list[float]]:
    """The weights as shipped: rounded to ``DIGITS``, features whose every weight is under ``MIN_WEIGHT`` dropped.

    Cross-validation scores this form too, so its figures are those of the file, not of the fitted model.
    """
    weights = {"bias": [round(float(v), DIGITS) for v in intercept]}
    for i, f in enumerate(vocab):
        row = [round(float(v), DIGITS) for v in coef[:, i]]
        if any(abs(v) >= MIN_WEIGHT for v in row):
            weights[f] = row
    return weights


def to_json(vocab: list[str], coef: numpy.ndarray, intercept: numpy.ndarray, threshold: float) -> str:
    """The shipped weights file: keys sorted, compact (the same bytes every time)."""
    weights = shipped(vocab, coef, intercept)
    data = {
        "classes": CLASSES,
        "threshold": threshold,
        "weights": weights,
        "trained_on": "astro-ie gold sets in tests/fixtures (benchmarks/train_names.py)",
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def probabilities(model: NameModel, feats: list[str]) -> list[float]:
    return model.probabilities(feats)


def additions(rec: Record, probs: list[list[float]], threshold: float) -> list[evaluate.PredictedMention]:
    chosen = decode(list(zip(rec.cands, probs)), CLASSES, threshold)
    return [evaluate.PredictedMention(c.text, label, candidate_id(c.text)) for c, label, _p in chosen]


def scores(records: list[Record], gold: dict, ids: list[str], probs: list | None, threshold: float) -> dict:
    predictions = {}
    for rid, rec, p in zip(ids, records, probs or [None] * len(records)):
        predictions[rid] = rec.rules + (additions(rec, p, threshold) if p is not None else [])
    ev = evaluate.score(gold, predictions, top=0)
    return {
        "micro_f1": round(ev.micro.f1, 4),
        "software_f1": round(ev.labels["SOFTWARE"].f1, 4),
        "dataset_f1": round(ev.labels["DATASET"].f1, 4),
        "counts": {k: [v.tp, v.fp, v.fn] for k, v in sorted(ev.labels.items())},
    }


def net(rec_probs: list[tuple[Record, list]], threshold: float) -> int:
    """True minus false positives the model adds (distinct forms per record, as the metric counts)."""
    total = 0
    for rec, probs in rec_probs:
        by_form = {}
        for cand, label, _p in decode(list(zip(rec.cands, probs)), CLASSES, threshold):
            by_form[evaluate.fold(cand.text)] = label
        gold = {evaluate.fold(c.text): y for c, y in zip(rec.cands, rec.labels)}
        for form, label in by_form.items():
            y = gold.get(form)
            if y is None:
                continue
            total += 1 if y == label else -1
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    args = parser.parse_args()

    sets = gold_sets()
    ids = {name: [a.id for a in records] for name, (records, _) in sets.items()}
    tagged = tag_sets(sets)
    names = list(tagged)
    positives = Counter(y for recs, _ in tagged.values() for r in recs for y in r.labels if y not in (None, OUTSIDE))
    print(
        f"sets {len(names)}, candidates {sum(len(r.cands) for recs, _ in tagged.values() for r in recs)}, "
        f"positive {dict(positives)}",
        file=sys.stderr,
    )

    # Out-of-fold probabilities: each set scored by the model trained on the others.
    oof: dict[str, list[list[list[float]]]] = {}
    for name in names:
        train = [r for other in names if other != name for r in tagged[other][0]]
        model = NameModel(CLASSES, shipped(*fit(train)), 0.5)
        oof[name] = [[probabilities(model, f) for f in rec.feats] for rec in tagged[name][0]]

    table = {}
    for name in names:
        others = [(r, p) for other in names if other != name for r, p in zip(tagged[other][0], oof[other])]
        threshold = max(THRESHOLDS, key=lambda t: (net(others, t), t))
        recs, gold = tagged[name]
        without = scores(recs, gold, ids[name], None, threshold)
        with_model = scores(recs, gold, ids[name], oof[name], threshold)
        table[name] = {
            "threshold": threshold,
            "without": without,
            "with": with_model,
            "delta_micro_f1": round(with_model["micro_f1"] - without["micro_f1"], 4),
            "delta_software_f1": round(with_model["software_f1"] - without["software_f1"], 4),
        }
        for rec, probs in zip(recs, oof[name]):
            gold_of = {evaluate.fold(c.text): y for c, y in zip(rec.cands, rec.labels)}
            for cand, label, p in decode(list(zip(rec.cands, probs)), CLASSES, threshold):
                print(
                    f"  + {cand.text!r} {label} {p:.2f} gold={gold_of.get(evaluate.fold(cand.text))}", file=sys.stderr
                )
        print(
            f"{name:22s} t={threshold:.2f} micro {without['micro_f1']:.3f} -> {with_model['micro_f1']:.3f}  "
            f"SOFTWARE {without['software_f1']:.3f} -> {with_model['software_f1']:.3f}  "
            f"DATASET {without['dataset_f1']:.3f} -> {with_model['dataset_f1']:.3f}",
            file=sys.stderr,
        )

    everything = [(r, p) for name in names for r, p in zip(tagged[name][0], oof[name])]
    threshold = max(THRESHOLDS, key=lambda t: (net(everything, t), t))
    print("net by threshold", {t: net(everything, t) for t in THRESHOLDS}, file=sys.stderr)
    vocab, coef, intercept = fit([r for name in names for r in tagged[name][0]])
    text = to_json(vocab, coef, intercept, threshold)
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        if not same:
            print(f"astro-ie: error: {args.out} differs from the weights this training makes", file=sys.stderr)
    else:
        args.out.write_text(text, encoding="utf-8")
        same = True

    def pooled(key: str) -> dict:
        totals = Counter()
        for row in table.values():
            for label, (tp, fp, fn) in row[key]["counts"].items():
                totals[label, "tp"] += tp
                totals[label, "fp"] += fp
                totals[label, "fn"] += fn
        out = {}
        for label in ("SOFTWARE", "DATASET"):
            tp, fp, fn = totals[label, "tp"], totals[label, "fp"], totals[label, "fn"]
            out[label] = round(2 * tp / max(2 * tp + fp + fn, 1), 4)
        micro = [totals[label, k] for k in ("tp", "fp", "fn") for label in evaluate.MICRO_LABELS]
        tp, fp, fn = sum(micro[0:4]), sum(micro[4:8]), sum(micro[8:12])
        out["micro"] = round(2 * tp / max(2 * tp + fp + fn, 1), 4)
        return out

    overall = {"without": pooled("without"), "with": pooled("with")}
    gain = max(overall["with"][k] - overall["without"][k] for k in ("micro", "SOFTWARE"))
    loss = min(overall["with"][k] - overall["without"][k] for k in ("micro", "SOFTWARE", "DATASET"))
    worst = min(row["delta_micro_f1"] for row in table.values())
    worst_software = min(row["delta_software_f1"] for row in table.values())
    result = {
        "sets": {name: {k: v for k, v in row.items()} for name, row in table.items()},
        "pooled": overall,
        "worst_delta_micro_f1": worst,
        "worst_delta_software_f1": worst_software,
        "threshold": threshold,
        "features": len(json.loads(text)["weights"]),
        "pooled_gain": round(gain, 4),
        "on_by_default": bool(gain >= MAX_LOSS and loss >= 0 and worst >= -MAX_LOSS and worst_software >= -MAX_LOSS),
        "weights_match": same,
    }
    for row in result["sets"].values():
        for key in ("with", "without"):
            row[key].pop("counts")
    print(json.dumps(result, sort_keys=True))
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
