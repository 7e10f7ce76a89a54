from django.shortcuts import render

from terbuka.core import policy, selectors
from terbuka.core.models import AuditEvent
from terbuka.core.policy import Target


def home(request):
    return render(request, "core/home.html", {"pemda_list": selectors.pemda_list()})


def pemda_home(request, pemda):
    return render(request, "core/pemda_home.html", {})


def opd_list(request, pemda):
    return render(request, "core/opd_list.html", {"opd_list": selectors.opd_list(pemda=pemda)})


def audit_log(request, pemda):
    policy.require(request.user, "core.audit.view", Target(pemda.pk))
    events = AuditEvent.objects.filter(pemda=pemda)[:100]
    return render(request, "core/audit_log.html", {"events": events})
