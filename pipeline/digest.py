"""The corpus digest: one streaming pass over the tagged records that every output reads.

Tables (:mod:`astro_ie.corpus`), graphs (:mod:`astro_ie.graph`) and trends are
written from the sufficient statistics gathered here, never from a second pass
over the corpus:

* per concept: abstracts, mentions, surface forms, how mentions labelled it,
  a few contexts (for ``candidate:`` concepts), abstracts per year;
* per pair of concepts that share an abstract, in the plain and in the
  rolled-up view: abstracts, abstracts per year and the smallest few ids as
  examples;
* per year: the number of abstracts (records without a ``date`` are counted
  as undated).

Nothing is kept per abstract or per mention: memory grows with the number of
concepts and pairs (and years), not with the corpus. The full evidence (every
abstract of every pair) streams to an :class:`EvidenceWriter` as it is found.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import IO, Any

from .errors import InputError
from .models import LABELS, as_mapping

CANDIDATE_PREFIX = "candidate:"
"""Concept ids of entities the ontology lacks start with this."""

EXAMPLES = 3
"""Example abstract ids kept per edge: the smallest ids, whatever the order of the records."""

CONTEXTS = 3
"""Contexts kept per candidate concept, for curators."""

CONTEXT_CHARS = 60
TOP = 10

VIEW_FULL, VIEW_ROLLUP = "full", "full-rollup"

STATE_VERSION = 1
"""Version of :meth:`CorpusDigest.to_state`'s layout: an update refuses (and recounts) any other."""


def is_candidate(concept_id: str) -> bool:
    return concept_id.startswith(CANDIDATE_PREFIX)


def field_of(concept: Any, name: str, default: Any = None) -> Any:
    """A field of an ontology ``Concept`` or of a plain dict of its fields."""
    if isinstance(concept, Mapping):
        return concept.get(name, default)
    return getattr(concept, name, default)


def year_of(date: Any) -> int | None:
    """The year of a record's ``date`` (ISO string or ``datetime.date``), else None."""
    if date is None or date == "":
        return None
    year = getattr(date, "year", None)
    if year is not None:
        return int(year)
    try:
        return int(str(date)[:4])
    except ValueError:
        return None


