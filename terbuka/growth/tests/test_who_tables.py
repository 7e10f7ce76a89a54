"""The engine against WHO's tables: at every table row SDk gives z = k, and WHO's published
SD values are reproduced from the shipped LMS parameters."""

import numpy as np
import pytest

from terbuka.growth import compute, tables
from terbuka.growth.lms import sd_value

AGE_TABLES = {"wfa": "zwei", "lhfa": "zlen", "hcfa": "zhc", "acfa": "zac", "tsfa": "zts",
              "ssfa": "zss"}  # fmt: skip
MEASURE_ARG = {"wfa": "weight", "lhfa": "lenhei", "hcfa": "headc", "acfa": "armc",
               "tsfa": "triskin", "ssfa": "subskin"}  # fmt: skip


def _rows(name):
    rows = tables.read_rows(name)
    key = next(k for k in rows[0] if k not in ("sex", "l", "m", "s", "loh"))
    cols = {c: np.array([float(r[c]) for r in rows]) for c in ("sex", key, "l", "m", "s")}
    return cols, key


@pytest.mark.parametrize("name", sorted(AGE_TABLES))
@pytest.mark.parametrize("k", [-3, -2, -1, 0, 1, 2, 3])
def test_every_day_row_gives_k_at_sdk(name, k):
    cols, key = _rows(name)
    y = sd_value(float(k), cols["l"], cols["m"], cols["s"])
    # Length at table points is already what the table expects (no position given).
    result = compute(sex=cols["sex"].astype(int), age_days=cols[key], **{MEASURE_ARG[name]: y})
    z = result[AGE_TABLES[name]]
    valid = cols[key] <= 1826
    assert np.all(z[valid] == k)


@pytest.mark.parametrize("k", [-3, -2, 0, 2, 3])
def test_every_bmi_row_gives_k_at_sdk(k):
    cols, key = _rows("bfa")
    bmi = sd_value(float(k), cols["l"], cols["m"], cols["s"])
    height = 80.0  # any height: weight is chosen so that weight / (h/100)^2 is the SDk BMI
    result = compute(sex=cols["sex"].astype(int), age_days=cols[key],
                     weight=bmi * (height / 100) ** 2, lenhei=height)
    assert np.all(np.abs(result["zbmi"] - k) <= 0.01)  # weight*h^2/h^2 may lose an ulp


@pytest.mark.parametrize("name,age", [("wfl", 300.0), ("wfh", 1000.0)])
@pytest.mark.parametrize("k", [-3, -2, 0, 2, 3])
def test_every_length_row_gives_k_at_sdk(name, age, k):
    cols, key = _rows(name)
    y = sd_value(float(k), cols["l"], cols["m"], cols["s"])
    result = compute(sex=cols["sex"].astype(int), age_days=age, weight=y, lenhei=cols[key])
    assert np.all(result["zwfl"] == k)


@pytest.mark.parametrize("name,z_col,arg", [("hfa_2007", "zhfa", "lenhei"),
                                            ("wfa_2007", "zwfa", "weight")])
@pytest.mark.parametrize("k", [-3, -1, 0, 2, 3])
def test_every_2007_month_row_gives_k_at_sdk(name, z_col, arg, k):
    cols, key = _rows(name)
    y = sd_value(float(k), cols["l"], cols["m"], cols["s"])
    result = compute(sex=cols["sex"].astype(int), age_months=cols[key], **{arg: y})
    z = result[z_col]
    valid = cols[key] <= (120 if name == "wfa_2007" else 228)
    assert np.all(z[valid] == k)
    assert np.all(np.isnan(z[~valid]))


# WHO Child Growth Standards, expanded (daily) z-score tables, 3 decimals as published.
EXPANDED = [
    # table, sex, key, SD3neg, SD2neg, SD1neg, SD0, SD1, SD2, SD3
    ("wfa", 1, 0, [2.080, 2.459, 2.881, 3.346, 3.859, 4.419, 5.031]),
    ("wfa", 1, 365, [6.926, 7.741, 8.644, 9.646, 10.755, 11.983, 13.341]),
    ("wfa", 1, 1826, [12.369, 14.067, 16.039, 18.335, 21.018, 24.163, 27.861]),
    ("wfa", 2, 0, [2.033, 2.395, 2.794, 3.232, 3.711, 4.230, 4.793]),
    ("wfa", 2, 730, [8.064, 9.033, 10.159, 11.474, 13.018, 14.841, 17.008]),
    ("lhfa", 1, 0, [44.205, 46.098, 47.991, 49.884, 51.777, 53.670, 55.564]),
    ("lhfa", 1, 731, [77.961, 81.017, 84.074, 87.130, 90.187, 93.243, 96.300]),
    ("lhfa", 2, 500, [70.611, 73.429, 76.246, 79.064, 81.882, 84.700, 87.518]),
    ("wfl", 1, 450, [1.877, 2.043, 2.230, 2.441, 2.680, 2.951, 3.261]),
    ("wfl", 1, 800, [8.227, 8.890, 9.626, 10.448, 11.367, 12.399, 13.561]),
    ("wfh", 2, 1000, [11.747, 12.771, 13.924, 15.225, 16.700, 18.381, 20.305]),
]


@pytest.mark.parametrize("name,sex,key,published", EXPANDED)
def test_published_expanded_sd_values(name, sex, key, published):
    table = tables.load(name)
    l, m, s = table.gather(np.array([sex]), np.array([float(key)]))  # noqa: E741
    for k, value in zip(range(-3, 4), published, strict=True):
        # Published to 3 decimals (WHO rounds half up on the decimal value, e.g. M 10.4475
        # is printed 10.448), so allow half a unit in the last place.
        assert float(sd_value(float(k), l, m, s)[0]) == pytest.approx(value, abs=5e-4 + 1e-9)


def test_published_weight_for_age_boys_birth_simplified_table():
    """The WHO chart (and Permenkes annex) row for boys at birth: 2.1 2.5 2.9 3.3 3.9 4.4 5.0."""
    l, m, s = tables.load("wfa").gather(np.array([1]), np.array([0.0]))  # noqa: E741
    assert float(m[0]) == 3.3464
    got = [round(float(sd_value(float(k), l, m, s)[0]), 1) for k in range(-3, 4)]
    assert got == [2.1, 2.5, 2.9, 3.3, 3.9, 4.4, 5.0]
