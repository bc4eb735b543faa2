"""People as sources name them: the speakers of a ``Speaker:`` line or of a JSONL/CSV ``speakers`` field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import InputError
from ..models import Speaker
from .files import json_type
from .text import clean_inline


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
    for segment in _split_outside_parentheses(clean_inline(names)):
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



def speakers_from_field(value: Any, invalid: Callable[[str], InputError]) -> list[Any]:
    """Speakers given as a ``Speaker:``-style string, or a list of names or of speaker objects."""
    if isinstance(value, str):
        return parse_speaker_line(value)
    if not isinstance(value, list):
        raise invalid(f"'speakers' must be a list or a string, not a {json_type(value)}")
    speakers: list[Any] = []
    for entry in value:
        if isinstance(entry, str):
            speakers.extend(parse_speaker_line(entry))
        elif isinstance(entry, dict):
            speakers.append(entry)
        else:
            raise invalid(f"each speaker must be a string or an object, not a {json_type(entry)}")
    return speakers



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

