"""Tables of the posyandu app: the register (posyandu, kader, households, people), monthly
sessions with child measurements and their computed growth status, alerts and referrals to
the puskesmas, social-problem flags, and strata history."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import Opd, Pemda, Place


class Sex(models.TextChoices):
    L = "L", _("Boy / man (L)")
    P = "P", _("Girl / woman (P)")


class Position(models.TextChoices):
    LYING = "l", _("Lying (length)")
    STANDING = "h", _("Standing (height)")


class Posyandu(models.Model):
    """The health post's programme record; its identity and location are the core Place
    (kind posyandu), which role assignments (Scope.PLACE) point at."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    place = models.OneToOneField(Place, on_delete=models.PROTECT, related_name="posyandu")
    dusun = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("dusun"),
    )
    desa_code = models.CharField(_("desa"), max_length=13, db_index=True)
    puskesmas = models.ForeignKey(
        Opd, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("puskesmas"),
    )
    registration_number = models.CharField(_("registration number"), max_length=40, blank=True)
    additional_programmes = models.JSONField(
        _("additional programmes"), default=list, blank=True,
        help_text=_("Programmes beyond the five main ones (e.g. BKB, PAUD, UP2K, lansia)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["desa_code", "place__name"]
        verbose_name = _("posyandu")
        verbose_name_plural = _("posyandu")

    def __str__(self) -> str:
        return self.place.name


class KaderRole(models.TextChoices):
    KETUA = "ketua", _("Chair")
    SEKRETARIS = "sekretaris", _("Secretary")
    BENDAHARA = "bendahara", _("Treasurer")
    ANGGOTA = "anggota", _("Member")


class Kader(models.Model):
    posyandu = models.ForeignKey(Posyandu, on_delete=models.CASCADE, related_name="kader")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=12, choices=KaderRole.choices,
                            default=KaderRole.ANGGOTA)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+")
    trained_on = models.DateField(_("last training"), null=True, blank=True)
    training = models.CharField(_("training"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["posyandu_id", "role", "name"]

    def __str__(self) -> str:
        return self.name


class Household(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    posyandu = models.ForeignKey(Posyandu, on_delete=models.PROTECT, related_name="households")
    no_kk = models.CharField(_("family card number (KK)"), max_length=16, blank=True)
    head_name = models.CharField(_("head of household"), max_length=120)
    address = models.CharField(_("address"), max_length=200, blank=True)
    dana_sehat = models.BooleanField(_("member of dana sehat"), default=False)

    class Meta:
        ordering = ["posyandu_id", "head_name"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "no_kk"], condition=~Q(no_kk=""),
                                    name="household_unique_kk"),
        ]

    def __str__(self) -> str:
        return self.head_name


class Person(models.Model):
    """Anyone in the register (children, mothers, household members)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    posyandu = models.ForeignKey(Posyandu, on_delete=models.PROTECT, related_name="people")
    household = models.ForeignKey(Household, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="members")
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    name = models.CharField(_("name"), max_length=120)
    name_key = models.CharField(max_length=120, editable=False)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    mother = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("mother"))
    father = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("father"))
    mother_name = models.CharField(_("mother's name"), max_length=120, blank=True)
    mother_key = models.CharField(max_length=120, editable=False, blank=True)
    has_kms = models.BooleanField(_("has a KMS / Buku KIA"), default=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "nik"], condition=~Q(nik=""),
                                    name="person_unique_nik"),
        ]
        indexes = [
            models.Index(fields=["pemda", "name_key", "birth_date"], name="person_dedup"),
            models.Index(fields=["posyandu", "birth_date"], name="person_posyandu_birth"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """Which posyandu a person belonged to when: a move closes one row and opens another."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    posyandu = models.ForeignKey(Posyandu, on_delete=models.PROTECT, related_name="+")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["person_id", "start", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(end__isnull=True),
                                    name="membership_one_open"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.posyandu_id} from {self.start}"


class Session(models.Model):
    """A hari buka: one per posyandu per month, whoever records it first."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True)
    posyandu = models.ForeignKey(Posyandu, on_delete=models.PROTECT, related_name="sessions")
    month = models.DateField(_("month"))  # first day of the month
    held_on = models.DateField(_("held on"))
    # The five tables: who registered, was weighed, recorded, served, counselled.
    table1_registration = models.PositiveIntegerField(_("registered (table 1)"), default=0)
    table4_services = models.TextField(_("services given (table 4)"), blank=True)
    table5_counselling = models.TextField(_("counselling topics (table 5)"), blank=True)
    # S and K as registered when the session was held (the SKDN base of that month).
    s_count = models.PositiveIntegerField(default=0)
    k_count = models.PositiveIntegerField(default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["posyandu", "month"], name="session_once_a_month"),
        ]
        indexes = [models.Index(fields=["pemda", "month"], name="session_month")]

    def __str__(self) -> str:
        return f"{self.posyandu} {self.month:%Y-%m}"


class SessionAlias(models.Model):
    """A second phone's id for a session already recorded: its measurements join the first."""

    uuid = models.UUIDField(primary_key=True)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="aliases")

    def __str__(self) -> str:
        return str(self.uuid)


