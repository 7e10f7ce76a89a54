"""Benchmark `terbuka load_regions` on SQLite and on PostgreSQL.

    .venv/bin/python bench/load_regions.py [--pg postgres://postgres@127.0.0.1:5432/terbuka_bench]
                                           [--only sqlite|postgresql]

Each backend gets a scratch database of its own (a temporary SQLite file; the PostgreSQL
database named in --pg, dropped and re-created), migrated before timing starts. Timed per
backend: a fresh load into an empty table, and an idempotent re-load of the same list. Each
timing covers reading and checking the gzipped CSV and writing, i.e. everything
`terbuka load_regions` does after Django has started. The floor is 5 s for each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_SECONDS = 5.0


def run_one() -> None:
    """Child process: DATABASE_URL is already the scratch database."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terbuka.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from terbuka.core.models import Region
    from terbuka.core.regions import packaged_rows
    from terbuka.core.regions_loader import load_regions

    call_command("migrate", verbosity=0, interactive=False)
    results = {"vendor": connection.vendor}
    for label in ("fresh", "reload"):
        packaged_rows.cache_clear()  # each run reads the CSV again, as the command does
        started = time.perf_counter()
        report = load_regions()
        results[label] = {
            "seconds": time.perf_counter() - started,
            "inserted": report.inserted,
            "updated": report.updated,
            "unchanged": report.unchanged,
        }
    results["rows"] = Region.objects.count()
    print(json.dumps(results))


def _child(database_url: str) -> dict:
    env = dict(os.environ, DATABASE_URL=database_url, TERBUKA_ENV="development")
    proc = subprocess.run(
        [sys.executable, __file__, "--child"], env=env, capture_output=True, text=True,
        check=False,
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"benchmark failed for {database_url}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _recreate_pg(url: str) -> None:
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _drop_pg(url: str) -> None:
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def _print(name: str, result: dict) -> bool:
    ok = True
    for label in ("fresh", "reload"):
        r = result[label]
        verdict = "ok" if r["seconds"] < FLOOR_SECONDS else "OVER THE 5 s FLOOR"
        ok &= r["seconds"] < FLOOR_SECONDS
        print(
            f"{name:<11} {label:<7} {r['seconds']:6.2f} s  rows={result['rows']:,}  "
            f"inserted={r['inserted']:,} updated={r['updated']:,} "
            f"unchanged={r['unchanged']:,}  {verdict}"
        )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/terbuka_bench")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    if args.child:
        run_one()
        return
    print(f"load_regions benchmark ({os.cpu_count()} CPU cores, Python {sys.version.split()[0]})")
    ok = True
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory() as tmp:
            ok &= _print("SQLite", _child(f"sqlite:///{tmp}/bench.sqlite3"))
    if args.only in (None, "postgresql"):
        _recreate_pg(args.pg)
        try:
            ok &= _print("PostgreSQL", _child(args.pg))
        finally:
            _drop_pg(args.pg)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
