"""Indico event exports: the JSON of ``/export/event/<id>.json?detail=contributions``.

The structured twin of the book of abstracts, which Indico typesets from the
same data. An export is ``{"results": [event, ...]}``; each event has an
``id``, ``title``, ``startDate`` and ``contributions`` (with
``detail=sessions``, also ``sessions[].contributions``); each contribution an
``id``, ``friendly_id``, ``title``, ``description`` (the abstract, often
HTML), ``speakers``, ``primaryauthors`` and ``coauthors`` (``fullName``,
``first_name``, ``last_name``, ``affiliation``), ``session`` and ``startDate``
(``{"date", "time", "tz"}``). Parsed whole (an event is small).

The record's id is ``indico:<event id>-<contribution id>``; its date the
contribution's start date, else the event's (noted in
``metadata['date_source']``); its speakers the ``speakers``, its authors the
primary and co-authors; the event's id and title and every other field of the
contribution (but Indico's own ``_type``/``_fossil``) go to ``metadata``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..models import Abstract, Author, Speaker
from .fields import Fields, date_fields, partial_date
from .files import MAX_DOCUMENT_BYTES, JSONText, ReadOptions, read_text
from .text import html_to_text

ID_PREFIX = "indico:"
MAPPED_FIELDS = ("id", "title", "description", "speakers", "primaryauthors", "coauthors", "session", "startDate")
"""Fields that become the record's own; the rest go to ``metadata``."""


def read_indico(handle: BinaryIO, path: Path, options: ReadOptions) -> Iterator[Abstract | InputError]:
    document = JSONText(read_text(handle, path, MAX_DOCUMENT_BYTES), path)
    for start, export in document.documents():
        events = export.get("results") if isinstance(export, dict) else None
        if not isinstance(events, list):
            raise InputError("E025", path, document.line(start), source="an Indico export",
                             detail="no 'results' list of events")
        for event_start, event in zip(document.items(document.members(start)["results"]), events):
            if not isinstance(event, dict):
                raise InputError("E025", path, document.line(event_start), source="an Indico export",
                                 detail="an event must be a JSON object")
            for position, contribution in _contributions(document, event_start, event):
                line = document.line(position)
                if not isinstance(contribution, dict):
                    yield InputError("E012", path, line, detail="a contribution must be a JSON object")
                    continue
                try:
                    yield indico_record(Fields(contribution, path, line), event)
                except InputError as error:
                    yield error


def _contributions(document: JSONText, event_start: int, event: dict[str, Any]) -> Iterator[tuple[int, Any]]:
    """The event's contributions with their offsets: its own list, then those of its sessions' blocks."""
    members = document.members(event_start)
    if isinstance(event.get("contributions"), list):
        yield from zip(document.items(members["contributions"]), event["contributions"])
    if isinstance(event.get("sessions"), list):
        for block_start, block in zip(document.items(members["sessions"]), event["sessions"]):
            if isinstance(block, dict) and isinstance(block.get("contributions"), list):
                yield from zip(document.items(document.members(block_start)["contributions"]), block["contributions"])


def indico_record(fields: Fields, event: dict[str, Any]) -> Abstract:
    event_id = str(event.get("id") or "").strip()
    if not event_id:
        raise fields.error("its event has no 'id'")
    contribution_id = fields.string("id", required=True)
    abstract = html_to_text(fields.string("description", required=True))
    if not abstract:
        raise fields.missing("description")
    metadata: dict[str, Any] = {"event_id": event_id, "event_title": event.get("title")}
    metadata.update((key, value) for key, value in fields.fields.items()
                    if key not in MAPPED_FIELDS and not key.startswith("_"))
    date = _date(fields, fields.fields.get("startDate"), "startDate")
    if date == (None, {}):
        date = _date(fields, event.get("startDate"), "the event's startDate")
        if date[0] is not None:
            metadata["date_source"] = "event"
    session = fields.fields.get("session")
    if isinstance(session, dict):  # detail=sessions gives the session as an object
        session = session.get("title")
    return fields.build(
        id=f"{ID_PREFIX}{event_id}-{contribution_id}",
        title=" ".join(fields.string("title").split()),
        abstract=abstract,
        session=" ".join(session.split()) if isinstance(session, str) and session.strip() else None,
        date=date[0],
        speakers=[Speaker(name=name, affiliation=aff) for name, aff in _people(fields, "speakers")],
        authors=[Author(name=name, affiliation=aff)
                 for key in ("primaryauthors", "coauthors") for name, aff in _people(fields, key)],
        metadata={**metadata, **date[1]},
    )


def _date(fields: Fields, value: Any, name: str) -> tuple[dt.date | None, dict[str, str]]:
    """An Indico date object ``{"date": "2024-07-08", "time": ..., "tz": ...}`` as the record's date."""
    if value is None:
        return None, {}
    text = value.get("date") if isinstance(value, dict) else None
    found = partial_date(text) if isinstance(text, str) else None
    if found is None:
        raise fields.error(f"{name} has no 'date' like 2024-07-08: {value!r}")
    return date_fields(found)


def _people(fields: Fields, key: str) -> list[tuple[str, str | None]]:
    """Names and affiliations of a person list: ``fullName``, else first and last name."""
    people = []
    for person in fields.objects(key):
        name = person.get("fullName") or " ".join(
            str(person.get(part) or "").strip() for part in ("first_name", "last_name")).strip()
        if isinstance(name, str) and name.strip():
            affiliation = person.get("affiliation")
            people.append((" ".join(name.split()),
                           affiliation.strip() if isinstance(affiliation, str) and affiliation.strip() else None))
    return people
