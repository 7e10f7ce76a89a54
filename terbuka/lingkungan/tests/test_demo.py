"""The demo loader: Banggai's 38 bank sampah with a year of books that balance, 13 parks,
weekly clean-ups and yard-farming households; idempotent."""

import pytest

from terbuka.core.tests.factories import BANGGAI, make_pemda
from terbuka.lingkungan import demo, selectors
from terbuka.lingkungan.models import (
    CleanupEvent,
    Harvest,
    Household,
    Park,
    PeriodClose,
    Transaksi,
    Unit,
)


@pytest.mark.django_db
def test_banggai_demo_has_a_balanced_year_and_loads_once():
    pemda = make_pemda("banggai", BANGGAI)
    counts = demo.load(pemda)
    assert counts["bank_sampah"] == 38 and Unit.objects.filter(pemda=pemda).count() == 38
    assert Park.objects.filter(pemda=pemda).count() == 13
    assert CleanupEvent.objects.filter(pemda=pemda).count() == 52
    assert Household.objects.filter(pemda=pemda, women_headed=True).exists()
    assert Household.objects.filter(pemda=pemda, has_disability=True).exists()
    assert Harvest.objects.exists()
    kinds = set(Transaksi.objects.values_list("kind", flat=True))
    assert kinds == {"setoran", "penarikan", "penjualan", "kas_masuk", "kas_keluar"}
    assert Transaksi.objects.count() > 10_000
    assert PeriodClose.objects.filter(unit__pemda=pemda).exists()
    for unit in Unit.objects.filter(pemda=pemda):
        assert selectors.ledger_verify(unit) == [], unit.name
    assert demo.load(pemda) == {}  # a second run adds nothing
    assert Unit.objects.filter(pemda=pemda).count() == 38
