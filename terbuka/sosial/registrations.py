"""What the sosial module offers the platform: its module entry, protected actions and the
`sosial.pmks` referral kind (a posyandu flag or a complaint opens a PMKS case here)."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import policy, referrals, registry
from terbuka.core.models import Role
from terbuka.core.policy import Scope


def _demo(pemda, stdout):
    from terbuka.sosial.demo import load

    load(pemda, stdout)


def _handler(referral):
    from terbuka.sosial.services import referral_handler

    return referral_handler(referral)


# The register is sensitive: only social services officers (and facilitators, read-only) in
# their region see individual records; no role sees it for the whole pemda by default.
policy.define("sosial.case.view", _("see the PMKS register"),
              {Role.PETUGAS_SOSIAL: Scope.REGION, Role.PENDAMPING: Scope.REGION})
policy.define("sosial.case.manage", _("register PMKS people and record their cases"),
              {Role.PETUGAS_SOSIAL: Scope.REGION})
policy.define("sosial.opdreferral.respond", _("answer a PMKS referral sent to your OPD"),
              {Role.PETUGAS_SOSIAL: Scope.REGION, Role.PETUGAS_OPD: Scope.OPD})
policy.define("sosial.dtsen.import", _("import DTSEN deciles"),
              {Role.PETUGAS_SOSIAL: Scope.REGION, Role.ADMIN_PEMDA: Scope.PEMDA})

registry.register(
    registry.Module(
        name="sosial",
        label=_("Social protection (PMKS)"),
        menu=(
            registry.MenuItem(_("Social welfare figures"), "sosial:public", order=45),
            registry.MenuItem(_("PMKS register"), "sosial:case_list",
                              permission="sosial.case.view", staff=True, order=450),
        ),
        demo_loader=_demo,
    )
)

referrals.register(referrals.ReferralKind(
    key="sosial.pmks", module="sosial",
    label=_("Social welfare problem (PMKS) for the social services"), handler=_handler,
))
