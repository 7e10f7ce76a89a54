# ruff: noqa: S608 - the SQL in this file is the attack surface under test
"""Every way out of datastore_search_sql that we know of is refused, by the checker and, with
the checker bypassed, by the locked DuckDB connection as well."""

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from terbuka.datastore.ingest.messages import set_translator
from terbuka.datastore.sandbox import SqlRefused, check_sql, locked_connection, run_sql

PUBLIC = "0b0c5a9e-1111-4aaa-8bbb-000000000001"
OTHER = "0b0c5a9e-1111-4aaa-8bbb-000000000002"
PRIVATE = "0b0c5a9e-1111-4aaa-8bbb-00000000dead"


@pytest.fixture(autouse=True)
def plain_messages():
    set_translator(lambda s: s)


@pytest.fixture
def tables(tmp_path):
    paths = {}
    for name, n in ((PUBLIC, 2000), (OTHER, 3), (PRIVATE, 1)):
        path = tmp_path / f"{name}.parquet"
        pq.write_table(pa.table({"_id": list(range(1, n + 1)), "_row": list(range(2, n + 2)),
                                 "x": list(range(n)), "kab": ["52.07"] * n}), path)
        paths[name] = str(path)
    (tmp_path / "secret.csv").write_text("password\nhunter2\n")
    return paths


def public(tables):
    return {k: v for k, v in tables.items() if k != PRIVATE}


ESCAPES = {
    "file reader read_csv": ("SELECT * FROM read_csv('{secret}')", "table_function"),
    "read_csv_auto in a subquery": (
        "SELECT * FROM (SELECT * FROM read_csv_auto('{secret}'))", "table_function"),
    "read_parquet": ("SELECT * FROM read_parquet('{private_path}')", "table_function"),
    "read_json": ("SELECT * FROM read_json('{secret}')", "table_function"),
    "read_text as a scalar": ("SELECT (SELECT content FROM read_text('{secret}'))",
                              "table_function"),
    "file path as table": ("SELECT * FROM '{secret}'", "unknown_table"),
    "glob": ("SELECT * FROM glob('/etc/*')", "table_function"),
    "URL reader": ("SELECT * FROM read_csv('https://example.org/x.csv')", "table_function"),
    "parquet_scan": ("SELECT * FROM parquet_scan('{private_path}')", "table_function"),
    "query() table function": ("SELECT * FROM query('SELECT 1')", "table_function"),
    "getenv": ("SELECT getenv('HOME')", "function"),
    "current_setting": ("SELECT current_setting('enable_external_access')", "function"),
    "duckdb_settings": ("SELECT * FROM duckdb_settings()", "table_function"),
    "ATTACH": ("ATTACH '/tmp/other.db' AS other", "not_select"),
    "COPY out": ('COPY (SELECT * FROM "{public}") TO \'/tmp/out.csv\'', "not_select"),
    "COPY in": ('COPY "{public}" FROM \'{secret}\'', "not_select"),
    "INSTALL": ("INSTALL httpfs", "not_select"),
    "LOAD": ("LOAD httpfs", "not_select"),
    "PRAGMA": ("PRAGMA database_list", "not_select"),
    "SET": ("SET enable_external_access = true", "not_select"),
    "RESET": ("RESET lock_configuration", "not_select"),
    "CALL": ("CALL pragma_version()", "not_select"),
    "CREATE": ("CREATE TABLE t AS SELECT 1", "not_select"),
    "DESCRIBE": ('DESCRIBE "{public}"', "not_select"),
    "two statements": ('SELECT 1; SELECT * FROM "{private}"', "statements"),
    "statement after a comment": ('SELECT 1; -- x\nPRAGMA version', "statements"),
    "private table": ('SELECT * FROM "{private}"', "unknown_table"),
    "private table in a join": (
        'SELECT * FROM "{public}" p JOIN "{private}" s ON p.x = s.x', "unknown_table"),
    "private table in a CTE": (
        'WITH s AS (SELECT * FROM "{private}") SELECT * FROM s', "unknown_table"),
    "private table in a union": (
        'SELECT x FROM "{public}" UNION ALL SELECT x FROM "{private}"', "unknown_table"),
    "unknown table": ("SELECT * FROM users", "unknown_table"),
    "catalog-qualified name": ('SELECT * FROM system.main."{public}"', "qualified"),
    "information_schema": ("SELECT * FROM information_schema.tables", "qualified"),
    "empty": ("   ", "statements"),
    "not SQL": ("SELEKT * FORM x", "not_select"),
    "broken SQL": ("SELECT * FROM (", "syntax"),
}


@pytest.mark.parametrize("name", list(ESCAPES))
def test_checker_refuses(name, tables):
    template, code = ESCAPES[name]
    sql = template.format(secret=str(tables[PUBLIC]).replace(f"{PUBLIC}.parquet", "secret.csv"),
                          private_path=tables[PRIVATE], public=PUBLIC, private=PRIVATE)
    with pytest.raises(SqlRefused) as err:
        run_sql(sql, public(tables))
    assert err.value.code == code, err.value.message
    assert err.value.message


LOCKED_ESCAPES = [
    "SELECT * FROM read_csv('{secret}')",
    "SELECT * FROM '{secret}'",
    "SELECT * FROM read_parquet('{private_path}')",
    "ATTACH '{dir}/other.db' AS other",
    "COPY (SELECT 1) TO '{dir}/out.csv'",
    "SET enable_external_access = true",
    "SET allowed_paths = ['/']",
    "RESET lock_configuration",
    "INSTALL httpfs",
    "LOAD httpfs",
]


@pytest.mark.parametrize("template", LOCKED_ESCAPES)
def test_locked_connection_refuses_even_without_the_checker(template, tables, tmp_path):
    con = locked_connection(public(tables))
    sql = template.format(secret=tmp_path / "secret.csv", private_path=tables[PRIVATE],
                          dir=tmp_path)
    with pytest.raises(duckdb.Error):
        con.execute(sql).fetchall()
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.db").exists()
    # The public views still work after the refusal.
    assert con.execute(f'SELECT count(*) FROM "{PUBLIC}"').fetchone() == (2000,)


def test_allowed_queries_run(tables):
    cols, rows, cut = run_sql(
        f'WITH t AS (SELECT kab, count(*) AS n FROM "{PUBLIC}" GROUP BY kab) '
        f'SELECT t.kab, t.n, o.x FROM t JOIN "{OTHER}" o ON o.x = 1', public(tables))
    assert cols == ["kab", "n", "x"] and rows == [("52.07", 2000, 1)] and not cut
    cols, rows, _ = run_sql(f'SELECT * FROM "{OTHER}" ORDER BY x', public(tables))
    assert cols == ["_id", "x", "kab"]  # the source row column stays hidden


def test_row_limit_cuts_and_says_so(tables):
    _, rows, cut = run_sql(f'SELECT x FROM "{PUBLIC}"', public(tables), row_limit=100)
    assert len(rows) == 100 and cut


def test_time_limit_stops_a_runaway_query(tables):
    slow = (f'SELECT sum(a.x * b.x * c.x) FROM "{PUBLIC}" a, "{PUBLIC}" b, "{PUBLIC}" c '
            "WHERE a.x + b.x + c.x > -1")
    with pytest.raises(SqlRefused) as err:
        run_sql(slow, public(tables), timeout=0.3)
    assert err.value.code == "timeout"


def test_checker_keeps_only_the_tables_it_reads(tables):
    checked = check_sql(f'SELECT * FROM "{PUBLIC}"', public(tables).keys())
    assert checked.tables == {PUBLIC}
