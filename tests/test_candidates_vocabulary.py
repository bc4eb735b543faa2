"""The candidate rules' vocabulary is data (``ontologies/rules/candidates.yaml``, ``spelling.yaml``).

A user extends a rule by adding a word to a list: these tests edit the lists of
a copied ontology and check what the extractor finds on real sentences, that a
bad file is refused with one line naming the file, the line and the key, and
that the lists are part of the ontology hash (a changed vocabulary makes earlier
outputs stale).
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from astro_ie import vocabulary
from astro_ie.errors import OntologyError
from astro_ie.extract import Extractor
from astro_ie.models import Abstract
from astro_ie.normalize import normalize_word
from astro_ie.ontology import load_ontology, ontology_hash
from astro_ie.resources import default_ontology_dir
from astro_ie.vocabulary import CandidateWords, Spelling, read_candidate_words

MINI = Path(__file__).parent / "fixtures" / "mini-ontology"
SHIPPED_WORDS = default_ontology_dir() / "rules" / "candidates.yaml"
SHIPPED_SPELLING = default_ontology_dir() / "rules" / "spelling.yaml"


def ontology_with_words(tmp_path: Path, edit) -> Path:
    """A copy of the mini ontology whose ``rules/candidates.yaml`` is the shipped one after ``edit(data)``."""
    directory = tmp_path / "onto"
    shutil.copytree(MINI, directory)
    (directory / "rules").mkdir()
    data = yaml.safe_load(SHIPPED_WORDS.read_text(encoding="utf-8"))
    edit(data)
    (directory / "rules" / "candidates.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return directory


def entities(ontology: Path, abstract: str) -> dict[str, tuple[str, str]]:
    [record] = Extractor(ontology).tag_batch([Abstract(id="a", title="", abstract=abstract)])
    return {e.text: (e.label, e.concept_id) for e in record.entities}


# --- a user-edited vocabulary changes what is found ----------------------------------

RADIOMETER = "Temperatures come from the Microwave Limb Radiometer on board the spacecraft."


def test_a_new_head_word_makes_a_name_ending_in_it_a_candidate(tmp_path):
    assert "Microwave Limb Radiometer" not in entities(MINI, RADIOMETER)

    def add_radiometer(data):
        # a head word already (a defined "Microwave Radiometer (MWR)" is typed by it); a name head makes the
        # capitalised name before it a candidate without a definition
        assert "radiometer" in data["head_words"]["TELESCOPE"]
        data["name_heads"] = sorted([*data["name_heads"], "radiometer"])

    found = entities(ontology_with_words(tmp_path, add_radiometer), RADIOMETER)
    assert found["Microwave Limb Radiometer"] == ("TELESCOPE", "candidate:microwave-limb-radiometer")


DECONVOLVED = "The images were deconvolved with PyDeconv and then searched for faint sources."


def test_a_new_processing_verb_makes_the_tool_after_it_a_candidate(tmp_path):
    assert "PyDeconv" not in entities(MINI, DECONVOLVED)
    found = entities(ontology_with_words(tmp_path, lambda d: d["process_verbs"].append("deconvolved")), DECONVOLVED)
    assert found["PyDeconv"] == ("SOFTWARE", "candidate:pydeconv")


def test_a_removed_word_stops_a_rule(tmp_path):
    text = "We present a code called Gizmo3 for the reduction of radio data."
    assert entities(MINI, text)["Gizmo3"] == ("SOFTWARE", "candidate:gizmo3")
    found = entities(ontology_with_words(tmp_path, lambda d: d["name_triggers"].remove("called")), text)
    assert "Gizmo3" not in found


def test_an_ontology_without_a_candidates_file_uses_the_shipped_one(tmp_path):
    shutil.copytree(MINI, tmp_path / "onto")
    words = load_ontology(tmp_path / "onto").candidate_words
    assert words == read_candidate_words(default_ontology_dir())[0]
    assert words.head_types["survey"] == "SURVEY" and "the" in words.stop_set


# --- a bad file: one error naming the file, the line and the key ---------------------

BAD_FILES = [
    ("proces_verbs: [reduced]\n", 1, "proces_verbs", "unknown key"),
    ("name_triggers: [called]\nsoftware_nouns: [code, Package]\n", 2, "software_nouns", "'Package' is not lower-case"),
    ("tool_heads: [code, model, code]\n", 1, "tool_heads", "'code' is listed twice"),
    (
        "head_words:\n  DATASET: [catalog]\nproduct_heads: [catalogue]\n",
        3,
        "product_heads",
        "'catalogue' is not its own norm ('catalog')",
    ),
    (
        "head_words:\n  SURVEY: [survey]\nname_heads: [survey, telescope]\n",
        3,
        "name_heads",
        "'telescope' is not one of head_words",
    ),
    ("stop_words: [of, on, the]\n", 1, "stop_words", "True is not a string"),
    ("head_words:\n  TELESCOP: [telescope]\n", 2, "head_words.TELESCOP", "Input should be"),
    (
        "head_words:\n  SURVEY: [survey]\n  DATASET: [survey]\n",
        3,
        "head_words.DATASET",
        "'survey' is also a head word of SURVEY",
    ),
]


@pytest.mark.parametrize(("text", "line", "key", "detail"), BAD_FILES)
def test_a_bad_candidates_file_is_one_error_with_file_line_and_key(tmp_path, text, line, key, detail):
    shutil.copytree(MINI, tmp_path / "onto")
    (tmp_path / "onto" / "rules").mkdir()
    path = tmp_path / "onto" / "rules" / "candidates.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OntologyError) as info:
        load_ontology(tmp_path / "onto")
    [problem] = info.value.problems
    assert (problem.code, problem.path, problem.line) == ("E112", str(path), line)
    assert problem.one_line().startswith(f"{path}:{line}: E112 word list '{key}': ")
    assert detail in problem.message


def test_a_yaml_error_in_a_rules_file_names_its_line(tmp_path):
    shutil.copytree(MINI, tmp_path / "onto")
    (tmp_path / "onto" / "rules").mkdir()
    path = tmp_path / "onto" / "rules" / "candidates.yaml"
    path.write_text("stop_words: [the, a\nname_heads: [survey]\n", encoding="utf-8")
    with pytest.raises(OntologyError) as info:
        load_ontology(tmp_path / "onto")
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("E102", str(path)) and problem.line == 2


def test_ontology_check_reports_a_bad_candidates_file_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from astro_ie.cli import app

    directory = ontology_with_words(tmp_path, lambda d: d["tool_heads"].append("Widget"))
    result = CliRunner().invoke(app, ["ontology", "check", str(directory)])
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert re.fullmatch(r".*candidates\.yaml:\d+: E112 word list 'tool_heads': 'Widget' is not lower-case.*", lines[0])
    assert lines[1:] == ["E109 1 ontology problem(s) found"]
    assert "Traceback" not in result.stderr


def test_a_bad_spelling_file_is_reported_with_its_key(tmp_path):
    path = tmp_path / "spelling.yaml"
    path.write_text("spellings:\n  colour: color\nnot_plural: [lens, Gas]\n", encoding="utf-8")
    rules, [problem] = vocabulary._read(path, Spelling)
    assert rules == Spelling()
    assert problem.one_line() == f"{path}:3: E112 word list 'not_plural': 'Gas' is not lower-case letters"
    path.write_text("spellings:\n  colour: color\n  colour: colr\n", encoding="utf-8")
    [problem] = vocabulary._read(path, Spelling)[1]
    assert (problem.line, problem.fields["key"]) == (3, "spellings.colour")


# --- the shipped files -------------------------------------------------------------------


@pytest.mark.parametrize("path", [SHIPPED_WORDS, SHIPPED_SPELLING], ids=lambda p: p.name)
def test_shipped_vocabulary_validates_and_every_list_is_sorted(path):
    model = CandidateWords if path == SHIPPED_WORDS else Spelling
    _, problems = vocabulary._read(path, model)
    assert problems == []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in data.items():
        lists = value.items() if isinstance(value, dict) and key == "head_words" else [(key, value)]
        for name, words in lists:
            words = list(words)
            assert words == sorted(words), f"{path.name}: {name} is not sorted"
    assert path.read_text(encoding="utf-8").startswith("# ")  # the header says what each list is for


def test_shipped_files_are_package_data():
    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"astro_ie\.ontologies\.rules" = \["\*\.yaml"\]', text)


# --- the ontology hash covers the vocabulary ---------------------------------------------


def test_editing_the_candidates_file_changes_the_ontology_hash(tmp_path):
    shutil.copytree(MINI, tmp_path / "plain")
    shutil.copytree(MINI, tmp_path / "same")
    same = tmp_path / "same"
    (same / "rules").mkdir()
    shutil.copyfile(SHIPPED_WORDS, same / "rules" / "candidates.yaml")
    assert ontology_hash(same) == ontology_hash(tmp_path / "plain")  # the shipped words, copied or not
    (same / "rules" / "candidates.yaml").write_text(
        (same / "rules" / "candidates.yaml")
        .read_text(encoding="utf-8")
        .replace("[call, called, coined,", "[call, called, christened, coined,"),
        encoding="utf-8",
    )
    assert ontology_hash(same) != ontology_hash(tmp_path / "plain")


def test_a_new_spelling_folds_and_changes_the_ontology_hash(tmp_path):
    shutil.copytree(MINI, tmp_path / "onto")
    before = ontology_hash(tmp_path / "onto")
    assert normalize_word("aluminium") == "aluminium"
    with pytest.MonkeyPatch.context() as patch:
        path = tmp_path / "spelling.yaml"
        path.write_text(
            SHIPPED_SPELLING.read_text(encoding="utf-8").replace(
                "  colour: color\n", "  aluminium: aluminum\n  colour: color\n"
            ),
            encoding="utf-8",
        )
        patch.setattr(vocabulary, "spelling_path", lambda: path)
        vocabulary.spelling.cache_clear()
        normalize_word.cache_clear()
        try:
            assert normalize_word("Aluminium") == normalize_word("aluminum") == "aluminum"
            assert ontology_hash(tmp_path / "onto") != before
        finally:
            patch.undo()
            vocabulary.spelling.cache_clear()
            normalize_word.cache_clear()
    assert normalize_word("aluminium") == "aluminium"


def test_the_candidate_words_are_read_once_per_version_of_the_file(tmp_path):
    directory = ontology_with_words(tmp_path, lambda d: None)
    first, _ = read_candidate_words(directory)
    assert read_candidate_words(directory)[0] is first
    path = directory / "rules" / "candidates.yaml"
    path.write_text(
        textwrap.dedent("""\
        head_words:
          SURVEY: [survey]
        name_heads: [survey]
        """),
        encoding="utf-8",
    )
    assert read_candidate_words(directory)[0].name_heads == ("survey",)


def test_a_saved_pipeline_carries_its_candidate_words(tmp_path):
    from astro_ie.nlp import build_pipeline

    directory = ontology_with_words(tmp_path, lambda d: d["name_triggers"].append("christened"))
    nlp = build_pipeline(directory)
    nlp.get_pipe("astro_candidates").to_disk(tmp_path / "saved")
    saved = tmp_path / "saved" / "rules" / "candidates.yaml"
    assert saved.read_bytes() == (directory / "rules" / "candidates.yaml").read_bytes()
    assert "christened" in load_ontology(tmp_path / "saved").candidate_words.name_triggers
