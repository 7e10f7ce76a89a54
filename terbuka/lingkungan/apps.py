from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LingkunganConfig(AppConfig):
    name = "terbuka.lingkungan"
    label = "lingkungan"
    verbose_name = _("Environment programmes")

    def ready(self) -> None:
        from terbuka.lingkungan import registrations  # noqa: F401
