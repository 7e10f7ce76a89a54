"""schema.org `Dataset` JSON-LD for dataset pages, as dataset search engines read it
(https://developers.google.com/search/docs/appearance/structured-data/dataset)."""

from __future__ import annotations

from terbuka.satudata.ckan.convert import resource_dict
from terbuka.satudata.models import Dataset


def dataset_jsonld(dataset: Dataset, *, page_url: str, request=None) -> dict:
    org = dataset.owner_org
    publisher = {"@type": "GovernmentOrganization", "name": dataset.pemda.name}
    creator = {"@type": "GovernmentOrganization", "name": org.name} if org else publisher
    out: dict = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": dataset.title,
        "description": dataset.notes or dataset.title,
        "url": page_url,
        "identifier": [str(dataset.uuid)] + ([dataset.kode_daftar_data]
                                             if dataset.kode_daftar_data else []),
        "keywords": sorted(t.name for t in dataset.tags.all()),
        "inLanguage": "id",
        "isAccessibleForFree": True,
        "creator": creator,
        "publisher": publisher,
        "dateModified": dataset.metadata_modified.isoformat(),
        "includedInDataCatalog": {"@type": "DataCatalog",
                                  "name": f"Satu Data {dataset.pemda.name}"},
        "distribution": [
            {"@type": "DataDownload", "name": r["name"] or r["format"],
             "encodingFormat": r["mimetype"] or r["format"], "contentUrl": r["url"]}
            for r in (resource_dict(res, request, dataset) for res in dataset.resources.all())
            if r["url"]
        ],
    }
    if dataset.published_at:
        out["datePublished"] = dataset.published_at.date().isoformat()
    if dataset.license_id and dataset.license.url:
        out["license"] = dataset.license.url
    if dataset.periode_awal or dataset.periode_akhir:
        start = dataset.periode_awal.isoformat() if dataset.periode_awal else ".."
        end = dataset.periode_akhir.isoformat() if dataset.periode_akhir else ".."
        out["temporalCoverage"] = f"{start}/{end}"
    regions = list(dataset.cakupan_wilayah.all())
    if regions:
        out["spatialCoverage"] = [{"@type": "AdministrativeArea", "name": r.name,
                                   "identifier": r.code} for r in regions]
    else:
        out["spatialCoverage"] = {"@type": "AdministrativeArea",
                                  "name": dataset.pemda.region.name,
                                  "identifier": dataset.pemda.region_id}
    if dataset.satuan or dataset.ukuran:
        out["variableMeasured"] = {"@type": "PropertyValue",
                                   "name": dataset.ukuran or dataset.title,
                                   "unitText": dataset.satuan}
    return out
