"""Corpus I/O: the tagged corpus and the tables written from its digest.

One pass over a stream of tagged records writes

* ``corpus.jsonl`` (or ``corpus.jsonl.gz`` when large): one record per abstract;
* ``mentions.parquet`` (and ``mentions.csv`` on request): one row per mention;
* ``edges-evidence.parquet``: which abstracts support each edge of the graphs;

and gathers the :class:`~astro_ie.digest.CorpusDigest`, from which the tables
are written without another pass:

* ``concepts.csv``: every concept mentioned, with counts and surface forms;
* ``candidates.csv``: entities the ontology lacks, with counts and contexts;
* ``trends.csv``, ``pair-trends.csv``: abstracts per year, when records have dates.

Each file is written through :func:`astro_ie.io.atomic_open`.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from .digest import (
    CONTEXT_CHARS,
    EVIDENCE_FILE,
    CorpusDigest,
    EvidenceWriter,
    context_of,
    is_candidate,
    ranked,
)
from .errors import InputError
from .io import atomic_open
from .models import LABELS, TaggedRecord, json_line

__all__ = [
    "CONTEXT_CHARS", "MENTION_COLUMNS", "CorpusSummary", "context_of", "corpus_path", "read_corpus",
    "record_line", "write_corpus", "write_tables",
]

MENTION_COLUMNS = [
    "record_id", "start", "end", "text", "label", "concept_id", "concept_label", "source", "generic",
]
_MENTION_SCHEMA = pa.schema([
    ("record_id", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
    ("label", pa.string()), ("concept_id", pa.string()), ("concept_label", pa.string()),
    ("source", pa.string()), ("generic", pa.bool_()),
])
TABLE_FORMATS = ("parquet", "csv")
Compression = Literal["auto", "none", "gzip"]

CORPUS_FILE = "corpus.jsonl"
GZIP_CORPUS_FILE = "corpus.jsonl.gz"
AUTO_GZIP_BYTES = 16 * 1024 * 1024
"""With ``compress="auto"``, a corpus larger than this is written gzipped."""

TRENDS_FILE = "trends.csv"
PAIR_TRENDS_FILE = "pair-trends.csv"
TREND_COLUMNS = ["concept_id", "label", "type", "year", "abstracts", "share"]
PAIR_TREND_COLUMNS = ["source", "target", "source_label", "target_label", "year", "abstracts", "share"]


@dataclass
class CorpusSummary:
    """What a written corpus holds: the counts a manifest and a report need."""

    abstracts: int = 0
    mentions: int = 0
    per_label: dict[str, int] = field(default_factory=lambda: {label: 0 for label in LABELS})
    concepts: int = 0
    candidates: int = 0
    undated: int = 0
    top_concepts: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    new_candidates: list[tuple[str, str, int]] = field(default_factory=list)
    corpus_file: str = CORPUS_FILE
    digest: CorpusDigest | None = field(default=None, repr=False, compare=False)
    """The statistics the graphs are built from (held in memory, not serialised)."""

    @classmethod
    def of(cls, digest: CorpusDigest, corpus_file: str = CORPUS_FILE) -> CorpusSummary:
        return cls(
            abstracts=digest.abstracts,
            mentions=digest.mentions,
            per_label=dict(digest.per_label),
            concepts=sum(1 for cid in digest.concepts if not is_candidate(cid)),
            candidates=sum(1 for cid in digest.concepts if is_candidate(cid)),
            undated=digest.undated,
            top_concepts=digest.top_concepts(),
            new_candidates=digest.new_candidates(),
            corpus_file=corpus_file,
            digest=digest,
        )

    def to_dict(self) -> dict:
        return {
            "abstracts": self.abstracts,
            "mentions": self.mentions,
            "mentions_per_label": self.per_label,
            "concepts": self.concepts,
            "candidates": self.candidates,
            "undated": self.undated,
        }


def record_line(record: TaggedRecord | dict) -> str:
    """The ``corpus.jsonl`` line of a record: the same bytes for a model and its parsed line."""
    if isinstance(record, TaggedRecord):
        return record.to_json_line()
    return json_line(record)


def corpus_path(directory: Path) -> Path:
    """The tagged corpus of an output directory: ``corpus.jsonl.gz`` if present, else ``corpus.jsonl``."""
    directory = Path(directory)
    packed = directory / GZIP_CORPUS_FILE
    return packed if packed.exists() else directory / CORPUS_FILE


class _CorpusSink:
    """Writes corpus lines plain, or gzipped; with ``auto``, gzipped once they pass a size.

    ``auto`` holds the first :data:`AUTO_GZIP_BYTES` in memory: a corpus that ends
    before is written plain, a larger one gzipped (the same bytes every time:
    no name, no timestamp in the gzip header).
    """

    def __init__(self, directory: Path, compress: Compression, stack: ExitStack) -> None:
        self.directory, self.compress, self.stack = directory, compress, stack
        self.buffer: list[str] | None = [] if compress == "auto" else None
        self.buffered = 0
        self.handle: IO[str] | None = None
        self.name = GZIP_CORPUS_FILE if compress == "gzip" else CORPUS_FILE
        if compress != "auto":
            self._open(gzipped=compress == "gzip")

    def _open(self, gzipped: bool) -> None:
        self.name = GZIP_CORPUS_FILE if gzipped else CORPUS_FILE
        if gzipped:
            raw = self.stack.enter_context(atomic_open(self.directory / self.name, "wb"))
            packed = self.stack.enter_context(gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                                            compresslevel=6))
            self.handle = self.stack.enter_context(io.TextIOWrapper(packed, encoding="utf-8", newline="\n"))
        else:
            self.handle = self.stack.enter_context(atomic_open(self.directory / self.name))

    def write(self, line: str) -> None:
        if self.buffer is None:
            self.handle.write(line)
            return
        self.buffer.append(line)
        self.buffered += len(line)  # characters: close enough to bytes for the threshold
        if self.buffered > AUTO_GZIP_BYTES:
            self._open(gzipped=True)
            self._drain()

    def _drain(self) -> None:
        self.handle.write("".join(self.buffer))
        self.buffer = None

    def close(self) -> None:
        if self.buffer is not None:
            self._open(gzipped=False)
            self._drain()


def write_corpus(records: Iterable[Any], directory: Path, ontology: Any, include_generic: bool = False,
                 tables: Iterable[str] = ("parquet",), compress: Compression = "auto",
                 parquet_batch: int = 5000) -> CorpusSummary:
    """Write the corpus, mentions, evidence and tables into ``directory`` from one pass over ``records``.

    ``records`` are parsed ``corpus.jsonl`` lines (plain dicts) or ``TaggedRecord``;
    ``ontology`` an :class:`~astro_ie.ontology.Ontology` or a mapping of its concepts.
    Returns the summary, whose ``digest`` the graphs are built from.
    """
    directory = Path(directory)
    tables = tuple(tables)
    concepts = getattr(ontology, "concepts", ontology)
    with ExitStack() as stack:
        sink = _CorpusSink(directory, compress, stack)
        mentions_csv = None
        if "csv" in tables:
            mentions_csv = csv.writer(stack.enter_context(atomic_open(directory / "mentions.csv")),
                                      lineterminator="\n")
            mentions_csv.writerow(MENTION_COLUMNS)
        parquet = None
        if "parquet" in tables:
            parquet = pq.ParquetWriter(stack.enter_context(atomic_open(directory / "mentions.parquet", "wb")),
                                       _MENTION_SCHEMA)
        evidence = EvidenceWriter(stack.enter_context(atomic_open(directory / EVIDENCE_FILE, "wb")))
        digest = CorpusDigest(concepts, include_generic, evidence=evidence)
        rows: list[list] = [[] for _ in MENTION_COLUMNS]
        for raw in records:
            record = raw.model_dump(mode="json") if isinstance(raw, TaggedRecord) else raw
            sink.write(record_line(record) + "\n")
            digest.add(record)
            record_id = record["id"]
            for entity in record["entities"]:
                row = (record_id, entity["start"], entity["end"], entity["text"], entity["label"],
                       entity["concept_id"], entity["concept_label"], entity["source"], entity["generic"])
                if mentions_csv is not None:
                    mentions_csv.writerow(row)
                if parquet is not None:
                    for column, value in zip(rows, row):
                        column.append(value)
            if parquet is not None and len(rows[0]) >= parquet_batch:
                parquet.write_table(pa.table(dict(zip(MENTION_COLUMNS, rows)), schema=_MENTION_SCHEMA))
                rows = [[] for _ in MENTION_COLUMNS]
        if parquet is not None:
            parquet.write_table(pa.table(dict(zip(MENTION_COLUMNS, rows)), schema=_MENTION_SCHEMA))
            parquet.close()
        evidence.close()
        sink.close()
    write_tables(digest, directory, ontology)
    return CorpusSummary.of(digest, sink.name)


def write_tables(digest: CorpusDigest, directory: Path, ontology: Any) -> list[Path]:
    """``concepts.csv``, ``candidates.csv`` and, for dated records, the two trend tables."""
    directory = Path(directory)
    concepts = getattr(ontology, "concepts", ontology)
    broader_of = _candidate_broader(digest, ontology)
    written = [_write_concepts(directory / "concepts.csv", digest, concepts, broader_of),
               _write_candidates(directory / "candidates.csv", digest, broader_of)]
    if digest.dated:
        written += [_write_trends(directory / TRENDS_FILE, digest), _write_pair_trends(directory / PAIR_TRENDS_FILE, digest)]
    return written


def _candidate_broader(digest: CorpusDigest, ontology: Any) -> dict[str, str]:
    """Per candidate, the known concept its name is composed on ("Bayesian CNN" -> CNN), where there is one."""
    contained = getattr(ontology, "contained_concept", None)
    if contained is None:
        return {}
    return {cid: contained(st.label) or "" for cid, st in digest.concepts.items() if is_candidate(cid)}


def _write_concepts(path: Path, digest: CorpusDigest, concepts: Any, broader_of: dict[str, str]) -> Path:
    with atomic_open(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["concept_id", "label", "type", "kind", "generic", "broader", "n_abstracts",
                         "n_mentions", "forms", "wikidata", "aas"])
        for cid in sorted(digest.concepts):
            st = digest.concepts[cid]
            concept = concepts.get(cid)
            forms = ";".join(st.ranked_forms())
            if concept is None:
                writer.writerow([cid, st.label, st.type, "candidate", False, broader_of.get(cid, ""),
                                 st.abstracts, st.mentions, forms, "", ""])
            else:
                writer.writerow([cid, concept.label, concept.type, concept.kind or "", concept.generic,
                                 ";".join(concept.broader), st.abstracts, st.mentions, forms,
                                 concept.wikidata or "", concept.aas or ""])
    return path


def _write_candidates(path: Path, digest: CorpusDigest, broader_of: dict[str, str]) -> Path:
    with atomic_open(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        # broader: the known concept the candidate's name is composed on ("Bayesian CNN" -> CNN).
        writer.writerow(["candidate_id", "label", "type", "n_abstracts", "n_mentions", "forms", "contexts", "broader"])
        for cid in ranked(digest.concepts):
            if not is_candidate(cid):
                continue
            st = digest.concepts[cid]
            writer.writerow([cid, st.label, st.type, st.abstracts, st.mentions, ";".join(st.ranked_forms()),
                             " | ".join(st.contexts), broader_of.get(cid, "")])
    return path


def _share(count: int, total: int) -> float:
    return round(count / total, 6) if total else 0.0


def _write_trends(path: Path, digest: CorpusDigest) -> Path:
    """Per concept and year: abstracts mentioning it, and their share of that year's abstracts."""
    per_year = digest.abstracts_per_year
    with atomic_open(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(TREND_COLUMNS)
        for cid in sorted(digest.concepts):
            info = digest.node_info(cid)
            for year, count in sorted(digest.concepts[cid].years.items()):
                writer.writerow([cid, info["label"], info["type"], year, count, _share(count, per_year[year])])
    return path


def _write_pair_trends(path: Path, digest: CorpusDigest) -> Path:
    """Per technique-instrument pair (the technique as source) and year, as :func:`_write_trends`."""
    from .graph import INSTRUMENT_TYPES, TECHNIQUE

    per_year = digest.abstracts_per_year
    with atomic_open(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(PAIR_TREND_COLUMNS)
        rows = []
        for (a, b), tally in digest.pairs.items():
            info_a, info_b = digest.node_info(a), digest.node_info(b)
            if info_b["type"] == TECHNIQUE and info_a["type"] in INSTRUMENT_TYPES:
                (a, info_a), (b, info_b) = (b, info_b), (a, info_a)
            if info_a["type"] == TECHNIQUE and info_b["type"] in INSTRUMENT_TYPES:
                rows.extend((a, b, info_a["label"], info_b["label"], year, count, _share(count, per_year[year]))
                            for year, count in tally.years.items())
        writer.writerows(sorted(rows, key=lambda row: (row[0], row[1], row[4])))
    return path


def read_corpus(path: Path) -> Iterator[dict]:
    """Stream the records of a ``corpus.jsonl`` (or ``corpus.jsonl.gz``) as plain dicts."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError("E007", path, number, detail=exc.msg) from exc
