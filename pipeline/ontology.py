"""Load, validate and export the curated ontology (``ontologies/*.yaml``).

The ontology is data: one YAML list of concepts per type. Loading validates
every concept against :class:`pipeline.models.Concept` and then the whole:
duplicate ids, aliases two concepts claim with no rule that separates them,
dangling or cyclic ``broader`` links, dangling relations. Every problem is
reported with its ``file:line`` and all of them at once, before any work
starts.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from .errors import AstroIEError, OntologyError
from .extent import SpanRules, read_span_rules, rules_path
from .io import cache_root, read_cached_json, write_cached_json
from .manifest import code_version
from .models import Alias, Concept
from .normalize import alias_key
from .vocabulary import CandidateWords, read_candidate_words, read_spelling, vocabulary_files

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Loader):  # type: ignore[misc,valid-type]
    """Safe YAML loading that remembers the line each mapping starts on."""

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = getattr(key_node, "value", None)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    problem=f"duplicate key '{key}' (a second value would silently replace the first)",
                    problem_mark=key_node.start_mark)
            seen.add(key)
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


@dataclass(frozen=True)
class Where:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Ontology:
    """The validated concepts, where each was defined, and a content hash."""

    concepts: dict[str, Concept]
    where: dict[str, Where]
    hash: str
    directory: Path
    files: list[Path] = field(default_factory=list)
    span_rules: SpanRules = field(default_factory=SpanRules)
    candidate_words: CandidateWords = field(default_factory=CandidateWords)

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def get(self, concept_id: str) -> Concept | None:
        return self.concepts.get(concept_id)

    def by_type(self) -> dict[str, list[Concept]]:
        out: dict[str, list[Concept]] = defaultdict(list)
        for concept in self.concepts.values():
            out[concept.type].append(concept)
        return dict(out)

    @cached_property
    def _form_keys(self) -> dict[str, str]:
        """Matching key of every definition-free form -> its concept (the first id, for determinism)."""
        keys: dict[str, str] = {}
        for cid in sorted(self.concepts):
            for form in surface_forms(self.concepts[cid]):
                if not form.requires_definition:
                    keys.setdefault(alias_key(form.text), cid)
        return keys

    def contained_concept(self, name: str) -> str | None:
        """The known concept a candidate's name is composed on: "Bayesian CNN" -> CNN.

        The longest run of whole words of ``name`` that is a form of a concept
        (the rightmost of equal length: the head of an English noun phrase);
        None when no part of the name is known. This is the ``broader`` of a
        composed name that ``candidates.csv`` and ``concepts.csv`` show, read
        back from ``corpus.jsonl`` without a field of its own.
        """
        words = alias_key(name).split()
        keys = self._form_keys
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size, -1, -1):
                cid = keys.get(" ".join(words[start:start + size]))
                if cid is not None:
                    return cid
        return None

    @cached_property
    def ancestors(self) -> Mapping[str, tuple[str, ...]]:
        """Every concept's transitive ``broader`` ids, nearest first."""
        result: dict[str, tuple[str, ...]] = {}
        for cid in self.concepts:
            seen: list[str] = []
            frontier = list(self.concepts[cid].broader)
            while frontier:
                nxt = frontier.pop(0)
                if nxt in seen or nxt not in self.concepts:
                    continue
                seen.append(nxt)
                frontier.extend(self.concepts[nxt].broader)
            result[cid] = tuple(seen)
        return result


def surface_forms(concept: Concept) -> list[Alias]:
    """The label (when matched) and every alias and acronym of a concept."""
    forms = [Alias(text=concept.label)] if concept.match_label else []
    return forms + list(concept.aliases) + list(concept.acronyms)


def ontology_files(directory: Path) -> list[Path]:
    return sorted(p for p in Path(directory).glob("*.yaml") if p.is_file())


def ontology_hash(directory: Path) -> str:
    """sha256 over the names and bytes of the ontology files: the cache key of outputs."""
    digest = hashlib.sha256()
    for path in ontology_files(directory):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    rules = rules_path(directory)
    if rules.is_file():
        digest.update(b"rules/" + rules.name.encode() + b"\0" + rules.read_bytes() + b"\0")
    for name, path in vocabulary_files(directory):  # the word lists of the candidate rules and of spelling
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


_CONCEPT_LIST = TypeAdapter(list[Concept])


