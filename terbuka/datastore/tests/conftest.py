import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from terbuka.core.tests.factories import first_desa, make_opd, make_pemda, make_user
from terbuka.satudata import services as catalog


@pytest.fixture(autouse=True)
def _files(settings, tmp_path):
    settings.DATASTORE_DIR = str(tmp_path / "datastore")
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def ksb(db):
    return make_pemda("ksb", "52.07")


@pytest.fixture
def dikes(ksb):
    return make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")


@pytest.fixture
def dinsos(ksb):
    return make_opd(ksb, "Dinas Sosial", acronym="DINSOS")


@pytest.fixture
def produsen(dikes):
    return make_user("produsen", role="produsen_data", opd=dikes)


@pytest.fixture
def other_produsen(dinsos):
    return make_user("produsen2", role="produsen_data", opd=dinsos)


@pytest.fixture
def walidata(ksb):
    return make_user("walidata", role="walidata", pemda=ksb)


def make_resource(pemda, opd, name="stunting-desa", hak_akses="terbuka"):
    dataset = catalog.dataset_upsert_system(
        pemda=pemda, name=name, title=f"Data {name}", notes="Data per desa", opd=opd,
        resources=[{"name": "tabel", "format": "CSV", "url": "https://example.org/tabel.csv"}],
        hak_akses=hak_akses)
    return dataset.resources.get(name="tabel")


@pytest.fixture
def resource(ksb, dikes):
    return make_resource(ksb, dikes)


@pytest.fixture
def private_resource(ksb, dikes):
    return make_resource(ksb, dikes, name="rahasia", hak_akses="tertutup")


def desa_codes(n=3):
    """Real desa codes of KSB (52.07), first kecamatan first."""
    from terbuka.core.models import Region

    first = first_desa("52.07")
    codes = list(Region.objects.filter(kabupaten_code="52.07", level=4)
                 .order_by("code").values_list("code", flat=True)[:n])
    assert first in codes
    return codes


def upload_file(name, content):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return SimpleUploadedFile(name, content)
