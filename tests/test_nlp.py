"""Tests of astro_ie.nlp: the components, the tokenizer, what the ontology ruler matches, serialisation.

Entities are read from ``doc.ents`` after the whole pipeline (what users get); the
matching rules (variants, vetoes, case) are those ontologies/README.md promises.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scispacy.abbreviation import AbbreviationDetector

from astro_ie.nlp import CANDIDATES_KEY, MATCHES_KEY, build_pipeline

MINI = Path(__file__).parent / "fixtures" / "mini-ontology"


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(MINI)


def ents(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.kb_id_) for e in nlp(text).ents]


def test_components_in_order(nlp):
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "astro_ie.tokenizer.v1"
    assert nlp.pipe_names == [
        "astro_abbreviations",
        "astro_ontology_ruler",
        "astro_candidates",
        "astro_linker",
    ]
    for name in ("astro_ontology_ruler", "astro_candidates", "astro_linker"):
        assert nlp.get_pipe_config(name)["ontology_dir"] == str(MINI.resolve())


def test_abbreviation_component_is_scispacys_detector(nlp):
    assert isinstance(nlp.get_pipe("astro_abbreviations"), AbbreviationDetector)
    text = "We train a self-organising map (SOM). The SOM and SOMs are fast."
    doc = nlp(text)
    pairs = sorted((a.start_char, a.text, a._.long_form.text) for a in doc._.abbreviations)
    first, second = text.index("SOM"), text.index("The SOM") + 4
    assert pairs == [(first, "SOM", "self-organising map"), (second, "SOM", "self-organising map")]


@pytest.fixture(scope="module")
def stock_abbreviations():
    """A pipeline with the same tokenizer and scispaCy's own abbreviation_detector."""
    import scispacy.abbreviation  # noqa: F401 - registers the factory

    stock = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "astro_ie.tokenizer.v1"}}})
    stock.add_pipe("abbreviation_detector")
    return stock


_ABBREVIATION_WORDS = [
    "we",
    "use",
    "a",
    "the",
    "of",
    "and",
    "deep",
    "neural",
    "network",
    "random",
    "forest",
    "Very",
    "Large",
    "Telescope",
    "self-organizing",
    "map",
    "Dark",
    "Energy",
    "Survey",
    "(",
    ")",
    "(",
    ")",
    "(",
    ")",
    ".",
    ",",
    ";",
    "NN",
    "RF",
    "VLT",
    "DES",
    "SOM",
    "DNN",
    "CNNs",
    "k-NN",
    "data",
    "release",
    "DR3",
    "x",
]


@pytest.mark.filterwarnings("ignore:.*W036")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_ABBREVIATION_WORDS), min_size=1, max_size=40))
def test_abbreviations_are_what_scispacy_finds(nlp, stock_abbreviations, words):
    """The faster parenthesis search must give exactly scispaCy's definitions."""
    text = " ".join(words)

    def found(doc):
        return sorted((a.start, a.end, a._.long_form.start, a._.long_form.end) for a in doc._.abbreviations)

    ours = nlp.get_pipe("astro_abbreviations")(nlp.make_doc(text))
    theirs = stock_abbreviations(text)
    assert found(ours) == found(theirs)


def test_abbreviations_are_what_scispacy_finds_on_the_default_corpus(nlp, stock_abbreviations):
    """Every definition and use scispaCy finds in the real abstracts, and nothing else."""
    from astro_ie.extract import compose_text
    from astro_ie.ingest import read_abstracts

    book = Path(__file__).resolve().parent.parent / "data" / "ml4astro-2024-book-of-abstracts.txt"
    detector = nlp.get_pipe("astro_abbreviations")
    total = 0
    for abstract in read_abstracts([book]):
        text = compose_text(abstract)[0]
        ours = detector(nlp.make_doc(text))._.abbreviations
        theirs = stock_abbreviations(text)._.abbreviations
        key = sorted((a.start, a.end, a._.long_form.start, a._.long_form.end) for a in ours)
        assert key == sorted((a.start, a.end, a._.long_form.start, a._.long_form.end) for a in theirs), abstract.id
        total += len(key)
    assert total > 100


