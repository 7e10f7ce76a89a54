from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SaluranConfig(AppConfig):
    name = "terbuka.saluran"
    label = "saluran"
    verbose_name = _("Complaint channels")

    def ready(self) -> None:
        from terbuka.saluran import registrations  # noqa: F401
