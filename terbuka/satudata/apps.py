from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SatudataConfig(AppConfig):
    name = "terbuka.satudata"
    label = "satudata"
    verbose_name = _("Open data portal (Satu Data)")

    def ready(self) -> None:
        from terbuka.satudata import registrations  # noqa: F401
