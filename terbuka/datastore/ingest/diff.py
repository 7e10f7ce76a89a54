"""What changed between two versions of a table: rows added, removed and changed.

With a primary key, rows are matched by key and a matched row whose other values differ is
"changed". Without one, rows are compared whole (as a multiset of row hashes), so an edited
row counts as one removed and one added.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

HIDDEN = ("_id", "_row")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def diff_versions(old_path: str, new_path: str, key: Sequence[str] = ()) -> dict[str, int]:
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"CREATE VIEW old AS SELECT * EXCLUDE ({', '.join(HIDDEN)}) "  # noqa: S608 - quoted identifiers
                    f"FROM read_parquet('{_esc(old_path)}')")
        con.execute(f"CREATE VIEW new AS SELECT * EXCLUDE ({', '.join(HIDDEN)}) "  # noqa: S608 - quoted identifiers
                    f"FROM read_parquet('{_esc(new_path)}')")
        old_cols = [r[0] for r in con.execute("DESCRIBE old").fetchall()]
        new_cols = [r[0] for r in con.execute("DESCRIBE new").fetchall()]
        common = [c for c in new_cols if c in old_cols]
        old_rows = con.execute("SELECT count(*) FROM old").fetchone()[0]
        new_rows = con.execute("SELECT count(*) FROM new").fetchone()[0]
        key = [k for k in key if k in common]
        row_hash = "hash(" + ", ".join(_q(c) for c in common) + ")" if common else "0"
        if key:
            on = " AND ".join(f"o.{_q(k)} IS NOT DISTINCT FROM n.{_q(k)}" for k in key)
            o_hash = row_hash.replace("hash(", "hash(o.").replace(", ", ", o.")
            n_hash = row_hash.replace("hash(", "hash(n.").replace(", ", ", n.")
            matched, changed = con.execute(
                f"SELECT count(*), count(*) FILTER (WHERE {o_hash} <> {n_hash}) "  # noqa: S608 - quoted identifiers
                f"FROM old o JOIN new n ON {on}").fetchone()
            added, removed = new_rows - matched, old_rows - matched
        else:
            added = con.execute(f"SELECT count(*) FROM (SELECT {row_hash} FROM new EXCEPT ALL "  # noqa: S608 - quoted identifiers
                                f"SELECT {row_hash} FROM old)").fetchone()[0]
            removed = con.execute(f"SELECT count(*) FROM (SELECT {row_hash} FROM old EXCEPT "  # noqa: S608 - quoted identifiers
                                  f"ALL SELECT {row_hash} FROM new)").fetchone()[0]
            changed = 0
        return {"added": int(added), "removed": int(removed), "changed": int(changed),
                "old_rows": int(old_rows), "new_rows": int(new_rows),
                "columns_added": [c for c in new_cols if c not in old_cols],
                "columns_removed": [c for c in old_cols if c not in new_cols]}
    finally:
        con.close()


def _esc(path: str) -> str:
    return path.replace("'", "''")
