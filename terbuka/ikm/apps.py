from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IkmConfig(AppConfig):
    name = "terbuka.ikm"
    label = "ikm"
    verbose_name = _("Service satisfaction survey (IKM)")

    def ready(self) -> None:
        from terbuka.ikm import registrations  # noqa: F401
