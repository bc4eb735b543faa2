"""The compiled form of the ontology that the spaCy components share.

An :class:`OntologyIndex` turns every surface form of every concept into
``PhraseMatcher`` patterns (with the variants the curators need not list) and
keeps one :class:`Rule` per declared form, which says when a match of it may
stand. It is built once per vocabulary and ontology content (keyed on the
ontology hash), so the ruler, the candidate finder and the linker of one
pipeline share it, and a worker process builds it once.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import re
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy
import spacy
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH, LOWER, NORM, ORTH, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .extent import Extent, SpanRules
from .io import cache_root, read_cached_json, write_cached_json
from .manifest import code_version
from .models import Alias, Concept
from .normalize import TEX_MARKED, alias_key, normalize_word, tex_plain
from .ontology import Ontology, load_ontology, ontology_hash, surface_forms

_ARRAY_ATTRS = [ORTH, NORM, LOWER, IDX, LENGTH]
_ARRAY_COLUMNS = {attr: i for i, attr in enumerate(_ARRAY_ATTRS)}


class TokenArrays:
    """A doc's token attributes, read with one ``to_array`` for all of astro-ie's components.

    ``orth``, ``norm``, ``lower``, ``idx`` and ``length`` are columns (numpy
    views); :meth:`values` gives a column as a Python list, made once, and
    also ``SPACY``, which follows from the others (a token is followed by a
    space exactly when the next one starts a character after its end), so
    ``to_array`` reads one attribute less. The arrays describe the doc as
    tokenized when they were read: astro-ie's components do not retokenize.
    """

    __slots__ = ("_ends", "_last_space", "_lists", "array", "n")

    def __init__(self, doc: Doc) -> None:
        self.array = doc.to_array(_ARRAY_ATTRS)
        self.n = n = len(doc)
        self._last_space = bool(doc[n - 1].whitespace_) if n else False
        self._lists: dict[int, list[int]] = {}
        self._ends: list[int] | None = None

    def column(self, attr: int) -> numpy.ndarray:
        return self.array[:, _ARRAY_COLUMNS[attr]]

    def values(self, attr: int) -> list[int]:
        values = self._lists.get(attr)
        if values is None:
            if attr == SPACY:
                idx, length = self.column(IDX), self.column(LENGTH)
                spaces = numpy.empty(self.n, dtype=numpy.uint64)
                spaces[:-1] = idx[1:] > idx[:-1] + length[:-1]
                if self.n:
                    spaces[-1] = self._last_space
                values = spaces.tolist()
            else:
                values = self.column(attr).tolist()
            self._lists[attr] = values
        return values

    def ends(self) -> list[int]:
        """Character offset where each token ends."""
        if self._ends is None:
            self._ends = (self.column(IDX) + self.column(LENGTH)).tolist()
        return self._ends


_LAST_ARRAYS: tuple[weakref.ref, TokenArrays] | None = None


def token_arrays(doc: Doc) -> TokenArrays:
    """The doc's :class:`TokenArrays`, shared by the components that run on it in turn.

    The last doc's arrays are kept beside a weak reference to it (never in
    ``doc.user_data``, which must stay serialisable): ``nlp.pipe`` runs each
    doc through every component before the next, so each doc is read once.
    """
    global _LAST_ARRAYS
    last = _LAST_ARRAYS
    if last is not None and last[0]() is doc and last[1].n == len(doc):
        return last[1]
    arrays = TokenArrays(doc)
    _LAST_ARRAYS = (weakref.ref(doc), arrays)
    return arrays


ABBREVIATION_TUPLES = "astro_abbreviation_tuples"
"""``doc.user_data`` key: ``doc._.abbreviations`` as (short start, short end, long start, long end) token offsets."""


def abbreviation_tuples(doc: Doc, abbreviations: list[Span] | None = None) -> list[tuple]:
    """Each of ``doc._.abbreviations`` (in order) and its long form as token offsets (None, None: no long form).

    The detector records them as it sets the extensions; reading them spares
    an extension look-up (spaCy's ``Underscore``, in Python) per short form.
    """
    if abbreviations is None:
        abbreviations = doc._.abbreviations
    cached = doc.user_data.get(ABBREVIATION_TUPLES)
    if cached is not None and len(cached) == len(abbreviations):
        return cached
    out = []
    for short in abbreviations:
        long = short._.long_form
        out.append((short.start, short.end, *((long.start, long.end) if long is not None else (None, None))))
    return out


MATCH_TUPLES = "astro_match_tuples"
"""``doc.user_data`` key: the ruler's matches as (start, end, label, concept id, rule index)."""


def match_tuples(doc: Doc, key: str = "astro_matches") -> list[tuple[int, int, str, str, int]]:
    """The ruler's matches as tuples, without making a ``Span`` per match.

    From ``doc.spans[key]`` when the ruler left a span group there (the tuples
    it recorded beside it while the group is unchanged), else the tuples alone
    (a ruler with no ``spans_key``).
    """
    cached = doc.user_data.get(MATCH_TUPLES)
    if key not in doc.spans:
        return cached if cached is not None else []
    group = doc.spans[key]
    if cached is not None and len(cached) == len(group):
        return cached
    return [(s.start, s.end, s.label_, s.kb_id_, int(s.id_)) for s in group]


@dataclass(frozen=True)
class Rule:
    """One declared surface form of one concept."""

    concept_id: str
    label: str
    text: str
    case_sensitive: bool
    requires_definition: bool
    not_before: frozenset[str]
    not_after: frozenset[str]


def variants(text: str, case_sensitive: bool) -> list[str]:
    """The spellings of a form that the matcher also accepts.

    Hyphens and spaces between words are interchangeable: gap by gap for forms
    of up to three words ("unsupervised machine-learning"), all at once for
    longer ones; a hyphen may also be dropped ("self-organizing" /
    "selforganizing") when neither side is a letter or two ("GMOS-S" is not
    "GMOSS"). A one-word case-sensitive form also matches in all
    capitals ("GAIA") and with a plural "s" when it looks like an acronym or a
    CamelCase name ("SOMs", "GNNs"). Case, spelling and plural of
    case-insensitive forms are folded by ``NORM`` instead.
    """
    parts = re.split(r"(?<=\w)([ -])(?=\w)", text)
    words, gaps = parts[0::2], parts[1::2]
    forms = {text}
    if gaps and len(gaps) <= 2:
        choices = [(" ", "-", "") if gap == "-" and joinable(words[i], words[i + 1]) else (" ", "-")
                   for i, gap in enumerate(gaps)]
        for combo in itertools.product(*choices):
            forms.add("".join(w + g for w, g in zip(words, (*combo, ""))))
    elif gaps:
        forms.add(text.replace("-", " "))
        forms.add(re.sub(r"(?<=\w) (?=\w)", "-", text))
    if case_sensitive and " " not in text:
        for form in list(forms):
            if form.upper() != form:
                forms.add(form.upper())
        for form in list(forms):
            if any(ch.isupper() for ch in form[1:] or form) and form[-1].isalnum() and not form.endswith("s"):
                forms.add(form + "s")
    return sorted(f for f in forms if f.strip())


def joinable(left: str, right: str) -> bool:
    """May the hyphen between these words be dropped? Not when a side is a letter or two ("GMOS-S", "X-ray")."""
    return len(left) >= 3 and len(right) >= 3 and not right.isdigit()


class OntologyIndex:
    """Patterns, rules and look-ups compiled from one ontology for one vocabulary."""

    def __init__(self, nlp: Language, ontology: Ontology) -> None:
        self.ontology = ontology
        self.vocab = nlp.vocab
        self.rules: list[Rule] = []
        self.by_key: dict[str, set[str]] = {}
        self.insensitive = PhraseMatcher(nlp.vocab, attr="NORM")
        self.sensitive = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._rule_of_match: dict[int, int] = {}
        self._tex_ids: set[int] = set()
        self._sensitive_words: set[int] = set()
        self._tex_seen = 0
        self.extent = Extent(ontology.span_rules) if ontology.span_rules != SpanRules() else None
        self._compile(nlp)

    # -- building -------------------------------------------------------------

    def _compile(self, nlp: Language) -> None:
        pending: list[tuple[int, bool, str]] = []  # (rule index, case-sensitive, text)
        # A spelling some concept declares is never a generated variant of another
        # concept's form ("SWIFT" the code is not the all-capitals "Swift").
        declared: dict[str, set[str]] = {}
        for concept in self.ontology:
            for form in surface_forms(concept):
                if form.case_sensitive:
                    declared.setdefault(form.text, set()).add(concept.id)
        for concept in sorted(self.ontology, key=lambda c: c.id):
            seen: set[tuple[str, bool]] = set()
            for form in surface_forms(concept):
                if (form.text, form.case_sensitive) in seen:
                    continue
                seen.add((form.text, form.case_sensitive))
                index = len(self.rules)
                self.rules.append(self._rule(concept, form))
                if not form.requires_definition:
                    self.by_key.setdefault(alias_key(form.text), set()).add(concept.id)
                for text in variants(form.text, form.case_sensitive):
                    owners = declared.get(text)
                    if text != form.text and owners and concept.id not in owners:
                        continue
                    pending.append((index, form.case_sensitive, text))
        groups: dict[tuple[int, bool], list[list[int]]] = {}
        for (index, sensitive, _), pattern in zip(pending, self._patterns(nlp, pending)):
            groups.setdefault((index, sensitive), []).append(pattern)
        for (index, sensitive), patterns in groups.items():
            key = f"astro_rule_{index}"
            matcher = self.sensitive if sensitive else self.insensitive
            matcher.add(key, patterns)
            if sensitive:  # the words of exact-case forms: a TeX-marked word is matched again only as one of them
                self._sensitive_words.update(orth for pattern in patterns for orth in pattern)
            self._rule_of_match[self.vocab.strings[key]] = index
        # Per rule: its index as text (the spans' id, and the sort key it always was), and the string ids of
        # the spans' label, concept and rule.
        self._rule_keys = [str(index) for index in range(len(self.rules))]
        self._span_ids = self._add_strings()
        # Per matcher key: the rule's rank in the order the linker reads matches of the same tokens in (concept,
        # then rule index as text), the rule index, and its vetoes (None: it has none), in one look-up per match.
        order = sorted(range(len(self.rules)), key=lambda index: (self.rules[index].concept_id, self._rule_keys[index]))
        self._rule_of_rank = order
        rank_of = {index: rank for rank, index in enumerate(order)}
        self._match_info = {
            match_id: (rank_of[index], (self.rules[index].not_before, self.rules[index].not_after)
                       if self.rules[index].not_before or self.rules[index].not_after else None)
            for match_id, index in self._rule_of_match.items()
        }

    def _add_strings(self) -> list[tuple[int, int, int]]:
        strings = self.vocab.strings
        self._string_ids = {text: strings.add(text) for text in
                            sorted({r.label for r in self.rules} | set(self.ontology.concepts) | set(SPAN_SOURCES))}
        return [(strings.add(rule.label), strings.add(rule.concept_id), strings.add(key))
                for rule, key in zip(self.rules, self._rule_keys)]

    def string_ids(self) -> dict[str, int]:
        """The string-store ids of the ontology's labels, concept ids and entity sources (added to the vocabulary)."""
        if self._span_ids and self._span_ids[-1][2] not in self.vocab.strings:  # the strings were reloaded
            self._span_ids = self._add_strings()
        return self._string_ids

    def _patterns(self, nlp: Language, pending: list[tuple[int, bool, str]]) -> list[list[int]]:
        """Each pattern as its matcher compares it: the ``ORTH`` (case-sensitive) or ``NORM`` id of every token.

        Tokenizing ~10^4 patterns is most of the start-up time, so the ids are
        kept as JSON (keyed on the ontology, astro-ie and spaCy versions) and
        later builds give them to the matchers without making a Doc:
        ``PhraseMatcher.add`` takes a pattern as its token ids as well, which is
        how spaCy unpickles a matcher. They are the ids of the tokenized
        pattern, norms the tokenizer's exceptions set included ("Mt." ->
        "Mount"), so a build from the cache matches exactly what the first did.
        """
        texts = [text for _, _, text in pending]
        key = hashlib.sha256(f"{self.ontology.hash} {code_version()} spacy {spacy.about.__version__}"
                             .encode()).hexdigest()
        path = cache_root() / "patterns" / f"{key}.json"
        cached = read_cached_json(path)
        if isinstance(cached, dict) and cached.get("texts") == texts:
            return cached["patterns"]
        docs = nlp.tokenizer.pipe(texts)
        patterns = [doc.to_array(ORTH if sensitive else NORM).tolist()
                    for (_, sensitive, _), doc in zip(pending, docs)]
        # Tokenizing many short patterns leaves the tokenizer's cache in a state
        # that makes later tokenization several times slower (measured with
        # benchmarks/throughput.py); re-assigning the rules flushes the cache.
        nlp.tokenizer.rules = nlp.tokenizer.rules
        write_cached_json(path, {"texts": texts, "patterns": patterns})
        return patterns

    @staticmethod
    def _rule(concept: Concept, form: Alias) -> Rule:
        return Rule(
            concept_id=concept.id,
            label=concept.type,
            text=form.text,
            case_sensitive=form.case_sensitive,
            requires_definition=form.requires_definition,
            not_before=frozenset(normalize_word(w) for w in form.not_before),
            not_after=frozenset(normalize_word(w) for w in form.not_after),
        )

    # -- use ------------------------------------------------------------------

    def match(self, doc: Doc, spans: bool = True) -> list[Span] | None:
        """Every match of every rule, vetoes applied; overlapping spans kept.

        Each span has ``label_`` = concept type, ``kb_id_`` = concept id and
        ``id_`` = the rule index, for the linker. The matches are also recorded
        as tuples (:func:`match_tuples`); ``spans=False``: only those, no spans.
        """
        kept: list[tuple[int, int, int]] = []
        info = self._match_info
        n = len(doc)
        for match_id, start, end in self.insensitive(doc) + self.sensitive(doc) + self._sensitive_through_tex(doc):
            rank, vetoes = info[match_id]
            if vetoes is not None:
                not_before, not_after = vetoes
                if not_before and end < n and doc[end].norm_ in not_before:
                    continue
                if not_after and start > 0 and doc[start - 1].norm_ in not_after:
                    continue
            kept.append((start, -end, rank))
        kept.sort()  # by start, longest first, concept, rule (as text): the order the linker reads
        rules, of_rank = self.rules, self._rule_of_rank
        # The same matches without a Span each, for the candidate finder and the linker.
        tuples = []
        for start, neg_end, rank in kept:
            index = of_rank[rank]
            rule = rules[index]
            tuples.append((start, -neg_end, rule.label, rule.concept_id, index))
        doc.user_data[MATCH_TUPLES] = tuples
        if not spans:
            return None
        # Spans made from the strings' ids: the strings were added when the index was built (again if the
        # vocabulary's strings were reloaded since).
        if kept:
            self.string_ids()
        ids = self._span_ids
        return [Span(doc, start, end, label=ids[index][0], kb_id=ids[index][1], span_id=ids[index][2])
                for start, end, _, _, index in tuples]

    def _sensitive_through_tex(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Case-sensitive forms written with TeX markup ("$t$-SNE", "$k$-NN"), matched on the text it typesets.

        The norms already see through markup (:func:`pipeline.normalize.tex_plain`); the exact-case
        forms are matched again on a doc of the plain words, token for token, only when a token has
        markup, and only the matches that cover such a token are new.
        """
        if not TEX_MARKED:
            return []
        if self._tex_seen != len(TEX_MARKED):  # the words met since it last looked: their ids (a word's id is its hash)
            strings, seen = self.vocab.strings, len(TEX_MARKED)
            self._tex_ids.update(strings.add(w) for w in TEX_MARKED[self._tex_seen:seen]
                                 if strings.add(tex_plain(w)) in self._sensitive_words)
            self._tex_seen = seen
        if not self._tex_ids:
            return []
        arrays = token_arrays(doc)
        orths = arrays.values(ORTH)
        if self._tex_ids.isdisjoint(orths):
            return []
        strings, spaces, n = self.vocab.strings, arrays.values(SPACY), len(orths)
        found = []
        for i in [i for i, orth in enumerate(orths) if orth in self._tex_ids]:
            # the plain words around the marked one: a form is a few words long
            lo, hi = max(0, i - _TEX_WINDOW), min(n, i + _TEX_WINDOW + 1)
            words = [strings[orth] for orth in orths[lo:hi]]
            words[i - lo] = tex_plain(words[i - lo])
            plain = Doc(self.vocab, words=words, spaces=[bool(x) for x in spaces[lo:hi]])
            found.extend((match_id, lo + start, lo + end) for match_id, start, end in self.sensitive(plain)
                         if start <= i - lo < end)
        return found

    def rule_of(self, span: Span) -> Rule:
        return self.rules[int(span.id_)]

    def lookup(self, text: str) -> set[str]:
        """Concepts whose (definition-free) forms have the same matching key as ``text``."""
        return self.by_key.get(alias_key(text), set())

    def concept(self, concept_id: str) -> Concept | None:
        return self.ontology.concepts.get(concept_id)


_TEX_WINDOW = 8
"""Words either side of a TeX-marked word that a case-sensitive form through it may span."""

SPAN_SOURCES = ("ruler", "abbreviation", "candidate")
"""How an entity was found (the entity's ``id_``); :data:`pipeline.nlp.SOURCES`."""

_CACHE: dict[tuple[int, str, str], OntologyIndex] = {}


def get_index(nlp: Language, ontology_dir: str) -> OntologyIndex:
    """The index for this vocabulary and ontology content, built on first use."""
    directory = Path(ontology_dir)
    key = (id(nlp.vocab), str(directory.resolve()), ontology_hash(directory))
    index = _CACHE.get(key)
    if index is None:
        with _gc_paused():
            index = OntologyIndex(nlp, load_ontology(directory))
        _CACHE[key] = index
    return index


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Run the block without Python's cyclic garbage collector, restored afterwards.

    Loading the ontology and compiling the index allocate ~10^5 objects that
    either stay alive or are freed by reference counting. The collections
    they trigger walk the whole heap to free next to nothing: a sixth of a
    first build, a quarter of one from the caches.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_OUTSIDE = numpy.zeros((0, 2), dtype=numpy.uint64)


def set_entities(doc: Doc, entities: list[Span]) -> None:
    """``doc.set_ents(entities, default="outside")``, with the tokens outside them set from one array.

    spaCy's ``set_ents`` compares its ``default`` with an enum member once per
    token outside every entity, a Python comparison per token; here every
    token is first made outside (IOB "O", no type) with ``Doc.from_array``,
    then the entities are set with ``default="unmodified"``: the same tokens
    and entities whatever the doc held before.
    """
    global _OUTSIDE
    n = len(doc)
    if n > len(_OUTSIDE):
        _OUTSIDE = numpy.zeros((max(n, 2 * len(_OUTSIDE), 1024), 2), dtype=numpy.uint64)
        _OUTSIDE[:, 0] = 2  # "O"; type 0
    if n:
        doc.from_array(_ENT_ATTRS, _OUTSIDE[:n])
    doc.set_ents(entities, default="unmodified")


_ENT_ATTRS = [ENT_IOB, ENT_TYPE]


def span_text(doc: Doc, start: int, end: int, text: str | None) -> str:
    """``doc[start:end].text``, cut from ``text`` (the doc's own text, when the caller has it) at token offsets.

    A slice of the doc is a ``Span`` whose text joins a ``Token`` per word;
    the tokens tile the text, so the same characters are one string slice.
    """
    if text is None or not 0 <= start < end <= len(doc):
        return doc[start:end].text
    arrays = token_arrays(doc)
    return text[arrays.values(IDX)[start]:arrays.ends()[end - 1]]


def token_positions(doc: Doc, orths: list[int], texts) -> list[int]:
    """Indices of the tokens whose text is one of ``texts``, from the doc's token ids.

    Comparing integer ids in one pass is far cheaper than making a Python
    ``Token`` per position.
    """
    strings = doc.vocab.strings
    wanted = {strings[text] for text in texts}
    return [i for i, orth in enumerate(orths) if orth in wanted]
