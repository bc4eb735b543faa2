"""``astro-ie nlp export``: the extraction pipeline as a spaCy citizen.

The exported directory opens with ``spacy.load`` in a fresh process whose
script never imports astro-ie (spaCy finds the factories and the tokenizer
through the package's entry points), tags the 101 abstracts of the default
corpus exactly as ``astro-ie run`` does (same offsets, labels, concept ids and
sources), names no path of this machine, and ``spacy package`` wraps it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from astro_ie.cli import main
from astro_ie.extract import Extractor, compose_text
from astro_ie.ingest import read_abstracts
from astro_ie.resources import default_corpus, default_ontology_dir

TAG_SCRIPT = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
texts = json.load(open(sys.argv[2], encoding="utf-8"))
out = [[[e.start_char, e.end_char, e.label_, e.kb_id_, e.id_] for e in doc.ents] for doc in nlp.pipe(texts)]
imported = sorted(m for m in sys.modules if m.startswith("astro_ie"))
json.dump({"ents": out, "meta": nlp.meta,
           "pipe_names": nlp.pipe_names, "imported": imported}, open(sys.argv[3], "w", encoding="utf-8"))
"""


def cli(args: list[str], capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    captured = capsys.readouterr()
    return exit_.value.code, captured.out, captured.err


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("export") / "astro_ie_pipeline"
    with pytest.raises(SystemExit) as exit_:
        main(["nlp", "export", str(directory)])
    assert exit_.value.code == 0
    return directory


def test_export_writes_a_spacy_pipeline_with_meta_and_no_machine_path(exported: Path) -> None:
    meta = json.loads((exported / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "astro_ie" and meta["version"] and meta["lang"] == "en"
    assert meta["requirements"] == [f"astro-ie=={meta['version']}"]
    config = (exported / "config.cfg").read_text(encoding="utf-8")
    assert str(default_ontology_dir()) not in config and str(Path.cwd()) not in config
    assert '@tokenizers = "astro_ie.tokenizer.v1"' in config
    for component in ("astro_ontology_ruler", "astro_candidates", "astro_linker"):
        shipped = sorted(p.name for p in default_ontology_dir().glob("*.yaml"))
        assert sorted(p.name for p in (exported / component).glob("*.yaml")) == shipped, component


def test_spacy_load_in_a_fresh_process_tags_the_default_corpus_like_astro_ie_run(
    exported: Path, tmp_path: Path
) -> None:
    abstracts = list(read_abstracts([default_corpus()]))
    assert len(abstracts) == 101
    texts = [compose_text(a)[0] for a in abstracts]
    (tmp_path / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", TAG_SCRIPT, str(exported), str(tmp_path / "texts.json"), str(tmp_path / "ents.json")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads((tmp_path / "ents.json").read_text(encoding="utf-8"))
    assert result["pipe_names"] == ["astro_abbreviations", "astro_ontology_ruler", "astro_candidates", "astro_linker"]
    assert "astro_ie.nlp" in result["imported"], "spaCy did not load the components through the entry points"

    extractor = Extractor(default_ontology_dir())  # what `astro-ie run` tags with
    expected = [
        [[e.start, e.end, e.label, e.concept_id, e.source] for e in record.entities]
        for record in extractor.tag(abstracts)
    ]
    assert sum(map(len, expected)) > 500
    differing = [a.id for a, got, want in zip(abstracts, result["ents"], expected) if got != want]
    assert not differing, f"{len(differing)} abstracts tagged differently, e.g. {differing[:5]}"


def test_spacy_package_can_wrap_the_export(exported: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "spacy", "package", str(exported), str(tmp_path), "--build", "none"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    meta = json.loads(next(tmp_path.glob("en_astro_ie-*/meta.json")).read_text(encoding="utf-8"))
    assert meta["name"] == "astro_ie" and "astro-ie" in " ".join(meta["requirements"])


def test_export_refuses_a_directory_that_is_not_a_pipeline(tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = cli(["nlp", "export", str(tmp_path)], capsys)
    assert code == 2 and err.count("\n") == 1 and "E211" in err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
