"""The run's side process (:mod:`astro_ie.sidecar`): ingest, then the output pass streamed beside tagging.

Checked on real inputs with the real child process:

* fed the tagged parts one task at a time, it writes the same bytes as the
  output pass after tagging (:func:`astro_ie.sidecar.write_outputs`);
* its ingest writes the batches and reports what it read, and a bad line is
  the same one coded error as in the flow's own ingest;
* a flow that stops feeding it (a failed tagging task) leaves no output and no
  temporary file behind, and the child is gone;
* in a flow run, a tagging task that fails while the side process streams
  ends the run with that one error, publishes nothing, and leaves the
  previous outputs as they were.
"""

from __future__ import annotations

import json
from pathlib import Path

import psutil
import pytest

from astro_ie import batching, sidecar
from astro_ie.errors import AstroIEError, InputError
from astro_ie.ontology import load_ontology

REPO = Path(__file__).resolve().parents[1]
MINI_ONTOLOGY = REPO / "tests" / "fixtures" / "mini-ontology"
SENTENCES = [
    "We train a CNN on Hubble Space Telescope images and Gaia DR3 photometry with Astropy.",
    "A self-organizing map (SOM) clusters LSST light curves.",
    "Machine learning baselines include a random forest (RF) on VLT spectra.",
    "k-nearest neighbors and a CNN are compared on Dark Energy Survey DR2 data.",
]
RECORDS = [
    {"id": f"side-{i}", "title": f"Study {i}", "abstract": " ".join(SENTENCES[i % 4:] + SENTENCES[:i % 4]),
     "date": f"{2019 + i % 3}-0{1 + i % 9}-01"}
    for i in range(23)
]
BATCH_SIZE = 3


def write_inputs(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def files_of(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


def request(inputs: list[str], staging: Path, **outputs) -> dict:
    return {
        "ingest": {"inputs": inputs, "staging": str(staging), "batch_size": BATCH_SIZE},
        "outputs": {"directory": str(staging), "ontology_dir": str(MINI_ONTOLOGY), **outputs},
    }


def tag(batches: list[str], cache: Path) -> list[str]:
    ontology = load_ontology(MINI_ONTOLOGY)
    return [batching.extract_batch(Path(b), str(MINI_ONTOLOGY), ontology.hash, cache).path for b in batches]


@pytest.mark.parametrize("outputs", [{}, {"compress": "gzip", "tables": ["parquet", "csv"]}])
def test_streamed_outputs_are_the_bytes_of_a_pass_after_tagging(tmp_path: Path, outputs: dict) -> None:
    inputs = write_inputs(tmp_path / "in.jsonl", RECORDS)
    staging, serial = tmp_path / "staging", tmp_path / "serial"
    staging.mkdir()
    side = sidecar.SideProcess(request([inputs], staging, **outputs))
    try:
        ingested = side.ingested()
        assert ingested["abstracts"] == len(RECORDS) and ingested["records"] == [len(RECORDS)]
        assert len(ingested["batches"]) == -(-len(RECORDS) // BATCH_SIZE)
        parts = tag(ingested["batches"], tmp_path / "cache")
        for i in range(0, len(parts), 2):  # as tasks of two batches finish
            side.feed(parts[i:i + 2])
        streamed = side.finish()
    finally:
        side.close()
    assert side.process.returncode == 0
    serial.mkdir()
    expected = sidecar.write_outputs(parts, str(serial), str(MINI_ONTOLOGY), **outputs)
    timings = streamed.pop("timings")
    assert set(timings) == {"after_last_part_s", "waiting_s", "corpus_s", "graphs_s"}
    assert streamed == expected
    assert streamed["counts"]["abstracts"] == len(RECORDS)
    written = {name: data for name, data in files_of(staging).items()}
    assert written == files_of(serial)
    assert "corpus.jsonl.gz" in written if outputs else "corpus.jsonl" in written


def test_ingest_error_comes_back_as_the_same_coded_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(RECORDS[0]) + "\n{not json\n", encoding="utf-8")
    staging = tmp_path / "staging"
    staging.mkdir()
    side = sidecar.SideProcess(request([str(bad)], staging))
    try:
        with pytest.raises(InputError) as raised:
            side.ingested()
    finally:
        side.close()
    with pytest.raises(InputError) as direct:
        sidecar.ingest_batches([str(bad)], str(tmp_path / "direct"))
    assert raised.value.one_line() == direct.value.one_line()
    assert raised.value.code == "E007" and raised.value.line == 2


def test_a_flow_that_stops_feeding_leaves_no_output_behind(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in.jsonl", RECORDS)
    staging = tmp_path / "staging"
    staging.mkdir()
    side = sidecar.SideProcess(request([inputs], staging))
    ingested = side.ingested()
    parts = tag(ingested["batches"], tmp_path / "cache")
    side.feed(parts[:3])  # then tagging fails: the flow closes the side process without "end"
    side.close()
    assert side.process.returncode not in (0, None)
    assert sorted(p.name for p in staging.iterdir()) == [".batches"]


def test_a_part_that_cannot_be_read_is_an_error_of_the_run(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in.jsonl", RECORDS)
    staging = tmp_path / "staging"
    staging.mkdir()
    side = sidecar.SideProcess(request([inputs], staging))
    try:
        side.ingested()
        side.feed([str(tmp_path / "missing.jsonl")])
        with pytest.raises(AstroIEError, match=r"E210 .*FileNotFoundError") as raised:
            side.finish()
        assert raised.value.code == "E210"
    finally:
        side.close()
    assert sorted(p.name for p in staging.iterdir()) == [".batches"]


def test_a_side_process_that_dies_is_one_coded_error(tmp_path: Path) -> None:
    staging = tmp_path / "staging"
    staging.mkdir()
    side = sidecar.SideProcess(request([write_inputs(tmp_path / "in.jsonl", RECORDS)], staging))
    side.process.kill()
    try:
        with pytest.raises(AstroIEError) as raised:
            side.ingested()
    finally:
        side.close()
    assert raised.value.code == "E210" and "output process ended" in raised.value.message


@pytest.mark.slow
def test_a_failed_tagging_task_stops_the_streaming_run_and_publishes_nothing(
    tmp_path: Path, prefect_harness: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from astro_ie.flows import extract_corpus as flow_module

    common = {"ontology_dir": str(MINI_ONTOLOGY), "batch_size": BATCH_SIZE, "cache_dir": str(tmp_path / "cache")}
    out = tmp_path / "out"
    flow_module.extract_corpus(inputs=[write_inputs(tmp_path / "a.jsonl", RECORDS[:5])], out_dir=str(out), **common)
    before = files_of(out)

    real = batching.extract_batch
    tagged: list[str] = []

    def failing(batch_path, *args, **kwargs):
        if batch_path.name == "batch-000005.jsonl":
            raise OSError("disk on fire")
        part = real(batch_path, *args, **kwargs)
        tagged.append(batch_path.name)
        return part

    monkeypatch.setattr(batching, "extract_batch", failing)
    with pytest.raises(OSError, match="disk on fire"):
        flow_module.extract_corpus(inputs=[write_inputs(tmp_path / "b.jsonl", RECORDS)], out_dir=str(out), **common)
    assert "batch-000004.jsonl" in tagged  # parts before the failure were tagged (and streamed)
    assert files_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if ".staging-" in p.name or p.name.startswith(".tmp-")) == []
    assert [c for c in psutil.Process().children(recursive=True) if "astro_ie.sidecar" in " ".join(c.cmdline())] == []
