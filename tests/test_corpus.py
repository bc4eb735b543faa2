"""Tests of astro_ie.corpus: the tagged corpus and the tables written from it.

Two inputs: a handful of hand-made records whose counts are known, and the records the
extractor makes from a few abstracts (the real shape of the data). Every table is read
back with pandas and compared with the records it came from.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

from astro_ie.corpus import MENTION_COLUMNS, context_of, read_corpus, record_line, write_corpus
from astro_ie.errors import InputError
from astro_ie.extract import Extractor
from astro_ie.models import LABELS, Abstract, Entity, TaggedRecord
from astro_ie.ontology import load_ontology

pytestmark = pytest.mark.filterwarnings("ignore:.*W036")

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini-ontology"
SCHEMA = ROOT / "schemas" / "corpus-record.schema.json"
FILES = (
    "corpus.jsonl",
    "mentions.parquet",
    "edges-evidence.parquet",
    "concepts.csv",
    "candidates.csv",
    "corpus-index.parquet",
    "digest-state.json.gz",
)
BOTH = ("csv", "parquet")


@pytest.fixture(scope="module")
def ontology():
    return load_ontology(MINI)


def entity(
    text: str,
    surface: str,
    label: str,
    concept_id: str,
    concept_label: str,
    source: str = "ruler",
    generic: bool = False,
    nth: int = 0,
) -> Entity:
    """The entity for the nth occurrence of ``surface`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Entity(
        start=start,
        end=start + len(surface),
        text=surface,
        label=label,
        concept_id=concept_id,
        concept_label=concept_label,
        source=source,
        generic=generic,
    )


def record(rid: str, title: str, abstract: str, *spec) -> TaggedRecord:
    text = f"{title}\n\n{abstract}"
    return TaggedRecord(
        id=rid, title=title, text=text, abstract_start=len(title) + 2, entities=[entity(text, *s) for s in spec]
    )


CNN = ("TECHNIQUE", "technique:convolutional-neural-network", "convolutional neural network")
ML = ("TECHNIQUE", "technique:machine-learning", "machine learning", "ruler", True)
GAIA = ("TELESCOPE", "telescope:gaia", "Gaia")
DANN = ("TECHNIQUE", "candidate:domain-adversarial-neural-network", "domain-adversarial neural network")


@pytest.fixture
def hand_records() -> list[dict]:
    records = [
        record(
            "r1",
            "CNNs for Gaia",
            "A CNN and machine learning on Gaia data; the CNN wins.",
            ("CNNs", *CNN),
            ("Gaia", *GAIA),
            ("CNN", *CNN),
            ("machine learning", *ML),
            ("Gaia", *GAIA, "ruler", False, 1),
            ("CNN", *CNN, "ruler", False, 1),
        ),
        record(
            "r2",
            "Domain adaptation",
            "A domain-adversarial neural network (DANN) on Gaia; the DANN adapts.",
            ("domain-adversarial neural network", *DANN, "candidate"),
            ("DANN", *DANN, "abbreviation"),
            ("Gaia", *GAIA),
            ("DANN", *DANN, "abbreviation", False, 1),
        ),
        record("r3", "Nothing", "No entity here, but unicode: café – naïve ✓."),
        record("r4", "DANN again", "We reuse the DANN “model”.", ("DANN", *DANN, "abbreviation")),
    ]
    for rec in records:  # the hand-made offsets are right
        for ent in rec.entities:
            assert rec.text[ent.start : ent.end] == ent.text
    return [json.loads(rec.to_json_line()) for rec in records]


@pytest.fixture(scope="module")
def extracted_records() -> list[dict]:
    extractor = Extractor(MINI)
    abstracts = [
        Abstract(
            id="a1",
            title="LEMON: Lens modelling with neural networks",
            abstract="LEMON fits lenses with a convolutional neural network (CNN) on HST images; the CNN is fast.",
        ),
        Abstract(
            id="a2",
            title="Stars",
            session="Session 1",
            number=2,
            speakers=[{"name": "A. B.", "affiliation": "X"}],
            abstract="We use Gaia DR3 and HalfDome simulations and a domain-adversarial neural network (DANN).",
            metadata={"doi": "10.1/abc"},
        ),
        Abstract(id="a3", title="", abstract="Nothing to see here."),
        Abstract(id="a4", title="Rubin", abstract="The Rubin Deep Drilling Survey and VLT/MUSE; a tool called XYZNet."),
    ]
    return [json.loads(rec.to_json_line()) for rec in extractor.tag(abstracts)]


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def expected_mentions(records: list[dict]) -> pd.DataFrame:
    rows = [[r["id"]] + [e[c] for c in MENTION_COLUMNS[1:]] for r in records for e in r["entities"]]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


# --- corpus.jsonl ---------------------------------------------------------------------


@pytest.mark.parametrize("source", ["hand_records", "extracted_records"])
def test_corpus_lines_validate_against_the_published_schema(tmp_path, ontology, source, request):
    records = request.getfixturevalue(source)
    write_corpus(records, tmp_path, ontology)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    lines = (tmp_path / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(records)
    for line, rec in zip(lines, records):
        parsed = json.loads(line)
        jsonschema.validate(parsed, schema)
        assert parsed == rec
        for ent in parsed["entities"]:
            assert parsed["text"][ent["start"] : ent["end"]] == ent["text"]


def test_schema_rejects_a_bad_record(hand_records):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    bad = dict(hand_records[0], entities=[dict(hand_records[0]["entities"][0], label="GALAXY")])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(dict(hand_records[0], surprise=1), schema)


def test_corpus_lines_are_the_record_lines(tmp_path, ontology, hand_records):
    write_corpus(hand_records, tmp_path, ontology)
    text = (tmp_path / "corpus.jsonl").read_text(encoding="utf-8")
    assert text == "".join(record_line(r) + "\n" for r in hand_records)
    assert "café – naïve ✓" in text  # UTF-8 kept, not escaped
    assert list(read_corpus(tmp_path / "corpus.jsonl")) == hand_records


def test_record_line_is_the_same_for_a_model_and_its_parsed_line(hand_records):
    model = TaggedRecord.model_validate(hand_records[0])
    assert record_line(model) == record_line(hand_records[0])


def test_read_corpus_reports_a_bad_line(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"id": "x"}\n\n{"id": \n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_corpus(path))
    assert (info.value.code, info.value.line) == ("E007", 3)


# --- mentions ----------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["hand_records", "extracted_records"])
def test_mentions_csv_and_parquet_hold_the_same_rows(tmp_path, ontology, source, request):
    records = request.getfixturevalue(source)
    write_corpus(records, tmp_path, ontology, tables=BOTH)
    expected = expected_mentions(records)
    from_csv = pd.read_csv(tmp_path / "mentions.csv", keep_default_na=False)
    from_parquet = pd.read_parquet(tmp_path / "mentions.parquet")
    assert list(from_csv.columns) == list(from_parquet.columns) == MENTION_COLUMNS
    assert len(from_parquet) == len(expected) > 0
    for frame in (from_csv, from_parquet):
        for column in MENTION_COLUMNS:
            assert [*frame[column]] == [*expected[column]], column
    assert str(from_parquet["start"].dtype) == "int64"
    assert str(from_parquet["generic"].dtype) == "bool"


def test_parquet_row_groups_do_not_change_the_rows(tmp_path, ontology, hand_records):
    write_corpus(hand_records, tmp_path / "one", ontology)
    write_corpus(hand_records, tmp_path / "many", ontology, parquet_batch=1)
    one = pd.read_parquet(tmp_path / "one" / "mentions.parquet")
    many = pd.read_parquet(tmp_path / "many" / "mentions.parquet")
    pd.testing.assert_frame_equal(one, many)


def test_empty_corpus_writes_headers_only(tmp_path, ontology):
    summary = write_corpus([], tmp_path, ontology, tables=BOTH)
    assert summary.abstracts == summary.mentions == 0
    assert (tmp_path / "corpus.jsonl").read_text(encoding="utf-8") == ""
    assert len(pd.read_parquet(tmp_path / "mentions.parquet")) == 0
    assert read_csv(tmp_path / "mentions.csv") == []
    assert read_csv(tmp_path / "concepts.csv") == []
    assert read_csv(tmp_path / "candidates.csv") == []


# --- concepts and candidates ------------------------------------------------------------------


def test_concepts_csv_counts(tmp_path, ontology, hand_records):
    summary = write_corpus(hand_records, tmp_path, ontology)
    rows = {row["concept_id"]: row for row in read_csv(tmp_path / "concepts.csv")}
    assert list(rows) == sorted(rows)
    assert set(rows) == {
        "technique:convolutional-neural-network",
        "technique:machine-learning",
        "telescope:gaia",
        "candidate:domain-adversarial-neural-network",
    }
    cnn = rows["technique:convolutional-neural-network"]
    assert (cnn["n_abstracts"], cnn["n_mentions"], cnn["forms"]) == ("1", "3", "CNN;CNNs")
    assert (cnn["label"], cnn["type"], cnn["kind"], cnn["broader"]) == (
        "convolutional neural network",
        "TECHNIQUE",
        "architecture",
        "technique:neural-network",
    )
    gaia = rows["telescope:gaia"]
    assert (gaia["n_abstracts"], gaia["n_mentions"], gaia["wikidata"]) == ("2", "3", "Q767805")
    assert rows["technique:machine-learning"]["generic"] == "True"
    dann = rows["candidate:domain-adversarial-neural-network"]
    assert (dann["kind"], dann["n_abstracts"], dann["n_mentions"]) == ("candidate", "2", "4")
    assert dann["forms"] == "DANN;domain-adversarial neural network"

    assert summary.abstracts == 4
    assert summary.mentions == 11
    assert summary.per_label == {"TECHNIQUE": 8, "TELESCOPE": 3, "SURVEY": 0, "DATASET": 0, "SOFTWARE": 0}
    assert (summary.concepts, summary.candidates) == (3, 1)
    assert summary.top_concepts["TELESCOPE"] == [("telescope:gaia", "Gaia", 2)]
    assert summary.top_concepts["TECHNIQUE"][0] == (
        "candidate:domain-adversarial-neural-network",
        "domain-adversarial neural network",
        2,
    )
    assert summary.to_dict()["mentions_per_label"] == summary.per_label


def test_candidates_csv_lists_candidates_with_contexts(tmp_path, ontology, hand_records):
    write_corpus(hand_records, tmp_path, ontology)
    [row] = read_csv(tmp_path / "candidates.csv")
    assert row["candidate_id"] == "candidate:domain-adversarial-neural-network"
    assert (row["type"], row["n_abstracts"], row["n_mentions"]) == ("TECHNIQUE", "2", "4")
    contexts = row["contexts"].split(" | ")
    assert len(contexts) == 3  # at most three
    assert contexts[0].startswith("r2: ")
    assert "[domain-adversarial neural network]" in contexts[0]
    assert all("[DANN]" in c for c in contexts[1:])
    assert all("\n" not in c for c in contexts)


def test_candidates_show_the_known_concept_their_name_is_composed_on(tmp_path, ontology, hand_records):
    write_corpus(hand_records, tmp_path, ontology)
    [row] = read_csv(tmp_path / "candidates.csv")
    assert row["broader"] == "technique:neural-network"  # "domain-adversarial [neural network]"
    concepts = {r["concept_id"]: r for r in read_csv(tmp_path / "concepts.csv")}
    assert concepts["candidate:domain-adversarial-neural-network"]["broader"] == "technique:neural-network"


def test_candidates_of_the_extractor_are_listed(tmp_path, ontology, extracted_records):
    write_corpus(extracted_records, tmp_path, ontology)
    candidate_ids = {
        e["concept_id"] for r in extracted_records for e in r["entities"] if e["concept_id"].startswith("candidate:")
    }
    assert {"candidate:lemon", "candidate:rubin-deep-drilling-survey", "candidate:xyznet"} <= candidate_ids
    rows = read_csv(tmp_path / "candidates.csv")
    assert {row["candidate_id"] for row in rows} == candidate_ids
    for row in rows:
        assert row["contexts"] and "[" in row["contexts"]
    concept_rows = read_csv(tmp_path / "concepts.csv")
    assert {r["concept_id"] for r in concept_rows} == {
        e["concept_id"] for r in extracted_records for e in r["entities"]
    }
    assert sum(int(r["n_mentions"]) for r in concept_rows) == sum(len(r["entities"]) for r in extracted_records)


def test_context_marks_the_mention_and_folds_white_space():
    text = "A  very\nlong " * 10 + "TARGET" + " tail\tend" * 10
    start = text.index("TARGET")
    context = context_of(text, start, start + 6, width=20)
    assert "[TARGET]" in context
    assert context.startswith("…") and context.endswith("…")
    assert "\n" not in context and "\t" not in context and "  " not in context
    assert context_of("just TARGET", 5, 11) == "just [TARGET]"


# --- determinism -------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["hand_records", "extracted_records"])
def test_same_input_gives_byte_identical_files(tmp_path, ontology, source, request):
    records = request.getfixturevalue(source)
    write_corpus(records, tmp_path / "first", ontology)
    write_corpus(list(records), tmp_path / "second", ontology)
    for name in FILES:
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes(), name


def test_writing_leaves_no_temporary_files(tmp_path, ontology, hand_records):
    write_corpus(hand_records, tmp_path, ontology)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)


def test_labels_of_the_summary_cover_every_label(tmp_path, ontology, extracted_records):
    summary = write_corpus(extracted_records, tmp_path, ontology)
    assert list(summary.per_label) == list(LABELS)
    assert sum(summary.per_label.values()) == summary.mentions


# --- lean outputs ------------------------------------------------------------------------------


def test_mentions_csv_only_on_request(tmp_path, ontology, hand_records):
    write_corpus(hand_records, tmp_path / "lean", ontology)
    assert not (tmp_path / "lean" / "mentions.csv").exists()
    write_corpus(hand_records, tmp_path / "csv", ontology, tables=("csv",))
    assert (tmp_path / "csv" / "mentions.csv").exists() and not (tmp_path / "csv" / "mentions.parquet").exists()


@pytest.mark.parametrize("compress", ["gzip", "auto"])
def test_large_corpus_is_gzipped_and_reads_back(tmp_path, ontology, hand_records, compress, monkeypatch):
    import gzip

    from astro_ie import corpus as corpus_module

    monkeypatch.setattr(corpus_module, "AUTO_GZIP_BYTES", 100)  # the hand records are larger
    summary = write_corpus(hand_records, tmp_path, ontology, compress=compress)
    path = tmp_path / "corpus.jsonl.gz"
    assert summary.corpus_file == "corpus.jsonl.gz" and corpus_module.corpus_path(tmp_path) == path
    assert not (tmp_path / "corpus.jsonl").exists()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        assert [json.loads(line) for line in handle] == hand_records
    assert list(read_corpus(path)) == hand_records
    assert pd.read_json(path, lines=True)["id"].tolist() == ["r1", "r2", "r3", "r4"]
    first = path.read_bytes()
    write_corpus(hand_records, tmp_path, ontology, compress=compress)
    assert path.read_bytes() == first  # no timestamp, no name in the gzip header


def test_small_corpus_stays_plain_with_auto(tmp_path, ontology, hand_records):
    summary = write_corpus(hand_records, tmp_path, ontology, compress="auto")
    assert summary.corpus_file == "corpus.jsonl"
    assert list(read_corpus(tmp_path / "corpus.jsonl")) == hand_records
    write_corpus(hand_records, tmp_path / "none", ontology, compress="none")
    assert (tmp_path / "none" / "corpus.jsonl").read_bytes() == (tmp_path / "corpus.jsonl").read_bytes()


def test_evidence_table_lists_every_abstract_of_every_edge(tmp_path, ontology, hand_records):
    write_corpus(hand_records, tmp_path, ontology)
    evidence = pd.read_parquet(tmp_path / "edges-evidence.parquet")
    full = evidence[evidence.view == "full"]
    pairs = {(r.source, r.target, r.abstract_id) for r in full.itertuples()}
    assert pairs == {
        ("technique:convolutional-neural-network", "telescope:gaia", "r1"),
        ("candidate:domain-adversarial-neural-network", "telescope:gaia", "r2"),
    }


# --- trends ------------------------------------------------------------------------------------


def test_trends_when_records_have_dates(tmp_path, ontology, hand_records):
    write_corpus(hand_records, tmp_path / "undated", ontology)
    assert not (tmp_path / "undated" / "trends.csv").exists()
    dates = {"r1": "2020-05-01", "r2": "2021-01-01", "r3": "2021-02-01"}  # r4 undated
    dated = [{**r, "date": dates.get(r["id"])} for r in hand_records]
    summary = write_corpus(dated, tmp_path, ontology)
    assert summary.undated == 1 and summary.to_dict()["undated"] == 1
    trends = pd.read_csv(tmp_path / "trends.csv")
    assert list(trends.columns) == ["concept_id", "label", "type", "year", "abstracts", "share"]
    gaia = trends[trends.concept_id == "telescope:gaia"].set_index("year")
    assert gaia.abstracts.to_dict() == {2020: 1, 2021: 1}
    assert gaia.share.to_dict() == {2020: 1.0, 2021: 0.5}  # 2021 has two dated abstracts
    pairs = pd.read_csv(tmp_path / "pair-trends.csv")
    assert list(pairs.columns) == ["source", "target", "source_label", "target_label", "year", "abstracts", "share"]
    assert set(zip(pairs.source, pairs.target, pairs.year)) == {
        ("technique:convolutional-neural-network", "telescope:gaia", 2020),
        ("candidate:domain-adversarial-neural-network", "telescope:gaia", 2021),
    }
    assert pairs.share.tolist() == [0.5, 1.0]
