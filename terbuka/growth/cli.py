"""`terbuka zscore INPUT -o OUTPUT`: z-scores, flags and categories for a CSV or Parquet file.

``run`` is the whole job and knows nothing of argparse or Django; ``main`` and the Django
management command only parse arguments around it. Bad rows never stop the batch: each is
reported on stderr by line number and in the output's ``problems`` column.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from . import classes
from .engine import GrowthResult, compute

# Input field -> accepted column names (compared case-insensitively, spaces as underscores).
ALIASES: dict[str, tuple[str, ...]] = {
    "sex": ("sex", "jenis_kelamin", "jk", "gender", "kelamin"),
    "birth_date": ("birth_date", "dob", "date_of_birth", "tanggal_lahir", "tgl_lahir"),
    "visit_date": ("visit_date", "measured", "date_of_visit", "tanggal_ukur", "tgl_ukur",
                   "tanggal_pengukuran", "tanggal_kunjungan", "tanggal"),
    "age_days": ("age_days", "age_in_days", "umur_hari", "usia_hari"),
    "age_months": ("age_months", "age_in_months", "umur_bulan", "usia_bulan"),
    "weight": ("weight", "weight_kg", "berat", "berat_badan", "bb"),
    "lenhei": ("lenhei", "length_height", "height", "length", "height_cm", "length_cm",
               "tinggi", "panjang", "tinggi_badan", "panjang_badan", "tb", "pb", "pb_tb"),
    "measure": ("measure", "position", "measure_position", "posisi", "cara_ukur"),
    "headc": ("headc", "head_circumference", "hc", "lingkar_kepala", "lk"),
    "armc": ("armc", "muac", "arm_circumference", "lila", "lingkar_lengan_atas"),
    "triskin": ("triskin", "triceps", "triceps_skinfold"),
    "subskin": ("subskin", "subscapular", "subscapular_skinfold"),
    "oedema": ("oedema", "edema"),
}  # fmt: skip
NUMERIC_FIELDS = ("age_days", "age_months", "weight", "lenhei", "headc", "armc", "triskin",
                  "subskin")  # fmt: skip
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d", "%d.%m.%Y")
_MISSING = frozenset({"", "na", "nan", "none", "null", "-", "n/a"})


@dataclass
class Report:
    rows: int
    rows_with_problems: int
    output: Path


def _say(stream: TextIO, text: str) -> None:
    # One write per line: Django's OutputWrapper appends a newline to every write() call,
    # so print()'s separate "\n" write would double-space the command's output.
    stream.write(text + "\n")


def _key(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def resolve_columns(
    available: Sequence[str], overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Input field -> column name in the file, from explicit overrides first, then aliases."""
    by_key = {_key(c): c for c in available}
    found: dict[str, str] = {}
    for field, column in (overrides or {}).items():
        if field not in ALIASES:
            raise ValueError(f"unknown field {field!r}; fields: {', '.join(ALIASES)}")
        if column not in available:
            raise ValueError(f"column {column!r} (for {field}) is not in the input")
        found[field] = column
    for field, names in ALIASES.items():
        if field in found:
            continue
        for name in names:
            if name in by_key and by_key[name] not in found.values():
                found[field] = by_key[name]
                break
    if "sex" not in found:
        raise ValueError("no sex column (expected one of: " + ", ".join(ALIASES["sex"]) + ")")
    return found


