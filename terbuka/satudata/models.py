"""Tables of the satudata app: the catalog (datasets and resources with CKAN's field names and
the Satu Data Indonesia metadata), the walidata workflow, Kode Referensi / Data Induk, public data
requests, the Forum Satu Data and harvesting.

A CKAN "organization" is an OPD (core.Opd); a CKAN "id" is the `uuid` column (the integer
primary key stays internal, so the SQLite full-text index can use it as its rowid).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import Opd, Pemda, Region


class License(models.Model):
    """A licence a dataset may carry (CKAN's license_list). Seeded by a migration."""

    id = models.CharField(_("licence id"), max_length=60, primary_key=True)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("URL"), blank=True)
    od_conformance = models.CharField(max_length=20, default="approved")
    is_open = models.BooleanField(_("open licence"), default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")

    def __str__(self) -> str:
        return self.title


class Tag(models.Model):
    """A free keyword. Shared by all pemda, as CKAN's free tags are."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Group(models.Model):
    """A CKAN group: a theme collection of datasets of one pemda."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="satudata_groups")
    name = models.SlugField(_("name"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.title


class Status(models.TextChoices):
    """The walidata workflow (Perpres 39/2019): the produsen data drafts and submits, the
    walidata checks and publishes or returns."""

    DRAFT = "draft", _("Draft")
    DIAJUKAN = "diajukan", _("Submitted")
    DIPERIKSA = "diperiksa", _("Under review")
    DIKEMBALIKAN = "dikembalikan", _("Returned for changes")
    TERBIT = "terbit", _("Published")


class HakAkses(models.TextChoices):
    TERBUKA = "terbuka", _("Open")
    TERBATAS = "terbatas", _("Restricted")
    TERTUTUP = "tertutup", _("Closed")


class Frekuensi(models.TextChoices):
    """accrualPeriodicity, with the Dublin Core frequency it maps to in DCAT."""

    HARIAN = "harian", _("Daily")
    MINGGUAN = "mingguan", _("Weekly")
    BULANAN = "bulanan", _("Monthly")
    TRIWULANAN = "triwulanan", _("Quarterly")
    SEMESTERAN = "semesteran", _("Half-yearly")
    TAHUNAN = "tahunan", _("Annual")
    LIMA_TAHUNAN = "lima_tahunan", _("Every five years")
    TIDAK_TENTU = "tidak_tentu", _("Irregular")


class JenisData(models.TextChoices):
    STATISTIK = "statistik", _("Statistical data")
    GEOSPASIAL = "geospasial", _("Geospatial data")
    KEUANGAN = "keuangan", _("Financial data")
    LAINNYA = "lainnya", _("Other data")


class JenisPublisher(models.TextChoices):
    PUSAT = "pusat", _("Central government")
    PROVINSI = "provinsi", _("Province")
    KABUPATEN = "kabupaten", _("Regency")
    KOTA = "kota", _("City")


class HarvestSource(models.Model):
    """A CKAN-compatible catalogue (a kabupaten/kota portal, another Terbuka) a pemda harvests."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="harvest_sources")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("API base URL"), max_length=500)
    is_active = models.BooleanField(_("active"), default=True)
    # The newest metadata_modified seen at the source: the next run asks only for later changes.
    last_modified_seen = models.CharField(max_length=40, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("harvest source")
        verbose_name_plural = _("harvest sources")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "url"], name="harvestsource_unique_url"),
        ]

    def __str__(self) -> str:
        return self.title


class HarvestRun(models.Model):
    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M}"


class Dataset(models.Model):
    """A CKAN package with the Satu Data Indonesia metadata."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="datasets")
    # CKAN names are unique over the whole installation, so /api/3/action/package_show?id=<name>
    # at the root answers without knowing the pemda.
    name = models.SlugField(_("name (URL)"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    notes = models.TextField(_("description"), blank=True)
    owner_org = models.ForeignKey(
        Opd, on_delete=models.PROTECT, null=True, blank=True, related_name="datasets",
        verbose_name=_("data producer (OPD)"),
    )
    license = models.ForeignKey(
        License, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("licence"),
    )
    author = models.CharField(_("author"), max_length=200, blank=True)
    author_email = models.EmailField(_("author e-mail"), blank=True)
    maintainer = models.CharField(_("maintainer"), max_length=200, blank=True)
    maintainer_email = models.EmailField(_("maintainer e-mail"), blank=True)
    url = models.URLField(_("source URL"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=100, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="datasets")
    groups = models.ManyToManyField(Group, blank=True, related_name="datasets")
    extras = models.JSONField(_("extra fields"), default=dict, blank=True)
    is_deleted = models.BooleanField(default=False)  # CKAN state "deleted"

    # Satu Data Indonesia metadata (the national reference schema's fields).
    kode_daftar_data = models.CharField(_("data list code"), max_length=60, blank=True)
    kode_standar_data = models.CharField(_("data standard code"), max_length=60, blank=True)
    satuan = models.CharField(_("unit"), max_length=100, blank=True)
    ukuran = models.CharField(_("measure"), max_length=200, blank=True)
    jenis = models.CharField(
        _("kind of data"), max_length=20, choices=JenisData.choices, default=JenisData.STATISTIK
    )
    tema = models.CharField(
        _("theme / urusan"), max_length=100, blank=True,
        help_text=_("A code from the urusan pemerintahan code list."),
    )
    frekuensi = models.CharField(
        _("update frequency"), max_length=20, choices=Frekuensi.choices,
        default=Frekuensi.TAHUNAN,
    )
    hak_akses = models.CharField(
        _("access"), max_length=10, choices=HakAkses.choices, default=HakAkses.TERBUKA,
    )
    tahun_prioritas = models.PositiveSmallIntegerField(_("priority year"), null=True, blank=True)
    walidata = models.ForeignKey(
        Opd, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("walidata"),
    )
    jenis_publisher = models.CharField(
        _("publisher level"), max_length=10, choices=JenisPublisher.choices,
        default=JenisPublisher.PROVINSI,
    )
    cakupan_wilayah = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("area covered"),
        db_constraint=False,
    )
    periode_awal = models.DateField(_("period from"), null=True, blank=True)
    periode_akhir = models.DateField(_("period to"), null=True, blank=True)
    # BPS metadata statistik (MS-Keg, MS-Var, MS-Ind): kept as documents with known keys,
    # checked by services.METADATA_STATISTIK_KEYS.
    ms_kegiatan = models.JSONField(_("activity metadata (MS-Keg)"), default=dict, blank=True)
    ms_variabel = models.JSONField(_("variable metadata (MS-Var)"), default=list, blank=True)
    ms_indikator = models.JSONField(_("indicator metadata (MS-Ind)"), default=dict, blank=True)

    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.DRAFT, db_index=True,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    metadata_created = models.DateTimeField(_("created"), auto_now_add=True)
    metadata_modified = models.DateTimeField(_("last modified"), db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    # Harvested datasets keep where they came from.
    harvest_source = models.ForeignKey(
        HarvestSource, on_delete=models.SET_NULL, null=True, blank=True, related_name="datasets"
    )
    remote_id = models.CharField(_("id at the source"), max_length=100, blank=True)
    remote_url = models.URLField(_("page at the source"), max_length=500, blank=True)
    remote_org = models.CharField(_("organisation at the source"), max_length=200, blank=True)
    remote_modified = models.CharField(max_length=40, blank=True)  # metadata_modified there

    # Stemmed words of the title, notes, tags and producer: what full-text search matches.
    search_text = models.TextField(blank=True, editable=False)
    # Cached for facets: the year the data is about (periode_akhir, else periode_awal).
    tahun = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-metadata_modified", "-id"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        indexes = [
            models.Index(fields=["pemda", "status", "hak_akses"], name="dataset_public"),
            models.Index(fields=["pemda", "tema"], name="dataset_tema"),
            models.Index(fields=["owner_org"], name="dataset_org"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["harvest_source", "remote_id"], condition=~Q(remote_id=""),
                name="dataset_unique_remote",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return (
            self.status == Status.TERBIT and self.hak_akses == HakAkses.TERBUKA
            and not self.is_deleted
        )


def resource_upload_to(instance, filename: str) -> str:
    return f"satudata/{instance.dataset.pemda_id}/{instance.uuid}/{filename}"


class Resource(models.Model):
    """A CKAN resource: a file or link of a dataset."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    name = models.CharField(_("name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    upload = models.FileField(_("file"), upload_to=resource_upload_to, blank=True,
                              max_length=300)
    format = models.CharField(_("format"), max_length=40, blank=True)
    mimetype = models.CharField(_("media type"), max_length=100, blank=True)
    size = models.BigIntegerField(_("size (bytes)"), null=True, blank=True)
    hash = models.CharField(_("hash"), max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)
    datastore_active = models.BooleanField(default=False)
    extras = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    last_modified = models.DateTimeField(null=True, blank=True)
    metadata_modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["dataset_id", "position", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [models.Index(fields=["format"], name="resource_format")]

    def __str__(self) -> str:
        return self.name or self.url or str(self.uuid)


class DatasetRevision(models.Model):
    """Metadata history: the whole metadata as it stood after each change."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="revisions")
    at = models.DateTimeField(auto_now_add=True)
    actor_label = models.CharField(max_length=160)
    changes = models.JSONField(default=dict, blank=True)
    snapshot = models.JSONField(default=dict)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.dataset_id} {self.at:%Y-%m-%d %H:%M}"


class ReviewEvent(models.Model):
    """A step of the walidata workflow: who moved a dataset from which status to which, why,
    and (for reviews) the four-principle checklist."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="review_events")
    from_status = models.CharField(max_length=14, choices=Status.choices)
    to_status = models.CharField(max_length=14, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=160)
    note = models.TextField(blank=True, max_length=4000)
    checklist = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Comment(models.Model):
    """A pembina data (BPS, Bappeda) or walidata remark on a dataset."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_label = models.CharField(max_length=160)
    body = models.TextField(max_length=4000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.author_label}: {self.body[:40]}"


# --- Kode Referensi and Data Induk ---------------------------------------------------------------


class CodeList(models.Model):
    """One version of a Kode Referensi (a list of codes and labels), per pemda."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="code_lists")
    key = models.SlugField(_("key"), max_length=60)  # e.g. "jenis-kelamin", "wilayah-desa"
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    is_master = models.BooleanField(
        _("master data (Data Induk)"), default=False,
        help_text=_("A Data Induk table rather than a code list: rows carry attributes."),
    )
    columns = models.JSONField(_("attribute columns"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key", "-version"]
        verbose_name = _("code list")
        verbose_name_plural = _("code lists")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "key", "version"],
                                    name="codelist_unique_version"),
            models.UniqueConstraint(fields=["pemda", "key"], condition=Q(is_current=True),
                                    name="codelist_one_current"),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Code(models.Model):
    code_list = models.ForeignKey(CodeList, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("code"), max_length=60)
    label = models.CharField(_("label"), max_length=300)
    parent_code = models.CharField(_("parent code"), max_length=60, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["code_list_id", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code_list", "code"], name="code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


# --- Permintaan Data and Forum Satu Data ---------------------------------------------------------


class RequestStatus(models.TextChoices):
    BARU = "baru", _("New")
    DIPROSES = "diproses", _("Being handled")
    TERSEDIA = "tersedia", _("Data available")
    DITOLAK = "ditolak", _("Declined")


class DataRequest(models.Model):
    """A Permintaan Data: the public asks for data that is missing. The requester's contact is
    kept for the answer and never shown publicly."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="data_requests")
    number = models.CharField(_("number"), max_length=20, unique=True)
    title = models.CharField(_("data asked for"), max_length=300)
    description = models.TextField(_("what it is for"), max_length=4000)
    requester_name = models.CharField(_("name"), max_length=160)
    requester_email = models.EmailField(_("e-mail"))
    opd = models.ForeignKey(Opd, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+", verbose_name=_("OPD asked"))
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices,
                              default=RequestStatus.BARU)
    answer = models.TextField(_("answer"), blank=True, max_length=4000)
    dataset = models.ForeignKey(Dataset, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("dataset that answers it"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("data request")
        verbose_name_plural = _("data requests")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class ForumMeeting(models.Model):
    """A meeting of the Forum Satu Data (Perpres 39/2019): OPD and kabupaten/kota walidata."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="forum_meetings")
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    participants = models.TextField(
        _("participants"), blank=True, help_text=_("One participant (OPD or pemda) per line."),
    )
    decisions = models.TextField(_("decisions"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("forum meeting")
        verbose_name_plural = _("forum meetings")

    def __str__(self) -> str:
        return self.title

    @property
    def participant_list(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]


class FollowUp(models.Model):
    meeting = models.ForeignKey(ForumMeeting, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.CharField(_("follow-up"), max_length=500)
    owner = models.CharField(_("owner"), max_length=200)
    due_date = models.DateField(_("due"), null=True, blank=True)
    is_done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.action
