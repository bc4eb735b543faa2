"""Files in, checked text out: what every reader of ``astro_ie.ingest`` shares.

A file is opened once, its first bytes refused if empty, binary or UTF-16, and
line-oriented formats are read one bounded line at a time, so that an input of
any size runs in constant memory. Each problem is an :class:`InputError` naming
file and line.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError

SNIFF_BYTES = 8192
"""How much of a file is read to tell binary from text and, if need be, the format."""
MAX_LINE_BYTES = 16 * 1024 * 1024
"""A JSONL line longer than this is refused rather than loaded (no abstract is that long)."""
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
"""A JSON document (an ADS page, an Indico export) is parsed whole: a larger one is refused."""


@dataclass(frozen=True)
class ReadOptions:
    """What every reader is handed besides the file."""

    on_warning: Callable[[str], None]
    categories: tuple[str, ...] = ()
    """arXiv category prefixes a record must match one of ('astro-ph' matches 'astro-ph.GA'); empty: all."""


def check_is_file(path: Path) -> None:
    if path.is_dir():
        raise InputError("E023", path)
    if not path.exists():
        raise InputError("E001", path)


def open_input(path: Path) -> BinaryIO:
    try:
        return open(path, "rb")
    except FileNotFoundError as exc:
        raise InputError("E001", path) from exc
    except IsADirectoryError as exc:
        raise InputError("E023", path) from exc
    except OSError as exc:
        raise InputError("E024", path, detail=exc.strerror or str(exc)) from exc


def check_head(head: bytes, path: Path) -> None:
    """Refuse, before any parsing, a file that is empty, binary or UTF-16 rather than UTF-8."""
    if not head:
        raise InputError("E002", path)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("E004", path, 1, byte=head[0], column=1)
    if b"\x00" in head:
        offset = head.index(b"\x00")
        raise InputError("E003", path, line_and_column(head, offset)[0], offset=offset)


def decode_utf8(data: bytes, path: Path) -> str:
    """A file's bytes as text; a NUL byte (binary data) or bytes that are not UTF-8 are reported by line."""
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError("E003", path, line_and_column(data, offset)[0], offset=offset)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_and_column(data, exc.start)
        raise InputError("E004", path, line, byte=data[exc.start], column=column) from None


def read_text(handle: BinaryIO, path: Path, limit: int) -> str:
    """A whole file as text (for formats parsed whole), refused if larger than ``limit`` or not UTF-8."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError("E024", path, detail=f"the file is parsed whole, and is larger than {limit:,} bytes")
    text = decode_utf8(data, path).removeprefix("\ufeff")
    if not text.strip():
        raise InputError("E002", path)
    return text


def line_and_column(data: bytes, position: int) -> tuple[int, int]:
    """Line and (character) column of a byte offset, counting \\r\\n, \\r and \\n as line ends."""
    breaks = list(re.finditer(rb"\r\n|\r|\n", data[:position]))
    line_start = breaks[-1].end() if breaks else 0
    column = len(data[line_start:position].decode("utf-8", errors="replace")) + 1
    return len(breaks) + 1, column


@dataclass
class PhysicalLine:
    number: int
    offset: int
    data: bytes
    too_long: bool = False


def physical_lines(handle: BinaryIO) -> Iterator[PhysicalLine]:
    """The raw lines of a file, without ever holding more than one line (of bounded length)."""
    number, offset = 0, 0
    while True:
        data = handle.readline(MAX_LINE_BYTES + 1)
        if not data:
            return
        number += 1
        line = PhysicalLine(number, offset, data)
        offset += len(data)
        if len(data) > MAX_LINE_BYTES and not data.endswith(b"\n"):
            line.too_long, line.data = True, b""
            while data and not data.endswith(b"\n"):  # drop the rest of the line
                data = handle.readline(MAX_LINE_BYTES)
                offset += len(data)
        yield line


def decode_line(line: PhysicalLine, path: Path) -> str:
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


def json_objects(handle: BinaryIO, path: Path) -> Iterator[tuple[int, dict[str, Any]] | InputError]:
    """The objects of a JSON-lines file with their line numbers, a bad line as its error; E002 if none."""
    any_content = False
    for line in physical_lines(handle):
        try:
            text = decode_line(line, path)
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
                raise InputError("E012", path, line.number, detail=f"a JSON {json_type(fields)}, not an object")
            yield line.number, fields
        except InputError as error:
            any_content = True
            yield error
    if not any_content:
        raise InputError("E002", path)


# --- JSON documents parsed whole, with the line each value starts on ------------------

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


class JSONText:
    """A text of one or more JSON documents (pages concatenated), able to say where each value starts.

    The standard library's parser gives values, not positions; errors must name
    a line, so the few levels a reader walks down (``response.docs[i]``,
    ``results[i].contributions[j]``) are located with ``raw_decode`` and offsets.
    """

    def __init__(self, text: str, path: Path) -> None:
        self.text = text
        self.path = path
        self._newlines: list[int] | None = None

    def documents(self) -> Iterator[tuple[int, Any]]:
        """Each top-level document with its offset; E007 at the first one that is not JSON."""
        text, pos = self.text, self._skip(0)
        while pos < len(text):
            try:
                value, end = _DECODER.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                raise InputError("E007", self.path, exc.lineno, detail=f"{exc.msg} (column {exc.colno})") from None
            except RecursionError:
                raise InputError("E007", self.path, self.line(pos), detail="nested too deeply") from None
            yield pos, value
            pos = self._skip(end)

    def members(self, pos: int) -> dict[str, int]:
        """Where the value of each member of the object starting at ``pos`` starts."""
        offsets: dict[str, int] = {}
        pos = self._skip(pos + 1)
        while self.text[pos] != "}":
            key, pos = _DECODER.raw_decode(self.text, pos)
            pos = self._skip(self._skip(pos) + 1)  # past the colon
            offsets[key] = pos
            pos = self._after_value(pos)
        return offsets

    def items(self, pos: int) -> list[int]:
        """Where each item of the array starting at ``pos`` starts."""
        offsets: list[int] = []
        pos = self._skip(pos + 1)
        while self.text[pos] != "]":
            offsets.append(pos)
            pos = self._after_value(pos)
        return offsets

    def line(self, pos: int) -> int:
        if self._newlines is None:
            self._newlines = [match.start() for match in re.finditer("\n", self.text)]
        return bisect.bisect_left(self._newlines, pos) + 1

    def _after_value(self, pos: int) -> int:
        _, pos = _DECODER.raw_decode(self.text, pos)
        pos = self._skip(pos)
        return self._skip(pos + 1) if self.text[pos] == "," else pos

    def _skip(self, pos: int) -> int:
        return _SPACE.match(self.text, pos).end()


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"

