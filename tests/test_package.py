"""astro-ie as users get it: a wheel that installs anywhere and runs outside the checkout.

The wheel is built from the files git tracks (a copy of them, so the build
writes nothing into the checkout), holds one top-level package, ``astro_ie``,
with the ontology and the default corpus as package data, and declares the
console script and the spaCy entry points. Installed into a fresh target, its
``astro-ie run`` on a small JSONL, from a directory unrelated to the checkout,
writes the same ``corpus.jsonl`` bytes as the checkout's own run, and writes
nothing into the installation or the checkout.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import astro_ie

REPO = Path(__file__).resolve().parents[1]
RECORDS = [
    {
        "id": "w1",
        "title": "Galaxy morphology with a convolutional neural network",
        "abstract": "We train a CNN on Hubble Space Telescope images and Gaia DR3 photometry with Astropy.",
    },
    {
        "id": "w2",
        "title": "Self-organizing maps for LSST light curves",
        "abstract": "A self-organizing map (SOM) clusters LSST light curves; the SOM beats k-nearest neighbors.",
    },
]


def tracked_files() -> list[str]:
    proc = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip("not a git checkout: cannot tell the tracked files")
    return [name for name in proc.stdout.split("\0") if name]


def tree_state(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): p.stat().st_mtime_ns
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def git_status() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=REPO, capture_output=True, text=True
    ).stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source, dist = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("dist")
    for name in tracked_files():
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(dist),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    (built,) = dist.glob("astro_ie-*.whl")
    return built


def test_wheel_holds_one_package_with_its_data_and_entry_points(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    dist_info = f"astro_ie-{astro_ie.__version__}.dist-info"
    assert {name.split("/")[0] for name in names} == {"astro_ie", dist_info}
    shipped = {f"astro_ie/ontologies/{p.name}" for p in (REPO / "ontologies").glob("*.yaml")}
    assert shipped and shipped <= set(names)
    assert "astro_ie/data/ml4astro-2024-book-of-abstracts.txt" in names
    assert {"astro_ie/cli.py", "astro_ie/flows/extract_corpus.py", "astro_ie/flows/artifacts.py"} <= set(names)
    entry_points = zipfile.ZipFile(wheel).read(f"{dist_info}/entry_points.txt").decode()
    assert "astro-ie = astro_ie.cli:main" in entry_points
    assert "[spacy_factories]" in entry_points and "astro_linker = astro_ie.nlp:make_linker" in entry_points
    assert "astro_ie.tokenizer.v1 = astro_ie.nlp:create_tokenizer" in entry_points


@pytest.mark.slow
def test_installed_wheel_runs_outside_the_checkout_like_the_checkout(
    wheel: Path, tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    target, elsewhere, here = tmp_path / "site", tmp_path / "elsewhere", tmp_path / "checkout-run"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    for directory in (elsewhere, here):
        directory.mkdir()
        (directory / "my.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    installed_before, status_before = tree_state(target), git_status()

    # The wheel's astro_ie first on the path: the checkout's editable install is not used.
    wheel_env = dict(
        prefect_env, PYTHONPATH=str(target), PYTHONDONTWRITEBYTECODE="1", ASTRO_IE_CACHE=str(tmp_path / "cache-wheel")
    )
    where = subprocess.run(
        [sys.executable, "-c", "import astro_ie; print(astro_ie.__file__)"],
        env=wheel_env,
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert Path(where.stdout.strip()).is_relative_to(target), where.stdout + where.stderr
    ran = subprocess.run(
        [sys.executable, "-m", "astro_ie", "run", "my.jsonl"],
        env=wheel_env,
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert ran.returncode == 0, ran.stdout[-2000:] + ran.stderr[-4000:]
    assert "Traceback" not in ran.stderr

    checkout_env = dict(prefect_env, ASTRO_IE_CACHE=str(tmp_path / "cache-checkout"))
    ref = subprocess.run(
        [sys.executable, "-m", "astro_ie", "run", "my.jsonl", "--out", "ref"],
        env=checkout_env,
        cwd=here,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert ref.returncode == 0, ref.stderr[-4000:]

    corpus = elsewhere / "outputs" / "my" / "corpus.jsonl"  # the default --out: ./outputs/<input name>/
    assert corpus.read_bytes() == (here / "ref" / "corpus.jsonl").read_bytes()
    assert len(corpus.read_text(encoding="utf-8").splitlines()) == len(RECORDS)
    assert tree_state(target) == installed_before, "the run wrote into the installation"
    assert git_status() == status_before, "the run wrote into the checkout"
