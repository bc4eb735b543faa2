"""Reliability: what a scheduled pipeline owes the people who read its outputs.

Checked from the outside, through the ``astro-ie`` command line, in
subprocesses with a 4 GB address-space limit and a timeout:

* atomic publish: a run SIGKILLed while extracting, and again as late as it
  can be (its staging directory already holds manifest.json), leaves the
  previous outputs byte-identical and whole (every line parses, every sha256 of
  the manifest matches); the next run cleans the dead runs' staging
  directories and succeeds; an output directory that holds anything but a
  previous run is refused, not swapped away;
* determinism: runs on the same inputs and ontology, with separate batch
  caches and ``--workers`` 1 or 2, publish the same bytes but for manifest.json;
* a bad ontology: every problem one ``file:line`` line, all at once, exit 2,
  before any work (no output, no Prefect server);
* the bad-input catalogue through ``astro-ie ingest`` and ``astro-ie run``:
  empty, binary, not UTF-8, a 50 MB line, a malformed record among 10,000
  (with and without ``--skip-bad``), duplicate ids, markup, LaTeX and control
  characters, 10,000 repeated acronyms: a clear error or a correct output,
  never a traceback;
* the output contract: every record written validates against schemas/, with
  its schema_version;
* security: YAML is loaded safely, nothing read is unpickled or evaluated,
  ids never become paths, the HTML escapes the corpus text.
"""

from __future__ import annotations

import ast
import contextlib
import csv
import fcntl
import hashlib
import importlib
import importlib.util
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from astro_ie import io as pio
from astro_ie.errors import OutputError
from astro_ie.models import SCHEMA_VERSION, schema_texts

REPO = Path(__file__).resolve().parents[1]
MINI_ONTOLOGY = REPO / "tests" / "fixtures" / "mini-ontology"
SCHEMAS = REPO / "schemas"

MEMORY_LIMIT = 4 * 1024**3
"""RLIMIT_AS of every subprocess: bad input must not cost more."""
INGEST_TIMEOUT = 90
RUN_TIMEOUT = 300

KILL_CORPUS_SIZE = 1000
KILL_BATCH_SIZE = 50
"""1,000 synthetic abstracts in 20 batches: several seconds of extraction to kill a run in."""

ERROR_LINE = re.compile(r"^astro-ie: error: (?P<path>.+?)(?::(?P<line>\d+))?: (?P<code>E\d{3}) \S.*$")
ONTOLOGY_PROBLEM = re.compile(r"^(?P<path>\S+\.yaml):(?P<line>\d+): (?P<code>E1\d\d) \S.*$")

MARKUP_RECORDS = [
    {
        "id": "markup-html",
        "title": "<b>Bold</b> CNN & <i>Gaia</i> <img src=x onerror=alert(1)>",
        "abstract": "We apply a <em>convolutional neural network</em> (CNN) to <a href='http://x'>Gaia</a> "
        "DR3 photometry.",
    },
    {
        "id": "markup-script",
        "title": "<script>alert('xss')</script> Random forests",
        "abstract": "</script><script>alert(2)</script> We use a random forest on SDSS spectra. </textarea><!--",
    },
    {
        "id": "markup-latex",
        "title": r"$\mathcal{O}(N^2)$ \textbf{Gaussian processes} for \emph{TESS}",
        "abstract": r"We model $\sigma_8$ with \textit{Gaussian process} regression \cite{x} and a CNN "
        r"\footnote{see} on TESS light curves at $z \sim 2$ with 50\% of {\bf LSST}.",
    },
    {
        "id": "markup-control",
        "title": "Control\x07chars\x1b[31m red\x7f",
        "abstract": "Text with \x01\x02\x0b\x0c\u0085\u2028\u2029 separators and a CNN\x08 here.\u200b\ufeff",
    },
    {"id": "../../evil", "title": "Traversal", "abstract": "A convolutional neural network on Gaia."},
    {"id": "/etc/passwd", "title": "Absolute", "abstract": "A CNN on SDSS."},
    {
        "id": "acronyms-10000",
        "title": "Acronyms",
        "abstract": "We train a convolutional neural network (CNN). " + " ".join(["CNN"] * 10_000),
    },
    {
        "id": "definitions-3000",
        "title": "Definitions",
        "abstract": " ".join(["A random forest (RF) and"] * 3000) + " more.",
    },
]
VERBATIM_TITLES = ("markup-html", "markup-script", "markup-latex")
RAW_MARKUP = (
    "<script>alert",
    "</script><script>",
    "<img src=x",
    "<b>Bold</b>",
    "<em>convolutional",
    "<a href='http://x'>",
    "</textarea><!--",
)
"""Corpus text that must never reach an HTML page unescaped."""


# --- running the command line ----------------------------------------------------------------


@dataclass
class Result:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def describe(self) -> str:
        return (
            f"astro-ie {' '.join(self.args)[:300]}\nexit {self.returncode} after {self.seconds:.1f} s\n"
            f"--- stdout ---\n{self.stdout[-4000:]}\n--- stderr ---\n{self.stderr[-6000:]}"
        )

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("astro-ie: error:")]


