from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GotongroyongConfig(AppConfig):
    name = "terbuka.gotongroyong"
    label = "gotongroyong"
    verbose_name = _("Community projects (gotong royong)")

    def ready(self) -> None:
        from terbuka.gotongroyong import registrations  # noqa: F401