def load_ontology(directory: Path | str, use_cache: bool = True) -> Ontology:
    """Read and validate every ``*.yaml`` of ``directory``; raise one OntologyError listing all problems.

    A validated ontology is cached as JSON under its content hash (see
    :func:`pipeline.io.cache_root`), so later loads of the same files skip
    YAML parsing and validation.
    """
    directory = Path(directory)
    files = ontology_files(directory) if directory.is_dir() else []
    if not files:
        raise OntologyError([AstroIEError("E101", directory)])
    digest = ontology_hash(directory)
    cache_file = cache_root() / "ontology" / f"{digest}.json"
    cached = read_cached_json(cache_file) if use_cache else None
    if cached is not None and cached.get("astro_ie") == code_version():
        span_rules, problems = read_span_rules(directory)
        candidate_words, word_problems = _read_vocabulary(directory)
        if problems or word_problems:
            raise OntologyError(problems + word_problems)
        concepts = {c.id: c for c in _CONCEPT_LIST.validate_python(cached["concepts"])}
        where = {cid: Where(str(directory / name), line) for cid, (name, line) in cached["where"].items()}
        return Ontology(concepts, where, digest, directory, files, span_rules, candidate_words)
    ontology = _load_and_validate(directory, files, digest)
    if use_cache:
        write_cached_json(cache_file, {
            "astro_ie": code_version(),
            "concepts": [c.model_dump(mode="json", exclude_defaults=True) for c in ontology],
            "where": {cid: [Path(at.path).name, at.line] for cid, at in ontology.where.items()},
        })
    return ontology


def _load_and_validate(directory: Path, files: list[Path], digest: str) -> Ontology:
    problems: list[AstroIEError] = []
    concepts: dict[str, Concept] = {}
    where: dict[str, Where] = {}
    for path in files:
        for concept, at in _read_file(path, problems):
            if concept.id in concepts:
                problems.append(AstroIEError("E104", at.path, at.line, id=concept.id, first=where[concept.id]))
                continue
            concepts[concept.id] = concept
            where[concept.id] = at
    problems.extend(_check_links(concepts, where))
    problems.extend(_check_aliases(concepts, where))
    span_rules, rule_problems = read_span_rules(directory)
    problems.extend(rule_problems)
    problems.extend(_check_alias_extent(concepts, where, span_rules))
    candidate_words, word_problems = _read_vocabulary(directory)
    problems.extend(word_problems)
    if problems:
        raise OntologyError(problems)
    return Ontology(concepts, where, digest, directory, files, span_rules, candidate_words)


def _read_vocabulary(directory: Path) -> tuple[CandidateWords, list[AstroIEError]]:
    """The candidate rules' word lists of this ontology, and the problems of those and of the spelling folds."""
    spelling_problems = read_spelling()[1]
    if spelling_problems:  # the candidate words are checked against norms: not with a bad spelling table
        return CandidateWords(), spelling_problems
    return read_candidate_words(directory)


def _refuse_aliases(text: str) -> None:
    """YAML anchors and aliases (``&a`` / ``*a``) can expand exponentially: not in the ontology."""
    if "*" not in text:
        return
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(problem=f"YAML aliases (*{event.anchor}) are not allowed in the "
                                       "ontology; write the value out", problem_mark=event.start_mark)


def _read_file(path: Path, problems: list[AstroIEError]) -> Iterator[tuple[Concept, Where]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        _refuse_aliases(text)
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problems.append(AstroIEError("E102", path, line, detail=getattr(exc, "problem", None) or str(exc)))
        return
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(AstroIEError("E102", path, line, detail=f"not UTF-8 ({exc.reason})"))
        return
    if data is None:
        return
    if not isinstance(data, list):
        problems.append(AstroIEError("E102", path, 1, detail="the file must be a YAML list of concepts"))
        return
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            problems.append(AstroIEError("E103", path, _item_line(text, index),
                                         detail=f"item {index + 1} is not a mapping"))
            continue
        line = item.pop("__line__", None)
        _strip_lines(item)
        try:
            concept = Concept.model_validate(item)
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(part) for part in err["loc"])
                ident = item.get("id", f"item {index + 1}")
                problems.append(AstroIEError("E103", path, line, detail=f"{ident}: {loc}: {err['msg']}"))
            continue
        yield concept, Where(str(path), line or 0)


