"""The CKAN envelope, error types and authentication of the Action API dispatcher."""

import pytest

from terbuka.accounts.services import token_create
from terbuka.satudata import services
from terbuka.satudata.ckan.registry import register_action


@pytest.fixture
def published(ksb, dikes):
    return services.dataset_upsert_system(
        pemda=ksb, name="jumlah-penduduk", title="Jumlah penduduk menurut kecamatan",
        notes="Penduduk KSB", opd=dikes,
        resources=[{"name": "csv", "url": "https://example.org/p.csv"}])


def test_envelope_on_both_paths(client, published):
    for path in ("/api/3/action/package_show", "/api/action/package_show",
                 "/ksb/data/api/3/action/package_show"):
        body = client.get(path, {"id": "jumlah-penduduk"}).json()
        assert body["success"] is True
        assert body["help"].endswith("help_show?name=package_show")
        assert body["result"]["name"] == "jumlah-penduduk"


def test_json_post_is_accepted(client, published):
    r = client.post("/api/3/action/package_show", {"id": str(published.uuid)},
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["result"]["id"] == str(published.uuid)


def test_not_found_error(client, ksb):
    r = client.get("/api/3/action/package_show", {"id": "tidak-ada"})
    assert r.status_code == 404
    assert r.json()["success"] is False
    assert r.json()["error"]["__type"] == "Not Found Error"


def test_validation_error_409(client, produsen, dikes):
    key = token_create(actor=produsen, user=produsen, name="ckan")[1]
    r = client.post("/ksb/data/api/3/action/package_create",
                    {"name": "Bad Name!", "owner_org": "ksb-dikes"},
                    content_type="application/json", HTTP_AUTHORIZATION=key)
    assert r.status_code == 409
    error = r.json()["error"]
    assert error["__type"] == "Validation Error"
    assert "name" in error and "title" in error


def test_authorization_error_without_token(client, ksb):
    r = client.post("/ksb/data/api/3/action/package_create", {"name": "abc", "title": "x"},
                    content_type="application/json")
    assert r.status_code == 403
    assert r.json()["error"]["__type"] == "Authorization Error"


def test_bad_token_is_refused(client, ksb):
    r = client.get("/api/3/action/package_list", HTTP_AUTHORIZATION="tbk_nonsense")
    assert r.status_code == 403


def test_search_query_error(client, published):
    r = client.get("/api/3/action/package_search", {"fq": "tags:(a OR"})
    assert r.status_code == 400
    assert r.json()["error"]["__type"] == "Search Query Error"


def test_unknown_action_and_get_on_write(client, ksb):
    assert client.get("/api/3/action/no_such_action").status_code == 400
    r = client.get("/api/3/action/package_create")
    assert r.status_code == 400


def test_malformed_json_is_a_400(client, ksb):
    r = client.post("/api/3/action/package_search", "{not json",
                    content_type="application/json")
    assert r.status_code == 400 and r.json()["success"] is False


def test_other_apps_register_actions(client, ksb):
    def echo(ctx, data):
        return {"pemda": ctx.pemda.slug if ctx.pemda else None, "data": data}

    register_action("test_echo", echo, side_effect_free=True)
    body = client.get("/ksb/data/api/3/action/test_echo", {"a": "1"}).json()
    assert body["result"] == {"pemda": "ksb", "data": {"a": "1"}}
