"""Classes of span-extent errors on arXiv text the project never saw (issue 12, development sets
``fixtures/unseen/abstracts-p``, ``abstracts-q``, ``fragments-j``).

Each test tags real sentences of those sets (or of older unseen sets with the same class) with the
shipped ontology and rules, and checks the whole name and its type as the guideline asks ("Span
extent", "Not entities").
"""

from __future__ import annotations

import pytest

from tests.test_linking import concepts, spans, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


# -- 1. A part of an instrument written after a hyphen, at the end of a sentence -----------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # fragments-j r8y-frag-02
        ("Archival pointed observations come from XMM-Newton and Chandra ACIS-I.", "ACIS-I"),
        # heldout-fragment-05: one spacecraft of a pair
        ("Coronal images were taken by SOHO and STEREO-A.", "STEREO-A"),
    ],
)
def test_a_part_letter_before_a_full_stop_stays_with_its_instrument(real, sentence, name):
    assert (name, "TELESCOPE") in spans(tag(real, sentence))
