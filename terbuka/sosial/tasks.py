"""Background jobs of the sosial app: a monthly publication of suppressed PMKS counts to
Satu Data (never individual records)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from terbuka.core.models import Pemda


@db_periodic_task(crontab(minute="20", hour="3", day="1"))
def publish_pmks_counts():
    from terbuka.sosial.publish import publish_counts

    for pemda in Pemda.objects.filter(is_active=True):
        if pemda.uses_module("sosial"):
            publish_counts(pemda)
