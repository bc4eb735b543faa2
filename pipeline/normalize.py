"""Spelling normalisation shared by the matcher and the ontology checks.

A token's *norm* folds the variation that should not decide whether a phrase
names a concept: case, British vs American spelling, and plural vs singular.
The norm is computed once per vocabulary entry (spaCy caches lexeme
attributes), so it costs nothing per token at run time. Curators therefore
list one spelling per alias and the matcher finds the others.
"""

from __future__ import annotations

import re
from functools import cache

# British -> American, for stems the literature writes both ways. The '-ise'
# family is handled by rule below for the stems listed in ISE_STEMS.
_WORD_SPELLINGS = {
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "catalogued": "cataloged",
    "cataloguing": "cataloging",
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "centres": "centers",
    "metre": "meter",
    "metres": "meters",
    "kilometre": "kilometer",
    "kilometres": "kilometers",
    "fibre": "fiber",
    "fibres": "fibers",
    "colour": "color",
    "colours": "colors",
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "neighbouring": "neighboring",
    "neighbourhood": "neighborhood",
    "modelling": "modeling",
    "modelled": "modeled",
    "modeller": "modeler",
    "labelled": "labeled",
    "labelling": "labeling",
    "travelling": "traveling",
    "artefact": "artifact",
    "artefacts": "artifacts",
    "grey": "gray",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analyses": "analyses",
    "analysing": "analyzing",
    "learnt": "learned",
    # Word forms that name the same method (issue 12): "foundational model", "boosted decision trees".
    "foundational": "foundation",
    "boosted": "boosting",
}

ISE_STEMS = (
    "organ", "optim", "normal", "regular", "visual", "character", "parametr", "parameter",
    "general", "recogn", "minim", "maxim", "summar", "token", "vector", "initial", "categor",
    "standard", "special", "local", "real", "util", "stabil", "random", "serial", "discret",
    "linear", "central", "emphas", "prior", "synthes", "hypothes", "custom", "author", "critic",
    "conceptual", "contextual", "personal", "industrial", "modern", "commercial", "capital",
    "polar", "ion", "crystal", "symbol", "dramat", "memor", "theor", "sanit", "rational",
)
_ISE = re.compile(r"^({})is(e|es|ed|ing|ation|ations|er|ers)$".format("|".join(ISE_STEMS)))

# Words ending in -s that are not plurals (or whose singular we must not guess).
_NOT_PLURAL = frozenset(
    ["analysis", "basis", "axis", "thesis", "hypothesis", "synthesis", "emphasis", "diagnosis", "genesis", "series", "species", "physics", "mathematics", "statistics", "dynamics", "kinematics", "electronics", "optics", "mechanics", "astrophysics", "economics", "data", "news", "lens", "gas", "bias", "mass", "class", "glass", "plus", "minus", "virus", "radius", "focus", "nucleus", "stimulus", "locus", "corpus", "census", "status", "versus", "bonus", "campus", "chaos", "cosmos", "always", "perhaps", "whereas", "thus", "various", "previous", "numerous", "serious", "famous", "obvious", "continuous", "its", "has", "was", "is", "this", "his", "us", "yes", "ulysses", "atlas", "emus"]
)


@cache
def normalize_word(word: str) -> str:
    """The norm of one token: lower-case, American spelling, singular."""
    low = word.lower()
    # The plural of an acronym written with a lower-case s ("CNNs", "NNs", "GPUs"),
    # before the word rules, which would keep "nns" (too short) or "gpus" (-us).
    if len(word) > 2 and word[-1] == "s" and word[:-1].isupper() and word[:-1].isalnum():
        return low[:-1]
    if not low.isalpha() or len(low) < 3:
        # Acronyms with digits, punctuation and short words: case only.
        return low
    low = _WORD_SPELLINGS.get(low, low)
    match = _ISE.match(low)
    if match:
        low = f"{match.group(1)}iz{match.group(2)}"
    low = singularize(low)
    # Again after the plural is gone: "neighbourhoods" -> "neighbourhood" -> "neighborhood".
    return _WORD_SPELLINGS.get(low, low)


def singularize(low: str) -> str:
    """A conservative English singular for a lower-case word."""
    if len(low) <= 3 or low in _NOT_PLURAL or not low.endswith("s"):
        return low
    if low.endswith(("ss", "us", "is", "ous")):
        return low
    if low.endswith("ses") and low[:-2] + "is" in _NOT_PLURAL:  # analyses, hypotheses
        return low[:-2] + "is"
    if low.endswith("es") and low[:-2] in _NOT_PLURAL:  # lenses, gases, biases
        return low[:-2]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zes")):
        return low[:-2]
    return low[:-1]


_TOKEN = re.compile(r"\w+|[^\w\s]")


def alias_key(text: str) -> str:
    """A matching key for an alias, close to what the matcher compares.

    Used by the ontology checks to find aliases two concepts both claim:
    hyphens and spaces are one separator, spelling and number are folded.
    """
    words = [normalize_word(t) for t in _TOKEN.findall(text.replace("-", " "))]
    return " ".join(words)