def test_sentence_starts_are_the_sentencizers(nlp):
    """The candidate rules ask where spaCy's sentencizer would start a sentence, without running it."""
    from astro_ie.candidates import sentence_initial
    from astro_ie.ingest import read_abstracts

    book = Path(__file__).resolve().parent.parent / "data" / "ml4astro-2024-book-of-abstracts.txt"
    sentencizer = nlp.create_pipe("sentencizer")
    texts = [f"{a.title}\n\n{a.abstract}" for a in read_abstracts([book])]
    texts.append('It ends. ) "Then" (a) ... !? and .\n\nNext')
    starts = 0
    for text in texts:
        doc = sentencizer(nlp.make_doc(text))
        expected = [bool(token.is_sent_start) for token in doc]
        assert [sentence_initial(doc, i) for i in range(len(doc))] == expected, text[:60]
        starts += sum(expected)
    assert starts > 500


def test_components_share_one_index(nlp):
    index = nlp.get_pipe("astro_ontology_ruler").index
    assert nlp.get_pipe("astro_candidates").index is index
    assert nlp.get_pipe("astro_linker").index is index


def test_a_build_from_the_pattern_cache_matches_what_the_first_build_did(tmp_path, monkeypatch):
    # "Mt." is a tokenizer exception with a norm of its own ("Mount"): a build
    # from the cache must keep it, not only the first one.
    onto = tmp_path / "onto"
    shutil.copytree(MINI, onto)
    with open(onto / "telescopes.yaml", "a", encoding="utf-8") as handle:
        handle.write(
            "- id: telescope:mount-wilson-observatory\n  label: Mount Wilson Observatory\n"
            "  type: TELESCOPE\n  aliases: [Mt. Wilson Observatory]\n"
        )
    monkeypatch.setenv("ASTRO_IE_CACHE", str(tmp_path / "cache"))
    text = "Plates taken at Mt. Wilson Observatory in 1920."
    first = build_pipeline(onto)
    assert list((tmp_path / "cache" / "patterns").glob("*.json"))
    second = build_pipeline(onto)  # another vocabulary: its index is built again, from the cache
    assert second.get_pipe("astro_ontology_ruler").index is not first.get_pipe("astro_ontology_ruler").index
    expected = [("Mt. Wilson Observatory", "telescope:mount-wilson-observatory")]
    assert ents(first, text) == expected
    assert ents(second, text) == expected


def test_ruler_and_candidates_leave_their_span_groups(nlp):
    doc = nlp("We use a CNN on VLT data.")
    assert {s.kb_id_ for s in doc.spans[MATCHES_KEY]} >= {
        "technique:convolutional-neural-network",
        "telescope:very-large-telescope",
    }
    assert CANDIDATES_KEY in doc.spans
    assert all(ent._.astro_source in {"ruler", "abbreviation", "candidate"} for ent in doc.ents)


def test_ruler_without_a_spans_key_leaves_tuples_and_the_same_entities(nlp):
    from astro_ie.extract import Extractor
    from astro_ie.ingest import read_abstracts
    from astro_ie.resources import default_corpus
    from astro_ie.ruler_index import match_tuples

    lean = build_pipeline(MINI, match_spans=False)
    assert lean.get_pipe_config("astro_ontology_ruler")["spans_key"] == ""
    assert Extractor(MINI).nlp.get_pipe("astro_ontology_ruler").spans_key == ""
    corpus = [a.abstract for a in read_abstracts([default_corpus()])]
    texts = ["We use a CNN on VLT data.", *corpus[:40]]
    for full, thin in zip(nlp.pipe(texts), lean.pipe(texts)):
        assert MATCHES_KEY in full.spans and MATCHES_KEY not in thin.spans
        assert match_tuples(thin) == match_tuples(full)
        assert [(e.start, e.end, e.label_, e.kb_id_, e.id_) for e in thin.ents] == [
            (e.start, e.end, e.label_, e.kb_id_, e.id_) for e in full.ents
        ]
    assert match_tuples(lean("We use a CNN."))  # the linker's input is there without the span group


