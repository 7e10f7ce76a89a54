"""opd_create / opd_update / unit_layanan_create."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from terbuka.core import services
from terbuka.core.models import AuditEvent, Opd, UnitLayanan
from terbuka.core.tests.factories import (
    BANGGAI,
    KSB,
    load_regions,
    make_opd,
    make_pemda,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def ksb():
    load_regions(BANGGAI)  # so that "outside" is tested with codes that do exist
    return make_pemda("ksb", KSB)


@pytest.fixture
def admin(ksb):
    return make_user("admin", "admin_pemda", pemda=ksb)


def _create(pemda, actor=None, **kw):
    kw.setdefault("name", "Badan Perencanaan Pembangunan Daerah")
    kw.setdefault("kind", "badan")
    return services.opd_create(actor=actor, pemda=pemda, **kw)


def test_admin_creates_opd_with_audit(ksb, admin):
    opd = _create(ksb, admin, acronym="BAPPEDA", region_code="52.07.01")
    assert opd.region_id == "52.07.01" and opd.pemda == ksb
    event = AuditEvent.objects.get(action="core.opd.create")
    assert event.actor_label == "admin" and event.object_id == str(opd.pk)
    assert event.changes["acronym"] == [None, "BAPPEDA"]


def test_duplicate_name_or_acronym_is_a_validation_error_not_integrity_error(ksb):
    _create(ksb, acronym="BAPPEDA")
    with pytest.raises(ValidationError) as exc_info:
        _create(ksb, name="badan perencanaan pembangunan daerah")
    assert exc_info.value.message_dict["name"] == [
        "An OPD named “badan perencanaan pembangunan daerah” already exists in "
        "Pemerintah Kabupaten Sumbawa Barat."]
    with pytest.raises(ValidationError) as exc_info:
        _create(ksb, name="Bappeda Litbang", acronym="Bappeda")
    assert "The acronym “Bappeda” is already used" in exc_info.value.message_dict["acronym"][0]
    assert Opd.objects.count() == 1


def test_same_name_allowed_in_another_pemda(ksb):
    banggai = make_pemda("banggai", BANGGAI)
    _create(ksb, acronym="BAPPEDA")
    assert _create(banggai, acronym="BAPPEDA").pemda == banggai


@pytest.mark.parametrize(
    ("kw", "field", "text"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "x" * 201}, "name", "At most 200 characters"),
        ({"kind": "ministry"}, "kind", "“ministry” is not one of"),
        ({"region_code": "72.01.01"}, "region_code", "is outside Kabupaten Sumbawa Barat"),
        ({"region_code": "52.07.99"}, "region_code", "Region code 52.07.99 does not exist."),
        ({"region_code": "x"}, "region_code", "“x” is not a region code"),
        ({"name": 7}, "name", "Expected text."),
    ],
)
def test_bad_input(ksb, kw, field, text):
    with pytest.raises(ValidationError) as exc_info:
        _create(ksb, **kw)
    assert text in " ".join(exc_info.value.message_dict[field])
    assert not Opd.objects.exists() and not AuditEvent.objects.exists()


def test_parent_must_be_in_the_same_pemda(ksb):
    banggai = make_pemda("banggai", BANGGAI)
    foreign = make_opd(banggai, "Sekretariat Daerah Banggai", acronym="SETDA")
    with pytest.raises(ValidationError) as exc_info:
        _create(ksb, parent=foreign)
    assert exc_info.value.message_dict["parent"] == [
        "The parent OPD “Sekretariat Daerah Banggai” belongs to another regional government."]


def test_update_diff_audited_and_cycles_refused(ksb, admin):
    setda = make_opd(ksb, "Sekretariat Daerah", acronym="SETDA")
    bagian = make_opd(ksb, "Bagian Organisasi", parent=setda)
    services.opd_update(actor=admin, opd=bagian, acronym="ORG", urusan="Organisasi",
                        parent=setda, name="Bagian Organisasi")
    event = AuditEvent.objects.get(action="core.opd.update")
    assert event.changes == {"acronym": ["", "ORG"], "urusan": ["", "Organisasi"]}
    with pytest.raises(ValidationError) as exc_info:
        services.opd_update(actor=admin, opd=setda, parent=bagian)
    assert "is below this OPD" in exc_info.value.message_dict["parent"][0]
    with pytest.raises(ValidationError):
        services.opd_update(actor=admin, opd=setda, parent=setda)
    with pytest.raises(ValidationError) as exc_info:
        services.opd_update(actor=admin, opd=bagian, name="sekretariat daerah")
    assert "already exists" in exc_info.value.message_dict["name"][0]
    with pytest.raises(ValidationError) as exc_info:
        services.opd_update(actor=admin, opd=bagian, pemda=ksb)
    assert "pemda" in exc_info.value.message_dict


def test_update_keeps_own_name_and_acronym(ksb, admin):
    opd = make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")
    services.opd_update(actor=admin, opd=opd, name="Dinas Kesehatan", acronym="DIKES")
    assert not AuditEvent.objects.exists()  # nothing changed, nothing recorded


def test_people_without_the_role_cannot_write(ksb):
    opd = make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")
    walidata = make_user("wd", "walidata", pemda=ksb)
    petugas = make_user("pt", "petugas_opd", opd=opd)
    for actor in (walidata, petugas):
        with pytest.raises(PermissionDenied):
            _create(ksb, actor)
        with pytest.raises(PermissionDenied):
            services.opd_update(actor=actor, opd=opd, name="Dinas X")
    opd.refresh_from_db()
    assert opd.name == "Dinas Kesehatan"


def test_unit_layanan(ksb, admin):
    opd = make_opd(ksb, "Dinas Kependudukan", acronym="DUKCAPIL")
    unit = services.unit_layanan_create(actor=admin, opd=opd, name="Loket Taliwang",
                                        region_code="52.07.02", phone="0372")
    assert unit.opd == opd
    assert AuditEvent.objects.get(action="core.unit_layanan.create").pemda_id == ksb.pk
    with pytest.raises(ValidationError) as exc_info:
        services.unit_layanan_create(actor=admin, opd=opd, name="loket taliwang")
    assert "already exists in Dinas Kependudukan" in exc_info.value.message_dict["name"][0]
    with pytest.raises(ValidationError) as exc_info:
        services.unit_layanan_create(actor=admin, opd=opd, name="Loket Luwuk",
                                     region_code="72.01.01")
    assert "outside" in exc_info.value.message_dict["region_code"][0]
    assert UnitLayanan.objects.count() == 1
