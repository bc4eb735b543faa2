"""Entities the ontology does not know yet, proposed for curation.

Four general rules, none about a particular name:

* **Definitions.** An acronym definition whose long form ends in a head word
  of one of the types ("domain-adversarial neural *network* (DANN)",
  "Kilo-Degree *Survey* (KiDS)") is an entity even when no concept matches;
  a capitalised one without such a head takes its type from the company it
  keeps ("... (ANTS) *employs a graph convolutional neural network*",
  "*CatBoost and* Self-Paced Ensemble (SPE)").
* **Typed names.** A run of capitalised name tokens ending in a capitalised
  head word ("Zwicky Transient *Facility*", "Dark Energy Spectroscopic
  *Instrument*"), or a name token followed by a data-product head word ("MOCCA
  *simulations*"). Title Case in a paper title says nothing, so such phrases
  count in the title only when the abstract uses them too.
* **Named tools.** A name-shaped token that opens a title before a colon or
  dash ("LEMON: Lens modelling with ...") or follows "called"/"named"/"dubbed"
  is a SOFTWARE name, and so is each later use of it in the abstract; so is a
  name of capitalised words a tool's noun is called by ("an algorithm we call
  Direct Exoplanet Detection with ..., or ConStruct"). A quoted title after
  "competition"/"challenge" names the challenge's DATASET.
* **Names written once.** What the sentence says of a name no list knows: a
  presenting verb and a long form in parentheses ("We present GS3 Hunter
  (Galactic-Seismology Substructures and Streams Hunter)", a word its long
  form's initials spell), a presented coined word ("We propose DustSeer,
  which ..."), an apposition to a tool's noun ("We release Lantern, an
  open-source package", "We present Marten: a pipeline", "our code, Wren,"),
  parentheses that say what tool it is ("Kestrel (a CNN-based classifier)"),
  a naming verb said of a tool's noun ("our classifier, dubbed Heron"), and a
  citation after "with"/"using" ("with Magpie (Okafor et al. 2021)").

Each candidate gets the id ``candidate:<slug>`` of its folded text, so the
same unknown thing has the same id in every abstract; ``candidates.csv``
lists them with counts and contexts for curators.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from functools import cached_property, lru_cache
from itertools import pairwise

import numpy
from scispacy.abbreviation import find_abbreviation
from spacy.attrs import IDX, LOWER, NORM, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .normalize import alias_key, normalize_word
from .ontology import surface_forms
from .ruler_index import (
    ABBREVIATION_TUPLES,
    OntologyIndex,
    abbreviation_tuples,
    match_tuples,
    span_text,
    token_arrays,
    token_positions,
)

# The word lists the rules look up (head words, stop words, verbs, nouns) are
# vocabulary: ``ontologies/rules/candidates.yaml``, read with the ontology
# (:class:`pipeline.vocabulary.CandidateWords`). What stays here is grammar:
# punctuation, the function words of the list and context rules, and the
# shapes of names.

# A word set in LaTeX typewriter type: "\\texttt{SERENEt}", "$\\texttt{Exoformer}$".
_TYPEWRITER = re.compile(r"\\texttt\{([A-Za-z][\w+.-]{1,39})\}")
# A named run of a simulation: "the Ref-L0100N1504 run of EAGLE" (a digit in the name).
_RUN_OF = re.compile(r"(?<![\w-])([A-Za-z][\w.+-]*[0-9][\w.+-]*) runs? of ")
# Endings of adjectives made from names: "Newtonian", "Gaussian", "Euclidean", "Keplerian", "Galactic".
_ADJECTIVE_ENDS = ("ian", "ean", "ic", "al")
# Quotes around a name after "dubbed": 'dubbed "R2D2"', 'dubbed “Residual-to-Residual ...”'.
_OPEN_QUOTES = frozenset({'"', "\u201c", "``", "'", "\u2018"})
_CLOSE_QUOTES = frozenset({'"', "\u201d", "''", "'", "\u2019"})
# Types a head noun after a definition's parentheses may give it ("(SMART) survey").
_AFTER_DEFINITION = frozenset({"TELESCOPE", "SURVEY"})
# What follows a tool's name that opens a title: "LEMON: Lens modelling with ...".
TITLE_MARKS = (":", "-", "\u2013", "\u2014")
# Words that end the head phrase of a title's subtitle ("... Catalog with Pan-STARRS1").
_SUBTITLE_STOPS = frozenset({"with", "for", "from", "of", "in", "using", "on", "at", "by", "to", "and", "via"})
_SUBTITLE_ENDS = frozenset({",", ";", ":", "(", ")", ".", "?", "!", "\u2013", "\u2014"})
_DASHES = (",", "-", "\u2013", "\u2014")
# Between two items of a list of tools: "PRESTO, Heimdall", "TransientX and presto", "JAX with Equinox".
LIST_JOINERS = frozenset({",", "and", "or", "&", ";", "with"})
# What introduces a list of tools: "softwares like", "tools (e.g.,", "codes such as".
LIST_OPENERS = frozenset({"like", "as", "including", "e.g.", "e.g", "eg", "(", ":"})
_ITEM_ENDS = frozenset({")", ".", ";", ":"})
_OPENER_WORDS = frozenset({"like", "such", "as", "including", "e.g.", "e.g", "eg", "(", ",", ":"})
# Programming languages written between a tool's name and "package": "the light_curve Python package".
_LANGUAGES = frozenset({"python", "julia", "idl", "r", "c++", "fortran", "rust", "matlab"})
# The prepositions between a processing verb and its tool: "reduced with THELI".
# After a known technique's name in a long form, the words that name a variant of it: "synthetic minority
# over-sampling technique for regression with Gaussian noise (SMOGN)".
_VARIANT_PREPOSITIONS = frozenset({"for", "with"})
_INSTRUMENTAL = frozenset({"with", "using", "via", "through", "into"})
# What a step is done in or by: "the Keplerian signals in juliet", "muon propagation by PROPOSAL".
_WITHIN = frozenset({"in", "by"})
# A word that only a program is called: "lc_classifier", "e2cnn", "celerite2" (snake case, digits in lower case).
# Nouns after which, in "the [adjective] code X", X names the code.
# What a naming verb names before the name: "we call this procedure POLISH", "we name our method X".
_NAMED_OBJECTS = frozenset({"this", "our", "the", "these"})
_NAMING_NOUNS = frozenset({"code", "package", "library", "software", "toolkit", "toolbox"})
# A coined name with a TeX symbol (a letter or an index, no command) and a word with a capital and lower case glued
# to it: "$N$-Fit"; not a molecule ("C$_2$H", "$^{13}$CO", "NH$_2$CHO": an isotope's mass, or capitals only).
_MATH_NAME = re.compile(r"(?<![\w$\\^])[A-Za-z]{0,4}\$[A-Za-z0-9_{}][A-Za-z0-9_^{}]{0,4}\$-?[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*(?![\w$])")
# The capital of the word after the symbol, written in lower case in the name's other uses ("the $N$-fit algorithm").
_MATH_NAME_LOWER = re.compile(r"(?<=\$-)[A-Z](?=[a-z]+$)")
# A short form in parentheses: initials and a capitalised word of what the named thing holds ("(MWP-Bubble)").
_INITIALS_WITH_TAIL = re.compile(r"\((([A-Z]{2,6})-[A-Z][a-z]{3,})\)")
# A package's identifier, lower case in three parts or more joined by hyphens: "tess-asteroid-ml".
_KEBAB_IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+){2,4}$")
_CODE_WORD = re.compile(r"^(?:[a-z][a-z0-9]*_[a-z0-9_]+|[a-z]+[0-9][a-z0-9]*)$")
# A coined model name: "SolarFlareNet", "BTSbot", "AstroFormer", "StarGRUNet", "EoRFlow" (CamelCase + a model
# suffix), or a name and "Net" ("APOGEE Net", "BOSS Net": the model trained on that survey's spectra).
# Also a word, or a "21cm"-like prefix, glued to an architecture's short name: "QuasarNET", "FNet",
# "21cmLSTM", "21cmKAN" (known architectures such as "ResNet" or "BiLSTM" are the ontology's); the hyphen before "Net"
# may be set as an en dash ("Tel–Net", abstracts-z arXiv:2011.10243). A CamelCase agent noun names a tool the same
# way: "the KMTNet AlertFinder and EventFinder" (fragments-n r12d-frag-13, both golds).
_COINED_MODEL = re.compile(
    r"(?<![\w-])(?:[A-Z][A-Za-z0-9]*?(?:[a-z0-9][A-Z]|[A-Z]{2})[A-Za-z0-9]*?"
    r"(?:Net|Former|former|GPT|Bot|bot|BERT|GAN|VAE|Flow)"
    r"|[A-Z][A-Za-z]{0,12}?(?:Net|NET|Former)|[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Finder|Fitter|Tracker)"
    r"|[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]* Net|[A-Z][A-Za-z0-9]{0,12}[-\u2013]Net|[0-9]+[a-z]+(?:[A-Z][a-z]*)?(?:Net|LSTM|KAN|CNN|GAN|VAE|GNN|NN))"
    r"(?:[-+]?[0-9IVX]+)?(?![\w-])"
)
_NAME_SHAPE = re.compile(
    r"^(?=.*[A-Za-z])(?:[A-Z0-9][A-Za-z0-9]*[A-Z0-9+][A-Za-z0-9+]*|[A-Z][a-z]+[A-Z][A-Za-z0-9+]*"
    r"|[a-z]{1,5}[A-Z]{2}[A-Za-z0-9+]*)$"
)  # "pySYD", "redMaPPer", "astroNN"
# What every coined name ends with: most texts have none, and this finds that faster than the name's pattern.
_COINED_TAIL = re.compile(
    r"(?:Net|NET|Former|former|GPT|Bot|bot|BERT|GAN|VAE|Flow|LSTM|KAN|NN|Finder|Fitter|Tracker)(?:[-+]?[0-9IVX]+)?"
    r"(?![\w-])"
)


# The depth or variant number a named architecture is written with, and its version: "DenseNet201", "DenseNet-201",
# "ResNet50V2" (the Keras names).
_DEPTH_TAIL = re.compile(r"(?<=[A-Za-z])(?:-?[0-9]{1,3}(?:-?[Vv][1-9])?|-?[Vv][1-9])$")


_WORD = re.compile(r"[\w+]+|[^\w\s]")
# A name and a Roman numeral glued by a hyphen: "Gadget-III"; the numeral's digit.
_ROMAN_RELEASE = re.compile(r"(?<![\w-])([A-Za-z][A-Za-z0-9]*)-(II|III|IV)(?![\w-])")
_ROMAN_DIGITS = {"II": "2", "III": "3", "IV": "4"}
# A name with a "+" glued after it and nothing glued after the "+": "GAT+", "WSA+" (not "CNN+LSTM", "a+b").
# Two capitalised surnames joined by an ampersand ("Robbins & Hynek"), and how many words of what their product
# holds may stand before its noun ("Robbins & Hynek Mars crater database").
# A survey simulator's run: snake case with a version, before a run's or a cadence's noun ("baseline_v3.4 cadence").
_CADENCE_RUN = re.compile(
    r"(?<![\w.-])([a-z][a-z0-9]*(?:_[a-z0-9]+)*_v[0-9]+(?:\.[0-9]+)+(?:_[a-z0-9]+)*)"
    r"(?= (?:cadence |survey |observing )?(?:simulations?|runs?|strateg(?:y|ies)|cadences?)\b)"
)
_AUTHOR_PAIR = re.compile(r"(?<![\w&-])([A-Z][a-z]{2,}) & ([A-Z][a-z]{2,})(?![\w&-])")
_PRODUCT_WORDS = 3
_PLUS_NAME = re.compile(r"(?<![\w+.-])([A-Z][\w-]*[A-Za-z0-9])\+(?![\w+])")
# Words that join an English compound, never a package's identifier: "state-of-the-art", "end-to-end".
_JOINING_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "up", "with"})
# A tool's version number, written after its name in a list: "SAS 21.0", "CIAO 4.15", "healpy v1.16".
_VERSION = re.compile(r"^(?:v\d+(?:\.\d+)*|\d+(?:\.\d+){1,3}[a-z]?)$")
# Prepositions before a tool's name used alone as a noun: "the weaknesses of vespa,", "compared with vespa."
_ALONE_AFTER = frozenset({"by", "of", "than", "using", "via", "with"})
# Endings of the adjectives and the nouns of tasks that stand before "algorithm" or "pipeline" ("the detection
# algorithm", "the training pipeline", "the statistical code"), never a tool's coined lower-case name.
_COMMON_NOUN_ENDS = ("ion", "ing", "ment", "sis", "ance", "ence", "ity", "al", "ic", "ive", "ous", "ed")
# Words that join the items of a co-ordination, which may share one plural head: "the SAGA and ELVES surveys".
_COORDINATORS = frozenset({"and", "or", "&", ","})
# What closes a name written out in a sentence: "we call Direct Exoplanet Detection with ..., or ConStruct."
_NAME_CLOSERS = frozenset({",", ".", ";", ":", "(", ")"})
# A word after "with"/"using"/"via", then a citation: an author's capitalised name and a year in parentheses
# ("with Magpie (Okafor et al. 2021)", "using Corvid (Lind & Park 2019)"; not "with Monday (2019)").
_CITED_AFTER_WITH = re.compile(
    r"(?<![\w-])(?:with|using|via) ([A-Z][A-Za-z0-9+]{2,30}) \((?:e\.g\.,? |see )?[A-Z][^()]{0,60}?"
    r"\b(?:1[89]|20)[0-9]{2}[a-z]?(?:[;,][^()]{0,80})?\)"
)
# A name, a comma and a participle of making with its purpose: "DRAGNHunter, designed to detect ...".
_PURPOSE_AFTER = re.compile(
    r"(?<![\w-])([A-Za-z][\w+-]{2,40}), (?:designed|developed|built|trained|optimi[sz]ed|tailored) (?:to|for)\b"
)
# Its cue alone, a literal ", " first: what most texts lack, found without trying a name at every word.
_PURPOSE_CUE = re.compile(r", (?:designed|developed|built|trained|optimi[sz]ed|tailored) (?:to|for)\b")
# A year in a citation: "(Barbary 2016)", "(Astropy Collaboration et al. 2022a)".
_YEAR_WORD = re.compile(r"^(?:1[89]|20)[0-9]{2}[a-z]?$")
# One lower-case word a program may be called ("eat", "foscgui", "uvotimsum", "pyilc").
_LOWER_WORD = re.compile(r"^[a-z][a-z0-9_]*$")
# Endings of the names of fields and techniques of observing: "classified using spectroscopy", "with photometry".
_FIELD_ENDS = ("graphy", "logy", "metry", "nomy", "scopy")
# What closes a clause after a tool's lower-case name: "network-calibrated with eat."
_CLAUSE_CLOSERS = frozenset({".", ",", ";", ")"})
# What joins the last item of a list: "with PypeIt and foscgui."
_LAST_JOINERS = frozenset({"and", "or", "&"})
# Where a lower-case aside on a listed tool's purpose ends and the list goes on: "dynesty for nested sampling and".
_ASIDE_ENDS = frozenset({",", "and", "or", "&"})
# Nouns of a collection of tools after its name: "the SMURF map-maker in the Starlink suite".
_SUITE_NOUNS = frozenset({"suite", "suites"})
# Function words after a name a verb presents: "We propose DustSeer, which ...", "We present GalFlow to ...".
_AFTER_PRESENTED = frozenset({"which", "that", "to", "for", "as", "and", "in", "on", "with"})


_FACILITY_LABELS = frozenset({"TELESCOPE", "SURVEY"})
# The last word of a long form that makes it a model's coined name, not a kind of network: "Multi-Scale Wavelet Net".
_COINED_HEADS = frozenset({"Net", "NET"})
# A short form coined with "Net" glued to letters of its own: "iQNet", "PGNets", "GaSNet-III", "QuasarNET" (not "CNN",
# "B-CNN": the initials of a kind of network). Known architectures ("ResNet", "ConvNets") are the ontology's.
_COINED_NET = re.compile(r"^[A-Za-z0-9]*(?:[A-Za-z0-9]Net|[a-z]NET)s?(?:[-–]?(?:[0-9]+|[IVX]+))?$")


def crosses_sentence(doc: Doc, start: int, end: int) -> bool:
    """Does a long form run over the end of a sentence ("... spectra. When our CNN model (StarNet)")?

    The detector reads back a fixed number of words from the parenthesis; a
    sentence end inside them means the letters were found by chance, no definition.
    """
    orths = token_arrays(doc).values(ORTH)
    if _FULL_STOP_IDS.isdisjoint(orths[start : end - 1]):
        return False
    return any(
        orths[i] in _FULL_STOP_IDS and (doc[i + 1].is_title or doc[i + 1].is_upper) for i in range(start, end - 1)
    )


# What an appositive definition starts with: "SESHAT, the Stellar ...": most texts have none.
_APPOSITIVE = re.compile(r"\b[A-Z]{3,10}, (?:the |a |an )?[A-Z]")
# A coined short form: a capital after lower-case letters inside it ("FloTS", "AnaCal"; not "LoS", "CNNs").
_MIXED_CASE = re.compile(r"^[A-Z][A-Za-z0-9]*[a-z]{2}[A-Z][A-Za-z0-9]*$")
# A full stop that ends a sentence: a capital opens the next ("... (SPRAT). The KiDS team ..."), not "1.2m".
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z])")
# An instrument's nouns (each a name head, so a cue word) after which a coined word is the instrument's name.
_INSTRUMENT_HEADS = frozenset({"camera", "imager", "spectrograph", "spectrometer", "interferometer"})
_NUMBERED_UNIT = re.compile(r"[A-Z]{1,5}[0-9]{1,2}")
# A model code that opens with figures ("8SE"): after a maker's name only, as "a 3D camera" names no model.
_FIGURES_FIRST_MODEL = re.compile(r"[0-9]{1,3}[A-Z]{1,4}")
# A tool's version glued to its name: "DBNets2.0".
_GLUED_VERSION = re.compile(r"[0-9]+\.[0-9]+$")
# A capital inside a word of lower case ("RecOgnition", "cOntrastive", "DEtection"): most texts have none.
_LOWER_THEN_CAPITAL = re.compile(r"[a-z][A-Z]")
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]|\b[A-Z]{2}[a-z]{3}")
_FULL_STOP_IDS = frozenset(get_string_id(end) for end in (".", "!", "?"))
_AUTHORS_OWN = frozenset({"our", "this", "new", "novel", "proposed"})


def _eponymous(text: str) -> bool:
    """Title-case words joined by hyphens ("Einstein-Boltzmann", "Navier-Stokes", "Solar-System"): the equations
    or the subject a kind of code treats, no coined name (a coined one has capitals inside a word or digits:
    "Deep-LC", "Astro-WISE")."""
    parts = text.split("-")
    return len(parts) >= 2 and all(p.isalpha() and p.istitle() for p in parts)


def two_facilities(matches: list[tuple], start: int, end: int) -> tuple | None:
    """The second of two known facility names that make up tokens ``start:end`` side by side, if they do.

    "Hubble Space Telescope Advanced Camera for Surveys (HST-ACS)": a mission and its instrument
    written as one long form are the two names, and the short form is the instrument of that mission.
    ``matches``: the ruler's (start, end, label, concept id, ...) tuples.
    """
    firsts = {e for s, e, label, *_ in matches if s == start and start < e < end and label in _FACILITY_LABELS}
    if not firsts:
        return None
    return next((m for m in matches if m[1] == end and m[0] in firsts and m[2] in _FACILITY_LABELS), None)


_GREEK = re.compile("[\u03b1-\u03c9]")


@lru_cache(maxsize=1 << 16)  # the same unknown names recur from abstract to abstract
def candidate_id(text: str) -> str:
    # Spelling and number are folded as in matching, except in acronyms ("MARS", "CHEOPS" are no plurals).
    if _GREEK.search(text):  # "νGAN" is nuGAN, no GAN
        text = _GREEK.sub(lambda g: unicodedata.name(g.group(), "").rsplit(" ", 1)[-1].lower(), text)
    words = [w.lower() if w.isupper() else normalize_word(w) for w in _WORD.findall(text.replace("-", " "))]
    slug = re.sub(r"[^a-z0-9.+]+", "-", " ".join(words).lower()).strip("-")
    slug = re.sub(r"(?<=[0-9])-\.-(?=[0-9])", ".", slug)  # "2.3-m", "GWTC-2.1": the number kept whole
    return f"candidate:{slug or 'unnamed'}"


_NAME_PARTS = re.compile(r"[-_&]|['\u2019](?=[A-Z])")
_SUPERSCRIPT_DIGITS = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789")


@lru_cache(maxsize=1 << 16)  # asked of the same words over and over
def name_shaped(text: str) -> bool:
    """ "LEMON", "GaSNet", "ForSE+", "TNG100", "Radio-UNet": a coined name, not a word."""
    # "MODEL&CO" (abstracts-w arXiv:2409.17178); "O'TRAIN" (abstracts-z arXiv:2112.10280): an apostrophe before a
    # capital joins the parts of a name, one before a lower-case letter ends a possessive or an elision
    if len(text) >= 4 and "\u03b1" <= text[0] <= "\u03c9" and text[1].isupper():
        # a Greek letter for what the name is of, before a name in capitals: "νGAN" (for neutrino GAN, abstracts-ab
        # arXiv:2505.03936, both golds), "μNet"; not a unit ("μJy") nor "ΛCDM" (a capital Greek letter)
        text = text[1:]
    parts = [p for p in _NAME_PARTS.split(text.translate(_SUPERSCRIPT_DIGITS)) if p]  # "GS³" is written "GS3" too
    return (
        bool(parts) and len(text) >= 3 and any(ch.isupper() for ch in text) and any(_NAME_SHAPE.match(p) for p in parts)
    )


def _repeated(doc: Doc, span: Span, boundary: int, case: bool = False) -> bool:
    """Does the abstract (after the title) use the same words as this title span (``case``: as written)?"""
    words = [t.text if case else t.lower_ for t in span]
    lowers = [t.text if case else t.lower_ for t in doc[boundary:]]
    n = len(words)
    return any(lowers[i : i + n] == words for i in range(len(lowers) - n + 1))


_SENTENCE_ENDS = frozenset(Sentencizer.default_punct_chars)


def _written_lower(doc: Doc, word: str) -> bool:
    """Is the word (or its singular) written in lower case in the record: a common noun, not a name?"""
    low = word.lower()
    text = doc.user_data.get(TEXT_KEY) or doc.text
    return re.search(rf"\b{re.escape(low.removesuffix('s'))}s?\b", text) is not None


def sentence_initial(doc: Doc, i: int) -> bool:
    """Would spaCy's ``sentencizer`` start a sentence at token ``i``?

    Its rule, read backwards: a token that is not punctuation starts a
    sentence when the nearest earlier token that is not other punctuation
    ends one ("." "!" "?" ...). Asked for a few tokens, so no component has to
    segment every abstract.
    """
    token = doc[i]
    if i == 0:
        return True
    if token.is_punct or token.text in _SENTENCE_ENDS:
        return False
    for j in range(i - 1, -1, -1):
        before = doc[j]
        if before.text in _SENTENCE_ENDS:
            return True
        if not before.is_punct:
            return False
    return False


MATCHES = "astro_matches"
CANDIDATE_BROADER = "astro_candidate_broader"
"""``doc.user_data`` key (the linker's ``BROADER_KEY``): candidate id -> the known concept its name contains."""
"""``doc.spans`` key of the ontology ruler's matches (read here, written by the ruler)."""

TEXT_KEY = "astro_text"
"""``doc.user_data`` key: the record's text, when the extractor made the doc (``doc.text`` rebuilds it per call)."""

ABSTRACT_START = "astro_abstract_start"
"""``doc.user_data`` key: character offset where the abstract starts (0: no title)."""


def title_end(doc: Doc) -> int:
    """Token index where the abstract starts; 0 when the record has no title.

    The extractor records the offset in ``doc.user_data``; a doc made some
    other way is read as "title, blank line, abstract".
    """
    start = doc.user_data.get(ABSTRACT_START)
    if start is not None:
        if start <= 0:
            return 0
        return int(token_arrays(doc).column(IDX).searchsorted(start))  # first token at or after it
    for token in doc[:64]:
        if token.is_space and "\n\n" in token.text:
            return token.i
    return 0


def _opens_line_or_sentence(doc: Doc, i: int) -> bool:
    """Does token ``i`` open a sentence, or a line (an abstract after its title)?"""
    return sentence_initial(doc, i) or doc[i - 1].is_space or "\n" in doc[i - 1].whitespace_


def _in_hyphenated_word(doc: Doc, i: int) -> bool:
    """Is token ``i`` glued by a hyphen to the word before or after it ("Konus-Wind")?"""
    before = i > 0 and doc[i - 1].text == "-" and doc[i - 1].idx + 1 == doc[i].idx
    after = i + 1 < len(doc) and doc[i + 1].text == "-" and doc[i].idx + len(doc[i]) == doc[i + 1].idx
    return before or after


def _whole_word_start(doc: Doc, start: int) -> int:
    """Start of the hyphenated word whose last part starts at ``start``: a long form starts at a whole word."""
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and doc[start - 1].idx == doc[start - 2].idx + len(doc[start - 2])
        and doc[start].idx == doc[start - 1].idx + 1
        and doc[start - 2].is_alpha
    ):
        start -= 2
    return start


def definition_start(doc: Doc, short: str, start: int, end: int) -> int:
    """Where a definition's long form starts: at a whole word, and at the word its short form begins with.

    The detector (Schwartz & Hearst) takes the shortest long form whose letters
    spell the short form, letters inside words included: "the Point [Proposal
    Network] (PPN)" ("P" of "Proposal" twice), "Semi-[Supervised ... Network]
    (SGAN)". A capitalised word before it whose initial is the letter still
    missing belongs to the name.
    """
    start = _whole_word_start(doc, start)
    if not short.isupper():
        # "a normalizing [flow for time series] (FloTS)": a coined short form takes letters from inside
        # words, so the shortest long form may cut a known name in two; it starts where that name starts
        start = next((s for s, e, *_ in match_tuples(doc, MATCHES) if start - 3 <= s < start < e <= end), start)
    else:
        start = _known_name_start(doc, short, start, end)
        if doc[start].is_lower and end - start >= 2 and doc[end - 1].is_title:
            start = _capitals_spelling_start(doc, short, start, end)
    if end - start >= len(short) or start == 0:  # a word (or more) per letter already: nothing is missing
        return start
    letters = [c.upper() for c in short if c.isalpha()]
    while start >= 1:
        initials = [t.text[0].upper() for t in doc[start:end] if t.is_alpha and not t.is_stop]
        before = doc[start - 1]
        missing = len(letters) - len(initials)
        if not (missing > 0 and letters[missing:] == initials[: len(letters) - missing]):
            break
        if not (before.is_title and before.is_alpha and not before.is_stop and before.text[0] == letters[missing - 1]):
            break
        start = _whole_word_start(doc, start - 1)
    return start


def _capitals_spelling_start(doc: Doc, short: str, start: int, end: int) -> int:
    """Start of a capitalised name the shortest long form cuts in two at a lower-case word: "the Proton and Alpha
    [particle Sensor] (PAS)" (fragments-n r12d-frag-10, both golds: "Proton and Alpha particle Sensor"). Read
    back over at most six words, the name starts at the capitalised word from which the capitalised words'
    initials spell the short form, no more and no fewer."""
    letters = [c for c in short if c.isalpha()]
    j = start
    while j > 0 and start - j < 6:
        j -= 1
        token = doc[j]
        if not token.is_alpha or (token.is_lower and not token.is_stop and start - j > 1):
            break
        if token.is_title:
            initials = [t.text[0] for t in doc[j:end] if t.is_alpha and (t.is_title or t.is_upper)]
            if initials == letters:
                return j
    return start


