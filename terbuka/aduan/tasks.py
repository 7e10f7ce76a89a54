"""Background jobs of the aduan app: sending e-mail from the outbox, the hourly sweep of what is
still pending, and the daily deadline run (escalation of overdue steps, auto-closing)."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from terbuka.core.jobs import job

from . import sealing
from .models import Notification, OutboxStatus

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 12


def deliver(notification_id: int) -> bool:
    """Send one pending notification. Returns whether it is sent now. Raises when sending fails,
    after noting the attempt, so huey retries it."""
    with transaction.atomic():
        note = (Notification.objects.select_for_update()
                .filter(pk=notification_id, status=OutboxStatus.PENDING).first())
        if note is None:
            return False  # already sent or given up: running twice sends once
        to = note.to
        if note.to_sealed:
            identity = getattr(note.complaint, "sealed_identity", None)
            contact = sealing.unseal(identity.ciphertext).get("contact", "") if identity else ""
            to = contact if "@" in contact else ""
        if not to:
            note.status = OutboxStatus.FAILED
            note.last_error = "no address"
            note.save(update_fields=["status", "last_error"])
            return False
        note.attempts += 1
        try:
            send_mail(note.subject, note.body, None, [to])
        except Exception as exc:
            note.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if note.attempts >= MAX_ATTEMPTS:
                note.status = OutboxStatus.FAILED
            note.save(update_fields=["attempts", "last_error", "status"])
            failed = exc
        else:
            note.status = OutboxStatus.SENT
            note.sent_at = timezone.now()
            note.save(update_fields=["attempts", "status", "sent_at", "last_error"])
            return True
    raise failed


@job(retries=5, retry_delay=60)
def send_notification(notification_id: int) -> bool:
    return deliver(notification_id)


@db_periodic_task(crontab(minute="*/15"))
def sweep_outbox() -> int:
    """Retry every pending notification (the mail server may have been down for hours)."""
    sent = 0
    for pk in Notification.objects.filter(status=OutboxStatus.PENDING).values_list("pk",
                                                                                  flat=True):
        try:
            sent += deliver(pk)
        except Exception:
            logger.warning("Notification %s not sent yet", pk, exc_info=True)
    return sent


@db_periodic_task(crontab(minute="5", hour="*"))
def run_deadlines() -> dict:
    """Escalate overdue steps and close answered reports left without a reply. Hourly, and
    idempotent: an item is escalated once per day, closing happens once."""
    from .services import deadlines_run

    return deadlines_run(actor=None)
