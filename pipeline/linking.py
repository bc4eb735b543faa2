"""Link the mentions of one abstract to concepts.

The ruler proposes every match of every surface form (overlapping, some
ambiguous, some only valid when the abstract defines them); the candidate
finder proposes unknown entities. This module decides, per abstract:

1. **Local definitions first.** Each acronym the abstract defines
   (``doc._.abbreviations``, scispaCy's Schwartz & Hearst detector) links to
   the concept of its long form: an ontology concept when the long form is one
   of its surface forms, else the candidate the long form makes. Every use of
   the short form in the record, plural or singular ("SOM", "SOMs"), links
   there too, even when the ontology does not know the short form, and a
   global alias with another meaning gives way.
2. **Rules that need a definition** (``requires_definition``) stand only where
   the abstract defines the form as that concept; a method's short form also
   where the abstract has written the method's name before it.
3. **Longest match wins**, then a form written exactly as declared over a
   generated variant, then the concept id (for determinism). Heuristic
   candidates only fill gaps the ontology leaves.
4. **Whole names** (GUIDELINE "Span extent", :func:`compose`): a known name
   grows over the meaning-changing modifiers, tails, releases and products
   written with it ("Bayesian CNN", "VST KiDS", "Gaia XP", "OGLE catalog"),
   longest name winning; a facility name inside an organisation, programme id,
   object designation or filter is dropped.
5. **Data releases.** "DR4" after a survey or mission ("Gaia DR4") is the data
   release of that survey: the ontology's concept when it has one, else a
   candidate ``<survey> DR4``.

The result is ``doc.ents`` with ``kb_id_`` = concept id and
``ent.id_`` (also ``ent._.astro_source``) in {ruler, abbreviation, candidate}.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter
from typing import NamedTuple

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from .candidates import (
    CANDIDATE_BROADER,
    MATCHES,
    TEXT_KEY,
    candidate_id,
    crosses_sentence,
    definition_start,
    two_facilities,
)
from .extent import Extent
from .normalize import alias_key
from .ruler_index import OntologyIndex, abbreviation_tuples, match_tuples, set_entities, token_arrays

MATCHES_KEY = MATCHES
CANDIDATES_KEY = "astro_candidates"
ENTITY_TUPLES = "astro_entity_tuples"
"""``doc.user_data`` key: ``doc.ents`` as the linker set them, (start char, end char, label, concept id, source)."""
# "Quick" names a release of its own ("Euclid's Quick Data Release 1", abstracts-ac arXiv:2512.05899, both golds: Q1,
# not the survey's DR1), so it stays in the name.
_DATA_RELEASE = re.compile(r"\b[EPA]?DR[1-9][0-9]?\b"
                           r"|\b(?:Quick )?[Dd]ata [Rr]elease [1-9][0-9]?(?:\.[0-9]+)?(?![\w-]|\.[0-9])"
                           r"|\b(?:Early|Public) Data Release\b(?! [0-9]| of)"  # "DESI Early Data Release"
                           r"|\bQuick Release [1-9][0-9]?(?![\w-]|\.[0-9])")  # "Euclid's Quick Release 1" (arXiv:2503.15310)
_PROGRAM = re.compile(r" [Pp]rogram(?:me)?\b")
_PRODUCT_END = re.compile(r"(?:[Cc]atalog(?:ue)?s?|[Aa]rchive)$")
# A challenge of a numbered series: "the second SKA Science Data Challenge" (fragments-p r13d-frag-10, both golds) is
# one challenge of the series the ontology knows by the name without the ordinal, as a catalogue's "Third ... Catalog".
_CHALLENGE_END = re.compile(r"[Cc]hallenge$")


class Mention(NamedTuple):
    start: int
    end: int
    label: str
    concept_id: str
    source: str
    tier: int  # 0: ontology, definitions; 1: heuristic candidates
    exact: bool  # written as the form was declared
    concept_label: str | None = None

    def sort_key(self) -> tuple:
        """Best first: ontology before heuristics, longer, earlier, as declared; then every other field, so
        that two mentions of one span never tie and the choice does not depend on the order they came in."""
        return (self.tier, -(self.end - self.start), self.start, not self.exact, self.concept_id, self.label,
                self.source, self.concept_label or "")


@dataclass(frozen=True)
class Definition:
    concept_id: str | None  # None: defined locally as something that is not an entity
    label: str | None
    concept_label: str | None
    source: str
    long_form: tuple[int, int] | None = None  # tagged too: a long form the ontology writes another way


def link_doc(doc: Doc, index: OntologyIndex) -> Doc:
    tuples = match_tuples(doc, MATCHES_KEY)  # (start, end, label, concept id, rule index)
    candidates = list(doc.spans[CANDIDATES_KEY]) if CANDIDATES_KEY in doc.spans else []
    text = doc.user_data.get(TEXT_KEY) or doc.text
    # Character bounds of every token from two flat lists (read once per doc), not a Token per look-up.
    arrays = token_arrays(doc)
    starts, char_ends = arrays.values(IDX), arrays.ends()
    definitions, short_spans = _definitions(doc, text, starts, char_ends, tuples, candidates, index)
    defined_forms = _short_form_variants(definitions)

    mentions: list[Mention] = []
    undefined: list[tuple[int, int, str, str]] = []  # a data set's short forms that need a definition, as written
    unexpanded: list[tuple[int, int, str, str]] = []  # a method's short forms that need one: (start, end, id, form)
    undefined_tools: list[tuple[int, int, str, str]] = []  # a tool's acronyms that need one, as written
    if tuples:
        rules = index.rules
        capitals_end = _title_in_capitals(text)
        inside = _inside_hyphenated_short_forms(short_spans, index) if short_spans else None
        for start, end, _label, _cid, rule_index in tuples:
            rule = rules[rule_index]
            written = text[starts[start]:char_ends[end - 1]]
            if defined_forms and (written in defined_forms or (
                    "/" in written and f"({written})" in text
                    and all(part in defined_forms for part in written.split("/")))):
                # the local definition decides (below); so do two it gives a pair of short forms known as one
                # name: "the Spectro-Polarimeter of the Solar Optical Telescope (SOT/SP)" defines SOT and SP
                # (fragments-o r12y-frag-07, both golds; GUIDELINE "Span extent": "SDO/HMI" -> two)
                continue
            if inside and start in inside and rule.label == "TECHNIQUE" and inside[start] != (start, end):
                continue  # "ML" of "Multi-Layer Pseudo Inverse Learning (ML-PIL)" is no machine learning
            if starts[start] < capitals_end and rule.case_sensitive and not _written_in(text, capitals_end, written) \
                    and _written_in(text, capitals_end, written.lower()):
                # "A FAST, NEURAL NET BASED … CLASSIFIER" over "a simple and fast geometric representation": in a
                # title in capitals every word has a short form's shape; the abstract says which one is a word
                continue
            if rule.requires_definition:
                if rule.label == "DATASET":
                    undefined.append((start, end, rule.concept_id, written))
                elif rule.label == "TECHNIQUE":
                    unexpanded.append((start, end, rule.concept_id, rule.text))
                elif rule.label == "SOFTWARE" and end - start == 1 and written.isupper():
                    undefined_tools.append((start, end, rule.concept_id, written))
                elif rule.label == "TELESCOPE" and _listed_among_facilities(doc, tuples, rules, start, end):
                    mentions.append(Mention(start, end, rule.label, rule.concept_id, "ruler", 0,
                                            rule.case_sensitive and written == rule.text))
                continue  # not defined in this abstract
            exact = rule.case_sensitive and written == rule.text
            if rule.label == "DATASET" and end - start > 2 and index.extent is not None \
                    and doc[end - 1].lower_ in index.extent.dropped_product_words and doc[end - 2].is_alpha:
                end -= 1  # "Gaia RVS spectra" is the data set Gaia RVS, its spectra are what it holds
            elif rule.label == "DATASET" and end - start > 1 and index.extent is not None \
                    and (noun := index.extent.generic_product_noun(written, doc[end - 1].lower_)) is not None \
                    and rule.concept_id in index.lookup(written[:-len(noun) - 1]):
                end -= noun.count(" ") + 1  # "the OMNI data set" is OMNI: the noun says what it is, not which
            elif rule.label == "TELESCOPE" and end - start > 1 and char_ends[end - 2] + 1 == starts[end - 1] \
                    and " " in rule.text and (owner := _owner_written_first(index, rule.concept_id, written)) is not None:
                # "Cassini RADAR" (fragments-n r12d-frag-11): a mission and its instrument's short name side by side
                # are two names (GUIDELINE "Span extent": "SDO/HMI" -> two), though the ontology knows the pair
                mentions.append(Mention(start, end - 1, rule.label, owner, "ruler", 0, exact))
                mentions.append(Mention(end - 1, end, rule.label, rule.concept_id, "ruler", 0, exact))
                continue
            if rule.label == "SOFTWARE" and end - start > 1 and "-" in rule.text and " " in written \
                    and (owner := _facility_of_tool_written_first(index, rule.concept_id, written)) is not None:
                # "processed using the full TESS SPOC pipeline" (abstracts-j arXiv:1902.08544, both golds: "SPOC"): a
                # mission and its pipeline's short name side by side are two names, though the ontology knows the
                # product written as one unit ("TESS-SPOC")
                mentions.append(Mention(start, end - 1, owner[1], owner[0], "ruler", 0, exact))
                mentions.append(Mention(end - 1, end, rule.label, rule.concept_id, "ruler", 0, exact))
                continue
            mentions.append(Mention(start, end, rule.label, rule.concept_id, "ruler", 0, exact))

    for short_text, definition in sorted(definitions.items()):
        if definition.concept_id is None:
            continue
        if definition.long_form is not None:
            mentions.append(Mention(*definition.long_form, definition.label, definition.concept_id,
                                    "abbreviation", 0, True, definition.concept_label))
        for span in _occurrences(doc, text, short_text, short_spans.get(short_text, [])):
            mentions.append(Mention(span.start, span.end, definition.label, definition.concept_id,
                                    "abbreviation", 0, True, definition.concept_label))

    for span in candidates:
        if span.id_ == "context":  # a concept's form that needed the company of other tools
            mentions.append(Mention(span.start, span.end, span.label_, span.kb_id_, "ruler", 0, True))
            continue
        # A definition, or a coined tool name glued to a known name ("DART-Vetter", "Radio-UNet"): the
        # whole name is another thing than the known name inside it.
        # So is a capitalised survey or pipeline name written with its facility's ("JCMT Gould Belt Survey").
        tier = 0 if span.id_ in ("definition", "aperture") or (span.id_ == "tool" and ("-" in span.text or " " in span.text)
                                                               and not _modified_technique(index, span.text)) or (
            span.id_ == "phrase" and len(span) >= 3 and (span.label_, span[-1].text) in _NAMED_WITH_FACILITY
            and not _cut_short(span, tuples)) else 1
        begin = _hyphen_word_start(doc, span.start) if span.id_ == "definition" else span.start
        mentions.append(Mention(begin, span.end, span.label_, span.kb_id_, "candidate", tier, True,
                                _clean(doc[begin:span.end].text)))

    if len(mentions) > 1:
        mentions.extend(_hyphen_crossings(doc, text, mentions, starts, char_ends, index))
    chosen = _resolve(mentions)
    if unexpanded:
        chosen = _short_forms_of_written_methods(doc, text, chosen, unexpanded, index, starts)
    extent = index.extent
    if extent is not None:
        chosen = compose(doc, text, chosen, index, extent, starts, char_ends)
        if short_spans:  # the doc has abbreviations
            chosen = _methods_defined_whole(doc, text, chosen, short_spans, index, extent)
            chosen = _defined_by_composed(doc, text, chosen, short_spans)
        chosen = _shared_prefix(doc, text, chosen, index, starts, char_ends)
    if "DR" in text or "ata Release" in text or "ata release" in text or "uick Release" in text:
        chosen = _data_releases(doc, text, chosen, index)
        if "elease of" in text:  # "the second data release of Gaia": one substring test before the pattern
            chosen = _releases_of(doc, text, chosen, index)
    if extent is not None and ")" in text:
        chosen = _release_short_forms(doc, text, chosen, index, extent, starts, char_ends)
    if extent is not None:
        chosen = _release_codes_named_before(doc, text, chosen, index, extent, starts, char_ends)
    if undefined_tools:
        chosen = _acronyms_of_written_tools(text, chosen, undefined_tools, starts, char_ends)
    if undefined:
        chosen = _short_forms_of_written_names(text, chosen, undefined, starts, char_ends)
        chosen = _short_forms_after_owner(doc, chosen, undefined, index)
        if "(" in text:
            chosen = _short_forms_bracketed_after_name(text, chosen, undefined, starts, char_ends)
    if extent is not None:
        chosen = _initials_of_written_names(doc, text, chosen, index)
    ents = []
    labels = doc.user_data.setdefault("astro_concept_labels", {})
    ids = index.string_ids()  # the ontology's strings as ids: no string to hash and add per entity
    add = doc.vocab.strings.add
    for mention in chosen:
        span = Span(doc, mention.start, mention.end, label=ids.get(mention.label) or add(mention.label),
                    kb_id=ids.get(mention.concept_id) or add(mention.concept_id),
                    span_id=ids.get(mention.source) or add(mention.source))
        if mention.concept_label:
            labels[mention.concept_id] = mention.concept_label
        ents.append(span)
    set_entities(doc, ents)  # what ``doc.ents = ents`` does, without copying every Span first
    doc.user_data[ENTITY_TUPLES] = [(starts[m.start], char_ends[m.end - 1], m.label, m.concept_id, m.source)
                                    for m in chosen]
    return doc


def _inside_hyphenated_short_forms(short_spans: dict[str, list[Span]], index: OntologyIndex) -> dict[int, tuple[int, int]]:
    """Each token of a use of a hyphenated short form the record defines -> the use's bounds: a known short form
    inside it is a letter group of the defined name, one unit ("ML-PIL"), not a name of its own. Not when every
    part is a known name: "CNN-GNN" joins two methods (abstracts-p arXiv:2510.05736)."""
    out: dict[int, tuple[int, int]] = {}
    for short_text, uses in short_spans.items():
        if "-" in short_text and not all(index.lookup(part) for part in short_text.split("-")):
            for use in uses:
                for i in range(use.start, use.end):
                    out[i] = (use.start, use.end)
    return out


def _short_forms_of_written_methods(doc: Doc, text: str, chosen: list[Mention], unexpanded: list[tuple[int, int, str, str]],
                                    index: OntologyIndex, starts: list[int]) -> list[Mention]:
    """A method's short form that needs a definition, used undefined after the record writes the method's name: "We
    used a neural network ... The average error of the NN prediction" (abstracts-z arXiv:1511.07620, both golds), "a
    neural network ordinary differential equation architecture (Universal Differential Equations, UDEs)"
    (arXiv:2411.15140). The name written before says what the short form stands for, as a definition would.

    Not when the short form could stand for another name: another concept with the form that the record names
    too, or a capitalised name whose initials spell it ("NSF's LIGO Laboratory ... the National Science
    Foundation" beside a "neural spline flow", fragments-f r4y-frag-08).
    """
    taken = {i for m in chosen for i in range(m.start, m.end)}
    written: dict[str, int] = {}  # concept id -> where its name is first written out (not as a short form)
    for m in chosen:
        if m.label == "TECHNIQUE" and m.source != "abbreviation" and m.end - m.start >= 1:
            name = doc[m.start:m.end].text
            if not name.isupper() and sum(c.isalpha() for c in name) > 5:
                written[m.concept_id] = min(written.get(m.concept_id, m.start), m.start)
    if not written:
        return chosen
    by_place: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for start, end, cid, form in unexpanded:
        by_place.setdefault((start, end), []).append((cid, form))
    added: list[Mention] = []
    for (start, end), meanings in by_place.items():
        named = [(cid, form) for cid, form in meanings if written.get(cid, start) < start]
        if len(named) != 1 or any(cid in written for cid, _ in meanings if cid != named[0][0]):
            continue
        if not taken.isdisjoint(range(start, end)):
            continue
        cid, form = named[0]
        if _spelled_by_other_name(text, form, cid, index):
            continue
        concept = index.concept(cid)
        added.append(Mention(start, end, "TECHNIQUE", cid, "ruler", 0, True, concept.label if concept else None))
        taken.update(range(start, end))
    return sorted(chosen + added, key=_BOUNDS) if added else chosen


def _spelled_by_other_name(text: str, form: str, concept_id: str, index: OntologyIndex) -> bool:
    """Does a capitalised name in the text other than the concept's spell ``form`` with its initials?"""
    letters = [c for c in form if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return False
    pattern = _SEPARATED_WORDS.join(f"{c}[a-z]+" for c in letters)
    for found in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text):
        if concept_id not in index.lookup(found.group()):
            return True
    return False


# Between the capitalised words of a name: a space or hyphen, or a joining word ("National Science Foundation",
# "Institute of Astronomy").
_SEPARATED_WORDS = r"(?:[ -]+(?:of|for|and|the|on|in|de)[ -]+|[ -]+)"
_SHORT_NAME = re.compile(r"[A-Z0-9][A-Za-z0-9]*")


@lru_cache(maxsize=1 << 10)
def _owner_written_first(index: OntologyIndex, concept_id: str, form: str) -> str | None:
    """The mission an instrument's form, as written, opens with when the rest is the instrument's short name in
    capitals ("Cassini RADAR", "LRO NAC", "Euclid VIS"): the concept of that mission, else None."""
    owner_text, _, rest = form.rpartition(" ")
    if not _SHORT_NAME.fullmatch(rest) or sum(c.isupper() for c in rest) < 2:
        return None
    concept = index.concept(concept_id)
    owners = set(concept.relations.get("instrument_of", ())) if concept is not None else set()
    found = sorted(owners & index.lookup(owner_text))
    return found[0] if found else None


def _facility_of_tool_written_first(index: OntologyIndex, concept_id: str, form: str) -> tuple[str, str] | None:
    """The facility a tool's form, as written with spaces, opens with when the rest is the tool's short name in
    capitals ("TESS SPOC"): (the facility's concept, its type), else None."""
    owner_text, _, rest = form.rpartition(" ")
    if not _SHORT_NAME.fullmatch(rest) or sum(c.isupper() for c in rest) < 2:
        return None
    concept = index.concept(concept_id)
    if concept is None or not concept.relations:
        return None
    found = sorted(set().union(*concept.relations.values()) & index.lookup(owner_text))
    owner = index.concept(found[0]) if found else None
    return (owner.id, owner.type) if owner is not None and owner.type in _FACILITY else None


def _title_in_capitals(text: str) -> int:
    """End of a title written all in capitals (older records, ADS exports), else 0."""
    end = text.find("\n")
    if end < 20 or not text[:end].isupper() or text[:end].count(" ") < 3:
        return 0
    return end


def _written_in(text: str, start: int, word: str) -> bool:
    """Is ``word`` written as a word of its own in ``text[start:]``?"""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?!\w)", text[start:]) is not None


