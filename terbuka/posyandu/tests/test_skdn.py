"""The SKDN arithmetic on hand-checked cases, without the database."""

import pytest

from terbuka.posyandu import skdn


def test_wilson_interval_matches_the_textbook_value():
    low, high = skdn.wilson(10, 100)
    assert low == pytest.approx(0.0552, abs=5e-5)
    assert high == pytest.approx(0.1744, abs=5e-5)
    low, high = skdn.wilson(0, 20)
    assert low == 0.0 and high == pytest.approx(0.1611, abs=5e-5)


CHILDREN = [
    # registered, kms, weighed, status, 2T, zwei, zlen, zwfl
    dict(has_kms=True, weighed=True, status="N", zwei=-0.5, zlen=-2.5, zwfl=0.1),
    dict(has_kms=True, weighed=True, status="T", two_t=True, zwei=-3.2, zlen=-3.1, zwfl=-3.4),
    dict(has_kms=True, weighed=True, status="T", zwei=-1.0, zlen=-1.0, zwfl=2.5),
    dict(has_kms=False, weighed=True, status="O", zwei=0.2, zlen=None, zwfl=None),
    dict(has_kms=True, weighed=True, status="B", zwei=-2.1, zlen=-1.9, zwfl=-2.2),
    dict(has_kms=True, weighed=False),
    dict(has_kms=False, weighed=False),
]


def test_counts_of_a_hand_checked_month():
    c = skdn.counts_from_children(CHILDREN)
    assert (c["s"], c["k"], c["d"]) == (7, 5, 5)
    assert (c["n"], c["t"], c["o"], c["b"], c["t2"], c["bgm"]) == (1, 2, 1, 1, 1, 1)
    assert (c["len_base"], c["stunted"]) == (4, 2)
    assert (c["wfl_base"], c["wasted"], c["overweight"]) == (4, 2, 1)
    assert (c["wei_base"], c["underweight"]) == (5, 2)
    r = skdn.report(c)
    assert r.problems == []
    assert r.d_s.value == pytest.approx(5 / 7)
    assert r.n_d.value == pytest.approx(1 / 5)
    assert r.k_s.value == pytest.approx(5 / 7)
    assert r.bgm_d.value == pytest.approx(1 / 5)
    assert r.stunting.value == 0.5
    assert r.stunting.low is None  # base of 4: no interval


def test_identity_d_equals_n_t_o_b():
    c = skdn.counts_from_children(CHILDREN)
    assert c["d"] == c["n"] + c["t"] + c["o"] + c["b"]
    broken = dict(c, n=c["n"] + 1)
    assert skdn.check(broken) == ["D (5) != N + T + O + B (6)"]


def test_interval_given_when_the_base_allows():
    r = skdn.report({"len_base": 100, "stunted": 10})
    assert r.stunting.percent == 10.0
    assert (round(r.stunting.low, 4), round(r.stunting.high, 4)) == (0.0552, 0.1744)


def test_empty_base_gives_none():
    r = skdn.report({})
    assert r.d_s.value is None and r.stunting.value is None and r.problems == []


def test_add_sums_levels():
    total = skdn.add([{"s": 3, "d": 2, "n": 2}, {"s": 4, "d": 1, "b": 1}])
    assert (total["s"], total["d"], total["n"], total["b"]) == (7, 3, 2, 1)
