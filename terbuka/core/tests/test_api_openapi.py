"""The API describes itself: OpenAPI document, an index, and a docs page that needs no internet."""

import json
import re

import pytest
from django.contrib.staticfiles import finders

EXPECTED_PATHS = {
    "/api/v1/regions": {"get"},
    "/api/v1/regions/{code}": {"get"},
    "/api/v1/regions/{code}/children": {"get"},
    "/api/v1/pemda": {"get"},
    "/api/v1/pemda/{slug}": {"get"},
    "/api/v1/pemda/{slug}/opd": {"get", "post"},
    "/api/v1/pemda/{slug}/opd/{opd_id}": {"patch"},
    "/api/v1/me": {"get"},
    "/api/v1/me/tokens": {"get", "post"},
    "/api/v1/me/tokens/{token_id}": {"delete"},
}


def test_openapi_document_is_json_with_every_path(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1"
    for path, methods in EXPECTED_PATHS.items():
        assert path in document["paths"], path
        assert methods <= set(document["paths"][path]), (path, document["paths"][path])


def test_openapi_document_declares_both_auth_schemes_and_the_error_shape(client):
    document = client.get("/api/v1/openapi.json").json()

    schemes = document["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["TokenAuth"].items()
    assert schemes["SessionAuth"]["in"] == "cookie"
    error = document["components"]["schemas"]["ErrorDetail"]
    assert set(error["properties"]) == {"code", "message", "fields"}
    create = document["paths"]["/api/v1/pemda/{slug}/opd"]["post"]
    assert {"201", "401", "403", "409", "422"} <= set(create["responses"])
    # Public reads say so: no security requirement.
    assert not document["paths"]["/api/v1/regions"]["get"].get("security")
    assert document["paths"]["/api/v1/me"]["get"]["security"]


def test_list_endpoints_document_the_page_format(client):
    document = client.get("/api/v1/openapi.json").json()
    page = document["components"]["schemas"]["PagedRegionOut"]

    assert set(page["properties"]) == {"count", "next", "previous", "results"}
    params = {
        p["name"]: p["schema"]
        for p in document["paths"]["/api/v1/regions"]["get"]["parameters"]
    }
    assert params["limit"]["maximum"] == 1000
    assert params["offset"]["minimum"] == 0


def test_docs_page_loads_only_local_assets(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets), assets
    for asset in assets:
        assert not re.match(r"^(https?:)?//", asset), f"{asset} needs the internet"
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not a static file"
    assert "/api/v1/openapi.json" in html


@pytest.mark.parametrize("asset", ["ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css"])
def test_docs_assets_are_served_without_a_separate_server(client, asset, settings):
    # WhiteNoise serves from the finders when autorefresh is on; in production it serves
    # the collected copy.
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True
    from django.test import Client

    response = Client().get(f"/static/{asset}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:10]


def test_api_root_points_to_document_and_docs(client):
    body = client.get("/api/v1/").json()

    assert body["openapi"].endswith("/api/v1/openapi.json")
    assert body["docs"].endswith("/api/v1/docs")
