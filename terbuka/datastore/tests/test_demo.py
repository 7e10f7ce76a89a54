"""The demo loader loads a real, queryable table and is idempotent."""

import io

import pytest

from terbuka.datastore import selectors
from terbuka.datastore.demo import load_demo
from terbuka.datastore.models import TableVersion


@pytest.mark.django_db
def test_demo_table_is_loaded_once(ksb):
    out = io.StringIO()
    load_demo(ksb, out)
    load_demo(ksb, out)
    version = TableVersion.objects.get()
    assert version.status == "live" and version.row_count >= 8
    found = selectors.search(version.table, filters={"kode_wilayah": "52.07.01"})
    assert found["records"][0]["jumlah_desa"] > 0
    assert "already loaded" in out.getvalue()
