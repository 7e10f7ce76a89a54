"""pemda_create / pemda_update."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from terbuka.core import services
from terbuka.core.models import AuditEvent, Pemda
from terbuka.core.tests.factories import (
    BANGGAI,
    KSB,
    NTB,
    load_regions,
    make_pemda,
    make_superuser,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def regions():
    load_regions(NTB, subtree=False)
    load_regions(KSB, BANGGAI)
    load_regions("52.71", subtree=False)  # Kota Mataram


def _create(**overrides):
    kwargs = {"actor": None, "slug": "ksb", "name": "Pemerintah Kabupaten Sumbawa Barat",
              "short_name": "KSB", "kind": "kabupaten", "region_code": KSB}
    kwargs.update(overrides)
    return services.pemda_create(**kwargs)


def test_system_creates_pemda_and_it_is_audited_as_system(regions):
    pemda = _create(contact_email="diskominfo@ksb.example", modules=["core"])
    assert pemda.region_id == KSB and pemda.contact_email == "diskominfo@ksb.example"
    event = AuditEvent.objects.get(action="core.pemda.create")
    assert event.actor_label == "system" and event.pemda_id == pemda.pk
    assert event.changes["region"] == [None, KSB]


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"region_code": "52.07.01"}, "region_code", "52.07.01 (Jereweh) is a kecamatan"),
        ({"region_code": "52.99"}, "region_code", "Region code 52.99 does not exist."),
        ({"region_code": "5207"}, "region_code", "“5207” is not a region code"),
        ({"kind": "provinsi"}, "region_code", "a provinsi is required"),
        ({"kind": "kota"}, "kind", "52.07 (Kabupaten Sumbawa Barat) is a kabupaten, not a kota"),
        ({"region_code": "52.71"}, "kind", "is a kota, not a kabupaten"),
        ({"kind": "desa"}, "kind", "“desa” is not one of"),
        ({"slug": "k s b"}, "slug", "slug"),
        ({"name": "  "}, "name", "required"),
        ({"contact_email": "not-mail"}, "contact_email", "email address"),
        ({"modules": ["nope"]}, "modules", "Unknown module: nope."),
        ({"colour": "red"}, "colour", "colour cannot be set here."),
    ],
)
def test_bad_input_is_a_validation_error_naming_it(regions, overrides, field, text):
    with pytest.raises(ValidationError) as exc_info:
        _create(**overrides)
    assert text.lower() in " ".join(exc_info.value.message_dict[field]).lower()
    assert not Pemda.objects.exists()
    assert not AuditEvent.objects.exists()


def test_duplicate_slug_and_region(regions):
    _create()
    with pytest.raises(ValidationError) as exc_info:
        _create(slug="ksb2")
    assert exc_info.value.message_dict["region_code"] == [
        "52.07 already belongs to Pemerintah Kabupaten Sumbawa Barat."]
    with pytest.raises(ValidationError) as exc_info:
        _create(slug="KSB", region_code=BANGGAI, name="Banggai")
    assert exc_info.value.message_dict["slug"] == ["The path /ksb/ is already used."]


def test_only_operator_creates_pemda(regions):
    admin = make_user("admin", "admin_pemda", pemda=make_pemda("banggai", BANGGAI))
    with pytest.raises(PermissionDenied):
        _create(actor=admin)
    assert _create(actor=make_superuser()).slug == "ksb"


def test_admin_updates_own_profile_with_diff_audited(regions):
    pemda = make_pemda("ksb", KSB)
    admin = make_user("admin", "admin_pemda", pemda=pemda)
    services.pemda_update(actor=admin, pemda=pemda, tagline="Pemda terbuka", name=pemda.name)
    pemda.refresh_from_db()
    assert pemda.tagline == "Pemda terbuka"
    event = AuditEvent.objects.get(action="core.pemda.update")
    assert event.changes == {"tagline": ["", "Pemda terbuka"]}
    assert event.actor_id == admin.pk


def test_admin_cannot_move_or_rename_path_or_touch_another_pemda(regions):
    pemda = make_pemda("ksb", KSB)
    other = make_pemda("banggai", BANGGAI)
    admin = make_user("admin", "admin_pemda", pemda=pemda)
    with pytest.raises(PermissionDenied):
        services.pemda_update(actor=admin, pemda=pemda, slug="sumbawa-barat")
    with pytest.raises(PermissionDenied):
        services.pemda_update(actor=admin, pemda=other, tagline="x")
    other.refresh_from_db()
    assert other.tagline == ""


def test_operator_moves_region_checked(regions):
    pemda = make_pemda("ksb", KSB)
    make_pemda("banggai", BANGGAI)
    with pytest.raises(ValidationError) as exc_info:
        services.pemda_update(actor=None, pemda=pemda, region_code=BANGGAI)
    assert "72.01 already belongs to" in exc_info.value.message_dict["region_code"][0]
    with pytest.raises(ValidationError):
        services.pemda_update(actor=None, pemda=pemda, region_code="52.07.01")
