"""Names the rules have no vocabulary for, proposed by a linear model trained on astro-ie's own gold.

Authors coin names for their own models, tools and data sets ("EoRFlow",
"APOGEE Net", "AI-GS3 Hunter") that no ontology lists and no head-word rule
types. This component looks only where the rules found nothing: it makes
*candidates* from the untagged tokens that look like names (a capital letter
inside a word, letters with digits, capitals only, a capitalised word that
does not open a sentence, a run of up to four of these), describes each with
sparse features (its shape, affixes and words, the words around it such as
"we present", "called", "network", "pipeline", "catalog", being defined in
parentheses, standing in the title) and scores it with a multinomial logistic
regression (McCullagh & Nelder, *Generalized Linear Models*, 1989) whose
weights ship as JSON. A form whose best label is an entity type with a
probability of at least the threshold is tagged at every untagged use in the
abstract, linked to ``candidate:<slug>`` as the candidate rules do.

Inference is a dictionary look-up per feature: no pickle, no pretrained
vectors, nothing per token beyond one cached shape class per word. Training
is ``benchmarks/train_names.py`` (scikit-learn), which regenerates the shipped
weights byte for byte.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import ENT_IOB, IDX, LOWER, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from .candidates import ABSTRACT_START, TEXT_KEY, candidate_id
from .linking import CANDIDATES_KEY, ENTITY_TUPLES, MATCHES_KEY
from .ruler_index import ABBREVIATION_TUPLES, match_tuples, set_entities, token_arrays

OUTSIDE = "O"
"""The model's class for a candidate that is no entity."""

MAX_CHUNKS = 4
"""Longest candidate, in words ("AI-GS3 Hunter" is two)."""

SOURCE = "candidate"
"""How a proposed entity was found (``ent.id_``): it is an unknown name, like the candidate rules' ones."""

# Word classes, one per vocabulary entry: 0 nothing a name is made of, 1 shaped like a coined name
# ("EoRFlow", "GS3", "APOGEE"), 2 capitalised ("Tails", "Hunter"), 3 glue inside a name ("-", "+", "_"),
# 4 a lower-case word only code is called ("lc_classifier", "21cmfast"), 5 no word (punctuation, space).
_PLAIN, _SHAPED, _CAPITAL, _GLUE, _CODE, _PUNCT = range(6)
_GLUE_TEXTS = frozenset({"-", "+", "_"})
_CODE_WORD = re.compile(r"^(?:[a-z][a-z0-9]*_[a-z0-9_]+|[a-z]+[0-9][a-z0-9]*|[0-9]+[a-z]{2,}[a-z0-9]*)$")
_SENTENCE_OPENERS = frozenset({".", "!", "?", ":", ";", "\n", "\n\n"})
_STOP_CAPITALS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "the",
        "their",
        "these",
        "this",
        "those",
        "to",
        "we",
        "with",
        "here",
        "however",
        "finally",
        "moreover",
        "furthermore",
        "using",
        "based",
        "while",
        "although",
        "because",
        "since",
        "when",
        "where",
        "which",
        "both",
        "each",
        "all",
        "such",
        "than",
        "then",
        "there",
        "thus",
        "hence",
        "also",
    ]
)
_SHAPE_RUNS = re.compile(r"(.)\1+")


_CLASS_OF_ORTH: dict[int, int] = {}
""":func:`word_class` by the token's orth id: one dictionary look-up per token of a doc."""


@lru_cache(maxsize=1 << 17)
def word_class(text: str) -> int:
    """The class of one token's text (see ``_SHAPED`` and its siblings)."""
    if text in _GLUE_TEXTS:
        return _GLUE
    if not text or not text[0].isalnum():
        return _PUNCT
    has_upper = any(c.isupper() for c in text)
    if has_upper:
        if len(text) >= 2 and (any(c.isupper() for c in text[1:]) or any(c.isdigit() for c in text)):
            return _SHAPED
        if text[0].isupper() and len(text) >= 2 and text.lower() not in _STOP_CAPITALS:
            return _CAPITAL
        return _PLAIN
    if _CODE_WORD.match(text):
        return _CODE
    return _PLAIN


