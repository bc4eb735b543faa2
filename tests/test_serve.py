"""``astro-ie serve``: a bad inbox file is quarantined and reported, the good ones processed; Ctrl-C is exit 130.

One ``serve --interval 5`` with an inbox holding a good JSONL and a bad one:
the bad file moves to ``<inbox>/.failed/`` with ``<name>.error.txt`` holding
its one-line error, is reported in one WARNING line (no traceback, no ERROR),
and the good file's records are published. No UI link is printed for the
local server serve starts without a UI. Ctrl-C stops it with exit 130.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.test_flow import MINI_ONTOLOGY, SMALL_RECORDS, astro_ie_command, start_logged, stop_process_group, wait_until


@pytest.mark.slow
def test_serve_quarantines_a_bad_file_processes_the_good_one_and_stops_with_130(
    tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    inbox, out, log = tmp_path / "inbox", tmp_path / "served", tmp_path / "serve.log"
    inbox.mkdir()
    (inbox / "good.jsonl").write_text("".join(json.dumps(r) + "\n" for r in SMALL_RECORDS[:2]), encoding="utf-8")
    (inbox / "bad.jsonl").write_text(json.dumps(SMALL_RECORDS[2]) + "\n{not json\n", encoding="utf-8")
    env = dict(prefect_env, PREFECT_HOME=str(tmp_path / "prefect-home"), ASTRO_IE_CACHE=str(tmp_path / "cache"))
    proc = start_logged(
        [
            "serve",
            "--interval",
            "5",
            "--inbox",
            str(inbox),
            "--out",
            str(out),
            "--ontology",
            str(MINI_ONTOLOGY),
            "--batch-size",
            "1",
            "--workers",
            "1",
        ],
        env,
        tmp_path,
        log,
    )
    try:
        corpus = out / "corpus.jsonl"
        wait_until(corpus.exists, 180, "outputs of the good inbox file", proc, log)
        assert [json.loads(line)["id"] for line in corpus.read_text(encoding="utf-8").splitlines()] == [
            r["id"] for r in SMALL_RECORDS[:2]
        ]
        failed = inbox / ".failed"
        assert (failed / "bad.jsonl").is_file() and not (inbox / "bad.jsonl").exists()
        error = (failed / "bad.jsonl.error.txt").read_text(encoding="utf-8")
        assert error.count("\n") == 1 and "bad.jsonl:2: E007" in error and "--skip-bad" in error
    finally:
        how, killed = stop_process_group(proc)
    text = log.read_text(encoding="utf-8")
    assert how == "SIGINT" and proc.returncode == 130, f"{how} {proc.returncode}\n{text[-4000:]}"
    assert not killed, f"left running after serve stopped: {killed}"
    assert "Traceback" not in text and "| ERROR" not in text and "Crash" not in text, text[-6000:]
    reports = [line for line in text.splitlines() if "skipped bad.jsonl" in line]
    assert len(reports) == 1 and "WARNING" in reports[0], text[-6000:]
    assert "Prefect UI" not in text and "/deployments/deployment/" not in text, "a link to a UI that is not there"
    assert "serving deployment 'process-inbox/astro-ie-inbox' every 5 s" in text


@pytest.mark.slow
def test_ctrl_c_during_run_exits_130_in_one_line_and_keeps_the_previous_outputs(
    tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    """Ctrl-C (SIGINT to the terminal's process group) in the middle of a run: exit 130, no ERROR, no Crash."""
    from tests.test_flow import output_files

    jsonl = tmp_path / "many.jsonl"
    jsonl.write_text(
        "".join(json.dumps(dict(r, id=f"{r['id']}-{i}")) + "\n" for i in range(300) for r in SMALL_RECORDS),
        encoding="utf-8",
    )
    out, log = tmp_path / "out", tmp_path / "run.log"
    env = dict(prefect_env, PREFECT_HOME=str(tmp_path / "prefect-home"), ASTRO_IE_CACHE=str(tmp_path / "cache"))
    first = subprocess.run(
        [
            *astro_ie_command(),
            "run",
            str(jsonl),
            "--out",
            str(out),
            "--ontology",
            str(MINI_ONTOLOGY),
            "--batch-size",
            "100",
            "--cache-dir",
            str(tmp_path / "cache-first"),
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert first.returncode == 0, first.stderr[-3000:]
    previous = output_files(out)
    proc = start_logged(
        ["run", str(jsonl), "--out", str(out), "--ontology", str(MINI_ONTOLOGY), "--batch-size", "100"],
        env,
        tmp_path,
        log,
    )
    try:
        wait_until(lambda: "ingested" in log.read_text(encoding="utf-8"), 180, "ingest", proc, log)
    finally:
        how, killed = stop_process_group(proc)
    text = log.read_text(encoding="utf-8")
    assert how == "SIGINT" and proc.returncode == 130, f"{how} {proc.returncode}\n{text[-4000:]}"
    assert not killed, f"left running after the run stopped: {killed}"
    assert text.splitlines()[-1] == "astro-ie: interrupted; outputs already published are kept", text[-3000:]
    assert "Traceback" not in text and "ERROR" not in text and "Crash" not in text, text[-4000:]
    assert output_files(out) == previous


def closed_port_address() -> str:
    """A tcp:// address on this machine where nothing listens."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"tcp://127.0.0.1:{port}"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--dask-address", "{closed}"], "E205", "cannot reach the Dask scheduler at tcp://127.0.0.1:"),
        (["--storage", "file://{tmp}/shared"], "E212", "it serves Dask runs: add --dask-address"),
        (["--dask", "remote"], "E204", "--dask takes 'local'"),
    ],
)
def test_serve_refuses_a_cluster_it_cannot_use_in_one_line_before_serving(
    tmp_path: Path, prefect_env: dict[str, str], args: list[str], code: str, message: str
) -> None:
    from tests.test_flow import run_cli

    inbox, out = tmp_path / "inbox", tmp_path / "served"
    inbox.mkdir()
    args = [a.format(closed=closed_port_address(), tmp=tmp_path) for a in args]
    proc = run_cli(["serve", "--interval", "5", "--inbox", str(inbox), "--out", str(out), *args], prefect_env, tmp_path, 60)
    assert proc.returncode == 2, proc.stderr
    [line] = proc.stderr.splitlines()
    assert line.startswith(f"astro-ie: error: {code} ") and message in line, line
    assert not out.exists() and "serving deployment" not in proc.stderr


@pytest.mark.slow
def test_a_scheduled_run_on_a_scheduler_that_went_away_fails_in_one_line_and_writes_nothing(
    tmp_path: Path, prefect_harness: str
) -> None:
    """The cluster was up when serve started; a run after it stopped fails with E205, ledger and outputs untouched."""
    from astro_ie.errors import AstroIEError
    from astro_ie.flows.inbox import ledger_path, process_inbox
    from tests.test_flow import write_inputs

    inbox, out = tmp_path / "inbox", tmp_path / "served"
    inbox.mkdir()
    write_inputs(inbox / "a.jsonl", SMALL_RECORDS[:3])
    with pytest.raises(AstroIEError, match=r"E205 cannot reach the Dask scheduler at tcp://127\.0\.0\.1:"):
        process_inbox(inbox=str(inbox), out_dir=str(out), ontology_dir=str(MINI_ONTOLOGY),
                      cache_dir=str(tmp_path / "cache"), dask_address=closed_port_address())
    assert not out.exists() and not ledger_path(out).exists()
    assert (inbox / "a.jsonl").is_file()  # a cluster that is down is no reason to quarantine a good file


@pytest.mark.slow
def test_inbox_runs_on_a_local_dask_cluster_publish_the_bytes_of_a_local_run(
    tmp_path: Path, prefect_harness: str
) -> None:
    from astro_ie.flows.inbox import process_inbox
    from tests.test_flow import output_files, write_inputs

    results = {}
    for name, dask_address in (("threads", None), ("dask", "local")):
        inbox, out = tmp_path / name / "inbox", tmp_path / name / "served"
        inbox.mkdir(parents=True)
        write_inputs(inbox / "a.jsonl", SMALL_RECORDS)
        run = process_inbox(inbox=str(inbox), out_dir=str(out), ontology_dir=str(MINI_ONTOLOGY), batch_size=2,
                            workers=2, cache_dir=str(tmp_path / name / "cache"), dask_address=dask_address)
        assert run["counts"]["tagged"] == len(SMALL_RECORDS)
        results[name] = output_files(out)
    assert results["dask"] == results["threads"]
