"""Storing a large table in the order of its key dimension.

A filter on a column whose values are scattered over the whole file makes DuckDB read every
row group. Tables of at least CLUSTER_MIN_ROWS rows are therefore rewritten sorted by their
first Kode Referensi column (usually a wilayah code, the filter people use most), else by their
primary key, and `_id` is renumbered in that order: row-group statistics then skip nearly
everything for `kode_desa = …`, and paging by `_id` (the default order) reads only the pages
it shows. Smaller tables keep the order of the file, which is cheap to scan anyway.
"""

from __future__ import annotations

import os

import duckdb

CLUSTER_MIN_ROWS = 1_000_000
ROW_GROUP_ROWS = 100_000


def cluster_key(schema: dict) -> list[str]:
    for field in schema.get("fields", []):
        if field.get("kodeReferensi"):
            return [field["name"]]
    return list(schema.get("primaryKey") or [])


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def cluster(path: str, key: list[str], threads: int = 2) -> None:
    """Rewrite the Parquet file at `path` sorted by `key` (then by the old `_id`)."""
    if not key:
        return
    order = ", ".join(f"{_q(k)} NULLS LAST" for k in key) + ', "_id"'
    tmp = path + ".sorted"
    con = duckdb.connect(":memory:", config={"threads": threads})
    try:
        source = "'" + path.replace("'", "''") + "'"
        target = "'" + tmp.replace("'", "''") + "'"
        con.execute(
            f"COPY (SELECT * REPLACE (row_number() OVER (ORDER BY {order}) AS _id) "  # noqa: S608
            f"FROM read_parquet({source}) ORDER BY {order}) TO {target} "
            f"(FORMAT parquet, ROW_GROUP_SIZE {ROW_GROUP_ROWS})")
    finally:
        con.close()
    os.replace(tmp, path)
