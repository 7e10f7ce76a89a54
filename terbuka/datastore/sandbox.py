"""The SQL sandbox behind `datastore_search_sql`: one read-only SELECT over published tables.

Two walls, each enough on its own for the escapes the tests try:

1. **Parse and check** (sqlglot, DuckDB dialect): exactly one statement, a SELECT (or a set
   operation of SELECTs, with CTEs); every table it reads is a plain name from the allowed set
   (published resource ids) or one of its own CTEs; no table functions, no qualified names
   (catalog.schema.table), no file or URL readers, no functions that reveal settings or the
   environment. PRAGMA, SET, ATTACH, COPY, INSTALL, LOAD, CALL and anything else is refused.
2. **Run locked** (DuckDB): a fresh in-memory database per query with one view per allowed
   table; then `allowed_paths` is set to exactly those Parquet files, external access is
   switched off and the configuration locked, so even SQL the checker missed cannot read
   another file, reach the network, load an extension or change a setting. A timer interrupts
   the query at the time limit and the result is cut at the row limit.

No Django imports: messages are English templates marked for the app's catalogue and
rendered through `ingest.messages`' translator.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from .ingest import messages

logging.getLogger("sqlglot").setLevel(logging.ERROR)

MAX_SQL_LENGTH = 20_000
_ = messages.gettext_noop

REASONS = {
    "syntax": _("The SQL cannot be parsed: %(detail)s"),
    "too_long": _("The SQL is longer than %(limit)s characters."),
    "statements": _("Send exactly one SELECT statement (found %(count)s statements)."),
    "not_select": _("Only SELECT is allowed; %(kind)s is refused."),
    "table_function": _("Reading from a function (%(name)s) is refused; select from a "
                        "resource id."),
    "qualified": _("Qualified table names (%(name)s) are refused; use the resource id alone."),
    "unknown_table": _("The table %(name)s does not exist or is not public."),
    "function": _("The function %(name)s is not allowed."),
    "timeout": _("The query took longer than %(seconds)s seconds and was stopped."),
    "execution": _("The query failed: %(detail)s"),
}

# Functions that read files or URLs, or tell about the server, by exact name or prefix.
DENIED_PREFIXES = ("read_", "parquet_", "duckdb_", "pragma_", "sqlite_", "postgres_",
                   "mysql_", "iceberg_", "delta_", "http", "s3", "gcs", "azure", "json_execute",
                   "load_", "install_", "sniff_", "glob", "st_read", "icu_", "arrow_scan",
                   "which_secret", "current_setting", "getenv", "query", "read")
DENIED_NAMES = frozenset({
    "glob", "getenv", "current_setting", "query", "query_table", "sniff_csv",
    "parquet_scan", "csv_scan", "json_scan", "read_csv", "read_csv_auto", "read_parquet",
    "read_json", "read_json_auto", "read_ndjson", "read_ndjson_auto", "read_text",
    "read_blob", "read_json_objects", "read_xlsx", "iceberg_scan", "delta_scan",
    "sqlite_scan", "postgres_scan", "mysql_scan", "set_config", "current_schemas",
    "enable_profiling", "checkpoint", "force_checkpoint", "export_database",
    "import_database", "make_secret", "which_secret", "system", "shell",
    "current_database", "current_catalog", "database_size", "repository",
})


class SqlRefused(Exception):
    def __init__(self, code: str, **params: Any):
        self.code, self.params = code, params
        super().__init__(code)

    @property
    def message(self) -> str:
        template = messages._translate(REASONS[self.code])
        try:
            return template % self.params
        except (KeyError, TypeError, ValueError):
            return template

    def __str__(self) -> str:
        return self.message


def _function_name(node: exp.Func) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.name).lower()
    return node.sql_name().lower()


def _denied(name: str) -> bool:
    return name in DENIED_NAMES or name.startswith(DENIED_PREFIXES)


@dataclass(frozen=True)
class Checked:
    sql: str  # the statement as re-written by the parser (one statement, no trailing ;)
    tables: frozenset[str]


def check_sql(sql: str, allowed: Collection[str]) -> Checked:
    """The statement if it is one SELECT over `allowed` tables; SqlRefused otherwise."""
    if len(sql) > MAX_SQL_LENGTH:
        raise SqlRefused("too_long", limit=MAX_SQL_LENGTH)
    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except (ParseError, TokenError) as err:
        raise SqlRefused("syntax", detail=str(err).splitlines()[0][:200]) from err
    if len(statements) != 1:
        raise SqlRefused("statements", count=len(statements))
    tree = statements[0]
    if not isinstance(tree, (exp.Select, exp.Union, exp.Intersect, exp.Except)):
        kind = tree.key.upper() if not isinstance(tree, exp.Command) else str(tree.this).upper()
        raise SqlRefused("not_select", kind=kind)
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    used: set[str] = set()
    for node in tree.walk():
        if isinstance(node, (exp.Command, exp.Pragma, exp.Set, exp.Copy, exp.Attach,
                             exp.Install, exp.Create, exp.Insert, exp.Update, exp.Delete,
                             exp.Drop, exp.Describe)):
            raise SqlRefused("not_select", kind=node.key.upper())
        if isinstance(node, exp.Table):
            if not isinstance(node.this, exp.Identifier):
                raise SqlRefused("table_function", name=node.this.sql(dialect="duckdb")[:80])
            if node.args.get("db") or node.args.get("catalog"):
                raise SqlRefused("qualified", name=node.sql(dialect="duckdb")[:80])
            name = node.name
            if name in ctes:
                continue
            if name not in allowed:
                raise SqlRefused("unknown_table", name=name[:80])
            used.add(name)
        elif isinstance(node, exp.Func):
            name = _function_name(node)
            if _denied(name):
                raise SqlRefused("function", name=name)
    return Checked(sql=tree.sql(dialect="duckdb"), tables=frozenset(used))


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def locked_connection(tables: Mapping[str, str], *, threads: int = 2,
                      memory_limit: str = "1GB") -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per table (name -> Parquet path), then locked."""
    con = duckdb.connect(":memory:", config={"threads": threads, "memory_limit": memory_limit,
                                              "autoinstall_known_extensions": False,
                                              "autoload_known_extensions": False})
    for name, path in tables.items():
        con.execute(f"CREATE VIEW {_ident(name)} AS SELECT * EXCLUDE (_row) "  # noqa: S608
                    f"FROM read_parquet({_literal(path)})")
    paths = ", ".join(_literal(p) for p in tables.values())
    con.execute(f"SET allowed_paths = [{paths}]")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def run_sql(sql: str, tables: Mapping[str, str], *, row_limit: int = 32_000,
            timeout: float = 5.0) -> tuple[list[str], list[tuple], bool]:
    """(column names, rows, truncated) of `sql`, checked and run in a locked database."""
    checked = check_sql(sql, tables.keys())
    con = locked_connection({k: v for k, v in tables.items() if k in checked.tables})
    timer = threading.Timer(timeout, con.interrupt)
    timer.start()
    try:
        cursor = con.execute(f"SELECT * FROM ({checked.sql}) AS q LIMIT {int(row_limit) + 1}")  # noqa: S608
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    except duckdb.InterruptException as err:
        raise SqlRefused("timeout", seconds=timeout) from err
    except duckdb.Error as err:
        if not timer.is_alive():
            raise SqlRefused("timeout", seconds=timeout) from err
        raise SqlRefused("execution", detail=str(err).splitlines()[0][:200]) from err
    finally:
        timer.cancel()
        con.close()
    return columns, rows[:row_limit], len(rows) > row_limit
