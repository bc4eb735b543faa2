"""Ingestion: books of abstracts, JSONL and CSV files in, ``Abstract`` records out.

Every source becomes the same record (:class:`~pipeline.models.Abstract`), so no
later stage needs to know where an abstract came from. :func:`read_abstracts` is
the one entry point; :func:`parse_book` is the book parser as a pure function of
the text, so that it can be tested (and property-tested) without files.

Problems a user can fix are raised as :class:`~pipeline.errors.InputError`, one
line naming file and line, at the first bad record; with ``skip_bad`` the bad
record is handed to ``on_skip`` instead and reading goes on. A problem with a
whole file (missing, empty, binary, undetectable format, a CSV header lacking a
column, a book that is not UTF-8) cannot be skipped: it is always raised.

JSONL and CSV are streamed line by line, so an input of any size runs in
constant memory (plus the set of ids seen, needed to refuse duplicates). A book
is small and is parsed whole.

The book parser reads an Indico-style book of abstracts as extracted from PDF:
a table of contents, day headers ("Monday, 8 July 2024"), ``Session / N``
headers, titles, ``Speaker:`` lines and abstracts. It mends what extraction
breaks: headers fused with titles and speaker lines through ``**`` markers,
titles wrapped over lines, paragraphs split by page breaks, stray markdown. The
table of contents is used only to cross-check the titles found in the body; its
mismatches become warnings, never errors.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import json
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from .errors import InputError
from .models import Abstract, Speaker

log = logging.getLogger(__name__)

PathLike = str | Path

FORMATS = ("auto", "book", "jsonl", "csv")
EXTENSION_FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json-lines": "jsonl",
    ".csv": "csv",
    ".txt": "book",
    ".text": "book",
    ".md": "book",
    ".markdown": "book",
}
REQUIRED_FIELDS = ("id", "title", "abstract")
"""A JSONL/CSV record must have these; every other field goes to ``metadata``..."""
OPTIONAL_FIELDS = ("session", "number", "date", "speakers")
"""...except these, which fill the record's own fields when present."""

SNIFF_BYTES = 8192
"""How much of a file is read to tell binary from text and, if need be, the format."""
MAX_LINE_BYTES = 16 * 1024 * 1024
"""A JSONL line longer than this is refused rather than loaded (no abstract is that long)."""
MAX_BOOK_BYTES = 64 * 1024 * 1024
"""A book is parsed whole (in about 20 times its size): a larger one is refused; JSONL and CSV stream."""


class Warnings:
    """Catalogue of the warnings ingestion reports: the input is usable but looks off."""

    W001 = "the table of contents lists '{title}', but no abstract has this title"
    W002 = "the table of contents lists '{title}' once, but {count} abstracts have it (lines {lines})"
    W003 = "the table of contents lists '{title}' out of book order (its abstract is at line {found})"
    W004 = "abstract '{title}' is not in the table of contents"
    W005 = "text outside any abstract ignored: '{text}'"


def warning_line(code: str, path: str, line: int | None, **fields: object) -> str:
    """One warning as the one-line string reported to ``on_warning``: ``file:line: W00N text``."""
    where = f"{path}:{line}" if line is not None else path
    return f"{where}: {code} {getattr(Warnings, code).format(**fields)}"


# --- public API ---------------------------------------------------------------


