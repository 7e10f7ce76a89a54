"""A Frictionless Table Schema subset: the types and constraints Terbuka checks, read from a
descriptor or inferred from a sample of the data.

Beyond the standard, a field may carry `kodeReferensi` (for example "wilayah.desa"): the code
list its values must come from. Number fields use the standard `decimalChar`/`groupChar`, so
Indonesian numbers (`1.234,56`) are `decimalChar=","`, `groupChar="."`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

TYPES = ("string", "integer", "number", "boolean", "date", "datetime", "year")
TRUE_VALUES = ("true", "ya", "y", "yes", "benar")
FALSE_VALUES = ("false", "tidak", "t", "no", "n", "salah")

# Date formats tried in this order when inferring; "id-month" is "17 Agustus 2024".
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "id-month")
DATE_EXAMPLES = {"%Y-%m-%d": "2024-08-17", "%d/%m/%Y": "17/08/2024", "%d-%m-%Y": "17-08-2024",
                 "id-month": "17 Agustus 2024", "default": "2024-08-17"}
DATETIME_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M")

MONTHS_ID = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agust": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11, "nop": 11,
    "desember": 12, "des": 12,
}
_ID_MONTH_RE = re.compile(r"^\d{1,2}[ \-]+([A-Za-z]+)\.?[ \-]+\d{4}$")

# Names that hold codes or identifiers: kept as text even when they look numeric, so leading
# zeros and dotted wilayah codes survive.
_CODE_NAME = re.compile(
    r"^(kode|kd|code|id|nik|nip|nomor|no|telp|telepon|hp|npwp|no_kk)([\s_.\-]|$)"
    r"|[\s_\-](id|kode|code|nik)$", re.IGNORECASE)


@dataclass
class Field:
    name: str
    type: str = "string"
    format: str = "default"
    title: str = ""
    description: str = ""
    required: bool = False
    unique: bool = False
    enum: list[str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    decimal_char: str = "."
    group_char: str = ""
    kode_referensi: str = ""

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.format != "default":
            out["format"] = self.format
        for key in ("title", "description"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.type == "number":
            if self.decimal_char != ".":
                out["decimalChar"] = self.decimal_char
            if self.group_char:
                out["groupChar"] = self.group_char
        if self.type == "integer" and self.group_char:
            out["groupChar"] = self.group_char
        if self.kode_referensi:
            out["kodeReferensi"] = self.kode_referensi
        constraints: dict[str, Any] = {}
        for key in ("required", "unique"):
            if getattr(self, key):
                constraints[key] = True
        for key in ("enum", "minimum", "maximum", "pattern"):
            if getattr(self, key) is not None:
                constraints[key] = getattr(self, key)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass
class Schema:
    fields: list[Field]
    primary_key: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {"fields": [f.descriptor() for f in self.fields]}
        if self.primary_key:
            out["primaryKey"] = list(self.primary_key)
        return out


class SchemaError(ValueError):
    pass


def from_descriptor(data: dict[str, Any]) -> Schema:
    """Read a Table Schema descriptor; raises SchemaError naming what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("fields"), list):
        raise SchemaError("fields must be a list")
    fields = []
    for index, item in enumerate(data["fields"]):
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():
            raise SchemaError(f"field {index + 1} has no name")
        ftype = item.get("type", "string")
        if ftype == "any":
            ftype = "string"
        if ftype not in TYPES:
            raise SchemaError(f"field {item['name']}: type {ftype} is not supported")
        constraints = item.get("constraints") or {}
        enum = constraints.get("enum")
        fields.append(Field(
            name=str(item["name"]).strip(), type=ftype, format=item.get("format", "default"),
            title=item.get("title", ""), description=item.get("description", ""),
            required=bool(constraints.get("required")), unique=bool(constraints.get("unique")),
            enum=[str(v) for v in enum] if enum is not None else None,
            minimum=constraints.get("minimum"), maximum=constraints.get("maximum"),
            pattern=constraints.get("pattern"),
            decimal_char=item.get("decimalChar", "."), group_char=item.get("groupChar", ""),
            kode_referensi=item.get("kodeReferensi", ""),
        ))
        if fields[-1].pattern is not None:
            try:
                re.compile(fields[-1].pattern)
            except re.error as err:
                raise SchemaError(f"field {item['name']}: pattern: {err}") from err
    names = [f.name for f in fields]
    if len(set(names)) != len(names):
        raise SchemaError("field names must be unique")
    pk = data.get("primaryKey") or []
    if isinstance(pk, str):
        pk = [pk]
    for name in pk:
        if name not in names:
            raise SchemaError(f"primaryKey {name} is not a field")
    return Schema(fields=fields, primary_key=list(pk))


