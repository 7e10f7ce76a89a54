"""A kader flags a household; the flag goes through a core referral to the registered
receiver, and the kader reads the follow-up back."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.core import referrals
from terbuka.core import services as core_services
from terbuka.posyandu import selectors, services

pytestmark = pytest.mark.django_db

RECEIVED = []


@pytest.fixture(autouse=True)
def fake_receivers():
    saved = dict(referrals._kinds)
    for key, module in (("sosial.pmks", "sosial"), ("aduan.laporan", "aduan")):
        referrals.register(referrals.ReferralKind(
            key=key, module=module, label=key,
            handler=lambda r: RECEIVED.append(r.payload) or f"CASE-{r.pk}"))
    yield
    referrals._kinds.clear()
    referrals._kinds.update(saved)
    RECEIVED.clear()


@pytest.fixture
def household(posyandu):
    return services.household_create(actor=None, posyandu=posyandu, head_name="Pak Amir",
                                     address="RT 02")


def test_flag_goes_to_sosial_and_the_kader_sees_the_follow_up(household, kader):
    flag = services.social_flag(actor=kader, household=household, category="putus_sekolah",
                                note="Anak 12 tahun tidak sekolah sejak Juli")
    assert flag.referral_kind == "sosial.pmks"
    assert RECEIVED[-1]["category"] == "putus_sekolah"
    (item,) = selectors.social_flags(actor=kader, household=household)
    referral = item["referral"]
    assert referral.target_ref.startswith("CASE-") and "Pak Amir" not in referral.summary
    core_services.referral_update(actor=None, referral=referral, status="ditangani",
                                  note="Didatangi pendamping PKH")
    (item,) = selectors.social_flags(actor=kader, household=household)
    assert item["referral"].status == "ditangani"
    assert [e.status for e in item["events"]] == ["dikirim", "ditangani"]


def test_violence_risk_goes_to_the_complaint_pipeline(household, kader):
    assert services.social_flag(actor=kader, household=household,
                                category="kdrt").referral_kind == "aduan.laporan"


def test_bad_category_and_other_posyandu(household, other_posyandu, ksb):
    from terbuka.core.tests.factories import make_user

    with pytest.raises(ValidationError):
        services.social_flag(actor=None, household=household, category="unknown")
    outsider = make_user(role="kader_posyandu", place=other_posyandu.place)
    with pytest.raises(PermissionDenied):
        services.social_flag(actor=outsider, household=household, category="kdrt")
