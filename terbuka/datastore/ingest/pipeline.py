"""The ingest pipeline: a file in, a validated Parquet table (or a precise error list) out.

    result = ingest("upload.csv", "table.parquet", schema=None, code_check=fn, progress=fn)

Nothing is kept when there is any error: the Parquet file is written to a temporary name and
renamed into place only when the whole file is valid, so the previous version stays live.
Memory does not grow with the file: readers stream batches, each batch is converted and
written before the next is read, and uniqueness is checked afterwards by DuckDB over the
written file (DuckDB spills to disk instead of holding every key).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import detect, sources
from .cluster import CLUSTER_MIN_ROWS, cluster, cluster_key
from .convert import arrow_type, convert, pattern_mismatch
from .messages import ErrorList, IngestError
from .schema import Schema, SchemaError, from_descriptor, infer

FORMATS = ("csv", "xlsx", "json")
INFER_ROWS = 5000
ROW_COLUMN = "_row"  # the source row of each record, for error reports; hidden from readers
ID_COLUMN = "_id"  # CKAN's row id: 1, 2, 3, ...

# code_check(kode_referensi, values) -> {value: reason} for the values that are not valid.
CodeCheck = Callable[[str, list[str]], dict[str, str]]
Progress = Callable[[float, int], None]


@dataclass
class IngestResult:
    ok: bool
    errors: list[IngestError]
    error_count: int
    schema: dict[str, Any] | None = None
    row_count: int = 0
    format: str = ""
    encoding: str = ""
    delimiter: str = ""
    parquet_path: str | None = None
    warnings: list[str] = field(default_factory=list)


def format_of(filename: str) -> str:
    ext = os.path.splitext(filename)[1].lower().lstrip(".")
    return {"txt": "csv", "tsv": "csv", "xlsm": "xlsx", "ndjson": "json"}.get(ext, ext)


def ingest(
    path: str,
    out_path: str,
    *,
    filename: str | None = None,
    fmt: str | None = None,
    schema: dict[str, Any] | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    code_check: CodeCheck | None = None,
    progress: Progress | None = None,
    max_errors: int = 1000,
    allow_empty: bool = False,
) -> IngestResult:
    fmt = fmt or format_of(filename or path)
    errors = ErrorList(max_errors)
    result = IngestResult(ok=False, errors=[], error_count=0, format=fmt)

    def fail() -> IngestResult:
        result.errors, result.error_count = errors.report(), errors.total
        return result

    if fmt not in FORMATS:
        errors.add("binary_file", kind=fmt.upper() or "?")
        return fail()
    if os.path.getsize(path) == 0:
        errors.add("empty_file")
        return fail()
    sample = detect.read_sample(path)
    kind = detect.binary_kind(sample)
    if fmt == "xlsx":
        if not sample.startswith(b"PK"):
            errors.add("binary_file", kind=kind or "a text file")
            return fail()
    elif kind is not None:
        errors.add("binary_file", kind=kind)
        return fail()

    def open_reader(strict: bool):
        if fmt == "csv":
            header = sources._read_header(
                detect.decode_sample(sample, result.encoding), result.delimiter)
            if strict:
                return sources.CsvStrict(path, result.encoding, result.delimiter, header, errors)
            return sources.CsvFast(path, result.encoding, result.delimiter, header)
        if fmt == "json":
            return sources.Json(path, result.encoding, errors)
        try:
            return sources.Xlsx(path, errors, sheet)
        except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            errors.add("xlsx_unreadable", detail=str(err)[:200] or type(err).__name__)
            return None

    if fmt in ("csv", "json"):
        result.encoding = encoding or detect.detect_encoding(sample)
    if fmt == "csv":
        text = detect.decode_sample(sample, result.encoding)
        result.delimiter = delimiter or detect.sniff_delimiter(text)
        strict = sources.has_stray_quotes(path, result.delimiter, result.encoding)
    else:
        strict = True

    given: Schema | None = None
    if schema is not None:
        try:
            given = from_descriptor(schema)
        except SchemaError as err:
            errors.add("schema_invalid", detail=str(err))
            return fail()

    tmp = out_path + ".part"
    try:
        while True:
            reader = open_reader(strict)
            if reader is None:
                return fail()
            try:
                rows = _run(reader, tmp, given, result, errors, code_check, progress,
                            allow_empty)
                break
            except sources.CsvFast.NeedsStrict:
                strict = True
                errors = ErrorList(max_errors)
        result.row_count = rows
        if errors:
            return fail()
        if rows >= CLUSTER_MIN_ROWS:
            cluster(tmp, cluster_key(result.schema or {}))
        os.replace(tmp, out_path)
        result.ok, result.parquet_path = True, out_path
        if progress:
            progress(1.0, rows)
        return result
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp)


def _check_header(header: list[str], errors: ErrorList) -> None:
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            errors.add("header_empty", row=1, position=position)
        elif name in seen:
            errors.add("header_duplicate", row=1, column=name, name=name)
        elif name in (ROW_COLUMN, ID_COLUMN):
            errors.add("header_reserved", row=1, column=name, name=name)
        seen.add(name)


def _arrow_schema(schema: Schema) -> pa.Schema:
    return pa.schema(
        [pa.field(ID_COLUMN, pa.int64()), pa.field(ROW_COLUMN, pa.int64())]
        + [pa.field(f.name, arrow_type(f)) for f in schema.fields])


def _run(reader, tmp: str, given: Schema | None, result: IngestResult, errors: ErrorList,
         code_check: CodeCheck | None, progress: Progress | None,
         allow_empty: bool = False) -> int:
    header = reader.header
    if not header:
        if not errors:
            errors.add("empty_file")
        return 0
    _check_header(header, errors)
    if errors:
        return 0
    if given is not None:
        for name in given.names:
            if name not in header:
                errors.add("schema_field_missing", row=1, column=name, name=name)
        for name in header:
            if name not in given.names:
                errors.add("schema_field_extra", row=1, column=name, name=name)
        if errors:
            return 0

    batches = reader.batches()
    first = next(batches, None)
    if first is None or first.num_rows == 0:
        if allow_empty and given is not None and not errors:
            # A module publishing an aggregate with no rows yet: an empty, typed table.
            result.schema = given.descriptor()
            pq.write_table(_arrow_schema(given).empty_table(), tmp)
            return 0
        if not errors:
            errors.add("no_rows")
        return 0
    if given is None:
        sample = {name: first.columns[i].slice(0, INFER_ROWS).to_pylist()
                  for i, name in enumerate(header)}
        sample = {k: [(v or "").strip() for v in vals] for k, vals in sample.items()}
        schema = infer(header, sample, result.delimiter or ",")
    else:
        schema = given
    result.schema = schema.descriptor()
    positions = {name: header.index(name) for name in schema.names}
    arrow_schema = _arrow_schema(schema)

    known_codes: dict[str, dict[str, str | None]] = {}
    total = 0
    writer = pq.ParquetWriter(tmp, arrow_schema, compression="lz4")
    pool = ThreadPoolExecutor(max_workers=3)
    pending = None
    try:
        batch: sources.Batch | None = first
        while batch is not None:
            numbers = batch.row_numbers()
            arrays = [pa.array(np.arange(total + 1, total + 1 + batch.num_rows,
                                         dtype=np.int64)), numbers]
            texts = [batch.columns[positions[f.name]] for f in schema.fields]
            # Arrow kernels release the GIL: columns convert in parallel, errors are added
            # afterwards in column order so the report does not depend on thread timing.
            converted = list(pool.map(convert, texts, schema.fields))
            for text, fld, conv in zip(texts, schema.fields, converted, strict=True):
                arrays.append(_validate(text, fld, conv, numbers, errors, code_check,
                                        known_codes))
            record_batch = pa.RecordBatch.from_arrays(arrays, schema=arrow_schema)
            if pending is not None:
                pending.result()
            pending = pool.submit(writer.write_batch, record_batch)
            total += batch.num_rows
            if progress:
                progress(min(0.95, reader.progress() * 0.95), total)
            batch = next(batches, None)
        if pending is not None:
            pending.result()
    finally:
        pool.shutdown(wait=True)
        writer.close()
    _check_unique(tmp, schema, errors)
    return total


def _report(mask: pa.Array, numbers: pa.Array, errors: ErrorList, code: str, column: str,
            values: pa.Array | None = None, **params: Any) -> None:
    count = pc.sum(mask).as_py() or 0
    if not count:
        return
    if errors.full:
        errors.total += count
        return
    where = pc.indices_nonzero(mask)
    room = errors.limit - len(errors.items)
    shown = where.slice(0, room)
    rows = pc.take(numbers, shown).to_pylist()
    cells = pc.take(values, shown).to_pylist() if values is not None else [None] * len(rows)
    for row, cell in zip(rows, cells, strict=True):
        extra = dict(params)
        if values is not None:
            extra["value"] = cell
        errors.add(code, row=row, column=column, **extra)
    errors.total += count - len(rows)


def _validate(text: pa.Array, fld, converted, numbers: pa.Array, errors: ErrorList,
              code_check: CodeCheck | None, known_codes: dict) -> pa.Array:
    raw = pc.utf8_trim_whitespace(pc.fill_null(text, ""))
    if fld.required:
        _report(converted.missing, numbers, errors, "required", fld.name)
    if converted.invalid is not None:
        _report(converted.invalid, numbers, errors, converted.code, fld.name, raw,
                example=converted.example)
    present = pc.invert(converted.missing)
    if fld.enum is not None:
        bad = pc.and_(present, pc.invert(pc.is_in(raw, value_set=pa.array(fld.enum,
                                                                         pa.string()))))
        _report(bad, numbers, errors, "enum", fld.name, raw, allowed=", ".join(fld.enum))
    values = converted.values
    if fld.minimum is not None and fld.type in ("integer", "number", "year"):
        bad = pc.fill_null(pc.less(values, fld.minimum), False)
        _report(bad, numbers, errors, "minimum", fld.name, raw, limit=fld.minimum)
    if fld.maximum is not None and fld.type in ("integer", "number", "year"):
        bad = pc.fill_null(pc.greater(values, fld.maximum), False)
        _report(bad, numbers, errors, "maximum", fld.name, raw, limit=fld.maximum)
    if fld.pattern is not None:
        bad = pc.and_(present, pattern_mismatch(raw, fld.pattern))
        _report(bad, numbers, errors, "pattern", fld.name, raw)
    if fld.kode_referensi and code_check is not None:
        cache = known_codes.setdefault(fld.kode_referensi, {})
        distinct = [v for v in pc.unique(pc.drop_null(pc.cast(values, pa.string()))).to_pylist()
                    if v not in cache]
        if distinct:
            invalid = code_check(fld.kode_referensi, distinct)
            for value in distinct:
                cache[value] = invalid.get(value)
        bad_values = [v for v, reason in cache.items() if reason is not None]
        if bad_values:
            as_text = pc.cast(values, pa.string())
            for value in bad_values:
                mask = pc.fill_null(pc.equal(as_text, value), False)
                _report(mask, numbers, errors, "kode_referensi", fld.name, raw,
                        detail=cache[value])
    return values


def _check_unique(path: str, schema: Schema, errors: ErrorList) -> None:
    keys: list[tuple[str, list[str]]] = [("unique", [f.name]) for f in schema.fields if f.unique]
    if schema.primary_key:
        keys.append(("primary_key", list(schema.primary_key)))
    if not keys:
        return
    con = duckdb.connect(":memory:")
    try:
        for code, columns in keys:
            cols = ", ".join(_quote(c) for c in columns)
            not_null = " AND ".join(f"{_quote(c)} IS NOT NULL" for c in columns)
            query = (
                f"SELECT {cols}, list({ROW_COLUMN} ORDER BY {ROW_COLUMN}) AS rows "  # noqa: S608 - quoted identifiers
                f"FROM read_parquet(?) WHERE {not_null} GROUP BY {cols} HAVING count(*) > 1 "
                f"ORDER BY min({ROW_COLUMN}) LIMIT ?"
            )
            for record in con.execute(query, [path, errors.limit + 1]).fetchall():
                *key, rows = record
                value = " / ".join(str(v) for v in key)
                for row in rows[1:]:
                    errors.add(code, row=row, column=", ".join(columns), value=value,
                               other=rows[0])
            if code == "primary_key":
                for name in columns:
                    query = (f"SELECT {ROW_COLUMN} FROM read_parquet(?) WHERE {_quote(name)} "  # noqa: S608 - quoted identifiers
                             f"IS NULL ORDER BY 1 LIMIT ?")
                    for (row,) in con.execute(query, [path, errors.limit + 1]).fetchall():
                        if not schema.field(name).required:
                            errors.add("required", row=row, column=name)
    finally:
        con.close()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
