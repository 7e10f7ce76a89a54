"""Writes of the catalog: datasets, resources, the walidata workflow and comments.

Every function checks permission first (actor=None is the platform itself), validates every
field and reports all problems at once in one ValidationError keyed by CKAN field names, writes,
keeps the metadata history (DatasetRevision) and records an audit event. Other writes of the app
(code lists, data requests, forum, harvesting, bulk import) live in their own modules.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core.jobs import enqueue_on_commit
from terbuka.core.models import Opd, Pemda, Region
from terbuka.core.policy import Target
from terbuka.core.regions import is_within
from terbuka.satudata import search
from terbuka.satudata.models import (
    Comment,
    Dataset,
    DatasetRevision,
    Frekuensi,
    Group,
    HakAkses,
    JenisData,
    JenisPublisher,
    License,
    Resource,
    ReviewEvent,
    Status,
    Tag,
)

NAME_RE = re.compile(r"^[a-z0-9_-]{2,100}$")
TAG_RE = re.compile(r"^[\w .-]{1,100}$")

# Fields a caller may set, by CKAN/SDI name.
TEXT_FIELDS = (
    "title", "notes", "author", "maintainer", "version", "kode_daftar_data",
    "kode_standar_data", "satuan", "ukuran", "tema",
)
EMAIL_FIELDS = ("author_email", "maintainer_email")
CHOICE_FIELDS = {
    "jenis": JenisData, "frekuensi": Frekuensi, "hak_akses": HakAkses,
    "jenis_publisher": JenisPublisher,
}
JSON_FIELDS = {"ms_kegiatan": dict, "ms_variabel": list, "ms_indikator": dict, "extras": dict}
DATASET_FIELDS = (
    "name", *TEXT_FIELDS, *EMAIL_FIELDS, "url", *CHOICE_FIELDS, *JSON_FIELDS, "owner_org",
    "license_id", "tags", "groups", "walidata", "tahun_prioritas", "cakupan_wilayah",
    "periode_awal", "periode_akhir",
)
# The BPS metadata statistik keys (Peraturan BPS 5/2020, Lampiran): others are refused so a
# typo is not silently kept.
MS_INDIKATOR_KEYS = frozenset({
    "nama_indikator", "konsep", "definisi", "interpretasi", "metode_perhitungan", "rumus",
    "ukuran", "satuan", "klasifikasi_penyajian", "level_estimasi", "ukuran_tipe",
    "indikator_pembangun", "variabel_pembangun", "sumber_data", "publikasi_ketersediaan",
})
MS_KEGIATAN_KEYS = frozenset({
    "judul_kegiatan", "tahun_kegiatan", "cara_pengumpulan", "sektor_kegiatan", "jenis_statistik",
    "identitas_rekomendasi", "penyelenggara", "penanggung_jawab", "latar_belakang", "tujuan",
    "rencana_jadwal", "variabel", "metode_sampling", "unit_observasi", "cakupan_wilayah",
    "frekuensi_penyelenggaraan",
})
MS_VARIABEL_KEYS = frozenset({
    "nama", "alias", "konsep", "definisi", "referensi_pemilihan", "referensi_waktu",
    "tipe_data", "klasifikasi_isian", "aturan_validasi", "kalimat_pertanyaan",
})

UNIQUE_NAME_MSG = "A dataset named “%(name)s” already exists."


# --- helpers -------------------------------------------------------------------------------------


def _require(actor, action: str, target: Target) -> None:
    if actor is None:
        return
    policy.require(actor, action, target)


def target(dataset: Dataset) -> Target:
    return Target(pemda_id=dataset.pemda_id, opd_id=dataset.owner_org_id)


def _label(actor) -> str:
    return audit._actor_label(actor)


def opd_resolve(pemda: Pemda | None, value: Any) -> Opd | None:
    """An OPD from an id, a CKAN organisation name, an acronym or an Opd."""
    if value in (None, ""):
        return None
    if isinstance(value, Opd):
        return value
    qs = Opd.objects.select_related("pemda")
    if pemda is not None:
        qs = qs.filter(pemda=pemda)
    text = str(value).strip()
    if text.isdigit():
        return qs.filter(pk=int(text)).first()
    from terbuka.satudata.ckan.convert import org_id, org_name

    for opd in qs.filter(is_active=True):
        if text in (org_name(opd), org_id(opd), opd.acronym, opd.name):
            return opd
    return None


class _Errors:
    def __init__(self):
        self.fields: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: str, code: str = "invalid") -> None:
        self.fields.setdefault(field, []).append(ValidationError(message, code=code))

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationError(self.fields)


def _as_date(value, field: str, errors: _Errors):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    parsed = None
    try:
        parsed = parse_date(str(value)[:10])
    except ValueError:
        parsed = None
    if parsed is None:
        errors.add(field, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value})
    return parsed


def clean_dataset_fields(
    pemda: Pemda, data: dict[str, Any], *, instance: Dataset | None = None,
    errors: _Errors | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Validated (plain field values, many-to-many values) from `data`, or a ValidationError
    listing every problem. Only keys present in `data` are returned."""
    own_errors = errors is None
    errors = errors or _Errors()
    unknown = sorted(set(data) - set(DATASET_FIELDS))
    for name in unknown:
        errors.add(name, _("%(name)s is not a dataset field.") % {"name": name})
    values: dict[str, Any] = {}
    m2m: dict[str, Any] = {}

    if "name" in data:
        name = data["name"]
        if not isinstance(name, str) or not NAME_RE.match(name or ""):
            errors.add("name", _("“%(value)s” is not a valid name: use 2–100 lower-case letters, "
                                 "digits, - and _.") % {"value": name})
        else:
            clash = Dataset.objects.filter(name=name)
            if instance is not None:
                clash = clash.exclude(pk=instance.pk)
            if clash.exists():
                errors.add("name", _(UNIQUE_NAME_MSG) % {"name": name}, code="unique")
            values["name"] = name
    for field in TEXT_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if value is None:
            value = ""
        if not isinstance(value, str):
            errors.add(field, _("Expected text."))
            continue
        value = value.strip()
        limit = Dataset._meta.get_field(field).max_length
        if limit and len(value) > limit:
            errors.add(field, _("At most %(n)d characters, got %(got)d.")
                       % {"n": limit, "got": len(value)})
            continue
        values[field] = value
    if "title" in data and not values.get("title") and "title" not in errors.fields:
        errors.add("title", _("This field is required."), code="required")
    for field in EMAIL_FIELDS:
        if field in data:
            value = (data[field] or "").strip() if isinstance(data[field], str | None) else None
            try:
                if value:
                    EmailValidator()(value)
                values[field] = value or ""
            except ValidationError:
                errors.add(field, _("“%(value)s” is not an e-mail address.")
                           % {"value": data[field]})
    if "url" in data:
        value = (data["url"] or "").strip() if isinstance(data["url"], str | None) else None
        try:
            if value:
                URLValidator(schemes=["http", "https"])(value)
            values["url"] = value or ""
        except ValidationError:
            errors.add("url", _("“%(value)s” is not a web address.") % {"value": data["url"]})
    for field, choices in CHOICE_FIELDS.items():
        if field in data:
            value = data[field]
            if value not in choices.values:
                errors.add(field, _("“%(value)s” is not one of: %(allowed)s.")
                           % {"value": value, "allowed": ", ".join(choices.values)})
            else:
                values[field] = value
    for field, kind in JSON_FIELDS.items():
        if field in data:
            value = data[field] if data[field] is not None else kind()
            if not isinstance(value, kind):
                errors.add(field, _("Expected an object.") if kind is dict
                           else _("Expected a list."))
                continue
            allowed = {"ms_indikator": MS_INDIKATOR_KEYS, "ms_kegiatan": MS_KEGIATAN_KEYS}
            if field in allowed:
                bad = sorted(set(value) - allowed[field])
                if bad:
                    errors.add(field, _("Unknown keys: %(keys)s.") % {"keys": ", ".join(bad)})
                    continue
            if field == "ms_variabel":
                bad = sorted({k for v in value if isinstance(v, dict) for k in v}
                             - MS_VARIABEL_KEYS)
                if bad or not all(isinstance(v, dict) for v in value):
                    errors.add(field, _("Unknown keys: %(keys)s.") % {"keys": ", ".join(bad)})
                    continue
            if field == "extras":
                value = {str(k): ("" if v is None else str(v)) for k, v in value.items()}
            values[field] = value
    for field in ("owner_org", "walidata"):
        if field in data:
            opd = opd_resolve(pemda, data[field])
            if data[field] not in (None, "") and (opd is None or opd.pemda_id != pemda.pk):
                errors.add(field, _("Organisation “%(value)s” is not an OPD of %(pemda)s.")
                           % {"value": data[field], "pemda": pemda.short_name}, code="unknown")
            else:
                values[field] = opd
    if "license_id" in data:
        lic = data["license_id"]
        if lic in (None, ""):
            values["license"] = None
        elif not License.objects.filter(pk=lic).exists():
            errors.add("license_id", _("Unknown licence “%(value)s”.") % {"value": lic},
                       code="unknown")
        else:
            values["license_id"] = lic
    if "tahun_prioritas" in data:
        year = data["tahun_prioritas"]
        if year in (None, ""):
            values["tahun_prioritas"] = None
        else:
            try:
                year = int(year)
                if not 2000 <= year <= 2100:
                    raise ValueError
                values["tahun_prioritas"] = year
            except (TypeError, ValueError):
                errors.add("tahun_prioritas", _("“%(value)s” is not a year.") % {"value": year})
    for field in ("periode_awal", "periode_akhir"):
        if field in data:
            values[field] = _as_date(data[field], field, errors)
    start = values.get("periode_awal", getattr(instance, "periode_awal", None))
    end = values.get("periode_akhir", getattr(instance, "periode_akhir", None))
    if start and end and start > end:
        errors.add("periode_akhir", _("The period ends before it starts."))
    if "tags" in data:
        tags = data["tags"] or []
        names = []
        for tag in tags:
            tag_name = tag.get("name") if isinstance(tag, dict) else tag
            if not isinstance(tag_name, str) or not TAG_RE.match(tag_name.strip()):
                errors.add("tags", _("“%(value)s” is not a valid tag.") % {"value": tag_name})
            else:
                names.append(tag_name.strip().lower())
        m2m["tags"] = list(dict.fromkeys(names))
    if "groups" in data:
        found = []
        for group in data["groups"] or []:
            key = group.get("name") or group.get("id") if isinstance(group, dict) else group
            obj = Group.objects.filter(pemda=pemda, name=str(key)).first()
            if obj is None and str(key).count("-") == 4:
                obj = Group.objects.filter(pemda=pemda, uuid=str(key)).first()
            if obj is None:
                errors.add("groups", _("Unknown group “%(value)s”.") % {"value": key},
                           code="unknown")
            else:
                found.append(obj)
        m2m["groups"] = found
    if "cakupan_wilayah" in data:
        codes = data["cakupan_wilayah"] or []
        if isinstance(codes, str):
            codes = [c.strip() for c in codes.replace(";", ",").split(",") if c.strip()]
        known = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
        good = []
        for code in codes:
            if code not in known:
                errors.add("cakupan_wilayah", _("Region code %(value)s does not exist.")
                           % {"value": code}, code="unknown")
            elif not is_within(code, pemda.region_id):
                errors.add("cakupan_wilayah", _("Region %(value)s is outside %(pemda)s.")
                           % {"value": code, "pemda": pemda.short_name})
            else:
                good.append(code)
        m2m["cakupan_wilayah"] = good
    if own_errors:
        errors.raise_if_any()
    return values, m2m


