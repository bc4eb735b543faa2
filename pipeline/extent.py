"""The vocabulary of span extent: which words around a known name belong to it.

GUIDELINE.md ("Span extent", "Not entities") asks for the whole name and no
more: meaning-changing modifiers and release or product tails are part of a
name ("Bayesian CNN", "Gaia XP", "OGLE catalog"), descriptions are not, and a
facility name inside an organisation, a programme id, an object designation or
a filter is no facility. The words are data (``ontologies/rules/span.yaml``,
validated on load); this module compiles them into look-ups on the record's
text, and :mod:`pipeline.linking` composes the mentions with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import AstroIEError
from .normalize import alias_key

RULES_DIR = "rules"
RULES_FILE = "span.yaml"


class SpanRules(BaseModel):
    """The closed word lists of ``rules/span.yaml`` (every list optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    technique_modifiers: tuple[str, ...] = ()
    modifier_patterns: tuple[str, ...] = ()
    adverb_heads: tuple[str, ...] = ()
    field_modifiers: tuple[str, ...] = ()
    technique_tails: tuple[str, ...] = ()
    technique_joiners: tuple[str, ...] = ()
    hybrid_words: tuple[str, ...] = ()
    release_patterns: tuple[str, ...] = ()
    product_patterns: tuple[str, ...] = ()
    phase_patterns: tuple[str, ...] = ()
    survey_field_patterns: tuple[str, ...] = ()
    product_ordinals: tuple[str, ...] = ()
    period_patterns: tuple[str, ...] = ()
    organization_words: tuple[str, ...] = ()
    institution_name_words: tuple[str, ...] = ()
    site_names: tuple[str, ...] = ()
    veto_patterns: tuple[str, ...] = ()
    descriptive_words: tuple[str, ...] = ()
    descriptive_tails: tuple[str, ...] = ()
    facility_descriptive_tails: tuple[str, ...] = ()
    established_names: tuple[str, ...] = ()
    model_name_words: tuple[str, ...] = ()
    dropped_product_words: tuple[str, ...] = ()
    generic_product_nouns: tuple[str, ...] = ()
    shared_product_heads: tuple[str, ...] = ()
    kind_catalog_words: tuple[str, ...] = ()
    simulated_catalog_words: tuple[str, ...] = ()
    simulation_patterns: tuple[str, ...] = ()
    run_patterns: tuple[str, ...] = ()
    run_nouns: tuple[str, ...] = ()
    paradigm_adjectives: tuple[str, ...] = ()
    model_nouns: tuple[str, ...] = ()
    property_words: tuple[str, ...] = ()
    estimator_tails: tuple[str, ...] = ()
    participle_endings: tuple[str, ...] = ()
    participle_nouns: tuple[str, ...] = ()
    glued_prefixes: tuple[str, ...] = ()
    variant_patterns: tuple[str, ...] = ()
    homonym_vetoes: tuple[str, ...] = ()


def rules_path(directory: Path | str) -> Path:
    return Path(directory) / RULES_DIR / RULES_FILE


def read_span_rules(directory: Path | str) -> tuple[SpanRules, list[AstroIEError]]:
    """The span rules of an ontology directory (empty when it has none), and any problems."""
    path = rules_path(directory)
    if not path.is_file():
        return SpanRules(), []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rules = SpanRules.model_validate(data)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return SpanRules(), [AstroIEError("E110", path, 1, detail=str(exc).splitlines()[0])]
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return SpanRules(), [AstroIEError("E110", path, 1, detail=f"{where}: {err['msg']}")]
    problems = []
    for name in ("release_patterns", "product_patterns", "phase_patterns", "survey_field_patterns", "veto_patterns",
                 "run_patterns", "modifier_patterns", "period_patterns", "variant_patterns"):
        for pattern in getattr(rules, name):
            try:
                re.compile(pattern)
            except re.error as exc:
                problems.append(AstroIEError("E110", path, 1, detail=f"{name}: {pattern!r}: {exc}"))
    for entry in rules.homonym_vetoes:
        form, sep, pattern = entry.partition(" => ")
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(AstroIEError("E110", path, 1, detail=f"homonym_vetoes: {entry!r}: {exc}"))
        if not sep or not form.strip():
            problems.append(AstroIEError("E110", path, 1, detail=f"homonym_vetoes: {entry!r} is not 'form => pattern'"))
    tails = {re.split(r"[- ]", w)[-1].lower() for w in rules.technique_modifiers + rules.technique_joiners}
    for pattern in rules.modifier_patterns:
        last = re.search(r"-([a-z]+)$", pattern)
        if last is None or last.group(1) not in tails:
            # the quick look-up before each technique knows the modifiers by their last words
            problems.append(AstroIEError("E110", path, 1, detail=f"modifier_patterns: {pattern!r} does not end with "
                                                                 "'-' and the last word of a technique modifier"))
    return (rules if not problems else SpanRules()), problems


_SPACE_OR_HYPHEN = frozenset({" ", "-"})
_RELEASE_SEPARATORS = frozenset({" ", "-", "/"})  # the separators of ``_release``


_FIRST_WORD = re.compile(r"([A-Za-z]+)[ -]+")
# One or two lower-case words in parentheses, right before a name: a gloss of the word before it.
_GLOSS = re.compile(r"(?<=[A-Za-z]) \([a-z]{3,}(?:[ -][a-z]{3,})?\) $")
_POSSESSIVE = re.compile(r"['\u2019]s(?= )")  # "Gaia’s variable star catalogue", "ASAS-SN's ..."


def _words(words: tuple[str, ...]) -> str:
    """An alternation of words, longest first, a hyphen also matching a space."""
    return "|".join(re.escape(w).replace(r"\-", "[- ]?") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Extent:
    """Compiled look-ups of :class:`SpanRules` on a record's text, by character offset."""

    rules: SpanRules

    @cached_property
    def descriptive_word_set(self) -> frozenset[str]:
        """The descriptive words, lower case: what a name is complete without ("deep", "novel")."""
        return frozenset(w.lower() for w in self.rules.descriptive_words)

    @cached_property
    def descriptive_tail_set(self) -> frozenset[str]:
        """The descriptive tails, lower case: a method's nouns after its name ("algorithm", "framework")."""
        return frozenset(w.lower() for w in self.rules.descriptive_tails)

    @cached_property
    def _modifiers(self) -> re.Pattern | None:
        if not self.rules.technique_modifiers:
            return None
        word = f"(?:{_words(self.rules.technique_modifiers)})"
        if self.rules.modifier_patterns:  # "D$_4$-equivariant", "SO(3)-equivariant": a group named in TeX or plain
            word = f"(?:{word}|{'|'.join(self.rules.modifier_patterns)})"
        if self.rules.technique_joiners:  # "attention-based neural network", "graph-based clustering"
            word = f"{word}(?:-(?:{_words(self.rules.technique_joiners)}))?"
        return re.compile(rf"(?<![\w-]){word}(?:[ -]+{word})*[ -]+$", re.IGNORECASE)

    @cached_property
    def _tails(self) -> re.Pattern | None:
        if not self.rules.technique_tails:
            return None
        return re.compile(rf"[ -](?:{_words(self.rules.technique_tails)})\b", re.IGNORECASE)

    @cached_property
    def _joiners(self) -> re.Pattern | None:
        if not self.rules.technique_joiners:
            return None
        return re.compile(rf"-(?:{_words(self.rules.technique_joiners)}) ", re.IGNORECASE)

    def _after(self, patterns: tuple[str, ...], separators: str) -> re.Pattern | None:
        if not patterns:
            return None
        return re.compile(rf"{separators}(?:{'|'.join(patterns)})(?![\w+])")

    @cached_property
    def _release(self) -> re.Pattern | None:
        return self._after(self.rules.release_patterns, "[ /-]")  # "Gaia DR3", "LoTSS-DR2", "eROSITA/DR1"

    @cached_property
    def _product(self) -> re.Pattern | None:
        return self._after(self.rules.product_patterns, " ")

    @cached_property
    def _phase(self) -> re.Pattern | None:
        return self._after(self.rules.phase_patterns, "[ -]")

    @cached_property
    def _survey_field(self) -> re.Pattern | None:
        return self._after(self.rules.survey_field_patterns, "[ -]")

    @cached_property
    def _veto(self) -> re.Pattern | None:
        return re.compile("|".join(f"(?:{p})" for p in self.rules.veto_patterns)) if self.rules.veto_patterns else None

    @cached_property
    def _organization(self) -> re.Pattern | None:
        if not self.rules.organization_words:
            return None
        # Organisations are proper names: "Planck Collaboration", not "the SO collaboration pipelines".
        words = "|".join(re.escape(w[:1].upper() + w[1:]) for w in sorted(self.rules.organization_words, key=len,
                                                                           reverse=True))
        # A facility hyphenated with others names one too: "LIGO-Virgo-KAGRA Collaboration".
        return re.compile(rf"(?:-[A-Z][\w]*)*(?: [A-Z][\w&.-]*){{0,3}}? (?:{words})\b")

    @cached_property
    def glued_prefix_words(self) -> frozenset[str]:
        """Prefixes glued by a hyphen to a method's name that name no kind of it ("non-CNN", "pre-ML")."""
        return frozenset(w.lower() for w in self.rules.glued_prefixes)

    @cached_property
    def modifier_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.rules.technique_modifiers)

    @cached_property
    def _established(self) -> tuple[re.Pattern, frozenset[str]] | None:
        """A descriptive word right before a name, and the established names that keep it ("deep residual network")."""
        words = {n.split()[0] for n in self.rules.established_names if " " in n} & set(self.rules.descriptive_words)
        if not words:
            return None
        keys = frozenset(alias_key(n) for n in self.rules.established_names)
        return re.compile(rf"(?<![\w-])(?:{_words(tuple(words))}) $", re.IGNORECASE), keys

    def established_start(self, text: str, start: int, end: int) -> int | None:
        """Start of a descriptive word that an established name written from there keeps ("Deep Residual Networks")."""
        found = self._established
        if found is None or start < 2 or text[start - 1] != " ":
            return None
        word = found[0].search(text, max(0, start - 12), start)
        return word.start() if word is not None and alias_key(text[word.start():end]) in found[1] else None

    @cached_property
    def field_modifier_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.rules.field_modifiers)

    @cached_property
    def dropped_product_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.rules.dropped_product_words)

    @cached_property
    def _generic_product_nouns(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """The last words of the generic product nouns, and the nouns longest first."""
        nouns = tuple(sorted(self.rules.generic_product_nouns, key=len, reverse=True))
        return frozenset(n.split()[-1] for n in nouns), nouns

    def generic_product_noun(self, written: str, last: str) -> str | None:
        """The generic product noun a data set's name as written ends with, in lower case ("OMNI data set"), if
        any; ``last`` is its last word."""
        ends, nouns = self._generic_product_nouns
        if last not in ends:
            return None
        return next((n for n in nouns if written.endswith(n) and written[-len(n) - 1:-len(n)] == " "), None)

    @cached_property
    def _shared_heads(self) -> tuple[str, ...]:
        return tuple(sorted(self.rules.shared_product_heads, key=len, reverse=True))

    def shared_head(self, written: str) -> str | None:
        """The plural product head a data set's name as written ends with, in lower case ("Agora simulations")."""
        return next((h for h in self._shared_heads if written.endswith(h) and written[-len(h) - 1:-len(h)] == " "),
                    None)

    @cached_property
    def kind_catalog_words(self) -> frozenset[str]:
        """The kinds of data a catalogue holds, lower case ("photometric"): a release's catalogue of that kind is the release."""
        return frozenset(w.lower() for w in self.rules.kind_catalog_words)

    @cached_property
    def simulated_catalog_words(self) -> frozenset[str]:
        """The words of a simulated catalogue, lower case ("mock"): a simulation's catalogue of that kind is the simulation."""
        return frozenset(w.lower() for w in self.rules.simulated_catalog_words)

    @cached_property
    def model_name_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.rules.model_name_words)

    @cached_property
    def institution_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.rules.institution_name_words)

    @cached_property
    def site_name_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.rules.site_names)

    @cached_property
    def _paradigm_adjectives(self) -> frozenset[str]:
        return frozenset(alias_key(w) for w in self.rules.paradigm_adjectives)

    @cached_property
    def _model_noun(self) -> re.Pattern | None:
        return re.compile(rf"[ -](?:{_words(self.rules.model_nouns)})\b", re.IGNORECASE) if self.rules.model_nouns else None

    def model_noun_after(self, text: str, end: int) -> bool:
        """Does the noun of one model follow ("... deep learning networks", "... deep learning model")?"""
        return bool(self._model_noun and text[end:end + 1] in _SPACE_OR_HYPHEN and self._model_noun.match(text, end))

    @cached_property
    def _property(self) -> re.Pattern | None:
        words = self.rules.property_words
        return re.compile(rf"[ -](?:{_words(words)})\b", re.IGNORECASE) if words else None

    def property_after(self, text: str, end: int) -> bool:
        """Does a word naming a property follow a method's name ("augmentation invariance")?"""
        return bool(self._property and text[end:end + 1] in _SPACE_OR_HYPHEN and self._property.match(text, end))

    @cached_property
    def _homonyms(self) -> tuple[dict[str, re.Pattern], tuple[str, ...]]:
        """A technique's form (its matching key) -> what a record names when the same words mean a thing observed;
        and the forms' last words, lower case."""
        out: dict[str, re.Pattern] = {}
        for entry in self.rules.homonym_vetoes:
            form, _sep, pattern = entry.partition(" => ")
            out[alias_key(form)] = re.compile(pattern)
        return out, tuple(sorted({word + plural for key in out for word in key.rsplit(" ", 1)[-1:] for plural in ("", "s")}))

    def homonym_vetoed(self, text: str, written: str) -> bool:
        """Is a technique's form written here the words of a thing the record observes: "Deep Forest" in a record on
        the Lyman-alpha forest? The record's text is searched only for a listed form (its last word tested first)."""
        homonyms, last_words = self._homonyms
        if not last_words or not written.lower().endswith(last_words):
            return False
        pattern = homonyms.get(alias_key(written))
        return pattern is not None and pattern.search(text) is not None

    def _variants(self, depth: bool) -> re.Pattern | None:
        alternatives = list(self.rules.variant_patterns)
        if not alternatives:
            return None
        if depth:  # a plain depth, or a size's one letter ("EfficientNetV2-S", "ViT-B", "DeiT-S")
            alternatives.extend(("[0-9]{1,3}", "[SMLBTH]"))
        return re.compile(rf"(?:-(?:{'|'.join(alternatives)}))+(?![\w/+-]|\.[0-9])")

    @cached_property
    def _variant(self) -> re.Pattern | None:
        return self._variants(False)

    @cached_property
    def _variant_or_depth(self) -> re.Pattern | None:
        return self._variants(True)

    def variant_end(self, text: str, end: int, depth: bool) -> int | None:
        """End of the size, parameter count or patch code glued by hyphens after an architecture's name ("Llama-3-8B",
        "ViT-L/14", "BERT-large"), and with ``depth`` of a plain number or a size's letter too ("DenseNet-201",
        "LLaMA-2-7B", "ViT-B")."""
        if text[end:end + 1] != "-":
            return None
        found = (self._variant_or_depth if depth else self._variant)
        found = found.match(text, end) if found is not None else None
        return found.end() if found else None

    def bare_participle(self, written: str) -> bool:
        """Does a mention end with a participle no learner's name ends with ("gradient-boosted")?"""
        return bool(self.rules.participle_endings) and written.lower().endswith(self.rules.participle_endings)

    def paradigm_adjective(self, written: str) -> bool:
        """Is a mention only a paradigm's adjective ("supervised", "semi-supervised"), no learning head with it?"""
        return bool(self._paradigm_adjectives) and alias_key(written) in self._paradigm_adjectives

    # -- questions on the text ---------------------------------------------------

    @cached_property
    def _modifier_last_word(self) -> tuple[re.Pattern, int] | None:
        """The last word of every modifier ("task" of "multi-task"), and the longest: a quick test first."""
        words = self.rules.technique_modifiers
        if not words or any(not w or w[-1] in " -\n" for w in words):
            return None
        tails = {re.split(r"[- ]", w)[-1] for w in words + self.rules.technique_joiners}
        if not all(tails):
            return None
        return re.compile(f"(?:{'|'.join(re.escape(t) for t in sorted(tails))})$", re.IGNORECASE), max(map(len, tails))

    @cached_property
    def _modifier_tails(self) -> tuple[str, ...] | None:
        """The same last words in lower case, for ``str.endswith`` on ASCII text (None: some are not ASCII)."""
        quick = self._modifier_last_word
        if quick is None:
            return None
        tails = {re.split(r"[- ]", w)[-1].lower() for w in self.rules.technique_modifiers + self.rules.technique_joiners}
        return tuple(sorted(tails)) if all(t.isascii() for t in tails) else None

    def modifier_start(self, text: str, start: int) -> int | None:
        """Start of the meaning-changing modifiers written right before ``start``, if any."""
        if self._modifiers is None:
            return None
        if start >= 4 and text[start - 2] == ")" and text[start - 1] == " ":
            # A gloss in parentheses between a modifier and the name: "Bayesian (probabilistic) deep networks"
            # (abstracts-t arXiv:2405.17908) is one name, the gloss inside it.
            gloss = _GLOSS.search(text, max(0, start - 40), start)
            return None if gloss is None else self.modifier_start(text, gloss.start() + 1)
        low = max(0, start - 80)
        quick = self._modifier_last_word
        if quick is not None and start > low and text[start - 1] != "\n":
            # The modifiers end right before the spaces and hyphens before ``start``: unless a modifier's last
            # word ends there, the search over the 80 characters before it finds nothing.
            j = start
            while j > low and text[j - 1] in " -":
                j -= 1
            if j == start:
                return None
            before = text[max(low, j - quick[1]):j]
            tails = self._modifier_tails
            if tails is not None and before.isascii() and before[-1:] != "\n":
                if not before.lower().endswith(tails):  # what the pattern finds, on ASCII, in one call
                    return None
            elif quick[0].search(text, max(low, j - quick[1]), j) is None:
                return None
        found = self._modifiers.search(text, low, start)
        return None if found is None else found.start()

    @cached_property
    def _prefixed(self) -> tuple[re.Pattern, frozenset[str]] | None:
        """The modifier patterns whole, and the words they end with ("equivariant")."""
        if not self.rules.modifier_patterns:
            return None
        last = frozenset(re.search(r"-([a-z]+)$", p).group(1) for p in self.rules.modifier_patterns)
        return re.compile(rf"(?<![\w$-])(?:{'|'.join(self.rules.modifier_patterns)})$", re.IGNORECASE), last

    def prefixed_start(self, text: str, start: int) -> int | None:
        """Start of a group glued by a hyphen to a name's first word ("D$_4$-" of "D$_4$-equivariant network").

        The name itself starts with the word the modifier pattern ends with, so the modifiers *before* it
        (:meth:`modifier_start`) cannot see the group: the pattern is tried over the first word instead.
        """
        found = self._prefixed
        if found is None or start < 2 or text[start - 1] != "-":
            return None
        word = _FIRST_WORD.match(text + " ", start)
        if word is None or word.group(1).lower() not in found[1]:
            return None
        whole = found[0].search(text, max(0, start - 40), start + len(word.group(1)))
        return whole.start() if whole is not None and whole.start() < start else None

    @cached_property
    def _adverb_heads(self) -> tuple[str, ...]:
        return tuple(h.lower() for h in self.rules.adverb_heads)

    def without_adverb(self, text: str, begin: int, start: int) -> int | None:
        """``begin`` past a leading adverb of the modifiers unless the next word is one it belongs to a name
        before ("fully convolutional" stays; "fully D$_4$-equivariant" -> "D$_4$-equivariant"), None if nothing is left."""
        word = _FIRST_WORD.match(text, begin, start)
        if word is None or not word.group(1).lower().endswith("ly"):
            return begin
        after = word.end()
        if text[after:after + 12].lower().startswith(self._adverb_heads):
            return begin
        return after if after < start else None

    def technique_tail_end(self, text: str, end: int) -> int | None:
        # The pattern starts with a space or hyphen (so does the joiners' with a hyphen): checked first.
        found = self._tails.match(text, end) if self._tails and text[end:end + 1] in _SPACE_OR_HYPHEN else None
        return found.end() if found else None

    @cached_property
    def _estimator_tail(self) -> re.Pattern | None:
        if not self.rules.estimator_tails:
            return None
        return re.compile(rf" (?:{'|'.join(map(re.escape, self.rules.estimator_tails))})\b")

    @cached_property
    def _participle_noun(self) -> re.Pattern | None:
        if not self.rules.participle_nouns:
            return None
        return re.compile(rf" (?:{_words(self.rules.participle_nouns)})\b", re.IGNORECASE)

    def estimator_end(self, text: str, start: int, end: int) -> int | None:
        """End of the estimator noun that completes the learner name at ``start:end``, if any.

        "Random Forest Regressor" (Title Case after a Title Case name) and "gradient-boosted classifiers" (after
        a participle no name ends with); the quick tests on the character after ``end`` come first.
        """
        if text[end:end + 1] != " ":
            return None
        written = text[start:end]
        if self._participle_noun is not None and written.lower().endswith(tuple(self.rules.participle_endings)) \
                and (found := self._participle_noun.match(text, end)) is not None:
            return found.end()
        if self._estimator_tail is None or not text[end + 1:end + 2].isupper():
            return None
        if not all(w[:1].isupper() for w in re.split(r"[ -]", written) if w):
            return None
        found = self._estimator_tail.match(text, end)
        return found.end() if found else None

    @cached_property
    def _hybrid(self) -> re.Pattern | None:
        return re.compile(rf" (?:{_words(self.rules.hybrid_words)})\b", re.IGNORECASE) if self.rules.hybrid_words else None

    def hybrid_end(self, text: str, end: int) -> int | None:
        """End of "hybrid" after two methods written as one ("Gaussian Process–Random Forest Hybrid")."""
        found = self._hybrid.match(text, end) if self._hybrid and text[end:end + 1] == " " else None
        return found.end() if found else None

    def joiner_end(self, text: str, end: int) -> int | None:
        """End of "-based " after a technique ("LSTM-based autoencoder")."""
        found = self._joiners.match(text, end) if self._joiners and text[end:end + 1] == "-" else None
        return found.end() if found else None

    def release_end(self, text: str, end: int) -> int | None:
        # Every pattern of these three starts with its separator: no separator, no match (one comparison, not a search).
        found = self._release.match(text, end) if self._release and text[end:end + 1] in _RELEASE_SEPARATORS else None
        return found.end() if found else None

    @cached_property
    def _release_code(self) -> re.Pattern | None:
        return re.compile(f"(?:{'|'.join(self.rules.release_patterns)})") if self.rules.release_patterns else None

    def release_code(self, written: str) -> bool:
        """Is a word alone the code of a release ("Q1", "DR3", "PR4", "DP1"): capitals and a number, not a version
        ("v2") nor longer words ("Data Release")?"""
        return 2 <= len(written) <= 6 and written[:1].isupper() and written[-1:].isdigit() and " " not in written \
            and self._release_code is not None and self._release_code.fullmatch(written) is not None

    def possessive_end(self, text: str, end: int) -> int | None:
        """End of a possessive written right after a name ("Gaia’s"), before the words of what it owns."""
        found = _POSSESSIVE.match(text, end) if text[end:end + 1] in ("'", "\u2019") else None
        return found.end() if found else None

    def product_end(self, text: str, end: int) -> int | None:
        found = self._product.match(text, end) if self._product and text[end:end + 1] == " " else None
        return found.end() if found else None

    @cached_property
    def _ordinal(self) -> re.Pattern | None:
        if not self.rules.product_ordinals:
            return None
        return re.compile(rf"(?<![\w-])(?:{_words(self.rules.product_ordinals)}) $", re.IGNORECASE)

    def ordinal_start(self, text: str, start: int) -> int | None:
        """Start of an ordinal written right before a product name ("fourth Fermi-LAT catalog")."""
        found = self._ordinal.search(text, max(0, start - 12), start) if self._ordinal else None
        return found.start() if found else None

    @cached_property
    def _period(self) -> re.Pattern | None:
        if not self.rules.period_patterns:
            return None
        return re.compile(rf"(?<![\w-])(?:{'|'.join(self.rules.period_patterns)}) $")

    def period_start(self, text: str, start: int) -> int | None:
        """Start of the period of data written right before a catalogue's facility ("105-month Swift-BAT ...")."""
        if start < 2 or text[start - 1] != " " or not text[start - 2].isalpha():
            return None  # "month " or "year " ends right before: one comparison before the search
        found = self._period.search(text, max(0, start - 12), start) if self._period else None
        return found.start() if found else None

    def glued(self, text: str, start: int, end: int) -> bool:
        """Is the name glued by a hyphen to a capitalised word ("Astro-WISE", "XMM-LSS")?"""
        before = start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha()
        after = end + 1 < len(text) and text[end] == "-" and text[end + 1].isupper()
        return before or after

    def phase_end(self, text: str, end: int) -> int | None:
        found = self._phase.match(text, end) if self._phase and text[end:end + 1] in _SPACE_OR_HYPHEN else None
        return found.end() if found else None

    def survey_field_end(self, text: str, end: int) -> int | None:
        """End of a deep field a facility observes, which names its survey ("CSST Ultra-Deep Field")."""
        found = self._survey_field.match(text, end) if self._survey_field and text[end:end + 1] in _SPACE_OR_HYPHEN \
            else None
        return found.end() if found else None

    @cached_property
    def _simulation(self) -> re.Pattern | None:
        return self._after(self.rules.simulation_patterns, " ")

    @cached_property
    def _run(self) -> re.Pattern | None:
        return self._after(self.rules.run_patterns, " ")

    def run_end(self, text: str, end: int) -> int | None:
        """End of a simulation run's code written after the simulation's name ("FLAMINGO L1_m9")."""
        found = self._run.match(text, end) if self._run and text[end:end + 1] == " " else None
        return found.end() if found else None

    @cached_property
    def _run_alone(self) -> re.Pattern | None:
        if not self.rules.run_patterns or not self.rules.run_nouns:
            return None
        return re.compile(rf"(?<![\w./-])(?:{'|'.join(self.rules.run_patterns)})(?= (?:{_words(self.rules.run_nouns)})\b)")

    def run_codes(self, text: str) -> list[tuple[int, int]]:
        """Where a run's code stands alone before a run's noun ("the fiducial L1_m9 box")."""
        return [found.span() for found in self._run_alone.finditer(text)] if self._run_alone else []

    def simulation_after(self, text: str, end: int) -> bool:
        """Do the words of a simulation of galaxies follow a name ("ARTEMIS cosmological zoom-in simulations")?"""
        return bool(self._simulation and text[end:end + 1] == " " and self._simulation.match(text, end))

    def vetoed_after(self, text: str, end: int) -> bool:
        """Is a facility name ending at ``end`` a designation, programme id, filter or organisation?"""
        if self._veto is not None and self._veto.match(text, end):
            return True
        if self._organization is None or text[end:end + 1] not in _SPACE_OR_HYPHEN:  # what the pattern starts with
            return False
        return self._organization.match(text, end) is not None
