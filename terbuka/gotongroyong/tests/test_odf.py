"""ODF status of dusun and desa follows from household records, with a verification step."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from terbuka.core import indicators
from terbuka.core.models import PlaceKind
from terbuka.core.tests.factories import make_place
from terbuka.gotongroyong import odf, selectors, services

from .conftest import DESA, TODAY


def test_status_rules_without_a_database():
    passed = [odf.Verification(datetime.date(2025, 1, 1), True)]
    assert odf.status([]) == odf.NO_DATA
    assert odf.status(["layak", "babs"], passed) == odf.NOT_YET
    assert odf.status(["layak", "sharing"]) == odf.AWAITING
    assert odf.status(["layak", "sharing"], passed) == odf.ODF
    failed_later = [*passed, odf.Verification(datetime.date(2025, 2, 1), False)]
    assert odf.status(["layak"], failed_later) == odf.AWAITING
    shares = odf.pillar_shares([{"latrine": "layak", "cuci_tangan": True},
                                {"latrine": "babs", "cuci_tangan": False}])
    assert shares["stop_babs"] == 50.0 and shares["cuci_tangan"] == 50.0


def _household(programme, dusun, name, latrine):
    return services.household_record(actor=None, programme=programme, dusun=dusun,
                                     head_name=name, latrine=latrine, recorded_on=TODAY,
                                     cuci_tangan=True)


@pytest.mark.django_db
def test_desa_odf_follows_its_households(ksb, sanitasi, dusun):
    second = make_place(ksb, "Dusun Kuang Atas", kind=PlaceKind.DUSUN, region_code=DESA)
    _household(sanitasi, dusun, "Amaq Rudi", "layak")
    late = _household(sanitasi, second, "Inaq Sari", "babs")

    def desa_status():
        (row,) = selectors.desa_statuses(sanitasi)
        return row["status"]

    assert desa_status() == odf.NOT_YET
    # A pass is refused while a household still defecates in the open.
    with pytest.raises(ValidationError) as err:
        services.odf_verify(actor=None, programme=sanitasi, desa=DESA, dusun=second,
                            verified_on=TODAY, passed=True, team="Sanitarian Puskesmas")
    assert "1 household" in str(err.value)

    _household(sanitasi, second, "Inaq Sari", "sharing")  # same household, now shares a latrine
    assert late.__class__.objects.count() == 2
    assert desa_status() == odf.AWAITING
    # The desa cannot pass before each dusun has.
    with pytest.raises(ValidationError) as err:
        services.odf_verify(actor=None, programme=sanitasi, desa=DESA, verified_on=TODAY,
                            passed=True, team="Tim kabupaten")
    assert "Verify every dusun first" in str(err.value)
    for place in (dusun, second):
        services.odf_verify(actor=None, programme=sanitasi, desa=DESA, dusun=place,
                            verified_on=TODAY, passed=True, team="Sanitarian Puskesmas")
    services.odf_verify(actor=None, programme=sanitasi, desa=DESA, verified_on=TODAY,
                        passed=True, team="Tim kabupaten")
    assert desa_status() == odf.ODF
    assert indicators.value("gotongroyong.odf_desa_share", ksb, TODAY, TODAY) == 100.0

    # A household falling back to open defecation takes the status with it.
    _household(sanitasi, dusun, "Lalu Baru", "babs")
    assert desa_status() == odf.NOT_YET
    assert indicators.value("gotongroyong.odf_desa_share", ksb, TODAY, TODAY) == 0.0


@pytest.mark.django_db
def test_indicator_has_no_value_without_households(ksb, sanitasi):
    assert indicators.value("gotongroyong.odf_desa_share", ksb, TODAY, TODAY) is None


@pytest.mark.django_db
def test_houses_move_forward_only(ksb):
    from terbuka.gotongroyong.models import ProgrammeKind

    rehab = services.programme_create(actor=None, pemda=ksb, kind=ProgrammeKind.REHAB_RUMAH,
                                      name="Rehab rumah pasca gempa", start_year=2018)
    house = services.house_record(actor=None, programme=rehab, desa=DESA, owner_name="Amaq Ali",
                                  damage="berat", funds_allocated="50000000")
    services.house_update(actor=None, house=house, stage="3_struktur", funds_disbursed="25000000")
    with pytest.raises(ValidationError):
        services.house_update(actor=None, house=house, stage="2_pondasi",
                              funds_disbursed="25000000")
    with pytest.raises(ValidationError):
        services.house_update(actor=None, house=house, stage="5_selesai",
                              funds_disbursed="50000000")  # no completion date
    with pytest.raises(ValidationError):
        services.house_update(actor=None, house=house, stage="4_atap", funds_disbursed="50000001")
    services.house_update(actor=None, house=house, stage="5_selesai", funds_disbursed="50000000",
                          completed_on=TODAY)
    summary = selectors.house_summary(rehab)
    assert summary["done"] == 1 and summary["disbursed"] == 50000000
