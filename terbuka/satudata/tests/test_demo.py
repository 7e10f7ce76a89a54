"""The demo loader: a realistic catalogue, fast, idempotent, searchable."""

import io

from terbuka.core.tests.factories import make_opd
from terbuka.satudata import selectors
from terbuka.satudata.demo import load_demo
from terbuka.satudata.models import CodeList, Dataset, Status


def test_kabupaten_catalogue_loads_once_and_is_searchable(ksb, dikes):
    make_opd(ksb, "Dinas Sosial", acronym="DINSOS")
    out = io.StringIO()
    first = load_demo(ksb, out)
    assert first["datasets"] == 320
    assert load_demo(ksb, io.StringIO())["datasets"] == 0  # idempotent
    assert Dataset.objects.filter(pemda=ksb).count() == 320
    assert Dataset.objects.filter(status=Status.DIAJUKAN).exists()
    result = selectors.catalog_search(pemda=ksb, q="kemiskinan", facet_fields=("organization",))
    assert result.count > 0
    assert all("miskin" in d.search_text for d in result.datasets)
    assert ("ksb-dinsos", "Dinas Sosial") in {(v, label) for v, label, _n in
                                               result.facets["organization"]}
    assert CodeList.objects.filter(pemda=ksb, key="wilayah-desa").exists()
