"""What the rencanaaksi module offers the platform: its module entry and protected actions."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import policy, registry
from terbuka.core.models import Role
from terbuka.core.policy import Scope

SECRETARIAT = {Role.SEKRETARIAT_OGP: Scope.PEMDA, Role.ADMIN_PEMDA: Scope.PEMDA}

policy.define("rencanaaksi.plan.manage",
              _("manage an action plan and its co-creation steps"), SECRETARIAT)
policy.define("rencanaaksi.commitment.manage",
              _("write commitments and milestones"), SECRETARIAT)
policy.define("rencanaaksi.progress.report", _("report progress on a commitment"),
              {Role.SEKRETARIAT_OGP: Scope.PEMDA, Role.PETUGAS_OPD: Scope.OPD})
policy.define("rencanaaksi.comment.respond",
              _("answer public comments on a draft action plan"),
              {Role.SEKRETARIAT_OGP: Scope.PEMDA})
policy.define("rencanaaksi.assessment.government",
              _("record the government's assessment of a commitment"),
              {Role.SEKRETARIAT_OGP: Scope.PEMDA})
policy.define("rencanaaksi.assessment.monitor",
              _("record the monitoring body's assessment of a commitment"),
              {Role.PEMANTAU: Scope.PEMDA})
policy.define("rencanaaksi.organisation.manage",
              _("add partner organisations of the action plan"), SECRETARIAT)


def _demo(pemda, stdout):
    from terbuka.rencanaaksi.demo import load

    load(pemda, stdout)


registry.register(
    registry.Module(
        name="rencanaaksi",
        label=_("OGP action plans"),
        menu=(
            registry.MenuItem(_("Action plans"), "rencanaaksi:plan_list", order=60),
        ),
        demo_loader=_demo,
    )
)
