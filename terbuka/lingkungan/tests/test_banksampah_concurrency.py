"""Two cashiers withdrawing from the same account at the same moment: the row lock makes the
second see the first's withdrawal, so together they never overdraw. PostgreSQL only (SQLite
has one writer at a time, so there is no race to lose there)."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, connections, transaction
from django.utils import translation

from terbuka.lingkungan import selectors, services
from terbuka.lingkungan.models import Nasabah, Transaksi

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")


def test_concurrent_withdrawals_never_overdraw(unit, nasabah, types):
    _postgres_only()
    services.cash_record(actor=None, unit=unit, direction="in", amount="100000", note="Modal")
    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["kaleng"], "5")])
    assert Nasabah.objects.get(pk=nasabah.pk).balance == 40000
    barrier = threading.Barrier(4)
    outcomes = []

    def withdraw():
        try:
            barrier.wait()
            with translation.override("en"):  # a new thread starts in the default language
                services.withdrawal_record(actor=None, nasabah=nasabah, amount="15000")
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(str(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=withdraw) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 2, outcomes  # 2 × 15,000 fit in 40,000; a third does not
    assert all("more than the savings balance" in o for o in outcomes if o != "ok")
    assert Nasabah.objects.get(pk=nasabah.pk).balance == 10000
    assert Transaksi.objects.filter(kind="penarikan").count() == 2
    assert selectors.ledger_verify(unit) == []


def test_postgresql_refuses_rewriting_or_deleting_postings(unit, nasabah, types):
    _postgres_only()
    services.deposit_record(actor=None, nasabah=nasabah, lines=[(types["pet"], "1")])
    for sql in ("UPDATE lingkungan_posting SET amount = 1",
                "DELETE FROM lingkungan_transaksiline",
                "UPDATE lingkungan_transaksi SET amount = 0"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
                connection.cursor() as cursor:
            cursor.execute(sql)
    assert Nasabah.objects.get(pk=nasabah.pk).balance == Decimal(3000)
