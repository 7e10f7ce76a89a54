"""The SKDN report from the database equals the hand count of the same children, at each
level, and the identity D = N + T + O + B holds."""

import pytest

from terbuka.posyandu import selectors, services, skdn

from .conftest import month_ago

pytestmark = pytest.mark.django_db


def _child(posyandu, name, months_old, sex="L"):
    return services.person_register(actor=None, posyandu=posyandu, name=name,
                                    birth_date=month_ago(months_old, 1), sex=sex,
                                    mother_name=f"Ibu {name}")


def _weigh(posyandu, child, n_ago, weight, length="75.0"):
    s, _ = services.session_open(actor=None, posyandu=posyandu, held_on=month_ago(n_ago, 3))
    return services.measurement_record(actor=None, session=s, person=child,
                                       measured_on=month_ago(n_ago, 3), weight_kg=weight,
                                       length_cm=length, position="l", confirm_unusual=True)


@pytest.fixture
def month_data(posyandu, other_posyandu):
    a = _child(posyandu, "Ani", 14)
    b = _child(posyandu, "Bayu", 14)
    c = _child(posyandu, "Citra", 14, "P")
    d = _child(posyandu, "Dedi", 14)
    _child(posyandu, "Eka", 14, "P")  # registered, never weighed
    e = _child(other_posyandu, "Fajar", 20)
    _weigh(posyandu, a, 1, "9.0")
    _weigh(posyandu, b, 1, "9.5")
    _weigh(posyandu, d, 2, "9.0")
    _weigh(other_posyandu, e, 1, "10.0", "80.0")
    # this month: Ani +400 g (N), Bayu +100 g (T), Citra new (B), Dedi skipped a month (O),
    # Fajar very low weight and short (T, BGM, stunted)
    ms = [_weigh(posyandu, a, 0, "9.4"), _weigh(posyandu, b, 0, "9.6"),
          _weigh(posyandu, c, 0, "8.0"), _weigh(posyandu, d, 0, "9.5"),
          _weigh(other_posyandu, e, 0, "7.0", "70.0")]
    return ms


def test_posyandu_level_matches_the_hand_count(ksb, posyandu, month_data):
    rows = {r["key"]: r for r in selectors.skdn_table(pemda=ksb, month=month_ago(0, 1),
                                                      level="posyandu")}
    c = rows[posyandu.pk]["counts"]
    assert (c["s"], c["k"], c["d"]) == (5, 5, 4)
    assert (c["n"], c["t"], c["o"], c["b"]) == (1, 1, 1, 1)
    assert c["d"] == c["n"] + c["t"] + c["o"] + c["b"]
    assert rows[posyandu.pk]["report"].problems == []


def test_database_counts_equal_the_pure_counts(ksb, month_data):
    rows = selectors.skdn_table(pemda=ksb, month=month_ago(0, 1), level="kabupaten")
    assert len(rows) == 1
    got = rows[0]["counts"]
    by_hand = skdn.counts_from_children(
        [{"registered": False, "weighed": True, "status": m.growth_status, "two_t": m.two_t,
          "zwei": m.zwei, "zlen": m.zlen, "zwfl": m.zwfl} for m in month_data])
    for key in skdn.COUNT_FIELDS:
        if key not in ("s", "k"):
            assert got[key] == by_hand[key], key
    assert got["s"] == 6 and got["bgm"] == 1 and got["t"] == 2


def test_levels_add_up(ksb, month_data):
    month = month_ago(0, 1)
    totals = {}
    for level in ("posyandu", "desa", "kecamatan", "kabupaten"):
        rows = selectors.skdn_table(pemda=ksb, month=month, level=level)
        totals[level] = skdn.add(r["counts"] for r in rows)
    assert len({tuple(sorted(t.items())) for t in totals.values()}) == 1
    kec = selectors.skdn_table(pemda=ksb, month=month, level="desa", within="52.07.02")
    assert [r["counts"]["d"] for r in kec] == [1]


def test_monthly_counts_stay_equal_to_the_measurements(ksb, posyandu, month_data):
    """The stored monthly counts the report sums equal a direct aggregate of the measurements,
    after entries, a late entry for an earlier month and a whole-month recompute."""
    from terbuka.posyandu import monitoring
    from terbuka.posyandu.models import Measurement, MonthlyCounts

    late = _child(posyandu, "Gita", 10, "P")
    _weigh(posyandu, late, 0, "8.0")
    _weigh(posyandu, late, 1, "7.5")  # synced late: this month's status changes with it
    monitoring.recompute_month(month=month_ago(1, 1), pemda_id=ksb.pk)
    for month in (month_ago(0, 1), month_ago(1, 1), month_ago(2, 1)):
        direct = (Measurement.objects.filter(month=month).values("posyandu_id")
                  .annotate(**monitoring.measure_counts()).order_by("posyandu_id"))
        for row in direct:
            stored = MonthlyCounts.objects.get(posyandu_id=row["posyandu_id"], month=month)
            for field in monitoring.COUNTS:
                assert getattr(stored, field) == row[field], (month, field)
