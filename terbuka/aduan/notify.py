"""Composing notifications: rows in the outbox, sent by `tasks.send_notification`.

A notification is written in the same transaction as the change it reports, and queued only
after the commit; if the mail server is down the row stays pending, huey retries the task and
`tasks.sweep_outbox` picks up whatever is still pending, so nothing is lost.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from terbuka.core.jobs import enqueue_on_commit

from .models import Complaint, Notification, public_status_label


def _track_path(complaint: Complaint) -> str:
    try:
        return reverse("aduan:secret", kwargs={"pemda": complaint.pemda.slug,
                                                "token": complaint.secret_token})
    except NoReverseMatch:
        return ""


def _queue(notification: Notification) -> Notification:
    from .tasks import send_notification

    enqueue_on_commit(send_notification, notification.pk)
    return notification


def _to_reporter(complaint: Complaint, subject: str, body: str,
                 contact: str | None = None) -> Notification | None:
    """To the reporter's e-mail, plain or sealed (then decrypted only when sending)."""
    if complaint.is_sealed:
        if not hasattr(complaint, "sealed_identity") and contact is None:
            return None
        if contact is not None and "@" not in contact:
            return None
        to, sealed = "", True
    else:
        to = contact if contact is not None else complaint.reporter_contact
        if not to and complaint.reporter_user_id:
            to = complaint.reporter_user.email
        if "@" not in (to or ""):
            return None
        sealed = False
    return _queue(Notification.objects.create(
        pemda=complaint.pemda, complaint=complaint, to=to, to_sealed=sealed,
        subject=subject, body=body,
    ))


def on_submit(complaint: Complaint, contact: str) -> Notification | None:
    if "@" not in (contact or "") and not complaint.reporter_user_id:
        return None
    body = _(
        "Your report has been received by %(pemda)s.\n\nTracking number: %(number)s\n"
        "Follow it here: %(path)s\n"
    ) % {"pemda": complaint.pemda.name, "number": complaint.tracking_number,
         "path": _track_path(complaint)}
    return _to_reporter(complaint, _("Report %(number)s received")
                        % {"number": complaint.tracking_number}, body, contact or None)


def on_status(complaint: Complaint, reason: str = "") -> Notification | None:
    body = _(
        "The status of your report %(number)s is now: %(status)s.\n%(reason)s\n"
        "Follow it here: %(path)s\n"
    ) % {"number": complaint.tracking_number, "status": public_status_label(complaint.status),
         "reason": reason, "path": _track_path(complaint)}
    return _to_reporter(complaint, _("Report %(number)s: %(status)s") % {
        "number": complaint.tracking_number,
        "status": public_status_label(complaint.status)}, body)


def to_opd_staff(complaint: Complaint, opd, subject: str, body: str) -> list[Notification]:
    """To every active petugas OPD of `opd` that has an e-mail address."""
    from terbuka.core.models import Role, RoleAssignment

    emails = sorted({
        a.user.email for a in RoleAssignment.objects.filter(
            pemda=complaint.pemda, opd=opd, role=Role.PETUGAS_OPD, is_active=True,
            user__is_active=True,
        ).select_related("user") if a.user.email
    })
    return [_queue(Notification.objects.create(
        pemda=complaint.pemda, complaint=complaint, to=email, subject=subject, body=body,
    )) for email in emails]


def to_operators(complaint: Complaint, subject: str, body: str) -> list[Notification]:
    """To the pemda's complaint operators (the inspektorat for wrongdoing reports)."""
    from terbuka.core.models import Role, RoleAssignment

    role = Role.INSPEKTORAT if complaint.kind == "pelanggaran" else Role.OPERATOR_ADUAN
    emails = sorted({
        a.user.email for a in RoleAssignment.objects.filter(
            pemda=complaint.pemda, role=role, is_active=True, user__is_active=True,
        ).select_related("user") if a.user.email
    })
    return [_queue(Notification.objects.create(
        pemda=complaint.pemda, complaint=complaint, to=email, subject=subject, body=body,
    )) for email in emails]
