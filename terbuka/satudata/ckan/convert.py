"""Catalog rows as CKAN dictionaries (package, resource, organization, group, tag, licence)."""

from __future__ import annotations

import datetime
import uuid

from django.utils.text import slugify

from terbuka.core.models import Opd
from terbuka.satudata.models import Dataset, Group, License, Resource

OPD_NAMESPACE = uuid.UUID("5b0f7f55-6c2a-4c38-9a8e-2d6d7a0c5a11")

SDI_FIELDS = (
    "kode_daftar_data", "kode_standar_data", "satuan", "ukuran", "jenis", "tema", "frekuensi",
    "hak_akses", "tahun_prioritas", "jenis_publisher", "ms_kegiatan", "ms_variabel",
    "ms_indikator",
)


def ckan_time(value: datetime.datetime | None) -> str | None:
    """CKAN's timestamps: ISO 8601 in UTC without an offset."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value.isoformat()


def org_id(opd: Opd) -> str:
    return str(uuid.uuid5(OPD_NAMESPACE, f"opd:{opd.pk}"))


def org_name(opd: Opd) -> str:
    return f"{opd.pemda.slug}-{slugify(opd.acronym or opd.name)[:60]}"


def organization_dict(opd: Opd, *, package_count: int | None = None) -> dict:
    out = {
        "id": org_id(opd), "name": org_name(opd), "title": opd.name,
        "display_name": opd.name, "description": opd.urusan or "", "type": "organization",
        "is_organization": True, "state": "active" if opd.is_active else "deleted",
        "approval_status": "approved", "image_url": "",
        "created": ckan_time(opd.created_at), "acronym": opd.acronym,
        "pemda": opd.pemda.slug,
    }
    if package_count is not None:
        out["package_count"] = package_count
    return out


def group_dict(group: Group, *, package_count: int | None = None) -> dict:
    out = {
        "id": str(group.uuid), "name": group.name, "title": group.title,
        "display_name": group.title, "description": group.description, "type": "group",
        "is_organization": False, "state": "active", "approval_status": "approved",
        "image_url": "", "image_display_url": "", "created": ckan_time(group.created),
        "pemda": group.pemda.slug,
    }
    if package_count is not None:
        out["package_count"] = package_count
    return out


def license_dict(lic: License) -> dict:
    return {"id": lic.id, "title": lic.title, "url": lic.url,
            "od_conformance": lic.od_conformance, "osd_conformance": "not reviewed",
            "status": "active", "domain_content": True, "domain_data": True,
            "domain_software": False, "family": "", "maintainer": "", "is_generic": False,
            "is_okd_compliant": lic.is_open, "is_osi_compliant": False}


def resource_dict(res: Resource, request=None, dataset: Dataset | None = None) -> dict:
    dataset = dataset or res.dataset
    url = res.url
    if res.upload:
        url = res.upload.url
        if request is not None:
            url = request.build_absolute_uri(url)
    out = {
        "id": str(res.uuid), "package_id": str(dataset.uuid), "name": res.name,
        "description": res.description, "url": url, "format": res.format,
        "mimetype": res.mimetype or None, "size": res.size, "hash": res.hash,
        "position": res.position, "datastore_active": res.datastore_active,
        "url_type": "upload" if res.upload else None, "state": "active",
        "created": ckan_time(res.created), "last_modified": ckan_time(res.last_modified),
        "metadata_modified": ckan_time(res.metadata_modified), "resource_type": None,
        "cache_url": None, "mimetype_inner": None, "cache_last_updated": None,
    }
    for key, value in (res.extras or {}).items():
        out.setdefault(key, value)
    return out


def package_dict(dataset: Dataset, *, include_resources: bool = True, request=None) -> dict:
    """A dataset as CKAN's package_show shows it, plus the SDI fields at top level."""
    org = dataset.owner_org
    tags = sorted(t.name for t in dataset.tags.all())
    groups = list(dataset.groups.all())
    lic = dataset.license
    regions = sorted(r.code for r in dataset.cakupan_wilayah.all())
    out = {
        "id": str(dataset.uuid), "name": dataset.name, "title": dataset.title,
        "notes": dataset.notes, "type": "dataset",
        "state": "deleted" if dataset.is_deleted else (
            "active" if dataset.status == "terbit" else "draft"),
        "private": not dataset.is_public,
        "author": dataset.author, "author_email": dataset.author_email,
        "maintainer": dataset.maintainer, "maintainer_email": dataset.maintainer_email,
        "url": dataset.url, "version": dataset.version,
        "license_id": lic.id if lic else "", "license_title": lic.title if lic else "",
        "license_url": lic.url if lic else "", "isopen": bool(lic and lic.is_open),
        "metadata_created": ckan_time(dataset.metadata_created),
        "metadata_modified": ckan_time(dataset.metadata_modified),
        "owner_org": org_id(org) if org else None,
        "organization": organization_dict(org) if org else None,
        "tags": [{"name": t, "display_name": t, "state": "active", "vocabulary_id": None}
                 for t in tags],
        "num_tags": len(tags),
        "groups": [{"id": str(g.uuid), "name": g.name, "title": g.title,
                    "display_name": g.title, "description": g.description,
                    "image_display_url": ""} for g in groups],
        "extras": [{"key": k, "value": v} for k, v in sorted((dataset.extras or {}).items())],
        "relationships_as_object": [], "relationships_as_subject": [],
        "creator_user_id": None,
        # Satu Data Indonesia
        **{f: getattr(dataset, f) for f in SDI_FIELDS},
        "walidata": org_name(dataset.walidata) if dataset.walidata_id else None,
        "cakupan_wilayah": regions,
        "periode_awal": dataset.periode_awal.isoformat() if dataset.periode_awal else None,
        "periode_akhir": dataset.periode_akhir.isoformat() if dataset.periode_akhir else None,
        "status": dataset.status, "pemda": dataset.pemda.slug,
    }
    if dataset.harvest_source_id:
        out["harvest_source_url"] = dataset.harvest_source.url
        out["harvest_remote_id"] = dataset.remote_id
        out["harvest_remote_url"] = dataset.remote_url
        out["harvest_remote_org"] = dataset.remote_org
    if include_resources:
        resources = [resource_dict(r, request, dataset) for r in dataset.resources.all()]
        out["resources"] = resources
        out["num_resources"] = len(resources)
    return out
