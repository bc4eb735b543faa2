"""The spaCy pipeline: a blank English pipeline plus rules driven by the ontology.

Order of components, each a registered factory configured from the ontology
directory:

1. ``astro_ie.tokenizer.v1``: spaCy's English tokenizer, also splitting
   "ResNet-50" and "FIRE-2"; it installs the spelling-folding ``NORM`` (see
   :mod:`pipeline.normalize`), computed once per vocabulary entry.
2. ``astro_abbreviations``: scispaCy's AbbreviationDetector ("Self-Organising
   Map (SOM)" definitions, Schwartz & Hearst 2003), finding parentheses and
   later uses of each short form from the token ids instead of ``Matcher`` s.
3. ``astro_ontology_ruler``: every surface form of every concept, found by two
   ``PhraseMatcher`` s (on ``NORM`` for case-insensitive aliases, on ``ORTH`` for
   case-sensitive ones), into ``doc.spans["astro_matches"]`` (overlapping;
   the extractor's pipeline keeps them as tuples only, ``spans_key=""``).
4. ``astro_candidates``: phrases that look like an entity but match no concept,
   into ``doc.spans["astro_candidates"]`` (see :mod:`pipeline.candidates`).
5. ``astro_linker``: decides, per abstract, which matches stand and which
   concept each links to (see :mod:`pipeline.linking`), and sets ``doc.ents``
   with ``ent.kb_id_`` = concept id and ``ent.id_`` = how it was found (one
   of ``SOURCES``, also readable as ``ent._.astro_source``).

No component needs sentence boundaries; add spaCy's ``sentencizer`` for ``doc.sents``.
"""

from __future__ import annotations

import bisect
import re
import shutil
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy
import spacy
from scispacy.abbreviation import (
    AbbreviationDetector,
    find_abbreviation,
)
from spacy.attrs import NORM, ORTH, SPACY
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, registry

from .candidates import CandidateRules
from .extent import RULES_DIR, rules_path
from .linking import CANDIDATES_KEY, MATCHES_KEY, link_doc
from .names_model import make_names  # noqa: F401  (registers the optional ``astro_names`` factory)
from .normalize import normalize_word
from .ruler_index import (
    ABBREVIATION_TUPLES,
    SPAN_SOURCES,
    OntologyIndex,
    TokenArrays,
    abbreviation_tuples,
    get_index,
    token_arrays,
)
from .vocabulary import candidates_path

SOURCES = SPAN_SOURCES
"""How an entity was found; the linker stores it as the entity's ``id_``."""


def _entity_source(span: Span) -> str | None:
    return span.id_ if span.id_ in SOURCES else None


if not Span.has_extension("astro_source"):
    Span.set_extension("astro_source", getter=_entity_source)
if not Span.has_extension("astro_rule"):
    Span.set_extension("astro_rule", default=None)

# Hyphen between a letter and a digit ("ResNet-50", "FIRE-2", "Stage-IV" is
# already split by spaCy between letters).
_EXTRA_INFIXES = [r"(?<=[A-Za-z])-(?=[0-9])", r"(?<=[A-Za-z0-9])\+(?=[A-Za-z])",  # "ResNet-50", "VST+VISTA"
                  r"\)(?=-[A-Za-z])", r"(?<=\))-(?=[A-Za-z])",  # "(AI)-based": "AI", ")", "-", "based"
                  # a short form glued to its long form ("supervised Machine Learning(ML)"): a word, then its
                  # capitalised short form in brackets
                  r"(?<=[a-z]{2})\((?=[A-Z][A-Za-z0-9-]*\)?$)"]
# A hanging hyphen ("Conformer- and Transformer-based") is not part of the word.
_EXTRA_SUFFIXES = [r"(?<=[A-Za-z0-9])-$", r"(?<=[A-Za-z0-9])\}\$?$",
                   r"(?<=[A-Za-z]{2})\$$",  # a word in math mode ("$Kepler$") is a word between two "$"
                   r"(?<=[0-9][A-Z])\.$",  # "SDSS DR16Q." ends a sentence
                   r"(?<=[a-z][A-Z])\.$",  # so do "NetworkX." and "ReliefF." (an initial is no word's end)
                   r"(?<=[A-Za-z0-9]-[A-Z])\.$"]  # and an instrument's part: "Chandra ACIS-I.", "GMOS-S."