@pytest.mark.parametrize(
    "text",
    ["2. Data\nWe use HMI data.\nThe SDO archive.", "a\tb \n c", "x  y\n\n(e.g. z) \u2014 w", "tab\there\xa0nbsp"],
)
def test_tokenizer_leaves_out_only_the_whitespace_exceptions_that_change_nothing(nlp, text):
    """Tokens, norms and offsets as with all of spaCy's English exceptions; the tokenizer's cache stays on after a line break."""
    from spacy.attrs import IDX, NORM, ORTH, SPACY
    from spacy.lang.en import English
    from spacy.tokenizer import Tokenizer

    tokenizer = nlp.tokenizer
    assert {"\n", " ", "\t"}.isdisjoint(tokenizer.rules) and "\xa0" in tokenizer.rules
    assert tokenizer.max_cache_size > 10_000
    stock = Tokenizer(
        nlp.vocab,
        rules=English.Defaults.tokenizer_exceptions,
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
    )
    for _ in range(2):  # the second time from the caches
        ours, theirs = tokenizer(text), stock(text)
        assert ours.to_array([ORTH, NORM, IDX, SPACY]).tolist() == theirs.to_array([ORTH, NORM, IDX, SPACY]).tolist()
        assert [t.norm_ for t in ours] == [t.norm_ for t in theirs]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("VLT/MUSE", ["VLT", "/", "MUSE"]),
        ("SDO/HMI", ["SDO", "/", "HMI"]),
        ("ResNet-50", ["ResNet", "-", "50"]),
        ("FIRE-2", ["FIRE", "-", "2"]),
        ("self-organizing", ["self", "-", "organizing"]),
        # a name whose last letter is a capital ends the sentence: the full stop is not part of it
        ("with NetworkX.", ["with", "NetworkX", "."]),
        ("with ReliefF.", ["with", "ReliefF", "."]),
        ("in the U.S.", ["in", "the", "U.S."]),
        # arXiv:2203.00298's title keeps LaTeX's short-title brackets: the names either side stay whole
        ("Based On Deep-Learning]{A Robust", ["Based", "On", "Deep", "-", "Learning", "]{", "A", "Robust"]),
        # arXiv abstracts keep LaTeX: a closing brace or a math-mode dollar before a slash or hyphen is no part of the name
        ("\\textit{HST}/ACS", ["\\textit{", "HST", "}", "/", "ACS"]),
        ("$Gaia$-based", ["$", "Gaia", "$", "-", "based"]),
        ("$k$-means", ["$k$", "-", "means"]),
    ],
)
def test_tokenizer_splits(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_tokenizer_installs_the_folding_norm(nlp):
    doc = nlp.make_doc("Catalogues of neighbouring galaxies and CNNs")
    assert [t.norm_ for t in doc] == ["catalog", "of", "neighboring", "galaxy", "and", "cnn"]


def test_instrument_pair_with_slash_gives_two_entities(nlp):
    assert ents(nlp, "VLT/MUSE spectra") == [
        ("VLT", "telescope:very-large-telescope"),
        ("MUSE", "telescope:multi-unit-spectroscopic-explorer"),
    ]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("k-NN", "technique:k-nearest-neighbors"),
        ("t-SNE", "technique:t-distributed-stochastic-neighbor-embedding"),
        ("GaSNet-II", "software:gasnet-ii"),
        ("ForSE+", "software:forse+"),
    ],
)
def test_names_with_hyphens_and_plus_are_one_entity(nlp, text, concept):
    assert ents(nlp, f"We compare {text} with other methods.") == [(text, concept)]


def test_prefix_of_a_longer_name_is_its_own_concept(nlp):
    assert ents(nlp, "GaSNet and ForSE differ from GaSNet-II and ForSE+.") == [
        ("GaSNet", "software:gasnet"),
        ("ForSE", "software:forse"),
        ("GaSNet-II", "software:gasnet-ii"),
        ("ForSE+", "software:forse+"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "self-organizing map",
        "self organizing map",
        "Self-Organising Maps",
        "self-organising maps",
        "selforganizing map",
        "Kohonen maps",
        "SOM",
        "SOMs",
    ],
)
def test_spelling_plural_and_hyphen_variants_match(nlp, text):
    assert ents(nlp, f"We train {text} on images.") == [(text, "technique:self-organizing-map")]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("machine-learning", "technique:machine-learning"),
        ("Machine Learning", "technique:machine-learning"),
        ("convolutional neural networks", "technique:convolutional-neural-network"),
        ("CNNs", "technique:convolutional-neural-network"),
        ("ConvNets", "technique:convolutional-neural-network"),
        ("k-nearest neighbours", "technique:k-nearest-neighbors"),
        ("k nearest neighbors", "technique:k-nearest-neighbors"),
        ("kNN", "technique:k-nearest-neighbors"),
        ("Very Large Telescope", "telescope:very-large-telescope"),
    ],
)
def test_more_variants_match(nlp, text, concept):
    assert ents(nlp, f"We use {text} here.") == [(text, concept)]


