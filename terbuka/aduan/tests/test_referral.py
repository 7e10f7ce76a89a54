"""The referral kind aduan.laporan: another module routes a problem into the pipeline."""

from terbuka.aduan.models import Channel, Complaint
from terbuka.core import services as core_services
from terbuka.core.tests.factories import make_user


def test_referral_opens_a_confidential_complaint(world):
    kader = make_user("kader")
    referral = core_services.referral_create(
        actor=kader, pemda=world.pemda, kind="aduan.laporan", source_module="posyandu",
        source_ref="42", summary="Keluarga balita gizi buruk tidak punya akses air bersih",
        region_code="52.07.02.2001", payload={"category": "air-bersih"},
    )
    complaint = Complaint.objects.get(tracking_number=referral.target_ref)
    assert complaint.channel == Channel.RUJUKAN
    assert complaint.referral_id == referral.pk
    assert complaint.confidential and not complaint.is_public
    assert complaint.category.slug == "air-bersih"
    assert complaint.region_id == "52.07.02.2001"