def _snapshot(dataset: Dataset) -> dict[str, Any]:
    from terbuka.satudata.ckan.convert import package_dict

    return package_dict(dataset, include_resources=False)


def _tahun(dataset: Dataset) -> int | None:
    day = dataset.periode_akhir or dataset.periode_awal
    return day.year if day else dataset.tahun_prioritas


def _write_m2m(dataset: Dataset, m2m: dict[str, Any]) -> None:
    if "tags" in m2m:
        existing = {t.name: t for t in Tag.objects.filter(name__in=m2m["tags"])}
        missing = [Tag(name=n) for n in m2m["tags"] if n not in existing]
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        dataset.tags.set(Tag.objects.filter(name__in=m2m["tags"]))
    if "groups" in m2m:
        dataset.groups.set(m2m["groups"])
    if "cakupan_wilayah" in m2m:
        dataset.cakupan_wilayah.set(m2m["cakupan_wilayah"])


def reindex(dataset: Dataset) -> None:
    tags = list(dataset.tags.values_list("name", flat=True))
    org = str(dataset.owner_org.name) if dataset.owner_org_id else ""
    dataset.search_text = search.document(dataset, tags=tags, org=org)
    dataset.tahun = _tahun(dataset)
    Dataset.objects.filter(pk=dataset.pk).update(search_text=dataset.search_text,
                                                 tahun=dataset.tahun)
    search.sync([dataset.pk])


