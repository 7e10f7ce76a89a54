"""Missing inputs give missing outputs for the affected indicators only; impossible values
are reported per row with a reason, never a crash and never a silent number."""

import subprocess
import sys

import numpy as np

from terbuka.growth import compute, compute_one


def test_missing_weight_leaves_length_scores():
    r = compute_one(sex=1, age_days=400, lenhei=76.0)
    assert r["zwei"] is None and r["zwfl"] is None and r["zbmi"] is None
    assert r["zlen"] is not None
    assert r["problems"] == []


def test_missing_age_keeps_wfl_only():
    r = compute_one(sex=1, weight=9.0, lenhei=76.0)
    assert r["zwfl"] is not None
    assert r["zwei"] is None and r["zlen"] is None


def test_missing_sex_gives_nothing_and_says_why():
    r = compute_one(sex=None, age_days=400, weight=9.0, lenhei=76.0)
    assert all(r[k] is None for k in ("zwei", "zlen", "zwfl", "zbmi"))
    assert r["problems"] == ["sex missing: no z-score can be computed"]


def test_impossible_values_are_reported_per_row():
    result = compute(
        sex=np.array(["m", "x", "f", "f", "2", "1"], dtype=object),
        age_days=np.array([400, 400, -5, 400, 400, 400], dtype=float),
        weight=np.array([9.0, 9.0, 9.0, -2.0, 9.0, 9.0]),
        lenhei=np.array([76.0, 76.0, 76.0, 76.0, 0.0, 76.0]),
        measure=np.array(["l", "l", "l", "l", "l", "sitting"], dtype=object),
    )
    text = result.problem_text()
    assert text[0] == ""
    assert text[1] == "unknown sex code 'x'" and np.isnan(result["zwei"][1])
    assert "age is negative" in text[2] and np.isnan(result["zwei"][2])
    assert text[3] == "weight must be > 0 (got -2)" and np.isnan(result["zwei"][3])
    assert not np.isnan(result["zlen"][3])  # only the weight-based scores are affected
    assert "length/height must be > 0" in text[4] and np.isnan(result["zlen"][4])
    assert "unknown measuring position 'sitting'" in text[5]
    assert not np.isnan(result["zlen"][5])


def test_age_beyond_the_tables():
    r = compute_one(sex=1, age_months=240, weight=60, lenhei=170)
    assert r["problems"] == ["age 240.0 months is beyond the WHO tables (max 228)"]
    assert all(r[k] is None for k in ("zhfa", "zbfa", "zwfa", "zwei"))


def test_text_numbers_and_garbage():
    r = compute_one(sex="L", age_days="400", weight="9,0", lenhei="76")
    assert r["zwei"] is not None and r["problems"] == []
    r = compute_one(sex="L", age_days=400, weight="sembilan", lenhei=76)
    assert r["zwei"] is None and r["problems"] == ["weight is not a number"]


def test_unknown_oedema_withholds_weight_scores():
    r = compute_one(sex=1, age_days=400, weight=9, lenhei=76, oedema="maybe")
    assert r["zwei"] is None and r["zlen"] is not None
    assert "unknown oedema code 'maybe'" in r["problems"][0]


def test_package_does_not_import_django():
    code = (
        "import sys\n"
        "import terbuka.growth, terbuka.growth.engine, terbuka.growth.who2006,"
        " terbuka.growth.who2007, terbuka.growth.classes, terbuka.growth.cli,"
        " terbuka.growth.tables, terbuka.growth.lms, terbuka.growth.rounding\n"
        "terbuka.growth.compute_one(sex=1, age_days=10, weight=3.5)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not bad, bad\n"
    )
    # A fresh interpreter: this test process may already have Django loaded by pytest-django.
    done = subprocess.run(  # noqa: S603 - fixed code, our own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