# LaTeX markup around a name in arXiv abstracts ("$\textit{Fermi}$-LAT", "\textit{HST}/ACS",
# "$Kepler$"): the command, its braces and dollars are tokens of their own, the name is left whole.
_LATEX_PREFIXES = [r"\\(?:textit|textbf|textrm|textsc|textsf|texttt|mathrm|mathit|mathbf|mathcal|emph|it|bf|rm)\{",
                   # inline math of one symbol before a hyphen is one token, its norm the symbol ("$k$-means",
                   # "$\\beta$-VAE": see ``normalize.tex_plain``), and the hyphen after it one of its own
                   r"\$(?:\\[A-Za-z]{1,12}|[A-Za-z])\$(?=[-\u2013]|$)", r"-(?=[A-Za-z])"]
_LATEX_INFIXES = [r"(?<=[A-Za-z0-9])\}\$?(?=[-\u2013/])", r"(?<=[A-Za-z]{2})\$(?=[-\u2013/])", r"(?<=[}$])[-\u2013/](?=[A-Za-z])",  # "\textit{HST}/ACS"
                  # a title's optional short form left in arXiv metadata ("[... Deep-Learning]{A Robust ...}")
                  r"(?<=[A-Za-z0-9])\]\{(?=[A-Za-z])"]


def _stored_extension(name: str) -> bool:
    """Is ``Span._.<name>`` a plain stored value (no getter, setter or method)?

    Then setting it is writing ``doc.user_data[("._.", name, start_char,
    end_char)]``, which is what spaCy's ``Underscore`` does, at a fifth of
    the cost of making an ``Underscore`` per span.
    """
    extension = Span.get_extension(name)
    return extension is not None and extension[1:] == (None, None, None)


@Language.factory("astro_abbreviations", default_config={"max_inner": 10})
def make_abbreviations(nlp: Language, name: str, max_inner: int) -> ParenthesisAbbreviationDetector:
    return ParenthesisAbbreviationDetector(nlp, name, max_inner=max_inner)


