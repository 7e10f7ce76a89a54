"""Tables of the sosial app: the PMKS code list, households and people, cases with their
assessment, services and aid, referrals between OPD and follow-up.

Everything here except PmksCategory is personal data: read through selectors that log the
read, shown only to roles with the sosial actions in their region."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from terbuka.core.fields import RegionField
from terbuka.core.models import Opd, Pemda, Place, Referral, RegionLevel


class PmksCategory(models.Model):
    """One entry of a versioned PMKS code list (see codelists.py)."""

    version = models.CharField(_("code list version"), max_length=40)
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=160)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["version", "code"]
        verbose_name = _("PMKS category")
        verbose_name_plural = _("PMKS categories")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="sosial_category_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Household(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    kk_number = models.CharField(_("family card number (No. KK)"), max_length=16, blank=True)
    desa = RegionField(related_name="+", verbose_name=_("desa"),
                       levels=[RegionLevel.DESA_KELURAHAN])
    dusun = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("dusun"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    dtsen_decile = models.PositiveSmallIntegerField(
        _("DTSEN decile"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Welfare decile from the national socio-economic register (1 = poorest)."))
    dtsen_updated_on = models.DateField(_("DTSEN decile as of"), null=True, blank=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "kk_number"], condition=~Q(kk_number=""),
                                    name="sosial_household_kk"),
            models.CheckConstraint(
                condition=Q(dtsen_decile__isnull=True)
                | (Q(dtsen_decile__gte=1) & Q(dtsen_decile__lte=10)),
                name="sosial_household_decile_range"),
        ]

    def __str__(self) -> str:
        return f"KK {self.kk_number or self.pk}"


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Person(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    household = models.ForeignKey(Household, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="people")
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    name = models.CharField(_("name"), max_length=120)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    desa = RegionField(related_name="+", verbose_name=_("desa"),
                       levels=[RegionLevel.DESA_KELURAHAN])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "nik"], condition=~Q(nik=""),
                                    name="sosial_person_nik"),
        ]

    def __str__(self) -> str:
        return self.name


class FoundBy(models.TextChoices):
    KADER = "kader", _("Kader")
    DESA = "desa", _("Desa government")
    POSYANDU = "posyandu", _("Posyandu early detection")
    ADUAN = "aduan", _("A complaint")
    PETUGAS = "petugas", _("Social services officer")
    LAINNYA = "lainnya", _("Other")


class DisabilityType(models.TextChoices):
    FISIK = "fisik", _("Physical")
    INTELEKTUAL = "intelektual", _("Intellectual")
    MENTAL = "mental", _("Mental")
    SENSORIK_NETRA = "netra", _("Sensory: visual")
    SENSORIK_RUNGU = "rungu", _("Sensory: hearing")
    SENSORIK_WICARA = "wicara", _("Sensory: speech")
    GANDA = "ganda", _("Multiple")


class CaseStatus(models.TextChoices):
    NEW = "baru", _("New")
    ASSESSED = "asesmen", _("Assessed")
    SERVED = "ditangani", _("Being served")
    CLOSED = "selesai", _("Closed")


class Case(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    desa = RegionField(related_name="+", verbose_name=_("desa"),
                       levels=[RegionLevel.DESA_KELURAHAN])
    categories = models.ManyToManyField(PmksCategory, related_name="cases",
                                        verbose_name=_("PMKS categories"))
    disability_type = models.CharField(_("disability type"), max_length=12, blank=True,
                                       choices=DisabilityType.choices)
    found_by = models.CharField(_("found by"), max_length=10, choices=FoundBy.choices)
    found_on = models.DateField(_("found on"))
    summary = models.TextField(_("situation"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices,
                              default=CaseStatus.NEW)
    referral = models.OneToOneField(Referral, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("referral it came from"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = _("PMKS case")
        verbose_name_plural = _("PMKS cases")
        indexes = [models.Index(fields=["pemda", "desa"], name="sosial_case_desa")]

    def __str__(self) -> str:
        return f"PMKS-{self.pk}"

    @property
    def ref(self) -> str:
        return f"PMKS-{self.pk}"


class Priority(models.TextChoices):
    HIGH = "tinggi", _("High")
    MEDIUM = "sedang", _("Medium")
    LOW = "rendah", _("Low")


class Assessment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("assessed on"))
    assessor = models.CharField(_("assessor"), max_length=120)
    needs = models.TextField(_("needs found"), max_length=2000)
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices)

    class Meta:
        ordering = ["case_id", "assessed_on", "id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.case} {self.assessed_on}"


class AidKind(models.TextChoices):
    SERVICE = "layanan", _("Service (care, counselling, rehabilitation)")
    CASH = "tunai", _("Cash aid")
    GOODS = "barang", _("Goods (food, assistive device, house repair)")
    INSURANCE = "jaminan", _("Social security enrolment")
    DOCUMENTS = "dokumen", _("Civil documents")


class Giver(models.TextChoices):
    PEMDA = "pemda", _("Regional government")
    DESA = "desa", _("Desa")
    MASYARAKAT = "masyarakat", _("Community")
    CSR = "csr", _("Company (CSR)")
    PUSAT = "pusat", _("Central government")


class Aid(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="aid")
    given_on = models.DateField(_("given on"))
    kind = models.CharField(_("kind"), max_length=10, choices=AidKind.choices)
    description = models.CharField(_("what"), max_length=200)
    giver = models.CharField(_("given by"), max_length=12, choices=Giver.choices)
    giver_name = models.CharField(_("giver's name"), max_length=120, blank=True)
    value = models.DecimalField(_("value (Rp)"), max_digits=14, decimal_places=0,
                                default=Decimal("0"))
    opd = models.ForeignKey(Opd, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+", verbose_name=_("OPD"))

    class Meta:
        ordering = ["case_id", "given_on", "id"]
        verbose_name = _("service or aid")
        verbose_name_plural = _("services and aid")
        constraints = [models.CheckConstraint(condition=Q(value__gte=0),
                                              name="sosial_aid_value_positive")]

    def __str__(self) -> str:
        return self.description


class OpdReferralStatus(models.TextChoices):
    SENT = "dikirim", _("Sent")
    ACCEPTED = "diterima", _("Accepted")
    DONE = "selesai", _("Done")
    DECLINED = "ditolak", _("Declined")


class OpdReferral(models.Model):
    """A case handed from one OPD to another (e.g. Dinas Sosial to Dinas Kesehatan)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="opd_referrals")
    from_opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("from OPD"))
    to_opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("to OPD"))
    reason = models.CharField(_("reason"), max_length=300)
    sent_on = models.DateField(_("sent on"))
    status = models.CharField(_("status"), max_length=10, choices=OpdReferralStatus.choices,
                              default=OpdReferralStatus.SENT)
    response = models.CharField(_("response"), max_length=300, blank=True)

    class Meta:
        ordering = ["case_id", "sent_on", "id"]
        verbose_name = _("referral between OPD")
        verbose_name_plural = _("referrals between OPD")

    def __str__(self) -> str:
        return f"{self.from_opd} → {self.to_opd}"


class FollowUp(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+")
    by_label = models.CharField(_("by"), max_length=160)

    class Meta:
        ordering = ["case_id", "on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.case} {self.on}"
