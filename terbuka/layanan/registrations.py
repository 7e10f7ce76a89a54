"""What the layanan module offers the platform: its module entry and protected actions."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import policy, registry
from terbuka.core.models import Role
from terbuka.core.policy import Scope


def _demo(pemda, stdout):
    from terbuka.layanan.demo import load

    load(pemda, stdout)


policy.define("layanan.standard.manage", _("write and publish an OPD's service standards"),
              {Role.ADMIN_PEMDA: Scope.PEMDA, Role.PETUGAS_OPD: Scope.OPD})
policy.define("layanan.restructuring.record", _("record OPD restructurings"),
              {Role.ADMIN_PEMDA: Scope.PEMDA})

registry.register(
    registry.Module(
        name="layanan",
        label=_("Public service standards"),
        menu=(registry.MenuItem(_("Service standards"), "layanan:index", order=60),),
        demo_loader=_demo,
    )
)
