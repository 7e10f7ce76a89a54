"""Nutritional-status categories from a versioned regulation table (Permenkes 2/2020 today).

The thresholds and labels live in ``data/classes-<version>.json``; when the Ministry of
Health issues a new regulation, add a new file and pass its version, leaving this code alone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

DEFAULT_VERSION = "permenkes-2-2020"


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    lower: float | None
    lower_inclusive: bool
    upper: float | None
    upper_inclusive: bool

    def contains(self, z: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            hit = np.isfinite(z)
            if self.lower is not None:
                hit &= (z >= self.lower) if self.lower_inclusive else (z > self.lower)
            if self.upper is not None:
                hit &= (z <= self.upper) if self.upper_inclusive else (z < self.upper)
        return hit


@dataclass(frozen=True)
class Index:
    key: str
    name: str
    zscore: str
    age_min: float
    age_max: float
    age_max_inclusive: bool
    age_required: bool
    categories: tuple[Category, ...]

    @property
    def column(self) -> str:
        return f"kategori_{self.key}"


@dataclass(frozen=True)
class Regulation:
    version: str
    title: str
    indices: tuple[Index, ...]


def available_versions() -> list[str]:
    names = [p.name for p in resources.files("terbuka.growth.data").iterdir()]
    return sorted(n[len("classes-") : -len(".json")] for n in names if n.startswith("classes-"))


@cache
def load(version: str = DEFAULT_VERSION) -> Regulation:
    if version not in available_versions():
        raise ValueError(f"unknown classification version {version!r}; "
                         f"available: {', '.join(available_versions())}")
    path = resources.files("terbuka.growth.data").joinpath(f"classes-{version}.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    indices = tuple(
        Index(
            key=i["key"],
            name=i["name"],
            zscore=i["zscore"],
            age_min=float(i["age_months"]["min"]),
            age_max=float(i["age_months"]["max"]),
            age_max_inclusive=bool(i["age_months"]["max_inclusive"]),
            age_required=bool(i["age_required"]),
            categories=tuple(
                Category(
                    code=c["code"],
                    label=c["label"],
                    lower=c["lower"],
                    lower_inclusive=c["lower_inclusive"],
                    upper=c["upper"],
                    upper_inclusive=c["upper_inclusive"],
                )
                for c in i["categories"]
            ),
        )
        for i in raw["indices"]
    )
    for index in indices:
        _check_partition(index)
    return Regulation(version=raw["version"], title=raw["title"], indices=indices)


def _category_numbers(categories: tuple[Category, ...], z: np.ndarray) -> np.ndarray:
    """1-based category number per z (0 for NaN), one comparison per boundary.

    Relies on the categories being ordered and contiguous, which ``load`` checks.
    """
    codes = np.ones(z.shape, dtype=np.int8)
    with np.errstate(invalid="ignore"):
        for category in categories[:-1]:
            # Past this category's upper end means belonging to a later one.
            past = z > category.upper if category.upper_inclusive else z >= category.upper
            codes += past
    codes[np.isnan(z)] = 0
    return codes


def _check_partition(index: Index) -> None:
    """Categories must tile the whole z axis in order, with no gap and no overlap."""
    cats = index.categories
    if cats[0].lower is not None or cats[-1].upper is not None:
        raise ValueError(f"{index.key}: the first and last category must be open-ended")
    for below, above in zip(cats, cats[1:], strict=False):
        if below.upper != above.lower or below.upper_inclusive == above.lower_inclusive:
            raise ValueError(f"{index.key}: {below.code} and {above.code} do not meet exactly")


def classify(
    zscores: Mapping[str, np.ndarray], age_months: np.ndarray, version: str = DEFAULT_VERSION
) -> dict[str, np.ndarray]:
    """One object array of labels (None where not classifiable) per index of the regulation."""
    return {
        column: np.array(labels, dtype=object)[codes]
        for column, (codes, labels) in classify_codes(zscores, age_months, version).items()
    }


def classify_codes(
    zscores: Mapping[str, np.ndarray], age_months: np.ndarray, version: str = DEFAULT_VERSION
) -> dict[str, tuple[np.ndarray, tuple[str | None, ...]]]:
    """Per index: int8 codes (0 = not classified) and the labels they point to."""
    regulation = load(version)
    out: dict[str, tuple[np.ndarray, tuple[str | None, ...]]] = {}
    for index in regulation.indices:
        z = np.asarray(zscores[index.zscore], dtype=np.float64)
        with np.errstate(invalid="ignore"):
            upper_ok = (
                age_months <= index.age_max if index.age_max_inclusive
                else age_months < index.age_max
            )
            in_band = (age_months >= index.age_min) & upper_ok
        if not index.age_required:
            in_band |= np.isnan(age_months)
        codes = _category_numbers(index.categories, z)
        codes[~in_band] = 0
        out[index.column] = (codes, (None, *(c.label for c in index.categories)))
    return out
