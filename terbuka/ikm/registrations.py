"""What the ikm module offers the platform: its module entry, protected actions, the
`ikm.score` indicator and demo data."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import indicators, policy, registry
from terbuka.core.models import Role
from terbuka.core.policy import Scope

policy.define("ikm.period.manage", _("manage IKM survey periods"), {
    Role.ADMIN_PEMDA: Scope.PEMDA,
    Role.PETUGAS_OPD: Scope.OPD,
})
policy.define("ikm.results.publish", _("publish IKM results to Satu Data"), {
    Role.ADMIN_PEMDA: Scope.PEMDA,
    Role.WALIDATA: Scope.PEMDA,
})
policy.define("ikm.suggestion.view", _("read the suggestions written in IKM questionnaires"), {
    Role.ADMIN_PEMDA: Scope.PEMDA,
    Role.PETUGAS_OPD: Scope.OPD,
    Role.INSPEKTORAT: Scope.PEMDA,
})


def _score(pemda, start, end):
    from terbuka.ikm.selectors import pemda_index

    return pemda_index(pemda, start, end)


def _demo(pemda, stdout):
    from terbuka.ikm.demo import load

    load(pemda, stdout)


indicators.register(indicators.Indicator(
    key="ikm.score", module="ikm", label=_("Community satisfaction index (IKM)"),
    unit=_("index 25–100"), compute=_score,
    description=_("All questionnaires of the pemda's service units in the period, scored per "
                  "PermenPANRB 14/2017."),
))

registry.register(
    registry.Module(
        name="ikm",
        label=_("Service satisfaction survey (IKM)"),
        menu=(
            registry.MenuItem(_("Satisfaction survey"), "ikm:index", order=40),
            registry.MenuItem(_("IKM survey periods"), "ikm:manage",
                              permission="ikm.period.manage", staff=True, order=40),
        ),
        demo_loader=_demo,
    )
)
