from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running Terbuka in production: health and readiness probes, Prometheus metrics,
    structured logs, backups. Knows no module."""

    name = "terbuka.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from terbuka.ops import metrics

        metrics.watch_jobs()
