"""What the saluran module offers the platform: its module entry and protected actions.
It is part of the Aduan domain and shows only where aduan is on."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import policy, registry
from terbuka.core.models import Role
from terbuka.core.policy import Scope

policy.define("saluran.triage.handle",
              _("handle the channel triage queue (turn messages into complaints)"),
              {Role.OPERATOR_ADUAN: Scope.PEMDA})
policy.define("saluran.lapor.exchange", _("exchange complaints with SP4N-LAPOR!"),
              {Role.OPERATOR_ADUAN: Scope.PEMDA, Role.ADMIN_PEMDA: Scope.PEMDA})
policy.define("saluran.stats.publish", _("publish complaint statistics to Satu Data"),
              {Role.ADMIN_PEMDA: Scope.PEMDA, Role.WALIDATA: Scope.PEMDA})



def _demo(pemda, stdout):
    from terbuka.saluran.demo import load

    load(pemda, stdout)


registry.register(
    registry.Module(
        name="saluran",
        label=_("Complaint channels"),
        demo_loader=_demo,
        menu=(
            registry.MenuItem(_("Complaint statistics"), "saluran:statistics", order=35),
            registry.MenuItem(_("Channel triage"), "saluran:triage_list",
                              permission="saluran.triage.handle", staff=True, order=35),
            registry.MenuItem(_("SP4N-LAPOR! exchange"), "saluran:lapor",
                              permission="saluran.lapor.exchange", staff=True, order=36),
        ),
    )
)
