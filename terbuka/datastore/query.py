"""datastore_search over a Parquet table with DuckDB, without Django.

`Table` binds a resource id to its Parquet file and Table Schema; `search(...)` builds one
parameterised SQL statement from CKAN's arguments (every identifier checked against the schema,
every value bound as a parameter) and returns CKAN's answer. Connections are kept per process
and file (a view over the Parquet file), and each call takes its own cursor.
"""

from __future__ import annotations

import csv
import datetime
import io
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import duckdb

from .ingest import messages

_ = messages.gettext_noop
MAX_LIMIT = 32_000
DEFAULT_LIMIT = 100
CKAN_TYPES = {"string": "text", "integer": "int", "number": "numeric", "boolean": "bool",
              "date": "date", "datetime": "timestamp", "year": "int"}
REASONS = {
    "field": _("Unknown field %(name)s."),
    "sort": _("Cannot sort by %(value)s."),
    "limit": _("limit must be a whole number from 0 to %(max)s."),
    "offset": _("offset must be a whole number of 0 or more."),
    "filters": _("filters must be an object of field names and values."),
    "value": _("%(value)s is not a valid value for %(name)s."),
    "records_format": _("records_format must be objects, lists, csv or tsv."),
    "q": _("q must be text or an object of field names and text."),
}


class QueryError(ValueError):
    def __init__(self, field: str, code: str, **params: Any):
        self.field, self.code, self.params = field, code, params
        super().__init__(code)

    @property
    def message(self) -> str:
        template = messages._translate(REASONS[self.code])
        try:
            return template % self.params
        except (KeyError, TypeError, ValueError):
            return template


def q_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class Table:
    resource_id: str
    path: str
    schema: dict  # Table Schema descriptor

    @property
    def field_types(self) -> dict[str, str]:
        return {f["name"]: f.get("type", "string") for f in self.schema.get("fields", [])}

    def ckan_fields(self, only: list[str] | None = None) -> list[dict[str, Any]]:
        out = [{"id": "_id", "type": "int"}]
        for f in self.schema.get("fields", []):
            item = {"id": f["name"], "type": CKAN_TYPES.get(f.get("type", "string"), "text")}
            info = {k: f[k] for k in ("title", "description") if f.get(k)}
            if info:
                item["info"] = {"label": info.get("title", ""), "notes": info.get("description",
                                                                                   "")}
            out.append(item)
        if only is not None:
            out = [f for f in out if f["id"] in only]
            out.sort(key=lambda f: only.index(f["id"]))
        return out


_local = threading.local()
_lock = threading.Lock()
_connections: dict[str, duckdb.DuckDBPyConnection] = {}


def _connection(path: str) -> duckdb.DuckDBPyConnection:
    with _lock:
        con = _connections.get(path)
        if con is None:
            if len(_connections) > 256:
                for old in list(_connections)[:64]:
                    _connections.pop(old).close()
            con = duckdb.connect(":memory:", config={"threads": 2})
            # Keep each file's footer (row-group statistics) in memory between queries:
            # re-reading it costs more than the filtered scan of a clustered table.
            con.execute("SET parquet_metadata_cache = true")
            con.execute("CREATE VIEW t AS SELECT * EXCLUDE (_row) FROM read_parquet("  # noqa: S608 - a quoted path
                        + "'" + path.replace("'", "''") + "')")
            _connections[path] = con
        return con


def cursor(path: str) -> duckdb.DuckDBPyConnection:
    return _connection(path).cursor()


def forget(path: str) -> None:
    with _lock:
        con = _connections.pop(path, None)
    if con is not None:
        con.close()


def _coerce(value: Any, ftype: str, name: str) -> Any:
    if value is None:
        return None
    try:
        if ftype in ("integer", "year"):
            if isinstance(value, bool):
                raise ValueError
            return int(str(value).strip())
        if ftype == "number":
            return float(str(value).strip())
        if ftype == "boolean":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("true", "1", "ya", "yes", "t"):
                return True
            if text in ("false", "0", "tidak", "no", "f"):
                return False
            raise ValueError
        if ftype == "date":
            return datetime.date.fromisoformat(str(value).strip()[:10])
        if ftype == "datetime":
            return datetime.datetime.fromisoformat(str(value).strip())
    except (TypeError, ValueError) as err:
        raise QueryError("filters", "value", value=str(value)[:50], name=name) from err
    return str(value)


@dataclass
class Where:
    sql: str
    params: list[Any]


