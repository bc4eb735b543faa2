"""Incremental runs: tag only what an output directory does not hold yet.

``astro-ie run NEW --out DIR --update`` keeps DIR's tagged records whose
abstract is unchanged, tags the abstracts that are new or changed (same id,
other content), and rewrites every table and graph from the merged corpus. The
merged corpus is the previous one in its order, a changed abstract in its old
place, then the new abstracts in input order: exactly what a full run over the
previous inputs (with the changes) followed by the new ones would tag, so the
outputs are byte-identical to that run's.

Nothing beyond the output directory is needed: the tagged corpus itself (each
record carries the abstract it came from) and ``manifest.json`` (the ontology
and code that tagged it). When those differ from the current ones, every
abstract is re-tagged, from the records of the previous corpus.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import corpus as corpus_module
from .corpus import (
    EVIDENCE_FILE,
    INDEX_FILE,
    INDEX_SCHEMA,
    MENTION_COLUMNS,
    MENTION_SCHEMA,
    STATE_FILE,
    Compression,
    CorpusOutputs,
    CorpusSummary,
    corpus_path,
    head_key,
    line_key,
    read_corpus,
    read_state,
    write_tables,
)
from .digest import EVIDENCE_COLUMNS, CorpusDigest, Recount, year_of
from .models import Abstract


def record_head(record: dict) -> dict:
    """A tagged record without its entities: what came from its abstract."""
    return {name: value for name, value in record.items() if name != "entities"}


def abstract_head(abstract: Abstract) -> dict:
    """What the tagged record of ``abstract`` will hold besides its entities."""
    from .extract import record_head as extract_head  # spaCy: only a process that plans an update needs it

    return extract_head(abstract)


def content_key(head: dict) -> str:
    """The content key of a record head, as :data:`astro_ie.corpus.INDEX_FILE` holds it (hex)."""
    return head_key(head).hex()


def abstract_of(record: dict) -> Abstract:
    """The abstract a tagged record was made from (to re-tag it with another ontology)."""
    start = record.get("abstract_start") or 0
    return Abstract(id=record["id"], title=record.get("title") or "", abstract=record["text"][start:],
                    session=record.get("session"), number=record.get("number"), date=record.get("date"),
                    speakers=record.get("speakers") or [], metadata=record.get("metadata") or {})


def in_period(date: Any, since: int | None, until: int | None) -> bool:
    """True when no period is given, or the record's year lies in it (undated records lie in none)."""
    if since is None and until is None:
        return True
    year = year_of(date)
    return year is not None and (since is None or year >= since) and (until is None or year <= until)


@dataclass
class PreviousRun:
    """An output directory a run updates: its corpus, and whether its tags can be kept."""

    corpus: Path
    reusable: bool
    inputs: list[dict] = field(default_factory=list)
    parameters: dict = field(default_factory=dict)

    @property
    def directory(self) -> Path:
        return self.corpus.parent

    @property
    def indexed(self) -> bool:
        """True when the run left the index and the digest state an update starts from."""
        return (self.directory / INDEX_FILE).exists() and (self.directory / STATE_FILE).exists()

    @classmethod
    def find(cls, out_dir: Path, ontology_hash: str, code_hash: str) -> PreviousRun | None:
        """The previous run in ``out_dir``, or None when there is none to update."""
        out_dir = Path(out_dir)
        path = corpus_path(out_dir)
        try:
            manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not path.exists():
            return None
        reusable = (manifest.get("ontology", {}).get("hash") == ontology_hash
                    and manifest.get("code_hash") == code_hash)
        return cls(path, reusable, list(manifest.get("inputs") or []), dict(manifest.get("parameters") or {}))


