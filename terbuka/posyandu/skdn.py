"""The SKDN report from counts, without Django.

S  balita registered in the posyandu area        K  of them, with a KMS (or Buku KIA)
D  weighed this month                            N  weighed, gain >= KBM
T  weighed, gain < KBM                           2T T this month and last month
O  weighed, not weighed last month               B  weighed for the first time
BGM weighed, weight-for-age below -3 SD (the KMS red line)

Every weighed child has exactly one of N, T, O, B, so D = N + T + O + B (`check`).
Prevalences use the children measured this month with a valid z-score as the base:
stunting zlen < -2, wasting zwfl < -2, underweight zwei < -2, overweight zwfl > +2.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

Z95 = 1.959963984540054
# Below this base an interval says little more than "anything"; it is left out.
MIN_BASE_FOR_CI = 10

COUNT_FIELDS = ("s", "k", "d", "n", "t", "t2", "o", "b", "bgm",
                "len_base", "stunted", "wfl_base", "wasted", "wei_base", "underweight",
                "overweight")


@dataclass(frozen=True)
class Proportion:
    numerator: int
    base: int
    value: float | None  # as a fraction, None when the base is 0
    low: float | None = None
    high: float | None = None

    @property
    def percent(self) -> float | None:
        return None if self.value is None else round(100 * self.value, 1)

    @property
    def low_percent(self) -> float | None:
        return None if self.low is None else round(100 * self.low, 1)

    @property
    def high_percent(self) -> float | None:
        return None if self.high is None else round(100 * self.high, 1)


@dataclass(frozen=True)
class Skdn:
    counts: dict[str, int]
    d_s: Proportion
    n_d: Proportion
    k_s: Proportion
    bgm_d: Proportion
    stunting: Proportion
    wasting: Proportion
    underweight: Proportion
    overweight: Proportion
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion."""
    if n <= 0:
        raise ValueError("n must be positive")
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def proportion(numerator: int, base: int, *, with_ci: bool = False) -> Proportion:
    if base <= 0:
        return Proportion(numerator, base, None)
    value = numerator / base
    if with_ci and base >= MIN_BASE_FOR_CI:
        low, high = wilson(numerator, base)
        return Proportion(numerator, base, value, low, high)
    return Proportion(numerator, base, value)


def check(counts: Mapping[str, int]) -> list[str]:
    """Contradictions in the counts (each would mean a bug or a bad import)."""
    c = {k: int(counts.get(k) or 0) for k in COUNT_FIELDS}
    problems = []
    if c["d"] != c["n"] + c["t"] + c["o"] + c["b"]:
        problems.append(f"D ({c['d']}) != N + T + O + B ({c['n'] + c['t'] + c['o'] + c['b']})")
    if c["t2"] > c["t"]:
        problems.append(f"2T ({c['t2']}) > T ({c['t']})")
    if c["bgm"] > c["d"]:
        problems.append(f"BGM ({c['bgm']}) > D ({c['d']})")
    if c["k"] > c["s"]:
        problems.append(f"K ({c['k']}) > S ({c['s']})")
    return problems


def report(counts: Mapping[str, int]) -> Skdn:
    c = {k: int(counts.get(k) or 0) for k in COUNT_FIELDS}
    return Skdn(
        counts=c,
        d_s=proportion(c["d"], c["s"]),
        n_d=proportion(c["n"], c["d"]),
        k_s=proportion(c["k"], c["s"]),
        bgm_d=proportion(c["bgm"], c["d"]),
        stunting=proportion(c["stunted"], c["len_base"], with_ci=True),
        wasting=proportion(c["wasted"], c["wfl_base"], with_ci=True),
        underweight=proportion(c["underweight"], c["wei_base"], with_ci=True),
        overweight=proportion(c["overweight"], c["wfl_base"], with_ci=True),
        problems=check(c),
    )


def add(rows: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Sum count rows (posyandu into desa, desa into kecamatan ...)."""
    total = dict.fromkeys(COUNT_FIELDS, 0)
    for row in rows:
        for k in COUNT_FIELDS:
            total[k] += int(row.get(k) or 0)
    return total


def counts_from_children(children: Iterable[Mapping]) -> dict[str, int]:
    """Counts from per-child records of one month (the hand-checkable path): each record has
    `registered`, `has_kms`, `weighed`, `status` (N/T/O/B), `two_t`, `zwei`, `zlen`, `zwfl`."""
    c = dict.fromkeys(COUNT_FIELDS, 0)
    for ch in children:
        if ch.get("registered", True):
            c["s"] += 1
            c["k"] += bool(ch.get("has_kms"))
        if not ch.get("weighed"):
            continue
        c["d"] += 1
        c[{"N": "n", "T": "t", "O": "o", "B": "b"}[ch["status"]]] += 1
        c["t2"] += bool(ch.get("two_t"))
        for name, base, low_key, low in (("zwei", "wei_base", "underweight", -2),
                                         ("zlen", "len_base", "stunted", -2),
                                         ("zwfl", "wfl_base", "wasted", -2)):
            z = ch.get(name)
            if z is None:
                continue
            c[base] += 1
            c[low_key] += z < low
            if name == "zwfl":
                c["overweight"] += z > 2
            if name == "zwei":
                c["bgm"] += z < -3
    return c
