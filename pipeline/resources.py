"""Where the files astro-ie ships live, wherever it is installed.

The ontology, the default corpus and the report templates are package data,
found with :mod:`importlib.resources`: the same code serves a checkout
(editable install), a wheel in ``site-packages`` and a frozen application.
Nothing here writes: callers that need a place to write are given one.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DEFAULT_CORPUS_NAME = "ml4astro-2024-book-of-abstracts.txt"
DEFAULT_RUN_NAME = "ml4astro-2024"
"""The output directory name of a run over the default corpus."""


def _package_dir(package: str) -> Path:
    located = files(package)
    if not isinstance(located, Path):  # a zip import: astro-ie needs real files
        raise RuntimeError(f"astro-ie must be installed as files, not zipped ({package} is {located!r})")
    return located


def default_ontology_dir() -> Path:
    """The directory of the ontology astro-ie ships (``astro_ie.ontologies``)."""
    return _package_dir("astro_ie.ontologies")


def default_corpus() -> Path:
    """The book of abstracts of Machine Learning for Astrophysics 2024, as shipped."""
    return _package_dir("astro_ie.data") / DEFAULT_CORPUS_NAME


def default_out_dir(inputs: list[Path] | None) -> Path:
    """``./outputs/<name>`` in the current directory: the default corpus's run name, else the first input's stem."""
    if not inputs:
        return Path("outputs") / DEFAULT_RUN_NAME
    first = inputs[0]
    name = first.name.split(".")[0] if first.name and not first.name.startswith(".") else first.stem
    return Path("outputs") / (name or "run")


def names_model_weights() -> Path:
    """The weights of the name model (:mod:`astro_ie.names_model`), trained by ``benchmarks/train_names.py``."""
    return _package_dir("astro_ie") / "names_model.json"
