import datetime

import pytest

from terbuka.core.tests.factories import BANGGAI, KSB, NTB, make_opd, make_pemda, make_user
from terbuka.rencanaaksi import services


@pytest.fixture
def ksb(db):
    return make_pemda("ksb", KSB)


@pytest.fixture
def ntb(db):
    return make_pemda("ntb", NTB, subtree=False)


@pytest.fixture
def banggai(db):
    return make_pemda("banggai", BANGGAI)


@pytest.fixture
def sekretariat(ntb):
    return make_user("sek_ntb", role="sekretariat_ogp", pemda=ntb)


@pytest.fixture
def consortium(ntb, ksb):
    return services.plan_create(
        actor=None, pemda=ntb, members=[ksb], title="Rencana Aksi OGP Lokal NTB-KSB 2021-2023",
        period_start=datetime.date(2021, 8, 1), period_end=datetime.date(2023, 12, 31),
        vision="Pemerintahan terbuka", ogp_values=["civic_participation"])


@pytest.fixture
def single(banggai):
    return services.plan_create(
        actor=None, pemda=banggai, title="Rencana Aksi OGP Lokal Banggai 2021-2024",
        period_start=datetime.date(2021, 7, 1), period_end=datetime.date(2024, 5, 31))


def add_commitment(plan, pemda, title="Komitmen uji", **fields):
    fields.setdefault("start", datetime.date(2021, 9, 1))
    fields.setdefault("end", datetime.date(2023, 6, 30))
    return services.commitment_create(actor=None, plan=plan, pemda=pemda, title=title, **fields)


def two_milestones(start=datetime.date(2021, 9, 1), end=datetime.date(2023, 6, 30),
                   weights=(40, 60)):
    mid = start + (end - start) / 2
    return [
        {"title": "Regulasi disusun", "owner": "Bappeda", "start": start, "end": mid,
         "weight": weights[0]},
        {"title": "Layanan berjalan", "owner": "Diskominfo", "start": mid, "end": end,
         "weight": weights[1]},
    ]


@pytest.fixture
def opd_ntb(ntb):
    return make_opd(ntb, "Dinas Komunikasi, Informatika dan Statistik", acronym="DISKOMINFOTIK")


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages are asserted in English here; pages go through LocaleMiddleware and
    test_messages_indonesian checks the default language."""
    from django.utils import translation

    with translation.override("en"):
        yield