@lru_cache(maxsize=1 << 17)
def shape(text: str) -> str:
    """Letters as X/x, digits as d, runs of one kind written once: "EoRFlow" -> "XxXx", "GS3" -> "Xd"."""
    mapped = "".join("X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in text)
    return _SHAPE_RUNS.sub(r"\1", mapped)


@dataclass(frozen=True)
class Candidate:
    """A run of untagged name-like words: token bounds, character bounds, its text as written."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str


_WINDOW = 24
"""Tokens looked at on each side of a coined word: room for the three more words a candidate may hold."""


def word_classes(doc: Doc) -> numpy.ndarray:
    """:func:`word_class` of every token, from a dictionary of the words met so far."""
    orths = token_arrays(doc).values(ORTH)
    known = _CLASS_OF_ORTH
    classes = [known.get(o) for o in orths]
    if None in classes:
        strings = doc.vocab.strings
        for i, c in enumerate(classes):
            if c is None:
                classes[i] = known[orths[i]] = word_class(strings[orths[i]])
    return numpy.array(classes, dtype=numpy.int8)


def _chunks(doc: Doc, taken: list[bool], classes: list[int], lo: int, hi: int) -> list[tuple[int, int, bool, bool]]:
    """Words written without a space inside ("AI-GS3", "EMBER-2", "lc_classifier") that hold a name-like token.

    (start token, end token, spaced: followed by one space, coined: holds a token shaped like a coined name),
    between tokens ``lo`` and ``hi``.
    """
    spaces = token_arrays(doc).values(SPACY)
    words = (_PUNCT, _GLUE)  # what is no word: a chunk neither starts nor goes on with it
    out = []
    i = lo
    while i < hi:
        if taken[i] or classes[i] in words:
            i += 1
            continue
        j = i
        named = classes[i] in (_SHAPED, _CAPITAL, _CODE)
        coined = classes[i] in (_SHAPED, _CODE)
        # grow while no space and the next token is a word, or glue followed by a word
        while j + 1 < hi and not spaces[j] and not taken[j + 1]:
            nxt = classes[j + 1]
            if nxt == _GLUE:
                if j + 2 < hi and not spaces[j + 1] and not taken[j + 2] and classes[j + 2] not in words:
                    j += 2
                    named = named or classes[j] in (_SHAPED, _CAPITAL, _CODE)
                    coined = coined or classes[j] in (_SHAPED, _CODE)
                    continue
                break
            if nxt not in words:
                j += 1
                named = named or classes[j] in (_SHAPED, _CAPITAL, _CODE)
                coined = coined or classes[j] in (_SHAPED, _CODE)
                continue
            break
        if named:
            out.append((i, j + 1, bool(spaces[j]), coined))
        i = j + 1
    return out


def _windows(doc: Doc, seeds: list[int]) -> list[tuple[int, int]]:
    """Token ranges around the coined words, merged, widened to white space so that no word is cut."""
    spaces = token_arrays(doc).values(SPACY)
    n = len(doc)
    out: list[tuple[int, int]] = []
    for seed in seeds:
        lo, hi = max(0, seed - _WINDOW), min(n, seed + _WINDOW + 1)
        while lo > 0 and not spaces[lo - 1]:
            lo -= 1
        while hi < n and not spaces[hi - 1]:
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def candidates(doc: Doc, taken: numpy.ndarray, classes: numpy.ndarray | None = None) -> list[Candidate]:
    """Every run of one to ``MAX_CHUNKS`` adjacent name-like words no entity covers, one of them coined.

    A run of capitalised words alone ("Photometric Redshift PDFs" has one; "Estimating Stellar Parameters"
    none) is a title or a heading far more often than a name: on the gold sets 19 such runs were names and
    5,239 were not, and the model could not tell them apart. So only the neighbourhood of each coined word
    no entity covers is read, and most abstracts have none.
    """
    if classes is None:
        classes = word_classes(doc)
    seeds = numpy.nonzero(((classes == _SHAPED) | (classes == _CODE)) & ~taken)[0].tolist()
    if not seeds:
        return []
    text = doc.user_data.get(TEXT_KEY) or doc.text
    arrays = token_arrays(doc)
    starts, ends = arrays.values(IDX), arrays.ends()
    taken_list, class_list = taken.tolist(), classes.tolist()
    out = []
    for lo, hi in _windows(doc, seeds):
        chunks = _chunks(doc, taken_list, class_list, lo, hi)
        k = 0
        while k < len(chunks):
            # a run: chunks each followed by one space and the next chunk right after it
            m = k
            while m + 1 < len(chunks) and chunks[m][2] and chunks[m + 1][0] == chunks[m][1]:
                m += 1
            run = chunks[k : m + 1]
            for a in range(len(run)):
                for b in range(a, min(len(run), a + MAX_CHUNKS)):
                    if not any(chunk[3] for chunk in run[a : b + 1]):
                        continue
                    s, e = run[a][0], run[b][1]
                    sc, ec = starts[s], ends[e - 1]
                    out.append(Candidate(s, e, sc, ec, text[sc:ec]))
            k = m + 1
    return out


def features(doc: Doc, cand: Candidate, context: DocContext) -> list[str]:
    """The sparse features of one candidate, as strings (their weights are looked up by name)."""
    words = context.lowers
    s, e = cand.start, cand.end
    written = cand.text
    parts = written.split()
    last = parts[-1]
    f = [
        "bias",
        "shape=" + " ".join(shape(p) for p in parts),
        f"n={len(parts)}",
        f"len={min(len(written) // 3, 6)}",
        "lower=" + written.lower(),
        "last=" + last.lower(),
        "first=" + parts[0].lower(),
        "suf3=" + last[-3:],
        "suf4=" + last[-4:].lower(),
        "pre3=" + parts[0][:3],
        "lastshape=" + shape(last),
    ]
    if "-" in written:
        f.append("hyphen")
    if any(c.isdigit() for c in written):
        f.append("digit")
    if written.isupper():
        f.append("allcaps")
    prev1 = words[s - 1] if s >= 1 else "<s>"
    prev2 = words[s - 2] if s >= 2 else "<s>"
    next1 = words[e] if e < len(words) else "</s>"
    next2 = words[e + 1] if e + 1 < len(words) else "</s>"
    f += [
        "p1=" + prev1,
        "p2=" + prev2,
        "n1=" + next1,
        "n2=" + next2,
        "p2p1=" + prev2 + "_" + prev1,
        "n1n2=" + next1 + "_" + next2,
    ]
    for w in words[max(0, s - 6) : max(0, s - 2)]:
        f.append("lw=" + w)
    for w in words[e + 2 : e + 6]:
        f.append("rw=" + w)
    if prev1 in _SENTENCE_OPENERS or s == 0 or s == context.abstract_token:
        f.append("sentstart")
    if prev1 == "(" and next1 == ")":
        f.append("inparens")
    if next1 == "(":
        f.append("beforeparens")
    if s < context.abstract_token:
        f.append("title")
        if next1 in (":", "-", "\u2013", "\u2014"):
            f.append("titlehead")
    if context.abstract_token and s >= context.abstract_token and written in context.title_text:
        f.append("alsointitle")
    if len(parts) == 1 and written != written.lower() and context.written_lower(written):
        f.append("lowerused")  # "Redshift" in a title, "redshift" in the text: a word, not a name
    uses = context.counts.get(written, 0)
    f.append(f"uses={min(uses, 3)}")
    long_form = context.long_forms.get((s, e))
    if long_form is not None:
        f.append("defined")
        f.append("lflast=" + long_form)
    left, right = context.near_label(s, e)
    if left:
        f.append("lent=" + left)
    if right:
        f.append("rent=" + right)
    return f


class _Words:
    """A doc's lower-cased words, read from its token array as asked (the features look at a few per candidate)."""

    __slots__ = ("ids", "strings")

    def __init__(self, doc: Doc) -> None:
        self.ids = token_arrays(doc).values(LOWER)
        self.strings = doc.vocab.strings

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, key: int | slice) -> str | list[str]:
        if isinstance(key, slice):
            return [self.strings[i] for i in self.ids[key]]
        return self.strings[self.ids[key]]