def _item_line(text: str, index: int) -> int | None:
    """The line where item ``index`` of the file's top-level list starts (for items that are not mappings)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        return node.value[index].start_mark.line + 1
    except (yaml.YAMLError, AttributeError, IndexError):
        return None


def _strip_lines(value: object) -> None:
    """Remove the line markers the loader put into nested mappings."""
    if isinstance(value, dict):
        value.pop("__line__", None)
        for item in value.values():
            _strip_lines(item)
    elif isinstance(value, list):
        for item in value:
            _strip_lines(item)


def _check_links(concepts: dict[str, Concept], where: dict[str, Where]) -> Iterator[AstroIEError]:
    for cid, concept in concepts.items():
        at = where[cid]
        for target in concept.broader:
            if target not in concepts:
                yield AstroIEError("E106", at.path, at.line, id=cid, target=target)
        for relation, targets in concept.relations.items():
            for target in targets:
                if target not in concepts:
                    yield AstroIEError("E108", at.path, at.line, id=cid, relation=relation.value, target=target)
    yield from _find_cycles(concepts, where)


def _find_cycles(concepts: dict[str, Concept], where: dict[str, Where]) -> Iterator[AstroIEError]:
    """Report each cycle of ``broader`` links once (iterative DFS, colour marking)."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for root in sorted(concepts):
        if state.get(root):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(concepts[root].broader))]
        path = [root]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            if child not in concepts:
                continue
            if state.get(child) == 1:
                cycle = [*path[path.index(child):], child]
                at = where[child]
                yield AstroIEError("E107", at.path, at.line, cycle=" -> ".join(cycle))
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(concepts[child].broader)))


def _check_aliases(concepts: dict[str, Concept], where: dict[str, Where]) -> Iterator[AstroIEError]:
    """An alias two concepts claim must be separated by a rule.

    Separated means: one side requires a definition in the abstract, or both are
    case-sensitive and written differently ("SWIFT" the code, "Swift" the mission).
    """
    claims: dict[str, list[tuple[str, Alias]]] = defaultdict(list)
    for cid, concept in concepts.items():
        seen: set[str] = set()
        for form in surface_forms(concept):
            key = alias_key(form.text)
            if (key, form.text) in seen:
                continue
            seen.add((key, form.text))
            claims[key].append((cid, form))
    for key in sorted(claims):
        entries = claims[key]
        owners = sorted({cid for cid, _ in entries})
        if len(owners) < 2:
            continue
        reported: set[tuple[str, str]] = set()
        for i, (a, fa) in enumerate(entries):
            for b, fb in entries[i + 1:]:
                if a == b or (a, b) in reported or _separated(fa, fb):
                    continue
                reported.add((a, b))
                at = where[b]
                yield AstroIEError("E105", at.path, at.line, alias=fb.text, a=a, b=b)


def _check_alias_extent(
    concepts: dict[str, Concept], where: dict[str, Where], rules: SpanRules
) -> Iterator[AstroIEError]:
    """Aliases must name the thing and no more (GUIDELINE "Span extent").

    Rejected: a form that adds a descriptive word the guideline drops to a
    form of some concept ("deep CNN", "NASA/ESA Hubble Space Telescope",
    "neural network emulator"), unless it is an established name ("deep
    neural network"); and a form whose hyphen-dropped spelling is another
    concept's form ("GMOS-S" would become "GMOSS").
    """
    forms: dict[str, set[str]] = defaultdict(set)
    insensitive: dict[str, set[str]] = defaultdict(set)  # what a case-sensitive form can collide with
    for cid, concept in concepts.items():
        for form in surface_forms(concept):
            if not form.requires_definition:
                forms[alias_key(form.text)].add(cid)
                if not form.case_sensitive:
                    insensitive[alias_key(form.text)].add(cid)
    established = {alias_key(n) for n in rules.established_names}
    leading = sorted(rules.descriptive_words, key=len, reverse=True)
    tails = {t.lower() for t in rules.descriptive_tails}
    facility_tails = frozenset(rules.facility_descriptive_tails)
    for cid in sorted(concepts):
        concept = concepts[cid]
        for form in surface_forms(concept):
            text, key = form.text, alias_key(form.text)
            if any(key == e or key.endswith(" " + e) for e in established):
                continue
            rest = None
            for word in leading:
                if text.lower().startswith(word.lower() + " ") and len(text) > len(word) + 1:
                    rest, dropped = text[len(word) + 1:], word
                    break
            if rest is None and " " in text and text.rsplit(" ", 1)[1].lower() in tails:
                rest, dropped = text.rsplit(" ", 1)[0], text.rsplit(" ", 1)[1]
            if rest is None and concept.type in ("TELESCOPE", "SURVEY") and " " in text \
                    and text.rsplit(" ", 1)[1] in facility_tails:
                # "NEO Surveyor mission" where "NEO Surveyor" is matched alone; "Juno mission" stays, "Juno" alone
                # being a word, and "Solar Maximum Mission" is a name (the tails are written in lower case)
                rest, dropped = text.rsplit(" ", 1)[0], text.rsplit(" ", 1)[1]
                if cid not in forms.get(alias_key(rest), set()):
                    rest = None
            if rest is not None and forms.get(alias_key(rest)):
                at = where[cid]
                yield AstroIEError("E111", at.path, at.line, alias=text, id=cid,
                                   detail=f"carries the descriptive word '{dropped}': the name is '{rest}'")
            for joined in _hyphen_dropped(text):
                owners = (insensitive if form.case_sensitive else forms).get(alias_key(joined), set()) - {cid}
                if owners:
                    at = where[cid]
                    yield AstroIEError("E111", at.path, at.line, alias=text, id=cid,
                                       detail=f"without its hyphen is '{joined}', a form of '{min(owners)}'")


