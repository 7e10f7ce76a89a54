"""Streamed downloads of a table or a filtered view: CSV, JSON, XLSX and Parquet.

CSV and JSON are produced chunk by chunk from DuckDB's record batches, so a download of ten
million rows holds one batch in memory. XLSX and Parquet are containers that must be finished
before they can be read, so they are written batch by batch into a temporary file (openpyxl's
write-only mode, pyarrow's ParquetWriter) and that file is streamed. Text cells that a
spreadsheet would run as a formula are prefixed with an apostrophe in CSV and XLSX.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import tempfile
from collections.abc import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from .query import neutralise

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "parquet": "application/vnd.apache.parquet"}


def _rows(batches: Iterable[pa.RecordBatch]) -> Iterator[list]:
    for batch in batches:
        columns = [col.to_pylist() for col in batch.columns]
        yield from zip(*columns, strict=True)


def _text(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def csv_chunks(names: list[str], batches: Iterable[pa.RecordBatch]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer.writerow([neutralise(n) for n in names])
    for batch in batches:
        for row in _rows([batch]):
            writer.writerow([neutralise(_text(v)) for v in row])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def json_chunks(names: list[str], batches: Iterable[pa.RecordBatch]) -> Iterator[bytes]:
    yield b"["
    first = True
    for batch in batches:
        parts = []
        for row in _rows([batch]):
            record = dict(zip(names, map(_text, row), strict=True))
            parts.append(("" if first else ",") + json.dumps(record, ensure_ascii=False))
            first = False
        if parts:
            yield "\n".join(parts).encode("utf-8")
    yield b"]"


def _file_chunks(handle, size: int = 1 << 20) -> Iterator[bytes]:
    try:
        handle.seek(0)
        while chunk := handle.read(size):
            yield chunk
    finally:
        handle.close()


def xlsx_file(names: list[str], batches: Iterable[pa.RecordBatch], title: str = "data"):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or "data")[:31])
    sheet.append([neutralise(n) for n in names])
    for row in _rows(batches):
        cells = []
        for value in row:
            value = neutralise(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        sheet.append(cells)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _file_chunks
    workbook.save(handle)
    return _file_chunks(handle)


def parquet_file(names: list[str], batches: Iterable[pa.RecordBatch]):
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _file_chunks
    writer = None
    for batch in batches:
        if writer is None:
            writer = pq.ParquetWriter(handle, batch.schema, compression="snappy")
        writer.write_batch(batch)
    if writer is None:
        pq.write_table(pa.table({n: pa.array([], pa.string()) for n in names}), handle)
    else:
        writer.close()
    return _file_chunks(handle)


def chunks(fmt: str, names: list[str], batches: Iterable[pa.RecordBatch],
           title: str = "data") -> Iterator[bytes]:
    if fmt == "csv":
        return csv_chunks(names, batches)
    if fmt == "json":
        return json_chunks(names, batches)
    if fmt == "xlsx":
        return xlsx_file(names, batches, title)
    if fmt == "parquet":
        return parquet_file(names, batches)
    raise ValueError(fmt)
