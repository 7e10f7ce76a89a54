"""What the aduan module offers the platform: its module entry and protected actions."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import registry

registry.register(
    registry.Module(
        name="aduan",
        label=_("Complaints (Aduan)"),
    )
)