class ParenthesisAbbreviationDetector(AbbreviationDetector):
    """scispaCy's AbbreviationDetector, searching token ids instead of running ``Matcher`` s.

    scispaCy finds candidate definitions with a ``Matcher`` pattern
    ``( + )`` and then every later use of each short form with a second,
    per-document ``Matcher``; both walk the doc token by token in Python-visible
    objects. Here the same bracketed runs (every ``(`` paired with each ``)``
    that follows within ``max_inner`` tokens) and the same exact-text uses of
    each short form come from the doc's array of token ids. Everything else is
    scispaCy's own code, its candidate filter and its implementation of Schwartz
    & Hearst (2003), so ``doc._.abbreviations`` is what scispaCy would give
    (``tests/test_nlp.py`` checks it on the default corpus).
    """

    def __init__(self, nlp: Language, name: str = "astro_abbreviations", max_inner: int = 10) -> None:
        super().__init__(nlp, name)
        self.max_inner = max_inner
        self._open = nlp.vocab.strings.add("(")
        self._close = nlp.vocab.strings.add(")")

    def __call__(self, doc: Doc) -> Doc:
        arrays = token_arrays(doc)  # read once for this and the later components
        orths = arrays.column(ORTH)
        opens = (orths == self._open).nonzero()[0].tolist()
        if not opens:
            return doc
        closes = (orths == self._close).nonzero()[0].tolist()
        # Each "(" with every ")" after it within max_inner tokens (closes are sorted: two bisections, not a
        # scan of every pair); in order of start, then end. Runs scispaCy's ``filter_matches`` drops at once
        # (more than 8 tokens, at the start of the doc) are left out.
        runs = []
        for i in opens:
            start = i + 1
            if start == 1:
                continue
            lo = bisect.bisect_right(closes, start)
            hi = bisect.bisect_right(closes, start + min(self.max_inner, 8), lo)
            runs.extend((start, end) for end in closes[lo:hi])
        if not runs:
            return doc
        runs.sort()
        tokens = _TokenTexts(doc, arrays)
        found = self._find_matches_for_ranges(_filter_ranges(runs, tokens), doc, tokens)
        abbreviations = doc._.abbreviations
        offsets = abbreviation_tuples(doc, abbreviations) if abbreviations else []
        user_data = doc.user_data if _stored_extension("long_form") else None
        for long_form, short_forms in found:
            for short in short_forms:
                if user_data is not None:  # what ``short._.long_form = long_form`` stores, without an Underscore
                    user_data[("._.", "long_form", short.start_char, short.end_char)] = long_form
                else:
                    short._.long_form = long_form
                abbreviations.append(short)
                offsets.append((short.start, short.end, long_form.start, long_form.end))
        if offsets:
            doc.user_data[ABBREVIATION_TUPLES] = offsets  # the same, as offsets: see ``abbreviation_tuples``
        return doc

    def _find_matches_for_ranges(
        self, filtered: list[tuple[int, int, int, int]], doc: Doc, tokens: _TokenTexts
    ) -> list[tuple[Span, set[Span]]]:
        """:meth:`_find_matches_for` on (long start, long end, short start, short end) token ranges.

        Only the definitions found become ``Span`` s; the candidates are compared as token texts.
        """
        occurrences: dict[Span, set[Span]] = defaultdict(set)
        seen_long: set[str] = set()
        seen_short: set[str] = set()
        patterns: list[tuple[Span, list[int]]] = []
        for long_start, long_end, short_start, short_end in filtered:
            long_start = _schwartz_hearst_start(tokens, long_start, long_end, short_start, short_end)
            if long_start is None:
                continue
            long_text, short_text = tokens.span_text(long_start, long_end), tokens.span_text(short_start, short_end)
            if long_text in seen_long or short_text in seen_short:
                continue
            seen_long.add(long_text)
            seen_short.add(short_text)
            long = Span(doc, long_start, long_end)  # ``doc[a:b]`` without normalising a slice
            occurrences[long].add(Span(doc, short_start, short_end))
            patterns.append((long, tokens.ids[short_start:short_end]))
        _add_uses(doc, tokens.ids, patterns, occurrences)
        return list(occurrences.items())

    def find_matches_for(self, filtered: list[tuple[Span, Span]], doc: Doc) -> list[tuple[Span, set[Span]]]:
        return self._find_matches_for(filtered, doc, doc.to_array(ORTH))

    def _find_matches_for(
        self, filtered: list[tuple[Span, Span]], doc: Doc, orths: numpy.ndarray
    ) -> list[tuple[Span, set[Span]]]:
        """scispaCy's ``find_matches_for``, with its global ``Matcher`` replaced by an id search."""
        occurrences: dict[Span, set[Span]] = defaultdict(set)
        seen_long: set[str] = set()
        seen_short: set[str] = set()
        patterns: list[tuple[Span, list[int]]] = []
        for long_candidate, short_candidate in filtered:
            short, long = find_abbreviation(long_candidate, short_candidate)
            if long is None:
                continue
            long_text, short_text = long.text, short.text
            if long_text in seen_long or short_text in seen_short:
                continue
            seen_long.add(long_text)
            seen_short.add(short_text)
            occurrences[long].add(short)
            patterns.append((long, [token.orth for token in short]))
        _add_uses(doc, orths.tolist() if patterns else [], patterns, occurrences)
        return list(occurrences.items())


def _add_uses(doc: Doc, ids: list[int], patterns: list[tuple[Span, list[int]]],
              occurrences: dict[Span, set[Span]]) -> None:
    """Every later use of each short form (its token ids), added to its long form's occurrences."""
    for long, pattern in patterns:
        n, first, i = len(pattern), pattern[0], -1
        uses = occurrences[long]
        while True:  # each position of the first id, in order (``list.index`` scans in C)
            try:
                i = ids.index(first, i + 1)
            except ValueError:
                break
            if ids[i:i + n] == pattern:
                uses.add(Span(doc, i, i + n))


