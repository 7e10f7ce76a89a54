"""Indicators offered through core.indicators."""

import datetime

from django.utils import timezone

from terbuka.aduan import services
from terbuka.aduan.models import Complaint
from terbuka.core import indicators


def test_on_time_rate_median_and_satisfaction(world, submit):
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=30), today + datetime.timedelta(days=1)
    assert indicators.value("aduan.on_time_rate", world.pemda, start, end) is None
    first, second = submit(), submit()
    for complaint in (first, second):
        services.complaint_dispose(actor=world.operator, complaint=complaint,
                                   opds=[world.dinkes])
        services.complaint_respond(actor=world.petugas, complaint=complaint, opd=world.dinkes,
                                   text="Dijawab")
    Complaint.objects.filter(pk=second.pk).update(answered_on_time=False, workdays_to_answer=9)
    services.complaint_rate(actor=None, complaint=first, token=first.secret_token, rating=5)
    services.complaint_reporter_reply(actor=None, complaint=second, token=second.secret_token,
                                      decision="confirm", rating=2)
    assert indicators.value("aduan.on_time_rate", world.pemda, start, end) == 50.0
    assert indicators.value("aduan.median_workdays", world.pemda, start, end) == 4.5
    assert indicators.value("aduan.satisfaction", world.pemda, start, end) == 2.0
