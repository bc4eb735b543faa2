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
from .models import Abstract, Entity, TaggedRecord
from .nlp import build_pipeline
from .ontology import Ontology

SEPARATOR = "\n\n"


def compose_text(abstract: Abstract) -> tuple[str, int]:
    """The string a record's offsets index into, and where its abstract starts."""
    title = abstract.title.strip()
    if not title:
        return abstract.abstract, 0
    return f"{title}{SEPARATOR}{abstract.abstract}", len(title) + len(SEPARATOR)


class Extractor:
    """One pipeline, many abstracts."""

    def __init__(self, ontology_dir: Path | str, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else build_pipeline(ontology_dir)
        self.ontology: Ontology = self.nlp.get_pipe("astro_linker").index.ontology

    def tag(self, abstracts: Iterable[Abstract], batch_size: int = 64) -> Iterator[TaggedRecord]:
        """Tagged records in input order; streams, holding one spaCy batch at a time."""
        docs = ((self.make_doc(a), a) for a in abstracts)
        for doc, abstract in self.nlp.pipe(docs, as_tuples=True, batch_size=batch_size):
            yield self.record(doc, abstract, doc.user_data[ABSTRACT_START])

    def make_doc(self, abstract: Abstract) -> Doc:
        """The record's text, tokenized, knowing where its abstract starts."""
        text, start = compose_text(abstract)
        doc = self.nlp.make_doc(text)
        doc.user_data[ABSTRACT_START] = start
        return doc

    def tag_batch(self, abstracts: list[Abstract]) -> list[TaggedRecord]:
        return list(self.tag(abstracts, batch_size=max(1, len(abstracts))))

    def record(self, doc: Doc, abstract: Abstract, abstract_start: int) -> TaggedRecord:
        concepts = self.ontology.concepts
        local_labels = doc.user_data.get("astro_concept_labels", {})
        entities = []
        for ent in doc.ents:
            concept = concepts.get(ent.kb_id_)
            entities.append(
                Entity.model_construct(
                    start=ent.start_char,
                    end=ent.end_char,
                    text=ent.text,
                    label=ent.label_,
                    concept_id=ent.kb_id_,
                    concept_label=concept.label if concept else local_labels.get(ent.kb_id_, ent.text),
                    source=ent._.astro_source or "ruler",
                    generic=bool(concept.generic) if concept else False,
                )
            )
        return TaggedRecord.model_construct(
            schema_version=TaggedRecord.model_fields["schema_version"].default,
            id=abstract.id,
            title=abstract.title,
            session=abstract.session,
            number=abstract.number,
            date=abstract.date,
            speakers=abstract.speakers,
            metadata=abstract.metadata,
            text=doc.text,
            abstract_start=abstract_start,
            entities=entities,
        )
