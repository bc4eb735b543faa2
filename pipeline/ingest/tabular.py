"""JSONL and CSV: one record a line (or a CSV row), streamed, the simplest way to bring your own abstracts.

``id`` and ``abstract`` are required (an abstract-only record is common in
exported data); ``title``, ``session``, ``number``,
``date`` and ``speakers`` fill the record's own fields when present; every
other field is kept in ``metadata`` as given.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from ..errors import InputError
from ..models import Abstract
from .files import ReadOptions, decode_line, json_objects, json_type, physical_lines
from .people import speakers_from_field

REQUIRED_FIELDS = ("id", "abstract")
"""A JSONL/CSV record must have these; every other field goes to ``metadata``..."""
OPTIONAL_FIELDS = ("title", "session", "number", "date", "speakers")
"""...except these, which fill the record's own fields when present."""


def read_jsonl(handle: BinaryIO, path: Path, options: ReadOptions) -> Iterator[Abstract | InputError]:
    for item in json_objects(handle, path):
        if isinstance(item, InputError):
            yield item
            continue
        number, fields = item
        try:
            yield record_from_fields(fields, path, number, keep_types=True)
        except InputError as error:
            yield error


class _LineFeed:
    """Decoded lines for ``csv.reader``, noting where each record starts and its first bad line.

    ``csv.reader`` takes any iterator of strings; feeding it through this keeps
    the line numbers exact (a quoted field may span lines) and lets a line that
    is not UTF-8 spoil only the record it belongs to.
    """

    def __init__(self, handle: BinaryIO, path: Path) -> None:
        self._lines = physical_lines(handle)
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
            text = decode_line(line, self._path)
        except InputError as error:
            self.error = self.error or error
            text = line.data.decode("utf-8", errors="replace").replace("\x00", "") or "\n"
        if text.strip():
            self.any_content = True
            if self.record_start is None:
                self.record_start = line.number
        return text


def read_csv(handle: BinaryIO, path: Path, options: ReadOptions) -> Iterator[Abstract | InputError]:
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
                raise error from exc
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
                yield record_from_fields(dict(zip(header, row)), path, line, keep_types=False)
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



def record_from_fields(fields: dict[str, Any], path: Path, line: int, *, keep_types: bool) -> Abstract:
    """One record from the fields of a JSONL object or CSV row.

    ``id`` and ``abstract`` must be there and not blank (E008); ``title``,
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
            raise invalid(f"'{name}' must be a string, not a {json_type(value)}")
        values[name] = value.strip()  # kept as given (the id's own rules apply)

    title = fields.get("title")
    if title is not None:
        if not isinstance(title, str):
            raise invalid(f"'title' must be a string, not a {json_type(title)}")
        values["title"] = " ".join(title.split())  # a title is one line

    session = fields.get("session")
    if session not in (None, ""):
        if not isinstance(session, str):
            raise invalid(f"'session' must be a string, not a {json_type(session)}")
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
            raise invalid(f"'date' must be an ISO date string, not a {json_type(date)}")
        values["date"] = date.strip()
    speakers = fields.get("speakers")
    if speakers not in (None, ""):
        values["speakers"] = speakers_from_field(speakers, invalid)

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

