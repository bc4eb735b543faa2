"""What the report reads: the written outputs of one run directory, never the corpus in full.

The tables (``concepts.csv``), the technique-instrument graph (its node-link
JSON), the time axis (``trends.csv`` and ``pair-trends.csv``, when the records
have dates), the run's counts (given by the caller, else ``manifest.json``),
and the first ``max_abstracts`` records of ``corpus.jsonl`` (or
``corpus.jsonl.gz``) for the tagged abstracts the page embeds. The report's
cost is the page's size, not the corpus's.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import InputError
from ..models import as_mapping

CONCEPTS_NAME = "concepts.csv"
GRAPH_STEM = "technique-instrument"
TRENDS_NAME = "trends.csv"
PAIR_TRENDS_NAME = "pair-trends.csv"
MANIFEST_NAME = "manifest.json"
CORPUS_NAMES = ("corpus.jsonl", "corpus.jsonl.gz")


@dataclass(frozen=True)
class ConceptRow:
    """One line of ``concepts.csv``."""

    concept_id: str
    label: str
    type: str
    generic: bool
    n_abstracts: int
    n_mentions: int
    forms: tuple[str, ...]


@dataclass(frozen=True)
class TrendRow:
    """One line of ``trends.csv`` (``source``/``target`` empty) or ``pair-trends.csv``."""

    key: tuple[str, ...]
    labels: tuple[str, ...]
    type: str
    year: int
    abstracts: int
    share: float


@dataclass
class RunOutputs:
    """The run directory as the report sees it."""

    directory: Path
    concepts: list[ConceptRow]
    view: nx.Graph
    counts: Mapping[str, Any]
    sample: list[dict]
    sample_is_complete: bool
    trends: list[TrendRow] | None = None
    pair_trends: list[TrendRow] | None = None
    undated_in_sample: list[str] = field(default_factory=list)

    @property
    def n_abstracts(self) -> int | None:
        """Abstracts of the run: from its counts, else the graph, else a complete sample."""
        for value in (self.counts.get("abstracts"), self.view.graph.get("n_abstracts")):
            if isinstance(value, int):
                return value
        return len(self.sample) if self.sample_is_complete else None

    @property
    def n_undated(self) -> int | None:
        """Records without a date: from the run's counts, else a complete sample; None if unknown."""
        value = self.counts.get("undated")
        if isinstance(value, int):
            return value
        return len(self.undated_in_sample) if self.sample_is_complete else None


def _read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        yield from enumerate(csv.DictReader(handle), 2)


def _int(value: str | None, path: Path, line: int, name: str) -> int:
    try:
        return int(value or 0)
    except ValueError as exc:
        raise InputError("E012", path, line, detail=f"column {name!r} is not a whole number: {value!r}") from exc


def _float(value: str | None, path: Path, line: int, name: str) -> float:
    try:
        return float(value or 0)
    except ValueError as exc:
        raise InputError("E012", path, line, detail=f"column {name!r} is not a number: {value!r}") from exc


def read_concepts(path: Path) -> list[ConceptRow]:
    rows = []
    for line, row in _read_csv(path):
        rows.append(
            ConceptRow(
                concept_id=row.get("concept_id") or "",
                label=row.get("label") or row.get("concept_id") or "",
                type=row.get("type") or "",
                generic=(row.get("generic") or "").strip().lower() == "true",
                n_abstracts=_int(row.get("n_abstracts"), path, line, "n_abstracts"),
                n_mentions=_int(row.get("n_mentions"), path, line, "n_mentions"),
                forms=tuple(form for form in (row.get("forms") or "").split(";") if form),
            )
        )
    return rows


def read_trends(path: Path) -> list[TrendRow]:
    """``trends.csv``: ``concept_id,label,type,year,abstracts,share``."""
    return [
        TrendRow(
            key=(row.get("concept_id") or "",),
            labels=(row.get("label") or row.get("concept_id") or "",),
            type=row.get("type") or "",
            year=_int(row.get("year"), path, line, "year"),
            abstracts=_int(row.get("abstracts"), path, line, "abstracts"),
            share=_float(row.get("share"), path, line, "share"),
        )
        for line, row in _read_csv(path)
    ]


def read_pair_trends(path: Path) -> list[TrendRow]:
    """``pair-trends.csv``: ``source,target,source_label,target_label,year,abstracts,share``."""
    return [
        TrendRow(
            key=(row.get("source") or "", row.get("target") or ""),
            labels=(
                row.get("source_label") or row.get("source") or "",
                row.get("target_label") or row.get("target") or "",
            ),
            type="",
            year=_int(row.get("year"), path, line, "year"),
            abstracts=_int(row.get("abstracts"), path, line, "abstracts"),
            share=_float(row.get("share"), path, line, "share"),
        )
        for line, row in _read_csv(path)
    ]


def read_graph(path: Path) -> nx.Graph:
    """The node-link JSON the graph exports write (``edges="links"``)."""
    with open(path, encoding="utf-8") as handle:
        try:
            data = json.load(handle)
        except json.JSONDecodeError as exc:
            raise InputError("E007", path, exc.lineno, detail=exc.msg) from exc
    return nx.node_link_graph(data, edges="links")


def _corpus_path(directory: Path) -> Path | None:
    return next((directory / name for name in CORPUS_NAMES if (directory / name).exists()), None)


def read_sample(directory: Path, limit: int) -> tuple[list[dict], bool]:
    """The first ``limit`` records of the run's corpus, and whether they are all of it."""
    path = _corpus_path(directory)
    if path is None:
        return [], False
    opener = gzip.open if path.suffix == ".gz" else open
    records: list[dict] = []
    with opener(path, "rt", encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip())
        for number, line in enumerate(islice(lines, limit + 1), 1):
            if number > limit:
                return records, False
            try:
                records.append(as_mapping(json.loads(line)))
            except json.JSONDecodeError as exc:
                raise InputError("E007", path, number, detail=exc.msg) from exc
    return records, True


def read_counts(directory: Path) -> dict[str, Any]:
    """``counts`` of the run's ``manifest.json``, when it is there (a finished run)."""
    path = directory / MANIFEST_NAME
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        try:
            counts = json.load(handle).get("counts")
        except (json.JSONDecodeError, AttributeError):
            return {}
    return counts if isinstance(counts, dict) else {}


def read_run(directory: Path, counts: Mapping[str, Any] | None, max_abstracts: int,
             graph: str = GRAPH_STEM) -> RunOutputs:
    """Everything the report shows, read from ``directory``; missing tables read as empty."""
    directory = Path(directory)
    concepts_path, graph_path = directory / CONCEPTS_NAME, directory / f"{graph}.json"
    concepts = read_concepts(concepts_path) if concepts_path.exists() else []
    view = read_graph(graph_path) if graph_path.exists() else nx.Graph()
    sample, complete = read_sample(directory, max_abstracts)
    trends_path, pairs_path = directory / TRENDS_NAME, directory / PAIR_TRENDS_NAME
    return RunOutputs(
        directory=directory,
        concepts=concepts,
        view=view,
        counts=dict(counts) if counts is not None else read_counts(directory),
        sample=sample,
        sample_is_complete=complete,
        trends=read_trends(trends_path) if trends_path.exists() else None,
        pair_trends=read_pair_trends(pairs_path) if pairs_path.exists() else None,
        undated_in_sample=[str(r.get("id") or "") for r in sample if not r.get("date")],
    )