@pytest.mark.parametrize("text", ["cnn", "som", "lsst", "vlt", "hst", "muse", "knn"])
def test_case_sensitive_acronyms_do_not_match_in_lower_case(nlp, text):
    assert ents(nlp, f"We use {text} here.") == []


def test_case_sensitive_alias_does_not_match_in_lower_case(nlp):
    assert ents(nlp, "A swift analysis of Swift data.") == [("Swift", "telescope:neil-gehrels-swift-observatory")]


def test_all_capitals_variant_of_a_case_sensitive_name_matches(nlp):
    assert ents(nlp, "Distances from GAIA and Gaia.") == [("GAIA", "telescope:gaia"), ("Gaia", "telescope:gaia")]
    assert ents(nlp, "Images from HUBBLE.") == [("HUBBLE", "telescope:hubble-space-telescope")]


def test_not_before_vetoes_a_match(nlp):
    assert ents(nlp, "The Hubble constant and the Hubble tension.") == []
    assert ents(nlp, "Hubble images.") == [("Hubble", "telescope:hubble-space-telescope")]
    # the veto word is compared by norm: the plural vetoes too
    assert ents(nlp, "Two Hubble parameters.") == []


def test_not_after_vetoes_a_match(nlp):
    assert ents(nlp, "We pay attention here.") == []
    assert ents(nlp, "With special attention here.") == []
    assert ents(nlp, "Self attention layers.") == [("attention", "technique:attention-mechanism")]


def test_veto_applies_to_its_own_form_only(nlp):
    # "attention" is vetoed before "to"; the label "attention mechanism" has no veto.
    assert ents(nlp, "Attention to detail.") == []
    assert ents(nlp, "An attention mechanism to weigh inputs.") == [
        ("attention mechanism", "technique:attention-mechanism")
    ]


def test_to_disk_copies_the_ontology_and_round_trips(nlp, tmp_path):
    text = (
        "Maps of the sky\n\nWe train a random forest (RF), self-organising maps and a "
        "domain-adversarial neural network (DANN) on GAIA and VLT/MUSE data; the RF and the DANNs win."
    )
    before = [(e.start_char, e.end_char, e.label_, e.kb_id_, e._.astro_source) for e in nlp(text).ents]
    assert len(before) >= 8
    nlp.to_disk(tmp_path / "model")
    for name in ("astro_ontology_ruler", "astro_candidates", "astro_linker"):
        copied = sorted(p.name for p in (tmp_path / "model" / name).glob("*.yaml"))
        assert copied == sorted(p.name for p in MINI.glob("*.yaml"))
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == nlp.pipe_names
    after = [(e.start_char, e.end_char, e.label_, e.kb_id_, e._.astro_source) for e in loaded(text).ents]
    assert after == before


def test_saved_pipeline_loads_without_the_original_ontology(tmp_path):
    onto = tmp_path / "onto"
    shutil.copytree(MINI, onto)
    build_pipeline(onto).to_disk(tmp_path / "model")
    shutil.rmtree(onto)
    loaded = spacy.load(tmp_path / "model")
    assert [e.text for e in loaded("A CNN.").ents] == ["CNN"]


def test_parenthesised_acronym_before_based_is_its_own_token(nlp):
    doc = nlp.make_doc("Artificial Intelligence (AI)-based tools")
    assert [t.text for t in doc] == ["Artificial", "Intelligence", "(", "AI", ")", "-", "based", "tools"]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # abstracts-ac arXiv:2603.24323: "supervised Machine Learning(ML) methods" (both golds: the long form and "ML")
        ("Machine Learning(ML) methods", ["Machine", "Learning", "(", "ML", ")", "methods"]),
        ("a Convolutional Neural Network(CNN).", ["a", "Convolutional", "Neural", "Network", "(", "CNN", ")", "."]),
        # a symbol's argument and a year are not short forms
        ("f(x) and TESS(2019)", ["f(x", ")", "and", "TESS(2019", ")"]),
    ],
)
def test_short_form_glued_to_its_long_form_is_split(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens
