"""Background jobs of the lingkungan app."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from terbuka.core.models import Pemda


@db_periodic_task(crontab(minute="45", hour="2", day="1"))
def publish_monthly():
    """Republish every pemda's tables once a month (same keys, so they replace themselves)."""
    from terbuka.lingkungan.services import tables_publish

    for pemda in Pemda.objects.filter(is_active=True):
        if pemda.uses_module("lingkungan"):
            tables_publish(actor=None, pemda=pemda)
