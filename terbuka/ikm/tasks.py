"""Background jobs of the ikm app."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from terbuka.core.models import Pemda


@db_periodic_task(crontab(minute="30", hour="2", day="1"))
def publish_monthly():
    """Republish every pemda's IKM table once a month (same key, so it replaces itself)."""
    from terbuka.ikm.services import results_publish

    for pemda_id in Pemda.objects.filter(is_active=True).values_list("pk", flat=True):
        results_publish(actor=None, pemda=Pemda.objects.get(pk=pemda_id))
