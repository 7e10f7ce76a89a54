"""Adding and changing OPD through the API: the service decides, the API reports clearly,
and a refused request leaves the data as it was."""

import json

import pytest

from terbuka.api.testing import assert_error, token_client
from terbuka.core.models import AuditEvent, Opd, Role
from terbuka.core.tests.factories import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/pemda/ksb/opd"


@pytest.fixture
def ksb():
    return make_pemda("ksb")


@pytest.fixture
def banggai():
    return make_pemda("banggai", "72.01", subtree=False)


@pytest.fixture
def admin(ksb):
    return token_client(make_user("admin_ksb", Role.ADMIN_PEMDA, pemda=ksb))


def send(client, method, url, body):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_admin_adds_an_opd(admin, ksb):
    parent = make_opd(ksb, "Sekretariat Daerah", kind="sekretariat")
    response = send(admin, "post", URL, {
        "name": "Dinas Kesehatan", "kind": "dinas", "acronym": "Dikes", "urusan": "Kesehatan",
        "parent": parent.pk, "region_code": "52.07.02",
    })

    assert response.status_code == 201, response.content
    body = response.json()
    opd = Opd.objects.get(pk=body["id"])
    assert (opd.pemda, opd.name, opd.acronym, opd.parent, opd.region_id) == (
        ksb, "Dinas Kesehatan", "Dikes", parent, "52.07.02")
    assert body["region_code"] == "52.07.02" and body["parent_id"] == parent.pk
    event = AuditEvent.objects.get(action="core.opd.create")
    assert event.via == "api" and event.actor_label == "admin_ksb"


def test_duplicate_opd_is_refused_naming_the_field(admin, ksb):
    make_opd(ksb, "Dinas Kesehatan")

    response = send(admin, "post", URL, {"name": "dinas kesehatan", "kind": "dinas"})

    error = assert_error(response, 409, "conflict")
    assert "dinas kesehatan" in error["fields"]["name"][0].lower()
    assert Opd.objects.filter(pemda=ksb).count() == 1


def test_unknown_region_code_is_named(admin, ksb):
    error = assert_error(
        send(admin, "post", URL, {"name": "Kantor Camat", "kind": "kecamatan",
                                  "region_code": "52.07.99"}),
        422, "validation_error",
    )
    assert "52.07.99" in error["fields"]["region_code"][0]
    assert not Opd.objects.exists()


def test_region_outside_the_pemda_is_refused(admin, ksb, banggai):
    error = assert_error(
        send(admin, "post", URL, {"name": "Kantor", "kind": "kantor", "region_code": "72.01"}),
        422, "validation_error",
    )
    assert "72.01" in error["fields"]["region_code"][0]


def test_parent_from_another_pemda_is_not_found_in_this_one(admin, ksb, banggai):
    foreign = make_opd(banggai, "Dinas Banggai")

    error = assert_error(
        send(admin, "post", URL, {"name": "Bidang", "kind": "bagian", "parent": foreign.pk}),
        422, "validation_error",
    )
    assert str(foreign.pk) in error["fields"]["parent"][0]
    assert not Opd.objects.filter(pemda=ksb).exists()


def test_user_without_the_role_gets_403_and_nothing_changes(ksb):
    petugas = token_client(make_user("petugas", Role.WARGA, pemda=ksb))

    error = assert_error(
        send(petugas, "post", URL, {"name": "Dinas X", "kind": "dinas"}),
        403, "permission_denied",
    )
    assert error["message"]
    assert not Opd.objects.exists()


def test_admin_of_another_pemda_gets_403(ksb, banggai):
    other = token_client(make_user("admin_banggai", Role.ADMIN_PEMDA, pemda=banggai))

    assert_error(send(other, "post", URL, {"name": "Dinas X", "kind": "dinas"}), 403,
                 "permission_denied")


def test_anonymous_gets_401(client, ksb):
    assert_error(send(client, "post", URL, {"name": "Dinas X", "kind": "dinas"}), 401,
                 "not_authenticated")


def test_patch_changes_only_the_fields_sent(admin, ksb):
    opd = make_opd(ksb, "Dinas Kesehatan", acronym="Dikes", urusan="Kesehatan")

    response = send(admin, "patch", f"{URL}/{opd.pk}", {"acronym": "DINKES"})

    assert response.status_code == 200, response.content
    opd.refresh_from_db()
    assert (opd.name, opd.acronym, opd.urusan) == ("Dinas Kesehatan", "DINKES", "Kesehatan")
    assert AuditEvent.objects.get(action="core.opd.update").changes == {
        "acronym": ["Dikes", "DINKES"]
    }


def test_patch_null_clears_parent_but_null_name_is_a_type_error(admin, ksb):
    parent = make_opd(ksb, "Setda")
    opd = make_opd(ksb, "Bagian Umum", parent=parent)

    cleared = send(admin, "patch", f"{URL}/{opd.pk}", {"parent": None})
    refused = send(admin, "patch", f"{URL}/{opd.pk}", {"name": None})

    assert cleared.status_code == 200 and cleared.json()["parent_id"] is None
    assert list(assert_error(refused, 422, "validation_error")["fields"]) == ["name"]
    opd.refresh_from_db()
    assert opd.name == "Bagian Umum" and opd.parent is None


def test_patch_to_a_duplicate_name_is_refused(admin, ksb):
    make_opd(ksb, "Dinas A")
    opd = make_opd(ksb, "Dinas B")

    response = send(admin, "patch", f"{URL}/{opd.pk}", {"name": "Dinas A"})

    assert "name" in assert_error(response, 409, "conflict")["fields"]
    opd.refresh_from_db()
    assert opd.name == "Dinas B"


def test_patch_an_opd_of_another_pemda_is_not_found(admin, ksb, banggai):
    foreign = make_opd(banggai, "Dinas Banggai")

    assert_error(send(admin, "patch", f"{URL}/{foreign.pk}", {"name": "Taken over"}), 404,
                 "not_found")
    foreign.refresh_from_db()
    assert foreign.name == "Dinas Banggai"


def test_patch_by_a_user_without_the_role_is_403(ksb):
    opd = make_opd(ksb, "Dinas A")
    warga = token_client(make_user("warga", Role.WARGA, pemda=ksb))

    assert_error(send(warga, "patch", f"{URL}/{opd.pk}", {"name": "Dinas Z"}), 403,
                 "permission_denied")
    opd.refresh_from_db()
    assert opd.name == "Dinas A"