def _record_revision(dataset: Dataset, actor, before: dict, note: str = "") -> dict:
    after = _snapshot(dataset)
    changes = audit.diff(before, after) if before else {}
    for noisy in ("metadata_modified", "metadata_created", "revision_count"):
        changes.pop(noisy, None)
    DatasetRevision.objects.create(
        dataset=dataset, actor_label=_label(actor), changes=changes, snapshot=after,
        note=note[:300],
    )
    return changes


def _save_dataset(dataset: Dataset) -> None:
    try:
        with transaction.atomic():
            dataset.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"name": [ValidationError(_(UNIQUE_NAME_MSG) % {"name": dataset.name},
                                      code="unique")]}
        ) from exc


# --- datasets ------------------------------------------------------------------------------------


@transaction.atomic
def dataset_create(*, actor, pemda: Pemda, request=None, status: str = Status.DRAFT,
                   **data: Any) -> Dataset:
    """A new dataset of `pemda`, in draft unless the system publishes it directly."""
    owner = opd_resolve(pemda, data.get("owner_org"))
    _require(actor, "satudata.dataset.create",
             Target(pemda_id=pemda.pk, opd_id=owner.pk if owner else None))
    if status != Status.DRAFT:
        # Only the walidata publishes: a producer's new dataset always starts as a draft.
        _require(actor, "satudata.dataset.review", Target(pemda_id=pemda.pk))
    errors = _Errors()
    for required in ("name", "title"):
        if not data.get(required):
            errors.add(required, _("This field is required."), code="required")
    resources = data.pop("resources", None) or []
    values, m2m = clean_dataset_fields(pemda, data, errors=errors)
    errors.raise_if_any()
    now = timezone.now()
    dataset = Dataset(pemda=pemda, metadata_modified=now, status=status,
                      created_by=actor if getattr(actor, "is_authenticated", False) else None,
                      **values)
    if dataset.license_id is None and "license_id" not in data:
        dataset.license_id = "cc-by-4.0" if License.objects.filter(pk="cc-by-4.0").exists() \
            else None
    if dataset.walidata_id is None:
        dataset.walidata = None
    if status == Status.TERBIT:
        dataset.published_at = now
    _save_dataset(dataset)
    _write_m2m(dataset, m2m)
    for position, res in enumerate(resources):
        _resource_create(dataset, res, position=position, actor=actor)
    reindex(dataset)
    changes = _record_revision(dataset, actor, {}, note="created")
    audit.record(actor=actor, action="satudata.dataset.create", obj=dataset, pemda=pemda,
                 changes=changes or {"name": [None, dataset.name]}, request=request)
    return dataset