# Capitalised names that may contain a facility's: "JCMT Gould Belt Survey", "CHEOPS Data Reduction Pipeline",
# "ZTF Twilight survey", "Ariel Data Challenge", "Hubble Spectroscopic Legacy Archive" (abstracts-z arXiv:2006.04814,
# both golds: the archive, no Hubble; "MAST Kepler Archive", abstracts-d arXiv:2111.10009, is one archive too).
_NAMED_WITH_FACILITY = frozenset({("SURVEY", "Survey"), ("SURVEY", "survey"), ("SOFTWARE", "Pipeline"),
                                  ("DATASET", "Challenge"), ("DATASET", "Archive")})


def _hyphen_crossings(doc: Doc, text: str, mentions: list[Mention], starts: list[int], ends: list[int],
                      index: OntologyIndex) -> list[Mention]:
    """Two known names of one type crossing at a hyphenated word are one name written as one unit.

    "field-level likelihood-free inference": "field-level likelihood" ends inside
    "likelihood-free", which starts "likelihood-free inference"; neither is the name
    written, the whole is (a candidate under the right-hand concept, its head).
    """
    n = len(starts)
    lefts = [m for m in mentions if m.end < n and starts[m.end] == ends[m.end - 1] and text[ends[m.end - 1]] == "-"
             and m.source == "ruler"]  # names that end inside a hyphenated word: rare, so the pairs are few
    return [_composed(doc, right, left.start, right.end, left.label, index)
            for left in lefts for right in mentions
            if right.source == "ruler" and right.label == left.label and left.start < right.start < left.end < right.end]


def _hyphen_word_start(doc: Doc, start: int) -> int:
    """The start of the hyphenated word a name's first token cuts into: a long form found from "-alpha" of "H-alpha
    Planetary Nebula research platform database (HASH DB)" (abstracts-x arXiv:2101.12628) is named from "H"; a name
    cut inside a word is no name."""
    if doc[start].text != "-" or start == 0 or doc[start - 1].idx + len(doc[start - 1]) != doc[start].idx:
        return start
    begin = start - 1
    while begin >= 2 and doc[begin - 1].text == "-" and doc[begin - 2].idx + len(doc[begin - 2]) == doc[begin - 1].idx \
            and doc[begin - 1].idx + 1 == doc[begin].idx:
        begin -= 2  # "Ultra-Short-Period": every part of the word
    return begin


def _modified_technique(index: OntologyIndex, written: str) -> bool:
    """Is a hyphenated name a modifier and a known technique ("2D-CNN", "Bayesian-CNN"), no coined tool?"""
    extent = index.extent
    head, sep, rest = written.partition("-")
    if not sep or extent is None or head.lower() not in extent.modifier_words:
        return False
    return any((c := index.concept(cid)) is not None and c.type == "TECHNIQUE" for cid in index.lookup(rest))


_LIST_JOINERS = frozenset({",", "and", "or", ";"})


def _listed_among_facilities(doc: Doc, tuples: list, rules: list, start: int, end: int) -> bool:
    """Is the facility form at ``start:end`` an item of a list whose neighbours on both sides are known
    facilities or surveys? "survey telescopes such as WASP, RAPTOR and ASAS" (abstracts-w
    arXiv:astro-ph/0408118): the company defines the short form as a facility. Only one facility
    concept may have the form, and the neighbours must not need a definition themselves."""
    if start < 2 or end + 1 >= len(doc) or doc[start - 1].lower_ not in _LIST_JOINERS \
            or doc[end].lower_ not in _LIST_JOINERS:
        return False
    before, after = start - 1, end + 1  # the neighbours' bounds, past a serial comma (", and")
    if before > 0 and doc[before - 1].lower_ in _LIST_JOINERS:
        before -= 1
    if after < len(doc) and doc[after].lower_ in _LIST_JOINERS:
        after += 1
    facilities = set()
    known_before = known_after = False
    for m_start, m_end, _label, cid, rule_index in tuples:
        rule = rules[rule_index]
        if rule.label not in ("TELESCOPE", "SURVEY"):
            continue
        if m_start == start and m_end == end:
            facilities.add(cid)
        elif not rule.requires_definition:
            known_before = known_before or m_end == before
            known_after = known_after or m_start == after
    return len(facilities) == 1 and known_before and known_after


def _cut_short(span: Span, tuples: list) -> bool:
    """Does a known name start inside ``span`` and go on after it ("... Legacy Survey [of Space and Time]")?"""
    return any(span.start < start < span.end < end for start, end, *_ in tuples)


def _clean(text: str) -> str:
    return " ".join(text.split())


# -- definitions ----------------------------------------------------------------


def _definitions(
    doc: Doc, text: str, starts: list[int], ends: list[int], matches: list[tuple], candidates: list[Span],
    index: OntologyIndex,
) -> tuple[dict[str, Definition], dict[str, list[Span]]]:
    """The abbreviations' meanings; ``matches`` are the ruler's match tuples, ``starts``/``ends`` token char bounds."""
    definitions: dict[str, Definition] = {}
    short_spans: dict[str, list[Span]] = {}
    abbreviations = doc._.abbreviations
    if not abbreviations:
        if matches and "(" in text:
            _named_with_own_short_form(doc, matches, index, definitions)
        return definitions, short_spans
    by_end: dict[int, list[tuple]] = {}  # the match tuples by end token, in their order: no scan per definition
    for match in matches:
        by_end.setdefault(match[1], []).append(match)
    for short, (_, _, long_start, long_end) in zip(abbreviations, abbreviation_tuples(doc, abbreviations)):
        short_text = short.text
        short_spans.setdefault(short_text, []).append(short)
        if short_text in definitions:
            continue
        if long_start is None or crosses_sentence(doc, long_start, long_end):
            continue  # no definition: the short form keeps the meaning the ontology gives it
        long = doc[long_start:long_end]
        definition = _define(doc, text, starts, ends, short, long, by_end, candidates, index)
        if definition is not None and definition.long_form is not None and ")" in text[starts[long_start]:ends[long_end - 1]]:
            # "... Multiple Species (BEAMS) with Bias Corrections (BBC)": a long form across another definition's
            # parenthesis is no name to tag; the short form keeps its meaning.
            definition = Definition(definition.concept_id, definition.label, definition.concept_label, definition.source)
        if definition is not None:
            definitions[short_text] = definition
    if matches:
        _named_with_own_short_form(doc, matches, index, definitions)
    return definitions, short_spans


def _named_with_own_short_form(doc: Doc, matches: list[tuple], index: OntologyIndex,
                               definitions: dict[str, Definition]) -> None:
    """A facility's known name followed by one of its own short forms in parentheses defines it, where the detector
    found no definition: "the Sydney-AAO Multi-object Integral field spectrograph (SAMI)" (fragments-n r12d-frag-08,
    both golds: the instrument; the long form is longer than the detector reads), though "SAMI" alone names the
    survey."""
    n = len(doc)
    rules = index.rules
    starts, ends = token_arrays(doc).values(IDX), token_arrays(doc).ends()
    text = doc.user_data.get(TEXT_KEY) or doc.text
    for _start, end, label, cid, rule_index in matches:
        if label != "TELESCOPE" or end + 2 >= n or text[ends[end - 1]:ends[end - 1] + 2] != " (" \
                or text[ends[end + 1]:ends[end + 1] + 1] != ")" or starts[end + 2] != ends[end + 1] \
                or rules[rule_index].requires_definition:
            continue
        short = text[starts[end + 1]:ends[end + 1]]
        if short in definitions or not short.isupper():
            continue
        concept = index.concept(cid)
        if concept is not None and (any(a.text == short for a in concept.acronyms) or (
                # a detector's code, its site's initial and its number: "LIGO Hanford (H1)", "Advanced Virgo
                # (V1)", "KAGRA (K1)" (fragments-o r12y-frag-03, first gold; the second marks them borderline)
                _DETECTOR_CODE.fullmatch(short) and any(t.text[0] == short[0] for t in doc[_start:end]))):
            definitions[short] = Definition(cid, label, concept.label, "abbreviation")


_DETECTOR_CODE = re.compile(r"[A-Z][1-9]")


def _define(
    doc: Doc, text: str, starts: list[int], ends: list[int], short: Span, long: Span,
    by_end: dict[int, list[tuple]], candidates: list[Span], index: OntologyIndex,
) -> Definition | None:
    """What the abbreviation ``short`` means; ``by_end``: the ruler's match tuples by end token."""
    stop = index.ontology.candidate_words.stop_set
    start = long.start + 1 if doc[long.start].lower_ in stop and len(long) > 1 else long.start
    whole = long.start  # a long form found from inside a hyphenated word: "Southern-[sky MWA ...] (SMART)"
    while whole >= 2 and doc[whole - 1].text == "-" and doc[whole - 1].idx == doc[whole - 2].idx + len(doc[whole - 2]):
        whole -= 2
    named = definition_start(doc, short.text, long.start, long.end)  # "the Point [Proposal Network] (PPN)"
    best = None  # a match tuple: (start, end, label, concept id, rule index)
    rules = index.rules
    long_end = long.end
    for match in by_end.get(long_end, ()):
        if match[0] not in (long.start, start, whole):
            continue
        rule = rules[match[4]]
        if not rule.requires_definition and (
                best is None
                or (match[1] - match[0], text[starts[match[0]]:ends[match[1] - 1]] == rule.text)
                > (best[1] - best[0], True)):
            best = match
    if best is not None and named < best[0] and (longer := next(
            (s for s in candidates if s.id_ == "definition" and s.start == named and s.end == long_end), None)):
        # "Alert-Classifying Artificial Intelligence (ACAI)": the whole long form, a name of its own, not
        # the known name it ends with.
        return Definition(longer.kb_id_, longer.label_, _clean(longer.text), "abbreviation")
    if best is not None:
        concept = index.concept(best[3])
        return _with_prefix_word(doc, short.text, Definition(best[3], best[2], concept.label if concept else None,
                                                             "abbreviation"), best[0], long_end)
    if (second := two_facilities([m for ms in by_end.values() for m in ms], long.start, long_end)) is not None \
            and not rules[second[4]].requires_definition:
        # "Hubble Space Telescope Advanced Camera for Surveys (HST-ACS)": the instrument, on that mission.
        concept = index.concept(second[3])
        return Definition(second[3], second[2], concept.label if concept else None, "abbreviation")
    for span in candidates:
        # (a name written without the method's noun its short form does not spell: "the Analytical Calibration
        # framework (AnaCal)", see CandidateRules._unspelled_tail_end)
        if span.id_ == "definition" and span.start in (long.start, named) and (
                span.end == long.end or (span.end == long.end - 1 and doc[span.end].is_lower)):
            return _with_prefix_word(doc, short.text, Definition(span.kb_id_, span.label_, _clean(span.text),
                                                                 "abbreviation"), span.start, span.end)
    # The long form names nothing we know. If the short form is a known alias
    # whose concept the long form resembles, keep the global meaning;
    # otherwise the abstract means something else by it.
    for match in by_end.get(short.end, ()):
        if match[0] == short.start:
            concept = index.concept(match[3])
            if concept is not None and _resembles(long.text, concept, stop):
                # "Space-weather HMI Activity Region Patches (SHARP)": the known concept, its name written
                # another way; the long form names it too.
                begin = named if named < long.start else start
                if not _edges_named(doc[begin:long.end], concept):
                    return None
                return _with_prefix_word(doc, short.text, Definition(concept.id, match[2], concept.label, "abbreviation",
                                                                     (begin, long.end)), begin, long.end)
    return Definition(None, None, None, "abbreviation")


_LOWER_PREFIX = re.compile(r"([a-z]{1,2})[A-Z]")


def _with_prefix_word(doc: Doc, short: str, definition: Definition, start: int, end: int) -> Definition:
    """The definition of a facility or survey whose long form starts at ``start``, grown over the lower-case word
    its short form's first letter spells: "the extended Public ESO Spectroscopic Survey for Transient Objects
    (ePESSTO+)" (fragments-n r12d-frag-04, both golds) names the extended survey, that word included."""
    if definition.label not in ("TELESCOPE", "SURVEY") or (first := _prefix_word_start(doc, short, start)) is None:
        return definition
    return Definition(definition.concept_id, definition.label, definition.concept_label, definition.source,
                      (first, end))


def _prefix_word_start(doc: Doc, short: str, start: int) -> int | None:
    """Start of the lower-case word(s) before token ``start`` that the lower-case prefix of a short form spells:
    "e" of "ePESSTO+" is "extended", "ng" of "ngVLA" is "next-generation" (None: no such prefix or word)."""
    prefix = _LOWER_PREFIX.match(short)
    if prefix is None or start == 0:
        return None
    letters = prefix.group(1)
    word = doc[start - 1]
    if len(letters) == 1:
        # a modifier ("extended", "upgraded", "enhanced"), no verb that introduces the name ("employing")
        ok = word.is_lower and word.is_alpha and len(word) > 2 and not word.is_stop and word.text[0] == letters \
            and not word.text.endswith("ing")
        return start - 1 if ok else None
    # two letters: a hyphenated pair of lower-case words ("next-generation")
    if start < 3 or doc[start - 2].text != "-" or not (word.is_lower and word.is_alpha and doc[start - 3].is_lower
                                                       and doc[start - 3].is_alpha):
        return None
    return start - 3 if doc[start - 3].text[0] + word.text[0] == letters else None