def _known_name_start(doc: Doc, short: str, start: int, end: int) -> int:
    """Start of a known technique's name the long form of an acronym cuts in two, when the words it adds spell
    the acronym's first letters: "[synthetic minority over-]sampling technique for regression with Gaussian
    noise (SMOGN)" (abstracts-u arXiv:2201.06054) starts at "synthetic", SMOTE's name, S and M of SMOGN."""
    letters = [c.upper() for c in short if c.isalpha()]
    for s, e, label, *_ in match_tuples(doc, MATCHES):
        if label != "TECHNIQUE" or not (start - 6 <= s < start < e <= end):
            continue
        initials = [t.text[0].upper() for t in doc[s:start] if t.is_alpha and not t.is_stop]
        if initials and initials == letters[: len(initials)]:
            return s
    return start


# A hyphenated short form in parentheses, two capitals at least: "(LO-CAMS)", "(CMB-S4)".
# Or a short form before a semicolon that opens a note: "(BASS; NOAO Prop. ID #2015A-0801)".
# Or a coined short form of ten characters or more, a capital after lower-case letters: "(StarGRUNet)".
_HYPHENATED_SHORT = re.compile(
    r"\((?=[^)]*[A-Z][^)]*[A-Z])([A-Za-z0-9]{1,9}(?:-[A-Za-z0-9]{1,9}){1,3})\)"
    r"|\((?=[^;)]*[A-Z][^;)]*[A-Z])([A-Za-z][A-Za-z0-9]{1,9}(?:-[A-Za-z0-9]{1,9}){0,3});"
    r"|\((?=[A-Za-z0-9]{10,20}\))([A-Z][A-Za-z0-9]*[a-z]{2}[A-Z][A-Za-z0-9]*)\)"
)


def add_hyphenated_definitions(doc: Doc, text: str) -> None:
    """Definitions whose short form is hyphenated ("Lowell Observatory Cameras for ... (LO-CAMS)") or followed by a
    note ("Beijing-Arizona Sky Survey (BASS; NOAO Prop. ID #2015A-0801)").

    scispaCy's detector (``astro_abbreviations``, kept identical to it) takes a
    short form only when every token has two letters or more, and only when
    it fills the parentheses, so neither is ever defined. The same Schwartz & Hearst search is run on
    these, and each definition and later use is added to ``doc._.abbreviations``
    (and their offsets) as the detector would have.
    """
    found: list[tuple[Span, Span]] = []
    for hit in _HYPHENATED_SHORT.finditer(text):
        group = next(g for g in (1, 2, 3) if hit.group(g))
        short = doc.char_span(hit.start(group), hit.end(group))
        if short is None or short.start < 2 or doc[short.start - 1].text != "(":
            continue
        letters = sum(c.isalpha() for c in short.text)
        width = min(letters + 5, letters * 2)
        candidate = doc[max(0, short.start - 1 - width) : short.start - 1]
        _, long_form = find_abbreviation(candidate, short)
        # longer in words: "Blazar Flaring Patterns (B-FlaP)" has as many tokens as its short form
        if long_form is not None and (
            len(long_form) > len(short) or sum(t.is_alpha for t in long_form) > sum(t.is_alpha for t in short)
        ):
            found.append((short, long_form))
    _add_definitions(doc, found)


def _add_definitions(doc: Doc, found: list[tuple[Span, Span]]) -> None:
    """Each (short form, long form) and every later use of the short form into ``doc._.abbreviations`` and their
    offsets, as the detector would have put them."""
    n = len(doc)
    if not found:
        return
    abbreviations = doc._.abbreviations
    offsets = list(abbreviation_tuples(doc, abbreviations)) if abbreviations else []
    defined = {(a.start, a.end) for a in abbreviations}
    column = token_arrays(doc).column(ORTH)
    orths = column.tolist()
    for short, long_form in found:
        pattern = orths[short.start : short.end]
        k = len(pattern)
        for start in (column == pattern[0]).nonzero()[0].tolist():  # where the first token is: one array pass
            if start + k <= n and orths[start : start + k] == pattern and (start, start + k) not in defined:
                use = doc[start : start + k]
                use._.long_form = long_form
                abbreviations.append(use)
                offsets.append((use.start, use.end, long_form.start, long_form.end))
                defined.add((start, start + k))
    doc.user_data[ABBREVIATION_TUPLES] = offsets


# Two short forms for two names written side by side with a slash: "Big Bear Solar Observatory/Full-Disk
# H-alpha Patrol Telescope (BBSO/FDHA)", "Solar Dynamics Observatory/Atmospheric Imaging Assembly (SDO/AIA)".
_POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019"})
# An instrument's short form after its facility and a slash: capitals, three letters first ("COPS", "EFOSC2").
_SLASH_INSTRUMENT = re.compile(r"[A-Z]{3,}[A-Z0-9]*")
_SLASH_PAIR = re.compile(r"\(([A-Z][A-Za-z0-9-]{1,11})/([A-Z][A-Za-z0-9-]{1,11})\)")


def add_slash_pair_definitions(doc: Doc, text: str) -> None:
    """Definitions of a pair of names and their pair of short forms: "X Observatory/Y Telescope (XO/YT)".

    scispaCy's detector takes a short form only when every token has two
    letters or more, so the slash keeps the pair from ever being defined. The
    slash nearest before the parenthesis parts the two long forms; the Schwartz
    & Hearst search is run on each side for its short form.
    """
    found: list[tuple[Span, Span]] = []
    for hit in _SLASH_PAIR.finditer(text):
        first, second = doc.char_span(hit.start(1), hit.end(1)), doc.char_span(hit.start(2), hit.end(2))
        if first is None or second is None or first.start < 3 or doc[first.start - 1].text != "(":
            continue
        opening = first.start - 1
        slash = next((j for j in range(opening - 2, max(0, opening - 14), -1) if doc[j].text == "/"), None)
        if slash is None:
            found.extend(_part_of_pair(doc, first, second, opening))
            continue
        if slash < 1:
            continue
        letters = sum(c.isalpha() for c in first.text)
        end = opening
        while end > slash + 1 and doc[end - 1].lower_ in _POSSESSIVES:
            end -= 1  # "Solar Dynamics Observatory/Helioseismic and Magnetic Imager's (SDO/HMI) ... Patches"
        for short, candidate in (
            (first, doc[max(0, slash - min(letters + 5, letters * 2)) : slash]),
            (second, doc[slash + 1 : end]),
        ):
            _, long_form = find_abbreviation(candidate, short)
            if long_form is not None and sum(t.is_alpha for t in long_form) > 1:
                found.append((short, long_form))
    _add_definitions(doc, found)


# The words between an instrument and the mission or telescope it is on: "the Compact Imager on board the Lunar
# Orbiter Probe (LOP/CI)", "the Spectro-Polarimeter of the Solar Optical Telescope (SOT/SP)".
_PART_OF = frozenset({"of", "on", "onboard", "aboard", "board"})


def _part_of_pair(doc: Doc, first: Span, second: Span, opening: int) -> list[tuple[Span, Span]]:
    """A part and the whole it belongs to, their short forms written whole first: "the Spectro-Polarimeter of the
    Solar Optical Telescope (SOT/SP)" (fragments-o r12y-frag-07, both golds) defines SOT and SP. Both long forms
    must be found, each capitalised, or the pair defines nothing ("the ratio of the Signal to the Noise (S/N)")."""
    joiner = next((j for j in range(opening - 2, max(0, opening - 8), -1) if doc[j].lower_ in _PART_OF), None)
    if joiner is None or joiner < 2:
        return []
    whole_start = joiner + 2 if doc[joiner + 1].lower_ == "the" else joiner + 1
    of = joiner - 1 if doc[joiner].lower_ == "board" and doc[joiner - 1].lower_ == "on" else joiner
    letters = sum(c.isalpha() for c in second.text)
    pairs = []
    for short, candidate in ((first, doc[whole_start:opening]),
                             (second, doc[max(0, of - min(letters + 5, letters * 2)):of])):
        _, long_form = find_abbreviation(candidate, short)
        if long_form is None or not (long_form[0].is_title or long_form[0].is_upper) \
                or not all(t.is_title or t.is_upper or t.is_punct or doc[t.i - 1].text == "-" for t in long_form) \
                or sum(t.is_alpha for t in long_form) < 2:
            return []
        pairs.append((short, long_form))
    return pairs


def trim_quoted_long_forms(doc: Doc) -> None:
    """A long form in quotes ends before the closing quote: 'the "Lenses in the Kilo-Degree Survey" (LinKS)'.

    The detector reads the long form back from the parenthesis, so a quoted
    name keeps its closing quote; the offsets the candidate rules and the
    linker read (``abbreviation_tuples``) are trimmed, the detector's own spans
    left as scispaCy makes them.
    """
    tuples = abbreviation_tuples(doc)
    if not tuples:
        return
    trimmed = []
    for short_start, short_end, long_start, long_end in tuples:
        if long_start is not None and long_end - long_start >= 2 and doc[long_end - 1].text in _CLOSE_QUOTES:
            long_end -= 1
            if doc[long_start].text in _OPEN_QUOTES and long_end - long_start >= 2:
                long_start += 1
        trimmed.append((short_start, short_end, long_start, long_end))
    doc.user_data[ABBREVIATION_TUPLES] = trimmed


