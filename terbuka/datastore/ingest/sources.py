"""Readers that turn a CSV, XLSX or JSON file into batches of text columns.

Every reader yields `Batch(first_row, columns)` where `columns` are Arrow string arrays in
header order, and records structural problems (ragged rows, stray quotes, bad encoding) in
the shared ErrorList. Row numbers are what a spreadsheet shows: the header is row 1, so the
first record is row 2 (for JSON, the first object is row 1).

CSV has two readers. The fast one is Arrow's C++ parser, streaming in blocks. It accepts some
malformed input silently (a quotation mark in the middle of a cell), so a cheap scan of the raw
bytes looks for such marks first; when it finds one, or Arrow meets a ragged row or fails, the
file is read again with Python's strict csv module, which reports every problem with its row.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from .messages import ErrorList

BATCH_ROWS = 50_000
BLOCK_BYTES = 4 << 20


@dataclass
class Batch:
    first_row: int
    columns: list[pa.Array]
    rows: list[int] | None = None  # row numbers when they are not first_row, first_row+1, ...

    def row_numbers(self) -> pa.Array:
        if self.rows is not None:
            return pa.array(self.rows, pa.int64())
        return pa.array(np.arange(self.first_row, self.first_row + self.num_rows,
                                  dtype=np.int64))

    @property
    def num_rows(self) -> int:
        return len(self.columns[0]) if self.columns else 0


class _Counting(io.RawIOBase):
    """A file wrapper that remembers how far it has been read, for progress."""

    def __init__(self, handle):
        self.handle = handle
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.handle.read(len(buffer))
        buffer[: len(data)] = data
        self.position += len(data)
        return len(data)

    def close(self) -> None:
        self.handle.close()
        super().close()


class Reader:
    header: list[str]
    total_bytes: int = 0

    def progress(self) -> float:
        return 0.0

    def batches(self) -> Iterator[Batch]:  # pragma: no cover - interface
        raise NotImplementedError


def _columns_from_rows(rows: list[list[str]], width: int) -> list[pa.Array]:
    return [pa.array([row[i] for row in rows], pa.string()) for i in range(width)]


def _read_header(text: str, delimiter: str) -> list[str]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for row in reader:
        if any(cell.strip() for cell in row):
            return [cell.strip() for cell in row]
    return []


def has_stray_quotes(path: str, delimiter: str, encoding: str) -> bool:
    """True when a quotation mark sits inside a cell, neither opening nor closing it: the
    characters on both sides of it are neither a delimiter, a line break nor another mark.
    Vectorised over each block with numpy, so a file without such marks costs one pass."""
    if encoding.startswith("utf-16"):
        return True
    edges = np.zeros(256, dtype=bool)
    for char in (delimiter.encode()[0], ord("\r"), ord("\n"), ord('"')):
        edges[char] = True
    with open(path, "rb") as handle:
        previous = b"\n"
        while chunk := handle.read(BLOCK_BYTES):
            data = np.frombuffer(previous + chunk, dtype=np.uint8)
            quotes = np.flatnonzero(data == ord('"'))
            quotes = quotes[(quotes > 0) & (quotes < len(data) - 1)]
            if len(quotes) and np.any(~edges[data[quotes - 1]] & ~edges[data[quotes + 1]]):
                return True
            previous = chunk[-2:]
    return False


class CsvFast(Reader):
    """Arrow's streaming CSV parser; raises `NeedsStrict` when the file needs the careful one."""

    class NeedsStrict(Exception):
        pass

    def __init__(self, path: str, encoding: str, delimiter: str, header: list[str]):
        self.path, self.encoding, self.delimiter, self.header = path, encoding, delimiter, header
        self.total_bytes = os.path.getsize(path)
        self._counter: _Counting | None = None

    def progress(self) -> float:
        if not self._counter or not self.total_bytes:
            return 0.0
        return min(1.0, self._counter.position / self.total_bytes)

    def batches(self) -> Iterator[Batch]:
        ragged = []

        def on_invalid(row) -> str:
            ragged.append(row)
            return "skip"

        self._counter = _Counting(open(self.path, "rb"))  # noqa: SIM115 - closed below
        stream = io.BufferedReader(self._counter, buffer_size=BLOCK_BYTES)
        try:
            reader = pacsv.open_csv(
                stream,
                read_options=pacsv.ReadOptions(
                    column_names=[f"c{i}" for i in range(len(self.header))], skip_rows=1,
                    encoding=self.encoding, use_threads=True, block_size=BLOCK_BYTES),
                parse_options=pacsv.ParseOptions(
                    delimiter=self.delimiter, newlines_in_values=True,
                    invalid_row_handler=on_invalid),
                convert_options=pacsv.ConvertOptions(
                    column_types={f"c{i}": pa.string() for i in range(len(self.header))},
                    strings_can_be_null=False, quoted_strings_can_be_null=False),
            )
            row = 2
            while True:
                try:
                    record_batch = reader.read_next_batch()
                except StopIteration:
                    break
                if ragged:
                    raise self.NeedsStrict
                yield Batch(row, list(record_batch.columns))
                row += record_batch.num_rows
            if ragged:
                raise self.NeedsStrict
        except (pa.ArrowInvalid, UnicodeDecodeError) as err:
            raise self.NeedsStrict from err
        finally:
            stream.close()