def _resembles(long_text: str, concept, stop: frozenset[str]) -> bool:
    ordered = [w for w in alias_key(long_text).split() if w not in stop and w.isalnum()]
    words = set(ordered)
    if not words:
        return False
    forms = [concept.label] + [a.text for a in concept.aliases]
    known = {w for form in forms for w in alias_key(form).split()}
    # Half the words shared in the middle only is chance: "fast X-ray transient (FXT)" is no
    # "Follow-up X-ray Telescope" (FXT); the name's first or last word is the concept's.
    return (ordered[0] in known or ordered[-1] in known) and len(words & known) / len(words) >= 0.5


def _edges_named(long: Span, concept) -> bool:
    """Do the first and last words of a long form belong to the concept's names ("Activity Region Patches" ->
    SHARP), so it is the name and nothing around it ("... Adaptive Optics system", "... Catalog v8.2")?"""
    words = [t for t in long if t.is_alpha]
    if len(words) < 2 or not (long[0].is_alpha and long[-1].is_alpha):
        return False
    forms = [concept.label] + [a.text for a in concept.aliases]
    known = {w for form in forms for w in alias_key(form).split()}
    return alias_key(long[0].text) in known and alias_key(long[-1].text) in known


def _short_form_variants(definitions: dict[str, Definition]) -> dict[str, str]:
    """Each written variant of a defined short form -> the form as defined ("SOMs" -> "SOM")."""
    out: dict[str, str] = {}
    for short in definitions:
        out[short] = short
        if short.endswith("s") and len(short) > 2 and short[:-1].isupper():
            out.setdefault(short[:-1], short)
        elif short[-1:].isalnum():
            out.setdefault(short + "s", short)
    return out


def _occurrences(doc: Doc, text: str, short: str, known: list[Span]) -> list[Span]:
    """Every use of a defined short form in the record: as written, plural or singular."""
    spans = {(s.start, s.end): s for s in known}
    if " " not in short:
        for found in _variants_pattern(short).finditer(text):
            span = doc.char_span(found.start(), found.end())  # None unless whole tokens
            if span is not None:
                spans.setdefault((span.start, span.end), span)
    return [spans[k] for k in sorted(spans)]


@lru_cache(maxsize=1 << 12)  # the same short forms recur from abstract to abstract
def _variants_pattern(short: str) -> re.Pattern:
    """A short form's written variants ("SOM", "SOMs"), longest first, as one pattern."""
    forms = sorted(_short_form_variants({short: None}), key=len, reverse=True)  # type: ignore[dict-item]
    return re.compile("|".join(re.escape(f) for f in forms))


# -- choice ---------------------------------------------------------------------


def _resolve(mentions: list[Mention]) -> list[Mention]:
    """Greedy, best first: no two chosen mentions share a token."""
    taken: set[int] = set()
    chosen: list[Mention] = []
    unique = list(dict.fromkeys(mentions))
    keys = [  # Mention.sort_key, inline
        (m.tier, m.start - m.end, m.start, not m.exact, m.concept_id, m.label, m.source, m.concept_label or "")
        for m in unique
    ]
    for i in sorted(range(len(unique)), key=keys.__getitem__):
        mention = unique[i]
        tokens = range(mention.start, mention.end)
        if not taken.isdisjoint(tokens):
            continue
        taken.update(tokens)
        chosen.append(mention)
    chosen.sort(key=_BOUNDS)
    return chosen


_BOUNDS = attrgetter("start", "end")


_OF_OWNER = re.compile(r" of (?:the )?")


def _data_releases(doc: Doc, text: str, chosen: list[Mention], index: OntologyIndex) -> list[Mention]:
    """A release written on its own ("DR17", "Data Release 19") is the release of the survey before it."""
    releases = []
    if "DR" not in text and "elease" not in text:  # what every release written on its own holds
        return chosen
    for found in _DATA_RELEASE.finditer(text):
        span = doc.char_span(found.start(), found.end())
        if span is not None:
            releases.append((span.start, span.end))
    if not releases:
        return chosen
    by_end = {m.end: m for m in chosen}
    out: list[Mention] = []
    skip: set[int] = set()
    grown: dict[int, Mention] = {}
    for start, end in releases:
        inside = [m for m in chosen if m.start < end and start < m.end]
        if len(inside) == 1 and inside[0].label == "DATASET" and inside[0].start <= start < inside[0].end < end:
            # "ZTF Data Release" + "20": the number names one release of the releases the ontology knows.
            grown[inside[0].start] = _composed(doc, inside[0], inside[0].start, end, "DATASET", index)
            continue
        if inside:
            continue
        before = [m for m in chosen if m.end <= start and m.label in {"SURVEY", "TELESCOPE"}]
        context = before[-1] if before else None  # the last survey or mission mentioned
        after = _OF_OWNER.match(text, doc[end - 1].idx + len(doc[end - 1]))
        if after is not None:  # "DR17 of eBOSS", "Data Release 4 of the Kilo-Degree Survey": the survey after it
            context = next((m for m in chosen if doc[m.start].idx == after.end() and m.label in _FACILITY), context)
        owner = by_end.get(start)
        release = doc[start:end].text
        coded = _coded_product(doc, text, before[-1] if before else None, start)
        if coded is not None:
            # "the SDSS MPA-JHU DR8 catalogue": a facility, the code of a product made from its data, and the
            # product's release are one data set
            skip.add(coded.start)
            out.append(_composed(doc, coded, coded.start, end, "DATASET", index))
        elif owner is not None and owner.label in {"SURVEY", "TELESCOPE"}:
            skip.add(owner.start)
            out.append(_release(doc, index, owner, owner.start, end, release))
        else:
            out.append(_unknown_owner_release(doc, text, index, chosen, context, start, end, release))
    merged = [grown.get(m.start, m) for m in chosen if m.start not in skip] + out
    merged.sort(key=lambda m: (m.start, m.end))
    return merged


def _unknown_owner_release(doc: Doc, text: str, index: OntologyIndex, chosen: list[Mention], context: Mention | None,
                           start: int, end: int, release: str) -> Mention:
    """A release written after a survey's short name the ontology does not know, and its version glued after it, is
    one name: "the spectral data of LAMOS DR7-V1" (abstracts-x arXiv:2201.08967, both golds, the survey misspelt),
    "(LAMOST) DR5 V1" (abstracts-z arXiv:1902.03496, both golds: a version after a space); a release written alone
    is the release of the survey named last."""
    extent = index.extent
    last = doc[end - 1]
    versioned = False
    after = last.idx + len(last)
    if extent is not None and text[after:after + 2] in _VERSION_OPENERS and text[after + 2:after + 3].isdigit() \
            and (version := extent.release_end(text, last.idx + len(last))) is not None \
            and (span := doc.char_span(doc[start].idx, version)) is not None:
        end, versioned = span.end, True  # "DR7-V1"
    word = doc[start - 1] if start > 0 else None
    if word is not None and word.is_upper and word.is_alpha and len(word) >= 3 and not word.is_sent_start \
            and text[word.idx + len(word):doc[start].idx] == " " \
            and not any(m.start < start and start - 1 < m.end for m in chosen) and not index.lookup(word.text):
        name = f"{word.text} {doc[start:end].text}"
        return Mention(start - 1, end, "DATASET", candidate_id(name), "candidate", 0, True, name)
    if versioned:
        name = doc[start:end].text
        cid = candidate_id(name)
        of = _release(doc, index, context, start, end, release)  # "DR5 V1" is a version of LAMOST DR5
        if of.source == "ruler":
            doc.user_data.setdefault(BROADER_KEY, {})[cid] = of.concept_id
        return Mention(start, end, "DATASET", cid, "candidate", 0, True, name)
    return _release(doc, index, context, start, end, release)


_VERSION_OPENERS = frozenset({"-V", "-v", " V", " v"})  # "DR7-V1", "DR5 V1", "DR5 v2"


def _release_short_forms(doc: Doc, text: str, chosen: list[Mention], index: OntologyIndex, extent: Extent,
                         starts: list[int], ends: list[int]) -> list[Mention]:
    """A release's code in brackets right after a data set's name is its short form, there and wherever else the
    record writes it: "Euclid Quick Data Release (Q1) ... galaxies in Q1" (abstracts-m arXiv:2503.15328,
    abstracts-u arXiv:2503.15310); the code alone ("Q1" is also a quarter) names nothing without it. So is a code
    in brackets after the word "release": "the maps of the 2018 release (PR3)" (fragments-c measure-fragment-10),
    the release of the facility named last."""
    added: list[Mention] = []
    taken = {(m.start, m.end) for m in chosen}
    named = [(m.end, m) for m in chosen if m.label == "DATASET"]
    for found in _BRACKETED_CODE.finditer(text):
        code = found.group(1)
        span = doc.char_span(found.start(1), found.end(1))
        if span is None or (span.start, span.end) in taken:
            continue  # the code is a name already ("Gaia Early Data Release 3 (EDR3)")
        before = next((m for end, m in named if end == span.start - 1 and ends[m.end - 1] == found.start()), None)
        if not extent.release_code(code) and not (
                before is not None and _prefixed_release_code(extent, code, text[starts[before.start]:found.start()])):
            continue
        if before is None and text[max(0, found.start() - 8):found.start()].lower().endswith(("release", "releases")):
            facilities = [m for m in chosen if m.end <= span.start and m.label in _FACILITY]
            before = _release(doc, index, facilities[-1] if facilities else None, span.start, span.end, code)
        if before is None:
            continue
        _add_free_uses(doc, text, rf"(?<![\w-]){re.escape(code)}(?![\w-])", chosen, added, before)
    return sorted(chosen + added, key=_BOUNDS) if added else chosen


def _add_free_uses(doc: Doc, text: str, pattern: str, chosen: list[Mention], added: list[Mention],
                   owner: Mention) -> None:
    """Add to ``added`` every use of ``pattern`` in the text that no chosen or added mention overlaps, as a short
    form of ``owner``'s data set."""
    for use in re.finditer(pattern, text):
        span = doc.char_span(use.start(), use.end())
        if span is not None and not any(c.start < span.end and span.start < c.end for c in chosen + added):
            added.append(Mention(span.start, span.end, "DATASET", owner.concept_id, "abbreviation", 0, True,
                                 owner.concept_label))


def _release_codes_named_before(doc: Doc, text: str, chosen: list[Mention], index: OntologyIndex, extent: Extent,
                                starts: list[int], ends: list[int]) -> list[Mention]:
    """A release's code written alone where the record names a release the ontology knows with its owner is that
    release: "the Planck PR4 maps ... We thank the Planck Collaboration for releasing PR4." (fragments-n
    r12d-frag-14, both golds). A code the record never writes with an owner names nothing ("PR4 of the manuscript"),
    and a mission's period is no release: "Kepler Q9 light curves ... stars observed in Q9 of the Kepler space
    mission" (abstracts-r arXiv:2107.06301, both golds: "Kepler Q9" alone)."""
    named: dict[str, Mention] = {}
    for m in chosen:
        if m.label == "DATASET" and m.end - m.start > 1 and ends[m.end - 2] + 1 == starts[m.end - 1]:
            code = doc[m.end - 1].text
            if code not in named and extent.release_code(code) \
                    and (concept := index.concept(m.concept_id)) is not None and concept.kind == "data-release":
                named[code] = m  # "Planck PR4": the owner, a space, the code
    if not named:
        return chosen
    added: list[Mention] = []
    for code, release in named.items():
        _add_free_uses(doc, text, rf"(?<![\w/-]){re.escape(code)}(?![\w/-])", chosen, added, release)
    return sorted(chosen + added, key=_BOUNDS) if added else chosen


# A code in brackets after a name or a word: "Euclid Quick Data Release (Q1)", "the 2018 release (PR3)", "Pan-STARRS
# Data Release 2 (PS1DR2)".
_BRACKETED_CODE = re.compile(r" \(([A-Z][A-Za-z0-9]{0,5}[0-9]{1,2})\)")
_LAST_NUMBER = re.compile(r"([0-9]+)$")


def _prefixed_release_code(extent: Extent, code: str, name: str) -> bool:
    """Is a bracketed code after a release's name the release's code after the survey's ("PS1DR2" after "Pan-STARRS
    Data Release 2", abstracts-b arXiv:2602.01548; "LSDR10"): it ends with a release code whose number the name ends
    with ("M2" is a cluster's name)?"""
    number = _LAST_NUMBER.search(name)
    if number is None or not code.endswith(number.group(1)):
        return False
    return any(code[i].isupper() and extent.release_code(code[i:]) for i in range(1, len(code) - 1))


def _short_forms_of_written_names(text: str, chosen: list[Mention], undefined: list[tuple[int, int, str, str]],
                                  starts: list[int], ends: list[int]) -> list[Mention]:
    """A data set's short form that needs a definition stands where the record writes the data set's name ending with
    it: "IllustrisTNG ... images of TNG galaxies" (fragments-l r10y-frag-08, fragments-e r3y-frag-08, both golds);
    "TNG" alone is also the Telescopio Nazionale Galileo."""
    named: dict[str, set[str]] = {}  # concept id -> its names as written in the record
    for m in chosen:
        if m.label == "DATASET":
            named.setdefault(m.concept_id, set()).add(text[starts[m.start]:ends[m.end - 1]])
    added = [Mention(start, end, "DATASET", cid, "abbreviation", 0, True)
             for start, end, cid, written in undefined
             if any(len(name) > len(written) and name.endswith(written)
                    for name in named.get(cid, ()))
             and not any(m.start < end and start < m.end for m in chosen)]
    return sorted(chosen + added, key=_BOUNDS) if added else chosen


def _acronyms_of_written_tools(text: str, chosen: list[Mention], undefined: list[tuple[int, int, str, str]],
                               starts: list[int], ends: list[int]) -> list[Mention]:
    """A tool's acronym that needs a definition stands where the record writes the tool's name in words: "We retrain
    PICS, the Pulsar Image-based Classification System, ..." (fragments-p r13d-frag-05, both golds), an apposition
    no bracket marks; "PICS" alone may be anything."""
    named: set[str] = {m.concept_id for m in chosen
                       if m.label == "SOFTWARE" and " " in text[starts[m.start]:ends[m.end - 1]]}
    if not named:
        return chosen
    added = [Mention(start, end, "SOFTWARE", cid, "abbreviation", 0, True)
             for start, end, cid, _written in undefined
             if cid in named and not any(m.start < end and start < m.end for m in chosen)]
    return sorted(chosen + added, key=_BOUNDS) if added else chosen


def _short_forms_after_owner(doc: Doc, chosen: list[Mention], undefined: list[tuple[int, int, str, str]],
                             index: OntologyIndex) -> list[Mention]:
    """A data set's short form that needs a definition stands right after the survey or mission it comes from, a
    few words apart in one phrase: "LSST DESC simulated DC2 sky survey catalogues" (abstracts-y arXiv:1911.03867,
    both golds); "DC2" alone may be anything. Not an observing run: "LIGO O3" is two names, the golds tag neither
    run alone."""
    added: list[Mention] = []
    by_end = {m.end: m for m in chosen if m.label in _FACILITY}
    for start, end, cid, _written in undefined:
        if any(m.start < end and start < m.end for m in chosen + added):
            continue
        concept = index.concept(cid)
        owners = set(concept.relations.get("from_survey", ())) if concept is not None else set()
        if not owners or _observing_run(index, cid):
            continue
        for gap in range(0, 3):  # up to two words between: "LSST DESC simulated DC2"
            owner = by_end.get(start - gap)
            if owner is not None and owner.concept_id in owners \
                    and all(t.is_alpha and not t.is_sent_start for t in doc[start - gap:start]) and not doc[start].is_sent_start:
                added.append(Mention(start, end, "DATASET", cid, "abbreviation", 0, True))
                break
    return sorted(chosen + added, key=_BOUNDS) if added else chosen


def _short_forms_bracketed_after_name(text: str, chosen: list[Mention], undefined: list[tuple[int, int, str, str]],
                                      starts: list[int], ends: list[int]) -> list[Mention]:
    """A data set's short form that needs a definition, in brackets right after the data set's name, is defined there
    whether or not its letters spell the name: "the Second Fermi-LAT Catalog of Gamma-ray Pulsars (2PC)" (an ordinal
    written as a digit); it names the data set wherever else the record writes it."""
    named = {ends[m.end - 1]: m.concept_id for m in chosen if m.label == "DATASET"}
    defined = {cid for start, end, cid, _written in undefined
               if text[starts[start] - 2:starts[start]] == " (" and text[ends[end - 1]:ends[end - 1] + 1] == ")"
               and named.get(starts[start] - 2) == cid}
    if not defined:
        return chosen
    added: list[Mention] = []
    for start, end, cid, _written in undefined:
        if cid in defined and not any(m.start < end and start < m.end for m in chosen + added):
            added.append(Mention(start, end, "DATASET", cid, "abbreviation", 0, True))
    return sorted(chosen + added, key=_BOUNDS) if added else chosen


