"""One exception family for astro-ie, with a catalogue of coded messages.

Modelled on ``spacy/errors.py``: every message a user can see lives here, with a
stable code, so that documentation, tests and bug reports can refer to it. Each
error carries the file and line it is about; the CLI turns it into one line,
``path:line: E012 message``, and a non-zero exit, with no traceback.

Warnings (``W001``...) sit in the same module, as spaCy keeps them: the input is
usable but looks off. They reach the user through a reader's ``on_warning``
callback, or, when none is given, through Python's :mod:`warnings` as
:class:`InputWarning`.
"""

from __future__ import annotations

from pathlib import Path


class Errors:
    """The catalogue. ``{}`` fields are filled with ``str.format``."""

    # --- input (ingest) -------------------------------------------------
    E001 = "file not found"
    E002 = "file is empty"
    E003 = "file looks binary (NUL byte at offset {offset}), not text"
    E004 = "text is not UTF-8 (invalid byte 0x{byte:02x} at column {column})"
    E005 = "no abstract found: this does not look like a book of abstracts"
    E006 = "header '{header}' has no 'Speaker:' line before the next header"
    E007 = "line is not valid JSON: {detail}"
    E008 = "record lacks the required field '{field}'"
    E009 = "duplicate id '{id}' (first seen at line {first_line})"
    E010 = "cannot tell the input format of this file; pass --input-format"
    E011 = "CSV header lacks the required column '{field}'"
    E012 = "invalid record: {detail}"
    E013 = "unknown input format '{fmt}' (expected auto, book, jsonl, csv, arxiv, ads or indico)"
    E014 = "{count} bad record(s) skipped"
    E015 = "a field is larger than {limit} bytes"
    E016 = "header '{header}' has no title before its 'Speaker:' line"
    E017 = "header '{header}' has no abstract text after its 'Speaker:' line"
    E018 = "header '{header}' has no 'Speaker:' line before the end of the file"
    E019 = "'Speaker:' line names nobody"
    E020 = "'Speaker:' line with no 'Session / N' header before its title"
    E021 = "CSV header repeats the column '{field}'"
    E022 = "line is longer than {limit} bytes"
    E023 = "is a directory, not a file"
    E024 = "cannot read the file: {detail}"
    E025 = "not {source}: {detail}"

    # --- ontology ---------------------------------------------------------
    E101 = "ontology directory has no *.yaml files"
    E102 = "YAML error: {detail}"
    E103 = "invalid concept: {detail}"
    E104 = "duplicate concept id '{id}' (first defined at {first})"
    E105 = "alias '{alias}' is claimed by '{a}' and '{b}' with no rule that separates them"
    E106 = "'{id}' has a broader link to unknown concept '{target}'"
    E107 = "cyclic broader links: {cycle}"
    E108 = "'{id}' has a '{relation}' relation to unknown concept '{target}'"
    E109 = "{count} ontology problem(s) found"

    # --- outputs, evaluation, orchestration ------------------------------
    E201 = "cannot write output: {detail}"
    E202 = "gold file: {detail}"
    E203 = "prediction file: {detail}"
    E204 = "invalid parameter: {detail}"

    # --- ontology span rules and alias checks (issue 12) -------------------
    E110 = "span rules: {detail}"
    E111 = "alias '{alias}' of '{id}' {detail}"
    E112 = "word list '{key}': {detail}"

    # --- command line, serving, deployment (astro-ie run/serve/nlp) --------
    E205 = "cannot reach the Dask scheduler at {address} within {seconds:g} s"
    E206 = "cannot reach the Prefect API at {url}"
    E207 = "invalid cron schedule {cron!r}: {detail}"
    E208 = "directory not found"
    E209 = "no prediction has the id of a gold record: nothing to score"
    E210 = "the run failed: {detail}"
    E211 = "cannot write the spaCy pipeline: {detail}"
    E212 = "cannot use the storage {url}: {detail}"


