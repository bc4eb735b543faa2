"""Mending text: what PDF extraction, markdown, HTML and hard-wrapped exports do to titles and abstracts."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser

BOLD = re.compile(r"\*{2,}")
_MATH = re.compile(r"(\$[^$\n]*\$)")
_ITALIC = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]*?[^\s*\\])\*(?![\w*])")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+)>")
_CODE = re.compile(r"`([^`\n]+)`")


def clean_inline(text: str) -> str:
    """Remove the markdown extraction added (``**bold**``, ``*italics*``, ``<url>``, code ticks).

    Text between ``$`` signs is LaTeX and is left alone (but for ``**``, which is
    never meant: the book must come out free of it).
    """
    if "*" in text or "<" in text or "`" in text:
        parts = _MATH.split(text) if "$" in text else [text]
        for index in range(0, len(parts), 2):
            outside = BOLD.sub("", parts[index])
            outside = _ITALIC.sub(r"\1", outside)
            outside = _AUTOLINK.sub(r"\1", outside)
            parts[index] = _CODE.sub(r"\1", outside)
        text = BOLD.sub("", "".join(parts))
    return " ".join(text.split())


def join_lines(lines: Iterable[str]) -> str:
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



def unwrap(text: str) -> str:
    """A hard-wrapped abstract as paragraphs: lines joined, an indented line starting a new paragraph.

    arXiv's metadata keeps the submitter's line breaks, and marks a new paragraph
    by indenting its first line; a blank line ends a paragraph too.
    """
    paragraphs: list[list[str]] = []
    for line in text.strip().splitlines():
        if not line.strip():
            paragraphs.append([])
            continue
        if not paragraphs or (line[:1].isspace() and paragraphs[-1]):
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return "\n\n".join(join_lines(lines) for lines in paragraphs if lines)


_TAG = re.compile(r"<[A-Za-z/!][^<>]*>")
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                         "tr", "table"})


class _TextOfHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = [[]]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.blocks.append([])

    def handle_data(self, data: str) -> None:
        self.blocks[-1].append(data)


def html_to_text(text: str) -> str:
    """Plain text of an HTML fragment (Indico descriptions, ADS abstracts): tags dropped, entities
    decoded, block elements as paragraphs. Text without tags only has its entities decoded."""
    if not _TAG.search(text):
        return html.unescape(text).strip()
    parser = _TextOfHTML()
    parser.feed(text)
    parser.close()
    paragraphs = (" ".join("".join(block).split()) for block in parser.blocks)
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