def context_of(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = f"{text[left:start]}[{text[start:end]}]{text[end:right]}"
    return ("…" if left else "") + " ".join(snippet.split()) + ("…" if right < len(text) else "")


@dataclass
class ConceptTally:
    """One concept as the corpus mentions it.

    ``first`` is the corpus position of the record with the first mention (None
    once an update removed it and no later record re-established it); the
    contexts carry their (position, mention) keys, so an update can remove
    those of a changed record and insert a replacement's in corpus order.
    """

    label: str  # the first mention's concept_label
    type: str  # the first mention's entity label
    mentions: int = 0
    abstracts: int = 0
    forms: Counter = field(default_factory=Counter)
    surface: Counter = field(default_factory=Counter)  # (label, concept_label, generic) -> mentions
    contexts: list[str] = field(default_factory=list)
    years: Counter = field(default_factory=Counter)
    first: int | None = 0
    context_keys: list[tuple[int, int]] = field(default_factory=list)
    context_mentions: int = 0  # mentions a context could be taken from
    shown: int = 0  # abstracts in which it is in the graph views

    def ranked_forms(self) -> list[str]:
        return [form for form, _ in sorted(self.forms.items(), key=lambda kv: (-kv[1], kv[0]))]


@dataclass
class NodeTally:
    """One node of the rolled-up view: an abstract counts once however many members it mentions."""

    abstracts: int = 0
    mentions: int = 0
    member_counts: Counter = field(default_factory=Counter)  # member -> abstracts
    years: Counter = field(default_factory=Counter)

    @property
    def members(self) -> set[str]:
        return {member for member, count in self.member_counts.items() if count > 0}


@dataclass
class PairTally:
    """Two concepts mentioned in the same abstracts."""

    abstracts: int = 0
    examples: list[str] = field(default_factory=list)
    years: Counter = field(default_factory=Counter)

    def add(self, abstract_id: str, year: int | None) -> None:
        self.abstracts += 1
        if year is not None:
            self.years[year] += 1
        if len(self.examples) < EXAMPLES or abstract_id < self.examples[-1]:
            bisect.insort(self.examples, abstract_id)
            del self.examples[EXAMPLES:]

    def remove(self, abstract_id: str, year: int | None) -> None:
        self.abstracts -= 1
        if year is not None:
            _decrement(self.years, year)
        if abstract_id in self.examples:
            self.examples.remove(abstract_id)

    @property
    def complete(self) -> bool:
        """False when a removal left fewer examples than the smallest-ids rule needs."""
        return len(self.examples) >= min(EXAMPLES, self.abstracts)


def _decrement(counter: Counter, key: Any, by: int = 1) -> None:
    counter[key] -= by
    if counter[key] <= 0:
        del counter[key]


class Recount(Exception):
    """An update removed what only a pass over the whole corpus can restore (a first mention, an example)."""


def ranked(tallies: Mapping[str, Any]) -> list[str]:
    """The one ranking of concepts: most abstracts, then most mentions, then id."""
    return sorted(tallies, key=lambda cid: (-tallies[cid].abstracts, -tallies[cid].mentions, cid))


def year_stats(years: Mapping[int, int]) -> dict[str, Any]:
    """first_year, last_year, mean_year and abstracts_per_year of a per-year count; empty when undated."""
    if not years:
        return {}
    total = sum(years.values())
    return {
        "first_year": min(years),
        "last_year": max(years),
        "mean_year": round(sum(y * n for y, n in years.items()) / total, 2),
        "abstracts_per_year": {y: years[y] for y in sorted(years)},
    }


EvidenceSink = Callable[[str, str, str, str], None]
"""Called with (view, source, target, abstract id) for every pair of every abstract."""


class CorpusDigest:
    """The sufficient statistics of a tagged corpus, gathered in one pass (see the module doc).

    ``concepts`` maps ontology ids to concepts (to tell generic ones and to roll
    up along ``broader``); ``include_generic`` keeps umbrella concepts in the
    pair statistics. Record ids are taken to be unique, as ingestion ensures.
    """

    def __init__(self, concepts: Mapping[str, Any], include_generic: bool = False,
                 evidence: EvidenceSink | None = None) -> None:
        self.ontology = concepts
        self.include_generic = include_generic
        self.evidence = evidence
        self.abstracts = 0
        self.mentions = 0
        self.per_label: dict[str, int] = {label: 0 for label in LABELS}
        self.abstracts_per_year: Counter[int] = Counter()
        self.undated = 0
        self.concepts: dict[str, ConceptTally] = {}
        self.pairs: dict[tuple[str, str], PairTally] = {}
        self.rollup_nodes: dict[str, NodeTally] = {}
        self.rollup_pairs: dict[tuple[str, str], PairTally] = {}
        self._rollup: dict[str, str] = {}

    # --- the pass --------------------------------------------------------------

    def add_all(self, records: Iterable[Any]) -> CorpusDigest:
        for record in records:
            self.add(record)
        return self

    @property
    def shown(self) -> set[str]:
        """Concepts in the graph views (generic ones only if included)."""
        return {cid for cid, tally in self.concepts.items() if tally.shown > 0}

    def add(self, raw: Any, position: int | None = None) -> None:
        """Count one record; ``position`` is its place in the corpus (default: after the last)."""
        record = as_mapping(raw)
        self.abstracts += 1
        position = self.abstracts - 1 if position is None else position
        number = position + 1
        abstract_id = record.get("id")
        if not isinstance(abstract_id, str) or not abstract_id:
            raise InputError("E008", line=number, field="id")
        year = year_of(record.get("date"))
        if year is None:
            self.undated += 1
        else:
            self.abstracts_per_year[year] += 1
        text = record.get("text") or ""
        mentioned: dict[str, int] = {}  # concept id -> mentions in this abstract, first-mention order
        shown: dict[str, bool] = {}  # concept id -> in the graph views
        for sequence, raw_entity in enumerate(record.get("entities") or ()):
            entity = as_mapping(raw_entity)
            concept_id = entity.get("concept_id")
            if not isinstance(concept_id, str) or not concept_id:
                raise InputError("E012", line=number,
                                 detail=f"record '{abstract_id}' has an entity without a concept_id")
            label = str(entity.get("label") or "")
            concept_label = str(entity.get("concept_label") or entity.get("text") or concept_id)
            generic = bool(entity.get("generic", False))
            self.mentions += 1
            self.per_label[label] = self.per_label.get(label, 0) + 1
            tally = self.concepts.get(concept_id)
            if tally is None:
                tally = self.concepts[concept_id] = ConceptTally(concept_label, label, first=position)
            elif concept_id not in mentioned and (tally.first is None or position < tally.first):
                tally.label, tally.type, tally.first = concept_label, label, position
            tally.mentions += 1
            tally.forms[str(entity.get("text") or "")] += 1
            tally.surface[(label, concept_label, generic)] += 1
            if concept_id not in mentioned:
                mentioned[concept_id] = 0
                tally.abstracts += 1
                if year is not None:
                    tally.years[year] += 1
                shown[concept_id] = self.include_generic or not self._generic(concept_id, generic)
                if shown[concept_id]:
                    tally.shown += 1
            mentioned[concept_id] += 1
            if is_candidate(concept_id) and text:
                tally.context_mentions += 1
                key = (position, sequence)
                if len(tally.contexts) < CONTEXTS or key < tally.context_keys[-1]:
                    start, end = int(entity.get("start", 0)), int(entity.get("end", 0))
                    at = bisect.bisect(tally.context_keys, key)
                    tally.context_keys.insert(at, key)
                    tally.contexts.insert(at, f"{abstract_id}: {context_of(text, start, end)}")
                    del tally.context_keys[CONTEXTS:], tally.contexts[CONTEXTS:]
        present = sorted(cid for cid in mentioned if shown[cid])
        self._pairs(self.pairs, VIEW_FULL, present, abstract_id, year)
        rolled: dict[str, int] = {}
        for concept_id in present:
            node = self._rollup_target(concept_id)
            rolled[node] = rolled.get(node, 0) + mentioned[concept_id]
            tally = self.rollup_nodes.get(node)
            if tally is None:
                tally = self.rollup_nodes[node] = NodeTally()
            tally.member_counts[concept_id] += 1
        for node, count in rolled.items():
            tally = self.rollup_nodes[node]
            tally.abstracts += 1
            tally.mentions += count
            if year is not None:
                tally.years[year] += 1
        self._pairs(self.rollup_pairs, VIEW_ROLLUP, sorted(rolled), abstract_id, year)

    def remove(self, raw: Any, position: int) -> None:
        """Take back what :meth:`add` counted for the record at ``position`` (an update's changed abstract).

        Counts come off exactly; a first mention, a context or an example the
        record held is dropped, and :meth:`check` says whether what remains
        still equals a full pass (else :class:`Recount`).
        """
        record = as_mapping(raw)
        abstract_id = record["id"]
        self.abstracts -= 1
        year = year_of(record.get("date"))
        if year is None:
            self.undated -= 1
        else:
            _decrement(self.abstracts_per_year, year)
        mentioned: dict[str, int] = {}
        shown: dict[str, bool] = {}
        for raw_entity in record.get("entities") or ():
            entity = as_mapping(raw_entity)
            concept_id = entity["concept_id"]
            label = str(entity.get("label") or "")
            concept_label = str(entity.get("concept_label") or entity.get("text") or concept_id)
            generic = bool(entity.get("generic", False))
            self.mentions -= 1
            self.per_label[label] = self.per_label.get(label, 0) - 1
            if not self.per_label[label] and label not in LABELS:
                del self.per_label[label]
            tally = self.concepts[concept_id]
            tally.mentions -= 1
            _decrement(tally.forms, str(entity.get("text") or ""))
            _decrement(tally.surface, (label, concept_label, generic))
            if concept_id not in mentioned:
                mentioned[concept_id] = 0
                tally.abstracts -= 1
                if year is not None:
                    _decrement(tally.years, year)
                shown[concept_id] = self.include_generic or not self._generic(concept_id, generic)
                if shown[concept_id]:
                    tally.shown -= 1
                if tally.first == position:
                    tally.first = None
            mentioned[concept_id] += 1
            if is_candidate(concept_id) and record.get("text"):
                tally.context_mentions -= 1
            if tally.mentions == 0:
                del self.concepts[concept_id]
        for tally in (self.concepts.get(cid) for cid in mentioned):
            if tally is not None and tally.context_keys and any(k[0] == position for k in tally.context_keys):
                kept = [(k, c) for k, c in zip(tally.context_keys, tally.contexts) if k[0] != position]
                tally.context_keys, tally.contexts = [k for k, _ in kept], [c for _, c in kept]
        present = sorted(cid for cid in mentioned if shown[cid])
        self._unpair(self.pairs, present, abstract_id, year)
        rolled: dict[str, int] = {}
        for concept_id in present:
            node = self._rollup_target(concept_id)
            rolled[node] = rolled.get(node, 0) + mentioned[concept_id]
            _decrement(self.rollup_nodes[node].member_counts, concept_id)
        for node, count in rolled.items():
            tally = self.rollup_nodes[node]
            tally.abstracts -= 1
            tally.mentions -= count
            if year is not None:
                _decrement(tally.years, year)
            if tally.abstracts == 0:
                del self.rollup_nodes[node]
        self._unpair(self.rollup_pairs, sorted(rolled), abstract_id, year)

    def _unpair(self, pairs: dict, nodes: list[str], abstract_id: str, year: int | None) -> None:
        for pair in combinations(nodes, 2):
            tally = pairs[pair]
            tally.remove(abstract_id, year)
            if tally.abstracts == 0:
                del pairs[pair]

    def check(self) -> None:
        """Raise :class:`Recount` when removals left a statistic only a full pass can restore."""
        for tally in self.concepts.values():
            if tally.first is None or len(tally.contexts) < min(CONTEXTS, tally.context_mentions):
                raise Recount(tally.label)
        for pairs in (self.pairs, self.rollup_pairs):
            if not all(tally.complete for tally in pairs.values()):
                raise Recount("examples")

    def _pairs(self, pairs: dict, view: str, nodes: list[str], abstract_id: str, year: int | None) -> None:
        found = list(combinations(nodes, 2))
        for pair in found:  # PairTally.add, inlined: this loop runs once per pair of every abstract
            tally = pairs.get(pair)
            if tally is None:
                tally = pairs[pair] = PairTally()
            tally.abstracts += 1
            if year is not None:
                tally.years[year] += 1
            examples = tally.examples
            if len(examples) < EXAMPLES or abstract_id < examples[-1]:
                bisect.insort(examples, abstract_id)
                del examples[EXAMPLES:]
        if self.evidence is not None and found:
            add_pairs = getattr(self.evidence, "add_pairs", None)
            if add_pairs is not None:
                add_pairs(view, found, abstract_id)
            else:
                for source, target in found:
                    self.evidence(view, source, target, abstract_id)

    def _generic(self, concept_id: str, mention_generic: bool) -> bool:
        concept = self.ontology.get(concept_id)
        return bool(field_of(concept, "generic", False)) if concept is not None else mention_generic

    def _rollup_target(self, concept_id: str) -> str:
        """The first broader parent that may appear in the view, else the concept itself.

        A generic parent is skipped when generics are excluded, so rolling up never
        makes a specific concept vanish into a hidden umbrella term; unknown parents
        are skipped too. One level only.
        """
        target = self._rollup.get(concept_id)
        if target is None:
            target = concept_id
            concept = self.ontology.get(concept_id)
            for parent_id in (field_of(concept, "broader", None) or ()) if concept is not None else ():
                parent = self.ontology.get(parent_id)
                if parent is not None and (self.include_generic or not field_of(parent, "generic", False)):
                    target = parent_id
                    break
            self._rollup[concept_id] = target
        return target

    # --- the state an update starts from -----------------------------------------

    def to_state(self) -> dict[str, Any]:
        """The statistics as plain JSON data, in sorted order: the same corpus gives the same state."""

        def counter(c: Counter) -> list:
            return sorted([*k, n] if isinstance(k, tuple) else [k, n] for k, n in c.items())

        def pairs(tallies: dict) -> list:
            return [[a, b, t.abstracts, t.examples, counter(t.years)] for (a, b), t in sorted(tallies.items())]

        return {
            "version": STATE_VERSION,
            "include_generic": self.include_generic,
            "abstracts": self.abstracts,
            "mentions": self.mentions,
            "per_label": dict(sorted(self.per_label.items())),
            "abstracts_per_year": counter(self.abstracts_per_year),
            "undated": self.undated,
            "concepts": [[cid, t.label, t.type, t.mentions, t.abstracts, counter(t.forms), counter(t.surface),
                          t.contexts, [list(k) for k in t.context_keys], counter(t.years), t.first,
                          t.context_mentions, t.shown] for cid, t in sorted(self.concepts.items())],
            "pairs": pairs(self.pairs),
            "rollup_nodes": [[node, t.abstracts, t.mentions, counter(t.member_counts), counter(t.years)]
                             for node, t in sorted(self.rollup_nodes.items())],
            "rollup_pairs": pairs(self.rollup_pairs),
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any], concepts: Mapping[str, Any],
                   evidence: EvidenceSink | None = None) -> CorpusDigest:
        """The digest :meth:`to_state` saved, ready to count more records (same ontology)."""
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"digest state version {state.get('version')!r}, not {STATE_VERSION}")
        digest = cls(concepts, bool(state["include_generic"]), evidence=evidence)
        digest.abstracts, digest.mentions, digest.undated = state["abstracts"], state["mentions"], state["undated"]
        digest.per_label = dict(state["per_label"])
        digest.abstracts_per_year = Counter({y: n for y, n in state["abstracts_per_year"]})
        for (cid, label, type_, mentions, abstracts, forms, surface, contexts, keys, years, first,
             context_mentions, shown) in state["concepts"]:
            digest.concepts[cid] = ConceptTally(
                label, type_, mentions, abstracts, Counter({f: n for f, n in forms}),
                Counter({(a, b, c): n for a, b, c, n in surface}), list(contexts),
                Counter({y: n for y, n in years}), first, [tuple(k) for k in keys], context_mentions, shown)
        for key, target in (("pairs", digest.pairs), ("rollup_pairs", digest.rollup_pairs)):
            for a, b, abstracts, examples, years in state[key]:
                target[(a, b)] = PairTally(abstracts, list(examples), Counter({y: n for y, n in years}))
        for node, abstracts, mentions, members, years in state["rollup_nodes"]:
            digest.rollup_nodes[node] = NodeTally(abstracts, mentions, Counter({m: n for m, n in members}),
                                                  Counter({y: n for y, n in years}))
        return digest

    # --- what the outputs read -----------------------------------------------------

    @property
    def dated(self) -> bool:
        return bool(self.abstracts_per_year)

    def node_info(self, concept_id: str) -> dict[str, Any]:
        """Label, type, kind, generic, broader: from the ontology, else from the mentions.

        For a concept outside the ontology, the most frequent (label,
        concept_label, generic) of its mentions, ties to the smallest, so the
        choice does not depend on the order of the records.
        """
        concept = self.ontology.get(concept_id)
        if concept is not None:
            return {
                "label": field_of(concept, "label"),
                "type": field_of(concept, "type"),
                "kind": field_of(concept, "kind"),
                "generic": bool(field_of(concept, "generic", False)),
                "broader": list(field_of(concept, "broader", None) or ()),
            }
        tally = self.concepts.get(concept_id)
        seen = tally.surface if tally else {}
        label, concept_label, generic = (
            min(seen.items(), key=lambda item: (-item[1], item[0]))[0] if seen else ("", concept_id, False)
        )
        return {
            "label": concept_label,
            "type": label,
            "kind": "candidate" if is_candidate(concept_id) else "unknown",
            "generic": generic,
            "broader": [],
        }

    def top_concepts(self, top: int = TOP) -> dict[str, list[tuple[str, str, int]]]:
        """Per label, the ``top`` concepts as (id, label, abstracts), in :func:`ranked` order."""
        order = ranked(self.concepts)
        result = {}
        for label in LABELS:
            of_label = [cid for cid in order if self.concepts[cid].type == label][:top]
            result[label] = [(cid, self.concepts[cid].label, self.concepts[cid].abstracts) for cid in of_label]
        return result

    def new_candidates(self, top: int = 20) -> list[tuple[str, str, int]]:
        """The most frequent ``candidate:`` concepts as (id, type, abstracts)."""
        order = [cid for cid in ranked(self.concepts) if is_candidate(cid)][:top]
        return [(cid, self.concepts[cid].type, self.concepts[cid].abstracts) for cid in order]


