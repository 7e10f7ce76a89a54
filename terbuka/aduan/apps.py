from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AduanConfig(AppConfig):
    name = "terbuka.aduan"
    label = "aduan"
    verbose_name = _("Complaints (Aduan)")

    def ready(self) -> None:
        from terbuka.aduan import registrations  # noqa: F401
