"""The manifest of a directory built with ``--update`` lists every input that went into it.

A run over A, then ``--update`` with B, then ``--update`` with C: the
manifest's ``inputs`` are A (run 1), B (run 2), C (run 3), each with its path,
name, bytes, sha256 and the records read from it; a full run over A, B and C
lists the same entries but for ``run`` (all 1), and publishes the same bytes
in every other file.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MINI_ONTOLOGY = REPO / "tests" / "fixtures" / "mini-ontology"


def _records(n: int) -> list[dict]:
    spec = importlib.util.spec_from_file_location("astro_ie_make_corpus", REPO / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.synthetic_records(n))


def write_inputs(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


def other_files(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name not in ("manifest.json", "run.json")
    }


@pytest.mark.slow
def test_an_update_chain_lists_every_input_as_a_full_run_does(tmp_path: Path, prefect_harness: str) -> None:
    from astro_ie.flows.extract_corpus import extract_corpus

    records = _records(9)
    parts = [records[:4], records[4:7], records[7:]]
    inputs = [write_inputs(tmp_path / f"{name}.jsonl", part) for name, part in zip("abc", parts)]
    common = {"ontology_dir": str(MINI_ONTOLOGY), "batch_size": 2, "cache_dir": str(tmp_path / "cache")}
    chain, full = tmp_path / "chain", tmp_path / "full"
    extract_corpus(inputs=inputs[:1], out_dir=str(chain), **common)
    for given in inputs[1:]:
        extract_corpus(inputs=[given], out_dir=str(chain), update=True, **common)
    extract_corpus(inputs=inputs, out_dir=str(full), **common)

    def listed(directory: Path) -> list[dict]:
        return json.loads((directory / "manifest.json").read_text(encoding="utf-8"))["inputs"]

    expected = [
        {
            "name": Path(p).name,
            "path": p,
            "bytes": Path(p).stat().st_size,
            "sha256": hashlib.sha256(Path(p).read_bytes()).hexdigest(),
            "records": len(part),
        }
        for p, part in zip(inputs, parts)
    ]
    assert listed(chain) == [dict(entry, run=run) for entry, run in zip(expected, (1, 2, 3))]
    assert listed(full) == [dict(entry, run=1) for entry in expected]
    assert json.loads((chain / "run.json").read_text(encoding="utf-8"))["run"] == 3
    assert other_files(chain) == other_files(full)

    # A file given again (here: with one abstract changed) is listed again, as the run that read it.
    changed = dict(records[0], abstract=records[0]["abstract"] + " A random forest on Gaia.")
    again = write_inputs(tmp_path / "a2.jsonl", [changed])
    result = extract_corpus(inputs=[again], out_dir=str(chain), update=True, **common)
    assert result["counts"]["tagged"] == 1
    assert [(e["name"], e["records"], e["run"]) for e in listed(chain)] == [
        ("a.jsonl", 4, 1),
        ("b.jsonl", 3, 2),
        ("c.jsonl", 2, 3),
        ("a2.jsonl", 1, 4),
    ]

    # A run without --update makes the directory anew: its inputs alone, as run 1.
    extract_corpus(inputs=inputs[1:2], out_dir=str(chain), **common)
    assert [(e["name"], e["run"]) for e in listed(chain)] == [("b.jsonl", 1)]