@transaction.atomic
def dataset_update(*, actor, dataset: Dataset, data: dict[str, Any], replace: bool = False,
                   request=None) -> Dataset:
    """Change a dataset's metadata. With replace=True (CKAN package_update) fields not given are
    reset and resources not listed are removed; otherwise (package_patch) only given fields
    change. A published dataset stays published; its history keeps every change."""
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    _require(actor, "satudata.dataset.update", target(dataset))
    data = dict(data)
    resources = data.pop("resources", None)
    new_owner = data.get("owner_org", dataset.owner_org_id)
    if "owner_org" in data and actor is not None:
        owner = opd_resolve(dataset.pemda, new_owner)
        _require(actor, "satudata.dataset.update",
                 Target(pemda_id=dataset.pemda_id, opd_id=owner.pk if owner else None))
    if replace:
        for field in DATASET_FIELDS:
            if field not in data and field not in ("name", "owner_org", "license_id"):
                default = Dataset._meta.get_field(field).get_default() if field in {
                    f.name for f in Dataset._meta.fields} else None
                data[field] = [] if field in ("tags", "groups", "cakupan_wilayah") else default
        data.setdefault("title", dataset.title)
    before = _snapshot(dataset)
    values, m2m = clean_dataset_fields(dataset.pemda, data, instance=dataset)
    for key, value in values.items():
        setattr(dataset, key, value)
    dataset.metadata_modified = timezone.now()
    _save_dataset(dataset)
    _write_m2m(dataset, m2m)
    if resources is not None:
        _resources_replace(dataset, resources, actor=actor, remove_missing=replace)
    reindex(dataset)
    changes = _record_revision(dataset, actor, before)
    audit.record(actor=actor, action="satudata.dataset.update", obj=dataset,
                 changes=changes, request=request)
    return dataset