def _initials_of_written_names(doc: Doc, text: str, chosen: list[Mention], index: OntologyIndex) -> list[Mention]:
    """A word in capitals that spells the initials of a data set's capitalised name written in the record is that data
    set's short form, defined or not: "from the Hubble Spectroscopic Legacy Archive ... We utilize the HSLA quasar
    spectra" (abstracts-z arXiv:2006.04814, both golds "HSLA"). Three initials at least; the name's joining words in
    lower case do not count, any other word in lower case makes it no name."""
    added: list[Mention] = []
    for m in chosen:
        if m.label != "DATASET" or m.end - m.start < 3:
            continue
        words = [t for t in doc[m.start:m.end] if t.is_alpha and t.lower_ not in _NAME_FUNCTION_WORDS]
        if len(words) < 3 or not all(t.text[0].isupper() for t in words):
            continue
        initials = "".join(t.text[0] for t in words)
        if initials not in text:  # the substring first: most names' initials are written nowhere
            continue
        if any(cid != m.concept_id for cid in index.lookup(initials)):
            continue  # the ontology knows the letters as another name
        _add_free_uses(doc, text, rf"(?<![\w-]){initials}(?![\w-])", chosen, added, m)
    return sorted(chosen + added, key=_BOUNDS) if added else chosen


# Between a facility and a release: the upper-case code of a product made from the facility's data ("MPA-JHU").
_PRODUCT_CODE = re.compile(r" [A-Z][A-Z0-9]{1,7}(?:-[A-Z][A-Z0-9]{0,7})* ")


def _coded_product(doc: Doc, text: str, facility: Mention | None, start: int) -> Mention | None:
    """The facility written right before a product's code and a release ("SDSS MPA-JHU DR8"), if so."""
    if facility is None:
        return None
    last = doc[facility.end - 1]
    gap = _PRODUCT_CODE.fullmatch(text, last.idx + len(last), doc[start].idx)
    return facility if gap is not None else None


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
             "nineteenth", "twentieth")
# An ordinal in figures counts too: "the 17th data release of ZTF" (abstracts-ac arXiv:2512.13395, both golds).
_RELEASE_OF = re.compile(rf"\b({'|'.join(_ORDINALS)}|early|[1-9][0-9]?(?:st|nd|rd|th)) [Dd]ata [Rr]elease of (?:the )?",
                         re.IGNORECASE)


# A release's own name written beside the spelled-out one ("... of the eROSITA All-Sky Survey (eRASS1)"),
# not a bare release number ("... of Gaia (DR2)").
# An apposed name after a comma counts too: "the fourth data release of the Kilo-Degree Survey, KiDS-DR4"
# (fragments-p r13d-frag-08, both golds: the survey and KiDS-DR4).
_NAMED_RELEASE_AFTER = re.compile(r"(?: [A-Z][a-z]+)?(?: \((?![EPA]?DR ?[0-9]+\))[^()]*?[A-Za-z][^()]*?[0-9][^()]*\)"
                                  r"|, (?![EPA]?DR ?[0-9]+\b)[A-Za-z][\w+-]*[A-Za-z][\w+-]*?[0-9][\w+-]*\b)")
_NAMED_RELEASE_BEFORE = re.compile(r"[0-9], (?:the )?$")


_SURVEY_WORD_AFTER = re.compile(r" Survey\b")


def _releases_of(doc: Doc, text: str, chosen: list[Mention], index: OntologyIndex) -> list[Mention]:
    """A release spelled out before its survey, "the second data release of Gaia", is that survey's DR2."""
    by_start = {doc[m.start].idx: m for m in chosen}
    out = list(chosen)
    if "release of" not in text.lower():  # the pattern's words, found without trying its ordinals at every word
        return out
    for found in _RELEASE_OF.finditer(text):
        owner = by_start.get(found.end())
        span = doc.char_span(found.start(), found.end() - 1)  # without the space before the survey
        if owner is None or span is None or owner.label not in _FACILITY or any(
                m.start < span.end and span.start < m.end for m in chosen):
            continue
        owner_end = doc[owner.end - 1].idx + len(doc[owner.end - 1])
        if _written_as_phase(text, doc[owner.start].idx, owner_end, index):
            # "the seventeenth data release of SDSS-IV (DR17)" (fragments-m r11y-frag-05, both golds): the survey's
            # releases are numbered across its phases, so the phase and the release stay two names
            continue
        titled = found.group(0)[:1].isupper() and "Data Release" in found.group(0)
        if not titled and (_NAMED_RELEASE_AFTER.match(text, owner_end)
                           or _NAMED_RELEASE_BEFORE.search(text, max(0, found.start() - 20), found.start())):
            continue  # the release has a name of its own beside: "... Sky Survey (LoTSS-DR2)", "LoTSS-DR2, the ..."
        end = owner.end
        if titled and (survey := _SURVEY_WORD_AFTER.match(text, owner_end)) is not None \
                and (whole := doc.char_span(span.start_char, survey.end())) is not None:
            end = whole.end  # "the Third Data Release of the GALAH Survey": a title-case release, named whole
        word = found.group(1).lower()
        release = "EDR" if word == "early" else f"DR{int(word[:-2]) if word[0].isdigit() else _ORDINALS.index(word) + 1}"
        out = [m for m in out if m is not owner] + [_release(doc, index, owner, span.start, end, release)]
    return sorted(out, key=_BOUNDS) if out != chosen else chosen


# A simulation box's size glued to its suite's name: "IllustrisTNG-300", "TNG-100".
_BOX = re.compile(r"-([1-9][0-9]{1,3})(?![\w-]|\.[0-9])")


def _box_variant(doc: Doc, text: str, m: Mention, end_char: int, index: OntologyIndex) -> Mention | None:
    """The run of a simulation suite written as the suite's name and its box size ("IllustrisTNG-300" is TNG300,
    abstracts-y arXiv:2512.05909, both golds), when the ontology knows the run by the name and the number joined."""
    found = _BOX.match(text, end_char)
    concept = index.concept(m.concept_id)
    if found is None or concept is None or concept.kind != "simulation":
        return None
    span = doc.char_span(doc[m.start].idx, found.end())
    if span is None:
        return None
    for name in [doc[m.start:m.end].text, concept.label] + [a.text for a in concept.aliases + concept.acronyms]:
        for cid in sorted(index.lookup(f"{name}{found.group(1)}")):
            run = index.concept(cid)
            if run is not None and run.type == "DATASET" and cid != m.concept_id:
                return Mention(span.start, span.end, "DATASET", cid, "ruler", 0, True)
    return None


def _written_as_phase(text: str, start: int, end: int, index: OntologyIndex) -> bool:
    """Is the name at ``start:end`` written as a phase of a survey ("SDSS-IV", "Sloan Digital Sky Survey IV")?"""
    extent = index.extent
    cut = max(text.rfind(" ", start, end), text.rfind("-", start, end))
    return extent is not None and cut > start and extent.phase_end(text, cut) == end


def _release(doc: Doc, index: OntologyIndex, owner: Mention | None, start: int, end: int, release: str) -> Mention:
    if owner is not None:
        concept = index.concept(owner.concept_id)
        names = [concept.label] + [a.text for a in concept.aliases + concept.acronyms] if concept else []
        names.append(doc[owner.start:owner.end].text)
        for name in names:
            for cid in sorted(index.lookup(f"{name} {release}")):
                found = index.concept(cid)
                if found is not None and found.type == "DATASET":
                    return Mention(start, end, "DATASET", cid, "ruler", 0, True)
        owner_label = concept.label if concept else doc[owner.start:owner.end].text
        text = f"{owner_label} {release}"
    else:
        text = release
    return Mention(start, end, "DATASET", candidate_id(text), "candidate", 0, True, text)


# -- whole names ------------------------------------------------------------------

BROADER_KEY = CANDIDATE_BROADER
"""``doc.user_data`` key: candidate id -> the known concept its composed name contains (candidates writes it too)."""

_FACILITY = frozenset({"TELESCOPE", "SURVEY"})
_PRODUCT_OWNERS = frozenset({"TELESCOPE", "SURVEY", "DATASET"})
# Kinds of technique that name a model when written side by side ("gradient boosting decision trees").
_NAME_KINDS = frozenset({"algorithm", "architecture"})
# A software's major version: one digit or Roman numeral, then the end of the word ("PySM 3", "FNet II";
# not "emcee 3.1" or "CLASS 2 times").
_VERSION = re.compile(r" (?:[1-9]|II|III|IV)(?=[,;:)]|\.(?!\d)|$| \(| and | or | with | to | in | for )")
# A tool's release, then the noun that says it is a tool: "the semi-supervised RGC 1.0 model" (arXiv:2510.22190),
# "the SOAP 2.0 software" (not "emcee 3.1" alone: a version number in prose is often the version used, not the name).
_TOOL_VERSION = re.compile(r" v?[0-9]+\.[0-9]+(?:\.[0-9]+)?(?= (?:model|code|software|pipeline|package|framework|library"
                           r"|toolkit)s?\b)")
# A code's grid of isochrones or tracks, after its name: its version, then the grid's noun ("PARSEC v1.2S isochrones",
# "MIST v1.2 evolutionary tracks"); group 1 ends where the data set's name ends. Without a version the name is left to
# the code ("PARSEC and MIST isochrones": tests/test_ontology_breadth_tools.py), one release of the grid it is not.
_MODEL_GRID = re.compile(r"( v?[0-9]+(?:\.[0-9]+)+[A-Za-z]?) (?:stellar |evolutionary )?(?:isochrones|tracks)\b")
# The year of a capitalised data set's edition: "Ariel Data Challenge 2023".
_YEAR = re.compile(r" (?:19|20)[0-9]{2}(?![\w-]|\.[0-9])")
# A lower-case part of a survey glued to its name: "zCOSMOS-bright", "RACS-low".
_QUALIFIER = re.compile(r"-[a-z]{3,12}(?=[ /-])")
# A capitalised data set's number before what it holds: "the Science Data Challenge 2 images".
_NUMBERED = re.compile(r" [1-9](?= [a-z]{3,})")
# A coined tool's version marked with "v", written apart: "the SegU-Net v2 framework", "identified by SegU-Net v2"
# (abstracts-ab arXiv:2304.02661, both golds); a major version only, not the release used ("emcee v3.1").
_MARKED_VERSION = re.compile(r" v[1-9][0-9]?(?![\w.+-])")
# A tool's version glued by a hyphen: "EMBER-2", "astronet-triage-v2" (not "-2.5" nor "-20").
_HYPHEN_VERSION = re.compile(r"-(?:[1-9]|II|III|IV|v[0-9]+)(?![\w-]|\.[0-9])")
# A name written after another of a co-ordination ("FIRST and NVSS catalogues").
_COORDINATED = re.compile(r"(?:\w,| and| or) $")
# After a catalogue's name, the number of one of its objects: "TOI-700", "TIC 307210830".
_DESIGNATION = re.compile(r"-[0-9]{2,}(?![.\w])| [0-9]{5,}")
# A word in lower case glued by a hyphen before a name: "plain-CNN".
_GLUED_WORD = re.compile(r"(?<![\w-])([a-z]{3,})-$")


