"""Telling the format of an input: by its extension, else by its first bytes."""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import InputError
from .book import LINE_BREAK, is_book_marker
from .files import SNIFF_BYTES, open_input
from .tabular import REQUIRED_FIELDS

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


def detect_format(path: Path | str, head: bytes | None = None) -> str:
    """``book``, ``jsonl`` or ``csv``: by extension, else by the first bytes (E010 if neither tells)."""
    path = Path(path)
    by_extension = EXTENSION_FORMATS.get(path.suffix.lower())
    if by_extension:
        return by_extension
    if head is None:
        with open_input(path) as handle:
            head = handle.read(SNIFF_BYTES)
    sample = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    sample_lines = [line.strip() for line in LINE_BREAK.split(sample)]
    first = next((line for line in sample_lines if line), "")
    if first.startswith("{"):
        return "jsonl"
    try:
        header = {cell.strip().lower() for cell in next(csv.reader([first]))}
    except (csv.Error, StopIteration):
        header = set()
    if len(header) > 1 and header & set(REQUIRED_FIELDS):
        return "csv"
    if any(is_book_marker(line) for line in sample_lines):
        return "book"
    raise InputError("E010", path)
