"""complaint_submit: the intake every channel uses."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from terbuka.aduan import selectors, services
from terbuka.aduan.models import Complaint, Event, SealedIdentity, Status, public_status_label
from terbuka.core.models import AuditEvent


def test_tracking_number_format_and_lookup(submit, world):
    complaint = submit()
    assert re.fullmatch(r"KSB-\d{4}-[2-9A-HJKMNP-Z]{4}", complaint.tracking_number)
    assert complaint.status == Status.DITERIMA
    assert complaint.due_on is not None and complaint.settle_by > complaint.due_on
    found = selectors.complaint_by_tracking(world.pemda, complaint.tracking_number.lower())
    assert found == complaint
    assert selectors.complaint_by_tracking(world.pemda, "KSB-0000-AAAA") is None
    assert selectors.complaint_by_tracking(world.pemda, "'; drop table") is None
    assert public_status_label(found.status) == str(Status.DITERIMA.label)
    assert Event.objects.filter(complaint=complaint, kind="submitted", is_public=True).exists()
    assert AuditEvent.objects.filter(action="aduan.complaint.submit",
                                     object_id=str(complaint.pk)).exists()


def test_secret_link_token_is_unguessable_and_unique(submit, world):
    a, b = submit(), submit()
    assert len(a.secret_token) >= 32 and a.secret_token != b.secret_token
    assert selectors.complaint_by_secret(world.pemda, a.secret_token) == a


def test_tracking_number_clash_takes_another(submit, world, monkeypatch):
    first = submit()
    numbers = iter([first.tracking_number, "KSB-2611-2222"])
    monkeypatch.setattr(services, "new_tracking_number", lambda pemda, day: next(numbers))
    second = submit()
    assert second.tracking_number == "KSB-2611-2222"


@pytest.mark.parametrize(("field", "kwargs"), [
    ("body", {"body": ""}),
    ("body", {"body": "x" * 20000}),
    ("title", {"title": "t" * 201}),
    ("kind", {"kind": "nonsense"}),
    ("channel", {"channel": "pigeon"}),
    ("category", {"category": "no-such-category"}),
    ("region_code", {"region_code": "72.01.01.2001"}),  # Banggai, not KSB
    ("region_code", {"region_code": "52.07.99"}),
    ("reporter_contact", {"reporter_contact": "not a contact"}),
    ("latitude", {"latitude": "91", "longitude": "116"}),
    ("latitude", {"latitude": "-8.7"}),
])
def test_bad_input_is_refused_and_nothing_is_stored(submit, field, kwargs):
    with pytest.raises(ValidationError) as caught:
        submit(**kwargs)
    assert field in caught.value.message_dict
    assert Complaint.objects.count() == 0


def test_anonymous_identity_is_sealed_not_plain(submit, world):
    complaint = submit(anonymous=True, reporter_name="Budi", reporter_contact="budi@example.org")
    complaint.refresh_from_db()
    assert complaint.reporter_name == "" and complaint.reporter_contact == ""
    assert complaint.is_public  # anonim: the report may be public
    sealed = SealedIdentity.objects.get(complaint=complaint)
    assert "Budi" not in sealed.ciphertext and "budi@" not in sealed.ciphertext


def test_confidential_and_wrongdoing_reports_are_never_public(submit):
    assert submit(confidential=True).is_public is False
    assert submit(kind="pelanggaran", category=None).is_public is False


def test_database_refuses_public_confidential_reports(submit):
    complaint = submit(confidential=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=complaint.pk).update(is_public=True)


def test_database_refuses_public_wrongdoing_reports(submit):
    complaint = submit(kind="pelanggaran")
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=complaint.pk).update(is_public=True)


def test_database_refuses_plain_identity_on_anonymous_reports(submit):
    complaint = submit(anonymous=True, reporter_name="Budi")
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=complaint.pk).update(reporter_name="Budi")


def test_database_refuses_ratings_outside_1_to_5(submit):
    complaint = submit()
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=complaint.pk).update(rating=9)


def test_title_defaults_from_body_for_sms_like_channels(submit):
    complaint = submit(title="", body="Jalan rusak di Desa Seloto\nsudah 3 bulan", channel="sms")
    assert complaint.title == "Jalan rusak di Desa Seloto"


def test_staff_channels_need_an_operator(submit, world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        submit(channel="yasinan", actor=AnonymousUser())
    with pytest.raises(PermissionDenied):
        submit(channel="telepon", actor=world.petugas)
    assert submit(channel="telepon", actor=world.operator).channel == "telepon"


def test_logged_in_citizen_sees_own_reports(submit, world):
    from terbuka.core.tests.factories import make_user

    citizen = make_user("warga1")
    complaint = submit(actor=citizen)
    assert list(selectors.my_complaints(citizen)) == [complaint]


def test_unknown_extra_argument_is_a_programming_error(submit):
    with pytest.raises(TypeError):
        submit(colour="red")
