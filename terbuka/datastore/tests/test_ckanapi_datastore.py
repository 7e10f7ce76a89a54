# ruff: noqa: S608 - SQL sent to the sandbox under test
"""The real ckanapi client against the live server: datastore_search, datastore_search_sql and
datastore_info, public and private tables."""

import pytest
from ckanapi import NotFound, RemoteCKAN, ValidationError

from terbuka.datastore import services

from .conftest import desa_codes, make_resource, upload_file

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tables(ksb, dikes, produsen, settings, tmp_path):
    public = make_resource(ksb, dikes, name="stunting")
    private = make_resource(ksb, dikes, name="rahasia", hak_akses="tertutup")
    a, b, c = desa_codes(3)
    body = ("kode_desa,desa,tahun,balita,stunting\n"
            f"{a},Sapugara,2023,120,14\n{b},Mantun,2023,80,9\n{c},Kiantar,2024,95,11\n"
            f"{a},Sapugara,2024,118,10\n")
    for resource in (public, private):
        version = services.table_upload(actor=produsen, resource=resource,
                                        upload=upload_file("s.csv", body))
        services.version_ingest(version_id=version.pk)  # no on_commit in a live-server test
    return {"public": str(public.uuid), "private": str(private.uuid), "codes": (a, b, c)}


def test_datastore_actions_through_ckanapi(live_server, tables):
    ckan = RemoteCKAN(f"{live_server.url}/ksb/data", user_agent="terbuka-test")
    rid = tables["public"]
    out = ckan.action.datastore_search(resource_id=rid, filters={"tahun": 2024},
                                       sort="stunting desc", limit=1)
    assert out["total"] == 2 and out["records"][0]["desa"] == "Kiantar"
    assert [f["id"] for f in out["fields"]] == ["_id", "kode_desa", "desa", "tahun", "balita",
                                               "stunting"]
    out = ckan.action.datastore_search(resource_id=rid, q="sapu", fields=["desa", "tahun"],
                                       include_total=False, records_format="lists")
    assert out["records"] == [["Sapugara", 2023], ["Sapugara", 2024]] and "total" not in out
    out = ckan.action.datastore_search(resource_id=rid, fields="desa", distinct=True,
                                       sort="desa")
    assert [r["desa"] for r in out["records"]] == ["Kiantar", "Mantun", "Sapugara"]
    with pytest.raises(ValidationError):
        ckan.action.datastore_search(resource_id=rid, limit=32001)
    with pytest.raises(ValidationError):
        ckan.action.datastore_search(resource_id=rid, filters={"nope": 1})
    with pytest.raises(NotFound):
        ckan.action.datastore_search(resource_id=tables["private"])
    # GET works too for these read-only actions, as in CKAN.
    get = RemoteCKAN(f"{live_server.url}/ksb/data", get_only=True, user_agent="terbuka-test")
    assert get.action.datastore_search(resource_id=rid, limit=2)["total"] == 4

    # One live-server test (the set-up dominates its time); the site-wide API as well.
    ckan = RemoteCKAN(live_server.url, user_agent="terbuka-test")
    out = ckan.action.datastore_search_sql(
        sql=f'SELECT tahun, sum(stunting) AS s FROM "{rid}" GROUP BY tahun ORDER BY tahun')
    assert out["records"] == [{"tahun": 2023, "s": 23}, {"tahun": 2024, "s": 21}]
    for sql in (f'SELECT * FROM "{tables["private"]}"', "SELECT * FROM read_csv('/etc/passwd')",
                f'SELECT 1; DROP TABLE "{rid}"', "PRAGMA database_list"):
        with pytest.raises(ValidationError):
            ckan.action.datastore_search_sql(sql=sql)
    info = ckan.action.datastore_info(id=rid)
    assert info["meta"]["count"] == 4
    assert {f["id"]: f["type"] for f in info["fields"]}["balita"] == "int"
