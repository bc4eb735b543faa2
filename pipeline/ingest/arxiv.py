"""arXiv metadata snapshots: Kaggle's ``arxiv-metadata-oai-snapshot.json``, one JSON object a line.

Each line is one paper as arXiv's OAI-PMH interface describes it: ``id``,
``title``, ``abstract``, ``categories`` (space-separated), ``versions`` (each
``created`` like "Mon, 2 Apr 2007 19:18:42 GMT"), ``update_date``,
``authors_parsed`` (``[last, first, suffix]``), ``doi`` and more. A snapshot
is gigabytes: it is streamed line by line, and records outside the requested
categories are passed over before they are checked.

The record's id is ``arXiv:<id>``, its date the first version's (else
``update_date``, noted in ``metadata['date_source']``), its authors those of
``authors_parsed`` (else of the ``authors`` string); every other field is kept
in ``metadata`` as given.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..models import Abstract, Author
from .fields import Fields, date_fields, partial_date
from .files import ReadOptions, json_objects
from .text import unwrap

log = logging.getLogger(__name__)

ID_PREFIX = "arXiv:"
MAPPED_FIELDS = ("id", "title", "abstract", "authors", "authors_parsed", "versions")
"""Fields that become the record's own; the rest go to ``metadata``."""
MARKER_FIELDS = frozenset({"authors_parsed", "versions", "update_date"})
"""Fields only an arXiv snapshot has among the JSON lines astro-ie reads (see ``sniff``)."""

_AUTHOR_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def read_arxiv(handle: BinaryIO, path: Path, options: ReadOptions) -> Iterator[Abstract | InputError]:
    passed_over = 0
    for item in json_objects(handle, path):
        if isinstance(item, InputError):
            yield item
            continue
        number, fields = item
        if options.categories and not in_categories(fields.get("categories"), options.categories):
            passed_over += 1
            continue
        try:
            yield arxiv_record(Fields(fields, path, number))
        except InputError as error:
            yield error
    if passed_over:
        log.info("%s: %d records outside categories %s passed over", path, passed_over, ", ".join(options.categories))


def in_categories(value: Any, prefixes: tuple[str, ...]) -> bool:
    """Whether any of a record's categories starts with one of ``prefixes`` ('astro-ph' takes 'astro-ph.GA')."""
    categories = value.split() if isinstance(value, str) else value if isinstance(value, list) else []
    return any(isinstance(c, str) and c.startswith(prefixes) for c in categories)


def arxiv_record(fields: Fields) -> Abstract:
    arxiv_id = fields.string("id", required=True)
    abstract = unwrap(fields.string("abstract", required=True))
    metadata = {key: value for key, value in fields.fields.items() if key not in MAPPED_FIELDS}
    date = _first_version_date(fields)
    if date is None and fields.string("update_date"):
        found = partial_date(fields.string("update_date"))
        if found is None:
            raise fields.error(f"'update_date' is not a date: {fields.string('update_date')!r}")
        date, noted = date_fields(found)
        metadata.update(noted, date_source="update_date")
    return fields.build(
        id=f"{ID_PREFIX}{arxiv_id}",
        title=" ".join(fields.string("title").split()),
        abstract=abstract,
        date=date,
        authors=_authors(fields),
        metadata=metadata,
    )


def _first_version_date(fields: Fields) -> dt.date | None:
    """The date of the earliest version (the paper's first appearance), ``None`` if there are no versions."""
    dates = []
    for version in fields.objects("versions"):
        created = version.get("created")
        try:
            dates.append(parsedate_to_datetime(created).date())
        except (TypeError, ValueError, IndexError):
            raise fields.error(f"a version's 'created' is not an RFC 2822 date: {created!r}") from None
    return min(dates, default=None)


def _authors(fields: Fields) -> list[Author]:
    parsed = fields.fields.get("authors_parsed")
    if parsed is not None:
        if not isinstance(parsed, list) or not all(isinstance(a, list) for a in parsed):
            raise fields.error("'authors_parsed' must be a list of [last, first, suffix] lists")
        names = [" ".join(str(part).strip() for part in (a[1:2] + a[:1] + a[2:3]) if str(part).strip())
                 for a in parsed]
    else:
        names = [name.strip() for name in _AUTHOR_SEPARATOR.split(" ".join(fields.string("authors").split()))]
    return [Author(name=name) for name in names if name]
