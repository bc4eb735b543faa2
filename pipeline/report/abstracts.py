"""One tagged abstract as markup: its text cut into plain runs and marked mentions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from ..models import as_mapping
from .colors import mark_color_of


@dataclass(frozen=True)
class Mark:
    """What the template shows of one mention: its label, concept and tooltip."""

    label: str
    concept: str
    tooltip: str
    link: str
    color: str


Segment = tuple[str, "Mark | None"]


def abstract_anchor(abstract_id: str) -> str:
    """The element id of an abstract in the page: stable, linkable from outside, no spaces."""
    return "abstract-" + quote(abstract_id, safe="")


def concept_link(concept_id: str) -> str:
    """A link the page's script turns into "select this concept in the graph"."""
    return "#concept=" + quote(concept_id, safe="")


def clean_spans(entities: Iterable[Any], length: int) -> list[Mapping]:
    """Entities inside the text, sorted, without overlaps (marking them would repeat text).

    Overlaps keep the earlier, then the longer, mention.
    """
    spans = []
    for raw in entities:
        entity = as_mapping(raw)
        start, end = entity.get("start"), entity.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length:
            spans.append(entity)
    spans.sort(key=lambda e: (e["start"], -e["end"]))
    kept: list[Mapping] = []
    for entity in spans:
        if not kept or entity["start"] >= kept[-1]["end"]:
            kept.append(entity)
    return kept


def _mark(entity: Mapping) -> Mark:
    concept_id = str(entity.get("concept_id") or "")
    return _mark_of(str(entity.get("label") or ""), concept_id, str(entity.get("concept_label") or concept_id),
                    bool(entity.get("generic")))


@lru_cache(maxsize=8192)
def _mark_of(label: str, concept_id: str, concept_label: str, generic: bool) -> Mark:
    """One Mark per distinct mention kind: the page repeats a few hundred concepts thousands of times."""
    tooltip = f"{concept_label} ({concept_id})" + (", generic" if generic else "")
    return Mark(label, concept_id, tooltip, concept_link(concept_id), mark_color_of(label))


def segments(text: str, spans: list[Mapping], offset: int) -> list[Segment]:
    """``text`` cut at the mentions, whose offsets start ``offset`` characters earlier in the record."""
    out: list[Segment] = []
    position = 0
    for entity in spans:
        start, end = entity["start"] - offset, entity["end"] - offset
        if start > position:
            out.append((text[position:start], None))
        out.append((text[start:end], _mark(entity)))
        position = end
    if position < len(text):
        out.append((text[position:], None))
    return out


def abstract_context(record: Mapping | Any) -> dict[str, Any]:
    """What ``abstract.html`` needs of one record.

    The title part of ``text`` (before ``abstract_start``) and the abstract are
    cut apart so the title can be set as a heading with its own mentions.
    """
    record = as_mapping(record)
    abstract_id = str(record.get("id") or "")
    text = str(record.get("text") or "")
    start = record.get("abstract_start")
    if not isinstance(start, int) or not 0 <= start <= len(text):
        start = 0
    spans = clean_spans(record.get("entities") or (), len(text))
    title: list[Segment] | None = None
    if start > 0:
        head = text[:start].rstrip()
        title = segments(head, [e for e in spans if e["end"] <= len(head)], 0)
    speakers = (as_mapping(s) for s in record.get("speakers") or ())
    return {
        "id": abstract_id,
        "anchor": abstract_anchor(abstract_id),
        "title_segments": title,
        "title": str(record.get("title") or abstract_id),
        "body": segments(text[start:], [e for e in spans if e["start"] >= start], start),
        "session": str(record.get("session") or ""),
        "number": str(record.get("number") or ""),
        "date": str(record.get("date") or ""),
        "speakers": [str(s.get("name")) for s in speakers if s.get("name")],
        "n_mentions": len(record.get("entities") or ()),
    }
