"""The demo loader: thousands of complaints in every state, some overdue, idempotent."""

import io

from django.utils import timezone

from terbuka.aduan import demo, selectors
from terbuka.aduan.models import Complaint, Disposition, Event, ForumSession, Status


def test_demo_load_is_realistic_and_idempotent(world):
    out = io.StringIO()
    demo.load(world.pemda, out)
    complaints = Complaint.objects.filter(pemda=world.pemda)
    assert complaints.count() == demo.SIZE["ksb"]
    states = set(complaints.values_list("status", flat=True))
    assert states == set(Status.values)
    today = timezone.localdate()
    assert complaints.filter(due_on__lt=today).exclude(
        status__in=("selesai", "arsip", "bukan_wewenang")).count() > 50
    assert not complaints.filter(kind="pelanggaran", is_public=True).exists()
    assert not complaints.filter(confidential=True, is_public=True).exists()
    assert Disposition.objects.filter(complaint__pemda=world.pemda).count() > 500
    assert Event.objects.filter(complaint__pemda=world.pemda).count() > 3 * 1000
    assert ForumSession.objects.filter(pemda=world.pemda).count() == 4
    # Every demo complaint can be found by its number, as a citizen would.
    sample = complaints.order_by("?").first()
    assert selectors.complaint_by_tracking(world.pemda, sample.tracking_number) == sample
    demo.load(world.pemda, out)
    assert complaints.count() == demo.SIZE["ksb"]
    assert "already there" in out.getvalue()
