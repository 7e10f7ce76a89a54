"""Every measurement gets z-scores, classes, N/T/O/B, 2T, BGM and alerts at once; the
monthly recompute gives the same results as one by one."""

import pytest

from terbuka.growth import compute_one
from terbuka.posyandu import monitoring, services
from terbuka.posyandu.models import Alert, Measurement

from .conftest import month_ago

pytestmark = pytest.mark.django_db


def _weigh(posyandu, child, n_ago, weight, length=None):
    session, _ = services.session_open(actor=None, posyandu=posyandu, held_on=month_ago(n_ago, 5))
    data = {"weight_kg": weight, "measured_on": month_ago(n_ago, 5)}
    if length:
        data.update(length_cm=length, position="l")
    return services.measurement_record(actor=None, session=session, person=child,
                                       confirm_unusual=True, **data)


def test_zscores_and_classes_are_the_growth_engines(posyandu, child):
    m = _weigh(posyandu, child, 0, "9.0", "76.0")
    expected = compute_one(sex="P", age_days=m.age_days, weight=9.0, lenhei=76.0, measure="l",
                           oedema="n")
    assert (m.zwei, m.zlen, m.zwfl) == (expected["zwei"], expected["zlen"], expected["zwfl"])
    assert m.kategori_bb_u == expected["kategori_bb_u"]
    assert m.growth_status == "B"


def test_status_sequence_b_n_t_2t_o(posyandu, child):
    statuses = [_weigh(posyandu, child, 5, "7.5").growth_status,
                _weigh(posyandu, child, 4, "7.8").growth_status,   # +300 g >= 200: N
                _weigh(posyandu, child, 3, "7.9").growth_status,   # +100 g: T
                _weigh(posyandu, child, 2, "7.9").growth_status]   # 0 g: T, 2T
    assert statuses == ["B", "N", "T", "T"]
    assert Measurement.objects.get(person=child, month=month_ago(2, 1)).two_t
    assert Alert.objects.filter(person=child, kind="2t").count() == 1
    assert _weigh(posyandu, child, 0, "8.3").growth_status == "O"  # skipped a month


def test_late_sync_of_an_earlier_month_updates_the_next(posyandu, child):
    later = _weigh(posyandu, child, 1, "8.0")
    assert later.growth_status == "B"
    _weigh(posyandu, child, 2, "7.95")
    later.refresh_from_db()
    assert later.growth_status == "T"  # 50 g < KBM 200 g


def test_bgm_gizi_buruk_and_stunting_alerts(posyandu, child):
    m = _weigh(posyandu, child, 0, "5.5", "66.0")
    assert m.bgm and m.zwei < -3
    kinds = set(Alert.objects.filter(measurement=m).values_list("kind", flat=True))
    assert {"bgm", "stunting"} <= kinds
    assert ("gizi_buruk" in kinds) == (m.zwfl < -3)


def test_referral_and_follow_up(posyandu, child, kader, nakes, puskesmas):
    m = _weigh(posyandu, child, 0, "5.5", "66.0")
    alert = Alert.objects.get(measurement=m, kind="bgm")
    services.alert_refer(actor=kader, alert=alert)
    alert.refresh_from_db()
    assert alert.status == "referred" and alert.referred_to == puskesmas
    services.alert_follow_up(actor=nakes, alert=alert, note="PMT pemulihan 90 hari",
                             status="followed_up")
    assert [f.status for f in alert.follow_ups.all()] == ["referred", "followed_up"]


def test_recompute_month_equals_one_by_one(posyandu, child):
    for n, w in ((3, "7.5"), (2, "7.6"), (1, "7.9")):
        _weigh(posyandu, child, n, w, "70.0")
    before = {f: getattr(Measurement.objects.get(month=month_ago(1, 1)), f)
              for f in monitoring.STORED}
    Measurement.objects.filter(month=month_ago(1, 1)).update(zwei=None, growth_status="",
                                                              zlen=None, kategori_bb_u="")
    assert monitoring.recompute_month(month=month_ago(1, 1), pemda_id=posyandu.pemda_id) == 1
    after = {f: getattr(Measurement.objects.get(month=month_ago(1, 1)), f)
             for f in monitoring.STORED}
    assert after == before
