"""astro-ie against the obvious spaCy peer, on the dev gold and the unseen sets.

The peer is what anyone would build first from the same ontology:
``spacy.blank("en")`` with two ``EntityRuler`` s, every label and alias of a
concept as a ``LOWER`` phrase pattern, every acronym (and case-sensitive
alias) as an ``ORTH`` phrase pattern, the concept type as the label and the
concept id as the entity id. Both systems are scored with the project's metric
(:mod:`astro_ie.evaluate`, SCORING.md) on every set, and timed on the same real
texts in this process, set by set and all together ("all": the default corpus
and every record of the sets), best of ``--repeats`` alternating runs (see
:func:`speed`). The last line printed is JSON:
``{"sets": {name: {"astro_ie": scores, "peer": scores}}, "speed": {name: {..., "ratio", "ratio_lines"}}}``.

    python benchmarks/peer.py [--repeats 5] [--sets DIR]

Records of the unseen sets are read here, title optional (full-text fragments
have none), so the sets can be scored whatever the ingest readers accept.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy
from spacy.language import Language

from astro_ie import evaluate
from astro_ie.extract import Extractor, compose_text
from astro_ie.ingest import read_abstracts
from astro_ie.models import Abstract
from astro_ie.ontology import load_ontology

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "data" / "ml4astro-2024-book-of-abstracts.txt"
DEV_GOLD = ROOT / "tests" / "fixtures" / "seed-dev.jsonl"
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"


def read_records(path: Path) -> list[Abstract]:
    """``{id, title?, abstract}`` lines as abstracts; a missing title is empty."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            out.append(Abstract(id=obj["id"], title=obj.get("title") or "", abstract=obj["abstract"]))
    return out


def gold_sets(unseen: Path = UNSEEN) -> dict[str, tuple[list[Abstract], Path]]:
    """Name -> (records, gold file): the dev gold first, then each unseen set present."""
    sets = {"dev": (list(read_abstracts([BOOK])), DEV_GOLD)}
    for gold in sorted(unseen.glob("*.gold.jsonl")):
        records = gold.with_name(gold.name.replace(".gold.jsonl", ".jsonl"))
        if records.exists():
            sets[records.stem] = (read_records(records), gold)
    return sets


def build_peer(ontology_dir: Path) -> Language:
    """``spacy.blank("en")`` + two EntityRulers from the ontology YAML."""
    ontology = load_ontology(ontology_dir)
    lower, orth = [], []
    for concept in sorted(ontology, key=lambda c: c.id):
        forms = [(concept.label, False)] if concept.match_label else []
        forms += [(a.text, a.case_sensitive) for a in concept.aliases]
        forms += [(a.text, True) for a in concept.acronyms]
        for text, sensitive in forms:
            pattern = {"label": concept.type, "pattern": text, "id": concept.id}
            (orth if sensitive else lower).append(pattern)
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler", name="aliases", config={"phrase_matcher_attr": "LOWER"}).add_patterns(lower)
    nlp.add_pipe("entity_ruler", name="acronyms", config={"phrase_matcher_attr": "ORTH"}).add_patterns(orth)
    return nlp


def astro_predictions(extractor: Extractor, records: list[Abstract]) -> dict:
    out = {}
    for record in extractor.tag(records):
        out[record.id] = [evaluate.PredictedMention(e.text, e.label, e.concept_id) for e in record.entities]
    return out


def peer_predictions(nlp: Language, records: list[Abstract]) -> dict:
    texts = [compose_text(r)[0] for r in records]
    return {
        r.id: [evaluate.PredictedMention(e.text, e.label_, e.ent_id_ or None) for e in doc.ents]
        for r, doc in zip(records, nlp.pipe(texts))
    }


def summary(evaluation: evaluate.Evaluation) -> dict:
    data = evaluation.to_dict()
    labels = data["labels"]
    facilities = evaluation.labels["TELESCOPE"] + evaluation.labels["SURVEY"]
    return {
        "micro": {k: round(data["micro"][k], 3) for k in ("precision", "recall", "f1")},
        "labels": {label: round(labels[label]["f1"], 3) for label in labels},
        "telescope+survey": {
            "precision": round(facilities.precision, 3),
            "recall": round(facilities.recall, 3),
            "f1": round(facilities.f1, 3),
        },
        "linking_f1": round(data["linking"]["f1"], 3),
    }


def speed(extractor: Extractor, peer: Language, groups: dict[str, list[Abstract]], repeats: int) -> dict:
    """Words per CPU second of astro-ie and the peer on each group of records, best of ``repeats``.

    Three runs per group and repeat, alternating: the peer (``nlp.pipe`` over
    the texts: entities on the Doc), astro-ie the same way (``nlp.pipe`` over
    the extractor's docs: entities on the Doc, linked), and astro-ie writing
    its ``corpus.jsonl`` lines (``Extractor.tag_lines``: the records built and
    JSON-encoded besides). ``ratio`` compares the first two: the same texts in,
    entities on the Doc out; ``ratio_lines`` the last to the peer. CPU time of
    this process (``time.process_time``), so that other processes on a shared
    machine slow both sides alike less than wall time would show.
    """
    out = {}
    for name, records in groups.items():
        texts = [compose_text(r)[0] for r in records]
        words = sum(len(t.split()) for t in texts)
        runs = {
            "peer": lambda texts=texts: [None for _doc in peer.pipe(texts)],
            "astro_ie": lambda records=records: [
                None for _doc in extractor.nlp.pipe(extractor.make_doc(r) for r in records)
            ],
            "astro_ie_lines": lambda records=records: [None for _line in extractor.tag_lines(records)],
        }
        for run in runs.values():  # warm both vocabularies and tokenizer caches
            run()
        best = dict.fromkeys(runs, 0.0)
        for _ in range(repeats):
            for key, run in runs.items():
                started = time.process_time()
                run()
                best[key] = max(best[key], words / max(time.process_time() - started, 1e-9))
        out[name] = {
            "texts": len(texts),
            "words": words,
            "astro_ie_wps": round(best["astro_ie"]),
            "astro_ie_lines_wps": round(best["astro_ie_lines"]),
            "peer_wps": round(best["peer"]),
            "ratio": round(best["astro_ie"] / best["peer"], 3),
            "ratio_lines": round(best["astro_ie_lines"] / best["peer"], 3),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--ontology", type=Path, default=ROOT / "ontologies")
    parser.add_argument("--sets", type=Path, default=UNSEEN, help="folder of <name>.jsonl + <name>.gold.jsonl")
    parser.add_argument("--errors", type=int, default=0, help="print this many astro-ie errors per set")
    args = parser.parse_args()

    extractor = Extractor(args.ontology)
    peer = build_peer(args.ontology)
    sets = gold_sets(args.sets)
    result: dict = {"sets": {}}
    for name, (records, gold_path) in sets.items():
        gold = evaluate.load_gold(gold_path)
        ours = evaluate.score(gold, astro_predictions(extractor, records), top=args.errors)
        theirs = evaluate.score(gold, peer_predictions(peer, records), top=0)
        result["sets"][name] = {"records": len(gold), "astro_ie": summary(ours), "peer": summary(theirs)}
        print(f"== {name}: astro-ie\n{ours.to_table()}\n== {name}: peer\n{theirs.to_table()}")

    groups = {name: records for name, (records, _) in sets.items()}
    groups["all"] = [r for records, _ in sets.values() for r in records]
    result["speed"] = speed(extractor, peer, groups, args.repeats)
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
