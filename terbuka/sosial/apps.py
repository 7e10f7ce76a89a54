from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SosialConfig(AppConfig):
    name = "terbuka.sosial"
    label = "sosial"
    verbose_name = _("Social protection (PMKS)")

    def ready(self) -> None:
        from terbuka.sosial import registrations  # noqa: F401
