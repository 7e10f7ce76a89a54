"""Backups of the database and the uploaded files, and their verified restore.

A backup is a directory:
    manifest.json   when, which engine, rows per table, checksum of every file below
    database.dump   PostgreSQL custom-format dump (pg_dump -Fc), or database.sqlite3
    files/          a copy of the uploaded files (default storage), same relative paths

`restore` refuses a database that already holds data, loads the dump, copies the files back
and then compares row counts and checksums with the manifest; any difference is an error.
PostgreSQL uses pg_dump/pg_restore (consistent snapshot, any size); SQLite uses its online
backup API, so the web process can keep running during either.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore are the tools for PostgreSQL
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection

FORMAT = 1


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts() -> dict[str, int]:
    """Rows per table of every installed model (and auto-created m2m table)."""
    counts = {}
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in counts or table not in existing or not model._meta.managed:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def _pg_env() -> tuple[list[str], dict]:
    import os

    s = connection.settings_dict
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    args = ["-h", s.get("HOST") or "localhost", "-p", str(s.get("PORT") or 5432),
            "-U", s.get("USER") or "postgres", "-d", s["NAME"]]
    return args, env


def _run(cmd: list[str], env: dict) -> None:
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{cmd[0]} failed: {result.stderr.strip()[:500]}")


def _storage_root() -> Path | None:
    location = getattr(default_storage, "location", None)
    return Path(location) if location else None


def _walk_storage(prefix: str = ""):
    directories, files = default_storage.listdir(prefix)
    for name in files:
        yield f"{prefix}{name}"
    for name in directories:
        yield from _walk_storage(f"{prefix}{name}/")


@dataclass
class Result:
    path: Path
    tables: int
    rows: int
    files: int


def backup(target: Path) -> Result:
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    target.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    counts = table_counts()
    if vendor == "postgresql":
        args, env = _pg_env()
        dump = target / "database.dump"
        _run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", "-f", str(dump), *args], env)
    elif vendor == "sqlite":
        dump = target / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(dump) as out:
            connection.connection.backup(out)
    else:
        raise BackupError(f"no backup method for {vendor}")

    files_dir = target / "files"
    files_dir.mkdir()
    checksums = {}
    storage_exists = _storage_root() is None or _storage_root().exists()
    for name in (_walk_storage() if storage_exists else ()):
        out = files_dir / name
        out.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as src, out.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        checksums[name] = _sha256(out)

    manifest = {
        "format": FORMAT,
        "created": datetime.datetime.now(datetime.UTC).isoformat(),
        "engine": vendor,
        "database": {"file": dump.name, "sha256": _sha256(dump)},
        "tables": counts,
        "files": checksums,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return Result(target, len(counts), sum(counts.values()), len(checksums))


def _database_is_empty() -> bool:
    """Never migrated, or migrated without any tenant or account yet (migrations may seed
    code lists, so 'no rows at all' would refuse a freshly migrated database)."""
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in ("core_pemda", "accounts_user"):
            if table in existing:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
                if cursor.fetchone()[0]:
                    return False
    return True


def restore(source: Path) -> Result:
    """Load a backup into the configured (empty) database and storage, then verify it."""
    source = Path(source)
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError("unknown backup format")
    dump = source / manifest["database"]["file"]
    if _sha256(dump) != manifest["database"]["sha256"]:
        raise BackupError(f"{dump.name} does not match its checksum: the backup is damaged")
    for name, digest in manifest["files"].items():
        if _sha256(source / "files" / name) != digest:
            raise BackupError(f"files/{name} does not match its checksum: the backup is damaged")
    vendor = connection.vendor
    if manifest["engine"] != vendor:
        raise BackupError(f"backup is of {manifest['engine']}, this database is {vendor}")
    if not _database_is_empty():
        raise BackupError("the database already holds data; restore only into an empty one")

    if vendor == "postgresql":
        args, env = _pg_env()
        connection.close()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", *args, str(dump)], env)
    else:
        connection.ensure_connection()
        with sqlite3.connect(dump) as src:
            src.backup(connection.connection)

    for name in manifest["files"]:
        if default_storage.exists(name):
            default_storage.delete(name)
        with (source / "files" / name).open("rb") as fh:
            saved = default_storage.save(name, fh)
        if saved != name:
            raise BackupError(f"storage renamed {name} to {saved}")
    verify(manifest)
    return Result(source, len(manifest["tables"]), sum(manifest["tables"].values()),
                  len(manifest["files"]))


def verify(manifest: dict) -> None:
    counts = table_counts()
    wrong = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
    if wrong:
        raise BackupError(f"row counts differ after restore (expected, found): {wrong}")
    for name, digest in manifest["files"].items():
        with default_storage.open(name, "rb") as fh:
            got = hashlib.sha256(fh.read()).hexdigest()
        if got != digest:
            raise BackupError(f"{name} differs after restore")
