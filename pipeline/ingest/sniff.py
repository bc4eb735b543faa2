"""Telling the format of an input: by its extension, else by its first bytes.

JSON needs a closer look: a JSON-lines file may be plain records (``jsonl``)
or an arXiv snapshot (``arxiv``), and a JSON document an ADS search result
(``ads``) or an Indico export (``indico``). The first line is parsed when it is
a whole object; otherwise (a pretty-printed document, a line longer than the
sample) the keys only these formats have are looked for. A key's quotes
cannot occur unescaped inside a JSON string, so text in an abstract cannot be
taken for one.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from ..errors import InputError
from .arxiv import MARKER_FIELDS as ARXIV_FIELDS
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
JSON_EXTENSIONS = frozenset({".json", ".jsonl", ".ndjson", ".json-lines"})
"""Extensions whose content says which JSON format the file is."""

_ADS_KEY = re.compile(r'"(?:responseHeader|numFound)"\s*:')
_INDICO_KEY = re.compile(r'"(?:_type"\s*:\s*"HTTPAPIResult"|contributions"\s*:)')
_ARXIV_KEY = re.compile(rf'"(?:{"|".join(sorted(ARXIV_FIELDS))})"\s*:')


def detect_format(path: Path | str, head: bytes | None = None) -> str:
    """The format of an input: by extension, else by the first bytes (E010 if neither tells).

    ``book``, ``jsonl`` or ``csv``; JSON content (and a JSON extension) can also
    be ``arxiv``, ``ads`` or ``indico``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    by_extension = EXTENSION_FORMATS.get(suffix)
    if by_extension and suffix not in JSON_EXTENSIONS:
        return by_extension
    if head is None:
        with open_input(path) as handle:
            head = handle.read(SNIFF_BYTES)
    sample = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    sample_lines = [line.strip() for line in LINE_BREAK.split(sample)]
    first = next((line for line in sample_lines if line), "")
    if first.startswith("{") or suffix in JSON_EXTENSIONS:
        return json_flavor(first, sample)
    try:
        header = {cell.strip().lower() for cell in next(csv.reader([first]))}
    except (csv.Error, StopIteration):
        header = set()
    if len(header) > 1 and header & set(REQUIRED_FIELDS):
        return "csv"
    if any(is_book_marker(line) for line in sample_lines):
        return "book"
    raise InputError("E010", path)


def json_flavor(first_line: str, sample: str) -> str:
    """Which JSON format a file starting with ``sample`` is: ``arxiv``, ``ads``, ``indico`` or ``jsonl``."""
    try:
        fields = json.loads(first_line)
    except ValueError:
        fields = None
    if isinstance(fields, dict):  # a whole object on the first line
        if "responseHeader" in fields or isinstance(fields.get("response"), dict):
            return "ads"
        if fields.get("_type") == "HTTPAPIResult" or isinstance(fields.get("results"), list):
            return "indico"
        return "arxiv" if "abstract" in fields and ARXIV_FIELDS & fields.keys() else "jsonl"
    for flavor, key in (("ads", _ADS_KEY), ("indico", _INDICO_KEY), ("arxiv", _ARXIV_KEY)):
        if key.search(sample):
            return flavor
    return "jsonl"
