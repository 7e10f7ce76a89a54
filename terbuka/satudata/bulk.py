"""Creating many datasets at once, for demo data, the benchmark and bulk import: one
bulk_create per table instead of one service call per dataset (which writes a revision, an
audit event and several queries each). Callers validate first; the system is the actor."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from terbuka.core.models import Opd, Pemda
from terbuka.satudata import search
from terbuka.satudata.models import Dataset, Resource, Status, Tag


@dataclass
class NewDataset:
    name: str
    title: str
    notes: str = ""
    owner_org: Opd | None = None
    tags: Sequence[str] = ()
    regions: Sequence[str] = ()
    resources: Sequence[dict] = ()
    status: str = Status.TERBIT
    modified: datetime.datetime | None = None
    fields: dict = field(default_factory=dict)  # other Dataset fields (SDI metadata)


@transaction.atomic
def datasets_bulk_create(pemda: Pemda, items: Iterable[NewDataset], *,
                         batch_size: int = 1000) -> list[Dataset]:
    """Insert `items` (names not yet taken) with their tags, regions and resources, and index
    them for search. Returns the new datasets."""
    items = list(items)
    now = timezone.now()
    tag_names = sorted({t for item in items for t in item.tags})
    Tag.objects.bulk_create([Tag(name=n) for n in tag_names], ignore_conflicts=True)
    tag_ids = dict(Tag.objects.filter(name__in=tag_names).values_list("name", "pk"))
    rows = []
    for item in items:
        dataset = Dataset(
            pemda=pemda, name=item.name, title=item.title, notes=item.notes,
            owner_org=item.owner_org, status=item.status,
            metadata_modified=item.modified or now,
            published_at=(item.modified or now) if item.status == Status.TERBIT else None,
            license_id=item.fields.pop("license_id", "cc-by-4.0"), **item.fields,
        )
        dataset.search_text = search.document(
            dataset, tags=item.tags, org=item.owner_org.name if item.owner_org else "")
        day = dataset.periode_akhir or dataset.periode_awal
        dataset.tahun = day.year if day else dataset.tahun_prioritas
        rows.append(dataset)
    created = Dataset.objects.bulk_create(rows, batch_size=batch_size)
    if any(d.pk is None for d in created):  # backends without RETURNING
        by_name = dict(Dataset.objects.filter(name__in=[d.name for d in created])
                       .values_list("name", "pk"))
        for d in created:
            d.pk = by_name[d.name]
    tag_links, region_links, resources = [], [], []
    for dataset, item in zip(created, items, strict=True):
        tag_links += [Dataset.tags.through(dataset_id=dataset.pk, tag_id=tag_ids[t])
                      for t in dict.fromkeys(item.tags)]
        region_links += [Dataset.cakupan_wilayah.through(dataset_id=dataset.pk, region_id=c)
                         for c in dict.fromkeys(item.regions)]
        resources += [Resource(dataset_id=dataset.pk, position=i, last_modified=dataset
                               .metadata_modified, **res) for i, res in enumerate(item.resources)]
    Dataset.tags.through.objects.bulk_create(tag_links, batch_size=batch_size)
    Dataset.cakupan_wilayah.through.objects.bulk_create(region_links, batch_size=batch_size)
    Resource.objects.bulk_create(resources, batch_size=batch_size)
    search.sync([d.pk for d in created])
    return created
