"""What the lingkungan module offers the platform: its module entry, protected actions,
indicators and demo data."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import indicators, policy, registry
from terbuka.core.models import Role
from terbuka.core.policy import Scope

# Bank sampah staff and programme facilitators are granted the role for a desa or kecamatan
# (REGION: the place and everything below it), or for the whole pemda when no region is set.
# See docs/decisions/lingkungan-scope.md.
STAFF = {Role.PENGELOLA_LINGKUNGAN: Scope.REGION}
ADMIN = {Role.ADMIN_PEMDA: Scope.PEMDA}

policy.define("lingkungan.unit.manage",
              _("Register bank sampah, their customers and buying prices"), {**ADMIN, **STAFF})
policy.define("lingkungan.wastetype.manage", _("Manage the list of waste types"),
              {**ADMIN, **STAFF})
policy.define("lingkungan.ledger.post",
              _("Record bank sampah deposits, withdrawals, sales and cash"), dict(STAFF))
policy.define("lingkungan.ledger.view",
              _("See bank sampah customers, passbooks and cash books"), {**ADMIN, **STAFF})
policy.define("lingkungan.period.close", _("Close a month of a bank sampah's books"),
              {**ADMIN, **STAFF})
policy.define("lingkungan.cleanup.record", _("Record clean-up events"),
              {**ADMIN, **STAFF, Role.PENDAMPING: Scope.REGION})
policy.define("lingkungan.park.manage", _("Manage the register of public parks"),
              {**ADMIN, **STAFF})
policy.define("lingkungan.pekarangan.manage",
              _("Register yard-farming households and record their farming"),
              {**ADMIN, **STAFF, Role.PENDAMPING: Scope.REGION})
policy.define("lingkungan.publish", _("Publish environment programme tables to Satu Data"),
              {**ADMIN, Role.WALIDATA: Scope.PEMDA})


def _tonnage_reduced(pemda, start, end):
    from terbuka.lingkungan import selectors

    return selectors.tonnage_reduced(pemda, start, end)


def _households(pemda, start, end):
    from terbuka.lingkungan.models import Household

    if not Household.objects.filter(pemda=pemda).exists():
        return None
    return float(Household.objects.filter(pemda=pemda, joined__lte=end).count())


def _demo(pemda, stdout):
    from terbuka.lingkungan.demo import load

    load(pemda, stdout)


indicators.register(indicators.Indicator(
    key="lingkungan.tonnage_reduced", module="lingkungan",
    label=_("Waste reduced through bank sampah"), unit=_("tonnes"),
    compute=_tonnage_reduced,
    description=_("Tonnes of sorted waste deposited at bank sampah in the period: counted as "
                  "reduction (pengurangan) in the national waste reporting (SIPSN)."),
))
indicators.register(indicators.Indicator(
    key="lingkungan.pekarangan_households", module="lingkungan",
    label=_("Households farming their yards"), unit=_("households"),
    compute=_households,
    description=_("Households registered in yard integrated farming by the end of the "
                  "period."),
))

registry.register(
    registry.Module(
        name="lingkungan",
        label=_("Environment programmes"),
        menu=(
            registry.MenuItem(_("Bank sampah"), "lingkungan:home", order=60),
            registry.MenuItem(_("Bank sampah operations"), "lingkungan:kelola",
                              permission="lingkungan.ledger.view", staff=True, order=60),
        ),
        demo_loader=_demo,
    )
)
