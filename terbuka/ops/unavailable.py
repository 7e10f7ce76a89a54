"""A database or Redis outage answers 503 with Retry-After and a page that needs neither, so
people see 'try again in a minute' rather than an error page, and load balancers back off."""

from __future__ import annotations

import logging

from django.http import HttpResponse
from django.template import loader

from terbuka.api.errors import BACKEND_DOWN

logger = logging.getLogger("terbuka.ops")


class UnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if not isinstance(exc, BACKEND_DOWN):
            return None
        logger.error("Backend unavailable %s %s: %r", request.method, request.path, exc)
        # Rendered without a request context: the context processors would query the database.
        response = HttpResponse(loader.render_to_string("ops/503.html"), status=503)
        response["Retry-After"] = "30"
        return response
