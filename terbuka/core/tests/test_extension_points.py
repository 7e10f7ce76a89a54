"""The three ways modules reach each other through core: referrals, indicators, publishing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from terbuka.core import indicators, publishing, referrals, selectors, services
from terbuka.core.models import AuditEvent, Referral, ReferralStatus
from terbuka.core.tests.factories import KSB, make_pemda, make_user


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def receiver():
    """A receiving module registered for the test only."""
    opened = []

    def handler(referral):
        opened.append(referral.pk)
        return f"CASE-{referral.pk}"

    kind = referrals.register(referrals.ReferralKind(
        key="testrecv.case", module="testrecv", label="test case", handler=handler))
    yield opened
    referrals._kinds.pop(kind.key)


@pytest.mark.django_db
def test_referral_goes_to_the_receiver_and_its_outcome_comes_back(receiver):
    ksb = make_pemda("ksb", KSB)
    kader = make_user("kader")
    referral = services.referral_create(
        actor=kader, pemda=ksb, kind="testrecv.case", source_module="posyandu",
        source_ref="77", summary="Anak putus sekolah")
    assert receiver == [referral.pk] and referral.target_ref == f"CASE-{referral.pk}"
    # Referring the same case again is the same referral, and the handler is not called again.
    again = services.referral_create(
        actor=kader, pemda=ksb, kind="testrecv.case", source_module="posyandu",
        source_ref="77", summary="Anak putus sekolah")
    assert again.pk == referral.pk and len(receiver) == 1

    update = services.referral_update
    update(actor=None, referral=referral, status="ditangani", note="Dikunjungi")
    update(actor=None, referral=referral, status="selesai", note="Kembali sekolah")
    seen = selectors.referrals_from(source_module="posyandu", source_ref="77").get()
    assert seen.status == ReferralStatus.DONE and seen.note == "Kembali sekolah"
    assert [e.status for e in seen.events.all()] == ["dikirim", "ditangani", "selesai"]
    assert AuditEvent.objects.filter(action__startswith="core.referral").count() == 3
    with pytest.raises(ValidationError) as err:
        services.referral_update(actor=None, referral=referral, status="ditangani")
    assert "already closed" in str(err.value)


@pytest.mark.django_db
def test_referral_to_a_kind_nobody_receives_or_a_module_switched_off(receiver):
    ksb = make_pemda("ksb", KSB, modules=["posyandu"])
    for kind in ("nobody.case", "testrecv.case"):
        with pytest.raises(ValidationError) as err:
            services.referral_create(actor=None, pemda=ksb, kind=kind, source_module="posyandu",
                                     source_ref="1", summary="x")
        assert err.value.message_dict["kind"]
    assert not Referral.objects.exists()


@pytest.mark.django_db
def test_a_failing_receiver_leaves_no_half_made_referral():
    def broken(referral):
        raise ValidationError({"summary": ["receiver refused"]})

    referrals.register(referrals.ReferralKind("broken.case", "broken", "x", broken))
    try:
        ksb = make_pemda("ksb", KSB)
        with pytest.raises(ValidationError):
            services.referral_create(actor=None, pemda=ksb, kind="broken.case",
                                     source_module="aduan", source_ref="9", summary="x")
        assert not Referral.objects.exists()
    finally:
        referrals._kinds.pop("broken.case")


@pytest.mark.django_db
def test_indicator_values_follow_the_module_switch():
    calls = []

    def compute(pemda, start, end):
        calls.append((start, end))
        return 87.5

    indicators.register(indicators.Indicator(
        key="testind.rate", module="testind", label="rate", unit="%", compute=compute))
    try:
        on = make_pemda("ksb", KSB)
        off = make_pemda("ntb", "52", subtree=False, modules=["aduan"])
        assert indicators.value("testind.rate", on, datetime.date(2026, 1, 1),
                                datetime.date(2026, 1, 31)) == 87.5
        assert indicators.value("testind.rate", off, datetime.date(2026, 1, 1),
                                datetime.date(2026, 1, 31)) is None
        assert indicators.value("missing.key", on, datetime.date(2026, 1, 1),
                                datetime.date(2026, 1, 31)) is None
        series = indicators.monthly_series("testind.rate", on, [(2024, 2), (2024, 12)])
        assert series == [("2024-02", 87.5), ("2024-12", 87.5)]
        assert calls[-2:] == [(datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
                              (datetime.date(2024, 12, 1), datetime.date(2024, 12, 31))]
        assert "testind.rate" in [i.key for i in indicators.available(on)]
        assert "testind.rate" not in [i.key for i in indicators.available(off)]
    finally:
        indicators._indicators.pop("testind.rate")


def test_indicator_key_must_name_its_module():
    with pytest.raises(ValueError):
        indicators.register(indicators.Indicator("other.x", "mine", "x", "%", lambda *a: 1))


def test_small_counts_are_suppressed_but_zero_and_text_are_not():
    Column = publishing.Column
    columns = [Column("desa", "string"), Column("kasus", "integer", count=True),
               Column("persen", "number")]
    rows = [{"desa": "A", "kasus": 0, "persen": 1.0}, {"desa": "B", "kasus": 1, "persen": 2.0},
            {"desa": "C", "kasus": 4, "persen": 3.0}, {"desa": "D", "kasus": 5, "persen": 4.0}]
    out = publishing.suppress_small_counts(rows, columns)
    assert [r["kasus"] for r in out] == [0, "<5", "<5", 5]
    assert [r["persen"] for r in out] == [1.0, 2.0, 3.0, 4.0]  # not a count: untouched
    assert rows[1]["kasus"] == 1  # the caller's rows are not changed
    with override_settings(PUBLISH_SUPPRESS_BELOW=10):
        assert publishing.suppress_small_counts(rows, columns)[3]["kasus"] == "<10"


def test_unknown_column_type_is_refused():
    with pytest.raises(ValueError):
        publishing.Column("x", "float")


@pytest.mark.django_db
def test_publish_hands_a_suppressed_table_to_the_sink_unless_switched_off():
    received = []
    saved = (publishing._sink, publishing._sink_module)
    publishing.register_sink("testsink", lambda table: received.append(table) or "ds-1")
    try:
        on = make_pemda("ksb", KSB)
        off = make_pemda("ntb", "52", subtree=False, modules=["aduan"])

        def table(pemda):
            return publishing.Table(
                pemda_id=pemda.pk, module="aduan", key="bulanan", title="t", description="d",
                columns=[publishing.Column("n", "integer", count=True)], rows=[{"n": 3}])

        assert publishing.publish(table(on), pemda=on) == "ds-1"
        assert received[0].rows == [{"n": "<5"}]
        assert publishing.publish(table(off), pemda=off) is None
        assert len(received) == 1
    finally:
        publishing._sink, publishing._sink_module = saved
