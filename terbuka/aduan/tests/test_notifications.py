"""E-mail through the outbox: sent after commit, retried while the mail server is down, never
lost; sealed reporters' addresses are decrypted only when sending."""

import smtplib

import pytest
from django.core import mail

from terbuka.aduan import tasks
from terbuka.aduan.models import Notification, OutboxStatus


def _down(*args, **kwargs):
    raise smtplib.SMTPServerDisconnected("mail server down")


def test_mail_server_down_keeps_the_mail_and_the_sweep_sends_it(
        submit, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(tasks, "send_mail", _down)
    with django_capture_on_commit_callbacks(execute=True):
        # The queued task fails after commit; core.jobs logs it, the submission stands.
        complaint = submit(reporter_contact="warga@example.org")
    note = Notification.objects.get(complaint=complaint)
    note.refresh_from_db()
    assert note.status == OutboxStatus.PENDING and note.attempts == 1
    assert "mail server down" in note.last_error
    monkeypatch.undo()
    assert tasks.sweep_outbox.call_local() == 1
    note.refresh_from_db()
    assert note.status == OutboxStatus.SENT
    assert [m.to for m in mail.outbox] == [["warga@example.org"]]
    assert complaint.tracking_number in mail.outbox[0].subject
    # Running it again sends nothing twice.
    assert tasks.deliver(note.pk) is False and len(mail.outbox) == 1


def test_sealed_reporter_is_mailed_without_a_plain_address(submit):
    complaint = submit(anonymous=True, reporter_contact="rahasia@example.org")
    note = Notification.objects.get(complaint=complaint)
    assert note.to == "" and note.to_sealed
    assert tasks.deliver(note.pk) is True
    assert mail.outbox[-1].to == ["rahasia@example.org"]


def test_gives_up_after_many_attempts_but_keeps_the_row(submit, monkeypatch):
    monkeypatch.setattr(tasks, "send_mail", _down)
    complaint = submit(reporter_contact="warga@example.org")
    note = Notification.objects.get(complaint=complaint)
    for _ in range(tasks.MAX_ATTEMPTS):
        with pytest.raises(smtplib.SMTPServerDisconnected):
            tasks.deliver(note.pk)
    note.refresh_from_db()
    assert note.status == OutboxStatus.FAILED and note.attempts == tasks.MAX_ATTEMPTS