def read_abstracts(
    paths: Sequence[PathLike],
    input_format: str = "auto",
    skip_bad: bool = False,
    on_skip: Callable[[InputError], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[Abstract]:
    """Yield the abstracts of every input, in input order (book order for a book).

    ``input_format`` is ``auto`` (by extension, then by content), ``book``,
    ``jsonl`` or ``csv``, and applies to every path. The arguments and the
    existence of every path are checked now, so that a typo fails before any
    output is started; the files themselves are read as the iterator is consumed.

    Ids must be unique over all inputs: a later duplicate is an error (E009),
    or, with ``skip_bad``, is skipped.
    """
    if input_format not in FORMATS:
        raise InputError("E013", fmt=input_format)
    checked = [Path(path) for path in paths]
    for path in checked:
        _check_is_file(path)
    return _read_all(
        checked,
        input_format,
        skip_bad,
        on_skip or _log_skip,
        on_warning or log.warning,
    )


def check_files(paths: Sequence[PathLike], input_format: str = "auto") -> None:
    """Refuse now, from the first bytes of each, an input none of whose records could be read.

    Missing, a directory, empty, binary, UTF-16 or (with ``auto``) of no format
    astro-ie can tell: what a run checks before it starts any work. Bad records
    inside a readable file are found as the file is read.
    """
    if input_format not in FORMATS:
        raise InputError("E013", fmt=input_format)
    for path in map(Path, paths):
        _check_is_file(path)
        with _open(path) as handle:
            head = handle.read(SNIFF_BYTES)
        _check_head(head, path)
        if input_format == "auto":
            detect_format(path, head)


@dataclass(frozen=True)
class TocEntry:
    """One line of a book's table of contents."""

    title: str
    page: int
    line: int
    truncated: bool = False
    """The title ends in dot leaders (" . . ."): it may be cut short, so it is compared as a prefix."""


@dataclass
class BookParse:
    """What :func:`parse_book` found: the abstracts, and what it had to say about the book."""

    abstracts: list[Abstract] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    """Bad records left out (only with ``skip_bad``; otherwise the first one is raised)."""
    toc: list[TocEntry] = field(default_factory=list)


def parse_book(
    text: str, source: str = "<book>", *, path: str | None = None, skip_bad: bool = False
) -> BookParse:
    """Parse the text of a book of abstracts.

    ``source`` becomes each record's ``source``; ``path`` (default: ``source``)
    is the file named in errors and warnings. Raises :class:`InputError` at the
    first bad record unless ``skip_bad``, and E005 if the text holds no
    ``Session / N`` header at all.
    """
    where = path if path is not None else source
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = _LINE_BREAK.split(text)
    items = _tokenise(lines)
    body_start = next((i for i, item in enumerate(items) if item.kind in ("day", "header")), None)
    if body_start is None or not any(item.kind == "header" for item in items[body_start:]):
        raise InputError("E005", where)
    result = BookParse(toc=_read_toc(lines[: items[body_start].line - 1]))
    drafts = _assemble(items[body_start:], where, result.warnings)

    session_names: dict[str, str] = {}
    first_line_of_id: dict[str, int] = {}
    for draft in drafts:
        try:
            record = _build_record(draft, where, source, session_names)
            if record.id in first_line_of_id:
                raise InputError("E009", where, draft.line, id=record.id, first_line=first_line_of_id[record.id])
        except InputError as error:
            if not skip_bad:
                raise
            result.skipped.append(error)
            continue
        first_line_of_id[record.id] = draft.line
        result.abstracts.append(record)

    if result.toc:
        titled = [(draft.title, draft.line) for draft in drafts if draft.title]
        result.warnings.extend(_cross_check_toc(result.toc, titled, where))
        result.abstracts = _restore_hyphens_from_toc(result.abstracts, result.toc)
    return result


def session_slug(session: str) -> str:
    """The session part of a book id: lower-cased, each run of characters other than a-z0-9 one '-'."""
    return re.sub(r"[^a-z0-9]+", "-", session.lower()).strip("-")


def parse_speaker_line(names: str, invited: bool = False) -> list[Speaker]:
    """The speakers of one ``Speaker:`` line (the part after the label).

    Speakers are separated by commas or semicolons outside parentheses, each
    ``Name (Affiliation)``; an affiliation may hold commas, semicolons and
    parentheses of its own. Names listed without an affiliation before one that
    has it share it ("A, B (X)" is the usual way of grouping colleagues of one
    institute); names at the end of the line with none get ``None``.
    """
    speakers: list[Speaker] = []
    waiting: list[str] = []
    for segment in _split_outside_parentheses(_clean_inline(names)):
        name, affiliation = _name_and_affiliation(segment)
        if not name:
            continue
        if affiliation is None:
            waiting.append(name)
            continue
        speakers.extend(Speaker(name=other, affiliation=affiliation, invited=invited) for other in waiting)
        waiting = []
        speakers.append(Speaker(name=name, affiliation=affiliation, invited=invited))
    speakers.extend(Speaker(name=other, invited=invited) for other in waiting)
    return speakers


def detect_format(path: PathLike, head: bytes | None = None) -> str:
    """``book``, ``jsonl`` or ``csv``: by extension, else by the first bytes (E010 if neither tells)."""
    path = Path(path)
    by_extension = EXTENSION_FORMATS.get(path.suffix.lower())
    if by_extension:
        return by_extension
    if head is None:
        with _open(path) as handle:
            head = handle.read(SNIFF_BYTES)
    sample = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    sample_lines = [line.strip() for line in _LINE_BREAK.split(sample)]
    first = next((line for line in sample_lines if line), "")
    if first.startswith("{"):
        return "jsonl"
    try:
        header = {cell.strip().lower() for cell in next(csv.reader([first]))}
    except (csv.Error, StopIteration):
        header = set()
    if len(header) > 1 and header & set(REQUIRED_FIELDS):
        return "csv"
    if any(_is_book_marker(line) for line in sample_lines):
        return "book"
    raise InputError("E010", path)


# --- reading files --------------------------------------------------------------


def _log_skip(error: InputError) -> None:
    log.warning("skipped: %s", error.one_line())


def _check_is_file(path: Path) -> None:
    if path.is_dir():
        raise InputError("E023", path)
    if not path.exists():
        raise InputError("E001", path)


def _open(path: Path) -> BinaryIO:
    try:
        return open(path, "rb")
    except FileNotFoundError as exc:
        raise InputError("E001", path) from exc
    except IsADirectoryError as exc:
        raise InputError("E023", path) from exc
    except OSError as exc:
        raise InputError("E024", path, detail=exc.strerror or str(exc)) from exc


def _read_all(
    paths: list[Path],
    input_format: str,
    skip_bad: bool,
    on_skip: Callable[[InputError], None],
    on_warning: Callable[[str], None],
) -> Iterator[Abstract]:
    first_seen: dict[str, tuple[str, int | None]] = {}
    for path in paths:
        with _open(path) as handle:
            head = handle.read(SNIFF_BYTES)
            _check_head(head, path)
            fmt = input_format if input_format != "auto" else detect_format(path, head)
            handle.seek(0)
            readers = {"book": _read_book, "jsonl": _read_jsonl, "csv": _read_csv}
            for item in readers[fmt](handle, path, on_warning):
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


def _check_head(head: bytes, path: Path) -> None:
    """Refuse, before any parsing, a file that is empty, binary or UTF-16 rather than UTF-8."""
    if not head:
        raise InputError("E002", path)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("E004", path, 1, byte=head[0], column=1)
    if b"\x00" in head:
        offset = head.index(b"\x00")
        raise InputError("E003", path, _line_and_column(head, offset)[0], offset=offset)


def _read_book(handle: BinaryIO, path: Path, on_warning: Callable[[str], None]) -> Iterator[Abstract | InputError]:
    size = os.fstat(handle.fileno()).st_size
    if size > MAX_BOOK_BYTES:
        raise InputError("E024", path, detail=f"a book of abstracts is parsed whole, and {size:,} bytes is more "
                                               f"than {MAX_BOOK_BYTES:,}: give the abstracts as JSONL or CSV")
    data = handle.read()
    _check_line_lengths(data, path)
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError("E003", path, _line_and_column(data, offset)[0], offset=offset)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(data, exc.start)
        raise InputError("E004", path, line, byte=data[exc.start], column=column) from None
    if not text.strip("\ufeff \t\r\n\f\v"):
        raise InputError("E002", path)
    parsed = parse_book(text, source=path.name, path=str(path), skip_bad=True)
    for message in parsed.warnings:
        on_warning(message)
    # Abstracts and skipped records, merged back into book order.
    yield from sorted([*parsed.abstracts, *parsed.skipped], key=lambda item: item.line or 0)


def _check_line_lengths(data: bytes, path: Path) -> None:
    """E022 at the first line longer than MAX_LINE_BYTES (parsing one would cost ~20 times its size)."""
    start, number = 0, 1
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > MAX_LINE_BYTES:
            raise InputError("E022", path, number, limit=MAX_LINE_BYTES)
        start, number = end + 1, number + 1


def _line_and_column(data: bytes, position: int) -> tuple[int, int]:
    """Line and (character) column of a byte offset, counting \\r\\n, \\r and \\n as line ends."""
    breaks = list(re.finditer(rb"\r\n|\r|\n", data[:position]))
    line_start = breaks[-1].end() if breaks else 0
    column = len(data[line_start:position].decode("utf-8", errors="replace")) + 1
    return len(breaks) + 1, column


@dataclass
class _PhysicalLine:
    number: int
    offset: int
    data: bytes
    too_long: bool = False


def _physical_lines(handle: BinaryIO) -> Iterator[_PhysicalLine]:
    """The raw lines of a file, without ever holding more than one line (of bounded length)."""
    number, offset = 0, 0
    while True:
        data = handle.readline(MAX_LINE_BYTES + 1)
        if not data:
            return
        number += 1
        line = _PhysicalLine(number, offset, data)
        offset += len(data)
        if len(data) > MAX_LINE_BYTES and not data.endswith(b"\n"):
            line.too_long, line.data = True, b""
            while data and not data.endswith(b"\n"):  # drop the rest of the line
                data = handle.readline(MAX_LINE_BYTES)
                offset += len(data)
        yield line


def _decode(line: _PhysicalLine, path: Path) -> str:
    """The text of one line, or InputError naming where it is not text."""
    if line.too_long:
        raise InputError("E022", path, line.number, limit=MAX_LINE_BYTES)
    data = line.data
    if b"\x00" in data:
        raise InputError("E003", path, line.number, offset=line.offset + data.index(b"\x00"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        column = len(data[: exc.start].decode("utf-8", errors="replace")) + 1
        raise InputError("E004", path, line.number, byte=data[exc.start], column=column) from None
    return text[1:] if line.number == 1 and text.startswith("\ufeff") else text


def _read_jsonl(handle: BinaryIO, path: Path, on_warning: Callable[[str], None]) -> Iterator[Abstract | InputError]:
    any_content = False
    for line in _physical_lines(handle):
        try:
            text = _decode(line, path)
            if not text.strip():
                continue
            any_content = True
            try:
                fields = json.loads(text.rstrip("\r\n"))  # an error at the end names the line's last column
            except json.JSONDecodeError as exc:
                raise InputError("E007", path, line.number, detail=f"{exc.msg} (column {exc.colno})") from None
            except RecursionError:
                raise InputError("E007", path, line.number, detail="nested too deeply") from None
            if not isinstance(fields, dict):
                raise InputError("E012", path, line.number, detail=f"a JSON {_json_type(fields)}, not an object")
            yield _record_from_fields(fields, path, line.number, keep_types=True)
        except InputError as error:
            any_content = True
            yield error
    if not any_content:
        raise InputError("E002", path)


class _LineFeed:
    """Decoded lines for ``csv.reader``, noting where each record starts and its first bad line.

    ``csv.reader`` takes any iterator of strings; feeding it through this keeps
    the line numbers exact (a quoted field may span lines) and lets a line that
    is not UTF-8 spoil only the record it belongs to.
    """

    def __init__(self, handle: BinaryIO, path: Path) -> None:
        self._lines = _physical_lines(handle)
        self._path = path
        self.record_start: int | None = None
        self.error: InputError | None = None
        self.any_content = False

    def start_record(self) -> None:
        self.record_start, self.error = None, None

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        try:
            text = _decode(line, self._path)
        except InputError as error:
            self.error = self.error or error
            text = line.data.decode("utf-8", errors="replace").replace("\x00", "") or "\n"
        if text.strip():
            self.any_content = True
            if self.record_start is None:
                self.record_start = line.number
        return text


def _read_csv(handle: BinaryIO, path: Path, on_warning: Callable[[str], None]) -> Iterator[Abstract | InputError]:
    feed = _LineFeed(handle, path)
    reader = csv.reader(feed)
    header: list[str] | None = None
    while True:
        feed.start_record()
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            code, detail = ("E015", None) if "larger than field limit" in str(exc) else ("E012", str(exc))
            fields = {"limit": csv.field_size_limit()} if code == "E015" else {"detail": detail}
            error = feed.error or InputError(code, path, feed.record_start or reader.line_num, **fields)
            if header is None:
                raise error
            yield error
            continue
        if not any(cell.strip() for cell in row):
            if feed.error:
                yield feed.error
            continue
        if header is None:
            if feed.error:
                raise feed.error
            header = _check_csv_header(row, path, feed.record_start or reader.line_num)
            continue
        line = feed.record_start or reader.line_num
        if feed.error:
            yield feed.error
        elif len(row) != len(header):
            yield InputError("E012", path, line, detail=f"the row has {len(row)} cells, the header {len(header)}")
        else:
            try:
                yield _record_from_fields(dict(zip(header, row)), path, line, keep_types=False)
            except InputError as error:
                yield error
    if not feed.any_content:
        raise InputError("E002", path)


def _check_csv_header(row: list[str], path: Path, line: int) -> list[str]:
    header = [cell.strip() for cell in row]
    seen: set[str] = set()
    for name in header:
        key = name.lower() if name.lower() in REQUIRED_FIELDS + OPTIONAL_FIELDS else name
        if key in seen:
            raise InputError("E021", path, line, field=name)
        seen.add(key)
    for required in REQUIRED_FIELDS:
        if required not in {name.lower() for name in header}:
            raise InputError("E011", path, line, field=required)
    return [name.lower() if name.lower() in REQUIRED_FIELDS + OPTIONAL_FIELDS else name for name in header]


# --- JSONL and CSV records ------------------------------------------------------


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _record_from_fields(fields: dict[str, Any], path: Path, line: int, *, keep_types: bool) -> Abstract:
    """One record from the fields of a JSONL object or CSV row.

    ``id``, ``title`` and ``abstract`` must be there and not blank (E008);
    ``session``, ``number``, ``date`` and ``speakers`` fill the record's fields
    when present; every other field goes to ``metadata`` as given.
    """

    def invalid(detail: str) -> InputError:
        return InputError("E012", path, line, detail=detail)

    values: dict[str, Any] = {}
    for name in REQUIRED_FIELDS:
        value = fields.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise InputError("E008", path, line, field=name)
        if name == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise invalid(f"'{name}' must be a string, not a {_json_type(value)}")
        # A title is one line; an id and an abstract are kept as given (the id's own rules apply).
        values[name] = " ".join(value.split()) if name == "title" else value.strip()

    session = fields.get("session")
    if session not in (None, ""):
        if not isinstance(session, str):
            raise invalid(f"'session' must be a string, not a {_json_type(session)}")
        values["session"] = session.strip()
    number = fields.get("number")
    if number not in (None, ""):
        if isinstance(number, str) and number.strip().isdigit():
            number = int(number)
        if not isinstance(number, int) or isinstance(number, bool):
            raise invalid(f"'number' must be a whole number, not {json.dumps(number, ensure_ascii=False)}")
        values["number"] = number
    date = fields.get("date")
    if date not in (None, ""):
        if not isinstance(date, str):
            raise invalid(f"'date' must be an ISO date string, not a {_json_type(date)}")
        values["date"] = date.strip()
    speakers = fields.get("speakers")
    if speakers not in (None, ""):
        values["speakers"] = _speakers_from_field(speakers, invalid)

    known = REQUIRED_FIELDS + OPTIONAL_FIELDS
    metadata = {key: value for key, value in fields.items() if key not in known}
    if not keep_types:
        metadata = {key: "" if value is None else str(value) for key, value in metadata.items()}
    try:
        return Abstract(**values, metadata=metadata, source=path.name, line=line)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise invalid(f"{where}: {problem['msg']}" if where else problem["msg"]) from None


def _speakers_from_field(value: Any, invalid: Callable[[str], InputError]) -> list[Any]:
    """Speakers given as a ``Speaker:``-style string, or a list of names or of speaker objects."""
    if isinstance(value, str):
        return parse_speaker_line(value)
    if not isinstance(value, list):
        raise invalid(f"'speakers' must be a list or a string, not a {_json_type(value)}")
    speakers: list[Any] = []
    for entry in value:
        if isinstance(entry, str):
            speakers.extend(parse_speaker_line(entry))
        elif isinstance(entry, dict):
            speakers.append(entry)
        else:
            raise invalid(f"each speaker must be a string or an object, not a {_json_type(entry)}")
    return speakers


# --- the book: lines to items ------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = {
    name: number
    for number, name in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
_DAY_HEADER = re.compile(
    rf"^(?:{_DAYS}),?\s+(?:(?P<day>\d{{1,2}})\s+(?P<month>[a-z]+)|(?P<month2>[a-z]+)\s+(?P<day2>\d{{1,2}}))"
    r",?\s+(?P<year>\d{4})$",
    re.IGNORECASE,
)
_HEADER_SLASH = r"(?:\s+/\s*|\s*/\s+|(?<=[^\W\d_])/)"  # "Time domain / 1"; "Time domain/1" only after a letter
_SESSION_HEADER = re.compile(rf"^(?P<session>[^\s*].{{0,119}}?){_HEADER_SLASH}(?P<number>\d{{1,4}})$")
_SPEAKER_LINE = re.compile(r"^(?P<invited>invited\s+)?speakers?\s*:\s*(?P<names>.*)$", re.IGNORECASE)
_FUSED_HEADER = re.compile(rf"^(?P<header>[^*].*?{_HEADER_SLASH}\d{{1,4}})\s*(?P<rest>\*\*.*)$")
_BEFORE_FUSED_SPEAKER = re.compile(r"\*{2,}\s*(?=(?:invited\s+)?speakers?\s*(?:\*\*)?\s*:)", re.IGNORECASE)
_CONTENTS = re.compile(r"^(?:table\s+of\s+)?contents$", re.IGNORECASE)


@dataclass
class _Item:
    """One structural unit of the book: a physical line, or a piece of a fused one."""

    kind: str  # "blank", "text", "day", "header", "speaker"
    line: int
    text: str = ""
    date: dt.date | None = None
    session: str = ""
    number: int = 0
    invited: bool = False


def _tokenise(lines: list[str]) -> list[_Item]:
    items: list[_Item] = []
    for number, line in enumerate(lines, 1):
        pieces = [_strip_bold(piece) for piece in _split_fused(line)]
        pieces = [piece for piece in pieces if piece]
        if not pieces:
            items.append(_Item("blank", number))
        items.extend(_classify(piece, number) for piece in pieces)
    return items


def _split_fused(line: str) -> list[str]:
    """Undo extraction's fusing of header, title and speaker line into one line through ``**``.

    "Time domain / 1**Title****Invited Speaker:** Name (Aff)" becomes the three
    lines the book shows.
    """
    if "**" not in line:
        return [line]
    pieces = []
    fused = _FUSED_HEADER.match(line.strip())
    if fused:
        pieces.append(fused["header"])
        line = fused["rest"]
    pieces.extend(_BEFORE_FUSED_SPEAKER.split(line))
    return pieces


def _strip_bold(text: str) -> str:
    return " ".join((_BOLD.sub("", text) if "**" in text else text).split())


def _classify(text: str, line: int) -> _Item:
    speaker = _SPEAKER_LINE.match(text)
    if speaker:
        return _Item("speaker", line, speaker["names"], invited=bool(speaker["invited"]))
    day = _DAY_HEADER.match(text)
    if day:
        month = _MONTHS.get((day["month"] or day["month2"]).lower())
        try:
            date = dt.date(int(day["year"]), month or 0, int(day["day"] or day["day2"]))
        except ValueError:
            date = None
        if date:
            return _Item("day", line, text, date=date)
    header = _SESSION_HEADER.match(text)
    if header and _looks_like_session(header["session"]):
        return _Item("header", line, text, session=header["session"].strip(), number=int(header["number"]))
    return _Item("text", line, text)


def _looks_like_session(name: str) -> bool:
    """A session name is short, names something (has a letter) and is not a sentence."""
    return bool(session_slug(name)) and any(ch.isalpha() for ch in name) and ". " not in name


def _is_book_marker(line: str) -> bool:
    """Whether a line is one only a book has: a header, a speaker line, a day, "Contents"."""
    pieces = [piece for piece in map(_strip_bold, _split_fused(line)) if piece]
    return any(_classify(piece, 0).kind != "text" or _CONTENTS.match(piece) for piece in pieces)


# --- the book: items to records ---------------------------------------------------


@dataclass
class _Draft:
    """An abstract being assembled, before it is checked and built."""

    session: str
    number: int
    line: int
    date: dt.date | None
    title_blocks: list[list[str]] = field(default_factory=list)
    speaker_items: list[_Item] = field(default_factory=list)
    body_blocks: list[list[str]] = field(default_factory=list)
    error: InputError | None = None

    @property
    def header(self) -> str:
        return f"{self.session} / {self.number}"

    @property
    def state(self) -> str:
        if not self.speaker_items:
            return "title"
        return "body" if self.body_blocks else "speakers"

    @property
    def title(self) -> str:
        return _clean_inline(_join_lines(line for block in self.title_blocks for line in block))


def _assemble(items: list[_Item], where: str, warnings: list[str]) -> list[_Draft]:
    """Group the items of the book's body into drafts, one per ``Session / N`` header."""
    drafts: list[_Draft] = []
    current: _Draft | None = None
    date: dt.date | None = None
    block: list[str] | None = None  # the block of text lines being filled

    def close() -> None:
        nonlocal current
        if current is not None:
            if current.error is None and not current.speaker_items:
                current.error = InputError("E006", where, current.line, header=current.header)
            drafts.append(current)
        current = None

    for item in items:
        if item.kind == "blank":
            block = None
        elif item.kind == "day":
            close()
            date, block = item.date, None
        elif item.kind == "header":
            close()
            current, block = _Draft(item.session, item.number, item.line, date), None
        elif item.kind == "speaker":
            if current is None or current.state == "body":
                current = _orphan_speaker(current, item, where, drafts, close)
            current.speaker_items.append(item)
            block = None
        else:  # text
            if current is None:
                warnings.append(warning_line("W005", where, item.line, text=_shorten(item.text)))
                continue
            if block is None:
                block = []
                (current.title_blocks if current.state == "title" else current.body_blocks).append(block)
            block.append(item.text)
    if current is not None and not current.speaker_items:
        current.error = InputError("E018", where, current.line, header=current.header)
    close()
    return drafts


def _orphan_speaker(
    current: _Draft | None, item: _Item, where: str, drafts: list[_Draft], close: Callable[[], None]
) -> _Draft:
    """A ``Speaker:`` line after an abstract's text: its ``Session / N`` header is missing.

    The block just before it is its title, taken back from the previous
    abstract (unless that would leave the abstract empty); the orphan is kept as
    a draft carrying error E020, so that it is raised, or skipped with its text,
    rather than glued onto its neighbour.
    """
    orphan = _Draft("?", 0, item.line, current.date if current else None)
    if current is not None and len(current.body_blocks) > 1:
        orphan.title_blocks.append(current.body_blocks.pop())
    close()
    orphan.error = InputError("E020", where, item.line)
    return orphan


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _build_record(draft: _Draft, where: str, source: str, session_names: dict[str, str]) -> Abstract:
    if draft.error is not None:
        raise draft.error
    title = draft.title
    if not title:
        raise InputError("E016", where, draft.line, header=draft.header)
    speakers: list[Speaker] = []
    for item in draft.speaker_items:
        found = parse_speaker_line(item.text, invited=item.invited)
        if not found:
            raise InputError("E019", where, item.line)
        speakers.extend(found)
    paragraphs = _paragraphs(draft.body_blocks)
    if not paragraphs:
        raise InputError("E017", where, draft.line, header=draft.header)
    slug = session_slug(draft.session)
    session = session_names.setdefault(slug, draft.session)
    try:
        return Abstract(
            id=f"{slug}-{draft.number}",
            title=title,
            abstract="\n\n".join(paragraphs),
            session=session,
            number=draft.number,
            date=draft.date,
            speakers=speakers,
            source=source,
            line=draft.line,
        )
    except ValidationError as exc:  # pragma: no cover - every field is checked above
        raise InputError("E012", where, draft.line, detail=str(exc.errors()[0]["msg"])) from None


# --- the book: mending text ---------------------------------------------------------

_BOLD = re.compile(r"\*{2,}")
_MATH = re.compile(r"(\$[^$\n]*\$)")
_ITALIC = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]*?[^\s*\\])\*(?![\w*])")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+)>")
_CODE = re.compile(r"`([^`\n]+)`")


def _clean_inline(text: str) -> str:
    """Remove the markdown extraction added (``**bold**``, ``*italics*``, ``<url>``, code ticks).

    Text between ``$`` signs is LaTeX and is left alone (but for ``**``, which is
    never meant: the book must come out free of it).
    """
    if "*" in text or "<" in text or "`" in text:
        parts = _MATH.split(text) if "$" in text else [text]
        for index in range(0, len(parts), 2):
            outside = _BOLD.sub("", parts[index])
            outside = _ITALIC.sub(r"\1", outside)
            outside = _AUTOLINK.sub(r"\1", outside)
            parts[index] = _CODE.sub(r"\1", outside)
        text = _BOLD.sub("", "".join(parts))
    return " ".join(text.split())


def _join_lines(lines: Iterable[str]) -> str:
    """Lines of one title or paragraph as one line; a word hyphenated at a line end keeps its hyphen."""
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if parts:
            previous = parts[-1]
            hyphenated = previous.endswith("-") and len(previous) > 1 and previous[-2].isalnum()
            if not (hyphenated and line[:1].islower()):
                parts.append(" ")
        parts.append(line)
    return "".join(parts)


_SENTENCE_END = re.compile(r"[.!?:\u2026][\"'\u201d\u2019)\]]*$")
_ABBREVIATION_END = re.compile(r"(?:\be\.g|\bi\.e|\bet al|\bcf|\bvs|\betc|\bapprox|\bFig|\bEq|\bSect|\bRef)\.$")
_OPEN_END = re.compile(r"[,;(\[/&\u2013\u2014-]$")
_JOINING_WORDS = frozenset(
    """a an the of in on at to for from by with and or but nor as than that which who whose whom
    this these those our their its his her my your we is are was were be been being has have had
    can could will would may might must should shall such like via into onto upon between among
    both either neither not no very more most less also thus where when while if whether using
    within without over under about across through per each every all some any many several""".split()
)


def _continues(paragraph: str, following: str) -> bool:
    """Whether ``following`` goes on with the sentence ``paragraph`` left open at a page break.

    A paragraph that ends with sentence-final punctuation is finished. One that
    does not is continued by a paragraph starting lower-case or with a digit or
    bracket ("...in Trumpler" + "14. This region..."), and by one starting
    upper-case when it stopped on a word that cannot end a sentence ("...an
    overview of our" + "Neural Network approach") or in the middle of a name
    ("...values of Active" + "Galactic Nuclei"). Anything else is a real
    paragraph break ("...an accuracy of 82" + "With our method...").
    """
    paragraph = paragraph[-100:]  # only its end matters
    if _SENTENCE_END.search(paragraph) and not _ABBREVIATION_END.search(paragraph):
        return False
    first = following[:1]
    if first.islower() or first.isdigit() or first in "([{$%,;:)]}\u2013\u2014-":
        return True
    if _OPEN_END.search(paragraph):
        return True
    last_word = re.search(r"(\w+)\W*$", paragraph)
    if last_word is None:
        return False
    word = last_word.group(1)
    return word.lower() in _JOINING_WORDS or (word[0].isupper() and first.isupper())


def _paragraphs(blocks: list[list[str]]) -> list[str]:
    """The abstract's paragraphs: each block one line, blocks a page break split rejoined."""
    paragraphs: list[list[str]] = []  # the blocks making up each paragraph
    for block in blocks:
        text = _clean_inline(_join_lines(block))
        if not text:
            continue
        if paragraphs and _continues(paragraphs[-1][-1], text):
            paragraphs[-1].append(text)
        else:
            paragraphs.append([text])
    return [_join_lines(pieces) for pieces in paragraphs]


# --- speakers -------------------------------------------------------------------------


def _split_outside_parentheses(text: str) -> list[str]:
    segments, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char in ",;" and depth == 0:
            segments.append(text[start:index])
            start = index + 1
    segments.append(text[start:])
    return [segment.strip() for segment in segments if segment.strip()]


def _name_and_affiliation(segment: str) -> tuple[str, str | None]:
    """``Name (Affiliation (Acronym))`` -> name, affiliation; a parenthesis left open runs to the end."""
    opening = segment.find("(")
    if opening < 0:
        return segment.strip(), None
    name = segment[:opening].strip()
    inner = segment[opening + 1 :].strip()
    if inner.endswith(")") and inner.count("(") < inner.count(")"):
        inner = inner[:-1].strip()
    return name, inner or None


# --- the book: table of contents ----------------------------------------------------

_TOC_ENTRY = re.compile(r"^(?P<title>.*?\S)(?:[ \t]*\t[ \t]*| {2,}|(?<=\.) +)(?P<page>\d{1,4})[ \t]*$")
_DOT_LEADER = re.compile(r"(?:\s*\.){2,}$|\s+\.$|\s*\u2026$")


def _read_toc(front_matter: list[str]) -> list[TocEntry]:
    """The entries of the table of contents: lines ending in a tab (or dots, or spaces) and a page number.

    Only lines after a "Contents" line count, when the book has one. A title
    wrapped over lines is put back together.
    """
    start = next((i + 1 for i, line in enumerate(front_matter) if _CONTENTS.match(_strip_bold(line))), 0)
    entries: list[TocEntry] = []
    pending: list[str] = []
    for number, line in enumerate(front_matter[start:], start + 1):
        if not line.strip():
            pending = []
            continue
        match = _TOC_ENTRY.match(line.rstrip())
        if not match:
            pending.append(line)
            continue
        title = _join_lines([*pending, match["title"]])
        pending = []
        trimmed = _DOT_LEADER.sub("", title)
        entries.append(TocEntry(_clean_inline(trimmed), int(match["page"]), number, truncated=trimmed != title))
    return entries


def _title_key(title: str) -> str:
    """A title reduced for lenient comparison: case, punctuation, spacing and line-end hyphens ignored."""
    text = unicodedata.normalize("NFKC", title).casefold()
    text = re.sub(r"(?<=\w)-\s+(?=\w)", "", text)  # "Chal- lenges"
    return re.sub(r"[\W_]+", "", text)


def _cross_check_toc(toc: list[TocEntry], titled: list[tuple[str, int]], where: str) -> list[str]:
    """Warnings for every TOC title not found exactly once, in order, and every abstract it omits."""
    warnings: list[str] = []
    matched: set[int] = set()
    in_order: list[tuple[TocEntry, int]] = []
    body_keys = [_title_key(title) for title, _ in titled]
    indexes_by_key: dict[str, list[int]] = {}
    for index, key in enumerate(body_keys):
        indexes_by_key.setdefault(key, []).append(index)
    for entry in toc:
        toc_key = _title_key(entry.title)
        found = indexes_by_key.get(toc_key, [])
        if not found and entry.truncated and len(toc_key) >= 8:  # compared as a prefix
            found = [index for index, key in enumerate(body_keys) if key.startswith(toc_key)]
        matched.update(found)
        if not found:
            warnings.append(warning_line("W001", where, entry.line, title=entry.title))
        elif len(found) > 1:
            lines = ", ".join(str(titled[index][1]) for index in found)
            warnings.append(warning_line("W002", where, entry.line, title=entry.title, count=len(found), lines=lines))
        else:
            in_order.append((entry, found[0]))
    keep = _longest_increasing(in_order)
    for position, (entry, index) in enumerate(in_order):
        if position not in keep:
            warnings.append(warning_line("W003", where, entry.line, title=entry.title, found=titled[index][1]))
    for index, (title, line) in enumerate(titled):
        if index not in matched:
            warnings.append(warning_line("W004", where, line, title=title))
    return warnings


def _longest_increasing(pairs: list[tuple[TocEntry, int]]) -> set[int]:
    """Positions of a longest run of TOC entries whose abstracts come in increasing book order."""
    tails: list[int] = []  # abstract index ending the best run of each length
    tail_positions: list[int] = []
    previous: list[int | None] = []
    for position, (_, index) in enumerate(pairs):
        length = bisect.bisect_left(tails, index)
        if length == len(tails):
            tails.append(index)
            tail_positions.append(position)
        else:
            tails[length], tail_positions[length] = index, position
        previous.append(tail_positions[length - 1] if length else None)
    keep: set[int] = set()
    position = tail_positions[-1] if tail_positions else None
    while position is not None:
        keep.add(position)
        position = previous[position]
    return keep


def _restore_hyphens_from_toc(abstracts: list[Abstract], toc: list[TocEntry]) -> list[Abstract]:
    """Put back a hyphen the extraction dropped from a body title ("Xray") when the TOC has it ("X-ray").

    Only a complete TOC title that differs from the body title by hyphens alone,
    and has more of them, is trusted; any other difference is left as the body has it.
    """
    by_dehyphenated = {entry.title.replace("-", ""): entry.title for entry in toc if not entry.truncated}
    mended = []
    for record in abstracts:
        toc_title = by_dehyphenated.get(record.title.replace("-", ""))
        if toc_title is not None and toc_title.count("-") > record.title.count("-"):
            record = record.model_copy(update={"title": toc_title})
        mended.append(record)
    return mended
