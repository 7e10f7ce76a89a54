from django.urls import NoReverseMatch, reverse

from terbuka.core import policy, registry
from terbuka.core.policy import Target


def _menu(request):
    pemda = getattr(request, "pemda", None)
    public, staff = [], []
    for module in registry.enabled_modules(pemda):
        for item in module.menu:
            if item.per_pemda and pemda is None:
                continue
            if item.permission and (
                pemda is None or not policy.can(request.user, item.permission, Target(pemda.pk))
            ):
                continue
            try:
                url = reverse(item.url_name, kwargs={"pemda": pemda.slug} if item.per_pemda else {})
            except NoReverseMatch:
                continue
            entry = {"label": item.label, "url": url, "order": item.order,
                     "current": request.path == url}
            (staff if item.staff else public).append(entry)
    key = lambda e: e["order"]  # noqa: E731
    return sorted(public, key=key), sorted(staff, key=key)


def shell(request):
    public, staff = _menu(request)
    return {"pemda": getattr(request, "pemda", None), "menu": public, "staff_menu": staff}
