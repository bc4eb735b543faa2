"""The book of abstracts: an Indico-style book as extracted from PDF, parsed into records.

:func:`parse_book` is a pure function of the text, so that it can be tested
(and property-tested) without files. It reads a table of contents, day headers
("Monday, 8 July 2024"), ``Session / N`` headers, titles, ``Speaker:`` lines and
abstracts. It mends what extraction breaks: headers fused with titles and
speaker lines through ``**`` markers, titles wrapped over lines, paragraphs
split by page breaks, stray markdown. The table of contents is used only to
cross-check the titles found in the body; its mismatches become warnings
(``W001``-``W005`` of :class:`~astro_ie.errors.Warnings`), never errors.

A book is small and is parsed whole.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError

from ..errors import InputError, warning_line
from ..models import Abstract, Speaker
from . import files
from .files import ReadOptions, decode_utf8
from .people import parse_speaker_line
from .text import BOLD, clean_inline, join_lines

MAX_BOOK_BYTES = 64 * 1024 * 1024
"""A book is parsed whole (in about 20 times its size): a larger one is refused; JSONL and CSV stream."""


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
    text = text.removeprefix("\ufeff")
    lines = LINE_BREAK.split(text)
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



def read_book(handle: BinaryIO, path: Path, options: ReadOptions) -> Iterator[Abstract | InputError]:
    size = os.fstat(handle.fileno()).st_size
    if size > MAX_BOOK_BYTES:
        raise InputError("E024", path, detail=f"a book of abstracts is parsed whole, and {size:,} bytes is more "
                                               f"than {MAX_BOOK_BYTES:,}: give the abstracts as JSONL or CSV")
    data = handle.read()
    _check_line_lengths(data, path)
    text = decode_utf8(data, path)
    if not text.strip("\ufeff \t\r\n\f\v"):
        raise InputError("E002", path)
    parsed = parse_book(text, source=path.name, path=str(path), skip_bad=True)
    for message in parsed.warnings:
        options.on_warning(message)
    # Abstracts and skipped records, merged back into book order.
    yield from sorted([*parsed.abstracts, *parsed.skipped], key=lambda item: item.line or 0)


def _check_line_lengths(data: bytes, path: Path) -> None:
    """E022 at the first line longer than MAX_LINE_BYTES (parsing one would cost ~20 times its size)."""
    start, number = 0, 1
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > files.MAX_LINE_BYTES:
            raise InputError("E022", path, number, limit=files.MAX_LINE_BYTES)
        start, number = end + 1, number + 1



# --- the book: lines to items ------------------------------------------------------

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = {
    name: number
    for number, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1
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
    return " ".join((BOLD.sub("", text) if "**" in text else text).split())


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


def is_book_marker(line: str) -> bool:
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
        return clean_inline(join_lines(line for block in self.title_blocks for line in block))


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



_SENTENCE_END = re.compile(r"[.!?:\u2026][\"'\u201d\u2019)\]]*$")
_ABBREVIATION_END = re.compile(r"(?:\be\.g|\bi\.e|\bet al|\bcf|\bvs|\betc|\bapprox|\bFig|\bEq|\bSect|\bRef)\.$")
_OPEN_END = re.compile(r"[,;(\[/&\u2013\u2014-]$")
_JOINING_WORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "nor", "as", "than", "that", "which", "who", "whose", "whom", "this", "these", "those", "our", "their", "its", "his", "her", "my", "your", "we", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "can", "could", "will", "would", "may", "might", "must", "should", "shall", "such", "like", "via", "into", "onto", "upon", "between", "among", "both", "either", "neither", "not", "no", "very", "more", "most", "less", "also", "thus", "where", "when", "while", "if", "whether", "using", "within", "without", "over", "under", "about", "across", "through", "per", "each", "every", "all", "some", "any", "many", "several"]
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
        text = clean_inline(join_lines(block))
        if not text:
            continue
        if paragraphs and _continues(paragraphs[-1][-1], text):
            paragraphs[-1].append(text)
        else:
            paragraphs.append([text])
    return [join_lines(pieces) for pieces in paragraphs]



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
        title = join_lines([*pending, match["title"]])
        pending = []
        trimmed = _DOT_LEADER.sub("", title)
        entries.append(TocEntry(clean_inline(trimmed), int(match["page"]), number, truncated=trimmed != title))
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
