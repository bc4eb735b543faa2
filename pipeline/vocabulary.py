"""The word lists of the rules, as data: ``ontologies/rules/candidates.yaml`` and ``spelling.yaml``.

The rules that find candidates (:mod:`pipeline.candidates`) and fold spelling
(:mod:`pipeline.normalize`) are code; the closed lists of words they look up
are vocabulary, which a user extends without touching code. Each file is
validated on load (known keys, lists of strings, no duplicates, lower-case
where matching is, norms where matching is on norms) and every problem is one
:class:`~pipeline.errors.AstroIEError` naming the file, the line and the key.
A loaded file is cached by path and modification time, so rules built per
ontology or per word read nothing at tagging time.
"""

from __future__ import annotations

import re
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import ClassVar

import yaml
from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError

from .errors import AstroIEError, OntologyError
from .models import Label

RULES_DIR = "rules"
CANDIDATES_FILE = "candidates.yaml"
SPELLING_FILE = "spelling.yaml"

Words = tuple[StrictStr, ...]


class CandidateWords(BaseModel):
    """The closed word lists of ``rules/candidates.yaml`` (a missing list is empty)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    head_words: dict[Label, Words] = {}
    name_heads: Words = ()
    product_heads: Words = ()
    facility_nouns: Words = ()
    generic_pipeline_words: Words = ()
    aperture_units: Words = ()
    telescope_makers: Words = ()
    observing_network_words: Words = ()
    organization_words: Words = ()
    weak_technique_heads: Words = ()
    ml_words: Words = ()
    stop_words: Words = ()
    name_triggers: Words = ()
    tool_heads: Words = ()
    tool_name_words: Words = ()
    dataset_heads: Words = ()
    present_verbs: Words = ()
    apposition_verbs: Words = ()
    process_verbs: Words = ()
    not_a_tool_after: Words = ()
    software_nouns: Words = ()
    facility_context_nouns: Words = ()
    technique_after_definition: Words = ()
    software_after_definition: Words = ()
    subtitle_openers: Words = ()
    challenge_nouns: Words = ()
    use_verbs: Words = ()
    physical_model_words: Words = ()
    system_nouns: Words = ()
    data_system_words: Words = ()
    not_tool_words: Words = ()
    people_nouns: Words = ()
    facility_line_cues: Words = ()
    slash_non_instruments: Words = ()
    survey_context_nouns: Words = ()
    product_tool_nouns: Words = ()

    NORM_KEYS: ClassVar[tuple[str, ...]] = (
        "head_words",
        "name_heads",
        "product_heads",
        "facility_nouns",
        "observing_network_words",
        "weak_technique_heads",
        "ml_words",
        "name_triggers",
        "tool_heads",
        "tool_name_words",
        "dataset_heads",
        "process_verbs",
        "not_a_tool_after",
        "facility_context_nouns",
        "technique_after_definition",
        "software_after_definition",
        "challenge_nouns",
        "system_nouns",
        "data_system_words",
    )
    """Lists compared with a token's norm: each word must be its own norm, or it never matches."""

    CASED_KEYS: ClassVar[tuple[str, ...]] = ()
    """Lists matched as written; every other list is lower-case."""

    @cached_property
    def head_types(self) -> dict[str, str]:
        """Head word -> the type it gives a name ending in it."""
        return {word: label for label, words in self.head_words.items() for word in words}

    @cached_property
    def stop_set(self) -> frozenset[str]:
        return frozenset(self.stop_words)

    def lists(self) -> dict[str, tuple[str, ...]]:
        """Every word list by its key (``head_words.TELESCOPE`` for the typed heads)."""
        out = {f"head_words.{label}": words for label, words in self.head_words.items()}
        out.update((key, getattr(self, key)) for key in type(self).model_fields if key != "head_words")
        return out

    def problems(self) -> list[tuple[str, str]]:
        """``(key, what is wrong)`` for every word a rule could not use as written."""
        from .normalize import normalize_word

        found = _list_problems(self.lists(), lower=lambda key: key.split(".")[0] not in self.CASED_KEYS)
        for key, words in self.lists().items():
            if key.split(".")[0] in self.NORM_KEYS:
                found.extend(
                    (
                        key,
                        f"{w!r} is not its own norm ({normalize_word(w)!r}), so it never matches: "
                        f"write {normalize_word(w)!r}",
                    )
                    for w in words
                    if w.islower() and normalize_word(w) != w
                )
        seen: dict[str, str] = {}
        for label, words in self.head_words.items():
            for word in words:
                if word in seen:
                    found.append((f"head_words.{label}", f"{word!r} is also a head word of {seen[word]}"))
                seen.setdefault(word, label)
        found.extend(("name_heads", f"{w!r} is not one of head_words") for w in self.name_heads if w not in seen)
        found.extend(
            ("weak_technique_heads", f"{w!r} is not one of head_words.TECHNIQUE")
            for w in self.weak_technique_heads
            if w not in self.head_words.get("TECHNIQUE", ())
        )
        return found


