"""SOFTWARE names written once, on the development set abstracts-w, second pass (GUIDELINE "Types": SOFTWARE is
named tools, codes, pipelines and the named models the authors build).

Each test is a development record's own sentence (cited) and failed on the rules before this change; each also
holds a sentence of the same shape that names no tool.
"""

from __future__ import annotations

import pytest

from tests.test_linking import labels_of, tag

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")


def test_a_tool_known_as_a_defined_name_is_software(real):
    # fixtures/unseen/abstracts-w arXiv:2001.00279 (both golds)
    record = tag(
        real,
        "We use a convolutional neural network (CNN) combined with an event trigger generator known as Wavelet "
        "Detection Filter (WDF).",
    )
    assert labels_of(record, "Wavelet Detection Filter") == {"SOFTWARE"}
    assert labels_of(record, "WDF") == {"SOFTWARE"}


def test_a_thing_known_as_a_defined_name_that_is_no_tool_stays_untyped(real):
    # near miss (abstracts data): an event, not a tool, goes by the defined name
    record = tag(
        real,
        "We study the cosmological event known as the Epoch of Reionization (EoR) with neural networks.",
    )
    assert labels_of(record, "Epoch of Reionization") == set()
    assert "SOFTWARE" not in labels_of(record, "EoR")


def test_a_coined_name_in_capitals_before_a_task_noun_and_tool_is_software(real):
    # fixtures/unseen/abstracts-w arXiv:2407.19461 (both golds)
    record = tag(
        real,
        "The U-Net model was trained on a dataset with manually labelled full-field images prepared using the "
        "LABKIT annotation tool, ensuring high-quality and precise annotations.",
    )
    assert labels_of(record, "LABKIT") == {"SOFTWARE"}


def test_a_short_form_or_a_task_done_before_a_tool_noun_is_no_name(real):
    # near misses: a defined short form of no entity, and a task written as a verb form
    record = tag(
        real,
        "Feedback from active galactic nuclei (AGN) is modeled with the AGN feedback code of the simulation, and "
        "masses come from the SED fitting code.",
    )
    assert "SOFTWARE" not in labels_of(record, "AGN")
    assert "SOFTWARE" not in labels_of(record, "SED")



def test_a_title_word_before_tool_is_no_name(real):
    # found in a user's check of the wheel: in "A Gravitational Lens INference Tool", "Tool" is a title's word,
    # not the noun of "the LABKIT annotation tool", and "INference" is no tool's name
    record = tag(real, "We present a convolutional neural network.", title="A Gravitational Lens INference Tool for Euclid")
    assert "INference" not in {e.text for e in record.entities}