def read_table(path: Path) -> tuple[dict[str, list[Any]], list[int], dict[int, list[str]]]:
    """Columns of raw values (strings for CSV), each row's line number, and shape problems.

    CSV goes through the standard ``csv`` module rather than pyarrow so that every row keeps
    its true line number (quoted newlines included) and a row with too few or too many
    fields is kept and reported instead of failing the file.
    """
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        columns = {name: table.column(name).to_pylist() for name in table.column_names}
        return columns, list(range(1, table.num_rows + 1)), {}
    if suffix not in (".csv", ".txt"):
        raise ValueError(f"unsupported input type {suffix!r} (use .csv or .parquet)")
    problems: dict[int, list[str]] = {}
    with open(path, newline="", encoding="utf-8-sig") as fh:
        sample = fh.read(65536)
        fh.seek(0)
        # Spreadsheets set to Indonesian locale save with ";" because "," is the decimal mark.
        first_line = sample.splitlines()[0] if sample else ""
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        reader = csv.reader(fh, delimiter=delimiter)
        header = [h.strip() for h in next(reader, [])]
        rows: list[list[str]] = []
        lines: list[int] = []
        for record in reader:
            if not any(field.strip() for field in record):
                continue  # blank line
            if len(record) != len(header):
                problems[len(rows)] = [
                    f"{len(record)} fields where the header has {len(header)}; "
                    "missing fields read as empty, extra fields ignored"
                ]
                record = (record + [""] * len(header))[: len(header)]
            rows.append(record)
            lines.append(reader.line_num)
    columns = {name: [r[j] for r in rows] for j, name in enumerate(header)}
    return columns, lines, problems


def _parse_number(value: Any) -> tuple[float, bool]:
    """(number, bad). Accepts the Indonesian decimal comma ("12,5")."""
    if value is None:
        return np.nan, False
    if isinstance(value, int | float):
        return float(value), False
    text = str(value).strip()
    if text.lower() in _MISSING:
        return np.nan, False
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text), False
    except ValueError:
        return np.nan, True


def _parse_date(value: Any) -> tuple[date | None, bool]:
    if value is None:
        return None, False
    if isinstance(value, datetime):
        return value.date(), False
    if isinstance(value, date):
        return value, False
    text = str(value).strip()
    if text.lower() in _MISSING:
        return None, False
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date(), False
        except ValueError:
            continue
    return None, True


def prepare_inputs(
    raw: Mapping[str, list[Any]], columns: Mapping[str, str], n: int
) -> tuple[dict[str, Any], dict[int, list[str]]]:
    """Engine keyword arguments from raw columns, plus per-row parse problems."""
    problems: dict[int, list[str]] = {}

    def note(i: int, message: str) -> None:
        problems.setdefault(i, []).append(message)

    kwargs: dict[str, Any] = {}
    for field in ("sex", "measure", "oedema"):
        if field in columns:
            kwargs[field] = np.array(
                [None if v is None else str(v) for v in raw[columns[field]]], dtype=object
            )
    if "sex" not in kwargs:
        kwargs["sex"] = np.full(n, None, dtype=object)
    for field in NUMERIC_FIELDS:
        if field not in columns:
            continue
        values = np.full(n, np.nan)
        for i, value in enumerate(raw[columns[field]]):
            values[i], bad = _parse_number(value)
            if bad:
                note(i, f"{field} {value!r} is not a number")
        kwargs[field] = values
    if "birth_date" in columns and "visit_date" in columns:
        days = np.full(n, np.nan)
        births, visits = raw[columns["birth_date"]], raw[columns["visit_date"]]
        for i in range(n):
            born, bad_birth = _parse_date(births[i])
            seen, bad_visit = _parse_date(visits[i])
            if bad_birth:
                note(i, f"birth date {births[i]!r} is not a date")
            if bad_visit:
                note(i, f"visit date {visits[i]!r} is not a date")
            if born is not None and seen is not None:
                days[i] = (seen - born).days
        # Dates win over a separate age column, row by row, where both dates are usable.
        given = kwargs.get("age_days", np.full(n, np.nan))
        kwargs["age_days"] = np.where(np.isfinite(days), days, given)
    return kwargs, problems


def _output_table(result: GrowthResult, problem_text: list[str]) -> Any:
    import pyarrow as pa

    arrays, names = [], []
    for name in result.names():
        col = result[name]
        if col.dtype == object:
            arrays.append(pa.array(col.tolist(), type=pa.string()))
        elif name.startswith("f") or name in ("c9mo_flag", "coedema", "age_days"):
            # Flags and counts are integers; NaN becomes a proper null.
            arrays.append(pa.array(col, mask=np.isnan(col)).cast(pa.int32()))
        else:
            arrays.append(pa.array(col, mask=np.isnan(col)))
        names.append(name)
    arrays.append(pa.array(problem_text, type=pa.string()))
    names.append("problems")
    return pa.Table.from_arrays(arrays, names=names)


