"""Adding and editing OPD through the web forms: admins only, service errors beside the field,
and nothing changed by a refused or invalid submission."""

import pytest

from terbuka.core.models import AuditEvent, Opd, OpdKind
from terbuka.core.tests.factories import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ksb():
    return make_pemda("ksb", "52.07")


@pytest.fixture
def admin(ksb):
    return make_user("admin_ksb", role="admin_pemda", pemda=ksb)


def _post(client, url, **data):
    base = {"name": "", "acronym": "", "kind": OpdKind.DINAS, "urusan": "", "parent": "",
            "region_code": ""}
    base.update(data)
    return client.post(url, base)


def test_form_labels_every_field(client, admin):
    client.force_login(admin)
    html = client.get("/ksb/opd/tambah/").content.decode()
    for name in ("name", "acronym", "kind", "urusan", "parent", "region_code"):
        assert f'<label for="id_{name}">' in html, name
    assert 'aria-describedby="id_acronym_helptext"' in html


def test_admin_adds_an_opd(client, admin, ksb):
    parent = make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")
    client.force_login(admin)
    response = _post(
        client, "/ksb/opd/tambah/", name="Puskesmas Jereweh", kind=OpdKind.PUSKESMAS,
        parent=str(parent.pk), region_code="52.07.01", urusan="Kesehatan",
    )
    assert response.status_code == 302
    assert response["Location"] == "/ksb/opd/"
    opd = Opd.objects.get(pemda=ksb, name="Puskesmas Jereweh")
    assert opd.parent == parent and opd.region_id == "52.07.01" and opd.urusan == "Kesehatan"
    assert AuditEvent.objects.filter(object_type="core.opd", object_id=str(opd.pk)).exists()
    html = client.get("/ksb/opd/").content.decode()
    assert "Puskesmas Jereweh telah ditambahkan." in html


def test_unknown_region_code_is_shown_beside_its_field(client, admin, ksb):
    client.force_login(admin)
    response = _post(client, "/ksb/opd/tambah/", name="Kantor Camat X", region_code="52.99")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_region_code_error"' in html
    assert "52.99" in html
    assert 'aria-invalid="true"' in html
    assert not Opd.objects.filter(name="Kantor Camat X").exists()


def test_duplicate_name_is_a_clear_error_and_changes_nothing(client, admin, ksb):
    make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")
    client.force_login(admin)
    before = Opd.objects.count()
    response = _post(client, "/ksb/opd/tambah/", name="Dinas Kesehatan")
    assert response.status_code == 200
    assert "Dinas Kesehatan" in response.content.decode()
    assert 'class="errorlist"' in response.content.decode()
    assert Opd.objects.count() == before


def test_admin_edits_an_opd(client, admin, ksb):
    opd = make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")
    client.force_login(admin)
    page = client.get(f"/ksb/opd/{opd.pk}/ubah/").content.decode()
    assert 'value="Dinas Kesehatan"' in page
    response = _post(client, f"/ksb/opd/{opd.pk}/ubah/", name="Dinas Kesehatan dan KB",
                     acronym="DIKES-KB")
    assert response.status_code == 302
    opd.refresh_from_db()
    assert (opd.name, opd.acronym) == ("Dinas Kesehatan dan KB", "DIKES-KB")


def test_other_roles_are_refused_and_nothing_changes(client, ksb):
    opd = make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")
    client.force_login(make_user("walidata", role="walidata", pemda=ksb))
    assert client.get("/ksb/opd/tambah/").status_code == 403
    assert _post(client, "/ksb/opd/tambah/", name="Dinas Baru").status_code == 403
    assert _post(client, f"/ksb/opd/{opd.pk}/ubah/", name="Diubah").status_code == 403
    opd.refresh_from_db()
    assert opd.name == "Dinas Kesehatan"
    assert not Opd.objects.filter(name="Dinas Baru").exists()


def test_admin_of_another_pemda_cannot_reach_this_pemdas_opd(client, ksb):
    banggai = make_pemda("banggai", "72.01")
    opd = make_opd(ksb, "Dinas Kesehatan")
    client.force_login(make_user("admin_banggai", role="admin_pemda", pemda=banggai))
    assert client.get("/ksb/opd/tambah/").status_code == 403
    # Through its own pemda's path the other pemda's OPD does not exist at all.
    assert client.get(f"/banggai/opd/{opd.pk}/ubah/").status_code == 404


def test_parent_choices_are_limited_to_this_pemda(client, admin, ksb):
    banggai = make_pemda("banggai", "72.01")
    foreign = make_opd(banggai, "Dinas Banggai")
    client.force_login(admin)
    html = client.get("/ksb/opd/tambah/").content.decode()
    assert "Dinas Banggai" not in html
    response = _post(client, "/ksb/opd/tambah/", name="Dinas Baru", parent=str(foreign.pk))
    assert response.status_code == 200
    assert 'id="id_parent_error"' in response.content.decode()
    assert not Opd.objects.filter(name="Dinas Baru").exists()
