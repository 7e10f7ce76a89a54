"""Platform data every module builds on: regions, pemda (tenants), OPD, places, roles, audit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from terbuka.core.fields import RegionField, RegionOneToOneField


class RegionLevel(models.IntegerChoices):
    PROVINSI = 1, _("Province")
    KABUPATEN_KOTA = 2, _("Regency/city")
    KECAMATAN = 3, _("District (kecamatan)")
    DESA_KELURAHAN = 4, _("Village (desa/kelurahan)")


class Region(models.Model):
    """A Kemendagri administrative region. Ancestor codes are stored on every row so that
    "all desa under a kabupaten" is one indexed equality, portable to SQLite and PostgreSQL."""

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices)
    # Indexed through Meta.indexes: a plain btree is all children() needs, and it spares the
    # extra varchar_pattern_ops index PostgreSQL gets for an indexed field (a slower load).
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        db_constraint=False, db_index=False,
    )
    provinsi_code = models.CharField(max_length=2)
    kabupaten_code = models.CharField(max_length=5, blank=True)
    kecamatan_code = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [
            models.Index(fields=["kabupaten_code", "level"], name="region_kab_level"),
            models.Index(fields=["provinsi_code", "level"], name="region_prov_level"),
            models.Index(fields=["kecamatan_code"], name="region_kec"),
            models.Index(fields=["parent"], name="region_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_kelurahan(self) -> bool:
        return self.level == RegionLevel.DESA_KELURAHAN and self.code.rsplit(".", 1)[1][0] == "1"


class PemdaKind(models.TextChoices):
    PROVINSI = "provinsi", _("Provincial government")
    KABUPATEN = "kabupaten", _("Regency government")
    KOTA = "kota", _("City government")


class Pemda(models.Model):
    """A regional government using this installation: the tenant that owns OPD, users' roles
    and public pages under /<slug>/."""

    slug = models.SlugField(_("path"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=160)
    short_name = models.CharField(_("short name"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=PemdaKind.choices)
    region = RegionOneToOneField(
        on_delete=models.PROTECT, related_name="pemda", verbose_name=_("region"),
        levels=[RegionLevel.PROVINSI, RegionLevel.KABUPATEN_KOTA],
    )
    logo = models.FileField(_("logo"), upload_to="pemda/logo/", blank=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    modules = models.JSONField(
        _("modules switched on"), default=list, blank=True,
        help_text=_("Names of the modules this pemda uses; empty means all installed modules."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["region_id"]
        verbose_name = _("regional government")
        verbose_name_plural = _("regional governments")

    def __str__(self) -> str:
        return self.name

    def uses_module(self, module: str) -> bool:
        return not self.modules or module in self.modules


class OpdKind(models.TextChoices):
    SEKRETARIAT = "sekretariat", _("Secretariat")
    INSPEKTORAT = "inspektorat", _("Inspectorate")
    DINAS = "dinas", _("Agency (dinas)")
    BADAN = "badan", _("Board (badan)")
    BIRO = "biro", _("Bureau (biro)")
    BAGIAN = "bagian", _("Division (bagian)")
    KANTOR = "kantor", _("Office (kantor)")
    RSUD = "rsud", _("Regional hospital")
    KECAMATAN = "kecamatan", _("District office (kecamatan)")
    KELURAHAN = "kelurahan", _("Urban village office")
    PUSKESMAS = "puskesmas", _("Community health centre")
    UPTD = "uptd", _("Technical unit (UPTD)")
    LAINNYA = "lainnya", _("Other")


class Opd(models.Model):
    """A perangkat daerah (regional government work unit) of one pemda."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="opd")
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OpdKind.choices)
    urusan = models.CharField(
        _("government affairs (urusan)"), max_length=200, blank=True,
        help_text=_("The urusan pemerintahan this OPD carries out, as in the SOTK regulation."),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="units",
        verbose_name=_("parent OPD"),
    )
    region = RegionField(
        null=True, blank=True, related_name="+", verbose_name=_("region served"),
        help_text=_("Set for OPD that serve one area, such as a kecamatan office."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pemda_id", "name"]
        verbose_name = _("regional work unit (OPD)")
        verbose_name_plural = _("regional work units (OPD)")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "name"], name="opd_unique_name"),
            models.UniqueConstraint(
                fields=["pemda", "acronym"], condition=~Q(acronym=""), name="opd_unique_acronym"
            ),
        ]

    def __str__(self) -> str:
        return self.acronym or self.name

    def clean(self) -> None:
        if self.parent_id and self.parent.pemda_id != self.pemda_id:
            raise ValidationError({"parent": _("The parent OPD belongs to another pemda.")})


