"""/api/v1/ datastore endpoints: version status for polling clients, publishing rows."""

import pytest

from terbuka.api.testing import assert_error, token_client
from terbuka.datastore import services

from .conftest import desa_codes, upload_file

SCHEMA = {"fields": [{"name": "kode_desa", "type": "string", "kodeReferensi": "wilayah.desa"},
                     {"name": "jumlah", "type": "integer"}]}


def test_version_status_and_errors_for_polling(client, resource, produsen):
    version = services.table_upload(actor=produsen, resource=resource,
                                    upload=upload_file("a.csv", "a,b\n1,2\n3\n"))
    url = f"/api/v1/datastore/{resource.uuid}/versions/{version.number}"
    assert client.get(url).json()["status"] == "queued"
    services.version_ingest(version_id=version.pk)
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["status"] == "failed" and body["errors"][0]["row"] == 3
    assert "1 cells" in body["errors"][0]["message"]
    assert [v["number"] for v in client.get(f"/api/v1/datastore/{resource.uuid}/versions")
            .json()] == [1]
    assert_error(client.get(f"/api/v1/datastore/{resource.uuid}/versions/9"), 404, "not_found")


def test_publish_rows_through_the_api(resource, produsen, other_produsen):
    code = desa_codes(1)[0]
    url = f"/api/v1/datastore/{resource.uuid}/rows"
    payload = {"schema": SCHEMA, "rows": [{"kode_desa": code, "jumlah": 3}]}
    response = token_client(produsen).post(url, payload, content_type="application/json")
    assert response.status_code == 201 and response.json()["status"] == "live"
    bad = {"schema": SCHEMA, "rows": [{"kode_desa": "00.00", "jumlah": "x"}]}
    response = token_client(produsen).post(url, bad, content_type="application/json")
    assert response.status_code == 201 and response.json()["status"] == "failed"
    assert {e["column"] for e in response.json()["errors"]} == {"kode_desa", "jumlah"}
    assert_error(token_client(other_produsen).post(url, payload, content_type="application/json"),
                 403, "permission_denied")
    assert_error(token_client(produsen).post(url, {"schema": SCHEMA, "rows": []},
                                             content_type="application/json"),
                 422, "validation_error")


@pytest.mark.django_db
def test_unknown_resource_is_not_found(client):
    assert_error(client.get("/api/v1/datastore/nope/versions"), 404, "not_found")
