"""Sealed reports of wrongdoing: who may see them, who may open the identity, and the log.
Runs on PostgreSQL too (the database constraints are part of the rule)."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from PIL import Image

from terbuka.aduan import selectors, services
from terbuka.aduan.models import Complaint, IdentityReveal, SealedIdentity
from terbuka.core.models import AuditEvent, Role
from terbuka.core.tests.factories import BANGGAI, make_pemda, make_user


@pytest.fixture
def sealed(submit):
    return submit(kind="pelanggaran", category=None, title="Pungutan liar di loket",
                  body="Petugas meminta uang tambahan", reporter_name="Saksi Rahasia",
                  reporter_contact="saksi@example.org", confidential=True)


def test_identity_is_encrypted_apart_from_the_report(sealed):
    row = Complaint.objects.filter(pk=sealed.pk).values().get()
    assert "Saksi Rahasia" not in str(row) and "saksi@example.org" not in str(row)
    ciphertext = SealedIdentity.objects.get(complaint=sealed).ciphertext
    assert "Saksi" not in ciphertext and "saksi" not in ciphertext


def test_only_the_inspektorat_sees_wrongdoing_reports(world, sealed):
    assert list(selectors.staff_complaints(world.inspektur, world.pemda)) == [sealed]
    for user in (world.operator, world.petugas, world.pimpinan):
        assert sealed not in selectors.staff_complaints(user, world.pemda)


def test_operators_and_opd_cannot_handle_or_dispose_them(world, sealed):
    with pytest.raises(PermissionDenied):
        services.complaint_verify(actor=world.operator, complaint=sealed,
                                  decision="terverifikasi")
    with pytest.raises(PermissionDenied):
        services.complaint_dispose(actor=world.operator, complaint=sealed, opds=[world.dinkes])
    services.complaint_verify(actor=world.inspektur, complaint=sealed, decision="terverifikasi")
    with pytest.raises(PermissionDenied):
        services.complaint_dispose(actor=world.inspektur, complaint=sealed,
                                   opds=[world.dinkes])
    services.complaint_respond(actor=world.inspektur, complaint=sealed, opd=None,
                               text="Pemeriksaan dimulai")


@pytest.mark.parametrize("role", [r for r in Role if r != Role.INSPEKTORAT])
def test_no_other_role_can_reveal_the_identity(world, sealed, role):
    user = make_user(role=role, pemda=world.pemda, opd=world.dinkes)
    with pytest.raises(PermissionDenied):
        services.identity_reveal(actor=user, complaint=sealed, reason="Ingin tahu saja ya")
    assert not IdentityReveal.objects.exists()


def test_anonymous_and_inspektorat_elsewhere_cannot_reveal(world, sealed):
    from django.contrib.auth.models import AnonymousUser

    other = make_pemda("banggai", BANGGAI)
    outsider = make_user(role=Role.INSPEKTORAT, pemda=other)
    for user in (None, AnonymousUser(), outsider):
        with pytest.raises(PermissionDenied):
            services.identity_reveal(actor=user, complaint=sealed, reason="Pemeriksaan kasus")


def test_reveal_needs_a_reason_and_is_logged(world, sealed):
    with pytest.raises(ValidationError):
        services.identity_reveal(actor=world.inspektur, complaint=sealed, reason="")
    identity = services.identity_reveal(actor=world.inspektur, complaint=sealed,
                                        reason="Saksi perlu dimintai keterangan lanjutan")
    assert identity == {"name": "Saksi Rahasia", "contact": "saksi@example.org"}
    reveal = IdentityReveal.objects.get()
    assert reveal.actor == world.inspektur and "keterangan" in reveal.reason
    event = AuditEvent.objects.get(action="aduan.identity.reveal")
    assert event.is_read and "keterangan" in str(event.changes)


def test_staff_pages_never_show_the_sealed_identity(client, world, sealed):
    from django.urls import reverse

    url = reverse("aduan:manage", kwargs={"pemda": "ksb", "pk": sealed.pk})
    client.force_login(world.operator)
    assert client.get(url).status_code == 404
    client.force_login(world.inspektur)
    page = client.get(url).content.decode()
    assert "Saksi Rahasia" not in page
    page = client.post(url, {"action": "reveal",
                             "reason": "Diperlukan untuk BAP pemeriksaan"}).content.decode()
    assert "Saksi Rahasia" in page


def test_wrongdoing_reports_never_reach_public_pages_or_api(client, world, sealed):
    assert sealed not in selectors.public_complaints(world.pemda)
    assert "Pungutan" not in client.get("/ksb/aduan/").content.decode()
    assert "Pungutan" not in client.get("/api/v1/pemda/ksb/aduan/public").content.decode()
    body = client.get(f"/api/v1/pemda/ksb/aduan/track/{sealed.tracking_number}").json()
    assert body["title"] is None and body["events"] == []


def test_database_keeps_the_rules_even_against_direct_writes(sealed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=sealed.pk).update(is_public=True, confidential=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=sealed.pk).update(reporter_contact="saksi@example.org")


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "KameraMerek"  # Make
    exif[0x8825] = {1: "S", 2: (8.0, 44.0, 10.0), 3: "E", 4: (116.0, 50.0, 5.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_attachments_lose_exif_and_gps(submit):
    data = _jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif()
    complaint = submit(kind="pelanggaran", attachments=[("bukti.jpg", data)])
    stored = complaint.attachments.get()
    with stored.file.open("rb") as handle:
        cleaned = Image.open(io.BytesIO(handle.read()))
        assert not cleaned.getexif() and "exif" not in cleaned.info
    assert stored.content_type == "image/jpeg"


@pytest.mark.parametrize(("name", "data"), [
    ("foto.jpg", b"MZ\x90\x00 this is a windows program"),
    ("surat.pdf", b"<html><script>alert(1)</script></html>"),
    ("kosong.png", b""),
])
def test_disguised_or_empty_attachments_are_refused(submit, name, data):
    with pytest.raises(ValidationError) as caught:
        submit(attachments=[(name, data)])
    assert "attachments" in caught.value.message_dict
    assert Complaint.objects.count() == 0


def test_oversized_attachment_is_refused(submit):
    with pytest.raises(ValidationError):
        submit(attachments=[("besar.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 1))])
