"""``astro-ie nlp export``: the extraction pipeline as a spaCy pipeline directory.

What ``nlp.to_disk`` writes (``config.cfg``, ``meta.json``, the tokenizer,
the vocabulary), plus each ontology component's data through its own
``to_disk``: the ontology files it was built from. ``spacy.load(DIR)`` finds
astro-ie's factories and tokenizer through the ``spacy_factories`` and
``spacy_tokenizers`` entry points of the installed package, so a user's
script needs no ``import astro_ie``; ``spacy package DIR OUT`` wraps it.
The config names no path of this machine: every ontology component reads the
copy saved beside it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import __version__
from .errors import AstroIEError
from .nlp import build_pipeline

ONTOLOGY_COMPONENTS = ("astro_ontology_ruler", "astro_candidates", "astro_linker")


def export_pipeline(directory: Path, ontology_dir: Path, name: str = "astro_ie") -> Path:
    """Write the pipeline for ``ontology_dir`` to ``directory``, replacing a pipeline already there."""
    import spacy

    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()) and not (directory / "config.cfg").is_file():
        raise AstroIEError("E211", directory, detail="the directory holds files but no spaCy config.cfg")
    nlp = build_pipeline(ontology_dir)
    ontology = nlp.get_pipe("astro_linker").index.ontology
    nlp.meta.update({
        "name": name,
        "version": __version__,
        "description": "astro-ie: techniques, telescopes, surveys, datasets and software in astronomy abstracts, "
                       "linked to the astro-ie ontology (rules, no trained weights).",
        "license": "MIT",
        "requirements": [f"astro-ie=={__version__}"],
        "sources": [{"name": "astro-ie ontology", "hash": ontology.hash, "concepts": str(len(ontology))}],
    })
    staging = directory.with_name(f".{directory.name}.export-tmp")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        nlp.to_disk(staging)
        config = spacy.util.load_config(staging / "config.cfg")
        for component in ONTOLOGY_COMPONENTS:
            config["components"][component]["ontology_dir"] = ""  # the copy saved beside it (from_disk)
        config.to_disk(staging / "config.cfg")
        if directory.exists():
            shutil.rmtree(directory)
        staging.rename(directory)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise AstroIEError("E211", directory, detail=exc.strerror or str(exc)) from exc
    return directory
