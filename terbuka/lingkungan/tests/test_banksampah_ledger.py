"""Deposits, withdrawals, sales and cash: what they do to balances, and what they refuse."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_user
from terbuka.lingkungan import selectors, services
from terbuka.lingkungan.models import Nasabah, Posting, Stock, Transaksi, Unit

from .conftest import TODAY


def _balance(n):
    return Nasabah.objects.get(pk=n.pk).balance


def _stock(unit, wt):
    return Stock.objects.get(unit=unit, waste_type=wt).weight_kg


def test_deposit_buys_each_type_at_the_days_price_into_savings(unit, nasabah, types, pengelola):
    trx = services.deposit_record(actor=pengelola, nasabah=nasabah, lines=[
        (types["pet"], "1.250"), (types["kaleng"].pk, "0.333")])
    assert trx.amount == Decimal(3750 + 2664)  # 0.333 × 8000 = 2664
    assert [(ln.waste_type.code, ln.price_per_kg) for ln in trx.lines.all()] == [
        ("pet", 3000), ("kaleng", 8000)]
    assert _balance(nasabah) == Decimal(6414)
    assert _stock(unit, types["pet"]) == Decimal("1.250")
    posting = Posting.objects.get(transaksi=trx)
    assert (posting.debit, posting.credit, posting.nasabah_id) == (
        "pembelian", "tabungan", nasabah.pk)
    assert AuditEvent.objects.filter(action="lingkungan.setoran.create",
                                     object_id=str(trx.pk)).exists()
    assert selectors.ledger_verify(unit) == []


@pytest.mark.parametrize("weight,message", [
    ("-2", "negative"), ("0", "more than zero"), ("1.0005", "decimal places"),
    ("dua", "not a number"),
])
def test_bad_weights_are_refused_and_nothing_is_recorded(nasabah, types, weight, message):
    with pytest.raises(ValidationError) as err:
        services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], weight)])
    assert message in str(err.value.message_dict["lines.0.weight_kg"])
    assert not Transaksi.objects.exists() and _balance(nasabah) == 0


def test_deposit_without_a_price_or_in_the_future_is_refused(banggai, nasabah, types):
    plastik = services.waste_type_create(actor=None, pemda=banggai, code="kresek",
                                         name="Kantong plastik", category="plastik")
    with pytest.raises(ValidationError) as err:
        services.deposit_record(actor=None, nasabah=nasabah, lines=[(plastik, "1")])
    assert "no buying price for Kantong plastik" in str(err.value)
    with pytest.raises(ValidationError) as err:
        services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "1")],
                                date=TODAY() + datetime.timedelta(days=1))
    assert "in the future" in str(err.value.message_dict["date"])
    with pytest.raises(ValidationError) as err:
        services.deposit_record(actor=None, nasabah=nasabah,
                                lines=[(types["pet"], "1"), (types["pet"], "2")])
    assert "listed twice" in str(err.value)
    assert not Transaksi.objects.exists()


def test_withdrawal_never_exceeds_the_balance_or_the_cash(unit, nasabah, types):
    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["kaleng"], "2")])
    with pytest.raises(ValidationError) as err:  # 16,000 saved but no cash in the unit yet
        services.withdrawal_record(actor=None, nasabah=nasabah, amount="10000")
    assert "only Rp 0 in cash" in str(err.value.message_dict["amount"])
    services.cash_record(actor=None, unit=unit, direction="in", amount="50000",
                         note="Modal awal dari DLH")
    with pytest.raises(ValidationError) as err:
        services.withdrawal_record(actor=None, nasabah=nasabah, amount="16001")
    assert "more than the savings balance" in str(err.value.message_dict["amount"])
    services.withdrawal_record(actor=None, nasabah=nasabah, amount="16000")
    assert _balance(nasabah) == 0
    assert Unit.objects.get(pk=unit.pk).cash_balance == Decimal(34000)
    with pytest.raises(ValidationError):
        services.withdrawal_record(actor=None, nasabah=nasabah, amount="1")
    for bad in ("-5", "0", "12.5"):
        with pytest.raises(ValidationError):
            services.withdrawal_record(actor=None, nasabah=nasabah, amount=bad)
    assert selectors.ledger_verify(unit) == []


def test_the_database_refuses_a_negative_balance_even_past_the_service(nasabah):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Nasabah.objects.filter(pk=nasabah.pk).update(balance=-1)


def test_sale_comes_out_of_stock_into_cash(unit, nasabah, types):
    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["kardus"], "10")])
    with pytest.raises(ValidationError) as err:
        services.sale_record(actor=None, unit=unit, buyer_name="CV Daur Ulang Luwuk",
                             buyer_kind="pengepul", lines=[(types["kardus"], "10.001", "2000")])
    assert "Only 10.000 kg of Kardus is in stock" in str(err.value)
    with pytest.raises(ValidationError):
        services.sale_record(actor=None, unit=unit, buyer_name="CV Daur Ulang Luwuk",
                             buyer_kind="pengepul", lines=[(types["pet"], "1", "2000")])
    trx = services.sale_record(actor=None, unit=unit, buyer_name="CV Daur Ulang Luwuk",
                               buyer_kind="pengepul", lines=[(types["kardus"], "7.5", "2000")])
    assert trx.amount == 15000
    assert _stock(unit, types["kardus"]) == Decimal("2.500")
    assert Unit.objects.get(pk=unit.pk).cash_balance == 15000
    assert selectors.ledger_verify(unit) == []


def test_cash_book_runs_from_opening_to_closing(unit, nasabah, types):
    services.cash_record(actor=None, unit=unit, direction="in", amount="20000", note="Hibah",
                         date=TODAY() - datetime.timedelta(days=3))
    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "2")],
                            date=TODAY() - datetime.timedelta(days=2))
    services.withdrawal_record(actor=None, nasabah=nasabah, amount="5000",
                               date=TODAY() - datetime.timedelta(days=1))
    services.cash_record(actor=None, unit=unit, direction="out", amount="2500",
                         note="Beli karung")
    book = selectors.cashbook(unit, TODAY() - datetime.timedelta(days=1), TODAY())
    assert book["opening"] == 20000
    assert [(r["in"], r["out"], r["balance"]) for r in book["rows"]] == [
        (None, 5000, 15000), (None, 2500, 12500)]
    assert book["closing"] == Unit.objects.get(pk=unit.pk).cash_balance == 12500
    with pytest.raises(ValidationError):
        services.cash_record(actor=None, unit=unit, direction="out", amount="99999",
                             note="Terlalu banyak")


def test_ledger_rows_are_append_only(unit, nasabah, types):
    trx = services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "1")])
    with pytest.raises(PermissionError):
        trx.save()
    with pytest.raises(PermissionError):
        Posting.objects.filter(transaksi=trx).update(amount=1)
    with pytest.raises(PermissionError):
        Posting.objects.filter(transaksi=trx).delete()
    from django.db import DatabaseError, connection, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE lingkungan_posting SET amount = 1")


def test_only_staff_in_reach_may_post(banggai, unit, nasabah, types):
    from terbuka.core.models import RoleAssignment

    warga = make_user("warga", role="warga", pemda=banggai)
    with pytest.raises(PermissionDenied):
        services.deposit_record(actor=warga, nasabah=nasabah, lines=[(types["pet"], "1")])
    elsewhere = make_user("other", role="pengelola_lingkungan", pemda=banggai)
    RoleAssignment.objects.filter(user=elsewhere).update(region_id="72.01.09")
    with pytest.raises(PermissionDenied):
        services.deposit_record(actor=elsewhere, nasabah=nasabah, lines=[(types["pet"], "1")])
    here = make_user("here", role="pengelola_lingkungan", pemda=banggai,
                     region=unit.region_id[:8])
    services.deposit_record(actor=here, nasabah=nasabah, lines=[(types["pet"], "1")])
    assert Transaksi.objects.count() == 1