class Spelling(BaseModel):
    """The spelling folds of ``rules/spelling.yaml``: British -> American, -ise stems, words not plural."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    spellings: dict[StrictStr, StrictStr] = {}
    ise_stems: Words = ()
    not_plural: Words = ()
    dashes: dict[StrictStr, StrictStr] = {}

    @cached_property
    def ise(self) -> re.Pattern:
        """``<stem>is(e|es|ed|...)``: the -ise family of the listed stems (none: matches nothing)."""
        stems = "|".join(re.escape(s) for s in self.ise_stems) or r"(?!)"
        return re.compile(rf"^({stems})is(e|es|ed|ing|ation|ations|er|ers)$")

    @cached_property
    def not_plural_set(self) -> frozenset[str]:
        return frozenset(self.not_plural)

    def problems(self) -> list[tuple[str, str]]:
        """Words written twice, and words that are not lower-case letters (norms fold whole words)."""
        found = _list_problems({"ise_stems": self.ise_stems, "not_plural": self.not_plural}, lambda key: False)
        words = [("spellings", w) for pair in self.spellings.items() for w in pair]
        words += [("ise_stems", w) for w in self.ise_stems] + [("not_plural", w) for w in self.not_plural]
        found.extend((key, f"{w!r} is not lower-case letters") for key, w in words if not (w.isalpha() and w.islower()))
        found.extend(
            ("dashes", f"{w!r} -> {to!r} is not one dash for another")
            for w, to in self.dashes.items()
            if len(w) != 1 or len(to) != 1 or w.isalnum() or to.isalnum() or w.isspace() or to.isspace()
        )
        return found


def _list_problems(lists: dict[str, tuple[str, ...]], lower) -> list[tuple[str, str]]:
    """Empty or padded words, words written twice, capitals where matching is lower-case."""
    found = []
    for key, words in lists.items():
        seen: set[str] = set()
        for word in words:
            if not word or word != word.strip():
                found.append((key, f"{word!r} is empty or has spaces around it"))
            elif word in seen:
                found.append((key, f"{word!r} is listed twice"))
            elif lower(key) and not word.islower():
                found.append((key, f"{word!r} is not lower-case (this list is matched lower-case)"))
            seen.add(word)
    return found


def _read(path: Path, model: type[BaseModel]) -> tuple[BaseModel, list[AstroIEError]]:
    """Read and validate one rules file; the empty model and every problem when it does not validate."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as exc:
        return model(), [AstroIEError("E102", path, None, detail=str(exc))]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return model(), [AstroIEError("E102", path, line, detail=getattr(exc, "problem", None) or str(exc))]
    if data is None:
        return model(), []
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        return model(), [AstroIEError("E112", path, 1, key="(file)", detail="the file must map keys to word lists")]
    lines: dict[str, int] = {}
    problems: list[AstroIEError] = []
    for key_node, value_node in root.value:
        key = str(key_node.value)
        if key in lines:
            problems.append(
                AstroIEError(
                    "E112",
                    path,
                    key_node.start_mark.line + 1,
                    key=key,
                    detail=f"the key is written twice (first at line {lines[key]})",
                )
            )
        lines.setdefault(key, key_node.start_mark.line + 1)
        if isinstance(value_node, yaml.MappingNode):  # head_words, spellings: a word written twice is lost
            inner: set[str] = set()
            for sub, _ in value_node.value:
                if sub.value in inner:
                    problems.append(
                        AstroIEError(
                            "E112",
                            path,
                            sub.start_mark.line + 1,
                            key=f"{key}.{sub.value}",
                            detail="the key is written twice",
                        )
                    )
                inner.add(sub.value)
                lines.setdefault(f"{key}.{sub.value}", sub.start_mark.line + 1)

    def line_of(key: str) -> int:
        return lines.get(key) or lines.get(key.split(".")[0]) or 1

    try:
        rules = model.model_validate(data)
    except ValidationError as exc:
        known = ", ".join(name for name in model.model_fields)
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"] if not isinstance(p, int))[:80] or "(file)"
            key = ".".join(key.split(".")[:2])
            if err["type"] == "extra_forbidden":
                detail = f"unknown key (the keys are {known})"
            elif err["type"] == "string_type":
                detail = f"{err['input']!r} is not a string (quote it: YAML reads yes, no, on, off as booleans)"
            else:
                detail = err["msg"]
            problems.append(AstroIEError("E112", path, line_of(key), key=key, detail=detail))
        return model(), problems
    problems.extend(
        AstroIEError("E112", path, line_of(key), key=key, detail=detail) for key, detail in rules.problems()
    )
    return (model() if problems else rules), problems