class CsvStrict(Reader):
    """Python's csv module in strict mode: slower, but reports every malformed row."""

    def __init__(self, path: str, encoding: str, delimiter: str, header: list[str],
                 errors: ErrorList):
        self.path, self.encoding, self.delimiter, self.header = path, encoding, delimiter, header
        self.errors = errors
        self.total_bytes = os.path.getsize(path)
        self._handle = None

    def progress(self) -> float:
        if self._handle is None or not self.total_bytes:
            return 0.0
        try:
            return min(1.0, self._handle.buffer.tell() / self.total_bytes)
        except (OSError, ValueError):
            return 0.0

    def batches(self) -> Iterator[Batch]:
        width = len(self.header)
        with open(self.path, encoding=self.encoding, newline="", errors="strict") as handle:
            self._handle = handle
            reader = csv.reader(handle, delimiter=self.delimiter, strict=True)
            rows: list[list[str]] = []
            numbers: list[int] = []
            row_number = 1
            header_seen = False
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as err:
                    row_number += 1
                    detail = str(err)
                    code = "stray_quote" if '"' in detail or "quote" in detail else "csv_syntax"
                    self.errors.add(code, row=row_number, detail=detail)
                    continue
                except UnicodeDecodeError:
                    self.errors.add("encoding", row=row_number + 1, encoding=self.encoding)
                    break
                if not header_seen:
                    if any(cell.strip() for cell in cells):
                        header_seen = True
                    continue
                row_number += 1
                if not cells:
                    continue  # a blank line between records is not a row
                if len(cells) != width:
                    if len(cells) > width and not any(c.strip() for c in cells[width:]):
                        cells = cells[:width]  # trailing empty cells from a spreadsheet
                    else:
                        code = "missing_cells" if len(cells) < width else "extra_cells"
                        self.errors.add(code, row=row_number, expected=width, actual=len(cells))
                        continue
                numbers.append(row_number)
                rows.append(cells)
                if len(rows) >= BATCH_ROWS:
                    yield Batch(numbers[0], _columns_from_rows(rows, width), numbers)
                    rows, numbers = [], []
            if rows:
                yield Batch(numbers[0], _columns_from_rows(rows, width), numbers)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value)


class Xlsx(Reader):
    """The first sheet of a workbook, streamed row by row (openpyxl read-only mode)."""

    def __init__(self, path: str, errors: ErrorList, sheet: str | None = None):
        import openpyxl

        self.errors = errors
        self.total_bytes = os.path.getsize(path)
        self._done_rows = 0
        self._max_row = 0
        self.workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        ws = self.workbook[sheet] if sheet else self.workbook.worksheets[0]
        self.sheet = ws
        self._max_row = ws.max_row or 0
        self._rows = ws.iter_rows(values_only=True)
        self.header = []
        self._header_row = 0
        for index, values in enumerate(self._rows, start=1):
            cells = [_cell_text(v).strip() for v in values]
            if any(cells):
                while cells and not cells[-1]:
                    cells.pop()
                self.header, self._header_row = cells, index
                break

    def progress(self) -> float:
        return min(1.0, self._done_rows / self._max_row) if self._max_row else 0.0

    def batches(self) -> Iterator[Batch]:
        width = len(self.header)
        rows: list[list[str]] = []
        pending_blank: list[int] = []
        numbers: list[int] = []
        row_number = self._header_row
        try:
            for values in self._rows:
                row_number += 1
                self._done_rows = row_number
                cells = [_cell_text(v) for v in values]
                if not any(c.strip() for c in cells):
                    pending_blank.append(row_number)  # blank rows count only between data
                    continue
                if len(cells) < width:
                    cells += [""] * (width - len(cells))
                if len(cells) > width:
                    filled = [i for i, c in enumerate(cells) if c.strip()]
                    if filled[-1] >= width:
                        self.errors.add("extra_cells", row=row_number, expected=width,
                                        actual=filled[-1] + 1)
                        continue
                    cells = cells[:width]
                if pending_blank:
                    for blank in pending_blank:  # an empty row inside the data is a row
                        numbers.append(blank)
                        rows.append([""] * width)
                    pending_blank = []
                numbers.append(row_number)
                rows.append(cells)
                if len(rows) >= BATCH_ROWS:
                    yield Batch(numbers[0], _columns_from_rows(rows, width), numbers)
                    rows, numbers = [], []
            if rows:
                yield Batch(numbers[0], _columns_from_rows(rows, width), numbers)
        finally:
            self.workbook.close()


