"""Both programmes publish to Satu Data through core.publishing; the indicator reads tonnes."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from terbuka.core import indicators, publishing
from terbuka.lingkungan import services

from .conftest import TODAY


@pytest.fixture
def sink():
    received = []
    saved = (publishing._sink, publishing._sink_module)
    publishing.register_sink("satudata", lambda table: received.append(table) or
                             f"ds-{table.key}")
    yield received
    publishing._sink, publishing._sink_module = saved


def test_tonnage_and_yard_farming_tables_reach_the_catalog(banggai, unit, nasabah, types,
                                                           desa, sink):
    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "12.5")])
    services.sale_record(actor=None, unit=unit, buyer_name="Pengepul", buyer_kind="pengepul",
                         lines=[(types["pet"], "10", "3500")])
    for i in range(6):
        services.household_register(actor=None, pemda=banggai, region_code=desa,
                                    head_name=f"KK {i}", joined=TODAY(), women_headed=i < 2)
    out = services.tables_publish(actor=None, pemda=banggai)
    assert out == {"bank-sampah-tonase": "ds-bank-sampah-tonase",
                   "pekarangan-desa": "ds-pekarangan-desa"}
    tonnage, yards = sink
    assert tonnage.rows == [{"bulan": TODAY().strftime("%Y-%m"), "kode_desa": unit.region_id,
                             "kategori": "plastik", "disetor_kg": 12.5, "dijual_kg": 10.0,
                             "bank_sampah": 1}]
    (row,) = yards.rows
    assert row["rumah_tangga"] == 6
    assert row["dikepalai_perempuan"] == "<5"  # small counts suppressed on the way out
    assert "KK 0" not in str(yards.rows)


def test_publish_command_and_an_empty_year(banggai, unit, nasabah, types, sink):
    from io import StringIO

    stdout = StringIO()
    call_command("lingkungan_publish", "banggai", "--year", "2001", stdout=stdout)
    assert "banggai bank-sampah-tonase: nothing to publish or no catalog" in stdout.getvalue()
    assert sink == []
    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "1")])
    call_command("lingkungan_publish", "banggai", stdout=stdout)
    assert "banggai bank-sampah-tonase: ds-bank-sampah-tonase" in stdout.getvalue()
    assert [t.key for t in sink] == ["bank-sampah-tonase"]


def test_tonnage_reduced_indicator_counts_deposits_in_tonnes(banggai, unit, nasabah, types):
    assert indicators.value("lingkungan.tonnage_reduced", banggai, TODAY(), TODAY()) == 0.0
    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["kardus"], "1500")])
    assert indicators.value("lingkungan.tonnage_reduced", banggai, TODAY(), TODAY()) == 1.5
    earlier = TODAY() - datetime.timedelta(days=400)
    assert indicators.value("lingkungan.tonnage_reduced", banggai, earlier, earlier) == 0.0
    assert Decimal("1.5") == Decimal(str(indicators.value(
        "lingkungan.tonnage_reduced", banggai, TODAY(), TODAY())))


def test_verify_command_reports_agreement(banggai, unit, nasabah, types):
    from io import StringIO

    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "1")])
    stdout = StringIO()
    call_command("lingkungan_verify", stdout=stdout)
    assert "every balance agrees" in stdout.getvalue()
