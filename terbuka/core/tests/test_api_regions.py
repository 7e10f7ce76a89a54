"""Region reads: one region, its children, and search by level, parent, area and name."""

import pytest

from terbuka.api.testing import assert_error
from terbuka.core.tests.factories import load_regions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def regions():
    load_regions("52.07", "72.01")


def codes(page):
    return [r["code"] for r in page["results"]]


def test_one_region(client):
    body = client.get("/api/v1/regions/52.07").json()

    assert body == {"code": "52.07", "name": "Kabupaten Sumbawa Barat", "level": 2,
                    "parent_code": "52"}


def test_provinsi_has_no_parent(client):
    assert client.get("/api/v1/regions/52").json()["parent_code"] is None


@pytest.mark.parametrize("code", ["52.99", "5207", "52.07.", "x" * 40, "52.07.01.2001.1"])
def test_unknown_or_malformed_code_is_not_found_naming_it(client, code):
    error = assert_error(client.get(f"/api/v1/regions/{code}"), 404, "not_found")
    assert code in error["message"]


def test_children_are_the_next_level_in_code_order(client):
    page = client.get("/api/v1/regions/52.07/children").json()

    assert page["count"] == 8
    assert codes(page) == sorted(codes(page))
    assert {r["level"] for r in page["results"]} == {3}
    assert {r["parent_code"] for r in page["results"]} == {"52.07"}


def test_children_of_unknown_region_is_not_found(client):
    assert_error(client.get("/api/v1/regions/52.99/children"), 404, "not_found")


def test_search_by_name_any_case(client):
    page = client.get("/api/v1/regions", {"q": "TALIWANG"}).json()

    assert "52.07.02" in codes(page)
    assert all("taliwang" in r["name"].lower() for r in page["results"])


def test_search_by_level_and_parent(client):
    provinsi = client.get("/api/v1/regions", {"level": 1}).json()
    kecamatan = client.get("/api/v1/regions", {"parent": "72.01", "level": 3}).json()
    wrong_level = client.get("/api/v1/regions", {"parent": "72.01", "level": 4}).json()

    assert codes(provinsi) == ["52", "72"]
    assert kecamatan["count"] > 0 and all(c.startswith("72.01.") for c in codes(kecamatan))
    assert wrong_level["count"] == 0


def test_search_within_an_area_at_any_depth(client):
    page = client.get("/api/v1/regions", {"within": "52.07", "level": 4, "q": "a"}).json()

    assert page["count"] > 0
    assert all(c.startswith("52.07.") and c.count(".") == 3 for c in codes(page))


@pytest.mark.parametrize("field", ["parent", "within"])
def test_malformed_area_filter_is_a_validation_error_naming_the_code(client, field):
    error = assert_error(
        client.get("/api/v1/regions", {field: "52-07"}), 422, "validation_error"
    )
    assert "52-07" in error["fields"][field][0]