class _TokenTexts:
    """A doc's token texts and trailing spaces, read from its arrays as asked, without a ``Token`` each."""

    def __init__(self, doc: Doc, arrays: TokenArrays) -> None:
        self.ids: list[int] = arrays.values(ORTH)
        self.strings = doc.vocab.strings
        self._arrays = arrays

    def text(self, i: int) -> str:
        return self.strings[self.ids[i]]

    def spaces(self) -> list[int]:
        return self._arrays.values(SPACY)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the tokens with the spaces between them, none after the last."""
        if end - start == 1:
            return self.text(start)
        spaces = self.spaces()
        return "".join([self.text(i) + (" " if spaces[i] else "") for i in range(start, end - 1)]) + self.text(end - 1)


def _filter_ranges(runs: list[tuple[int, int]], tokens: _TokenTexts) -> list[tuple[int, int, int, int]]:
    """scispaCy's ``filter_matches`` and ``short_form_filter`` on token ranges: (long start, end, short start, end)."""
    out = []
    for start, end in runs:
        if end - start > 8 or start == 1:
            continue
        if end - start > 3:
            # The long form inside the parentheses, the short form the word before them.
            short_start, short_end, long_start, long_end = start - 2, start - 1, start, end
            depth, unbalanced = 0, False
            for i in range(start, end):
                text = tokens.text(i)
                if text == "(":
                    depth += 1
                elif text == ")":
                    if depth > 0:
                        depth -= 1
                    else:
                        unbalanced = True
                        break
            if unbalanced or depth != 0:
                continue
        else:
            short_start, short_end = start, end
            length = sum(len(tokens.text(i)) for i in range(start, end))
            max_words = min(length + 5, length * 2)
            long_start, long_end = max(start - max_words - 1, 0), start - 1
        if short_end - short_start == 2 and short_start == start and _RELEASE_IN_BRACKETS.match(tokens.text(start + 1)):
            # "the Gaia-ESO Survey (GES iDR6)" (fragments-p r13d-frag-13, both golds): the short form and, after it,
            # the release the text uses; the first word alone is tried as the short form too (the pair spells
            # nothing)
            # ... unless the long form writes that word itself: "Gaia Data Release 3 (Gaia DR3)" is the release
            # named twice, and "Gaia" alone stays the mission (heldout final-fragments final-fragment-04)
            first = tokens.text(start)
            words = min(len(first) + 5, len(first) * 2)
            window = max(start - words - 1, 0)
            if all(tokens.text(i) != first for i in range(window, start - 1)):
                _append_short(out, tokens, window, start - 1, start, start + 1)
        if not all(2 <= len(tokens.text(i)) < 10 for i in range(short_start, short_end)):
            continue
        short_text = tokens.span_text(short_start, short_end)
        if sum(c.isalpha() for c in short_text) / len(short_text) < 0.5 or not short_text[0].isalpha():
            continue
        out.append((long_start, long_end, short_start, short_end))
    return out


# A release code written after a short form inside its brackets: "iDR6", "DR3", "EDR3". Not a version number: the
# golds split on versions ("TESS Input Catalog (TIC v8.2)" is "TIC" in fragments fragment-17, "HARPS Data Reduction
# Software (DRS 3.5)" is "DRS 3.5" in fragments-p r13d-frag-01), and the guideline is silent.
_RELEASE_IN_BRACKETS = re.compile(r"[iEPA]?DR[0-9]+$")


def _append_short(out: list, tokens: _TokenTexts, long_start: int, long_end: int, short_start: int,
                  short_end: int) -> None:
    """Add a one-word short form's range if its word passes scispaCy's ``short_form_filter``."""
    short_text = tokens.text(short_start)
    if 2 <= len(short_text) < 10 and short_text[0].isalpha() \
            and sum(c.isalpha() for c in short_text) / len(short_text) >= 0.5:
        out.append((long_start, long_end, short_start, short_end))


def _schwartz_hearst_start(tokens: _TokenTexts, long_start: int, long_end: int, short_start: int,
                           short_end: int) -> int | None:
    """scispaCy's ``find_abbreviation`` (Schwartz & Hearst 2003) on token ranges: where the long form starts."""
    long_form = " ".join([tokens.text(i) for i in range(long_start, long_end)])
    short_form = " ".join([tokens.text(i) for i in range(short_start, short_end)])
    long_index = len(long_form) - 1
    short_index = len(short_form) - 1
    # ASCII (nearly always): lower-casing the whole string is lower-casing each character, so each step back
    # to the next matching character is one ``rfind``.
    lowered = long_form.lower() if long_form.isascii() else None
    while short_index >= 0:
        current_char = short_form[short_index].lower()
        if not current_char.isalnum():
            short_index -= 1
            continue
        if lowered is not None and len(current_char) == 1:
            while True:
                long_index = lowered.rfind(current_char, 0, long_index + 1)
                if long_index <= 0 or short_index != 0 or not long_form[long_index - 1].isalnum():
                    break
                long_index -= 1
        else:
            while ((long_index >= 0 and long_form[long_index].lower() != current_char)
                   or (short_index == 0 and long_index > 0 and long_form[long_index - 1].isalnum())):
                long_index -= 1
        if long_index < 0:
            return None
        long_index -= 1
        short_index -= 1
    long_index += 1
    spaces = tokens.spaces()
    word_lengths = 0
    for i in range(long_start, long_end):
        word_lengths += len(tokens.text(i)) + (1 if spaces[i] else 0)
        if word_lengths > long_index:
            return i
    return long_start