def compose(doc: Doc, text: str, chosen: list[Mention], index: OntologyIndex, extent: Extent,
            starts: list[int] | None = None, ends: list[int] | None = None) -> list[Mention]:
    """Grow each chosen mention to the whole name written there; drop facility names that are not facilities.

    The composed name links to the ontology concept of its whole text when
    there is one, else to a ``candidate:`` whose broader concept
    (``doc.user_data[BROADER_KEY]``) is the known concept inside it, so
    "Bayesian CNN" never silently becomes CNN.
    """
    if starts is None or ends is None:  # the tokens' character bounds
        idx = doc.to_array(IDX)
        starts, ends = idx.tolist(), (idx + doc.to_array(LENGTH)).tolist()
    out: list[Mention] = []
    institutions: set[str] = set()  # candidates dropped as organisations: their short forms go too ("EGO")
    i = 0
    pending = sorted(chosen, key=_BOUNDS)
    if "-" in text:
        pending = _outside_coined_chains(text, pending, starts, ends)
    while i < len(pending):
        m = pending[i]
        nxt = pending[i + 1] if i + 1 < len(pending) else None
        start_char, end_char = starts[m.start], ends[m.end - 1]
        if m.label in _FACILITY and m.source != "abbreviation" and (
                _not_a_facility(doc, text, m, end_char, index, extent)
                or (extent.glued(text, start_char, end_char) and not _joined_to(doc, text, m, nxt, out, end_char)
                    and extent.phase_end(text, end_char) is None)):
            if m.source == "candidate" or text[end_char:end_char + 2] == " (":
                # "the LIGO-Virgo-KAGRA (LVK) collaboration": the short form defined here names it too
                institutions.add(m.concept_id)
            i += 1
            continue
        if m.label == "DATASET" and text[end_char:end_char + 1] == "-" \
                and (box := _box_variant(doc, text, m, end_char, index)) is not None:
            m = box  # "IllustrisTNG-300": a suite and the box of one of its runs, the run (not an object's number)
            start_char, end_char = starts[m.start], ends[m.end - 1]
            nxt = next((p for p in pending[i + 1:] if p.start >= m.end), None)
        if (m.source == "abbreviation" and m.concept_id in institutions) or (
                m.label == "DATASET" and _DESIGNATION.match(text, end_char)):
            i += 1  # "TOI-700", "TIC 307210830": an object named after the catalogue, not the catalogue
            continue
        if m.label == "TELESCOPE" and m.source == "ruler" and m.end - m.start > 2 and doc[m.end - 1].lower_ in _UNIT_NOUNS \
                and doc[m.end - 1].is_lower and _unit_named(index, doc, m):
            # "the Keck II telescope", "the 1.8-m MOA-II telescope" (fragments-n r12d-frag-05, -13, both golds): a
            # numbered unit's name is complete without the noun in lower case ("the Subaru telescope" is no unit)
            m = m._replace(end=m.end - 1, exact=False)
            end_char = ends[m.end - 1]
        if m.label == "SURVEY" and _INSTRUMENT_NOUN_AFTER.match(text, end_char) and _also_a(index, m, "TELESCOPE"):
            # "observed with the BOSS spectrographs on the 2.5-m Sloan Foundation Telescope" (fragments-n r12d-frag-08,
            # both golds: BOSS a TELESCOPE): a survey's name before its instrument's noun names the instrument, the
            # other type the ontology gives it (GUIDELINE "Ambiguity": the type the sentence uses it as)
            m = m._replace(label="TELESCOPE")
        elif m.label == "SURVEY" and m.source == "ruler" and m.end - m.start > 1 and doc[m.end - 1].is_title \
                and doc[m.end - 1].norm_ in _telescope_heads(index) and _also_a(index, m, "TELESCOPE"):
            # "Guoshoujing Telescope (the Large Sky Area Multi-Object Fiber Spectroscopic Telescope, LAMOST)"
            # (fragments-o r12y-frag-04, both golds): a survey's long form ending in a facility's capitalised head
            # noun names the facility, the other type its concept lists; its short form keeps the survey's type
            m = m._replace(label="TELESCOPE")
        if m.label == "TELESCOPE" and m.source != "abbreviation" and extent.simulation_after(text, end_char):
            # "the ARTEMIS cosmological hydrodynamical zoom-in simulations": a simulation suite, not the camera
            written = doc[m.start:m.end].text  # the suite's own concept when known, never a candidate under the camera
            known = sorted(c for c in index.lookup(written) if (found := index.concept(c)) and found.type == "DATASET")
            m = Mention(m.start, m.end, "DATASET", known[0], "ruler", 0, True) if known else Mention(
                m.start, m.end, "DATASET", candidate_id(written), "candidate", 0, True, written)
        if m.label == "DATASET" and out and out[-1].label == "DATASET" and m.end - m.start > 1 \
                and _COORDINATION_GAP.fullmatch(text, ends[out[-1].end - 1], start_char) \
                and (shared := _shared_head(text, m, start_char, end_char, index, extent)) is not None:
            m = shared  # "the Websky and Agora simulations": the head both share is no part of the last name
            end_char = ends[m.end - 1]
        if m.label == "TECHNIQUE" and nxt is not None and _trained_as(index, text, m, nxt, start_char, end_char, starts, ends):
            i += 1  # "the unsupervised Gaussian Mixture Model": how a named model was trained, no name of its own
            continue
        if m.label == "DATASET" and m.source == "candidate" and out and out[-1].label == "TELESCOPE" \
                and out[-1].end == m.start - 1 and text[ends[out[-1].end - 1]:start_char] == "/":
            # "the SDO/HMI - Debrecen Data": a data set named on an instrument written with its mission is one name
            m = m._replace(start=out.pop().start)
            start_char = starts[m.start]
        grown = None
        if m.label == "TECHNIQUE":
            grown = _grow_technique(doc, text, m, nxt, start_char, end_char, index, extent)
        elif m.label in _FACILITY and nxt is not None and nxt.label in _FACILITY \
                and text[end_char:starts[nxt.start]] in (" ", "-") and "-" in text[start_char:ends[nxt.end - 1]] \
                and (whole := _known_whole(index, text[start_char:ends[nxt.end - 1]])) is not None:
            # "the Hyper-Suprime-Cam Subaru-Strategic-Program Ultra-Deep survey" (abstracts-z arXiv:1909.10537, both
            # golds): a known name written with its hyphens and spaces mixed, which the matcher reads as two (one
            # written with spaces only it matches whole: "Cassini RADAR" was split on purpose)
            grown = Mention(m.start, nxt.end, whole[1], whole[0], "ruler", 0, False)
        elif m.label == "TELESCOPE" and nxt is not None and nxt.label == "TELESCOPE" \
                and text[end_char:starts[nxt.start]] == "-" and _instrument_of(index, nxt, m):
            # "HST-ACS" (abstracts-z arXiv:2206.13696, both golds), "Chandra-ACIS": an instrument hyphenated to its
            # mission is one name written as one unit, the instrument's ("Swift-XRT", "Fermi-LAT")
            grown = Mention(m.start, nxt.end, "TELESCOPE", nxt.concept_id, nxt.source, 0, False, nxt.concept_label)
        elif m.label == "TELESCOPE" and nxt is not None and nxt.label == "SURVEY" and m.end - m.start == 1 \
                and text[end_char:starts[nxt.start]] in (" ", "-"):
            # "VST KiDS", "ASKAP-EMU", "MeerKAT MIGHTEE": the survey, named with its facility's short
            # name ("Vera C. Rubin Observatory LSST" is two names side by side).
            grown = Mention(m.start, nxt.end, "SURVEY", nxt.concept_id, nxt.source, 0, True, nxt.concept_label)
        elif m.label in _FACILITY and nxt is not None and nxt.label == "DATASET" and m.end - m.start == 1 \
                and text[end_char:starts[nxt.start]] == " " and _product_of(index, nxt, m) \
                and not _observing_run(index, nxt.concept_id) and not _simulated(index, nxt.concept_id):
            # "Fermi 4LAC", "Planck PCCS2", "CRISM MTRDR": a product's short name after its facility's is one name.
            # A simulation made for a survey is no product of its data: "the LSST cosmoDC2 catalogue" is LSST and
            # cosmoDC2 (abstracts-u arXiv:2205.13622, both golds); joined names it is known by are aliases
            # ("Euclid Flagship", "Planck FFP10").
            grown = Mention(m.start, nxt.end, "DATASET", nxt.concept_id, nxt.source, 0, True, nxt.concept_label)
        elif m.label == "TELESCOPE" and nxt is not None and nxt.label == "DATASET" and m.end - m.start == 1 \
                and text[end_char:starts[nxt.start]] == " " and nxt.end - nxt.start > 1 \
                and all(t.is_title or t.is_upper for t in doc[nxt.start:nxt.end]):
            # "LOFAR Galaxy Zoo": a data set named with its facility's short name is one product.
            grown = _composed(doc, nxt, m.start, nxt.end, "DATASET", index)
        elif m.label == "DATASET" and m.source == "ruler" and nxt is not None and nxt.label in _FACILITY \
                and nxt.end - nxt.start == 1 and text[end_char:starts[nxt.start]] == ": ":
            # "Radio Galaxy Zoo: LOFAR" (fragments-k r9y-frag-01), "Galaxy Zoo: Hubble": a project's part named
            # for the facility whose data it holds, one data set written with a colon.
            grown = _composed(doc, m, m.start, nxt.end, "DATASET", index)
        elif m.label in _FACILITY and m.end - m.start > 1 and text[end_char:end_char + 2] == " (" \
                and (grown := _survey_around_short_form(doc, text, m, pending, i, end_char, index)) is not None:
            pass  # "Hyper-Suprime Cam (HSC) Survey", "Dark Energy Spectroscopic Instrument (DESI) Legacy Imaging Surveys"
        elif m.label in _FACILITY and nxt is not None and nxt.label == "SURVEY" and _named_survey(doc, text, m, nxt):
            # "Zwicky Transient Facility Bright Transient Survey", "Rubin Observatory Legacy Survey of
            # Space and Time": a facility's full name before a survey's capitalised name is one name.
            grown = Mention(m.start, nxt.end, "SURVEY", nxt.concept_id, nxt.source, 0, True, nxt.concept_label)
        if (m.label == "SOFTWARE" or (m.label in _PRODUCT_OWNERS and m.end - m.start > 1 and doc[m.end - 1].is_title)) \
                and (version := _VERSION.match(text, end_char) or (
                    _TOOL_VERSION.match(text, end_char) if m.label == "SOFTWARE" else None) or (
                    _HYPHEN_VERSION.match(text, end_char) if m.label == "SOFTWARE" else None) or (
                    _MARKED_VERSION.match(text, end_char) if m.label == "SOFTWARE" and m.source == "candidate" else None
                ) or (
                    (_YEAR.match(text, end_char) or _NUMBERED.match(text, end_char)) if m.label == "DATASET" else None
                )) is not None:
            # "PySM 3", "GADGET 4", "Near-Infrared Camera 2", "Science Data Challenge 2": a number written
            # after the name is part of it.
            span = _span_of(doc, start_char, version.end())
            if span is not None and not (nxt is not None and nxt.start < span.end and not (
                    nxt.source == "candidate" and nxt.end <= span.end)):
                grown = m._replace(end=span.end) if m.label == "SOFTWARE" else _composed(
                    doc, m, span.start, span.end, m.label, index)
        if grown is None and m.label == "SOFTWARE" and "atalog" in text[end_char:end_char + 40] \
                and (end := extent.product_end(text, end_char)) is not None \
                and "atalog" in text[end_char:end] and (span := _span_of(doc, start_char, end)) is not None:
            # "the redMaPPer catalogue": the catalogue a code or pipeline made is a data product
            grown = _composed(doc, m, span.start, span.end, "DATASET", index)
        if grown is None and m.label == "SOFTWARE" and ("sochrone" in text[end_char:end_char + 24]
                                                         or "tracks" in text[end_char:end_char + 36]) \
                and (grid := _MODEL_GRID.match(text, end_char)) is not None \
                and (concept := index.concept(m.concept_id)) is not None and "DATASET" in concept.alt_types \
                and (span := _span_of(doc, start_char, grid.end(1))) is not None:
            # "ages from PARSEC v1.2S isochrones" (fragments-p r13d-frag-13, both golds: "PARSEC v1.2S" DATASET): a
            # code's published grid of isochrones or tracks is a data set, named with its version, without the noun
            grown = Mention(span.start, span.end, "DATASET", m.concept_id, m.source, 0, True, m.concept_label)
        if grown is None and m.label == "SURVEY" and (program := _PROGRAM.match(text, end_char)) is not None \
                and _label_of(index, m).endswith((" Program", " Programme")) \
                and (span := _span_of(doc, start_char, program.end())) is not None:
            # "the DES SN programme": the word the survey's own name ends with (Dark Energy Survey Supernova Program)
            grown = m._replace(end=span.end, exact=True)
        if grown is None and m.label == "DATASET" and nxt is not None and nxt.label == "SOFTWARE" \
                and starts[nxt.start] == end_char + 1 and text[end_char] == "-":
            # "the Uchuu-UniverseMachine simulation": a simulation populated by a model, one data set
            grown = _composed(doc, m, m.start, nxt.end, "DATASET", index)
        if grown is None and m.label == "DATASET" and nxt is not None and nxt.label == "DATASET" \
                and starts[nxt.start] == end_char + 1 and text[end_char] == " " \
                and _suite_of(index, text[start_char:end_char], m, nxt):
            # "Illustris TNG50": a simulation suite named before one of its runs is the run, written whole
            grown = Mention(m.start, nxt.end, "DATASET", nxt.concept_id, nxt.source, 0, True, nxt.concept_label)
        if grown is None and m.label == "DATASET" and (run := extent.run_end(text, end_char)) is not None \
                and (span := _span_of(doc, start_char, run)) is not None:
            grown = _composed(doc, m, span.start, span.end, "DATASET", index)  # "the FLAMINGO L1_m9 run"
        if grown is None and m.label in _FACILITY and text[end_char:end_char + 1] == " " \
                and (year := _YEAR.match(text, end_char)) is not None:
            grown = _year_release(doc, index, m, start_char, year.end(), text)
        if grown is None and m.label in _PRODUCT_OWNERS:
            grown = _grow_product(doc, text, m, end_char, index, extent, out[-1].end if out else 0)
        if grown is None and m.label == "DATASET" and (_PRODUCT_END.search(text, start_char, end_char)
                                                      or _CHALLENGE_END.search(text, start_char, end_char)) \
                and (ordinal := extent.ordinal_start(text, start_char)) is not None \
                and (span := _span_of(doc, ordinal, end_char)) is not None and not (out and span.start < out[-1].end):
            # "the Third Gravitational-Wave Transient Catalog" (fragments-l r10y-frag-09): the ordinal names one
            # catalogue of the series the ontology knows by the name without it
            grown = _composed(doc, m, span.start, span.end, "DATASET", index)
        if grown is not None and grown.label == "DATASET" and m.label == "TELESCOPE" and out \
                and out[-1].end == m.start and text[ends[out[-1].end - 1]:start_char] == " " \
                and extent.release_end(text, end_char) is not None and _instrument_of(index, m, out[-1]):
            # "Gaia RVS DR3": the release of a mission's instrument is one name (not so its archive: "the
            # Herschel PACS archive" is Herschel and PACS, heldout-fragment-01).
            grown = _composed(doc, grown, out.pop().start, grown.end, "DATASET", index)
        if grown is not None and grown.label in _PRODUCT_OWNERS and grown.start == m.start and out \
                and out[-1].label == "TELESCOPE" and text[ends[out[-1].end - 1]:start_char] == "/" \
                and _instrument_of(index, m, out[-1]):
            # "SRG/eROSITA Survey of Lockman Hole", "Fermi/GBM catalog": a name composed on an instrument
            # written as one unit with its mission is one name; the two facilities alone stay two ("VLT/MUSE"),
            # and so does a survey the ontology knows ("SRG/eROSITA All-Sky Survey": SRG + eRASS, abstracts-g).
            owner = out.pop()
            first = owner.start
            if grown.label == "DATASET" and (period := extent.period_start(text, starts[owner.start])) is not None \
                    and (span := _span_of(doc, period, ends[grown.end - 1])) is not None:
                first = span.start  # "the 70-month Swift/BAT catalog": the period of its data, as before "Swift-BAT"
            grown = grown._replace(start=first) if not grown.concept_id.startswith("candidate:") \
                else _composed(doc, m, first, grown.end, grown.label, index)
        if grown is not None and out and grown.start < out[-1].end:
            grown = None  # never over a name already chosen ("MAST Kepler Archive" keeps MAST)
        if grown is None and m.label == "TECHNIQUE" and (extent.paradigm_adjective(text[start_char:end_char])
                                                         or extent.property_after(text, end_char)
                                                         or extent.bare_participle(text[start_char:end_char])
                                                         or extent.homonym_vetoed(text, text[start_char:end_char])
                                                         or _in_code_path(text, start_char, end_char)):
            # "an ensemble of supervised learners": the adjective of a paradigm alone names no technique;
            # "augmentation invariance" (abstracts-s arXiv:2206.11927): a property named after a method, not it;
            # "gradient-boosted inference techniques" (abstracts-y arXiv:2507.11611): a participle, no learner's name;
            # "Deep Forest: ... reconstruction of the Lyman-alpha forest" (abstracts-y arXiv:2009.10673): the forest observed
            # "svm.SVC" (abstracts-ac arXiv:2512.15895, both golds): a class in a code path is code, not the method
            i += 1
            continue
        if grown is None:
            out.append(m)
            i += 1
            continue
        # The grown name replaces every mention it covers; it may grow again ("Gaia DR3 XP").
        j = i + 1
        while j < len(pending) and pending[j].start < grown.end:
            j += 1
        pending[i:j] = [grown]
    return out


# Between two names of a co-ordination: "Websky and Agora", "Websky, Quijote and Agora".
_COORDINATION_GAP = re.compile(r",? (?:and|or) |, ")


def _shared_head(text: str, m: Mention, start_char: int, end_char: int, index: OntologyIndex,
                 extent: Extent) -> Mention | None:
    """The last data set of a co-ordination without the plural head the names share, when the name alone is a form
    of the same data set: "the Websky and Agora simulations" are Websky and Agora (fragments-n r12d-frag-14,
    fragments-k r9y-frag-09, both golds)."""
    written = text[start_char:end_char]
    head = extent.shared_head(written)
    if head is None or m.concept_id not in index.lookup(written[:-len(head) - 1]):
        return None
    return m._replace(end=m.end - head.count(" ") - 1, exact=False)


# Words joined by hyphens into one token-like chain: "XMM-WISE-SDSS".
_HYPHEN_CHAIN = re.compile(r"(?<![\w-])[A-Za-z0-9]+(?:-[A-Za-z0-9]+){2,}(?![\w-])")


def _outside_coined_chains(text: str, pending: list[Mention], starts: list[int], ends: list[int]) -> list[Mention]:
    """The mentions less those inside a chain that hyphenates three or more names no one mention covers.

    "an XMM-WISE-SDSS sample" (abstracts-r arXiv:2410.11436, a borderline DATASET in both golds) is the
    authors' coined name of a cross-matched sample, not XMM, WISE and SDSS: none of them is tagged. Two names
    hyphenated stay the name they make ("ASKAP-EMU", "Herschel-ATLAS"), and a chain the ontology knows whole is
    one mention ("LIGO-Virgo-KAGRA").
    """
    drop: set[Mention] = set()
    firsts: list[int] | None = None  # the mentions' first characters, in order (``pending`` is sorted by start)
    for chain in _HYPHEN_CHAIN.finditer(text):
        if firsts is None:
            firsts = [starts[m.start] for m in pending]
        lo, hi = bisect.bisect_left(firsts, chain.start()), bisect.bisect_right(firsts, chain.end())
        if hi - lo < 3:
            continue  # "state-of-the-art", "signal-to-noise": chains of words, few names
        inside = [m for m in pending[lo:hi] if ends[m.end - 1] <= chain.end()]
        if len(inside) >= 3 and all(m.label in _PRODUCT_OWNERS for m in inside):
            drop.update(inside)
    return [m for m in pending if m not in drop] if drop else pending


# Function words a capitalised survey name may hold: "Legacy Survey of Space and Time".
_NAME_FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "in", "on"})


# A facility's short form in parentheses, then the name of its survey: "Hyper-Suprime Cam (HSC) Survey".
_SHORT_IN_NAME = re.compile(r" \([A-Z][\w-]{1,10}\) ")
_SURVEY_WORD = re.compile(r"Surveys?\b")


