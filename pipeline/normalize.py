"""Spelling normalisation shared by the matcher and the ontology checks.

A token's *norm* folds the variation that should not decide whether a phrase
names a concept: case, British vs American spelling, and plural vs singular.
The norm is computed once per vocabulary entry (spaCy caches lexeme
attributes), so it costs nothing per token at run time. Curators therefore
list one spelling per alias and the matcher finds the others; the words the
folding knows are data (``ontologies/rules/spelling.yaml``, read on the
first word by :func:`pipeline.vocabulary.spelling`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from .vocabulary import spelling

TEX_MARKED: list[str] = []
"""Every word seen so far whose norm read through TeX markup, once each, in the order met (the matcher
looks at such tokens again, and reads only the words added since it last looked)."""


@cache
def normalize_word(word: str) -> str:
    """The norm of one token: lower-case, American spelling, singular; TeX markup read as the text it typesets."""
    if "\\" in word or "$" in word or "{" in word:
        plain = tex_plain(word)
        if plain != word:
            TEX_MARKED.append(word)  # once per word: normalize_word is cached
        word = plain
    low = word.lower()
    if not low.isascii():
        # Accents fold: "VISTA Variables in the Vía Láctea" is the ontology's "... Via Lactea" (fragments-p
        # r13d-frag-13, both golds); canonical decomposition only, so "deg²" and Greek letters stay as written
        low = "".join(c for c in unicodedata.normalize("NFD", low) if not unicodedata.combining(c))
    # The plural of an acronym written with a lower-case s ("CNNs", "NNs", "GPUs"),
    # before the word rules, which would keep "nns" (too short) or "gpus" (-us).
    if len(word) > 2 and word[-1] == "s" and word[:-1].isupper() and word[:-1].isalnum():
        return low[:-1]
    if not low.isalpha() or len(low) < 3:
        # Acronyms with digits, punctuation and short words: case only; a dash as the hyphen ("XMM–Newton").
        return spelling().dashes.get(low, low) if len(low) == 1 else low
    words = spelling()
    low = words.spellings.get(low, low)
    match = words.ise.match(low)
    if match:
        low = f"{match.group(1)}iz{match.group(2)}"
    low = singularize(low)
    # Again after the plural is gone: "neighbourhoods" -> "neighbourhood" -> "neighborhood".
    return words.spellings.get(low, low)


# TeX in arXiv abstracts: an accent command before a letter ('na\\"ive', 'na\\"{\\i}ve'), a Greek letter
# ('$\\beta$-VAE'), inline math of one symbol ('$k$-means') and font groups ('{\\it Gaia}').
_TEX_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
                ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327"}
_TEX_ACCENT = re.compile(r"""\\(["'`^~=.]|[uvHc](?=[{ ]))\s*\{?\s*\\?([A-Za-z])\}?""")
_GREEK = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
          "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega")
_TEX_GREEK = dict(zip(_GREEK, "αβγδεζηθικλμνξπρστυφχψω"))
_TEX_GREEK.update({name.capitalize(): letter.upper() for name, letter in _TEX_GREEK.items()})
_TEX_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")


def _tex_command(match: re.Match) -> str:
    return _TEX_GREEK.get(match.group(1), "")  # a Greek letter; any other command (font, size) typesets nothing


def tex_plain(word: str) -> str:
    """The text a TeX-marked word typesets ('na\\"ive' -> 'naïve', '$k$' -> 'k'); the word itself if nothing is left."""
    plain = _TEX_ACCENT.sub(lambda m: unicodedata.normalize("NFC", m.group(2) + _TEX_ACCENTS[m.group(1)]), word)
    plain = _TEX_COMMAND.sub(_tex_command, plain)
    plain = plain.replace("$", "").replace("{", "").replace("}", "")
    return plain if any(ch.isalnum() for ch in plain) else word


def singularize(low: str) -> str:
    """A conservative English singular for a lower-case word."""
    not_plural = spelling().not_plural_set
    if len(low) <= 3 or low in not_plural or not low.endswith("s"):
        return low
    if low.endswith(("ss", "us", "is", "ous")):
        return low
    if low.endswith("ses") and low[:-2] + "is" in not_plural:  # analyses, hypotheses
        return low[:-2] + "is"
    if low.endswith("es") and low[:-2] in not_plural:  # lenses, gases, biases
        return low[:-2]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zes")):
        return low[:-2]
    return low[:-1]


_TOKEN = re.compile(r"\w+|[^\w\s]")


@lru_cache(maxsize=1 << 16)  # asked of the same names again and again while tagging
def alias_key(text: str) -> str:
    """A matching key for an alias, close to what the matcher compares.

    Used by the ontology checks to find aliases two concepts both claim:
    hyphens and spaces are one separator, spelling and number are folded.
    """
    for dash, hyphen in spelling().dashes.items():  # "XMM–Newton" is "XMM-Newton"
        text = text.replace(dash, hyphen)
    words = [normalize_word(t) for t in _TOKEN.findall(text.replace("-", " "))]
    return " ".join(words)
