from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RencanaaksiConfig(AppConfig):
    name = "terbuka.rencanaaksi"
    label = "rencanaaksi"
    verbose_name = _("OGP action plans")

    def ready(self) -> None:
        from terbuka.rencanaaksi import registrations  # noqa: F401
