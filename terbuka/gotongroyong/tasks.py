"""Background jobs of the gotongroyong app: a nightly publication of its aggregates (projects
per desa, STBM/ODF per desa) to Satu Data through core.publishing. Safe to run twice:
publishing the same key replaces the table."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from terbuka.core.models import Pemda


@db_periodic_task(crontab(minute="15", hour="3"))
def publish_gotongroyong():
    from terbuka.gotongroyong.publish import publish_all

    for pemda in Pemda.objects.filter(is_active=True):
        if pemda.uses_module("gotongroyong"):
            publish_all(pemda)
