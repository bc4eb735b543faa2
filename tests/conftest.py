"""Shared fixtures: a sandbox for Prefect and the batch cache.

Prefect reads its settings (``PREFECT_HOME``, the API URL, ...) once, when it is
first imported, so the sandbox is set up here, at conftest import, before any
test module can import Prefect. No test writes to ``~/.prefect`` or
``~/.cache/astro-ie``, or talks to a Prefect server the developer has
configured; subprocesses inherit the same environment.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

SANDBOX = Path(tempfile.mkdtemp(prefix="astro-ie-tests-"))

ISOLATED_ENV = {
    "PREFECT_HOME": str(SANDBOX / "prefect-home"),
    "ASTRO_IE_CACHE": str(SANDBOX / "astro-ie-cache"),
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
}
"""Set for the whole test session, and for every subprocess it starts."""

NOT_INHERITED = ("PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_PROFILES_PATH", "PREFECT_PROFILE")
"""A developer's own Prefect server or profile must not leak into the tests."""

PREFECT_IMPORTED_TOO_EARLY = "prefect" in sys.modules
"""True when a plugin imported Prefect before this file: its settings then ignore the sandbox."""

os.environ.update(ISOLATED_ENV)
for _name in NOT_INHERITED:
    os.environ.pop(_name, None)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(SANDBOX, ignore_errors=True)


@pytest.fixture(scope="session")
def sandbox() -> Path:
    """The session's tmp dir holding PREFECT_HOME and the batch cache."""
    return SANDBOX


@pytest.fixture(scope="session")
def prefect_env() -> dict[str, str]:
    """The environment for subprocesses (``astro-ie``, ``prefect``): isolated, and local ephemeral API."""
    env = dict(os.environ, **ISOLATED_ENV, COLUMNS="200", NO_COLOR="1", PYTHONUNBUFFERED="1")
    for name in NOT_INHERITED:
        env.pop(name, None)
    return env


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for every in-process flow run of the session.

    ``prefect_test_harness`` is Prefect's documented way to test flows: a
    throw-away SQLite database and a server subprocess, started once (some
    seconds) and shared. Yields the API URL, so subprocesses can use it too.
    """
    if PREFECT_IMPORTED_TOO_EARLY:
        pytest.fail("Prefect was imported before tests/conftest.py could set PREFECT_HOME")
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield PREFECT_API_URL.value()


@pytest.fixture(scope="session")
def shipped_extractor():
    """The tagger of the ontology astro-ie ships, built once for the modules that share it."""
    from astro_ie.extract import Extractor
    from astro_ie.resources import default_ontology_dir

    return Extractor(default_ontology_dir())


@pytest.fixture(scope="session")
def real(shipped_extractor):
    """The shipped tagger, under the name the span-rule tests give it (test_linking has its own)."""
    return shipped_extractor
