"""Fields of an archive's record (arXiv, ADS, Indico) checked one by one, each problem one error line.

The archive readers map a source's own field names onto :class:`Abstract`;
what they share is here: a required string, a list of strings, a date that
may give only a month or a year, and building the record.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..models import Abstract
from .files import json_type

_PARTIAL_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?(?:[T ].*)?$")


class Fields:
    """The fields of one source record, with the file and line its errors name."""

    def __init__(self, fields: dict[str, Any], path: Path, line: int) -> None:
        self.fields = fields
        self.path = path
        self.line = line

    def error(self, detail: str) -> InputError:
        return InputError("E012", self.path, self.line, detail=detail)

    def missing(self, name: str) -> InputError:
        return InputError("E008", self.path, self.line, field=name)

    def string(self, name: str, *, required: bool = False) -> str:
        """The field as a string ('' when absent or null); E008 if required and blank."""
        value = self.fields.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            raise self.error(f"'{name}' must be a string, not a {json_type(value)}")
        value = (value or "").strip()
        if required and not value:
            raise self.missing(name)
        return value

    def strings(self, name: str) -> list[str]:
        """The field as a list of strings: a list as it is, a single string as a list of one."""
        value = self.fields.get(name)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(f"'{name}' must be a list of strings")
        return value

    def objects(self, name: str) -> list[dict[str, Any]]:
        value = self.fields.get(name)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.error(f"'{name}' must be a list of objects")
        return value

    def build(self, **values: Any) -> Abstract:
        try:
            return Abstract(**values, source=self.path.name, line=self.line)
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(part) for part in problem["loc"])
            raise self.error(f"{where}: {problem['msg']}" if where else problem["msg"]) from None


def partial_date(text: str) -> tuple[dt.date, str] | None:
    """A date that may lack its day or month ('2024-07-00', '2024-07', '2024'), and its precision.

    A missing or zero day or month becomes the first one: '2024-07-00' is
    (2024-07-01, 'month'). ``None`` when the text is no such date.
    """
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        return None
    year, month, day = int(match["year"]), int(match["month"] or 0), int(match["day"] or 0)
    precision = "day" if day else "month" if month else "year"
    try:
        return dt.date(year, month or 1, day or 1), precision
    except ValueError:
        return None


def date_fields(found: tuple[dt.date, str] | None) -> tuple[dt.date | None, dict[str, str]]:
    """The record's date, and the metadata noting a date known only to the month or year."""
    if found is None:
        return None, {}
    date, precision = found
    return date, ({} if precision == "day" else {"date_precision": precision})
