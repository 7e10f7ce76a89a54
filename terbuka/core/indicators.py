"""Indicators that modules offer to the rest of the platform.

A module registers, in its AppConfig.ready(), the figures it can compute for a pemda over a
period (share of complaints answered on time, datasets published, SPM coverage …). Other
modules read them only through this registry (rencana aksi shows them beside a commitment),
so no module imports another and an indicator disappears when its module is switched off.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

# compute(pemda, start, end) -> the value over [start, end], both dates inclusive, or None
# when there is nothing to measure in that period.
Compute = Callable[[object, datetime.date, datetime.date], float | None]


@dataclass(frozen=True)
class Indicator:
    key: str  # "<module>.<name>", stable: commitments store it
    module: str
    label: str | Promise
    unit: str | Promise  # "%", "dataset", "hari kerja" …
    compute: Compute
    description: str | Promise = ""
    higher_is_better: bool = True


_indicators: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    if not indicator.key.startswith(f"{indicator.module}."):
        raise ValueError(f"Indicator key {indicator.key!r} must start with its module's name.")
    _indicators[indicator.key] = indicator
    return indicator


def get(key: str) -> Indicator | None:
    return _indicators.get(key)


def available(pemda=None) -> list[Indicator]:
    """Indicators whose module is on for `pemda` (all of them when pemda is None)."""
    return sorted(
        (i for i in _indicators.values() if pemda is None or pemda.uses_module(i.module)),
        key=lambda i: i.key,
    )


def value(key: str, pemda, start: datetime.date, end: datetime.date) -> float | None:
    """The indicator's value, or None when it is unknown, switched off or has no data."""
    indicator = _indicators.get(key)
    if indicator is None or not pemda.uses_module(indicator.module):
        return None
    return indicator.compute(pemda, start, end)


def monthly_series(
    key: str, pemda, months: list[tuple[int, int]]
) -> list[tuple[str, float | None]]:
    """[(YYYY-MM, value)] for each (year, month) given, in that order."""
    out = []
    for year, month in months:
        start = datetime.date(year, month, 1)
        end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        out.append((f"{year:04d}-{month:02d}", value(key, pemda, start, end)))
    return out
