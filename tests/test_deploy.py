"""``prefect.yaml`` and the README's "Deploy with Prefect" steps, against a real local Prefect server.

The steps, as a user types them: ``prefect server start`` (here on a free
loopback port, with its own PREFECT_HOME), ``prefect work-pool create astro-ie
--type process``, ``prefect --no-prompt deploy --all`` from a directory holding
``prefect.yaml``, ``prefect deployment run process-inbox/astro-ie-inbox`` and
a process worker (``--run-once``). The run must complete, process the inbox
file into ``outputs/inbox/`` of that directory, and publish artifacts the UI
can show: markdown and tables, the report's path as text, no ``file://``
link. The server is stopped by the test, whatever happens.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
RECORD = {
    "id": "d1",
    "title": "A CNN on Hubble images",
    "abstract": "We train a convolutional neural network on Hubble Space Telescope images of Gaia DR3 sources.",
}


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prefect(args: list[str], env: dict[str, str], cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "prefect", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, (
        f"prefect {' '.join(args)}: exit {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    return proc


@pytest.fixture
def server(tmp_path: Path, prefect_env: dict[str, str]):
    """``prefect server start`` on a free port; yields the environment that points the CLI at it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = dict(
        prefect_env,
        PREFECT_HOME=str(tmp_path / "prefect-home"),
        PREFECT_API_URL=url,
        ASTRO_IE_CACHE=str(tmp_path / "cache"),
    )
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 - the server process writes it until the test stops it
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 150
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            assert proc.poll() is None, (tmp_path / "server.log").read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "the Prefect server did not start in 150 s"
            time.sleep(0.5)
        yield env
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def test_prefect_yaml_entrypoints_load_from_the_installed_package() -> None:
    from prefect.flows import load_flow_from_entrypoint

    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    for deployment in config["deployments"]:
        assert ":" not in deployment["entrypoint"], "a file path entrypoint needs the checkout"
        flow = load_flow_from_entrypoint(deployment["entrypoint"])
        flow.validate_parameters(deployment["parameters"])
        assert deployment["work_pool"]["name"] == "astro-ie"


@pytest.mark.slow
def test_readme_deploy_steps_run_the_inbox_deployment_to_completion(server: dict[str, str], tmp_path: Path) -> None:
    env, url = server, server["PREFECT_API_URL"]
    project = tmp_path / "project"
    (project / "inbox").mkdir(parents=True)
    shutil.copy(REPO / "prefect.yaml", project / "prefect.yaml")
    (project / "inbox" / "mine.jsonl").write_text(json.dumps(RECORD) + "\n", encoding="utf-8")

    prefect(["work-pool", "create", "astro-ie", "--type", "process", "--overwrite"], env, project)
    deployed = prefect(["--no-prompt", "deploy", "--all"], env, project, timeout=300)
    assert "astro-ie-inbox" in deployed.stdout and "ml4astro-2024" in deployed.stdout
    started = prefect(["deployment", "run", "process-inbox/astro-ie-inbox"], env, project)
    assert "Created flow run" in started.stdout, started.stdout
    worker = subprocess.run(
        [sys.executable, "-m", "prefect", "worker", "start", "--pool", "astro-ie", "--run-once"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert worker.returncode == 0, worker.stdout[-3000:] + worker.stderr[-5000:]

    run_id = re.search(r"UUID: ([0-9a-f-]{36})", started.stdout).group(1)
    run = httpx.get(f"{url}/flow_runs/{run_id}", timeout=10).json()
    assert run["state_type"] == "COMPLETED", (run["state"], worker.stderr[-5000:])
    assert "Traceback" not in worker.stderr and "| ERROR" not in worker.stderr, worker.stderr[-5000:]
    out = project / "outputs" / "inbox"
    corpus = [json.loads(line) for line in (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in corpus] == ["d1"]
    assert {e["concept_id"] for e in corpus[0]["entities"]} >= {
        "technique:convolutional-neural-network",
        "telescope:hubble-space-telescope",
    }

    artifacts = httpx.post(f"{url}/artifacts/filter", json={}, timeout=10).json()
    by_key = {a["key"]: a for a in artifacts if a.get("key")}
    assert {"astro-ie-summary", "astro-ie-concepts"} <= set(by_key), sorted(by_key)
    summary = by_key["astro-ie-summary"]
    assert summary["type"] == "markdown" and by_key["astro-ie-concepts"]["type"] == "table"
    assert "file://" not in json.dumps(artifacts)
    assert str((out / "report.html").resolve()) in summary["data"]
    assert "**1** abstracts" in summary["data"]