@lru_cache(maxsize=32)
def _read_cached(path: str, model: type[BaseModel], stamp: tuple[int, int]) -> tuple[BaseModel, tuple]:
    rules, problems = _read(Path(path), model)
    return rules, tuple(problems)


def read_rules(path: Path, model: type[BaseModel]) -> tuple[BaseModel, list[AstroIEError]]:
    """A rules file's model and its problems, read once per version of the file."""
    stat = Path(path).stat()
    rules, problems = _read_cached(str(path), model, (stat.st_mtime_ns, stat.st_size))
    return rules, list(problems)


def _shipped_rules(name: str) -> Path:
    from .resources import default_ontology_dir

    return default_ontology_dir() / RULES_DIR / name


def candidates_path(directory: Path | str) -> Path:
    """``rules/candidates.yaml`` of an ontology directory, or the shipped one when it has none."""
    own = Path(directory) / RULES_DIR / CANDIDATES_FILE
    return own if own.is_file() else _shipped_rules(CANDIDATES_FILE)


def spelling_path() -> Path:
    """The spelling folds are one table per process (norms are cached per word): the shipped file."""
    return _shipped_rules(SPELLING_FILE)


def read_candidate_words(directory: Path | str) -> tuple[CandidateWords, list[AstroIEError]]:
    path = candidates_path(directory)
    if not path.is_file():
        return CandidateWords(), []
    return read_rules(path, CandidateWords)  # type: ignore[return-value]


def read_spelling() -> tuple[Spelling, list[AstroIEError]]:
    path = spelling_path()
    if not path.is_file():
        return Spelling(), []
    return read_rules(path, Spelling)  # type: ignore[return-value]


@cache
def spelling() -> Spelling:
    """The spelling folds in use; an :class:`OntologyError` listing every problem of a bad file."""
    rules, problems = read_spelling()
    if problems:
        raise OntologyError(problems)
    return rules


def vocabulary_files(directory: Path | str) -> list[tuple[str, Path]]:
    """``(rules/<name>, path)`` of the word-list files a run over this ontology reads: part of its hash."""
    files = [
        (f"{RULES_DIR}/{CANDIDATES_FILE}", candidates_path(directory)),
        (f"{RULES_DIR}/{SPELLING_FILE}", spelling_path()),
    ]
    return [(name, path) for name, path in files if path.is_file()]
