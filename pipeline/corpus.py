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
import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

import pyarrow as pa

from .digest import (
    CONTEXT_CHARS,
    EVIDENCE_FILE,
    CorpusDigest,
    EvidenceWriter,
    RowGroupWriter,
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
MENTION_SCHEMA = pa.schema([
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


GZIP_MEMBER_RECORDS = 2000
"""A gzipped corpus is a series of gzip members of this many records each (``gzip.open`` reads them as one):
an update copies the members it does not change as bytes."""

PACKING_AHEAD = 2
"""Members compressed on the side at most (each some MB of lines held meanwhile)."""

INDEX_FILE = "corpus-index.parquet"
"""Per record, in corpus order: id, content key, line bytes, mention and evidence rows (what an update needs)."""

STATE_FILE = "digest-state.json.gz"
"""The digest's sufficient statistics and the corpus layout: an update starts from them, not from the corpus."""

MENTION_ROWS_PER_GROUP = 65_536
INDEX_ROWS_PER_GROUP = 100_000
ROWS_PER_CHUNK = 8192
"""Mention and index rows held as Python objects at most: they go to Arrow in chunks of this many, and the
:class:`~astro_ie.digest.RowGroupWriter` makes the same row groups of them (the same bytes) as of whole groups."""
INDEX_SCHEMA = pa.schema([("id", pa.string()), ("key", pa.binary(16)), ("bytes", pa.int64()),
                          ("mentions", pa.int64()), ("evidence", pa.int64())])
_ENTITIES = b', "entities": ['


def line_key(line: bytes) -> bytes:
    """The content key of a corpus line: sha256 of everything before its entities (what the abstract gave)."""
    return hashlib.sha256(line[:line.rfind(_ENTITIES)]).digest()[:16]


def head_key(head: dict) -> bytes:
    """The content key of a record's head (:func:`astro_ie.extract.record_head`): :func:`line_key` of its line."""
    return hashlib.sha256(json_line(head)[:-1].encode("utf-8")).digest()[:16]


def gzip_member(data: bytes) -> bytes:
    """One gzip member, the same bytes every time (no name, no timestamp)."""
    return gzip.compress(data, compresslevel=6, mtime=0)


class CorpusSink:
    """Writes corpus lines plain, or gzipped in members; with ``auto``, gzipped once they pass a size.

    ``auto`` holds the first :data:`AUTO_GZIP_BYTES` in memory: a corpus that ends
    before is written plain, a larger one gzipped. An update knows its size
    beforehand and says ``gzipped``.
    """

    def __init__(self, directory: Path, compress: Compression, stack: ExitStack, gzipped: bool | None = None) -> None:
        self.directory, self.stack = directory, stack
        if gzipped is None and compress != "auto":
            gzipped = compress == "gzip"
        self.buffer: list[bytes] | None = [] if gzipped is None else None
        self.records = self.bytes = 0
        self.members: list[int] = []
        self.member: list[bytes] = []
        self.packer = None
        self.packing: list = []
        self.handle: IO[bytes] | None = None
        self.gzipped = bool(gzipped)
        if gzipped is not None:
            self._open(gzipped)

    @property
    def name(self) -> str:
        return GZIP_CORPUS_FILE if self.gzipped else CORPUS_FILE

    def _open(self, gzipped: bool) -> None:
        self.gzipped = gzipped
        self.handle = self.stack.enter_context(atomic_open(self.directory / self.name, "wb"))

    def write(self, line: bytes) -> None:
        """One line, its newline included."""
        self.records += 1
        self.bytes += len(line)
        if self.buffer is not None:
            self.buffer.append(line)
            if self.bytes > AUTO_GZIP_BYTES:
                self._open(gzipped=True)
                self._drain()
        elif self.gzipped:
            self.member.append(line)
            if len(self.member) >= GZIP_MEMBER_RECORDS:
                self._end_member()
        else:
            self.handle.write(line)

    def at_member_start(self) -> bool:
        return self.buffer is None and not self.member

    def copy_member(self, raw: bytes, records: int, size: int) -> None:
        """A whole gzip member of a previous corpus (``records`` lines, ``size`` bytes unpacked), as bytes."""
        assert self.gzipped and self.at_member_start() and records == GZIP_MEMBER_RECORDS
        self._write_packed(0)
        self.handle.write(raw)
        self.members.append(len(raw))
        self.records += records
        self.bytes += size

    def copy_plain(self, raw: bytes, records: int) -> None:
        """Whole lines of a previous plain corpus, as bytes."""
        if self.gzipped or self.buffer is not None:
            for line in raw.splitlines(keepends=True):
                self.write(line)
            return
        self.handle.write(raw)
        self.records += records
        self.bytes += len(raw)

    def _end_member(self) -> None:
        """Compress the member on a thread (zlib lets go of the GIL): the digest goes on meanwhile."""
        if self.packer is None:
            from concurrent.futures import ThreadPoolExecutor

            self.packer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="astro-ie-gzip")
            self.stack.callback(self.packer.shutdown, wait=True, cancel_futures=True)
        self.packing.append(self.packer.submit(gzip_member, b"".join(self.member)))
        self.member.clear()
        self._write_packed(PACKING_AHEAD)

    def _write_packed(self, keep: int) -> None:
        """Write the packed members in order, until at most ``keep`` are still being packed."""
        while len(self.packing) > keep:
            packed = self.packing.pop(0).result()
            self.handle.write(packed)
            self.members.append(len(packed))

    def _drain(self) -> None:
        lines, self.buffer = self.buffer, None
        self.records -= len(lines)
        self.bytes -= sum(len(line) for line in lines)
        for line in lines:
            self.write(line)

    def close(self) -> None:
        if self.buffer is not None:
            self._open(gzipped=False)
            self.handle.write(b"".join(self.buffer))
            self.buffer = None
        if self.member:
            self._end_member()
        self._write_packed(0)

    def layout(self) -> dict:
        return {"file": self.name, "records": self.records, "bytes": self.bytes, "member_records": GZIP_MEMBER_RECORDS,
                "members": self.members if self.gzipped else []}


class CorpusOutputs:
    """The files one pass over the tagged records writes, fed one record at a time (or, by an update, in blocks).

    Corpus lines, mention rows, evidence rows and index rows, in corpus order;
    the digest counts each record; :meth:`close` writes the digest's state.
    """

    def __init__(self, directory: Path, digest_of: Any, tables: tuple[str, ...], compress: Compression,
                 stack: ExitStack, parquet_batch: int | None = None, gzipped: bool | None = None) -> None:
        parquet_batch = parquet_batch or MENTION_ROWS_PER_GROUP
        self.directory = directory
        self.sink = CorpusSink(directory, compress, stack, gzipped)
        self.mentions_csv = None
        if "csv" in tables:
            self.mentions_csv = csv.writer(stack.enter_context(atomic_open(directory / "mentions.csv")),
                                           lineterminator="\n")
            self.mentions_csv.writerow(MENTION_COLUMNS)
        self.parquet = None
        if "parquet" in tables:
            self.parquet = RowGroupWriter(stack.enter_context(atomic_open(directory / "mentions.parquet", "wb")),
                                          MENTION_SCHEMA, parquet_batch)
        self.evidence = EvidenceWriter(stack.enter_context(atomic_open(directory / EVIDENCE_FILE, "wb")))
        self.index = RowGroupWriter(stack.enter_context(atomic_open(directory / INDEX_FILE, "wb")), INDEX_SCHEMA,
                                    INDEX_ROWS_PER_GROUP)
        self.digest: CorpusDigest = digest_of(self.evidence)
        self.rows: list[list] = [[] for _ in MENTION_COLUMNS]
        self.index_rows: list[list] = [[] for _ in INDEX_SCHEMA.names]
        self.batch = min(parquet_batch, ROWS_PER_CHUNK)

    def add(self, line: bytes, record: dict) -> None:
        """One record and its corpus line (newline included)."""
        self.sink.write(line)
        evidence_before = self.evidence.rows
        self.digest.add(record)
        record_id = record["id"]
        rows = self.rows
        entities = record["entities"]
        for entity in entities:
            row = (record_id, entity["start"], entity["end"], entity["text"], entity["label"],
                   entity["concept_id"], entity["concept_label"], entity["source"], entity["generic"])
            if self.mentions_csv is not None:
                self.mentions_csv.writerow(row)
            for column, value in zip(rows, row):
                column.append(value)
        for column, value in zip(self.index_rows, (record_id, line_key(line), len(line), len(entities),
                                                   self.evidence.rows - evidence_before)):
            column.append(value)
        if len(rows[0]) >= self.batch:
            self.flush_mentions()
        if len(self.index_rows[0]) >= ROWS_PER_CHUNK:
            self.flush_index()

    def flush_mentions(self) -> None:
        if self.parquet is not None and self.rows[0]:
            self.parquet.write(pa.table(dict(zip(MENTION_COLUMNS, self.rows)), schema=MENTION_SCHEMA))
        self.rows = [[] for _ in MENTION_COLUMNS]

    def flush_index(self) -> None:
        if self.index_rows[0]:
            self.index.write(pa.table(dict(zip(INDEX_SCHEMA.names, self.index_rows)), schema=INDEX_SCHEMA))
        self.index_rows = [[] for _ in INDEX_SCHEMA.names]

    def close(self) -> None:
        self.flush_mentions()
        self.flush_index()
        if self.parquet is not None:
            self.parquet.close()
        self.evidence.close()
        self.index.close()
        self.sink.close()
        state = {"digest": self.digest.to_state(), "corpus": self.sink.layout(),
                 "tables": {"mentions": self.parquet is not None, "mentions_csv": self.mentions_csv is not None}}
        with atomic_open(self.directory / STATE_FILE, "wb") as handle:
            handle.write(gzip_member(json.dumps(state, sort_keys=True, separators=(",", ":")).encode("utf-8")))


def read_state(directory: Path) -> dict:
    """The state :class:`CorpusOutputs` wrote into ``directory``."""
    return json.loads(gzip.decompress((Path(directory) / STATE_FILE).read_bytes()))


def write_corpus(records: Iterable[Any], directory: Path, ontology: Any, include_generic: bool = False,
                 tables: Iterable[str] = ("parquet",), compress: Compression = "auto",
                 parquet_batch: int | None = None) -> CorpusSummary:
    """Write the corpus, mentions, evidence and tables into ``directory`` from one pass over ``records``.

    ``records`` are parsed ``corpus.jsonl`` lines (plain dicts), ``TaggedRecord``,
    or (line, record) pairs whose line (bytes, newline included) is the record's
    ``corpus.jsonl`` line already; ``ontology`` an :class:`~astro_ie.ontology.Ontology`
    or a mapping of its concepts. Returns the summary, whose ``digest`` the graphs
    are built from.
    """
    directory = Path(directory)
    concepts = getattr(ontology, "concepts", ontology)
    with ExitStack() as stack:
        outputs = CorpusOutputs(directory, lambda evidence: CorpusDigest(concepts, include_generic, evidence=evidence),
                                tuple(tables), compress, stack, parquet_batch)
        for raw in records:
            if isinstance(raw, tuple):
                outputs.add(*raw)
                continue
            record = raw.model_dump(mode="json") if isinstance(raw, TaggedRecord) else raw
            outputs.add((record_line(record) + "\n").encode("utf-8"), record)
        outputs.close()
    write_tables(outputs.digest, directory, ontology)
    return CorpusSummary.of(outputs.digest, outputs.sink.name)


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
