"""Background jobs of the saluran app: reading Gammu spools, sending social replies,
publishing statistics. Each re-reads its rows and is safe to run twice."""

from __future__ import annotations

import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from terbuka.core.jobs import job

logger = logging.getLogger(__name__)


@job(retries=5, retry_delay=60)
def send_reply(reply_id: int, transport=None) -> str:
    """Send one queued answer through its platform. A reply already sent is left alone; with
    no active account it stays pending (visible to operators) instead of failing."""
    from terbuka.saluran.adapters import ADAPTERS, FOR_SOURCE, http_transport
    from terbuka.saluran.models import ChannelAccount, Reply, ReplyStatus

    reply = Reply.objects.filter(pk=reply_id).first()
    if reply is None or reply.status == ReplyStatus.SENT:
        return "skipped"
    platform = FOR_SOURCE.get(reply.source, "")
    account = ChannelAccount.objects.filter(pemda_id=reply.pemda_id, platform=platform,
                                            is_active=True).exclude(access_token="").first()
    if account is None:
        return "no_account"
    reply.attempts += 1
    try:
        ADAPTERS[platform].send(account, reply, transport or http_transport)
    except Exception as exc:  # noqa: BLE001 - the platform's error is recorded, then retried
        reply.error = f"{type(exc).__name__}: {exc}"[:2000]
        reply.status = ReplyStatus.FAILED if reply.attempts >= 5 else ReplyStatus.PENDING
        reply.save(update_fields=["attempts", "error", "status"])
        if reply.status == ReplyStatus.PENDING:
            raise
        return "failed"
    reply.status, reply.sent_at, reply.error = ReplyStatus.SENT, timezone.now(), ""
    reply.save(update_fields=["attempts", "status", "sent_at", "error"])
    return "sent"


@db_periodic_task(crontab(minute="*"))
def read_sms_spools():
    """Every minute: act on what each active Gammu gateway received."""
    from terbuka.saluran.models import SmsGateway
    from terbuka.saluran.services import sms_process

    for gateway in SmsGateway.objects.filter(is_active=True).select_related("pemda"):
        try:
            counts = sms_process(gateway=gateway)
        except OSError:
            logger.exception("Gammu spool of %s is not readable", gateway.pemda.slug)
            continue
        if counts["received"] or counts["strange"]:
            logger.info("SMS %s: %s", gateway.pemda.slug, counts)


@db_periodic_task(crontab(minute="15", hour="3", day="1"))
def publish_statistics():
    from terbuka.core.models import Pemda
    from terbuka.saluran.services import stats_publish

    for pemda in Pemda.objects.filter(is_active=True):
        stats_publish(actor=None, pemda=pemda)
