"""The records that cross stage boundaries, defined once.

``Abstract`` leaves ingestion, ``TaggedRecord`` (with its ``Entity`` list) leaves
extraction, ``Concept`` is one entry of the ontology. Their JSON Schemas in
``schemas/`` are generated from these classes (``astro-ie schema``) and a test
checks that the published files are current.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "1.0"

LABELS: tuple[str, ...] = ("TECHNIQUE", "TELESCOPE", "SURVEY", "DATASET", "SOFTWARE")
"""The entity labels, in the order reports list them."""

Label = Literal["TECHNIQUE", "TELESCOPE", "SURVEY", "DATASET", "SOFTWARE"]


class Record(BaseModel):
    """Base of the records: strict about unknown fields, frozen-free for speed."""

    model_config = ConfigDict(extra="forbid")

    def to_json_line(self) -> str:
        """One JSON line, keys in field order, UTF-8 kept as is: same record, same bytes."""
        return json_line(self.model_dump(mode="json"))


# Characters that some readers (Python's str.splitlines among them) take for line
# ends: escaped in JSON lines so that one record is always one line.
_LINE_BREAKERS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085",
                  "\x0b": "\\u000b", "\x0c": "\\u000c", "\x1c": "\\u001c", "\x1d": "\\u001d",
                  "\x1e": "\\u001e"}
_LINE_BREAK_RE = re.compile("[\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e]")


def json_line(data: Any) -> str:
    """Compact JSON for a JSONL line: readable UTF-8, but never a character that breaks a line."""
    text = json.dumps(data, ensure_ascii=False, separators=(", ", ": "))
    if text.isascii() or not _LINE_BREAK_RE.search(text):  # every line breaker is outside ASCII or escaped by json
        return text
    return _LINE_BREAK_RE.sub(lambda m: _LINE_BREAKERS[m.group()], text)


# --- ingestion ---------------------------------------------------------------


class Speaker(Record):
    name: str
    affiliation: str | None = None
    invited: bool = False


class Author(Record):
    """An author of a paper or contribution, as the source names them."""

    name: str
    affiliation: str | None = None


def _require_schema_version(schema: dict[str, Any]) -> None:
    """A published record must say which schema it follows, even though the model fills it in."""
    required = schema.setdefault("required", [])
    if "schema_version" not in required:
        required.insert(0, "schema_version")


class Abstract(Record):
    """One abstract as ingested: the output of ``astro_ie.ingest``."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_require_schema_version)

    schema_version: str = SCHEMA_VERSION
    id: str = Field(min_length=1, description="Stable id; for the book, '<session-slug>-<number>'.")
    title: str = Field(default="", description="Empty for an abstract-only record (common in exported data).")
    abstract: str
    session: str | None = None
    number: int | None = None
    date: dt.date | None = Field(
        default=None, description="Publication or talk date; a source giving only a month or year gives its first "
                                  "day, and metadata 'date_precision' says so.")
    speakers: list[Speaker] = Field(default_factory=list)
    authors: list[Author] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(
        default_factory=dict, description="Further fields of the source, kept as given."
    )
    source: str | None = Field(default=None, description="File name the record came from.")
    line: int | None = Field(default=None, description="Line of the source where the record starts.")

    @field_validator("id")
    @classmethod
    def _id_is_clean(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("id is empty")
        if any(ch in value for ch in "\n\r\t\x00"):
            raise ValueError("id holds a control character")
        return value


# --- extraction -------------------------------------------------------------

MentionSource = Literal["ruler", "abbreviation", "candidate"]


class Entity(Record):
    """One mention: ``text[start:end]`` of its record."""

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str
    label: Label
    concept_id: str = Field(description="An ontology id, or 'candidate:<slug>' for an unknown entity.")
    concept_label: str
    source: MentionSource = Field(description="How it was found: ontology ruler, abbreviation, candidate.")
    generic: bool = False


class TaggedRecord(Record):
    """One abstract with its entities: a line of ``corpus.jsonl``."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_require_schema_version)

    schema_version: str = SCHEMA_VERSION
    id: str
    title: str = ""
    session: str | None = None
    number: int | None = None
    date: dt.date | None = None
    speakers: list[Speaker] = Field(default_factory=list)
    authors: list[Author] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)
    text: str = Field(description="Title, a blank line, then the abstract (the abstract alone when there is no "
                      "title): the string offsets index into.")
    abstract_start: int = Field(ge=0, description="Offset in text where the abstract begins.")
    entities: list[Entity] = Field(default_factory=list)


def as_mapping(item: Any) -> Any:
    """A corpus line as plain JSON data: a parsed dict as it is, a model dumped."""
    if isinstance(item, dict):
        return item
    dump = getattr(item, "model_dump", None)
    if dump is None:
        from .errors import InputError

        raise InputError("E012", detail=f"expected a mapping, got {type(item).__name__}")
    return dump(mode="json")


# --- ontology ---------------------------------------------------------------


class Alias(BaseModel):
    """A surface form of a concept, with the rule that decides when it may match."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    case_sensitive: bool = False
    requires_definition: bool = Field(
        default=False,
        description="Valid only in an abstract that defines it, e.g. 'random forest (RF)'.",
    )
    not_before: list[str] = Field(
        default_factory=list,
        description="Lower-case words that, right after the alias, veto the match ('Hubble' + 'constant').",
    )
    not_after: list[str] = Field(
        default_factory=list,
        description="Lower-case words that, right before the alias, veto the match.",
    )


class RelationName(str, Enum):
    instrument_of = "instrument_of"  # instrument -> its telescope / observatory
    part_of = "part_of"  # telescope -> observatory, mission -> programme
    uses = "uses"  # survey -> the telescope or instrument it observes with
    from_survey = "from_survey"  # dataset -> the survey or mission it comes from
    developed_with = "developed_with"  # software -> technique it implements
    related = "related"


class Concept(BaseModel):
    """One real-world thing in the ontology."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^(technique|telescope|survey|dataset|software):[a-z0-9][a-z0-9.+-]*$")
    label: str = Field(min_length=1, description="Preferred label.")
    match_label: bool = Field(
        default=True,
        description="Match the label itself (case-insensitively); false for labels that are common words.",
    )
    type: Label
    kind: str | None = Field(default=None, description="Finer kind: architecture, instrument, mission, ...")
    aliases: list[Alias] = Field(default_factory=list)
    acronyms: list[Alias] = Field(default_factory=list, description="Case-sensitive short forms.")
    broader: list[str] = Field(default_factory=list, description="is-a parents (concept ids).")
    relations: dict[RelationName, list[str]] = Field(default_factory=dict)
    alt_types: list[Label] = Field(default_factory=list, description="Other types a mention may be used as.")
    generic: bool = Field(default=False, description="Umbrella term: machine learning, deep learning, AI.")
    wikidata: str | None = Field(default=None, pattern=r"^Q[0-9]+$")
    aas: str | None = Field(default=None, description="AAS journals' facility keyword.")
    url: str | None = None
    description: str | None = None

    @field_validator("aliases", "acronyms", mode="before")
    @classmethod
    def _strings_are_aliases(cls, value: Any, info: Any) -> Any:
        if not isinstance(value, list):
            return value
        out = []
        for item in value:
            if isinstance(item, str):
                item = {"text": item}
            if info.field_name == "acronyms" and isinstance(item, dict):
                item = {"case_sensitive": True, **item}
            out.append(item)
        return out


# --- schemas ----------------------------------------------------------------

SCHEMAS: dict[str, type[BaseModel]] = {
    "abstract.schema.json": Abstract,
    "corpus-record.schema.json": TaggedRecord,
    "concept.schema.json": Concept,
}


def schema_texts() -> dict[str, str]:
    """The JSON Schema of each published record, as the bytes written to ``schemas/``."""
    return {
        name: json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
        for name, model in SCHEMAS.items()
    }


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