def _without_emoticons(rules: dict) -> dict:
    """spaCy's exceptions less the emoticons made of brackets: "(PPN):" closes a definition, "):" is no smiley."""
    return {k: v for k, v in rules.items() if not (("(" in k or ")" in k) and not any(c.isalpha() for c in k))}


@registry.tokenizers("astro_ie.tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    def make_tokenizer(nlp: Language) -> Tokenizer:
        install_norms(nlp)
        defaults = nlp.Defaults
        prefix = spacy.util.compile_prefix_regex(_LATEX_PREFIXES + list(defaults.prefixes))
        suffix = spacy.util.compile_suffix_regex(list(defaults.suffixes) + _EXTRA_SUFFIXES)
        infix = compile_infix_regex(list(defaults.infixes) + _EXTRA_INFIXES + _LATEX_INFIXES)
        return Tokenizer(
            nlp.vocab,
            rules=cacheable_exceptions(_without_emoticons(defaults.tokenizer_exceptions)),
            prefix_search=prefix.search,
            suffix_search=suffix.search,
            infix_finditer=infix.finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
            max_cache_size=TOKENIZER_CACHE_SIZE,
        )

    return make_tokenizer


TOKENIZER_CACHE_SIZE = 1 << 17
"""Chunks (whitespace-delimited strings) the tokenizer remembers; spaCy's default, 10,000, fills on a few thousand
abstracts and is never refreshed, so most words of an archive would be split by the affix rules every time."""


def cacheable_exceptions(exceptions: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The tokenizer's exceptions without the whitespace ones that only name their text (" ", "\\n", "\\t").

    spaCy's tokenizer stops caching a doc's chunks after the first special case
    it meets (``has_special`` is per doc), and a line break is one: every
    word after the first "\\n" of a text was split by the affix rules again in
    every doc. Such a chunk is one token of the same lexeme without the rule
    (no prefix, suffix or infix pattern matches white space), so the tokens are
    the same; "\\xa0", whose rule also sets a norm, stays.
    """
    return {text: tokens for text, tokens in exceptions.items()
            if not (text.isspace() and tokens == [{ORTH: text}])}


def install_norms(nlp: Language) -> None:
    """Make the spelling-folding norm the ``NORM`` of every lexeme, now and later."""
    nlp.vocab.lex_attr_getters[NORM] = normalize_word
    for lexeme in nlp.vocab:
        lexeme.norm_ = normalize_word(lexeme.orth_)


def _shipped_ontology() -> str:
    from .resources import default_ontology_dir

    return str(default_ontology_dir())


class _OntologyComponent:
    """Shared plumbing: a component built on the ontology index, serialisable to disk.

    The index is built on first use, from ``ontology_dir``; ``to_disk`` copies
    the ontology files, so a saved pipeline is self-contained, and
    ``from_disk`` points the component at that copy before anything is built.
    """

    name: str

    def __init__(self, nlp: Language, name: str, ontology_dir: str) -> None:
        self.nlp = nlp
        self.name = name
        self.ontology_dir = ontology_dir
        self._index: OntologyIndex | None = None

    @property
    def index(self) -> OntologyIndex:
        if self._index is None:
            # "" (a config that names no directory): the ontology astro-ie ships
            self._index = get_index(self.nlp, self.ontology_dir or _shipped_ontology())
        return self._index

    def to_disk(self, path: Path | str, *, exclude: tuple = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for source in self.index.ontology.files:
            shutil.copyfile(source, path / source.name)
        rules = rules_path(self.index.ontology.directory)
        if rules.is_file():  # the span-extent vocabulary travels with the concepts
            (path / RULES_DIR).mkdir(exist_ok=True)
            shutil.copyfile(rules, path / RULES_DIR / rules.name)
        words = candidates_path(self.index.ontology.directory)  # and the candidate rules' word lists
        if words.is_file():
            (path / RULES_DIR).mkdir(exist_ok=True)
            shutil.copyfile(words, path / RULES_DIR / words.name)

    def from_disk(self, path: Path | str, *, exclude: tuple = ()) -> _OntologyComponent:
        self.ontology_dir = str(path)
        self._index = None
        return self


@Language.factory("astro_ontology_ruler", default_config={"ontology_dir": "", "spans_key": MATCHES_KEY})
def make_ontology_ruler(nlp: Language, name: str, ontology_dir: str, spans_key: str) -> OntologyRuler:
    return OntologyRuler(nlp, name, ontology_dir, spans_key)


class OntologyRuler(_OntologyComponent):
    """Find every surface form of every concept; keep all, overlapping, for the linker.

    The matches are ``doc.spans[spans_key]`` (a ``Span`` each, as spaCy's
    ``SpanRuler`` leaves them); with ``spans_key`` empty they are only the
    tuples the candidate finder and the linker read
    (:func:`pipeline.ruler_index.match_tuples`), which spares making a
    ``Span`` and a span group per match: the extractor's bulk runs ask for that.
    """

    def __init__(self, nlp: Language, name: str, ontology_dir: str, spans_key: str = MATCHES_KEY) -> None:
        super().__init__(nlp, name, ontology_dir)
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        if self.spans_key:
            doc.spans[self.spans_key] = self.index.match(doc)
        else:
            self.index.match(doc, spans=False)
        return doc


@Language.factory("astro_candidates", default_config={"ontology_dir": ""})
def make_candidates(nlp: Language, name: str, ontology_dir: str) -> CandidateFinder:
    return CandidateFinder(nlp, name, ontology_dir)


class CandidateFinder(_OntologyComponent):
    """Propose entities the ontology lacks: acronym definitions and typed phrases."""

    def __init__(self, nlp: Language, name: str, ontology_dir: str) -> None:
        super().__init__(nlp, name, ontology_dir)
        self._rules = None

    @property
    def rules(self) -> CandidateRules:
        if self._rules is None or self._rules.index is not self.index:
            self._rules = CandidateRules(self.nlp, self.index)
        return self._rules

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[CANDIDATES_KEY] = self.rules.find(doc)
        return doc


@Language.factory("astro_linker", default_config={"ontology_dir": ""})
def make_linker(nlp: Language, name: str, ontology_dir: str) -> OntologyLinker:
    return OntologyLinker(nlp, name, ontology_dir)


class OntologyLinker(_OntologyComponent):
    """Choose the mentions of an abstract and link each to one concept."""

    def __call__(self, doc: Doc) -> Doc:
        link_doc(doc, self.index)
        return doc


def build_pipeline(ontology_dir: Path | str, *, match_spans: bool = True, names: bool = False) -> Language:
    """The extraction pipeline on ``spacy.blank("en")`` for an ontology directory.

    ``match_spans=False``: the ruler leaves no ``doc.spans["astro_matches"]``
    (the same entities, less work per doc; see :class:`OntologyRuler`).
    ``names=True``: the statistical name model (:mod:`pipeline.names_model`)
    runs after the linker, adding names where no entity is; off by default
    (its cross-validated figures are in ``benchmarks/README.md``).
    """
    ontology_dir = str(Path(ontology_dir).resolve())
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "astro_ie.tokenizer.v1"}}})
    nlp.add_pipe("astro_abbreviations")
    for name in ("astro_ontology_ruler", "astro_candidates", "astro_linker"):
        config = {"ontology_dir": ontology_dir}
        if name == "astro_ontology_ruler" and not match_spans:
            config["spans_key"] = ""
        nlp.add_pipe(name, config=config)
    if names:
        nlp.add_pipe("astro_names")
    _ = nlp.get_pipe("astro_ontology_ruler").index  # build now: errors and cost at start-up, not mid-corpus
    return nlp
