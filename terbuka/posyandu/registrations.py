"""What the posyandu module offers the platform: its module entry, protected actions,
indicators."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import indicators, policy, registry
from terbuka.core.models import Role
from terbuka.core.policy import Scope

MODULE = "posyandu"

# Kader act at their own posyandu (Scope.PLACE); a nakes (bidan, puskesmas staff) in the area
# the role was granted for (Scope.REGION: a kecamatan for a puskesmas, a desa for a bidan desa).
_FIELD = {Role.KADER_POSYANDU: Scope.PLACE, Role.NAKES: Scope.REGION}

policy.define("posyandu.posyandu.manage", _("Register a posyandu and its kader"),
              {Role.ADMIN_PEMDA: Scope.PEMDA, Role.NAKES: Scope.REGION})
policy.define("posyandu.register.view", _("See the posyandu register of people"), _FIELD)
policy.define("posyandu.register.edit", _("Add or change people in the posyandu register"),
              _FIELD)
policy.define("posyandu.session.record", _("Record a posyandu session and its measurements"),
              _FIELD)
policy.define("posyandu.alert.follow_up", _("Refer and follow up growth alerts"),
              {Role.NAKES: Scope.REGION})
policy.define("posyandu.social.flag", _("Flag a household for a social problem"), _FIELD)
policy.define("posyandu.export.individual", _("Export individual health records"),
              {Role.NAKES: Scope.REGION})
policy.define("posyandu.report.view", _("See posyandu reports and dashboards"), {
    Role.KADER_POSYANDU: Scope.PLACE, Role.NAKES: Scope.REGION, Role.ADMIN_PEMDA: Scope.PEMDA,
    Role.PIMPINAN: Scope.PEMDA, Role.PEMBINA_DATA: Scope.PEMDA,
})
policy.define("posyandu.strata.compute", _("Compute the strata of posyandu"),
              {Role.ADMIN_PEMDA: Scope.PEMDA, Role.NAKES: Scope.REGION})
policy.define("posyandu.publish", _("Publish posyandu aggregates to Satu Data"),
              {Role.ADMIN_PEMDA: Scope.PEMDA})


def _demo(pemda, stdout):
    from terbuka.posyandu.demo import load

    load(pemda, stdout)


def _stunting(pemda, start, end):
    from terbuka.posyandu import selectors

    return selectors.stunting_prevalence(pemda=pemda, start=start, end=end)


def _strata_share(pemda, start, end):
    from terbuka.posyandu import selectors

    return selectors.strata_share(pemda=pemda, year=end.year)


def _participation(pemda, start, end):
    from terbuka.posyandu import selectors

    return selectors.participation(pemda=pemda, start=start, end=end)


registry.register(
    registry.Module(
        name=MODULE,
        label=_("Posyandu"),
        menu=(
            registry.MenuItem(_("Posyandu"), "posyandu:public", order=40),
            registry.MenuItem(_("Posyandu work"), "posyandu:home", staff=True, order=40),
        ),
        demo_loader=_demo,
    )
)

indicators.register(indicators.Indicator(
    key="posyandu.stunting_prevalence", module=MODULE,
    label=_("Stunting prevalence among children weighed at posyandu"), unit="%",
    compute=_stunting, higher_is_better=False,
    description=_("Children with length/height-for-age below -2 SD, among those measured in "
                  "the period (latest measurement per child)."),
))
indicators.register(indicators.Indicator(
    key="posyandu.strata_share", module=MODULE,
    label=_("Posyandu at Purnama or Mandiri strata"), unit="%", compute=_strata_share,
))
indicators.register(indicators.Indicator(
    key="posyandu.participation", module=MODULE,
    label=_("Balita weighed at posyandu (D/S)"), unit="%", compute=_participation,
))
