"""Scoring a ``corpus.jsonl`` against hand-annotated gold, exactly as SCORING.md says.

The metric is the one in ``docs/SCORING.md`` (annotation rules in
GUIDELINE.md); this module is its one implementation, so that every number the
project reports means the same thing. Linking is scored with B-cubed (A. Bagga and
B. Baldwin, "Algorithms for Scoring Coreference Chains", LREC 1998 Workshop on
Linguistic Coreference), which rewards putting each concept in one cluster and
penalises both splitting a concept over several ids and merging concepts under one.

Three plain functions and one result, so that a test or the CLI can use each alone:
``load_gold`` and ``load_predictions`` read and check the files (raising
:class:`~pipeline.errors.EvaluationError` with ``file:line``), ``score`` is a pure
function of what they return, and :class:`Evaluation` prints itself as a table or a
JSON-ready dict.

Extraction, per abstract (SCORING.md):

* every surface form is *folded*: white-space runs collapsed to one space, stripped,
  lower-cased;
* a *gold form* is the folded text of a non-borderline gold entity, accepted with any
  label in ``{type} ∪ alt_types``; a *borderline form* is the folded text of a
  borderline entity;
* the prediction is the set of distinct (folded mention, label) pairs, so a mention
  repeated in an abstract counts once;
* a pair is a true positive (TP) if its form is a gold form accepting its label; it
  is ignored if its form is a borderline form; otherwise it is a false positive (FP);
* a gold form with no TP is a false negative (FN). Generic umbrella terms count like
  any other entity.

Decisions SCORING.md leaves open, taken here:

* A gold form listed more than once in an abstract (e.g. "Euclid" as TELESCOPE and
  as SURVEY) is one form: its accepted labels are the union over its non-borderline
  listings, it is at most one FN, and that FN counts for the ``type`` of its first
  non-borderline listing in the gold file.
* A form that is both a gold form and a borderline form in one abstract is a gold
  form (it can be a TP or a FN), and a pair of it with a label it does not accept is
  ignored rather than counted as an FP, as the borderline rule says.
* A TP counts for the predicted label, so a form predicted with two labels it both
  accepts gives two TPs (one per label) while it can only ever give one FN.
* Abstracts of the gold missing from the prediction predict nothing; prediction
  records whose id is not in the gold are ignored (the gold is a sample of the
  corpus) and only counted in ``Evaluation.records``.
* A ratio with a zero denominator is 0.0 (the counts beside it show why).
* Linking items are the TPs of every label, SOFTWARE included. A mention without a
  ``concept_id`` is its own singleton cluster (an extractor that does not link gets
  B-cubed recall near 0, not an error).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import EvaluationError
from .models import LABELS

MICRO_LABELS: tuple[str, ...] = ("TECHNIQUE", "TELESCOPE", "SURVEY", "DATASET")
"""Labels of the micro average; SOFTWARE is reported on its own (SCORING.md)."""

MAX_EXAMPLES = 3
"""Record ids shown per entry of the false positive / false negative lists."""

_GOLD_ENTITY_KEYS = frozenset({"text", "type", "canonical", "alt_types", "generic", "borderline"})


def fold(text: str) -> str:
    """The surface form compared by the metric: collapse white space, strip, lower-case."""
    return " ".join(text.split()).lower()


# --- data -------------------------------------------------------------------


@dataclass(frozen=True)
class GoldEntity:
    """One gold annotation, as in GUIDELINE.md."""

    text: str
    type: str
    canonical: str
    alt_types: tuple[str, ...] = ()
    generic: bool = False
    borderline: bool = False

    @property
    def form(self) -> str:
        return fold(self.text)

    @property
    def accepted_labels(self) -> frozenset[str]:
        return frozenset((self.type, *self.alt_types))


@dataclass(frozen=True)
class PredictedMention:
    """One predicted mention: ``text`` is the surface as cut from the record's text."""

    text: str
    label: str
    concept_id: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def form(self) -> str:
        return fold(self.text)


