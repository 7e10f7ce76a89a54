import pytest

from terbuka.core.tests.factories import make_opd, make_pemda, make_user


@pytest.fixture
def ksb(db):
    return make_pemda("ksb", "52.07")


@pytest.fixture
def dikes(ksb):
    return make_opd(ksb, "Dinas Kesehatan", acronym="DIKES")


@pytest.fixture
def produsen(dikes):
    return make_user("produsen", role="produsen_data", opd=dikes, email="produsen@ksb.example")


@pytest.fixture
def walidata(ksb):
    return make_user("walidata", role="walidata", pemda=ksb, email="walidata@ksb.example")


@pytest.fixture
def pembina(ksb):
    return make_user("pembina", role="pembina_data", pemda=ksb, email="bps@ksb.example")


@pytest.fixture(autouse=True)
def _licences(request):
    """Transactional tests flush the tables, and with them the licences the migration seeded;
    put them back for every test that uses the database."""
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    if (marker and marker.kwargs.get("transaction")) or "live_server" in names \
            or "transactional_db" in names:
        request.getfixturevalue("transactional_db")
    elif marker or "db" in names:
        request.getfixturevalue("db")
    else:
        return
    from terbuka.satudata.licences import ensure_licences

    ensure_licences()