@transaction.atomic
def dataset_delete(*, actor, dataset: Dataset, request=None) -> None:
    """CKAN package_delete: the dataset leaves every listing but its record stays."""
    _require(actor, "satudata.dataset.delete", target(dataset))
    Dataset.objects.filter(pk=dataset.pk).update(is_deleted=True,
                                                 metadata_modified=timezone.now())
    audit.record(actor=actor, action="satudata.dataset.delete", obj=dataset,
                 changes={"state": ["active", "deleted"]}, request=request)


@transaction.atomic
def dataset_upsert_system(
    *, pemda: Pemda, name: str, title: str, notes: str, opd: Opd | None = None,
    tags: Iterable[str] = (), extras: dict | None = None, resources: list[dict] | None = None,
    **sdi: Any,
) -> Dataset:
    """Create or update, as the platform, the dataset `name` of `pemda` (the publish sink of
    core.publishing uses it). It is published and open at once: what modules publish are
    suppressed aggregates. `resources` are dicts of resource fields (name, url, format, upload,
    size, hash, datastore_active, …) matched to existing resources by name; resources not named
    stay. Extra keyword arguments are SDI fields (tema, frekuensi, periode_awal, …)."""
    data: dict[str, Any] = {"title": title, "notes": notes, "tags": list(tags), **sdi}
    if extras is not None:
        data["extras"] = extras
    if opd is not None:
        if opd.pemda_id != pemda.pk:
            raise ValidationError({"opd": [_("The OPD belongs to another pemda.")]})
        data["owner_org"] = opd
    existing = Dataset.objects.filter(name=name).first()
    if existing is not None and existing.pemda_id != pemda.pk:
        raise ValidationError({"name": [ValidationError(
            _(UNIQUE_NAME_MSG) % {"name": name}, code="unique")]})
    if existing is None:
        data.setdefault("hak_akses", HakAkses.TERBUKA)
        dataset = dataset_create(actor=None, pemda=pemda, name=name, status=Status.TERBIT,
                                 resources=resources or [], **data)
        return dataset
    dataset = dataset_update(actor=None, dataset=existing, data=data)
    by_name = {r.name: r for r in dataset.resources.all()}
    position = len(by_name)
    for res in resources or []:
        current = by_name.get(res.get("name", ""))
        if current is None:
            _resource_create(dataset, res, position=position, actor=None)
            position += 1
        else:
            _resource_apply(current, res)
    Dataset.objects.filter(pk=dataset.pk).update(metadata_modified=timezone.now())
    dataset.refresh_from_db()
    return dataset