@dataclass(frozen=True)
class Counts:
    """TP/FP/FN of one label (or of the micro average) and the ratios they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        # 2TP / (2TP + FP + FN) is the harmonic mean of P and R, without rounding twice.
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class LinkingScore:
    """B-cubed (Bagga & Baldwin 1998) of predicted concept ids against gold canonicals."""

    items: int
    precision: float
    recall: float
    predicted_clusters: int
    gold_clusters: int

    @property
    def f1(self) -> float:
        return _harmonic(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "predicted_clusters": self.predicted_clusters,
            "gold_clusters": self.gold_clusters,
        }


@dataclass(frozen=True)
class ErrorCount:
    """A (form, label) that was wrong in ``count`` abstracts, with a few of their ids."""

    form: str
    label: str
    count: int
    examples: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"form": self.form, "label": self.label, "count": self.count, "examples": list(self.examples)}


@dataclass(frozen=True)
class RecordCoverage:
    """How the two files' ids met: a wrong id shows here rather than as a silent 0."""

    gold: int
    predicted: int
    scored: int
    missing: int
    unmatched: int

    def to_dict(self) -> dict[str, int]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "scored": self.scored,
            "missing": self.missing,
            "unmatched": self.unmatched,
        }


@dataclass(frozen=True)
class Interval:
    """A bootstrap confidence interval of micro F1 (:meth:`Evaluation.micro_interval`)."""

    low: float
    high: float
    confidence: float
    resamples: int
    records: int
    seed: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "high": self.high,
            "confidence": self.confidence,
            "method": "percentile bootstrap over gold records",
            "resamples": self.resamples,
            "records": self.records,
            "seed": self.seed,
        }

    def describe(self) -> str:
        """One line, as the CLI prints it under the table."""
        return (
            f"micro F1 {self.confidence:.0%} interval: {self.low:.3f} to {self.high:.3f} (percentile bootstrap over "
            f"{self.records} gold records, {self.resamples} resamples, seed {self.seed})"
        )