@dataclass
class UpdatePlan:
    """Which of the new abstracts to tag: ``unchanged`` ids are kept, ``replaced`` ids re-tagged in place."""

    previous: PreviousRun
    unchanged: set[str] = field(default_factory=set)
    replaced: set[str] = field(default_factory=set)
    positions: dict[str, int] = field(default_factory=dict)
    """Corpus position of each replaced id (when the previous run is indexed)."""

    @classmethod
    def make(cls, previous: PreviousRun, new: Iterable[Abstract]) -> UpdatePlan:
        """Compare the new abstracts with the previous run: its index (else one pass over its corpus)."""
        keys = {abstract.id: content_key(abstract_head(abstract)) for abstract in new}
        plan = cls(previous)
        if previous.indexed:
            index = pq.read_table(previous.directory / INDEX_FILE, columns=["id", "key"])
            found = pc.indices_nonzero(pc.is_in(index["id"], value_set=pa.array(list(keys), pa.string())))
            taken = index.take(found)
            for position, record_id, key in zip(found.to_pylist(), taken["id"].to_pylist(),
                                                taken["key"].to_pylist()):
                if previous.reusable and key.hex() == keys[record_id]:
                    plan.unchanged.add(record_id)
                else:
                    plan.replaced.add(record_id)
                    plan.positions[record_id] = position
            return plan
        for record in read_corpus(previous.corpus):
            key = keys.get(record["id"])
            if key is None:
                continue
            if previous.reusable and key == content_key(record_head(record)):
                plan.unchanged.add(record["id"])
            else:
                plan.replaced.add(record["id"])
        return plan

    def to_tag(self, abstracts: Iterable[Abstract]) -> Iterator[Abstract]:
        """The abstracts this run tags, in the order of the merged corpus's new records.

        With reusable tags: the new and the changed abstracts. Otherwise (another
        ontology or code) all of them: the previous corpus's abstracts, a changed
        one in its place, then the new ones; the new abstracts are held meanwhile
        (an update's input is the small part).
        """
        if self.previous.reusable:
            yield from (a for a in abstracts if a.id not in self.unchanged)
            return
        new = {a.id: a for a in abstracts}
        for record in read_corpus(self.previous.corpus):
            yield new.get(record["id"]) or abstract_of(record)
        yield from (a for a in new.values() if a.id not in self.replaced)


def merged_records(plan: UpdatePlan | None, tagged: Iterable[dict], retagged: Iterable[dict] | None = None,
                   since: int | None = None, until: int | None = None) -> Iterator[dict]:
    """The records of the updated corpus, in the order of a full run.

    ``tagged`` streams the records tagged by this run in input order; with a
    plan, the previous corpus comes first, each replaced record swapped for its
    re-tagged one (taken from ``retagged``, a pass over the same records).
    """
    if plan is None or not plan.previous.reusable:
        yield from tagged
        return
    replacement = {r["id"]: r for r in (retagged or ()) if r["id"] in plan.replaced}
    for record in read_corpus(plan.previous.corpus):
        record = replacement.get(record["id"], record)
        if in_period(record.get("date"), since, until):
            yield record
    for record in tagged:
        if record["id"] not in plan.replaced:
            yield record


# --- updating the outputs in place of a full pass -----------------------------------


def can_update_in_place(plan: UpdatePlan | None, since: int | None, until: int | None, tables: Iterable[str],
                        keep_abstracts: bool) -> bool:
    """True when :func:`update_outputs` can start from the previous run's state instead of its corpus.

    It needs the same tags (ontology and code), the index and state, the
    default tables on both sides (no ``mentions.csv``, no ``abstracts.jsonl``)
    and no period (a period drops previous records).
    """
    return (plan is not None and plan.previous.reusable and plan.previous.indexed and since is None
            and until is None and tuple(tables) == ("parquet",) and not keep_abstracts
            and list(plan.previous.parameters.get("tables") or ["parquet"]) == ["parquet"]
            and not plan.previous.parameters.get("keep_abstracts"))


