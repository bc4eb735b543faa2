"""The ``ml4astro-2024`` deployment: the whole job on the corpus and ontology astro-ie ships.

A flow of its own, so a deployment needs no path into a checkout: it finds
the shipped files with :mod:`astro_ie.resources` wherever astro-ie is
installed, and writes ``out_dir`` (relative to the working directory).
"""

from typing import Annotated

from prefect import flow
from pydantic import Field

from astro_ie.resources import default_corpus, default_ontology_dir

from .extract_corpus import flow_for


@flow(name="ml4astro-2024", validate_parameters=True)
def rebuild_default_corpus(
    out_dir: str = "outputs/ml4astro-2024",
    batch_size: Annotated[int, Field(ge=1, le=100_000)] = 256,
    workers: Annotated[int, Field(ge=1, le=256)] = 1,
) -> dict:
    """Run ``extract-corpus`` on the ML4Astro 2024 book of abstracts with the shipped ontology."""
    return flow_for(workers)(inputs=[str(default_corpus())], out_dir=out_dir, ontology_dir=str(default_ontology_dir()),
                             batch_size=batch_size, workers=workers)