# --- inference ---------------------------------------------------------------------------

_INT_PLAIN = re.compile(r"^[+-]?\d+$")
_INT_DOT_GROUPS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_INT_COMMA_GROUPS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
_NUM_EN = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$")
_NUM_ID = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)?(,\d+)?$")
# Unambiguous evidence of a convention: a comma decimal, or several dot groups (Indonesian);
# a dot decimal that is not three digits long, or comma groups (English).
_EVIDENCE_ID = re.compile(r"^[+-]?\d+(\.\d{3})*,\d+$|^[+-]?\d{1,3}(\.\d{3}){2,}$")
_EVIDENCE_EN = re.compile(r"^[+-]?\d+\.(\d{1,2}|\d{4,})$|^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DATE_RES = {
    "%Y-%m-%d": re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$"),
    "%d/%m/%Y": re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$"),
    "%d-%m-%Y": re.compile(r"^\d{1,2}-\d{1,2}-\d{4}$"),
}
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$")


def number_convention(columns: dict[str, list[str]], delimiter: str = ",") -> str:
    """"id" (1.234,56) or "en" (1,234.56) for a file, from the evidence in all its columns; a
    semicolon-separated file (what Excel writes in an Indonesian locale) breaks a tie."""
    id_votes = en_votes = 0
    for values in columns.values():
        for value in values:
            if _EVIDENCE_ID.match(value):
                id_votes += 1
            elif _EVIDENCE_EN.match(value):
                en_votes += 1
    if id_votes != en_votes:
        return "id" if id_votes > en_votes else "en"
    return "id" if delimiter == ";" else "en"


def _is_id_month_date(value: str) -> bool:
    match = _ID_MONTH_RE.match(value)
    return bool(match) and match.group(1).lower() in MONTHS_ID


def _valid_date(value: str, fmt: str) -> bool:
    if fmt == "id-month":
        return _is_id_month_date(value)
    if not _DATE_RES[fmt].match(value):
        return False
    parts = re.split(r"[-/]", value)
    year, month, day = (parts if fmt == "%Y-%m-%d" else parts[::-1])
    return 1 <= int(month) <= 12 and 1 <= int(day) <= 31


def infer_field(name: str, values: list[str], convention: str) -> Field:
    values = [v for v in values if v != ""]
    fld = Field(name=name)
    if not values:
        return fld
    if _CODE_NAME.search(name.strip()):
        return fld
    if any(len(v) > 1 and v[0] == "0" and v[1].isdigit() for v in values):
        return fld  # leading zeros: a code, not a quantity
    lowered = {v.lower() for v in values}
    if lowered <= set(TRUE_VALUES + FALSE_VALUES) and len(lowered) <= 2 and (
            lowered & {"true", "false", "ya", "tidak", "benar", "salah", "yes", "no"}):
        fld.type = "boolean"
        return fld
    group_re = _INT_DOT_GROUPS if convention == "id" else _INT_COMMA_GROUPS
    if all(_INT_PLAIN.match(v) or group_re.match(v) for v in values):
        if any(group_re.match(v) for v in values):
            fld.group_char = "." if convention == "id" else ","
        big = any(len(v.lstrip("+-").replace(".", "").replace(",", "")) > 18 for v in values)
        fld.type = "string" if big else "integer"
        return fld
    num_re = _NUM_ID if convention == "id" else _NUM_EN
    if all(num_re.match(v) and any(c.isdigit() for c in v) for v in values):
        fld.type = "number"
        fld.decimal_char, fld.group_char = ("," , ".") if convention == "id" else (".", "")
        if convention == "en" and any("," in v for v in values):
            fld.group_char = ","
        return fld
    for fmt in DATE_FORMATS:
        if all(_valid_date(v, fmt) for v in values):
            fld.type, fld.format = "date", ("default" if fmt == "%Y-%m-%d" else fmt)
            return fld
    if all(_DATETIME_RE.match(v) for v in values):
        fld.type = "datetime"
        fld.format = "%Y-%m-%dT%H:%M:%S" if "T" in values[0] else "%Y-%m-%d %H:%M:%S"
        if len(values[0]) == 16:
            fld.format = fld.format[:-3]
        return fld
    return fld


def infer(header: list[str], columns: dict[str, list[str]], delimiter: str = ",") -> Schema:
    convention = number_convention(columns, delimiter)
    return Schema(fields=[infer_field(name, columns.get(name, []), convention) for name in header])