# --- resources -----------------------------------------------------------------------------------

RESOURCE_FIELDS = ("name", "description", "url", "format", "mimetype", "size", "hash",
                   "datastore_active", "upload", "extras", "last_modified", "position", "id")


def max_upload_bytes() -> int:
    return int(getattr(settings, "SATUDATA_MAX_UPLOAD_BYTES", 100 * 1024 * 1024))


def _clean_resource(data: dict[str, Any], *, field_prefix: str = "") -> dict[str, Any]:
    errors = _Errors()
    unknown = sorted(set(data) - set(RESOURCE_FIELDS) - {"package_id", "created",
                                                          "metadata_modified", "state",
                                                          "url_type", "resource_type",
                                                          "cache_url", "cache_last_updated",
                                                          "mimetype_inner", "package_name"})
    values: dict[str, Any] = {}
    extras = dict(data.get("extras") or {}) if isinstance(data.get("extras"), dict) else {}
    for key in unknown:  # CKAN keeps unknown resource keys as extras
        value = data[key]
        extras[key] = value if isinstance(value, str | int | float | bool) else str(value)
    values["extras"] = extras
    for field, limit in (("name", 300), ("description", 20000), ("format", 40),
                         ("mimetype", 100), ("hash", 200)):
        if field in data:
            value = "" if data[field] is None else str(data[field]).strip()
            if len(value) > limit:
                errors.add(field_prefix + field, _("At most %(n)d characters, got %(got)d.")
                           % {"n": limit, "got": len(value)})
            values[field] = value
    if "url" in data and data["url"]:
        url = str(data["url"]).strip()
        try:
            URLValidator(schemes=["http", "https", "ftp"])(url)
            values["url"] = url
        except ValidationError:
            errors.add(field_prefix + "url", _("“%(value)s” is not a web address.")
                       % {"value": url})
    elif "url" in data:
        values["url"] = ""
    if data.get("size") not in (None, ""):
        try:
            values["size"] = int(data["size"])
            if values["size"] < 0:
                raise ValueError
        except (TypeError, ValueError):
            errors.add(field_prefix + "size", _("“%(value)s” is not a size in bytes.")
                       % {"value": data["size"]})
    if "datastore_active" in data:
        values["datastore_active"] = bool(data["datastore_active"])
    upload = data.get("upload")
    if upload is not None and upload != "":
        limit = max_upload_bytes()
        if getattr(upload, "size", 0) > limit:
            errors.add(field_prefix + "upload",
                       _("The file is %(size)s MB; the limit is %(limit)s MB.")
                       % {"size": round(upload.size / 1048576, 1),
                          "limit": round(limit / 1048576, 1)}, code="too_large")
        values["upload"] = upload
    errors.raise_if_any()
    if not values.get("format"):
        source = getattr(upload, "name", "") or values.get("url", "")
        suffix = source.rsplit("/", 1)[-1].rsplit(".", 1)
        if len(suffix) == 2 and 1 <= len(suffix[1]) <= 8:
            values["format"] = suffix[1].upper()
    if values.get("format"):
        values["format"] = values["format"].upper()
    return values


def _store_upload(resource: Resource, upload) -> None:
    """Save the uploaded file chunk by chunk, hashing as it goes: never whole in memory."""
    digest = hashlib.sha256()
    size = 0
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
    name = upload.name.rsplit("/", 1)[-1]
    upload.seek(0)
    resource.upload.save(name, upload, save=False)
    resource.size = size
    resource.hash = f"sha256:{digest.hexdigest()}"
    resource.url = ""


