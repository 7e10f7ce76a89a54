from django.http import HttpResponse
from django.utils.translation import gettext as _


def lockout(request, credentials=None, *args, **kwargs):
    return HttpResponse(
        _("Too many failed login attempts. Try again later or reset your password."), status=429
    )
