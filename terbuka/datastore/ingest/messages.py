"""Error reports of the ingest pipeline, translated only when shown.

The pipeline has no Django imports, so it cannot call Django's gettext itself. Each message is
an English template marked with `gettext_noop` (so `terbuka messages datastore` extracts it
into the app's catalogue) and the app installs Django's gettext with `set_translator` at
start-up; a message is rendered in the reader's language when `str()` is called on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def gettext_noop(text: str) -> str:
    return text


_translate: Callable[[str], str] = gettext_noop


def set_translator(fn: Callable[[str], str]) -> None:
    global _translate
    _translate = fn


MESSAGES: dict[str, str] = {
    "empty_file": gettext_noop("The file is empty."),
    "no_rows": gettext_noop("The file has a header but no data rows."),
    "binary_file": gettext_noop(
        "This is not a text table: the file looks like %(kind)s. Save it as CSV (UTF-8) or "
        "upload it with the right extension."),
    "encoding": gettext_noop(
        "The text cannot be read as %(encoding)s near this row. Save the file as CSV UTF-8."),
    "header_empty": gettext_noop("Column %(position)s has no name in the header row."),
    "header_duplicate": gettext_noop("The column name %(name)s appears more than once."),
    "header_reserved": gettext_noop("The column name %(name)s is reserved; rename the column."),
    "missing_cells": gettext_noop(
        "This row has %(actual)s cells but the header has %(expected)s."),
    "extra_cells": gettext_noop(
        "This row has %(actual)s cells but the header has %(expected)s."),
    "stray_quote": gettext_noop(
        "A quotation mark is out of place (%(detail)s). Put quotation marks around the whole "
        "cell and double any quotation mark inside it."),
    "csv_syntax": gettext_noop("The CSV cannot be read here: %(detail)s."),
    "json_syntax": gettext_noop("The JSON cannot be read here: %(detail)s."),
    "json_shape": gettext_noop(
        "The JSON must be a list of objects (one object per row); found %(found)s."),
    "json_unknown_key": gettext_noop(
        "The key %(name)s is not among the keys of the first record."),
    "xlsx_unreadable": gettext_noop("The Excel file cannot be opened: %(detail)s."),
    "required": gettext_noop("A value is required."),
    "type_integer": gettext_noop("%(value)s is not a whole number."),
    "type_number": gettext_noop("%(value)s is not a number (expected for example %(example)s)."),
    "type_boolean": gettext_noop("%(value)s is not yes/no (ya/tidak, true/false)."),
    "type_date": gettext_noop("%(value)s is not a date in the form %(example)s."),
    "type_datetime": gettext_noop("%(value)s is not a date and time in the form %(example)s."),
    "type_year": gettext_noop("%(value)s is not a year."),
    "enum": gettext_noop("%(value)s is not one of the allowed values: %(allowed)s."),
    "minimum": gettext_noop("%(value)s is less than the minimum %(limit)s."),
    "maximum": gettext_noop("%(value)s is more than the maximum %(limit)s."),
    "pattern": gettext_noop("%(value)s does not match the required pattern."),
    "unique": gettext_noop("%(value)s also appears in row %(other)s; values must be unique."),
    "primary_key": gettext_noop(
        "The key %(value)s also appears in row %(other)s; each row needs its own key."),
    "kode_referensi": gettext_noop("%(value)s: %(detail)s"),
    "schema_field_missing": gettext_noop(
        "The schema declares the column %(name)s but the file does not have it."),
    "schema_field_extra": gettext_noop(
        "The file has the column %(name)s which the schema does not declare."),
    "schema_invalid": gettext_noop("The table schema is not valid: %(detail)s."),
    "internal": gettext_noop(
        "The file could not be processed because of a fault on our side; it has been logged. "
        "Try again later."),
    "too_many_errors": gettext_noop(
        "%(count)s more errors are not listed; correct the ones above and upload again."),
}


@dataclass(frozen=True)
class IngestError:
    """One problem: where (row as a spreadsheet shows it, column name) and why."""

    code: str
    row: int | None = None
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        template = _translate(MESSAGES[self.code])
        try:
            return template % self.params
        except (KeyError, TypeError, ValueError):
            return template

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "row": self.row, "column": self.column,
                "message": self.message, "params": {k: _plain(v) for k, v in self.params.items()}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IngestError:
        return cls(code=data["code"], row=data.get("row"), column=data.get("column"),
                   params=dict(data.get("params") or {}))


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


class ErrorList:
    """Collects errors up to a limit, counting the rest so the report says how many more."""

    def __init__(self, limit: int = 1000):
        self.limit = limit
        self.items: list[IngestError] = []
        self.total = 0

    def add(self, code: str, row: int | None = None, column: str | None = None,
            **params: Any) -> None:
        self.total += 1
        if len(self.items) < self.limit:
            self.items.append(IngestError(code, row, column, params))

    @property
    def full(self) -> bool:
        return len(self.items) >= self.limit

    def __bool__(self) -> bool:
        return self.total > 0

    def report(self) -> list[IngestError]:
        items = sorted(self.items, key=lambda e: (e.row or 0, e.column or ""))
        if self.total > len(self.items):
            items.append(IngestError("too_many_errors", params={"count": self.total - len(items)}))
        return items