def _resource_apply(resource: Resource, data: dict[str, Any], *, cleaned: bool = False) -> None:
    values = data if cleaned else _clean_resource(data)
    upload = values.pop("upload", None)
    for key, value in values.items():
        setattr(resource, key, value)
    if upload is not None:
        _store_upload(resource, upload)
    resource.last_modified = timezone.now()
    if not resource.url and not resource.upload:
        raise ValidationError({"url": [_("Give a URL or upload a file.")]})
    resource.save()


def _resource_create(dataset: Dataset, data: dict[str, Any], *, position: int,
                     actor) -> Resource:
    values = _clean_resource(data)
    resource = Resource(dataset=dataset, position=position)
    _resource_apply(resource, values, cleaned=True)
    return resource


def _resources_replace(dataset: Dataset, items: list[dict], *, actor,
                       remove_missing: bool) -> None:
    by_id = {str(r.uuid): r for r in dataset.resources.all()}
    kept = set()
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            raise ValidationError({"resources": [_("Expected an object.")]})
        current = by_id.get(str(item.get("id", "")))
        item = {k: v for k, v in item.items() if k != "id"}
        if current is None:
            kept.add(_resource_create(dataset, item, position=position, actor=actor).pk)
        else:
            item["position"] = position
            _resource_apply(current, item)
            kept.add(current.pk)
    if remove_missing:
        dataset.resources.exclude(pk__in=kept).delete()


@transaction.atomic
def resource_create(*, actor, dataset: Dataset, request=None, **data: Any) -> Resource:
    _require(actor, "satudata.dataset.update", target(dataset))
    position = dataset.resources.count()
    resource = _resource_create(dataset, data, position=position, actor=actor)
    Dataset.objects.filter(pk=dataset.pk).update(metadata_modified=timezone.now())
    dataset.refresh_from_db()
    _record_revision(dataset, actor, {}, note=f"resource {resource.uuid} added")
    audit.record(actor=actor, action="satudata.resource.create", obj=resource,
                 pemda=dataset.pemda, changes={"url": [None, resource.url or
                                                       resource.upload.name]},
                 request=request)
    return resource


@transaction.atomic
def resource_update(*, actor, resource: Resource, data: dict[str, Any],
                    request=None) -> Resource:
    dataset = resource.dataset
    _require(actor, "satudata.dataset.update", target(dataset))
    before = {k: getattr(resource, k) for k in ("name", "url", "format", "size", "hash")}
    _resource_apply(resource, data)
    Dataset.objects.filter(pk=dataset.pk).update(metadata_modified=timezone.now())
    after = {k: getattr(resource, k) for k in before}
    audit.record(actor=actor, action="satudata.resource.update", obj=resource,
                 pemda=dataset.pemda, changes=audit.diff(before, after), request=request)
    return resource


# --- walidata workflow ---------------------------------------------------------------------------

# The four Satu Data Indonesia principles (Perpres 39/2019 pasal 3) the walidata checks.
CHECKLIST = ("standar_data", "metadata", "interoperabilitas", "kode_referensi")

TRANSITIONS = {
    # (from, to): the action that allows it
    (Status.DRAFT, Status.DIAJUKAN): "satudata.dataset.submit",
    (Status.DIKEMBALIKAN, Status.DIAJUKAN): "satudata.dataset.submit",
    (Status.DIAJUKAN, Status.DIPERIKSA): "satudata.dataset.review",
    (Status.DIPERIKSA, Status.DIKEMBALIKAN): "satudata.dataset.review",
    (Status.DIAJUKAN, Status.DIKEMBALIKAN): "satudata.dataset.review",
    (Status.DIPERIKSA, Status.TERBIT): "satudata.dataset.review",
    (Status.TERBIT, Status.DRAFT): "satudata.dataset.review",  # withdrawn for correction
}