class CandidateRules:
    def __init__(self, nlp: Language, index: OntologyIndex) -> None:
        self.index = index
        self.vocab = nlp.vocab
        self.tokenizer = nlp.tokenizer
        self._memo: dict | None = None
        strings = nlp.vocab.strings
        words = index.ontology.candidate_words  # the vocabulary: rules/candidates.yaml
        self.head_types = words.head_types
        self.name_heads = frozenset(words.name_heads)
        self.product_heads = frozenset(words.product_heads)
        self.facility_nouns = frozenset(words.facility_nouns)
        self.generic_pipeline_words = frozenset(words.generic_pipeline_words)
        self.aperture_units = frozenset(words.aperture_units)
        self.telescope_makers = frozenset(words.telescope_makers)
        self.observing_network_words = frozenset(words.observing_network_words)
        self.organization_words = frozenset(words.organization_words)
        self.people_nouns = frozenset(words.people_nouns)
        self.weak_technique_heads = frozenset(words.weak_technique_heads)
        self.ml_words = frozenset(words.ml_words)
        self.stop_words = words.stop_set
        self.name_triggers = frozenset(words.name_triggers)
        self.dataset_heads = frozenset(words.dataset_heads)
        self.present_verbs = frozenset(words.present_verbs)
        self._object_verbs = self.present_verbs | frozenset(words.apposition_verbs)
        self.tool_name_words = frozenset(words.tool_name_words)
        self.not_a_tool_after = frozenset(words.not_a_tool_after)
        self.software_nouns = frozenset(words.software_nouns)
        self.facility_context_nouns = frozenset(words.facility_context_nouns)
        self.technique_after_definition = frozenset(words.technique_after_definition)
        self.software_after_definition = frozenset(words.software_after_definition)
        self.subtitle_openers = frozenset(words.subtitle_openers)
        self.use_verbs = frozenset(words.use_verbs)
        self.physical_model_words = frozenset(words.physical_model_words)
        self.data_system_words = frozenset(words.data_system_words)
        self.not_tool_words = frozenset(words.not_tool_words)
        self.slash_non_instruments = frozenset(words.slash_non_instruments)
        self.survey_context_nouns = frozenset(words.survey_context_nouns)
        # "Facilities:" opening a line (the AAS journals' facility keywords); the gate is the cue's stem
        cues = sorted({c.capitalize() for c in words.facility_line_cues} | set(words.facility_line_cues))
        # (or a sentence: text exported from a paper's page often joins the line to the acknowledgement before it)
        self._facility_line = re.compile(r"(?:^|\n|(?<=[.!?] ))[ \t]*(?:" + "|".join(map(re.escape, cues)) + r"):[ \t]*") \
            if cues else None
        self._facility_line_gate = tuple({c[:7].lower() for c in cues}) if cues else ()
        self.product_tool_nouns = frozenset(words.product_tool_nouns)
        # Ids of the trigger words' norms, to find them without a Token per position.
        self._head_norms = {strings.add(w) for w in self.name_heads | self.product_heads | {"pipeline", "network"}}
        self._trigger_norms = {strings.add(w) for w in self.name_triggers}
        self._challenge_norms = {strings.add(w) for w in words.challenge_nouns}
        self._tool_head_norms = {strings.add(w) for w in words.tool_heads}
        self._system_norms = {strings.add(w) for w in words.system_nouns}
        self._dataset_head_norms = {strings.add(w) for w in self.dataset_heads}
        self._before_name = {strings.add(w) for w in (",", ":", "(")}
        self._after_name = {strings.add(w) for w in (",", ")", ".", ";")}
        self._articles = {strings.add(w) for w in ("a", "an")}
        self._articles_text = frozenset({"a", "an"})
        self._comma = strings.add(",")
        self._full_stop = strings.add(".")
        self._clause_ends = {strings.add(w) for w in (",", *_SENTENCE_ENDS)}
        self._open = strings.add("(")
        # "We present AppleCiDEr (": a presenting verb, a few words, a parenthesis (most texts have none)
        self._presents_before_parenthesis = re.compile(  # a gate only: the rule reads the tokens
            "(?:"
            + "|".join(sorted(map(re.escape, {f for v in self.present_verbs for f in (v, v.capitalize())})))
            + r") [^\s()]+(?: [^\s()]+){0,2} \("
        )
        self._present_ids = numpy.array(sorted(strings.add(w) for w in self.present_verbs), dtype=numpy.uint64)
        self._title_marks = {strings.add(w) for w in TITLE_MARKS}
        # A short form and its facility's head noun in one parenthesis: "... of the CDFS and ES1 fields (VOICE survey)"
        facility_heads = sorted(w for w, label in self.head_types.items() if label in _FACILITY_LABELS)
        self._short_with_head = re.compile(
            r"\(([A-Z][A-Za-z0-9]{1,11}) (?:" + "|".join(map(re.escape, facility_heads)) + r")s?\)"
        ) if facility_heads else None
        self._verb_norms = {strings.add(w) for w in words.process_verbs}
        self._software_norm = strings.add("software")
        self._instrumental_ids = {strings.add(w) for w in _INSTRUMENTAL}
        self._in_id = strings.add("in")
        self._opener_ids = {strings.add(w) for w in _OPENER_WORDS}
        self._software_noun_ids = {strings.add(w) for w in self.software_nouns}
        self._tool_id = strings.add("tool")
        self._apposition_heads = self._tool_head_norms | self._dataset_head_norms
        self._opener_heads = self._tool_head_norms | {self._software_norm}
        self._architecture_id = strings.add("architecture")
        self._process_verbs = frozenset(words.process_verbs)
        self._model_nouns = frozenset({"classifier", "emulator"})
        self._tool_words = frozenset(words.tool_heads) | self.ml_words | frozenset(words.tool_name_words)
        self._tool_head_words = frozenset(words.tool_heads)
        self._tool_nouns = self.software_nouns | self.tool_name_words  # what a tool's subtitle ends in
        self._name_words: dict[str, list[str]] = {}  # a name's token texts, per name (names recur)
        self._as_written: dict[str, bool] = {}  # a name -> is it a concept's form as written (names recur)
        self._cues = numpy.array(
            sorted(
                self._head_norms
                | self._trigger_norms
                | self._challenge_norms
                | self._tool_head_norms
                | self._system_norms
                | self._verb_norms
                | {self._software_norm}
            ),
            dtype=numpy.uint64,
        )

    def _tokenize(self, text: str) -> Doc:
        return self.tokenizer(text)

    def cue_positions(self, doc: Doc) -> dict[int, int]:
        """Token index -> norm id of every token whose norm cues a rule, in one array pass."""
        norms = token_arrays(doc).column(NORM)
        slots = self._cues.searchsorted(norms)  # the array's methods: no numpy dispatch per call
        slots[slots == len(self._cues)] = 0
        hits = (self._cues[slots] == norms).nonzero()[0]
        return dict(zip(hits.tolist(), norms[hits].tolist()))

    @staticmethod
    def _positions(cues: dict[int, int], wanted: set[int]) -> list[int]:
        return [i for i, norm in cues.items() if norm in wanted]

    def find(self, doc: Doc) -> list[Span]:
        self._memo = {"doc": doc}  # what several rules read of this doc, read once
        text = doc.user_data.get(TEXT_KEY) or doc.text
        if "(" in text and _HYPHENATED_SHORT.search(text):
            add_hyphenated_definitions(doc, text)
        if "/" in text and "(" in text and _SLASH_PAIR.search(text):
            add_slash_pair_definitions(doc, text)
        if self._short_with_head is not None and "(" in text and self._short_with_head.search(text):
            self._add_short_with_head(doc, text)
        if '"' in text or "\u201d" in text:
            trim_quoted_long_forms(doc)
        try:
            return self._find(doc)
        finally:
            self._memo = None

    def _add_short_with_head(self, doc: Doc, text: str) -> None:
        """Definitions whose short form shares its parenthesis with its head noun: "the VST Optical Imaging of the
        CDFS and ES1 fields (VOICE survey)" (abstracts-g arXiv:2105.05602, both golds). The detector takes a
        parenthesis whose every word its long form spells; here the noun says what the short form names
        (:meth:`_label_after` reads it)."""
        found: list[tuple[Span, Span]] = []
        for hit in self._short_with_head.finditer(text):
            short = doc.char_span(hit.start(1), hit.end(1))
            if short is None or short.start < 2 or doc[short.start - 1].text != "(":
                continue
            letters = sum(c.isalpha() for c in short.text)
            candidate = doc[max(0, short.start - 1 - min(letters + 5, letters * 2)) : short.start - 1]
            _, long_form = find_abbreviation(candidate, short)
            if long_form is not None and len(long_form) > 1 and (long_form[0].is_title or long_form[0].is_upper):
                found.append((short, long_form))
        _add_definitions(doc, found)

    def _of_doc(self, doc: Doc, key: str, compute):
        """``compute(doc)``, once per doc while :meth:`find` runs."""
        memo = self._memo
        if memo is None or memo["doc"] is not doc:
            return compute(doc)
        if key not in memo:
            memo[key] = compute(doc)
        return memo[key]

    def _title_end(self, doc: Doc) -> int:
        return self._of_doc(doc, "title_end", title_end)

    def _lowers(self, doc: Doc) -> list[int]:
        return token_arrays(doc).values(LOWER)

    def _find(self, doc: Doc) -> list[Span]:
        cues = self.cue_positions(doc)
        spans: list[Span] = []
        untyped: set[str] = set()
        spans.extend(self._definitions(doc, untyped))
        if cues:
            spans.extend(self._typed_names(doc, cues))
        spans.extend(self._quoted_names(doc, cues))
        text = doc.user_data.get(TEXT_KEY) or doc.text
        if " run of " in text or " runs of " in text:
            spans.extend(self._simulation_runs(doc, text))
        if "_" in text:
            spans.extend(self._run_codes(doc, text))
            if "_v" in text:
                spans.extend(self._cadence_runs(doc, text))
        if " & " in text:
            spans.extend(self._products_of_two_authors(doc, text))
        named = self._named_tools(doc, cues)
        datasets = {s.text for s in named if s.label_ == "DATASET"}
        if datasets:  # "the ComPACT catalogue" is ComPACT, the catalogue's own name
            spans = [s for s in spans if not (s.id_ == "phrase" and s.label_ == "DATASET" and s[:-1].text in datasets)]
        spans.extend(named)
        spans.extend(self._software_in_context(doc, cues))
        if "+" in text:
            spans.extend(self._named_variants(doc, text))
        if "$" in text:
            spans.extend(self._names_with_math(doc, text))
        if "-" in text and "(" in text and _INITIALS_WITH_TAIL.search(text):
            spans.extend(self._initials_with_tail(doc, text))
        if "-I" in text:
            spans.extend(self._roman_releases(doc, text))
        if " (" in text:
            spans.extend(self._cited_tools(doc, text))
        if _APPOSITIVE.search(text):
            spans.extend(self._appositive_definitions(doc))
        if "(" in text and self._presents_before_parenthesis.search(text):
            presented = self._presented_before_long_form(doc)
            untyped -= {s.text for s in presented}  # presented as a name: a name whatever else defines it
            spans.extend(presented)
        if cues and " by " in text:
            spans.extend(self._product_made_by(doc, cues))
        if "-" in text:
            spans.extend(self._glued_to_architecture(doc, text))
        if "(" in text and (_INNER_CAPITAL.search(text) or self._named()):
            spans.extend(self._spelled_by_capitals(doc))
        if cues:
            spans.extend(self._named_after_data(doc, cues))
        spans.extend(self._facilities_in_context(doc))
        if self._facility_line is not None and ":" in text \
                and any(g in text or g.capitalize() in text for g in self._facility_line_gate):
            spans.extend(self._facility_keywords(doc, text))
        if "/" in text:
            spans.extend(self._instruments_after_slash(doc, text))
        spans.extend(self._missions_named_by_instruments(doc))
        if cues:
            spans.extend(self._data_systems(doc, cues))
        spans.extend(self._guarded_by_company(doc))
        spans.extend(self._tools_written_askew(doc, spans))
        untyped -= self._memo.get("named", set())
        if untyped:
            spans = [s for s in spans if not (s.id_ == "tool" and s.text in untyped)]
        spans.sort(key=lambda s: (s.start, -s.end, s.label_, s.kb_id_))
        return spans

    def _names_with_math(self, doc: Doc, text: str) -> list[Span]:
        """A coined name written with a symbol in TeX and a capitalised word glued to it, used as a name: "We present
        the $N$-fit algorithm ... $N$-Fit is a neural network model" (abstracts-h arXiv:2511.16614, both golds).

        The symbol is a letter or an index, no command ("$\\Lambda$CDM" is a cosmology); a capital outside it says
        it is a name ("$N$-body", "$k$-means", "$z$-band", "$\\chi^2$-fit" are words); the record writes it twice or
        more (any case), the capital in the abstract, the authors' name for their tool."""
        found = {m.group() for m in _MATH_NAME.finditer(text)}
        boundary = self._title_end(doc)
        abstract = text[doc[boundary].idx:] if 0 < boundary < len(doc) else text
        out: list[Span] = []
        for name in sorted(found):
            # the capital written in the abstract, not only in a title in Title Case ("the $H_0$-Tension")
            if name not in abstract or text.lower().count(name.lower()) < 2 or self.index.lookup(name):
                continue
            out.extend(span for span in self._occurrences(doc, name) if not self._is_known(doc, span.start, span.end))
            lowered = _MATH_NAME_LOWER.sub(lambda m: m.group().lower(), name)
            if lowered != name and lowered not in found:
                out.extend(self._occurrences(doc, lowered, cid=candidate_id(name)))
        return out

    def _initials_with_tail(self, doc: Doc, text: str) -> list[Span]:
        """A short form in parentheses after a known name, the name's initials and a capitalised word of what it
        holds: "Spitzer bubbles identified by the Milky Way Project (MWP-Bubble)" (abstracts-aa arXiv:2504.03367, both
        golds: "MWP-Bubble", "MWP-Bubbles" DATASET) names the part of that data set (or survey) the word says, of the
        known name's type; the detector finds no definition in it (its tail is spelled nowhere in the name)."""
        out: list[Span] = []
        known = {e: (s, label) for s, e, label, *_ in match_tuples(doc, MATCHES)}
        for hit in _INITIALS_WITH_TAIL.finditer(text):
            short = doc.char_span(hit.start(1), hit.end(1))
            if short is None or short.start < 2 or doc[short.start - 1].text != "(":
                continue
            before = known.get(short.start - 1)
            initials = hit.group(2)
            if before is None or before[1] not in ("DATASET", "SURVEY"):
                continue
            words = [t for t in doc[before[0] : short.start - 1] if t.is_alpha and not t.is_lower]
            if "".join(t.text[0] for t in words) != initials:
                continue
            name = short.text
            out.extend(self._occurrences(doc, name, before[1]))
            out.extend(self._occurrences(doc, name + "s", before[1], candidate_id(name)))
        return out

    def _named_variants(self, doc: Doc, text: str) -> list[Span]:
        """A method or a defined name with a "+" glued after it is the authors' named variant of it, a tool: "our
        GAT+ model" after "graph attention network (GAT)" (abstracts-y arXiv:2512.05909, both golds), "WSA+" after
        "Wang-Sheeley-Arge (WSA)" (abstracts-x arXiv:2509.06181, both golds).

        The base is a known method or tool, or a short form the record defines ("HCO+" and "N2H+" are ions, no
        base of the kind); a "+" between two names ("CNN+LSTM") joins them, no variant.
        """
        out: list[Span] = []
        for found in _PLUS_NAME.finditer(text):
            span = doc.char_span(found.start(), found.end())
            if span is None or len(span) != 1 or self.index.lookup(span.text):
                continue  # "ForSE+", "Pantheon+": known, with their own type
            base = found.group(1)
            if self._variant_base(doc, base):
                out.extend(self._occurrences(doc, span.text))
            elif self._upgraded_instrument(doc, base):
                out.extend(self._occurrences(doc, span.text, label="TELESCOPE"))
        return out

    def _upgraded_instrument(self, doc: Doc, base: str) -> bool:
        """Is ``base`` an instrument whose telescope the record names: "observed with OSIRIS+ on the Gran Telescopio
        Canarias (GTC)" (fragments-p r13d-frag-03, both golds) is the upgraded OSIRIS of the GTC, as CRIRES+ is
        the VLT's CRIRES; "HCO+" has no instrument of that name."""
        owners = self._instrument_owners.get(base)
        return bool(owners) and any(m[3] in owners for m in match_tuples(doc, MATCHES))

    @cached_property
    def _instrument_owners(self) -> dict[str, frozenset[str]]:
        """Every written form of an instrument (those that need a definition too) -> the facilities it is of."""
        out: dict[str, set[str]] = {}
        for concept in self.index.ontology:
            owners = concept.relations.get("instrument_of", ()) if concept.type == "TELESCOPE" else ()
            for form in surface_forms(concept) if owners else ():
                out.setdefault(form.text, set()).update(owners)
        return {k: frozenset(v) for k, v in out.items()}

    def _roman_releases(self, doc: Doc, text: str) -> list[Span]:
        """A code's release written with a Roman numeral that the ontology knows with a digit: "evolved with
        Gadget-III" (fragments-m r11y-frag-08, both golds) is the code of "Gadget-3". The release makes a
        name of a word that alone is common ("gadget"); "Class-II" or "Phase-III" have no numbered code."""
        out: list[Span] = []
        for found in _ROMAN_RELEASE.finditer(text):
            span = doc.char_span(found.start(), found.end())
            if span is None or self.index.lookup(span.text) or self._is_known(doc, span.start, span.end):
                continue
            digit = f"{found.group(1)}-{_ROMAN_DIGITS[found.group(2)]}"
            tools = [c for c in self.index.lookup(digit) if (k := self.index.concept(c)) and k.type == "SOFTWARE"]
            if len(tools) == 1:
                out.append(Span(doc, span.start, span.end, label="SOFTWARE", kb_id=tools[0], span_id="tool"))
        return out

    def _variant_base(self, doc: Doc, base: str) -> bool:
        """Is ``base`` a known method or tool, or a short form defined in the record?"""
        for cid in self.index.lookup(base):
            concept = self.index.concept(cid)
            if concept is not None and concept.type in ("TECHNIQUE", "SOFTWARE") and not concept.generic:
                return True
        for s, e, label, *_ in match_tuples(doc, MATCHES):
            if label in ("TECHNIQUE", "SOFTWARE") and doc[s:e].text == base:
                return True
        return any(doc[s:e].text == base for s, e, long_start, _ in abbreviation_tuples(doc) if long_start is not None)

    def _simulation_runs(self, doc: Doc, text: str) -> list[Span]:
        """A named run of a known simulation is a data set: "the Ref-L0100N1504 run of EAGLE"."""
        out: list[Span] = []
        if " run" not in text:  # "runs? of ", found without trying a name at every word
            return out
        known = {s: label for s, e, label, *_ in match_tuples(doc, MATCHES)}
        for found in _RUN_OF.finditer(text):
            name = doc.char_span(found.start(1), found.end(1))
            after = doc.char_span(found.end(), found.end() + 1, alignment_mode="expand")
            if name is None or after is None or not name_shaped(name.text.replace("-", "")):
                continue
            owner = after.start + 1 if after[0].lower_ == "the" else after.start
            if (
                known.get(owner) == "DATASET"
                and not self.index.lookup(name.text)
                and not self._is_known(doc, name.start, name.end)
            ):
                out.append(
                    Span(doc, name.start, name.end, label="DATASET", kb_id=candidate_id(name.text), span_id="phrase")
                )
        return out

    def _run_codes(self, doc: Doc, text: str) -> list[Span]:
        """A run's code written alone before a run's noun, in a record that names a simulation suite, is a run of
        it: "the FLAMINGO suite ..., in particular the fiducial L1_m9 box" (fragments-n r12d-frag-15, both golds).
        The candidate is named with the suite written last before it ("FLAMINGO L1_m9"), as the code after the
        suite's name is (pipeline/linking.py)."""
        extent = self.index.extent
        suites = [(s, e) for s, e, label, cid, *_ in match_tuples(doc, MATCHES)
                  if label == "DATASET" and (c := self.index.concept(cid)) is not None and c.kind == "simulation"]
        if extent is None or not suites:
            return []
        out: list[Span] = []
        for start_char, end_char in extent.run_codes(text):
            code = doc.char_span(start_char, end_char)
            if code is None or self.index.lookup(code.text) or self._is_known(doc, code.start, code.end):
                continue
            before = [se for se in suites if se[1] <= code.start]
            s, e = before[-1] if before else suites[0]
            name = f"{doc[s:e].text} {code.text}"
            out.append(Span(doc, code.start, code.end, label="DATASET", kb_id=candidate_id(name), span_id="phrase"))
        return out

    def _cadence_runs(self, doc: Doc, text: str) -> list[Span]:
        """A survey simulator's run, named in snake case with its version before a run's or a cadence's noun, is a
        data set: "the baseline_v3.4 cadence simulation of the Rubin Observatory" (fragments-p r13d-frag-12, both
        golds), "the baseline_v2.0_10yrs run"; a version glued to a word alone ("model_v2 file") is no run."""
        out: list[Span] = []
        for found in _CADENCE_RUN.finditer(text):
            span = doc.char_span(found.start(1), found.end(1))
            if span is not None and not self._is_known(doc, span.start, span.end):
                out.append(Span(doc, span.start, span.end, label="DATASET", kb_id=candidate_id(span.text),
                                span_id="phrase"))
        return out

    def _products_of_two_authors(self, doc: Doc, text: str) -> list[Span]:
        """A data product named by its two authors, what it holds in a few words, and a data-product noun is one
        data set: "the Robbins & Hynek Mars crater database" (fragments-n r12d-frag-11, both golds), "the Robbins &
        Hynek global crater database" (fragments-b tune-fragment-10), "the Ritter & Kolb catalogue". Two names and an
        ampersand before any other words are a journal, a firm or a citation ("Astronomy & Astrophysics", "Smith &
        Jones found", "Hunt & Reffert (2023) catalogue")."""
        out: list[Span] = []
        for found in _AUTHOR_PAIR.finditer(text):
            pair = doc.char_span(found.start(), found.end())
            if pair is None or self.index.lookup(found.group(1)) or self.index.lookup(found.group(2)):
                continue
            for i in range(pair.end, min(pair.end + _PRODUCT_WORDS + 1, len(doc))):
                word = doc[i]
                # "drawn from the Ritter & Kolb catalogue (final edition, RKcat 7.24)" (fragments-p r13d-frag-03, both
                # golds): after "the", the catalogue's noun may follow the two names at once
                if word.norm_ in self.dataset_heads and (
                    i > pair.end or (word.norm_ == "catalog" and pair.start and doc[pair.start - 1].lower_ == "the")
                ):
                    name = doc[pair.start:i + 1].text
                    # known by its first author's name too: "Robbins Mars crater database"
                    known = sorted(c for form in (name, f"{found.group(1)} {doc[pair.end:i + 1].text}")
                                   for c in self.index.lookup(form)
                                   if (concept := self.index.concept(c)) is not None and concept.type == "DATASET")
                    out.append(Span(doc, pair.start, i + 1, label="DATASET", kb_id=known[0] if known else candidate_id(name),
                                    span_id="phrase"))
                    break
                if not word.is_alpha or word.lower_ in self.stop_words:
                    break
        return out

    def _quoted_names(self, doc: Doc, cues: dict[int, int]) -> list[Span]:
        """A quoted name after "dubbed"/"called": 'an approach, dubbed "Residual-to-Residual DNN series for ..."'.

        The quotes bound the name, so it may hold words in lower case and known
        names ("DNN"): the whole is the authors' method, a SOFTWARE name. A quoted
        name after a challenge noun names the challenge's data set (see
        :meth:`_quoted_challenges`).
        """
        out: list[Span] = self._quoted_challenges(doc, cues)
        n = len(doc)
        for name in self._quoted_after(doc, cues, self._trigger_norms):
            close = name.end
            if not (name[0].is_title or name[0].is_upper or name_shaped(name[0].text)) or self.index.lookup(name.text):
                continue
            # A quoted long form before its short form is typed as the definition is ('dubbed "Lenses in the
            # Kilo-Degree Survey" (LinKS)' is a sample, a DATASET); a method's name is the authors' tool.
            label = None
            if close + 1 < n and doc[close + 1].text == "(":
                label = self._sample_in(name) or self._definition_label(name)
            if label in (None, "TECHNIQUE"):
                label = "SOFTWARE"
            out.append(
                Span(doc, name.start, name.end, label=label, kb_id=candidate_id(name.text), span_id="definition")
            )
        return out

    def _quoted_after(self, doc: Doc, cues: dict[int, int], norms: set[int]) -> Iterator[Span]:
        """The words between quotes opened right after a cue word ('dubbed "..."', 'competition "..."'), at most
        a dozen of them."""
        n = len(doc)
        for i in self._positions(cues, norms):
            if i + 3 >= n or doc[i + 1].text not in _OPEN_QUOTES:
                continue
            close = next((j for j in range(i + 3, min(n, i + 16)) if doc[j].text in _CLOSE_QUOTES), None)
            if close is not None:
                yield doc[i + 2 : close]

    def _quoted_challenges(self, doc: Doc, cues: dict[int, int]) -> list[Span]:
        """A quoted title after a challenge noun is the challenge's data set: 'the Kaggle competition "IceCube -
        Neutrinos in Deep Ice"', 'the data challenge "Strong Lens Finding ..."' (GUIDELINE: challenge and
        benchmark data sets are DATASET), and so is every other use of the name, the title's included.

        The quotes bound the name; its words are capitalised as a title is (joining words aside), so a phrase
        in quotes ('the challenge, "what to observe next"') is none.
        """
        out: list[Span] = []
        for name in self._quoted_after(doc, cues, self._challenge_norms):
            words = [t for t in name if not t.is_punct]
            if (
                not words
                or not all(
                    t.is_title or t.is_upper or t.like_num or name_shaped(t.text) or (t.is_stop and t is not words[0])
                    for t in words
                )
                or self.index.lookup(name.text)
            ):
                continue
            out.extend(self._occurrences(doc, name.text, "DATASET"))
        return out

    # -- rule one: definitions -------------------------------------------------

    def _definitions(self, doc: Doc, untyped: set[str] | None = None) -> list[Span]:
        """Candidates from definitions; ``untyped`` collects the short forms whose long form names no entity."""
        out: list[Span] = []
        seen: set[tuple[int, int]] = set()
        untyped = set() if untyped is None else untyped
        boundary = self._title_end(doc)
        for short_start, short_end, long_start, long_end in abbreviation_tuples(doc):
            again = False
            if boundary and long_start is not None and long_end <= boundary < short_start:
                first = long_start
                long_start, long_end = self._defined_again(doc, short_start, long_start, long_end)
                again = long_start != first
            if long_start is None or (long_start, long_end) in seen:
                continue
            seen.add((long_start, long_end))
            if crosses_sentence(doc, long_start, long_end):
                continue
            long_start = definition_start(doc, doc[short_start:short_end].text, long_start, long_end)
            # the type is read with the method's noun ("framework" is a tool's), the name is written without it
            name_end = self._unspelled_tail_end(doc, doc[short_start:short_end].text, long_start, long_end)
            long = doc[long_start:long_end]
            if self.index.lookup(long.text) or two_facilities(match_tuples(doc, MATCHES), long.start, long.end):
                continue  # "Hubble Space Telescope Advanced Camera for Surveys (HST-ACS)": the two known names
            # A known short form keeps its concept when the long form is typed as it is ("StarGRU network
            # (StarGRUNet)"): the long form is that concept written out.
            known_short = {
                (m[3], m[2])
                for m in match_tuples(doc, MATCHES)
                if m[0] == short_start and m[1] == short_end and not self.index.rules[m[4]].requires_definition
            }
            label = (
                self._sample_in(long)
                or self._definition_label(long)
                or self._label_after(doc, long)
                or self._label_before_preposition(long)
            )
            # "conformalised quantile regression (CQR)": a kind of the known method it ends with, unless the
            # rules below make it the authors' own model or tool
            inner = self._technique_at_edge(doc, long) if label is None else None
            if label in (None, "TECHNIQUE") and (
                self._presented(doc, doc[short_start:short_end], long)
                or (label == "TECHNIQUE" and self._model_name(long))
            ):
                # "We present SCREAM (Stream ChaRacterization with ... Learning)", "Galaxy Assembly
                # and Interaction Neural Networks (GAINN)": the authors' model, a named tool.
                label = "SOFTWARE"
            if label is None and self._tool_name(long):
                label = "SOFTWARE"
            if (
                label is None
                and self._learning_method(long)
                and self._presented(doc, doc[short_start:short_end], long, lower_ok=True)
            ):
                label = "SOFTWARE"  # "We introduce machine learning for cross-correlation spectroscopy (MLCCS)"
            if label is None and self._coined_own(doc, doc[short_start:short_end], long):
                label = "SOFTWARE"  # "our novel implementation of a normalizing flow for time series (FloTS)"
            if label is None and inner is not None:
                label = "SOFTWARE" if self._model_name(long) else "TECHNIQUE"
            if label is None and self._learning_method_defined(doc, long):
                label = "TECHNIQUE"
            if label == "TECHNIQUE" and self._titled(doc, long):
                label = "SOFTWARE"  # "Point Proposal Network: Accelerating ..." names the authors' model
            if label == "TECHNIQUE" and any(
                _MIXED_CASE.match(t.text) and not self._is_known(doc, t.i, t.i + 1) for t in long[:-1]
            ):
                label = "SOFTWARE"  # "StarGRU network (StarGRUNet)": a family named after a coined word is a model
            if label == "TECHNIQUE" and long[-1].text in _COINED_HEADS:
                label = "SOFTWARE"  # "CNN_Attention_LSTM Net (CALNet)": "Net" ends a model's name, "network" a family
            if label == "TECHNIQUE" and self._coined_net(doc[short_start:short_end]) and self._of_the_sky(long):
                # "a novel intelligent quasar continuum neural network (iQNet)" (abstracts-z arXiv:2006.04814), "Planet
                # Gap neural Networks (PGNets)" (arXiv:2111.15196), both golds: a network the authors named after what
                # it is for, written in lower case, is their model as "Galaxy Spectra Networks (GaSNet)" is
                label = "SOFTWARE"
            if (
                label in (None, "TECHNIQUE")
                and not known_short  # "Magellan Adaptive Optics eXtreme (MagAO-X)" is the known instrument
                and self._spelled_inside(doc[short_start:short_end].text, long)
            ):
                # "CME Automatic detection and tracking with MachinE Learning (CAMEL)" (arXiv:1907.08798): a
                # capital put inside a word to spell the short form makes the long form a coined name, the
                # authors' tool, whatever method word it ends in
                label = "SOFTWARE"
            if label is None and self._capitalized(long) and self._apposed_to_tool(doc, long):
                label = "SOFTWARE"
            if label is None and self._capitalized(long):
                label = self._label_by_company(doc, long)
            if label == "TELESCOPE" and not known_short and self._kind_with_article(doc, long.start):
                # "a simple Shack-Hartmann Sensor (SHS) based AO system" (abstracts-e arXiv:2104.13685, both golds):
                # an instrument's kind, named with an indefinite article, is no one facility
                untyped.add(doc[short_start:short_end].text)
                continue
            expanded = None
            if label is None and all(any(c.isupper() for c in t.text) for t in long if t.is_alpha and not t.is_stop) \
                    and not any(t.lower_ in self.organization_words for t in long):
                # every word of the name carries a capital, "eXtreme" too; an organisation's name spelling a facility's
                # short form is the organisation's ("Centro Astronómico Hispano-Alemán (CAHA)", fragments-n
                # r12d-frag-08, both golds: the centre that runs Calar Alto)
                expanded = self._facility_written_out(doc[short_start:short_end].text, long, known_short)
                label = expanded[1] if expanded else None
            if label is None:
                if not self._tool_like(long):
                    # "digital terrain model (DTM)", "star formation rates (SFRs)", "Search for Extraterrestrial
                    # Intelligence (SETI)": the short form of no entity, so no list, verb or apposition around it
                    # makes it a tool's name (see ``_find``)
                    untyped.add(doc[short_start:short_end].text)
                out.extend(self._owned_instrument(doc, doc[short_start:short_end], long))
                continue
            one = next(iter(known_short)) if len(known_short) == 1 else None  # one concept of that form, no choice
            long = doc[long_start:name_end]
            cid = (
                one[0]
                if one is not None and one[1] == label and (expanded or self._written_out(long.text, one[0]))
                else candidate_id(long.text)
            )
            if inner is not None and label == "TECHNIQUE" and cid.startswith("candidate:"):
                doc.user_data.setdefault(CANDIDATE_BROADER, {})[cid] = inner
            if label == "TECHNIQUE" and self._memo is not None:
                # the short form of a kind of network: no apposition to "network" makes it a tool's name
                self._memo.setdefault("technique_shorts", set()).add(doc[short_start:short_end].text)
            out.append(Span(doc, long.start, long.end, label=label, kb_id=cid, span_id="definition"))
            if again:
                # the linker knows the title's definition, which names nothing: the short form's uses are written here
                untyped.discard(doc[short_start:short_end].text)
                out.extend(self._occurrences(doc, doc[short_start:short_end].text, label, cid))
            if label in _REWRITTEN_LABELS and cid.startswith("candidate:") and len(long) > 1:
                # The name the record defines, written again without its short form: "SPT: Spectral Transformer for
                # Red Giant Stars ..." in the title of "a novel framework, Spectral Transformer (SPT)" (abstracts-z
                # arXiv:2401.04900, both golds) is the one name, not the transformer inside it.
                out.extend(
                    Span(doc, s.start, s.end, label=label, kb_id=cid, span_id="definition")
                    for s in self._occurrences(doc, long.text, label, cid)
                    if s.start != long.start
                )
            if label == "SOFTWARE":
                # "SPOCK 2.0" (abstracts-w arXiv:2501.15017): the linker writes the short form's uses, and a use
                # with its release number after it is the longer name, the release part of the tool's name
                short = doc[short_start:short_end]
                out.extend(
                    Span(doc, s.start, s.end + 1, label=label, kb_id=cid, span_id="tool")
                    for s in self._occurrences(doc, short.text, cid=cid)
                    if s.end < len(doc) and _VERSION.match(doc[s.end].text) and doc[s.start].text == short[0].text
                )
        return out

    @staticmethod
    def _defined_again(doc: Doc, short_start: int, long_start: int, long_end: int) -> tuple[int, int]:
        """The long form of a short form defined in the title and again in the abstract, where the abstract writes
        it: "Dark from light (DfL): Inferring ..." and "We present Dark from Light (DfL) - a novel method" (abstracts-ac
        arXiv:2507.00351, both golds). The definition read is the first, the title's, whose Title Case says nothing
        and whose words are not what the abstract says of the name; a use without brackets keeps the title's."""
        size = long_end - long_start
        start = short_start - 1 - size
        if start < 0 or doc[short_start - 1].text != "(" or short_start + 1 >= len(doc) or \
                doc[short_start + 1].text != ")":
            return long_start, long_end
        if [t.lower_ for t in doc[start : short_start - 1]] != [t.lower_ for t in doc[long_start:long_end]]:
            return long_start, long_end
        return start, short_start - 1

    def _owned_instrument(self, doc: Doc, short: Span, long: Span) -> list[Span]:
        """The uses of a short form defined by an instrument's kind in lower case that a named facility owns:
        "Solar Orbiter's magnetometer (MAG)", "the MAVEN magnetometer (MAG)", "the magnetometer (MAG) on board
        Juno" (fragments-n r12d-frag-10, both golds: "MAG", the kind alone no name). The short form names that
        facility's instrument; ``long`` alone stays untagged (GUIDELINE: generic words are no entity)."""
        letters = short.text
        words = [t for t in long if t.text != "-"]
        if not (len(short) == 1 and letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6) \
                or not 1 <= len(words) <= 4 or not all(t.is_lower and t.is_alpha for t in words) \
                or self.head_types.get(words[-1].norm_) != "TELESCOPE":
            return []
        owner = self._instrument_owner(doc, long)
        if owner is None:
            return []
        concept = self.index.concept(owner)
        cid = candidate_id(f"{concept.label if concept else owner} {letters}")
        # tier 1 in the linker: an instrument the ontology knows by this short form, and whose mission the text
        # names, is taken first
        return [Span(doc, s.start, s.end, label="TELESCOPE", kb_id=cid, span_id="owned")
                for s in self._occurrences(doc, letters, "TELESCOPE", cid)]

    def _instrument_owner(self, doc: Doc, long: Span) -> str | None:
        """The known facility whose instrument a lower-case long form names: written before it, possessive or
        not ("Solar Orbiter's magnetometer", "the ACE magnetometer"), or after its short form ("... (MAG) on
        board Juno", "... (MAG) of the MAVEN mission")."""
        rules = self.index.rules
        facilities = [m for m in match_tuples(doc, MATCHES) if m[2] == "TELESCOPE" and not rules[m[4]].requires_definition]
        if not facilities:
            return None
        before = long.start
        if before >= 2 and doc[before - 1].text in ("'s", "’s"):
            before -= 1
        owner = next((m[3] for m in facilities if m[1] == before), None)
        if owner is not None:
            return owner
        close = self._definition_close(doc, long)
        if close is None:
            return None
        j = close + 1
        while j < len(doc) and j - close <= 3 and doc[j].lower_ in ("on", "onboard", "aboard", "board", "of", "the"):
            j += 1
        if j == close + 1:
            return None
        return next((m[3] for m in facilities if m[0] == j), None)

    @staticmethod
    def _kind_with_article(doc: Doc, start: int) -> bool:
        """Is the long form starting at ``start`` said with an indefinite article, at most two lower-case words
        between ("a simple Shack-Hartmann Sensor")?"""
        j = start - 1
        while j >= 0 and start - j <= 3 and doc[j].is_lower and doc[j].is_alpha:
            if doc[j].lower_ in ("a", "an"):
                return True
            j -= 1
        return False

    def _technique_at_edge(self, doc: Doc, long: Span) -> str | None:
        """The known technique a defined long form starts or ends with and extends, so that the whole long form
        is a kind of it: "conformalised quantile regression (CQR)" (abstracts-u arXiv:2307.04993), "synthetic
        minority over-sampling technique for regression with Gaussian noise (SMOGN)" (arXiv:2201.06054).

        An umbrella term inside says nothing of what the named thing is ("... Artificial Intelligence (ACAI)"),
        and words that only describe the method make no name of their own ("deep convolutional neural
        network (DCNN)": the guideline drops "deep").
        """
        extent = self.index.extent
        descriptive = extent.descriptive_word_set if extent is not None else frozenset()
        rules = self.index.rules
        for s, e, label, cid, rule_index in match_tuples(doc, MATCHES):
            if label != "TECHNIQUE" or not (long.start <= s < e <= long.end) or (s, e) == (long.start, long.end):
                continue
            if s != long.start and e != long.end:
                continue
            concept = self.index.concept(cid)
            if concept is None or concept.generic or rules[rule_index].requires_definition:
                continue
            if e < long.end and doc[e].lower_ not in _VARIANT_PREPOSITIONS:
                continue  # "model-based RL problem (MBRL)", "hierarchical clustering to classify ...": no variant
            extra = [t for t in (*doc[long.start:s], *doc[e:long.end]) if t.is_alpha and not t.is_stop]
            if extra and not all(t.lower_ in descriptive for t in extra):
                return cid
        return None

    @staticmethod
    def _facility_written_out(
        short: str, long: Span, known_short: set[tuple[str, str]]
    ) -> tuple[str, str] | None:
        """The one known facility a capitalised long form spells out: "Magellan Adaptive Optics eXtreme
        (MagAO-X)" (arXiv:2503.16690) is the instrument MagAO-X, not the Magellan telescopes. The short
        form's letters run, in order, through the long form's words from its first letter; a lower-case
        description ("digital terrain model (DTM)") never gets here."""
        if len(known_short) != 1:
            return None
        cid, label = next(iter(known_short))
        if label not in _FACILITY_LABELS:
            return None
        letters = [c for c in short.lower() if c.isalnum()]
        words = [t.lower_ for t in long if t.is_alpha]
        if not letters or not words or letters[0] != words[0][0]:
            return None
        joined = iter("".join(words))
        return (cid, label) if all(c in joined for c in letters) else None

    def _sample_in(self, long: Span) -> str | None:
        """DATASET for a sample of objects named by where they were found: "Lenses in the Kilo-Degree Survey
        (LinKS)", "Lenses In VoicE (LIVE)": a capitalised plural, then "in"/"from", then a name."""
        words = [t for t in long if not t.is_punct]
        if len(words) < 3 or words[1].lower_ not in ("in", "from"):
            return None
        first = words[0]
        if not (first.is_title and first.is_alpha and len(first) > 3 and first.lower_.endswith("s")):
            return None
        if first.norm_ == first.lower_ or first.norm_ in self.head_types:
            return None  # not a plural ("Analysis"), or a kind of facility or tool ("Surveys in ...")
        rest = [t for t in words[2:] if not t.is_stop]
        return "DATASET" if rest and all(t.is_title or t.is_upper or name_shaped(t.text) for t in rest) else None

    def _written_out(self, long_text: str, concept_id: str) -> bool:
        """Is the long form a concept's name written another way: most words and an edge word shared
        ("Widefield Infrared Survey Explorer"), or its letters run on into the name ("StarGRU network" is
        StarGRUNet)? "Cosmic Noise Network (CNN)" is not the CNN."""
        concept = self.index.concept(concept_id)
        if concept is None:
            return False
        forms = [concept.label] + [a.text for a in concept.aliases]
        joined = re.sub(r"[^a-z0-9]", "", long_text.lower())
        if any(len(f) >= 6 and joined.startswith(re.sub(r"[^a-z0-9]", "", f.lower())) for f in forms):
            return True
        ordered = [w for w in alias_key(long_text).split() if w not in self.stop_words and w.isalnum()]
        known = {w for form in forms for w in alias_key(form).split()}
        return (
            bool(ordered)
            and (ordered[0] in known or ordered[-1] in known)
            and len(set(ordered) & known) / len(set(ordered)) >= 0.5
        )

    def _coined_own(self, doc: Doc, short: Span, long: Span) -> bool:
        """Is the short form coined (capitals inside a word of lower case: "FloTS", "AnaCal"; not "CNNs") for
        something the authors say is their own ("our novel implementation of ...", "we propose ...")?"""
        text = short.text.removesuffix("s")
        if not (len(short) == 1 and _MIXED_CASE.match(text)):
            return False
        j = long.start
        while j > 0 and long.start - j < 8 and doc[j - 1].text not in _SENTENCE_ENDS:
            j -= 1
            if doc[j].lower_ in _AUTHORS_OWN or doc[j].lower_ in self.present_verbs:
                return True
        return False

    def _tool_like(self, long: Span) -> bool:
        """Could an untyped long form still name a tool: capitalised, with a tool's or a learning word in it
        ("CME Arrival Time Prediction Using Machine learning Algorithms (CAT-PUMA)")?

        A common-noun phrase ("crater detection algorithm", "eclipsing binary systems") or a capitalised
        name of something else ("Search for Extraterrestrial Intelligence") cannot.
        """
        words = [t for t in long if t.is_alpha and not t.is_stop]
        if sum(t.is_title or t.is_upper for t in words) < max(2, len(words) - 1):
            return False
        return any(t.norm_ in self._tool_words for t in words)

    def _appositive_definitions(self, doc: Doc) -> list[Span]:
        """A definition written as an apposition: "SESHAT, the Stellar Evolutionary Stage Heuristic Assessment Tool".

        The capitalised words after the comma (and an article) spell the name
        before it with their initials, as a long form spells its short form in
        parentheses; the pair is typed by the long form's head like any definition.
        """
        arrays = token_arrays(doc)
        orths = arrays.column(ORTH)
        capital = orths != arrays.column(LOWER)  # a capital in the word
        capital = numpy.append(capital, [False, False])
        commas = (orths[1:] == self._comma).nonzero()[0]  # index of the word before each comma
        # the word before has a capital, and so has the word after the comma or after its article: few are left
        commas = commas[capital[commas] & (capital[commas + 2] | capital[commas + 3])]
        if not len(commas):
            return []
        out: list[Span] = []
        n = len(doc)
        for c in (commas + 1).tolist():
            if c + 3 >= n:
                continue
            name = doc[c - 1]
            letters = [ch for ch in name.text if ch.isalpha()]
            if not (name.is_upper and 3 <= len(letters) <= 10 and len(letters) == len(name.text)):
                continue
            j = c + 2 if doc[c + 1].lower_ in ("the", "a", "an") else c + 1
            initials: list[str] = []
            end = j
            while end < n and len(initials) < len(letters):
                word = doc[end]
                if word.is_stop and word.is_lower and initials and end + 1 < n and doc[end + 1].is_title:
                    end += 1  # "Galaxy Assembly and Interaction ...": a joining word inside the name
                    continue
                if not (word.is_alpha and (word.is_title or word.is_upper)):
                    break
                initials.append(word.text[0].upper())
                end += 1
            if (
                initials != [ch.upper() for ch in letters]
                or self.index.lookup(name.text)
                or self._is_known(doc, c - 1, c)
                or self.index.lookup(doc[j:end].text)
            ):
                continue
            long = doc[j:end]
            label = self._definition_label(long) or self._label_before_preposition(long)
            if label is None:
                continue
            out.extend(self._defined_with_uses(doc, long, name.text, label))
        return out

    def _defined_with_uses(self, doc: Doc, long: Span, short: str, label: str) -> list[Span]:
        """A long form the record defines, and every use of its short form, under one candidate id."""
        cid = candidate_id(long.text)
        return [
            Span(doc, long.start, long.end, label=label, kb_id=cid, span_id="definition"),
            *(Span(doc, s.start, s.end, label=label, kb_id=cid, span_id="tool") for s in self._occurrences(doc, short, label)),
        ]

    def _present_verbs_at(self, doc: Doc) -> list[int]:
        """Positions of the presenting verbs ("present", "propose", ...), in one pass, no per-token Python."""
        lowers = token_arrays(doc).column(LOWER)
        slots = self._present_ids.searchsorted(lowers)  # as ``cue_positions``
        slots[slots == len(self._present_ids)] = 0
        return (self._present_ids[slots] == lowers).nonzero()[0].tolist()

    def _presented_before_long_form(self, doc: Doc) -> list[Span]:
        """A coined name the authors present, its long form after it in parentheses: "We present AppleCiDEr
        (Applying Multimodal Learning to Classify Transient Detections Early)", "We present GS3 Hunter
        (Galactic-Seismology Substructures and Streams Hunter)".

        scispaCy's detector takes a short form of one token under ten characters
        only; the same Schwartz & Hearst match is asked of a name the verb presents.
        """
        verbs = self._present_verbs_at(doc)
        if not verbs:
            return []
        arrays = token_arrays(doc)
        opens = (arrays.column(ORTH) == self._open).nonzero()[0].tolist()
        out: list[Span] = []
        n = len(doc)
        for o in opens:
            start = next((v + 1 for v in reversed(verbs) if o - 4 <= v <= o - 2), None)
            if start is None:
                continue
            close = next((j for j in range(o + 2, min(n, o + 24)) if doc[j].text == ")"), None)
            if close is None:
                continue
            name, long = doc[start:o], doc[o + 1 : close]
            # "Otter (Orbital Tracking of Transients with ...)"; "FLARE (Flare detection via physics-informed
            # Learning, Anomaly scoring, and Recognition Engine)" (abstracts-w arXiv:2604.08196): the capitals
            # that open the long form's words spell the name, words in lower case between them
            spelled = _spelled_word(name, long) or _spelled_by_initials(name, long)
            if (
                not (spelled or name_shaped(name.text.replace(" ", "")))
                or (
                    not spelled
                    and not all(t.is_title or t.is_upper or t.is_stop or t.text == "-" or name_shaped(t.text) for t in long)
                )
                or self.index.lookup(name.text)
                or self._is_known(doc, start, o)
            ):
                continue
            _, found = (None, long) if spelled else find_abbreviation(long, name)
            if found is None and any(c.isdigit() for c in name.text):
                # "GS3 Hunter (Galactic-Seismology Substructures and Streams Hunter)": a digit counts a letter
                # ("S3": three S's), which no long form spells; the letters must still be spelled
                _, found = find_abbreviation(long, self._tokenize(re.sub(r"[0-9]", "", name.text))[:])
            if found is None or found.start != long.start:
                continue
            cid = candidate_id(long.text)
            out.append(Span(doc, long.start, long.end, label="SOFTWARE", kb_id=cid, span_id="definition"))
            out.extend(
                Span(doc, s.start, s.end, label="SOFTWARE", kb_id=cid, span_id="tool")
                for s in self._occurrences(doc, name.text)
            )
        return out

    def _product_made_by(self, doc: Doc, cues: dict[int, int]) -> list[Span]:
        """The code a data product was made by: "the simulation generated by CRIME." (abstracts-u arXiv:2506.06386).

        A product head ("simulation", "catalog"), a processing verb, "by", and one coined or all-capitals word
        that ends the phrase and is no known name: the agent of making a simulation is its code (not "the
        emission generated by AGN", where no product is made, nor "generated by the WALLABY pipeline").
        """
        names: set[str] = set()
        n = len(doc)
        for v in self._positions(cues, self._verb_norms):
            j = v + 2
            if not (v >= 1 and j < n and doc[v + 1].lower_ == "by" and doc[v - 1].norm_ in self.product_heads):
                continue
            if doc[j].lower_ == "the" and j + 1 < n:
                j += 1
            word = doc[j]
            if (
                j + 1 < n
                and (doc[j + 1].text in _ITEM_ENDS or doc[j + 1].text == ",")
                and ((word.is_upper and word.is_alpha and len(word) >= 3) or self._compound_name(doc, j) == j + 1)
                and not self._is_known(doc, j, j + 1)
                and not self.index.lookup(word.text)
            ):
                names.add(word.text)
        out: list[Span] = []
        for name in sorted(names):
            out.extend(self._occurrences(doc, name))
        return out

    def _glued_to_architecture(self, doc: Doc, text: str) -> list[Span]:
        """A word hyphenated to an architecture's short name names a model made of it: "Gal-DINO" (abstracts-u
        arXiv:2403.14235), "ResUNet-CMB" (fragments-l r10y-frag-10), as "Radio-UNet" does (GUIDELINE: SOFTWARE).

        The architecture is a known technique written as one name-shaped word ("DINO", "ResUNet", "VAE"); the
        word before it is a capitalised word of three letters or more that is no modifier changing the
        architecture ("Bayesian-CNN", "Bi-LSTM", "Attention-UNet" stay techniques) and is not written in lower
        case in the record; the word after it an acronym that is no known name ("CNN-LSTM" is two techniques) and
        no version ("ResNet-50", "ViT-B").
        """
        extent = self.index.extent
        modifiers = extent.modifier_words if extent is not None else frozenset()
        n = len(doc)
        names: set[str] = set()
        for start, end, label, *_ in match_tuples(doc, MATCHES):
            if label != "TECHNIQUE" or end - start != 1 or not name_shaped(doc[start].text):
                continue
            name = None
            if start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
                word = doc[start - 2]
                if (
                    word.is_title
                    and word.is_alpha
                    and len(word) >= 3
                    and word.lower_ not in modifiers
                    and word.lower_ not in self.stop_words
                    and not (len(word) >= 5 and word.lower_.endswith(_ADJECTIVE_ENDS))  # "Gal" is no adjective
                    and not (start >= 3 and doc[start - 3].text == "-" and not doc[start - 3].whitespace_)
                    and not self._is_known(doc, start - 2, start - 1)
                    and not _written_lower(doc, word.text)
                ):
                    name = (start - 2, end)
            if name is None and end + 1 < n and doc[end].text == "-" and not doc[start].whitespace_ and not doc[end].whitespace_:
                word = doc[end + 1]
                letters = sum(c.isalpha() for c in word.text)
                if (
                    word.text.isupper()
                    and word.text.isalnum()
                    and letters >= 2
                    and word.lower_ not in modifiers
                    and not (end + 2 < n and doc[end + 2].text == "-" and not word.whitespace_)
                    and not self._is_known(doc, end + 1, end + 2)
                    and not self.index.lookup(word.text)
                ):
                    name = (start, end + 2)
            if name is None:
                continue
            written = doc[name[0] : name[1]].text
            if not self.index.lookup(written) and not _modified_technique_text(self.index, written, modifiers):
                names.add(written)
        out: list[Span] = []
        for name in sorted(names):
            out.extend(self._occurrences(doc, name))
        return out

    def _spelled_by_capitals(self, doc: Doc) -> list[Span]:
        """A backronym: a short form whose letters are the capitals of its long form, capitals inside words
        included: "Coronal Hole RecOgnition Neural Network Over multi-Spectral-data; CHRONNOS" (arXiv:2104.14313),
        "DEtection in phase-folded Light curves with cOntrastive Scoring (DELOS)" (arXiv:2605.29428).

        A capital written inside a word of lower case is put there to spell a name, so such a long form is
        a name the authors coined: their tool or model (SOFTWARE), unless its head word says it is a survey,
        a facility or a data product ("SPectroscopic IDentification of ERosita Sources" is a survey's name).
        The long form stands before the parenthesis or inside it before a semicolon or a comma, or after the
        short form inside the parentheses. scispaCy's detector misses these: the long form is longer than
        its window, or shares the parentheses with its short form.
        """
        out: list[Span] = []
        n = len(doc)
        opens = (token_arrays(doc).column(ORTH) == self._open).nonzero()[0].tolist()
        for o in opens:
            close = next((j for j in range(o + 2, min(n, o + 24)) if doc[j].text in ("(", ")")), None)
            if close is None or doc[close].text != ")":
                continue
            found = None
            if close == o + 2:  # "LONG (SHORT)"
                found = self._capital_long_form(doc, o + 1, o, max(0, o - 20))
            elif doc[close - 2].text in (";", ","):  # "(LONG; SHORT)"
                found = self._capital_long_form(doc, close - 1, close - 2, o + 1, whole=True)
            if found is None and o >= 1 and doc[o - 1].text not in (")", "(") and close - o > 3:  # "SHORT (LONG)"
                # "called \texttt{CMBFSCNN} (Cosmic Microwave ...)": the name may close its typewriter type
                short_i = o - 2 if o >= 2 and doc[o - 1].text == "}" and doc[o - 2].is_alpha else o - 1
                found = self._capital_long_form(doc, short_i, close, o + 1, whole=True, short_first=True)
            if found is None:
                continue
            short, long = found
            label = self.head_types.get(long[-1].norm_)
            if label not in ("SURVEY", "TELESCOPE", "DATASET"):
                label = "SOFTWARE"
            out.extend(self._defined_with_uses(doc, long, short.text, label))
        return out

    def _spelled_inside(self, short: str, long: Span) -> bool:
        """Do the short form's letters run, in order, through the long form's capitals from its first, using
        every capital written inside a word of lower case ("MachinE" of CAMEL), one such capital at least?

        A word that is a known name on its own ("LeNet") carries its capitals as its name, not to spell.
        """
        letters = [c for c in short if c.isupper()]
        if len(letters) < 3:
            return False
        capitals: list[str] = []
        inner: set[str] = set()
        for t in long:
            if not t.is_alpha:
                continue
            written = [c for c in t.text if c.isupper()]
            if not t.is_upper and any(c.isupper() for c in t.text[1:]) and not self.index.lookup(t.text):
                inner.update(c for c in t.text[1:] if c.isupper())
            capitals.extend(written)
        if not inner or not capitals or capitals[0] != letters[0] or not inner <= set(letters):
            return False
        rest = iter(capitals)
        return all(c in rest for c in letters)

    def _capital_long_form(
        self, doc: Doc, short_i: int, end: int, floor: int, whole: bool = False, short_first: bool = False
    ) -> tuple[Span, Span] | None:
        """(short form, long form) when the capitals of the words ending at ``end`` (no further back than
        ``floor``; ``whole``: all of them) spell the short form at ``short_i``, one capital inside a word at
        least; None otherwise."""
        short = doc[short_i]
        letters = "".join(c for c in short.text if c.isupper())
        if not (3 <= len(letters) <= 12 and short.is_alpha and short.text[0].isupper()):
            return None
        if short_first:
            end = next((j for j in range(floor, end) if doc[j].text in (";", ",")), end)
        spelled, inner = "", False
        start = end
        while start > floor:
            word = doc[start - 1]
            if (word.is_punct and word.text != "-") or "}" in word.text or "{" in word.text:
                break  # "\textit{Code Investigating GALaxy Emission} (CIGALE)": markup ends the name's words
            capitals = "".join(c for c in word.text if c.isupper())
            spelled = capitals + spelled
            inner = inner or (not word.is_upper and any(c.isupper() for c in word.text[1:]))
            start -= 1
            if not letters.endswith(spelled):
                return None
            if spelled == letters and word.text[0].isupper() and not (whole and start > floor):
                break
        if spelled != letters or (whole and start != floor) or end - start < 2:
            return None
        if not inner and not (short_first and short.text in self._named()):
            # Capitals that only open words spell any definition; a tool the record already names ("a CNN model,
            # called CMBFSCNN (Cosmic Microwave Background Foreground Subtraction with CNN)", arXiv:2302.13572)
            # is written out in its parentheses as they spell it.
            return None
        long = doc[start:end]
        if self.index.lookup(long.text) or self._is_known(doc, start, end) or self._is_known(doc, short_i, short_i + 1):
            return None  # a known name, or a known short form ("CIGALE") the linker defines
        return doc[short_i : short_i + 1], long

    def _named(self) -> set[str]:
        """The names the title, a naming verb, typewriter type or a presenting verb gave tools in this record."""
        return self._memo.get("named", set()) if self._memo is not None else set()

    def _named_after_data(self, doc: Doc, cues: dict[int, int]) -> list[Span]:
        """A model named by the data it was made for: "the FIRST Classifier", as "APOGEE Net" is.

        A known survey's or facility's short form, then a capitalised tool noun
        ("Classifier", "Emulator"): the two together name the authors' tool.
        """
        out: list[Span] = []
        boundary = self._title_end(doc)
        ends = None
        for i in self._positions(cues, self._tool_head_norms):
            token = doc[i]
            if not (token.is_title and token.norm_ in self._model_nouns) or i == 0:
                continue
            if ends is None:
                ends = {e: (s, label) for s, e, label, *_ in match_tuples(doc, MATCHES)}
            owner = ends.get(i)
            if (
                owner is None
                or owner[1] not in ("SURVEY", "TELESCOPE", "DATASET")
                or owner[0] != i - 1
                or not doc[i - 1].is_upper
            ):
                continue
            span = doc[i - 1 : i + 1]
            if self.index.lookup(span.text) or (i < boundary and not _repeated(doc, span, boundary, case=True)):
                continue
            out.append(Span(doc, span.start, span.end, label="SOFTWARE", kb_id=candidate_id(span.text), span_id="tool"))
        return out

    def _unspelled_tail_end(self, doc: Doc, short: str, start: int, end: int) -> int:
        """End of a capitalised long form without the method's noun written after it in lower case, when the
        short form's capitals are spelled without it: "the Analytical Calibration framework (AnaCal)"
        (abstracts-q arXiv:2603.19046, both golds "Analytical Calibration"), as "The Deep Residual Neural
        Network model (ResNet)" is annotated without "model". The guideline drops the noun when the name is
        complete without it; a short form that spells it keeps it ("... Fitting Method (STFM)").
        """
        if end - start < 3 or not doc[end - 1].is_lower or not self._method_tail(doc[end - 1].lower_):
            return end
        words = [t for t in doc[start : end - 1] if t.is_alpha and not t.is_stop]
        capitals = [c for c in short if c.isupper()]
        if len(words) < 2 or not all(t.is_title or t.is_upper for t in words):
            return end
        return end - 1 if [t.text[0] for t in words] == capitals else end

    def _learning_method_defined(self, doc: Doc, long: Span) -> bool:
        """Is a lower-case long form that speaks of learning the name of a method, its noun ending it or
        following its short form: "proposes a multiple machine learning method (MMLM)" (abstracts-t
        arXiv:2506.13951), "a neural network classification (NNC) method" (abstracts-b arXiv:2602.01548)?

        Both golds accept such a defined name as a technique. Capitalised long forms are left to the rules of
        names ("Center for Astrophysical Machine Learning" is no method); a long form with no method's noun
        ("machine learning algorithms (MLAs)") is the umbrella term in other words.
        """
        extent = self.index.extent
        if extent is None or not self._learning_method(long):
            return False
        if not all(t.is_lower or not t.is_alpha for t in long):
            return False
        if all(t.norm_ in self.ml_words or self._method_tail(t.lower_) for t in long if t.is_alpha):
            return False  # "a machine learning method (MLM)": the umbrella term with a method's noun, no name
        if any(t.lower_ in ("and", "or", ",", "/") for t in long):
            return False  # "a hybrid convolutional and graph neural network model (CNN-GNN)": models combined
        for s, e, label, cid, _rule in match_tuples(doc, MATCHES):
            if label == "TECHNIQUE" and long.start <= s < e <= long.end:
                concept = self.index.concept(cid)
                if concept is None or not concept.generic:
                    return False  # a specific method inside: the rules of its variants and models decide
        tails = extent.descriptive_tail_set
        if long[-1].lower_ in tails:
            return True
        close = long.end
        n = len(doc)
        if close < n and doc[close].text == "(":
            close = next((j for j in range(close + 1, min(n, close + 6)) if doc[j].text == ")"), n)
        return close + 1 < n and doc[close].text == ")" and doc[close + 1].lower_ in tails

    def _learning_method(self, long: Span) -> bool:
        """A long form of three words or more that speaks of learning ("machine learning for ... spectroscopy")."""
        words = [t for t in long if t.is_alpha]
        return len(words) >= 3 and any(t.norm_ in self.ml_words for t in words)

    def _titled(self, doc: Doc, long: Span) -> bool:
        """Is the long form the name that opens the title before its colon?"""
        boundary = self._title_end(doc)
        end = self._title_name(doc, boundary) if boundary else 0
        return end > 0 and doc[0:end].text == long.text

    def _model_name(self, long: Span) -> bool:
        """Is a capitalised long form about the sky, the name of a model rather than a kind of model?"""
        words = [t for t in long if t.is_alpha and not t.is_stop]
        return all(t.is_title or t.is_upper for t in words) and self._of_the_sky(long)

    def _of_the_sky(self, long: Span) -> bool:
        """Does a long form hold a word of what the sky holds ("quasar", "planet"), the subject a model is named for?"""
        extent = self.index.extent
        if extent is None or not extent.model_name_words:
            return False
        names = extent.model_name_words
        return any(t.lower_ in names or alias_key(t.lower_) in names for t in long if t.is_alpha and not t.is_stop)

    def _coined_net(self, short: Span) -> bool:
        """Is a short form a coined "Net" name ("iQNet", "PGNets"), no architecture the ontology knows ("ResNet")?"""
        text = short.text
        return (
            bool(_COINED_NET.match(text))
            and not self.index.lookup(text)
            and not self.index.lookup(text.removesuffix("s"))
        )

    def _tool_name(self, long: Span) -> bool:
        """ "Spectrum Classifier of Astronomical Objects (SCAO)": a capitalised tool word before "of"/"for"."""
        words = [t for t in long if not t.is_punct]
        if len(words) < 3 or not all(t.is_title or t.is_upper or t.is_stop for t in words):
            return False
        return any(
            t.norm_ in self.tool_name_words and nxt.lower_ in ("of", "for") and not t.is_stop
            for t, nxt in pairwise(words)
        )

    def _presented(self, doc: Doc, short: Span, long: Span, lower_ok: bool = False) -> bool:
        """Is the defined name the object of "we present" or "named", with no article: a coined name?

        ``lower_ok``: a long form in lower case counts too.
        """
        # The defining use sits right next to its long form, whichever use of the short form this is.
        first = long.start
        if long.start >= 2 and doc[long.start - 1].text == "(":
            first = long.start - 2
        if first < 0 or (first != long.start and doc[first].text != short.text):
            first = long.start
        capitalised = all(t.is_title or t.is_upper or not t.is_alpha or t.is_stop or name_shaped(t.text) for t in long)
        if first == 0 or not (lower_ok or capitalised):
            return False
        before = doc[first - 1].lower_
        if before == "proposed" and first >= 2 and doc[first - 2].lower_ == "our":
            before = "our"
        if before == "the" and first >= 2 and doc[first - 2].lower_ in self.name_triggers and capitalised:
            before = doc[first - 2].lower_  # "named the Hazardous Object Identifier (HOI)" (arXiv:2001.04177)
        if before == "the" and first >= 3 and doc[first - 2].lower_ == "as" and capitalised:
            first -= 1  # "known as the ..." reads as "known as ..."
            before = "as"
        if (
            before == "as"
            and first >= 3
            and doc[first - 2].lower_ == "known"
            and capitalised
            and doc[first - 3].norm_ in self._tool_head_words
        ):
            # "an event trigger generator known as Wavelet Detection Filter (WDF)" (abstracts-w arXiv:2001.00279):
            # a tool's noun, then the name it goes by; "an event known as the Epoch of Reionization" names no tool
            return True
        if before in self.name_triggers and self._names_physical_model(doc, first - 1):
            return False  # "a new stochastic model that we call Convolved Damped Random Walk (CDRW)"
        # "Our Occultation Detection Neural Network (ODNet)": the authors' own, capitalised, is their model's name.
        return before in self.present_verbs or before in self.name_triggers or (before == "our" and capitalised)

    def _definition_label(self, long: Span) -> str | None:
        words = [t for t in long if not t.is_punct]
        if len(words) < 2 or len(long) > 8:
            return None
        head = words[-1].norm_
        if words[-1].lower_ == "data" and all(t.is_lower for t in words):
            return None  # data described, no name in it: "single sub-detector data (SSDD)" (arXiv:2310.10409)
        if words[-1].lower_ == "data" or (len(words) >= 2 and words[-2].norm_ == "data" and head == "release"):
            return "DATASET"
        label = self.head_types.get(head)
        if (
            label == "TELESCOPE"
            and words[-1].is_lower
            and not any(t.is_upper or t.like_num or any(c.isdigit() for c in t.text) for t in words)
            and not self._mostly_capitalised(words)
        ):
            # "Imaging atmospheric Cherenkov telescopes (IACTs)", "heliospheric imagers (HIs)": a kind of
            # instrument written as a common noun, no one named facility (GUIDELINE: generic words are no entity)
            return None
        if label == "SURVEY" and any(t.norm_ in self.facility_nouns for t in words[:-1]):
            return "TELESCOPE"  # "Bistatic Radar for LEO Survey": an instrument that surveys
        if head == "network" and any(
            t.norm_ in self.facility_nouns or t.norm_ in self.observing_network_words for t in words[:-1]
        ):
            return "TELESCOPE"  # "Spanish Meteor Network": cameras, not a neural network
        if label == "TECHNIQUE" and head in self.weak_technique_heads:  # noqa: SIM102 - the comment explains the inner test
            # "Neural Ratio Estimation", "machine learning": ML-shaped only. A head that is itself a word of
            # learning makes a capitalised name a learning method's: "Multi-Layer Pseudo Inverse Learning
            # (ML-PIL)" (abstracts-z arXiv:1902.03496, both golds); "adaptive mesh learning" in lower case does not.
            if not any(t.norm_ in self.ml_words for t in words[:-1]) and not (
                    head in self.ml_words and self._capitalized(long) and len(words) >= 3):
                return None
        return label

    def _mostly_capitalised(self, words: list) -> bool:
        """Are most words of a long form, three at least, capitalised: a name with a lower-case tail ("Chashan
        Broadband Solar millimeter spectrometer (CBS)"), not a kind written with a proper adjective ("Imaging
        atmospheric Cherenkov telescopes (IACTs)")?"""
        content = [t for t in words if t.is_alpha and t.lower_ not in self.stop_words]
        capitals = sum(t.is_title for t in content)
        return capitals >= 3 and 2 * capitals > len(content)

    def _label_before_preposition(self, long: Span) -> str | None:
        """The type of a capitalised name whose head comes before "for"/"of": "Lowell Observatory Cameras for
        All-Sky Meteor Surveillance (LO-CAMS)" is cameras; "... Network for ..." names a model, a tool."""
        words = [t for t in long if not t.is_punct]
        k = next((i for i, t in enumerate(words) if t.lower_ in ("for", "of")), 0)
        if k < 2 or k == len(words) - 1:
            return None
        name = words[:k]
        if not all(
            t.is_title or t.is_upper or name_shaped(t.text) or (t.i > 0 and t.doc[t.i - 1].text == "-") for t in name
        ):
            return None
        head = name[-1].norm_
        label = self.head_types.get(head)
        if label == "TECHNIQUE":
            if head in self.weak_technique_heads and not any(t.norm_ in self.ml_words for t in name[:-1]):
                return None
            return "SOFTWARE"
        return label

    @staticmethod
    def _capitalized(long: Span) -> bool:
        """Is every word of a long form capitalised but its joining words ("Self-Paced Ensemble")?"""
        words = [t for t in long if t.is_alpha and not t.is_stop]
        return bool(words) and all(t.is_title or t.is_upper or name_shaped(t.text) for t in words)

    def _label_by_company(self, doc: Doc, long: Span) -> str | None:
        """The type of a capitalised defined name no head word types, from what the sentence says it does or lists
        it with.

        "the Advanced Northern Tracks Selection (ANTS) employs a graph convolutional neural network"
        (arXiv:2507.07452): a named thing that employs a learning method is a tool, SOFTWARE. "Two machine
        learning methods, CatBoost and Self-Paced Ensemble (SPE)" (arXiv:2410.11436): an item of a list whose
        neighbour is a known method (or tool) is one too. Umbrella terms ("machine learning") say neither.
        """
        close = self._definition_close(doc, long)
        if close is None:
            return None
        specific = self._specific_methods(doc)
        n = len(doc)
        if close + 1 < n and doc[close + 1].lower_ in self.use_verbs:
            verb = close + 1
            if any(verb < s <= verb + 3 and label == "TECHNIQUE" for s, _e, label in specific):
                return "SOFTWARE"
        before = long.start - 1
        while before >= 0 and doc[before].lower_ in _COORDINATORS:
            before -= 1
        after = close + 1
        while after < n and doc[after].lower_ in _COORDINATORS:
            after += 1
        for s, e, label in specific:
            if (before < long.start - 1 and e == before + 1) or (after > close + 1 and s == after):
                return label
        return None

    def _specific_methods(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, label) of the known methods and tools of the doc that are no umbrella term."""
        rules = self.index.rules
        out = []
        for s, e, label, cid, rule_index in match_tuples(doc, MATCHES):
            if label not in ("TECHNIQUE", "SOFTWARE") or rules[rule_index].requires_definition:
                continue
            concept = self.index.concept(cid)
            if concept is not None and not concept.generic:
                out.append((s, e, label))
        return out

    def _apposed_to_tool(self, doc: Doc, long: Span) -> bool:
        """Does an apposition right after the definition say that the capitalised name is a tool: "the Radio
        Observatory Anomaly Detector (ROAD), a framework that combines ..." (abstracts-x arXiv:2307.01054, both
        golds)? A comma, an article, at most three lower-case words, then a noun that types a tool's name
        (``head_words.SOFTWARE``); "(SAZ), a patch of the sky" says no such thing."""
        close = self._definition_close(doc, long)
        n = len(doc)
        if close is None or close + 2 >= n or doc[close + 1].text != "," or doc[close + 2].lower_ not in self._articles_text:
            return False
        for k in range(close + 3, min(n, close + 7)):
            if self.head_types.get(doc[k].norm_) == "SOFTWARE":
                return True
            if not (doc[k].is_lower and (doc[k].is_alpha or doc[k].text == "-")):
                return False
        return False

    @staticmethod
    def _definition_close(doc: Doc, long: Span) -> int | None:
        """Index of the parenthesis that closes a definition, "Long Form (LF)" or "LF (Long Form)" (None: none)."""
        n = len(doc)
        close = long.end
        if close < n and doc[close].text == "(":
            close = next((j for j in range(close + 1, min(n, close + 12)) if doc[j].text == ")"), n)
        return close if close < n and doc[close].text == ")" else None

    def _label_after(self, doc: Doc, long: Span) -> str | None:
        """The type a head noun written right after the definition gives it.

        "ECHO (Exploring Cosmic History and Origins) mission", "Southern-sky
        MWA Rapid Two-metre (SMART) survey": the head word follows the
        parentheses, so neither form ends in it.
        """
        # The closing parenthesis of this definition, whichever use of the short form we were given:
        # "Long Form (LF) survey" or "LF (Long Form) mission".
        n = len(doc)
        close = long.end
        if close < n and doc[close].text == "(":
            close = next((j for j in range(close + 1, min(n, close + 12)) if doc[j].text == ")"), n)
        if close >= n or doc[close].text != ")":
            return None
        inside = self._head_inside(doc, long, close)
        if inside is not None:
            return inside
        if close + 1 >= n:
            return None
        label = self.head_types.get(doc[close + 1].norm_)
        if doc[close + 1].norm_ in self.technique_after_definition:
            label = "TECHNIQUE"  # "Information-Ordered Bottleneck (IOB) layer": a part of a network
        elif doc[close + 1].norm_ in self.software_after_definition and (
            long.start == 0 or doc[long.start - 1].lower_ not in self._articles_text
        ):
            # "The Stability of Planetary Orbital Configurations Klassifier (SPOCK) package" (abstracts-w
            # arXiv:2501.15017): a capitalised name the noun of a piece of software follows is that software's,
            # unless an indefinite article makes it a kind of code ("a Photodissociation Region (PDR) code")
            label = "SOFTWARE"
        elif label not in _AFTER_DEFINITION:
            return None
        if label in _FACILITY_LABELS and doc[close + 1].lower_ != doc[close + 1].norm_ \
                and doc[close + 1].lower_.endswith("s"):
            # "Weak Lensing (WL) surveys are reaching unprecedented depths" (abstracts-ab arXiv:2403.03490, both
            # golds): a plural head says what kind of surveys or instruments, of which the long form names none
            return None
        # A name, not a description: capitalised words ("European Space Agency (ESA) mission" is
        # an organisation's mission) and no organisation word.
        words = [t for t in long if not t.is_punct and t.lower_ not in self.stop_words]
        if not words or not all(
            t.is_title or t.is_upper or name_shaped(t.text) or t.like_num or (t.i > 0 and doc[t.i - 1].text == "-")
            for t in words
        ):  # "Two-metre"
            return None
        if any(t.lower_ in self.organization_words for t in words):
            return None
        return label

    def _head_inside(self, doc: Doc, long: Span, close: int) -> str | None:
        """The facility type a head noun inside the definition's parenthesis gives it: "VST Optical Imaging of the
        CDFS and ES1 fields (VOICE survey)". The parenthesis says the short form is a survey, so its long form is
        the survey's name written out, lower-case last word and all; its first word is capitalised."""
        if close - long.end != 3 or doc[long.end].text != "(":
            return None
        label = self.head_types.get(doc[close - 1].norm_)
        if label not in _FACILITY_LABELS or not doc[long.end + 1].is_upper:
            return None
        words = [t for t in long if not t.is_punct and t.lower_ not in self.stop_words]
        if not words or not (words[0].is_title or words[0].is_upper) or any(
            t.lower_ in self.organization_words for t in words
        ):
            return None
        if sum(t.is_title or t.is_upper or name_shaped(t.text) for t in words) < len(words) - 1:
            return None
        return label

    # -- rule two: typed names -------------------------------------------------

    def _typed_names(self, doc: Doc, cues: dict[int, int]) -> list[Span]:
        out: list[Span] = []
        boundary = self._title_end(doc)
        for i in self._positions(cues, self._head_norms):
            token = doc[i]
            head = token.norm_
            if (head in self.name_heads or head == "pipeline") and token.is_title and not token.text.endswith("s"):
                start = self._name_start(doc, token.i)
                if (
                    start is not None
                    and head == "pipeline"
                    and all(t.lower_ in self.generic_pipeline_words or t.is_punct for t in doc[start : token.i])
                ):
                    start = None  # "the Data Reduction Pipeline" names no pipeline in particular
                if (
                    start is not None
                    and start >= 2
                    and doc[start - 1].lower_ in ("and", "&")
                    and doc[start - 2].is_title
                ):
                    start = None  # "Max Planck Computing and Data Facility": part of a longer name, an organisation's
                if start is not None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in self.people_nouns \
                        and doc[token.i + 1].is_lower:
                    continue  # "the Science Data Challenge team": the people who run it, no product of theirs
                if start is not None and self._name_goes_on(doc, token.i):
                    # "Radio Observatory Anomaly Detector (ROAD)", "Global Navigation Satellite Systems": the head
                    # word opens a longer name of something else, no facility of its own
                    continue
                if start is None and head == "telescope":
                    # "the 60-inch Telescope at the Palomar Observatory" (fragments-l r10y-frag-07): a capitalised
                    # telescope named by its aperture, its site after it
                    span = self._aperture_telescope(doc, token.i)
                    if span is not None:
                        out.append(span)
                if start is not None:
                    span = self._typed(doc, start, token.i + 1, self.head_types[head])
                    if span is not None:
                        out.append(span)
            elif head == "survey" and token.is_lower:
                span = self._facility_survey(doc, token.i) or self._acronym_survey(doc, token.i)
                if span is not None:
                    out.append(span)
            elif head == "network" and token.text == "Network":
                # "Global Meteor Network", "European Fireball Network": stations that watch the sky.
                start = self._name_start(doc, token.i)
                if start is not None and any(
                    t.norm_ in self.observing_network_words or t.norm_ in self.facility_nouns
                    for t in doc[start : token.i]
                ):
                    out.append(self._typed(doc, start, token.i + 1, "TELESCOPE"))
            elif head == "telescope" and token.is_lower:
                span = self._aperture_telescope(doc, token.i) or self._maker_telescope(doc, token.i) \
                    or self._coined_before_noun(doc, token.i)
                if span is not None:
                    out.append(span)
            elif head in _INSTRUMENT_HEADS and token.is_lower:
                span = self._coined_before_noun(doc, token.i)
                if span is not None:
                    out.append(span)
            elif head in self.product_heads and token.is_lower and token.i > 0 \
                    and (head != "dataset" or token.lower_ == "dataset"):  # "the PTA datasets": data of a kind
                name = doc[token.i - 1]
                # "HalfDome simulations", "TNG50 suite"; an all-capitals acronym is
                # more often a method ("MHD simulations", "SPH simulations").
                end = token.i + 1
                if name.norm_ == "simulation" and token.norm_ == "suite" and token.i > 1:
                    name = doc[token.i - 2]  # "the Goku simulation suite"
                if head == "dataset":
                    # the noun says what it is, no part of its name ("the GalaxyMNIST dataset"); a long acronym
                    # names a data set before it ("the publicly available PREML dataset", abstracts-i arXiv:2507.00866,
                    # both golds), a short one a method's data ("ADI", "CR")
                    if (name_shaped(name.text) and not name.is_upper and not self._is_known(doc, name.i, name.i + 1)
                            and not self.index.lookup(name.text)) or self._coined_data_set(doc, name.i):
                        out.append(Span(doc, name.i, name.i + 1, label="DATASET", kb_id=candidate_id(name.text),
                                        span_id="phrase"))
                elif name_shaped(name.text) and not name.is_upper and not self._is_known(doc, name.i, name.i + 1):
                    out.append(self._typed(doc, name.i, end, "DATASET"))
                elif self._proper_name(doc, name.i) \
                        and (token.norm_ in ("simulation", "suite") or self._named_catalog(doc, token.i)):
                    # "Goku simulations", "the Astrid simulation": a proper name, not an adjective; a catalogue named
                    # after its author ("both Head-LROC and Robbins catalog")
                    out.append(self._typed(doc, name.i, end, "DATASET"))
                elif token.norm_ == "catalog" and token.text.endswith("s") and self._last_listed_acronym(doc, name.i):
                    # "provided by Kepler, ASAS and CALEB catalogues" (abstracts-t arXiv:2306.02686, both golds): the
                    # last of known names sharing the head; the name alone, as its peers are ("AGN catalogues" is
                    # no list)
                    out.append(Span(doc, name.i, name.i + 1, label="DATASET", kb_id=candidate_id(name.text),
                                    span_id="phrase"))
        out = [s for s in out if s is not None]
        if out:
            out = self._without_known_tails(doc, out)
        if boundary:
            # Title Case says nothing: keep a title phrase only if the abstract has it too.
            # A pipeline's name is capitalised where it is a name ("... Search Pipeline" in a title only describes).
            out = [s for s in out if s is not None and (s.start > boundary or _repeated(doc, s, boundary, case=True))]
        return [s for s in out if s is not None]

    def _named_catalog(self, doc: Doc, i: int) -> bool:
        """Is the singular "catalog" at ``i`` named by the capitalised word before it, a name the record also writes on
        its own: "Two catalogs, namely, Head-LROC and Robbins ... both Head-LROC and Robbins catalog" (abstracts-l
        arXiv:2012.15281, both golds), "the Abell catalog ... the Abell clusters"? A word capitalised only there
        names no one ("the Main catalog", "the Appendix catalog")."""
        if doc[i].norm_ != "catalog" or doc[i].text.endswith("s") or i < 1:
            return False
        word = doc[i - 1].text
        text = doc.user_data.get(TEXT_KEY) or doc.text
        for found in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            span = doc.char_span(found.start(), found.end())
            if span is None or span.start == i - 1 or span.start == 0:
                continue
            t = span[0]
            if not t.is_sent_start and not (doc[t.i - 1].is_title or doc[t.i - 1].is_upper) \
                    and not (t.i + 1 < len(doc) and doc[t.i + 1].norm_ == "catalog"):
                return True
        return False

    def _coined_data_set(self, doc: Doc, i: int) -> bool:
        """Is token ``i`` an unknown name in capitals of four or more characters, or with a digit ("PREML",
        "CE5ROCK"), one word, not a kind of object written as a plural elsewhere ("AGNs")?"""
        word = doc[i]
        if not (word.is_upper and word.text.isalnum() and (len(word) >= 4 or any(c.isdigit() for c in word.text))):
            return False
        if (i > 0 and doc[i - 1].text in ("-", "/")) or self._is_known(doc, i, i + 1) or self.index.lookup(word.text):
            return False
        return not re.search(rf"\b{re.escape(word.text)}s\b", doc.user_data.get(TEXT_KEY) or doc.text)

    def _without_known_tails(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """The typed names that are not the tail of a known name the record writes: "Dwarfs from the Dark (Energy
        Survey)" (abstracts-y arXiv:2102.12776) cuts the Dark Energy Survey, written whole in the abstract, at a
        parenthesis; its last words are that survey, no new one."""
        if not any(span.label_ in _FACILITY_LABELS for span in spans):
            return spans
        known = [(s, e) for s, e, label, *_ in match_tuples(doc, MATCHES) if e - s >= 2 and label in _FACILITY_LABELS]
        if not known:
            return spans
        lowers = self._lowers(doc)

        def tail(span: Span) -> bool:
            size = span.end - span.start
            words = lowers[span.start : span.end]
            return any(e - s > size and lowers[e - size : e] == words for s, e in known)

        return [span for span in spans if span.label_ not in _FACILITY_LABELS or not tail(span)]

    def _name_goes_on(self, doc: Doc, head_i: int) -> bool:
        """Do capitalised words run on after a name's head word into a name that ends in no facility's head?

        "Strasbourg Observatory H-alpha Planetary Nebula research platform database", "Radio Observatory
        Anomaly Detector": the head is a word inside a longer name. A known facility after the head ("...
        Observatory LSST"), or a run that ends in a head word itself ("... Observatory Schmidt Telescope"), is
        a second name beside the first.
        """
        n = len(doc)
        j = head_i + 1
        if j >= n or doc[j].lower_ in self.stop_words or not (doc[j].is_title or doc[j].is_upper):
            return False
        if doc[head_i].whitespace_ == "" or not doc[j].is_alpha:
            return False  # "Observatory/...", "Telescope-2": glued, no word of a longer name
        if j in self._of_doc(doc, "facility_starts", _facility_starts):
            return False
        last = j
        k = j
        while k < n and k - j < 8:
            word = doc[k]
            if word.text == "-" or _capital_compound_tail(doc, k):
                k += 1
                continue
            if word.lower_ in self.stop_words or not (word.is_title or word.is_upper or name_shaped(word.text)):
                break
            last = k
            k += 1
        if k < n and doc[k].is_lower and self.head_types.get(doc[k].norm_) in _FACILITY_LABELS:
            last = k  # "... Observatory Ritchey-Chretien telescope": the instrument named after the site
        return self.head_types.get(doc[last].norm_) not in _FACILITY_LABELS

    def _last_listed_acronym(self, doc: Doc, i: int) -> bool:
        """Is token ``i`` an unknown acronym ending a list of two or more known facilities, surveys or data sets?
        ("the SDSS and AGN catalogues": one name and a kind of object, no list of names)"""
        word = doc[i]
        if not (word.is_upper and word.is_alpha and len(word) >= 3) or i < 2 or doc[i - 1].lower_ not in ("and", ","):
            return False
        if self._is_known(doc, i, i + 1) or self.index.lookup(word.text):
            return False
        if re.search(rf"\b{re.escape(word.text)}s\b", doc.user_data.get(TEXT_KEY) or doc.text):
            return False  # written as a plural: a kind of object ("AGNs"), not one catalogue's name
        known = {e: s for s, e, label, *_ in match_tuples(doc, MATCHES) if label in ("TELESCOPE", "SURVEY", "DATASET")}
        at, items = i, 0
        while True:
            j = at - 1
            if j >= 0 and doc[j].lower_ == "and":
                j -= 1
            if j >= 0 and doc[j].text == ",":
                j -= 1
            if j == at - 1 or j + 1 not in known:
                return items >= 2
            items, at = items + 1, known[j + 1]

    def _proper_name(self, doc: Doc, i: int) -> bool:
        """Is token ``i`` one capitalised word used as a name mid-sentence ("Goku", not "Gaussian" nor "Monte Carlo")?"""
        word = doc[i]
        return (
            word.is_title
            and word.is_alpha
            and len(word) >= 3
            and word.lower_ not in self.stop_words
            and not word.lower_.endswith(_ADJECTIVE_ENDS)
            and not sentence_initial(doc, i)
            and not (i > 0 and (doc[i - 1].is_title or doc[i - 1].is_upper))
            and not self._is_known(doc, i, i + 1)
            and not self.index.lookup(word.text)
        )

    def _acronym_survey(self, doc: Doc, head_i: int) -> Span | None:
        """An unknown acronym before a lower-case "survey" names it: "the VOICE survey" is VOICE."""
        if head_i < 1:
            return None
        word = doc[head_i - 1]
        if (
            not (word.is_upper and word.is_alpha and len(word) >= 3)
            or self._is_known(doc, word.i, word.i + 1)
            or self.index.lookup(word.text)
            or (word.i > 0 and doc[word.i - 1].text == "-")
        ):
            return None
        if re.search(rf"\b{re.escape(word.text)}s\b", doc.user_data.get(TEXT_KEY) or doc.text):
            return None  # "FRBs" elsewhere: a kind of object ("the FRB survey"), not a survey's name
        if doc[head_i].lower_ != doc[head_i].norm_ and not (word.i > 0 and doc[word.i - 1].lower_ in _COORDINATORS):
            # "future wide-field VLBI surveys" (arXiv:2109.09077): surveys of a kind, made with a technique; a plural
            # names surveys only when it is shared by a co-ordination ("the SAGA and ELVES surveys")
            return None
        return Span(doc, word.i, word.i + 1, label="SURVEY", kb_id=candidate_id(word.text), span_id="phrase")

    def _facility_survey(self, doc: Doc, head_i: int) -> Span | None:
        """A survey named with its facility and a capitalised word: "the ZTF Twilight survey", "Euclid Wide survey"."""
        words = 0
        while (
            words < 2
            and head_i - words - 1 > 0
            and doc[head_i - words - 1].is_title
            and doc[head_i - words - 1].is_alpha
            and doc[head_i - words - 1].lower_ not in self.stop_words
        ):
            words += 1
        name_start = head_i - words
        if not words or self._is_known(doc, name_start, head_i):
            return None
        facility = next(
            (
                s
                for s, e, label, *_ in match_tuples(doc, MATCHES)
                if e == name_start and label in ("TELESCOPE", "SURVEY")
            ),
            None,
        )
        if facility is None:
            return None
        return self._typed(doc, facility, head_i + 1, "SURVEY")

    def _site_after(self, doc: Doc, head_i: int) -> bool:
        """Does a capitalised "Telescope" have its site after it, "... Telescope at (the) Palomar Observatory"?"""
        head = doc[head_i]
        at = head_i + 1
        if not head.is_title or at + 1 >= len(doc) or doc[at].lower_ != "at":
            return False
        site = at + 2 if doc[at + 1].lower_ == "the" else at + 1
        return site < len(doc) and doc[site].is_title and doc[site].lower_ not in self.stop_words

    def _coined_before_noun(self, doc: Doc, head_i: int) -> Span | None:
        """A coined name unknown to the ontology right before an instrument's noun in lower case is that
        instrument, named without the noun: "the large CT5 telescope equipped with the FlashCam camera"
        (fragments-n r12d-frag-06, both golds: "CT5", "FlashCam"). Coined means capitals inside a word of lower
        case ("FlashCam") or capitals then a unit's number ("CT5"): an acronym of capitals alone is more often a
        kind of detector or a band ("the CCD camera", "the NIR spectrograph"), and so is a detector's model
        ("the H2RG camera")."""
        if head_i < 1:
            return None
        name = doc[head_i - 1]
        text = name.text
        maker = self._maker_before_model(doc, name.i)
        coined = _MIXED_CASE.match(text) is not None or _NUMBERED_UNIT.fullmatch(text) is not None \
            or (maker is not None and _FIGURES_FIRST_MODEL.fullmatch(text) is not None)
        if not coined or _in_hyphenated_word(doc, name.i) or self._is_known(doc, name.i, head_i) \
                or self.index.lookup(text):
            return None
        start = name.i if maker is None else maker
        return Span(doc, start, head_i, label="TELESCOPE", kb_id=candidate_id(doc[start:head_i].text), span_id="phrase")

    def _maker_before_model(self, doc: Doc, i: int) -> int | None:
        """The maker's name written before an instrument's model code, which is part of the instrument's name: "a
        Specim FX10 camera", "a Celestron 8SE telescope" (abstracts-ac arXiv:2603.24323, both golds). A maker is
        one word in Title Case that the ontology does not know and that opens no sentence ("the Keck CT5 camera"
        is a known site and its unit)."""
        if i < 1:
            return None
        word = doc[i - 1]
        if not (word.is_title and word.is_alpha and len(word) >= 3) or word.lower_ in self.stop_words \
                or word.whitespace_ != " " or sentence_initial(doc, word.i) or self._is_known(doc, word.i, word.i + 1) \
                or self.index.lookup(word.text):
            return None
        return word.i

    def _aperture_telescope(self, doc: Doc, head_i: int) -> Span | None:
        """A telescope named by its site or owner and its aperture: "ANU 2.3-m telescope"."""
        j = head_i - 1
        if j < 2 or doc[j].lower_ not in self.aperture_units:
            return None
        j -= 1
        if doc[j].text == "-":
            j -= 1
        if j < 1 or not doc[j].like_num:
            return None
        start = j
        while start - 1 >= 0 and j - start < 3:
            word = doc[start - 1]
            if word.lower_ in self.stop_words or not (word.is_title or word.is_upper or name_shaped(word.text)):
                break
            start -= 1
        if start == j and not self._site_after(doc, head_i):
            return None
        if j - start == 1 and not doc[start].is_upper and sentence_initial(doc, start):
            return None
        # A known name says it already ("Effelsberg 100-m telescope" is Effelsberg), and a known whole is the ruler's.
        if self._is_known(doc, start, j) or self.index.lookup(doc[start : head_i + 1].text):
            return None
        return Span(
            doc,
            start,
            head_i + 1,
            label="TELESCOPE",
            kb_id=candidate_id(doc[start : head_i + 1].text),
            span_id="aperture",
        )

    def _maker_telescope(self, doc: Doc, head_i: int) -> Span | None:
        """A commercial telescope, its maker's name and its model's code before a lower-case "telescope": "a
        Celestron C14+Fastar telescope" (abstracts-aa arXiv:2605.03429, both golds: the name without the noun)."""
        if not self.telescope_makers:
            return None
        j = head_i - 1
        while j > 0 and head_i - j <= 5 and doc[j].lower_ not in self.telescope_makers:
            word = doc[j]
            if not (word.text in ("+", "-") or any(c.isdigit() for c in word.text) or word.is_upper or word.is_title):
                return None
            j -= 1
        if j < 0 or j == head_i - 1 or doc[j].lower_ not in self.telescope_makers or not doc[j].text[0].isupper():
            return None
        if doc[j + 1].text in ("+", "-") or doc[head_i - 1].text in ("+", "-"):
            return None
        return Span(doc, j, head_i, label="TELESCOPE", kb_id=candidate_id(doc[j:head_i].text), span_id="aperture")

    def _name_start(self, doc: Doc, head_i: int) -> int | None:
        i = head_i - 1
        start = None
        while i >= 0 and head_i - i <= 8:  # "High Time Resolution Universe - South Low Latitude Survey"
            tok = doc[i]
            if tok.text == "-" and i > 0:
                i -= 1
                continue
            if tok.lower_ in self.stop_words or not (
                tok.is_title or tok.is_upper or name_shaped(tok.text) or tok.like_num or _capital_compound_tail(doc, i)
            ):
                break
            if i == head_i - 1 and tok.is_title and not name_shaped(tok.text) and sentence_initial(doc, i):
                break
            start = i
            i -= 1
        return start

    def _typed(self, doc: Doc, start: int, end: int, label: str) -> Span | None:
        if doc[start].text == "-":
            start += 1
        if end - start < 2:
            return None
        span = doc[start:end]
        if label == "SURVEY" and any(t.norm_ in self.facility_nouns for t in span[:-1]):
            label = "TELESCOPE"
        known = self.index.lookup(span.text)
        if known:
            # A known name the ruler's phrase patterns missed for a free-standing dash
            # ("High Time Resolution Universe - South Low Latitude Survey"): its concept, whole.
            concept = self.index.concept(next(iter(known))) if len(known) == 1 else None
            if concept is None or self._is_known(doc, start, end) or not any(t.text == "-" for t in span):
                return None
            return Span(doc, start, end, label=concept.type, kb_id=concept.id, span_id="context")
        if self._two_known(doc, start, end):
            return None
        return Span(doc, start, end, label=label, kb_id=candidate_id(span.text), span_id="phrase")

    @staticmethod
    def _two_known(doc: Doc, start: int, end: int) -> bool:
        """Is the phrase two known names side by side ("JWST" + "Cosmic Evolution Early Release Science Survey")?

        The linker composes those into the known name; a candidate would hide it.
        """
        matches = match_tuples(doc, MATCHES)
        inner = {s for s, e, *_ in matches if e == end and start < s}
        return any(s == start and e in inner for s, e, *_ in matches)

    def _known_as_other(self, doc: Doc, start: int, end: int) -> bool:
        """Is the ontology's match of exactly these tokens a name of something other than a tool?"""
        return any(
            s == start and e == end and label != "SOFTWARE" for s, e, label, *_ in match_tuples(doc, MATCHES)
        )

    def _is_known(self, doc: Doc, start: int, end: int) -> bool:
        return any(s <= start and e >= end for s, e, *_ in match_tuples(doc, MATCHES))

    # -- rule three: named tools -----------------------------------------------

    def _named_tools(self, doc: Doc, cues: dict[int, int]) -> list[Span]:
        names: dict[str, str] = {}  # name -> label: a tool, or a data set when a catalogue is what it names
        also: dict[str, str] = {}  # another name of a named tool -> the name whose id it shares ("..., or ConStruct")
        boundary = self._title_end(doc)
        # A title mark's lower case is the mark itself: the lower-case ids of the title say whether it has one.
        if boundary and not self._title_marks.isdisjoint(self._lowers(doc)[:boundary]):
            first = doc[0]
            nxt = doc[1] if len(doc) > 1 else None
            name_tokens = self._compound_name(doc, 0)
            if name_tokens and name_tokens < len(doc) and doc[name_tokens].text in TITLE_MARKS:
                names[doc[0:name_tokens].text] = self._subtitle_label(doc, name_tokens + 1, boundary)
            elif nxt is not None and nxt.text == ":" and name_shaped(first.text):
                names[first.text] = self._subtitle_label(doc, 2, boundary)
            else:
                end = self._title_name(doc, boundary)
                if end:
                    names[doc[0:end].text] = self._subtitle_label(doc, end + 1, boundary)
                elif (defined := self._title_definition(doc, boundary)) is not None:
                    # "Direct Exoplanet Detection Using ... (ConStruct): A New Algorithm for ..." (arXiv:2312.03671)
                    long_end, short_start, short_end = defined
                    names[doc[0:long_end].text] = "SOFTWARE"
                    also[doc[short_start:short_end].text] = doc[0:long_end].text
        text = doc.user_data.get(TEXT_KEY) or doc.text
        if "\\texttt{" in text:
            # A name set in typewriter type is code: "We introduce \\texttt{SERENEt}, a deep-learning framework".
            for found in _TYPEWRITER.finditer(text):
                span = doc.char_span(found.start(1), found.end(1))
                if (
                    span is not None
                    and not self.index.lookup(span.text)
                    and not self._is_known(doc, span.start, span.end)
                ):
                    names.setdefault(span.text, "SOFTWARE")
        for i in self._positions(cues, self._trigger_norms):
            if self._names_physical_model(doc, i):
                continue
            token = doc[i]
            start = token.i + 1
            if (
                start + 2 < len(doc)
                and doc[start].lower_ in _NAMED_OBJECTS
                and doc[start + 1].is_lower
                and doc[start + 1].is_alpha
            ):
                start += 2  # "We call this procedure POLISH" (arXiv:2111.03249): the thing named, then its name
                if not (
                    doc[start].is_upper
                    or name_shaped(doc[start].text)
                    or (doc[start - 1].norm_ in self._tool_head_words and self._titled_name(doc, start))
                ):
                    continue
            elif (
                start + 1 < len(doc)
                and doc[start].lower_ == "the"
                and (doc[start + 1].is_title or doc[start + 1].is_upper or name_shaped(doc[start + 1].text))
            ):
                start += 1  # "a novel deep learning method, called the Dst Transformer," (arXiv:2205.02447)
            if start < len(doc):
                end = self._compound_name(doc, start) or (
                    start + 1
                    if doc[start].is_upper and doc[start].is_alpha and not self.index.lookup(doc[start].text)
                    else 0
                )
                if (
                    end
                    and end + 1 < len(doc)
                    and doc[end].is_title
                    and doc[end].is_alpha
                    and doc[end].lower_ not in self.stop_words
                    and not (doc[end + 1].is_title or doc[end + 1].is_upper)
                ):
                    end += 1  # "a visualization tool called SN Hunter, where ...": a name and its capitalised noun
                if not end and (self._tool_noun_before(doc, i) or doc[start - 1].norm_ in self._tool_head_words):
                    end = self._titled_name(doc, start)  # "an algorithm we call Direct Exoplanet Detection with ..."
                    if not end and self._capitalized_tool(doc, start):
                        end = start + 1  # "our classifier, dubbed Heron, ...": one word the tool is called
                if end and (end - start > 1 or len(doc[start]) >= 3):
                    name = doc[start:end].text
                    names.setdefault(name, "SOFTWARE")
                    other = self._or_name(doc, end)  # "..., or ConStruct": the same tool's short name
                    if other is not None and other in also:
                        also.setdefault(name, also[other])  # the tool the title defines, written out again
                    elif other is not None:
                        also.setdefault(other, name)
        for i in self._present_verbs_at(doc):
            if i + 2 < len(doc) and self._presented_coined(doc, i + 1):
                names.setdefault(doc[i + 1].text, "SOFTWARE")  # "We propose DustSeer, which ..."
            elif i + 3 < len(doc) and (end := self._named_architecture(doc, i + 1)):
                names.setdefault(doc[i + 1 : end].text, "SOFTWARE")  # "we introduce Flat U-Net, a novel ... model"
        if _PURPOSE_CUE.search(text):
            for found in _PURPOSE_AFTER.finditer(text):
                # "These include DRAGNHunter, designed to detect likely DRAGNs" (abstracts-u arXiv:2603.10579): a
                # coined name that a participle of making says the purpose of
                span = doc.char_span(found.start(1), found.end(1))
                if (
                    span is not None
                    and self._compound_name(doc, span.start) == span.end
                    and not span.text.isupper()
                    and not self._is_known(doc, span.start, span.end)
                ):
                    names.setdefault(span.text, "SOFTWARE")
        if self._memo is not None:  # named by the title, "called" or typewriter type: a name whatever its definition
            self._memo["named"] = set(names) | set(also)
        # Apposition: "our pipeline, RadioGNN, ..." and "RadioGNN, a new pipeline for ...";
        # "CatNorth, an improved ... catalog" names a data set.
        tool_heads = self._positions(cues, self._apposition_heads)
        lowers = self._lowers(doc) if tool_heads else []
        technique_shorts = self._memo.get("technique_shorts", set()) if self._memo is not None else set()
        articles = self._articles
        for i in tool_heads:
            label = "DATASET" if cues[i] in self._dataset_head_norms else "SOFTWARE"
            if i + 2 < len(doc) and lowers[i + 1] in self._before_name and not self._model_of_person(doc, i):
                end = self._compound_name(doc, i + 2)
                if (
                    end
                    and end < len(doc)
                    and lowers[end] in self._after_name
                    and not (lowers[end] == self._comma and self._method_starts(doc, end + 1))
                    # "an autoencoder convolutional neural network (AE-CNN)" (abstracts-z arXiv:2507.21876, both
                    # golds): the parentheses define a kind of network, the definition types it
                    and not (lowers[i + 1] == self._open and doc[i + 2 : end].text in technique_shorts)
                    # "the VizieR catalogue access tool (CDS, Strasbourg)" (fragments-p r13d-frag-03, both golds: no
                    # CDS): a name the ontology knows as something else, in brackets after a tool's noun, is whose
                    # the tool is, no name of it, unless the words before define it ("an automated Crater Detection
                    # Algorithm (CDA)", abstracts-w arXiv:2010.12520)
                    and not (
                        lowers[i + 1] == self._open
                        and self._known_as_other(doc, i + 2, end)
                        and (i + 2, end) not in self._short_forms(doc)
                    )
                ):
                    names.setdefault(doc[i + 2 : end].text, label)
                elif (
                    lowers[i + 1] == self._comma
                    and i >= 1
                    and doc[i - 1].lower_ in _AUTHORS_OWN
                    and self._capitalized_tool(doc, i + 2)
                    and doc[i + 3].text == ","
                ):
                    names.setdefault(doc[i + 2].text, label)  # "We make our code, Wren, publicly available"
            if i + 1 < len(doc) and doc[i + 1].text == ")":
                # "Kestrel (a CNN-based classifier)": the parentheses say what the name before them is
                aside = self._name_before_aside(doc, i)
                if aside is not None:
                    names.setdefault(doc[aside[0] : aside[1]].text, label)
            # "the most powerful emulator for the matter power spectrum, GokuNEmu, and ...": a coined name
            # (capitals inside lower case) between commas closes the phrase the head noun opens
            comma = next(
                (j for j in range(i + 2, min(len(doc) - 2, i + 9)) if lowers[j] in self._clause_ends),
                None,
            )
            if (
                comma is not None
                and lowers[comma] == self._comma
                and lowers[comma + 2] in self._after_name
                and _MIXED_CASE.match(doc[comma + 1].text)
                and not self._is_known(doc, comma + 1, comma + 2)
                and not self.index.lookup(doc[comma + 1].text)
            ):
                names.setdefault(doc[comma + 1].text, label)
            back = None
            for j in range(i - 1, max(-1, i - 6), -1):
                if lowers[j] in articles:
                    back = j
                    break
            if back is not None and back >= 2 and (doc[back - 1].text in _DASHES or doc[back - 1].text == ":"):
                # "RadioGNN, a new pipeline for ...", "We present Marten: a machine learning pipeline"
                start = self._name_before_comma(doc, back - 1)
                if start is not None:
                    names.setdefault(doc[start : back - 1].text, label)
            elif back is not None and back >= 2 and doc[back - 1].lower_ in ("is", "was"):
                # "DarkEmulator2 is a neural network emulator": a coined name opening its sentence.
                end = back - 1
                start = end - 1
                while start - 2 >= 0 and doc[start - 1].text == "-":
                    start -= 2
                if (
                    (sentence_initial(doc, start) or start == boundary)
                    and (
                        self._compound_name(doc, start) == end
                        # "stella is an open-source Python tool-kit": a sentence opened by a word in lower case
                        # opens with a name written as its authors write it
                        or (
                            end - start == 1
                            and doc[start].is_lower
                            and doc[start].is_alpha
                            and len(doc[start]) >= 3
                            and start > 0
                            and not self._is_known(doc, start, end)
                        )
                    )
                    and not doc[start:end].text.isupper()  # "MCMC is a method": a short form, not a coined name
                ):
                    names.setdefault(doc[start:end].text, label)
        out: list[Span] = []
        for name, label in sorted(names.items()):
            out.extend(self._occurrences(doc, name, label, candidate_id(also[name]) if name in also else None))
        for other, name in sorted(also.items()):
            if other not in names:
                out.extend(self._occurrences(doc, other, names.get(name, "SOFTWARE"), candidate_id(name)))
        return out

    def _tools_written_askew(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A tool's name written once with a letter dropped or two letters swapped, in a record that writes it
        right: "We demonstrate that Astrconformer can robustly infer ..." beside "Astroconformer" (abstracts-v
        arXiv:2207.02787, both golds). The slip is the same tool.

        Names of eight letters or more, the slip inside the word (its first and last letters kept), a form no
        concept has; the variants are looked up by their ids, no scan of the text.
        """
        tools: dict[str, str] = {}
        for s, e, label, cid, _rule in match_tuples(doc, MATCHES):
            if label == "SOFTWARE" and e - s == 1:
                tools.setdefault(doc[s].text, cid)
        for span in spans:
            if span.label_ == "SOFTWARE" and len(span) == 1:
                tools.setdefault(span.text, span.kb_id_)
        strings = doc.vocab.strings
        wanted: dict[int, str] = {}
        for name, cid in tools.items():
            if len(name) < 8 or not name.isalpha():
                continue
            for variant in _slips(name):
                if variant in strings and not self.index.lookup(variant):
                    wanted[strings[variant]] = cid
        if not wanted:
            return []
        orths = token_arrays(doc).column(ORTH)
        hits = numpy.isin(orths, numpy.array(sorted(wanted), dtype=numpy.uint64)).nonzero()[0].tolist()
        return [
            Span(doc, i, i + 1, label="SOFTWARE", kb_id=wanted[int(orths[i])], span_id="tool")
            for i in hits
            if not self._is_known(doc, i, i + 1)
        ]

    def _method_starts(self, doc: Doc, i: int) -> bool:
        """Does a known method (no umbrella term) start at token ``i``: "baseline methods (cADI, PCA)"
        (abstracts-l arXiv:2303.02461, both golds) lists methods, the unknown one among them no tool."""
        return any(s == i and label == "TECHNIQUE" for s, _e, label in self._specific_methods(doc))

    def _model_of_person(self, doc: Doc, head: int) -> bool:
        """Is the noun ``head`` a "model" named after its author(s): "the Willingale model (W07)" (abstracts-n
        arXiv:2412.20091, both golds), "the Wang-Sheeley-Arge model"? A physical or empirical model, no tool
        (GUIDELINE "Types"), so the short form after it names none either.

        The word before "model" is a surname: one capitalised word (no capitals inside, no digit) that is no
        known concept and does not open its sentence, or surnames joined by hyphens.
        """
        if head < 2 or doc[head].lower_ != "model":
            return False
        before = doc[head - 1]
        if not (before.is_alpha and before.is_title) or sentence_initial(doc, head - 1):
            return False
        start = head - 1
        while start >= 2 and doc[start - 1].text == "-" and doc[start - 2].is_title and doc[start - 2].is_alpha:
            start -= 2
        return not self.index.lookup(doc[start:head].text) and not self._is_known(doc, start, head)

    def _name_before_aside(self, doc: Doc, head: int) -> tuple[int, int] | None:
        """(start, end) of a name written before parentheses that close on a tool's noun ``head``: "We develop
        Kestrel (a CNN-based classifier)", "LumiCast (transformer-based emulator)"; None when there is none.

        The parentheses hold a short description (an article, a few words, no clause mark); the name is
        name-shaped or one capitalised word that is no plural and no adjective, and unknown.
        """
        k = head - 1
        while k > 0 and head - k < 7 and doc[k].text != "(":
            if doc[k].is_punct and doc[k].text != "-":
                return None
            k -= 1
        if k < 1 or doc[k].text != "(" or k == head - 1:
            return None
        if doc[k + 1].lower_ not in ("a", "an") and not doc[k + 1].is_lower and not self._is_known(doc, k + 1, k + 2):
            return None  # "(a CNN-based classifier)", "(transformer-based emulator)": a description, no name
        start = self._name_before_comma(doc, k)  # a name-shaped word, or a compound ending before the parenthesis
        if start is not None:
            return start, k
        return (k - 1, k) if self._capitalized_name(doc, k - 1) else None

    def _named_architecture(self, doc: Doc, i: int) -> int:
        """End of a model's name right after a presenting verb (0: none): a capitalised word of the authors', then
        a known architecture, then an apposition or a parenthesis: "we introduce Flat U-Net, a novel and highly
        efficient ultralightweight model" (abstracts-v arXiv:2502.07259, both golds), as "Radio-UNet" is one.

        The word is no modifier that makes a kind of the method ("Bayesian"), no adjective, no word the record
        writes in lower case, and inside no known name.
        """
        word = doc[i]
        if not (word.is_title and word.is_alpha and len(word) >= 3) or word.lower_ in self.stop_words:
            return 0
        extent = self.index.extent
        modifiers = extent.modifier_words if extent is not None else frozenset()
        if word.lower_ in modifiers or word.lower_.endswith(_ADJECTIVE_ENDS) or self._is_known(doc, i, i + 1):
            return 0
        end, cid = max(
            ((e, c) for s, e, label, c, _rule in match_tuples(doc, MATCHES) if s == i + 1 and label == "TECHNIQUE"),
            default=(0, ""),
        )
        concept = self.index.concept(cid) if end else None
        if concept is None or concept.generic or end + 1 >= len(doc):
            return 0  # "we present Novel machine learning, ...": an umbrella term names no architecture
        if not (doc[end].text == "(" or (doc[end].text == "," and doc[end + 1].lower_ in ("a", "an"))):
            return 0
        if _written_lower(doc, word.lower_) or self.index.lookup(doc[i:end].text):
            return 0
        return end

    def _presented_coined(self, doc: Doc, i: int) -> bool:
        """Is the word ``i``, right after a presenting verb, a coined name: capitals inside a word of lower case
        ("We propose DustSeer, which combines ..."), unknown, and the phrase ends with it (a clause mark or a
        function word follows, not a noun it would qualify: "We present SuperWASP photometry")?"""
        word = doc[i]
        return (
            bool(_MIXED_CASE.match(word.text))
            and (doc[i + 1].text in _NAME_CLOSERS or doc[i + 1].lower_ in _AFTER_PRESENTED)
            and not self.index.lookup(word.text)
            and not self._is_known(doc, i, i + 1)
        )

    def _coined_before_task(self, doc: Doc, i: int) -> bool:
        """Is the word two before the tool's noun at ``i`` a coined name in capitals, after "the"/"our" and before
        a noun of the tool's task: "the LABKIT annotation tool", not "the SED fitting code" (a task done to a
        known quantity is written as a verb form) nor a known name ("the HST reduction pipeline")?"""
        name, task = doc[i - 2], doc[i - 1]
        return (
            doc[i - 3].lower_ in _NAMED_OBJECTS
            and task.is_lower
            and task.is_alpha
            and not task.lower_.endswith(("ing", "ed"))
            and name.is_upper
            and name.is_alpha
            and len(name) >= 3
            and not self.index.lookup(name.text)
            and not self._is_known(doc, i - 2, i - 1)
        )

    def _named_by_tool_noun(self, doc: Doc, i: int) -> str | None:
        """The name of the tool whose noun "tool" is at ``i``, past the words that say what it does: after "the",
        a name in capitals before them ("the MKCLASS automated classification tool", abstracts-ac arXiv:2511.02221,
        both golds), or a coined name right after the noun, a version glued to it ("the simulation-based inference
        tool DBNets2.0", abstracts-ac arXiv:2603.13149, both golds). Not "a tool", "the ML tool" (known), nor "the
        tool Python" (a word, not a coined name)."""
        n = len(doc)
        j = i - 1
        while j > 0 and i - j <= 4 and (doc[j].text == "-" or (doc[j].is_lower and doc[j].is_alpha)):
            j -= 1
        if i - j >= 2 and doc[j].lower_ in ("the", "our"):
            # the words between say what it does: "inference tool", "simulation-based inference tool"
            if i + 1 < n and doc[i].whitespace_:
                word = doc[i + 1]
                stem = _GLUED_VERSION.sub("", word.text)
                if (
                    word.text[:1].isupper()
                    and name_shaped(stem)
                    and (stem == word.text or word.text[len(stem) - 1].isalpha())
                    and not self.index.lookup(word.text)
                    and not self.index.lookup(stem)
                    and not self._is_known(doc, i + 1, i + 2)
                    and (i + 2 >= n or not (doc[i + 2].is_title or doc[i + 2].text == "-"))
                ):
                    return word.text
            return None
        if (
            i - j >= 3
            and doc[j].is_upper
            and doc[j].is_alpha
            and len(doc[j]) >= 4
            and j > 0
            and doc[j - 1].lower_ in _NAMED_OBJECTS
            and not doc[i - 1].lower_.endswith(("ing", "ed"))
            and not self.index.lookup(doc[j].text)
            and not self._is_known(doc, j, j + 1)
        ):
            # two or more words of its task between: one word is _coined_before_task's ("the LABKIT annotation tool")
            return doc[j].text
        return None

    def _tool_noun_before(self, doc: Doc, i: int) -> bool:
        """Is the naming verb at ``i`` said of a tool's noun a few words back: "an algorithm we call",
        "a pipeline, which we named", "a method called"?"""
        return self._named_noun(doc, i) is not None

    def _named_noun(self, doc: Doc, i: int) -> int | None:
        """The tool's noun the naming verb at ``i`` names (None: none): a few words back, or the head of the phrase a
        relative clause closes: "a new method of inference of Gaussian process parameters, which we call Neural
        Inference" (abstracts-z arXiv:2211.10305, both golds)."""
        j = next((j for j in range(i - 1, max(-1, i - 5), -1) if doc[j].norm_ in self._tool_head_words), None)
        if j is not None or i < 3 or doc[i - 1].lower_ != "we" or doc[i - 2].lower_ not in ("which", "that"):
            return j
        # back to the article that opens the phrase, within its sentence, then its head: an article, at most two
        # words that qualify the noun, the noun
        for k in range(i - 3, max(-1, i - 16), -1):
            word = doc[k]
            if word.text in _SENTENCE_ENDS:
                return None
            if word.lower_ in self._articles_text or word.lower_ in _AUTHORS_OWN:
                return next(
                    (h for h in range(k + 1, min(i - 2, k + 4)) if doc[h].norm_ in self._tool_head_words), None
                )
        return None

    def _names_physical_model(self, doc: Doc, i: int) -> bool:
        """Does the naming verb at ``i`` name a physical or statistical model: "a new stochastic model that we call
        Convolved Damped Random Walk (CDRW)" (abstracts-z arXiv:2211.10305, both golds: no entity)?"""
        j = self._named_noun(doc, i)
        return (
            j is not None
            and j > 0
            and doc[j].lower_ in ("model", "models")
            and doc[j - 1].lower_ in self.physical_model_words
        )

    def _titled_name(self, doc: Doc, start: int) -> int:
        """End of a name of capitalised words from ``start`` that a clause mark closes (0: none): "Direct Exoplanet
        Detection with Convolutional Image Reconstruction," (joining words inside it in lower case).

        Two capitalised words at least, and not a known name (nor one inside a known name).
        """
        n = len(doc)
        end, capitals = start, 0
        while end < n and end - start < 12:
            word = doc[end]
            if word.is_title or word.is_upper or name_shaped(word.text):
                capitals += 1
            elif not (
                (word.text == "-" and end > start) or (word.is_lower and word.lower_ in _JOINING_WORDS and end > start)
            ):
                break
            end += 1
        while end > start and not (doc[end - 1].is_title or doc[end - 1].is_upper or name_shaped(doc[end - 1].text)):
            end -= 1  # a name ends in a word of its own
        if capitals < 2 or end >= n or doc[end].text not in _NAME_CLOSERS:
            return 0
        if self.index.lookup(doc[start:end].text) or self._is_known(doc, start, end):
            return 0
        return end

    def _or_name(self, doc: Doc, end: int) -> str | None:
        """The short name after a name and ", or": "Direct Exoplanet Detection with ..., or ConStruct"."""
        k = end + 2
        n = len(doc)
        if k >= n or doc[end].text != "," or doc[end + 1].lower_ != "or":
            return None
        stop = self._compound_name(doc, k)
        if (
            stop
            and stop + 1 < n
            and doc[stop].is_title
            and doc[stop].is_alpha
            and doc[stop].lower_ not in self.stop_words
            and (doc[stop + 1].text in _NAME_CLOSERS or _for_short(doc, stop + 1))
        ):
            stop += 1  # "..., or GS³ Hunter for short," (abstracts-z arXiv:2401.05620): a coined word and its noun
        if not stop or (stop < n and doc[stop].text not in _NAME_CLOSERS and not _for_short(doc, stop)):
            return None
        return doc[k:stop].text

    def _title_name(self, doc: Doc, boundary: int) -> int:
        """End of a name that opens a title before a colon and is not name-shaped (0: none).

        "Point Proposal Network: Accelerating ...": capitalised words ending in a
        method's or a tool's head word. "Tails: Chasing Comets ...", "Hybrid-z:
        Enhancing ...": one word (or hyphenated word) before a subtitle that opens
        with an article or a gerund, written again in the abstract.
        """
        return self._of_doc(doc, "title_name", lambda d: self._find_title_name(d, boundary))

    def _find_title_name(self, doc: Doc, boundary: int) -> int:
        colon = next((i for i in range(min(boundary, 7)) if doc[i].text == ":"), 0)
        if colon == 0 or colon + 1 >= boundary:
            return 0
        words = doc[0:colon]
        if self._tool_before_subtitle(doc, words, colon, boundary):
            return colon
        if any(
            t.lower_ in self.stop_words
            or not (t.is_title or t.is_upper or t.text == "-" or (t.i > 0 and doc[t.i - 1].text == "-"))
            for t in words
        ):
            return 0
        if self.index.lookup(words.text) or self._is_known(doc, 0, colon):
            return 0
        head = self.head_types.get(words[-1].norm_)
        if len(words) >= 2 and "-" not in words.text and head in ("TECHNIQUE", "SOFTWARE"):
            return colon
        opener = doc[colon + 1]
        if (
            (len(words) == 1 or all(t.text == "-" or t.i == 0 or doc[t.i - 1].text == "-" for t in words))
            and (
                opener.lower_ in ("a", "an")
                or (opener.is_title and opener.lower_.endswith("ing"))
                or (
                    opener.is_title
                    and opener.lower_ in self.subtitle_openers  # "Chemulator: Fast, accurate ..."
                    and not _written_lower(doc, words.text)
                )  # not "Quasars: Fast variability ..." about quasars
            )
            and _repeated(doc, words, boundary, case=True)
        ):
            return colon
        return 0

    def _tool_before_subtitle(self, doc: Doc, words: Span, colon: int, boundary: int) -> bool:
        """Does a title name its tool before a colon and a subtitle that says it is one: "dolphin: A fully automated
        forward modeling pipeline powered by artificial intelligence" (abstracts-ab arXiv:2503.22657), "EBOP MAVEN: A
        machine learning model for predicting ..." (abstracts-aa arXiv:2502.11758; both golds of both)?

        The name is one word in lower case that the abstract writes again as written (its authors' spelling), or
        words in capitals or shaped as names, not all known ("ZTF SEDM" are two facilities); the subtitle opens with
        an article, and its noun phrase holds a tool's noun, or a "model" of learning ("Quasars: A Review" names a
        subject, "ABC: A physical model" a model of nature)."""
        if colon + 2 >= boundary or doc[colon + 1].lower_ not in self._articles_text:
            return False
        if len(words) == 1:
            word = words[0]
            if not (word.is_lower and word.is_alpha and len(word) >= 4 and word.lower_ not in self.stop_words
                    and _repeated(doc, words, boundary, case=True)):
                return False
        elif not (
            len(words) <= 3
            and all((t.is_upper and len(t) >= 3) or name_shaped(t.text) for t in words)
            and not all(self._is_known(doc, t.i, t.i + 1) for t in words)
        ):
            return False
        if self.index.lookup(words.text) or self._is_known(doc, 0, colon):
            return False
        head = doc[colon + 2 : _subtitle_head_end(doc, colon + 2, boundary)]
        return any(t.lower_ in self._tool_nouns for t in head) or (
            len(head) >= 2 and head[-1].lower_ == "model" and any(t.norm_ in self.ml_words for t in head)
        )

    def _title_definition(self, doc: Doc, boundary: int) -> tuple[int, int, int] | None:
        """A title that opens with a definition and a tool's subtitle: "Radio Source Extraction with Attention
        (RASEA): A Fast Algorithm for ...". (end of the long form, start and end of the short form), or None.

        The subtitle's head says what the name is: a tool's noun ("Algorithm", "Pipeline", "Package",
        "Framework"); "Fast Radio Bursts (FRBs): A Review of ..." names a subject.
        """
        k = next((i for i in range(2, min(boundary, 16)) if doc[i].text == "("), None)
        if k is None:
            return None
        # the short form is a word, or words a hyphen joins ("B-FlaP")
        close = next((j for j in range(k + 2, min(boundary, k + 6)) if doc[j].text == ")"), k + 2)
        if close + 1 >= boundary or doc[close].text != ")" or doc[close + 1].text != ":":
            return None
        long, short = doc[0:k], doc[k + 1 : close]
        parts = list(short)
        if any(t.text != "-" for t in parts[1::2]) or any(not t.is_alpha and not t.like_num for t in parts[::2]):
            return None
        if (
            not self._capitalized(long)
            or any(t.is_punct and t.text != "-" for t in long)
            or not (short[0].is_upper or name_shaped(short.text.replace("-", "")))
            or self.index.lookup(long.text)
            or self.index.lookup(short.text)
            or self._is_known(doc, 0, k)
        ):
            return None
        start = close + 2
        end = _subtitle_head_end(doc, start, boundary)
        if end == start:
            return None
        if doc[end - 1].lower_ not in self._tool_nouns and not (
            # "Blazar Flaring Patterns (B-FlaP): Classifying Blazar Candidates ..." (abstracts-v arXiv:1607.07822):
            # a short form coined with a capital inside lower case, then what it does, names the authors' tool
            _LOWER_THEN_CAPITAL.search(short.text)
            and doc[start].is_title
            and doc[start].lower_.endswith("ing")
        ):
            return None
        return k, k + 1, close

    def _subtitle_label(self, doc: Doc, start: int, boundary: int) -> str:
        """What a title's name is, from the head of its subtitle: "CatNorth: An Improved ... Catalog with ..."."""
        end = _subtitle_head_end(doc, start, boundary)
        return "DATASET" if end > start and doc[end - 1].norm_ in self.dataset_heads else "SOFTWARE"

    # -- rule four: tools known by the company they keep -----------------------

    def _software_in_context(self, doc: Doc, cues: dict[int, int]) -> list[Span]:
        """Tools named among other tools, after a processing verb, or before "package".

        A name-shaped word in a list with a known tool ("PRESTO, Heimdall"),
        after "softwares like" / "tools (e.g.," or "reduced with" ("reduced
        with Astro-WISE and THELI") is a tool, and so is a coined model name
        ("SolarFlareNet", "BTSbot"). A tool's name that is also a common word
        (``requires_definition`` forms: "exoplanet", "Commander", "batman")
        counts in the same company, or before "package"/"library"/"code".
        """
        rules = self.index.rules
        soft_by_start: dict[int, tuple] = {}
        soft_by_end: dict[int, tuple] = {}
        other_starts: set[int] = set()
        other_ends: set[int] = set()
        anchors: list[tuple] = []
        unsure: list[tuple] = []
        method_ends: set[int] = set()  # where a known method's name ends
        method_spans: set[tuple[int, int]] = set()
        facility_by_end: dict[int, tuple] = {}  # a facility's or a survey's name, by where it ends
        for match in match_tuples(doc, MATCHES):  # (start, end, label, concept id, rule index)
            if match[2] != "SOFTWARE":
                other_starts.add(match[0])
                other_ends.add(match[1])
                if match[2] in _FACILITY_LABELS:
                    facility_by_end.setdefault(match[1], match)
                if match[2] == "TECHNIQUE" and not rules[match[4]].requires_definition:
                    method_ends.add(match[1])
                    method_spans.add((match[0], match[1]))
                continue
            soft_by_start.setdefault(match[0], match)
            soft_by_end.setdefault(match[1], match)
            (unsure if rules[match[4]].requires_definition else anchors).append(match)
        n = len(doc)
        verbs = self._positions(cues, self._verb_norms)
        openers = self._positions(cues, self._opener_heads)
        nouns: list[int] = []
        tools: list[int] = []
        designs: list[int] = []  # "architecture" after a word coined in mixed case
        # "the ThetaRay system": a system's noun after a coined word
        heads = [i for i in self._positions(cues, self._system_norms) if i and _MIXED_CASE.match(doc[i - 1].text)]
        if verbs or openers:  # keep only the cues the next (or this) word completes, from one array
            lowers = self._lowers(doc)
            # "as implemented in TMVA" (fragments-n r12d-frag-06, both golds): "in" after that verb names the tool
            verbs = [v for v in verbs if v + 1 < n and (lowers[v + 1] in self._instrumental_ids or (
                lowers[v + 1] == self._in_id and doc[v].lower_ == "implemented"))]
            nouns = [i for i in openers if i and lowers[i] in self._software_noun_ids]
            # "the LABKIT annotation tool": "tool" names a tool only after a coined name and its task's noun (not
            # "a Gravitational Lens INference Tool", a title's words)
            tools = [i for i in openers if i >= 3 and lowers[i] == self._tool_id]
            designs = [i for i in openers if i >= 2 and lowers[i] == self._architecture_id]
            openers = [i for i in openers if i + 1 < n and lowers[i + 1] in self._opener_ids]
        text = doc.user_data.get(TEXT_KEY) or doc.text
        coined = list(_COINED_MODEL.finditer(text)) if _COINED_TAIL.search(text) else []
        if not (anchors or unsure or verbs or openers or nouns or coined or heads or tools):
            return []
        names: set[str] = set()
        architectures: set[str] = set()
        accepted: dict[tuple[int, int], tuple] = {}

        def past_version(end: int) -> int:
            """After a tool's version number, if one follows: "SAS 21.0 and CIAO 4.15" lists two tools."""
            return end + 1 if end < n and _VERSION.match(doc[end].text) else end

        def past_citation(end: int) -> int:
            """After the citation of a list's item, if one follows: "sep (Barbary 2016), photutils"."""
            if end + 2 >= n or doc[end].text != "(":
                return end
            first = doc[end + 1]
            if not (first.is_title or first.is_upper or name_shaped(first.text) or first.lower_ in ("e.g.", "see")):
                return end
            for k in range(end + 2, min(n, end + 16)):
                if doc[k].text == ")":
                    return k + 1 if any(_YEAR_WORD.match(t.text) for t in doc[end + 2 : k]) else end
                if doc[k].text == "(":
                    return end
            return end

        def ends_item(end: int) -> bool:
            end = past_citation(past_version(end))
            return end >= n or doc[end].lower_ in LIST_JOINERS or doc[end].text in _ITEM_ENDS

        def take(pos: int, need_end: bool = True) -> int:
            """Take the item starting at ``pos`` (a tool match or a coined name); its end, or 0."""
            match = soft_by_start.get(pos)
            if match is not None:
                if (
                    need_end
                    and rules[match[4]].requires_definition
                    and not ends_item(match[1])
                    and doc[match[0] : match[1]].text != rules[match[4]].text
                ):
                    # "implemented in PyTorch Lightning, and light-curve features for the baselines are computed"
                    # (fragments fragment-16): a tool's name that is also words, not written as declared, is an
                    # item of the list only whole ("downloaded with SunPy and drms from the JSOC" is)
                    return 0
                accepted[(match[0], match[1])] = match
                return match[1]
            if pos in other_starts:
                return 0
            end = self._compound_name(doc, pos) or self._code_name(doc, pos)
            if not end or (need_end and not ends_item(end)):
                return 0
            names.add(doc[pos:end].text)
            return end

        def past_aside(end: int) -> int:
            """After an aside on the item before, if one follows: its options in brackets ("PRESTO (accelsearch with
            zmax = 200) and riptide"), or its purpose in lower case ("dynesty for nested sampling and batman"); the
            aside ends where the list goes on."""
            if end >= n:
                return end
            if doc[end].text == "(":
                for k in range(end + 1, min(n, end + 12)):
                    if doc[k].text == ")":
                        return k + 1
                    if doc[k].text == "(":
                        return end
            elif doc[end].lower_ == "for":
                for k in range(end + 1, min(n, end + 7)):
                    if doc[k].lower_ in _ASIDE_ENDS:
                        return k
                    if not (doc[k].is_lower and (doc[k].is_alpha or doc[k].text == "-")):
                        return end
            return end

        def walk_right(pos: int) -> None:
            while pos < n:
                pos = past_citation(past_version(pos))
                aside = past_aside(pos)
                j = aside
                while j < n and doc[j].lower_ in LIST_JOINERS:
                    j += 1
                if j == aside or j >= n:
                    return
                if aside != pos and j not in soft_by_start:
                    return  # after an aside, only a name the ontology knows as a tool goes on the list
                pos = aside
                end = take(j)
                if not end:
                    if (
                        any(doc[k].lower_ in _LAST_JOINERS for k in range(pos, j))
                        and ((after := past_version(j + 1)) == n or doc[after].text in _CLAUSE_CLOSERS)
                        and self._lower_tool_word(doc, j)
                    ):
                        # "ALFOSC data with PypeIt and foscgui." (fragments-n r12d-frag-04, both golds): a word in
                        # lower case that closes a list of tools is the last tool, as written by its authors
                        names.add(doc[j].text)
                    return
                pos = end

        def walk_left(pos: int) -> None:
            while pos > 0:
                j = pos
                while j > 0 and doc[j - 1].lower_ in LIST_JOINERS:
                    j -= 1
                if j == pos or j == 0:
                    return
                if j >= 2 and _VERSION.match(doc[j - 1].text):
                    j -= 1  # "SAS 21.0 and CIAO 4.15": the item before ends in its version number
                elif j >= 4 and doc[j - 1].text == ")":
                    # "SODIRF (random forests) and SODINN (neural networks)" (abstracts-v arXiv:1712.02841): the
                    # item before says in parentheses the method it is built on
                    o = next((k for k in range(j - 3, max(0, j - 8), -1) if doc[k].text == "("), None)
                    if o is None or (o + 1, j - 1) not in method_spans:
                        return
                    j = o
                match = soft_by_end.get(j)
                if match is not None:
                    accepted[(match[0], match[1])] = match
                    pos = match[0]
                    continue
                if j in other_ends:
                    return
                start = self._name_before_comma(doc, j)
                if start is None or start == j:
                    if (
                        j >= 2
                        and doc[j - 2].lower_ in _INSTRUMENTAL
                        and all(doc[k].lower_ in _COORDINATORS for k in range(j, pos))
                        and self._lower_tool_word(doc, j - 1)
                    ):
                        names.add(doc[j - 1].text)  # "flux-calibrated with fluxcal and PypeIt"
                    return
                names.add(doc[start:j].text)
                pos = start

        for match in anchors:
            walk_left(match[0])
            walk_right(match[1])
            names.update(self._tasks_in_parentheses(doc, past_version(match[1]), soft_by_start))
        for i in openers:  # "softwares like X and Y", "tools (e.g., X, Y)", "Software: X, Y"
            j, opened = i + 1, False
            while j < n and doc[j].lower_ in _OPENER_WORDS:
                opened = opened or (doc[j].lower_ in LIST_OPENERS and doc[j].text != "(")
                j += 1
            if opened and j < n:
                end = take(j)
                if end:
                    walk_right(end)
        for i in nouns:  # "the lc_classifier package", "the pySYD pipeline": a code word or a name before the noun
            end = i - 1 if i >= 2 and doc[i - 1].lower_ in _LANGUAGES else i  # "the light_curve Python package"
            start = end - 1
            while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].is_punct and not doc[start].is_lower:
                start -= 2  # "the Deep-LC toolkit", not "an AI-based pipeline"
            name = doc[start:end]
            if (
                (
                    _CODE_WORD.match(name.text)
                    or (name_shaped(name.text.replace("-", "")) and not name[-1].like_num and (
                        not _eponymous(name.text) or self._released_as(doc, start, i)))
                )
                and not self.index.lookup(name.text)
                and not self._is_known(doc, start, end)
                and not self._kind_after_article(doc, start)
                and not (start < end - 1 and self._umbrella_word(doc[end - 1].text))
            ):
                names.add(name.text)
            elif i + 1 < n and self._named_after_noun(doc, i):
                names.add(doc[i + 1].text)  # "the astrochemical code Nautilus", "the public code plancklens"
            elif (
                end == i
                and (start := i - 2 if doc[i - 1].is_lower and doc[i - 1].is_alpha else i - 1) >= 1
                and doc[start - 1].lower_ in _NAMED_OBJECTS
                and doc[i].lower_ in _NAMING_NOUNS | {"pipeline"}
                and self._proper_name(doc, start)
                and not (i + 1 < n and (doc[i + 1].is_title or doc[i + 1].is_upper or name_shaped(doc[i + 1].text)))
            ):
                # "the Nebula pipeline identifies ...", "the Jim inference toolkit": a capitalised word used as
                # the name (not "the Boltzmann code CLASS", whose name follows)
                names.add(doc[start].text)
            elif end == i and i >= 2 and doc[i - 2].lower_ == "the" and self._lower_case_tool(doc, i - 1):
                names.add(doc[i - 1].text)  # "the vespa algorithm (Morton et al. 2016)", then "with vespa,"
            elif end == i and i >= 2 and doc[i - 2].lower_ in _NAMED_OBJECTS and self._opens_a_sentence(doc, i - 1):
                # "We also make the autovet code used to implement the algorithm publicly accessible. autovet is
                # designed to ..." (abstracts-z arXiv:1805.07089, both golds): a word in lower case before a tool's
                # noun that also opens a sentence, as no common word does, is written as its authors write the name
                names.add(doc[i - 1].text)
        names.update(doc[i - 2].text for i in tools if self._coined_before_task(doc, i))  # abstracts-w arXiv:2407.19461
        for i in designs:
            # "a graph neural network (GNN) based on the DynEdge architecture, implemented in GraphNeT" (fragments-o
            # r12y-frag-06, both golds: "DynEdge" TECHNIQUE): a design others named, a word coined in mixed case
            # ("the FPGA architecture", "the CUDA architecture" are hardware, in capitals)
            word = doc[i - 1]
            if doc[i - 2].lower_ == "the" and _MIXED_CASE.match(word.text) and not self.index.lookup(word.text) \
                    and not self._is_known(doc, i - 1, i):
                architectures.add(word.text)
        for i in nouns:
            found = self._identifier_in_parentheses(doc, i)
            if found is not None:
                names.add(found)
        for i in tools:
            named = self._named_by_tool_noun(doc, i)
            if named is not None:
                names.add(named)
        for i in nouns:
            found = self._facility_pipeline(doc, i, facility_by_end)
            if found is not None:
                names.add(found)
        for i in heads:
            # "The AI/ML ThetaRay system is trained initially with Kepler exoplanetary data" (abstracts-z
            # arXiv:2102.10326, both golds): a word coined with a capital inside lower case names the system or the
            # platform it stands before; a planet's host ("the TRAPPIST-1 system") has no such word
            if not self.index.lookup(doc[i - 1].text) and not self._is_known(doc, i - 1, i):
                names.add(doc[i - 1].text)
        for i in nouns:
            pair = self._pair_before_plural(doc, i)
            if pair is not None:
                names.update(pair)
        for v in verbs:  # "reduced with THELI", "folded using DSPSR", "as implemented in TMVA"
            j = v + 1
            if j < n and (doc[j].lower_ in _INSTRUMENTAL or doc[j].lower_ == "in"):
                within = doc[j].lower_ == "in"
                j += 1
                if j < n and doc[j].lower_ == "the":
                    j += 1
                if j < n and not (within and not doc[j].text[:1].isalpha()):
                    # what a method is implemented in ends its item: "implemented in FPGA hardware" is no tool
                    end = take(j, need_end=within)
                    if not end and not within and self._capitalized_tool(doc, j):  # not "implemented in Appendix."
                        names.add(doc[j].text)  # "photometric redshifts were computed using Circlez."
                        end = j + 1
                    if (
                        not end
                        and ((after := past_version(j + 1)) == n or doc[after].text in _CLAUSE_CLOSERS)
                        and self._lower_tool_word(doc, j)
                        and self._tool_in_sentence(doc, j, anchors)
                    ):
                        # "..., which is built on CASA, and network-calibrated with eat." (fragments-n r12d-frag-01),
                        # "as implemented in pyilc, and power spectra are estimated with NaMaster" (r12d-frag-14;
                        # both golds): a lower-case word that closes the clause of a processing verb is a tool
                        # when the sentence names other tools
                        names.add(doc[j].text)
                        end = j + 1
                    if end and (end >= n or doc[end].norm_ not in self.not_a_tool_after):
                        walk_right(end)
                    elif end:
                        names.discard(doc[j:end].text)
                        accepted.pop((j, end), None)
        unsure_by_start = {m[0]: m for m in unsure}
        for match in unsure:  # "the sbi package", "the public code plancklens", "the drms Python client"
            if match[1] - match[0] >= 5 and self._identifier_as_declared(doc, match):
                # "on features from light-curve-features and against SuperNNova" (fragments-h r6y-frag-06, both
                # golds): a package's kebab-case identifier written as declared is the package ("a light curve
                # feature" is words)
                accepted[(match[0], match[1])] = match
            after = doc[match[1]].lower_ if match[1] < n else ""
            if after in _SUITE_NOUNS and self._tool_in_sentence(doc, match[0], anchors):
                # "reduced with ORAC-DR and the SMURF map-maker in the Starlink suite" (fragments-n r12d-frag-03,
                # both golds): a collection of tools, in a sentence that names tools
                accepted[(match[0], match[1])] = match
            pair = self._coordinated_tool(doc, match, unsure_by_start)
            if pair is not None:
                # "compared with posterior samples from Themis and DMC." (fragments-n r12d-frag-01, both golds):
                # two tools whose names are also words, listed together, are each other's company
                accepted[(match[0], match[1])] = match
                accepted[(pair[0], pair[1])] = pair
            if after in _LANGUAGES and match[1] + 1 < n:
                after = doc[match[1] + 1].lower_
            before = doc[match[0] - 1].lower_ if match[0] else ""
            if (
                after not in self.software_nouns
                and after.isalpha()
                and after.islower()
                and match[1] + 1 < n
                and before in _NAMED_OBJECTS
            ):
                after = doc[match[1] + 1].lower_  # "the Jim inference toolkit": one word says what kind of tool
            if (
                before in _NAMED_OBJECTS
                and not doc[match[0]].is_lower
                and match[1] + 3 < n
                and doc[match[1] + 1].text == "-"
                and not doc[match[1]].whitespace_
                and not doc[match[1] + 1].whitespace_
                and doc[match[1] + 2].is_lower
                and doc[match[1] + 3].lower_ in ("model", "models", *self.software_nouns)
            ):
                # "the Shark semi-analytic model" (abstracts-y arXiv:2602.06492, both golds: "Shark"): a compound
                # that says what kind of code it is, then its noun; the name is the code's
                accepted[(match[0], match[1])] = match
            if after in self.software_nouns or before in self.software_nouns:
                accepted[(match[0], match[1])] = match
            elif (
                before in _INSTRUMENTAL
                or (before == "in" and match[0] >= 2 and doc[match[0] - 2].norm_ in self._process_verbs)
            ) and (
                not after
                or after in _ITEM_ENDS
                or after == ","
                # "downloaded ... with drms and calibrated with aiapy" (fragments-h r6y-frag-07, both golds): the
                # tool's item ends where the next processing step begins
                or (after in ("and", "or") and match[1] + 1 < n and doc[match[1] + 1].norm_ in self._process_verbs)
            ):
                # "fitted with juliet, which wraps batman"; "as implemented in juliet."
                accepted.setdefault((match[0], match[1]), match)
            elif (
                (before in _INSTRUMENTAL or before in _WITHIN)
                and (not after or after in _ITEM_ENDS or after == ",")
                and self._tool_in_sentence(doc, match[0], anchors)
            ):
                # "jointly with the Keplerian signals in juliet, with nested sampling performed by dynesty"
                # (fragments-o r12y-frag-02), "with photon propagation by CLSim and muon propagation by PROPOSAL."
                # (r12y-frag-06; both golds of both): the word that closes a step done in or by something, in a
                # sentence that names other tools, is the tool
                accepted.setdefault((match[0], match[1]), match)
            elif (
                before in self._object_verbs
                and after == ","
                and doc[match[0]].is_lower
                and any(match[1] < a[0] <= match[1] + 4 for a in anchors)
            ):
                # "The joint fit used juliet, which wraps dynesty and batman" (fragments-l r10y-frag-06): a tool
                # the verb uses, and other tools named in the clause that follows it
                accepted.setdefault((match[0], match[1]), match)
            elif (
                before in self._object_verbs
                and (not after or after in _ITEM_ENDS)
                and doc[match[0]].is_lower
                and any(
                    match[0] - 12 <= a[1] < match[0] and not crosses_sentence(doc, a[1], match[0] + 1) for a in anchors
                )
            ):
                # "..., and sampled with dynesty, and transit injection-recovery tests used batman." (fragments-m
                # r11y-frag-06, both golds): the last tool a sentence that names other tools uses
                accepted.setdefault((match[0], match[1]), match)
            elif (
                before == "("
                and after == ")"
                and match[0] - 1 in method_ends
                and (match[0], match[1]) not in self._short_forms(doc)
            ):
                # "interpolated with a Gaussian process (george)" (fragments-k r9y-frag-06): a method, then the code
                # that implements it (not a short form the parentheses define: "Gaussian process (GP)")
                accepted.setdefault((match[0], match[1]), match)
        out_known: list[Span] = []
        for found in coined:
            span = doc.char_span(found.start(), found.end())
            if span is not None and self._opens_organization(doc, span.end):
                continue  # "the SciNet HPC Consortium" (fragments-l r10y-frag-10): an organisation's name, no model
            if span is not None and not self.index.lookup(span.text) and not self._is_known(doc, span.start, span.end):
                architecture = self._numbered_architecture(span.text)
                if architecture is not None:
                    # "DenseNet201", "DenseNet-201" (abstracts-x arXiv:2101.12628, arXiv:2512.11487, both golds): a
                    # known architecture and its depth, the architecture written whole, not a model of the authors'
                    out_known.append(Span(doc, span.start, span.end, label="TECHNIQUE", kb_id=architecture,
                                          span_id="context"))
                    continue
                if (
                    span.end < n
                    and doc[span.end].norm_ in self.technique_after_definition
                    and not (span.start and doc[span.start - 1].lower_ in _AUTHORS_OWN)
                ):
                    # "based on the U2-Net architecture": a network architecture others named, a TECHNIQUE
                    # ("our PulsarNet architecture" is the authors' model, a tool)
                    architectures.add(span.text)
                else:
                    names.add(span.text)
        out: list[Span] = out_known
        for name in sorted(names):
            out.extend(self._occurrences(doc, name))
        for name in sorted(architectures - names):
            out.extend(self._occurrences(doc, name, "TECHNIQUE"))
        for (start, end), match in sorted(accepted.items()):
            if rules[match[4]].requires_definition:
                out.append(Span(doc, start, end, label="SOFTWARE", kb_id=match[3], span_id="context"))
        return out

    def _identifier_in_parentheses(self, doc: Doc, noun: int) -> str | None:
        """A package's identifier in parentheses later in the sentence of a tool's noun: "We built a code for
        creating TESS training data with asteroid masks that served as the foundation of our effort
        (tess-asteroid-ml)" (abstracts-aa arXiv:2605.12391, both golds). Lower case, three parts or more joined by
        hyphens and no space, none a stop word ("(signal-to-noise)", "(state-of-the-art)" are words)."""
        n = len(doc)
        for k in range(noun + 1, min(n, noun + 40)):
            word = doc[k]
            if word.is_sent_end or word.text in (".", ";", "!", "?"):
                return None
            if word.text != "(":
                continue
            close = next((j for j in range(k + 1, min(n, k + 12)) if doc[j].text == ")"), None)
            if close is None:
                continue
            inner = doc[k + 1 : close]
            written = inner.text
            if " " not in written and _KEBAB_IDENTIFIER.match(written) \
                    and not any(part in self.stop_words for part in written.split("-")) \
                    and not self.index.lookup(written) and not self._is_known(doc, k + 1, close):
                return written
        return None

    def _released_as(self, doc: Doc, start: int, noun: int) -> bool:
        """Is the word before the tool's noun at ``noun`` the name of one released product: "implemented in the
        Deep-Transit toolkit" (abstracts-aa arXiv:2108.00670, both golds)? Title-case words joined by a hyphen name
        the equations a kind of code solves ("an Einstein-Boltzmann code", "the Navier-Stokes solver"); before a
        noun of a distributed product ("toolkit", "package") after "the" they name the one the authors release."""
        return start >= 1 and doc[start - 1].lower_ == "the" and doc[noun].lower_ in self.product_tool_nouns

    def _kind_after_article(self, doc: Doc, start: int) -> bool:
        """Does an indefinite article open the phrase whose word at ``start`` stands before a tool's noun: "using a
        PSF algorithm" (abstracts-x arXiv:2506.03248, both golds), "a new N-body/SPH code" (seed-dev)? The word
        then says what kind of tool it is, no name ("the DAOPHOT package" names one).

        Read back over the parts glued to the word ("N-body/") and over up to two lower-case words ("new").
        """
        k = start - 1
        while k >= 0 and not doc[k].whitespace_:
            k -= 1  # "N-body/SPH": one written word
        for _ in range(3):
            if k < 0:
                return False
            if doc[k].lower_ in self._articles_text:
                return True
            if not (doc[k].is_lower and doc[k].is_alpha):
                return False
            k -= 1
        return False

    def _umbrella_word(self, written: str) -> bool:
        """Is a word a form of an umbrella term ("AI", "ML")? Hyphenated after another word before a tool's noun
        it says what field the tool is of, no name of one: "A Statistical-AI Framework" (abstracts-w
        arXiv:2604.08196, both golds), unlike "the Deep-LC toolkit"."""
        return any((c := self.index.concept(cid)) is not None and c.type == "TECHNIQUE" and c.generic
                   for cid in self.index.lookup(written))

    def _numbered_architecture(self, written: str) -> str | None:
        """The known architecture a coined-looking word names with its depth or variant number ("DenseNet201",
        "DenseNet-201", "ResNet-200"), or None."""
        found = _DEPTH_TAIL.search(written)
        if found is None or found.start() < 3:
            return None
        for cid in sorted(self.index.lookup(written[:found.start()])):
            concept = self.index.concept(cid)
            if concept is not None and concept.type == "TECHNIQUE" and concept.kind == "architecture":
                return cid
        return None

    def _pair_before_plural(self, doc: Doc, i: int) -> tuple[str, str] | None:
        """Two names joined by "&" or "and" that a plural tool noun closes, its description between: "the HIDE &
        SEEK radio data simulation and processing packages" (abstracts-v arXiv:1609.09077, both golds: two
        tools). Each name is written in capitals or shaped as a name, and unknown; "the" opens the phrase."""
        if doc[i].lower_ not in _PLURAL_TOOL_NOUNS:
            return None
        k = i
        while k > 0 and i - k < 6 and doc[k - 1].is_lower and (doc[k - 1].is_alpha or doc[k - 1].text == "-"):
            k -= 1
        if k < 4 or doc[k - 2].lower_ not in ("&", "and") or doc[k - 4].lower_ != "the":
            return None
        first, second = doc[k - 3], doc[k - 1]
        if not all(
            (t.is_upper and t.is_alpha and len(t) >= 3) or (name_shaped(t.text) and not t.like_num)
            for t in (first, second)
        ):
            return None
        if any(self._is_known(doc, t.i, t.i + 1) for t in (first, second)):
            return None
        return first.text, second.text

    def _opens_organization(self, doc: Doc, end: int) -> bool:
        """Do capitalised words from ``end`` end in an organisation's word ("... HPC Consortium", "... Center")?"""
        for j in range(end, min(len(doc), end + 4)):
            word = doc[j]
            if word.lower_ in self.organization_words:
                return True
            if not (word.is_title or word.is_upper):
                return False
        return False

    def _cited_tools(self, doc: Doc, text: str) -> list[Span]:
        """A name after "with"/"using"/"via" that its citation follows is a tool used in passing: "We fit the
        SEDs with Magpie (Okafor et al. 2021)", "estimated using Corvid (Lind & Park 2019)".

        One capitalised word (no plural, no adjective made from a name: "with Gaussians (Smith et al. 2020)")
        or a name-shaped one, unknown; the parentheses hold an author's name and a year.
        """
        names: set[str] = set()
        for found in _CITED_AFTER_WITH.finditer(text):
            span = doc.char_span(found.start(1), found.end(1))
            if span is None or span.end >= len(doc) or len(span) != 1:
                continue
            i = span.start
            word = doc[i]
            if self._compound_name(doc, i) == i + 1 and not self._is_known(doc, i, i + 1):
                names.add(word.text)  # "using PHOEBE (Prsa et al. 2016)"
            elif self._capitalized_name(doc, i):
                names.add(word.text)
        out: list[Span] = []
        for name in sorted(names):
            out.extend(self._occurrences(doc, name))
        return out

    def _lower_case_tool(self, doc: Doc, i: int) -> bool:
        """Is the lower-case word ``i`` before a tool's noun a tool's name: "the vespa algorithm (Morton et al.
        2016)" (arXiv:2008.10516)?

        Three things together: a citation right after the noun (a published tool or method), the same word used
        alone as a noun elsewhere in the record, after a preposition and before a punctuation mark ("the
        weaknesses of vespa,"), and a word no adjective or task noun is shaped like ("the detection algorithm
        (Smith et al. 2020) ... the completeness of detection." is a task).
        """
        word = doc[i]
        n = len(doc)
        if not (
            word.is_lower
            and word.is_alpha
            and len(word) >= 3
            and not word.lower_.endswith(_COMMON_NOUN_ENDS)
            and word.lower_ not in self.stop_words
            and i + 3 < n
            and doc[i + 2].text == "("
            and (doc[i + 3].is_title or doc[i + 3].is_upper)
            and any(t.like_num and len(t) == 4 for t in doc[i + 4 : min(n, i + 10)])
            and not self._is_known(doc, i, i + 1)
            and not self.index.lookup(word.text)
        ):
            return False
        return any(
            k != i
            and doc[k].text == word.text
            and doc[k - 1].lower_ in _ALONE_AFTER
            and (k + 1 == n or doc[k + 1].is_punct)
            for k in range(1, n)
        )

    def _lower_tool_word(self, doc: Doc, i: int) -> bool:
        """Could the lower-case word ``i`` be a tool's name as its authors write it ("eat", "foscgui", "uvotimsum")?

        One word of letters (digits, underscores), three or more; no stop word, word of manner or place ("care",
        "practice"), plural, adverb, nor a word shaped like an adjective, a task's noun ("calibration", "imaging")
        or a field's ("spectroscopy"); no known name.
        """
        word = doc[i]
        text = word.text
        return (
            len(text) >= 3
            and _LOWER_WORD.match(text) is not None
            and text not in self.stop_words
            and text not in self.not_tool_words
            and not text.endswith(("s", "ly", *_COMMON_NOUN_ENDS, *_FIELD_ENDS))
            and not self.index.lookup(text)
            and not self._is_known(doc, i, i + 1)
        )

    def _tool_in_sentence(self, doc: Doc, i: int, anchors: list[tuple]) -> bool:
        """Does a known tool (an ``anchors`` match) stand in the sentence of token ``i``, apart from it (the title
        is a sentence of its own)?"""
        boundary = self._title_end(doc)
        for start, end, *_ in anchors:
            if start <= i < end or (start < boundary) != (i < boundary):
                continue
            low, high = (end, i + 1) if end <= i else (i, start + 1)
            if high - low <= 60 and not crosses_sentence(doc, low, high):
                return True
        return False

    def _tasks_in_parentheses(self, doc: Doc, at: int, soft_by_start: dict[int, tuple]) -> list[str]:
        """The tasks a suite's name lists in parentheses at ``at``: "HEASoft 6.32 (uvotimsum, uvotsource)"
        (fragments-n r12d-frag-07, both golds), "CIAO 4.15 (dmcopy and dmgroup)". Every item one word in lower
        case, or a known tool; commas and "and" between them ("(version 6.4.1)", "(astropy collaboration)" list
        none); two items or more, or code words ("(chandra_repro)"). The words the ontology does not know, or
        none."""
        n = len(doc)
        if at >= n or doc[at].text != "(":
            return []
        words: list[str] = []
        items = 0
        k = at + 1
        while k < n:
            match = soft_by_start.get(k)
            if match is not None:
                k = match[1]
            elif self._lower_tool_word(doc, k):
                words.append(doc[k].text)
                k += 1
            else:
                return []
            items += 1
            if k < n and doc[k].text == ")":
                # one plain word alone may be a parameter or a model the suite fits ("GALFIT (sersic)")
                return words if items >= 2 or all(_CODE_WORD.match(w) for w in words) else []
            if k >= n or doc[k].lower_ not in (",", "and"):
                return []  # "Elastic (petabyte scale search engine)": words of a description, no list
            while k < n and doc[k].lower_ in (",", "and"):
                k += 1
        return []

    def _coordinated_tool(self, doc: Doc, match: tuple, unsure_by_start: dict[int, tuple]) -> tuple | None:
        """The other of two tools whose names are also words (``requires_definition`` forms), joined by "and" after
        "with"/"from"/"using" and closing the clause: "posterior samples from Themis and DMC." Neither written in
        lower case ("exoplanet and species" are words), one in capitals or shaped as a name; ``match`` is the
        first."""
        n = len(doc)
        start, end = match[0], match[1]
        if not (start and end + 1 < n and doc[end].lower_ in _LAST_JOINERS):
            return None
        other = unsure_by_start.get(end + 1)
        if other is None or doc[start].is_lower or doc[other[0]].is_lower:
            return None
        if not any((t.is_upper and len(t) >= 3) or name_shaped(t.text) for t in (doc[start], doc[other[0]])):
            return None  # "discussions with Edward and Jim": two words in Title Case are more often people
        if doc[start - 1].lower_ not in _INSTRUMENTAL and doc[start - 1].lower_ != "from":
            return None
        return other if other[1] == n or doc[other[1]].text in _CLAUSE_CLOSERS else None

    def _identifier_as_declared(self, doc: Doc, match: tuple) -> bool:
        """Is a tool's form that needs company written here as declared, a lower-case identifier of three or more
        parts joined by hyphens, no space ("light-curve-feature")?"""
        written = doc[match[0] : match[1]].text
        return (
            written == self.index.rules[match[4]].text
            and written.count("-") >= 2
            and written.islower()
            and " " not in written
        )

    def _facility_pipeline(self, doc: Doc, i: int, facility_by_end: dict[int, tuple]) -> str | None:
        """A facility's or a survey's name and "pipeline", used as a tool ("with the PESSTO pipeline", fragments-n
        r12d-frag-04, both golds): the pipeline's name, written with the facility's. Not what a survey's pipeline
        did ("events identified by the WASP pipeline", abstracts-z arXiv:1811.07754, both golds: WASP alone)."""
        if doc[i].text != "pipeline":
            return None
        match = facility_by_end.get(i)
        if match is None or match[0] < 2:
            return None
        start = match[0]
        if doc[start - 1].lower_ != "the" or doc[start - 2].lower_ not in _INSTRUMENTAL:
            return None
        if self._is_known(doc, start, i + 1):
            return None  # "the ALMA pipeline": the ontology's own name
        return doc[start : i + 1].text

    def _data_systems(self, doc: Doc, cues: dict[int, int]) -> list[Span]:
        """A known facility's or survey's name opening a capitalised name that ends in "System" and holds a word of
        data processing is its data system, a tool: "the VISTA Data Flow System" (fragments-n r12d-frag-09), "the
        OGLE Early Warning System" (r12d-frag-13; both golds). "the Rubin Observatory Active Optics System" is
        hardware."""
        heads = [i for i in self._positions(cues, self._system_norms) if doc[i].text == "System"]
        if not heads:
            return []
        out: list[Span] = []
        for i in heads:
            start = self._name_start(doc, i)
            if start is None or i - start < 2 or self._is_known(doc, start, i + 1):
                continue
            facility = next(
                (e for s, e, label, *_ in match_tuples(doc, MATCHES) if s == start and label in _FACILITY_LABELS),
                None,
            )
            if facility is None or facility >= i:
                continue
            if any(t.norm_ in self.data_system_words for t in doc[facility:i]):
                out.extend(self._occurrences(doc, doc[start : i + 1].text))
        return out

    def _opens_a_sentence(self, doc: Doc, i: int) -> bool:
        """Is the lower-case word ``i`` (no stop word, unknown) written elsewhere in the record as a sentence's
        first word, still in lower case?"""
        word = doc[i]
        if not (word.is_lower and word.is_alpha and len(word) >= 3) or word.lower_ in self.stop_words:
            return False
        if self.index.lookup(word.text) or self._is_known(doc, i, i + 1):
            return False
        same = (token_arrays(doc).column(ORTH) == word.orth).nonzero()[0].tolist()
        return any(k != i and sentence_initial(doc, k) for k in same)

    @staticmethod
    def _short_forms(doc: Doc) -> set[tuple[int, int]]:
        """(start, end) of every short form the abbreviation detector found."""
        return {(s, e) for s, e, *_ in abbreviation_tuples(doc)}

    def _named_after_noun(self, doc: Doc, i: int) -> bool:
        """Is the word after "the [adjective] code" a tool's name: one capitalised or name-shaped word, unknown?"""
        if doc[i].lower_ not in _NAMING_NOUNS:
            return False
        # "the code X", "the public code X", "the photon-conserving semi-numerical code SCRIPT" (arXiv:2511.16256):
        # lower-case words, hyphenated or not, between "the" and the noun
        j = i - 1
        while (
            j > 0
            and i - j <= 6
            and (doc[j].text == "-" or (doc[j].is_lower and doc[j].is_alpha))
            and doc[j].lower_ != "the"
        ):
            j -= 1
        if doc[j].lower_ != "the":
            return False
        word = doc[i + 1]
        if (
            not word.is_alpha
            or word.lower_ in self.stop_words
            or not (word.is_title or name_shaped(word.text))
            or (word.is_upper and len(word) < 3)
        ):
            return False
        if i + 2 < len(doc) and (doc[i + 2].is_title or doc[i + 2].text == "-"):
            return False  # a longer name or a new sentence's word: not one word
        return not self.index.lookup(word.text) and not self._is_known(doc, i + 1, i + 2)

    def _facilities_in_context(self, doc: Doc) -> list[Span]:
        """A facility's short form that needs a definition counts before a facility noun: "the HERMES spectrograph".

        The noun after it is what the definition would say: "HERMES" alone is
        a word, "HERMES spectrograph" an instrument. When several concepts
        share the form, the one whose kind fits the noun is taken.
        """
        rules = self.index.rules
        by_span: dict[tuple[int, int, str], list[tuple]] = {}
        for match in match_tuples(doc, MATCHES):
            if match[2] in _FACILITY_LABELS and rules[match[4]].requires_definition:
                by_span.setdefault((match[0], match[1], match[2]), []).append(match)
        out: list[Span] = []
        n = len(doc)
        for (start, end, label), matches in sorted(by_span.items()):
            if not doc[start].is_upper:
                continue
            concepts = sorted({m[3] for m in matches})
            if len(concepts) != 1:  # one facility of that name: "HERMES" the spectrograph, no other
                continue
            cid = concepts[0]
            if label == "SURVEY":
                # "the VIDEO survey", "the MACHO survey": the lower-case noun says the short form is the survey,
                # which is named without it, as "the GALAH survey" is GALAH
                if end < n and doc[end].lower_ in self.survey_context_nouns:
                    out.append(Span(doc, start, end, label=label, kb_id=cid, span_id="context"))
                continue
            if (
                (end < n and doc[end].norm_ in self.facility_context_nouns)
                or self._said_to_be_a_facility(doc, end)
                or self._beside_sibling(doc, start, end, cid)
            ):
                out.append(Span(doc, start, end, label="TELESCOPE", kb_id=cid, span_id="context"))
        return out

    def _facility_keywords(self, doc: Doc, text: str) -> list[Span]:
        """The keywords of an AAS journals' facility line are facilities, written as the journals' list writes them.

        "Facilities: PO:1.2m (ZTF), PO:1.5m (SEDM), Liverpool:2m (SPRAT), NTT (EFOSC2), XMM." (fragments-p
        r13d-frag-09, first gold: PO:1.2m, PO:1.5m, Liverpool:2m): a keyword with a colon names one telescope of
        an observatory, by its aperture or its number ("Keck:I", "Magellan:Clay"), a name no dictionary holds;
        the words in a keyword's parentheses are its instruments. Known names are the ruler's; a keyword without
        a colon may be an archive ("MAST", "IRSA") as well as a facility, so only known ones count.
        """
        out: list[Span] = []
        for hit in self._facility_line.finditer(text):
            end = text.find("\n", hit.end())
            end = len(text) if end < 0 else end
            if (stop := _SENTENCE_END.search(text, hit.end(), end)) is not None:
                end = stop.start() + 1  # the line joined to the next sentence ends with its own full stop
            depth, item_start = 0, hit.end()
            items: list[tuple[int, int]] = []
            for k in range(hit.end(), end + 1):
                c = text[k] if k < end else ","
                if c == "(":
                    depth += 1
                elif c == ")":
                    depth = max(0, depth - 1)
                elif c in ",;" and depth == 0:
                    items.append((item_start, k))
                    item_start = k + 1
            for start, stop in items:
                paren = text.find("(", start, stop)
                keyword = (start, paren if paren >= 0 else stop)
                names = [(keyword, True)]
                if paren >= 0:
                    close = text.find(")", paren, stop + 1)
                    close = stop if close < 0 else close
                    k = paren + 1
                    for part in text[paren + 1:close].split(","):
                        names.append(((k, k + len(part)), False))
                        k += len(part) + 1
                for (a, b), is_keyword in names:
                    while a < b and text[a].isspace():
                        a += 1
                    while b > a and (text[b - 1].isspace() or text[b - 1] == "."):
                        b -= 1
                    written = text[a:b]
                    if not written or not written[0].isupper() or (is_keyword and ":" not in written):
                        continue
                    span = doc.char_span(a, b)
                    if span is None or self._is_known(doc, span.start, span.end) or self.index.lookup(written):
                        continue
                    out.append(Span(doc, span.start, span.end, label="TELESCOPE", kb_id=candidate_id(written),
                                    span_id="aperture"))
        return out

    def _instruments_after_slash(self, doc: Doc, text: str) -> list[Span]:
        """A name written after a known facility and a slash is its instrument: "neutral-gas densities from
        ROSINA/COPS" (fragments-p r13d-frag-06, both golds: COPS), as "SDO/AIA" and "NTT/EFOSC2" are.

        The name is written in capitals, three letters or more, and stands alone: a filter ("HST/F814W"), a
        release ("Gaia/DR3"), a programme ("HST/GO 12345"), a band ("GALEX/NUV") or a channel ("ACS/WFC") is none.
        """
        matches = match_tuples(doc, MATCHES)
        facility_ends = {e for s, e, label, *_ in matches if label == "TELESCOPE"}
        if not facility_ends:
            return []
        covered = {i for s, e, *_ in matches for i in range(s, e)}
        out: list[Span] = []
        n = len(doc)
        for end in sorted(facility_ends):
            if end + 1 >= n or doc[end].text != "/" or doc[end - 1].whitespace_ or doc[end].whitespace_:
                continue
            name = doc[end + 1]
            written = name.text
            if end + 1 in covered or not _SLASH_INSTRUMENT.fullmatch(written) or written.lower() in self.slash_non_instruments:
                continue
            after = doc[end + 2] if end + 2 < n else None
            if after is not None and not name.whitespace_ and after.text in ("/", "-"):
                continue  # one of three names, or a code glued on: "HST/ACS/WFC", "HST/GO-12345"
            if after is not None and (after.like_num or after.text == "/"):
                continue
            if self.index.lookup(written):
                continue  # a known form the ruler did not take: its own gate decides
            out.append(Span(doc, end + 1, end + 2, label="TELESCOPE", kb_id=candidate_id(written), span_id="phrase"))
        return out

    @cached_property
    def _common_word_missions(self) -> dict[str, list[tuple[str, str]]]:
        """Instrument concept id -> (id, label) of each facility it is ``instrument_of`` whose label, one capitalised
        word, is a common word the ontology does not match alone ("Wind", "Juno", "Dawn")."""
        out: dict[str, list[tuple[str, str]]] = {}
        concepts = self.index.ontology.concepts
        for concept in self.index.ontology:
            for owner_id in concept.relations.get("instrument_of", ()):
                owner = concepts.get(owner_id)
                if owner is not None and not owner.match_label and owner.type == "TELESCOPE" \
                        and owner.label.isalpha() and owner.label.istitle():
                    out.setdefault(concept.id, []).append((owner.id, owner.label))
        return out

    def _missions_named_by_instruments(self, doc: Doc) -> list[Span]:
        """A mission whose name is a common word stands where one of its instruments is named with it.

        "Wind/MFI and Wind/SWE measurements" (fragments-n r12d-frag-10, both golds: Wind, MFI, SWE): the mission
        and its instrument written as a pair vouch for each other, the instrument's short form needing no
        definition then. "JunoCam images from Juno perijoves" (r12d-frag-11): an instrument that stands on its
        own makes its mission's name, capitalised as written inside the sentence, a name in it ("wind" and "dawn"
        in lower case never are, nor a sentence's first word).
        """
        missions = self._common_word_missions
        if not missions:
            return []
        rules = self.index.rules
        found = [m for m in match_tuples(doc, MATCHES) if m[2] == "TELESCOPE" and m[3] in missions]
        if not found:
            return []
        stops = (token_arrays(doc).column(ORTH) == self._full_stop).nonzero()[0].tolist()
        out: list[Span] = []
        for start, end, _label, cid, rule_index in found:
            needs_definition = rules[rule_index].requires_definition
            for owner_id, label in missions[cid]:
                if start >= 2 and doc[start - 1].text == "/" and doc[start - 2].text == label:
                    out.append(Span(doc, start - 2, start - 1, label="TELESCOPE", kb_id=owner_id, span_id="context"))
                    if needs_definition:
                        out.append(Span(doc, start, end, label="TELESCOPE", kb_id=cid, span_id="context"))
                elif not needs_definition:
                    first = bisect.bisect_left(stops, start)
                    low = stops[first - 1] + 1 if first else 0
                    high = stops[first] if first < len(stops) else len(doc)
                    # a sentence's first word is capitalised whatever it means ("Wind speeds ...")
                    out.extend(Span(doc, k, k + 1, label="TELESCOPE", kb_id=owner_id, span_id="context")
                               for k in range(low + 1, high) if doc[k].text == label and not _in_hyphenated_word(doc, k)
                               and not _opens_line_or_sentence(doc, k))
        return out

    def _guarded_by_company(self, doc: Doc) -> list[Span]:
        """A short form that needs a definition stands where the sentence names what it is related to, or lists
        it with its peers.

        "Our normalizing-flow posterior estimator, based on DINGO": the ontology's
        DINGO code is ``developed_with`` normalizing flows, the DINGO survey
        ``uses`` ASKAP, and the sentence names the first. "observed with HERMES
        on the Anglo-Australian Telescope": HERMES is ``instrument_of`` the AAT.
        "compiled from SDSS DR17, GAMA DR4, DEVILS and zCOSMOS-bright": a survey
        listed among known surveys and data sets is one.
        """
        rules = self.index.rules
        matches = match_tuples(doc, MATCHES)
        text = doc.user_data.get(TEXT_KEY) or doc.text
        guarded = [
            m
            for m in matches
            if rules[m[4]].requires_definition
            and (not doc[m[0]].is_lower or m[2] == "TECHNIQUE")
            and not (m[0] and text[doc[m[0]].idx - 1].isalnum())
        ]  # a word of its own ("TransformerPayne"); a method's common word too ("stacking"), see below
        if not guarded:
            return []
        known = [m for m in matches if not rules[m[4]].requires_definition]
        if not known:
            return []
        learning = any(m[2] == "TECHNIQUE" for m in known)
        stops = (token_arrays(doc).column(ORTH) == self._full_stop).nonzero()[0].tolist()
        out: list[Span] = []
        by_span: dict[tuple[int, int], list[tuple]] = {}
        for m in guarded:
            by_span.setdefault((m[0], m[1]), []).append(m)
        for (start, end), ms in sorted(by_span.items()):
            first = bisect.bisect_left(stops, start)
            low = stops[first - 1] if first else -1
            high = stops[first] if first < len(stops) else len(doc)
            near = {cid for s, e, _label, cid, _r in known if low < s and e <= high}
            named = set(near)
            ancestors = self.index.ontology.ancestors
            near |= {a for cid in list(near) for a in ancestors.get(cid, ())}  # "neural spline flow" is a flow
            fits = []
            for m in ms:
                concept = self.index.concept(m[3])
                targets = (
                    set().union(*concept.relations.values()) if concept is not None and concept.relations else set()
                )
                if m[2] == "TECHNIQUE" and concept is not None and concept.kind == "paradigm":
                    # A paradigm named by its noun alone stands before a method's noun, which the guideline drops
                    # ("the ensemble technique", abstracts-h arXiv:2005.03546; "a so-called ensemble approach",
                    # abstracts-e arXiv:2303.07943), in a text that names a learning method; no company makes
                    # one of "an ensemble of five networks" or "an ensemble of TESS and Kepler data".
                    targets = set()
                    if learning and end < len(doc) and self._method_tail(doc[end].lower_):
                        fits.append(m)
                elif doc[m[0]].is_lower:
                    # A method named by a common word stands where the sentence names the family it is a kind of
                    # ("After applying ensemble learning to these networks, the stacking method ...", abstracts-t
                    # arXiv:2204.04019), or the models it combines, one of that family ("LightGBM and a multilayer
                    # perceptron, combined by stacking", fragments-l r10y-frag-03); "stacking several full sky
                    # maps", "a random forest on images made by stacking the exposures" name no such method.
                    targets = set(concept.broader) if concept is not None else set()
                    specific = {c for c in named if (k := self.index.concept(c)) is not None and not k.generic}
                    if targets.isdisjoint(named) and len(specific) < 2:
                        targets = set()
                if m[2] != "DATASET" and not targets.isdisjoint(near):
                    fits.append(m)  # (an observing run, "O4", is no data set because LIGO is named near it)
            if not fits:
                fits = [m for m in ms if m[2] == "SOFTWARE" and self._in_company_of_its_record(doc, start, end, m, known)]
            if not fits:
                fits = [
                    m for m in ms if m[2] in ("SURVEY", "DATASET") and self._listed_with_peers(doc, start, end, known)
                ]
            if not fits:
                fits = [m for m in ms if m[2] == "TELESCOPE" and self._last_of_its_kind(doc, start, end, known, m[3])]
            if len({m[3] for m in fits}) == 1:
                m = fits[0]
                out.append(Span(doc, start, end, label=m[2], kb_id=m[3], span_id="context"))
        return out

    def _in_company_of_its_record(self, doc: Doc, start: int, end: int, m: tuple, known: list[tuple]) -> bool:
        """Does the record name two or more of the things a tool whose name is a word is related to, the name written
        as declared: "Omicron triggers were used to locate transients" in a record on glitches of the LIGO, Virgo and
        KAGRA data of O3 (fragments-o r12y-frag-03, both golds)? One related name in the sentence is the usual
        company (above); two across the record say as much of a tool made for those detectors or that mission."""
        if doc[start:end].text != self.index.rules[m[4]].text:
            return False
        concept = self.index.concept(m[3])
        if concept is None or not concept.relations:
            return False
        targets = set().union(*concept.relations.values())
        return len(targets & {k[3] for k in known}) >= 2

    def _method_tail(self, word: str) -> bool:
        """Is ``word`` a method's noun the guideline drops after a name ("technique", "approaches")?"""
        extent = self.index.extent
        if extent is None:
            return False
        tails = extent.descriptive_tail_set
        return word in tails or (word.endswith("s") and (word[:-1] in tails or word[:-2] in tails))

    @staticmethod
    def _listed_with_peers(doc: Doc, start: int, end: int, known: list[tuple]) -> bool:
        """Is tokens ``start:end`` an item of a list whose item before and after are known surveys or data sets?"""
        joiners = (",", "and", ";")
        before = (
            start >= 2
            and doc[start - 1].lower_ in joiners
            and any(e == start - 1 and label in ("SURVEY", "DATASET") for s, e, label, *_ in known)
        )
        after = (
            end + 1 < len(doc)
            and doc[end].lower_ in joiners
            and any(s == end + 1 and label in ("SURVEY", "DATASET") for s, e, label, *_ in known)
        )
        return before and after

    def _last_of_its_kind(self, doc: Doc, start: int, end: int, known: list[tuple], concept_id: str) -> bool:
        """Does a facility's short form end a list of two or more known facilities of its kind: "in Kepler, K2, TESS,
        PLATO, and Earth 2.0 data" (abstracts-t arXiv:2605.29428, both golds: missions)?"""
        concept = self.index.concept(concept_id)
        if concept is None or concept.kind is None:
            return False
        facilities = {e: (s, cid) for s, e, label, cid, _r in known if label == "TELESCOPE"}
        i, items = start, 0
        while True:
            j = i - 1
            if j >= 0 and doc[j].lower_ in ("and", "or"):
                j -= 1
            if j >= 0 and doc[j].text == ",":
                j -= 1
            if j == i - 1 or j < 0 or j + 1 not in facilities:
                break
            s, cid = facilities[j + 1]
            peer = self.index.concept(cid)
            if peer is None or peer.kind != concept.kind:
                break
            items, i = items + 1, s
        return items >= 2 and not (end < len(doc) and doc[end].lower_ in (",", "and", "or"))

    def _said_to_be_a_facility(self, doc: Doc, end: int) -> bool:
        """Does the sentence say what the short form is: "IRIS is a NASA small explorer mission" (fragments-c
        measure-fragment-02), "HERMES is a fibre-fed spectrograph"? A copula, an article, at most four words,
        then a facility noun."""
        n = len(doc)
        if end + 2 >= n or doc[end].lower_ not in ("is", "was") or doc[end + 1].lower_ not in self._articles_text:
            return False
        for k in range(end + 2, min(n, end + 7)):
            word = doc[k]
            if word.norm_ in self.facility_context_nouns:
                return True
            if word.is_punct or word.lower_ in ("of", "for", "that", "which", "with", "and"):
                return False
        return False

    def _beside_sibling(self, doc: Doc, start: int, end: int, concept_id: str) -> bool:
        """Is the short form listed with another instrument of its mission: "using VIS and NISP mosaics"?"""
        concept = self.index.concept(concept_id)
        parents = set(concept.relations.get("instrument_of", ())) if concept is not None else set()
        if not parents:
            return False
        rules = self.index.rules
        for s, e, label, cid, rule_index in match_tuples(doc, MATCHES):
            if label != "TELESCOPE" or cid == concept_id or rules[rule_index].requires_definition:
                continue
            gap = doc[e:start] if e <= start else doc[end:s] if s >= end else None
            if gap is None or len(gap) > 1 or not all(t.lower_ in ("and", ",", "/", "or", "+") for t in gap):
                continue
            sibling = self.index.concept(cid)
            if sibling is not None and not parents.isdisjoint(sibling.relations.get("instrument_of", ())):
                return True
        return False

    def _capitalized_tool(self, doc: Doc, i: int) -> bool:
        """One capitalised word that ends the phrase after "computed using": a tool's name ("Circlez."),
        not a plural, an adjective made from a name ("Gaussians", "Bayesian") nor a known name."""
        return i + 1 < len(doc) and doc[i + 1].text in (".", ",", ";") and self._capitalized_name(doc, i)

    def _capitalized_name(self, doc: Doc, i: int) -> bool:
        """Could the capitalised word ``i`` be a tool's name: four letters or more, no plural, no adjective made
        from a name ("Gaussians", "Bayesian", "Newtonian"), no stop word, unknown?"""
        word = doc[i]
        return (
            word.is_title
            and word.is_alpha
            and len(word) >= 4
            and not word.lower_.endswith(("s", *_ADJECTIVE_ENDS))
            and word.lower_ not in self.stop_words
            and not self.index.lookup(word.text)
            and not self._is_known(doc, i, i + 1)
        )

    def _name_before_comma(self, doc: Doc, comma: int) -> int | None:
        """Start of a name-shaped token (or hyphenated compound) that ends right before ``comma``."""
        start = comma - 1
        while start - 2 >= 0 and doc[start - 1].text == "-":
            start -= 2
        end = self._compound_name(doc, start)
        if end == comma or self._code_name(doc, start) == comma:
            return start
        # "we introduced Wavetrack - a ... method", "We release Lantern, an open-source Python package": a
        # capitalised word the verb presents (or releases, describes, trains, uses).
        word = doc[comma - 1]
        if (
            comma >= 2
            and word.is_title
            and doc[comma - 2].lower_ in self._object_verbs
            and not self.index.lookup(word.text)
            and not self._is_known(doc, comma - 1, comma)
        ):
            return comma - 1
        return None

    def _code_name(self, doc: Doc, start: int) -> int:
        """End of a package's code identifier starting at ``start`` (0: none): snake_case ("illustris_python") or
        lower-case kebab-case of three or more parts ("light-curve-features"), no English joining word in it.

        Taken only as an item of a list that other tools anchor: alone, such words are English compounds.
        """
        first = doc[start]
        if _CODE_WORD.match(first.text) and "_" in first.text:
            return 0 if self.index.lookup(first.text) or self._is_known(doc, start, start + 1) else start + 1
        end, parts = start, 0
        while end < len(doc):
            word = doc[end]
            if not (word.is_lower and word.text.isascii() and word.text.isalnum()) or word.lower_ in _JOINING_WORDS:
                return 0
            parts += 1
            end += 1
            if word.whitespace_ or end + 1 >= len(doc) or doc[end].text != "-" or doc[end].whitespace_:
                break
            end += 1
        if parts < 3 or self._is_known(doc, start, end):
            return 0
        known = self.index.lookup(doc[start:end].text)  # "light-curve-features", a form of light-curve-feature
        return end if all((c := self.index.concept(cid)) is not None and c.type == "SOFTWARE" for cid in known) else 0

    def _compound_name(self, doc: Doc, start: int) -> int:
        """End of a name like "GaSNet-II" or "Radio-UNet" starting at ``start`` (0: none)."""
        end = start
        while end < len(doc) and (end == start or doc[end].text == "-" or doc[end - 1].text == "-"):
            if doc[end].text != "-" and not (name_shaped(doc[end].text) or doc[end].is_title or doc[end].is_upper):
                break
            end += 1
        while end > start and doc[end - 1].text == "-":
            end -= 1
        text = span_text(doc, start, end, doc.user_data.get(TEXT_KEY)) if end > start else ""
        if not text or not name_shaped(text.replace(" ", "")) or self._known_as_written(text):
            return 0
        return end

    def _known_as_written(self, text: str) -> bool:
        """Does a concept have ``text`` as a form, a short form matched by case only as written?

        "We introduce LiSA, a set of python modules" (abstracts-z arXiv:2204.09288, both golds): the space mission's
        short form is "LISA", so "LiSA" is another name.
        """
        found = self._as_written.get(text)
        if found is None:
            key = alias_key(text)
            found = any(
                not form.case_sensitive or form.text == text or form.text + "s" == text
                for cid in self.index.lookup(text)
                if (concept := self.index.concept(cid)) is not None
                for form in surface_forms(concept)
                if not form.requires_definition and alias_key(form.text) == key
            )
            if len(self._as_written) < 1 << 14:
                self._as_written[text] = found
        return found

    def _occurrences(self, doc: Doc, name: str, label: str = "SOFTWARE", cid: str | None = None) -> list[Span]:
        """Every use of a tool's (or a named data set's) name, whole tokens, in the record.

        A dash between words may be written as a hyphen or an en dash ("IceCube - Neutrinos in Deep Ice" in
        a title, "IceCube – Neutrinos in Deep Ice" in the abstract): one name. ``cid``: the concept id the
        uses get (default: the name's own candidate id).
        """
        words = self._name_words.get(name)
        if words is None:
            words = [_fold_dash(t.text) for t in self._tokenize(name)]
            if len(self._name_words) < 1 << 14:
                self._name_words[name] = words
        cid = cid or candidate_id(name)
        out: list[Span] = []
        for i in token_positions(doc, token_arrays(doc).values(ORTH), words[:1]):
            if [_fold_dash(t.text) for t in doc[i : i + len(words)]] == words:
                start = i - 2 if label == "SOFTWARE" and _glued_prefix(doc, i) else i
                out.append(Span(doc, start, i + len(words), label=label, kb_id=cid, span_id="tool"))
        return out


# The types of a defined name whose other writings of its long form are the name too: methods and models.
_REWRITTEN_LABELS = frozenset({"TECHNIQUE", "SOFTWARE"})

# Plural tool nouns that close a phrase naming two tools: "the HIDE & SEEK ... packages".
_PLURAL_TOOL_NOUNS = frozenset({"codes", "libraries", "packages", "pipelines", "toolkits"})

# Dashes written between the words of a name: one mark.
_NAME_DASHES = frozenset({"-", "–", "—"})


def _for_short(doc: Doc, i: int) -> bool:
    """Do the words at ``i`` say that the name before them is a short name: "..., or GS³ Hunter for short"?"""
    return i + 1 < len(doc) and doc[i].lower_ == "for" and doc[i + 1].lower_ == "short"


def _glued_prefix(doc: Doc, i: int) -> bool:
    """Is a short capitalised word glued by a hyphen before token ``i`` and opening a word of its own: "AI-" of
    "AI-GS3 Hunter" (abstracts-g arXiv:2512.18693, both golds), a tool's name written with its prefix?"""
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return False
    prefix = doc[i - 2]
    if not (prefix.is_alpha and prefix.is_upper and len(prefix) <= 3):
        return False
    return i == 2 or bool(doc[i - 3].whitespace_) or doc[i - 3].text in ("(", '"', "“")



def _facility_starts(doc: Doc) -> frozenset[int]:
    """Token indices where a known facility or survey name starts."""
    return frozenset(s for s, _e, label, *_ in match_tuples(doc, MATCHES) if label in _FACILITY_LABELS)


def _capital_compound_tail(doc: Doc, i: int) -> bool:
    """Is token ``i`` the lower-case part of a word hyphenated to a capital ("alpha" of "H-alpha", "ray" of
    "X-ray")? Such a word is a name's word: "Full-Disk H-alpha Patrol Telescope", "Hard X-ray Modulation Telescope"."""
    if i < 2 or not doc[i].is_lower or not doc[i].is_alpha or doc[i - 1].text != "-":
        return False
    before = doc[i - 2]
    return (before.is_title or before.is_upper) and before.is_alpha and doc[i - 1].idx == before.idx + len(before) \
        and doc[i].idx == doc[i - 1].idx + 1


def _subtitle_head_end(doc: Doc, start: int, boundary: int) -> int:
    """End of a subtitle's noun phrase from ``start``: up to the first word that opens what follows it ("for",
    "with", ...), a mark that ends it, or the title's end ("A Fast Algorithm | for Radio Source Finding")."""
    end = start
    while (
        end < boundary
        and not doc[end].is_space
        and doc[end].lower_ not in _SUBTITLE_STOPS
        and doc[end].text not in _SUBTITLE_ENDS
    ):
        end += 1
    return end

def _modified_technique_text(index: OntologyIndex, written: str, modifiers: frozenset[str]) -> bool:
    """Is a hyphenated word a modifier and a known technique ("2D-CNN", "Bayesian-CNN"), no coined name?"""
    head, sep, rest = written.partition("-")
    return bool(sep) and head.lower() in modifiers and bool(index.lookup(rest))


def _spelled_word(name: Span, long: Span) -> bool:
    """Is ``name`` one capitalised word whose letters the initials of a capitalised long form spell in order:
    "Otter (Orbital Tracking of Transients with Embedded Representations)", a backronym written as a word?

    Three initials at least, the first the word's own; the long form's joining words in lower case do not count.
    """
    if len(name) != 1 or not (name[0].is_title and name[0].is_alpha and len(name[0]) >= 4):
        return False
    initials = [t.text[0].lower() for t in long if t.is_alpha and not (t.is_lower and t.is_stop)]
    letters = name[0].lower_
    if len(initials) < 3 or initials[0] != letters[0]:
        return False
    k = 0
    for ch in initials:
        k = letters.find(ch, k) + 1
        if not k:
            return False
    return True


def _spelled_by_initials(name: Span, long: Span) -> bool:
    """Is ``name`` one word in capitals that the capitalised words of ``long`` spell, one initial a letter, all
    of them and in order, the first word among them? Words in lower case between them are the name's too."""
    if len(name) != 1 or not (name[0].is_upper and name[0].is_alpha and len(name[0]) >= 4):
        return False
    initials = "".join(t.text[0] for t in long if t.is_alpha and t.text[0].isupper())
    return long[0].text[:1].isupper() and initials == name[0].text


def _slips(name: str) -> set[str]:
    """``name`` with one inner letter dropped or two inner neighbours swapped (first and last letters kept)."""
    inner = range(1, len(name) - 1)
    dropped = {name[:k] + name[k + 1 :] for k in inner}
    swapped = {name[:k] + name[k + 1] + name[k] + name[k + 2 :] for k in range(1, len(name) - 2)}
    return (dropped | swapped) - {name}


def _fold_dash(word: str) -> str:
    return "-" if word in _NAME_DASHES else word