class DocContext:
    """What the features of every candidate of one doc share: lower-cased words, uses, definitions, entities."""

    def __init__(self, doc: Doc, ents: list[tuple[int, int, str]], cands: list[Candidate]) -> None:
        self.lowers = _Words(doc)
        start = doc.user_data.get(ABSTRACT_START) or 0
        self.abstract_token = 0
        if start:
            span = doc.char_span(start, start, alignment_mode="expand")
            self.abstract_token = span.start if span is not None else 0
            text = doc.user_data.get(TEXT_KEY) or doc.text
            self.title_text = text[:start]
        else:
            self.title_text = ""
        counts: dict[str, int] = {}
        for c in cands:
            counts[c.text] = counts.get(c.text, 0) + 1
        self.counts = counts
        self.long_forms: dict[tuple[int, int], str] = {}
        for short_start, short_end, long_start, long_end in doc.user_data.get(ABBREVIATION_TUPLES, []):
            if long_start is not None and long_end is not None and long_end > long_start:
                self.long_forms[(short_start, short_end)] = self.lowers[long_end - 1]
        self.ents = ents
        self._orths: set[int] | None = None
        self._strings = doc.vocab.strings
        self._doc = doc

    def written_lower(self, written: str) -> bool:
        """Does the doc also write this word in lower case?"""
        if self._orths is None:
            self._orths = set(token_arrays(self._doc).values(ORTH))
        return self._strings[written.lower()] in self._orths

    def near_label(self, s: int, e: int) -> tuple[str | None, str | None]:
        """Labels of the rules' entities ending within two tokens before ``s`` and starting within two after ``e``."""
        left = right = None
        for start, end, label in self.ents:
            if s - 2 <= end <= s:
                left = label
            elif e <= start <= e + 2:
                right = label
        return left, right