def run(
    input_path: str | Path,
    output_path: str | Path,
    columns: Mapping[str, str] | None = None,
    classes_version: str = classes.DEFAULT_VERSION,
    keep_input: bool = True,
    stderr: TextIO | None = None,
) -> Report:
    """Read INPUT, compute everything, write OUTPUT (CSV or Parquet by extension)."""
    err = stderr if stderr is not None else sys.stderr
    input_path, output_path = Path(input_path), Path(output_path)
    out_suffix = output_path.suffix.lower()
    if out_suffix not in (".csv", ".parquet"):
        raise ValueError(f"unsupported output type {out_suffix!r} (use .csv or .parquet)")
    raw, line_numbers, shape_problems = read_table(input_path)
    n = len(line_numbers)
    mapping = resolve_columns(list(raw), columns)
    kwargs, parse_problems = prepare_inputs(raw, mapping, n)
    result = compute(**kwargs, classes_version=classes_version)
    for early in (parse_problems, shape_problems):
        for i, reasons in early.items():
            result.problems[i] = reasons + result.problems.get(i, [])
    problem_text = result.problem_text()

    # Line numbers as a person sees them in a text editor (CSV header = line 1).
    unit = "row" if input_path.suffix.lower() == ".parquet" else "line"
    for i in sorted(result.problems):
        _say(err, f"{input_path.name}: {unit} {line_numbers[i]}: {problem_text[i]}")

    table = _output_table(result, problem_text)
    if keep_input:
        import pyarrow as pa

        for name in reversed(list(raw)):
            if name not in table.column_names:
                values = [None if v is None else str(v) for v in raw[name]]
                table = table.add_column(0, name, pa.array(values, type=pa.string()))
    if out_suffix == ".parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, output_path)
    else:
        import pyarrow.csv as pacsv

        pacsv.write_csv(table, output_path)
    return Report(rows=n, rows_with_problems=len(result.problems), output=output_path)


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    parser = parser or argparse.ArgumentParser(prog="terbuka zscore", description=__doc__)
    parser.add_argument("input", help="CSV or Parquet file, one child visit per row")
    parser.add_argument("-o", "--output", required=True, help="output .csv or .parquet")
    parser.add_argument(
        "--column", "-c", action="append", default=[], metavar="FIELD=COLUMN",
        help="use COLUMN for FIELD (fields: " + ", ".join(ALIASES) + "); repeatable",
    )  # fmt: skip
    parser.add_argument(
        "--classes", default=classes.DEFAULT_VERSION,
        help=f"classification table version (default {classes.DEFAULT_VERSION})",
    )  # fmt: skip
    parser.add_argument("--no-input-columns", action="store_true",
                        help="write only the computed columns")
    return parser


def parse_column_options(options: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for option in options:
        field, sep, column = option.partition("=")
        if not sep:
            raise ValueError(f"--column expects FIELD=COLUMN, got {option!r}")
        mapping[field.strip()] = column.strip()
    return mapping


def execute(options: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run from parsed options; a file-level error is reported and gives exit status 2."""
    try:
        report = run(
            options.input,
            options.output,
            columns=parse_column_options(options.column),
            classes_version=options.classes,
            keep_input=not options.no_input_columns,
            stderr=stderr,
        )
    except (OSError, ValueError) as exc:
        _say(stderr, f"zscore: {exc}")
        return 2
    _say(
        stdout,
        f"{report.rows} rows written to {report.output}; "
        f"{report.rows_with_problems} with problems (see the 'problems' column)",
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    options = build_parser().parse_args(argv)
    return execute(options, sys.stdout, sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
