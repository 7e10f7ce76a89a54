from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PosyanduConfig(AppConfig):
    name = "terbuka.posyandu"
    label = "posyandu"
    verbose_name = _("Posyandu")

    def ready(self) -> None:
        from terbuka.posyandu import registrations  # noqa: F401