def _missing_metadata(dataset: Dataset) -> list[str]:
    """The SDI metadata a dataset must carry before it is submitted."""
    missing = []
    for field in ("title", "notes", "satuan", "tema"):
        if not getattr(dataset, field):
            missing.append(field)
    if dataset.owner_org_id is None:
        missing.append("owner_org")
    if dataset.license_id is None:
        missing.append("license_id")
    if not dataset.resources.exists():
        missing.append("resources")
    return missing


@transaction.atomic
def dataset_transition(*, actor, dataset: Dataset, to_status: str, note: str = "",
                       checklist: dict[str, bool] | None = None, request=None) -> ReviewEvent:
    """Move a dataset through the walidata workflow. Returning needs a reason; publishing
    needs every checklist principle met; submitting needs the SDI metadata complete."""
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    from_status = dataset.status
    action = TRANSITIONS.get((from_status, to_status))
    if action is None:
        raise ValidationError({"status": [ValidationError(
            _("A dataset that is “%(from)s” cannot become “%(to)s”.") % {
                "from": Status(from_status).label, "to": Status(to_status).label
                if to_status in Status.values else to_status},
            code="conflict")]})
    _require(actor, action, target(dataset))
    note = (note or "").strip()
    if len(note) > 4000:
        raise ValidationError({"note": [_("At most %(n)d characters, got %(got)d.")
                                        % {"n": 4000, "got": len(note)}]})
    checklist = {key: bool((checklist or {}).get(key)) for key in CHECKLIST}
    if to_status == Status.DIAJUKAN:
        missing = _missing_metadata(dataset)
        if missing:
            raise ValidationError({
                field: [_("Required before the dataset is submitted.")] for field in missing
            })
    if to_status == Status.DIKEMBALIKAN and not note:
        raise ValidationError({"note": [_("Say why the dataset is returned.")]})
    if to_status == Status.TERBIT:
        unmet = [key for key, ok in checklist.items() if not ok]
        if unmet:
            raise ValidationError({"checklist": [
                _("Not yet checked: %(items)s.") % {"items": ", ".join(unmet)}]})
    dataset.status = to_status
    dataset.metadata_modified = timezone.now()
    if to_status == Status.TERBIT:
        dataset.published_at = dataset.published_at or dataset.metadata_modified
    dataset.save(update_fields=["status", "metadata_modified", "published_at"])
    event = ReviewEvent.objects.create(
        dataset=dataset, from_status=from_status, to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_label(actor), note=note,
        checklist=checklist if to_status in (Status.TERBIT, Status.DIKEMBALIKAN) else {},
    )
    audit.record(actor=actor, action=f"satudata.dataset.{to_status}", obj=dataset,
                 changes={"status": [from_status, to_status], **({"note": [None, note]}
                                                                 if note else {})},
                 request=request)
    from terbuka.satudata import tasks

    enqueue_on_commit(tasks.notify_review_event, event.pk)
    return event


@transaction.atomic
def dataset_comment(*, actor, dataset: Dataset, body: str, request=None) -> Comment:
    """A pembina data or walidata remark on a dataset (priority data especially)."""
    _require(actor, "satudata.dataset.comment", target(dataset))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("This field is required.")]})
    if len(body) > 4000:
        raise ValidationError({"body": [_("At most %(n)d characters, got %(got)d.")
                                        % {"n": 4000, "got": len(body)}]})
    comment = Comment.objects.create(
        dataset=dataset, author=actor if getattr(actor, "is_authenticated", False) else None,
        author_label=_label(actor), body=body,
    )
    audit.record(actor=actor, action="satudata.dataset.comment", obj=dataset,
                 changes={"comment": [None, body[:200]]}, request=request)
    from terbuka.satudata import tasks

    enqueue_on_commit(tasks.notify_comment, comment.pk)
    return comment


def can_view(user, dataset: Dataset) -> bool:
    if dataset.is_public:
        return True
    return policy.can(user, "satudata.dataset.view_private", target(dataset))


def require_view(user, dataset: Dataset) -> None:
    if not can_view(user, dataset):
        raise PermissionDenied(_("This dataset is not public."))
