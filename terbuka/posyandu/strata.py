"""Strata of a posyandu from its year's records, without Django.

The thresholds are a versioned table (`data/strata-<version>.json`); a new regulation is a new
file, and each computed stratum records the version it used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
DEFAULT_VERSION = "kemenkes-2011"
PRATAMA, MADYA, PURNAMA, MANDIRI = "pratama", "madya", "purnama", "mandiri"
ORDER = (PRATAMA, MADYA, PURNAMA, MANDIRI)


@dataclass(frozen=True)
class Thresholds:
    version: str
    source: str
    min_sessions_per_year: int
    min_active_kader: int
    min_main_coverage: float
    min_additional_programmes: int
    min_dana_sehat_share: float


@dataclass(frozen=True)
class Inputs:
    sessions_per_year: int
    active_kader: int
    main_coverage: float  # 0..1, mean coverage of the main programmes recorded
    additional_programmes: int
    dana_sehat_share: float  # 0..1, households in dana sehat


@cache
def thresholds(version: str = DEFAULT_VERSION) -> Thresholds:
    path = DATA / f"strata-{version}.json"
    if not path.exists():
        raise ValueError(f"unknown strata table version {version!r}")
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Thresholds(**{k: raw[k] for k in Thresholds.__dataclass_fields__})


def stratum(inputs: Inputs, table: Thresholds | None = None) -> tuple[str, list[str]]:
    """The stratum and, for the next one up, what is missing (codes for the page to word)."""
    t = table or thresholds()
    missing: list[str] = []
    if inputs.sessions_per_year < t.min_sessions_per_year:
        missing.append("sessions")
    if inputs.active_kader < t.min_active_kader:
        missing.append("kader")
    if missing:
        return PRATAMA, missing
    if inputs.main_coverage < t.min_main_coverage:
        return MADYA, ["coverage"]
    if inputs.additional_programmes < t.min_additional_programmes:
        return MADYA, ["additional"]
    if inputs.dana_sehat_share < t.min_dana_sehat_share:
        return PURNAMA, ["dana_sehat"]
    return MANDIRI, []