def covered(doc: Doc) -> numpy.ndarray:
    """Which tokens the rules' entities cover (one array read)."""
    iob = doc.to_array(ENT_IOB)
    return (iob == 1) | (iob == 3)


def entities(doc: Doc) -> tuple[list[tuple[int, int, str]], set[str]]:
    """The rules' entities as (start token, end token, label), and their forms lower-cased.

    Read from the linker's tuples (character offsets) when it left them: no ``Span`` per entity.
    """
    text = doc.user_data.get(TEXT_KEY) or doc.text
    tuples = doc.user_data.get(ENTITY_TUPLES)
    if tuples is None:
        return (
            [(e.start, e.end, e.label_) for e in doc.ents],
            {text[e.start_char : e.end_char].lower() for e in doc.ents},
        )
    starts = token_arrays(doc).values(IDX)
    ents = [(bisect.bisect_left(starts, sc), bisect.bisect_left(starts, ec), label) for sc, ec, label, *_ in tuples]
    return ents, {text[sc:ec].lower() for sc, ec, *_ in tuples}


def examples(doc: Doc, everywhere: bool = False) -> Iterator[tuple[Candidate, list[str], bool]]:
    """Each candidate of a tagged doc, its features, and whether the model may tag it.

    In use only the candidates that no entity, ontology form or candidate rule covers, and whose form the
    rules do not tag elsewhere in the doc, are made (the rules turned down "Chandra" in "Chandra X-ray
    Center" with reason); ``everywhere`` (training) makes them over the rules' entities too (flagged
    ``False``), so the model also learns from the names the rules know what a name looks like and where one
    is written.
    """
    if not len(doc):
        return
    classes = word_classes(doc)
    seen = covered(doc)
    coined = (classes == _SHAPED) | (classes == _CODE)
    usable: list[Candidate] = []
    if (coined & ~seen).any():
        # and the words of every ontology form and candidate rule the linker turned down
        for start, end, *_ in match_tuples(doc, MATCHES_KEY):
            seen[start:end] = True
        if CANDIDATES_KEY in doc.spans:
            for span in doc.spans[CANDIDATES_KEY]:
                seen[span.start : span.end] = True
        usable = candidates(doc, seen, classes)
    if not usable and not everywhere:
        return
    ents, known = entities(doc)
    usable = [c for c in usable if c.text.lower() not in known]
    if usable:
        context = DocContext(doc, ents, usable)
        for cand in usable:
            yield cand, features(doc, cand, context), True
    if everywhere:
        bounds = {(c.start, c.end) for c in usable}
        others = [
            c for c in candidates(doc, numpy.zeros(len(doc), dtype=bool), classes) if (c.start, c.end) not in bounds
        ]
        context = DocContext(doc, ents, others)
        for cand in others:
            yield cand, features(doc, cand, context), False


