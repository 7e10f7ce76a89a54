"""The triage queue: operators turn items into complaints (the sender is told the number)
or dismiss them with a reason; others may not."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.aduan.models import Channel
from terbuka.core.models import AuditEvent
from terbuka.saluran import gammu, services
from terbuka.saluran.models import Reply, TriageItem

pytestmark = pytest.mark.django_db


def _item(world, source="sms", sender="+6281907001234", **extra):
    item, created = services.triage_receive(pemda=world.pemda, source=source,
                                            text="Lampu jalan mati di Seloto", sender=sender,
                                            external_id=extra.pop("external_id", "ext-1"),
                                            **extra)
    assert created
    return item


def test_promote_sms_item_creates_the_complaint_and_texts_the_number(
        world, gateway, django_capture_on_commit_callbacks):
    item = _item(world)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox is written on commit
        complaint = services.triage_promote(actor=world.operator, item=item,
                                            region_code="52.07.02.2011")
    item.refresh_from_db()
    assert item.status == "jadi_aduan" and item.complaint == complaint
    assert complaint.channel == Channel.SMS and complaint.reporter_contact == "+6281907001234"
    (to, text), = gammu.iter_outbox(Path(gateway.outbox_path))
    assert to == "+6281907001234" and complaint.tracking_number in text
    assert AuditEvent.objects.filter(action="saluran.triage.promote").exists()


def test_promote_social_item_queues_a_reply_with_the_tracking_link(world):
    item = _item(world, source="whatsapp", sender="6281907001234")
    complaint = services.triage_promote(actor=world.operator, item=item)
    assert complaint.channel == Channel.WHATSAPP
    assert complaint.reporter_contact == "+6281907001234"
    reply = Reply.objects.get(triage=item)
    assert complaint.tracking_number in reply.text


def test_handled_items_cannot_be_handled_again(world):
    item = _item(world)
    services.triage_dismiss(actor=world.operator, item=item, note="Iklan")
    with pytest.raises(ValidationError) as exc:
        services.triage_promote(actor=world.operator, item=item)
    assert exc.value.error_dict["status"][0].code == "conflict"


def test_dismiss_needs_a_reason(world):
    with pytest.raises(ValidationError):
        services.triage_dismiss(actor=world.operator, item=_item(world), note="  ")


def test_only_operators_handle_triage(world):
    item = _item(world)
    with pytest.raises(PermissionDenied):
        services.triage_promote(actor=world.warga, item=item)
    assert TriageItem.objects.get().status == "baru"


def test_same_external_id_is_the_same_item(world):
    first = _item(world)
    again, created = services.triage_receive(pemda=world.pemda, source="sms", text="x",
                                             external_id="ext-1")
    assert again == first and not created


def test_queue_page_and_promotion_through_the_form(client, world):
    item = _item(world)
    assert client.get("/ksb/saluran/triase/").status_code == 302  # to login
    client.force_login(world.warga)
    assert client.get("/ksb/saluran/triase/").status_code == 403
    client.force_login(world.operator)
    assert item.reference in client.get("/ksb/saluran/triase/").content.decode()
    page = client.get(f"/ksb/saluran/triase/{item.pk}/")
    assert "Lampu jalan mati" in page.content.decode()
    assert AuditEvent.objects.filter(action="saluran.triage.view", is_read=True).exists()
    bad = client.post(f"/ksb/saluran/triase/{item.pk}/", {
        "action": "promote", "kind": "layanan", "body": "Lampu mati",
        "region_code": "99.99"})
    assert bad.status_code == 200 and 'id="id_region_code_error"' in bad.content.decode()
    ok = client.post(f"/ksb/saluran/triase/{item.pk}/", {
        "action": "promote", "kind": "layanan", "body": "Lampu mati",
        "region_code": "52.07.02.2011"})
    assert ok.status_code == 302
    item.refresh_from_db()
    assert item.complaint.region_id == "52.07.02.2011"


def test_public_triage_page_follows_the_item_to_its_complaint(client, world):
    item = _item(world)
    page = client.get(f"/ksb/saluran/t/{item.reference}/").content.decode()
    assert item.reference in page and "+6281907001234" not in page
    complaint = services.triage_promote(actor=world.operator, item=item)
    page = client.get(f"/ksb/saluran/t/{item.reference.lower()}/").content.decode()
    assert complaint.tracking_number in page
    assert client.get("/ksb/saluran/t/T-NOPE00/").status_code == 404
    status = client.get(f"/ksb/saluran/status/{complaint.tracking_number}/")
    assert status.status_code == 200 and complaint.tracking_number in status.content.decode()


def test_a_closed_complaint_invites_the_citizen_to_rate_the_service(client, world, gateway):
    from terbuka.aduan.models import Complaint, Disposition, Status
    from terbuka.saluran.tests.conftest import drop_sms

    item = _item(world)
    complaint = services.triage_promote(actor=world.operator, item=item)
    page = client.get(f"/ksb/saluran/status/{complaint.tracking_number}/").content.decode()
    assert "?ref=" not in page  # still open: nothing to rate yet
    Disposition.objects.create(complaint=complaint, opd=world.pupr, due_on="2026-12-01")
    Complaint.objects.filter(pk=complaint.pk).update(status=Status.SELESAI)
    page = client.get(f"/ksb/saluran/status/{complaint.tracking_number}/").content.decode()
    assert f"/ksb/ikm/opd/{world.pupr.pk}/isi/?ref={complaint.tracking_number}" in page
    drop_sms(gateway, "+6281907001234", f"CEK {complaint.tracking_number}")
    services.sms_process(gateway=gateway)
    (to, text), *_ = [m for m in gammu.iter_outbox(Path(gateway.outbox_path))
                      if complaint.tracking_number in m[1] and "/ikm/" in m[1]]
    assert to == "+6281907001234"
