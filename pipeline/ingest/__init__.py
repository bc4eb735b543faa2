"""Ingestion: books of abstracts, JSONL/CSV files and archive exports in, ``Abstract`` records out.

Every source becomes the same record (:class:`~astro_ie.models.Abstract`), so no
later stage needs to know where an abstract came from. :func:`read_abstracts` is
the one entry point; each format is one module (``tabular``: JSONL and CSV;
``book``: the book of abstracts; ``arxiv``, ``ads``, ``indico``: the archives'
exports), ``sniff`` tells them apart, ``files`` and ``fields`` hold what they
share.

Problems a user can fix are raised as :class:`~astro_ie.errors.InputError`, one
line naming file and line, at the first bad record; with ``skip_bad`` the bad
record is handed to ``on_skip`` instead and reading goes on. A problem with a
whole file (missing, empty, binary, undetectable format, a CSV header lacking a
column, a book that is not UTF-8) cannot be skipped: it is always raised.

Line formats are streamed, so an input of any size runs in constant memory
(plus the set of ids seen, needed to refuse duplicates).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..errors import InputError, Warnings, warn, warning_line
from ..models import Abstract
from .ads import read_ads
from .arxiv import read_arxiv
from .book import MAX_BOOK_BYTES, BookParse, TocEntry, parse_book, read_book, session_slug
from .files import MAX_LINE_BYTES, SNIFF_BYTES, ReadOptions, check_head, check_is_file, open_input
from .indico import read_indico
from .people import parse_speaker_line
from .sniff import EXTENSION_FORMATS, detect_format
from .tabular import OPTIONAL_FIELDS, REQUIRED_FIELDS, read_csv, read_jsonl

__all__ = [
    "EXTENSION_FORMATS",
    "FORMATS",
    "MAX_BOOK_BYTES",
    "MAX_LINE_BYTES",
    "OPTIONAL_FIELDS",
    "READERS",
    "REQUIRED_FIELDS",
    "SNIFF_BYTES",
    "BookParse",
    "ReadOptions",
    "TocEntry",
    "Warnings",
    "check_files",
    "detect_format",
    "parse_book",
    "parse_speaker_line",
    "read_abstracts",
    "session_slug",
    "warning_line",
]

log = logging.getLogger(__name__)

PathLike = str | Path

READERS = {"book": read_book, "jsonl": read_jsonl, "csv": read_csv, "arxiv": read_arxiv, "ads": read_ads,
           "indico": read_indico}
"""Each format's reader: ``(handle, path, on_warning)`` to records and the errors of bad ones, in file order."""
FORMATS = ("auto", *READERS)


def read_abstracts(
    paths: Sequence[PathLike],
    input_format: str = "auto",
    skip_bad: bool = False,
    on_skip: Callable[[InputError], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    categories: Sequence[str] = (),
) -> Iterator[Abstract]:
    """Yield the abstracts of every input, in input order (book order for a book).

    ``input_format`` is ``auto`` (by extension, then by content) or one of
    :data:`READERS`, and applies to every path. The arguments and the existence
    of every path are checked now, so that a typo fails before any output is
    started; the files themselves are read as the iterator is consumed.
    Warnings go to ``on_warning`` (default: Python's :mod:`warnings`).
    ``categories`` keeps, of an arXiv snapshot, the records with a category
    starting with one of them ('astro-ph' keeps 'astro-ph.GA'); other formats
    have no categories and are not filtered.

    Ids must be unique over all inputs: a later duplicate is an error (E009),
    or, with ``skip_bad``, is skipped.
    """
    if input_format not in FORMATS:
        raise InputError("E013", fmt=input_format)
    checked = [Path(path) for path in paths]
    for path in checked:
        check_is_file(path)
    options = ReadOptions(on_warning or warn, tuple(c.strip() for c in categories if c.strip()))
    return _read_all(checked, input_format, skip_bad, on_skip or _log_skip, options)


def check_files(paths: Sequence[PathLike], input_format: str = "auto") -> None:
    """Refuse now, from the first bytes of each, an input none of whose records could be read.

    Missing, a directory, empty, binary, UTF-16 or (with ``auto``) of no format
    astro-ie can tell: what a run checks before it starts any work. Bad records
    inside a readable file are found as the file is read.
    """
    if input_format not in FORMATS:
        raise InputError("E013", fmt=input_format)
    for path in map(Path, paths):
        check_is_file(path)
        with open_input(path) as handle:
            head = handle.read(SNIFF_BYTES)
        check_head(head, path)
        if input_format == "auto":
            detect_format(path, head)


def _log_skip(error: InputError) -> None:
    log.warning("skipped: %s", error.one_line())


def _read_all(
    paths: list[Path],
    input_format: str,
    skip_bad: bool,
    on_skip: Callable[[InputError], None],
    options: ReadOptions,
) -> Iterator[Abstract]:
    first_seen: dict[str, tuple[str, int | None]] = {}
    for path in paths:
        with open_input(path) as handle:
            head = handle.read(SNIFF_BYTES)
            check_head(head, path)
            fmt = input_format if input_format != "auto" else detect_format(path, head)
            handle.seek(0)
            for item in READERS[fmt](handle, path, options):
                if isinstance(item, Abstract) and item.id in first_seen:
                    item = _duplicate_error(item, path, first_seen[item.id])
                if isinstance(item, InputError):
                    if not skip_bad:
                        raise item
                    on_skip(item)
                    continue
                first_seen[item.id] = (str(path), item.line)
                yield item


def _duplicate_error(record: Abstract, path: Path, first: tuple[str, int | None]) -> InputError:
    first_path, first_line = first
    where_first = first_line if first_path == str(path) else f"{first_line} of {Path(first_path).name}"
    return InputError("E009", path, record.line, id=record.id, first_line=where_first)
