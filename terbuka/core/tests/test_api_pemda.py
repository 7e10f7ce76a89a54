"""Public reads of pemda and their OPD; tenants do not leak into each other."""

import pytest

from terbuka.api.testing import assert_error
from terbuka.core.tests.factories import make_opd, make_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def ksb():
    pemda = make_pemda("ksb", contact_email="diskominfo@ksb.example")
    make_opd(pemda, "Dinas Kesehatan", acronym="Dikes", urusan="Kesehatan")
    make_opd(pemda, "Dinas Lama", is_active=False)
    return pemda


@pytest.fixture
def banggai():
    pemda = make_pemda("banggai", "72.01")
    make_opd(pemda, "Dinas Kesehatan Banggai")
    return pemda


def test_pemda_list_shows_active_pemda(client, ksb, banggai):
    make_pemda("off", "72.02", subtree=False, is_active=False)

    page = client.get("/api/v1/pemda").json()

    assert [p["slug"] for p in page["results"]] == ["ksb", "banggai"]
    assert page["count"] == 2


def test_pemda_detail(client, ksb):
    body = client.get("/api/v1/pemda/ksb").json()

    assert body["name"] == "Pemerintah Kabupaten Sumbawa Barat"
    assert body["kind"] == "kabupaten"
    assert body["region_code"] == "52.07"
    assert body["region_name"] == "Kabupaten Sumbawa Barat"
    assert body["contact_email"] == "diskominfo@ksb.example"
    assert body["logo_url"] is None


def test_inactive_pemda_is_not_found(client):
    make_pemda("off", "72.02", subtree=False, is_active=False)
    assert_error(client.get("/api/v1/pemda/off"), 404, "not_found")
    assert_error(client.get("/api/v1/pemda/off/opd"), 404, "not_found")


def test_opd_list_is_the_pemdas_own_active_opd(client, ksb, banggai):
    page = client.get("/api/v1/pemda/ksb/opd").json()

    assert [o["name"] for o in page["results"]] == ["Dinas Kesehatan"]
    (opd,) = page["results"]
    assert opd["acronym"] == "Dikes" and opd["urusan"] == "Kesehatan"
    assert opd["kind"] == "dinas" and opd["parent_id"] is None and opd["is_active"] is True
