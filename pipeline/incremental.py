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

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import corpus_path, read_corpus
from .digest import year_of
from .extract import compose_text
from .models import Abstract, json_line

_HEAD_FIELDS = ("id", "title", "session", "number", "date", "speakers", "metadata", "text", "abstract_start")
"""The fields of a tagged record that come from its abstract: what its content key covers."""


def record_head(record: dict) -> dict:
    return {name: record.get(name) for name in _HEAD_FIELDS}


def abstract_head(abstract: Abstract) -> dict:
    """What the tagged record of ``abstract`` will hold besides its entities."""
    text, start = compose_text(abstract)
    data = abstract.model_dump(mode="json")
    return record_head({**data, "text": text, "abstract_start": start})


def content_key(head: dict) -> str:
    return hashlib.sha256(json_line(head).encode("utf-8")).hexdigest()


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
        return cls(path, reusable, list(manifest.get("inputs") or []))


@dataclass
class UpdatePlan:
    """Which of the new abstracts to tag: ``unchanged`` ids are kept, ``replaced`` ids re-tagged in place."""

    previous: PreviousRun
    unchanged: set[str] = field(default_factory=set)
    replaced: set[str] = field(default_factory=set)

    @classmethod
    def make(cls, previous: PreviousRun, new: Iterable[Abstract]) -> UpdatePlan:
        """Compare the new abstracts with the previous corpus: one pass over each, holding the new keys only."""
        keys = {abstract.id: content_key(abstract_head(abstract)) for abstract in new}
        plan = cls(previous)
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