# --- the evidence table ------------------------------------------------------------

EVIDENCE_FILE = "edges-evidence.parquet"
EVIDENCE_COLUMNS = ("view", "source", "target", "abstract_id")


class RowGroupWriter:
    """A Parquet file in row groups of exactly ``rows`` rows (the last one shorter), however rows arrive.

    Row groups do not depend on how the rows were batched, so an update that
    splices rows into a previous file's row groups writes the same bytes as a
    run that wrote them all at once.
    """

    def __init__(self, handle: IO[bytes], schema: Any, rows: int, **options: Any) -> None:
        import pyarrow.parquet as pq

        self.schema, self.rows = schema, rows
        self.writer = pq.ParquetWriter(handle, schema, **options)
        self.pending: list[Any] = []
        self.pending_rows = 0
        self.written = 0

    def write(self, table: Any) -> None:
        import pyarrow as pa

        if not table.num_rows:
            return
        self.pending.append(table)
        self.pending_rows += table.num_rows
        if self.pending_rows >= self.rows:
            whole = pa.concat_tables(self.pending)
            start = 0
            while whole.num_rows - start >= self.rows:
                self._write(whole.slice(start, self.rows))
                start += self.rows
            rest = whole.slice(start)
            self.pending, self.pending_rows = ([rest] if rest.num_rows else []), rest.num_rows

    def _write(self, table: Any) -> None:
        self.writer.write_table(table.combine_chunks(), row_group_size=self.rows)
        self.written += table.num_rows

    def close(self) -> None:
        import pyarrow as pa

        if self.pending_rows or not self.written:
            self._write(pa.concat_tables(self.pending) if self.pending else self.schema.empty_table())
        self.writer.close()


