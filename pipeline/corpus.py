"""Corpus I/O: the tagged corpus and the tables written from it.

One pass over a stream of :class:`TaggedRecord` writes

* ``corpus.jsonl``: one record per abstract (the tagged corpus);
* ``mentions.csv`` and ``mentions.parquet``: one row per mention, for pandas;
* ``concepts.csv``: every concept mentioned, with counts;
* ``candidates.csv``: entities the ontology lacks, with counts and contexts,
  for curators to promote.

Each file is written through :func:`pipeline.io.atomic_open`; nothing is held
in memory but per-concept counters, so a corpus of any size streams through.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import InputError
from .io import atomic_open
from .models import LABELS, TaggedRecord, json_line
from .ontology import Ontology

MENTION_COLUMNS = [
    "record_id", "start", "end", "text", "label", "concept_id", "concept_label", "source", "generic",
]
_MENTION_SCHEMA = pa.schema([
    ("record_id", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
    ("label", pa.string()), ("concept_id", pa.string()), ("concept_label", pa.string()),
    ("source", pa.string()), ("generic", pa.bool_()),
])
CONTEXT_CHARS = 60
MAX_CONTEXTS = 3


@dataclass
class ConceptStats:
    label: str
    type: str
    mentions: int = 0
    abstracts: int = 0
    last_record: str | None = None  # records stream one by one: count each once
    forms: Counter = field(default_factory=Counter)
    contexts: list[str] = field(default_factory=list)


@dataclass
class CorpusSummary:
    """What a written corpus holds: the counts a manifest and a report need."""

    abstracts: int = 0
    mentions: int = 0
    per_label: dict[str, int] = field(default_factory=lambda: {label: 0 for label in LABELS})
    concepts: int = 0
    candidates: int = 0
    top_concepts: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    new_candidates: list[tuple[str, str, int]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "abstracts": self.abstracts,
            "mentions": self.mentions,
            "mentions_per_label": self.per_label,
            "concepts": self.concepts,
            "candidates": self.candidates,
        }


def context_of(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = f"{text[left:start]}[{text[start:end]}]{text[end:right]}"
    return ("…" if left else "") + " ".join(snippet.split()) + ("…" if right < len(text) else "")


def record_line(record: TaggedRecord | dict) -> str:
    """The ``corpus.jsonl`` line of a record: the same bytes for a model and its parsed line."""
    if isinstance(record, TaggedRecord):
        return record.to_json_line()
    return json_line(record)


def write_corpus(records: Iterable[dict], directory: Path, ontology: Ontology,
                 parquet_batch: int = 5000) -> CorpusSummary:
    """Write the corpus and its tables into ``directory`` from one pass over ``records``.

    ``records`` are parsed ``corpus.jsonl`` lines (plain dicts), as the batch
    tasks leave them on disk.
    """
    directory = Path(directory)
    summary = CorpusSummary()
    stats: dict[str, ConceptStats] = {}
    with atomic_open(directory / "corpus.jsonl") as corpus, \
            atomic_open(directory / "mentions.csv") as mentions_csv, \
            atomic_open(directory / "mentions.parquet", "wb") as parquet_file:
        writer = csv.writer(mentions_csv, lineterminator="\n")
        writer.writerow(MENTION_COLUMNS)
        parquet = pq.ParquetWriter(parquet_file, _MENTION_SCHEMA)
        rows: dict[str, list] = {name: [] for name in MENTION_COLUMNS}
        for record in records:
            corpus.write(record_line(record))
            corpus.write("\n")
            summary.abstracts += 1
            record_id, text = record["id"], record["text"]
            for entity in record["entities"]:
                row = [record_id, entity["start"], entity["end"], entity["text"], entity["label"],
                       entity["concept_id"], entity["concept_label"], entity["source"], entity["generic"]]
                writer.writerow(row)
                for name, value in zip(MENTION_COLUMNS, row):
                    rows[name].append(value)
                summary.mentions += 1
                concept_id, label = entity["concept_id"], entity["label"]
                summary.per_label[label] = summary.per_label.get(label, 0) + 1
                st = stats.get(concept_id)
                if st is None:
                    st = stats[concept_id] = ConceptStats(entity["concept_label"], label)
                st.mentions += 1
                if st.last_record != record_id:
                    st.abstracts += 1
                    st.last_record = record_id
                st.forms[entity["text"]] += 1
                if concept_id.startswith("candidate:") and len(st.contexts) < MAX_CONTEXTS:
                    st.contexts.append(f"{record_id}: {context_of(text, entity['start'], entity['end'])}")
            if len(rows["record_id"]) >= parquet_batch:
                parquet.write_table(pa.table(rows, schema=_MENTION_SCHEMA))
                rows = {name: [] for name in MENTION_COLUMNS}
        parquet.write_table(pa.table(rows, schema=_MENTION_SCHEMA))
        parquet.close()
    _write_concepts(directory / "concepts.csv", stats, ontology)
    _write_candidates(directory / "candidates.csv", stats, ontology)
    summary.concepts = sum(1 for cid in stats if not cid.startswith("candidate:"))
    summary.candidates = sum(1 for cid in stats if cid.startswith("candidate:"))
    for label in LABELS:
        ranked = sorted(((cid, st) for cid, st in stats.items() if st.type == label),
                        key=lambda kv: (-kv[1].abstracts, kv[0]))
        summary.top_concepts[label] = [(cid, st.label, st.abstracts) for cid, st in ranked[:10]]
    cands = sorted(((cid, st) for cid, st in stats.items() if cid.startswith("candidate:")),
                   key=lambda kv: (-kv[1].abstracts, kv[0]))
    summary.new_candidates = [(cid, st.type, st.abstracts) for cid, st in cands[:20]]
    return summary


def _write_concepts(path: Path, stats: dict[str, ConceptStats], ontology: Ontology) -> None:
    with atomic_open(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["concept_id", "label", "type", "kind", "generic", "broader", "n_abstracts",
                         "n_mentions", "forms", "wikidata", "aas"])
        for cid in sorted(stats):
            st = stats[cid]
            concept = ontology.get(cid)
            forms = ";".join(form for form, _ in sorted(st.forms.items(), key=lambda kv: (-kv[1], kv[0])))
            if concept is None:
                writer.writerow([cid, st.label, st.type, "candidate", False, ontology.contained_concept(st.label) or "",
                                 st.abstracts, st.mentions, forms, "", ""])
            else:
                writer.writerow([cid, concept.label, concept.type, concept.kind or "", concept.generic,
                                 ";".join(concept.broader), st.abstracts, st.mentions, forms,
                                 concept.wikidata or "", concept.aas or ""])


def _write_candidates(path: Path, stats: dict[str, ConceptStats], ontology: Ontology) -> None:
    with atomic_open(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        # broader: the known concept the candidate's name is composed on ("Bayesian CNN" -> CNN).
        writer.writerow(["candidate_id", "label", "type", "n_abstracts", "n_mentions", "forms", "contexts", "broader"])
        ranked = sorted(((cid, st) for cid, st in stats.items() if cid.startswith("candidate:")),
                        key=lambda kv: (-kv[1].abstracts, kv[0]))
        for cid, st in ranked:
            forms = ";".join(form for form, _ in sorted(st.forms.items(), key=lambda kv: (-kv[1], kv[0])))
            writer.writerow([cid, st.label, st.type, st.abstracts, st.mentions, forms,
                             " | ".join(st.contexts), ontology.contained_concept(st.label) or ""])


def read_corpus(path: Path) -> Iterator[dict]:
    """Stream the records of a ``corpus.jsonl`` as plain dicts (for the graph and reports)."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError("E007", path, number, detail=exc.msg) from exc

