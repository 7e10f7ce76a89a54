"""N/T/O/B against the KBM table; the same rule one by one and on arrays."""

import numpy as np
import pytest

from terbuka.posyandu import growthstatus as gs


def test_kbm_table_is_the_published_one():
    kbm = gs.kbm_table()
    assert [kbm.for_age_months(m) for m in range(1, 13)] == [
        800, 900, 800, 600, 500, 400, 400, 300, 300, 300, 200, 200]
    assert kbm.for_age_months(59) == 200
    assert kbm.for_age_months(0) is None
    assert "155/2010" in kbm.source


def test_unknown_version_is_an_error():
    with pytest.raises(ValueError):
        gs.kbm_table("nope")


def _status(weight, prev, age_days=2 * 30.4375 + 1, last=True, before=True):
    return gs.status(weight_kg=weight, age_days=age_days, previous_weight_kg=prev,
                     weighed_last_month=last, weighed_before=before)


def test_gain_at_kbm_is_naik_below_is_tidak_naik():
    # 2 completed months: KBM 900 g
    assert _status(5.9, 5.0) == "N"
    assert _status(5.89, 5.0) == "T"
    assert _status(4.8, 5.0) == "T"  # a loss


def test_o_and_b():
    assert _status(5.0, None, last=False) == "O"
    assert _status(5.0, None, last=False, before=False) == "B"


def test_two_t_needs_two_consecutive_t():
    assert gs.is_two_t("T", "T") and not gs.is_two_t("T", "N") and not gs.is_two_t("N", "T")


def test_bgm_is_below_minus_three():
    assert gs.is_bgm(-3.01) and not gs.is_bgm(-3.0) and not gs.is_bgm(None)


def test_arrays_agree_with_one_by_one():
    rng = np.random.default_rng(1)
    n = 500
    age = rng.uniform(20, 1800, n)
    prev = np.where(rng.random(n) < 0.2, np.nan, rng.uniform(3, 18, n).round(2))
    weight = (np.nan_to_num(prev, nan=10) + rng.normal(0.3, 0.4, n)).round(2)
    before = rng.random(n) < 0.9
    got = gs.statuses(weight, age, prev, before)
    for i in range(n):
        p = None if np.isnan(prev[i]) else float(prev[i])
        assert got[i] == gs.status(weight_kg=float(weight[i]), age_days=float(age[i]),
                                   previous_weight_kg=p, weighed_last_month=p is not None,
                                   weighed_before=bool(before[i])), i