class EvidenceWriter:
    """``edges-evidence.parquet``: one row per (view, pair, abstract), streamed in row groups.

    Rows come in corpus order; ``pd.read_parquet(path).groupby(["source",
    "target"])`` gives each edge's abstracts. ``view`` is ``full`` or
    ``full-rollup``; the technique-instrument views are subsets of those.
    """

    def __init__(self, handle: IO[bytes], rows_per_group: int = 200_000) -> None:
        import pyarrow as pa

        self._pa = pa
        self.schema = pa.schema([(name, pa.string()) for name in EVIDENCE_COLUMNS])
        self.writer = RowGroupWriter(handle, self.schema, rows_per_group, compression="zstd", use_dictionary=True)
        self.rows_per_group = rows_per_group
        self.columns: tuple[list[str], ...] = ([], [], [], [])
        self.rows = 0

    def __call__(self, view: str, source: str, target: str, abstract_id: str) -> None:
        views, sources, targets, ids = self.columns
        views.append(view)
        sources.append(source)
        targets.append(target)
        ids.append(abstract_id)
        self.rows += 1
        if len(ids) >= self.rows_per_group:
            self.flush()

    def add_pairs(self, view: str, pairs: list[tuple[str, str]], abstract_id: str) -> None:
        """The rows of one abstract's pairs at once (what the digest calls)."""
        views, sources, targets, ids = self.columns
        count = len(pairs)
        views.extend([view] * count)
        sources.extend([pair[0] for pair in pairs])
        targets.extend([pair[1] for pair in pairs])
        ids.extend([abstract_id] * count)
        self.rows += count
        if len(ids) >= self.rows_per_group:
            self.flush()

    def write_table(self, table: Any) -> None:
        """Rows already in a table (an update's rows of the previous file), after those called in."""
        self.flush()
        self.rows += table.num_rows
        self.writer.write(table)

    def flush(self) -> None:
        if self.columns[0]:
            self.writer.write(self._pa.table(dict(zip(EVIDENCE_COLUMNS, self.columns)), schema=self.schema))
            for column in self.columns:
                column.clear()

    def close(self) -> None:
        self.flush()
        self.writer.close()
