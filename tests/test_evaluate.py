"""Tests of astro_ie.evaluate: every expected number below is computed by hand from SCORING.md.

``fixtures/eval/gold.jsonl`` and ``fixtures/eval/pred.jsonl`` are a small scenario
covering each rule at once (the prediction file is real ``TaggedRecord`` lines);
the other tests build plain data inline, one rule each.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from astro_ie.errors import EvaluationError
from astro_ie.evaluate import (
    MICRO_LABELS,
    Counts,
    GoldEntity,
    PredictedMention,
    b_cubed,
    fold,
    load_gold,
    load_predictions,
    score,
)
from astro_ie.models import LABELS, TaggedRecord

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = FIXTURES / "eval" / "gold.jsonl"
PRED = FIXTURES / "eval" / "pred.jsonl"
SEED_DEV = FIXTURES / "seed-dev.jsonl"


def gold_entity(text, type_="TECHNIQUE", canonical=None, alt=(), borderline=False, generic=False):
    return GoldEntity(text, type_, canonical or fold(text), tuple(alt), generic, borderline)


def mention(text, label="TECHNIQUE", concept_id=None):
    return PredictedMention(text, label, concept_id if concept_id is not None else "c:" + fold(text))


def counts(evaluation, label):
    c = evaluation.labels[label]
    return c.tp, c.fp, c.fn


def write_lines(path: Path, lines) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


# --- the fixture scenario ---------------------------------------------------
#
# r1: CNN spelt over a line break and in two cases, "CNN" twice (ids tie: the
#     smallest wins), generic "machine learning", Euclid predicted with its alt
#     type SURVEY, LSST with a wrong label (FP TELESCOPE + FN SURVEY), a random
#     forest not in the gold (FP), borderline Galaxy Zoo predicted (ignored).
# r2: not in the prediction: Gaia DR3 and Gaia are FNs, borderline SDSS is not.
# r3: ZTF listed as SURVEY and TELESCOPE, predicted as TELESCOPE (TP); ALeRCE TP
#     and Fink FP for SOFTWARE; U-Net linked to the CNN id (a merge).
# r4: ZTF listed twice, not predicted: one FN, for its first type SURVEY; CNNs
#     linked to another CNN id (a split); random forest FP again.
# extra: not in the gold, ignored.


@pytest.fixture(scope="module")
def fixture_eval():
    return score(load_gold(GOLD), load_predictions(PRED))


def test_fixture_per_label_counts(fixture_eval):
    assert counts(fixture_eval, "TECHNIQUE") == (5, 2, 0)
    assert counts(fixture_eval, "TELESCOPE") == (1, 1, 1)
    assert counts(fixture_eval, "SURVEY") == (1, 0, 2)
    assert counts(fixture_eval, "DATASET") == (0, 0, 1)
    assert counts(fixture_eval, "SOFTWARE") == (1, 1, 0)


def test_fixture_ratios(fixture_eval):
    tech = fixture_eval.labels["TECHNIQUE"]
    assert (tech.precision, tech.recall, tech.f1) == pytest.approx((5 / 7, 1.0, 5 / 6))
    survey = fixture_eval.labels["SURVEY"]
    assert (survey.precision, survey.recall, survey.f1) == pytest.approx((1.0, 1 / 3, 0.5))
    dataset = fixture_eval.labels["DATASET"]
    assert (dataset.precision, dataset.recall, dataset.f1) == (0.0, 0.0, 0.0)


def test_fixture_micro_excludes_software(fixture_eval):
    micro = fixture_eval.micro
    assert (micro.tp, micro.fp, micro.fn) == (7, 3, 4)
    assert (micro.precision, micro.recall, micro.f1) == pytest.approx((0.7, 7 / 11, 2 / 3))


def test_fixture_linking(fixture_eval):
    # Items: r1 cnn-form, cnn, ml, euclid; r3 alerce, ztf, u-net; r4 cnns.
    # Predicted technique:cnn = {cnn-form, cnn, u-net}; gold cnn canonical = {cnn-form, cnn, cnns}.
    # P = (2/3 + 2/3 + 1 + 1 + 1 + 1 + 1/3 + 1) / 8 = 5/6; R likewise = 5/6.
    link = fixture_eval.linking
    assert link.items == 8
    assert (link.precision, link.recall, link.f1) == pytest.approx((5 / 6, 5 / 6, 5 / 6))
    assert (link.predicted_clusters, link.gold_clusters) == (6, 6)


def test_fixture_top_errors(fixture_eval):
    fps = [(e.form, e.label, e.count, e.examples) for e in fixture_eval.false_positives]
    assert fps == [
        ("random forest", "TECHNIQUE", 2, ("r1", "r4")),
        ("fink", "SOFTWARE", 1, ("r3",)),
        ("lsst", "TELESCOPE", 1, ("r1",)),
    ]
    fns = [(e.form, e.label, e.count, e.examples) for e in fixture_eval.false_negatives]
    assert fns == [
        ("gaia", "TELESCOPE", 1, ("r2",)),
        ("gaia dr3", "DATASET", 1, ("r2",)),
        ("lsst", "SURVEY", 1, ("r1",)),
        ("ztf", "SURVEY", 1, ("r4",)),
    ]


def test_fixture_records(fixture_eval):
    assert fixture_eval.records.to_dict() == {"gold": 4, "predicted": 4, "scored": 3, "missing": 1, "unmatched": 1}


def test_top_limits_the_lists():
    evaluation = score(load_gold(GOLD), load_predictions(PRED), top=1)
    assert [e.form for e in evaluation.false_positives] == ["random forest"]
    assert [e.form for e in evaluation.false_negatives] == ["gaia"]
    assert len(score(load_gold(GOLD), load_predictions(PRED), top=None).false_negatives) == 4
    assert score(load_gold(GOLD), load_predictions(PRED), top=0).false_positives == ()


@pytest.mark.parametrize("top", [-1, 1.5, True])
def test_bad_top_raises(top):
    with pytest.raises(EvaluationError) as info:
        score({}, {}, top=top)
    assert info.value.code == "E204"


def test_to_dict_is_json_and_keys_are_stable(fixture_eval):
    full = fixture_eval.to_dict()
    empty = score({}, {}).to_dict()
    assert json.loads(json.dumps(full)) == full

    def shape(d):
        return {k: shape(v) for k, v in d.items()} if isinstance(d, dict) else None

    assert shape(full) == shape(empty)
    assert list(full) == ["labels", "micro", "linking", "records", "false_positives", "false_negatives"]
    assert list(full["labels"]) == list(LABELS)
    assert full["micro"]["labels"] == list(MICRO_LABELS)
    assert full["false_positives"][0] == {
        "form": "random forest",
        "label": "TECHNIQUE",
        "count": 2,
        "examples": ["r1", "r4"],
    }


def test_to_table(fixture_eval):
    table = fixture_eval.to_table()
    lines = table.splitlines()
    assert lines[0].split() == ["TP", "FP", "FN", "precision", "recall", "F1"]
    assert lines[1].split() == ["TECHNIQUE", "5", "2", "0", "0.714", "1.000", "0.833"]
    assert any(line.split()[:4] == ["micro", "7", "3", "4"] for line in lines)
    assert "B-cubed over 8 true positives" in table
    assert "random forest" in table and "r1, r4" in table
    assert "top false positives: none" in score({}, {}).to_table()


# --- one rule at a time -----------------------------------------------------


def test_alt_types_accepted():
    gold = {"a": [gold_entity("Euclid", "TELESCOPE", alt=["SURVEY"])]}
    evaluation = score(gold, {"a": [mention("Euclid", "SURVEY")]})
    assert counts(evaluation, "SURVEY") == (1, 0, 0)  # the TP counts for the predicted label
    assert counts(evaluation, "TELESCOPE") == (0, 0, 0)
    wrong = score(gold, {"a": [mention("Euclid", "DATASET")]})
    assert counts(wrong, "DATASET") == (0, 1, 0)
    assert counts(wrong, "TELESCOPE") == (0, 0, 1)


def test_borderline_is_neither_fp_nor_fn():
    gold = {"a": [gold_entity("Galaxy Zoo", "DATASET", borderline=True), gold_entity("CNN")]}
    predicted = score(
        gold, {"a": [mention("galaxy zoo", "DATASET"), mention("Galaxy Zoo", "SOFTWARE"), mention("CNN")]}
    )
    missed = score(gold, {"a": [mention("CNN")]})
    for evaluation in (predicted, missed):
        assert all(counts(evaluation, label) == (0, 0, 0) for label in LABELS if label != "TECHNIQUE")
        assert counts(evaluation, "TECHNIQUE") == (1, 0, 0)
        assert evaluation.linking.items == 1


def test_form_both_borderline_and_gold():
    # Scored as a gold form; a label it does not accept is ignored, not an FP.
    gold = {"a": [gold_entity("Gaia", "TELESCOPE"), gold_entity("Gaia", "DATASET", borderline=True)]}
    evaluation = score(gold, {"a": [mention("Gaia", "DATASET")]})
    assert counts(evaluation, "DATASET") == (0, 0, 0)
    assert counts(evaluation, "TELESCOPE") == (0, 0, 1)


def test_generic_counts_like_others():
    gold = {"a": [gold_entity("machine learning", generic=True), gold_entity("deep learning", generic=True)]}
    evaluation = score(gold, {"a": [mention("machine learning")]})
    assert counts(evaluation, "TECHNIQUE") == (1, 0, 1)


def test_missing_record_predicts_nothing_and_extra_record_is_ignored():
    gold = {"a": [gold_entity("CNN")], "b": [gold_entity("U-Net"), gold_entity("LSST", "SURVEY")]}
    evaluation = score(gold, {"a": [mention("CNN")], "zzz": [mention("random forest")]})
    assert counts(evaluation, "TECHNIQUE") == (1, 0, 1)
    assert counts(evaluation, "SURVEY") == (0, 0, 1)
    assert evaluation.records.to_dict() == {"gold": 2, "predicted": 2, "scored": 1, "missing": 1, "unmatched": 1}


def test_empty_gold_record_makes_predictions_fps():
    evaluation = score({"a": []}, {"a": [mention("CNN")]})
    assert counts(evaluation, "TECHNIQUE") == (0, 1, 0)


def test_whitespace_and_case_folding():
    assert fold("  Convolutional \t Neural\n\nNetwork ") == "convolutional neural network"
    gold = {"a": [gold_entity("Convolutional Neural Network"), gold_entity("HSC  SSP", "SURVEY")]}
    evaluation = score(gold, {"a": [mention("convolutional\nneural  network"), mention(" hsc ssp", "SURVEY")]})
    assert evaluation.micro.to_dict()["f1"] == 1.0


def test_duplicated_mentions_counted_once():
    gold = {"a": [gold_entity("CNN"), gold_entity("cnn")]}  # one form, listed twice
    evaluation = score(gold, {"a": [mention("CNN"), mention("CNN"), mention("cnn"), mention("RF"), mention("rf")]})
    assert counts(evaluation, "TECHNIQUE") == (1, 1, 0)
    assert [(e.form, e.count) for e in evaluation.false_positives] == [("rf", 1)]


def test_form_listed_with_two_types_is_one_form():
    # Accepted labels are the union; a miss is one FN, for the first listing's type.
    gold = {"a": [gold_entity("ZTF", "SURVEY"), gold_entity("ZTF", "TELESCOPE")]}
    assert counts(score(gold, {"a": [mention("ZTF", "TELESCOPE")]}), "TELESCOPE") == (1, 0, 0)
    missed = score(gold, {"a": []})
    assert counts(missed, "SURVEY") == (0, 0, 1)
    assert counts(missed, "TELESCOPE") == (0, 0, 0)
    both = score(gold, {"a": [mention("ZTF", "TELESCOPE"), mention("ZTF", "SURVEY")]})
    assert both.micro.tp == 2 and both.micro.fn == 0


def test_software_excluded_from_micro():
    gold = {"a": [gold_entity("ALeRCE", "SOFTWARE"), gold_entity("CNN")]}
    evaluation = score(gold, {"a": [mention("CNN"), mention("Fink", "SOFTWARE")]})
    assert counts(evaluation, "SOFTWARE") == (0, 1, 1)
    assert (evaluation.micro.tp, evaluation.micro.fp, evaluation.micro.fn) == (1, 0, 0)
    assert evaluation.linking.items == 1


def test_zero_denominators_give_zero():
    c = Counts()
    assert (c.precision, c.recall, c.f1) == (0.0, 0.0, 0.0)
    link = score({}, {}).linking
    assert (link.items, link.precision, link.recall, link.f1) == (0, 0.0, 0.0, 0.0)


# --- linking ----------------------------------------------------------------


def test_b_cubed_split_and_merged_clusters():
    # Gold {1,2 | 3,4}; predicted {1,2,3 | 4}: cluster x merges, b is split.
    items = [("x", "a"), ("x", "a"), ("x", "b"), ("y", "b")]
    link = b_cubed(items)
    # P = (2/3 + 2/3 + 1/3 + 1) / 4 = 2/3; R = (1 + 1 + 1/2 + 1/2) / 4 = 3/4.
    assert (link.precision, link.recall, link.f1) == pytest.approx((2 / 3, 3 / 4, 12 / 17))


def test_b_cubed_through_score_across_records():
    # The same concept must get the same id in every abstract.
    gold = {
        "a": [gold_entity("SOM", canonical="self-organizing map"), gold_entity("k-means")],
        "b": [gold_entity("Self-Organising Map", canonical="self-organizing map")],
        "c": [gold_entity("kmeans", canonical="k-means")],
    }
    prediction = {
        "a": [mention("SOM", concept_id="x"), mention("k-means", concept_id="x")],
        "b": [mention("Self-Organising Map", concept_id="x")],
        "c": [mention("kmeans", concept_id="y")],
    }
    link = score(gold, prediction).linking
    assert link.items == 4
    assert (link.precision, link.recall) == pytest.approx((2 / 3, 3 / 4))
    perfect = {rid: [mention(e.text, concept_id=e.canonical) for e in ents] for rid, ents in gold.items()}
    assert score(gold, perfect).linking.f1 == 1.0


def test_concept_id_is_most_frequent_then_smallest():
    gold = {"a": [gold_entity("CNN", canonical="cnn")], "b": [gold_entity("CNN", canonical="cnn")]}
    tie = {"a": [mention("CNN", concept_id="m"), mention("CNN", concept_id="k")], "b": [mention("CNN", concept_id="k")]}
    assert score(gold, tie).linking.precision == 1.0  # "a" takes k (tie, smallest), like "b"
    majority = {
        "a": [mention("CNN", concept_id="m"), mention("CNN", concept_id="m"), mention("CNN", concept_id="k")],
        "b": [mention("CNN", concept_id="k")],
    }
    assert score(gold, majority).linking.recall == 0.5  # "a" takes m: the concept is split


def test_unlinked_mentions_are_singletons():
    gold = {"a": [gold_entity("CNN", canonical="cnn")], "b": [gold_entity("CNN", canonical="cnn")]}
    unlinked = {rid: [PredictedMention("CNN", "TECHNIQUE", None)] for rid in gold}
    link = score(gold, unlinked).linking
    assert (link.precision, link.recall) == (1.0, 0.5)


# --- loading ----------------------------------------------------------------


def test_load_gold_fields():
    gold = load_gold(GOLD)
    assert list(gold) == ["r1", "r2", "r3", "r4"]
    euclid = gold["r1"][3]
    assert euclid == GoldEntity("Euclid", "TELESCOPE", "euclid", ("SURVEY",), False, False)
    assert euclid.accepted_labels == {"TELESCOPE", "SURVEY"}
    assert gold["r2"][2].borderline


def test_load_predictions_cuts_the_text():
    predictions = load_predictions(PRED)
    first = predictions["r1"][0]
    assert first.text == "Convolutional  Neural\nnetwork"
    assert first.form == "convolutional neural network"
    assert (first.label, first.concept_id) == ("TECHNIQUE", "technique:cnn")


def test_prediction_without_record_text_uses_entity_text(tmp_path):
    path = write_lines(
        tmp_path / "pred.jsonl",
        [json.dumps({"id": "a", "entities": [{"text": "Random  Forest", "label": "TECHNIQUE", "concept_id": "t:rf"}]})],
    )
    assert load_predictions(path)["a"][0].form == "random forest"


def test_prediction_entity_without_text_uses_offsets(tmp_path):
    record = {
        "id": "a",
        "text": "A CNN.",
        "entities": [{"start": 2, "end": 5, "label": "TECHNIQUE", "concept_id": "t:cnn"}],
    }
    path = write_lines(tmp_path / "pred.jsonl", [json.dumps(record)])
    assert load_predictions(path)["a"][0].text == "CNN"


GOLD_OK = {"id": "a", "entities": [{"text": "CNN", "type": "TECHNIQUE", "canonical": "cnn"}]}


@pytest.mark.parametrize(
    "bad_line",
    [
        "{not json",
        "[1, 2]",
        json.dumps({"entities": []}),
        json.dumps({"id": "", "entities": []}),
        json.dumps({"id": "b"}),
        json.dumps({"id": "b", "entities": ["CNN"]}),
        json.dumps({"id": "b", "entities": [{"type": "TECHNIQUE", "canonical": "cnn"}]}),
        json.dumps({"id": "b", "entities": [{"text": "  ", "type": "TECHNIQUE", "canonical": "x"}]}),
        json.dumps({"id": "b", "entities": [{"text": "CNN", "type": "METHOD", "canonical": "cnn"}]}),
        json.dumps({"id": "b", "entities": [{"text": "CNN", "type": "TECHNIQUE"}]}),
        json.dumps(
            {"id": "b", "entities": [{"text": "CNN", "type": "TECHNIQUE", "canonical": "c", "alt_types": ["X"]}]}
        ),
        json.dumps(
            {"id": "b", "entities": [{"text": "CNN", "type": "TECHNIQUE", "canonical": "c", "borderline": "yes"}]}
        ),
        json.dumps(
            {"id": "b", "entities": [{"text": "CNN", "type": "TECHNIQUE", "canonical": "c", "borderlin": True}]}
        ),
        json.dumps(GOLD_OK),  # duplicate id
    ],
)
def test_malformed_gold_line_names_file_and_line(tmp_path, bad_line):
    path = write_lines(tmp_path / "gold.jsonl", [json.dumps(GOLD_OK), "", bad_line])
    with pytest.raises(EvaluationError) as info:
        load_gold(path)
    assert (info.value.code, info.value.path, info.value.line) == ("E202", str(path), 3)
    assert str(info.value).startswith(f"{path}:3: E202 gold file: ")


PRED_OK = {
    "id": "a",
    "text": "A CNN.",
    "entities": [{"start": 2, "end": 5, "text": "CNN", "label": "TECHNIQUE", "concept_id": "t:cnn"}],
}


def pred_line(**entity):
    return json.dumps({"id": "b", "text": "A CNN.", "entities": [entity]})


@pytest.mark.parametrize(
    "bad_line",
    [
        "{not json",
        '"a string"',
        json.dumps({"id": 3, "entities": []}),
        json.dumps({"id": "b", "entities": {}}),
        json.dumps({"id": "b", "text": 5, "entities": []}),
        pred_line(start=2, end=5, text="CNN", label="METHOD", concept_id="t:cnn"),
        pred_line(start=2, end=5, text="CNN", label="TECHNIQUE", concept_id=7),
        pred_line(start=2, text="CNN", label="TECHNIQUE", concept_id="t:cnn"),
        pred_line(start="2", end=5, text="CNN", label="TECHNIQUE", concept_id="t:cnn"),
        pred_line(start=False, end=5, text="CNN", label="TECHNIQUE", concept_id="t:cnn"),
        pred_line(label="TECHNIQUE", concept_id="t:cnn"),
        pred_line(start=1, end=2, label="TECHNIQUE", concept_id="t:cnn"),  # only white space
        json.dumps(PRED_OK),  # duplicate id
    ],
)
def test_malformed_prediction_line_names_file_and_line(tmp_path, bad_line):
    path = write_lines(tmp_path / "pred.jsonl", [json.dumps(PRED_OK), bad_line])
    with pytest.raises(EvaluationError) as info:
        load_predictions(path)
    assert (info.value.code, info.value.path, info.value.line) == ("E203", str(path), 2)
    assert str(info.value).startswith(f"{path}:2: E203 prediction file: ")


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [(1, 4, "CNN"), (2, 5, "cnn"), (2, 9, "CNN"), (-1, 5, "CNN"), (4, 2, "CNN")],
)
def test_offsets_that_do_not_match_the_text_raise(tmp_path, start, end, text):
    path = write_lines(tmp_path / "pred.jsonl", [pred_line(start=start, end=end, text=text, label="TECHNIQUE")])
    with pytest.raises(EvaluationError, match=r"pred\.jsonl:1: E203") as info:
        load_predictions(path)
    assert info.value.line == 1


def test_invalid_utf8_and_missing_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_bytes(json.dumps(GOLD_OK).encode() + b'\n{"id": "\xff"}\n')
    with pytest.raises(EvaluationError, match=r"gold\.jsonl:2: E202"):
        load_gold(path)
    with pytest.raises(EvaluationError) as info:
        load_predictions(tmp_path / "absent.jsonl")
    assert (info.value.code, info.value.line) == ("E203", None)


# --- properties -------------------------------------------------------------

# A few forms sharing canonicals (as CNN and convolutional neural network do), so
# that generated abstracts repeat forms, concepts and types.
CANONICAL = {
    "CNN": "convolutional neural network",
    "convolutional neural network": "convolutional neural network",
    "Euclid": "euclid",
    "machine learning": "machine learning",
    "Gaia DR3": "gaia dr3",
    "Legacy Survey of Space and Time": "legacy survey of space and time",
    "LSST": "legacy survey of space and time",
    "ALeRCE": "alerce",
}


@st.composite
def surface(draw, form: str) -> str:
    """The form as an annotator might have copied it: any case, any white space."""
    words = ["".join(ch.upper() if draw(st.booleans()) else ch.lower() for ch in word) for word in form.split(" ")]
    gaps = [draw(st.sampled_from([" ", "  ", "\n", " \t"])) for _ in words[1:]]
    text = words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:]))
    return draw(st.sampled_from(["", " "])) + text


@st.composite
def gold_entities(draw) -> GoldEntity:
    form = draw(st.sampled_from(sorted(CANONICAL)))
    return GoldEntity(
        text=draw(surface(form)),
        type=draw(st.sampled_from(LABELS)),
        canonical=CANONICAL[form],
        alt_types=tuple(draw(st.lists(st.sampled_from(LABELS), max_size=2, unique=True))),
        generic=draw(st.booleans()),
        borderline=draw(st.integers(0, 3)) == 0,
    )


golds = st.dictionaries(
    st.text("abcdef0123456789-", min_size=1, max_size=6), st.lists(gold_entities(), max_size=7), min_size=1, max_size=5
)


def perfect_prediction(gold):
    """Every gold entity, borderline ones too, with an id derived from its canonical."""
    return {rid: [PredictedMention(e.text, e.type, "id:" + e.canonical) for e in ents] for rid, ents in gold.items()}


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(golds)
def test_gold_scored_against_itself_is_perfect(gold):
    scored = [e for ents in gold.values() for e in ents if not e.borderline]
    assume(any(e.type in MICRO_LABELS for e in scored))
    evaluation = score(gold, perfect_prediction(gold))
    micro = evaluation.micro
    assert (micro.precision, micro.recall, micro.f1) == (1.0, 1.0, 1.0)
    for label in {e.type for e in scored}:
        c = evaluation.labels[label]
        assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0)
    assert (evaluation.linking.precision, evaluation.linking.recall, evaluation.linking.f1) == (1.0, 1.0, 1.0)
    assert evaluation.false_positives == () and evaluation.false_negatives == ()


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(golds, st.data())
def test_dropping_a_gold_entity_lowers_recall(gold, data):
    scored = [(rid, e) for rid, ents in gold.items() for e in ents if not e.borderline]
    assume(scored)
    rid, dropped = data.draw(st.sampled_from(scored))
    prediction = perfect_prediction(gold)
    # Drop every spelling of the form in that abstract: one spelling left would still find it.
    prediction[rid] = [m for m in prediction[rid] if m.form != dropped.form]
    before = score(gold, perfect_prediction(gold))
    after = score(gold, prediction)

    def overall(evaluation):
        return sum((evaluation.labels[label] for label in LABELS), Counts())

    assert overall(after).fn == overall(before).fn + 1
    assert overall(after).recall < overall(before).recall == 1.0
    assert overall(after).fp == 0
    first_type = next(e.type for e in gold[rid] if not e.borderline and e.form == dropped.form)
    assert after.labels[first_type].recall < 1.0
    if first_type in MICRO_LABELS:
        assert after.micro.recall < before.micro.recall


def test_seed_dev_as_its_own_prediction_scores_one(tmp_path):
    """The real gold, as a corpus.jsonl whose text is built from its entity texts."""
    lines = []
    for rid, entities in load_gold(SEED_DEV).items():
        text, spans = "", []
        for e in entities:
            text += "; " if text else ""
            spans.append((len(text), len(text) + len(e.text), e))
            text += e.text
        record = TaggedRecord(
            id=rid,
            title=rid,
            text=text,
            abstract_start=0,
            entities=[
                {
                    "start": start,
                    "end": end,
                    "text": e.text,
                    "label": e.type,
                    "concept_id": "concept:" + e.canonical,
                    "concept_label": e.canonical,
                    "source": "ruler",
                    "generic": e.generic,
                }
                for start, end, e in spans
            ],
        )
        lines.append(record.to_json_line())
    evaluation = score(load_gold(SEED_DEV), load_predictions(write_lines(tmp_path / "corpus.jsonl", lines)))
    assert evaluation.records.missing == 0
    for label in LABELS:
        c = evaluation.labels[label]
        assert (c.fp, c.fn) == (0, 0) and c.tp > 0
        assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0)
    assert (evaluation.micro.precision, evaluation.micro.recall, evaluation.micro.f1) == (1.0, 1.0, 1.0)
    assert (evaluation.linking.precision, evaluation.linking.recall, evaluation.linking.f1) == (1.0, 1.0, 1.0)


# --- the bootstrap interval ----------------------------------------------------------------


@pytest.fixture(scope="module")
def unseen_evaluation(real):
    """A real set tagged by the shipped pipeline: 25 arXiv abstracts and their gold."""
    from tests.test_unseen import UNSEEN, score_set

    return score_set(real, UNSEEN, "abstracts-n", top=0)[1]


def test_per_record_counts_add_up_to_the_micro_counts(unseen_evaluation):
    assert len(unseen_evaluation.per_record) == 25
    assert sum(unseen_evaluation.per_record, Counts()) == unseen_evaluation.micro


def test_interval_brackets_the_score_and_is_the_same_every_time(unseen_evaluation):
    spread = unseen_evaluation.micro_interval()
    f1 = unseen_evaluation.micro.f1
    assert 0.0 <= spread.low < f1 < spread.high <= 1.0
    assert (spread.records, spread.resamples, spread.confidence, spread.seed) == (25, 2000, 0.95, 0)
    assert unseen_evaluation.micro_interval() == spread
    assert unseen_evaluation.micro_interval(confidence=0.5).high - unseen_evaluation.micro_interval(
        confidence=0.5
    ).low < spread.high - spread.low
    assert "percentile bootstrap over 25 gold records" in spread.describe()


def test_interval_narrows_as_the_gold_grows(real):
    """The same 25 abstracts four times over (new ids) are a bigger sample of the same text."""
    from tests.test_unseen import UNSEEN, read_records

    records = read_records(UNSEEN / "abstracts-n.jsonl")
    gold = load_gold(UNSEEN / "abstracts-n.gold.jsonl")
    predicted = {
        r.id: [PredictedMention(e.text, e.label, e.concept_id) for e in r.entities] for r in real.tag(records)
    }
    once = score(gold, predicted)
    four = score(
        {f"{rid}#{k}": ents for k in range(4) for rid, ents in gold.items()},
        {f"{rid}#{k}": mentions for k in range(4) for rid, mentions in predicted.items()},
    )
    assert four.micro.f1 == once.micro.f1
    wide, narrow = once.micro_interval(), four.micro_interval()
    assert narrow.high - narrow.low < 0.7 * (wide.high - wide.low)


def test_a_perfect_prediction_has_a_one_point_interval():
    gold = {f"r{i}": [gold_entity("random forest"), gold_entity("Gaia", "TELESCOPE")] for i in range(5)}
    spread = score(gold, perfect_prediction(gold)).micro_interval()
    assert (spread.low, spread.high) == (1.0, 1.0)


@pytest.mark.parametrize("kwargs", [{"confidence": 1.0}, {"confidence": 0.0}, {"resamples": 0}, {"resamples": True}])
def test_interval_rejects_bad_parameters(unseen_evaluation, kwargs):
    with pytest.raises(EvaluationError, match="E204"):
        unseen_evaluation.micro_interval(**kwargs)


def test_interval_needs_two_records():
    gold = {"only": [gold_entity("random forest")]}
    with pytest.raises(EvaluationError, match="at least two gold records"):
        score(gold, perfect_prediction(gold)).micro_interval()
