"""Harvesting another CKAN-compatible catalogue (a kabupaten/kota portal, another Terbuka, the
national portal's peers) into a pemda's catalogue.

A run asks the source for datasets changed since the newest `metadata_modified` it has seen,
page by page exactly as the CKAN harvester does (`package_search` with
`fq=metadata_modified:[<since> TO *]`, `sort=id asc`, `rows`/`start`), and creates or updates
one local dataset per remote id. A dataset whose remote `metadata_modified` is unchanged is not
touched, so running twice changes nothing. Harvested datasets are published at once (the source
already published them), keep their source, remote id, page and organisation, and are shown with
their origin. Datasets that disappear at the source are left as they are (see docs).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core.models import Pemda
from terbuka.core.policy import Target
from terbuka.satudata import services
from terbuka.satudata.ckan.convert import SDI_FIELDS
from terbuka.satudata.models import (
    Dataset,
    HarvestRun,
    HarvestSource,
    JenisPublisher,
    License,
    Status,
)

logger = logging.getLogger(__name__)
PAGE_ROWS = 100
TIMEOUT = 30
MAX_PAGES = 1000

Fetch = Callable[[str, dict], dict]


class HarvestError(Exception):
    pass


def http_fetch(base_url: str, params: dict) -> dict:
    """package_search at the source over HTTP; the CKAN envelope's result."""
    url = f"{base_url.rstrip('/')}/api/3/action/package_search?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, headers={"User-Agent": "Terbuka-harvester/1",  # noqa: S310
                                                   "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            body = json.loads(response.read(50 * 1024 * 1024))
    except (urllib.error.URLError, ValueError, TimeoutError) as exc:
        raise HarvestError(str(exc)) from exc
    if not isinstance(body, dict) or not body.get("success"):
        raise HarvestError(str(body.get("error") if isinstance(body, dict) else body)[:500])
    return body["result"]


@transaction.atomic
def harvest_source_create(*, actor, pemda: Pemda, title: str, url: str,
                          request=None) -> HarvestSource:
    if actor is not None:
        policy.require(actor, "satudata.catalog.manage", Target(pemda_id=pemda.pk))
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("This field is required.")]
    try:
        URLValidator(schemes=["http", "https"])(url or "")
    except ValidationError:
        errors["url"] = [_("“%(value)s” is not a web address.") % {"value": url}]
    if errors:
        raise ValidationError(errors)
    url = url.rstrip("/")
    if HarvestSource.objects.filter(pemda=pemda, url=url).exists():
        raise ValidationError({"url": [ValidationError(
            _("This source is already harvested."), code="unique")]})
    source = HarvestSource.objects.create(pemda=pemda, title=title.strip()[:200], url=url)
    audit.record(actor=actor, action="satudata.harvest.source", obj=source, pemda=pemda,
                 changes={"url": [None, url]}, request=request)
    return source


def _local_name(remote_name: str, source: HarvestSource, existing: Dataset | None) -> str:
    if existing is not None:
        return existing.name
    base = slugify(remote_name or "")[:90] or "dataset"
    name = base
    n = 1
    while Dataset.objects.filter(name=name).exists():
        n += 1
        name = f"{base[:85]}-h{source.pk}" + (f"-{n}" if n > 2 else "")
    return name


def _resources(pkg: dict, existing: Dataset | None) -> list[dict]:
    local = {}
    if existing is not None:
        local = {r.extras.get("remote_id"): str(r.uuid) for r in existing.resources.all()}
    out = []
    for res in pkg.get("resources") or []:
        if not isinstance(res, dict) or not res.get("url"):
            continue
        item = {
            "name": str(res.get("name") or "")[:300], "url": res["url"],
            "description": str(res.get("description") or "")[:20000],
            "format": str(res.get("format") or "")[:40], "remote_id": str(res.get("id", "")),
        }
        if isinstance(res.get("size"), int):
            item["size"] = res["size"]
        if local.get(item["remote_id"]):
            item["id"] = local[item["remote_id"]]
        out.append(item)
    return out


