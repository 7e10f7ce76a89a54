"""Tables of the gotongroyong app: programmes, kelompok masyarakat, projects with their plan,
tranches, progress, photos and LPJ; sanitation households (STBM) with ODF verifications;
houses under reconstruction."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from terbuka.core.fields import RegionField
from terbuka.core.models import Opd, Pemda, Place, RegionLevel
from terbuka.gotongroyong import odf, rules

MONEY = {"max_digits": 16, "decimal_places": 0, "default": Decimal("0")}
PCT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class ProgrammeKind(models.TextChoices):
    SANITASI = "sanitasi", _("Sanitation (STBM)")
    REHAB_RUMAH = "rehab_rumah", _("House reconstruction")
    LAINNYA = "lainnya", _("Other programme")


class Programme(models.Model):
    """A programme grouping projects (and, for sanitation and houses, its own records)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="gr_programmes")
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices)
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("path"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    opd = models.ForeignKey(Opd, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+", verbose_name=_("responsible OPD"))
    start_year = models.PositiveSmallIntegerField(_("start year"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["pemda_id", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "slug"], name="gr_programme_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Kelompok(models.Model):
    """A kelompok masyarakat (community group) carrying out projects."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="gr_kelompok")
    name = models.CharField(_("name"), max_length=160)
    desa = RegionField(related_name="+", verbose_name=_("desa"),
                       levels=[RegionLevel.DESA_KELURAHAN])
    dusun = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("dusun"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["desa_id", "name"]
        verbose_name = _("community group (kelompok)")
        verbose_name_plural = _("community groups (kelompok)")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "desa", "name"], name="gr_kelompok_name"),
        ]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    KETUA = "ketua", _("Chair")
    SEKRETARIS = "sekretaris", _("Secretary")
    BENDAHARA = "bendahara", _("Treasurer")
    ANGGOTA = "anggota", _("Member")


class Member(models.Model):
    kelompok = models.ForeignKey(Kelompok, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role in the group"), max_length=12, choices=MemberRole.choices,
                            default=MemberRole.ANGGOTA)
    is_woman = models.BooleanField(_("woman"), default=False)

    class Meta:
        ordering = ["kelompok_id", "role", "name"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(fields=["kelompok", "name"], name="gr_member_name"),
            # One chair, one secretary, one treasurer per group.
            models.UniqueConstraint(fields=["kelompok", "role"], condition=~Q(role="anggota"),
                                    name="gr_member_one_officer"),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectKind(models.TextChoices):
    MANDIRI = rules.MANDIRI, _("Gotong Royong Mandiri")
    STIMULAN = rules.STIMULAN, _("Gotong Royong Stimulan")
    PADAT_KARYA = rules.PADAT_KARYA, _("Gotong Royong Padat Karya")


class ProjectStatus(models.TextChoices):
    PLANNED = "rencana", _("Planned")
    UNDERWAY = "berjalan", _("Under way")
    FINISHED = "selesai", _("Finished")
    SIGNED = "lpj", _("Accountability report signed")


class Project(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="gr_projects")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="projects", verbose_name=_("programme"))
    kelompok = models.ForeignKey(Kelompok, on_delete=models.PROTECT, related_name="projects",
                                 verbose_name=_("community group"))
    kind = models.CharField(_("kind"), max_length=12, choices=ProjectKind.choices)
    title = models.CharField(_("title"), max_length=200)
    desa = RegionField(related_name="+", verbose_name=_("desa"),
                       levels=[RegionLevel.DESA_KELURAHAN])
    dusun = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("dusun"))
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10, choices=ProjectStatus.choices,
                              default=ProjectStatus.PLANNED)
    # plan
    output = models.CharField(_("output"), max_length=200)
    volume = models.DecimalField(_("volume"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=30)
    budget_apbd = models.DecimalField(_("APBD budget (Rp)"), **MONEY)
    budget_apbdes = models.DecimalField(_("APBDes budget (Rp)"), **MONEY)
    contribution_money = models.DecimalField(_("community contribution in money (Rp)"), **MONEY)
    contribution_materials = models.CharField(_("community contribution in materials"),
                                              max_length=300, blank=True)
    contribution_materials_value = models.DecimalField(_("value of materials (Rp)"), **MONEY)
    contribution_workdays = models.PositiveIntegerField(_("community work-days (HOK)"),
                                                        default=0)
    unit_rate = models.DecimalField(_("rate per unit of output (Rp)"), **MONEY)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # latest progress, kept here so lists need no subquery
    physical_pct = models.DecimalField(_("physical progress (%)"), max_digits=4,
                                       decimal_places=1, default=Decimal("0"), validators=PCT)
    volume_done = models.DecimalField(_("volume done"), max_digits=12, decimal_places=2,
                                      default=Decimal("0"))
    spent = models.DecimalField(_("spent (Rp)"), **MONEY)
    disbursed = models.DecimalField(_("disbursed (Rp)"), **MONEY)
    # LPJ
    lpj_signed_by = models.CharField(_("signed by"), max_length=120, blank=True)
    lpj_signed_on = models.DateField(_("signed on"), null=True, blank=True)
    lpj_snapshot = models.JSONField(_("LPJ as signed"), default=dict, blank=True)
    lpj_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "desa_id", "title"]
        verbose_name = _("gotong royong project")
        verbose_name_plural = _("gotong royong projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(physical_pct__gte=0) & Q(physical_pct__lte=100),
                name="gr_project_pct_range"),
            models.CheckConstraint(
                condition=~Q(kind="mandiri") | (Q(budget_apbd=0) & Q(budget_apbdes=0)),
                name="gr_project_mandiri_no_public_money"),
            models.CheckConstraint(
                condition=Q(disbursed__lte=models.F("budget_apbd") + models.F("budget_apbdes")),
                name="gr_project_disbursed_within_budget"),
        ]
        indexes = [models.Index(fields=["pemda", "desa"], name="gr_project_desa")]

    def __str__(self) -> str:
        return self.title

    def plan(self) -> rules.Plan:
        return rules.Plan(
            kind=self.kind, volume=self.volume, budget_apbd=self.budget_apbd,
            budget_apbdes=self.budget_apbdes, contribution_money=self.contribution_money,
            contribution_materials_value=self.contribution_materials_value,
            contribution_workdays=self.contribution_workdays, unit_rate=self.unit_rate,
        )

    @property
    def government(self) -> Decimal:
        return self.budget_apbd + self.budget_apbdes

    @property
    def total(self) -> Decimal:
        return self.plan().total

    @property
    def financial_pct(self) -> Decimal:
        return rules.percent(self.spent, self.total)

    @property
    def location_required(self) -> bool:
        return rules.LOCATION_REQUIRED[self.kind]

    @property
    def is_signed(self) -> bool:
        return self.status == ProjectStatus.SIGNED


class FundSource(models.TextChoices):
    APBD = "apbd", _("APBD (regional budget)")
    APBDES = "apbdes", _("APBDes (village budget)")


class Tranche(models.Model):
    """Money handed to the group (Stimulan) or paid for work done (Padat Karya)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tranches")
    number = models.PositiveSmallIntegerField(_("tranche"))
    source = models.CharField(_("source"), max_length=8, choices=FundSource.choices)
    amount = models.DecimalField(_("amount (Rp)"), max_digits=16, decimal_places=0)
    paid_on = models.DateField(_("paid on"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["project_id", "number"]
        verbose_name = _("disbursement tranche")
        verbose_name_plural = _("disbursement tranches")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="gr_tranche_number"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="gr_tranche_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}/{self.number}: {self.amount}"


class ProgressReport(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress")
    reported_on = models.DateField(_("date"))
    physical_pct = models.DecimalField(_("physical progress (%)"), max_digits=4,
                                       decimal_places=1, validators=PCT)
    volume_done = models.DecimalField(_("volume done"), max_digits=12, decimal_places=2,
                                      default=Decimal("0"))
    spent = models.DecimalField(_("spent so far (Rp)"), **MONEY)
    workdays = models.PositiveIntegerField(_("work-days so far"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project_id", "reported_on", "id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(physical_pct__gte=0) & Q(physical_pct__lte=100),
                name="gr_progress_pct_range"),
        ]

    def __str__(self) -> str:
        return f"{self.reported_on}: {self.physical_pct} %"


class PhotoStage(models.TextChoices):
    BEFORE = "sebelum", _("Before (0 %)")
    DURING = "proses", _("During work")
    AFTER = "sesudah", _("After (100 %)")


class Photo(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="photos")
    stage = models.CharField(_("stage"), max_length=8, choices=PhotoStage.choices)
    image = models.FileField(_("photo"), upload_to="gotongroyong/foto/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    location_from_exif = models.BooleanField(default=False)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project_id", "stage", "uploaded_at"]
        verbose_name = _("project photo")
        verbose_name_plural = _("project photos")

    def __str__(self) -> str:
        return f"{self.project_id} {self.stage}"


# --- sanitation (STBM) --------------------------------------------------------------------------


class Latrine(models.TextChoices):
    OPEN = odf.OPEN, _("None: open defecation (BABS)")
    SHARED = odf.SHARED, _("Shared latrine (numpang)")
    UNIMPROVED = odf.UNIMPROVED, _("Own latrine, not yet safe")
    IMPROVED = odf.IMPROVED, _("Own safe latrine")


class SanitationHousehold(models.Model):
    """A household's latrine and the other four STBM pillars, as a kader recorded them."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="gr_households")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE,
                                  related_name="households")
    desa = RegionField(related_name="+", verbose_name=_("desa"),
                       levels=[RegionLevel.DESA_KELURAHAN])
    dusun = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("dusun"))
    head_name = models.CharField(_("head of household"), max_length=120)
    house_number = models.CharField(_("house number or landmark"), max_length=60, blank=True)
    members = models.PositiveSmallIntegerField(_("people in the household"), default=1)
    latrine = models.CharField(_("latrine"), max_length=12, choices=Latrine.choices)
    cuci_tangan = models.BooleanField(_("handwashing with soap"), default=False)
    air_minum = models.BooleanField(_("safe drinking water and food"), default=False)
    sampah = models.BooleanField(_("household solid waste managed"), default=False)
    limbah_cair = models.BooleanField(_("household wastewater managed"), default=False)
    recorded_on = models.DateField(_("recorded on"))

    class Meta:
        ordering = ["desa_id", "dusun_id", "head_name"]
        verbose_name = _("sanitation household")
        verbose_name_plural = _("sanitation households")
        constraints = [
            models.UniqueConstraint(fields=["programme", "dusun", "head_name", "house_number"],
                                    name="gr_household_once"),
        ]
        indexes = [models.Index(fields=["programme", "desa"], name="gr_household_desa")]

    def __str__(self) -> str:
        return self.head_name


class OdfVerification(models.Model):
    """A verification team's visit to a dusun (dusun set) or a whole desa (dusun empty)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE,
                                  related_name="verifications")
    desa = RegionField(related_name="+", verbose_name=_("desa"),
                       levels=[RegionLevel.DESA_KELURAHAN])
    dusun = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("dusun"))
    verified_on = models.DateField(_("verified on"))
    passed = models.BooleanField(_("passed"))
    team = models.CharField(_("verification team"), max_length=200)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-verified_on", "-id"]
        verbose_name = _("ODF verification")
        verbose_name_plural = _("ODF verifications")

    def __str__(self) -> str:
        return f"{self.desa_id} {self.verified_on} {'lulus' if self.passed else 'gagal'}"


# --- house reconstruction -----------------------------------------------------------------------


class Damage(models.TextChoices):
    RINGAN = "ringan", _("Light damage")
    SEDANG = "sedang", _("Moderate damage")
    BERAT = "berat", _("Heavy damage")


class HouseStage(models.TextChoices):
    # Ordered: a house moves forward through these.
    VERIFIED = "1_verifikasi", _("Verified, waiting")
    FOUNDATION = "2_pondasi", _("Foundation")
    STRUCTURE = "3_struktur", _("Structure and walls")
    ROOF = "4_atap", _("Roof")
    DONE = "5_selesai", _("Completed")


class House(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="gr_houses")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="houses")
    kelompok = models.ForeignKey(Kelompok, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="houses", verbose_name=_("community group"))
    desa = RegionField(related_name="+", verbose_name=_("desa"),
                       levels=[RegionLevel.DESA_KELURAHAN])
    dusun = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("dusun"))
    owner_name = models.CharField(_("owner"), max_length=120)
    damage = models.CharField(_("damage class"), max_length=8, choices=Damage.choices)
    stage = models.CharField(_("stage"), max_length=14, choices=HouseStage.choices,
                             default=HouseStage.VERIFIED)
    funds_allocated = models.DecimalField(_("funds allocated (Rp)"), **MONEY)
    funds_disbursed = models.DecimalField(_("funds disbursed (Rp)"), **MONEY)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        ordering = ["desa_id", "owner_name"]
        verbose_name = _("house under reconstruction")
        verbose_name_plural = _("houses under reconstruction")
        constraints = [
            models.UniqueConstraint(fields=["programme", "desa", "owner_name"],
                                    name="gr_house_once"),
            models.CheckConstraint(condition=Q(funds_disbursed__lte=models.F("funds_allocated")),
                                   name="gr_house_disbursed_within_allocation"),
            models.CheckConstraint(
                condition=Q(stage="5_selesai", completed_on__isnull=False)
                | (~Q(stage="5_selesai") & Q(completed_on__isnull=True)),
                name="gr_house_completed_iff_done"),
        ]

    def __str__(self) -> str:
        return self.owner_name