def _json_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _iter_json_array(handle, errors: ErrorList) -> Iterator[object]:
    """The items of a top-level JSON array, decoded one at a time so memory stays flat."""
    decoder = json.JSONDecoder()
    buffer = ""
    position = 0
    started = False
    count = 0
    while True:
        chunk = handle.read(1 << 20)
        buffer = buffer[position:] + chunk
        position = 0
        eof = not chunk
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n,":
                if buffer[position] == "," and not started:
                    break
                position += 1
            if position >= len(buffer):
                break
            if not started:
                if buffer[position] != "[":
                    errors.add("json_shape", row=None, found=buffer[position])
                    return
                started = True
                position += 1
                continue
            if buffer[position] == "]":
                return
            try:
                item, end = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError as err:
                if eof:
                    errors.add("json_syntax", row=count + 1, detail=err.msg)
                    return
                break  # the item continues in the next chunk
            count += 1
            position = end
            yield item
        if eof:
            if not started:
                errors.add("empty_file")
            else:
                errors.add("json_syntax", row=count + 1, detail="unexpected end of data")
            return


class Json(Reader):
    """A JSON array of objects (a row each), or of arrays after a header array."""

    def __init__(self, path: str, encoding: str, errors: ErrorList):
        self.path, self.encoding, self.errors = path, encoding, errors
        self.total_bytes = os.path.getsize(path)
        self._handle = open(path, encoding=encoding if encoding != "utf-8" else "utf-8-sig")  # noqa: SIM115
        self._items = _iter_json_array(self._handle, errors)
        self.header = []
        self._first = None
        self._lists = False
        for item in self._items:
            self._first = item
            if isinstance(item, dict):
                self.header = [str(k).strip() for k in item]
            elif isinstance(item, list):
                self.header = [_json_text(v).strip() for v in item]
                self._lists = True
                self._first = None
            else:
                errors.add("json_shape", row=1, found=type(item).__name__)
            break

    def progress(self) -> float:
        try:
            return min(1.0, self._handle.buffer.tell() / self.total_bytes)
        except (OSError, ValueError):
            return 1.0

    def batches(self) -> Iterator[Batch]:
        width = len(self.header)
        known = set(self.header)
        rows: list[list[str]] = []
        number = 1 if self._lists else 0
        numbers: list[int] = []
        items = self._items if self._first is None else _chain(self._first, self._items)
        try:
            for item in items:
                number += 1
                if self._lists:
                    if not isinstance(item, list):
                        self.errors.add("json_shape", row=number, found=type(item).__name__)
                        continue
                    if len(item) != width:
                        code = "missing_cells" if len(item) < width else "extra_cells"
                        self.errors.add(code, row=number, expected=width, actual=len(item))
                        continue
                    cells = [_json_text(v) for v in item]
                else:
                    if not isinstance(item, dict):
                        self.errors.add("json_shape", row=number, found=type(item).__name__)
                        continue
                    unknown = [k for k in item if str(k).strip() not in known]
                    for key in unknown:
                        self.errors.add("json_unknown_key", row=number, column=str(key),
                                        name=str(key))
                    if unknown:
                        continue
                    cells = [_json_text(item.get(name)) for name in self.header]
                numbers.append(number)
                rows.append(cells)
                if len(rows) >= BATCH_ROWS:
                    yield Batch(numbers[0], _columns_from_rows(rows, width), numbers)
                    rows, numbers = [], []
            if rows:
                yield Batch(numbers[0], _columns_from_rows(rows, width), numbers)
        except UnicodeDecodeError:
            self.errors.add("encoding", row=number + 1, encoding=self.encoding)
        finally:
            self._handle.close()


def _chain(first, rest):
    yield first
    yield from rest
