"""Tables of the datastore app: one DatastoreTable per catalog Resource, with its versions.

A version is one upload (or one publication by a module): the original file as it came, the
Table Schema, the validation report and, when valid, a Parquet file. Exactly one version per
table is live; a new version becomes live only when it loaded without errors, so a failed
upload never replaces good data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import Pemda


class VersionStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Loading")
    LIVE = "live", _("Live")
    FAILED = "failed", _("Rejected")
    SUPERSEDED = "superseded", _("Earlier version")


def original_upload_to(instance: "TableVersion", filename: str) -> str:
    table = instance.table
    return f"datastore/{table.pemda_id}/{table.resource_uuid}/v{instance.number}/{filename}"


class DatastoreTable(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="datastore_tables")
    resource = models.OneToOneField("satudata.Resource", on_delete=models.CASCADE,
                                    related_name="datastore_table")
    # The CKAN resource id, copied here so lookups by id and file paths need no join.
    resource_uuid = models.UUIDField(unique=True, editable=False)
    live = models.ForeignKey("TableVersion", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("datastore table")
        verbose_name_plural = _("datastore tables")

    def __str__(self) -> str:
        return str(self.resource_uuid)


class TableVersion(models.Model):
    table = models.ForeignKey(DatastoreTable, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices,
                              default=VersionStatus.QUEUED)
    original = models.FileField(_("original file"), upload_to=original_upload_to,
                                max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.BigIntegerField(_("size (bytes)"), default=0)
    given_schema = models.JSONField(_("declared table schema"), null=True, blank=True)
    schema = models.JSONField(_("table schema"), default=dict, blank=True)
    format = models.CharField(max_length=10, blank=True)
    encoding = models.CharField(max_length=30, blank=True)
    delimiter = models.CharField(max_length=2, blank=True)
    row_count = models.BigIntegerField(_("rows"), default=0)
    progress = models.FloatField(default=0.0)
    rows_done = models.BigIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    diff = models.JSONField(_("changes from the previous version"), default=dict, blank=True)
    parquet = models.CharField(max_length=300, blank=True)  # relative to the datastore dir
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["table_id", "-number"]
        verbose_name = _("table version")
        verbose_name_plural = _("table versions")
        constraints = [
            models.UniqueConstraint(fields=["table", "number"], name="datastore_version_number"),
            models.CheckConstraint(
                condition=models.Q(status__in=[c.value for c in VersionStatus]),
                name="datastore_version_status"),
        ]

    def __str__(self) -> str:
        return f"{self.table_id} v{self.number}"

    @property
    def is_finished(self) -> bool:
        return self.status not in (VersionStatus.QUEUED, VersionStatus.RUNNING)
