"""ADS search-API exports: the JSON of ``/v1/search/query``, one page or several in a file.

A page is ``{"responseHeader": ..., "response": {"numFound", "start",
"docs": [...]}}``; each doc has a ``bibcode``, ``title`` as a list, an
``abstract``, ``pubdate`` like "2024-07-00" (day or month 00 when unknown),
``author`` and ``aff`` lists, ``keyword``, ``doi`` and whatever else the query's
``fl`` asked for. Several pages may sit in one file one after another, or in
several files. A page is parsed whole (it holds at most a few thousand docs).

The record's id is the bibcode; its date the ``pubdate`` (a month or year only:
its first day, noted in ``metadata['date_precision']``); its authors the
``author`` list with the ``aff`` of the same position; every other field is
kept in ``metadata`` as given.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..models import Abstract, Author
from .fields import Fields, date_fields, partial_date
from .files import MAX_DOCUMENT_BYTES, JSONText, ReadOptions, read_text
from .text import html_to_text

MAPPED_FIELDS = ("bibcode", "title", "abstract", "pubdate", "author", "aff")
"""Fields that become the record's own; the rest go to ``metadata``."""


def read_ads(handle: BinaryIO, path: Path, options: ReadOptions) -> Iterator[Abstract | InputError]:
    document = JSONText(read_text(handle, path, MAX_DOCUMENT_BYTES), path)
    for start, page in document.documents():
        response = page.get("response") if isinstance(page, dict) else None
        docs = response.get("docs") if isinstance(response, dict) else None
        if not isinstance(docs, list):
            raise InputError("E025", path, document.line(start), source="an ADS search result",
                             detail="no 'response.docs' list")
        positions = document.items(document.members(document.members(start)["response"])["docs"])
        for position, doc in zip(positions, docs):
            line = document.line(position)
            if not isinstance(doc, dict):
                yield InputError("E012", path, line, detail="a doc must be a JSON object")
                continue
            try:
                yield ads_record(Fields(doc, path, line))
            except InputError as error:
                yield error


def ads_record(fields: Fields) -> Abstract:
    bibcode = fields.string("bibcode", required=True)
    abstract = html_to_text(fields.string("abstract", required=True))
    if not abstract:
        raise fields.missing("abstract")
    metadata = {key: value for key, value in fields.fields.items() if key not in MAPPED_FIELDS}
    date, noted = None, {}
    if fields.string("pubdate"):
        found = partial_date(fields.string("pubdate"))
        if found is None:
            raise fields.error(f"'pubdate' is not a date: {fields.string('pubdate')!r}")
        date, noted = date_fields(found)
    names = fields.strings("author")
    affiliations = fields.strings("aff")
    authors = [
        Author(name=" ".join(name.split()), affiliation=_affiliation(affiliations, index))
        for index, name in enumerate(names)
        if name.strip()
    ]
    return fields.build(
        id=bibcode,
        title=" ".join(html_to_text(" ".join(fields.strings("title"))).split()),
        abstract=abstract,
        date=date,
        authors=authors,
        metadata={**metadata, **noted},
    )


def _affiliation(affiliations: list[str], index: int) -> str | None:
    """ADS lists one affiliation per author, '-' where it has none."""
    if index >= len(affiliations):
        return None
    text = " ".join(affiliations[index].split())
    return None if text in ("", "-") else text