class Measurement(models.Model):
    """One child at one session, with the growth engine's results stored beside the inputs
    so reports are SQL aggregates. Region codes are copied from the posyandu for the same
    reason (grouping by desa, kecamatan, kabupaten without joins)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="measurements")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="measurements")
    posyandu = models.ForeignKey(Posyandu, on_delete=models.PROTECT, related_name="+")
    month = models.DateField()
    desa_code = models.CharField(max_length=13)
    kecamatan_code = models.CharField(max_length=8)
    kabupaten_code = models.CharField(max_length=5)
    measured_on = models.DateField(_("measured on"))
    age_days = models.PositiveIntegerField()
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=5, decimal_places=2, null=True,
                                    blank=True)
    length_cm = models.DecimalField(_("length/height (cm)"), max_digits=5, decimal_places=1,
                                    null=True, blank=True)
    position = models.CharField(_("position"), max_length=1, choices=Position.choices,
                                blank=True)
    head_cm = models.DecimalField(_("head circumference (cm)"), max_digits=4, decimal_places=1,
                                  null=True, blank=True)
    muac_cm = models.DecimalField(_("LiLA (cm)"), max_digits=4, decimal_places=1, null=True,
                                  blank=True)
    oedema = models.BooleanField(_("oedema"), default=False)
    vitamin_a = models.BooleanField(_("vitamin A given"), default=False)
    immunisations = models.JSONField(_("immunisations given"), default=list, blank=True)
    asi_eksklusif = models.BooleanField(_("exclusive breastfeeding"), null=True, blank=True)
    pmt = models.BooleanField(_("supplementary food (PMT)"), default=False)
    counselling = models.TextField(_("counselling notes"), blank=True)
    # computed
    zwei = models.FloatField(null=True)
    zlen = models.FloatField(null=True)
    zwfl = models.FloatField(null=True)
    zbmi = models.FloatField(null=True)
    zhc = models.FloatField(null=True)
    zac = models.FloatField(null=True)
    kategori_bb_u = models.CharField(max_length=40, blank=True)
    kategori_pb_tb_u = models.CharField(max_length=40, blank=True)
    kategori_bb_pb_tb = models.CharField(max_length=40, blank=True)
    growth_status = models.CharField(max_length=1, blank=True)  # N T O B ("" = not weighed)
    two_t = models.BooleanField(default=False)
    bgm = models.BooleanField(default=False)
    problems = models.TextField(blank=True)
    kbm_version = models.CharField(max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1)  # for offline edit conflicts
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person_id", "month"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="measurement_once"),
            models.UniqueConstraint(fields=["person", "month"], name="measurement_once_a_month"),
        ]
        indexes = [
            models.Index(fields=["pemda", "month", "kabupaten_code"], name="meas_month_kab"),
            models.Index(fields=["month", "posyandu"], name="meas_month_posyandu"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.month:%Y-%m}"


class AlertKind(models.TextChoices):
    BGM = "bgm", _("Below the red line (BGM)")
    TWO_T = "2t", _("Not gaining weight twice (2T)")
    GIZI_BURUK = "gizi_buruk", _("Severe wasting (gizi buruk)")
    STUNTING = "stunting", _("Stunting")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REFERRED = "referred", _("Referred to the puskesmas")
    FOLLOWED_UP = "followed_up", _("Followed up")
    CLOSED = "closed", _("Closed")


class Alert(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="alerts")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="alerts")
    posyandu = models.ForeignKey(Posyandu, on_delete=models.PROTECT, related_name="alerts")
    kind = models.CharField(max_length=12, choices=AlertKind.choices)
    status = models.CharField(max_length=12, choices=AlertStatus.choices,
                              default=AlertStatus.OPEN)
    referred_to = models.ForeignKey(Opd, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    referred_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["measurement", "kind"], name="alert_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.person_id}"


class AlertFollowUp(models.Model):
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="follow_ups")
    on = models.DateField()
    note = models.TextField(max_length=2000)
    status = models.CharField(max_length=12, choices=AlertStatus.choices)
    actor_label = models.CharField(max_length=160)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.status}"


class SocialCategory(models.TextChoices):
    OUT_OF_SCHOOL = "putus_sekolah", _("Child out of school")
    DISABILITY = "disabilitas", _("Person with a disability without care")
    NEGLECT = "terlantar", _("Neglected person (child or elderly)")
    VIOLENCE = "kdrt", _("Risk of domestic violence")
    EXTREME_POVERTY = "miskin_ekstrem", _("Extreme poverty")
    OTHER = "lainnya", _("Other social problem")


class SocialFlag(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="flags")
    category = models.CharField(max_length=20, choices=SocialCategory.choices)
    note = models.TextField(max_length=2000, blank=True)
    referral_kind = models.CharField(max_length=60)
    referral_id = models.PositiveIntegerField(null=True, blank=True)
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.household_id}"


class StrataAssessment(models.Model):
    posyandu = models.ForeignKey(Posyandu, on_delete=models.CASCADE, related_name="strata")
    year = models.PositiveSmallIntegerField()
    stratum = models.CharField(max_length=10)
    version = models.CharField(max_length=40)
    inputs = models.JSONField(default=dict)
    missing = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["posyandu_id", "-year", "-computed_at"]
        indexes = [models.Index(fields=["posyandu", "year"], name="strata_year")]

    def __str__(self) -> str:
        return f"{self.posyandu_id} {self.year} {self.stratum}"


class MonthlyCounts(models.Model):
    """SKDN counts of one posyandu for one month, kept in step with its measurements and
    session (monitoring.refresh_counts), so a province's report sums a few thousand rows
    instead of aggregating every measurement of the month."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    posyandu = models.ForeignKey(Posyandu, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    desa_code = models.CharField(max_length=13)
    kecamatan_code = models.CharField(max_length=8)
    kabupaten_code = models.CharField(max_length=5)
    s = models.PositiveIntegerField(default=0)
    k = models.PositiveIntegerField(default=0)
    d = models.PositiveIntegerField(default=0)
    n = models.PositiveIntegerField(default=0)
    t = models.PositiveIntegerField(default=0)
    t2 = models.PositiveIntegerField(default=0)
    o = models.PositiveIntegerField(default=0)
    b = models.PositiveIntegerField(default=0)
    bgm = models.PositiveIntegerField(default=0)
    len_base = models.PositiveIntegerField(default=0)
    stunted = models.PositiveIntegerField(default=0)
    wfl_base = models.PositiveIntegerField(default=0)
    wasted = models.PositiveIntegerField(default=0)
    overweight = models.PositiveIntegerField(default=0)
    wei_base = models.PositiveIntegerField(default=0)
    underweight = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["posyandu", "month"], name="monthlycounts_once"),
        ]
        indexes = [models.Index(fields=["pemda", "month", "kabupaten_code"],
                                name="monthlycounts_month_kab")]

    def __str__(self) -> str:
        return f"{self.posyandu_id} {self.month:%Y-%m}"