def _survey_around_short_form(doc: Doc, text: str, m: Mention, pending: list[Mention], i: int, end_char: int,
                              index: OntologyIndex) -> Mention | None:
    """A survey named with a facility's long form and its short form in parentheses is one name, as written."""
    found = _SHORT_IN_NAME.match(text, end_char)
    if found is None or (m.start > 0 and doc[m.start - 1].is_title and not doc[m.start - 1].is_sent_start):
        return None  # the name starts earlier: "Commensal Radio Astronomy Five-hundred-meter ... (FAST) Survey"
    after, extent = found.end(), index.extent
    for later in pending[i + 1:i + 4]:
        if doc[later.start].idx == after:
            last = doc[later.end - 1]
            if later.label != "SURVEY" or last.lower_ not in ("survey", "surveys") or extent is None \
                    or extent.release_end(text, last.idx + len(last)) is not None:
                return None  # "... (DESI) Legacy Imaging Surveys Data Release 10" is the release, "(HST) CANDELS" two
            if _own_short_form(text, last.idx + len(last), found.group(0).strip(" ()")):
                # "Galaxy Evolution Explorer (GALEX) All-sky Imaging Survey (AIS)", "Zwicky Transient Facility (ZTF)
                # Bright Transient Survey (BTS)" (fragments-n r12d-frag-07, -04, both golds): a survey whose own short
                # form spells its name alone is a name of its own, written after its facility's
                return None
            return Mention(m.start, later.end, "SURVEY", later.concept_id, later.source, 0, True, later.concept_label)
        if doc[later.start].idx > after:
            break
    word = _SURVEY_WORD.match(text, after)
    span = _span_of(doc, doc[m.start].idx, word.end()) if word is not None else None
    return None if span is None else _composed(doc, m, span.start, span.end, "SURVEY", index)


# A short form in parentheses right after a name: "All-sky Imaging Survey (AIS)".
_OWN_SHORT = re.compile(r" \(([A-Za-z][\w+-]{1,10})\)")


def _own_short_form(text: str, end: int, facility_short: str) -> bool:
    """Is the name ending at ``end`` defined by a short form of its own, one that does not hold its facility's
    ("(AIS)" after "(GALEX) All-sky Imaging Survey"; not "(HSC-SSP)" after "(HSC) Subaru Strategic Program")?"""
    found = _OWN_SHORT.match(text, end)
    return found is not None and facility_short.lower() not in found.group(1).lower()


# After a hyphenated facility name, a co-ordinated part written without the shared prefix: "EPIC-pn and MOS".
_SHARED_NEXT = re.compile(r"(?: and | or |, |/)([A-Z][A-Za-z0-9]*)(?![\w-])")


def _shared_prefix(doc: Doc, text: str, chosen: list[Mention], index: OntologyIndex, starts: list[int],
                   ends: list[int]) -> list[Mention]:
    """A part co-ordinated with a hyphenated facility name shares its prefix: in "XMM-Newton (EPIC-pn and MOS
    cameras)" MOS is EPIC-MOS, when the ontology knows that name; a word that makes no known name stays untagged."""
    added: list[Mention] = []
    paired: dict[int, Mention] = {}
    for i, m in enumerate(chosen):
        if m.label not in _FACILITY or m.source == "candidate":
            continue
        end = ends[m.end - 1]
        prefix, sep, _ = text[starts[m.start]:end].partition("-")
        if not sep or " " in prefix or (after := _SHARED_NEXT.match(text, end)) is None:
            continue
        span = doc.char_span(after.start(1), after.end(1))
        if span is None or any(c.start < span.end and span.start < c.end for c in chosen):
            continue
        for cid in sorted(index.lookup(f"{prefix}-{after.group(1)}")):
            if (concept := index.concept(cid)) is not None and concept.type == m.label:
                if text[end] == "/" and len(after.group(1)) <= 2:
                    # "GMOS-N/S": a letter after the slash names nothing alone, the pair is written as one name
                    paired[i] = m._replace(end=span.end, exact=False)
                else:
                    added.append(Mention(span.start, span.end, m.label, cid, "ruler", 0, False))
                break
    if paired:
        chosen = [paired.get(i, m) for i, m in enumerate(chosen)]
    return sorted(chosen + added, key=_BOUNDS) if added else chosen


def _known_whole(index: OntologyIndex, written: str) -> tuple[str, str] | None:
    """The facility or survey concept (id, type) that two names written side by side make together, if one does."""
    for cid in sorted(index.lookup(written)):
        concept = index.concept(cid)
        if concept is not None and concept.type in _FACILITY:
            return cid, concept.type
    return None


def _instrument_of(index: OntologyIndex, m: Mention, owner: Mention) -> bool:
    concept = index.concept(m.concept_id)
    return concept is not None and owner.concept_id in concept.relations.get("instrument_of", ())


def _named_survey(doc: Doc, text: str, m: Mention, nxt: Mention) -> bool:
    if text[doc[m.end - 1].idx + len(doc[m.end - 1]):doc[nxt.start].idx] != " ":
        return False
    survey = doc[nxt.start:nxt.end]
    if len(survey) < 2 or not (survey[-1].is_title or survey[-1].is_upper) or "Survey" not in {t.text for t in survey} \
            or not all(t.is_title or t.is_upper or t.text in _NAME_FUNCTION_WORDS for t in survey):
        return False
    return m.end - m.start > 1 and all(t.is_title or t.is_upper or t.text in "-." for t in doc[m.start:m.end])


def _joined_to(doc: Doc, text: str, m: Mention, nxt: Mention | None, out: list[Mention], end_char: int) -> bool:
    """Is the hyphen that glues ``m`` to a word the joint of two names ("ASKAP-EMU", "LoTSS-DR2")?"""
    if nxt is not None and doc[nxt.start].idx == end_char + 1:
        return True
    if out and out[-1].end == m.start - 1:
        return True
    return text[end_char:end_char + 1] == "-" and bool(re.match(r"-(?:E|P)?DR[0-9]", text[end_char:end_char + 5]))


def _defined_by_composed(doc: Doc, text: str, chosen: list[Mention],
                         short_spans: dict[str, list[Span]]) -> list[Mention]:
    """A short form defined by a composed name takes its concept: "Data Release 10 (LSDR10)"."""
    by_span = {(m.start, m.end): m for m in chosen}
    taken = {i for m in chosen for i in range(m.start, m.end)}
    added: list[Mention] = []
    dropped: list[Mention] = []
    for short_text, shorts in sorted(short_spans.items()):
        long = shorts[0]._.long_form
        if long is None:
            continue
        owner = by_span.get((long.start, long.end)) or by_span.get((long.start + 1, long.end))
        if owner is None:
            # The long form is the tail of a longer composed release: "DESI [Legacy Imaging Surveys
            # Data Release 10] (LSDR10)", "Rubin Observatory [Data Preview 1] (DP1)".
            owner = next((m for m in chosen if m.end == long.end and m.start < long.start
                          and m.label == "DATASET"), None)
        if owner is None or (owner.source != "candidate" and owner.label != "DATASET"):
            continue
        for span in _occurrences(doc, text, short_text, shorts):
            # A known name glued inside the short form gives way to it: "CSST" in "CSST-UDF".
            inner = [m for m in chosen if span.start <= m.start and m.end <= span.end and m.end - m.start < len(span)
                     and m not in dropped] if len(span) > 1 else []
            free = {i for m in inner for i in range(m.start, m.end)}
            if all(i not in taken or i in free for i in range(span.start, span.end)) and not (
                    owner.label == "DATASET" and _DESIGNATION.match(text, span.end_char)):
                dropped.extend(inner)
                taken.update(range(span.start, span.end))
                added.append(owner._replace(start=span.start, end=span.end, source="abbreviation"))
    if dropped:
        chosen = [m for m in chosen if m not in dropped]
    return sorted(chosen + added, key=lambda m: (m.start, m.end)) if added else chosen


def _span_of(doc: Doc, start_char: int, end_char: int) -> Span | None:
    return doc.char_span(start_char, end_char)


# A facility's noun in lower case after a name: "the BOSS spectrographs", "the DESI instrument".
_INSTRUMENT_NOUN_AFTER = re.compile(r" (?:spectrographs?|spectrometers?|cameras?|imagers?|instruments?|telescopes?)\b")


def _telescope_heads(index: OntologyIndex) -> frozenset[str]:
    """The capitalised head nouns that name a facility (rules/candidates.yaml name_heads typed TELESCOPE)."""
    words = index.ontology.candidate_words
    heads = _TELESCOPE_HEADS.get(id(words))
    if heads is None:
        heads = _TELESCOPE_HEADS[id(words)] = frozenset(words.name_heads) & frozenset(words.head_words.get("TELESCOPE", ()))
    return heads


_TELESCOPE_HEADS: dict[int, frozenset[str]] = {}


def _also_a(index: OntologyIndex, m: Mention, label: str) -> bool:
    """Does the ontology list ``label`` among the other types of the mention's concept?"""
    concept = index.concept(m.concept_id)
    return concept is not None and label in concept.alt_types


_UNIT_NOUNS = frozenset({"telescope", "telescopes"})
_ROMAN_UNITS = frozenset({"I", "II", "III", "IV", "V", "VI"})
_UNIT_CODE = re.compile(r"[A-Z]{1,4}[0-9]{1,2}")  # "CT5", "UT4"


def _unit_named(index: OntologyIndex, doc: Doc, m: Mention) -> bool:
    """Does a facility's name written before the noun end with a unit's number ("Keck II", "MOA-II", "UT4"), and is
    that name without the noun a form of the same concept?"""
    last = doc[m.end - 2].text
    if last not in _ROMAN_UNITS and not _UNIT_CODE.fullmatch(last):
        return False
    return m.concept_id in index.lookup(doc[m.start:m.end - 1].text)


def _not_a_facility(doc: Doc, text: str, m: Mention, end_char: int, index: OntologyIndex, extent: Extent) -> bool:
    if extent.vetoed_after(text, end_char):
        # "Planck units" are physics; "the four ATLAS units in Hawaii, Chile and South Africa" (fragments-p
        # r13d-frag-12, both golds: ATLAS) are telescopes, counted
        return not (text.startswith(" units", end_char) and m.start > 0 and doc[m.start - 1].like_num)
    if m.source == "candidate" and m.start > 0 and doc[m.start - 1].lower_ in ("a", "an") \
            and (m.end == len(doc) or doc[m.end].is_punct or doc[m.end].is_stop):
        # "GALEX is a NASA Small Explorer, launched in 2003" (fragments-n r12d-frag-07, both golds): a name no one
        # facility bears takes an indefinite article, a programme's or a class's ("a Spanish Meteor Network
        # station" is the network's)
        return True
    if m.source == "candidate" and m.label == "TELESCOPE":
        words = {t.lower_ for t in doc[m.start:m.end]}
        return not words.isdisjoint(extent.institution_words)
    return m.source == "ruler" and m.label == "TELESCOPE" and m.start > 0 and _site_after_at(doc, text, m, extent)


def _site_after_at(doc: Doc, text: str, m: Mention, extent: Extent) -> bool:
    """Is an observatory's site written bare after "at": "the VLT Survey Telescope (VST) at ESO Paranal", "the
    3.5-m telescope at Calar Alto", "the Lovell Telescope at Jodrell Bank"? That is a place (fragments-o
    r12y-frag-10, both golds borderline; fragments-d m2-fragment-04 and fragments-n r12d-frag-02, -08, -09, a gold
    each: nothing); "at the Paranal Observatory" and "at CTIO" name the observatory (span.yaml site_names)."""
    before = m.start - 1
    if doc[before].is_upper and before > 0:
        before -= 1  # the operator's short form: "at ESO Paranal"
    if doc[before].lower_ != "at" or not extent.site_name_set:
        return False
    return text[doc[m.start].idx:doc[m.end - 1].idx + len(doc[m.end - 1])].lower() in extent.site_name_set


def _composed(doc: Doc, m: Mention, start: int, end: int, label: str, index: OntologyIndex,
              head_label: str | None = None) -> Mention:
    """The mention of a composed name: its own concept if the ontology knows it, else a candidate under ``m``."""
    written = doc[start:end].text
    known = _known_as(index, written, label)
    if not known and label == "TECHNIQUE" and head_label is not None:
        # "sequential NPE" is sequential neural posterior estimation, a concept of its own (abstracts-x arXiv:2403.02443)
        known = _known_as(index, head_label, label)
    if known:
        return Mention(start, end, label, known[0], "ruler", 0, True)
    name = " ".join(written.split())
    if head_label is not None:
        name = head_label
    cid = candidate_id(name)
    doc.user_data.setdefault(BROADER_KEY, {})[cid] = m.concept_id
    return Mention(start, end, label, cid, "candidate", 0, True, name)


# "artificial" in a network's name says what every network of the family is: "feedforward artificial neural network".
_ARTIFICIAL = re.compile(r"\bartificial (?=neural net)", re.IGNORECASE)


def _known_as(index: OntologyIndex, name: str, label: str) -> list[str]:
    """The concepts of ``label`` a composed name is a form of, sorted; "X artificial neural network" is a form of a
    concept known as "X neural network" ("feed-forward artificial neural network", abstracts-y arXiv:2602.06492)."""
    known = sorted(cid for cid in index.lookup(name) if (c := index.concept(cid)) is not None and c.type == label)
    if not known and label == "TECHNIQUE" and "rtificial neural net" in name:
        return _known_as(index, _ARTIFICIAL.sub("", name), label)
    return known


def _label_of(index: OntologyIndex, m: Mention) -> str:
    concept = index.concept(m.concept_id)
    return concept.label if concept is not None else (m.concept_label or "")


