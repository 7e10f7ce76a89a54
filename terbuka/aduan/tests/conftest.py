import pytest

from terbuka.aduan.demo import ensure_categories
from terbuka.core.models import Role
from terbuka.core.tests.factories import KSB, make_opd, make_pemda, make_user


class World:
    def __init__(self):
        self.pemda = make_pemda("ksb", KSB)
        self.dinkes = make_opd(self.pemda, "Dinas Kesehatan", acronym="Dinkes")
        self.pupr = make_opd(self.pemda, "Dinas PUPR", acronym="DPUPR")
        self.inspektorat = make_opd(self.pemda, "Inspektorat", acronym="Itda",
                                    kind="inspektorat")
        self.categories = {c.slug: c for c in ensure_categories(self.pemda)}
        self.operator = make_user("operator", Role.OPERATOR_ADUAN, pemda=self.pemda)
        self.petugas = make_user("petugas", Role.PETUGAS_OPD, opd=self.dinkes,
                                 email="petugas@dinkes.example")
        self.petugas_pupr = make_user("petugas_pupr", Role.PETUGAS_OPD, opd=self.pupr)
        self.inspektur = make_user("inspektur", Role.INSPEKTORAT, pemda=self.pemda,
                                   opd=self.inspektorat)
        self.pimpinan = make_user("pimpinan", Role.PIMPINAN, pemda=self.pemda)


@pytest.fixture(autouse=True)
def _fresh_memo():
    from terbuka.aduan import memo

    memo.clear()
    yield
    memo.clear()


@pytest.fixture
def world(db):
    return World()


@pytest.fixture
def submit(world):
    from terbuka.aduan import services

    def _submit(**kwargs):
        values = dict(actor=None, pemda=world.pemda, kind="layanan", category="kesehatan",
                      title="Puskesmas tutup", body="Puskesmas Taliwang tutup jam 10 pagi.",
                      channel="web", region_code="52.07.02.2001")
        values.update(kwargs)
        return services.complaint_submit(**values)

    return _submit
