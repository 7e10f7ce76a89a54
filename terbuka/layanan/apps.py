from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LayananConfig(AppConfig):
    name = "terbuka.layanan"
    label = "layanan"
    verbose_name = _("Public service standards")

    def ready(self) -> None:
        from terbuka.layanan import registrations  # noqa: F401