def _grow_technique(doc: Doc, text: str, m: Mention, nxt: Mention | None, start_char: int, end_char: int,
                    index: OntologyIndex, extent: Extent) -> Mention | None:
    concept = index.concept(m.concept_id)
    generic = bool(concept is not None and concept.generic)
    # A named architecture and its depth: "DenseNet-201", "VGGnet-19" (abstracts-x arXiv:2512.11487, both golds) are
    # DenseNet and VGG written whole, as the ontology's "ResNet-152" is the residual network; so are a model's size,
    # parameter count or patch code ("Llama-3-8B", "ViT-L/14", "BERT-large"). A plain number after a family's acronym
    # is the authors' numbering of their networks ("CNN-1"), not a depth.
    if concept is not None and concept.kind == "architecture" and text[end_char:end_char + 1] == "-" \
            and (variant := extent.variant_end(text, end_char, _named_architecture(text[start_char:end_char]))) is not None \
            and (span := _span_of(doc, start_char, variant)) is not None and not (nxt is not None and nxt.start < span.end):
        return m._replace(end=span.end)
    # Two techniques written as one name: "gradient boosting decision trees",
    # "LSTM-based autoencoder", "GAN-based autoencoders".
    if nxt is not None and nxt.label == "TECHNIQUE" and not generic:
        gap = text[end_char:doc[nxt.start].idx]
        head = index.concept(nxt.concept_id)
        if gap == " " and (pair := _method_before_network(doc, text, m, nxt, concept, head, index, extent)) is not None:
            return pair
        if gap in _DASHES and head is not None and not head.generic \
                and (hybrid := extent.hybrid_end(text, _end_of(doc, nxt))) is not None \
                and text[hybrid:hybrid + 2] == " (" and (span := _span_of(doc, start_char, hybrid)) is not None:
            # "Gaussian Process–Random Forest Hybrid (GP-RF)" (abstracts-n arXiv:2412.20091): two methods made one
            # model, named by its own short form; without one the hybrid is what a named tool is made of, and the
            # two methods stay two names ("CosmoUiT: A Vision Transformer-UNet Hybrid", abstracts-ac
            # arXiv:2510.01121, both golds)
            return _composed(doc, nxt, span.start, span.end, "TECHNIQUE", index)
        if head is not None and not head.generic and concept is not None and (
                (gap in (" ", "-") and {concept.kind, head.kind} <= _NAME_KINDS and doc[m.start:m.end].text.islower())
                # "unsupervised domain adaptation", "self-supervised contrastive learning": a paradigm's adjective
                # ... but not before a coined name, which the adjective describes ("the semi-supervised FixMatch")
                # ... nor before a named model, which it only says how it was trained ("the unsupervised Gaussian
                # Mixture Model", arXiv:2401.10802, is the Gaussian mixture model)
                or (gap == " " and concept.kind == "paradigm" and text[start_char:end_char].lower().endswith("supervised")
                    and head.kind not in _NAME_KINDS
                    and not _coined(doc[nxt.start:nxt.end].text) and not _short_form(doc[nxt.start:nxt.end].text))
                # "FA-GMM", "CNN-LSTM", "ResNet-CBAM" (abstracts-x arXiv:2303.00370, both golds), "CNN-Transformer": two
                # methods' one-word names hyphenated into one model, a short or coined one among them
                or (gap == "-" and _hyphenated_pair(text[start_char:end_char], doc[nxt.start:nxt.end].text))
                or (head.kind == "architecture" and extent.joiner_end(text, end_char) == doc[nxt.start].idx)):
            return _composed(doc, nxt, m.start, nxt.end, "TECHNIQUE", index)
        # Supervised or unsupervised before a learning umbrella names that paradigm of the field: "supervised deep
        # learning", "unsupervised DL" are one technique, as "supervised machine learning" is. So does a prefixed
        # paradigm ("Leveraging self-supervised deep learning", abstracts-n arXiv:2406.03643), unless a model's
        # noun follows: then it describes how that one model is trained ("self-supervised deep learning
        # networks", dev gold), and the adjective alone is no technique (span.yaml paradigm_adjectives); nor does
        # any paradigm before a field that a network's noun follows: it says how those networks are trained
        # ("supervised deep-learning neural networks", abstracts-ab arXiv:1908.07542: "deep-learning" in the first
        # gold, no "supervised deep-learning" in either).
        if head is not None and head.generic and head.kind == "umbrella" and head.label.lower().endswith(" learning") \
                and gap == " " and concept is not None and concept.kind == "paradigm" \
                and not _network_after_field(text, _end_of(doc, nxt)) \
                and (text[start_char:end_char].lower() in _FIELD_PARADIGMS
                     or (extent.paradigm_adjective(text[start_char:end_char])
                         and not extent.model_noun_after(text, _end_of(doc, nxt)))) \
                and not _HEAD_NOUN.match(text, _end_of(doc, nxt)):
            name = f"{text[start_char:end_char]} {head.label}".lower()  # "supervised DL" is supervised deep learning
            return _composed(doc, m, m.start, nxt.end, "TECHNIQUE", index, head_label=name)
        # An architecture named before the umbrella word: "LSTM Neural Networks" is the LSTM, written whole.
        if head is not None and head.generic and head.id in _NETWORK_UMBRELLAS and gap == " " \
                and concept is not None and concept.kind == "architecture":
            return m._replace(end=nxt.end)
        # A technique the abstract defines, glued to a known architecture: "IOB-CAE", "IOB-augmented CAE".
        if head is not None and not head.generic and concept is None and m.source == "abbreviation" \
                and head.kind == "architecture" and (gap == "-" or extent.joiner_end(text, end_char) == doc[nxt.start].idx):
            return _composed(doc, nxt, m.start, nxt.end, "TECHNIQUE", index)
    # A descriptive word that an established name keeps: "deep residual network" (span.yaml established_names).
    if (begin := extent.established_start(text, start_char, end_char)) is not None \
            and (span := _span_of(doc, begin, end_char)) is not None:
        return m._replace(start=span.start)
    # A head noun the family's own name ends with: "bidirectional long short-term memory network" is the
    # bidirectional LSTM written whole, since "long short-term memory network" names the LSTM.
    grown = _family_head_noun(doc, text, m, concept, start_char, end_char, index)
    if grown is not None and not (nxt is not None and nxt.start < grown.end):
        return grown
    # A tail that completes the name: "transformer encoder"; an estimator noun, "Random Forest Regressor".
    tail = extent.technique_tail_end(text, end_char)
    if tail is None:
        tail = extent.estimator_end(text, start_char, end_char)
    if tail is not None and concept is not None and concept.kind in _TRAINING_KINDS \
            and text[end_char:tail].strip(" -").lower().rstrip("s") in _NETWORK_PARTS:
        tail = None  # "the SimCLR encoder", "a BYOL encoder": the network a method trained, the method is the name
    if tail is not None and concept is not None and concept.kind not in _TRAINING_KINDS \
            and text[end_char:tail].strip(" -").lower().replace("-", "") in _TRAINING_STAGES:
        tail = None  # "masked autoencoding pre-training": the stage a network is trained in; "contrastive pre-training" a method
    if tail is not None and not generic:
        span = _span_of(doc, start_char, tail)
        if span is not None and not (nxt is not None and nxt.start < span.end):
            return _composed(doc, m, span.start, span.end, "TECHNIQUE", index)
    # Meaning-changing modifiers before it: "Bayesian CNNs", "3D U-Net", "residual-UNet"; not a word the
    # name already says ("convolutional ResNet": a ResNet is a CNN).
    begin = extent.modifier_start(text, start_char)
    if begin is None and text[start_char - 1:start_char] == " " and text[start_char:start_char + 1].isupper() \
            and (inner := _capitalized_words_start(text, start_char, end_char, extent)) is not None:
        # A capitalised name, a modifier first and a word of the authors' after it, before a method written in
        # capitals: "the Multi-head Hadamard Self-Attention mechanism" (abstracts-z arXiv:2401.04900), "Latent
        # Augmented Neural Ordinary Differential Equations" (abstracts-l arXiv:2506.14270), both golds, one name.
        begin = extent.modifier_start(text, inner)
    if begin is not None:
        begin = extent.without_adverb(text, begin, start_char)
    elif (group := extent.prefixed_start(text, start_char)) is not None:
        # The group of an equivariant model glued to the name that starts with "equivariant":
        # "D$_4$-equivariant network" is one name, as "D$_4$-equivariant deep neural network" is.
        span = _span_of(doc, group, end_char)
        if span is not None and span.start < m.start:
            return _composed(doc, m, span.start, m.end, "TECHNIQUE", index)
    if begin is not None and _says_already(index, concept, text[begin:start_char]):
        begin = None
    if begin is not None and concept is not None and concept.kind == "umbrella" and concept.id not in _NETWORK_UMBRELLAS \
            and text[begin:start_char].rstrip(" -").lower().endswith(tuple(f"-{j}" for j in extent.rules.technique_joiners)):
        begin = None  # "attention-based neural network" is a kind of network; "attention-based machine learning" no method
    if begin is not None and concept is not None and concept.kind == "umbrella" and concept.id not in _NETWORK_UMBRELLAS \
            and all(w.endswith("ly") for w in text[begin:start_char].lower().replace("-", " ").split()):
        begin = None  # an adverb says how fully a pipeline is learned, not what is learned: "fully deep-learning"
    if begin is not None and concept is not None and concept.kind == "umbrella" and not concept.label.endswith("network") \
            and not extent.field_modifier_words.issuperset(text[begin:start_char].strip(" -").lower().split()):
        begin = None  # a model's kind before a field's name describes the model: "hierarchical deep-learning model"
    if begin is not None:
        span = _span_of(doc, begin, end_char)
        if span is not None and span.start < m.start:
            words = text[begin:start_char].strip(" -")
            label = f"{words} {_label_of(index, m)}" if concept is not None else None
            return _composed(doc, m, span.start, m.end, "TECHNIQUE", index, head_label=label and label.lower())
    # A word in lower case glued by a hyphen to a method's short or coined name makes one model's name, written as
    # one unit: "plain-CNN" beside "ResNet" (abstracts-x arXiv:2303.00370, both golds); not a prefix that negates or
    # dates it ("non-CNN methods", "the pre-ML era"), nor a word the guideline drops ("deep-CNN" is a CNN).
    if start_char >= 4 and text[start_char - 1] == "-" and concept is not None and not generic \
            and _one_word_name(text[start_char:end_char]) \
            and (glued := _GLUED_WORD.search(text, max(0, start_char - 24), start_char)) is not None \
            and glued.group(1) not in extent.glued_prefix_words and glued.group(1) not in extent.descriptive_word_set \
            and (span := _span_of(doc, glued.start(), end_char)) is not None and span.start < m.start \
            and not (m.start >= 1 and span.start < m.start - 2):
        return _composed(doc, m, span.start, m.end, "TECHNIQUE", index)
    return None


# A module path in lower case right before a name, glued by its dot: "svm." of "svm.SVC", "sklearn.ensemble.".
_MODULE_PATH = re.compile(r"(?<![\w.])[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*\.$")


def _in_code_path(text: str, start_char: int, end_char: int) -> bool:
    """Is a mention the last part of a dotted code path ("svm.SVC", "sklearn.ensemble.RandomForestClassifier")?"""
    if start_char < 2 or text[start_char - 1] != "." or not text[start_char - 2].isalnum() \
            or text[end_char:end_char + 1].isalnum():
        return False
    return _MODULE_PATH.search(text, max(0, start_char - 40), start_char) is not None


# The fewest words of another method's name after a known method in one defined long form.
_WHOLE_METHOD_MIN_WORDS = 2


def _methods_defined_whole(doc: Doc, text: str, chosen: list[Mention], short_spans: dict[str, list[Span]],
                           index: OntologyIndex, extent: Extent) -> list[Mention]:
    """A known learning method at the start of a defined long form that goes on with the name of another method:
    the whole long form is one technique, under the known one ("flow-matching Markov chain Monte Carlo (FM-MCMC)",
    abstracts-ac arXiv:2510.17459, both golds accept TECHNIQUE), when the short form spells the known method's
    initials first and the long form's rest is a name of two words or more, not a model's noun
    ("Gaussian process emulator (GPE)" stays the Gaussian process)."""
    by_start = {m.start: m for m in chosen if m.label == "TECHNIQUE"}
    if not by_start:
        return chosen
    replaced: dict[Mention, Mention] = {}
    for short_text, shorts in short_spans.items():
        long = shorts[0]._.long_form
        if long is None or (m := by_start.get(long.start)) is None or m.end >= long.end or m in replaced:
            continue
        concept = index.concept(m.concept_id)
        if concept is None or concept.generic or concept.kind == "paradigm":
            continue
        rest = doc[m.end:long.end]
        words = [t for t in rest if t.is_alpha]
        if len(words) < _WHOLE_METHOD_MIN_WORDS or any(t.is_punct and t.text != "-" for t in rest) \
                or rest[-1].lower_ in extent.rules.model_nouns or rest[-1].lower_ in extent.descriptive_tail_set \
                or any(c.start < long.end and c.end > m.end for c in chosen):
            continue
        initials = "".join(w[0] for w in re.split(r"[- ]+", doc[m.start:m.end].text) if w).lower()
        letters = "".join(ch for ch in short_text if ch.isalpha()).lower()
        if not letters.startswith(initials) or len(letters) <= len(initials):
            continue
        replaced[m] = _composed(doc, m, m.start, long.end, "TECHNIQUE", index)
    if not replaced:
        return chosen
    return [replaced.get(m, m) for m in chosen]


# The network umbrella written after a field's name: "deep-learning neural networks", "deep learning neural-network".
_NETWORK_AFTER = re.compile(r"[ -]neural[ -]net(?:work)?s?\b", re.IGNORECASE)


def _network_after_field(text: str, end: int) -> bool:
    """Does the network umbrella follow a field's name? Then a paradigm's adjective before the field says how those
    networks are trained, even "supervised": "more commonly used supervised deep-learning neural networks"
    (abstracts-ab arXiv:1908.07542, both golds: no "supervised deep-learning")."""
    return text[end:end + 1] in " -" and text[end + 1:end + 2] in "nN" and _NETWORK_AFTER.match(text, end) is not None


def _sentence_case(written: str) -> bool:
    """Lower case, or only the first letter a capital ("Gaussian-mixture", "Deep ensemble" at a title's start)."""
    return written.islower() or (written[:1].isupper() and written[1:].islower())


def _method_before_network(doc: Doc, text: str, m: Mention, nxt: Mention, concept, head, index: OntologyIndex,
                           extent: Extent) -> Mention | None:
    """Two known techniques written side by side, a space between them, that name one network.

    - an architecture before the name of its own family: "Long-Short Term Memory recurrent neural network"
      (abstracts-ac arXiv:2403.09847, both golds) is the LSTM written whole, as "LSTM neural network" is;
    - a proper adjective or a title's first capital on the first of two model names: "Gaussian-mixture
      variational autoencoder" (abstracts-ac arXiv:2505.20407, both golds), as "gaussian-mixture ..." would be;
    - a method whose name ends with a meaning-changing modifier, before an architecture: "Deep ensemble graph
      neural networks" (abstracts-ac arXiv:2602.23321, both golds), as "ensemble CNN" is.
    The composed name links to a candidate under the network ("Bayesian CNN" never silently becomes CNN).
    """
    if concept is None or head is None or head.generic:
        return None
    if concept.kind == "architecture" and head.kind == "architecture" and head.id != concept.id \
            and _spelled_out(doc[m.start:m.end].text) and head.id in _ancestors(index, concept.id):
        return m._replace(end=nxt.end)
    written, next_written = doc[m.start:m.end].text, doc[nxt.start:nxt.end].text
    if written.islower() or not _sentence_case(written) or not next_written.islower():
        return None  # lower-case pairs compose in ``_grow_technique``; Title Case ones are lists ("Random Forest")
    if {concept.kind, head.kind} <= _NAME_KINDS \
            or (concept.kind == "method" and head.kind == "architecture"
                and written.rsplit(None, 1)[-1].lower() in extent.modifier_words):
        return _composed(doc, nxt, m.start, nxt.end, "TECHNIQUE", index)
    return None


def _spelled_out(written: str) -> bool:
    """Is a name written out in words, each in lower case or capitalised ("Long-Short Term Memory"), not a coined
    or short name ("ResNet-50", "U-Net", "GRU"), which a family's name after it only describes ("a ResNet-50
    convolutional neural network", fragments fragment-03: two names)?"""
    words = [w for w in re.split(r"[- ]+", written) if w]
    return bool(words) and all(len(w) > 1 and w.isalpha() and (w.islower() or (w[0].isupper() and w[1:].islower()))
                               for w in words)


def _ancestors(index: OntologyIndex, concept_id: str) -> set[str]:
    """Every concept broader than ``concept_id``, at any depth."""
    seen: set[str] = set()
    todo = list(found.broader) if (found := index.concept(concept_id)) is not None else []
    while todo:
        cid = todo.pop()
        if cid not in seen and (found := index.concept(cid)) is not None:
            seen.add(cid)
            todo.extend(found.broader)
    return seen


# One or two capitalised words written before a name, and the name in capitals: "Multi-head Hadamard Self-Attention".
_CAPITALIZED_WORDS = re.compile(r"(?<![\w-])[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})? $")
_CAPITALIZED_NAME = re.compile(r"[A-Z][\w]*(?:[ -][A-Z][\w]*)*")


def _capitalized_words_start(text: str, start_char: int, end_char: int, extent: Extent) -> int | None:
    """Start of the capitalised words between a name written in capitals and the modifier before them, when they
    are no words the guideline drops ("the Novel Self-Attention"): where the modifiers should end."""
    if _CAPITALIZED_NAME.fullmatch(text, start_char, end_char) is None:
        return None
    words = _CAPITALIZED_WORDS.search(text, max(0, start_char - 24), start_char)
    if words is None:
        return None
    begin = words.start()
    written = words.group().split()
    if len(written) == 2 and written[0].lower() in extent.modifier_words:
        begin += len(written[0]) + 1  # "Latent Augmented": the modifier, then the authors' word
        written = written[1:]
    if begin < 2 or text[begin - 1] not in " -":
        return None
    if any(w.lower() in extent.descriptive_word_set or w.lower() in extent.modifier_words
           or w.lower() in extent.model_name_words for w in written):
        return None  # "the Novel Self-Attention"; "Bayesian Galaxy CNN" names the authors' model of the sky
    return begin


def _trained_as(index: OntologyIndex, text: str, m: Mention, nxt: Mention, start_char: int, end_char: int,
                starts: list[int], ends: list[int]) -> bool:
    """Is ``m`` a paradigm's adjective written right before a named model ("unsupervised Gaussian Mixture Model")?"""
    if nxt.label != "TECHNIQUE" or starts[nxt.start] != end_char + 1 or text[end_char] != " " \
            or not text[start_char:end_char].lower().endswith("supervised") or " " in text[start_char:end_char]:
        return False
    concept, head = index.concept(m.concept_id), index.concept(nxt.concept_id)
    if concept is None or head is None or concept.kind != "paradigm" or head.generic or head.kind not in _NAME_KINDS:
        return False
    written = text[starts[nxt.start]:ends[nxt.end - 1]]
    return not _coined(written) and not _short_form(written)