def _hyphen_dropped(text: str) -> list[str]:
    """The spellings the matcher would make by dropping one hyphen ("self-organizing" -> "selforganizing")."""
    from .ruler_index import joinable

    return [text[:m.start()] + text[m.end():] for m in re.finditer(r"(?<=\w)-(?=\w)", text)
            if joinable(text[:m.start()].split()[-1], text[m.end():].split()[0])]


def _separated(a: Alias, b: Alias) -> bool:
    if a.requires_definition or b.requires_definition:
        return True
    return a.case_sensitive and b.case_sensitive and a.text != b.text


# --- export -----------------------------------------------------------------

ASTRO_IE_NS = "https://astro-ie.org/ontology/"


def to_skos(ontology: Ontology) -> str:
    """The ontology as SKOS Turtle (rdflib), for ontology tools such as Protégé or Skosmos."""
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, RDF, SKOS

    ns = Namespace(ASTRO_IE_NS)
    wd = Namespace("http://www.wikidata.org/entity/")
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("astroie", ns)
    graph.bind("wd", wd)
    graph.bind("dcterms", DCTERMS)
    scheme = URIRef(ASTRO_IE_NS.rstrip("/"))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal("astro-ie ontology", lang="en")))

    def uri(cid: str) -> URIRef:
        return ns[cid.replace(":", "/")]

    for concept in sorted(ontology, key=lambda c: c.id):
        node = uri(concept.id)
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, scheme))
        graph.add((node, SKOS.notation, Literal(concept.id)))
        graph.add((node, SKOS.prefLabel, Literal(concept.label, lang="en")))
        for alias in concept.aliases:
            graph.add((node, SKOS.altLabel, Literal(alias.text, lang="en")))
        for acronym in concept.acronyms:
            graph.add((node, SKOS.hiddenLabel if acronym.requires_definition else SKOS.altLabel,
                       Literal(acronym.text, lang="en")))
        graph.add((node, ns.type, Literal(concept.type)))
        if concept.kind:
            graph.add((node, ns.kind, Literal(concept.kind)))
        if concept.generic:
            graph.add((node, ns.generic, Literal(True)))
        for parent in concept.broader:
            graph.add((node, SKOS.broader, uri(parent)))
        if not concept.broader:
            graph.add((node, SKOS.topConceptOf, scheme))
        for relation, targets in sorted(concept.relations.items(), key=lambda kv: kv[0].value):
            for target in targets:
                graph.add((node, ns[relation.value], uri(target)))
                graph.add((node, SKOS.related, uri(target)))
        if concept.wikidata:
            graph.add((node, SKOS.exactMatch, wd[concept.wikidata]))
        if concept.aas:
            graph.add((node, ns.aasFacilityKeyword, Literal(concept.aas)))
        if concept.description:
            graph.add((node, SKOS.definition, Literal(concept.description, lang="en")))
        if concept.url:
            graph.add((node, DCTERMS.source, URIRef(concept.url)))
    return graph.serialize(format="turtle")