def update_outputs(plan: UpdatePlan, parts: Iterable[Path | str], directory: Path, ontology: Any,
                   include_generic: bool = False, compress: Compression = "auto") -> CorpusSummary | None:
    """The outputs of the previous run plus this run's tagged ``parts``, without a pass over the previous corpus.

    Starts from the previous digest state, takes back the records of changed
    abstracts (read by the index, at their positions) and counts their
    replacements in their place, then copies the previous corpus (whole gzip
    members or plain byte ranges), mentions, evidence and index around them
    and appends the new records. Returns None, having written nothing, when
    only a full pass can give the same bytes (a changed abstract held a
    concept's first mention, or one of an edge's example ids, that no other
    record restores): the caller then makes the outputs from the merged corpus.
    """
    previous, directory = plan.previous.directory, Path(directory)
    parts = [Path(p) for p in parts]
    concepts = getattr(ontology, "concepts", ontology)
    state = read_state(previous)
    if state["digest"].get("include_generic") != include_generic:
        return None
    try:
        digest = CorpusDigest.from_state(state["digest"], concepts)
    except ValueError:
        return None
    layout = state["corpus"]
    index = pq.read_table(previous / INDEX_FILE)
    line_bytes = index["bytes"].to_numpy()
    # This run's records: the replacements (held, few) and the size of the rest.
    replacements: dict[int, tuple[bytes, dict]] = {}
    new_bytes = 0
    for line in _lines(parts):
        if plan.replaced:
            record = json.loads(line)
            if record["id"] in plan.replaced:
                replacements[plan.positions[record["id"]]] = (line, record)
                continue
        new_bytes += len(line)
    old_lines = _lines_at(corpus_path(previous), layout, line_bytes, sorted(replacements))
    collected: list[tuple[str, str, str, str]] = []
    digest.evidence = lambda *row: collected.append(row)
    evidence_of: dict[int, list] = {}
    for position in sorted(replacements):
        digest.remove(json.loads(old_lines[position]), position)
        collected.clear()
        digest.add(replacements[position][1], position)
        evidence_of[position] = list(collected)
    try:
        digest.check()
    except Recount:
        return None
    size = (layout["bytes"] + new_bytes + sum(len(line) - int(line_bytes[p]) for p, (line, _) in replacements.items()))
    gzipped = compress == "gzip" or (compress == "auto" and size > corpus_module.AUTO_GZIP_BYTES)

    def adopt(evidence):
        digest.evidence = evidence
        return digest

    with ExitStack() as stack:
        out = CorpusOutputs(directory, adopt, ("parquet",), compress, stack, gzipped=gzipped)
        _copy_corpus(out.sink, corpus_path(previous), layout, line_bytes,
                     {p: line for p, (line, _) in replacements.items()})
        index_rows = {p: (record["id"], line, len(record["entities"]), len(evidence_of[p]))
                      for p, (line, record) in replacements.items()}
        for table in _splice(_Rows(previous / INDEX_FILE), _cuts(np.ones(len(line_bytes), dtype=np.int64), {
                p: _index_table(out, *row) for p, row in index_rows.items()})):
            out.index.write(table)
        for table in _splice(_Rows(previous / "mentions.parquet"), _cuts(index["mentions"].to_numpy(), {
                p: _mention_table(record) for p, (_, record) in replacements.items()})):
            out.parquet.write(table)
        for table in _splice(_Rows(previous / EVIDENCE_FILE), _cuts(index["evidence"].to_numpy(), {
                p: _evidence_table(out, evidence_of[p]) for p in replacements})):
            out.evidence.write_table(table)
        for line in _lines(parts):
            record = json.loads(line)
            if record["id"] not in plan.replaced:
                out.add(line, record)
        out.close()
    write_tables(digest, directory, ontology)
    return CorpusSummary.of(digest, out.sink.name)


def _lines(parts: Iterable[Path]) -> Iterator[bytes]:
    for path in parts:
        with open(path, "rb") as handle:
            for line in handle:
                if line.strip():
                    yield line if line.endswith(b"\n") else line + b"\n"


