"""`terbuka backup` then `terbuka restore` into an empty database gives back every row and
file, verified against the manifest; damaged backups and non-empty targets are refused.

Each side is a separate `terbuka` process with its own database and data directory, as an
operator would run them."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

TERBUKA = [sys.executable, "-m", "terbuka.cli"]

SEED = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from terbuka.core.tests.factories import KSB, make_opd, make_pemda, make_user
pemda = make_pemda("ksb", KSB)
make_opd(pemda, "Dinas Kesehatan", acronym="Dinkes")
make_user("walidata", "walidata", pemda=pemda)
default_storage.save("aduan/2026/foto.jpg", ContentFile(b"\\xff\\xd8 not really a photo"))
default_storage.save("satudata/tabel.csv", ContentFile("kode;nama\\n52.07;KSB\\n".encode()))
"""


def _env(tmp_path: Path, name: str, database_url: str) -> dict:
    data_dir = tmp_path / name
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TERBUKA_DATA_DIR")}
    env.update(DATABASE_URL=database_url, TERBUKA_DATA_DIR=str(data_dir),
               TERBUKA_ENV="development", QUEUE_IMMEDIATE="1")
    return env


def _terbuka(env, *args, check=True):
    result = subprocess.run([*TERBUKA, *args], env=env, capture_output=True, text=True,  # noqa: S603
                            timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"terbuka {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result


def _round_trip(tmp_path, url_a, url_b):
    a, b = _env(tmp_path, "a", url_a), _env(tmp_path, "b", url_b)
    _terbuka(a, "migrate", "--no-input", "-v0")
    _terbuka(a, "shell", "-c", SEED)
    out = _terbuka(a, "backup", str(tmp_path / "bk")).stdout
    assert "2 files" in out
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
    assert manifest["tables"]["core_pemda"] == 1 and manifest["tables"]["core_opd"] == 1
    assert manifest["tables"]["core_region"] > 70  # KSB, its kecamatan and desa
    assert set(manifest["files"]) == {"aduan/2026/foto.jpg", "satudata/tabel.csv"}

    _terbuka(b, "migrate", "--no-input", "-v0")
    out = _terbuka(b, "restore", str(tmp_path / "bk")).stdout
    assert "Restored and verified" in out
    restored = tmp_path / "b" / "media" / "satudata" / "tabel.csv"
    assert restored.read_text() == "kode;nama\n52.07;KSB\n"
    check = _terbuka(b, "shell", "-c", "from terbuka.core.models import Opd, Pemda; "
                     "print('GOT', Pemda.objects.get().slug, Opd.objects.get().acronym)").stdout
    assert check.split("GOT")[-1].split() == ["ksb", "Dinkes"]

    # Restoring again over data is refused; nothing is overwritten.
    again = _terbuka(b, "restore", str(tmp_path / "bk"), check=False)
    assert again.returncode != 0 and "already holds data" in again.stderr

    # A damaged backup is refused before anything is loaded.
    (tmp_path / "bk" / "files" / "satudata" / "tabel.csv").write_text("tampered")
    c = _env(tmp_path, "c", url_b.replace("_b", "_c") if "postgres" in url_b
             else f"sqlite:///{tmp_path}/c.sqlite3")
    damaged = _terbuka(c, "restore", str(tmp_path / "bk"), check=False)
    assert damaged.returncode != 0 and "damaged" in damaged.stderr


def test_sqlite_round_trip(tmp_path):
    _round_trip(tmp_path, f"sqlite:///{tmp_path}/a.sqlite3", f"sqlite:///{tmp_path}/b.sqlite3")


@pytest.mark.postgres
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL",
)
def test_postgresql_round_trip(tmp_path):
    s = settings.DATABASES["default"]
    server = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    names = [f"terbuka_bk_{uuid.uuid4().hex[:8]}_{x}" for x in "abc"]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        _round_trip(tmp_path, f"{server}/{names[0]}", f"{server}/{names[1]}")
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            for name in names:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                             .format(sql.Identifier(name)))
