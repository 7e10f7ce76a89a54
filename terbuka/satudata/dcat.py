"""DCAT-AP (2.1) output with rdflib: the catalogue (paged, `modified_since`) and single
datasets, as Turtle, JSON-LD or RDF/XML. Paging follows ckanext-dcat: a hydra:PagedCollection
with first, next, previous and last page links.

Satu Data fields map to DCAT-AP as documented in docs/satudata.md: frekuensi to
dct:accrualPeriodicity (EU frequency vocabulary), hak_akses to dct:accessRights (EU
access-right vocabulary), periode to dct:temporal, cakupan_wilayah to dct:spatial, tema to
dcat:theme, kode_daftar_data to adms:identifier and kode_standar_data to dct:conformsTo.
"""

from __future__ import annotations

from urllib.parse import urlencode

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from terbuka.satudata.ckan.convert import resource_dict
from terbuka.satudata.models import Dataset

ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
EU_FREQ = "http://publications.europa.eu/resource/authority/frequency/"
EU_ACCESS = "http://publications.europa.eu/resource/authority/access-right/"
EU_FILETYPE = "http://publications.europa.eu/resource/authority/file-type/"

FREQUENCY = {
    "harian": "DAILY", "mingguan": "WEEKLY", "bulanan": "MONTHLY", "triwulanan": "QUARTERLY",
    "semesteran": "BIANNUAL", "tahunan": "ANNUAL", "lima_tahunan": "QUINQUENNIAL",
    "tidak_tentu": "IRREG",
}
ACCESS = {"terbuka": "PUBLIC", "terbatas": "RESTRICTED", "tertutup": "NON_PUBLIC"}
FORMATS = {"CSV": "CSV", "XLSX": "XLSX", "XLS": "XLS", "JSON": "JSON", "PDF": "PDF",
           "XML": "XML", "GEOJSON": "GEOJSON", "SHP": "SHP", "ZIP": "ZIP", "ODS": "ODS"}
SERIALISATIONS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json; charset=utf-8"),
    "rdf": ("pretty-xml", "application/rdf+xml; charset=utf-8"),
}


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("adms", ADMS),
                       ("vcard", VCARD), ("spdx", SPDX), ("hydra", HYDRA), ("skos", SKOS),
                       ("locn", LOCN)):
        g.bind(prefix, ns)
    return g


def _lit_date(value):
    return Literal(value.isoformat(), datatype=XSD.date)


def _lit_time(value):
    return Literal(value.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


def add_dataset(g: Graph, dataset: Dataset, *, uri: str, page_url: str, base_url: str,
                request=None) -> URIRef:
    ds = URIRef(uri)
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.identifier, Literal(str(dataset.uuid))))
    g.add((ds, DCTERMS.title, Literal(dataset.title, lang="id")))
    if dataset.notes:
        g.add((ds, DCTERMS.description, Literal(dataset.notes, lang="id")))
    g.add((ds, DCAT.landingPage, URIRef(page_url)))
    g.add((ds, DCTERMS.modified, _lit_time(dataset.metadata_modified)))
    if dataset.published_at:
        g.add((ds, DCTERMS.issued, _lit_time(dataset.published_at)))
    for tag in dataset.tags.all():
        g.add((ds, DCAT.keyword, Literal(tag.name, lang="id")))
    g.add((ds, DCTERMS.language,
           URIRef("http://publications.europa.eu/resource/authority/language/IND")))
    g.add((ds, DCTERMS.accrualPeriodicity, URIRef(EU_FREQ + FREQUENCY[dataset.frekuensi])))
    g.add((ds, DCTERMS.accessRights, URIRef(EU_ACCESS + ACCESS[dataset.hak_akses])))
    if dataset.tema:
        theme = URIRef(f"{base_url}/kode-referensi/urusan#{dataset.tema}")
        g.add((ds, DCAT.theme, theme))
        g.add((theme, SKOS.prefLabel, Literal(dataset.tema, lang="id")))
    if dataset.kode_daftar_data:
        ident = BNode()
        g.add((ds, ADMS.identifier, ident))
        g.add((ident, RDF.type, ADMS.Identifier))
        g.add((ident, SKOS.notation, Literal(dataset.kode_daftar_data)))
    if dataset.kode_standar_data:
        std = BNode()
        g.add((ds, DCTERMS.conformsTo, std))
        g.add((std, RDF.type, DCTERMS.Standard))
        g.add((std, DCTERMS.identifier, Literal(dataset.kode_standar_data)))
    publisher = BNode()
    g.add((ds, DCTERMS.publisher, publisher))
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal(dataset.pemda.name)))
    if dataset.owner_org_id:
        creator = BNode()
        g.add((ds, DCTERMS.creator, creator))
        g.add((creator, RDF.type, FOAF.Organization))
        g.add((creator, FOAF.name, Literal(dataset.owner_org.name)))
        contact = BNode()
        g.add((ds, DCAT.contactPoint, contact))
        g.add((contact, RDF.type, VCARD.Organization))
        g.add((contact, VCARD.fn, Literal(dataset.maintainer or dataset.owner_org.name)))
        email = dataset.maintainer_email or dataset.pemda.contact_email
        if email:
            g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))
    if dataset.periode_awal or dataset.periode_akhir:
        period = BNode()
        g.add((ds, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        if dataset.periode_awal:
            g.add((period, DCAT.startDate, _lit_date(dataset.periode_awal)))
        if dataset.periode_akhir:
            g.add((period, DCAT.endDate, _lit_date(dataset.periode_akhir)))
    regions = list(dataset.cakupan_wilayah.all()) or [dataset.pemda.region]
    for region in regions:
        place = URIRef(f"{base_url}/kode-referensi/wilayah#{region.code}")
        g.add((ds, DCTERMS.spatial, place))
        g.add((place, RDF.type, DCTERMS.Location))
        g.add((place, SKOS.prefLabel, Literal(region.name, lang="id")))
        g.add((place, SKOS.notation, Literal(region.code)))
    licence = URIRef(dataset.license.url) if dataset.license_id and dataset.license.url \
        else None
    for res in dataset.resources.all():
        r = resource_dict(res, request, dataset)
        dist = URIRef(f"{uri}/resource/{r['id']}")
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.identifier, Literal(r["id"])))
        if r["name"]:
            g.add((dist, DCTERMS.title, Literal(r["name"], lang="id")))
        if r["description"]:
            g.add((dist, DCTERMS.description, Literal(r["description"], lang="id")))
        if r["url"]:
            g.add((dist, DCAT.accessURL, URIRef(r["url"])))
            g.add((dist, DCAT.downloadURL, URIRef(r["url"])))
        if r["format"]:
            code = FORMATS.get(r["format"].upper())
            g.add((dist, DCTERMS.format, URIRef(EU_FILETYPE + code) if code
                   else Literal(r["format"])))
        if r["mimetype"]:
            g.add((dist, DCAT.mediaType,
                   URIRef(f"http://www.iana.org/assignments/media-types/{r['mimetype']}")))
        if r["size"] is not None:
            g.add((dist, DCAT.byteSize, Literal(r["size"], datatype=XSD.nonNegativeInteger)))
        if r["hash"] and ":" in r["hash"]:
            algorithm, value = r["hash"].split(":", 1)
            checksum = BNode()
            g.add((dist, SPDX.checksum, checksum))
            g.add((checksum, RDF.type, SPDX.Checksum))
            g.add((checksum, SPDX.checksumValue, Literal(value, datatype=XSD.hexBinary)))
            g.add((checksum, SPDX.algorithm, SPDX[f"checksumAlgorithm_{algorithm}"]))
        if licence is not None:
            g.add((dist, DCTERMS.license, licence))
        if res.last_modified:
            g.add((dist, DCTERMS.modified, _lit_time(res.last_modified)))
    return ds