def astro_ie() -> list[str]:
    script = Path(sys.executable).with_name("astro-ie")
    return [str(script)] if script.exists() else [sys.executable, "-m", "astro_ie"]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def start(args: list[str], env: dict[str, str], cwd: Path, log: Path | None = None) -> subprocess.Popen:
    """``astro-ie ARGS`` in a process group of its own (with its Prefect server), memory-limited."""
    out = open(log, "w", encoding="utf-8") if log else subprocess.PIPE  # noqa: SIM115 - the child writes it
    try:
        return subprocess.Popen(
            [*astro_ie(), *args],
            env=env,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT if log else subprocess.PIPE,
            text=True,
            start_new_session=True,
            preexec_fn=_limit_memory,
        )
    finally:
        if log:
            out.close()


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the whole process group and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def cli(args: Iterable[str | Path], env: dict[str, str], cwd: Path, timeout: float) -> Result:
    """Run ``astro-ie ARGS`` to the end (or kill its group at ``timeout`` and fail)."""
    args = [str(a) for a in args]
    began = time.monotonic()
    proc = start(args, env, cwd)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        pytest.fail(f"astro-ie {' '.join(args)[:300]} still running after {timeout} s: killed")
    finally:
        if proc.poll() is None:
            kill_group(proc)
    return Result(args, proc.returncode, stdout, stderr, time.monotonic() - began)


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output, result.describe()
    assert "MemoryError" not in result.output, result.describe()


def assert_user_error(result: Result, path: Path, line: int | None, code: str) -> None:
    """Exit 2 and exactly one ``astro-ie: error: PATH[:LINE]: CODE ...`` line."""
    assert result.returncode == 2, result.describe()
    assert_no_traceback(result)
    errors = result.error_lines()
    assert len(errors) == 1, result.describe()
    match = ERROR_LINE.match(errors[0])
    assert match, errors[0]
    assert Path(match["path"]).resolve() == Path(path).resolve(), errors[0]
    assert (int(match["line"]) if match["line"] else None, match["code"]) == (line, code), errors[0]


# --- reading outputs --------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def files_of(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def without_manifest(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if name not in ("manifest.json", "run.json")}