class UnitLayanan(models.Model):
    """A service unit of an OPD where citizens are served (loket, UPT, puskesmas branch)."""

    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="unit_layanan")
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    region = RegionField(null=True, blank=True, related_name="+", verbose_name=_("region"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["opd_id", "name"]
        verbose_name = _("service unit")
        verbose_name_plural = _("service units")
        constraints = [
            models.UniqueConstraint(fields=["opd", "name"], name="unitlayanan_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class PlaceKind(models.TextChoices):
    DUSUN = "dusun", _("Hamlet (dusun)")
    POSYANDU = "posyandu", _("Integrated health post (posyandu)")
    SEKOLAH = "sekolah", _("School")
    FASILITAS = "fasilitas", _("Public facility")


class Place(models.Model):
    """A place below desa level that modules need (dusun, posyandu, school, facility)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="places")
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    name = models.CharField(_("name"), max_length=160)
    region = RegionField(
        related_name="+", verbose_name=_("desa/kelurahan"), levels=[RegionLevel.DESA_KELURAHAN]
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("within"),
    )
    code = models.CharField(_("registration number"), max_length=40, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["region_id", "kind", "name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "kind", "region", "name"], name="place_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class Role(models.TextChoices):
    """Every role of the platform. What each may do is decided in core.policy, nowhere else."""

    ADMIN_PEMDA = "admin_pemda", _("Regional government administrator")
    WALIDATA = "walidata", _("Data steward (walidata)")
    PRODUSEN_DATA = "produsen_data", _("Data producer (OPD)")
    OPERATOR_ADUAN = "operator_aduan", _("Complaint operator")
    PETUGAS_OPD = "petugas_opd", _("OPD officer")
    INSPEKTORAT = "inspektorat", _("Inspectorate (wrongdoing reports)")
    KADER_POSYANDU = "kader_posyandu", _("Posyandu cadre")
    NAKES = "nakes", _("Midwife / health worker")
    PEMANTAU = "pemantau", _("Civil-society monitor")
    WARGA = "warga", _("Registered citizen")
    PEMBINA_DATA = "pembina_data", _("Data supervisor (BPS / Bappeda)")
    SEKRETARIAT_OGP = "sekretariat_ogp", _("Action plan secretariat (Bappeda)")
    PETUGAS_SOSIAL = "petugas_sosial", _("Social services officer")
    PENDAMPING = "pendamping", _("Community facilitator")
    PENGELOLA_LINGKUNGAN = "pengelola_lingkungan", _("Environment programme manager")
    PIMPINAN = "pimpinan", _("Regional leader (dashboards)")


class RoleAssignment(models.Model):
    """A user holds a role within a pemda, optionally narrowed to an OPD, a region or a place."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="role_assignments")
    opd = models.ForeignKey(
        Opd, on_delete=models.CASCADE, null=True, blank=True, related_name="role_assignments"
    )
    region = RegionField(
        null=True, blank=True, related_name="+", verbose_name=_("region"),
        help_text=_("Narrows the role to this region and everything below it."),
    )
    place = models.ForeignKey(
        Place, on_delete=models.CASCADE, null=True, blank=True, related_name="role_assignments"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        # Uniqueness over nullable scopes is kept by services.role_grant (SQLite has no
        # NULLS NOT DISTINCT).
        indexes = [models.Index(fields=["user", "is_active"], name="roleassignment_user")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.pemda.short_name}"


class AuditEventQuerySet(models.QuerySet):
    """Bulk update() and delete() bypass the model's save() and delete(); refuse them too."""

    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    """Append-only record of a write of protected data or a read of personal data.
    The model and its queryset refuse updates and deletes; in the database a trigger refuses
    UPDATE (SQLite and PostgreSQL) and DELETE (PostgreSQL; SQLite's flush between tests
    deletes rows, PostgreSQL's truncates) as well."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # DO_NOTHING rather than SET_NULL: deleting a user or a pemda must not rewrite audit rows
    # (the database refuses it); actor_label keeps who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, null=True, blank=True,
        related_name="+", db_constraint=False, verbose_name=_("who"),
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=160)
    pemda = models.ForeignKey(
        Pemda, on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+",
        db_constraint=False,
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    is_read = models.BooleanField(_("read of personal data"), default=False)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    via = models.CharField(_("via"), max_length=20, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


class ReferralStatus(models.TextChoices):
    SENT = "dikirim", _("Sent")
    ACCEPTED = "diterima", _("Accepted")
    IN_PROGRESS = "ditangani", _("Being handled")
    DONE = "selesai", _("Done")
    DECLINED = "ditolak", _("Declined")


class Referral(models.Model):
    """A case one module hands to another (see core/referrals.py). The sender keeps its own
    reference and reads the outcome here; the receiver keeps its case in its own tables."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="referrals")
    kind = models.CharField(_("kind"), max_length=60)
    source_module = models.CharField(_("from module"), max_length=40)
    source_ref = models.CharField(_("sender's reference"), max_length=64)
    target_module = models.CharField(_("to module"), max_length=40)
    target_ref = models.CharField(_("receiver's reference"), max_length=64, blank=True)
    region_code = models.CharField(_("region"), max_length=13, blank=True)
    summary = models.TextField(_("summary"), max_length=2000)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    note = models.TextField(_("latest note"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            # Referring the same case twice to the same kind is one referral.
            models.UniqueConstraint(
                fields=["pemda", "kind", "source_module", "source_ref"], name="referral_once"
            )
        ]
        indexes = [models.Index(fields=["source_module", "source_ref"], name="referral_source")]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_module}:{self.source_ref} ({self.status})"


class ReferralEvent(models.Model):
    """The history of a referral's status, shown to both sides."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=12, choices=ReferralStatus.choices)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    actor_label = models.CharField(_("who"), max_length=160)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.status}"
