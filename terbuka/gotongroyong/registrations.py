"""What the gotongroyong module offers the platform: its module entry, protected actions and
the ODF indicator."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import indicators, policy, registry
from terbuka.core.models import Role
from terbuka.core.policy import Scope


def _demo(pemda, stdout):
    from terbuka.gotongroyong.demo import load

    load(pemda, stdout)


def _odf_desa_share(pemda, start, end):
    from terbuka.gotongroyong.selectors import odf_desa_share

    return odf_desa_share(pemda, start, end)


# Kelompok officers and facilitators hold the `pendamping` role, narrowed to their desa.
policy.define("gotongroyong.programme.manage", _("set up gotong royong programmes"),
              {Role.ADMIN_PEMDA: Scope.PEMDA})
policy.define("gotongroyong.project.record",
              _("record gotong royong groups, projects, progress, photos and LPJ"),
              {Role.ADMIN_PEMDA: Scope.PEMDA, Role.PENDAMPING: Scope.REGION})
policy.define("gotongroyong.tranche.record", _("record disbursement tranches"),
              {Role.ADMIN_PEMDA: Scope.PEMDA, Role.PENDAMPING: Scope.REGION})
policy.define("gotongroyong.sanitation.record", _("record sanitation households (STBM)"),
              {Role.ADMIN_PEMDA: Scope.PEMDA, Role.PENDAMPING: Scope.REGION,
               Role.NAKES: Scope.REGION})
policy.define("gotongroyong.odf.verify", _("record ODF verifications"),
              {Role.ADMIN_PEMDA: Scope.PEMDA, Role.NAKES: Scope.REGION})
policy.define("gotongroyong.house.record", _("record houses under reconstruction"),
              {Role.ADMIN_PEMDA: Scope.PEMDA, Role.PENDAMPING: Scope.REGION})
policy.define("gotongroyong.staff.view", _("see gotong royong work pages and named records"),
              {Role.ADMIN_PEMDA: Scope.PEMDA, Role.PENDAMPING: Scope.REGION,
               Role.NAKES: Scope.REGION, Role.PIMPINAN: Scope.PEMDA})

registry.register(
    registry.Module(
        name="gotongroyong",
        label=_("Community projects (gotong royong)"),
        menu=(
            registry.MenuItem(_("Gotong royong"), "gotongroyong:public_home", order=40),
            registry.MenuItem(_("Gotong royong work"), "gotongroyong:work",
                              permission="gotongroyong.staff.view", staff=True, order=400),
        ),
        demo_loader=_demo,
    )
)

indicators.register(indicators.Indicator(
    key="gotongroyong.odf_desa_share", module="gotongroyong",
    label=_("Desa verified Open Defecation Free"), unit="%", compute=_odf_desa_share,
    description=_("Share of the desa covered by a sanitation programme whose households all "
                  "use a latrine and that passed verification."),
))