def staging_dirs(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.staging-*"))


def leftovers(parent: Path) -> list[str]:
    return sorted(
        p.name
        for p in parent.iterdir()
        if ".staging-" in p.name or p.name.startswith(".tmp-") or p.name.endswith(".previous")
    )


def jsonl_records(path: Path) -> list[dict]:
    """Every line of a JSONL output, parsed (a line that does not parse fails the test)."""
    records = []
    with open(path, encoding="utf-8", newline="") as handle:
        data = handle.read()
    assert data.endswith("\n"), f"{path} does not end with a newline"
    for number, line in enumerate(data.split("\n")[:-1], 1):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            pytest.fail(f"{path}:{number}: not JSON ({exc})")
    return records


def assert_complete_run(out: Path) -> dict:
    """``out`` is one whole run: manifest.json names exactly its files, sizes and sha256; every output reads."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    on_disk = without_manifest(files_of(out))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == set(on_disk), sorted(set(listed) ^ set(on_disk))
    for name, data in on_disk.items():
        assert (len(data), sha256(data)) == (listed[name]["bytes"], listed[name]["sha256"]), name
    for name in on_disk:
        path = out / name
        if name.endswith(".jsonl"):
            jsonl_records(path)
        elif name.endswith(".csv"):
            with open(path, encoding="utf-8", newline="") as handle:
                rows = list(csv.reader(handle))
            assert rows and all(len(row) == len(rows[0]) for row in rows), name
        elif name.endswith(".json"):
            json.loads(path.read_text(encoding="utf-8"))
        elif name.endswith((".graphml", ".gexf")):
            ET.parse(path)
    assert manifest["counts"]["abstracts"] == len(jsonl_records(out / "corpus.jsonl"))
    return manifest


# --- the output contract -------------------------------------------------------------------------


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


ABSTRACT_SCHEMA = "abstract.schema.json"
CORPUS_SCHEMA = "corpus-record.schema.json"


def assert_valid_records(path: Path, schema_name: str) -> list[dict]:
    """Every record of ``path`` validates against ``schemas/<schema_name>`` and carries the schema version."""
    validator = _validator(schema_name)
    records = jsonl_records(path)
    for number, record in enumerate(records, 1):
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]
        assert not errors, f"{path}:{number}: {errors[:5]}"
        assert record.get("schema_version") == SCHEMA_VERSION, f"{path}:{number}"
    return records


def assert_offsets_index_text(records: Iterable[dict]) -> None:
    for record in records:
        text = record["text"]
        assert 0 <= record["abstract_start"] <= len(text), record["id"]
        for entity in record["entities"]:
            assert text[entity["start"] : entity["end"]] == entity["text"], (record["id"], entity)


def test_published_schemas_are_those_of_the_models() -> None:
    for name, text in schema_texts().items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, f"schemas/{name} is stale: astro-ie schema"


@pytest.mark.parametrize("name", [ABSTRACT_SCHEMA, CORPUS_SCHEMA])
def test_schemas_require_the_schema_version(name: str) -> None:
    """A record without schema_version must not validate, though the model fills it in."""
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    assert "schema_version" in schema["required"]


# --- fixtures: inputs generated at test time -------------------------------------------------------


def _load_make_corpus():
    spec = importlib.util.spec_from_file_location("astro_ie_make_corpus", REPO / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_jsonl(path: Path, records: Iterable[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def ontology_dir(tmp_path_factory) -> Path:
    """A private copy of the mini ontology: the same bytes for every run of the module."""
    target = tmp_path_factory.mktemp("ontology") / "mini-ontology"
    shutil.copytree(MINI_ONTOLOGY, target)
    return target


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    """The bad-input catalogue, written once per module (the two 50 MB files included)."""
    d = tmp_path_factory.mktemp("inputs")
    files: dict[str, Path] = {}

    def add(name: str, data: bytes) -> None:
        files[name] = d / name
        files[name].write_bytes(data)

    add("empty.jsonl", b"")
    add("empty.txt", b"")
    add("blank.jsonl", b"\n  \n\t\n")
    add("binary.jsonl", bytes(range(256)) * 16)
    add("image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)

    def good(ident: str) -> str:
        return json.dumps({"id": ident, "title": "Fine", "abstract": "A CNN."}) + "\n"

    add(
        "latin1.jsonl",
        good("latin-ok").encode()
        + json.dumps({"id": "cafe", "title": "Caf\u00e9", "abstract": "x"}, ensure_ascii=False).encode("latin-1")
        + b"\n",
    )
    add("latin1.txt", "Deep learning / 1\nCaf\u00e9 au lait\nSpeaker: A (B)\nText.\n".encode("latin-1"))
    add("utf16.jsonl", good("utf16-ok").encode("utf-16"))
    files["long-line.jsonl"] = d / "long-line.jsonl"
    with open(files["long-line.jsonl"], "w", encoding="utf-8") as handle:
        handle.write(good("long-ok"))
        handle.write(json.dumps({"id": "huge", "title": "Huge", "abstract": "word " * 10_000_000}) + "\n")
    files["long-line.txt"] = d / "long-line.txt"
    with open(files["long-line.txt"], "w", encoding="utf-8") as handle:
        handle.write("word " * 10_000_000)
    records = [
        {"id": f"r{i:05d}", "title": f"Record {i}", "abstract": f"We use a CNN on record {i}."} for i in range(10_000)
    ]
    with open(d / "ten-thousand.jsonl", "w", encoding="utf-8") as handle:
        for i, record in enumerate(records):
            handle.write(
                '{"id": "r05000", "title": "Broken", "abstract": \n' if i == 5000 else json.dumps(record) + "\n"
            )
    files["ten-thousand.jsonl"] = d / "ten-thousand.jsonl"
    files["duplicates.jsonl"] = write_jsonl(
        d / "duplicates.jsonl",
        [{"id": f"dup-{i}", "title": f"Dup {i}", "abstract": "Random forests."} for i in (1, 2, 1, 3)],
    )
    files["markup.jsonl"] = write_jsonl(d / "markup.jsonl", MARKUP_RECORDS)
    return files


# --- a bad ontology: every problem, one line each, before any work ---------------------------------------


BAD_ONTOLOGY = {
    "techniques.yaml": """\
- id: technique:cnn
  label: convolutional neural network
  type: TECHNIQUE
  broader: [technique:nonexistent]
- id: Technique:Bad Id
  label: bad
  type: TECHNIQUE
- just a string
- id: technique:cnn
  label: duplicate
  type: TECHNIQUE
- id: technique:a
  label: aaa
  type: TECHNIQUE
  broader: [technique:b]
- id: technique:b
  label: bbb
  type: TECHNIQUE
  broader: [technique:a]
  aliases: [convolutional neural network]
""",
    "software.yaml": """\
- id: software:evil
  label: !!python/object/apply:os.system ["touch {marker}"]
  type: SOFTWARE
""",
    "surveys.yaml": """\
- id: survey:x
  label: [unclosed
  type: SURVEY
""",
}
EXPECTED_PROBLEMS = {  # (file, line, code) of each problem planted above
    ("techniques.yaml", 1, "E106"),
    ("techniques.yaml", 5, "E103"),
    ("techniques.yaml", 8, "E103"),
    ("techniques.yaml", 9, "E104"),
    ("techniques.yaml", 12, "E107"),
    ("techniques.yaml", 16, "E105"),
    ("software.yaml", 2, "E102"),
    ("surveys.yaml", 3, "E102"),
    ("datasets.yaml", 2, "E102"),
}


def write_bad_ontology(directory: Path, marker: Path) -> Path:
    directory.mkdir(parents=True)
    for name, text in BAD_ONTOLOGY.items():
        (directory / name).write_text(text.replace("{marker}", str(marker)), encoding="utf-8")
    (directory / "datasets.yaml").write_bytes(b"- id: dataset:ok\n  label: caf\xe9\n  type: DATASET\n")
    return directory


def ontology_problems(result: Result, directory: Path) -> set[tuple[str, int, str]]:
    """The problems of the report, each checked to be one ``file:line: E1xx`` line, then the count line."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines and re.fullmatch(r"E109 (\d+) ontology problem\(s\) found", lines[-1]), result.describe()
    found = set()
    for line in lines[:-1]:
        match = ONTOLOGY_PROBLEM.match(line)
        assert match, f"not a 'file:line: E1xx message' line: {line!r}\n{result.describe()}"
        assert Path(match["path"]).resolve().parent == directory.resolve(), line
        found.add((Path(match["path"]).name, int(match["line"]), match["code"]))
    assert int(lines[-1].split()[1]) == len(lines) - 1, result.describe()
    return found


@pytest.mark.slow
def test_bad_ontology_reports_every_problem_with_file_and_line_before_any_work(tmp_path, inputs, prefect_env) -> None:
    marker = tmp_path / "yaml-executed-code"
    bad = write_bad_ontology(tmp_path / "bad-ontology", marker)
    out = tmp_path / "out"

    result = cli(["run", inputs["markup.jsonl"], "--ontology", bad, "--out", out], prefect_env, tmp_path, 60)

    assert result.returncode == 2, result.describe()
    assert_no_traceback(result)
    assert ontology_problems(result, bad) == EXPECTED_PROBLEMS
    assert "Starting temporary server" not in result.output, "Prefect started before the ontology was checked"
    assert not out.exists() and not staging_dirs(out)
    assert not marker.exists(), "a YAML tag ran code"
    assert result.seconds < 30, result.describe()

    check = cli(["ontology", "check", bad], prefect_env, tmp_path, 60)
    assert check.returncode == 2, check.describe()
    assert ontology_problems(check, bad) == EXPECTED_PROBLEMS
    assert not marker.exists()


@pytest.mark.slow
def test_yaml_alias_bomb_in_the_ontology_is_refused_in_bounded_time(tmp_path, prefect_env) -> None:
    """13 lines of anchors and aliases stand for 9**9 mappings: refused, not expanded."""
    bomb = tmp_path / "bomb"
    bomb.mkdir()
    levels = "\n".join(f"  {b}: &{b} [{', '.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi"))
    (bomb / "techniques.yaml").write_text(
        f"- id: technique:bomb\n  label: bomb\n  type: TECHNIQUE\n  a: &a [{', '.join(['{x: 1}'] * 9)}]\n{levels}\n",
        encoding="utf-8",
    )
    proc = start(["ontology", "check", str(bomb)], prefect_env, tmp_path)
    try:
        stdout, stderr = proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        pytest.fail("astro-ie ontology check still running after 5 s on a 13-line YAML file")
    assert proc.returncode == 2, stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert re.search(rf"^{re.escape(str(bomb / 'techniques.yaml'))}:\d+: E102 ", stderr, re.MULTILINE), stderr


# --- security ------------------------------------------------------------------------------------------


UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "marshal", "shelve", "joblib"}
UNSAFE_BUILTINS = {"eval", "exec", "compile", "__import__", "input"}
UNSAFE_ATTRIBUTES = {"unsafe_load", "unsafe_load_all", "full_load", "full_load_all", "read_pickle", "system", "popen"}