def _dataset_data(pkg: dict, pemda: Pemda) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": str(pkg.get("title") or pkg.get("name") or "")[:300],
        "notes": str(pkg.get("notes") or ""),
        "tags": [t.get("name") for t in pkg.get("tags") or [] if isinstance(t, dict)],
        "extras": {str(e.get("key")): str(e.get("value", ""))
                   for e in pkg.get("extras") or [] if isinstance(e, dict)},
    }
    lic = pkg.get("license_id")
    if lic and License.objects.filter(pk=lic).exists():
        data["license_id"] = lic
    elif lic:
        data["extras"]["license_id"] = str(lic)
    for key in ("author", "maintainer", "version", "url"):
        if pkg.get(key):
            data[key] = str(pkg[key])
    for key in SDI_FIELDS:
        if pkg.get(key) not in (None, ""):
            data[key] = pkg[key]
    data.setdefault("jenis_publisher", JenisPublisher.KABUPATEN)
    data["hak_akses"] = "terbuka"
    for key in ("periode_awal", "periode_akhir"):
        if pkg.get(key):
            data[key] = pkg[key]
    codes = [c for c in pkg.get("cakupan_wilayah") or [] if isinstance(c, str)]
    if codes:
        data["cakupan_wilayah"] = codes
    return data


def _clean_lenient(pemda: Pemda, data: dict) -> dict:
    """Drop the fields the local catalogue refuses (a code list it lacks, a region outside
    it) rather than the whole dataset; the rest is kept."""
    try:
        services.clean_dataset_fields(pemda, data)
        return data
    except ValidationError as exc:
        bad = set(exc.error_dict)
    kept = {k: v for k, v in data.items() if k not in bad}
    if "title" in bad:
        raise ValidationError({"title": [_("The source gives no title.")]})
    return kept


def _upsert(source: HarvestSource, pkg: dict) -> str:
    remote_id = str(pkg.get("id") or "")
    if not remote_id:
        raise ValidationError({"id": [_("The source gives no id.")]})
    existing = Dataset.objects.filter(harvest_source=source, remote_id=remote_id).first()
    modified = str(pkg.get("metadata_modified") or "")
    if existing is not None and existing.remote_modified == modified and modified:
        return "unchanged"
    data = _clean_lenient(source.pemda, _dataset_data(pkg, source.pemda))
    data["resources"] = _resources(pkg, existing)
    org = pkg.get("organization") or {}
    remote = {
        "remote_org": str(org.get("title") or "")[:200] if isinstance(org, dict) else "",
        "remote_url": f"{source.url}/dataset/{pkg.get('name', '')}"[:500],
        "remote_modified": modified[:40],
    }
    with transaction.atomic():
        if existing is None:
            dataset = services.dataset_create(
                actor=None, pemda=source.pemda, status=Status.TERBIT,
                name=_local_name(str(pkg.get("name") or ""), source, None), **data)
            Dataset.objects.filter(pk=dataset.pk).update(
                harvest_source=source, remote_id=remote_id, **remote)
            return "created"
        services.dataset_update(actor=None, dataset=existing, data=data, replace=True)
        Dataset.objects.filter(pk=existing.pk).update(**remote)
        return "updated"


def harvest_run(*, source: HarvestSource, fetch: Fetch | None = None,
                rows: int = PAGE_ROWS) -> HarvestRun:
    """One incremental run. Each dataset is its own transaction: a bad record is reported in
    the run's errors and the others are still harvested."""
    fetch = fetch or http_fetch
    run = HarvestRun.objects.create(source=source)
    since = source.last_modified_seen
    newest = since
    params: dict[str, Any] = {"rows": rows, "sort": "id asc"}
    if since:
        params["fq"] = f"metadata_modified:[{since} TO *]"
    start = 0
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    errors: list[dict] = []
    try:
        for _page in range(MAX_PAGES):
            result = fetch(source.url, {**params, "start": start})
            packages = result.get("results") or []
            if not packages:
                break
            for pkg in packages:
                try:
                    counts[_upsert(source, pkg)] += 1
                except (ValidationError, IntegrityError) as exc:
                    messages = exc.message_dict if isinstance(exc, ValidationError) and \
                        hasattr(exc, "error_dict") else {"": [str(exc)]}
                    errors.append({"id": str(pkg.get("id", "")), "name": str(pkg.get("name")),
                                   "errors": messages})
                modified = str(pkg.get("metadata_modified") or "")
                if modified and (not newest or modified > newest):
                    newest = modified
            start += len(packages)
            if start >= int(result.get("count") or 0):
                break
    except HarvestError as exc:
        errors.append({"id": "", "name": "", "errors": {"source": [str(exc)]}})
        newest = since  # an interrupted run starts again from where the last good one did
    run.created, run.updated, run.unchanged = (counts["created"], counts["updated"],
                                               counts["unchanged"])
    run.errors = errors
    run.finished_at = timezone.now()
    run.save()
    HarvestSource.objects.filter(pk=source.pk).update(
        last_modified_seen=newest or "", last_run_at=run.finished_at)
    audit.record(actor=None, action="satudata.harvest.run", obj=source, pemda=source.pemda,
                 changes={"created": [None, run.created], "updated": [None, run.updated],
                          "errors": [None, len(errors)]})
    return run
