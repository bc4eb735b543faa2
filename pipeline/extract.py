"""From abstracts to tagged records: the extraction stage as plain functions.

``Extractor`` holds one spaCy pipeline (built once: per process, per Dask
worker) and turns batches of :class:`Abstract` into :class:`TaggedRecord`.
The record's ``text`` is the title, a blank line, then the abstract, and every
entity's offsets index into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .candidates import ABSTRACT_START
from .linking import ENTITY_TUPLES, TEXT_KEY
from .models import SCHEMA_VERSION, Abstract, TaggedRecord, json_line
from .nlp import build_pipeline
from .ontology import Ontology

SEPARATOR = "\n\n"
TEXT = TEXT_KEY
"""``doc.user_data`` key: the record's text as composed."""


def compose_text(abstract: Abstract) -> tuple[str, int]:
    """The string a record's offsets index into, and where its abstract starts."""
    title = abstract.title.strip()
    if not title:
        return abstract.abstract, 0
    return f"{title}{SEPARATOR}{abstract.abstract}", len(title) + len(SEPARATOR)


class Extractor:
    """One pipeline, many abstracts."""

    def __init__(self, ontology_dir: Path | str, nlp: Language | None = None, names: bool = False) -> None:
        # The ruler's matches stay tuples: no span group per doc that nothing here reads.
        # ``names``: add the statistical name model after the rules (see :mod:`pipeline.names_model`).
        self.nlp = nlp if nlp is not None else build_pipeline(ontology_dir, match_spans=False, names=names)
        self.ontology: Ontology = self.nlp.get_pipe("astro_linker").index.ontology
        # The linker's own record of the entities stands for doc.ents when nothing runs after it.
        # (The name model keeps that record up to date.)
        self._linker_last = self.nlp.pipe_names[-1:] in (["astro_linker"], ["astro_names"])

    def tag(self, abstracts: Iterable[Abstract], batch_size: int = 64) -> Iterator[TaggedRecord]:
        """Tagged records in input order; streams, holding one spaCy batch at a time."""
        docs = ((self.make_doc(a), a) for a in abstracts)
        for doc, abstract in self.nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
            yield self.record(doc, abstract)

    def make_doc(self, abstract: Abstract) -> Doc:
        """The record's text, tokenized, knowing where its abstract starts."""
        text, start = compose_text(abstract)
        doc = self.nlp.make_doc(text)
        doc.user_data[ABSTRACT_START] = start
        doc.user_data[TEXT] = text  # the doc rebuilds its text token by token: keep the string
        return doc

    def tag_batch(self, abstracts: list[Abstract]) -> list[TaggedRecord]:
        return list(self.tag(abstracts, batch_size=max(1, len(abstracts))))

    def record(self, doc: Doc, abstract: Abstract, abstract_start: int | None = None) -> TaggedRecord:
        """The tagged record of a processed doc, as the validated model."""
        return TaggedRecord.model_validate(self.record_dict(doc, abstract))

    def tag_lines(self, abstracts: Iterable[Abstract], batch_size: int = 64) -> Iterator[str]:
        """``corpus.jsonl`` lines: the records without building models, for bulk runs."""
        docs = ((self.make_doc(a), a) for a in abstracts)
        for doc, abstract in self.nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
            yield json_line(self.record_dict(doc, abstract))

    def record_dict(self, doc: Doc, abstract: Abstract) -> dict:
        """The record as plain JSON data, fields in the order of :class:`TaggedRecord`."""
        text = doc.user_data.get(TEXT) or doc.text
        concepts = self.ontology.concepts
        local_labels = doc.user_data.get("astro_concept_labels", {})
        found = doc.user_data.get(ENTITY_TUPLES) if self._linker_last else None
        if found is None:  # read the Doc's entities (a Span each)
            found = [(ent.start_char, ent.end_char, ent.label_, ent.kb_id_, ent.id_) for ent in doc.ents]
        entities = []
        for start, end, label, concept_id, source in found:
            concept = concepts.get(concept_id)
            entities.append({
                "start": start,
                "end": end,
                "text": text[start:end],
                "label": label,
                "concept_id": concept_id,
                "concept_label": concept.label if concept else local_labels.get(concept_id, text[start:end]),
                "source": source or "ruler",
                "generic": bool(concept.generic) if concept else False,
            })
        record = record_head(abstract, text, doc.user_data.get(ABSTRACT_START, 0))
        record["entities"] = entities
        return record


def record_head(abstract: Abstract, text: str | None = None, abstract_start: int | None = None) -> dict:
    """A tagged record's fields before its entities: all that comes from the abstract (what an update compares)."""
    if text is None:
        text, abstract_start = compose_text(abstract)
    return {
        "schema_version": SCHEMA_VERSION,
        "id": abstract.id,
        "title": abstract.title,
        "session": abstract.session,
        "number": abstract.number,
        "date": abstract.date.isoformat() if abstract.date else None,
        "speakers": [speaker.model_dump(mode="json") for speaker in abstract.speakers],
        "authors": [author.model_dump(mode="json") for author in abstract.authors],
        "metadata": abstract.metadata,
        "text": text,
        "abstract_start": abstract_start or 0,
    }