def _sources() -> list[Path]:
    return sorted([*(REPO / "pipeline").rglob("*.py"), *(REPO / "flows").rglob("*.py")])


def _safe_loader(module_name: str, node: ast.expr) -> bool:
    """A ``Loader=`` argument that names a subclass of yaml's SafeLoader."""
    safe = tuple(getattr(yaml, name) for name in ("SafeLoader", "CSafeLoader") if hasattr(yaml, name))
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "yaml":
        loader = getattr(yaml, node.attr, None)
    elif isinstance(node, ast.Name):
        loader = getattr(importlib.import_module(module_name), node.id, None)
    else:
        return False
    return isinstance(loader, type) and issubclass(loader, safe)


def test_nothing_read_is_unpickled_or_evaluated() -> None:
    """Scan pipeline/ and flows/: no pickle, eval, exec or unsafe YAML loader anywhere."""
    findings = []
    for path in _sources():
        relative = path.relative_to(REPO)
        module_name = ".".join(relative.with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            where = f"{relative}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Import):
                findings += [f"{where}: import {a.name}" for a in node.names if a.name.split(".")[0] in UNSAFE_MODULES]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UNSAFE_MODULES:
                findings.append(f"{where}: from {node.module} import")
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id in UNSAFE_BUILTINS:
                    findings.append(f"{where}: {func.id}()")
                elif isinstance(func, ast.Attribute) and func.attr in UNSAFE_ATTRIBUTES:
                    findings.append(f"{where}: .{func.attr}()")
                elif (
                    isinstance(func, ast.Attribute)
                    and func.attr in ("load", "load_all")
                    and isinstance(func.value, ast.Name)
                    and func.value.id == "yaml"
                ):
                    loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
                    if loader is None and len(node.args) > 1:
                        loader = node.args[1]
                    if loader is None or not _safe_loader(module_name, loader):
                        findings.append(f"{where}: yaml.{func.attr} without a safe loader")
                for keyword in node.keywords:
                    if keyword.arg in ("allow_pickle", "shell") and not (
                        isinstance(keyword.value, ast.Constant) and keyword.value.value is False
                    ):
                        findings.append(f"{where}: {keyword.arg}=")
    assert not findings, "\n".join(findings)


@pytest.mark.slow
def test_yaml_python_tag_is_an_error_not_executed(tmp_path, prefect_env) -> None:
    marker = tmp_path / "pwned"
    onto = tmp_path / "onto"
    shutil.copytree(MINI_ONTOLOGY, onto)
    (onto / "evil.yaml").write_text(
        f'- !!python/object/apply:os.system ["touch {marker}"]\n'
        f'- id: software:evil\n  label: !!python/object/new:os.system ["touch {marker}"]\n  type: SOFTWARE\n',
        encoding="utf-8",
    )
    result = cli(["ontology", "check", onto], prefect_env, tmp_path, 60)
    assert result.returncode == 2, result.describe()
    assert_no_traceback(result)
    assert re.search(
        rf"^{re.escape(str(onto / 'evil.yaml'))}:1: E102 .*python/object/apply:os\.system", result.stderr, re.MULTILINE
    ), result.describe()
    assert not marker.exists()


# --- atomic outputs: the pieces, in-process --------------------------------------------------------------


def test_atomic_open_failure_keeps_the_previous_file_and_leaves_no_temporary(tmp_path) -> None:
    target = tmp_path / "corpus.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    with pytest.raises(RuntimeError), pio.atomic_open(target) as handle:
        handle.write("half a new fi")
        raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.jsonl"]


def test_a_batch_cache_entry_cut_short_by_a_crash_is_tagged_again(tmp_path) -> None:
    """Cache entries are renamed into place without an fsync: one left short must not pass for the batch's tags."""
    from astro_ie import batching
    from astro_ie.models import Abstract
    from astro_ie.resources import default_ontology_dir

    batch, cache = tmp_path / "batch-000001.jsonl", tmp_path / "cache"
    texts = ["We classify TESS light curves with a convolutional neural network.",
             "Gaia DR3 astrometry and a random forest find wide binaries.",
             "A variational autoencoder compresses SDSS spectra."]
    batch.write_text("".join(Abstract(id=f"a{i}", title="", abstract=t).to_json_line() + "\n"
                             for i, t in enumerate(texts)), encoding="utf-8")
    ontology = str(default_ontology_dir())

    first = batching.extract_batch(batch, ontology, "h", cache)
    whole = Path(first.path).read_bytes()
    assert (first.cached, first.records, whole.count(b"\n")) == (False, 3, 3)
    assert batching.extract_batch(batch, ontology, "h", cache).cached

    Path(first.path).write_bytes(whole[: whole.index(b"\n") + 40])  # one line and a piece of the next
    again = batching.extract_batch(batch, ontology, "h", cache)
    assert (again.cached, again.records, Path(again.path).read_bytes()) == (False, 3, whole)
    Path(first.path).write_bytes(b"")
    assert batching.cached_part(batch, "h", cache) is None


def test_outputs_are_as_readable_as_any_file_the_user_writes(tmp_path) -> None:
    mask = os.umask(0o022)
    os.umask(mask)
    plain = tmp_path / "plain"
    plain.write_text("x")
    pio.write_text(tmp_path / "atomic", "x")
    assert (tmp_path / "atomic").stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "fallback"])
