"""What the aduan module offers the platform: its module entry, protected actions, the referral
kind `aduan.laporan` and its indicators."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import indicators, policy, referrals, registry
from terbuka.core.models import Role
from terbuka.core.policy import Scope
from terbuka.core.registry import MenuItem


def _demo_loader(pemda, stdout):
    from terbuka.aduan.demo import load

    return load(pemda, stdout)


def _referral_handler(referral):
    from terbuka.aduan.services import referral_handler

    return referral_handler(referral)


def _indicator(name):
    def compute(pemda, start, end):
        from terbuka.aduan import stats

        return getattr(stats, name)(pemda, start, end)

    return compute


registry.register(
    registry.Module(
        name="aduan",
        label=_("Complaints (Aduan)"),
        menu=(
            MenuItem(_("Complaints"), "aduan:home", order=30),
            MenuItem(_("Complaint queue"), "aduan:queue", permission="aduan.queue.view",
                     staff=True, order=30),
            MenuItem(_("YASINAN forum"), "aduan:forum_list", order=31),
        ),
        demo_loader=_demo_loader,
    )
)

PEMDA = Scope.PEMDA
policy.define(
    "aduan.queue.view", _("see the complaint queue (each role its own part)"),
    {Role.OPERATOR_ADUAN: PEMDA, Role.PETUGAS_OPD: PEMDA, Role.INSPEKTORAT: PEMDA,
     Role.PIMPINAN: PEMDA, Role.ADMIN_PEMDA: PEMDA},
)
policy.define(
    "aduan.complaint.enter", _("enter complaints heard in person, by phone or in a forum"),
    {Role.OPERATOR_ADUAN: PEMDA},
)
policy.define(
    "aduan.complaint.verify",
    _("verify, put on hold, refuse, archive or merge complaints"),
    {Role.OPERATOR_ADUAN: PEMDA},
)
policy.define(
    "aduan.complaint.dispose", _("send complaints to OPD"), {Role.OPERATOR_ADUAN: PEMDA},
)
policy.define(
    "aduan.complaint.respond", _("answer complaints sent to your OPD"),
    {Role.PETUGAS_OPD: Scope.OPD},
)
policy.define(
    "aduan.pelanggaran.handle", _("handle reports of wrongdoing by officials"),
    {Role.INSPEKTORAT: PEMDA},
)
policy.define(
    "aduan.identity.reveal", _("reveal the sealed identity of a reporter (with a reason)"),
    {Role.INSPEKTORAT: PEMDA},
)
policy.define(
    "aduan.settings.manage", _("set complaint categories, routing rules and deadlines"),
    {Role.ADMIN_PEMDA: PEMDA, Role.OPERATOR_ADUAN: PEMDA},
)
policy.define(
    "aduan.forum.manage", _("record YASINAN forum sessions"),
    {Role.OPERATOR_ADUAN: PEMDA, Role.ADMIN_PEMDA: PEMDA},
)

referrals.register(referrals.ReferralKind(
    key="aduan.laporan", module="aduan",
    label=_("Report into the complaint pipeline (NTB Care)"),
    handler=_referral_handler,
))

indicators.register(indicators.Indicator(
    key="aduan.on_time_rate", module="aduan",
    label=_("Complaints answered by the OPD on time"), unit="%",
    compute=_indicator("on_time_rate"),
    description=_("Share of complaints disposed in the period whose OPD answered within the "
                  "follow-up limit in working days."),
))
indicators.register(indicators.Indicator(
    key="aduan.median_workdays", module="aduan",
    label=_("Median working days to an answer"), unit=_("working days"),
    compute=_indicator("median_workdays"), higher_is_better=False,
    description=_("Median working days from receipt to the OPD's first answer, for "
                  "complaints answered in the period."),
))
indicators.register(indicators.Indicator(
    key="aduan.satisfaction", module="aduan",
    label=_("Reporter satisfaction"), unit=_("of 5"),
    compute=_indicator("satisfaction"),
    description=_("Average rating (1–5) given by reporters in the period."),
))
