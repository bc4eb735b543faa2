"""The ``astro-ie`` command line: one line for every failure, a version, help a person can read.

Each failure a user can cause or meet ends in exactly one ``astro-ie: error:``
line on stderr (with a hint where one helps), no traceback and a non-zero
exit; ``--verbose`` brings the traceback back. These run without Prefect: the
checks happen before any flow starts.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import astro_ie
from astro_ie import cli
from astro_ie.cli import final_line, main
from tests.test_flow import run_cli

REPO = Path(__file__).resolve().parents[1]
SEED_DEV = REPO / "tests" / "fixtures" / "seed-dev.jsonl"
GOOD = {"id": "c1", "title": "CNN on HST", "abstract": "We train a convolutional neural network on HST images."}


def invoke(args: list[str], capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(args)
    captured = capsys.readouterr()
    return exit_.value.code, captured.out, captured.err


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("astro-ie: error: ") and "Traceback" not in err, err
    return lines[0]


@pytest.fixture
def good_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "good.jsonl"
    path.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    return path


def test_version_is_the_package_version(capsys) -> None:
    code, out, _ = invoke(["--version"], capsys)
    assert code == 0 and out == f"astro-ie {astro_ie.__version__}\n"


@pytest.mark.parametrize("command", [["run"], ["serve"], ["ingest"], ["evaluate"], ["nlp", "export"]])
def test_help_shows_no_python_types(command: list[str], capsys) -> None:
    os.environ["COLUMNS"] = "200"
    code, out, _ = invoke([*command, "--help"], capsys)
    assert code == 0
    assert not re.search(r"<(bool|int|str|path|list\[[^>]*)>", out, re.IGNORECASE), out
    assert "--help" in out


def test_evaluate_help_cites_the_scoring_document_the_repository_ships(capsys) -> None:
    _, out, _ = invoke(["evaluate", "--help"], capsys)
    cited = re.search(r"(\S+/SCORING\.md)", out).group(1)
    assert (REPO / cited).is_file(), cited
    assert (REPO / cited).read_text(encoding="utf-8").startswith("#")


def test_serve_with_a_missing_inbox_says_directory_not_found(tmp_path: Path, capsys) -> None:
    code, _, err = invoke(["serve", "--inbox", str(tmp_path / "nope"), "--interval", "5"], capsys)
    line = one_error_line(err)
    assert code == 2 and "E208 directory not found" in line and "nope" in line


@pytest.mark.parametrize(
    "args,expected",
    [
        (["--cron", "bad cron"], "E207 invalid cron schedule 'bad cron'"),
        (["--interval", "abc"], "Invalid value for '--interval'"),
        (["--interval", "0"], "Invalid value for '--interval'"),
        ([], "give exactly one of --cron and --interval"),
    ],
)
def test_serve_refuses_a_bad_schedule_in_one_line(tmp_path: Path, args: list[str], expected: str, capsys) -> None:
    code, _, err = invoke(["serve", "--inbox", str(tmp_path), *args], capsys)
    assert code == 2 and expected in one_error_line(err)


def test_unknown_option_is_one_line_with_the_help_to_read(capsys) -> None:
    code, _, err = invoke(["run", "--bogus"], capsys)
    assert code == 2 and "astro-ie run --help" in one_error_line(err)


def test_bad_record_error_mentions_skip_bad(tmp_path: Path, prefect_env: dict[str, str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(GOOD) + "\n{oops\n", encoding="utf-8")
    proc = run_cli(["run", str(bad), "--out", str(tmp_path / "out")], prefect_env, tmp_path)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("astro-ie: error:")]
    assert proc.returncode == 2 and len(errors) == 1, proc.stderr
    assert ":2: E007" in errors[0] and "--skip-bad" in errors[0]
    assert "Traceback" not in proc.stderr and "| ERROR" not in proc.stderr, proc.stderr
    assert not (tmp_path / "out").exists()


def test_unreachable_dask_scheduler_fails_fast_in_one_line(tmp_path: Path, good_jsonl: Path, capsys) -> None:
    started = time.monotonic()
    code, _, err = invoke(
        ["run", str(good_jsonl), "--out", str(tmp_path / "out"), "--dask-address", "tcp://127.0.0.1:9"], capsys
    )
    assert time.monotonic() - started < cli.DASK_CONNECT_SECONDS + 5
    line = one_error_line(err)
    assert code == 2 and "E205" in line and "tcp://127.0.0.1:9" in line and "--dask local" in line


def test_prefect_api_url_of_a_stopped_server_is_one_line(
    tmp_path: Path, good_jsonl: Path, prefect_env: dict[str, str]
) -> None:
    env = dict(prefect_env, PREFECT_API_URL="http://127.0.0.1:9/api")
    proc = run_cli(["run", str(good_jsonl), "--out", str(tmp_path / "out")], env, tmp_path, timeout=120)
    line = one_error_line(proc.stderr)
    assert proc.returncode == 2 and "E206" in line and "prefect server start" in line, proc.stderr


def test_evaluate_with_no_matching_ids_fails_in_one_line(tmp_path: Path, capsys) -> None:
    pred = tmp_path / "corpus.jsonl"
    pred.write_text(json.dumps({"id": "nowhere", "text": "A CNN.", "entities": []}) + "\n", encoding="utf-8")
    code, _, err = invoke(["evaluate", "--gold", str(SEED_DEV), "--pred", str(pred)], capsys)
    assert code == 2 and "E209" in one_error_line(err)


def test_an_unexpected_failure_is_one_line_and_its_traceback_needs_verbose(monkeypatch, capsys) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("astro_ie.models.write_schemas", broken)
    code, _, err = invoke(["schema", "--out", "x"], capsys)
    line = one_error_line(err)
    assert code == 1 and "RuntimeError: disk on fire" in line and "--verbose" in line
    with pytest.raises(RuntimeError, match="disk on fire"):
        main(["--verbose", "schema", "--out", "x"])
    cli._State.verbose = False


def test_ctrl_c_exits_130_with_one_line(monkeypatch, capsys) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("astro_ie.models.write_schemas", interrupted)
    code, _, err = invoke(["schema", "--out", "x"], capsys)
    assert code == 130 and err.startswith("astro-ie: interrupted") and err.count("\n") == 1


def test_final_line_counts_skipped_records_and_says_when_batches_came_from_the_cache() -> None:
    counts = {"abstracts": 9, "mentions": 30, "skipped": 2, "cached_batches": 3, "batches": 3}
    assert (
        final_line(counts, "out") == "9 abstracts, 30 mentions, 2 bad record(s) skipped, "
        "all 3 batch(es) from the cache -> out"
    )
    fresh = dict(counts, skipped=0, cached_batches=0)
    assert final_line(fresh, "out") == "9 abstracts, 30 mentions -> out"
    assert "1 of 3 batches from the cache" in final_line(dict(fresh, cached_batches=1), "out")


def test_python_dash_m_astro_ie_is_the_command() -> None:
    proc = subprocess.run([sys.executable, "-m", "astro_ie", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == f"astro-ie {astro_ie.__version__}"


def test_a_dask_workers_heartbeat_at_shutdown_logs_no_traceback_without_verbose(monkeypatch) -> None:
    # A worker whose heartbeat meets the scheduler already closing logs "Failed to communicate with scheduler during
    # heartbeat." with a traceback at ERROR (seen at the end of a successful `run --dask local` on a loaded machine).
    # The environment a quiet run hands its workers keeps that logger at CRITICAL and the rest of Dask at WARNING.
    monkeypatch.delenv("DASK_LOGGING", raising=False)
    monkeypatch.setattr(cli._State, "verbose", False)
    cli._quiet_prefect()
    probe = ("import logging, distributed; print(logging.getLogger('distributed.worker').getEffectiveLevel(),"
             " logging.getLogger('distributed.scheduler').getEffectiveLevel())")
    out = subprocess.run([sys.executable, "-c", probe], env=dict(os.environ), capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["50", "30"]  # logging.CRITICAL, logging.WARNING