class NameModel:
    """A multinomial logistic regression stored as plain data: classes, bias and a weight row per feature."""

    def __init__(self, classes: list[str], weights: dict[str, list[float]], threshold: float) -> None:
        self.classes = classes
        self.weights = weights
        self.threshold = threshold
        self._rows = {feature: i for i, feature in enumerate(weights)}
        self._matrix = numpy.array(list(weights.values()), dtype=numpy.float64).reshape(len(weights), len(classes))

    @classmethod
    def load(cls, path: Path | str | None = None, threshold: float | None = None) -> NameModel:
        if path is None or path == "":
            from .resources import names_model_weights

            path = names_model_weights()
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["classes"], data["weights"], data["threshold"] if threshold is None else threshold)

    def probabilities(self, feats: list[str]) -> list[float]:
        """Softmax over the classes of the summed weights of the features the model knows."""
        return self.probability_rows([feats])[0].tolist()

    def probability_rows(self, batch: list[list[str]]) -> numpy.ndarray:
        """:meth:`probabilities` of many candidates at once (one row each): one gather and one sum per doc."""
        rows = self._rows
        index, offsets = [], []
        for feats in batch:
            offsets.append(len(index))
            index.extend([rows[f] for f in feats if f in rows])  # "bias" is always there: no row is empty
        scores = numpy.add.reduceat(self._matrix[index], offsets, axis=0)
        exps = numpy.exp(scores - scores.max(axis=1, keepdims=True))
        return exps / exps.sum(axis=1, keepdims=True)

    def predict(self, doc: Doc) -> list[tuple[Candidate, str, float]]:
        """The candidates of ``doc`` to tag (see :func:`decode`)."""
        found = list(examples(doc))
        if not found:
            return []
        probs = self.probability_rows([feats for _, feats, _ in found]).tolist()
        return decode([(cand, p) for (cand, _, _), p in zip(found, probs)], self.classes, self.threshold)


def decode(
    scored: list[tuple[Candidate, list[float]]], classes: list[str], threshold: float
) -> list[tuple[Candidate, str, float]]:
    """Each form's best label over its uses, if an entity type at ``threshold`` or more; every use of it tagged.

    Longest and most probable first claim their tokens; the result is in text order.
    """
    best: dict[str, tuple[float, str]] = {}
    for cand, probs in scored:
        k = max(range(len(probs)), key=lambda i: (probs[i], -i))
        label = classes[k]
        if label != OUTSIDE and probs[k] > best.get(cand.text, (0.0, ""))[0]:
            best[cand.text] = (probs[k], label)
    accepted = [(best[c.text][0], c) for c, _ in scored if c.text in best and best[c.text][0] >= threshold]
    accepted.sort(key=lambda pc: (-pc[0], -(pc[1].end - pc[1].start), pc[1].start))
    chosen = []
    taken: set[int] = set()
    for p, cand in accepted:
        if any(i in taken for i in range(cand.start, cand.end)):
            continue
        taken.update(range(cand.start, cand.end))
        chosen.append((cand, best[cand.text][1], p))
    chosen.sort(key=lambda c: c[0].start)
    return chosen


@Language.factory(
    "astro_names",
    assigns=["doc.ents"],
    default_config={"weights": "", "threshold": None},
)
def make_names(nlp: Language, name: str, weights: str, threshold: float | None) -> NameTagger:
    return NameTagger(nlp, name, weights, threshold)


class NameTagger:
    """Add the model's names where no entity is; the rules' entities stay as they are."""

    def __init__(self, nlp: Language, name: str, weights: str = "", threshold: float | None = None) -> None:
        self.name = name
        self.model = NameModel.load(weights or None, threshold)

    def __call__(self, doc: Doc) -> Doc:
        chosen = self.model.predict(doc)
        if not chosen:
            return doc
        labels = doc.user_data.setdefault("astro_concept_labels", {})
        ents = list(doc.ents)
        tuples = list(
            doc.user_data.get(ENTITY_TUPLES) or [(e.start_char, e.end_char, e.label_, e.kb_id_, e.id_) for e in ents]
        )
        for cand, label, _p in chosen:
            concept = candidate_id(cand.text)
            labels.setdefault(concept, cand.text)
            ents.append(Span(doc, cand.start, cand.end, label=label, kb_id=concept, span_id=SOURCE))
            tuples.append((cand.start_char, cand.end_char, label, concept, SOURCE))
        ents.sort(key=lambda s: s.start)
        tuples.sort(key=lambda t: t[0])
        set_entities(doc, ents)
        doc.user_data[ENTITY_TUPLES] = tuples
        return doc
