"""A posyandu flag reaches the register as a case, gets a service, and the outcome goes back."""

import pytest
from django.core.exceptions import ValidationError

from terbuka.core import selectors as core_selectors
from terbuka.core import services as core_services
from terbuka.core.models import ReferralStatus
from terbuka.core.tests.factories import make_opd, make_user
from terbuka.sosial import services
from terbuka.sosial.models import Case, CaseStatus, FoundBy, Person

from .conftest import DESA, TODAY

pytestmark = pytest.mark.django_db


def _flag(ksb, ref="anak-17", **payload):
    kader = make_user(role="kader_posyandu", pemda=ksb)
    return core_services.referral_create(
        actor=kader, pemda=ksb, kind="sosial.pmks", source_module="posyandu", source_ref=ref,
        summary="Balita gizi buruk, ibu tidak mampu", region_code=DESA,
        payload={"name": "Baiq Aulia", "sex": "P", "birth_date": "2023-02-11",
                 "categories": ["01", "24"], **payload})


def test_posyandu_flag_to_service_and_back(ksb, petugas):
    referral = _flag(ksb)
    case = Case.objects.get()
    assert referral.target_ref == case.ref and case.referral_id == referral.pk
    assert case.found_by == FoundBy.POSYANDU and case.desa_id == DESA

    services.assessment_record(actor=petugas, case=case, assessed_on=TODAY,
                               assessor="Pekerja sosial", needs="Makanan tambahan, PBI JKN",
                               priority="tinggi")
    dinsos, dinkes = make_opd(ksb, "Dinas Sosial"), make_opd(ksb, "Dinas Kesehatan")
    sent = services.opd_referral_send(actor=petugas, case=case, from_opd=dinsos, to_opd=dinkes,
                                      reason="Pemulihan gizi", sent_on=TODAY)
    services.opd_referral_respond(actor=petugas, referral=sent, status="diterima",
                                  response="Dirawat di TFC Puskesmas")
    services.aid_record(actor=petugas, case=case, given_on=TODAY, kind="barang",
                        description="Paket makanan tambahan", giver="csr",
                        giver_name="PT AMNT", value="750000")
    seen = core_selectors.referrals_from(source_module="posyandu", source_ref="anak-17").get()
    assert seen.status == ReferralStatus.IN_PROGRESS and "Paket makanan" in seen.note

    services.follow_up(actor=petugas, case=case, on=TODAY, note="Berat badan naik, selesai",
                       close=True)
    seen = core_selectors.referrals_from(source_module="posyandu", source_ref="anak-17").get()
    assert seen.status == ReferralStatus.DONE and seen.note == "Berat badan naik, selesai"
    assert [e.status for e in seen.events.all()] == ["dikirim", "diterima", "ditangani",
                                                      "selesai"]
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    with pytest.raises(ValidationError):
        services.aid_record(actor=petugas, case=case, given_on=TODAY, kind="tunai",
                            description="x", giver="pemda")


def test_flag_for_a_person_already_registered_reuses_the_person(ksb):
    _flag(ksb, ref="a")
    Case.objects.update(status=CaseStatus.CLOSED)
    _flag(ksb, ref="b")
    assert Person.objects.count() == 1 and Case.objects.count() == 2


def test_flag_with_an_unknown_category_makes_no_referral(ksb):
    from terbuka.core.models import Referral

    with pytest.raises(ValidationError):
        _flag(ksb, categories=["77"])
    assert not Referral.objects.exists() and not Person.objects.exists()