Hints = {
    "E007": "--skip-bad skips bad records and reports each one",
    "E008": "--skip-bad skips bad records and reports each one",
    "E009": "--skip-bad skips bad records and reports each one",
    "E012": "--skip-bad skips bad records and reports each one",
    "E015": "--skip-bad skips bad records and reports each one",
    "E016": "--skip-bad skips bad records and reports each one",
    "E017": "--skip-bad skips bad records and reports each one",
    "E018": "--skip-bad skips bad records and reports each one",
    "E019": "--skip-bad skips bad records and reports each one",
    "E020": "--skip-bad skips bad records and reports each one",
    "E022": "--skip-bad skips bad records and reports each one",
    "E205": "start the scheduler (`dask scheduler`), check the address, or use --dask local",
    "E206": "start the server (`prefect server start`), or unset PREFECT_API_URL to run without one",
    "E207": "five fields: minute hour day-of-month month day-of-week, e.g. '0 6 * * 1'",
    "E209": "are the gold file and the predictions of the same corpus?",
    "E210": "run with --verbose for the traceback",
    "E212": "--storage takes an fsspec URL the flow and every Dask worker can write, e.g. "
            "file:///shared/astro-ie-staging or s3://bucket/prefix (with s3fs installed)",
}
"""What a user can do about an error, by code; the CLI prints it after the message."""


class AstroIEError(Exception):
    """Base of every error astro-ie reports to a user.

    ``code`` is an attribute name of :class:`Errors`; ``path`` and ``line``
    say where the problem is, when there is a where.
    """

    def __init__(
        self,
        code: str,
        path: str | Path | None = None,
        line: int | None = None,
        **fields: object,
    ) -> None:
        self.code = code
        self.path = str(path) if path is not None else None
        self.line = line
        self.fields = fields
        self.message = getattr(Errors, code).format(**fields)
        super().__init__(self.one_line())

    def __reduce__(self):
        # Raised in a pool or Dask worker, an error travels to the flow pickled:
        # rebuild it from its fields, not from its message.
        return _restore, (type(self), self.__dict__.copy())

    @property
    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def one_line(self) -> str:
        where = self.location
        text = f"{self.code} {self.message}"
        return f"{where}: {text}" if where else text

    @property
    def hint(self) -> str | None:
        """What to do about it, when the catalogue knows (:data:`Hints`)."""
        return Hints.get(self.code)


def _restore(cls: type[AstroIEError], state: dict) -> AstroIEError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, error.one_line())
    return error


class InputError(AstroIEError):
    """A source of abstracts cannot be read or holds a bad record."""


class OntologyError(AstroIEError):
    """The ontology does not validate. ``problems`` lists every finding."""

    def __init__(self, problems: list[AstroIEError]) -> None:
        self.problems = problems
        super().__init__("E109", count=len(problems))

    def one_line(self) -> str:  # pragma: no cover - exercised through str()
        return f"E109 {len(getattr(self, 'problems', []))} ontology problem(s) found"

    def report(self) -> str:
        """Every problem, one per line, then the count."""
        lines = [p.one_line() for p in self.problems]
        lines.append(self.one_line())
        return "\n".join(lines)


class OutputError(AstroIEError):
    """An output cannot be written."""


class EvaluationError(AstroIEError):
    """A gold or prediction file cannot be scored."""


# --- warnings -------------------------------------------------------------


class Warnings:
    """Catalogue of the warnings ingestion reports: the input is usable but looks off."""

    W001 = "the table of contents lists '{title}', but no abstract has this title"
    W002 = "the table of contents lists '{title}' once, but {count} abstracts have it (lines {lines})"
    W003 = "the table of contents lists '{title}' out of book order (its abstract is at line {found})"
    W004 = "abstract '{title}' is not in the table of contents"
    W005 = "text outside any abstract ignored: '{text}'"


class InputWarning(UserWarning):
    """An input astro-ie can read, but that looks off (a code of :class:`Warnings`)."""


def warning_line(code: str, path: str, line: int | None, **fields: object) -> str:
    """One warning as the one-line string reported to ``on_warning``: ``file:line: W00N text``."""
    where = f"{path}:{line}" if line is not None else path
    return f"{where}: {code} {getattr(Warnings, code).format(**fields)}"


def warn(message: str) -> None:
    """Report a warning line through Python's :mod:`warnings` (the default of ``on_warning``)."""
    import warnings

    warnings.warn(message, InputWarning, stacklevel=3)