# A hyphen or a dash between two methods' names ("Gaussian Process–Random Forest Hybrid").
_DASHES = frozenset({"-", "\u2013", "\u2010", "\u2011"})


def _end_of(doc: Doc, m: Mention) -> int:
    last = doc[m.end - 1]
    return last.idx + len(last)


# Kinds of technique that train a network rather than being one, and the parts of a network written after a name.
_TRAINING_KINDS = frozenset({"method", "paradigm"})
_NETWORK_PARTS = frozenset({"encoder", "decoder"})
# The training stage written after a method, part of its name ("contrastive pre-training"), not after a network's.
_TRAINING_STAGES = frozenset({"pretraining"})
# The two paradigms a field of learning is split into ("supervised deep learning", "unsupervised ML").
_FIELD_PARADIGMS = frozenset({"supervised", "unsupervised"})
# Umbrella concepts an architecture's name may end with ("LSTM neural network", "U-Net network").
_NETWORK_UMBRELLAS = frozenset({"technique:neural-network", "technique:artificial-neural-network"})


_HEAD_NOUN = re.compile(r" (?:neural )?networks?\b", re.IGNORECASE)


def _family_head_noun(doc: Doc, text: str, m: Mention, concept, start_char: int, end_char: int,
                      index: OntologyIndex) -> Mention | None:
    """The mention grown over a following "network(s)" when the name, or its last words, with that noun is a
    form of the concept or of a broader one ("bidirectional long short-term memory network")."""
    if concept is None or concept.kind != "architecture" or text[end_char:end_char + 1] != " ":
        return None
    after = _HEAD_NOUN.match(text, end_char)
    if after is None:
        return None
    family, todo = set(), [concept.id]
    while todo:
        cid = todo.pop()
        if cid not in family and (found := index.concept(cid)) is not None:
            family.add(cid)
            todo.extend(found.broader)
    written = text[start_char:end_char]
    cuts = [0] + [i + 1 for i, ch in enumerate(written) if ch == " "]
    for cut in cuts:
        if not index.lookup(written[cut:] + after.group()).isdisjoint(family):
            span = _span_of(doc, start_char, after.end())
            return None if span is None else m._replace(end=span.end)
    return None


# The words a release named by its year is known with: "Planck 2018 release", "Planck 2015 data release".
_YEAR_RELEASE_WORDS = ("", " release", " data release")


def _year_release(doc: Doc, index: OntologyIndex, m: Mention, start_char: int, end: int, text: str) -> Mention | None:
    """A facility and a year, when the ontology knows a release of it named by that year: "Planck 2018".

    A year that starts a range ("SPT-3G 2019/2020 maps") or names no known release ("SPT-3G 2019
    temperature data", an observing season) leaves the facility alone.
    """
    if text[end:end + 1] in ("/", "\u2013", "-") or (span := _span_of(doc, start_char, end)) is None:
        return None
    concept = index.concept(m.concept_id)
    if concept is None:
        return None
    year = text[end - 4:end]
    for name in [concept.label] + [a.text for a in concept.aliases + concept.acronyms] + [doc[m.start:m.end].text]:
        for words in _YEAR_RELEASE_WORDS:
            for cid in sorted(index.lookup(f"{name} {year}{words}")):
                found = index.concept(cid)
                if found is not None and found.type == "DATASET":
                    return Mention(span.start, span.end, "DATASET", cid, "ruler", 0, True)
    if (release := _YEAR_RELEASE_AFTER.match(text, end)) is not None \
            and (whole := _span_of(doc, start_char, release.end())) is not None:
        # "the public EHT 2017 M87 data release" (fragments-n r12d-frag-01, both golds): a release the facility
        # named by the year of its data, and the object observed, is one data set
        return _composed(doc, m, whole.start, whole.end, "DATASET", index)
    return None


# After a facility and a year: the object observed, then the word "release" ("EHT 2017 M87 data release").
_YEAR_RELEASE_AFTER = re.compile(r"(?: [A-Z][A-Za-z]*[0-9]+\*?)? (?:[Dd]ata |[Pp]ublic )?[Rr]elease(?![\w-])")


def _suite_of(index: OntologyIndex, written: str, suite: Mention, run: Mention) -> bool:
    """Is the data set written before ``run`` the suite it belongs to: a broader concept of the run, or the start
    of one's name ("Illustris" of IllustrisTNG, the suite of TNG50)?"""
    key = written.lower().replace(" ", "")
    seen, todo = set(), list(getattr(index.concept(run.concept_id), "broader", ()))
    while todo:
        cid = todo.pop()
        if cid in seen or (concept := index.concept(cid)) is None:
            continue
        seen.add(cid)
        if cid == suite.concept_id or concept.label.lower().replace(" ", "").startswith(key):
            return True
        todo.extend(concept.broader)
    return False


def _observing_run(index: OntologyIndex, concept_id: str) -> bool:
    """Is the data set an observing run or a part of one ("O3a")? "LIGO O3a" is the detector and its run, two names."""
    seen, todo = set(), [concept_id]
    while todo:
        cid = todo.pop()
        if cid in seen or (concept := index.concept(cid)) is None:
            continue
        if concept.label.lower().endswith("observing run"):
            return True
        seen.add(cid)
        todo.extend(concept.broader)
    return False


def _simulated(index: OntologyIndex, concept_id: str) -> bool:
    concept = index.concept(concept_id)
    return concept is not None and concept.kind == "simulation"


def _product_of(index: OntologyIndex, product: Mention, owner: Mention) -> bool:
    """Is the data set a product of the facility or survey (any relation of the product names the owner)?"""
    concept = index.concept(product.concept_id)
    return concept is not None and any(owner.concept_id in targets for targets in concept.relations.values())


def _kind_of_catalog(extent: Extent, words: str) -> bool:
    """Do only words of the kind of data it holds stand before "catalogue" ("spectral catalog")?"""
    kinds = extent.kind_catalog_words
    said = words.split()
    return bool(kinds) and len(said) >= 2 and all(w.lower() in kinds for w in said[:-1])


# One lower-case word, then "catalogue": what kind of catalogue a catalogue is ("quasar catalogue", "mock catalogue").
_KIND_OF_CATALOG = re.compile(r"[a-z]+ [Cc]atalog(?:ue)?")


def _says_what_catalog(index: OntologyIndex, m: Mention, words: str) -> bool:
    """Do the words after a catalogue only say what kind of catalogue it is: "the JAGUAR mock catalogue" (fragments-j
    r8y-frag-10, both golds "JAGUAR"), "the DR16Q quasar catalogue" (fragments-j r8y-frag-04, both golds "DR16Q")?
    A release's or a survey's catalogue of one kind of object is a product of its own ("ACT DR5 cluster catalogue")."""
    if _KIND_OF_CATALOG.fullmatch(words) is None:
        return False
    concept = index.concept(m.concept_id)
    if concept is not None and concept.kind == "simulation" and index.extent is not None:
        # "validated on the MICE2 mock catalogue" (fragments-o r12y-frag-10, both golds "MICE2"): a simulation's
        # mock catalogue is its galaxies, the simulation's own data; its halo catalogue is a product of its own
        return words.split()[0].lower() in index.extent.simulated_catalog_words
    return concept is not None and concept.kind == "catalog"


def _coined(written: str) -> bool:
    """A name written with a capital inside a word ("FixMatch", "XGBoost"): a coined name, not a description."""
    return " " not in written and any(a.islower() and b.isupper() for a, b in pairwise(written))


def _short_form(written: str) -> bool:
    return 2 <= len(written) <= 6 and written.isupper() and written.isalnum()


def _named_architecture(written: str) -> bool:
    """Is a name one word in mixed case with a capital past its first letter, as named architectures are written
    ("ResNet", "DenseNet", "VGGnet"), not a family's acronym ("CNN-1") nor a word in title case?"""
    return len(written) >= 3 and written.isalnum() and not written.isupper() and any(c.isupper() for c in written[1:])


def _one_word_name(written: str) -> bool:
    """A method's short form or coined one-word name: "CNN", "LSTM", "ResNet", "BiLSTM"."""
    return _short_form(written) or _coined(written)


def _hyphenated_pair(left: str, right: str) -> bool:
    """Are two known methods' names, hyphenated, one model's: each one word, one of them a short form or a coined
    name ("CNN-LSTM", "ResNet-CBAM", "CNN-Transformer"; not "t-SNE" or "U-Net", written with a hyphen of their own)?"""
    return left.isalnum() and right.isalnum() and (_one_word_name(left) or _one_word_name(right))


def _maker_start(doc: Doc, start: int, floor: int) -> int | None:
    """Start of an unknown acronym written before a catalogue's facility: "CDAW LASCO CME Catalog"."""
    if start <= floor:
        return None
    word = doc[start - 1]
    if not (word.is_upper and word.is_alpha and len(word) >= 3) or (start >= 2 and doc[start - 2].is_sent_start):
        return None
    return word.idx if not word.is_sent_start else None


def _says_already(index: OntologyIndex, concept, words: str) -> bool:
    """Do the modifiers only say what the concept is ("convolutional ResNet": a ResNet is a CNN;
    "recurrent long short-term memory": an LSTM is a recurrent network)?

    True when every modifier word is a word of the label of a broader family of networks.
    """
    said = words.strip(" -").lower().replace("-", " ").split()
    if concept is None or not said:
        return False
    seen, todo, known = set(), [concept.id], set()
    while todo:
        cid = todo.pop()
        if cid in seen:
            continue
        seen.add(cid)
        found = index.concept(cid)
        if found is None:
            continue
        if cid != concept.id and found.label.lower().endswith("network"):  # a family of networks
            known.update(found.label.lower().replace("-", " ").split())
        todo.extend(found.broader)
    # "feed-forward multilayer perceptron": the family's one word written in two
    return all(w in known for w in said) or "".join(said) in known


# After a facility: what a catalogue lists in lower case, its short form in brackets, the product word:
# " threshold crossing event (TCE) catalogue".
_INNER_SHORT_FORM = re.compile(r"((?: [a-z][a-z-]*){1,4}) \(([A-Z]{2,6})\) ([Cc]atalog(?:ue)?|[Dd]atabase)(?![\w-])")


def _inner_short_form_product(doc: Doc, text: str, m: Mention, end_char: int, index: OntologyIndex) -> Mention | None:
    """A catalogue named with its facility and what it lists, the short form of what it lists defined inside the name:
    "the Kepler threshold crossing event (TCE) catalogue" (abstracts-r arXiv:2008.10516, both golds), one name whose
    concept is the one the ontology knows by the name without the brackets."""
    found = _INNER_SHORT_FORM.match(text, end_char)
    if found is None:
        return None
    words, short, head = found.group(1), found.group(2), found.group(3)
    if "".join(w[0] for w in re.split(r"[ -]+", words.strip())).upper() != short:
        return None  # the brackets define something else than the words before them
    span = _span_of(doc, doc[m.start].idx, found.end())
    if span is None:
        return None
    concept = index.concept(m.concept_id)
    names = [concept.label] + [a.text for a in concept.aliases + concept.acronyms] if concept else []
    for name in [*names, doc[m.start:m.end].text]:
        for cid in sorted(index.lookup(f"{name}{words} {head}")):
            if (known := index.concept(cid)) is not None and known.type == "DATASET":
                return Mention(span.start, span.end, "DATASET", cid, "ruler", 0, True)
    return _composed(doc, m, span.start, span.end, "DATASET", index,
                     head_label=_clean(f"{doc[m.start:m.end].text}{words} {head}"))


def _grow_product(doc: Doc, text: str, m: Mention, end_char: int, index: OntologyIndex,
                  extent: Extent, floor: int = 0) -> Mention | None:
    """A release, phase or product written after a survey, mission or data set."""
    if m.label in _FACILITY and text[end_char:end_char + 1] == " " and "(" in text[end_char:end_char + 60] \
            and (inner := _inner_short_form_product(doc, text, m, end_char, index)) is not None:
        return inner
    qualified = _QUALIFIER.match(text, end_char)
    if qualified is not None and (release := extent.release_end(text, qualified.end())) is not None:
        # "zCOSMOS-bright DR3", "KiDS-bright DR4": the release of one part of the survey.
        span = _span_of(doc, doc[m.start].idx, release)
        if span is not None:
            return _composed(doc, m, span.start, span.end, "DATASET", index)
    for find, label in ((extent.release_end, "DATASET"), (extent.product_end, "DATASET"),
                        (extent.phase_end, m.label), (extent.survey_field_end, "SURVEY")):
        if find == extent.survey_field_end and m.label not in _FACILITY:
            continue
        at = end_char  # where the words after the name start
        end = find(text, at)
        if end is None and find == extent.product_end and (owned := extent.possessive_end(text, end_char)) is not None:
            at = owned  # "Gaia’s variable star catalogue" (abstracts-r arXiv:2504.00347): the owner's possessive
            end = find(text, at)
            if end is not None and " " not in text[at + 1:end]:
                continue  # "collected from BBSO's archive" (abstracts-x arXiv:1912.02743, both golds): its archive, no name
        if end is None:
            continue
        if find == extent.product_end and m.label == "DATASET" and (
                _PRODUCT_END.search(doc[m.start:m.end].text) or text[end - 7:end].lower() == "archive"
                or "lert stream" in text[at:end]
                or "catalog" in _label_of(index, m).lower()
                or (" " not in text[at + 1:end] and not (text[at + 1:at + 9].lower() == "database"
                                                         and _simulated(index, m.concept_id)))
                or _kind_of_catalog(extent, text[at + 1:end])
                or _says_what_catalog(index, m, text[at + 1:end])):
            # Already a product: a data set's bare "catalogue" only says what it is ("Chandra Source Catalog
            # catalogue", "the GWTC-3 catalogue", "the COSMOS2020 catalogue", "Gaia DR3 catalogue" are the data
            # set); a catalogue of one kind drawn from a data set is a product of its own ("ACT DR5
            # point-source catalogue", "ACT DR5 SZ catalogue", "eRASS1 cluster catalogue"). A simulation's
            # database is a product of its own ("the public EAGLE database", fragments-e r3y-frag-08, both golds),
            # and a data set's catalogue of one kind of data is the data set ("SDSS DR14 spectral catalog").
            continue
        if find == extent.product_end and text[end - 1] == "s" \
                and _COORDINATED.search(text, max(0, doc[m.start].idx - 5), doc[m.start].idx):
            # "the FIRST and NVSS catalogues", "Chandra and XMM-Newton catalogues": a shared head, two facilities;
            # "compared to AllWISE, Gaia, and Quaia AGN catalogues" (abstracts-g arXiv:2509.02842, both golds:
            # "Quaia"): what the catalogues list is said of them all
            continue
        if find == extent.product_end and m.label == "TELESCOPE" and text[end - 1] == "s" \
                and " " not in text[at + 1:end]:
            continue  # "Object Classification from JWST Catalogs", "mock Gaia catalogs": catalogues made from a
            # mission's data, no one product of it
        begin = doc[m.start].idx
        if find == extent.product_end:
            begin = extent.period_start(text, begin) or begin  # "105-month Swift-BAT all-sky catalogue"
            begin = extent.ordinal_start(text, begin) or _maker_start(doc, m.start, floor) or begin
        span = _span_of(doc, begin, end)
        if span is None:
            continue
        if label == "DATASET" and m.label != "DATASET":
            # "Gaia DR3" through the owner's other names ("Gaia Data Release 3").
            concept = index.concept(m.concept_id)
            tail = text[at:end].strip(" -/")
            names = [concept.label] + [a.text for a in concept.aliases + concept.acronyms] if concept else []
            for name in names:
                for cid in sorted(index.lookup(f"{name} {tail}")):
                    found = index.concept(cid)
                    if found is not None and found.type == "DATASET":
                        return Mention(span.start, span.end, "DATASET", cid, "ruler", 0, True)
        if find == extent.survey_field_end and m.label == "SURVEY" and text[end_char:end] in (" Survey", " Surveys"):
            return m._replace(end=span.end, exact=True)  # "GAMA Survey" is GAMA, written whole
        # the candidate's name without the possessive: "Gaia’s variable star catalogue" is the Gaia variable star one
        name = _clean(text[begin:end_char] + text[at:end]) if at != end_char else None
        return _composed(doc, m, span.start, span.end, label, index, head_label=name)
    return None