def test_publish_directory_swaps_in_the_new_set_and_hands_back_the_old(tmp_path, monkeypatch, exchange) -> None:
    if not exchange:
        monkeypatch.setattr(pio, "_exchange", lambda a, b: False)
    target, staging = tmp_path / "out", tmp_path / ".out.staging-1"
    target.mkdir()
    (target / "corpus.jsonl").write_text("old\n")
    staging.mkdir()
    (staging / "corpus.jsonl").write_text("new\n")
    pio.publish_directory(staging, target)
    assert (target / "corpus.jsonl").read_text() == "new\n"
    assert (staging / "corpus.jsonl").read_text() == "old\n"


def test_staging_of_a_dead_run_is_removed_and_a_live_one_kept(tmp_path) -> None:
    target = tmp_path / "out"
    dead = tmp_path / ".out.staging-0123456789ab"
    live = tmp_path / ".out.staging-ba9876543210"
    other = tmp_path / ".other.staging-0123456789ab"
    for directory in (dead, live, other):
        (directory / ".batches").mkdir(parents=True)
        (directory / "corpus.jsonl").write_text("partial")
        os.utime(directory, (time.time() - 60, time.time() - 60))
    holder = os.open(live, os.O_RDONLY | os.O_DIRECTORY)  # a run still going holds its lock
    try:
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pio.staging_directory(target) as staging:
            assert staging.is_dir() and staging.name.startswith(".out.staging-")
            assert not dead.exists(), "the staging directory of a dead run was left"
            assert live.exists(), "the staging directory of a live run was removed"
            assert pio.remove_stale_staging(target) == [], "this run's own staging directory is not stale"
        assert not staging.exists()
    finally:
        os.close(holder)
    assert other.exists()
    assert pio.remove_stale_staging(target) == [live]


def test_an_output_directory_that_is_not_a_run_is_refused(tmp_path) -> None:
    pio.check_replaceable(tmp_path / "new")
    (tmp_path / "empty").mkdir()
    pio.check_replaceable(tmp_path / "empty")
    run = tmp_path / "run"
    run.mkdir()
    (run / "manifest.json").write_text(json.dumps({"astro_ie": "0.1.0", "files": []}))
    pio.check_replaceable(run)
    for name, make in (
        ("notes", lambda p: (p.mkdir(), (p / "thesis.tex").write_text("years of work"))),
        ("other-manifest", lambda p: (p.mkdir(), (p / "manifest.json").write_text('{"name": "app"}'))),
        ("a-file", lambda p: p.write_text("x")),
    ):
        make(tmp_path / name)
        with pytest.raises(OutputError, match="E201"):
            pio.check_replaceable(tmp_path / name)


# --- the bad-input catalogue through astro-ie ingest ----------------------------------------------------------


INGEST_FAILURES = [
    # (input, extra arguments, line, code)
    ("empty.jsonl", [], None, "E002"),
    ("empty.txt", [], None, "E002"),
    ("blank.jsonl", [], None, "E002"),
    ("binary.jsonl", [], 1, "E003"),
    ("image.bin", [], 3, "E003"),
    ("latin1.jsonl", [], 2, "E004"),
    ("latin1.txt", [], 2, "E004"),
    ("utf16.jsonl", [], 1, "E004"),
    ("long-line.jsonl", [], 2, "E022"),
    ("long-line.txt", [], 1, "E022"),
    ("ten-thousand.jsonl", [], 5001, "E007"),
    ("duplicates.jsonl", [], 3, "E009"),
]


