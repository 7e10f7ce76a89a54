"""The LAPOR!-style workflow: verify → dispose → OPD reply → reporter's response → closed."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.aduan import services
from terbuka.aduan.models import Disposition, Event, RoutingRule, Status
from terbuka.core.models import AuditEvent


def test_full_path_is_time_stamped_and_audited(submit, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = _full_path(submit, world)
    # Mail went to the reporter at intake and on each public status change, and to the OPD.
    to_reporter = [m for m in mail.outbox if m.to == ["siti@example.org"]]
    assert len(to_reporter) == 5
    assert all(complaint.tracking_number in m.subject for m in to_reporter)
    assert [m.to for m in mail.outbox if m not in to_reporter] == [["petugas@dinkes.example"]]


def _full_path(submit, world):
    complaint = submit(reporter_name="Siti", reporter_contact="siti@example.org")
    services.complaint_verify(actor=world.operator, complaint=complaint, decision="terverifikasi")
    complaint = services.complaint_dispose(actor=world.operator, complaint=complaint,
                                           opds=[world.dinkes], instruction="Cek jam buka")
    assert complaint.status == Status.DISPOSISI and complaint.disposed_at
    services.complaint_respond(actor=world.petugas, complaint=complaint, opd=world.dinkes,
                               text="Jam buka sudah diperbaiki, mulai 07.30.")
    complaint.refresh_from_db()
    assert complaint.status == Status.TINDAK_LANJUT
    assert complaint.answered_at and complaint.workdays_to_answer == 0
    assert complaint.answered_on_time is True
    services.complaint_reporter_reply(actor=None, complaint=complaint,
                                      token=complaint.secret_token, decision="confirm",
                                      rating=5, comment="Cepat")
    complaint.refresh_from_db()
    assert complaint.status == Status.SELESAI and complaint.rating == 5 and complaint.closed_at
    kinds = list(Event.objects.filter(complaint=complaint).values_list("kind", flat=True))
    assert kinds[0] == "submitted" and "disposed" in kinds and "reply" in kinds
    assert "rated" in kinds
    actions = set(AuditEvent.objects.filter(object_id=str(complaint.pk))
                  .values_list("action", flat=True))
    assert {"aduan.complaint.submit", "aduan.complaint.terverifikasi",
            "aduan.complaint.dispose", "aduan.complaint.reply",
            "aduan.complaint.selesai", "aduan.complaint.rate"} <= actions
    return complaint


@pytest.mark.parametrize("decision", ["tunda", "bukan_wewenang", "arsip"])
def test_refusals_need_a_reason_the_reporter_sees(submit, world, decision):
    complaint = submit()
    with pytest.raises(ValidationError) as caught:
        services.complaint_verify(actor=world.operator, complaint=complaint, decision=decision)
    assert "reason" in caught.value.message_dict
    services.complaint_verify(actor=world.operator, complaint=complaint, decision=decision,
                              reason="Data kurang lengkap", redirect_to="BPJS Kesehatan")
    complaint.refresh_from_db()
    assert complaint.status == decision
    event = Event.objects.filter(complaint=complaint, kind="status").last()
    assert event.is_public and "Data kurang lengkap" in event.text


def test_not_our_authority_names_the_body(submit, world):
    complaint = submit()
    with pytest.raises(ValidationError) as caught:
        services.complaint_verify(actor=world.operator, complaint=complaint,
                                  decision="bukan_wewenang", reason="Jalan nasional")
    assert "redirect_to" in caught.value.message_dict


def test_only_operators_verify_and_dispose(submit, world):
    complaint = submit()
    for user in (world.petugas, world.pimpinan, world.inspektur):
        with pytest.raises(PermissionDenied):
            services.complaint_verify(actor=user, complaint=complaint, decision="terverifikasi")
        with pytest.raises(PermissionDenied):
            services.complaint_dispose(actor=user, complaint=complaint, opds=[world.dinkes])


def test_routing_rules_most_specific_region_wins(submit, world):
    category = world.categories["kesehatan"]
    RoutingRule.objects.create(pemda=world.pemda, category=category,
                               region_code="52.07.02", opd=world.pupr)
    inside = submit(region_code="52.07.02.2001")
    elsewhere = submit(region_code="52.07.03.2001")
    assert services.routing_proposal(inside) == [world.pupr]
    assert services.routing_proposal(elsewhere) == [world.dinkes]


def test_several_opd_all_must_answer(submit, world):
    complaint = submit()
    services.complaint_dispose(actor=world.operator, complaint=complaint,
                               opds=[world.dinkes, world.pupr])
    services.complaint_respond(actor=world.petugas, complaint=complaint, opd=world.dinkes,
                               text="Bagian kami selesai")
    complaint.refresh_from_db()
    assert complaint.status == Status.DISPOSISI
    services.complaint_respond(actor=world.petugas_pupr, complaint=complaint, opd=world.pupr,
                               text="Jalan diperbaiki")
    complaint.refresh_from_db()
    assert complaint.status == Status.TINDAK_LANJUT


def test_opd_cannot_answer_what_was_not_sent_to_it(submit, world):
    complaint = submit()
    services.complaint_dispose(actor=world.operator, complaint=complaint, opds=[world.dinkes])
    with pytest.raises(PermissionDenied):
        services.complaint_respond(actor=world.petugas_pupr, complaint=complaint,
                                   opd=world.pupr, text="bukan urusan kami")
    with pytest.raises(PermissionDenied):
        services.complaint_respond(actor=world.petugas_pupr, complaint=complaint,
                                   opd=world.dinkes, text="menyamar")


def test_internal_notes_are_not_public(submit, world):
    complaint = submit()
    services.complaint_dispose(actor=world.operator, complaint=complaint, opds=[world.dinkes])
    event = services.complaint_respond(actor=world.petugas, complaint=complaint,
                                       opd=world.dinkes, text="Catatan internal", public=False)
    assert event.is_public is False
    complaint.refresh_from_db()
    assert complaint.status == Status.DISPOSISI


def _answered(submit, world):
    complaint = submit()
    services.complaint_dispose(actor=world.operator, complaint=complaint, opds=[world.dinkes])
    services.complaint_respond(actor=world.petugas, complaint=complaint, opd=world.dinkes,
                               text="Sudah ditangani")
    complaint.refresh_from_db()
    return complaint


def test_reporter_reopens_with_a_reason(submit, world):
    complaint = _answered(submit, world)
    with pytest.raises(ValidationError):
        services.complaint_reporter_reply(actor=None, complaint=complaint,
                                          token=complaint.secret_token, decision="reopen")
    services.complaint_reporter_reply(actor=None, complaint=complaint,
                                      token=complaint.secret_token, decision="reopen",
                                      text="Masih tutup")
    complaint.refresh_from_db()
    assert complaint.status == Status.DISPOSISI
    assert Disposition.objects.get(complaint=complaint).answered_at is None


def test_wrong_token_cannot_respond_or_rate(submit, world):
    complaint = _answered(submit, world)
    with pytest.raises(PermissionDenied):
        services.complaint_reporter_reply(actor=None, complaint=complaint, token="guess",
                                          decision="confirm")
    with pytest.raises(PermissionDenied):
        services.complaint_rate(actor=None, complaint=complaint, token="", rating=1)


def test_rating_must_be_1_to_5(submit, world):
    complaint = _answered(submit, world)
    with pytest.raises(ValidationError):
        services.complaint_rate(actor=None, complaint=complaint,
                                token=complaint.secret_token, rating=6)
    services.complaint_rate(actor=None, complaint=complaint, token=complaint.secret_token,
                            rating=4)
    complaint.refresh_from_db()
    assert complaint.rating == 4


def test_auto_close_after_reply_days_without_response(submit, world):
    complaint = _answered(submit, world)
    due = complaint.due_on
    assert services.deadlines_run(day=due)["closed"] == 0
    result = services.deadlines_run(day=due + datetime.timedelta(days=1))
    complaint.refresh_from_db()
    assert result["closed"] == 1 and complaint.status == Status.SELESAI
    assert Event.objects.filter(complaint=complaint, kind="autoclosed", is_public=True).exists()


def test_overdue_escalates_once_a_day(submit, world, django_capture_on_commit_callbacks):
    complaint = submit()
    services.complaint_dispose(actor=world.operator, complaint=complaint, opds=[world.dinkes])
    complaint.refresh_from_db()
    late = complaint.due_on + datetime.timedelta(days=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deadlines_run(day=late)["escalated"] == 1
    assert services.deadlines_run(day=late)["escalated"] == 0
    assert any("petugas@dinkes.example" in m.to for m in mail.outbox)
    assert Event.objects.filter(complaint=complaint, kind="escalated").count() == 1


def test_opd_reminded_before_the_deadline(submit, world, django_capture_on_commit_callbacks):
    complaint = submit()
    services.complaint_dispose(actor=world.operator, complaint=complaint, opds=[world.dinkes])
    due = Disposition.objects.get(complaint=complaint).due_on
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deadlines_run(day=due)["reminded"] == 1
    assert services.deadlines_run(day=due)["reminded"] == 0
    assert [m.to for m in mail.outbox] == [["petugas@dinkes.example"]]


def test_merge_archives_the_duplicate(submit, world):
    first = submit(body="Puskesmas Taliwang tutup sejak pagi, pasien menunggu lama")
    dupe = submit(body="Pasien menunggu lama karena Puskesmas Taliwang tutup pagi")
    from terbuka.aduan.selectors import similar_complaints

    found = similar_complaints(world.pemda, text=dupe.body, category_id=dupe.category_id,
                               region_code=dupe.region_id, exclude_pk=dupe.pk)
    assert found == [first]
    services.complaint_merge(actor=world.operator, complaint=dupe, into=first)
    dupe.refresh_from_db()
    assert dupe.status == Status.ARSIP and dupe.merged_into == first
    assert first.tracking_number in dupe.status_reason


def test_unrelated_text_is_not_a_duplicate(submit, world):
    submit(body="Puskesmas Taliwang tutup sejak pagi")
    from terbuka.aduan.selectors import similar_complaints

    assert similar_complaints(world.pemda, text="Beasiswa sekolah anak belum cair",
                              category_id=None) == []


def test_referral_follows_the_complaint(world):
    from terbuka.aduan.models import Complaint
    from terbuka.core import services as core_services

    referral = core_services.referral_create(
        actor=None, pemda=world.pemda, kind="aduan.laporan", source_module="posyandu",
        source_ref="7", summary="Air bersih tidak mengalir ke rumah balita",
        payload={"category": "kesehatan"},
    )
    complaint = Complaint.objects.get(tracking_number=referral.target_ref)
    services.complaint_dispose(actor=world.operator, complaint=complaint, opds=[world.dinkes])
    referral.refresh_from_db()
    assert referral.status == "ditangani"
