"""Mending text: what PDF extraction, markdown, HTML and hard-wrapped exports do to titles and abstracts."""

from __future__ import annotations

import re
from collections.abc import Iterable

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

