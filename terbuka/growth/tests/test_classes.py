"""Permenkes 2/2020 categories: labels and which side of each threshold is inclusive."""

import numpy as np
import pytest

from terbuka.growth import classes, compute_one


def classify(column, zs, age_months):
    z = np.array(zs, dtype=float)
    zscores = {name: np.full(len(z), np.nan) for name in ("zwei", "zlen", "zwfl", "zbmi",
                                                          "zbfa")}  # fmt: skip
    index = next(i for i in classes.load().indices if i.column == column)
    zscores[index.zscore] = z
    return classes.classify(zscores, np.full(len(z), float(age_months)))[column].tolist()


def test_bb_u():
    got = classify("kategori_bb_u", [-3.01, -3, -2.01, -2, 1, 1.01], 20)
    assert got == ["Berat badan sangat kurang", "Berat badan kurang", "Berat badan kurang",
                   "Berat badan normal", "Berat badan normal", "Risiko berat badan lebih"]


def test_pb_tb_u():
    got = classify("kategori_pb_tb_u", [-3.01, -3, -2, 3, 3.01], 20)
    assert got == ["Sangat pendek", "Pendek", "Normal", "Normal", "Tinggi"]


@pytest.mark.parametrize("column", ["kategori_bb_pb_tb", "kategori_imt_u_0_60"])
def test_bb_pb_tb_and_imt_u_0_60(column):
    got = classify(column, [-3.01, -3, -2, 1, 1.01, 2, 2.01, 3, 3.01], 20)
    assert got == ["Gizi buruk", "Gizi kurang", "Gizi baik", "Gizi baik",
                   "Berisiko gizi lebih", "Berisiko gizi lebih", "Gizi lebih", "Gizi lebih",
                   "Obesitas"]


def test_imt_u_5_18():
    got = classify("kategori_imt_u_5_18", [-3.01, -3, -2, 1, 1.01, 2, 2.01], 100)
    assert got == ["Gizi buruk", "Gizi kurang", "Gizi baik", "Gizi baik", "Gizi lebih",
                   "Gizi lebih", "Obesitas"]


def test_age_bands():
    assert classify("kategori_imt_u_5_18", [0.0], 216) == ["Gizi baik"]
    assert classify("kategori_imt_u_5_18", [0.0], 217) == [None]
    assert classify("kategori_bb_u", [0.0], 100) == [None]
    assert classify("kategori_bb_pb_tb", [0.0], float("nan")) == ["Gizi baik"]  # no age
    assert classify("kategori_bb_u", [float("nan")], 20) == [None]


def test_engine_fills_categories():
    r = compute_one(sex="P", age_days=400, weight=9.0, lenhei=76.0)
    assert r["kategori_bb_u"] == "Berat badan normal"
    assert r["kategori_imt_u_5_18"] is None


def test_versions_are_data_and_partition_the_axis():
    assert classes.available_versions() == ["permenkes-2-2020"]
    reg = classes.load("permenkes-2-2020")
    assert [i.key for i in reg.indices] == ["bb_u", "pb_tb_u", "bb_pb_tb", "imt_u_0_60",
                                            "imt_u_5_18"]  # fmt: skip
    with pytest.raises(ValueError, match="unknown classification version"):
        classes.load("permenkes-9-2099")
    bad = classes.Index("x", "x", "zwei", 0, 60, True, True, (
        classes.Category("a", "A", None, False, -2, False),
        classes.Category("b", "B", -2, False, None, False),  # -2 belongs to neither
    ))
    with pytest.raises(ValueError, match="do not meet"):
        classes._check_partition(bad)
