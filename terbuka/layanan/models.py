"""Tables of the layanan app: each OPD's public services with their standar pelayanan, and
the history of OPD restructurings."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import Opd, Pemda, UnitLayanan


class ServiceStandard(models.Model):
    """A public service and its standar pelayanan: the components published to the public
    under UU 25/2009 Pasal 21 and PermenPANRB 15/2014 (service delivery part)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="service_standards",
                            verbose_name=_("OPD"))
    unit = models.ForeignKey(UnitLayanan, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="service_standards", verbose_name=_("service unit"))
    name = models.CharField(_("service"), max_length=200)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    requirements = models.TextField(_("requirements"))
    procedure = models.TextField(_("procedure"))
    duration = models.CharField(_("time to complete"), max_length=120)
    duration_days = models.PositiveSmallIntegerField(_("working days"), null=True, blank=True)
    cost = models.CharField(_("cost or tariff"), max_length=200)
    cost_amount = models.DecimalField(_("cost (Rp)"), max_digits=14, decimal_places=0,
                                      default=Decimal("0"))
    product = models.CharField(_("product of the service"), max_length=200)
    complaint_channel = models.TextField(_("complaints, suggestions and feedback"))
    is_published = models.BooleanField(_("published"), default=False)
    effective_on = models.DateField(_("in force since"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["opd_id", "name"]
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")
        constraints = [
            models.UniqueConstraint(fields=["opd", "name"], name="layanan_standard_name"),
            models.CheckConstraint(condition=Q(cost_amount__gte=0), name="layanan_cost_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class ChangeKind(models.TextChoices):
    MERGE = "gabung", _("Merged")
    SPLIT = "pecah", _("Split")
    RENAME = "ganti_nama", _("Renamed")
    DISSOLVE = "bubar", _("Dissolved")


class Restructuring(models.Model):
    """One change of the organisation, set by a regulation (Perda/Perbup SOTK)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=ChangeKind.choices)
    effective_on = models.DateField(_("effective on"))
    regulation = models.CharField(_("regulation"), max_length=200)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("restructuring")
        verbose_name_plural = _("restructurings")

    def __str__(self) -> str:
        return f"{self.effective_on} {self.get_kind_display()}"


class RestructuringLink(models.Model):
    """One old unit → one successor. A merge has several links to one successor, a split
    one old unit with several links; a dissolution has no successor."""

    restructuring = models.ForeignKey(Restructuring, on_delete=models.CASCADE,
                                      related_name="links")
    old_name = models.CharField(_("old unit's name"), max_length=200)
    old_opd = models.ForeignKey(Opd, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("old unit (if recorded)"))
    new_opd = models.ForeignKey(Opd, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="predecessor_links", verbose_name=_("successor"))

    class Meta:
        ordering = ["restructuring_id", "old_name"]
        verbose_name = _("restructuring link")
        verbose_name_plural = _("restructuring links")

    def __str__(self) -> str:
        return f"{self.old_name} → {self.new_opd or '—'}"