@pytest.mark.slow
@pytest.mark.parametrize("name, extra, line, code", INGEST_FAILURES, ids=[case[0] for case in INGEST_FAILURES])
def test_ingest_refuses_bad_input_in_one_line_and_keeps_the_previous_output(
    tmp_path, inputs, prefect_env, name, extra, line, code
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    previous = write_jsonl(
        out / "abstracts.jsonl", [{"schema_version": "1.0", "id": "prev", "title": "t", "abstract": "a"}]
    ).read_bytes()
    result = cli(["ingest", inputs[name], "--out", out, *extra], prefect_env, tmp_path, INGEST_TIMEOUT)
    assert_user_error(result, inputs[name], line, code)
    assert files_of(out) == {"abstracts.jsonl": previous}
    assert result.seconds < 60, result.describe()


SKIP_BAD_INPUTS = ["markup.jsonl", "ten-thousand.jsonl", "duplicates.jsonl", "latin1.jsonl", "long-line.jsonl"]
"""Markup first, so that the report (which embeds the first abstracts) shows it."""
SKIPPED = (
    "duplicates.jsonl:3: E009",
    "latin1.jsonl:2: E004",
    "long-line.jsonl:2: E022",
    "ten-thousand.jsonl:5001: E007",
)
GOOD_RECORDS = len(MARKUP_RECORDS) + 9_999 + 3 + 1 + 1


@pytest.mark.slow
def test_ingest_skip_bad_reports_each_bad_record_and_keeps_the_rest(tmp_path, inputs, prefect_env) -> None:
    out = tmp_path / "out"
    result = cli(
        ["ingest", *(inputs[n] for n in SKIP_BAD_INPUTS), "--out", out, "--skip-bad"],
        prefect_env,
        tmp_path,
        INGEST_TIMEOUT,
    )
    assert result.returncode == 0, result.describe()
    assert_no_traceback(result)
    skipped = [line for line in result.stderr.splitlines() if line.startswith("astro-ie: skipped: ")]
    assert len(skipped) == len(SKIPPED), result.describe()
    for where in SKIPPED:
        assert sum(f"/{where} " in line for line in skipped) == 1, f"{where} not reported\n{result.describe()}"
    assert f"E014 {len(SKIPPED)} bad record(s) skipped" in result.stderr
    records = assert_valid_records(out / "abstracts.jsonl", ABSTRACT_SCHEMA)
    assert len(records) == GOOD_RECORDS
    by_id = {r["id"]: r for r in records}
    assert len(by_id) == len(records)
    for given in MARKUP_RECORDS:
        kept = by_id[given["id"]]
        assert kept["abstract"] == given["abstract"].strip()
        assert kept["title"] == (given["title"] if given["id"] in VERBATIM_TITLES else " ".join(given["title"].split()))
    assert result.seconds < 60


# --- the bad-input catalogue through astro-ie run ------------------------------------------------------------


RUN_FAILURES_BEFORE_PREFECT = [
    ("empty.jsonl", None, "E002"),
    ("binary.jsonl", 1, "E003"),
    ("image.bin", 3, "E003"),
    ("utf16.jsonl", 1, "E004"),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, line, code", RUN_FAILURES_BEFORE_PREFECT, ids=[case[0] for case in RUN_FAILURES_BEFORE_PREFECT]
)
def test_run_refuses_an_unreadable_file_before_starting_prefect(
    tmp_path, inputs, ontology_dir, prefect_env, name, line, code
) -> None:
    out = tmp_path / "out"
    result = cli(
        ["run", inputs["markup.jsonl"], inputs[name], "--out", out, "--ontology", ontology_dir],
        prefect_env,
        tmp_path,
        60,
    )
    assert_user_error(result, inputs[name], line, code)
    assert "Starting temporary server" not in result.output
    assert not out.exists() and not leftovers(tmp_path)


@pytest.mark.slow
def test_run_refuses_to_replace_a_directory_that_is_not_a_run(tmp_path, inputs, ontology_dir, prefect_env) -> None:
    """Publishing swaps the whole --out directory: one holding the user's own files must not be deleted."""
    mine = tmp_path / "my-papers"
    mine.mkdir()
    (mine / "thesis.tex").write_text("years of work", encoding="utf-8")
    result = cli(["run", inputs["markup.jsonl"], "--out", mine, "--ontology", ontology_dir], prefect_env, tmp_path, 60)
    assert_user_error(result, mine, None, "E201")
    assert "Starting temporary server" not in result.output
    assert files_of(mine) == {"thesis.tex": b"years of work"}
    assert not leftovers(tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("options", [[], ["--workers", "2", "--batch-size", "64"]], ids=["one-process", "pool"])
def test_run_stops_at_the_malformed_record_among_ten_thousand(
    tmp_path, inputs, ontology_dir, prefect_env, options
) -> None:
    """With a pool, batches are tagged while ingest goes on: the error still ends the run cleanly."""
    out = tmp_path / "out"
    result = cli(
        [
            "run",
            inputs["ten-thousand.jsonl"],
            "--out",
            out,
            "--ontology",
            ontology_dir,
            "--cache-dir",
            tmp_path / "cache",
            *options,
        ],
        prefect_env,
        tmp_path,
        RUN_TIMEOUT,
    )
    assert_user_error(result, inputs["ten-thousand.jsonl"], 5001, "E007")
    assert not out.exists() and not leftovers(tmp_path)
    if options:  # the 78 batches before the bad record were being tagged when ingest failed
        assert list((tmp_path / "cache").rglob("*.jsonl")), "no batch was tagged while ingest ran"


@pytest.mark.slow
def test_run_skip_bad_gives_a_correct_escaped_output_for_the_whole_catalogue(
    tmp_path, inputs, ontology_dir, prefect_env
) -> None:
    """One run over every record-level problem with --skip-bad."""
    work = tmp_path / "work"  # ids like ../../evil must not reach outside this
    work.mkdir()
    out = work / "out"
    passwd = Path("/etc/passwd")
    passwd_before = passwd.read_bytes() if passwd.exists() else None
    result = cli(
        [
            "run",
            *(inputs[n] for n in SKIP_BAD_INPUTS),
            "--out",
            out,
            "--ontology",
            ontology_dir,
            "--abstracts",
            "--skip-bad",
            "--cache-dir",
            tmp_path / "cache",
        ],
        prefect_env,
        tmp_path,
        RUN_TIMEOUT,
    )

    assert result.returncode == 0, result.describe()
    assert_no_traceback(result)
    for skipped in SKIPPED:
        assert skipped in result.output, f"skipping {skipped} was not reported\n{result.describe()}"
    manifest = assert_complete_run(out)
    assert manifest["counts"]["skipped"] == len(SKIPPED)
    abstracts = assert_valid_records(out / "abstracts.jsonl", ABSTRACT_SCHEMA)
    corpus = assert_valid_records(out / "corpus.jsonl", CORPUS_SCHEMA)
    assert [r["id"] for r in corpus] == [r["id"] for r in abstracts]
    assert len(corpus) == GOOD_RECORDS
    assert_offsets_index_text(corpus)
    for name in ("abstracts.jsonl", "corpus.jsonl"):  # readers that split on U+2028 and the like
        assert len((out / name).read_text(encoding="utf-8").splitlines()) == GOOD_RECORDS, name

    by_id = {r["id"]: r for r in corpus}
    for given in MARKUP_RECORDS:
        record = by_id[given["id"]]
        assert record["text"][record["abstract_start"] :] == given["abstract"].strip(), given["id"]
        if given["id"] in VERBATIM_TITLES:
            assert record["title"] == given["title"]
            assert record["text"].startswith(given["title"])
    acronyms = by_id["acronyms-10000"]["entities"]
    assert sum(e["text"] == "CNN" for e in acronyms) == 10_001

    # Ids never become paths: nothing was written beside the output, or to /etc.
    assert sorted(p.name for p in work.iterdir()) == ["out"]
    assert not list(tmp_path.rglob("*evil*"))
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
    if passwd_before is not None:
        assert passwd.read_bytes() == passwd_before

    # Every HTML page escapes the corpus text it shows, and links to no path built from an id.
    pages = sorted(out.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        links = re.findall(r"""(?:href|src)\s*=\s*["']([^"']*)""", text)
        assert all(
            link.startswith(("#", "data:", "https://", "http://")) or (out / link).is_file() for link in links
        ), sorted({link for link in links if not link.startswith("#")})
        for raw in RAW_MARKUP:
            assert raw not in text, f"{page.name} holds raw corpus markup {raw!r}"
        escaped = (
            "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;",
            "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;",
            "&lt;script&gt;alert('xss')&lt;/script&gt;",
        )
        assert any(form in text for form in escaped), f"{page.name} does not show the title escaped"


@pytest.mark.slow
def test_jsonl_outputs_survive_readers_that_split_on_any_line_boundary(tmp_path, inputs, prefect_env) -> None:
    """U+2028, U+0085, \\x0b... in a record are escaped: str.splitlines() still gives one record a line."""
    out = tmp_path / "out"
    result = cli(["ingest", inputs["markup.jsonl"], "--out", out], prefect_env, tmp_path, INGEST_TIMEOUT)
    assert result.returncode == 0, result.describe()
    for line in (out / "abstracts.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)


# --- killed runs, determinism ------------------------------------------------------------------------------------


@dataclass
class Run:
    out: Path
    files: dict[str, bytes]
    result: Result


@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory) -> Path:
    make_corpus = _load_make_corpus()
    return write_jsonl(
        tmp_path_factory.mktemp("kill-corpus") / "synthetic.jsonl", make_corpus.synthetic_records(KILL_CORPUS_SIZE)
    )


def run_args(corpus: Path, out: Path, ontology: Path, cache: Path, workers: int = 1) -> list[str]:
    return [
        "run",
        str(corpus),
        "--out",
        str(out),
        "--ontology",
        str(ontology),
        "--batch-size",
        str(KILL_BATCH_SIZE),
        "--workers",
        str(workers),
        "--cache-dir",
        str(cache),
        "--abstracts",
    ]


@pytest.fixture(scope="module")
def first_run(tmp_path_factory, kill_corpus, ontology_dir, prefect_env) -> Run:
    """A complete run with --workers 1: the previous outputs of the kill test, the reference of determinism."""
    root = tmp_path_factory.mktemp("first-run")
    out = root / "out"
    result = cli(run_args(kill_corpus, out, ontology_dir, root / "cache"), prefect_env, root, RUN_TIMEOUT)
    assert result.returncode == 0, result.describe()
    assert_no_traceback(result)
    return Run(out, files_of(out), result)


def kill_when(
    args: list[str],
    env: dict[str, str],
    cwd: Path,
    log: Path,
    moment: Callable[[], bool],
    delay: float = 0.0,
    timeout: float = RUN_TIMEOUT,
) -> tuple[bool, str]:
    """Start a run; SIGKILL its process group once ``moment()`` holds (then ``delay`` s later).

    Returns whether the kill landed while the run was still going, and its log.
    Every process of the run (its Prefect server too) must be gone after the kill.
    """
    import psutil

    proc = start(args, env, cwd, log)
    try:
        deadline = time.monotonic() + timeout
        while not moment():
            if proc.poll() is not None:
                return False, log.read_text(encoding="utf-8")
            if time.monotonic() > deadline:
                pytest.fail(f"the moment to kill never came:\n{log.read_text(encoding='utf-8')[-4000:]}")
            time.sleep(0.002)
        time.sleep(delay)
        try:
            family = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            family = []
        alive = proc.poll() is None
        kill_group(proc)
        _, survivors = psutil.wait_procs(family, timeout=10)
        for survivor in survivors:
            survivor.kill()
        assert not survivors, f"processes outlived the killed run: {survivors}"
        return alive, log.read_text(encoding="utf-8")
    finally:
        if proc.poll() is None:
            kill_group(proc)


def assert_previous_outputs_intact(out: Path, previous: dict[str, bytes]) -> None:
    assert files_of(out) == previous, "the previous outputs changed"
    assert_complete_run(out)


@pytest.mark.slow
def test_a_killed_run_leaves_the_previous_outputs_whole_and_the_next_run_succeeds(
    tmp_path, first_run, kill_corpus, ontology_dir, prefect_env
) -> None:
    out = tmp_path / "out"
    shutil.copytree(first_run.out, out)
    previous = files_of(out)
    assert previous == first_run.files
    cache = tmp_path / "cache-killed"
    batches = -(-KILL_CORPUS_SIZE // KILL_BATCH_SIZE)

    # 1. Killed while extracting: the batches are cut, none of the corpus is written yet.
    def extracting() -> bool:
        return any((s / "abstracts.jsonl").exists() for s in staging_dirs(out))

    alive, log = kill_when(
        run_args(kill_corpus, out, ontology_dir, cache),
        prefect_env,
        tmp_path,
        tmp_path / "killed-1.log",
        extracting,
        delay=0.5,
    )
    assert alive, f"the run ended before it could be killed:\n{log[-4000:]}"
    stale = staging_dirs(out)
    assert len(stale) == 1 and not (stale[0] / "corpus.jsonl").exists(), [p.name for p in stale]
    assert len(list(cache.rglob("*.jsonl"))) < batches, "extraction was over before the kill"
    assert_previous_outputs_intact(out, previous)

    # 2. Killed as late as can be: the staging directory is complete, manifest.json included.
    def complete() -> bool:
        return any((s / "manifest.json").exists() for s in staging_dirs(out))

    alive, log = kill_when(
        run_args(kill_corpus, out, ontology_dir, cache), prefect_env, tmp_path, tmp_path / "killed-2.log", complete
    )
    assert "Traceback" not in log
    if alive and files_of(out) == previous:
        assert_complete_run(out)
    else:  # the kill came after the swap: the new set, whole, and the same bytes but for the manifest
        assert_complete_run(out)
        assert without_manifest(files_of(out)) == without_manifest(previous)
    assert not (stale[0]).exists(), "the second run did not clean the first one's staging directory"

    # 3. The next run cleans up after the dead ones and succeeds, with a cache of its own: same bytes.
    result = cli(run_args(kill_corpus, out, ontology_dir, tmp_path / "cache-next"), prefect_env, tmp_path, RUN_TIMEOUT)
    assert result.returncode == 0, result.describe()
    assert_no_traceback(result)
    assert not leftovers(tmp_path), leftovers(tmp_path)
    assert_complete_run(out)
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]["cached_batches"] == 0
    assert without_manifest(files_of(out)) == without_manifest(previous), "a second run changed the outputs"


@pytest.mark.slow
def test_two_workers_publish_the_same_bytes_as_one(tmp_path, first_run, kill_corpus, ontology_dir, prefect_env) -> None:
    out = tmp_path / "out"
    result = cli(
        run_args(kill_corpus, out, ontology_dir, tmp_path / "cache", workers=2), prefect_env, tmp_path, RUN_TIMEOUT
    )
    assert result.returncode == 0, result.describe()
    assert_no_traceback(result)
    manifest = assert_complete_run(out)
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]["cached_batches"] == 0
    assert manifest["parameters"]["workers"] == 2
    # The pool's processes report to the flow's temporary API server instead of starting their own.
    assert result.output.count("Starting temporary server") == 1, result.describe()
    mine, reference = without_manifest(files_of(out)), without_manifest(first_run.files)
    assert sorted(mine) == sorted(reference)
    differ = [name for name in sorted(mine) if mine[name] != reference[name]]
    assert not differ, f"--workers 2 and --workers 1 differ in {differ}"


@pytest.mark.slow
def test_every_record_of_a_run_validates_against_the_schemas(first_run) -> None:
    abstracts = assert_valid_records(first_run.out / "abstracts.jsonl", ABSTRACT_SCHEMA)
    corpus = assert_valid_records(first_run.out / "corpus.jsonl", CORPUS_SCHEMA)
    assert len(abstracts) == len(corpus) == KILL_CORPUS_SIZE
    assert_offsets_index_text(corpus)
    assert_complete_run(first_run.out)


def test_errors_survive_the_trip_from_a_worker_process() -> None:
    """A pool or Dask worker sends its exception to the flow pickled: it must arrive whole."""
    import pickle

    from astro_ie.errors import InputError, OntologyError

    sent = [
        OutputError("E201", "/data/cache/ab/ab12.jsonl", detail="No space left on device"),
        InputError("E004", "abstracts.jsonl", 12, byte=0xFF, column=7),
        OntologyError([InputError("E001", "ontologies/techniques.yaml")]),
    ]
    for error in sent:
        received = pickle.loads(pickle.dumps(error))
        assert type(received) is type(error)
        assert str(received) == str(error) and received.one_line() == error.one_line()
        assert (received.code, received.path, received.line) == (error.code, error.path, error.line)
    assert [p.one_line() for p in received.problems] == ["ontologies/techniques.yaml: E001 file not found"]