def _lines_at(path: Path, layout: dict, line_bytes: np.ndarray, positions: list[int]) -> dict[int, bytes]:
    """The corpus lines at ``positions``: by byte offset (plain), or from their gzip member."""
    found: dict[int, bytes] = {}
    if not positions:
        return found
    with open(path, "rb") as handle:
        if layout["members"]:
            per, offsets = layout["member_records"], np.concatenate([[0], np.cumsum(layout["members"])])
            for member in sorted({p // per for p in positions}):
                handle.seek(int(offsets[member]))
                lines = gzip.decompress(handle.read(layout["members"][member])).splitlines(keepends=True)
                found.update({p: lines[p - member * per] for p in positions if p // per == member})
        else:
            starts = np.concatenate([[0], np.cumsum(line_bytes)])
            for p in positions:
                handle.seek(int(starts[p]))
                found[p] = handle.read(int(line_bytes[p]))
    return found


COPY_RECORDS = 20_000
"""Records per block when a plain corpus is copied as bytes."""


def _copy_corpus(sink: Any, path: Path, layout: dict, line_bytes: np.ndarray, replaced: dict[int, bytes]) -> None:
    """The previous corpus into ``sink``, the lines at ``replaced`` positions swapped: unchanged parts as bytes."""
    total = len(line_bytes)
    with open(path, "rb") as handle:
        if layout["members"]:
            per = layout["member_records"]
            starts = np.concatenate([[0], np.cumsum(line_bytes)])
            for member, packed in enumerate(layout["members"]):
                first, last = member * per, min(total, (member + 1) * per)
                raw = handle.read(packed)
                if (last - first == per and sink.gzipped and sink.at_member_start() and per == corpus_module.GZIP_MEMBER_RECORDS
                        and not any(first <= p < last for p in replaced)):
                    sink.copy_member(raw, per, int(starts[last] - starts[first]))
                    continue
                for offset, line in enumerate(gzip.decompress(raw).splitlines(keepends=True)):
                    sink.write(replaced.get(first + offset, line))
            return
        position = 0
        for stop in [*sorted(replaced), total]:
            while position < stop:
                block = min(stop, position + COPY_RECORDS)
                sink.copy_plain(handle.read(int(line_bytes[position:block].sum())), block - position)
                position = block
            if stop < total:
                handle.seek(int(line_bytes[stop]), 1)
                sink.write(replaced[stop])
                position = stop + 1


class _Rows:
    """Row ranges of a Parquet file, read a row group at a time."""

    def __init__(self, path: Path) -> None:
        self.file = pq.ParquetFile(path)
        sizes = [self.file.metadata.row_group(i).num_rows for i in range(self.file.num_row_groups)]
        self.starts = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)]).astype(np.int64)
        self.total = int(self.starts[-1])
        self._cached: tuple[int, Any] | None = None

    def group(self, number: int) -> Any:
        if self._cached is None or self._cached[0] != number:
            self._cached = (number, self.file.read_row_group(number))
        return self._cached[1]

    def range(self, start: int, stop: int) -> Iterator[Any]:
        number = int(np.searchsorted(self.starts, start, side="right")) - 1
        while start < stop and number < self.file.num_row_groups:
            group_start, group_stop = int(self.starts[number]), int(self.starts[number + 1])
            end = min(stop, group_stop)
            if end > start:
                yield self.group(number).slice(start - group_start, end - start)
            start = max(start, end)
            number += 1


def _cuts(rows_per_record: np.ndarray, tables: dict[int, Any]) -> list[tuple[int, int, Any]]:
    """(first row, row after, replacement) of each replaced record, by the rows each record has."""
    if not tables:
        return []
    starts = np.concatenate([[0], np.cumsum(rows_per_record)])
    return [(int(starts[p]), int(starts[p + 1]), tables[p]) for p in sorted(tables)]


def _splice(rows: _Rows, cuts: list[tuple[int, int, Any]]) -> Iterator[Any]:
    at = 0
    for start, stop, table in cuts:
        yield from rows.range(at, start)
        yield table
        at = stop
    yield from rows.range(at, rows.total)


def _index_table(out: CorpusOutputs, record_id: str, line: bytes, mentions: int, evidence: int) -> Any:
    return pa.table({"id": [record_id], "key": [line_key(line)], "bytes": [len(line)], "mentions": [mentions],
                     "evidence": [evidence]}, schema=INDEX_SCHEMA)


def _mention_table(record: dict) -> Any:
    rows = [(record["id"], e["start"], e["end"], e["text"], e["label"], e["concept_id"], e["concept_label"],
             e["source"], e["generic"]) for e in record["entities"]]
    return pa.table({name: [row[i] for row in rows] for i, name in enumerate(MENTION_COLUMNS)}, schema=MENTION_SCHEMA)


def _evidence_table(out: CorpusOutputs, rows: list[tuple]) -> Any:
    return pa.table({name: [row[i] for row in rows] for i, name in enumerate(EVIDENCE_COLUMNS)},
                    schema=out.evidence.schema)