def catalog_graph(*, datasets, total: int, page: int, page_size: int, catalog_uri: str,
                  title: str, description: str, homepage: str, base_url: str,
                  dataset_uri, page_url, query: dict, request=None) -> Graph:
    """One page of the catalogue. `dataset_uri(d)` and `page_url(d)` give each dataset's
    URIs; `query` holds the parameters the paging links keep (modified_since)."""
    g = new_graph()
    cat = URIRef(catalog_uri)
    g.add((cat, RDF.type, DCAT.Catalog))
    g.add((cat, DCTERMS.title, Literal(title, lang="id")))
    g.add((cat, DCTERMS.description, Literal(description, lang="id")))
    g.add((cat, FOAF.homepage, URIRef(homepage)))
    g.add((cat, DCTERMS.language,
           URIRef("http://publications.europa.eu/resource/authority/language/IND")))
    latest = None
    for d in datasets:
        ds = add_dataset(g, d, uri=dataset_uri(d), page_url=page_url(d), base_url=base_url,
                         request=request)
        g.add((cat, DCAT.dataset, ds))
        latest = max(latest, d.metadata_modified) if latest else d.metadata_modified
    if latest:
        g.add((cat, DCTERMS.modified, _lit_time(latest)))
    last = max(1, -(-total // page_size))

    def link(n):
        return URIRef(f"{catalog_uri}?{urlencode({**query, 'page': n})}")

    paging = link(page)
    g.add((paging, RDF.type, HYDRA.PagedCollection))
    g.add((paging, HYDRA.totalItems, Literal(total, datatype=XSD.integer)))
    g.add((paging, HYDRA.itemsPerPage, Literal(page_size, datatype=XSD.integer)))
    g.add((paging, HYDRA.firstPage, Literal(str(link(1)))))
    g.add((paging, HYDRA.lastPage, Literal(str(link(last)))))
    if page < last:
        g.add((paging, HYDRA.nextPage, Literal(str(link(page + 1)))))
    if page > 1:
        g.add((paging, HYDRA.previousPage, Literal(str(link(page - 1)))))
    g.add((cat, RDFS.seeAlso, paging))
    return g


def serialise(g: Graph, fmt: str) -> tuple[bytes, str]:
    name, content_type = SERIALISATIONS[fmt]
    data = g.serialize(format=name, auto_compact=True) if name == "json-ld" else \
        g.serialize(format=name)
    return (data.encode("utf-8") if isinstance(data, str) else data), content_type
