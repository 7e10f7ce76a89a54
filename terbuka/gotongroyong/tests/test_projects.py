"""A project from plan to signed LPJ through the services, and every bad input refused whole."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_user
from terbuka.gotongroyong import exifgps, services
from terbuka.gotongroyong.models import Photo, ProgressReport, Project, ProjectStatus, Tranche

from .conftest import DESA, OTHER_DESA, TODAY, stimulan

pytestmark = pytest.mark.django_db

GPS_PHOTO = exifgps.jpeg_with_gps(-8.7431, 116.8552)
PLAIN_PHOTO = exifgps.jpeg_with_gps(None, None)


@pytest.fixture(autouse=True)
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield


def test_stimulan_from_plan_to_signed_lpj(ksb, project, pendamping):
    assert project.total == Decimal("35000000")
    services.tranche_record(actor=pendamping, project=project, amount="20000000", source="apbd",
                            paid_on=TODAY)
    services.photo_add(actor=pendamping, project=project, stage="sebelum", data=GPS_PHOTO)
    services.progress_record(actor=pendamping, project=project, reported_on=TODAY,
                             physical_pct="60", spent="15000000", workdays=70)
    services.tranche_record(actor=pendamping, project=project, amount="10000000", source="apbd",
                            paid_on=TODAY)
    services.progress_record(actor=pendamping, project=project, reported_on=TODAY,
                             physical_pct="100", spent="32000000", workdays=125)
    services.photo_add(actor=pendamping, project=project, stage="sesudah", data=GPS_PHOTO)
    project.refresh_from_db()
    assert project.status == ProjectStatus.FINISHED
    assert project.latitude == Decimal("-8.743100")
    lpj = services.lpj_content(project)
    assert lpj["disbursed"] == "30000000" and lpj["spent"] == "32000000"
    assert lpj["remaining"] == "0"  # 30 jt received + 2 jt community money − 32 jt spent
    assert lpj["photos"] == {"sebelum": 1, "proses": 0, "sesudah": 1}
    assert lpj["officers"]["ketua"] == "Amaq Rudi"

    with pytest.raises(ValidationError) as err:
        services.lpj_sign(actor=pendamping, project=project, signed_by="Lalu Hadi",
                          signed_on=TODAY)
    assert "chair" in str(err.value)
    signed = services.lpj_sign(actor=pendamping, project=project, signed_by="amaq rudi",
                               signed_on=TODAY)
    assert signed.status == ProjectStatus.SIGNED and len(signed.lpj_sha256) == 64
    assert signed.lpj_snapshot["signed_by"] == "Amaq Rudi"
    # Closed: nothing more is recorded on a signed project.
    with pytest.raises(ValidationError):
        services.progress_record(actor=pendamping, project=project, reported_on=TODAY,
                                 physical_pct="100", spent="1")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"gotongroyong.project.create", "gotongroyong.tranche.record",
            "gotongroyong.progress.record", "gotongroyong.photo.add",
            "gotongroyong.lpj.sign"} <= actions


def test_lpj_cannot_be_signed_before_the_work_is_done(project):
    services.progress_record(actor=None, project=project, reported_on=TODAY, physical_pct="90",
                             spent="0")
    with pytest.raises(ValidationError) as err:
        services.lpj_sign(actor=None, project=project, signed_by="Amaq Rudi", signed_on=TODAY)
    assert "100" in str(err.value)
    services.progress_record(actor=None, project=project, reported_on=TODAY, physical_pct="100",
                             spent="0")
    with pytest.raises(ValidationError) as err:
        services.lpj_sign(actor=None, project=project, signed_by="Amaq Rudi", signed_on=TODAY)
    assert "photo" in str(err.value)


def test_progress_over_100_percent_is_refused_and_nothing_saved(project):
    with pytest.raises(ValidationError) as err:
        services.progress_record(actor=None, project=project, reported_on=TODAY,
                                 physical_pct="101", spent="0")
    assert "physical_pct" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.progress_record(actor=None, project=project, reported_on=TODAY,
                                 physical_pct="50", spent="35000001")
    assert "spent" in err.value.message_dict
    assert not ProgressReport.objects.exists()
    project.refresh_from_db()
    assert project.physical_pct == 0 and project.spent == 0


def test_padat_karya_payment_never_above_output_value(ksb, kelompok):
    project = services.project_create(
        actor=None, pemda=ksb, kelompok=kelompok, kind="padat_karya", title="Saluran tersier",
        year=2025, output="Saluran", volume="100", unit="m", budget_apbd="5000000",
        unit_rate="50000")
    with pytest.raises(ValidationError) as err:
        services.tranche_record(actor=None, project=project, amount="1", source="apbd",
                                paid_on=TODAY)
    assert "output" in str(err.value)  # nothing built yet, nothing to pay
    services.progress_record(actor=None, project=project, reported_on=TODAY, physical_pct="40",
                             volume_done="40", spent="0")
    services.tranche_record(actor=None, project=project, amount="2000000", source="apbd",
                            paid_on=TODAY)
    with pytest.raises(ValidationError) as err:
        services.tranche_record(actor=None, project=project, amount="1", source="apbd",
                                paid_on=TODAY)
    assert err.value.message_dict["amount"]
    assert Tranche.objects.filter(project=project).count() == 1
    project.refresh_from_db()
    assert project.disbursed == Decimal("2000000")


def test_padat_karya_plan_above_output_value_is_refused(ksb, kelompok):
    with pytest.raises(ValidationError) as err:
        services.project_create(
            actor=None, pemda=ksb, kelompok=kelompok, kind="padat_karya", title="Saluran",
            year=2025, output="Saluran", volume="100", unit="m", budget_apbd="6000000",
            unit_rate="50000")
    assert "budget_apbd" in err.value.message_dict
    assert not Project.objects.exists()


def test_mandiri_with_government_money_and_money_with_decimals_are_refused(ksb, kelompok):
    with pytest.raises(ValidationError) as err:
        stimulan(ksb, kelompok, kind="mandiri")
    assert "budget_apbd" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        stimulan(ksb, kelompok, budget_apbd="1000.50")
    assert "budget_apbd" in err.value.message_dict
    with pytest.raises(ValidationError):
        stimulan(ksb, kelompok, budget_apbd="sejuta")
    assert not Project.objects.exists()


def test_photo_without_location_refused_where_the_kind_requires_it(ksb, kelompok, project):
    with pytest.raises(ValidationError) as err:
        services.photo_add(actor=None, project=project, stage="sebelum", data=PLAIN_PHOTO)
    assert "location" in str(err.value)
    assert not Photo.objects.exists()
    # Coordinates typed in by hand are accepted instead of EXIF.
    photo = services.photo_add(actor=None, project=project, stage="sebelum", data=PLAIN_PHOTO,
                               latitude="-8.74", longitude="116.85")
    assert not photo.location_from_exif and photo.latitude == Decimal("-8.74")
    # A Mandiri project spends no public money: a photo without location is fine.
    mandiri = stimulan(ksb, kelompok, kind="mandiri", budget_apbd=0, title="Musholla")
    assert services.photo_add(actor=None, project=mandiri, stage="sebelum",
                              data=PLAIN_PHOTO).latitude is None
    with pytest.raises(ValidationError):
        services.photo_add(actor=None, project=mandiri, stage="sebelum", data=b"not an image")


def test_pendamping_only_records_in_their_own_desa(ksb, project, pendamping):
    from terbuka.gotongroyong.models import Kelompok

    elsewhere = Kelompok.objects.create(pemda=ksb, name="Kelompok Seteluk", desa_id=OTHER_DESA)
    with pytest.raises(PermissionDenied):
        stimulan(ksb, elsewhere, actor=pendamping)
    warga = make_user("warga", role="warga", pemda=ksb)
    with pytest.raises(PermissionDenied):
        services.progress_record(actor=warga, project=project, reported_on=TODAY,
                                 physical_pct="10", spent="0")
    assert project.desa_id == DESA


def test_group_rules(ksb, kelompok):
    with pytest.raises(ValidationError):
        services.member_add(actor=None, kelompok=kelompok, name="Baiq Nur", role="ketua")
    with pytest.raises(ValidationError):
        services.member_add(actor=None, kelompok=kelompok, name="amaq rudi")
    with pytest.raises(ValidationError):
        services.kelompok_create(actor=None, pemda=ksb, name="Kelompok Maju Bersama", desa=DESA)
    with pytest.raises(ValidationError):
        services.kelompok_create(actor=None, pemda=ksb, name="Luar", desa="72.01.04.2008")
    assert kelompok.members.count() == 3