@dataclass(frozen=True)
class Evaluation:
    """Everything ``score`` finds; ``to_table`` for people, ``to_dict`` for machines."""

    labels: dict[str, Counts]
    micro: Counts
    linking: LinkingScore
    false_positives: tuple[ErrorCount, ...]
    false_negatives: tuple[ErrorCount, ...]
    records: RecordCoverage
    per_record: tuple[Counts, ...] = field(default=(), repr=False, compare=False)
    """Micro counts of each gold record, in the gold's order (what :meth:`micro_interval` resamples)."""

    def micro_interval(self, confidence: float = 0.95, resamples: int = 2000, seed: int = 0) -> Interval:
        """How far micro F1 could move on another sample of the same kind of text.

        A gold set of a few dozen abstracts is a small sample: the records are
        resampled with replacement (``scipy.stats.bootstrap``, percentile method,
        a fixed seed so the same gold and predictions give the same interval), and
        micro F1 is recomputed from the summed counts of each resample. Two sets
        whose intervals overlap widely do not show a difference.
        """
        if len(self.per_record) < 2:
            raise EvaluationError("E204", detail="an interval needs at least two gold records")
        if not 0.0 < confidence < 1.0 or isinstance(resamples, bool) or not isinstance(resamples, int) or resamples < 1:
            raise EvaluationError(
                "E204", detail=f"confidence must lie in (0, 1) and resamples be a positive integer, "
                f"not {confidence!r} and {resamples!r}"
            )
        import numpy
        from scipy.stats import bootstrap

        columns = numpy.array([(c.tp, c.fp, c.fn) for c in self.per_record], dtype=float).T

        def micro_f1(tp: Any, fp: Any, fn: Any, axis: int = -1) -> Any:
            tp, fp, fn = tp.sum(axis=axis), fp.sum(axis=axis), fn.sum(axis=axis)
            den = 2 * tp + fp + fn
            return numpy.divide(2 * tp, den, out=numpy.zeros_like(den), where=den > 0)

        result = bootstrap(
            tuple(columns), micro_f1, paired=True, vectorized=True, n_resamples=resamples,
            confidence_level=confidence, method="percentile", rng=numpy.random.default_rng(seed),
        )
        low, high = result.confidence_interval
        return Interval(float(low), float(high), confidence, resamples, len(self.per_record), seed)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; keys and their order do not depend on the data."""
        return {
            "labels": {label: self.labels[label].to_dict() for label in LABELS},
            "micro": {"labels": list(MICRO_LABELS), **self.micro.to_dict()},
            "linking": self.linking.to_dict(),
            "records": self.records.to_dict(),
            "false_positives": [e.to_dict() for e in self.false_positives],
            "false_negatives": [e.to_dict() for e in self.false_negatives],
        }

    def to_table(self) -> str:
        """A fixed-width report, as the CLI prints it."""
        head = f"{'':<18}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>8}{'F1':>8}"

        def row(name: str, c: Counts) -> str:
            return f"{name:<18}{c.tp:>6}{c.fp:>6}{c.fn:>6}{c.precision:>11.3f}{c.recall:>8.3f}{c.f1:>8.3f}"

        lines = [head]
        lines += [row(label, self.labels[label]) for label in MICRO_LABELS]
        lines.append("-" * len(head))
        lines.append(row("micro", self.micro))
        lines += [row(label, self.labels[label]) for label in LABELS if label not in MICRO_LABELS]
        lines.append("")
        lk = self.linking
        lines.append(
            f"linking (B-cubed over {lk.items} true positives): precision {lk.precision:.3f}"
            f"  recall {lk.recall:.3f}  F1 {lk.f1:.3f}"
        )
        rc = self.records
        lines.append(
            f"records: {rc.gold} gold, {rc.predicted} predicted, {rc.scored} scored, "
            f"{rc.missing} missing from the prediction, {rc.unmatched} not in the gold (ignored)"
        )
        for title, entries in (("false positives", self.false_positives), ("false negatives", self.false_negatives)):
            lines.append("")
            lines.append(f"top {title}" if entries else f"top {title}: none")
            if entries:
                lines.append(f"{'count':>5}  {'label':<10} {'form':<40} examples")
                for e in entries:
                    form = e.form if len(e.form) <= 40 else e.form[:39] + "…"
                    lines.append(f"{e.count:>5}  {e.label:<10} {form:<40} {', '.join(e.examples)}")
        return "\n".join(lines) + "\n"


# --- scoring ----------------------------------------------------------------


@dataclass
class _GoldForm:
    """The gold listings of one folded form in one abstract (SCORING.md: one form)."""

    accepted: set[str]
    fn_label: str
    canonicals: list[tuple[frozenset[str], str]]

    def canonical_for(self, label: str) -> str:
        """Most frequent canonical among the listings accepting ``label``, ties by smallest."""
        return _most_frequent([c for accepted, c in self.canonicals if label in accepted])


def score(
    gold: Mapping[str, Sequence[GoldEntity]],
    predictions: Mapping[str, Sequence[PredictedMention]],
    top: int | None = 20,
) -> Evaluation:
    """Score ``predictions`` against ``gold`` (SCORING.md); ``top`` error entries kept, None for all."""
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 0):
        raise EvaluationError("E204", detail=f"top must be a non-negative integer, not {top!r}")

    counts = {label: Counter() for label in LABELS}
    false_pos: dict[tuple[str, str], list[str]] = defaultdict(list)
    false_neg: dict[tuple[str, str], list[str]] = defaultdict(list)
    link_items: list[tuple[object, str]] = []

    per_record: list[Counts] = []
    for record_id, entities in gold.items():
        record = Counter()  # this record's micro counts
        gold_forms: dict[str, _GoldForm] = {}
        borderline: set[str] = set()
        for ent in entities:
            form = ent.form
            if ent.borderline:
                borderline.add(form)
                continue
            entry = gold_forms.setdefault(form, _GoldForm(set(), ent.type, []))
            entry.accepted |= ent.accepted_labels
            entry.canonicals.append((ent.accepted_labels, ent.canonical))

        concept_ids: dict[tuple[str, str], list[str | None]] = defaultdict(list)
        for mention in predictions.get(record_id, ()):
            concept_ids[(mention.form, mention.label)].append(mention.concept_id)

        found: set[str] = set()
        for (form, label), ids in concept_ids.items():
            entry = gold_forms.get(form)
            if entry is not None and label in entry.accepted:
                counts[label]["tp"] += 1
                record["tp"] += label in MICRO_LABELS
                found.add(form)
                linked = [i for i in ids if i is not None]
                cluster: object = _most_frequent(linked) if linked else ("unlinked", record_id, form, label)
                link_items.append((cluster, entry.canonical_for(label)))
            elif form not in borderline:
                counts[label]["fp"] += 1
                record["fp"] += label in MICRO_LABELS
                false_pos[(form, label)].append(record_id)
        for form, entry in gold_forms.items():
            if form not in found:
                counts[entry.fn_label]["fn"] += 1
                record["fn"] += entry.fn_label in MICRO_LABELS
                false_neg[(form, entry.fn_label)].append(record_id)
        per_record.append(Counts(record["tp"], record["fp"], record["fn"]))

    per_label = {label: Counts(c["tp"], c["fp"], c["fn"]) for label, c in counts.items()}
    micro = sum((per_label[label] for label in MICRO_LABELS), Counts())
    scored = sum(1 for record_id in gold if record_id in predictions)
    return Evaluation(
        labels=per_label,
        micro=micro,
        linking=b_cubed(link_items),
        false_positives=_top_errors(false_pos, top),
        false_negatives=_top_errors(false_neg, top),
        records=RecordCoverage(
            gold=len(gold),
            predicted=len(predictions),
            scored=scored,
            missing=len(gold) - scored,
            unmatched=len(predictions) - scored,
        ),
        per_record=tuple(per_record),
    )


def b_cubed(items: Sequence[tuple[object, object]]) -> LinkingScore:
    """B-cubed over ``(predicted cluster, gold cluster)`` items (Bagga & Baldwin 1998).

    Precision is the mean over items of |same predicted ∩ same gold| / |same
    predicted|, recall the mean of |same predicted ∩ same gold| / |same gold|; each
    item counts itself. Counted with three Counters, so linear in the items.
    """
    if not items:
        return LinkingScore(0, 0.0, 0.0, 0, 0)
    predicted = Counter(p for p, _ in items)
    gold = Counter(g for _, g in items)
    both = Counter(items)
    precision = sum(both[item] / predicted[item[0]] for item in items) / len(items)
    recall = sum(both[item] / gold[item[1]] for item in items) / len(items)
    return LinkingScore(len(items), precision, recall, len(predicted), len(gold))


def _top_errors(errors: Mapping[tuple[str, str], list[str]], top: int | None) -> tuple[ErrorCount, ...]:
    """Most frequent first, then by form and label, so two runs print the same list."""
    entries = sorted(
        (ErrorCount(form, label, len(ids), tuple(sorted(ids)[:MAX_EXAMPLES])) for (form, label), ids in errors.items()),
        key=lambda e: (-e.count, e.form, e.label),
    )
    return tuple(entries if top is None else entries[:top])


def _most_frequent(values: Sequence[str]) -> str:
    """The most frequent value, ties broken by the smallest, so the choice is order-free."""
    tally = Counter(values)
    return min(tally, key=lambda v: (-tally[v], v))


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _harmonic(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --- loading ----------------------------------------------------------------


def load_gold(path: str | Path) -> dict[str, list[GoldEntity]]:
    """Read a gold JSONL file (GUIDELINE.md format), checking every line.

    Unknown entity keys are refused: a misspelt ``"borderlin": true`` would
    otherwise turn a borderline entity into a scored one without a word.
    """
    gold: dict[str, list[GoldEntity]] = {}
    first_line: dict[str, int] = {}
    for line_no, obj in _read_jsonl(path, "E202"):

        def bad(detail: str, _line: int = line_no) -> EvaluationError:
            return EvaluationError("E202", path, _line, detail=detail)

        record_id = _record_id(obj, bad)
        if record_id in gold:
            raise bad(f"duplicate id '{record_id}' (first seen at line {first_line[record_id]})")
        raw_entities = obj.get("entities")
        if not isinstance(raw_entities, list):
            raise bad(f"record '{record_id}': 'entities' must be a list")
        entities = []
        for n, raw in enumerate(raw_entities):
            where = f"record '{record_id}', entity {n}"
            if not isinstance(raw, dict):
                raise bad(f"{where}: not a JSON object")
            unknown = sorted(set(raw) - _GOLD_ENTITY_KEYS)
            if unknown:
                raise bad(f"{where}: unknown field(s) {', '.join(unknown)}")
            text, etype, canonical = raw.get("text"), raw.get("type"), raw.get("canonical")
            if not isinstance(text, str) or not fold(text):
                raise bad(f"{where}: 'text' must be a non-empty string")
            if etype not in LABELS:
                raise bad(f"{where}: 'type' must be one of {', '.join(LABELS)}, not {etype!r}")
            if not isinstance(canonical, str) or not canonical.strip():
                raise bad(f"{where}: 'canonical' must be a non-empty string")
            alt_types = raw.get("alt_types", [])
            if not isinstance(alt_types, list) or any(a not in LABELS for a in alt_types):
                raise bad(f"{where}: 'alt_types' must be a list of {', '.join(LABELS)}")
            flags = {}
            for key in ("generic", "borderline"):
                value = raw.get(key, False)
                if not isinstance(value, bool):
                    raise bad(f"{where}: '{key}' must be true or false")
                flags[key] = value
            entities.append(GoldEntity(text, etype, canonical, tuple(alt_types), **flags))
        gold[record_id] = entities
        first_line[record_id] = line_no
    return gold


def load_predictions(path: str | Path) -> dict[str, list[PredictedMention]]:
    """Read a ``corpus.jsonl`` (lines of ``TaggedRecord``), keeping what scoring needs.

    The mention is ``text[start:end]`` of the record; when the record has no
    ``text`` (a prediction from another system), the entity's own ``text``. When
    both exist they must agree: offsets that drifted from the text would
    otherwise be scored as whatever they now point at. Fields the metric does not
    use are not checked, so any tool's output with these fields can be scored.
    """
    predictions: dict[str, list[PredictedMention]] = {}
    first_line: dict[str, int] = {}
    for line_no, obj in _read_jsonl(path, "E203"):

        def bad(detail: str, _line: int = line_no) -> EvaluationError:
            return EvaluationError("E203", path, _line, detail=detail)

        record_id = _record_id(obj, bad)
        if record_id in predictions:
            raise bad(f"duplicate id '{record_id}' (first seen at line {first_line[record_id]})")
        record_text = obj.get("text")
        if record_text is not None and not isinstance(record_text, str):
            raise bad(f"record '{record_id}': 'text' must be a string")
        raw_entities = obj.get("entities", [])
        if not isinstance(raw_entities, list):
            raise bad(f"record '{record_id}': 'entities' must be a list")
        mentions = []
        for n, raw in enumerate(raw_entities):
            where = f"record '{record_id}', entity {n}"
            if not isinstance(raw, dict):
                raise bad(f"{where}: not a JSON object")
            mentions.append(_mention(raw, record_text, where, bad))
        predictions[record_id] = mentions
        first_line[record_id] = line_no
    return predictions


def _mention(raw: dict[str, Any], record_text: str | None, where: str, bad: Any) -> PredictedMention:
    label, concept_id = raw.get("label"), raw.get("concept_id")
    if label not in LABELS:
        raise bad(f"{where}: 'label' must be one of {', '.join(LABELS)}, not {label!r}")
    if concept_id is not None and (not isinstance(concept_id, str) or not concept_id):
        raise bad(f"{where}: 'concept_id' must be a non-empty string")
    entity_text = raw.get("text")
    if entity_text is not None and not isinstance(entity_text, str):
        raise bad(f"{where}: 'text' must be a string")
    start, end = raw.get("start"), raw.get("end")
    if (start is None) != (end is None):
        raise bad(f"{where}: 'start' and 'end' go together")
    if start is not None and any(isinstance(v, bool) or not isinstance(v, int) for v in (start, end)):
        raise bad(f"{where}: 'start' and 'end' must be integers")
    if record_text is not None and start is not None:
        if not 0 <= start < end <= len(record_text):
            raise bad(f"{where}: offsets {start}:{end} outside the text (length {len(record_text)})")
        surface = record_text[start:end]
        if entity_text is not None and surface != entity_text:
            raise bad(f"{where}: text[{start}:{end}] is {surface!r}, but the entity says {entity_text!r}")
    elif entity_text is not None:
        surface = entity_text
    else:
        raise bad(f"{where}: no mention text (needs the record's 'text' with 'start'/'end', or 'text')")
    if not fold(surface):
        raise bad(f"{where}: the mention is empty or only white space")
    return PredictedMention(surface, label, concept_id, start, end)


def _record_id(obj: dict[str, Any], bad: Any) -> str:
    record_id = obj.get("id")
    if not isinstance(record_id, str) or not record_id.strip():
        raise bad("record lacks a non-empty string 'id'")
    return record_id


def _read_jsonl(path: str | Path, code: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line, streaming.

    Lines are decoded one by one, so a bad byte is reported on its own line
    rather than as an offset into the file.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - opened here to report an open failure apart from a read one
    except OSError as exc:
        raise EvaluationError(code, path, detail=f"cannot open: {exc.strerror or exc}") from exc
    with handle:
        for line_no, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8-sig" if line_no == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise EvaluationError(code, path, line_no, detail=f"not UTF-8: {exc.reason}") from exc
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationError(code, path, line_no, detail=f"not valid JSON: {exc.msg}") from exc
            if not isinstance(obj, dict):
                raise EvaluationError(code, path, line_no, detail="line is not a JSON object")
            yield line_no, obj
