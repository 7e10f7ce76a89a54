"""Turning a column of text cells into typed values, a whole Arrow array at a time.

Each converter returns the typed array (null where the cell is empty or invalid) and the
positions of invalid cells with the reason code, so a million-row file is checked with a few
vectorised passes instead of a Python call per cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from .schema import DATE_EXAMPLES, FALSE_VALUES, MONTHS_ID, TRUE_VALUES, Field

ARROW_TYPES = {
    "string": pa.string(), "integer": pa.int64(), "number": pa.float64(),
    "boolean": pa.bool_(), "date": pa.date32(), "datetime": pa.timestamp("s"),
    "year": pa.int32(),
}

_INT_RE = r"^[+-]?\d{1,18}$"
_NUM_RE = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
_MONTH_PATTERN = "|".join(sorted(MONTHS_ID, key=len, reverse=True))


@dataclass
class Converted:
    values: pa.Array
    missing: pa.Array  # boolean: the cell is empty
    invalid: pa.Array | None  # boolean: the cell has text that is not a value of the type
    code: str = ""
    example: str = ""


def arrow_type(fld: Field) -> pa.DataType:
    return ARROW_TYPES[fld.type]


def _strip(text: pa.Array) -> pa.Array:
    text = pc.utf8_trim_whitespace(text)
    return pc.fill_null(text, "")


def _bad(cleaned: pa.Array, missing: pa.Array, values: pa.Array) -> pa.Array:
    return pc.and_(pc.invert(missing), pc.is_null(values))


def _grouped_ok(text: pa.Array, group: str, decimal: str) -> pa.Array:
    """Group separators, where used, must split the whole part into threes (1.234.567)."""
    g, d = re.escape(group), re.escape(decimal) if decimal else None
    tail = rf"({d}\d+)?" if d else ""
    plain = rf"^[+-]?\d+{tail}$"
    grouped = rf"^[+-]?\d{{1,3}}({g}\d{{3}})+{tail}$"
    ok = pc.or_(pc.match_substring_regex(text, plain), pc.match_substring_regex(text, grouped))
    return pc.fill_null(ok, False)


def _zero_pad(text: pa.Array) -> pa.Array:
    # Twice, because a match consumes the separator the next single digit needs before it.
    for _ in range(2):
        text = pc.replace_substring_regex(text, r"(^|\D)(\d)(\D|$)", r"\1" "0" r"\2\3")
    return text


def _parse_dates(text: pa.Array, fmt: str, unit_date: bool) -> pa.Array:
    if fmt in ("default", "any") and unit_date:
        formats = ["%Y-%m-%d"] if fmt == "default" else ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y",
                                                             "id-month"]
    elif fmt in ("default", "any"):
        formats = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"]
    else:
        formats = [fmt]
    result = None
    for one in formats:
        source = text
        if one == "id-month":
            source = pc.utf8_lower(text)
            source = pc.replace_substring_regex(source, r"[\s\-]+", " ")
            source = pc.replace_substring_regex(source, r"\.", "")
            for name, number in sorted(MONTHS_ID.items(), key=lambda kv: -len(kv[0])):
                source = pc.replace_substring_regex(
                    source, rf"^(\d{{1,2}}) {name} (\d{{4}})$", rf"\1 {number} \2")
            one = "%d %m %Y"
        parsed = pc.strptime(source, format=one, unit="s", error_is_null=True)
        # strptime rolls 31/02 over into March; a date must print back as it was written.
        same = pc.equal(pc.strftime(parsed, format=one), _zero_pad(source))
        parsed = pc.if_else(pc.fill_null(same, False), parsed,
                            pa.scalar(None, parsed.type))
        result = parsed if result is None else pc.coalesce(result, parsed)
    if unit_date:
        return pc.cast(result, pa.date32())
    return result


def convert(text: pa.Array, fld: Field) -> Converted:
    cleaned = _strip(text)
    missing = pc.equal(cleaned, "")
    nulled = pc.if_else(missing, pa.scalar(None, pa.string()), cleaned)
    kind = fld.type
    if kind == "string":
        return Converted(nulled, missing, None)
    if kind == "integer" and not fld.group_char:
        try:  # the common case, a clean column: one strict cast, no regular expressions
            values = pc.cast(nulled, pa.int64())
            return Converted(values, missing, pc.and_(pc.invert(missing), pc.is_null(values)),
                             "type_integer", "")
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    if kind in ("integer", "year"):
        source = nulled
        grouped = None
        if fld.group_char:
            grouped = _grouped_ok(source, fld.group_char, "")
            source = pc.replace_substring(source, fld.group_char, "")
        ok = pc.match_substring_regex(source, _INT_RE if kind == "integer" else r"^\d{4}$")
        ok = pc.fill_null(ok, False)
        if grouped is not None:
            ok = pc.and_(ok, grouped)
        values = pc.cast(pc.if_else(ok, source, pa.scalar(None, pa.string())), arrow_type(fld))
        return Converted(values, missing, _bad(cleaned, missing, values),
                         "type_" + kind, "")
    if kind == "number":
        source = nulled
        grouped = None
        if fld.group_char:
            grouped = _grouped_ok(source, fld.group_char, fld.decimal_char)
            source = pc.replace_substring(source, fld.group_char, "")
        if fld.decimal_char != ".":
            # A dot in a comma-decimal column is an error, not a silently moved decimal point.
            has_dot = pc.fill_null(pc.match_substring(source, "."), False)
            source = pc.if_else(has_dot, pa.scalar("x"), source)
            source = pc.replace_substring(source, fld.decimal_char, ".")
        ok = pc.fill_null(pc.match_substring_regex(source, _NUM_RE), False)
        if grouped is not None:
            ok = pc.and_(ok, grouped)
        values = pc.cast(pc.if_else(ok, source, pa.scalar(None, pa.string())), pa.float64())
        example = "1.234,56" if fld.decimal_char == "," else "1234.56"
        return Converted(values, missing, _bad(cleaned, missing, values), "type_number", example)
    if kind == "boolean":
        lowered = pc.utf8_lower(nulled)
        is_true = pc.is_in(lowered, value_set=pa.array(TRUE_VALUES))
        is_false = pc.is_in(lowered, value_set=pa.array(FALSE_VALUES))
        values = pc.if_else(is_true, True, pc.if_else(is_false, False,
                                                       pa.scalar(None, pa.bool_())))
        values = pc.if_else(missing, pa.scalar(None, pa.bool_()), values)
        return Converted(values, missing, _bad(cleaned, missing, values), "type_boolean")
    if kind == "date" and fld.format == "default":
        try:  # ISO dates: Arrow's strict cast refuses 2024-02-31 by itself
            values = pc.cast(nulled, pa.date32())
            return Converted(values, missing, pc.and_(pc.invert(missing), pc.is_null(values)),
                             "type_date", DATE_EXAMPLES["default"])
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    if kind == "date":
        values = _parse_dates(nulled, fld.format, unit_date=True)
        return Converted(values, missing, _bad(cleaned, missing, values), "type_date",
                         DATE_EXAMPLES.get(fld.format, fld.format))
    if kind == "datetime":
        values = _parse_dates(nulled, fld.format, unit_date=False)
        example = "2024-08-17T08:30:00" if fld.format in ("default", "any") else fld.format
        return Converted(values, missing, _bad(cleaned, missing, values), "type_datetime",
                         example)
    raise ValueError(kind)


def pattern_mismatch(values: pa.Array, pattern: str) -> pa.Array:
    # Table Schema patterns match the whole value.
    anchored = "^(?:" + pattern + ")$"
    re.compile(anchored)
    return pc.invert(pc.fill_null(pc.match_substring_regex(values, anchored), True))