def build_where(table: Table, filters: Any = None, q: Any = None) -> Where:
    types = {"_id": "integer", **table.field_types}
    clauses: list[str] = []
    params: list[Any] = []
    if filters:
        if not isinstance(filters, dict):
            raise QueryError("filters", "filters")
        for name, value in filters.items():
            if name not in types:
                raise QueryError("filters", "field", name=str(name)[:80])
            values = value if isinstance(value, list) else [value]
            coerced = [_coerce(v, types[name], name) for v in values]
            non_null = [v for v in coerced if v is not None]
            parts = []
            if non_null:
                parts.append(f"{q_ident(name)} IN ({', '.join('?' * len(non_null))})")
                params.extend(non_null)
            if len(non_null) < len(coerced):
                parts.append(f"{q_ident(name)} IS NULL")
            clauses.append("(" + " OR ".join(parts) + ")" if parts else "FALSE")
    if q:
        text_fields = [n for n, t in table.field_types.items() if t == "string"]
        if isinstance(q, str):
            terms = [(name, q) for name in text_fields]
            if terms:
                clauses.append("(" + " OR ".join(f"{q_ident(n)} ILIKE ? ESCAPE '\\'"
                                                 for n, _v in terms) + ")")
                params.extend(f"%{_escape_like(v)}%" for _n, v in terms)
            else:
                clauses.append("FALSE")
        elif isinstance(q, dict):
            for name, term in q.items():
                if name not in types:
                    raise QueryError("q", "field", name=str(name)[:80])
                clauses.append(f"CAST({q_ident(name)} AS VARCHAR) ILIKE ? ESCAPE '\\'")
                params.append(f"%{_escape_like(str(term))}%")
        else:
            raise QueryError("q", "q")
    return Where(" AND ".join(clauses) if clauses else "TRUE", params)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def parse_fields(table: Table, fields: Any) -> list[str]:
    names = ["_id", *table.field_types]
    if fields in (None, "", []):
        return names
    if isinstance(fields, str):
        fields = [f.strip() for f in fields.split(",") if f.strip()]
    if not isinstance(fields, list):
        raise QueryError("fields", "field", name=str(fields)[:80])
    for name in fields:
        if name not in names:
            raise QueryError("fields", "field", name=str(name)[:80])
    return list(dict.fromkeys(fields))


def parse_sort(table: Table, sort: Any) -> str:
    names = ["_id", *table.field_types]
    if not sort:
        return ""
    items = sort if isinstance(sort, list) else str(sort).split(",")
    out = []
    for item in items:
        words = str(item).strip().split()
        if not words:
            continue
        name, direction = words[0], (words[1].lower() if len(words) > 1 else "asc")
        if name.startswith('"') and name.endswith('"'):
            name = name[1:-1]
        if name not in names or direction not in ("asc", "desc") or len(words) > 2:
            raise QueryError("sort", "sort", value=str(item)[:80])
        out.append(f"{q_ident(name)} {direction.upper()} NULLS LAST")
    return ", ".join(out)


def parse_int(value: Any, field: str, default: int, maximum: int | None = None) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError) as err:
        raise QueryError(field, field, max=maximum) from err
    if number < 0 or (maximum is not None and number > maximum):
        raise QueryError(field, field, max=maximum)
    return number


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def search(table: Table, *, filters: Any = None, q: Any = None, fields: Any = None,
           sort: Any = None, limit: Any = None, offset: Any = None, distinct: bool = False,
           include_total: bool = True, records_format: str = "objects",
           total_cache: Callable[[str, Callable[[], int]], int] | None = None) -> dict:
    """CKAN datastore_search. `total_cache(key, compute)` may remember totals per query."""
    if records_format not in ("objects", "lists", "csv", "tsv"):
        raise QueryError("records_format", "records_format")
    names = parse_fields(table, fields)
    order = parse_sort(table, sort)
    limit_n = parse_int(limit, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    offset_n = parse_int(offset, "offset", 0)
    where = build_where(table, filters, q)
    select = ", ".join(q_ident(n) for n in names)
    head = "SELECT DISTINCT" if distinct else "SELECT"
    sql = f"{head} {select} FROM t WHERE {where.sql}"  # noqa: S608 - checked identifiers
    if order:
        sql += f" ORDER BY {order}"
    elif not distinct:
        sql += ' ORDER BY "_id"'
    sql += f" LIMIT {limit_n} OFFSET {offset_n}"
    cur = cursor(table.path)
    try:
        rows = cur.execute(sql, where.params).fetchall() if limit_n else []
        result: dict[str, Any] = {"resource_id": table.resource_id,
                                  "fields": table.ckan_fields(names),
                                  "limit": limit_n, "offset": offset_n,
                                  "records_format": records_format}
        if include_total:
            if offset_n == 0 and len(rows) < limit_n:
                total = len(rows)  # the page holds every match: no need to count
            else:
                count_sql = (f"SELECT count(*) FROM ({head} {select} FROM t "  # noqa: S608
                             f"WHERE {where.sql})")

                def compute() -> int:
                    return int(cursor(table.path).execute(count_sql, where.params).fetchone()[0])

                key = f"{table.path}|{count_sql}|{where.params!r}"
                total = total_cache(key, compute) if total_cache else compute()
            result["total"] = total
            result["total_was_estimated"] = False
    finally:
        cur.close()
    if records_format == "objects":
        result["records"] = [dict(zip(names, map(_plain, row), strict=True)) for row in rows]
    elif records_format == "lists":
        result["records"] = [[_plain(v) for v in row] for row in rows]
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if records_format == "csv" else "\t",
                            lineterminator="\n")
        for row in rows:
            writer.writerow([neutralise(v) for v in map(_plain, row)])
        result["records"] = buffer.getvalue()
    return result


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe
    (OWASP CSV injection advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def iter_batches(table: Table, *, filters: Any = None, q: Any = None, fields: Any = None,
                 sort: Any = None, batch_rows: int = 10_000) -> tuple[list[str], Iterator]:
    """Column names and an iterator of Arrow record batches, for streamed downloads."""
    names = parse_fields(table, fields)
    order = parse_sort(table, sort) or '"_id"'
    where = build_where(table, filters, q)
    sql = (f"SELECT {', '.join(q_ident(n) for n in names)} FROM t "  # noqa: S608
           f"WHERE {where.sql} ORDER BY {order}")

    def gen():
        cur = cursor(table.path)
        try:
            reader = cur.sql(sql, params=where.params).to_arrow_reader(batch_rows)
            yield from reader
        finally:
            cur.close()

    return names, gen()
