"""A province instance harvests a kabupaten instance: the kabupaten runs as its own server
process on its own SQLite database; the province (this test's database) harvests it over HTTP,
incrementally and idempotently, keeping source and remote id."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from terbuka.core.tests.factories import make_opd, make_pemda
from terbuka.satudata import harvest, services
from terbuka.satudata.models import Dataset, HarvestSource

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def kabupaten_server(tmp_path: Path):
    """Yields (base_url, db_path). The kabupaten database starts as a copy of this test's
    migrated database (VACUUM INTO), so the second instance needs no migration run."""
    if connection.vendor != "sqlite":
        pytest.skip("the second instance copies the SQLite test database")
    ksb = make_pemda("ksb", "52.07")
    dikes = make_opd(ksb, "Dinas Kesehatan Sumbawa Barat", acronym="DIKES")
    for n in range(5):
        services.dataset_upsert_system(
            pemda=ksb, name=f"ksb-data-{n}", title=f"Data kesehatan KSB {n}",
            notes="Dari portal kabupaten", opd=dikes, tags=["kesehatan"],
            cakupan_wilayah=["52.07"], tema="1.02",
            resources=[{"name": "csv", "url": f"https://ksb.example/{n}.csv"}])
    db = tmp_path / "kabupaten.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(db)])
    # This database now plays the province: the kabupaten's rows live only in the copy.
    Dataset.objects.all().delete()
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "TERBUKA_ENV": "test",
           "DJANGO_SETTINGS_MODULE": "terbuka.settings", "QUEUE_IMMEDIATE": "1"}
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "terbuka", "runserver", f"127.0.0.1:{port}", "--noreload",
         "--skip-checks"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/ksb/data"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/api/3/action/site_read", timeout=2)  # noqa: S310
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(server.stderr.read().decode()[-2000:])
                time.sleep(0.2)
        yield base, db
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_province_harvests_kabupaten(kabupaten_server, client):
    base, db = kabupaten_server
    ntb = make_pemda("ntb", "52", subtree=False)
    source = harvest.harvest_source_create(actor=None, pemda=ntb, title="Satu Data KSB",
                                           url=base)
    run = harvest.harvest_run(source=source, rows=2)  # three pages
    assert (run.created, run.updated, run.errors) == (5, 0, [])
    harvested = Dataset.objects.filter(pemda=ntb, harvest_source=source)
    assert harvested.count() == 5
    one = harvested.get(name="ksb-data-3")
    assert one.is_public and one.remote_org == "Dinas Kesehatan Sumbawa Barat"
    assert one.remote_url == f"{base}/dataset/ksb-data-3"
    assert one.remote_id and one.owner_org is None
    assert list(one.cakupan_wilayah.values_list("code", flat=True)) == ["52.07"]
    assert one.resources.get().url == "https://ksb.example/3.csv"

    # Nothing changed at the source: a second run changes nothing.
    source.refresh_from_db()
    again = harvest.harvest_run(source=source, rows=2)
    assert (again.created, again.updated) == (0, 0)
    assert Dataset.objects.filter(pemda=ntb).count() == 5

    # The kabupaten edits one dataset; the next run asks only for newer changes.
    with sqlite3.connect(db) as kab:
        kab.execute("UPDATE satudata_dataset SET title = 'Data kesehatan KSB (revisi)', "
                    "metadata_modified = '2999-01-01 00:00:00' WHERE name = 'ksb-data-1'")
    source.refresh_from_db()
    third = harvest.harvest_run(source=source, rows=2)
    assert (third.created, third.updated) == (0, 1)
    assert Dataset.objects.get(name="ksb-data-1").title == "Data kesehatan KSB (revisi)"
    assert HarvestSource.objects.get(pk=source.pk).last_modified_seen.startswith("2999-01-01")
    # The province's own API serves the harvested data onward, with its origin.
    shown = client.get("/ntb/data/api/3/action/package_show", {"id": "ksb-data-1"}).json()
    assert shown["result"]["harvest_source_url"] == base
    assert shown["result"]["harvest_remote_org"] == "Dinas Kesehatan Sumbawa Barat"
    assert "Satu Data KSB" in client.get("/ntb/data/dataset/ksb-data-1/").content.decode()


def test_unreachable_source_is_reported_not_raised(ksb):
    source = harvest.harvest_source_create(actor=None, pemda=ksb, title="Mati",
                                           url="http://127.0.0.1:9")
    run = harvest.harvest_run(source=source)
    assert run.errors and "source" in run.errors[0]["errors"]
    assert run.created == 0
