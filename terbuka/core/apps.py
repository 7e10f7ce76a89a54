from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "terbuka.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        # Core's own permissions and menu entries register like any module's.
        from terbuka.core import registrations  # noqa: F401
